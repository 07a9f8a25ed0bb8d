"""Story assignment speed at 220,000 archived articles (target with copy detection ≤ 5 ms per article, one core).

Run: .venv/bin/python benchmarks/bench_stories.py [--n 500] [--spread] [--rounds 3]

The archive is CLICK-ID ×10 (``_archive_data.scaled_archive``; its story tables are copied
with the rows, so every copy's features sit in the inverted index on the same days as the
original — ten times the candidates a real archive of that size would give). ``--n`` stored
articles are placed again as new ones, inside one transaction that is rolled back: per
article the features (from the stored analysed terms), the candidate look-up, the links and
the join/merge; plus the once-per-batch refresh of the touched stories, spread over the
articles, a flush every ``--batch`` (200, ingest's batch). With the chaining repair
(:mod:`warta.store.story_regroup`, ``STORY_CUT_RULE``) the same sample is placed again, in the
same run, in a copy of the archive regrouped once as migration 021 does (its CPU time is
printed), the touched components split at every flush. Single process, so one core. CPU time (``cpu_ms_*``, time.process_time) is the
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
from typing import Any

from _archive_data import BENCH_DIR, clickid_archive, machine, percentiles

from warta.ingest import BATCH_SIZE
from warta.link.stories import WINDOW_DAYS, features
from warta.link import story_cuts
from warta.link.story_cuts import CutRule
from warta.link.story_groups import AverageRule, average_rule
from warta.model import Article
from warta.store import SQLiteArchive
from warta.store.dialect import SQLITE
from warta.store.migrate import LATEST_VERSION
from warta.store.sqlite_stories import PLACEMENT
from warta.store.story_placement_sql import UNDATED_DAY
from warta.store.stories_sql import STORY_CUT_RULE
from warta.store.story_regroup import regroup, regroup_all

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


def regrouped(path: Path, rule: CutRule | AverageRule) -> tuple[Path, float]:
    """A copy of the archive at ``path`` with its stories split under ``rule`` once (what
    migration 021 does to a stored archive), and the CPU seconds that took (0: cached)."""
    kind = "-avg" if isinstance(rule, AverageRule) else "-cut"
    out = path.with_name(path.stem + kind + path.suffix)
    if out.exists():
        return out, 0.0
    import shutil

    tmp = Path(str(out) + ".tmp")
    shutil.copyfile(path, tmp)
    conn = sqlite3.connect(tmp, isolation_level=None)
    cur = conn.cursor()
    started = time.process_time()
    cur.execute("BEGIN")
    PLACEMENT.refresh(cur, regroup_all(cur, SQLITE, rule))
    cur.execute("COMMIT")
    spent = time.process_time() - started
    conn.close()
    tmp.rename(out)
    return out, spent


def _inputs(conn: sqlite3.Connection, factor: int, n: int, seed: int, consecutive: bool
            ) -> list[tuple]:
    """``n`` stored articles of the first copy, as new ones (ids suffixed), with their terms:
    a random sample (a backfill in any order), or with ``consecutive`` ``n`` articles in a
    row in published order from a random start (the daily ingest's case)."""
    top = conn.execute("SELECT max(rowid) FROM articles").fetchone()[0]
    rng = random.Random(seed)
    if consecutive:
        in_time = [r[0] for r in conn.execute(
            "SELECT a.rowid FROM articles a JOIN story_features f ON f.article_rowid = a.rowid "
            "WHERE a.rowid <= ? ORDER BY f.days IS NULL, f.days, a.id", (top // factor,))]
        start = rng.randrange(len(in_time) - n)
        chosen = in_time[start:start + n]
    else:
        chosen = rng.sample([r[0] for r in conn.execute(
            "SELECT rowid FROM articles WHERE rowid <= ?", (top // factor,))], n)
    inputs = []
    for rowid in chosen:
        title, body, doc = conn.execute(
            "SELECT t.title, t.body, a.doc FROM terms t JOIN articles a ON a.rowid = t.rowid "
            "WHERE t.rowid = ?", (rowid,)).fetchone()
        article = Article.from_json(zlib.decompress(doc))
        article.id = article.id + "-new"
        inputs.append((article, title.split(), body.split()))
    return inputs


def place(db: Path, inputs: list[tuple], rule: CutRule | AverageRule | None, batch: int) -> dict[str, Any]:
    """Place ``inputs`` as new articles in one transaction (rolled back), a flush (the chaining
    repair when ``rule`` is set, then the refresh) after every ``batch`` of them, as ingest
    does; wall and CPU figures per article."""
    story_cuts._MEMO.clear()  # every round starts cold: no cut remembered from another
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA cache_size = -65536")
    top = conn.execute("SELECT max(rowid) FROM articles").fetchone()[0]
    cur = conn.cursor()
    cur.execute("BEGIN")
    touched: set[str] = set()
    per_article, feature_ms = [], []
    feature_cpu = writer_cpu = regroup_cpu = refresh_ms = 0.0
    cpu_started = time.process_time()
    try:
        for i, (article, title_terms, body_terms) in enumerate(inputs):
            started, cpu0 = time.perf_counter(), time.process_time()
            f = features(article, title_terms, body_terms)
            mid, cpu1 = time.perf_counter(), time.process_time()
            PLACEMENT.add(cur, top + 1 + i, f, touched)
            done = time.perf_counter()
            writer_cpu += time.process_time() - cpu1
            feature_cpu += cpu1 - cpu0
            per_article.append((done - started) * 1000)
            feature_ms.append((mid - started) * 1000)
            if (i + 1) % batch == 0 or i + 1 == len(inputs):
                started, cpu0 = time.perf_counter(), time.process_time()
                if rule is not None:
                    regroup(cur, SQLITE, touched, rule)
                    regroup_cpu += time.process_time() - cpu0
                PLACEMENT.refresh(cur, touched)
                touched.clear()
                refresh_ms += (time.perf_counter() - started) * 1000
                writer_cpu += time.process_time() - cpu0
        cpu_ms = (time.process_time() - cpu_started) * 1000
    finally:
        cur.execute("ROLLBACK")
    conn.close()
    mean = sum(per_article) / len(per_article)
    n = len(inputs)
    return {
        "assignment": percentiles(per_article),
        "features_mean_ms": round(sum(feature_ms) / len(feature_ms), 3),
        "flush_ms_per_article": round(refresh_ms / n, 3),
        "ms_per_article_with_refresh": round(mean + refresh_ms / n, 3),
        # CPU time of this process: what the work costs on one core when the machine is
        # shared (wall-clock figures above include waiting for the cores)
        "cpu_ms_per_article_with_refresh": round(cpu_ms / n, 3),
        # the shares of it: the features (at ingest: in the analysis workers, beside the
        # enrichment) and the writer's (candidates, links, join, repair, refresh)
        "cpu_ms_features": round(feature_cpu * 1000 / n, 3),
        "cpu_ms_writer": round(writer_cpu * 1000 / n, 3),
        "cpu_ms_repair": round(regroup_cpu * 1000 / n, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--factor", type=int, default=10)
    parser.add_argument("--spread", action="store_true",
                        help="copies on later days (a bigger archive over more time)")
    parser.add_argument("--batch", type=int, default=BATCH_SIZE,
                        help="articles per flush (ingest's batch)")
    parser.add_argument("--consecutive", action="store_true",
                        help="articles in a row in published order, not a random sample")
    parser.add_argument("--rounds", type=int, default=1,
                        help="samples measured, each off then on (seeds 11, 12, …)")
    parser.add_argument("--average", action="store_true",
                        help="the repair is h16story's average-link rule (its setting in "
                             "link/data/story_group_rule.json), "
                             "not the cut rule")
    args = parser.parse_args()
    db = scaled_with_stories(args.factor, args.spread)
    average = average_rule()[0]
    rule: CutRule | AverageRule | None = (average if args.average else STORY_CUT_RULE)
    cut_db, regroup_seconds = (None, 0.0) if rule is None else regrouped(db, rule)
    conn = sqlite3.connect(db, isolation_level=None)
    total = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    samples = [_inputs(conn, args.factor, args.n, 11 + k, args.consecutive)
               for k in range(args.rounds)]
    conn.close()
    features(*samples[0][0])  # loads the idf table once (a process's start, not an article's)
    rounds = []
    for inputs in samples:  # off and on alternately: the same load for both
        one = {"repair_off": place(db, inputs, None, args.batch)}
        if cut_db is not None:
            one["repair_on"] = place(cut_db, inputs, rule, args.batch)
        rounds.append(one)
    print(json.dumps({
        "machine": machine(),
        "archived_articles": total,
        "copies_spread_in_time": args.spread,
        "consecutive": args.consecutive,
        "load_average_1min": round(os.getloadavg()[0], 1),
        "placed": args.n,
        "batch": args.batch,
        "target_ms_per_article_with_copies": 5,
        "repair_rule": None if rule is None else repr(rule),
        "repair_whole_archive_cpu_seconds": round(regroup_seconds, 1),
        "rounds": rounds,
    }, indent=2))


if __name__ == "__main__":
    main()
