"""When the workspace's data last changed: every import (and the demo build) records the time,
table, file and rows stored, in the same transaction as the rows; pages show it and caches of
results are keyed by it."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from salesmetrics.backends.base import Backend

LAST_IMPORT = "last_import"


def record_import(backend: Backend, table: str, file: str, rows: int) -> None:
    """Record an import of ``rows`` rows of ``file`` into ``table``, now (UTC)."""
    stamp = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
    entry = {"at": stamp, "table": table, "file": file, "rows": rows}
    backend.write_meta(LAST_IMPORT, json.dumps(entry))


def last_import(backend: Backend) -> dict[str, Any] | None:
    """``{"at", "table", "file", "rows"}`` of the latest import, or None before any."""
    return backend.read_meta_record(LAST_IMPORT)
