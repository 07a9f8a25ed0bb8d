"""Chaining repair (``warta.link.story_cuts``, h13s8; not wired into the archive): a linked
group is split where its link graph has a weak cut, the same way whatever the order of the
articles and links. No shared data needed."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from typing import Any

import pytest

from tests.unit.test_stories import A_WORDS, C_WORDS, _crowd, _made_up, grouping
from warta.model import Article
from warta.link import stories as st
from warta.link.story_cuts import CutRule, _adjacency, split_groups, weak_cut
from warta.store import Archive, SQLiteArchive
from warta.store.story_regroup import regroup_all

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


def _two_crowds_and_a_bridge() -> tuple[list[Article], list[Article], Article, list[Article]]:
    """Two crowds of 41 (made-up words, days apart) and one article that writes both: stored
    without the rule they are one story of 83; the rule splits it at the bridge."""
    a_crowd = _crowd("zorvak", A_WORDS, 41, 0)
    c_crowd = _crowd("quimbor", C_WORDS, 41, 60)
    bridge = _made_up("dua", f"{A_WORDS} {C_WORDS}", 10)
    return a_crowd, c_crowd, bridge, [*a_crowd, *c_crowd, bridge]


def three_orders(new_archive: Callable[[], Archive], rule: Any) -> list[tuple[Any, Any]]:
    """(grouping, list_stories()) of the two crowds and the bridge put in 10s: in order without
    ``rule``, in order with it, and bridge first with it; re-ingesting each changes nothing."""
    a_crowd, c_crowd, bridge, everything = _two_crowds_and_a_bridge()
    seen = []
    for order, r in (([*a_crowd, *c_crowd, bridge], None), ([*a_crowd, *c_crowd, bridge], rule),
                     ([bridge, *c_crowd, *a_crowd], rule)):
        with new_archive() as archive:
            archive.story_cut_rule = r
            for i in range(0, len(order), 10):
                archive.put_many(order[i:i + 10])
            seen.append((grouping(archive, everything), archive.list_stories()))
            archive.put_many(everything)  # re-ingesting the same data changes nothing
            assert (grouping(archive, everything), archive.list_stories()) == seen[-1]
    return seen


def test_the_archive_splits_two_crowds_joined_by_a_bridge_alike_in_any_order(
        new_archive: Callable[[], Archive]) -> None:
    # two crowds of 41 identical articles and one article telling both (test_stories.py's
    # case): without the rule one story; with it the crowds apart, in any arrival order
    a_crowd, c_crowd, _, _ = _two_crowds_and_a_bridge()
    seen = three_orders(new_archive, RULE)
    assert seen[0][1][0] == 1
    assert seen[1][1][0] == 2 and seen[1] == seen[2]
    stories = seen[1][0]
    assert len({stories[a.id] for a in a_crowd}) == len({stories[a.id] for a in c_crowd}) == 1
    assert stories[a_crowd[0].id] == st.story_id_for(a_crowd[0].id)
    assert stories[c_crowd[0].id] == st.story_id_for(c_crowd[0].id)
    assert sorted(s.size for s in seen[1][1][1]) == [41, 42]


def _sweep_by_loop(group: list[str], links: dict[tuple[str, str], float], rule: CutRule
                   ) -> tuple[float, list[str]] | None:
    """h13s8's cut, one member at a time over a dense matrix: the reference the array one
    must equal."""
    import numpy as np

    adj = _adjacency(links)
    n = len(group)
    pos = {a: k for k, a in enumerate(group)}
    weights = np.zeros((n, n))
    for a in group:
        for b, score in adj[a].items():
            if b in pos:
                weights[pos[a], pos[b]] = score if rule.weighted else 1.0
    degree = weights.sum(axis=1)
    scale = 1.0 / np.sqrt(degree)
    vector = np.linalg.eigh(np.eye(n) - scale[:, None] * weights * scale[None, :])[1][:, 1]
    vector = vector * scale
    nonzero = vector[np.abs(vector) > 1e-12]
    value = np.round(-vector if nonzero.size and nonzero[0] > 0 else vector, 9)
    order = sorted(range(n), key=lambda k: (value[k], group[k]))
    total, inside, cut, best = float(degree.sum()), 0.0, 0.0, (float("inf"), 0)
    member = np.zeros(n, dtype=bool)
    for taken, k in enumerate(order[:-1], start=1):
        cut += degree[k] - 2.0 * weights[k, member].sum()
        member[k] = True
        inside += degree[k]
        if taken >= rule.min_side and n - taken >= rule.min_side:
            phi = cut / min(inside, total - inside)
            if phi < best[0] - 1e-12:
                best = (phi, taken)
    return None if best[1] == 0 else (best[0], sorted(group[k] for k in order[:best[1]]))


def test_the_array_sweep_finds_the_cut_the_member_by_member_sweep_finds() -> None:
    rng = random.Random(3)
    for trial in range(20):
        # three loose groups, random links inside and a few between: every kind of cut
        ids = [f"x{k:03d}" for k in range(rng.randint(24, 60))]
        links = {}
        for a, b in itertools.combinations(ids, 2):
            same = int(a[1:]) % 3 == int(b[1:]) % 3
            if rng.random() < (0.5 if same else 0.02):
                links[(a, b)] = round(rng.uniform(1.0, 3.0), 3)
        for group in split_groups(ids, links, CutRule(min_size=10**9)):
            rule = CutRule(min_side=rng.choice((2, 4, 8)), weighted=trial % 2 == 0)
            found, expected = weak_cut(group, _adjacency(links), rule), _sweep_by_loop(
                group, links, rule)
            if expected is None:
                assert found is None
            else:
                assert found is not None and found[1] == expected[1]
                assert round(found[0], 9) == round(expected[0], 9)


def _store(archive: Archive, articles: list[Article], rule: CutRule | None) -> None:
    archive.story_cut_rule = rule
    for i in range(0, len(articles), 10):
        archive.put_many(articles[i:i + 10])


def test_regrouping_a_stored_archive_gives_the_stories_ingest_gives(
        new_archive: Callable[[], Archive]) -> None:
    # what a migration switching the repair on would run: an archive stored without the rule
    # (one story of 83), regrouped once, holds the stories (ids, rows) the rule gives when it is on at ingest
    a_crowd, c_crowd, bridge, everything = _two_crowds_and_a_bridge()
    with new_archive() as ingested:
        _store(ingested, everything, RULE)
        expected = (grouping(ingested, everything), ingested.list_stories())
    with new_archive() as stored:
        _store(stored, everything, None)
        assert stored.list_stories()[0] == 1
        with stored.dialect.transaction(stored.conn) as cur:
            changed = regroup_all(cur, stored.dialect, RULE)
            stored._placement.refresh(cur, changed)
        assert changed == {st.story_id_for(a_crowd[0].id), st.story_id_for(c_crowd[0].id)}
        assert (grouping(stored, everything), stored.list_stories()) == expected
        with stored.dialect.transaction(stored.conn) as cur:
            assert regroup_all(cur, stored.dialect, RULE) == set()  # once is enough


def test_removing_the_bridge_and_adding_it_again_gives_the_same_stories(
        new_archive: Callable[[], Archive]) -> None:
    a_crowd, c_crowd, bridge, everything = _two_crowds_and_a_bridge()
    with new_archive() as archive:
        _store(archive, everything, RULE)
        split = (grouping(archive, everything), archive.list_stories())
        assert archive.delete(bridge.id)
        crowds = grouping(archive, [*a_crowd, *c_crowd])
        assert set(crowds.values()) == {st.story_id_for(a_crowd[0].id),
                                        st.story_id_for(c_crowd[0].id)}
        archive.put(bridge)
        assert (grouping(archive, everything), archive.list_stories()) == split


def test_a_flush_reads_only_the_components_that_may_split(
        new_archive: Callable[[], Archive], monkeypatch: pytest.MonkeyPatch) -> None:
    # a component that is one story smaller than min_size is left as it stands; the 83 of
    # the two crowds and the bridge are split once, when the bridge arrives
    import warta.store.story_regroup as sr

    split: list[int] = []
    real = sr._give_stories

    def counted(cur, dialect, component, *rest):  # type: ignore[no-untyped-def]
        split.append(len(component))
        return real(cur, dialect, component, *rest)

    monkeypatch.setattr(sr, "_give_stories", counted)
    a_crowd, c_crowd, bridge, _ = _two_crowds_and_a_bridge()
    with new_archive() as archive:
        _store(archive, [*a_crowd[:39], *c_crowd[:39]], RULE)
        assert split == []
        archive.put_many(a_crowd[39:])  # 41 now: looked at, no cut
        assert split == [41]
        archive.put(bridge)
        assert split == [41, 81]  # the bridge joins them: 41 + 39 + itself
        assert sorted(s.size for s in archive.list_stories()[1]) == [39, 42]


def test_a_big_group_gets_its_cut_from_lanczos_steps_alike_in_any_order(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # above DENSE_MAX the eigenvector comes from Lanczos steps: three loose groups of 100
    # joined by a few links are cut where the exact eigenvector cuts them, whatever the order
    import warta.link.story_cuts as sc

    rng = random.Random(5)
    ids = [f"x{k:03d}" for k in range(300)]
    links = {(a, b): round(rng.uniform(1.0, 3.0), 3) for a, b in itertools.combinations(ids, 2)
             if rng.random() < (0.1 if int(a[1:]) % 3 == int(b[1:]) % 3 else 0.002)}
    rule = CutRule(min_size=40, min_side=12, max_conductance=0.05)
    thirds = [[x for x in ids if int(x[1:]) % 3 == r] for r in range(3)]
    assert len(ids) > sc.DENSE_MAX
    lanczos = weak_cut(ids, _adjacency(links), rule)
    assert split_groups(ids, links, rule) == thirds
    reordered = dict(sorted(links.items(), key=lambda kv: kv[0][::-1]))
    assert split_groups(ids[::-1], reordered, rule) == thirds
    monkeypatch.setattr(sc, "DENSE_MAX", 10**6)
    exact = weak_cut(ids, _adjacency(links), rule)
    assert lanczos is not None and exact is not None and lanczos[1] == exact[1]
    assert round(lanczos[0], 9) == round(exact[0], 9)


def test_remembered_cuts_give_the_stories_a_cold_split_gives() -> None:
    # an archive splits a component again at every batch: the parts a new article did not
    # change are looked up, and the result is the one found from scratch
    import warta.link.story_cuts as sc

    links = _two_stories_and_a_bridge() | _clique("d", 6)
    links[("b01", "d02")] = 1.9
    ids = sorted({x for pair in links for x in pair})
    rule = CutRule(min_size=10, min_side=3, max_conductance=0.1)
    sc._MEMO.clear()
    first = split_groups(ids, links, rule)
    remembered = len(sc._MEMO)
    assert remembered > 0 and split_groups(ids, links, rule) == first
    assert len(sc._MEMO) == remembered  # nothing new to find
    grown = links | {("a01", "new"): 2.5, ("a02", "new"): 2.5, ("d01", "new"): 0.5}
    warm = split_groups([*ids, "new"], grown, rule)
    sc._MEMO.clear()
    assert split_groups([*ids, "new"], grown, rule) == warm
    assert warm == [[*(f"a{k:02d}" for k in range(10)), "new"], [f"b{k:02d}" for k in range(8)],
                    [f"d{k:02d}" for k in range(6)]]
