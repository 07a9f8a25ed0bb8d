"""Ingest: parse → analyse (→ enrich) → store → index, batched, idempotent and crash-safe.

Parsing runs in the calling process (it reads the files in order); analysis (the language
layer, plus enrichment when asked) runs in a process pool (``workers``; 0 = in-process)
because it is the CPU-heavy step; one writer stores each batch in a single transaction. A kill at any moment therefore
loses at most the batch in flight, and a rerun skips every article already stored unchanged
(``Archive.put_prepared`` compares content hashes), so it resumes where the crash left it.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from warta.model import Article
from warta.parse import Outcome, iter_outcomes
from warta.store.base import Archive, FailureRecord, HashLookup, PutReport
from warta.store.prepare import PreparedArticle, content_hash, prepare

__all__ = [
    "IngestReport",
    "default_workers",
    "enrich_available",
    "ingest",
    "ingest_articles",
    "ingest_outcomes",
    "source_hash",
]

BATCH_SIZE = 200

Progress = Callable[[int, PutReport], None]


@dataclass(slots=True)
class IngestReport:
    """Totals of one ingest run."""

    documents: int = 0
    failures: int = 0
    batches: int = 0
    seconds: float = 0.0
    put: PutReport = field(default_factory=PutReport)

    @property
    def articles(self) -> int:
        return self.put.added + self.put.updated + self.put.unchanged

    def to_dict(self) -> dict[str, Any]:
        rate = self.articles / self.seconds if self.seconds else None
        return {
            "documents": self.documents,
            "articles": self.articles,
            **self.put.to_dict(),
            "failures": self.failures,
            "batches": self.batches,
            "seconds": round(self.seconds, 3),
            "articles_per_second": round(rate, 1) if rate else None,
        }


def enrich_available() -> bool:
    """True when the enrichment stage (entities, quotes, amounts, dates) is installed."""
    try:
        from warta.enrich import enrich  # noqa: F401
    except ImportError:
        return False
    return True


def _enrich(article: Article) -> Article:
    from warta.enrich import enrich

    return enrich(article)


def source_hash(article: Article, use_enrich: bool) -> str:
    """The version of a parsed article as ingest stores it: its content hash, marked when
    enrichment ran (so turning --enrich on re-processes what was stored without it)."""
    return content_hash(article) + ("+enriched" if use_enrich else "")


def _prepare_outcome(outcome: Outcome, use_enrich: bool) -> PreparedArticle | Outcome:
    """Worker step: a prepared article, or the failed outcome passed through unchanged."""
    if outcome.article is None:
        return outcome
    version = source_hash(outcome.article, use_enrich)
    article = _enrich(outcome.article) if use_enrich else outcome.article
    return prepare(article, hash_=version)


@dataclass(slots=True)
class _Skipped:
    """Counts articles found stored unchanged before analysis (filled by the feeder)."""

    count: int = 0


def _skip_stored(outcomes: Iterable[Outcome], lookup: HashLookup | None, use_enrich: bool,
                 skipped: _Skipped) -> Iterator[Outcome]:
    """Drop articles whose stored version is identical: a rerun after a crash then costs a
    parse and a hash per stored article instead of a full analysis (the resume is fast)."""
    for outcome in outcomes:
        a = outcome.article
        if lookup is not None and a is not None and lookup(a.id) == source_hash(a, use_enrich):
            skipped.count += 1
            continue
        yield outcome


def _failure(outcome: Outcome) -> FailureRecord:
    f = outcome.failure
    assert f is not None
    return FailureRecord(f.source, f.code, f.reason, f.raw or None)


def _prepared_stream(
    outcomes: Iterable[Outcome], workers: int, use_enrich: bool
) -> Iterator[PreparedArticle | Outcome]:
    step = partial(_prepare_outcome, use_enrich=use_enrich)
    if workers <= 0:
        yield from map(step, outcomes)
        return
    # fork: workers inherit the loaded analyser data instead of re-reading it
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with multiprocessing.get_context(method).Pool(workers) as pool:
        yield from pool.imap(step, outcomes, chunksize=64)


def default_workers() -> int:
    """Analysis processes beside the parsing+writing process: one per remaining core.

    On 2 cores one worker keeps both cores busy (parse + write here, analysis there); a
    second worker only adds contention. Figures: benchmarks/RESULTS-archive.md.
    """
    return max(1, (os.cpu_count() or 1) - 1)


def ingest_outcomes(
    outcomes: Iterable[Outcome],
    archive: Archive,
    *,
    batch_size: int = BATCH_SIZE,
    workers: int | None = None,
    enrich: bool = False,
    progress: Progress | None = None,
) -> IngestReport:
    """Store parsed outcomes in batches; failures are kept in the archive with their bytes."""
    workers = workers if workers is not None else default_workers()
    report = IngestReport()
    started = time.perf_counter()
    batch: list[PreparedArticle] = []
    failures: list[FailureRecord] = []

    def flush() -> None:
        if failures:
            archive.add_failures(failures)
            report.failures += len(failures)
            failures.clear()
        if batch:
            put = archive.put_prepared(batch)
            report.put += put
            report.batches += 1
            batch.clear()
            if progress is not None:
                progress(report.documents, put)

    lookup = archive.hash_lookup()
    skipped = _Skipped()
    try:
        for item in _prepared_stream(_skip_stored(outcomes, lookup, enrich, skipped), workers, enrich):
            report.documents += 1
            if isinstance(item, PreparedArticle):
                batch.append(item)
            else:
                failures.append(_failure(item))
            if len(batch) >= batch_size or len(failures) >= batch_size:
                flush()
        flush()
    finally:
        if lookup is not None:
            lookup.close()
    report.documents += skipped.count
    report.put.unchanged += skipped.count
    report.seconds = time.perf_counter() - started
    return report


def ingest(
    sources: Iterable[str],
    archive: Archive,
    *,
    fmt: str | None = None,
    mapping: Mapping[str, str] | None = None,
    **options: Any,
) -> IngestReport:
    """Parse ``sources`` (files, folders, export files, URLs, ``-``) into ``archive``.

    Options are those of :func:`ingest_outcomes` (batch_size, workers, enrich, progress).
    """
    outcomes = iter_outcomes(list(sources), fmt=fmt, mapping=dict(mapping) if mapping else None)
    return ingest_outcomes(outcomes, archive, **options)


def ingest_articles(articles: Iterable[Article], archive: Archive, **options: Any) -> IngestReport:
    """Store already-parsed articles (demo samples, API uploads) the same way."""
    outcomes = (Outcome(source=a.source or a.id, article=a) for a in articles)
    return ingest_outcomes(outcomes, archive, **options)
