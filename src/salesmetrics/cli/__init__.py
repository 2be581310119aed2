"""The command line: thin commands that parse, call the library and print.

Each command group lives in its own module and registers itself on ``app`` when imported.
"""

from __future__ import annotations

from salesmetrics.cli import (  # noqa: F401  (modules register their commands)
    access_cmds,
    demo_cmd,
    import_cmd,
    insight_cmds,
    kpi_cmds,
    pipeline_cmds,
    quality_cmds,
    revenue_cmds,
    review_cmds,
    scorecard_cmd,
    serve_cmd,
    workspace_cmds,
)
from salesmetrics.cli.access_cmds import tokens_app, users_app
from salesmetrics.cli.alert_cmds import alerts_app
from salesmetrics.cli.app import app, main
from salesmetrics.cli.catalog_cmds import kpis_app
from salesmetrics.cli.review_cmds import schedules_app
from salesmetrics.cli.stage_cmds import stages_app

app.add_typer(stages_app, name="stages")
app.add_typer(kpis_app, name="kpis")
app.add_typer(users_app, name="users")
app.add_typer(tokens_app, name="tokens")
app.add_typer(alerts_app, name="alerts")
app.add_typer(schedules_app, name="schedules")

__all__ = ["app", "main"]
