"""CPU time of the ingest worker's step per article: enrichment + index analysis + hash.

Usage::

    .venv/bin/python benchmarks/bench_prepare_cpu.py [--articles 1200] [--warm 200]

``warta.ingest.prepare_article(article, True)`` over the first CLICK-ID articles, the first
``--warm`` of them outside the timing (models loaded, analyser caches filled). Prints JSON:
CPU (``time.process_time``) and wall milliseconds per article and the load average — on a
shared machine CPU time is the comparable figure; run it on two checkouts back to back to
compare them. Two analysis workers reach 150 articles/s only when this step, parsing and the
writer together stay under ~13 ms of CPU per article.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from warta.config import shared_path  # noqa: E402
from warta.ingest import prepare_article  # noqa: E402
from warta.parse import iter_outcomes  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1200)
    parser.add_argument("--warm", type=int, default=200)
    args = parser.parse_args()
    source = str(shared_path("data", "news", "click-id.jsonl.gz"))
    outcomes = itertools.islice(iter_outcomes([source]), args.articles)
    articles = [o.article for o in outcomes if o.article is not None]
    for article in articles[: args.warm]:
        prepare_article(article, True)
    timed = articles[args.warm :]
    cpu, wall = time.process_time(), time.perf_counter()
    for article in timed:
        prepare_article(article, True)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(json.dumps({
        "articles": len(timed),
        "cpu_ms_per_article": round(cpu * 1000 / len(timed), 2),
        "wall_ms_per_article": round(wall * 1000 / len(timed), 2),
        "load_average_1min": round(os.getloadavg()[0], 2),
    }))


if __name__ == "__main__":
    main()
