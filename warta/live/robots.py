"""robots.txt, fetched once per origin and cached (urllib.robotparser does the matching).

As RFC 9309 says: a robots.txt that is missing or refused (4xx) allows everything; one that
cannot be had (5xx, timeout, no connection) disallows everything until it can be re-read.
Its ``Crawl-delay`` widens the host's gap; its ``Sitemap:`` lines serve discovery.
"""

from __future__ import annotations

import threading
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from warta.live.fetch_failure import FetchFailure
from warta.live.urls import host_key

__all__ = ["RobotsCache"]

TTL = 6 * 3600.0         # re-read a good robots.txt every 6 hours
FAILED_TTL = 300.0       # an unreachable one is retried after 5 minutes
AGENT = "warta"


@dataclass(slots=True)
class _Entry:
    parser: urllib.robotparser.RobotFileParser | None  # None: allow all
    disallow_all: bool
    expires: float
    reason: str | None = None


class RobotsCache:
    """``allowed(url)`` for the watcher; thread-safe, one fetch per origin at a time.

    ``fetch`` gives a robots.txt's body or raises :class:`FetchFailure`; ``set_gap`` widens a
    host's gap to its Crawl-delay. Both are the fetcher's (:class:`warta.live.fetch.Fetcher`),
    handed in rather than imported because the fetcher asks this cache before every request.
    """

    def __init__(self, fetch: Callable[[str], bytes], set_gap: Callable[[str, float], None],
                 agent: str = AGENT) -> None:
        self._fetch = fetch
        self._set_gap = set_gap
        self.agent = agent
        self._entries: dict[str, _Entry] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    @staticmethod
    def _origin(url: str) -> str:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}"

    def _entry(self, url: str) -> _Entry:
        origin = self._origin(url)
        with self._guard:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:
            entry = self._entries.get(origin)
            if entry is None or entry.expires < time.monotonic():
                entry = self._read(origin)
                self._entries[origin] = entry
            return entry

    def _read(self, origin: str) -> _Entry:
        now = time.monotonic()
        try:
            body = self._fetch(f"{origin}/robots.txt")
        except FetchFailure as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                return _Entry(None, False, now + TTL)
            if exc.code in ("unreachable", "timeout"):  # the host itself: say that
                return _Entry(None, True, now + FAILED_TTL, exc.what)
            return _Entry(None, True, now + FAILED_TTL,
                          f"its robots.txt cannot be read ({exc.what}), so nothing is fetched")
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(body.decode("utf-8", "replace").splitlines())
        delay = parser.crawl_delay(self.agent)
        if delay:
            self._set_gap(host_key(origin), float(delay))
        return _Entry(parser, False, now + TTL)

    def allowed(self, url: str) -> bool:
        """May ``url`` be fetched by warta?"""
        entry = self._entry(url)
        if entry.disallow_all:
            return False
        return entry.parser is None or entry.parser.can_fetch(self.agent, url)

    def why_not(self, url: str) -> str | None:
        """Why ``url`` is refused when its robots.txt could not be read (else None)."""
        entry = self._entry(url)
        return entry.reason if entry.disallow_all else None

    def sitemaps(self, url: str) -> list[str]:
        """The ``Sitemap:`` lines of the origin's robots.txt."""
        entry = self._entry(url)
        return list(entry.parser.site_maps() or []) if entry.parser else []
