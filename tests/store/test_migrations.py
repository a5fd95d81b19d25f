"""Migrations that move data: 0004 keeps an index written in the earlier layout usable."""

from __future__ import annotations

from collections import Counter

import orjson
import sqlalchemy as sa
from alembic import command

from mare.match.families import PERSON
from mare.match.index import Index
from mare.match.person import PersonRecord
from mare.match.postings import key_hash, pack
from mare.store import Store
from mare.store import engine as engines

PEOPLE = (
    PersonRecord("p-1", names=("Omar Haddad",), birth_dates=("1990-06-01",)),
    PersonRecord("p-2", names=("Omar Hadad",), birth_dates=("1990-06-01",)),
)


def _old_index(conn: sa.Connection) -> dict[int, list[int]]:
    """The index as revision 0003 wrote it: records as JSON objects, postings with
    a second index by record, every count with its key's text."""
    counts: Counter[str] = Counter()
    postings: dict[int, list[int]] = {}
    for num, record in enumerate(PEOPLE, start=1):
        data = {
            "id": record.id,
            "names": list(record.names),
            "birth_dates": list(record.birth_dates),
            "nationalities": [],
            "genders": [],
            "keys": [],
            "addresses": [],
        }
        conn.execute(
            sa.text(
                "INSERT INTO match_records (num, entity_id, family, record) VALUES (:n, :e, :f, :r)"
            ),
            {"n": num, "e": record.id, "f": "person", "r": orjson.dumps(data).decode()},
        )
        keys = PERSON.block_keys(record)
        postings[num] = sorted(key_hash(k) for k in keys)
        conn.execute(
            sa.text("INSERT INTO match_keys (key, num) VALUES (:k, :n)"),
            [{"k": key_hash(k), "n": num} for k in keys],
        )
        counts.update(keys | PERSON.counted(record) | {"#person"})
    conn.execute(
        sa.text("INSERT INTO match_key_counts (key, text, n) VALUES (:k, :t, :n)"),
        [{"k": key_hash(t), "t": t, "n": n} for t, n in counts.items()],
    )
    return postings


def test_0004_keeps_an_index_in_the_earlier_layout(store_url: str) -> None:
    engine = engines.create(store_url)
    config = engines._config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0007")
        postings = _old_index(conn)
    engine.dispose()
    with Store.open(store_url) as store, store.engine.connect() as conn:  # migrates to head
        rows = conn.execute(sa.text("SELECT num, keys FROM match_records ORDER BY num")).all()
        assert {num: bytes(keys) for num, keys in rows} == {
            num: pack(found) for num, found in postings.items()
        }
        texts = conn.execute(sa.text("SELECT text FROM match_key_counts")).scalars().all()
        assert texts and all(text is None for text in texts)  # none is generic
        index = Index(conn)
        assert {h.record for h in index.held([1, 2]).values()} == set(PEOPLE)
        query = PersonRecord("q", names=("Omar Haddad",), birth_dates=("1990-06-01",))
        found = index.check([(PERSON, query, None)], ordered=False)
        assert {h.right.id for h in found.hits} == {"p-1", "p-2"}
