"""When an HTML article page was published, to the second and with its time zone.

trafilatura (through htmldate) returns a day for most Indonesian pages but rarely the time, and
the machine-readable stamps portals do print are not to be trusted blindly: detik.com writes
local wall-clock time with a ``Z`` (``2015-11-05 T10:08:58Z`` next to a visible
``10:08 WIB``), liputan6.com an offset-less ``2016-02-16 09:10:56``. So the stamp is checked
against the dateline the page shows its readers, which names its zone (``WIB``/``WITA``/``WIT``):

1. a ``datePublished`` / ``article:published_time`` stamp with a numeric offset is taken as is;
2. a stamp with ``Z`` or no offset is taken as the wall-clock time of a visible dateline that
   shows the same minute (in that dateline's zone), or as UTC if a dateline shows the UTC
   instant; with no dateline to check, ``Z`` is taken as UTC and no offset as WIB (warned);
3. else the first visible dateline (``Rabu, 4 November 2015 | 21:04 WIB``);
4. else JSON-LD ``datePublished`` (after the visible dateline: okezone.com's JSON-LD carries
   seconds the page does not show and the reference data follows the shown minute);
5. else trafilatura's day, at midnight WIB, with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from itertools import islice

from lxml.etree import XPath
from lxml.html import HtmlElement

from .dates import TZ_OFFSETS, parse_datetime

__all__ = ["Published", "published_from_tree"]

Published = tuple[datetime | None, str | None, list[str]]

_STAMPS = XPath(
    "//*[@itemprop='datePublished'] | //meta[@property='article:published_time' or @name='pubdate'"
    " or @name='publishdate' or @name='publish-date' or @property='og:published_time']"
)
_JSON_LD = XPath("//script[@type='application/ld+json']/text()")
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
_UTC_MARK = re.compile(r"(?:Z|UTC|GMT|[+-]00:?00)\s*$", re.IGNORECASE)
_OFFSET_MARK = re.compile(r"[+-]\d{2}:?\d{2}\s*$")
_MAX_VISIBLE = 200  # datelines examined; a page lists a few dozen at most


def _stamp(value: str) -> tuple[datetime | None, str | None, str]:
    """Parse a machine stamp: ``(value, zone, kind)``, kind ``offset``, ``utc`` or ``naive``."""
    text = re.sub(r"\s+T", "T", value.strip())  # detik.com writes "2015-11-05 T10:08:58Z"
    parsed, zone = parse_datetime(text, default_tz=None)
    if parsed is None:
        return None, None, "naive"
    if _UTC_MARK.search(text):
        return parsed, zone, "utc"
    if _OFFSET_MARK.search(text):
        return parsed, zone, "offset"
    return parsed, zone, "naive"


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


def _checked(stamp: datetime, kind: str, visible: Iterable[tuple[datetime, str | None]]) -> Published:
    """Resolve a ``Z`` or offset-less stamp against the visible datelines."""
    for shown, zone in islice(visible, _MAX_VISIBLE):
        wall = stamp.replace(tzinfo=shown.tzinfo)
        if _same_minute(wall, shown):
            return wall, zone, []
        if kind == "utc" and _same_minute(stamp, shown):
            return stamp.astimezone(shown.tzinfo), zone, []
    if kind == "utc":
        return stamp, None, []
    return stamp.replace(tzinfo=TZ_OFFSETS["WIB"]), None, [
        f"published stamp {stamp.isoformat()} names no time zone; assumed WIB (UTC+7)"
    ]


def published_from_tree(tree: HtmlElement, fallback_day: str | None) -> Published:
    """``(published, tz, warnings)`` for a page; see the module docstring for the order."""
    for element in _STAMPS(tree):
        raw = element.get("content") or element.get("datetime") or ""
        stamp, zone, kind = _stamp(raw)
        if stamp is None:
            continue
        # The page's datelines are only read when the stamp needs checking (cost: a tree walk).
        return (stamp, zone, []) if kind == "offset" else _checked(stamp, kind, _visible(tree))
    for shown, zone in _visible(tree):
        return shown, zone, []
    for script in _JSON_LD(tree):
        if match := _JSON_LD_DATE.search(str(script)):
            stamp, zone, kind = _stamp(match.group(1))
            if stamp is not None:
                return (stamp, zone, []) if kind == "offset" else _checked(stamp, kind, [])
    return _day_only(fallback_day)


def _day_only(day: str | None) -> Published:
    if day:
        value, _zone = parse_datetime(day[:10])
        if value is not None:
            return value, None, [
                f"page gives the publication day {day[:10]} but no time; published set to 00:00 WIB"
            ]
    return None, None, ["no publication date found on the page"]
