"""Chaining repair in the archive (default off): after a batch, the link components it touched
are split at weak cuts (:mod:`warta.link.story_cuts`), on both engines.

Off unless an archive's ``story_cut_rule`` is set (an experiment, h13s8: measured leave one set
out on the gold days, not yet bounded in cost — see ``benchmarks/RESULTS-stories.md``). When on,
each flush walks ``story_links`` from the members of the touched stories to their whole
components, and gives every component its stories again: the connected component when it is
smaller than the rule's ``min_size``, else its weak-cut split. The split reads only the
component's links, so the stories stay a function of the article set; ``_join`` (which merges
what an arrival links) and ``_split`` (which re-groups after a removal) are unchanged, the flush
re-splits what they made. Stored archives are not regrouped (that would need a migration).
"""

from __future__ import annotations

import math
from typing import Any

from warta.link.stories import story_id_for
from warta.link.story_cuts import CutRule, split_groups
from warta.store.dialect import Dialect

__all__ = ["regroup"]

_INF = math.inf


def _component(cur: Any, dialect: Dialect, start: list[int]
               ) -> tuple[set[int], dict[tuple[int, int], float]]:
    """The rowids linked to ``start`` (transitively) and the links among them."""
    seen, frontier = set(start), list(start)
    links: dict[tuple[int, int], float] = {}
    while frontier:
        found: list[int] = []
        for part in dialect.chunks(sorted(frontier)):
            member, params = dialect.any_of("a", list(part))
            for a, b, score in cur.execute(dialect.sql(
                    f"SELECT a, b, score FROM story_links WHERE {member}"), params).fetchall():
                links[(min(a, b), max(a, b))] = score
                if b not in seen:
                    seen.add(b)
                    found.append(b)
        frontier = found
    return seen, links


def regroup(cur: Any, dialect: Dialect, touched: set[str], rule: CutRule) -> None:
    """Give the link components of the ``touched`` stories their stories under ``rule``;
    ``touched`` gains the stories made and loses the ones gone."""
    start: list[int] = []
    for part in dialect.chunks(sorted(touched)):
        member, params = dialect.any_of("story_id", list(part))
        start += [r[0] for r in cur.execute(dialect.sql(
            f"SELECT article_rowid FROM story_members WHERE {member}"), params).fetchall()]
    if not start:
        return
    nodes, links = _component(cur, dialect, start)
    info: dict[int, tuple[float, str, str | None]] = {}
    for part in dialect.chunks(sorted(nodes)):
        member, params = dialect.any_of("f.article_rowid", list(part))
        for rowid, days, aid, sid in cur.execute(dialect.sql(
                "SELECT f.article_rowid, f.days, a.id, m.story_id FROM story_features f "
                "JOIN articles a ON a.rowid = f.article_rowid "
                "LEFT JOIN story_members m ON m.article_rowid = f.article_rowid "
                f"WHERE {member}"), params).fetchall():
            info[rowid] = (_INF if days is None else days, aid, sid)
    rowid_of = {aid: r for r, (_, aid, _) in info.items()}
    by_id = {(info[a][1], info[b][1]): z for (a, b), z in links.items()
             if a in info and b in info}
    before: dict[str, set[str]] = {}
    for _, aid, sid in info.values():
        if sid is not None:
            before.setdefault(sid, set()).add(aid)
    new: set[str] = set()
    for group in split_groups(rowid_of, by_id, rule):
        first = min((info[rowid_of[aid]][0], aid) for aid in group)
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
        moved = [rowid_of[aid] for aid in group if info[rowid_of[aid]][2] != sid]
        for part in dialect.chunks(moved):
            member, params = dialect.any_of("article_rowid", list(part))
            cur.execute(dialect.sql(f"UPDATE story_members SET story_id = ? WHERE {member}"),
                        [sid, *params])
    for sid in sorted(set(before) - new):
        cur.execute(dialect.sql("DELETE FROM stories WHERE story_id = ?"), (sid,))
        touched.discard(sid)
