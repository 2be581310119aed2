"""Many KPIs in one pass: `Workspace.kpis` gives exactly the rows of separate `kpi` calls."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from salesmetrics.catalog import all_kpis
from salesmetrics.engine import checked_request, compiled_plan
from salesmetrics.workspace import Workspace
from tests.reference.fixture import load_workspace

REQUESTS: list[dict[str, Any]] = [
    {"grain": "month", "start": "2024-01-01", "end": "2024-06-30", "as_of": "2025-03-31"},
    {"grain": "quarter", "start": "2024-01-01", "end": "2024-12-31", "by": ["team"],
     "as_of": "2025-03-31"},
    {"grain": "total", "start": "2023-11-01", "end": "2025-03-31", "by": ["region"],
     "where": {"team": ["East", None]}, "as_of": "2025-03-31"},
]  # fmt: skip


@pytest.fixture(scope="module")
def company(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return load_workspace(tmp_path_factory.mktemp("batch") / "kpi_small.duckdb")


@pytest.mark.parametrize("request_", REQUESTS, ids=["month", "quarter_by_team", "total_where"])
def test_kpis_equals_separate_calls_for_every_kpi(company: Path, request_: dict[str, Any]) -> None:
    dims = {*request_.get("by", []), *request_.get("where", {})}
    ids = [k.id for k in all_kpis() if dims <= set(k.dimensions)]
    with Workspace(company) as ws:
        together = ws.kpis(ids, **request_)
        for kpi_id in ids:
            alone = ws.kpi(kpi_id, **request_)
            # equal to the last bits a parallel sum of doubles may order differently
            pd.testing.assert_frame_equal(
                together[kpi_id], alone, check_exact=False, rtol=1e-12, atol=0.0, obj=kpi_id
            )
            assert together[kpi_id].attrs == alone.attrs, kpi_id


def test_kpis_sharing_a_row_set_share_one_query(company: Path) -> None:
    ids = ["revenue", "won_deals", "win_rate", "average_deal_size", "sales_cycle_days"]
    request = {"grain": "month", "start": "2024-01-01", "end": "2024-12-31"}
    with Workspace(company) as ws, ws.backend.session() as session:
        checked = checked_request(ws, ids, session, **request)
        plan = compiled_plan(ws, checked, session, ws.engine_settings())
    assert [q.rowset for q in plan.queries] == ["closed_deals"]
    assert set(plan.queries[0].kpis) == set(ids)
