"""Contract tests of the archive interface, run against every backend in BACKENDS.

A new backend (e.g. PostgreSQL) joins by adding a factory to BACKENDS; every test here must
pass unchanged.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from warta.demo import sample_articles
from warta.errors import StoreError, UsageError
from warta.model import Article, Entity, Mention, Quote, ReadAlso
from warta.store import Archive, FailureRecord, SQLiteArchive
from warta.store.listing import ArticleFilters
from warta.store.migrate import LATEST_VERSION, migrations
from warta.store.prepare import prepare

Factory = Callable[[], Archive]


def _sqlite_memory(tmp_path: Path) -> Factory:
    return lambda: SQLiteArchive(":memory:")


def _sqlite_file(tmp_path: Path) -> Factory:
    return lambda: SQLiteArchive(tmp_path / "archive.db")


def _sqlite_fts5(tmp_path: Path) -> Factory:
    return lambda: SQLiteArchive(tmp_path / "fts5.db", engine="fts5")


def _postgres(tmp_path: Path) -> Factory:
    from tests.conftest import postgres_schema_url
    from warta.store.postgres import PostgresArchive

    url = postgres_schema_url()  # one fresh schema per test; every open reaches the same one
    return lambda: PostgresArchive(url)


def _postgres_gin(tmp_path: Path) -> Factory:
    from tests.conftest import postgres_schema_url
    from warta.store.postgres import PostgresArchive

    url = postgres_schema_url()  # without the rum extension's index: GIN + ts_rank
    return lambda: PostgresArchive(url, rum=False)


def _postgres_node(tmp_path: Path) -> Factory:
    from tests.conftest import postgres_schema_url
    from warta.store.postgres import PostgresArchive

    url = postgres_schema_url()  # searches ranked by a serving node's tantivy index
    return lambda: PostgresArchive(url, node_index=tmp_path / "node-index")


BACKENDS: dict[str, Callable[[Path], Factory]] = {
    "sqlite-memory": _sqlite_memory,
    "sqlite-file": _sqlite_file,
    "sqlite-fts5-only": _sqlite_fts5,
    "postgres": _postgres,
    "postgres-gin": _postgres_gin,
    "postgres-node": _postgres_node,
}
PERSISTENT = ["sqlite-file", "sqlite-fts5-only", "postgres", "postgres-gin", "postgres-node"]


@pytest.fixture(params=sorted(BACKENDS))
def archive(request: pytest.FixtureRequest, tmp_path: Path):
    store = BACKENDS[request.param](tmp_path)()
    yield store
    store.close()


@pytest.fixture
def samples() -> dict[str, Article]:
    return {a.url.rsplit("/", 1)[1]: a for a in sample_articles()}  # type: ignore[union-attr]


def _article(title: str, body: list[str], url: str, **kw: object) -> Article:
    return Article(title=title, paragraphs=body, url=url, outlet="Kabar Fiksi", **kw)  # type: ignore[arg-type]


def test_round_trip_keeps_every_field(archive: Archive, samples: dict[str, Article]) -> None:
    a = samples["banjir-jakarta"]
    archive.put(a)
    got = archive.get(a.id)
    assert got is not None
    expected = a.to_dict()
    expected["read_also"] = [{"title": "Tanah Longsor Timbun Tiga Rumah di Bogor", "url": None}]
    assert got.to_dict() == expected
    assert archive.get("0000000000000000") is None
    assert a.id in archive and "nope" not in archive


def test_same_article_twice_is_one_record(archive: Archive, samples: dict[str, Article]) -> None:
    a = samples["harga-beras"]
    assert archive.put(a).to_dict() == {"added": 1, "updated": 0, "unchanged": 0, "links_resolved": 0,
                                        "enriched": 0, "earlier_versions": 0}
    again = dataclasses.replace(a, source="somewhere/else.jsonl")
    assert archive.put_many([again, a]).to_dict() == {
        "added": 0, "updated": 0, "unchanged": 2, "links_resolved": 0, "enriched": 0,
        "earlier_versions": 0,
    }
    assert archive.count() == 1
    assert archive.revisions(a.id) == []


def test_changed_version_replaces_and_keeps_revision(archive: Archive, samples: dict[str, Article]) -> None:
    a = samples["harga-beras"]
    archive.put(a)
    changed = dataclasses.replace(a, paragraphs=[*a.paragraphs, "Ralat: harga yang benar Rp 14.200."])
    assert changed.id == a.id
    assert archive.put(changed).updated == 1
    assert archive.count() == 1
    assert archive.get(a.id).paragraphs[-1] == "Ralat: harga yang benar Rp 14.200."  # type: ignore[union-attr]
    revisions = archive.revisions(a.id)
    assert [r.revision for r in revisions] == [1]
    assert revisions[0].article.paragraphs == a.paragraphs
    # the index follows the new version: the correction is searchable, and only once
    assert [h.id for h in archive.search("ralat").hits] == [a.id]
    assert archive.search("beras medium").total == 1


def test_batch_is_all_or_nothing(archive: Archive, samples: dict[str, Article]) -> None:
    good = prepare(samples["harga-beras"])
    broken = prepare(samples["rupiah-melemah"])
    broken.signature = None  # type: ignore[assignment]  # the store must refuse it
    with pytest.raises(StoreError, match="batch of 2 articles was not stored"):
        archive.put_prepared([good, broken])
    assert archive.count() == 0
    assert archive.put_prepared([good]).added == 1


def test_read_also_resolves_both_ways(archive: Archive, samples: dict[str, Article]) -> None:
    linking, target = samples["banjir-jakarta"], samples["longsor-bogor"]
    archive.put(linking)
    assert archive.get(linking.id).read_also[0].id is None  # type: ignore[union-attr]
    assert archive.put(target).links_resolved == 1  # target arrived later
    assert archive.get(linking.id).read_also[0].id == target.id  # type: ignore[union-attr]
    follow_up, first = samples["gempa-susulan"], samples["gempa-cianjur"]
    archive.put(first)
    assert archive.put(follow_up).links_resolved == 0  # resolved at once, nothing pending
    assert archive.get(follow_up.id).read_also[0].id == first.id  # type: ignore[union-attr]


def test_read_also_matches_title_loosely_and_by_url(archive: Archive) -> None:
    target = _article("Harga Cabai Naik Lagi!", ["Harga cabai rawit naik."], "https://k.example/cabai")
    by_title = _article("Pasar", ["Pedagang mengeluh."], "https://k.example/a",
                        read_also=[ReadAlso("harga cabai naik lagi")])
    by_url = _article("Pasar dua", ["Pembeli sepi."], "https://k.example/b",
                      read_also=[ReadAlso("judul lain", url="https://k.example/cabai")])
    archive.put_many([by_title, by_url, target])
    assert [r.id for r in archive.get(by_title.id).read_also] == [target.id]  # type: ignore[union-attr]
    assert [r.id for r in archive.get(by_url.id).read_also] == [target.id]  # type: ignore[union-attr]
    assert archive.delete(target.id) is True
    assert archive.get(by_title.id).read_also[0].id is None  # type: ignore[union-attr]
    assert archive.delete(target.id) is False


def test_failures_are_kept_with_raw_bytes(archive: Archive) -> None:
    archive.add_failures([
        FailureRecord("in/a.html", "empty_document", "in/a.html: no text", b""),
        FailureRecord("in/b.bin", "binary_document", "in/b.bin: binary", b"\x00\x01"),
    ])
    archive.add_failures([FailureRecord("in/b.bin", "binary_document", "in/b.bin: binary", b"\x00\x01")])
    got = archive.failures()
    assert [(f.source, f.code, f.raw) for f in got] == [
        ("in/a.html", "empty_document", b""),
        ("in/b.bin", "binary_document", b"\x00\x01"),
    ]
    assert archive.stats()["failures"] == 2


def test_failures_are_listed_with_sizes_and_raw_by_number(archive: Archive) -> None:
    archive.add_failures([
        FailureRecord("in/a.html", "empty_document", "in/a.html: no text", None, "2026-01-02T03:04:05+00:00"),
        FailureRecord("in/b.bin", "binary_document", "in/b.bin: binary", b"\x00\x01", "2026-01-02T03:04:06+00:00"),
        FailureRecord("in/c.json", "document_error", "in/c.json: not valid JSON", b"{x", "2026-01-02T03:04:07+00:00"),
    ])
    total, page = archive.list_failures(limit=2, offset=1)
    assert total == 3
    assert [f.to_dict() for f in page] == [
        {"number": page[0].number, "source": "in/b.bin", "code": "binary_document",
         "reason": "in/b.bin: binary", "recorded_at": "2026-01-02T03:04:06+00:00", "raw_bytes": 2},
        {"number": page[1].number, "source": "in/c.json", "code": "document_error",
         "reason": "in/c.json: not valid JSON", "recorded_at": "2026-01-02T03:04:07+00:00", "raw_bytes": 2},
    ]
    first = archive.list_failures()[1][0]
    assert (first.source, first.raw_bytes) == ("in/a.html", 0)
    assert archive.failure_raw(first.number) is None
    assert archive.failure_raw(page[0].number) == b"\x00\x01"
    assert archive.failure_raw(10_000) is None


def test_entities_are_counted_and_filterable(archive: Archive) -> None:
    nato = Entity("NATO", "ORG", [Mention("NATO", 0, 0, 4)], aliases=["Pakta Pertahanan Atlantik Utara"])
    person = Entity("Oana Lungescu", "PER", [Mention("Oana Lungescu", 0, 10, 23), Mention("Lungescu", 1, 0, 8)])
    a = _article("NATO siaga", ["NATO dan juru bicara Oana Lungescu.", "Lungescu berbicara."],
                 "https://k.example/n1", entities=[nato, person])
    b = _article("NATO rapat", ["Rapat NATO di Brussel."], "https://k.example/n2", entities=[nato])
    archive.put_many([a, b])
    assert [(e.name, e.label, e.article_count) for e in archive.entities()] == [
        ("NATO", "ORG", 2), ("Oana Lungescu", "PER", 1),
    ]
    assert archive.entities()[0].aliases == ["Pakta Pertahanan Atlantik Utara"]
    assert [h.id for h in archive.search('entity:"Oana Lungescu"').hits] == [a.id]
    assert archive.search('entity:"pakta pertahanan atlantik utara"').total == 2
    archive.delete(a.id)  # an entity no stored article mentions any more is not listed
    assert [(e.name, e.article_count) for e in archive.entities()] == [("NATO", 1)]
    assert archive.stats()["entities"] == 1


def test_every_name_of_an_entity_is_filed_once(archive: Archive) -> None:
    # PostgreSQL files them in one statement (unnest), SQLite row by row: the same rows
    nato = Entity("NATO", "ORG", [Mention("NATO", 0, 0, 4)], aliases=["Pakta Atlantik", "Nato"])
    later = Entity("NATO", "ORG", [Mention("NATO", 0, 6, 10)], aliases=["Pakta Pertahanan Atlantik Utara"])
    a = _article("NATO siaga", ["NATO siaga."], "https://k.example/n1", entities=[nato])
    b = _article("NATO rapat", ["Rapat NATO di Brussel."], "https://k.example/n2", entities=[later])
    archive.put_many([a, b])
    archive.put_many([a, b])  # a rerun files nothing twice
    rows = archive.conn.execute(  # type: ignore[attr-defined]
        "SELECT e.name, n.name_key FROM entity_names n JOIN entities e ON e.rowid = n.entity_rowid "
        "ORDER BY n.name_key").fetchall()
    assert [tuple(r) for r in rows] == [
        ("NATO", "nato"), ("NATO", "pakta atlantik"), ("NATO", "pakta pertahanan atlantik utara")]


def test_ids_iteration_and_stats(archive: Archive) -> None:
    articles = sample_articles()
    report = archive.put_many(articles)
    assert (report.added, report.links_resolved) == (12, 1)
    assert list(archive.ids()) == [a.id for a in articles]
    assert [a.id for a in archive] == [a.id for a in articles]
    stats = archive.stats()
    assert {k: stats[k] for k in ("articles", "revisions", "failures", "read_also", "read_also_resolved")} == {
        "articles": 12, "revisions": 0, "failures": 0, "read_also": 2, "read_also_resolved": 2,
    }
    assert stats["outlets"] == [{"value": "Kabar Fiksi", "count": 7}, {"value": "Harian Rekaan", "count": 5}]
    assert stats["first_published"] == "2024-01-20T05:10:00+07:00"


def test_stats_count_alike_on_every_engine(archive: Archive) -> None:
    # the counts both engines share (records_sql): NULL sorts differently on the two, so an
    # article with no outlet is the tie-break case; only the article with entities is enriched
    nato = Entity("NATO", "ORG", [Mention("NATO", 0, 0, 4), Mention("NATO", 0, 9, 13)])
    articles = [
        _article("Satu", ["NATO dan NATO."], "https://k.example/s1", entities=[nato]),
        _article("Dua", ["Dua."], "https://k.example/s2"),
        Article(title="Tiga", paragraphs=["Tiga."], url="https://r.example/s3", outlet="Harian Rekaan"),
        Article(title="Empat", paragraphs=["Empat."], url="https://x.example/s4"),
    ]
    archive.put_many(articles)
    stats = archive.stats()
    assert stats["outlets"] == [{"value": "Kabar Fiksi", "count": 2}, {"value": None, "count": 1},
                                {"value": "Harian Rekaan", "count": 1}]
    assert {k: stats[k] for k in ("articles", "enriched", "entities", "entity_mentions", "quotes", "stories")} == {
        "articles": 4, "enriched": 1, "entities": 1, "entity_mentions": 2, "quotes": 0, "stories": 4,
    }
    assert type(stats["entity_mentions"]) is int


def test_copies_are_found(archive: Archive, samples: dict[str, Article]) -> None:
    archive.put_many(sample_articles())
    assert archive.copies(samples["banjir-jakarta"].id) == [samples["banjir-jakarta-salinan"].id]
    assert archive.copies(samples["harga-beras"].id) == []
    with pytest.raises(StoreError, match="no article with id 'nope'"):
        archive.copies("nope")


@pytest.mark.parametrize("backend", PERSISTENT)
def test_reopen_keeps_everything(backend: str, tmp_path: Path) -> None:
    factory = BACKENDS[backend](tmp_path)
    with factory() as first:
        first.put_many(sample_articles())
    with factory() as second:
        assert second.count() == 12
        assert second.search("perahu karet").total == 3


# -- SQLite specifics (not part of the backend contract) ----------------------------------


def test_sqlite_file_is_wal_with_foreign_keys_and_versioned(tmp_path: Path) -> None:
    with SQLiteArchive(tmp_path / "a.db") as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert store.conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
        shipped = [(n,) for n, _ in migrations()]  # 1, 2, 3, 4, … (gaps allowed: 10 sources)
        assert store.conn.execute("SELECT version FROM schema_version").fetchall() == shipped
    with SQLiteArchive(tmp_path / "a.db") as again:  # reopening applies nothing twice
        assert again.conn.execute("SELECT version FROM schema_version").fetchall() == shipped


def test_sqlite_refuses_a_file_that_is_not_an_archive(tmp_path: Path) -> None:
    junk = tmp_path / "notes.db"
    junk.write_bytes(b"this is not a database file at all, just some text" * 20)
    with pytest.raises(UsageError) as raised:
        SQLiteArchive(junk)
    assert str(raised.value) == (
        f"{junk} is not a SQLite database (file is not a database); warta will not overwrite "
        "it: give a new file name or an archive made by `warta ingest`"
    )


def test_search_index_is_rebuilt_and_crash_queue_replayed(tmp_path: Path) -> None:
    import shutil

    with SQLiteArchive(tmp_path / "a.db") as store:
        store.put_many(sample_articles())
    shutil.rmtree(tmp_path / "a.db.tantivy")  # the index is derived data: lose it
    with SQLiteArchive(tmp_path / "a.db") as store:
        assert store.index is not None and store.index.num_docs == 12
        assert store.search("perahu karet").total == 3
        # as after a kill between the SQLite commit and the index commit
        store.conn.execute("INSERT INTO index_queue(rowid) SELECT rowid FROM articles LIMIT 5")
    with SQLiteArchive(tmp_path / "a.db") as store:
        assert store.conn.execute("SELECT count(*) FROM index_queue").fetchone() == (0,)
        assert store.index is not None and store.index.num_docs == 12


def test_two_processes_share_the_index_writer(tmp_path: Path, samples: dict[str, Article]) -> None:
    first, second = SQLiteArchive(tmp_path / "a.db"), SQLiteArchive(tmp_path / "a.db")
    try:
        assert first.index is not None and second.index is not None
        held = first.index.writer()  # e.g. an API server in the middle of a commit
        second.put(samples["harga-beras"])  # stored; its index work stays queued
        assert second.conn.execute("SELECT count(*) FROM index_queue").fetchone() == (1,)
        assert held is first.index.writer()
        del held
        first.index._release()  # the lock is free once no one holds the writer
        assert second.search("beras medium").total == 1  # the next search catches up
        assert first.search("beras medium").total == 1  # and the other process sees it
    finally:
        first.close()
        second.close()


def _browse_fixture(archive: Archive) -> tuple[Article, Article, Article]:
    """Three invented articles: two outlets, two sections, entities across two months."""
    nato = Entity("NATO", "ORG", [Mention("NATO", 0, 0, 4)], aliases=["Pakta Atlantik"])
    rina = Entity("Rina Wulandari", "PER", [Mention("Rina Wulandari", 0, 9, 23), Mention("Rina", 1, 0, 4)])
    a = _article("NATO siaga di perbatasan", ["NATO dan Rina Wulandari hadir.", "Rina berbicara."],
                 "https://k.example/b1", entities=[nato, rina], section="Dunia",
                 authors=["Budi Santoso"], published=datetime(2024, 1, 5, 9, 0, tzinfo=UTC))
    b = _article("NATO rapat lagi", ["Rapat NATO di Brussel."], "https://k.example/b2",
                 entities=[nato], section="Dunia", published=datetime(2024, 2, 10, 9, 0, tzinfo=UTC))
    c = dataclasses.replace(
        _article("Harga cabai naik", ["Harga cabai naik di pasar."], "https://k.example/b3",
                 section="Ekonomi", published=datetime(2024, 2, 12, 8, 0, tzinfo=UTC)),
        outlet="Warta Rekaan Daerah")
    archive.put_many([a, b, c])
    return a, b, c


def test_list_articles_filters_and_pages(archive: Archive) -> None:
    a, b, c = _browse_fixture(archive)
    total, page = archive.list_articles(ArticleFilters(), limit=2)
    assert total == 3 and [s["id"] for s in page] == [c.id, b.id]
    assert page[0] == {"id": c.id, "title": "Harga cabai naik", "outlet": "Warta Rekaan Daerah",
                       "section": "Ekonomi", "published": "2024-02-12T08:00:00+00:00",
                       "url": "https://k.example/b3", "authors": []}
    assert [s["id"] for s in archive.list_articles(ArticleFilters(), limit=2, offset=2)[1]] == [a.id]
    assert [s["id"] for s in archive.list_articles(ArticleFilters(), oldest_first=True)[1]] == [a.id, b.id, c.id]
    assert archive.list_articles(ArticleFilters(section="dunia"))[0] == 2
    assert archive.list_articles(ArticleFilters(outlet="warta-rekaan"))[1][0]["id"] == c.id
    assert archive.list_articles(ArticleFilters(author="budi-santoso"))[1][0]["authors"] == ["Budi Santoso"]
    assert [s["id"] for s in archive.list_articles(ArticleFilters(entity="Pakta Atlantik"))[1]] == [b.id, a.id]
    assert archive.list_articles(ArticleFilters(date_from="2024-02", date_to="2024-02-10"))[1][0]["id"] == b.id
    assert archive.list_articles(ArticleFilters(section="olahraga")) == (0, [])


def test_outlet_prefix_is_not_a_wildcard(archive: Archive) -> None:
    # "_" is a word character, so it can be in an outlet key; in LIKE it matches any one
    # character: the prefix must be escaped on every backend
    plain = dataclasses.replace(_article("Harga cabai naik", ["Harga cabai naik."],
                                         "https://k.example/w1"), outlet="Kabar1 Daerah")
    under = dataclasses.replace(_article("Harga beras naik", ["Harga beras naik."],
                                         "https://k.example/w2"), outlet="Kabar_ Daerah")
    archive.put_many([plain, under])
    assert [s["id"] for s in archive.list_articles(ArticleFilters(outlet="kabar_"))[1]] == [under.id]
    assert archive.list_articles(ArticleFilters(outlet="kabar%"))[0] == 0


def test_latest_by_outlet_and_section(archive: Archive) -> None:
    a, b, c = _browse_fixture(archive)
    assert [(n, [s["id"] for s in rows]) for n, rows in archive.latest_by("section", per_group=1)] == [
        ("Dunia", [b.id]), ("Ekonomi", [c.id]),
    ]
    assert [n for n, _ in archive.latest_by("outlet", groups=1)] == ["Kabar Fiksi"]
    assert archive.display_name("section", "ekonomi") == "Ekonomi"
    assert archive.display_name("outlet", "tidak ada") is None
    with pytest.raises(ValueError, match="latest_by: column must be outlet or section, not 'title'"):
        archive.latest_by("title")


def test_entities_listed_found_and_counted_by_month(archive: Archive) -> None:
    a, b, _ = _browse_fixture(archive)
    total, page = archive.list_entities()
    assert total == 2 and [e.to_dict() for e in page] == [
        {"id": "nato", "name": "NATO", "label": "ORG", "aliases": ["Pakta Atlantik"], "article_count": 2},
        {"id": "rina-wulandari", "name": "Rina Wulandari", "label": "PER", "aliases": [], "article_count": 1},
    ]
    assert [e.name for e in archive.list_entities(label="per")[1]] == ["Rina Wulandari"]
    assert archive.list_entities(prefix="rin")[0] == 1
    assert archive.list_entities(limit=1, offset=1)[1][0].name == "Rina Wulandari"
    nato = archive.find_entity("pakta-atlantik")
    assert nato is not None and nato.name == "NATO"
    assert archive.find_entity("Rina Wulandari").id == "rina-wulandari"  # type: ignore[union-attr]
    assert archive.find_entity("tidak-ada") is None and archive.find_entity("-") is None
    assert archive.mentions_over_time(nato) == [
        {"month": "2024-01", "articles": 1, "mentions": 1},
        {"month": "2024-02", "articles": 1, "mentions": 1},
    ]
    assert archive.entity_article_ids(nato, 5) == [b.id, a.id]
    assert archive.entity_article_ids(nato, 1) == [b.id]


def _quoted(url: str, day: int, quotes: list[Quote], entities: list[Entity]) -> Article:
    return _article(f"Pernyataan {day}", ["Rina Wulandari berkata banyak hal.", "Lalu diam."], url,
                    quotes=quotes, entities=entities,
                    published=datetime(2024, 3, day, 10, 0, tzinfo=UTC))


def test_quotes_by_speaker_and_aliases(archive: Archive) -> None:
    rina = Entity("Rina Wulandari", "PER", [Mention("Rina Wulandari", 0, 0, 14)], aliases=["Bu Rina"])
    q1 = Quote("Kami siap", "direct", speaker="Rina Wulandari", role="juru bicara", cue="kata")
    q2 = Quote("harga akan turun", "indirect", speaker="Bu Rina", cue="menurut", speaker_kind="private")
    other = Quote("Tidak benar", "direct", speaker="Budi Santoso", cue="ujar")
    older = _quoted("https://k.example/q1", 1, [q1, other], [rina])
    newer = _quoted("https://k.example/q2", 2, [Quote("tanpa pembicara", "direct"), q2], [rina])
    archive.put_many([older, newer])
    entity = archive.find_entity("rina-wulandari")
    assert entity is not None
    total, page = archive.quotes_by(entity)
    assert total == 2 and page == [
        {"article_id": newer.id, "title": "Pernyataan 2", "outlet": "Kabar Fiksi",
         "published": "2024-03-02T10:00:00+00:00", "speaker": "Bu Rina", "role": None,
         "kind": "indirect", "cue": "menurut", "text": "harga akan turun", "speaker_kind": "private"},
        {"article_id": older.id, "title": "Pernyataan 1", "outlet": "Kabar Fiksi",
         "published": "2024-03-01T10:00:00+00:00", "speaker": "Rina Wulandari",
         "role": "juru bicara", "kind": "direct", "cue": "kata", "text": "Kami siap", "speaker_kind": None},
    ]
    assert archive.quotes_by(entity, limit=1, offset=1) == (2, [page[1]])
    # issue 11: the stored speaker kind filters the listing (None: not decided, kept by neither)
    assert archive.quotes_by(entity, speaker_kind="private") == (1, [page[0]])
    assert archive.quotes_by(entity, speaker_kind="public") == (0, [])
    with pytest.raises(UsageError, match="speaker kind must be one of public, private, not 'famous'"):
        archive.quotes_by(entity, speaker_kind="famous")
    archive.delete(newer.id)  # a deleted article's quotes go with it
    assert archive.quotes_by(entity)[0] == 1


def test_migration_backfills_quotes_of_an_older_archive(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    quote = Quote("Kami siap", "direct", speaker="Rina Wulandari", cue="kata")
    rina = Entity("Rina Wulandari", "PER", [Mention("Rina Wulandari", 0, 0, 14)])
    with SQLiteArchive(path) as store:
        store.put(_quoted("https://k.example/m1", 3, [quote], [rina]))
        # make it a version-3 archive: no quotes table, no enriched column, version rows gone
        store.conn.executescript(
            "DROP TABLE quotes; ALTER TABLE articles DROP COLUMN enriched; ALTER TABLE "
            "article_entities DROP COLUMN name; ALTER TABLE article_entities DROP COLUMN label; "
            "DROP TABLE article_keywords; DELETE FROM schema_version WHERE version IN (4, 5, 6, 19);")
    with SQLiteArchive(path) as again:
        assert again.schema_version == LATEST_VERSION  # 004-006 re-applied below 010
        entity = again.find_entity("Rina Wulandari")
        assert entity is not None
        assert [(q["speaker"], q["text"], q["cue"]) for q in again.quotes_by(entity)[1]] == [
            ("Rina Wulandari", "Kami siap", "kata"),
        ]


def test_keyword_facet_counts_articles_per_keyword(archive: Archive) -> None:
    one = _article("Banjir di hulu", ["Air sungai naik di hulu."], "https://k.example/k1",
                   keywords=["Banjir", "Jakarta"])
    two = _article("Banjir di hilir", ["Air sungai naik di hilir."], "https://k.example/k2",
                   keywords=["banjir", "Bogor"])
    archive.put_many([one, two])
    facets = archive.search("sungai", facets=True).facets
    # one row per keyword key, shown in its most common spelling (ties: sorted), by count
    assert facets["keyword"] == [("Banjir", 2), ("Bogor", 1), ("Jakarta", 1)]
    # a new version of an article replaces its keywords
    archive.put_many([_article("Banjir di hilir", ["Air sungai surut di hilir."],
                               "https://k.example/k2", keywords=["Bekasi"])])
    assert archive.search("sungai", facets=True).facets["keyword"] == [
        ("Banjir", 1), ("Bekasi", 1), ("Jakarta", 1)]
