"""The smuggling routes networks operate on, and who sees which part of them.

A route names where crossings leave from and arrive, who typically fills each
role of a network on it (Libyan organisers and Egyptian skippers in the
central Mediterranean, Iraqi Kurdish organisers and German boat suppliers on
the Channel), who travels, which boats are used, the price of a crossing,
the languages its adverts are written in, where its money brokers and safe
houses are, and which partners report which kind of trace (a landing in
Lampedusa is reported by the Italian police, a van stopped near Subotica by
the Serbian border police, a hawala network by a financial unit).
"""

from __future__ import annotations

from dataclasses import dataclass

ROLES = (
    "organiser",
    "recruiter",
    "facilitator",
    "driver",
    "skipper",
    "forger",
    "broker",
    "safe_house_keeper",
)
# People in the scenario who are not network members.
OTHER_ROLES = ("migrant", "relative", "associate", "namesake")
EVENTS = (
    "advert",
    "departure",
    "landing",
    "arrest",
    "raid",
    "document",
    "finance",
    "secondary",
    "intelligence",
    "mothership",
)

W = dict[str, float]


@dataclass(frozen=True, slots=True)
class Route:
    key: str
    label: str
    share: float  # of the networks
    departure: str  # country
    departure_places: tuple[str, ...]
    arrivals: dict[str, tuple[str, ...]]  # country -> places
    roles: dict[str, W]  # role -> origins
    migrants: W  # origins of the people smuggled
    reporters: dict[str, W]  # event -> partners
    boats: W  # vessel kinds (vessels.KINDS); empty: overland
    price: tuple[int, int, str]
    languages: W  # advert languages
    broker_city: tuple[str, str]  # hawala office (country, city)
    safe_houses: tuple[tuple[str, str], ...]  # (country, city)
    events: dict[str, tuple[int, int]]  # event -> (min, max) per network


_MEMBERS_CM = {
    "organiser": {"libya": 0.6, "egypt": 0.2, "horn": 0.1, "sudan": 0.1},
    "recruiter": {"bangla": 0.3, "egypt": 0.25, "westafrica": 0.2, "horn": 0.15, "sudan": 0.1},
    "facilitator": {"libya": 0.6, "egypt": 0.2, "sudan": 0.2},
    "driver": {"libya": 0.7, "sudan": 0.3},
    "skipper": {"egypt": 0.5, "libya": 0.2, "westafrica": 0.15, "sudan": 0.15},
    "forger": {"libya": 0.5, "egypt": 0.5},
    "broker": {"horn": 0.35, "egypt": 0.3, "sudan": 0.2, "bangla": 0.15},
    "safe_house_keeper": {"libya": 0.8, "sudan": 0.2},
}

ROUTES: dict[str, Route] = {
    r.key: r
    for r in (
        Route(
            "central_med_ly",
            "Libya to Italy and Malta (central Mediterranean)",
            0.24,
            "ly",
            ("Zuwara", "Sabratha", "Garabulli", "Tobruk", "Zawiya"),
            {
                "it": ("Lampedusa", "Pozzallo", "Augusta", "Roccella Ionica", "Crotone"),
                "mt": ("Valletta", "Marsaxlokk", "Hal Far"),
            },
            _MEMBERS_CM,
            {
                "bangla": 0.2,
                "egypt": 0.2,
                "westafrica": 0.15,
                "horn": 0.12,
                "sudan": 0.1,
                "levant": 0.1,
                "pakistan": 0.08,
                "maghreb": 0.05,
            },
            {
                "landing": {"IT-SCO": 0.6, "MT-POL": 0.25, "MT-AFM": 0.15},
                "departure": {"MT-AFM": 0.6, "IT-GDF": 0.4},
                "arrest": {"IT-SCO": 0.7, "MT-POL": 0.3},
                "raid": {"IT-SCO": 1.0},
                "document": {"IT-SCO": 0.4, "DE-BPOL": 0.3, "NL-KMAR": 0.3},
                "finance": {"IT-GDF": 0.7, "DE-BKA": 0.15, "UK-NCA": 0.15},
                "secondary": {"DE-BPOL": 0.4, "FR-OLTIM": 0.3, "AT-BK": 0.15, "NL-KMAR": 0.15},
                "intelligence": {"IT-SCO": 0.5, "MT-POL": 0.2, "IT-GDF": 0.3},
                "advert": {"IT-SCO": 0.6, "DE-BKA": 0.2, "UK-NCA": 0.2},
                "mothership": {"IT-GDF": 0.6, "MT-AFM": 0.4},
            },
            {"fishing": 0.45, "wooden": 0.3, "rubber": 0.25},
            (2500, 6000, "USD"),
            {"ar": 0.6, "en": 0.25, "fr": 0.15},
            ("it", "Milano"),
            (("ly", "Zuwara"), ("ly", "Tripoli"), ("it", "Roma"), ("it", "Milano")),
            {
                "advert": (1, 2),
                "departure": (0, 1),
                "landing": (2, 4),
                "arrest": (0, 2),
                "raid": (0, 1),
                "document": (0, 2),
                "finance": (1, 2),
                "secondary": (1, 3),
                "intelligence": (1, 2),
                "mothership": (0, 1),
            },
        ),
        Route(
            "central_med_tn",
            "Tunisia to Italy (central Mediterranean)",
            0.14,
            "tn",
            ("Sfax", "Mahdia", "Kerkennah", "Monastir", "Zarzis"),
            {"it": ("Lampedusa", "Pantelleria", "Porto Empedocle", "Mazara del Vallo")},
            {
                "organiser": {"maghreb": 1.0},
                "recruiter": {"maghreb": 0.5, "westafrica": 0.5},
                "facilitator": {"maghreb": 1.0},
                "driver": {"maghreb": 1.0},
                "skipper": {"maghreb": 0.8, "westafrica": 0.2},
                "forger": {"maghreb": 1.0},
                "broker": {"maghreb": 0.7, "westafrica": 0.3},
                "safe_house_keeper": {"maghreb": 0.8, "westafrica": 0.2},
            },
            {"westafrica": 0.5, "maghreb": 0.3, "sudan": 0.1, "levant": 0.1},
            {
                "landing": {"IT-SCO": 1.0},
                "departure": {"TN-GN": 1.0},
                "arrest": {"TN-GN": 0.6, "IT-SCO": 0.4},
                "raid": {"TN-GN": 1.0},
                "document": {"IT-SCO": 0.5, "FR-OLTIM": 0.5},
                "finance": {"IT-GDF": 0.6, "FR-OLTIM": 0.4},
                "secondary": {"FR-OLTIM": 0.6, "DE-BPOL": 0.2, "BE-FGP": 0.2},
                "intelligence": {"TN-GN": 0.6, "IT-SCO": 0.4},
                "advert": {"IT-SCO": 0.5, "FR-OLTIM": 0.5},
            },
            {"iron": 0.5, "fishing": 0.3, "wooden": 0.2},
            (1500, 3500, "EUR"),
            {"ar": 0.5, "fr": 0.4, "en": 0.1},
            ("tn", "Sfax"),
            (("tn", "Sfax"), ("tn", "Zarzis"), ("it", "Palermo")),
            {
                "advert": (1, 2),
                "departure": (1, 3),
                "landing": (1, 3),
                "arrest": (1, 2),
                "raid": (0, 1),
                "document": (0, 1),
                "finance": (1, 1),
                "secondary": (1, 2),
                "intelligence": (1, 2),
            },
        ),
        Route(
            "east_med",
            "Turkey to Greece and Italy (eastern Mediterranean)",
            0.2,
            "tr",
            ("Çeşme", "Ayvalık", "Bodrum", "Didim", "Kuşadası", "Marmaris"),
            {
                "gr": ("Lesvos", "Chios", "Samos", "Kos", "Farmakonisi"),
                "it": ("Roccella Ionica", "Crotone", "Siderno"),
            },
            {
                "organiser": {"turkish": 0.35, "levant": 0.3, "afghan": 0.2, "kurd_iq": 0.15},
                "recruiter": {"afghan": 0.35, "levant": 0.35, "pakistan": 0.15, "somali": 0.15},
                "facilitator": {"turkish": 0.5, "levant": 0.3, "afghan": 0.2},
                "driver": {"turkish": 0.8, "levant": 0.2},
                "skipper": {"eastslav": 0.35, "levant": 0.25, "afghan": 0.2, "turkish": 0.2},
                "forger": {"levant": 0.5, "turkish": 0.3, "eu_gr": 0.2},
                "broker": {"levant": 0.5, "kurd_iq": 0.25, "afghan": 0.25},
                "safe_house_keeper": {"turkish": 0.5, "levant": 0.3, "afghan": 0.2},
            },
            {
                "afghan": 0.3,
                "levant": 0.3,
                "iran": 0.1,
                "somali": 0.1,
                "pakistan": 0.1,
                "kurd_iq": 0.1,
            },
            {
                "landing": {"GR-HCG": 0.6, "GR-HP": 0.2, "IT-SCO": 0.2},
                "departure": {"TR-SG": 0.7, "TR-EGM": 0.3},
                "arrest": {"GR-HP": 0.5, "TR-EGM": 0.5},
                "raid": {"GR-HP": 0.5, "TR-EGM": 0.5},
                "document": {"GR-HP": 0.6, "DE-BPOL": 0.2, "NL-KMAR": 0.2},
                "finance": {"TR-EGM": 0.5, "DE-BKA": 0.3, "AT-BK": 0.2},
                "secondary": {"DE-BPOL": 0.5, "AT-BK": 0.25, "NL-KMAR": 0.25},
                "intelligence": {"TR-EGM": 0.5, "GR-HP": 0.5},
                "advert": {"GR-HP": 0.4, "DE-BKA": 0.3, "TR-EGM": 0.3},
            },
            {"rubber": 0.55, "speedboat": 0.2, "yacht": 0.25},
            (1500, 4000, "EUR"),
            {"fa": 0.3, "ar": 0.35, "tr": 0.15, "en": 0.1, "ckb": 0.1},
            ("tr", "İstanbul"),
            (("tr", "İzmir"), ("tr", "İstanbul"), ("gr", "Athina")),
            {
                "advert": (1, 3),
                "departure": (1, 2),
                "landing": (2, 4),
                "arrest": (1, 2),
                "raid": (0, 1),
                "document": (1, 2),
                "finance": (1, 2),
                "secondary": (1, 3),
                "intelligence": (1, 2),
            },
        ),
        Route(
            "balkans",
            "Western Balkans overland",
            0.16,
            "gr",
            ("Thessaloniki", "Evzoni", "Edirne"),
            {"at": ("Wien", "Nickelsdorf"), "de": ("München", "Passau", "Rosenheim")},
            {
                "organiser": {"afghan": 0.35, "levant": 0.25, "maghreb": 0.2, "serbian": 0.2},
                "recruiter": {"afghan": 0.4, "levant": 0.3, "maghreb": 0.3},
                "facilitator": {"serbian": 0.4, "eu_bg": 0.2, "albanian": 0.2, "afghan": 0.2},
                "driver": {
                    "serbian": 0.3,
                    "eu_bg": 0.2,
                    "eu_ro": 0.2,
                    "eastslav": 0.15,
                    "eu_hu": 0.15,
                },
                "forger": {"serbian": 0.5, "levant": 0.5},
                "broker": {"afghan": 0.5, "levant": 0.5},
                "safe_house_keeper": {"serbian": 0.6, "afghan": 0.4},
            },
            {"afghan": 0.4, "levant": 0.3, "maghreb": 0.15, "pakistan": 0.1, "bangla": 0.05},
            {
                "arrest": {
                    "RS-MUP": 0.3,
                    "HU-NNI": 0.25,
                    "AT-BK": 0.2,
                    "BG-GDBP": 0.15,
                    "HR-MUP": 0.1,
                },
                "raid": {"RS-MUP": 0.5, "AT-BK": 0.5},
                "document": {"HR-MUP": 0.4, "AT-BK": 0.3, "DE-BPOL": 0.3},
                "finance": {"AT-BK": 0.6, "DE-BKA": 0.4},
                "secondary": {"DE-BPOL": 0.5, "AT-BK": 0.3, "NL-KMAR": 0.2},
                "intelligence": {"AT-BK": 0.4, "RS-MUP": 0.3, "GR-HP": 0.3},
                "advert": {"AT-BK": 0.5, "DE-BKA": 0.5},
            },
            {},
            (3000, 8000, "EUR"),
            {"fa": 0.4, "ar": 0.4, "en": 0.2},
            ("at", "Wien"),
            (("rs", "Beograd"), ("rs", "Subotica"), ("bg", "Sofia"), ("at", "Wien")),
            {
                "advert": (1, 2),
                "arrest": (2, 4),
                "raid": (1, 2),
                "document": (0, 1),
                "finance": (1, 2),
                "secondary": (1, 3),
                "intelligence": (1, 2),
            },
        ),
        Route(
            "channel",
            "France to the United Kingdom (Channel)",
            0.14,
            "fr",
            ("Gravelines", "Wimereux", "Hardelot", "Équihen-Plage", "Dunkerque"),
            {"gb": ("Dover", "Dungeness", "Folkestone")},
            {
                "organiser": {"kurd_iq": 0.55, "albanian": 0.25, "vietnam": 0.1, "iran": 0.1},
                "recruiter": {"kurd_iq": 0.5, "afghan": 0.2, "horn": 0.15, "vietnam": 0.15},
                "facilitator": {"kurd_iq": 0.4, "turkish": 0.3, "albanian": 0.3},
                "driver": {"eu_ro": 0.3, "eu_pl": 0.2, "albanian": 0.2, "kurd_iq": 0.3},
                "skipper": {"afghan": 0.3, "sudan": 0.25, "horn": 0.25, "kurd_iq": 0.2},
                "forger": {"albanian": 0.5, "kurd_iq": 0.5},
                "broker": {"kurd_iq": 0.7, "iran": 0.3},
                "safe_house_keeper": {"kurd_iq": 0.6, "albanian": 0.4},
            },
            {
                "kurd_iq": 0.25,
                "afghan": 0.2,
                "horn": 0.15,
                "sudan": 0.12,
                "iran": 0.1,
                "levant": 0.08,
                "vietnam": 0.05,
                "albanian": 0.05,
            },
            {
                "landing": {"UK-NCA": 1.0},
                "departure": {"FR-OLTIM": 1.0},
                "arrest": {"FR-OLTIM": 0.4, "BE-FGP": 0.2, "NL-KMAR": 0.15, "UK-NCA": 0.25},
                "raid": {"FR-OLTIM": 0.5, "BE-FGP": 0.2, "DE-BKA": 0.3},
                "document": {"NL-KMAR": 0.4, "BE-FGP": 0.3, "UK-NCA": 0.3},
                "finance": {"UK-NCA": 0.7, "DE-BKA": 0.3},
                "secondary": {"UK-NCA": 0.5, "FR-OLTIM": 0.3, "BE-FGP": 0.2},
                "intelligence": {"UK-NCA": 0.5, "FR-OLTIM": 0.3, "DE-BKA": 0.2},
                "advert": {"UK-NCA": 0.5, "FR-OLTIM": 0.3, "DE-BKA": 0.2},
            },
            {"small_boat": 1.0},
            (1500, 7000, "EUR"),
            {"ckb": 0.35, "fa": 0.2, "ar": 0.2, "en": 0.15, "kmr": 0.1},
            ("gb", "Birmingham"),
            (("fr", "Calais"), ("fr", "Dunkerque"), ("be", "Bruxelles"), ("de", "Essen")),
            {
                "advert": (1, 3),
                "departure": (1, 3),
                "landing": (1, 3),
                "arrest": (1, 2),
                "raid": (0, 1),
                "document": (0, 1),
                "finance": (1, 2),
                "secondary": (1, 2),
                "intelligence": (1, 2),
            },
        ),
        Route(
            "west_med",
            "Morocco to Spain (western Mediterranean)",
            0.12,
            "ma",
            ("Nador", "Tanger", "Larache", "Al Hoceïma", "Tarfaya"),
            {"es": ("Almería", "Motril", "Tarifa", "Algeciras", "Arrecife")},
            {
                "organiser": {"maghreb": 1.0},
                "recruiter": {"maghreb": 0.5, "westafrica": 0.5},
                "facilitator": {"maghreb": 1.0},
                "driver": {"maghreb": 1.0},
                "skipper": {"maghreb": 0.7, "westafrica": 0.3},
                "forger": {"maghreb": 1.0},
                "broker": {"maghreb": 1.0},
                "safe_house_keeper": {"maghreb": 0.7, "westafrica": 0.3},
            },
            {"maghreb": 0.55, "westafrica": 0.45},
            {
                "landing": {"ES-GC": 0.7, "ES-PN": 0.3},
                "departure": {"MA-DGSN": 1.0},
                "arrest": {"ES-PN": 0.5, "MA-DGSN": 0.5},
                "raid": {"MA-DGSN": 0.6, "ES-PN": 0.4},
                "document": {"ES-PN": 0.6, "FR-OLTIM": 0.4},
                "finance": {"ES-PN": 0.7, "FR-OLTIM": 0.3},
                "secondary": {"FR-OLTIM": 0.6, "BE-FGP": 0.2, "ES-PN": 0.2},
                "intelligence": {"MA-DGSN": 0.5, "ES-PN": 0.5},
                "advert": {"ES-PN": 0.7, "FR-OLTIM": 0.3},
            },
            {"wooden": 0.4, "rubber": 0.35, "speedboat": 0.25},
            (2000, 4500, "EUR"),
            {"ar": 0.5, "fr": 0.4, "en": 0.1},
            ("ma", "Nador"),
            (("ma", "Nador"), ("ma", "Tanger"), ("es", "Almería")),
            {
                "advert": (1, 2),
                "departure": (1, 2),
                "landing": (1, 3),
                "arrest": (1, 2),
                "raid": (0, 1),
                "document": (0, 1),
                "finance": (1, 1),
                "secondary": (1, 2),
                "intelligence": (1, 2),
            },
        ),
    )
}
