"""Enrichment CPU time of this checkout under two Python interpreters, article by article.

Usage::

    .venv/bin/python benchmarks/bench_enrich_interpreters.py --other /usr/bin/python3.11 \
        [--articles 100] [--rounds 5]

The same code can run at different speeds under two builds of the same Python version (a
build with profile-guided and link-time optimisation against one without, say). Timed one
after the other on a machine other jobs load, the two cannot be compared; here each
interpreter runs one worker process (this checkout first on ``sys.path``, then this
interpreter's site-packages, so both use the same libraries), and the driver asks them in
turn, one article at a time and alternately first, to enrich the Tribunnews articles of
``bench_enrich.py``: both see the same load. Per interpreter: CPU milliseconds per article
(``time.process_time`` in the worker, the best of ``--rounds``), mean and median over the
articles, and whether both gave the same records. Prints JSON.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import sysconfig
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _worker(count: int) -> None:
    """Reads article indices on stdin; answers ``cpu_ms digest`` per line."""
    import time

    import warta
    from warta.enrich.pipeline import enrich_analysed

    sys.path.insert(0, str(HERE))
    from bench_enrich import articles

    items = articles(count)
    for article in items:  # models loaded, caches warm
        enrich_analysed(article)
    print(f"ready {len(items)} {Path(warta.__file__).parent} {sys.version.split()[0]}", flush=True)
    for line in sys.stdin:
        k = int(line)
        t0 = time.process_time()
        enriched, terms = enrich_analysed(items[k])
        cpu = (time.process_time() - t0) * 1000
        digest = hashlib.sha1((enriched.to_json() + "\n".join(terms)).encode()).hexdigest()[:16]
        print(f"{cpu:.6f} {digest}", flush=True)


def _start(python: str, count: int) -> tuple[subprocess.Popen[str], str]:
    paths = [str(HERE.parent), sysconfig.get_paths()["purelib"]]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    proc = subprocess.Popen([python, str(Path(__file__).resolve()), "--worker", "--articles", str(count)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    ready = proc.stdout.readline().split()
    if not ready or ready[0] != "ready":
        sys.exit(f"{python}: the worker did not start (see its error above)")
    return proc, " ".join(ready[1:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--other", help="the second interpreter (the first: this one)")
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        _worker(args.articles)
        return
    if not args.other:
        parser.error("give --other PYTHON (the interpreter to compare with this one)")
    pythons = {"this": sys.executable, "other": args.other}
    workers = {name: _start(python, args.articles) for name, python in pythons.items()}
    count = int(workers["this"][1].split()[0])
    best: dict[str, list[float]] = {name: [] for name in pythons}
    same = True
    for k in range(count):
        order = list(pythons) if k % 2 == 0 else list(reversed(pythons))
        runs: dict[str, list[float]] = {name: [] for name in pythons}
        digests: set[str] = set()
        for _ in range(args.rounds):
            for name in order:
                proc = workers[name][0]
                assert proc.stdin is not None and proc.stdout is not None
                proc.stdin.write(f"{k}\n")
                proc.stdin.flush()
                cpu, digest = proc.stdout.readline().split()
                runs[name].append(float(cpu))
                digests.add(digest)
        same = same and len(digests) == 1
        for name in pythons:
            best[name].append(min(runs[name]))
    for proc, _ in workers.values():
        proc.communicate("")
    result: dict[str, object] = {"articles": count, "rounds": args.rounds,
                                 "load_average_1min": round(os.getloadavg()[0], 2),
                                 "same_records": same}
    for name, python in pythons.items():
        result[name] = {"python": python, "worker": workers[name][1],
                        "cpu_ms_per_article_mean": round(statistics.mean(best[name]), 3),
                        "cpu_ms_per_article_median": round(statistics.median(best[name]), 3)}
    result["other_over_this_mean"] = round(statistics.mean(best["other"]) / statistics.mean(best["this"]), 4)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
