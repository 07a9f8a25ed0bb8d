"""The archive: articles stored once, revisions kept, failures recorded, all in one file.

``open_archive(path)`` is the entry point; :class:`Archive` is the interface a backend
implements and :class:`SQLiteArchive` the embedded default.
"""

from __future__ import annotations

import os
from pathlib import Path

from warta.store.base import (
    Archive,
    EntityRecord,
    FailureInfo,
    FailureRecord,
    PutReport,
    RelatedHit,
    Revision,
    SearchHit,
    SearchResult,
)
from warta.store.sqlite import SQLiteArchive

__all__ = [
    "Archive",
    "EntityRecord",
    "FailureInfo",
    "FailureRecord",
    "PutReport",
    "RelatedHit",
    "Revision",
    "SQLiteArchive",
    "SearchHit",
    "SearchResult",
    "is_database_url",
    "open_archive",
]


def is_database_url(db: str | Path) -> bool:
    """Whether ``db`` names a database server (``postgresql://…``) rather than a file."""
    from warta.store.postgres_open import is_postgres_url

    return is_postgres_url(str(db))


def open_archive(path: str | Path, *, read_only: bool = False) -> Archive:
    """Open the archive at ``path``: a SQLite file, ``:memory:``, or a PostgreSQL URL
    (``postgresql://user:password@host/dbname``, :class:`~warta.store.postgres.PostgresArchive`,
    needs ``pip install 'warta[postgres]'``; with ``$WARTA_NODE_INDEX`` set, its searches are
    ranked by a tantivy index in that folder, :mod:`warta.store.node_index`).

    For writing (default) a new file is created and an older archive migrated; a folder, a
    file that is not SQLite, or another application's SQLite database is refused with a
    :class:`~warta.errors.UsageError`. ``read_only=True`` opens an existing, current archive
    without creating or changing anything (also on a read-only mount); anything else is a
    UsageError (no archive, no warta tables) or StoreError (needs migration) saying what to run.
    """
    if is_database_url(path):
        from warta.store.node_index import NODE_INDEX_ENV
        from warta.store.postgres import PostgresArchive  # psycopg only when asked for

        # a serving node ranks searches with its own tantivy index when $WARTA_NODE_INDEX
        # names a folder for it (docs/scale.md)
        return PostgresArchive(str(path), read_only=read_only,
                               node_index=os.environ.get(NODE_INDEX_ENV) or None)
    return SQLiteArchive(path, read_only=read_only)
