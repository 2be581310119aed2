"""The demo company's planted stories are found by the insights — without being named in the
code — among the top findings of the right period; the same company built without its stories
raises none of them. (The medium demo: the small one has too few deals per rep for a test to
tell a struggling rep from chance.)"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from salesmetrics.demo import STORY, build_demo
from salesmetrics.engine.periods import add_months
from salesmetrics.insights.report import insights
from salesmetrics.workspace import Workspace

START = dt.date(2023, 10, 1)  # the history: 2023-10-01 to 2026-09-30
END = dt.date(2026, 9, 30)
TOP = 10


@pytest.fixture(scope="module", params=[True, False], ids=["stories", "no-stories"])
def demo(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[
        tuple[bool, Workspace]]:  # fmt: skip
    path = tmp_path_factory.mktemp("stories") / "demo.duckdb"
    build_demo(path, scale="medium", seed=7, start=START, stories=request.param)
    with Workspace(path, read_only=True) as ws:
        yield request.param, ws


def top(ws: Workspace, period: str, vs: str = "previous") -> list[Any]:
    return insights(ws, period, END, vs, alerts=False).top(TOP)


def slices(findings: list[Any], kind: str, kpis: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    return [f.slice | f.numbers for f in findings
            if f.kind == kind and (not kpis or f.kpi in kpis)]  # fmt: skip


def test_the_last_quarter(demo: tuple[bool, Workspace]) -> None:
    """2026-Q3 against a year earlier: the dropping lead source; the star and the struggling
    rep; the optimistic reps' pipeline."""
    planted, ws = demo
    found = top(ws, "2026-Q3", "year")
    qualifying = ("lead_qualification_rate", "lead_to_opportunity_rate")
    source_drops = [
        s for s in slices(found, "change", qualifying)
        if s.get("source") == STORY.dropping_source and s["direction"] == "worse"
    ]  # fmt: skip
    reps = {(s["rep"], s["direction"]) for s in slices(found, "rep")}
    optimists = {s["rep"] for s in slices(found, "optimism")}
    if planted:
        assert source_drops, [f.title for f in found]
        assert (STORY.struggling_rep, "worse") in reps, [f.title for f in found]
        assert (STORY.star_rep, "better") in reps, [f.title for f in found]
        assert optimists == set(STORY.optimistic_reps), [f.title for f in found]
    else:
        assert not source_drops and not optimists, [f.title for f in found]
        assert (STORY.struggling_rep, "worse") not in reps
        assert (STORY.star_rep, "better") not in reps


def test_the_churn_spike_quarter(demo: tuple[bool, Workspace]) -> None:
    planted, ws = demo
    spike = add_months(START, 3 * STORY.churn_spike_quarter)  # the history starts a quarter
    quarter = f"{spike.year}-Q{(spike.month - 1) // 3 + 1}"
    found = top(ws, quarter)
    churn = [s for s in slices(found, "change", ("customer_churn_rate",))
             if s["direction"] == "worse"]  # fmt: skip
    assert bool(churn) == planted, (quarter, [f.title for f in found])


def test_the_slow_ramp(demo: tuple[bool, Workspace]) -> None:
    """The slow ramper's first win closes about 11 months after a hire 6 months in."""
    planted, ws = demo
    found = top(ws, "2025-Q1")
    ramps = {s["rep"] for s in slices(found, "ramp")}
    assert (STORY.slow_ramper_rep in ramps) == planted, [f.title for f in found]


def test_the_weekly_review_of_the_drop_names_the_source(demo: tuple[bool, Workspace]) -> None:
    """The review of the first whole week of the drop (held against the four weeks before)
    names the dropping source among what changed."""
    from salesmetrics.reviews.build import build_review

    planted, ws = demo
    since = add_months(END.replace(day=1), -3 * STORY.dropping_quarters + 1)
    monday = since + dt.timedelta(days=(7 - since.weekday()) % 7)
    review = build_review(ws, "weekly", monday.isoformat(), END)
    changed = next(s for s in review.sections if s.title == "What changed")
    named = [f for f in changed.findings if f["slice"].get("source") == STORY.dropping_source]
    assert bool(named) == planted, [f["title"] for f in changed.findings]
