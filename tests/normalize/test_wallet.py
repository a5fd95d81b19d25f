"""Crypto wallet addresses: chain from the format, checksums verified."""

from __future__ import annotations

import pytest

from mare.normalize import wallet

GENESIS = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"
SEGWIT = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"
TAPROOT = "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"
P2SH = "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"
ETH = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
TRON = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
LTC = "LM2WMpR1Rp6j3Sa59cMXMs1SPzj9eXpGc1"
LTC_SEGWIT = "ltc1qw508d6qejxtdg4y5r3zarvary0c5xw7kgmn4n9"
XMR = "4" + "8" * 39 + "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz123456"

CASES = [
    # raw, currency hint, value, valid, key, reason substring
    (GENESIS, None, GENESIS, True, f"wallet:bitcoin:{GENESIS}", None),
    (GENESIS, "BTC", GENESIS, True, f"wallet:bitcoin:{GENESIS}", None),
    (f" bitcoin:{GENESIS}?amount=0.1 ", None, GENESIS, True, f"wallet:bitcoin:{GENESIS}", None),
    (P2SH, None, P2SH, True, f"wallet:bitcoin:{P2SH}", None),
    (P2SH, "LTC", P2SH, True, f"wallet:litecoin:{P2SH}", None),  # Litecoin legacy P2SH
    (SEGWIT, None, SEGWIT, True, f"wallet:bitcoin:{SEGWIT}", None),
    (SEGWIT.upper(), None, SEGWIT, True, f"wallet:bitcoin:{SEGWIT}", None),
    (TAPROOT, None, TAPROOT, True, f"wallet:bitcoin:{TAPROOT}", None),
    (ETH, None, ETH, True, f"wallet:ethereum:{ETH.lower()}", None),
    (ETH, "USDT", ETH, True, f"wallet:ethereum:{ETH.lower()}", None),
    (f"ethereum:{ETH}@1", "ETH", ETH, True, f"wallet:ethereum:{ETH.lower()}", None),
    (ETH.lower(), None, ETH.lower(), True, f"wallet:ethereum:{ETH.lower()}", None),
    (TRON, "USDT", TRON, True, f"wallet:tron:{TRON}", None),
    (TRON, "USDT (TRC20)", TRON, True, f"wallet:tron:{TRON}", None),
    (LTC, None, LTC, True, f"wallet:litecoin:{LTC}", None),
    (LTC_SEGWIT, "LTC", LTC_SEGWIT, True, f"wallet:litecoin:{LTC_SEGWIT}", None),
    (XMR, "XMR", XMR, True, f"wallet:monero:{XMR}", None),
    # bad checksums: invalid, still indexed
    (
        GENESIS[:-1] + "b",
        None,
        GENESIS[:-1] + "b",
        False,
        f"wallet:bitcoin:{GENESIS[:-1]}b",
        "checksum",
    ),
    (
        SEGWIT[:-1] + "5",
        None,
        SEGWIT[:-1] + "5",
        False,
        f"wallet:bitcoin:{SEGWIT[:-1]}5",
        "checksum",
    ),
    (TRON[:-1] + "u", "USDT", TRON[:-1] + "u", False, f"wallet:tron:{TRON[:-1]}u", "checksum"),
    # BIP-350: version 0 with a bech32m checksum, version 1 with a bech32 one
    ("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh", None, None, False, None, "version 0"),
    (
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd",
        None,
        None,
        False,
        None,
        "bech32m",
    ),
    ("bc1qW508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", None, SEGWIT, False, None, "mixed"),
    ("0x" + "0" * 40, "ETH", "0x" + "0" * 40, False, None, "placeholder"),
    ("hello", "BTC", "hello", False, None, "unrecognised"),
    ("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeA", None, None, False, None, "unrecognised"),
    ("", None, None, False, None, "empty"),
]


@pytest.mark.parametrize(("raw", "currency", "value", "valid", "key", "reason"), CASES)
def test_clean(
    raw: str,
    currency: str | None,
    value: str | None,
    valid: bool,
    key: str | None,
    reason: str | None,
) -> None:
    cleaned = wallet.clean(raw, currency)
    assert cleaned.kind == "wallet"
    if value is not None:
        assert cleaned.value == value
    assert cleaned.valid is valid
    assert wallet.validate(raw, currency) is valid
    if key is not None or valid:
        assert cleaned.key == key
    if reason:
        assert cleaned.reason is not None and reason in cleaned.reason
    else:
        assert cleaned.reason is None


def test_bad_segwit_versions_are_indexed() -> None:
    broken = wallet.clean("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh")
    assert broken.key == "wallet:bitcoin:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh"


def test_ethereum_checksum_is_reported_not_verified() -> None:
    assert wallet.clean(ETH).extra["checksum"] == "not verified"
    assert wallet.clean(ETH.lower()).extra["checksum"] == "none"


def test_currency_hint_against_format() -> None:
    usdt = wallet.clean(TRON, "usdt").extra
    assert (usdt["chain"], usdt["currency"]) == ("tron", "USDT")
    assert "note" not in usdt
    mismatch = wallet.clean(ETH, "BTC")
    assert mismatch.valid  # the address is what it is; the hint is flagged
    assert mismatch.extra["chain"] == "ethereum"
    assert "BTC" in mismatch.extra["note"]


def test_base58_decoding() -> None:
    decoded = wallet.b58decode(GENESIS)
    assert decoded is not None and len(decoded) == 25 and decoded[0] == 0
    assert decoded[1:5].hex() == "62e907b1"
    assert wallet.b58decode("0OIl") is None


@pytest.mark.parametrize(
    ("left", "right", "score"),
    [
        (GENESIS, f"bitcoin:{GENESIS}", 1.0),
        (SEGWIT, SEGWIT.upper(), 1.0),
        (ETH, ETH.lower(), 1.0),
        (ETH, ETH.upper().replace("0X", "0x"), 1.0),
        (GENESIS, P2SH, 0.0),
        (GENESIS, GENESIS.lower(), 0.0),  # base58 is case-sensitive
        ("hello", "hello", 0.0),
    ],
)
def test_compare(left: str, right: str, score: float) -> None:
    assert wallet.compare(left, right) == score
