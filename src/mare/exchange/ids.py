"""The hub's own ids for messages, cases and hits: time-ordered, unguessable.

``m-``, ``c-`` or ``h-``, then the time in milliseconds (12 hex digits), then
40 random bits: ids sort in the order they were made (keyset pagination
lists them oldest first), and knowing one says nothing about the next.
"""

from __future__ import annotations

import re
import secrets
import time

MESSAGE, CASE, HIT = "m", "c", "h"
PATTERN = r"^[mch]-[0-9a-f]{22}$"
_ID = re.compile(PATTERN)


def new_id(kind: str) -> str:
    return f"{kind}-{int(time.time() * 1000):012x}{secrets.token_hex(5)}"


def pattern(kind: str) -> str:
    """The OpenAPI pattern of one kind of id."""
    return f"^{kind}-[0-9a-f]{{22}}$"


def valid(text: str, kind: str) -> bool:
    return bool(_ID.match(text)) and text.startswith(f"{kind}-")
