"""The MRR a DuckDB workspace keeps per account and month (engine.account_months): every KPI of
the MRR row set read from it gives the numbers computed from the subscriptions — whole months,
a month cut short, months past the kept horizon, accounts paying in several currencies, a
currency without a rate — with the same warnings; imports keep it current, and a change it
does not reflect is answered from the subscriptions.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from salesmetrics.catalog import all_kpis
from salesmetrics.engine import account_months, explain, kept
from salesmetrics.engine.plan import reads_mrr
from salesmetrics.ingest.importer import import_file
from salesmetrics.workspace import Workspace
from tests.reference import pandas_subscriptions as ref
from tests.reference.fixture import load_workspace
from tests.test_kpi_reference import assert_frames_match

MRR_KPIS = [k.id for k in all_kpis() if reads_mrr([k])]
#: subs_small plus accounts paying in two currencies at once (EUR beside USD; GBP, which has
#: no rate, beside USD; no currency beside USD), one of them only for part of a month
EXTRA_SUBSCRIPTIONS = (
    "s90,a02,2024-02-10,2024-09-20,100,USD,addon\n"
    "s91,a05,2024-03-01,,50,usd,addon\n"
    "s92,a11,2024-02-01,2024-04-15,70,USD,addon\n"
    "s93,a02,2024-05-03,2024-05-17,40,GBP,addon\n"
)
REQUESTS: list[dict[str, Any]] = [
    {"grain": "month", "start": "2023-10-01", "end": "2025-03-31"},  # whole months
    {"grain": "month", "start": "2024-01-01", "end": "2024-12-31", "by": ["team"]},
    {"grain": "month", "start": "2024-03-15", "end": "2024-10-20"},  # cut short at both ends
    {
        "grain": "month",
        "start": "2024-01-01",
        "end": "2024-06-30",
        "where": {"team": [None, "East"]},
    },
    {"grain": "month", "start": "2024-01-01", "end": "2024-06-30", "by": ["rep"]},
    {"grain": "month", "start": "2022-01-01", "end": "2022-03-31"},  # before the company
    {"grain": "quarter", "start": "2024-01-01", "end": "2024-12-31"},  # not kept: quarters
    {"grain": "month", "start": "2024-01-01", "end": "2024-06-30", "by": ["plan"]},  # not kept
]


def _usable(ws: Workspace) -> bool:
    with ws.backend.session() as session:
        return account_months.usable(ws, session)


def _dims_ok(kpi: str, request: dict[str, Any]) -> bool:
    dims = [*request.get("by", []), *request.get("where", {})]
    return all(d in ref.SUPPORTED_DIMS[kpi] for d in dims)


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, Workspace]]:
    """(the workspace keeping account months, a copy computing from the subscriptions)."""
    root = tmp_path_factory.mktemp("kept_months")
    directory = root / "subs"
    shutil.copytree(ref.FIXTURE_DIR, directory)
    with (directory / "subscriptions.csv").open("a") as out:
        out.write(EXTRA_SUBSCRIPTIONS)
    live = load_workspace(root / "live.duckdb", 1, directory, ref.TABLE_NAMES)
    path = root / "kept.duckdb"
    shutil.copyfile(live, path)
    with Workspace(path) as ws:
        assert kept.refresh(ws)
    with Workspace(path, read_only=True) as ws, Workspace(live, read_only=True) as reference:
        assert _usable(ws) and not _usable(reference)
        yield ws, reference


@pytest.mark.parametrize("request_", REQUESTS, ids=lambda r: f"{r['grain']}-{r['start']}")
def test_kept_months_give_the_numbers_of_the_subscriptions(
    pair: tuple[Workspace, Workspace], request_: dict[str, Any]
) -> None:
    ws, reference = pair
    for kpi in MRR_KPIS:
        if not _dims_ok(kpi, request_):
            continue
        got, want = ws.kpi(kpi, **request_), reference.kpi(kpi, **request_)
        assert_frames_match(got, want, f"{kpi} {request_}")
        assert got.attrs["warnings"] == want.attrs["warnings"], kpi
    reads = account_months.TABLE in explain(ws, "mrr_new", **request_).sql[0]
    applies = request_["grain"] == "month" and "plan" not in request_.get("by", [])
    assert reads == applies, request_


def test_several_currencies_and_a_missing_rate_are_kept_apart(
    pair: tuple[Workspace, Workspace],
) -> None:
    ws, _ = pair
    several = ws.backend.rows(
        f'SELECT DISTINCT "_account_id" FROM "{account_months.TABLE}" WHERE "_several" ORDER BY 1'
    )
    assert [row[0] for row in several] == ["a02", "a05", "a11"]
    mrr = ws.kpi("mrr", grain="month", start="2024-05-01", end="2024-05-31")
    assert any("GBP" in w for w in mrr.attrs["warnings"]), mrr.attrs["warnings"]


def test_months_past_the_horizon_come_from_the_subscriptions(
    pair: tuple[Workspace, Workspace],
) -> None:
    ws, reference = pair
    with ws.backend.session() as session:
        horizon = kept.facts(ws, session, account_months.ACCOUNT_MONTHS)[0]
    year = int(horizon[:4])
    request = {"grain": "month", "start": f"{year}-06-01", "end": f"{year + 1}-03-31"}
    for kpi in ("mrr", "active_customers", "mrr_churn", "net_revenue_retention"):
        got, want = ws.kpi(kpi, **request), reference.kpi(kpi, **request)
        assert_frames_match(got, want, kpi)
        assert got["value"].notna().all(), kpi  # open subscriptions still pay then


def test_a_change_by_another_program_is_answered_from_the_subscriptions(
    pair: tuple[Workspace, Workspace], tmp_path: Path
) -> None:
    path = tmp_path / "changed.duckdb"
    shutil.copyfile(pair[0].backend.path, path)
    con = duckdb.connect(str(path))
    con.execute("UPDATE subscriptions SET mrr = mrr * 2 WHERE account_id = 'a01'")
    con.execute("DELETE FROM subscriptions WHERE subscription_id = 's15'")
    con.close()
    request = {"grain": "month", "start": "2024-01-01", "end": "2024-12-31"}
    with Workspace(path) as ws:
        assert not _usable(ws)
        before = ws.kpi("mrr", **request)
        assert kept.refresh(ws)
        assert _usable(ws)
        assert_frames_match(ws.kpi("mrr", **request), before, "mrr")
        assert not kept.refresh(ws), "a current table is not rebuilt"


def test_imports_of_subscriptions_keep_the_months_current(tmp_path: Path) -> None:
    tables = tuple(t for t in ref.TABLE_NAMES if t != "subscriptions")
    path = load_workspace(tmp_path / "imported.duckdb", 1, ref.FIXTURE_DIR, tables)
    with Workspace(path) as ws:
        assert not _usable(ws)
        import_file(ws, "subscriptions", ref.FIXTURE_DIR / "subscriptions.csv")
        assert _usable(ws)
        more = tmp_path / "more.csv"
        more.write_text("subscription_id,account_id,start_date,end_date,mrr,currency,plan\n"
                        + EXTRA_SUBSCRIPTIONS)  # fmt: skip
        import_file(ws, "subscriptions", more)
        assert _usable(ws)
        request = {"grain": "month", "start": "2024-01-01", "end": "2024-12-31"}
        assert account_months.TABLE in explain(ws, "mrr", **request).sql[0]
        got = ws.kpi("mrr", **request)
    live = tmp_path / "imported_live.duckdb"
    shutil.copyfile(path, live)
    con = duckdb.connect(str(live))
    con.execute(f'DROP TABLE "{account_months.TABLE}"')
    con.close()
    with Workspace(live, read_only=True) as reference:
        assert_frames_match(got, reference.kpi("mrr", **request), "mrr")


def test_the_kpis_said_to_read_mrr_are_those_whose_measures_do() -> None:
    """``plan.reads_mrr`` (read from the catalog without Ibis, for the plan cache key) names
    exactly the KPIs with a measure of the MRR row set."""
    from salesmetrics.engine.plan import needed_measures
    from salesmetrics.engine.registry import MEASURES

    for kpi in all_kpis():
        rowsets = {MEASURES[m].rowset for m, _ in needed_measures(kpi) if m in MEASURES}
        assert reads_mrr([kpi]) == ("account_mrr" in rowsets), kpi.id


def test_a_managers_view_of_kept_months_is_their_view_of_the_subscriptions(
    pair: tuple[Workspace, Workspace],
) -> None:
    from salesmetrics.access.reach import Viewer
    from salesmetrics.access.roles import Role

    ws, reference = pair
    reps = ws.backend.rows("SELECT rep_id, name FROM reps ORDER BY rep_id LIMIT 2")
    viewer = Viewer("a manager", Role.manager, reps=frozenset(r for r, _ in reps))
    request = {"grain": "month", "start": "2024-01-01", "end": "2024-12-31", "by": ["rep"]}
    reached = {r for r, _ in reps} | {name for _, name in reps}
    seen = 0
    for kpi in MRR_KPIS:
        if not _dims_ok(kpi, request):
            continue
        got = ws.viewing(viewer).kpi(kpi, **request)
        want = reference.viewing(viewer).kpi(kpi, **request)
        assert_frames_match(got, want, f"{kpi} as {viewer.name}")
        assert set(got["rep"].dropna()) <= reached
        seen += int(got["value"].notna().sum())
    assert seen > 0, "the accounts of the reps reached have MRR"
