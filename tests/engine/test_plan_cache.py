"""The plan cache: a request shape seen before runs without Ibis, even in a new process, and
its key holds only what changes the SQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from salesmetrics.engine import checked_request, plan_shape
from salesmetrics.workspace import Workspace
from tests.engine.data import add, deal

PROBE = """
import json, sys
from salesmetrics.engine import kpi_result
from salesmetrics.workspace import Workspace
with Workspace(sys.argv[1], read_only=True) as ws:
    result = kpi_result(ws, sys.argv[2], grain="month", start="2024-01-01", end="2024-06-30",
                        by=["team"])
    rows = [[r["period_start"], r["team"], r["value"]] for r in result.records()]
print(json.dumps({"ibis": "ibis" in sys.modules, "pandas": "pandas" in sys.modules,
                  "rows": rows}))
"""


def probe(path: Path, kpi: str, cache_dir: Path) -> dict[str, object]:
    env = {**os.environ, "SALESMETRICS_CACHE_DIR": str(cache_dir)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(path), kpi],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def test_a_shape_seen_before_runs_without_ibis_in_a_new_process(
    ws_path: Path, tmp_path: Path
) -> None:
    with Workspace(ws_path) as ws:
        add(ws, "reps", {"rep_id": "r1", "name": "Ann", "team": "east"})
        add(ws, "opportunities", deal("a", "won", "2024-02-10", 500.0, owner_rep_id="r1"),
            deal("b", "lost", "2024-03-01", owner_rep_id="r1"))  # fmt: skip
    cache_dir = tmp_path / "plans"
    first = probe(ws_path, "win_rate", cache_dir)
    again = probe(ws_path, "win_rate", cache_dir)
    assert first["ibis"] is True  # compiled: Ibis was needed
    assert again["ibis"] is False and again["pandas"] is False  # from the cache on disk
    assert again["rows"] == first["rows"]
    assert (cache_dir / "plans.sqlite").exists()
    off = probe(ws_path, "win_rate", Path("off"))  # the cache disabled: compiled again
    assert off["ibis"] is True and off["rows"] == first["rows"]


def test_the_key_holds_only_what_changes_the_sql(workspace: Workspace) -> None:
    settings = workspace.engine_settings()

    def shape(kpi: str, **request: object) -> tuple[object, ...]:
        with workspace.backend.session() as session:
            checked = checked_request(workspace, [kpi], session, **request)
            return plan_shape(workspace, checked, session, settings)

    base = {"grain": "month", "start": "2024-01-01", "end": "2024-12-31", "as_of": "2025-01-31"}
    revenue = shape("revenue", **base)
    # periods are data, not SQL: another range, grain of the same unit or as-of date shares it
    assert shape("revenue", **{**base, "start": "2023-01-01"}) == revenue
    assert shape("revenue", **{**base, "grain": "quarter"}) == revenue
    assert shape("revenue", **{**base, "as_of": "2025-06-30"}) == revenue
    # what does change the SQL does change the key
    assert shape("revenue", **{**base, "grain": "week"}) != revenue
    assert shape("revenue", **{**base, "by": ["team"]}) != revenue
    assert shape("win_rate", **base) != revenue
    # a cohort KPI follows its records up to as_of, which is written in at run time too
    cohort = shape("lead_conversion_rate", **base)
    assert shape("lead_conversion_rate", **{**base, "as_of": "2025-06-30"}) == cohort


def test_one_cached_cohort_plan_answers_each_as_of_date(ws_path: Path, monkeypatch,
                                                        tmp_path: Path) -> None:  # fmt: skip
    """Leads of January whose deals are created in February and won in March: the share
    converted grows with as_of, from one compiled plan (in memory and again from disk)."""
    from salesmetrics.engine import cache

    monkeypatch.setenv("SALESMETRICS_CACHE_DIR", str(tmp_path / "plans"))
    with Workspace(ws_path) as ws:
        add(ws, "leads", *({"lead_id": f"l{i}", "created_at": f"2024-01-{i + 10} 09:00:00"}
                           for i in range(4)))  # fmt: skip
        add(ws, "opportunities",
            deal("o1", "won", "2024-03-05", lead_id="l1", created_at="2024-02-01 10:00:00"),
            deal("o2", "won", "2024-03-20", lead_id="l2", created_at="2024-02-02 10:00:00"),
            deal("o3", "open", None, lead_id="l3", created_at="2024-02-03 10:00:00"))  # fmt: skip
        expected = {"2024-01-31": (0.0, 0.0), "2024-02-29": (0.0, 75.0),
                    "2024-03-10": (25.0, 75.0), "2024-12-31": (50.0, 75.0)}  # fmt: skip
        for attempt in ("compiled", "from disk"):
            cache._memory.clear()
            for as_of, (won, any_opp) in expected.items():
                frames = ws.kpis(["lead_conversion_rate", "lead_to_opportunity_rate"],
                                 grain="month", start="2024-01-01", end="2024-01-31",
                                 as_of=as_of)  # fmt: skip
                got = (float(frames["lead_conversion_rate"]["value"].iloc[0]),
                       float(frames["lead_to_opportunity_rate"]["value"].iloc[0]))  # fmt: skip
                assert got == (won, any_opp), (attempt, as_of)


def test_where_new_customers_come_from_is_part_of_the_key(tmp_path: Path) -> None:
    """cac divides by new customers: from won deals without subscriptions, from subscriptions
    with them. A plan compiled on one kind of workspace must not answer for the other."""
    request = {"grain": "month", "start": "2024-03-01", "end": "2024-03-31"}
    spend = {"date": "2024-03-10", "amount": 900, "category": "marketing"}
    with Workspace.create(tmp_path / "deals.duckdb") as deals_only:
        add(deals_only, "spend", spend)
        won = [deal(f"o{i}", "won", "2024-03-20", account_id=f"a{i}") for i in range(3)]
        add(deals_only, "opportunities", *won)
        assert list(deals_only.kpi("cac", **request)["value"]) == [300.0]
    with Workspace.create(tmp_path / "subs.duckdb") as billed:
        add(billed, "spend", spend)
        add(billed, "subscriptions",
            *({"subscription_id": f"s{i}", "account_id": f"b{i}", "start_date": "2024-03-02",
               "mrr": 10} for i in range(9)))  # fmt: skip
        assert list(billed.kpi("cac", **request)["value"]) == [100.0]


def test_threads_asking_for_one_new_shape_compile_it_once(monkeypatch, tmp_path: Path) -> None:
    """A dashboard page computes its windows at once: one thread compiles, the others wait."""
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    from salesmetrics.engine import cache
    from salesmetrics.engine.plan import CompiledPlan

    monkeypatch.setenv("SALESMETRICS_CACHE_DIR", str(tmp_path / "plans"))
    builds: list[int] = []
    guard = threading.Lock()

    def build() -> CompiledPlan:
        with guard:
            builds.append(threading.get_ident())
        time.sleep(0.2)  # long enough for every thread to ask meanwhile
        return CompiledPlan([], {"x": [f"SELECT {len(builds)}"]}, {})

    shape = ("single-flight test", tmp_path.name)
    with ThreadPoolExecutor(6) as pool:
        plans = list(pool.map(lambda _: cache.get_or_build(shape, build), range(6)))
    assert len(builds) == 1
    assert all(p.needs == {"x": ["SELECT 1"]} for p in plans)
    cache.clear()  # and a later process finds it on disk, with no build
    assert cache.get_or_build(shape, build).needs == {"x": ["SELECT 1"]} and len(builds) == 1
