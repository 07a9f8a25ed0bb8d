"""Title keys and ``Baca juga`` matching: the form in which a linked title is compared with
archived titles, and when a linked title names an archived article.

Titles cut from flattened exports rarely arrive whole: a scraper that joined the page's text
leaves the link's title **glued** to the sentence after it (``… Lion Air Data Badan Pusat
Statistik menyebutkan``), or cuts it at a comma or a decimal point (**truncated**: ``… Capai
Rp 52`` for ``… Capai Rp 52,5 Triliun``), and re-typed titles differ by a letter or two. So a
link matches a title when, on their keys, one is the other, one starts with the other (the
shorter side at least :data:`MIN_PREFIX_WORDS` words, so ``Anwar Usman`` never claims a long
title), or they are nearly the same string (:data:`FUZZY_RATIO`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from difflib import SequenceMatcher

__all__ = ["FUZZY_RATIO", "MIN_PREFIX_WORDS", "best_title_match", "lead_words", "title_key", "title_match"]

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
MIN_PREFIX_WORDS = 4  # glued/truncated matches need this many words on the shorter side
LEAD_WORDS = 3        # candidates share their first words (the range the archive looks up)
FUZZY_RATIO = 0.9     # difflib ratio of two keys that are one title typed twice


def title_key(title: str | None) -> str:
    """Case-, accent-, punctuation- and spacing-insensitive key of a title ('' when empty).

    A ``Baca juga`` line often differs from the target's headline only in quotes, dashes or
    case, so the key keeps letters and digits only.
    """
    if not title:
        return ""
    text = unicodedata.normalize("NFKC", title).casefold()
    return " ".join(_NON_WORD.sub(" ", text).split())


def lead_words(key: str) -> str:
    """The first :data:`LEAD_WORDS` words of a key: titles that may match share them."""
    return " ".join(key.split()[:LEAD_WORDS])


def title_match(link: str, title: str) -> str | None:
    """How the link key ``link`` names the title key ``title``: ``exact``, ``glued`` (the
    link is the title plus following text), ``truncated`` (the link is the start of the
    title), ``fuzzy`` (nearly the same string), or None."""
    if not link or not title:
        return None
    if link == title:
        return "exact"
    if link.startswith(title + " ") and len(title.split()) >= MIN_PREFIX_WORDS:
        return "glued"
    if title.startswith(link) and len(link.split()) >= MIN_PREFIX_WORDS:
        return "truncated"  # also cut inside a word: "capai rp 52 5 tri"
    if abs(len(link) - len(title)) <= max(len(link), len(title)) * (1 - FUZZY_RATIO) * 2:
        if SequenceMatcher(None, link, title, autojunk=False).ratio() >= FUZZY_RATIO:
            return "fuzzy"
    return None


_RANK = {"exact": 0, "glued": 1, "truncated": 2, "fuzzy": 3}


def best_title_match(link: str, candidates: Iterable[tuple[str, str]]) -> str | None:
    """The id of the candidate (``(title key, id)``, in preference order) that ``link``
    names best: exact before glued (the longest title) before truncated before fuzzy."""
    best: tuple[int, int, int] | None = None
    chosen = None
    for position, (key, article_id) in enumerate(candidates):
        how = title_match(link, key)
        if how is None:
            continue
        rank = (_RANK[how], -len(key) if how == "glued" else 0, position)
        if best is None or rank < best:
            best, chosen = rank, article_id
    return chosen
