"""Ingest: parse → analyse (→ enrich) → store → index, batched, idempotent and crash-safe.

Parsing runs in the calling process (it reads the files in order); analysis (the language
layer, plus enrichment when asked) runs in a process pool (``workers``; 0 = in-process)
because it is the CPU-heavy step; one writer stores each batch in a single transaction. A kill at any moment therefore
loses at most the batch in flight, and a rerun skips every article already stored unchanged
(``Archive.put_prepared`` compares content hashes), so it resumes where the crash left it.

Enrichment (entities, quotes, amounts, dates; on by default) is derived data, not part of an
article's version: a run without it keeps the enrichment an earlier run stored, and a run
with it over articles stored without it adds it (reported as ``enriched``), no revision.
Ctrl-C stops a run between batches' worth of work: analysis workers ignore SIGINT (the
parent ends them), the batch in flight is not written, and :class:`IngestInterrupted`
carries the report of what was stored, so a shell can say how to resume.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from warta.errors import WartaError
from warta.model import Article
from warta.parse import Outcome, iter_outcomes
from warta.store.base import Archive, FailureRecord, HashLookup, PutReport
from warta.store.prepare import PreparedArticle, content_hash, has_enrichment, prepare

__all__ = [
    "IngestInterrupted",
    "IngestReport",
    "default_workers",
    "enrich_available",
    "ingest",
    "ingest_articles",
    "ingest_outcomes",
    "prepare_article",
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
        """Articles stored or found stored (each input article counts once)."""
        return self.put.articles

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


class IngestInterrupted(KeyboardInterrupt):
    """Ctrl-C (SIGINT) stopped an ingest; ``report`` holds what was stored before it.

    A KeyboardInterrupt, so code that does not know it still stops as on any Ctrl-C."""

    def __init__(self, report: IngestReport) -> None:
        super().__init__(f"interrupted after {report.batches} batches")
        self.report = report


def _enrich(article: Article) -> tuple[Article, list[str]]:
    from warta.enrich.pipeline import enrich_analysed

    return enrich_analysed(article)


def prepare_article(article: Article, use_enrich: bool) -> PreparedArticle:
    """An article analysed (and enriched when asked) for storage: THE preparation rule of
    every ingest path (`warta ingest`, the API, the watcher, the demo).

    An article that arrives enriched (a warta JSON export) keeps what it carries, and counts
    as enriched: recomputing would overwrite what a user, or an earlier run, gave. Only what
    it lacks is filled: the speaker kind of quotes written before that field existed."""
    if use_enrich and not has_enrichment(article):
        enriched, body_terms = _enrich(article)
        return prepare(enriched, enriched=True, body_terms=body_terms)
    _fill_speaker_kinds(article)
    return prepare(article)


def _fill_speaker_kinds(article: Article) -> None:
    """Decide the speaker kind of the quotes that have none (an export made before it
    existed), through the same call extraction ends with; decided kinds are kept."""
    missing = [q for q in article.quotes if q.speaker_kind is None and (q.speaker or q.speaker_mention)]
    if missing:
        from warta.enrich.quote_kinds import label_speakers

        label_speakers(missing, article.entities, article.paragraphs)


def _prepare_outcome(outcome: Outcome, use_enrich: bool) -> PreparedArticle | Outcome:
    """Worker step: a prepared article, or the failed outcome passed through unchanged."""
    if outcome.article is None:
        return outcome
    return prepare_article(outcome.article, use_enrich)


@dataclass(slots=True)
class _Skipped:
    """Articles found stored before analysis (filled by the feeder): ``unchanged`` ones and
    ``earlier`` versions the archive keeps as revisions."""

    unchanged: int = 0
    earlier: int = 0


def _skip_stored(outcomes: Iterable[Outcome], lookup: HashLookup | None, use_enrich: bool,
                 skipped: _Skipped) -> Iterator[Outcome]:
    """Drop articles the archive holds already: a rerun after a crash then costs a parse and
    a hash per stored article instead of a full analysis (the resume is fast)."""
    for outcome in outcomes:
        a = outcome.article
        why = None
        if lookup is not None and a is not None:
            stored = lookup(a.id)
            why = stored.covers(content_hash(a), use_enrich) if stored is not None else None
        if why == "unchanged":
            skipped.unchanged += 1
        elif why == "earlier_versions":
            skipped.earlier += 1
        else:
            yield outcome


def _failure(outcome: Outcome) -> FailureRecord:
    f = outcome.failure
    assert f is not None
    return FailureRecord(f.source, f.code, f.reason, f.raw or None)


# A shipped sample article (fictional; people, places, a quote, dates, an amount): the
# warm-up runs it through every stage of preparation, so every lazily loaded model and
# table is read.
_WARM_UP_SAMPLE = Path(__file__).parent / "demo_data" / "fiksi.jsonl"


def _warm_up(use_enrich: bool) -> None:
    """Load the analysis models (NER, summary ranker, stemmer, MinHash, ...) in the parent
    before the pool forks: the workers then share them instead of each reading them again
    (~1 s of CPU per worker measured, 2026-12-02: 0.7 ms per article of a 3,000-article
    run on 2 workers). Preparing an article is pure, so this changes no result; without
    the sample (a trimmed install) the workers load the models themselves, as before."""
    try:
        with _WARM_UP_SAMPLE.open(encoding="utf-8") as handle:
            article = Article.from_json(handle.readline())
    except (OSError, ValueError, WartaError):
        return
    prepare_article(article, use_enrich)


# Allocations (net of frees) between two young-generation collections in a worker. At
# Python's default (700) enriching one article set off about two collections and a
# full one every ~60 articles (~9 % of the worker's CPU, measured 2026-12-02); an article's
# objects are nearly all freed by reference counting before 10,000 accumulate, so the
# collector then almost never runs. It only changes when cyclic garbage is freed.
_WORKER_GC_THRESHOLD = 10_000


def _quiet_worker() -> None:
    """Pool initializer: Ctrl-C reaches the whole process group, but only the parent acts on
    it (it ends the pool); a worker dying of KeyboardInterrupt prints a stray traceback.
    Also sets the worker's garbage-collection threshold (see ``_WORKER_GC_THRESHOLD``)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.set_threshold(_WORKER_GC_THRESHOLD, *gc.get_threshold()[1:])


def _prepared_stream(
    outcomes: Iterable[Outcome], workers: int, use_enrich: bool
) -> Iterator[PreparedArticle | Outcome]:
    step = partial(_prepare_outcome, use_enrich=use_enrich)
    if workers <= 0:
        yield from map(step, outcomes)
        return
    # fork: workers inherit the loaded analyser data instead of re-reading it
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    if method == "fork":
        _warm_up(use_enrich)
    # leaving the block (end, error, Ctrl-C, generator closed) terminates the workers
    with _forked_pool(multiprocessing.get_context(method), workers) as pool:
        yield from pool.imap(step, outcomes, chunksize=64)


def _forked_pool(context: Any, workers: int) -> Any:
    """The worker pool, started with the parent's objects frozen out of the workers'
    garbage collection (``gc.freeze``, as Python's documentation advises before a fork).

    The loaded models and tables live as long as the workers; without the freeze, every
    full collection in a worker walked them again (~4 % of enrichment's CPU measured,
    2026-12-02). The parent unfreezes at once: only the workers keep the frozen set, and a
    full collection never changes what is computed, only when memory is freed."""
    gc.freeze()
    try:
        return context.Pool(workers, initializer=_quiet_worker)
    finally:
        gc.unfreeze()


def default_workers() -> int:
    """Analysis processes beside the parsing+writing process: one per core.

    The parsing+writing process mostly waits for the analysis, so a worker per core keeps
    every core busy. 3,000 CLICK-ID articles, 2 cores, quiet machine (benchmarks/
    bench_ingest.py --quick, 2026-12-02): 2 workers 504.0 vs 1 worker 461.5 articles/s
    without enrichment, 105.0 vs 70.2 with it (the default).
    """
    return max(1, os.cpu_count() or 1)


def ingest_outcomes(
    outcomes: Iterable[Outcome],
    archive: Archive,
    *,
    batch_size: int = BATCH_SIZE,
    workers: int | None = None,
    enrich: bool = True,
    progress: Progress | None = None,
) -> IngestReport:
    """Store parsed outcomes in batches; failures are kept in the archive with their bytes.

    ``enrich`` (default True) runs entity/quote/amount/date enrichment; False stores the
    articles without it and keeps whatever enrichment the archive holds for them. The result
    does not depend on ``batch_size``, ``workers`` or earlier runs: the same input gives the
    same archive. Raises :class:`IngestInterrupted` on Ctrl-C, after the last whole batch.
    """
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
            with _sigint_deferred():  # the report must count exactly what was committed
                put = archive.put_prepared(batch)
                report.put += put
                report.batches += 1
                batch.clear()
            if progress is not None:
                progress(report.documents, put)

    lookup = archive.hash_lookup()
    skipped = _Skipped()
    stream = _prepared_stream(_skip_stored(outcomes, lookup, enrich, skipped), workers, enrich)
    try:
        for item in stream:
            report.documents += 1
            if isinstance(item, PreparedArticle):
                batch.append(item)
            else:
                failures.append(_failure(item))
            if len(batch) >= batch_size or len(failures) >= batch_size:
                flush()
        flush()
    except KeyboardInterrupt:
        _finish(report, skipped, started)
        raise IngestInterrupted(report) from None
    finally:
        stream.close()  # ends the worker pool now, not when the generator is collected
        if lookup is not None:
            lookup.close()
    _finish(report, skipped, started)
    return report


@contextmanager
def _sigint_deferred() -> Iterator[None]:
    """Hold a Ctrl-C that arrives while a batch commits until the report has counted it.

    Without this a SIGINT landing between the COMMIT and the report update left the archive
    holding one batch more than "interrupted: N articles stored" said. Only the main thread
    can receive SIGINT, and only Python's default handler is replaced (and restored)."""
    if (threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGINT) is not signal.default_int_handler):
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


def _finish(report: IngestReport, skipped: _Skipped, started: float) -> None:
    """Add the articles skipped before analysis, and the time taken."""
    report.documents += skipped.unchanged + skipped.earlier
    report.put.unchanged += skipped.unchanged
    report.put.earlier_versions += skipped.earlier
    report.seconds = time.perf_counter() - started


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
