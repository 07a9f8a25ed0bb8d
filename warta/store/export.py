"""Export an archive: JSON lines in the Article format, or a Parquet table (pyarrow extra)."""

from __future__ import annotations

import json
import sys
from typing import TextIO

from warta.errors import UsageError
from warta.store.base import Archive

__all__ = ["export_jsonl", "export_parquet"]

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


def export_parquet(archive: Archive, output: str) -> int:
    """Write a Parquet table: flat columns for filtering plus the whole article as JSON."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError(
            "parquet export needs pyarrow: pip install 'warta[parquet]' (or use --format jsonl)"
        ) from None
    schema = pa.schema([
        ("id", pa.string()), ("url", pa.string()), ("outlet", pa.string()),
        ("section", pa.string()), ("title", pa.string()), ("published", pa.string()),
        ("authors", pa.list_(pa.string())), ("text", pa.string()), ("article_json", pa.string()),
    ])
    count = 0
    with pq.ParquetWriter(output, schema) as writer:
        rows: list[dict[str, object]] = []
        for article in archive:
            d = article.to_dict()
            rows.append({
                "id": article.id, "url": article.url, "outlet": article.outlet,
                "section": article.section, "title": article.title, "published": d["published"],
                "authors": list(article.authors), "text": article.text,
                "article_json": json.dumps(d, ensure_ascii=False),
            })
            if len(rows) >= _PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                count += len(rows)
                rows.clear()
        if rows or count == 0:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            count += len(rows)
    return count
