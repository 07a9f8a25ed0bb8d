"""Writing an article's own row — the version check, the row's values and statements, and the
enrichment that arrives for a stored version — written once for both backends.

SQLite's and PostgreSQL's ``put_prepared`` held two copies of these steps that differed only
in placeholder style (and in how a new row's id comes back); like
:mod:`warta.store.records_sql` they are now written with ``?`` and spoken through the
backend's :class:`~warta.store.dialect.Dialect`. What really differs — the search index
rows and their bookkeeping — stays in the backends.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from warta.link.titles import title_key
from warta.model import Article
from warta.store.base import PutReport, StoredVersion
from warta.store.dialect import POSTGRES, Dialect
from warta.store.migrate import KEYWORD_INSERT, QUOTE_INSERT, keyword_rows, quote_rows
from warta.store.prepare import ENRICHMENT_FIELDS, PreparedArticle
from warta.store.read_also_sql import repoint_links
from warta.store.records_sql import now, pack, unpack

__all__ = ["ArticleWriting", "article_values", "drop_enrichment", "insert_article", "keep_revision", "stored_row",
           "stored_version", "store_enrichment", "update_article", "version_verdict", "write_enrichment"]

_COLUMNS = ("url, outlet, outlet_key, section, section_key, title, title_key, published, day, "
            "month, content_hash, ingested_at, doc, enriched")
_UPDATE = ("UPDATE articles SET url=?, outlet=?, outlet_key=?, section=?, section_key=?, "
           "title=?, title_key=?, published=?, day=?, month=?, content_hash=?, "
           "ingested_at=?, doc=?, enriched=?, revision=revision+1 WHERE rowid=?")
_INSERT = (f"INSERT INTO articles({_COLUMNS}, id) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def _insert_returning(cur: Any, dialect: Dialect, statement: str, params: tuple[Any, ...]) -> int:
    """Run an INSERT of one row (``?`` placeholders); returns the new row's rowid."""
    if dialect.name == POSTGRES.name:  # psycopg has no lastrowid: the row says it
        return int(cur.execute(dialect.sql(statement + " RETURNING rowid"), params).fetchone()[0])
    cur.execute(statement, params)
    return int(cur.lastrowid or 0)


def stored_row(cur: Any, dialect: Dialect, article_id: str) -> Any | None:
    """The stored row of ``article_id`` as (rowid, content_hash, revision, doc, enriched)."""
    return cur.execute(dialect.sql(
        "SELECT rowid, content_hash, revision, doc, enriched FROM articles WHERE id = ?"),
        (article_id,)).fetchone()


def earlier_hashes(cur: Any, dialect: Dialect, article_id: str) -> frozenset[str]:
    """The content hashes of an article's kept revisions."""
    return frozenset(r[0] for r in cur.execute(
        dialect.sql("SELECT content_hash FROM revisions WHERE article_id = ?"), (article_id,)))


def version_verdict(cur: Any, dialect: Dialect, p: PreparedArticle, report: PutReport
                    ) -> tuple[Any | None, str | None]:
    """The stored row of ``p``'s id (:func:`stored_row`; None when new) and what a put of
    ``p`` over it does: ``"skip"`` (nothing to store), ``"enrich"`` (same content, its
    enrichment arrives now), else None (store a version). Skips and enrichments are counted
    in ``report``."""
    old = stored_row(cur, dialect, p.article.id)
    if old is None:
        return None, None
    stored = StoredVersion(old[1], bool(old[4]), earlier_hashes(cur, dialect, p.article.id))
    why = stored.covers(p.content_hash, p.enriched)
    if why == "unchanged":
        report.unchanged += 1
        return old, "skip"
    if why == "earlier_versions":
        report.earlier_versions += 1
        return old, "skip"
    if p.content_hash == old[1]:
        report.enriched += 1
        return old, "enrich"
    return old, None


def article_values(p: PreparedArticle) -> tuple[Any, ...]:
    """The row values of ``p`` in the order of the article statements (id not included)."""
    a = p.article
    published = a.published.isoformat() if a.published else None
    return (
        a.url, a.outlet, title_key(a.outlet) if a.outlet else None, a.section,
        title_key(a.section) if a.section else None, a.title, title_key(a.title),
        published, published[:10] if published else None,
        published[:7] if published else None, p.content_hash, now(), pack(a), p.enriched,
    )


def keep_revision(cur: Any, dialect: Dialect, article_id: str, old: Any) -> None:
    """Keep the stored version ``old`` (:func:`stored_row`), enrichment included, as a revision
    before a new version replaces it. The old enrichment's offsets do not fit the new text, so
    only a run that enriches the new version stores enrichment for it."""
    cur.execute(dialect.sql(
        "INSERT INTO revisions(article_id, revision, content_hash, replaced_at, doc) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (article_id, revision) DO UPDATE SET "
        "content_hash = excluded.content_hash, replaced_at = excluded.replaced_at, "
        "doc = excluded.doc"),
        (article_id, old[2], old[1], now(), old[3]))


def update_article(cur: Any, dialect: Dialect, rowid: int, values: tuple[Any, ...]) -> None:
    """Overwrite the row ``rowid`` with a new version's ``values`` (its revision goes up)."""
    cur.execute(dialect.sql(_UPDATE), (*values, rowid))


def insert_article(cur: Any, dialect: Dialect, article_id: str, values: tuple[Any, ...]) -> int:
    """Add a new article's row; returns its rowid."""
    return _insert_returning(cur, dialect, _INSERT, (*values, article_id))


def store_enrichment(cur: Any, dialect: Dialect, rowid: int, doc: bytes, article: Article,
                     touched: set[int]) -> Article:
    """Give the stored document ``doc`` (row ``rowid``) the enrichment fields of ``article``
    and their rows; the rest of it (and so the stored version) stays. Returns the document
    now stored; the entities it names or named join ``touched``."""
    stored = unpack(doc)
    for name in ENRICHMENT_FIELDS:
        setattr(stored, name, getattr(article, name))
    touched.update(drop_enrichment(cur, dialect, rowid))
    cur.execute(dialect.sql("UPDATE articles SET doc = ?, enriched = ? WHERE rowid = ?"),
                (pack(stored), True, rowid))
    write_enrichment(cur, dialect, rowid, stored, touched)
    return stored


def drop_enrichment(cur: Any, dialect: Dialect, rowid: int) -> set[int]:
    """Remove an article's entity links, quote and keyword rows; returns the entities
    touched."""
    entities = {r[0] for r in cur.execute(
        dialect.sql("SELECT entity_rowid FROM article_entities WHERE article_rowid = ?"), (rowid,))}
    for table in ("article_entities", "quotes", "article_keywords"):
        cur.execute(dialect.sql(f"DELETE FROM {table} WHERE article_rowid = ?"), (rowid,))
    return entities


def stored_version(conn: Any, dialect: Dialect, article_id: str) -> StoredVersion | None:
    """What the archive on ``conn`` holds under ``article_id`` (None: nothing)."""
    row = conn.execute(
        dialect.sql("SELECT content_hash, enriched, revision FROM articles WHERE id = ?"),
        (article_id,)).fetchone()
    if row is None:
        return None
    # revision 1 has no earlier versions: spare the look-up
    earlier = earlier_hashes(conn, dialect, article_id) if row[2] > 1 else frozenset()
    return StoredVersion(row[0], bool(row[1]), earlier)


def write_enrichment(cur: Any, dialect: Dialect, rowid: int, a: Article, touched: set[int]) -> None:
    """Entity links, quote and keyword rows of an article (none when it is not enriched); the
    entities it names join ``touched`` (their counts are redone at the batch's end)."""
    for entity in a.entities:
        entity_rowid = upsert_entity(cur, dialect, entity.name, entity.label, entity.aliases)
        touched.add(entity_rowid)
        cur.execute(dialect.sql(
            "INSERT INTO article_entities(article_rowid, entity_rowid, mentions, name, label) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (article_rowid, entity_rowid) "
            "DO UPDATE SET mentions = article_entities.mentions + excluded.mentions"),
            (rowid, entity_rowid, max(1, len(entity.mentions)), entity.name, entity.label))
    quotes = quote_rows(rowid, [q.to_dict() for q in a.quotes])
    if quotes:
        cur.executemany(dialect.sql(QUOTE_INSERT), quotes)
    keywords = keyword_rows(rowid, a.keywords)
    if keywords:
        cur.executemany(dialect.sql(KEYWORD_INSERT), keywords)


def upsert_entity(cur: Any, dialect: Dialect, name: str, label: str, aliases: list[str]) -> int:
    """The rowid of the entity keyed by ``name``: added when new, its aliases merged when
    known; every name it goes by is filed in ``entity_names``."""
    key = title_key(name)
    row = cur.execute(dialect.sql("SELECT rowid, aliases FROM entities WHERE name_key = ?"),
                      (key,)).fetchone()
    if row is None:
        entity_rowid = _insert_returning(
            cur, dialect, "INSERT INTO entities(name, name_key, label, aliases) VALUES (?, ?, ?, ?)",
            (name, key, label, json.dumps(sorted(set(aliases)), ensure_ascii=False)))
    else:
        entity_rowid, known = int(row[0]), json.loads(row[1])
        merged = sorted(set(known) | set(aliases))
        if merged != known:
            cur.execute(dialect.sql("UPDATE entities SET aliases = ? WHERE rowid = ?"),
                        (json.dumps(merged, ensure_ascii=False), entity_rowid))
    names = sorted({title_key(n) for n in [name, *aliases]} - {""})  # sorted: one lock order
    file_names(cur, dialect, names, entity_rowid)
    return entity_rowid


def file_names(cur: Any, dialect: Dialect, names: list[str], entity_rowid: int) -> None:
    """File ``names`` (keys) under ``entity_rowid`` in ``entity_names``; known pairs stay.
    PostgreSQL takes them as one array in one statement: an executemany is one statement
    per name there (benchmarks/bench_postgres.py --entity-writes measures both)."""
    if dialect.name == POSTGRES.name:
        cur.execute("INSERT INTO entity_names(name_key, entity_rowid) SELECT unnest(%s::text[]), %s "
                    "ON CONFLICT DO NOTHING", (names, entity_rowid))
        return
    cur.executemany("INSERT INTO entity_names(name_key, entity_rowid) VALUES (?, ?) "
                    "ON CONFLICT DO NOTHING", [(n, entity_rowid) for n in names])


class ArticleWriting:
    """How one prepared article is put, for both backends, inside the batch's transaction: the
    version check, the row, the revision kept, the story placement and the Baca juga links.
    A backend gives the rows it derives for its search (``_drop_derived``, ``_write_derived``)
    and ``_placed``, what follows once an article's rows are written."""

    dialect: Dialect
    _story_add: Callable[..., None]  # warta.store.stories_sql.StoryWriting
    _story_drop: Callable[[Any, int], None]

    def _drop_derived(self, cur: Any, rowid: int) -> set[int]:
        """Remove the rows derived from a stored version; returns the entities whose counts
        change."""
        raise NotImplementedError

    def _write_derived(self, cur: Any, rowid: int, p: PreparedArticle, touched: set[int]) -> None:
        """Write the rows derived from ``p`` (terms, authors, links, enrichment, signature)."""
        raise NotImplementedError

    def _placed(self, cur: Any, rowid: int) -> None:
        """An article's rows (or its enrichment) were written: nothing more by default."""

    def _put_one(self, cur: Any, p: PreparedArticle, report: PutReport, touched: set[int]) -> None:
        """Store ``p`` as new, as a new version (the old one kept as a revision) or as its
        stored version's enrichment; or nothing, as :func:`version_verdict` says."""
        a = p.article
        old, verdict = version_verdict(cur, self.dialect, p, report)
        if verdict == "enrich":  # same content, its enrichment arrives now
            self._add_enrichment(cur, old[0], old[3], p, touched)
        if verdict is not None:
            return
        values = article_values(p)
        if old is not None:  # a new version: the old one is kept as a revision
            rowid = old[0]
            keep_revision(cur, self.dialect, a.id, old)
            touched.update(self._drop_derived(cur, rowid))
            update_article(cur, self.dialect, rowid, values)
            report.updated += 1
        else:
            rowid = insert_article(cur, self.dialect, a.id, values)
            report.added += 1
        self._write_derived(cur, rowid, p, touched)
        self._story_add(cur, rowid, a, p.title_terms, p.body_terms, p.story)
        self._placed(cur, rowid)
        report.links_resolved += repoint_links(cur, self.dialect, a, rowid)

    def _add_enrichment(self, cur: Any, rowid: int, doc: bytes, p: PreparedArticle,
                        touched: set[int]) -> None:
        """Store the enrichment of an article whose content is stored already: the stored
        document gets the four enrichment fields, the rest of it (and the version) stays."""
        stored = store_enrichment(cur, self.dialect, rowid, doc, p.article, touched)
        self._story_drop(cur, rowid)  # entities are story features: place it again
        self._story_add(cur, rowid, stored, p.title_terms, p.body_terms, p.story)
        self._placed(cur, rowid)
