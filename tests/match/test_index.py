"""Cross-checking on arrival: the stored index, hits kept current, generic keys, benign values."""

from __future__ import annotations

from pathlib import Path

import orjson
from sqlalchemy import func, select

from mare.ingest import Defaults, Ingestor
from mare.match.benign import BenignList
from mare.match.blocking import GENERIC
from mare.match.index import key_hash, reindex, stored_hits
from mare.store import Store
from mare.store.tables import match_key_counts, match_records
from tests.conftest import EXAMPLES


def _file(tmp_path: Path, name: str, *entities: dict[str, object]) -> Path:
    path = tmp_path / name
    path.write_bytes(b"".join(orjson.dumps(e) + b"\n" for e in entities))
    return path


def _person(eid: str, **props: list[str]) -> dict[str, object]:
    return {"id": eid, "schema": "Person", "properties": props}


def _hits(store: Store) -> dict[frozenset[str], object]:
    with store.engine.connect() as conn:
        return {frozenset((r.left_id, r.right_id)): r for r in stored_hits(conn)}


def test_arrivals_are_checked_against_everything_held(store: Store) -> None:
    ingestor = Ingestor(store)
    first = ingestor.ingest(EXAMPLES / "persons.ftm.jsonl", Defaults(owner="GR-HP"))
    assert first.checked > 0
    # within the first file: the Latin and the Arabic-script record of one man
    pair = frozenset(("gr-hp-p-001", "gr-hp-p-002"))
    assert pair in {frozenset((h.left.id, h.right.id)) for h in first.hits}
    second = ingestor.ingest(
        EXAMPLES / "arrests.csv", Defaults(owner="IT-SCO"), EXAMPLES / "arrests.yml"
    )
    found = _hits(store)
    assert found[pair].band == "match"  # type: ignore[attr-defined]
    # the Italian arrest record holds the Greek passport: found as it arrived
    arrested = [h for h in second.hits if "gr-hp-p-001" in (h.left.id, h.right.id)]
    assert arrested and arrested[0].band == "match"
    reasons = arrested[0].result.reasons
    assert reasons[0].feature == "identifier:document"
    assert reasons[0].left == reasons[0].right == "document:eg:A12345678"


def test_resending_changes_nothing(store: Store) -> None:
    ingestor = Ingestor(store)
    ingestor.ingest(EXAMPLES / "persons.ftm.jsonl", Defaults(owner="GR-HP"))
    before = _hits(store)
    again = ingestor.ingest(EXAMPLES / "persons.ftm.jsonl", Defaults(owner="GR-HP"))
    assert again.checked == 0 and again.hits == []
    assert {k: (v.score, v.reasons) for k, v in _hits(store).items()} == {  # type: ignore[attr-defined]
        k: (v.score, v.reasons)  # type: ignore[attr-defined]
        for k, v in before.items()
    }


def test_a_pair_scores_the_same_whichever_arrives_last(tmp_path: Path) -> None:
    a = _person("x-1", name=["Yonas Tesfay Gebremariam"], birthDate=["1990-03-04"])
    b = _person("x-2", name=["ዮናስ ተስፋይ"], birthDate=["1990-03-04"], nationality=["er"])
    results = []
    for order, name in (((a, b), "ab"), ((b, a), "ba")):
        with Store.open(f"sqlite:///{tmp_path / name}.db") as store:
            ingestor = Ingestor(store)
            for n, entity in enumerate(order):
                ingestor.ingest(_file(tmp_path, f"{name}{n}.jsonl", entity), Defaults(owner="X"))
            row = _hits(store)[frozenset(("x-1", "x-2"))]
            results.append((row.score, row.band, row.reasons))  # type: ignore[attr-defined]
    assert results[0] == results[1]
    assert results[0][1] == "match"


def test_hits_follow_new_evidence(store: Store, tmp_path: Path) -> None:
    ingestor = Ingestor(store)
    ingestor.ingest(
        _file(
            tmp_path,
            "one.jsonl",
            _person("y-1", name=["Omar Haddad"], birthDate=["1990-06-01"]),
            _person("y-2", name=["Omar Haddad"]),
        ),
        Defaults(owner="A"),
    )
    pair = frozenset(("y-1", "y-2"))
    assert _hits(store)[pair].band == "review"  # type: ignore[attr-defined]
    # another partner gives y-2 the same birth date: the hit is rescored on arrival
    report = ingestor.ingest(
        _file(tmp_path, "two.jsonl", _person("y-2", birthDate=["01/06/1990"])), Defaults(owner="B")
    )
    assert report.checked == 1
    row = _hits(store)[pair]
    assert row.band == "match"  # type: ignore[attr-defined]
    assert "birth_date" in row.reasons  # type: ignore[attr-defined]
    # and a third says y-1 is someone else's date of birth entirely: both dates are kept,
    # the best agreement counts (people give several dates)
    ingestor.ingest(
        _file(tmp_path, "three.jsonl", _person("y-1", birthDate=["1971-02-03"])),
        Defaults(owner="C"),
    )
    assert _hits(store)[pair].band == "match"  # type: ignore[attr-defined]


def test_a_passport_arriving_later_links_its_holder(store: Store, tmp_path: Path) -> None:
    ingestor = Ingestor(store)
    ingestor.ingest(
        _file(tmp_path, "p.jsonl", _person("z-1", name=["Karim Nasser"])), Defaults(owner="A")
    )
    ingestor.ingest(
        _file(
            tmp_path,
            "d.jsonl",
            {
                "id": "z-d",
                "schema": "Passport",
                "properties": {"holder": ["z-1"], "number": ["N0012345"], "country": ["SY"]},
            },
        ),
        Defaults(owner="B"),
    )
    # the same passport under another name: document fraud, a link whatever the names
    report = ingestor.ingest(
        _file(
            tmp_path,
            "other.jsonl",
            _person("z-2", name=["Yusuf Ahmadi"]),
            {
                "id": "z-d2",
                "schema": "Passport",
                "properties": {"holder": ["z-2"], "number": ["N 0012345"], "country": ["Syria"]},
            },
        ),
        Defaults(owner="C"),
    )
    (hit,) = [h for h in report.hits if {h.left.id, h.right.id} == {"z-1", "z-2"}]
    assert hit.band == "link"
    assert hit.result.reasons[0].feature == "identifier:document"


def test_generic_keys_link_nobody_and_are_reported(store: Store, tmp_path: Path) -> None:
    hotline = "+33 1 23 45 67 89"
    crowd = [
        _person(f"g-{n}", name=[f"Person{n} Someone{n}"], phone=[hotline])
        for n in range(GENERIC + 1)
    ]
    ingestor = Ingestor(store)
    ingestor.ingest(_file(tmp_path, "crowd.jsonl", *crowd), Defaults(owner="A"))
    with store.engine.connect() as conn:
        count = conn.execute(
            select(match_key_counts.c.n).where(
                match_key_counts.c.key == key_hash("phone:+33123456789")
            )
        ).scalar_one()
    assert count == GENERIC + 1
    report = ingestor.ingest(
        _file(tmp_path, "late.jsonl", _person("g-late", name=["Late Comer"], phone=[hotline])),
        Defaults(owner="B"),
    )
    assert report.hits == []
    assert report.generic == {"phone:+33123456789": GENERIC + 2}


def test_benign_values_link_nobody(store: Store, tmp_path: Path) -> None:
    listed = tmp_path / "benign.csv"
    listed.write_text("value,kind,reason\n+33 6 12 34 56 78,phone,rescue hotline\n")
    people = (
        _person("b-1", name=["Karim Haddad"], phone=["+33612345678"]),
        _person("b-2", name=["Omar Said"], phone=["0033 6 12 34 56 78"]),
    )
    plain = Ingestor(store, cross_check=True).ingest(
        _file(tmp_path, "b.jsonl", *people), Defaults(owner="A")
    )
    assert [h.band for h in plain.hits] == ["link"]
    with Store.open(f"sqlite:///{tmp_path / 'benign.db'}") as other:
        known = BenignList.load(listed)
        report = Ingestor(other, benign=known).ingest(
            _file(tmp_path, "b.jsonl", *people), Defaults(owner="A")
        )
        assert report.hits == []


def test_reindex_rebuilds_the_same_hits(store: Store) -> None:
    ingestor = Ingestor(store)
    ingestor.ingest(EXAMPLES / "persons.ftm.jsonl", Defaults(owner="GR-HP"))
    ingestor.ingest(EXAMPLES / "message-it.json", Defaults())
    ingestor.ingest(EXAMPLES / "arrests.csv", Defaults(owner="IT-SCO"), EXAMPLES / "arrests.yml")
    before = {k: v for k, v in _hits(store).items()}  # type: ignore[attr-defined]
    with store.engine.connect() as conn:
        records = conn.execute(select(func.count()).select_from(match_records)).scalar_one()
    done: list[int] = []
    reindex(store, lambda n, total: done.append(total))
    after = {k: v for k, v in _hits(store).items()}  # type: ignore[attr-defined]
    # The same pairs in the same bands; scores may move a little, since name
    # and birth-day rarity are read from the counts when a pair is scored.
    assert {k: v.band for k, v in after.items()} == {k: v.band for k, v in before.items()}
    assert before and all(abs(after[k].score - before[k].score) < 0.02 for k in before)
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(match_records)).scalar_one() == records
    assert done and done[-1] == store.counts()["entities"]


def test_reindex_in_worker_processes_is_the_same(store: Store) -> None:
    ingestor = Ingestor(store)
    ingestor.ingest(EXAMPLES / "persons.ftm.jsonl", Defaults(owner="GR-HP"))
    ingestor.ingest(EXAMPLES / "arrests.csv", Defaults(owner="IT-SCO"), EXAMPLES / "arrests.yml")

    def state() -> tuple[object, ...]:
        with store.engine.connect() as conn:
            records = conn.execute(
                select(
                    match_records.c.entity_id, match_records.c.record, match_records.c["keys"]
                ).order_by(match_records.c.entity_id)
            ).all()
            counts = conn.execute(
                select(match_key_counts.c.key, match_key_counts.c.n).order_by(
                    match_key_counts.c.key
                )
            ).all()
        found = {k: (v.score, v.band, v.reasons) for k, v in _hits(store).items()}  # type: ignore[attr-defined]
        return records, counts, found

    one = reindex(store, chunk=3)
    first = state()
    two = reindex(store, chunk=3, workers=2)
    assert state() == first and first[2]
    assert (two.checked, two.bands()) == (one.checked, one.bands())


def test_ingest_without_cross_check_leaves_the_index_alone(store: Store) -> None:
    Ingestor(store, cross_check=False).ingest(
        EXAMPLES / "persons.ftm.jsonl", Defaults(owner="GR-HP")
    )
    assert _hits(store) == {}
