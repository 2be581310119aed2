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

#: no 5xx and nothing outside the schema (a request the schema allows may still be refused
#: with 400 when it names a KPI or dimension value the workspace does not hold)
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = load_workspace(tmp_path_factory.mktemp("fuzz") / "web.duckdb")
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(path, wait=5, single_user=True))


def test_api_never_fails_or_breaks_its_schema(api_schema: Any) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 6
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
        def check(case: Any) -> None:
            response = case.call()
            assert response.status_code < 500, (case.method, case.path, response.text)
            case.validate_response(response, checks=CHECKS)
            if response.status_code >= 400:
                body = response.json()
                assert set(body) == {"error"}
                assert body["error"]["status"] == response.status_code

        check()
