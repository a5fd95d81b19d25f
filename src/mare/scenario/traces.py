"""Accounts, posts, calls and money as partners report them."""

from __future__ import annotations

from datetime import datetime

from mare.scenario import adverts, money
from mare.scenario import phones as phonebook
from mare.scenario.accounts import Account, write_handle
from mare.scenario.money import BankAccount
from mare.scenario.phones import Phone
from mare.scenario.sheet import Sheet, Value

_CALL_STYLES = {"e164": 0.4, "plain": 0.4, "international": 0.1, "idd": 0.1}


def account(
    sheet: Sheet, acc: Account, owner: str | None = None, phone: Phone | None = None
) -> str:
    """A UserAccount; a WhatsApp account's username is its number."""
    r = sheet.r
    values: list[Value] = []
    noise: list[str] = []
    props: dict[str, list[str]] = {
        "service": [acc.service.title() if r.random() < 0.5 else acc.service]
    }
    if acc.service == "whatsapp" and phone is not None:
        text, tags = phonebook.write(r, phone, frozenset(), {"e164": 0.6, "international": 0.4})
        props["username"] = [text]
        props["phone"] = [text]
        values += [Value("username", text, acc.id, tags), Value("phone", text, phone.id, tags)]
    else:
        text, tags = write_handle(r, acc)
        props["username"] = [text]
        values.append(Value("username", text, acc.id, tags))
        noise += tags
    if acc.display:
        props["name"] = [acc.display]
    if owner:
        props["owner"] = [owner]
    flags = {"benign": True} if acc.label else None
    return sheet.add(
        sheet.eid("u", f"account:{acc.id}"),
        "UserAccount",
        props,
        acc.id,
        values=values,
        noise=noise,
        flags=flags,
    )


def post(
    sheet: Sheet,
    post_id: str,
    sender: str,
    text: str,
    language: str,
    when: datetime,
    phones: list[tuple[str, Phone, list[str]]],
    advert: bool,
) -> str:
    """A social-media post (FtM ``Message``) an online-investigation unit reports; each
    phone as the post writes it, with the noise of its writing."""
    code, known = adverts.LANGUAGES[language]
    props: dict[str, list[str]] = {
        "bodyText": [text],
        "senderAccount": [sender],
        "publishedAt": [when.strftime("%Y-%m-%dT%H:%M:%S")],
        "phoneMentioned": [written for written, _, _ in phones],
    }
    if known:
        props["language"] = [code]
    values = [Value("phoneMentioned", text, phone.id, tags) for text, phone, tags in phones]
    sheet.world.emit(
        {
            "kind": "post",
            "id": post_id,
            "advert": advert,
            "language": code,
            "phones": [p.id for _, p, _ in phones],
        }
    )
    return sheet.add(
        sheet.eid("m", f"post:{post_id}"),
        "Message",
        props,
        post_id,
        values=values,
        flags={"advert": advert},
    )


def call(
    sheet: Sheet,
    caller: tuple[str | None, Phone],
    receiver: tuple[str | None, Phone],
    when: datetime,
    seconds: int,
) -> str:
    """A call record from a seized phone or a provider (numbers as the records show them)."""
    r = sheet.r
    call_id = sheet.world.new_id("C")
    sheet.world.emit(
        {
            "kind": "call",
            "id": call_id,
            "caller": caller[1].id,
            "receiver": receiver[1].id,
            "date": when.isoformat(),
        }
    )
    props: dict[str, list[str]] = {
        "date": [when.strftime("%Y-%m-%dT%H:%M:%S")],
        "duration": [str(seconds)],
    }
    values = []
    for role, (entity, phone) in (("caller", caller), ("receiver", receiver)):
        text, tags = phonebook.write(r, phone, frozenset(), _CALL_STYLES)
        props[f"{role}Number"] = [text]
        values.append(Value(f"{role}Number", text, phone.id, tags))
        if entity:
            props[role] = [entity]
    return sheet.add(sheet.eid("c", call_id), "Call", props, call_id, values=values)


def hotline_entry(sheet: Sheet, owner: str) -> str:
    """The rescue hotline in a phone book (an organisation's number, the same in many)."""
    r = sheet.r
    world = sheet.world
    name = r.choice(
        (
            "Alarm Phone",
            "SOS",
            "Hotline",
            "Rescue",
            "هاتف الإنقاذ",
            "Alarm",
            "خط الطوارئ",
            "SOS sea",
        )
    )
    text, tags = phonebook.write(r, world.hotline, frozenset(), _CALL_STYLES)
    entity = sheet.add(
        sheet.eid("o", f"org:{world.hotline_org}"),
        "Organization",
        {"name": [name], "phone": [text]},
        world.hotline_org,
        values=[Value("phone", text, world.hotline.id, tags)],
        flags={"benign": True},
    )
    sheet.link(
        "UnknownLink",
        {"subject": [owner], "object": [entity], "role": ["number saved in seized phone"]},
        "phone-book",
    )
    return entity


def bank_account(sheet: Sheet, acc: BankAccount, owner: str | None) -> str:
    r = sheet.r
    text = money.write_iban(r, acc.iban)
    entity = sheet.add(
        sheet.eid("b", f"bank:{acc.id}"),
        "BankAccount",
        {"iban": [text], "bankName": [acc.bank], "country": [acc.country]},
        acc.id,
        values=[Value("iban", text, acc.id)],
    )
    if owner:
        sheet.link("Ownership", {"owner": [owner], "asset": [entity]}, "account-holder")
    return entity


def payment(
    sheet: Sheet,
    payer: str | None,
    beneficiary: str | None,
    amount: int,
    currency: str,
    when: datetime,
    how: str,
    *,
    payer_account: str | None = None,
    beneficiary_account: str | None = None,
    control: str = "",
) -> str:
    """A payment: ``how`` is hawala, a money-transfer operator's name, or bank transfer."""
    payment_id = sheet.world.new_id("Y")
    sheet.world.emit(
        {"kind": "payment", "id": payment_id, "how": how, "amount": amount, "currency": currency}
    )
    props: dict[str, list[str]] = {
        "amount": [str(amount)],
        "currency": [currency],
        "date": [when.date().isoformat()],
        "purpose": [{"hawala": "hawala deposit for a crossing"}.get(how, how)],
    }
    for name, value in (
        ("payer", payer),
        ("beneficiary", beneficiary),
        ("payerAccount", payer_account),
        ("beneficiaryAccount", beneficiary_account),
    ):
        if value:
            props[name] = [value]
    if control:
        props["transactionNumber"] = [control]
    return sheet.add(sheet.eid("y", payment_id), "Payment", props, payment_id)
