"""How the web server holds a workspace.

A DuckDB file lets one process write it at a time, so the server does not keep it open: each
read opens it read-only and closes it after, leaving the file free between requests for the
command line (`salesmetrics import` waits, with ``--wait``, for a request in flight). Inside the
server, reads share the file and an upload waits for them (a readers-writer lock). PostgreSQL
and Spark workspaces are opened once and shared by every request.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from salesmetrics.access import store
from salesmetrics.access.reach import Viewer
from salesmetrics.backends import kind_of
from salesmetrics.backends.duckdb import file_stamp
from salesmetrics.freshness import last_import
from salesmetrics.workspace import Workspace, resolve_location

#: Seconds a request waits for a workspace another process is writing.
WAIT_SECONDS = 30.0


class ReadWriteLock:
    """Many readers or one writer."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False

    @contextmanager
    def reading(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._writing)
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def writing(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._writing and self._readers == 0)
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


class WorkspaceSource:
    """Opens the served workspace for one request, for reading or for an import."""

    def __init__(self, location: str | Path | None = None, wait: float = WAIT_SECONDS) -> None:
        self.location = resolve_location(location)
        self.kind = kind_of(self.location)
        self.wait = wait
        self._lock = ReadWriteLock()
        self._shared: Workspace | None = None
        self._shared_lock = threading.Lock()
        with self.read() as ws:  # refuse a location that is not a workspace at start
            self.display = ws.display

    @property
    def is_file(self) -> bool:
        return self.kind == "duckdb"

    def _shared_workspace(self) -> Workspace:
        with self._shared_lock:
            if self._shared is None:
                self._shared = Workspace(self.location, wait=self.wait)
            return self._shared

    @contextmanager
    def read(self) -> Iterator[Workspace]:
        """The workspace for reading (a DuckDB file is opened read-only, then closed)."""
        if not self.is_file:
            yield self._shared_workspace()
            return
        with self._lock.reading(), Workspace(self.location, read_only=True, wait=self.wait) as ws:
            yield ws

    @contextmanager
    def write(self) -> Iterator[Workspace]:
        """The workspace for an import (no read of this server runs meanwhile on a file)."""
        if not self.is_file:
            yield self._shared_workspace()
            return
        with self._lock.writing(), Workspace(self.location, wait=self.wait) as ws:
            yield ws

    def stamp(self) -> str:
        """Changes whenever the data or the users may have changed: a DuckDB file's size and
        time (and its write-ahead log's), else the time of the last import recorded in the
        workspace and the version of its users and tokens."""
        if self.is_file:
            return file_stamp(self.location)
        with self.read() as ws:
            found = last_import(ws.backend)
            access = ws.backend.read_meta(store.VERSION) or "-"
        return f"{found.get('at') if found else '-'}|{access}"

    def close(self) -> None:
        with self._shared_lock:
            if self._shared is not None:
                self._shared.close()
                self._shared = None


class ViewedSource:
    """The served workspace as one viewer sees it: every read carries their scope, and cached
    results are keyed by it (no answer computed for one user is served to another)."""

    def __init__(self, source: WorkspaceSource, viewer: Viewer) -> None:
        self.source = source
        self.viewer = viewer

    @contextmanager
    def read(self) -> Iterator[Workspace]:
        with self.source.read() as ws:
            yield ws.viewing(self.viewer)

    @contextmanager
    def write(self) -> Iterator[Workspace]:
        with self.source.write() as ws:
            yield ws.viewing(self.viewer)

    def stamp(self) -> str:
        return self.source.stamp()

    @property
    def cache_key(self) -> tuple[str, ...]:
        return self.viewer.cache_key
