"""Values are written as partners write them, and still say what they are."""

from __future__ import annotations

from typing import Any

from mare.normalize import document, phone, social

Truth = list[dict[str, Any]]
UNREADABLE = {"typo", "national-format-without-country"}


def test_written_phones_are_the_same_number(truth: Truth) -> None:
    numbers = {t["id"]: t["number"] for t in truth if t["kind"] == "phone"}
    checked = 0
    for t in truth:
        if t["kind"] != "record":
            continue
        for v in t["values"]:
            if v["thing"] not in numbers or UNREADABLE & set(v.get("noise", ())):
                continue
            if v["prop"] == "username":
                continue
            national = "national-format" in v.get("noise", ())
            region = phone.clean(numbers[v["thing"]]).extra.get("region") if national else None
            assert phone.clean(v["value"], region).value == numbers[v["thing"]], v
            checked += 1
    assert checked > 100


def test_written_handles_are_the_account(truth: Truth) -> None:
    accounts = {t["id"]: t for t in truth if t["kind"] == "account"}
    for t in truth:
        for v in t.get("values", ()) if t["kind"] == "record" else ():
            account = accounts.get(v["thing"])
            if account and v["prop"] == "username" and account["service"] != "whatsapp":
                cleaned = social.clean(v["value"], account["service"])
                assert cleaned.key == f"account:{account['service']}:{account['handle']}", v


def test_written_document_numbers_are_the_number(truth: Truth) -> None:
    docs = {t["id"]: t for t in truth if t["kind"] == "document"}
    for t in truth:
        for v in t.get("values", ()) if t["kind"] == "record" else ():
            doc = docs.get(v["thing"])
            if doc:
                assert document.clean(v["value"]).value == doc["number"].replace("-", ""), v
