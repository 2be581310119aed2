"""Forecasts of a period's bookings made on a day D (docs/kpi-conventions.md, "Forecast"):
won so far plus the open pipeline due by the period's end, weighted (a) by the stage win rates
learnt from the history known on D, (b) by the CRM's probabilities, or (c) a run-rate of the
periods before; each with an 80 % range. ``backtest`` replays past periods from the day before
each began and scores every method against what was booked (MAPE).

Deal states, win rates and bookings come from engine queries (any engine); the weighting and
ranges are computed here on one row per open deal.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import statistics
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from salesmetrics.engine.periods import add_months, next_start, period_start
from salesmetrics.errors import UserError

if TYPE_CHECKING:
    from salesmetrics.workspace import Workspace

METHODS = ("learnt", "crm", "run_rate")
#: closed deals of a (stage, segment) needed before its own win rate is used
SEGMENT_MINIMUM = 30
#: the half-width of an 80 % normal band, in standard deviations
Z80 = 1.28
RUN_RATE_PERIODS = 4
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Period:
    grain: str
    first: dt.date
    last: dt.date

    @property
    def label(self) -> str:
        if self.grain == "month":
            return self.first.strftime("%Y-%m")
        return f"{self.first} to {self.last}"

    def shifted(self, n: int, fy: int) -> Period:
        """The period ``n`` periods of the same grain later (earlier when negative)."""
        months = {"month": 1, "quarter": 3, "year": 12}[self.grain]
        first = add_months(self.first, n * months)
        return Period(self.grain, first, next_start(first, self.grain) - ONE_DAY)


def parse_period(text: str | None, as_of: dt.date, fy: int) -> Period:
    """``2025-Q3`` (fiscal quarter of the fiscal year starting in 2025), ``2025-07``, ``2025``
    (fiscal year), or None: the quarter holding ``as_of``."""
    if text is None or not text.strip():
        first = period_start(as_of, "quarter", fy)
        return Period("quarter", first, next_start(first, "quarter") - ONE_DAY)
    value = text.strip().upper()
    if m := re.fullmatch(r"(\d{4})-?Q([1-4])", value):
        first = add_months(dt.date(int(m[1]), fy, 1), 3 * (int(m[2]) - 1))
        grain = "quarter"
    elif m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        if not 1 <= int(m[2]) <= 12:
            raise UserError(f"--period {text!r}: the month must be 01-12.")
        first, grain = dt.date(int(m[1]), int(m[2]), 1), "month"
    elif m := re.fullmatch(r"(?:FY)?(\d{4})", value):
        first, grain = dt.date(int(m[1]), fy, 1), "year"
    else:
        raise UserError(
            f"--period {text!r} is not a period: write 2025-Q3 (quarter), 2025-07 (month) or "
            "2025 (fiscal year)."
        )
    return Period(grain, first, next_start(first, grain) - ONE_DAY)


@dataclass
class Forecast:
    period: Period
    day: dt.date
    by: tuple[str, ...]
    rows: list[dict[str, Any]]
    warnings: list[str] = field(default_factory=list)

    @property
    def columns(self) -> tuple[str, ...]:
        return (*self.by, "method", "won_so_far", "expected", "low", "high")


def _revenue(
    workspace: Workspace, first: dt.date, last: dt.date, by: list[str]
) -> dict[tuple[Any, ...], float]:
    """Bookings from ``first`` to ``last`` per slice of ``by``."""
    from salesmetrics.engine import kpi_result

    if last < first:
        return {}
    result = kpi_result(workspace, "revenue", grain="total", start=first, end=last, by=by)
    at = result.columns.index("value")
    return {tuple(row[1 : 1 + len(by)]): float(row[at] or 0.0) for row in result.rows}


Rates = dict[Any, tuple[float, float]]


def _open_and_rates(
    workspace: Workspace, day: dt.date, last: dt.date, by: list[str]
) -> tuple[list[dict[str, Any]], Rates, Rates, float]:
    """The deals open on ``day`` and due by ``last`` (one dict each) and the win rates learnt
    on ``day``: {(stage key, segment): (won, closed)}, {stage key: (won, closed)}, overall."""
    from salesmetrics.engine import context
    from salesmetrics.engine.backend import date_literal, spine_table
    from salesmetrics.engine.execute import with_spines
    from salesmetrics.engine.history import deal_states, stage_key
    from salesmetrics.engine.rowsets import ROWSETS, build_rows
    from salesmetrics.engine.stage_changes import _with_changes

    dims = list(dict.fromkeys([*by, "segment"]))
    with workspace.backend.session() as session:
        ctx = context(workspace, "open_opportunities", session, grain="total", start=day,
                      end=day, as_of=day, by=dims)  # fmt: skip
        fy = ctx.fiscal_year_start_month
        rows = build_rows(ctx, ROWSETS["open_deals"], spine_table("cur"), money=True)
        rows = rows.filter(rows._close <= date_literal(last))
        rows = rows.select(
            _id=rows._id,
            _value=rows._amount * rows._rate,
            _fx_missing=rows._fx_missing,
            _p=rows._win_probability,
            _key=stage_key(rows._stage),
            **{d: rows[d] for d in dims},
        )
        sql = with_spines(workspace.backend, ctx.sql(rows), ctx.request, fy, ["cur"])
        deals: list[dict[str, Any]] = [
            {str(k): v for k, v in r.items()} for r in session.frame(sql).to_dict("records")
        ]
        d = date_literal(day)
        states = deal_states(ctx, d)
        final = states.filter(states._from <= d, states._to > d)
        final = final.select(_f_id=final._id, _final=final._status, _seg=final.segment)
        entries = _with_changes(states)  # the same states: one window
        entries = entries.filter(entries._entered)
        entries = entries.select(_e_id=entries._id, _e_key=entries._stage_key).distinct()
        closed = final.filter(final._final.isin(["won", "lost"]))
        joined = entries.join(closed, entries._e_id == closed._f_id)
        won = (joined._final == "won").ifelse(1, 0)
        per = joined.group_by(["_e_key", "_seg"]).aggregate(_won=won.sum(), _closed=joined.count())
        rates = session.frame(ctx.sql(per)).to_dict("records")
        all_won = (closed._final == "won").ifelse(1, 0)
        overall = session.frame(
            ctx.sql(closed.aggregate(_won=all_won.sum(), _closed=closed.count()))
        ).iloc[0]
    by_segment: Rates = {
        (r["_e_key"], r["_seg"]): (float(r["_won"]), float(r["_closed"])) for r in rates
    }
    by_stage: Rates = {}
    for (key, _), (w, c) in by_segment.items():
        before = by_stage.get(key, (0.0, 0.0))
        by_stage[key] = (before[0] + w, before[1] + c)
    n_closed = float(overall["_closed"] or 0)
    rate = float(overall["_won"] or 0) / n_closed if n_closed else 0.0
    return deals, by_segment, by_stage, rate


def forecast(workspace: Workspace, period: Period, day: dt.date, by: list[str]) -> Forecast:
    """Every method's forecast of ``period`` made on ``day`` (clipped to the period's end)."""
    day = min(day, period.last)
    deals, by_segment, by_stage, overall = _open_and_rates(workspace, day, period.last, by)
    fy = int(workspace.get_setting("fiscal_year_start_month"))
    won = _revenue(workspace, period.first, day, by)
    past = [
        _revenue(workspace, p.first, p.last, by)
        for p in (period.shifted(-k, fy) for k in range(RUN_RATE_PERIODS, 0, -1))
    ]
    share = min(1.0, (period.last - day).days / ((period.last - period.first).days + 1))
    sums: dict[tuple[Any, ...], dict[str, list[float]]] = {}
    warnings: list[str] = []
    left_out = {"fx": 0, "amount": 0, "probability": 0}

    def rate_of(key: Any, segment: Any) -> float:
        w, c = by_segment.get((key, segment), (0.0, 0.0))
        if c >= SEGMENT_MINIMUM:
            return w / c
        w, c = by_stage.get(key, (0.0, 0.0))
        return w / c if c else overall

    for deal in deals:
        if deal["_fx_missing"]:
            left_out["fx"] += 1
            continue
        value = deal["_value"]
        if value is None or value != value:
            left_out["amount"] += 1
            continue
        cell = sums.setdefault(tuple(deal[d] for d in by), {"learnt": [0, 0], "crm": [0, 0]})
        r = rate_of(deal["_key"], deal["segment"])
        cell["learnt"][0] += value * r
        cell["learnt"][1] += value * value * r * (1 - r)
        p = deal["_p"]
        if p is None or p != p:
            left_out["probability"] += 1
            continue
        cell["crm"][0] += value * p / 100
        cell["crm"][1] += value * value * p / 100 * (1 - p / 100)
    keys = sorted({*sums, *won, *(k for w in past for k in w)}, key=_order) if by else [()]
    rows = []
    for key in keys:
        so_far = won.get(key, 0.0)
        cell = sums.get(key, {"learnt": [0, 0], "crm": [0, 0]})
        history = [w.get(key, 0.0) for w in past]
        for method in METHODS:
            if method == "run_rate":
                expected = so_far + statistics.mean(history) * share
                sigma = statistics.stdev(history) * share
            else:
                expected = so_far + cell[method][0]
                sigma = math.sqrt(cell[method][1])
            rows.append({
                **dict(zip(by, key, strict=True)), "method": method, "won_so_far": so_far,
                "expected": expected, "low": max(so_far, expected - Z80 * sigma),
                "high": expected + Z80 * sigma,
            })  # fmt: skip
    if left_out["fx"]:
        warnings.append(f"{left_out['fx']} open deal(s) in a currency without an fx rate on {day} "
                        "were left out of every method")  # fmt: skip
    if left_out["amount"]:
        warnings.append(f"{left_out['amount']} open deal(s) without an amount add nothing")
    if left_out["probability"]:
        warnings.append(f"{left_out['probability']} open deal(s) without a probability or stage "
                        "default add nothing to the crm method")  # fmt: skip
    return Forecast(period, day, tuple(by), rows, warnings)


def _order(key: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple((v is None, str(v)) for v in key)


@dataclass
class Backtest:
    rows: list[dict[str, Any]]
    mape: dict[str, float | None]
    warnings: list[str] = field(default_factory=list)


def backtest(workspace: Workspace, current: Period, n: int) -> Backtest:
    """Each of the ``n`` periods before ``current`` forecast on the day before it began, against
    the bookings it got; MAPE = mean |forecast − actual| / actual × 100 over periods with
    bookings."""
    if n < 1:
        raise UserError("--backtest needs a number of periods, 1 or more.")
    fy = int(workspace.get_setting("fiscal_year_start_month"))
    rows: list[dict[str, Any]] = []
    warnings: list[str] = []
    for k in range(n, 0, -1):
        period = current.shifted(-k, fy)
        made = forecast(workspace, period, period.first - ONE_DAY, [])
        actual = _revenue(workspace, period.first, period.last, []).get((), 0.0)
        row: dict[str, Any] = {"period_start": period.first, "period_end": period.last,
                               "actual": actual}  # fmt: skip
        for r in made.rows:
            row[r["method"]] = r["expected"]
        rows.append(row)
        warnings.extend(w for w in made.warnings if w not in warnings)
    mape: dict[str, float | None] = {}
    for method in METHODS:
        errors = [abs(r[method] - r["actual"]) / r["actual"] * 100 for r in rows if r["actual"]]
        mape[method] = statistics.mean(errors) if errors else None
    if not any(r["actual"] for r in rows):
        warnings.append("no period of the backtest booked any revenue: no MAPE")
    return Backtest(rows, mape, warnings)
