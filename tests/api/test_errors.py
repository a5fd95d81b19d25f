"""The one error shape for the errors no route means to raise: size, crashes, the store."""

from __future__ import annotations

from collections.abc import Iterator

from mare.errors import StoreError
from tests.api.conftest import Api


def _shape(data: dict[str, object]) -> dict[str, object]:
    assert set(data) == {"error"}
    error = data["error"]
    assert isinstance(error, dict) and set(error) == {"code", "message", "details"}
    return error


def test_a_declared_body_over_the_limit_is_413(api: Api) -> None:
    body = b'{"id": "X", "name": "' + b"x" * 70_000 + b'"}'
    response = api.client.post(
        "/api/v1/organisations",
        content=body,
        headers=api.auth("hub-admin", **{"Content-Type": "application/json"}),
    )
    assert response.status_code == 413
    assert _shape(response.json())["code"] == "too_large"


def test_a_streamed_body_over_the_limit_is_413(api: Api) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"id": "X", "name": "'
        for _ in range(20):
            yield b"x" * 8192
        yield b'"}'

    response = api.client.post(
        "/api/v1/organisations",
        content=chunks(),
        headers=api.auth("hub-admin", **{"Content-Type": "application/json"}),
    )
    assert response.status_code == 413, response.text
    assert _shape(response.json())["code"] == "too_large"
    entry = api.audit()[-1]
    assert entry["outcome"] == "denied" and entry["detail"]["status"] == 413


def test_a_body_under_the_limit_is_read(api: Api) -> None:
    response = api.client.post(
        "/api/v1/organisations",
        json={"id": "FR-X", "name": "x" * 150, "country": "FR"},
        headers=api.auth("hub-admin"),
    )
    assert response.status_code == 201


def test_malformed_json_is_422_in_the_shape(api: Api) -> None:
    response = api.client.post(
        "/api/v1/organisations",
        content=b"{not json",
        headers=api.auth("hub-admin", **{"Content-Type": "application/json"}),
    )
    assert response.status_code == 422
    assert _shape(response.json())["code"] == "invalid"


def test_an_unexpected_error_is_500_without_internals(api: Api) -> None:
    def boom() -> None:
        raise RuntimeError("secret internals: password=hunter2")

    api.app.add_api_route("/api/v1/boom", boom, name="test.boom")
    response = api.client.get("/api/v1/boom", headers=api.auth("de-inv"))
    assert response.status_code == 500
    error = _shape(response.json())
    assert error["code"] == "internal" and "hunter2" not in response.text
    entry = api.audit()[-1]
    assert (entry["operation"], entry["outcome"]) == ("test.boom", "error")
    assert "hunter2" not in str(entry)


def test_a_store_failure_is_503_without_the_driver_message(api: Api) -> None:
    def down() -> None:
        raise StoreError("write failed: (psycopg.OperationalError) host=10.0.0.7 user=mare")

    api.app.add_api_route("/api/v1/down", down, name="test.down")
    response = api.client.get("/api/v1/down", headers=api.auth("de-inv"))
    assert response.status_code == 503
    assert _shape(response.json())["code"] == "unavailable" and "10.0.0.7" not in response.text
