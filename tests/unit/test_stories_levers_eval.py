"""The pair-level levers of ``evals/eval_stories_levers.py`` (h14pair): the rarity discount of
shared entities, the shipped option reproducing the shipped scores, and the leave-one-set-out
choice falling back to the shipped option on ties. No shared data needed."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from tests.conftest import import_evals


@pytest.fixture(scope="module")
def evals():
    return import_evals("eval_stories_refit", "eval_stories_levers")


def _prep(rf, vectors, pairs, x):
    feats = [SimpleNamespace(article_id=f"a{k}", vector=v) for k, v in enumerate(vectors)]
    return rf.Prepared("t", SimpleNamespace(feats=feats), np.array(pairs), x,
                       np.zeros(len(pairs)), np.zeros((0, 8)), np.zeros(0),
                       np.arange(len(vectors)), ["s1"] * len(vectors), np.zeros(len(vectors), bool))


def test_a_generic_name_counts_less_in_the_rarity_discount(evals) -> None:
    rf, lv = evals
    generic = {"@komisi pemberantasan korupsi": 0.5, "!komisi pemberantasan korupsi": 2.0}
    rare = {"@saut situmorang": 0.5, "!saut situmorang": 8.0}
    prep = _prep(rf, [{**generic, **rare}, {**generic, **rare}, generic], [(0, 1), (0, 2)],
                 np.zeros((2, len(rf.FEATURES))))
    cols = lv.rarity_columns(prep)
    assert lv.RARITIES == (4.0, 5.0, 6.0, 8.0)
    # both names shared: 0.25·min(1, 2/R) + 0.25·min(1, 8/R); the generic one alone: 0.25·2/R
    assert cols[0].tolist() == [0.375, 0.35, 0.3333333333333333, 0.3125]
    assert cols[1].tolist() == [0.125, 0.1, 0.08333333333333333, 0.0625]


def test_the_shipped_option_scores_as_the_shipped_model_and_wins_ties(evals) -> None:
    rf, lv = evals
    model = lv.st.pair_model()
    x = np.zeros((2, len(rf.FEATURES)))
    x[:, :6] = [[0.5, 0.4, 0.3, 0.2, 1.0, 0.0], [0.4, 0.1, 0.2, 0.3, 0.5, 0.7]]
    x[:, rf.FEATURES.index("core_terms")] = [0.3, 0.4]
    x[:, rf.FEATURES.index("core_entities")] = [0.2, 0.0]
    prep = _prep(rf, [{}, {}, {}], [(0, 1), (1, 2)], x)
    w = np.zeros(len(rf.FEATURES))
    w[:len(model.weights)] = model.weights
    shipped = rf.score(prep, w, model.bias)
    for lever in lv.levers(model):
        assert lever.score(prep, lever.shipped) == pytest.approx(shipped)
    lever = lv.levers(model)[1]  # time_title
    table = {(lever.shipped, 0.35, 1.75): {"a": 0.8, "b": 0.9},
             ((0.0, 0.0), 0.35, 1.75): {"a": 0.9, "b": 0.8},
             ((1.0, 1.0), 0.35, 1.75): {"a": 0.7, "b": 0.7}}
    assert lv.pick(lever, table, ["a", "b"]) == (lever.shipped, 0.35, 1.75)
    assert lv.pick(lever, table, ["a"]) == ((0.0, 0.0), 0.35, 1.75)
