"""A served fixture company (kpi_small) with one user of each role and their tokens."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from salesmetrics.access.tokens import create_token
from salesmetrics.access.users import add_user
from salesmetrics.web.app import create_app
from salesmetrics.workspace import Workspace
from tests.reference.fixture import load_workspace

PASSWORD = "correct horse battery"
#: the sign-in form's own CSRF token (a signed-in page also holds the sign-out form's)
LOGIN_TOKEN = r'action="/login"[^>]*>\s*<input type="hidden" name="csrf_token" value="([^"]+)"'
#: name -> (role, rep)
USERS = {
    "root": ("admin", None),
    "eve": ("executive", None),
    "mia": ("manager", "m1"),
    "ann": ("rep", "r1"),
    "dee": ("rep", "r4"),
}


@dataclass
class Served:
    path: Path
    tokens: dict[str, str]


@pytest.fixture
def served(tmp_path: Path) -> Served:
    path = load_workspace(tmp_path / "served.duckdb")
    tokens = {}
    with Workspace(path) as ws:
        for name, (role, rep) in USERS.items():
            add_user(ws, name, role, rep_id=rep, password=PASSWORD)
            tokens[name] = create_token(ws, name)
    return Served(path, tokens)


@pytest.fixture
def app_client(served: Served) -> Iterator[TestClient]:
    with TestClient(create_app(served.path, wait=5), follow_redirects=False) as client:
        yield client


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def sign_in(client: TestClient, name: str, password: str = PASSWORD) -> tuple[int, str]:
    """Sign in through the form as a browser does; the status and the CSRF token of the page
    that follows (empty when signing in failed)."""
    import re

    form = client.get("/login")
    token = re.search(LOGIN_TOKEN, form.text)
    assert token, form.text
    fields = {"username": name, "password": password, "csrf_token": token.group(1)}
    answer = client.post("/login", data={**fields, "next": "/kpis"})
    if answer.status_code != 303:
        return answer.status_code, ""
    page = client.get("/kpis")
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    return answer.status_code, found.group(1) if found else ""
