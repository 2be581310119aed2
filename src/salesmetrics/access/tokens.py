"""API tokens: ``sm_<id>_<secret>``, shown once; the workspace keeps the id, a SHA-256 hash of
the secret (a random 256-bit value needs no slow hash), the user, a role no higher than the
user's, the expiry and whether it was revoked."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Any

from salesmetrics.access import store
from salesmetrics.access.roles import Role, parse_role
from salesmetrics.access.users import User, find_user, get_user
from salesmetrics.errors import UserError

if TYPE_CHECKING:
    from salesmetrics.backends.base import Backend
    from salesmetrics.workspace import Workspace

PREFIX = "sm_"


@dataclass(frozen=True)
class Token:
    id: str
    user: str
    role: Role
    secret_hash: str
    expires_at: str
    created_at: str
    label: str = ""
    revoked: bool = False

    def expired(self, now: dt.datetime | None = None) -> bool:
        moment = now or dt.datetime.now(dt.UTC)
        return moment >= dt.datetime.fromisoformat(self.expires_at)

    def public(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "user": self.user,
            "role": self.role.value,
            "label": self.label,
            "created_at": self.created_at,
            "expires_at": self.expires_at,
            "revoked": self.revoked,
        }


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _save(backend: Backend, token: Token) -> None:
    store.put(backend, store.TOKEN + token.id, {**asdict(token), "role": token.role.value})


def _from_record(record: dict[str, Any]) -> Token:
    return Token(**{**record, "role": parse_role(record["role"])})


def create_token(workspace: Workspace, user: str, *, role: str | Role | None = None,
                 expires_days: int = 90, label: str | None = None) -> str:  # fmt: skip
    """A new token of ``user`` (with their role, or a lower one); returns it, once."""
    owner = get_user(workspace.backend, user)
    chosen = owner.role if role is None else parse_role(role) if isinstance(role, str) else role
    if not chosen.at_most(owner.role):
        raise UserError(
            f"A token of {owner.name} ({owner.role.value}) cannot have the role {chosen.value}."
        )
    if chosen.needs_rep and not owner.rep_id:
        raise UserError(f"A {chosen.value} token needs a user linked to a rep; {owner.name} is "
                        "not (salesmetrics users set-role NAME ROLE --rep REP_ID).")  # fmt: skip
    if not 1 <= expires_days <= 3650:
        raise UserError("--expires-days must be between 1 and 3650.")
    now = dt.datetime.now(dt.UTC)
    token_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    _save(workspace.backend, Token(
        id=token_id, user=owner.name, role=chosen, secret_hash=_digest(secret),
        expires_at=(now + dt.timedelta(days=expires_days)).isoformat(timespec="seconds"),
        created_at=now.isoformat(timespec="seconds"), label=(label or "").strip(),
    ))  # fmt: skip
    return f"{PREFIX}{token_id}_{secret}"


def all_tokens(backend: Backend, user: str | None = None) -> list[Token]:
    found = [_from_record(r) for r in store.entries(backend, store.TOKEN).values()]
    if user is not None:
        name = user.strip().lower()
        found = [t for t in found if t.user == name]
    return sorted(found, key=lambda t: (t.user, t.created_at))


def revoke_token(workspace: Workspace, token_id: str, by: User | None = None) -> Token:
    """Revoke a token (an admin any, a user only their own)."""
    record = store.get(workspace.backend, store.TOKEN + token_id.strip())
    if record is None:
        raise UserError(f"No token {token_id!r}; `salesmetrics tokens list` shows them.")
    token = _from_record(record)
    if by is not None and by.role is not Role.admin and token.user != by.name:
        raise UserError(f"No token {token_id!r}; `salesmetrics tokens list` shows them.")
    revoked = replace(token, revoked=True)
    _save(workspace.backend, revoked)
    return revoked


def verify_token(backend: Backend, presented: str) -> tuple[User, Token] | None:
    """The user and token a bearer token stands for, if it is valid now."""
    if not presented.startswith(PREFIX) or presented.count("_") < 2:
        return None
    token_id = presented[len(PREFIX) :].split("_", 1)[0]
    record = store.get(backend, store.TOKEN + token_id) if token_id.isalnum() else None
    user = find_user(backend, record["user"]) if record else None
    return check_token(presented, _from_record(record) if record else None, user)


def check_token(presented: str, token: Token | None,
                user: User | None) -> tuple[User, Token] | None:  # fmt: skip
    """``presented`` checked against the stored ``token`` and its ``user`` (as read)."""
    if token is None or user is None or not presented.startswith(PREFIX):
        return None
    secret = presented[len(PREFIX) :].split("_", 1)[-1]
    if not hmac.compare_digest(token.secret_hash, _digest(secret)):
        return None
    if token.revoked or token.expired() or user.disabled:
        return None
    # a token never grants more than its user has now
    role = token.role if token.role.at_most(user.role) else user.role
    return replace(user, role=role), token
