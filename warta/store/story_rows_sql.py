"""A story row's shown fields (label, size, outlets, first/last seen, main entities),
recomputed from its members: written once for both engines, spoken in each backend's
:class:`~warta.store.dialect.Dialect`.

Its own module so that the placement (:mod:`warta.store.story_placement_sql`), which
refreshes the stories a batch touched, and the story hooks and look-ups
(:mod:`warta.store.stories_sql`), which hold a placement, import it without importing
each other.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from typing import Any

from warta.link.stories import StoryFeatures, central_member, stored_vector
from warta.store.dialect import Dialect

__all__ = ["LABEL_POOL", "MAIN_ENTITIES", "main_entities", "refresh"]

MAIN_ENTITIES = 5  # entities named on a story
LABEL_POOL = 100  # members a story's label is chosen among (the earliest ones)
_INF = math.inf


def main_entities(cur: Any, dialect: Dialect, rowids: list[int]) -> list[str]:
    """The entities most of a story's articles mention (ties by name): named by two articles
    at least, unless the story is one article."""
    counts: Counter[str] = Counter()
    for part in dialect.chunks(rowids):
        member, params = dialect.any_of("ae.article_rowid", part)
        for name, n in cur.execute(dialect.sql(
                "SELECT e.name, count(*) FROM article_entities ae JOIN entities e "
                f"ON e.rowid = ae.entity_rowid WHERE {member} GROUP BY e.rowid"), params).fetchall():
            counts[name] += n
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [name for name, n in ranked[:MAIN_ENTITIES] if n >= 2 or len(rowids) == 1]


def refresh(cur: Any, dialect: Dialect, story_ids: set[str]) -> None:
    """Recompute the shown fields of ``story_ids`` from their members: the label (the most
    central title), size, outlets, first/last seen and main entities."""
    for sid in sorted(story_ids):
        rows = cur.execute(dialect.sql(
            "SELECT m.article_rowid, a.id, a.title, a.outlet, a.published, f.days, f.vector "
            "FROM story_members m JOIN articles a ON a.rowid = m.article_rowid "
            "JOIN story_features f ON f.article_rowid = m.article_rowid "
            "WHERE m.story_id = ?"), (sid,)).fetchall()
        if not rows:
            cur.execute(dialect.sql("DELETE FROM stories WHERE story_id = ?"), (sid,))
            continue
        # the label is chosen among the earliest LABEL_POOL members (a function of the
        # member set, so still order-independent): a big story's refresh stays bounded
        pool = sorted(rows, key=lambda r: (_INF if r[5] is None else r[5], r[1]))[:LABEL_POOL]
        feats = [StoryFeatures(aid, stored_vector(vec), days, outlet, title)
                 for _, aid, title, outlet, _, days, vec in pool]
        central = central_member(feats)
        outlets = Counter(r[3] for r in rows if r[3])
        dated = sorted((r[5], r[4]) for r in rows if r[5] is not None)
        entities = main_entities(cur, dialect, [r[0] for r in rows])
        cur.execute(dialect.sql(
            "UPDATE stories SET label = ?, label_id = ?, size = ?, outlets = ?, first_seen = ?, "
            "last_seen = ?, last_days = ?, entities = ? WHERE story_id = ?"),
            (central.title, central.article_id, len(rows),
             json.dumps([o for o, _ in sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0]))],
                        ensure_ascii=False),
             dated[0][1] if dated else None, dated[-1][1] if dated else None,
             dated[-1][0] if dated else None,
             json.dumps(entities, ensure_ascii=False), sid))
