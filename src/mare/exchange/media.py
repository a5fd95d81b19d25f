"""The media types an attachment may have, each recognised by its content.

The declared type is not trusted: the content must start with the type's
magic bytes (a PDF with ``%PDF-``, a PNG with its eight-byte signature), and
text types must be UTF-8 without NUL bytes (JSON must also parse). Anything
else — executables, archives, office files that are ZIP archives carrying
anything — is refused.
"""

from __future__ import annotations

from collections.abc import Callable

import orjson


def _starts(*signatures: bytes) -> Callable[[bytes], bool]:
    return lambda content: content.startswith(signatures)


def _text(content: bytes) -> bool:
    if b"\x00" in content:
        return False
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _json(content: bytes) -> bool:
    if not _text(content):
        return False
    try:
        orjson.loads(content)
    except orjson.JSONDecodeError:
        return False
    return True


def _webp(content: bytes) -> bool:
    return content[:4] == b"RIFF" and content[8:12] == b"WEBP"


# media type -> how its content is recognised
ALLOWED: dict[str, Callable[[bytes], bool]] = {
    "application/pdf": _starts(b"%PDF-"),
    "image/jpeg": _starts(b"\xff\xd8\xff"),
    "image/png": _starts(b"\x89PNG\r\n\x1a\n"),
    "image/gif": _starts(b"GIF87a", b"GIF89a"),
    "image/tiff": _starts(b"II*\x00", b"MM\x00*"),
    "image/webp": _webp,
    "text/plain": _text,
    "text/csv": _text,
    "application/json": _json,
}


def media_type(declared: str | None) -> str:
    """The declared type without parameters (``text/plain; charset=utf-8``), lower case."""
    return (declared or "").split(";", 1)[0].strip().lower()


def problem(declared: str, content: bytes) -> str | None:
    """Why this content may not be stored under this type, or None."""
    check = ALLOWED.get(declared)
    if check is None:
        known = ", ".join(sorted(ALLOWED))
        return f"media type {declared or '(none)'!r} is not allowed; allowed: {known}"
    if not content:
        return "an attachment may not be empty"
    if not check(content):
        return f"the content is not {declared}: its bytes say otherwise"
    return None
