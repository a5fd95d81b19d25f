"""The entity store: statements with provenance, entities, identifier index, sources, rejects."""

from mare.store.store import Store

__all__ = ["Store"]
