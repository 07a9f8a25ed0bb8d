"""Reading the stories (the tables of migration 011, the same on both engines): written once
and spoken in each backend's :class:`~warta.store.dialect.Dialect`; and the write-time hooks
that call each backend's placement (:mod:`warta.store.story_placement_sql`). A story row's
shown fields are recomputed by :mod:`warta.store.story_rows_sql`, which the placement reads
too."""

from __future__ import annotations

import json
import re
import zlib
from datetime import UTC, datetime
from typing import Any

from warta.errors import UsageError
from warta.link.stories import StoryFeatures, features
from warta.link.story_cuts import CutRule
from warta.link.story_groups import AverageRule, average_rule
from warta.model import Article
from warta.store.dialect import Dialect
from warta.store.stories import Story
from warta.store.story_placement_sql import Placement
from warta.store.story_regroup import regroup

__all__ = ["STORY_CUT_RULE", "StoriesMixin", "StoryReading", "StoryWriting", "backfill", "since_days"]

# The chaining repair's rule (warta.store.story_regroup) when an archive turns it on: h13s8's
# choice over six gold sets, never worse than without on any of the seven. The archive's default
# stays off: chosen leave one set out over the seven the setting is not stable, it loses on the
# then-unseen 12 Sep (0.673 -> 0.644), and a backfill at 220,000 articles pays ~2 ms per article for
# it (benchmarks/RESULTS-stories.md, h14cut)
STORY_CUT_RULE = CutRule(min_size=40, min_side=12, max_conductance=0.05, weighted=True)

# The group-level step (warta.link.story_groups, h16story): big link components rebuilt by
# average link, parts about one happening joined back by centroid. Its setting and whether it
# is on are data (link/data/story_group_rule.json); off: leave one set out over eight gold
# sets it wins on three and loses on three (benchmarks/RESULTS-stories.md, h16story)
AVERAGE_RULE, AVERAGE_ON = average_rule()

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_STORY = "SELECT story_id, label, label_id, size, outlets, first_seen, last_seen, entities "


def since_days(since: str | None) -> float | None:
    """Days (since 1970, UTC) of a ``YYYY-MM-DD`` date; UsageError when it is not one."""
    if not since:
        return None
    try:
        if not _DAY.fullmatch(since):
            raise ValueError(since)
        start = datetime.strptime(since, "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        raise UsageError(f"since {since!r}: expected a day as YYYY-MM-DD, e.g. 2019-09-23"
                         ) from None
    return (start - datetime(1970, 1, 1, tzinfo=UTC)).total_seconds() / 86400.0


def backfill(conn: Any, placement: Placement) -> None:
    """A stories migration's backfill, through the backend's ``placement``: stories for the articles an archive already holds, from their stored analysed
    terms and documents (the result is the one ingest would have given)."""
    cur = conn.cursor()
    touched: set[str] = set()
    for rowid, title, body, doc in cur.execute(
        "SELECT a.rowid, t.title, t.body, a.doc FROM articles a JOIN terms t "
        "ON t.rowid = a.rowid ORDER BY a.rowid"
    ).fetchall():
        article = Article.from_json(zlib.decompress(doc))
        placement.add(cur, rowid, features(article, title.split(), body.split()), touched)
    placement.refresh(cur, touched)


def _story_from_row(row: tuple[Any, ...]) -> Story:
    sid, label, label_id, size, outlets, first_seen, last_seen, entities = row
    return Story(sid, label, label_id, size, json.loads(outlets), first_seen, last_seen,
                 json.loads(entities))


class StoryReading:
    """The story look-ups of the Archive interface, for a class with ``self.conn`` and
    ``self.dialect``."""

    conn: Any
    dialect: Dialect

    def _story_rows(self, statement: str, params: Any) -> list[Any]:
        return self.conn.execute(self.dialect.sql(statement), params).fetchall()

    def story_of(self, article_id: str) -> str | None:
        """The id of the story an article belongs to (None: no such article)."""
        rows = self._story_rows(
            "SELECT m.story_id FROM articles a JOIN story_members m ON m.article_rowid = a.rowid "
            "WHERE a.id = ?", (article_id,))
        return rows[0][0] if rows else None

    def list_stories(self, *, since: str | None = None, min_size: int = 1, limit: int = 50,
                     offset: int = 0) -> tuple[int, list[Story]]:
        """(total, page) of stories, latest activity first (undated last), each with its
        article ids in time order; ``since`` (``YYYY-MM-DD``) keeps stories seen on or
        after that day; ``min_size`` the stories with at least that many articles."""
        where, params = ["size >= ?"], [min_size]
        days = since_days(since)
        if days is not None:
            where.append("last_days >= ?")
            params.append(days)  # type: ignore[arg-type]
        clause = " AND ".join(where)
        total = int(self._story_rows(f"SELECT count(*) FROM stories WHERE {clause}",
                                     params)[0][0])
        rows = self._story_rows(
            f"{_STORY}FROM stories WHERE {clause} ORDER BY last_days IS NULL, last_days DESC, "
            "story_id LIMIT ? OFFSET ?", (*params, limit, offset))
        stories = [_story_from_row(r) for r in rows]
        for story in stories:
            story.article_ids = [t["id"] for t in self._timeline(story.id)]
        return total, stories

    def story(self, story_id: str) -> Story | None:
        """A story in full: its timeline and the quotes in it (None: no such story)."""
        rows = self._story_rows(f"{_STORY}FROM stories WHERE story_id = ?", (story_id,))
        if not rows:
            return None
        story = _story_from_row(rows[0])
        story.timeline = self._timeline(story_id)
        story.article_ids = [t["id"] for t in story.timeline]
        story.quotes = self._story_quotes(story_id)
        return story

    def _timeline(self, story_id: str) -> list[dict[str, Any]]:
        rows = self._story_rows(
            "SELECT a.id, a.title, a.outlet, a.published, a.url FROM story_members m "
            "JOIN articles a ON a.rowid = m.article_rowid "
            "JOIN story_features f ON f.article_rowid = m.article_rowid "
            "WHERE m.story_id = ? ORDER BY f.days IS NULL, f.days, a.id", (story_id,))
        return [{"id": i, "title": t, "outlet": o, "published": p, "url": u}
                for i, t, o, p, u in rows]

    def _story_quotes(self, story_id: str) -> list[dict[str, Any]]:
        rows = self._story_rows(
            "SELECT a.id, q.speaker, q.role, q.kind, q.text FROM story_members m "
            "JOIN articles a ON a.rowid = m.article_rowid "
            "JOIN story_features f ON f.article_rowid = m.article_rowid "
            "JOIN quotes q ON q.article_rowid = m.article_rowid "
            "WHERE m.story_id = ? ORDER BY f.days IS NULL, f.days, a.id, q.position",
            (story_id,))
        return [{"article_id": i, "speaker": s, "role": r, "kind": k, "text": t}
                for i, s, r, k, t in rows]


class StoryWriting:
    """The write-time story hooks both backends share, called inside the archive's write
    transaction, through the backend's :class:`~warta.store.story_placement_sql.Placement`
    (``_placement``)."""

    dialect: Dialect
    _placement: Placement

    def _story_touched(self) -> set[str]:
        touched: set[str] | None = getattr(self, "_stories_dirty", None)
        if touched is None:
            touched = self._stories_dirty = set()  # type: ignore[misc]
        return touched

    def _story_add(self, cur: Any, rowid: int, article: Article,
                   title_terms: list[str], body_terms: list[str],
                   ready: StoryFeatures | None = None) -> None:
        """Place an article; ``ready``: its features computed already (by the analysis
        workers, :func:`warta.store.prepare.prepare`) for this same content."""
        f = ready if ready is not None and ready.article_id == article.id else features(
            article, title_terms, body_terms)
        self._placement.add(cur, rowid, f, self._story_touched())

    def _story_drop(self, cur: Any, rowid: int) -> None:
        self._placement.drop(cur, rowid, self._story_touched())

    # chaining repair (warta.store.story_regroup): None = off, the shipped behaviour; a
    # CutRule splits big link components at weak cuts, an AverageRule rebuilds them by
    # average link (h16story)
    story_cut_rule: CutRule | AverageRule | None = AVERAGE_RULE if AVERAGE_ON else None

    def _stories_flush(self, cur: Any) -> None:
        """Refresh the rows of the stories this transaction changed (split at weak cuts
        first when ``story_cut_rule`` is set)."""
        touched = self._story_touched()
        if self.story_cut_rule is not None and touched:
            regroup(cur, self.dialect, touched, self.story_cut_rule)
        self._placement.refresh(cur, touched)
        touched.clear()

    def _stories_forget(self) -> None:
        """A rolled-back transaction changed no story."""
        self._story_touched().clear()


class StoriesMixin(StoryWriting, StoryReading):
    """The story methods of an archive: its class names its ``dialect`` and ``_placement``."""
