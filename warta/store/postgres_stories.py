"""Stories in the PostgreSQL archive: :mod:`warta.store.story_placement_sql` (which tells how
articles are placed) spoken in PostgreSQL, over the tables of ``pg_migrations/011_stories.sql``,
inside the batch's transaction. The grouping itself (features, similarity, story ids, the
label) is :mod:`warta.link.stories`, shared."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from warta.store.dialect import POSTGRES
from warta.store.stories_sql import backfill
from warta.store.story_placement_sql import Placement

if TYPE_CHECKING:
    import psycopg

__all__ = ["PLACEMENT", "backfill_stories"]


def _matches(pairs: list[tuple[str, float]]) -> tuple[str, list[Any]]:
    """The arriving features as two arrays, their postings read feature by feature."""
    return ("WITH q(feature, weight) AS (SELECT * FROM unnest(?::text[], ?::float8[])) "
            "SELECT f.article_rowid, f.vector, f.days FROM ("
            # LATERAL ... OFFSET 0 (not flattened into a join): one index range read per feature,
            # whatever the planner thinks of the table's size (a backfill fills it inside one
            # transaction, before any ANALYZE: a hash join over all postings took 50-80 ms each)
            "SELECT p.article_rowid AS rowid FROM q CROSS JOIN LATERAL (SELECT s.article_rowid, "
            "s.weight FROM story_postings s WHERE s.feature = q.feature "
            "AND s.day BETWEEN ? AND ? OFFSET 0) p ",
            [[t for t, _ in pairs], [w for _, w in pairs]])


PLACEMENT = Placement(POSTGRES, _matches)


def backfill_stories(conn: psycopg.Connection) -> None:
    """Migrations 011, 013, 016, 018, 020: stories for the articles an archive already holds."""
    backfill(conn, PLACEMENT)

