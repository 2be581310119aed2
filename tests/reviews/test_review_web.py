"""Reviews on the server: `/reviews/{cadence}` is the review file itself (the link in an
email opens it), computed for whoever asks and within their scope; `/reviews` lists the
schedules and deliveries for admins; `serve` delivers a schedule that falls due while it runs."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from salesmetrics.access.tokens import create_token
from salesmetrics.reviews.build import build_review
from salesmetrics.reviews.render import to_html
from salesmetrics.reviews.schedules import Schedule, add_schedule
from salesmetrics.web.app import create_app
from salesmetrics.workspace import Workspace
from tests.reviews.test_delivery import MailServer

#: one xdist worker runs the review tests: the demo company is built once
pytestmark = pytest.mark.xdist_group("reviews")


@pytest.fixture
def copy(demo: Path, tmp_path: Path) -> Path:
    path = tmp_path / "ws.duckdb"
    path.write_bytes(demo.read_bytes())
    return path


@pytest.fixture
def tokens(copy: Path) -> dict[str, str]:
    with Workspace(copy) as ws:
        return {name: create_token(ws, name) for name in ("admin", "rep")}


@pytest.fixture
def client(copy: Path, tokens: dict[str, str]) -> Iterator[TestClient]:
    with TestClient(create_app(copy, wait=5), follow_redirects=False) as test_client:
        yield test_client


def test_the_review_page_is_the_review_file(client: TestClient, copy: Path,
                                            tokens: dict[str, str]) -> None:  # fmt: skip
    page = client.get("/reviews/monthly?period=2026-08",
                      headers={"Authorization": f"Bearer {tokens['admin']}"})  # fmt: skip
    assert page.status_code == 200
    with Workspace(copy, read_only=True) as ws:
        expected = to_html(build_review(ws, "monthly", "2026-08", dt.date.today()))
    strip = lambda text: text.split("made ", 1)[1].split("UTC", 1)[1]  # noqa: E731 - timestamp
    assert strip(page.text) == strip(expected)


def test_a_reps_review_page_is_theirs_whatever_they_ask(
    client: TestClient, tokens: dict[str, str]
) -> None:
    rep = {"Authorization": f"Bearer {tokens['rep']}"}
    page = client.get("/reviews/monthly?period=2026-08", headers=rep)
    assert page.status_code == 200 and "rep (rep)" in page.text
    assert "R0003" not in page.text  # the rep's leaderboard is themselves
    other = client.get("/reviews/monthly?period=2026-08&team=SMB%20EMEA", headers=rep)
    message = other.json()["error"]["message"]  # no such team among theirs; others unnamed
    assert other.status_code == 400 and message.count("SMB") == 1, message


def test_the_reviews_page_lists_schedules_for_admins(client: TestClient, copy: Path,
                                                      tokens: dict[str, str]) -> None:  # fmt: skip
    with Workspace(copy) as ws:
        add_schedule(ws, Schedule("weekly-vp", "weekly", emails=("vp@northwind.example",)))
    admin = client.get("/reviews", headers={"Authorization": f"Bearer {tokens['admin']}"})
    assert "weekly-vp" in admin.text and "Deliveries" in admin.text
    rep = client.get("/reviews", headers={"Authorization": f"Bearer {tokens['rep']}"})
    assert rep.status_code == 200 and "weekly-vp" not in rep.text


def test_serve_delivers_what_falls_due(copy: Path, certificate: tuple[Path, Path],
                                       monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    from tests.reviews.test_delivery import PASSWORD, USER

    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    monkeypatch.setenv("SALESMETRICS_SMTP_PASSWORD", PASSWORD)
    mail = MailServer(certificate)
    mail.start()
    try:
        with Workspace(copy) as ws:
            for name, value in (("smtp_host", "127.0.0.1"), ("smtp_port", mail.port),
                                ("smtp_user", USER)):  # fmt: skip
                ws.set_setting(name, value)
            add_schedule(ws, Schedule("daily-vp", "daily", "00:00", "UTC",
                                      emails=("vp@northwind.example",)))  # fmt: skip
        with TestClient(create_app(copy, wait=5, single_user=True, run_schedules=True)):
            deadline = time.monotonic() + 240
            while not mail.inbox.messages and time.monotonic() < deadline:
                time.sleep(0.5)
        assert len(mail.inbox.messages) == 1
        yesterday = dt.date.today() - dt.timedelta(days=1)
        assert f"daily review {yesterday}" in mail.inbox.messages[0][1]["Subject"]
    finally:
        mail.stop()
