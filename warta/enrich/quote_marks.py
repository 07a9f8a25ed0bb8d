"""Quotation marks paired into direct-quote spans (step 1 of :mod:`warta.enrich.quotes`).

``“ „ «`` open, ``»`` closes, ``" ”`` toggle (Kompas prints ``”`` on both sides). A paragraph
that opens a quote without closing it continues into the next one; an unclosed quote that
runs on for more than :data:`MAX_SPAN` paragraphs is cut back to its own paragraph, unless
nothing but an attributed closing mark ends it within :data:`LONG_SPAN`. Also the quoted
content of a span and the scare-quote test (a word or two quoted inside running text)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .quote_lexicon import QuoteLexicon, quote_lexicon


MAX_SPAN = 6  # paragraphs an unclosed quote may run through before it is cut back


# ... or up to this many when nothing but one attributed closing mark (`…,” kata X`) ends it:
# text split one sentence per paragraph holds quotes of seven or more "paragraphs"
LONG_SPAN = 3 * MAX_SPAN
_OPENERS = "“„«"
_CLOSERS = "»"
_TOGGLES = "\"”"
MARKS = _OPENERS + _CLOSERS + _TOGGLES


@dataclass(slots=True)
class QuoteSpan:
    """A direct quote's content: from (p0, s0) to (p1, e1), marks excluded."""

    p0: int
    s0: int
    p1: int
    e1: int
    mark_start: int  # offset of the opening mark in p0
    mark_end: int  # offset just after the closing mark in p1 (= e1 when unclosed)


def find_direct(paragraphs: list[str]) -> list[QuoteSpan]:
    """Pair quotation marks across paragraphs (see the module docstring)."""
    spans: list[QuoteSpan] = []
    p = 0
    i = 0
    while p < len(paragraphs):
        text = paragraphs[p]
        j = _next_mark(text, i, opening=True)
        if j < 0:
            p, i = p + 1, 0
            continue
        if _stray_close(text, j):
            i = j + 1  # its opening mark was lost: no quote can be paired from it
            continue
        span = _close(paragraphs, p, j)
        spans.append(span)
        p, i = span.p1, span.mark_end
    return spans


_OPENING = re.compile(f"[{_TOGGLES}{_OPENERS}]")
_CLOSING = re.compile(f"[{_TOGGLES}{_CLOSERS}]")


def _next_mark(text: str, start: int, opening: bool) -> int:
    m = (_OPENING if opening else _CLOSING).search(text, start)
    return m.start() if m else -1


def _close(paragraphs: list[str], p0: int, j: int) -> QuoteSpan:
    """Find the closing mark for the opening mark at ``paragraphs[p0][j]``."""
    p, i = p0, j + 1
    marked = False  # a continuation mark was passed on the way
    while p < len(paragraphs) and p - p0 < LONG_SPAN:
        text = paragraphs[p]
        if p > p0:
            lead = len(text) - len(text.lstrip())
            i = lead + 1 if text[lead : lead + 1] in tuple(MARKS) and _opens_here(text, lead) else 0
            marked = marked or i > 0
        k = _next_mark(text, i, opening=False)
        lo = i
        while k >= 0 and _nested_term(text, lo, k):
            lo, k = k + 1, _next_mark(text, k + 1, opening=False)
        if k >= 0:
            if p - p0 < MAX_SPAN or not marked and _attributed_close(paragraphs, p, k):
                return QuoteSpan(p0, j + 1, p, k, j, k + 1)
            break
        p += 1
    # unclosed: cut back to the opening paragraph
    end = len(paragraphs[p0].rstrip())
    return QuoteSpan(p0, j + 1, p0, end, j, end)


_ATTRIBUTED_CLOSE = re.compile(r"[,?!]\s?$")
_TERM = 40  # characters a term quoted inside a quotation may hold


def _nested_term(text: str, i: int, k: int) -> bool:
    """Whether the mark at ``text[k]`` closes a term quoted inside the quotation, not the
    quotation: an explicit opening mark stands between (``“Di pasar kan ada “jeger-jeger”-nya.
    Kami …,” ucapnya``), in the middle of a clause, a few words before it."""
    o = max(text.rfind(c, i, k) for c in _OPENERS)
    return o >= i and k - o <= _TERM and text[max(i, o - 2) : o].rstrip()[-1:].isalnum()


_WORD_AFTER = re.compile(r"[a-z]+")


def _stray_close(text: str, j: int) -> bool:
    """A toggle mark where an opening one is expected that can only close a quote: after the
    quote's own comma and glued to a cue that follows quotes (``…, ekonomi, ”ujar Windhu``, where
    the text lost a mark before it). Pairing from it would turn every later quote inside out."""
    if text[j] not in _TOGGLES or not _ATTRIBUTED_CLOSE.search(text[max(0, j - 2) : j]):
        return False
    word = _WORD_AFTER.match(text, j + 1)
    return word is not None and quote_lexicon().cue_kind.get(word.group()) == "post"


def _attributed_close(paragraphs: list[str], p: int, k: int) -> bool:
    """A mark after the quote's own comma (or ``?``/``!``) and before a lower-case word
    (``…, kok,” paparnya``; in text split one sentence per paragraph the word may open the
    next one) closes a quote for certain: only an attribution follows it."""
    text = paragraphs[p]
    if not _ATTRIBUTED_CLOSE.search(text[max(0, k - 2) : k]):
        return False
    after = text[k + 1 :] if text[k + 1 :].strip() or p + 1 == len(paragraphs) else " " + paragraphs[p + 1].lstrip()
    return after[:1] == " " and after[1:2].islower()


def _opens_here(text: str, k: int) -> bool:
    """A mark at paragraph start followed by a word is a continuation opener."""
    return k + 1 < len(text) and not text[k + 1].isspace()


def span_content(paragraphs: list[str], span: QuoteSpan) -> str:
    if span.p0 == span.p1:
        return paragraphs[span.p0][span.s0 : span.e1]
    parts = [paragraphs[span.p0][span.s0 :]]
    for p in range(span.p0 + 1, span.p1 + 1):
        text = paragraphs[p] if p < span.p1 else paragraphs[p][: span.e1]
        stripped = text.lstrip()
        if stripped[:1] in tuple(MARKS):
            stripped = stripped[1:]
        parts.append(stripped)
    return "\n\n".join(parts)


def scare_quote(paragraphs: list[str], span: QuoteSpan, lex: QuoteLexicon) -> bool:
    """A word or two in quotation marks inside running text (``bukan sekadar "berjualan"
    partai``): a scare quote, no statement; the sentence around it may be reported speech."""
    if span.p0 != span.p1 or span.mark_end <= span.mark_start:
        return False
    text = paragraphs[span.p0]
    inner = text[span.mark_start + 1 : span.mark_end - 1]
    before = text[max(0, span.mark_start - 2) : span.mark_start]
    after = text[span.mark_end :].split(None, 1)
    return len(inner.split()) < 3 and re.fullmatch(r"[a-z] ", before) is not None and bool(after) \
        and after[0][:1].islower() and after[0].strip(",.") not in lex.cue_words
