"""Signing in and out, the health check, and the admins' pages (audit log, users)."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from salesmetrics.access.roles import Permission
from salesmetrics.web.auth.guards import IdentityDep, check_form_csrf, require
from salesmetrics.web.auth.identity import client_of
from salesmetrics.web.auth.sessions import COOKIE, LOGIN_CSRF_COOKIE
from salesmetrics.web.errors import ApiError
from salesmetrics.web.views.rendering import render

router = APIRouter(include_in_schema=False)
AdminDep = Annotated[object, Depends(require(Permission.administer))]


def _safe_next(target: str | None) -> str:
    """Only a path of this site (no scheme, no other host) is followed after signing in."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def _login_page(request: Request, status: int = 200, message: str = "",
                name: str = "", headers: dict[str, str] | None = None) -> HTMLResponse:  # fmt: skip
    token = secrets.token_urlsafe(24)
    sessions = request.app.state.sessions
    response = render(request, "login.html", None, login_csrf=token, message=message, name=name,
                      next=_safe_next(request.query_params.get("next")),
                      no_users=request.app.state.directory.no_users())  # fmt: skip
    response.status_code = status
    response.set_cookie(LOGIN_CSRF_COOKIE, sessions.sign(token), max_age=3600, httponly=True,
                        samesite="strict", secure=_secure(request), path="/login")  # fmt: skip
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> Response:
    if request.app.state.auth.single_user:
        return RedirectResponse("/", status_code=303)
    return _login_page(request)


def _audit(request: Request, actor: str, action: str, detail: dict[str, object]) -> None:
    from salesmetrics.access.audit import record

    with request.app.state.source.write() as ws:
        record(ws.backend, actor, action, detail, client_of(request))


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    username: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    """Check the password; a new session (a new id) on success; throttled failures."""
    from salesmetrics.access.users import authenticate

    state = request.app.state
    client = client_of(request)
    expected = state.sessions.unsign(request.cookies.get(LOGIN_CSRF_COOKIE))
    if not expected or not secrets.compare_digest(expected, csrf_token):
        return _login_page(request, 403, "The sign-in form expired; please try again.", username)
    wait = state.throttle.retry_after(username, client)
    if wait:
        _audit(request, username.strip().lower() or "-", "sign_in_failed",
               {"reason": "throttled", "retry_after": wait})  # fmt: skip
        return _login_page(request, 429, f"Too many failed sign-ins: try again in {wait} s.",
                           username, {"Retry-After": str(wait)})  # fmt: skip
    with state.source.read() as ws:
        user, reason = authenticate(ws.backend, username, password)
    if user is None:
        state.throttle.failed(username, client)
        _audit(request, username.strip().lower() or "-", "sign_in_failed", {"reason": reason})
        return _login_page(request, 401, "Wrong user name or password (or the user is "
                           "disabled).", username)  # fmt: skip
    state.throttle.succeeded(username)
    old = state.sessions.find(request.cookies.get(COOKIE))
    if old is not None:
        state.sessions.end(old.id)
    _session, cookie = state.sessions.start(user.name, user.epoch)
    _audit(request, user.name, "sign_in", {"role": user.role.value})
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(COOKIE, cookie, max_age=int(state.sessions.lifetime), httponly=True,
                        samesite="lax", secure=_secure(request), path="/")  # fmt: skip
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


@router.post("/logout")
def logout(request: Request, identity: IdentityDep,
           csrf_token: Annotated[str, Form()] = "") -> Response:  # fmt: skip
    check_form_csrf(identity, csrf_token)
    if identity.session is not None:
        request.app.state.sessions.end(identity.session.id)
        _audit(request, identity.name, "sign_out", {})
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


@router.get("/health")
def health() -> JSONResponse:
    return JSONResponse({"status": "ok"})


@router.get("/admin/audit", response_class=HTMLResponse)
def audit_page(request: Request, _admin: AdminDep, action: str = "", user: str = "",
               limit: int = 200) -> HTMLResponse:  # fmt: skip
    """The audit log, newest first (admins)."""
    from salesmetrics.access.audit import ACTIONS, entries

    if action and action not in ACTIONS:
        raise ApiError(400, f"Unknown action {action!r}; one of {', '.join(ACTIONS)}.")
    with request.app.state.source.read() as ws:
        found = entries(ws.backend, limit=max(1, min(limit, 5000)), action=action or None,
                        actor=user or None)  # fmt: skip
    return render(request, "audit.html", None, entries=found, actions=ACTIONS, action=action,
                  user=user)  # fmt: skip


@router.get("/admin/users", response_class=HTMLResponse)
def users_page(request: Request, _admin: AdminDep) -> HTMLResponse:
    """Users and their tokens (never a secret); changes are made with `salesmetrics users`."""
    from salesmetrics.access.tokens import all_tokens
    from salesmetrics.access.users import all_users

    with request.app.state.source.read() as ws:
        users = all_users(ws.backend)
        tokens = all_tokens(ws.backend)
    return render(request, "users.html", None, users=users, tokens=tokens)
