"""Social network and messenger accounts: platform and handle from URLs or hints."""

from __future__ import annotations

import pytest

from mare.normalize import social

TG = "telegram:safe_trip_europe"
WA = "whatsapp:+218912345678"

CASES = [
    # raw, platform hint, value, valid, key, reason substring
    ("https://t.me/safe_trip_europe", "Telegram", TG, True, f"account:{TG}", None),
    ("https://t.me/Safe_Trip_Europe", None, TG, True, f"account:{TG}", None),
    ("t.me/s/safe_trip_europe", None, TG, True, f"account:{TG}", None),
    ("telegram.me/safe_trip_europe/123", None, TG, True, f"account:{TG}", None),
    ("https://telegram.dog/safe_trip_europe", None, TG, True, f"account:{TG}", None),
    ("tg://resolve?domain=safe_trip_europe", None, TG, True, f"account:{TG}", None),
    ("@Safe_Trip_Europe", "TG", TG, True, f"account:{TG}", None),
    ("safe_trip_europe", "telegram", TG, True, f"account:{TG}", None),
    ("Telegram: @safe_trip_europe", None, TG, True, f"account:{TG}", None),
    (
        "https://t.me/joinchat/AbCdEfGhIjKl",
        None,
        "telegram:+AbCdEfGhIjKl",
        True,
        "account:telegram:+AbCdEfGhIjKl",
        None,
    ),  # invite codes keep their case
    (
        "https://t.me/+218 91 234 5678",
        None,
        "telegram:+218912345678",
        True,
        "account:telegram:+218912345678",
        None,
    ),
    ("ab", "Telegram", "telegram:ab", False, "account:telegram:ab", "not a valid telegram"),
    ("1abcde", "Telegram", "telegram:1abcde", False, None, "not a valid telegram"),
    ("safe-trip", "Telegram", "telegram:safe-trip", False, None, "not a valid telegram"),
    # Facebook
    (
        "https://www.facebook.com/profile.php?id=100012345678901",
        None,
        "facebook:100012345678901",
        True,
        "account:facebook:100012345678901",
        None,
    ),
    (
        "https://m.facebook.com/Ahmad.Rezaei.90?ref=bookmarks",
        None,
        "facebook:ahmad.rezaei.90",
        True,
        "account:facebook:ahmad.rezaei.90",
        None,
    ),
    ("fb.com/ahmad.rezaei", None, "facebook:ahmad.rezaei", True, None, None),
    (
        "https://www.facebook.com/people/Ahmad-Rezaei/100012345678901/",
        None,
        "facebook:100012345678901",
        True,
        None,
        None,
    ),
    ("ahmad.rezaei", "FB", "facebook:ahmad.rezaei", True, None, None),
    ("https://www.facebook.com/watch?v=123", None, None, False, None, "does not name"),
    # Instagram, Threads, TikTok, X, YouTube, Snapchat, VK, LinkedIn
    ("https://www.instagram.com/ahmad_r/", None, "instagram:ahmad_r", True, None, None),
    ("AHMAD_R", "Insta", "instagram:ahmad_r", True, "account:instagram:ahmad_r", None),
    ("@ahmad_r", "IG", "instagram:ahmad_r", True, None, None),
    ("instagram.com/p/Cxyz123", None, None, False, None, "does not name"),
    ("https://www.threads.net/@ahmad_r", None, "threads:ahmad_r", True, None, None),
    ("https://www.tiktok.com/@trip.eu?lang=en", None, "tiktok:trip.eu", True, None, None),
    ("https://vm.tiktok.com/ZMabc123/", None, None, False, None, "does not name"),
    ("https://twitter.com/SafeTrip", None, "x:safetrip", True, "account:x:safetrip", None),
    ("x.com/safetrip", None, "x:safetrip", True, "account:x:safetrip", None),
    ("@SafeTrip", "Twitter", "x:safetrip", True, "account:x:safetrip", None),
    ("a_very_long_handle_x", "X", "x:a_very_long_handle_x", False, None, "not a valid x"),
    ("https://www.youtube.com/@SafeTrip", None, "youtube:safetrip", True, None, None),
    (
        "https://youtube.com/channel/UC_x5XG1OV2P6uZZ5FSM9Ttw",
        None,
        "youtube:channel/UC_x5XG1OV2P6uZZ5FSM9Ttw",
        True,
        None,
        None,
    ),
    ("https://www.snapchat.com/add/ahmad.r", None, "snapchat:ahmad.r", True, None, None),
    ("vk.com/id12345", None, "vk:id12345", True, None, None),
    (
        "https://www.linkedin.com/in/ahmad-rezaei-123/",
        None,
        "linkedin:ahmad-rezaei-123",
        True,
        None,
        None,
    ),
    # phone-number messengers
    ("https://wa.me/218912345678", None, WA, True, f"account:{WA}", None),
    ("https://api.whatsapp.com/send?phone=218912345678&text=hi", None, WA, True, None, None),
    ("+218 91 234 5678", "WhatsApp", WA, True, f"account:{WA}", None),
    ("٠٠٢١٨٩١٢٣٤٥٦٧٨", "whatsapp", WA, True, f"account:{WA}", None),  # Arabic-Indic digits
    ("00218912345678", "Viber", "viber:+218912345678", True, None, None),
    ("viber://chat?number=%2B218912345678", None, "viber:+218912345678", True, None, None),
    ("+218912345678", "Signal", "signal:+218912345678", True, None, None),
    ("ahmad.01", "Signal", "signal:ahmad.01", True, "account:signal:ahmad.01", None),
    (
        "https://chat.whatsapp.com/AbCdEfGhIjKlMn",
        None,
        "whatsapp:group/AbCdEfGhIjKlMn",
        True,
        "account:whatsapp:group/AbCdEfGhIjKlMn",
        None,
    ),
    ("0912345678", "WhatsApp", "whatsapp:0912345678", False, None, "phone numbers"),
    ("ahmad", "WhatsApp", "whatsapp:ahmad", False, None, "phone numbers"),
    ("+218 12", "WhatsApp", "whatsapp:+21812", False, "account:whatsapp:+21812", "too short"),
    # platform unknown
    ("@safe_trip_europe", None, "safe_trip_europe", False, None, "platform unknown"),
    ("safe_trip_europe", None, "safe_trip_europe", False, None, "platform unknown"),
    ("https://example.com/ahmad", None, "https://example.com/ahmad", False, None, "known"),
    ("", None, None, False, None, "empty"),
    ("@", "Telegram", None, False, None, "no handle"),
    ("tg://resolve", None, None, False, None, "no handle"),
    # a platform Mare has no rules for: kept as given
    ("Ahmad.R", "Skype", "skype:Ahmad.R", True, "account:skype:Ahmad.R", None),
]


@pytest.mark.parametrize(("raw", "platform", "value", "valid", "key", "reason"), CASES)
def test_clean(
    raw: str,
    platform: str | None,
    value: str | None,
    valid: bool,
    key: str | None,
    reason: str | None,
) -> None:
    cleaned = social.clean(raw, platform)
    assert cleaned.kind == "account"
    if value is not None:
        assert cleaned.value == value
    assert cleaned.valid is valid
    assert social.validate(raw, platform) is valid
    if valid:
        assert cleaned.key == f"account:{value}"
    if key is not None:
        assert cleaned.key == key
    if not valid and reason in ("platform unknown", "does not name", "phone numbers", "no handle"):
        assert cleaned.key is None
    if reason:
        assert cleaned.reason is not None and reason in cleaned.reason
    else:
        assert cleaned.reason is None


def test_extra_names_platform_handle_and_phone() -> None:
    tg = social.clean("https://t.me/Safe_Trip_Europe").extra
    assert (tg["platform"], tg["handle"]) == ("telegram", "safe_trip_europe")
    wa = social.clean("https://wa.me/218912345678").extra
    assert wa["phone"] == "+218912345678"


def test_nothing_usable_has_no_key() -> None:
    for raw, hint in (("", None), ("@", "Telegram"), ("@safe_trip", None), ("ahmad", "WhatsApp")):
        assert social.clean(raw, hint).key is None, raw


def test_url_platform_wins_over_the_hint() -> None:
    cleaned = social.clean("https://t.me/safe_trip_europe", "Facebook")
    assert cleaned.value == TG
    assert "facebook" in cleaned.extra["note"]


@pytest.mark.parametrize(
    ("hint", "platform"),
    [
        ("Facebook", "facebook"), ("FB", "facebook"), ("Messenger", "facebook"),
        ("Instagram", "instagram"), ("Insta", "instagram"), ("IG", "instagram"),
        ("Telegram", "telegram"), ("TG", "telegram"), ("TikTok", "tiktok"),
        ("Tik Tok", "tiktok"), ("X", "x"), ("Twitter", "x"), ("WhatsApp", "whatsapp"),
        ("Viber", "viber"), ("Signal", "signal"), ("Snapchat", "snapchat"),
        ("YouTube", "youtube"), ("VK", "vk"), ("VKontakte", "vk"), ("LinkedIn", "linkedin"),
        ("Threads", "threads"),
    ],
)  # fmt: skip
def test_platform_names(hint: str, platform: str) -> None:
    handle = "+218912345678" if platform in ("whatsapp", "viber", "signal") else "abcde_1"
    expected = f"{platform}:{handle}"
    assert social.clean(handle, hint).value == expected


@pytest.mark.parametrize(
    ("left", "right", "score"),
    [
        ("https://t.me/safe_trip_europe", "tg://resolve?domain=Safe_Trip_Europe", 1.0),
        ("https://twitter.com/SafeTrip", "https://x.com/safetrip", 1.0),
        ("https://wa.me/218912345678", "viber://chat?number=%2B218912345678", 0.9),
        ("https://t.me/safe_trip_europe", "@safe_trip_europe", 0.7),  # platform unknown
        ("https://t.me/safe_trip_europe", "https://instagram.com/safe_trip_europe", 0.0),
        ("https://t.me/safe_trip_europe", "https://t.me/safe_trip_asia", 0.0),
        ("", "", 0.0),
    ],
)
def test_compare(left: str, right: str, score: float) -> None:
    assert social.compare(left, right) == pytest.approx(score)
