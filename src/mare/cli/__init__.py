"""The ``mare`` command line."""
