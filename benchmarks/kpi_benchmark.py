"""KPI engine speed: compile overhead and end-to-end query time per KPI, next to hand-written SQL.

Usage: ``python benchmarks/kpi_benchmark.py [--workspace PATH] [--repeat N]``. Without a
workspace it builds a medium-sized company in a temporary file: the medium demo when
``salesmetrics.demo`` is available (``--own-data`` forces the generator below), else 50,000
opportunities, 20,000 leads, 60 reps, 5,000 accounts and fx rates generated with numpy.
Prints figures only; the targets (≤ 300 ms per query, ≤ 50 ms compile) are for reading.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from salesmetrics.engine import cache, compiled_plan, context
from salesmetrics.engine.backend import to_sql
from salesmetrics.engine.sql import build_queries
from salesmetrics.workspace import Workspace

KPIS = (
    "revenue",
    "win_rate",
    "average_deal_size",
    "revenue_growth",
    "revenue_per_rep",
    "pipeline_value",
    "weighted_pipeline",
    "stale_opportunities",
    "pipeline_velocity",
    "lead_conversion_rate",
    "lead_response_hours",
)
END = dt.date(2025, 12, 31)
REQUEST = {"grain": "month", "start": "2025-01-01", "end": END, "as_of": END}

#: Hand-written DuckDB SQL for a few KPIs (month grain, same range), for comparison.
HAND_SQL = {
    "revenue": """
        SELECT date_trunc('month', o.close_date) AS p,
               sum(CAST(o.amount AS DOUBLE) * coalesce(
                   CASE WHEN coalesce(o.currency, '') IN ('', 'USD') THEN 1.0 END,
                   (SELECT f.rate FROM fx_rates f WHERE f.currency = o.currency
                    AND f.date <= o.close_date ORDER BY f.date DESC LIMIT 1)))
        FROM opportunities o
        WHERE o.status = 'won' AND o.close_date BETWEEN DATE '2025-01-01' AND DATE '2025-12-31'
        GROUP BY 1 ORDER BY 1""",
    "win_rate": """
        SELECT date_trunc('month', close_date) AS p,
               100.0 * count(*) FILTER (WHERE status = 'won') / count(*)
        FROM opportunities
        WHERE status IN ('won', 'lost')
          AND close_date BETWEEN DATE '2025-01-01' AND DATE '2025-12-31'
        GROUP BY 1 ORDER BY 1""",
    "pipeline_value": """
        WITH days AS (SELECT CAST(d AS DATE) - 1 AS d FROM range(DATE '2025-02-01',
                      DATE '2026-02-01', INTERVAL 1 MONTH) t(d))
        SELECT days.d, sum(CAST(o.amount AS DOUBLE))
        FROM days JOIN opportunities o ON CAST(o.created_at AS DATE) <= days.d
             AND (o.status = 'open' OR o.close_date > days.d)
        WHERE coalesce(o.currency, '') IN ('', 'USD')
        GROUP BY 1 ORDER BY 1""",
}


def generate(path: Path, seed: int = 7) -> None:
    """A medium company: 50,000 deals, 20,000 leads, 60 reps, 5,000 accounts, EUR/GBP rates."""
    rng = np.random.default_rng(seed)
    n_opp, n_lead, n_rep, n_acc = 50_000, 20_000, 60, 5_000
    first = np.datetime64("2023-01-01")
    reps = pd.DataFrame(
        {
            "rep_id": [f"r{i}" for i in range(n_rep)],
            "team": [f"team {i % 6}" for i in range(n_rep)],
            "region": [["EMEA", "NA", "APAC"][i % 3] for i in range(n_rep)],
            "hire_date": first + rng.integers(-400, 600, n_rep).astype("timedelta64[D]"),
        }
    )
    accounts = pd.DataFrame(
        {
            "account_id": [f"a{i}" for i in range(n_acc)],
            "industry": rng.choice(["software", "finance", "retail", ""], n_acc),
            "segment": rng.choice(["smb", "mid-market", "enterprise"], n_acc),
        }
    )
    leads_created = first + rng.integers(0, 1095, n_lead).astype("timedelta64[D]")
    leads = pd.DataFrame(
        {
            "lead_id": [f"l{i}" for i in range(n_lead)],
            "created_at": leads_created.astype("datetime64[s]"),
            "source": rng.choice(["web", "event", "partner", ""], n_lead),
            "owner_rep_id": rng.choice(reps["rep_id"], n_lead),
            "first_response_at": (
                leads_created.astype("datetime64[s]")
                + rng.integers(60, 200_000, n_lead).astype("timedelta64[s]")
            ),
        }
    )
    created = first + rng.integers(0, 1095, n_opp).astype("timedelta64[D]")
    close = created + rng.integers(5, 200, n_opp).astype("timedelta64[D]")
    status = rng.choice(["won", "lost", "open"], n_opp, p=[0.25, 0.55, 0.2])
    opps = pd.DataFrame(
        {
            "opportunity_id": [f"o{i}" for i in range(n_opp)],
            "created_at": created.astype("datetime64[s]"),
            "status": status,
            "close_date": close,
            "amount": rng.gamma(2.0, 12_000.0, n_opp).round(2),
            "currency": rng.choice(["USD", "EUR", "GBP", ""], n_opp, p=[0.6, 0.2, 0.1, 0.1]),
            "stage": rng.choice(["qualification", "proposal", "negotiation"], n_opp),
            "probability": rng.choice([20.0, 50.0, 80.0], n_opp),
            "owner_rep_id": rng.choice(reps["rep_id"], n_opp),
            "account_id": rng.choice(accounts["account_id"], n_opp),
            "lead_id": np.where(rng.random(n_opp) < 0.3, rng.choice(leads["lead_id"], n_opp), None),
            "contract_months": rng.choice([12, 24, 36], n_opp),
        }
    )
    months = pd.date_range("2022-12-01", "2026-01-01", freq="MS")
    fx = pd.DataFrame(
        {
            "currency": ["EUR"] * len(months) + ["GBP"] * len(months),
            "date": list(months) * 2,
            "rate": list(1.08 + 0.02 * rng.standard_normal(len(months)))
            + list(1.27 + 0.02 * rng.standard_normal(len(months))),
        }
    )
    with Workspace.create(path) as ws:
        for name, frame in [
            ("reps", reps),
            ("accounts", accounts),
            ("leads", leads),
            ("opportunities", opps),
            ("fx_rates", fx),
        ]:
            ws.con.register("_bench_src", frame)
            cols = ", ".join(f'"{c}"' for c in frame.columns)
            ws.con.execute(f"INSERT INTO {name} ({cols}) SELECT {cols} FROM _bench_src")
            ws.con.unregister("_bench_src")


def build(path: Path, own_data: bool) -> str:
    """Fill ``path`` with a medium company; returns what was built."""
    if not own_data:
        try:
            from salesmetrics.demo import build_demo
        except ImportError:
            pass
        else:
            build_demo(path, "medium", seed=42, start=dt.date(2023, 1, 1))
            return "medium demo (salesmetrics.demo.build_demo)"
    generate(path)
    return "generated: 50,000 opportunities, 20,000 leads"


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``fn`` in milliseconds (after one warm-up call)."""
    fn()
    runs = []
    for _ in range(repeat):
        began = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - began) * 1000)
    return statistics.median(runs)


def compile_only(ws: Workspace, kpi: str) -> None:
    """A cold compile: check the request, build the Ibis expressions, render their SQL."""
    with ws.backend.session() as session:
        ctx = context(ws, kpi, session, **REQUEST)
        for query in build_queries(ctx, [ctx.request.kpi]):
            to_sql(ws.backend, query.expr)


def warm_overhead(ws: Workspace, kpi: str) -> None:
    """What a repeated request shape costs before its SQL runs (compiled SQL is cached)."""
    with ws.backend.session() as session:
        ctx = context(ws, kpi, session, **REQUEST)
        compiled_plan(ws, ctx.request, session, ws.engine_settings())


def cpu_ms(fn: Callable[[], object], repeat: int) -> float:
    """Median CPU time of ``fn`` in milliseconds: compile work, unaffected by other processes."""
    fn()
    runs = []
    for _ in range(repeat):
        began = time.process_time()
        fn()
        runs.append((time.process_time() - began) * 1000)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workspace", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--own-data", action="store_true", help="skip the demo generator")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.workspace or Path(tmp) / "bench.duckdb"
        if args.workspace is None:
            began = time.perf_counter()
            what = build(path, args.own_data)
            print(f"dataset: {what} in {time.perf_counter() - began:.1f} s")
        with Workspace(path) as ws:
            report(ws, args.repeat)


def report(ws: Workspace, repeat: int) -> None:
    """Print the figures of every benchmarked KPI."""
    n_opp, n_leads = ws.row_count("opportunities"), ws.row_count("leads")
    print(f"workspace {ws.path}: {n_opp:,} opportunities, {n_leads:,} leads")
    print(f"request: grain month, {REQUEST['start']} .. {END}; medians of {repeat} runs")
    print(
        "cold compile = check request + build Ibis + render SQL (wall and CPU ms); warm = the\n"
        "same request shape again, SQL cached (CPU ms); query = ws.kpi() end to end (wall ms,\n"
        "warm; 'first' = first call of a new shape); hand = hand-written DuckDB SQL (wall ms)"
    )
    head = ("kpi", "cold wall", "cold cpu", "warm cpu", "query", "first", "hand")
    print(f"{head[0]:<22}" + "".join(f"{h:>10}" for h in head[1:]))
    for kpi in KPIS:
        cache.clear()
        began = time.perf_counter()
        ws.kpi(kpi, **REQUEST)
        first = (time.perf_counter() - began) * 1000
        figures = [
            timed(lambda k=kpi: compile_only(ws, k), repeat),
            cpu_ms(lambda k=kpi: compile_only(ws, k), repeat),
            cpu_ms(lambda k=kpi: warm_overhead(ws, k), repeat),
            timed(lambda k=kpi: ws.kpi(k, **REQUEST), repeat),
            first,
        ]
        sql = HAND_SQL.get(kpi)
        hand = timed(lambda s=sql: ws.con.execute(s).fetchall(), repeat) if sql else None
        cells = "".join(f"{f:>10.1f}" for f in figures)
        cells += f"{hand:>10.1f}" if hand is not None else f"{'':>10}"
        print(f"{kpi:<22}{cells}")
    by_team = timed(lambda: ws.kpi("win_rate", by=["team"], **REQUEST), repeat)
    print(f"{'win_rate by team':<22}{'':>40}{by_team:>10.1f}")


if __name__ == "__main__":
    main()
