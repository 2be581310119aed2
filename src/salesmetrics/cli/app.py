"""The Typer application and the entry point that maps errors to exit statuses."""

from __future__ import annotations

import os
from typing import Annotated

import typer
from rich.console import Console

from salesmetrics import __version__
from salesmetrics.errors import Interrupted, SalesmetricsError, UserError

app = typer.Typer(
    name="salesmetrics",
    help="B2B sales KPIs: import CRM, billing and marketing data; compute and explain KPIs.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

#: Width of output that goes to a file or a pipe: wide enough never to cut a table.
PIPED_WIDTH = 10_000


def make_console(stderr: bool = False) -> Console:
    """A Rich console; piped or redirected output is not cut at 80 columns ($COLUMNS wins)."""
    probe = Console(stderr=stderr)
    if probe.is_terminal or os.environ.get("COLUMNS"):
        return probe
    return Console(stderr=stderr, width=PIPED_WIDTH)


console = make_console()
err_console = make_console(stderr=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"salesmetrics {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """B2B sales KPIs: import CRM, billing and marketing data; compute and explain KPIs."""


WorkspaceOption = Annotated[
    str | None,
    typer.Option(
        "--workspace",
        "-w",
        help="Workspace: a DuckDB file, a postgresql:// URL or a spark: location (default: "
        "$SALESMETRICS_WORKSPACE, else ./salesmetrics.duckdb).",
        show_default=False,
    ),
]
WaitOption = Annotated[
    float,
    typer.Option(
        "--wait",
        min=0,
        help="Seconds to wait for a workspace another process is writing (default: 0).",
        show_default=False,
    ),
]


def fail(message: str) -> None:
    """Print a one-line user error and exit 2."""
    err_console.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise SystemExit(2)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI: user errors exit 2 with one line on stderr, internal errors exit 1."""
    # Typer itself answers usage errors (exit 2) and --help; our own errors arrive here.
    try:
        app(args=argv)
    except UserError as exc:
        fail(str(exc))
    except Interrupted as exc:
        err_console.print(f"[bold yellow]interrupted:[/] {exc}", highlight=False, soft_wrap=True)
        raise SystemExit(130) from None
    except SalesmetricsError as exc:
        err_console.print(f"[bold red]internal error:[/] {exc}", highlight=False)
        raise SystemExit(exc.exit_code) from None
    except KeyboardInterrupt:
        err_console.print("[bold yellow]interrupted[/]", highlight=False)
        raise SystemExit(130) from None
    except Exception as exc:  # pragma: no cover - last resort
        err_console.print(f"[bold red]internal error:[/] {type(exc).__name__}: {exc}")
        err_console.print("Please report this at the salesmetrics issue tracker.")
        raise SystemExit(1) from None
