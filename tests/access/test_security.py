"""Sign-in, sessions, tokens, CSRF, throttling, headers and role checks of `serve`, on the real
app over a real DuckDB workspace."""

from __future__ import annotations

import re
import subprocess
import sys
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.routing import Mount

from salesmetrics.access.audit import entries
from salesmetrics.access.users import set_disabled
from salesmetrics.web.app import create_app
from salesmetrics.web.auth.config import AuthConfig
from salesmetrics.workspace import Workspace
from tests.access.conftest import LOGIN_TOKEN, PASSWORD, Served, bearer, sign_in

OPEN = {"/login", "/health"}


def every_route(routes: list[Any]) -> list[Any]:
    """The app's routes, those of included routers too (FastAPI keeps them nested)."""
    found = []
    for route in routes:
        if hasattr(route, "original_router"):
            found += every_route(route.original_router.routes)
        elif not isinstance(route, Mount):
            found.append(route)
    return found


def concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "revenue", path).replace(
        "/api/imports/revenue", "/api/imports/opportunities"
    )


def test_nothing_answers_without_a_session_or_token(app_client: TestClient) -> None:
    """Every route of the app (pages and API) but sign-in and health refuses an anonymous
    request: 401 for the API, the sign-in page for pages."""
    routes = every_route(app_client.app.routes)  # type: ignore[attr-defined]
    checked = 0
    for route in routes:
        for method in route.methods - {"HEAD"}:  # type: ignore[attr-defined]
            path = concrete(route.path)  # type: ignore[attr-defined]
            answer = app_client.request(method, path)
            if route.path in OPEN:  # type: ignore[attr-defined]
                assert answer.status_code < 400 or route.path == "/login", (method, path)
                continue
            checked += 1
            if (
                path.startswith("/api")
                or path in ("/docs", "/openapi.json", "/redoc")
                or (method != "GET")
            ):
                assert answer.status_code == 401, (method, path, answer.status_code)
                assert answer.json()["error"]["code"] == "unauthenticated"
            else:
                assert answer.status_code == 303, (method, path, answer.status_code)
                assert answer.headers["location"].startswith("/login?next=")
    assert checked >= 20
    assert app_client.get("/health").json() == {"status": "ok"}
    # a made-up token or cookie is no better
    assert app_client.get("/api/kpis", headers=bearer("sm_abc_def")).status_code == 401
    app_client.cookies.set("sm_session", "forged")
    assert app_client.get("/api/kpis").status_code == 401


def test_security_headers_on_every_answer(app_client: TestClient, served: Served) -> None:
    for path, headers in (("/login", {}), ("/api/kpis", bearer(served.tokens["ann"])),
                          ("/", bearer(served.tokens["ann"])), ("/nowhere", {})):  # fmt: skip
        answer = app_client.get(path, headers=headers)
        assert answer.headers["x-frame-options"] == "DENY", path
        assert answer.headers["referrer-policy"] == "same-origin", path
        assert answer.headers["x-content-type-options"] == "nosniff", path
        assert "frame-ancestors 'none'" in answer.headers["content-security-policy"], path
        assert "script-src 'self'" in answer.headers["content-security-policy"], path


def test_sign_in_sets_a_new_hardened_session_and_signs_out(app_client: TestClient) -> None:
    assert app_client.get("/").status_code == 303
    status, _ = sign_in(app_client, "mia")
    first = app_client.cookies.get("sm_session")
    assert status == 303 and first
    answer = app_client.get("/")
    assert answer.status_code == 200 and "mia · manager" in answer.text
    # signing in again (e.g. as another user) issues another session id
    status, csrf = sign_in(app_client, "ann")
    second = app_client.cookies.get("sm_session")
    assert status == 303 and second and second != first
    # the first session is over
    app_client.cookies.set("sm_session", first)
    assert app_client.get("/").status_code == 303
    app_client.cookies.set("sm_session", second)
    # sign out needs the CSRF token
    assert app_client.post("/logout").status_code == 403
    assert app_client.post("/logout", data={"csrf_token": csrf}).status_code == 303
    assert app_client.get("/").status_code == 303


def test_session_cookie_flags(served: Served) -> None:
    with TestClient(create_app(served.path, wait=5), follow_redirects=False) as client:
        form = client.get("/login")
        token = re.search(LOGIN_TOKEN, form.text).group(1)  # type: ignore[union-attr]
        answer = client.post("/login", data={"username": "ann", "password": PASSWORD,
                                             "csrf_token": token})  # fmt: skip
        cookie = next(c for c in answer.headers.get_list("set-cookie") if "sm_session=" in c)
        assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
        assert "Secure" not in cookie  # plain http; behind TLS it is set:
    with TestClient(create_app(served.path, wait=5), base_url="https://testserver",
                    follow_redirects=False) as tls:  # fmt: skip
        form = tls.get("/login")
        token = re.search(LOGIN_TOKEN, form.text).group(1)  # type: ignore[union-attr]
        answer = tls.post("/login", data={"username": "ann", "password": PASSWORD,
                                          "csrf_token": token})  # fmt: skip
        cookie = next(c for c in answer.headers.get_list("set-cookie") if "sm_session=" in c)
        assert "Secure" in cookie


def test_sign_in_form_needs_its_csrf_token(app_client: TestClient) -> None:
    app_client.get("/login")
    answer = app_client.post("/login", data={"username": "ann", "password": PASSWORD})
    assert answer.status_code == 403 and "sm_session" not in app_client.cookies


def test_csrf_less_and_cross_site_posts_are_refused(app_client: TestClient,
                                                    served: Served) -> None:  # fmt: skip
    _, csrf = sign_in(app_client, "root")
    upload = {"file": ("reps.csv", b"rep_id,name\nr9,Zed\n", "text/csv")}
    # a form post without the token
    page = app_client.post("/import", data={"table": "reps"}, files=upload)
    assert page.status_code == 403
    # an API post with the session cookie and no X-CSRF-Token header
    api = app_client.post("/api/imports/reps", files=upload)
    assert api.status_code == 403 and api.json()["error"]["code"] == "csrf"
    # with the token it goes through
    ok = app_client.post("/api/imports/reps", files=upload, headers={"X-CSRF-Token": csrf})
    assert ok.status_code == 200, ok.text
    # another site's page posting with the user's cookie is refused even with a token
    evil = app_client.post("/api/imports/reps", files=upload, headers={
        "X-CSRF-Token": csrf, "Origin": "https://evil.example"})  # fmt: skip
    assert evil.status_code == 403
    # a bearer token carries no ambient credential: no CSRF token needed
    app_client.cookies.clear()
    assert app_client.post("/api/imports/reps", files=upload,
                           headers=bearer(served.tokens["root"])).status_code == 200  # fmt: skip
    # nothing stored by the refused requests: one row, imported twice (upsert)
    with Workspace(served.path, read_only=True) as ws:
        assert ws.backend.rows("SELECT count(*) FROM reps WHERE rep_id = 'r9'")[0][0] == 1
        imports = entries(ws.backend, action="import")
        assert [e.actor for e in imports[:2]] == ["root", "root"]
        assert imports[0].detail["file"] == "reps.csv" and imports[0].detail["stored"] == 1


def test_roles_limit_what_may_be_done(app_client: TestClient, served: Served) -> None:
    upload = {"file": ("reps.csv", b"rep_id,name\nr9,Zed\n", "text/csv")}
    for name in ("eve", "mia", "ann"):
        headers = bearer(served.tokens[name])
        answer = app_client.post("/api/imports/reps", files=upload, headers=headers)
        assert answer.status_code == 403 and answer.json()["error"]["code"] == "forbidden"
        assert app_client.get("/admin/audit", headers=headers).status_code == 403
        assert app_client.get("/import", headers=headers).status_code == 403
    assert app_client.get("/api/tables", headers=bearer(served.tokens["eve"])).status_code == 200
    for name in ("mia", "ann"):
        assert app_client.get("/api/tables", headers=bearer(served.tokens[name])).status_code == 403
    admin = bearer(served.tokens["root"])
    assert app_client.get("/admin/audit", headers=admin).status_code == 200
    assert "ann" in app_client.get("/admin/users", headers=admin).text


def test_a_rep_cannot_reach_another_reps_deal(app_client: TestClient, served: Served) -> None:
    """ann (r1) asks for r4's deals by rep id, by name, by explain: nothing of r4 comes back."""
    ann = bearer(served.tokens["ann"])
    for where in ("rep:r4", "rep:Dee Dunn", "team:West"):
        answer = app_client.get(f"/api/kpis/revenue?grain=total&from=2023-01-01&where={where}",
                                headers=ann)  # fmt: skip
        assert answer.status_code == 400, (where, answer.text)
        message = answer.json()["error"]["message"]
        listed = message.split("Values of", 1)[1]  # what the user may pick from (their input
        assert "r4" not in listed and "Dee" not in listed and "West" not in listed  # is echoed)
        assert "r1" in listed or "East" in listed
    explain = app_client.get("/api/kpis/revenue/explain?grain=total&from=2023-01-01&limit=1000",
                             headers=ann).json()  # fmt: skip
    with Workspace(served.path, read_only=True) as ws:
        mine = {r[0] for r in ws.backend.rows(
            "SELECT opportunity_id FROM opportunities WHERE owner_rep_id = 'r1'")}  # fmt: skip
    ids = {r["opportunity_id"] for r in explain["records"]}
    assert ids and ids <= mine


def test_a_disabled_users_session_and_token_stop_at_once(app_client: TestClient,
                                                          served: Served) -> None:  # fmt: skip
    sign_in(app_client, "mia")
    assert app_client.get("/").status_code == 200
    token = bearer(served.tokens["mia"])
    assert app_client.get("/api/kpis", headers=token).status_code == 200
    with Workspace(served.path) as ws:  # another process would do the same: the file changes
        set_disabled(ws, "mia", True)
    assert app_client.get("/").status_code == 303
    assert app_client.get("/api/kpis", headers=token).status_code == 401


def test_brute_force_sign_ins_are_throttled_and_audited(app_client: TestClient,
                                                         served: Served) -> None:  # fmt: skip
    for _ in range(5):
        assert sign_in(app_client, "ann", "not the password")[0] == 401
    status, _ = sign_in(app_client, "ann")  # the right password, but too late
    assert status == 429
    form = app_client.get("/login")
    token = re.search(LOGIN_TOKEN, form.text).group(1)  # type: ignore[union-attr]
    answer = app_client.post("/login", data={"username": "ann", "password": PASSWORD,
                                             "csrf_token": token})  # fmt: skip
    assert answer.status_code == 429 and int(answer.headers["retry-after"]) > 0
    assert sign_in(app_client, "mia")[0] == 303  # another user is not locked out
    with Workspace(served.path, read_only=True) as ws:
        failed = entries(ws.backend, action="sign_in_failed", limit=0)
        reasons = [e.detail["reason"] for e in failed if e.actor == "ann"]
        assert reasons.count("wrong password") == 5 and "throttled" in reasons
        assert entries(ws.backend, action="sign_in")[0].actor == "mia"


def test_trusted_proxy_header(served: Served) -> None:
    config = AuthConfig.of(proxy_header="X-WebAuth-User", proxy_trusted="10.0.0.0/8")
    app = create_app(served.path, wait=5, auth=config)
    with TestClient(app, client=("10.1.2.3", 4000), follow_redirects=False) as proxied:
        answer = proxied.get("/", headers={"X-WebAuth-User": "mia"})
        assert answer.status_code == 200 and "mia · manager" in answer.text
        assert proxied.get("/", headers={"X-WebAuth-User": "nobody"}).status_code == 303
    with TestClient(app, client=("192.168.1.9", 4000), follow_redirects=False) as direct:
        assert direct.get("/", headers={"X-WebAuth-User": "mia"}).status_code == 303


def test_results_are_never_shared_between_scopes(app_client: TestClient, served: Served) -> None:
    url = "/api/kpis/revenue?grain=total&from=2023-01-01&to=2025-03-31"
    values = {}
    for name in ("ann", "dee", "root", "ann"):
        values.setdefault(name, set()).add(
            app_client.get(url, headers=bearer(served.tokens[name])).json()["rows"][0]["value"]
        )
    assert len(values["ann"]) == 1
    assert len({*values["ann"], *values["dee"], *values["root"]}) == 3


def test_serve_refuses_unsafe_setups(served: Served, tmp_path: pytest.TempPathFactory) -> None:
    def serve(*args: str, path: str = str(served.path)) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "salesmetrics", "serve", *args, "-w", path],
                              capture_output=True, text=True, timeout=60)  # fmt: skip

    single = serve("--single-user", "--host", "0.0.0.0")
    assert single.returncode == 2 and "loopback" in single.stderr
    from tests.reference.fixture import load_workspace

    empty = load_workspace(tmp_path / "nobody.duckdb")  # type: ignore[operator]
    nobody = serve("--host", "0.0.0.0", path=str(empty))
    assert nobody.returncode == 2 and "no users" in nobody.stderr


def test_many_failures_from_one_address_are_throttled(app_client: TestClient) -> None:
    """Guessing across many user names from one address is stopped too (20 in 15 minutes)."""
    for i in range(20):
        assert sign_in(app_client, f"guess{i}", "not the password")[0] == 401
    assert sign_in(app_client, "mia")[0] == 429
