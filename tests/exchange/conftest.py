"""A hub on a real store (SQLite and PostgreSQL), with a few parties."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from mare.exchange import Hub, Keys, OrgKind, Principal, Role, parties
from mare.settings import Settings
from mare.store import Store

KEYS = Keys.from_secret("test-secret")


@pytest.fixture
def hub(store: Store) -> Iterator[Hub]:
    yield Hub(store, KEYS)


@pytest.fixture
def operator() -> Principal:
    return Principal.operator(Settings(user="ops", organisation="HUB"))


@pytest.fixture
def parties_hub(hub: Hub, operator: Principal) -> Hub:
    """The hub, two partners and one user of each role."""
    with hub.context(operator) as ctx:
        parties.add_organisation(ctx, "HUB", "The hub", None, OrgKind.HUB)
        parties.add_organisation(ctx, "DE-BKA", "Bundeskriminalamt", "DE", OrgKind.PARTNER)
        parties.add_organisation(ctx, "IT-SCO", "Servizio Centrale", "it", OrgKind.PARTNER)
        parties.add_user(ctx, "de-inv", "DE-BKA", Role.INVESTIGATOR, "Doris Inv")
        parties.add_user(ctx, "it-inv", "IT-SCO", Role.INVESTIGATOR, "Ivo Inv")
        parties.add_user(ctx, "hub-analyst", "HUB", Role.ANALYST, "Ana Lyst")
        parties.add_user(ctx, "hub-super", "HUB", Role.SUPERVISOR, "Sue Pervisor")
        parties.add_user(ctx, "hub-admin", "HUB", Role.ADMIN, "Adam Min")
    return hub
