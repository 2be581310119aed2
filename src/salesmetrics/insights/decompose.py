"""Why a KPI changed: its change split into its slices' contributions, adding up exactly.

A KPI's value in the comparison period (0) and the current period (1), and the same KPI split
by one dimension in both periods, give a :class:`Decomposition` whose parts' contributions add
up to the total change ``total_after − total_before`` (to floating-point rounding).

**Additive KPIs** (aggregation ``sum``: revenue, won deals, pipeline value): the contribution of
slice i is v1_i − v0_i; a slice listed in one period only counts 0 in the other; the null slice
is a slice like any other.

**Ratio KPIs** (aggregation ``ratio``: R = s·Σn/Σd with scale s, 100 for percentages; win
rate, average deal size, conversion): with weights w_i = d_i/Σd, rates r_i = s·n_i/d_i, bars
the mean of the two periods and Δ the current minus the comparison period::

    ΔR = Σ_i [ w̄_i Δr_i  +  Δw_i (r̄_i − R̄) ]
              rate effect    mix effect

It is exact because w1·r1 − w0·r0 = w̄Δr + Δw·r̄ holds term by term (the symmetric product
rule, no interaction term left over) and Σ Δw_i = 0, so subtracting R̄·Δw_i from each slice
changes no total. It is symmetric: swapping the periods negates every effect. A slice whose
rate and weight did not move contributes 0; the R̄ centring makes weight moving towards a
slice with the average rate contribute 0 too — mix is "weight moved to a better (worse) than
average slice", and a Simpson's paradox (every slice's rate up, the total down) shows as rate
effects > 0 outweighed by mix effects < 0.

In general a slice's contribution is Δa_i − Δw_i·R̄ with a_i = s·n_i/Σd its share of R (equal
to w_i·r_i when d_i > 0); this also covers slices without a denominator: a slice with d = 0 in
one period has no rate there, so its whole contribution is mix (rate effect 0). With d = 0 in
both periods (revenue of a team without active reps) a_i = s·n_i/Σd is split by the same
product rule: rate = s·Δn_i·mean(1/Σd) (its numerator moved), mix = s·n̄_i·Δ(1/Σd) (the
denominator it is spread over moved). A period whose total denominator is 0 has no value:
not decomposable.

**Slices that do not partition the total** (a distinct count where one account counts for two
reps; deals without an owner that only the unsliced total counts): the contributions of the
slices explain the slices' own sums, a final part (``residual=True``, slice
:data:`UNATTRIBUTED`) holds the rest, and ``exact`` is False.

Medians, growth rates, pipeline velocity and lifetime values are not sums or ratios of their
slices: :class:`NotDecomposable`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from salesmetrics.catalog.model import Aggregation, Kpi

#: The slice label of the residual part (what no single slice explains).
UNATTRIBUTED = "(not attributed to one slice)"

Row = Mapping[Any, Any]  # a result row: {dimension or "slice": …, "value", "numerator", …}
Total = Row | float | None

_NOT_DECOMPOSABLE = {
    Aggregation.MEDIAN: "the median of the whole is not made of its slices' medians",
    Aggregation.GROWTH: "a growth rate is a change already; ask why the KPI it grows changed",
    Aggregation.GROWTH_YOY: "a growth rate is a change already; ask why the KPI it grows changed",
    Aggregation.VELOCITY: "pipeline velocity is a product of four KPIs; ask about each",
    Aggregation.LIFETIME: "a lifetime value divides by a churn rate; ask about ARPA and churn",
    Aggregation.LIFETIME_TO_CAC: "LTV:CAC is a ratio of KPIs; ask about lifetime value and CAC",
}


class NotDecomposable(ValueError):
    """The KPI's change cannot be split into its slices' contributions (the message says why)."""


@dataclass(frozen=True)
class Part:
    """One slice's share of the change. ``before``/``after``: the slice's value (additive: 0
    when not listed; ratio: its rate, None without a denominator). ``rate`` + ``mix`` =
    ``contribution`` for ratio KPIs (None for additive ones); ``share_*`` is its weight
    d_i/Σd."""

    slice: str | None
    before: float | None
    after: float | None
    contribution: float
    rate: float | None = None
    mix: float | None = None
    share_before: float | None = None
    share_after: float | None = None
    residual: bool = False


@dataclass(frozen=True)
class Decomposition:
    """``change`` = ``total_after − total_before`` = Σ parts' contributions. Parts are ordered
    by the size of their contribution, largest first (the residual part last). ``exact``: the
    slices alone reproduce both totals (no residual part)."""

    total_before: float
    total_after: float
    change: float
    parts: tuple[Part, ...]
    exact: bool
    kind: str  # "additive" or "ratio"


def _is_null(x: Any) -> bool:
    """None, NaN, or pandas' NA/NaT (rows taken from a DataFrame)."""
    if x is None or type(x).__name__ in ("NAType", "NaTType"):
        return True
    return isinstance(x, float) and math.isnan(x)


def _number(x: Any) -> float | None:
    return None if _is_null(x) else _nan_to_none(float(x))


def _nan_to_none(f: float) -> float | None:
    return None if math.isnan(f) else f


def _slice_of(row: Row, key: str) -> str | None:
    value = row.get(key)
    return None if _is_null(value) or value == "" else str(value)


def _by_slice(rows: Sequence[Row], key: str, period: str) -> dict[str | None, Row]:
    out: dict[str | None, Row] = {}
    for row in rows:
        s = _slice_of(row, key)
        if s in out:
            raise ValueError(f"slice {s!r} appears twice in the {period} period's rows")
        out[s] = row
    return out


def _tolerance(*xs: float) -> float:
    return 1e-12 * max(1.0, *(abs(x) for x in xs))


def _ordered(parts: list[Part], residual: Part | None) -> tuple[Part, ...]:
    parts.sort(key=lambda p: (-abs(p.contribution), p.slice is None, p.slice or ""))
    return (*parts, residual) if residual is not None else tuple(parts)


def additive(
    before: Sequence[Row],
    after: Sequence[Row],
    total_before: Total,
    total_after: Total,
    *,
    key: str = "slice",
) -> Decomposition:
    """Decompose a sum or count: contribution_i = v1_i − v0_i (0 for a slice not listed)."""
    t0, t1 = _total_value(total_before, "comparison"), _total_value(total_after, "current")
    rows0, rows1 = _by_slice(before, key, "comparison"), _by_slice(after, key, "current")
    parts: list[Part] = []
    for s in dict.fromkeys([*rows0, *rows1]):
        v0 = _number(rows0[s].get("value")) if s in rows0 else None
        v1 = _number(rows1[s].get("value")) if s in rows1 else None
        v0, v1 = v0 or 0.0, v1 or 0.0
        parts.append(Part(s, v0, v1, v1 - v0))
    s0, s1 = math.fsum(p.before or 0.0 for p in parts), math.fsum(p.after or 0.0 for p in parts)
    return _finish(parts, t0, t1, s0, s1, "additive")


def _finish(
    parts: list[Part], t0: float, t1: float, s0: float, s1: float, kind: str
) -> Decomposition:
    exact = abs(s0 - t0) <= _tolerance(t0, s0) and abs(s1 - t1) <= _tolerance(t1, s1)
    residual = None
    if not exact:
        rest = (t1 - t0) - (s1 - s0)
        residual = Part(UNATTRIBUTED, t0 - s0, t1 - s1, rest, residual=True)
    return Decomposition(t0, t1, t1 - t0, _ordered(parts, residual), exact, kind)


def _total_value(total: Total, period: str, scale: float | None = None) -> float:
    if isinstance(total, Mapping):
        value = _number(total.get("value"))
        if value is None and scale is not None:
            n, d = _number(total.get("numerator")), _number(total.get("denominator"))
            if n is not None and d:
                value = scale * n / d
    else:
        value = _number(total)
    if value is None:
        raise NotDecomposable(f"the KPI has no value in the {period} period: nothing to explain")
    return value


def _num_den(row: Row | None) -> tuple[float, float]:
    if row is None:
        return 0.0, 0.0
    n, d = _number(row.get("numerator")), _number(row.get("denominator"))
    if (n is None or d is None) and _number(row.get("value")) is not None:
        raise NotDecomposable(
            "rows carry a value without its numerator and denominator: a ratio KPI's change "
            "is split from Σ numerator / Σ denominator of each slice"
        )
    return n or 0.0, d or 0.0


def ratio(
    before: Sequence[Row],
    after: Sequence[Row],
    total_before: Total,
    total_after: Total,
    *,
    scale: float = 1.0,
    key: str = "slice",
) -> Decomposition:
    """Decompose R = scale·Σn/Σd into rate and mix effects per slice (see the module doc)."""
    for total, period in ((total_before, "comparison"), (total_after, "current")):
        if isinstance(total, Mapping) and _number(total.get("denominator")) == 0:
            raise NotDecomposable(
                f"the {period} period's denominator is 0, so the KPI has no value there: "
                "there is no change to split"
            )
    t0 = _total_value(total_before, "comparison", scale)
    t1 = _total_value(total_after, "current", scale)
    rows0, rows1 = _by_slice(before, key, "comparison"), _by_slice(after, key, "current")
    slices = list(dict.fromkeys([*rows0, *rows1]))
    nd0 = {s: _num_den(rows0.get(s)) for s in slices}
    nd1 = {s: _num_den(rows1.get(s)) for s in slices}
    d0_sum, d1_sum = math.fsum(d for _, d in nd0.values()), math.fsum(d for _, d in nd1.values())
    if d0_sum == 0 or d1_sum == 0:
        period = "comparison" if d0_sum == 0 else "current"
        raise NotDecomposable(
            f"the slices' denominators add up to 0 in the {period} period: no slice has a rate"
        )
    rs0 = scale * math.fsum(n for n, _ in nd0.values()) / d0_sum
    rs1 = scale * math.fsum(n for n, _ in nd1.values()) / d1_sum
    r_bar = (rs0 + rs1) / 2
    parts: list[Part] = []
    for s in slices:
        (n0, d0), (n1, d1) = nd0[s], nd1[s]
        w0, w1 = d0 / d0_sum, d1 / d1_sum
        r0 = scale * n0 / d0 if d0 else None
        r1 = scale * n1 / d1 if d1 else None
        dw = w1 - w0
        contribution = scale * (n1 / d1_sum - n0 / d0_sum) - dw * r_bar
        if r0 is not None and r1 is not None:
            rate, mix = (w0 + w1) / 2 * (r1 - r0), dw * ((r0 + r1) / 2 - r_bar)
            contribution = rate + mix
        elif r0 is None and r1 is None:  # a numerator without a denominator: n/Σd
            rate = scale * (n1 - n0) * (1 / d0_sum + 1 / d1_sum) / 2
            mix = scale * (n0 + n1) / 2 * (1 / d1_sum - 1 / d0_sum)
            contribution = rate + mix
        else:
            rate, mix = 0.0, contribution
        parts.append(Part(s, r0, r1, contribution, rate, mix, w0, w1))
    return _finish(parts, t0, t1, rs0, rs1, "ratio")


def decompose(
    aggregation: Aggregation | str,
    before: Sequence[Row],
    after: Sequence[Row],
    total_before: Total,
    total_after: Total,
    *,
    scale: float = 1.0,
    key: str = "slice",
) -> Decomposition:
    """Split the change of a KPI with this aggregation (``sum`` or ``ratio``) into its slices.

    ``before``/``after``: one period's rows split by one dimension, ``{key: slice, "value",
    "numerator", "denominator"}``; ``total_*``: the unsliced row of each period (or its value).
    Raises :class:`NotDecomposable` for other aggregations or a period without a value.
    """
    agg = Aggregation(aggregation)
    if agg is Aggregation.SUM:
        return additive(before, after, total_before, total_after, key=key)
    if agg is Aggregation.RATIO:
        return ratio(before, after, total_before, total_after, scale=scale, key=key)
    raise NotDecomposable(f"not decomposable into slices: {_NOT_DECOMPOSABLE[agg]}")


def decompose_kpi(
    kpi: Kpi,
    before: Sequence[Row],
    after: Sequence[Row],
    total_before: Total,
    total_after: Total,
    *,
    key: str = "slice",
) -> Decomposition:
    """:func:`decompose` with the KPI's own aggregation and scale."""
    try:
        return decompose(
            kpi.aggregation, before, after, total_before, total_after, scale=kpi.scale, key=key
        )
    except NotDecomposable as e:
        raise NotDecomposable(f"{kpi.label}: {e}") from None
