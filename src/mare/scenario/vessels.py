"""Vessels that carry people, and the ones that only happen to be there.

Rubber and iron boats and small Channel boats have no name and no number;
wooden boats sometimes a painted name; fishing boats a name, a port
registration, a flag and sometimes an MMSI; speedboats a registration;
sailing yachts a name, flag, MMSI and call sign; a mothership (a trawler that
tows boats out and brings the crew back) all of these and an IMO number,
and a history of new names and flags. Fishing vessels that are inspected and
let go are not smuggling vessels: some share a name with one (names are
common: ``Al Hajj Salem``, ``Rahma``), none share a number.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from mare.scenario.serials import Serials

# kind: (FtM type words per convention, length range in metres, identifiers)
KINDS: dict[str, tuple[dict[str, str], tuple[int, int], frozenset[str]]] = {
    "rubber": (
        {
            "en": "inflatable boat",
            "it": "gommone",
            "fr": "embarcation pneumatique",
            "de": "Schlauchboot",
            "es": "neumática",
            "tr": "lastik bot",
        },
        (8, 12),
        frozenset(),
    ),
    "small_boat": (
        {"en": "small boat (inflatable)", "fr": "small boat pneumatique", "de": "Schlauchboot"},
        (8, 11),
        frozenset(),
    ),
    "iron": (
        {"en": "metal boat", "it": "barchino in ferro", "fr": "embarcation en fer"},
        (6, 9),
        frozenset(),
    ),
    "wooden": (
        {
            "en": "wooden boat",
            "it": "barca in legno",
            "fr": "barque en bois",
            "es": "patera",
            "tr": "ahşap tekne",
        },
        (7, 16),
        frozenset({"name"}),
    ),
    "fishing": (
        {
            "en": "fishing vessel",
            "it": "peschereccio",
            "fr": "bateau de pêche",
            "es": "pesquero",
            "tr": "balıkçı teknesi",
            "de": "Fischkutter",
        },
        (14, 30),
        frozenset({"name", "registration", "mmsi", "callsign"}),
    ),
    "speedboat": (
        {
            "en": "speedboat",
            "it": "motoscafo",
            "es": "embarcación semirrígida",
            "tr": "sürat teknesi",
            "fr": "semi-rigide",
        },
        (7, 12),
        frozenset({"registration"}),
    ),
    "yacht": (
        {
            "en": "sailing yacht",
            "it": "barca a vela",
            "fr": "voilier",
            "tr": "yelkenli yat",
            "es": "velero",
            "de": "Segelyacht",
        },
        (11, 17),
        frozenset({"name", "mmsi", "callsign"}),
    ),
    "mothership": (
        {"en": "fishing trawler", "it": "motopesca", "fr": "chalutier", "es": "arrastrero"},
        (28, 45),
        frozenset({"name", "registration", "mmsi", "callsign", "imo"}),
    ),
}
MID = {
    "ly": 642,
    "tn": 672,
    "eg": 622,
    "tr": 271,
    "gr": 237,
    "it": 247,
    "mt": 248,
    "es": 224,
    "tg": 671,
    "sl": 667,
    "cm": 613,
    "pa": 352,
    "km": 616,
    "pw": 511,
    "us": 338,
    "pl": 261,
    "de": 211,
    "gb": 232,
    "fr": 227,
    "ma": 242,
    "nl": 244,
}
CALL_PREFIX = {
    "ly": "5A",
    "tn": "3V",
    "eg": "SU",
    "tr": "TC",
    "gr": "SV",
    "it": "IB",
    "mt": "9H",
    "es": "EA",
    "tg": "5V",
    "sl": "9L",
    "cm": "TJ",
    "pa": "HO",
    "km": "D6",
    "pw": "T8",
    "us": "WD",
    "pl": "SP",
    "de": "DA",
    "gb": "MN",
    "fr": "FA",
    "ma": "CN",
    "nl": "PB",
}
REGISTRATION = {
    "ly": "ZW",
    "tn": "SF",
    "eg": "AL",
    "tr": "TUGS",
    "gr": "ΚΩ",
    "ma": "NA",
    "es": "AM",
    "it": "PA",
}
FLAGS_OF_CONVENIENCE = ("tg", "sl", "cm", "pa", "km", "pw")
YACHT_FLAGS = {"us": 0.25, "pl": 0.2, "de": 0.15, "tr": 0.2, "gb": 0.1, "fr": 0.1}
# (Latin forms, native form) of boat names painted on hulls
BOAT_NAMES = (
    (("Al Hajj Salem", "El Hadj Salem", "Alhaj Salem"), "الحاج سالم"),
    (("Rahma", "Rahmah", "Errahma"), "رحمة"),
    (("Nour El Islam", "Nour Al Islam", "Nur al-Islam"), "نور الإسلام"),
    (("Mabrouka", "Mabruka", "Mabrouk"), "مبروكة"),
    (("Al Baraka", "El Baraka", "Albaraka"), "البركة"),
    (("Sidi Mansour", "Sidi Mansur"), "سيدي منصور"),
    (("Abu Bakr", "Abou Bakr", "Abubakr"), "أبو بكر"),
    (("Al Amal", "El Amel", "Alamal"), "الأمل"),
    (("Bahr El Kheir", "Bahr Al Khair"), "بحر الخير"),
    (("Salem 3", "Salem III", "Salim 3"), "سالم 3"),
    (("Al Fajr", "El Fajr", "Al Fager"), "الفجر"),
    (("Zahrat Al Bahr", "Zahret El Bahr"), "زهرة البحر"),
)
YACHT_NAMES = (
    "Blue Horizon",
    "Sea Spirit",
    "Aurora",
    "Bella Vita",
    "Odyssey",
    "Marlin",
    "Serenity",
    "Wind Dancer",
    "Kalypso",
    "Nomad",
    "Freedom",
    "Stella Maris",
    "Aegean Dream",
    "Lucky Star",
    "Mistral",
    "Sirocco",
)


@dataclass(slots=True)
class Vessel:
    id: str
    kind: str
    length: int
    name: tuple[str, ...] = ()  # Latin forms (first is the painted one)
    native: str = ""  # the name in Arabic script, when painted so
    previous: tuple[str, ...] = ()  # earlier names
    flag: str = ""
    past_flags: tuple[str, ...] = ()
    registration: str = ""
    imo: str = ""
    mmsi: str = ""
    callsign: str = ""
    smuggling: bool = True
    networks: list[str] = field(default_factory=list)

    def truth(self) -> dict[str, object]:
        return {
            "kind": "vessel",
            "id": self.id,
            "type": self.kind,
            "name": self.name[0] if self.name else None,
            "previous_names": list(self.previous),
            "flag": self.flag or None,
            "past_flags": list(self.past_flags),
            "imo": self.imo or None,
            "mmsi": self.mmsi or None,
            "call_sign": self.callsign or None,
            "registration": self.registration or None,
            "smuggled": self.smuggling,
            "networks": self.networks,
        }


def imo_check(six: str) -> str:
    return str(sum(int(d) * w for d, w in zip(six, range(7, 1, -1), strict=True)) % 10)


def _imo(serials: Serials) -> str:
    six = f"{8_000_00 + serials.draw('imo', 1_999_99):06d}"  # 800000-999998: built 1980s-2010s
    return six + imo_check(six)


def _mmsi(serials: Serials, flag: str) -> str:
    return f"{MID[flag]}{serials.draw(f'mmsi:{flag}', 900_000) + 100_000:06d}"


def _callsign(serials: Serials, flag: str) -> str:
    serial = serials.draw(f"callsign:{flag}", 26**2 * 100)
    letters = chr(65 + serial // 2600) + chr(65 + (serial // 100) % 26)
    return f"{CALL_PREFIX[flag]}{letters}{serial % 100:02d}"


def build(
    r: random.Random,
    serials: Serials,
    vessel_id: str,
    kind: str,
    home: str,
    smuggling: bool = True,
) -> Vessel:
    """A vessel of ``kind`` whose home country is ``home``."""
    _, (low, high), ids = KINDS[kind]
    vessel = Vessel(vessel_id, kind, r.randint(low, high), smuggling=smuggling)
    flag = home if home in MID else "ly"
    if kind == "yacht":
        flag = r.choices(list(YACHT_FLAGS), list(YACHT_FLAGS.values()))[0]
        vessel.name = (r.choice(YACHT_NAMES),)
    elif "name" in ids and (kind != "wooden" or r.random() < 0.4):
        latin, native = r.choice(BOAT_NAMES)
        vessel.name, vessel.native = latin, native
    if kind == "mothership":
        vessel.previous, vessel.past_flags = vessel.name, (flag,)
        latin, native = r.choice(BOAT_NAMES)
        vessel.name, vessel.native = latin, native
        flag = r.choice(FLAGS_OF_CONVENIENCE)
        vessel.imo = _imo(serials)
    if kind not in ("rubber", "small_boat", "iron"):
        vessel.flag = flag
    if "registration" in ids and flag in REGISTRATION:
        vessel.registration = f"{REGISTRATION[flag]}-{serials.draw(f'reg:{flag}', 90000) + 10000}"
    if "mmsi" in ids and (kind != "fishing" or r.random() < 0.5):
        vessel.mmsi = _mmsi(serials, flag)
    if "callsign" in ids and (kind != "fishing" or r.random() < 0.4):
        vessel.callsign = _callsign(serials, flag)
    return vessel


def type_word(kind: str, convention: str) -> str:
    words = KINDS[kind][0]
    return words.get(convention, words["en"])
