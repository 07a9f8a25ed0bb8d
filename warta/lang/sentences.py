"""Sentence splitter over :func:`warta.lang.tokenize.tokenize` tokens.

Rules (Indonesian news):

* a sentence ends at ``.``, ``!``, ``?``, ``...``/``…`` or an ``end``-class abbreviation
  (``dll.``, ``Tbk.``), together with the closing quotes and brackets right after it;
* it does NOT end when the next token starts in lower case or is light punctuation —
  this keeps ``"Kami siap!" kata dia.`` whole while ``... diterima." Dia lalu pergi.``
  splits after the closing quote;
* never after ``title``-class abbreviations and initials (``Dr.``, ``No.``, ``B. J. Habibie``)
  — they are single ``abbrev`` tokens, so they never look like a full stop; decimals and
  times (``1,5``, ``20.30``) are single ``number`` tokens for the same reason;
* never after ``Rp.`` (``Rp. 5.000``) nor after a list number opening a line (``1. Judul``);
* always at a line break (a paragraph in news text), unless ``line_breaks=False``, in which
  case only blank lines split.

Why hand-written: rule-based Indonesian splitters in libraries either need model downloads
(punkt, stanza) or split at every period; these rules reach the UD floors (evals/eval_ud.py).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from .tokenize import Token, abbreviation_classes, tokenize

__all__ = ["Sentence", "split_sentences"]

_ENDERS = frozenset({".", "!", "?", "...", "…", "....", "?!", "!?", "!!", "??", "!!!", "???"})
_CLOSERS = frozenset({")", "]", "}", "”", "’", "»", "›"})
_AMBIGUOUS_QUOTES = frozenset({'"', "'"})
# Tokens that may follow a full stop inside the same sentence.
_CONTINUERS = frozenset({",", ";", ":", ")", "]", "}", "%", "-", "–", "—"})


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
    for i in [i for i, t in enumerate(toks) if t[0] in _ENDERS or t[3] == "abbrev"]:
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
            if j == i + 1 and tok[0] == "." and _lower_case_restart(toks, i, nxt):
                ends.add(i)
            continue
        if tok[3] == "abbrev" and nxt[3] != "word" and nxt[0] not in _AMBIGUOUS_QUOTES:
            continue  # "S.H. M.H.", "dll. (2020)": only a capitalised word opens a sentence
        if tok[0] == "." and i > 0 and _glued_to_stop(text, toks, i):
            continue
        ends.add(j - 1)
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


def split_sentences(text: str, *, line_breaks: bool = True) -> list[Sentence]:
    """Split ``text`` into :class:`Sentence` s (offsets into ``text``, tokens attached).

    ``line_breaks=True`` (default) treats every line break as a paragraph end, as in news
    bodies; with ``False`` only blank lines split, for hard-wrapped text.
    """
    toks = tokenize(text)
    if not toks:
        return []
    sentences = []
    begin = 0
    for last in _boundaries(text, toks, line_breaks):
        start, end = toks[begin][1], toks[last][2]
        sentences.append(Sentence(text[start:end], start, end, toks[begin : last + 1]))
        begin = last + 1
    return sentences
