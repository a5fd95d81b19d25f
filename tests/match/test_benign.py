"""Known benign identifiers link nobody, and a bad list is a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest

from mare.errors import InputError
from mare.match.benign import BenignList
from mare.match.blocking import Index
from mare.match.person import PersonRecord, score

HOTLINE = "phone:+33612345678"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "benign.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_values_are_normalised_like_their_kind(tmp_path: Path) -> None:
    benign = BenignList.load(
        _write(tmp_path, "value,kind,reason\n0033 6 12 34 56 78,phone,rescue hotline\n")
    )
    assert HOTLINE in benign
    assert benign.reasons[HOTLINE] == "rescue hotline"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("value,kind\n1,phone\n", "lacks columns: reason"),
        ("value,kind,reason\n+33612345678,fax,x\n", "kind 'fax'"),
        ("value,kind,reason\nnot a number,phone,x\n", "benign.csv:2"),
    ],
)
def test_bad_lists(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        BenignList.load(_write(tmp_path, text))


def test_stripped_keys_link_nobody() -> None:
    people = [
        PersonRecord("a", names=("Karim Haddad",), keys=frozenset({HOTLINE})),
        PersonRecord("b", names=("Omar Said",), keys=frozenset({HOTLINE})),
    ]
    assert list(Index(people).pairs()) == [(0, 1)]
    assert "identifier:phone" in {r.feature for r in score(people[0], people[1]).reasons}
    stripped = [PersonRecord(p.id, names=p.names, keys=p.keys - {HOTLINE}) for p in people]
    assert list(Index(stripped).pairs()) == []
