"""Story assignment speed at 220,000 archived articles (target with copy detection ≤ 5 ms per article, one core).

Run: .venv/bin/python benchmarks/bench_stories.py [--n 500] [--spread]

The archive is CLICK-ID ×10 (``_archive_data.scaled_archive``; its story tables are copied
with the rows, so every copy's features sit in the inverted index on the same days as the
original — ten times the candidates a real archive of that size would give). ``--n`` stored
articles are placed again as new ones, inside one transaction that is rolled back: per
article the features (from the stored analysed terms), the candidate look-up, the links and
the join/merge; plus the once-per-batch refresh of the touched stories, spread over the
articles. Single process, so one core. CPU time (``cpu_ms_*``, time.process_time) is the
figure to read on a shared machine; the idf table is loaded before the clock starts.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sqlite3
import sys
import time
import zlib
from pathlib import Path

from _archive_data import BENCH_DIR, clickid_archive, machine, percentiles

from warta.link.stories import WINDOW_DAYS, features
from warta.model import Article
from warta.store import SQLiteArchive
from warta.store.migrate import LATEST_VERSION
from warta.store.sqlite_stories import UNDATED_DAY, story_add, story_refresh

STORY_TABLES = ("story_features", "story_postings", "story_members", "stories", "story_links")


def scaled_with_stories(factor: int, spread: bool = False) -> Path:
    """CLICK-ID × ``factor`` with the story tables copied too (ids suffixed per copy).

    ``spread``: copy k is moved k × (CLICK-ID's time span + a window) days later, as an
    archive ten times bigger because it covers ten times the time would be; without it
    every copy sits on the original's days (ten times the candidates: the worst case)."""
    # named by schema version: features of an older link rule are never measured again
    path = BENCH_DIR / (f"click-id-x{factor}{'-spread' if spread else ''}-stories"
                        f"-v{LATEST_VERSION}.db")
    if path.exists():
        return path
    print(f"building {path} …", file=sys.stderr)
    tmp = Path(str(path) + ".tmp")
    import shutil

    source = clickid_archive()
    with SQLiteArchive(source, engine="fts5"):  # opening migrates it: the current story features
        pass
    shutil.copyfile(source, tmp)
    conn = sqlite3.connect(tmp, isolation_level=None)
    top = conn.execute("SELECT max(rowid) FROM articles").fetchone()[0]
    lo, hi = conn.execute("SELECT min(days), max(days) FROM story_features").fetchone()
    span = math.ceil(hi - lo) + WINDOW_DAYS + 1 if spread else 0
    conn.execute("BEGIN")
    for k in range(1, factor):
        shift, moved = k * top, k * span
        conn.execute(
            "INSERT INTO articles(rowid, id, url, outlet, outlet_key, section, section_key, title,"
            " title_key, published, day, month, content_hash, revision, ingested_at, doc)"
            " SELECT rowid + ?, id || ?, url || ?, outlet, outlet_key, section, section_key, title,"
            " title_key, published, day, month, content_hash, revision, ingested_at, doc"
            " FROM articles WHERE rowid <= ?", (shift, f"-{k}", f"#{k}", top))
        conn.execute("INSERT INTO terms SELECT rowid + ?, title, body FROM terms WHERE rowid <= ?",
                     (shift, top))
        conn.execute("INSERT INTO story_features SELECT article_rowid + ?, days + ?, vector "
                     "FROM story_features WHERE article_rowid <= ?", (shift, moved, top))
        conn.execute("INSERT INTO story_postings SELECT feature, CASE WHEN day = ? THEN day "
                     "ELSE day + ? END, article_rowid + ?, weight FROM story_postings "
                     "WHERE article_rowid <= ?", (UNDATED_DAY, moved, shift, top))
        conn.execute("INSERT INTO story_links SELECT a + ?, b + ?, score FROM story_links "
                     "WHERE a <= ? AND b <= ?", (shift, shift, top, top))
        conn.execute("INSERT INTO story_members SELECT article_rowid + ?, story_id || ? "
                     "FROM story_members WHERE article_rowid <= ?", (shift, f"x{k}", top))
        conn.execute("INSERT INTO stories(story_id, first_days, first_id, label, label_id, size, "
                     "outlets, first_seen, last_seen, last_days, entities) SELECT story_id || ?, "
                     "first_days + ?, first_id || ?, label, label_id, size, outlets, first_seen, "
                     "last_seen, last_days + ?, entities FROM stories "
                     "WHERE story_id NOT LIKE '%x%'", (f"x{k}", moved, f"-{k}", moved))
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    tmp.rename(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--factor", type=int, default=10)
    parser.add_argument("--spread", action="store_true",
                        help="copies on later days (a bigger archive over more time)")
    args = parser.parse_args()
    db = scaled_with_stories(args.factor, args.spread)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA cache_size = -65536")
    total = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    top = conn.execute("SELECT max(rowid) FROM articles").fetchone()[0]
    rowids = [r[0] for r in conn.execute("SELECT rowid FROM articles WHERE rowid <= ?",
                                         (top // args.factor,))]
    sample = random.Random(11).sample(rowids, args.n)
    inputs = []
    for rowid in sample:
        title, body, doc = conn.execute(
            "SELECT t.title, t.body, a.doc FROM terms t JOIN articles a ON a.rowid = t.rowid "
            "WHERE t.rowid = ?", (rowid,)).fetchone()
        article = Article.from_json(zlib.decompress(doc))
        article.id = article.id + "-new"
        inputs.append((article, title.split(), body.split()))
    features(*inputs[0])  # loads the idf table once (a process's start, not an article's)
    cur = conn.cursor()
    cur.execute("BEGIN")
    touched: set[str] = set()
    per_article, feature_ms = [], []
    feature_cpu = writer_cpu = 0.0
    cpu_started = time.process_time()
    try:
        for i, (article, title_terms, body_terms) in enumerate(inputs):
            started, cpu0 = time.perf_counter(), time.process_time()
            f = features(article, title_terms, body_terms)
            mid, cpu1 = time.perf_counter(), time.process_time()
            story_add(cur, top + 1 + i, f, touched)
            done = time.perf_counter()
            writer_cpu += time.process_time() - cpu1
            feature_cpu += cpu1 - cpu0
            per_article.append((done - started) * 1000)
            feature_ms.append((mid - started) * 1000)
        started, cpu0 = time.perf_counter(), time.process_time()
        story_refresh(cur, touched)
        refresh_ms = (time.perf_counter() - started) * 1000
        writer_cpu += time.process_time() - cpu0
        cpu_ms = (time.process_time() - cpu_started) * 1000
    finally:
        cur.execute("ROLLBACK")
    conn.close()
    mean = sum(per_article) / len(per_article)
    print(json.dumps({
        "machine": machine(),
        "archived_articles": total,
        "copies_spread_in_time": args.spread,
        "load_average_1min": round(os.getloadavg()[0], 1),
        "placed": len(inputs),
        "target_ms_per_article_with_copies": 5,
        "assignment": percentiles(per_article),
        "features_mean_ms": round(sum(feature_ms) / len(feature_ms), 3),
        "refresh_ms_per_article": round(refresh_ms / len(inputs), 3),
        "ms_per_article_with_refresh": round(mean + refresh_ms / len(inputs), 3),
        # CPU time of this process: what the work costs on one core when the machine is
        # shared (wall-clock figures above include waiting for the cores)
        "cpu_ms_per_article_with_refresh": round(cpu_ms / len(inputs), 3),
        # the two shares of it: the features (at ingest: in the analysis workers, beside
        # the enrichment) and the writer's (candidates, links, join, refresh)
        "cpu_ms_features": round(feature_cpu * 1000 / len(inputs), 3),
        "cpu_ms_writer": round(writer_cpu * 1000 / len(inputs), 3),
    }, indent=2))


if __name__ == "__main__":
    main()
