"""Every validation rule: a bad file names line, column and reason, and stores nothing."""
# ruff: noqa: E501  (the table of cases reads best one case per line)

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from salesmetrics.ingest import ImportFailed, ImportOptions, import_file
from salesmetrics.workspace import Workspace
from tests.ingest.samples import VALID_ROWS, rows_of, write_csv

# (table, row index to change (line = index + 2), changes, expected column, expected reason)
CASES = [
    ("opportunities", 1, {"created_at": ""}, "created_at", "missing required value"),
    ("opportunities", 0, {"status": "maybe"}, "status", "unknown value; allowed: open, won, lost"),
    ("opportunities", 2, {"close_date": ""}, "close_date", "missing close_date for a lost opportunity"),
    ("opportunities", 0, {"amount": "-5"}, "amount", "negative amount"),
    ("opportunities", 0, {"amount": "12.34567"}, "amount", "more than 4 decimal places"),
    ("opportunities", 0, {"amount": "twelve"}, "amount", "not an amount"),
    ("opportunities", 1, {"probability": "101"}, "probability", "outside 0–100"),
    ("opportunities", 1, {"probability": "-1"}, "probability", "outside 0–100"),
    ("opportunities", 1, {"probability": "high"}, "probability", "not a number"),
    ("opportunities", 0, {"close_date": "2017-02-30"}, "close_date", "not a real calendar date or time"),
    ("opportunities", 0, {"close_date": "03/04/2024"}, "close_date", "ambiguous date: day/month order unknown"),
    ("opportunities", 0, {"created_at": "yesterday"}, "created_at", "not a timestamp"),
    ("opportunities", 2, {"contract_months": "0"}, "contract_months", "below the minimum 1"),
    ("opportunities", 2, {"contract_months": "1.5"}, "contract_months", "not a whole number"),
    ("opportunities", 1, {"type": "barter"}, "type", "unknown value; allowed: new_business, expansion, renewal"),
    ("opportunities", 2, {"opportunity_id": "o1"}, "opportunity_id", "duplicate key: same opportunity_id as line 2"),
    ("accounts", 0, {"employees": "-3"}, "employees", "negative employees"),
    ("activities", 1, {"opened": "maybe"}, "opened", "not a true/false value"),
    ("activities", 0, {"duration_minutes": "-1"}, "duration_minutes", "negative duration_minutes"),
    ("surveys", 0, {"score": "11"}, "score", "score outside 0–10 for nps"),
    ("surveys", 1, {"score": "0"}, "score", "score outside 1–5 for csat"),
    ("surveys", 1, {"type": "ces"}, "type", "unknown value; allowed: nps, csat"),
    ("fx_rates", 2, {"rate": "-1.2"}, "rate", "negative rate"),
    ("quotas", 2, {"rep_id": "r1", "period_start": "2024-04-01"}, "rep_id, period_start",
     "duplicate key: same rep_id, period_start as line 3"),
    ("spend", 2, {"category": "marketing", "channel": "linkedin"}, "date, category, channel, campaign",
     "duplicate key: same date, category, channel, campaign as line 3"),
]  # fmt: skip


@pytest.fixture
def loaded(tmp_path: Path):
    """A workspace already holding the valid sample rows of every table used here."""
    ws = Workspace.create(tmp_path / "ws.duckdb")
    for table in {case[0] for case in CASES}:
        import_file(ws, table, write_csv(tmp_path / f"{table}-ok.csv", VALID_ROWS[table]))
    yield ws
    ws.close()


@pytest.mark.parametrize(("table", "index", "changes", "column", "reason"), CASES)
def test_bad_value_is_reported_and_nothing_changes(
    loaded: Workspace,
    tmp_path: Path,
    table: str,
    index: int,
    changes: dict[str, str],
    column: str,
    reason: str,
) -> None:
    rows = copy.deepcopy(VALID_ROWS[table])
    rows[index].update(changes)
    before = rows_of(loaded.con, table)
    file = write_csv(tmp_path / "bad.csv", rows)
    with pytest.raises(ImportFailed) as failed:  # replace: any partial load would show
        import_file(loaded, table, file, ImportOptions(mode="replace"))
    found = [(i.line, i.column, i.reason) for i in failed.value.issues]
    assert found == [(index + 2, column, reason)]
    assert failed.value.issues[0].hint
    assert "nothing was imported" in str(failed.value)
    assert rows_of(loaded.con, table) == before


def test_missing_required_column_names_it(loaded: Workspace, tmp_path: Path) -> None:
    rows = [{k: v for k, v in row.items() if k != "created_at"} for row in VALID_ROWS["leads"]]
    before = rows_of(loaded.con, "leads")
    with pytest.raises(ImportFailed) as failed:
        import_file(loaded, "leads", write_csv(tmp_path / "bad.csv", rows))
    issue = failed.value.issues[0]
    assert (issue.line, issue.column, issue.reason) == (
        1,
        "created_at",
        "required column is missing",
    )
    assert "lacks the required column(s) created_at" in str(failed.value)
    with pytest.raises(ImportFailed):  # even --skip-invalid cannot load a file without it
        import_file(loaded, "leads", tmp_path / "bad.csv", ImportOptions(skip_invalid=True))
    assert rows_of(loaded.con, "leads") == before


def test_every_problem_is_reported_at_once(loaded: Workspace, tmp_path: Path) -> None:
    rows = copy.deepcopy(VALID_ROWS["opportunities"])
    rows[0].update(amount="-1", probability="500")
    rows[1].update(status="", created_at="2024-13-01")
    rows[2].update(type="gift")
    errors = tmp_path / "errors.csv"
    with pytest.raises(ImportFailed) as failed:
        import_file(
            loaded, "opportunities", write_csv(tmp_path / "bad.csv", rows),
            ImportOptions(errors_file=errors),
        )  # fmt: skip
    found = [(i.line, i.column) for i in failed.value.issues]
    assert found == [
        (2, "amount"), (2, "probability"), (3, "created_at"), (3, "status"), (4, "type")
    ]  # fmt: skip
    assert failed.value.issue_count == 5
    lines = errors.read_text().splitlines()
    assert lines[0] == "file,line,column,value,reason,hint"
    assert lines[1].startswith("bad.csv,2,amount,-1,negative amount,")
    assert len(lines) == 6
