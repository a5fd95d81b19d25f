"""Documents, vessels, vehicles and handsets as partners report them."""

from __future__ import annotations

from mare.scenario import countries
from mare.scenario.documents import Document
from mare.scenario.noise import RATES
from mare.scenario.sheet import Sheet, Value
from mare.scenario.vessels import Vessel, imo_check, type_word

DOC_TYPES = {
    "passport": {
        "en": "passport",
        "fr": "passeport",
        "de": "Reisepass",
        "it": "passaporto",
        "es": "pasaporte",
        "tr": "pasaport",
        "ar": "جواز سفر",
    },
    "id_card": {
        "en": "identity card",
        "fr": "carte d'identité",
        "de": "Personalausweis",
        "it": "carta d'identità",
        "es": "DNI",
        "tr": "kimlik kartı",
        "ar": "بطاقة هوية",
    },
}


def _number(sheet: Sheet, number: str) -> tuple[str, list[str]]:
    r = sheet.r
    if r.random() >= RATES.document_number_spaced:
        return number, []
    style = r.randrange(3)
    if style == 0:
        return f"{number[:1]} {number[1:5]} {number[5:]}".strip(), ["number-spaced"]
    if style == 1:
        return f"No. {number}", ["number-labelled"]
    return number.lower(), ["number-lower-case"]


def document(sheet: Sheet, doc: Document, holder: str | None) -> str:
    """A Passport or Identification entity held by ``holder`` (None: found on its own)."""
    r = sheet.r
    entity_id = sheet.eid("d", f"document:{doc.id}")
    number, noise = _number(sheet, doc.number)
    convention = sheet.partner.convention
    props: dict[str, list[str]] = {"number": [number], "holder": [holder] if holder else []}
    if r.random() < RATES.document_country_missing:
        noise.append("issuing-country-missing")
    else:
        props["country"] = [countries.write(r, doc.country, convention)]
    if doc.kind == "national_id":
        schema = "Identification"
        props["type"] = [doc.type_label]
    else:
        schema = "Passport" if doc.kind == "passport" else "Identification"
        words = DOC_TYPES[doc.kind]
        props["type"] = [words.get(convention, words["en"])]
        if schema == "Passport":
            props["surname"] = [doc.surname]
            props["givenName"] = [doc.given]
            props["birthDate"] = [doc.birth.isoformat()]
        props["startDate"] = [doc.issued.isoformat()]
        props["endDate"] = [doc.expires.isoformat()]
        if doc.mrz and r.random() < 0.6:
            props["description"] = ["\n".join(doc.mrz)]
            noise.append("mrz")
    flags = {} if doc.genuine else {"forged": doc.forgery}
    tags = [t for t in noise if t == "issuing-country-missing"]
    sheet.add(
        entity_id,
        schema,
        props,
        doc.id,
        values=[Value("number", number, doc.id, tags)],
        noise=noise,
        flags=flags,
    )
    return entity_id


def handset(sheet: Sheet, imei: str, handset_id: str, holder: str) -> str:
    """The seized handset: an Identification of type IMEI held by its user."""
    text = imei if sheet.r.random() < 0.7 else f"{imei[:8]} {imei[8:]}"
    return sheet.add(
        sheet.eid("h", f"handset:{handset_id}"),
        "Identification",
        {"type": ["IMEI"], "number": [text], "holder": [holder]},
        handset_id,
        values=[Value("number", text, handset_id)],
    )


def _imo(sheet: Sheet, imo: str) -> tuple[str, str]:
    r = sheet.r
    if r.random() < RATES.imo_typo:
        wrong = imo[:6] + str((int(imo[6]) + r.randint(1, 9)) % 10)
        assert imo_check(wrong[:6]) != wrong[6]
        return wrong, "IMO check digit wrong (typing error)"
    return r.choice((imo, f"IMO {imo}", f"IMO{imo}")), ""


def vessel(sheet: Sheet, boat: Vessel, *, old_name: bool = False) -> str:
    """A Vessel entity; ``old_name``: the partner knows it under its earlier name and flag."""
    r = sheet.r
    entity_id = sheet.eid("v", f"vessel:{boat.id}")
    convention = sheet.partner.convention
    props: dict[str, list[str]] = {"type": [type_word(boat.kind, convention)]}
    values: list[Value] = []
    noise: list[str] = []
    names = boat.previous if old_name and boat.previous else boat.name
    if names:
        if boat.native and sheet.partner.native == "arabic" and r.random() < 0.5:
            props["name"] = [boat.native]
            noise.append("native-script")
        else:
            props["name"] = [r.choice(names)]
    elif boat.kind in ("rubber", "small_boat", "iron"):
        props["description"] = [f"about {boat.length} m, no name, no registration"]
    flag = boat.past_flags[0] if old_name and boat.past_flags else boat.flag
    if flag and r.random() > 0.1:
        props["flag"] = [countries.write(r, flag, convention)]
    if not old_name and boat.previous and r.random() < 0.6:
        props["previousName"] = [boat.previous[0]]
        props["pastFlags"] = [countries.write(r, f, convention) for f in boat.past_flags]
    if boat.imo:
        text, invalid = _imo(sheet, boat.imo)
        props["imoNumber"] = [text]
        values.append(Value("imoNumber", text, boat.id, invalid=invalid))
    if boat.mmsi and (not old_name or not boat.past_flags) and r.random() > 0.1:
        props["mmsi"] = [boat.mmsi]
        values.append(Value("mmsi", boat.mmsi, boat.id))
    if boat.callsign and (not old_name or not boat.past_flags) and r.random() > 0.2:
        props["callSign"] = [boat.callsign]
        values.append(Value("callSign", boat.callsign, boat.id))
    if boat.registration and r.random() > 0.15:
        props["registrationNumber"] = [boat.registration]
        values.append(
            Value("registrationNumber", boat.registration, boat.id, ["registration-number"])
        )
    if r.random() < 0.5:
        props["tonnage" if boat.kind == "mothership" else "notes"] = [
            f"{boat.length * 9} GT" if boat.kind == "mothership" else f"length {boat.length} m"
        ]
    return sheet.add(
        entity_id,
        "Vessel",
        props,
        boat.id,
        values=values,
        noise=noise,
        flags={"smuggling": boat.smuggling},
    )


def vehicle(sheet: Sheet, vehicle_id: str, plate: str, model: str, country: str) -> str:
    return sheet.add(
        sheet.eid("x", f"vehicle:{vehicle_id}"),
        "Vehicle",
        {
            "registrationNumber": [plate],
            "model": [model],
            "country": [countries.write(sheet.r, country, sheet.partner.convention)],
        },
        vehicle_id,
    )
