"""The ground truth (``truth.jsonl``): one JSON object a line, each with a ``kind``.

Things (what really exists): ``person`` (with its identities, role, networks,
decoy group), ``network``, ``phone``, ``document``, ``vessel``, ``account``,
``post`` (``advert`` true or false), ``address``, ``bank_account``,
``payment``, ``call``, ``handset``, ``vehicle``, ``organisation``, ``link``.
Messages: ``message`` (file, sender, event, network). Records: ``record``, one
per entity per message, naming the thing the entity is (``thing``), the
identity for people, the identifier values and the things they name
(``values``), the noise applied, and flags (``decoy_group``, ``benign``,
``forged``, ``advert``, ``smuggling``, ``rejected``). Faults: ``malformed``,
one per deliberate fault, with the field and the reason the hub gives.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import orjson


class TruthWriter:
    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.lines = 0

    def __call__(self, item: dict[str, Any]) -> None:
        self.handle.write(orjson.dumps(item) + b"\n")
        self.lines += 1


def read(path: Path) -> Iterator[dict[str, Any]]:
    """Every line of a truth file."""
    with Path(path).open("rb") as handle:
        for line in handle:
            if line.strip():
                yield orjson.loads(line)
