"""Entity reads go through the access hook: data ingested on the command line (no
recipients, no case) is seen by its owner only; administrators read no data at all."""

from __future__ import annotations

from pathlib import Path

import orjson

from mare.ingest import Defaults, Ingestor
from tests.api.conftest import Api
from tests.conftest import EXAMPLES


def _ingest(api: Api, tmp_path: Path) -> None:
    ingestor = Ingestor(api.hub.store, cross_check=False)
    ingestor.ingest(EXAMPLES / "persons.ftm.jsonl", Defaults(owner="DE-BKA", category="suspect"))
    extra = tmp_path / "it.jsonl"
    entity = {"id": "gr-hp-p-001", "schema": "Person", "properties": {"alias": ["Abu Hamid"]}}
    extra.write_bytes(orjson.dumps(entity) + b"\n")
    ingestor.ingest(extra, Defaults(owner="IT-SCO", handling="H2", category="witness"))


def test_the_owner_reads_its_own_values_with_provenance(api: Api, tmp_path: Path) -> None:
    _ingest(api, tmp_path)
    response = api.get("de-inv", "/api/v1/entities/gr-hp-p-001")
    assert response.status_code == 200, response.text
    entity = response.json()
    assert entity["id"] == "gr-hp-p-001" and entity["schema"] == "Person"
    owners = {s["owner"] for s in entity["statements"]}
    assert owners == {"DE-BKA"}
    assert all(s["category"] == "suspect" and s["review_date"] for s in entity["statements"])
    assert "Abu Hamid" not in response.text
    italian = api.get("it-inv", "/api/v1/entities/gr-hp-p-001").json()
    assert [s["value"] for s in italian["statements"]] == ["Abu Hamid"]
    assert italian["statements"][0]["handling"] == "H2"


def test_others_get_404_and_the_log_says_what_was_withheld(api: Api, tmp_path: Path) -> None:
    _ingest(api, tmp_path)
    assert api.get("hub-admin", "/api/v1/entities/gr-hp-p-002").status_code == 403
    for user in ("hub-analyst", "hub-super"):
        response = api.get(user, "/api/v1/entities/gr-hp-p-002")
        assert response.status_code == 404, user
        assert response.json()["error"]["code"] == "not_found"
        missing = api.get(user, "/api/v1/entities/no-such-entity")
        assert missing.json()["error"]["message"].startswith("no entity")
    held, absent = api.audit()[-2:]
    assert held["operation"] == absent["operation"] == "entity.read"
    assert held["outcome"] == "denied" and held["detail"]["withheld"] > 0
    assert absent["detail"]["withheld"] == 0
    assert len([e for e in api.audit() if e["operation"] == "entity.read"]) == 5  # once each
    assert api.get("it-inv", "/api/v1/entities/gr-hp-p-002").status_code == 404
