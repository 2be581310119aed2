"""Slices (by), filters (where), the engine scope, explain, and request errors."""

from __future__ import annotations

import pandas as pd
import pytest

from salesmetrics.errors import UnknownNameError, UserError
from salesmetrics.workspace import Workspace
from tests.engine.data import add, deal, lead, values

Q1 = {"grain": "month", "start": "2024-01-01", "end": "2024-03-31"}


@pytest.fixture
def sliced(workspace: Workspace) -> Workspace:
    add(
        workspace,
        "reps",
        {"rep_id": "r1", "team": "East", "region": "EU"},
        {"rep_id": "r2", "team": "", "region": "EU"},
        {"rep_id": "r3", "team": "West", "region": None},
    )
    add(
        workspace,
        "opportunities",
        deal("a", "won", "2024-01-10", 100, owner_rep_id="r1"),
        deal("b", "lost", "2024-02-10", 100, owner_rep_id="r1"),
        deal("c", "won", "2024-02-11", 200, owner_rep_id="r2"),
        deal("d", "won", "2024-03-12", 400, owner_rep_id=None),
        deal("e", "lost", "2024-03-13", 800, owner_rep_id="r3"),
    )
    return workspace


def test_slices_sorted_with_the_null_slice_last(sliced: Workspace) -> None:
    frame = sliced.kpi("won_deals", **Q1, by=["team"])
    # West has only a lost deal: no won deal, so no slice for won_deals.
    assert list(frame["team"]) == ["East"] * 3 + [None] * 3
    assert values(frame) == [1.0, 0.0, 0.0, 0.0, 1.0, 1.0]
    rate = sliced.kpi("win_rate", **Q1, by=["team"])
    assert list(dict.fromkeys(rate["team"])) == ["East", "West", None]


def test_two_dimensions(sliced: Workspace) -> None:
    frame = sliced.kpi(
        "revenue", grain="total", start="2024-01-01", end="2024-03-31", by=["region", "team"]
    )
    keys = list(zip(frame["region"], frame["team"], strict=True))
    assert keys == [("EU", "East"), ("EU", None), (None, None)]
    assert values(frame) == [100.0, 200.0, 400.0]


def test_where_keeps_values_and_the_null_slice(sliced: Workspace) -> None:
    east = sliced.kpi(
        "revenue", grain="total", start="2024-01-01", end="2024-03-31", where={"team": "East"}
    )
    empty = sliced.kpi(
        "revenue", grain="total", start="2024-01-01", end="2024-03-31", where={"team": None}
    )
    both = sliced.kpi(
        "revenue",
        grain="total",
        start="2024-01-01",
        end="2024-03-31",
        where={"team": ["East", None]},
    )
    assert (values(east), values(empty), values(both)) == ([100.0], [600.0], [700.0])


def test_scope_restricts_every_query_and_explain_records(sliced: Workspace) -> None:
    scoped = sliced.kpi("win_rate", **Q1, scope={"rep": ["r1"]})
    assert values(scoped, "denominator") == [1.0, 1.0, 0.0]
    crossing = sliced.kpi("revenue", **Q1, where={"rep": ["r1", "r2"]}, scope={"rep": ["r1"]})
    assert values(crossing) == [100.0, 0.0, 0.0]
    ex = sliced.explain("win_rate", **Q1, scope={"rep": ["r1"]})
    assert set(ex.records["opportunity_id"]) == {"a", "b"}
    with pytest.raises(UserError, match="cannot be sliced"):
        sliced.kpi("revenue_per_rep", **Q1, scope={"industry": ["x"]})


def test_explain_lists_formula_inputs_sql_and_records(sliced: Workspace) -> None:
    ex = sliced.explain("win_rate", **Q1, by=["team"], limit=2)
    assert "won / (won + lost)" in ex.formula
    assert any("sliced by team" in line for line in ex.inputs)
    assert "GROUP BY" in ex.sql[0] and '"opportunities"' in ex.sql[0]
    # the SQL that ran: periods and bounds written in, no placeholder left
    assert "sm_spine_" not in ex.sql[0] and "sm_buckets_" not in ex.sql[0]
    assert "'0001-" not in ex.sql[0]
    assert len(ex.records) == 2
    assert list(ex.records.columns[:3]) == ["period_start", "team", "opportunity_id"]
    assert isinstance(ex.result, pd.DataFrame) and len(ex.result) == 9


def test_unknown_kpi_and_dimension_suggest_names(workspace: Workspace) -> None:
    with pytest.raises(UnknownNameError, match="Did you mean 'win_rate'"):
        workspace.kpi("win_rat")
    with pytest.raises(UnknownNameError, match="Did you mean 'team'"):
        workspace.kpi("win_rate", by=["teem"])
    with pytest.raises(UserError, match="Supported dimensions: source, rep"):
        workspace.kpi("leads_created", by=["product"])
    with pytest.raises(UnknownNameError, match="grain"):
        workspace.kpi("revenue", grain="fortnight")
    with pytest.raises(UserError, match="is after --to"):
        workspace.kpi("revenue", start="2024-05-01", end="2024-04-01")
    with pytest.raises(UserError, match="date like"):
        workspace.kpi("revenue", start="May 1st")


def test_lead_without_source_forms_the_null_slice(workspace: Workspace) -> None:
    add(
        workspace,
        "leads",
        lead("a", "2024-01-02 00:00:00", source="web"),
        lead("b", "2024-01-03 00:00:00"),
        lead("c", "2024-01-04 00:00:00", source=""),
    )
    frame = workspace.kpi(
        "leads_created", grain="total", start="2024-01-01", end="2024-01-31", by=["source"]
    )
    assert list(frame["source"]) == ["web", None]
    assert values(frame) == [1.0, 2.0]
