"""Live watcher: freshness and many sources, against local outlets (no internet).

Usage::

    .venv/bin/python benchmarks/bench_live.py [--sources 500] [--hosts 100] [--gap 2.0]
        [--interval 5] [--items 4] [--threads 64]

1. **Freshness.** A `warta watch` process (a subprocess, the real command) follows one local
   feed with a fixed poll interval (``--interval``, min = max). Items are published to the feed
   at unannounced moments; for each, the time until a *separate read-only reader* finds it by
   search and in the newest-first list (the portal home) is measured. Target: within one poll
   interval + 2 s.
2. **Many sources.** ``--sources`` feeds spread over ``--hosts`` local hosts (127.0.0.x:port,
   each a host for politeness), each feed with one new article. One ``warta watch --once --all``
   process polls them all with the default per-host gap (``--gap``): wall time, CPU time of
   that process, peak RSS, requests, and the smallest gap seen between two requests to one
   host (politeness check). A second round (nothing new: 304s) is timed too.

The outlets run in this process; the watcher in its own, so its CPU time is its own.
Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.live_outlets import TOPICS, Outlet  # noqa: E402
from warta.store import open_archive  # noqa: E402
from warta.store.listing import ArticleFilters  # noqa: E402


def _warta(*args: str, **kw: object) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", "from warta.cli import main; main()", *args],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)  # type: ignore[call-overload]


def freshness(tmp: Path, interval: float, items: int, gap: float) -> dict[str, object]:
    outlet = Outlet("Kabar Segar")
    outlet.feed("/rss")
    db = tmp / "fresh.db"
    with open_archive(db) as archive:
        archive.add_source(outlet.url("/rss"), "rss", interval_s=interval)
    proc = _warta("watch", "--db", str(db), "--min-interval", str(interval), "--max-interval",
                  str(interval), "--min-gap", str(gap), "--no-enrich", "--json")
    latencies_search, latencies_home = [], []
    try:
        time.sleep(interval + 3)  # first poll done (empty feed); the watcher is warm
        reader = open_archive(db, read_only=True)
        for k in range(items):
            n = 1000 + k
            time.sleep(interval * (0.3 + 0.17 * k % 0.7))  # publish at varying phases
            word = TOPICS[n % len(TOPICS)][1]
            outlet.publish("/rss", f"/berita/{n}", n)
            url = outlet.url(f"/berita/{n}")
            start = time.monotonic()
            found_search = found_home = None
            while time.monotonic() - start < interval * 3 + 10:
                now = time.monotonic() - start
                if found_search is None and any(
                        h.url == url for h in reader.search(f"{word} laporan {n}", limit=5).hits):
                    found_search = now
                if found_home is None and any(
                        a["url"] == url for a in reader.list_articles(ArticleFilters(), limit=5)[1]):
                    found_home = now
                if found_search is not None and found_home is not None:
                    break
                time.sleep(0.05)
            latencies_search.append(found_search)
            latencies_home.append(found_home)
        reader.close()
    finally:
        proc.terminate()
        proc.communicate(timeout=30)
        outlet.close()
    bound = interval + 2.0
    return {
        "poll_interval_s": interval, "items": items, "bound_s": bound,
        "searchable_after_s": [round(x, 2) if x is not None else None for x in latencies_search],
        "on_home_after_s": [round(x, 2) if x is not None else None for x in latencies_home],
        "all_within_bound": all(x is not None and x <= bound
                                for x in latencies_search + latencies_home),
    }


def many_sources(tmp: Path, sources: int, hosts: int, gap: float, threads: int) -> dict[str, object]:
    outlets = [Outlet(f"Kabar {h}", host=f"127.0.0.{h + 1}") for h in range(hosts)]
    db = tmp / "many.db"
    with open_archive(db) as archive:
        for i in range(sources):
            o = outlets[i % hosts]
            path = f"/rss/{i}"
            o.feed(path)
            o.publish(path, f"/berita/{i}", i)
            archive.add_source(o.url(path), "rss")
    rounds = []
    for name in ("new items", "unchanged (304)"):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.monotonic()
        proc = _warta("watch", "--db", str(db), "--once", "--all", "--min-gap", str(gap),
                      "--threads", str(threads), "--no-enrich", "--json")
        out, err = proc.communicate(timeout=3600)
        wall = time.monotonic() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        summary = json.loads(out.decode().splitlines()[-1])["summary"]
        rounds.append({
            "round": name, "wall_s": round(wall, 1),
            "cpu_s": round((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), 1),
            "peak_rss_mb": round(after.ru_maxrss / 1024, 1), **summary, "exit": proc.returncode,
        })
    hits = [sorted(h.at for h in o.hits) for o in outlets]
    min_gap = min(b - a for times in hits for a, b in zip(times, times[1:]))
    requests = sum(len(t) for t in hits)
    statuses: dict[int, int] = {}
    for o in outlets:
        for h in o.hits:
            statuses[h.status] = statuses.get(h.status, 0) + 1
    for o in outlets:
        o.close()
    return {"sources": sources, "hosts": hosts, "gap_s": gap, "threads": threads,
            "rounds": rounds, "requests": requests, "statuses": statuses,
            "smallest_gap_seen_s": round(min_gap, 3),
            # one round on one host: robots.txt + its feeds + their articles, a gap apart
            "per_host_round_floor_s": round(2 * sources / hosts * gap, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sources", type=int, default=500)
    ap.add_argument("--hosts", type=int, default=100)
    ap.add_argument("--gap", type=float, default=2.0)
    ap.add_argument("--interval", type=float, default=5.0)
    ap.add_argument("--items", type=int, default=4)
    ap.add_argument("--threads", type=int, default=64)
    ap.add_argument("--part", choices=("all", "freshness", "many"), default="all")
    args = ap.parse_args()
    result: dict[str, object] = {
        "benchmark": "live",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
    }
    with tempfile.TemporaryDirectory() as tmp:
        if args.part in ("all", "freshness"):
            result["freshness"] = freshness(Path(tmp), args.interval, args.items, args.gap)
        if args.part in ("all", "many"):
            result["many_sources"] = many_sources(Path(tmp), args.sources, args.hosts, args.gap,
                                                  args.threads)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
