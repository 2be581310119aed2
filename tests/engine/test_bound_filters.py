"""Filter values are bound at run time: one compiled plan serves every value of a filter, and
the values reach the database exactly as written (quotes, backslashes, look-alikes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from salesmetrics.workspace import Workspace
from tests.engine.data import add, deal, values

QUARTER = {"grain": "quarter", "start": "2024-01-01", "end": "2024-03-31"}
# team names a real CRM holds: an apostrophe, a Windows-style path, SQL-looking text,
# and a name that looks like our own placeholder
TEAMS = {
    "r1": "O'Brien's team",
    "r2": "EMEA\\North",
    "r3": "x') OR ('1'='1",
    "r4": "@sm_filter@team@",
}
AMOUNTS = {"r1": 100.0, "r2": 20.0, "r3": 3.0, "r4": 4000.0}


def company(ws: Workspace) -> None:
    add(ws, "reps", *({"rep_id": r, "name": r, "team": t} for r, t in TEAMS.items()))
    add(
        ws,
        "opportunities",
        *(deal(f"w{r}", "won", "2024-02-10", AMOUNTS[r], owner_rep_id=r) for r in TEAMS),
        deal("nobody", "won", "2024-03-01", 50_000.0),  # no rep: the null slice
        *(deal(f"open{r}", "open", "2024-09-01", AMOUNTS[r], owner_rep_id=r,
               stage="Negotiation/Review") for r in TEAMS),
    )  # fmt: skip


def revenue(ws: Workspace, teams: list[str | None]) -> list[float | None]:
    return values(ws.kpi("revenue", where={"team": teams}, **QUARTER))


@pytest.mark.parametrize("rep", list(TEAMS))
def test_each_team_name_is_matched_as_written(engine_workspace: Workspace, rep: str) -> None:
    company(engine_workspace)
    assert revenue(engine_workspace, [TEAMS[rep]]) == [AMOUNTS[rep]]


def test_several_values_and_the_null_slice(engine_workspace: Workspace) -> None:
    ws = engine_workspace
    company(ws)
    assert revenue(ws, [TEAMS["r1"], TEAMS["r2"]]) == [120.0]
    assert revenue(ws, [TEAMS["r3"], None]) == [50_003.0]
    assert revenue(ws, [None]) == [50_000.0]
    # a stock KPI, sliced as well as filtered
    frame = ws.kpi(
        "pipeline_value",
        where={"team": [TEAMS["r4"], TEAMS["r1"]]},
        by=["team"],
        grain="quarter",
        start="2024-01-01",
        end="2024-03-31",
        as_of="2024-03-31",
    )
    got = {row.team: float(row.value) for row in frame.itertuples()}
    assert got == {TEAMS["r1"]: 100.0, TEAMS["r4"]: 4000.0}


def test_scope_and_where_must_both_hold(engine_workspace: Workspace) -> None:
    ws = engine_workspace
    company(ws)
    scope = {"team": (TEAMS["r1"], TEAMS["r2"])}
    both = ws.kpi("revenue", where={"team": [TEAMS["r2"], TEAMS["r3"]]}, scope=scope, **QUARTER)
    assert values(both) == [20.0]
    # a where outside the scope keeps nothing: zero revenue, not the whole company
    outside = ws.kpi("revenue", where={"team": [TEAMS["r3"]]}, scope=scope, **QUARTER)
    assert values(outside) in ([0.0], [None])


def test_a_new_filter_value_reuses_the_compiled_plan(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from salesmetrics.engine import cache, sql

    monkeypatch.setenv("SALESMETRICS_CACHE_DIR", str(tmp_path / "plans"))
    cache.clear()
    compiles: list[str] = []
    real = sql.compile_plan

    def counted(ctx, kpis):  # type: ignore[no-untyped-def]
        compiles.append(ctx.request.kpi.id)
        return real(ctx, kpis)

    monkeypatch.setattr(sql, "compile_plan", counted)
    company(workspace)
    got = [revenue(workspace, [TEAMS[r]]) for r in TEAMS]
    assert got == [[AMOUNTS[r]] for r in TEAMS]
    assert compiles == ["revenue"]  # four values, one compile
    # more values share the plan too; keeping the null slice is other SQL: one more compile
    assert revenue(workspace, [TEAMS["r1"], TEAMS["r3"]]) == [103.0]
    assert revenue(workspace, [TEAMS["r2"], TEAMS["r4"]]) == [4020.0]
    assert revenue(workspace, [TEAMS["r2"], None]) == [50_020.0]
    assert compiles == ["revenue", "revenue"]
    # the stage filter of the history path is bound the same way
    for stage in ["Negotiation/Review", "Negotiation/Review"]:
        frame = workspace.kpi(
            "open_opportunities",
            where={"stage": [stage]},
            as_of="2024-03-31",
            grain="quarter",
            start="2024-01-01",
            end="2024-03-31",
        )
        assert values(frame) == [4.0]
    assert compiles.count("open_opportunities") == 1
