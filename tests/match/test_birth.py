"""Birth dates compared as evidence: every outcome."""

from __future__ import annotations

import pytest

from mare.match.birth import Outcome, compare


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("1987-05-12", "1987-05-12", Outcome.SAME_DAY),
        ("1997-01-01", "1997-01-01", Outcome.SAME_PLACEHOLDER),  # 1 January: day unknown
        ("1997-01-01", "1997-06-14", Outcome.SAME_YEAR),  # a placeholder is its year
        ("1997-01-01", "1985-06-14", Outcome.DIFFERENT),
        ("1987-05-12", "1987-12-05", Outcome.SWAPPED),
        ("1987-05-12", "1987-05-13", Outcome.ONE_DIGIT),
        ("1987-05-12", "1978-05-12", Outcome.ONE_DIGIT),  # two digits transposed
        ("1989-05-12", "1990-05-12", Outcome.YEAR_OFF_BY_ONE),
        ("1987-05-12", "1987-05-28", Outcome.SAME_MONTH),
        ("1987-05-12", "1987-11-12", Outcome.TWO_PARTS),
        ("1987-05-12", "1961-05-12", Outcome.TWO_PARTS),
        ("1987-05-12", "1987-11-30", Outcome.SAME_YEAR_ONLY),
        ("1987-05-12", "1987", Outcome.SAME_YEAR),
        ("1987-05", "1987-05-12", Outcome.SAME_YEAR),
        ("1987", "1987", Outcome.SAME_YEAR),
        ("1987", "1988-05-12", Outcome.YEAR_NEAR),
        ("1987", "1981", Outcome.YEAR_TYPO),
        ("1987", "1965", Outcome.DIFFERENT),
        ("1987-05-12", "1991-02-03", Outcome.DIFFERENT),
        ("~19429008", "1942-09-08", Outcome.BROKEN_NEAR),  # impossible, but one slip away
        ("~31021990", "1990-02-13", Outcome.BROKEN_NEAR),
        ("~19429008", "1970-01-01", Outcome.BROKEN),
    ],
)
def test_outcomes(left: str, right: str, expected: Outcome) -> None:
    assert compare(left, right) is expected
    assert compare(right, left) is expected
