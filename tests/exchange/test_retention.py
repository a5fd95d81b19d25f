"""Retention: items past review are erased with everything derived from them.

The world: DE-BKA sent an item three and a half years ago (a person and their
passport, with an attachment), IT-SCO's contribution since hit it (a
disclosure, granted), DE shared it into a case with IT, an analyst judged the
pair. At review nothing of it survives — checked generically, over every
column of every table of the store — while what was kept with a reason, and
everyone else's data, stays; the index left behind is the one a reindex of
the surviving statements builds.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import orjson
import pytest
import sqlalchemy as sa
from sqlalchemy import String, Text

from mare.errors import Forbidden, InvalidValue, NotFound
from mare.exchange import Hub, OrgKind, Principal, Role, retention, verify
from mare.exchange.audit import as_dict, entries
from mare.match import resolver
from mare.match.index import reindex
from mare.store.retention import retention_decisions
from mare.store.tables import (
    audit_log,
    audit_marks,
    hits,
    match_key_counts,
    match_keys,
    match_records,
    metadata,
    statements,
)
from tests.api import conftest as api_fixtures
from tests.api.conftest import Api
from tests.api.exchange import P, inbox, person, post, send

api = api_fixtures.api  # the API over the hub of tests/exchange/conftest.py (fixture)

OLD = datetime(2023, 6, 1, 9, 30, tzinfo=UTC)  # due for review on 2026-06-01
TODAY = date(2026, 12, 2)
SUPER = Principal("hub-super", "HUB", Role.SUPERVISOR, OrgKind.HUB)
ANALYST = Principal("hub-analyst", "HUB", Role.ANALYST, OrgKind.HUB)
DE = Principal("de-inv", "DE-BKA", Role.INVESTIGATOR, OrgKind.PARTNER)
IT = Principal("it-inv", "IT-SCO", Role.INVESTIGATOR, OrgKind.PARTNER)

NAME, PHONE = "Zorbulak Quentavio", "+218 91 777 0001"
OLD_PERSON = person(
    "de-p-old",
    NAME,
    PHONE,
    email="zorbulak.q@mail.example",
    notes="met at Qarzenfold harbour",
    birthDate="1984-03-17",
)
PASSPORT = {
    "id": "de-doc-old",
    "schema": "Passport",
    "properties": {"holder": ["de-p-old"], "number": ["ZX9988771"], "country": ["ly"]},
}
EXTENDED = person("de-p-ext", "Velmoro Tashkandi", "+218 91 777 0002")
KEPT = person("de-p-keep", "Orlanda Piezmarek", "+218 91 777 0003")
THEIRS = person("it-p-new", NAME, PHONE.replace("+", "00"))
# What only the erased item held: no row anywhere may carry one of these afterwards.
ERASED = ("de-p-old", "de-doc-old", "ZX9988771", "zorbulak.q@", "Qarzenfold", "1984-03-17")
SKIPPED = {audit_log.name, audit_marks.name}  # the log keeps ids (never values) 3 years


def _old(api: Api, monkeypatch: pytest.MonkeyPatch, *args: Any, **fields: Any) -> dict[str, Any]:
    with monkeypatch.context() as patch:
        patch.setattr("mare.ingest.pipeline.utcnow", lambda: OLD)
        return send(api, *args, **fields)


def _world(api: Api, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    upload = api.client.post(
        f"{P}/attachments",
        content=b"statement of the boat's captain",
        headers=api.auth("de-inv", **{"Content-Type": "text/plain"}),
    )
    assert upload.status_code == 201, upload.text
    sha = upload.json()["sha256"]
    old = _old(
        api,
        monkeypatch,
        "de-inv",
        "DE-OLD-1",
        ["HUB"],
        OLD_PERSON,
        PASSPORT,
        subject="old-contribution-subject",
        categories={"de-p-old": "suspect"},
        attachments=[
            {"name": "captain.txt", "sha256": sha, "size": 31, "media_type": "text/plain"}
        ],
    )
    _old(
        api,
        monkeypatch,
        "de-inv",
        "DE-OLD-2",
        ["HUB"],
        EXTENDED,
        categories={"de-p-ext": "suspect"},
    )
    send(api, "de-inv", "DE-NEW-1", ["HUB"], KEPT, categories={"de-p-keep": "suspect"})
    theirs = send(api, "it-inv", "IT-NEW-1", ["HUB"], THEIRS, categories={"it-p-new": "suspect"})
    (hit,) = theirs["hits"]["items"]
    assert hit["visibility"] == "hit_no_hit" and hit["owner"] == "DE-BKA"
    post(api, "de-inv", f"/disclosures/{hit['hit']}/grant", {"reason": "joint operation"})
    case = post(
        api,
        "de-inv",
        "/cases",
        {"reference": "OP-ZORB", "title": "Zorb", "participants": ["IT-SCO"]},
        201,
    )
    post(api, "de-inv", f"/cases/{case['id']}/entities", {"entity": "de-p-old"})
    resolver.judge(api.hub.store, "de-p-old", "it-p-new", resolver.Verdict.SAME, "hub-analyst")
    return {"old": old, "hit": hit["hit"], "case": case["id"], "sha": sha}


def _rows_naming(api: Api, needle: str) -> list[tuple[str, str]]:
    """(table, column) of every row of the store whose text holds ``needle``: every
    table on the metadata, so a table added later is covered too."""
    found = []
    with api.hub.store.engine.connect() as conn:
        for table in metadata.sorted_tables:
            if table.name in SKIPPED:
                continue
            for column in table.columns:
                if not isinstance(column.type, (String, Text)):
                    continue
                query = sa.select(sa.func.count()).where(column.contains(needle, autoescape=True))
                if conn.execute(query.select_from(table)).scalar_one():
                    found.append((table.name, column.name))
    return found


def _index(api: Api) -> dict[str, Any]:
    """The index tables, by entity id (record numbers differ between builds), zero counts
    left out (a count that fell to 0 reads like one never written)."""
    with api.hub.store.engine.connect() as conn:
        nums = {r.num: r.entity_id for r in conn.execute(sa.select(match_records))}
        return {
            "records": sorted(
                (r.entity_id, r.family, r.record, bytes(r.keys))
                for r in conn.execute(sa.select(match_records))
            ),
            "keys": sorted((r.key, nums[r.num]) for r in conn.execute(sa.select(match_keys))),
            "counts": sorted(
                (r.key, r.text, r.n)
                for r in conn.execute(sa.select(match_key_counts).where(match_key_counts.c.n != 0))
            ),
            "hits": sorted(
                (r.left_id, r.right_id, r.family, r.band, r.score, r.reasons)
                for r in conn.execute(sa.select(hits))
            ),
        }


def test_items_past_review_are_erased_with_everything_derived(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = _world(api, monkeypatch)
    for needle in ERASED:
        assert _rows_naming(api, needle), needle  # the scan finds what is there
    with api.hub.context(SUPER) as ctx:
        retention.extend(ctx, "de-p-ext", "ongoing investigation OP-VELMORO", years=2, on=TODAY)
        due = retention.review(ctx, TODAY)
        assert {(d.entity_id, d.owner) for d in due} == {
            ("de-p-old", "DE-BKA"),
            ("de-doc-old", "DE-BKA"),
        }
        assert retention.notify_due(ctx, TODAY, due) == ["DE-BKA"]
        assert retention.notify_due(ctx, TODAY, due) == []  # once a day
    (told,) = [n for n in inbox(api, "DE-BKA") if n["kind"] == "retention.due"]
    assert told["payload"]["total"] == 2
    with api.hub.context(SUPER) as ctx:
        erased = retention.run(ctx, TODAY)
    assert sorted(erased.items) == [("de-doc-old", "DE-BKA"), ("de-p-old", "DE-BKA")]
    assert sorted(erased.gone) == ["de-doc-old", "de-p-old"]

    for needle in (*ERASED, world["old"]["id"], "old-contribution-subject", world["sha"]):
        assert _rows_naming(api, needle) == [], needle
    assert _rows_naming(api, world["hit"]) == []  # the disclosure, its notices, IT's ack
    assert [n for n in inbox(api, "DE-BKA") if n["kind"] == "retention.due"][-1]["payload"] == {
        "due": TODAY.isoformat(),
        "erased": 2,
    }
    with api.hub.store.engine.connect() as conn:
        held = {r.entity_id for r in conn.execute(sa.select(statements.c.entity_id))}
        history = [
            orjson.loads(r.detail) for r in conn.execute(sa.text("SELECT detail FROM case_history"))
        ]
    assert held == {"de-p-ext", "de-p-keep", "it-p-new"}
    assert {"erased": True, "ref": None} in history

    # The index is the one built from scratch on what survived.
    left = _index(api)
    reindex(api.hub.store)
    assert _index(api) == left
    assert not [h for h in left["hits"] if "de-p-old" in h[:2]]

    # A later cross-check of the same values finds nothing of the erased item.
    found = post(api, "it-inv", "/check", {"entities": [person("q-1", NAME, PHONE)]})
    assert [h["owner"] for h in found["items"]] == ["IT-SCO"]

    # What was kept with a reason survived, recorded and audited.
    with api.hub.context(SUPER) as ctx:
        (decision,) = retention.decisions(ctx, "de-p-ext")
    assert decision.reason == "ongoing investigation OP-VELMORO"
    assert decision.review_until == date(2028, 12, 2) and decision.decided_by == "hub-super"
    audit = api.audit()
    (kept,) = [e for e in audit if e["operation"] == "retention.extend"]
    assert kept["actor_user"] == "hub-super" and kept["detail"]["reason"].startswith("ongoing")
    (run,) = [e for e in audit if e["operation"] == "retention.run"]
    assert run["action"] == "erasure" and run["object_ids"] == ["de-doc-old", "de-p-old"]
    assert run["detail"]["rows"]["disclosures"] == 1 and run["detail"]["rows"]["grants"] >= 1
    assert "ZX9988771" not in str(run)


def test_an_extension_needs_a_supervisor_and_a_reason(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    _old(api, monkeypatch, "de-inv", "DE-OLD-2", ["HUB"], EXTENDED)
    for who in (ANALYST, DE):
        with pytest.raises(Forbidden), api.hub.context(who) as ctx:
            retention.extend(ctx, "de-p-ext", "because", on=TODAY)
    with pytest.raises(Forbidden), api.hub.context(ANALYST) as ctx:
        retention.run(ctx, TODAY)
    with api.hub.context(SUPER) as ctx:
        with pytest.raises(InvalidValue):
            retention.extend(ctx, "de-p-ext", "  ", on=TODAY)
        with pytest.raises(InvalidValue):
            retention.extend(ctx, "de-p-ext", "why", years=4, on=TODAY)
        with pytest.raises(InvalidValue):
            retention.extend(ctx, "de-p-ext", "why", until=date(2030, 1, 1), on=TODAY)
        with pytest.raises(NotFound):
            retention.extend(ctx, "nobody", "why", on=TODAY)
        assert [d.entity_id for d in retention.due(ctx, TODAY)] == ["de-p-ext"]


def test_an_owner_erases_its_own_item_and_no_one_elses(api: Api) -> None:
    send(api, "de-inv", "DE-NEW-1", ["HUB"], KEPT, categories={"de-p-keep": "suspect"})
    send(
        api,
        "it-inv",
        "IT-NEW-1",
        ["HUB"],
        person("it-p-orl", "Orlanda Piezmarek", "+218 91 777 0003"),
    )
    with api.hub.store.engine.connect() as conn:
        assert len(conn.execute(sa.select(hits)).all()) == 1
    for who in (IT, ANALYST):
        with pytest.raises(NotFound), api.hub.context(who) as ctx:
            retention.erase_item(ctx, "de-p-keep")
    with api.hub.context(IT) as ctx, pytest.raises(NotFound):
        retention.erase_item(ctx, "de-p-keep", "DE-BKA")
    with api.hub.context(DE) as ctx:
        erased = retention.erase_item(ctx, "de-p-keep")
    assert erased.items == [("de-p-keep", "DE-BKA")] and erased.rows["statements"] == 2
    assert _rows_naming(api, "de-p-keep") == []
    with api.hub.store.engine.connect() as conn:
        kept = conn.execute(sa.select(hits)).all()
        assert conn.execute(sa.select(retention_decisions)).all() == []
    assert kept == []  # the pair went with the erased side
    (entry,) = [e for e in api.audit() if e["operation"] == "entity.erase"]
    assert entry["actor_org"] == "DE-BKA" and entry["action"] == "erasure"


def test_a_restricted_item_is_held_for_its_owner_only(api: Api) -> None:
    send(api, "de-inv", "DE-NEW-1", ["HUB"], KEPT, categories={"de-p-keep": "suspect"})
    query = person("q-1", "Orlanda Piezmarek", "00218917770003")
    assert post(api, "it-inv", "/check", {"entities": [query]})["total"] == 1
    assert api.get("hub-analyst", f"{P}/entities/de-p-keep").status_code == 200
    with pytest.raises(NotFound), api.hub.context(IT) as ctx:
        retention.restrict(ctx, "de-p-keep")
    with api.hub.context(DE) as ctx:
        retention.restrict(ctx, "de-p-keep", "under review by our prosecutor")
    assert post(api, "it-inv", "/check", {"entities": [query]})["total"] == 0
    assert post(api, "hub-analyst", "/check", {"entities": [query]})["total"] == 0
    assert api.get("hub-analyst", f"{P}/entities/de-p-keep").status_code == 404
    assert api.get("hub-super", f"{P}/search", q="orlanda").json()["items"] == []
    assert api.get("de-inv", f"{P}/entities/de-p-keep").status_code == 200
    assert post(api, "de-inv", "/check", {"entities": [query]})["total"] == 1
    with api.hub.context(DE) as ctx:
        retention.unrestrict(ctx, "de-p-keep")
    assert api.get("hub-analyst", f"{P}/entities/de-p-keep").status_code == 200
    assert post(api, "it-inv", "/check", {"entities": [query]})["total"] == 1
    operations = [e["operation"] for e in api.audit()]
    assert operations.count("entity.restrict") == 1 and operations.count("entity.unrestrict") == 1


def test_the_audit_chain_verifies_after_a_purge_and_still_catches_tampering(
    api: Api, hub: Hub
) -> None:
    send(api, "de-inv", "DE-NEW-1", ["HUB"], KEPT)
    with hub.context(SUPER) as ctx:
        head = verify.verify(ctx.conn, ctx.keys).head_seq
        gone = verify.purge(ctx.conn, ctx.keys, date(2040, 1, 1))
    assert gone == head
    send(api, "de-inv", "DE-NEW-2", ["HUB"], EXTENDED)
    with hub.store.engine.connect() as conn:
        verdict = verify.verify(conn, hub.keys)
        kept = [as_dict(r) for r in entries(conn, limit=10)]
    assert verdict.ok and verdict.first_seq == head + 1 and kept[0]["seq"] == head + 1
    with hub.store.engine.begin() as conn:
        conn.execute(
            audit_log.update().where(audit_log.c.seq == head + 2).values(purpose="rewritten")
        )
    with hub.store.engine.connect() as conn:
        broken = verify.verify(conn, hub.keys)
    assert not broken.ok and broken.seq == head + 2 and "altered" in (broken.problem or "")


def test_erasing_one_owners_part_rebuilds_the_entity_from_what_is_left(
    api: Api, tmp_path: Any
) -> None:
    from mare.ingest import Defaults, Ingestor

    def load(owner: str, *records: dict[str, Any]) -> None:
        path = tmp_path / f"{owner}.jsonl"
        path.write_text("".join(orjson.dumps(r).decode() + "\n" for r in records))
        Ingestor(api.hub.store).ingest(path, Defaults(owner=owner, category="suspect"))

    load("DE-BKA", person("x-1", "Tarvik Omundsen", "+218 91 555 0101", birthDate="1990-02-03"))
    load(
        "IT-SCO",
        person("x-1", "Tarvik Omundsen", email="tarvik@mail.example"),
        person("y-1", "T. Omundsen", "+218 91 555 0101"),
    )
    with api.hub.store.engine.connect() as conn:
        before = {(r.left_id, r.right_id) for r in conn.execute(sa.select(hits))}
    assert ("x-1", "y-1") in before
    with api.hub.context(DE) as ctx:
        erased = retention.erase_item(ctx, "x-1")
    assert erased.gone == [] and erased.items == [("x-1", "DE-BKA")]
    left = _index(api)
    assert any(r[0] == "x-1" for r in left["records"])  # IT's part is still indexed
    assert _rows_naming(api, "555 0101") == [("statements", "value")]  # y-1's own phone
    assert _rows_naming(api, "1990-02-03") == []
    reindex(api.hub.store)
    assert _index(api) == left
    with api.hub.store.engine.connect() as conn:
        owners = {r.owner for r in conn.execute(sa.select(statements.c.owner))}
    assert owners == {"IT-SCO"}
