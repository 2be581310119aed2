"""The web application: the REST API under ``/api`` (OpenAPI at ``/docs``) and the dashboard
pages, over one workspace."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from salesmetrics import __version__
from salesmetrics.web import errors
from salesmetrics.web.api import imports, kpis, scorecard, tables
from salesmetrics.web.api import insights as insights_api
from salesmetrics.web.auth.config import AuthConfig
from salesmetrics.web.auth.identity import Directory
from salesmetrics.web.auth.middleware import AccessMiddleware
from salesmetrics.web.auth.sessions import SessionStore
from salesmetrics.web.auth.throttle import LoginThrottle
from salesmetrics.web.cache import ResultCache
from salesmetrics.web.views import (
    account,
    analysis,
    boards,
    formatting,
    insights,
    pages,
    reviews,
)
from salesmetrics.web.workspaces import WAIT_SECONDS, WorkspaceSource

HERE = Path(__file__).parent


def plotly_js() -> Path:
    """plotly.js as the installed ``plotly`` package ships it (no CDN: works offline)."""
    import plotly

    return Path(plotly.__file__).parent / "package_data"


def create_app(location: str | Path | None = None, wait: float = WAIT_SECONDS, *,
               single_user: bool = False, auth: AuthConfig | None = None,
               run_schedules: bool = False) -> FastAPI:  # fmt: skip
    """The app serving the workspace at ``location`` (refused at once if it is not one).

    Every route but sign-in and health needs a session or an API token, unless
    ``single_user`` (one person on a loopback server) or ``auth`` says otherwise.
    ``run_schedules``: deliver the review schedules as they fall due (``serve`` does)."""
    source = WorkspaceSource(location, wait=wait)
    config = auth or AuthConfig(single_user=single_user)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        scheduler = None
        if run_schedules:
            from salesmetrics.web import schedule_runner

            scheduler = schedule_runner.start(source)
        yield
        if scheduler is not None:
            scheduler.shutdown(wait=False)
        source.close()

    app = FastAPI(
        lifespan=lifespan,
        title="salesmetrics",
        version=__version__,
        description="B2B sales KPIs: the numbers of `salesmetrics kpi`, `explain`, `tables`, "
        "`scorecard` and `import`, over HTTP. Every error answers "
        '`{"error": {"status", "code", "message", "detail"}}`.',
    )
    app.state.source = source
    app.state.cache = ResultCache()
    app.state.auth = config
    app.state.directory = Directory(source)
    app.state.sessions = SessionStore(config.session_hours * 3600)
    app.state.throttle = LoginThrottle()
    app.add_middleware(AccessMiddleware)
    templates = Jinja2Templates(directory=HERE / "templates")
    formatting.install(templates.env)
    app.state.templates = templates
    errors.install(app)
    for router in (
        kpis.router,
        tables.router,
        imports.router,
        scorecard.router,
        pages.router,
        boards.router,
        analysis.router,
        account.router,
        insights_api.router,
        insights.router,
        reviews.router,
    ):
        app.include_router(router)
    app.mount("/static/plotly", StaticFiles(directory=plotly_js()), name="plotly")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    return app
