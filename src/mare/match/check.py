"""``mare match``: check entities against the store without storing them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mare.errors import RecordError
from mare.ingest.readers import read_jsonl
from mare.match.benign import BenignList
from mare.match.blocking import Index
from mare.match.person import NameRarity, PersonRecord, Score, score
from mare.match.records import file_records, person_records
from mare.match.xref import MATCH_THRESHOLD
from mare.store import Store

REVIEW_THRESHOLD = 0.5  # provisional until calibrated


@dataclass(frozen=True, slots=True)
class Hit:
    query: PersonRecord
    held: PersonRecord
    result: Score

    @property
    def match(self) -> bool:
        return self.result.score >= MATCH_THRESHOLD

    @property
    def shared_identifier(self) -> bool:
        return any(r.feature.startswith("identifier:") for r in self.result.reasons)

    @property
    def label(self) -> str:
        """MATCH (same person), review, or link: a shared identifier under another
        identity, which is what identity and document fraud look like."""
        if self.match:
            return "MATCH"
        return "review" if self.result.score >= REVIEW_THRESHOLD else "link"


def check_file(
    store: Store, path: Path, benign: BenignList | None = None
) -> tuple[list[Hit], list[RecordError]]:
    """Hits of the file's persons, best first: every pair scoring at least the review
    threshold, and every pair sharing an identifier whatever its score."""
    queries, errors = file_records((item for item, _ in read_jsonl(path)), benign)
    index = Index(person_records(store, benign))
    rarity = NameRarity(index.records)
    hits: list[Hit] = []
    for query in queries:
        for position in index.candidates(query):
            held = index.records[position]
            if held.id == query.id:
                continue
            result = score(query, held, rarity)
            hit = Hit(query, held, result)
            if result.score >= REVIEW_THRESHOLD or hit.shared_identifier:
                hits.append(hit)
    hits.sort(key=lambda h: (h.query.id, -h.result.score))
    return hits, errors
