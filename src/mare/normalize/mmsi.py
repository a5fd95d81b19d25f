"""MMSI (Maritime Mobile Service Identity): nine digits, read per ITU-R M.585.

The Maritime Identification Digits (MID) give the flag state (``data/mid.csv``).
Coast stations, groups, SAR aircraft, AIS-SART/MOB/EPIRB devices, craft of a
parent ship, aids to navigation and handheld radios have MMSIs too: those are
valid MMSIs, but not ships (``extra["ship"] == "false"`` with a ``note``).
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib.resources import files

from mare.normalize.cleaned import Cleaned, same_key
from mare.normalize.digits import ascii_digits, strip_separators

KIND = "mmsi"


def _load_mids() -> dict[str, str]:
    text = files("mare.normalize").joinpath("data", "mid.csv").read_text(encoding="utf-8")
    return {row["mid"]: row["country_alpha2"] for row in csv.DictReader(text.splitlines())}


MIDS: dict[str, str] = _load_mids()

_PREFIX = re.compile(r"^\s*MMSI\s*(?:no\.?|number|nr\.?)?\s*[:#]?\s*", re.IGNORECASE)
_PLACEHOLDERS = frozenset(
    {"123456789", "987654321", "012345678", "100000000"} | {d * 9 for d in "0123456789"}
)
# (prefix, category, where the MID starts or None, note); the longest prefix first.
_SERIES: tuple[tuple[str, str, int | None, str | None], ...] = (
    ("111", "sar_aircraft", 3, "SAR aircraft, not a ship"),
    ("970", "ais_sart", None, "AIS search and rescue transmitter, not a ship"),
    ("972", "mob", None, "man-overboard device, not a ship"),
    ("974", "epirb_ais", None, "EPIRB with AIS, not a ship"),
    ("00", "coast_station", 2, "coast station, not a ship"),
    ("98", "craft_associated", 2, "craft associated with a parent ship"),
    ("99", "aid_to_navigation", 2, "aid to navigation, not a ship"),
    ("0", "group", 1, "group call of ships, not a single ship"),
    ("8", "handheld_vhf", 1, "handheld VHF radio, not a ship"),
    *((str(d), "ship", 0, None) for d in range(2, 8)),
)


def _series(digits: str) -> tuple[str, int | None, str | None] | None:
    for prefix, category, at, note in _SERIES:
        if digits.startswith(prefix):
            return category, at, note
    return None


@lru_cache(maxsize=65536)
def _clean(raw: str) -> Cleaned:
    digits = strip_separators(_PREFIX.sub("", ascii_digits(raw)))
    if not digits.isascii() or not digits.isdigit():
        return Cleaned.invalid(KIND, raw, "not an MMSI", value=digits or None)
    if len(digits) != 9:
        return Cleaned.invalid(KIND, raw, f"MMSIs have 9 digits, not {len(digits)}", value=digits)
    if digits in _PLACEHOLDERS:
        return Cleaned.invalid(KIND, raw, "placeholder", value=digits)
    key = f"{KIND}:{digits}"
    found = _series(digits)
    if found is None:
        reason = f"no MMSI series starts with {digits[:3]}"
        return Cleaned.invalid(KIND, raw, reason, value=digits, key=key)
    category, at, note = found
    extra = {"category": category, "ship": "true" if category == "ship" else "false"}
    if note:
        extra["note"] = note
    if at is not None:
        mid = digits[at : at + 3]
        extra["mid"] = mid
        flag = MIDS.get(mid)
        if flag is None:
            reason = f"unknown MID {mid}"
            return Cleaned.invalid(KIND, raw, reason, value=digits, key=key, extra=extra)
        extra["flag"] = flag
    return Cleaned.ok(KIND, raw, digits, key=key, extra=extra)


def clean(raw: str) -> Cleaned:
    """Normalise and check an MMSI; flag state and station category go to ``extra``."""
    return _clean(raw)


def validate(raw: str) -> bool:
    """Whether ``raw`` is a valid MMSI (ship or other station)."""
    return _clean(raw).valid


def compare(left: str, right: str) -> float:
    """1.0 for the same MMSI, else 0.0."""
    return same_key(_clean(left), _clean(right))
