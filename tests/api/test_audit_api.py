"""The audit log over the API: supervisors read and verify it; nobody else may."""

from __future__ import annotations

import sqlalchemy as sa

from tests.api.conftest import Api


def test_only_supervisors_read_and_verify_the_log(api: Api) -> None:
    for user in ("de-inv", "it-inv", "hub-analyst", "hub-admin"):
        assert api.get(user, "/api/v1/audit").status_code == 403, user
        assert api.get(user, "/api/v1/audit/verify").status_code == 403, user
    denied = api.audit()[-1]
    assert (denied["operation"], denied["outcome"], denied["actor_user"]) == (
        "audit.verify",
        "denied",
        "hub-admin",
    )
    verdict = api.get("hub-super", "/api/v1/audit/verify").json()
    assert verdict["ok"] is True and verdict["problem"] is None
    assert verdict["entries"] == verdict["head_seq"] > 10


def test_the_log_reads_page_by_page_in_chain_order(api: Api) -> None:
    seqs: list[int] = []
    cursor = None
    while True:
        params: dict[str, str | int] = {"limit": 7}
        if cursor:
            params["cursor"] = cursor
        page = api.get("hub-super", "/api/v1/audit", **params).json()
        seqs += [entry["seq"] for entry in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seqs == list(range(1, len(seqs) + 1)) and len(seqs) >= 13
    first = api.get("hub-super", "/api/v1/audit", limit=1).json()["items"][0]
    assert first["operation"] == "organisation.create" and first["detail"]["via"] == "cli"
    reads = [e for e in api.audit() if e["operation"] == "audit.list"]
    assert reads and all(e["actor_user"] == "hub-super" for e in reads)


def test_verify_over_the_api_reports_tampering(api: Api) -> None:
    with api.hub.store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE audit_log SET purpose = 'rewritten' WHERE seq = 2"))
    verdict = api.get("hub-super", "/api/v1/audit/verify").json()
    assert verdict["ok"] is False and verdict["seq"] == 2 and "altered" in verdict["problem"]
