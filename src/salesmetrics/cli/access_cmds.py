"""`salesmetrics users`, `tokens` and `audit`: who may use the server, their API tokens, and
the log of what was done (docs/access-control.md)."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from salesmetrics.cli.app import WaitOption, WorkspaceOption, app, console
from salesmetrics.workspace import Workspace

users_app = typer.Typer(help="Users of the dashboard and API: roles, links to reps, passwords.",
                        no_args_is_help=True)  # fmt: skip
tokens_app = typer.Typer(help="API tokens (Authorization: Bearer sm_…).", no_args_is_help=True)


class Format(StrEnum):
    table = "table"
    json = "json"


class RoleName(StrEnum):
    admin = "admin"
    executive = "executive"
    manager = "manager"
    rep = "rep"


FormatOption = Annotated[
    Format, typer.Option("--format", "-f", case_sensitive=False, help="table or json.")
]
StdinOption = Annotated[
    bool, typer.Option("--password-stdin", help="Read the password from standard input.")
]


def _password(from_stdin: bool) -> str:
    """The new password: the first line of stdin, or asked twice without echo."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


def _audit(ws: Workspace, action: str, detail: dict[str, object]) -> None:
    from salesmetrics.access.audit import Actor, record

    actor = Actor.cli()
    record(ws.backend, actor.name, action, detail, actor.client)


@users_app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(help="User name (sign-in name; letters, digits, .-_@+).")],
    role: Annotated[RoleName, typer.Option(case_sensitive=False, help="The user's role.")],
    rep: Annotated[str | None, typer.Option(help="Rep id (required for manager and rep).")] = None,
    email: Annotated[str | None, typer.Option(help="Email (may also be used to sign in).")] = None,
    password_stdin: StdinOption = False,
    workspace: WorkspaceOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """Add a user with a role (and the rep whose rows a manager or rep reads)."""
    from salesmetrics.access.users import add_user

    password = _password(password_stdin)
    with Workspace(workspace, wait=wait) as ws, ws.backend.transaction():
        user = add_user(ws, name, role.value, rep_id=rep, email=email, password=password)
        _audit(ws, "user_add", {"user": user.name, "role": user.role.value, "rep_id": user.rep_id})
    linked = f", linked to rep {user.rep_id}" if user.rep_id else ""
    console.print(f"User {user.name} added: {user.role.value}{linked}.", highlight=False)


@users_app.command("list")
def users_list(format: FormatOption = Format.table, workspace: WorkspaceOption = None,
               wait: WaitOption = 0.0) -> None:  # fmt: skip
    """Every user: role, rep, email, whether disabled."""
    from salesmetrics.access.users import all_users

    with Workspace(workspace, read_only=True, wait=wait) as ws:
        users = all_users(ws.backend)
    if format is Format.json:
        print(json.dumps({"data": [u.public() for u in users], "count": len(users)}))
        return
    view = Table("user", "role", "rep", "email", "status", "created", title="Users")
    for u in users:
        view.add_row(escape(u.name), u.role.value, escape(u.rep_id or ""), escape(u.email or ""),
                     "disabled" if u.disabled else "active", u.created_at[:10])  # fmt: skip
    console.print(view)
    if not users:
        console.print("No users yet: salesmetrics users add NAME --role admin", highlight=False)


@users_app.command("set-role")
def users_set_role(
    name: Annotated[str, typer.Argument(help="User name.")],
    role: Annotated[RoleName, typer.Argument(case_sensitive=False, help="The new role.")],
    rep: Annotated[str | None, typer.Option(help="Rep id (manager and rep).")] = None,
    workspace: WorkspaceOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """Change a user's role (their sessions end)."""
    from salesmetrics.access.users import set_role

    with Workspace(workspace, wait=wait) as ws, ws.backend.transaction():
        user = set_role(ws, name, role.value, rep)
        _audit(ws, "user_role", {"user": user.name, "role": user.role.value, "rep_id": user.rep_id})
    console.print(f"User {user.name} is now {user.role.value}.", highlight=False)


def _set_disabled(name: str, disabled: bool, workspace: str | None, wait: float) -> None:
    from salesmetrics.access.users import set_disabled

    with Workspace(workspace, wait=wait) as ws, ws.backend.transaction():
        user = set_disabled(ws, name, disabled)
        _audit(ws, "user_disable" if disabled else "user_enable", {"user": user.name})
    state = "disabled: their sessions and tokens stop working" if disabled else "enabled"
    console.print(f"User {user.name} {state}.", highlight=False)


@users_app.command("disable")
def users_disable(name: Annotated[str, typer.Argument(help="User name.")],
                  workspace: WorkspaceOption = None, wait: WaitOption = 0.0) -> None:  # fmt: skip
    """Disable a user: their sessions and tokens stop working at once."""
    _set_disabled(name, True, workspace, wait)


@users_app.command("enable")
def users_enable(name: Annotated[str, typer.Argument(help="User name.")],
                 workspace: WorkspaceOption = None, wait: WaitOption = 0.0) -> None:  # fmt: skip
    """Enable a disabled user again."""
    _set_disabled(name, False, workspace, wait)


@users_app.command("reset-password")
def users_reset_password(
    name: Annotated[str, typer.Argument(help="User name.")],
    password_stdin: StdinOption = False,
    workspace: WorkspaceOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """Set a new password (the user's sessions end)."""
    from salesmetrics.access.users import reset_password

    password = _password(password_stdin)
    with Workspace(workspace, wait=wait) as ws, ws.backend.transaction():
        user = reset_password(ws, name, password)
        _audit(ws, "user_password", {"user": user.name})
    console.print(f"Password of {user.name} changed.", highlight=False)


@tokens_app.command("create")
def tokens_create(
    user: Annotated[str, typer.Option(help="The user the token acts as.")],
    role: Annotated[
        RoleName | None, typer.Option(case_sensitive=False, help="A lower role than the user's.")
    ] = None,
    expires_days: Annotated[int, typer.Option(help="Days until it expires.")] = 90,
    name: Annotated[str | None, typer.Option("--name", help="A label (what it is for).")] = None,
    workspace: WorkspaceOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """Create an API token; it is printed once (only its hash is kept)."""
    from salesmetrics.access.tokens import create_token

    with Workspace(workspace, wait=wait) as ws, ws.backend.transaction():
        token = create_token(ws, user, role=role.value if role else None,
                             expires_days=expires_days, label=name)  # fmt: skip
        _audit(ws, "token_create", {"user": user.strip().lower(), "token": token.split("_")[1]})
    print(token)
    console.print("Keep it now: it is not shown again. Send it as `Authorization: Bearer "
                  "<token>`.", style="dim", highlight=False)  # fmt: skip


@tokens_app.command("list")
def tokens_list(
    user: Annotated[str | None, typer.Option(help="Only this user's tokens.")] = None,
    format: FormatOption = Format.table,
    workspace: WorkspaceOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """Every token (never its secret): user, role, label, expiry, revoked."""
    from salesmetrics.access.tokens import all_tokens

    with Workspace(workspace, read_only=True, wait=wait) as ws:
        tokens = all_tokens(ws.backend, user)
    if format is Format.json:
        print(json.dumps({"data": [t.public() for t in tokens], "count": len(tokens)}))
        return
    view = Table("id", "user", "role", "label", "created", "expires", "status", title="Tokens")
    for t in tokens:
        status = "revoked" if t.revoked else "expired" if t.expired() else "active"
        view.add_row(t.id, escape(t.user), t.role.value, escape(t.label), t.created_at[:10],
                     t.expires_at[:10], status)  # fmt: skip
    console.print(view)


@tokens_app.command("revoke")
def tokens_revoke(token_id: Annotated[str, typer.Argument(help="The token's id (tokens list).")],
                  workspace: WorkspaceOption = None, wait: WaitOption = 0.0) -> None:  # fmt: skip
    """Revoke a token: it stops working at once."""
    from salesmetrics.access.tokens import revoke_token

    with Workspace(workspace, wait=wait) as ws, ws.backend.transaction():
        token = revoke_token(ws, token_id)
        _audit(ws, "token_revoke", {"user": token.user, "token": token.id})
    console.print(f"Token {token.id} of {token.user} revoked.", highlight=False)


@app.command("audit")
def audit_cmd(
    limit: Annotated[int, typer.Option(min=0, help="Entries to show, newest first (0: all).")] = 50,
    action: Annotated[str | None, typer.Option(help="Only this action (e.g. sign_in).")] = None,
    user: Annotated[str | None, typer.Option(help="Only this actor.")] = None,
    format: FormatOption = Format.table,
    workspace: WorkspaceOption = None,
    wait: WaitOption = 0.0,
) -> None:
    """The audit log: sign-ins, imports, user, token and settings changes."""
    from salesmetrics.access.audit import ACTIONS, entries
    from salesmetrics.errors import UnknownNameError

    if action and action not in ACTIONS:
        raise UnknownNameError("action", action, ACTIONS)
    with Workspace(workspace, read_only=True, wait=wait) as ws:
        found = entries(ws.backend, limit=limit, action=action, actor=user)
    if format is Format.json:
        print(json.dumps({"data": [e.as_dict() for e in found], "count": len(found)}, default=str))
        return
    view = Table("when (UTC)", "who", "action", "from", "detail", title="Audit log")
    for e in found:
        detail = ", ".join(f"{k}={v}" for k, v in e.detail.items())
        view.add_row(e.at[:19].replace("T", " "), escape(e.actor), e.action, escape(e.client),
                     escape(detail))  # fmt: skip
    console.print(view)
