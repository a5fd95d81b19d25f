"""Cross-check accuracy on a simulated multi-country scenario (docs/scenario.md).

One command::

    python benchmarks/scenario.py [--seed 11] [--scale 30k] [--keep DIR] [--no-write]

generates a fresh scenario (a seed other than the demo's), ingests every
message in the order sent into a fresh embedded store with cross-checking on
arrival (the hub's normal path, `mare.ingest.Ingestor`), and measures against
the truth file the links that exist *across partners* (the same thing
reported by two different senders):

- people, vessels, addresses, organisations: from the stored hits (band
  ``match`` is a link; ``review`` and ``link`` are reported beside it);
- phones, documents, accounts, vessels, IBANs, IMEIs: from the identifier
  index (two records link when their values have the same normalised key),
  which is how the hub links them;
- decoys: different people with the same true name (the simulator's
  namesakes, and every other pair of people sharing a name), and people
  sharing only a benign value (a reception centre's address or switchboard):
  the share wrongly linked.

Misses and false links are categorised from the noise the truth records, with
examples on stderr. Figures go to docs/benchmarks.md ("Scenario cross-check").
"""

from __future__ import annotations

import argparse
import itertools
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from mare.errors import InputError
from mare.ingest import Defaults, Ingestor
from mare.match.index import stored_hits
from mare.scenario import DEMO_SEED, generate, parse_scale
from mare.scenario.truth import read
from mare.store import Store
from mare.store.tables import identifiers, statements

sys.path.insert(0, str(Path(__file__).resolve().parent))
from report import write_section

THING_TYPE = {
    "phone": "phone",
    "document": "document",
    "account": "account",
    "vessel": "vessel",
    "bank_account": "iban",
    "handset": "imei",
}
FAMILY_SCHEMA = {
    "person": "Person",
    "vessel": "Vessel",
    "address": "Address",
    "organization": "Organization",
}
# Why two records of one person are hard to link, most telling first
REASONS = (
    ("phone-book-entry", "a phone-book entry (nickname or first name and a number)"),
    ("other-identity", "the person under another identity"),
    ("native-script", "native script on one side only"),
    ("birth-date-missing", "a birth date missing"),
    ("false-nationality-claimed", "a false nationality claimed"),
    ("claims-younger", "claims to be younger"),
    ("birth-day-month-swapped", "day and month swapped"),
    ("birth-year-only", "birth year only"),
    ("no-family-name", "no family name (father's name as surname)"),
    ("father-name-dropped", "father's name dropped"),
    ("family-name-first", "family name first"),
    ("typo", "a typing error"),
    ("alternative-spelling", "another attested spelling"),
    ("spelling:", "another official's convention"),
)
# Why two mentions of one identifier get different keys, most telling first
ID_REASONS = (
    "typo",
    "national-format-without-country",
    "issuing-country-unknown",
    "issuing-country-missing",
    "issuing-country-differs",
    "registration-number",
    "no-plus",
)
ID_LEGEND = {
    "typo": "a digit dropped in one of them",
    "national-format-without-country": "national format in a record that gives no country",
    "issuing-country-unknown": "a passport number on a person whose nationality is not given "
    "(keyed under country zz)",
    "issuing-country-missing": "a document without its issuing country (keyed under zz)",
    "issuing-country-differs": "a passport number on a person claiming another nationality",
    "registration-number": "a vessel's registration number (not an identifier-index key)",
    "no-plus": "a call record's number without + or 00 and too short to be read as international",
}
Pair = tuple[str, str]
# The rows the overall figure is made of: how the hub links each kind of thing
HEADLINE = {
    ("person", "hits"),
    ("vessel", "hits"),
    ("phone", "identifiers"),
    ("document", "identifiers"),
    ("account", "identifiers"),
}


@dataclass(slots=True)
class Entity:
    thing: str
    sender: str
    schema: str
    identity: str | None
    noise: set[str] = field(default_factory=set)
    values: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class Row:
    kind: str
    how: str
    true: int
    found: int
    correct: int
    review: int = 0
    link: int = 0

    @property
    def recall(self) -> float:
        return self.correct / self.true if self.true else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0


# -- the truth ------------------------------------------------------------------
def load_truth(path: Path) -> tuple[dict[str, Entity], dict[str, dict[str, Any]]]:
    entities: dict[str, Entity] = {}
    things: dict[str, dict[str, Any]] = {}
    for item in read(path):
        kind = item["kind"]
        if kind == "record":
            if item.get("rejected"):
                continue
            entity = entities.get(item["entity"])
            if entity is None:
                entity = entities[item["entity"]] = Entity(
                    item["thing"], item["sender"], item["schema"], item.get("identity")
                )
            entity.noise.update(item["noise"])
            entity.values.extend(item["values"])
        elif kind not in ("message", "malformed"):
            things[item["id"]] = item
    return entities, things


def cross_pairs(groups: Iterable[list[str]], entities: dict[str, Entity]) -> set[Pair]:
    """Pairs of members of each group sent by different partners."""
    out: set[Pair] = set()
    for members in groups:
        for a, b in itertools.combinations(sorted(set(members)), 2):
            if entities[a.split("|")[0]].sender != entities[b.split("|")[0]].sender:
                out.add((a, b))
    return out


# -- ingest -----------------------------------------------------------------------
def ingest(root: Path, db: Path) -> tuple[float, int, int]:
    started = time.perf_counter()
    refused = entities = 0
    with Store.open(f"sqlite:///{db}") as store:
        ingestor = Ingestor(store)
        for path in sorted((root / "messages").glob("*.json")):
            try:
                report = ingestor.ingest(path, Defaults())
                entities += report.records
            except InputError:
                refused += 1
    return time.perf_counter() - started, entities, refused


# -- measures -----------------------------------------------------------------------
def hit_rows(db: Path, entities: dict[str, Entity]) -> tuple[list[Row], dict[str, Any]]:
    with Store.open(f"sqlite:///{db}") as store, store.engine.connect() as conn:
        hits = stored_hits(conn)
    bands: dict[str, dict[str, set[Pair]]] = defaultdict(lambda: defaultdict(set))
    everything: dict[Pair, Any] = {}
    for hit in hits:
        pair = tuple(sorted((hit.left_id, hit.right_id)))
        left, right = entities.get(pair[0]), entities.get(pair[1])
        if left is None or right is None:
            continue
        everything[pair] = hit
        if left.sender != right.sender:
            bands[hit.family][hit.band].add(pair)
    rows = []
    detail: dict[str, Any] = {"hits": everything}
    for family, schema in FAMILY_SCHEMA.items():
        groups: dict[str, list[str]] = defaultdict(list)
        for eid, e in entities.items():
            if e.schema == schema:
                groups[e.thing].append(eid)
        true = cross_pairs(groups.values(), entities)
        found = bands[family]["match"]
        rows.append(
            Row(
                family,
                "hits",
                len(true),
                len(found),
                len(found & true),
                len(bands[family]["review"] & true),
                len(bands[family]["link"] & true),
            )
        )
        detail[family] = (true, found, bands[family])
    return rows, detail


def identifier_rows(
    db: Path, entities: dict[str, Entity], things: dict[str, dict[str, Any]]
) -> tuple[list[Row], dict[str, Any]]:
    with Store.open(f"sqlite:///{db}") as store, store.engine.connect() as conn:
        query = sa.select(
            statements.c.entity_id, statements.c.prop, statements.c.value, identifiers.c.key
        ).join(identifiers, identifiers.c.statement_id == statements.c.id)
        keyed = conn.execute(query).all()
    named: dict[tuple[str, str, str], str] = {}
    for eid, e in entities.items():
        for v in e.values:
            named[(eid, v["prop"], v["value"])] = v["thing"]
    unit_keys: dict[str, set[str]] = defaultdict(set)
    unknown = 0
    for eid, prop, value, key in keyed:
        thing = named.get((eid, prop, value))
        if thing is None:
            unknown += eid in entities
            continue
        unit_keys[f"{eid}|{thing}"].add(key)
    by_thing: dict[str, list[str]] = defaultdict(list)
    for (eid, _, _), thing in named.items():
        by_thing[thing].append(f"{eid}|{thing}")
    by_key: dict[str, list[str]] = defaultdict(list)
    for unit, keys in unit_keys.items():
        for key in keys:
            by_key[key].append(unit)
    rows = []
    misses: dict[str, list[Pair]] = {}
    for kind in ("phone", "document", "account", "vessel", "iban", "imei"):
        relevant = {
            t
            for t, info in things.items()
            if THING_TYPE.get(info["kind"]) == kind and not info.get("benign")
        }
        true = cross_pairs((by_thing[t] for t in relevant if t in by_thing), entities)
        found = {
            p
            for p in cross_pairs(
                (
                    units
                    for units in by_key.values()
                    if any(u.split("|")[1] in relevant for u in units)
                ),
                entities,
            )
            if p[0].split("|")[1] in relevant or p[1].split("|")[1] in relevant
        }
        rows.append(Row(kind, "identifiers", len(true), len(found), len(found & true)))
        misses[kind] = sorted(true - found)
    benign = {
        t
        for t, info in things.items()
        if info.get("benign") and THING_TYPE.get(info["kind"]) in ("phone", "account")
    }
    benign_true = cross_pairs((by_thing[t] for t in benign if t in by_thing), entities)
    benign_found = cross_pairs(
        (units for units in by_key.values() if any(u.split("|")[1] in benign for u in units)),
        entities,
    )
    detail = {
        "misses": misses,
        "unknown": unknown,
        "named": named,
        "benign": (len(benign_true), len(benign_found & benign_true)),
    }
    return rows, detail


def person_rows(
    entities: dict[str, Entity], true: set[Pair], found: set[Pair], bands: dict[str, set[Pair]]
) -> list[Row]:
    """People split: pairs of named records, and pairs with a phone-book entry."""

    def book(pair: Pair) -> bool:
        return "phone-book-entry" in entities[pair[0]].noise | entities[pair[1]].noise

    rows = []
    for label, keep in (("named records", False), ("phone-book entries", True)):
        t = {p for p in true if book(p) == keep}
        f = {p for p in found if book(p) == keep}
        rows.append(
            Row(
                f"person, {label}",
                "hits",
                len(t),
                len(f),
                len(f & t),
                len(bands["review"] & t),
                len(bands["link"] & t),
            )
        )
    return rows


def reason_of(a: Entity, b: Entity) -> str:
    if a.identity != b.identity:
        return "other-identity"
    tags = a.noise | b.noise
    if ("native-script" in a.noise) != ("native-script" in b.noise):
        tags.add("native-script")
    else:
        tags.discard("native-script")
    for key, _ in REASONS:
        if any(t == key or (key.endswith(":") and t.startswith(key)) for t in tags):
            return key
    return "none of these"


def decoys(
    entities: dict[str, Entity], things: dict[str, dict[str, Any]], hits: dict[Pair, Any]
) -> dict[str, tuple[int, int]]:
    people = {eid: e for eid, e in entities.items() if e.schema == "Person"}
    by_name: dict[str, list[str]] = defaultdict(list)
    by_group: dict[str, list[str]] = defaultdict(list)
    by_benign: dict[str, list[str]] = defaultdict(list)
    for eid, e in people.items():
        person = things.get(e.thing, {})
        if person.get("kind") != "person":
            continue
        by_name[person["native"]].append(eid)
        if person.get("decoy_group"):
            by_group[person["decoy_group"]].append(eid)
        for v in e.values:
            if things.get(v["thing"], {}).get("benign"):
                by_benign[v["thing"]].append(eid)
    out = {}
    for label, groups in (
        ("namesakes made by the simulator", by_group),
        ("every pair of people with the same true name", by_name),
        ("people sharing only a benign number", by_benign),
    ):
        pairs = {
            p
            for p in cross_pairs(groups.values(), entities)
            if people[p[0]].thing != people[p[1]].thing
        }
        wrong = sum(1 for p in pairs if p in hits and hits[p].band == "match")
        out[label] = (len(pairs), wrong)
    return out


def closure(entities: dict[str, Entity], hits: dict[Pair, Any], true: set[Pair]) -> Row:
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    for (a, b), hit in hits.items():
        if hit.band == "match" and hit.family == "person":
            parent[find(a)] = find(b)
    groups: dict[str, list[str]] = defaultdict(list)
    for eid, e in entities.items():
        if e.schema == "Person":
            groups[find(eid)].append(eid)
    found = cross_pairs(groups.values(), entities)
    return Row("person", "hits, connected", len(true), len(found), len(found & true))


# -- errors, categorised ----------------------------------------------------------
def person_errors(
    entities: dict[str, Entity],
    true: set[Pair],
    found: set[Pair],
    hits: dict[Pair, Any],
    names: dict[str, str],
) -> tuple[Counter[str], Counter[str], dict[str, list[Pair]]]:
    """Missed pairs by their hardest distortion and band; false links by kind."""
    misses: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    examples: dict[str, list[Pair]] = defaultdict(list)
    for pair in sorted(true - found):
        a, b = entities[pair[0]], entities[pair[1]]
        hit = hits.get(pair)
        label = f"{reason_of(a, b)} ({hit.band if hit else 'no hit'})"
        misses[label] += 1
        examples[label].append(pair)
    for pair in sorted(found - true):
        a, b = entities[pair[0]], entities[pair[1]]
        shared = {v["thing"] for v in a.values} & {v["thing"] for v in b.values}
        name = names.get(a.thing)
        if shared:
            label = "shares an identifier (a handed-on phone, a reused document)"
        elif name is not None and name == names.get(b.thing):
            label = "different people with the same name"
        elif "phone-book-entry" in a.noise | b.noise:
            label = "a phone-book entry whose name resembles another person's"
        else:
            label = "similar names and dates"
        wrong[label] += 1
        examples[f"false link: {label}"].append(pair)
    return misses, wrong, examples


def in_common(pairs: Iterable[Pair], conn: Any) -> Counter[str]:
    """Missed person pairs by the strongest evidence the two stored records share:
    an identifier key, a birth date, or nothing but names (with or without two
    birth dates that differ). A pair that shares nothing but a name is out of
    reach of a hit by the hub's rule that a name alone is for review."""
    pairs = list(pairs)
    wanted = sorted({e for p in pairs for e in p})
    keys: dict[str, set[str]] = defaultdict(set)
    births: dict[str, set[str]] = defaultdict(set)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        query = sa.select(identifiers.c.entity_id, identifiers.c.key)
        for eid, key in conn.execute(query.where(identifiers.c.entity_id.in_(chunk))):
            keys[eid].add(key)
        query = sa.select(statements.c.entity_id, statements.c.norm).where(
            statements.c.entity_id.in_(chunk),
            statements.c.prop == "birthDate",
            statements.c.valid.is_(True),
        )
        for eid, norm in conn.execute(query):
            if norm:
                births[eid].add(str(norm))
    out: Counter[str] = Counter()
    for a, b in pairs:
        if keys[a] & keys[b]:
            out["an identifier (phone, document, account)"] += 1
        elif births[a] & births[b]:
            out["a birth date"] += 1
        elif births[a] and births[b]:
            out["nothing but names, and two birth dates that differ"] += 1
        else:
            out["nothing but names (no birth date on one side or both)"] += 1
    return out


def identifier_errors(
    entities: dict[str, Entity], missed: dict[str, list[Pair]], conn: Any
) -> Counter[str]:
    """Missed identifier pairs by why the two mentions got different keys."""
    tags: dict[str, set[str]] = defaultdict(set)
    for eid, e in entities.items():
        for v in e.values:
            tags[f"{eid}|{v['thing']}"].update(v.get("noise", ()))
            if v.get("invalid"):
                tags[f"{eid}|{v['thing']}"].add("invalid: " + v["invalid"])
    out: Counter[str] = Counter()
    for kind, pairs in missed.items():
        for a, b in pairs:
            both = tags[a] | tags[b]
            why = next((t for t in ID_REASONS if t in both), None)
            why = why or next((t for t in sorted(both) if t.startswith("invalid")), "other")
            out[f"{kind}: {why}"] += 1
            if why == "other" and out[f"{kind}: {why}"] <= 3:
                left, right = (describe(conn, x.split("|")[0], entities) for x in (a, b))
                print(f"- {kind} not keyed alike\n    {left}\n    {right}", file=sys.stderr)
    return out


# -- report -----------------------------------------------------------------------
def commit() -> str:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parent,
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return done.stdout.strip()


def describe(conn: Any, eid: str, entities: dict[str, Entity]) -> str:
    rows = conn.execute(
        sa.select(statements.c.prop, statements.c.value).where(
            statements.c.entity_id == eid,
            statements.c.prop.in_(
                (
                    "name",
                    "birthDate",
                    "nationality",
                    "phone",
                    "number",
                    "imoNumber",
                    "mmsi",
                    "username",
                    "full",
                )
            ),
        )
    )
    values = "; ".join(f"{p}={v}" for p, v in rows)
    e = entities[eid]
    return f"{e.sender} {eid} [{e.thing}] {values}"


def table(rows: list[Row]) -> str:
    lines = [
        "| type | linked by | true cross-partner pairs | linked | correct | recall | "
        "precision | true pairs in review | true pairs as link |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        extra = f"{r.review:,} | {r.link:,}" if r.how.startswith("hits") else "– | –"
        lines.append(
            f"| {r.kind} | {r.how} | {r.true:,} | {r.found:,} | {r.correct:,} | "
            f"{r.recall:.3f} | {r.precision:.3f} | {extra} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--scale", default="30k")
    parser.add_argument("--keep", type=Path, help="keep the scenario and store here")
    parser.add_argument("--no-write", action="store_true", help="do not update the docs")
    args = parser.parse_args()
    if args.seed == DEMO_SEED:
        parser.error(f"seed {DEMO_SEED} is the demo's: measure on data the demo did not show")
    scale = parse_scale(args.scale)
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        db = root / "scenario.db"
        db.unlink(missing_ok=True)
        summary = generate(args.seed, scale, root / "scenario")
        print(
            f"generated {summary.entities:,} entities in {summary.messages:,} messages "
            f"({summary.seconds:.1f} s)",
            file=sys.stderr,
        )
        seconds, ingested, refused = ingest(root / "scenario", db)
        print(f"ingested in {seconds:.1f} s", file=sys.stderr)
        entities, things = load_truth(root / "scenario" / "truth.jsonl")
        hit_table, hit_detail = hit_rows(db, entities)
        id_table, id_detail = identifier_rows(db, entities, things)
        hits = hit_detail["hits"]
        person_true, person_found, person_bands = hit_detail["person"]
        connected = closure(entities, hits, person_true)
        rows = [
            *person_rows(entities, person_true, person_found, person_bands),
            *hit_table,
            connected,
            *id_table,
        ]
        headline = [r for r in rows if (r.kind, r.how) in HEADLINE]
        overall = Row(
            "overall",
            "people and vessels by hits, the rest by identifiers",
            sum(r.true for r in headline),
            sum(r.found for r in headline),
            sum(r.correct for r in headline),
        )
        rows.append(overall)

        decoy = decoys(entities, things, hits)
        with Store.open(f"sqlite:///{db}") as store, store.engine.connect() as conn:
            names = {t: info["native"] for t, info in things.items() if info["kind"] == "person"}
            body = report(
                args,
                summary,
                seconds,
                ingested,
                refused,
                rows,
                decoy,
                id_detail,
                entities,
                person_true,
                person_found,
                hits,
                conn,
                names,
            )
    print(body)
    if not args.no_write:
        write_section(
            "Scenario cross-check",
            f"python benchmarks/scenario.py --seed {args.seed} --scale {args.scale}",
            body,
        )
    return 0


def report(
    args: Any,
    summary: Any,
    seconds: float,
    ingested: int,
    refused: int,
    rows: list[Row],
    decoy: dict[str, tuple[int, int]],
    id_detail: dict[str, Any],
    entities: dict[str, Entity],
    person_true: set[Pair],
    person_found: set[Pair],
    hits: dict[Pair, Any],
    conn: Any,
    names: dict[str, str],
) -> str:
    misses, wrong, examples = person_errors(entities, person_true, person_found, hits, names)
    print("\nexamples (two of each kind):", file=sys.stderr)
    for label, pairs in sorted(examples.items()):
        for a, b in pairs[:2]:
            print(
                f"- {label}\n    {describe(conn, a, entities)}\n    {describe(conn, b, entities)}",
                file=sys.stderr,
            )
    id_misses = identifier_errors(entities, id_detail["misses"], conn)
    headline = [r for r in rows if (r.kind, r.how) in HEADLINE]
    lines = [
        f"Code: commit {commit()}. "
        f"Scenario: seed {args.seed}, {summary.entities:,} entities in {summary.messages:,} "
        f"messages from {len(summary.senders)} partners, {summary.networks} networks "
        f"(generated in {summary.seconds:.1f} s); ingested with cross-check on arrival into a "
        f"fresh SQLite store in {seconds:.0f} s ({ingested / seconds:,.0f} records/s; "
        f"{refused} messages refused whole, as the truth says).",
        "",
        "A true pair is two records of one real thing sent by different partners. Linked: "
        "a `match` hit (people, vessels, addresses, organisations) or the same key in the "
        "identifier index (phones, documents, accounts, vessels, IBANs, IMEIs). Connected: "
        "records joined through a chain of `match` hits.",
        "",
        table(rows),
        "",
        f"Overall counts pairs, so phones (the most mentioned identifiers) weigh most; the mean "
        f"over people, vessels, phones, documents and accounts is recall "
        f"{sum(r.recall for r in headline) / len(headline):.3f}, precision "
        f"{sum(r.precision for r in headline) / len(headline):.3f}. " + targets(rows),
        "",
        "| decoys | cross-partner pairs | wrongly linked (`match`) | share |",
        "|---|---:|---:|---:|",
    ]
    for label, (count, bad) in decoy.items():
        share = bad / count if count else 0.0
        lines.append(f"| {label} | {count:,} | {bad:,} | {share:.3f} |")
    lines += [
        "",
        f"Benign numbers (hotline, centre switchboards): {id_detail['benign'][0]:,} "
        "cross-partner pairs of mentions, of which "
        f"{id_detail['benign'][1]:,} share a key (they are one number; the hub must "
        "not link the people holding them).",
        "",
        "Person pairs missed, by the hardest "
        "distortion between the two records (and the band the pair got instead):",
        "",
    ]
    labels = dict(REASONS)
    for label, n in misses.most_common():
        key, band = label.rsplit(" (", 1)
        lines.append(f"- {labels.get(key, key)} ({band}: {n:,}")
    lines += ["", "The same missed person pairs, by what the two stored records share:", ""]
    shared = in_common(sorted(person_true - person_found), conn)
    lines += [f"- {label}: {n:,}" for label, n in shared.most_common()]
    lines += ["", "False person links:", ""]
    lines += [f"- {label}: {n:,}" for label, n in wrong.most_common()] or ["- none"]
    lines += ["", "Identifier pairs missed (why the two mentions got different keys):", ""]
    for label, n in id_misses.most_common():
        kind, why = label.split(": ", 1)
        lines.append(f"- {kind}: {ID_LEGEND.get(why, why)}: {n:,}")
    return "\n".join(lines)


def targets(rows: list[Row]) -> str:
    """Which rows meet issue 5's targets (recall and precision at least 0.98)."""
    rated = [r for r in rows if r.how in ("hits", "identifiers") or r.kind == "overall"]
    met = [f"{r.kind} ({r.how})" for r in rated if r.recall >= 0.98 and r.precision >= 0.98]
    missed = [f"{r.kind} ({r.how})" for r in rated if f"{r.kind} ({r.how})" not in met]
    return (
        f"Target (recall and precision at least 0.98, overall and per type): met by "
        f"{', '.join(met) or 'none'}; not met by {', '.join(missed) or 'none'}."
    )


if __name__ == "__main__":
    raise SystemExit(main())
