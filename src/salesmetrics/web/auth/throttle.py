"""Failed sign-ins counted per user name and per client address in a sliding window: past the
limit, further attempts are refused until the window has passed."""

from __future__ import annotations

import threading
import time
from collections import deque

WINDOW_SECONDS = 15 * 60
PER_USER = 5
PER_CLIENT = 20


class LoginThrottle:
    def __init__(self, window: float = WINDOW_SECONDS, per_user: int = PER_USER,
                 per_client: int = PER_CLIENT) -> None:  # fmt: skip
        self.window = window
        self.limits = {"user": per_user, "client": per_client}
        self._failures: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        found = self._failures.setdefault(key, deque())
        while found and found[0] <= now - self.window:
            found.popleft()
        return found

    def retry_after(self, user: str, client: str) -> int:
        """Seconds until an attempt for ``user`` from ``client`` is allowed (0: now)."""
        now = time.monotonic()
        wait = 0.0
        with self._lock:
            for kind, value in (("user", user.strip().lower()), ("client", client)):
                recent = self._recent((kind, value), now)
                if len(recent) >= self.limits[kind]:
                    wait = max(wait, recent[0] + self.window - now)
        return int(wait) + 1 if wait else 0

    def failed(self, user: str, client: str) -> None:
        now = time.monotonic()
        with self._lock:
            for kind, value in (("user", user.strip().lower()), ("client", client)):
                self._recent((kind, value), now).append(now)

    def succeeded(self, user: str) -> None:
        with self._lock:
            self._failures.pop(("user", user.strip().lower()), None)
