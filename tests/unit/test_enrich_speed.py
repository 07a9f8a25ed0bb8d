"""The fast paths of enrichment give exactly what the plain computations give (issue 11,
speed): CRF state scores of a batch, the batched Viterbi, the tree walk of the summary
ranker, the gazetteer's per-word probes."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from warta.enrich import ner_decode
from warta.enrich.ner import MODEL_PATH, NerTagger
from warta.enrich.ner_decode import SentenceScorer, viterbi
from warta.enrich.ner_features import FeatureExtractor, Gazetteer
from warta.enrich.summary import FEATURES, SentenceRanker, load_ranker

SENTS = [
    ["Menteri", "Luar", "Negeri", "Retno", "Marsudi", "bertemu", "Sekjen", "PBB", "di",
     "New", "York", ",", "Selasa", "."],
    ["Ya", "."],
    ["Kapolda", "Jawa", "Barat", "Irjen", "Rudy", "Sufahriadi", "tiba", "di", "Bandung"],
    ["KPK"],
]


def _plain_scores(scorer: SentenceScorer, tokens: list[str]) -> np.ndarray:
    """crfsuite's state score: the weights of every feature string of every token."""
    rows = scorer.features.sentence(tokens)
    return np.array([scorer.model.vector(feats) for feats in rows])


def test_batch_scores_are_the_crf_sums_and_do_not_depend_on_the_batch() -> None:
    tagger = NerTagger(MODEL_PATH)
    scorer = tagger._scorer
    alone = [scorer.scores(s) for s in SENTS]
    batch = scorer.scores_many(SENTS)
    again = scorer.scores_many(list(reversed(SENTS)))[::-1]  # all words cached now
    for a, b, c, tokens in zip(alone, batch, again, SENTS, strict=True):
        assert a.shape == (len(tokens), len(scorer.model.labels))
        assert np.array_equal(a, b) and np.array_equal(a, c)  # bit for bit
        # the same sums as the feature strings (added in another order: to rounding)
        assert np.allclose(a, _plain_scores(scorer, tokens), rtol=0, atol=1e-9)


def test_empty_sentences_in_a_batch_have_no_rows_and_leave_the_others_alone() -> None:
    scorer = NerTagger(MODEL_PATH)._scorer
    expected = scorer.scores_many(SENTS)
    mixed = scorer.scores_many([[], SENTS[0], [], SENTS[1], []])
    assert [len(m) for m in mixed] == [0, len(SENTS[0]), 0, len(SENTS[1]), 0]
    assert np.array_equal(mixed[1], expected[0]) and np.array_equal(mixed[3], expected[1])
    assert scorer.scores_many([]) == []


def test_scores_survive_the_word_table_reset(monkeypatch: pytest.MonkeyPatch) -> None:
    tagger = NerTagger(MODEL_PATH)
    expected = [tagger._scorer.scores(s) for s in SENTS]
    fresh = NerTagger(MODEL_PATH)
    monkeypatch.setattr(ner_decode, "_CACHE_LIMIT", 8)  # forces a new table mid-batch
    first = fresh._scorer.scores_many(SENTS[:1])
    later = fresh._scorer.scores_many(SENTS)
    assert fresh._scorer._table.size <= 8 + len(set(itertools.chain(*SENTS)))
    assert np.array_equal(first[0], expected[0])
    assert all(np.array_equal(a, b) for a, b in zip(later, expected, strict=True))


def test_word_and_context_are_the_two_feature_lists() -> None:
    features = NerTagger(MODEL_PATH)._scorer.features
    assert features.clusters  # the shipped model reads clusters: both branches below
    words = ["Jakarta", "jakarta", "KPK", "2024", "Covid-19", "É", "Çelik", "日本", "x", "",
             "memang", "Sufahriadi", "ß", "İstanbul"]
    bare = FeatureExtractor(features.gazetteer, features.word_classes)  # no clusters
    for extractor in (features, bare):
        for word in words:
            to_next, to_prev = extractor._context_features(word)
            assert extractor.word_and_context(word) == (
                extractor._word_features(word), to_next, to_prev), word
    own, to_next, to_prev = features.word_and_context("Jakarta")
    assert own[:4] == ["bias", "w=jakarta", "sh=Xxxxxxx", "ss=Xx"]
    assert to_next[:4] == ["-1w=jakarta", "-1ss=Xx", "-1s3=rta", to_next[3]]
    assert to_next[3].startswith("-1k=") and to_prev[0] == "+1w=jakarta"


def test_bigram_pairs_the_model_knows_are_scored() -> None:
    """Pairs are looked up only when both words occur in the model's bigram features: a
    pair it has a feature for still gets its weights (crfsuite's sums)."""
    scorer = NerTagger(MODEL_PATH)._scorer
    firsts, seconds = scorer.model.bigram_words
    known = [name[4:].split("|") for name in scorer.model.rows
             if name.startswith("bg-=") and name.count("|") == 1][:40]
    assert len(known) == 40
    for a, b in known:
        assert a in firsts and b in seconds
        tokens = [a, b, "zzqx"]  # the second pair: no feature, looked up or not
        assert np.allclose(scorer.scores(tokens), _plain_scores(scorer, tokens), rtol=0, atol=1e-9)


def _brute_force(scores: np.ndarray, transitions: np.ndarray) -> list[int]:
    """The best path by enumeration; the first in lexicographic order among equals, which
    is what a Viterbi keeping the first maximum at every step returns."""
    n, labels = scores.shape
    best, best_path = -np.inf, None
    for path in itertools.product(range(labels), repeat=n):
        total = scores[0, path[0]]
        for t in range(1, n):
            total = total + transitions[path[t - 1], path[t]] + scores[t, path[t]]
        if total > best + 1e-12:
            best, best_path = total, list(path)
    return best_path  # type: ignore[return-value]


def test_batched_viterbi_is_the_best_path_of_each_sentence() -> None:
    rng = np.random.default_rng(7)
    transitions = rng.normal(size=(3, 3))
    scores = [rng.normal(size=(n, 3)) for n in (5, 1, 3, 0, 4, 2)]
    expected = [_brute_force(s, transitions) if len(s) else [] for s in scores]
    assert viterbi(scores, transitions) == expected
    assert viterbi(scores[:1], transitions) == expected[:1]
    assert viterbi([], transitions) == []
    assert viterbi([np.zeros((0, 3))], transitions) == [[]]


def _walk_one_tree(spec_tree: dict, row: np.ndarray) -> float:
    node = 0
    while spec_tree["feature"][node] >= 0:
        go_left = row[spec_tree["feature"][node]] <= spec_tree["threshold"][node]
        node = spec_tree["left"][node] if go_left else spec_tree["right"][node]
    return spec_tree["value"][node]


def test_ranker_walk_gives_the_plain_tree_sums_bit_for_bit() -> None:
    ranker = load_ranker()
    assert ranker is not None
    rng = np.random.default_rng(3)
    rows = rng.random((9, len(FEATURES))) * 3
    rows[:, :4] = rows[:, :4] > 1.5  # some boolean columns, as the features have
    expected = []
    for row in rows:
        total = 0.0
        leaves = [_walk_one_tree(t, row) for t in ranker.spec["trees"]]
        for value in leaves:  # numpy sums the trees' leaves in file order
            total += value
        expected.append(ranker.baseline + total)
    assert ranker.scores(rows).tolist() == expected


def test_ranker_keeps_a_shallow_spec_depth() -> None:
    # a stump of depth 1 whose spec says depth 1: one step, its leaves
    spec = {"kind": "trees", "features": list(FEATURES), "depth": 1, "baseline": 0.5,
            "trees": [{"feature": [2, -1, -1], "threshold": [0.5, 0.0, 0.0],
                       "left": [1, -1, -1], "right": [2, -1, -1], "value": [0.0, 1.0, -1.0]}]}
    ranker = SentenceRanker(spec)
    rows = np.zeros((2, len(FEATURES)))
    rows[1, 2] = 1.0
    assert ranker.scores(rows).tolist() == [1.5, -0.5]


def test_gazetteer_probes_follow_added_names() -> None:
    gaz = Gazetteer()
    assert gaz.probe("Sukamaju") == ((), 0, False)
    gaz.add("Kota Sukamaju", "LOC")
    gaz.add("Sukamaju", "LOC")
    gaz.add("NATO", "ORG")
    assert gaz.probe("Sukamaju") == ((), 1, True)
    assert gaz.probe("sukamaju") == ((), 1, False)  # known, but not capitalised
    assert gaz.probe("Kota") == ((), 2, True)
    assert gaz.probes(["NATO", "kota", "x"]) == [(("ORG",), 0, False), ((), 2, False),
                                                 ((), 0, False)]
    assert gaz.match(["Kota", "Sukamaju", "NATO"]) == [
        ["gz:LOC:B"], ["gz:LOC:I", "gz:LOC:B"], ["gz:ORG:B"]]
