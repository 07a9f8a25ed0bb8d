"""The archive on PostgreSQL: the tables of SQLite's archive (``pg_migrations/``), for a team
(several web workers, watchers and an API ingest on one database) and for archives larger
than one file should hold. ``open_archive("postgresql://…")`` opens it; psycopg 3 is the
optional extra ``warta[postgres]``.

Writing: every batch is one transaction that first takes one advisory lock, so batches of
concurrent writers (two watchers, an API ingest, a Dask load) apply one after another — the
same one-writer order SQLite has, with no lost update of shared rows (entity counts, term
frequencies, link resolution) and no deadlock between them; readers never wait (MVCC).
Article ids are unique keys, so the same article from two writers is stored once.

Searching: :mod:`warta.store.postgres_search`; browsing: :mod:`warta.store.listing_sql`;
sources: :mod:`warta.store.sources_sql`; related: :mod:`warta.store.postgres_related`.
A new Archive method joins as a method here or a mixin beside these.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from warta.errors import StoreError
from warta.link import related as related_mod
from warta.link.dedup import band_buckets
from warta.link.titles import title_key
from warta.lang.analysis import ANALYZER_NAME
from warta.store.articles_sql import ArticleWriting, drop_enrichment, stored_version, write_enrichment
from warta.store.base import (
    Archive,
    FailureRecord,
    PutReport,
    RelatedHit,
    StoredVersion,
)
from warta.store.dialect import POSTGRES
from warta.store.listing_sql import ListingMixin
from warta.store.node_index import NodeIndex, NodeView
from warta.store.postgres_copies import CopiesMixin, drop_copy_pairs, write_copy_pairs
from warta.store.postgres_open import (
    LOCK_SQL,
    WRITE_LOCK,
    connect,
    redact,
    search_index,
)
from warta.store.postgres_related import related_postgres
from warta.store.postgres_search import SearchMixin
from warta.store.postgres_stories import PLACEMENT as STORY_PLACEMENT
from warta.store.stories_sql import StoriesMixin
from warta.store.postgres_text import tsvector_literal
from warta.store.prepare import PreparedArticle
from warta.store.records_sql import RecordsMixin, insert_failures, now
from warta.store.read_also_sql import insert_links, release_target
from warta.store.sources_sql import SourcesMixin

if TYPE_CHECKING:
    import psycopg

__all__ = ["PostgresArchive"]

Cursor = Any  # psycopg.Cursor, imported only where psycopg is installed

# An entity's article count, and its name and label as most of its articles write them
# (ties: a name not in capitals, then alphabetical) — warta.store.migrate.RECOUNT_ENTITY.
_RECOUNT = (
    "UPDATE entities e SET article_count = (SELECT count(*) FROM article_entities "
    "WHERE entity_rowid = e.rowid), "
    "name = coalesce((SELECT name FROM article_entities WHERE entity_rowid = e.rowid AND name "
    "IS NOT NULL GROUP BY name ORDER BY count(*) DESC, name = upper(name), name LIMIT 1), "
    "e.name), "
    "label = coalesce((SELECT label FROM article_entities WHERE entity_rowid = e.rowid AND "
    "label IS NOT NULL GROUP BY label ORDER BY count(*) DESC, label LIMIT 1), e.label) "
    "WHERE e.rowid = ANY(%s)"
)


class PostgresArchive(RecordsMixin, ArticleWriting, SearchMixin, ListingMixin, SourcesMixin, StoriesMixin,
                      CopiesMixin, Archive):
    """An archive in a PostgreSQL database (its current schema)."""

    dialect = POSTGRES  # how the shared listing and sources SQL is spoken here
    _placement = STORY_PLACEMENT  # how stories are placed at write time
    # the document-frequency changes of the write under way (a batch, a delete), applied
    # to term_df at its end (one statement per batch, in one lock order)
    _df_delta: Counter[str]

    def __init__(self, url: str, *, read_only: bool = False, rum: bool = True,
                 node_index: str | Path | None = None) -> None:
        """Connect to ``url`` and migrate the archive there (``read_only``: check it is a
        current archive and change nothing). Errors say what to do: an unreachable server,
        wrong credentials, another application's tables, psycopg missing.

        A new archive's search index is rum when the server has the extension (ranked
        searches read the top hits only), else GIN; ``rum=False`` asks for GIN.
        ``node_index``: a folder on this machine where searches are ranked by a tantivy
        index kept current from the archive's change sequence instead
        (:mod:`warta.store.node_index`; built from all rows on first use)."""
        self._df_delta = Counter()  # reset by each write; set here so no path meets it unset
        self.url = url
        self.path = redact(url)  # what messages name (never the password)
        self.read_only = read_only
        self.notices: list[str] = []
        self.conn, self.schema_version = connect(url, read_only=read_only)
        # the schema of the rum extension when rum ranks searches, else None (GIN)
        self.rum = search_index(self.conn, create=not read_only, rum=rum)
        self.engine = "postgres-rum" if self.rum else "postgres-gin"
        if not read_only:
            self.conn.execute(
                "INSERT INTO meta(key, value) VALUES ('analyzer', %s), ('created_at', %s) "
                "ON CONFLICT (key) DO NOTHING", (ANALYZER_NAME, now()))
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'analyzer'").fetchone()
        self.analyzer = row[0] if row else ANALYZER_NAME
        self.node_index = NodeIndex(node_index, self.conn) if node_index else None
        if self.node_index is not None:
            self.engine = "postgres-node-tantivy"

    # -- writing -------------------------------------------------------------------------
    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only; nothing can be written")

    def put_prepared(self, batch: Sequence[PreparedArticle]) -> PutReport:
        import psycopg

        self._writable()
        report = PutReport()
        touched: set[int] = set()
        self._df_delta = Counter()
        try:
            with self.conn.transaction(), self.conn.cursor() as cur:
                cur.execute(LOCK_SQL, (WRITE_LOCK,))
                for prepared in batch:
                    self._put_one(cur, prepared, report, touched)
                if touched:
                    self._recount_entities(cur, touched)
                self._apply_df(cur, self._df_delta)
                self._stories_flush(cur)  # after the recount: stories name entities as counted
        except psycopg.Error as exc:
            self._stories_forget()
            raise StoreError(
                f"{self.path}: batch of {len(batch)} articles was not stored ({exc}); "
                "nothing of it was written, fix the cause and ingest again"
            ) from exc
        return report

    def _drop_derived(self, cur: Cursor, rowid: int) -> set[int]:
        """Remove terms, links, signature and entity links of a stored version; returns the
        entities whose counts change."""
        terms = cur.execute("DELETE FROM terms WHERE rowid = %s RETURNING title, body",
                            (rowid,)).fetchone()
        if terms is not None:
            self._df_delta.subtract(set(terms[0].split()) | set(terms[1].split()))
        cur.execute("DELETE FROM search_vectors WHERE rowid = %s", (rowid,))
        entities = drop_enrichment(cur, POSTGRES, rowid)
        self._story_drop(cur, rowid)
        drop_copy_pairs(cur, rowid)
        sig = cur.execute("DELETE FROM signatures WHERE rowid = %s RETURNING sig",
                          (rowid,)).fetchone()
        if sig is not None:
            cur.execute("DELETE FROM lsh_bands WHERE bucket = ANY(%s) AND article_rowid = %s",
                        (band_buckets(sig[0]), rowid))
        cur.execute("DELETE FROM article_authors WHERE article_rowid = %s", (rowid,))
        cur.execute("DELETE FROM read_also WHERE article_rowid = %s", (rowid,))
        return entities

    def _write_derived(self, cur: Cursor, rowid: int, p: PreparedArticle, touched: set[int]) -> None:
        a = p.article
        cur.execute("INSERT INTO terms(rowid, title, body) VALUES (%s, %s, %s)",
                    (rowid, " ".join(p.title_terms), " ".join(p.body_terms)))
        cur.execute("INSERT INTO search_vectors(rowid, tsv) VALUES (%s, %s::tsvector)",
                    (rowid, tsvector_literal(p.title_terms, p.body_terms)))
        self._df_delta.update(set(p.title_terms) | set(p.body_terms))
        if a.authors:
            cur.executemany(
                "INSERT INTO article_authors(article_rowid, position, name, name_key) "
                "VALUES (%s, %s, %s, %s)",
                [(rowid, i, name, title_key(name)) for i, name in enumerate(a.authors)])
        insert_links(cur, POSTGRES, rowid, a)
        write_enrichment(cur, POSTGRES, rowid, a, touched)
        cur.execute("INSERT INTO signatures(rowid, sig) VALUES (%s, %s)", (rowid, p.signature))
        cur.execute(
            "INSERT INTO lsh_bands(bucket, article_rowid) SELECT unnest(%s::bigint[]), %s "
            "ON CONFLICT DO NOTHING", (band_buckets(p.signature), rowid))
        write_copy_pairs(cur, rowid, p.signature, p.body_terms or p.title_terms)

    @staticmethod
    def _recount_entities(cur: Cursor, rowids: set[int]) -> None:
        """Count the articles of ``rowids`` again; an entity left with none is removed."""
        ordered = sorted(rowids)
        cur.execute(_RECOUNT, (ordered,))
        cur.execute("DELETE FROM entities WHERE rowid = ANY(%s) AND article_count = 0",
                    (ordered,))

    @staticmethod
    def _apply_df(cur: Cursor, delta: Counter[str]) -> None:
        """Add a batch's document-frequency changes (sorted: one lock order)."""
        changed = sorted((t, n) for t, n in delta.items() if n)
        if not changed:
            return
        cur.execute(
            "INSERT INTO term_df(term, df) SELECT * FROM unnest(%s::text[], %s::bigint[]) "
            "ON CONFLICT (term) DO UPDATE SET df = term_df.df + excluded.df",
            ([t for t, _ in changed], [n for _, n in changed]))
        gone = [t for t, n in changed if n < 0]
        if gone:
            cur.execute("DELETE FROM term_df WHERE term = ANY(%s) AND df <= 0", (gone,))

    def add_failures(self, failures: Sequence[FailureRecord]) -> None:
        if not failures:
            return
        self._writable()
        with self.conn.transaction(), self.conn.cursor() as cur:
            insert_failures(cur, POSTGRES, failures)

    def delete(self, article_id: str) -> bool:
        self._writable()
        with self.conn.transaction(), self.conn.cursor() as cur:
            cur.execute(LOCK_SQL, (WRITE_LOCK,))
            row = cur.execute("SELECT rowid FROM articles WHERE id = %s",
                              (article_id,)).fetchone()
            if row is None:
                return False
            self._df_delta = Counter()
            touched = self._drop_derived(cur, row[0])
            cur.execute("DELETE FROM articles WHERE rowid = %s", (row[0],))
            release_target(cur, POSTGRES, article_id)  # links that named it: the next best
            if touched:
                self._recount_entities(cur, touched)
            self._apply_df(cur, self._df_delta)
            self._stories_flush(cur)
        return True

    # -- reading -------------------------------------------------------------------------

    def ids(self) -> Iterator[str]:
        last = 0
        while True:  # pages by rowid: no cursor is held open across the caller's work
            rows = self.conn.execute(
                "SELECT rowid, id FROM articles WHERE rowid > %s ORDER BY rowid LIMIT 5000",
                (last,)).fetchall()
            if not rows:
                return
            for _, article_id in rows:
                yield article_id
            last = rows[-1][0]

    def hash_lookup(self) -> _HashLookup:
        return _HashLookup(self.url)


    def _bytes(self) -> int:
        """The tables of this archive's schema, indexes and TOAST included."""
        return int(self.conn.execute(
            "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN "
            "pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
            "AND c.relkind = 'r'").fetchone()[0])

    # -- finding (search: warta.store.postgres_search) -----------------------------------
    def related(self, article_id: str, k: int = 5) -> list[RelatedHit]:
        if "story_of" in vars(self):  # a story signal plugged in from outside
            return related_postgres(self.conn, self.path, article_id, k, self.rum, self.story_of)
        if self.node_index is not None:  # candidates from this node's index, as on SQLite
            return related_mod.related_sqlite(NodeView(self.node_index, self.path), article_id, k)
        return related_postgres(self.conn, self.path, article_id, k, self.rum,
                                stored_stories=True)

    def close(self) -> None:
        if self.node_index is not None:
            self.node_index.close()
        self.conn.close()


class _HashLookup:
    """Its own connection: ingest calls it from the pool's feeder thread while the archive's
    connection writes batches (a lock keeps the connection to one thread at a time)."""

    def __init__(self, url: str) -> None:
        self.conn: psycopg.Connection = connect(url, read_only=True)[0]
        self._lock = threading.Lock()

    def __call__(self, article_id: str) -> StoredVersion | None:
        with self._lock:
            return stored_version(self.conn, POSTGRES, article_id)

    def close(self) -> None:
        self.conn.close()
