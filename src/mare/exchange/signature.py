"""Webhook signatures: what the hub sends in ``X-Mare-Signature`` and how a receiver checks it.

``sha256=`` and the hex HMAC-SHA256, under the webhook's secret, of the
``X-Mare-Timestamp`` value, a dot, and the raw body. The timestamp is signed
with the body, so a receiver that refuses old timestamps refuses replays.
"""

from __future__ import annotations

import hashlib
import hmac
import time

TOLERANCE = 300  # seconds a receiver should accept between X-Mare-Timestamp and its clock


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """``sha256=`` and the hex HMAC-SHA256, under the secret, of ``timestamp.body``."""
    mac = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def verify(
    secret: str, timestamp: str, body: bytes, header: str, *, now: float | None = None
) -> bool:
    """What a receiver checks: the signature, and a timestamp within five minutes."""
    if not (timestamp.isascii() and timestamp.isdigit()):
        return False
    age = abs((time.time() if now is None else now) - int(timestamp))
    return age <= TOLERANCE and hmac.compare_digest(signature(secret, timestamp, body), header)
