"""`salesmetrics serve`: the dashboard and REST API over a workspace (Uvicorn)."""

from __future__ import annotations

from typing import Annotated

import typer

from salesmetrics.cli.app import WorkspaceOption, app, console


@app.command("serve")
def serve_cmd(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    workspace: WorkspaceOption = None,
) -> None:
    """Serve the dashboard and the REST API (OpenAPI at /docs)."""
    import uvicorn

    from salesmetrics.web.app import create_app

    web = create_app(workspace)
    shown = f"[{host}]" if ":" in host else host
    console.print(
        f"Serving {web.state.source.display} at [bold]http://{shown}:{port}[/] "
        f"(API docs at http://{shown}:{port}/docs); Ctrl-C stops.",
        highlight=False,
    )
    if web.state.source.is_file:
        console.print(
            "The workspace file stays free between requests: `salesmetrics import` on it works "
            "while this serves (pass --wait 30 to wait for a request in flight).",
            style="dim",
            highlight=False,
        )
    uvicorn.run(web, host=host, port=port, log_level="warning")
