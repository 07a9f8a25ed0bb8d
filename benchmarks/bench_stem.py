"""Stemmer speed and memory, PySastrawi measured beside it on the same CLICK-ID tokens.

Prints one JSON document. Run: ``.venv/bin/python benchmarks/bench_stem.py [--tokens N]``.

Tokens: CLICK-ID title + content, lower-cased, ``[^\\W_]+(?:-[^\\W_]+)*`` (as evals/eval_stem.py),
the first ``--tokens`` of them in file order.

* cold: a fresh :class:`Stemmer` (empty memo) over the tokens — every new word runs the algorithm
  (best of 2 runs).
* warm: a stemmer that has seen the tokens, over them again (memo filled; best of 3): the steady
  state of a news pipeline, where almost every token has been seen before. ``stem_many`` and a
  loop of ``stem()`` calls are both given.
* PySastrawi: its default ``StemmerFactory().create_stemmer()``, which is a ``CachedStemmer``
  (an ArrayCache memo in front of the plain ``Stemmer``, dictionary kept as a list), fed the
  first ``--pys-tokens`` tokens one by one through ``stem()``, as shipped. Its own cache fills
  as it goes, exactly like our cold run; our cold run on that same sample is given beside it.
* memory: tracemalloc of loading the dictionary and building the stemmer, then of the memo
  after the cold run.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import json
import platform
import re
import sys
import time
import tracemalloc

from warta.config import shared_path
from warta.lang.stem import Stemmer, load_dictionary

WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def click_tokens(limit: int) -> list[str]:
    """The first ``limit`` lower-cased word tokens of CLICK-ID."""
    tokens: list[str] = []
    path = shared_path("data", "news", "click-id.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            text = (record.get("title") or "") + "\n" + (record.get("content") or "")
            tokens.extend(WORD.findall(text.lower()))
            if len(tokens) >= limit:
                break
    return tokens[:limit]


def rate(n: int, seconds: float) -> float:
    return round(n / seconds, 1)


def timed(fn, *args):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - start


def best(repeats: int, fn, *args) -> float:  # type: ignore[no-untyped-def]
    """Fastest of ``repeats`` timings (other processes share the 2 cores)."""
    times = []
    for _ in range(repeats):
        gc.collect()
        times.append(timed(fn, *args)[1])
    return min(times)


def bench_mode(mode: str, tokens: list[str]) -> dict[str, float]:
    cold = best(2, lambda ts: Stemmer(mode).stem_many(ts), tokens)
    stemmer = Stemmer(mode)
    stemmer.stem_many(tokens)
    warm = best(3, stemmer.stem_many, tokens)
    warm_calls = best(3, lambda ts: [stemmer.stem(t) for t in ts], tokens)
    return {"cold_tokens_per_s": rate(len(tokens), cold),
            "warm_tokens_per_s": rate(len(tokens), warm),
            "warm_stem_call_tokens_per_s": rate(len(tokens), warm_calls),
            "distinct_words": stemmer.cache_info()["words"]}


def bench_pysastrawi(sample: list[str]) -> dict[str, object]:
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    pys, build = timed(StemmerFactory().create_stemmer)
    _, seconds = timed(lambda ts: [pys.stem(t) for t in ts], sample)
    ours = Stemmer("compat")
    _, ours_cold = timed(lambda ts: [ours.stem(t) for t in ts], sample)
    return {"stemmer": type(pys).__name__ + " (StemmerFactory().create_stemmer(), as shipped)",
            "tokens": len(sample), "distinct_words": len(set(sample)),
            "build_seconds": round(build, 2), "seconds": round(seconds, 1),
            "tokens_per_s": rate(len(sample), seconds),
            "compat_cold_same_sample_tokens_per_s": rate(len(sample), ours_cold)}


def memory(tokens: list[str]) -> dict[str, float]:
    load_dictionary.cache_clear()
    tracemalloc.start()
    stemmer = Stemmer("compat")
    loaded = tracemalloc.get_traced_memory()[0]
    stemmer.stem_many(tokens)
    filled = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return {"loaded_stemmer_mb": round(loaded / 2**20, 1),
            "memo_mb_after_cold_run": round((filled - loaded) / 2**20, 1),
            "memo_words": stemmer.cache_info()["words"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tokens", type=int, default=1_000_000)
    parser.add_argument("--pys-tokens", type=int, default=1000,
                        help="tokens fed to PySastrawi (it runs ~10-100 tokens/s)")
    args = parser.parse_args(argv)
    tokens = click_tokens(args.tokens)
    load_dictionary.cache_clear()
    _, load = timed(Stemmer, "compat")
    report: dict[str, object] = {
        "tokens": len(tokens), "load_seconds": round(load, 3),
        "compat": bench_mode("compat", tokens), "improved": bench_mode("improved", tokens),
    }
    pys = bench_pysastrawi(tokens[: args.pys_tokens])
    report["pysastrawi"] = pys
    compat = report["compat"]
    assert isinstance(compat, dict)
    report["ratio_warm_vs_pysastrawi"] = round(compat["warm_tokens_per_s"] / pys["tokens_per_s"])
    report["ratio_cold_vs_pysastrawi"] = round(compat["cold_tokens_per_s"] / pys["tokens_per_s"])
    # PySastrawi's rate rises as its memo fills; project it to all tokens from its cost per new
    # word (memo hits taken as free), so the ratio is not flattered by the short sample.
    per_new_word = pys["seconds"] / pys["distinct_words"]
    projected = len(tokens) / (compat["distinct_words"] * per_new_word)
    pys["projected_tokens_per_s_on_all_tokens"] = round(projected, 1)
    report["ratio_warm_vs_pysastrawi_projected"] = round(compat["warm_tokens_per_s"] / projected)
    report["memory"] = memory(tokens)
    report["machine"] = {"python": platform.python_version(), "cpu": platform.processor() or
                         platform.machine(), "cores_used": 1}
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
