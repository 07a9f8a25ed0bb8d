"""Extractive summaries: exact sentences on an invented article, the shipped model, the LEAD-3
fallback, ``warta enrich`` output, and a quality floor on IndoSum's held-out fold."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import FIXTURES, shared_or_fail
from warta.cli import cli
from warta.enrich import enrich
from warta.enrich.summary import (
    FEATURES,
    WORDS_PER_SENTENCE,
    document_sentences,
    fill_budget,
    lead,
    load_ranker,
    select,
    sentence_features,
    sentence_words,
    summarize,
)
from warta.model import Article

ARTICLE = json.loads((FIXTURES / "enrich" / "jembatan.json").read_text(encoding="utf-8"))
TITLE, PARAGRAPHS = ARTICLE["title"], ARTICLE["paragraphs"]
FIRST = "Pemerintah Kota Sukamaju mulai membangun jembatan gantung sepanjang 120 meter di Desa Cibening, Senin (3/3/2025)."
SECOND = "Jembatan gantung itu menggantikan jembatan kayu yang hanyut diterjang banjir pada Januari lalu."
THIRD = "Sejak itu, warga harus memutar sejauh 15 kilometer untuk mencapai pasar dan sekolah."
MAYOR = (
    "Wali Kota Sukamaju Rina Hartati mengatakan pembangunan jembatan gantung menelan biaya Rp 4,2 miliar "
    "dari anggaran daerah."
)


def test_summary_of_the_fixture_article() -> None:
    # The ranker's best three skip the lead's side remark (THIRD) for the mayor's cost
    # statement; those three hold 45 words, under the budget of 48, so the next best
    # (THIRD, 13 words) joins them.
    assert [sentence_words(s) for s in document_sentences(PARAGRAPHS)][:4] == [15, 13, 13, 17]
    assert summarize(PARAGRAPHS, TITLE) == [FIRST, SECOND, THIRD, MAYOR]
    assert summarize(PARAGRAPHS, TITLE, words=0) == [FIRST, SECOND, MAYOR]
    assert summarize(PARAGRAPHS, TITLE, words=30) == [FIRST, SECOND, MAYOR]
    assert summarize(PARAGRAPHS, TITLE, words=20) == [FIRST, SECOND]
    assert summarize(PARAGRAPHS, TITLE, n=1) == [FIRST]
    assert summarize(PARAGRAPHS, TITLE, n=0) == []


def _invented(lengths: list[int]) -> list:
    """Sentences of the given word counts, one paragraph each (written for this test)."""
    return document_sentences([" ".join(["kata"] * w) + "." for w in lengths])


def test_word_budget_fills_in_rank_order() -> None:
    assert WORDS_PER_SENTENCE == 16
    sentences = _invented([30, 5, 20, 8, 8, 8, 8, 8])
    assert [sentence_words(s) for s in sentences] == [30, 5, 20, 8, 8, 8, 8, 8]
    # 30 + 20 = 50 reach the budget of 48 (3 x 16): two long sentences are enough
    assert fill_budget(sentences, [0, 2, 1, 3], 3) == [0, 2]
    # short ones: taken until the budget is reached, at most 2n - 1 = 5 of them
    assert fill_budget(sentences, [3, 4, 5, 6, 7, 1], 3) == [3, 4, 5, 6, 7]
    assert fill_budget(sentences, [1, 3, 4, 5, 6, 7], 3) == [1, 3, 4, 5, 6]
    # 5 + 8 + 30 = 43 < 48, then 20: the sentence that crosses the budget is kept
    assert fill_budget(sentences, [1, 3, 0, 2, 4], 3) == [0, 1, 2, 3]
    # words=0: exactly n, the old top-n; an explicit budget; n=1 is one sentence
    assert fill_budget(sentences, [1, 3, 0, 2, 4], 3, words=0) == [0, 1, 3]
    assert fill_budget(sentences, [1, 3, 0, 2, 4], 3, words=10) == [1, 3]
    assert fill_budget(sentences, [1, 3, 0], 1) == [1]
    assert fill_budget(sentences, [1, 3, 0], 0) == []


def test_fallback_takes_the_lead_under_the_same_budget() -> None:
    sentences = _invented([30, 5, 20, 8])
    assert select(sentences, None, 3) == [0, 1, 2]
    assert select(_invented([10, 10, 10, 10, 10, 10]), None, 3) == [0, 1, 2, 3, 4]
    assert select(_invented([60, 10, 10, 10]), None, 3) == [0]
    assert select(_invented([60, 10, 10, 10]), None, 3, words=0) == [0, 1, 2]


def test_shipped_model_loads() -> None:
    ranker = load_ranker()
    assert ranker is not None
    assert ranker.spec["features"] == list(FEATURES)
    assert len(ranker.spec["trees"]) == 200
    assert ranker.spec["trained_on"]["licence"] == "CC BY-SA 4.0"
    scores = ranker.scores(sentence_features(document_sentences(PARAGRAPHS), TITLE))
    assert scores.shape == (11,)
    assert int(scores.argmax()) == 0  # the lead sentence is the surest pick


def test_lead3_when_the_model_is_missing(tmp_path: Path) -> None:
    missing = tmp_path / "none.json"
    assert load_ranker(str(missing)) is None
    # 15 + 13 + 13 = 41 words, under the budget of 48: the fourth sentence joins
    assert summarize(PARAGRAPHS, TITLE, model=missing) == [FIRST, SECOND, THIRD, MAYOR]
    assert summarize(PARAGRAPHS, TITLE, model=missing, words=0) == [FIRST, SECOND, THIRD]


def test_lead3_when_the_model_is_for_other_features(tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"kind": "trees", "features": ["pos_0"], "trees": [], "depth": 1, "baseline": 0}))
    assert load_ranker(str(other)) is None
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    assert load_ranker(str(broken)) is None
    assert summarize(PARAGRAPHS, TITLE, model=broken, words=0) == [FIRST, SECOND, THIRD]


def test_short_articles_are_their_own_summary() -> None:
    assert summarize(["Satu kalimat saja.", "Dan satu lagi."], "Judul") == ["Satu kalimat saja.", "Dan satu lagi."]
    assert summarize([], "Judul") == []
    sentences = document_sentences(["A satu. B dua.", "C tiga."])
    assert lead(sentences, 2) == [0, 1]
    assert select(sentences, None, 3, load_ranker()) == [0, 1, 2]


def test_enrich_fills_summary_and_keywords() -> None:
    enriched = enrich(Article(title=TITLE, paragraphs=PARAGRAPHS))
    assert enriched.summary == [FIRST, SECOND, THIRD, MAYOR]
    assert enriched.keywords == [
        "Desa Cibening", "Rina Hartati", "Kota Sukamaju", "jembatan gantung", "Pemkot", "sungai", "pembangunan", "warga",
    ]
    again = Article.from_json(enriched.to_json())
    assert (again.summary, again.keywords) == (enriched.summary, enriched.keywords)


def test_enrich_command_prints_summary(tmp_path: Path) -> None:
    page = tmp_path / "jembatan.txt"
    page.write_text(TITLE + "\n\n" + "\n\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["enrich", str(page), "--failures", str(tmp_path / "f.jsonl")])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["summary"] == [FIRST, SECOND, THIRD, MAYOR]
    assert record["keywords"][:4] == ["Desa Cibening", "Rina Hartati", "Kota Sukamaju", "jembatan gantung"]


def test_train_group_lists_summary_and_keywords() -> None:
    result = CliRunner().invoke(cli, ["train", "--help"])
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.output.split("Commands:")[1].strip().splitlines()] == [
        "keywords", "ner", "summary",
    ]


@pytest.mark.shared
def test_quality_floor_on_held_out_indosum_fold() -> None:
    """The shipped ranker never saw fold 1; on it, ROUGE-1 must beat LEAD-3 by 3 points, the
    issue's bar (measured +5.63 with the word budget, +3.63 for the best three:
    evals/eval_summary.py, benchmarks/RESULTS-summary.md)."""
    shared_or_fail("data", "news", "indosum", "dev.01.jsonl.gz")
    from rouge_score import rouge_scorer  # dev extra: the scorer evals/eval_summary.py uses

    from warta.enrich.summary_train import HELD_OUT_FOLD, load_folds

    scorer = rouge_scorer.RougeScorer(["rouge1"])
    ranker = load_ranker()
    ours, lead3 = [], []
    for article in load_folds([HELD_OUT_FOLD])[HELD_OUT_FOLD]:
        sentences = article.sentences()
        flat = [s for p in article.paragraphs for s in p]
        reference = " ".join(article.summary)
        for chosen, out in ((select(sentences, article.title, 3, ranker), ours), (lead(sentences, 3), lead3)):
            out.append(scorer.score(reference, " ".join(flat[i] for i in chosen))["rouge1"].fmeasure)
    ours_mean, lead_mean = 100 * statistics.fmean(ours), 100 * statistics.fmean(lead3)
    assert round(lead_mean, 2) == 66.18
    assert round(ours_mean, 2) == 71.81
    assert ours_mean >= lead_mean + 3.0, (ours_mean, lead_mean)


def test_leaf_masks_reach_the_leaves_the_walk_reaches() -> None:
    """The bitmask scorer (QuickScorer) finds, for every tree and row, the leaf the
    level-by-level walk finds: rows on thresholds, NaN and zeros included."""
    import numpy as np

    ranker = load_ranker()
    assert ranker is not None and ranker._masks is not None
    rng = np.random.default_rng(7)
    thresholds = ranker.threshold[ranker.feature > 0]
    for n in (1, 3, 40):
        for k in range(40):
            rows = rng.random((n, len(FEATURES))) * 10.0 ** rng.integers(-1, 3)
            for _ in range(6):  # values exactly on a threshold: the tie goes left
                rows[:, rng.integers(0, len(FEATURES))] = rng.choice(thresholds, size=n)
            if k % 5 == 0:
                rows[0, rng.integers(0, len(FEATURES))] = np.nan
            assert (ranker.leaves(rows) == ranker._walk(rows)).all()


def test_leaf_masks_on_a_small_tree() -> None:
    """One tree, x0 <= 1 → (x1 <= 5 → leaf 3, else leaf 4), else leaf 2: the leftmost leaf
    no failed test rules out."""
    import numpy as np

    from warta.enrich.summary import SentenceRanker

    tree = {"feature": [0, 1, -1, -1, -1], "threshold": [1.0, 5.0, 0, 0, 0],
            "left": [1, 3, -1, -1, -1], "right": [2, 4, -1, -1, -1],
            "value": [0.0, 0.0, -1.0, 0.5, 2.0]}
    spec = {"kind": "trees", "features": list(FEATURES), "trees": [tree], "depth": 2,
            "baseline": 0.25}
    ranker = SentenceRanker(spec)
    rows = np.zeros((4, len(FEATURES)))
    rows[:, 0] = [1.0, 0.0, 2.0, np.nan]
    rows[:, 1] = [5.0, 6.0, 0.0, 0.0]
    assert ranker.leaves(rows).tolist() == [[3, 4, 2, 2]]
    assert ranker.scores(rows).tolist() == [0.75, 2.25, -0.75, -0.75]
