"""Loopback load on the portal and the API; prints JSON.

Targets (2 cores): article page p95 <= 50 ms; search API >= 300 requests/s with p95 <= 100 ms.

The archive: the first ``--articles`` CLICK-ID articles from the shared news data, ingested
with enrichment through warta's own ingest (cached at ``--db``; rebuilt when smaller).
The server: ``warta serve --workers 2`` (uvicorn processes) in a subprocess.
The load: ``wrk`` (C, one thread, so the client takes little of the two cores) with a Lua
script picking random URLs from a list; without wrk, a Python httpx thread pool (noisier,
it competes with the server for CPU). Baselines measured side by side in the same run:
``/static/style.css`` (a static file) and ``/api/health`` (the framework's floor), and the
same search called in-process without HTTP.

    .venv/bin/python benchmarks/bench_web.py [--articles 3000] [--duration 10]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from warta.config import shared_path  # noqa: E402
from warta.store import open_archive  # noqa: E402

QUERIES = ["banjir", "presiden jokowi", "harga beras", "\"revisi UU KPK\"", "gempa", "pemilu",
           "korupsi", "sepak bola", "vaksin", "jakarta macet", "pendidikan", "ekonomi",
           "polisi", "kebakaran hutan", "timnas indonesia", "DPR", "pajak", "bencana"]
WRK_SCRIPT = r"""
paths = {}
init = function(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests":%d,"duration_us":%d,"errors":%d,"non_2xx":%d,' ..
    '"p50_us":%d,"p95_us":%d,"p99_us":%d,"mean_us":%.1f,"max_us":%d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.mean,
    latency.max))
end
"""


def build(db: Path, articles: int) -> dict[str, Any]:
    """Ingest the first ``articles`` CLICK-ID articles (enriched) unless ``db`` has them."""
    from warta.ingest import enrich_available, ingest_outcomes
    from warta.parse import iter_outcomes

    if db.exists():
        with open_archive(db) as archive:
            if archive.count() >= articles:
                return {"built": False, "articles": archive.count()}
        db.unlink()
    source = shared_path("data", "news", "click-id.jsonl.gz")
    with open_archive(db) as archive:
        outcomes = itertools.islice(iter_outcomes([str(source)]), articles)
        report = ingest_outcomes(outcomes, archive, enrich=enrich_available())
        return {"built": True, "articles": archive.count(), "ingest": report.to_dict()}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    # exactly what `warta serve --workers N` runs
    cmd = [sys.executable, "-c", "from warta.cli import main; main()", "serve", "--db", str(db),
           "--port", str(port), "--workers", str(workers)]
    env = dict(os.environ)
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT)
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("the server did not come up within 60 s")


def run_wrk(base: str, paths: list[str], duration: int, connections: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        script, listing = Path(tmp) / "rotate.lua", Path(tmp) / "paths.txt"
        script.write_text(WRK_SCRIPT)
        listing.write_text("\n".join(paths) + "\n")
        out = subprocess.run(
            ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--timeout", "5s",
             "-s", str(script), base, "--", str(listing)],
            capture_output=True, text=True, check=True,
        ).stdout
    raw = json.loads(next(line for line in out.splitlines() if line.startswith("WRKJSON "))[8:])
    return _figures(raw["requests"], raw["duration_us"] / 1e6, raw["p50_us"] / 1000,
                    raw["p95_us"] / 1000, raw["p99_us"] / 1000,
                    raw["errors"] + raw["non_2xx"], connections, "wrk")


def run_python(base: str, paths: list[str], duration: int, connections: int) -> dict[str, Any]:
    """Fallback load generator: threads with one keep-alive httpx client each."""
    import httpx

    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + duration

    def worker(seed: int) -> None:
        nonlocal errors
        rng = random.Random(seed)
        own: list[float] = []
        bad = 0
        with httpx.Client(base_url=base, timeout=5) as client:
            while time.monotonic() < stop:
                t = time.perf_counter()
                status = client.get(rng.choice(paths)).status_code
                own.append(time.perf_counter() - t)
                bad += status != 200
        with lock:
            latencies.extend(own)
            errors += bad

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    q = statistics.quantiles([x * 1000 for x in latencies], n=100)
    return _figures(len(latencies), elapsed, q[49], q[94], q[98], errors, connections,
                    "python-httpx")


def _figures(n: int, seconds: float, p50: float, p95: float, p99: float, errors: int,
             connections: int, client: str) -> dict[str, Any]:
    return {"requests": n, "rps": round(n / seconds, 1), "p50_ms": round(p50, 2),
            "p95_ms": round(p95, 2), "p99_ms": round(p99, 2), "errors": errors,
            "connections": connections, "client": client}


def in_process_search(db: Path, rounds: int = 3) -> dict[str, Any]:
    """The same searches without HTTP: what the server adds on top."""
    with open_archive(db) as archive:
        times = []
        for _ in range(rounds):
            for q in QUERIES:
                t = time.perf_counter()
                archive.search(q, limit=10, facets=True)
                times.append((time.perf_counter() - t) * 1000)
    qs = statistics.quantiles(times, n=100)
    return {"p50_ms": round(qs[49], 2), "p95_ms": round(qs[94], 2),
            "rps_one_core": round(1000 / statistics.mean(times), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--db", type=Path, default=ROOT / "artifacts" / "bench-web.db")
    parser.add_argument("--duration", type=int, default=10, help="seconds per scenario")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--client", choices=["auto", "wrk", "python"], default="auto")
    args = parser.parse_args()

    args.db.parent.mkdir(parents=True, exist_ok=True)
    archive_info = build(args.db, args.articles)
    with open_archive(args.db) as archive:
        ids = list(archive.ids())
    rng = random.Random(7)
    article_paths = [f"/artikel/{i}" for i in rng.sample(ids, min(500, len(ids)))]
    search_paths = [f"/api/search?q={quote_plus(q)}&limit=10" for q in QUERIES]
    use_wrk = args.client == "wrk" or (args.client == "auto" and shutil.which("wrk"))
    load = run_wrk if use_wrk else run_python

    load_before = round(os.getloadavg()[0], 2)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(args.db, port, args.workers)
    try:
        load(base, article_paths[:20], 2, 4)  # warm both workers' caches and connections
        load(base, search_paths, 2, 8)
        scenarios = {
            "static_css": load(base, ["/static/style.css"], args.duration, 8),
            "api_health": load(base, ["/api/health"], args.duration, 8),
            "article_page": load(base, article_paths, args.duration, 4),
            "search_api": load(base, search_paths, args.duration, 16),
            "search_page": load(base, [p.replace("/api/search", "/cari") for p in search_paths],
                                args.duration, 8),
            "home_page": load(base, ["/"], args.duration, 4),
        }
    finally:
        server.terminate()
        server.wait(timeout=20)
    article, search = scenarios["article_page"], scenarios["search_api"]
    print(json.dumps({
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0],
                    # other jobs on the machine skew every figure: say how busy it was
                    "load_average_1m_before": load_before,
                    "load_average_1m_after": round(os.getloadavg()[0], 2)},
        "archive": archive_info,
        "server": f"warta serve --workers {args.workers} (uvicorn, h11 with TCP_NODELAY)",
        "scenarios": scenarios,
        "search_in_process": in_process_search(args.db),
        "targets": {
            "article_page_p95_ms<=50": article["p95_ms"] <= 50 and article["errors"] == 0,
            "search_api_rps>=300": search["rps"] >= 300 and search["errors"] == 0,
            "search_api_p95_ms<=100": search["p95_ms"] <= 100,
        },
    }, indent=2))


if __name__ == "__main__":
    main()
