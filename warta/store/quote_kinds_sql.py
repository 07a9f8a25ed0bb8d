"""Migration 019's backfill, written once for both engines: the speaker kind
(:attr:`warta.model.Quote.speaker_kind`) of every quote stored before the kind existed.

An article's stored record holds what extraction decided the kind from — its quotes (roles
already carried back), its entities and its paragraphs — so the kind is decided by the very
function extraction calls last (:func:`warta.enrich.quote_kinds.label_speakers`), never by a
copy of its rules: a stored quote gets the kind a fresh ingest of its article gives. The kind
is written to the quote's row **and** to the article's stored JSON, so the record and the
table agree. A quote whose kind is decided already is left alone; a quote the rules leave
undecided (no speaker and no description) stays NULL, so running it again changes nothing.
Revisions (replaced versions) are history and stay as they were written.

A stored record that cannot be read (or decided from) does not stop the migration: it is kept
as a failure — the article's URL (else its id), why, the stored bytes — that ``warta failures``
lists, its quotes keep no kind, and the other articles go on.
"""

from __future__ import annotations

import logging
import zlib
from dataclasses import replace
from typing import Any

from warta.errors import DocumentError, StoreError, WartaError
from warta.model import Article, SpeakerKind
from warta.store.base import FailureRecord
from warta.store.dialect import Dialect
from warta.store.records_sql import insert_failures, pack, unpack

__all__ = ["backfill_postgres", "backfill_speaker_kinds", "decided_kinds"]

log = logging.getLogger("warta.store")
_PAGE = 500  # articles read per query: a big archive's documents are not all held at once
# what reading one stored record can raise: not deflate data, not UTF-8 / JSON (ValueError),
# a field of the wrong shape (InvalidRecord, a DocumentError), a missing or mistyped key
_UNREADABLE = (zlib.error, ValueError, KeyError, TypeError, DocumentError)
_SET_KIND = ("UPDATE quotes SET speaker_kind = ? WHERE article_rowid = ? AND position = ? "
             "AND speaker_kind IS NULL")


def decided_kinds(article: Article) -> list[SpeakerKind | None]:
    """Each quote's speaker kind as a fresh ingest of ``article`` decides it, a kind already
    stored kept (the article is not changed)."""
    from warta.enrich.quote_kinds import label_speakers  # the one rule extraction applies

    fresh = label_speakers([replace(q, speaker_kind=None) for q in article.quotes],
                           article.entities, article.paragraphs)
    return [q.speaker_kind or f.speaker_kind for q, f in zip(article.quotes, fresh, strict=True)]


def backfill_speaker_kinds(conn: Any, dialect: Dialect) -> dict[str, int]:
    """Migration 019: decide the speaker kind of every stored quote that has none, in its row
    of ``quotes`` and in its article's stored document. Returns (and logs) the counts:
    articles whose document changed, quotes given a kind in the documents, rows updated, and
    articles kept as failures (their record could not be read)."""
    counts = {"articles": 0, "quotes": 0, "rows": 0, "failures": 0}
    last = -1
    while True:
        page = conn.execute(dialect.sql("SELECT rowid, id, url, doc FROM articles WHERE rowid > ? "
                                        "ORDER BY rowid LIMIT ?"), (last, _PAGE)).fetchall()
        if not page:
            break
        last = page[-1][0]
        failures = []
        for rowid, article_id, url, doc in page:
            try:
                article = unpack(bytes(doc))
            except _UNREADABLE as err:  # one bad record must not stop the migration
                failures.append(_failure(url or article_id, article_id, bytes(doc), err))
                continue
            # not caught: an error while deciding is the code's or the word lists' (UsageError),
            # not this record's, and must stop (and roll back) the migration, not mark every
            # article as a failure while the version moves on
            kinds = decided_kinds(article)
            _backfill_article(conn, dialect, rowid, article, kinds, counts)
        if failures:
            insert_failures(conn.cursor(), dialect, failures)
            counts["failures"] += len(failures)
    log.debug("migration 019: speaker kinds of %(quotes)s quotes in %(articles)s articles, "
              "%(rows)s rows, %(failures)s failures", counts)
    return counts


def _failure(source: str, article_id: str, doc: bytes, err: Exception) -> FailureRecord:
    """The failure kept for an article whose stored record migration 019 could not use: the
    record's JSON as raw bytes when it inflates, else the bytes as stored."""
    try:
        raw = zlib.decompress(doc)
    except zlib.error:
        raw = doc
    code = err.code if isinstance(err, WartaError) else StoreError.code
    reason = (f"migration 019: the stored record of article {article_id} cannot be read "
              f"({_kind_of(err)}: {err}), so its quotes keep no speaker kind; the stored bytes "
              "are kept with this failure (warta failures --export DIR); ingest the article's "
              "source into a new archive, or restore a backup, to store it whole again")
    log.warning("%s: %s", source, reason)
    return FailureRecord(source, code, reason, raw)


def _kind_of(err: Exception) -> str:
    """The error's name as a user can look it up (``zlib.error``, not the bare ``error``)."""
    kind = type(err)
    return f"{kind.__module__}.{kind.__name__}" if kind.__module__ == "zlib" else kind.__name__


def _backfill_article(conn: Any, dialect: Dialect, rowid: int, article: Article,
                      kinds: list[SpeakerKind | None], counts: dict[str, int]) -> None:
    changed = [i for i, (q, kind) in enumerate(zip(article.quotes, kinds, strict=True))
               if q.speaker_kind != kind]
    if changed:
        for i in changed:
            article.quotes[i].speaker_kind = kinds[i]
        conn.execute(dialect.sql("UPDATE articles SET doc = ? WHERE rowid = ?"), (pack(article), rowid))
        counts["articles"] += 1
        counts["quotes"] += len(changed)
    # a row's position is its quote's index in the document (only quotes with a speaker have
    # a row: warta.store.migrate.quote_rows); a row decided already is not touched
    rows = [(kind, rowid, i) for i, (q, kind) in enumerate(zip(article.quotes, kinds, strict=True))
            if q.speaker and kind is not None]
    for row in rows:
        counts["rows"] += conn.execute(dialect.sql(_SET_KIND), row).rowcount


def backfill_postgres(conn: Any) -> None:
    """Migration 019 on PostgreSQL (:func:`backfill_speaker_kinds`)."""
    from warta.store.dialect import POSTGRES

    backfill_speaker_kinds(conn, POSTGRES)
