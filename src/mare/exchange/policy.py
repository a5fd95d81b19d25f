"""Who may do what: role permissions, and THE hook that decides on each item of data.

Two questions, two functions, one module, so the access rules live in one place:

- `require` — may this principal use this operation at all (by role)?
- `decide` — may this principal see (``READ``, ``EXPORT``) or find by
  cross-checking (``SEARCH``) this item of data, held under these
  restrictions? Every path that shows, finds or exports data asks it, item by
  item; `mare.exchange.holdings` gathers the facts it needs into a `Holding`.
  The rules are the table in docs/exchange.md ("Access rules"), in its order.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from mare.errors import Forbidden
from mare.exchange.principal import Principal
from mare.exchange.roles import Role


class Permission(StrEnum):
    DIRECTORY_READ = "directory.read"  # organisations: who is in the exchange
    ORGANISATIONS_MANAGE = "organisations.manage"
    USERS_READ = "users.read"
    USERS_MANAGE = "users.manage"
    TOKENS_OWN = "tokens.own"  # create, list and revoke one's own tokens
    TOKENS_ANY = "tokens.any"  # ... and anyone's
    AUDIT_READ = "audit.read"
    AUDIT_VERIFY = "audit.verify"
    DATA_READ = "data.read"  # entity reads, search, export; each item still goes through `decide`
    MESSAGES_SEND = "messages.send"  # post messages, upload attachments
    MESSAGES_READ = "messages.read"  # each message still goes through `decide`
    CHECK = "check"  # cross-check entities against the hub (hit/no-hit)
    CASES = "cases"  # open cases, take part in them
    CASES_OVERSEE = "cases.oversee"  # any case's record; participants and status of any case
    DISCLOSE = "disclose"  # grant or refuse disclosure of one's own data
    OVERRIDE = "override"  # emergency release (imminent threat to life)
    REVIEW = "review"  # retention: list what is due, keep an item to a later review, erase it


EVERYONE = frozenset(Role)
# Administrators keep the directory; they read no operational data (the person
# who decides who has access is not one who uses it).
OPERATIONAL = frozenset({Role.INVESTIGATOR, Role.ANALYST, Role.SUPERVISOR})
GRANTS: dict[Permission, frozenset[Role]] = {
    Permission.DIRECTORY_READ: EVERYONE,
    Permission.ORGANISATIONS_MANAGE: frozenset({Role.ADMIN}),
    Permission.USERS_READ: frozenset({Role.ADMIN}),
    Permission.USERS_MANAGE: frozenset({Role.ADMIN}),
    Permission.TOKENS_OWN: EVERYONE,
    Permission.TOKENS_ANY: frozenset({Role.ADMIN}),
    Permission.AUDIT_READ: frozenset({Role.SUPERVISOR}),
    Permission.AUDIT_VERIFY: frozenset({Role.SUPERVISOR}),
    Permission.DATA_READ: OPERATIONAL,
    Permission.MESSAGES_SEND: OPERATIONAL,
    Permission.MESSAGES_READ: OPERATIONAL,
    Permission.CHECK: OPERATIONAL,
    Permission.CASES: OPERATIONAL,
    Permission.CASES_OVERSEE: frozenset({Role.SUPERVISOR}),
    Permission.DISCLOSE: OPERATIONAL,
    Permission.OVERRIDE: frozenset({Role.SUPERVISOR}),
    Permission.REVIEW: frozenset({Role.SUPERVISOR}),
}


def allows(principal: Principal, permission: Permission) -> bool:
    return principal.role in GRANTS[permission]


def require(principal: Principal, permission: Permission) -> None:
    """Refuse (`Forbidden`) an operation the principal's role does not grant."""
    if not allows(principal, permission):
        raise Forbidden(f"the {principal.role.value} role may not use {permission.value}")


class Access(StrEnum):
    """What the principal wants to do with an item of data."""

    READ = "read"  # see its content
    SEARCH = "search"  # find it by cross-checking (a hit, or at least hit/no-hit)
    EXPORT = "export"  # take it out of the hub: the same rule as READ, audited as export


# Data-subject categories partners may cross-check (docs/domain.md).
SEARCHABLE = frozenset({"suspect", "potential_offender"})
# Categories the hub's analysts see only with a stated purpose (and minors).
SENSITIVE = frozenset({"victim", "witness", "informant"})


@dataclass(frozen=True, slots=True)
class Holding:
    """Everything the rules look at about one item (a statement, or a message).

    ``recipients`` are those of the message the item came in; ``members`` the
    participants of the open cases its owner shared it into; ``granted`` the
    organisations it was released to (the owner's grant, or an override).
    ``person``: the item is a value of a person; ``subjects``: for an item that
    is not (a passport, an account), the categories of the persons it belongs
    to; ``minor``: the person (or one it belongs to) is, or may be, under 18.
    ``restricted``: its owner restricted the item (held, processed for no one else).
    """

    owner: str
    handling: str  # H0..H3
    category: str | None = None  # data-subject category, persons only
    restriction: str | None = None  # H3's free text
    recipients: frozenset[str] = frozenset()
    members: frozenset[str] = frozenset()
    granted: frozenset[str] = frozenset()
    person: bool = False
    subjects: frozenset[str] = frozenset()
    minor: bool = False
    restricted: bool = False
    statement: str | None = None
    entity: str | None = None

    @property
    def sensitive(self) -> bool:
        """About a victim, witness, informant or minor: the hub sees it only with a purpose."""
        if self.minor:
            return True
        if self.person:
            return self.category in SENSITIVE
        return not self.subjects.isdisjoint(SENSITIVE)

    @property
    def partner_searchable(self) -> bool:
        """Partners may cross-check it: suspects and potential offenders (not minors), and
        items about nobody in particular (a vessel, a company, an unlinked document)."""
        if self.minor:
            return False
        if self.person:
            return self.category in SEARCHABLE
        return self.subjects <= SEARCHABLE


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    reason: str


def _may_read(principal: Principal, holding: Holding) -> Decision:
    org = principal.organisation
    if org in holding.granted:
        return Decision(True, "released to you by the owner's grant or an override")
    if org in holding.recipients:
        return Decision(True, "a recipient of the message it came in")
    if org in holding.members:
        if holding.handling == "H2":
            return Decision(False, "H2: not passed on to case participants who were not recipients")
        return Decision(True, "a participant of a case its owner shared it into")
    return Decision(False, "not shared with you")


def decide(principal: Principal, access: Access, holding: Holding) -> Decision:
    """THE access hook: every path that shows, finds or exports data asks it, item by item.

    The rules of docs/exchange.md ("Access rules"), first match wins; deny by default.
    """
    if not allows(principal, Permission.DATA_READ):
        return Decision(False, "administrators read no operational data")
    if holding.owner == principal.organisation:
        return Decision(True, "owner")
    if holding.restricted:
        return Decision(False, "restricted by its owner: processed for no one else")
    purpose = bool(principal.purpose)
    if principal.at_hub and holding.sensitive and not purpose:
        return Decision(False, "victims, witnesses, informants and minors: state a purpose")
    if access is Access.SEARCH:
        if principal.at_hub:
            if not holding.partner_searchable and not purpose:
                return Decision(False, "not searchable without a stated purpose")
            return Decision(True, "the hub cross-checks for analysis")
        if not holding.partner_searchable:
            return Decision(False, "partners cross-check suspects and potential offenders only")
        return Decision(True, "partners cross-check suspects and potential offenders")
    return _may_read(principal, holding)


@dataclass(frozen=True, slots=True)
class Marks:
    """What must travel with an item to everyone who sees it."""

    not_for_court: bool
    not_for_court_reason: str | None
    restriction: str | None


NOT_FOR_COURT = "H1: not to be used in judicial proceedings without the provider's permission"


def marks(handling: str, restriction: str | None) -> Marks:
    """H1 is marked not for court; H3 carries its restriction text (every output)."""
    h1 = handling == "H1"
    return Marks(h1, NOT_FOR_COURT if h1 else None, restriction if handling == "H3" else None)
