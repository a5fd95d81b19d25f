"""Name pools per origin region (``data/names.csv``), each name in its own script and
in the Latin forms officials of different countries write.

A row is one name part: its ``pool`` (an origin region), ``kind`` (``m``/``f``
given names, ``s`` family names, ``xm``/``xf`` Vietnamese middle names), the
``native`` form (Arabic, Persian and Pashto, Sorani Kurdish, Ge'ez, Cyrillic,
Bengali, Greek script, or the language's own Latin orthography with its
diacritics), the ``passport`` form (as the issuing state prints it), the forms
an official writing in English, French, German, Spanish, Italian or Turkish
would write on hearing it, and further variants seen in records (``alt``).
Rows are ordered by frequency: the first names of a pool are the commonest.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from mare.scenario.data import rows

CONVENTIONS = ("passport", "en", "fr", "de", "es", "it", "tr")


@dataclass(frozen=True, slots=True)
class NamePart:
    """One name part in every form the pools know."""

    pool: str
    kind: str
    native: str
    forms: tuple[tuple[str, str], ...]  # (convention, form)
    alt: tuple[str, ...]

    def form(self, convention: str) -> str:
        """The form an official of this convention writes (the passport's, title-cased,
        where the pool gives none)."""
        for name, value in self.forms:
            if name == convention and value:
                return value
        return _title(dict(self.forms)["passport"])

    @property
    def passport(self) -> str:
        return dict(self.forms)["passport"]

    def variants(self) -> tuple[str, ...]:
        """Every Latin form, without repeats (native Latin orthographies included)."""
        seen = dict.fromkeys([*(self.form(c) for c in CONVENTIONS[1:]), *self.alt])
        return tuple(seen)


def _title(text: str) -> str:
    return " ".join(w[:1] + w[1:].lower() for w in text.split(" "))


@cache
def _rows() -> tuple[NamePart, ...]:
    out = []
    for row in rows("names.csv"):
        forms = tuple((c, row[c].strip()) for c in CONVENTIONS)
        alt = tuple(a.strip() for a in row["alt"].split("|") if a.strip())
        out.append(NamePart(row["pool"], row["kind"], row["native"].strip(), forms, alt))
    return tuple(out)


@cache
def pool(name: str, kind: str) -> tuple[NamePart, ...]:
    """The name parts of a pool and kind, commonest first."""
    found = tuple(p for p in _rows() if p.pool == name and p.kind == kind)
    if not found:
        raise KeyError(f"no names of kind {kind!r} in pool {name!r}")
    return found


def pools() -> frozenset[str]:
    return frozenset(p.pool for p in _rows())
