"""The simulator's data files (``data/*.csv``), read as rows of text."""

from __future__ import annotations

import csv
import io
from importlib import resources


def rows(name: str) -> list[dict[str, str]]:
    """The rows of ``data/<name>`` as dictionaries keyed by the header."""
    text = resources.files("mare.scenario").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))
