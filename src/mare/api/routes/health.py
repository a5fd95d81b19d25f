"""``GET /health``: the only route open to anonymous callers; not audited."""

from __future__ import annotations

from fastapi import APIRouter

from mare import __version__
from mare.api.errors import responses
from mare.api.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/health", name="health", responses=responses(500))
def health() -> Health:
    """Whether the API is up (answers without touching the store)."""
    return Health(status="ok", version=__version__)
