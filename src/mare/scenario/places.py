"""Addresses: safe houses, hawala offices, boat stores, homes, and the reception
centres and NGO offices that many unrelated people give as their address.

A city has its country, postal code and the streets of its kind of town
(street names every such town has: ``Via Roma``, ``Rue Victor Hugo``,
``Hauptstraße``, ``Avenue Habib Bourguiba``); a safe house is a unique street
and number there. Partners write the same address differently: number before
or after the street, with or without postal code, ``n.``, upper case, the
city first.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from mare.scenario.serials import Serials

STREETS = {
    "it": (
        "Via Roma",
        "Via Garibaldi",
        "Via Giuseppe Mazzini",
        "Corso Vittorio Emanuele",
        "Via della Libertà",
        "Via dei Mille",
        "Via Maqueda",
        "Via Palermo",
    ),
    "gr": ("Acharnon", "Patision", "Menandrou", "Sokratous", "Pireos", "Kolokotroni"),
    "fr": (
        "Rue de la République",
        "Rue Jean Jaurès",
        "Avenue de Calais",
        "Rue Victor Hugo",
        "Boulevard Gambetta",
        "Rue du Port",
        "Route de Gravelines",
    ),
    "be": ("Rue de Brabant", "Chaussée de Gand", "Rue de Laeken", "Avenue du Port"),
    "de": ("Hauptstraße", "Bahnhofstraße", "Kaiserstraße", "Schillerstraße", "Altendorfer Straße"),
    "at": ("Favoritenstraße", "Brünner Straße", "Simmeringer Hauptstraße", "Quellenstraße"),
    "rs": ("Nemanjina", "Karađorđeva", "Balkanska", "Matije Korvina", "Gavrila Principa"),
    "bg": ("ul. Pirotska", "bul. Vasil Levski", "ul. Iskar", "bul. Slivnitsa"),
    "tr": (
        "Mimar Kemalettin Caddesi",
        "Gazi Bulvarı",
        "Kıbrıs Şehitleri Caddesi",
        "Fevzipaşa Bulvarı",
        "Ordu Caddesi",
    ),
    "ly": ("Omar Al-Mukhtar Street", "Airport Road", "Al-Jala Street", "Coastal Road"),
    "tn": ("Avenue Habib Bourguiba", "Route de Gabès", "Rue de Tunis", "Avenue Farhat Hached"),
    "ma": ("Boulevard Mohammed V", "Rue Al Massira", "Avenue Hassan II", "Rue de Melilla"),
    "gb": ("High Street", "Station Road", "Church Street", "Stratford Road", "Alum Rock Road"),
    "es": ("Calle Real", "Avenida de Andalucía", "Calle Mayor", "Paseo Marítimo"),
    "nl": ("Hoofdstraat", "Kerkstraat", "Stationsweg"),
    "mt": ("Triq il-Kbira", "Triq San Pawl", "Triq il-Port"),
}
CITIES = {  # city -> (country, postal code)
    "Palermo": ("it", "90133"),
    "Roma": ("it", "00185"),
    "Milano": ("it", "20124"),
    "Athina": ("gr", "10438"),
    "Calais": ("fr", "62100"),
    "Dunkerque": ("fr", "59140"),
    "Bruxelles": ("be", "1000"),
    "Essen": ("de", "45127"),
    "Wien": ("at", "1100"),
    "Beograd": ("rs", "11000"),
    "Subotica": ("rs", "24000"),
    "Sofia": ("bg", "1000"),
    "İzmir": ("tr", "35240"),
    "İstanbul": ("tr", "34130"),
    "Tripoli": ("ly", ""),
    "Zuwara": ("ly", ""),
    "Sfax": ("tn", "3000"),
    "Zarzis": ("tn", "4170"),
    "Nador": ("ma", "62000"),
    "Tanger": ("ma", "90000"),
    "Almería": ("es", "04001"),
    "Birmingham": ("gb", "B8 1AA"),
    "London": ("gb", "E1 6AN"),
    "Valletta": ("mt", "VLT 1010"),
    "München": ("de", "80335"),
    "Rotterdam": ("nl", "3011"),
}
HOUSES, FLATS = 400, 40  # house numbers per street, flats per house (0: none)
FLAT = {
    "it": ", int. {n}",
    "fr": ", appt {n}",
    "be": ", bte {n}",
    "de": ", Whg. {n}",
    "at": "/{n}",
    "tr": " D:{n}",
    "gb": ", Flat {n}",
    "es": ", {n}º",
    "rs": "/{n}",
    "gr": ", διαμ. {n}",
    "nl": "-{n}",
}
# Places many people give as their address: (country, label, full address)
CENTRES = {
    "it": ("Hotspot di Lampedusa", "Contrada Imbriacola, 92031 Lampedusa (AG)"),
    "mt": ("Initial Reception Centre", "Ħal Far, Birżebbuġa"),
    "gr": ("Closed Controlled Access Centre", "Zervou, 83100 Samos"),
    "es": ("Centro de Atención Temporal de Extranjeros", "Puerto de Almería, 04002 Almería"),
    "gb": ("Manston short-term holding facility", "Manston, Ramsgate CT12 5BQ"),
    "at": ("Bundesbetreuungsstelle Traiskirchen", "2514 Traiskirchen"),
    "de": ("Erstaufnahmeeinrichtung", "Rosenheimer Straße, München"),
    "fr": ("Accueil de jour (association)", "Rue de Moscou, 62100 Calais"),
}


@dataclass(slots=True)
class Place:
    id: str
    use: str  # safe_house, office, store, home, reception_centre
    country: str
    city: str
    street: str
    number: str
    postal: str
    benign: bool = False
    label: str = ""
    flat: int = 0  # flat or floor number (0: a house)

    def truth(self) -> dict[str, object]:
        return {
            "kind": "address",
            "id": self.id,
            "use": self.use,
            "country": self.country,
            "city": self.city,
            "street": self.street,
            "number": self.number or None,
            "benign": self.benign,
            "label": self.label or None,
        }


def new_place(serials: Serials, place_id: str, use: str, city: str) -> Place:
    """A unique address in ``city`` (a street of the town and an unused number)."""
    country, postal = CITIES[city]
    streets = STREETS[country]
    serial = serials.draw(f"address:{city}", len(streets) * HOUSES * FLATS)
    street, rest = serial % len(streets), serial // len(streets)
    return Place(
        place_id,
        use,
        country,
        city,
        streets[street],
        str(rest % HOUSES + 1),
        postal,
        flat=rest // HOUSES,
    )


def centre(place_id: str, country: str) -> Place:
    label, full = CENTRES[country]
    return Place(
        place_id,
        "reception_centre",
        country,
        full.rsplit(" ", 1)[-1].strip("()"),
        full,
        "",
        "",
        benign=True,
        label=label,
    )


def write(r: random.Random, place: Place) -> dict[str, list[str]]:
    """Address properties as a partner writes them."""
    if place.benign:
        full = r.choice(
            (
                f"{place.label}, {place.street}",
                place.label,
                place.street,
                f"{place.label} ({place.street})",
            )
        )
        return {"full": [full]}
    street, number, postal, city = place.street, place.number, place.postal, place.city
    number_first = place.country in ("fr", "be", "gb", "tn", "ma")
    line = f"{number} {street}" if number_first else f"{street} {number}"
    if place.country == "it" and r.random() < 0.3:
        line = f"{street} n. {number}"
    if place.country == "gr":
        line = f"{street} {number}" if r.random() < 0.5 else f"Odos {street} {number}"
    if place.flat and r.random() < 0.8:
        line += FLAT.get(place.country, ", apt {n}").format(n=place.flat)
    style = r.random()
    town = f"{postal} {city}".strip() if r.random() < 0.7 else city
    if style < 0.15:
        full = f"{city}, {line}"
    elif style < 0.25:
        full = f"{line}, {town}".upper()
    else:
        full = f"{line}, {town}"
    props = {"full": [full]}
    if r.random() < 0.4:
        props["street"] = [line]
        props["city"] = [city]
        if postal and r.random() < 0.7:
            props["postalCode"] = [postal]
    return props
