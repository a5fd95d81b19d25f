"""Bulk ingest of FtM JSON lines, mapped CSV/Excel and partner message envelopes."""

from mare.ingest.pipeline import Defaults, Ingestor, Report

__all__ = ["Defaults", "Ingestor", "Report"]
