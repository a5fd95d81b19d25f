"""Known benign identifiers: values many unrelated people share for innocent reasons.

A rescue hotline that migrants are told to call, an NGO's address or phone,
an embassy's switchboard, a placeholder document number a partner's system
writes: such values must not link the people who carry them. The list is a
CSV file with the columns ``value``, ``kind`` and ``reason``; each value is
normalised like any other of its kind (``+33 6 …`` and ``0033 6…`` are one
entry), so the list can be written as people write numbers.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mare.errors import InputError
from mare.normalize import document, email, iban, imei, phone, social, wallet
from mare.normalize.cleaned import Cleaned

_CLEANERS: dict[str, Callable[[str], Cleaned]] = {
    "phone": phone.clean,
    "email": email.clean,
    "iban": iban.clean,
    "imei": imei.clean,
    "account": social.clean,
    "wallet": wallet.clean,
    "document": document.clean,
}


@dataclass(frozen=True, slots=True)
class BenignList:
    """Identifier keys that generate no candidates and count as no evidence."""

    reasons: dict[str, str]

    def __contains__(self, key: object) -> bool:
        return key in self.reasons

    @classmethod
    def empty(cls) -> BenignList:
        return cls({})

    @classmethod
    def load(cls, path: Path) -> BenignList:
        try:
            handle = path.open(encoding="utf-8", newline="")
        except OSError as exc:
            raise InputError(f"cannot read benign list {path}: {exc.strerror}") from exc
        reasons: dict[str, str] = {}
        with handle:
            reader = csv.DictReader(handle)
            missing = {"value", "kind", "reason"} - set(reader.fieldnames or ())
            if missing:
                raise InputError(f"benign list {path} lacks columns: {', '.join(sorted(missing))}")
            for row in reader:
                where = f"{path}:{reader.line_num}"
                cleaner = _CLEANERS.get((row["kind"] or "").strip())
                if cleaner is None:
                    known = ", ".join(sorted(_CLEANERS))
                    raise InputError(f"{where}: kind {row['kind']!r} is not one of {known}")
                cleaned = cleaner(row["value"] or "")
                if cleaned.key is None:
                    raise InputError(
                        f"{where}: {row['value']!r} is not a usable {row['kind']}: {cleaned.reason}"
                    )
                reasons[cleaned.key] = (row["reason"] or "").strip() or "benign"
        return cls(reasons)
