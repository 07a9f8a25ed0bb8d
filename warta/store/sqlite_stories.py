"""Stories in the SQLite archive: :mod:`warta.store.story_placement_sql` (which tells how
articles are placed) spoken in SQLite, over the tables of ``migrations/011_stories.sql``."""

from __future__ import annotations

import sqlite3
from typing import Any

from warta.store.dialect import SQLITE
from warta.store.stories_sql import backfill
from warta.store.story_placement_sql import Placement

__all__ = ["PLACEMENT", "backfill_stories"]


def _matches(pairs: list[tuple[str, float]]) -> tuple[str, list[Any]]:
    """The arriving features as a ``VALUES`` list joined to their postings: SQLite sums the
    postings at C speed."""
    values = ",".join("(?, ?)" for _ in pairs)
    return (f"WITH q(feature, weight) AS (VALUES {values}) "
            "SELECT f.article_rowid, f.vector, f.days FROM ("
            "SELECT p.article_rowid AS rowid FROM q JOIN story_postings p "
            "ON p.feature = q.feature AND p.day BETWEEN ? AND ? ",
            [x for pair in pairs for x in pair])


PLACEMENT = Placement(SQLITE, _matches)


def backfill_stories(conn: sqlite3.Connection) -> None:
    """Migrations 011, 013, 016, 018, 020: stories for the articles an archive already holds."""
    backfill(conn, PLACEMENT)

