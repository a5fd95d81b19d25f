"""The directory: organisations, users, the role rules, and who may change them."""

from __future__ import annotations

import pytest

from mare.errors import Conflict, Forbidden, InvalidValue, NotFound
from mare.exchange import Hub, OrgKind, Principal, Role, parties
from mare.exchange.policy import GRANTS, Permission, allows
from mare.exchange.roles import check_role


def _as(user: str, org: str, role: Role, kind: OrgKind) -> Principal:
    return Principal(user=user, organisation=org, role=role, kind=kind)


INVESTIGATOR = _as("de-inv", "DE-BKA", Role.INVESTIGATOR, OrgKind.PARTNER)
ANALYST = _as("hub-analyst", "HUB", Role.ANALYST, OrgKind.HUB)


def test_roles_by_kind_of_organisation() -> None:
    check_role(Role.INVESTIGATOR, OrgKind.PARTNER)
    for role in (Role.ANALYST, Role.SUPERVISOR, Role.ADMIN):
        check_role(role, OrgKind.HUB)
        with pytest.raises(InvalidValue):
            check_role(role, OrgKind.PARTNER)
    with pytest.raises(InvalidValue):
        check_role(Role.INVESTIGATOR, OrgKind.HUB)
    with pytest.raises(InvalidValue, match="unknown role"):
        Role.parse("dpo")
    assert Role.parse(" Supervisor ") is Role.SUPERVISOR


def test_every_permission_is_granted_to_someone() -> None:
    assert set(GRANTS) == set(Permission)
    assert allows(ANALYST, Permission.DIRECTORY_READ)
    assert not allows(ANALYST, Permission.AUDIT_READ)
    assert not allows(INVESTIGATOR, Permission.USERS_READ)


def test_organisations_are_checked(parties_hub: Hub, operator: Principal) -> None:
    with parties_hub.context(operator) as ctx:
        with pytest.raises(Conflict):
            parties.add_organisation(ctx, "DE-BKA", "Again", "DE", OrgKind.PARTNER)
        with pytest.raises(InvalidValue, match="country"):
            parties.add_organisation(ctx, "XX-1", "No country", None, OrgKind.PARTNER)
        with pytest.raises(InvalidValue, match="no country"):
            parties.add_organisation(ctx, "HUB-2", "Second hub", "NL", OrgKind.HUB)
        with pytest.raises(InvalidValue, match="id"):
            parties.add_organisation(ctx, "-bad", "Bad id", "NL", OrgKind.PARTNER)
        with pytest.raises(InvalidValue, match="name"):
            parties.add_organisation(ctx, "NL-KMAR", "   ", "NL", OrgKind.PARTNER)
        row = parties.add_organisation(
            ctx, "NL-KMAR", " Koninklijke   Marechaussee ", "nl", OrgKind.PARTNER
        )
    assert (row.name, row.country, row.active) == ("Koninklijke Marechaussee", "NL", True)


def test_only_administrators_change_the_directory(parties_hub: Hub) -> None:
    for who in (INVESTIGATOR, ANALYST):
        with parties_hub.context(who) as ctx:
            with pytest.raises(Forbidden):
                parties.add_organisation(ctx, "FR-X", "X", "FR", OrgKind.PARTNER)
            with pytest.raises(Forbidden):
                parties.add_user(ctx, "x", "DE-BKA", Role.INVESTIGATOR, "X")
            with pytest.raises(Forbidden):
                parties.set_user_active(ctx, "it-inv", False)
            with pytest.raises(Forbidden):
                parties.list_users(ctx)


def test_users_read_themselves_only(parties_hub: Hub) -> None:
    with parties_hub.context(INVESTIGATOR) as ctx:
        assert parties.user(ctx, "de-inv").organisation == "DE-BKA"
        with pytest.raises(Forbidden):
            parties.user(ctx, "it-inv")
        assert parties.me(ctx).id == "de-inv"


def test_user_rules(parties_hub: Hub, operator: Principal) -> None:
    with parties_hub.context(operator) as ctx:
        with pytest.raises(InvalidValue, match="no organisation"):
            parties.add_user(ctx, "x", "NOWHERE", Role.INVESTIGATOR, "X")
        with pytest.raises(Conflict):
            parties.add_user(ctx, "de-inv", "DE-BKA", Role.INVESTIGATOR, "Again")
        with pytest.raises(NotFound):
            parties.set_user_active(ctx, "nobody", False)
        assert parties.set_user_active(ctx, "it-inv", False).active is False
        listed = parties.list_users(ctx, organisation="IT-SCO")
    assert [u.id for u in listed] == ["it-inv"]
