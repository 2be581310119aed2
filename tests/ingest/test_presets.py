"""The Salesforce and HubSpot presets on sample exports in tests/ingest/data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from salesmetrics.ingest import ImportOptions, import_file
from salesmetrics.ingest.presets import PRESETS
from salesmetrics.schema import get_table
from salesmetrics.workspace import Workspace
from tests.conftest import run_cli
from tests.ingest.samples import table_rows, write_lines

DATA = Path(__file__).parent / "data"


@pytest.fixture
def ws(tmp_path: Path):
    with Workspace.create(tmp_path / "ws.duckdb") as workspace:
        yield workspace


def test_every_preset_maps_onto_real_columns() -> None:
    for preset in PRESETS.values():
        for name, mapping in preset.tables.items():
            table = get_table(name)
            for column in [*mapping.columns.values(), *mapping.derived, *mapping.values]:
                assert column in table.column_names, (preset.name, name, column)


def test_salesforce_opportunities(ws: Workspace) -> None:
    options = ImportOptions(preset="salesforce", date_format="%m/%d/%Y")
    result = import_file(ws, "opportunities", DATA / "salesforce_opportunities.csv", options)
    assert result.notes == [
        "ignored columns not in opportunities: 'Fiscal Period'",
        "ignored column 'Opportunity Owner' (owner_rep_id is read from 'Owner ID')",
        "stages: learnt 3 stage status(es) from the rows (Closed Won = won, "
        "Closed Lost = lost, Negotiation/Review = open)",
    ]
    stored = ws.con.execute(
        "SELECT opportunity_id, status, stage, amount, probability, close_date, created_at, "
        "source, type, account_id, owner_rep_id FROM opportunities ORDER BY opportunity_id"
    ).fetchall()
    assert stored == [
        ("0068d00000AbCdE", "won", "Closed Won", Decimal("12000"), 100.0, dt.date(2024, 3, 15),
         dt.datetime(2024, 1, 10), "Web", "new_business", "0018d00000XyZ01", "0058d00000Rep01"),
        ("0068d00000AbCdF", "lost", "Closed Lost", Decimal("8500.5"), 0.0, dt.date(2024, 3, 20),
         dt.datetime(2024, 2, 1), "Partner Referral", "renewal", "0018d00000XyZ02",
         "0058d00000Rep02"),
        ("0068d00000AbCdG", "open", "Negotiation/Review", Decimal("4000"), 70.0,
         dt.date(2024, 6, 30), dt.datetime(2024, 3, 5), None, "expansion", "0018d00000XyZ03",
         "0058d00000Rep01"),
    ]  # fmt: skip


def test_salesforce_status_from_stage_alone(ws: Workspace, tmp_path: Path) -> None:
    lines = [
        "Opportunity ID,Stage,Created Date,Close Date",
        "a,Closed Won,2024-01-01,2024-02-01",
        "b,Closed Lost,2024-01-01,2024-02-01",
        "c,Prospecting,2024-01-01,",
    ]
    path = write_lines(tmp_path / "sf.csv", lines)
    import_file(ws, "opportunities", path, ImportOptions(preset="salesforce"))
    stored = ws.con.execute("SELECT status FROM opportunities ORDER BY opportunity_id")
    assert [r[0] for r in stored.fetchall()] == ["won", "lost", "open"]


def test_salesforce_accounts_and_leads(ws: Workspace) -> None:
    options = ImportOptions(preset="salesforce", date_format="%m/%d/%Y")
    import_file(ws, "accounts", DATA / "salesforce_accounts.csv", options)
    accounts = ws.con.execute(
        "SELECT account_id, name, industry, country, region, employees, annual_revenue, "
        "owner_rep_id, created_at FROM accounts ORDER BY account_id"
    ).fetchall()
    assert accounts[0] == (
        "0018d00000XyZ01", "Acme", "Retail", "Germany", "Bavaria", 120, Decimal("5000000"),
        "Ann Lee", dt.datetime(2023, 1, 10),
    )  # fmt: skip
    assert accounts[1][6] is None
    import_file(ws, "leads", DATA / "salesforce_leads.csv", options)
    leads = ws.con.execute(
        "SELECT lead_id, created_at, source, owner_rep_id, account_id FROM leads ORDER BY 1"
    ).fetchall()
    assert leads == [
        ("00Q8d00000Lead01", dt.datetime(2024, 1, 5), "Web", "Ann Lee", "0018d00000XyZ01"),
        ("00Q8d00000Lead02", dt.datetime(2024, 1, 6), "Trade Show", "Bo Chan", None),
    ]


def test_hubspot_deals_through_the_cli(tmp_path: Path, ws_path: Path) -> None:
    result = run_cli(
        "import", "opportunities", DATA / "hubspot_deals.csv", "--preset", "hubspot",
        "-w", ws_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "3 rows inserted" in result.stdout
    assert "'Deal Name', 'Pipeline'" in result.stdout
    rows = table_rows(ws_path, "opportunities")
    stored = [(r[0], r[1], r[2], r[3], r[4], r[6], r[7], r[9], r[12]) for r in rows]
    assert stored == [
        ("9001", dt.datetime(2024, 1, 10, 9), "won", dt.date(2024, 3, 15), Decimal("12000"),
         "closedwon", 100.0, "5001", "new_business"),
        ("9002", dt.datetime(2024, 2, 1, 14, 30), "lost", dt.date(2024, 3, 20),
         Decimal("8500.5"), "Closed Lost", 0.0, "5002", "expansion"),
        ("9003", dt.datetime(2024, 3, 5, 8), "open", dt.date(2024, 6, 30), Decimal("4000"),
         "contractsent", 90.0, "5003", None),
    ]  # fmt: skip


def test_hubspot_deals_without_the_preset_lack_required_columns(
    ws: Workspace,
) -> None:
    from salesmetrics.ingest import ImportFailed

    with pytest.raises(ImportFailed) as failed:
        import_file(ws, "opportunities", DATA / "hubspot_deals.csv")
    assert "required column(s) opportunity_id, created_at, status" in str(failed.value)


def test_hubspot_companies_and_contacts(ws: Workspace) -> None:
    options = ImportOptions(preset="hubspot")
    import_file(ws, "accounts", DATA / "hubspot_companies.csv", options)
    assert ws.con.execute(
        "SELECT account_id, name, industry, country, employees, owner_rep_id, created_at "
        "FROM accounts ORDER BY 1"
    ).fetchall() == [
        ("5001", "Acme", "RETAIL", "Germany", 120, "Ann Lee", dt.datetime(2023, 1, 10, 9)),
        ("5002", "Globex", "COMPUTER_SOFTWARE", "United States", 5400, "Bo Chan",
         dt.datetime(2023, 2, 11, 10, 30)),
    ]  # fmt: skip
    import_file(ws, "leads", DATA / "hubspot_contacts.csv", options)
    assert ws.con.execute(
        "SELECT lead_id, created_at, source, owner_rep_id, account_id, mql_at, sql_at "
        "FROM leads ORDER BY 1"
    ).fetchall() == [
        ("7001", dt.datetime(2024, 1, 5, 8), "Organic Search", "Ann Lee", "5001",
         dt.datetime(2024, 1, 6, 9), dt.datetime(2024, 1, 8, 10)),
        ("7002", dt.datetime(2024, 1, 6, 12), "Direct Traffic", None, None, None, None),
    ]  # fmt: skip


def test_salesforce_opportunity_history_drives_the_pipeline_of_a_past_day(ws: Workspace) -> None:
    # a Data Loader extract of OpportunityHistory: upper-case API names, ISO times with Z, the
    # history row's own ID (never the opportunity's) and fields the schema does not hold
    options = ImportOptions(preset="salesforce", date_format="%m/%d/%Y")
    import_file(ws, "opportunities", DATA / "salesforce_opportunities.csv", options)
    history = DATA / "salesforce_opportunity_history.csv"
    result = import_file(ws, "opportunity_history", history, ImportOptions(preset="salesforce"))
    assert result.notes[0].startswith("ignored columns not in opportunity_history: 'ID',")
    stored = ws.con.execute(
        "SELECT opportunity_id, changed_at, stage, status, amount, probability, close_date "
        "FROM opportunity_history ORDER BY opportunity_id, changed_at"
    ).fetchall()
    assert stored[2] == ("0068d00000AbCdE", dt.datetime(2024, 3, 15, 17, 45, 12), "Closed Won",
                         "won", Decimal("12000"), 100.0, dt.date(2024, 3, 15))  # fmt: skip
    assert [r[3] for r in stored] == ["open", "open", "won", "open", "open"]  # from the stages
    # Feb 29: AbCdE was in Negotiation/Review at 90 % (its current row says won, 100 %)
    feb = ws.kpi("weighted_pipeline", grain="month", start="2024-02-01", end="2024-02-29")
    assert feb["value"].tolist() == [12000 * 0.9]
    # Apr 30: AbCdG was in Qualification at 10 % (its current row: Negotiation/Review, 70 %)
    apr = ws.kpi("weighted_pipeline", grain="month", start="2024-04-01", end="2024-04-30")
    assert apr["value"].tolist() == [4000 * 0.1]
