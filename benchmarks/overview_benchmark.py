"""An overview dashboard's KPIs three ways: the engine, hand-written DuckDB SQL, and pandas.

Usage: ``python benchmarks/overview_benchmark.py [--scale medium|large|both] [--repeat N]``.

The suite is what an overview page asks for: revenue, won deals, win rate, average deal size,
sales cycle, pipeline value, weighted pipeline, opportunities created, leads created and lead
conversion — 12 months, company-wide and by team (20 results). The engine computes it with
``Workspace.kpis`` (one query per shared row set); the hand-written SQL is what a database
engineer would write for the same numbers (as-of fx joins, one statement per KPI); pandas loads
the tables (timed separately) and computes the same. Every way's numbers are checked equal to
the engine's. *Warm*: the median of repeated runs in one process; *cold*: a new process with
an empty plan cache (imports, connection and compilation included).

The demo carries opportunity_history, which the stock KPIs read (the deals as they were on
each day). The hand-written SQL and pandas here follow the current-row rule, so the suite runs
after the history is emptied; the history path is measured against its own hand-written SQL by
``pipeline_history_benchmark.py``. Every catalog KPI alone is timed before, on the whole demo.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

SUITE = (
    "revenue",
    "won_deals",
    "win_rate",
    "average_deal_size",
    "sales_cycle_days",
    "pipeline_value",
    "weighted_pipeline",
    "opportunities_created",
    "leads_created",
    "lead_conversion_rate",
)
BY = ((), ("team",))
Numbers = dict[tuple[str, tuple[Any, ...], str], float | None]  # (kpi, (month, team?), ...)


def window(path: Path) -> tuple[dt.date, dt.date]:
    """The last 12 whole months of the demo's history."""
    con = duckdb.connect(str(path), read_only=True)
    start = dt.date.fromisoformat(
        con.execute("SELECT value FROM _salesmetrics_meta WHERE key = 'demo_start'").fetchone()[0]  # type: ignore[index]
    )
    con.close()
    end = dt.date(start.year + 3, start.month, 1) - dt.timedelta(days=1)
    first = (end.replace(day=1) - dt.timedelta(days=330)).replace(day=1)
    return first, end


# -- the engine ----------------------------------------------------------------------------
def engine(path: Path, first: dt.date, last: dt.date) -> Numbers:
    from salesmetrics.workspace import Workspace

    out: Numbers = {}
    with Workspace(path, read_only=True) as ws:
        for by in BY:
            frames = ws.kpis(list(SUITE), grain="month", start=first, end=last, by=list(by),
                             as_of=last)  # fmt: skip
            for kpi, frame in frames.items():
                for row in frame.to_dict("records"):
                    key = (row["period_start"].isoformat(), *(row[d] for d in by))
                    value = row["value"]
                    out[(kpi, key, str(by))] = None if value != value else float(value)
    return out


# -- hand-written SQL --------------------------------------------------------------------------
def hand_sql(
    first: dt.date, last: dt.date, team: bool, stage_defaults: dict[str, float]
) -> dict[str, str]:
    """One statement per KPI, as a database engineer would write it for DuckDB."""
    t = ", team" if team else ""
    lo, hi = f"DATE '{first}'", f"DATE '{last}'"
    defaults = (
        " ".join(f"WHEN '{k}' THEN {v}" for k, v in stage_defaults.items()) or "WHEN '' THEN NULL"
    )
    deals = f"""
      WITH fx AS (SELECT upper(trim(currency)) AS cur, date, rate FROM fx_rates),
      o AS (SELECT o.*, nullif(upper(trim(o.currency)), '') AS cur, nullif(r.team, '') AS team,
                   CAST(o.amount AS DOUBLE) AS amt
            FROM opportunities o LEFT JOIN reps r ON r.rep_id = o.owner_rep_id),
      closed AS (SELECT o.*, date_trunc('month', close_date)::DATE AS p,
                        CASE WHEN o.cur IS NULL OR o.cur = 'USD' THEN 1.0 ELSE fx.rate END AS rate
                 FROM (SELECT * FROM o WHERE status IN ('won', 'lost')
                       AND close_date BETWEEN {lo} AND {hi}) o
                 ASOF LEFT JOIN fx ON o.cur = fx.cur AND o.close_date >= fx.date)"""
    months = f"""
      months AS (SELECT p::DATE AS p, least(p::DATE + INTERVAL 1 MONTH - INTERVAL 1 DAY, {hi})::DATE AS d
                 FROM range({lo}, {hi} + INTERVAL 1 DAY, INTERVAL 1 MONTH) r(p)),
      stock AS (SELECT m.p, m.d, o.* FROM months m JOIN o
                ON CAST(o.created_at AS DATE) <= m.d AND (o.status = 'open' OR o.close_date > m.d)),
      rated AS (SELECT s.*, CASE WHEN s.cur IS NULL OR s.cur = 'USD' THEN 1.0 ELSE fx.rate END AS rate
                FROM stock s ASOF LEFT JOIN fx ON s.cur = fx.cur AND s.d >= fx.date)"""  # noqa: E501
    leads = f"""
      WITH l AS (SELECT l.*, nullif(r.team, '') AS team,
                        date_trunc('month', CAST(l.created_at AS DATE))::DATE AS p
                 FROM leads l LEFT JOIN reps r ON r.rep_id = l.owner_rep_id
                 WHERE CAST(l.created_at AS DATE) BETWEEN {lo} AND {hi}),
      won AS (SELECT DISTINCT lead_id FROM opportunities
              WHERE lead_id IS NOT NULL AND status = 'won' AND close_date <= {hi})"""
    return {
        "revenue": f"{deals} SELECT p{t}, sum(amt * rate) FROM closed WHERE status = 'won' "
        "GROUP BY ALL",
        "won_deals": f"{deals} SELECT p{t}, count(*) FROM closed WHERE status = 'won' GROUP BY ALL",
        "win_rate": f"{deals} SELECT p{t}, "
        "100.0 * count(*) FILTER (WHERE status = 'won') / count(*) "
        "FROM closed GROUP BY ALL",
        "average_deal_size": f"{deals} SELECT p{t}, avg(amt * rate) FROM closed "
        "WHERE status = 'won' AND amt IS NOT NULL GROUP BY ALL",
        "sales_cycle_days": f"{deals} SELECT p{t}, avg((epoch(CAST(close_date AS TIMESTAMP)) - "
        "epoch(created_at)) / 86400.0) FROM closed WHERE status = 'won' GROUP BY ALL",
        "pipeline_value": f"{deals}, {months} SELECT p{t}, sum(amt * rate) FROM rated GROUP BY ALL",
        "weighted_pipeline": f"{deals}, {months} SELECT p{t}, "
        "sum(amt * rate * coalesce(probability, "
        f"CASE lower(trim(stage)) {defaults} END) / 100) FROM rated GROUP BY ALL",
        "opportunities_created": f"{deals} SELECT "
        f"date_trunc('month', CAST(created_at AS DATE))::DATE AS p{t}, "
        f"count(*) FROM o WHERE CAST(created_at AS DATE) BETWEEN {lo} AND {hi} GROUP BY ALL",
        "leads_created": f"{leads} SELECT p{t}, count(*) FROM l GROUP BY ALL",
        "lead_conversion_rate": f"{leads} SELECT p{t}, 100.0 * count(won.lead_id) / count(*) "
        "FROM l LEFT JOIN won USING (lead_id) GROUP BY ALL",
    }


def stage_defaults(path: Path) -> dict[str, float]:
    from salesmetrics.workspace import Workspace

    with Workspace(path, read_only=True) as ws:
        return dict(ws.engine_settings()["stage_probabilities"])


def hand(path: Path, first: dt.date, last: dt.date, defaults: dict[str, float]) -> Numbers:
    con = duckdb.connect(str(path), read_only=True)
    out: Numbers = {}
    for by in BY:
        for kpi, sql in hand_sql(first, last, bool(by), defaults).items():
            for row in con.execute(sql).fetchall():
                key = (row[0].isoformat(), *row[1 : 1 + len(by)])
                out[(kpi, key, str(by))] = None if row[-1] is None else float(row[-1])
    con.close()
    return out


# -- pandas ------------------------------------------------------------------------------------
def load(path: Path) -> dict[str, pd.DataFrame]:
    con = duckdb.connect(str(path), read_only=True)
    tables = {
        "opportunities": "SELECT opportunity_id, created_at, status, close_date, "
        "CAST(amount AS DOUBLE) AS amount, currency, stage, probability, owner_rep_id, lead_id "
        "FROM opportunities",
        "leads": "SELECT lead_id, created_at, owner_rep_id FROM leads",
        "reps": "SELECT rep_id, team FROM reps",
        "fx_rates": "SELECT currency, date, rate FROM fx_rates",
    }
    out = {name: con.execute(sql).df() for name, sql in tables.items()}
    con.close()
    return out


def with_rate(frame: pd.DataFrame, fx: pd.DataFrame, day: str) -> pd.DataFrame:
    frame = frame.copy()
    frame["cur"] = frame["currency"].str.strip().str.upper().replace("", None)
    frame["_day"] = pd.to_datetime(frame[day]).astype("datetime64[us]")
    frame = frame.sort_values("_day")
    rates = fx.assign(
        cur=fx["currency"].str.strip().str.upper(),
        _day=pd.to_datetime(fx["date"]).astype("datetime64[us]"),
    )
    rates = rates.sort_values("_day")[["cur", "_day", "rate"]]
    merged = pd.merge_asof(frame, rates, on="_day", by="cur", direction="backward")
    merged["rate"] = np.where(merged["cur"].isna() | (merged["cur"] == "USD"), 1.0, merged["rate"])
    return merged


def pandas_suite(t: dict[str, pd.DataFrame], first: dt.date, last: dt.date,
                 defaults: dict[str, float]) -> Numbers:  # fmt: skip
    teams = t["reps"].assign(team=t["reps"]["team"].replace("", None))[["rep_id", "team"]]
    o = t["opportunities"].merge(teams, how="left", left_on="owner_rep_id", right_on="rep_id")
    o["created_day"] = pd.to_datetime(o["created_at"]).dt.normalize()
    o["close_day"] = pd.to_datetime(o["close_date"])
    lo, hi = pd.Timestamp(first), pd.Timestamp(last)
    closed = o[o["status"].isin(["won", "lost"]) & o["close_day"].between(lo, hi)]
    closed = with_rate(closed, t["fx_rates"], "close_day")
    closed["p"] = closed["close_day"].dt.to_period("M").dt.start_time
    closed["money"] = closed["amount"] * closed["rate"]
    closed["cycle"] = (
        closed["close_day"] - pd.to_datetime(closed["created_at"])
    ).dt.total_seconds() / 86400
    won = closed[closed["status"] == "won"]
    out: Numbers = {}

    def emit(kpi: str, series: pd.Series, by: tuple[str, ...]) -> None:
        for key, value in series.items():
            parts = key if isinstance(key, tuple) else (key,)
            month = pd.Timestamp(parts[0]).date().isoformat()
            rest = tuple(None if (isinstance(v, float) and math.isnan(v)) else v for v in parts[1:])
            out[(kpi, (month, *rest), str(by))] = None if pd.isna(value) else float(value)

    month_ends = pd.date_range(lo, hi, freq="MS")
    stock_rows = []
    for start in month_ends:
        day = min(start + pd.offsets.MonthEnd(0), hi)
        open_ = o[(o["created_day"] <= day) & ((o["status"] == "open") | (o["close_day"] > day))]
        open_ = with_rate(open_.assign(_d=day), t["fx_rates"], "_d")
        open_["p"] = start
        stock_rows.append(open_)
    stock = pd.concat(stock_rows)
    prob = stock["probability"].fillna(stock["stage"].str.strip().str.lower().map(defaults))
    stock["money"] = stock["amount"] * stock["rate"]
    stock["weighted"] = stock["money"] * prob / 100
    created = o[o["created_day"].between(lo, hi)].assign(
        p=lambda f: f["created_day"].dt.to_period("M").dt.start_time
    )
    leads = t["leads"].merge(teams, how="left", left_on="owner_rep_id", right_on="rep_id")
    leads["day"] = pd.to_datetime(leads["created_at"]).dt.normalize()
    leads = leads[leads["day"].between(lo, hi)].assign(
        p=lambda f: f["day"].dt.to_period("M").dt.start_time
    )
    converted = set(
        o[(o["status"] == "won") & (o["close_day"] <= hi) & o["lead_id"].notna()]["lead_id"]
    )
    leads["won"] = leads["lead_id"].isin(converted)
    for by in BY:
        keys = ["p", *by]
        emit("revenue", won.groupby(keys, dropna=False)["money"].sum(min_count=1), by)
        emit("won_deals", won.groupby(keys, dropna=False).size(), by)
        emit(
            "win_rate",
            closed.groupby(keys, dropna=False)["status"].apply(
                lambda s: 100.0 * (s == "won").mean()
            ),
            by,
        )
        emit(
            "average_deal_size",
            won[won["amount"].notna()].groupby(keys, dropna=False)["money"].mean(),
            by,
        )
        emit("sales_cycle_days", won.groupby(keys, dropna=False)["cycle"].mean(), by)
        emit("pipeline_value", stock.groupby(keys, dropna=False)["money"].sum(min_count=1), by)
        emit(
            "weighted_pipeline", stock.groupby(keys, dropna=False)["weighted"].sum(min_count=1), by
        )
        emit("opportunities_created", created.groupby(keys, dropna=False).size(), by)
        emit("leads_created", leads.groupby(keys, dropna=False).size(), by)
        emit("lead_conversion_rate", leads.groupby(keys, dropna=False)["won"].mean() * 100, by)
    return out


# -- checking and timing ------------------------------------------------------------------------
def same(engine_numbers: Numbers, other: Numbers, what: str) -> None:
    """Every number ``other`` gives equals the engine's; the engine's others are 0 or empty."""
    bad = []
    for key, value in other.items():
        mine = engine_numbers.get(key)
        if value is None and mine is None:
            continue
        if (
            value is None
            or mine is None
            or not math.isclose(value, mine, rel_tol=1e-6, abs_tol=1e-6)
        ):
            bad.append((key, mine, value))
    for key, mine in engine_numbers.items():
        if key not in other and mine not in (None, 0.0):
            bad.append((key, mine, None))
    if bad:
        raise SystemExit(f"{what} differs from the engine in {len(bad)} cells, e.g. {bad[:3]}")


def timed(fn: Any, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        began = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - began)
    return statistics.median(runs)


COLD = """
import sys, time, datetime as dt
began = time.perf_counter()
sys.path.insert(0, {bench!r})
import overview_benchmark as b
from pathlib import Path
path = Path({path!r})
first, last = dt.date.fromisoformat({first!r}), dt.date.fromisoformat({last!r})
what = {what!r}
if what == "engine":
    b.engine(path, first, last)
elif what == "hand":
    b.hand(path, first, last, {defaults!r})
else:
    b.pandas_suite(b.load(path), first, last, {defaults!r})
print(time.perf_counter() - began)
"""


def cold(what: str, path: Path, first: dt.date, last: dt.date, defaults: dict[str, float],
         cache_dir: str | None = None) -> float:  # fmt: skip
    """Seconds of a new process computing the suite one way; the engine's plan cache is
    ``cache_dir`` (kept from an earlier process), else a new empty one."""
    script = COLD.format(bench=str(Path(__file__).parent), path=str(path), first=first.isoformat(),
                         last=last.isoformat(), what=what, defaults=defaults)  # fmt: skip
    cache_dir = cache_dir or tempfile.mkdtemp(prefix="salesmetrics-cold-")
    env = {**os.environ, "SALESMETRICS_CACHE_DIR": cache_dir}
    began = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    if done.returncode:
        raise SystemExit(done.stderr)
    return time.perf_counter() - began


def run(scale: str, repeat: int, tmp: Path) -> dict[str, Any]:
    from salesmetrics.demo import build_demo

    path = tmp / f"{scale}.duckdb"
    build_demo(path, scale=scale, seed=42)
    first, last = window(path)
    alone = singles(path, first, last, repeat)  # the whole demo, history included
    from salesmetrics.workspace import Workspace

    with Workspace(path) as ws:  # the suite's other ways follow the current-row rule
        ws.backend.execute("DELETE FROM opportunity_history")
    defaults = stage_defaults(path)
    kept = tempfile.mkdtemp(prefix="salesmetrics-kept-")
    cold("engine", path, first, last, defaults, kept)  # fills the kept plan cache
    numbers = engine(path, first, last)
    same(numbers, hand(path, first, last, defaults), "hand-written SQL")
    began = time.perf_counter()
    tables = load(path)
    load_s = time.perf_counter() - began
    same(numbers, pandas_suite(tables, first, last, defaults), "pandas")
    figures = {
        "scale": scale,
        "cells": len(numbers),
        "engine_warm": timed(lambda: engine(path, first, last), repeat),
        "hand_warm": timed(lambda: hand(path, first, last, defaults), repeat),
        "pandas_load": load_s,
        "pandas_warm": timed(lambda: pandas_suite(tables, first, last, defaults), repeat),
        "engine_first": cold("engine", path, first, last, defaults),
        "engine_cold": cold("engine", path, first, last, defaults, kept),
        "hand_cold": cold("hand", path, first, last, defaults),
        "pandas_cold": cold("pandas", path, first, last, defaults),
        "singles": alone,
    }
    return figures


def singles(path: Path, first: dt.date, last: dt.date, repeat: int) -> dict[str, float]:
    """Seconds (warm median) of every catalog KPI alone, 12 months by team (company-wide for
    the KPIs without a team dimension), on one open workspace (as a server holds it)."""
    from salesmetrics.catalog import all_kpis
    from salesmetrics.workspace import Workspace

    out = {}
    with Workspace(path, read_only=True) as ws:
        for kpi in all_kpis():
            by = ["team"] if "team" in kpi.dimensions else []  # cost KPIs: company-level

            def one(k: str = kpi.id, by: list[str] = by) -> None:
                ws.kpi(k, grain="month", start=first, end=last, by=by, as_of=last)

            one()
            out[kpi.id] = timed(one, repeat)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="both", choices=["medium", "large", "both"])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    scales = ["medium", "large"] if args.scale == "both" else [args.scale]
    with tempfile.TemporaryDirectory(prefix="salesmetrics-overview-") as tmp:
        results = [run(scale, args.repeat, Path(tmp)) for scale in scales]
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print("Overview suite: 10 KPIs x (company, by team), 12 months; numbers checked equal.")
    print("warm: median of repeated runs in one process; cold: a new process (imports, "
          "connection,\nplan cache kept from an earlier process); first: a new process with an "
          "empty plan cache")  # fmt: skip
    print(
        f"{'scale':<8}{'way':<22}{'warm s':>9}{'cold s':>9}{'warm / hand':>13}{'cold / hand':>13}"
    )
    for r in results:
        ways = [
            ("engine (Workspace.kpis)", r["engine_warm"], r["engine_cold"]),
            ("engine, first run", r["engine_warm"], r["engine_first"]),
            ("hand-written DuckDB SQL", r["hand_warm"], r["hand_cold"]),
            ("pandas (after load)", r["pandas_warm"], r["pandas_cold"]),
            ("pandas incl. load", r["pandas_warm"] + r["pandas_load"], r["pandas_cold"]),
        ]
        for name, warm, cold_s in ways:
            print(f"{r['scale']:<8}{name:<22}{warm:>9.3f}{cold_s:>9.3f}"
                  f"{warm / r['hand_warm']:>13.2f}{cold_s / r['hand_cold']:>13.2f}")  # fmt: skip
        speedup = (r["pandas_warm"] + r["pandas_load"]) / r["engine_warm"]
        print(f"{'':<8}engine vs pandas incl. load: {speedup:.1f}x faster")
    for r in results:
        print_singles(r["scale"], r["singles"])


def print_singles(scale: str, figures: dict[str, float]) -> None:
    """Each KPI's warm time as a bar, slowest first; the 300 ms target marked."""
    print(f"\nEvery catalog KPI alone, 12 months by team, {scale} demo (warm ms; | = 300 ms):")
    widest = max(figures.values())
    scale_ms = max(widest * 1000, 300.0) / 40
    for kpi, seconds in sorted(figures.items(), key=lambda kv: -kv[1]):
        ms = seconds * 1000
        bar = "#" * max(1, round(ms / scale_ms))
        bar = bar.ljust(round(300 / scale_ms))
        bar = bar[: round(300 / scale_ms)] + "|" + bar[round(300 / scale_ms) :]
        print(f"  {kpi:<28}{ms:>8.0f}  {bar}")
    over = [k for k, v in figures.items() if v > 0.3]
    print(f"  {len(figures) - len(over)} of {len(figures)} within 300 ms"
          + (f"; over: {', '.join(over)}" if over else ""))  # fmt: skip


if __name__ == "__main__":
    main()
