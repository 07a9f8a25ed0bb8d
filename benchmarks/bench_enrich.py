"""Enrichment speed on typical articles (~400 words), one core, with a per-stage breakdown.

Usage::

    .venv/bin/python benchmarks/bench_enrich.py [--articles 200] [--repeat 3] [--peer-articles 20]

Articles: Tribunnews (``news/tribunnews-1523``, MIT) with 350–450 words. The corpus stores each
body as one string, so paragraphs are rebuilt as runs of two sentences (news paragraphs are
one to three sentences). The published time is fixed (the corpus has none) so relative dates
resolve. Each article is enriched ``--repeat`` times and its fastest run kept (timer noise),
then the median and p90 over articles are reported, in total and per stage — in wall time and
in CPU time (``time.process_time``), which stays meaningful when other jobs load the machine.

Peer, side by side on the same paragraphs: ``dateparser.search.search_dates`` (languages
``id``), the library one would otherwise use to find dates in text — the reason the dates
stage is hand-written. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import sys
import time
import warnings
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from warta.config import shared_path  # noqa: E402
from warta.enrich import STAGES, enrich_timed  # noqa: E402
from warta.enrich.textdates import extract_dates  # noqa: E402
from warta.model import Article  # noqa: E402

PUBLISHED = datetime.fromisoformat("2018-06-01T10:00:00+07:00")
_SENTENCE = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z\"“])")


def articles(limit: int) -> list[Article]:
    """Tribunnews articles of 350–450 words, paragraphs of two sentences."""
    folder = shared_path("data", "news", "tribunnews-1523")
    out: list[Article] = []
    for name in ("bisnis_content.json", "sains_content.json", "sport_content.json"):
        for row in json.loads((folder / name).read_text(encoding="utf-8")):
            words = len(row["content"].split())
            if not 350 <= words <= 450:
                continue
            sentences = _SENTENCE.split(row["content"].strip())
            paragraphs = [" ".join(sentences[k : k + 2]) for k in range(0, len(sentences), 2)]
            out.append(Article(title=row["title"], paragraphs=paragraphs, published=PUBLISHED))
    return out[:limit]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def bench_warta(items: list[Article], repeat: int, clock) -> dict[str, object]:  # type: ignore[no-untyped-def]
    enrich_timed(items[0])  # load the NER model and compile patterns outside the timing
    totals: list[float] = []
    per_stage: dict[str, list[float]] = {s: [] for s in STAGES}
    for article in items:
        best: dict[str, float] | None = None
        for _ in range(repeat):
            _, timings = enrich_timed(article, clock)
            if best is None or sum(timings.values()) < sum(best.values()):
                best = timings
        assert best is not None
        totals.append(sum(best.values()))
        for stage in STAGES:
            per_stage[stage].append(best[stage])
    return {
        "median_ms": round(statistics.median(totals), 3),
        "p90_ms": round(percentile(totals, 0.9), 3),
        "stages_median_ms": {s: round(statistics.median(v), 3) for s, v in per_stage.items()},
    }


def bench_dates_peer(items: list[Article]) -> dict[str, object]:
    """Our dates stage vs dateparser's search_dates on the same paragraphs."""
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": PUBLISHED.replace(tzinfo=None), "PREFER_DATES_FROM": "past"}
    ours: list[float] = []
    peer: list[float] = []
    found_ours = found_peer = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # dateparser emits deprecation warnings from its deps
        search_dates("Senin", languages=["id"], settings=settings)  # warm-up
        for article in items:
            t0 = time.perf_counter()
            found_ours += len(extract_dates(article.paragraphs, article.published))
            t1 = time.perf_counter()
            for paragraph in article.paragraphs:
                found_peer += len(search_dates(paragraph, languages=["id"], settings=settings) or [])
            t2 = time.perf_counter()
            ours.append((t1 - t0) * 1000)
            peer.append((t2 - t1) * 1000)
    return {
        "articles": len(items),
        "warta_dates_median_ms": round(statistics.median(ours), 3),
        "dateparser_search_dates_median_ms": round(statistics.median(peer), 3),
        "warta_dates_found": found_ours,
        "dateparser_found": found_peer,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--peer-articles", type=int, default=20)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    items = articles(args.articles)
    words = [len(" ".join(a.paragraphs).split()) for a in items]
    result = {
        "corpus": "tribunnews-1523 (350-450 words)",
        "articles": len(items),
        "median_words": statistics.median(words),
        "machine": f"{os.cpu_count()} cores, Python {platform.python_version()}, pinned to one core",
        "load_average_1min": round(os.getloadavg()[0], 2),
        "warta_enrich_wall": bench_warta(items, args.repeat, time.perf_counter),
        "warta_enrich_cpu": bench_warta(items, args.repeat, time.process_time),
        "peer_dates": bench_dates_peer(items[: args.peer_articles]),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
