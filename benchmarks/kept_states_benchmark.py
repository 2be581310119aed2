"""The KPIs that read what a DuckDB workspace keeps — the pipeline KPIs from the kept deal
states, the MRR family from the kept account months — beside the same engine computing them
from opportunity_history and subscriptions (a copy of the workspace that keeps neither).

Usage: ``python benchmarks/kept_states_benchmark.py [--scale small|medium|large] [--repeat N]
[--workspace FILE]``.

Every KPI that reads opportunity_history or the MRR row set, 12 months by team (the last 12
whole months of the history), warm (the median of repeated runs in one process, after a first
run that compiles); the MRR family also to a day in the middle of the following month (whole
months from the kept table, the month cut short from the subscriptions). Both ways' rows are
checked equal (1e-9 relative) before they are timed. Also printed: the time to rebuild each
kept table and to check that it is current (its fingerprint).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd


def timed(fn: Any, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        began = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - began)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="large", choices=["small", "medium", "large"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workspace", type=Path, help="an existing demo workspace to copy")
    parser.add_argument("--family", default="all", choices=["all", "pipeline", "mrr"])
    args = parser.parse_args()
    os.environ.setdefault("SALESMETRICS_CACHE_DIR", tempfile.mkdtemp(prefix="salesmetrics-ks-"))
    from salesmetrics.catalog import all_kpis
    from salesmetrics.demo import build_demo
    from salesmetrics.engine import kept as kept_tables
    from salesmetrics.engine.plan import reads_history, reads_mrr
    from salesmetrics.workspace import Workspace

    tables = kept_tables.every()
    with tempfile.TemporaryDirectory(prefix="salesmetrics-ks-") as tmp:
        kept, window = Path(tmp) / "kept.duckdb", Path(tmp) / "window.duckdb"
        if args.workspace:
            shutil.copyfile(args.workspace, kept)
        else:
            build_demo(kept, scale=args.scale, seed=42)
        shutil.copyfile(kept, window)
        con = duckdb.connect(str(window))
        for table in tables:
            con.execute(f'DROP TABLE IF EXISTS "{table.table}"')
        con.close()
        upkeep = []
        with Workspace(kept) as ws:
            for table in tables:
                ws.con.execute(f'DROP TABLE IF EXISTS "{table.table}"')
                began = time.perf_counter()
                kept_tables.refresh(ws, table)
                rebuild = time.perf_counter() - began
                with ws.backend.session() as session:
                    check = timed(lambda t=table: kept_tables.fingerprint(t, session), args.repeat)
                upkeep.append((table.table, rebuild, check))
            end = ws.backend.rows("SELECT max(changed_at)::DATE FROM opportunity_history")[0][0]
        last = end.replace(day=1) - dt.timedelta(days=1)
        first = (last.replace(day=1) - dt.timedelta(days=335)).replace(day=1)
        request = {"grain": "month", "start": first, "end": last, "by": ["team"], "as_of": last}
        mid = last + dt.timedelta(days=15)
        cut = {**request, "end": mid, "as_of": mid}
        pipeline = [k for k in all_kpis() if reads_history([k])]
        mrr = [k for k in all_kpis() if reads_mrr([k])]
        asked = []
        for kpi in (pipeline if args.family != "mrr" else []) + (
            mrr if args.family != "pipeline" else []
        ):
            for note, req in [("", request)] + ([(" (to mid-month)", cut)] if kpi in mrr else []):
                if "team" not in kpi.dimensions:
                    req = {k: v for k, v in req.items() if k != "by"}
                asked.append((kpi.id, note, req))
        figures = []
        with Workspace(kept, read_only=True) as a, Workspace(window, read_only=True) as b:
            for kpi, note, req in asked:
                got, want = a.kpi(kpi, **req), b.kpi(kpi, **req)
                pd.testing.assert_frame_equal(got, want, check_exact=False, rtol=1e-9)
                figures.append((
                    kpi + note,
                    timed(lambda k=kpi, r=req: b.kpi(k, **r), args.repeat),
                    timed(lambda k=kpi, r=req: a.kpi(k, **r), args.repeat),
                ))  # fmt: skip
    label = args.workspace or f"{args.scale} demo"
    print(f"KPIs reading kept tables, 12 months by team ({first:%Y-%m} to {last:%Y-%m}), "
          f"{label}; rows checked equal")  # fmt: skip
    print(f"{'KPI':<40}{'from data s':>12}{'kept s':>10}{'speed-up':>10}")
    for kpi, slow, fast in figures:
        print(f"{kpi:<40}{slow:>12.3f}{fast:>10.3f}{slow / fast:>9.1f}x")
    for table, rebuild, check in upkeep:
        print(f"{table}: rebuilt in {rebuild:.2f} s; checking it is current: {check:.3f} s")


if __name__ == "__main__":
    main()
