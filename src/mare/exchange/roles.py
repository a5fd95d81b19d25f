"""Kinds of organisation and the roles of their users.

Partner units (national police, border, customs) have investigators; the hub
has analysts, supervisors (who are also the data-protection officers) and
administrators. A partner user is always an investigator: the hub keeps the
directory, so no partner can appoint its own administrator (a later phase may
add one scoped to its own organisation).
"""

from __future__ import annotations

from enum import StrEnum

from mare.errors import InvalidValue


class OrgKind(StrEnum):
    PARTNER = "partner"  # a partner unit, with its country
    HUB = "hub"  # the hub itself (no country)

    @classmethod
    def parse(cls, text: str) -> OrgKind:
        try:
            return cls(text.strip().lower())
        except ValueError:
            raise InvalidValue(
                f"unknown organisation kind {text!r}; expected partner or hub", field="kind"
            ) from None


class Role(StrEnum):
    INVESTIGATOR = "investigator"  # a partner's investigator
    ANALYST = "analyst"  # a hub analyst
    SUPERVISOR = "supervisor"  # supervisor / data-protection officer
    ADMIN = "admin"  # administrator of the directory

    @classmethod
    def parse(cls, text: str) -> Role:
        try:
            return cls(text.strip().lower())
        except ValueError:
            known = ", ".join(r.value for r in cls)
            raise InvalidValue(
                f"unknown role {text!r}; expected one of {known}", field="role"
            ) from None

    @property
    def kinds(self) -> frozenset[OrgKind]:
        """The kinds of organisation whose users may have this role."""
        if self is Role.INVESTIGATOR:
            return frozenset({OrgKind.PARTNER})
        return frozenset({OrgKind.HUB})


def check_role(role: Role, kind: OrgKind) -> None:
    """Refuse a role the organisation's kind may not have."""
    if kind not in role.kinds:
        allowed = ", ".join(sorted(r.value for r in Role if kind in r.kinds))
        raise InvalidValue(
            f"a {kind.value} organisation's users may be {allowed}, not {role.value}",
            field="role",
        )
