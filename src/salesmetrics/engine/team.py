"""Row sets and measures of the team KPIs (spec/kpis.md, "Team"): quotas, attainment and ramp.

A quota counts in the period that holds its ``period_start``; a rep's revenue is the amount of
the deals they own won in the period, converted at the close date. Sliced by the rep's rep,
team, manager and region.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ibis

from salesmetrics.engine.inputs import HIRE_DATES, OPPORTUNITIES, QUOTAS, REPS
from salesmetrics.engine.measures import SECONDS_PER_DAY, Measure, as_count
from salesmetrics.engine.rowsets import (
    ROWSETS,
    RowSet,
    active_reps,
    build_rows,
    filtered,
    flow,
)

if TYPE_CHECKING:
    from ibis.expr.types import Table

    from salesmetrics.engine.ibis_context import Context


def quota_base(ctx: Context) -> Table:
    q = ctx["quotas"]
    base = q.select(
        _id=q.rep_id,
        _rep_id=q.rep_id,
        _start=q.period_start,
        _end=q.period_end,
        _quota=q.amount.cast("float64"),
    )
    return filtered(ctx, base, "quota")


def quotas_set(ctx: Context, spine: Table) -> Table:
    """Quotas in the period of their period_start."""
    return flow(ctx, quota_base(ctx), spine, "_start")


def rep_attainment(ctx: Context, spine: Table) -> Table:
    """One row per (period, active rep with a quota above 0): ``_quota`` (Σ quotas starting in
    the period), ``_revenue`` (won amount converted) and ``_fx_bad`` (a won deal of the rep in
    the period has no fx rate, so the rep's attainment is unknown)."""
    reps = active_reps(ctx, spine)
    quotas = quotas_set(ctx, spine)
    quotas = quotas.group_by(_q_period=quotas.period_start, _q_rep=quotas._rep_id).aggregate(
        _quota=quotas._quota.sum()
    )
    deals = build_rows(ctx, ROWSETS["closed_deals"], spine, True)
    won = deals._status == "won"
    wins = deals.group_by(_w_period=deals.period_start, _w_rep=deals._rep_id).aggregate(
        _revenue=(deals._amount * deals._rate).sum(where=won & ~deals._fx_missing),
        _fx_bad_n=as_count(won & deals._fx_missing).max(),
    )
    rows = reps.join(
        quotas, [reps.period_start == quotas._q_period, reps._rep_id == quotas._q_rep]
    ).filter(lambda t: t._quota > 0)
    rows = rows.left_join(wins, [rows.period_start == wins._w_period, rows._rep_id == wins._w_rep])
    rows = rows.mutate(
        _revenue=rows._revenue.fill_null(0.0), _fx_bad=rows._fx_bad_n.fill_null(0) > 0
    )
    helpers = ("_q_period", "_q_rep", "_w_period", "_w_rep", "_fx_bad_n")
    return rows.select([c for c in rows.columns if c not in helpers])


def first_wins(ctx: Context, spine: Table) -> Table:
    """Reps with a hire_date in the period of their first won deal ever, with ``_ramp`` (days
    from hire to that deal's close date).

    Reps hired before the workspace's first deal was created are left out: their first won
    deal may lie before the data begins (a CRM adopted years after they joined)."""
    r, o = ctx["reps"], ctx["opportunities"]
    won = o.filter((o.status == "won") & o.close_date.notnull() & o.owner_rep_id.notnull())
    first = won.group_by(_f_rep=won.owner_rep_id).aggregate(_first_win=won.close_date.min())
    data_start = o.created_at.min().as_scalar().date()
    base = r.filter(r.hire_date.notnull(), r.hire_date >= data_start).select(
        _id=r.rep_id, _rep_id=r.rep_id, _hire=r.hire_date
    )
    base = base.join(first, base._id == first._f_rep)
    seconds = (
        base._first_win.cast("timestamp").epoch_seconds()
        - base._hire.cast("timestamp").epoch_seconds()
    )
    base = base.mutate(_ramp=seconds.cast("float64") / SECONDS_PER_DAY)
    base = base.select([c for c in base.columns if c != "_f_rep"])
    return flow(ctx, filtered(ctx, base, "rep"), spine, "_first_win")


def _all(t: Table, ctx: Context) -> Any:
    return t.period_start.notnull()


def _known(t: Table, ctx: Context) -> Any:
    return ~t._fx_bad


def weekdays_between(lo: Any, hi: Any) -> Any:
    """The number of Monday-to-Friday days in ``[lo, hi]`` (dates), in portable SQL: weekdays
    counted from a fixed Monday up to ``hi`` minus those up to the day before ``lo``."""

    def upto(day: Any) -> Any:
        seconds = day.cast("timestamp").epoch_seconds() - _MONDAY.epoch_seconds()
        days = (seconds / SECONDS_PER_DAY).round().cast("int64")
        weeks = (days / 7).floor().cast("int64")
        rest = days - weeks * 7
        return weeks * 5 + ibis.least(rest + 1, 5)

    return upto(hi) - upto(lo - ibis.interval(days=1))


_MONDAY = ibis.literal("1990-01-01").cast("timestamp")

M = Measure
TEAM_MEASURES: dict[str, Measure] = {
    m.name: m
    for m in (
        M("quota_amount", "quotas_set", _all, lambda t, c: t._quota),
        M("reps_with_quota", "rep_attainment", _known, population=_all),
        M(
            "reps_at_quota_count",
            "rep_attainment",
            lambda t, c: _known(t, c) & (t._revenue >= t._quota),
            population=_all,
        ),
        M("ramped_reps", "first_wins", _all),
        M("ramp_days_sum", "first_wins", _all, lambda t, c: t._ramp),
        M(
            "active_rep_weekdays",
            "active_reps",
            _all,
            lambda t, c: weekdays_between(t.lo, t.hi),
        ),
    )
}

#: Rows a team measure leaves out, with the warning's wording (see measures.EXTRA_WARNINGS).
TEAM_WARNINGS = {
    "reps_with_quota": (
        lambda t, c: t._fx_bad,
        "{n} rep period(s) with a won deal in a currency without an fx rate were left out",
    ),
}

TEAM_ROWSETS: dict[str, RowSet] = {
    r.name: r
    for r in (
        RowSet(
            "quotas_set",
            quotas_set,
            {"rep_id": "_id", "period_start": "_start", "period_end": "_end", "amount": "_quota"},
            None,
            (QUOTAS,),
            ("quotas", "period_start"),
            "quotas",
        ),
        RowSet(
            "rep_attainment",
            rep_attainment,
            {"rep_id": "_id", "quota": "_quota", "revenue": "_revenue"},
            None,
            (REPS, QUOTAS),
            ("quotas", "period_start"),
            "reps",
        ),
        RowSet(
            "first_wins",
            first_wins,
            {
                "rep_id": "_id",
                "hire_date": "_hire",
                "first_won_close": "_first_win",
                "days": "_ramp",
            },
            None,
            (REPS, HIRE_DATES, OPPORTUNITIES),
            ("opportunities", "close_date"),
            "reps",
        ),
    )
}
