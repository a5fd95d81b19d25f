"""Process settings for Mare's long-running work (ingest, cross-check, batch, API).

The matcher keeps millions of small objects in its caches (parsed names,
token comparisons, alignments). Python's cycle collector walks every object
it tracks on each full collection: measured at 100k held persons, a full
collection during a cross-check paused it for about a second, the p99 of
a 20-entity message went from ~100 ms to ~1.2 s, and throughput fell by a
third. `quiet_collector` moves what survives each collection of the middle
generation out of the collector's reach (``gc.freeze``): young objects are
still collected as usual, so garbage cycles made and dropped while a batch
is handled go; long-lived objects (caches, modules, the connection pool)
are never walked again. What it costs: a cycle that outlives one middle
collection and only then becomes garbage is never freed (Mare makes none
on its paths; memory measured flat over the speed benchmark's messages).
"""

from __future__ import annotations

import gc
from typing import Any


def _freeze_survivors(phase: str, info: dict[str, Any]) -> None:
    if phase == "stop" and info.get("generation", 0) >= 1:
        gc.freeze()


def quiet_collector() -> None:
    """Install the policy above for this process (idempotent)."""
    if _freeze_survivors not in gc.callbacks:
        gc.callbacks.append(_freeze_survivors)
