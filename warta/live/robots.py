"""robots.txt, fetched once per origin and cached (urllib.robotparser does the matching).

As RFC 9309 says: a robots.txt that is missing or refused (4xx) allows everything; one that
cannot be had (5xx, timeout, no connection) disallows everything until it can be re-read.
Its ``Crawl-delay`` widens the host's gap; its ``Sitemap:`` lines serve discovery.
"""

from __future__ import annotations

import threading
import time
import urllib.robotparser
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from warta.live.urls import host_key

if TYPE_CHECKING:
    from warta.live.fetch import Fetcher

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
    """``allowed(url)`` for the watcher; thread-safe, one fetch per origin at a time."""

    def __init__(self, fetcher: Fetcher, agent: str = AGENT) -> None:
        self.fetcher = fetcher
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
        from warta.live.fetch import FetchFailure

        now = time.monotonic()
        try:
            response = self.fetcher.get(f"{origin}/robots.txt", accept="robots")
        except FetchFailure as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                return _Entry(None, False, now + TTL)
            if exc.code in ("unreachable", "timeout"):  # the host itself: say that
                return _Entry(None, True, now + FAILED_TTL, exc.what)
            return _Entry(None, True, now + FAILED_TTL,
                          f"its robots.txt cannot be read ({exc.what}), so nothing is fetched")
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(response.body.decode("utf-8", "replace").splitlines())
        delay = parser.crawl_delay(self.agent)
        if delay:
            self.fetcher.gate.set_gap(host_key(origin), float(delay))
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
