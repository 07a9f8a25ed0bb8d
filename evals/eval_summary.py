"""Extractive summaries on IndoSum dev folds, cross-validated: warta's ranker vs LEAD-3 vs a
TF-IDF centroid baseline, ROUGE-1/2/L F1 from one scorer. Prints JSON lines.

Usage::

    .venv/bin/python evals/eval_summary.py [--folds 1,2,3,4,5] [--sentences 3] [--no-sanity]

Protocol (documented choices):

- The shared folder holds IndoSum's five dev folds (CC BY-SA 4.0). For each fold k the ranker
  is trained on the other four and tested on fold k; training articles that also appear in
  fold k (same id or same text — the folds overlap a little) are dropped from training, and
  repeats inside a fold are scored once. The shipped model (all folds) is not used here.
- All systems pick whole IndoSum sentences (its own sentence split, so they choose from the
  same units). LEAD-3: the first three (``--sentences``). TF-IDF centroid: the three
  sentences with the highest cosine to the article's tf·idf centroid, idf from the training
  folds' articles (analysed terms, warta's analyser). warta: :func:`warta.enrich.summary.select`
  with the fold's model, as shipped: best first until the word budget of three sentences
  (``--words``, default ``WORDS_PER_SENTENCE`` × 3). Two controls show what the budget and the
  ranker each bring: ``warta_3`` (the ranker's best three, no budget) and ``lead_budget``
  (the leading sentences under the same budget). ``words`` is each system's average summary
  length (whitespace words), so a gain from a longer summary shows.
- Reference: IndoSum's ``summary`` sentences. Scorer: Google's ``rouge-score`` package
  (``RougeScorer(["rouge1", "rouge2", "rougeL"])``, its default tokenizer: lower case,
  letters and digits; no stemming), F1 averaged over articles, × 100. The same scorer and
  the same tokenisation for every system.
- Sanity off IndoSum: warta's shipped model summarises ``liputan6-kompas-detik-399`` (no
  reference summaries there): average summary length in words and sentences, and its share
  of the article's words (coverage). Keywords (without entities) on the same articles: how
  many, and the share of the title's analysed terms found among them.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rouge_score import rouge_scorer  # noqa: E402  (dev extra)

from warta.config import shared_path  # noqa: E402
from warta.enrich.summary import (  # noqa: E402
    WORDS_PER_SENTENCE,
    SentenceRanker,
    document_sentences,
    lead,
    load_ranker,
    select,
)
from warta.enrich.keywords import keywords  # noqa: E402
from warta.enrich.summary_train import (  # noqa: E402
    FOLDS,
    IndoSumArticle,
    fit_ranker,
    load_folds,
    train_groups,
    train_rows,
    unique,
)
from warta.lang.normalize import analyze, analyze_tokens  # noqa: E402
from warta.model import Article  # noqa: E402

METRICS = ("rouge1", "rouge2", "rougeL")


def _idf(articles: list[IndoSumArticle]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for a in articles:
        terms = set()
        for s in a.sentences():
            terms.update(analyze_tokens(s.tokens))
        df.update(terms)
    n = len(articles)
    return {t: math.log((n + 1) / (d + 1)) + 1.0 for t, d in df.items()}


def centroid_select(article: IndoSumArticle, idf: dict[str, float], n: int, default_idf: float) -> list[int]:
    """TF-IDF centroid baseline: the ``n`` sentences closest to the article's centroid."""
    sentences = article.sentences()
    if len(sentences) <= n:
        return list(range(len(sentences)))
    vectors = []
    centroid: Counter[str] = Counter()
    for s in sentences:
        tf = Counter(analyze_tokens(s.tokens))
        vec = {t: c * idf.get(t, default_idf) for t, c in tf.items()}
        vectors.append(vec)
        for t, v in vec.items():
            centroid[t] += v
    c_norm = math.sqrt(sum(v * v for v in centroid.values())) or 1.0

    def cosine(vec: dict[str, float]) -> float:
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return sum(v * centroid[t] for t, v in vec.items()) / (norm * c_norm) if norm else 0.0

    scores = [cosine(v) for v in vectors]
    best = sorted(range(len(scores)), key=lambda i: (-scores[i], i))[:n]
    return sorted(best)


def _score(scorer: rouge_scorer.RougeScorer, article: IndoSumArticle, chosen: list[int]) -> dict[str, float]:
    flat = [s for p in article.paragraphs for s in p]
    text = " ".join(flat[i] for i in chosen)
    result = scorer.score(" ".join(article.summary), text)
    return {**{m: result[m].fmeasure for m in METRICS}, "words": len(text.split())}


def _mean(rows: list[dict[str, float]]) -> dict[str, float]:
    out = {m: round(100 * statistics.fmean(r[m] for r in rows), 2) for m in METRICS}
    out["words"] = round(statistics.fmean(r["words"] for r in rows), 1)
    return out


SYSTEMS = ("warta", "lead3", "warta_3", "lead_budget", "tfidf_centroid")


def cross_validate(folds_wanted: list[int], n: int, words: int | None = None) -> list[dict]:
    """Per-fold ROUGE of the three systems, plus the mean over the folds."""
    folds = load_folds(FOLDS)
    scorer = rouge_scorer.RougeScorer(list(METRICS))
    results = []
    for k in folds_wanted:
        test = folds[k]
        train = unique((a for j in FOLDS if j != k for a in folds[j]), exclude=test)
        started = time.perf_counter()
        ranker = SentenceRanker(fit_ranker(*train_rows(train), train_groups(train)))
        idf = _idf(train)
        default_idf = math.log(len(train) + 1) + 1.0
        rows: dict[str, list[dict[str, float]]] = {name: [] for name in SYSTEMS}
        for a in test:
            sentences = a.sentences()
            rows["warta"].append(_score(scorer, a, select(sentences, a.title, n, ranker, words)))
            rows["lead3"].append(_score(scorer, a, lead(sentences, n)))
            rows["warta_3"].append(_score(scorer, a, select(sentences, a.title, n, ranker, 0)))
            rows["lead_budget"].append(_score(scorer, a, select(sentences, a.title, n, None, words)))
            rows["tfidf_centroid"].append(_score(scorer, a, centroid_select(a, idf, n, default_idf)))
        fold = {
            "fold": k,
            "train_articles": len(train),
            "test_articles": len(test),
            "seconds": round(time.perf_counter() - started, 1),
            **{name: _mean(r) for name, r in rows.items()},
        }
        fold["warta_minus_lead3_rouge1"] = round(fold["warta"]["rouge1"] - fold["lead3"]["rouge1"], 2)
        fold["warta_minus_lead_budget_rouge1"] = round(fold["warta"]["rouge1"] - fold["lead_budget"]["rouge1"], 2)
        results.append(fold)
        print(json.dumps(fold, ensure_ascii=False), flush=True)
    summary = {"folds": folds_wanted, "sentences": n, "words": words if words is not None else WORDS_PER_SENTENCE * n,
               "scorer": "rouge-score (default tokenizer, no stemmer), F1 x 100"}
    for name in SYSTEMS:
        summary[name] = {m: round(statistics.fmean(f[name][m] for f in results), 2) for m in (*METRICS, "words")}
    summary["warta_minus_lead3_rouge1"] = round(summary["warta"]["rouge1"] - summary["lead3"]["rouge1"], 2)
    summary["warta_minus_lead_budget_rouge1"] = round(summary["warta"]["rouge1"] - summary["lead_budget"]["rouge1"], 2)
    print(json.dumps({"mean": summary}, ensure_ascii=False), flush=True)
    return results


def sanity(n: int) -> dict:
    """The shipped model on liputan6-kompas-detik-399: summary length and coverage."""
    path = shared_path("data", "news", "liputan6-kompas-detik-399", "media_news.csv")
    ranker = load_ranker()
    words, sentence_counts, coverage, first = [], [], [], 0
    title_hits: list[float] = []
    keyword_counts: list[int] = []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        body = next((row[c] for c in row if c and c.lower() in ("content", "body", "text", "isi")), "")
        title = next((row[c] for c in row if c and c.lower() in ("title", "judul")), None)
        paragraphs = [p.strip() for p in body.splitlines() if p.strip()]
        sentences = document_sentences(paragraphs)
        if not sentences:
            continue
        chosen = select(sentences, title, n, ranker)
        w = sum(len(sentences[i].text.split()) for i in chosen)
        total = sum(len(s.text.split()) for s in sentences)
        words.append(w)
        sentence_counts.append(len(chosen))
        coverage.append(w / total if total else 0.0)
        first += 0 in chosen
        article = Article(title=title, paragraphs=paragraphs)
        found = keywords(article, sentences=sentences)
        title_terms = set(analyze(title or ""))
        keyword_terms = {t for k in found for t in analyze(k)}
        if title_terms:
            title_hits.append(len(title_terms & keyword_terms) / len(title_terms))
        keyword_counts.append(len(found))
    return {
        "sanity": "liputan6-kompas-detik-399 (no reference summaries)",
        "articles": len(words),
        "model_loaded": ranker is not None,
        "avg_summary_words": round(statistics.fmean(words), 1),
        "avg_summary_sentences": round(statistics.fmean(sentence_counts), 2),
        "avg_coverage_of_article_words": round(statistics.fmean(coverage), 3),
        "share_with_first_sentence": round(first / len(words), 3),
        "avg_keywords": round(statistics.fmean(keyword_counts), 2),
        # Title words are counted extra when keywords are weighed, so this is a sanity
        # check (do keywords speak of what the headline says?), not an independent score.
        "avg_share_of_title_terms_in_keywords": round(statistics.fmean(title_hits), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", default="1,2,3,4,5", help="comma-separated test folds")
    parser.add_argument("--sentences", type=int, default=3)
    parser.add_argument("--words", type=int, default=None,
                        help="warta's word budget (default WORDS_PER_SENTENCE x sentences; 0: exactly --sentences)")
    parser.add_argument("--no-sanity", action="store_true", help="skip the non-IndoSum check")
    args = parser.parse_args()
    cross_validate([int(k) for k in args.folds.split(",")], args.sentences, args.words)
    if not args.no_sanity:
        print(json.dumps(sanity(args.sentences), ensure_ascii=False))


if __name__ == "__main__":
    main()
