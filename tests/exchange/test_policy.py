"""The access rules at the source: `policy.decide` over the table of docs/exchange.md."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from mare.exchange import OrgKind, Principal, Role
from mare.exchange.holdings import latest_birth, may_be_minor
from mare.exchange.policy import Access, Holding, decide, marks

DE = Principal("de-inv", "DE", Role.INVESTIGATOR, OrgKind.PARTNER)
IT = Principal("it-inv", "IT", Role.INVESTIGATOR, OrgKind.PARTNER)
FR = Principal("fr-inv", "FR", Role.INVESTIGATOR, OrgKind.PARTNER)
ANALYST = Principal("ana", "HUB", Role.ANALYST, OrgKind.HUB)
SUPERVISOR = Principal("sup", "HUB", Role.SUPERVISOR, OrgKind.HUB)
ADMIN = Principal("adm", "HUB", Role.ADMIN, OrgKind.HUB)

SUSPECT = Holding("DE", "H0", "suspect", recipients=frozenset({"IT", "HUB"}), person=True)


def allowed(who: Principal, held: Holding, access: Access = Access.READ) -> bool:
    return decide(who, access, held).allowed


def test_the_owner_always_sees_its_own_data() -> None:
    for handling in ("H0", "H1", "H2", "H3"):
        for category in ("suspect", "victim", "informant", None):
            held = Holding("DE", handling, category, person=True, minor=category is None)
            assert allowed(DE, held) and allowed(DE, held, Access.SEARCH)


def test_administrators_read_no_data_not_even_the_hubs() -> None:
    assert not allowed(ADMIN, replace(SUSPECT, owner="HUB"))
    assert not allowed(ADMIN, SUSPECT, Access.SEARCH)


def test_recipients_read_outsiders_do_not() -> None:
    assert allowed(IT, SUSPECT) and allowed(ANALYST, SUSPECT)
    assert not allowed(FR, SUSPECT)
    assert not allowed(ANALYST, replace(SUSPECT, recipients=frozenset({"IT"})))


def test_case_members_read_what_was_shared_into_the_case_but_h2() -> None:
    shared = replace(SUSPECT, recipients=frozenset({"IT"}), members=frozenset({"DE", "FR"}))
    for handling in ("H0", "H1", "H3"):
        assert allowed(FR, replace(shared, handling=handling))
    h2 = replace(shared, handling="H2")
    assert not allowed(FR, h2)
    assert allowed(IT, h2)  # a recipient keeps reading it
    assert allowed(FR, replace(h2, granted=frozenset({"FR"})))  # the owner's grant


def test_a_grant_releases_to_that_organisation_only() -> None:
    held = Holding("DE", "H2", "suspect", person=True, granted=frozenset({"IT"}))
    assert allowed(IT, held) and not allowed(FR, held)


def test_the_hub_reads_victims_witnesses_informants_and_minors_only_with_a_purpose() -> None:
    for held in (
        replace(SUSPECT, category="victim"),
        replace(SUSPECT, category="witness"),
        replace(SUSPECT, category="informant"),
        replace(SUSPECT, minor=True),
        Holding("DE", "H0", recipients=frozenset({"HUB"}), subjects=frozenset({"victim"})),
    ):
        for who in (ANALYST, SUPERVISOR):
            assert not allowed(who, held), held
            assert allowed(who.for_purpose("analysis of OP-X"), held), held
    assert allowed(ANALYST, replace(SUSPECT, category="contact"))
    # a purpose opens nothing that was not shared with the hub
    stated = ANALYST.for_purpose("analysis")
    assert not allowed(stated, replace(SUSPECT, category="victim", recipients=frozenset()))


def test_partners_cross_check_suspects_and_potential_offenders_only() -> None:
    outsider = Holding("DE", "H2", person=True)
    for category in ("suspect", "potential_offender"):
        assert allowed(FR, replace(outsider, category=category), Access.SEARCH)
        assert not allowed(FR, replace(outsider, category=category))  # hit/no-hit
    for category in ("contact", "victim", "witness", "informant", None):
        assert not allowed(FR, replace(outsider, category=category), Access.SEARCH)
        assert not allowed(IT, replace(SUSPECT, category=category), Access.SEARCH)
    assert not allowed(FR, replace(outsider, category="suspect", minor=True), Access.SEARCH)
    vessel = Holding("DE", "H2")
    assert allowed(FR, vessel, Access.SEARCH)
    passport = Holding("DE", "H0", subjects=frozenset({"witness"}))
    assert not allowed(FR, passport, Access.SEARCH)


def test_the_hub_cross_checks_the_others_with_a_purpose() -> None:
    held = Holding("DE", "H2", "contact", person=True)
    assert not allowed(ANALYST, held, Access.SEARCH)
    assert allowed(ANALYST.for_purpose("network analysis"), held, Access.SEARCH)
    assert allowed(SUPERVISOR, replace(held, category="suspect"), Access.SEARCH)


def test_export_follows_read() -> None:
    assert allowed(IT, SUSPECT, Access.EXPORT) and not allowed(FR, SUSPECT, Access.EXPORT)


def test_marks_travel_with_h1_and_h3() -> None:
    h1 = marks("H1", None)
    assert h1.not_for_court and h1.not_for_court_reason and "judicial" in h1.not_for_court_reason
    h3 = marks("H3", "only for OP-X")
    assert h3.restriction == "only for OP-X" and not h3.not_for_court
    assert marks("H0", "stray").restriction is None


@pytest.mark.parametrize(
    ("norm", "minor"),
    [
        ("2010-05-03", True),
        ("2008-12-02", False),  # eighteen today
        ("2008-12-03", True),  # eighteen tomorrow
        ("2008", True),  # may be born late in 2008
        ("2007", False),
        ("2008-11", False),
        ("2008-12", True),
        ("not-a-date", False),
    ],
)
def test_a_person_may_be_a_minor(norm: str, minor: bool) -> None:
    assert may_be_minor(norm, date(2026, 12, 2)) is minor


def test_partial_birth_dates_are_read_as_late_as_they_can_be() -> None:
    assert latest_birth("2000") == date(2000, 12, 31)
    assert latest_birth("2000-02") == date(2000, 2, 29)
    assert latest_birth("2000-02-03") == date(2000, 2, 3)
