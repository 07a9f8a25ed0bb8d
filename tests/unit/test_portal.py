"""Portal pages: what the reader sees, escaping, the SVG chart, date formatting, the CLI."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from tests.web_support import (
    AS_RUSIA_ID,
    BANJIR_ID,
    BULGARIA_ID,
    CABAI_ID,
    RUMANIA_ID,
    SEED_ID,
    build_archive,
)
from warta.cli import cli
from warta.ingest import enrich_available
from warta.web import create_app, portal
from warta.web.render import format_dateline, format_day, format_month, marked, web_url
from warta.web.svg import HEIGHT, fill_months, label_width, mentions_chart



def test_enrichment_is_part_of_the_core() -> None:
    # the enrichment tests below run unconditionally: enrichment is a core dependency
    assert enrich_available()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_archive(tmp_path_factory.mktemp("portal") / "archive.db")


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db)) as c:
        yield c


def page(client: TestClient, url: str, status: int = 200) -> lxml.html.HtmlElement:
    r = client.get(url)
    assert r.status_code == status, r.text[:500]
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    return lxml.html.fromstring(r.text)


def texts(doc: lxml.html.HtmlElement, css: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in doc.cssselect(css)]


def hrefs(doc: lxml.html.HtmlElement, css: str) -> list[str]:
    return [e.get("href") for e in doc.cssselect(css)]


# -- article page ----------------------------------------------------------------------------

def test_article_page_reads_like_the_seed(client: TestClient) -> None:
    doc = page(client, f"/artikel/{SEED_ID}")
    assert texts(doc, ".dateline") == ["Sabtu, 22 Januari 2022 11:39 WIB"]
    assert texts(doc, "h1") == ["NATO Tolak Permintaan Rusia untuk Tarik Pasukan dari Bulgaria-Rumania"]
    assert texts(doc, ".byline") == ["Nur Aivanni | Internasional"]
    assert hrefs(doc, ".byline a") == ["/rubrik/internasional"]
    assert len(doc.cssselect(".isi > p")) == 10
    assert texts(doc, ".baca-juga") == ["Baca juga: AS-Rusia Berjanji untuk Redakan Ketegangan Atas Ukraina"]
    assert hrefs(doc, ".baca-juga a") == [f"/artikel/{AS_RUSIA_ID}"]
    assert texts(doc, ".isi > p:last-child .kredit") == ["(AFP/OL-4)"]
    assert texts(doc, ".berita-terkait h2") == ["BERITA TERKAIT"]
    assert set(hrefs(doc, ".berita-terkait li a")) == {
        f"/artikel/{i}" for i in (AS_RUSIA_ID, BULGARIA_ID, RUMANIA_ID)}


def test_article_page_shows_summary_and_keywords(client: TestClient) -> None:
    doc = page(client, f"/artikel/{SEED_ID}")
    record = client.get(f"/api/articles/{SEED_ID}").json()
    assert texts(doc, ".ringkasan h2") == ["Ringkasan"]
    assert texts(doc, ".ringkasan li") == record["summary"]
    assert texts(doc, ".ringkasan li")[0] == (
        "NATO menolak permintaan Rusia untuk aliansi tersebut untuk menarik pasukan dari "
        "Bulgaria dan Rumania.")
    assert texts(doc, ".kata-kunci a") == [
        "NATO", "Rumania", "Rusia", "Bulgaria-Rumania", "Bulgaria", "Ukraina", "Prancis",
        "Amerika Serikat"]
    assert hrefs(doc, ".kata-kunci a")[0] == "/cari?q=%22NATO%22"


def test_quotes_are_marked_with_their_speaker(client: TestClient) -> None:
    doc = page(client, f"/artikel/{SEED_ID}")
    quotes = doc.cssselect("q.kutipan")
    assert [q.get("data-pembicara") for q in quotes] == ["Oana Lungescu", "Oana Lungescu"]
    assert [q.text_content()[:30] for q in quotes] == [
        '"NATO tidak akan melepaskan ke', '"Kami menolak gagasan tentang ']
    assert quotes[0].text_content().endswith('kami terima,"')
    # the speaker's role follows the name (issue 11)
    assert texts(doc, "q.kutipan + .pembicara") == ["(Oana Lungescu, juru bicara NATO)"] * 2
    assert texts(doc, "q.kutipan + .pembicara .peran") == ["juru bicara NATO"] * 2
    assert hrefs(doc, "q.kutipan + .pembicara a") == ["/entitas/oana-lungescu"] * 2
    # reported speech is marked too, but not as a <q>
    record = client.get(f"/api/articles/{SEED_ID}").json()
    expected = [(q["speaker"], record["paragraphs"][q["paragraph"]][q["start"]:q["end"]])
                for q in record["quotes"] if q["kind"] == "indirect"]
    indirect = doc.cssselect("span.kutipan-tak-langsung")
    assert [(e.get("data-pembicara"), e.text_content()) for e in indirect] == expected
    assert [text[:22] for _, text in expected] == ["mereka siap untuk meny"]


def test_entity_names_link_to_entity_pages(client: TestClient) -> None:
    doc = page(client, f"/artikel/{SEED_ID}")
    first = doc.cssselect(".isi > p")[0]
    assert [(a.text, a.get("href")) for a in first.cssselect("a.entitas")] == [
        ("NATO", "/entitas/nato"), ("Rusia", "/entitas/rusia"),
        ("Bulgaria", "/entitas/bulgaria"), ("Rumania", "/entitas/rumania")]
    assert first.text_content() == (
        "NATO menolak permintaan Rusia untuk aliansi tersebut untuk menarik pasukan dari "
        "Bulgaria dan Rumania.")


def test_markup_in_article_text_is_shown_not_obeyed(client: TestClient) -> None:
    r = client.get(f"/artikel/{BANJIR_ID}")
    assert "warga &lt;b&gt;lanjut usia&lt;/b&gt;" in r.text
    doc = lxml.html.fromstring(r.text)
    assert doc.cssselect(".isi b") == []
    assert "warga <b>lanjut usia</b>" in doc.cssselect(".isi")[0].text_content()


def test_hostile_article_is_escaped_everywhere(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    shutil.copy(db, copy)
    hostile = ('21 Maret 2022, 09:00 WIB\n\n<script>alert("judul")</script> Banjir Lagi\n\n\n'
               '<img src=x onerror=alert(1)> | <i>Metro</i>\n\n'
               'Banjir kembali datang. <script>alert("isi")</script>\n\n'
               'Warga <a href="javascript:alert(1)">mengungsi</a> lagi.\n')
    with TestClient(create_app(copy, token="t")) as c:
        r = c.post("/api/ingest", json={"documents": [
            {"content": hostile, "url": "javascript:alert(1)", "source": "Media Jahat"}]},
            headers={"Authorization": "Bearer t"})
        new_id = r.json()["ids"][0]
        assert c.get(f"/api/articles/{new_id}").json()["url"] == "javascript:alert(1)"
        for url in (f"/artikel/{new_id}", "/", "/cari?q=banjir", "/rubrik/i-metro-i"):
            html = c.get(url).text
            assert "<script" not in html and "<img" not in html, url
            assert 'href="javascript' not in html, url
        assert "&lt;script&gt;alert(&#34;judul&#34;)&lt;/script&gt; Banjir Lagi" in c.get(
            f"/artikel/{new_id}").text


def test_unknown_article_is_an_indonesian_404_page(client: TestClient) -> None:
    doc = page(client, "/artikel/ffffffffffffffff", status=404)
    assert texts(doc, "h1") == ["Halaman tidak ditemukan"]
    assert texts(doc, "main p")[0] == "Artikel 'ffffffffffffffff' tidak ditemukan di arsip ini"
    doc = page(client, "/tidak/ada", status=404)
    assert texts(doc, "main p")[0] == "Tidak ada halaman di /tidak/ada."


# -- search ----------------------------------------------------------------------------------

def test_search_page_with_highlight_and_facets(client: TestClient) -> None:
    doc = page(client, "/cari?q=Lungescu")
    assert texts(doc, ".jumlah") == ["1 hasil untuk Lungescu"]
    assert hrefs(doc, ".hit a.judul") == [f"/artikel/{SEED_ID}"]
    assert texts(doc, ".cuplikan mark") == ["Lungescu"]
    assert texts(doc, ".cuplikan") == [
        '…tidak dapat kami terima," kata juru bicara NATO Oana Lungescu.']
    assert hrefs(doc, ".faset a") == ["/cari?q=Lungescu&rubrik=Internasional&urut=relevansi",
                                      "/cari?q=Lungescu&bulan=2022-01&urut=relevansi"] + [
        # keyword facet: the keyword joins the query as a phrase
        f"/cari?q=Lungescu+%22{k}%22&urut=relevansi" for k in (
            "Amerika+Serikat", "Bulgaria", "Bulgaria-Rumania", "NATO", "Prancis", "Rumania",
            "Rusia", "Ukraina")]
    assert texts(doc, ".faset a") == ["Internasional", "Januari 2022", "Amerika Serikat", "Bulgaria",
                                      "Bulgaria-Rumania", "NATO", "Prancis", "Rumania", "Rusia", "Ukraina"]
    assert texts(doc, ".hit .meta") == ["Internasional · 22 Jan 2022"]


def test_search_snippet_escapes_then_marks(client: TestClient) -> None:
    r = client.get("/cari", params={"q": "evakuasi"})
    assert ("<mark>mengevakuasi</mark> warga &lt;b&gt;lanjut usia&lt;/b&gt;" in r.text)


def test_search_facet_filter_and_pagination(client: TestClient,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(portal, "PAGE_SIZE", 2)
    doc = page(client, "/cari?q=NATO&urut=terbaru")
    assert texts(doc, ".jumlah") == ["4 hasil untuk NATO"]
    assert hrefs(doc, ".hit a.judul") == [f"/artikel/{BULGARIA_ID}", f"/artikel/{RUMANIA_ID}"]
    assert texts(doc, ".halaman span") == ["Halaman 1 dari 2"]
    assert hrefs(doc, ".halaman a") == ["/cari?q=NATO&urut=terbaru&halaman=2"]
    doc = page(client, "/cari?q=NATO&urut=terbaru&halaman=2")
    assert hrefs(doc, ".hit a.judul") == [f"/artikel/{SEED_ID}", f"/artikel/{AS_RUSIA_ID}"]
    doc = page(client, "/cari?q=NATO&media=Harian+Contoh")
    assert hrefs(doc, ".hit a.judul") == [f"/artikel/{RUMANIA_ID}"]
    assert texts(doc, ".filter-aktif a") == ["media: Harian Contoh ✕"]


def test_search_page_reports_a_bad_query(client: TestClient) -> None:
    doc = page(client, "/cari?q=date:kemarin", status=400)
    assert texts(doc, ".galat p") == [
        'Pencarian tidak dapat dijalankan: kata kunci atau filternya tidak dikenali. Tulis '
        'kata, "frasa" atau filter, mis. banjir "Kota Contoh" -longsor atau date:2022-01.',
        "Rincian: date:kemarin: not a date; use date:YYYY-MM-DD, date:YYYY-MM, date:YYYY or "
        "date:FROM..TO (either side may be open)"]


@pytest.mark.parametrize(("url", "message"), [
    ("/cari?q=banjir&halaman=0", "Parameter tidak valid — halaman: paling kecil 1."),
    ("/cari?q=banjir&halaman=dua", "Parameter tidak valid — halaman: harus bilangan bulat."),
    ("/cari?q=banjir&bulan=kemarin",
     "Parameter tidak valid — bulan: gunakan TTTT, TTTT-BB atau TTTT-BB-HH, mis. 2022-01."),
    ("/entitas?halaman=10001", "Parameter tidak valid — halaman: paling besar 10000."),
    ("/entitas/nato?kutipan=0", "Parameter tidak valid — kutipan: paling kecil 1."),
])
def test_portal_errors_are_in_indonesian(client: TestClient, url: str, message: str) -> None:
    # issue 9 point 9: the portal answered "halaman: Input should be greater than or equal
    # to 1 (see /openapi.json for the parameters)"
    doc = page(client, url, status=422)
    assert texts(doc, "h1") == ["Parameter tidak valid"]
    assert texts(doc, "main p")[0] == message


def test_portal_500_is_in_indonesian(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from warta.store import SQLiteArchive

    def boom(self: SQLiteArchive, *args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(SQLiteArchive, "list_entities", boom)
    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        doc = page(c, "/entitas", status=500)
    assert texts(doc, "h1") == ["Kesalahan server"]
    assert texts(doc, "main p")[0] == (
        "Server gagal menjawab permintaan ini. Kesalahannya sudah dicatat; mohon laporkan "
        "bila terulang.")


def test_empty_search_shows_the_form(client: TestClient) -> None:
    doc = page(client, "/cari")
    assert doc.cssselect("form.cari input[name=q]") and not doc.cssselect(".jumlah")


# -- home, outlet, section, entity ------------------------------------------------------------

def test_home_groups_latest_by_section_and_outlet(client: TestClient) -> None:
    doc = page(client, "/")
    assert hrefs(doc, ".blok:first-child .judul")[0] == f"/artikel/{CABAI_ID}"
    assert len(hrefs(doc, ".blok:first-child .judul")) == 6
    # all six are in the latest list, so no section or outlet box repeats them
    assert texts(doc, ".rubrik h2") == [] and texts(doc, ".media h2") == []
    assert hrefs(doc, ".jelajah a") == ["/rubrik/internasional", "/rubrik/ekonomi",
                                        "/rubrik/metro", "/media/warta-rekaan",
                                        "/media/harian-contoh"]


def test_home_lists_every_article_once(client: TestClient,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # issue 9 point 9: the latest articles came again under their section and outlet
    monkeypatch.setattr(portal, "HOME_LATEST", 2)
    monkeypatch.setattr(portal, "HOME_PER_GROUP", 1)
    doc = page(client, "/")
    listed = hrefs(doc, "a.judul")
    assert listed == [f"/artikel/{i}" for i in (CABAI_ID, BANJIR_ID, BULGARIA_ID, AS_RUSIA_ID,
                                                RUMANIA_ID)]
    assert len(set(listed)) == len(listed)
    assert texts(doc, ".rubrik h2") == ["Internasional"]
    assert texts(doc, ".media h2") == ["Warta Rekaan", "Harian Contoh"]


def test_outlet_and_section_pages(client: TestClient) -> None:
    doc = page(client, "/media/warta-rekaan")
    assert texts(doc, "h1") == ["Media Warta Rekaan"]
    assert hrefs(doc, ".daftar .judul") == [
        f"/artikel/{i}" for i in (CABAI_ID, BULGARIA_ID, AS_RUSIA_ID)]
    doc = page(client, "/rubrik/metro")
    assert (texts(doc, "h1"), hrefs(doc, ".daftar .judul")) == (
        ["Rubrik Metro"], [f"/artikel/{BANJIR_ID}"])
    page(client, "/rubrik/olahraga", status=404)


def test_entity_page_with_chart_and_quotes(client: TestClient) -> None:
    doc = page(client, "/entitas/oana-lungescu")
    assert texts(doc, "h1") == ["Oana Lungescu Tokoh"]
    svg = doc.cssselect("figure svg")[0]
    assert svg.get("role") == "img"
    assert [t.text for t in svg.iter("title")] == [
        "Sebutan Oana Lungescu per bulan", "Jan 2022: 1"]
    assert len(doc.cssselect(".kutipan-blok")) == 2
    assert texts(doc, ".kutipan-blok footer")[0].startswith("— Oana Lungescu, juru bicara NATO")
    doc = page(client, "/entitas/nato")
    assert len(list(doc.cssselect("figure svg")[0].iter("rect"))) == 1


def test_entity_page_pages_its_articles_and_quotes(client: TestClient,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # issue 9 point 9: 20 articles shown with no way to the others; all quotes at once
    monkeypatch.setattr(portal, "LIST_SIZE", 2)
    monkeypatch.setattr(portal, "QUOTE_SIZE", 1)
    doc = page(client, "/entitas/nato")
    assert hrefs(doc, "#berita .judul") == [f"/artikel/{BULGARIA_ID}", f"/artikel/{RUMANIA_ID}"]
    assert texts(doc, "#berita .halaman span") == ["Halaman 1 dari 2"]
    assert hrefs(doc, "#berita .halaman a") == ["/entitas/nato?halaman=2#berita"]
    doc = page(client, "/entitas/nato?halaman=2")
    assert hrefs(doc, "#berita .judul") == [f"/artikel/{SEED_ID}", f"/artikel/{AS_RUSIA_ID}"]
    assert hrefs(doc, "#berita .halaman a") == ["/entitas/nato#berita"]
    doc = page(client, "/entitas/oana-lungescu?kutipan=2")
    assert texts(doc, "#kutipan h2") == ["Kutipan (2)"]
    assert [p[:22] for p in texts(doc, ".kutipan-blok > p")] == ["“Kami menolak gagasan "]
    assert texts(doc, "#kutipan .halaman span") == ["Halaman 2 dari 2"]
    assert hrefs(doc, "#kutipan .halaman a") == ["/entitas/oana-lungescu#kutipan"]


def test_entity_labels_are_indonesian(client: TestClient) -> None:
    doc = page(client, "/entitas")
    meta = dict(zip(texts(doc, ".daftar li a"), texts(doc, ".daftar li .meta"), strict=True))
    assert meta["Oana Lungescu"] == "Tokoh · 1 berita"
    assert meta["NATO"].startswith("Lembaga · ")
    assert meta["Rumania"].startswith("Tempat · ")
    assert not any(m.split(" · ")[0] in ("PER", "ORG", "LOC", "EVT", "MISC")
                   for m in meta.values())


def test_empty_entities_page_says_why_and_what_to_run(tmp_path: Path) -> None:
    # issue 9 point 9: an archive ingested without enrichment showed an empty page
    from tests.web_support import WEB_FIXTURES
    from warta.ingest import ingest
    from warta.store import open_archive

    db = tmp_path / "plain.db"
    with open_archive(db) as archive:
        ingest([str(WEB_FIXTURES)], archive, workers=0, enrich=False)
    with TestClient(create_app(db)) as c:
        doc = page(c, "/entitas")
    assert texts(doc, ".kosong p") == [
        "Belum ada tokoh, lembaga atau tempat di arsip ini: 5 beritanya belum diperkaya. "
        "Nama orang, lembaga dan tempat (serta kutipan) dikenali saat berita diperkaya "
        "(enrichment).",
        "Masukkan ulang berita dengan pengayaan, lalu muat ulang halaman ini:"]
    assert texts(doc, ".kosong code") == ["warta ingest SUMBER --db ARSIP.db --enrich"]


# -- pieces ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "tz", "shown"), [
    (datetime(2022, 1, 22, 11, 39, tzinfo=timezone(timedelta(hours=7))), "WIB",
     "Sabtu, 22 Januari 2022 11:39 WIB"),
    (datetime(2024, 2, 12, 14, 5, tzinfo=timezone(timedelta(hours=8))), "WITA",
     "Senin, 12 Februari 2024 14:05 WITA"),
    (datetime(2024, 2, 12, 1, 0, tzinfo=timezone.utc), None, "Senin, 12 Februari 2024 08:00 WIB"),
    (datetime(2019, 9, 1, 7, 0), None, "Minggu, 1 September 2019 07:00 WIB"),
    (None, None, ""),
])
def test_dateline_format(value: datetime | None, tz: str | None, shown: str) -> None:
    assert format_dateline(value, tz) == shown


def test_small_formatters() -> None:
    assert format_day("2022-01-22T11:39:00+07:00") == "22 Jan 2022"
    assert format_day("kemarin") == ""
    assert (format_month("2022-12"), format_month("2022-13"), format_month(None)) == (
        "Desember 2022", "2022-13", "")
    assert (web_url("https://a.example/x"), web_url(" JavaScript:alert(1)"), web_url(None)) == (
        "https://a.example/x", None, None)
    assert marked("abc <b> def", [[4, 7]]) == [("abc ", False), ("<b>", True), (" def", False)]
    # overlapping spans never repeat text
    assert marked("abc <b> def", [[4, 7], [2, 5]]) == [
        ("ab", False), ("c <", True), ("b>", True), (" def", False)]


@pytest.mark.parametrize("months", [*range(1, 61)])
def test_chart_month_labels_never_overlap(months: int) -> None:
    # issue 9 point 9: 9 to 15 months put a label under every bar, each wider than its bar
    rows = [{"month": f"{2020 + i // 12}-{i % 12 + 1:02d}", "articles": 1, "mentions": i + 1}
            for i in range(months)]
    svg = lxml.etree.fromstring(str(mentions_chart(rows, "t")))
    labels = [(float(t.get("x")), t.text) for t in svg.iter("{*}text")
              if t.get("y") == str(HEIGHT - 12)]
    assert labels and labels[0][1] == "Jan 2020"
    for (x1, a), (x2, b) in itertools.pairwise(labels):
        assert x2 - x1 >= (label_width(a) + label_width(b)) / 2 + 6, (months, a, b)


def test_chart_labels_every_other_month_for_fifteen() -> None:
    rows = [{"month": f"{2021 + i // 12}-{i % 12 + 1:02d}", "articles": 1, "mentions": 1}
            for i in range(15)]
    svg = lxml.etree.fromstring(str(mentions_chart(rows, "t")))
    assert [t.text for t in svg.iter("{*}text") if t.get("y") == str(HEIGHT - 12)] == [
        "Jan 2021", "Mar 2021", "Mei 2021", "Jul 2021", "Sep 2021", "Nov 2021", "Jan 2022",
        "Mar 2022"]


def test_chart_fills_gaps_and_folds_long_spans_into_years() -> None:
    rows = [{"month": "2021-11", "articles": 1, "mentions": 2},
            {"month": "2022-02", "articles": 2, "mentions": 5}]
    assert fill_months(rows) == [("Nov 2021", 2), ("Des 2021", 0), ("Jan 2022", 0),
                                 ("Feb 2022", 5)]
    long = [{"month": "2015-01", "articles": 1, "mentions": 1},
            {"month": "2022-06", "articles": 1, "mentions": 3}]
    assert fill_months(long)[0] == ("2015", 1) and fill_months(long)[-1] == ("2022", 3)
    assert len(fill_months(long)) == 8
    svg = mentions_chart(rows, 'Sebutan "<A&B>"')
    assert '<title id="grafik-judul">Sebutan &#34;&lt;A&amp;B&gt;&#34;</title>' in svg
    assert svg.count("<rect") == 4 and "style=" not in svg


# -- CLI -------------------------------------------------------------------------------------

def test_serve_refuses_a_missing_archive(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2
    assert (f"no archive at {tmp_path / 'x.db'}; build one with `warta ingest SOURCES --db "
            f"{tmp_path / 'x.db'}` or run `warta demo`") in " ".join(result.output.split())


def test_serve_refuses_an_empty_token_variable(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WARTA_TEST_TOKEN", raising=False)
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--token-env", "WARTA_TEST_TOKEN"])
    assert result.exit_code == 2
    assert "--token-env WARTA_TEST_TOKEN: that environment variable is empty or unset" in \
        " ".join(result.output.split())


def test_pages_carry_the_csp_and_need_no_inline_code(client: TestClient) -> None:
    r = client.get(f"/artikel/{SEED_ID}")
    assert r.headers["content-security-policy"] == (
        "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'; form-action 'self'; img-src 'self' data:; style-src 'self'")
    assert r.headers["x-content-type-options"] == "nosniff"
    templates = Path(portal.__file__).parent / "templates"
    for template in sorted(templates.glob("*.html")):  # inline code would be blocked by the CSP
        text = template.read_text(encoding="utf-8")
        assert "<script" not in text and "style=" not in text and " on" + "click" not in text


def test_header_links_every_section_of_the_portal(client: TestClient) -> None:
    doc = page(client, "/")
    assert hrefs(doc, "header nav a") == ["/entitas", "/sumber", "/docs"]
    assert texts(doc, "header nav a") == ["Tokoh & lembaga", "Sumber", "API"]
