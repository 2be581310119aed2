"""The dashboard's pages: overview, the KPI catalog, one KPI, and the import form."""

from __future__ import annotations

import csv
import io
import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from salesmetrics.access.roles import Permission
from salesmetrics.web.auth.guards import IdentityDep, check_form_csrf, require
from salesmetrics.web.deps import CacheDep, SourceDep, cached
from salesmetrics.web.errors import ApiError
from salesmetrics.web.views import charts
from salesmetrics.web.views.cards import build_cards, change_pct, year_earlier
from salesmetrics.web.views.rendering import answers, render
from salesmetrics.web.views.state import ViewState

router = APIRouter(include_in_schema=False)
WRITER = Depends(require(Permission.write))

#: The overview's cards, in reading order: revenue, pipeline, team, leads.
CARDS = (
    "revenue", "win_rate", "average_deal_size", "pipeline_value", "weighted_pipeline",
    "sales_cycle_days", "quota_attainment", "leads_created", "lead_conversion_rate",
)  # fmt: skip


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, source: SourceDep, cache: CacheDep) -> HTMLResponse:
    """KPI cards, the revenue trend and the pipeline by stage."""
    view = ViewState.of(request)
    built = build_cards(source, cache, view, list(CARDS))
    figures = []
    if "revenue" in built.trend:
        figures.append(("Revenue by " + view.grain,
                        charts.trend(built.trend["revenue"].rows, "Revenue", True)))  # fmt: skip
    if "pipeline_value" in built.usable:
        by_stage = answers(source, cache, ["pipeline_value"], view, grain="total", by=["stage"])
        rows = by_stage["pipeline_value"].rows
        figures.append(("Pipeline by stage", charts.bars(
            [str(r.get("stage") or "(empty)") for r in rows], [r["value"] for r in rows],
            "Open pipeline value by stage at the end of the period",
        )))  # fmt: skip
    return render(request, "overview.html", view, cards=built.cards,
                 figures=[(t, json.dumps(f)) for t, f in figures])  # fmt: skip


@router.get("/kpis", response_class=HTMLResponse)
def catalogrender(request: Request, source: SourceDep, cache: CacheDep) -> HTMLResponse:
    """Every KPI: formula, unit, benchmark, by category."""
    from salesmetrics.web.api.kpis import catalog_entries

    view = ViewState.of(request)
    entries = catalog_entries(source, cache)
    categories: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        categories.setdefault(str(entry.get("category") or "custom"), []).append(entry)
    return render(request, "kpis.html", view, categories=categories, count=len(entries))


def _detail(source: SourceDep, cache: CacheDep, kpi_id: str, view: ViewState,
            breakdown: str | None) -> dict[str, Any]:  # fmt: skip
    from salesmetrics.documents import explain_document, kpi_answer

    def compute() -> dict[str, Any]:
        from salesmetrics.engine import kpi_of

        with source.read() as ws:
            kpi = kpi_of(ws, kpi_id)
            if not view.supports(kpi.dimensions):
                missing = [d for d in view.filters if d not in kpi.dimensions]
                raise ApiError(400, f"{kpi.label} cannot be filtered by {', '.join(missing)}; "
                               "clear that filter to see it.")  # fmt: skip
            dims = list(kpi.dimensions)
            split = breakdown if breakdown in dims else (dims[0] if dims else None)
            req = view.request()
            trend = kpi_answer(ws, kpi.id, **req)
            parts = (
                kpi_answer(ws, kpi.id, **{**req, "grain": "total", "by": [split]})
                if split
                else None
            )
            ex = explain_document(ws.explain(kpi.id, limit=50, **view.request(grain="total")))
        return {"kpi": kpi, "dims": dims, "split": split, "trend": trend, "parts": parts,
                "explain": ex}  # fmt: skip

    key = ("detail", kpi_id, view.query(), breakdown)
    found: dict[str, Any] = cached(source, cache, key, compute)
    return found


@router.get("/kpis/{kpi_id}.csv")
def kpi_csv(request: Request, kpi_id: str, source: SourceDep, cache: CacheDep) -> Response:
    """The KPI's rows as `salesmetrics kpi --format csv` writes them."""
    view = ViewState.of(request)
    trend = _detail(source, cache, kpi_id, view, None)["trend"]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=trend.columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(trend.rows)
    name = f"{kpi_id}_{view.start}_{view.end}.csv"
    return Response(out.getvalue(), media_type="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})  # fmt: skip


@router.get("/kpis/{kpi_id}", response_class=HTMLResponse)
def kpirender(request: Request, kpi_id: str, source: SourceDep, cache: CacheDep,
             breakdown: str | None = None) -> HTMLResponse:  # fmt: skip
    """One KPI: trend with its target, a breakdown, the explanation and the records."""
    view = ViewState.of(request)
    d = _detail(source, cache, kpi_id, view, breakdown)
    kpi, trend, parts = d["kpi"], d["trend"], d["parts"]
    built = build_cards(source, cache, view, [kpi.id])
    earlier = year_earlier(answers(source, cache, [kpi.id], view.shifted(years=1))[kpi.id].rows)
    # (new rows: the answer's own are cached and written to CSV as they are)
    periods = [
        {**row, "year_ago": (then := earlier.get(str(row["period_start"])[:10])),
         "yoy_pct": change_pct(row.get("value"), then)}
        for row in trend.rows
    ]  # fmt: skip
    figure = charts.trend(periods, kpi.label, True)
    if any(r["year_ago"] is not None for r in periods):
        figure["data"].append({
            "type": "scatter", "mode": "lines", "name": "a year earlier",
            "x": [r["period_start"] for r in periods], "y": [r["year_ago"] for r in periods],
            "line": {"dash": "dot"},
        })  # fmt: skip
    figures = [("Trend", json.dumps(figure))]
    if parts is not None and parts.rows:
        split = d["split"]
        figures.append((f"By {split}", json.dumps(charts.bars(
            [str(r.get(split) or "(empty)") for r in parts.rows], [r["value"] for r in parts.rows],
            f"{kpi.label} by {split}, whole period",
        ))))  # fmt: skip
    records = d["explain"]["records"]
    return render(request, "kpi.html", view, kpi=kpi, trend=trend, figures=figures,
                 cards=built.cards, periods=periods,
                 dims=d["dims"], split=d["split"], explain=d["explain"], records=records,
                 record_columns=list(records[0]) if records else [])  # fmt: skip


@router.get("/import", response_class=HTMLResponse, dependencies=[WRITER])
def import_form(request: Request) -> HTMLResponse:
    """Upload a file into a table, with a preset and a mode."""
    from salesmetrics.schema import ALL_TABLES

    return render(request, "import.html", None, tables=[t.name for t in ALL_TABLES], report=None)


@router.post("/import", response_class=HTMLResponse, dependencies=[WRITER])
def import_upload(
    request: Request,
    source: SourceDep,
    identity: IdentityDep,
    table: Annotated[str, Form()],
    file: Annotated[UploadFile, File()],
    mode: Annotated[str, Form()] = "upsert",
    preset: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
) -> HTMLResponse:
    """Run the import; show what was stored, or every problem (nothing stored then)."""
    from salesmetrics.errors import UserError
    from salesmetrics.schema import ALL_TABLES
    from salesmetrics.web.api.imports import actor_of, run_import

    check_form_csrf(identity, csrf_token)
    report, failure = None, None
    try:
        report = run_import(source, table, file, actor=actor_of(request), mode=mode,
                            preset=preset or None)  # fmt: skip
    except ApiError as exc:
        failure = {"message": exc.message, "report": exc.detail}
    except UserError as exc:
        failure = {"message": str(exc), "report": None}
    tables = [t.name for t in ALL_TABLES]
    response = render(request, "import.html", None, tables=tables, report=report, failure=failure,
                     chosen=table)  # fmt: skip
    if failure:
        response.status_code = 400
    return response
