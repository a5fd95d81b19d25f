"""Weights, levels and the score the vessel, organisation and address matchers share."""

from __future__ import annotations

import math

import pytest

from mare.match.evidence import Reason, best, level, score, weight

LEVELS = ((0.9, 3.0), (0.5, 1.0), (0.0, -2.0))


@pytest.mark.parametrize(
    ("similarity", "expected"), [(1.0, 3.0), (0.9, 3.0), (0.6, 1.0), (0.1, -2.0)]
)
def test_level(similarity: float, expected: float) -> None:
    assert level(similarity, LEVELS) == expected


def test_best_pair_and_the_first_values_when_nothing_agrees() -> None:
    same = lambda a, b: float(a == b)  # noqa: E731
    assert best(["x", "y"], ["z", "y"], same) == (1.0, "y", "y")
    assert best(["x"], ["z"], same) == (0.0, "x", "z")
    assert best([], ["z"], same) == (0.0, "", "")


def test_score_is_the_logistic_of_bias_and_contributions_strongest_first() -> None:
    reasons = [Reason("a", "1", "1", 1.0), None, Reason("b", "2", "3", -2.5)]
    result = score(math.log(1 / 50), reasons)
    assert [r.feature for r in result.reasons] == ["b", "a"]
    assert result.score == pytest.approx(1 / (1 + math.exp(-(math.log(1 / 50) - 1.5))))
    assert weight(0.9, 0.09) == pytest.approx(math.log(10))
