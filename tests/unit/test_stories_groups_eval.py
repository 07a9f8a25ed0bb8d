"""The group-level evaluation (``evals/eval_stories_groups.py``, h16story): its grids are
ordered most conservative first (ties go to the earlier rule), and its summary counts held-out
wins and losses overall and cross-outlet. No shared data."""

from __future__ import annotations

import pytest

from tests.conftest import import_evals
from warta.link.story_groups import AverageRule, MergeRule

FOLDS = {
    "a": {"before": {"f1": 0.80, "cross_f1": 0.70}, "after": {"f1": 0.85, "cross_f1": 0.69}},
    "b": {"before": {"f1": 0.70, "cross_f1": 0.60}, "after": {"f1": 0.7005, "cross_f1": 0.65}},
    "c": {"before": {"f1": 0.90, "cross_f1": 0.80}, "after": {"f1": 0.88, "cross_f1": 0.80}},
}


@pytest.fixture(scope="module")
def groups():
    return import_evals("eval_stories_groups")[0]


def test_the_summary_counts_wins_and_losses_overall_and_cross_outlet(groups) -> None:
    assert groups.summary(FOLDS) == {
        "f1_wins": 1, "f1_losses": 1, "f1_worst": -0.02, "f1_mean_before": 0.8,
        "f1_mean_after": 0.8102, "cross_f1_wins": 1, "cross_f1_losses": 1,
        "cross_f1_worst": -0.01, "cross_f1_mean_before": 0.7, "cross_f1_mean_after": 0.7133}


def test_the_grids_start_with_plain_then_the_most_conservative_rule(groups) -> None:
    merge = groups.rules()
    assert list(merge)[:2] == ["plain", "near size 8 cos 0.9 gap 0.5"]
    assert merge["near size 8 cos 0.9 gap 0.5"] == MergeRule(0.9, 8, 0.5, 40, True)
    assert len(merge) == 1 + 2 * 4 * 9 * 3
    average = groups.average_rules()
    first = "avg score size 40 side 12 avg 0.005 rejoin 0.5"
    assert list(average)[:2] == ["plain", first]
    assert average[first] == AverageRule(40, 0.005, 12, True, 0.5, 40)
    assert len(average) == 1 + 2 * 1 * 3 * 3 * 5
