"""Handling codes, evaluation codes and data-subject categories."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from mare.errors import RecordError
from mare.model.codes import Evaluation, Handling, SubjectCategory
from mare.model.provenance import review_date


@pytest.mark.parametrize(
    ("text", "restriction", "expected"),
    [
        ("H0", None, Handling.H0),
        ("h1", None, Handling.H1),
        (" H2 ", None, Handling.H2),
        ("H3", "not to be shared with customs", Handling.H3),
    ],
)
def test_handling_parses(text: str, restriction: str | None, expected: Handling) -> None:
    assert Handling.parse(text, restriction) is expected


@pytest.mark.parametrize(
    ("text", "restriction", "message"),
    [
        ("H4", None, "unknown handling code"),
        ("", None, "missing"),
        (None, None, "missing"),
        ("H3", None, "restriction"),
        ("H3", "  ", "restriction"),
    ],
)
def test_handling_rejects(text: str | None, restriction: str | None, message: str) -> None:
    with pytest.raises(RecordError, match=message):
        Handling.parse(text, restriction)


@pytest.mark.parametrize(
    ("text", "scheme", "expected"),
    [
        ("B2", "4x4", "B2"),
        ("a1", "4x4", "A1"),
        ("X/4", "4x4", "X4"),
        (None, "4x4", "X4"),
        ("", "4x4", "X4"),
        ("D5", "admiralty", "C4"),
        ("F6", "admiralty", "X4"),
        ("A1", "admiralty", "A1"),
        ("E3", "admiralty", "C3"),
    ],
)
def test_evaluation_parses(text: str | None, scheme: str, expected: str) -> None:
    assert str(Evaluation.parse(text, scheme)) == expected


@pytest.mark.parametrize(
    ("text", "scheme"),
    [
        ("D5", "4x4"),
        ("B5", "4x4"),
        ("B", "4x4"),
        ("B22", "4x4"),
        ("G1", "admiralty"),
        ("A7", "admiralty"),
        ("B2", "3x5x2"),
    ],
)
def test_evaluation_is_never_guessed(text: str, scheme: str) -> None:
    with pytest.raises(RecordError):
        Evaluation.parse(text, scheme)


@pytest.mark.parametrize(
    ("text", "expected", "searchable"),
    [
        ("suspect", SubjectCategory.SUSPECT, True),
        ("Potential future offender", SubjectCategory.POTENTIAL_OFFENDER, True),
        ("potential_offender", SubjectCategory.POTENTIAL_OFFENDER, True),
        ("associate", SubjectCategory.CONTACT, False),
        ("victim", SubjectCategory.VICTIM, False),
        ("Witness", SubjectCategory.WITNESS, False),
        ("informant", SubjectCategory.INFORMANT, False),
    ],
)
def test_categories(text: str, expected: SubjectCategory, searchable: bool) -> None:
    category = SubjectCategory.parse(text)
    assert category is expected
    assert category.searchable is searchable


def test_unknown_category() -> None:
    with pytest.raises(RecordError, match="bystander"):
        SubjectCategory.parse("bystander")
    assert SubjectCategory.parse(None) is None


@pytest.mark.parametrize(
    ("entered", "due"),
    [
        (datetime(2026, 11, 22, 8, tzinfo=UTC), date(2029, 11, 22)),
        (datetime(2028, 2, 29, tzinfo=UTC), date(2031, 2, 28)),
    ],
)
def test_review_is_three_years_after_entry(entered: datetime, due: date) -> None:
    assert review_date(entered) == due
