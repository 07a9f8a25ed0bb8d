"""Stories in the PostgreSQL archive: the same incremental grouping as SQLite's
(:mod:`warta.store.sqlite_stories`, whose docstring tells how it works) over the same tables
(``pg_migrations/011_stories.sql``), inside the batch's transaction. The grouping itself
(features, similarity, story ids, the label) is :mod:`warta.link.stories`, shared."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import TYPE_CHECKING

from warta.link.stories import (
    CANDIDATE_MIN,
    LINK_THRESHOLD,
    WINDOW_DAYS,
    StoryFeatures,
    core,
    similarity_of,
    stored_vector,
    story_id_for,
)
from warta.store.sqlite_stories import (
    _INF,
    MAX_CANDIDATES,
    _day,
    _key,
)
from warta.store.dialect import POSTGRES
from warta.store.stories_sql import StoryReading, StoryWriting, backfill, refresh

if TYPE_CHECKING:
    import psycopg
    from psycopg import Cursor

__all__ = ["StoriesMixin", "backfill_stories", "story_add", "story_drop", "story_refresh"]


def story_add(cur: Cursor, rowid: int, f: StoryFeatures, touched: set[str]) -> None:
    """Store an article's features, link it to its similar neighbours and put it in the
    story they share (merging theirs when it links several)."""
    day = _day(f.days)
    cur.execute("INSERT INTO story_features(article_rowid, days, vector) VALUES (%s, %s, %s) "
                "ON CONFLICT (article_rowid) DO UPDATE SET days = excluded.days, "
                "vector = excluded.vector",
                (rowid, f.days, json.dumps(f.vector, sort_keys=True)))
    lo, hi = (day, day) if f.days is None else (day - WINDOW_DAYS, day + WINDOW_DAYS)
    links: list[tuple[int, float]] = []
    for other, vector, other_days in _candidates(cur, core(f.vector), lo, hi):
        if other == rowid:
            continue
        score = similarity_of(f.vector, f.days, stored_vector(vector), other_days)
        if score >= LINK_THRESHOLD:
            links.append((other, score))
    if f.vector:
        cur.executemany(
            "INSERT INTO story_postings(feature, day, article_rowid, weight) "
            "VALUES (%s, %s, %s, %s) ON CONFLICT (feature, day, article_rowid) "
            "DO UPDATE SET weight = excluded.weight",
            [(t, day, rowid, w) for t, w in core(f.vector).items()])
    if links:
        cur.executemany(
            "INSERT INTO story_links(a, b, score) VALUES (%s, %s, %s) "
            "ON CONFLICT (a, b) DO UPDATE SET score = excluded.score",
            [(rowid, o, s) for o, s in links] + [(o, rowid, s) for o, s in links])
    _join(cur, rowid, f, [o for o, _ in links], touched)


def _join(cur: Cursor, rowid: int, f: StoryFeatures, linked: list[int],
          touched: set[str]) -> None:
    """Put ``rowid`` in one story with the stories of ``linked``, named after the earliest
    member of them all."""
    stories: dict[str, tuple[float, str]] = {}
    if linked:
        for sid, first_days, first_id in cur.execute(
            "SELECT DISTINCT s.story_id, s.first_days, s.first_id FROM story_members m "
            "JOIN stories s ON s.story_id = m.story_id WHERE m.article_rowid = ANY(%s)",
            (linked,)).fetchall():
            stories[sid] = _key(first_days, first_id)
    first = min([_key(f.days, f.article_id), *stories.values()])
    new_id = story_id_for(first[1])
    for sid in sorted(stories):
        if sid != new_id:
            cur.execute("UPDATE story_members SET story_id = %s WHERE story_id = %s",
                        (new_id, sid))
            cur.execute("DELETE FROM stories WHERE story_id = %s", (sid,))
            touched.discard(sid)
    cur.execute("INSERT INTO story_members(article_rowid, story_id) VALUES (%s, %s) "
                "ON CONFLICT (article_rowid) DO UPDATE SET story_id = excluded.story_id",
                (rowid, new_id))
    _put_story_row(cur, new_id, first)
    touched.add(new_id)


def _put_story_row(cur: Cursor, sid: str, first: tuple[float, str]) -> None:
    """Create or re-key a story row (the rest is filled by :func:`story_refresh`)."""
    first_days = None if first[0] == _INF else first[0]
    cur.execute(
        "INSERT INTO stories(story_id, first_days, first_id, size) VALUES (%s, %s, %s, 0) "
        "ON CONFLICT (story_id) DO UPDATE SET first_days = excluded.first_days, "
        "first_id = excluded.first_id", (sid, first_days, first[1]))


def _candidates(cur: Cursor, vector: dict[str, float], lo: int, hi: int
                ) -> list[tuple[int, str, float | None]]:
    """(rowid, vector JSON, days) of the articles within days ``lo..hi`` whose undecayed
    dot product with ``vector`` may reach the threshold (the sum is only a filter, with a
    margin for rounding; the exact score is computed from the vectors)."""
    if not vector:
        return []
    pairs = sorted(vector.items())
    return cur.execute(
        "WITH q(feature, weight) AS (SELECT * FROM unnest(%s::text[], %s::float8[])) "
        "SELECT f.article_rowid, f.vector, f.days FROM ("
        # LATERAL ... OFFSET 0 (not flattened into a join): one index range read per feature,
        # whatever the planner thinks of the table's size (a backfill fills it inside one
        # transaction, before any ANALYZE: a hash join over all postings took 50-80 ms each)
        "SELECT p.article_rowid AS rowid FROM q CROSS JOIN LATERAL (SELECT s.article_rowid, "
        "s.weight FROM story_postings s WHERE s.feature = q.feature "
        "AND s.day BETWEEN %s AND %s OFFSET 0) p "
        "GROUP BY p.article_rowid HAVING sum(p.weight * q.weight) >= %s "
        "ORDER BY sum(p.weight * q.weight) DESC, p.article_rowid LIMIT %s) c "
        "JOIN story_features f ON f.article_rowid = c.rowid ORDER BY c.rowid",
        ([t for t, _ in pairs], [w for _, w in pairs], lo, hi, CANDIDATE_MIN - 1e-6,
         MAX_CANDIDATES)).fetchall()


def story_drop(cur: Cursor, rowid: int, touched: set[str]) -> None:
    """Take an article out of the stories: its postings, links and membership go, and what
    is left of its story is split into the connected groups that remain."""
    row = cur.execute("SELECT days, vector FROM story_features WHERE article_rowid = %s",
                      (rowid,)).fetchone()
    if row is None:
        return
    cur.execute("DELETE FROM story_postings WHERE feature = ANY(%s) AND day = %s AND "
                "article_rowid = %s", (list(core(json.loads(row[1]))), _day(row[0]), rowid))
    cur.execute("DELETE FROM story_features WHERE article_rowid = %s", (rowid,))
    neighbours = [r[0] for r in cur.execute(
        "DELETE FROM story_links WHERE a = %s RETURNING b", (rowid,)).fetchall()]
    if neighbours:
        cur.execute("DELETE FROM story_links WHERE a = ANY(%s) AND b = %s", (neighbours, rowid))
    member = cur.execute("DELETE FROM story_members WHERE article_rowid = %s RETURNING story_id",
                         (rowid,)).fetchone()
    if member is None:
        return
    sid = member[0]
    cur.execute("DELETE FROM stories WHERE story_id = %s", (sid,))
    touched.discard(sid)
    _split(cur, sid, touched)


def _split(cur: Cursor, sid: str, touched: set[str]) -> None:
    """Re-group the remaining members of story ``sid`` by their links."""
    rows = cur.execute(
        "SELECT m.article_rowid, f.days, a.id FROM story_members m "
        "JOIN story_features f ON f.article_rowid = m.article_rowid "
        "JOIN articles a ON a.rowid = m.article_rowid WHERE m.story_id = %s", (sid,)).fetchall()
    keys = {r: _key(days, aid) for r, days, aid in rows}
    parent = {r: r for r in keys}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    if keys:
        for a, b in cur.execute("SELECT a, b FROM story_links WHERE a = ANY(%s)",
                                (list(keys),)).fetchall():
            if b in parent:
                parent[find(a)] = find(b)
    groups: dict[int, list[int]] = defaultdict(list)
    for r in keys:
        groups[find(r)].append(r)
    for members in groups.values():
        first = min(keys[m] for m in members)
        new_id = story_id_for(first[1])
        cur.execute("UPDATE story_members SET story_id = %s WHERE article_rowid = ANY(%s)",
                    (new_id, members))
        _put_story_row(cur, new_id, first)
        touched.add(new_id)


def story_refresh(cur: Cursor, story_ids: set[str]) -> None:
    """Recompute the shown fields of ``story_ids`` (:func:`~warta.store.stories_sql.refresh`)."""
    refresh(cur, POSTGRES, story_ids)




def backfill_stories(conn: psycopg.Connection) -> None:
    """Migrations 011, 013, 016, 018, 020: stories for the articles an archive already holds."""
    backfill(conn, story_add, story_refresh)


class StoriesMixin(StoryWriting, StoryReading):
    """The story methods of :class:`~warta.store.postgres.PostgresArchive`."""

    conn: psycopg.Connection

    # the write-time hooks are StoryWriting's; these are this backend's statements
    _place = staticmethod(story_add)
    _remove = staticmethod(story_drop)
    _refresh = staticmethod(story_refresh)

    def _stories_forget(self) -> None:
        """A rolled-back transaction changed no story."""
        self._story_touched().clear()
