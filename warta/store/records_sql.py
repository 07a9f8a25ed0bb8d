"""Reading stored records — an article by id, its revisions, the failures list — written once
for both backends.

SQLite's and PostgreSQL's archives held two copies of these methods that differed only in
their placeholder style; like :mod:`warta.store.listing_sql` they are now written with ``?``
and spoken through the backend's :class:`~warta.store.dialect.Dialect`. How an article is
packed into its row (zlib-compressed JSON) and the timestamp style of ``recorded_at`` /
``replaced_at`` live here too, so the two engines cannot drift apart on them.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from warta.model import Article
from warta.store.base import EntityRecord, FailureInfo, FailureRecord, Revision
from warta.store.dialect import POSTGRES, Dialect

__all__ = ["RecordsMixin", "failure_key", "insert_failures", "now", "pack", "unpack"]


def now() -> str:
    """The current instant as stored in ``recorded_at`` and ``replaced_at`` columns."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def pack(article: Article) -> bytes:
    """An article as its row's ``doc``: the lossless JSON, compressed."""
    return zlib.compress(article.to_json().encode("utf-8"), 6)


def unpack(blob: bytes) -> Article:
    """The article a row's ``doc`` holds (inverse of :func:`pack`)."""
    return Article.from_json(zlib.decompress(blob))


def failure_key(source: str, code: str, reason: str) -> str:
    """PostgreSQL's de-duplication key of a failure: one row per (source, code, reason)."""
    blob = f"{source}\x1f{code}\x1f{reason}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(blob, digest_size=16).hexdigest()


def insert_failures(cur: Any, dialect: Dialect, failures: Sequence[FailureRecord]) -> None:
    """Keep ``failures`` with ``cur`` (in the caller's transaction): one row per (source, code,
    reason), its raw bytes and time refreshed when the same failure comes again."""
    if dialect.name == POSTGRES.name:
        # a reason may be longer than a btree entry allows: PostgreSQL keys on a hash of it
        statement = ("INSERT INTO failures(source, code, reason, raw, recorded_at, dedup_key) "
                     "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (dedup_key) DO UPDATE SET ")
        rows = [(f.source, f.code, f.reason, f.raw, f.recorded_at or now(),
                 failure_key(f.source, f.code, f.reason)) for f in failures]
    else:
        statement = ("INSERT INTO failures(source, code, reason, raw, recorded_at) VALUES "
                     "(?, ?, ?, ?, ?) ON CONFLICT(source, code, reason) DO UPDATE SET ")
        rows = [(f.source, f.code, f.reason, f.raw, f.recorded_at or now()) for f in failures]
    cur.executemany(dialect.sql(statement + "raw = excluded.raw, recorded_at = excluded.recorded_at"),
                    rows)


class RecordsMixin:
    """``get``, ``count``, ``revisions``, ``entities``, ``stats`` and the failure readers of the
    Archive interface, for
    a class with ``self.conn`` (a DB-API connection whose ``execute`` returns a cursor) and
    ``self.dialect``."""

    conn: Any
    dialect: Dialect
    schema_version: int
    analyzer: str
    engine: str

    def _rows(self, statement: str, params: tuple[Any, ...] = ()) -> list[Any]:
        return self.conn.execute(self.dialect.sql(statement), params).fetchall()

    def get(self, article_id: str) -> Article | None:
        rows = self._rows("SELECT rowid, doc FROM articles WHERE id = ?", (article_id,))
        if not rows:
            return None
        rowid, doc = rows[0]
        article = unpack(doc)
        # an unresolved link keeps no match kind, whatever the row says
        targets = {position: (target, kind if target else None) for position, target, kind in self._rows(
            "SELECT position, target_id, match_kind FROM read_also WHERE article_rowid = ?", (rowid,))}
        for position, link in enumerate(article.read_also):
            link.id, link.match = targets.get(position, (None, None))
        return article

    def count(self) -> int:
        return int(self._rows("SELECT count(*) FROM articles")[0][0])

    def stats(self) -> dict[str, Any]:
        counts = self._counts()
        size = self._bytes()
        return {
            **counts,
            "bytes": size,
            "bytes_per_article": round(size / counts["articles"]) if counts["articles"] and size else None,
            "schema_version": self.schema_version,
            "analyzer": self.analyzer,
            "search_engine": self.engine,
        }

    def _bytes(self) -> int:
        """The archive's size on disk, as each engine measures it (0: not known)."""
        raise NotImplementedError

    def _counts(self) -> dict[str, Any]:
        """The row counts and the outlet and time spans of :meth:`stats`, in its order."""

        def one(statement: str) -> Any:
            return self._rows(statement)[0][0]

        return {
            "articles": one("SELECT count(*) FROM articles"),
            "revisions": one("SELECT count(*) FROM revisions"),
            "failures": one("SELECT count(*) FROM failures"),
            # 0/1 on SQLite, a boolean on PostgreSQL: both read as a truth value
            "enriched": one("SELECT count(*) FROM articles WHERE enriched"),
            # what is there: entities some stored article mentions, and their links
            "entities": one("SELECT count(*) FROM entities WHERE article_count > 0"),
            # PostgreSQL's sum of integers is a numeric
            "entity_mentions": int(one("SELECT coalesce(sum(mentions), 0) FROM article_entities")),
            "quotes": one("SELECT count(*) FROM quotes"),
            "read_also": one("SELECT count(*) FROM read_also"),
            "read_also_resolved": one("SELECT count(*) FROM read_also WHERE target_id IS NOT NULL"),
            # stories (warta.link.stories): all, and those told by two articles or more
            "stories": one("SELECT count(*) FROM stories"),
            "multi_article_stories": one("SELECT count(*) FROM stories WHERE size > 1"),
            # the unnamed outlet first on both engines (PostgreSQL sorts NULL last by default)
            "outlets": [{"value": v, "count": c} for v, c in self._rows(
                "SELECT outlet, count(*) FROM articles GROUP BY outlet "
                "ORDER BY 2 DESC, outlet IS NOT NULL, 1 LIMIT 20")],
            "first_published": one("SELECT min(published) FROM articles"),
            "last_published": one("SELECT max(published) FROM articles"),
        }

    def entities(self, limit: int = 50) -> list[EntityRecord]:
        rows = self._rows("SELECT name, label, aliases, article_count FROM entities "
                          "ORDER BY article_count DESC, name LIMIT ?", (limit,))
        return [EntityRecord(n, lab, json.loads(al), c) for n, lab, al, c in rows]

    def revisions(self, article_id: str) -> list[Revision]:
        rows = self._rows("SELECT revision, replaced_at, doc FROM revisions WHERE article_id = ? "
                          "ORDER BY revision", (article_id,))
        return [Revision(article_id, r, at, unpack(doc)) for r, at, doc in rows]

    def failures(self) -> list[FailureRecord]:
        rows = self._rows("SELECT source, code, reason, raw, recorded_at FROM failures ORDER BY rowid")
        # PostgreSQL hands bytea back as memoryview
        return [FailureRecord(s, c, r, bytes(raw) if raw is not None else None, at)
                for s, c, r, raw, at in rows]

    def list_failures(self, *, limit: int | None = None, offset: int = 0
                      ) -> tuple[int, list[FailureInfo]]:
        total = int(self._rows("SELECT count(*) FROM failures")[0][0])
        rows = self._rows("SELECT rowid, source, code, reason, recorded_at, coalesce(length(raw), 0) "
                          "FROM failures ORDER BY rowid LIMIT ? OFFSET ?",
                          (self.dialect.no_limit if limit is None else limit, offset))
        return total, [FailureInfo(*r) for r in rows]

    def failure_raw(self, number: int) -> bytes | None:
        rows = self._rows("SELECT raw FROM failures WHERE rowid = ?", (number,))
        return bytes(rows[0][0]) if rows and rows[0][0] is not None else None
