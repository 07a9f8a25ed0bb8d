"""Enrichment CPU time, two versions of warta side by side in ONE process, article by article.

Usage::

    git archive OLD_COMMIT warta | tar -x -C /tmp/old
    .venv/bin/python benchmarks/bench_enrich_ab.py --old /tmp/old/warta [--articles 100] [--rounds 5]

On a machine other jobs load, CPU time (``time.process_time``) still swings with the load
(two jobs on the same core slow each other down), so two versions timed one after the
other cannot be compared. Here both are imported under other package names (``warta_a``
for ``--old``, ``warta_b`` for this checkout; the enrichment modules import relatively), and
each article is enriched by one, then the other, alternately first: both see the same
load. Per version: CPU milliseconds per article (mean over articles of the best of
``--rounds``), in total and per stage, on the Tribunnews articles of ``bench_enrich.py``
(the per-article figure ingest's ``enrich_analysed`` costs). Also checks that both give the
same records. Prints JSON.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))


def _load(source: Path, name: str, folder: Path):  # type: ignore[no-untyped-def]
    """``source`` (a ``warta`` package folder) imported as package ``name``."""
    shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    return importlib.import_module(f"{name}.enrich.pipeline")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", type=Path, required=True, help="the other warta package folder")
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    # this folder's bench_enrich (reads ../shared through warta.config)
    from bench_enrich import articles

    items = articles(args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        sys.path.insert(0, tmp)
        versions = {"old": _load(args.old, "warta_a", Path(tmp)),
                    "new": _load(HERE.parent / "warta", "warta_b", Path(tmp))}
        for pipeline in versions.values():
            for article in items:  # models loaded, caches warm, for both
                pipeline.enrich_analysed(article)
        same = all(
            versions["old"].enrich_analysed(a)[0].to_json()
            == versions["new"].enrich_analysed(a)[0].to_json() for a in items
        )
        best: dict[str, list[dict[str, float]]] = {v: [] for v in versions}
        clock = time.process_time
        for k, article in enumerate(items):
            runs: dict[str, list[dict[str, float]]] = {v: [] for v in versions}
            order = list(versions) if k % 2 == 0 else list(reversed(versions))
            for _ in range(args.rounds):
                for v in order:
                    runs[v].append(versions[v].enrich_timed(article, clock)[1])
            for v in versions:
                best[v].append(min(runs[v], key=lambda t: sum(t.values())))
    result: dict[str, object] = {
        "articles": len(items),
        "rounds": args.rounds,
        "load_average_1min": round(os.getloadavg()[0], 2),
        "same_records": same,
    }
    for v, rows in best.items():
        stages = list(rows[0])
        result[v] = {
            "cpu_ms_per_article_mean": round(statistics.mean(sum(r.values()) for r in rows), 3),
            "cpu_ms_per_article_median": round(statistics.median(sum(r.values()) for r in rows), 3),
            "stages_mean_ms": {s: round(statistics.mean(r[s] for r in rows), 3) for s in stages},
        }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
