"""Ingest: read a file, check and normalise every record, write it in atomic batches,
and cross-check what arrived against everything held (`mare.match.index`).

Every batch of records is written in one transaction, so a crash mid-file
leaves no half-written entity; statement ids are derived from source, entity,
property and value, so re-sending the same data changes nothing. Rejected
records and values go to the rejects table with file, line, field and reason,
and the valid rest of the file is kept.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from mare.errors import InputError, RecordError
from mare.ingest import batch as batches
from mare.ingest import envelope as envelopes
from mare.ingest import tabular
from mare.ingest.readers import Item, read_jsonl
from mare.match.benign import BenignList
from mare.match.index import Hit, Index
from mare.model.codes import Evaluation, Handling, SubjectCategory
from mare.model.provenance import Provenance, utcnow
from mare.store import Store
from mare.store.tables import sources

Progress = Callable[[int, int | None], None]


@dataclass(frozen=True, slots=True)
class Defaults:
    """Provenance that applies where the file carries none (the CLI's flags)."""

    owner: str = "hub"
    source: str | None = None
    handling: str = "H0"
    restriction: str | None = None
    evaluation: str | None = None
    grading: str = "4x4"
    category: str | None = None


@dataclass(slots=True)
class Report:
    """What one ingest did."""

    source_id: str
    file: str
    records: int = 0
    statements: int = 0
    invalid_values: int = 0
    entities: set[str] = field(default_factory=set)
    rejects: list[RecordError] = field(default_factory=list)
    checked: int = 0  # records cross-checked (new or changed)
    hits: list[Hit] = field(default_factory=list)
    generic: dict[str, int] = field(default_factory=dict)  # generic keys met, by text


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}", source=str(path)) from exc
    return digest.hexdigest()


def _short(text: str, limit: int = 64) -> str:
    return text if len(text) <= limit else hashlib.sha1(text.encode()).hexdigest()


def source_id_of(sender: str, message_id: str) -> str:
    """The source id of a message: one per sender and sender's message id."""
    return _short(f"msg:{sender}:{message_id}")


class Ingestor:
    """Writes files into a store; one instance can ingest many files."""

    def __init__(
        self,
        store: Store,
        *,
        batch_size: int = 1000,
        progress: Progress | None = None,
        benign: BenignList | None = None,
        cross_check: bool = True,
        own_ids: bool = False,
    ):
        if batch_size < 1:
            raise ValueError("batch_size must be positive")
        self.store = store
        self.batch_size = batch_size
        self.progress = progress
        self.benign = benign
        self.cross_check = cross_check
        # Refuse a record whose entity id is held for another organisation (the
        # exchange's rule for partner messages) instead of merging it.
        self.own_ids = own_ids

    # -- entry point ------------------------------------------------------
    def ingest(self, path: Path, defaults: Defaults, mapping: Path | None = None) -> Report:
        path = Path(path)
        if not path.is_file():
            raise InputError(f"no such file: {path}", source=str(path))
        suffix = path.suffix.lower()
        if suffix in tabular.TABULAR:
            return self._ingest_tabular(path, defaults, mapping)
        if mapping is not None:
            raise InputError("--mapping applies to CSV and Excel files only", source=str(path))
        if suffix == ".json":
            data = self._load_json(path)
            if isinstance(data, dict) and "entities" in data:
                return self._ingest_envelope(data, str(path), _sha256(path))
        return self._ingest_jsonl(path, defaults)

    @staticmethod
    def _load_json(path: Path) -> Any:
        """The whole file as JSON; None when it is JSON lines with a .json suffix."""
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read {path}: {exc.strerror}", source=str(path)) from exc
        try:
            return orjson.loads(content)
        except orjson.JSONDecodeError as exc:
            first = content.lstrip().split(b"\n", 1)[0]
            try:
                if isinstance(orjson.loads(first), dict):
                    return None
            except orjson.JSONDecodeError:
                pass
            raise InputError(f"{path} is not valid JSON: {exc}", source=str(path)) from exc

    def _base(self, defaults: Defaults, source_id: str) -> Provenance:
        try:
            handling = Handling.parse(defaults.handling, defaults.restriction)
            evaluation = Evaluation.parse(defaults.evaluation, defaults.grading)
            category = SubjectCategory.parse(defaults.category)
        except RecordError as exc:
            raise InputError(f"bad provenance flag: {exc}") from exc
        if not defaults.owner.strip():
            raise InputError("the data owner (--owner) must not be empty")
        return Provenance(
            source_id, defaults.owner.strip(), handling, defaults.restriction, evaluation, category
        )

    def _ingest_jsonl(self, path: Path, defaults: Defaults) -> Report:
        digest = _sha256(path)
        source_id = _short(defaults.source or f"file:{digest}")
        base = self._base(defaults, source_id)
        total = path.stat().st_size
        row = self._source_row(base, "file", str(path), sha256=digest)
        return self._run(path, base, row, read_jsonl(path), total)

    def _ingest_tabular(self, path: Path, defaults: Defaults, mapping: Path | None) -> Report:
        if mapping is None:
            raise InputError(f"{path.name} needs a YAML mapping (--mapping)", source=str(path))
        query, options = tabular.load_mapping(mapping, seed=defaults.owner)
        digest = _sha256(path)
        source_id = _short(defaults.source or f"file:{digest}:{_sha256(mapping)[:16]}")
        base = self._base(defaults, source_id)
        row = self._source_row(base, "file", str(path), sha256=digest)
        items = ((item, n) for n, item in enumerate(tabular.read_tabular(path, query, options), 1))
        return self._run(path, base, row, items, None)

    def ingest_message(self, env: envelopes.Envelope, name: str, digest: str) -> Report:
        """Store a parsed message envelope held in memory (the API's entry point):
        the same batches, rejects and cross-check as a file. ``name`` stands for the
        file in the report and the rejects table; ``digest`` is the SHA-256 of the
        message as sent."""
        return self._store_envelope(env, name, digest)

    def _ingest_envelope(self, data: Any, name: str, digest: str) -> Report:
        try:
            env = envelopes.parse_envelope(data)
        except RecordError as exc:
            raise InputError(f"{name}: message rejected: {exc}", source=name) from exc
        return self._store_envelope(env, name, digest)

    def _store_envelope(self, env: envelopes.Envelope, name: str, digest: str) -> Report:
        source_id = source_id_of(env.sender, env.message_id)
        base = Provenance(source_id, env.sender, env.handling, env.restriction, env.evaluation)
        row = self._source_row(
            base,
            "message",
            env.subject or name,
            sender_ref=env.message_id,
            sha256=digest,
            recipients=orjson.dumps(env.recipients).decode(),
            case_ref=env.case,
            reply_to=env.reply_to,
            grading=env.grading,
            body=env.text,
            attachments=orjson.dumps(env.attachments).decode(),
            sent_at=env.sent_at,
        )
        items = ((item, n) for n, item in enumerate(envelopes.envelope_records(env), start=1))
        return self._run(name, base, row, items, len(env.entities))

    # -- source rows --------------------------------------------------------
    def _source_row(self, base: Provenance, kind: str, name: str, **extra: Any) -> dict[str, Any]:
        row: dict[str, Any] = {
            "id": base.source_id,
            "kind": kind,
            "name": name,
            "sha256": None,
            "owner": base.owner,
            "handling": base.handling.value,
            "restriction": base.restriction,
            "evaluation": str(base.evaluation),
            "received_at": utcnow(),
            "status": "partial",
            "records": 0,
            "rejected": 0,
        }
        row.update(extra)
        existing = self.store.source(base.source_id)
        if existing is None:
            with self.store.writer() as w:
                w.insert_new(sources, [row])
            existing = self.store.source(base.source_id)
            assert existing is not None
        for name_ in ("owner", "handling", "evaluation", "kind"):
            if getattr(existing, name_) != row[name_]:
                raise InputError(
                    f"source {base.source_id} is already held with {name_} "
                    f"{getattr(existing, name_)!r}, not {row[name_]!r}; re-send it unchanged "
                    "or give it a new --source"
                )
        return dict(existing._mapping)

    # -- the loop -----------------------------------------------------------
    def _run(
        self,
        path: Path | str,
        base: Provenance,
        source: dict[str, Any],
        items: Iterable[tuple[Item, int]],
        total: int | None,
    ) -> Report:
        seen: datetime = source["sent_at"] or source["received_at"]
        base = Provenance(
            base.source_id,
            base.owner,
            base.handling,
            base.restriction,
            base.evaluation,
            base.category,
            source["received_at"],
        )
        report = Report(base.source_id, str(path))
        position = 0
        batch: list[Item] = []
        pending: tuple[list[Item], int] | None = None  # written when the next batch is full
        for item, position in items:
            batch.append(item)
            if len(batch) >= self.batch_size:
                if pending is not None:
                    self._write(pending[0], base, seen, report, pending[1], total)
                pending, batch = (batch, position), []
        if batch:
            if pending is not None:
                self._write(pending[0], base, seen, report, pending[1], total)
            pending = (batch, position)
        # the last batch completes the source in its own transaction
        if pending is not None:
            self._write(pending[0], base, seen, report, pending[1], total, last=True)
        else:
            with self.store.writer() as w:
                w.update_source(base.source_id, status="complete", records=0, rejected=0)
        if self.progress:
            self.progress(position if total is None else total, total)
        return report

    def _write(
        self,
        batch: list[Item],
        base: Provenance,
        seen: datetime,
        report: Report,
        done: int,
        total: int | None,
        last: bool = False,
    ) -> None:
        prepared = batches.prepare(batch, base, seen)
        with self.store.writer() as w:
            outcome = batches.write(
                w, prepared, base.source_id, report.file, seen, base.owner if self.own_ids else None
            )
            if self.cross_check:
                arrival = Index(w.conn, self.benign).arrive(outcome.entities, base.source_id)
                report.checked += arrival.checked
                report.hits.extend(arrival.hits)
                report.generic.update(arrival.generic)
            if last:
                w.update_source(
                    base.source_id,
                    status="complete",
                    records=report.records + outcome.records,
                    rejected=len(report.rejects) + len(outcome.rejects),
                )
        report.records += outcome.records
        report.statements += outcome.statements
        report.invalid_values += outcome.invalid
        report.entities.update(outcome.entities)
        report.rejects.extend(outcome.rejects)
        if self.progress:
            self.progress(done, total)
