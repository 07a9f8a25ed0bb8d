"""Wire copies: banded MinHash candidates verified exactly, copy groups with their original,
per-copy changes, media groups told apart from wire pickup; CLI, API and portal."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from tests.conftest import BACKENDS, empty_archive
from warta.cli import cli
from warta.errors import StoreError
from warta.link.copies import agency_credit, diff_paragraphs, media_group
from warta.link.dedup import exact_jaccard, shingle_set, shingles, verified_copies
from warta.model import Article, Credits
from warta.store import Archive, SQLiteArchive

FIXTURE = json.loads((Path(__file__).parent.parent / "fixtures" / "copies" / "wire.json").read_text("utf-8"))
WIB = timezone(timedelta(hours=7))


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2024, 3, 4, hour, minute, tzinfo=WIB)


WIRE, GROUP = FIXTURE["wire"], FIXTURE["group"]
EXTRA = "Baca berita menarik lainnya hanya di portal kami setiap hari tanpa ketinggalan informasi terbaru."

ANTARA = Article(title="Jembatan gantung Sukamaju diresmikan", paragraphs=WIRE, outlet="antaranews.com",
                 url="https://antaranews.example/jembatan", published=at(8))
OKEZONE = Article(title="Jembatan Gantung Sukamaju Diresmikan!", paragraphs=[*WIRE, EXTRA],
                  outlet="okezone.com", url="https://okezone.example/jembatan", published=at(9, 30),
                  credits=Credits(agencies=["Antara"]))
SINDO = Article(title="Warga Sambut Jembatan Baru", paragraphs=[WIRE[0], WIRE[1] + " Proyek ini selesai tepat waktu.",
                                                                  *WIRE[2:]],
                outlet="sindonews.com", url="https://sindonews.example/jembatan", published=at(10))
KOMPAS = Article(title="Harga cabai rawit turun", paragraphs=GROUP, outlet="kompas.com",
                 url="https://kompas.example/cabai", published=at(7))
TRIBUN = Article(title="Harga cabai rawit turun", paragraphs=GROUP[:-1], outlet="tribunnews.com",
                 url="https://tribunnews.example/cabai", published=at(7, 40))
OTHER = Article(title="Banjir rob di pesisir", paragraphs=[
    "Banjir rob merendam ratusan rumah di pesisir utara Kota Fiksi sejak Selasa malam karena air laut pasang.",
    "Petugas membuka posko pengungsian di sekolah dasar terdekat dan membagikan makanan siap saji kepada warga."],
    outlet="tempo.co", url="https://tempo.example/rob", published=at(6))
ALL = [SINDO, OKEZONE, ANTARA, KOMPAS, TRIBUN, OTHER]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture()
def archive(backend: str) -> Iterator[Archive]:
    store = empty_archive(backend)
    store.put_many(ALL)
    yield store
    store.close()


def test_copies_are_verified_pairs(archive: Archive) -> None:
    assert archive.copies(ANTARA.id) == [SINDO.id, OKEZONE.id]
    assert archive.copies(KOMPAS.id) == [TRIBUN.id]
    assert archive.copies(OTHER.id) == []
    pairs = dict(((a, b), j) for a, b, j in archive.conn.execute(
        "SELECT x.id, y.id, jaccard FROM copy_pairs JOIN articles x ON x.rowid = article_rowid "
        "JOIN articles y ON y.rowid = other_rowid"))
    assert pairs[(ANTARA.id, OKEZONE.id)] == pairs[(OKEZONE.id, ANTARA.id)] == 0.902


def test_agency_outlet_is_the_original_whatever_the_order(archive: Archive) -> None:
    group = archive.copy_group(SINDO.id).to_dict()
    assert {k: group[k] for k in ("original", "confidence", "reason", "agency")} == {
        "original": ANTARA.id, "confidence": 0.95, "reason": "agency_outlet", "agency": "Antara"}
    copies = {c["id"]: c for c in group["copies"]}
    assert list(copies) == [SINDO.id, OKEZONE.id]
    assert copies[OKEZONE.id] == {
        "id": OKEZONE.id, "outlet": "okezone.com", "published": "2024-03-04T09:30:00+07:00",
        "relation": "wire",
        "changes": {"title_changed": False, "added": [6], "removed": [], "edited": [], "unchanged": 6},
    }
    assert copies[SINDO.id]["changes"] == {
        "title_changed": True, "added": [], "removed": [], "edited": [[1, 1]], "unchanged": 5}


def test_agency_credit_then_earliest_time(backend: str) -> None:
    with empty_archive(backend) as store:
        store.put_many([SINDO, OKEZONE])  # no agency outlet: okezone credits Antara
        group = store.copy_group(SINDO.id)
    assert (group.original, group.confidence, group.reason, group.agency) == (
        OKEZONE.id, 0.8, "agency_credit", "Antara")
    with empty_archive(backend) as store:
        store.put_many([TRIBUN, KOMPAS])
        group = store.copy_group(TRIBUN.id)
    assert (group.original, group.confidence, group.reason, group.agency) == (
        KOMPAS.id, 0.6, "earliest_minutes", None)
    assert [(c.id, c.relation, c.changes["removed"]) for c in group.copies] == [(TRIBUN.id, "media_group", [4])]


def test_no_copies_and_unknown_id(archive: Archive) -> None:
    assert archive.copy_group(OTHER.id).to_dict() == {
        "id": OTHER.id, "original": None, "confidence": 0.0, "reason": "no_copies", "agency": None,
        "copies": []}
    with pytest.raises(StoreError, match="no article with id 'nope'"):
        archive.copy_group("nope")


def test_replacing_or_deleting_a_copy_forgets_its_pairs(archive: Archive) -> None:
    archive.put(Article(title=TRIBUN.title, paragraphs=["Isi yang sama sekali berbeda tentang cuaca cerah hari ini."],
                        outlet=TRIBUN.outlet, url=TRIBUN.url, published=TRIBUN.published))
    assert archive.copies(KOMPAS.id) == []
    archive.delete(OKEZONE.id)
    assert archive.copies(ANTARA.id) == [SINDO.id]


def test_shingle_tuples_give_the_jaccard_of_shingle_strings() -> None:
    a = "jembatan gantung sukamaju diresmikan bupati pagi ini warga".split()
    b = "jembatan gantung sukamaju diresmikan bupati siang ini warga".split()
    assert shingle_set(a[:4]) == {("jembatan", "gantung", "sukamaju", "diresmikan")}
    assert shingle_set([]) == set()
    assert len(shingle_set(a)) == len(shingles(a)) == 4
    # one shingle in common ("jembatan … bupati") of 7
    assert exact_jaccard(shingle_set(a), shingle_set(b)) == exact_jaccard(shingles(a), shingles(b)) == 0.1429


def test_verified_copies_check_each_distinct_text_once() -> None:
    own = "a b c d e f g h i j".split()
    near = "a b c d e f g h i j k"  # 6 of own's 6 shingles, 7 in all: 0.8571
    rows = [(1, "judul", "a b c d e f g h i j"), (2, "lain", "a b c d e f g h i j"), (3, "x", near),
            (4, "x", "a b c z e f g h i j"), (5, "a b c d e f g h i j", ""), (6, "", "")]
    # identical terms (body, or the title when the body is empty) are copies at 1.0; 4 shares
    # 2 of 10 shingles (0.2), below the bar; an empty text is no copy
    assert verified_copies(own, rows) == [(1, 1.0), (2, 1.0), (3, 0.8571), (5, 1.0)]
    assert verified_copies([], [(7, "", "")]) == []


def test_credit_in_text_and_media_groups() -> None:
    credited = Article(paragraphs=["JAKARTA (ANTARA) - Harga emas naik hari ini.", "Isi kedua."])
    assert agency_credit(credited) == "Antara"
    assert agency_credit(Article(paragraphs=["Seperti dilansir Reuters, harga minyak turun."])) == "Reuters"
    assert agency_credit(Article(paragraphs=["Ia menyebut antara dua pilihan."])) is None
    assert (media_group("kompas.com"), media_group("tribunnews.com")) == ("Kompas Gramedia", "Kompas Gramedia")
    assert (media_group("okezone.com"), media_group("sindonews.com")) == ("MNC Media", "MNC Media")
    assert media_group("Kabar Fiksi") is None


def test_paragraph_diff() -> None:
    assert diff_paragraphs(["a b c", "d e f", "g h i"], ["A B C!", "x y z", "g h i", "baru"]) == {
        "added": [1, 3], "removed": [1], "edited": [], "unchanged": 2}
    assert diff_paragraphs(["harga cabai turun tajam"], ["harga cabai turun sangat tajam"]) == {
        "added": [], "removed": [], "edited": [[0, 0]], "unchanged": 0}


def test_migration_12_recomputes_signatures_and_pairs(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    with SQLiteArchive(db) as store:
        store.put_many(ALL)
        # an archive of schema 11: no copy pairs, bands of the former scheme
        store.conn.execute("DROP TABLE copy_pairs")
        store.conn.execute("UPDATE signatures SET sig = zeroblob(256)")
        store.conn.execute("DELETE FROM schema_version WHERE version = 12")
    with SQLiteArchive(db) as store:
        assert store.copies(ANTARA.id) == [SINDO.id, OKEZONE.id]


def test_postgres_migration_12_recomputes_signatures_and_pairs() -> None:
    from tests.conftest import postgres_schema_url
    from warta.store.postgres import PostgresArchive

    url = postgres_schema_url()
    with PostgresArchive(url) as store:
        store.put_many(ALL)
        # an archive of schema 11: no copy pairs, bands of the former scheme
        store.conn.execute("DROP TABLE copy_pairs")
        store.conn.execute("UPDATE signatures SET sig = decode(repeat('00', 256), 'hex')")
        store.conn.execute("DELETE FROM schema_version WHERE version = 12")
    with PostgresArchive(url) as store:
        assert store.copies(ANTARA.id) == [SINDO.id, OKEZONE.id]
        assert store.copy_group(SINDO.id).original == ANTARA.id


@pytest.fixture()
def db(tmp_path: Path) -> str:
    path = tmp_path / "a.db"
    with SQLiteArchive(path) as store:
        store.put_many(ALL)
    return str(path)


def test_cli_copies_json_and_text(db: str) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["copies", "--db", db, "--json", OKEZONE.id])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert (data["original"], data["confidence"], [c["id"] for c in data["copies"]]) == (
        ANTARA.id, 0.95, [SINDO.id, OKEZONE.id])
    result = runner.invoke(cli, ["copies", "--db", db, KOMPAS.id])
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        f"original: {KOMPAS.id}  (earliest_minutes, confidence 0.6)",
        f"  {TRIBUN.id}  tribunnews.com  2024-03-04T07:40:00+07:00  media_group  +0 -1 ~0 paragraphs",
    ]
    result = runner.invoke(cli, ["copies", "--db", db, OTHER.id])
    assert (result.exit_code, result.output) == (0, "no copies\n")
    result = runner.invoke(cli, ["copies", "--db", db, "ffffffffffffffff"])
    assert result.exit_code == 1
    assert "no article with id 'ffffffffffffffff'" in result.stderr


def test_api_and_portal(db: str) -> None:
    from warta.web.app import create_app

    client = TestClient(create_app(db))
    r = client.get(f"/api/articles/{TRIBUN.id}/copies")
    assert r.status_code == 200
    assert (r.json()["original"], r.json()["reason"]) == (KOMPAS.id, "earliest_minutes")
    assert client.get("/api/articles/ffffffffffffffff/copies").status_code == 404
    page = client.get(f"/artikel/{TRIBUN.id}").text
    assert '<h2 id="salinan-judul">Sumber asli</h2>' in page
    assert f'<a class="judul" href="/artikel/{KOMPAS.id}">Harga cabai rawit turun</a>' in page
    page = client.get(f"/artikel/{ANTARA.id}").text
    assert '<h2 id="salinan-judul">Juga dimuat di</h2>' in page
    assert f'<li><a href="/artikel/{SINDO.id}">sindonews.com</a>' in page
    assert "salinan-judul" not in client.get(f"/artikel/{OTHER.id}").text
