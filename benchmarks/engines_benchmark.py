"""The same KPI suite on DuckDB, PostgreSQL and Spark local, and Spark at 1x, 2x, 4x activities.

Usage: ``python benchmarks/engines_benchmark.py [--scale large|medium|small] [--no-postgres]
[--no-spark] [--factors 1,2,4]``. Builds the demo company (DuckDB), copies it to a PostgreSQL
server started for the run (Debian's ``postgresql``) and writes it as the Parquet tables of a
Spark workspace, then times the suite on each: revenue, win rate, sales cycle, pipeline value at
month ends, lead conversion and stale opportunities (the one that reads activities), 12 months
by team. Each figure is the median of the warm runs after one cold run (the first, which also
compiles the SQL). Prints figures only; the projection in docs/scale-out.md is made from them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from salesmetrics.backends.duckdb import quote
from salesmetrics.demo import build_demo
from salesmetrics.schema import ALL_TABLES
from salesmetrics.transfer import copy_workspace
from salesmetrics.workspace import Workspace

SUITE = (
    "revenue",
    "win_rate",
    "sales_cycle_days",
    "pipeline_value",
    "lead_conversion_rate",
    "stale_opportunities",
)


def request(ws: Workspace) -> dict[str, object]:
    """The last 12 whole months of the demo, by team."""
    start = dt.date.fromisoformat(str(ws.backend.read_meta("demo_start")))
    end = dt.date(start.year + 3, start.month, 1) - dt.timedelta(days=1)
    first = dt.date(end.year - 1, end.month, 1) + dt.timedelta(days=32)
    first = first.replace(day=1)
    return {"grain": "month", "start": first, "end": end, "by": ["team"], "as_of": end}


def time_suite(ws: Workspace, repeat: int) -> tuple[float, float, dict[str, float]]:
    """(cold seconds, warm seconds, warm seconds per KPI) of the whole suite."""
    req = request(ws)
    began = time.perf_counter()
    for kpi in SUITE:
        ws.kpi(kpi, **req)
    cold = time.perf_counter() - began
    per: dict[str, list[float]] = {k: [] for k in SUITE}
    for _ in range(repeat):
        for kpi in SUITE:
            t = time.perf_counter()
            ws.kpi(kpi, **req)
            per[kpi].append(time.perf_counter() - t)
    medians = {k: statistics.median(v) for k, v in per.items()}
    return cold, sum(medians.values()), medians


def spark_tables(source: Path, warehouse: Path, database: str, factor: int) -> int:
    """Write the demo's tables as a Spark workspace's Parquet directories (activities
    repeated ``factor`` times with new ids); returns the activity rows written."""
    import duckdb

    con = duckdb.connect(str(source), read_only=True)
    root = warehouse / f"{database}.db"
    for table in [t.name for t in ALL_TABLES] + ["_salesmetrics_meta"]:
        target = root / table
        target.mkdir(parents=True, exist_ok=True)
        select = f"SELECT * FROM {quote(table)}"
        if table == "activities" and factor > 1:
            columns = [c for c in next(t for t in ALL_TABLES if t.name == table).column_names]
            cols = ", ".join(
                "activity_id || '-' || k AS activity_id" if c == "activity_id" else quote(c)
                for c in columns
            )
            select = f"SELECT {cols} FROM activities, range({factor}) r(k)"
        con.execute(f"COPY ({select}) TO '{target}/part-0.parquet' (FORMAT parquet)")
    rows = con.execute("SELECT count(*) FROM activities").fetchone()
    con.close()
    return int(rows[0] if rows else 0) * factor


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="large")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-spark", action="store_true")
    parser.add_argument("--factors", default="1,2,4")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="salesmetrics-engines-"))
    results: list[tuple[str, str, float, float, dict[str, float]]] = []
    try:
        demo = tmp / "demo.duckdb"
        began = time.perf_counter()
        summary = build_demo(demo, scale=args.scale, seed=42)
        print(f"demo {args.scale}: {sum(summary.rows.values()):,} rows in "
              f"{time.perf_counter() - began:.1f} s")  # fmt: skip
        with Workspace(demo) as ws:
            cold, warm, per = time_suite(ws, args.repeat)
            results.append(("duckdb", "1x", cold, warm, per))
            activities = ws.row_count("activities")
        if not args.no_postgres:
            import sys

            sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
            from tests.engines import postgres_server

            base = Path(tempfile.mkdtemp(prefix="salesmetrics-pg-"))
            with postgres_server(base) as url:
                where = f"{url}?schema=bench"
                with Workspace(demo) as source, Workspace.create(where) as target:
                    t = time.perf_counter()
                    copy_workspace(source, target, ["demo_start"])
                    print(f"copied to PostgreSQL in {time.perf_counter() - t:.1f} s")
                with Workspace(where) as ws:
                    cold, warm, per = time_suite(ws, args.repeat)
                    results.append(("postgres", "1x", cold, warm, per))
            shutil.rmtree(base, ignore_errors=True)
        if not args.no_spark:
            for factor in [int(f) for f in args.factors.split(",")]:
                warehouse = tmp / f"warehouse{factor}"
                rows = spark_tables(demo, warehouse, "bench", factor)
                where = f"spark:local[*]?warehouse={warehouse}&database=bench"
                with Workspace(where) as ws:
                    cold, warm, per = time_suite(ws, args.repeat)
                    results.append(("spark local", f"{factor}x ({rows:,} activities)", cold,
                                    warm, per))  # fmt: skip
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"\nKPI suite, 12 months by team, {args.scale} demo ({activities:,} activities):")
    print(f"{'engine':<14}{'data':<28}{'cold s':>8}{'warm s':>8}  " + "  ".join(SUITE))
    for engine, data, cold, warm, per in results:
        cells = "  ".join(f"{per[k]:.2f}".rjust(len(k)) for k in SUITE)
        print(f"{engine:<14}{data:<28}{cold:>8.2f}{warm:>8.2f}  {cells}")


if __name__ == "__main__":
    main()
