"""Evaluate an alert rule: the slices of its period where its condition holds, as findings
with their evidence (the value, what it was held against, the numbers behind it)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from salesmetrics.insights.alerts import CONDITIONS, Rule
from salesmetrics.insights.findings import Finding, number, slice_text
from salesmetrics.insights.periods import Window, last_complete, running

if TYPE_CHECKING:
    from salesmetrics.workspace import Workspace

#: periods of history the ``outside_expected`` baseline reads, per grain, and its season
HISTORY = {"week": 104, "month": 36, "quarter": 12, "year": 5}
SEASON = {"week": 52, "month": 12, "quarter": 4, "year": 1}


def window_of(rule: Rule, as_of: dt.date, fy: int) -> Window:
    """The period a rule looks at on ``as_of``."""
    if rule.condition in ("below_pace",):
        return running(as_of, rule.grain, fy)
    if rule.condition == "coverage_below":
        return running(as_of, "quarter", fy).shifted(1)
    return last_complete(as_of, rule.grain, fy)


def _rows(ws: Workspace, rule: Rule, window: Window, end: dt.date | None = None,
          grain: str = "total") -> tuple[list[dict[str, Any]], list[str]]:  # fmt: skip
    from salesmetrics.documents import kpi_answer

    answer = kpi_answer(ws, rule.kpi, grain=grain, start=window.first, end=end or window.last,
                        by=list(rule.by), where=dict(rule.where) or None,
                        as_of=end or window.last)  # fmt: skip
    return answer.rows, answer.warnings


def _key(row: dict[str, Any], rule: Rule) -> tuple[Any, ...]:
    return tuple(row.get(d) for d in rule.by)


def _worse(kpi: Any, now: float, then: float) -> float | None:
    """How much worse ``now`` is than ``then`` in % (positive: worse), by the KPI's direction."""
    if then == 0:
        return None
    change = (now - then) / abs(then) * 100
    if kpi.direction.value == "down":
        return change
    if kpi.direction.value == "up":
        return -change
    return abs(change)


def evaluate(ws: Workspace, rule: Rule, as_of: dt.date) -> tuple[Window, list[Finding]]:
    """The findings of ``rule`` on ``as_of`` (its period and the slices where it holds)."""
    fy = int(ws.get_setting("fiscal_year_start_month"))
    window = window_of(rule, as_of, fy)
    if rule.condition == "coverage_below":
        from salesmetrics.insights.coverage import coverage_findings

        return window, coverage_findings(ws, rule, window, as_of)
    if rule.condition == "below_pace":
        return window, _pace(ws, rule, window, as_of)
    from salesmetrics.engine import kpi_of

    kpi = kpi_of(ws, rule.kpi)
    rows, _ = _rows(ws, rule, window)
    found: list[Finding] = []
    compare: dict[tuple[Any, ...], dict[str, Any]] = {}
    if rule.condition in ("change_previous", "change_year"):
        other = window.previous() if rule.condition == "change_previous" else window.year_earlier()
        compare = {_key(r, rule): r for r in _rows(ws, rule, other)[0]}
    expected: dict[tuple[Any, ...], Any] = {}
    if rule.condition == "outside_expected":
        expected = _expected(ws, rule, window)
    for row in rows:
        value = row.get("value")
        if value is None:
            continue
        key = _key(row, rule)
        where = dict(zip(rule.by, key, strict=True))
        numbers: dict[str, Any] = {"value": value, "numerator": row.get("numerator"),
                                   "denominator": row.get("denominator")}  # fmt: skip
        hit, reference = False, ""
        if rule.condition == "below":
            hit, reference = value < (rule.value or 0), f"the alert level {rule.value:g}"
        elif rule.condition == "above":
            hit, reference = value > (rule.value or 0), f"the alert level {rule.value:g}"
        elif rule.condition == "below_target":
            pct = row.get("attainment_pct")
            hit = pct is not None and pct < 100 - (rule.value or 0)
            numbers.update(target=row.get("target"), attainment_pct=pct)
            reference = f"its target {row.get('target')} ({pct} % attained)"
        elif rule.condition == "off_benchmark":
            hit = row.get("benchmark_rating") == "worse"
            numbers.update(benchmark_low=row.get("benchmark_low"),
                           benchmark_high=row.get("benchmark_high"))  # fmt: skip
            reference = (f"its benchmark {row.get('benchmark_low')}–"
                         f"{row.get('benchmark_high')}")  # fmt: skip
        elif rule.condition in ("change_previous", "change_year"):
            then = (compare.get(key) or {}).get("value")
            worse = _worse(kpi, value, then) if then is not None else None
            hit = worse is not None and worse > (rule.value or 0)
            numbers.update(compared=then, worse_pct=worse)
            reference = f"{then} {'the period before' if rule.condition == 'change_previous' else 'a year earlier'}"  # noqa: E501
        elif rule.condition == "outside_expected":
            band = expected.get(key)
            if band is not None:
                hit = band.outside and _is_worse(kpi, value, band.center)
                numbers.update(expected_low=band.low, expected_high=band.high,
                               expected_center=band.center, method=band.method)  # fmt: skip
                reference = f"the {number(band.low)}–{number(band.high)} its history predicts"
        if hit:
            found.append(Finding(
                "alert", kpi.id,
                f"{kpi.label} of {slice_text(where)} in {window.label()} is {number(value)}: "
                f"{CONDITIONS[rule.condition].format(value=rule.value or 0)} ({reference}).",
                (window.first, window.last), where, numbers, _score(kpi, numbers),
                [rule.describe(), rule.note] if rule.note else [rule.describe()],
            ))  # fmt: skip
    return window, found


def _is_worse(kpi: Any, value: float, center: float) -> bool:
    if kpi.direction.value == "up":
        return value < center
    if kpi.direction.value == "down":
        return value > center
    return True


def _score(kpi: Any, numbers: dict[str, Any]) -> float:
    worse = numbers.get("worse_pct")
    if worse is not None:
        return float(worse)
    return 1.0


def _expected(ws: Workspace, rule: Rule, window: Window) -> dict[tuple[Any, ...], Any]:
    """Per slice, the range the KPI's own history predicts for ``window``."""
    from salesmetrics.insights.baseline import expected

    start = window.shifted(-HISTORY[rule.grain])
    rows, _ = _rows(ws, rule, Window(start.first, window.last, rule.grain), grain=rule.grain)
    series: dict[tuple[Any, ...], list[tuple[str, float | None]]] = {}
    for row in rows:
        series.setdefault(_key(row, rule), []).append((str(row["period_start"]), row["value"]))
    out = {}
    for key, points in series.items():
        points.sort()
        history = [v for p, v in points if p < window.first.isoformat()]
        current = next((v for p, v in points if p == window.first.isoformat()), None)
        if current is None:
            continue
        band = expected(history, current, season_length=SEASON[rule.grain])
        if band is not None:
            out[key] = band
    return out


def _pace(ws: Workspace, rule: Rule, window: Window, as_of: dt.date) -> list[Finding]:
    """Reps (or teams) whose quota attainment to date trails the share of the period gone."""
    end = min(as_of, window.last)
    gone = ((end - window.first).days + 1) / window.days * 100
    rows, _ = _rows(ws, rule, window, end=end)
    found = []
    for row in rows:
        value = row.get("value")
        if value is None or value >= gone - (rule.value or 0):
            continue
        where = {d: row.get(d) for d in rule.by}
        found.append(Finding(
            "alert", rule.kpi,
            f"Quota attainment of {slice_text(where)} is {value:.0f} % with {gone:.0f} % of "
            f"{window.label()} gone: {gone - value:.0f} points behind pace.",
            (window.first, window.last), where,
            {"value": value, "pace_pct": gone, "behind": gone - value,
             "revenue": row.get("numerator"), "quota": row.get("denominator")},
            gone - value, [rule.describe()],
        ))  # fmt: skip
    return found
