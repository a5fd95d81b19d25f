"""Handling codes, evaluation codes and data-subject categories.

The vocabulary of the legal framework for a hub of this kind (see
docs/domain.md): the data owner sets a handling code on what it sends, grades
source and information with the 4x4 evaluation code, and says which category
of data subject each person is.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from mare.errors import RecordError


class Handling(StrEnum):
    """What the recipient may do with the data (set by its owner)."""

    H0 = "H0"  # only to prevent and combat crime (default purpose limitation)
    H1 = "H1"  # not for judicial proceedings without the provider's permission
    H2 = "H2"  # not to be passed on without the provider's permission
    H3 = "H3"  # other restrictions, stated in free text

    @classmethod
    def parse(cls, text: str | None, restriction: str | None = None) -> Handling:
        """Parse ``H0``..``H3`` (any case); H3 needs its restriction text."""
        if text is None or not text.strip():
            raise RecordError("handling code is missing", field="handling")
        code = text.strip().upper()
        try:
            handling = cls(code)
        except ValueError:
            raise RecordError(
                f"unknown handling code {text!r}; expected H0, H1, H2 or H3", field="handling"
            ) from None
        if handling is cls.H3 and not (restriction and restriction.strip()):
            raise RecordError("handling code H3 needs its restriction text", field="restriction")
        return handling


SOURCE_GRADES = ("A", "B", "C", "X")
INFO_GRADES = ("1", "2", "3", "4")

# Admiralty (NATO 6x6) grades mapped to the 4x4 code. Source: D (not usually
# reliable) and E (unreliable) become C (mostly unreliable); F (cannot be
# judged) becomes X. Information: 5 (improbable) and 6 (cannot be judged) are
# not corroborated, so 4. The original grade is kept on the source record.
_ADMIRALTY_SOURCE = {"A": "A", "B": "B", "C": "C", "D": "C", "E": "C", "F": "X"}
_ADMIRALTY_INFO = {"1": "1", "2": "2", "3": "3", "4": "4", "5": "4", "6": "4"}


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The 4x4 evaluation code: source reliability x information accuracy."""

    source: str = "X"
    info: str = "4"

    def __str__(self) -> str:
        return f"{self.source}{self.info}"

    @classmethod
    def parse(cls, text: str | None, scheme: str = "4x4") -> Evaluation:
        """Parse ``B2`` (4x4); ``scheme="admiralty"`` maps a 6x6 grade such as ``D5``.

        Missing input is X4 (unassessed). Anything else that does not fit the
        scheme is an error: grades are never guessed.
        """
        if text is None or not text.strip():
            return cls()
        code = text.strip().upper().replace(" ", "").replace("/", "").replace("-", "")
        if len(code) != 2:
            raise RecordError(f"evaluation code {text!r} is not two characters", field="evaluation")
        src, info = code[0], code[1]
        if scheme == "admiralty":
            if src not in _ADMIRALTY_SOURCE or info not in _ADMIRALTY_INFO:
                raise RecordError(f"{text!r} is not an admiralty grade", field="evaluation")
            return cls(_ADMIRALTY_SOURCE[src], _ADMIRALTY_INFO[info])
        if scheme != "4x4":
            raise RecordError(f"unknown grading scheme {scheme!r}", field="evaluation")
        if src not in SOURCE_GRADES or info not in INFO_GRADES:
            raise RecordError(
                f"evaluation code {text!r} is not in the 4x4 scheme (A/B/C/X x 1-4)",
                field="evaluation",
            )
        return cls(src, info)


class SubjectCategory(StrEnum):
    """The category of data subject a person entity is about."""

    SUSPECT = "suspect"  # suspects or convicted persons
    POTENTIAL_OFFENDER = "potential_offender"
    CONTACT = "contact"  # contacts and associates
    VICTIM = "victim"
    WITNESS = "witness"
    INFORMANT = "informant"

    @property
    def searchable(self) -> bool:
        """Only suspects and potential future offenders may be cross-checked by partners."""
        return self in (SubjectCategory.SUSPECT, SubjectCategory.POTENTIAL_OFFENDER)

    @classmethod
    def parse(cls, text: str | None) -> SubjectCategory | None:
        if text is None or not text.strip():
            return None
        key = text.strip().lower().replace("-", " ").replace("_", " ")
        found = _CATEGORY_ALIASES.get(key)
        if found is None:
            known = ", ".join(c.value for c in cls)
            raise RecordError(
                f"unknown data-subject category {text!r}; expected one of {known}",
                field="category",
            )
        return found


_CATEGORY_ALIASES: dict[str, SubjectCategory] = {
    "suspect": SubjectCategory.SUSPECT,
    "convicted": SubjectCategory.SUSPECT,
    "convicted person": SubjectCategory.SUSPECT,
    "potential offender": SubjectCategory.POTENTIAL_OFFENDER,
    "potential future offender": SubjectCategory.POTENTIAL_OFFENDER,
    "contact": SubjectCategory.CONTACT,
    "associate": SubjectCategory.CONTACT,
    "contact associate": SubjectCategory.CONTACT,
    "victim": SubjectCategory.VICTIM,
    "witness": SubjectCategory.WITNESS,
    "informant": SubjectCategory.INFORMANT,
}
