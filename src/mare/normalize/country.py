"""Countries as ISO 3166 alpha-2 lower-case codes (the FtM convention: ``de``, ``ly``, ``af``).

Accepted input, tried in this order:

* ICAO 9303 MRZ codes that are not ISO alpha-3: ``D``/``D<<`` (Germany),
  ``GBD GBN GBO GBP GBS`` (British nationality classes, ``gb``), ``RKS``
  (Kosovo, ``xk``); codes that name no country are kept *invalid* with a note:
  ``UNO UNA UNK`` (United Nations, value ``un``), ``EUE`` (European Union),
  ``XPO`` (Interpol), ``XOM`` (Order of Malta), ``XXA`` stateless, ``XXB``/``XXC``
  refugee, ``XXX`` unspecified (``extra["status"]``, no value);
* ISO 3166 numeric codes (``276``, ``4``) from ``data/country_numeric.csv``;
* alpha-2, alpha-3 and other codes, and names and demonyms in many languages
  and scripts, from rigour's territory database (``Syrian Arab Republic``,
  ``سوريا``, ``ኤርትራ``, ``Türkiye``, ``UK``, ``Ivory Coast``);
* CLDR names (via babel) in the languages of the hub's sources (Arabic, Persian,
  Pashto, Kurdish, Tigrinya, Amharic, Somali, Turkish, Russian, European
  languages); Arabic-script letter variants (ی/ي, ک/ك, أ/ا, ة/ه) are folded;
* a fuzzy match by rigour (typing errors such as ``Afganisthan``) flagged
  ``extra["fuzzy"] = "true"``.

Sub-national territories resolve to their country (``Iraqi Kurdistan`` -> ``iq``
with ``extra["territory"] = "iq-kr"``). Former countries (Soviet Union,
Yugoslavia) are invalid but keep rigour's code (``suhh``) as value and key.
"""

from __future__ import annotations

import csv
from functools import cache, lru_cache
from importlib.resources import files

from babel import Locale
from rigour.territories import (
    get_territories,
    get_territory,
    lookup_by_identifier,
    lookup_territory,
)
from rigour.territories.territory import Territory
from rigour.territories.util import normalize_territory_name

from mare.normalize.cleaned import Cleaned
from mare.normalize.digits import ascii_digits

KIND = "country"

# ICAO 9303 part 3 codes that are not ISO 3166 alpha-3.
_ICAO_COUNTRIES = {
    "D": "de",
    "GBD": "gb",  # British Overseas Territories citizen
    "GBN": "gb",  # British National (Overseas)
    "GBO": "gb",  # British Overseas citizen
    "GBP": "gb",  # British protected person
    "GBS": "gb",  # British subject
    "RKS": "xk",  # Kosovo
}
_ICAO_ORGANISATIONS = {
    "UNO": ("un", "United Nations Organization"),
    "UNA": ("un", "United Nations specialized agency"),
    "UNK": ("un", "United Nations Interim Administration Mission in Kosovo"),
    "EUE": ("eu", "European Union"),
    "XPO": (None, "Interpol"),
    "XOM": (None, "Sovereign Military Order of Malta"),
}
_STATUS_CODES = {
    "XXA": "stateless",
    "XXB": "refugee",  # 1951 Convention refugee
    "XXC": "refugee",  # refugee under another instrument
    "XXX": "unspecified",
}
_STATUS_WORDS = {
    "stateless": "stateless|Staatenlos|apatride|apolide|apátrida|vatansız|без гражданства"
    "|عديم الجنسية|بدون جنسية|بدون|بی تابعیت",  # بدون: Bidoon, stateless Arabs of the Gulf
    "refugee": "refugee|Flüchtling|réfugié|rifugiato|refugiado|mülteci|لاجئ|پناهنده",
    # "ungeklärt": German registers' "nationality not established"
    "unspecified": "unknown|unbekannt|ungeklärt|ungeklaert|inconnu|sconosciuto|desconocido"
    "|bilinmiyor|неизвестно|مجهول|نامعلوم|n/a|none|-|?|xx",
}
_STATUS_REASONS = {
    "stateless": "stateless, not a country",
    "refugee": "refugee status, not a country",
    "unspecified": "nationality unspecified",
}
_NOT_COUNTRIES = frozenset({"eu", "un"})
_UNKNOWN = frozenset({"zz"})
_LOCALES = (
    *("en", "fr", "de", "it", "es", "pt", "nl", "el", "sq", "sr", "bg", "ro", "hu", "pl", "sv"),
    *("ar", "fa", "ps", "ur", "ku", "ckb", "ru", "uk", "tr", "so", "ti", "am"),
)
# Arabic-script spelling variants typed interchangeably across keyboards.
_ARABIC_FOLD = str.maketrans(
    {"ی": "ي", "ى": "ي", "ې": "ي", "ک": "ك", "ڪ": "ك", "أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه"}
)

_TO_PERSIAN = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})


def _norm(text: str) -> str:
    return normalize_territory_name(text.translate(_ARABIC_FOLD))


@cache
def _numeric() -> dict[str, str]:
    text = files("mare.normalize").joinpath("data", "country_numeric.csv").read_text("utf-8")
    return {row["numeric"]: row["alpha2"] for row in csv.DictReader(text.splitlines())}


@cache
def _alpha3() -> dict[str, str]:
    """ISO alpha-3 (upper-case) to alpha-2 (lower-case), plus the ICAO codes."""
    table = {t.alpha3.upper(): t.code for t in get_territories() if t.alpha3 and len(t.code) == 2}
    table.update(_ICAO_COUNTRIES)
    return table


@cache
def _names() -> dict[str, str]:
    """Normalised CLDR names in many languages to alpha-2; clashing names are dropped."""
    table: dict[str, str] = {}
    clashes: set[str] = set()
    for locale in _LOCALES:
        for code, name in Locale.parse(locale).territories.items():
            if len(code) != 2 or not code.isalpha() or get_territory(code.lower()) is None:
                continue
            key = _norm(name)
            if table.setdefault(key, code.lower()) != code.lower():
                clashes.add(key)
    for key in clashes:
        del table[key]
    return table


@cache
def _status_words() -> dict[str, str]:
    return {
        _norm(word) or word: status
        for status, words in _STATUS_WORDS.items()
        for word in words.split("|")
    }


def _status(raw: str, status: str, icao: str | None = None) -> Cleaned:
    extra = {"status": status, "icao": icao} if icao else {"status": status}
    return Cleaned.invalid(KIND, raw, _STATUS_REASONS[status], extra=extra)


def _from_territory(raw: str, territory: Territory, extra: dict[str, str]) -> Cleaned:
    code = territory.code
    if code in _UNKNOWN:
        return Cleaned.invalid(KIND, raw, "unknown country", extra=extra)
    key = f"{KIND}:{code}"
    if code in _NOT_COUNTRIES:
        reason = f"{territory.name} is not a country"
        return Cleaned.invalid(KIND, raw, reason, value=code, key=key, extra=extra)
    if territory.is_historical:
        reason = f"{territory.name} no longer exists"
        return Cleaned.invalid(KIND, raw, reason, value=code, key=key, extra=extra)
    country: Territory | None = territory
    while country is not None and (len(country.code) != 2 or not country.code.isalpha()):
        country = country.parent
    if country is None:
        reason = f"{territory.name} has no country code"
        return Cleaned.invalid(KIND, raw, reason, value=code, key=key, extra=extra)
    if country is not territory:
        extra = {**extra, "territory": code}
    return Cleaned.ok(KIND, raw, country.code, key=f"{KIND}:{country.code}", extra=extra)


def _lookup_code(raw: str, text: str) -> Cleaned | None:
    code = text.upper().replace(" ", "").rstrip("<")
    if code in _STATUS_CODES:
        return _status(raw, _STATUS_CODES[code], code)
    if code in _ICAO_ORGANISATIONS:
        value, name = _ICAO_ORGANISATIONS[code]
        key = f"{KIND}:{value}" if value else None
        extra = {"icao": code, "note": name}
        reason = f"{name} is not a country"
        return Cleaned.invalid(KIND, raw, reason, value=value, key=key, extra=extra)
    if code in _ICAO_COUNTRIES:
        icao = _ICAO_COUNTRIES[code]
        return Cleaned.ok(KIND, raw, icao, key=f"{KIND}:{icao}", extra={"icao": code})
    if code.isdigit() and len(code) <= 3:
        numeric = _numeric().get(code.zfill(3))
        if numeric is None:
            return Cleaned.invalid(KIND, raw, f"unknown numeric country code {code}")
        return Cleaned.ok(KIND, raw, numeric, key=f"{KIND}:{numeric}")
    return None


@lru_cache(maxsize=16384)
def _clean(raw: str) -> Cleaned:
    text = " ".join(ascii_digits(raw).split())
    if not text:
        return Cleaned.invalid(KIND, raw, "empty")
    found = _lookup_code(raw, text)
    if found is not None:
        return found
    norm = _norm(text) or text
    territory = lookup_by_identifier(text) if len(text) <= 3 and text.isalpha() else None
    if territory is None and norm in _status_words():
        return _status(raw, _status_words()[norm])
    if territory is None:
        territory = lookup_territory(text)
    if territory is None and not text.isascii():
        territory = lookup_territory(text.translate(_TO_PERSIAN))
    if territory is None and norm in _names():
        territory = get_territory(_names()[norm])
    if territory is not None:
        return _from_territory(raw, territory, {})
    if "(" in text:  # "Syria (SYR)", "SYR (Syria)"
        outer, _, inner = text.partition("(")
        for part in (outer, inner.rstrip(")")):
            found = _clean(part.strip()) if part.strip() else None
            if found is not None and found.value is not None:
                return Cleaned(
                    KIND, raw, found.value, found.valid, found.reason, found.key, found.extra
                )
    if _has_arabic(text):
        for candidate in _arabic_state_forms(text):
            found = _clean(candidate)
            if found.value is not None:
                return Cleaned(
                    KIND, raw, found.value, found.valid, found.reason, found.key, found.extra
                )
        # no guessing in Arabic script: "المملكة" (the kingdom) is not the United Kingdom
        return Cleaned.invalid(KIND, raw, "unknown country")
    if len(norm) >= 5 and norm.replace(" ", "").isalpha():
        territory = lookup_territory(text, fuzzy=True)
    if territory is not None:  # a guess from a typing error
        return _from_territory(raw, territory, {"fuzzy": "true"})
    return Cleaned.invalid(KIND, raw, "unknown country")


# The words of a state's long form in Arabic and Persian ("the Syrian Arab
# Republic", "the Islamic Republic of Iran"), left out to find the country.
_STATE_WORDS = frozenset(
    {
        *("الجمهورية", "جمهورية", "المملكة", "مملكة", "دولة", "الدولة", "سلطنة", "السلطنة"),
        *("الإسلامية", "الاسلامية", "الديمقراطية", "الشعبية", "الاتحادية", "الهاشمية"),
        *("جمهوری", "اسلامی", "پادشاهی", "دولت", "امارت"),
    }
)
_ARABIC_WORD = "العربية"


def _has_arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def _arabic_state_forms(text: str) -> list[str]:
    """The country word of an Arabic-script long form, as the name it derives from:
    ``الجمهورية العربية السورية`` -> ``سورية``, ``الجمهورية اللبنانية`` -> ``لبنان``."""
    words = [w for w in text.split() if w not in _STATE_WORDS]
    rest = [w for w in words if w != _ARABIC_WORD] or words
    if len(rest) != 1 or rest == text.split():
        return []
    word = rest[0]
    bare = word[2:] if word.startswith("ال") and len(word) > 4 else word
    out = [word, bare]
    for ending in ("ية", "ي"):
        if bare.endswith(ending) and len(bare) > len(ending) + 2:
            stem = bare[: -len(ending)]
            out += [stem, "ال" + stem]
    return out


def clean(raw: str) -> Cleaned:
    """Normalise a country code or name to an alpha-2 code."""
    return _clean(raw)


def validate(raw: str) -> bool:
    """Whether ``raw`` names a country."""
    return _clean(raw).valid


def compare(left: str, right: str) -> float:
    """1.0 when both sides name the same country, else 0.0."""
    key = _clean(left).key
    return 1.0 if key is not None and key == _clean(right).key else 0.0


def from_alpha3(code3: str) -> str | None:
    """The alpha-2 code of an ISO alpha-3 or ICAO MRZ code (``DEU``, ``D<<``, ``RKS``).

    ``None`` for codes that name no country (``UNO``, ``XXA``) or are unknown.
    """
    return _alpha3().get(code3.strip().upper().rstrip("<"))


def to_alpha3(code2: str) -> str | None:
    """The upper-case alpha-3 code of an alpha-2 code, as written in an MRZ.

    Kosovo (no ISO alpha-3) gives ICAO's ``RKS``; Germany gives ``DEU``,
    although German documents themselves write ``D``.
    """
    code = code2.strip().lower()
    if code == "xk":
        return "RKS"
    territory = get_territory(code) if len(code) == 2 else None
    return territory.alpha3.upper() if territory is not None and territory.alpha3 else None
