"""The cross-match report as one standalone HTML page (no server, no script, no
fetched asset): it opens from a file, prints, and can be handed on as it is.

Its top banner and every page's footer carry the strictest handling code of
what it shows, the not-for-court mark when any hit is drawn from H1 values,
and the H3 restriction texts; each hit carries its own marks too.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

from mare.analysis.crossmatch import CrossHit, GroupView, Report, Side

STYLE = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic",
sans-serif;margin:0 auto;max-width:1100px;padding:0 1.2em 3em;color:#1d2430}
h1{font-size:1.6em;margin:.6em 0 .1em}h2{margin-top:1.8em;border-bottom:1px solid #ccd}
.banner{position:sticky;top:0;padding:.5em .8em;font-weight:600;color:#fff;background:#2f5d8a}
.banner.H1{background:#8a6d1f}.banner.H2{background:#9c4a1a}.banner.H3{background:#8a1f2b}
.mark{display:inline-block;padding:0 .4em;border-radius:3px;font-size:.8em;font-weight:600;
background:#eee;margin-right:.3em}.mark.H1,.mark.court{background:#f3e2b3}
.mark.H2{background:#f5cfb8}.mark.H3{background:#f3c0c6}.mark.match{background:#cde8cf}
.mark.review{background:#e4e4f7}.mark.link{background:#d8e9f5}
table{border-collapse:collapse;width:100%;margin:.5em 0}
th,td{border:1px solid #d6d9e0;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#f2f4f8}td.n{text-align:right;font-variant-numeric:tabular-nums}
.hit{border:1px solid #d6d9e0;border-radius:6px;margin:1em 0;padding:.6em .9em;
break-inside:avoid}.pair{display:grid;grid-template-columns:1fr 1fr;gap:1em}
.side h4{margin:.2em 0}.side dl{margin:0;display:grid;grid-template-columns:max-content 1fr;
gap:0 .8em}.side dt{color:#667}.muted{color:#667}.restriction{color:#8a1f2b}
footer{margin-top:3em;color:#667;font-size:.85em}
@media print{.banner{position:static}}
"""


def _text(value: Any) -> str:
    return escape(str(value), quote=True)


def _marks(handling: str, not_for_court: bool, restrictions: Iterable[str]) -> str:
    out = f'<span class="mark {handling}">{handling}</span>'
    if not_for_court:
        out += '<span class="mark court">H1: not for court</span>'
    for text in restrictions:
        out += f'<span class="restriction">H3 restriction: {_text(text)}</span> '
    return out


def _side(side: Side) -> str:
    facts = "".join(f"<dt>{_text(p)}</dt><dd>{_text(v)}</dd>" for p, v in side.facts)
    return (
        f'<div class="side"><h4 dir="auto">{_text(side.caption)}</h4>'
        f'<div class="muted">{_text(side.schema)} <code>{_text(side.entity_id)}</code>, '
        f"reported by {_text(', '.join(side.owners))}</div><dl>{facts}</dl></div>"
    )


def _reasons(hit: CrossHit) -> str:
    rows = "".join(
        "<tr>"
        f"<td>{_text(r.get('feature', ''))}</td>"
        f'<td dir="auto">{_text(r.get("left", ""))}</td>'
        f'<td dir="auto">{_text(r.get("right", ""))}</td>'
        f'<td class="n">{float(r.get("contribution", 0.0)):+.2f}</td>'
        f"<td>{_text(r.get('detail', ''))}</td>"
        "</tr>"
        for r in hit.reasons
    )
    return (
        "<table><tr><th>evidence</th><th>left</th><th>right</th>"
        f"<th>weight</th><th>detail</th></tr>{rows}</table>"
    )


def _hit(hit: CrossHit) -> str:
    return (
        '<div class="hit">'
        f'<div><span class="mark {hit.band}">{hit.band}</span> {_text(hit.family)}, '
        f"score <b>{hit.score:.3f}</b> "
        f"{_marks(hit.handling, hit.not_for_court, hit.restrictions)}</div>"
        f'<div class="pair">{_side(hit.left)}{_side(hit.right)}</div>'
        f"{_reasons(hit)}</div>"
    )


def _group(number: int, group: GroupView) -> str:
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(group.links.items()))
    schemata = ", ".join(f"{n} {s}" for s, n in sorted(group.schemata.items(), key=lambda x: -x[1]))
    members = "".join(
        f'<tr><td dir="auto">{_text(m.caption)}</td><td>{_text(m.schema)}</td>'
        f"<td><code>{_text(m.entity_id)}</code></td><td>{_text(', '.join(m.owners))}</td></tr>"
        for m in group.members
    )
    more = group.size - len(group.members)
    tail = f'<p class="muted">and {more} more</p>' if more > 0 else ""
    border = "cross-border, " if len(group.owners) > 1 else ""
    if group.component:
        border += f"a cluster of a connected component of {group.component} entities, "
    return (
        f"<h3>Group {number}: {group.size} entities</h3>"
        f"<p>{border}reported by {_text(', '.join(group.owners))}; {_text(schemata)}; "
        f"links: {_text(kinds)}</p>"
        f"<table><tr><th>entity</th><th>schema</th><th>id</th><th>reported by</th></tr>"
        f"{members}</table>{tail}"
    )


def render(report: Report) -> str:
    """The whole page."""
    code = report.handling
    banner = f"Handling code {code}: the strictest of the values shown"
    if report.not_for_court_reason:
        banner += f" — {report.not_for_court_reason}"
    partners = "".join(
        f"<tr><td>{_text(p.organisation)}</td><td class='n'>{p.messages}</td>"
        f"<td class='n'>{p.entities}</td><td class='n'>{p.values}</td>"
        f"<td class='n'>{p.rejected}</td></tr>"
        for p in report.partners
    )
    bands = ", ".join(f"{n} {b}" for b, n in sorted(report.bands.items())) or "none"
    hits = "".join(_hit(h) for h in report.hits) or "<p>No cross-border hit you may read.</p>"
    pending = "".join(
        f"<tr><td>{_text(p.owner)}</td><td>{_text(p.requester)}</td><td>{_text(p.family)}</td>"
        f"<td>{_text(p.band)}</td><td class='n'>{p.count}</td></tr>"
        for p in report.pending
    )
    pending_table = (
        "<table><tr><th>owner</th><th>requester</th><th>family</th><th>band</th>"
        f"<th>hits</th></tr>{pending}</table>"
        if pending
        else "<p>None pending.</p>"
    )
    groups = "".join(_group(i, g) for i, g in enumerate(report.groups, start=1))
    restrictions = "".join(
        f'<li class="restriction">{_text(text)}</li>' for text in report.restrictions
    )
    restriction_block = (
        f"<p>H3 restrictions on values in this report:</p><ul>{restrictions}</ul>"
        if restrictions
        else ""
    )
    shown_hits = sum(report.bands.values())
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="handling-code" content="{code}">
<title>Mare cross-match report ({code})</title><style>{STYLE}</style></head>
<body><div class="banner {code}" role="note">{_text(banner)}</div>
<h1>Cross-match report</h1>
<p class="muted">Drawn up for {_text(report.reader)} ({_text(report.organisation)}) on
{report.generated_at:%Y-%m-%d %H:%M} UTC. It shows only what that reader may read;
this drawing-up is recorded in the hub's audit log.</p>
{restriction_block}
<h2>What partners sent</h2>
<table><tr><th>organisation</th><th>messages</th><th>entities</th><th>values</th>
<th>records refused</th></tr>{partners}</table>
<h2>Cross-border hits</h2>
<p>{shown_hits} hits between entities reported by different organisations ({_text(bands)});
{len(report.hits)} shown, strongest band first. {report.withheld} more are drawn from
values this reader may not read and are not shown (the owners decide on hit/no-hit
disclosures).</p>
{hits}
<h2>Hit/no-hit disclosures pending the owner's consent</h2>
{pending_table}
<h2>Largest connected groups</h2>
<p class="muted">Entities tied by a match, a shared identifier (not a generic one) or a
relation; cross-border groups first.</p>
{groups or "<p>No group.</p>"}
<footer>{_text(banner)}. Mare cross-match report.</footer>
</body></html>
"""


__all__ = ["render"]
