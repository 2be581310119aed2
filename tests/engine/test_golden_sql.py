"""Golden SQL: the SQL each KPI compiles to in every backend's dialect, for one fixed request.

Regenerate with ``SALESMETRICS_REGEN_GOLDEN=1 pytest tests/engine/test_golden_sql.py``; never
edit the files by hand. A diff shows exactly how a change alters what runs in each database.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from salesmetrics.backends import compile_sql
from salesmetrics.catalog import all_kpis, get_kpi
from salesmetrics.engine import context
from salesmetrics.engine.sql import build_queries
from salesmetrics.workspace import Workspace

GOLDEN = Path(__file__).parent / "golden"
REQUEST = {
    "grain": "quarter",
    "start": "2024-01-01",
    "end": "2024-12-31",
    "as_of": "2025-01-31",
    "by": ["team"],
}


DIALECTS = ("duckdb", "postgres", "pyspark")


def compiled_sql(workspace: Workspace, kpi_id: str, dialect: str) -> str:
    request = dict(REQUEST)
    if "team" not in get_kpi(kpi_id).dimensions:  # company-level KPIs (cost)
        request["by"] = []
    with workspace.backend.session() as session:
        ctx = context(workspace, kpi_id, session, **request)
        queries = build_queries(ctx, [ctx.request.kpi])
    parts = [compile_sql(q.expr, dialect, pretty=True) for q in queries]
    return "\n;\n".join(parts) + "\n"


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("kpi_id", [k.id for k in all_kpis()])
def test_sql_matches_golden(workspace: Workspace, kpi_id: str, dialect: str) -> None:
    sql = compiled_sql(workspace, kpi_id, dialect)
    path = GOLDEN / dialect / f"{kpi_id}.sql"
    path.parent.mkdir(exist_ok=True)
    if os.environ.get("SALESMETRICS_REGEN_GOLDEN") == "1":
        path.write_bytes(sql.encode("utf-8"))
    assert path.exists(), f"no golden SQL for {kpi_id}; run with SALESMETRICS_REGEN_GOLDEN=1"
    assert sql == path.read_bytes().decode("utf-8")
