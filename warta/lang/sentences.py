"""Sentence splitter over :func:`warta.lang.tokenize.tokenize` tokens.

Rules (Indonesian news):

* a sentence ends at ``.``, ``!``, ``?``, ``...``/``…`` or an ``end``-class abbreviation
  (``dll.``, ``Tbk.``), together with the closing quotes and brackets right after it;
* it does NOT end when the next token starts in lower case or is light punctuation —
  this keeps ``"Kami siap!" kata dia.`` whole while ``... diterima." Dia lalu pergi.``
  splits after the closing quote — except after a full stop that follows a real word and
  after a bare ``?`` (no closing quote): ``... di kantor. lalu ...``, ``Siapa? dia ...``;
* never after ``title``-class abbreviations and initials (``Dr.``, ``No.``, ``B. J. Habibie``)
  — they are single ``abbrev`` tokens, so they never look like a full stop; decimals and
  times (``1,5``, ``20.30``) are single ``number`` tokens for the same reason;
* never after ``Rp.`` (``Rp. 5.000``) nor after a list number opening a line (``1. Judul``);
* never inside a double-quoted quotation that continues its sentence: one that closes
  without a terminal stop (``"... kami terima," kata ...``), one followed by a lower-case
  word, light punctuation or a speech verb (``data/quote_cues.txt``: ``kata``, ``ujarnya``),
  and one opened inside a sentence (``ia berkata: "A. B."``) — that sentence cannot end
  before the quotation closes. A quotation that opens a sentence, ends with a stop and is
  followed by a new sentence is split as usual (``"Kami siap." Dia lalu pergi.``), and a
  quote that never closes within its paragraph suppresses nothing;
* always at a line break (a paragraph in news text), unless ``line_breaks=False``, in which
  case only blank lines split.

Why hand-written: rule-based Indonesian splitters in libraries either need model downloads
(punkt, stanza) or split at every period; these rules reach the UD floors (evals/eval_ud.py).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import compress, count, repeat
from operator import eq, itemgetter, or_

from .data import quote_cues
from .tokenize import Token, abbreviation_classes, tokenize

__all__ = ["Sentence", "split_sentences"]

_ENDERS = frozenset({".", "!", "?", "...", "…", "....", "?!", "!?", "!!", "??", "!!!", "???"})
_CLOSERS = frozenset({")", "]", "}", "”", "’", "»", "›"})
_AMBIGUOUS_QUOTES = frozenset({'"', "'"})
# Tokens that may follow a full stop inside the same sentence.
_CONTINUERS = frozenset({",", ";", ":", ")", "]", "}", "%", "-", "–", "—"})
# Double quotes only: single ones double as apostrophes (Jum'at, 'kan) and nest inside.
_HAS_DOUBLE_QUOTE = re.compile("[\"“”„«»]")
_OPENERS = frozenset({"“", "„", "«"})
_CLOSING = frozenset({"”", "»"})
_BRACKET_OPENERS = frozenset({"(", "[", "{"})


@dataclass(slots=True)
class Sentence:
    """One sentence: ``text == source[start:end]``; ``tokens`` are its tokens."""

    text: str
    start: int
    end: int
    tokens: list[Token] = field(default_factory=list, repr=False)


def _abbrev_may_end(text: str) -> bool:
    """Listed ``end`` abbreviations and unlisted dotted ones (``Ph.D.``) may end a sentence;
    listed ``title`` ones and initials (``B.``, ``B.J.``) never do."""
    cls = abbreviation_classes().get(text)
    if cls is not None:
        return cls == "end"
    parts = text[:-1].split(".")
    if all(len(p) == 1 and p.isupper() for p in parts):
        return False  # initials: B.J. Habibie
    return len(parts) > 1


def _starts_sentence(tok: Token) -> bool:
    """Whether ``tok`` can open a new sentence (capital, digit, opening quote, link...)."""
    first = tok.text[0]
    if first.islower():
        return False
    return tok.text not in _CONTINUERS


def _boundaries(text: str, toks: list[Token], line_breaks: bool) -> list[int]:
    """Indices of the last token of every sentence (the last token always closes one)."""
    n = len(toks)
    ends: set[int] = set()
    # the candidate stops (a sentence ender or an abbreviation; few) found in C
    stops = map(or_, map(_ENDERS.__contains__, map(itemgetter(0), toks)),
                map(eq, map(itemgetter(3), toks), repeat("abbrev")))
    for i in list(compress(count(), stops)):
        tok = toks[i]
        if tok[3] == "abbrev" and not _abbrev_may_end(tok[0]):
            continue
        j = i + 1
        # Take in closing quotes/brackets glued to the stop: diterima." / (lihat foto.)
        while j < n and toks[j][1] == toks[j - 1][2] and _closes(toks, j):
            j += 1
        if j == n:
            continue
        nxt = toks[j]
        if not _starts_sentence(nxt):
            if j == i + 1 and (
                (tok[0] == "." and _lower_case_restart(toks, i, nxt))
                or (tok[0] == "?" and nxt[3] == "word")  # "... fangire? ketika orang ..."
            ):
                ends.add(i)
            continue
        if tok[3] == "abbrev" and nxt[3] != "word" and nxt[0] not in _AMBIGUOUS_QUOTES:
            continue  # "S.H. M.H.", "dll. (2020)": only a capitalised word opens a sentence
        if tok[0] == "." and i > 0 and _glued_to_stop(text, toks, i):
            continue
        ends.add(j - 1)
    if ends and _HAS_DOUBLE_QUOTE.search(text):
        ends.difference_update(_quoted_ends(text, toks, ends, line_breaks))
    if "\n" in text:
        ends.update(_line_break_ends(text, toks, line_breaks))
    ends.add(n - 1)
    return sorted(ends)


def _closes(toks: list[Token], j: int) -> bool:
    """Whether the glued token ``toks[j]`` closes a quotation or bracket (``."`` ``.'"``)."""
    text = toks[j][0]
    if text in _CLOSERS:
        return True
    if text == ",":
        # Scraped news often glues paragraphs with a comma: "berkembang.,Lewat seni ..."
        return j + 1 < len(toks) and toks[j + 1][1] == toks[j][2] and (
            toks[j + 1][0][0].isupper() or toks[j + 1][0] in _AMBIGUOUS_QUOTES
        )
    if text not in _AMBIGUOUS_QUOTES:
        return False
    # A straight quote closes when a space, the end, or another closer follows it.
    return j + 1 == len(toks) or toks[j + 1][1] > toks[j][2] or (
        toks[j + 1][0] in _CLOSERS or toks[j + 1][0] in _AMBIGUOUS_QUOTES
    )


def _lower_case_restart(toks: list[Token], i: int, nxt: Token) -> bool:
    """``... di kantor. lalu dia pergi``: a full stop after a real word, then lower case.

    Unlisted short forms written without vowels (``dgn.``, ``tsb.``, ``kg.``) and anything
    that is not a word (``dll.``-style abbreviations are separate tokens) do not count.
    """
    if nxt[3] != "word" or i == 0:
        return False
    prev = toks[i - 1]
    if prev[0] == ")":
        return True
    word = prev[0]
    return prev[3] == "word" and len(word) >= 4 and any(v in word for v in "aiueoAIUEO")


def _glued_to_stop(text: str, toks: list[Token], i: int) -> bool:
    """``Rp. 5.000`` and a list number ``1.`` opening a line are not sentence ends."""
    prev = toks[i - 1]
    if prev[3] == "currency" or prev[0] in ("Rp", "rp", "RP"):
        return True
    if prev[3] != "number":
        return False
    if i == 1:
        return True
    before = toks[i - 2]
    return before[0] in _ENDERS or "\n" in text[before[2] : prev[1]]


def _quotations(text: str, toks: list[Token], line_breaks: bool) -> list[tuple[int, int]]:
    """``(open, close)`` token indices of the double-quoted quotations closed in their paragraph.

    A straight ``"`` opens when glued to the next token only and closes when glued to the
    previous one; an opener met while a quotation is open means that one never closed (it is
    dropped, so an unclosed quote cannot swallow the text after it); so is an opener whose
    closer lies beyond a paragraph break.
    """
    pairs = []
    n = len(toks)
    open_at = -1
    for i in [i for i, t in enumerate(toks) if t[3] == "quote"]:
        q, start, end, _ = toks[i]
        glued_prev = i > 0 and toks[i - 1][2] == start and toks[i - 1][0] not in _BRACKET_OPENERS
        glued_next = i + 1 < n and toks[i + 1][1] == end
        if q in _OPENERS or (q == '"' and glued_next and not glued_prev):
            is_open = True
        elif q in _CLOSING or (q == '"' and glued_prev):
            # "”" also opens in texts that use it for both sides: glued to the next token only.
            is_open = q == "”" and glued_next and not glued_prev and open_at < 0
        else:
            continue
        if is_open:
            open_at = i
        elif open_at >= 0:
            if not _BREAK[line_breaks].search(text, toks[open_at][2], start):
                pairs.append((open_at, i))
            open_at = -1
    return pairs


def _quoted_ends(text: str, toks: list[Token], ends: set[int], line_breaks: bool) -> set[int]:
    """Candidate ends that fall inside a quotation continuing its sentence (see module doc)."""
    inside: set[int] = set()
    cues = quote_cues()
    ordered = sorted(ends)  # bisected per quotation: linear, not quotations x ends
    for o, c in _quotations(text, toks, line_breaks):
        nxt = toks[c + 1] if c + 1 < len(toks) else None
        if toks[c - 1][0] not in _ENDERS or (
            nxt is not None and (not _starts_sentence(nxt) or nxt[0].lower() in cues)
        ):
            inside.update(ordered[bisect_left(ordered, o) : bisect_right(ordered, c)])
        elif o > 0 and (o - 1) not in ends and not _BREAK[line_breaks].search(
            text, toks[o - 1][2], toks[o][1]
        ):
            # Embedded: the sentence goes on until the closer, and may end right after it.
            inside.update(ordered[bisect_left(ordered, o) : bisect_left(ordered, c)])
    return inside


_BREAK = {True: re.compile(r"\n"), False: re.compile(r"\n[^\S\n]*\n")}


def _line_break_ends(text: str, toks: list[Token], line_breaks: bool) -> list[int]:
    """Token indices closing a line (or a paragraph when ``line_breaks`` is False)."""
    starts = [t[1] for t in toks]
    ends = []
    for m in _BREAK[line_breaks].finditer(text):
        k = bisect_left(starts, m.start())  # first token after the break
        if 0 < k < len(toks):
            ends.append(k - 1)
    return ends


def split_sentences(
    text: str, *, line_breaks: bool = True, tokens: list[Token] | None = None
) -> list[Sentence]:
    """Split ``text`` into :class:`Sentence` s (offsets into ``text``, tokens attached).

    ``line_breaks=True`` (default) treats every line break as a paragraph end, as in news
    bodies; with ``False`` only blank lines split, for hard-wrapped text. ``tokens`` are
    ``tokenize(text)`` when the caller has them already (enrichment tokenizes once).
    """
    toks = tokenize(text) if tokens is None else tokens
    if not toks:
        return []
    sentences = []
    begin = 0
    for last in _boundaries(text, toks, line_breaks):
        start, end = toks[begin][1], toks[last][2]
        sentences.append(Sentence(text[start:end], start, end, toks[begin : last + 1]))
        begin = last + 1
    return sentences
