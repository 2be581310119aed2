"""The pipeline as it was: open deals, pipeline value and weighted pipeline from
opportunity_history, on one day and on 12 month ends — the engine beside hand-written DuckDB SQL.

Usage: ``python benchmarks/pipeline_history_benchmark.py [--scale small|medium|large]
[--repeat N] [--workspace FILE]``.

The engine computes open_opportunities, pipeline_value and weighted_pipeline with
``Workspace.kpis`` (one query over the deals' states); the hand-written SQL is what a database
engineer would write for the same numbers: for one day, each deal's last value of every field
up to that day (``arg_max … FILTER``); for 12 month ends, each deal's states as validity
intervals (one window with IGNORE NULLS) joined to the month ends. Both follow
docs/kpi-conventions.md ("Pipeline history"): a history field left empty is unchanged, a deal
closed now whose history never closes it closes on its close_date, the probability recorded
since the last stage change, else the current row's on its current stage, else the stage
default; money at the day's fx rate. Numbers are checked equal before they are timed. *Warm*:
the median of repeated runs in one process; the engine's first run (SQL compilation included)
is printed apart. Targets on the large demo: one day ≤ 1 s, 12 month ends ≤ 2 s.
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

KPIS = ("open_opportunities", "pipeline_value", "weighted_pipeline")

#: per deal: whether it needs a closing event (closed now, the history does not end closed)
#: and when; deals closed for good before {alive} (close_date and every change) are left out
DEALS = """
sums AS (
  SELECT opportunity_id, max(changed_at) AS last_change,
         max(changed_at) FILTER (WHERE status IN ('won', 'lost')) AS closed_at,
         max(changed_at) FILTER (WHERE status = 'open') AS open_at
  FROM opportunity_history GROUP BY opportunity_id
),
deals AS (
  SELECT o.*,
    o.status IN ('won', 'lost') AND o.close_date IS NOT NULL
      AND NOT (s.closed_at IS NOT NULL AND (s.open_at IS NULL OR s.closed_at > s.open_at))
      AS needs_close,
    greatest(o.close_date::TIMESTAMP, coalesce(s.open_at, o.close_date::TIMESTAMP)) AS close_at
  FROM opportunities o LEFT JOIN sums s USING (opportunity_id)
  WHERE o.created_at::DATE <= DATE '{last}'
    AND NOT (o.status IN ('won', 'lost') AND o.close_date < DATE '{alive}'
             AND (s.last_change IS NULL OR s.last_change::DATE < DATE '{alive}'))
),
"""

#: the deals' events (shared by the 12-month query)
EVENTS = (
    DEALS
    + """
events AS (
  SELECT opportunity_id AS id, created_at AS ts, 0 AS seq, NULL::VARCHAR AS stage,
         'open' AS status, NULL::DOUBLE AS amount, NULL::DOUBLE AS p, NULL::DATE AS close,
         FALSE AS real
  FROM deals
  UNION ALL
  SELECT h.opportunity_id, h.changed_at, 1, NULLIF(TRIM(h.stage), ''), h.status,
         h.amount::DOUBLE, h.probability, h.close_date, TRUE
  FROM opportunity_history h SEMI JOIN deals d ON d.opportunity_id = h.opportunity_id
  WHERE h.changed_at::DATE <= DATE '{last}'
  UNION ALL
  SELECT opportunity_id, close_at, 2, NULLIF(TRIM(stage), ''), status, amount::DOUBLE, NULL,
         close_date, FALSE
  FROM deals WHERE needs_close AND close_at::DATE <= DATE '{last}'
),
"""
)

#: every deal's state as an interval [from, to), with the current row's fallbacks
INTERVALS = (
    "WITH "
    + EVENTS
    + """
carried AS (
  SELECT id, ts, seq,
    last_value(stage IGNORE NULLS) OVER w AS c_stage,
    last_value(status IGNORE NULLS) OVER w AS c_status,
    last_value(amount IGNORE NULLS) OVER w AS c_amount,
    last_value(close IGNORE NULLS) OVER w AS c_close,
    last_value(p IGNORE NULLS) OVER w AS c_p,
    last_value(CASE WHEN stage IS NOT NULL THEN ts END IGNORE NULLS) OVER w AS stage_at,
    last_value(CASE WHEN p IS NOT NULL THEN ts END IGNORE NULLS) OVER w AS p_at,
    first_value(CASE WHEN real THEN stage END IGNORE NULLS) OVER whole AS f_stage,
    first_value(CASE WHEN real THEN amount END IGNORE NULLS) OVER whole AS f_amount,
    first_value(CASE WHEN real THEN close END IGNORE NULLS) OVER whole AS f_close,
    ts::DATE AS d_from,
    COALESCE(lead(ts::DATE) OVER (PARTITION BY id ORDER BY ts, seq), DATE '9999-12-31') AS d_to
  FROM events
  WINDOW w AS (PARTITION BY id ORDER BY ts, seq ROWS UNBOUNDED PRECEDING),
         whole AS (PARTITION BY id ORDER BY ts, seq
                   ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
),
states AS (
  SELECT c.id, c.d_from, c.d_to, o.created_at::DATE AS created, c.c_status AS status,
    COALESCE(c.c_amount, c.f_amount, o.amount::DOUBLE) AS amount,
    NULLIF(UPPER(TRIM(o.currency)), '') AS cur,
    COALESCE(c.c_stage, c.f_stage,
             CASE WHEN o.status = 'open' THEN NULLIF(TRIM(o.stage), '') END) AS stage,
    CASE WHEN c.stage_at IS NULL OR c.p_at >= c.stage_at THEN c.c_p END AS recorded,
    o.probability AS now_p, NULLIF(TRIM(o.stage), '') AS now_stage
  FROM carried c JOIN opportunities o ON o.opportunity_id = c.id
)
"""
)

FX = """
fx AS (
  SELECT UPPER(TRIM(currency)) AS cur, date AS d_from,
         LEAD(date, 1, DATE '9999-12-31') OVER (PARTITION BY UPPER(TRIM(currency)) ORDER BY date)
           AS d_to, CAST(rate AS DOUBLE) AS rate
  FROM fx_rates
),
defaults(k, p) AS (VALUES {defaults})
"""

#: the measures over deals open on a day (``s``: one row per deal and day, with ``day``)
MEASURES = """
SELECT s.day, count(*) AS n,
  SUM(s.amount * CASE WHEN s.cur IS NULL OR s.cur = '{base}' THEN 1 ELSE fx.rate END) AS value,
  SUM(s.amount * CASE WHEN s.cur IS NULL OR s.cur = '{base}' THEN 1 ELSE fx.rate END
      * COALESCE(s.recorded,
                 CASE WHEN s.stage IS NULL OR lower(s.stage) = lower(s.now_stage) THEN s.now_p END,
                 d.p) / 100) AS weighted
FROM s
LEFT JOIN fx ON fx.cur = s.cur AND s.day >= fx.d_from AND s.day < fx.d_to
LEFT JOIN defaults d ON d.k = lower(s.stage)
GROUP BY s.day ORDER BY s.day
"""

MONTH_ENDS = (
    INTERVALS
    + ","
    + FX
    + """,
days AS (
  SELECT CAST(m + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE) AS day
  FROM range(DATE '{first}', DATE '{last}', INTERVAL 1 MONTH) t(m)
),
s AS (
  SELECT states.*, days.day FROM states JOIN days
    ON states.d_from <= days.day AND states.d_to > days.day
  WHERE states.status = 'open' AND states.created <= days.day
)
"""
    + MEASURES
)

ONE_DAY = (
    "WITH "
    + DEALS
    + """
last_rows AS (
  SELECT opportunity_id AS id,
    arg_max(NULLIF(TRIM(stage), ''), changed_at) FILTER (WHERE NULLIF(TRIM(stage), '') IS NOT NULL)
      AS c_stage,
    arg_max(status, changed_at) FILTER (WHERE status IS NOT NULL) AS c_status,
    arg_max(amount::DOUBLE, changed_at) FILTER (WHERE amount IS NOT NULL) AS c_amount,
    max(changed_at) FILTER (WHERE NULLIF(TRIM(stage), '') IS NOT NULL) AS stage_at,
    arg_max(probability, changed_at) FILTER (WHERE probability IS NOT NULL) AS c_p,
    max(changed_at) FILTER (WHERE probability IS NOT NULL) AS p_at
  FROM opportunity_history h SEMI JOIN deals d ON d.opportunity_id = h.opportunity_id
  WHERE changed_at::DATE <= DATE '{day}'
  GROUP BY h.opportunity_id
),
first_rows AS (
  SELECT opportunity_id AS id,
    arg_min(NULLIF(TRIM(stage), ''), changed_at) FILTER (WHERE NULLIF(TRIM(stage), '') IS NOT NULL)
      AS f_stage,
    arg_min(amount::DOUBLE, changed_at) FILTER (WHERE amount IS NOT NULL) AS f_amount
  FROM opportunity_history h SEMI JOIN deals d ON d.opportunity_id = h.opportunity_id
  GROUP BY h.opportunity_id
),
"""
    + FX
    + """,
s AS (
  SELECT DATE '{day}' AS day, NULLIF(UPPER(TRIM(o.currency)), '') AS cur,
    COALESCE(l.c_amount, f.f_amount, o.amount::DOUBLE) AS amount,
    COALESCE(l.c_stage, f.f_stage,
             CASE WHEN o.status = 'open' THEN NULLIF(TRIM(o.stage), '') END) AS stage,
    CASE WHEN l.stage_at IS NULL OR l.p_at >= l.stage_at THEN l.c_p END AS recorded,
    o.probability AS now_p, NULLIF(TRIM(o.stage), '') AS now_stage
  FROM deals o
  LEFT JOIN last_rows l ON l.id = o.opportunity_id
  LEFT JOIN first_rows f ON f.id = o.opportunity_id
  WHERE CASE
      WHEN o.needs_close AND o.close_at::DATE <= DATE '{day}'
        THEN FALSE  -- closed now, the history does not end closed: closed at close_at
      ELSE COALESCE(l.c_status, 'open') = 'open' END
)
"""
    + MEASURES
)


def engine(ws: Any, **request: Any) -> list[tuple[float, float, float]]:
    frames = ws.kpis(list(KPIS), **request)
    for kpi, frame in frames.items():
        if frame.attrs["warnings"]:
            raise SystemExit(f"{kpi}: {frame.attrs['warnings']}")
    columns = [[float(v) for v in frames[k]["value"]] for k in KPIS]
    return list(zip(*columns, strict=True))


def hand(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[float, float, float]]:
    return [(float(n), float(v or 0), float(w or 0)) for _, n, v, w in con.execute(sql).fetchall()]


def timed(fn: Any, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        began = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - began)
    return statistics.median(runs)


def check(what: str, a: list[tuple[float, ...]], b: list[tuple[float, ...]]) -> None:
    if len(a) != len(b):
        raise SystemExit(f"{what}: engine {len(a)} rows, hand-written SQL {len(b)}")
    for i, (x, y) in enumerate(zip(a, b, strict=True)):
        for kpi, u, v in zip(KPIS, x, y, strict=True):
            if not math.isclose(u, v, rel_tol=1e-9, abs_tol=1e-6):
                raise SystemExit(f"{what} row {i} {kpi}: engine {u} != hand-written SQL {v}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="large", choices=["small", "medium", "large"])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--workspace", type=Path, help="an existing demo workspace to use")
    args = parser.parse_args()
    import os

    os.environ.setdefault("SALESMETRICS_CACHE_DIR", tempfile.mkdtemp(prefix="salesmetrics-ph-"))
    from salesmetrics.demo import build_demo
    from salesmetrics.workspace import Workspace

    with tempfile.TemporaryDirectory(prefix="salesmetrics-ph-") as tmp:
        path = args.workspace or Path(tmp) / f"{args.scale}.duckdb"
        if args.workspace is None:
            build_demo(path, scale=args.scale, seed=42)
        with Workspace(path, read_only=True) as ws:
            end = ws.backend.rows("SELECT max(changed_at)::DATE FROM opportunity_history")[0][0]
        day = end - dt.timedelta(days=200)  # a day well inside the history
        months_last = end.replace(day=1) - dt.timedelta(days=1)
        months_first = (months_last.replace(day=1) - dt.timedelta(days=335)).replace(day=1)
        first_month_end = (months_first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(1)
        with Workspace(path, read_only=True) as ws:
            settings = ws.engine_settings()
            one = {"grain": "day", "start": day, "end": day, "as_of": day}
            twelve = {"grain": "month", "start": months_first, "end": months_last}
            began = time.perf_counter()
            numbers_day = engine(ws, **one)
            first_day = time.perf_counter() - began
            began = time.perf_counter()
            numbers_months = engine(ws, **twelve)
            first_months = time.perf_counter() - began
            warm_day = timed(lambda: engine(ws, **one), args.repeat)
            warm_months = timed(lambda: engine(ws, **twelve), args.repeat)
        con = duckdb.connect(str(path), read_only=True)
        base = settings["base_currency"]
        pairs = sorted(settings["stage_probabilities"].items())
        defaults = ", ".join(f"('{k}', {float(v)})" for k, v in pairs) or "(NULL, NULL)"
        sql_day = ONE_DAY.format(day=day.isoformat(), last=day.isoformat(), alive=day.isoformat(),
                                 base=base, defaults=defaults)  # fmt: skip
        sql_months = MONTH_ENDS.format(first=months_first.isoformat(),
                                       last=(months_last + dt.timedelta(days=1)).isoformat(),
                                       alive=first_month_end.isoformat(),
                                       base=base, defaults=defaults)  # fmt: skip
        check(f"pipeline on {day}", numbers_day, hand(con, sql_day))
        check("12 month ends", numbers_months, hand(con, sql_months))
        hand_day = timed(lambda: hand(con, sql_day), args.repeat)
        hand_months = timed(lambda: hand(con, sql_months), args.repeat)
        con.close()
    label = args.workspace or f"{args.scale} demo"
    print(f"Pipeline from opportunity_history ({', '.join(KPIS)}), {label}; numbers checked equal")
    print(f"{'what':<44}{'warm s':>9}{'/ hand':>9}")
    rows = [
        (f"engine, pipeline on {day}", warm_day, hand_day),
        ("engine, the same, first run (compiles)", first_day, hand_day),
        (f"hand-written DuckDB SQL, pipeline on {day}", hand_day, hand_day),
        (f"engine, 12 month ends {months_first:%Y-%m} to {months_last:%Y-%m}", warm_months,
         hand_months),
        ("engine, the same, first run (compiles)", first_months, hand_months),
        ("hand-written DuckDB SQL, 12 month ends", hand_months, hand_months),
    ]  # fmt: skip
    for what, seconds, baseline in rows:
        print(f"{what:<44}{seconds:>9.3f}{seconds / baseline:>9.2f}")
    print(f"targets on the large demo: one day <= 1 s ({'met' if warm_day <= 1 else 'missed'}), "
          f"12 month ends <= 2 s ({'met' if warm_months <= 2 else 'missed'})")  # fmt: skip


if __name__ == "__main__":
    main()
