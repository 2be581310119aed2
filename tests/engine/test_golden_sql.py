"""Golden SQL: the DuckDB SQL each KPI compiles to, for one fixed request.

Regenerate with ``SALESMETRICS_REGEN_GOLDEN=1 pytest tests/engine/test_golden_sql.py``; never
edit the files by hand. A diff shows exactly how a change alters what runs in the database.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from salesmetrics.catalog import all_kpis
from salesmetrics.engine import context
from salesmetrics.engine.backend import to_sql
from salesmetrics.engine.compile import compile_queries
from salesmetrics.workspace import Workspace

GOLDEN = Path(__file__).parent / "golden"
REQUEST = {
    "grain": "quarter",
    "start": "2024-01-01",
    "end": "2024-12-31",
    "as_of": "2025-01-31",
    "by": ["team"],
}


def compiled_sql(workspace: Workspace, kpi_id: str) -> str:
    ctx = context(workspace, kpi_id, **REQUEST)
    parts = [to_sql(workspace, q.expr, pretty=True) for q in compile_queries(ctx)]
    return "\n;\n".join(parts) + "\n"


@pytest.mark.parametrize("kpi_id", [k.id for k in all_kpis()])
def test_sql_matches_golden(workspace: Workspace, kpi_id: str) -> None:
    sql = compiled_sql(workspace, kpi_id)
    path = GOLDEN / f"{kpi_id}.sql"
    if os.environ.get("SALESMETRICS_REGEN_GOLDEN") == "1":
        path.write_bytes(sql.encode("utf-8"))
    assert path.exists(), f"no golden SQL for {kpi_id}; run with SALESMETRICS_REGEN_GOLDEN=1"
    assert sql == path.read_bytes().decode("utf-8")
