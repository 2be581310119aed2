"""One JSON error shape for every API error, and a plain page for the pages' errors.

``{"error": {"status": 404, "code": "unknown_name", "message": "...", "detail": {...}}}``:
``status`` repeats the HTTP status, ``code`` names the kind, ``message`` is the same sentence
the command line prints, ``detail`` (optional) carries what a program needs (the validation
report of a refused import, the fields of a bad query parameter).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from salesmetrics.errors import SalesmetricsError, UnknownNameError, UserError

log = logging.getLogger("salesmetrics.web")

CODES = {400: "bad_request", 401: "unauthenticated", 403: "forbidden", 404: "not_found",
         405: "method_not_allowed", 409: "conflict", 413: "too_large", 422: "invalid_parameter",
         429: "too_many_requests", 500: "internal_error"}  # fmt: skip


class ErrorBody(BaseModel):
    status: int
    code: str
    message: str
    detail: Any = None


class ErrorResponse(BaseModel):
    """Every error of the API."""

    error: ErrorBody


#: The error answers every API route documents (OpenAPI).
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse, "description": CODES[status].replace("_", " ")}
    for status in (400, 401, 403, 404, 413, 422, 500)
}


class ApiError(Exception):
    """An error the API answers with its status, code, message and detail."""

    def __init__(self, status: int, message: str, code: str | None = None,
                 detail: dict[str, Any] | None = None) -> None:  # fmt: skip
        super().__init__(message)
        self.status = status
        self.code = code or CODES.get(status, "error")
        self.message = message
        self.detail = detail


def error_body(status: int, code: str, message: str, detail: Any = None) -> dict[str, Any]:
    body: dict[str, Any] = {"status": status, "code": code, "message": message}
    if detail is not None:
        body["detail"] = detail
    return {"error": body}


def _wants_page(request: Request) -> bool:
    return not request.url.path.startswith("/api") and "text/html" in request.headers.get(
        "accept", ""
    )


def _answer(request: Request, status: int, code: str, message: str, detail: Any = None) -> Response:
    if _wants_page(request):
        templates = request.app.state.templates
        return templates.TemplateResponse(
            request, "error.html", {"status": status, "message": message}, status_code=status
        )
    return JSONResponse(error_body(status, code, message, detail), status_code=status)


def from_exception(exc: Exception) -> ApiError:
    """The API error of any exception salesmetrics raises."""
    if isinstance(exc, ApiError):
        return exc
    if isinstance(exc, UnknownNameError):
        detail = {"kind": exc.kind, "name": exc.name, "suggestion": exc.suggestion}
        return ApiError(404 if exc.kind == "KPI" else 400, str(exc), "unknown_name", detail)
    if isinstance(exc, UserError):
        return ApiError(400, str(exc), "user_error")
    return ApiError(500, f"internal error: {exc}", "internal_error")


def install(app: FastAPI) -> None:
    """Route every error through the one shape."""

    @app.exception_handler(ApiError)
    async def _api(request: Request, exc: ApiError) -> Response:
        return _answer(request, exc.status, exc.code, exc.message, exc.detail)

    @app.exception_handler(SalesmetricsError)
    async def _ours(request: Request, exc: SalesmetricsError) -> Response:
        err = from_exception(exc)
        return _answer(request, err.status, err.code, err.message, err.detail)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        fields = [
            {"location": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg")}
            for e in exc.errors()
        ]
        message = "; ".join(f"{f['location']}: {f['problem']}" for f in fields)
        return _answer(request, 422, "invalid_parameter", message, {"fields": fields})

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        message = str(exc.detail) if exc.detail else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"No page or route at {request.url.path}."
        return _answer(request, exc.status_code, CODES.get(exc.status_code, "error"), message)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s", request.url.path)
        message = f"internal error: {type(exc).__name__}: {exc}"
        return _answer(request, 500, "internal_error", message)
