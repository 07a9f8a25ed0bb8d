"""Copy an archive between backends (``warta migrate-archive SRC DST``): SQLite → PostgreSQL
and back, row by row with the same rowids, resumable, verified by counts and hashes.

The two schemas have the same tables and columns (``migrations/`` and ``pg_migrations/``),
so stored rows are copied as they are — documents, analysed terms, signatures, entity
links — and nothing is analysed again. What each backend derives is rebuilt on the
destination: PostgreSQL's tsvectors, LSH buckets and term frequencies; SQLite's FTS5 index
(and its tantivy index on first open). Stories and copy pairs are copied as they are:
each was computed once, comparing an article with those stored before it, and recomputing
them would cost what ingest did.

Articles go over in chunks of rowids, each chunk one transaction on the destination that
also records how far the copy got (``meta``), so an interrupted run resumes after the last
committed chunk and a finished one only verifies.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from warta.errors import StoreError, UsageError
from warta.link.dedup import band_buckets
from warta.store import Archive, SQLiteArchive, open_archive
from warta.store.postgres_open import is_postgres_url, redact

__all__ = ["TransferReport", "migrate_archive"]

CHUNK = 2000

_ARTICLE_COLUMNS = ("rowid, id, url, outlet, outlet_key, section, section_key, title, "
                    "title_key, published, day, month, content_hash, revision, ingested_at, "
                    "doc, enriched")
# (table, columns, column holding the article rowid): rows that belong to a chunk of articles
_PER_ARTICLE = (
    ("articles", _ARTICLE_COLUMNS, "rowid"),
    ("terms", "rowid, title, body", "rowid"),
    ("signatures", "rowid, sig", "rowid"),
    ("article_authors", "article_rowid, position, name, name_key", "article_rowid"),
    ("read_also", "article_rowid, position, title_key, url, target_id, match_kind, match_score",
     "article_rowid"),
    ("article_entities", "article_rowid, entity_rowid, mentions, name, label", "article_rowid"),
    ("quotes", "article_rowid, position, speaker, speaker_key, role, kind, cue, text, speaker_kind",
     "article_rowid"),
    ("article_keywords", "article_rowid, position, keyword, keyword_key", "article_rowid"),
    # stories: computed once (an article is linked with those before it), copied as they are
    ("story_features", "article_rowid, days, vector", "article_rowid"),
    ("story_postings", "feature, day, article_rowid, weight", "article_rowid"),
    ("story_links", "a, b, score", "a"),
    ("story_members", "article_rowid, story_id", "article_rowid"),
)
_FIRST = (
    ("entities", "rowid, name, name_key, label, aliases, article_count"),
    ("entity_names", "name_key, entity_rowid"),
)
_LAST = (
    ("failures", "rowid, source, code, reason, raw, recorded_at"),
    ("sources", ("rowid, url, kind, outlet, added_at, interval_s, next_poll, last_poll, "
                 "status, last_error, failures, polls, articles_found, note")),
    ("source_docs", "url, etag, last_modified, body_hash, checked_at"),
    ("source_urls", ("key, url, source_rowid, version, status, attempts, article_id, "
                     "published_raw, reason, fetched_at")),
    ("stories", ("story_id, first_days, first_id, label, label_id, size, outlets, first_seen, "
                 "last_seen, last_days, entities")),
)
# copy pairs name two articles (a foreign key each), so they go over once all articles have
_COPY_PAIRS = ("copy_pairs", "article_rowid, other_rowid, jaccard", "article_rowid")
COUNTED = ("articles", "revisions", "terms", "signatures", "article_authors", "read_also",
           "entities", "entity_names", "article_entities", "quotes", "article_keywords",
           "failures", "sources", "source_docs", "source_urls", "story_features",
           "story_postings", "story_links", "story_members", "stories", "copy_pairs")


@dataclass(slots=True)
class TransferReport:
    """What a migration copied and how it was checked."""

    source: str
    destination: str
    articles_copied: int = 0
    resumed_after: int = 0  # articles a previous run had copied already
    counts: dict[str, int] = field(default_factory=dict)
    digest: str = ""
    verified: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source, "destination": self.destination,
            "articles_copied": self.articles_copied, "resumed_after": self.resumed_after,
            "counts": self.counts, "digest": self.digest, "verified": self.verified,
        }


class _Side:
    """One archive's connection with its dialect (placeholder, transactions, bulk insert)."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self.pg = not isinstance(archive, SQLiteArchive)
        self.conn: Any = archive.conn  # type: ignore[attr-defined]
        self.mark = "%s" if self.pg else "?"

    def rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        return self.conn.execute(sql.replace("?", self.mark), params).fetchall()

    def begin(self) -> None:
        self.conn.execute("BEGIN" if self.pg else "BEGIN IMMEDIATE")

    def commit(self) -> None:
        self.conn.execute("COMMIT")

    def rollback(self) -> None:
        self.conn.execute("ROLLBACK")

    def insert(self, table: str, columns: str, rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        if self.pg:  # COPY: the bulk path
            with self.conn.cursor() as cur, cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" * len(columns.split(",")))
            self.conn.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)

    def meta(self, key: str) -> str | None:
        row = self.rows("SELECT value FROM meta WHERE key = ?", (key,))
        return row[0][0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        conflict = "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        self.conn.execute(f"INSERT INTO meta(key, value) VALUES ({self.mark}, {self.mark}) "
                          f"{conflict}", (key, value))


def _name(db: str) -> str:
    return redact(db) if is_postgres_url(db) else db


def migrate_archive(src: str, dst: str) -> TransferReport:
    """Copy the archive at ``src`` into ``dst`` (each a SQLite path or a PostgreSQL URL),
    resuming an interrupted copy, then verify both hold the same (counts, hashes)."""
    if _name(src) == _name(dst):
        raise UsageError(f"{_name(src)}: source and destination are the same archive")
    report = TransferReport(_name(src), _name(dst))
    with open_archive(src, read_only=True) as source, open_archive(dst) as destination:
        s, d = _Side(source), _Side(destination)
        origin = f"{_name(src)} created {s.meta('created_at')}"
        _check_destination(d, origin, report)
        if d.meta("migrated_done") != origin:
            _copy(s, d, origin, report)
        report.counts, report.digest = _fingerprint(s)
        counts, digest = _fingerprint(d)
        if (counts, digest) != (report.counts, report.digest):
            differ = {t: (report.counts[t], counts[t]) for t in counts
                      if counts[t] != report.counts[t]}
            raise StoreError(
                f"{report.destination} does not hold the same as {report.source} (counts "
                f"differing: {differ or 'none'}; content hashes "
                f"{'equal' if digest == report.digest else 'differ'}); remove the destination "
                "and run migrate-archive again")
        report.verified = True
    return report


def _check_destination(d: _Side, origin: str, report: TransferReport) -> None:
    """The destination must be empty or a copy of this source begun earlier."""
    started = d.meta("migrated_from")
    holds = d.rows("SELECT count(*) FROM articles")[0][0]
    if started is None and holds:
        raise UsageError(f"{report.destination} already holds {holds} articles; migrate-archive "
                         "copies into an empty archive only: give a new one")
    if started is not None and started != origin:
        raise UsageError(f"{report.destination} holds a copy of another archive ({started}); "
                         "give a new destination")
    report.resumed_after = int(d.meta("migrated_articles") or 0)


def _copy(s: _Side, d: _Side, origin: str, report: TransferReport) -> None:
    last = int(d.meta("migrated_upto") or 0)
    done = report.resumed_after
    rum = bool(getattr(d.archive, "rum", None))
    if last == 0 and d.meta("migrated_from") is None:
        def first() -> None:
            _copy_tables(s, d, _FIRST)
            d.set_meta("migrated_from", origin)
            if d.pg:  # one index build after the load is far cheaper than row by row
                d.conn.execute("DROP INDEX IF EXISTS search_vectors_rum, search_vectors_gin")
        _in_tx(d, first)
    for lo, hi, n in _chunks(s, last):
        def step(lo: int = lo, hi: int = hi, copied: int = done + n) -> None:
            _copy_articles(s, d, lo, hi)
            d.set_meta("migrated_upto", str(hi))
            d.set_meta("migrated_articles", str(copied))
        _in_tx(d, step)
        done += n
        report.articles_copied += n
    _in_tx(d, lambda: _finish(s, d, origin))
    if d.pg:
        from warta.store.postgres_open import search_index

        search_index(d.conn, create=True, rum=rum)


def _in_tx(d: _Side, work: Any) -> None:
    d.begin()
    try:
        work()
    except BaseException:
        d.rollback()
        raise
    d.commit()


def _chunks(s: _Side, after: int) -> Iterator[tuple[int, int, int]]:
    """(after rowid, up to rowid, articles) of the chunks still to copy."""
    while True:
        rowids = [r[0] for r in s.rows(
            "SELECT rowid FROM articles WHERE rowid > ? ORDER BY rowid LIMIT ?", (after, CHUNK))]
        if not rowids:
            return
        yield after, rowids[-1], len(rowids)
        after = rowids[-1]


def _copy_tables(s: _Side, d: _Side, tables: tuple[tuple[str, str], ...]) -> None:
    for table, columns in tables:
        rows = s.rows(f"SELECT {columns} FROM {table}")
        if table == "failures" and d.pg:
            from warta.store.records_sql import failure_key

            d.insert(table, columns + ", dedup_key",
                     [(*r[:4], _bytes(r[4]), r[5], failure_key(r[1], r[2], r[3])) for r in rows])
        else:
            d.insert(table, columns, [tuple(_bytes(v) for v in r) for r in rows])


def _bytes(value: Any) -> Any:
    return bytes(value) if isinstance(value, memoryview) else value


def _copy_articles(s: _Side, d: _Side, lo: int, hi: int,
                   tables: tuple[tuple[str, str, str], ...] = _PER_ARTICLE) -> None:
    for table, columns, key in tables:
        rows = [tuple(_bytes(v) for v in r) for r in s.rows(
            f"SELECT {columns} FROM {table} WHERE {key} > ? AND {key} <= ?", (lo, hi))]
        if table == "articles" and not d.pg:
            rows = [(*r[:-1], int(r[-1])) for r in rows]  # PostgreSQL's boolean → 0/1
        if table == "terms" and d.pg:
            from warta.store.postgres_text import tsvector_literal

            d.insert("terms", "rowid, title, body", rows)
            d.insert("search_vectors", "rowid, tsv",
                     [(r[0], tsvector_literal(r[1].split(), r[2].split())) for r in rows])
            continue
        d.insert(table, columns, rows)
        if table == "signatures":
            d.insert("lsh_bands", "bucket, article_rowid",
                     sorted({(b, r[0]) for r in rows for b in band_buckets(r[1])}))
    if tables is not _PER_ARTICLE:
        return
    revisions = s.rows(
        "SELECT r.article_id, r.revision, r.content_hash, r.replaced_at, r.doc FROM revisions r "
        "JOIN articles a ON a.id = r.article_id WHERE a.rowid > ? AND a.rowid <= ?", (lo, hi))
    d.insert("revisions", "article_id, revision, content_hash, replaced_at, doc",
             [tuple(_bytes(v) for v in r) for r in revisions])


def _finish(s: _Side, d: _Side, origin: str) -> None:
    """The tables copied whole, then what the destination derives from the rows."""
    _copy_tables(s, d, _LAST)
    for lo, hi, _ in _chunks(s, 0):
        _copy_articles(s, d, lo, hi, (_COPY_PAIRS,))
    if d.pg:
        d.conn.execute("DELETE FROM term_df")
        d.conn.execute("INSERT INTO term_df(term, df) SELECT word, ndoc FROM "
                       "ts_stat('SELECT tsv FROM search_vectors')")
        for table in ("articles", "entities", "failures", "sources"):
            d.conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'rowid'), "
                           f"greatest((SELECT max(rowid) FROM {table}), 1))")
    else:
        d.conn.execute("INSERT INTO fts(fts) VALUES ('rebuild')")
    d.set_meta("migrated_done", origin)


def _fingerprint(side: _Side) -> tuple[dict[str, int], str]:
    """Row counts of every copied table, and one hash over every article's id, content hash
    and stored document, every revision's and every failure's raw bytes."""
    counts = {t: int(side.rows(f"SELECT count(*) FROM {t}")[0][0]) for t in COUNTED}
    digest = hashlib.blake2b(digest_size=16)
    after = 0
    while True:
        rows = side.rows("SELECT rowid, id, content_hash, doc FROM articles WHERE rowid > ? "
                         "ORDER BY rowid LIMIT ?", (after, CHUNK))
        if not rows:
            break
        for _, article_id, content_hash, doc in rows:
            digest.update(f"{article_id}\t{content_hash}\t".encode())
            digest.update(hashlib.blake2b(_bytes(doc), digest_size=16).digest())
        after = rows[-1][0]
    for article_id, revision, doc in side.rows(
            "SELECT article_id, revision, doc FROM revisions ORDER BY article_id, revision"):
        digest.update(f"{article_id}\t{revision}\t".encode())
        digest.update(hashlib.blake2b(_bytes(doc), digest_size=16).digest())
    for source, code, raw in side.rows("SELECT source, code, raw FROM failures ORDER BY rowid"):
        digest.update(f"{source}\t{code}\t".encode())
        digest.update(_bytes(raw) or b"")
    return counts, digest.hexdigest()
