"""The watcher: poll due sources, fetch new article URLs, ingest them through the one path.

Threads (a bounded pool, one task per host so a host never sees two requests at once) fetch
and parse; the calling thread is the ONE writer: it stores articles as they arrive with
:func:`warta.ingest.ingest_outcomes` (the code of ``warta ingest``), settles their URLs right
after, and at the end of a poll writes the source's state (document ETags and hashes, next
poll) in one transaction.

Crash safety: a URL is settled only after its article (or failure) is committed; a crash
between the two commits leaves a stored article whose URL the next poll finds in the archive
(:meth:`Archive.stored_urls`) and settles without fetching it again, so a kill -9 costs at
most the articles in flight (fetched, not yet committed). Transient failures
(timeouts, 429, 5xx) are not settled: the URL is retried at the next poll, at most
``max_attempts`` times.
"""

from __future__ import annotations

import hashlib
import queue
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

from warta.errors import DocumentError
from warta.live.feeds import FeedDoc, FeedError, FeedItem, parse_document
from warta.live.fetch import FetchConfig, Fetcher, FetchFailure
from warta.live.urls import dedup_key, fetch_url, host_key, is_non_article
from warta.model import Article
from warta.parse import Failure, Outcome
from warta.parse.sources import parse_bytes
from warta.store.base import Archive
from warta.store.sources import DocState, PollRecord, SourceInfo, UrlRecord

__all__ = ["PollResult", "WatchConfig", "WatchReport", "Watcher", "background_watch", "watch"]

Log = Callable[[dict[str, Any]], None]

_ZONES = {7: "WIB", 8: "WITA", 9: "WIT"}
INDEX_EVERY = 1.0  # seconds: how stale the search index may get while a round is running


@dataclass(slots=True)
class WatchConfig:
    """How often, how many and how politely."""

    fetch: FetchConfig = field(default_factory=FetchConfig)
    min_interval: float = 60.0       # adaptive poll interval bounds (seconds)
    max_interval: float = 3600.0
    max_backoff: float = 6 * 3600.0  # a failing source is slowed to at most this, never dropped
    threads: int = 64                # hosts polled at once (they mostly wait: gaps, network)
    max_items: int = 200             # new articles fetched per source and poll (rest: next poll)
    max_children: int = 5            # newest sitemaps of a sitemap index read per poll
    max_attempts: int = 3            # a URL failing transiently is tried this often
    enrich: bool | None = None       # None: when the enrichment stage is installed
    max_in_flight: int = 8           # fetched articles waiting for the writer, at most


@dataclass(slots=True)
class _Fetched:
    source_id: int
    item: FeedItem
    key: str
    url: str
    attempts: int
    outcome: Outcome


@dataclass(slots=True)
class PollResult:
    """What a worker found for one source (the writer stores it)."""

    source: SourceInfo
    status: str = "ok"           # ok | unchanged | error
    error: str | None = None
    kind: str | None = None
    outlet: str | None = None
    retry_after: float | None = None
    items: int = 0               # items the documents listed
    docs: list[DocState] = field(default_factory=list)
    settled: list[UrlRecord] = field(default_factory=list)
    requests: int = 0
    seconds: float = 0.0
    recovered: int = 0           # articles stored before a crash, settled now
    started_at: float = 0.0      # unix time the poll began (the next is due an interval later)
    incomplete: bool = False     # items left for later (budget, retries): re-read the feed


@dataclass(slots=True)
class WatchReport:
    """Totals of a watch run."""

    polls: int = 0
    errors: int = 0
    unchanged: int = 0
    articles_added: int = 0
    articles_updated: int = 0
    failures: int = 0
    rounds: int = 0

    def to_dict(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in self.__slots__}  # type: ignore[attr-defined]


def _hash(body: bytes) -> str:
    return hashlib.blake2b(body, digest_size=16).hexdigest()


def fill_from_feed(article: Article, item: FeedItem) -> Article:
    """Feed metadata fills what the page lacks, never overrides what the page says; a
    published time taken from the feed is noted with the string the feed wrote."""
    if not article.title and item.title:
        article.title = item.title
    if not article.authors and item.author:
        article.authors = [item.author]
    if not article.outlet and item.outlet:
        article.outlet = item.outlet
    if article.published is None and item.published is not None:
        article.published = item.published
        seconds = (item.published.utcoffset() or timedelta(0)).total_seconds()
        article.tz = _ZONES.get(int(seconds // 3600)) if seconds % 3600 == 0 else None
        article.warnings.append(f"published time from the feed: {item.published_raw!r}")
    return article


class _Aborted(Exception):
    """The writer stopped (an error, Ctrl-C): workers stop handing it work."""


class Watcher:
    """Polls an archive's sources; ``run_round`` is one pass over the due ones."""

    def __init__(self, archive: Archive, config: WatchConfig | None = None, *,
                 log: Log | None = None) -> None:
        self.archive = archive
        self.config = config or WatchConfig()
        self.log = log
        self.fetcher = Fetcher(self.config.fetch)
        self.db = threading.Lock()  # the archive's connection: the writer and look-ups
        self._claimed: set[str] = set()  # URL keys in flight this run (two feeds, one story)
        self._claim_lock = threading.Lock()
        self._tally: dict[int, list[int]] = {}  # source → [added, updated, failed] this poll
        self._indexed_at = time.monotonic()
        self._abort = threading.Event()
        enrich = self.config.enrich
        if enrich is None:
            from warta.ingest import enrich_available

            enrich = enrich_available()
        self.enrich = enrich
        self._warm_up()

    def _warm_up(self) -> None:
        """Load the parser and the analysers now, so the first article that arrives is not
        the one that waits for them (freshness), and workers do not race the imports."""
        import warta.parse.html  # noqa: F401
        from warta.store.prepare import prepare

        sample = Article(title="Warta", paragraphs=["Warga menunggu kabar terbaru."])
        prepare(sample)
        if self.enrich:
            from warta.enrich import enrich

            enrich(sample)

    def close(self) -> None:
        self.fetcher.close()

    # -- workers ---------------------------------------------------------------------
    def _get_doc(self, url: str, result: PollResult, *, conditional: bool = True
                 ) -> tuple[FeedDoc | None, DocState]:
        """A feed/sitemap document, None when unchanged (304 or same body hash)."""
        with self.db:
            state = self.archive.doc_states([url]).get(url) or DocState(url)
        if not conditional:
            state = DocState(url)
        result.requests += 1
        response = self.fetcher.get(url, accept="feed", state=state)
        if response.status == 304:
            return None, state
        digest = _hash(response.body)
        new_state = DocState(url, response.etag, response.last_modified, digest)
        if digest == state.body_hash:
            return None, new_state
        return parse_document(response.body, url), new_state

    def _items(self, source: SourceInfo, result: PollResult) -> list[FeedItem]:
        # a sitemap index often stays the same while its children grow: always read it (its
        # children are fetched conditionally)
        doc, state = self._get_doc(source.url, result, conditional=source.kind != "sitemapindex")
        result.docs.append(state)
        if doc is None:
            result.status = "unchanged"
            return []
        if doc.kind == "html":
            raise FeedError(f"{source.url}: an HTML page, not a feed or sitemap; remove it and "
                            "add the outlet's feed (`warta sources add HOME_PAGE` finds them)")
        result.kind, result.outlet = doc.kind, doc.title
        if doc.warning:
            result.error = doc.warning
        items = list(doc.items)
        if doc.kind == "sitemapindex":
            result.kind = "sitemapindex"
            newest = sorted(doc.children, key=lambda c: c[1] or "", reverse=True)
            for child, _ in newest[: self.config.max_children]:
                try:
                    sub, sub_state = self._get_doc(fetch_url(child), result)
                except (FetchFailure, FeedError) as exc:
                    result.error = str(exc)
                    continue
                result.docs.append(sub_state)
                if sub is not None:
                    items.extend(sub.items)
                    result.outlet = result.outlet or sub.title
        return items

    def _claim(self, key: str) -> bool:
        with self._claim_lock:
            if key in self._claimed:
                return False
            self._claimed.add(key)
            return True

    def _fetch_article(self, url: str, item: FeedItem) -> tuple[Outcome | None, FetchFailure | None]:
        try:
            response = self.fetcher.get(url, accept="page")
        except FetchFailure as exc:
            if exc.transient:
                return None, exc
            return Outcome(url, failure=Failure(url, str(exc), exc.code)), exc
        fmt = "html" if "html" in response.content_type else None
        try:
            article = parse_bytes(response.body, source=url, fmt=fmt, url=url)
        except DocumentError as exc:
            return Outcome(url, failure=Failure(url, str(exc), exc.code, response.body)), None
        except Exception as exc:  # noqa: BLE001 — a parser bug must not stop the watcher
            reason = f"{url}: internal parser error {type(exc).__name__}: {exc}; please report it"
            return Outcome(url, failure=Failure(url, reason, "document_error", response.body)), None
        return Outcome(url, article=fill_from_feed(article, item)), None

    def poll(self, source: SourceInfo, emit: Callable[[_Fetched], None]) -> PollResult:
        """Poll one source: its document(s), then its new articles, each handed to ``emit``
        as soon as it is fetched and parsed (runs in a worker)."""
        started = time.monotonic()
        result = PollResult(source, started_at=time.time())
        try:
            items = self._items(source, result)
        except (FetchFailure, FeedError) as exc:
            result.status, result.error = "error", str(exc)
            result.retry_after = getattr(exc, "retry_after", None)
            result.seconds = time.monotonic() - started
            return result
        result.items = len(items)
        self._new_articles(source, items, result, emit)
        result.seconds = time.monotonic() - started
        return result

    def _new_articles(self, source: SourceInfo, items: list[FeedItem], result: PollResult,
                      emit: Callable[[_Fetched], None]) -> None:
        wanted: dict[str, tuple[str, FeedItem]] = {}
        for item in items:
            url = fetch_url(item.url)
            wanted.setdefault(dedup_key(url), (url, item))
        with self.db:
            records = self.archive.url_records(wanted)
            stored = self.archive.stored_urls(u for u, _ in wanted.values())
        budget = self.config.max_items
        for key, (url, item) in wanted.items():
            rec = records.get(key)
            attempts = 1
            if rec is not None:
                changed = (rec.status == "stored" and item.version and rec.version
                           and item.version != rec.version)
                if rec.status == "retry" and rec.attempts < self.config.max_attempts:
                    attempts = rec.attempts + 1
                elif not changed:
                    continue
            elif url in stored:  # stored before a crash, not yet settled
                result.recovered += bool(stored[url])
                result.settled.append(UrlRecord(
                    key, url, source.id, "stored" if stored[url] else "failed", item.version,
                    article_id=stored[url] or None, published_raw=item.published_raw))
                continue
            if not self._claim(key):
                continue
            if is_non_article(url):
                result.settled.append(UrlRecord(key, url, source.id, "skipped", item.version,
                                                reason="a link to a document or media file, not a page"))
                continue
            if budget <= 0:
                self._unclaim(key)
                result.incomplete = True
                continue
            budget -= 1
            result.requests += 1
            outcome, failure = self._fetch_article(url, item)
            if outcome is None:  # transient: retried at a later poll
                assert failure is not None
                self._unclaim(key)
                status = "retry" if attempts < self.config.max_attempts else "failed"
                result.incomplete |= status == "retry"
                result.settled.append(UrlRecord(key, url, source.id, status, item.version,
                                                attempts=attempts, reason=str(failure)))
                continue
            if failure is not None and failure.code == "robots":
                result.settled.append(UrlRecord(key, url, source.id, "skipped", item.version,
                                                reason=str(failure)))
                continue
            emit(_Fetched(source.id, item, key, url, attempts, outcome))

    def _unclaim(self, key: str) -> None:
        with self._claim_lock:
            self._claimed.discard(key)

    def _poll_host(self, sources: list[SourceInfo], out: queue.Queue[Any]) -> None:
        def emit(message: object) -> None:
            while True:  # the queue is bounded; give up only when the writer has stopped
                try:
                    out.put(message, timeout=0.5)
                    return
                except queue.Full:
                    if self._abort.is_set():
                        raise _Aborted from None

        try:
            for source in sources:
                if self._abort.is_set():
                    return
                try:
                    result = self.poll(source, emit)
                except _Aborted:
                    raise
                except Exception as exc:  # noqa: BLE001 — one source's bug must not stop the rest
                    result = PollResult(source, status="error",
                                        error=f"{source.url}: internal error "
                                              f"{type(exc).__name__}: {exc}; please report it")
                emit(result)
        except _Aborted:
            return

    # -- the writer ------------------------------------------------------------------
    def _schedule(self, result: PollResult, found: int) -> tuple[float, float, int]:
        """(interval, next poll, failures) after a poll: faster while a source keeps having
        new items, slower while it has none, exponentially slower while it fails."""
        c = self.config
        interval = result.source.interval_s or c.min_interval
        now = time.time()
        if result.status == "error":
            failures = result.source.failures + 1
            delay = min(c.max_backoff, max(c.min_interval, interval) * 2 ** min(failures, 16))
            if result.retry_after:
                delay = max(delay, result.retry_after)
            return interval, now + delay, failures
        interval = interval / 2 if found else interval * 1.5
        interval = min(c.max_interval, max(c.min_interval, interval))
        # from the poll's start: the period is the interval, however long the poll took
        return interval, max(now, (result.started_at or now) + interval), 0

    def store(self, batch: list[_Fetched]) -> None:
        """Store fetched articles (failures kept with their bytes) through the ingest path,
        then settle their URLs, one source at a time (the writer thread only)."""
        groups: dict[int, list[_Fetched]] = defaultdict(list)
        for f in batch:
            groups[f.source_id].append(f)
        for source_id, fetched in groups.items():
            self._store_group(source_id, fetched)
        if time.monotonic() - self._indexed_at >= INDEX_EVERY:
            self.make_searchable()

    def make_searchable(self) -> None:
        """Bring the search index up to what is stored: a live archive is read while it
        grows (the archive alone syncs it only every few seconds of writing, and a quiet
        feed may not write again for minutes)."""
        ensure = getattr(self.archive, "ensure_indexed", None)  # backends with a derived index
        if ensure is not None:
            with self.db:
                ensure()
        self._indexed_at = time.monotonic()

    def _store_group(self, source_id: int, fetched: list[_Fetched]) -> None:
        from warta.ingest import ingest_outcomes

        with self.db:
            report = ingest_outcomes([f.outcome for f in fetched], self.archive,
                                     batch_size=len(fetched) + 1, workers=0, enrich=self.enrich)
            urls = []
            for f in fetched:
                article, failure = f.outcome.article, f.outcome.failure
                urls.append(UrlRecord(
                    f.key, f.url, source_id, "stored" if article else "failed", f.item.version,
                    attempts=f.attempts, article_id=article.id if article else None,
                    published_raw=f.item.published_raw,
                    reason=failure.reason if failure else None))
            self.archive.settle_urls(source_id, urls, report.put.added)
        tally = self._tally.setdefault(source_id, [0, 0, 0])
        tally[0] += report.put.added
        tally[1] += report.put.updated
        tally[2] += report.failures
        for f in fetched:
            self._unclaim(f.key)

    def write(self, result: PollResult) -> dict[str, Any]:
        """Write the end of one source's poll: health, documents' state, next poll."""
        added, updated, failed = self._tally.pop(result.source.id, [0, 0, 0])
        interval, next_poll, failures = self._schedule(result, added)
        # items left for later must be seen again: forget the documents' validators so the
        # next poll reads them in full even when the outlet has not changed them
        docs = [DocState(d.url) for d in result.docs] if result.incomplete else result.docs
        with self.db:
            self.archive.record_poll(PollRecord(
                result.source.id, result.status, interval, next_poll, failures,
                last_error=result.error, outlet=result.outlet, kind=result.kind,
                articles_found=result.recovered, docs=docs, urls=result.settled))
        for url in result.settled:  # settled in the archive now: no need to hold them here
            self._unclaim(url.key)
        return {
            "source": result.source.url, "status": result.status, "items": result.items,
            "added": added, "updated": updated, "failed": failed,
            "retry": sum(1 for u in result.settled if u.status == "retry"),
            "requests": result.requests, "seconds": round(result.seconds, 3),
            "next_poll_in": round(next_poll - time.time(), 1), "error": result.error,
        }

    # -- rounds ----------------------------------------------------------------------
    def run_round(self, *, all_due: bool = False, report: WatchReport | None = None) -> int:
        """Poll every due source once (hosts in parallel); returns how many were polled."""
        report = report if report is not None else WatchReport()
        with self.db:
            due = self.archive.due_sources(time.time(), all_due=all_due)
        if not due:
            return 0
        by_host: dict[str, list[SourceInfo]] = defaultdict(list)
        for source in due:
            by_host[host_key(source.url)].append(source)
        # bounded: a worker waits while the writer is behind, so a kill loses at most this
        # many fetched articles (they are fetched again; nothing committed is)
        out: queue.Queue[Any] = queue.Queue(maxsize=self.config.max_in_flight)
        with ThreadPoolExecutor(max_workers=min(self.config.threads, len(by_host)),
                                thread_name_prefix="warta-poll") as pool:
            self._abort.clear()
            for sources in by_host.values():
                pool.submit(self._poll_host, sources, out)
            try:
                done = 0
                while done < len(due):
                    message = out.get()
                    ends: list[PollResult] = []
                    if isinstance(message, _Fetched):
                        batch = [message]  # and whatever else is already waiting
                        while len(batch) < 50:
                            try:
                                nxt = out.get_nowait()
                            except queue.Empty:
                                break
                            if isinstance(nxt, _Fetched):
                                batch.append(nxt)
                            else:  # a poll's end comes after all its articles
                                ends.append(nxt)
                        self.store(batch)
                    else:
                        ends.append(message)
                    for result in ends:
                        done += 1
                        line = self.write(result)
                        report.polls += 1
                        report.errors += line["status"] == "error"
                        report.unchanged += line["status"] == "unchanged"
                        report.articles_added += line["added"]
                        report.articles_updated += line["updated"]
                        report.failures += line["failed"]
                        if self.log is not None:
                            self.log(line)
            except BaseException:
                self._abort.set()  # workers blocked on the full queue return
                pool.shutdown(wait=False, cancel_futures=True)  # hosts not started: never
                raise
        self.make_searchable()
        report.rounds += 1
        return len(due)

    def next_due_in(self) -> float:
        """Seconds until the next source is due (a minute when there are none)."""
        with self.db:
            sources = self.archive.list_sources()
        if not sources:
            return 60.0
        return max(0.0, min(s.next_poll for s in sources) - time.time())


def watch(archive: Archive, *, once: bool = False, all_due: bool = False,
          min_gap: float | None = None, config: WatchConfig | None = None,
          log: Log | None = None, stop: threading.Event | None = None) -> WatchReport:
    """Poll the archive's sources: every due one once (``once``), or until ``stop`` is set.

    ``all_due`` makes every source due now (first round only); ``min_gap`` overrides the
    per-host gap of ``config``."""
    config = config or WatchConfig()
    if min_gap is not None:
        config = replace(config, fetch=replace(config.fetch, min_gap=min_gap))
    stop = stop or threading.Event()
    watcher = Watcher(archive, config, log=log)
    report = WatchReport()
    try:
        watcher.run_round(all_due=all_due, report=report)
        while not once and not stop.is_set():
            stop.wait(min(max(0.2, watcher.next_due_in()), 30.0))
            if not stop.is_set():
                watcher.run_round(report=report)
    finally:
        watcher.close()
    return report


@contextmanager
def background_watch(db: str, *, config: WatchConfig | None = None,
                     log: Log | None = None) -> Iterator[threading.Thread]:
    """Run :func:`watch` on the archive at ``db`` in a thread (its own writer connection)
    while the ``with`` block runs (``warta serve --watch``); stopped and joined on exit."""
    from warta.store import open_archive

    stop = threading.Event()

    def run() -> None:
        with open_archive(db) as archive:
            watch(archive, config=config, log=log, stop=stop)

    thread = threading.Thread(target=run, name="warta-watch", daemon=True)
    thread.start()
    try:
        yield thread
    finally:
        stop.set()
        thread.join(timeout=60)
