"""The PostgreSQL backend beyond the shared contract (tests/unit/test_store_contract.py):
the CLI, API and environment with ``--db postgresql://…``, many writers and readers on one
database, and the one-line messages for bad input. Needs ``WARTA_TEST_PG`` (`make test`
starts a throwaway cluster); fails under CI without it."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import postgres_or_fail, postgres_schema_url
from warta.cli import cli
from warta.demo import sample_articles
from warta.errors import StoreError, UsageError
from warta.model import Article
from warta.store import Archive, SQLiteArchive, open_archive
from warta.store.postgres_open import redact

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def url() -> str:
    return postgres_schema_url()


def _export(tmp_path: Path) -> Path:
    export = tmp_path / "fiksi.jsonl"
    export.write_text("".join(a.to_json() + "\n" for a in sample_articles()), encoding="utf-8")
    return export


def _engine(url: str) -> str:
    """The search index a new archive gets: rum where the server has the extension."""
    import psycopg

    with psycopg.connect(url) as conn:
        rum = conn.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'").fetchone()
    return "postgres-rum" if rum else "postgres-gin"


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_cli_ingest_search_show_related_stats_on_postgres(url: str, tmp_path: Path) -> None:
    code, out, _ = run("ingest", str(_export(tmp_path)), "--db", url, "--workers", "0", "--json")
    assert code == 0
    summary = json.loads(out)
    assert (summary["added"], summary["failures"], summary["archive_articles"]) == (12, 0, 12)
    code, out, _ = run("ingest", str(_export(tmp_path)), "--db", url, "--workers", "0", "--json")
    assert (code, json.loads(out)["unchanged"], json.loads(out)["added"]) == (0, 12, 0)
    code, out, _ = run("search", "perahu karet", "--db", url, "--json")
    assert code == 0 and json.loads(out)["total"] == 3
    first = json.loads(out)["hits"][0]["id"]
    code, out, _ = run("show", first, "--db", url, "--json")
    assert code == 0 and json.loads(out)["id"] == first
    code, out, _ = run("related", first, "--db", url, "--json")
    with SQLiteArchive(":memory:") as sqlite:  # the same related articles as on SQLite
        sqlite.put_many(sample_articles())
        expected = {r.id for r in sqlite.related(first)}
    assert code == 0 and {r["id"] for r in json.loads(out)["related"]} == expected != set()
    code, out, _ = run("stats", "--db", url, "--json")
    stats = json.loads(out)
    assert (code, stats["articles"], stats["search_engine"]) == (0, 12, _engine(url))
    # the environment variable works as --db does
    code, out, _ = run("stats", "--json", env={"WARTA_DB": url})
    assert (code, json.loads(out)["articles"]) == (0, 12)


def test_cli_messages_never_print_the_password(url: str, tmp_path: Path) -> None:
    bad = tmp_path / "kosong.txt"
    bad.write_text("", encoding="utf-8")
    code, out, err = run("ingest", str(bad), "--db", url, "--workers", "0")
    password = url.split(":")[2].split("@")[0]
    assert code == 3
    assert f"list them with: warta failures --db {redact(url)}" in out + err
    assert password not in out + err
    code, out, err = run("story", "cnone", "--db", url)
    assert (code, out, err) == (1, "", f"error: no story with id 'cnone' in {redact(url)}; list them with "
                                       "`warta stories`\n")


def test_api_serves_a_postgres_archive(url: str) -> None:
    from fastapi.testclient import TestClient

    from warta.web import create_app

    with open_archive(url) as archive:
        archive.put_many(sample_articles())
    with TestClient(create_app(url)) as client:
        response = client.get("/api/search", params={"q": "perahu karet"})
        assert response.status_code == 200 and response.json()["total"] == 3
        assert client.get("/").status_code == 200


def test_read_only_open_changes_nothing(url: str) -> None:
    with pytest.raises(UsageError) as raised:
        open_archive(url, read_only=True)
    assert str(raised.value) == (f"{redact(url)} holds no warta archive yet; run `warta ingest "
                                 f"SOURCES --db {redact(url)}` first")
    with open_archive(url) as archive:
        archive.put_many(sample_articles()[:2])
    with open_archive(url, read_only=True) as reader:
        assert reader.count() == 2
        with pytest.raises(StoreError, match="is open read-only; nothing can be written"):
            reader.put_many(sample_articles()[2:3])


# -- bad input: one line each, saying what to do -----------------------------------------


def test_unreachable_server_says_start_it_or_fix_the_url() -> None:
    postgres_or_fail()
    code, _, err = run("stats", "--db", "postgresql://warta:geheim@127.0.0.1:1/arsip")
    assert code == 1 and "geheim" not in err
    line = err.strip()
    assert "\n" not in line
    assert line.startswith("error: postgresql://warta:***@127.0.0.1:1/arsip: cannot reach "
                           "PostgreSQL (connection failed: ")
    assert line.endswith("Connection refused); start the server or fix the host and port in "
                         "the URL")


def test_wrong_password_says_fix_the_credentials() -> None:
    good = postgres_or_fail()
    password = good.split(":")[2].split("@")[0]
    wrong = good.replace(f":{password}@", ":salah@")
    with pytest.raises(StoreError) as raised:
        open_archive(wrong)
    message = str(raised.value)
    assert message == (
        f"{redact(wrong)}: PostgreSQL refused the user or password (connection failed: "
        f"connection to server at \"127.0.0.1\", port {wrong.split(':')[3].split('/')[0]} "
        "failed: FATAL:  password authentication failed for user \"warta\"); fix the "
        "user:password in the URL (or PGPASSWORD / ~/.pgpass)"
    )


def test_database_of_another_application_is_refused(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE customers (id int)")
        conn.execute("CREATE TABLE invoices (id int)")
    with pytest.raises(UsageError) as raised:
        open_archive(url)
    assert str(raised.value) == (
        f"{redact(url)} holds tables of another application (tables: customers, invoices); "
        "warta will not add its tables there: give another database, or a schema of its own "
        "(?options=-csearch_path%3Dwarta after creating that schema)"
    )
    with psycopg.connect(url, autocommit=True) as conn:  # nothing of warta's was added
        assert conn.execute("SELECT count(*) FROM information_schema.tables WHERE "
                            "table_schema = current_schema()").fetchone() == (2,)


def test_missing_psycopg_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg now raises ImportError
    code, _, err = run("stats", "--db", "postgresql://warta@localhost/arsip")
    assert (code, err) == (1, ("error: a postgresql:// archive needs the psycopg package, which "
                               "is not installed: run pip install 'warta[postgres]'\n"))


# -- many writers and readers on one database ---------------------------------------------

_WRITER = textwrap.dedent("""
    import sys
    from warta.model import Article, Entity, Mention
    from warta.demo import sample_articles
    from warta.store import SQLiteArchive, open_archive

    url, name = sys.argv[1], sys.argv[2]
    shared = sample_articles()
    if name == "b":
        shared = shared[::-1]  # the other order: both writers race for the same ids
    nato = Entity("banjir", "ORG", [Mention("banjir", 0, 0, 4)])
    own = [Article(title=f"NATO rapat {name} {i}", paragraphs=[f"NATO rapat ke-{i} oleh {name}."],
                   url=f"https://k.example/{name}/{i}", outlet="Kabar Fiksi", entities=[nato])
           for i in range(40)]
    with open_archive(url) as archive:
        for start in range(0, 40, 4):
            archive.put_many(own[start:start + 4] + shared[start // 4 % 12: start // 4 % 12 + 2])
""")


def test_two_writer_processes_and_readers_lose_nothing(url: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writers = [subprocess.Popen([sys.executable, "-c", _WRITER, url, name], env=env,
                                stderr=subprocess.PIPE, text=True) for name in ("a", "b")]
    seen: list[int] = []
    with open_archive(url) as reader:
        while any(w.poll() is None for w in writers):
            seen.append(reader.count())
            reader.search("nato rapat", limit=5)
    errors = [w.communicate()[1] for w in writers]
    assert [w.returncode for w in writers] == [0, 0], errors
    assert seen == sorted(seen)  # readers see whole batches only, never fewer later
    with open_archive(url) as archive:
        shared_ids = {a.id for a in sample_articles()[:12]}
        ids = list(archive.ids())
        assert len(ids) == len(set(ids)) == 80 + len(shared_ids & set(ids))
        assert archive.entities()[0].name == "banjir" and archive.entities()[0].article_count == 80
        assert archive.search("nato rapat").total == 80
        # the term statistics (related news) are those of the stored articles, no update lost
        rows = archive.conn.execute(  # type: ignore[attr-defined]
            "SELECT d.term, d.df, (SELECT count(*) FROM terms t WHERE ' ' || t.title || ' ' || "
            "t.body || ' ' LIKE '% ' || d.term || ' %') FROM term_df d WHERE d.term IN "
            "('nato', 'rapat', 'banjir')").fetchall()
        assert rows and all(df == actual for _, df, actual in rows)


# -- warta migrate-archive -----------------------------------------------------------------


def _rich_archive(path: Path) -> None:
    """Sample articles, one with entities and quotes, a revision, a failure with raw bytes
    and a followed source: every kind of row."""
    from warta.model import Entity, Mention, Quote
    from warta.store import FailureRecord

    articles = sample_articles()
    rina = Entity("Rina Wulandari", "PER", [Mention("Rina Wulandari", 0, 0, 14)], aliases=["Bu Rina"])
    articles[0] = dataclasses.replace(
        articles[0], entities=[rina], keywords=["banjir"],
        quotes=[Quote("Kami siap", "direct", speaker="Rina Wulandari", cue="kata")])
    with SQLiteArchive(path) as archive:
        archive.put_many(articles)
        archive.put(dataclasses.replace(articles[1], paragraphs=[*articles[1].paragraphs, "Ralat."]))
        archive.add_failures([FailureRecord("in/b.bin", "binary_document", "in/b.bin: binary",
                                            b"\x00\x01")])
        archive.add_source("https://k.example/rss", "rss")


def test_migrate_archive_sqlite_to_postgres_and_back(url: str, tmp_path: Path) -> None:
    _rich_archive(tmp_path / "a.db")
    code, out, err = run("migrate-archive", str(tmp_path / "a.db"), url, "--json")
    assert code == 0, err
    there = json.loads(out)
    assert (there["articles_copied"], there["verified"], there["counts"]["revisions"],
            there["counts"]["quotes"], there["counts"]["sources"]) == (12, True, 1, 1, 1)
    with open_archive(url) as pg, SQLiteArchive(tmp_path / "a.db") as sqlite:
        for article_id in sqlite.ids():
            assert pg.get(article_id) == sqlite.get(article_id)
        assert pg.search("perahu karet").total == sqlite.search("perahu karet").total == 3
        assert [e.to_dict() for e in pg.entities()] == [e.to_dict() for e in sqlite.entities()]
        assert pg.failure_raw(pg.list_failures()[1][0].number) == b"\x00\x01"
        first = next(iter(sqlite.ids()))
        assert {r.id for r in pg.related(first)} == {r.id for r in sqlite.related(first)}
        # stories and copy pairs come over as they were computed, not empty
        assert [pg.story_of(i) for i in sqlite.ids()] == [sqlite.story_of(i) for i in sqlite.ids()]
        (pg_total, pg_stories), (total, stories) = pg.list_stories(), sqlite.list_stories()
        assert (pg_total, [s.to_dict() for s in pg_stories]) == (
            total, [s.to_dict() for s in stories])
        assert [pg.copies(i) for i in sqlite.ids()] == [sqlite.copies(i) for i in sqlite.ids()]
    # 12 articles in 7 stories: the floods, rice prices, the league final and the quakes
    # pair up (the pair model of link/data/story_pair_model.json)
    assert (there["counts"]["story_members"], there["counts"]["stories"]) == (12, 7)
    # a rerun only verifies: nothing is copied twice
    code, out, _ = run("migrate-archive", str(tmp_path / "a.db"), url, "--json")
    assert (code, json.loads(out)["articles_copied"], json.loads(out)["verified"]) == (0, 0, True)
    with open_archive(url) as pg:  # the copy goes on as an archive: the next rowid, no clash
        assert pg.put(Article(title="Berita baru", paragraphs=["Perahu karet dikerahkan lagi."],
                              url="https://k.example/baru", outlet="Kabar Fiksi")).added == 1
    code, out, err = run("migrate-archive", str(tmp_path / "a.db"), url)
    assert code == 1 and "does not hold the same as" in err
    assert "counts differing: {'articles': (12, 13), 'terms': (12, 13)" in err
    back = tmp_path / "back.db"
    code, out, err = run("migrate-archive", url, str(back), "--json")
    assert code == 0, err
    assert json.loads(out)["counts"]["articles"] == 13
    with SQLiteArchive(back) as again:
        assert again.search("perahu karet").total == 4  # tantivy rebuilt from the rows


def test_migrate_archive_resumes_after_an_interruption(url: str, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from warta.store import transfer

    _rich_archive(tmp_path / "a.db")
    monkeypatch.setattr(transfer, "CHUNK", 5)
    real = transfer._copy_articles
    calls = []

    def dies_on_the_third(*args: object) -> None:
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt  # as a Ctrl-C or kill mid-chunk
        real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(transfer, "_copy_articles", dies_on_the_third)
    with pytest.raises(KeyboardInterrupt):
        transfer.migrate_archive(str(tmp_path / "a.db"), url)
    with open_archive(url, read_only=True) as partial:
        assert partial.count() == 10  # two chunks committed, the third rolled back
    monkeypatch.setattr(transfer, "_copy_articles", real)
    report = transfer.migrate_archive(str(tmp_path / "a.db"), url)
    assert (report.resumed_after, report.articles_copied, report.verified) == (10, 2, True)
    other = tmp_path / "b.db"
    with SQLiteArchive(other) as archive:
        archive.put_many(sample_articles()[:1])
    with pytest.raises(UsageError, match=r"holds a copy of another archive \("):
        transfer.migrate_archive(str(other), url)
    with pytest.raises(UsageError, match="b.db already holds 1 articles; migrate-archive copies "
                                         "into an empty archive only: give a new one"):
        transfer.migrate_archive(url, str(other))


# -- watcher state: the same answers as SQLite ---------------------------------------------


def _sources_story(archive: Archive) -> list[object]:
    """Every sources method once, in the order the watcher calls them; what each returned."""
    from warta.store.sources import DocState, PollRecord, UrlRecord

    out: list[object] = []
    info, added = archive.add_source("https://k.example/rss", "rss", outlet=None, interval_s=60)
    out.append((info.url, info.kind, info.status, added))
    out.append(archive.add_source("https://k.example/rss", "atom", outlet="Kabar")[1])
    out.append(archive.find_source(info.id).kind)  # type: ignore[union-attr]
    out.append([s.url for s in archive.due_sources(0.0)])
    archive.put(sample_articles()[0])
    stored = UrlRecord("k.example/a", "https://k.example/a", info.id, "stored",
                       article_id=sample_articles()[0].id, published_raw="Mon, 1 Jan 2024")
    archive.record_poll(PollRecord(info.id, "ok", 90.0, 100.0, 0, outlet="Kabar Fiksi",
                                   kind="atom", articles_found=1,
                                   docs=[DocState("https://k.example/rss", '"e1"', None, "h1")],
                                   urls=[stored]))
    archive.settle_urls(info.id, [UrlRecord("k.example/b", "https://k.example/b", info.id,
                                            "failed", reason="empty")], articles_found=0)
    found = archive.find_source(info.id)
    assert found is not None
    out.append({k: v for k, v in found.to_dict().items() if k not in ("added_at", "last_poll")})
    out.append(archive.doc_states(["https://k.example/rss", "https://k.example/x"]))
    out.append(sorted(archive.url_records(["k.example/a", "k.example/b", "k.example/c"]).items()))
    out.append(archive.stored_urls([sample_articles()[0].url or "", "https://k.example/z"]))
    out.append([s.url for s in archive.due_sources(99.0)])
    out.append([s.url for s in archive.due_sources(100.0)])
    out.append((archive.remove_source(info.id), archive.remove_source(info.id),
                archive.list_sources()))
    return out


def test_sources_answer_as_on_sqlite(url: str, tmp_path: Path) -> None:
    with SQLiteArchive(tmp_path / "a.db") as sqlite, open_archive(url) as pg:
        assert _sources_story(pg) == _sources_story(sqlite)


def test_search_count_stops_at_the_cap_and_says_so(url: str, tmp_path: Path) -> None:
    """Past the cap the total is "more than" (total_exact false); below it, and on SQLite,
    it is exact; a page past the cap raises the count to the page's end."""
    articles = sample_articles()
    with open_archive(url) as pg, SQLiteArchive(tmp_path / "a.db") as lite:
        pg.put_many(articles)
        lite.put_many(articles)
        exact = lite.search("banjir", limit=1)
        assert (exact.total, exact.total_exact) == (3, True)
        assert pg.search("banjir", limit=1).total == 3
        pg.count_cap = 1  # type: ignore[attr-defined]
        capped = pg.search("banjir", limit=1)
        assert (capped.total, capped.total_exact, len(capped.hits)) == (1, False, 1)
        assert capped.to_dict()["total_exact"] is False
        further = pg.search("banjir", limit=1, offset=1)
        assert (further.total, further.total_exact) == (2, False)
        filtered = pg.search('banjir section:"Metro"', limit=1)
        assert (filtered.total, filtered.total_exact) == (1, False)
        last = pg.search("banjir", limit=2, offset=2)  # fewer than asked: the end is known
        assert (last.total, last.total_exact, len(last.hits)) == (3, True, 1)
        pg.count_cap = 3  # type: ignore[attr-defined]
        assert (pg.search("banjir", limit=1).total_exact, pg.search("banjir", limit=1).total) == (
            True, 3)


# -- related news on a big archive: the candidate pool ------------------------------------


def test_pool_terms_are_the_rarest_within_the_postings_budget() -> None:
    from warta.store.postgres_related import POOL_MIN_TERMS, POOL_POSTINGS, _pool_terms

    assert (POOL_POSTINGS, POOL_MIN_TERMS) == (2000, 3)
    df = {"kpk": 1500, "febri": 5, "diansyah": 10, "antirasuah": 600}
    # 5 + 10 + 600 postings; kpk's 1,500 more would pass the budget
    assert _pool_terms(["kpk", "febri", "diansyah", "antirasuah"], df) == [
        "febri", "diansyah", "antirasuah"]
    # the three rarest even when they alone pass it; every term when all fit
    assert _pool_terms(["a", "b", "c", "d"], {"a": 3000, "b": 2500, "c": 2100, "d": 9000}) == [
        "c", "b", "a"]
    assert _pool_terms(["b", "a"], {"a": 1, "b": 2}) == ["a", "b"]


def test_related_pool_takes_story_mates_beside_the_text_matches(
        url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from warta.store import postgres_related

    articles = {a.url.rsplit("/", 1)[1]: a for a in sample_articles()}  # type: ignore[union-attr]
    slugs = {a.id: slug for slug, a in articles.items()}
    drawn: list[list[str]] = []
    real = postgres_related._pool_candidates
    monkeypatch.setattr(postgres_related, "_pool_candidates",
                        lambda *args: drawn.append(args[4]) or real(*args))
    # every article counts as big: the pool is drawn by its rarest term, and no text
    # match gets in (POOL 0, no recent matches), so what is left are the story mates
    from warta.link import related

    monkeypatch.setattr(related, "RECENT_CANDIDATES", 0)
    monkeypatch.setattr(postgres_related, "POOL_POSTINGS", 0)
    monkeypatch.setattr(postgres_related, "POOL_MIN_TERMS", 1)
    monkeypatch.setattr(postgres_related, "POOL", 0)
    with open_archive(url) as pg:
        pg.put_many(articles.values())
        hits = pg.related(articles["gempa-cianjur"].id)
        assert [(slugs[h.id], h.reasons[0]) for h in hits] == [("gempa-susulan", "same story")]
        assert pg.related(articles["rupiah-melemah"].id) == []  # a story of its own: none
    assert [len(terms) for terms in drawn] == [1, 1]
