"""The one settings object, built at start-up from ``MARE_*`` variables and flags."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from mare.errors import ConfigError

DEFAULT_DATABASE = "sqlite:///mare.db"


@dataclass(frozen=True, slots=True)
class Settings:
    """Every setting Mare reads. Documented in docs/settings.md (a test checks)."""

    database_url: str = DEFAULT_DATABASE
    batch_size: int = 1000
    organisation: str = "hub"
    user: str = "cli"
    benign_list: str = ""
    secret_key: str = ""
    max_request_bytes: int = 10 * 1024 * 1024
    webhook_backoff_seconds: float = 1.0
    webhook_backoff_max_seconds: float = 3600.0
    webhook_max_attempts: int = 8
    webhook_timeout_seconds: float = 5.0
    webhook_poll_seconds: float = 1.0
    sse_poll_seconds: float = 1.0
    sse_keepalive_seconds: float = 15.0
    sse_max_seconds: float = 3600.0
    max_attachment_bytes: int = 8 * 1024 * 1024

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Settings from ``MARE_<NAME>`` variables; non-None overrides (flags) win."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for item in fields(cls):
            raw = env.get(f"MARE_{item.name.upper()}")
            if raw is None or raw == "":
                continue
            if item.type in ("int", int):
                try:
                    values[item.name] = int(raw)
                except ValueError:
                    raise ConfigError(f"MARE_{item.name.upper()} must be a whole number") from None
            elif item.type in ("float", float):
                try:
                    values[item.name] = float(raw)
                except ValueError:
                    raise ConfigError(f"MARE_{item.name.upper()} must be a number") from None
            else:
                values[item.name] = raw
        settings = cls(**values)
        return replace(settings, **{k: v for k, v in overrides.items() if v is not None})
