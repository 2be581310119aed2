"""Forecast pace: for the period running now, where each team (or rep) will land — at the pace
of its bookings so far, and with its open pipeline weighted by the stage win rates learnt from
the history (``engine.forecast``) — against its quota."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from salesmetrics.insights.findings import Finding, slice_text
from salesmetrics.insights.periods import Window

if TYPE_CHECKING:
    from salesmetrics.workspace import Workspace

#: a slice landing below this share of its quota by both measures is a finding
SHORT = 0.9


@dataclass
class Pace:
    window: Window
    as_of: dt.date
    by: str
    rows: list[dict[str, Any]] = field(default_factory=list)

    def document(self) -> dict[str, Any]:
        return {"period": self.window.as_dict(), "as_of": self.as_of.isoformat(), "by": self.by,
                "rows": self.rows}  # fmt: skip


def pace(ws: Workspace, window: Window, as_of: dt.date, by: str = "team") -> Pace:
    """Per slice of ``by`` (team or rep): won so far, quota, the pace projection, the learnt
    forecast with its 80 % range, and both as a share of quota."""
    from salesmetrics.engine.forecast import Period, forecast

    day = min(max(as_of, window.first), window.last)
    gone = (day - window.first).days + 1
    quotas = ws.kpi("quota_attainment", grain="total", start=window.first, end=window.last,
                    by=[by], as_of=day)  # fmt: skip
    quota = {r[by]: r["denominator"] for r in quotas.to_dict("records")
             if r["denominator"] == r["denominator"] and r["denominator"]}  # fmt: skip
    made = forecast(ws, Period(window.grain, window.first, window.last), day, [by])
    learnt = {r[by]: r for r in made.rows if r["method"] == "learnt"}
    result = Pace(window, day, by)
    for key in sorted({*quota, *learnt}, key=lambda k: (k is None, str(k))):
        row = learnt.get(key, {})
        won = float(row.get("won_so_far") or 0.0)
        projected = won * window.days / gone
        q = quota.get(key)
        result.rows.append({
            by: key, "won_so_far": won, "quota": q, "pace_projection": projected,
            "forecast": row.get("expected"), "forecast_low": row.get("low"),
            "forecast_high": row.get("high"),
            "pace_pct": projected / q * 100 if q else None,
            "forecast_pct": row["expected"] / q * 100 if q and row.get("expected") else None,
        })  # fmt: skip
    return result


def pace_findings(result: Pace) -> list[Finding]:
    """Slices landing short of quota both at their pace and by the forecast."""
    found = []
    for row in result.rows:
        quota, forecast = row["quota"], row["forecast"]
        if not quota or forecast is None:
            continue
        if row["pace_projection"] >= SHORT * quota or forecast >= SHORT * quota:
            continue
        where = {result.by: row[result.by]}
        found.append(Finding(
            "pace", "quota_attainment",
            f"{_upper_first(slice_text(where))} is heading for {row['forecast_pct']:.0f} % of its "
            f"quota of {quota:,.0f} in {result.window.label()} (forecast {forecast:,.0f}, 80 % "
            f"range {row['forecast_low']:,.0f}–{row['forecast_high']:,.0f}; at the pace so far "
            f"{row['pace_projection']:,.0f}, {row['pace_pct']:.0f} %).",
            (result.window.first, result.window.last), where, dict(row),
            1.0 - forecast / quota,
        ))  # fmt: skip
    return found


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]
