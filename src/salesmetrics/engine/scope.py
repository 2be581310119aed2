"""The viewer's reach on every request: one place that turns the workspace's viewer
(``Workspace.viewer``, docs/access-control.md) into the scope every engine query carries.

A restricted viewer (manager, rep) is scoped to ``rep`` in the reps they reach — the record's
own rep for deals, leads and activities, the account's owner for accounts, subscriptions,
invoices and surveys. A KPI that cannot be split by rep is built from company-level data
(spend, web_stats) and is not shown to them: its rows are empty and a warning says why.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from salesmetrics.engine.request import KpiRequest, build_request

if TYPE_CHECKING:
    from salesmetrics.access.reach import Viewer
    from salesmetrics.catalog.model import Kpi
    from salesmetrics.engine.result import Result
    from salesmetrics.engine.values import DimensionValues
    from salesmetrics.workspace import Workspace

#: Dimensions read from a record's rep: a restricted viewer sees only the values of their reps.
REP_DERIVED = ("rep", "team", "manager", "region")


def viewer_of(workspace: Workspace) -> Viewer:
    from salesmetrics.access.reach import EVERYONE

    return getattr(workspace, "viewer", EVERYONE)


def request_for(workspace: Workspace, kpis: Kpi | Sequence[Kpi], **request: Any) -> KpiRequest:
    """``build_request`` with the viewer's scope added to any scope the caller gave."""
    viewer = viewer_of(workspace)
    if viewer.restricted:
        given: Mapping[str, Any] = request.pop("scope", None) or {}
        scope = dict(given)
        reached = viewer.scope()["rep"]
        if "rep" in scope:
            asked = scope["rep"] if isinstance(scope["rep"], list | tuple) else [scope["rep"]]
            reached = [r for r in reached if r in {str(a) for a in asked}]
        scope["rep"] = reached
        request["scope"] = scope
    return build_request(kpis, **request)


def hidden_reason(workspace: Workspace, kpi: Kpi) -> str | None:
    """Why ``kpi`` is not shown to the workspace's viewer, or None when it is."""
    viewer = viewer_of(workspace)
    if not viewer.restricted or "rep" in kpi.dimensions:
        return None
    return (
        f"{kpi.id} is not shown to {viewer.describe()}: it is built from company-level data "
        f"(marketing spend, web statistics or company totals) that the role {viewer.role.value} "
        "does not read"
    )


def not_shown(workspace: Workspace, kpi: Kpi, reason: str, **request: Any) -> Result:
    """The rows of a KPI the viewer may not see: every period empty, with the reason."""
    from salesmetrics.engine.result import Result
    from salesmetrics.engine.shape import rows_for

    request.pop("scope", None)
    checked = build_request(kpi, **{**request, "where": None})
    fy = int(workspace.engine_settings()["fiscal_year_start_month"])
    columns = ["period_start", *checked.by, "value", "numerator", "denominator"]
    attrs: dict[str, Any] = {
        "kpi": kpi.id, "label": kpi.label, "unit": kpi.unit.value, "ratio": kpi.is_ratio,
        "grain": checked.grain, "warnings": [reason + "."], "start": checked.start.isoformat(),
        "end": checked.end.isoformat(), "as_of": checked.as_of.isoformat(),
        "as_of_used": kpi.kind.value == "cohort", "where": {}, "computed": False,
    }  # fmt: skip
    return Result(columns, rows_for(kpi, checked, {}, set(), fy, undefined=True), attrs)


def visible_values(workspace: Workspace, values: DimensionValues) -> DimensionValues:
    """``values`` cut to what the viewer reaches (rep-derived dimensions only: their values
    name people and teams)."""
    viewer = viewer_of(workspace)
    if not viewer.restricted or values.dimension not in REP_DERIVED:
        return values
    reps = viewer.reps or frozenset()
    if values.dimension == "rep":
        allowed = set(reps)
    else:
        column = {"team": "team", "manager": "manager", "region": "region"}[values.dimension]
        rows = workspace.backend.rows(f"SELECT rep_id, {column} FROM reps")
        allowed = {str(v) for rid, v in rows if str(rid) in reps and v is not None}
    counts = {v: c for v, c in values.counts.items() if v in allowed}
    aliases = {a: rid for a, rid in values.aliases.items() if rid in allowed}
    return replace(values, counts=counts, aliases=aliases)
