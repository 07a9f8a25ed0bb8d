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
editor links what is already out), then the nearest after it; among re-typed titles the most
alike comes first.

One order (:func:`match_rank`) decides both when a link is stored and when a later article
names a stored link better (the store re-points it, :mod:`warta.store.read_also_sql`), so a
link ends on the same target whichever arrived first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import datetime
from difflib import SequenceMatcher
from functools import lru_cache
from typing import NamedTuple

__all__ = ["FUZZY_RATIO", "MATCH_KINDS", "MIN_PREFIX_WORDS", "TitleCandidate", "TitleMatch", "best_match",
           "best_title_match", "figures", "lead_words", "match_rank", "match_score", "title_key", "title_match"]

# (title key, article id, published ISO string or None, 0 for the linking outlet's own
# article else 1): an archived title a link may name
TitleCandidate = tuple[str, str, str | None, int]

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_NOT_DIGIT = re.compile(r"\D+")
MIN_PREFIX_WORDS = 4  # glued/truncated matches need this many words on the shorter side
LEAD_WORDS = 3        # candidates share their first words (the range the archive looks up)
FUZZY_RATIO = 0.9     # difflib ratio of two keys that are one title typed twice


@lru_cache(maxsize=65536)
def title_key(title: str | None) -> str:
    """Case-, accent-, punctuation- and spacing-insensitive key of a title ('' when empty).

    A ``Baca juga`` line often differs from the target's headline only in quotes, dashes or
    case, so the key keeps letters and digits only. Memoised: storing an article keys its
    outlet, section, authors and every entity name and alias (~40 calls, mostly repeats).
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


# How a stored link names its target, best first: by its URL, then by title as
# :func:`title_match` says; ``unknown`` is a target resolved before migration 017 that the
# matcher no longer explains (kept, but any match the matcher finds is better).
MATCH_KINDS = ("url", "exact", "glued", "truncated", "fuzzy", "unknown")
_RANK = {kind: n for n, kind in enumerate(MATCH_KINDS)}


def match_score(link: str, title: str, kind: str) -> float:
    """How much of the two keys the match covers, in (0, 1], to 4 decimals: 1 for a URL or
    an exact title, the title's share of a glued link, the link's share of the title it
    was cut from, the difflib ratio of a re-typed title."""
    if kind in ("url", "exact"):
        return 1.0
    if kind == "glued":
        return round(len(title) / len(link), 4)
    if kind == "truncated":
        return round(len(link) / len(title), 4)
    if kind == "fuzzy":
        return round(SequenceMatcher(None, link, title, autojunk=False).ratio(), 4)
    raise ValueError(f"no score for a match of kind {kind!r}")


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


class TitleMatch(NamedTuple):
    """A link's target: the article, how the link names it (:data:`MATCH_KINDS`), the
    :func:`match_score` (None for ``unknown``), and the rank that orders matches (lower is
    better)."""

    article_id: str
    kind: str
    score: float | None
    rank: tuple[object, ...]


def match_rank(kind: str, title: str, score: float, other: int, when: str | None,
               published: str | None) -> tuple[object, ...]:
    """The order of two targets of one link (lower is better), whichever arrived first:
    the kind (URL, exact, glued, truncated, fuzzy, unknown); among glued titles the
    longest; among re-typed ones the most alike; then the linking outlet's own article
    (``other`` 0), then the one published nearest before ``published`` (the linking
    article's), then the nearest after. Ties are left to the caller (the earlier stored).
    A URL names one page whatever its title, and ``unknown`` says nothing to order by."""
    if kind in ("url", "unknown"):
        return (_RANK[kind],)
    return (_RANK[kind], -len(title) if kind == "glued" else 0, -score if kind == "fuzzy" else 0.0,
            other, _nearness(published, when))


def best_match(link: str, candidates: Iterable[tuple[str, str] | TitleCandidate],
               published: str | None = None) -> TitleMatch | None:
    """The candidate (``(title key, id)`` in preference order, or a :data:`TitleCandidate`)
    that ``link`` names best by :func:`match_rank`; among equals the first."""
    best: TitleMatch | None = None
    for candidate in candidates:
        key, article_id = candidate[0], candidate[1]
        how = title_match(link, key)
        if how is None:
            continue
        when, other = (candidate[2], candidate[3]) if len(candidate) == 4 else (None, 0)  # type: ignore[misc]
        score = match_score(link, key, how)
        found = TitleMatch(article_id, how, score, match_rank(how, key, score, other, when, published))
        if best is None or found.rank < best.rank:
            best = found
    return best


def best_title_match(link: str, candidates: Iterable[tuple[str, str] | TitleCandidate],
                     published: str | None = None) -> str | None:
    """The id of the candidate (``(title key, id)`` in preference order, or a
    :data:`TitleCandidate`) that ``link`` names best: exact before glued (the longest title)
    before truncated before fuzzy (the most alike); among equals the linking outlet's own,
    then the one published nearest before ``published`` (the linking article's), then the
    first (:func:`best_match`)."""
    found = best_match(link, candidates, published)
    return found.article_id if found else None
