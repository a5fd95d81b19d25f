"""Money: bank accounts with IBANs, hawala, money-transfer payments, prices.

The money of a crossing moves the ways smuggling money really does: cash to a
hawala broker (``hawaladar``) who releases it to the organiser when the
migrant has arrived, with no account anywhere; money-transfer orders (a
ten-digit control number, no account); and bank transfers into accounts
held by collectors in Europe or Turkey. IBANs are real in structure: built
with schwifty from real bank codes (``data/banks.csv``) with the national
and IBAN check digits computed, each account number unique.
"""

from __future__ import annotations

import random
import warnings
from dataclasses import dataclass, field
from functools import cache

from schwifty import IBAN
from schwifty.exceptions import SchwiftyException

from mare.scenario.data import rows
from mare.scenario.serials import Serials

MTO = ("Western Union", "MoneyGram", "Ria", "Small World")


@dataclass(frozen=True, slots=True)
class Bank:
    country: str
    code: str
    branch: str
    template: str  # account number: "#" digits, "?" a check digit, others literal
    name: str


@dataclass(slots=True)
class BankAccount:
    id: str
    iban: str
    country: str
    bank: str
    holder: str  # truth person id
    payments: list[str] = field(default_factory=list)

    def truth(self) -> dict[str, object]:
        return {
            "kind": "bank_account",
            "id": self.id,
            "iban": self.iban,
            "country": self.country,
            "bank": self.bank,
            "holder": self.holder,
        }


@cache
def banks() -> dict[str, tuple[Bank, ...]]:
    out: dict[str, list[Bank]] = {}
    for row in rows("banks.csv"):
        bank = Bank(
            row["country"], row["bank_code"], row["branch_code"], row["template"], row["name"]
        )
        out.setdefault(bank.country, []).append(bank)
    return {k: tuple(v) for k, v in out.items()}


def open_account(
    r: random.Random, serials: Serials, account_id: str, country: str, holder: str
) -> BankAccount:
    """A new account at one of the country's banks."""
    bank = r.choice(banks()[country])
    free = bank.template.count("#")
    for attempt in range(100):  # "?" is the bank's own check digit in some countries
        if attempt % 10 == 0:
            digits = iter(f"{serials.draw(f'account:{country}:{bank.code}', 10**free):0{free}d}")
            base = "".join(next(digits) if ch == "#" else ch for ch in bank.template)
            start = r.randrange(10)
        number = base.replace("?", str((start + attempt) % 10))
        iban = IBAN.generate(
            country.upper(), bank_code=bank.code, branch_code=bank.branch, account_code=number
        )
        try:
            with warnings.catch_warnings():  # no national check known for some countries
                warnings.simplefilter("ignore")
                IBAN(str(iban.compact), validate_bban=True)
        except SchwiftyException:
            continue
        return BankAccount(account_id, str(iban.compact), country, bank.name, holder)
    raise ValueError(f"no valid account number found at {bank.name}")


def write_iban(r: random.Random, iban: str) -> str:
    """An IBAN as written: compact, in groups of four, or with an ``IBAN`` label."""
    groups = " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
    return r.choice((iban, groups, groups, f"IBAN {groups}", iban.lower()))


def mtcn(serials: Serials) -> str:
    """A money-transfer control number (ten digits)."""
    return f"{serials.draw('mtcn', 10**10):010d}"


def price(r: random.Random, low: int, high: int) -> int:
    """A price as smugglers quote it: a round number."""
    step = 500 if high > 3000 else 100
    return r.randrange(low // step, high // step + 1) * step
