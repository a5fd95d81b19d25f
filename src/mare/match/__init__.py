"""Cross-checking: name keys and comparison across scripts (more to come, issue 3)."""
