"""E-mail addresses: ``mailto:``, ``Name <address>`` and stray punctuation removed,
domain lower-cased and IDNA-encoded, syntax checked loosely (RFC 5322 dot-atom,
UTF-8 local parts allowed).

The key is the whole address in lower case. Gmail ignores dots and ``+tags``
in the local part; that form is ``extra["canonical"]`` (not the key, since
other providers do not ignore them).
"""

from __future__ import annotations

import re
from functools import lru_cache

import idna

from mare.normalize.cleaned import Cleaned

KIND = "email"
SAME_MAILBOX = 0.9  # different addresses that Gmail delivers to one mailbox

_MAILTO = re.compile(r"^mailto:", re.IGNORECASE)
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-\u0080-\U0010ffff]+"
_LOCAL = re.compile(rf"^{_ATOM}(?:\.{_ATOM})*$")
_LABEL = r"(?!-)[a-z0-9-]{1,63}(?<!-)"
_DOMAIN = re.compile(rf"^(?:{_LABEL}\.)+(?:[a-z]{{2,63}}|xn--[a-z0-9-]{{1,59}})$")
_SPACE = re.compile(r"\s")
_GMAIL = frozenset({"gmail.com", "googlemail.com"})


def _unwrap(raw: str) -> str:
    text = raw.strip().replace("＠", "@")
    if text.endswith(">") and "<" in text:  # Name <address>
        text = text[text.rindex("<") + 1 : -1]
    text = text.strip(" \t\r\n\"'()[]<>")
    mailto = _MAILTO.match(text)
    if mailto:
        text = text[mailto.end() :].split("?", 1)[0]
    return text.rstrip(".,;:")


def _ascii_domain(domain: str) -> str | None:
    """The domain in lower case, IDNA-encoded if not ASCII; None if it cannot be."""
    if domain.isascii():
        return domain.lower()
    try:
        return idna.encode(domain, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError):
        try:
            return domain.lower().encode("idna").decode("ascii")  # IDNA 2003 as a fallback
        except UnicodeError:
            return None


def _display_domain(domain: str) -> str:
    try:
        return idna.decode(domain)
    except (idna.IDNAError, UnicodeError):
        return domain


def _canonical(local: str, domain: str) -> str:
    if domain in _GMAIL:
        return local.split("+", 1)[0].replace(".", "").lower() + "@gmail.com"
    return f"{local}@{domain}".lower()


@lru_cache(maxsize=65536)
def _clean(raw: str) -> Cleaned:
    text = _unwrap(raw)
    if not text:
        return Cleaned.invalid(KIND, raw, "empty")
    if _SPACE.search(text):
        return Cleaned.invalid(KIND, raw, "contains spaces", value=text)
    if text.count("@") != 1:
        many = "no @" if "@" not in text else "more than one @"
        return Cleaned.invalid(KIND, raw, many, value=text)
    local, domain = text.split("@")
    if not local or not domain:
        return Cleaned.invalid(KIND, raw, "local part or domain missing", value=text)
    ascii_domain = _ascii_domain(domain)
    if ascii_domain is None:
        value = f"{local}@{domain.lower()}"
        return Cleaned.invalid(
            KIND, raw, "domain cannot be IDNA-encoded", value=value, key=f"{KIND}:{value.lower()}"
        )
    value = f"{local}@{ascii_domain}"
    key = f"{KIND}:{value.lower()}"
    extra = {"domain": ascii_domain, "canonical": _canonical(local, ascii_domain)}
    if "xn--" in ascii_domain:
        extra["display"] = f"{local}@{_display_domain(ascii_domain)}"
    reason: str | None = None
    if not _LOCAL.match(local):
        reason = "local part has characters or dots not allowed in an address"
    elif len(local) > 64:
        reason = "local part longer than 64 characters"
    elif not _DOMAIN.match(ascii_domain):
        reason = "domain is not a valid host name with a top-level domain"
    elif len(value) > 254:
        reason = "address longer than 254 characters"
    if reason:
        return Cleaned.invalid(KIND, raw, reason, value=value, key=key, extra=extra)
    return Cleaned.ok(KIND, raw, value, key=key, extra=extra)


def clean(raw: str) -> Cleaned:
    """Normalise and check an e-mail address."""
    return _clean(raw)


def validate(raw: str) -> bool:
    """Whether ``raw`` is a syntactically valid e-mail address."""
    return _clean(raw).valid


def compare(left: str, right: str) -> float:
    """1.0 for the same address (case-insensitive); 0.9 for Gmail addresses that
    differ only in dots or ``+tags``; 0.0 otherwise."""
    a, b = _clean(left), _clean(right)
    if a.key is None or b.key is None:
        return 0.0
    if a.key == b.key:
        return 1.0
    canonical = a.extra.get("canonical")
    return SAME_MAILBOX if canonical is not None and canonical == b.extra.get("canonical") else 0.0
