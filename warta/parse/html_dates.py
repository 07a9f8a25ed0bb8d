"""When an HTML article page was published, to the minute the page shows and with its zone.

A page carries its publication time in several places, none to be trusted blindly: detik.com
writes local wall-clock time with a ``Z`` (``2015-11-05 T10:08:58Z`` next to a visible
``10:08 WIB``), liputan6.com an offset-less stamp, some pages a stale ``itemprop`` date years
older than ``article:published_time``, a malformed ``+07:00Z``, or only the day in metadata while
the header shows the time. So every source is read and they are ranked by trust:

1. ``<meta>`` stamps (``article:published_time`` before ``itemprop=datePublished`` before
   other ``pubdate`` metas), one agreeing with the URL's date first, and none that contradicts
   the header dateline (below) by more than a day — a stale template stamp. One with an offset
   is taken as is; one with ``Z`` or no offset is read in the zone of a shown dateline (the
   header's first) showing its wall-clock minute (see :func:`_checked`), keeping its seconds;
2. the **header dateline**: the date and time printed next to the headline (after it, or just
   before it), skipping one labelled ``Diperbarui``/``Updated``; its zone is the printed one,
   else the outlet's zone from the registry (``makassar.tribunnews.com`` prints WITA), with a
   warning;
3. the first visible dateline naming a zone anywhere on the page (agreeing with the URL's day
   when the URL carries one);
4. JSON-LD ``datePublished`` (last: okezone.com's carries seconds the page does not show);
5. trafilatura's day, at midnight in the outlet's zone, with a warning.

The chosen value is cross-checked against the URL's date and every other stamp; a
disagreement of more than a day is recorded as a warning naming both values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from itertools import chain, islice

from lxml.etree import XPath
from lxml.html import HtmlElement

from .dates import MONTHS, TZ_OFFSETS, parse_datetime

__all__ = ["Published", "published_from_tree", "url_date"]

Published = tuple[datetime | None, str | None, list[str]]

# Machine stamps in order of trust (rank = position).
_STAMP_PATHS = (
    XPath("//meta[@property='article:published_time' or @property='og:published_time']"),
    XPath("//script[@type='application/ld+json']/text()"),
    XPath("//*[@itemprop='datePublished']"),
    XPath("//meta[@name='pubdate' or @name='publishdate' or @name='publish-date'"
          " or @name='content_PublishedDate' or @name='dtk:publishdate']"),
)
_JSON_LD_RANK = 1
_JSON_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{8,40})"')
# Text nodes that may hold a visible dateline: they name an Indonesian zone.
_ZONE_TEXT = XPath(
    "//text()[contains(., 'WIB') or contains(., 'WIT') or contains(., 'wib') or contains(., 'Wib')"
    " or contains(., 'wita') or contains(., 'Wita')]"
)
_NOT_SHOWN = frozenset({"script", "style", "noscript", "title", "meta"})
_VISIBLE = re.compile(
    r"(?:(?:senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad)\s*,?\s*)?"
    r"\d{1,2}(?:\s+[a-z]{3,9}\.?\s+|[/.-]\d{1,2}[/.-])\d{4}"
    r"\s*(?:[|,\-–]|pukul|jam|at)?\s*\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:WITA|WIB|WIT)\b",
    re.IGNORECASE,
)
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# A header date in any order pages print it ("Senin, 8 Februari 2016 12:31", "Februari 07 /
# 2017 11:58 WIB", "11/02/2016 07:07 WIB", "18 Jun 2015 at 06:25 WIB"); the time is required.
_HEADER = re.compile(
    rf"(?:(?P<d1>\d{{1,2}})\s+(?P<mon1>{_MONTH})\.?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<mon2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}})\s*[,/]?\s*(?:/\s*)?(?P<y2>\d{{4}})"
    r"|(?P<d3>\d{1,2})[/.-](?P<m3>\d{1,2})[/.-](?P<y3>\d{4}))"
    r"\s*(?:[|,\-–]|pukul|jam|at|\s)*\s*(?P<H>\d{1,2})[:.](?P<M>\d{2})(?::(?P<S>\d{2}))?"
    r"\s*(?P<tz>WITA|WIB|WIT)?\b",
    re.IGNORECASE,
)
_UPDATED = re.compile(r"(?:diperbarui|diupdate|update[d]?|perbaruan)\s*:?\s*$", re.IGNORECASE)
_UTC_MARK = re.compile(r"(?:Z|UTC|GMT|[+-]00:?00)\s*$", re.IGNORECASE)
_OFFSET_MARK = re.compile(r"[+-]\d{2}:?\d{2}\s*$")
_OFFSET_THEN_Z = re.compile(r"([+-]\d{2}:?\d{2})Z$", re.IGNORECASE)  # "…T03:40:00+07:00Z"
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|$|[-_])")
_MAX_VISIBLE = 200  # datelines examined; a page lists a few dozen at most
_AFTER_CHARS = 400  # header text read after the headline …
_BEFORE_CHARS = 160  # … and before it
_SKIP_TEXT = frozenset({"script", "style", "noscript"})


def _stamp(value: str) -> tuple[datetime | None, str | None, str]:
    """Parse a machine stamp: ``(value, zone, kind)``, kind ``offset``, ``utc`` or ``naive``."""
    text = re.sub(r"\s+T", "T", value.strip())  # detik.com writes "2015-11-05 T10:08:58Z"
    text = _OFFSET_THEN_Z.sub(r"\1", text)  # an offset then a Z: the offset is the meaning
    parsed, zone = parse_datetime(text, default_tz=None)
    if parsed is None:
        return None, None, "naive"
    if _UTC_MARK.search(text):
        return parsed, zone, "utc"
    if _OFFSET_MARK.search(text):
        return parsed, zone, "offset"
    return parsed, zone, "naive"


def url_date(url: str | None) -> date | None:
    """The date a URL path carries (``/2016/02/08/``), if any."""
    if not url:
        return None
    match = _URL_DATE.search(url)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _visible(tree: HtmlElement) -> Iterator[tuple[datetime, str | None]]:
    """Datelines shown on the page, in document order (lazily: callers stop at the first fit)."""
    for node in _ZONE_TEXT(tree):
        owner = node.getparent()
        if owner is not None and node.is_tail:
            owner = owner.getparent()
        if owner is not None and owner.tag in _NOT_SHOWN:
            continue
        for match in _VISIBLE.finditer(str(node)):
            value, zone = parse_datetime(" ".join(match.group().split()))
            if value is not None:
                yield value, zone


def _same_minute(a: datetime, b: datetime) -> bool:
    return abs(a - b) < timedelta(minutes=1) and a.minute == b.minute


def _agreeing(stamp: datetime, kind: str, shown: datetime) -> datetime | None:
    """The stamp read so that it shows the same minute as a dateline the page prints, or None.

    The stamp keeps its seconds (the page's metadata has them; nothing is dropped), and a
    ``Z`` or offset-less stamp takes the dateline's zone when its wall clock is what is shown.
    """
    if kind == "offset":
        return stamp if _same_minute(stamp, shown) else None
    wall = stamp.replace(tzinfo=shown.tzinfo)
    if _same_minute(wall, shown):
        return wall
    if kind == "utc" and _same_minute(stamp, shown):
        return stamp.astimezone(shown.tzinfo)
    return None


def _checked(
    stamp: datetime, zone_name: str | None, kind: str,
    visible: Iterable[tuple[datetime, str | None]], zone: str,
) -> Published:
    """Resolve a stamp: one with an offset as is; ``Z``/no offset against the visible datelines."""
    if kind == "offset":
        return stamp, zone_name, []
    for shown, shown_zone in islice(visible, _MAX_VISIBLE):
        if (value := _agreeing(stamp, kind, shown)) is not None:
            return value, shown_zone, []
    if kind == "utc":
        return stamp, None, []
    return stamp.replace(tzinfo=TZ_OFFSETS[zone]), None, [
        f"published stamp {stamp.isoformat()} names no time zone; assumed {zone} "
        f"(UTC+{int(TZ_OFFSETS[zone].utcoffset(None).total_seconds() // 3600)})"
    ]


def _zone_name(value: datetime) -> str | None:
    offset = value.utcoffset()
    for name, tz in TZ_OFFSETS.items():
        if tz.utcoffset(None) == offset:
            return name
    return None


# ---------------------------------------------------------------- the header dateline


def _texts(element: HtmlElement) -> Iterator[str]:
    """Shown text inside an element, in order (scripts and styles skipped)."""
    for node in element.iter():
        if not isinstance(node.tag, str):
            if node.tail:
                yield node.tail
            continue
        if node.tag in _SKIP_TEXT:
            if node is not element and node.tail:
                yield node.tail
            continue
        if node.text:
            yield node.text
        if node is not element and node.tail:
            yield node.tail


def _text_after(element: HtmlElement, limit: int) -> str:
    """About ``limit`` characters of shown text following an element in document order."""
    parts: list[str] = []
    size = 0
    node: HtmlElement | None = element
    while node is not None and size < limit:
        if node.tail and node.tail.strip():
            parts.append(node.tail)
            size += len(node.tail.strip())
        for sibling in node.itersiblings():
            if size >= limit:
                break
            if isinstance(sibling.tag, str):
                for text in _texts(sibling):
                    if text.strip():
                        parts.append(text)
                        size += len(text.strip())
            if sibling.tail and sibling.tail.strip():
                parts.append(sibling.tail)
                size += len(sibling.tail.strip())
        node = node.getparent()
    return " ".join(" ".join(parts).split())[: limit * 2]


def _text_before(element: HtmlElement, limit: int) -> str:
    """About ``limit`` characters of shown text just before an element (same two parents)."""
    parts: list[str] = []
    size = 0
    node: HtmlElement | None = element
    for _level in range(2):
        if node is None:
            break
        for sibling in node.itersiblings(preceding=True):
            if size >= limit:
                break
            if isinstance(sibling.tag, str) and sibling.tag not in _SKIP_TEXT:
                text = " ".join(sibling.text_content().split())
                parts.insert(0, text)
                size += len(text)
        node = node.getparent()
    return " ".join(" ".join(parts).split())[-limit * 2:]


def _header_match(text: str, zone: str) -> tuple[datetime, str | None] | None:
    for match in _HEADER.finditer(text):
        if _UPDATED.search(text[max(0, match.start() - 25): match.start()]):
            continue  # "Diperbarui 12 Jan 2020 10:00": not when it was published
        g = match.groupdict()
        day, month, year = (
            (g["d1"], MONTHS[g["mon1"].lower()], g["y1"]) if g["y1"]
            else (g["d2"], MONTHS[g["mon2"].lower()], g["y2"]) if g["y2"]
            else (g["d3"], int(g["m3"]), g["y3"])
        )
        printed = g["tz"].upper() if g["tz"] else None
        try:
            value = datetime(
                int(year), month, int(day), int(g["H"]), int(g["M"]), int(g["S"] or 0),
                tzinfo=TZ_OFFSETS[printed or zone],
            )
        except ValueError:
            continue
        return value, printed
    return None


def _header_dateline(tree: HtmlElement, headline: str | None, zone: str) -> tuple[datetime, str | None] | None:
    """The date and time printed next to the headline, if the page prints one there."""
    anchor = _headline_element(tree, headline)
    if anchor is None:
        return None
    return _header_match(_text_after(anchor, _AFTER_CHARS), zone) or _header_match(
        _text_before(anchor, _BEFORE_CHARS), zone
    )


def _headline_element(tree: HtmlElement, headline: str | None) -> HtmlElement | None:
    """The element showing the headline: an ``<h1>``/``<h2>`` with its text, else any element."""
    if not headline:
        return None
    key = " ".join(headline.split())
    for tag in ("h1", "h2", "h3"):
        for element in tree.iter(tag):
            if " ".join(element.text_content().split()) == key:
                return element
    for element in tree.iter("div", "span", "p", "strong", "b", "a"):
        if element.text and " ".join(element.text.split()) == key:
            return element
    return None


# ---------------------------------------------------------------- ranking


def _stamps(tree: HtmlElement) -> list[tuple[int, datetime, str | None, str]]:
    """Every machine stamp: ``(rank, value, zone, kind)``."""
    found: list[tuple[int, datetime, str | None, str]] = []
    for rank, path in enumerate(_STAMP_PATHS):
        for element in path(tree):
            if rank == 1:
                match = _JSON_LD_DATE.search(str(element))
                raw = match.group(1) if match else ""
            else:
                raw = element.get("content") or element.get("datetime") or ""
            stamp, zone, kind = _stamp(raw)
            if stamp is not None:
                found.append((rank, stamp, zone, kind))
    return found


def published_from_tree(
    tree: HtmlElement,
    fallback_day: str | None,
    *,
    url: str | None = None,
    headline: str | None = None,
    zone: str = "WIB",
) -> Published:
    """``(published, tz, warnings)`` for a page; see the module docstring for the order.

    ``zone`` is the outlet's own zone (from the registry) for times printed without one.
    """
    in_url = url_date(url)
    stamps = _stamps(tree)
    chosen = _choose(tree, stamps, fallback_day, in_url, headline, zone)
    value, _tz, warnings = chosen
    if value is not None:
        warnings.extend(_disagreements(value, stamps, in_url))
    return chosen


def _choose(
    tree: HtmlElement,
    stamps: list[tuple[int, datetime, str | None, str]],
    fallback_day: str | None,
    in_url: date | None,
    headline: str | None,
    zone: str,
) -> Published:
    header = _header_dateline(tree, headline, zone)
    shown_first = ([header] if header else [])
    meta = [s for s in stamps if s[0] != _JSON_LD_RANK]
    # A stamp agreeing with the URL's day first, then by rank; one contradicting the header
    # dateline by more than a day is stale (an old itemprop left in a template) and skipped.
    meta.sort(key=lambda s: (in_url is not None and s[1].date() != in_url, s[0]))
    for _rank, stamp, zone_name, kind in meta:
        if header is not None and abs(stamp.replace(tzinfo=None) - header[0].replace(tzinfo=None)) > timedelta(days=1):
            continue
        # The page's datelines are only read when a stamp needs checking (cost: a tree walk).
        return _checked(stamp, zone_name, kind, chain(shown_first, _visible(tree)), zone)
    if header is not None:
        shown, printed = header
        for _rank, stamp, _zone, kind in stamps:  # JSON-LD showing the same minute keeps seconds
            if (value := _agreeing(stamp, kind, shown)) is not None and kind != "naive":
                return value, printed or _zone_name(value), []
        if printed is None:
            return shown, None, [f"the page prints {shown:%Y-%m-%d %H:%M} without a zone; assumed {zone}"]
        return shown, printed, []
    first: tuple[datetime, str | None] | None = None
    for shown, shown_zone in islice(_visible(tree), _MAX_VISIBLE):
        if in_url is None or shown.date() == in_url:
            return shown, shown_zone, []
        first = first or (shown, shown_zone)
    if first is not None:
        return first[0], first[1], []
    for _rank, stamp, zone_name, kind in stamps:  # JSON-LD last: its seconds are often not shown
        return _checked(stamp, zone_name, kind, [], zone)
    return _day_only(fallback_day, zone)


def _disagreements(
    value: datetime, stamps: list[tuple[int, datetime, str | None, str]], in_url: date | None
) -> list[str]:
    """Warnings for sources that contradict the chosen value by more than a day."""
    warnings: list[str] = []
    local = value.date()
    if in_url is not None and abs((local - in_url).days) > 1:
        warnings.append(f"published {value.isoformat()} disagrees with the date in the URL ({in_url.isoformat()})")
    names = ("article:published_time", "JSON-LD datePublished", "itemprop datePublished", "meta pubdate")
    for rank, stamp, _zone, _kind in stamps:
        when = stamp if stamp.tzinfo else stamp.replace(tzinfo=value.tzinfo)
        if abs(when - value) > timedelta(days=1):
            message = f"{names[rank]} {stamp.isoformat()} disagrees with the published time {value.isoformat()}"
            if message not in warnings:
                warnings.append(message)
    return warnings


def _day_only(day: str | None, zone: str) -> Published:
    if day:
        value, _zone = parse_datetime(day[:10], default_tz=zone)
        if value is not None:
            return value, None, [
                f"page gives the publication day {day[:10]} but no time; published set to 00:00 {zone}"
            ]
    return None, None, ["no publication date found on the page"]
