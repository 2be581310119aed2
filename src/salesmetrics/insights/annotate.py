"""A KPI result's rows with their target, attainment and benchmark status beside them.

Columns appear only where they say something: ``target`` and ``attainment_pct`` when the
``targets`` table holds a target of the KPI (any period or slice), the benchmark columns when a
benchmark applies to some row. Otherwise a result is shown exactly as the engine gave it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from salesmetrics.insights.benchmarks import Benchmarks, rating, status
from salesmetrics.insights.targets import (
    Slice,
    Target,
    attainment,
    by_slice,
    grain_hint,
    read_targets,
    row_slice,
    target_for,
)

if TYPE_CHECKING:
    from salesmetrics.engine.result import Result
    from salesmetrics.workspace import Workspace

VALUE_COLUMNS = ("period_start", "value", "numerator", "denominator")
TARGET_COLUMNS = ("target", "attainment_pct")
BENCHMARK_COLUMNS = ("benchmark_status", "benchmark_rating", "benchmark_low", "benchmark_high")


@dataclass
class Annotations:
    """What to add to each row of a result (``rows[i]`` belongs to the result's row i)."""

    columns: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def merged(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if not self.columns:
            return records
        return [{**r, **extra} for r, extra in zip(records, self.rows, strict=True)]


@dataclass(frozen=True)
class Lookup:
    """What annotating needs besides the result (read once for many results)."""

    targets: dict[str, dict[Slice, list[Target]]]
    benchmarks: Benchmarks
    fiscal_year_start_month: int

    @classmethod
    def of(cls, workspace: Workspace, kpi_ids: list[str]) -> Lookup:
        return cls(
            by_slice(read_targets(workspace, kpi_ids)),
            Benchmarks.of(workspace),
            int(workspace.get_setting("fiscal_year_start_month")),
        )


def annotate(workspace: Workspace, result: Result, lookup: Lookup | None = None) -> Annotations:
    """Target, attainment and benchmark of every row of ``result`` (one KPI's)."""
    from salesmetrics.engine import kpi_of
    from salesmetrics.engine.periods import spine

    kpi = kpi_of(workspace, str(result.attrs["kpi"]))
    ctx = lookup or Lookup.of(workspace, [kpi.id])
    targets = ctx.targets.get(kpi.id)
    start = dt.date.fromisoformat(str(result.attrs["start"]))
    end = dt.date.fromisoformat(str(result.attrs["end"]))
    grain = str(result.attrs["grain"])
    periods = {p.start: p for p in spine(grain, start, end, ctx.fiscal_year_start_month)}
    where = dict(result.attrs.get("where") or {})
    dims = [c for c in result.columns if c not in VALUE_COLUMNS]
    out = Annotations()
    longer: list[Target] = []
    gaps: list[str] = []
    direction = kpi.direction.value
    bench_rows = []
    for record in result.records():
        row_dims = {d: record[d] for d in dims}
        value = _number(record["value"])
        extra: dict[str, Any] = {}
        if targets is not None:
            day = dt.date.fromisoformat(str(record["period_start"]))
            period = periods.get(day)
            found = None
            key = row_slice(row_dims, where)
            if period is not None and key is not None and key in targets:
                found = target_for(kpi, targets[key], period.lo, period.hi)
                clipped = (period.lo, period.hi) != (period.start, period.last)
                if found.longer is not None and clipped:
                    gaps.append(
                        f"{kpi.id} {_describe(key)}, {period.lo} to {period.hi}: the "
                        "period is cut by the range asked (--to is today by default), so "
                        "its target (of "
                        f"{found.longer.start} to {found.longer.end}) is not shown"
                    )
                elif found.longer is not None:
                    longer.append(found.longer)
                if found.gap is not None:
                    gaps.append(
                        f"{kpi.id} {_describe(key)}, {period.lo} to {period.hi}: "
                        f"{found.gap}; no target is shown"
                    )
            target = found.value if found else None
            extra["target"] = target
            extra["attainment_pct"] = _round(attainment(value, target, direction))
        band = ctx.benchmarks.band(kpi.id, row_dims, where)
        bench_rows.append(band)
        state = status(value, band)
        extra["benchmark_status"] = state
        extra["benchmark_rating"] = rating(state, direction)
        extra["benchmark_low"] = band.low if band else None
        extra["benchmark_high"] = band.high if band else None
        out.rows.append(extra)
    show_bench = any(b is not None for b in bench_rows)
    out.columns = [
        *(TARGET_COLUMNS if targets is not None else ()),
        *(BENCHMARK_COLUMNS if show_bench else ()),
    ]
    out.rows = [{k: r[k] for k in out.columns} for r in out.rows]
    out.warnings = gaps
    if longer:
        t = longer[0]
        out.warnings.append(
            f"{kpi.id}: {len(longer)} period(s) lie inside a longer target (e.g. {t.start} to "
            f"{t.end}); a target that adds up is not split into shorter periods: ask for "
            f"{grain_hint(t)} to compare with it"
        )
    return out


def _describe(key: Slice) -> str:
    return "(company)" if key[0] is None else f"({key[0]} = {key[1]})"


def _number(value: Any) -> float | None:
    if value is None:
        return None
    number = float(value)
    return None if number != number else number


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
