"""Search and related-news quality on real news, printed as JSON.

Run: .venv/bin/python evals/eval_search.py [--n 500]

* CLICK-ID (the archive built by benchmarks/_archive_data.py): for ``n`` random articles,
  (a) the title as the query finds the article at rank 1 (target ≥ 95 %) — strictly, and
  counting a re-post with the very same title (CLICK-ID holds such duplicates) as found;
  (b) three distinctive body words (random among the article's 10 highest tf·idf terms
  that at least one other article shares) find it in the top 10 (target ≥ 90 %).
* IndoSum dev.01 (750 articles with a category): share of the top-5 related articles that
  are in the same category, beside the share expected by chance.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from _archive_data import clickid_archive, machine  # noqa: E402

from warta.config import shared_path  # noqa: E402
from warta.errors import WartaError  # noqa: E402
from warta.ingest import ingest  # noqa: E402
from warta.link.titles import title_key  # noqa: E402
from warta.store import SQLiteArchive  # noqa: E402

SEED = 11


def _distinctive(archive: SQLiteArchive, rowid: int, rng: random.Random, total: int) -> list[str]:
    body = archive.conn.execute("SELECT body FROM terms WHERE rowid = ?", (rowid,)).fetchone()[0]
    counts = Counter(t for t in body.split() if len(t) > 2 and not t.isdigit())
    if not counts:
        return []
    marks = ",".join("?" * len(counts))
    df = dict(archive.conn.execute(f"SELECT term, doc FROM fts_vocab WHERE term IN ({marks})", list(counts)))
    scored = sorted(
        ((1 + math.log(tf)) * math.log(total / df[t]), t) for t, tf in counts.items() if df.get(t, 0) >= 2
    )[::-1][:10]
    return rng.sample([t for _, t in scored], 3) if len(scored) >= 3 else []


def eval_clickid(n: int) -> dict[str, object]:
    db = clickid_archive()
    rng = random.Random(SEED)
    with SQLiteArchive(db) as archive:
        rows = archive.conn.execute(
            "SELECT rowid, id, title, title_key FROM articles WHERE title IS NOT NULL ORDER BY rowid"
        ).fetchall()
        total = len(rows)
        sample = rng.sample(rows, n)
        strict = lenient = body_top10 = body_asked = errors = 0
        misses: list[dict[str, object]] = []
        for rowid, article_id, title, key in sample:
            try:
                hits = archive.search(title, limit=1, snippets=False).hits
            except WartaError:
                errors += 1
                continue
            if hits and hits[0].id == article_id:
                strict += 1
                lenient += 1
            elif hits and title_key(hits[0].title) == key:
                lenient += 1
            elif len(misses) < 5:
                misses.append({"title": title, "top": hits[0].title if hits else None})
            words = _distinctive(archive, rowid, rng, total)
            if words:
                body_asked += 1
                found = [h.id for h in archive.search(" ".join(words), limit=10, snippets=False).hits]
                body_top10 += article_id in found
    return {
        "articles": n,
        "title_rank1": round(strict / n, 4),
        "title_rank1_same_title_counts": round(lenient / n, 4),
        "title_query_errors": errors,
        "three_body_words_top10": round(body_top10 / body_asked, 4) if body_asked else None,
        "three_body_words_asked": body_asked,
        "targets": {"title_rank1": 0.95, "three_body_words_top10": 0.90},
        "title_misses_examples": misses,
    }


def eval_indosum() -> dict[str, object]:
    source = shared_path("data", "news", "indosum", "dev.01.jsonl.gz")
    with tempfile.TemporaryDirectory() as tmp, SQLiteArchive(Path(tmp) / "indosum.db") as archive:
        ingest([str(source)], archive, workers=1)
        rows = archive.conn.execute("SELECT id, section FROM articles").fetchall()
        section = dict(rows)
        counts = Counter(section.values())
        n = len(rows)
        chance = sum(c * (c - 1) for c in counts.values()) / (n * (n - 1))
        same = listed = 0
        for article_id, own in rows:
            for hit in archive.related(article_id, k=5):
                listed += 1
                same += section.get(hit.id) == own
    return {
        "articles": n,
        "categories": dict(counts.most_common()),
        "related_listed": listed,
        "top5_same_category": round(same / listed, 4) if listed else None,
        "same_category_by_chance": round(chance, 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=500)
    args = parser.parse_args()
    print(json.dumps({
        "machine": machine(),
        "click_id": eval_clickid(args.n),
        "indosum": eval_indosum(),
    }, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
