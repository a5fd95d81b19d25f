"""``make demo``: the hub end to end on the reference scenario, over HTTP.

1. generates the reference scenario (`mare.scenario`, seed `DEMO_SEED`) into
   ``out/scenario``;
2. opens a fresh embedded store (``out/demo.db``) and registers the hub, the
   partners of the scenario, an investigator of each partner, a hub analyst
   and a supervisor, and an API token for each (``out/tokens/USER.token``);
3. starts ``mare serve`` on a free loopback port and sends every message, in
   the order sent, with its sender's token, as the partner would: the hub
   stores and cross-checks each one on receipt and acknowledges it;
4. stops the server and prints what happened: per partner the messages,
   entities and refusals; the cross-border hits with their reasons; the
   hit/no-hit disclosures waiting for their owners; the largest connected
   groups; and writes the cross-match report (``out/crossmatch.html``), drawn
   up for the hub analyst under the analyst's access rules.

The scenario describes attachments (name, size, hash) but ships no content,
so the demo sends the messages without them and says how many it left out.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2 as httpx
import orjson
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from mare.analysis import crossmatch
from mare.analysis.report_html import render
from mare.errors import MareError
from mare.exchange import Hub, OrgKind, Principal, Role, parties, tokens
from mare.scenario import DEMO_SEED, generate
from mare.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "out"
HUB = "HUB"
ANALYST = "hub-analyst"
SUPERVISOR = "hub-dpo"


@dataclass
class Sent:
    """What one partner's messages got back."""

    messages: int = 0
    accepted: int = 0
    refused: list[str] = field(default_factory=list)  # "message id: reason"
    entities: int = 0
    rejects: int = 0
    hits: Counter[str] = field(default_factory=Counter)  # match/review/link, hit_no_hit


def _user_of(org: str) -> str:
    return f"{org.lower()}-inv"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def register(
    hub: Hub, settings: Settings, partners: list[dict[str, Any]], token_dir: Path
) -> dict[str, str]:
    """The hub, the partners and their users; a token per user, written to ``token_dir``.
    Returns organisation -> token (the hub's organisation: the analyst's)."""
    operator = Principal.operator(settings)
    issued: dict[str, str] = {}
    token_dir.mkdir(parents=True, exist_ok=True)
    with hub.context(operator) as ctx:
        parties.add_organisation(ctx, HUB, "The hub", None, OrgKind.HUB)
        parties.add_user(ctx, ANALYST, HUB, Role.ANALYST, "Hub analyst")
        parties.add_user(ctx, SUPERVISOR, HUB, Role.SUPERVISOR, "Data protection officer")
        for partner in partners:
            org = partner["id"]
            parties.add_organisation(
                ctx, org, partner["name"], partner["country"].upper(), OrgKind.PARTNER
            )
            parties.add_user(ctx, _user_of(org), org, Role.INVESTIGATOR, f"{org} investigator")
        for user, org in [
            (ANALYST, HUB),
            (SUPERVISOR, None),
            *((_user_of(p["id"]), p["id"]) for p in partners),
        ]:
            secret, _ = tokens.create_token(ctx, user)
            path = token_dir / f"{user}.token"
            path.write_text(secret + "\n", encoding="utf-8")
            path.chmod(0o600)
            if org is not None:
                issued[org] = secret
    return issued


class Server:
    """``mare serve`` in a child process on a free loopback port."""

    def __init__(self, url: str, log: Path) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}/api/v1"
        self.log = log.open("wb")
        command = [sys.executable, "-m", "mare", "serve", "--db", url]
        command += ["--port", str(self.port), "--no-webhooks"]
        self.proc = subprocess.Popen(
            command, cwd=ROOT, env=os.environ.copy(), stdout=self.log, stderr=subprocess.STDOUT
        )

    def wait(self, seconds: float = 60.0) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise MareError(
                    f"mare serve stopped (exit {self.proc.returncode}); see {self.log.name}"
                )
            try:
                if httpx.get(f"{self.base}/health", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        raise MareError(f"mare serve did not answer within {seconds:.0f} s")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def send_all(
    base: str, files: list[Path], issued: dict[str, str], console: Console
) -> tuple[dict[str, Sent], int]:
    """Post every message with its sender's token; returns what each sender got back and
    the number of attachment references left out."""
    sent: dict[str, Sent] = defaultdict(Sent)
    left_out = 0
    columns = (
        TextColumn("sending messages"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with (
        httpx.Client(base_url=base, timeout=120) as client,
        Progress(*columns, console=console, transient=True) as bar,
    ):
        task = bar.add_task("send", total=len(files))
        for path in files:
            body = orjson.loads(path.read_bytes())
            left_out += len(body.pop("attachments", []) or [])
            sender = body["sender"]
            mine = sent[sender]
            mine.messages += 1
            answer = client.post(
                "/messages",
                content=orjson.dumps(body),
                headers={
                    "Authorization": f"Bearer {issued[sender]}",
                    "Content-Type": "application/json",
                },
            )
            if answer.status_code in (200, 201):
                ack = answer.json()
                mine.accepted += 1
                mine.entities += ack["entities"]
                mine.rejects += len(ack["rejects"])
                for item in ack["hits"]["items"]:
                    key = item["band"] if item["visibility"] == "full" else "hit_no_hit"
                    mine.hits[key] += 1
            else:
                error = answer.json().get("error", {})
                mine.refused.append(f"{body['message_id']}: {error.get('message', answer.text)}")
            bar.advance(task)
    return dict(sent), left_out


def _short(value: Any, width: int = 40) -> str:
    text = str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def summarise(
    console: Console,
    sent: dict[str, Sent],
    report: crossmatch.Report,
    waiting: list[crossmatch.Pending],
    left_out: int,
) -> None:
    table = Table(
        "partner",
        "messages",
        "accepted",
        "refused",
        "entities",
        "records rejected",
        "hits (match/review/link)",
        "hit/no-hit",
        title="What each partner sent and got back",
    )
    for org in sorted(sent):
        s = sent[org]
        table.add_row(
            org,
            str(s.messages),
            str(s.accepted),
            str(len(s.refused)),
            str(s.entities),
            str(s.rejects),
            f"{s.hits['match']}/{s.hits['review']}/{s.hits['link']}",
            str(s.hits["hit_no_hit"]),
        )
    console.print(table)
    refused = [r for s in sent.values() for r in s.refused]
    for line in refused:
        console.print(f"  refused whole: {line}", highlight=False, markup=False)
    if left_out:
        console.print(
            f"  {left_out} attachment references left out (the scenario ships no content)"
        )

    bands = ", ".join(f"{n} {b}" for b, n in sorted(report.bands.items()))
    console.print(
        f"\n[bold]Cross-border hits[/bold] the hub analyst may read: {bands or 'none'}; "
        f"{report.withheld} more drawn from values the analyst may not read."
    )
    for hit in [h for h in report.hits if h.band == "match"][:6]:
        court = " [yellow]not for court (H1)[/yellow]" if hit.not_for_court else ""
        console.print(
            f"  {hit.score:.3f} {hit.family}: {_short(hit.left.caption)} "
            f"({', '.join(hit.left.owners)}) = {_short(hit.right.caption)} "
            f"({', '.join(hit.right.owners)}) "
            f"[{hit.handling}]{court}",
            highlight=False,
        )
        strongest = sorted(hit.reasons, key=lambda r: -abs(float(r.get("contribution", 0))))
        for reason in strongest[:3]:
            weight = float(reason.get("contribution", 0))
            compared = (
                f"{_short(reason.get('left'), 30)} ~ {_short(reason.get('right'), 30)}"
                if reason.get("left") or reason.get("right")
                else str(reason.get("detail", ""))
            )
            console.print(
                f"      {reason.get('feature')}: {compared} ({weight:+.1f})",
                highlight=False,
                markup=False,
            )

    total = sum(p.count for p in waiting)
    console.print(
        f"\n[bold]Hit/no-hit disclosures pending the owner's consent[/bold] "
        f"(the supervisor's view): {total}"
    )
    for pending in waiting[:8]:
        console.print(
            f"  {pending.owner} owns what {pending.requester} hit: {pending.count} "
            f"{pending.family} ({pending.band})",
            highlight=False,
        )

    console.print("\n[bold]Largest connected groups[/bold] (cross-border first):")
    for number, group in enumerate(report.groups[:5], start=1):
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(group.links.items()))
        within = f"; a cluster of a component of {group.component}" if group.component else ""
        owners = ", ".join(group.owners[:6]) + ("…" if len(group.owners) > 6 else "")
        console.print(
            f"  {number}. {group.size} entities from {len(group.owners)} partners ({owners})"
            f"{within}; links: {kinds}",
            highlight=False,
        )
        console.print(
            "     " + "; ".join(_short(m.caption, 28) for m in group.members[:4]),
            highlight=False,
            markup=False,
        )


def run(out: Path, seed: int, scale: str, console: Console) -> int:
    started = time.monotonic()
    out.mkdir(parents=True, exist_ok=True)
    scenario_dir = out / "scenario"
    with console.status("generating the scenario"):
        summary = generate(seed, scale, scenario_dir)
    console.print(
        f"scenario (seed {seed}, {scale}): {summary.messages} messages, {summary.entities} "
        f"entities from {len(summary.senders)} partners, into {scenario_dir}"
    )
    db = out / "demo.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    url = f"sqlite:///{db}"
    settings = Settings.from_env(database_url=url)
    partners = orjson.loads((scenario_dir / "partners.json").read_bytes())
    hub = Hub.open(settings)
    try:
        issued = register(hub, settings, partners, out / "tokens")
    finally:
        hub.close()
    console.print(f"registered the hub and {len(partners)} partners; tokens in {out / 'tokens'}")
    server = Server(url, out / "serve.log")
    try:
        server.wait()
        console.print(f"mare serve is up at {server.base}; sending as each partner would")
        files = sorted((scenario_dir / "messages").glob("*.json"))
        sent_at = time.monotonic()
        sent, left_out = send_all(server.base, files, issued, console)
        took = time.monotonic() - sent_at
    finally:
        server.stop()
    console.print(
        f"{len(files)} messages sent in {took:.1f} s ({len(files) / took:.0f}/s), "
        "each stored and cross-checked on receipt; server stopped\n"
    )
    hub = Hub.open(settings)
    try:
        with hub.context(Principal.operator(settings)) as ctx:
            analyst = parties.acting_as(ctx, ANALYST, "demo: cross-match report")
            dpo = parties.acting_as(ctx, SUPERVISOR, "demo: disclosures pending")
        with hub.context(analyst) as ctx:
            report = crossmatch.build(ctx)
        with hub.context(dpo) as ctx:
            waiting = crossmatch.pending(ctx)
    finally:
        hub.close()
    summarise(console, sent, report, waiting, left_out)
    page = out / "crossmatch.html"
    page.write_text(render(report), encoding="utf-8")
    court = ", marked not for court (H1)" if report.not_for_court else ""
    console.print(f"\ncross-match report for {ANALYST}: {page} (handling {report.handling}{court})")
    console.print(
        f"done in {time.monotonic() - started:.0f} s. Serve the store: "
        f".venv/bin/mare serve --db {db}\n"
        f'and ask as the hub analyst: curl -H "Authorization: Bearer $(cat '
        f'{out / "tokens" / (ANALYST + ".token")})" http://127.0.0.1:8000/api/v1/disclosures',
        highlight=False,
        soft_wrap=True,
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mare.demo", description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=DEMO_SEED)
    parser.add_argument("--scale", default="demo", help="tiny, demo, small, ... or a number")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    console = Console()
    try:
        return run(args.out, args.seed, args.scale, console)
    except MareError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
