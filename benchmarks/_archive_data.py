"""Shared setup of the archive benchmarks and evals: the CLICK-ID archive, 10× copies, queries.

Archives are cached in ``$WARTA_BENCH_DIR`` (default ``/tmp/warta-bench``) because building
them is itself a measured step (bench_ingest.py) and need not be repeated by every script.
Nothing from the shared data is written into the repository.
"""

from __future__ import annotations

import os
import platform
import random
import re
import shutil
import sqlite3
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from warta.config import shared_path  # noqa: E402
from warta.ingest import IngestReport, ingest  # noqa: E402
from warta.store import SQLiteArchive  # noqa: E402

CLICK_ID = ("data", "news", "click-id.jsonl.gz")
BENCH_DIR = Path(os.environ.get("WARTA_BENCH_DIR", "/tmp/warta-bench"))
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9-]{2,}")


def machine() -> dict[str, Any]:
    """Where the figures were measured."""
    return {"cores": os.cpu_count(), "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version, "platform": platform.platform()}


def build_clickid(path: Path, *, workers: int = 1, enrich: bool = False) -> IngestReport:
    """Ingest all of CLICK-ID into a fresh archive at ``path`` (parse+analyse+store+index)."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    with SQLiteArchive(path) as archive:
        return ingest([str(shared_path(*CLICK_ID))], archive, workers=workers, enrich=enrich)


def clickid_archive() -> Path:
    """The cached CLICK-ID archive, built on first use."""
    path = BENCH_DIR / "click-id.db"
    if not path.exists():
        print(f"building {path} (about a minute) …", file=sys.stderr)
        build_clickid(path)
    return path


def scaled_archive(factor: int) -> Path:
    """CLICK-ID × ``factor``: every article repeated with an altered id and url.

    Rows are copied with their analysed terms and the FTS5 index is rebuilt, so only the
    analysis (already measured by bench_ingest) is skipped.
    """
    path = BENCH_DIR / f"click-id-x{factor}.db"
    if path.exists():
        return path
    print(f"building {path} …", file=sys.stderr)
    tmp = Path(str(path) + ".tmp")
    shutil.copyfile(clickid_archive(), tmp)
    conn = sqlite3.connect(tmp, isolation_level=None)
    top = conn.execute("SELECT max(rowid) FROM articles").fetchone()[0]
    conn.execute("BEGIN")
    for k in range(1, factor):
        shift = k * top
        conn.execute(
            "INSERT INTO articles(rowid, id, url, outlet, outlet_key, section, section_key, title,"
            " title_key, published, day, month, content_hash, revision, ingested_at, doc)"
            " SELECT rowid + ?, id || ?, url || ?, outlet, outlet_key, section, section_key, title,"
            " title_key, published, day, month, content_hash, revision, ingested_at, doc"
            " FROM articles WHERE rowid <= ?",
            (shift, f"-{k}", f"#{k}", top),
        )
        conn.execute("INSERT INTO terms SELECT rowid + ?, title, body FROM terms WHERE rowid <= ?",
                     (shift, top))
        conn.execute("INSERT INTO signatures SELECT rowid + ?, sig FROM signatures WHERE rowid <= ?",
                     (shift, top))
        _copy_derived(conn, k, shift, top)
    # each entity is named by every copy of its articles (an enriched archive's names: what
    # related news draws rare-name candidates and shared names from)
    conn.execute("UPDATE entities SET article_count = article_count * ?", (factor,))
    conn.execute("COMMIT")
    conn.execute("INSERT INTO fts(fts) VALUES ('rebuild')")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    tmp.rename(path)
    return path


def _copy_derived(conn: sqlite3.Connection, k: int, shift: int, top: int) -> None:
    """Copy ``k``'s rows of the tables derived from the articles (copy bands, entity names,
    stories, copy pairs), when the archive has them (schema 12): without them a ×10 archive would have to
    run the story and copy backfills (an hour at 220k) before it opens. Each copy is its
    own set of stories (ids suffixed) and copy pairs; links stay within a copy."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.execute("INSERT INTO lsh_bands SELECT bucket, article_rowid + ? FROM lsh_bands "
                 "WHERE article_rowid <= ?", (shift, top))
    conn.execute("INSERT INTO article_entities SELECT article_rowid + ?, entity_rowid, mentions, name, label "
                 "FROM article_entities WHERE article_rowid <= ?", (shift, top))
    if "copy_pairs" in tables:
        conn.execute("INSERT INTO copy_pairs SELECT article_rowid + ?, other_rowid + ?, jaccard "
                     "FROM copy_pairs WHERE article_rowid <= ? AND other_rowid <= ?",
                     (shift, shift, top, top))
    if "stories" not in tables:
        return
    conn.execute("INSERT INTO story_features SELECT article_rowid + ?, days, vector "
                 "FROM story_features WHERE article_rowid <= ?", (shift, top))
    conn.execute("INSERT INTO story_postings SELECT feature, day, article_rowid + ?, weight "
                 "FROM story_postings WHERE article_rowid <= ?", (shift, top))
    conn.execute("INSERT INTO story_links SELECT a + ?, b + ?, score FROM story_links "
                 "WHERE a <= ? AND b <= ?", (shift, shift, top, top))
    conn.execute("INSERT INTO story_members SELECT article_rowid + ?, story_id || ? "
                 "FROM story_members WHERE article_rowid <= ?", (shift, f"x{k}", top))
    conn.execute("INSERT INTO stories(story_id, first_days, first_id, label, label_id, size, "
                 "outlets, first_seen, last_seen, last_days, entities) SELECT story_id || ?, "
                 "first_days, first_id || ?, label, label_id || ?, size, outlets, first_seen, "
                 "last_seen, last_days, entities FROM stories WHERE story_id NOT LIKE '%x%'",
                 (f"x{k}", f"-{k}", f"-{k}"))


def key_phrase_queries(db: Path, n: int = 1000, seed: int = 4) -> list[tuple[str, str]]:
    """(query, article id): ``n`` key phrases of 2–3 consecutive title words."""
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT id, title FROM articles WHERE title IS NOT NULL ORDER BY rowid").fetchall()
    conn.close()
    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    for article_id, title in rng.sample(rows, min(len(rows), n * 2)):
        words = _WORD.findall(title)
        if len(words) < 3:
            continue
        size = rng.choice((2, 3))
        start = rng.randrange(0, len(words) - size + 1)
        out.append((" ".join(words[start : start + size]), article_id))
        if len(out) == n:
            break
    return out


def percentiles(samples_ms: list[float]) -> dict[str, float]:
    """p50/p95/p99/mean of latencies in milliseconds."""
    ordered = sorted(samples_ms)

    def at(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 3)

    return {"p50_ms": at(0.50), "p95_ms": at(0.95), "p99_ms": at(0.99),
            "mean_ms": round(sum(ordered) / len(ordered), 3), "n": len(ordered)}
