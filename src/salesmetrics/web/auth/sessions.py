"""Browser sessions kept in the server: a random id per sign-in, sent in a signed cookie.

The server forgets every session when it stops (everyone signs in again). A session ends at
sign-out, after its lifetime, or when its user changes (disabled, new role or password: the
user's ``epoch`` moves on)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeTimedSerializer

COOKIE = "sm_session"
LOGIN_CSRF_COOKIE = "sm_login_csrf"


@dataclass(frozen=True)
class Session:
    id: str
    user: str
    epoch: int
    csrf: str
    started: float


class SessionStore:
    def __init__(self, lifetime_seconds: float) -> None:
        self.lifetime = lifetime_seconds
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()
        self._secret = secrets.token_bytes(32)
        self._signer = URLSafeTimedSerializer(self._secret, salt="sm-session")

    def csrf_for(self, subject: str) -> str:
        """A CSRF token for a credential without a session of ours (proxy, single user)."""
        return hmac.new(self._secret, f"csrf:{subject}".encode(), hashlib.sha256).hexdigest()

    def start(self, user: str, epoch: int) -> tuple[Session, str]:
        """A new session (a new id, whatever the browser held before) and its cookie value."""
        session = Session(secrets.token_urlsafe(32), user, epoch, secrets.token_urlsafe(32),
                          time.time())  # fmt: skip
        with self._lock:
            self._sessions[session.id] = session
        return session, str(self._signer.dumps(session.id))

    def find(self, cookie: str | None) -> Session | None:
        """The live session a cookie stands for, or None."""
        if not cookie:
            return None
        try:
            session_id = self._signer.loads(cookie, max_age=int(self.lifetime))
        except BadSignature:
            return None
        with self._lock:
            session = self._sessions.get(str(session_id))
            if session is not None and time.time() - session.started > self.lifetime:
                del self._sessions[session.id]
                return None
            return session

    def end(self, session_id: str) -> None:
        with self._lock:
            self._sessions.pop(session_id, None)

    def sign(self, value: str) -> str:
        return str(self._signer.dumps(value))

    def unsign(self, signed: str | None, max_age: int = 3600) -> str | None:
        if not signed:
            return None
        try:
            return str(self._signer.loads(signed, max_age=max_age))
        except BadSignature:
            return None
