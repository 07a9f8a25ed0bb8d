"""What to follow: feeds, sitemaps (indexes, Google News sitemaps), or a home page whose
feeds and sitemaps are discovered (``<link rel=alternate>``, robots.txt ``Sitemap:`` lines,
then the usual paths). ``add_sources`` is the one code path of ``warta sources add`` and
``POST /api/sources``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from importlib import resources
from typing import Any
from urllib.parse import urljoin, urlsplit

from warta.errors import UsageError
from warta.live.feeds import FeedDoc, FeedError, parse_document
from warta.live.fetch import FetchConfig, Fetcher, FetchFailure
from warta.live.urls import fetch_url
from warta.store.base import Archive

__all__ = ["AddResult", "KINDS", "add_sources", "load_preset", "presets"]

KINDS = ("rss", "atom", "sitemap", "sitemapindex", "newssitemap", "unknown")
START_INTERVAL = 300.0
# Where outlets usually put feeds and sitemaps; probed only when the page and robots.txt name none.
USUAL_PATHS = ("/feed", "/rss", "/rss.xml", "/feed.xml", "/atom.xml", "/sitemap-news.xml",
               "/news-sitemap.xml", "/sitemap_index.xml", "/sitemap.xml")
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
               "application/feed+json")
_TRANSIENT = ("unreachable", "timeout", "retry_after", "robots_unreadable")


@dataclass(slots=True)
class AddResult:
    """One line of ``sources add``: ``level`` is ok, warning or error (not added)."""

    url: str
    level: str
    message: str
    added: bool = False
    kind: str | None = None
    outlet: str | None = None
    items: int | None = None
    source_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def presets() -> dict[str, Any]:
    """The shipped starter lists (``warta/live/data/presets.json``)."""
    text = (resources.files("warta.live") / "data" / "presets.json").read_text(encoding="utf-8")
    return json.loads(text)["presets"]


def load_preset(name: str) -> list[dict[str, str]]:
    """The sources of preset ``name``; UsageError naming the presets there are."""
    known = presets()
    if name not in known:
        raise UsageError(f"no preset {name!r}; there are: {', '.join(sorted(known))}")
    return list(known[name]["sources"])


def _normalise(url: str) -> str:
    url = url.strip()
    if "://" not in url:
        url = "https://" + url
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
        raise UsageError(f"{url}: not a web address; give an http(s) URL of a feed, sitemap or "
                         "home page")
    return fetch_url(url)


def _what(doc: FeedDoc) -> str:
    names = {"rss": "an RSS feed", "atom": "an Atom feed", "sitemap": "a sitemap",
             "newssitemap": "a Google News sitemap", "sitemapindex": "a sitemap index"}
    return names.get(doc.kind, doc.kind)


def _count(doc: FeedDoc) -> int:
    return len(doc.children) if doc.kind == "sitemapindex" else len(doc.items)


def _discover(url: str, body: bytes, fetcher: Fetcher) -> list[tuple[str, FeedDoc]]:
    """Feeds and sitemaps of a home page, each fetched once to be sure it is one."""
    from lxml import html as lxml_html

    candidates: list[str] = []
    try:
        tree = lxml_html.fromstring(body)
        for link in tree.iterfind(".//link[@href]"):
            rel = (link.get("rel") or "").lower().split()
            if "alternate" in rel and (link.get("type") or "").lower() in _FEED_TYPES:
                candidates.append(urljoin(url, link.get("href")))
    except (ValueError, TypeError):
        pass
    try:
        candidates += fetcher.robots.sitemaps(url)  # type: ignore[attr-defined]
    except FetchFailure:
        pass
    found = _verify(candidates, fetcher)
    if not found:
        origin = f"{urlsplit(url).scheme}://{urlsplit(url).netloc}"
        for path in USUAL_PATHS:
            found = _verify([origin + path], fetcher)
            if found:
                break
    return found


def _verify(candidates: list[str], fetcher: Fetcher) -> list[tuple[str, FeedDoc]]:
    found, seen = [], set()
    for candidate in candidates:
        candidate = fetch_url(candidate)
        if candidate in seen:
            continue
        seen.add(candidate)
        try:
            doc = parse_document(fetcher.get(candidate, accept="feed").body, candidate)
        except (FetchFailure, FeedError):
            continue
        if doc.kind != "html":
            found.append((candidate, doc))
    return found


def _add(archive: Archive, url: str, doc: FeedDoc, check: bool, note: str | None = None
         ) -> AddResult:
    n = _count(doc)
    what = _what(doc)
    unit = "sitemaps" if doc.kind == "sitemapindex" else "items"
    if n == 0:
        message = (f"{url}: {what} with 0 {unit}; "
                   + ("not added (--check): check it is the outlet's live feed"
                      if check else "added anyway — the watcher picks up items once it "
                      "publishes; check it is the outlet's live feed"))
        if check:
            return AddResult(url, "error", message, kind=doc.kind, outlet=doc.title, items=0)
        level = "warning"
    else:
        named = f" ({doc.title})" if doc.title else ""
        found = f"; {note}" if note else ""
        level, message = "ok", f"{url}: {what}{named}, {n} {unit}{found}"
    info, added = archive.add_source(url, doc.kind, outlet=doc.title,
                                     interval_s=START_INTERVAL, note=None)
    if not added and level == "ok":
        message = f"{url}: already followed ({what}, {n} {unit})"
    return AddResult(url, level, message, True, doc.kind, doc.title, n, info.id)


def add_one(archive: Archive, raw_url: str, fetcher: Fetcher, *, check: bool = False
            ) -> list[AddResult]:
    """Inspect ``raw_url`` and follow what it is or what it leads to."""
    url = _normalise(raw_url)
    try:
        response = fetcher.get(url, accept="feed")
    except FetchFailure as exc:
        if exc.code in _TRANSIENT or exc.code.startswith("http_5") or exc.code == "http_429":
            if check:
                return [AddResult(url, "error", f"{url}: cannot be reached ({exc.what}); not added "
                                  "(--check) — check the address and the network, then retry")]
            note = f"unreachable when added: {exc.what}"
            info, _ = archive.add_source(url, "unknown", interval_s=START_INTERVAL, note=note)
            return [AddResult(url, "warning", f"{url}: cannot be reached now ({exc.what}); added "
                              "anyway, the watcher retries it — remove it with `warta sources "
                              "remove` if the address is wrong", True, "unknown",
                              source_id=info.id)]
        return [AddResult(url, "error", f"{exc}; not added — give the address of the outlet's "
                          "RSS/Atom feed, sitemap or home page")]
    try:
        doc = parse_document(response.body, url)
    except FeedError as exc:
        return [AddResult(url, "error", f"{exc}; not added — give the outlet's RSS/Atom feed, "
                          "sitemap or home page")]
    if doc.kind != "html":
        return [_add(archive, url, doc, check)]
    found = _discover(url, response.body, fetcher)
    if not found:
        return [AddResult(url, "error", f"{url}: an HTML page with no feed or sitemap (none "
                          "linked, none in robots.txt, none at the usual paths); not added — "
                          "give the outlet's RSS feed or sitemap URL")]
    return [_add(archive, u, d, check, note=f"found on {url}") for u, d in found]


def add_sources(archive: Archive, urls: list[str], *, check: bool = False,
                preset: str | None = None, config: FetchConfig | None = None
                ) -> list[AddResult]:
    """Follow ``urls`` (each inspected: feed, sitemap, home page) and the sources of
    ``preset`` (added as shipped, without a request, unless ``check``)."""
    results: list[AddResult] = []
    if preset is not None and not check:
        for entry in load_preset(preset):
            url = _normalise(entry["url"])
            info, added = archive.add_source(url, entry.get("kind", "unknown"),
                                             outlet=entry.get("outlet"),
                                             interval_s=START_INTERVAL,
                                             note=f"preset {preset}")
            state = "added" if added else "already followed"
            results.append(AddResult(url, "ok", f"{url}: {state} ({entry.get('outlet')}, "
                                     f"preset {preset}, not checked)", True,
                                     info.kind, info.outlet, source_id=info.id))
    elif preset is not None:
        urls = [*urls, *(e["url"] for e in load_preset(preset))]
    if not urls:
        return results
    fetcher = Fetcher(config or FetchConfig())
    try:
        for url in urls:
            results.extend(add_one(archive, url, fetcher, check=check))
    finally:
        fetcher.close()
    return results
