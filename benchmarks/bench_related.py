"""Related-news latency on the CLICK-ID archive (target p95 ≤ 20 ms), beside a bm25s peer.

Run: .venv/bin/python benchmarks/bench_related.py [--n 1000] [--factor 10] [--warta-only]
``--factor 10``: on CLICK-ID ×10 (~220,000 articles, benchmarks/_archive_data.py).
Latencies are wall time and, under ``cpu``, CPU time of the process (time.process_time: the
figure that stays honest on a loaded machine; it counts tantivy's threads too).
``warta`` = ``SQLiteArchive.related(id, k=5)``: distinctive terms (tantivy term counts) →
tantivy BM25 candidates → copy filter (MinHash) → re-rank by entities and time → reasons.
``warta-fts5`` = the same with ``engine="fts5"`` (FTS5 bm25() candidates, fts5vocab counts).
``bm25s-candidates`` = the candidate step alone on bm25s (same terms, top 40). Also prints what the lists look like: hits per article, days apart.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import time
from collections import Counter

from _archive_data import clickid_archive, machine, percentiles, scaled_archive

from warta.link.related import CANDIDATES, TITLE_BOOST, distinctive_terms
from warta.store import SQLiteArchive


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--factor", type=int, default=1)
    parser.add_argument("--warta-only", action="store_true", help="skip the fts5 and bm25s peers")
    args = parser.parse_args()
    db = clickid_archive() if args.factor == 1 else scaled_archive(args.factor)
    archive = SQLiteArchive(db)
    ids = [r[0] for r in archive.conn.execute("SELECT id FROM articles ORDER BY rowid")]
    sample = random.Random(7).sample(ids, args.n)
    for article_id in sample[:50]:
        archive.related(article_id)
    samples, cpu, sizes, days = [], [], [], []
    for article_id in sample:
        started, started_cpu = time.perf_counter(), time.process_time()
        hits = archive.related(article_id, k=5)
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        sizes.append(len(hits))
        days.extend(h.days_apart for h in hits if h.days_apart is not None)
    result: dict[str, object] = {
        "machine": machine(),
        "articles": len(ids),
        "target_p95_ms": 20,
        "warta": {
            **percentiles(samples),
            "cpu": percentiles(cpu),
            "mean_hits": round(statistics.mean(sizes), 2),
            "articles_with_no_related": sizes.count(0),
            "median_days_apart": statistics.median(days) if days else None,
        },
    }
    if not args.warta_only:
        result["warta-fts5"] = fts5_peer(db, sample)
        result["bm25s-candidates"] = bm25s_peer(db, archive, sample)
    archive.close()
    print(json.dumps(result, indent=2))


def fts5_peer(db: object, sample: list[str]) -> dict[str, object]:
    """The same related() with FTS5 candidates and fts5vocab term counts (engine="fts5")."""
    archive = SQLiteArchive(db, engine="fts5")  # type: ignore[arg-type]
    samples = []
    for article_id in sample:
        started = time.perf_counter()
        archive.related(article_id, k=5)
        samples.append((time.perf_counter() - started) * 1000)
    archive.close()
    return percentiles(samples)


def bm25s_peer(db: object, archive: SQLiteArchive, sample: list[str]) -> dict[str, object]:
    import bm25s

    conn = sqlite3.connect(db)  # type: ignore[arg-type]
    rows = conn.execute(
        "SELECT a.id, t.title, t.body FROM articles a JOIN terms t ON t.rowid = a.rowid ORDER BY a.rowid"
    ).fetchall()
    conn.close()
    position = {r[0]: i for i, r in enumerate(rows)}
    started = time.perf_counter()
    retriever = bm25s.BM25()
    retriever.index([r[1].split() * 4 + r[2].split() for r in rows], show_progress=False)
    index_seconds = time.perf_counter() - started
    df: Counter[str] = Counter()
    for _, title, body in rows:
        df.update(set(title.split()) | set(body.split()))
    samples = []
    for article_id in sample:
        _, title, body = rows[position[article_id]]
        started = time.perf_counter()
        counts = Counter(body.split())
        for term in title.split():
            counts[term] += TITLE_BOOST
        terms = distinctive_terms(counts, df, len(rows))
        if terms:
            retriever.retrieve([terms], k=CANDIDATES, show_progress=False, n_threads=1)
        samples.append((time.perf_counter() - started) * 1000)
    return {**percentiles(samples), "index_seconds": round(index_seconds, 1)}


if __name__ == "__main__":
    main()
