"""``mare webhooks deliver``: one pass over the queue, signed with the server's key."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from mare.cli.main import app
from mare.exchange import Hub, Keys, OrgKind, Principal, Role, parties, webhooks
from mare.exchange.notify import notify
from mare.exchange.signature import verify
from mare.settings import Settings
from mare.store import Store
from tests.receiver import Receiver, receiving

SECRET = "cli-test-secret"


def test_one_pass_delivers_what_is_due(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    hub = Hub(Store.open(db), Keys.from_secret(SECRET))
    operator = Principal.operator(Settings(user="ops", organisation="HUB"))
    partner = Principal("de-inv", "DE-BKA", Role.INVESTIGATOR, OrgKind.PARTNER)
    with receiving(Receiver(script=[500])) as receiver:
        with hub.context(operator) as ctx:
            parties.add_organisation(ctx, "HUB", "The hub", None, OrgKind.HUB)
            parties.add_organisation(ctx, "DE-BKA", "BKA", "DE", OrgKind.PARTNER)
            parties.add_user(ctx, "de-inv", "DE-BKA", Role.INVESTIGATOR, "D")
        with hub.context(partner) as ctx:
            secret, _ = webhooks.create(ctx, receiver.url, [])
        with hub.context(operator) as ctx:
            for case in ("c1", "c2"):
                notify(
                    ctx,
                    "DE-BKA",
                    "case.opened",
                    subject_type="case",
                    subject_id=case,
                    summary="A case was opened",
                    payload={"case": case},
                )
        hub.close()
        env = {"MARE_SECRET_KEY": SECRET, "MARE_WEBHOOK_BACKOFF_SECONDS": "60"}
        first = CliRunner().invoke(app, ["webhooks", "deliver", "--db", db], env=env)
        assert first.exit_code == 0, first.stderr
        assert "1 delivered, 1 to retry, 0 failed, 0 cancelled" in first.stdout
        again = CliRunner().invoke(app, ["webhooks", "deliver", "--db", db], env=env)
        assert "0 delivered, 0 to retry" in again.stdout  # the retry is not due for a minute
        got = receiver.wait_for(2)
    assert len(got) == 2
    for request in got:
        headers = request.headers
        assert verify(
            secret, headers["X-Mare-Timestamp"], request.body, headers["X-Mare-Signature"]
        )
