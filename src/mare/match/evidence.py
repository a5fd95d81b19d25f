"""Evidence for and against a match, as the vessel, organisation and address matchers weigh it.

Every feature returns a `Reason`: its name, the two values it compared and
its contribution to the log-odds that the pair is one thing. Contributions
are Fellegi-Sunter weights ln(m/u): m is how often the comparison comes out
so for a true match, u how often for a candidate pair that is not one. The
score is the logistic of a family's bias (the prior log-odds that a
candidate pair is a match) plus the contributions.

`Reason` and `Score` are the person matcher's types (`mare.match.person`),
so every family's hits are stored and shown the same way.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

from mare.match.person import Reason, Score, uncorroborated

__all__ = ["Reason", "Score", "best", "level", "score", "weight"]

Compare = Callable[[str, str], float]


def weight(m: float, u: float) -> float:
    """The Fellegi-Sunter weight ln(m/u) of an outcome."""
    return math.log(m / u)


def level(similarity: float, levels: tuple[tuple[float, float], ...]) -> float:
    """The weight of the first (floor, weight) level the similarity reaches."""
    return next((w for floor, w in levels if similarity >= floor), levels[-1][1])


def best(left: Iterable[str], right: Iterable[str], compare: Compare) -> tuple[float, str, str]:
    """The most similar pair of values (similarity, left, right); the first values of
    each side when nothing is similar at all, ("", "") when a side is empty."""
    lefts, rights = list(left), list(right)
    if not lefts or not rights:
        return 0.0, "", ""
    found = (0.0, lefts[0], rights[0])
    for a in lefts:
        for b in rights:
            similarity = compare(a, b)
            if similarity > found[0]:
                found = (similarity, a, b)
    return found


def score(
    bias: float,
    reasons: Iterable[Reason | None],
    corroborating: tuple[str, ...] = (),
    ceiling: float | None = None,
) -> Score:
    """The logistic of the bias plus the contributions, strongest reasons first.

    With a ``ceiling``, a pair that only the name speaks for (no feature
    starting with one of ``corroborating`` is positive) is bent under it
    (`mare.match.person.uncorroborated`)."""
    kept = [r for r in reasons if r is not None]
    logit = bias + sum(r.contribution for r in kept)
    if ceiling is not None:
        logit = uncorroborated(
            logit, kept, corroborating, ceiling, "name only: no identifier agrees"
        )
    kept.sort(key=lambda r: -abs(r.contribution))
    return Score(1.0 / (1.0 + math.exp(-logit)), tuple(kept))
