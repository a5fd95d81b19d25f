"""The vessel matcher: every feature, the maritime cases, and reasons that say what was compared."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import orjson
import pytest

from mare.ingest import Defaults, Ingestor
from mare.match import vessel as v
from mare.match.check import check_file
from mare.match.index import stored_hits
from mare.match.vessel import VesselRecord
from mare.store import Store
from tests.conftest import EXAMPLES

IMO = "imo:9074729"  # valid check digit
IMO_OTHER = "imo:9176187"  # valid check digit
IMO_TYPO = "imo:9074728"  # fails its check digit, one digit from IMO
IMO_FAR = "imo:9074118"  # fails its check digit, three digits from IMO


def _rec(eid: str = "a", **values: object) -> VesselRecord:
    data: dict[str, object] = {"id": eid}
    data.update(values)
    if "keys" in data:
        data["keys"] = frozenset(data["keys"])  # type: ignore[arg-type]
    return VesselRecord(**data)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("feature", "left", "right", "expected"),
    [
        # identifiers: shared, conflicting, missing
        (v.imo_number, _rec(keys={IMO}), _rec(keys={IMO}), (IMO, IMO, v.IMO_SAME)),
        (v.imo_number, _rec(keys={IMO}), _rec(keys={IMO_OTHER}), (IMO, IMO_OTHER, v.IMO_OTHER)),
        (
            v.imo_number,
            _rec(keys={IMO}),
            _rec(keys={IMO_TYPO}),
            (IMO, IMO_TYPO, v.IMO_TYPO),  # one digit mistyped
        ),
        (
            v.imo_number,
            _rec(keys={IMO}),
            _rec(keys={IMO_FAR}),
            (IMO, IMO_FAR, v.IMO_OTHER_UNCHECKED),
        ),
        (v.imo_number, _rec(keys={IMO}), _rec(), None),
        (
            v.mmsi_number,
            _rec(keys={"mmsi:247123456"}),
            _rec(keys={"mmsi:247123456"}),
            ("mmsi:247123456", "mmsi:247123456", v.MMSI_SAME),
        ),
        (  # both Italian: another vessel, mildly
            v.mmsi_number,
            _rec(keys={"mmsi:247123456"}),
            _rec(keys={"mmsi:247999999"}),
            ("mmsi:247123456", "mmsi:247999999", v.MMSI_OTHER),
        ),
        (  # Italian and Libyan: a re-flagged vessel gets a new MMSI, no evidence
            v.mmsi_number,
            _rec(keys={"mmsi:247123456"}),
            _rec(keys={"mmsi:642122000"}),
            ("mmsi:247123456", "mmsi:642122000", v.REFLAGGED),
        ),
        (v.mmsi_number, _rec(), _rec(keys={"mmsi:247123456"}), None),
        (
            v.call_sign,
            _rec(keys={"callsign:5AFT"}),
            _rec(keys={"callsign:5AFT"}),
            ("callsign:5AFT", "callsign:5AFT", v.CALLSIGN_SAME),
        ),
        (
            v.call_sign,
            _rec(keys={"callsign:5AFT"}),
            _rec(keys={"callsign:5AXY"}),
            ("callsign:5AFT", "callsign:5AXY", v.CALLSIGN_OTHER),
        ),
        (
            v.call_sign,
            _rec(keys={"callsign:5AFT"}),
            _rec(keys={"callsign:3EAB2"}),
            ("callsign:5AFT", "callsign:3EAB2", v.REFLAGGED),
        ),
        (
            v.registration,
            _rec(keys={"registration:PA1234"}),
            _rec(keys={"registration:PA1234"}),
            ("registration:PA1234", "registration:PA1234", v.REGISTRATION_SAME),
        ),
        (
            v.registration,
            _rec(keys={"registration:PA1234"}),
            _rec(keys={"registration:X1"}),
            ("registration:PA1234", "registration:X1", v.REGISTRATION_OTHER),
        ),
        (  # another flag: re-registered, no evidence
            v.registration,
            _rec(keys={"registration:PA1234"}, flags=("pa",)),
            _rec(keys={"registration:X1"}, flags=("tg",)),
            None,
        ),
        (
            v.other_identifier,
            _rec(keys={"phone:+870773100000"}),
            _rec(keys={"phone:+870773100000"}),
            ("phone:+870773100000", "phone:+870773100000", v.OTHER_SAME),
        ),
        # names: class prefixes, case, numbers, typos, renames
        (
            v.name,
            _rec(names=("M/V SEA STAR",)),
            _rec(names=("Sea Star",)),
            ("M/V SEA STAR", "Sea Star", v.NAME_SAME),
        ),
        (
            v.name,
            _rec(names=("Salvatore",)),
            _rec(names=("F/V Salvatore",)),
            ("Salvatore", "F/V Salvatore", v.NAME_SAME_ONE_WORD),
        ),
        (
            v.name,
            _rec(names=("Sea Star II",)),
            _rec(names=("MV Sea Star 2",)),
            ("Sea Star II", "MV Sea Star 2", v.NAME_SAME),
        ),
        (
            v.name,
            _rec(names=("Sea Star 2",)),
            _rec(names=("Sea Star 3",)),
            ("Sea Star 2", "Sea Star 3", v.NAME_OTHER_NUMBER),
        ),
        (
            v.name,
            _rec(names=("Salvatore",)),
            _rec(names=("Salvatori",)),
            ("Salvatore", "Salvatori", v.NAME_SIMILAR),
        ),
        (
            v.name,
            _rec(names=("Sea Falcon",)),
            _rec(names=("Ocean Queen",)),
            ("Sea Falcon", "Ocean Queen", v.NAME_OTHER),
        ),
        (  # an earlier name agrees: the best pair is shown
            v.name,
            _rec(names=("Ocean Queen", "Sea Falcon")),
            _rec(names=("SEA FALCON",)),
            ("Sea Falcon", "SEA FALCON", v.NAME_SAME),
        ),
        (v.name, _rec(names=("Sea Star",)), _rec(), None),
        # flags
        (v.flag, _rec(flags=("it",)), _rec(flags=("it",)), ("it", "it", v.FLAG_SAME)),
        (v.flag, _rec(flags=("it",)), _rec(flags=("tn",)), ("it", "tn", v.FLAG_OTHER)),
        (
            v.flag,
            _rec(flags=("pa",)),
            _rec(flags=("ly",), past_flags=("pa",)),
            ("pa", "pa", v.FLAG_EARLIER),
        ),
        (v.flag, _rec(flags=("it",)), _rec(), None),
        # type, build year, tonnage
        (
            v.vessel_type,
            _rec(types=("Fishing",)),
            _rec(types=("fishing vessel",)),
            ("Fishing", "fishing vessel", v.TYPE_SAME),
        ),
        (
            v.vessel_type,
            _rec(types=("Tanker",)),
            _rec(types=("Fishing vessel",)),
            ("Tanker", "Fishing vessel", v.TYPE_OTHER),
        ),
        (v.vessel_type, _rec(types=("Tanker",)), _rec(), None),
        (
            v.build_year,
            _rec(build_years=("1998",)),
            _rec(build_years=("1999", "2010")),
            ("1998", "1999", v.YEAR_SAME),
        ),
        (
            v.build_year,
            _rec(build_years=("1998",)),
            _rec(build_years=("2004",)),
            ("1998", "2004", v.YEAR_OTHER),
        ),
        (v.build_year, _rec(), _rec(build_years=("2004",)), None),
        (
            v.tonnage,
            _rec(gross_tonnages=(1234.0,)),
            _rec(gross_tonnages=(1200.0,)),
            ("1234", "1200", v.TONNAGE_SAME),
        ),
        (
            v.tonnage,
            _rec(gross_tonnages=(1234.0,)),
            _rec(gross_tonnages=(5400.0,)),
            ("1234", "5400", v.TONNAGE_OTHER),
        ),
        (  # gross tonnage is never compared with deadweight
            v.tonnage,
            _rec(gross_tonnages=(1234.0,)),
            _rec(deadweights=(1234.0,)),
            None,
        ),
    ],
)
def test_features(
    feature: v.Feature,
    left: VesselRecord,
    right: VesselRecord,
    expected: tuple[str, str, float] | None,
) -> None:
    reason = feature(left, right)
    if expected is None:
        assert reason is None
        return
    assert reason is not None
    assert (reason.left, reason.right) == expected[:2]
    assert reason.contribution == pytest.approx(expected[2])


MOTHERSHIP = _rec(
    "a",
    names=("Sea Falcon",),
    flags=("ly",),
    keys={IMO, "mmsi:642122000", "callsign:5AFT"},
)


@pytest.mark.parametrize(
    ("other", "band"),
    [
        # re-flagged to Panama and renamed, the IMO number kept: the same vessel
        (
            _rec("b", names=("Ocean Queen",), flags=("pa",), keys={IMO, "mmsi:352001234"}),
            "match",
        ),
        # the same name and flag, another valid IMO number: another vessel
        (_rec("b", names=("Sea Falcon",), flags=("ly",), keys={IMO_OTHER}), None),
        # a fishing boat without IMO known by name, flag and MMSI
        (
            _rec("b", names=("SEA FALCON",), flags=("ly",), keys={"mmsi:642122000"}),
            "match",
        ),
        # the same two-word name and flag, nothing else: an analyst's look
        (_rec("b", names=("M/V Sea Falcon",), flags=("ly",)), "review"),
        # a sister ship
        (_rec("b", names=("Sea Falcon 2",), flags=("ly",)), None),
    ],
)
def test_maritime_cases(other: VesselRecord, band: str | None) -> None:
    from mare.match.families import VESSEL

    assert VESSEL.band(v.score(MOTHERSHIP, other)) == band


def test_same_name_under_different_flags_is_not_a_match() -> None:
    left = _rec("a", names=("Salvatore",), flags=("it",))
    right = _rec("b", names=("Salvatore",), flags=("tn",))
    assert v.score(left, right).score < v.REVIEW


def test_reasons_are_the_values_compared_and_add_up() -> None:
    left = _rec(
        "a",
        names=("Sea Falcon", "Blue Bird"),
        flags=("ly",),
        types=("fishing",),
        build_years=("1998",),
        gross_tonnages=(410.0,),
        keys={IMO, "mmsi:642122000"},
    )
    right = _rec(
        "b",
        names=("MV BLUE BIRD",),
        flags=("ly",),
        types=("Fishing vessel",),
        build_years=("1998",),
        gross_tonnages=(400.0,),
        keys={IMO, "mmsi:642122000"},
    )
    result = v.score(left, right)
    found = {r.feature: (r.left, r.right) for r in result.reasons}
    assert found == {
        "identifier:imo": (IMO, IMO),
        "identifier:mmsi": ("mmsi:642122000", "mmsi:642122000"),
        "name": ("Blue Bird", "MV BLUE BIRD"),
        "flag": ("ly", "ly"),
        "type": ("fishing", "Fishing vessel"),
        "build_year": ("1998", "1998"),
        "tonnage": ("410", "400"),
    }
    logit = math.log(result.score / (1 - result.score)) if result.score < 1 else math.inf
    total = v.BIAS + sum(r.contribution for r in result.reasons)
    assert logit == pytest.approx(total) or (logit == math.inf and total > 30)
    contributions = [abs(r.contribution) for r in result.reasons]
    assert contributions == sorted(contributions, reverse=True)
    weak = v.score(_rec("a", names=("Sea Star",)), _rec("b", names=("Sea Star",)))
    bend = {r.feature: r.contribution for r in weak.reasons}["uncorroborated"]
    assert -0.05 < bend < 0  # a name alone, well under the ceiling: barely bent
    assert math.log(weak.score / (1 - weak.score)) == pytest.approx(v.BIAS + v.NAME_SAME + bend)


def test_blocking_keys_are_prefixed_and_shared_by_variants() -> None:
    record = _rec("a", names=("M/V Sea Star II",), flags=("it",), keys={IMO})
    found = v.keys(record)
    assert f"vi:{IMO}" in found and "vw:seastar2" in found and "vf:it:seastar2" in found
    assert all(k.startswith(("vi:", "vn:", "vp:", "vw:", "vf:", "vt:")) for k in found)
    typo = v.keys(_rec("b", names=("Sea Starr 2",)))
    assert found & typo  # a typo still shares a word skeleton


# -- end to end: ingest, cross-check on arrival, stored hits, mare match, mare hits --------


def _file(tmp_path: Path, name: str, *entities: dict[str, object]) -> Path:
    path = tmp_path / name
    path.write_bytes(b"".join(orjson.dumps(e) + b"\n" for e in entities))
    return path


def _vessel(eid: str, **props: list[str]) -> dict[str, object]:
    return {"id": eid, "schema": "Vessel", "properties": props}


def _stored(store: Store) -> dict[frozenset[str], Any]:
    with store.engine.connect() as conn:
        return {frozenset((r.left_id, r.right_id)): r for r in stored_hits(conn)}


def test_one_imo_under_two_names_from_two_owners_is_a_stored_match(
    store: Store, tmp_path: Path
) -> None:
    ingestor = Ingestor(store)
    ingestor.ingest(
        _file(
            tmp_path,
            "gr.jsonl",
            _vessel(
                "gr-v-1",
                name=["Sea Falcon"],
                imoNumber=["IMO 9074729"],
                flag=["Libya"],
                mmsi=["642122000"],
                owner=["gr-c-1"],
            ),
            {"id": "gr-c-1", "schema": "Company", "properties": {"name": ["Falcon Shipping"]}},
        ),
        Defaults(owner="GR-HP"),
    )
    report = ingestor.ingest(
        _file(
            tmp_path,
            "it.jsonl",
            _vessel(
                "it-v-9",
                name=["M/V Ocean Queen"],
                imoNumber=["9074729"],
                flag=["Panama"],
                mmsi=["352001234"],
                owner=["it-c-7"],
            ),
            {"id": "it-c-7", "schema": "Company", "properties": {"name": ["Queen Marine SA"]}},
        ),
        Defaults(owner="IT-SCO"),
    )
    assert any({h.left.id, h.right.id} == {"gr-v-1", "it-v-9"} for h in report.hits)
    found = _stored(store)
    row = found[frozenset(("gr-v-1", "it-v-9"))]
    assert (row.family, row.band) == ("vessel", "match")
    reasons = orjson.loads(row.reasons)
    assert reasons[0]["feature"] == "identifier:imo"
    assert reasons[0]["left"] == reasons[0]["right"] == "imo:9074729"
    # the IMO number identifies the vessel, not its owners: they are not linked by it
    assert frozenset(("gr-c-1", "it-c-7")) not in found


def test_same_name_other_flag_without_identifiers_is_scored_but_no_match(
    store: Store, tmp_path: Path
) -> None:
    from mare.match.xref import run

    Ingestor(store).ingest(
        _file(
            tmp_path,
            "two.jsonl",
            _vessel("v-it", name=["Salvatore"], flag=["Italy"], type=["fishing vessel"]),
            _vessel("v-tn", name=["SALVATORE"], flag=["Tunisia"], type=["fishing vessel"]),
        ),
        Defaults(owner="A"),
    )
    assert frozenset(("v-it", "v-tn")) not in _stored(store)
    out = tmp_path / "pairs.jsonl"
    run(store, out)
    (line,) = [orjson.loads(x) for x in out.read_bytes().splitlines()]
    assert (line["left"], line["right"], line["match"]) == ("v-it", "v-tn", False)
    assert {r["feature"] for r in line["reasons"]} == {"name", "flag", "type", "uncorroborated"}


def test_the_vessel_of_the_italian_message_is_the_greek_one(store: Store) -> None:
    ingestor = Ingestor(store)
    ingestor.ingest(EXAMPLES / "persons.ftm.jsonl", Defaults(owner="GR-HP"))
    ingestor.ingest(EXAMPLES / "message-it.json", Defaults())
    row = _stored(store)[frozenset(("gr-hp-v-001", "it-sco-v-3"))]
    assert (row.family, row.band) == ("vessel", "match")


def test_mare_match_finds_a_vessel_by_its_mmsi(store: Store, tmp_path: Path) -> None:
    Ingestor(store).ingest(EXAMPLES / "persons.ftm.jsonl", Defaults(owner="GR-HP"))
    query = _file(tmp_path, "q.jsonl", _vessel("q-1", name=["Falcon"], mmsi=["642 122 000"]))
    hits, errors = check_file(store, query)
    assert errors == []
    (hit,) = hits
    assert (hit.left.id, hit.right.id, hit.family.name) == ("q-1", "gr-hp-v-001", "vessel")
    assert hit.result.reasons[0].feature == "identifier:mmsi"


def test_mare_hits_lists_vessel_hits(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from mare.cli.main import app

    db = f"sqlite:///{tmp_path / 'v.db'}"
    runner = CliRunner()
    for name, owner in (("persons.ftm.jsonl", "GR-HP"), ("message-it.json", "IT-SCO")):
        result = runner.invoke(app, ["ingest", str(EXAMPLES / name), "--owner", owner, "--db", db])
        assert result.exit_code == 0, result.stderr
    result = runner.invoke(app, ["hits", "--entity", "it-sco-v-3", "--db", db])
    assert result.exit_code == 0
    assert "gr-hp-v-001 ~ it-sco-v-3" in result.stdout and "MATCH" in result.stdout
    assert "identifier:imo" in result.stdout


def test_a_common_vessel_name_links_nobody_but_an_mmsi_does(store: Store, tmp_path: Path) -> None:
    from mare.match.blocking import GENERIC

    crowd = [_vessel(f"m-{n}", name=["Maria"], mmsi=[f"2471{n:05d}"]) for n in range(GENERIC + 1)]
    ingestor = Ingestor(store)
    first = ingestor.ingest(_file(tmp_path, "crowd.jsonl", *crowd), Defaults(owner="A"))
    assert first.hits == []  # a hundred boats called Maria are not one boat
    late = _vessel("m-late", name=["MARIA"], flag=["Italy"], mmsi=["247100007"])
    report = ingestor.ingest(_file(tmp_path, "late.jsonl", late), Defaults(owner="B"))
    assert [(h.left.id, h.right.id, h.band) for h in report.hits] == [("m-7", "m-late", "match")]
    assert report.generic["vw:maria"] == GENERIC + 2


@pytest.mark.parametrize(
    ("left", "right", "same"),
    [
        ("peschereccio", "fishing vessel", True),
        ("Fischkutter", "balıkçı teknesi", True),
        ("gommone", "inflatable boat", True),
        ("embarcación semirrígida", "RHIB", True),
        ("wooden fishing boat", "motopesca", True),
        ("gommone", "peschereccio", False),
        ("sailing yacht", "tanker", False),
    ],
)
def test_types_compare_by_class_across_languages(left: str, right: str, same: bool) -> None:
    result = v.score(_rec("a", types=(left,)), _rec("b", types=(right,)))
    found = {r.feature: r.contribution for r in result.reasons}["type"]
    assert found == (v.TYPE_SAME if same else v.TYPE_OTHER)


def test_a_name_flag_and_type_alone_are_for_review() -> None:
    from mare.match.families import VESSEL

    one = _rec("a", names=("Zahret El Bahr",), flags=("ly",), types=("fishing vessel",))
    two = _rec("b", names=("ZAHRET ELBAHR",), flags=("ly",), types=("peschereccio",))
    assert VESSEL.band(v.score(one, two)) == "review"
    registered = _rec(
        "c", names=("Zahret El Bahr",), flags=("ly",), keys=frozenset({"registration:ZW74109"})
    )
    again = _rec("d", names=("Zahret el-Bahr",), keys=frozenset({"registration:ZW74109"}))
    assert VESSEL.band(v.score(registered, again)) == "match"


def test_an_imo_with_a_mistyped_digit_finds_its_vessel() -> None:
    from mare.match.families import VESSEL

    held = _rec("a", keys={"imo:8217960", "mmsi:616196771"})  # valid: check digit 0
    slip = _rec("b", keys={"imo:8217967"})  # fails its check digit, one digit off
    swapped = _rec("c", keys={"imo:8219760"})  # fails, two digits swapped
    other = _rec("d", keys={"imo:9074729"})  # valid, another vessel
    assert v.keys(held) & v.keys(slip)
    for record in (slip, swapped):
        reason = {r.feature: r for r in v.score(held, record).reasons}["identifier:imo"]
        assert reason.contribution == v.IMO_TYPO and reason.detail == "one digit mistyped"
    assert VESSEL.band(v.score(held, slip)) == "match"
    assert v.score(held, other).score < 0.01
    far = _rec("e", keys={"imo:8211967"})  # fails, two digits off: no evidence for
    assert {r.feature: r for r in v.score(held, far).reasons}["identifier:imo"].contribution < 0
