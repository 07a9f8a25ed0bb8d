"""Tokenizer and sentence-splitter speed on CLICK-ID news text, one core, peers side by side.

Usage::

    .venv/bin/python benchmarks/bench_tokenize.py [--docs 5000] [--repeat 5]

Prints one JSON object. Every contender runs over the same texts (the ``content`` field of
``$WARTA_SHARED/data/news/click-id.jsonl.gz``; ``--docs 0`` = all) in the same single-threaded
process (one core); the best of ``--repeat`` runs is kept, and the load average is printed
because other processes on a shared machine slow every contender alike. ``tokens_per_s`` counts each contender's
own tokens; ``chars_per_s`` compares them on equal input. Peers:

* ``str.split`` — whitespace split: the floor of any Python tokenizer (no offsets, no kinds);
* ``re.findall(r"\\w+|[^\\w\\s]")`` — the usual one-line regex tokenizer (no offsets);
* warta ``tokenize`` (offsets, kinds, abbreviations, numbers, URLs), ``split_sentences``
  (tokenize + split) and ``analyze`` (tokenize + the whole search analyser, warm memo;
  counted in input tokens).

The target (issue 3) is tokenize + split ≥ 500,000 tokens/s.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from warta.config import shared_path  # noqa: E402
from warta.lang.normalize import analyze, analyze_tokens  # noqa: E402
from warta.lang.sentences import split_sentences  # noqa: E402
from warta.lang.tokenize import tokenize  # noqa: E402

_SIMPLE = re.compile(r"\w+|[^\w\s]")


def load_texts(limit: int) -> list[str]:
    """``content`` of the CLICK-ID articles (all when ``limit`` is 0)."""
    texts = []
    with gzip.open(shared_path("data", "news", "click-id.jsonl.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            texts.append(json.loads(line)["content"])
            if limit and len(texts) >= limit:
                break
    return texts


def _analysed_tokens(text: str) -> int:
    tokens = tokenize(text)
    analyze_tokens(tokens)
    return len(tokens)


def _sentences_tokens(text: str) -> int:
    return sum(len(s.tokens) for s in split_sentences(text))


CONTENDERS: dict[str, Callable[[str], int]] = {
    "str.split": lambda text: len(text.split()),
    "re.findall(\\w+|[^\\w\\s])": lambda text: len(_SIMPLE.findall(text)),
    "warta.tokenize": lambda text: len(tokenize(text)),
    "warta.tokenize+split_sentences": _sentences_tokens,
    "warta.tokenize+analyze (warm)": _analysed_tokens,
}


def measure(texts: list[str], repeat: int) -> dict[str, tuple[int, float]]:
    """Per contender: (tokens counted, best wall time in seconds) over all texts.

    Contenders take turns within each round, so a burst of load from other processes hits
    them alike instead of ruining one contender's every run.
    """
    best: dict[str, tuple[int, float]] = {}
    for _ in range(repeat):
        for name, fn in CONTENDERS.items():
            started = time.perf_counter()
            count = sum(fn(text) for text in texts)
            seconds = time.perf_counter() - started
            if name not in best or seconds < best[name][1]:
                best[name] = (count, seconds)
    return best


def main() -> None:
    """Run every contender and print the JSON figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=5000, help="articles to use (0 = all)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per contender (best kept)")
    args = parser.parse_args()
    texts = load_texts(args.docs)
    chars = sum(len(t) for t in texts)
    analyze(texts[0])  # load the stemmer dictionary outside the timings
    results = {}
    for name, (tokens, seconds) in measure(texts, args.repeat).items():
        results[name] = {
            "tokens": tokens,
            "seconds": round(seconds, 3),
            "tokens_per_s": round(tokens / seconds),
            "chars_per_s": round(chars / seconds),
        }
    print(json.dumps({
        "corpus": "CLICK-ID content", "documents": len(texts), "chars": chars,
        "repeat": args.repeat, "load_average_1min": round(os.getloadavg()[0], 2),
        "python": platform.python_version(), "cpus_used": 1,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores", "results": results,
        "target_tokenize_split_tokens_per_s": 500_000,
        "target_met": results["warta.tokenize+split_sentences"]["tokens_per_s"] >= 500_000,
    }, ensure_ascii=False))  # fmt: skip


if __name__ == "__main__":
    main()
