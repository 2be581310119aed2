"""Users, tokens, the audit log and the viewer's scope on every engine of the matrix (DuckDB,
a real PostgreSQL server, Spark local): the same records, and scoped KPI answers equal to the
DuckDB workspace's (which the leak matrix checks against pandas)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from salesmetrics.access import audit
from salesmetrics.access.reach import viewer_for
from salesmetrics.access.tokens import create_token, verify_token
from salesmetrics.access.users import add_user, authenticate, get_user, set_disabled
from salesmetrics.transfer import copy_workspace
from salesmetrics.workspace import Workspace
from tests.engines import engine_params
from tests.reference.fixture import load_workspace

PASSWORD = "correct horse battery"
REQUEST = {"grain": "quarter", "start": "2024-01-01", "end": "2024-12-31"}
KPIS = ("revenue", "win_rate", "pipeline_value", "lead_conversion_rate", "cac")


@pytest.fixture(scope="module")
def duck(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    path = load_workspace(tmp_path_factory.mktemp("access") / "duck.duckdb")
    with Workspace(path) as ws:
        add_user(ws, "mia", "manager", rep_id="m1", password=PASSWORD)
        add_user(ws, "ann", "rep", rep_id="r1", password=PASSWORD)
        yield ws


@pytest.fixture(scope="module", params=engine_params())
def engine(request: pytest.FixtureRequest, duck: Workspace, locations: Any) -> Iterator[Workspace]:
    if request.param == "duckdb":
        yield duck
        return
    with Workspace.create(locations.new(request.param, "access")) as target:
        copy_workspace(duck, target, [])  # users travel with the workspace
        yield target


def rows(frame: Any) -> list[tuple[Any, ...]]:
    return [
        tuple(None if v != v else round(v, 6) if isinstance(v, float) else v for v in r)
        for r in frame.itertuples(index=False)
    ]


def test_users_tokens_and_audit_live_in_the_workspace(engine: Workspace) -> None:
    assert authenticate(engine.backend, "mia", PASSWORD)[0] is not None
    eve = f"eve_{engine.backend.kind}"  # the DuckDB workspace is copied to the others
    add_user(engine, eve, "executive", password=PASSWORD)
    token = create_token(engine, "ann")
    found = verify_token(engine.backend, token)
    assert found is not None and found[0].name == "ann"
    set_disabled(engine, "ann", True)
    assert verify_token(engine.backend, token) is None
    assert get_user(engine.backend, "ann").disabled
    audit.record(engine.backend, eve, "sign_in", {"role": "executive"}, "10.0.0.1")
    assert audit.entries(engine.backend, action="sign_in")[0].actor == eve
    set_disabled(engine, "ann", False)


@pytest.mark.parametrize("user", ["mia", "ann"])
def test_scoped_answers_are_the_same_on_every_engine(engine: Workspace, duck: Workspace,
                                                     user: str) -> None:  # fmt: skip
    viewer = viewer_for(engine.backend, get_user(engine.backend, user))
    assert viewer == viewer_for(duck.backend, get_user(duck.backend, user))
    seen, expected = engine.viewing(viewer), duck.viewing(viewer)
    for by in ([], ["team"]):
        kpis = [k for k in KPIS if not by or k != "cac"]  # cac cannot be split by team
        got = seen.kpis(kpis, by=by, **REQUEST)
        want = expected.kpis(kpis, by=by, **REQUEST)
        for kpi in kpis:
            assert rows(got[kpi]) == rows(want[kpi]), (kpi, by)
            assert got[kpi].attrs["warnings"] == want[kpi].attrs["warnings"], (kpi, by)
    hidden = seen.kpi("cac", **REQUEST)
    assert hidden["value"].isna().all() and "not shown to" in hidden.attrs["warnings"][0]
    records = seen.explain("revenue", **{**REQUEST, "grain": "total"}).records
    owners = dict(engine.backend.rows("SELECT opportunity_id, owner_rep_id FROM opportunities"))
    assert len(records) and {owners[i] for i in records["opportunity_id"]} <= set(viewer.reps or ())
