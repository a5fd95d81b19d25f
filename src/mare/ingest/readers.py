"""Readers for FtM entity JSON lines; each item is a `Record` or a `RecordError`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import orjson

from mare.errors import InputError, RecordError
from mare.ingest.record import Record

Item = Record | RecordError


def read_jsonl(path: Path) -> Iterator[tuple[Item, int]]:
    """FtM entity JSON lines as `ftm` tools write them; yields (item, bytes read so far)."""
    done = 0
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}", source=str(path)) from exc
    with handle:
        for number, raw in enumerate(handle, start=1):
            done += len(raw)
            if raw.isspace():
                continue
            try:
                data = orjson.loads(raw)  # validates UTF-8 as well
            except orjson.JSONDecodeError as exc:
                text = raw.decode("utf-8", errors="replace").rstrip("\r\n")
                yield RecordError(f"not valid JSON: {exc}", line=number, record=text), done
                continue
            yield Record(number, data, source=raw), done
