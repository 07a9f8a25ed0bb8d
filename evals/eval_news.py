"""Every article of ../shared/data/news through the parser: per-outlet anatomy rates.

Prints JSON: for each corpus and outlet, how many rows parsed, how many failed (and why),
and the share of parsed articles with a lead dateline/outlet prefix stripped, a lead left
behind in the body, read-also extracted, credits found, mojibake repaired, and a date read.

    .venv/bin/python evals/eval_news.py [--limit N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict

from corpora import NEWS_CORPORA  # evals/corpora.py (this script's folder)

from warta.config import shared_path
from warta.parse import iter_outcomes

# A lead that survived into the body: "KOTA, Outlet.com -" or "Outlet (ANTARA) -" shapes.
RESIDUAL_LEAD = re.compile(r"^[A-Z][\w.]*(?:[ ,]+[A-Z][\w.]*){0,3}\s*(?:\([^)]{2,25}\))?\s*(?:-|–|—|:)\s")

CORPORA = NEWS_CORPORA


def evaluate(corpus: str, files: list[str], limit: int | None) -> dict:
    paths = [str(shared_path("data", "news", f)) for f in files]
    stats: dict[str, Counter] = defaultdict(Counter)
    failures: Counter = Counter()
    start = time.perf_counter()
    total = 0
    for outcome in iter_outcomes(paths):
        total += 1
        if limit and total > limit:
            break
        if outcome.failure:
            failures[outcome.failure.code] += 1
            stats["(failed)"]["failed"] += 1
            continue
        article = outcome.article
        counts = stats[article.outlet or "(unknown)"]
        counts["parsed"] += 1
        counts["lead_stripped"] += bool(article.dateline or (article.outlet and _lead_outlet(article)))
        counts["lead_left_in_body"] += bool(RESIDUAL_LEAD.match(article.paragraphs[0]))
        counts["read_also"] += bool(article.read_also)
        counts["credits"] += bool(article.credits.agencies or article.credits.codes)
        counts["mojibake_repaired"] += "mojibake repaired" in article.warnings
        counts["published"] += article.published is not None
    elapsed = time.perf_counter() - start
    outlets = {}
    for outlet, counts in sorted(stats.items()):
        parsed = counts["parsed"]
        outlets[outlet] = {"parsed": parsed, "failed": counts["failed"]} | {
            f"{key}_rate": round(counts[key] / parsed, 4)
            for key in ("lead_stripped", "lead_left_in_body", "read_also", "credits", "mojibake_repaired", "published")
        } if parsed else {"parsed": 0, "failed": counts["failed"]}
    return {
        "documents": min(total, limit) if limit else total,
        "failures": dict(failures),
        "seconds": round(elapsed, 2),
        "outlets": outlets,
    }


def _lead_outlet(article) -> bool:
    return any("lead" in w for w in article.warnings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="rows per corpus (default: all)")
    args = parser.parse_args()
    report = {name: evaluate(name, files, args.limit) for name, files in CORPORA.items()}
    json.dump(report, sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
