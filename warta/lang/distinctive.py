"""Distinctive terms: tf·idf over the one analyser's terms, shared by related news
(``warta.link.related``) and keywords (``warta.enrich.keywords``) so both weigh a term alike.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping

__all__ = ["distinctive_terms", "idf", "term_weight"]


def idf(df: int, total: int) -> float:
    """BM25's idf of a term found in ``df`` of ``total`` documents (never negative)."""
    return math.log((total - df + 0.5) / (df + 0.5) + 1.0)


def term_weight(tf: int, df: int, total: int) -> float:
    """tf·idf with a dampened term frequency: ``(1 + ln tf) · idf``."""
    return (1 + math.log(tf)) * idf(df, total)


def distinctive_terms(
    counts: Counter[str], df: Mapping[str, int], total: int, limit: int = 12, min_df: int = 2
) -> list[str]:
    """The ``limit`` terms of ``counts`` with the highest tf·idf; terms shorter than three
    characters, numbers and terms found in fewer than ``min_df`` documents are left out
    (``min_df=2``: a term no other article shares is useless as a link)."""
    scored = []
    for term, tf in counts.items():
        d = df.get(term, 0)
        if d < min_df or len(term) < 3 or term.isdigit():
            continue
        scored.append((term_weight(tf, d, total), term))
    scored.sort(reverse=True)
    return [t for _, t in scored[:limit]]
