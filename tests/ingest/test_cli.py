"""`salesmetrics import` end to end, through the real CLI in a subprocess."""

from __future__ import annotations

import copy
from pathlib import Path

from tests.conftest import run_cli
from tests.ingest.samples import VALID_ROWS, table_rows, write_csv


def opportunity_rows(count: int, missing_created_every: int = 0) -> list[dict[str, str]]:
    """``count`` valid opportunities; every n-th lacks created_at when asked."""
    rows = []
    for i in range(count):
        row = copy.deepcopy(VALID_ROWS["opportunities"][i % 3])
        row["opportunity_id"] = f"opp-{i}"
        if missing_created_every and i % missing_created_every == 0:
            row["created_at"] = ""
        rows.append(row)
    return rows


def test_hundreds_of_rows_without_created_at(ws_path: Path, tmp_path: Path) -> None:
    file = write_csv(tmp_path / "deals.csv", opportunity_rows(600, missing_created_every=2))
    strict = run_cli("import", "opportunities", file, "--workspace", ws_path)
    assert strict.returncode == 2, strict.stderr
    # One problem on 300 rows is shown once, with its count and its first lines.
    line = next(ln for ln in strict.stderr.splitlines() if "missing required value" in ln)
    assert "created_at" in line and "300" in line and "2, 4, 6, 8, 10, …" in line
    assert "300 problem(s) in deals.csv; nothing was imported" in strict.stderr
    assert table_rows(ws_path, "opportunities") == []

    lenient = run_cli("import", "opportunities", file, "--skip-invalid", "--workspace", ws_path)
    assert lenient.returncode == 0, lenient.stderr
    assert "Stored 300 rows, rejected 300" in lenient.stdout
    assert len(table_rows(ws_path, "opportunities")) == 300
    rejected = (tmp_path / "deals.rejected.csv").read_text().splitlines()
    assert rejected[0].startswith("line,problems,opportunity_id,created_at")
    assert rejected[1].startswith("2,created_at: missing required value,opp-0,")
    assert len(rejected) == 301


def test_invalid_calendar_date_names_line_and_column(ws_path: Path, tmp_path: Path) -> None:
    rows = copy.deepcopy(VALID_ROWS["opportunities"])
    rows[0]["close_date"] = "2017-02-30"
    result = run_cli("import", "opportunities", write_csv(tmp_path / "d.csv", rows), "-w", ws_path)
    assert result.returncode == 2
    table_line = next(ln for ln in result.stderr.splitlines() if "2017-02-30" in ln)
    assert "│ 2 " in table_line and "close_date" in table_line
    assert "not a real calendar date" in table_line
    assert result.stderr.strip().splitlines()[-1].startswith("error: 1 problem(s) in d.csv")


def test_upsert_twice_changes_nothing_and_replace_mode(ws_path: Path, tmp_path: Path) -> None:
    file = write_csv(tmp_path / "opps.csv", VALID_ROWS["opportunities"])
    first = run_cli("import", "opportunities", file, "-w", ws_path)
    assert "3 rows inserted, 0 replaced" in first.stdout, first.stderr
    stored = table_rows(ws_path, "opportunities")
    second = run_cli("import", "opportunities", file, "-w", ws_path)
    assert "0 rows inserted, 3 replaced" in second.stdout
    assert table_rows(ws_path, "opportunities") == stored

    one = write_csv(tmp_path / "one.csv", [{**VALID_ROWS["opportunities"][1], "amount": "5"}])
    replace = run_cli("import", "opportunities", one, "--mode", "replace", "-w", ws_path)
    assert replace.returncode == 0
    assert "Removed the 3 rows opportunities held" in replace.stdout
    assert [(r[0], r[4]) for r in table_rows(ws_path, "opportunities")] == [("o2", 5)]


def test_errors_file_holds_every_problem(ws_path: Path, tmp_path: Path) -> None:
    rows = opportunity_rows(50)
    for row in rows:
        row["amount"] = "lots"
    errors = tmp_path / "out" / "errors.csv"
    result = run_cli(
        "import", "opportunities", write_csv(tmp_path / "d.csv", rows),
        "--errors-file", errors, "-w", ws_path,
    )  # fmt: skip
    assert result.returncode == 2
    assert f"All problems are in {errors}" in result.stderr.replace("\n", "")
    lines = errors.read_text().splitlines()
    assert len(lines) == 51
    assert lines[1].startswith('d.csv,2,amount,lots,not an amount,"write amounts like 1234.50')


def test_notes_and_warnings_are_printed(ws_path: Path, tmp_path: Path) -> None:
    reps = write_csv(tmp_path / "reps.csv", VALID_ROWS["reps"])
    assert run_cli("import", "reps", reps, "-w", ws_path).returncode == 0
    rows = copy.deepcopy(VALID_ROWS["opportunities"])
    rows[1]["owner_rep_id"] = "r99"
    rows[2]["close_date"] = "2023-01-01"  # before created_at
    file = write_csv(tmp_path / "o.csv", [{**r, "Colour": "red"} for r in rows])
    result = run_cli("import", "opportunities", file, "-w", ws_path)
    assert result.returncode == 0, result.stderr
    assert "note: ignored columns not in opportunities: 'Colour'" in result.stdout
    assert "warning: owner_rep_id not found in reps: 1 row(s) (e.g. r99)" in result.stdout
    assert (
        "warning: account_id not found in accounts (no accounts imported yet): 2 row(s) "
        "(e.g. a1, a2)" in result.stdout
    )
    assert "warning: close_date before created_at: 1 row(s) (e.g. line 4)" in result.stdout
    assert len(table_rows(ws_path, "opportunities")) == 3


def test_user_errors_are_one_line_with_exit_status_2(ws_path: Path, tmp_path: Path) -> None:
    file = write_csv(tmp_path / "o.csv", VALID_ROWS["opportunities"])
    cases = {
        ("opportunity", str(file)): "Unknown table 'opportunity'. Did you mean 'opportunities'?",
        ("opportunities", str(tmp_path / "nope.csv")): "File not found:",
    }
    for args, message in cases.items():
        result = run_cli("import", *args, "-w", ws_path)
        assert result.returncode == 2
        assert message in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
