"""The leave-one-set-out refit of the story pair model (``evals/eval_stories_refit.py``, h13s6)
groups and scores as ``evals/eval_stories.py`` does: its one-pass threshold sweep gives the
connected groups of :func:`eval_stories.link_grouping` and the B-cubed of
:func:`eval_stories.bcubed` at every threshold. No shared data needed."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from tests.conftest import import_evals


@pytest.fixture(scope="module")
def refit():
    return import_evals("eval_stories", "eval_stories_refit")


def test_the_threshold_sweep_gives_link_grouping_and_bcubed_at_every_threshold(refit) -> None:
    es, rf = refit
    ids = [f"a{k}" for k in range(7)]
    feats = [SimpleNamespace(article_id=i) for i in ids]
    pairs = np.array([(0, 1), (1, 2), (3, 4), (2, 3), (5, 6), (0, 6)])
    scores = np.array([3.0, 2.0, 2.5, 0.5, 1.0, -1.0])
    gold_index = np.array([0, 1, 2, 3, 4, 5])  # a6 is a distractor
    story = ["s1", "s1", "s1", "s2", "s2", "s3"]
    prep = rf.Prepared("t", SimpleNamespace(feats=feats), pairs, np.zeros((6, 8)),
                       np.zeros(6), np.zeros((0, 8)), np.zeros(0), gold_index, story,
                       np.array([True, False, True, True, False, False]))
    thresholds = (-2.0, 0.0, 1.0, 2.0, 2.75)
    swept = rf.sweep(prep, scores, np.ones(6, bool), thresholds)
    truth = {ids[k]: s for k, s in zip(gold_index, story, strict=True)}
    for th in thresholds:
        linked = {(int(a), int(b)): float(s) for (a, b), s in zip(pairs, scores, strict=True)}
        pred = es.link_grouping(feats, linked, th)
        labels, f1 = swept[th]
        groups = [pred[ids[k]] for k in gold_index]
        assert [groups.index(g) for g in groups] == [labels.index(x) for x in labels]
        assert round(f1, 4) == es.bcubed(pred, truth, list(truth))["f1"]
    # the gate: a masked pair is never a link (a0–a1 scores 3 but is left out)
    masked = rf.sweep(prep, scores, np.array([False, True, True, True, True, True]), (2.0,))
    assert masked[2.0][0][0] != masked[2.0][0][1]
    assert round(rf._bcubed(swept[2.75][0], story, prep.cross_mask)[2], 4) == es.bcubed(
        es.link_grouping(feats, dict(zip(map(tuple, pairs.tolist()), scores.tolist(),
                                         strict=True)), 2.75),
        truth, list(truth), ["a0", "a2", "a3"])["f1"]


def test_the_full_text_vector_is_unit_length_and_cut_to_its_heaviest_terms(refit) -> None:
    _, rf = refit
    body = ["banjir", "bandang", "melanda", "kabupaten", "garut", "banjir", "di", "2019"]
    full = rf.full_vector(["banjir", "garut"], body)
    assert "di" not in full and "2019" not in full  # short words and numbers say nothing
    assert sum(w * w for w in full.values()) == pytest.approx(1.0)
    top = rf.full_vector(["banjir", "garut"], body, top=2)
    assert len(top) == 2 and set(top) <= set(full)
    assert sum(w * w for w in top.values()) == pytest.approx(1.0)


def test_the_refit_rows_are_the_pair_features_then_cosine_and_outlet(refit) -> None:
    _, rf = refit
    assert rf.FEATURES[-4:] == ("core_terms", "core_entities", "full_cosine", "same_outlet")
    assert rf.VARIANTS["split"] == ("core_terms", "core_entities", "title_title", "title_lead",
                                    "lead_lead", "shared_entity_rarity", "shared_numbers")
    va = {"banjir": 0.6, "@joko widodo": 0.8, "^banjir": 1.0}
    vb = {"banjir": 0.5, "@joko widodo": 0.4, "^banjir": 1.0}
    fa = SimpleNamespace(vector=va, outlet="kompas.com")
    fb = SimpleNamespace(vector=vb, outlet="kompas.com")
    row = rf._row(fa, fb, {"banjir": 1.0}, {"banjir": 0.6, "garut": 0.8})
    assert row[-4:] == [0.3, 0.32000000000000006, 0.6, 1.0]


def test_a_pair_naming_different_processes_is_never_linkable(refit) -> None:
    _, rf = refit
    x = np.zeros((3, len(rf.FEATURES)))
    x[:, 0] = [0.2, 0.5, 0.5]
    prep = rf.Prepared("t", SimpleNamespace(feats=[]), np.array([(0, 1), (1, 2), (0, 2)]), x,
                       np.zeros(3), np.zeros((0, 8)), np.zeros(0), np.array([0, 1, 2]),
                       ["s1", "s1", "s1"], np.zeros(3, bool),
                       np.array([False, True, False]))
    assert prep.linkable(0.35).tolist() == [False, False, True]
    prep.conflict = None
    assert prep.linkable(0.35).tolist() == [False, True, True]
