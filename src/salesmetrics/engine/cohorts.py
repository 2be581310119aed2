"""Retention by signup cohort: of the accounts whose first paying day lies in a period, the
share still customers (logo) or the share of their starting MRR still paid (revenue), on the
last day of each later period (the period holding ``as_of`` is measured on ``as_of``).

Two small aggregate queries: cohort sizes, and per (cohort, measured period) the customers and
MRR of the cohort on that period's last day. Percentages are taken in Python.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from salesmetrics.engine.execute import day, number, periods_for, with_spines

if TYPE_CHECKING:
    from ibis.expr.types import Table

    from salesmetrics.engine.ibis_context import Context
    from salesmetrics.workspace import Workspace

METRICS = ("logo", "revenue")
GRAINS = ("month", "quarter")


@dataclass
class Cohorts:
    """Long rows (cohort, size, start_mrr, period, value) and the warnings that go with them."""

    metric: str
    grain: str
    rows: list[tuple[dt.date, int, float | None, int, float | None]]
    warnings: list[str] = field(default_factory=list)

    columns = ("cohort", "size", "start_mrr", "period", "value")

    def records(self) -> list[dict[str, Any]]:
        return [
            {"cohort": c.isoformat(), "size": n, "start_mrr": m, "period": k, "value": v}
            for c, n, m, k, v in self.rows
        ]


def _queries(ctx: Context, first: dt.date, last: dt.date) -> tuple[Table, Table]:
    import ibis

    from salesmetrics.engine.backend import date_literal, spine_table
    from salesmetrics.engine.currency import currency_code, foreign_currencies, with_rate
    from salesmetrics.engine.customers import FOREVER
    from salesmetrics.engine.measures import as_count
    from salesmetrics.engine.rowsets import flow

    spine = spine_table("cur")
    s = ctx["subscriptions"]
    subs = s.select(
        _account_id=s.account_id,
        _start=s.start_date,
        _until=s.end_date.fill_null(date_literal(FOREVER)),
        _mrr=s.mrr.cast("float64"),
        _cur=currency_code(s.currency),
    )
    paying = subs.filter(subs._mrr > 0)
    since = paying.group_by("_account_id").aggregate(_since=paying._start.min())
    since = since.filter(since._since >= date_literal(first), since._since <= date_literal(last))
    joined_since = flow(ctx, since, spine, "_since")
    members = joined_since.select(
        _m_account=joined_since._account_id, cohort=joined_since.period_start
    )
    sizes = members.group_by("cohort").aggregate(size=members.count())
    active = subs.join(spine, [subs._start <= spine.hi, subs._until > spine.hi])
    currencies = foreign_currencies(s, ctx.base_currency)
    keys = currencies.cross_join(spine.select(_k_day=spine.hi))
    active = with_rate(active, ctx["fx_rates"], ctx.base_currency, "hi", keys)
    usd = ibis.ifelse(active._fx_missing, 0.0, active._mrr * active._rate)
    per_account = active.group_by(
        _a_account=active._account_id, measured=active.period_start
    ).aggregate(
        _raw=active._mrr.sum(),
        _usd=usd.sum(),
        _missing=as_count(active._fx_missing).sum(),
    )
    joined = members.join(per_account, members._m_account == per_account._a_account)
    cells = joined.group_by(["cohort", "measured"]).aggregate(
        customers=as_count(joined._raw > 0).sum(),
        mrr=joined._usd.sum(),
        fx_missing=joined._missing.sum(),
    )
    return sizes, cells


def cohorts(
    workspace: Workspace,
    grain: str = "month",
    start: Any = None,
    end: Any = None,
    metric: str = "logo",
    as_of: Any = None,
) -> Cohorts:
    """Retention of the cohorts of ``[start, end]`` measured up to ``as_of`` (see module)."""
    from salesmetrics.catalog import get_kpi
    from salesmetrics.engine.backend import to_sql
    from salesmetrics.engine.ibis_context import Context
    from salesmetrics.engine.request import build_request
    from salesmetrics.engine.scope import request_for
    from salesmetrics.errors import UserError

    if grain not in GRAINS:
        raise UserError(f"cohorts --grain must be month or quarter, not {grain!r}.")
    if metric not in METRICS:
        raise UserError(f"cohorts --metric must be logo or revenue, not {metric!r}.")
    cohort_range = build_request(get_kpi("mrr"), grain=grain, start=start, end=end, as_of=as_of)
    first, last, when = cohort_range.start, cohort_range.end, cohort_range.as_of
    if when < first:
        raise UserError(f"--as-of {when} is before --from {first}: no cohort can be measured.")
    measured = request_for(workspace, get_kpi("mrr"), grain=grain, start=first, end=when,
                           as_of=when)  # fmt: skip
    settings = workspace.engine_settings()
    fy = int(settings["fiscal_year_start_month"])
    with workspace.backend.session() as session:
        ctx = Context.from_settings(workspace, measured, session, settings)
        sizes_expr, cells_expr = _queries(ctx, first, last)
        backend = workspace.backend
        run = [with_spines(backend, to_sql(backend, e), measured, fy, ["cur"])
               for e in (sizes_expr, cells_expr)]  # fmt: skip
        _, size_rows = session.rows(run[0])
        _, cell_rows = session.rows(run[1])
    order = [p.start for p in periods_for(measured, fy)]
    index = {start: i for i, start in enumerate(order)}
    sizes = {day(c): int(number(n) or 0) for c, n in size_rows}
    cells = {(day(c), day(m)): (number(n) or 0.0, number(v) or 0.0, number(x) or 0.0)
             for c, m, n, v, x in cell_rows}  # fmt: skip
    rows: list[tuple[dt.date, int, float | None, int, float | None]] = []
    left_out = 0
    for cohort in sorted(sizes):
        size = sizes[cohort]
        base = cells.get((cohort, cohort), (0.0, 0.0, 0.0))[1]
        for k, measured_start in enumerate(order[index[cohort] :]):
            customers, mrr, missing = cells.get((cohort, measured_start), (0.0, 0.0, 0.0))
            left_out += int(missing)
            if metric == "logo":
                value: float | None = 100.0 * customers / size
            else:
                value = 100.0 * mrr / base if base else None
            rows.append((cohort, size, base, k, value))
    warnings = []
    if left_out and metric == "revenue":
        warnings.append(
            f"{left_out} subscription row(s) in a currency without an fx rate were left out of "
            "the cohorts' MRR; add their rates to fx_rates."
        )
    return Cohorts(metric, grain, rows, warnings)
