"""Keeping the tantivy search index in step with the SQLite archive (a mixin of
:class:`warta.store.sqlite.SQLiteArchive`).

SQLite is the record; the index is derived. Every write queues the article's rowid in
``index_queue`` inside its own transaction; syncing reads the queue and the rows in one
snapshot, applies them to tantivy (delete + add by rowid, idempotent), commits, and only then
dequeues — by (rowid, seq), so a newer version queued meanwhile stays queued. A crash at any
point therefore leaves work queued, never lost, and the next open/search/close finishes it.
"""

from __future__ import annotations

import sqlite3
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from warta.search.tantivy_index import IndexDoc
from warta.store.dialect import SQLITE, Dialect

if TYPE_CHECKING:
    from warta.search.tantivy_index import TantivyIndex

__all__ = ["SYNC_SECONDS", "IndexSync", "enqueue", "index_docs"]

SYNC_SECONDS = 5.0
_INDEX_CHUNK = 20_000


class IndexSync:
    """Index-queue handling; expects ``conn``, ``index``, ``_last_sync`` and ``count()``."""

    conn: sqlite3.Connection
    index: TantivyIndex | None
    _last_sync: float

    def count(self) -> int:  # provided by the archive
        raise NotImplementedError

    def _transaction(self):  # type: ignore[no-untyped-def]  # provided by the archive
        raise NotImplementedError

    def _repair_index(self) -> None:
        """Replay queued index work left by a crash; rebuild an index that went missing."""
        assert self.index is not None
        queued = self.conn.execute("SELECT count(*) FROM index_queue").fetchone()[0]
        if not queued and self.index.num_docs == 0 and self.count() > 0:
            self.conn.execute("INSERT OR IGNORE INTO index_queue(rowid) SELECT rowid FROM articles")
            queued = 1
        if queued:
            self._sync_index()

    def _build_index_from_rows(self) -> None:
        """Index every article straight from its rows, leaving the queue alone: how a
        read-only open rebuilds a missing index (a writer replays its queue later; adding a
        document twice is harmless, apply() deletes by rowid first)."""
        assert self.index is not None
        rowids = [r for (r,) in self.conn.execute("SELECT rowid FROM articles ORDER BY rowid")]
        for start in range(0, len(rowids), _INDEX_CHUNK):
            chunk = rowids[start:start + _INDEX_CHUNK]
            self.index.apply(remove=chunk, add=self._index_docs(chunk))

    def _catch_up_index(self) -> None:
        """Index the rows a crashed or busy writer left queued, without dequeuing them (a
        read-only open may not write SQLite; the writer replays its queue later, harmlessly).
        Skipped when another process holds the index writer."""
        assert self.index is not None
        queued = [r for (r,) in self.conn.execute(
            "SELECT rowid FROM index_queue ORDER BY rowid LIMIT ?", (_INDEX_CHUNK,))]
        if queued:
            try:
                self.index.apply(remove=queued, add=self._index_docs(queued))
            except ValueError:  # the writer lock is held: that writer is indexing them
                pass

    def ensure_indexed(self) -> None:
        """Make the search index current before reading it: index queued work (ours, or
        another process's that could not take the writer) and see others' commits."""
        if self.index is None:
            return
        if getattr(self, "read_only", False):  # the writer indexes its own queue
            self.index.refresh()
            return
        if self.conn.execute("SELECT 1 FROM index_queue LIMIT 1").fetchone():
            self._sync_index()
        self.index.refresh()

    def _maybe_sync(self) -> None:
        """Index queued rows now, unless the last sync was under SYNC_SECONDS ago: a tantivy
        commit per small batch would cost more than the batch itself. Queued work is
        always done by close(), the next search, or the next open."""
        if self.index is None:
            return
        now = time.monotonic()
        if self.index.path is None or now - self._last_sync >= SYNC_SECONDS:
            self._sync_index()
            self._last_sync = time.monotonic()

    def _sync_index(self) -> None:
        """Bring the search index up to date with the queued rows (idempotent).

        Another process holding the index writer is not an error: the work stays queued and
        whoever syncs next (that process, or the next search or open here) does it.
        """
        if self.index is None:
            return
        while True:
            self.conn.execute("BEGIN")  # one snapshot for the queue and the rows it names
            try:
                queued = self.conn.execute(
                    "SELECT rowid, seq FROM index_queue ORDER BY rowid LIMIT ?", (_INDEX_CHUNK,)
                ).fetchall()
                docs = self._index_docs([r for r, _ in queued]) if queued else []
            finally:
                self.conn.execute("COMMIT")
            if not queued:
                return
            try:
                self.index.apply(remove=[r for r, _ in queued], add=docs)
            except ValueError:  # the writer lock is held elsewhere
                return
            try:
                with self._transaction() as cur:
                    cur.executemany("DELETE FROM index_queue WHERE rowid = ? AND seq = ?", queued)
            except sqlite3.OperationalError as exc:
                # a writer held the archive past the busy timeout: the index already has
                # these rows; leave them queued (re-applying is idempotent) rather than fail
                # the search that came to read (issue 9: readers never fail on a busy writer)
                if exc.sqlite_errorcode not in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
                    raise
                return
            if len(queued) < _INDEX_CHUNK:
                return

    def _index_docs(self, rowids: list[int]) -> list[IndexDoc]:
        """Index documents of existing articles among ``rowids``, built from SQLite rows."""
        return index_docs(self.conn, SQLITE, rowids)


def index_docs(conn: Any, dialect: Dialect, rowids: list[int]) -> list[IndexDoc]:
    """Index documents of the existing articles among ``rowids``, from the archive's rows
    (the tables both backends share: the SQLite archive's own index and a PostgreSQL serving
    node's index, :mod:`warta.store.node_index`, are built by this one function)."""
    docs: dict[int, IndexDoc] = {}
    for chunk in dialect.chunks(rowids):
        docs.update(_chunk_docs(conn, dialect, chunk))
    return list(docs.values())


def _chunk_docs(conn: Any, dialect: Dialect, rowids: Any) -> dict[int, IndexDoc]:
    member, params = dialect.any_of("a.rowid", rowids)
    docs: dict[int, IndexDoc] = {}
    for rowid, title, body, outlet, section, published in conn.execute(dialect.sql(
        "SELECT a.rowid, t.title, t.body, a.outlet_key, a.section_key, a.published "
        f"FROM articles a JOIN terms t ON t.rowid = a.rowid WHERE {member}"), params
    ):
        outlets = sorted({outlet, outlet.split(" ")[0]}) if outlet else []
        day, ts = _day_and_ts(published)
        docs[rowid] = IndexDoc(rowid, title, body, outlets, section or "", day, ts)
    member, params = dialect.any_of("article_rowid", rowids)
    for rowid, key in conn.execute(dialect.sql(
            f"SELECT article_rowid, name_key FROM article_authors WHERE {member} "
            "ORDER BY article_rowid, position"), params):
        if rowid in docs:
            docs[rowid].authors.append(key)
    member, params = dialect.any_of("ae.article_rowid", rowids)
    for rowid, key in conn.execute(dialect.sql(
            "SELECT ae.article_rowid, e.name_key FROM article_entities ae JOIN entities e "
            f"ON e.rowid = ae.entity_rowid WHERE {member} ORDER BY ae.article_rowid, e.name_key"),
            params):
        if rowid in docs:
            docs[rowid].entities.append(key)
    return docs


def enqueue(cur: sqlite3.Cursor, rowid: int) -> None:
    """Queue a row for the search index (in the caller's transaction)."""
    cur.execute(
        "INSERT INTO index_queue(rowid, seq) VALUES (?, ?) "
        "ON CONFLICT(rowid) DO UPDATE SET seq = excluded.seq",
        (rowid, time.time_ns()),
    )


def _day_and_ts(published: str | None) -> tuple[int, int]:
    """(yyyymmdd, epoch seconds) of an ISO timestamp; (0, 0) when undated."""
    if not published:
        return 0, 0
    try:
        moment = datetime.fromisoformat(published)
    except ValueError:
        return 0, 0
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(published[:10].replace("-", "")), int(moment.timestamp())
