"""KPI cards: a value with its change against the previous period and a year earlier, its
target and benchmark, and a sparkline, for any page's list of KPIs."""

from __future__ import annotations

import datetime as dt
import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from salesmetrics.documents import KpiAnswer
from salesmetrics.web.deps import CacheDep, SourceDep
from salesmetrics.web.views import charts
from salesmetrics.web.views.rendering import answers
from salesmetrics.web.views.state import ViewState


@dataclass
class Cards:
    """The cards in reading order, and each usable KPI's trend by the view's grain."""

    cards: list[dict[str, Any]]
    trend: dict[str, KpiAnswer]
    usable: list[str]


def change_pct(now: Any, then: Any) -> float | None:
    if now is None or then in (None, 0):
        return None
    return float((now - then) / abs(then) * 100)


def year_earlier(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """A year-earlier window's values keyed by the period a year later that they compare to."""
    out = {}
    for row in rows:
        day = dt.date.fromisoformat(str(row["period_start"])[:10])
        try:
            later = day.replace(year=day.year + 1)
        except ValueError:  # 29 February
            later = day.replace(year=day.year + 1, day=28)
        out[later.isoformat()] = row.get("value")
    return out


def _one(answer: KpiAnswer | None) -> dict[str, Any] | None:
    return answer.rows[0] if answer and answer.rows else None


def build_cards(source: SourceDep, cache: CacheDep, view: ViewState, ids: list[str]) -> Cards:
    """Cards for ``ids``; KPIs the view's filters cannot split are kept, marked unusable."""
    from salesmetrics.catalog import get_kpi

    kpis = {k: get_kpi(k) for k in ids}
    usable = [k for k in ids if view.supports(kpis[k].dimensions)]
    # the four windows at once: the engine answers concurrent requests on one workspace
    windows = [
        (view, "total"),
        (view.shifted(back=True), "total"),
        (view.shifted(years=1), "total"),
        (view, view.grain),
    ]
    if usable:
        with ThreadPoolExecutor(len(windows)) as pool:
            now, before, year_ago, trend = pool.map(
                lambda w: answers(source, cache, usable, w[0], grain=w[1]), windows
            )
    else:
        now = before = year_ago = trend = {}
    cards = []
    for kpi_id in ids:
        kpi = kpis[kpi_id]
        card: dict[str, Any] = {"kpi": kpi, "usable": kpi_id in usable}
        if kpi_id in usable:
            row = _one(now.get(kpi_id)) or {}
            value = row.get("value")
            prev = (_one(before.get(kpi_id)) or {}).get("value")
            last_year = (_one(year_ago.get(kpi_id)) or {}).get("value")
            card |= {
                "row": row, "value": value, "previous": prev, "year_ago": last_year,
                "change_pct": change_pct(value, prev), "yoy_pct": change_pct(value, last_year),
                "warnings": now[kpi_id].warnings,
                "spark": json.dumps(charts.sparkline(trend[kpi_id].rows)),
            }  # fmt: skip
            better = {"higher": 1, "lower": -1}.get(kpi.direction.value, 0)
            card["good"] = (
                None
                if card["change_pct"] is None or not better
                else (card["change_pct"] * better > 0)
            )
        cards.append(card)
    return Cards(cards, trend, usable)
