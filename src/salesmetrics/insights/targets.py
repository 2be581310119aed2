"""The target of each KPI result row, read from the ``targets`` table, and attainment.

Which target applies to a period ``[lo, hi]`` (the period clipped to the requested range) of a
slice (docs/targets-benchmarks-scorecard.md):

- **flows that add up** (aggregation ``sum``: counts and money): the Σ of the slice's targets
  lying inside the period, when together they cover every day of it; a period partly covered
  has no target and a warning names the days without one. A target longer than the period is
  not split (a quarter's target gives no monthly target).
- **stocks**: the target whose range holds the period's last day (``hi``, the stock day).
- **every other KPI** (ratios, means, medians, cohorts): the target whose range holds the whole
  period (equal to it or longer: a quarter's win-rate target applies to each of its months).

Where several qualify, the shortest range wins. A slice matches a target by dimension: no
``--by`` (and no single-valued ``--where``) matches the company-wide targets (dimension empty);
one dimension matches targets of that dimension (name ignoring case) and value (exactly).
Slices of two or more dimensions, or of several ``--where`` values, have no target.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from salesmetrics.catalog.model import Kpi
    from salesmetrics.workspace import Workspace

ONE_DAY = dt.timedelta(days=1)

#: A slice: (dimension, value), or (None, None) for the whole company.
Slice = tuple[str | None, str | None]
COMPANY: Slice = (None, None)


@dataclass(frozen=True)
class Target:
    kpi: str
    start: dt.date
    end: dt.date
    value: float
    dimension: str | None = None
    dimension_value: str | None = None

    @property
    def slice(self) -> Slice:
        return (self.dimension, self.dimension_value) if self.dimension else COMPANY

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def _targets_sql(workspace: Workspace) -> str:
    from salesmetrics.engine.backend import canonical_table, to_sql

    t = canonical_table("targets")
    dimension = t.dimension.strip().lower().nullif("")
    picked = t.select(
        kpi=t.kpi.strip().lower(),
        period_start=t.period_start,
        period_end=t.period_end,
        value=t.value,
        dimension=dimension,
        dimension_value=dimension.isnull().ifelse(None, t.dimension_value),
    )
    return to_sql(workspace.backend, picked.filter(picked.value.notnull()))


def read_targets(workspace: Workspace, kpi_ids: Iterable[str] | None = None) -> list[Target]:
    """The workspace's targets (of ``kpi_ids`` only, when given), KPI ids lower-case."""
    from salesmetrics.engine import cache

    sql = cache.text(("targets", workspace.backend.dialect), lambda: _targets_sql(workspace))
    wanted = None if kpi_ids is None else {k.strip().lower() for k in kpi_ids}
    with workspace.backend.session() as session:
        _, rows = session.rows(sql)
    out = []
    for kpi, start, end, value, dimension, dimension_value in rows:
        if (wanted is None or kpi in wanted) and start is not None and end is not None:
            value_text = None if dimension_value is None else str(dimension_value)
            out.append(Target(kpi, _day(start), _day(end), float(value), dimension, value_text))
    return [t for t in out if reaches(workspace, t)]


def reaches(workspace: Workspace, target: Target) -> bool:
    """Whether the workspace's viewer reaches ``target``: everyone reaches every target but a
    manager or rep, who reaches the targets of their reps and of teams whose every rep they
    reach — never a company target (their totals are not the company's)."""
    from salesmetrics.engine.scope import viewer_of

    viewer = viewer_of(workspace)
    if viewer.reps is None:
        return True
    if target.dimension == "rep":
        return target.dimension_value in viewer.reps
    if target.dimension == "team":
        return target.dimension_value in viewer.whole_teams
    return False


def _day(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def row_slice(dims: Mapping[str, Any], where: Mapping[str, Sequence[Any]]) -> Slice | None:
    """The slice of one result row (its ``by`` values) under the request's ``where``; None when
    no target can match it (two dimensions, several values, the empty slice)."""
    keyed = {str(d).lower(): v for d, v in dims.items()}
    for dim, values in where.items():
        if dim.lower() in keyed:
            continue
        if len(values) != 1:
            return None
        keyed[dim.lower()] = values[0]
    if not keyed:
        return COMPANY
    if len(keyed) > 1:
        return None
    ((dim, value),) = keyed.items()
    return None if value is None else (dim, str(value))


@dataclass
class Found:
    """The target of one period: its value, or why there is none (``gap``: a message;
    ``longer``: a target holds the period but a flow's target is not split)."""

    value: float | None = None
    gap: str | None = None
    longer: Target | None = None


def target_for(kpi: Kpi, targets: Sequence[Target], lo: dt.date, hi: dt.date) -> Found:
    """The target of period ``[lo, hi]`` among one slice's ``targets`` (see the module doc)."""
    from salesmetrics.catalog.model import Aggregation, Kind

    if kpi.kind is Kind.STOCK:
        return _narrowest(t for t in targets if t.start <= hi <= t.end)
    if kpi.kind is not Kind.FLOW or kpi.aggregation is not Aggregation.SUM:
        return _narrowest(t for t in targets if t.start <= lo and hi <= t.end)
    inside = sorted((t for t in targets if lo <= t.start and t.end <= hi), key=lambda t: t.start)
    exact = [t for t in inside if (t.start, t.end) == (lo, hi)]
    if exact:
        return Found(exact[0].value)
    if not inside:
        holder = next((t for t in targets if t.start <= lo and hi <= t.end), None)
        return Found(longer=holder)
    overlapping = [b for a, b in itertools.pairwise(inside) if b.start <= a.end]
    if overlapping:
        t = overlapping[0]
        return Found(
            gap=f"targets overlap on {t.start} (for example {t.start} to {t.end}), "
            "so they cannot be added up"
        )
    gaps = _gaps(inside, lo, hi)
    if gaps:
        listed = ", ".join(a.isoformat() if a == b else f"{a} to {b}" for a, b in gaps[:5])
        more = f" and {len(gaps) - 5} more" if len(gaps) > 5 else ""
        return Found(gap=f"no target for {listed}{more}")
    return Found(sum(t.value for t in inside))


def _narrowest(candidates: Iterable[Target]) -> Found:
    best = min(candidates, key=lambda t: (t.days, t.start), default=None)
    return Found(best.value if best else None)


def _gaps(inside: Sequence[Target], lo: dt.date, hi: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The day ranges of ``[lo, hi]`` none of ``inside`` (sorted, not overlapping) covers."""
    gaps, day = [], lo
    for t in inside:
        if t.start > day:
            gaps.append((day, t.start - ONE_DAY))
        day = max(day, t.end + ONE_DAY)
    if day <= hi:
        gaps.append((day, hi))
    return gaps


def attainment(value: float | None, target: float | None, direction: str) -> float | None:
    """value / target × 100 (direction up or neutral); target / value × 100 when lower is better
    (down). Null without a value or a target, or when it would divide by zero."""
    if value is None or target is None or value != value:
        return None
    if direction == "down":
        return None if value == 0 else target / value * 100
    return None if target == 0 else value / target * 100


def by_slice(targets: Iterable[Target]) -> dict[str, dict[Slice, list[Target]]]:
    """Targets grouped: KPI id -> slice -> targets."""
    out: dict[str, dict[Slice, list[Target]]] = {}
    for t in targets:
        out.setdefault(t.kpi, {}).setdefault(t.slice, []).append(t)
    return out


def grain_hint(target: Target) -> str:
    """The grain a target's length suggests (for the message about longer targets)."""
    days = target.days
    for grain, (low, high) in {
        "week": (7, 7),
        "month": (28, 31),
        "quarter": (89, 92),
        "year": (365, 366),
    }.items():
        if low <= days <= high:
            return f"--grain {grain}"
    return "--grain total over the target's dates"
