"""Turn an article into what the article page shows, as plain data for the templates.

Nothing here produces HTML: the body becomes nested pieces (paragraph → quote or plain run
→ text or entity link) and the Jinja2 templates, autoescaping everything, turn them into
markup. Article text is therefore never trusted as markup, whatever it contains.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from warta.model import Article
from warta.web.queries import slug

__all__ = ["LABELS", "Piece", "Run", "body_runs", "format_dateline", "format_day", "format_month",
           "label_name", "marked", "read_also_at", "web_url"]

DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")
# entity labels as the portal names them (the record keeps the NER tags)
LABELS = {"PER": "Tokoh", "ORG": "Lembaga", "LOC": "Tempat", "EVT": "Peristiwa",
          "MISC": "Lainnya"}
# Indonesia's three zones by UTC offset in hours
ZONES = {7: "WIB", 8: "WITA", 9: "WIT"}
WIB = timezone(timedelta(hours=7))


def _zone(value: datetime, tz: str | None) -> tuple[datetime, str]:
    """The time to show and its zone name: the article's own Indonesian zone when it has
    one, else converted to WIB (the portal's home zone)."""
    if value.tzinfo is None:
        return value, tz or "WIB"  # the parser assumes WIB for naive times too
    offset = value.utcoffset()
    hours = offset.total_seconds() / 3600 if offset is not None else 0
    if hours in ZONES:
        return value, ZONES[int(hours)]
    return value.astimezone(WIB), "WIB"


def format_dateline(value: datetime | None, tz: str | None = None) -> str:
    """``Sabtu, 22 Januari 2022 11:39 WIB`` (empty when the article is undated)."""
    if value is None:
        return ""
    shown, zone = _zone(value, tz)
    return (f"{DAYS[shown.weekday()]}, {shown.day} {MONTHS[shown.month - 1]} {shown.year} "
            f"{shown:%H:%M} {zone}")


def format_day(iso: str | None) -> str:
    """``22 Jan 2022`` from an ISO timestamp ('' for None or garbage)."""
    if not iso:
        return ""
    try:
        value = datetime.fromisoformat(iso)
    except ValueError:
        return ""
    return f"{value.day} {MONTHS[value.month - 1][:3]} {value.year}"


def format_month(value: str | None) -> str:
    """``Januari 2022`` from ``2022-01`` (the value itself when it is no month)."""
    try:
        year, month = str(value).split("-")
        return f"{MONTHS[int(month) - 1]} {int(year)}"
    except (ValueError, IndexError):
        return str(value or "")


def label_name(label: str | None) -> str:
    """``Tokoh`` for ``PER`` (and so on); an unknown tag is shown as it is."""
    return LABELS.get(str(label or "").upper(), str(label or ""))


def web_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) address, else None: a stored ``javascript:`` or
    ``data:`` URL must never become a link (the CSP would block it too; belt and braces)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


@dataclass(slots=True)
class Piece:
    """A run of text, linked to an entity page when ``entity`` is set."""

    text: str
    entity: str | None = None  # entity slug
    entity_name: str | None = None


@dataclass(slots=True)
class Run:
    """Part of a paragraph: plain, or a quote with its speaker."""

    pieces: list[Piece] = field(default_factory=list)
    quote: bool = False
    speaker: str | None = None
    speaker_id: str | None = None
    kind: str | None = None
    role: str | None = None  # the speaker's role, shown after the name


def _mentions(article: Article) -> dict[int, list[tuple[int, int, str]]]:
    out: dict[int, list[tuple[int, int, str]]] = {}
    for entity in article.entities:
        for m in entity.mentions:
            out.setdefault(m.paragraph, []).append((m.start, m.end, entity.name))
    return out


def _pieces(text: str, base: int, mentions: list[tuple[int, int, str]]) -> list[Piece]:
    """Split ``text`` (which starts at ``base`` in its paragraph) at entity mentions."""
    out: list[Piece] = []
    pos = 0
    for start, end, name in mentions:
        s, e = start - base, end - base
        if s < pos or e > len(text) or s >= e:
            continue  # overlapping or outside this run: keep it plain
        if s > pos:
            out.append(Piece(text[pos:s]))
        out.append(Piece(text[s:e], slug(name), name))
        pos = e
    if pos < len(text):
        out.append(Piece(text[pos:]))
    return out


_OPEN, _CLOSE = "\"“«'‘", "\"”»'’"


def _with_marks(text: str, start: int, end: int, floor: int) -> tuple[int, int]:
    """Widen a quote span over its own quotation marks (and the comma or stop inside
    them: ``"...terima,"``) so the marked quote reads as printed."""
    if start > floor and text[start - 1] in _OPEN:
        start -= 1
    tail = end
    while tail < len(text) and tail - end < 2 and text[tail] in ",.!?":
        tail += 1
    if tail < len(text) and text[tail] in _CLOSE:
        end = tail + 1
    return start, end


def body_runs(article: Article) -> list[list[Run]]:
    """Each paragraph as runs: quotes (one paragraph long; direct ones with their quotation
    marks) become quote runs with their speaker; entity mentions become links. Overlapping or
    bad offsets degrade to plain text."""
    mentions = _mentions(article)
    quotes: dict[int, list[tuple[int, int, object]]] = {}
    for q in article.quotes:
        same = q.end_paragraph in (None, q.paragraph)
        if same and 0 <= q.paragraph < len(article.paragraphs):
            quotes.setdefault(q.paragraph, []).append((q.start, q.end, q))
    out: list[list[Run]] = []
    for index, text in enumerate(article.paragraphs):
        found = sorted(mentions.get(index, []))
        runs: list[Run] = []
        pos = 0
        for start, end, q in sorted(quotes.get(index, []), key=lambda t: t[0]):
            if start < pos or end > len(text) or start >= end:
                continue
            if getattr(q, "kind", None) == "direct":
                start, end = _with_marks(text, start, end, pos)
            if start > pos:
                runs.append(Run(_pieces(text[pos:start], pos, found)))
            speaker = getattr(q, "speaker", None)
            runs.append(Run(_pieces(text[start:end], start, found), quote=True, speaker=speaker,
                            speaker_id=slug(speaker) if speaker else None,
                            kind=getattr(q, "kind", None), role=getattr(q, "role", None)))
            pos = end
        if pos < len(text):
            runs.append(Run(_pieces(text[pos:], pos, found)))
        out.append(runs)
    return out


def read_also_at(article: Article) -> int:
    """After which paragraph the ``Baca juga`` links go. The record keeps no position, so
    they sit where portals usually put them: after the fourth paragraph (or the last)."""
    return min(3, max(0, len(article.paragraphs) - 1))


def marked(text: str, spans: list[tuple[int, int]] | list[list[int]]) -> list[tuple[str, bool]]:
    """``text`` cut into (part, highlighted) pairs at the highlight spans, for templates."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for span in sorted((int(s), int(e)) for s, e in spans):
        s, e = max(span[0], pos), min(span[1], len(text))
        if s >= e:
            continue
        if s > pos:
            out.append((text[pos:s], False))
        out.append((text[s:e], True))
        pos = e
    if pos < len(text):
        out.append((text[pos:], False))
    return out
