"""The audit log: who did what, when, from where — kept in the workspace, newest first."""

from __future__ import annotations

import datetime as dt
import getpass
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from salesmetrics.access import store

if TYPE_CHECKING:
    from salesmetrics.backends.base import Backend

ACTIONS = (
    "sign_in", "sign_in_failed", "sign_out", "import", "import_refused", "user_add",
    "user_role", "user_disable", "user_enable", "user_password", "token_create", "token_revoke",
    "settings", "stages", "kpis_define", "kpis_remove",
)  # fmt: skip


@dataclass(frozen=True)
class Actor:
    """Who acts and from where: a user of the server, or the command line."""

    name: str
    client: str = ""

    @classmethod
    def cli(cls) -> Actor:
        return cls(cli_actor(), "local")


@dataclass(frozen=True)
class Entry:
    at: str
    actor: str
    action: str
    client: str
    detail: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return {"at": self.at, "actor": self.actor, "action": self.action,
                "client": self.client, "detail": self.detail}  # fmt: skip


def cli_actor() -> str:
    """``cli:<login name>`` for what the command line does."""
    try:
        login = getpass.getuser()
    except (KeyError, OSError):  # no user database entry (containers)
        login = "unknown"
    return f"cli:{login}"


def record(backend: Backend, actor: str, action: str, detail: dict[str, Any] | None = None,
           client: str = "") -> Entry:  # fmt: skip
    """Append an entry (in the caller's transaction, where there is one)."""
    now = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
    entry = Entry(now, actor, action, client, dict(detail or {}))
    store.put(backend, f"{store.AUDIT}{now}.{secrets.token_hex(4)}", entry.as_dict())
    return entry


def entries(backend: Backend, *, limit: int = 50, action: str | None = None,
            actor: str | None = None) -> list[Entry]:  # fmt: skip
    """The newest ``limit`` entries, optionally of one action or one actor."""
    found = [
        Entry(r["at"], r["actor"], r["action"], r.get("client", ""), r.get("detail", {}))
        for r in store.entries(backend, store.AUDIT).values()
    ]
    if action:
        found = [e for e in found if e.action == action]
    if actor:
        found = [e for e in found if e.actor.lower() == actor.strip().lower()]
    found.sort(key=lambda e: e.at, reverse=True)
    return found[:limit] if limit else found
