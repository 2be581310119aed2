"""The REST API against a real DuckDB workspace: every route, the numbers equal the command
line's, one error shape, uploads validated like `salesmetrics import`, the cache follows
imports, and the command line keeps working on the workspace the server serves."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from salesmetrics.workspace import Workspace
from tests.conftest import run_cli

SELECTORS: list[tuple[dict[str, Any], list[str]]] = [
    ({"grain": "month", "from": "2024-01-01", "to": "2024-06-30"}, []),
    ({"grain": "quarter", "from": "2024-01-01", "to": "2024-12-31", "by": ["team"]},
     ["--by", "team"]),
    ({"grain": "total", "from": "2023-11-01", "to": "2025-03-31", "where": ["team:East"]},
     ["--where", "team=East"]),
    ({"grain": "week", "from": "2024-03-01", "to": "2024-04-15", "as_of": "2024-04-30"},
     ["--as-of", "2024-04-30"]),
]  # fmt: skip


def _cli_args(params: dict[str, Any], extra: list[str]) -> list[str]:
    return ["--grain", params["grain"], "--from", params["from"], "--to", params["to"], *extra]


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    """The one error shape: {"error": {"status", "code", "message"[, "detail"]}}."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) <= {"status", "code", "message", "detail"}
    assert error["status"] == status and error["code"] == code
    assert isinstance(error["message"], str) and error["message"]
    return dict(error)


@pytest.mark.parametrize("kpi", ["revenue", "win_rate", "pipeline_value", "lead_conversion_rate"])
@pytest.mark.parametrize("case", range(len(SELECTORS)))
def test_kpi_rows_equal_the_cli_json_rows(client: TestClient, workspace: Path, kpi: str,
                                          case: int) -> None:  # fmt: skip
    params, extra = SELECTORS[case]
    if kpi == "lead_conversion_rate" and "team" in json.dumps(params):
        params = {**params, "by": [], "where": []}
        extra = []
    api = client.get(f"/api/kpis/{kpi}", params=params)
    assert api.status_code == 200, api.text
    cli = run_cli("kpi", kpi, *_cli_args(params, extra), "--format", "json", "-w", workspace)
    assert cli.returncode == 0, cli.stderr
    assert api.json() == json.loads(cli.stdout)
    assert api.json()["rows"], "the fixture has data in every case"


def test_catalog_lists_every_kpi_with_its_benchmark(client: TestClient, workspace: Path) -> None:
    body = client.get("/api/kpis").json()
    cli = json.loads(run_cli("kpis", "--format", "json", "-w", workspace).stdout)
    assert body["count"] == len(body["data"]) == len(cli)
    assert body["data"] == cli


def test_explain_equals_the_cli(client: TestClient, workspace: Path) -> None:
    params = {"grain": "total", "from": "2024-01-01", "to": "2024-12-31", "limit": 5}
    api = client.get("/api/kpis/win_rate/explain", params=params)
    cli = run_cli("explain", "win_rate", "--grain", "total", "--from", "2024-01-01", "--to",
                  "2024-12-31", "--limit", "5", "--format", "json", "-w", workspace)  # fmt: skip
    assert api.status_code == 200
    assert api.json() == json.loads(cli.stdout)
    assert api.json()["sql"] and api.json()["records"]


def test_tables_equal_the_cli(client: TestClient, workspace: Path) -> None:
    body = client.get("/api/tables").json()
    cli = json.loads(run_cli("tables", "--format", "json", "-w", workspace).stdout)
    assert body == {"data": cli, "count": len(cli)}
    assert {t["table"]: t["rows"] for t in cli}["opportunities"] > 0


def test_scorecard_equals_the_cli(client: TestClient, workspace: Path) -> None:
    api = client.get("/api/scorecard", params={"period": "2024-Q2", "by": "team"})
    cli = run_cli("scorecard", "--period", "2024-Q2", "--by", "team", "--format", "json",
                  "-w", workspace)  # fmt: skip
    assert api.status_code == 200, api.text
    assert api.json() == json.loads(cli.stdout)


def test_openapi_documents_every_route(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for route in ("/api/kpis", "/api/kpis/{kpi_id}", "/api/kpis/{kpi_id}/explain",
                  "/api/tables", "/api/imports/{table}", "/api/scorecard"):  # fmt: skip
        assert route in paths
    names = {p["name"] for p in paths["/api/kpis/{kpi_id}"]["get"]["parameters"]}
    assert {"grain", "from", "to", "as_of", "by", "where"} <= names
    assert client.get("/docs").status_code == 200


@pytest.mark.parametrize(
    ("method", "url", "status", "code"),
    [
        ("get", "/api/kpis/win_rat", 404, "unknown_name"),
        ("get", "/api/kpis/win_rate?by=colour", 400, "unknown_name"),
        ("get", "/api/kpis/win_rate?grain=fortnight", 422, "invalid_parameter"),
        ("get", "/api/kpis/win_rate?where=team", 422, "invalid_parameter"),
        ("get", "/api/kpis/win_rate?where=team:Nowhere", 400, "user_error"),
        ("get", "/api/kpis/win_rate?from=2024-13-01", 400, "user_error"),
        ("get", "/api/kpis/win_rate/explain?limit=-1", 422, "invalid_parameter"),
        ("get", "/api/scorecard?period=someday", 400, "user_error"),
        ("get", "/api/nothing", 404, "not_found"),
        ("delete", "/api/kpis", 405, "method_not_allowed"),
        ("post", "/api/imports/opportunities", 422, "invalid_parameter"),
        ("get", "/api/scorecard?by=planet", 422, "invalid_parameter"),
    ],
)
def test_every_error_has_the_one_shape(client: TestClient, method: str, url: str, status: int,
                                       code: str) -> None:  # fmt: skip
    assert_error(getattr(client, method)(url), status, code)


def test_unknown_kpi_suggests_the_closest(client: TestClient) -> None:
    error = assert_error(client.get("/api/kpis/win_rat"), 404, "unknown_name")
    assert error["detail"]["suggestion"] == "win_rate"
    assert "Did you mean 'win_rate'?" in error["message"]


BAD_CSV = (
    "opportunity_id,created_at,status,close_date,amount,currency,stage,owner_rep_id,account_id\n"
    "x1,2024-01-05,won,2024-02-01,1000,USD,closed_won,r1,a01\n"
    "x2,2024-01-06,won,not a date,1000,USD,closed_won,r1,a01\n"
    "x3,2024-01-07,open,,lots,USD,proposal,r1,a01\n"
)
GOOD_CSV = (
    "opportunity_id,created_at,status,close_date,amount,currency,stage,owner_rep_id,account_id\n"
    "x1,2024-05-05,won,2024-05-20,1000,USD,closed_won,r1,a01\n"
)


def _counts(workspace: Path) -> dict[str, int]:
    with Workspace(workspace, read_only=True) as ws:
        return {t: ws.row_count(t) for t in ("opportunities", "accounts", "reps")}


def test_bad_upload_gives_the_cli_messages_and_stores_nothing(
    client: TestClient, workspace: Path, tmp_path: Path
) -> None:
    before = _counts(workspace)
    response = client.post("/api/imports/opportunities",
                           files={"file": ("deals.csv", BAD_CSV, "text/csv")})  # fmt: skip
    error = assert_error(response, 400, "import_refused")
    report = error["detail"]
    assert report["stored"] == 0 and report["issue_count"] == 2
    columns = {p["column"] for p in report["problems"]}
    assert columns == {"close_date", "amount"}
    assert all(p["hint"] and p["lines"] for p in report["problems"])
    assert _counts(workspace) == before
    path = tmp_path / "deals.csv"
    path.write_text(BAD_CSV, encoding="utf-8")
    cli = run_cli("import", "opportunities", path, "-w", workspace)
    assert cli.returncode == 2
    said = " ".join(cli.stderr.split())
    assert " ".join(error["message"].split()) in said, (error["message"], said)
    for problem in report["problems"]:
        assert problem["problem"] in cli.stderr
    assert _counts(workspace) == before


def test_upload_stores_rows_and_the_cache_follows(client: TestClient, workspace: Path) -> None:
    params = {"grain": "month", "from": "2024-05-01", "to": "2024-05-31"}
    before = client.get("/api/kpis/won_deals", params=params).json()["rows"][0]["value"]
    assert client.get("/api/kpis/won_deals", params=params).json()["rows"][0]["value"] == before
    response = client.post("/api/imports/opportunities",
                           files={"file": ("one.csv", GOOD_CSV, "text/csv")})  # fmt: skip
    assert response.status_code == 200, response.text
    assert response.json()["inserted"] == 1 and response.json()["file"] == "one.csv"
    after = client.get("/api/kpis/won_deals", params=params).json()["rows"][0]["value"]
    assert after == before + 1


def test_upload_with_replace_mode_and_unknown_table(client: TestClient) -> None:
    error = assert_error(
        client.post("/api/imports/deals", files={"file": ("a.csv", GOOD_CSV, "text/csv")}),
        400, "unknown_name",
    )  # fmt: skip
    assert "opportunities" in error["message"]


def test_the_cli_reads_and_imports_while_the_server_serves(
    client: TestClient, workspace: Path, tmp_path: Path
) -> None:
    """The server keeps no connection between requests: the command line can write."""
    params = {"grain": "month", "from": "2024-05-01", "to": "2024-05-31"}
    before = client.get("/api/kpis/won_deals", params=params).json()["rows"][0]["value"]
    path = tmp_path / "more.csv"
    path.write_text(GOOD_CSV.replace("x1,", "x9,"), encoding="utf-8")
    cli = run_cli("import", "opportunities", path, "-w", workspace)
    assert cli.returncode == 0, cli.stderr
    read = run_cli("kpi", "won_deals", "--from", "2024-05-01", "--to", "2024-05-31",
                   "--format", "json", "-w", workspace)  # fmt: skip
    assert json.loads(read.stdout)["rows"][0]["value"] == before + 1
    # the server sees the command line's import (its cache is keyed by the file's state)
    assert client.get("/api/kpis/won_deals", params=params).json()["rows"][0]["value"] == before + 1
