"""What changed: for the headline KPIs, every supported dimension scanned, the slices whose
change between two periods is largest *and* statistically significant.

Each KPI is tested the way its numbers allow: rates of counts (win rate, conversion,
churn) with a two-proportion z-test on their numerator and denominator; counts (won deals,
leads, opportunities) with an exact conditional Poisson test per day of each period; means
(deal size, sales cycle, lead response time) with Welch's t-test, the standard deviation of
each slice coming from the Σ value² the engine sums beside the mean
(``catalog.spread``). Every
test of a run is one family: Benjamini–Hochberg q-values keep the share of false findings
among those reported at 5 %. Cohort KPIs (conversion of the leads created in a period) give
both periods the same time to mature: each is measured the same number of days after its end.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from salesmetrics.insights.findings import Finding, number, slice_text
from salesmetrics.insights.periods import Window

if TYPE_CHECKING:
    from salesmetrics.workspace import Workspace

#: headline KPIs and how a change of each is tested
HEADLINE: dict[str, str] = {
    "win_rate": "proportion",
    "lead_qualification_rate": "proportion",
    "lead_conversion_rate": "proportion",
    "lead_to_opportunity_rate": "proportion",
    # a share of the customers at the start: it grows with the period's length, so it is
    # only compared between periods of the same length
    "customer_churn_rate": "proportion_per_period",
    "email_reply_rate": "proportion",
    "won_deals": "count",
    "leads_created": "count",
    "opportunities_created": "count",
    "new_customers": "count",
    "average_deal_size": "mean",
    "sales_cycle_days": "mean",
    "lead_response_hours": "mean",
}
#: dimensions scanned (where the KPI supports them); reps are compared in ``people``
SCANNED = ("team", "region", "segment", "industry", "source", "product", "type", "plan")
FDR = 0.05


@dataclass
class Changes:
    current: Window
    compared: Window
    findings: list[Finding] = field(default_factory=list)
    tested: int = 0
    warnings: list[str] = field(default_factory=list)

    def document(self) -> dict[str, Any]:
        return {
            "period": self.current.as_dict(), "compared_with": self.compared.as_dict(),
            "tested": self.tested, "false_discovery_rate": FDR,
            "findings": [f.as_dict() for f in self.findings], "warnings": self.warnings,
        }  # fmt: skip


def _frames(ws: Workspace, ids: list[str], window: Window, as_of: dt.date,
            by: list[str]) -> dict[str, Any]:  # fmt: skip
    return ws.kpis(ids, grain="total", start=window.first, end=window.last, by=by, as_of=as_of)


def scan(ws: Workspace, current: Window, compared: Window, as_of: dt.date,
         kpis: list[str] | None = None, top: int = 20) -> Changes:  # fmt: skip
    """The significant changes of ``kpis`` (default: ``HEADLINE``) from ``compared`` to
    ``current``, largest first (at most ``top``)."""
    from salesmetrics.catalog import get_kpi
    from salesmetrics.catalog.registry import REGISTRY
    from salesmetrics.catalog.spread import spread_id
    from salesmetrics.insights.stats import adjust, poisson_rates, two_proportions, welch

    same_length = current.days == compared.days
    ids = [
        k
        for k in (kpis or list(HEADLINE))
        if k in REGISTRY
        and k in HEADLINE
        and (same_length or HEADLINE[k] != "proportion_per_period")
    ]
    lag = max(dt.timedelta(0), as_of - current.last)
    result = Changes(current, compared)
    candidates: list[tuple[str, dict[str, Any], dict[str, Any], dict[str, Any], Any]] = []
    for dims in [[], *([d] for d in SCANNED)]:
        chosen = [k for k in ids if all(d in get_kpi(k).dimensions for d in dims)]
        if not chosen:
            continue
        asked = chosen + [spread_id(k) for k in chosen if HEADLINE[k] == "mean"]
        now = _frames(ws, asked, current, current.last + lag, dims)
        then = _frames(ws, asked, compared, compared.last + lag, dims)
        for kpi_id in chosen:
            rows0 = _keyed(then, kpi_id, dims)
            squares = (_keyed(now, spread_id(kpi_id), dims), _keyed(then, spread_id(kpi_id), dims))
            for row in now[kpi_id].to_dict("records"):
                key = tuple(row[d] for d in dims)
                before = rows0.get(key)
                if before is None:
                    continue
                if HEADLINE[kpi_id].startswith("proportion"):
                    test = two_proportions(
                        _n(row["numerator"]), _n(row["denominator"]),
                        _n(before["numerator"]), _n(before["denominator"]),
                    )  # fmt: skip
                elif HEADLINE[kpi_id] == "mean":
                    ss_now, ss_then = (_n(side.get(key, {}).get("value")) for side in squares)
                    sd1, sd0 = sample_sd(row, ss_now), sample_sd(before, ss_then)
                    # no spread in either period (fixed prices): nothing to measure noise by
                    test = None if not (sd1 or sd0) else welch(
                        _n(row["value"]), sd1, _n(row["denominator"]),
                        _n(before["value"]), sd0, _n(before["denominator"]),
                    )  # fmt: skip
                else:
                    test = poisson_rates(_n(row["value"]), current.days, _n(before["value"]),
                                         compared.days)  # fmt: skip
                if test is not None:
                    where = dict(zip(dims, key, strict=True))
                    candidates.append((kpi_id, where, row, before, test))
    q_values = adjust([t.p_value for *_, t in candidates])
    result.tested = len(candidates)
    for (kpi_id, where, row, before, test), q in zip(candidates, q_values, strict=True):
        if q is None or q >= FDR:
            continue
        result.findings.append(_finding(get_kpi(kpi_id), where, row, before, test, q, current,
                                        compared, len(candidates)))  # fmt: skip
    result.findings.sort(key=lambda f: -f.score)
    del result.findings[top:]
    return result


def _keyed(frames: dict[str, Any], kpi_id: str, dims: list[str]) -> dict[tuple[Any, ...], Any]:
    """The rows of ``kpi_id``'s frame by slice (none when it was not asked)."""
    if kpi_id not in frames:
        return {}
    return {tuple(r[d] for d in dims): r for r in frames[kpi_id].to_dict("records")}


def sample_sd(row: dict[str, Any], sum_of_squares: float | None) -> float | None:
    """The sample standard deviation (divisor n − 1) of a mean's records from its mean, its
    count (the row's denominator) and the Σ value² of the same records; None below 2 records."""
    mean, n = _n(row.get("value")), _n(row.get("denominator"))
    if mean is None or n is None or sum_of_squares is None or n < 2:
        return None
    variance = (sum_of_squares - n * mean * mean) / (n - 1)
    # rounding can leave a tiny negative variance where every value is the same
    return math.sqrt(max(variance, 0.0))


def _n(value: Any) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


def _finding(
    kpi: Any, where: dict[str, Any], row: dict[str, Any], before: dict[str, Any], test: Any,
    q: float, current: Window, compared: Window, family: int,
) -> Finding:  # fmt: skip
    value, previous = row["value"], before["value"]
    unit = " %" if kpi.unit.value == "percent" else ""
    moved = "rose" if value > previous else "fell"
    better = (value > previous) == (kpi.direction.value == "up")
    verdict = "" if kpi.direction.value == "neutral" else " (better)" if better else " (worse)"
    relative = (value - previous) / abs(previous) if previous else math.inf
    has_counts = row.get("denominator") == row.get("denominator") and row.get("denominator")
    if test.name == "Welch's t-test":
        counts = (
            f" — mean of {test.detail['n1']:.0f} against {test.detail['n0']:.0f}, standard "
            f"deviation {number(test.detail['sd1'])} against {number(test.detail['sd0'])}"
        )
    elif has_counts:
        counts = (
            f" — {row['numerator']:.0f} of {row['denominator']:.0f} against "
            f"{before['numerator']:.0f} of {before['denominator']:.0f}"
        )
    else:
        counts = ""
    return Finding(
        "change", kpi.id,
        f"{kpi.label} of {slice_text(where)} {moved} from {number(previous)}{unit} to "
        f"{number(value)}{unit}{verdict}{counts}; {test.name}, q = {q:.2g} over {family} "
        "slices scanned.",
        (current.first, current.last), where,
        {"value": value, "previous": previous, "numerator": row.get("numerator"),
         "denominator": row.get("denominator"), "previous_numerator": before.get("numerator"),
         "previous_denominator": before.get("denominator"), "p_value": test.p_value,
         "q_value": q, "compared_start": compared.first.isoformat(),
         "compared_end": compared.last.isoformat(), "direction": "better" if better else "worse",
         "test": test.name,
         **({"sd": test.detail["sd1"], "previous_sd": test.detail["sd0"]}
            if test.name == "Welch's t-test" else {})},
        # strength of evidence times size of the move: large, sure changes first
        -math.log10(max(q, 1e-300)) * min(abs(relative), 2.0),
    )  # fmt: skip
