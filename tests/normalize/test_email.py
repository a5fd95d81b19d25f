"""E-mail addresses: lower-case key, IDNA domains, loose RFC 5322 syntax."""

from __future__ import annotations

import pytest

from mare.normalize import email

CASES = [
    # raw, value, valid, key, reason substring
    (
        "ahmad.rezaei@example.org",
        "ahmad.rezaei@example.org",
        True,
        "email:ahmad.rezaei@example.org",
        None,
    ),
    (
        "Ahmad.Rezaei@Example.ORG",
        "Ahmad.Rezaei@example.org",
        True,
        "email:ahmad.rezaei@example.org",
        None,
    ),
    (
        "  mailto:ahmad@example.org?subject=trip ",
        "ahmad@example.org",
        True,
        "email:ahmad@example.org",
        None,
    ),
    ("<ahmad@example.org>", "ahmad@example.org", True, "email:ahmad@example.org", None),
    (
        "Ahmad Rezaei <ahmad@example.org>",
        "ahmad@example.org",
        True,
        "email:ahmad@example.org",
        None,
    ),
    ("ahmad＠example.org", "ahmad@example.org", True, "email:ahmad@example.org", None),
    ("a.b.c+trip@GMAIL.com", "a.b.c+trip@gmail.com", True, "email:a.b.c+trip@gmail.com", None),
    (
        "o'brien-x_y@sub.example.co.uk",
        "o'brien-x_y@sub.example.co.uk",
        True,
        "email:o'brien-x_y@sub.example.co.uk",
        None,
    ),
    ("user@münchen.de", "user@xn--mnchen-3ya.de", True, "email:user@xn--mnchen-3ya.de", None),
    (
        "info@مثال.إختبار",
        "info@xn--mgbh0fb.xn--kgbechtv",
        True,
        "email:info@xn--mgbh0fb.xn--kgbechtv",
        None,
    ),
    ("José@example.com", "José@example.com", True, "email:josé@example.com", None),
    # invalid but still indexed
    ("ahmad@gmail", "ahmad@gmail", False, "email:ahmad@gmail", "top-level domain"),
    ("a..b@example.org", "a..b@example.org", False, "email:a..b@example.org", "dots"),
    (".ab@example.org", ".ab@example.org", False, "email:.ab@example.org", "dots"),
    ("ab@exa_mple.org", "ab@exa_mple.org", False, "email:ab@exa_mple.org", "host name"),
    ("ab@-example.org", "ab@-example.org", False, "email:ab@-example.org", "host name"),
    ("ab@example.123", "ab@example.123", False, "email:ab@example.123", "top-level"),
    # too broken to index
    ("ahmad.example.org", "ahmad.example.org", False, None, "no @"),
    ("a@b@example.org", "a@b@example.org", False, None, "more than one @"),
    ("ahmad rezaei@example.org", "ahmad rezaei@example.org", False, None, "spaces"),
    ("@example.org", "@example.org", False, None, "missing"),
    ("", None, False, None, "empty"),
]


@pytest.mark.parametrize(("raw", "value", "valid", "key", "reason"), CASES)
def test_clean(
    raw: str, value: str | None, valid: bool, key: str | None, reason: str | None
) -> None:
    cleaned = email.clean(raw)
    assert cleaned.kind == "email"
    assert cleaned.value == value
    assert cleaned.valid is valid
    assert email.validate(raw) is valid
    assert cleaned.key == key
    if reason:
        assert cleaned.reason is not None and reason in cleaned.reason
    else:
        assert cleaned.reason is None


def test_extra_domain_display_and_canonical() -> None:
    idn = email.clean("User@München.de").extra
    assert idn["domain"] == "xn--mnchen-3ya.de"
    assert idn["display"] == "User@münchen.de"
    gmail = email.clean("A.B.C+trip@googlemail.com")
    assert gmail.key == "email:a.b.c+trip@googlemail.com"  # the key keeps dots and tags
    assert gmail.extra["canonical"] == "abc@gmail.com"
    other = email.clean("A.B+trip@example.org").extra
    assert other["canonical"] == "a.b+trip@example.org"  # only Gmail ignores them
    assert "display" not in other


@pytest.mark.parametrize(
    ("left", "right", "score"),
    [
        ("Ahmad@Example.org", "mailto:ahmad@example.org", 1.0),
        ("abc@gmail.com", "a.b.c+x@googlemail.com", 0.9),
        ("abc@example.org", "a.b.c@example.org", 0.0),
        ("abc@example.org", "abd@example.org", 0.0),
        ("no-at", "no-at", 0.0),
    ],
)
def test_compare(left: str, right: str, score: float) -> None:
    assert email.compare(left, right) == pytest.approx(score)
