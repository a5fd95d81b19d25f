"""The delivery worker of ``mare serve``: `Deliverer.run_once` in a thread, again and again."""

from __future__ import annotations

import logging
import threading

from mare.exchange.delivery import Deliverer
from mare.exchange.hub import Hub
from mare.settings import Settings

log = logging.getLogger("mare.webhooks")


class Worker:
    """`Deliverer.run_once` every ``webhook_poll_seconds``, in a thread (``mare serve``)."""

    def __init__(self, hub: Hub, settings: Settings) -> None:
        self.deliverer = Deliverer(hub, settings)
        self.poll = max(settings.webhook_poll_seconds, 0.01)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="mare-webhooks", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.deliverer.run_once()
            except Exception:  # the next pass tries again; the queue keeps everything
                log.exception("webhook delivery pass failed")
            self._stop.wait(self.poll)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self.deliverer.close()
