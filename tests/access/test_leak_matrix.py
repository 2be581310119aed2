"""The leak matrix (issue 14): for each fixture company, on DuckDB and on a real PostgreSQL
server, six users (admin, executive, two managers, two reps) each with a bearer token ask the
real app for every KPI of the company (admins and executives, and every user on PostgreSQL:
a core of every KPI kind and input table) in several request shapes, its explanation (result and
records), the CSV, the scorecard and the pages; every number and record must equal the
independent reference over exactly the rows that user may see
(tests/reference/pandas_access.py, from docs/access-control.md alone), and nothing the user
does not reach may appear. Each test lists every problem it finds (tests/access/matrix.py
says what LEAK, WRONG, MISMATCH and ACCESS mean) and asserts there is none.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from salesmetrics.transfer import copy_workspace
from salesmetrics.workspace import Workspace
from tests.access import matrix
from tests.access.companies import COMPANIES, PASSWORD, SLOTS, Company, build_workspace
from tests.access.tally import record, summary
from tests.engines import engine_params

#: DuckDB and PostgreSQL (the issue's two); Spark is left out for time.
ENGINES = [p for p in engine_params() if getattr(p, "id", None) != "pyspark"]
SERVED = [
    pytest.param(
        (p.values[0], name),
        marks=[*p.marks, pytest.mark.xdist_group(name)],  # `-n 2 --dist loadgroup`
        id=f"{p.id}-{name}",
    )
    for p in ENGINES
    for name in COMPANIES
]


def _users_and_tokens(ws: Workspace, company: Company, only: str | None = None) -> dict[str, str]:
    from salesmetrics.access.tokens import create_token
    from salesmetrics.access.users import add_user

    tokens = {}
    for user in company.users:
        if only and user.slot != only:
            continue
        add_user(ws, user.name, user.role, rep_id=user.rep_id, password=PASSWORD)
        tokens[user.name] = create_token(ws, user.name, label="leak matrix")
    return tokens


def _noise(company: Company, root: Path) -> dict[str, set[str]]:
    """Forbidden tokens an *empty* workspace's pages already contain (page furniture, never
    data), per page: they are not counted on that page."""
    from salesmetrics.web.app import create_app

    path = root / f"empty_{company.name}.duckdb"
    with Workspace.create(path) as ws:  # no reps: only the admin (linked to no rep) can exist
        tokens = _users_and_tokens(ws, company, only="admin")
    admin = company.user("admin")
    every = {
        t for u in company.users if u.role in ("manager", "rep") for t in matrix.seen(company, u)[1]
    }
    out: dict[str, set[str]] = {}
    with TestClient(create_app(path, wait=5.0, single_user=False)) as client:
        for url, params in matrix.page_urls(company):
            r = client.get(
                url, params=params, headers={"Authorization": f"Bearer {tokens[admin.name]}"}
            )
            found = (
                matrix.find_tokens(r.text, dict.fromkeys(every, "")) if r.status_code == 200 else []
            )
            out[url] = {h.split("'")[1] for h in found}
    return out


@pytest.fixture(scope="module", params=SERVED)
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, locations: Any
) -> Iterator[matrix.Served]:
    from salesmetrics.web.app import create_app

    engine, name = request.param
    company = COMPANIES[name]
    root = tmp_path_factory.mktemp(f"leak_{engine}_{name}")
    path = build_workspace(company, root / f"{name}.duckdb")
    if engine == "duckdb":
        location = str(path)
    else:
        location = locations.new(engine, f"leak_{name}")
        with Workspace(path) as source, Workspace.create(location) as target:
            copy_workspace(source, target, [])
    with Workspace(location) as ws:
        tokens = _users_and_tokens(ws, company)
    noise = _noise(company, root)
    app = create_app(location, wait=5.0, single_user=False)
    with TestClient(app, raise_server_exceptions=False) as client:  # a 500 is a finding
        yield matrix.Served(company, engine, client, tokens, noise, full=engine == "duckdb")


def _run(
    check: Callable[[matrix.Served, Any], list[str]], served: matrix.Served, slot: str
) -> None:
    user = served.company.user(slot)
    began = time.process_time()
    problems = check(served, user)
    record(check.__name__, served, user, problems, time.process_time() - began)
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems)


@pytest.mark.parametrize("slot", SLOTS)
def test_kpi_api(served: matrix.Served, slot: str) -> None:
    _run(matrix.check_kpis, served, slot)


@pytest.mark.parametrize("slot", SLOTS)
def test_explain(served: matrix.Served, slot: str) -> None:
    _run(matrix.check_explain, served, slot)


@pytest.mark.parametrize("slot", SLOTS)
def test_scorecard(served: matrix.Served, slot: str) -> None:
    _run(matrix.check_scorecard, served, slot)


@pytest.mark.parametrize("slot", SLOTS)
def test_pages(served: matrix.Served, slot: str) -> None:
    _run(matrix.check_pages, served, slot)


@pytest.mark.parametrize("slot", SLOTS)
def test_csv(served: matrix.Served, slot: str) -> None:
    _run(matrix.check_csv, served, slot)


@pytest.mark.parametrize("slot", SLOTS)
def test_routes_per_role(served: matrix.Served, slot: str) -> None:
    _run(matrix.check_routes, served, slot)


def test_no_answer_without_a_token(served: matrix.Served) -> None:
    problems = matrix.check_anonymous(served)
    record("check_anonymous", served, None, problems)
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="module", autouse=True)
def _tally(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    summary(request.config)


@pytest.mark.parametrize("name", COMPANIES)
def test_the_company_definitions_hold_together(name: str) -> None:
    company = COMPANIES[name]
    kpis = set(company.kpis())
    assert set(company.core) <= kpis and set(company.csv_kpis) <= kpis
    assert set(company.page_kpis) <= kpis
    assert {u.slot for u in company.users} == set(SLOTS)
    assert [u.role for u in company.users].count("manager") == 2
    # the core (what PostgreSQL runs) holds a company-level KPI where the company has one
    company_level = {k for k in kpis if "rep" not in company.dims[k]}
    assert not company_level or company_level & set(company.core)
    # every page is served by some company whose data show on it
    assert set(matrix.PAGES) <= {page for c in COMPANIES.values() for page in c.pages}
    # every restricted user reaches someone and not everyone
    every = set(company.tables["reps"]["rep_id"])
    for user in company.users:
        reach = company.reach(user)
        assert (reach is None) == (user.role in ("admin", "executive"))
        assert reach is None or (reach & every and every - reach), user
