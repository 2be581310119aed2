"""The scorecard: the headline KPIs of each category for one period, beside the previous
period, the target and the benchmark (docs/targets-benchmarks-scorecard.md).

A period still running is measured to ``as_of`` and compared with the previous period up to
the same day of it (quarter to date against the previous quarter's same days); its target is
the whole period's, so attainment says how much of it is done. One engine pass per window.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from salesmetrics.engine.forecast import ONE_DAY, Period, parse_period
from salesmetrics.engine.periods import period_start
from salesmetrics.errors import UserError
from salesmetrics.insights.benchmarks import Benchmarks, rating, status
from salesmetrics.insights.targets import attainment, by_slice, read_targets, row_slice, target_for

if TYPE_CHECKING:
    import pandas as pd

    from salesmetrics.catalog.model import Kpi
    from salesmetrics.workspace import Workspace

#: The headline KPIs, per category, in the order shown; ids not in the catalog are skipped.
HEADLINES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("money", ("revenue", "won_deals", "average_deal_size", "mrr")),
    ("success", ("win_rate", "pipeline_value", "lead_conversion_rate")),
    ("time", ("sales_cycle_days", "lead_response_hours")),
    ("cost", ("cac",)),
    ("activity", ("activities", "activities_per_rep_day")),
    ("team", ("quota_attainment", "reps_at_quota")),
)
BY_CHOICES = ("team", "rep")
RELATIVE = {
    "this-month": ("month", 0),
    "last-month": ("month", -1),
    "this-quarter": ("quarter", 0),
    "last-quarter": ("quarter", -1),
    "this-year": ("year", 0),
    "last-year": ("year", -1),
}


@dataclass
class Scorecard:
    period: Period
    label: str
    end: dt.date  # the last day measured (the period's last day, or as_of while it runs)
    previous: tuple[dt.date, dt.date]
    by: str | None
    rows: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def to_date(self) -> bool:
        return self.end < self.period.last

    def document(self) -> dict[str, Any]:
        return {
            "period": {
                "label": self.label,
                "grain": self.period.grain,
                "start": self.period.first.isoformat(),
                "end": self.period.last.isoformat(),
                "measured_to": self.end.isoformat(),
                "to_date": self.to_date,
            },
            "previous": {
                "start": self.previous[0].isoformat(),
                "end": self.previous[1].isoformat(),
            },
            "by": self.by,
            "rows": self.rows,
            "warnings": self.warnings,
        }


def resolve_period(text: str | None, as_of: dt.date, fy: int) -> Period:
    """``2025-Q3``, ``2025-07``, ``2025`` (fiscal year), this-/last-month|quarter|year, or the
    quarter holding ``as_of``."""
    key = (text or "").strip().lower()
    if key in RELATIVE:
        grain, shift = RELATIVE[key]
        first = period_start(as_of, grain, fy)
        from salesmetrics.engine.periods import next_start

        return Period(grain, first, next_start(first, grain) - ONE_DAY).shifted(shift, fy)
    try:
        return parse_period(text, as_of, fy)
    except UserError as exc:
        relative = ", ".join(RELATIVE)
        raise UserError(f"{exc} Relative periods: {relative}.") from None


def period_label(period: Period, fy: int) -> str:
    """``2025-07``, ``2025-Q3`` or ``2025`` (fiscal quarters and years named by the calendar
    year they start in, as ``--period`` takes them)."""
    first = period.first
    if period.grain == "month":
        return first.strftime("%Y-%m")
    year = first.year if first.month >= fy else first.year - 1
    if period.grain == "quarter":
        return f"{year}-Q{(first.month - fy) % 12 // 3 + 1}"
    return str(year)


def headline_kpis(workspace: Workspace, by: str | None) -> tuple[list[tuple[str, Kpi]], list[str]]:
    """(category, KPI) of the headlines in the catalog that can be split by ``by``, and a note
    for those left out."""
    from salesmetrics.catalog.registry import REGISTRY

    out, notes = [], []
    for category, ids in HEADLINES:
        for kpi_id in ids:
            kpi = REGISTRY.get(kpi_id)
            if kpi is None:
                continue
            if by and by not in kpi.dimensions:
                notes.append(f"{kpi_id} is not split by {by}; left out of the scorecard")
                continue
            out.append((category, kpi))
    return out, notes


def scorecard(
    workspace: Workspace,
    period: str | None = None,
    by: str | None = None,
    as_of: dt.date | None = None,
) -> Scorecard:
    """The scorecard of ``period`` (see ``resolve_period``), per ``by`` (team or rep) or for the
    whole company."""
    if by is not None and by.lower() not in BY_CHOICES:
        raise UserError(f"--by must be team or rep, not {by!r}.")
    by = by.lower() if by else None
    today = as_of or dt.date.today()
    fy = int(workspace.get_setting("fiscal_year_start_month"))
    p = resolve_period(period, today, fy)
    if p.first > today:
        raise UserError(
            f"--period {period_label(p, fy)} starts after today ({today}); "
            "pick a period that has begun."
        )
    end = min(p.last, today)
    prev = p.shifted(-1, fy)
    prev_end = min(prev.last, prev.first + (end - p.first))
    card = Scorecard(p, period_label(p, fy), end, (prev.first, prev_end), by)
    kpis, card.warnings = headline_kpis(workspace, by)
    ids = [k.id for _, k in kpis]
    dims = [by] if by else []
    request = {"grain": "total", "by": dims, "as_of": today}
    current = workspace.kpis(ids, start=p.first, end=end, **request)
    before = workspace.kpis(ids, start=prev.first, end=prev_end, **request)
    targets = by_slice(read_targets(workspace, ids))
    bench = Benchmarks.of(workspace)
    for kpi_id in ids:
        for warning in [
            *current[kpi_id].attrs.get("warnings", []),
            *before[kpi_id].attrs.get("warnings", []),
        ]:
            if warning not in card.warnings:
                card.warnings.append(warning)
    for category, kpi in kpis:
        now, then = _by_slice(current[kpi.id], dims), _by_slice(before[kpi.id], dims)
        for key in sorted(set(now) | set(then), key=lambda k: tuple(str(v) for v in k)):
            value, previous = _value(kpi, now, key), _value(kpi, then, key)
            row: dict[str, Any] = {
                "category": category,
                "kpi": kpi.id,
                "label": kpi.label,
                "unit": kpi.unit.value,
                "direction": kpi.direction.value,
            }
            slice_dims = dict(zip(dims, key, strict=True))
            row.update(slice_dims)
            row.update(_change(value, previous, kpi.direction.value))
            found = None
            target_key = row_slice(slice_dims, {})
            slice_targets = targets.get(kpi.id, {}).get(target_key) if target_key else None
            if slice_targets:
                found = target_for(kpi, slice_targets, p.first, p.last).value
            row["target"] = found
            row["attainment_pct"] = _round(attainment(value, found, kpi.direction.value))
            band = bench.band(kpi.id, slice_dims, {})
            state = status(value, band)
            row["benchmark_status"] = state
            row["benchmark_rating"] = rating(state, kpi.direction.value)
            row["benchmark_low"] = band.low if band else None
            row["benchmark_high"] = band.high if band else None
            card.rows.append(row)
    return card


def _by_slice(frame: pd.DataFrame, dims: list[str]) -> dict[tuple[Any, ...], float | None]:
    out = {}
    for record in frame.to_dict("records"):
        value = record["value"]
        out[tuple(record[d] for d in dims)] = None if value != value else float(value)
    return out


def _value(kpi: Kpi, values: dict[tuple[Any, ...], float | None], key: tuple[Any, ...]) -> Any:
    """The slice's value; a slice without records has 0 of a count or money flow."""
    from salesmetrics.catalog.model import Aggregation, Kind

    if key in values:
        return values[key]
    adds_up = kpi.kind is Kind.FLOW and kpi.aggregation is Aggregation.SUM
    return 0.0 if adds_up else None


def _change(value: float | None, previous: float | None, direction: str) -> dict[str, Any]:
    """value, previous, change (absolute and %) and good: the change's sign against the KPI's
    direction (None when unchanged, unknown or the KPI has no better direction)."""
    change = None if value is None or previous is None else value - previous
    pct = None if change is None or not previous else change / abs(previous) * 100
    good = None
    if change and direction in ("up", "down"):
        good = (change > 0) == (direction == "up")
    return {
        "value": value,
        "previous": previous,
        "change": change,
        "change_pct": _round(pct),
        "good": good,
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
