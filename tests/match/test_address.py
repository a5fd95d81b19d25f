"""The address matcher: every feature, and reasons that say what was compared."""

from __future__ import annotations

import math
from pathlib import Path

import orjson
import pytest

from mare.ingest import Defaults, Ingestor
from mare.match import address as a
from mare.match.address import AddressRecord
from mare.match.families import ADDRESS
from mare.match.index import stored_hits
from mare.store import Store


def _rec(eid: str = "a", **values: object) -> AddressRecord:
    data: dict[str, object] = {"id": eid}
    data.update(values)
    if "keys" in data:
        data["keys"] = frozenset(data["keys"])  # type: ignore[arg-type]
    return AddressRecord(**data)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("feature", "left", "right", "expected"),
    [
        (
            a.identifier,
            _rec(keys={"place:osm:240109189"}),
            _rec(keys={"place:osm:240109189"}),
            ("place:osm:240109189", "place:osm:240109189", a.PLACE_SAME),
        ),
        (a.identifier, _rec(keys={"place:osm:1"}), _rec(keys={"place:osm:2"}), None),
        (  # the same address written in another order and case
            a.text,
            _rec(texts=("12 Rue de Marseille, Tunis",)),
            _rec(texts=("rue de marseille 12, Tunis",)),
            ("12 Rue de Marseille, Tunis", "rue de marseille 12, Tunis", a.TEXT_SAME),
        ),
        (  # abbreviated keywords, the country in another language: one fingerprint
            a.text,
            _rec(texts=("Main Boulevard 5, Syria",)),
            _rec(texts=("Main Blvd. 5, Syrian Arab Republic",)),
            ("Main Boulevard 5, Syria", "Main Blvd. 5, Syrian Arab Republic", a.TEXT_SAME),
        ),
        (  # an abbreviation and a typo
            a.text,
            _rec(texts=("Avenue Habib Bourguiba 100, Tunis",)),
            _rec(texts=("Av. Habib Bourgiba 100, Tunis",)),
            ("Avenue Habib Bourguiba 100, Tunis", "Av. Habib Bourgiba 100, Tunis", a.TEXT_CLOSE),
        ),
        (  # the same street and number with the postal code and country left out
            a.text,
            _rec(texts=("Via Roma 5, Palermo",)),
            _rec(texts=("Via Roma 5, 90100 Palermo, Italy",)),
            ("Via Roma 5, Palermo", "Via Roma 5, 90100 Palermo, Italy", a.TEXT_CONTAINED),
        ),
        (  # the same street in another city
            a.text,
            _rec(texts=("Via Roma 5, Palermo",)),
            _rec(texts=("Via Roma 5, Roma",)),
            ("Via Roma 5, Palermo", "Via Roma 5, Roma", a.TEXT_PARTIAL),
        ),
        (  # another house number
            a.text,
            _rec(texts=("Via Roma 5, Palermo",)),
            _rec(texts=("Via Roma 7, Palermo",)),
            ("Via Roma 5, Palermo", "Via Roma 7, Palermo", a.TEXT_OTHER),
        ),
        (  # a flat on one side, the postal code on the other: one address
            a.text,
            _rec(texts=("Sfax, 377 Avenue Habib Bourguiba, apt 26",)),
            _rec(texts=("377 Avenue Habib Bourguiba, 3000 Sfax",)),
            (
                "Sfax, 377 Avenue Habib Bourguiba, apt 26",
                "377 Avenue Habib Bourguiba, 3000 Sfax",
                a.TEXT_CONTAINED,
            ),
        ),
        (  # Italian n. (numero) and int. (interno, the flat)
            a.text,
            _rec(texts=("VIA GARIBALDI 239, 20124 MILANO",)),
            _rec(texts=("Via Garibaldi n. 239, int. 15, Milano",)),
            (
                "VIA GARIBALDI 239, 20124 MILANO",
                "Via Garibaldi n. 239, int. 15, Milano",
                a.TEXT_CONTAINED,
            ),
        ),
        (  # the flat's number is not the house number: another house
            a.text,
            _rec(texts=("Via Maqueda n. 369, int. 7, 20124 Milano",)),
            _rec(texts=("Via Maqueda n. 7, 20124 Milano",)),
            (
                "Via Maqueda n. 369, int. 7, 20124 Milano",
                "Via Maqueda n. 7, 20124 Milano",
                a.TEXT_OTHER,
            ),
        ),
        (  # one building, another flat
            a.text,
            _rec(texts=("Via Roma 380 int 11, Milano",)),
            _rec(texts=("Via Roma 380 int 12, Milano",)),
            ("Via Roma 380 int 11, Milano", "Via Roma 380 int 12, Milano", a.TEXT_OTHER),
        ),
        (a.text, _rec(texts=("Via Roma 5, Palermo",)), _rec(), None),
        (
            a.postal_code,
            _rec(postal_codes=("90100",)),
            _rec(postal_codes=("90100",)),
            ("90100", "90100", a.POSTAL_SAME),
        ),
        (
            a.postal_code,
            _rec(postal_codes=("90100",)),
            _rec(postal_codes=("90133",)),
            ("90100", "90133", a.POSTAL_OTHER),
        ),
        (a.postal_code, _rec(postal_codes=("90100",)), _rec(), None),
        (
            a.city,
            _rec(cities=("Palermo",)),
            _rec(cities=("PALERMO",)),
            ("Palermo", "PALERMO", a.CITY_SAME),
        ),
        (
            a.city,
            _rec(cities=("Lampedusa",)),
            _rec(cities=("Lampedusa e Linosa",)),
            ("Lampedusa", "Lampedusa e Linosa", a.CITY_SAME),
        ),
        (
            a.city,
            _rec(cities=("Palermo",)),
            _rec(cities=("Catania",)),
            ("Palermo", "Catania", a.CITY_OTHER),
        ),
        (a.city, _rec(cities=("Palermo",)), _rec(), None),
        (a.country, _rec(countries=("it",)), _rec(countries=("it",)), ("it", "it", a.COUNTRY_SAME)),
        (
            a.country,
            _rec(countries=("it",)),
            _rec(countries=("tn",)),
            ("it", "tn", a.COUNTRY_OTHER),
        ),
        (a.country, _rec(), _rec(countries=("tn",)), None),
    ],
)
def test_features(
    feature: a.Feature,
    left: AddressRecord,
    right: AddressRecord,
    expected: tuple[str, str, float] | None,
) -> None:
    reason = feature(left, right)
    if expected is None:
        assert reason is None
        return
    assert reason is not None
    assert (reason.left, reason.right) == expected[:2]
    assert reason.contribution == pytest.approx(expected[2])


HERE = _rec(
    "a",
    texts=("Via Roma 5, 90100 Palermo, Italy",),
    postal_codes=("90100",),
    cities=("Palermo",),
    countries=("it",),
)


@pytest.mark.parametrize(
    ("other", "band"),
    [
        (_rec("b", texts=("via roma 5 90100 palermo italy",), countries=("it",)), "match"),
        (
            _rec("b", texts=("Via Roma 5, Palermo",), cities=("Palermo",), countries=("it",)),
            "match",
        ),
        # an address in another country is never the same, whatever the text
        (_rec("b", texts=("Via Roma 5, 90100 Palermo",), countries=("tn",)), None),
        (_rec("b", texts=("Via Roma 7, 90100 Palermo, Italy",), postal_codes=("90100",)), None),
        (_rec("b", texts=("Via Roma 5, 95100 Catania",), cities=("Catania",)), None),
    ],
)
def test_bands(other: AddressRecord, band: str | None) -> None:
    assert ADDRESS.band(a.score(HERE, other)) == band


@pytest.mark.parametrize(
    ("line", "numbers", "units", "postcodes"),
    [
        ("Flat 3, 12 High Street, London", {"12"}, {"3"}, set()),
        ("Atatürk Cad. No: 15 Daire: 7 Kat 2, 34000 İstanbul", {"15"}, {"7", "2"}, {"34000"}),
        ("Calle Mayor 5, piso 3, puerta 2, 28013 Madrid", {"5"}, {"3", "2"}, {"28013"}),
        ("Hauptstraße 7, Wohnung 3, 10115 Berlin", {"7"}, {"3"}, {"10115"}),
    ],
)
def test_parts_tell_a_house_number_from_a_flat_and_a_postal_code(
    line: str, numbers: set[str], units: set[str], postcodes: set[str]
) -> None:
    found = a.parts(line)
    assert (set(found.numbers), set(found.units), set(found.postcodes)) == (
        numbers,
        units,
        postcodes,
    )


def test_reasons_add_up_to_the_score() -> None:
    result = a.score(HERE, _rec("b", texts=("Via Roma 5, Palermo",), cities=("Palermo",)))
    assert {r.feature for r in result.reasons} == {"text", "city"}
    logit = math.log(result.score / (1 - result.score))
    assert logit == pytest.approx(a.BIAS + sum(r.contribution for r in result.reasons))


def test_blocking_keys_survive_order_and_typos() -> None:
    left = a.keys(_rec("a", texts=("12 Rue de Marseille, Tunis",), keys={"place:osm:1"}))
    right = a.keys(_rec("b", texts=("rue de marseile 12 tunis",)))
    assert "ai:place:osm:1" in left
    assert "an:12|mrsl" in left & right  # house number with the street word's skeleton
    assert all(k.startswith(("ai:", "af:", "an:", "aw:")) for k in left | right)
    assert a.keys(_rec("c")) == set()


# -- end to end: ingest, cross-check on arrival, stored hits ---------------------------------


def _file(tmp_path: Path, name: str, *entities: dict[str, object]) -> Path:
    path = tmp_path / name
    path.write_bytes(b"".join(orjson.dumps(e) + b"\n" for e in entities))
    return path


def _address(eid: str, **props: list[str]) -> dict[str, object]:
    return {"id": eid, "schema": "Address", "properties": props}


def test_one_address_written_two_ways_matches_and_another_country_does_not(
    store: Store, tmp_path: Path
) -> None:
    ingestor = Ingestor(store)
    ingestor.ingest(
        _file(
            tmp_path, "a.jsonl", _address("a-1", full=["12 Rue de Marseille, 1001 Tunis, Tunisia"])
        ),
        Defaults(owner="A"),
    )
    ingestor.ingest(
        _file(
            tmp_path,
            "b.jsonl",
            # the parts only: the line is composed from them
            _address(
                "b-1",
                street=["Rue de Marseille 12"],
                postalCode=["1001"],
                city=["Tunis"],
                country=["TN"],
            ),
            # the same words under another country
            _address("b-2", full=["12 Rue de Marseille, 1001 Tunis"], country=["France"]),
        ),
        Defaults(owner="B"),
    )
    with store.engine.connect() as conn:
        found = {frozenset((r.left_id, r.right_id)): r for r in stored_hits(conn)}
    row = found[frozenset(("a-1", "b-1"))]
    assert (row.family, row.band) == ("address", "match")
    reasons = {r["feature"]: r for r in orjson.loads(row.reasons)}
    assert reasons["text"]["right"] == "Rue de Marseille 12, 1001, Tunis, TN"
    assert reasons["country"]["left"] == "tn"  # read from the end of the line
    assert frozenset(("a-1", "b-2")) not in found
    assert frozenset(("b-1", "b-2")) not in found
