"""The store: one object over SQLite or PostgreSQL, the same contract on both."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import ARRAY, Connection, Engine, Row, Table, Text, any_, bindparam, func, select
from sqlalchemy.exc import SQLAlchemyError

from mare.errors import StoreError
from mare.store import engine as engines
from mare.store.checkpoint import Checkpointer
from mare.store.tables import entities, identifiers, rejects, sources, statements

Rows = Sequence[dict[str, Any]]


@lru_cache(maxsize=64)
def _insert_sql(dialect: str, table: str, columns: tuple[str, ...]) -> str:
    mark = "%s" if dialect == "postgresql" else "?"
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join([mark] * len(columns))
    return f'INSERT INTO "{table}" ({names}) VALUES ({marks}) ON CONFLICT DO NOTHING'


class Writer:
    """Writes inside one transaction: everything or nothing of a batch lands."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._pg = conn.dialect.name == "postgresql"

    def insert_new(self, table: Table, rows: Rows) -> None:
        """Insert rows whose primary key is not there yet; existing rows are left as they are.

        The hot path of ingest: one plain DBAPI executemany, with the column
        types' bind processing applied only where a column has one (memoised,
        since a batch repeats its timestamps).
        """
        if not rows:
            return
        columns = tuple(rows[0])
        pick = itemgetter(*columns) if len(columns) > 1 else lambda r: (r[columns[0]],)
        sql = _insert_sql(self.conn.dialect.name, table.name, columns)
        processors: list[tuple[int, Callable[[Any], Any], dict[Any, Any]]] = []
        for index, name in enumerate(columns):
            column_type = table.c[name].type.dialect_impl(self.conn.dialect)
            bind = column_type.bind_processor(self.conn.dialect)
            if bind is not None:
                processors.append((index, bind, {}))
        if processors:
            data: list[tuple[Any, ...]] = []
            for row in rows:
                values = list(pick(row))
                for index, proc, memo in processors:
                    value = values[index]
                    try:
                        values[index] = memo[value]
                    except KeyError:
                        values[index] = memo[value] = proc(value)
                data.append(tuple(values))
        else:
            data = [pick(row) for row in rows]
        self.conn.exec_driver_sql(sql, data)

    def held_entities(self, ids: Iterable[str]) -> dict[str, Row[Any]]:
        """The rows held for these entity ids (absent ids are left out)."""
        ids = list(ids)
        found: dict[str, Row[Any]] = {}
        if self._pg:
            # One array parameter; planned each time, since a plan cached while
            # the table was small scans it whole once it has grown (measured:
            # 100x slower at 100k entities).
            self.conn.exec_driver_sql("SET LOCAL plan_cache_mode = force_custom_plan")
            query = select(entities).where(
                entities.c.id == any_(bindparam("ids", ids, ARRAY(Text)))
            )
            found.update({row.id: row for row in self.conn.execute(query)})
            self.conn.exec_driver_sql("SET LOCAL plan_cache_mode = auto")
            return found
        for start in range(0, len(ids), 500):
            query = select(entities).where(entities.c.id.in_(ids[start : start + 500]))
            found.update({row.id: row for row in self.conn.execute(query)})
        return found

    def held_owners(self, ids: Iterable[str]) -> dict[str, set[str]]:
        """The organisations holding statements of these (held) entities."""
        ids = sorted(ids)
        found: dict[str, set[str]] = {}
        for start in range(0, len(ids), 500):
            query = (
                select(statements.c.entity_id, statements.c.owner)
                .where(statements.c.entity_id.in_(ids[start : start + 500]))
                .distinct()
            )
            for entity_id, owner in self.conn.execute(query):
                found.setdefault(entity_id, set()).add(owner)
        return found

    def put_entities(self, rows: Rows, held: dict[str, Row[Any]]) -> None:
        """Insert new entities; widen the schema and seen-range of held ones where needed.

        ``held`` is what `held_entities` returned for these ids in this transaction.
        """
        new = [row for row in rows if row["id"] not in held]
        self.insert_new(entities, new)
        changed = []
        for row in rows:
            old = held.get(row["id"])
            if old is None:
                continue
            update = {
                "key": row["id"],
                "schema": row["schema"],
                "first_seen": min(old.first_seen, row["first_seen"]),
                "last_seen": max(old.last_seen, row["last_seen"]),
            }
            if (update["schema"], update["first_seen"], update["last_seen"]) != (
                old.schema,
                old.first_seen,
                old.last_seen,
            ):
                changed.append(update)
        if changed:
            stmt = (
                entities.update()
                .where(entities.c.id == bindparam("key"))
                .values(
                    schema=bindparam("schema"),
                    first_seen=bindparam("first_seen"),
                    last_seen=bindparam("last_seen"),
                )
            )
            self.conn.execute(stmt, changed)

    def update_source(self, source_id: str, **values: Any) -> None:
        self.conn.execute(sources.update().where(sources.c.id == source_id).values(**values))


class Store:
    """Entity store over an SQLAlchemy engine; open it with `Store.open`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._checkpointer: Checkpointer | None = None
        path = engines.sqlite_file(engine)
        if path is not None:
            self._checkpointer = Checkpointer(path).start()
            weakref.finalize(self, self._checkpointer.close)

    @classmethod
    def open(cls, url: str, *, migrate: bool = True) -> Store:
        engine = engines.create(url)
        if migrate:
            engines.migrate(engine)
        return cls(engine)

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()
        if self._checkpointer is not None:
            self._checkpointer.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def writer(self) -> Iterator[Writer]:
        """One transaction; an exception (or a kill) leaves nothing of it behind."""
        try:
            with self.engine.begin() as conn:
                yield Writer(conn)
        except SQLAlchemyError as exc:
            raise StoreError(f"write failed: {exc}") from exc

    def _all(self, query: Any) -> list[Row[Any]]:
        with self.engine.connect() as conn:
            return list(conn.execute(query))

    # -- sources ---------------------------------------------------------
    def source(self, source_id: str) -> Row[Any] | None:
        rows = self._all(select(sources).where(sources.c.id == source_id))
        return rows[0] if rows else None

    def sources(self) -> list[Row[Any]]:
        return self._all(select(sources).order_by(sources.c.received_at, sources.c.id))

    # -- statements and entities ----------------------------------------
    def statements(self, entity_id: str) -> list[Row[Any]]:
        query = (
            select(statements)
            .where(statements.c.entity_id == entity_id)
            .order_by(statements.c.prop, statements.c.value, statements.c.first_seen)
        )
        return self._all(query)

    def entity(self, entity_id: str) -> Row[Any] | None:
        rows = self._all(select(entities).where(entities.c.id == entity_id))
        return rows[0] if rows else None

    def iter_statements(self, chunk: int = 10_000) -> Iterator[Row[Any]]:
        """Every statement, grouped by entity (ordered by entity id), streamed."""
        last: tuple[str, str] | None = None
        while True:
            query = select(statements).order_by(statements.c.entity_id, statements.c.id)
            if last is not None:
                query = query.where(
                    (statements.c.entity_id > last[0])
                    | ((statements.c.entity_id == last[0]) & (statements.c.id > last[1]))
                )
            rows = self._all(query.limit(chunk))
            if not rows:
                return
            yield from rows
            last = (rows[-1].entity_id, rows[-1].id)

    def lookup(self, key: str) -> list[Row[Any]]:
        """Statements indexed under a normalised identifier key."""
        query = (
            select(identifiers.c.key, identifiers.c.valid, statements)
            .join(statements, statements.c.id == identifiers.c.statement_id)
            .where(identifiers.c.key == key)
            .order_by(statements.c.entity_id)
        )
        return self._all(query)

    def rejects(self, source_id: str | None = None) -> list[Row[Any]]:
        query = select(rejects).order_by(rejects.c.created_at, rejects.c.file, rejects.c.line)
        if source_id is not None:
            query = query.where(rejects.c.source_id == source_id)
        return self._all(query)

    def counts(self) -> dict[str, int]:
        result: dict[str, int] = {}
        with self.engine.connect() as conn:
            for table in (sources, entities, statements, identifiers, rejects):
                result[table.name] = conn.execute(
                    select(func.count()).select_from(table)
                ).scalar_one()
        return result
