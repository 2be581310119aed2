"""Measures: what the engine sums (or takes the median of) over a row set.

A measure is evaluated per (period, slice) in the database as ``Σ value`` over the rows where
``member`` holds (or the median of ``value`` over them). ``value=None`` counts the members.
Money measures leave out rows whose currency has no fx rate; their count feeds the warning.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import ibis

from salesmetrics.engine.inputs import SQL_DATES, Need

if TYPE_CHECKING:
    from ibis.expr.types import Table

    from salesmetrics.engine.ibis_context import Context

Expr = Callable[["Table", "Context"], Any]

SECONDS_PER_DAY = 86_400.0
SECONDS_PER_HOUR = 3_600.0


def as_count(predicate: Any) -> Any:
    """1 where ``predicate`` holds, else 0 (every engine sums it; PostgreSQL cannot cast a
    boolean to BIGINT)."""
    return ibis.ifelse(predicate, 1, 0)


@dataclass(frozen=True)
class Measure:
    """One aggregate over a row set (see the module docstring)."""

    name: str
    rowset: str
    member: Expr
    value: Expr | None = None
    agg: str = "sum"
    money: bool = False
    population: Expr | None = None
    #: Inputs this measure needs beyond its row set's (see engine.inputs).
    needs: tuple[Need, ...] = ()
    #: Optional columns of its row set it reads (``RowSet.extras``).
    uses: tuple[str, ...] = ()

    def in_population(self, t: Table, ctx: Context) -> Any:
        """The KPI's input rows (before money exclusions): they decide which slices appear."""
        return (self.population or self.member)(t, ctx)


def _won(t: Table, ctx: Context) -> Any:
    return t._status == "won"


def _lost(t: Table, ctx: Context) -> Any:
    return t._status == "lost"


def _true(t: Table, ctx: Context) -> Any:
    """Every row of the row set (rows are joined to a period, so period_start is set)."""
    return t.period_start.notnull()


def _converted(t: Table, ctx: Context) -> Any:
    return t._amount * t._rate


def _won_with_amount(t: Table, ctx: Context) -> Any:
    return (t._status == "won") & t._amount.notnull()


def _annualised(t: Table, ctx: Context) -> Any:
    return t._amount * t._rate / (t._months.fill_null(12.0) / 12.0)


def _cycle_days(t: Table, ctx: Context) -> Any:
    seconds = t._close.cast("timestamp").epoch_seconds() - t._created.epoch_seconds()
    return seconds.cast("float64") / SECONDS_PER_DAY


def _probability(t: Table, ctx: Context) -> Any:
    """The deal's probability, else its stage's default (computed once per deal by the row
    set, before deals are expanded into periods)."""
    return t._win_probability


def _response_in_time(t: Table, ctx: Context) -> Any:
    return t._response.notnull() & (t._response.date() <= ctx.as_of())


def _response_hours(t: Table, ctx: Context) -> Any:
    seconds = t._response.epoch_seconds() - t._created.epoch_seconds()
    return seconds.cast("float64") / SECONDS_PER_HOUR


M = Measure


def _kept(t: Table) -> Any:
    return ~t._fx_bad


def _moved(t: Table) -> Any:
    return t._e_end - t._s_end


#: the pipeline waterfall's steps over ``pipeline_moves`` (engine.pipeline_waterfall)
PIPELINE_MOVES = (
    M("pw_start", "pipeline_moves", lambda t, c: t._in0 & _kept(t), lambda t, c: t._s_start),
    M("pw_fx", "pipeline_moves", lambda t, c: t._in0 & _kept(t),
      lambda t, c: t._s_end - t._s_start),
    M("pw_increased", "pipeline_moves", lambda t, c: t._in0 & _kept(t) & (_moved(t) > 0),
      lambda t, c: _moved(t)),
    M("pw_decreased", "pipeline_moves", lambda t, c: t._in0 & _kept(t) & (_moved(t) < 0),
      lambda t, c: -_moved(t)),
    M("pw_created", "pipeline_moves", lambda t, c: ~t._in0 & t._created_in & _kept(t),
      lambda t, c: t._e_end),
    M("pw_pulled_in", "pipeline_moves", lambda t, c: ~t._in0 & ~t._created_in & _kept(t),
      lambda t, c: t._e_end),
    M("pw_won", "pipeline_moves", lambda t, c: t._closed_in & (t._status == "won") & _kept(t),
      lambda t, c: t._e_end),
    M("pw_lost", "pipeline_moves", lambda t, c: t._closed_in & (t._status == "lost") & _kept(t),
      lambda t, c: t._e_end),
    M("pw_pushed_out", "pipeline_moves",
      lambda t, c: t._in0 & (t._status == "open") & ~t._in1 & _kept(t),
      lambda t, c: t._e_end),
    M("pw_end", "pipeline_moves", lambda t, c: t._in1 & _kept(t), lambda t, c: t._e_end,
      population=lambda t, c: t._in1),
)  # fmt: skip

MEASURES: dict[str, Measure] = {
    m.name: m
    for m in (
        # closed deals (anchor close_date)
        M("won_amount", "closed_deals", _won, _converted, money=True),
        M("won_count", "closed_deals", _won),
        M("lost_count", "closed_deals", _lost),
        M("closed_count", "closed_deals", _true),
        M(
            "won_amount_known",
            "closed_deals",
            _won_with_amount,
            _converted,
            money=True,
            population=_won,
        ),
        M("won_with_amount", "closed_deals", _won_with_amount, money=True, population=_won),
        M(
            "won_value",
            "closed_deals",
            _won,
            lambda t, c: _converted(t, c).fill_null(0.0),
            money=True,
        ),
        M(
            "closed_value",
            "closed_deals",
            _true,
            lambda t, c: _converted(t, c).fill_null(0.0),
            money=True,
        ),
        M(
            "won_acv_sum",
            "closed_deals",
            _won_with_amount,
            _annualised,
            money=True,
            population=_won,
        ),
        M("won_cycle_days", "closed_deals", _won, _cycle_days),
        M("won_cycle_days_sq", "closed_deals", _won, lambda t, c: _cycle_days(t, c) ** 2),
        M(
            "won_amount_known_sq",
            "closed_deals",
            _won_with_amount,
            lambda t, c: _converted(t, c) ** 2,
            money=True,
            population=_won,
        ),
        M("won_cycle_days_median", "closed_deals", _won, _cycle_days, agg="median"),
        M(
            "won_amount_owned",
            "closed_deals_with_owner",
            lambda t, c: (
                (t._status == "won") & (t._owner_known | ibis.literal(not c.request.dims_used))
            ),
            _converted,
            money=True,
        ),
        # created deals (anchor created_at)
        M("created_count", "created_deals", _true),
        M("created_amount", "created_deals", _true, _converted, money=True),
        M(
            "created_won_by_as_of",
            "created_deals",
            lambda t, c: (t._status == "won") & (t._close <= c.as_of()),
            population=_true,
        ),
        # open deals (stock at each period's last day)
        M("open_count", "open_deals", _true),
        M("open_amount", "open_deals", _true, _converted, money=True),
        M(
            "open_weighted",
            "open_deals",
            lambda t, c: _probability(t, c).notnull(),
            lambda t, c: _converted(t, c) * _probability(t, c) / 100.0,
            money=True,
            population=_true,
        ),
        M(
            "open_aged_count",
            "open_deals",
            lambda t, c: t._created_date < t.hi - ibis.interval(days=180),
            population=_true,
        ),
        M(
            "stale_count",
            "open_deals_touched",
            lambda t, c: (t._created_date <= t.hi - ibis.interval(days=30)) & ~t._touched,
            population=_true,
        ),
        # deal history (opportunity_history)
        M("stage_entered", "stage_entries", _true),
        M("stage_progressed", "stage_entries", lambda t, c: t._progressed, population=_true),
        M("stage_exit_count", "stage_exits", _true),
        M("stage_exit_days", "stage_exits", _true, lambda t, c: t._days),
        M("pushed_count", "pushes", _true),
        *PIPELINE_MOVES,
        # leads
        M("lead_count", "leads_created", _true),
        M("mql_count", "leads_mql", _true),
        M("sql_count", "leads_sql", _true),
        M("cohort_leads", "leads_created_outcomes", _true),
        M(
            "cohort_converted",
            "leads_created_outcomes",
            lambda t, c: t._won_opp,
            population=_true,
            uses=("_won_opp",),
        ),
        M(
            "cohort_with_opp",
            "leads_created_outcomes",
            lambda t, c: t._has_opp,
            population=_true,
            uses=("_has_opp",),
        ),
        M(
            "cohort_qualified",
            "leads_created",
            lambda t, c: t._sql_date.notnull() & (t._sql_date <= c.as_of()),
            population=_true,
            needs=(SQL_DATES,),
        ),
        M(
            "mql_qualified",
            "leads_mql",
            lambda t, c: t._sql_date.notnull() & (t._sql_date <= c.as_of()),
            population=_true,
            needs=(SQL_DATES,),
        ),
        M("responded_count", "leads_created_response", _response_in_time, population=_true),
        M(
            "response_hours",
            "leads_created_response",
            _response_in_time,
            _response_hours,
            population=_true,
        ),
        M(
            "response_hours_sq",
            "leads_created_response",
            _response_in_time,
            lambda t, c: _response_hours(t, c) ** 2,
            population=_true,
        ),
        M(
            "response_hours_median",
            "leads_created_response",
            _response_in_time,
            _response_hours,
            agg="median",
            population=_true,
        ),
        # accounts and reps
        M("new_customer_count", "new_customers", _true),
        M("active_rep_count", "active_reps", _true),
    )
}

#: Measures that leave out some rows for another reason than fx, with the warning's wording.
EXTRA_WARNINGS: dict[str, tuple[Expr, str]] = {
    "pw_end": (
        lambda t, c: t._fx_bad,
        "{n} deal row(s) in a currency without an fx rate on a period's start or end day were "
        "left out",
    ),
    "open_weighted": (
        lambda t, c: _probability(t, c).isnull(),
        "{n} open deal row(s) without a probability or stage default were left out",
    ),
}
