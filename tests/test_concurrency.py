"""Many requests at once on one workspace give exactly the single-thread numbers, on every engine.

8 threads each run 25 mixed KPI requests (different KPIs, grains, slices, filters; 4 each on
Spark local) against one `Workspace`, the way the web server will; every result must equal the
one computed alone.
"""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from salesmetrics.catalog import all_kpis
from salesmetrics.transfer import copy_workspace
from salesmetrics.workspace import Workspace
from tests.engines import engine_params
from tests.reference.fixture import load_workspace

THREADS = 8
PER_THREAD = 25
#: Spark local answers a query in about half a second: fewer requests, the same 8 threads
PER_THREAD_ON = {"pyspark": 4}
SHAPES: list[dict[str, Any]] = [
    {"grain": "month", "start": "2024-01-01", "end": "2024-06-30"},
    {"grain": "quarter", "start": "2024-01-01", "end": "2024-12-31", "by": ["team"]},
    {"grain": "total", "start": "2023-11-01", "end": "2025-03-31", "by": ["source"]},
    {"grain": "week", "start": "2024-03-01", "end": "2024-04-15"},
    {"grain": "quarter", "start": "2024-01-01", "end": "2024-12-31", "where": {"team": "East"}},
]


def requests(seed: int, count: int) -> list[tuple[str, dict[str, Any]]]:
    """``count`` (kpi, request) pairs, each KPI with a shape it supports."""
    rng = random.Random(seed)
    kpis = all_kpis()
    out = []
    while len(out) < count:
        kpi = rng.choice(kpis)
        shape = dict(rng.choice(SHAPES))
        dims = [*shape.get("by", []), *shape.get("where", {})]
        if any(d not in kpi.dimensions for d in dims):
            continue
        out.append((kpi.id, {**shape, "as_of": "2025-03-31"}))
    return out


@pytest.fixture(params=engine_params())
def shared(request: pytest.FixtureRequest, tmp_path: Path, locations: Any):
    """The fixture company on one engine, opened once and shared by every thread."""
    path = load_workspace(tmp_path / "kpi_small.duckdb")
    if request.param == "duckdb":
        with Workspace(path) as ws:
            yield ws
        return
    with Workspace.create(locations.new(request.param, "concurrent")) as ws:
        with Workspace(path) as source:
            copy_workspace(source, ws, [])
        yield ws


def key(kpi: str, req: dict[str, Any]) -> str:
    return f"{kpi} {sorted(req.items())}"


@pytest.mark.slow
def test_eight_threads_get_the_single_thread_numbers(shared: Workspace) -> None:
    per_thread = PER_THREAD_ON.get(shared.backend.dialect, PER_THREAD)
    plans = [requests(seed, per_thread) for seed in range(THREADS)]
    alone: dict[str, pd.DataFrame] = {}
    for plan in plans:
        for kpi, req in plan:
            if key(kpi, req) not in alone:
                alone[key(kpi, req)] = shared.kpi(kpi, **req)

    def work(plan: list[tuple[str, dict[str, Any]]]) -> list[tuple[str, pd.DataFrame]]:
        return [(key(kpi, req), shared.kpi(kpi, **req)) for kpi, req in plan]

    with ThreadPoolExecutor(THREADS) as pool:
        results = [r for batch in pool.map(work, plans) for r in batch]
    assert len(results) == THREADS * per_thread
    for name, frame in results:
        expected = alone[name]
        pd.testing.assert_frame_equal(frame, expected, check_exact=True, obj=name)
        assert frame.attrs["warnings"] == expected.attrs["warnings"], name
