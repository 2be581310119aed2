"""Every cadence's review has its sections, and their numbers are the command line's: the
KPI tables equal `salesmetrics kpi`, the pipeline moves `pipeline-waterfall`, the scorecard
`scorecard`, the funnel `funnel`, the MRR waterfall `mrr-waterfall`; `review --format json`
is the library's review; HTML and Markdown carry the same numbers; a rep's review holds only
that rep's numbers."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from salesmetrics.reviews.build import build_review
from salesmetrics.reviews.render import to_html, to_markdown
from salesmetrics.workspace import Workspace
from tests.conftest import run_cli
from tests.reviews.conftest import AS_OF

#: one xdist worker runs the review tests: the demo company is built once
pytestmark = pytest.mark.xdist_group("reviews")

SECTIONS = {
    "daily": ["The day at a glance", "Activities by type", "Activities by rep",
              "New leads and their first response", "Pipeline moves", "Deals won and lost",
              "Overdue tasks by rep", "Alerts", "What to do"],
    "weekly": ["The week at a glance", "Pipeline moves", "Pipeline coverage of", "Forecast of",
               "Alerts", "What changed", "What to do"],
    "monthly": ["Scorecard", "Leaderboard", "Stage funnel", "MRR waterfall", "Alerts",
                "What changed", "What to do"],
    "quarterly": ["Unit economics", "Win rate and sales cycle by segment",
                  "Win rate and sales cycle by source", "Revenue retention by signup cohort",
                  "The year on year view", "Alerts", "What changed", "What to do"],
}  # fmt: skip
PERIODS = {"daily": "2026-09-15", "weekly": "2026-W37", "monthly": "2026-08",
           "quarterly": "2026-Q2"}  # fmt: skip


def same(a: Any, b: Any) -> bool:
    """Equal, floats to 1e-9 relative (sums in another process may add in another order)."""
    if isinstance(a, float) and isinstance(b, float):
        return a == pytest.approx(b, rel=1e-9, nan_ok=True)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def cli_json(demo: Path, *args: str) -> Any:
    done = run_cli(*args, "--format", "json", "-w", demo)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def section(review: dict[str, Any], title: str) -> dict[str, Any]:
    return next(s for s in review["sections"] if s["title"].startswith(title))


@pytest.fixture(scope="module")
def reviews(demo: Path) -> dict[str, dict[str, Any]]:
    """Each cadence's review as `salesmetrics review --format json` prints it."""
    return {c: cli_json(demo, "review", "--cadence", c, "--period", PERIODS[c], "--as-of", AS_OF)
            for c in SECTIONS}  # fmt: skip


@pytest.mark.parametrize("cadence", list(SECTIONS))
def test_sections_and_the_library_agree(demo: Path, reviews: dict[str, dict[str, Any]],
                                        cadence: str) -> None:  # fmt: skip
    printed = reviews[cadence]
    titles = [s["title"] for s in printed["sections"]]
    for wanted in SECTIONS[cadence]:
        assert any(t.startswith(wanted) for t in titles), (wanted, titles)
    with Workspace(demo, read_only=True) as ws:
        review = build_review(ws, cadence, PERIODS[cadence], dt.date.fromisoformat(AS_OF))
    assert same(json.loads(json.dumps(review.document(), default=str)), printed)
    html, md = to_html(review), to_markdown(review)
    assert html.startswith("<!doctype html>") and "<script" not in html
    assert html.count("data:image/png;base64,") >= 1  # charts inside the file
    for s in review.sections:
        assert s.title in html and s.title in md


def _kpi(demo: Path, kpi: str, first: str, last: str) -> float | None:
    doc = cli_json(demo, "kpi", kpi, "--grain", "total", "--from", first, "--to", last,
                   "--as-of", AS_OF)  # fmt: skip
    value: float | None = doc["rows"][0]["value"]
    return value


def test_daily_numbers_are_the_clis(demo: Path, reviews: dict[str, dict[str, Any]]) -> None:
    glance = section(reviews["daily"], "The day at a glance")
    for row in glance["rows"]:
        assert row["value"] == pytest.approx(_kpi(demo, row["kpi"], "2026-09-15", "2026-09-15"),
                                             nan_ok=True), row  # fmt: skip
        assert row["previous"] == pytest.approx(
            _kpi(demo, row["kpi"], "2026-09-08", "2026-09-08"), nan_ok=True
        ), row
    by_type = section(reviews["daily"], "Activities by type")["rows"]
    doc = cli_json(demo, "kpi", "activities", "--grain", "total", "--by", "activity_type",
                   "--from", "2026-09-15", "--to", "2026-09-15", "--as-of", AS_OF)  # fmt: skip
    assert {r["activity_type"]: r["activities"] for r in by_type} == {
        r["activity_type"]: r["value"] for r in doc["rows"]
    }


def test_weekly_moves_are_the_pipeline_waterfall(
    demo: Path, reviews: dict[str, dict[str, Any]]
) -> None:
    moves = section(reviews["weekly"], "Pipeline moves")["rows"]
    doc = cli_json(demo, "pipeline-waterfall", "--from", "2026-09-07", "--to", "2026-09-13",
                   "--grain", "week")  # fmt: skip
    assert len(moves) == len(doc["rows"]) == 1
    for key, value in moves[0].items():
        assert (
            doc["rows"][0][key] == pytest.approx(value)
            if isinstance(value, float)
            else (str(doc["rows"][0][key])[:10] == str(value)[:10])
        )


def test_monthly_scorecard_funnel_and_mrr_are_the_clis(
    demo: Path, reviews: dict[str, dict[str, Any]]
) -> None:
    card = cli_json(demo, "scorecard", "--period", "2026-08")
    assert same(section(reviews["monthly"], "Scorecard")["rows"], card["rows"])
    funnel = cli_json(demo, "funnel", "--from", "2026-08-01", "--to", "2026-08-31",
                      "--as-of", AS_OF)  # fmt: skip
    assert same(section(reviews["monthly"], "Stage funnel")["rows"], funnel["rows"])
    mrr = cli_json(demo, "mrr-waterfall", "--from", "2026-08-01", "--to", "2026-08-31",
                   "--grain", "month")  # fmt: skip
    assert same(section(reviews["monthly"], "MRR waterfall")["rows"], mrr["rows"])


def test_quarterly_unit_economics_are_the_clis(
    demo: Path, reviews: dict[str, dict[str, Any]]
) -> None:
    for row in section(reviews["quarterly"], "Unit economics")["rows"]:
        assert row["value"] == pytest.approx(_kpi(demo, row["kpi"], "2026-04-01", "2026-06-30"),
                                             nan_ok=True), row  # fmt: skip
        assert row["previous"] == pytest.approx(
            _kpi(demo, row["kpi"], "2025-04-01", "2025-06-30"), nan_ok=True
        ), row


def test_a_reps_review_holds_only_their_numbers(demo: Path) -> None:
    mine = cli_json(demo, "review", "--cadence", "monthly", "--period", "2026-08", "--rep",
                    "R0002", "--as-of", AS_OF)  # fmt: skip
    assert mine["audience"].startswith("rep R0002")
    board = section(mine, "Leaderboard")["rows"]
    assert [r["rep"] for r in board] == ["R0002"]
    revenue = next(r for r in section(mine, "Scorecard")["rows"] if r["kpi"] == "revenue")
    doc = cli_json(demo, "kpi", "revenue", "--grain", "total", "--from", "2026-08-01", "--to",
                   "2026-08-31", "--where", "rep=R0002")  # fmt: skip
    assert revenue["value"] == pytest.approx(doc["rows"][0]["value"])
    as_manager = cli_json(demo, "review", "--cadence", "monthly", "--period", "2026-08", "--as",
                          "manager", "--as-of", AS_OF)  # fmt: skip
    reps = {r["rep"] for r in section(as_manager, "Leaderboard")["rows"]}
    with Workspace(demo, read_only=True) as ws:
        team = {r for (r,) in ws.backend.rows(
            "SELECT rep_id FROM reps WHERE team = 'Mid-Market North America'")}  # fmt: skip
    assert reps and reps <= team
