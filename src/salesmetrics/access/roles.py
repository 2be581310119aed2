"""The four roles and what each may do besides reading."""

from __future__ import annotations

from enum import StrEnum

from salesmetrics.errors import UnknownNameError


class Role(StrEnum):
    """admin > executive > manager > rep (by what they read and may change)."""

    admin = "admin"
    executive = "executive"
    manager = "manager"
    rep = "rep"

    @property
    def rank(self) -> int:
        return ORDER.index(self)

    @property
    def reads_everything(self) -> bool:
        return self in (Role.admin, Role.executive)

    @property
    def needs_rep(self) -> bool:
        """A manager or rep user is linked to the rep whose rows they read."""
        return self in (Role.manager, Role.rep)

    def at_most(self, other: Role) -> bool:
        """Whether this role grants no more than ``other`` (a token's role under its user's)."""
        return self.rank >= other.rank


ORDER = (Role.admin, Role.executive, Role.manager, Role.rep)


def parse_role(value: str) -> Role:
    """A role from its name (any case), or an error listing the roles."""
    try:
        return Role(str(value).strip().lower())
    except ValueError:
        raise UnknownNameError("role", str(value), [r.value for r in Role]) from None


class Permission(StrEnum):
    """What a route or command needs beyond reading the rows a user reaches."""

    read = "read"  # KPIs, pages, explain: every role, within its reach
    quality = "quality"  # row counts, date ranges, data-quality checks: whole-table facts
    write = "write"  # imports, settings, stages, targets, custom KPIs
    administer = "administer"  # users, other users' tokens, the audit log


GRANTS: dict[Role, frozenset[Permission]] = {
    Role.admin: frozenset(Permission),
    Role.executive: frozenset({Permission.read, Permission.quality}),
    Role.manager: frozenset({Permission.read}),
    Role.rep: frozenset({Permission.read}),
}


def allows(role: Role, permission: Permission) -> bool:
    return permission in GRANTS[role]
