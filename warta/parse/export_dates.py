"""Dates you can trust in exports (issue 10): a date column's order is learned, never guessed.

A numeric date column does not say whether ``2019-10-09`` is year-month-day or — as in
CLICK-ID's Kompas rows — year-*day*-month, or whether ``10/09/2025`` is day-first or
month-first (``10/21/2025 20:43``). :class:`ExportDates` decides the order per column, per
outlet and per printed shape from the rows themselves: a value above 12 cannot be a month,
and a URL that carries a date (``/2019/09/11/``) says which reading is right. It looks at a
bounded window of the first :data:`WINDOW` rows of a file before emitting any (so a file is
still streamed), and keeps learning for outlets or shapes that appear later.

Each row's date is then checked against its URL date and, without one, against the text's own
dateline (``Senin (12/2/2024)``); when the column is missing, unreadable or contradicts them,
the URL or the dateline is taken instead. Day and month are never swapped silently: every
doubtful date carries a warning that names where the published date came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date, datetime, timedelta
from typing import Any

from .anatomy import canonical_outlet
from .dates import MONTHS, TZ_OFFSETS, parse_datetime

__all__ = ["WINDOW", "ExportDates", "text_dateline", "url_date"]

WINDOW = 500  # rows of a file read ahead before the first is emitted

_URL_PATH = re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)(?=/|$|\.html?\b)")
_URL_STAMP = re.compile(r"/(?P<y>20\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?P<H>[0-2]\d)(?P<M>[0-5]\d)(?P<S>[0-5]\d)-")
# Three numbers, one of them a four-digit year at either end: the shapes whose order is unknown.
_TRIPLE = re.compile(
    r"^\s*(?P<a>\d{1,4})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{1,4})(?P<rest>(?:[ T,].*)?)$"
)
_DAY_MON_YY = re.compile(r"^\s*(?P<d>\d{1,2})[-/ ](?P<mon>[A-Za-z]{3,9})[-/ ](?P<y>\d{2}|\d{4})\s*$")
_TIME = re.compile(r"^\s*(?:pukul\s+)?(?P<H>\d{1,2})[:.](?P<M>\d{2})(?:[:.](?P<S>\d{2}))?\s*(?P<tz>WIB|WITA|WIT)?\s*$",
                   re.IGNORECASE)
_DATELINE = re.compile(
    r"\b(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad)\s*,?\s*\(\s*(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4}|\d{2})\s*\)"
)
# What every _DATELINE match holds.
_BRACKETED_DAY = re.compile(r"\(\s*\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\s*\)")
_HOST = re.compile(r"^[a-z]+://(?:www\.)?([^/:?#]+)", re.IGNORECASE)
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")  # compiled once: re.match(str, …) looks it up per call
_YEAR_FIRST = ("ymd", "ydm")
_YEAR_LAST = ("dmy", "mdy")
# A late-evening story may carry the next day in its URL, or the URL the day before the
# local date: one day either way is the same publication.
_SLACK = timedelta(days=1)


def url_date(url: str | None) -> tuple[date, tuple[int, int, int] | None] | None:
    """The date a URL path carries (``/2019/09/11/``, CNN's ``/20180105115547-``) and its time."""
    if not url:
        return None
    if match := _URL_STAMP.search(url):
        clock = (int(match["H"]), int(match["M"]), int(match["S"]))
    elif match := _URL_PATH.search(url):
        clock = None
    else:
        return None
    try:
        day = date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None
    if clock and not (clock[0] < 24 and clock[1] < 60 and clock[2] < 60):
        clock = None
    return day, clock


def text_dateline(paragraphs: Iterable[str]) -> tuple[date, str] | None:
    """The first ``Senin (12/2/2024)`` of the opening paragraphs: (day, as printed)."""
    for paragraph in list(paragraphs)[:4]:
        # A dateline has slashes and a bracketed day/month/year, found by a pattern opening on
        # its literal "(" (fast): the dateline pattern opens on a word boundary, tried everywhere.
        if "/" not in paragraph or not _BRACKETED_DAY.search(paragraph):
            continue
        for match in _DATELINE.finditer(paragraph):
            year = int(match["y"]) + (2000 if len(match["y"]) == 2 else 0)
            try:
                return date(year, int(match["m"]), int(match["d"])), match.group(0)
            except ValueError:
                continue
    return None


@dataclass(slots=True)
class _Evidence:
    """What the rows of one (outlet, shape) say about its order."""

    rows: int = 0
    impossible: dict[str, int] = field(default_factory=dict)
    url_agree: dict[str, int] = field(default_factory=dict)
    dateline_agree: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class _Decision:
    order: str
    basis: str  # "url", "values", "datelines" or "assumed"


def _reading(order: str, a: int, b: int, c: int) -> date | None:
    if order == "ymd":
        y, m, d = a, b, c
    elif order == "ydm":
        y, m, d = a, c, b
    elif order == "dmy":
        y, m, d = c, b, a
    elif order == "mdy":
        y, m, d = c, a, b
    else:
        raise KeyError(order)
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _near(day: date, target: date) -> bool:
    return abs(day - target) <= _SLACK


class ExportDates:
    """Publication dates of one export file; see the module docstring."""

    def __init__(self, mapping: Mapping[str, str]) -> None:
        self.mapping = dict(mapping)
        self._evidence: dict[tuple[str, str], _Evidence] = {}
        self._decided: dict[tuple[str, str], _Decision] = {}

    # --- learning -------------------------------------------------------------------------

    def learn(self, records: Iterable[tuple[str, Any]]) -> Iterator[tuple[str, Any]]:
        """Pass ``(source, record)`` pairs through, reading the first :data:`WINDOW` ahead."""
        iterator = iter(records)
        window = []
        for item in iterator:
            window.append(item)
            self.observe(item[1])
            if len(window) >= WINDOW:
                break
        for key in list(self._evidence):
            self._decided[key] = self._decide(key)
        yield from window
        for item in iterator:
            self.observe(item[1])
            yield item

    def observe(self, record: Any) -> None:
        """Count what one row says about its date column's order."""
        if not isinstance(record, dict) or "published" not in self.mapping:
            return
        text = _clean(record.get(self.mapping["published"]))
        triple = _triple(text) if text else None
        if triple is None:
            return
        a, b, c, shape, orders, _rest = triple
        key = (self._outlet(record), shape)
        if key in self._decided:
            return
        evidence = self._evidence.setdefault(key, _Evidence())
        evidence.rows += 1
        from_url = url_date(_clean(record.get(self.mapping.get("url", ""))))
        line = None if from_url else self._raw_dateline(record)
        for order in orders:
            reading = _reading(order, a, b, c)
            if reading is None:
                evidence.impossible[order] = evidence.impossible.get(order, 0) + 1
            elif from_url and _near(reading, from_url[0]):
                evidence.url_agree[order] = evidence.url_agree.get(order, 0) + 1
            elif line and 0 <= (reading - line).days <= 2:
                evidence.dateline_agree[order] = evidence.dateline_agree.get(order, 0) + 1

    def _raw_dateline(self, record: Mapping[str, Any]) -> date | None:
        """The text's ``Senin (12/2/2024)`` from the raw body: weaker evidence than a URL."""
        body = record.get(self.mapping.get("body", ""))
        if not isinstance(body, str):
            return None
        found = text_dateline([body[:2000]])
        return found[0] if found else None

    def _decide(self, key: tuple[str, str]) -> _Decision:
        evidence = self._evidence[key]
        orders = _YEAR_FIRST if key[1].startswith("Y") else _YEAR_LAST
        # A handful of typing errors must not veto an order: impossible on ≤ 2 % of rows is noise.
        possible = [o for o in orders if evidence.impossible.get(o, 0) <= 0.02 * evidence.rows]
        possible = possible or [min(orders, key=lambda o: evidence.impossible.get(o, 0))]
        agree = {o: evidence.url_agree.get(o, 0) for o in possible}
        best = max(possible, key=lambda o: agree[o])
        if agree[best] and agree[best] > max((agree[o] for o in possible if o != best), default=-1):
            return _Decision(best, "url")
        if len(possible) == 1:
            return _Decision(possible[0], "values")
        # Datelines name the day of the event (a typo or a coming match now and then): only a
        # clear majority of the rows that can tell counts.
        lines = {o: evidence.dateline_agree.get(o, 0) for o in possible}
        best = max(possible, key=lambda o: lines[o])
        if lines[best] >= 3 and lines[best] >= 3 * max((lines[o] for o in possible if o != best), default=0):
            return _Decision(best, "datelines")
        return _Decision(orders[0], "assumed")  # ISO and Indonesian custom: Y-M-D, D/M/Y

    def _order(self, key: tuple[str, str]) -> _Decision:
        if key in self._decided:
            return self._decided[key]
        if key in self._evidence:
            return self._decide(key)  # a shape first seen after the window: what is known so far
        orders = _YEAR_FIRST if key[1].startswith("Y") else _YEAR_LAST
        return _Decision(orders[0], "assumed")

    def _outlet(self, record: Mapping[str, Any]) -> str:
        outlet = _clean(record.get(self.mapping.get("outlet", "")))
        if outlet:
            return canonical_outlet(outlet) or outlet.lower()
        url = _clean(record.get(self.mapping.get("url", "")))
        host = _HOST.match(url) if url else None
        return host.group(1).lower() if host else ""

    # --- one row --------------------------------------------------------------------------

    def published(
        self, record: Mapping[str, Any], paragraphs: list[str], url: str | None
    ) -> tuple[datetime | None, str | None, list[str]]:
        """``(published, zone, warnings)`` of one row (zone None when not printed)."""
        warnings: list[str] = []
        column = self.mapping.get("published")
        text = _clean(record.get(column)) if column else None
        clock = _clean(record.get(self.mapping["time"])) if "time" in self.mapping else None
        from_url = url_date(url)
        # The column's order, decided once for the row (it was looked up twice, each time
        # through the outlet registry): nothing is learned between the two uses.
        triple = _triple(text) if text else None
        decision = self._order((self._outlet(record), triple[3])) if triple is not None else None
        value, zone, _normal = self._column(text, clock, decision, warnings) if text else (None, None, None)
        if value is not None and from_url and not _near(value.date(), from_url[0]):
            warnings.append(
                f"date column {column!r} says {value:%Y-%m-%d} ({text!r}) but the URL says "
                f"{from_url[0]:%Y-%m-%d}; published taken from the URL"
            )
            value = None
        elif value is not None and not from_url and decision is not None and decision.basis == "assumed":
            if line := text_dateline(paragraphs):
                value = self._against_dateline(value, line, text, column, warnings)
        if value is not None:
            return value, zone, warnings
        if text is None:
            warnings.append("no publication date column or value")
        if from_url:
            day, url_clock = from_url
            value, zone = _at(day, url_clock, clock, warnings, f"the URL date {day:%Y-%m-%d}")
            if not any("published taken from the URL" in w for w in warnings):
                warnings.append(f"published taken from the URL date {day:%Y-%m-%d}")
            return value, zone, warnings
        if line := text_dateline(paragraphs):
            value, zone = _at(line[0], None, clock, warnings, f"the text dateline {line[1]!r}")
            warnings.append(f"published taken from the text dateline {line[1]!r}; the time is not known")
            return value, zone, warnings
        return None, None, warnings

    def _column(self, text: str, clock: str | None, decision: _Decision | None, warnings: list[str]):
        """The column's value read in its learned order (``decision``, None when the value is
        not a three-number date) or as printed when unambiguous."""
        triple = _triple(text)
        if triple is not None and decision is not None:
            a, b, c, _shape, orders, rest = triple
            day = _reading(decision.order, a, b, c)
            other = next(o for o in orders if o != decision.order)
            swapped = _reading(other, a, b, c)
            if day is None:
                warnings.append(
                    f"date {text!r} is not a date in its column's {_name(decision.order)} order "
                    f"(decided from {_basis(decision.basis)}); published left empty"
                )
                return None, None, None
            if decision.basis == "assumed" and swapped is not None and swapped != day:
                warnings.append(
                    f"date {text!r} read as {_name(decision.order)} ({day:%Y-%m-%d}); nothing in the "
                    f"export tells its order, it could be {swapped:%Y-%m-%d}"
                )
            normal = f"{day:%Y-%m-%d}"
            time_text = _time_text(clock) or _time_text(rest.strip(" T,"))
            if time_text is None and rest.strip(" ,"):
                normal, time_text = normal + rest.rstrip(), ""  # "T20:43:00+07:00" keeps its own separator
        elif match := _DAY_MON_YY.match(text):
            month = MONTHS.get(match["mon"].lower())
            year = int(match["y"]) + (2000 if len(match["y"]) == 2 else 0)
            if month is None:
                normal, time_text = text, clock or ""
            else:
                normal, time_text = f"{year:04d}-{month:02d}-{int(match['d']):02d}", _time_text(clock) or ""
        else:
            normal, time_text = text, clock or ""
            if clock and _ISO_DAY.match(text):
                normal = text[:10]
        combined = f"{normal} {time_text}".strip()
        value, zone = parse_datetime(combined)
        if value is None:
            shown = f"{text} {clock}" if clock else text
            warnings.append(f"date {shown!r} could not be read; published left empty")
            return None, None, None
        if zone is None:
            shown = f"{text} {clock}" if clock else text
            warnings.append(f"date {shown!r} names no time zone; assumed WIB (UTC+7)")
        return value, zone, combined

    @staticmethod
    def _against_dateline(value: datetime, line: tuple[date, str], text: str, column: str | None,
                          warnings: list[str]) -> datetime | None:
        """Without a URL, the text's dateline is the check: a story is dated near the day it names."""
        named, printed = line
        triple = _triple(text)
        if triple is None or 0 <= (value.date() - named).days <= 2:
            return value
        a, b, c, _shape, orders, _rest = triple
        if not any((r := _reading(o, a, b, c)) and 0 <= (r - named).days <= 2 for o in orders):
            return value  # neither reading fits: the dateline names another day (an event)
        warnings.append(
            f"date column {column!r} says {value:%Y-%m-%d} ({text!r}), but its other day/month "
            f"reading fits the text dateline {printed!r}; published taken from the dateline"
        )
        return None

def _at(day: date, url_clock, clock: str | None, warnings: list[str], source: str):
    """A day from the URL or the text, at the row's time (the time column, the URL's stamp)."""
    hour = minute = second = 0
    zone = None
    if clock and (match := _TIME.match(clock)):
        hour, minute, second = int(match["H"]), int(match["M"]), int(match["S"] or 0)
        zone = match["tz"].upper() if match["tz"] else None
    elif url_clock:
        hour, minute, second = url_clock
    if hour > 23 or minute > 59 or second > 59:
        hour = minute = second = 0
    if zone is None:
        warnings.append(f"{source} names no time zone; assumed WIB (UTC+7)")
    tz = TZ_OFFSETS[zone or "WIB"]
    return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=tz), zone


def _clean(value: Any) -> str | None:
    if value is None or isinstance(value, (list, dict)):
        return None
    text = str(value).strip()
    return None if text.lower() in ("", "-", "–", "—", "null", "none", "n/a", "na", "nan") else text


@lru_cache(maxsize=4096)  # a row's value is read up to three times (observe, _column, _assumed)
def _triple(text: str):
    """``(a, b, c, shape, orders, rest)`` for a three-number date with the year at one end."""
    match = _TRIPLE.match(text)
    if not match:
        return None
    a, b, c = match["a"], match["b"], match["c"]
    sep = match["sep"]
    if len(a) == 4 and len(c) <= 2:
        return int(a), int(b), int(c), f"Y{sep}n{sep}n", _YEAR_FIRST, match["rest"]
    if len(c) == 4 and len(a) <= 2:
        return int(a), int(b), int(c), f"n{sep}n{sep}Y", _YEAR_LAST, match["rest"]
    return None


def _time_text(text: str | None) -> str | None:
    """``9.05 WIB`` → ``09:05 WIB`` (the ISO fast path wants two-digit hours)."""
    if not text or not (match := _TIME.match(text)):
        return None
    seconds = f":{match['S']}" if match["S"] else ""
    zone = f" {match['tz'].upper()}" if match["tz"] else ""
    return f"{int(match['H']):02d}:{match['M']}{seconds}{zone}"


def _name(order: str) -> str:
    return {"ymd": "year-month-day", "ydm": "year-day-month", "dmy": "day-month-year",
            "mdy": "month-day-year"}[order]


def _basis(basis: str) -> str:
    return {"url": "the URL dates of its rows", "values": "its values (days above 12)",
            "datelines": "the text datelines of its rows",
            "assumed": "no evidence; the usual order assumed"}[basis]
