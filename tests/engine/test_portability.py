"""KPI expressions use only operations other SQL backends compile (scale-out path)."""

from __future__ import annotations

import ibis
import pytest

from salesmetrics.catalog import all_kpis, get_kpi
from salesmetrics.engine import context
from salesmetrics.engine.sql import build_queries
from salesmetrics.workspace import Workspace
from tests.engine.data import add, deal


@pytest.mark.parametrize("kpi_id", [k.id for k in all_kpis()])
def test_every_kpi_compiles_for_postgres(workspace: Workspace, kpi_id: str) -> None:
    workspace.set_setting("stage_probabilities", {"proposal": 50})
    add(workspace, "opportunities", deal("a", "won", "2024-03-10", owner_rep_id="r1"))
    sliced = "rep" in get_kpi(kpi_id).dimensions  # company-level KPIs (cost) take no slices
    with workspace.backend.session() as session:
        ctx = context(
            workspace,
            kpi_id,
            session,
            grain="quarter",
            start="2024-01-01",
            end="2024-12-31",
            by=["rep"] if sliced else [],
            where={"rep": ["r1", None]} if sliced else {},
            as_of="2024-12-31",
        )
        queries = build_queries(ctx, [ctx.request.kpi])
    for query in queries:
        sql = str(ibis.to_sql(query.expr, dialect="postgres"))
        assert ("sm_spine_" in sql or "sm_buckets_" in sql) and "GROUP BY" in sql
