"""Person entities as partners report them: suspects, migrants, contacts in a phone book."""

from __future__ import annotations

from mare.scenario import countries, places
from mare.scenario import phones as phonebook
from mare.scenario.noise import RATES, birth_date
from mare.scenario.objects import document
from mare.scenario.people import Identity, Person
from mare.scenario.phones import Phone
from mare.scenario.places import Place
from mare.scenario.sheet import Sheet, Value
from mare.scenario.spellings import write_contact, write_name


def _phones(
    sheet: Sheet, person: Person, hint: frozenset[str], styles: dict[str, float] | None = None
) -> tuple[list[str], list[Value]]:
    r = sheet.r
    written, values = [], []
    for phone in person.phones:
        if r.random() < RATES.phone_missing:
            continue
        weights = styles
        if weights is None and sheet.partner.native == "arabic":
            weights = {
                "international": 0.4,
                "e164": 0.2,
                "idd": 0.2,
                "national": 0.1,
                "national-arabic": 0.05,
                "arabic": 0.05,
            }
        if r.random() < RATES.phone_national_without_country:
            weights = {"national-nohint": 1.0}
        text, tags = phonebook.write(r, phone, hint, weights, RATES.phone_typo)
        written.append(text)
        invalid = "a digit dropped" if "typo" in tags else ""
        values.append(Value("phone", text, phone.id, tags, invalid))
    return written, values


def _stated(written: str | None) -> str | None:
    """The country code a written nationality stands for."""
    if written is None:
        return None
    for code, forms in countries.COUNTRIES.items():
        if written in forms or written.lower() == code or written == countries.alpha3(code):
            return code
    return None


def _nationality(
    sheet: Sheet, person: Person, identity: Identity, migrant: bool
) -> tuple[str | None, list[str]]:
    r = sheet.r
    if r.random() < RATES.nationality_missing:
        return None, ["nationality-missing"]
    code = identity.nationality
    tags = []
    claims = person.claimed if identity is person.main else ()
    if claims and (migrant or r.random() < 0.3) and r.random() < RATES.claims_false_nationality:
        code = r.choice(claims)
        tags.append("false-nationality-claimed")
    native = sheet.partner.native == "arabic" and identity.origin.script == "arabic"
    return countries.write(r, code, sheet.partner.convention, native and r.random() < 0.3), tags


def person(
    sheet: Sheet,
    who: Person,
    category: str,
    *,
    identity: Identity | None = None,
    how: str = "heard",
    documents: str = "entity",  # entity, number, none
    address: Place | None = None,
    note: str = "",
    phones: bool = True,
    also: Phone | None = None,
) -> str:
    """A person entity; returns its id (the partner's id for this identity)."""
    r = sheet.r
    identity = identity or who.main
    entity_id = sheet.eid("p", f"person:{identity.key}")
    written = write_name(r, identity, sheet.partner, how)
    props: dict[str, list[str]] = {"name": [written.full]}
    noise = list(written.tags)
    if r.random() < RATES.name_parts and written.last:
        props["firstName"] = [written.first]
        props["lastName"] = [written.last]
        if written.father:
            props["fatherName"] = [written.father]
    born, tags = birth_date(r, identity.birth, younger=who.role == "migrant")
    noise += tags
    if born:
        props["birthDate"] = [born]
    nationality, tags = _nationality(sheet, who, identity, who.role == "migrant")
    noise += tags
    stated = _stated(nationality)  # a phone is written nationally only for the stated country
    hint = frozenset({stated} if stated else ())
    if nationality:
        props["nationality"] = [nationality]
    if r.random() > RATES.gender_missing:
        props["gender"] = [identity.gender]
    values: list[Value] = []
    if phones:
        props["phone"], values = _phones(sheet, who, hint)
    if also is not None:  # a number the person gives that is not theirs (a centre's)
        text, tags = phonebook.write(r, also, hint)
        props.setdefault("phone", []).append(text)
        values.append(Value("phone", text, also.id, tags))
        noise.append("gives-a-shared-number")
    if address is not None:
        props["addressEntity"] = [address_entity(sheet, address)]
    if note:
        props["description"] = [note]
    if who.nickname[0] and who.role not in ("migrant", "relative") and r.random() < 0.3:
        props["alias"] = [who.nickname[0]]
    for doc in identity.documents if documents != "none" else ():
        if documents == "number" or (documents == "entity" and r.random() < 0.25):
            prop = "passportNumber" if doc.kind == "passport" else "idNumber"
            text = doc.number
            props.setdefault(prop, []).append(text)
            # the number is read with the person's stated nationality as issuing country
            tag = (
                "issuing-country-unknown"
                if stated is None
                else "issuing-country-differs"
                if stated != doc.country
                else ""
            )
            values.append(Value(prop, text, doc.id, [tag] if tag else []))
        else:
            document(sheet, doc, entity_id)
    sheet.add(
        entity_id,
        "Person",
        props,
        who.id,
        values=values,
        noise=noise,
        category=category,
        identity=identity.key,
        flags={"decoy_group": who.decoy_group} if who.decoy_group else None,
    )
    return entity_id


def contact(sheet: Sheet, who: Person, owner: str) -> str:
    """An entry in the phone book of a seized phone (whose holder is ``owner``)."""
    r = sheet.r
    entity_id = sheet.eid("p", f"contact:{who.id}")
    written = write_contact(r, who, sheet.partner)
    styles = {"international": 0.35, "e164": 0.35, "idd": 0.2, "plain": 0.1}
    numbers, values = _phones(sheet, who, frozenset(), styles)
    if not numbers and who.phones:  # a phone-book entry always has a number
        phone = who.phones[0]
        numbers, values = [phone.e164], [Value("phone", phone.e164, phone.id)]
    sheet.add(
        entity_id,
        "Person",
        {"name": [written.full], "phone": numbers},
        who.id,
        values=values,
        noise=[*written.tags, "phone-book-entry"],
        category="contact",
        identity=who.main.key,
    )
    sheet.link(
        "Associate",
        {"person": [owner], "associate": [entity_id], "relationship": ["contact in seized phone"]},
        "phone-book",
    )
    return entity_id


def address_entity(sheet: Sheet, place: Place) -> str:
    props = places.write(sheet.r, place)
    props["country"] = [countries.write(sheet.r, place.country, sheet.partner.convention)]
    return sheet.add(
        sheet.eid("a", f"place:{place.id}"),
        "Address",
        props,
        place.id,
        flags={"benign": True} if place.benign else None,
    )
