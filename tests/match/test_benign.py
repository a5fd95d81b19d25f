"""Known benign identifiers link nobody, and a bad list is a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest

from mare.errors import InputError
from mare.match.benign import BenignList

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
