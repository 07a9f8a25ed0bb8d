"""Ingest speed (parse + analyse + store + index) and archive bytes per article.

Run: .venv/bin/python benchmarks/bench_ingest.py [--quick] [--enrich-only]
Prints JSON: the full CLICK-ID ingest (default: 1 analysis worker beside the writer) —
articles/s and bytes/article — beside the same pipeline on a 3,000-article slice with the
analysis in-process (0), 1 and 2 workers, and 1 and 2 workers + enrich (the defaults:
the default is one per core);
and every set of ../shared/data/news ingested, with its failures by code.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import tempfile
from collections import Counter
from pathlib import Path

from _archive_data import BENCH_DIR, CLICK_ID, build_clickid, machine

from warta.config import shared_path
from warta.ingest import ingest, ingest_outcomes
from warta.parse import iter_outcomes
from warta.store import SQLiteArchive

SLICE = 3000
OTHER_SETS = ["tribunnews-1523", "tribunnews-politik-199", "liputan6-kompas-detik-399", "indosum"]


def slice_run(workers: int, enrich: bool, folder: Path) -> dict[str, object]:
    db = folder / f"slice-w{workers}-e{int(enrich)}.db"
    cpu = _cpu_seconds()
    with SQLiteArchive(db) as archive:
        outcomes = itertools.islice(iter_outcomes([str(shared_path(*CLICK_ID))]), SLICE)
        report = ingest_outcomes(outcomes, archive, workers=workers, enrich=enrich)
    figures = _figures(report.to_dict())
    # CPU time of this process and its (finished) workers: on a shared machine, the
    # throughput two idle cores would give is articles / (CPU seconds / 2)
    spent = _cpu_seconds() - cpu
    cores = min(2, os.cpu_count() or 1)
    return {"workers": workers, "enrich": enrich, **figures, "cpu_seconds": round(spent, 2),
            "articles_per_cpu_second": round(figures["articles"] / spent, 1),
            "articles_per_second_on_2_idle_cores_from_cpu": round(
                cores * figures["articles"] / spent, 1),
            "load_average_1min": round(os.getloadavg()[0], 2)}


def _cpu_seconds() -> float:
    """User + system CPU of this process and of its children that have ended."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _figures(d: dict[str, object]) -> dict[str, object]:
    keep = ("documents", "articles", "failures", "seconds", "articles_per_second")
    return {k: d[k] for k in keep}


def other_sets(folder: Path) -> dict[str, object]:
    out: dict[str, object] = {}
    with SQLiteArchive(folder / "others.db") as archive:
        for name in OTHER_SETS:
            report = ingest([str(shared_path("data", "news", name))], archive, workers=1)
            out[name] = _figures(report.to_dict())
        codes = Counter(f.code for f in archive.failures())
        out["failure_codes"] = dict(codes)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="skip the full CLICK-ID ingest")
    parser.add_argument("--enrich-only", action="store_true",
                        help="only the slice with enrichment on 1 and 2 workers")
    args = parser.parse_args()
    result: dict[str, object] = {"machine": machine(), "target_articles_per_second": 150}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.enrich_only:
            result["slice"] = [slice_run(1, True, folder), slice_run(2, True, folder)]
            print(json.dumps(result, indent=2))
            return
        result["slice"] = [slice_run(0, False, folder), slice_run(1, False, folder),
                           slice_run(2, False, folder), slice_run(1, True, folder),
                           slice_run(2, True, folder)]
        if not args.quick:
            path = BENCH_DIR / "click-id.db"
            report = build_clickid(path, workers=1)
            with SQLiteArchive(path) as archive:
                stats = archive.stats()
                failures = Counter(f.code for f in archive.failures())
            result["click_id_full"] = {
                **_figures(report.to_dict()),
                "bytes": stats["bytes"],
                "bytes_per_article": stats["bytes_per_article"],
                "failure_codes": dict(failures),
            }
        result["other_sets"] = other_sets(folder)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
