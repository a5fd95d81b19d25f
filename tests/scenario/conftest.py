"""One small scenario per test session (generation takes a fraction of a second)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mare.scenario import generate
from mare.scenario.truth import read

SEED = 17
SCALE = "tiny"


@pytest.fixture(scope="session")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("scenario")
    generate(SEED, SCALE, out)
    return out


@pytest.fixture(scope="session")
def truth(scenario: Path) -> list[dict[str, object]]:
    return list(read(scenario / "truth.jsonl"))
