"""The KPI engine, a pipeline read in one direction:

request (``request``) → plan and SQL (``plan``, compiled by ``sql`` once per request shape and
kept by ``cache``) → run (``execute``) → shape (``shape``, into ``result.Result``).

A request shape seen before — in this process or an earlier one — runs from its cached plan
without importing Ibis. Several KPIs asked together share the queries of their row sets.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from salesmetrics.catalog import get_kpi
from salesmetrics.engine.request import KpiRequest, build_request

if TYPE_CHECKING:
    import pandas as pd

    from salesmetrics.backends.base import Session
    from salesmetrics.engine.explanation import Explanation
    from salesmetrics.engine.ibis_context import Context
    from salesmetrics.engine.plan import CompiledPlan
    from salesmetrics.engine.result import Result
    from salesmetrics.workspace import Workspace

__all__ = ["KpiRequest", "build_request", "compute", "context", "explain", "kpi_frame"]


def kpi_of(workspace: Workspace, kpi_id: str) -> Any:
    """A built-in KPI by id, else one the workspace defines (``salesmetrics kpis define``)."""
    from salesmetrics.catalog.registry import REGISTRY

    if isinstance(kpi_id, str) and kpi_id.strip().lower() in REGISTRY:
        return get_kpi(kpi_id)
    from salesmetrics.catalog.spread import HIDDEN

    if kpi_id in HIDDEN:
        return HIDDEN[kpi_id]
    from salesmetrics.engine.custom import resolve_kpi

    return resolve_kpi(workspace, kpi_id)


def checked_request(
    workspace: Workspace, kpi_ids: Sequence[str], session: Session, **request: Any
) -> KpiRequest:
    """Check a request against the catalog and the values the workspace holds."""
    from salesmetrics.engine.scope import request_for
    from salesmetrics.engine.values import resolve_where

    kpis = [kpi_of(workspace, k) for k in kpi_ids]
    return resolve_where(workspace, request_for(workspace, kpis, **request), session)


def context(workspace: Workspace, kpi_id: str, session: Session, **request: Any) -> Context:
    """The Ibis-side context of one KPI request (explain, golden SQL, benchmarks)."""
    from salesmetrics.engine.ibis_context import Context
    from salesmetrics.engine.scope import hidden_reason
    from salesmetrics.errors import UserError

    reason = hidden_reason(workspace, kpi_of(workspace, kpi_id))
    if reason:  # callers that can show a hidden KPI's reason ask explain() (see there)
        raise UserError(reason + ".")

    return Context.open(
        workspace, checked_request(workspace, [kpi_id], session, **request), session
    )


def _has_rows(workspace: Workspace, session: Session, table: str) -> bool:
    quoted = workspace.backend.quote(table)
    _, rows = session.rows(f"SELECT count(*) FROM (SELECT 1 FROM {quoted} LIMIT 1) t")
    return bool(rows and int(rows[0][0]) > 0)


def kept_states(workspace: Workspace, request: KpiRequest, session: Session) -> bool:
    """Whether the request reads deals' past states from the ones the workspace keeps (they
    exist and are current: engine.state_table)."""
    from salesmetrics.engine.plan import reads_history
    from salesmetrics.engine.state_table import usable

    return (
        reads_history(list(request.batch))
        and _has_rows(workspace, session, "opportunity_history")
        and usable(workspace, session)
    )


def kept_months(workspace: Workspace, request: KpiRequest, session: Session) -> str:
    """How the request reads the MRR row set: from the workspace's kept table where it can
    (``engine.account_months.how_read``), or ``""``."""
    from salesmetrics.engine.account_months import how_read
    from salesmetrics.engine.plan import reads_mrr

    return how_read(workspace, request, session) if reads_mrr(list(request.batch)) else ""


def plan_shape(
    workspace: Workspace,
    request: KpiRequest,
    session: Session,
    settings: dict[str, Any],
    kept: bool | None = None,
    months: str | None = None,
) -> tuple[object, ...]:
    """Everything the SQL of a request depends on (periods are data, not SQL); ``kept`` and
    ``months``: ``kept_states`` and ``kept_months`` when the caller asked already."""
    from salesmetrics.engine.periods import bucket_unit
    from salesmetrics.engine.placeholders import filter_shape
    from salesmetrics.engine.plan import needed_measures, reads_history, uses_grain
    from salesmetrics.schema import SCHEMA_VERSION

    kpis = request.batch
    # new customers come from subscriptions when there are any (a compile-time choice)
    counts_customers = any(
        name == "new_customer_count" for k in kpis for name, _ in needed_measures(k)
    )
    subscriptions = counts_customers and _has_rows(workspace, session, "subscriptions")
    # deals' past states come from opportunity_history when there is any
    history = bool(kept) or (
        reads_history(list(kpis)) and _has_rows(workspace, session, "opportunity_history")
    )
    return (
        SCHEMA_VERSION,
        workspace.backend.dialect,
        # a custom KPI's measures are named by their content: a changed definition changes SQL
        tuple((k.id, k.numerator, k.denominator, k.scale) for k in kpis),
        request.by,
        bucket_unit(request.grain),
        # filter values are bound at run time: only which filters there are changes the SQL
        filter_shape(request.filters),
        settings["base_currency"],
        tuple(sorted(settings["stage_probabilities"].items())),
        subscriptions,
        history,
        kept_states(workspace, request, session) if kept is None else kept,
        kept_months(workspace, request, session) if months is None else months,
        tuple(settings["stage_order"]) if history else None,
        (request.grain, settings["fiscal_year_start_month"]) if uses_grain(list(kpis)) else None,
    )


def compiled_plan(workspace: Workspace, request: KpiRequest, session: Session,
                  settings: dict[str, Any]) -> CompiledPlan:  # fmt: skip
    """The plan of a request, from the cache or compiled now (Ibis) and cached."""
    from salesmetrics.engine import cache

    kept = kept_states(workspace, request, session)
    months = kept_months(workspace, request, session)
    shape = plan_shape(workspace, request, session, settings, kept, months)

    def build() -> CompiledPlan:
        from salesmetrics.engine.ibis_context import Context
        from salesmetrics.engine.sql import compile_plan

        ctx = Context.from_settings(workspace, request, session, settings, bind_filters=True,
                                    states_table=kept, months_table=months)  # fmt: skip
        return compile_plan(ctx, list(request.batch))

    return cache.get_or_build(shape, build)


def compute(workspace: Workspace, kpi_ids: Sequence[str], session: Session,
            **request: Any) -> dict[str, Result]:  # fmt: skip
    """Every KPI of ``kpi_ids`` over one request, sharing queries: id -> Result.

    A KPI always split by a dimension the request does not split by (stage_conversion by
    stage) is computed on its own, as a call of that KPI alone would."""
    from salesmetrics.engine.scope import hidden_reason, not_shown

    hidden = {k: hidden_reason(workspace, kpi_of(workspace, k)) for k in kpi_ids}
    if any(hidden.values()):
        shown = [k for k in kpi_ids if not hidden[k]]
        partial = compute(workspace, shown, session, **request) if shown else {}
        for k, reason in hidden.items():
            if reason:
                kpi = kpi_of(workspace, k)
                partial[kpi.id] = not_shown(workspace, kpi, reason, **request)
        return {kpi_of(workspace, k).id: partial[kpi_of(workspace, k).id] for k in kpi_ids}
    by = request.get("by") or []
    by = [by] if isinstance(by, str) else list(by)
    apart = [
        k
        for k in kpi_ids
        if len(kpi_ids) > 1
        and not set(kpi_of(workspace, k).always_by) <= {str(d).lower() for d in by}
    ]
    results: dict[str, Result] = {}
    together = [k for k in kpi_ids if k not in apart]
    if together:
        checked = checked_request(workspace, together, session, **request)
        results.update(run_request(workspace, checked, session))
    for kpi_id in apart:
        results.update(compute(workspace, [kpi_id], session, **request))
    return {kpi_of(workspace, k).id: results[kpi_of(workspace, k).id] for k in kpi_ids}


def run_request(workspace: Workspace, checked: KpiRequest, session: Session) -> dict[str, Result]:
    """Every KPI of a checked request's batch: plan (cached), run, shape."""
    from salesmetrics.catalog.model import Aggregation
    from salesmetrics.engine.execute import execute, missing_needs, periods_for, with_spines
    from salesmetrics.engine.shape import shape

    settings = workspace.engine_settings()
    plan = compiled_plan(workspace, checked, session, settings)
    fy = int(settings["fiscal_year_start_month"])
    measured = execute(workspace.backend, session, checked, plan, fy)

    def spines(sql: str, window: str) -> str:
        return with_spines(workspace.backend, sql, checked, fy, [window])

    # each input is checked once for the whole batch
    unmet = set(missing_needs(session, plan, [n for q in plan.queries for n in q.needs]))
    results = {}
    for kpi in checked.batch:
        # in the order of the KPI's own measures, whatever the batch's query order
        mine = sorted((q for q in plan.queries if kpi.id in q.kpis), key=_measure_order(kpi))
        needs = [n for q in mine for n in q.kpis[kpi.id].needs]
        missing = [n for n in dict.fromkeys(needs) if n in unmet]
        results[kpi.id] = shape(kpi, checked, plan, measured, missing, fy, session, spines)
    lifetime = [
        k
        for k in checked.batch
        if k.aggregation in (Aggregation.LIFETIME, Aggregation.LIFETIME_TO_CAC)
    ]
    if lifetime:
        from salesmetrics.engine.lifetime import churn_request, with_lifetime

        last_days = {p.start: p.hi for p in periods_for(checked, fy)}
        sub = churn_request(checked, list(last_days.values()))
        churn = run_request(workspace, sub, session)[sub.kpi.id]
        for kpi in lifetime:
            if results[kpi.id].attrs.get("computed"):
                over_cac = kpi.aggregation is Aggregation.LIFETIME_TO_CAC
                results[kpi.id] = with_lifetime(results[kpi.id], churn, last_days, over_cac)
    return results


def kpi_result(workspace: Workspace, kpi_id: str, **request: Any) -> Result:
    """One KPI as a Result (rows without pandas; what the command line prints)."""
    with workspace.backend.session() as session:
        return compute(workspace, [kpi_id], session, **request)[kpi_of(workspace, kpi_id).id]


def kpi_frame(workspace: Workspace, kpi_id: str, **request: Any) -> pd.DataFrame:
    """One KPI as a DataFrame: period_start, the ``by`` dimensions, value, numerator, denominator.

    Keywords: ``grain`` (day|week|month|quarter|year|total), ``start``, ``end``, ``by``,
    ``where``, ``as_of`` and ``scope`` (filters every query carries). ``df.attrs`` holds kpi,
    unit, grain, the range, the filters and warnings.
    """
    return kpi_result(workspace, kpi_id, **request).frame()


def kpi_frames(
    workspace: Workspace, kpi_ids: Sequence[str], **request: Any
) -> dict[str, pd.DataFrame]:
    """Several KPIs over one request, one query per shared row set: id -> DataFrame."""
    with workspace.backend.session() as session:
        results = compute(workspace, kpi_ids, session, **request)
    return {kpi_id: result.frame() for kpi_id, result in results.items()}


def explain(workspace: Workspace, kpi_id: str, *, limit: int = 20, **request: Any) -> Explanation:
    """Formula, inputs, SQL that ran and the records behind the number of one KPI."""
    from salesmetrics.engine.explanation import explain_kpi, not_shown_explanation
    from salesmetrics.engine.scope import hidden_reason

    kpi = kpi_of(workspace, kpi_id)
    reason = hidden_reason(workspace, kpi)
    if reason:
        with workspace.backend.session() as session:
            result = compute(workspace, [kpi.id], session, **request)[kpi.id]
        return not_shown_explanation(kpi, result.frame())
    with workspace.backend.session() as session:
        return explain_kpi(context(workspace, kpi_id, session, **request), limit=limit)


def _measure_order(kpi: Any) -> Any:
    """A sort key putting the plan's queries in the order ``kpi`` names its measures (read from
    the compiled plan: a cached plan runs without the engine's Ibis modules)."""
    from salesmetrics.engine.plan import needed_measures

    own = [name for name, _ in needed_measures(kpi)]

    def key(query: Any) -> int:
        names = {m.rsplit("__", 1)[0] for m in query.measures}
        return min((i for i, name in enumerate(own) if name in names), default=len(own))

    return key
