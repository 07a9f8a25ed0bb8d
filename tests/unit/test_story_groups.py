"""Group-level story merging (``warta.link.story_groups``, h16story): two stories merge when
each is big enough, their centroids are close and their time spans meet — the same whatever
the order of the stories and their members. No shared data needed."""

from __future__ import annotations

import itertools
import json
import math
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.unit.test_stories import grouping
from tests.unit.test_story_cuts import _two_crowds_and_a_bridge, three_orders

from warta.link import stories as st
from warta.store import Archive, SQLiteArchive
from warta.store.story_regroup import regroup_all
from warta.link.story_groups import (
    AverageRule,
    MergeRule,
    average_link_groups,
    centroid,
    group_rule,
    merge_groups,
    span_gap,
)

DAY = 18_150.0  # 10 Sep 2019, days since 1970


def _story(prefix: str, n: int, vector: dict[str, float], day: float = DAY
           ) -> list[st.StoryFeatures]:
    # aside features (title, lead, rarity) never enter a centroid: they are there to be left out
    full = {**vector, "^judul": 1.0, "_judul": 1.0, "!orang": 9.0}
    return [st.StoryFeatures(f"{prefix}{k}", full, day + k / 24) for k in range(n)]


def _fixture() -> tuple[dict[str, st.StoryFeatures], list[list[str]]]:
    """Three stories of three: the death (habibie, wafat), the funeral (habibie, makam) —
    centroid cosine 0.48 — and another happening (kpk) sharing nothing; and a pair on the
    death a little apart from the rest."""
    stories = [_story("a", 3, {"habibie": 0.6, "wafat": 0.8}),
               _story("b", 3, {"habibie": 0.8, "makam": 0.6}),
               _story("c", 3, {"kpk": 1.0}),
               _story("d", 2, {"habibie": 0.6, "wafat": 0.8})]
    feats = {f.article_id: f for s in stories for f in s}
    return feats, [[f.article_id for f in s] for s in stories]


def test_centroid_is_the_unit_sum_of_the_cores_cut_to_its_heaviest_keys() -> None:
    feats, groups = _fixture()
    a = centroid((feats[x].vector for x in groups[0]), 40)
    assert {k: round(w, 6) for k, w in a.items()} == {"habibie": 0.6, "wafat": 0.8}
    cut = centroid([{"x": 0.6, "y": 0.8}, {"x": 0.6, "z": 0.7}], 2)
    assert sorted(cut) == ["x", "y"]  # x 1.2, y 0.8; z 0.7 is cut
    assert round(cut["x"], 6) == round(1.2 / math.sqrt(1.2 ** 2 + 0.8 ** 2), 6)


def test_two_close_stories_merge_at_their_centroid_cosine_and_not_above() -> None:
    feats, groups = _fixture()
    merged = merge_groups(groups, feats, MergeRule(0.47, 3, 1.0, 40))
    assert merged == [["a0", "a1", "a2", "b0", "b1", "b2"], ["c0", "c1", "c2"], ["d0", "d1"]]
    assert merge_groups(groups, feats, MergeRule(0.49, 3, 1.0, 40)) == sorted(groups)


def test_a_story_below_the_size_floor_is_left_to_the_pair_model() -> None:
    feats, groups = _fixture()
    # d (two articles, the very words of a) joins a and b once the floor is two
    assert merge_groups(groups, feats, MergeRule(0.47, 2, 1.0, 40)) == [
        ["a0", "a1", "a2", "b0", "b1", "b2", "d0", "d1"], ["c0", "c1", "c2"]]


def test_stories_further_apart_than_the_gap_do_not_merge() -> None:
    feats, groups = _fixture()
    later = {x: st.StoryFeatures(f.article_id, f.vector, f.days + 1.5) if x[0] == "b" else f
             for x, f in feats.items()}
    # a spans DAY .. DAY + 2h, b DAY + 1.5 .. + 2h: 1.5 days minus 2 hours apart
    assert round(span_gap((DAY, DAY + 2 / 24), (DAY + 1.5, DAY + 1.5 + 2 / 24)), 9) == round(
        1.5 - 2 / 24, 9)
    assert merge_groups(groups, later, MergeRule(0.47, 3, 1.0, 40)) == sorted(groups)
    assert merge_groups(groups, later, MergeRule(0.47, 3, 2.0, 40))[0] == [
        "a0", "a1", "a2", "b0", "b1", "b2"]
    assert span_gap(None, None) == 0.0 and span_gap(None, (DAY, DAY)) == math.inf


def test_merges_are_transitive_and_the_same_in_any_order() -> None:
    feats, groups = _fixture()
    bridge = _story("e", 3, {"makam": 0.6, "kpk": 0.8})  # close to b (0.36) and c (0.8)
    feats |= {f.article_id: f for f in bridge}
    groups = [*groups, [f.article_id for f in bridge]]
    rule = MergeRule(0.35, 3, 1.0, 40)
    expected = [["a0", "a1", "a2", "b0", "b1", "b2", "c0", "c1", "c2", "e0", "e1", "e2"],
                ["d0", "d1"]]
    assert merge_groups(groups, feats, rule) == expected
    rng = random.Random(16)
    for _ in range(20):
        shuffled = [rng.sample(g, len(g)) for g in rng.sample(groups, len(groups))]
        assert merge_groups(shuffled, feats, rule) == expected


def test_without_a_rule_the_groups_are_only_put_in_order() -> None:
    feats, groups = _fixture()
    assert merge_groups([g[::-1] for g in groups[::-1]], feats, None) == sorted(groups)


def test_the_shipped_rule_is_off_and_a_rule_file_is_read_exactly(tmp_path: Path) -> None:
    assert group_rule() is None
    path = tmp_path / "rule.json"
    path.write_text(json.dumps({"merge": {"min_cosine": 0.7, "min_size": 5,
                                          "max_gap_days": 1, "centroid_terms": 30}}))
    assert group_rule(str(path)) == MergeRule(0.7, 5, 1.0, 30, near_pair=False)


def test_with_near_pair_only_stories_a_candidate_pair_joins_are_compared() -> None:
    feats, groups = _fixture()
    rule = MergeRule(0.47, 3, 1.0, 40, near_pair=True)
    assert merge_groups(groups, feats, rule) == sorted(groups)  # no candidate pair given
    # a pair inside one story, or with a story below the floor, does not count
    assert merge_groups(groups, feats, rule, [("a0", "a1"), ("a0", "d1")]) == sorted(groups)
    assert merge_groups(groups, feats, rule, [("b2", "a0")]) == [
        ["a0", "a1", "a2", "b0", "b1", "b2"], ["c0", "c1", "c2"], ["d0", "d1"]]
    # the pair brings two stories to be compared; the centroids still decide
    assert merge_groups(groups, feats, rule, [("c2", "a0")]) == sorted(groups)


# -- average-link re-grouping of big link groups ------------------------------------------


def _clique(prefix: str, n: int, score: float = 3.0) -> dict[tuple[str, str], float]:
    ids = [f"{prefix}{k:02d}" for k in range(n)]
    return {(a, b): score for a, b in itertools.combinations(ids, 2)}


def _chained() -> dict[tuple[str, str], float]:
    """Two dense stories (10 and 8 articles) joined by one bridge link of score 2, and a loose
    tail of two articles hanging off the first by one link of score 3."""
    links = _clique("a", 10) | _clique("b", 8)
    links[("a03", "b05")] = 2.0
    links[("t00", "t01")] = 3.0
    links[("a00", "t00")] = 3.0
    return links


def _ids(links: dict[tuple[str, str], float]) -> list[str]:
    return sorted({x for pair in links for x in pair})


A = [f"a{k:02d}" for k in range(10)]
B = [f"b{k:02d}" for k in range(8)]


def test_two_stories_chained_by_one_link_part_at_their_average_link() -> None:
    links = _chained()
    ids = _ids(links)
    # the tail joins a at 3 / (2 · 10) = 0.15; a and the tail join b at 2 / (12 · 8) ≈ 0.0208
    assert average_link_groups(ids, links, AverageRule(20, 0.02, 2)) == [
        [*A, *B, "t00", "t01"]]
    assert average_link_groups(ids, links, AverageRule(20, 0.021, 2)) == [
        [*A, "t00", "t01"], B]
    # above the tail's 0.15 the tail stands alone, unless it is smaller than min_side
    assert average_link_groups(ids, links, AverageRule(20, 0.2, 2)) == [A, B, ["t00", "t01"]]
    assert average_link_groups(ids, links, AverageRule(20, 0.2, 3)) == [
        [*A, "t00", "t01"], B]


def test_average_link_leaves_small_groups_and_weighs_links_as_the_rule_says() -> None:
    links = _chained()
    ids = _ids(links)
    assert average_link_groups(ids, links, AverageRule(21, 0.021, 2)) == [ids]  # 20 < 21
    assert average_link_groups(ids, links, None) == [ids]
    # unit weights: a and the tail join b at 1 / 96 ≈ 0.0104
    unit = AverageRule(20, 0.01, 2, weighted=False)
    assert average_link_groups(ids, links, unit) == [ids]
    assert average_link_groups(ids, links, AverageRule(20, 0.011, 2, weighted=False)) == [
        [*A, "t00", "t01"], B]


def test_average_link_is_the_same_in_any_order_of_articles_and_links() -> None:
    links = _chained()
    ids = _ids(links)
    rule = AverageRule(20, 0.021, 2)
    expected = average_link_groups(ids, links, rule)
    rng = random.Random(13)
    for _ in range(20):
        items = rng.sample(sorted(links.items()), len(links))
        shuffled = {((b, a) if rng.random() < 0.5 else (a, b)): z for (a, b), z in items}
        assert average_link_groups(rng.sample(ids, len(ids)), shuffled, rule) == expected


def test_parts_about_one_happening_are_joined_back_by_their_centroids() -> None:
    links = _chained()
    ids = _ids(links)
    same = dict.fromkeys(ids, {"habibie": 0.6, "wafat": 0.8})
    other = same | dict.fromkeys(B, {"habibie": 0.8, "makam": 0.6})  # cosine 0.48 with a
    rule = AverageRule(20, 0.021, 2, rejoin_cosine=0.47)
    assert average_link_groups(ids, links, rule, same) == [ids]
    assert average_link_groups(ids, links, rule, other) == [ids]
    assert average_link_groups(ids, links, AverageRule(20, 0.021, 2, rejoin_cosine=0.49),
                               other) == [[*A, "t00", "t01"], B]
    with pytest.raises(ValueError, match="needs the members' vectors"):
        average_link_groups(ids, links, rule)


# -- in the archive (off unless story_cut_rule is set) -------------------------------------
AVERAGE = AverageRule(min_size=40, min_average=0.2, min_side=5)


@pytest.fixture(params=["sqlite", "postgres"])
def new_archive(request: pytest.FixtureRequest) -> Callable[[], Archive]:
    """Empty archives of one backend (PostgreSQL needs WARTA_TEST_PG, as test_stories.py)."""
    if request.param == "sqlite":
        return lambda: SQLiteArchive(":memory:", engine="fts5")
    from tests.conftest import postgres_schema_url
    from warta.store.postgres import PostgresArchive

    return lambda: PostgresArchive(postgres_schema_url())


def test_the_archive_rebuilds_two_crowds_joined_by_a_bridge_alike_in_any_order(
        new_archive: Callable[[], Archive]) -> None:
    # test_story_cuts.py's case: two crowds of 41 and one article telling both are one story of
    # 83 without a rule; the average-link rule parts the crowds (the bridge goes with one),
    # the same in any arrival order and as a whole-archive regroup gives
    a_crowd, c_crowd, _, everything = _two_crowds_and_a_bridge()
    seen = three_orders(new_archive, AVERAGE)
    assert seen[0][1][0] == 1
    assert seen[1][1][0] == 2 and seen[1] == seen[2]
    stories = seen[1][0]
    assert stories[a_crowd[0].id] == st.story_id_for(a_crowd[0].id)
    assert stories[c_crowd[0].id] == st.story_id_for(c_crowd[0].id)
    assert len({stories[a.id] for a in a_crowd}) == len({stories[a.id] for a in c_crowd}) == 1
    assert sorted(s.size for s in seen[1][1][1]) == [41, 42]
    with new_archive() as stored:  # stored without the rule, then regrouped once
        for i in range(0, len(everything), 10):
            stored.put_many(everything[i:i + 10])
        with stored.dialect.transaction(stored.conn) as cur:
            changed = regroup_all(cur, stored.dialect, AVERAGE)
            stored._story_touched().update(changed)
            stored._stories_flush(cur)  # the rule is off: only the rows are refreshed
        assert changed == {st.story_id_for(a_crowd[0].id), st.story_id_for(c_crowd[0].id)}
        assert (grouping(stored, everything), stored.list_stories()) == seen[1]
        with stored.dialect.transaction(stored.conn) as cur:
            assert regroup_all(cur, stored.dialect, AVERAGE) == set()  # once is enough


def test_the_archive_joins_parts_back_by_centroid_as_the_pure_step_does(
        new_archive: Callable[[], Archive]) -> None:
    # the two crowds share nothing but the bridge: their centroids' cosine is low, so a
    # rejoin at 0.5 keeps them apart and one at 0 joins them back into the story of 83
    a_crowd, c_crowd, bridge, everything = _two_crowds_and_a_bridge()
    sizes = []
    for rejoin in (0.5, 0.0):
        with new_archive() as archive:
            archive.story_cut_rule = AverageRule(40, 0.2, 5, rejoin_cosine=rejoin)
            for i in range(0, len(everything), 10):
                archive.put_many(everything[i:i + 10])
            sizes.append(sorted(s.size for s in archive.list_stories()[1]))
    assert sizes == [[41, 42], [83]]


def test_the_shipped_average_setting_is_read_exactly_and_is_off() -> None:
    from warta.link.story_groups import average_rule
    from warta.store.stories_sql import AVERAGE_RULE, StoryWriting

    expected = AverageRule(min_size=40, min_average=0.01, min_side=12, weighted=False,
                           rejoin_cosine=0.55, centroid_terms=40)
    assert average_rule() == (expected, False)
    assert AVERAGE_RULE == expected and StoryWriting.story_cut_rule is None


def test_the_shipped_merge_is_off_and_a_written_one_is_read_exactly(tmp_path: Path) -> None:
    assert group_rule() is None  # shipped "merge": null — held out it was never chosen
    path = tmp_path / "rule.json"
    path.write_text(json.dumps({"merge": {"min_cosine": 0.7, "min_size": 4, "max_gap_days": 0.5,
                                          "centroid_terms": 30, "near_pair": True}}), encoding="utf-8")
    assert group_rule(str(path)) == MergeRule(0.7, 4, 0.5, 30, True)
