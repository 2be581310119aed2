"""A number is right, or absent with a warning that says why: typos, missing inputs, links."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from salesmetrics.errors import UserError
from salesmetrics.workspace import Workspace
from tests.conftest import run_cli
from tests.engine.data import add, deal, lead, values

Q1 = {"grain": "total", "start": "2024-01-01", "end": "2024-03-31"}


@pytest.fixture
def sales(workspace: Workspace) -> Workspace:
    add(
        workspace,
        "reps",
        {"rep_id": "r1", "name": "Ann Archer", "email": "ann@x.com", "team": "Enterprise",
         "role": "ae", "hire_date": "2023-01-01"},
        {"rep_id": "r2", "name": "Bob Brand", "email": "bob@x.com", "team": "Enterprise",
         "role": "ae", "hire_date": "2023-01-01"},
        {"rep_id": "m1", "name": "Meg Manager", "email": "meg@x.com", "team": "Enterprise",
         "role": "manager", "hire_date": "2023-01-01"},
        {"rep_id": "r3", "name": "Cy Cole", "email": "cy@x.com", "team": "SMB", "role": "ae",
         "hire_date": "2023-01-01"},
    )  # fmt: skip
    add(
        workspace,
        "opportunities",
        deal("a", "won", "2024-01-10", 9000, owner_rep_id="r1", stage="Closed Won"),
        deal("b", "won", "2024-02-10", 3000, owner_rep_id="r3", stage="Closed Won"),
        deal("c", "lost", "2024-02-11", 500, owner_rep_id="r2", stage="Closed Lost"),
        deal("d", "open", "2024-06-30", 4000, owner_rep_id="r2", stage="Proposal"),
        deal("e", "won", "2024-05-02", 2000, owner_rep_id="r1", stage="Closed Won"),
        deal("f", "won", "2024-03-03", None, owner_rep_id="r9", stage="Closed Won"),
    )
    return workspace


def test_a_where_typo_is_an_error_listing_the_values(sales: Workspace) -> None:
    with pytest.raises(UserError) as typo:
        sales.kpi("revenue", **Q1, where={"team": "Enterprse"})
    message = str(typo.value)
    assert "--where team=Enterprse matches nothing" in message
    assert "Did you mean 'Enterprise'?" in message
    assert "Enterprise, SMB" in message and "salesmetrics values team" in message


def test_where_values_match_ignoring_case_and_reps_by_name(sales: Workspace) -> None:
    exact = sales.kpi("revenue", **Q1, where={"team": "Enterprise"})
    folded = sales.kpi("revenue", **Q1, where={"Team": "ENTERPRISE"})
    assert values(exact) == values(folded) == [9000.0]
    assert folded.attrs["where"] == {"team": ["Enterprise"]}
    by_name = sales.kpi("won_deals", **Q1, where={"rep": "ann archer"})
    by_email = sales.kpi("won_deals", **Q1, where={"rep": "Ann@X.com"})
    assert values(by_name) == values(by_email) == [1.0]


def test_values_lists_a_dimension(sales: Workspace, ws_path: Path) -> None:
    sales.close()
    out = run_cli("values", "Team", "-w", ws_path, "--format", "json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc == {
        "dimension": "team",
        "values": [{"value": "Enterprise", "reps": 3}, {"value": "SMB", "reps": 1}],
    }
    unknown = run_cli("values", "colour", "-w", ws_path)
    assert unknown.returncode == 2 and "Known dimensions" in unknown.stderr


def test_missing_inputs_give_null_and_say_what_to_load(sales: Workspace) -> None:
    stale = sales.kpi("stale_opportunities", grain="month", start="2024-04-01", end="2024-04-30")
    assert values(stale) == [None]
    assert any("activities linked to deals" in w for w in stale.attrs["warnings"])
    add(sales, "leads", lead("l1", "2024-01-05"), lead("l2", "2024-01-06"))
    conversion = sales.kpi("lead_conversion_rate", **Q1, as_of="2024-12-31")
    assert values(conversion) == [None]
    assert any("no opportunity carries a lead_id" in w for w in conversion.attrs["warnings"])
    mqls = sales.kpi("mqls", **Q1)
    assert values(mqls) == [None] and "mql_at" in mqls.attrs["warnings"][0]
    # once the input exists, the KPI is measured, zeros included
    add(sales, "activities", {"activity_id": "x", "rep_id": "r2", "type": "call",
                              "occurred_at": "2024-04-20", "opportunity_id": "d"})  # fmt: skip
    touched = sales.kpi("stale_opportunities", grain="month", start="2024-04-01", end="2024-04-30")
    # On Apr 30, d (touched Apr 20) is not stale; e (open until May 2) is.
    assert values(touched) == [1.0] and touched.attrs["warnings"] == []


def test_unlinked_owners_and_missing_amounts_are_counted(sales: Workspace) -> None:
    frame = sales.kpi("revenue", **Q1, by=["team"])
    rows = {r["team"]: r["value"] for r in frame.to_dict("records")}
    assert rows == {"Enterprise": 9000.0, "SMB": 3000.0, None: 0.0}
    warnings = " ".join(frame.attrs["warnings"])
    assert "1 row(s) of revenue name a rep that is not in reps" in warnings
    assert "1 deal row(s) without an amount add nothing to revenue" in warnings


def test_revenue_per_rep_does_not_count_managers(sales: Workspace) -> None:
    frame = sales.kpi("revenue_per_rep", **Q1, by=["team"])
    rows = {r["team"]: (r["numerator"], r["denominator"]) for r in frame.to_dict("records")}
    # Enterprise: r1 won 9000; reps r1 and r2 (m1 is the manager) -> 4500 per rep
    assert rows["Enterprise"] == (9000.0, 2.0)
    assert rows["SMB"] == (3000.0, 1.0)


def test_pipeline_by_stage_never_lists_a_closed_stage(sales: Workspace) -> None:
    frame = sales.kpi("pipeline_value", grain="month", start="2024-01-01", end="2024-01-31",
                      by=["stage"])  # fmt: skip
    rows = {r["stage"]: r["value"] for r in frame.to_dict("records")}
    # On Jan 31: d (Proposal, 4000) is open; b, c, e, f were open then, closed since.
    assert rows == {"Proposal": 4000.0, None: 5500.0}
    assert any("stage on that day is unknown" in w for w in frame.attrs["warnings"])


def test_an_empty_range_says_where_the_data_is(sales: Workspace) -> None:
    frame = sales.kpi("won_deals", grain="month", start="2025-01-01", end="2025-03-31")
    assert values(frame) == [0.0, 0.0, 0.0]
    assert frame.attrs["warnings"] == [
        "won_deals: no deals in 2025-01-01 to 2025-03-31; opportunities.close_date runs from "
        "2024-01-10 to 2024-06-30. Pass --from and --to inside that range."
    ]


def test_cli_titles_json_warnings_and_option_spelling(sales: Workspace, ws_path: Path) -> None:
    sales.close()
    table = run_cli("kpi", "revenue", "--grain", "QUARTER", "--from", "2024-01-01", "--to",
                    "2024-06-30", "--where", "team=enterprise", "-w", ws_path)  # fmt: skip
    assert table.returncode == 0, table.stderr
    assert (
        "Revenue (bookings) (revenue), by quarter, 2024-01-01 to 2024-06-30, team = Enterprise"
        in (" ".join(table.stdout.split()))
    )
    total = ("--grain", "total", "--from", "2024-01-01", "--to", "2024-03-31")
    doc = json.loads(run_cli("kpi", "revenue", "--format", "JSON", *total, "-w", ws_path).stdout)
    assert doc["rows"][0]["value"] == 12000.0
    assert any("without an amount" in w for w in doc["warnings"])
    backwards = run_cli("kpi", "revenue", "--from", "2024-05-01", "--to", "2024-01-01", "-w",
                        ws_path)  # fmt: skip
    assert backwards.returncode == 2
    assert "--from 2024-05-01 is after --to 2024-01-01" in backwards.stderr


def test_piped_output_is_not_cut_at_80_columns(sales: Workspace, ws_path: Path) -> None:
    sales.close()
    out = run_cli("kpis", "-w", ws_path, env={"COLUMNS": ""})  # no terminal, no width
    assert out.returncode == 0
    widest = max(len(line) for line in out.stdout.splitlines())
    assert widest > 120
    assert "Σ amount of opportunities won with close_date in the period" in out.stdout
