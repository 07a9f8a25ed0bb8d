"""The archive connections one server process lends to its requests, and the write token
they are checked against (:class:`Backend`, the app's ``state.backend``).

Its own module so that the routers (:mod:`warta.web.api` and those built on it) read it
without importing the application (:mod:`warta.web.app`) that includes them.
"""

from __future__ import annotations

import asyncio
import hmac
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import Request

from warta.store import Archive, open_archive
from warta.web.errors import ApiError

__all__ = ["THREADS", "Backend", "get_backend"]

THREADS = 2  # handler threads per process (see warta.web.app.create_app's lifespan)


class Backend:
    """Lends archive connections to requests, one request at a time each, and checks the
    write token.

    A connection (and its search index handle) must never run statements for two requests
    at once. FastAPI runs a sync dependency and the handler in different pool threads, so a
    per-thread connection fetched by a dependency ended up shared between two concurrent
    requests (issue 9: ``cannot start a transaction within a transaction``, ``Already
    borrowed``). Here a request borrows a connection for its whole life and gives it back
    after; waiting for one is async, so no pool thread ever blocks on another request.
    SQLite in WAL mode lets these readers go on while another process writes.
    """

    def __init__(self, db_path: str, token: str | None, size: int = THREADS + 1) -> None:
        self.db_path = db_path
        self.token = token or None
        self.size = max(1, size)
        self._idle: list[Archive] = []
        self._opened: list[Archive] = []
        self._lock = threading.Lock()
        self._slots: tuple[object, anyio.Semaphore] | None = None

    def open_one(self) -> Archive:
        """A new connection to the archive, kept for reuse (blocking: call it in a thread)."""
        # a server without a token only reads: it creates and migrates nothing, and
        # serves archives it may not write (read-only mounts, another user's files)
        archive = open_archive(self.db_path, read_only=self.read_only)
        with self._lock:
            self._opened.append(archive)
        return archive

    def warm(self) -> None:
        """Open every connection now: a bad archive fails at start, not on a request, and
        no request waits to open one (opening may need the write lock an ingest holds)."""
        with self._lock:
            missing = self.size - len(self._opened)
        for _ in range(missing):
            archive = self.open_one()
            archive.count()
            with self._lock:
                self._idle.append(archive)

    def _semaphore(self) -> anyio.Semaphore:
        # one per event loop: a TestClient starts a new loop per `with` block
        loop = asyncio.get_running_loop()
        if self._slots is None or self._slots[0] is not loop:
            self._slots = (loop, anyio.Semaphore(self.size))
        return self._slots[1]

    @asynccontextmanager
    async def lend(self) -> AsyncIterator[Archive]:
        """A connection for this request alone; returned to the pool afterwards."""
        async with self._semaphore():
            with self._lock:
                archive = self._idle.pop() if self._idle else None
            if archive is None:
                archive = await anyio.to_thread.run_sync(self.open_one)
            try:
                yield archive
            finally:
                with self._lock:
                    self._idle.append(archive)

    @property
    def read_only(self) -> bool:
        return self.token is None

    def check_token(self, authorization: str | None) -> None:
        """Raise 403 when writes are off, 401 without a bearer token, 403 for a wrong one."""
        if self.token is None:
            raise ApiError(403, "read_only",
                           "this server is read-only; start it with a token "
                           "(warta serve --token-env WARTA_TOKEN) to accept ingest")
        scheme, _, value = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise ApiError(401, "unauthorized", "send the header Authorization: Bearer <token>",
                           headers={"WWW-Authenticate": "Bearer"})
        if not hmac.compare_digest(value.strip().encode(), self.token.encode()):
            raise ApiError(403, "forbidden", "the bearer token is not the server's token")

    def close(self) -> None:
        with self._lock:
            for archive in self._opened:
                archive.close()
            self._opened.clear()
            self._idle.clear()


async def get_backend(request: Request) -> Backend:
    """FastAPI dependency: the app's :class:`Backend`."""
    backend: Backend = request.app.state.backend
    return backend
