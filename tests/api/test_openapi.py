"""The committed OpenAPI spec is the one the app serves."""

from __future__ import annotations

import json
from pathlib import Path

from mare.cli.serve import openapi_text
from tests.api.conftest import Api

SPEC = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"
REGENERATE = ".venv/bin/mare openapi --out docs/openapi.json"


def test_the_committed_spec_is_current() -> None:
    committed = SPEC.read_text(encoding="utf-8")
    assert committed == openapi_text(), f"docs/openapi.json is out of date: run `{REGENERATE}`"


def test_the_spec_is_served_to_authenticated_callers(api: Api) -> None:
    served = api.get("de-inv", "/api/v1/openapi.json").json()
    assert served == json.loads(SPEC.read_text(encoding="utf-8"))
    assert api.client.get("/api/v1/openapi.json").status_code == 401


def test_every_operation_declares_its_errors_with_the_one_shape() -> None:
    spec = json.loads(SPEC.read_text(encoding="utf-8"))
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            codes = {c for c in operation["responses"] if c.startswith(("4", "5"))}
            expected = {"500"} if path.endswith("/health") else {"401", "403", "404", "422", "500"}
            assert expected <= codes, (method, path, codes)
            for code in codes:
                schema = operation["responses"][code]["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/ErrorBody"}, (method, path, code)
            if path.endswith("/health"):
                assert "security" not in operation
            else:
                assert operation["security"] == [{"HTTPBearer": []}], (method, path)
