"""Feed and sitemap documents → the article links they announce.

RSS/Atom go through feedparser (it knows the dialects); sitemaps, sitemap indexes and Google
News sitemaps (``news:`` namespace) through lxml with a parser that resolves no entities and
fetches nothing. Feed metadata is kept per item (title, author, published time as written and
as an aware datetime) so the watcher can fill what a page lacks.
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from lxml import etree

from warta.errors import WartaError

__all__ = ["FeedDoc", "FeedError", "FeedItem", "parse_document", "parse_time"]


class FeedError(WartaError):
    """A fetched document is not a feed or sitemap warta can read."""

    code = "feed_error"


@dataclass(slots=True)
class FeedItem:
    """One announced article: its link and what the feed says about it."""

    url: str
    title: str | None = None
    author: str | None = None
    published: datetime | None = None
    published_raw: str | None = None
    version: str | None = None  # updated / lastmod as written: a change means a revision
    outlet: str | None = None


@dataclass(slots=True)
class FeedDoc:
    """A parsed document: ``kind`` is rss, atom, sitemap, newssitemap, sitemapindex or html."""

    kind: str
    title: str | None = None
    items: list[FeedItem] = field(default_factory=list)
    children: list[tuple[str, str | None]] = field(default_factory=list)  # (sitemap, lastmod)
    warning: str | None = None


_SAFE_XML = dict(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
_HTML_HEAD = re.compile(rb"^\s*(<!--.*?-->\s*)*(<!doctype\s+html|<html)", re.I | re.S)


def parse_time(raw: str | None) -> datetime | None:
    """An aware datetime from an RFC 822 (RSS) or ISO 8601 (Atom, sitemaps) string, keeping
    the offset written (feedparser's own parse converts to UTC and drops it)."""
    if not raw:
        return None
    raw = raw.strip()
    try:
        value = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        try:
            value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            return None
    if value.tzinfo is None:  # no offset written: unknown, not UTC; leave it to the page
        return None
    return value


def _xml_error(exc: etree.XMLSyntaxError) -> str:
    """lxml's message without its repeated position, then where: line L, column C."""
    message = re.sub(r"(,? line \d+)?, line \d+, column \d+$", "", exc.msg or str(exc))
    line, column = exc.position if exc.position else (exc.lineno, 0)
    return f"{message} at line {line}, column {column}"


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _text(node: etree._Element | None) -> str | None:
    if node is None or node.text is None:
        return None
    return node.text.strip() or None


def _child(node: etree._Element, name: str) -> etree._Element | None:
    for c in node:
        if _local(c.tag) == name:
            return c
    return None


def _sitemap(root: etree._Element) -> FeedDoc:
    if _local(root.tag) == "sitemapindex":
        children = [(loc, _text(_child(s, "lastmod"))) for s in root
                    if _local(s.tag) == "sitemap" and (loc := _text(_child(s, "loc")))]
        return FeedDoc("sitemapindex", children=children)
    items, news, outlet = [], False, None
    for entry in root:
        if _local(entry.tag) != "url" or not (loc := _text(_child(entry, "loc"))):
            continue
        item = FeedItem(loc, version=_text(_child(entry, "lastmod")))
        block = _child(entry, "news")
        if block is not None:  # Google News sitemap
            news = True
            item.title = _text(_child(block, "title"))
            item.published_raw = _text(_child(block, "publication_date"))
            item.published = parse_time(item.published_raw)
            publication = _child(block, "publication")
            if publication is not None:
                item.outlet = _text(_child(publication, "name"))
                outlet = outlet or item.outlet
        items.append(item)
    return FeedDoc("newssitemap" if news else "sitemap", title=outlet, items=items)


def _feed(body: bytes, url: str, xml_error: str | None) -> FeedDoc:
    import feedparser

    parsed = feedparser.parse(body, response_headers={"content-location": url})
    version = parsed.get("version") or ""
    kind = "atom" if version.startswith("atom") else "rss"
    items = []
    for entry in parsed.entries:
        # dict.get: FeedParserDict.get maps a missing `updated` to `published` with a
        # DeprecationWarning; the raw keys are what the feed wrote
        field = lambda name: dict.get(entry, name)  # noqa: E731
        link = field("link")
        if not link:
            continue
        raw = field("published") or field("updated")
        published = parse_time(raw)
        parsed_time = field("published_parsed") or field("updated_parsed")
        if published is None and parsed_time:
            published = datetime(*parsed_time[:6], tzinfo=UTC)
        items.append(FeedItem(
            link.strip(), title=(field("title") or "").strip() or None,
            author=(field("author") or "").strip() or None, published=published,
            published_raw=raw, version=field("updated") or field("published"),
        ))
    warning = None
    if xml_error:
        if not items:
            raise FeedError(f"{url}: malformed XML ({xml_error}); no items could be read — "
                            "the outlet's feed is broken, it is retried at the next poll")
        warning = (f"{url}: malformed XML ({xml_error}); {len(items)} items read before it")
    title = (parsed.feed.get("title") or "").strip() or None
    return FeedDoc(kind, title=title, items=items, warning=warning)


def parse_document(body: bytes, url: str) -> FeedDoc:
    """Parse a fetched feed, sitemap (index, news) or recognise an HTML page; FeedError for
    anything else (with what was found)."""
    if not body.strip():
        raise FeedError(f"{url}: an empty document; expected an RSS/Atom feed or a sitemap")
    if _HTML_HEAD.match(body[:4096]):
        return FeedDoc("html")
    try:
        root = etree.fromstring(body, etree.XMLParser(**_SAFE_XML))
    except etree.XMLSyntaxError as exc:
        head = body[:2048].lower()
        if b"<rss" in head or b"<feed" in head or b"<rdf" in head:
            return _feed(body, url, _xml_error(exc))
        if b"<urlset" in head or b"<sitemapindex" in head:
            raise FeedError(f"{url}: malformed sitemap XML ({_xml_error(exc)}); it is retried at the next "
                            "poll") from None
        if b"<html" in head or b"<body" in head:
            return FeedDoc("html")
        raise FeedError(f"{url}: not XML ({_xml_error(exc)}); expected an RSS/Atom feed or a "
                        "sitemap") from None
    name = _local(root.tag)
    if name in ("urlset", "sitemapindex"):
        return _sitemap(root)
    if name in ("rss", "feed", "rdf", "channel"):
        return _feed(body, url, None)
    if name == "html":
        return FeedDoc("html")
    raise FeedError(f"{url}: an XML document <{name}>, not an RSS/Atom feed or a sitemap")
