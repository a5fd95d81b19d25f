"""Phone numbers, normalised to E.164 with Google's libphonenumber metadata.

Accepts ``+`` and ``00`` international forms, the country's own international
prefix and national format when the country is known (alpha-2 hint), digits of
any script, ``tel:`` URIs and extensions (kept in ``extra``). A number written
with its country code but without ``+``/``00`` (``218912345678``) is read as
international when it is valid that way and the national reading is not.
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumber, PhoneNumberType, ValidationResult

from mare.normalize.cleaned import Cleaned
from mare.normalize.digits import ascii_digits

KIND = "phone"
SAME_NATIONAL = 0.9  # same national number, country unknown on one side

_E164 = phonenumbers.PhoneNumberFormat.E164
_TYPES: dict[int, str] = {
    value: name.lower()
    for name, value in vars(PhoneNumberType).items()
    if name.isupper() and name != "UNKNOWN"
}
_START = re.compile(r"[+＋0-9]")
_IDD_00 = re.compile(r"^[+＋]?[\s(]*00(?=[\s)]*[1-9])[\s)]*")
_EXTENSION = re.compile(r"[;,#*]|[^\W\d_]")  # where the number proper ends
_NON_DIGITS = re.compile(r"\D")
_PARSE_ERRORS = {
    NumberParseException.INVALID_COUNTRY_CODE: "unknown country code",
    NumberParseException.NOT_A_NUMBER: "not a phone number",
    NumberParseException.TOO_SHORT_AFTER_IDD: "too short after the international prefix",
    NumberParseException.TOO_SHORT_NSN: "too short",
    NumberParseException.TOO_LONG: "too long",
}


def _region(country: str | None) -> str | None:
    if not country:
        return None
    code = country.strip().upper()
    code = "GB" if code == "UK" else code
    return code if code in phonenumbers.SUPPORTED_REGIONS else None


def _parse(text: str, region: str | None) -> PhoneNumber | str:
    """The parsed number, or the reason it could not be parsed."""
    try:
        return phonenumbers.parse(text, region)
    except NumberParseException as exc:
        return _PARSE_ERRORS.get(exc.error_type, "not a phone number")


def _problem(num: PhoneNumber, region: str | None, kind: int) -> str | None:
    """Why a parsed number is not valid (``kind`` is its number type), or None."""
    code = num.country_code
    possible = phonenumbers.is_possible_number_with_reason(num)
    if possible == ValidationResult.INVALID_COUNTRY_CODE:
        return f"unknown country code +{code}"
    if possible == ValidationResult.TOO_SHORT:
        return f"too short for +{code}"
    if possible == ValidationResult.TOO_LONG:
        return f"too long for +{code}"
    if possible == ValidationResult.INVALID_LENGTH:
        return f"wrong length for +{code}"
    if possible == ValidationResult.IS_POSSIBLE_LOCAL_ONLY:
        return "local number only, area code missing"
    if kind == PhoneNumberType.UNKNOWN:
        where = f"{region.lower()} (+{code})" if region else f"+{code}"
        return f"no such number range in {where}"
    return None


def _num_region(num: PhoneNumber) -> str | None:
    region = phonenumbers.region_code_for_number(num)
    if region is None:
        regions = phonenumbers.region_codes_for_country_code(num.country_code or 0)
        region = regions[0] if len(regions) == 1 else None
    return region if region and region != "001" else None  # 001: non-geographic


def _kind(num: PhoneNumber) -> int:
    """The number type; UNKNOWN exactly when the number is not valid.

    ``is_valid_number`` is ``number_type(...) != UNKNOWN`` in libphonenumber,
    so one call answers both questions (the costliest step of cleaning).
    """
    return int(phonenumbers.number_type(num))


def _result(raw: str, num: PhoneNumber, note: str | None, kind: int | None = None) -> Cleaned:
    e164 = phonenumbers.format_number(num, _E164)
    region = _num_region(num)
    extra = {"country_code": str(num.country_code)}
    if region:
        extra["region"] = region.lower()
    if num.extension:
        extra["extension"] = str(num.extension)
    if note:
        extra["note"] = note
    key = f"{KIND}:{e164}"
    kind = _kind(num) if kind is None else kind
    problem = _problem(num, region, kind)
    if problem:
        return Cleaned.invalid(KIND, raw, problem, value=e164, key=key, extra=extra)
    label = _TYPES.get(kind)
    if label:
        extra["type"] = label
    return Cleaned.ok(KIND, raw, e164, key=key, extra=extra)


@lru_cache(maxsize=65536)
def _clean(raw: str, region: str | None) -> Cleaned:
    text = ascii_digits(raw).strip()
    start = _START.search(text)
    if start is None:
        return Cleaned.invalid(KIND, raw, "no digits")
    text = text[start.start() :]
    has_plus = text[0] in "+＋"
    idd = _IDD_00.match(text)
    digits = _NON_DIGITS.sub("", _EXTENSION.split(text, maxsplit=1)[0])
    if idd:
        found = _parse("+" + text[idd.end() :], None)
    elif has_plus or region:
        found = _parse(text, region)
    else:
        found = "no country code and no country hint"
    kind = _kind(found) if isinstance(found, PhoneNumber) else PhoneNumberType.UNKNOWN
    if (
        kind == PhoneNumberType.UNKNOWN
        and not has_plus
        and not idd
        and len(digits) >= 11
        and digits[0] != "0"
    ):
        # Written with its country code but without "+" or "00".
        assumed = _parse("+" + digits, None)
        if isinstance(assumed, PhoneNumber):
            assumed_kind = _kind(assumed)
            if assumed_kind != PhoneNumberType.UNKNOWN:
                return _result(raw, assumed, "read as international (no + or 00)", assumed_kind)
    if isinstance(found, PhoneNumber):
        return _result(raw, found, None, kind)
    value = ("+" if has_plus else "") + digits if digits else None
    return Cleaned.invalid(KIND, raw, found, value=value)


def clean(raw: str, country: str | None = None) -> Cleaned:
    """Normalise a phone number to E.164; ``country`` (alpha-2) reads national formats."""
    return _clean(raw, _region(country))


def validate(raw: str, country: str | None = None) -> bool:
    """Whether ``raw`` is a valid phone number (given the country hint)."""
    return clean(raw, country).valid


def compare(left: str, right: str) -> float:
    """1.0 for the same E.164 number; 0.9 for the same national number where one
    side has no country; 0.0 otherwise."""
    a, b = clean(left), clean(right)
    if a.key is not None and a.key == b.key:
        return 1.0
    if a.key is None and b.key is None:
        return SAME_NATIONAL if a.value and a.value == b.value else 0.0
    if a.key is None or b.key is None:
        known, unknown = (b, left) if a.key is None else (a, right)
        region = known.extra.get("region")
        if region and clean(unknown, region).key == known.key:
            return SAME_NATIONAL
    return 0.0
