"""Placing articles in stories at write time: the incremental form of
:func:`warta.link.stories.cluster`, written once for both engines.

Each stored article, inside the batch's transaction: its features are written with their
postings (feature, calendar day); its candidates are the articles sharing a feature within
:data:`~warta.link.stories.WINDOW_DAYS` days (index range reads, never a scan); those whose
decayed similarity reaches the threshold are linked; the stories of the linked articles are
merged with it into one, named after its earliest member. Removing an article (a new version,
a delete, enrichment arriving) removes its links and splits its story again into the connected
groups that remain. Story rows (label, outlets, times, entities) are refreshed once per
batch for the stories it touched. The result is the same whatever the arrival order (see
``tests/unit/test_stories.py``).

The statements are spoken through a :class:`~warta.store.dialect.Dialect` (placeholders,
membership tests); the upserts are ``INSERT … ON CONFLICT … DO UPDATE``, which both engines
read alike. The one statement that really differs — how the candidate search reads the
arriving article's features (a ``VALUES`` list on SQLite, two arrays on PostgreSQL, which
also needs the postings read per feature) — is each backend's :class:`Placement.matches`
(:mod:`warta.store.sqlite_stories`, :mod:`warta.store.postgres_stories`).
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

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
from warta.store.dialect import Dialect
from warta.store.story_rows_sql import refresh

__all__ = ["MAX_CANDIDATES", "UNDATED_DAY", "Placement"]

UNDATED_DAY = -1_000_000_000  # the posting day of undated articles: outside every window
# At most this many candidates per arriving article (its closest by core dot product): only a
# bound on the work when masses of near-identical articles arrive (re-posts, test data). Every
# pair within the window whose core dot product passes the candidate filter is scored, so
# which pairs are linked is a property of the pair alone and the grouping is exactly
# order-independent while no article has more candidates than this. The busiest real week
# seen (CLICK-ID 15-19 Sep 2019, 9,059 articles) has at most 549, 99% under 420; the cap of
# 40 that stood here before made the KPK-law story's grouping depend on arrival order.
MAX_CANDIDATES = 1000
_INF = math.inf

# What follows an engine's matching postings (rowid, weight of the posting, weight of the
# arriving feature, for features within the window): the sum filter, the cap, the rows.
_CANDIDATES_TAIL = (
    "GROUP BY p.article_rowid HAVING sum(p.weight * q.weight) >= ? "
    "ORDER BY sum(p.weight * q.weight) DESC, p.article_rowid LIMIT ?) c "
    "JOIN story_features f ON f.article_rowid = c.rowid ORDER BY c.rowid")


def _day(days: float | None) -> int:
    return UNDATED_DAY if days is None else math.floor(days)


def _key(days: float | None, article_id: str) -> tuple[float, str]:
    return (_INF if days is None else days, article_id)


@dataclass(frozen=True, slots=True)
class Placement:
    """One engine's story placement: the shared statements spoken in ``dialect``, and
    ``matches``, the head of its candidate search — given the arriving article's (feature,
    weight) pairs, the SQL (``?`` placeholders) that opens ``SELECT f.article_rowid, f.vector,
    f.days FROM (SELECT p.article_rowid AS rowid FROM …`` over ``q`` (the pairs) and ``p``
    (their postings between two days, the last two placeholders), with its parameters."""

    dialect: Dialect
    matches: Callable[[list[tuple[str, float]]], tuple[str, list[Any]]]

    def add(self, cur: Any, rowid: int, f: StoryFeatures, touched: set[str]) -> None:
        """Store an article's features, link it to its similar neighbours and put it in the
        story they share (merging theirs when it links several)."""
        sql = self.dialect.sql
        day = _day(f.days)
        cur.execute(sql("INSERT INTO story_features(article_rowid, days, vector) VALUES (?, ?, ?) "
                        "ON CONFLICT (article_rowid) DO UPDATE SET days = excluded.days, "
                        "vector = excluded.vector"),
                    (rowid, f.days, json.dumps(f.vector, sort_keys=True)))
        lo, hi = (day, day) if f.days is None else (day - WINDOW_DAYS, day + WINDOW_DAYS)
        links: list[tuple[int, float]] = []
        for other, vector, other_days in self._candidates(cur, core(f.vector), lo, hi):
            if other == rowid:
                continue
            # the exact score, as warta.link.stories.similarity computes it (fsum: symmetric)
            score = similarity_of(f.vector, f.days, stored_vector(vector), other_days)
            if score >= LINK_THRESHOLD:
                links.append((other, score))
        postings = [(t, day, rowid, w) for t, w in core(f.vector).items()]
        if postings:
            cur.executemany(sql("INSERT INTO story_postings(feature, day, article_rowid, weight) "
                                "VALUES (?, ?, ?, ?) ON CONFLICT (feature, day, article_rowid) "
                                "DO UPDATE SET weight = excluded.weight"), postings)
        if links:
            cur.executemany(sql("INSERT INTO story_links(a, b, score) VALUES (?, ?, ?) "
                                "ON CONFLICT (a, b) DO UPDATE SET score = excluded.score"),
                            [(rowid, o, s) for o, s in links] + [(o, rowid, s) for o, s in links])
        self._join(cur, rowid, f, [o for o, _ in links], touched)

    def _candidates(self, cur: Any, vector: dict[str, float], lo: int, hi: int
                    ) -> list[tuple[int, str, float | None]]:
        """(rowid, vector JSON, days) of the articles within days ``lo..hi`` whose undecayed
        dot product with ``vector`` may reach the threshold. The engine sums the postings
        (the rows, not Python, scale with the archive); the sum is only a filter, with a
        margin for rounding, and the exact score is computed from the vectors."""
        if not vector:
            return []
        head, params = self.matches(sorted(vector.items()))
        return cur.execute(self.dialect.sql(head + _CANDIDATES_TAIL),
                           (*params, lo, hi, CANDIDATE_MIN - 1e-6, MAX_CANDIDATES)).fetchall()

    def _join(self, cur: Any, rowid: int, f: StoryFeatures, linked: list[int],
              touched: set[str]) -> None:
        """Put ``rowid`` in one story with the stories of ``linked``, named after the earliest
        member of them all."""
        d = self.dialect
        stories: dict[str, tuple[float, str]] = {}
        for part in d.chunks(linked):
            where, params = d.any_of("m.article_rowid", part)
            for sid, first_days, first_id in cur.execute(d.sql(
                    "SELECT DISTINCT s.story_id, s.first_days, s.first_id FROM story_members m "
                    f"JOIN stories s ON s.story_id = m.story_id WHERE {where}"), params).fetchall():
                stories[sid] = _key(first_days, first_id)
        first = min([_key(f.days, f.article_id), *stories.values()])
        new_id = story_id_for(first[1])
        for sid in sorted(stories):
            if sid != new_id:
                cur.execute(d.sql("UPDATE story_members SET story_id = ? WHERE story_id = ?"),
                            (new_id, sid))
                cur.execute(d.sql("DELETE FROM stories WHERE story_id = ?"), (sid,))
                touched.discard(sid)
        cur.execute(d.sql("INSERT INTO story_members(article_rowid, story_id) VALUES (?, ?) "
                          "ON CONFLICT (article_rowid) DO UPDATE SET story_id = excluded.story_id"),
                    (rowid, new_id))
        self._put_story_row(cur, new_id, first)
        touched.add(new_id)

    def _put_story_row(self, cur: Any, sid: str, first: tuple[float, str]) -> None:
        """Create or re-key a story row (the rest is filled by :meth:`refresh`)."""
        first_days = None if first[0] == _INF else first[0]
        cur.execute(self.dialect.sql(
            "INSERT INTO stories(story_id, first_days, first_id, size) VALUES (?, ?, ?, 0) "
            "ON CONFLICT (story_id) DO UPDATE SET first_days = excluded.first_days, "
            "first_id = excluded.first_id"), (sid, first_days, first[1]))

    def drop(self, cur: Any, rowid: int, touched: set[str]) -> None:
        """Take an article out of the stories: its postings, links and membership go, and
        what is left of its story is split into the connected groups that remain."""
        d = self.dialect
        row = cur.execute(d.sql("SELECT days, vector FROM story_features WHERE article_rowid = ?"),
                          (rowid,)).fetchone()
        if row is None:
            return
        day = _day(row[0])
        for part in d.chunks(list(core(json.loads(row[1])))):
            where, params = d.any_of("feature", part)
            cur.execute(d.sql(f"DELETE FROM story_postings WHERE {where} AND day = ? "
                              "AND article_rowid = ?"), (*params, day, rowid))
        cur.execute(d.sql("DELETE FROM story_features WHERE article_rowid = ?"), (rowid,))
        neighbours = [r[0] for r in cur.execute(d.sql("SELECT b FROM story_links WHERE a = ?"),
                                                (rowid,)).fetchall()]
        cur.execute(d.sql("DELETE FROM story_links WHERE a = ?"), (rowid,))
        for part in d.chunks(neighbours):
            where, params = d.any_of("a", part)
            cur.execute(d.sql(f"DELETE FROM story_links WHERE {where} AND b = ?"), (*params, rowid))
        member = cur.execute(d.sql("SELECT story_id FROM story_members WHERE article_rowid = ?"),
                             (rowid,)).fetchone()
        cur.execute(d.sql("DELETE FROM story_members WHERE article_rowid = ?"), (rowid,))
        if member is None:
            return
        sid = member[0]
        cur.execute(d.sql("DELETE FROM stories WHERE story_id = ?"), (sid,))
        touched.discard(sid)
        self._split(cur, sid, touched)

    def _split(self, cur: Any, sid: str, touched: set[str]) -> None:
        """Re-group the remaining members of story ``sid`` by their links."""
        d = self.dialect
        rows = cur.execute(d.sql(
            "SELECT m.article_rowid, f.days, a.id FROM story_members m "
            "JOIN story_features f ON f.article_rowid = m.article_rowid "
            "JOIN articles a ON a.rowid = m.article_rowid WHERE m.story_id = ?"), (sid,)).fetchall()
        keys = {r: _key(days, aid) for r, days, aid in rows}
        parent = {r: r for r in keys}

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for part in d.chunks(list(keys)):
            where, params = d.any_of("a", part)
            for a, b in cur.execute(d.sql(f"SELECT a, b FROM story_links WHERE {where}"),
                                    params).fetchall():
                if b in parent:
                    parent[find(a)] = find(b)
        groups: dict[int, list[int]] = defaultdict(list)
        for r in keys:
            groups[find(r)].append(r)
        for members in groups.values():
            first = min(keys[m] for m in members)
            new_id = story_id_for(first[1])
            for part in d.chunks(members):
                where, params = d.any_of("article_rowid", part)
                cur.execute(d.sql(f"UPDATE story_members SET story_id = ? WHERE {where}"),
                            (new_id, *params))
            self._put_story_row(cur, new_id, first)
            touched.add(new_id)

    def refresh(self, cur: Any, story_ids: set[str]) -> None:
        """Recompute the shown fields of ``story_ids`` (:func:`~warta.store.story_rows_sql.refresh`)."""
        refresh(cur, self.dialect, story_ids)
