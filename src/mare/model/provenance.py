"""Who sent a value, when, and under which restrictions."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from mare.model.codes import Evaluation, Handling, SubjectCategory

REVIEW_YEARS = 3
UNASSESSED = Evaluation()  # X4


def years_after(day: date, years: int) -> date:
    """The same day ``years`` later (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def review_date(entered: datetime) -> date:
    """The day an item must be reviewed: three years after it entered the hub."""
    return years_after(entered.date(), REVIEW_YEARS)


def utcnow() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True, slots=True)
class Provenance:
    """The envelope Mare keeps around every value of one contribution."""

    source_id: str
    owner: str
    handling: Handling = Handling.H0
    restriction: str | None = None
    evaluation: Evaluation = UNASSESSED
    category: SubjectCategory | None = None
    entered: datetime | None = None

    @property
    def review(self) -> date | None:
        return review_date(self.entered) if self.entered else None

    def with_category(self, category: SubjectCategory | None) -> Provenance:
        return self if category == self.category else replace(self, category=category)

    def with_evaluation(self, evaluation: Evaluation) -> Provenance:
        return self if evaluation == self.evaluation else replace(self, evaluation=evaluation)
