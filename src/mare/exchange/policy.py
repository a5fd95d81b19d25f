"""Who may do what: role permissions, and THE hook that decides on each item of data.

Two questions, two functions, one module, so the access rules live in one place:

- `require` — may this principal use this operation at all (by role)?
- `decide` — may this principal see this item of data, held under these
  restrictions? Phase 1 answers only for the owner: the owner always sees its
  own data and everyone else is denied (deny by default). Phase 2 replaces the
  body of `decide` with the full rules (handling codes, recipients, case
  membership, data-subject categories, disclosure grants, the emergency
  override) and every path that already calls it obeys them at once.
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
    DATA_READ = "data.read"  # entity reads; each item still goes through `decide`


EVERYONE = frozenset(Role)
GRANTS: dict[Permission, frozenset[Role]] = {
    Permission.DIRECTORY_READ: EVERYONE,
    Permission.ORGANISATIONS_MANAGE: frozenset({Role.ADMIN}),
    Permission.USERS_READ: frozenset({Role.ADMIN}),
    Permission.USERS_MANAGE: frozenset({Role.ADMIN}),
    Permission.TOKENS_OWN: EVERYONE,
    Permission.TOKENS_ANY: frozenset({Role.ADMIN}),
    Permission.AUDIT_READ: frozenset({Role.SUPERVISOR}),
    Permission.AUDIT_VERIFY: frozenset({Role.SUPERVISOR}),
    Permission.DATA_READ: EVERYONE,
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
    SEARCH = "search"  # find it by cross-checking
    EXPORT = "export"  # take it out of the hub


@dataclass(frozen=True, slots=True)
class Holding:
    """The restrictions an item of data is held under (a statement, for now)."""

    owner: str
    handling: str  # H0..H3
    category: str | None = None  # data-subject category, persons only
    restriction: str | None = None  # H3's free text


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    reason: str


def decide(principal: Principal, access: Access, holding: Holding) -> Decision:
    """THE access hook: every path that shows, finds or exports data asks it, item by item.

    Phase 1: owner only, deny by default.
    """
    if holding.owner == principal.organisation:
        return Decision(True, "owner")
    return Decision(False, "not the data owner")
