"""Schema migrations: numbered ``migrations/NNN_name.sql`` files applied in order.

The applied version lives in ``schema_version``; each migration and its version bump run in
one transaction, so a crash mid-migration leaves the previous version intact.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
import zlib
from collections.abc import Callable
from importlib import resources
from typing import Any

from warta.errors import DataMissing, StoreError, UsageError

__all__ = ["KEYWORD_INSERT", "LATEST_VERSION", "RECOUNT_ENTITY", "foreign_tables", "keyword_rows", "migrate", "migrations",
           "recount_all_entities", "superseded"]

_NAME = re.compile(r"(\d{3})_[\w-]+\.sql")
log = logging.getLogger("warta.store")


_SHOWN_TABLES = 8  # tables named when a database is refused as another application's


def foreign_tables(tables: list[str]) -> str | None:
    """The first of ``tables``, to name in a refusal, when they are another application's;
    None when they are warta's: none yet, or warta's ``schema_version`` (made before anything
    else) and, past the first migration, its ``meta`` table (both names alone are common
    elsewhere). Both engines refuse alike before migrating."""
    names = set(tables)
    if not names or "schema_version" in names and (names == {"schema_version"} or "meta" in names):
        return None
    return ", ".join(tables[:_SHOWN_TABLES]) + (", …" if len(tables) > _SHOWN_TABLES else "")


def migrations(folder_name: str = "migrations") -> list[tuple[int, str]]:
    """(version, SQL) of every shipped migration, in order: SQLite's, or PostgreSQL's with
    ``folder_name="pg_migrations"`` (numbered alike)."""
    folder = resources.files("warta.store") / folder_name
    found = []
    for entry in folder.iterdir():
        m = _NAME.fullmatch(entry.name)
        if m:
            found.append((int(m.group(1)), entry.read_text(encoding="utf-8")))
    return sorted(found)


LATEST_VERSION = migrations()[-1][0]


def current_version(conn: sqlite3.Connection) -> int:
    """The schema version of an open archive (0 for an empty file)."""
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


QUOTE_INSERT = (
    "INSERT INTO quotes(article_rowid, position, speaker, speaker_key, role, kind, cue, text, "
    "speaker_kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def quote_rows(rowid: int, quotes: list[dict[str, object]]) -> list[tuple[object, ...]]:
    """Rows of the ``quotes`` table for an article's quotes (as dicts); only quotes with a
    speaker are kept, at their position in the article."""
    from warta.link.titles import title_key  # the key every name column uses

    return [
        (rowid, i, q["speaker"], title_key(str(q["speaker"])), q.get("role"), q.get("kind"),
         q.get("cue"), q.get("text"), q.get("speaker_kind"))
        for i, q in enumerate(quotes) if q.get("speaker")
    ]


def _backfill_quotes(conn: sqlite3.Connection) -> None:
    """Version 4: fill ``quotes`` from the stored documents (compressed article JSON), in the
    columns of version 4 (``speaker_kind`` comes with 019, which runs after it)."""
    insert = ("INSERT INTO quotes(article_rowid, position, speaker, speaker_key, role, kind, cue, text) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
    for rowid, doc in conn.execute("SELECT rowid, doc FROM articles").fetchall():
        quotes = json.loads(zlib.decompress(doc)).get("quotes") or []
        conn.executemany(insert, [row[:-1] for row in quote_rows(rowid, quotes)])


KEYWORD_INSERT = (
    "INSERT INTO article_keywords(article_rowid, position, keyword, keyword_key) "
    "VALUES (?, ?, ?, ?)"
)


def keyword_rows(rowid: int, keywords: list[str]) -> list[tuple[object, ...]]:
    """Rows of the ``article_keywords`` table for an article's keywords, in their order."""
    from warta.link.titles import title_key  # the key every name column uses

    return [(rowid, i, k, title_key(k)) for i, k in enumerate(keywords) if title_key(k)]


def _backfill_keywords(conn: sqlite3.Connection) -> None:
    """Version 6: fill ``article_keywords`` from the stored documents."""
    for rowid, doc in conn.execute("SELECT rowid, doc FROM articles").fetchall():
        keywords = json.loads(zlib.decompress(doc)).get("keywords") or []
        conn.executemany(KEYWORD_INSERT, keyword_rows(rowid, keywords))


def _rehash_without_enrichment(conn: sqlite3.Connection) -> None:
    """Version 5: content hashes that leave enrichment out (earlier ones covered it, or
    ended in ``+enriched``), the ``enriched`` flag, and entity counts of what is there."""
    from warta.link.titles import title_key
    from warta.store.prepare import ENRICHMENT_FIELDS, content_hash_of_dict

    for rowid, old_hash, doc in conn.execute(
        "SELECT rowid, content_hash, doc FROM articles"
    ).fetchall():
        d = json.loads(zlib.decompress(doc))
        enriched = old_hash.endswith("+enriched") or any(d.get(k) for k in ENRICHMENT_FIELDS)
        conn.execute("UPDATE articles SET content_hash = ?, enriched = ? WHERE rowid = ?",
                     (content_hash_of_dict(d), int(enriched), rowid))
        for entity in reversed(d.get("entities") or []):  # the first of a key is kept
            conn.execute(
                "UPDATE article_entities SET name = ?, label = ? WHERE article_rowid = ? AND "
                "entity_rowid = (SELECT rowid FROM entities WHERE name_key = ?)",
                (entity["name"], entity["label"], rowid, title_key(entity["name"])),
            )
    for article_id, revision, doc in conn.execute(
        "SELECT article_id, revision, doc FROM revisions"
    ).fetchall():
        conn.execute(
            "UPDATE revisions SET content_hash = ? WHERE article_id = ? AND revision = ?",
            (content_hash_of_dict(json.loads(zlib.decompress(doc))), article_id, revision),
        )
    recount_all_entities(conn)


def _backfill_stories(conn: sqlite3.Connection) -> None:
    """Versions 11, 13, 16, 18 and 20: stories of the stored articles (warta.store.sqlite_stories)."""
    from warta.store.sqlite_stories import backfill_stories  # the store layer owns it

    backfill_stories(conn)


def recount_all_entities(conn: sqlite3.Connection) -> None:
    """Article counts from the links that exist; entities no article mentions are removed
    (a count of 0 is a leftover of a replaced or deleted article, not an entity)."""
    rowids = [r[0] for r in conn.execute("SELECT rowid FROM entities")]
    conn.executemany(RECOUNT_ENTITY, [(r, r, r, r) for r in rowids])
    conn.execute("DELETE FROM entities WHERE article_count = 0")


# An entity's article count, and its name and label as most of its articles write them
# (ties: a name not in capitals, then alphabetical): the same whatever order articles came in.
RECOUNT_ENTITY = (
    "UPDATE entities SET article_count = (SELECT count(*) FROM article_entities "
    "WHERE entity_rowid = ?1), "
    "name = coalesce((SELECT name FROM article_entities WHERE entity_rowid = ?2 AND name IS NOT "
    "NULL GROUP BY name ORDER BY count(*) DESC, name = upper(name), name LIMIT 1), name), "
    "label = coalesce((SELECT label FROM article_entities WHERE entity_rowid = ?3 AND label IS "
    "NOT NULL GROUP BY label ORDER BY count(*) DESC, label LIMIT 1), label) WHERE rowid = ?4"
)


# data steps that SQL cannot express, run inside the migration's transaction after its SQL
_BACKFILLS: dict[int, Callable[[sqlite3.Connection], None]] = {
    4: _backfill_quotes,
    5: _rehash_without_enrichment,
    6: _backfill_keywords,
    11: _backfill_stories,
    12: lambda conn: _backfill_copies(conn),
    13: _backfill_stories,  # the same backfill, with the pair model's features
    16: _backfill_stories,  # again: quantities among the features, the model refitted
    17: lambda conn: _backfill_link_matches(conn),
    18: _backfill_stories,  # again: every candidate pair scored, not an arriving article's 40
    19: lambda conn: _backfill_speaker_kinds(conn),
    20: _backfill_stories,  # again: the process keys of the titles among the features
}
# Migrations that recompute every story from scratch (their SQL empties the story tables):
# when a later one is pending too, an earlier one's backfill is skipped — its result would be
# thrown away by the later one, and on a big archive each takes minutes.
STORY_RECOMPUTES = (11, 13, 16, 18, 20)


def superseded(number: int, pending: set[int]) -> bool:
    """Whether migration ``number``'s backfill is redone by a later pending migration (both
    backends ask this)."""
    return number in STORY_RECOMPUTES and any(
        later > number and later in pending for later in STORY_RECOMPUTES)


def _backfill_link_matches(conn: sqlite3.Connection) -> None:
    """Version 17: how each ``Baca juga`` link names its target (warta.store.read_also_sql)."""
    from warta.store.dialect import SQLITE
    from warta.store.read_also_sql import backfill_matches

    backfill_matches(conn, SQLITE)


def _backfill_speaker_kinds(conn: sqlite3.Connection) -> None:
    """Version 19: the speaker kind of every stored quote (warta.store.quote_kinds_sql)."""
    from warta.store.dialect import SQLITE
    from warta.store.quote_kinds_sql import backfill_speaker_kinds

    backfill_speaker_kinds(conn, SQLITE)


def _backfill_copies(conn: sqlite3.Connection) -> None:
    """Version 12: 5-shingle signatures, 16×4 bands and verified copy pairs (sqlite_copies)."""
    from warta.store.sqlite_copies import backfill_copies

    backfill_copies(conn)


_ANNOUNCED = 1_000  # articles from which a backfill is announced (it may take minutes)


def announce_backfill(conn: Any, where: str, number: int) -> None:
    """Say on the ``warta.store`` logger (the CLI prints it) that migration ``number``
    recomputes data for every article of a big archive, so a long wait is not silent."""
    articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    if articles >= _ANNOUNCED:
        log.info("%s: migration %03d recomputes %s for %s articles; this runs once and may "
                 "take minutes", where, number, _BACKFILL_WHAT.get(number, "derived data"),
                 f"{articles:,}")


_BACKFILL_WHAT = {4: "quotes", 5: "content hashes", 6: "keywords", 11: "stories", 13: "stories",
                  12: "copy signatures and pairs", 16: "stories",
                  17: "'Baca juga' link matches", 18: "stories", 19: "quote speaker kinds",
                  20: "stories"}


def applied_versions(conn: sqlite3.Connection) -> set[int]:
    """The numbers of the migrations already applied to an open archive."""
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    return {int(v) for (v,) in conn.execute("SELECT version FROM schema_version")}


def migrate(conn: sqlite3.Connection, where: str) -> int:
    """Bring the archive at ``where`` to the latest schema; returns the version.

    Numbers may have gaps (features reserve ranges, e.g. 010 for live sources), and every
    shipped migration not yet applied runs, also one numbered below the current version: an
    archive made by a build that had 010 but not yet 005 still gets 005."""
    version = current_version(conn)
    applied = applied_versions(conn)
    if version > LATEST_VERSION:
        raise StoreError(
            f"{where}: archive schema version {version} is newer than this warta knows "
            f"({LATEST_VERSION}); upgrade warta to open it"
        )
    pending = {number for number, _ in migrations() if number not in applied}
    for number, sql in migrations():
        if number in applied:
            continue
        try:
            conn.executescript(f"BEGIN IMMEDIATE;\n{sql}")  # left open for the backfill
            if number in _BACKFILLS and not superseded(number, pending):
                announce_backfill(conn, where, number)
                _BACKFILLS[number](conn)
            conn.execute(f"INSERT INTO schema_version VALUES ({number})")
            conn.execute("COMMIT")
        except BaseException as exc:
            # nothing of a failed migration stays: its transaction is rolled back whatever
            # went wrong (an interrupt included), then the error says what to fix
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, (UsageError, DataMissing, StoreError)) or not isinstance(exc, Exception):
                raise  # the user's word lists, the installation, a store error that says where, an interrupt
            raise StoreError(f"{where}: migration {number:03d} failed: {exc}") from exc
        version = max(version, number)
    return version
