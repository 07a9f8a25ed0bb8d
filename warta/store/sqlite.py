"""The embedded default archive: one SQLite file (WAL, foreign keys, migrations) holding
articles, revisions, failures, entities, links, analysed terms (FTS5) and MinHash
signatures, plus a derived tantivy index folder beside it for ranked search.

Writing and reading live here; searching in :mod:`warta.store.sqlite_search`, keeping the
index in step in :mod:`warta.store.indexing`."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from warta.errors import StoreError
from warta.link import related as related_mod
from warta.link.dedup import band_buckets
from warta.link.titles import title_key
from warta.lang.analysis import ANALYZER_NAME
from warta.search.tantivy_index import TantivyIndex
from warta.store.articles_sql import ArticleWriting, drop_enrichment, stored_version, write_enrichment
from warta.store.base import (
    Archive,
    FailureRecord,
    PutReport,
    RelatedHit,
    StoredVersion,
)
from warta.store.dialect import SQLITE
from warta.store.indexing import IndexSync, enqueue
from warta.store.listing_sql import ListingMixin
from warta.store.migrate import RECOUNT_ENTITY
from warta.store.prepare import PreparedArticle
from warta.store.records_sql import RecordsMixin, insert_failures, now
from warta.store.read_also_sql import insert_links, release_target
from warta.store.sources_sql import SourcesMixin
from warta.store.sqlite_copies import CopiesMixin, drop_copy_pairs, write_copy_pairs
from warta.store.sqlite_open import connect_read, connect_write, file_uri
from warta.store.sqlite_search import BODY_WEIGHT, TITLE_WEIGHT, SearchMixin
from warta.store.sqlite_stories import PLACEMENT as STORY_PLACEMENT
from warta.store.stories_sql import StoriesMixin

__all__ = ["BODY_WEIGHT", "ENGINES", "SQLiteArchive", "TITLE_WEIGHT"]

ENGINES = ("tantivy", "fts5")



class SQLiteArchive(RecordsMixin, ArticleWriting, IndexSync, SearchMixin, ListingMixin, SourcesMixin, StoriesMixin,
                   CopiesMixin, Archive):
    """An archive in one SQLite file. ``path=":memory:"`` gives a throw-away archive."""

    dialect = SQLITE  # how the shared listing and sources SQL is spoken here
    _placement = STORY_PLACEMENT  # how stories are placed at write time

    def __init__(self, path: str | Path, *, engine: str = "tantivy", synchronous: str = "FULL",
                 read_only: bool = False) -> None:
        """Open or create the archive at ``path``.

        ``engine`` ranks searches: ``tantivy`` (default, chosen by benchmarks/bench_search.py;
        its index is the folder ``<path>.tantivy``, derived from the SQLite file and rebuilt
        from it when missing) or ``fts5`` (SQLite's own index, always kept too: it serves
        facet counts, related-news candidates and term statistics inside the transaction).

        ``read_only`` opens an existing, current archive without writing anything to the
        SQLite file (see :mod:`warta.store.sqlite_open`); a search index that is missing and
        cannot be built there falls back to ``fts5``, noted in :attr:`notices`.
        """
        if engine not in ENGINES:
            raise StoreError(f"unknown search engine {engine!r}; use one of: {', '.join(ENGINES)}")
        self.path = str(path)
        self.engine = engine
        self.read_only = read_only
        self.notices: list[str] = []  # things the user should know about this open
        if read_only:
            self.conn, self.schema_version = connect_read(self.path)
        else:
            self.conn, self.schema_version = connect_write(self.path, synchronous)
        self._init_meta()
        self.index: TantivyIndex | None = None
        self._last_sync = time.monotonic()
        if engine == "tantivy":
            if read_only:
                self._open_index_read_only()
            else:
                where = None if self.path == ":memory:" else Path(self.path + ".tantivy")
                self.index = TantivyIndex(where)
                self._repair_index()

    def _open_index_read_only(self) -> None:
        """The tantivy index for reading: opened as it is (a writer's queued work is indexed
        by that writer); built when missing if its folder can be written; read through links
        when it cannot; else FTS5."""
        where = Path(self.path + ".tantivy")
        try:
            try:
                self.index = TantivyIndex(where)
            except (StoreError, OSError):
                self.index = TantivyIndex(where, read_only=True)
            if self.index.num_docs == 0 and self.count() > 0:
                if self.index.read_only:
                    raise StoreError(f"{where}: the index is empty and cannot be built here")
                self._build_index_from_rows()
            elif not self.index.read_only:
                self._catch_up_index()
        except (StoreError, OSError, ValueError) as exc:
            if self.index is not None:
                self.index.close()
            self.index = None
            self.engine = "fts5"
            self.notices.append(
                f"{where}: the search index cannot be opened or built here ({exc}); "
                "searching with SQLite FTS5 instead (same results, other ranking); run "
                "`warta ingest` with write access to rebuild it"
            )

    def _init_meta(self) -> None:
        if not self.read_only:
            self.conn.execute(
                "INSERT OR IGNORE INTO meta(key, value) VALUES ('analyzer', ?), ('created_at', ?)",
                (ANALYZER_NAME, now()),
            )
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'analyzer'").fetchone()
        self.analyzer = row[0] if row else ANALYZER_NAME

    # -- writing -------------------------------------------------------------------------
    def put_prepared(self, batch: Sequence[PreparedArticle]) -> PutReport:
        report = PutReport()
        touched_entities: set[int] = set()
        cur = self.conn.cursor()
        try:
            cur.execute("BEGIN IMMEDIATE")
            for prepared in batch:
                self._put_one(cur, prepared, report, touched_entities)
            if touched_entities:
                self._recount_entities(cur, touched_entities)
            self._stories_flush(cur)  # after the recount: stories name entities as counted
            cur.execute("COMMIT")
            self._maybe_sync()  # after the commit: a crash before it is repaired on next open
        except sqlite3.Error as exc:
            if self.conn.in_transaction:
                cur.execute("ROLLBACK")
            raise StoreError(
                f"{self.path}: batch of {len(batch)} articles was not stored ({exc}); "
                "nothing of it was written, fix the cause and ingest again"
            ) from exc
        except BaseException:
            if self.conn.in_transaction:
                cur.execute("ROLLBACK")
            raise
        return report

    def _placed(self, cur: sqlite3.Cursor, rowid: int) -> None:
        """Queue the article for the search index (which files articles under their entities
        too, so an enrichment arriving queues it again)."""
        enqueue(cur, rowid)

    def _drop_derived(self, cur: sqlite3.Cursor, rowid: int) -> set[int]:
        """Remove index rows, links and entity links of a stored version; returns the
        entities whose counts change."""
        terms = cur.execute("SELECT title, body FROM terms WHERE rowid = ?", (rowid,)).fetchone()
        if terms is not None:
            cur.execute(
                "INSERT INTO fts(fts, rowid, title, body) VALUES ('delete', ?, ?, ?)",
                (rowid, *terms),
            )
        entities = drop_enrichment(cur, SQLITE, rowid)
        self._story_drop(cur, rowid)
        drop_copy_pairs(cur, rowid)
        sig = cur.execute("SELECT sig FROM signatures WHERE rowid = ?", (rowid,)).fetchone()
        if sig is not None:
            cur.executemany(
                "DELETE FROM lsh_bands WHERE bucket = ? AND article_rowid = ?",
                [(bucket, rowid) for bucket in band_buckets(sig[0])],
            )
        for table, column in (
            ("terms", "rowid"),
            ("article_authors", "article_rowid"),
            ("read_also", "article_rowid"),
            ("signatures", "rowid"),
        ):
            cur.execute(f"DELETE FROM {table} WHERE {column} = ?", (rowid,))
        return entities

    def _write_derived(
        self, cur: sqlite3.Cursor, rowid: int, p: PreparedArticle, touched: set[int]
    ) -> None:
        a = p.article
        title, body = " ".join(p.title_terms), " ".join(p.body_terms)
        cur.execute("INSERT INTO terms(rowid, title, body) VALUES (?, ?, ?)", (rowid, title, body))
        cur.execute("INSERT INTO fts(rowid, title, body) VALUES (?, ?, ?)", (rowid, title, body))
        cur.executemany(
            "INSERT INTO article_authors(article_rowid, position, name, name_key) "
            "VALUES (?, ?, ?, ?)",
            [(rowid, i, name, title_key(name)) for i, name in enumerate(a.authors)],
        )
        insert_links(cur, SQLITE, rowid, a)
        write_enrichment(cur, SQLITE, rowid, a, touched)
        cur.execute("INSERT INTO signatures(rowid, sig) VALUES (?, ?)", (rowid, p.signature))
        cur.executemany(
            "INSERT OR IGNORE INTO lsh_bands(bucket, article_rowid) VALUES (?, ?)",
            [(bucket, rowid) for bucket in band_buckets(p.signature)],
        )
        write_copy_pairs(cur, rowid, p.signature, p.body_terms or p.title_terms)

    @staticmethod
    def _recount_entities(cur: sqlite3.Cursor, rowids: set[int]) -> None:
        """Count the articles of ``rowids`` again; an entity left with none is removed (it
        was only in a replaced or deleted version: keeping it would list a name that no
        stored article mentions). Sorted: the same batch always writes in the same order."""
        ordered = sorted(rowids)
        cur.executemany(RECOUNT_ENTITY, [(r, r, r, r) for r in ordered])
        cur.executemany("DELETE FROM entities WHERE rowid = ? AND article_count = 0",
                        [(r,) for r in ordered])

    def add_failures(self, failures: Sequence[FailureRecord]) -> None:
        if not failures:
            return
        with self._transaction() as cur:
            insert_failures(cur, SQLITE, failures)

    def delete(self, article_id: str) -> bool:
        with self._transaction() as cur:
            row = cur.execute("SELECT rowid FROM articles WHERE id = ?", (article_id,)).fetchone()
            if row is None:
                return False
            touched = self._drop_derived(cur, row[0])
            cur.execute("DELETE FROM articles WHERE rowid = ?", (row[0],))
            release_target(cur, SQLITE, article_id)  # links that named it: the next best
            enqueue(cur, row[0])
            self._recount_entities(cur, touched)
            self._stories_flush(cur)
        self._sync_index()
        return True

    def _transaction(self) -> _Tx:
        return _Tx(self.conn)

    # -- reading -------------------------------------------------------------------------

    def ids(self) -> Iterator[str]:
        for (article_id,) in self.conn.execute("SELECT id FROM articles ORDER BY rowid"):
            yield article_id

    def hash_lookup(self) -> _HashLookup | None:
        if self.path == ":memory:":
            return None
        return _HashLookup(self.path)


    def _bytes(self) -> int:
        """The database file, its write-ahead log and the search index's files."""
        if self.path == ":memory:":
            return 0
        files = [Path(self.path), Path(self.path + "-wal")]
        if self.index is not None:
            files.extend(Path(self.path + ".tantivy").glob("*"))
        return sum(p.stat().st_size for p in files if p.is_file())

    # -- finding (search: warta.store.sqlite_search) --------------------------------------
    def related(self, article_id: str, k: int = 5) -> list[RelatedHit]:
        return related_mod.related_sqlite(self, article_id, k)

    def close(self) -> None:
        """Checkpoint the WAL into the main file (so the archive is one file) and close."""
        if self.index is not None:
            if not self.read_only:
                self._sync_index()
            self.index.close()
        try:
            if self.path != ":memory:" and not self.read_only:
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:  # another connection is reading: leave the WAL for later
            pass
        self.conn.close()


class _HashLookup:
    """Its own read-only connection: ingest calls it from the pool's feeder thread while the
    archive's connection writes batches."""

    def __init__(self, path: str) -> None:
        self.conn = sqlite3.connect(file_uri(path, mode="ro"), uri=True, check_same_thread=False)

    def __call__(self, article_id: str) -> StoredVersion | None:
        return stored_version(self.conn, SQLITE, article_id)

    def close(self) -> None:
        self.conn.close()


class _Tx:
    """``with`` block running one IMMEDIATE transaction on an autocommit connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Cursor:
        cur = self.conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        return cur

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")
