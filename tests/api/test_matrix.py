"""The authorisation matrix: every data path × role × relation × handling code × category.

For each caller (`matrix.OBSERVERS`: each role; investigators of the owner, a
recipient, a case member and an outsider; the hub's analysts and supervisors
with and without a stated purpose) and each item (`matrix.ITEMS`: 4 relations
× 4 handling codes × 7 categories), every path that shows data is asked, and
the answer must hold the item's unique marker values exactly when the oracle
(`matrix.may_read`, `may_search`, `may_read_message`, written from the rule
table of docs/exchange.md) says so: zero reads of forbidden data, and every
allowed read works. The world is built once per session and backend.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from mare.api import create_app
from mare.exchange import Hub, Principal
from mare.exchange.roles import Role
from mare.settings import Settings
from mare.store import Store
from tests.api.matrix import (
    ITEMS,
    OBSERVERS,
    Item,
    Observer,
    P,
    World,
    may_read,
    may_read_message,
    may_search,
    populate,
)
from tests.conftest import POSTGRES_URL, postgres_skip
from tests.exchange.conftest import KEYS

TOTALS: dict[str, int] = {}
# On PostgreSQL the same rules run over the same SQL in another dialect: a
# recipient, a case member and the hub with a purpose suffice.
ON_POSTGRES = {"IT investigator", "FR investigator", "hub supervisor with purpose"}


def _url(backend: str, folder: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'matrix.db'}"
        return
    reason = postgres_skip()
    if reason:
        pytest.skip(reason)
    schema = f"mx_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in POSTGRES_URL else "?"
    try:
        yield f"{POSTGRES_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(
    scope="session", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    for url in _url(request.param, tmp_path_factory.mktemp("matrix")):
        hub = Hub(Store.open(url), KEYS)
        operator = Principal.operator(Settings(user="ops", organisation="HUB"))
        app = create_app(Settings(max_request_bytes=4 * 1024 * 1024), hub)
        with TestClient(app, raise_server_exceptions=False) as client:
            built = populate(hub, operator, client)
            built.backend = request.param
            yield built
        hub.close()


def _only(world: World, who: Observer) -> None:
    if world.backend == "postgres" and who.label not in ON_POSTGRES:
        pytest.skip("this caller's rows of the matrix run on SQLite (same rules, same SQL)")


def _count(path: str, n: int = 1) -> None:
    TOTALS[path] = TOTALS.get(path, 0) + n


def _denied_status(who: Observer) -> int:
    return 403 if who.role is Role.ADMIN else 404


def _markers(item: Item) -> tuple[str, str]:
    return item.name, item.phone


def _absent(text: str, item: Item) -> None:
    for marker in _markers(item):
        assert marker not in text, (item.key, marker)


@pytest.mark.parametrize("who", OBSERVERS, ids=lambda o: o.label)
def test_entity_reads(world: World, who: Observer) -> None:
    _only(world, who)
    for item in ITEMS:
        response = world.get(who, f"/entities/{item.entity}")
        if may_read(who, item):
            assert response.status_code == 200, (item.key, response.text)
            body = response.json()
            assert {s["value"] for s in body["statements"]} >= set(_markers(item)), item.key
            for statement in body["statements"]:
                assert statement["not_for_court"] is (item.handling == "H1"), item.key
                if item.handling == "H3":
                    assert statement["restriction"] == f"only within operation {item.key}"
        else:
            assert response.status_code == _denied_status(who), (item.key, response.text)
            _absent(response.text, item)
        _count("GET /entities/{id}")


@pytest.mark.parametrize("who", OBSERVERS, ids=lambda o: o.label)
def test_message_reads_and_threads(world: World, who: Observer) -> None:
    _only(world, who)
    for item in ITEMS:
        message_id = world.messages[item.key]
        response = world.get(who, f"/messages/{message_id}")
        thread = world.get(who, f"/messages/{message_id}/thread")
        if may_read_message(who, item):
            assert response.status_code == 200, (item.key, response.text)
            body = response.json()
            assert body["subject"] == item.subject
            assert body["not_for_court"] is (item.handling == "H1")
            values = {s["value"] for e in body["entities"] for s in e["statements"]}
            if may_read(who, item):
                assert values >= set(_markers(item)), item.key
            else:
                assert values == set(), item.key
                _absent(response.text, item)
            assert thread.status_code == 200
            assert [m["subject"] for m in thread.json()["items"]] == [item.subject]
        else:
            for answer in (response, thread):
                assert answer.status_code == _denied_status(who), (item.key, answer.text)
                assert item.subject not in answer.text
                _absent(answer.text, item)
        _count("GET /messages/{id}")
        _count("GET /messages/{id}/thread")


def _pages(world: World, who: Observer, url: str) -> tuple[int, list[dict[str, Any]]]:
    found: list[dict[str, Any]] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 200, **({"cursor": cursor} if cursor else {})}
        response = world.get(who, url, **params)
        if response.status_code != 200:
            return response.status_code, []
        page = response.json()
        found += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return 200, found


@pytest.mark.parametrize("who", OBSERVERS, ids=lambda o: o.label)
def test_message_lists(world: World, who: Observer) -> None:
    _only(world, who)
    status, listed = _pages(world, who, "/messages")
    expected = {i.subject for i in ITEMS if may_read_message(who, i)}
    if who.role is Role.ADMIN:
        assert status == 403
    assert {m["subject"] for m in listed} == expected
    text = orjson.dumps(listed).decode()
    for item in ITEMS:
        if not may_read(who, item):
            _absent(text, item)
    _count("GET /messages", len(ITEMS))


@pytest.mark.parametrize("who", OBSERVERS, ids=lambda o: o.label)
def test_search(world: World, who: Observer) -> None:
    _only(world, who)
    for item in ITEMS:
        # by a name (in part, any case) or by an identifier key, in turn
        by_name = item.n % 2 == 0
        phone = f"phone:{item.phone.replace(' ', '')}"
        for q in (item.name.split()[1].lower() if by_name else phone,):
            response = world.get(who, "/search", q=q)
            if who.role is Role.ADMIN:
                assert response.status_code == 403
            elif may_read(who, item):
                assert [e["id"] for e in response.json()["items"]] == [item.entity], (item.key, q)
            else:
                assert response.status_code == 200 and response.json()["items"] == [], item.key
            _absent(response.text, item) if not may_read(who, item) else None
            _count("GET /search")


@pytest.mark.parametrize("who", OBSERVERS, ids=lambda o: o.label)
def test_export(world: World, who: Observer) -> None:
    _only(world, who)
    response = world.get(who, "/export")
    if who.role is Role.ADMIN:
        assert response.status_code == 403
        return
    assert response.status_code == 200
    lines = [orjson.loads(line) for line in response.text.splitlines() if line]
    assert {e["id"] for e in lines} == {i.entity for i in ITEMS if may_read(who, i)}
    for item in ITEMS:
        if not may_read(who, item):
            _absent(response.text, item)
    for line in lines:
        for statement in line["statements"]:
            assert statement["not_for_court"] is (statement["handling"] == "H1")
    _count("GET /export", len(ITEMS))


@pytest.mark.parametrize("who", OBSERVERS, ids=lambda o: o.label)
def test_cross_check(world: World, who: Observer) -> None:
    _only(world, who)
    response = world.client.post(
        "/api/v1/check",
        json={"entities": [i.query() for i in ITEMS]},
        headers=world.headers(who),
    )
    if who.role is Role.ADMIN:
        assert response.status_code == 403
        _count("POST /check", len(ITEMS))  # every item refused to the administrator
        return
    assert response.status_code == 200, response.text
    hits = {h["your_entity"]: h for h in response.json()["items"]}
    assert len(hits) == len(response.json()["items"])  # one hit per query at most
    for item in ITEMS:
        hit = hits.get(f"q-{item.key}")
        if not may_search(who, item):
            assert hit is None, (item.key, hit)
        elif may_read(who, item):
            assert hit is not None and hit["visibility"] == "full", (item.key, hit)
            assert hit["entity"] == item.entity and hit["reasons"], item.key
        else:
            assert hit is not None and hit["visibility"] == "hit_no_hit", (item.key, hit)
            assert hit["owner"] == item.owner and hit["hit"] and hit["band"], item.key
            assert hit["entity"] is None and hit["score"] is None and hit["reasons"] == []
            assert item.entity not in orjson.dumps(hit).decode()
    _count("POST /check", len(ITEMS))


@pytest.mark.parametrize("who", OBSERVERS, ids=lambda o: o.label)
def test_cases_show_only_what_may_be_read(world: World, who: Observer) -> None:
    _only(world, who)
    members = {"K-P": {"DE-BKA", "FR-OC"}, "K-H": {"DE-BKA", "HUB"}}
    families = {"K-P": "P", "K-H": "K"}
    for ref, case_id in world.cases.items():
        response = world.get(who, f"/cases/{case_id}")
        if who.role is Role.ADMIN:
            assert response.status_code == 403
            continue
        if who.organisation not in members[ref] and who.role is not Role.SUPERVISOR:
            assert response.status_code == 404
            continue
        assert response.status_code == 200
        linked = {i for i in ITEMS if i.family == families[ref]}
        expected = {world.messages[i.key] for i in linked if may_read_message(who, i)}
        assert set(response.json()["messages"]) == expected, ref
        _count("GET /cases/{id}", len(linked))


@pytest.mark.parametrize("who", OBSERVERS, ids=lambda o: o.label)
def test_erasure_restriction_and_review_are_for_the_owner_and_the_supervisor(
    world: World, who: Observer
) -> None:
    """Only the owner restricts (here: lifts nothing) or erases its item; to everyone
    else the item is not there (the administrator: 403). Nothing is erased here: the
    owner's own erasure is tested in tests/api/test_retention_api.py."""
    _only(world, who)
    for item in ITEMS:
        owner = item.relation(who.organisation) == "owner" and who.role is not Role.ADMIN
        lift = world.client.post(
            f"{P}/entities/{item.entity}/restriction",
            json={"restricted": False},
            headers=world.headers(who),
        )
        assert lift.status_code == (200 if owner else _denied_status(who)), (item.key, lift.text)
        _count("POST /entities/{id}/restriction")
        if owner:
            continue
        gone = world.client.delete(f"{P}/entities/{item.entity}", headers=world.headers(who))
        assert gone.status_code == _denied_status(who), (item.key, gone.text)
        _absent(gone.text + lift.text, item)
        _count("DELETE /entities/{id}")
    review = world.get(who, "/review")
    assert review.status_code == (200 if who.role is Role.SUPERVISOR else 403), review.text
    extension = world.client.post(
        f"{P}/review/{ITEMS[0].entity}/extension",
        json={"reason": "matrix", "until": "1999-01-01"},
        headers=world.headers(who),
    )
    assert extension.status_code == (422 if who.role is Role.SUPERVISOR else 403)


def test_the_matrix_covered_every_combination() -> None:
    """Runs after the others (file order): every item met every caller on every path."""
    observed = len(OBSERVERS) * len(ITEMS)
    for path in ("GET /entities/{id}", "GET /messages/{id}", "POST /check", "GET /search"):
        assert TOTALS.get(path, 0) >= observed or not TOTALS, (path, TOTALS)
    print("matrix:", sum(TOTALS.values()), "checks;", TOTALS)
    relations = {(i.family, i.handling, i.category) for i in ITEMS}
    assert len(relations) == 4 * 4 * 7
