"""Dates, possibly partial, in many notations, languages and digit scripts."""

from __future__ import annotations

import pytest

from mare.normalize import dates

CASES = [
    # raw, value, precision, reason substring (None when valid)
    ("1987-05-12", "1987-05-12", "day", None),
    ("1987-05-12T10:30:00Z", "1987-05-12", "day", None),
    ("1987-05-12 10:30", "1987-05-12", "day", None),
    ("12.05.1987", "1987-05-12", "day", None),
    ("12/05/1987", "1987-05-12", "day", None),
    ("12-05-1987", "1987-05-12", "day", None),
    ("1987/05/12", "1987-05-12", "day", None),
    ("19870512", "1987-05-12", "day", None),
    ("12051987", "1987-05-12", "day", None),
    ("13.12.1987", "1987-12-13", "day", None),
    ("12/31/1987", "1987-12-31", "day", None),  # 31 can only be the day
    ("05/1987", "1987-05", "month", None),
    ("1987/05", "1987-05", "month", None),
    ("1987", "1987", "year", None),
    ("May 1987", "1987-05", "month", None),
    ("12 May 1987", "1987-05-12", "day", None),
    ("May 12, 1987", "1987-05-12", "day", None),
    ("12th May 1987", "1987-05-12", "day", None),
    ("1er mai 1987", "1987-05-01", "day", None),
    ("12 juillet 1987", "1987-07-12", "day", None),
    ("12. März 1987", "1987-03-12", "day", None),
    ("12 Maerz 1987", "1987-03-12", "day", None),
    ("12 maggio 1987", "1987-05-12", "day", None),
    ("12 de mayo de 1987", "1987-05-12", "day", None),
    ("12 Mayıs 1987", "1987-05-12", "day", None),
    ("12 мая 1987 г.", "1987-05-12", "day", None),
    ("12 يناير 1987", "1987-01-12", "day", None),
    ("12 تشرين الأول 1987", "1987-10-12", "day", None),  # Levantine month name
    ("۱۲ ژانویه ۱۹۸۷", "1987-01-12", "day", None),  # Persian digits and month
    ("١٢/٠٥/١٩٨٧", "1987-05-12", "day", None),  # Arabic-Indic digits
    ("۱۲.۰۵.۱۹۸۷", "1987-05-12", "day", None),  # Persian digits
    # unknown parts
    ("00.05.1987", "1987-05", "month", None),
    ("00.00.1987", "1987", "year", None),
    ("XX.05.1987", "1987-05", "month", None),
    ("??.??.1987", "1987", "year", None),
    ("12.00.1987", "1987", "year", None),  # a day without its month is dropped
    # two-digit years (pivot: never in the future)
    ("12.05.87", "1987-05-12", "day", None),
    # impossible or unreadable
    ("31.02.1987", None, None, "day 31 out of range for 1987-02"),
    ("29.02.1987", None, None, "day 29"),
    ("29.02.1988", "1988-02-29", "day", None),
    ("1987-13", None, None, "month 13 out of range"),
    ("13.13.1987", None, None, "month 13"),
    ("۱۲.۰۵.۱۳۶۶", None, None, "Hijri"),  # Solar Hijri year, not converted
    ("2301-01-01", None, None, "year 2301 out of range"),
    ("870512", None, None, "6-digit"),
    ("10/87", None, None, "two numbers"),
    ("May", None, None, "month alone"),
    ("hello 1987", None, None, "unrecognised word"),
    ("", None, None, "no date"),
]


@pytest.mark.parametrize(("raw", "value", "precision", "reason"), CASES)
def test_clean(raw: str, value: str | None, precision: str | None, reason: str | None) -> None:
    cleaned = dates.clean(raw)
    assert cleaned.kind == "date"
    assert cleaned.value == value
    assert cleaned.valid is (reason is None)
    assert dates.validate(raw) is (reason is None)
    assert cleaned.key == (f"date:{value}" if value else None)
    assert cleaned.extra.get("precision") == precision
    if reason:
        assert cleaned.reason is not None and reason in cleaned.reason
    else:
        assert cleaned.reason is None


@pytest.mark.parametrize(
    ("raw", "dayfirst", "value", "ambiguous"),
    [
        ("05/12/1987", True, "1987-12-05", True),
        ("05/12/1987", False, "1987-05-12", True),
        ("05/05/1987", True, "1987-05-05", False),  # same either way
        ("13/05/1987", False, "1987-05-13", False),  # 13 can only be the day
        ("1987-05-12", True, "1987-05-12", False),  # ISO order is never ambiguous
        ("12 May 1987", False, "1987-05-12", False),
    ],
)
def test_dayfirst(raw: str, dayfirst: bool, value: str, ambiguous: bool) -> None:
    cleaned = dates.clean(raw, dayfirst=dayfirst)
    assert cleaned.value == value
    assert (cleaned.extra.get("ambiguous") == "true") is ambiguous


def test_two_digit_year_is_flagged() -> None:
    assert dates.clean("12.05.87").extra.get("two_digit_year") == "true"
    assert "two_digit_year" not in dates.clean("12.05.1987").extra


RANGES = [
    ("1987", ("1987-01-01", "1987-12-31")),
    ("02/1988", ("1988-02-01", "1988-02-29")),
    ("12.05.1987", ("1987-05-12", "1987-05-12")),
    ("1985-1987", ("1985-01-01", "1987-12-31")),
    ("1985/1987", ("1985-01-01", "1987-12-31")),
    ("1985 – 1987", ("1985-01-01", "1987-12-31")),
    ("1987-1985", ("1985-01-01", "1987-12-31")),
    ("between 1985 and 1987", ("1985-01-01", "1987-12-31")),
    ("zwischen 1985 und 1987", ("1985-01-01", "1987-12-31")),
    ("entre 1985 et 1987", ("1985-01-01", "1987-12-31")),
    ("12.05.1985 - 03.1987", ("1985-05-12", "1987-03-31")),
    ("ca. 1987", ("1985-01-01", "1989-12-31")),
    ("circa 1987", ("1985-01-01", "1989-12-31")),
    ("~1987", ("1985-01-01", "1989-12-31")),
    ("about 1987", ("1985-01-01", "1989-12-31")),
    ("1987?", ("1985-01-01", "1989-12-31")),
    ("ca. 05/1987", ("1985-05-01", "1989-05-31")),
    ("ca. 29.02.1988", ("1986-02-28", "1990-02-28")),
    ("1980s", ("1980-01-01", "1989-12-31")),
    ("1980's", ("1980-01-01", "1989-12-31")),
    ("1980er", ("1980-01-01", "1989-12-31")),
    ("années 1980", ("1980-01-01", "1989-12-31")),
    ("۱۹۸۵-۱۹۸۷", ("1985-01-01", "1987-12-31")),
    ("31.02.1987", (None, None)),
    ("sometime", (None, None)),
    ("", (None, None)),
]


@pytest.mark.parametrize(("raw", "expected"), RANGES)
def test_clean_range(raw: str, expected: tuple[str | None, str | None]) -> None:
    assert dates.clean_range(raw) == expected


@pytest.mark.parametrize(
    ("left", "right", "score"),
    [
        ("1987-05-12", "12.05.1987", 1.0),
        ("1987", "1987", 1.0),
        ("1987-05", "1987-05-12", 0.9),
        ("1987", "1987-05-12", 0.8),
        ("1987", "05/1987", 0.8),
        ("1987-05-12", "1987-12-05", 0.7),  # day and month swapped
        ("12.05.1987", "05.12.1987", 0.7),
        ("1987-05-12", "1987-05-13", 0.6),  # one digit off
        ("1987-05-12", "1988-05-12", 0.6),
        ("1978", "1987", 0.5),  # transposed digits
        ("1987-05-12", "1978-05-12", 0.5),
        ("1987-05-12", "1987-05-21", 0.5),
        ("1987", "1988-05-12", 0.48),  # near miss × partial weight 0.8
        ("1987-05-12", "1987-06-13", 0.0),  # two parts differ
        ("1987-05-12", "1990-01-01", 0.0),
        ("1987", "1993", 0.0),
        ("31.02.1987", "1987-02-28", 0.0),
        ("", "1987", 0.0),
    ],
)
def test_compare(left: str, right: str, score: float) -> None:
    assert dates.compare(left, right) == pytest.approx(score)
    assert dates.compare(right, left) == pytest.approx(score)
