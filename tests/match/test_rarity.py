"""Value rarity: the u of an agreement, from counts, smoothed and floored."""

from __future__ import annotations

from mare.match.person import PersonRecord
from mare.match.rarity import PRIOR_DAY_U, PRIOR_U, NameRarity, common, count_keys


def _people(n: int, name: str, born: str = "") -> list[PersonRecord]:
    return [
        PersonRecord(f"{name}{i}", names=(name,), birth_dates=(born,) if born else ())
        for i in range(n)
    ]


def test_an_empty_store_leans_on_the_priors() -> None:
    empty = NameRarity()
    assert abs(empty.token_u("t:teegan") - PRIOR_U) < 1e-9
    assert abs(empty.day_u("1987-05-12") - PRIOR_DAY_U) < 1e-9


def test_counts_move_the_share() -> None:
    held = _people(500, "Teegan Gaskin", "1987-05-12") + _people(4500, "Karim Haddad")
    rarity = NameRarity(held)
    assert rarity.token_u("t:teegan") > 0.09  # a tenth of the store
    assert rarity.token_u("t:karim") > rarity.token_u("t:teegan")
    assert rarity.token_u("t:nobody") < PRIOR_U  # unseen in a big store: rarer than the prior
    assert rarity.day_u("1987-05-12") > 0.09


def test_the_most_common_names_are_common_whatever_the_store_says() -> None:
    rarity = NameRarity(_people(3, "Mohamed Ali"))
    assert rarity.token_u("t:mohamed") >= common()["mhmd"] > 0.1
    assert rarity.token_u("n:mhmd") >= 0.1
    assert rarity.token_u("t:ali") >= 0.05  # one consonant: many people


def test_count_keys() -> None:
    record = PersonRecord("a", names=("Mohamed Ali",), birth_dates=("1987-05-12", "~19870512"))
    keys = count_keys(record)
    assert {"t:mohamed", "t:ali", "n:mhmd", "n:l", "b:1987-05-12"} <= keys
    assert not any(k.startswith("b:~") for k in keys)
