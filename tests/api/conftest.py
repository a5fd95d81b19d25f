"""The API in-process (TestClient: real HTTP semantics, real store), with a token per role."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx2 as httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from mare.api import create_app
from mare.exchange import Hub, OrgKind, Principal, Role, parties, tokens
from mare.exchange.audit import as_dict, entries
from mare.settings import Settings
from tests.exchange.conftest import hub, operator, parties_hub  # noqa: F401 (fixtures)

ATTACHMENT_CAP = 16 * 1024
USERS = ("de-inv", "it-inv", "hub-analyst", "hub-super", "hub-admin")
# Streams end quickly here, so a test client that reads a whole response gets one.
SETTINGS = Settings(
    max_request_bytes=64 * 1024,
    max_attachment_bytes=ATTACHMENT_CAP,
    sse_poll_seconds=0.02,
    sse_max_seconds=0.1,
)


@dataclass
class Api:
    client: TestClient
    hub: Hub
    app: FastAPI
    tokens: dict[str, str] = field(default_factory=dict)
    token_ids: dict[str, str] = field(default_factory=dict)

    def auth(self, user: str, **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[user]}", **extra}

    def get(self, who: str, url: str, **params: str | int) -> httpx.Response:
        return self.client.get(url, headers=self.auth(who), params=params)

    def audit(self) -> list[dict[str, Any]]:
        """Every audit entry, oldest first, JSON columns decoded."""
        with self.hub.store.engine.connect() as conn:
            return [as_dict(row) for row in entries(conn, limit=1_000_000)]


def issue(on: Hub, by: Principal, user: str) -> tuple[str, str]:
    with on.context(by) as ctx:
        secret, row = tokens.create_token(ctx, user)
    return secret, row.id


@pytest.fixture
def api(parties_hub: Hub, operator: Principal) -> Iterator[Api]:  # noqa: F811
    app = create_app(SETTINGS, parties_hub)
    with TestClient(app, raise_server_exceptions=False) as client:
        made = Api(client, parties_hub, app)
        for user in USERS:
            made.tokens[user], made.token_ids[user] = issue(parties_hub, operator, user)
        yield made


@pytest.fixture
def xapi(api: Api, operator: Principal) -> Api:  # noqa: F811
    """The API with a third partner (FR-OC, user fr-inv) for multilateral exchanges."""
    with api.hub.context(operator) as ctx:
        parties.add_organisation(ctx, "FR-OC", "Office central", "FR", OrgKind.PARTNER)
        parties.add_user(ctx, "fr-inv", "FR-OC", Role.INVESTIGATOR, "Fanny Inv")
    api.tokens["fr-inv"], api.token_ids["fr-inv"] = issue(api.hub, operator, "fr-inv")
    return api
