"""The MRR waterfall: per period, start MRR + new + reactivation + expansion − contraction −
churn = end MRR, from the engine's KPIs (one query for all of them), checked to reconcile."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import datetime as dt

    from salesmetrics.workspace import Workspace

STEPS = ("new", "reactivation", "expansion", "contraction", "churn")
KPIS = {
    "new": "mrr_new",
    "reactivation": "mrr_reactivation",
    "expansion": "mrr_expansion",
    "contraction": "mrr_contraction",
    "churn": "mrr_churn",
}
#: start MRR is the denominator of gross revenue retention (Σ MRR on each start day)
START = "gross_revenue_retention"
COLUMNS = ("period_start", "start_mrr", *STEPS, "end_mrr", "reconciles")


@dataclass
class Waterfall:
    rows: list[tuple[Any, ...]]
    warnings: list[str] = field(default_factory=list)

    columns = COLUMNS

    def records(self) -> list[dict[str, Any]]:
        return [
            {
                c: (v.isoformat() if c == "period_start" else v)
                for c, v in zip(COLUMNS, row, strict=False)
            }
            for row in self.rows
        ]


def _values(result: Any, column: str) -> dict[dt.date, float]:
    at = result.columns.index(column)
    return {row[0]: float(row[at]) if row[at] is not None else 0.0 for row in result.rows}


def mrr_waterfall(workspace: Workspace, **request: Any) -> Waterfall:
    """The waterfall of each period of ``request`` (grain, start, end, where)."""
    from salesmetrics.engine import compute

    ids = ["mrr", *KPIS.values(), START]
    with workspace.backend.session() as session:
        results = compute(workspace, ids, session, **request)
    end = _values(results["mrr"], "value")
    start = _values(results[START], "denominator")
    steps = {step: _values(results[kpi], "value") for step, kpi in KPIS.items()}
    rows = []
    for period in end:
        moves = [steps[s][period] for s in STEPS]
        change = moves[0] + moves[1] + moves[2] - moves[3] - moves[4]
        ok = abs(start[period] + change - end[period]) <= 1e-6 * max(1.0, abs(end[period]))
        rows.append((period, start[period], *moves, end[period], ok))
    warnings = list(dict.fromkeys(w for r in results.values() for w in r.warnings))
    if not all(row[-1] for row in rows):
        warnings.append("some periods do not reconcile: please report this as a bug")
    return Waterfall(rows, warnings)
