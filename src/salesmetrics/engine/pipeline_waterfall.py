"""The pipeline waterfall: per period, pipeline at start + created + pulled in + increased −
decreased − won − lost − pushed out + fx = pipeline at end (docs/kpi-conventions.md,
"Pipeline waterfall"), every step a measure over one row set, so one query gives them all, on
every engine, with the KPIs' selectors and warnings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from salesmetrics.catalog.model import (
    OPPORTUNITY_DIMS,
    Aggregation,
    Direction,
    Indicator,
    Kind,
    Kpi,
    Unit,
)

if TYPE_CHECKING:
    from salesmetrics.workspace import Workspace

STEPS = (
    "start",
    "created",
    "pulled_in",
    "increased",
    "decreased",
    "won",
    "lost",
    "pushed_out",
    "fx",
    "end",
)
#: steps that add to the pipeline (the others but start and end take away)
ADDS = ("created", "pulled_in", "increased", "fx")
TAKES = ("decreased", "won", "lost", "pushed_out")
DIMENSIONS = tuple(d for d in OPPORTUNITY_DIMS if d != "stage")


def _step(step: str) -> Kpi:
    return Kpi(
        id=f"pipeline_waterfall_{step}",
        label=f"Pipeline waterfall: {step.replace('_', ' ')}",
        description="One step of the pipeline waterfall.",
        formula="see docs/kpi-conventions.md, Pipeline waterfall",
        unit=Unit.MONEY,
        direction=Direction.UP,
        category="success",
        indicator=Indicator.LEADING,
        anchor="opportunity_history (deal states on each period's start and end day)",
        kind=Kind.FLOW,
        aggregation=Aggregation.SUM,
        numerator=f"pw_{step}",
        dimensions=DIMENSIONS,
    )


STEP_KPIS = {step: _step(step) for step in STEPS}
COLUMNS = ("period_start", *STEPS, "reconciles")


@dataclass
class PipelineWaterfall:
    by: tuple[str, ...]
    rows: list[dict[str, Any]]
    warnings: list[str] = field(default_factory=list)

    @property
    def columns(self) -> tuple[str, ...]:
        return ("period_start", *self.by, *STEPS, "reconciles")


def reconciles(row: dict[str, Any]) -> bool:
    total = row["start"] + sum(row[s] for s in ADDS) - sum(row[s] for s in TAKES)
    return abs(total - row["end"]) <= 1e-6 * max(1.0, abs(row["end"]))


def pipeline_waterfall(workspace: Workspace, **request: Any) -> PipelineWaterfall:
    """The waterfall of every period (and slice) of ``request``: grain, start, end, by, where."""
    from salesmetrics.engine import run_request
    from salesmetrics.engine.scope import request_for
    from salesmetrics.engine.values import resolve_where

    kpis = list(STEP_KPIS.values())
    with workspace.backend.session() as session:
        checked = resolve_where(workspace, request_for(workspace, kpis, **request), session)
        results = run_request(workspace, checked, session)
    by = checked.by
    cells: dict[tuple[Any, ...], dict[str, Any]] = {}
    for step, kpi in STEP_KPIS.items():
        result = results[kpi.id]
        value_at = result.columns.index("value")
        for row in result.rows:
            key = tuple(row[: 1 + len(by)])
            cell = cells.setdefault(
                key, {"period_start": key[0], **dict(zip(by, key[1:], strict=True))}
            )
            cell[step] = float(row[value_at] or 0.0)
    rows = []
    for key in sorted(cells, key=lambda k: tuple((v is None, str(v)) for v in k)):
        cell = cells[key]
        for step in STEPS:
            cell.setdefault(step, 0.0)
        cell["reconciles"] = reconciles(cell)
        rows.append(cell)
    warnings = list(dict.fromkeys(w for r in results.values() for w in r.warnings))
    if not all(r["reconciles"] for r in rows):
        warnings.append("some periods do not reconcile: please report this as a bug")
    return PipelineWaterfall(by, rows, warnings)
