"""How good an HTML parse is against a reference: content containment and boilerplate.

Shared by ``tests/unit/test_html.py`` and ``evals/eval_html.py`` so that the test and the
evaluation measure the same thing.

**Reference content.** The reference text of a page (``expected.jsonl``'s ``content``, written
by a scraper) is the whole body as the page prints it, while warta moves some of it into
fields. Before comparing, :func:`reference_content` therefore removes from the reference:

- the lead dateline (``Mataram, NTB (ANTARA News) -``): warta puts it in ``dateline``/``outlet``;
- the closing editor credit (``(fyk/ash)``, ``(FHM)``): warta puts it in ``credits``;
- ``Editor:``/``Penulis:``/``Sumber:`` lines: warta puts them in ``editors``/``authors``/``credits``;
- comment counters (``0 Komentar``): portal furniture;
- exact repeats of a sentence (one reference repeats a photo caption five times).

**Containment** is then tested sentence by sentence, with whitespace removed and typographic
quotes and dashes unified (the reference was written with straight quotes), and summarised as
``coverage``: the share of reference characters found in the body in matching runs of at
least 20 characters (one reference drops a linked word the page shows; coverage stays ≈1.0).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any
from difflib import SequenceMatcher

__all__ = [
    "BOILERPLATE",
    "PAGE_FIELDS",
    "PASS_COVERAGE",
    "Containment",
    "boilerplate_hits",
    "containment",
    "field_checks",
    "opens_with_lead",
    "reference_content",
    "squash",
]

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "‘": "'", "’": "'",
                         "‚": "'", "‛": "'", "′": "'", "–": "-", "—": "-", "―": "-", "‒": "-"})
_WS = re.compile(r"\s+")
_LEAD = re.compile(r"^\s*[A-Z](?:[^.!?\"“\n]|\.(?=\S)){0,80}?\s(?:--|-|–|—)\s+")
_CREDIT_END = re.compile(r"\s*\(\s*[A-Za-z]{2,6}(?:\s*/\s*[A-Za-z]{2,6}){0,3}\s*\)\s*$")
_PEOPLE_LINE = re.compile(r"^\s*(?:editor|penulis|reporter|pewarta|sumber)\s*:", re.IGNORECASE)
_COMMENT_COUNT = re.compile(r"^\s*\d+\s+komentar\s*$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?\"”)])\s+(?=[A-Z\"“(])")
_MIN_RUN = 20
PASS_COVERAGE = 0.995

# Boilerplate that must never be in an article body: (name, pattern over one paragraph).
BOILERPLATE: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("read-also", r"\b(?:baca juga|baca pula|simak juga|lihat juga)\b"),
        ("copyright", r"©|\bcopyright\b|all rights reserved|hak cipta dilindungi"),
        ("byline-label", r"^(?:editor|penulis|reporter|pewarta|sumber|fotografer|redaksi)\s*:"),
        ("byline-table", r"^\|.*\|$"),
        ("share-buttons", r"^(?:share|bagikan|tweet|facebook|twitter|whatsapp|google\+?|email|print|cetak)$"),
        ("comments", r"^(?:\d+\s+)?komentar$"),
        ("views-counter", r"\b(?:telah )?dilihat \d+ kali\b|^\d+ views$"),
        ("timestamp-list", r"^[-•\s]*(?:\w+,\s*)?\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2} (?:WIB|WITA|WIT)$"),
        ("pagination", r"^[-\s]*\d{1,3}$|^halaman (?:selanjutnya|berikutnya)|^selanjutnya$"),
        ("navigation", r"^(?:berita terkait|terpopuler|berita lainnya|mustread|close|tag|tags|topik)$"),
        ("advertising", r"^(?:advertisement|iklan|scroll to continue with content)$|pemasangan iklan|\[at\]"),
    )
)


def opens_with_lead(text: str) -> bool:
    """Does a paragraph open with a lead dateline (``JAKARTA, KOMPAS.com -``)?"""
    return _LEAD.match(text) is not None


def squash(text: str) -> str:
    """Text for comparison: NFKC, typographic quotes/dashes unified, all whitespace removed."""
    return _WS.sub("", unicodedata.normalize("NFKC", text).translate(_QUOTES))


def reference_content(content: str) -> tuple[list[str], dict[str, int]]:
    """The reference's sentences to look for in warta's body, and what was removed (counts)."""
    removed = {"lead": 0, "credit": 0, "people_lines": 0, "comment_counters": 0, "repeats": 0}
    text = content.strip()
    if match := _LEAD.match(text):
        text = text[match.end():]
        removed["lead"] = 1
    if match := _CREDIT_END.search(text):
        text = text[: match.start()]
        removed["credit"] = 1
    lines: list[str] = []
    for line in text.splitlines():
        if _PEOPLE_LINE.match(line):
            removed["people_lines"] += 1
        elif _COMMENT_COUNT.match(line):
            removed["comment_counters"] += 1
        elif line.strip():
            lines.append(line.strip())
    if lines and (match := _CREDIT_END.search(lines[-1])):  # credit before a dropped line
        lines[-1] = lines[-1][: match.start()]
        removed["credit"] = 1
    sentences: list[str] = []
    seen: set[str] = set()
    for line in lines:
        for sentence in _SENTENCE_END.split(line):
            key = squash(sentence)
            if not key:
                continue
            if key in seen:
                removed["repeats"] += 1
                continue
            seen.add(key)
            sentences.append(sentence)
    return sentences, removed


@dataclass(slots=True)
class Containment:
    """How much of the reference the body holds."""

    sentences: int
    contained: int
    coverage: float
    missing: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Every reference sentence is in the body, verbatim (whitespace aside)."""
        return self.contained == self.sentences

    @property
    def passed(self) -> bool:
        """The acceptance test: every sentence verbatim, or ≥ 99.5 % of the reference's
        characters in long matching runs (a reference that dropped a word the page prints
        fails the verbatim test on that one sentence, not this one)."""
        return self.ok or self.coverage >= PASS_COVERAGE


def containment(reference: list[str], paragraphs: list[str]) -> Containment:
    """Sentence-by-sentence containment of ``reference`` in the body, plus char coverage."""
    body = squash(" ".join(paragraphs))
    missing = [s for s in reference if squash(s) not in body]
    whole = squash(" ".join(reference))
    matcher = SequenceMatcher(None, whole, body, autojunk=False)
    matched = sum(b.size for b in matcher.get_matching_blocks() if b.size >= _MIN_RUN)
    return Containment(
        sentences=len(reference),
        contained=len(reference) - len(missing),
        coverage=round(matched / len(whole), 4) if whole else 1.0,
        missing=missing,
    )


def boilerplate_hits(paragraphs: list[str], title: str | None = None) -> list[tuple[str, str]]:
    """``(check name, paragraph)`` for every paragraph that is portal boilerplate."""
    hits: list[tuple[str, str]] = []
    title_key = squash(title).casefold() if title else None
    for paragraph in paragraphs:
        text = " ".join(paragraph.split())
        if title_key and squash(text).casefold() == title_key:
            hits.append(("headline-repeated", text))
        for name, pattern in BOILERPLATE:
            if pattern.search(text):
                hits.append((name, text))
    return hits


# Fields of ``html-dev/expected.jsonl`` that :func:`field_checks` compares.
PAGE_FIELDS = (
    "title", "published", "authors", "editors", "dateline", "first_sentence", "last_sentence",
    "read_also", "credits", "no_furniture",
)
_TRAILING_PUNCT = re.compile(r"[\s\"'”’)]+$")


def _same_text(a: str | None, b: str | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and squash(a) == squash(b))


def _same_instant(got: Any, want: Any) -> bool:
    if want.second == 0 and want.microsecond == 0:
        got = got.replace(second=0, microsecond=0)
    return bool(got == want)


def field_checks(
    *,
    title: str | None,
    published: Any,
    authors: list[str],
    editors: list[str],
    dateline: str | None,
    paragraphs: list[str],
    read_also: list[str],
    agencies: list[str],
    codes: list[str],
    expected: dict[str, Any],
    produces: tuple[str, ...] = PAGE_FIELDS,
) -> dict[str, bool | None]:
    """Compare one parsed page with its hand-written reference (``html-dev/expected.jsonl``).

    A field outside ``produces`` is one the tool does not extract (trafilatura has no
    dateline, editors, read-also or credits): its check is ``None``, not applicable.
    ``published`` is an aware datetime compared as an instant; texts are compared after
    :func:`squash` (whitespace, typographic quotes), the first sentence as the body's start
    and the last as its end; credit codes joined with ``/`` (``bag/bag``). The reference
    gives seconds only where the page shows them, so a reference at ``:00`` seconds is
    compared to the minute: warta keeps the seconds of a machine stamp that shows the same
    minute (the older ``html`` references, written from those stamps, require them).
    """
    from datetime import datetime

    want = expected
    body = squash(" ".join(paragraphs))
    first, last = squash(want["first_sentence"]), _TRAILING_PUNCT.sub("", squash(want["last_sentence"]))
    text = " ".join(paragraphs)
    checks: dict[str, bool | None] = {
        "title": _same_text(title, want["title"]),
        "published": published is not None and _same_instant(published, datetime.fromisoformat(want["published"])),
        "authors": list(authors) == want["authors"],
        "editors": list(editors) == want["editors"],
        "dateline": _same_text(dateline, want["dateline"]),
        "first_sentence": bool(body) and body.startswith(first),
        "last_sentence": bool(body) and _TRAILING_PUNCT.sub("", body).endswith(last),
        "read_also": sorted(map(squash, read_also)) == sorted(map(squash, want["read_also"])),
        "credits": list(agencies) == want["credits"]["agencies"]
        and "/".join(codes) == "/".join(want["credits"]["codes"]),
        "no_furniture": bool(paragraphs) and not any(s in text for s in want["must_not_contain"]),
    }
    return {name: (value if name in produces else None) for name, value in checks.items()}
