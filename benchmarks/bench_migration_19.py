"""Migration 019's backfill on real news: CPU time per article, and whether the kinds it
decides from stored records equal those a fresh ingest stored (they must, all of them).

Ingests ``--articles`` CLICK-ID articles (../shared/data/news/click-id.jsonl.gz, enriched as
`warta ingest` does) into a temporary SQLite archive, clears every stored kind (table and
JSON, as the code before 019 left them), runs the backfill and compares. Prints JSON.

    PYTHONPATH=$PWD python benchmarks/bench_migration_19.py --articles 300
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import tempfile
import time
import zlib
from datetime import datetime
from pathlib import Path

from warta.ingest import prepare_article
from warta.model import Article
from warta.store import SQLiteArchive
from warta.store.dialect import SQLITE
from warta.store.quote_kinds_sql import backfill_speaker_kinds

SOURCE = Path(__file__).resolve().parents[2] / "shared" / "data" / "news" / "click-id.jsonl.gz"
_PARAGRAPH = re.compile(r"(?<=[.!?\"”]),")  # the corpus joins paragraphs with a comma


def _articles(n: int) -> list[Article]:
    out = []
    with gzip.open(SOURCE, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if len(out) >= n:
                break
            d = json.loads(line)
            try:
                published = datetime.fromisoformat(d["date"])
            except ValueError:  # a few dates are written out ('31 Juli 2019'): no date
                published = None
            paragraphs = [p.strip() for p in _PARAGRAPH.split(d["content"]) if p.strip()]
            out.append(Article(id=f"{i:016x}", url=f"https://{d['source']}/{i}", outlet=d["source"],
                               title=d["title"], published=published,
                               paragraphs=paragraphs))
    return out


def _kinds(archive: SQLiteArchive) -> tuple[list[tuple[object, ...]], list[list[str | None]]]:
    rows = archive.conn.execute("SELECT article_rowid, position, speaker_kind FROM quotes "
                                "ORDER BY article_rowid, position").fetchall()
    docs = [[q.get("speaker_kind") for q in json.loads(zlib.decompress(doc)).get("quotes") or []]
            for (doc,) in archive.conn.execute("SELECT doc FROM articles ORDER BY rowid")]
    return rows, docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=300)
    args = ap.parse_args()
    articles = _articles(args.articles)
    failed: list[str] = []
    with tempfile.TemporaryDirectory() as tmp, SQLiteArchive(Path(tmp) / "a.db") as archive:
        t0 = time.process_time()
        prepared = []
        for a in articles:
            try:
                prepared.append(prepare_article(a, True))
            except IndexError:  # an extraction defect (reported by h11m1), not this backfill's
                failed.append(a.id)
        archive.put_prepared(prepared)
        ingest_cpu = time.process_time() - t0
        fresh = _kinds(archive)
        archive.conn.execute("UPDATE quotes SET speaker_kind = NULL")
        for rowid, doc in archive.conn.execute("SELECT rowid, doc FROM articles").fetchall():
            d = json.loads(zlib.decompress(doc))
            for q in d.get("quotes") or []:
                q.pop("speaker_kind", None)
            archive.conn.execute("UPDATE articles SET doc = ? WHERE rowid = ?",
                                 (zlib.compress(json.dumps(d).encode("utf-8")), rowid))
        t0 = time.process_time()
        counts = backfill_speaker_kinds(archive.conn, SQLITE)
        backfill_cpu = time.process_time() - t0
        after = _kinds(archive)
        again = backfill_speaker_kinds(archive.conn, SQLITE)
    kinds = [k for _, _, k in fresh[0]]
    print(json.dumps({
        "articles": len(articles) - len(failed), "enrichment_failed": failed, "quote_rows": len(fresh[0]),
        "public": kinds.count("public"), "private": kinds.count("private"), "undecided": kinds.count(None),
        "backfill": counts, "rerun": again,
        "rows_equal_fresh": after[0] == fresh[0], "json_equal_fresh": after[1] == fresh[1],
        "ingest_cpu_ms_per_article": round(1000 * ingest_cpu / len(articles), 2),
        "backfill_cpu_ms_per_article": round(1000 * backfill_cpu / len(articles), 2),
    }, indent=1))


if __name__ == "__main__":
    main()
