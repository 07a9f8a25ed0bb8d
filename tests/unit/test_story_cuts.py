"""Chaining repair (``warta.link.story_cuts``, h13s8; not wired into the archive): a linked
group is split where its link graph has a weak cut, the same way whatever the order of the
articles and links. No shared data needed."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable

import pytest

from tests.unit.test_stories import A_WORDS, C_WORDS, _crowd, _made_up, grouping
from warta.link import stories as st
from warta.link.story_cuts import CutRule, _adjacency, split_groups, weak_cut
from warta.store import Archive, SQLiteArchive

RULE = CutRule(min_size=40, min_side=12, max_conductance=0.05, weighted=True)  # h13s8's choice


def _clique(prefix: str, n: int, score: float = 3.0) -> dict[tuple[str, str], float]:
    ids = [f"{prefix}{k:02d}" for k in range(n)]
    return {(a, b): score for a, b in itertools.combinations(ids, 2)}


def _two_stories_and_a_bridge() -> dict[tuple[str, str], float]:
    links = _clique("a", 10) | _clique("b", 8)
    links[("a03", "b05")] = 2.0  # one article pair tells both: the chain
    return links


def test_two_dense_groups_joined_by_one_link_are_split_there() -> None:
    links = _two_stories_and_a_bridge()
    ids = sorted({x for pair in links for x in pair})
    groups = split_groups(ids, links, CutRule(min_size=12, min_side=4, max_conductance=0.05))
    assert groups == [[f"a{k:02d}" for k in range(10)], [f"b{k:02d}" for k in range(8)]]


def test_the_cut_found_is_the_bridge_and_its_conductance_exact() -> None:
    links = _two_stories_and_a_bridge()
    ids = sorted({x for pair in links for x in pair})
    phi, side = weak_cut(ids, _adjacency(links), CutRule(min_side=4, weighted=True))
    # the smaller side's link weight: 8·7·3 (both ends of each link) + 2 for the bridge
    assert round(phi, 6) == round(2.0 / (8 * 7 * 3.0 + 2.0), 6)
    assert side == [f"a{k:02d}" for k in range(10)] or side == [f"b{k:02d}" for k in range(8)]


def test_a_dense_group_a_small_group_or_a_strong_cut_is_not_split() -> None:
    links = _two_stories_and_a_bridge()
    ids = sorted({x for pair in links for x in pair})
    whole = [ids]
    assert split_groups(ids, links, CutRule(min_size=19, min_side=4)) == whole  # too small
    assert split_groups(ids, links, CutRule(min_size=12, min_side=9)) == whole  # side too small
    assert split_groups(ids, links, CutRule(min_size=12, min_side=4,
                                            max_conductance=0.001)) == whole
    one = _clique("c", 20)
    assert split_groups(sorted({x for p in one for x in p}), one,
                        CutRule(min_size=12, min_side=4, max_conductance=0.5)) == [
        [f"c{k:02d}" for k in range(20)]]


def test_the_stories_do_not_depend_on_the_order_of_articles_or_links() -> None:
    links = _two_stories_and_a_bridge() | _clique("d", 6)
    links[("b01", "d02")] = 1.9  # a second chain, into a smaller third group
    links[("a07", "b02")] = 1.8
    ids = sorted({x for pair in links for x in pair}) + ["lone"]
    rule = CutRule(min_size=10, min_side=3, max_conductance=0.1)
    expected = split_groups(ids, links, rule)
    assert expected == [[f"a{k:02d}" for k in range(10)], [f"b{k:02d}" for k in range(8)],
                        [f"d{k:02d}" for k in range(6)], ["lone"]]
    rng = random.Random(7)
    for _ in range(5):
        items = list(links.items())
        rng.shuffle(items)
        shuffled = {((b, a) if rng.random() < 0.5 else (a, b)): z for (a, b), z in items}
        order = ids[:]
        rng.shuffle(order)
        assert split_groups(order, shuffled, rule) == expected


# -- in the archive (off unless story_cut_rule is set) ---------------------------------------
@pytest.fixture(params=["sqlite", "postgres"])
def new_archive(request: pytest.FixtureRequest) -> Callable[[], Archive]:
    """Empty archives of one backend (PostgreSQL needs WARTA_TEST_PG, as test_stories.py)."""
    if request.param == "sqlite":
        return lambda: SQLiteArchive(":memory:", engine="fts5")
    from tests.conftest import postgres_schema_url
    from warta.store.postgres import PostgresArchive

    return lambda: PostgresArchive(postgres_schema_url())


def test_the_archive_splits_two_crowds_joined_by_a_bridge_alike_in_any_order(
        new_archive: Callable[[], Archive]) -> None:
    # two crowds of 41 identical articles and one article telling both (test_stories.py's
    # case): without the rule one story; with it the crowds apart, in any arrival order
    a_crowd = _crowd("zorvak", A_WORDS, 41, 0)
    c_crowd = _crowd("quimbor", C_WORDS, 41, 60)
    bridge = _made_up("dua", f"{A_WORDS} {C_WORDS}", 10)
    everything = [*a_crowd, *c_crowd, bridge]
    seen = []
    for order, rule in (([*a_crowd, *c_crowd, bridge], None),
                        ([*a_crowd, *c_crowd, bridge], RULE),
                        ([bridge, *c_crowd, *a_crowd], RULE)):
        with new_archive() as archive:
            archive.story_cut_rule = rule
            for i in range(0, len(order), 10):
                archive.put_many(order[i:i + 10])
            seen.append((grouping(archive, everything), archive.list_stories()))
            archive.put_many(everything)  # re-ingesting the same data changes nothing
            assert (grouping(archive, everything), archive.list_stories()) == seen[-1]
    assert seen[0][1][0] == 1
    assert seen[1][1][0] == 2 and seen[1] == seen[2]
    stories = seen[1][0]
    assert len({stories[a.id] for a in a_crowd}) == len({stories[a.id] for a in c_crowd}) == 1
    assert stories[a_crowd[0].id] == st.story_id_for(a_crowd[0].id)
    assert stories[c_crowd[0].id] == st.story_id_for(c_crowd[0].id)
    assert sorted(s.size for s in seen[1][1][1]) == [41, 42]
