"""The enrichment pipeline: one Article in, the same Article with entities, quotes, amounts
and dates filled in.

Stages run in a fixed order because quotes need the entities (PER mentions name speakers) and
nothing else depends on anything. :func:`enrich_timed` is the same run with per-stage
timings, used by ``benchmarks/bench_enrich.py``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

from ..model import Article, Entity
from .amounts import extract_amounts
from .quotes import extract_quotes
from .textdates import extract_dates

__all__ = ["STAGES", "enrich", "enrich_timed"]

STAGES = ("entities", "quotes", "amounts", "dates")


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

    for name, (a, b) in zip(STAGES, ((t0, t1), (t1, t2), (t2, t3), (t3, t4))):
        timings[name] = (b - a) * 1000.0
    enriched = replace(article, entities=entities, quotes=quotes, amounts=amounts, dates=dates)
    return enriched, timings


def enrich(article: Article) -> Article:
    """A copy of ``article`` with ``entities``, ``quotes``, ``amounts`` and ``dates`` filled.

    Existing values in those four fields are replaced; everything else is kept as is.
    Offsets in every result index ``article.paragraphs``.
    """
    return enrich_timed(article)[0]
