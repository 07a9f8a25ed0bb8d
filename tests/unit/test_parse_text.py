"""The plain-text page parser, starting with the seed page the project began from."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

import warta
from warta.errors import EmptyDocument, NotAnArticle
from warta.model import Article, Credits, ReadAlso

from ..conftest import FIXTURES, seed_path

WIB = timezone(timedelta(hours=7))


def test_seed_parses_exactly() -> None:
    article = warta.parse(seed_path())
    assert article.published == datetime(2022, 1, 22, 11, 39, tzinfo=WIB)
    assert article.published.isoformat() == "2022-01-22T11:39:00+07:00"
    assert article.tz == "WIB"
    assert article.title == "NATO Tolak Permintaan Rusia untuk Tarik Pasukan dari Bulgaria-Rumania"
    assert article.authors == ["Nur Aivanni"]
    assert article.section == "Internasional"
    assert len(article.paragraphs) == 10
    assert article.paragraphs[0].startswith("NATO menolak permintaan Rusia")
    assert article.paragraphs[-1].endswith("sebagai hal yang tidak dapat diterima.")
    for paragraph in article.paragraphs:
        assert "Baca juga" not in paragraph
        assert "(AFP/OL-4)" not in paragraph
        assert "BERITA TERKAIT" not in paragraph
    assert article.read_also == [ReadAlso("AS-Rusia Berjanji untuk Redakan Ketegangan Atas Ukraina", None)]
    assert article.to_dict()["read_also"] == [
        {"title": "AS-Rusia Berjanji untuk Redakan Ketegangan Atas Ukraina", "url": None}
    ]
    assert article.credits == Credits(["AFP"], ["OL-4"])
    assert article.format == "text"
    assert article.warnings == []


def test_seed_round_trips_through_json() -> None:
    article = warta.parse(seed_path())
    again = Article.from_json(article.to_json())
    assert again == article
    assert again.to_json() == article.to_json()


def test_portal_layout_with_people_lines_and_furniture() -> None:
    article = warta.parse(FIXTURES / "text" / "kompas_style.txt")
    assert article.title == "Pemkot Contoh Resmikan Jembatan Baru di Tepi Sungai"
    assert article.published is not None
    assert article.published.isoformat() == "2024-02-12T14:05:00+08:00"
    assert article.tz == "WITA"
    assert article.authors == ["Rina Sari", "Budi Santoso"]
    assert article.editors == ["Dewi Lestari"]
    assert article.outlet == "kompas.com"
    assert article.dateline == "MAKASSAR"
    assert article.paragraphs == [
        "Pemerintah Kota Contoh meresmikan jembatan baru sepanjang 120 meter pada Senin (12/2/2024).",
        '"Jembatan ini kami bangun untuk warga," ujar Wali Kota Contoh, Andi Pratama.',
        "Pembangunan jembatan menelan biaya Rp 15 miliar dari APBD.",
    ]
    assert [r.title for r in article.read_also] == ["Warga Contoh Sambut Jembatan dengan Syukuran"]


def test_no_dateline_keeps_article_with_warning() -> None:
    article = warta.parse(FIXTURES / "text" / "no_date.txt")
    assert article.published is None
    assert article.warnings == ["no publication date found"]
    assert article.credits == Credits(["Antara"], ["X-15"])
    assert article.paragraphs[-1] == "Pedagang mengatakan pasokan dari petani berkurang karena hujan."


def test_unreadable_date_keeps_article_with_warning() -> None:
    article = warta.parse(FIXTURES / "text" / "bad_date.txt")
    assert article.published is None
    assert article.title == "Tanggal yang Mustahil Tetap Diberitakan"
    assert article.warnings == [
        "dateline '31 Februari 2022, 10:00 WIB' could not be read as a date; published left empty"
    ]


def test_empty_and_header_only_documents_are_refused() -> None:
    with pytest.raises(EmptyDocument, match=r"^a\.txt: empty document \(3 bytes\); nothing to parse$"):
        warta.parse("  \n", source="a.txt")
    with pytest.raises(NotAnArticle, match=r"^b\.txt: no body paragraphs after the header"):
        warta.parse("22 Januari 2022, 10:00 WIB\n\nJudul Saja\n", source="b.txt")


def test_id_is_stable_and_depends_on_url_when_known() -> None:
    first = warta.parse("Judul\n\nIsi berita satu.\n", source="x")
    second = warta.parse("Judul\n\nIsi berita satu.\n", source="y")
    assert first.id == second.id
    with_url = warta.parse("Judul\n\nIsi berita satu.\n", url="https://contoh.id/a")
    assert with_url.id != first.id
    assert len(with_url.id) == 16
