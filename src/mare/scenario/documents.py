"""Identity and travel documents: numbers in each country's pattern, ICAO 9303 MRZs,
genuine and forged.

A document number follows its issuing country's pattern (``#`` a digit, ``@``
a letter, ``*`` either; other characters literal: Egyptian passports
``A########``, Ethiopian ``EP#######``, Turkish ``U########``) and is unique
(`mare.scenario.serials`). Passports get a TD3 machine readable zone and ID
cards of countries that print one a TD1 zone, with every check digit computed
as ICAO Doc 9303 says (weights 7, 3, 1). A forged document gets a wrong check
digit (the forger recomputed nothing) or a data page whose number was altered
after the MRZ was printed; the truth says which. Documents without an MRZ
(Afghan tazkira, Syrian ID card) are `Identification` entities.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

from mare.scenario.countries import icao
from mare.scenario.serials import Serials

PASSPORT_PATTERNS = {
    **dict.fromkeys(("sy",), "N########"),
    **dict.fromkeys(("iq", "eg", "ng"), "A########"),
    **dict.fromkeys(("sd", "af", "so", "xk"), "P########"),
    **dict.fromkeys(("ma", "pk", "al", "gr", "hu", "pl", "md", "it"), "@@#######"),
    **dict.fromkeys(("dz", "rs", "ru", "gb", "bg", "hr"), "#########"),
    **dict.fromkeys(("jo", "vn", "gn", "ml", "sn", "ci", "gm", "gh", "ba", "er"), "@#######"),
    "ps": "#######",
    "lb": "RL#######",
    "tn": "@######",
    "ly": "@@######",
    "ir": "@########",
    "tr": "U########",
    "et": "EP#######",
    "bd": "@########",
    "ua": "@@######",
    "ro": "########",
    "fr": "##@@#####",
    "de": "C********",
    "es": "@@@######",
    "mt": "#######",
    "nl": "@@*******",
    "be": "@@######",
    "at": "P#######",
}
ID_CARD_PATTERNS = {
    "ma": "@@######",
    "tr": "@##@#####",
    "it": "CA#####@@",
    "es": "@@@######",
    "fr": "@@@@#####",
    "de": "L********",
    "al": "#########",
    "rs": "#########",
    "ro": "@@######",
    "bg": "#########",
    "nl": "@@*******",
    "be": "#########",
    "at": "#######",
}
# Documents without an MRZ: (FtM type, number pattern)
NATIONAL_IDS = {
    "af": ("tazkira", "####-####-#####"),
    "sy": ("national ID", "###########"),
    "eg": ("national ID", "##############"),
    "iq": ("national ID", "############"),
}
_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"  # no I, O, Q: issuers avoid them
_ALNUM = "CFGHJKLMNPRTVWXYZ0123456789"
_ICAO_TRANSLIT = {
    "Ä": "AE",
    "Ö": "OE",
    "Ü": "UE",
    "ß": "SS",
    "Æ": "AE",
    "Ø": "OE",
    "Å": "AA",
    "Đ": "D",
    "Ł": "L",
    "Ħ": "H",
    "Ə": "A",
    "İ": "I",
}


@dataclass(slots=True)
class Document:
    """One physical document (possibly forged, possibly used by several people)."""

    id: str
    kind: str  # passport, id_card, national_id
    country: str
    number: str
    issued: date
    expires: date
    surname: str  # as printed on the data page
    given: str
    birth: date
    sex: str  # M, F
    nationality: str
    genuine: bool = True
    forgery: str | None = None  # why it is not genuine
    mrz: tuple[str, ...] = ()
    holders: list[str] = field(default_factory=list)  # truth person ids
    type_label: str = ""  # for national IDs

    def truth(self) -> dict[str, object]:
        return {
            "kind": "document",
            "id": self.id,
            "type": self.kind,
            "country": self.country,
            "number": self.number,
            "genuine": self.genuine,
            "forgery": self.forgery,
            "holders": self.holders,
        }


def check_digit(text: str) -> int:
    """ICAO 9303 check digit: weights 7, 3, 1; ``<`` is 0, letters 10-35."""
    total = 0
    for i, ch in enumerate(text):
        value = 0 if ch == "<" else int(ch) if ch.isdigit() else ord(ch) - 55
        total += value * (7, 3, 1)[i % 3]
    return total % 10


def mrz_text(text: str) -> str:
    """A name as the MRZ writes it: A-Z with ICAO's transliterations, ``<`` for spaces."""
    out = []
    for ch in text.upper():
        if ch in _ICAO_TRANSLIT:
            out.append(_ICAO_TRANSLIT[ch])
            continue
        base = unicodedata.normalize("NFKD", ch)[0]
        if "A" <= base <= "Z":
            out.append(base)
        elif base in " -":
            out.append("<")
    return "".join(out)


def _fill(pattern: str, serial: int) -> str:
    out = []
    for ch in reversed(pattern):
        radix = {"#": "0123456789", "@": _LETTERS, "*": _ALNUM}.get(ch)
        if radix is None:
            out.append(ch)
            continue
        serial, digit = divmod(serial, len(radix))
        out.append(radix[digit])
    return "".join(reversed(out))


def _space(pattern: str) -> int:
    size = 1
    for ch in pattern:
        size *= {"#": 10, "@": len(_LETTERS), "*": len(_ALNUM)}.get(ch, 1)
    return min(size, 10**12)


def new_number(serials: Serials, kind: str, country: str) -> str:
    patterns = PASSPORT_PATTERNS if kind == "passport" else ID_CARD_PATTERNS
    pattern = patterns.get(country) or NATIONAL_IDS.get(country, ("", "@#######"))[1]
    if kind == "national_id":
        pattern = NATIONAL_IDS[country][1]
    return _fill(pattern, serials.draw(f"document:{kind}:{country}", _space(pattern)))


def _yymmdd(day: date) -> str:
    return day.strftime("%y%m%d")


def _field(text: str, width: int) -> str:
    return (text + "<" * width)[:width]


def _names(surname: str, given: str, width: int) -> str:
    return _field(f"{mrz_text(surname)}<<{mrz_text(given)}", width)


def td3(doc: Document) -> tuple[str, str]:
    number = _field(doc.number, 9)
    line1 = f"P<{icao(doc.country):<<3}{_names(doc.surname, doc.given, 39)}".replace(" ", "<")
    birth, expiry, personal = _yymmdd(doc.birth), _yymmdd(doc.expires), "<" * 14
    parts = [
        f"{number}{check_digit(number)}",
        f"{icao(doc.nationality):<<3}",
        f"{birth}{check_digit(birth)}",
        doc.sex,
        f"{expiry}{check_digit(expiry)}",
        f"{personal}<",
    ]
    composite = parts[0] + parts[2] + parts[4] + parts[5]
    return line1, "".join(parts) + str(check_digit(composite))


def td1(doc: Document) -> tuple[str, str, str]:
    number = _field(doc.number, 9)
    line1 = _field(f"I<{icao(doc.country):<<3}{number}{check_digit(number)}", 30)
    birth, expiry = _yymmdd(doc.birth), _yymmdd(doc.expires)
    line2 = (
        f"{birth}{check_digit(birth)}{doc.sex}{expiry}{check_digit(expiry)}"
        f"{icao(doc.nationality):<<3}{'<' * 11}"
    )
    composite = line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29]
    return line1, line2 + str(check_digit(composite)), _names(doc.surname, doc.given, 30)


def issue(
    r: random.Random,
    serials: Serials,
    doc_id: str,
    kind: str,
    country: str,
    person: tuple[str, str, date, str, str],  # surname, given, birth, sex, nationality
    today: date,
) -> Document:
    """A genuine document, issued 0-9 years before ``today`` (valid for 10 years)."""
    surname, given, birth, sex, nationality = person
    issued = today - timedelta(days=r.randint(30, 9 * 365))
    years = 5 if kind == "id_card" else 10
    expires = issued.replace(year=issued.year + years, day=min(issued.day, 28))
    doc = Document(
        doc_id,
        kind,
        country,
        new_number(serials, kind, country),
        issued,
        expires,
        surname,
        given,
        birth,
        sex,
        nationality,
    )
    if kind == "passport":
        doc.mrz = td3(doc)
    elif kind == "id_card":
        doc.mrz = td1(doc)
    else:
        doc.type_label = NATIONAL_IDS[country][0]
    return doc


def forge(r: random.Random, doc: Document) -> Document:
    """Make ``doc`` a forgery: its MRZ fails a check the way forged documents do."""
    doc.genuine = False
    if not doc.mrz:
        doc.forgery = "counterfeit (no MRZ to check)"
        return doc
    lines = list(doc.mrz)
    td3_format = len(lines) == 2
    where = r.choice(("number", "birth", "expiry", "composite", "altered"))
    if where == "altered":  # the data page's number was changed after printing
        old = doc.number
        doc.number = old[:-1] + (
            "0123456789"[(int(old[-1]) + 1) % 10]
            if old[-1].isdigit()
            else "X"
            if old[-1] != "X"
            else "Y"
        )
        doc.forgery = f"data page number altered: the MRZ holds {old}"
        return doc
    positions = {"number": 9, "birth": 19, "expiry": 27, "composite": 43}
    if not td3_format:
        positions = {"number": 14, "birth": 6, "expiry": 14, "composite": 29}
    line = 0 if not td3_format and where == "number" else 1
    pos = positions[where]
    text = lines[line]
    wrong = str((int(text[pos]) + r.randint(1, 9)) % 10)
    lines[line] = text[:pos] + wrong + text[pos + 1 :]
    doc.mrz = tuple(lines)
    doc.forgery = f"MRZ {where} check digit wrong"
    return doc
