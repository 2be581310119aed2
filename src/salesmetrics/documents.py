"""JSON-ready documents of results, the same on every surface (CLI ``--format json``, the REST
API and the dashboard): one KPI with its targets and benchmarks, and an explanation."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from salesmetrics.engine.explanation import Explanation
    from salesmetrics.engine.result import Result
    from salesmetrics.insights.annotate import Annotations
    from salesmetrics.workspace import Workspace


def clean(value: Any) -> Any:
    """A value as JSON holds it: dates ISO, NaN as null."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def frame_rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A frame's rows as JSON-ready dicts (dates ISO, NaN as null)."""
    return [{str(k): clean(v) for k, v in row.items()} for row in frame.to_dict("records")]


def result_document(attrs: Mapping[Any, Any], rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The `kpi --format json` object: kpi, unit, grain, rows and the warnings."""
    return {
        "kpi": attrs["kpi"],
        "unit": attrs["unit"],
        "grain": attrs["grain"],
        "rows": rows,
        "warnings": list(attrs.get("warnings", [])),
    }


@dataclass(frozen=True)
class KpiAnswer:
    """One KPI computed for a request, with its target and benchmark columns."""

    result: Result
    extra: Annotations
    rows: list[dict[str, Any]]

    @property
    def warnings(self) -> list[str]:
        return [*self.result.warnings, *self.extra.warnings]

    @property
    def columns(self) -> list[str]:
        return [*self.result.columns, *self.extra.columns]

    def document(self) -> dict[str, Any]:
        """Exactly what `salesmetrics kpi --format json` prints."""
        document = result_document(self.result.attrs, self.rows)
        document["warnings"] += self.extra.warnings
        return document


def kpi_answer(workspace: Workspace, kpi_id: str, **request: Any) -> KpiAnswer:
    """Compute ``kpi_id`` over ``request`` and add target, attainment and benchmark columns
    (only for KPIs that have them)."""
    from salesmetrics.engine import kpi_result
    from salesmetrics.insights.annotate import annotate

    result = kpi_result(workspace, kpi_id, **request)
    extra = annotate(workspace, result)
    rows = extra.merged([{k: clean(v) for k, v in r.items()} for r in result.records()])
    return KpiAnswer(result, extra, rows)


def explain_document(ex: Explanation) -> dict[str, Any]:
    """What `salesmetrics explain --format json` prints."""
    return {
        "kpi": ex.kpi,
        "formula": ex.formula,
        "description": ex.description,
        "inputs": ex.inputs,
        "sql": ex.sql,
        "warnings": ex.warnings,
        "result": frame_rows(ex.result),
        "records": frame_rows(ex.records),
    }


def kpi_answers(workspace: Workspace, kpi_ids: list[str], **request: Any) -> dict[str, KpiAnswer]:
    """Several KPIs over one request (one query per row set they share), each with its target
    and benchmark columns; each equals ``kpi_answer`` of that KPI alone."""
    from salesmetrics.engine import compute, kpi_of
    from salesmetrics.insights.annotate import Lookup, annotate

    ids = [kpi_of(workspace, k).id for k in kpi_ids]
    with workspace.backend.session() as session:
        results = compute(workspace, ids, session, **request)
    lookup = Lookup.of(workspace, ids)
    answers = {}
    for kpi_id in ids:
        result = results[kpi_id]
        extra = annotate(workspace, result, lookup)
        rows = extra.merged([{k: clean(v) for k, v in r.items()} for r in result.records()])
        answers[kpi_id] = KpiAnswer(result, extra, rows)
    return answers
