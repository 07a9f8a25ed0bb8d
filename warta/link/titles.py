"""Title keys and ``Baca juga`` matching: the form in which a linked title is compared with
archived titles, and when a linked title names an archived article.

Titles cut from flattened exports rarely arrive whole: a scraper that joined the page's text
leaves the link's title **glued** to the sentence after it (``… Lion Air Data Badan Pusat
Statistik menyebutkan``), or cuts it at a comma or a decimal point (**truncated**: ``… Capai
Rp 52`` for ``… Capai Rp 52,5 Triliun``), and re-typed titles differ by a letter or two. So a
link matches a title when, on their keys, one is the other, one starts with the other (the
shorter side at least :data:`MIN_PREFIX_WORDS` words, so ``Anwar Usman`` never claims a long
title), or they are nearly the same string (:data:`FUZZY_RATIO`) with the same figures.

Figures tell titles apart that share every word: a market desk publishes ``Sore Ini IHSG
Ditutup Menguat ke Level 5.885`` and, two days later, ``… ke Level 5.907`` (difflib finds
them 0.9 alike), so a re-typed title must keep the link's digits. When several titles match
a link equally well (a title repeated, or a link cut before its figure), the linking outlet's
own articles come first, then the one published nearest before the linking article (an
editor links what is already out), then the nearest after it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import datetime
from difflib import SequenceMatcher

__all__ = ["FUZZY_RATIO", "MIN_PREFIX_WORDS", "TitleCandidate", "best_title_match", "figures", "lead_words",
           "title_key", "title_match"]

# (title key, article id, published ISO string or None, 0 for the linking outlet's own
# article else 1): an archived title a link may name
TitleCandidate = tuple[str, str, str | None, int]

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_NOT_DIGIT = re.compile(r"\D+")
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


def figures(key: str) -> str:
    """The digits of a key in order (``5 885`` and ``5885`` are one figure re-typed)."""
    return _NOT_DIGIT.sub("", key)


def title_match(link: str, title: str) -> str | None:
    """How the link key ``link`` names the title key ``title``: ``exact``, ``glued`` (the
    link is the title plus following text), ``truncated`` (the link is the start of the
    title), ``fuzzy`` (nearly the same string, the same :func:`figures`), or None."""
    if not link or not title:
        return None
    if link == title:
        return "exact"
    if link.startswith(title + " ") and len(title.split()) >= MIN_PREFIX_WORDS:
        return "glued"
    if title.startswith(link) and len(link.split()) >= MIN_PREFIX_WORDS:
        return "truncated"  # also cut inside a word: "capai rp 52 5 tri"
    if (abs(len(link) - len(title)) <= max(len(link), len(title)) * (1 - FUZZY_RATIO) * 2
            and figures(link) == figures(title)
            and SequenceMatcher(None, link, title, autojunk=False).ratio() >= FUZZY_RATIO):
        return "fuzzy"
    return None


_RANK = {"exact": 0, "glued": 1, "truncated": 2, "fuzzy": 3}


def _nearness(published: str | None, candidate: str | None) -> tuple[int, float]:
    """Sort key of a candidate's date against the linking article's: the nearest before
    (or the same instant) first, then the nearest after, then undated."""
    if not published or not candidate:
        return (2, 0.0)
    try:
        days = (datetime.fromisoformat(published) - datetime.fromisoformat(candidate)).total_seconds() / 86400
    except TypeError:  # naive against aware: compare the dates only
        days = float((datetime.fromisoformat(published[:10]) - datetime.fromisoformat(candidate[:10])).days)
    except ValueError:  # not ISO 8601: no date to compare
        return (2, 0.0)
    return (0, days) if days >= 0 else (1, -days)


def best_title_match(link: str, candidates: Iterable[tuple[str, str] | TitleCandidate],
                     published: str | None = None) -> str | None:
    """The id of the candidate (``(title key, id)`` in preference order, or a
    :data:`TitleCandidate`) that ``link`` names best: exact before glued (the longest title)
    before truncated before fuzzy; among equals the linking outlet's own, then the one
    published nearest before ``published`` (the linking article's), then the first."""
    best: tuple[int, int, int, tuple[int, float], int] | None = None
    chosen = None
    for position, candidate in enumerate(candidates):
        key, article_id = candidate[0], candidate[1]
        how = title_match(link, key)
        if how is None:
            continue
        when, other = (candidate[2], candidate[3]) if len(candidate) == 4 else (None, 0)  # type: ignore[misc]
        rank = (_RANK[how], -len(key) if how == "glued" else 0, other, _nearness(published, when), position)
        if best is None or rank < best:
            best, chosen = rank, article_id
    return chosen
