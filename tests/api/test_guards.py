"""Guards over every route: authentication, the error shape, the audit."""

from __future__ import annotations

import httpx2 as httpx

from tests.api.conftest import Api
from tests.api.routes import PUBLIC, SAMPLES, routes


def _error_shaped(response: httpx.Response) -> None:
    data = response.json()
    assert set(data) == {"error"}, data
    assert set(data["error"]) == {"code", "message", "details"}, data
    assert isinstance(data["error"]["code"], str) and data["error"]["message"]
    assert isinstance(data["error"]["details"], list)


def test_every_route_has_a_sample(api: Api) -> None:
    sampled = {(s.method, s.template) for s in SAMPLES}
    assert routes(api.app) == sampled | PUBLIC


def test_anonymous_callers_get_401_on_every_route_but_health(api: Api) -> None:
    for sample in SAMPLES:
        response = api.client.request(sample.method, sample.path, json=sample.body)
        assert response.status_code == 401, (sample, response.text)
        assert response.headers["www-authenticate"] == "Bearer"
        _error_shaped(response)
    assert api.client.get("/api/v1/health").json()["status"] == "ok"


def test_anonymous_callers_learn_nothing_else(api: Api) -> None:
    for method, path, body in [
        ("GET", "/api/v1/nowhere", None),
        ("POST", "/api/v1/organisations", {"not": "valid"}),
        ("GET", "/api/v1/organisations?limit=0", None),
        ("PUT", "/api/v1/health/x", None),
    ]:
        response = api.client.request(method, path, json=body)
        assert response.status_code == 401, (path, response.text)
        _error_shaped(response)


def test_a_bad_scheme_or_empty_token_is_401(api: Api) -> None:
    for value in ("Basic dXNlcjpwYXNz", "Bearer ", "Bearer", api.tokens["de-inv"]):
        response = api.client.get("/api/v1/me", headers={"Authorization": value})
        assert response.status_code == 401, value
        _error_shaped(response)


def test_every_authenticated_request_is_audited(api: Api) -> None:
    for sample in SAMPLES:
        if sample.path.endswith("openapi.json"):
            continue
        before = len(api.audit())
        response = api.client.request(
            sample.method, sample.path, json=sample.body, headers=api.auth(sample.user)
        )
        assert response.status_code < 500, (sample, response.text)
        after = api.audit()
        assert len(after) > before, sample
        entry = after[-1]
        assert (
            entry["actor_user"] == sample.user
            and entry["detail"]["token"] == (api.token_ids[sample.user])
        )


def test_health_is_not_audited(api: Api) -> None:
    before = len(api.audit())
    assert api.client.get("/api/v1/health").status_code == 200
    assert len(api.audit()) == before


def test_errors_of_every_route_use_the_one_shape(api: Api) -> None:
    """A forbidden or invalid request to each route: the status varies, the shape does not."""
    for sample in SAMPLES:
        bad_body = {"unexpected": True} if sample.body is not None else None
        for user in ("de-inv", "hub-analyst"):
            response = api.client.request(
                sample.method,
                sample.path + "?limit=0&cursor=%%%",
                json=bad_body,
                headers=api.auth(user),
            )
            if response.status_code < 400:
                continue  # this user may use this route and it ignores the query
            assert response.status_code < 500, (sample, response.text)
            _error_shaped(response)


def test_unknown_path_and_method_use_the_shape(api: Api) -> None:
    response = api.get("de-inv", "/api/v1/nowhere")
    assert response.status_code == 404
    _error_shaped(response)
    response = api.client.put("/api/v1/me", headers=api.auth("de-inv"))
    assert response.status_code == 405 and "GET" in response.headers["allow"]
    _error_shaped(response)


def test_allow_lists_every_method_of_the_path(api: Api) -> None:
    response = api.client.put("/api/v1/organisations", headers=api.auth("de-inv"))
    assert response.status_code == 405 and response.headers["allow"] == "GET, POST"
    response = api.client.put("/api/v1/users/de-inv", headers=api.auth("de-inv"))
    assert response.headers["allow"] == "GET, PATCH"


def test_an_unknown_query_parameter_is_refused(api: Api) -> None:
    response = api.get("de-inv", "/api/v1/organisations", limt=5)
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "query.limt"
