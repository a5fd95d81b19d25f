"""``mare webhooks deliver``: one pass of the webhook delivery queue (tests, cron)."""

from __future__ import annotations

import typer

from mare.cli.common import DbOption, fails_cleanly, out, warn_if_insecure
from mare.exchange import Hub
from mare.exchange.delivery import Deliverer
from mare.settings import Settings

webhook_app = typer.Typer(help="Webhook deliveries.", no_args_is_help=True)


@webhook_app.command("deliver")
@fails_cleanly
def deliver(db: DbOption = None) -> None:
    """Post every delivery that is due now, once (``mare serve`` does it continuously)."""
    settings = Settings.from_env(database_url=db)
    hub = Hub.open(settings)
    try:
        warn_if_insecure(hub)
        deliverer = Deliverer(hub, settings)
        try:
            report = deliverer.run_once()
        finally:
            deliverer.close()
    finally:
        hub.close()
    out.print(
        f"{report.delivered} delivered, {report.retrying} to retry, {report.failed} failed, "
        f"{report.cancelled} cancelled"
    )
