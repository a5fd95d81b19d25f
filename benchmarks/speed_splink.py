"""Splink on the speed benchmark's held records: the batch peer of ``mare xref``.

    .venv/bin/python benchmarks/speed_splink.py HELD.jsonl OUT.jsonl

Run by `speed.py` in a process of its own. The records are given to Splink
as a Splink user would prepare them: names transliterated to Latin ASCII
(rigour's ``ascii_text``, the transliteration FtM tools use), lower case,
split into the first token (given name), the last (family name) and the
ones between (a father's name); full birth dates and birth years apart
(partners send years alone); nationality, gender, phone and passport
number as they are.

The model: Splink's forename-surname comparison (names swapped count) with
term frequencies on the full name, its name comparison on the middle name,
its date-of-birth comparison, the birth year, nationality, gender, phone
and passport exact; the prior from phone and passport agreement (recall
assumed 0.6), u by random sampling, m by EM on two blocking rules.
Blocking for prediction is as close to Mare's recall as Splink's rules get
without a pairwise scan: the same given and family name; the Soundex codes
of both names (either order) with the birth year; the Soundex of the given
or the family name with the birth day; the birth day and gender; the phone;
the passport.

The first output line is the figures (seconds from registering the table
to the predictions, pairs compared, the share of true pairs among them);
each further line is a predicted pair with its match probability (pairs
below 0.01 are left out).
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path
from typing import Any

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth

FLOOR = 0.01


def frame(data: Path) -> Any:
    import pandas as pd
    from rigour.text.phonetics import soundex
    from rigour.text.translit import ascii_text

    rows = []
    with data.open("rb") as handle:
        for line in handle:
            item = orjson.loads(line)
            props = item["properties"]
            name = ascii_text(props["name"][0]).lower()
            tokens = "".join(c if c.isalnum() else " " for c in name).split()
            born = (props.get("birthDate") or [None])[0]
            rows.append(
                {
                    "unique_id": item["id"],
                    "first_name": tokens[0] if tokens else None,
                    "middle_name": " ".join(tokens[1:-1]) or None,
                    "surname": tokens[-1] if len(tokens) > 1 else None,
                    "full_name": " ".join(tokens) or None,
                    "dob": born if born and len(born) == 10 else None,
                    "birth_year": born[:4] if born else None,
                    "nationality": (props.get("nationality") or [None])[0],
                    "gender": (props.get("gender") or [None])[0],
                    "phone": (props.get("phone") or [None])[0],
                    "passport": (props.get("passportNumber") or [None])[0],
                }
            )
    out = pd.DataFrame(rows)
    for column, short in (("first_name", "first_sx"), ("surname", "surname_sx")):
        out[short] = out[column].map(lambda v: soundex(v) if isinstance(v, str) else None)
    return out


def rules() -> list[Any]:
    from splink import block_on

    return [
        block_on("first_name", "surname"),
        block_on("first_sx", "surname_sx", "birth_year"),
        {
            "blocking_rule": "l.first_sx = r.surname_sx AND l.surname_sx = r.first_sx "
            "AND l.birth_year = r.birth_year"
        },
        block_on("first_sx", "dob"),
        block_on("surname_sx", "dob"),
        block_on("dob", "gender"),
        block_on("phone"),
        block_on("passport"),
    ]


def blocked_share(records: Any, truth: list[tuple[str, str]]) -> float:
    """The share of true pairs that one of the prediction blocking rules keeps."""
    if not truth:
        return 0.0
    by_id = records.set_index("unique_id")
    left = by_id.loc[[a for a, _ in truth]].reset_index(drop=True)
    right = by_id.loc[[b for _, b in truth]].reset_index(drop=True)

    def same(*columns: str, swap: dict[str, str] | None = None) -> Any:
        out = None
        for column in columns:
            other = (swap or {}).get(column, column)
            equal = (left[column] == right[other]) & left[column].notna()
            out = equal if out is None else out & equal
        return out

    swapped = {"first_sx": "surname_sx", "surname_sx": "first_sx"}
    kept = (
        same("first_name", "surname")
        | same("first_sx", "surname_sx", "birth_year")
        | same("first_sx", "surname_sx", "birth_year", swap=swapped)
        | same("first_sx", "dob")
        | same("surname_sx", "dob")
        | same("dob", "gender")
        | same("phone")
        | same("passport")
    )
    return float(kept.mean())


def truth_of(ids: list[str]) -> list[tuple[str, str]]:
    members: dict[str, list[str]] = {}
    for entity_id in ids:
        members.setdefault(synth.person_of(entity_id), []).append(entity_id)
    return [
        (a, b)
        for group in members.values()
        for i, a in enumerate(sorted(group))
        for b in sorted(group)[i + 1 :]
    ]


def run(data: Path, out: Path) -> None:
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on
    from splink.blocking_analysis import count_comparisons_from_blocking_rules

    records = frame(data)
    start = time.perf_counter()
    db = DuckDBAPI()
    table = db.register(records, dataset_display_name="held")
    settings = SettingsCreator(
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=rules(),
        comparisons=[
            cl.ForenameSurnameComparison(
                "first_name", "surname", forename_surname_concat_col_name="full_name"
            ).configure(term_frequency_adjustments=True),
            cl.NameComparison("middle_name"),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.ExactMatch("birth_year"),
            cl.ExactMatch("nationality"),
            cl.ExactMatch("gender"),
            cl.ExactMatch("phone"),
            cl.ExactMatch("passport"),
        ],
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )
    linker = Linker(table, settings, log_level=logging.WARNING)
    training = linker.training
    training.estimate_probability_two_random_records_match(
        [block_on("phone"), block_on("passport")], recall=0.6
    )
    training.estimate_u_using_random_sampling(max_pairs=1e7)
    training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    training.estimate_parameters_using_expectation_maximisation(block_on("first_name", "surname"))
    predicted = linker.inference.predict(threshold_match_probability=FLOOR)
    scored = predicted.as_duckdbpyrelation().select("unique_id_l, unique_id_r, match_probability")
    pairs = scored.fetchall()
    wall = time.perf_counter() - start
    counted = count_comparisons_from_blocking_rules(
        table, blocking_rules=rules(), link_type="dedupe_only", record_sample_proportion=1.0
    )
    figures = {
        "wall": wall,
        "compared": int(counted[-1]["cumulative_comparison_count"]),
        "blocked_recall": blocked_share(records, truth_of(list(records["unique_id"]))),
    }
    with out.open("wb") as handle:
        handle.write(orjson.dumps(figures) + b"\n")
        for a, b, p in pairs:
            left, right = (a, b) if a < b else (b, a)
            handle.write(orjson.dumps([left, right, float(p)]) + b"\n")


if __name__ == "__main__":
    run(Path(sys.argv[1]), Path(sys.argv[2]))
