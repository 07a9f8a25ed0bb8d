"""Enrichment cost in CPU instructions (valgrind's callgrind): two versions, no timer noise.

Usage::

    git -C /work/main archive main warta | tar -x -C /tmp/old
    .venv/bin/python benchmarks/callgrind_enrich.py --old /tmp/old [--articles 20]
    # per stage (each stage's inputs made before collection starts):
    .venv/bin/python benchmarks/callgrind_enrich.py --old /tmp/old --seeds 0 --stages entities quotes amounts dates keywords summary
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
# warta.enrich.STAGES, spelt out: the parent process does not import the package it measures
STAGE_NAMES = ("entities", "quotes", "amounts", "dates", "keywords", "summary")


def _stage_runner(stage: str):  # type: ignore[no-untyped-def]
    """``(prepare, run)`` for one stage of ``enrich`` (``all``: the whole ingest path):
    ``prepare(article)`` makes the stage's inputs (tokens, entities, sentences) outside the
    collection, ``run(article, inputs)`` does the stage's own work, as ``pipeline._run`` does."""
    from warta.enrich import pipeline as P
    from warta.lang.tokenize import tokenize

    def prepare(article):  # type: ignore[no-untyped-def]
        paragraphs = list(article.paragraphs)
        tokens = [tokenize(p) for p in paragraphs]
        return (paragraphs, tokens, P._entities(paragraphs, tokens),
                P.document_sentences(paragraphs, tokens))

    def run(article, inputs):  # type: ignore[no-untyped-def]
        paragraphs, tokens, entities, sentences = inputs
        if stage == "entities":  # with the tokenizer, as enrich_timed times it
            return P._entities(paragraphs, [tokenize(p) for p in paragraphs])
        if stage == "quotes":
            return P.extract_quotes(paragraphs, entities)
        if stage == "amounts":
            return P.extract_amounts(paragraphs)
        if stage == "dates":
            return P.extract_dates(paragraphs, article.published)
        if stage == "keywords":  # with the sentence split and term analysis
            found = P.document_sentences(paragraphs, tokens)
            return P.extract_keywords(article, sentences=found, entities=entities)
        if stage == "summary":
            return P.summarize(paragraphs, article.title, sentences=sentences)
        return P.enrich_analysed(article)

    return prepare, run


def _child(count: int, stage: str = "all") -> None:
    """Runs under valgrind: warm up, then collect over one pass of enrichment (or of one
    stage of it, its inputs made beforehand)."""
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
    prepare, run = _stage_runner(stage)
    inputs = [prepare(article) for article in items]
    for article, given in zip(items, inputs, strict=True):
        run(article, given)
    gc.collect()  # a full collection owed by the warm-up is not charged to the pass
    toggle = ["callgrind_control", "-i"]
    subprocess.run([*toggle, "on", str(os.getpid())], check=True, capture_output=True)
    for article, given in zip(items, inputs, strict=True):
        run(article, given)
    subprocess.run([*toggle, "off", str(os.getpid())], check=True, capture_output=True)
    print(f"articles {len(items)}", file=sys.stderr)


def measure(tree: Path, python: str, count: int, seed: int, stage: str = "all") -> int:
    """Instructions of one pass over ``count`` articles with ``tree``'s warta under ``python``
    (of one stage of enrichment, or ``all``)."""
    paths = [str(tree.resolve()), sysconfig.get_paths()["purelib"]]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths), "PYTHONHASHSEED": str(seed)}
    with tempfile.TemporaryDirectory() as tmp:
        command = ["valgrind", "--tool=callgrind", "--instr-atstart=no",
                   f"--callgrind-out-file={tmp}/callgrind.out",
                   python, str(Path(__file__).resolve()), "--child", "--articles", str(count),
                   "--stages", stage]
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
    parser.add_argument("--stages", nargs="+", default=["all"], choices=[*STAGE_NAMES, "all"],
                        help="collect over these stages of enrich one at a time (their inputs "
                             "made outside the collection); default: the whole ingest path")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.articles, args.stages[0])
        return
    if args.old is None:
        parser.error("give --old FOLDER (a folder holding a warta package)")
    for tool in ("valgrind", "callgrind_control"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} not found: install valgrind (apt-get install valgrind)")
    runs = {"old": (args.old, args.old_python), "new": (args.new, args.new_python)}
    result: dict[str, object] = {"articles": args.articles, "seeds": args.seeds}
    per_stage: dict[str, object] = {}
    for stage in args.stages:
        counts = {v: [measure(tree, python, args.articles, seed, stage) for seed in args.seeds]
                  for v, (tree, python) in runs.items()}
        if stage == "all" and len(args.stages) == 1:  # the whole path: the keys as before
            for v, (tree, python) in runs.items():
                result[v] = {"tree": str(tree), "python": python, "instructions": counts[v],
                             "instructions_per_article": round(sum(counts[v]) / len(args.seeds) / args.articles)}
            ratios = [n / o for o, n in zip(counts["old"], counts["new"], strict=True)]
            result["new_over_old_per_seed"] = [round(r, 4) for r in ratios]
            result["new_over_old"] = round(sum(counts["new"]) / sum(counts["old"]), 4)
        else:
            per_stage[stage] = {
                **{f"{v}_per_article": round(sum(counts[v]) / len(args.seeds) / args.articles) for v in runs},
                "new_over_old": round(sum(counts["new"]) / sum(counts["old"]), 4),
            }
    if per_stage:
        result["trees"] = {v: str(tree) for v, (tree, _) in runs.items()}
        result["stages"] = per_stage
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
