"""Workspaces: creation, migration of older files, settings."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from salesmetrics.errors import UnknownNameError, UserError
from salesmetrics.migrations import META_TABLE, read_version
from salesmetrics.schema import SCHEMA_VERSION, TABLES
from salesmetrics.workspace import Workspace, resolve_path
from tests.conftest import run_cli


def columns(path: Path, table: str) -> list[str]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        rows = con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
            "ORDER BY ordinal_position",
            [table],
        ).fetchall()
    finally:
        con.close()
    return [r[0] for r in rows]


def test_init_creates_every_canonical_table(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    result = run_cli("init", "--workspace", path)
    assert result.returncode == 0, result.stderr
    for name, table in TABLES.items():
        assert columns(path, name) == table.column_names
    with Workspace(path, read_only=True) as ws:
        assert read_version(ws.backend) == SCHEMA_VERSION


def test_opening_an_older_workspace_migrates_it_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    # An older layout: no meta table, opportunities without `product`, no surveys table.
    con.execute(
        "CREATE TABLE opportunities (opportunity_id VARCHAR, created_at TIMESTAMP, "
        "status VARCHAR, close_date DATE, amount DECIMAL(18,4))"
    )
    con.execute("INSERT INTO opportunities VALUES ('o1', '2024-01-01', 'won', '2024-02-01', 10)")
    con.close()
    with Workspace(path) as ws:
        assert "created table surveys" in ws.migrations
        assert "added column opportunities.product" in ws.migrations
        assert ws.row_count("opportunities") == 1
    assert columns(path, "opportunities")[:5] == [
        "opportunity_id",
        "created_at",
        "status",
        "close_date",
        "amount",
    ]
    assert "product" in columns(path, "opportunities")
    with Workspace(path) as ws:
        assert ws.migrations == []


def test_a_newer_workspace_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    Workspace.create(path).close()
    con = duckdb.connect(str(path))
    con.execute(f"UPDATE {META_TABLE} SET value = '99' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(UserError, match="newer"):
        Workspace(path)


def test_missing_workspace_is_a_user_error(tmp_path: Path) -> None:
    result = run_cli("settings", "--workspace", tmp_path / "none.duckdb")
    assert result.returncode == 2
    assert "No workspace at" in result.stderr
    assert "salesmetrics init" in result.stderr


def test_settings_are_stored_and_checked(ws_path: Path) -> None:
    with Workspace(ws_path) as ws:
        assert ws.get_setting("fiscal_year_start_month") == 1
        ws.set_setting("fiscal_year_start_month", "2")
        ws.set_setting("base_currency", "eur")
        with pytest.raises(UserError):
            ws.set_setting("fiscal_year_start_month", 13)
        with pytest.raises(UserError, match="IANA time zone"):
            ws.set_setting("timezone", "Mars/Base")
        assert ws.set_setting("timezone", "Europe/Berlin") == "Europe/Berlin"
        with pytest.raises(UnknownNameError, match="Did you mean 'base_currency'"):
            ws.set_setting("base_curency", "USD")
    with Workspace(ws_path) as ws:
        assert ws.get_setting("fiscal_year_start_month") == 2
        assert ws.get_setting("base_currency") == "EUR"


def test_unknown_setting_on_the_cli_exits_2_with_a_suggestion(ws_path: Path) -> None:
    result = run_cli("settings", "fiscal_year_start_mnth=2", "--workspace", ws_path)
    assert result.returncode == 2
    assert "Did you mean 'fiscal_year_start_month'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_workspace_path_resolution(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SALESMETRICS_WORKSPACE", raising=False)
    assert resolve_path(None) == Path("salesmetrics.duckdb")
    monkeypatch.setenv("SALESMETRICS_WORKSPACE", str(tmp_path / "env.duckdb"))
    assert resolve_path(None) == tmp_path / "env.duckdb"
    assert resolve_path(tmp_path / "x.duckdb") == tmp_path / "x.duckdb"


def test_usage_error_exits_2() -> None:
    result = run_cli("init", "--no-such-option")
    assert result.returncode == 2


def test_reading_settings_and_counts_leaves_the_connection_free_for_ibis(ws_path: Path) -> None:
    with Workspace(ws_path) as ws:
        ws.con.execute("INSERT INTO reps (rep_id) VALUES ('r1'), ('r2')")
        assert ws.get_setting("base_currency") == "USD"
        assert ws.row_count("reps") == 2
        assert ws.con.execute("SELECT count(*) FROM reps").fetchall() == [(2,)]
