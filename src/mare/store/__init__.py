"""The entity store: statements with provenance, entities, identifier index, sources, rejects."""

from mare.store import exchange as exchange  # registers the exchange's tables on the metadata
from mare.store import notices as notices  # registers the notification tables on the metadata
from mare.store import retention as retention  # registers the retention tables on the metadata
from mare.store.store import Store

__all__ = ["Store"]
