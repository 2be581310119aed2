"""Scheduled reviews delivered for real: an SMTP server started by the test (aiosmtpd, with
STARTTLS and a login required) and a local HTTP receiver for the webhook. Recipients, subject,
the numbers in the body (the command line's), the PDF attachment; exactly one email per
schedule and period across runs and a restart; a stopped mail server gives recorded failures
and retries with a growing delay, then delivery when it is back; a run after the due time
sends the review once, marked late."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import socket
import ssl
import threading
from collections.abc import Iterator
from email.message import Message
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from salesmetrics.access.users import add_user
from salesmetrics.reviews.runner import BACKOFF, deliveries, run_due, same
from salesmetrics.reviews.schedules import Schedule, add_schedule
from salesmetrics.workspace import Workspace
from tests.conftest import run_cli

#: one xdist worker runs the review tests: the demo company is built once
pytestmark = pytest.mark.xdist_group("reviews")

USER, PASSWORD = "mailer", "s3cret-mail"
#: Monday 2026-09-14 07:00 Berlin: the weekly review of 2026-09-07 to 2026-09-13 falls due
DUE = dt.datetime(2026, 9, 14, 5, 0, tzinfo=dt.UTC)


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], Message]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), parsed))
        return "250 OK"


class MailServer:
    """aiosmtpd on loopback: STARTTLS offered, login required over TLS."""

    def __init__(self, certificate: tuple[Path, Path]) -> None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(str(certificate[0]), str(certificate[1]))
        self.inbox = Inbox()
        self.port = _port()
        self.logins: list[str] = []

        def authenticate(server: Any, session: Any, envelope: Any, mechanism: str,
                         data: Any) -> AuthResult:  # fmt: skip
            ok = isinstance(data, LoginPassword) and (
                data.login.decode(),
                data.password.decode(),
            ) == (USER, PASSWORD)
            if ok:
                self.logins.append(data.login.decode())
            return AuthResult(success=ok)

        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port,
                                     tls_context=context, require_starttls=True,
                                     auth_required=True, authenticator=authenticate)  # fmt: skip

    def start(self) -> None:
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()


class Receiver(BaseHTTPRequestHandler):
    received: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Receiver.received.append(json.loads(body))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args: Any) -> None:
        return


@pytest.fixture
def hook() -> Iterator[str]:
    Receiver.received = []
    server = HTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    server.shutdown()


@pytest.fixture
def workspace(demo: Path, tmp_path: Path, certificate: tuple[Path, Path],
              monkeypatch: pytest.MonkeyPatch) -> Path:  # fmt: skip
    """A copy of the demo with a user and SMTP settings; the test's certificate trusted."""
    path = tmp_path / "ws.duckdb"
    path.write_bytes(demo.read_bytes())
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    monkeypatch.setenv("SALESMETRICS_SMTP_PASSWORD", PASSWORD)
    with Workspace(path) as ws:
        add_user(ws, "ann", "rep", rep_id="R0002", email="ann@northwind.example",
                 password="correct horse battery")  # fmt: skip
        ws.set_setting("smtp_host", "127.0.0.1")
        ws.set_setting("smtp_user", USER)
        ws.set_setting("smtp_from", "reviews@northwind.example")
        ws.set_setting("dashboard_url", "https://sales.northwind.example")
    return path


def run(path: Path, now: dt.datetime) -> Any:
    with Workspace(path) as ws:
        return run_due(same(ws), same(ws), now)


def test_due_reviews_are_delivered_once_by_email_and_webhook(
    workspace: Path, certificate: tuple[Path, Path], hook: str
) -> None:
    mail = MailServer(certificate)
    mail.start()
    try:
        with Workspace(workspace) as ws:
            ws.set_setting("smtp_port", mail.port)
            add_schedule(ws, Schedule("weekly-team", "weekly", "07:00", "Europe/Berlin",
                                      users=("ann",), emails=("vp@northwind.example",
                                                              "cro@northwind.example"),
                                      webhook=hook))  # fmt: skip
        outcome = run(workspace, DUE + dt.timedelta(minutes=2))
        assert not outcome.failed, outcome.document()
        assert len(outcome.sent) == 3 and not any(e["late"] for e in outcome.sent)
        assert mail.logins and set(mail.logins) == {USER}
        by_to = {tuple(sorted(to)): msg for to, msg in mail.inbox.messages}
        assert set(by_to) == {("ann@northwind.example",),
                              ("cro@northwind.example", "vp@northwind.example")}  # fmt: skip
        team = by_to[("cro@northwind.example", "vp@northwind.example")]
        assert team["Subject"] == ("Northwind Cloud (demo): weekly review 2026-09-07 to "
                                   "2026-09-13 (the company)")  # fmt: skip
        assert team["From"] == "reviews@northwind.example"
        html = next(p for p in team.walk() if p.get_content_type() == "text/html")
        body = html.get_payload(decode=True).decode()
        printed = json.loads(run_cli("kpi", "won_deals", "--grain", "total", "--from",
                                     "2026-09-07", "--to", "2026-09-13", "--format", "json",
                                     "-w", workspace).stdout)  # fmt: skip
        won = printed["rows"][0]["value"]
        assert f'>Won deals</td><td class="num">{won:,.0f}</td>' in body
        assert "https://sales.northwind.example/reviews/weekly?period=2026-W37" in body
        pdf = next(p for p in team.walk() if p.get_content_type() == "application/pdf")
        assert pdf.get_filename().endswith(".pdf") and pdf.get_payload(decode=True)[:5] == b"%PDF-"
        mine = by_to[("ann@northwind.example",)]
        assert mine["Subject"].endswith("(ann (rep))")
        assert len(Receiver.received) == 1
        payload = Receiver.received[0]
        assert payload["text"].startswith("Northwind Cloud (demo): weekly review")
        assert payload["review"]["link"].endswith("period=2026-W37")
        headline = {r["kpi"]: r["value"] for r in payload["review"]["headline"]}
        assert headline["won_deals"] == pytest.approx(won)
        # the same period again, and after a restart (a new process reads the ledger): nothing
        assert not run(workspace, DUE + dt.timedelta(minutes=5)).sent
        again = run_cli("schedules", "run-due", "--now", (DUE + dt.timedelta(hours=1)).isoformat(),
                        "-w", workspace)  # fmt: skip
        assert again.returncode == 0 and "0 sent" in again.stdout
        assert len(mail.inbox.messages) == 2 and len(Receiver.received) == 1
    finally:
        mail.stop()


def test_a_stopped_mail_server_gives_retries_then_delivery(
    workspace: Path, certificate: tuple[Path, Path]
) -> None:
    mail = MailServer(certificate)
    with Workspace(workspace) as ws:
        ws.set_setting("smtp_port", mail.port)  # nothing listens there yet
        add_schedule(ws, Schedule("weekly-ann", "weekly", "07:00", "Europe/Berlin",
                                  users=("ann",)))  # fmt: skip
    first = run(workspace, DUE)
    assert len(first.failed) == 1 and first.failed[0]["status"] == "failed"
    assert "Connection refused" in first.failed[0]["attempts"][0]["error"]
    soon = run(workspace, DUE + dt.timedelta(seconds=30))  # before the first back-off ends
    assert not soon.sent and not soon.failed and soon.waiting
    second = run(workspace, DUE + dt.timedelta(minutes=BACKOFF[0], seconds=1))
    assert len(second.failed) == 1 and len(second.failed[0]["attempts"]) == 2
    mail.start()
    try:
        later = DUE + dt.timedelta(minutes=BACKOFF[0] + BACKOFF[1] + 1)
        third = run(workspace, later)
        assert len(third.sent) == 1 and not third.sent[0]["late"]  # within the 15 minutes
        assert len(third.sent[0]["attempts"]) == 3
        assert len(mail.inbox.messages) == 1
        assert mail.inbox.messages[0][1]["Subject"].startswith("Northwind Cloud (demo): weekly")
        assert not run(workspace, later + dt.timedelta(hours=2)).sent
        with Workspace(workspace, read_only=True) as ws:
            ledger = [d for d in deliveries(ws) if d["schedule"] == "weekly-ann"]
        assert [d["status"] for d in ledger] == ["sent"]
    finally:
        mail.stop()


def test_a_run_after_downtime_sends_the_missed_review_once_marked_late(
    workspace: Path, certificate: tuple[Path, Path]
) -> None:
    mail = MailServer(certificate)
    mail.start()
    try:
        with Workspace(workspace) as ws:
            ws.set_setting("smtp_port", mail.port)
            add_schedule(ws, Schedule("daily-ann", "daily", "08:00", "UTC", users=("ann",)))
        back = dt.datetime(2026, 9, 16, 15, 30, tzinfo=dt.UTC)  # the server was down at 8:00
        outcome = run(workspace, back)
        assert [e["period_start"] for e in outcome.sent] == ["2026-09-15"]
        assert outcome.sent[0]["late"]
        assert not run(workspace, back + dt.timedelta(minutes=10)).sent
        assert len(mail.inbox.messages) == 1
    finally:
        mail.stop()
