"""Insights on every surface, over a small demo company built by the real CLI: the API answers
what the command line prints; the /insights page shows the top findings, what to do, why, and
the alert rules; a manager's insights stay inside their reach; admins add and remove rules."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from salesmetrics.access.tokens import create_token
from salesmetrics.web.app import create_app
from salesmetrics.workspace import Workspace
from tests.conftest import run_cli

AS_OF = "2026-09-30"
ARGS = ("--period", "2026-Q3", "--vs", "year", "--as-of", AS_OF)
QUERY = f"period=2026-Q3&vs=year&as_of={AS_OF}"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("insights") / "demo.duckdb"
    built = run_cli("demo", "--seed", "7", "--start", "2023-10-01", "--workspace", path)
    assert built.returncode == 0, built.stderr
    return path


@pytest.fixture(scope="module")
def tokens(demo: Path) -> dict[str, str]:
    with Workspace(demo) as ws:
        return {name: create_token(ws, name) for name in ("admin", "manager", "rep")}


@pytest.fixture(scope="module")
def client(demo: Path, tokens: dict[str, str]) -> Iterator[TestClient]:
    with TestClient(create_app(demo, wait=5), follow_redirects=False) as test_client:
        yield test_client


def as_user(tokens: dict[str, str], name: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens[name]}"}


def cli(demo: Path, *args: str) -> dict[str, Any]:
    done = run_cli(*args, "--format", "json", "-w", demo)
    assert done.returncode == 0, done.stderr
    parsed: dict[str, Any] = json.loads(done.stdout)
    return parsed


def test_the_api_answers_what_the_command_line_prints(demo: Path, client: TestClient,
                                                       tokens: dict[str, str]) -> None:  # fmt: skip
    admin = as_user(tokens, "admin")
    for command, route in (("changes", "/api/changes"), ("insights", "/api/insights")):
        printed = cli(demo, command, *ARGS)
        answered = client.get(f"{route}?{QUERY}", headers=admin)
        assert answered.status_code == 200, answered.text
        assert answered.json() == printed, command
    why = cli(demo, "why", "lead_qualification_rate", *ARGS, "--by", "source")
    answered = client.get(f"/api/why/lead_qualification_rate?{QUERY}&by=source",
                          headers=admin).json()  # fmt: skip
    assert answered == why and why["dimension"] == "source"
    assert abs(sum(p["contribution"] for p in why["parts"]) - why["change"]) < 1e-9
    pace = client.get("/api/pace?as_of=2026-09-15", headers=admin).json()
    assert pace == cli(demo, "pace", "--as-of", "2026-09-15")
    assert pace["rows"] and all(r["quota"] for r in pace["rows"] if r["team"])


def test_a_managers_insights_stay_inside_their_reach(client: TestClient,
                                                     tokens: dict[str, str]) -> None:  # fmt: skip
    from salesmetrics.demo import STORY

    doc = client.get(f"/api/insights?{QUERY}&top=50", headers=as_user(tokens, "manager")).json()
    with Workspace(client.app.state.source.location, read_only=True) as ws:  # type: ignore[attr-defined]
        team = {r for (r,) in ws.backend.rows("SELECT rep_id FROM reps WHERE team = ?",
                                                [STORY.story_team])}  # fmt: skip
        teams = {t for (t,) in ws.backend.rows("SELECT DISTINCT team FROM reps WHERE team <> ''")}
    for finding in [*doc["top"], *doc.get("rep", []), *doc.get("change", [])]:
        rep = finding["slice"].get("rep")
        assert rep is None or rep in team, finding["title"]
        other = finding["slice"].get("team")
        assert other is None or other == STORY.story_team, finding["title"]
        assert not any(t in finding["title"] for t in teams - {STORY.story_team}), finding
    alerts = client.get("/api/alerts", headers=as_user(tokens, "manager")).json()
    assert all(r["firing"] == [] for r in alerts["data"])  # company firings are not theirs


def test_the_insights_page(client: TestClient, tokens: dict[str, str]) -> None:
    page = client.get("/insights?period=2026-Q3&vs=year", headers=as_user(tokens, "admin"))
    assert page.status_code == 200
    text = re.sub(r"<[^>]+>", " ", page.text)
    assert "What stands out" in text and "Alert rules" in text and "pipeline-coverage" in text
    assert "What to do" in text and "Records to open" in text
    assert 'href="/kpis/' in page.text
    overview = client.get("/", headers=as_user(tokens, "admin"))
    assert 'id="insights-panel"' in overview.text and "/api/insights" in overview.text


def test_admins_add_and_remove_rules_and_others_may_not(
    client: TestClient, tokens: dict[str, str]
) -> None:
    rule = {"id": "win-rate-floor", "kpi": "win_rate", "condition": "below", "value": 15,
            "grain": "month", "by": ["team"]}  # fmt: skip
    refused = client.post("/api/alerts", json=rule, headers=as_user(tokens, "manager"))
    assert refused.status_code == 403
    made = client.post("/api/alerts", json=rule, headers=as_user(tokens, "admin"))
    assert made.status_code == 200, made.text
    assert made.json()["description"].startswith("win_rate by team per month")
    bad = client.post("/api/alerts", json={**rule, "id": "x", "kpi": "win_rat"},
                      headers=as_user(tokens, "admin"))  # fmt: skip
    assert bad.status_code == 404 and "win_rate" in bad.json()["error"]["message"]  # did you mean
    listed = client.get("/api/alerts", headers=as_user(tokens, "admin")).json()
    assert "win-rate-floor" in {r["id"] for r in listed["data"]}
    gone = client.delete("/api/alerts/win-rate-floor", headers=as_user(tokens, "admin"))
    assert gone.status_code == 200
    listed = client.get("/api/alerts", headers=as_user(tokens, "admin")).json()
    assert "win-rate-floor" not in {r["id"] for r in listed["data"]}
