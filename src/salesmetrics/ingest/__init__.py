"""Importing files: readers, CRM export presets, validation rules and the atomic load."""

from __future__ import annotations

from salesmetrics.ingest.importer import import_file
from salesmetrics.ingest.presets import PRESETS
from salesmetrics.ingest.report import (
    Finding,
    ImportFailed,
    ImportOptions,
    ImportResult,
    Issue,
)

__all__ = [
    "PRESETS",
    "Finding",
    "ImportFailed",
    "ImportOptions",
    "ImportResult",
    "Issue",
    "import_file",
]
