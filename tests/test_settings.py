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
