"""Whom a request is answered for: the ``Viewer``, and the reps a user reaches.

A restricted viewer (manager, rep) carries the rep ids they reach; every engine query carries
them as its scope (``rep`` in those ids — the record's own rep for deals, leads and activities,
the account's owner for accounts, subscriptions, invoices and surveys). Admins and executives
reach every row.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from salesmetrics.access.roles import Role

if TYPE_CHECKING:
    from salesmetrics.access.users import User
    from salesmetrics.backends.base import Backend


@dataclass(frozen=True)
class Viewer:
    """A user as the engine sees them: a role and, when restricted, the reps they reach."""

    name: str
    role: Role
    rep_id: str | None = None
    #: rep ids reached; None reaches every row (admin, executive)
    reps: frozenset[str] | None = None
    #: teams all of whose reps are reached (their targets apply)
    whole_teams: frozenset[str] = field(default_factory=frozenset)

    @property
    def restricted(self) -> bool:
        return self.reps is not None

    def scope(self) -> dict[str, list[str]]:
        """The engine's scope filter: ``{"rep": [...]}`` for a restricted viewer, else ``{}``."""
        return {"rep": sorted(self.reps)} if self.reps is not None else {}

    @property
    def cache_key(self) -> tuple[str, ...]:
        """Equal exactly for viewers who see the same rows (results may be shared by them)."""
        if self.reps is None:
            return ("all",)
        digest = hashlib.sha256("\x1f".join(sorted(self.reps)).encode()).hexdigest()
        return ("reps", digest)

    def describe(self) -> str:
        return f"{self.name} ({self.role.value})"


#: The command line and a single-user server: whoever holds the workspace reads everything.
EVERYONE = Viewer("admin", Role.admin)


def _key(value: Any) -> str:
    return str(value).strip().lower() if value is not None else ""


def reached_reps(rows: Iterable[tuple[Any, ...]], role: Role, rep_id: str | None) -> set[str]:
    """The rep ids a manager or rep linked to ``rep_id`` reaches, from the reps table's
    (rep_id, name, email, team, manager) rows (docs/access-control.md)."""
    reps = [tuple(r) for r in rows]
    if rep_id is None:
        return set()
    if role is Role.rep:
        return {rep_id}
    named: dict[str, set[str]] = {}
    for rid, name, email, _team, _manager in reps:
        for alias in (name, email):
            if _key(alias):
                named.setdefault(_key(alias), set()).add(str(rid))
    # a manager is named by rep id, or by a name or email of exactly one rep (an ambiguous
    # name reaches no one: access fails closed)
    aliases = {alias: ids for alias, ids in named.items() if len(ids) == 1}
    aliases.update({_key(rid): {str(rid)} for rid, *_ in reps})
    reports: dict[str, set[str]] = {}  # manager's rep id (folded) -> the reps naming them
    for rid, _name, _email, _team, manager in reps:
        boss = _key(manager)
        if not boss or (boss in named and len(named[boss]) > 1 and boss not in aliases):
            continue
        for target in aliases.get(boss, {boss}):
            reports.setdefault(target.lower(), set()).add(str(rid))
    team_of = {str(rid).lower(): _key(team) for rid, _n, _e, team, _m in reps if _key(team)}
    members: dict[str, set[str]] = {}
    for rid, _n, _e, team, _m in reps:
        if _key(team):
            members.setdefault(_key(team), set()).add(str(rid))
    reached = {rep_id}
    todo = [rep_id]
    while todo:  # reports, and the team of everyone who manages (cycles end: reached is kept)
        boss = todo.pop()
        found = set(reports.get(boss.lower(), set()))
        if boss == rep_id or boss.lower() in reports:
            found |= members.get(team_of.get(boss.lower(), ""), set())
        for rid in found - reached:
            reached.add(rid)
            todo.append(rid)
    return reached


def whole_teams(rows: Iterable[tuple[Any, ...]], reached: set[str]) -> frozenset[str]:
    """Teams every rep of which is reached."""
    members: dict[str, set[str]] = {}
    for rid, _name, _email, team, _manager in rows:
        if team is not None and str(team).strip():
            members.setdefault(str(team), set()).add(str(rid))
    return frozenset(t for t, ids in members.items() if ids <= reached)


def viewer_for(backend: Backend, user: User) -> Viewer:
    """The viewer of ``user`` with the reps they reach in the workspace now."""
    if user.role.reads_everything:
        return Viewer(user.name, user.role, user.rep_id)
    rows = backend.rows("SELECT rep_id, name, email, team, manager FROM reps")
    reached = reached_reps(rows, user.role, user.rep_id)
    return Viewer(user.name, user.role, user.rep_id, frozenset(reached),
                  whole_teams(rows, reached))  # fmt: skip
