"""`warta batch` on a Dask LocalCluster beside `warta ingest`: equivalence and throughput.

Run: .venv/bin/python benchmarks/bench_batch.py [--no-enrich] [--no-kill] [--throughput-docs N]
Prints JSON:

* ``equivalence``: all of ``../shared/data/news`` through `warta ingest` (library, default
  workers) and through `warta batch --workers 2 --load` into a second archive, with one
  worker really killed (SIGKILL) while it is in the middle of a shard; the two archives are
  compared article by article (ids, content hashes, every stored field, revisions) and
  failure by failure (source, code, reason, raw bytes). Then the batch is run again: it
  must compute and load nothing.
* ``throughput``: the first N documents of the same input (Parquet shards only, no
  loading), on 1 and then 2 local workers. The machine has 2 cores shared with the
  scheduler, the calling process and whatever else runs, so 2 workers give less than 2×.
  Then those shards loaded into a fresh SQLite archive with nothing left to compute: the
  rate of the one writer (``load_only``).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from _archive_data import machine

from warta.batch import dask_client, run_batch
from warta.config import shared_path
from warta.ingest import ingest
from warta.store import open_archive
from warta.store.prepare import content_hash


def snapshot(db: Path) -> dict[str, Any]:
    with open_archive(db, read_only=True) as archive:
        ids = list(archive.ids())
        articles = {}
        for i in ids:
            a = archive.get(i)
            assert a is not None
            articles[i] = (content_hash(a), a.to_json(), [r.article.to_json() for r in archive.revisions(i)])
        failures = [(f.source, f.code, f.reason, f.raw) for f in archive.failures()]
    return {"ids": ids, "articles": articles, "failures": failures}


def compare(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    ids_a, ids_b = set(a["articles"]), set(b["articles"])
    common = ids_a & ids_b
    return {
        "articles": [len(ids_a), len(ids_b)],
        "only_ingest": len(ids_a - ids_b), "only_batch": len(ids_b - ids_a),
        "content_hash_differs": sum(a["articles"][i][0] != b["articles"][i][0] for i in common),
        "stored_record_differs": sum(a["articles"][i][1] != b["articles"][i][1] for i in common),
        "revisions_differ": sum(a["articles"][i][2] != b["articles"][i][2] for i in common),
        "same_order": a["ids"] == b["ids"],
        "failures": [len(a["failures"]), len(b["failures"])],
        "failures_identical": a["failures"] == b["failures"],
        "identical": a == b,
    }


def kill_busy_worker(client: Any, out: Path, killed: dict[str, Any], stop: threading.Event) -> None:
    """Once one shard is written, SIGKILL a worker that is in the middle of another."""
    while not stop.is_set():
        if list(out.glob("shard-*.failures.parquet")):
            for address, keys in client.processing().items():
                if keys:
                    pid = client.run(os.getpid, workers=[address])[address]
                    os.kill(pid, signal.SIGKILL)
                    killed.update(pid=pid, task=str(keys[0]),
                                  shard_files_before=len(list(out.glob("shard-*[0-9a-f].parquet"))))
                    return
        time.sleep(0.2)


def equivalence(sources: list[str], folder: Path, enrich: bool, kill: bool) -> dict[str, Any]:
    started = time.perf_counter()
    with open_archive(folder / "ingest.db") as archive:
        ingested = ingest(sources, archive, enrich=enrich)
    ingest_s = time.perf_counter() - started
    out, db = folder / "shards", folder / "batch.db"
    killed: dict[str, Any] = {}
    with dask_client(workers=2) as client:
        stop = threading.Event()
        killer = threading.Thread(target=kill_busy_worker, args=(client, out, killed, stop))
        if kill:
            killer.start()
        report = run_batch(sources, out, client=client, load=str(db), enrich=enrich)
        stop.set()
        if kill:
            killer.join()
        again = run_batch(sources, out, client=client, load=str(db), enrich=enrich)
    return {
        "ingest": {**ingested.to_dict(), "seconds": round(ingest_s, 1)},
        "batch": report.to_dict(),
        "killed_worker": killed or None,
        "rerun": {"computed": again.computed, "loaded": again.loaded, "seconds": round(again.seconds, 1)},
        "comparison": compare(snapshot(folder / "ingest.db"), snapshot(db)),
    }


def throughput(sources: list[str], folder: Path, enrich: bool, docs: int) -> list[dict[str, Any]]:
    """The first ``docs`` documents as one export slice: shards of 500, no loading."""
    rows = []
    for workers in (1, 2):
        with dask_client(workers=workers) as client:
            started = time.perf_counter()
            report = run_batch(sources, folder / f"tp-{workers}", client=client, enrich=enrich,
                               shard_size=500, limit=docs)
            seconds = time.perf_counter() - started
        rows.append({"workers": workers, "articles": report.articles, "shards": report.shards,
                     "seconds": round(seconds, 1),
                     "articles_per_second": round(report.articles / seconds, 1)})
    rows[1]["speedup"] = round(rows[1]["articles_per_second"] / rows[0]["articles_per_second"], 2)
    # the writer alone: the 2-worker shards (all finished) loaded into a fresh archive
    with dask_client(workers=1) as client:
        started = time.perf_counter()
        report = run_batch(sources, folder / "tp-2", client=client, load=str(folder / "load.db"),
                           enrich=enrich, shard_size=500, limit=docs)
        seconds = time.perf_counter() - started
    rows.append({"load_only": True, "computed": report.computed, "loaded": report.loaded,
                 "articles": report.put.articles, "seconds": round(seconds, 1),
                 "articles_per_second": round(report.put.articles / seconds, 1)})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-enrich", action="store_true")
    parser.add_argument("--no-kill", action="store_true", help="no worker killed in the equivalence run")
    parser.add_argument("--throughput-docs", type=int, default=3000)
    parser.add_argument("--skip-equivalence", action="store_true")
    args = parser.parse_args()
    sources = [str(shared_path("data", "news"))]
    enrich = not args.no_enrich
    result: dict[str, Any] = {"machine": machine(), "load_average_before": os.getloadavg(),
                              "enrich": enrich}
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        folder = Path(tmp)
        if not args.skip_equivalence:
            result["equivalence"] = equivalence(sources, folder, enrich, not args.no_kill)
        result["throughput"] = throughput([str(shared_path("data", "news", "click-id.jsonl.gz"))],
                                          folder, enrich, args.throughput_docs)
    result["load_average_after"] = os.getloadavg()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
