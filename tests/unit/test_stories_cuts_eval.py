"""The chaining-repair evaluation's protocols (``evals/eval_stories_cuts.py``, h14cut): leave
one set out by summed F1, and the same choice made only among the rules never worse than
``plain`` on the other sets; the summary counts held-out wins and losses. No shared data."""

from __future__ import annotations

import pytest

from tests.conftest import import_evals

# three sets; "bold" gains most in sum but loses on c, "safe" gains less and loses nowhere
RUNS = {
    "plain": {"a": {"f1": 0.80}, "b": {"f1": 0.70}, "c": {"f1": 0.90}},
    "bold": {"a": {"f1": 0.90}, "b": {"f1": 0.85}, "c": {"f1": 0.85}},
    "safe": {"a": {"f1": 0.84}, "b": {"f1": 0.74}, "c": {"f1": 0.9005}},
}
ORDER = ["plain", "bold", "safe"]


@pytest.fixture(scope="module")
def cuts():
    return import_evals("eval_stories_cuts")[0]


def test_the_never_worse_choice_leaves_out_a_rule_that_loses_on_another_set(cuts) -> None:
    ev = import_evals("eval_stories_events")[0]
    assert ev._choose(RUNS, ORDER, ["a", "c"]) == "bold"  # 1.75 against safe's 1.7405
    assert cuts.choose_never_worse(RUNS, ORDER, ["a", "c"]) == "safe"
    assert cuts.choose_never_worse(RUNS, ORDER, ["a", "b"]) == "bold"  # c not among them
    worse = {**RUNS, "safe": {**RUNS["safe"], "c": {"f1": 0.898}}}
    assert cuts.choose_never_worse(worse, ORDER, ["a", "c"]) == "plain"


def test_the_summary_counts_held_out_wins_and_losses_beyond_a_thousandth(cuts) -> None:
    folds = {name: {"before": RUNS["plain"][name], "after": RUNS[rule][name]}
             for name, rule in (("a", "bold"), ("b", "safe"), ("c", "safe"))}
    assert cuts._summary(folds) == {"wins": 2, "losses": 0, "mean_before": 0.8,
                                    "mean_after": 0.8468}
    folds["c"]["after"] = RUNS["bold"]["c"]
    assert cuts._summary(folds) == {"wins": 2, "losses": 1, "mean_before": 0.8,
                                    "mean_after": 0.83}
