"""Who is asking: the one object every read and write path receives."""

from __future__ import annotations

from dataclasses import dataclass, replace

from mare.exchange.roles import OrgKind, Role
from mare.settings import Settings

MAX_PURPOSE = 500


@dataclass(frozen=True, slots=True)
class Principal:
    """A user of an organisation, with a role, asking for a purpose.

    ``token`` is the id of the API token the request came with (None on the
    command line); ``via`` says which door it came through (``api`` or ``cli``).
    """

    user: str
    organisation: str
    role: Role
    kind: OrgKind
    purpose: str | None = None
    token: str | None = None
    via: str = "api"

    @property
    def at_hub(self) -> bool:
        return self.kind is OrgKind.HUB

    def has(self, *roles: Role) -> bool:
        return self.role in roles

    def for_purpose(self, purpose: str | None) -> Principal:
        """The same principal asking for a stated purpose (trimmed, at most 500 characters)."""
        text = (purpose or "").strip()[:MAX_PURPOSE] or None
        return replace(self, purpose=text)

    @classmethod
    def operator(cls, settings: Settings, purpose: str | None = None) -> Principal:
        """Whoever runs the command line: a hub administrator (shell access to the store
        is administration), named by ``MARE_USER`` and ``MARE_ORGANISATION``."""
        return cls(
            user=settings.user,
            organisation=settings.organisation,
            role=Role.ADMIN,
            kind=OrgKind.HUB,
            via="cli",
        ).for_purpose(purpose)
