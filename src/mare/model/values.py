"""Which normaliser cleans which followthemoney property, with hints from the entity.

A phone number is read with the entity's country as a hint, a document
number with its issuing country and type, a user name with its service, a
wallet address with its currency. Properties without a Mare normaliser are
checked with followthemoney's own type cleaning, so a broken value is still
flagged and kept.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache

from followthemoney.property import Property
from followthemoney.schema import Schema
from followthemoney.types import registry

from mare.errors import RecordError
from mare.normalize import (
    callsign,
    country,
    dates,
    document,
    email,
    iban,
    imei,
    imo,
    mmsi,
    mrz,
    name,
    phone,
    social,
    wallet,
)
from mare.normalize.cleaned import Cleaned

Props = Mapping[str, Sequence[str]]
Cleaner = Callable[[str, "Hints"], Cleaned]

_COUNTRY_PROPS = ("country", "nationality", "jurisdiction", "citizenship", "flag")
_IMEI_TYPES = {"imei", "imeisv"}
_IBAN_SHAPE = re.compile(r"^[A-Z]{2}[0-9]{2}[A-Z0-9]{8,30}$")


class Hints:
    """Context for cleaning the values of one entity, computed once and lazily."""

    __slots__ = ("_countries", "_phone_regions", "props", "schema")

    def __init__(self, schema: Schema, props: Props) -> None:
        self.schema = schema
        self.props = props
        self._countries: tuple[str, ...] | None = None
        self._phone_regions: tuple[str, ...] | None = None

    def first(self, prop: str) -> str | None:
        values = self.props.get(prop)
        return values[0] if values else None

    @property
    def countries(self) -> tuple[str, ...]:
        """The entity's countries (alpha-2), in the order of its country properties."""
        if self._countries is None:
            found: list[str] = []
            for prop in _COUNTRY_PROPS:
                for raw in self.props.get(prop, ()):
                    code = _country(raw)
                    if code and code not in found:
                        found.append(code)
            self._countries = tuple(found)
        return self._countries

    @property
    def phone_regions(self) -> tuple[str, ...]:
        """The countries (alpha-2) of the entity's phones written in international
        form, in the order written: where its other numbers are."""
        if self._phone_regions is None:
            regions = (phone.clean(raw).extra.get("region") for raw in self.props.get("phone", ()))
            self._phone_regions = tuple(dict.fromkeys(r for r in regions if isinstance(r, str)))
        return self._phone_regions

    @property
    def country(self) -> str | None:
        """The entity's first country (alpha-2), or None."""
        return self.countries[0] if self.countries else None


def _clean_phone(raw: str, hints: Hints) -> Cleaned:
    """A phone in national format is read with each of the entity's countries in turn.

    A person's nationality is not always the country of their phone: the first
    country under which the number is valid wins. An entity that states no
    country under which the number reads is tried with the countries of its
    other numbers, written internationally (a man with a +93 number writes his
    second Afghan one as ``070 254 0589``). Else the first country's reading.
    """
    countries = hints.countries
    first = phone.clean(raw, countries[0] if countries else None)
    if first.valid:
        return first
    tried = set(countries[:1])
    for code in (*countries[1:], *hints.phone_regions):
        if code in tried:
            continue
        tried.add(code)
        other = phone.clean(raw, code)
        if other.valid:
            return other
    return first


@lru_cache(maxsize=4096)
def _country(raw: str) -> str | None:
    return country.clean(raw).value


def _document_type(hints: Hints) -> str | None:
    return hints.first("type") or hints.schema.name


def _is_imei(hints: Hints) -> bool:
    kind = hints.first("type")
    return kind is not None and kind.strip().lower() in _IMEI_TYPES


def _clean_identification(raw: str, hints: Hints) -> Cleaned:
    if _is_imei(hints):
        return imei.clean(raw)
    return document.clean(raw, hints.country, _document_type(hints))


def _person_document(raw: str, hints: Hints) -> Cleaned:
    if hints.schema.is_a("Person"):
        return document.clean(raw, hints.country, None)
    return Cleaned.ok("identifier", raw, raw.strip())  # a company register number


def _clean_person_passport(raw: str, hints: Hints) -> Cleaned:
    return document.clean(raw, hints.country, "passport")


def _clean_account_number(raw: str, hints: Hints) -> Cleaned:
    """An account number that has the shape of an IBAN is checked as one."""
    compact = raw.replace(" ", "").upper()
    if _IBAN_SHAPE.match(compact):
        return iban.clean(raw)
    return Cleaned.ok("identifier", raw, compact)


_REGISTRATION = re.compile(r"[^0-9A-Z]")


def _clean_vehicle_registration(raw: str, hints: Hints) -> Cleaned:
    """A vessel's or vehicle's registration number, with its flag or country:
    ``vesselreg:ma:AG12345`` (letters and digits, separators dropped)."""
    value = _REGISTRATION.sub("", unicodedata.normalize("NFKC", raw).upper())
    if len(value) < 3:
        return Cleaned.invalid("vesselreg", raw, "too short for a registration number", value=value)
    code = hints.country or "zz"
    return Cleaned.ok("vesselreg", raw, value, key=f"vesselreg:{code}:{value}")


_MRZ_SHAPE = re.compile(r"^[A-Za-z0-9<«\s]{60,}$")


def _clean_description(raw: str, hints: Hints) -> Cleaned:
    """A document's description that is its machine readable zone (what a
    scanned passport gives) is read and checked as one (`_clean_mrz`); any
    other description is free text."""
    if hints.schema.is_a("Identification") and "<<" in raw and _MRZ_SHAPE.match(raw.strip()):
        return _clean_mrz(raw, hints)
    return _ftm_check(registry.text.name, raw)


def _data_page(hints: Hints, *props: str) -> str | None:
    return next((v for p in props if (v := hints.first(p))), None)


def _clean_mrz(raw: str, hints: Hints) -> Cleaned:
    """An MRZ: every check digit, and agreement with the data page (the document's
    number and birth date as the record gives them). It is keyed as the
    document it names, so a data page whose number was altered after the MRZ
    was printed still meets the number the MRZ holds."""
    try:
        found = mrz.parse(raw)
    except RecordError as exc:
        return Cleaned.invalid("mrz", raw, f"not a readable MRZ: {exc.reason}")
    cleaned = mrz.to_cleaned(found)
    problems = [cleaned.reason] if cleaned.reason else []
    number = _data_page(hints, "number", "passportNumber")
    if number is not None:
        written = document.clean(number, hints.country, _document_type(hints)).value
        held = cleaned.value or found.document_number
        if written and written != held:
            problems.append(f"the MRZ holds document number {held}, not {written}")
    born = _data_page(hints, "birthDate")
    if born is not None and found.birth_date is not None:
        day = dates.clean(born).value
        if day is not None and not (
            day.startswith(found.birth_date) or found.birth_date.startswith(day)
        ):
            problems.append(f"the MRZ holds birth date {found.birth_date}, not {day}")
    if not problems:
        return cleaned
    return Cleaned.invalid(
        cleaned.kind,
        raw,
        "; ".join(problems),
        value=cleaned.value,
        key=cleaned.key,
        extra=cleaned.extra,
    )


def _clean_name(raw: str, hints: Hints) -> Cleaned:
    kind = "person" if hints.schema.is_a("Person") else "organization"
    return name.clean(raw, kind)


# Per property, by its qualified name (the schema that defines it).
_BY_PROPERTY: dict[str, Cleaner] = {
    "Identification:number": _clean_identification,
    "Passport:passportNumber": _clean_person_passport,
    "Person:passportNumber": _clean_person_passport,
    "LegalEntity:idNumber": _person_document,
    "Vessel:imoNumber": lambda raw, hints: imo.clean(raw),
    "Organization:imoNumber": lambda raw, hints: imo.clean(raw),
    "Vessel:mmsi": lambda raw, hints: mmsi.clean(raw),
    "Vessel:callSign": lambda raw, hints: callsign.clean(raw),
    "Vehicle:registrationNumber": _clean_vehicle_registration,
    "Interval:description": _clean_description,
    "BankAccount:iban": lambda raw, hints: iban.clean(raw),
    "Analyzable:ibanMentioned": lambda raw, hints: iban.clean(raw),
    "BankAccount:accountNumber": _clean_account_number,
    "UserAccount:username": lambda raw, hints: social.clean(raw, hints.first("service")),
    "CryptoWallet:publicKey": lambda raw, hints: wallet.clean(raw, hints.first("currency")),
    "CryptoWallet:cryptoAddress": lambda raw, hints: wallet.clean(raw, hints.first("currency")),
}

# Per property type.
_BY_TYPE: dict[str, Cleaner] = {
    registry.phone.name: _clean_phone,
    registry.email.name: lambda raw, hints: email.clean(raw),
    registry.country.name: lambda raw, hints: country.clean(raw),
    registry.date.name: lambda raw, hints: dates.clean(raw),
    registry.name.name: _clean_name,
}


@lru_cache(maxsize=8192)
def cleaner_for(prop: Property) -> Cleaner | None:
    """The Mare normaliser for a property, or None when followthemoney's type check suffices."""
    found = _BY_PROPERTY.get(prop.qname)
    if found is not None:
        return found
    return _BY_TYPE.get(prop.type.name)


_FREE_TEXT = frozenset({"string", "text", "html", "entity", "json"})


@lru_cache(maxsize=65536)
def _ftm_check(type_name: str, raw: str) -> Cleaned:
    if type_name in _FREE_TEXT:
        return Cleaned.ok(type_name, raw, raw)
    kind = registry.get(type_name)
    if kind is None:
        return Cleaned.ok(type_name, raw, raw)
    cleaned = kind.clean(raw)
    if cleaned is None:
        return Cleaned.invalid(type_name, raw, f"not a valid {kind.label.lower()}")
    return Cleaned.ok(type_name, raw, cleaned)


def clean_value(prop: Property, raw: str, hints: Hints) -> Cleaned:
    """Clean one raw value of a property of an entity."""
    cleaner = cleaner_for(prop)
    if cleaner is None:
        return _ftm_check(prop.type.name, raw)
    return cleaner(raw, hints)


# Kinds whose key is an exact identifier worth cross-checking on. Dates and
# countries have keys too, but they describe many people and link nobody.
IDENTIFIER_KINDS = frozenset(
    {"phone", "iban", "imo", "mmsi", "callsign", "imei", "email", "account", "wallet", "document"}
    | {"vesselreg"}
)


def identifier_keys(cleaned: Cleaned) -> tuple[str, ...]:
    """The identifier-index keys of a cleaned value (none if it is not an identifier).

    A document number is keyed with its issuing country (``document:sy:N0012345``)
    and, when it is a plausible number, by the number alone (``docnum:N0012345``):
    a partner that does not give the issuing country (keyed ``zz``) still meets
    the same number under its country, and one number under two countries (a
    forgery's reuse) is found."""
    if cleaned.kind not in IDENTIFIER_KINDS or cleaned.key is None:
        return ()
    if cleaned.kind == "document" and cleaned.valid and cleaned.value:
        return (cleaned.key, f"docnum:{cleaned.value}")
    return (cleaned.key,)
