"""The hub as the exchange sees it: the store, the keys, and a context per request.

A `Context` is one transaction on behalf of one `Principal`; every read and
write path of the exchange takes one, and records what it did with
`Context.audit` — the one audit call — in that same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError

from mare.errors import StoreError
from mare.exchange import audit
from mare.exchange.audit import Action, Outcome
from mare.exchange.keys import Keys
from mare.exchange.principal import Principal
from mare.settings import Settings
from mare.store import Store


@dataclass(frozen=True, slots=True)
class Context:
    """One transaction on behalf of one principal."""

    conn: Connection
    keys: Keys
    principal: Principal | None  # None only before authentication
    # What this transaction has learnt and may reuse until it ends (the audit head
    # it last wrote, the organisations it notified ...): never shared between two.
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def audit(
        self,
        action: Action,
        operation: str,
        *,
        object_type: str | None = None,
        object_ids: Iterable[str] = (),
        recipients: Iterable[str] = (),
        outcome: Outcome = Outcome.ALLOWED,
        detail: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        return audit.record(
            self.conn,
            self.keys,
            self.principal,
            action,
            operation,
            object_type=object_type,
            object_ids=object_ids,
            recipients=recipients,
            outcome=outcome,
            detail=detail,
            head=self.memo.setdefault("audit.head", {}),
        )

    @property
    def who(self) -> Principal:
        if self.principal is None:
            raise RuntimeError("this path needs an authenticated principal")
        return self.principal


class Hub:
    """The store and the server-side keys; opens contexts."""

    def __init__(self, store: Store, keys: Keys) -> None:
        self.store = store
        self.keys = keys

    @classmethod
    def open(cls, settings: Settings) -> Hub:
        return cls(Store.open(settings.database_url), Keys.from_settings(settings))

    def close(self) -> None:
        self.store.close()

    @contextmanager
    def context(self, principal: Principal | None) -> Iterator[Context]:
        """One transaction: everything in it, audit entries included, lands or nothing does."""
        try:
            with self.store.engine.begin() as conn:
                yield Context(conn, self.keys, principal)
        except SQLAlchemyError as exc:
            raise StoreError(f"the store failed: {exc}") from exc
