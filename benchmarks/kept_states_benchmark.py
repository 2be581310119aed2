"""The pipeline KPIs read from the deal states a DuckDB workspace keeps, beside the same engine
running the window over opportunity_history (a copy of the workspace that keeps none).

Usage: ``python benchmarks/kept_states_benchmark.py [--scale small|medium|large] [--repeat N]
[--workspace FILE]``.

Every KPI that reads opportunity_history, 12 months by team (the last 12 whole months of the
history), warm (the median of repeated runs in one process, after a first run that compiles);
both ways' rows are checked equal (1e-9 relative) before they are timed. Also printed: the time
to rebuild the kept states and to check that they are current (the fingerprint).
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
    args = parser.parse_args()
    os.environ.setdefault("SALESMETRICS_CACHE_DIR", tempfile.mkdtemp(prefix="salesmetrics-ks-"))
    from salesmetrics.catalog import all_kpis
    from salesmetrics.demo import build_demo
    from salesmetrics.engine import state_table
    from salesmetrics.engine.plan import reads_history
    from salesmetrics.workspace import Workspace

    kpis = [k.id for k in all_kpis() if reads_history([k])]
    with tempfile.TemporaryDirectory(prefix="salesmetrics-ks-") as tmp:
        kept, window = Path(tmp) / "kept.duckdb", Path(tmp) / "window.duckdb"
        if args.workspace:
            shutil.copyfile(args.workspace, kept)
        else:
            build_demo(kept, scale=args.scale, seed=42)
        shutil.copyfile(kept, window)
        con = duckdb.connect(str(window))
        con.execute(f'DROP TABLE IF EXISTS "{state_table.TABLE}"')
        con.close()
        with Workspace(kept) as ws:
            con = ws.con
            con.execute(f'DROP TABLE IF EXISTS "{state_table.TABLE}"')
            began = time.perf_counter()
            state_table.refresh(ws)
            rebuild = time.perf_counter() - began
            with ws.backend.session() as session:
                check = timed(lambda: state_table.fingerprint(session), args.repeat)
            end = ws.backend.rows("SELECT max(changed_at)::DATE FROM opportunity_history")[0][0]
        last = end.replace(day=1) - dt.timedelta(days=1)
        first = (last.replace(day=1) - dt.timedelta(days=335)).replace(day=1)
        request = {"grain": "month", "start": first, "end": last, "by": ["team"], "as_of": last}
        figures = []
        with Workspace(kept, read_only=True) as a, Workspace(window, read_only=True) as b:
            for kpi in kpis:
                got, want = a.kpi(kpi, **request), b.kpi(kpi, **request)
                pd.testing.assert_frame_equal(got, want, check_exact=False, rtol=1e-9)
                figures.append((
                    kpi,
                    timed(lambda k=kpi: b.kpi(k, **request), args.repeat),
                    timed(lambda k=kpi: a.kpi(k, **request), args.repeat),
                ))  # fmt: skip
    label = args.workspace or f"{args.scale} demo"
    print(f"Pipeline KPIs, 12 months by team ({first:%Y-%m} to {last:%Y-%m}), {label}; "
          "rows checked equal")  # fmt: skip
    print(f"{'KPI':<24}{'window s':>10}{'kept s':>10}{'speed-up':>10}")
    for kpi, slow, fast in figures:
        print(f"{kpi:<24}{slow:>10.3f}{fast:>10.3f}{slow / fast:>9.1f}x")
    print(f"rebuilding the kept states: {rebuild:.2f} s; checking they are current: {check:.3f} s")


if __name__ == "__main__":
    main()
