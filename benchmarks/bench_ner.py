"""Benchmark warta's NER: tagging speed and per-article entity extraction; prints JSON.

Usage: ``.venv/bin/python benchmarks/bench_ner.py [--articles N]``

* ``tagger``: sentences/s of the shipped CRF on the NERGrit + NERP test sentences (pre-
  tokenised; cold = fresh feature cache, warm = second pass), process CPU time, one core.
* ``peer_dictionary_lookup``: the CoNLL dictionary baseline (longest match of entity
  strings seen in NERGrit train) on the same sentences, side by side — the floor any
  tagger's speed and quality should be read against.
* ``articles``: ``extract_entities`` (tokenise + tag + group) per Tribunnews article
  (paragraphs split on blank lines/sentences), median and p95 CPU milliseconds, with words.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from warta.config import shared_path  # noqa: E402
from warta.enrich.entities import extract_entities  # noqa: E402
from warta.enrich.ner import NerTagger, load_tagger, score  # noqa: E402
from warta.enrich.ner_baseline import DictionaryTagger  # noqa: E402
from warta.enrich.ner_train import corpus_split  # noqa: E402


def _rate(n: int, seconds: float) -> int:
    return round(n / seconds) if seconds else 0


def bench_tagger() -> dict:
    """Shipped CRF vs dictionary lookup on the same test sentences."""
    sents = corpus_split("nergrit", "test") + corpus_split("nerp", "test")
    tokens = [t for t, _ in sents]
    tagger = NerTagger(load_tagger().path)
    # process CPU time: one core's worth, whatever else runs on the machine
    t0 = time.process_time()
    pred = tagger.tag_sents(tokens)
    cold = time.process_time() - t0
    t0 = time.process_time()
    tagger.tag_sents(tokens)
    warm = time.process_time() - t0

    dictionary = DictionaryTagger(corpus_split("nergrit", "train"))
    t0 = time.process_time()
    peer = dictionary.tag_sents(tokens)
    peer_s = time.process_time() - t0
    grit = len(corpus_split("nergrit", "test"))
    gold = [t for _, t in sents[:grit]]
    return {
        "sentences": len(tokens),
        "tokens": sum(map(len, tokens)),
        "warta_crf": {"cold_sents_per_s": _rate(len(tokens), cold),
                      "warm_sents_per_s": _rate(len(tokens), warm),
                      "nergrit_test_f1": score(gold, pred[:grit])["f1"]},
        "peer_dictionary_lookup": {"sents_per_s": _rate(len(tokens), peer_s),
                                   "nergrit_test_f1": score(gold, peer[:grit])["f1"]},
    }


def _articles(limit: int) -> list[list[str]]:
    path = shared_path("data", "news", "tribunnews-1523", "bisnis_content.json")
    rows = json.loads(path.read_text(encoding="utf-8"))[:limit]
    out = []
    for row in rows:
        paras = [p.strip() for p in re.split(r"\n+|(?<=[.!?])\s{2,}", row["content"])]
        out.append([p for p in paras if p])
    return out


def bench_articles(limit: int) -> dict:
    """Per-article ``extract_entities`` time."""
    articles = _articles(limit)
    extract_entities(articles[0])  # load the model once, outside the timing
    times, words, entities = [], [], 0
    for paras in articles:
        t0 = time.process_time()
        ents = extract_entities(paras)
        times.append((time.process_time() - t0) * 1000)
        words.append(sum(len(p.split()) for p in paras))
        entities += len(ents)
    per400 = sorted(t / max(w, 1) * 400 for t, w in zip(times, words, strict=True))
    times.sort()
    return {"articles": len(articles), "median_words": statistics.median(words),
            "median_ms": round(statistics.median(times), 2),
            "median_ms_per_400_words": round(statistics.median(per400), 2),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2),
            "entities_per_article": round(entities / len(articles), 1)}


def main() -> None:
    """Run both benchmarks and print JSON."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=300)
    args = ap.parse_args()
    print(json.dumps({"tagger": bench_tagger(), "articles": bench_articles(args.articles)},
                     indent=2))


if __name__ == "__main__":
    main()
