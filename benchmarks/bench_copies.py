"""Copy detection per article at archive scale (target with story assignment: ≤ 5 ms/article).

Run: .venv/bin/python benchmarks/bench_copies.py [--factor 10] [--n 1000]

On the CLICK-ID archive ×``factor`` (benchmarks/_archive_data.py; 10 → ~220,000 articles) the
LSH bands of every stored signature are written first (the scaled copy carries signatures,
not bands). Then, for ``n`` random stored articles, what ingest does for a new article is
timed, inside a transaction that is rolled back: its MinHash signature from its analysed
terms (``signature``, the part that runs in the analysis workers), its 16 band rows, the
candidate look-up and the exact Jaccard check of every candidate, the copy-pair rows
(``write_copy_pairs``). In the ×10 archive every article has 9 verbatim copies (the
scaling repeats rows), so each check verifies ≥ 9 candidates: a worst case for the
verification step; the ×1 archive (``--factor 1``) shows CLICK-ID's own copy rate.
``detection_cpu`` is the same step in CPU time (time.process_time: honest on a loaded machine).
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import time

from _archive_data import clickid_archive, machine, percentiles, scaled_archive

from warta.link.dedup import band_buckets, signature
from warta.store.sqlite_copies import write_copy_pairs


def ensure_bands(db: object) -> None:
    """LSH bands of every signature (the scaled archive copies signatures only)."""
    conn = sqlite3.connect(db, isolation_level=None)  # type: ignore[arg-type]
    have = conn.execute("SELECT count(DISTINCT article_rowid) FROM lsh_bands").fetchone()[0]
    total = conn.execute("SELECT count(*) FROM signatures").fetchone()[0]
    if have < total:
        conn.execute("BEGIN")
        for rowid, sig in conn.execute("SELECT rowid, sig FROM signatures").fetchall():
            conn.executemany("INSERT OR IGNORE INTO lsh_bands(bucket, article_rowid) VALUES (?, ?)",
                             [(b, rowid) for b in band_buckets(sig)])
        conn.execute("COMMIT")
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--factor", type=int, default=10)
    parser.add_argument("--n", type=int, default=1000)
    args = parser.parse_args()
    db = clickid_archive() if args.factor == 1 else scaled_archive(args.factor)
    ensure_bands(db)
    conn = sqlite3.connect(db, isolation_level=None)
    rows = conn.execute("SELECT rowid FROM terms").fetchall()
    sample = [r[0] for r in random.Random(3).sample(rows, args.n)]
    sig_ms, detect_ms, detect_cpu, copies = [], [], [], []
    for rowid in sample:
        title, body = conn.execute("SELECT title, body FROM terms WHERE rowid = ?", (rowid,)).fetchone()
        terms = body.split() or title.split()
        started = time.perf_counter()
        sig = signature(terms)
        sig_ms.append((time.perf_counter() - started) * 1000)
        cur = conn.cursor()
        cur.execute("BEGIN")
        started, started_cpu = time.perf_counter(), time.process_time()
        new = -rowid  # stands for a new article: its bands join the others, then the check runs
        cur.executemany("INSERT OR IGNORE INTO lsh_bands(bucket, article_rowid) VALUES (?, ?)",
                        [(b, new) for b in band_buckets(sig)])
        try:
            copies.append(write_copy_pairs(cur, new, sig, terms))
        except sqlite3.IntegrityError:
            copies.append(-1)
        detect_ms.append((time.perf_counter() - started) * 1000)
        detect_cpu.append((time.process_time() - started_cpu) * 1000)
        cur.execute("ROLLBACK")
    articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    conn.close()
    total = [a + b for a, b in zip(sig_ms, detect_ms)]
    print(json.dumps({
        "machine": machine(), "articles": articles, "factor": args.factor,
        "signature": percentiles(sig_ms), "detection": percentiles(detect_ms),
        "detection_cpu": percentiles(detect_cpu),
        "signature_plus_detection": percentiles(total),
        "mean_copies_found": round(sum(c for c in copies if c >= 0) / len(copies), 2),
        "target_ms_per_article_with_stories": 5,
    }, indent=2))


if __name__ == "__main__":
    main()
