"""One shard's work on a worker: parse its pieces, prepare each article (the ingest rule),
write the result as Parquet files, atomically.

Two files per shard, each written to a temporary name, flushed to disk and renamed:

* ``shard-KEY.failures.parquet`` — documents that failed (source, code, reason, raw bytes);
* ``shard-KEY.parquet`` — one row per article: the typed columns of
  :func:`warta.store.export.parquet_schema` (what pandas, DuckDB or Spark read), plus what
  loading needs without analysing again: ``article_json`` (the lossless record, read back
  exactly), ``title_terms``, ``body_terms``, ``content_hash``, ``signature``, ``enriched``.

The articles file is renamed last, so its presence means the shard is complete; a worker
killed before that leaves only a temporary file (ignored, removed by the next run), and the
shard is computed again.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

from warta.batch.plan import Shard
from warta.errors import DocumentError
from warta.parse.sources import Outcome, document_outcomes
from warta.store.base import FailureRecord
from warta.store.prepare import PreparedArticle

__all__ = ["ShardResult", "articles_schema", "failures_schema", "read_shard", "run_shard",
           "shard_done"]

FAILURES_SUFFIX = ".failures.parquet"
TEMP_MARK = ".tmp-"


@dataclass(slots=True)
class ShardResult:
    """What a shard holds: counts, its failures (without raw bytes) and the seconds it took
    (0 when it was found done)."""

    number: int
    key: str
    articles: int
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # source, code, reason
    seconds: float = 0.0
    computed: bool = True


def articles_schema() -> Any:
    """The shard table: the article table of ``warta export --format parquet`` plus the
    prepared fields (see the module docstring)."""
    import pyarrow as pa

    from warta.store.export import parquet_schema

    base = parquet_schema()
    extra = [("article_json", pa.string()), ("title_terms", pa.list_(pa.string())),
             ("body_terms", pa.list_(pa.string())), ("content_hash", pa.string()),
             ("signature", pa.binary()), ("enriched", pa.bool_())]
    return pa.schema(list(base) + [pa.field(n, t) for n, t in extra],
                     metadata={b"warta": b"batch shard 1: article table 1 + prepared fields"})


def failures_schema() -> Any:
    """The failures table of a shard: one row per document that did not become an article."""
    import pyarrow as pa

    return pa.schema([("source", pa.string()), ("code", pa.string()), ("reason", pa.string()),
                      ("raw", pa.binary())])


def _paths(out: Path, shard: Shard) -> tuple[Path, Path]:
    final = out / shard.file_name
    return final, final.with_name(final.name.removesuffix(".parquet") + FAILURES_SUFFIX)


def shard_done(out: Path, shard: Shard) -> bool:
    """Whether the shard's files are complete in ``out`` (written by an earlier run)."""
    articles, failures = _paths(out, shard)
    return articles.is_file() and failures.is_file()


def _row(prepared: PreparedArticle) -> dict[str, Any]:
    from warta.store.export import article_row

    row = article_row(prepared.article)
    row.update(article_json=prepared.article.to_json(), title_terms=prepared.title_terms,
               body_terms=prepared.body_terms, content_hash=prepared.content_hash,
               signature=prepared.signature, enriched=prepared.enriched)
    return row


def _write(table: Any, final: Path) -> None:
    """Write to a temporary file beside ``final``, flush it to disk, rename it over."""
    import pyarrow.parquet as pq

    temp = final.with_name(f"{final.name}{TEMP_MARK}{uuid.uuid4().hex[:8]}")
    try:
        with temp.open("wb") as handle:
            pq.write_table(table, handle, compression="zstd")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, final)
    finally:
        temp.unlink(missing_ok=True)


def _outcomes(shard: Shard, fmt: str | None, mapping: Mapping[str, str] | None) -> Iterator[Outcome]:
    return chain.from_iterable(
        document_outcomes(p.name, Path(p.path), p.in_folder, fmt, mapping, p.window)
        for p in shard.pieces)


def _prepare(outcome: Outcome, enrich: bool) -> PreparedArticle | FailureRecord:
    """The ingest rule (:func:`warta.ingest.prepare_article`); a document whose preparation
    raises is a recorded failure, not the end of the shard."""
    from warta.ingest import prepare_article

    if outcome.failure is not None:
        f = outcome.failure
        return FailureRecord(f.source, f.code, f.reason, f.raw or None)
    article = outcome.article
    assert article is not None
    try:
        return prepare_article(article, enrich)
    except Exception as exc:  # noqa: BLE001 — one document must not end the batch
        reason = (f"{outcome.source}: analysis failed ({type(exc).__name__}: {exc}); "
                  "please report it")
        return FailureRecord(outcome.source, DocumentError.code, reason,
                             article.to_json().encode("utf-8"))


def run_shard(shard: Shard, out: str, fmt: str | None, mapping: Mapping[str, str] | None,
              enrich: bool) -> ShardResult:
    """Parse and prepare one shard, write its files to ``out`` (the task a worker runs)."""
    import pyarrow as pa

    started = time.perf_counter()
    folder = Path(out)
    articles_path, failures_path = _paths(folder, shard)
    rows: list[dict[str, Any]] = []
    failed: list[FailureRecord] = []
    for outcome in _outcomes(shard, fmt, mapping):
        item = _prepare(outcome, enrich)
        if isinstance(item, FailureRecord):
            failed.append(item)
        else:
            rows.append(_row(item))
    _write(pa.Table.from_pylist([{"source": f.source, "code": f.code, "reason": f.reason,
                                  "raw": f.raw} for f in failed], schema=failures_schema()),
           failures_path)
    _write(pa.Table.from_pylist(rows, schema=articles_schema()), articles_path)  # last: "done"
    return ShardResult(shard.number, shard.key, len(rows),
                       [(f.source, f.code, f.reason) for f in failed],
                       time.perf_counter() - started)


def read_shard(out: Path, shard: Shard) -> tuple[list[PreparedArticle], list[FailureRecord]]:
    """A finished shard read back for loading: its prepared articles, in input order, and
    its failures with their raw bytes."""
    import pyarrow.parquet as pq

    from warta.model import Article

    articles_path, failures_path = _paths(out, shard)
    columns = ["article_json", "title_terms", "body_terms", "content_hash", "signature", "enriched"]
    table = pq.read_table(articles_path, columns=columns)
    prepared = [
        PreparedArticle(Article.from_json(r["article_json"]), r["title_terms"] or [],
                        r["body_terms"] or [], r["content_hash"], r["signature"], r["enriched"])
        for r in table.to_pylist()
    ]
    failures = [FailureRecord(r["source"], r["code"], r["reason"], r["raw"])
                for r in pq.read_table(failures_path).to_pylist()]
    return prepared, failures


def shard_summary(out: Path, shard: Shard) -> ShardResult:
    """The :class:`ShardResult` of a shard an earlier run finished (read from its files)."""
    import pyarrow.parquet as pq

    articles_path, failures_path = _paths(out, shard)
    articles = pq.read_metadata(articles_path).num_rows
    failures = pq.read_table(failures_path, columns=["source", "code", "reason"]).to_pylist()
    return ShardResult(shard.number, shard.key, articles,
                       [(f["source"], f["code"], f["reason"]) for f in failures], computed=False)


def remove_temporaries(out: Path) -> int:
    """Delete temporary files killed workers left in ``out``; returns how many."""
    count = 0
    for temp in out.glob(f"shard-*{TEMP_MARK}*"):
        temp.unlink(missing_ok=True)
        count += 1
    return count
