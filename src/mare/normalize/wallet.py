"""Crypto wallet addresses: the chain read from the address format, checksums
verified where the standard library can.

Bitcoin and Litecoin legacy addresses and Tron addresses are base58check
(double SHA-256); Bitcoin and Litecoin SegWit addresses are bech32/bech32m
(BIP-173, BIP-350). Ethereum's mixed-case checksum (EIP-55) needs keccak-256,
which ``hashlib`` lacks, so it is reported as not verified; Monero addresses
are checked for length and alphabet only. A token (USDT, USDC) lives on the
chain its address format names. Key: ``wallet:<chain>:<address>``, Ethereum
and bech32 in lower case, base58 as written.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from mare.normalize.cleaned import Cleaned
from mare.normalize.digits import ascii_digits

KIND = "wallet"

_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_VALUE = {ch: i for i, ch in enumerate(_B58)}
_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_VALUE = {ch: i for i, ch in enumerate(_BECH32)}
_GENERATOR = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
_BECH32M = 0x2BC830A3

_URI = re.compile(r"^(?:bitcoin|litecoin|ethereum|tron|monero):(?://)?", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_TAIL = re.compile(r"[?@/]")  # URI query, EIP-681 chain id or function
_NON_ALNUM = re.compile(r"[^A-Z0-9]")
_B58C = "[1-9A-HJ-NP-Za-km-z]"
# (chain, format, shape, base58 version bytes); the first matching shape wins.
_FORMATS: tuple[tuple[str, str, re.Pattern[str], frozenset[int]], ...] = (
    ("ethereum", "evm", re.compile(r"^0[xX][0-9a-fA-F]{40}$"), frozenset()),
    ("bitcoin", "bech32", re.compile(r"^(?:bc|tb)1[0-9a-z]{8,87}$", re.I), frozenset()),
    ("litecoin", "bech32", re.compile(r"^ltc1[0-9a-z]{8,86}$", re.I), frozenset()),
    ("bitcoin", "base58", re.compile(rf"^[13]{_B58C}{{25,34}}$"), frozenset({0x00, 0x05})),
    ("litecoin", "base58", re.compile(rf"^[LM]{_B58C}{{26,33}}$"), frozenset({0x30, 0x32})),
    ("tron", "base58", re.compile(rf"^T{_B58C}{{33}}$"), frozenset({0x41})),
    ("monero", "monero", re.compile(rf"^[48]{_B58C}{{94}}(?:{_B58C}{{11}})?$"), frozenset()),
)
_HINTS: dict[str, frozenset[str]] = {
    **dict.fromkeys(("BTC", "XBT", "BITCOIN"), frozenset({"bitcoin"})),
    **dict.fromkeys(("LTC", "LITECOIN"), frozenset({"litecoin"})),
    **dict.fromkeys(("TRX", "TRON", "TRC20", "USDTTRC20"), frozenset({"tron"})),
    **dict.fromkeys(("XMR", "MONERO"), frozenset({"monero"})),
    **dict.fromkeys(("USDT", "TETHER", "USDC"), frozenset({"ethereum", "tron"})),
    **dict.fromkeys(
        ("ETH", "ETHER", "ETHEREUM", "ERC20", "USDTERC20", "BNB", "BSC", "BEP20", "MATIC"),
        frozenset({"ethereum"}),
    ),
}


def b58decode(text: str) -> bytes | None:
    """Base58 (Bitcoin alphabet) to bytes; None if a character is not base58."""
    number = 0
    for ch in text:
        digit = _B58_VALUE.get(ch)
        if digit is None:
            return None
        number = number * 58 + digit
    zeros = len(text) - len(text.lstrip("1"))
    return b"\0" * zeros + number.to_bytes((number.bit_length() + 7) // 8, "big")


def _base58check(address: str, versions: frozenset[int]) -> str | None:
    """Why a base58check address is broken, or None."""
    data = b58decode(address)
    if data is None or len(data) != 25:
        return "wrong length for a base58check address"
    payload, checksum = data[:-4], data[-4:]
    if hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4] != checksum:
        return "checksum does not match (typo?)"
    if payload[0] not in versions:
        return f"unexpected version byte 0x{payload[0]:02x}"
    return None


def _polymod(values: list[int]) -> int:
    check = 1
    for value in values:
        top = check >> 25
        check = (check & 0x1FFFFFF) << 5 ^ value
        for i, generator in enumerate(_GENERATOR):
            if (top >> i) & 1:
                check ^= generator
    return check


def _to_bytes(groups: list[int]) -> bytes | None:
    """5-bit groups to bytes; None if the padding is not zero."""
    acc = bits = 0
    out = bytearray()
    for group in groups:
        acc = (acc << 5) | group
        bits += 5
        if bits >= 8:
            bits -= 8
            out.append((acc >> bits) & 0xFF)
    if bits >= 5 or (acc << (8 - bits)) & 0xFF:
        return None
    return bytes(out)


def _bech32(address: str) -> str | None:
    """Why a SegWit address (already lower case) is broken, or None."""
    hrp, _, rest = address.rpartition("1")
    data = [_BECH32_VALUE.get(ch, -1) for ch in rest]
    if len(address) > 90 or len(data) < 7 or -1 in data:
        return "not a bech32 address"
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    const = _polymod(expanded + data)
    if const not in (1, _BECH32M):
        return "checksum does not match (typo?)"
    version, program = data[0], _to_bytes(data[1:-6])
    if version > 16 or program is None or not 2 <= len(program) <= 40:
        return "invalid witness program"
    if version == 0 and (const != 1 or len(program) not in (20, 32)):
        return "invalid version 0 witness program"
    if version > 0 and const != _BECH32M:
        return "witness version 1+ must use bech32m"
    return None


def _currency(hint: str | None) -> str | None:
    if not hint:
        return None
    return _NON_ALNUM.sub("", hint.upper()) or None


@lru_cache(maxsize=65536)
def _clean(raw: str, currency: str | None) -> Cleaned:
    text = _URI.sub("", _SPACE.sub("", ascii_digits(raw)))
    address = _TAIL.split(text, maxsplit=1)[0]
    if not address:
        return Cleaned.invalid(KIND, raw, "empty")
    allowed = _HINTS.get(currency or "")
    found = next((f for f in _FORMATS if f[2].match(address)), None)
    if found is None:
        return Cleaned.invalid(KIND, raw, "unrecognised address format", value=address)
    chain, fmt, _shape, versions = found
    if allowed == frozenset({"litecoin"}) and address[0] == "3":
        chain = "litecoin"  # Litecoin's legacy P2SH addresses look like Bitcoin's
    extra = {"chain": chain}
    if currency:
        extra["currency"] = currency
        if allowed is not None and chain not in allowed:
            extra["note"] = f"currency {currency} does not match the {chain} address format"
    problem = None
    if fmt == "evm":
        address = "0x" + address[2:]
        hexpart = address[2:]
        mixed = hexpart != hexpart.lower() and hexpart != hexpart.upper()
        extra["checksum"] = "not verified" if mixed else "none"
        keyed = address.lower()
        if int(hexpart, 16) == 0:
            return Cleaned.invalid(KIND, raw, "placeholder (zero address)", value=keyed)
    elif fmt == "bech32":
        if address != address.lower() and address != address.upper():
            problem = "mixed upper and lower case"
        address = keyed = address.lower()
        problem = problem or _bech32(address)
        if address.startswith("tb1"):
            extra["network"] = "testnet"
    elif fmt == "base58":
        keyed = address
        problem = _base58check(address, versions)
    else:
        keyed = address
        extra["checksum"] = "not verified"
    key = f"{KIND}:{chain}:{keyed}"
    if problem:
        return Cleaned.invalid(KIND, raw, problem, value=address, key=key, extra=extra)
    return Cleaned.ok(KIND, raw, address, key=key, extra=extra)


def clean(raw: str, currency: str | None = None) -> Cleaned:
    """Normalise and check a wallet address; ``currency`` (BTC, ETH, USDT ...) is a hint."""
    return _clean(raw, _currency(currency))


def validate(raw: str, currency: str | None = None) -> bool:
    """Whether ``raw`` is a valid wallet address."""
    return clean(raw, currency).valid


def compare(left: str, right: str) -> float:
    """1.0 for the same address on the same chain, else 0.0."""
    a = clean(left).key
    return 1.0 if a is not None and a == clean(right).key else 0.0
