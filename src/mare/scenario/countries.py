"""Countries as partners write them: ISO codes, ICAO codes, names in several languages.

A nationality or issuing country is written as an ISO alpha-2 or alpha-3 code,
the ICAO code of a travel document (``D`` for Germany, ``RKS`` for Kosovo),
or a name in English, French, German, Italian, Spanish, Turkish or the
country's own language (``Syria``, ``Syrie``, ``Syrien``, ``Siria``,
``Suriye``, ``سوريا``).
"""

from __future__ import annotations

import random

from mare.scenario.dice import pick

# alpha-2: (ICAO code, English, French, German, Italian, Spanish, Turkish, own language)
COUNTRIES: dict[str, tuple[str, ...]] = {
    "sy": ("SYR", "Syria", "Syrie", "Syrien", "Siria", "Siria", "Suriye", "سوريا"),
    "iq": ("IRQ", "Iraq", "Irak", "Irak", "Iraq", "Irak", "Irak", "العراق"),
    "ps": (
        "PSE",
        "Palestine",
        "Palestine",
        "Palästina",
        "Palestina",
        "Palestina",
        "Filistin",
        "فلسطين",
    ),
    "jo": ("JOR", "Jordan", "Jordanie", "Jordanien", "Giordania", "Jordania", "Ürdün", "الأردن"),
    "lb": ("LBN", "Lebanon", "Liban", "Libanon", "Libano", "Líbano", "Lübnan", "لبنان"),
    "eg": ("EGY", "Egypt", "Égypte", "Ägypten", "Egitto", "Egipto", "Mısır", "مصر"),
    "ma": ("MAR", "Morocco", "Maroc", "Marokko", "Marocco", "Marruecos", "Fas", "المغرب"),
    "dz": ("DZA", "Algeria", "Algérie", "Algerien", "Algeria", "Argelia", "Cezayir", "الجزائر"),
    "tn": ("TUN", "Tunisia", "Tunisie", "Tunesien", "Tunisia", "Túnez", "Tunus", "تونس"),
    "ly": ("LBY", "Libya", "Libye", "Libyen", "Libia", "Libia", "Libya", "ليبيا"),
    "sd": ("SDN", "Sudan", "Soudan", "Sudan", "Sudan", "Sudán", "Sudan", "السودان"),
    "af": (
        "AFG",
        "Afghanistan",
        "Afghanistan",
        "Afghanistan",
        "Afghanistan",
        "Afganistán",
        "Afganistan",
        "افغانستان",
    ),
    "ir": ("IRN", "Iran", "Iran", "Iran", "Iran", "Irán", "İran", "ایران"),
    "tr": ("TUR", "Turkey", "Turquie", "Türkei", "Turchia", "Turquía", "Türkiye", "Türkiye"),
    "er": ("ERI", "Eritrea", "Érythrée", "Eritrea", "Eritrea", "Eritrea", "Eritre", "ኤርትራ"),
    "et": ("ETH", "Ethiopia", "Éthiopie", "Äthiopien", "Etiopia", "Etiopía", "Etiyopya", "ኢትዮጵያ"),
    "so": ("SOM", "Somalia", "Somalie", "Somalia", "Somalia", "Somalia", "Somali", "Soomaaliya"),
    "pk": (
        "PAK",
        "Pakistan",
        "Pakistan",
        "Pakistan",
        "Pakistan",
        "Pakistán",
        "Pakistan",
        "پاکستان",
    ),
    "bd": (
        "BGD",
        "Bangladesh",
        "Bangladesh",
        "Bangladesch",
        "Bangladesh",
        "Bangladés",
        "Bangladeş",
        "বাংলাদেশ",
    ),
    "gn": ("GIN", "Guinea", "Guinée", "Guinea", "Guinea", "Guinea", "Gine", "Guinée"),
    "ml": ("MLI", "Mali", "Mali", "Mali", "Mali", "Malí", "Mali", "Mali"),
    "sn": ("SEN", "Senegal", "Sénégal", "Senegal", "Senegal", "Senegal", "Senegal", "Sénégal"),
    "ci": (
        "CIV",
        "Côte d'Ivoire",
        "Côte d'Ivoire",
        "Elfenbeinküste",
        "Costa d'Avorio",
        "Costa de Marfil",
        "Fildişi Sahili",
        "Côte d'Ivoire",
    ),
    "gm": ("GMB", "Gambia", "Gambie", "Gambia", "Gambia", "Gambia", "Gambiya", "Gambia"),
    "ng": ("NGA", "Nigeria", "Nigeria", "Nigeria", "Nigeria", "Nigeria", "Nijerya", "Nigeria"),
    "gh": ("GHA", "Ghana", "Ghana", "Ghana", "Ghana", "Ghana", "Gana", "Ghana"),
    "rs": ("SRB", "Serbia", "Serbie", "Serbien", "Serbia", "Serbia", "Sırbistan", "Србија"),
    "ba": (
        "BIH",
        "Bosnia and Herzegovina",
        "Bosnie-Herzégovine",
        "Bosnien und Herzegowina",
        "Bosnia ed Erzegovina",
        "Bosnia y Herzegovina",
        "Bosna-Hersek",
        "Bosna i Hercegovina",
    ),
    "al": (
        "ALB",
        "Albania",
        "Albanie",
        "Albanien",
        "Albania",
        "Albania",
        "Arnavutluk",
        "Shqipëria",
    ),
    "xk": ("RKS", "Kosovo", "Kosovo", "Kosovo", "Kosovo", "Kosovo", "Kosova", "Kosova"),
    "ua": ("UKR", "Ukraine", "Ukraine", "Ukraine", "Ucraina", "Ucrania", "Ukrayna", "Україна"),
    "ru": ("RUS", "Russia", "Russie", "Russland", "Russia", "Rusia", "Rusya", "Россия"),
    "md": ("MDA", "Moldova", "Moldavie", "Moldau", "Moldavia", "Moldavia", "Moldova", "Moldova"),
    "vn": ("VNM", "Vietnam", "Viêt Nam", "Vietnam", "Vietnam", "Vietnam", "Vietnam", "Việt Nam"),
    "it": ("ITA", "Italy", "Italie", "Italien", "Italia", "Italia", "İtalya", "Italia"),
    "gr": ("GRC", "Greece", "Grèce", "Griechenland", "Grecia", "Grecia", "Yunanistan", "Ελλάδα"),
    "ro": ("ROU", "Romania", "Roumanie", "Rumänien", "Romania", "Rumania", "Romanya", "România"),
    "bg": (
        "BGR",
        "Bulgaria",
        "Bulgarie",
        "Bulgarien",
        "Bulgaria",
        "Bulgaria",
        "Bulgaristan",
        "България",
    ),
    "hu": (
        "HUN",
        "Hungary",
        "Hongrie",
        "Ungarn",
        "Ungheria",
        "Hungría",
        "Macaristan",
        "Magyarország",
    ),
    "pl": ("POL", "Poland", "Pologne", "Polen", "Polonia", "Polonia", "Polonya", "Polska"),
    "fr": ("FRA", "France", "France", "Frankreich", "Francia", "Francia", "Fransa", "France"),
    "gb": (
        "GBR",
        "United Kingdom",
        "Royaume-Uni",
        "Vereinigtes Königreich",
        "Regno Unito",
        "Reino Unido",
        "Birleşik Krallık",
        "United Kingdom",
    ),
    "de": (
        "D",
        "Germany",
        "Allemagne",
        "Deutschland",
        "Germania",
        "Alemania",
        "Almanya",
        "Deutschland",
    ),
    "es": ("ESP", "Spain", "Espagne", "Spanien", "Spagna", "España", "İspanya", "España"),
    "mt": ("MLT", "Malta", "Malte", "Malta", "Malta", "Malta", "Malta", "Malta"),
    "nl": (
        "NLD",
        "Netherlands",
        "Pays-Bas",
        "Niederlande",
        "Paesi Bassi",
        "Países Bajos",
        "Hollanda",
        "Nederland",
    ),
    "be": ("BEL", "Belgium", "Belgique", "Belgien", "Belgio", "Bélgica", "Belçika", "België"),
    "at": (
        "AUT",
        "Austria",
        "Autriche",
        "Österreich",
        "Austria",
        "Austria",
        "Avusturya",
        "Österreich",
    ),
    "hr": (
        "HRV",
        "Croatia",
        "Croatie",
        "Kroatien",
        "Croazia",
        "Croacia",
        "Hırvatistan",
        "Hrvatska",
    ),
    "tg": ("TGO", "Togo", "Togo", "Togo", "Togo", "Togo", "Togo", "Togo"),
    "sl": (
        "SLE",
        "Sierra Leone",
        "Sierra Leone",
        "Sierra Leone",
        "Sierra Leone",
        "Sierra Leona",
        "Sierra Leone",
        "Sierra Leone",
    ),
    "cm": ("CMR", "Cameroon", "Cameroun", "Kamerun", "Camerun", "Camerún", "Kamerun", "Cameroun"),
    "pa": ("PAN", "Panama", "Panama", "Panama", "Panama", "Panamá", "Panama", "Panamá"),
    "km": ("COM", "Comoros", "Comores", "Komoren", "Comore", "Comoras", "Komorlar", "Comores"),
    "pw": ("PLW", "Palau", "Palaos", "Palau", "Palau", "Palaos", "Palau", "Belau"),
    "us": (
        "USA",
        "United States",
        "États-Unis",
        "Vereinigte Staaten",
        "Stati Uniti",
        "Estados Unidos",
        "Amerika Birleşik Devletleri",
        "United States",
    ),
}
_LANGUAGE_COLUMN = {"en": 1, "fr": 2, "de": 3, "it": 4, "es": 5, "tr": 6}
# ICAO alpha-3 where it differs from the MRZ code above (Germany: DEU in ISO).
ALPHA3 = {"de": "DEU", "xk": "XKX"}


def alpha3(code: str) -> str:
    return ALPHA3.get(code, COUNTRIES[code][0])


def icao(code: str) -> str:
    """The code printed in an MRZ (``D`` for Germany, ``RKS`` for Kosovo)."""
    return COUNTRIES[code][0]


def write(r: random.Random, code: str, convention: str, native: bool = False) -> str:
    """A country as an officer of this convention writes it."""
    entry = COUNTRIES[code]
    style = pick(r, {"alpha2": 0.25, "alpha3": 0.2, "name": 0.45, "english": 0.1})
    if native:
        return entry[7]
    if style == "alpha2":
        return code.upper()
    if style == "alpha3":
        return alpha3(code)
    if style == "english":
        return entry[1]
    return entry[_LANGUAGE_COLUMN.get(convention, 1)]
