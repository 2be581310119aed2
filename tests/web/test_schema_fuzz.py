"""schemathesis against the OpenAPI schema of the served app: generated requests to every API
route (reads and uploads) give no server error and no answer that breaks the schema."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks

from salesmetrics.web.app import create_app
from tests.reference.fixture import load_workspace

#: one xdist worker fuzzes every role: the served app and its compiled plans are shared
pytestmark = pytest.mark.xdist_group("schema_fuzz")

#: no 5xx and nothing outside the schema (a request the schema allows may still be refused
#: with 400 when it names a KPI or dimension value the workspace does not hold)
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]


#: a role -> (user, rep): every role's token is fuzzed (a rep's and a manager's answers are
#: scoped, an import is refused to all but the admin)
ROLES = {"admin": ("root", None), "executive": ("eve", None), "manager": ("mia", "m1"),
         "rep": ("ann", "r1")}  # fmt: skip


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, dict[str, str]]:
    from salesmetrics.access.tokens import create_token
    from salesmetrics.access.users import add_user
    from salesmetrics.workspace import Workspace

    path = load_workspace(tmp_path_factory.mktemp("fuzz") / "web.duckdb")
    tokens = {}
    with Workspace(path) as ws:
        for role, (name, rep) in ROLES.items():
            add_user(ws, name, role, rep_id=rep, password="correct horse battery")
            tokens[role] = create_token(ws, name)
    return create_app(path, wait=5), tokens


@pytest.mark.parametrize("role", list(ROLES))
def test_api_never_fails_or_breaks_its_schema(served: tuple[Any, dict[str, str]],
                                              role: str) -> None:  # fmt: skip
    app, tokens = served
    headers = {"Authorization": f"Bearer {tokens[role]}"}
    api_schema = schemathesis.openapi.from_asgi("/openapi.json", app, headers=headers)
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 6
    statuses: set[int] = set()
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
        def check(case: Any) -> None:
            # generous: the first insights request compiles dozens of plans, and on a busy
            # two-core CI machine that has taken more than the default 10 s
            response = case.call(headers=headers, timeout=180)
            statuses.add(response.status_code)
            assert response.status_code < 500, (case.method, case.path, response.text)
            case.validate_response(response, checks=CHECKS)
            if response.status_code >= 400:
                body = response.json()
                assert set(body) == {"error"}
                assert body["error"]["status"] == response.status_code

        check()
    assert 200 in statuses and 401 not in statuses, statuses  # the token was taken
    assert (403 in statuses) == (role != "admin"), statuses  # imports: admins only
