"""Social-media and messenger accounts: handles, and how partners write them.

Smugglers advertise on Facebook, TikTok, Instagram and Telegram and close
deals on WhatsApp (whose account is the phone number). A handle is built from
the words such accounts use (``safar``, ``hijra``, ``rihla``, ``europa``, a
nickname, a town) and is unique per service. Partners write a handle as a
profile URL, with or without ``https://``, as ``@handle``, or bare; a
WhatsApp account as its number.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from mare.scenario.dice import pick
from mare.scenario.serials import Serials

SERVICES = {"facebook": 0.35, "tiktok": 0.2, "telegram": 0.2, "instagram": 0.15, "whatsapp": 0.1}
_URL = {
    "facebook": "facebook.com/{h}",
    "tiktok": "tiktok.com/@{h}",
    "telegram": "t.me/{h}",
    "instagram": "instagram.com/{h}",
}
MAX_LENGTH = {"tiktok": 24, "instagram": 30, "telegram": 32, "facebook": 50}
WORDS = {
    "ar": (
        "safar",
        "hijra",
        "rihla",
        "bahr",
        "tahrib",
        "italia",
        "europa",
        "lampedusa",
        "libya",
        "zuwara",
        "sfax",
        "almania",
        "amal",
    ),
    "fa": ("safar", "mosafer", "rah", "orupa", "almani", "yunan", "kabul", "herat", "qaiq"),
    "ckb": ("rega", "gashty", "ewrupa", "bexer", "london", "hawler", "slemani", "kurd"),
    "kmr": ("reya", "ewrupa", "almanya", "heval", "rojava", "kurd"),
    "tr": ("yolculuk", "avrupa", "yunanistan", "tekne", "izmir", "bodrum", "gecis"),
    "en": ("travel", "trip", "europe", "safe", "journey", "uk", "visa", "boat"),
    "fr": ("voyage", "europe", "passage", "italie", "espagne", "traversee", "harraga"),
}


@dataclass(slots=True)
class Account:
    id: str
    service: str
    handle: str  # for WhatsApp: the E.164 number
    display: str  # the profile's name
    owner: str | None  # truth person id (None: an organisation's or unknown)
    phone_id: str | None = None  # the phone of a WhatsApp account
    posts: list[str] = field(default_factory=list)
    label: str = ""  # what the account is, when it is no person's (an NGO)

    def truth(self) -> dict[str, object]:
        return {
            "kind": "account",
            "id": self.id,
            "service": self.service,
            "handle": self.handle,
            "owner": self.owner,
            "label": self.label or None,
        }


def new_handle(
    r: random.Random, serials: Serials, service: str, language: str, nickname: str
) -> str:
    """A handle of the kind smugglers' accounts have, unique on its service."""
    words = WORDS.get(language, WORDS["en"])
    separators = {"facebook": (".", ""), "telegram": ("_", "")}.get(service, ("_", ".", ""))
    sep = r.choice(separators)
    first = "".join(ch for ch in nickname.lower() if ch.isascii() and ch.isalnum())
    parts = [first or r.choice(words), r.choice(words)]
    if r.random() < 0.3:
        parts.append(r.choice(words))
    base = sep.join(dict.fromkeys(parts))
    if len(base) < 6:
        base += sep + str(r.randint(1, 99))
    base = base[: MAX_LENGTH.get(service, 30) - 5].rstrip("._")
    space = f"handle:{service}:{base}"
    number = serials.draw(space, 10_000)
    suffix = "" if serials.count(space) == 1 else f"{sep}{number}"
    return base + suffix


def write_handle(r: random.Random, account: Account) -> tuple[str, list[str]]:
    """The username as a partner writes it (WhatsApp numbers are written by the caller)."""
    template = _URL.get(account.service)
    if template is None:
        return account.handle, []
    style = pick(r, {"url": 0.35, "short-url": 0.2, "at": 0.2, "bare": 0.25})
    if style == "url":
        return "https://www." + template.format(h=account.handle).replace("www.t.me", "t.me"), [
            "profile-url"
        ]
    if style == "short-url":
        return template.format(h=account.handle), ["profile-url"]
    if style == "at" and account.service != "facebook":
        return "@" + account.handle, []
    return account.handle, []
