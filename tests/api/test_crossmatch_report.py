"""The cross-match report: what it shows each reader, what it withholds, its marks."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from mare.analysis import crossmatch
from mare.analysis.report_html import render
from mare.errors import Forbidden
from mare.exchange import Principal, parties
from mare.exchange.policy import NOT_FOR_COURT
from tests.api.conftest import Api
from tests.api.exchange import person, send

# The same man, from two partners: DE-BKA under H1 (not for court), IT-SCO under H2.
DE_SUSPECT = person("de-bka-p-1", "Abdelkarim Bensalah", "+216 98 765 432", birthDate="1984-03-09")
IT_SUSPECT = person(
    "it-sco-p-9",
    "Abd al-Karim Ben Salah",
    "00216 98 765 432",
    birthDate="1984-03-09",
    notes="seen at the port of Sfax",
)


def _reader(api: Api, operator: Principal, user: str) -> Principal:
    with api.hub.context(operator) as ctx:
        return parties.acting_as(ctx, user)


def _build(api: Api, operator: Principal, user: str) -> crossmatch.Report:
    with api.hub.context(_reader(api, operator, user)) as ctx:
        return crossmatch.build(ctx)


@pytest.fixture
def contributed(api: Api) -> Api:
    send(
        api,
        "de-inv",
        "DE-1",
        ["HUB"],
        DE_SUSPECT,
        handling="H1",
        categories={"de-bka-p-1": "suspect"},
    )
    send(
        api,
        "it-inv",
        "IT-1",
        ["HUB"],
        IT_SUSPECT,
        handling="H2",
        categories={"it-sco-p-9": "suspect"},
    )
    return api


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.banner = ""
        self._in_banner = False
        self.meta: dict[str, str] = {}
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if "banner" in (found.get("class") or ""):
            self._in_banner = True
        if tag == "meta" and found.get("name"):
            self.meta[str(found["name"])] = str(found.get("content"))
        for name in ("src", "href"):
            if found.get(name):
                self.external.append(str(found[name]))

    def handle_endtag(self, tag: str) -> None:
        self._in_banner = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_banner:
            self.banner += data


def _parse(page: str) -> _Text:
    parsed = _Text()
    parsed.feed(page)
    return parsed


def test_the_hub_analyst_sees_the_cross_border_hit_with_its_reasons(
    contributed: Api, operator: Principal
) -> None:
    report = _build(contributed, operator, "hub-analyst")
    assert report.withheld == 0
    [hit] = [h for h in report.hits if h.band == "match"]
    assert {hit.left.entity_id, hit.right.entity_id} == {"de-bka-p-1", "it-sco-p-9"}
    assert {o for s in (hit.left, hit.right) for o in s.owners} == {"DE-BKA", "IT-SCO"}
    features = {r["feature"] for r in hit.reasons}
    assert any("phone" in f for f in features) and "name" in features
    # The strictest code of the values behind it, and H1's mark.
    assert hit.handling == "H2" and hit.not_for_court
    assert report.handling == "H2" and report.not_for_court_reason == NOT_FOR_COURT
    figures = {p.organisation: p for p in report.partners}
    assert figures["DE-BKA"].messages == 1 and figures["IT-SCO"].entities == 1


def test_a_partner_never_sees_values_it_may_not_read(contributed: Api, operator: Principal) -> None:
    report = _build(contributed, operator, "de-inv")
    # DE may not read IT's H2 values: the hit is counted, never shown.
    assert report.hits == [] and report.withheld == 1
    assert [p.organisation for p in report.partners] == ["DE-BKA"]
    page = render(report)
    for value in ("Ben Salah", "Sfax", "it-sco-p-9"):
        assert value not in page
    # What DE owns and is told of: its own pending hit/no-hit, as requester or owner.
    assert all("DE-BKA" in (p.owner, p.requester) for p in report.pending)
    for group in report.groups:
        assert all(m.owners == ("DE-BKA",) for m in group.members)


def test_the_page_stands_alone_and_carries_its_marks(contributed: Api, operator: Principal) -> None:
    page = render(_build(contributed, operator, "hub-analyst"))
    parsed = _parse(page)
    assert parsed.meta["handling-code"] == "H2"
    assert "H2" in parsed.banner and NOT_FOR_COURT in parsed.banner
    assert parsed.external == []  # no script, stylesheet or image fetched
    text = " ".join(parsed.text)
    assert "Abd al-Karim Ben Salah" in text and "Abdelkarim Bensalah" in text
    assert "H1: not for court" in text


def test_markup_in_values_is_escaped(api: Api, operator: Principal) -> None:
    evil = "<script>alert(1)</script>"
    send(api, "de-inv", "DE-X", ["HUB"], person("de-bka-p-7", evil, "+216 98 111 222"))
    send(api, "it-inv", "IT-X", ["HUB"], person("it-sco-p-7", evil, "+216 98 111 222"))
    page = render(_build(api, operator, "hub-analyst"))
    assert evil not in page and "&lt;script&gt;" in page


def test_building_it_is_audited(contributed: Api, operator: Principal) -> None:
    _build(contributed, operator, "hub-analyst")
    entries = [e for e in contributed.audit() if e["operation"] == "report.crossmatch"]
    [entry] = entries
    assert entry["action"] == "export" and entry["actor_user"] == "hub-analyst"
    assert {"de-bka-p-1", "it-sco-p-9"} <= set(entry["object_ids"])
    acting = [e for e in contributed.audit() if e["operation"] == "user.act_as"]
    assert acting and acting[-1]["object_ids"] == ["hub-analyst"]


def test_administrators_read_no_operational_data(contributed: Api, operator: Principal) -> None:
    with pytest.raises(Forbidden):
        _build(contributed, operator, "hub-admin")


def test_the_supervisor_sees_every_pending_disclosure(
    contributed: Api, operator: Principal
) -> None:
    with contributed.hub.context(_reader(contributed, operator, "hub-super")) as ctx:
        waiting = crossmatch.pending(ctx)
    assert {(p.owner, p.requester) for p in waiting} == {("DE-BKA", "IT-SCO")}
    with contributed.hub.context(_reader(contributed, operator, "hub-analyst")) as ctx:
        assert crossmatch.pending(ctx) == []  # neither owner nor requester


def test_a_deactivated_user_cannot_be_acted_as(api: Api, operator: Principal) -> None:
    with api.hub.context(operator) as ctx:
        parties.set_user_active(ctx, "it-inv", False)
    with pytest.raises(Forbidden):
        _reader(api, operator, "it-inv")


def test_a_partner_hears_nothing_of_hits_among_others_data(xapi: Api, operator: Principal) -> None:
    send(xapi, "it-inv", "IT-2", ["HUB"], IT_SUSPECT, handling="H2")
    fr = person("fr-oc-p-3", "Abdelkarim Ben Salah", "+216 98 765 432", birthDate="1984-03-09")
    send(xapi, "fr-inv", "FR-2", ["HUB"], fr, handling="H2")
    assert _build(xapi, operator, "hub-analyst").bands  # the hub sees the IT-FR hit
    report = _build(xapi, operator, "de-inv")
    assert report.hits == [] and report.withheld == 0 and report.bands == {}
