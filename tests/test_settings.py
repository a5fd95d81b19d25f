"""Settings come from MARE_* variables; flags win."""

from __future__ import annotations

import pytest

from mare.errors import ConfigError
from mare.settings import DEFAULT_DATABASE, Settings


def test_defaults() -> None:
    assert Settings.from_env({}).database_url == DEFAULT_DATABASE


def test_environment_and_overrides() -> None:
    env = {"MARE_DATABASE_URL": "sqlite:///x.db", "MARE_BATCH_SIZE": "50"}
    settings = Settings.from_env(env)
    assert (settings.database_url, settings.batch_size) == ("sqlite:///x.db", 50)
    assert Settings.from_env(env, database_url="y.db", batch_size=None).database_url == "y.db"


def test_bad_number() -> None:
    with pytest.raises(ConfigError, match="MARE_BATCH_SIZE"):
        Settings.from_env({"MARE_BATCH_SIZE": "many"})


def test_seconds_are_numbers() -> None:
    settings = Settings.from_env({"MARE_WEBHOOK_BACKOFF_SECONDS": "0.25"})
    assert settings.webhook_backoff_seconds == 0.25
    with pytest.raises(ConfigError, match="MARE_SSE_POLL_SECONDS must be a number"):
        Settings.from_env({"MARE_SSE_POLL_SECONDS": "soon"})
