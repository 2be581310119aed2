"""Whom a request comes from: a user (with the role it acts with and the rows it reaches), how
they were recognised, and their session's CSRF token."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from salesmetrics.access.reach import Viewer, viewer_for
from salesmetrics.access.roles import Permission, Role, allows

if TYPE_CHECKING:
    from fastapi import Request

    from salesmetrics.access.tokens import Token
    from salesmetrics.access.users import User
    from salesmetrics.web.auth.config import AuthConfig
    from salesmetrics.web.auth.sessions import Session, SessionStore
    from salesmetrics.web.workspaces import WorkspaceSource


@dataclass(frozen=True)
class Identity:
    name: str
    role: Role
    viewer: Viewer
    #: session, token, proxy or single-user
    via: str
    session: Session | None = None
    #: what a state-changing request must carry; None for bearer tokens (no ambient credential)
    csrf: str | None = None

    def may(self, permission: Permission) -> bool:
        return allows(self.role, permission)


SINGLE_USER = Identity("single-user", Role.admin, Viewer("single-user", Role.admin), "single-user")
"""The one person of a loopback server started with --single-user (an admin): no credential
travels, so no CSRF token; requests from other sites are refused by their origin."""


@dataclass(frozen=True)
class Snapshot:
    stamp: str
    users: dict[str, User]
    tokens: dict[str, Token]


class Directory:
    """Users, tokens and reaches as the workspace holds them, read again whenever the data
    stamp moves (any write to a DuckDB file; an import or a user or token change elsewhere)."""

    def __init__(self, source: WorkspaceSource) -> None:
        self.source = source
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._viewers: dict[tuple[str, int, str, str | None], Viewer] = {}

    def _fresh(self) -> Snapshot:
        from salesmetrics.access.tokens import all_tokens
        from salesmetrics.access.users import all_users

        stamp = self.source.stamp()
        with self._lock:
            if self._snapshot is not None and self._snapshot.stamp == stamp:
                return self._snapshot
        with self.source.read() as ws:
            users = {u.name: u for u in all_users(ws.backend)}
            tokens = {t.id: t for t in all_tokens(ws.backend)}
        with self._lock:
            self._snapshot = Snapshot(stamp, users, tokens)
            self._viewers = {}
            return self._snapshot

    def no_users(self) -> bool:
        return not self._fresh().users

    def user(self, name: str) -> User | None:
        """The user called ``name`` (any case) or whose email it is."""
        users = self._fresh().users
        folded = name.strip().lower()
        if folded in users:
            return users[folded]
        by_email = [u for u in users.values() if u.email and u.email.lower() == folded]
        return by_email[0] if len(by_email) == 1 else None

    def token(self, presented: str) -> User | None:
        """The user (with the token's role) a bearer token stands for, when valid now."""
        from salesmetrics.access.tokens import PREFIX, check_token

        snapshot = self._fresh()
        token_id = presented[len(PREFIX) :].split("_", 1)[0]
        token = snapshot.tokens.get(token_id)
        user = snapshot.users.get(token.user) if token else None
        found = check_token(presented, token, user)
        return found[0] if found else None

    def viewer(self, user: User) -> Viewer:
        """The rows ``user`` reaches (computed from reps once per data stamp)."""
        key = (user.name, user.epoch, user.role.value, user.rep_id)
        with self._lock:
            found = self._viewers.get(key)
        if found is None:
            with self.source.read() as ws:
                found = viewer_for(ws.backend, user)
            with self._lock:
                self._viewers[key] = found
        return found

    def identity(self, user: User, via: str, session: Session | None = None,
                 csrf: str | None = None) -> Identity:  # fmt: skip
        return Identity(user.name, user.role, self.viewer(user), via, session, csrf)


def client_of(request: Request) -> str:
    return request.client.host if request.client else ""


def recognise(request: Request, config: AuthConfig, directory: Directory,
              sessions: SessionStore) -> Identity | None:  # fmt: skip
    """The identity of ``request``, or None when it carries no valid credential."""
    from salesmetrics.web.auth.sessions import COOKIE

    if config.single_user:
        return SINGLE_USER
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        user = directory.token(header[7:].strip())
        return directory.identity(user, "token") if user else None
    if config.proxy_header and config.trusts(client_of(request)):
        named = request.headers.get(config.proxy_header, "").strip()
        if named:
            user = directory.user(named)
            if user is None or user.disabled:
                return None
            return directory.identity(user, "proxy", csrf=sessions.csrf_for(
                f"{user.name}:{user.epoch}"))  # fmt: skip
    session = sessions.find(request.cookies.get(COOKIE))
    if session is None:
        return None
    user = directory.user(session.user)
    if user is None or user.disabled or user.epoch != session.epoch:
        sessions.end(session.id)
        return None
    return directory.identity(user, "session", session, session.csrf)
