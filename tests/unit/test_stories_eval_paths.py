"""The story evaluations measure what the archive does (h14same): their in-memory grouping
(:func:`eval_stories.model_scores` over :func:`eval_stories.candidate_pairs`, connected groups
by :func:`eval_stories.link_grouping`, as ``eval_stories_conflict``, ``_cuts``, ``_sets`` and
``_events`` group) gives exactly the stories the archive forms when the same articles are
ingested (:func:`eval_stories.archive_grouping`), including the pairs the pair model's process
rule refuses. Before, the in-memory path scored those pairs and linked them: on the 16 Sep gold
day it held 10 links the archive does not make (B-cubed F1 0.724 against the archive's 0.747).
No shared data needed."""

from __future__ import annotations

import dataclasses
import math
from collections import defaultdict
from collections.abc import Mapping
from datetime import UTC, datetime

import pytest

from tests.conftest import import_evals
from tests.unit.test_stories import BANJIR_1, PASAR_1, load_fixtures
from warta.link import stories as st
from warta.model import Article
from warta.lang.analysis import analyze

RKUHP_1, RKUHP_2, PRISONS = "00000000000000b1", "00000000000000b2", "00000000000000b3"
BODY = ["Rapat paripurna DPR di Senayan, Jakarta, membahas rancangan undang-undang itu "
        "bersama Menteri Hukum dan HAM Yasonna Laoly pada Selasa malam.",
        "Sejumlah fraksi menyampaikan catatan atas pasal-pasal yang dipersoalkan "
        "masyarakat sipil sebelum pengambilan keputusan tingkat II."]


@pytest.fixture(scope="module")
def es():
    return import_evals("eval_stories")[0]


def _bill(i: str, title: str, outlet: str, hour: int) -> Article:
    return Article(id=i, url=f"https://{outlet}/{i}", title=title, paragraphs=BODY,
                   outlet=outlet, published=datetime(2019, 9, 17, hour, tzinfo=UTC))


def fixture() -> list[Article]:
    """The story fixtures, and three tellings of one DPR sitting: two on the criminal-code
    bill (one story) and one on the prisons bill — the same words, another bill."""
    return [*load_fixtures(), _bill(RKUHP_1, "DPR Setujui RKUHP", "satu.id", 10),
            _bill(RKUHP_2, "Paripurna DPR Setujui RKUHP", "dua.id", 11),
            _bill(PRISONS, "DPR Setujui RUU Pemasyarakatan", "tiga.id", 12)]


def stories(grouping: Mapping[str, str]) -> set[frozenset[str]]:
    """A grouping as its stories (member sets), whatever the stories are named."""
    members: dict[str, set[str]] = defaultdict(set)
    for article_id, story in grouping.items():
        members[story].add(article_id)
    return {frozenset(m) for m in members.values()}


def test_the_in_memory_grouping_is_the_archive_grouping(es) -> None:
    archive, stored = es.archive_grouping(fixture())
    feats = [st.features(a, analyze(a.title or ""), analyze(a.text)) for a in stored]
    model = st.pair_model()
    memory = es.link_grouping(feats, es.model_scores(feats, model.weights, model.bias),
                              model.threshold)
    expected = {frozenset({BANJIR_1, "4b645772fe876c80", "6724309a6f60f829"}),
                frozenset({PASAR_1, "316e789b2c1d45f4"}), frozenset({"1147cbf4b88859f6"}),
                frozenset({"05c385562d5ffc52"}), frozenset({"af2a42bcf475e698"}),
                frozenset({RKUHP_1, RKUHP_2}), frozenset({PRISONS})}
    assert stories(archive) == expected
    assert stories(memory) == expected
    assert archive[PRISONS] == st.story_id_for(PRISONS)
    assert archive[RKUHP_2] == st.story_id_for(RKUHP_1)


def test_a_refused_pair_is_no_candidate_unless_the_rule_is_off(es) -> None:
    # the prisons bill shares every body word with the criminal-code bill: without the
    # process rule the pair scores far above the threshold, and the in-memory path linked it
    _, stored = es.archive_grouping(fixture()[-3:])
    feats = [st.features(a, analyze(a.title or ""), analyze(a.text)) for a in stored]
    model = st.pair_model()
    assert model.process_conflict == "kind"
    shipped = {(j, i) for j, i, _, _ in es.candidate_pairs(feats)}
    bare = dataclasses.replace(model, process_conflict=None)
    everything = {(j, i): es.pair_score(x, apart, model.weights, model.bias)
                  for j, i, x, apart in es.candidate_pairs(feats, rule=bare)}
    assert shipped == {(0, 1)}
    assert set(everything) == {(0, 1), (0, 2), (1, 2)}
    assert st.refused(feats[0].vector, feats[2].vector)
    assert not st.refused(feats[0].vector, feats[2].vector, bare)
    assert st.similarity(feats[0], feats[2]) == -math.inf
    # the in-memory score is the archive's, to the digit, where the archive scores at all
    assert everything[(0, 1)] == st.similarity(feats[0], feats[1])
    assert everything[(0, 2)] > model.threshold
