"""The KPI engine: compiles catalog KPIs to Ibis expressions and runs them in the backend."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from salesmetrics.catalog import get_kpi
from salesmetrics.engine.context import Context
from salesmetrics.engine.request import KpiRequest, build_request

if TYPE_CHECKING:
    import pandas as pd

    from salesmetrics.backends.base import Session
    from salesmetrics.engine.explanation import Explanation
    from salesmetrics.workspace import Workspace

__all__ = ["Context", "KpiRequest", "build_request", "context", "explain", "kpi_frame"]


def context(workspace: Workspace, kpi_id: str, session: Session, **request: Any) -> Context:
    """Check a request against the catalog, the workspace's values and its settings."""
    from salesmetrics.engine.values import resolve_where

    checked = resolve_where(workspace, build_request(get_kpi(kpi_id), **request), session)
    return Context.open(workspace, checked, session)


def kpi_frame(workspace: Workspace, kpi_id: str, **request: Any) -> pd.DataFrame:
    """One KPI as a DataFrame: period_start, the ``by`` dimensions, value, numerator, denominator.

    Keywords: ``grain`` (day|week|month|quarter|year|total), ``start``, ``end``, ``by``,
    ``where``, ``as_of`` and ``scope`` (filters every query carries). ``df.attrs`` holds kpi,
    unit, grain and warnings.
    """
    from salesmetrics.engine.run import run

    with workspace.backend.session() as session:
        frame, _ = run(context(workspace, kpi_id, session, **request))
    return frame


def explain(workspace: Workspace, kpi_id: str, *, limit: int = 20, **request: Any) -> Explanation:
    """Formula, inputs, SQL that ran and the records behind the number of one KPI."""
    from salesmetrics.engine.explanation import explain_kpi

    with workspace.backend.session() as session:
        return explain_kpi(context(workspace, kpi_id, session, **request), limit=limit)
