"""Ingest CPU per article, two versions of warta side by side in ONE process, batch by batch.

Usage::

    git archive OLD_COMMIT warta | tar -x -C /tmp/old
    .venv/bin/python benchmarks/bench_ingest_ab.py --old /tmp/old/warta [--articles 3000]

The ingest path of :func:`warta.ingest.ingest_outcomes` with ``workers=0`` (parse, the
worker's ``prepare_article`` with enrichment, the writer's ``put_prepared`` in batches of
200), for both versions on the same CLICK-ID records: each version is imported under another
package name (``warta_a`` for ``--old``, ``warta_b`` for this checkout; absolute ``warta``
imports and package-data look-ups rewritten in the copies) and the two alternate every ``--batch`` articles, so both see
the same machine load (CPU time swings with the load on a shared machine). Per version: CPU
milliseconds per article of parsing, preparing and writing, and the start-up each version
pays once per run (its imports and the models the parent loads before forking, measured in
a fresh process each). What a run on 2 workers adds — pickling between processes, ~0.3 ms
per article — is the same for both. Prints JSON, including the articles/s two idle cores
would give from the CPU: ``2 / (ms per article + start-up / articles)``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
_IMPORT = re.compile(r"\b(from|import)\s+warta(?=[\s.])")
_RESOURCE = re.compile(r"""files\((["'])warta(?=[."'])""")  # package data read by name
_START_UP = (
    "import time; t = time.process_time(); import {name}.ingest, {name}.parse, {name}.store; "
    "{name}.ingest._warm_up(True); print(time.process_time() - t)"
)


def _copy(source: Path, name: str, folder: Path) -> None:
    """``source`` (a ``warta`` package folder) as package ``name``, its imports renamed."""
    target = folder / name
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
    for path in target.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        renamed = _IMPORT.sub(lambda m: f"{m.group(1)} {name}", text)
        renamed = _RESOURCE.sub(lambda m: f"files({m.group(1)}{name}", renamed)
        if renamed != text:
            path.write_text(renamed, encoding="utf-8")


def _start_up(name: str, folder: Path) -> float:
    """CPU seconds of a fresh process importing ``name`` and loading its models."""
    env = {**os.environ, "PYTHONPATH": str(folder)}
    out = subprocess.run([sys.executable, "-c", _START_UP.format(name=name)], env=env,
                         check=True, capture_output=True, text=True).stdout
    return float(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", type=Path, required=True, help="the other warta package folder")
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--batch", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _copy(args.old, "warta_a", folder)
        _copy(HERE.parent / "warta", "warta_b", folder)
        start_up = {"old": _start_up("warta_a", folder), "new": _start_up("warta_b", folder)}
        sys.path.insert(0, tmp)
        import importlib

        mods: dict[str, dict[str, ModuleType]] = {
            v: {m: importlib.import_module(f"{name}.{m}") for m in ("ingest", "parse", "store", "config")}
            for v, name in (("old", "warta_a"), ("new", "warta_b"))
        }
        clock = time.process_time
        spent = {v: {"parse": 0.0, "prepare": 0.0, "write": 0.0} for v in mods}
        done = {v: 0 for v in mods}
        archives, streams = {}, {}
        for v, m in mods.items():
            m["ingest"]._warm_up(True)
            archives[v] = m["store"].SQLiteArchive(folder / f"{v}.db")
            source = str(m["config"].shared_path("data", "news", "click-id.jsonl.gz"))
            streams[v] = m["parse"].iter_outcomes([source])
        rounds = 0
        while min(done.values()) < args.articles:
            order = list(mods) if rounds % 2 == 0 else list(reversed(mods))
            for v in order:
                batch = []
                while len(batch) < args.batch and done[v] < args.articles:
                    t0 = clock()
                    outcome = next(streams[v])
                    t1 = clock()
                    spent[v]["parse"] += t1 - t0
                    if outcome.article is None:
                        continue
                    batch.append(mods[v]["ingest"].prepare_article(outcome.article, True))
                    spent[v]["prepare"] += clock() - t1
                    done[v] += 1
                t2 = clock()
                archives[v].put_prepared(batch)
                spent[v]["write"] += clock() - t2
            rounds += 1
        for archive in archives.values():
            archive.close()
    result: dict[str, object] = {"articles": args.articles, "batch": args.batch,
                                 "load_average_1min": round(os.getloadavg()[0], 2)}
    for v in mods:
        per = {k: round(s / done[v] * 1000, 3) for k, s in spent[v].items()}
        total = sum(spent[v].values()) / done[v] * 1000
        with_start = total + start_up[v] / done[v] * 1000
        result[v] = {"cpu_ms_per_article": per, "cpu_ms_per_article_total": round(total, 3),
                     "start_up_cpu_s": round(start_up[v], 3),
                     "articles_per_s_on_2_idle_cores_from_cpu": round(2000 / with_start, 1)}
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
