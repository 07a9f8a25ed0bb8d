"""The PostgreSQL backend beyond the shared contract (tests/unit/test_store_contract.py):
the CLI, API and environment with ``--db postgresql://…``, many writers and readers on one
database, and the one-line messages for bad input. Needs ``WARTA_TEST_PG`` (`make test`
starts a throwaway cluster); fails under CI without it."""

from __future__ import annotations

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
from warta.store import SQLiteArchive, open_archive
from warta.store.postgres_open import redact

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def url() -> str:
    return postgres_schema_url()


def _export(tmp_path: Path) -> Path:
    export = tmp_path / "fiksi.jsonl"
    export.write_text("".join(a.to_json() + "\n" for a in sample_articles()), encoding="utf-8")
    return export


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
    assert (code, stats["articles"], stats["search_engine"]) == (0, 12, "postgres-tsvector")
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
    code, out, err = run("stats", "--db", "postgresql://warta:geheim@127.0.0.1:1/arsip")
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
    code, out, err = run("stats", "--db", "postgresql://warta@localhost/arsip")
    assert (code, err) == (1, "error: a postgresql:// archive needs the psycopg package, which "
                              "is not installed: run pip install 'warta[postgres]'\n")


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
    nato = Entity("NATO", "ORG", [Mention("NATO", 0, 0, 4)])
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
        assert archive.entities()[0].name == "NATO" and archive.entities()[0].article_count == 80
        assert archive.search("nato rapat").total == 80
        # the term statistics (related news) are those of the stored articles, no update lost
        rows = archive.conn.execute(  # type: ignore[attr-defined]
            "SELECT d.term, d.df, (SELECT count(*) FROM terms t WHERE ' ' || t.title || ' ' || "
            "t.body || ' ' LIKE '% ' || d.term || ' %') FROM term_df d WHERE d.term IN "
            "('nato', 'rapat', 'banjir')").fetchall()
        assert rows and all(df == actual for _, df, actual in rows)
