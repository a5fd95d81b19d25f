"""Origin regions: where people come from, how their names are built and written.

An origin says which name pools a person's given, father's and family names
come from, how often the father's name is part of the name (three-part names
in the Arab world, patronymics in Eritrea and Somalia, Afghans who have no
family name at all), which script the name is natively written in, how often
a birth date is unknown (registrations then write 1 January), and which false
nationalities people of the region claim (Moroccans registering as Syrians,
Ethiopians as Eritreans, Pakistanis as Afghans: better odds of protection).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Origin:
    key: str
    nationalities: dict[str, float]
    given: tuple[str, ...]  # pools of given names
    family: tuple[str, ...]  # pools of family names ("=m": a male given name as family name)
    script: str  # native script: arabic, latin, ethiopic, cyrillic, bengali, greek
    father: float = 0.0  # share of names with the father's name
    female: float = 0.2
    no_family: float = 0.0  # share without a family name (the father's name stands in)
    unknown_birthday: float = 0.02  # registered as 1 January of the year
    claims: dict[str, tuple[str, ...]] = field(default_factory=dict)  # nationality -> false ones
    family_first: bool = False  # native order is family name first (Vietnamese)
    middle: bool = False  # has a middle name (Vietnamese Văn / Thị)


def _eu(country: str, script: str = "latin") -> Origin:
    return Origin(f"eu_{country}", {country: 1.0}, (f"eu_{country}",), (f"eu_{country}",), script)


ORIGINS: dict[str, Origin] = {
    o.key: o
    for o in (
        Origin(
            "levant",
            {"sy": 0.6, "iq": 0.22, "ps": 0.08, "jo": 0.05, "lb": 0.05},
            ("arab",),
            ("levant",),
            "arabic",
            father=0.8,
            female=0.25,
            claims={"iq": ("sy",), "jo": ("ps", "sy"), "lb": ("sy",)},
        ),
        Origin(
            "egypt",
            {"eg": 1.0},
            ("arab", "egypt"),
            ("egypt",),
            "arabic",
            father=0.9,
            female=0.1,
            claims={"eg": ("ly", "sy", "ps")},
        ),
        Origin(
            "maghreb",
            {"ma": 0.45, "dz": 0.3, "tn": 0.25},
            ("arab", "maghreb"),
            ("maghreb",),
            "arabic",
            father=0.15,
            female=0.12,
            claims={"ma": ("sy", "dz"), "dz": ("sy", "ly", "ma"), "tn": ("ly",)},
        ),
        Origin(
            "libya",
            {"ly": 1.0},
            ("arab", "maghreb"),
            ("maghreb",),
            "arabic",
            father=0.8,
            female=0.1,
        ),
        Origin(
            "sudan",
            {"sd": 1.0},
            ("arab",),
            ("sudan", "=m"),
            "arabic",
            father=0.95,
            female=0.15,
            unknown_birthday=0.2,
            claims={"sd": ("er",)},
        ),
        Origin(
            "afghan",
            {"af": 1.0},
            ("afghan",),
            ("afghan",),
            "arabic",
            father=0.7,
            female=0.2,
            no_family=0.35,
            unknown_birthday=0.3,
        ),
        Origin(
            "iran", {"ir": 1.0}, ("iran",), ("iran",), "arabic", female=0.3, claims={"ir": ("af",)}
        ),
        Origin(
            "kurd_iq",
            {"iq": 1.0},
            ("sorani",),
            ("sorani",),
            "arabic",
            father=0.8,
            female=0.2,
            claims={"iq": ("sy", "ir")},
        ),
        Origin(
            "kurd_sy",
            {"sy": 0.6, "tr": 0.4},
            ("kurmanji",),
            ("kurmanji",),
            "latin",
            father=0.6,
            female=0.25,
            claims={"tr": ("sy",)},
        ),
        Origin(
            "horn",
            {"er": 0.75, "et": 0.25},
            ("horn",),
            ("horn",),
            "ethiopic",
            father=1.0,
            female=0.3,
            unknown_birthday=0.15,
            claims={"et": ("er",)},
        ),
        Origin(
            "somali",
            {"so": 1.0},
            ("somali",),
            ("somali", "=m"),
            "latin",
            father=1.0,
            female=0.25,
            unknown_birthday=0.3,
        ),
        Origin(
            "pakistan",
            {"pk": 1.0},
            ("pakistan",),
            ("pakistan",),
            "arabic",
            female=0.05,
            claims={"pk": ("af",)},
        ),
        Origin(
            "bangla",
            {"bd": 1.0},
            ("bangla",),
            ("bangla",),
            "bengali",
            female=0.05,
            unknown_birthday=0.1,
        ),
        Origin(
            "westafrica",
            {"gn": 0.2, "ml": 0.15, "sn": 0.2, "ci": 0.1, "gm": 0.1, "ng": 0.15, "gh": 0.1},
            ("westafrica",),
            ("westafrica",),
            "latin",
            female=0.2,
            unknown_birthday=0.15,
            claims={"sn": ("ml",), "gm": ("ml", "sn"), "ci": ("ml",), "gh": ("ng",)},
        ),
        Origin("turkish", {"tr": 1.0}, ("turkish",), ("turkish",), "latin", female=0.05),
        Origin(
            "serbian", {"rs": 0.8, "ba": 0.2}, ("serbian",), ("serbian",), "cyrillic", female=0.05
        ),
        Origin(
            "albanian", {"al": 0.7, "xk": 0.3}, ("albanian",), ("albanian",), "latin", female=0.05
        ),
        Origin(
            "eastslav",
            {"ua": 0.7, "ru": 0.2, "md": 0.1},
            ("eastslav",),
            ("eastslav",),
            "cyrillic",
            female=0.0,
        ),
        Origin(
            "vietnam",
            {"vn": 1.0},
            ("vietnam",),
            ("vietnam",),
            "latin",
            female=0.3,
            family_first=True,
            middle=True,
        ),
        _eu("it"),
        _eu("gr", "greek"),
        _eu("ro"),
        _eu("bg", "cyrillic"),
        _eu("hu"),
        _eu("pl"),
        _eu("fr"),
        _eu("gb"),
        _eu("de"),
        _eu("es"),
    )
}


def origin(key: str) -> Origin:
    return ORIGINS[key]
