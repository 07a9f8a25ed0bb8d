"""Nothing lost for archives written before migrations 019 and 020: the stored quotes get the
speaker kinds a fresh ingest gives (019's backfill, in the quotes table and the stored JSON),
and the stored story features gain the process keys of the titles (020), on both backends."""

from __future__ import annotations

import json
import re
import sqlite3
import zlib
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.unit.test_stories import grouping, load_fixtures
from warta.ingest import prepare_article
from warta.enrich.quote_kinds import SPEAKER_WORDS_ENV
from warta.errors import UsageError
from warta.model import SPEAKER_KINDS, Article
from warta.store import Archive, SQLiteArchive
from warta.store.dialect import POSTGRES, SQLITE
from warta.store.migrate import LATEST_VERSION, superseded
from warta.store.quote_kinds_sql import backfill_speaker_kinds

ARTICLE_ID = "5f0c1a2b3c4d5e6f"
# (speaker, role, kind) as a fresh ingest of _article() stores them
FRESH = [
    ("Rudi Santoso", "Kepala BPBD Lembah Hijau", "public"),    # the role is an office
    ("Siti Aminah", "warga Sukamakmur", "private"),            # a private description
    ("Ahmad Fauzi", "Camat Sukamakmur", "public"),
    ("Budi Hartono", None, "private"),                          # a person with no office
    ("Rudi Santoso", "Kepala BPBD Lembah Hijau", "public"),
]


def _article() -> Article:
    return Article(id=ARTICLE_ID, url="https://k.example/banjir-surut", outlet="Kabar Contoh",
                   title="Banjir Surut di Sukamakmur", published=datetime(2024, 3, 1, 9, tzinfo=UTC),
                   paragraphs=[
                       "Kepala BPBD Lembah Hijau Rudi Santoso mengatakan air sudah surut sejak pagi.",
                       "\"Air masuk ke rumah sejak subuh,\" kata Siti Aminah, warga Sukamakmur.",
                       "Ahmad Fauzi, Camat Sukamakmur, meninjau posko pengungsian pada Jumat siang.",
                       "\"Kami data semua yang mengungsi,\" kata Ahmad Fauzi.",
                       "\"Semua barang kami hanyut,\" kata Budi Hartono.",
                       "\"Bantuan akan tiba besok,\" kata Rudi.",
                   ])


def _ingest(archive: Archive) -> None:
    """Store _article() as `warta ingest` does (enriched on the way)."""
    archive.put_prepared([prepare_article(_article(), True)])


def _rows(archive: Archive) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in archive.conn.execute(  # type: ignore[attr-defined]
        "SELECT position, speaker, role, speaker_kind FROM quotes ORDER BY position").fetchall()]


def _without_kinds(doc: bytes, keep: int) -> bytes:
    """The stored JSON as the code before 019 wrote it (no ``speaker_kind`` key), but for the
    quote at ``keep``, which an earlier re-enrichment decided as ``public``."""
    d = json.loads(zlib.decompress(doc))
    for i, q in enumerate(d["quotes"]):
        del q["speaker_kind"]
        if i == keep:
            q["speaker_kind"] = "public"
    return zlib.compress(json.dumps(d, ensure_ascii=False).encode("utf-8"), 6)


KEPT = 3  # Budi Hartono's quote: decided already (as public), so left alone
OLD = [(i, s, r, "public" if i == KEPT else None) for i, (s, r, _) in enumerate(FRESH)]
AFTER = [(i, s, r, "public" if i == KEPT else k) for i, (s, r, k) in enumerate(FRESH)]


def test_a_fresh_ingest_decides_the_kinds() -> None:
    with SQLiteArchive(":memory:") as archive:
        _ingest(archive)
        assert _rows(archive) == [(i, *row) for i, row in enumerate(FRESH)]


def test_migration_19_decides_the_kinds_of_an_older_archive(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    with SQLiteArchive(db) as archive:
        _ingest(archive)
        fresh = archive.get(ARTICLE_ID)
    assert fresh is not None
    conn = sqlite3.connect(db)
    # as the code before 019 left it: no speaker_kind column, no key in the JSON
    conn.execute("ALTER TABLE quotes DROP COLUMN speaker_kind")
    (doc,) = conn.execute("SELECT doc FROM articles").fetchone()
    conn.execute("UPDATE articles SET doc = ?", (_without_kinds(doc, KEPT),))
    conn.execute("DELETE FROM schema_version WHERE version = 19")
    conn.commit()
    conn.close()
    with SQLiteArchive(db) as archive:
        assert archive.schema_version == LATEST_VERSION
        assert _rows(archive) == AFTER
        stored = archive.get(ARTICLE_ID)
        assert stored is not None
        assert [q.speaker_kind for q in stored.quotes] == [row[3] for row in AFTER]
        # nothing else of the record moved: with the kept kind as fresh, it is the fresh one
        stored.quotes[KEPT].speaker_kind = "private"
        assert stored == fresh
        # a second run finds nothing to decide
        assert backfill_speaker_kinds(archive.conn, SQLITE) == {"articles": 0, "quotes": 0, "rows": 0, "failures": 0}
        assert _rows(archive) == AFTER


@pytest.mark.parametrize("folder", ["migrations", "pg_migrations"])
def test_the_019_check_spells_the_kinds_the_model_knows(folder: str) -> None:
    # the database refuses a kind the model does not know and takes every one it does
    sql = (Path(__file__).parents[2] / "warta" / "store" / folder / "019_quote_speaker_kind.sql").read_text()
    (listed,) = re.findall(r"CHECK \(speaker_kind IN \(([^)]*)\)\)", sql)
    assert tuple(k.strip(" '") for k in listed.split(",")) == SPEAKER_KINDS


def test_migration_19_counts_what_it_decides(tmp_path: Path) -> None:
    with SQLiteArchive(tmp_path / "a.db") as archive:
        _ingest(archive)
        archive.conn.execute("UPDATE quotes SET speaker_kind = NULL WHERE position <> ?", (KEPT,))
        archive.conn.execute("UPDATE quotes SET speaker_kind = 'public' WHERE position = ?", (KEPT,))
        (doc,) = archive.conn.execute("SELECT doc FROM articles").fetchone()
        archive.conn.execute("UPDATE articles SET doc = ?", (_without_kinds(doc, KEPT),))
        assert _rows(archive) == OLD
        assert backfill_speaker_kinds(archive.conn, SQLITE) == {"articles": 1, "quotes": 4, "rows": 4, "failures": 0}
        assert _rows(archive) == AFTER


def test_the_postgres_migration_19_decides_the_kinds_of_an_older_archive() -> None:
    from tests.conftest import postgres_schema_url
    from warta.store.postgres import PostgresArchive

    url = postgres_schema_url()
    with PostgresArchive(url) as archive:
        _ingest(archive)
        fresh = archive.get(ARTICLE_ID)
        assert fresh is not None
        archive.conn.execute("ALTER TABLE quotes DROP COLUMN speaker_kind")
        (doc,) = archive.conn.execute("SELECT doc FROM articles").fetchone()
        archive.conn.execute("UPDATE articles SET doc = %s", (_without_kinds(bytes(doc), KEPT),))
        archive.conn.execute("DELETE FROM schema_version WHERE version = 19")
    with PostgresArchive(url) as archive:
        assert _rows(archive) == AFTER
        stored = archive.get(ARTICLE_ID)
        assert stored is not None
        stored.quotes[KEPT].speaker_kind = "private"
        assert stored == fresh
        assert backfill_speaker_kinds(archive.conn, POSTGRES) == {"articles": 0, "quotes": 0, "rows": 0, "failures": 0}
        assert _rows(archive) == AFTER


# a record 019 cannot read: its JSON refuses a field (written by a damaged copy, say), and
# one whose stored bytes do not inflate at all
BAD_JSON_ID, NOT_ZLIB_ID = "0a0b0c0d0e0f1011", "1a1b1c1d1e1f2021"
BAD_JSON = json.dumps({"id": BAD_JSON_ID, "quotes": [{"text": "x", "kind": "direct",
                                                      "speaker_kind": "famous"}]}).encode()
NOT_ZLIB = b"not a zlib stream"


def _older_with_bad_records(backend: str, tmp_path: Path) -> tuple[Callable[[], Archive], int]:
    """An archive as the code before 019 left it — no speaker kinds, in the rows or the
    JSON — holding _article() and two articles whose stored records cannot be read; returns
    how to open it (which migrates it) and _article()'s rowid."""
    from tests.conftest import postgres_schema_url
    from warta.store.postgres import PostgresArchive

    url = postgres_schema_url() if backend == "postgres" else None
    db = tmp_path / "a.db"

    def opened() -> Archive:
        return PostgresArchive(url) if url else SQLiteArchive(db)

    with opened() as archive:
        for article_id in (ARTICLE_ID, BAD_JSON_ID, NOT_ZLIB_ID):
            article = replace(_article(), id=article_id, url=f"https://k.example/{article_id}")
            archive.put_prepared([prepare_article(article, True)])
        conn: Any = archive.conn  # type: ignore[attr-defined]
        sql = (lambda s: s.replace("?", "%s")) if url else (lambda s: s)
        (rowid, doc), = conn.execute(sql("SELECT rowid, doc FROM articles WHERE id = ?"), (ARTICLE_ID,))
        conn.execute(sql("UPDATE articles SET doc = ? WHERE rowid = ?"), (_without_kinds(bytes(doc), KEPT), rowid))
        conn.execute(sql("UPDATE articles SET doc = ? WHERE id = ?"), (zlib.compress(BAD_JSON), BAD_JSON_ID))
        conn.execute(sql("UPDATE articles SET doc = ? WHERE id = ?"), (NOT_ZLIB, NOT_ZLIB_ID))
        conn.execute("ALTER TABLE quotes DROP COLUMN speaker_kind")
        conn.execute("DELETE FROM schema_version WHERE version = 19")
        if not url:
            conn.commit()
    return opened, rowid


def _reason(article_id: str, error: str) -> str:
    return (f"migration 019: the stored record of article {article_id} cannot be read ({error}), "
            "so its quotes keep no speaker kind; the stored bytes are kept with this failure "
            "(warta failures --export DIR); ingest the article's source into a new archive, or "
            "restore a backup, to store it whole again")


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_migration_19_records_an_unreadable_record_and_goes_on(backend: str, tmp_path: Path) -> None:
    opened, rowid = _older_with_bad_records(backend, tmp_path)
    with opened() as archive:  # the migration runs to its end
        _assert_migrated(archive, rowid, backend)


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_a_bad_user_word_list_stops_migration_19_and_rolls_it_back(
        backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened, rowid = _older_with_bad_records(backend, tmp_path)
    bad = tmp_path / "bad.tsv"
    bad.write_text("ojol\tfamous\n", encoding="utf-8")
    monkeypatch.setenv(SPEAKER_WORDS_ENV, str(bad))
    with pytest.raises(UsageError) as info:  # on both engines the user's error as it is
        opened()
    assert str(info.value) == (f"{bad}:1: the kind must be one of public, private, skip, got "
                               "'ojol\\tfamous'; fix or remove the line")
    monkeypatch.delenv(SPEAKER_WORDS_ENV)
    with opened() as archive:  # nothing of the stopped run stayed: 019 runs whole, once
        _assert_migrated(archive, rowid, backend)


def _assert_migrated(archive: Archive, rowid: int, backend: str) -> None:
    """What migration 019 leaves in _older_with_bad_records' archive."""
    assert archive.schema_version == LATEST_VERSION
    conn: Any = archive.conn  # type: ignore[attr-defined]
    kinds = conn.execute("SELECT article_rowid, position, speaker_kind FROM quotes "
                         "ORDER BY article_rowid, position").fetchall()
    # the readable article's quotes are decided; the two others' keep no kind
    assert [(p, k) for r, p, k in kinds if r == rowid] == [(i, k) for i, _s, _r, k in AFTER]
    assert {k for r, _p, k in kinds if r != rowid} == {None}
    stored = archive.get(ARTICLE_ID)
    assert stored is not None and [q.speaker_kind for q in stored.quotes] == [k for *_, k in AFTER]
    assert [(f.source, f.code, f.reason, f.raw) for f in archive.failures()] == [
        (f"https://k.example/{BAD_JSON_ID}", "invalid_record", _reason(
            BAD_JSON_ID, "InvalidRecord: field 'quotes[0].speaker_kind': expected 'public', "
            "'private' or null, got 'famous'; fix the field or re-create the record with "
            "`warta parse`"), BAD_JSON),
        (f"https://k.example/{NOT_ZLIB_ID}", "store_error", _reason(
            NOT_ZLIB_ID, "zlib.error: Error -3 while decompressing data: incorrect header check"),
         NOT_ZLIB),
    ]
    dialect = POSTGRES if backend == "postgres" else SQLITE
    # a rerun decides nothing more and keeps each failure once
    assert backfill_speaker_kinds(conn, dialect) == {"articles": 0, "quotes": 0, "rows": 0,
                                                     "failures": 2}
    assert archive.list_failures()[0] == 2


# -- 020: process keys in the story features -----------------------------------------------
def _vectors(archive: Archive) -> dict[int, dict[str, float]]:
    return {r: json.loads(v) for r, v in archive.conn.execute(  # type: ignore[attr-defined]
        "SELECT article_rowid, vector FROM story_features").fetchall()}


def _strip_processes(vectors: dict[int, dict[str, float]]) -> list[tuple[str, int]]:
    """(vector without process keys, rowid): as the code before 020 stored them."""
    return [(json.dumps({k: w for k, w in v.items() if not k.startswith("%")}), r)
            for r, v in vectors.items()]


def _process_keys(vectors: dict[int, dict[str, float]]) -> list[str]:
    return sorted(k for v in vectors.values() for k in v if k.startswith("%"))


PROCESS_KEYS = ["%disaster:kecamatan sukamakmur", "%disaster:kecamatan sukamakmur",
                "%disaster:pasar cempaka", "%disaster:pasar cempaka", "%disaster:sukamakmur"]


def _older_sqlite(db: Path, versions: str) -> tuple[list[Article], tuple[Any, ...]]:
    """The fixtures ingested into ``db``, then its story vectors and ``schema_version`` rows
    (``versions``, an SQL list) put back as the code before 020 left them; returns the
    articles and what a fresh ingest gives (grouping, stories, vectors)."""
    articles = load_fixtures()
    with SQLiteArchive(db, engine="fts5") as archive:
        archive.put_prepared([prepare_article(a, True) for a in articles])  # as `warta ingest`
        expected = (grouping(archive, articles), archive.list_stories(), _vectors(archive))
    conn = sqlite3.connect(db)
    conn.executemany("UPDATE story_features SET vector = ? WHERE article_rowid = ?",
                     _strip_processes(expected[2]))
    conn.execute(f"DELETE FROM schema_version WHERE version IN ({versions})")
    conn.commit()
    conn.close()
    return articles, expected


def test_migration_20_gives_stored_articles_their_process_keys(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    articles, expected = _older_sqlite(db, "20")
    assert _process_keys(expected[2]) == PROCESS_KEYS
    with SQLiteArchive(db, engine="fts5") as archive:
        assert (grouping(archive, articles), archive.list_stories(), _vectors(archive)) == expected


def test_a_fresh_archive_recomputes_stories_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import warta.store.sqlite_stories as stories_store

    db = tmp_path / "a.db"
    articles, expected = _older_sqlite(db, "13, 16, 18, 20")
    runs = []
    real = stories_store.backfill_stories
    monkeypatch.setattr(stories_store, "backfill_stories", lambda c: (runs.append(1), real(c))[1])
    with SQLiteArchive(db, engine="fts5") as archive:
        assert (grouping(archive, articles), archive.list_stories(), _vectors(archive)) == expected
    assert len(runs) == 1  # 013, 016 and 018 are skipped: 020 recomputes the same tables


def test_020_is_the_last_story_recomputation() -> None:
    assert superseded(18, {18, 19, 20}) and superseded(11, {11, 20})
    assert not superseded(20, {11, 13, 16, 18, 20}) and not superseded(19, {19, 20})


def test_the_postgres_migration_20_gives_stored_articles_their_process_keys() -> None:
    from tests.conftest import postgres_schema_url
    from warta.store.postgres import PostgresArchive

    url = postgres_schema_url()
    articles = load_fixtures()
    with PostgresArchive(url) as archive:
        archive.put_prepared([prepare_article(a, True) for a in articles])  # as `warta ingest`
        expected = (grouping(archive, articles), archive.list_stories(), _vectors(archive))
        assert _process_keys(expected[2]) == PROCESS_KEYS
        with archive.conn.cursor() as cur:
            cur.executemany("UPDATE story_features SET vector = %s WHERE article_rowid = %s",
                            _strip_processes(expected[2]))
        archive.conn.execute("DELETE FROM schema_version WHERE version = 20")
    with PostgresArchive(url) as archive:
        assert (grouping(archive, articles), archive.list_stories(), _vectors(archive)) == expected


def test_an_enriched_export_without_speaker_kinds_gets_them_at_ingest() -> None:
    # a warta JSON export written before the field: its quotes carry no kind; one it carries
    # (decided by the user or an earlier run) is kept
    enriched = prepare_article(_article(), True).article
    old = Article.from_json(enriched.to_json())
    for q in old.quotes:
        q.speaker_kind = None
    old.quotes[1].speaker_kind = "public"
    kept = prepare_article(old, True).article
    assert [q.speaker_kind for q in kept.quotes] == ["public", "public", "public", "private", "public"]
    assert [(q.speaker, q.role) for q in kept.quotes] == [(s, r) for s, r, _ in FRESH]
