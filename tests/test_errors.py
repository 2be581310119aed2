"""The error contract: user errors exit 2 with one line, suggestions for unknown names."""

from __future__ import annotations

from pathlib import Path

from salesmetrics.errors import InternalError, UnknownNameError, UserError, did_you_mean
from tests.conftest import run_cli


def test_user_and_internal_errors_share_one_root_with_distinct_exit_codes() -> None:
    assert UserError("x").exit_code == 2
    assert InternalError("x").exit_code == 1
    assert isinstance(UnknownNameError("kpi", "x", ["y"]), UserError)


def test_did_you_mean_finds_close_names_and_ignores_case() -> None:
    assert did_you_mean("win_rte", ["win_rate", "revenue"]) == "win_rate"
    assert did_you_mean("REVENUE", ["win_rate", "revenue"]) == "revenue"
    assert did_you_mean("zzz", ["win_rate", "revenue"]) is None


def test_unknown_name_message_lists_the_known_names() -> None:
    err = UnknownNameError("dimension", "tem", ["team", "region"])
    assert str(err) == (
        "Unknown dimension 'tem'. Did you mean 'team'? Known dimensions: region, team."
    )


def test_a_file_that_is_not_a_workspace_is_a_user_error(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.duckdb"
    bogus.write_text("not a database")
    result = run_cli("settings", "--workspace", bogus)
    assert result.returncode == 2
    assert "is not a DuckDB database" in result.stderr and "left untouched" in result.stderr
    assert bogus.read_text() == "not a database"
