"""The enrichment pipeline: one Article in, the same Article with entities, quotes, amounts,
dates, keywords and an extractive summary filled in.

Stages run in a fixed order because quotes and keywords need the entities (PER mentions name
speakers; names are keyword candidates) and nothing else depends on anything. :func:`enrich_timed` is the same run with per-stage
timings, used by ``benchmarks/bench_enrich.py``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

from ..model import Article, Entity
from .amounts import extract_amounts
from .keywords import keywords as extract_keywords
from .quotes import extract_quotes
from .summary import document_sentences, summarize
from .textdates import extract_dates

__all__ = ["STAGES", "enrich", "enrich_timed"]

STAGES = ("entities", "quotes", "amounts", "dates", "keywords", "summary")


def _entities(paragraphs: list[str]) -> list[Entity]:
    # Imported lazily: loading the CRF model is the one slow start-up cost of enrichment.
    from .entities import extract_entities

    return extract_entities(paragraphs)


def enrich_timed(
    article: Article, clock: Callable[[], float] = time.perf_counter
) -> tuple[Article, dict[str, float]]:
    """:func:`enrich` plus the milliseconds each stage took (keys: :data:`STAGES`).

    ``clock`` is wall time by default; pass ``time.process_time`` for CPU time, which stays
    meaningful on a loaded machine.
    """
    timings: dict[str, float] = {}
    paragraphs = list(article.paragraphs)

    t0 = clock()
    entities = _entities(paragraphs)
    t1 = clock()
    quotes = extract_quotes(paragraphs, entities)
    t2 = clock()
    amounts = extract_amounts(paragraphs)
    t3 = clock()
    dates = extract_dates(paragraphs, article.published)
    t4 = clock()
    # Split and analysed once for both stages; the split is timed with keywords, its first user.
    sentences = document_sentences(paragraphs)
    keywords = extract_keywords(replace(article, entities=entities), sentences=sentences)
    t5 = clock()
    summary = summarize(paragraphs, article.title, sentences=sentences)
    t6 = clock()

    marks = (t0, t1, t2, t3, t4, t5, t6)
    for k, name in enumerate(STAGES):
        timings[name] = (marks[k + 1] - marks[k]) * 1000.0
    enriched = replace(
        article,
        entities=entities,
        quotes=quotes,
        amounts=amounts,
        dates=dates,
        keywords=keywords,
        summary=summary,
    )
    return enriched, timings


def enrich(article: Article) -> Article:
    """A copy of ``article`` with ``entities``, ``quotes``, ``amounts``, ``dates``,
    ``keywords`` and ``summary`` filled.

    Existing values in those six fields are replaced; everything else is kept as is.
    Offsets in every result index ``article.paragraphs``.
    """
    return enrich_timed(article)[0]
