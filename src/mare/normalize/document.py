"""Travel and identity document numbers, keyed by issuing country.

The value is the number upper-case without separators, MRZ fillers (``<``)
or labels (``No.``, ``Nr:``, ``№``); digits of any script become ASCII and
Cyrillic/Greek letters that look Latin (``А В Е К М Н О Р С Т Х``) become
Latin, as typists and OCR mix them. The key is
``document:<alpha-2 or zz>:<NUMBER>``; the country hint may be a name, alpha-2,
alpha-3 or ICAO code (see `mare.normalize.country`). A number is valid with
5 to 20 letters and digits and is not a placeholder (``000000``, ``123456``,
``UNKNOWN``, ``N/A``, one repeated character); placeholders keep their key so
that a reused one can be capped by the caller.

``doc_type`` free text in many languages, an FtM schema name or an ICAO
document code becomes one of `TYPES` in ``extra["type"]`` (`normalize_type`).

`compare` scores: 1.0 same key; 0.9 same number, one country unknown; 0.8 same
after O/0 and I/1 confusion; 0.6 one character edit apart; 0.0 otherwise,
for placeholders and for different known countries. Near misses need numbers
of 5 characters or more.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from rigour.text import levenshtein

from mare.normalize import country as _country
from mare.normalize.cleaned import Cleaned
from mare.normalize.digits import ascii_digits, strip_separators

KIND = "document"
UNKNOWN_COUNTRY = "zz"
TYPES = (
    *("passport", "id_card", "residence_permit", "visa", "driving_licence"),
    *("travel_document", "seaman_book", "other"),
)
MIN_LENGTH, MAX_LENGTH = 5, 20

# Phrases per type, checked in this order (a refugee travel document mentions
# "passport", a residence card "card"). Folded as `_fold` does; phrases marked
# "=" must be whole words, the others may sit inside a compound (Kinderreisepass).
_TYPE_PHRASES = {
    "travel_document": "travel doc|reiseausweis|passersatz|konventionspass|fremdenpass|"
    "titre de voyage|document de voyage|documento di viaggio|titolo di viaggio|"
    "documento de viaje|titulo de viaje|laissez|certificate of identity|refugee|stateless|"
    "fluchtling|refugie|rifugiato|refugiado|staatenlos|apatride|وثيقه سفر|проездной",
    "residence_permit": "residen|aufenthalt|niederlassung|duldung|sejour|soggiorno|=tie|"
    "ikamet|oturma izni|اقامه|اقامت|вид на жительство|green card|=eat",
    "visa": "visa|visum|=vize|=viza|=visto|виза|تاشيره|ويزا|رواديد|ቪዛ|=v|=vs",
    "driving_licence": "driving|driver|fuhrerschein|fuehrerschein|permis de conduire|"
    "=patente|de conducir|ehliyet|surucu belgesi|رخصه قياده|رخصه سوق|گواهينامه|водительск",
    "seaman_book": "seaman|seamen|seafarer|seemann|livret maritime|libretto di navigazione|"
    "libreta de embarque|libreta de navegacion|gemici|discharge book|=cdc",
    "id_card": "identi|=id|id card|ausweis|=cni|=dni|=nie|cedula|kimlik|nufus|tazkira|tazkera|"
    "تذكره|بطاقه|هويه|كارت ملي|удостоверение личности|внутренний|aqoonsi|መታወቂያ|=nid|=i",
    "passport": "pass|pasaport|paspoort|paszport|pasaporte|паспорт|جواز|گذرنامه|پاسپورت|"
    "ፓስፖርት|baasaboor|basaboor|=p|=pp|=pd|=ps|=po",
}
_FOLD = str.maketrans(
    {"ی": "ي", "ى": "ي", "ک": "ك", "ة": "ه", "ı": "i", "'": "", "’": "", "_": " "}
)
_NON_WORD = re.compile(r"[\W_]+")
_LABEL = re.compile(r"^\s*(?:(?:no|nr|num|number)(?:\s*[.:°º#]\s*|\s+)|[#№]\s*)", re.IGNORECASE)
_HOMOGLYPHS = str.maketrans("АВЕКМНОРСТХУІЈЅΑΒΕΖΗΙΚΜΝΟΡΤΥΧ«", "ABEKMHOPCTXYIJSABEZHIKMNOPTYX<")
_CONFUSABLE = str.maketrans("OI", "01")
_VALID = re.compile(r"^[A-Z0-9]+$")
_WORD_PLACEHOLDERS = frozenset(
    {
        *("UNKNOWN", "UNK", "NA", "NONE", "NIL", "NULL", "TBD", "TBA", "NOTKNOWN"),
        *("UNBEKANNT", "KEINE", "INCONNU", "SCONOSCIUTO", "DESCONOCIDO", "NOTAVAILABLE"),
    }
)
_RUNS = ("0123456789", "1234567890", "9876543210", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", plain).split())


@cache
def _phrases() -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    table = []
    for doc_type, spec in _TYPE_PHRASES.items():
        phrases = spec.split("|")
        words = tuple(f" {_fold(p[1:])} " for p in phrases if p.startswith("="))
        stems = tuple(_fold(p) for p in phrases if not p.startswith("="))
        table.append((doc_type, words, stems))
    return tuple(table)


@lru_cache(maxsize=4096)
def normalize_type(text: str) -> str:
    """One of `TYPES` for a document type written in any language, an FtM schema or ICAO code."""
    folded = _fold(text)
    padded = f" {folded} "
    for name, words, stems in _phrases():
        if any(w in padded for w in words) or any(s in folded for s in stems):
            return name
    return "other"


def _placeholder(value: str) -> bool:
    if len(set(value)) == 1 or value in _WORD_PLACEHOLDERS:
        return True
    return len(value) >= 5 and any(value in run for run in _RUNS)


def _number(raw: str) -> str:
    text = _LABEL.sub("", ascii_digits(raw))
    text = unicodedata.normalize("NFKC", text).upper().translate(_HOMOGLYPHS)
    return strip_separators(text).replace("<", "").replace(",", "")


@lru_cache(maxsize=65536)
def _clean(number: str, country: str | None, type_text: str | None) -> Cleaned:
    extra: dict[str, str] = {}
    code = UNKNOWN_COUNTRY
    if country and country.strip():
        found = _country.clean(country)
        if found.value is not None:
            code = found.value
            extra["country"] = found.value
        else:
            extra["country_error"] = found.reason or "unknown country"
    if type_text and type_text.strip():
        extra["type"] = normalize_type(type_text)
    value = _number(number)
    if not value:
        return Cleaned.invalid(KIND, number, "empty", extra=extra)
    if not _VALID.match(value):
        reason = "characters other than A-Z and 0-9"
        return Cleaned.invalid(KIND, number, reason, value=value, extra=extra)
    key = f"{KIND}:{code}:{value}"
    if _placeholder(value):
        return Cleaned.invalid(KIND, number, "placeholder", value=value, key=key, extra=extra)
    if not MIN_LENGTH <= len(value) <= MAX_LENGTH:
        reason = f"{len(value)} characters, expected {MIN_LENGTH} to {MAX_LENGTH}"
        return Cleaned.invalid(KIND, number, reason, value=value, key=key, extra=extra)
    return Cleaned.ok(KIND, number, value, key=key, extra=extra)


def clean(number: str, country: str | None = None, doc_type: str | None = None) -> Cleaned:
    """Normalise a document number; ``country`` and ``doc_type`` are free-text hints."""
    return _clean(number, country, doc_type)


def validate(number: str, country: str | None = None, doc_type: str | None = None) -> bool:
    """Whether ``number`` is a plausible document number."""
    return _clean(number, country, doc_type).valid


def compare(
    left: str, right: str, left_country: str | None = None, right_country: str | None = None
) -> float:
    """Similarity of two document numbers (scores in the module docstring)."""
    a, b = _clean(left, left_country, None), _clean(right, right_country, None)
    if a.key is None or b.key is None or a.value is None or b.value is None:
        return 0.0
    if a.reason == "placeholder" or b.reason == "placeholder":
        return 0.0
    if a.key == b.key:
        return 1.0
    ca, cb = a.extra.get("country"), b.extra.get("country")
    if ca is not None and cb is not None and ca != cb:
        return 0.0
    if a.value == b.value:
        return 0.9
    if min(len(a.value), len(b.value)) < MIN_LENGTH:
        return 0.0
    if a.value.translate(_CONFUSABLE) == b.value.translate(_CONFUSABLE):
        return 0.8
    return 0.6 if levenshtein(a.value, b.value, max_edits=1) == 1 else 0.0
