"""Schemathesis over the whole OpenAPI spec, in-process, with real tokens.

Every operation is called with generated requests (the spec's examples, its
boundaries, valid and invalid data): no response may be a server error, and
every response must match the spec (status, content type, body schema).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings

from mare.api import create_app
from mare.exchange import Hub, OrgKind, Principal, Role, parties, tokens
from mare.settings import Settings
from mare.store import Store
from tests.exchange.conftest import KEYS

# Ids no generator will stumble on, so fuzzing cannot deactivate the callers.
HUB, ADMIN, SUPERVISOR = "HUB-FUZZ-CENTRAL-0001", "fuzz-admin-0001", "fuzz-supervisor-0001"


@pytest.fixture
def fuzzed(tmp_path: Path) -> Iterator[tuple[FastAPI, dict[str, str]]]:
    hub = Hub(Store.open(f"sqlite:///{tmp_path / 'fuzz.db'}"), KEYS)
    operator = Principal.operator(Settings(user="ops", organisation=HUB))
    with hub.context(operator) as ctx:
        parties.add_organisation(ctx, HUB, "The hub", None, OrgKind.HUB)
        parties.add_organisation(ctx, "DE-BKA", "Bundeskriminalamt", "DE", OrgKind.PARTNER)
        parties.add_user(ctx, ADMIN, HUB, Role.ADMIN, "Admin")
        parties.add_user(ctx, SUPERVISOR, HUB, Role.SUPERVISOR, "Supervisor")
        admin, _ = tokens.create_token(ctx, ADMIN)
        supervisor, _ = tokens.create_token(ctx, SUPERVISOR)
    # streams (GET /notifications/stream) end at once, so each call returns
    settings = Settings(max_request_bytes=64 * 1024, sse_poll_seconds=0.01, sse_max_seconds=0.0)
    app = create_app(settings, hub)
    yield app, {"admin": f"Bearer {admin}", "supervisor": f"Bearer {supervisor}"}
    hub.close()


@schemathesis.serializer("application/pdf", "image/tiff")
def _binary(_ctx: object, value: object) -> bytes:
    """Attachments are raw bytes: send what was generated as it is."""
    return value if isinstance(value, bytes) else str(value).encode("utf-8")


# Schema-valid data may still break a rule that depends on what is held (a partner
# organisation's users can only be investigators; the hub has no country): 422.
# Invalid data may also be refused for its size before it is read (413: the
# request size limit), which is a rejection like any other.
CONFIG = schemathesis.Config.from_dict(
    {
        "checks": {
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "401", "403", "404", "409", "422"]
            },
            "negative_data_rejection": {
                "expected-statuses": [
                    "400",
                    "401",
                    "403",
                    "404",
                    "405",
                    "406",
                    "409",
                    "413",
                    "415",
                    "422",
                    "428",
                    "429",
                    "5xx",
                ]
            },
        }
    }
)
# Loaded from the app's own spec (no store needed) when the module is collected;
# each test then points the operation at its own app. (The lazy loader,
# `schemathesis.pytest.from_fixture`, relies on a pytest internal that pytest 9.2
# no longer has.)
schema = schemathesis.openapi.from_dict(create_app(Settings()).openapi(), config=CONFIG)


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_its_spec(
    case: schemathesis.Case, fuzzed: tuple[FastAPI, dict[str, str]]
) -> None:
    app, auth = fuzzed
    who = "supervisor" if case.path.startswith("/api/v1/audit") else "admin"
    # This test's app and store (the spec is the one collected above).
    case.operation.app = case.operation.schema.app = app
    # A real token where the case carries the header; a negative case that left
    # the required header out is sent without it (and must be refused).
    if case.headers is not None and "Authorization" in case.headers:
        case.headers["Authorization"] = auth[who]
    case.call_and_validate()
