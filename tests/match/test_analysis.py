"""A held record carries its names' analysis: reading it back primes the matcher's caches,
and a pair scores the same whether the analysis was primed or worked out."""

from __future__ import annotations

import orjson
import pytest

from mare.match import names, spelling
from mare.match.families import PERSON
from mare.match.memo import Memo
from mare.match.person import PersonRecord
from mare.match.rarity import NameRarity

NAMES = [
    "محمد عبد الرحمن",
    "Mohamed Abdel Rahman",
    "Muhammad Abd al-Rahman",
    "Abdurrahman Mohammed",
    "Mohammad Reza Karimi",
    "Mohammadreza Karimi",
    "Samiullah Ahmadzai",
    "Sami Ullah Ahmadzai",
    "Тесфай Гебремедхин",
    "Tesfay Gebremedhin",
    "ተስፋይ ገብረመድህን",
    "Xasan Cabdi Faarax",
    "Hassan Abdi Farah",
    "Jwan Kakai",
    "Najib",
]


def _clear() -> None:
    for cache in (names.parse_name, spelling.shapes, spelling._readings, names.align):
        cache.cache_clear()
    names._compare.cache_clear()
    spelling.compare.cache_clear()


def test_memo_remembers_primes_and_stays_bounded() -> None:
    calls: list[int] = []

    def square(x: int) -> int:
        calls.append(x)
        return x * x

    memo = Memo(square, maxsize=8)
    assert memo(3) == 9 and memo(3) == 9
    assert calls == [3]
    memo.prime((4,), 99)  # told from elsewhere: not worked out again
    assert memo(4) == 99 and calls == [3]
    memo.prime((3,), 0)  # a known result is kept
    assert memo(3) == 9
    for x in range(100):
        memo(x)
    assert len(memo) <= 8
    memo.cache_clear()
    assert len(memo) == 0 and not memo.known((3,))


def test_priming_gives_what_working_out_gives() -> None:
    _clear()
    stored = orjson.loads(orjson.dumps(names.analysis(NAMES)))
    expected_parsed = {text: names.parse_name(text) for text in NAMES}
    tokens = {(w[0], spelling.Kind(w[1])) for w in stored[2]}
    expected = {t: (spelling.readings(*t), spelling.shapes(*t)) for t in tokens}
    _clear()
    names.prime(stored)
    assert len(names.parse_name) == len(NAMES)
    assert len(spelling.shapes) == len(tokens)
    for text in NAMES:
        assert names.parse_name(text) == expected_parsed[text]
    for token in tokens:
        assert (spelling.readings(*token), spelling.shapes(*token)) == expected[token]


def test_the_analysis_holds_joined_tokens_and_what_follows_abd() -> None:
    stored = names.analysis(["Mohammad Reza Karimi", "Abdel Rahman"])
    tokens = {w[0] for w in stored[2]}
    assert {"mohammadreza", "rezakarimi", "abdrahman", "rahman"} <= tokens


def test_an_analysis_of_other_code_is_not_used() -> None:
    stored = names.analysis(["Mohamed Ali"])
    stored[0] = names.ANALYSIS + 1
    stored[1][0][2] = ["wrong"]
    _clear()
    names.prime(stored)
    assert len(names.parse_name) == 0
    assert names.tokens("Mohamed Ali") == ("mohamed", "ali")


@pytest.mark.parametrize("left", NAMES)
def test_a_pair_scores_the_same_primed_or_worked_out(left: str) -> None:
    rarity = NameRarity(())
    held = [
        PersonRecord(f"h{n}", names=(text,), birth_dates=("1987",)) for n, text in enumerate(NAMES)
    ]
    query = PersonRecord("q", names=(left,), birth_dates=("1987",))
    _clear()
    worked_out = [PERSON.score(query, h, rarity) for h in held]
    encoded = [PERSON.encode(h) for h in held]
    _clear()
    decoded = [PERSON.decode(text, h.id) for text, h in zip(encoded, held, strict=True)]
    assert decoded == held
    assert len(spelling.shapes) > 0  # the decode primed the caches
    assert [PERSON.score(query, h, rarity) for h in decoded] == worked_out


def test_a_record_stored_without_an_analysis_still_reads() -> None:
    record = PersonRecord("p", names=("Ali Hassan",), birth_dates=("1990-01-02",))
    encoded = orjson.loads(PERSON.encode(record))
    assert encoded[-1][0] == names.ANALYSIS
    assert PERSON.decode(orjson.dumps(encoded[:-1]), "p") == record
