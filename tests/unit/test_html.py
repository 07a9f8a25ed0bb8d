"""HTML article pages: warta.parse.html on fictional pages and on the shared reference pages."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path

import pytest
from trafilatura.utils import load_html

from tests.conftest import FIXTURES, shared_or_fail
from warta.errors import EmptyDocument, NotAnArticle
from warta.model import Article
from warta.parse.html import parse_html
from warta.parse.html_dates import published_from_tree
from warta.parse.html_quality import boilerplate_hits, containment, reference_content

HTML = FIXTURES / "html"
WIB = timezone(timedelta(hours=7))


def _parse(name: str) -> Article:
    return parse_html((HTML / name).read_bytes(), source=name)


# --- fictional pages written for these tests -------------------------------------------


def test_loose_text_page_with_lead_table_byline_and_inline_read_also() -> None:
    article = _parse("loose_text.html")
    assert article.title == "Pasar Ikan Sungai Lestari Dibuka Kembali"
    assert article.format == "html"
    assert article.source == "loose_text.html"
    assert article.url == (
        "https://regional.kompas.com/read/2025/03/03/101500/pasar.ikan.sungai.lestari.dibuka.kembali"
    )
    assert article.outlet == "kompas.com"
    assert article.dateline == "BANJARMASIN"
    assert article.published == datetime(2025, 3, 3, 10, 15, tzinfo=WIB)
    assert article.published.isoformat() == "2025-03-03T10:15:00+07:00"
    assert article.tz == "WIB"
    assert article.authors == ["Dewi Lestari"]
    assert article.editors == ["Budi Santoso"]
    assert article.section == "Regional"
    assert article.image == "https://assets.kompas.com/data/photo/2025/03/03/pasar-ikan.jpg"
    assert [r.to_dict() for r in article.read_also] == [
        {
            "title": "Dermaga Sungai Lestari Selesai Diperbaiki",
            "url": "https://regional.kompas.com/read/2025/02/20/090000/dermaga-sungai-lestari-selesai-diperbaiki",
        }
    ]
    assert article.warnings == []
    # The second paragraph is loose text after <br><br> inside the div (no <p>): it is kept.
    # The photo caption in div.photo and the copyright footer are not.
    assert article.paragraphs == [
        "Pasar ikan terapung di Sungai Lestari kembali dibuka pada Senin pagi setelah tiga bulan "
        "ditutup karena perbaikan dermaga yang rusak diterjang banjir.",
        "Kepala Dinas Perdagangan Kota Banjarmasin, Rahmat Hidayat, mengatakan sebanyak dua ratus "
        "pedagang sudah kembali berjualan sejak subuh dan pembeli datang dari berbagai kecamatan.",
        "“Kami berharap pasar ini kembali ramai seperti dulu dan para nelayan bisa menjual hasil "
        "tangkapan dengan harga yang layak,” kata Rahmat kepada wartawan di lokasi.",
        "Menurut Rahmat, pemerintah kota juga menyiapkan tempat parkir perahu baru agar lalu lintas "
        "sungai tidak terganggu ketika pasar sedang ramai pada akhir pekan.",
        "Seorang pedagang, Siti Aminah, mengaku senang karena penghasilannya selama pasar ditutup "
        "turun hampir separuh dan ia harus berjualan keliling kampung.",
    ]


def test_z_stamp_that_is_local_wall_clock_and_lead_outside_paragraph() -> None:
    article = _parse("z_stamp.html")
    # pubdate "2025-03-03 T10:15:30Z" next to a visible "10:15 WIB": the Z is not UTC.
    assert article.published.isoformat() == "2025-03-03T10:15:30+07:00"
    assert article.tz == "WIB"
    assert article.title == "Harga Cabai Rawit Turun Jelang Musim Panen"
    assert article.outlet == "detik.com"
    assert article.dateline == "Jakarta"
    assert article.authors == ["Rina Wulandari"]
    assert article.section == "Finance"
    assert article.tags == ["cabai rawit", "harga pangan", "panen"]
    assert article.credits.to_dict() == {"agencies": [], "codes": ["rwl", "hns"]}
    assert len(article.paragraphs) == 3
    assert article.paragraphs[0].startswith("Harga cabai rawit di sejumlah pasar tradisional")
    assert article.paragraphs[-1].endswith("saat ditemui di kiosnya.")
    assert article.warnings == []


def test_bold_lead_without_dash_and_read_also_box_with_urls() -> None:
    article = _parse("bold_lead.html")
    assert article.outlet == "liputan6.com"
    assert article.dateline == "Yogyakarta"
    assert article.paragraphs[0].startswith("Ratusan layang-layang berwarna-warni")
    assert len(article.paragraphs) == 4
    assert [r.to_dict() for r in article.read_also] == [
        {
            "title": "Nelayan Pantai Selatan Panen Ikan Tongkol",
            "url": "https://www.liputan6.com/news/read/4999990/nelayan-pantai-selatan-panen-ikan-tongkol",
        },
        {
            "title": "Jalur Wisata Pantai Diperlebar",
            "url": "https://www.liputan6.com/news/read/4999991/jalur-wisata-pantai-diperlebar",
        },
    ]
    # "2025-03-04 16:45:10" has no offset; the visible "16:45 WIB" says which zone.
    assert article.published.isoformat() == "2025-03-04T16:45:10+07:00"
    assert article.tz == "WIB"
    assert article.section == "News"
    assert boilerplate_hits(article.paragraphs, article.title) == []


def test_photo_story_body_is_the_captions() -> None:
    article = _parse("photo_story.html")
    assert article.paragraphs == [
        "Warga mengangkat sampah plastik dari aliran Sungai Ciliwung di kawasan Kampung Melayu, "
        "Jakarta, Rabu (5/3/2025).",
        "Petugas kebersihan membantu warga memasukkan sampah ke dalam karung sebelum diangkut "
        "truk, Rabu (5/3/2025).",
        "Anak-anak ikut memungut sampah di bantaran sungai yang kini tampak lebih bersih, "
        "Rabu (5/3/2025).",
    ]
    assert article.published.isoformat() == "2025-03-05T07:30:00+07:00"
    assert article.section == "Photo"


def test_index_page_is_rejected_with_reason() -> None:
    with pytest.raises(NotAnArticle) as caught:
        _parse("index_page.html")
    assert str(caught.value) == (
        "index_page.html: looks like an index page (10 article links, 0 body paragraphs over "
        "200 characters); pass an article page"
    )


def test_feed_is_rejected_with_reason() -> None:
    feed = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Berita</title>'
        "<item><title>Satu</title></item><item><title>Dua</title></item></channel></rss>"
    )
    with pytest.raises(NotAnArticle) as caught:
        parse_html(feed, source="feed.xml")
    assert str(caught.value) == (
        "feed.xml: looks like an RSS/Atom feed (2 items), not an article page; "
        "pass the page of one article"
    )


def test_html_without_article_text_is_rejected() -> None:
    page = (
        "<html><head><title>Masuk</title></head><body><nav><a href='/'>Beranda</a> "
        "<a href='/masuk'>Masuk</a></nav><div>Silakan masuk.</div></body></html>"
    )
    with pytest.raises(NotAnArticle) as caught:
        parse_html(page, url="https://www.example-berita.id/masuk")
    assert str(caught.value) == (
        "https://www.example-berita.id/masuk: no article text found in the HTML (14 characters "
        "of body text); pass an article page"
    )


@pytest.mark.parametrize("raw", [b"", b"  \n\t ", ""])
def test_empty_input(raw: bytes | str) -> None:
    with pytest.raises(EmptyDocument) as caught:
        parse_html(raw, source="kosong.html")
    assert str(caught.value) == "kosong.html: the HTML document is empty; pass an article page"


def test_declared_latin1_bytes_are_decoded() -> None:
    paragraph = (
        "<p>Pemilik Café Senja di Bandung, René Siregar, mengatakan kunjungan wisatawan naik "
        "tajam selama libur panjang pekan lalu dan stok kopi hampir habis.</p>"
    )
    page = (
        '<html><head><meta charset="iso-8859-1"><title>Kafe di Bandung Ramai Pengunjung</title>'
        "</head><body><article><h1>Kafe di Bandung Ramai Pengunjung</h1>"
        f'<p class="date">Selasa, 4 Maret 2025 09:05 WIB</p>{paragraph * 3}</article></body></html>'
    )
    article = parse_html(page.encode("iso-8859-1"), source="latin1.html")
    assert article.title == "Kafe di Bandung Ramai Pengunjung"
    assert article.published.isoformat() == "2025-03-04T09:05:00+07:00"
    assert article.paragraphs[0].startswith("Pemilik Café Senja di Bandung, René Siregar,")
    assert article.warnings == []


# --- the published time, source by source ------------------------------------------------


def _published(head: str, body: str, day: str | None = None):
    tree = load_html(f"<html><head>{head}</head><body><div>{body}</div><p>x</p></body></html>")
    return published_from_tree(tree, day)


def test_numeric_offset_stamp_is_taken_as_is() -> None:
    value, zone, warnings = _published(
        '<meta itemprop="datePublished" content="2025-03-03T14:56:43+08:00">',
        "Senin, 3 Maret 2025 13:56 WIB",
    )
    assert (value.isoformat(), zone, warnings) == ("2025-03-03T14:56:43+08:00", "WITA", [])


def test_z_stamp_confirmed_by_visible_time_stays_utc() -> None:
    value, zone, warnings = _published(
        '<meta property="article:published_time" content="2025-03-03T03:15:00Z">',
        "Senin, 3 Maret 2025 10:15 WIB",
    )
    assert (value.isoformat(), zone, warnings) == ("2025-03-03T10:15:00+07:00", "WIB", [])


def test_z_stamp_without_dateline_is_utc() -> None:
    value, zone, warnings = _published(
        '<meta property="article:published_time" content="2025-03-03T03:15:00Z">', "Teks saja"
    )
    assert (value.isoformat(), zone, warnings) == ("2025-03-03T03:15:00+00:00", None, [])


def test_naive_stamp_without_dateline_assumes_wib_with_warning() -> None:
    value, zone, warnings = _published(
        '<meta itemprop="datePublished" content="2025-03-03 09:00:00">', "Teks saja"
    )
    assert (value.isoformat(), zone) == ("2025-03-03T09:00:00+07:00", None)
    assert warnings == [
        "published stamp 2025-03-03T09:00:00 names no time zone; assumed WIB (UTC+7)"
    ]


def test_visible_dateline_in_wita_before_json_ld() -> None:
    value, zone, warnings = _published(
        '<script type="application/ld+json">{"datePublished":"2025-03-03 08:00:07"}</script>',
        "Jum'at, 7 Maret 2025 - 08:00 wita",
    )
    # The stale JSON-LD stamp (four days earlier) is recorded as a disagreement (issue 10).
    assert (value.isoformat(), zone, warnings) == ("2025-03-07T08:00:00+08:00", "WITA", [
        "JSON-LD datePublished 2025-03-03T08:00:07 disagrees with the published time "
        "2025-03-07T08:00:00+08:00"
    ])


def test_json_ld_when_nothing_else() -> None:
    value, zone, warnings = _published(
        '<script type="application/ld+json">{"datePublished":"2025-03-03T08:00:07+09:00"}</script>',
        "Teks saja",
    )
    assert (value.isoformat(), zone, warnings) == ("2025-03-03T08:00:07+09:00", "WIT", [])


def test_day_only_and_no_date() -> None:
    value, zone, warnings = _published("", "Teks saja", day="2025-03-03")
    assert (value.isoformat(), zone) == ("2025-03-03T00:00:00+07:00", None)
    assert warnings == [
        "page gives the publication day 2025-03-03 but no time; published set to 00:00 WIB"
    ]
    assert _published("", "Teks saja") == (None, None, ["no publication date found on the page"])


# --- the shared reference pages (../shared/data/html) -----------------------------------


@lru_cache(maxsize=1)
def _reference() -> tuple[Path, tuple[dict, ...]]:
    root = shared_or_fail("data", "html")
    lines = (root / "expected.jsonl").read_text("utf-8").splitlines()
    return root, tuple(json.loads(line) for line in lines if line.strip())


@lru_cache(maxsize=None)
def _shared_article(fixture: str) -> Article:
    root, _rows = _reference()
    return parse_html((root / fixture).read_bytes(), source=fixture)


def _article_rows() -> list[dict]:
    return [row for row in _reference()[1] if row.get("expected")]


@pytest.mark.shared
def test_reference_has_articles_and_index_pages() -> None:
    rows = _reference()[1]
    assert len([r for r in rows if r.get("expected")]) == 17
    assert len([r for r in rows if r["fixture"].endswith("-mainpage.html")]) == 5


@pytest.mark.shared
def test_reference_titles_are_exact() -> None:
    wrong = [
        (row["fixture"], _shared_article(row["fixture"]).title, row["expected"]["title"])
        for row in _article_rows()
        if _shared_article(row["fixture"]).title != row["expected"]["title"]
    ]
    assert wrong == []


@pytest.mark.shared
def test_reference_published_instants_match() -> None:
    wrong = []
    for row in _article_rows():
        article = _shared_article(row["fixture"])
        instant = int(article.published.timestamp() * 1000) if article.published else None
        if instant != row["expected"]["date"] or article.published.tzinfo is None:
            wrong.append((row["fixture"], article.published, row["expected"]["date"]))
    assert wrong == []


@pytest.mark.shared
def test_reference_pages_are_all_in_wib_with_no_warnings() -> None:
    found = {(a.tz, tuple(a.warnings)) for a in map(_shared_article, (r["fixture"] for r in _article_rows()))}
    assert found == {("WIB", ())}


@pytest.mark.shared
def test_reference_content_is_contained() -> None:
    failed = []
    for row in _article_rows():
        sentences, _removed = reference_content(row["expected"]["content"])
        result = containment(sentences, _shared_article(row["fixture"]).paragraphs)
        if not result.passed:
            failed.append((row["fixture"], result.contained, result.sentences, result.coverage))
    assert failed == []


@pytest.mark.shared
def test_reference_bodies_have_no_boilerplate() -> None:
    hits = []
    for row in _article_rows():
        article = _shared_article(row["fixture"])
        hits.extend((row["fixture"], name, text) for name, text in boilerplate_hits(article.paragraphs, article.title))
    assert hits == []


# Pages whose lead dateline warta does not move yet (anatomy gaps, reported): the test fails
# the day the anatomy pass learns them, so the list is kept honest.
_LEAD_GAPS: dict[str, str] = {}
_LEAD_PAGES = [
    "antara/antara-singlepage.html",
    "antara/antara-singlepage2.html",
    "antara/antara-singlepage3.html",
    "antara/antara-singlepage4.html",
    "antara/antara-singlepage5.html",
    "detik/detik-singlepage.html",
    "kompas/kompas-singlepage.html",
    "kompas/kompas-singlepage2.html",
    "kompas/kompas-singlepage3.html",
    "kompas/kompas-singlepage4.html",
    "kompas/kompas-singlepage5.html",
    "liputan6/liputan6-singlepage.html",
    "liputan6/liputan6-singlepage2.html",
    "okezone/okezone-singlepage2.html",
]


@pytest.mark.shared
@pytest.mark.parametrize(
    "fixture",
    [
        pytest.param(f, marks=pytest.mark.xfail(strict=True, reason=_LEAD_GAPS[f])) if f in _LEAD_GAPS else f
        for f in _LEAD_PAGES
    ],
)
def test_reference_lead_dateline_leaves_the_body(fixture: str) -> None:
    article = _shared_article(fixture)
    assert article.dateline is not None
    first = article.paragraphs[0]
    assert article.dateline not in first[: len(article.dateline) + 2]


@pytest.mark.shared
def test_reference_outlets() -> None:
    outlets = {
        row["fixture"]: _shared_article(row["fixture"]).outlet for row in _article_rows()
    }
    expected_by_site = {
        "antara": "antaranews.com",
        "detik": "detik.com",
        "kompas": "kompas.com",
        "liputan6": "liputan6.com",
        "okezone": "okezone.com",
    }
    wrong = {
        f: o
        for f, o in outlets.items()
        if o != expected_by_site[f.split("/")[0]] and f != "antara/antara-singlepage3.html"
    }
    assert wrong == {}


@pytest.mark.shared
def test_reference_index_pages_are_rejected() -> None:
    root, rows = _reference()
    messages = {}
    for row in rows:
        if not row["fixture"].endswith("-mainpage.html"):
            continue
        with pytest.raises(NotAnArticle) as caught:
            parse_html((root / row["fixture"]).read_bytes(), source=row["fixture"])
        messages[row["fixture"]] = str(caught.value)
    assert messages == {
        "antara/antara-mainpage.html": "antara/antara-mainpage.html: looks like an RSS/Atom feed "
        "(20 items), not an article page; pass the page of one article",
        "detik/detik-mainpage.html": "detik/detik-mainpage.html: looks like an RSS/Atom feed "
        "(20 items), not an article page; pass the page of one article",
        "kompas/kompas-mainpage.html": "kompas/kompas-mainpage.html: looks like an index page "
        "(10 article links, 0 body paragraphs over 200 characters); pass an article page",
        "liputan6/liputan6-mainpage.html": "liputan6/liputan6-mainpage.html: looks like an index "
        "page (104 article links, 0 body paragraphs over 200 characters); pass an article page",
        "okezone/okezone-mainpage.html": "okezone/okezone-mainpage.html: looks like an index page "
        "(23 article links, 0 body paragraphs over 200 characters); pass an article page",
    }


@pytest.mark.shared
def test_reference_articles_round_trip_through_json() -> None:
    for row in _article_rows():
        article = _shared_article(row["fixture"])
        assert Article.from_json(article.to_json()) == article
