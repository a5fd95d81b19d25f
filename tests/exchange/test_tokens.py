"""Tokens at the source: format, hashing, and every reason to refuse one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from mare.errors import InvalidValue, NotFound, Unauthenticated
from mare.exchange import Hub, Keys, OrgKind, Principal, Role, parties, tokens
from mare.store.tables import api_tokens
from tests.exchange.conftest import KEYS


def _token(hub: Hub, operator: Principal, user: str, days: int | None = None) -> str:
    with hub.context(operator) as ctx:
        secret, _row = tokens.create_token(ctx, user, days)
    return secret


def test_a_token_stands_for_its_user(parties_hub: Hub, operator: Principal) -> None:
    secret = _token(parties_hub, operator, "hub-super", 30)
    assert secret.startswith("mare_") and len(secret.split(".", 1)[1]) >= 43
    principal = tokens.authenticate(parties_hub, secret, "  case 7  ")
    assert (principal.user, principal.organisation, principal.role, principal.kind) == (
        "hub-super",
        "HUB",
        Role.SUPERVISOR,
        OrgKind.HUB,
    )
    assert principal.purpose == "case 7" and principal.token == secret[5:17]


def test_the_hash_is_keyed(parties_hub: Hub, operator: Principal) -> None:
    secret = _token(parties_hub, operator, "de-inv")
    with parties_hub.store.engine.connect() as conn:
        stored = conn.execute(sa.select(api_tokens.c.hash)).scalars().all()
    assert KEYS.token_hash(secret) in stored
    assert Keys.from_secret("other").token_hash(secret) not in stored
    other = Hub(parties_hub.store, Keys.from_secret("other"))
    with pytest.raises(Unauthenticated):
        tokens.authenticate(other, secret)


def test_refusals(parties_hub: Hub, operator: Principal) -> None:
    with parties_hub.context(operator) as ctx:
        with pytest.raises(NotFound):
            tokens.create_token(ctx, "nobody")
        with pytest.raises(InvalidValue):
            tokens.create_token(ctx, "de-inv", 0)
        with pytest.raises(InvalidValue):
            tokens.create_token(ctx, "de-inv", 3651)
        parties.set_user_active(ctx, "it-inv", False)
        with pytest.raises(InvalidValue, match="deactivated"):
            tokens.create_token(ctx, "it-inv")
    secret = _token(parties_hub, operator, "de-inv", 1)
    with parties_hub.store.engine.begin() as conn:
        conn.execute(
            api_tokens.update()
            .where(api_tokens.c.id == secret[5:17])
            .values(expires_at=datetime.now(UTC) - timedelta(minutes=1))
        )
    with pytest.raises(Unauthenticated, match="expired"):
        tokens.authenticate(parties_hub, secret)
    for raw in ("", "mare_", "bearer", secret.replace(".", "_")):
        with pytest.raises(Unauthenticated, match="not valid"):
            tokens.authenticate(parties_hub, raw)


def test_revoke_and_list(parties_hub: Hub, operator: Principal) -> None:
    secret = _token(parties_hub, operator, "hub-analyst")
    analyst = tokens.authenticate(parties_hub, secret)
    with parties_hub.context(analyst) as ctx:
        assert [t.id for t in tokens.list_tokens(ctx)] == [analyst.token]
        tokens.revoke_token(ctx, str(analyst.token))
    with pytest.raises(Unauthenticated, match="revoked"):
        tokens.authenticate(parties_hub, secret)
