"""Accounts on social networks and messengers: ``platform:handle``.

The platform comes from a profile URL (facebook.com, t.me, instagram.com,
tiktok.com/@, x.com, youtube.com/@, snapchat.com/add, wa.me, vk.com,
linkedin.com/in, threads.net ...) or from the hint (``Facebook``, ``FB``,
``IG``, ``TG``, ``Twitter`` ...), normalised to a lower-case id. Handles of the
known platforms are case-insensitive and kept in lower case; invite codes and
YouTube channel ids keep their case. WhatsApp, Viber and Signal accounts (and
Telegram links to a number) are phone numbers, normalised to E.164.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qs, unquote, urlsplit

from mare.normalize import phone
from mare.normalize.cleaned import Cleaned
from mare.normalize.digits import ascii_digits

KIND = "account"
SAME_PHONE = 0.9  # one phone number on two messengers
SAME_HANDLE = 0.7  # one handle, the platform unknown on one side

_ALIASES: dict[str, str] = {
    **dict.fromkeys(("facebook", "fb", "messenger", "facebookmessenger", "meta"), "facebook"),
    **dict.fromkeys(("instagram", "insta", "ig"), "instagram"),
    **dict.fromkeys(("telegram", "tg", "tme", "telegramme"), "telegram"),
    **dict.fromkeys(("tiktok", "tiktokcom"), "tiktok"),
    **dict.fromkeys(("x", "twitter", "xcom", "twittercom"), "x"),
    **dict.fromkeys(("youtube", "yt"), "youtube"),
    **dict.fromkeys(("snapchat", "snap"), "snapchat"),
    **dict.fromkeys(("whatsapp", "wa", "wame", "whatsup", "whatsappbusiness"), "whatsapp"),
    **dict.fromkeys(("viber",), "viber"),
    **dict.fromkeys(("signal",), "signal"),
    **dict.fromkeys(("vk", "vkontakte", "vkcom"), "vk"),
    **dict.fromkeys(("linkedin",), "linkedin"),
    **dict.fromkeys(("threads",), "threads"),
}
_HOSTS: dict[str, str] = {
    **dict.fromkeys(("facebook.com", "fb.com", "fb.me", "m.me"), "facebook"),
    **dict.fromkeys(("instagram.com", "instagr.am"), "instagram"),
    **dict.fromkeys(("t.me", "telegram.me", "telegram.dog"), "telegram"),
    "tiktok.com": "tiktok",
    **dict.fromkeys(("twitter.com", "x.com"), "x"),
    **dict.fromkeys(("youtube.com", "youtu.be"), "youtube"),
    "snapchat.com": "snapchat",
    **dict.fromkeys(("wa.me", "whatsapp.com"), "whatsapp"),
    **dict.fromkeys(("vk.com", "vk.ru", "vkontakte.ru"), "vk"),
    "linkedin.com": "linkedin",
    **dict.fromkeys(("threads.net", "threads.com"), "threads"),
}
# Handle rules of the known platforms, on the lower-cased handle.
_RULES: dict[str, re.Pattern[str]] = {
    "facebook": re.compile(r"^(?:[a-z0-9.]{5,50}|[0-9]+)$"),
    "instagram": re.compile(r"^[a-z0-9._]{1,30}$"),
    "threads": re.compile(r"^[a-z0-9._]{1,30}$"),
    "telegram": re.compile(r"^[a-z][a-z0-9_]{3,31}$"),
    "tiktok": re.compile(r"^[a-z0-9._]{2,24}$"),
    "x": re.compile(r"^[a-z0-9_]{1,15}$"),
    "youtube": re.compile(r"^[a-z0-9._-]{3,30}$"),
    "snapchat": re.compile(r"^[a-z][a-z0-9._-]{2,14}$"),
    "vk": re.compile(r"^[a-z0-9_.]{2,32}$"),
    "linkedin": re.compile(r"^[\w-]{3,100}$"),
    "signal": re.compile(r"^[a-z_][a-z0-9_]{2,31}\.[0-9]{2,9}$"),
}
_KNOWN = frozenset(_ALIASES.values())
_PHONE_ONLY = frozenset({"whatsapp", "viber"})
_PHONE_OR_NAME = frozenset({"whatsapp", "viber", "signal", "telegram"})
_COMPOUND = re.compile(r"^(?:\+[\w-]{8,}|(?:groups|channel|c|user|company|group)/[\w.-]+)$")
_CASED = re.compile(r"^(?:\+|channel/|group/)")  # invite codes and channel ids
_PHONE_LIKE = re.compile(r"^\+?[0-9][0-9 ().-]{6,}$")
_NON_ALNUM = re.compile(r"[^a-z0-9]")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_APP_LINK = re.compile(r"^(tg|viber|whatsapp)://", re.IGNORECASE)
_INLINE = re.compile(r"^([A-Za-z][A-Za-z .]{0,20}?)\s*:\s*(@?\S+)$")  # "IG: ahmad_r"
# Path segments before the account name, and before named groups or channels.
_PREFIXED = {"telegram": "s", "instagram": "stories", "snapchat": "add", "linkedin": "in"}
_GROUPS = {"facebook": ("groups",), "youtube": ("channel", "c", "user"), "linkedin": ("company",)}
_AT_ONLY = frozenset({"tiktok", "youtube", "threads"})
# First path segments that are pages of the site, not accounts.
_RESERVED = frozenset(
    {
        *("p", "reel", "reels", "tv", "explore", "accounts", "direct", "share", "sharer"),
        *("sharer.php", "watch", "events", "hashtag", "photo", "photo.php", "story.php"),
        *("permalink.php", "login", "home", "home.php", "marketplace", "i", "intent", "search"),
        *("settings", "messages", "notifications", "addstickers", "proxy", "socks", "iv"),
        *("addlist", "message", "qr", "send", "video", "videos", "t"),
    }
)


def _platform(hint: str | None) -> str | None:
    if not hint:
        return None
    key = _NON_ALNUM.sub("", hint.lower())
    return _ALIASES.get(key, key) or None


def _url_platform(host: str) -> str | None:
    labels = host.split(".")
    return _HOSTS.get(".".join(labels[-2:])) or _HOSTS.get(".".join(labels[-3:]))


def _path_handle(platform: str, host: str, segs: list[str], query: dict[str, list[str]]) -> str:
    """The account named by a profile URL's path ("" when it names none)."""
    first, second = [*segs, "", ""][:2]
    if platform == "whatsapp":
        if host.startswith("chat."):
            return f"group/{first}" if first else ""
        number = query.get("phone", [first if first.lstrip("+").isdigit() else ""])[0]
        return "+" + number.lstrip("+ ") if number else ""
    if platform == "facebook" and first == "profile.php":
        return query.get("id", [""])[0]
    if platform == "facebook" and first in ("people", "pages") and len(segs) >= 3:
        return segs[2]
    if platform == "telegram" and first == "joinchat":
        return f"+{second}" if second else ""
    if first == _PREFIXED.get(platform):
        return second
    if first in _GROUPS.get(platform, ()):
        return f"{first}/{second}" if second else ""
    if first in _RESERVED or host.startswith(("vm.", "vt.")):
        return ""
    if platform in _AT_ONLY and not first.startswith("@"):
        return ""
    return first


def _account(raw: str, platform: str, handle: str, note: str | None) -> Cleaned:
    extra = {"platform": platform}
    if note:
        extra["note"] = note
    handle = handle.strip().lstrip("@").strip()
    if not handle:
        return Cleaned.invalid(KIND, raw, "no handle", extra=extra)
    phone_like = _PHONE_LIKE.match(handle) is not None
    group = platform == "whatsapp" and handle.startswith("group/")  # invite link
    if not group and (platform in _PHONE_ONLY or (phone_like and platform in _PHONE_OR_NAME)):
        number = phone.clean(handle)
        value = f"{platform}:{number.value or handle}"
        extra["handle"] = number.value or handle
        if number.key is None:
            reason = f"{platform} accounts are phone numbers: {number.reason}"
            return Cleaned.invalid(KIND, raw, reason, value=value, extra=extra)
        extra["phone"] = number.value or ""
        key = f"{KIND}:{value}"
        if not number.valid:
            reason = f"phone number: {number.reason}"
            return Cleaned.invalid(KIND, raw, reason, value=value, key=key, extra=extra)
        return Cleaned.ok(KIND, raw, value, key=key, extra=extra)
    compound = _COMPOUND.match(handle) is not None
    if platform in _KNOWN and not _CASED.match(handle):
        handle = handle.lower()
    extra["handle"] = handle
    value = f"{platform}:{handle}"
    key = f"{KIND}:{value}"
    if platform not in _KNOWN:
        extra["platform_known"] = "false"
        return Cleaned.ok(KIND, raw, value, key=key, extra=extra)
    rule = _RULES.get(platform)
    if not compound and rule is not None and not rule.match(handle):
        reason = f"not a valid {platform} handle"
        return Cleaned.invalid(KIND, raw, reason, value=value, key=key, extra=extra)
    return Cleaned.ok(KIND, raw, value, key=key, extra=extra)


@lru_cache(maxsize=65536)
def _clean(raw: str, hint: str | None) -> Cleaned:
    text = ascii_digits(raw).strip()
    if not text:
        return Cleaned.invalid(KIND, raw, "empty")
    app = _APP_LINK.match(text)
    if app:  # tg://resolve?domain=x, viber://chat?number=..., whatsapp://send?phone=...
        query = parse_qs(urlsplit(text).query)
        found = (query.get("domain") or query.get("number") or query.get("phone") or [""])[0]
        return _account(raw, _platform(app.group(1)) or "", found, None)
    has_scheme = _SCHEME.match(text) is not None
    parts = urlsplit(text if has_scheme else "https://" + text)
    host = parts.hostname or ""
    url_platform = _url_platform(host) if "." in host else None
    if url_platform is None and has_scheme:
        return Cleaned.invalid(KIND, raw, "not a profile URL of a known platform", value=text)
    if url_platform is not None:
        segs = [unquote(s) for s in parts.path.split("/") if s]
        handle = _path_handle(url_platform, host, segs, parse_qs(parts.query))
        if not handle:
            reason = f"{url_platform} URL does not name an account"
            return Cleaned.invalid(KIND, raw, reason, value=text, extra={"platform": url_platform})
        note = f"hint said {hint}" if hint and hint != url_platform else None
        return _account(raw, url_platform, handle, note)
    inline = _INLINE.match(text)
    if inline and _platform(inline.group(1)) in _KNOWN:
        return _account(raw, _platform(inline.group(1)) or "", inline.group(2), None)
    if hint is None:
        handle = text.lstrip("@")
        extra = {"handle": handle.lower()}
        return Cleaned.invalid(KIND, raw, "platform unknown", value=handle, extra=extra)
    return _account(raw, hint, text, None)


def clean(raw: str, platform: str | None = None) -> Cleaned:
    """Normalise an account (profile URL, ``@handle`` or handle) to ``platform:handle``."""
    return _clean(raw, _platform(platform))


def validate(raw: str, platform: str | None = None) -> bool:
    """Whether ``raw`` is a valid account (of ``platform`` if not in the URL)."""
    return clean(raw, platform).valid


def compare(left: str, right: str) -> float:
    """1.0 for the same account; 0.9 for one phone number on two messengers; 0.7 for
    the same handle where one side's platform is unknown; 0.0 otherwise."""
    a, b = clean(left), clean(right)
    if a.key is not None and a.key == b.key:
        return 1.0
    number = a.extra.get("phone")
    if number and number == b.extra.get("phone"):
        return SAME_PHONE
    handle = a.extra.get("handle")
    unknown = "platform" not in a.extra or "platform" not in b.extra
    if unknown and handle and handle.lower() == b.extra.get("handle", "").lower():
        return SAME_HANDLE
    return 0.0
