"""Polite HTTP for the watcher: one request at a time per host with a minimum gap, robots.txt
obeyed, Retry-After honoured, timeouts, size and redirect limits, Content-Type checks.

Redirects are followed here, hop by hop, so every hop passes robots.txt and the host's gap
(a redirect may lead to another host). Conditional GET: ``If-None-Match`` and
``If-Modified-Since`` from the document's last state.
"""

from __future__ import annotations

import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urljoin, urlsplit

import httpx

from warta.live.fetch_failure import FetchFailure
from warta.live.robots import RobotsCache
from warta.live.urls import host_key
from warta.store.sources import DocState

__all__ = ["FetchConfig", "FetchFailure", "Fetcher", "HostGate", "Response", "user_agent"]

FEED_TYPES = ("xml", "rss", "atom", "text/plain", "octet-stream", "gzip", "text/html")
PAGE_TYPES = ("text/html", "application/xhtml", "text/plain")
ROBOTS_MAX_BYTES = 512_000  # RFC 9309: parse at least 500 KiB


def user_agent(contact: str | None) -> str:
    """``warta/VERSION (+CONTACT)``: names the software and who runs it."""
    try:
        ver = version("warta")
    except PackageNotFoundError:
        ver = "dev"
    where = contact or "no contact set: warta watch --contact URL or WARTA_CONTACT"
    return f"warta/{ver} (Indonesian news archive; +{where})"


@dataclass(slots=True)
class FetchConfig:
    """Limits and manners of the watcher's HTTP."""

    min_gap: float = 2.0          # seconds between two requests to one host:port
    timeout: float = 20.0         # connect / read / pool timeout of one request
    total_timeout: float = 60.0   # a whole response, however slowly it drips
    max_feed_bytes: int = 50_000_000
    max_page_bytes: int = 10_000_000
    max_redirects: int = 5
    max_wait: float = 120.0       # longest Retry-After waited inside a poll (longer: next poll)
    contact: str | None = None    # URL or mail address in the User-Agent


@dataclass(slots=True)
class Response:
    """A usable answer: 200 with its body, or 304 (``body`` empty)."""

    url: str
    status: int
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class HostGate:
    """At most one request at a time per host:port, ``min_gap`` seconds apart (end of one to
    start of the next), and no request before a host's Retry-After has passed."""

    min_gap: float
    max_wait: float = 120.0
    _locks: dict[str, threading.Lock] = field(default_factory=dict)
    _last: dict[str, float] = field(default_factory=dict)
    _blocked: dict[str, float] = field(default_factory=dict)
    _gaps: dict[str, float] = field(default_factory=dict)
    _guard: threading.Lock = field(default_factory=threading.Lock)

    def _lock(self, host: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(host, threading.Lock())

    def set_gap(self, host: str, seconds: float) -> None:
        """A larger gap for one host (its robots.txt Crawl-delay)."""
        self._gaps[host] = max(self.min_gap, seconds)

    def block(self, host: str, seconds: float) -> None:
        """No request to ``host`` for ``seconds`` (Retry-After)."""
        until = time.monotonic() + seconds
        self._blocked[host] = max(self._blocked.get(host, 0.0), until)

    def blocked_for(self, host: str) -> float:
        return max(0.0, self._blocked.get(host, 0.0) - time.monotonic())

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        with self._lock(host):
            gap = self._gaps.get(host, self.min_gap)
            start = max(self._last.get(host, -1e18) + gap, self._blocked.get(host, 0.0))
            wait = start - time.monotonic()
            if wait > self.max_wait:
                raise FetchFailure(f"{host}: asked not to be called for {wait:.0f} s more "
                                   "(Retry-After); tried again at a later poll",
                                   code="retry_after", retry_after=wait)
            if wait > 0:
                time.sleep(wait)
            try:
                yield
            finally:
                self._last[host] = time.monotonic()


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _type_ok(content_type: str, accept: str) -> bool:
    if not content_type:
        return True  # sniffed by the parser
    allowed = PAGE_TYPES if accept == "page" else FEED_TYPES
    return any(a in content_type for a in allowed)


def _maybe_gunzip(body: bytes, limit: int, url: str) -> bytes:
    """``sitemap.xml.gz`` served as a file (not Content-Encoding): unpack, within the limit."""
    if body[:2] != b"\x1f\x8b":
        return body
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = d.decompress(body, limit + 1)
    if len(out) > limit:
        raise FetchFailure(f"{url}: unpacks to more than {limit:,} bytes; refused",
                           code="too_large", transient=False)
    return out


class Fetcher:
    """The watcher's HTTP client (thread-safe; one per watch run)."""

    def __init__(self, config: FetchConfig | None = None, *, robots: RobotsCache | None = None,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.config = config or FetchConfig()
        c = self.config
        self.gate = HostGate(c.min_gap, c.max_wait)
        self.client = httpx.Client(
            timeout=httpx.Timeout(c.timeout), follow_redirects=False, transport=transport,
            headers={"User-Agent": user_agent(c.contact), "Accept-Encoding": "gzip, deflate"},
            limits=httpx.Limits(max_connections=64, max_keepalive_connections=32),
        )
        self.robots = robots if robots is not None else RobotsCache(self._robots_txt,
                                                                    self.gate.set_gap)

    def close(self) -> None:
        self.client.close()

    def _robots_txt(self, url: str) -> bytes:
        """The body of a robots.txt, fetched through this client's manners and limits."""
        return self.get(url, accept="robots").body

    def get(self, url: str, *, accept: str = "feed", state: DocState | None = None
            ) -> Response:
        """GET ``url`` politely; ``accept`` is feed, page or robots (limits and types).
        Raises :class:`FetchFailure` saying what happened."""
        seen = [url]
        current = url
        for _ in range(self.config.max_redirects + 1):
            if accept != "robots" and not self.robots.allowed(current):
                why = self.robots.why_not(current)
                if why:  # robots.txt unreadable: nothing may be fetched for now
                    raise FetchFailure(f"{current}: {why}; retried later",
                                       code="robots_unreadable", what=why)
                raise FetchFailure(f"{current}: disallowed by robots.txt; not fetched",
                                   code="robots", transient=False)
            response, location = self._one(current, accept, state if current == url else None)
            if location is None:
                assert response is not None
                return response
            nxt = urljoin(current, location)
            if nxt in seen:
                raise FetchFailure(
                    f"{url}: redirect loop ({' → '.join([*seen, nxt])}); fix the source URL",
                    code="redirect_loop", transient=False)
            seen.append(nxt)
            current = nxt
        raise FetchFailure(f"{url}: more than {self.config.max_redirects} redirects "
                           f"({' → '.join(seen)}); give the final address",
                           code="too_many_redirects", transient=False)

    def _one(self, url: str, accept: str, state: DocState | None
             ) -> tuple[Response | None, str | None]:
        """One request: (the answer, None), or (None, where it redirects to)."""
        c = self.config
        host = host_key(url)
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchFailure(f"{url}: not an http(s) address", code="bad_url", transient=False)
        headers = {}
        if state is not None:
            if state.etag:
                headers["If-None-Match"] = state.etag
            if state.last_modified:
                headers["If-Modified-Since"] = state.last_modified
        limit = {"page": c.max_page_bytes, "robots": ROBOTS_MAX_BYTES}.get(accept, c.max_feed_bytes)
        with self.gate.slot(host):
            started = time.monotonic()
            try:
                with self.client.stream("GET", url, headers=headers) as r:
                    status = r.status_code
                    if 300 <= status < 400 and status != 304 and r.headers.get("location"):
                        return None, r.headers["location"]
                    if status == 304:
                        return Response(url, 304, etag=r.headers.get("etag"),
                                        last_modified=r.headers.get("last-modified")), None
                    ctype = self._check_answer(r, url, host, accept)
                    data = self._read_body(r, url, limit, started)
                    return Response(str(r.url), status, data, ctype, r.headers.get("etag"),
                                    r.headers.get("last-modified")), None
            except httpx.TimeoutException:
                raise FetchFailure(f"{url}: no answer within {c.timeout:g} s; retried later",
                                   code="timeout", what=f"no answer within {c.timeout:g} s"
                                   ) from None
            except httpx.HTTPError as exc:
                what = f"cannot connect ({type(exc).__name__}: {exc})"
                raise FetchFailure(f"{url}: {what}; retried later", code="unreachable",
                                   what=what) from None

    def _check_answer(self, r: httpx.Response, url: str, host: str, accept: str) -> str:
        """The answer's Content-Type when its status and type are usable; else FetchFailure
        (a Retry-After on 429 and 5xx blocks the host that long)."""
        status = r.status_code
        if status in (429, 503) or status >= 500:
            wait = _retry_after(r.headers.get("retry-after"))
            if wait is not None:
                self.gate.block(host, min(wait, 86_400.0))
            said = f", Retry-After {wait:.0f} s" if wait is not None else ""
            raise FetchFailure(f"{url}: HTTP {status}{said}; retried later",
                               code=f"http_{status}", retry_after=wait, status=status,
                               what=f"HTTP {status}{said}")
        if status >= 400:
            raise FetchFailure(f"{url}: HTTP {status}; check the address",
                               code=f"http_{status}", transient=status in (408, 425),
                               status=status)
        ctype = r.headers.get("content-type", "").lower()
        if not _type_ok(ctype, accept):
            raise FetchFailure(
                f"{url}: Content-Type {ctype.split(';')[0]}, not "
                f"{'a web page' if accept == 'page' else 'a feed or sitemap'}; skipped",
                code="wrong_type", transient=False, status=status)
        return ctype

    def _read_body(self, r: httpx.Response, url: str, limit: int, started: float) -> bytes:
        """The body, unpacked, within ``limit`` bytes and the total time limit."""
        length = r.headers.get("content-length", "")
        if length.isdigit() and int(length) > limit:
            raise self._too_large(url, int(length), limit)
        body = bytearray()
        for chunk in r.iter_bytes():
            body += chunk
            if len(body) > limit:
                raise self._too_large(url, len(body), limit)
            if time.monotonic() - started > self.config.total_timeout:
                raise FetchFailure(f"{url}: still sending after {self.config.total_timeout:.0f} s;"
                                   " given up, retried later", code="timeout")
        return _maybe_gunzip(bytes(body), limit, url)

    @staticmethod
    def _too_large(url: str, size: int, limit: int) -> FetchFailure:
        return FetchFailure(f"{url}: larger than the {limit:,}-byte limit ({size:,} bytes or "
                            "more); refused — raise the limit if the outlet really needs it",
                            code="too_large", transient=False)
