"""Every request passes here: security headers on every answer; a request without a valid
credential gets 401 (API) or the sign-in page (pages), except the few open paths; a
state-changing request from another site is refused, and one made with an ambient credential
(a session cookie, a proxy's header) must carry its CSRF token."""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from typing import TypeAlias
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.middleware.base import BaseHTTPMiddleware

from salesmetrics.web.auth.identity import recognise
from salesmetrics.web.errors import error_body

#: Paths anyone may ask for.
OPEN = ("/login", "/health", "/static/", "/favicon.ico")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
#: Routes whose form carries the CSRF token as a field (checked by the route, see guards).
FORM_ROUTES = ("/import", "/logout", "/login")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
#: The OpenAPI page loads Swagger UI from its CDN with an inline script.
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; img-src 'self' data: "
    "https://fastapi.tiangolo.com; frame-ancestors 'none'"
)
HEADERS = {
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
}


Next: TypeAlias = Callable[[Request], Awaitable[Response]]


def is_open(path: str) -> bool:
    return any(path == p or (p.endswith("/") and path.startswith(p)) for p in OPEN)


def is_api(path: str) -> bool:
    return path.startswith("/api") or path in ("/docs", "/openapi.json", "/redoc")


def _cross_site(request: Request) -> bool:
    """Whether a browser says the request comes from another site (``Sec-Fetch-Site``, else
    an ``Origin`` other than this server's). Programs that send neither are not browsers."""
    fetch_site = request.headers.get("sec-fetch-site", "")
    if fetch_site == "cross-site":
        return True
    origin = request.headers.get("origin")
    if not origin:
        return False
    own = f"{request.url.scheme}://{request.url.netloc}"
    return origin.rstrip("/") != own


def _refuse(status: int, code: str, message: str) -> Response:
    return JSONResponse(error_body(status, code, message), status_code=status)


class AccessMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: Next) -> Response:
        response = await self._answer(request, call_next)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        policy = DOCS_CSP if request.url.path in ("/docs", "/redoc") else CSP
        response.headers.setdefault("Content-Security-Policy", policy)
        if request.url.path != "/health" and not request.url.path.startswith("/static/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    async def _answer(self, request: Request, call_next: Next) -> Response:
        from starlette.concurrency import run_in_threadpool

        state = request.app.state
        path = request.url.path
        identity = await run_in_threadpool(
            recognise, request, state.auth, state.directory, state.sessions
        )
        request.state.identity = identity
        if is_open(path):
            return await call_next(request)
        if identity is None:
            if is_api(path) or request.method not in SAFE_METHODS:
                return _refuse(
                    401,
                    "unauthenticated",
                    "Sign in at /login, or send "
                    "`Authorization: Bearer <token>` (salesmetrics tokens create).",
                )
            target = path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
        if request.method not in SAFE_METHODS and _cross_site(request):
            return _refuse(403, "csrf", "A state-changing request from another site is refused.")
        if (request.method not in SAFE_METHODS and identity.csrf is not None
                and path not in FORM_ROUTES):  # fmt: skip
            sent = request.headers.get("x-csrf-token", "")
            if not sent or not hmac.compare_digest(sent, identity.csrf):
                return _refuse(403, "csrf", "This request needs the CSRF token of your session "
                               "(header X-CSRF-Token).")  # fmt: skip
        return await call_next(request)
