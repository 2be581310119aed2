"""Row sets and measures of the marketing KPIs (spec/kpis.md, "Cost and marketing"): the web
funnel per channel and what marketing spend buys.

``web_stats`` and ``spend`` hold base-currency amounts (neither has a currency column); both are
sliced by ``channel``. Empty counts add nothing (they are not zeros the source reported, but a
sum over them is the same).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from salesmetrics.engine.dimensions import own_dims
from salesmetrics.engine.inputs import MARKETING_SPEND, WEB_STATS
from salesmetrics.engine.measures import Measure
from salesmetrics.engine.rowsets import RowSet, filtered, flow

if TYPE_CHECKING:
    from ibis.expr.types import Table

    from salesmetrics.engine.ibis_context import Context

COUNTS = ("impressions", "clicks", "visitors", "bounces", "conversions")


def web_traffic(ctx: Context, spine: Table) -> Table:
    """Daily web_stats rows in the period of their date."""
    w = ctx["web_stats"]
    base = w.select(
        _id=w.channel,
        _day=w.date,
        _revenue=w.attributed_revenue.cast("float64").fill_null(0.0),
        **{f"_{c}": w[c].cast("float64").fill_null(0.0) for c in COUNTS},
        **own_dims(w, "web", ctx.request.dims_used),
    )
    return flow(ctx, filtered(ctx, base, "web"), spine, "_day")


def _all(t: Table, ctx: Context) -> Any:
    return t.period_start.notnull()


def _column(name: str) -> Any:
    return lambda t, ctx: t[f"_{name}"]


M = Measure
MARKETING_MEASURES: dict[str, Measure] = {
    m.name: m
    for m in (
        *(M(f"web_{c}", "web_traffic", _all, _column(c)) for c in COUNTS),
        M("web_attributed_revenue", "web_traffic", _all, _column("revenue")),
        M(
            "marketing_spend",
            "spend_booked",
            lambda t, c: t._category.strip().lower() == "marketing",
            lambda t, c: t._spend,
            population=_all,
            needs=(MARKETING_SPEND,),
        ),
    )
}

MARKETING_ROWSETS: dict[str, RowSet] = {
    "web_traffic": RowSet(
        "web_traffic",
        web_traffic,
        {
            "date": "_day",
            "channel": "_id",
            **{c: f"_{c}" for c in COUNTS},
            "attributed_revenue": "_revenue",
        },
        None,
        (WEB_STATS,),
        ("web_stats", "date"),
        "web_stats rows",
    )
}
