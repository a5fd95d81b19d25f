"""Radio call signs of ships: 3 to 7 letters and digits, upper case.

Validation is modest (length and characters, at least one letter). The ITU
series prefix names the country for a small set of flags seen on the
Mediterranean routes and for the big open registries (``extra["country"]``);
an unlisted prefix is not an error.
"""

from __future__ import annotations

import re
from functools import lru_cache

from mare.normalize.cleaned import Cleaned, same_key
from mare.normalize.digits import ascii_digits, strip_separators

KIND = "callsign"

_PREFIX = re.compile(r"^\s*(?:call\s*sign|c/s)\s*(?:no\.?)?\s*[:#]?\s*", re.IGNORECASE)
_SHAPE = re.compile(r"^(?=.*[A-Z])[A-Z0-9]{3,7}$")

# ITU call sign series by their first two characters (one for whole-letter blocks).
_SERIES_TABLE = """
ly 5A
mt 9H
tn TS 3V
dz 7R 7T 7U 7V 7W 7X 7Y
ma CN 5C 5D 5E 5F 5G
eg SU 6A 6B
tr TA TB TC YM
gr SV SW SX SY SZ J4
cy 5B C4 H2 P3
hr 9A
al ZA
me 4O
lb OD
sy YK 6C
il 4X 4Z
es EA EB EC ED EE EF EG EH AM AN AO
pt CQ CR CS CT CU
pa 3E 3F H3 H8 H9 HO HP
lr A8 D5 EL 5L 5M 6Z
mh V7
bs C6
bz V3
sl 9L
pw T8
vc J8
km D6
ck E5
cm TJ
gn 3X
tg 5V
tz 5H 5I
sg 9V S6
nl PA PB PC PD PE PF PG PH PI
de DA DB DC DD DE DF DG DH DI DJ DK DL DM DN DO DP DQ DR
it I
fr F
gb G M
us K N W
ru R
"""
_SERIES: dict[str, str] = {
    prefix: country
    for line in _SERIES_TABLE.strip().splitlines()
    for country, *prefixes in [line.split()]
    for prefix in prefixes
}


@lru_cache(maxsize=65536)
def _clean(raw: str) -> Cleaned:
    value = strip_separators(_PREFIX.sub("", ascii_digits(raw))).upper()
    if not value:
        return Cleaned.invalid(KIND, raw, "empty")
    if not _SHAPE.match(value):
        reason = "call signs have 3 to 7 letters and digits, at least one letter"
        return Cleaned.invalid(KIND, raw, reason, value=value)
    key = f"{KIND}:{value}"
    country = _SERIES.get(value[:2]) or _SERIES.get(value[:1])
    extra = {"country": country} if country else {}
    return Cleaned.ok(KIND, raw, value, key=key, extra=extra)


def clean(raw: str) -> Cleaned:
    """Normalise a call sign (upper case, no spaces or dashes)."""
    return _clean(raw)


def validate(raw: str) -> bool:
    """Whether ``raw`` has the shape of a call sign."""
    return _clean(raw).valid


def compare(left: str, right: str) -> float:
    """1.0 for the same call sign, else 0.0."""
    return same_key(_clean(left), _clean(right))
