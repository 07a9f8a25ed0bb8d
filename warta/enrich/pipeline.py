"""The enrichment pipeline: one Article in, the same Article with entities, quotes, amounts,
dates, keywords and an extractive summary filled in.

Stages run in a fixed order because quotes and keywords need the entities (PER mentions name
speakers; names are keyword candidates) and nothing else depends on anything. :func:`enrich_timed` is the same run with per-stage
timings, used by ``benchmarks/bench_enrich.py``.

Each paragraph is tokenized once: the entity tagger, the sentence split and the term
analysis share the tokens, and the analysed sentences serve keywords, the summary and (via
:func:`enrich_analysed`) the search index that ingest writes. Quotes, amounts and dates
read the paragraph text with their own patterns and need no tokens.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from itertools import chain
from operator import itemgetter

from ..lang.tokenize import Token, tokenize
from ..model import Article, Entity
from .amounts import extract_amounts
from .keywords import keywords as extract_keywords
from .quotes import extract_quotes
from .summary import DocSentence, document_sentences, summarize
from .textdates import extract_dates

__all__ = ["STAGES", "enrich", "enrich_analysed", "enrich_timed"]

STAGES = ("entities", "quotes", "amounts", "dates", "keywords", "summary")


def _entities(paragraphs: list[str], tokens: list[list[Token]]) -> list[Entity]:
    # Imported lazily: loading the CRF model is the one slow start-up cost of enrichment.
    from .entities import extract_entities

    return extract_entities(paragraphs, tokens)


def enrich_timed(
    article: Article, clock: Callable[[], float] = time.perf_counter
) -> tuple[Article, dict[str, float]]:
    """:func:`enrich` plus the milliseconds each stage took (keys: :data:`STAGES`).

    ``clock`` is wall time by default; pass ``time.process_time`` for CPU time, which stays
    meaningful on a loaded machine.
    """
    enriched, timings, _ = _run(article, clock)
    return enriched, timings


def enrich_analysed(article: Article) -> tuple[Article, list[str]]:
    """:func:`enrich` plus the body's search terms (``warta.lang.normalize.analyze`` of
    ``article.text``), read off the sentences enrichment analyses anyway: ingest indexes
    them instead of tokenizing and analysing the body a second time."""
    enriched, _, sentences = _run(article, time.perf_counter)
    # a Term's first field is its term: read in C over all the body's terms
    return enriched, list(map(itemgetter(0), chain.from_iterable(s.terms for s in sentences)))


def _run(
    article: Article, clock: Callable[[], float]
) -> tuple[Article, dict[str, float], list[DocSentence]]:
    timings: dict[str, float] = {}
    paragraphs = list(article.paragraphs)

    t0 = clock()
    # Every paragraph is tokenized once; entities, the sentence split (keywords, summary,
    # dates) and the term analysis share the tokens. Timed with entities, their first user.
    tokens = [tokenize(p) for p in paragraphs]
    entities = _entities(paragraphs, tokens)
    t1 = clock()
    quotes = extract_quotes(paragraphs, entities)
    t2 = clock()
    amounts = extract_amounts(paragraphs)
    t3 = clock()
    dates = extract_dates(paragraphs, article.published)
    t4 = clock()
    # Split and analysed once for keywords, the summary and the index; timed with keywords.
    sentences = document_sentences(paragraphs, tokens)
    # the entities passed beside the article: a copy of it (dataclasses.replace) per
    # article cost more than the look-up it served
    keywords = extract_keywords(article, sentences=sentences, entities=entities)
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
    return enriched, timings, sentences


def enrich(article: Article) -> Article:
    """A copy of ``article`` with ``entities``, ``quotes``, ``amounts``, ``dates``,
    ``keywords`` and ``summary`` filled.

    Existing values in those six fields are replaced; everything else is kept as is.
    Offsets in every result index ``article.paragraphs``.
    """
    return enrich_timed(article)[0]
