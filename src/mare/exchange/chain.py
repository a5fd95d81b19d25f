"""The audit chain's arithmetic: canonical encoding, entry hashes, mark texts.

An entry's hash is SHA-256 over the canonical encoding of every column but
``hash`` itself, ``prev_hash`` included: JSON with sorted keys, no spaces,
UTF-8, timestamps as ISO 8601 UTC with microseconds, dates as ISO 8601, and
the JSON columns (``object_ids``, ``recipients``, ``detail``) as the exact text
stored. Anyone holding the rows can recompute it; no key is needed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

import orjson

GENESIS = "0" * 64  # the prev_hash of the first entry ever written

FIELDS = (
    "seq",
    "at",
    "actor_user",
    "actor_org",
    "actor_role",
    "action",
    "operation",
    "purpose",
    "object_type",
    "object_ids",
    "recipients",
    "outcome",
    "detail",
    "keep_until",
    "prev_hash",
)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        stamp = value if value.tzinfo else value.replace(tzinfo=UTC)
        return stamp.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def canonical(entry: Mapping[str, Any]) -> bytes:
    """The bytes an entry's hash is taken over."""
    return orjson.dumps({name: _plain(entry[name]) for name in FIELDS}, option=orjson.OPT_SORT_KEYS)


def entry_hash(entry: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical(entry)).hexdigest()


def mark_text(name: str, seq: int, hash_: str) -> str:
    """What the head or a checkpoint signs: where the chain stands."""
    return f"mare-audit:{name}:{seq}:{hash_}"
