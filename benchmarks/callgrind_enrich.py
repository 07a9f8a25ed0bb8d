"""Enrichment cost in CPU instructions (valgrind's callgrind): two versions, no timer noise.

Usage::

    git -C /work/main archive main warta | tar -x -C /tmp/old
    .venv/bin/python benchmarks/callgrind_enrich.py --old /tmp/old [--articles 20]
    # the same code under two interpreters:
    .venv/bin/python benchmarks/callgrind_enrich.py --old . --old-python /usr/bin/python3.11

On a machine other jobs load, CPU time swings by more than a small change saves; the
number of instructions executed does not (repeat runs agree to ~0.05 %). Each version
(``--old`` and ``--new``: folders holding a ``warta`` package, put first on ``PYTHONPATH``)
runs in its own process under ``valgrind --tool=callgrind --instr-atstart=no``: the process
loads the models and enriches the ``--articles`` Tribunnews articles of ``bench_enrich.py``
twice (caches warm, as in the A/B benchmark), then switches collection on
(``callgrind_control -i on``), enriches them once more through ``enrich_analysed`` (the
ingest path) and switches it off. Instructions are not time (cache misses and branch
mispredictions are not counted), so confirm a gain with ``bench_enrich_ab.py``. An
interpreter other than this one is given by ``--old-python`` / ``--new-python`` (its
``sys.path`` gets this one's site-packages, so both run the same libraries). String hashing
is seeded per process, and set and dict orders move the count by up to ~0.3 %: each
version runs once per ``--seeds`` value (``PYTHONHASHSEED``), both with the same seeds.
Needs valgrind (``apt-get install valgrind``); ~1 minute per run. Prints JSON.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _child(count: int) -> None:
    """Runs under valgrind: warm up, then collect over one pass of enrichment."""
    # warta first: bench_enrich puts this checkout on sys.path, and the version measured
    # must be the one PYTHONPATH names
    import warta
    from warta.enrich.pipeline import enrich_analysed

    sys.path.insert(0, str(HERE))
    from bench_enrich import articles

    print(f"warta from {Path(warta.__file__).parent}", file=sys.stderr)
    items = articles(count)
    for _ in range(2):
        for article in items:
            enrich_analysed(article)
    gc.collect()  # a full collection owed by the warm-up is not charged to the pass
    toggle = ["callgrind_control", "-i"]
    subprocess.run([*toggle, "on", str(os.getpid())], check=True, capture_output=True)
    for article in items:
        enrich_analysed(article)
    subprocess.run([*toggle, "off", str(os.getpid())], check=True, capture_output=True)
    print(f"articles {len(items)}", file=sys.stderr)


def measure(tree: Path, python: str, count: int, seed: int) -> int:
    """Instructions of one pass over ``count`` articles with ``tree``'s warta under ``python``."""
    paths = [str(tree.resolve()), sysconfig.get_paths()["purelib"]]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths), "PYTHONHASHSEED": str(seed)}
    with tempfile.TemporaryDirectory() as tmp:
        command = ["valgrind", "--tool=callgrind", "--instr-atstart=no",
                   f"--callgrind-out-file={tmp}/callgrind.out",
                   python, str(Path(__file__).resolve()), "--child", "--articles", str(count)]
        done = subprocess.run(command, env=env, capture_output=True, text=True)
    collected = re.search(r"Collected : (\d+)", done.stderr)
    articles = re.search(r"^articles (\d+)$", done.stderr, re.MULTILINE)
    if done.returncode or collected is None or articles is None:
        sys.exit(f"callgrind run of {tree} under {python} failed (exit {done.returncode}):\n"
                 + done.stderr[-2000:])
    if int(articles.group(1)) != count:
        sys.exit(f"only {articles.group(1)} articles of {count} found (../shared/data/news)")
    return int(collected.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", type=Path, help="folder holding the other warta package")
    parser.add_argument("--new", type=Path, default=HERE.parent, help="default: this checkout")
    parser.add_argument("--old-python", default=sys.executable)
    parser.add_argument("--new-python", default=sys.executable)
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.articles)
        return
    if args.old is None:
        parser.error("give --old FOLDER (a folder holding a warta package)")
    for tool in ("valgrind", "callgrind_control"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} not found: install valgrind (apt-get install valgrind)")
    runs = {"old": (args.old, args.old_python), "new": (args.new, args.new_python)}
    counts = {v: [measure(tree, python, args.articles, seed) for seed in args.seeds]
              for v, (tree, python) in runs.items()}
    result: dict[str, object] = {"articles": args.articles, "seeds": args.seeds}
    for v, (tree, python) in runs.items():
        result[v] = {"tree": str(tree), "python": python, "instructions": counts[v],
                     "instructions_per_article": round(sum(counts[v]) / len(args.seeds) / args.articles)}
    ratios = [n / o for o, n in zip(counts["old"], counts["new"], strict=True)]
    result["new_over_old_per_seed"] = [round(r, 4) for r in ratios]
    result["new_over_old"] = round(sum(counts["new"]) / sum(counts["old"]), 4)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
