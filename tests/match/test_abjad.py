"""Arabic-script names read from the script."""

from __future__ import annotations

import pytest

from mare.match.abjad import words
from mare.match.spelling import Kind, readings


@pytest.mark.parametrize(
    ("name", "tokens"),
    [
        ("محمد أحمد الخطيب", ["mhmd", "ahmd", "khtyb"]),  # the article off
        ("زهرا", ["z'hra"]),  # z and h apart, not "zh"
        ("فاطمة", ["fatma"]),  # teh marbuta is a vowel
        ("فاطمه", ["fatma"]),  # so is a final heh
        ("مصطفى", ["mstfa"]),  # alef maksura
        ("رضا", ["rDa"]),  # dad: d in Arabic, z in Persian
        ("عثمان", ["aTman"]),  # theh: th or s
        ("عبد الله", ["abd", "alla"]),  # Allah keeps its article
        ("ځدراڼ", ["zdran"]),  # Pashto dze
        ("ئاراس", ["aras"]),  # a word-initial yeh with hamza only carries the vowel
        ("سائل", ["sayl"]),  # inside a word it is a y
    ],
)
def test_words(name: str, tokens: list[str]) -> None:
    assert [t for t, _ in words(name)] == tokens


def test_words_keep_the_word_as_written() -> None:
    assert [w for _, w in words("محمد الخطيب")] == ["محمد", "الخطيب"]


def test_ambiguous_letters_are_read_both_ways() -> None:
    assert set(readings("rDa", Kind.ABJAD)) == {"rda", "rza"}
    assert set(readings("aTman", Kind.ABJAD)) == {"athman", "asman"}
    assert {"qasm", "ghasm"} <= set(readings("Qasm", Kind.ABJAD))
