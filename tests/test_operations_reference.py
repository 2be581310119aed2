"""The activity, team, finance and marketing KPIs against the independent pandas reference
(tests/reference/pandas_operations.py, written from spec/kpis.md and the agreed conventions
without reading the engine), on the `ops_small` fixture company, on every engine of the test
matrix (DuckDB, a real PostgreSQL server, PySpark local).

Each case computes every KPI that supports its dimensions in one `Workspace.kpis` call (the way
the dashboard asks), then compares each KPI with the reference.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from salesmetrics.catalog import get_kpi
from salesmetrics.transfer import copy_workspace
from salesmetrics.workspace import Workspace
from tests.engines import engine_params
from tests.reference import pandas_operations as ref
from tests.reference.fixture import load_workspace
from tests.test_kpi_reference import assert_frames_match

ALL = tuple(ref.REFERENCE)
AS_OF = "2025-06-30"
CASES: list[tuple[str, dict[str, Any], int]] = [
    ("month", {"grain": "month", "start": "2024-01-01", "end": "2025-03-31"}, 1),
    ("quarter", {"grain": "quarter", "start": "2024-01-01", "end": "2025-03-31"}, 1),
    ("fy_feb_quarter", {"grain": "quarter", "start": "2024-02-01", "end": "2025-01-31"}, 2),
    ("year", {"grain": "year", "start": "2024-01-01", "end": "2025-03-31"}, 1),
    ("total", {"grain": "total", "start": "2024-02-10", "end": "2024-11-20"}, 1),
    ("week_partial", {"grain": "week", "start": "2024-02-28", "end": "2024-04-10"}, 1),
    ("day", {"grain": "day", "start": "2024-03-25", "end": "2024-04-02"}, 1),
    ("month_mid_range", {"grain": "month", "start": "2024-03-15", "end": "2024-10-20"}, 1),
    ("quarter_by_team", {"grain": "quarter", "start": "2024-01-01", "end": "2024-12-31",
                         "by": ["team"]}, 1),
    ("month_by_rep", {"grain": "month", "start": "2024-01-01", "end": "2024-06-30",
                      "by": ["rep"]}, 1),
    ("quarter_by_channel", {"grain": "quarter", "start": "2024-01-01", "end": "2025-03-31",
                            "by": ["channel"]}, 1),
    ("month_by_activity_type", {"grain": "month", "start": "2024-01-01", "end": "2024-06-30",
                                "by": ["activity_type"]}, 1),
    ("quarter_by_segment", {"grain": "quarter", "start": "2024-01-01", "end": "2024-12-31",
                            "by": ["segment"]}, 1),
    ("month_where_team", {"grain": "month", "start": "2024-01-01", "end": "2024-12-31",
                          "where": {"team": [None, "East"]}}, 1),
    ("month_where_call", {"grain": "month", "start": "2024-01-01", "end": "2024-12-31",
                          "where": {"activity_type": ["call"]}}, 1),
    ("empty_range", {"grain": "month", "start": "2022-01-01", "end": "2022-03-31"}, 1),
]  # fmt: skip


def _supports(kpi: str, request: dict[str, Any]) -> bool:
    dims = [*request.get("by", []), *request.get("where", {})]
    return all(d in ref.DIMENSIONS[kpi] for d in dims)


def _kpis(request: dict[str, Any]) -> list[str]:
    return [k for k in ALL if _supports(k, request)]


@pytest.fixture(scope="module")
def workspaces(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    root = tmp_path_factory.mktemp("ops_small")
    return {
        fy: load_workspace(root / f"fy{fy}.duckdb", fy, ref.FIXTURE_DIR, ref.TABLE_NAMES)
        for fy in (1, 2)
    }


@pytest.fixture(scope="module", params=engine_params())
def opened(
    request: pytest.FixtureRequest, workspaces: dict[int, Path], locations: Any
) -> Iterator[dict[int, Workspace]]:
    engine = request.param
    handles: dict[int, Workspace] = {}
    for fy, path in workspaces.items():
        if engine == "duckdb":
            handles[fy] = Workspace(path)
            continue
        target = Workspace.create(locations.new(engine, f"ops_small_fy{fy}"))
        with Workspace(path) as source:
            copy_workspace(source, target, [])
        handles[fy] = target
    yield handles
    for ws in handles.values():
        ws.close()


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return ref.load_tables()


@pytest.mark.parametrize(("label", "request_", "fy"), CASES, ids=[c[0] for c in CASES])
def test_engine_matches_reference(
    opened: dict[int, Workspace],
    tables: dict[str, pd.DataFrame],
    label: str,
    request_: dict[str, Any],
    fy: int,
) -> None:
    ids = _kpis(request_)
    assert ids, label
    got = opened[fy].kpis(ids, as_of=AS_OF, **request_)
    for kpi in ids:
        want = ref.REFERENCE[kpi](
            tables,
            request_["grain"],
            request_["start"],
            request_["end"],
            request_.get("by", []),
            request_.get("where", {}),
            AS_OF,
            ref.settings(fy),
        )
        assert_frames_match(got[kpi], want, f"{kpi} {label} {request_} fy={fy}")


def test_every_new_kpi_is_compared_and_sliced() -> None:
    compared = {k for _, request, _ in CASES for k in _kpis(request)}
    assert compared == set(ALL)
    for kpi in ALL:  # the reference and the catalog agree on the dimensions
        assert set(ref.DIMENSIONS[kpi]) == set(get_kpi(kpi).dimensions), kpi
