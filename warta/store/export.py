"""Export an archive: JSON lines in the Article format, or a typed Parquet table (pyarrow extra)."""

from __future__ import annotations

import sys
from datetime import timedelta, timezone
from typing import Any, TextIO

from warta.errors import UsageError
from warta.model import Article
from warta.store.base import Archive

__all__ = ["article_from_row", "article_row", "export_jsonl", "export_parquet", "parquet_schema"]

_PARQUET_BATCH = 2000


def export_jsonl(archive: Archive, output: str) -> int:
    """Write one ``Article.to_json()`` per line to ``output`` ('-' = stdout); returns the count."""
    count = 0
    handle: TextIO = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")  # noqa: SIM115
    try:
        for article in archive:
            handle.write(article.to_json() + "\n")
            count += 1
    finally:
        if handle is not sys.stdout:
            handle.close()
    return count


def parquet_schema() -> Any:
    """The typed Parquet schema of an article table (pyarrow), one column per Article field.

    Read as they are by pandas, DuckDB, Spark and Polars: ``published`` is a UTC timestamp
    (Parquet normalises instants to UTC) and ``published_offset`` keeps the offset the page
    gave, in minutes east of UTC (420 for WIB; null when the time had no offset); lists are
    Parquet lists, the parts of an article (``read_also``, ``credits``, ``entities``,
    ``quotes``, ``amounts``, ``dates``) structs with the field names of the JSON record.
    ``text`` is the body as one string (paragraphs joined by a blank line), for full-text use.
    Not representable exactly: ``amounts.value`` is float64, so an integer amount reads back
    as a float of the same value (exact up to 2**53).
    """
    import pyarrow as pa

    string, int32, strings = pa.string(), pa.int32(), pa.list_(pa.string())
    span = [("paragraph", int32), ("start", int32), ("end", int32)]
    return pa.schema(
        [
            ("id", string), ("url", string), ("outlet", string), ("title", string),
            ("published", pa.timestamp("us", tz="UTC")), ("published_offset", pa.int16()),
            ("tz", string), ("authors", strings), ("editors", strings), ("section", string),
            ("dateline", string), ("paragraphs", strings),
            ("read_also", pa.list_(pa.struct([("title", string), ("url", string), ("id", string)]))),
            ("credits", pa.struct([("agencies", strings), ("codes", strings)])),
            ("language", string), ("format", string), ("warnings", strings), ("source", string),
            ("image", string), ("tags", strings),
            ("entities", pa.list_(pa.struct([
                ("name", string), ("label", string), ("aliases", strings),
                ("mentions", pa.list_(pa.struct([("text", string), *span]))),
            ]))),
            ("quotes", pa.list_(pa.struct([
                ("text", string), ("kind", string), ("speaker", string),
                ("speaker_mention", string), ("role", string), ("cue", string), *span,
                ("end_paragraph", int32), ("affiliation", string),
                ("speaker_kind", string),
            ]))),
            ("amounts", pa.list_(pa.struct([
                ("text", string), ("value", pa.float64()), ("unit", string), ("noun", string),
                ("approximate", pa.bool_()), *span,
            ]))),
            ("dates", pa.list_(pa.struct([("text", string), ("value", string), *span]))),
            ("keywords", strings),
            ("summary", strings),
            ("text", string),
        ],
        metadata={b"warta": b"article table 1: one row per Article, columns as its JSON keys"},
    )


def article_row(article: Article) -> dict[str, Any]:
    """One row of :func:`parquet_schema` for an article."""
    row = article.to_dict()
    published = article.published
    offset = published.utcoffset() if published is not None else None
    # a naive time is stored as it is, offset null: read back naive, as it came
    row["published"] = published
    row["published_offset"] = int(offset.total_seconds() // 60) if offset is not None else None
    for amount in row["amounts"]:
        amount["value"] = float(amount["value"])
    row["text"] = article.text
    return row


def article_from_row(row: dict[str, Any]) -> Article:
    """The Article of a row read back from the table (``pyarrow`` ``to_pylist()``)."""
    d = dict(row)
    published, offset = d.pop("published"), d.pop("published_offset")
    d.pop("text", None)
    if published is not None:
        published = published.astimezone(timezone(timedelta(minutes=offset))) if offset is not None \
            else published.replace(tzinfo=None)
    d["published"] = None
    d["read_also"] = [{k: v for k, v in r.items() if k != "id" or v is not None} for r in d["read_also"]]
    article = Article.from_dict(d)
    article.published = published
    return article


def export_parquet(archive: Archive, output: str) -> int:
    """Write a typed Parquet table (:func:`parquet_schema`), one row per article; returns
    the count."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError(
            "parquet export needs pyarrow: pip install 'warta[parquet]' (or use --format jsonl)"
        ) from None
    schema = parquet_schema()
    count = 0
    with pq.ParquetWriter(output, schema) as writer:
        rows: list[dict[str, Any]] = []
        for article in archive:
            rows.append(article_row(article))
            if len(rows) >= _PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                count += len(rows)
                rows.clear()
        if rows or count == 0:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            count += len(rows)
    return count
