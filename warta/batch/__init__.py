"""Distributed batch: ``warta batch`` — parse and prepare large inputs on a Dask cluster,
write Parquet shards, load them into an archive.

The input is cut into shards of a few thousand articles (:mod:`warta.batch.plan`); each
shard is one Dask task (per-article tasks would cost ~6 ms each in scheduling alone) that
parses its documents and prepares them with the ingest rule
(:func:`warta.ingest.prepare_article`), writing one Parquet file per shard
(:mod:`warta.batch.shard`). The calling process is the one writer: it loads finished shards
into the archive in input order, one idempotent step per shard (:mod:`warta.batch.load`).

Reruns: a shard whose files exist is not computed again, a loaded shard not loaded again. A
worker killed mid-shard leaves no shard file (files are renamed into place when complete);
Dask runs the task again elsewhere, so the result is the same. The input and the output
folder must be at the same path on every worker (one machine, or a shared file system).
Dask is an optional extra: ``pip install 'warta[dask]'``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warta.batch.plan import DEFAULT_SHARD_SIZE, Shard, plan_shards
from warta.batch.shard import (
    ShardResult,
    remove_temporaries,
    run_shard,
    shard_done,
    shard_summary,
)
from warta.errors import UsageError, WartaError
from warta.store.base import PutReport

__all__ = [
    "DEFAULT_SHARD_SIZE",
    "BatchFailed",
    "BatchReport",
    "ShardResult",
    "dask_client",
    "plan_shards",
    "run_batch",
]

INSTALL_HINT = "warta batch needs Dask: pip install 'warta[dask]'"
Progress = Callable[[str, ShardResult], None]


class BatchFailed(WartaError):
    """A shard could not be computed (its task failed on every try)."""

    code = "batch_failed"


@dataclass(slots=True)
class BatchReport:
    """Totals of one batch run."""

    shards: int = 0
    computed: int = 0       # shards parsed and prepared by this run
    loaded: int = 0         # shards stored into the archive by this run
    articles: int = 0       # articles the shards hold
    failures: int = 0       # failed documents the shards hold
    put: PutReport = field(default_factory=PutReport)
    seconds: float = 0.0
    workers: int = 0
    failed_shards: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        rate = self.articles / self.seconds if self.seconds and self.computed else None
        return {
            "shards": self.shards, "computed": self.computed, "loaded": self.loaded,
            "articles": self.articles, "failures": self.failures,
            "put": self.put.to_dict(), "seconds": round(self.seconds, 3),
            "articles_per_second": round(rate, 1) if rate else None, "workers": self.workers,
            "failed_shards": self.failed_shards,
        }


@contextmanager
def dask_client(cluster: str | None = None, workers: int = 2) -> Iterator[Any]:
    """A Dask client: connected to the scheduler at ``cluster`` (``tcp://host:8786``), or to
    a new :class:`LocalCluster` of ``workers`` one-thread worker processes (closed after)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise UsageError(INSTALL_HINT) from None
    if cluster:
        try:
            client = Client(cluster, timeout="10s")
        except (OSError, TimeoutError) as exc:
            raise UsageError(
                f"--cluster {cluster}: no Dask scheduler answers there ({exc}); start one with "
                "`dask scheduler` (and `dask worker ADDRESS` on each machine), or leave out "
                "--cluster to run a local cluster") from None
        with client:
            yield client
        return
    if workers < 1:
        raise UsageError("--workers must be at least 1")
    # the scheduler's HTTP server on a free loopback port: never 8787 taken by another cluster
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR) as local, \
            Client(local) as client:
        yield client


def _check_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out}: not a folder; give a folder for the Parquet shards")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"--out {out}: cannot create the folder ({exc.strerror}); give a "
                         "folder you can write") from None


def run_batch(
    sources: Iterable[str],
    out: str | Path,
    *,
    client: Any,
    load: str | None = None,
    fmt: str | None = None,
    mapping: Mapping[str, str] | None = None,
    enrich: bool = True,
    shard_size: int = DEFAULT_SHARD_SIZE,
    limit: int | None = None,
    progress: Progress | None = None,
) -> BatchReport:
    """Parse and prepare ``sources`` on the workers of ``client`` into Parquet shards in
    ``out``; with ``load`` (an archive path or URL for :func:`warta.store.open_archive`)
    store every shard there too. Finished shards are skipped; see the module docstring.
    ``limit``: only the first documents of the input."""
    started = time.perf_counter()
    out = Path(out)
    _check_out(out)
    shards = plan_shards(sources, fmt=fmt, mapping=mapping, enrich=enrich, shard_size=shard_size,
                         limit=limit)
    remove_temporaries(out)
    report = BatchReport(shards=len(shards),
                         workers=len(client.scheduler_info().get("workers", {})))
    # opened before any work: a wrong --load is said now, not after hours of parsing
    loader = _Loader(load, out, shards, report, progress) if load else None
    results: dict[int, ShardResult] = {}
    pending: dict[Any, Shard] = {}
    for shard in shards:
        if shard_done(out, shard):
            results[shard.number] = shard_summary(out, shard)
        else:
            future = client.submit(run_shard, shard, str(out), fmt, dict(mapping or {}) or None,
                                   enrich, pure=False, retries=1)
            pending[future] = shard
    try:
        if loader is not None:
            loader.advance(results)
        if pending:
            _collect(pending, results, report, progress, loader)
    finally:
        if loader is not None:
            loader.close()
    for result in results.values():
        report.articles += result.articles
        report.failures += len(result.failures)
    report.seconds = time.perf_counter() - started
    return report


def _collect(pending: dict[Any, Shard], results: dict[int, ShardResult], report: BatchReport,
             progress: Progress | None, loader: _Loader | None) -> None:
    """Gather the workers' shards as they finish into ``results`` (loading each in input order
    when there is a ``loader``); a shard lost on every try is reported and the rest go on."""
    from distributed import as_completed

    for future in as_completed(list(pending)):
        shard = pending[future]
        try:
            result = future.result()
        except Exception as exc:  # noqa: BLE001 — a shard lost on every try is reported
            report.failed_shards.append(
                f"shard {shard.number + 1} ({', '.join(p.name for p in shard.pieces[:3])}"
                f"{' …' if len(shard.pieces) > 3 else ''}): {type(exc).__name__}: {exc}")
            continue
        report.computed += 1
        results[shard.number] = result
        if progress is not None:
            progress("computed", result)
        if loader is not None:
            loader.advance(results)


class _Loader:
    """Loads finished shards into the archive strictly in input order (a later version of
    an article must stay the current one, as in ``warta ingest``)."""

    def __init__(self, db: str, out: Path, shards: list[Shard], report: BatchReport,
                 progress: Progress | None) -> None:
        from warta.batch.load import Manifest, archive_identity
        from warta.store import open_archive

        self.archive = open_archive(db)
        self.identity = archive_identity(db)
        self.manifest = Manifest(out)
        self.out, self.shards, self.report, self.progress = out, shards, report, progress
        self.next = 0

    def advance(self, results: dict[int, ShardResult]) -> None:
        from warta.batch.load import load_shard

        while self.next < len(self.shards) and self.next in results:
            shard = self.shards[self.next]
            done = load_shard(self.archive, self.identity, self.out, shard, self.manifest)
            if done is not None:
                self.report.put += done[0]
                self.report.loaded += 1
                if self.progress is not None:
                    self.progress("loaded", results[self.next])
            self.next += 1

    def close(self) -> None:
        self.archive.close()
