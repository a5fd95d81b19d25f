"""Who gets in: valid tokens do; anonymous, revoked, expired, forged and deactivated ones don't."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from mare.exchange import Keys
from mare.store.tables import api_tokens
from tests.api.conftest import Api


def _denied(api: Api, token: str) -> None:
    response = api.client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401, response.text
    assert response.json()["error"]["code"] == "unauthenticated"


def test_me_is_the_principal(api: Api) -> None:
    response = api.client.get(
        "/api/v1/me", headers=api.auth("de-inv", **{"Mare-Purpose": "case OP-ANCHOR"})
    )
    assert response.status_code == 200
    assert response.json() == {
        "user": "de-inv",
        "name": "Doris Inv",
        "organisation": "DE-BKA",
        "organisation_kind": "partner",
        "role": "investigator",
        "token": api.token_ids["de-inv"],
        "purpose": "case OP-ANCHOR",
    }
    entry = api.audit()[-1]
    assert (entry["operation"], entry["purpose"], entry["actor_org"]) == (
        "me.read",
        "case OP-ANCHOR",
        "DE-BKA",
    )


def test_a_revoked_token_is_refused(api: Api) -> None:
    token = api.tokens["it-inv"]
    assert api.client.get("/api/v1/me", headers=api.auth("it-inv")).status_code == 200
    revoked = api.client.delete(
        f"/api/v1/tokens/{api.token_ids['it-inv']}", headers=api.auth("it-inv")
    )
    assert revoked.status_code == 200 and revoked.json()["state"] == "revoked"
    _denied(api, token)
    entry = api.audit()[-1]
    assert entry["action"] == "authentication" and entry["outcome"] == "denied"
    assert entry["detail"]["reason"] == "the token has been revoked"
    assert entry["object_ids"] == [api.token_ids["it-inv"]] and entry["actor_user"] is None


def test_an_expired_token_is_refused(api: Api) -> None:
    with api.hub.store.engine.begin() as conn:
        conn.execute(
            api_tokens.update()
            .where(api_tokens.c.id == api.token_ids["de-inv"])
            .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    _denied(api, api.tokens["de-inv"])
    assert api.audit()[-1]["detail"]["reason"] == "the token has expired"


def test_a_forged_secret_with_a_real_id_is_refused(api: Api) -> None:
    token = api.tokens["hub-admin"]
    forged = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    _denied(api, forged)
    assert api.audit()[-1]["detail"]["reason"] == "the token is not valid"
    for garbage in (
        "mare_",
        "mare_zzzz.abc",
        "x" * 80,
        "mare_0123456789ab.",
        "mare_ABCDEF012345.x",
    ):
        _denied(api, garbage)


def test_a_token_planted_in_the_database_does_not_work(api: Api) -> None:
    """Without the pepper, writing the store is not enough to mint a token."""
    planted = "mare_0123456789ab.planted-secret-planted-secret-planted-secret"
    wrong = Keys.from_secret("not-the-servers-secret")
    with api.hub.store.engine.begin() as conn:
        conn.execute(
            api_tokens.insert().values(
                id="0123456789ab",
                user_id="hub-admin",
                hash=wrong.token_hash(planted),
                created_at=datetime.now(UTC),
                created_by="intruder",
            )
        )
    _denied(api, planted)


def test_the_store_keeps_no_token_in_clear(api: Api) -> None:
    with api.hub.store.engine.connect() as conn:
        dump = " ".join(str(v) for row in conn.execute(sa.select(api_tokens)) for v in row)
    for token in api.tokens.values():
        assert token not in dump and token.split(".", 1)[1] not in dump


def test_a_deactivated_user_or_organisation_is_refused(api: Api) -> None:
    response = api.client.patch(
        "/api/v1/users/it-inv", json={"active": False}, headers=api.auth("hub-admin")
    )
    assert response.status_code == 200 and response.json()["active"] is False
    _denied(api, api.tokens["it-inv"])
    response = api.client.patch(
        "/api/v1/organisations/DE-BKA", json={"active": False}, headers=api.auth("hub-admin")
    )
    assert response.status_code == 200
    _denied(api, api.tokens["de-inv"])
    assert api.audit()[-1]["detail"]["reason"] == "the account is deactivated"
    api.client.patch(
        "/api/v1/organisations/DE-BKA", json={"active": True}, headers=api.auth("hub-admin")
    )
    assert api.client.get("/api/v1/me", headers=api.auth("de-inv")).status_code == 200


def test_last_use_is_recorded(api: Api) -> None:
    assert api.client.get("/api/v1/me", headers=api.auth("hub-analyst")).status_code == 200
    with api.hub.store.engine.connect() as conn:
        used = conn.execute(
            sa.select(api_tokens.c.last_used_at).where(
                api_tokens.c.id == api.token_ids["hub-analyst"]
            )
        ).scalar_one()
    assert used is not None and datetime.now(UTC) - used < timedelta(minutes=1)
