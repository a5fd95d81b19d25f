"""The migrations form one line: one head, each revision after the one before."""

from __future__ import annotations

from alembic.script import ScriptDirectory

from mare.store.engine import _config


def test_one_head() -> None:
    script = ScriptDirectory.from_config(_config())
    assert len(script.get_heads()) == 1, "two migrations share a parent: chain yours after the head"
    revisions = list(script.walk_revisions())
    assert revisions[-1].down_revision is None
