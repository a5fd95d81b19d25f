"""Contract tests of the store: the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from mare.errors import StoreError
from mare.store import Store
from mare.store.engine import head_revision, normalise_url
from mare.store.tables import entities, identifiers, metadata, statements

NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def _statement(sid: str, entity_id: str, value: str) -> dict[str, object]:
    return {
        "id": sid,
        "entity_id": entity_id,
        "schema": "Person",
        "prop": "phone",
        "prop_type": "phone",
        "value": value,
        "norm": value,
        "valid": True,
        "reason": None,
        "source_id": "src",
        "owner": "GR-HP",
        "handling": "H0",
        "restriction": None,
        "evaluation": "X4",
        "category": "suspect",
        "first_seen": NOW,
        "last_seen": NOW,
        "review_date": NOW.date(),
    }


def test_migrations_build_exactly_the_tables(store: Store) -> None:
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn)
        assert context.get_current_revision() == head_revision()
        assert compare_metadata(context, metadata) == []


def test_reopening_is_a_no_op(store_url: str) -> None:
    with Store.open(store_url) as first, first.writer() as w:
        w.insert_new(statements, [_statement("s1", "e1", "+1")])
    with Store.open(store_url) as second:
        assert second.counts()["statements"] == 1


def test_insert_new_keeps_the_first_row(store: Store) -> None:
    with store.writer() as w:
        w.insert_new(statements, [_statement("s1", "e1", "+1")])
    with store.writer() as w:
        w.insert_new(statements, [_statement("s1", "e1", "+2"), _statement("s2", "e1", "+3")])
    values = sorted(r.value for r in store.statements("e1"))
    assert values == ["+1", "+3"]


def test_a_failed_transaction_leaves_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.writer() as w:
        w.insert_new(statements, [_statement("s1", "e1", "+1")])
        raise RuntimeError("crash mid-batch")
    assert store.counts()["statements"] == 0


def _put(store: Store, rows: list[dict[str, object]]) -> None:
    with store.writer() as w:
        w.put_entities(rows, w.held_entities(str(r["id"]) for r in rows))


def test_timestamps_come_back_aware_and_equal(store: Store) -> None:
    _put(store, [{"id": "e1", "schema": "Person", "first_seen": NOW, "last_seen": NOW}])
    row = store.entity("e1")
    assert row is not None
    assert row.first_seen == NOW
    assert row.first_seen.tzinfo is not None


def test_put_widens_seen_range_and_schema(store: Store) -> None:
    later = NOW.replace(year=2027)
    _put(store, [{"id": "e1", "schema": "LegalEntity", "first_seen": later, "last_seen": later}])
    _put(store, [{"id": "e1", "schema": "Person", "first_seen": NOW, "last_seen": NOW}])
    _put(store, [{"id": "e1", "schema": "Person", "first_seen": later, "last_seen": later}])
    row = store.entity("e1")
    assert row is not None
    assert (row.schema, row.first_seen, row.last_seen) == ("Person", NOW, later)


def test_identifier_lookup_joins_statements(store: Store) -> None:
    with store.writer() as w:
        w.insert_new(statements, [_statement("s1", "e1", "+1"), _statement("s2", "e2", "+1")])
        w.insert_new(
            identifiers,
            [
                {"key": "phone:+1", "statement_id": "s1", "entity_id": "e1", "valid": True},
                {"key": "phone:+1", "statement_id": "s2", "entity_id": "e2", "valid": True},
            ],
        )
    assert [r.entity_id for r in store.lookup("phone:+1")] == ["e1", "e2"]
    assert store.lookup("phone:+2") == []


def test_held_entities_in_chunks(store: Store) -> None:
    rows = [
        {"id": f"e{i}", "schema": "Person", "first_seen": NOW, "last_seen": NOW}
        for i in range(1200)
    ]
    _put(store, rows)
    with store.writer() as w:
        found = w.held_entities([f"e{i}" for i in range(0, 1300, 2)])
    assert len(found) == 600
    assert {row.schema for row in found.values()} == {"Person"}
    assert store.counts()["entities"] == 1200
    assert entities.name == "entities"


def test_bad_urls_are_clear_errors(tmp_path: object) -> None:
    with pytest.raises(StoreError, match="unsupported database"):
        Store.open("mysql://localhost/x")
    with pytest.raises(StoreError, match="does not exist"):
        Store.open("sqlite:////no/such/folder/mare.db")


def test_url_forms() -> None:
    assert normalise_url("data/mare.db") == "sqlite:///data/mare.db"
    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"


def test_bulk_and_core_writes_store_timestamps_alike(store: Store) -> None:
    """Rows written by the bulk path compare and sort like rows written through Core."""
    import sqlalchemy as sa

    early = NOW.replace(microsecond=0)
    later = NOW.replace(microsecond=500)
    with store.writer() as w:
        w.insert_new(statements, [_statement("s1", "e1", "+1") | {"first_seen": early}])
        w.conn.execute(statements.insert(), [_statement("s2", "e1", "+2") | {"first_seen": later}])
    with store.engine.connect() as conn:
        query = sa.select(statements.c.id).where(statements.c.first_seen >= early)
        assert sorted(r.id for r in conn.execute(query)) == ["s1", "s2"]
        query = sa.select(statements.c.id).where(statements.c.first_seen > early)
        assert [r.id for r in conn.execute(query)] == ["s2"]
