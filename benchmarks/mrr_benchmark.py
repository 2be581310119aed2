"""MRR and its five movements for 36 months: the engine beside hand-written DuckDB SQL.

Usage: ``python benchmarks/mrr_benchmark.py [--scale small|medium|large] [--repeat N]
[--workspace FILE]``.

The engine computes mrr, mrr_new, mrr_reactivation, mrr_expansion, mrr_contraction and
mrr_churn, by month over the demo's three years, with ``Workspace.kpis`` (one query); the
hand-written SQL is what a database engineer would write for the same numbers (each account's
MRR on every month end, as-of fx, then the movements per account). Both are checked equal
before they are timed. *Warm*: the median of repeated runs in one process; the engine's first
run (SQL compilation included) is printed apart. Target: ≤ 2 s on the large demo.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb

KPIS = ("mrr", "mrr_new", "mrr_reactivation", "mrr_expansion", "mrr_contraction", "mrr_churn")

HAND_SQL = """
WITH months AS (
  SELECT CAST(m AS DATE) AS period_start,
         CAST(m + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE) AS hi,
         CAST(m - INTERVAL 1 DAY AS DATE) AS start_day
  FROM range(DATE '{first}', DATE '{last}' + INTERVAL 1 DAY, INTERVAL 1 MONTH) t(m)
),
days AS (SELECT hi AS day FROM months UNION SELECT start_day FROM months),
subs AS (
  SELECT account_id, start_date, COALESCE(end_date, DATE '9999-12-31') AS until,
         CAST(mrr AS DOUBLE) AS mrr, NULLIF(UPPER(TRIM(currency)), '') AS cur
  FROM subscriptions
),
fx AS (
  SELECT UPPER(TRIM(currency)) AS cur, date AS d_from,
         LEAD(date, 1, DATE '9999-12-31') OVER (PARTITION BY UPPER(TRIM(currency)) ORDER BY date)
           AS d_to,
         CAST(rate AS DOUBLE) AS rate
  FROM fx_rates
),
rates AS (
  SELECT c.cur, d.day, fx.rate
  FROM (SELECT DISTINCT cur FROM subs WHERE cur IS NOT NULL AND cur <> '{base}') c
  CROSS JOIN days d
  JOIN fx ON fx.cur = c.cur AND d.day >= fx.d_from AND d.day < fx.d_to
),
account_day AS (
  SELECT s.account_id, d.day,
         SUM(s.mrr * CASE WHEN s.cur IS NULL OR s.cur = '{base}' THEN 1 ELSE r.rate END) AS usd,
         SUM(s.mrr) AS raw
  FROM subs s
  JOIN days d ON s.start_date <= d.day AND s.until > d.day
  LEFT JOIN rates r ON r.cur = s.cur AND r.day = d.day
  GROUP BY s.account_id, d.day
),
first_end AS (
  SELECT account_id,
         MIN(LAST_DAY(start_date)) FILTER (WHERE mrr > 0 AND until > LAST_DAY(start_date))
           AS first_end
  FROM subs GROUP BY account_id
),
pairs AS (
  SELECT period_start, account_id, SUM(s_usd) AS s_usd, SUM(s_raw) AS s_raw,
         SUM(e_usd) AS e_usd, SUM(e_raw) AS e_raw
  FROM (
    SELECT m.period_start, a.account_id, a.usd AS s_usd, a.raw AS s_raw, 0.0 AS e_usd,
           0.0 AS e_raw
    FROM months m JOIN account_day a ON a.day = m.start_day
    UNION ALL
    SELECT m.period_start, a.account_id, 0.0, 0.0, a.usd, a.raw
    FROM months m JOIN account_day a ON a.day = m.hi
  ) t
  GROUP BY period_start, account_id
)
SELECT m.period_start,
  COALESCE(SUM(p.e_usd), 0) AS mrr,
  COALESCE(SUM(p.e_usd) FILTER (WHERE p.s_raw <= 0 AND p.e_raw > 0
      AND (f.first_end IS NULL OR f.first_end >= m.period_start)), 0) AS mrr_new,
  COALESCE(SUM(p.e_usd) FILTER (WHERE p.s_raw <= 0 AND p.e_raw > 0
      AND f.first_end < m.period_start), 0) AS mrr_reactivation,
  COALESCE(SUM(p.e_usd - p.s_usd) FILTER (WHERE p.s_raw > 0 AND p.e_raw > 0
      AND p.e_usd > p.s_usd), 0) AS mrr_expansion,
  COALESCE(SUM(p.s_usd - p.e_usd) FILTER (WHERE p.s_raw > 0 AND p.e_raw > 0
      AND p.e_usd < p.s_usd), 0) AS mrr_contraction,
  COALESCE(SUM(p.s_usd) FILTER (WHERE p.s_raw > 0 AND p.e_raw <= 0), 0) AS mrr_churn
FROM months m
LEFT JOIN pairs p ON p.period_start = m.period_start
LEFT JOIN first_end f ON f.account_id = p.account_id
GROUP BY m.period_start
ORDER BY m.period_start
"""


def months_of(path: Path) -> tuple[dt.date, dt.date]:
    """The demo's 36 months."""
    con = duckdb.connect(str(path), read_only=True)
    row = con.execute("SELECT value FROM _salesmetrics_meta WHERE key = 'demo_start'").fetchone()
    con.close()
    start = dt.date.fromisoformat(str(row[0])).replace(day=1)  # type: ignore[index]
    end = dt.date(start.year + 3, start.month, 1) - dt.timedelta(days=1)
    return start, end


def engine(ws: Any, first: dt.date, last: dt.date) -> dict[str, list[float]]:
    frames = ws.kpis(list(KPIS), grain="month", start=first, end=last)
    for kpi, frame in frames.items():
        if frame.attrs["warnings"]:
            raise SystemExit(f"{kpi}: {frame.attrs['warnings']}")
    return {kpi: [float(v) for v in frames[kpi]["value"]] for kpi in KPIS}


def hand(con: duckdb.DuckDBPyConnection, first: dt.date, last: dt.date, base: str):
    sql = HAND_SQL.format(first=first.isoformat(), last=last.replace(day=1).isoformat(),
                          base=base.upper())  # fmt: skip
    rows = con.execute(sql).fetchall()
    return {kpi: [float(r[i + 1]) for r in rows] for i, kpi in enumerate(KPIS)}


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
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--workspace", type=Path, help="an existing demo workspace to use")
    args = parser.parse_args()
    import os

    os.environ.setdefault("SALESMETRICS_CACHE_DIR", tempfile.mkdtemp(prefix="salesmetrics-mrr-"))
    from salesmetrics.demo import build_demo
    from salesmetrics.workspace import Workspace

    with tempfile.TemporaryDirectory(prefix="salesmetrics-mrr-") as tmp:
        path = args.workspace or Path(tmp) / f"{args.scale}.duckdb"
        if args.workspace is None:
            build_demo(path, scale=args.scale, seed=42)
        first, last = months_of(path)
        with Workspace(path, read_only=True) as ws:
            base = str(ws.get_setting("base_currency"))
            began = time.perf_counter()
            numbers = engine(ws, first, last)
            first_run = time.perf_counter() - began
            engine_warm = timed(lambda: engine(ws, first, last), args.repeat)
        con = duckdb.connect(str(path), read_only=True)
        by_hand = hand(con, first, last, base)
        hand_warm = timed(lambda: hand(con, first, last, base), args.repeat)
        con.close()
    for kpi in KPIS:
        for i, (a, b) in enumerate(zip(numbers[kpi], by_hand[kpi], strict=True)):
            if not math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6):
                raise SystemExit(f"{kpi} month {i}: engine {a} != hand-written SQL {b}")
    label = args.workspace or f"{args.scale} demo"
    print(f"MRR + 5 movements, 36 months ({first} to {last}), {label}; numbers checked equal")
    print(f"{'way':<28}{'warm s':>9}{'/ hand':>9}")
    print(f"{'engine (Workspace.kpis)':<28}{engine_warm:>9.3f}{engine_warm / hand_warm:>9.2f}")
    print(f"{'engine, first run':<28}{first_run:>9.3f}{first_run / hand_warm:>9.2f}")
    print(f"{'hand-written DuckDB SQL':<28}{hand_warm:>9.3f}{1.0:>9.2f}")
    print(f"target: engine <= 2 s on the large demo ({'met' if engine_warm <= 2 else 'missed'})")


if __name__ == "__main__":
    main()
