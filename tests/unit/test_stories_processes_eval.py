"""The process evidence evaluation (``evals/eval_stories_processes.py``, h13s7) scores pairs
as its docstring says: same process → bonus (below the shipped gate down to the join floor),
different processes → penalty on gated pairs only, nothing else changed. No shared data."""

from __future__ import annotations

import math

import pytest

from tests.conftest import import_evals
from warta.link import processes as pr
from warta.link import stories as st


@pytest.fixture(scope="module")
def ep():
    return import_evals("eval_stories_processes")[0]


def test_settings_move_only_the_pairs_their_evidence_concerns(ep) -> None:
    gate = st.CANDIDATE_MIN
    rows = [(0, 1, 0.2, 1.0),          # same process, below the gate
            (1, 2, gate + 0.1, 1.5),   # different processes of one kind, gated
            (2, 3, gate + 0.1, 2.0),   # no process on one side
            (0, 3, 0.2, 3.0)]          # below the gate, no evidence: never a candidate
    pairs = ep.Pairs(rows)
    procs = [frozenset({"bill:kuhp"}), frozenset({"bill:kuhp"}), frozenset({"bill:kpk"}),
             frozenset()]
    rels = ep.relations(pairs, procs, pr.lexicon())
    assert rels == [(pr.SAME, pr.SAME), (pr.CONFLICT, pr.CONFLICT), (pr.NONE, pr.NONE),
                    (pr.NONE, pr.NONE)]
    assert ep.scored(pairs, rels, ep.Setting()) == {(1, 2): 1.5, (2, 3): 2.0}
    assert ep.scored(pairs, rels, ep.Setting(0.15, 1.0)) == {(0, 1): 2.0, (1, 2): 1.5,
                                                             (2, 3): 2.0}
    assert ep.scored(pairs, rels, ep.Setting(None, 0.0, "kind", math.inf)) == {
        (1, 2): -math.inf, (2, 3): 2.0}
    assert ep.Setting(0.25, 1.0, "kind", 2.0).name == (
        "join floor 0.25 bonus 1.0 + conflict kind penalty 2.0")
    assert len(ep.grid()) == 70 and ep.grid()[0].name == "plain"
