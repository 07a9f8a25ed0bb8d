"""The archive: articles stored once, revisions kept, failures recorded, all in one file.

``open_archive(path)`` is the entry point; :class:`Archive` is the interface a backend
implements and :class:`SQLiteArchive` the embedded default.
"""

from __future__ import annotations

from pathlib import Path

from warta.store.base import (
    Archive,
    EntityRecord,
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
    "FailureRecord",
    "PutReport",
    "RelatedHit",
    "Revision",
    "SQLiteArchive",
    "SearchHit",
    "SearchResult",
    "open_archive",
]


def open_archive(path: str | Path) -> Archive:
    """Open (creating if needed) the archive at ``path`` (a SQLite file, or ``:memory:``)."""
    return SQLiteArchive(path)
