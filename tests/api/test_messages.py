"""Messages over the API: the acknowledgement, idempotency, threads, attachments, rejects."""

from __future__ import annotations

import hashlib

from tests.api.conftest import ATTACHMENT_CAP, Api
from tests.api.exchange import P, inbox, person, send

PDF = b"%PDF-1.4\n% a phone extraction summary\n"


def _upload(api: Api, who: str, content: bytes, media_type: str, status: int = 201) -> dict:
    response = api.client.post(
        f"{P}/attachments", content=content, headers=api.auth(who, **{"Content-Type": media_type})
    )
    assert response.status_code == status, response.text
    data: dict = response.json()
    return data


def test_a_message_is_stored_cross_checked_and_acknowledged(api: Api) -> None:
    ack = send(
        api,
        "de-inv",
        "DE-2026-1",
        ["HUB", "IT-SCO"],
        person("de-p-1", "Omar Haddad", "+218 91 234 5678"),
        {"id": "de-x", "schema": "NoSuchSchema"},
        {"id": "de-p-2", "schema": "Person", "properties": {"name": ["Ali"], "shoeSize": ["44"]}},
        subject="Skipper arrested",
        handling="H1",
        evaluation="B2",
        categories={"de-p-1": "suspect"},
    )
    assert ack["id"].startswith("m-") and ack["sender"] == "DE-BKA"
    assert ack["thread"] == ack["id"] and ack["entities"] == 2
    assert ack["rejects"] == [
        {"line": 2, "entity": "de-x", "field": "schema", "reason": "unknown schema 'NoSuchSchema'"},
        {
            "line": 3,
            "entity": "de-p-2",
            "field": "shoeSize",
            "reason": "Person has no property 'shoeSize'",
        },
    ]
    assert ack["hits"]["total"] == 0
    message = api.get("it-inv", f"{P}/messages/{ack['id']}").json()
    assert message["subject"] == "Skipper arrested" and message["recipients"] == ["HUB", "IT-SCO"]
    assert message["not_for_court"] is True and "judicial" in message["not_for_court_reason"]
    values = {s["value"] for e in message["entities"] for s in e["statements"]}
    assert "Omar Haddad" in values
    assert all(s["not_for_court"] for e in message["entities"] for s in e["statements"])
    created = [e for e in api.audit() if e["operation"] == "message.create"][-1]
    assert created["recipients"] == ["HUB", "IT-SCO"] and created["detail"]["rejects"] == 2
    for org in ("HUB", "IT-SCO"):
        (note,) = [n for n in inbox(api, org) if n["kind"] == "message.received"]
        assert note["subject_id"] == ack["id"] and note["payload"]["subject"] == "Skipper arrested"
    assert not [n for n in inbox(api, "DE-BKA") if n["kind"] == "message.received"]


def test_the_same_message_again_gets_the_same_ack_other_content_is_a_conflict(api: Api) -> None:
    entity = person("de-p-1", "Omar Haddad")
    first = send(api, "de-inv", "DE-2026-2", ["HUB"], entity)
    again = send(api, "de-inv", "DE-2026-2", ["HUB"], entity, status=200)
    assert again == first
    changed = send(api, "de-inv", "DE-2026-2", ["HUB"], entity, subject="x", status=409)
    assert changed["error"]["code"] == "conflict"
    # the same id from another sender is another message
    other = send(api, "it-inv", "DE-2026-2", ["HUB"], person("it-p-1", "Omar"))
    assert other["id"] != first["id"]


def test_the_sender_is_the_callers_organisation(api: Api) -> None:
    forged = send(api, "it-inv", "X-1", ["HUB"], sender="DE-BKA", status=403)
    assert forged["error"]["code"] == "forbidden"
    explicit = send(api, "it-inv", "X-2", ["HUB"], sender="IT-SCO")
    assert explicit["sender"] == "IT-SCO"
    for who in ("hub-admin",):
        assert send(api, who, "X-3", ["DE-BKA"], status=403)["error"]["code"] == "forbidden"


def test_recipients_and_h3_are_checked(api: Api) -> None:
    cases = [
        ({"recipients": ["NOWHERE"]}, "body.recipients"),
        ({"recipients": ["DE-BKA"]}, "body.recipients"),  # the sender itself
        ({"recipients": []}, "body.recipients"),
        ({"recipients": ["HUB"], "handling": "H3"}, "body.restriction"),
        ({"recipients": ["HUB"], "evaluation": "Z9"}, "body.evaluation"),
        ({"recipients": ["HUB"], "reply_to": "m-0000000000000000000000"}, "body.reply_to"),
    ]
    for n, (fields, field) in enumerate(cases):
        body = {"message_id": f"DE-bad-{n}", **fields}
        response = api.client.post(f"{P}/messages", json=body, headers=api.auth("de-inv"))
        assert response.status_code == 422, (fields, response.text)
        assert response.json()["error"]["details"][0]["field"] == field, response.json()
    ack = send(
        api,
        "de-inv",
        "DE-h3",
        ["IT-SCO"],
        person("de-p-9", "Hamza Tarhouni"),
        handling="H3",
        restriction="Only for the Lampedusa investigation",
    )
    statement = api.get("it-inv", f"{P}/messages/{ack['id']}").json()["entities"][0]["statements"][
        0
    ]
    assert statement["restriction"] == "Only for the Lampedusa investigation"


def test_threads_answer_messages_the_sender_may_read(api: Api) -> None:
    root = send(api, "de-inv", "DE-t-1", ["IT-SCO"], subject="Who is this?")
    reply = send(api, "it-inv", "IT-t-1", ["DE-BKA"], subject="Our suspect", reply_to=root["id"])
    assert reply["thread"] == root["id"]
    private = send(api, "de-inv", "DE-t-2", ["HUB"], subject="Not for Italy")
    refused = send(api, "it-inv", "IT-t-2", ["DE-BKA"], reply_to=private["id"], status=422)
    assert refused["error"]["details"][0]["field"] == "body.reply_to"
    thread = api.get("de-inv", f"{P}/messages/{reply['id']}/thread").json()
    assert [m["id"] for m in thread["items"]] == [root["id"], reply["id"]]
    assert api.get("hub-analyst", f"{P}/messages/{reply['id']}/thread").status_code == 404
    listed = api.get("it-inv", f"{P}/messages").json()["items"]
    assert {m["id"] for m in listed} == {root["id"], reply["id"]}


def test_the_message_list_pages_in_order(api: Api) -> None:
    sent = [send(api, "de-inv", f"DE-p-{n}", ["HUB"])["id"] for n in range(5)]
    send(api, "de-inv", "DE-p-x", ["IT-SCO"])  # not for the hub
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, str | int] = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = api.get("hub-analyst", f"{P}/messages", **params).json()
        seen += [m["id"] for m in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == sent


def test_attachments_are_stored_once_type_checked_and_cited_by_their_uploaders(api: Api) -> None:
    meta = _upload(api, "de-inv", PDF, "application/pdf")
    assert meta["sha256"] == hashlib.sha256(PDF).hexdigest() and meta["size"] == len(PDF)
    assert _upload(api, "it-inv", PDF, "application/pdf")["sha256"] == meta["sha256"]
    refused = _upload(api, "de-inv", b"MZ\x90\x00 not a pdf", "application/pdf", status=422)
    assert "its bytes say otherwise" in refused["error"]["message"]
    _upload(api, "de-inv", b"\x7fELF...", "application/x-executable", status=422)
    _upload(api, "de-inv", b"", "text/plain", status=422)
    _upload(api, "de-inv", b"not json", "application/json", status=422)
    big = b"%PDF-" + b"0" * (ATTACHMENT_CAP + 1)
    _upload(api, "de-inv", big, "application/pdf", status=413)
    cite = {
        "name": "summary.pdf",
        "sha256": meta["sha256"],
        "size": len(PDF),
        "media_type": "application/pdf",
    }
    ack = send(api, "de-inv", "DE-a-1", ["IT-SCO"], attachments=[cite])
    wrong = dict(cite, size=1)
    assert send(api, "de-inv", "DE-a-2", ["IT-SCO"], attachments=[wrong], status=422)
    stranger = dict(cite, sha256="f" * 64)
    assert send(api, "de-inv", "DE-a-3", ["IT-SCO"], attachments=[stranger], status=422)
    url = f"{P}/attachments/{meta['sha256']}"
    got = api.client.get(url, headers=api.auth("it-inv"))
    assert got.status_code == 200 and got.content == PDF
    assert got.headers["content-type"] == "application/pdf"
    assert api.client.get(url, headers=api.auth("hub-analyst")).status_code == 404
    message = api.get("it-inv", f"{P}/messages/{ack['id']}").json()
    assert message["attachments"] == [cite]


def test_an_entity_held_for_another_organisation_is_refused_not_merged(api: Api) -> None:
    send(api, "de-inv", "DE-o-1", ["HUB"], person("shared-id", "Omar Haddad"))
    ack = send(
        api,
        "it-inv",
        "IT-o-1",
        ["HUB"],
        person("shared-id", "Someone Else"),
        person("it-p-5", "Hamza Tarhouni"),
    )
    assert ack["entities"] == 1
    (reject,) = ack["rejects"]
    assert reject["entity"] == "shared-id" and reject["field"] == "id"
    assert "already held for another organisation" in reject["reason"]
    assert "DE-BKA" not in reject["reason"]  # whose it is, is not said
    values = [s["value"] for s in api.get("de-inv", f"{P}/entities/shared-id").json()["statements"]]
    assert values == ["Omar Haddad"]
