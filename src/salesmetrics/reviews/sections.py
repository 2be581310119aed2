"""Building blocks of a review: KPI tables against a comparison period, KPI breakdowns, the
analyses of the CLI (pipeline waterfall, funnel, MRR waterfall, cohorts, forecast), and the
insights of the period — each a section holding the numbers its command prints."""

from __future__ import annotations

import datetime as dt
import shlex
from typing import TYPE_CHECKING, Any

from salesmetrics.insights.periods import Window
from salesmetrics.reviews.charts import bars
from salesmetrics.reviews.model import Column, Section

if TYPE_CHECKING:
    from salesmetrics.workspace import Workspace


def _pct(now: Any, then: Any) -> float | None:
    if now is None or then is None or then == 0:
        return None
    return (now - then) / abs(then) * 100


def _cli(*parts: str) -> str:
    return "salesmetrics " + " ".join(shlex.quote(p) for p in parts)


def kpi_table(
    ws: Workspace,
    title: str,
    ids: list[str],
    window: Window,
    compared: Window,
    as_of: dt.date,
    intro: str = "",
) -> Section:
    """Each KPI over the window, beside the comparison window, the change, and the target."""
    from salesmetrics.documents import kpi_answers
    from salesmetrics.engine import kpi_of

    request = {"grain": "total", "as_of": as_of}
    now = kpi_answers(ws, ids, start=window.first, end=window.last, **request)
    then = kpi_answers(ws, ids, start=compared.first, end=compared.last, **request)
    section = Section(
        title,
        intro or f"Against {compared.first} to {compared.last}.",
        [
            Column("label", "KPI"),
            Column("value", "Value", "kpi"),
            Column("previous", "Before", "kpi"),
            Column("change_pct", "Change", "change"),
            Column("target", "Target", "kpi"),
        ],
        command=_cli(
            "kpi",
            "KPI",
            "--grain",
            "total",
            "--from",
            str(window.first),
            "--to",
            str(window.last),
            "--as-of",
            str(as_of),
        ),
    )
    for kpi_id in ids:
        kpi = kpi_of(ws, kpi_id)
        row = (now[kpi.id].rows or [{}])[0]
        before = (then[kpi.id].rows or [{}])[0]
        value, previous = row.get("value"), before.get("value")
        section.rows.append(
            {
                "kpi": kpi.id,
                "label": kpi.label,
                "unit": kpi.unit.value,
                "value": value,
                "previous": previous,
                "change_pct": _pct(value, previous),
                "target": row.get("target"),
                "direction": kpi.direction.value,
            }
        )
        section.notes += [
            w
            for w in now[kpi.id].warnings
            if w not in section.notes and "inside a longer target" not in w
        ]
    return section


def breakdown(
    ws: Workspace,
    title: str,
    ids: list[str],
    dim: str,
    window: Window,
    as_of: dt.date,
    limit: int = 15,
    chart: bool = True,
) -> Section:
    """KPIs by one dimension over the window, the first KPI's largest slices first."""
    from salesmetrics.documents import kpi_answers
    from salesmetrics.engine import kpi_of

    kpis = [kpi_of(ws, k) for k in ids]
    found = kpi_answers(
        ws,
        [k.id for k in kpis],
        grain="total",
        start=window.first,
        end=window.last,
        by=[dim],
        as_of=as_of,
    )
    cells: dict[Any, dict[str, Any]] = {}
    for kpi in kpis:
        for row in found[kpi.id].rows:
            cells.setdefault(row.get(dim), {dim: row.get(dim)})[kpi.id] = row.get("value")
    first = kpis[0].id
    rows = sorted(cells.values(), key=lambda r: -(r.get(first) or 0))[:limit]
    section = Section(
        title,
        "",
        [
            Column(dim, dim.replace("_", " ").capitalize()),
            *(Column(k.id, k.label, k.unit.value) for k in kpis),
        ],
        rows,
        command=_cli(
            "kpi",
            first,
            "--grain",
            "total",
            "--by",
            dim,
            "--from",
            str(window.first),
            "--to",
            str(window.last),
            "--as-of",
            str(as_of),
        ),
    )
    if chart:
        section.chart = bars(
            [str(r[dim] if r[dim] is not None else "(empty)") for r in rows],
            [r.get(first) for r in rows],
            f"{kpis[0].label} by {dim}",
        )
    for kpi in kpis:
        section.notes += [w for w in found[kpi.id].warnings if w not in section.notes]
    return section


def pipeline_moves(ws: Workspace, window: Window, grain: str) -> Section:
    """The pipeline waterfall of the window (`salesmetrics pipeline-waterfall`)."""
    from salesmetrics.engine.pipeline_waterfall import STEPS, pipeline_waterfall

    found = pipeline_waterfall(ws, grain=grain, start=window.first, end=window.last)
    section = Section(
        "Pipeline moves",
        "Pipeline due by the period's end: at its start, plus created and pulled in, plus or "
        "minus amount changes, minus won, lost and pushed out, gives the pipeline at its end.",
        [
            Column("period_start", "Period", "date"),
            *(Column(s, s.replace("_", " ").capitalize(), "money") for s in STEPS),
        ],
        [{k: r[k] for k in ("period_start", *STEPS)} for r in found.rows],
        notes=list(found.warnings),
        command=_cli(
            "pipeline-waterfall",
            "--from",
            str(window.first),
            "--to",
            str(window.last),
            "--grain",
            grain,
        ),
    )
    if found.rows:
        last = found.rows[-1]
        section.chart = bars(
            [s.replace("_", " ") for s in STEPS], [last[s] for s in STEPS], "Pipeline moves (money)"
        )
    return section


def funnel(ws: Workspace, window: Window, as_of: dt.date) -> Section:
    from salesmetrics.engine.funnel import stage_funnel

    found = stage_funnel(
        ws, start=window.first.isoformat(), end=window.last.isoformat(), as_of=as_of.isoformat()
    )
    columns = [
        Column(
            c,
            c.replace("_", " ").capitalize(),
            "text"
            if c == "stage"
            else "percent"
            if "pct" in c or "conversion" in c
            else "days"
            if "days" in c
            else "count",
        )
        for c in found.columns
    ]
    section = Section(
        "Stage funnel",
        f"The {found.deals:,} deals created in the period, followed up to {found.as_of}.",
        columns,
        [dict(r) for r in found.rows],
        notes=list(found.warnings),
        command=_cli(
            "funnel", "--from", str(window.first), "--to", str(window.last), "--as-of", str(as_of)
        ),
    )
    if found.rows:
        section.chart = bars(
            [str(r.get("stage")) for r in found.rows],
            [r.get("reached") for r in found.rows],
            "Deals reaching each stage",
        )
    return section


def mrr_moves(ws: Workspace, window: Window) -> Section:
    from salesmetrics.engine.waterfall import COLUMNS, mrr_waterfall

    found = mrr_waterfall(ws, grain="month", start=window.first, end=window.last)
    return Section(
        "MRR waterfall",
        "Start MRR + new + reactivation + expansion − contraction − churn = end MRR.",
        [
            Column(
                c,
                c.replace("_", " ").capitalize(),
                "date" if c == "period_start" else "text" if c == "reconciles" else "money",
            )
            for c in COLUMNS
        ],
        found.records(),
        notes=list(found.warnings),
        command=_cli(
            "mrr-waterfall",
            "--from",
            str(window.first),
            "--to",
            str(window.last),
            "--grain",
            "month",
        ),
    )


def forecast_section(ws: Workspace, day: dt.date) -> Section:
    """The quarter holding ``day``: expected bookings by each method, with 80 % ranges."""
    from salesmetrics.engine.forecast import forecast
    from salesmetrics.insights.scorecard import resolve_period

    fy = int(ws.get_setting("fiscal_year_start_month"))
    period = resolve_period(None, day, fy)
    found = forecast(ws, period, day, [])
    return Section(
        f"Forecast of {period.first} to {period.last}",
        f"Made on {found.day}: bookings so far plus the open pipeline due by the quarter's "
        "end, weighted by the stage win rates learnt from the history (learnt), by the CRM's "
        "probabilities (crm), or a run-rate of the quarters before.",
        [
            Column("method", "Method"),
            Column("won_so_far", "Won so far", "money"),
            Column("expected", "Expected", "money"),
            Column("low", "Low (80 %)", "money"),
            Column("high", "High (80 %)", "money"),
        ],
        [dict(r) for r in found.rows],
        notes=list(found.warnings),
        command=_cli("forecast", "--as-of", str(found.day)),
    )


def coverage_section(ws: Workspace, day: dt.date) -> Section:
    from salesmetrics.insights.coverage import coverage
    from salesmetrics.insights.periods import running

    fy = int(ws.get_setting("fiscal_year_start_month"))
    quarter = running(day, "quarter", fy).shifted(1)
    cells = coverage(ws, quarter, day, ["team"])
    rows = [{"team": k[0], **v} for k, v in cells.items()]
    section = Section(
        f"Pipeline coverage of {quarter.first} to {quarter.last}",
        "Open pipeline expected to close next quarter over next quarter's quota (aim: about 3x).",
        [
            Column("team", "Team"),
            Column("pipeline", "Pipeline", "money"),
            Column("quota", "Quota", "money"),
            Column("coverage", "Coverage", "ratio"),
        ],
        rows,
        command=_cli("alerts", "run", "--as-of", str(day)),
    )
    if not any(r["quota"] for r in rows):
        section.notes.append(
            "No quota is set for next quarter yet: import quotas to measure coverage."
        )
    return section
