"""The REST API (FastAPI): `create_app` builds it; docs/exchange.md gives the conventions."""

from mare.api.app import create_app

__all__ = ["create_app"]
