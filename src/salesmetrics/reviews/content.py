"""What each cadence's review holds (docs/reviews.md), and the insights of its period.

- daily: the day at a glance against the same weekday a week earlier; activities by type and
  by rep; new leads by source and their response; deals moved and closed; overdue tasks.
- weekly: the week at a glance; pipeline created, moved, pushed, won and lost; next quarter's
  coverage; the quarter's forecast.
- monthly: the scorecard against targets and benchmarks; the leaderboard; the stage funnel;
  the MRR waterfall.
- quarterly: CAC, CLV, LTV:CAC, NRR and GRR against a year earlier; win rate and sales cycle
  by segment and by source; cohort retention; the year-on-year view.

Every review ends with the insights of its period: the alerts that hold, what changed (from
the week up), why the headline KPI moved, and what to do.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from salesmetrics.insights.periods import Window
from salesmetrics.reviews import sections as s
from salesmetrics.reviews.model import Column, Review, Section

if TYPE_CHECKING:
    from salesmetrics.workspace import Workspace


def _attempt(review: Review, build: Any) -> None:
    """Add the section ``build()`` makes; a section whose input is missing says so instead."""
    from salesmetrics.errors import UserError

    try:
        made = build()
    except UserError as exc:
        review.warnings.append(str(exc))
        return
    review.sections.extend(made if isinstance(made, list) else [made])


def daily(ws: Workspace, review: Review, day: Window, as_of: dt.date) -> None:
    week_before = day.shifted(-7)
    glance = ["activities", "leads_created", "opportunities_created", "won_deals", "lost_deals",
              "revenue", "overdue_tasks"]  # fmt: skip
    _attempt(
        review,
        lambda: s.kpi_table(
            ws,
            "The day at a glance",
            glance,
            day,
            week_before,
            as_of,
            f"Against {week_before.first}, a week earlier.",
        ),
    )
    _attempt(
        review,
        lambda: s.breakdown(ws, "Activities by type", ["activities"], "activity_type", day, as_of),
    )
    _attempt(
        review,
        lambda: s.breakdown(
            ws, "Activities by rep", ["activities"], "rep", day, as_of, chart=False
        ),
    )
    _attempt(
        review,
        lambda: s.breakdown(
            ws,
            "New leads and their first response",
            ["leads_created", "lead_response_hours"],
            "source",
            day,
            as_of,
        ),
    )
    _attempt(review, lambda: s.pipeline_moves(ws, day, "day"))
    _attempt(review, lambda: closed_deals(ws, day))
    _attempt(
        review,
        lambda: s.breakdown(
            ws, "Overdue tasks by rep", ["overdue_tasks"], "rep", day, as_of, chart=False
        ),
    )


def weekly(ws: Workspace, review: Review, week: Window, as_of: dt.date) -> None:
    glance = ["pipeline_created", "opportunities_created", "won_deals", "revenue", "lost_deals",
              "pushed_deals", "win_rate"]  # fmt: skip
    _attempt(
        review,
        lambda: s.kpi_table(ws, "The week at a glance", glance, week, week.previous(), as_of),
    )
    _attempt(review, lambda: s.pipeline_moves(ws, week, "week"))
    _attempt(review, lambda: s.coverage_section(ws, week.last))
    _attempt(review, lambda: s.forecast_section(ws, week.last))


def monthly(ws: Workspace, review: Review, month: Window, as_of: dt.date) -> None:
    _attempt(review, lambda: scorecard_section(ws, month, as_of))
    _attempt(
        review,
        lambda: s.breakdown(
            ws,
            "Leaderboard",
            ["revenue", "quota_attainment", "win_rate", "activities"],
            "rep",
            month,
            as_of,
        ),
    )
    _attempt(review, lambda: s.funnel(ws, month, as_of))
    _attempt(review, lambda: s.mrr_moves(ws, month))


def quarterly(ws: Workspace, review: Review, quarter: Window, as_of: dt.date) -> None:
    year = quarter.year_earlier()
    economics = ["cac", "clv", "ltv_to_cac", "net_revenue_retention", "gross_revenue_retention"]
    _attempt(
        review,
        lambda: s.kpi_table(
            ws,
            "Unit economics",
            economics,
            quarter,
            year,
            as_of,
            f"Against {year.first} to {year.last}, a year earlier.",
        ),
    )
    for dim in ("segment", "source"):
        _attempt(
            review,
            lambda d=dim: s.breakdown(
                ws,
                f"Win rate and sales cycle by {d}",
                ["win_rate", "sales_cycle_days"],
                d,
                quarter,
                as_of,
            ),
        )
    _attempt(review, lambda: cohort_section(ws, quarter))
    headline = ["revenue", "won_deals", "win_rate", "average_deal_size", "sales_cycle_days",
                "pipeline_value", "leads_created", "lead_conversion_rate", "mrr"]  # fmt: skip
    _attempt(
        review,
        lambda: s.kpi_table(
            ws,
            "The year on year view",
            headline,
            quarter,
            year,
            as_of,
            f"Against {year.first} to {year.last}.",
        ),
    )


def closed_deals(ws: Workspace, day: Window) -> Section:
    """The deals won and lost in the window (the records behind its win rate)."""
    found = ws.explain("win_rate", grain="total", start=day.first, end=day.last, limit=50)
    records = found.records
    keep = [c for c in ("opportunity_id", "status", "amount", "currency", "close_date")
            if c in records.columns]  # fmt: skip
    rows = records[keep].to_dict("records") if not records.empty else []
    return Section(
        "Deals won and lost",
        "The deals closed in the period (up to 50).",
        [
            Column(c, c.replace("_", " ").capitalize(), "money" if c == "amount" else "text")
            for c in keep
        ],
        [{str(k): v for k, v in r.items()} for r in rows],
        command=s._cli(
            "explain",
            "win_rate",
            "--grain",
            "total",
            "--from",
            str(day.first),
            "--to",
            str(day.last),
            "--limit",
            "50",
        ),
    )


def scorecard_section(ws: Workspace, month: Window, as_of: dt.date) -> Section:
    from salesmetrics.insights.scorecard import scorecard

    card = scorecard(ws, month.first.strftime("%Y-%m"), as_of=max(as_of, month.last))
    columns = [Column("label", "KPI"), Column("value", "Value", "kpi"),
               Column("previous", "Before", "kpi"), Column("change_pct", "Change", "change"),
               Column("target", "Target", "kpi"), Column("attainment_pct", "Attained", "percent"),
               Column("benchmark_status", "Benchmark")]  # fmt: skip
    return Section("Scorecard", f"Against {card.previous[0]} to {card.previous[1]}; targets and "
                   "benchmarks beside each KPI.", columns, list(card.rows),
                   notes=list(card.warnings),
                   command=s._cli("scorecard", "--period", month.first.strftime("%Y-%m"),
                                  "--format", "json"))  # fmt: skip


def cohort_section(ws: Workspace, quarter: Window) -> Section:
    from salesmetrics.engine.cohorts import cohorts

    first = quarter.shifted(-7).first
    found = cohorts(ws, grain="quarter", start=first, end=quarter.last, metric="revenue",
                    as_of=quarter.last)  # fmt: skip
    wide: dict[str, dict[str, Any]] = {}
    for row in found.records():
        cell = wide.setdefault(row["cohort"], {"cohort": row["cohort"], "size": row["size"]})
        cell[f"q{row['period']}"] = row["value"]
    periods = sorted({k for r in wide.values() for k in r if k.startswith("q")},
                     key=lambda k: int(k[1:]))  # fmt: skip
    return Section(
        "Revenue retention by signup cohort",
        "The share of each quarterly cohort's starting MRR still there, quarter by quarter.",
        [Column("cohort", "Cohort", "date"), Column("size", "Customers", "count"),
         *(Column(p, f"+{p[1:]}", "percent") for p in periods)],
        list(wide.values()), notes=list(found.warnings),
        command=s._cli("cohorts", "--metric", "revenue", "--grain", "quarter", "--from",
                       str(first), "--to", str(quarter.last), "--as-of", str(quarter.last)),
    )  # fmt: skip


BUILDERS = {"daily": daily, "weekly": weekly, "monthly": monthly, "quarterly": quarterly}


def insights_sections(ws: Workspace, review: Review, window: Window, as_of: dt.date) -> None:
    """Alerts that hold, what changed (not for a single day), why, and what to do."""
    from salesmetrics.errors import UserError
    from salesmetrics.insights import playbook
    from salesmetrics.insights.changes import scan
    from salesmetrics.insights.firing import run_alerts
    from salesmetrics.insights.why import explain_change

    found: list[Any] = []
    try:
        run = run_alerts(ws, min(as_of, window.last + dt.timedelta(days=1)), record=False)
        alerts = [f for _, f in [*run.new, *run.ongoing]]
        found += alerts
        review.sections.append(
            _findings("Alerts", alerts, "No alert holds.", s._cli("alerts", "run", "--dry-run"))
        )
    except UserError as exc:
        review.warnings.append(f"alerts: {exc}")
    if window.grain != "day":
        # a week is held against the four weeks before it (one week's counts are too few to
        # tell a change from chance); longer periods against the period before
        compared = (
            Window(window.first - dt.timedelta(days=28), window.first - dt.timedelta(1), "week")
            if window.grain == "week"
            else window.previous()
        )
        try:
            changed = scan(ws, window, compared, as_of, top=8)
            found += changed.findings
            review.sections.append(
                _findings(
                    "What changed",
                    changed.findings,
                    f"No change against {compared.first} to {compared.last} is significant.",
                    s._cli("changes", "--as-of", str(as_of)),
                )
            )
            company = [f for f in changed.findings if not f.slice]
            moved = (
                company[0].kpi
                if company
                else (changed.findings[0].kpi if changed.findings else None)
            )
            if moved:
                why = explain_change(ws, moved, window, compared, as_of)
                review.sections.append(why_section(why.document()))
        except UserError as exc:
            review.warnings.append(f"what changed: {exc}")
    actions = playbook.actions(ws, found, limit=5)
    review.sections.append(_findings("What to do", actions, "Nothing calls for action.", ""))


def _findings(title: str, findings: list[Any], empty: str, command: str) -> Section:
    section = Section(title, "" if findings else empty, command=command)
    section.findings = [f.as_dict() for f in findings]
    return section


def why_section(doc: dict[str, Any]) -> Section:
    return Section(
        f"Why {doc['kpi']} moved ({doc['change']:+,.4g}), by {doc['dimension']}",
        "Each slice's contribution; for ratios, rate (the slice itself) and mix (its weight). "
        "They add up exactly to the change.",
        [Column("slice", doc["dimension"].capitalize()), Column("before", "Before", "number"),
         Column("after", "After", "number"), Column("contribution", "Contribution", "signed"),
         Column("rate", "Rate", "signed"), Column("mix", "Mix", "signed")],
        [dict(p) for p in doc["parts"]],
        command=s._cli("why", doc["kpi"], "--by", doc["dimension"]),
    )  # fmt: skip
