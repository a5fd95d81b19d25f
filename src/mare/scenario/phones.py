"""Phone numbers: plausible per country (libphonenumber's metadata), unique, and
written the way partners write them.

Numbers are drawn from each country's real mobile (or fixed-line) ranges: the
three-digit prefixes libphonenumber accepts for the country, followed by a
permuted serial (`mare.scenario.serials`), so no two phones share a number by
accident, and every number is checked with ``phonenumbers.is_valid_number``.
Satellite phones are Thuraya numbers (+882 16). A number is written as an
officer, an extraction report or an advert shows it: E.164, the international
format with spaces, ``00`` instead of ``+``, the country code without either
(call records), the national format (only where the record says the country),
Arabic-Indic or Persian digits (adverts, Arabic-speaking partners), and
rarely with a digit dropped (a typo: no longer a valid number).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import cache, lru_cache

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from mare.scenario.dice import chance, pick
from mare.scenario.serials import Serials

_TYPES = {"mobile": PhoneNumberType.MOBILE, "fixed": PhoneNumberType.FIXED_LINE}
_OK_TYPES = {
    "mobile": {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE},
    "fixed": {PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE},
}
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
THURAYA = "+88216"


@dataclass(slots=True)
class Phone:
    """One real phone line (a SIM): its number and who used it."""

    id: str
    e164: str
    region: str  # alpha-2, lower case; "" for satellite phones
    kind: str  # mobile, fixed, satellite
    benign: bool = False  # a number many unrelated people give (a reception centre)
    holders: list[str] = field(default_factory=list)  # truth person ids
    label: str = ""  # what the number is, for benign and organisation numbers

    def truth(self) -> dict[str, object]:
        return {
            "kind": "phone",
            "id": self.id,
            "number": self.e164,
            "country": self.region or None,
            "type": self.kind,
            "holders": self.holders,
            "benign": self.benign,
            "label": self.label or None,
        }


@cache
def _shape(region: str, kind: str) -> tuple[tuple[str, ...], int]:
    """Three-digit national prefixes valid for the region and type, and the national
    number length (from libphonenumber's example number)."""
    example = phonenumbers.example_number_for_type(region.upper(), _TYPES[kind])
    if example is None:
        raise ValueError(f"no {kind} numbers known for {region}")
    nsn = phonenumbers.national_significant_number(example)
    found = []
    for n in range(100):
        prefix = nsn[0] + f"{n:02d}"
        trial = phonenumbers.parse(f"+{example.country_code}{prefix}{nsn[3:]}")
        if phonenumbers.number_type(trial) in _OK_TYPES[kind]:
            found.append(prefix)
    return tuple(found) or (nsn[:3],), len(nsn)


class PhoneBook:
    """Hands out unique, valid numbers per country and type."""

    def __init__(self, serials: Serials) -> None:
        self.serials = serials

    def number(self, region: str, kind: str = "mobile") -> str:
        if kind == "satellite":
            return f"{THURAYA}{self.serials.draw('phone:thuraya', 10**8):08d}"
        prefixes, length = _shape(region, kind)
        code = phonenumbers.country_code_for_region(region.upper())
        space = 10 ** (length - 3)
        for _ in range(200):
            serial = self.serials.draw(f"phone:{region}:{kind}", space * len(prefixes))
            prefix = prefixes[serial % len(prefixes)]
            nsn = f"{prefix}{serial // len(prefixes):0{length - 3}d}"
            parsed = phonenumbers.parse(f"+{code}{nsn}")
            if phonenumbers.number_type(parsed) in _OK_TYPES[kind]:
                return f"+{code}{nsn}"
        raise ValueError(f"cannot find a valid {kind} number for {region}")


@lru_cache(maxsize=65536)
def _formats(e164: str) -> tuple[str, str]:
    parsed = phonenumbers.parse(e164)
    return (
        phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL),
        phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL),
    )


def _typo(r: random.Random, text: str) -> str | None:
    """The number with one digit dropped, if that makes it invalid."""
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    for _ in range(5):
        i = r.choice(digits[3:]) if len(digits) > 4 else digits[-1]
        wrong = text[:i] + text[i + 1 :]
        try:
            if not phonenumbers.is_valid_number(phonenumbers.parse(wrong)):
                return wrong
        except phonenumbers.NumberParseException:
            return wrong
    return None


def write(
    r: random.Random,
    phone: Phone,
    countries: frozenset[str] = frozenset(),
    styles: dict[str, float] | None = None,
    typo: float = 0.0,
) -> tuple[str, list[str]]:
    """A phone as written, with the noise applied (``national``, ``arabic-digits``,
    ``typo``...). ``countries`` are those the record states: a number is written in
    national format only where its country is among them."""
    international, national = _formats(phone.e164)
    weights = dict(styles or {"international": 0.45, "e164": 0.3, "idd": 0.15, "national": 0.1})
    if phone.region not in countries:
        weights.pop("national", None)
        weights.pop("national-arabic", None)
    style = pick(r, weights) if weights else "e164"
    tags: list[str] = []
    if style == "e164":
        text = phone.e164
    elif style == "international":
        text = international
    elif style == "idd":
        text = "00" + international[1:] if chance(r, 0.6) else "00" + phone.e164[1:]
        tags.append("00-prefix")
    elif style == "plain":
        text = phone.e164[1:]
        tags.append("no-plus")
    elif style in ("national", "national-arabic"):
        text = national
        tags.append("national-format")
    elif style == "national-nohint":
        text = national
        tags.append("national-format-without-country")
    else:  # arabic / persian digits of the international form
        text = international
    if style in ("arabic", "national-arabic"):
        text = text.translate(ARABIC_DIGITS)
        tags.append("arabic-indic-digits")
    elif style == "persian":
        text = text.translate(PERSIAN_DIGITS)
        tags.append("persian-digits")
    if typo and chance(r, typo):
        wrong = _typo(r, phone.e164)
        if wrong is not None:
            return wrong, ["typo"]
    return text, tags
