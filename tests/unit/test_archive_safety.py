"""Issue 9, points 3, 4, 5 and 16: the archive commands create nothing on a usage error,
refuse files that are not warta archives, never write on a read, report every failure, refuse
filters and pages that would silently return nothing, and print archive text safely."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from warta.cli import cli
from warta.demo import sample_articles
from warta.errors import StoreError, UsageError
from warta.ingest import ingest_articles
from warta.model import Article
from warta.store import SQLiteArchive, open_archive
from warta.store.migrate import LATEST_VERSION, migrations
from warta.store.sqlite_open import file_uri

ARTICLES = {a.url.rsplit("/", 1)[1]: a for a in sample_articles()}  # type: ignore[union-attr]
BERAS = ARTICLES["harga-beras"]


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def usage_error(stderr: str) -> str:
    """The message of a click usage error (the line after ``Error: ``)."""
    return stderr.split("Error: ", 1)[1].strip()


def build(path: Path) -> Path:
    with SQLiteArchive(path) as archive:
        ingest_articles(sample_articles(), archive, workers=0, enrich=False)
    return path


def foreign_db(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE users(id INTEGER); CREATE TABLE orders(id INTEGER);")
    conn.close()
    return path


def tables(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    finally:
        conn.close()


# -- 3. create nothing on a usage error; refuse folders and foreign files --------------------


def test_a_usage_error_creates_no_archive(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    code, _, err = invoke("ingest", str(tmp_path / "missing.txt"), "--db", str(db))
    assert (code, usage_error(err)) == (2, f"no such file or folder: {tmp_path / 'missing.txt'}")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_another_applications_sqlite_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    db = foreign_db(tmp_path / "x.db")
    (tmp_path / "page.txt").write_text("JAKARTA - Harga beras naik.\n\nHarga beras naik lagi.", encoding="utf-8")
    message = (f"{db} is a SQLite database of another application (tables: orders, users); warta "
               "will not add its tables to it: give a new file name")
    for args in (("ingest", str(tmp_path / "page.txt")), ("search", "banjir"), ("stats",), ("failures",),
                 ("migrate",)):
        code, _, err = invoke(*args, "--db", str(db))
        assert (code, usage_error(err)) == (2, message), args
    assert tables(db) == ["orders", "users"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.txt", "x.db"]


def test_db_that_is_a_folder_or_not_sqlite_exits_2_saying_so(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text("Harga beras naik lagi di pasar.", encoding="utf-8")
    code, _, err = invoke("ingest", str(tmp_path / "page.txt"), "--db", str(tmp_path))
    assert (code, usage_error(err)) == (
        2, f"{tmp_path} is a folder, not an archive file; give a file name, e.g. {tmp_path / 'warta.db'}")
    notes = tmp_path / "notes.db"
    notes.write_text("my notes, not a database " * 40, encoding="utf-8")
    for args in (("ingest", str(tmp_path / "page.txt")), ("search", "beras")):
        code, _, err = invoke(*args, "--db", str(notes))
        assert (code, usage_error(err)) == (
            2, f"{notes} is not a SQLite database (file is not a database); warta will not overwrite "
            "it: give a new file name or an archive made by `warta ingest`"), args
    assert notes.read_text(encoding="utf-8") == "my notes, not a database " * 40


def test_db_in_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text("Harga beras naik lagi di pasar.", encoding="utf-8")
    db = tmp_path / "nope" / "a.db"
    code, _, err = invoke("ingest", str(tmp_path / "page.txt"), "--db", str(db))
    assert (code, usage_error(err)) == (
        2, f"{db}: the folder {db.parent} does not exist; create it first or give another file name")


# -- 4. failures are printed as they come, summarised, and listed ---------------------------


def test_ingest_prints_each_failure_and_a_summary_by_reason(tmp_path: Path) -> None:
    (tmp_path / "kosong.txt").write_text(" ", encoding="utf-8")
    (tmp_path / "rusak.jsonl").write_bytes(b"{x\n")
    db = tmp_path / "x.db"
    code, out, err = invoke("ingest", str(tmp_path / "kosong.txt"), str(tmp_path / "rusak.jsonl"),
                            "--db", str(db), "--workers", "0")
    assert code == 3
    assert out.startswith("0 articles (0 new, 0 updated, 0 unchanged), 2 failed,")
    kosong, rusak = tmp_path / "kosong.txt", tmp_path / "rusak.jsonl"
    assert err.splitlines() == [
        f"failed: {kosong}: empty document (1 bytes); nothing to parse",
        f"failed: {rusak}: not valid JSON (Expecting property name enclosed in double quotes: line 1 "
        "column 2 (char 1)); fix or re-export the file",
        f"2 failed: 1 empty document, 1 not valid JSON; list them with: warta failures --db {db}",
    ]
    code, out, _ = invoke("ingest", str(kosong), str(rusak), "--db", str(db), "--workers", "0", "--json")
    assert (code, json.loads(out)["failures_by_reason"]) == (3, {"empty document": 1, "not valid JSON": 1})


def test_failures_command_lists_and_exports_raw_bytes(tmp_path: Path) -> None:
    kosong, rusak = tmp_path / "kosong.txt", tmp_path / "rusak.jsonl"
    kosong.write_text(" ", encoding="utf-8")
    rusak.write_bytes(b"{x\n")
    db = tmp_path / "x.db"
    invoke("ingest", str(kosong), str(rusak), "--db", str(db), "--workers", "0")
    code, out, _ = invoke("failures", "--db", str(db), "--json")
    assert code == 0
    data = json.loads(out)
    when = data["failures"][0]["recorded_at"]
    assert data["total"] == 2
    assert data["failures"][0] == {
        "number": 1, "source": str(kosong), "code": "empty_document",
        "reason": f"{kosong}: empty document (1 bytes); nothing to parse", "recorded_at": when,
        "raw_bytes": 1,
    }
    assert [f["source"] for f in data["failures"]] == [str(kosong), str(rusak)]
    code, out, _ = invoke("failures", "--db", str(db))
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == f"    1  {when}  empty document  (1 bytes kept)  {kosong}"
    assert lines[1] == f"       {kosong}: empty document (1 bytes); nothing to parse"
    assert lines[2].endswith(f"  not valid JSON  (3 bytes kept)  {rusak}")
    assert lines[-2:] == [f"2 failed documents in {db}",
                          f"write their raw bytes to files with: warta failures --db {db} --export DIR"]
    target = tmp_path / "out"
    code, out, _ = invoke("failures", "--db", str(db), "--export", str(target))
    assert code == 0 and out.splitlines()[-1] == f"wrote the raw bytes of 2 failures and index.json to {target}"
    assert sorted(p.name for p in target.iterdir()) == ["00001-kosong.txt", "00002-rusak.jsonl", "index.json"]
    assert (target / "00002-rusak.jsonl").read_bytes() == b"{x\n"
    index = json.loads((target / "index.json").read_text(encoding="utf-8"))
    assert [(e["file"], e["code"], e["raw_bytes"]) for e in index] == [
        ("00001-kosong.txt", "empty_document", 1), ("00002-rusak.jsonl", "document_error", 3)]


def test_failures_on_a_clean_archive(tmp_path: Path) -> None:
    db = build(tmp_path / "a.db")
    assert invoke("failures", "--db", str(db))[:2] == (0, f"no failed documents in {db}\n")


# -- 5. an invalid filter is a usage error, not 0 results -----------------------------------


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("date:2019-13-01", "date:2019-13-01: not a date; use date:YYYY-MM-DD, date:YYYY-MM, date:YYYY "
         "or date:FROM..TO (either side may be open)"),
        ("banjir date:2019-02-30..x", "date:2019-02-30..x: 2019-02-30 is not a date; use date:YYYY-MM-DD, "
         "date:YYYY-MM, date:YYYY or date:FROM..TO (either side may be open)"),
        ("outlet:***", 'outlet:***: has no letters or digits to match; write e.g. outlet:"kompas.com"'),
    ],
)
def test_invalid_filters_exit_2_with_the_expected_form(tmp_path: Path, query: str, message: str) -> None:
    db = build(tmp_path / "a.db")
    code, _, err = invoke("search", "--db", str(db), query)
    assert (code, usage_error(err)) == (2, message)


# -- 16. paths, read-only opens, bounds, terminal safety -----------------------------------


def test_db_names_with_url_characters_ingest_and_resume(tmp_path: Path) -> None:
    export = tmp_path / "one.jsonl"
    export.write_text(BERAS.to_json() + "\n", encoding="utf-8")
    db = tmp_path / "a#b?c%41.db"
    code, out, err = invoke("ingest", str(export), "--db", str(db), "--workers", "0")
    assert (code, err) == (0, "")
    assert out.startswith("1 articles (1 new, 0 updated, 0 unchanged)")
    code, out, _ = invoke("ingest", str(export), "--db", str(db), "--workers", "0")
    assert out.startswith("1 articles (0 new, 0 updated, 1 unchanged)")  # the hash look-up opened it
    assert not (tmp_path / "a").exists()
    assert file_uri(db, mode="ro") == f"file://{tmp_path.as_posix()}/a%23b%3Fc%2541.db?mode=ro"
    code, out, _ = invoke("search", "--db", str(db), "beras")
    assert (code, out.splitlines()[0]) == (0, "1 articles match beras")


def test_reads_create_nothing(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    for args in (("search", "beras"), ("show", "x"), ("related", "x"), ("stats",), ("export",), ("failures",)):
        code, _, err = invoke(*args, "--db", str(db))
        assert (code, usage_error(err)) == (2, f"no archive at {db}; build one with `warta ingest SOURCES "
                                               f"--db {db}`"), args
    db.touch()  # an empty file: a valid, empty SQLite database
    code, _, err = invoke("search", "beras", "--db", str(db))
    assert (code, usage_error(err)) == (
        2, f"{db} holds no warta archive yet; run `warta ingest SOURCES --db {db}` first")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.db"] and db.stat().st_size == 0


def _archive_at(path: Path, version: int) -> Path:
    """An archive built by the migrations up to ``version`` only (as an older warta left it)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    for number, sql in migrations():
        if number <= version:
            conn.executescript(sql)
            conn.execute(f"INSERT INTO schema_version VALUES ({number})")
    conn.close()
    return path


def test_an_older_archive_is_read_only_after_migration(tmp_path: Path) -> None:
    previous = migrations()[-2][0]  # numbers may have gaps (010: live sources)
    db = _archive_at(tmp_path / "old.db", previous)
    code, _, err = invoke("search", "beras", "--db", str(db))
    assert (code, err) == (1, f"error: {db}: this archive needs migration (schema version "
                              f"{previous}, this warta reads {LATEST_VERSION}): run `warta migrate "
                              f"--db {db}` (or any `warta ingest` into it), then try again\n")
    with sqlite3.connect(db) as conn:  # the read migrated nothing
        assert conn.execute("SELECT max(version) FROM schema_version").fetchone() == (previous,)
    assert invoke("migrate", "--db", str(db))[:2] == (0, f"{db} is at schema version {LATEST_VERSION}\n")
    assert invoke("search", "beras", "--db", str(db))[:2] == (0, "0 articles match beras\n")


@contextmanager
def read_only_folder(folder: Path) -> Iterator[None]:
    """Make ``folder`` and its files unwritable, as a read-only mount or another user's files
    are (root ignores permission bits: there the immutable attribute does it)."""
    paths = [folder, *folder.rglob("*")]
    if os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in paths}
        for p in paths:
            p.chmod(0o555 if p.is_dir() else 0o444)
        try:
            yield
        finally:
            for p, mode in modes.items():
                p.chmod(mode)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", *map(str, paths)], capture_output=True).returncode:
        subprocess.run([chattr or "chattr", "-i", *map(str, paths)], capture_output=True)
        pytest.skip("running as root where files cannot be made immutable: no read-only folder to test")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", *map(str, paths)], check=True)


def test_a_read_only_archive_is_searchable_and_says_why_it_cannot_ingest(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = build(folder / "a.db")
    (tmp_path / "page.txt").write_text("Harga beras naik lagi di pasar induk.", encoding="utf-8")
    with read_only_folder(folder):
        code, out, err = invoke("search", "--db", str(db), "beras")
        assert (code, err, out.splitlines()[0]) == (0, "", "2 articles match beras")
        code, out, _ = invoke("stats", "--db", str(db), "--json")
        assert (code, json.loads(out)["articles"], json.loads(out)["search_engine"]) == (0, 12, "tantivy")
        with open_archive(db, read_only=True) as archive:
            assert archive.get(BERAS.id) == BERAS
        code, _, err = invoke("ingest", str(tmp_path / "page.txt"), "--db", str(db))
        assert (code, err) == (1, f"error: {db} is read-only for this user (the file or its folder {folder}); "
                                  "reading works (warta search, show, stats, export, serve without a token), "
                                  "writing needs write access to both\n")
    assert sorted(p.name for p in folder.iterdir()) == ["a.db", "a.db.tantivy"]


def test_a_read_only_archive_without_its_index_falls_back_to_fts5(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = build(folder / "a.db")
    shutil.rmtree(folder / "a.db.tantivy")
    with read_only_folder(folder):
        code, out, err = invoke("search", "--db", str(db), "--json", "beras")
    assert code == 0
    assert [h["id"] for h in json.loads(out)["hits"]] == [BERAS.id, ARTICLES["operasi-pasar"].id]
    assert err.startswith(f"warning: {db}.tantivy: the search index cannot be opened or built here (")
    assert err.endswith("); searching with SQLite FTS5 instead (same results, other ranking); run "
                        "`warta ingest` with write access to rebuild it\n")


def test_a_read_only_open_builds_a_missing_index_where_it_may(tmp_path: Path) -> None:
    db = build(tmp_path / "a.db")
    shutil.rmtree(tmp_path / "a.db.tantivy")
    with open_archive(db, read_only=True) as archive:
        assert (archive.stats()["search_engine"], archive.search("beras").total) == ("tantivy", 2)


def test_library_read_only_open_refuses_what_it_cannot_read(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no archive at"):
        open_archive(tmp_path / "none.db", read_only=True)
    assert not (tmp_path / "none.db").exists()
    db = build(tmp_path / "a.db")
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO schema_version VALUES (999)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match=r"archive schema version 999 is newer than this warta knows"):
        open_archive(db, read_only=True)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--offset", "1000000000000"), "Invalid value for '--offset': 1000000000000 is not in the range 0<=x<=100000."),
        (("--limit", "-5"), "Invalid value for '--limit' / '-n': -5 is not in the range 1<=x<=1000."),
        (("-n", "0"), "Invalid value for '--limit' / '-n': 0 is not in the range 1<=x<=1000."),
    ],
)
def test_search_paging_is_bounded(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    db = build(tmp_path / "a.db")
    code, _, err = invoke("search", "--db", str(db), "beras", *args)
    assert (code, usage_error(err)) == (2, message)


HOSTILE = Article(
    title="Judul \x1b[2J\x1b]0;pwned\x07 merah \u202etxt.exe",
    paragraphs=["Paragraf beras \x9b31m berbahaya \x1b[5m di sini."],
    url="https://k.example/hostile", outlet="Kabar Fiksi", section="Eko\x1bnomi",
)


def test_terminal_escapes_from_the_archive_are_shown_not_sent(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    with SQLiteArchive(db) as archive:
        ingest_articles([HOSTILE], archive, workers=0)
    code, out, _ = invoke("search", "--db", str(db), "beras")
    assert code == 0
    assert out.splitlines()[1] == (
        "  1. Judul \\x1b[2J\\x1b]0;pwned\\x07 merah \\u202etxt.exe  [Kabar Fiksi · Eko\\x1bnomi · undated]  "
        f"{HOSTILE.id}")
    # (click drops our own bold codes when stdout is no terminal)
    assert out.splitlines()[2] == "     Paragraf beras \\x9b31m berbahaya \\x1b[5m di sini."
    coloured = CliRunner().invoke(cli, ["search", "--db", str(db), "beras"], color=True).stdout
    assert coloured.splitlines()[2] == (
        "     Paragraf \x1b[1mberas\x1b[0m \\x9b31m berbahaya \\x1b[5m di sini.")  # only our bold is sent
    code, out, _ = invoke("show", "--db", str(db), HOSTILE.id)
    assert out.splitlines()[0] == "Judul \\x1b[2J\\x1b]0;pwned\\x07 merah \\u202etxt.exe"
    assert "Paragraf beras \\x9b31m berbahaya \\x1b[5m di sini." in out.splitlines()
    code, out, _ = invoke("search", "--db", str(db), "--json", "beras")
    assert json.loads(out)["hits"][0]["title"] == HOSTILE.title  # JSON stays exact
    assert '"title": "Judul \\u001b[2J\\u001b]0;pwned\\u0007 merah \\u202etxt.exe"' in out  # and escaped
    assert not set(out) & {"\x1b", "\x9b", "\u202e"}


def test_failure_reasons_are_printed_safely(tmp_path: Path) -> None:
    bad = tmp_path / "x\x1b[31m.txt"
    bad.write_text(" ", encoding="utf-8")
    code, _, err = invoke("ingest", str(bad), "--db", str(tmp_path / "a.db"))
    assert code == 3
    assert err.splitlines()[0] == f"failed: {tmp_path}/x\\x1b[31m.txt: empty document (1 bytes); nothing to parse"


def test_a_read_only_open_indexes_what_a_crashed_writer_left_queued(tmp_path: Path) -> None:
    db = build(tmp_path / "a.db")
    from warta.search.tantivy_index import TantivyIndex

    conn = sqlite3.connect(db, isolation_level=None)
    rowid = conn.execute("SELECT rowid FROM articles WHERE id = ?", (BERAS.id,)).fetchone()[0]
    index = TantivyIndex(tmp_path / "a.db.tantivy")
    index.apply(remove=[rowid], add=[])  # as if the crash came between the commit and the index
    index.close()
    conn.execute("INSERT INTO index_queue(rowid, seq) VALUES (?, 1)", (rowid,))
    conn.close()
    code, out, _ = invoke("search", "--db", str(db), "--json", "title:beras")
    assert (code, [h["id"] for h in json.loads(out)["hits"]]) == (0, [BERAS.id, ARTICLES["operasi-pasar"].id])
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM index_queue").fetchone()[0] == 1  # left for the writer
    conn.close()


def test_related_and_show_work_read_only_on_fts5(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = build(folder / "a.db")
    shutil.rmtree(folder / "a.db.tantivy")
    final = ARTICLES["final-liga"]
    with read_only_folder(folder):
        code, out, _ = invoke("related", "--db", str(db), "--json", "-k", "1", final.id)
        assert (code, [r["id"] for r in json.loads(out)["related"]]) == (0, [ARTICLES["pawai-juara"].id])
        code, out, _ = invoke("show", "--db", str(db), BERAS.id)
        assert (code, out.splitlines()[0]) == (0, BERAS.title)


def test_a_foreign_file_with_a_meta_table_is_still_foreign(tmp_path: Path) -> None:
    db = tmp_path / "app.db"
    conn = sqlite3.connect(db)
    conn.executescript("CREATE TABLE meta(k, v); CREATE TABLE notes(id);")
    conn.close()
    with pytest.raises(UsageError) as raised:
        open_archive(db)
    assert str(raised.value) == (f"{db} is a SQLite database of another application (tables: meta, notes); "
                                 "warta will not add its tables to it: give a new file name")
    assert tables(db) == ["meta", "notes"]


def test_a_read_only_archive_is_served(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from warta.web.app import create_app

    folder = tmp_path / "ro"
    folder.mkdir()
    db = build(folder / "a.db")
    with read_only_folder(folder), TestClient(create_app(db)) as client:
        response = client.get("/api/search", params={"q": "beras"})
        assert (response.status_code, response.json()["total"]) == (200, 2)
        assert client.get(f"/artikel/{BERAS.id}").status_code == 200
    assert sorted(p.name for p in folder.iterdir()) == ["a.db", "a.db.tantivy"]
