"""The pipeline and revenue pages: KPI cards, then the analyses the CLI prints — the stage
funnel and the pipeline waterfall; the MRR waterfall and the cohort retention heatmap — each
with the same numbers as its command, a chart and a table."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import shlex
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from salesmetrics.web.deps import CacheDep, SourceDep, cached
from salesmetrics.web.views import charts
from salesmetrics.web.views.cards import build_cards
from salesmetrics.web.views.formatting import value as fmt
from salesmetrics.web.views.rendering import render
from salesmetrics.web.views.state import ViewState

router = APIRouter(include_in_schema=False)

PIPELINE_CARDS = (
    "pipeline_value", "weighted_pipeline", "open_opportunities", "pipeline_velocity",
    "aged_opportunities", "stale_opportunities", "pushed_deals",
)  # fmt: skip
REVENUE_CARDS = (
    "mrr", "arr", "net_new_mrr", "net_revenue_retention", "gross_revenue_retention",
    "customer_churn_rate",
)  # fmt: skip


@dataclass
class Section:
    """One analysis: a chart, a table of formatted cells and what the reader should know."""

    title: str
    intro: str = ""
    figure: str | None = None
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    command: str = ""


def _cli(name: str, view: ViewState, grain: str | None) -> str:
    """The CLI command that prints this section's numbers."""
    parts = [f"salesmetrics {name}", f"--from {view.start}", f"--to {view.end}"]
    if grain:
        parts.append(f"--grain {grain}")
    parts += [f"--where {shlex.quote(f'{d}={v}')}" for d, v in view.filters.items()]
    return " ".join(parts)


def _trend(cards: Any, ids: dict[str, str], title: str) -> Section | None:
    """A line per KPI (keys) from the cards' trends, labelled by the values."""
    series = {label: cards.trend[k].rows for k, label in ids.items() if k in cards.trend}
    if not series:
        return None
    return Section(title, figure=json.dumps(charts.lines(series, title)))


def _funnel(source: SourceDep, cache: CacheDep, view: ViewState) -> Section:
    from salesmetrics.engine.funnel import stage_funnel

    def compute() -> Any:
        with source.read() as ws:
            return stage_funnel(ws, start=view.start.isoformat(), end=view.end.isoformat(),
                                where=view.request()["where"])  # fmt: skip

    found = cached(source, cache, ("funnel", view.query(grain=None)), compute)
    section = Section(
        "Stage funnel",
        f"The {found.deals:,} deals created from {found.start} to {found.end}, followed up "
        f"to {found.as_of}: how many reached each stage, how many of those went on to the "
        "next, how many were lost there, and the median days spent in it.",
        headers=["Stage", "Reached", "→ next", "Lost here", "Median days"],
        notes=list(found.warnings),
        command=_cli("funnel", view, None),
    )
    if found.deals:
        section.figure = json.dumps(charts.funnel(
            [str(r["stage"]) for r in found.rows], [r["reached"] for r in found.rows],
            "Deals reaching each stage",
        ))  # fmt: skip
    for r in found.rows:
        section.rows.append([
            str(r["stage"]), f"{r['reached']:,}", fmt(r["conversion"], "percent"),
            f"{r['lost_here']:,}", fmt(r["median_days"], "days"),
        ])  # fmt: skip
    return section


def _bridge(
    section: Section, periods: list[dict[str, Any]], first: str, last: str,
    moves: list[tuple[str, str, int]], currency: str,
) -> None:  # fmt: skip
    """List each period's steps; chart the window as one bridge when each period starts where
    the one before ended (MRR), else each period's moves side by side (pipeline due by a
    period's end starts afresh each period)."""
    if not periods:
        return
    chained = all(
        abs(b[first] - a[last]) <= 1e-6 * max(1.0, abs(a[last]))
        for a, b in itertools.pairwise(periods)
    )
    start, end = first.replace("_", " "), last.replace("_", " ")
    if chained:
        steps = [(start, periods[0][first])]
        steps += [(label, sign * sum(p[key] for p in periods)) for key, label, sign in moves]
        steps.append((end, periods[-1][last]))
        section.figure = json.dumps(charts.waterfall(steps, section.title))
    else:
        x = [str(p["period_start"]) for p in periods]
        section.figure = json.dumps(charts.movements(
            x, {label: [sign * p[key] for p in periods] for key, label, sign in moves},
            {start: [p[first] for p in periods], end: [p[last] for p in periods]},
            section.title,
        ))  # fmt: skip
    section.headers = ["Period", start, *(m[1] for m in moves), end]
    for p in periods:
        cells = [p[first], *(sign * p[key] for key, _, sign in moves), p[last]]
        section.rows.append([str(p["period_start"]), *(fmt(c, "money", currency) for c in cells)])


def _pipeline_waterfall(source: SourceDep, cache: CacheDep, view: ViewState,
                        currency: str) -> Section:  # fmt: skip
    from salesmetrics.engine.pipeline_waterfall import pipeline_waterfall

    def compute() -> Any:
        with source.read() as ws:
            return pipeline_waterfall(ws, **view.request())

    found = cached(source, cache, ("pipeline-waterfall", view.query()), compute)
    section = Section(
        "Pipeline waterfall",
        "Open pipeline due by each period's end: at the start, plus what was created, pulled "
        "in and increased, minus what was decreased, won, lost and pushed out, plus currency "
        "moves, gives the pipeline at the end.",
        notes=list(found.warnings),
        command=_cli("pipeline-waterfall", view, view.grain),
    )
    moves = [("created", "created", 1), ("pulled_in", "pulled in", 1),
             ("increased", "increased", 1), ("decreased", "decreased", -1), ("won", "won", -1),
             ("lost", "lost", -1), ("pushed_out", "pushed out", -1), ("fx", "fx", 1)]  # fmt: skip
    _bridge(section, found.rows, "start", "end", moves, currency)
    return section


@router.get("/pipeline", response_class=HTMLResponse)
def pipeline_page(request: Request, source: SourceDep, cache: CacheDep) -> HTMLResponse:
    """Pipeline cards, the stage funnel, weighted pipeline, aging, velocity and the waterfall."""
    view = ViewState.of(request)
    currency = _currency(source, cache)
    with ThreadPoolExecutor(3) as pool:  # independent queries, each on its own connection
        cards = pool.submit(build_cards, source, cache, view, list(PIPELINE_CARDS))
        funnel = pool.submit(_funnel, source, cache, view)
        waterfall = pool.submit(_pipeline_waterfall, source, cache, view, currency)
        built = cards.result()
    sections = [funnel.result()]
    sections += [s for s in (
        _trend(built, {"pipeline_value": "Pipeline value", "weighted_pipeline": "Weighted"},
               "Pipeline and weighted pipeline at each period's end"),
        _trend(built, {"open_opportunities": "Open", "aged_opportunities": "Aged (> 180 days)",
                       "stale_opportunities": "Stale"}, "Aging: open deals and how many are old"),
        _trend(built, {"pipeline_velocity": "Pipeline velocity"}, "Pipeline velocity per day"),
    ) if s]  # fmt: skip
    sections.append(waterfall.result())
    return render(request, "analysis.html", view, title="Pipeline", cards=built.cards,
                 sections=sections, intro="Where the open deals stand, where they stall, and "
                 "how the pipeline moved.")  # fmt: skip


def _mrr_waterfall(source: SourceDep, cache: CacheDep, view: ViewState,
                   currency: str, grain: str) -> Section:  # fmt: skip
    from salesmetrics.engine.waterfall import mrr_waterfall

    def compute() -> Any:
        with source.read() as ws:
            return mrr_waterfall(ws, **view.request(grain=grain))

    found = cached(source, cache, ("mrr-waterfall", view.query(grain=grain)), compute)
    section = Section(
        "MRR waterfall",
        "Monthly recurring revenue at the start of each period, plus new, reactivated and "
        "expanded MRR, minus contraction and churn, gives the MRR at its end.",
        notes=list(found.warnings),
        command=_cli("mrr-waterfall", view, grain),
    )
    moves = [("new", "new", 1), ("reactivation", "reactivation", 1),
             ("expansion", "expansion", 1), ("contraction", "contraction", -1),
             ("churn", "churn", -1)]  # fmt: skip
    _bridge(section, found.records(), "start_mrr", "end_mrr", moves, currency)
    return section


def _cohorts(source: SourceDep, cache: CacheDep, view: ViewState, grain: str) -> Section:
    from salesmetrics.engine.cohorts import cohorts

    def compute() -> Any:
        with source.read() as ws:
            return cohorts(ws, grain, view.start.isoformat(), view.end.isoformat(), "logo")

    found = cached(source, cache, ("cohorts", grain, view.start, view.end), compute)
    command = f"salesmetrics cohorts --from {view.start} --to {view.end} --grain {grain}"
    section = Section(
        "Customer retention by cohort",
        f"Customers grouped by the {grain} of their first payment (rows); each cell is the % "
        f"of the cohort still paying that many {grain}s later.",
        notes=list(found.warnings),
        command=command,
    )
    if view.filters:
        section.notes.append("Cohorts are company-wide: the filters do not apply here.")
    by_cohort: dict[dt.date, dict[int, float | None]] = {}
    sizes: dict[dt.date, int] = {}
    for cohort, size, _, k, pct in found.rows:
        by_cohort.setdefault(cohort, {})[k] = pct
        sizes[cohort] = size
    if not by_cohort:
        section.notes.append("No customer's first payment lies in this period.")
        return section
    width = max(max(v) for v in by_cohort.values()) + 1
    labels = [f"{c} ({sizes[c]})" for c in by_cohort]
    z = [[cells.get(k) for k in range(width)] for cells in by_cohort.values()]
    section.figure = json.dumps(charts.heatmap(
        labels, [str(k) for k in range(width)], z, "% of each cohort's customers still paying"
    ))  # fmt: skip
    section.headers = ["Cohort (customers)", *(str(k) for k in range(width))]
    section.rows = [[label, *(fmt(v, "percent") if v is not None else "" for v in row)]
                    for label, row in zip(labels, z, strict=True)]  # fmt: skip
    return section


@router.get("/revenue", response_class=HTMLResponse)
def revenue_page(request: Request, source: SourceDep, cache: CacheDep) -> HTMLResponse:
    """Recurring revenue cards, the MRR waterfall, ARR, NRR/GRR and the cohort heatmap."""
    from salesmetrics.catalog import get_kpi

    view = ViewState.of(request)
    currency = _currency(source, cache)
    # subscriptions are counted by month or quarter; a year shows as its quarters
    grain = "quarter" if view.grain in ("quarter", "year") else "month"
    with ThreadPoolExecutor(3) as pool:  # independent queries, each on its own connection
        cards = pool.submit(build_cards, source, cache, view, list(REVENUE_CARDS))
        splittable = view.supports(get_kpi("mrr").dimensions)
        waterfall = (
            pool.submit(_mrr_waterfall, source, cache, view, currency, grain)
            if splittable
            else None
        )
        cohort = pool.submit(_cohorts, source, cache, view, grain)
        built = cards.result()
    sections: list[Section] = []
    if waterfall is not None:
        sections.append(waterfall.result())
    else:
        dims = ", ".join(d for d in view.filters if d not in get_kpi("mrr").dimensions)
        sections.append(Section("MRR waterfall", notes=[
            f"Recurring revenue cannot be split by {dims}: clear that filter to see it."
        ]))  # fmt: skip
    sections += [s for s in (
        _trend(built, {"arr": "ARR"}, "Annual recurring revenue at each period's end"),
        _trend(built, {"net_revenue_retention": "NRR", "gross_revenue_retention": "GRR"},
               "Net and gross revenue retention"),
    ) if s]  # fmt: skip
    sections.append(cohort.result())
    return render(request, "analysis.html", view, title="Revenue", cards=built.cards,
                 sections=sections, intro="Recurring revenue: how it moved, how much of it "
                 "stays, and how long customers stay.")  # fmt: skip


def _currency(source: SourceDep, cache: CacheDep) -> str:
    def compute() -> str:
        with source.read() as ws:
            return str(ws.get_setting("base_currency"))

    found: str = cached(source, cache, ("currency",), compute)
    return found
