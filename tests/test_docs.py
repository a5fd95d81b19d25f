"""The docs keep up with the code: every command and setting is documented."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from mare.cli.main import app
from mare.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    assert names
    for group in app.registered_groups:
        assert group.name and group.typer_instance
        for command in group.typer_instance.registered_commands:
            names.append(f"{group.name} {command.name}")
    for name in names:
        assert f"`mare {name}" in readme, f"mare {name} is not in the README's CLI reference"


def test_every_setting_is_documented() -> None:
    doc = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    for item in fields(Settings):
        assert f"`MARE_{item.name.upper()}`" in doc, f"{item.name} is not in docs/settings.md"


def test_readme_shows_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
