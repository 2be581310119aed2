"""The spread of the mean KPIs: Σ value² over exactly the records of the mean, so that a
change of a mean can be tested with Welch's t-test (``insights.changes``).

These are not catalog KPIs (nobody lists them, sets targets on them or asks them by name in
the CLI); the engine computes them like any KPI, in the same query as their mean, with the
same slices, filters and access scope.
"""

from __future__ import annotations

from dataclasses import replace

from salesmetrics.catalog.model import Aggregation, Kpi
from salesmetrics.catalog.registry import REGISTRY

#: mean KPI -> the measure summing the squares of its values
SQUARES = {
    "average_deal_size": "won_amount_known_sq",
    "sales_cycle_days": "won_cycle_days_sq",
    "lead_response_hours": "response_hours_sq",
}
SUFFIX = ".sum_of_squares"


def spread_id(kpi_id: str) -> str:
    """The id of the Σ value² companion of the mean KPI ``kpi_id``."""
    return kpi_id + SUFFIX


def _companion(mean: Kpi, measure: str) -> Kpi:
    return replace(
        mean,
        id=spread_id(mean.id),
        label=f"{mean.label}: sum of squared values",
        description=f"Σ value² over the records of {mean.id} (for Welch's test).",
        formula=f"Σ value² over the records of {mean.id}",
        aggregation=Aggregation.SUM,
        numerator=measure,
        denominator=None,
        benchmark=None,
        scale=1.0,
    )


HIDDEN: dict[str, Kpi] = {
    spread_id(k): _companion(REGISTRY[k], measure) for k, measure in SQUARES.items()
}
