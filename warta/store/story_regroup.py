"""Chaining repair in the archive (off unless an archive's ``story_cut_rule`` is set): after a
batch, the link components it touched are split at weak cuts (:mod:`warta.link.story_cuts`,
a :class:`~warta.link.story_cuts.CutRule`) or rebuilt by average link
(:func:`warta.link.story_groups.average_link_groups`, an
:class:`~warta.link.story_groups.AverageRule`), on both engines.

Each flush walks from the touched stories (those an arrival joined or a removal split) to
their whole link components, story by story — a component is a union of whole stories, so the
walk takes one round per story it reaches, not per article — and gives each component its
stories again: a component that is one story smaller than the rule's ``min_size`` is left as
it is (nothing to read or write); any other is split by :func:`~warta.link.story_cuts.split_groups`
over the article ids, so the stories stay a function of the article set, whatever the arrival
order. ``_join`` (which merges what an arrival links) and ``_split`` (which re-groups after a
removal) are unchanged: the flush re-splits what they made. :func:`regroup_all` does the same
for a whole archive in one pass (what a migration switching the repair on would run: 8.5–10 s
CPU for 220,000 articles, ``benchmarks/bench_stories.py``).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

from warta.link.stories import stored_vector, story_id_for
from warta.link.story_cuts import CutRule, connected_groups, split_groups
from warta.link.story_groups import AverageRule, average_link_groups
from warta.store.dialect import Dialect

__all__ = ["regroup", "regroup_all"]

_INF = math.inf
Links = dict[tuple[int, int], float]
# how a big link component is given its stories: split at weak cuts (warta.link.story_cuts,
# h13s8) or rebuilt by average link (warta.link.story_groups, h16story); both off by default
Rule = CutRule | AverageRule


def _walk(cur: Any, dialect: Dialect, start: set[str]) -> tuple[dict[int, str], Links]:
    """The members (rowid → story) of the stories linked to ``start``, transitively, and the
    links among them (each once, lower rowid first)."""
    stories, frontier = set(start), sorted(start)
    members: dict[int, str] = {}
    links: Links = {}
    while frontier:
        arrived: list[int] = []
        for part in dialect.chunks(frontier):
            member, params = dialect.any_of("story_id", list(part))
            for rowid, sid in cur.execute(dialect.sql(
                    f"SELECT article_rowid, story_id FROM story_members WHERE {member}"),
                    params).fetchall():
                members[rowid] = sid
                arrived.append(rowid)
        outside: set[int] = set()
        for part in dialect.chunks(sorted(arrived)):
            member, params = dialect.any_of("a", list(part))
            for a, b, score in cur.execute(dialect.sql(
                    f"SELECT a, b, score FROM story_links WHERE {member}"), params).fetchall():
                links[(min(a, b), max(a, b))] = score
                if b not in members:
                    outside.add(b)
        found: set[str] = set()
        for part in dialect.chunks(sorted(outside)):
            member, params = dialect.any_of("article_rowid", list(part))
            for (sid,) in cur.execute(dialect.sql(
                    f"SELECT DISTINCT story_id FROM story_members WHERE {member}"),
                    params).fetchall():
                if sid not in stories:
                    stories.add(sid)
                    found.add(sid)
        frontier = sorted(found)
    return members, links


def _settle(cur: Any, dialect: Dialect, members: dict[int, str], links: Links,
            rule: Rule, touched: set[str]) -> None:
    """Give every component of ``members`` (whole stories) its stories under ``rule``;
    ``touched`` gains the stories made or changed and loses the ones gone."""
    adj: dict[int, dict[int, float]] = defaultdict(dict)
    for (a, b), score in links.items():
        if a in members and b in members:
            adj[a][b] = adj[b][a] = score
    for component in connected_groups(members, adj):
        if len(component) < rule.min_size and len({members[r] for r in component}) == 1:
            continue  # one story, too small to split: as it stands
        _give_stories(cur, dialect, component, members, adj, rule, touched)


class _Vectors(Mapping[str, Mapping[str, float]]):
    """The stored vectors of a component's members by article id, read on the first look-up
    (only an average-link rule that rejoins parts of a split component reads them)."""

    def __init__(self, cur: Any, dialect: Dialect, component: list[int]) -> None:
        self._cur, self._dialect, self._component = cur, dialect, component
        self._read: dict[str, Mapping[str, float]] | None = None

    def _all(self) -> dict[str, Mapping[str, float]]:
        if self._read is None:
            self._read = {}
            for part in self._dialect.chunks(self._component):
                member, params = self._dialect.any_of("f.article_rowid", list(part))
                for aid, vector in self._cur.execute(self._dialect.sql(
                        "SELECT a.id, f.vector FROM story_features f JOIN articles a "
                        f"ON a.rowid = f.article_rowid WHERE {member}"), params).fetchall():
                    self._read[aid] = stored_vector(vector)
        return self._read

    def __getitem__(self, key: str) -> Mapping[str, float]:
        return self._all()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


def _give_stories(cur: Any, dialect: Dialect, component: list[int], members: dict[int, str],
                  adj: dict[int, dict[int, float]], rule: Rule, touched: set[str]) -> None:
    """Split one component by article ids and write the stories that changed."""
    info: dict[int, tuple[float, str]] = {}
    for part in dialect.chunks(component):
        member, params = dialect.any_of("f.article_rowid", list(part))
        for rowid, days, aid in cur.execute(dialect.sql(
                "SELECT f.article_rowid, f.days, a.id FROM story_features f "
                f"JOIN articles a ON a.rowid = f.article_rowid WHERE {member}"),
                params).fetchall():
            info[rowid] = (_INF if days is None else days, aid)
    vectors = _Vectors(cur, dialect, component)
    rowid_of = {aid: r for r, (_, aid) in info.items()}
    by_id = {(info[a][1], info[b][1]): z for a in info for b, z in adj[a].items()
             if a < b and b in info}
    before: dict[str, set[str]] = defaultdict(set)
    for rowid in component:
        if rowid in info:
            before[members[rowid]].add(info[rowid][1])
    new: set[str] = set()
    regrouped = (average_link_groups(rowid_of, by_id, rule, vectors)
                 if isinstance(rule, AverageRule) else split_groups(rowid_of, by_id, rule))
    for group in regrouped:
        first = min(info[rowid_of[aid]] for aid in group)
        sid = story_id_for(first[1])
        new.add(sid)
        if before.get(sid) == set(group):
            continue  # the story as it stands (its row is there): nothing to write
        touched.add(sid)
        cur.execute(dialect.sql(
            "INSERT INTO stories(story_id, first_days, first_id, size) VALUES (?, ?, ?, 0) "
            "ON CONFLICT (story_id) DO UPDATE SET first_days = excluded.first_days, "
            "first_id = excluded.first_id"),
            (sid, None if first[0] == _INF else first[0], first[1]))
        moved = [rowid_of[aid] for aid in group if members[rowid_of[aid]] != sid]
        for part in dialect.chunks(moved):
            member, params = dialect.any_of("article_rowid", list(part))
            cur.execute(dialect.sql(f"UPDATE story_members SET story_id = ? WHERE {member}"),
                        [sid, *params])
    for sid in sorted(set(before) - new):
        cur.execute(dialect.sql("DELETE FROM stories WHERE story_id = ?"), (sid,))
        touched.discard(sid)


def regroup(cur: Any, dialect: Dialect, touched: set[str], rule: Rule) -> None:
    """Give the link components of the ``touched`` stories their stories under ``rule``;
    ``touched`` gains the stories made and loses the ones gone."""
    if touched:
        members, links = _walk(cur, dialect, touched)
        _settle(cur, dialect, members, links, rule, touched)


def regroup_all(cur: Any, dialect: Dialect, rule: Rule) -> set[str]:
    """Give every link component of an archive its stories under ``rule`` (one pass, every
    link read once); returns the stories made or changed (to be refreshed)."""
    members = {r: sid for r, sid in cur.execute(
        "SELECT article_rowid, story_id FROM story_members").fetchall()}
    links: Links = {(a, b): z for a, b, z in cur.execute(
        "SELECT a, b, score FROM story_links WHERE a < b").fetchall()}
    touched: set[str] = set()
    _settle(cur, dialect, members, links, rule, touched)
    return touched
