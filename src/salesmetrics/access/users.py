"""Users stored in the workspace: a name, a role, the rep they are linked to, a password hash,
and whether they are disabled. Every change bumps the user's ``epoch``, which ends their
sessions at once."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Any

from salesmetrics.access import store
from salesmetrics.access.passwords import dummy_hash, hash_password, verify_password
from salesmetrics.access.roles import Role, parse_role
from salesmetrics.errors import UnknownNameError, UserError

if TYPE_CHECKING:
    from salesmetrics.backends.base import Backend
    from salesmetrics.workspace import Workspace

NAME = re.compile(r"^[a-z0-9][a-z0-9._@+-]{0,63}$")


@dataclass(frozen=True)
class User:
    name: str
    role: Role
    rep_id: str | None = None
    email: str | None = None
    password_hash: str = ""
    disabled: bool = False
    created_at: str = ""
    epoch: int = 0

    def public(self) -> dict[str, Any]:
        """What `users list` shows (never the hash)."""
        return {
            "name": self.name,
            "role": self.role.value,
            "rep_id": self.rep_id,
            "email": self.email,
            "disabled": self.disabled,
            "created_at": self.created_at,
        }


def normalise_name(name: str) -> str:
    folded = str(name).strip().lower()
    if not NAME.match(folded):
        raise UserError(
            f"User name {name!r} is not valid: use 1-64 letters, digits and . _ @ + - "
            "(starting with a letter or digit)."
        )
    return folded


def _from_record(record: dict[str, Any]) -> User:
    return User(**{**record, "role": parse_role(record["role"])})


def _save(backend: Backend, user: User) -> None:
    store.put(backend, store.USER + user.name, {**asdict(user), "role": user.role.value})


def all_users(backend: Backend) -> list[User]:
    return sorted((_from_record(r) for r in store.entries(backend, store.USER).values()),
                  key=lambda u: u.name)  # fmt: skip


def find_user(backend: Backend, name: str) -> User | None:
    """The user called ``name`` (any case), else the one whose email it is, else None."""
    folded = str(name).strip().lower()
    record = store.get(backend, store.USER + folded) if NAME.match(folded) else None
    if record is not None:
        return _from_record(record)
    by_email = [u for u in all_users(backend) if u.email and u.email.lower() == folded]
    return by_email[0] if len(by_email) == 1 else None


def get_user(backend: Backend, name: str) -> User:
    found = find_user(backend, name)
    if found is None:
        raise UnknownNameError("user", name, [u.name for u in all_users(backend)])
    return found


def _check_rep(workspace: Workspace, role: Role, rep_id: str | None) -> str | None:
    rep = (rep_id or "").strip() or None
    if role.needs_rep and rep is None:
        raise UserError(f"A {role.value} user must be linked to a rep: pass --rep REP_ID.")
    if rep is not None:
        known = workspace.backend.rows("SELECT count(*) FROM reps WHERE rep_id = ?", [rep])
        if not known or not int(known[0][0]):
            managers = workspace.backend.rows(
                "SELECT count(*) FROM reps WHERE lower(trim(manager)) = ?", [rep.lower()]
            )
            if role is not Role.manager or not managers or not int(managers[0][0]):
                raise UserError(
                    f"No rep {rep!r} in reps (and no rep names it as manager). Import reps "
                    "first, or check the id with `salesmetrics values rep`."
                )
    return rep


def add_user(workspace: Workspace, name: str, role: str | Role, *, rep_id: str | None = None,
             email: str | None = None, password: str) -> User:  # fmt: skip
    """Create a user; refuses a name that exists, a missing rep link or a weak password."""
    backend = workspace.backend
    folded = normalise_name(name)
    if store.get(backend, store.USER + folded) is not None:
        raise UserError(f"User {folded!r} exists; change it with `salesmetrics users set-role`.")
    parsed = parse_role(role) if isinstance(role, str) else role
    user = User(
        name=folded,
        role=parsed,
        rep_id=_check_rep(workspace, parsed, rep_id),
        email=(email or "").strip() or None,
        password_hash=hash_password(password),
        created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    )
    _save(backend, user)
    return user


def _changed(backend: Backend, user: User, **changes: Any) -> User:
    updated = replace(user, epoch=user.epoch + 1, **changes)
    _save(backend, updated)
    return updated


def set_role(workspace: Workspace, name: str, role: str | Role,
             rep_id: str | None = None) -> User:  # fmt: skip
    user = get_user(workspace.backend, name)
    parsed = parse_role(role) if isinstance(role, str) else role
    rep = _check_rep(workspace, parsed, rep_id if rep_id is not None else user.rep_id)
    return _changed(workspace.backend, user, role=parsed, rep_id=rep)


def set_disabled(workspace: Workspace, name: str, disabled: bool) -> User:
    return _changed(workspace.backend, get_user(workspace.backend, name), disabled=disabled)


def reset_password(workspace: Workspace, name: str, password: str) -> User:
    user = get_user(workspace.backend, name)
    return _changed(workspace.backend, user, password_hash=hash_password(password))


def authenticate(backend: Backend, name: str, password: str) -> tuple[User | None, str]:
    """The user if ``password`` is theirs and they are enabled, and why not otherwise
    (``unknown user``, ``wrong password``, ``disabled``). Takes the time of a hash check
    whether or not the user exists."""
    user = find_user(backend, name) if name.strip() else None
    if user is None:
        verify_password(dummy_hash(), password)
        return None, "unknown user"
    if not verify_password(user.password_hash, password):
        return None, "wrong password"
    if user.disabled:
        return None, "disabled"
    return user, "ok"
