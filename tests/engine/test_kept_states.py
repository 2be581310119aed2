"""The deal states a DuckDB workspace keeps (engine.state_table): every pipeline KPI, the
waterfall, the funnel and the forecast read from them give the numbers of the window they
replace; imports keep them current; and a change they do not reflect — made by another
program, or by another release of salesmetrics — is answered from the window, never from them.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from salesmetrics.catalog import all_kpis
from salesmetrics.demo import build_demo
from salesmetrics.engine import explain, state_table
from salesmetrics.engine import kept as kept_tables
from salesmetrics.engine.forecast import forecast, parse_period
from salesmetrics.engine.funnel import stage_funnel
from salesmetrics.engine.pipeline_waterfall import pipeline_waterfall
from salesmetrics.engine.plan import reads_history
from salesmetrics.ingest.importer import import_file
from salesmetrics.workspace import Workspace
from tests.reference.fixture import load_workspace
from tests.reference.pandas_history import FIXTURE_DIR
from tests.test_kpi_reference import assert_frames_match

HISTORY_KPIS = [k.id for k in all_kpis() if reads_history([k])]
REQUESTS: list[dict[str, Any]] = [
    {"grain": "month", "start": "2025-06-01", "end": "2026-05-31", "as_of": "2026-05-31"},
    {"grain": "quarter", "start": "2024-04-01", "end": "2025-12-31", "by": ["stage"]},
    {
        "grain": "total",
        "start": "2025-03-15",
        "end": "2025-09-20",
        "by": ["team"],
        "as_of": "2025-10-01",
    },
    {"grain": "week", "start": "2025-11-03", "end": "2025-12-28", "where": {"segment": "smb"}},
    {"grain": "month", "start": "2022-01-01", "end": "2022-03-31"},  # before the company
]


def _usable(ws: Workspace) -> bool:
    with ws.backend.session() as session:
        return state_table.usable(ws, session)


def _window_copy(path: Path, name: str) -> Path:
    """A copy of the workspace at ``path`` that keeps no states (every answer from the
    window)."""
    copy = path.with_name(name)
    shutil.copyfile(path, copy)
    con = duckdb.connect(str(copy))
    con.execute(f'DROP TABLE IF EXISTS "{state_table.TABLE}"')
    con.close()
    return copy


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kept") / "demo.duckdb"
    build_demo(path, "small", seed=7, start=dt.date(2024, 1, 1))
    return path


@pytest.fixture(scope="module")
def pair(demo: Path) -> Iterator[tuple[Workspace, Workspace]]:
    """The demo (its states kept at the build) and a copy answering from the window."""
    with (
        Workspace(demo, read_only=True) as kept,
        Workspace(_window_copy(demo, "window.duckdb"), read_only=True) as window,
    ):
        yield kept, window


def test_the_demo_build_keeps_current_states(pair: tuple[Workspace, Workspace]) -> None:
    kept, window = pair
    assert _usable(kept)
    assert not _usable(window)
    assert state_table.TABLE in explain(kept, "pipeline_value").sql[0]
    assert state_table.TABLE not in explain(window, "pipeline_value").sql[0]


@pytest.mark.parametrize("request_", REQUESTS, ids=lambda r: f"{r['grain']}-{r['start']}")
@pytest.mark.parametrize("kpi", HISTORY_KPIS)
def test_kept_states_give_the_numbers_of_the_window(
    pair: tuple[Workspace, Workspace], kpi: str, request_: dict[str, Any]
) -> None:
    kept, window = pair
    got, want = kept.kpi(kpi, **request_), window.kpi(kpi, **request_)
    assert_frames_match(got, want, f"{kpi} {request_}")
    assert got.attrs.get("warnings") == want.attrs.get("warnings")


def _same_rows(got: list[dict[str, Any]], want: list[dict[str, Any]]) -> None:
    assert len(got) == len(want)
    for g, w in zip(got, want, strict=True):
        assert g.keys() == w.keys()
        for key, value in w.items():
            if isinstance(value, float):
                assert g[key] == pytest.approx(value, rel=1e-9, abs=1e-6), (key, g, w)
            else:
                assert g[key] == value, (key, g, w)


def test_waterfall_funnel_and_forecast_match_the_window(
    pair: tuple[Workspace, Workspace],
) -> None:
    kept, window = pair
    span = {"grain": "month", "start": "2025-01-01", "end": "2025-12-31", "by": ["team"]}
    _same_rows(pipeline_waterfall(kept, **span).rows, pipeline_waterfall(window, **span).rows)
    funnel = {"start": "2025-01-01", "end": "2025-06-30", "as_of": "2025-12-31"}
    _same_rows(stage_funnel(kept, **funnel).rows, stage_funnel(window, **funnel).rows)
    quarter = parse_period("2025-Q3", dt.date(2025, 7, 15), 1)
    got = forecast(kept, quarter, dt.date(2025, 7, 15), ["segment"])
    want = forecast(window, quarter, dt.date(2025, 7, 15), ["segment"])
    _same_rows(got.rows, want.rows)


def test_a_change_by_another_program_is_answered_from_the_window(
    demo: Path, tmp_path: Path
) -> None:
    path = tmp_path / "changed.duckdb"
    shutil.copyfile(demo, path)
    con = duckdb.connect(str(path))  # another program edits the history in place
    con.execute(
        "UPDATE opportunity_history SET stage = 'Negotiation' WHERE opportunity_id IN "
        "(SELECT opportunity_id FROM opportunity_history ORDER BY opportunity_id LIMIT 40)"
    )
    con.execute("DELETE FROM opportunity_history WHERE changed_at < DATE '2024-06-01'")
    con.close()
    window = _window_copy(path, "changed_window.duckdb")
    request = {"grain": "month", "start": "2024-03-01", "end": "2025-02-28", "by": ["stage"]}
    with Workspace(path) as ws, Workspace(window, read_only=True) as reference:
        assert not _usable(ws), "states kept before the change must not be read"
        for kpi in ("pipeline_value", "stage_conversion", "time_in_stage_days"):
            assert_frames_match(ws.kpi(kpi, **request), reference.kpi(kpi, **request), kpi)
        assert kept_tables.refresh(ws)
        assert _usable(ws)
        for kpi in ("pipeline_value", "stage_conversion", "time_in_stage_days"):
            assert_frames_match(ws.kpi(kpi, **request), reference.kpi(kpi, **request), kpi)
        assert not kept_tables.refresh(ws), "current states are not rebuilt"


def test_states_kept_by_another_release_are_not_read(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "release.duckdb"
    shutil.copyfile(demo, path)
    monkeypatch.setattr(kept_tables, "code", lambda table: "another-release")
    with Workspace(path) as ws:
        assert not _usable(ws)
        assert kept_tables.refresh(ws)
        assert _usable(ws)


def test_imports_keep_the_states_current(tmp_path: Path) -> None:
    """Deals imported, then more history appended: the states follow each import, and a deal
    whose history starts before its creation (as exports have it) is read as the window reads
    it on every day."""
    path = load_workspace(tmp_path / "imported.duckdb", 1, FIXTURE_DIR,
                          ("reps", "accounts", "fx_rates", "opportunities"))  # fmt: skip
    with Workspace(path) as ws:
        assert not _usable(ws)  # loaded by SQL: nothing kept yet
        import_file(ws, "opportunity_history", FIXTURE_DIR / "opportunity_history.csv")
        assert _usable(ws)
        early = tmp_path / "early.csv"
        early.write_text(
            "opportunity_id,changed_at,stage,status,amount,probability,close_date\n"
            "h17,2024-09-01 10:00:00,Discovery,open,5000,,2025-07-31\n"
            "h16,2025-06-20 09:00:00,Demo,open,,,\n"
        )
        import_file(ws, "opportunity_history", early)
        assert _usable(ws)
    window = _window_copy(path, "imported_window.duckdb")
    with Workspace(path, read_only=True) as ws, Workspace(window, read_only=True) as reference:
        for request in (
            {"grain": "month", "start": "2024-08-01", "end": "2025-06-30", "by": ["stage"]},
            {"grain": "total", "start": "2024-09-01", "end": "2024-09-30", "as_of": "2024-09-30"},
        ):
            for kpi in HISTORY_KPIS:
                got, want = ws.kpi(kpi, **request), reference.kpi(kpi, **request)
                assert_frames_match(got, want, f"{kpi} {request}")
            assert state_table.TABLE in explain(ws, "open_opportunities", **request).sql[0]


def test_init_brings_a_workspace_without_kept_states_up_to_date(demo: Path) -> None:
    from tests.conftest import run_cli_here

    path = _window_copy(demo, "older.duckdb")  # as a workspace of an earlier release
    with Workspace(path, read_only=True) as ws:
        assert not _usable(ws)
    done = run_cli_here("init", "--workspace", path)
    assert done.returncode == 0, done.stderr
    assert "kept tables rebuilt" in done.stdout
    with Workspace(path, read_only=True) as ws:
        assert _usable(ws)
    again = run_cli_here("init", "--workspace", path)
    assert "kept tables rebuilt" not in again.stdout


def test_an_import_whose_states_cannot_be_rebuilt_still_stores_its_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = load_workspace(tmp_path / "failing.duckdb", 1, FIXTURE_DIR,
                          ("reps", "accounts", "fx_rates", "opportunities"))  # fmt: skip

    def out_of_memory(workspace: Workspace) -> bool:
        raise duckdb.OutOfMemoryException("Out of Memory Error: could not allocate block")

    monkeypatch.setattr(kept_tables, "refresh", out_of_memory)
    with Workspace(path) as ws:
        result = import_file(ws, "opportunity_history", FIXTURE_DIR / "opportunity_history.csv")
        assert result.stored == 64
        assert any("deal states" in note and "not rebuilt" in note for note in result.notes)
        assert ws.row_count("opportunity_history") == 64
        assert not _usable(ws)
        pipeline = ws.kpi("open_opportunities", grain="month", start="2025-01-01",
                          end="2025-01-31", as_of="2025-06-30")  # fmt: skip
        assert pipeline["value"].tolist() == [10.0]  # the history's answer (tests/fixtures)


def test_a_reps_view_of_kept_states_is_their_view_of_the_window(
    pair: tuple[Workspace, Workspace],
) -> None:
    from salesmetrics.access.reach import Viewer
    from salesmetrics.access.roles import Role

    kept, window = pair
    reps = kept.backend.rows("SELECT rep_id, name FROM reps ORDER BY rep_id LIMIT 2")
    viewer = Viewer("a manager", Role.manager, reps=frozenset(r for r, _ in reps))
    request = {"grain": "quarter", "start": "2025-01-01", "end": "2025-12-31", "by": ["rep"]}
    reached = {r for r, _ in reps} | {name for _, name in reps}
    seen = 0
    for kpi in HISTORY_KPIS:
        got = kept.viewing(viewer).kpi(kpi, **request)
        want = window.viewing(viewer).kpi(kpi, **request)
        assert_frames_match(got, want, f"{kpi} as {viewer.name}")
        assert set(got["rep"].dropna()) <= reached
        seen += int(got["value"].notna().sum())
    assert seen > 0, "the reps reached have pipeline numbers"
