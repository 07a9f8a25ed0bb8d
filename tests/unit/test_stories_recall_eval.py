"""The recall evaluation (``evals/eval_stories_recall.py``, h17story): where a missed pair
stops, the dominant subject an article is about, the orphan / mutual best links and the
order-free grouping. No shared data."""

from __future__ import annotations

import math

import pytest

from tests.conftest import import_evals
from warta.link import stories as st
from warta.model import Article, Entity, Mention

IDF = {"bj": 3.0, "habibie": 8.5, "rusli": 7.5, "jokowi": 2.9}


@pytest.fixture(scope="module")
def recall():
    return import_evals("eval_stories_recall")[0]


def _entity(name: str, label: str, times: int) -> Entity:
    return Entity(name, label, [Mention(name, 0, 0, len(name))] * times)


def _article(title: str, *entities: Entity) -> Article:
    return Article(title=title, paragraphs=["Isi berita."], entities=list(entities))


def test_the_dominant_subject_is_the_most_mentioned_entity_named_in_the_title(recall) -> None:
    a = _article("Jokowi Melayat Habibie di RSPAD", _entity("BJ Habibie", "PER", 3),
                 _entity("Jokowi", "PER", 2))
    # "bj" is too short to tell anything (stories._usable): the name's word is "habibie"
    assert recall.dominant_subject(a, ("PER",), IDF) == recall.Subject(
        "bj habibie", 8.5, frozenset({"habibie"}))
    assert recall.dominant_subject(a, ("ORG",), IDF) is None  # another label
    tie = _article("Jokowi Melayat Habibie", _entity("BJ Habibie", "PER", 2),
                   _entity("Jokowi", "PER", 2))
    assert recall.dominant_subject(tie, None, IDF) is None  # no single dominant entity
    untitled = _article("Duka Negeri", _entity("BJ Habibie", "PER", 3))
    assert recall.dominant_subject(untitled, None, IDF) is None  # not named in the title


def test_two_subjects_are_one_by_key_or_by_a_rare_shared_word(recall) -> None:
    bj = recall.Subject("bj habibie", 8.5, frozenset({"bj", "habibie"}))
    rusli = recall.Subject("rusli habibie", 8.5, frozenset({"rusli", "habibie"}))
    assert recall.same_subject(bj, bj, "key", 8.5, IDF)
    assert not recall.same_subject(bj, bj, "key", 8.6, IDF)
    assert not recall.same_subject(bj, rusli, "key", 6.0, IDF)
    assert recall.same_subject(bj, rusli, "word", 8.5, IDF)
    assert not recall.same_subject(bj, rusli, "word", 8.51, IDF)
    assert not recall.same_subject(bj, None, "word", 0.0, IDF)


PAIRS = {(0, 1): (0.30, 1.0), (0, 2): (0.20, 1.2), (1, 2): (0.40, 0.4), (2, 3): (0.25, 0.9)}


def test_mutual_best_links_need_both_ends_best(recall) -> None:
    # best of 0: 2 (1.2); of 1: 0 (1.0); of 2: 0 (1.2); of 3: 2 (0.9)
    assert recall.best_links(PAIRS, 0.0, 0.0, set(), mutual=True) == {(0, 2)}
    assert recall.best_links(PAIRS, 0.25, 0.0, set(), mutual=True) == {(0, 1), (2, 3)}
    assert recall.best_links(PAIRS, 0.0, 1.1, set(), mutual=True) == {(0, 2)}


def test_orphan_links_join_only_articles_without_a_link(recall) -> None:
    assert recall.best_links(PAIRS, 0.0, 0.0, {0, 1, 2}, mutual=False) == {(2, 3)}
    assert recall.best_links(PAIRS, 0.0, 0.0, {0, 2, 3}, mutual=False) == {(0, 1)}
    assert recall.best_links(PAIRS, 0.0, 0.95, {0, 2}, mutual=False) == {(0, 1)}


def test_a_missed_pair_stops_where_its_core_and_score_say(recall) -> None:
    assert recall.band(None, -math.inf) == "no_candidate"
    assert recall.band(0.149, 5.0) == "core_below_0.15"
    assert recall.band(0.15, 5.0) == "core_0.15_to_gate"
    assert recall.band(st.CANDIDATE_MIN, st.LINK_THRESHOLD - 0.01) == "gate_below_threshold"
    assert recall.band(st.CANDIDATE_MIN, st.LINK_THRESHOLD) == "linked"


def test_groups_are_named_by_their_earliest_member_in_either_order(recall) -> None:
    ids = ["a", "b", "c", "d"]
    keys = [(3.0, "a"), (1.0, "b"), (2.0, "c"), (0.5, "d")]
    links = [(0, 1), (1, 2)]
    assert recall.groups(ids, keys, links) == {"a": "b", "b": "b", "c": "b", "d": "d"}
    assert recall.groups(ids, keys, links, reverse=True) == recall.groups(ids, keys, links)


def test_the_grid_starts_with_plain_then_the_most_conservative_rules(recall) -> None:
    grid = recall.rules()
    assert list(grid)[:3] == ["plain", "orphan core 0.35 score 1.5", "mutual core 0.35 score 1.5"]
    assert grid["subject PER key 6.0 core 0.15 hours 12"] == (
        "subject", ("PER",), "key", 6.0, 0.15, 12)
    assert len(grid) == 1 + 2 * 3 * 5 + 2 * 2 * 4 * 3 * 2
