"""warta.enrich — who and what an article is about: entities, quotes, amounts, dates,
keywords and an extractive summary.

``enrich(article)`` runs every stage; the stages are also usable on their own.
"""

from __future__ import annotations

from .amounts import extract_amounts
from .keywords import keywords as extract_keywords
from .pipeline import STAGES, enrich, enrich_timed
from .quotes import extract_quotes
from .summary import summarize
from .textdates import extract_dates

__all__ = [
    "STAGES",
    "enrich",
    "enrich_timed",
    "extract_amounts",
    "extract_dates",
    "extract_quotes",
    "extract_keywords",
    "summarize",
]
