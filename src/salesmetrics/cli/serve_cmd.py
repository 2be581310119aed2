"""`salesmetrics serve`: the dashboard and REST API over a workspace (Uvicorn)."""

from __future__ import annotations

from typing import Annotated

import typer

from salesmetrics.cli.app import WorkspaceOption, app, console
from salesmetrics.errors import UserError


@app.command("serve")
def serve_cmd(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    single_user: Annotated[
        bool,
        typer.Option(
            "--single-user",
            help="No sign-in: you alone, on this machine (loopback only).",
        ),
    ] = False,
    auth_proxy_header: Annotated[
        str | None,
        typer.Option(
            help="Single sign-on: the header a trusted reverse proxy sets to the user's name.",
        ),
    ] = None,
    auth_proxy_trusted: Annotated[
        str | None,
        typer.Option(
            help="Comma-separated addresses or networks of that proxy (its header is believed "
            "from them only; they may also set X-Forwarded-Proto).",
        ),
    ] = None,
    schedules: Annotated[
        bool,
        typer.Option(
            "--schedules/--no-schedules",
            help="Deliver the review schedules as they fall due (default: on).",
        ),
    ] = True,
    workspace: WorkspaceOption = None,
) -> None:
    """Serve the dashboard and the REST API (OpenAPI at /docs); sign-in required unless
    --single-user."""
    import uvicorn

    from salesmetrics.web.app import create_app
    from salesmetrics.web.auth.config import AuthConfig, is_loopback

    config = AuthConfig.of(single_user, auth_proxy_header, auth_proxy_trusted)
    if single_user and not is_loopback(host):
        raise UserError(f"--single-user serves this machine only: --host {host} is not a "
                        "loopback address (use 127.0.0.1, or create users and drop "
                        "--single-user).")  # fmt: skip
    web = create_app(workspace, auth=config, run_schedules=schedules)
    nobody = not single_user and web.state.directory.no_users()
    if nobody and not is_loopback(host) and not config.proxy_header:
        raise UserError(f"{web.state.source.display} has no users: nobody could sign in on "
                        f"{host}. Add one (salesmetrics users add NAME --role admin), or serve "
                        "yourself alone on this machine with --single-user.")  # fmt: skip
    if nobody:
        console.print("This workspace has no users yet: add one with `salesmetrics users add "
                      "NAME --role admin`, or use --single-user.", style="yellow",
                      highlight=False)  # fmt: skip
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
    trusted = [str(n) for n in config.proxy_trusted] or ["127.0.0.1"]
    uvicorn.run(web, host=host, port=port, log_level="warning", proxy_headers=True,
                forwarded_allow_ips=trusted)  # fmt: skip
