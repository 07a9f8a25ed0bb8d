"""Generic page-reading mechanisms of issue 10, round 3 (patterns found on the outlets held
out until then — kompasiana, metrotvnews, viva — each written here as a page of our own):
bodies laid out in a ``<span>`` with line breaks, byline elements naming several writers with
their base, author handles resolved to the profile's name, read-also boxes inside a body of
loose text (or with a link as header), colon leads, unbracketed editor initials, a closing
credit line, and photo divs told from body divs by their runs of prose."""

from __future__ import annotations

from pathlib import Path

from trafilatura.utils import load_html

from warta.model import Credits, ReadAlso
from warta.parse.anatomy import clean_body, split_credit
from warta.parse.html import parse_html
from warta.parse.html_tree import paragraphise_loose_text

_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"
_PROSE = (
    "Perintah eksekutif presiden yang membatasi masuknya pelancong dari tujuh negara menuai "
    "beragam protes dari warga di banyak kota besar dan dari para pegiat hak asasi manusia."
)


def _page(name: str):
    return parse_html((_FIXTURES / name).read_bytes(), source=name)


def test_span_body_keeps_its_first_run_and_drops_load_more() -> None:
    article = _page("span_body.html")
    assert article.paragraphs[0].startswith("Warga Desa Sukamaju bergotong royong membangun jembatan bambu")
    assert article.paragraphs[-1].endswith("setelah anggaran perbaikan infrastruktur desa disetujui dewan.")
    assert len(article.paragraphs) == 4
    assert (article.outlet, article.dateline) == ("viva.co.id", None)
    assert not any("Load More" in p for p in article.paragraphs)


def test_byline_element_names_every_writer_without_base() -> None:
    assert _page("span_body.html").authors == ["Rina Oktaviani", "Dedi Kurnia"]


def test_closing_lowercase_code_after_a_finished_sentence() -> None:
    assert _page("span_body.html").credits == Credits([], ["rin"])
    body = clean_body([_PROSE, "Pembangunan dimulai pekan depan. (rin)"])
    assert body.credits == Credits([], ["rin"])
    assert body.paragraphs[-1] == "Pembangunan dimulai pekan depan."


def test_bracketed_word_inside_a_sentence_is_no_code() -> None:
    text = "Warga menyebut jembatan itu (ini) dan jembatan lama (itu)"
    assert split_credit(text, closing=True) == (text, None)
    # Not the closing paragraph: a single lower-case code is still a word.
    assert split_credit("Pembangunan dimulai pekan depan. (rin)") == ("Pembangunan dimulai pekan depan. (rin)", None)


def test_author_handle_resolved_to_profile_link_name() -> None:
    assert _page("blog_profile.html").authors == ["Siti Rahayu"]


def test_read_also_box_between_loose_text_runs() -> None:
    article = _page("loose_read_also.html")
    assert article.read_also == [
        ReadAlso(
            title="Stok Vaksin di Bogor Dinyatakan Aman",
            url="http://news.metrotvnews.com/read/2016/02/01/470001/stok-vaksin-di-bogor-dinyatakan-aman",
        ),
        ReadAlso(
            title="Puskesmas Bogor Buka hingga Malam",
            url="http://news.metrotvnews.com/read/2016/01/20/460001/puskesmas-bogor-buka-hingga-malam",
        ),
    ]


def test_colon_lead_is_taken_without_a_stray_dash() -> None:
    article = _page("loose_read_also.html")
    assert (article.outlet, article.dateline) == ("metrotvnews.com", "Bogor")
    assert article.paragraphs[0].startswith("Dinas Kesehatan Kota Bogor menggelar vaksinasi keliling")


def test_dated_byline_name_as_typed_and_not_a_teaser_below_the_body() -> None:
    assert _page("loose_read_also.html").authors == ["Lina marlina"]


def test_unbracketed_initials_closing_the_body_are_the_code() -> None:
    article = _page("loose_read_also.html")
    assert article.credits == Credits([], ["LMR"])
    assert article.paragraphs[-1].endswith("bukan menunggu warga datang ke kami,\" ujarnya di Pasar Bogor.")


def test_read_also_header_printed_as_a_link() -> None:
    article = _page("link_label_read_also.html")
    assert [r.title for r in article.read_also] == [
        "Pemerintah Siapkan Subsidi Nelayan", "Tangkapan Ikan Menurun di Teluk Jakarta",
    ]
    assert (article.authors, article.credits) == (["Dimas prakoso"], Credits([], ["DMP"]))
    assert article.paragraphs[-1] == "\"Kalau solar murah tersedia di dermaga, kami bisa melaut setiap hari lagi,\" kata seorang nelayan, Rahmat."


def test_credit_line_closes_the_body() -> None:
    teasers = [
        "Pedagang ikan di pasar tradisional mengeluhkan pasokan yang menurun sejak nelayan berhenti "
        "melaut dalam sepekan terakhir, Selasa pagi di pasar induk kota.",
        "Dinas perikanan memastikan akan meninjau harga solar di seluruh dermaga nelayan ibu kota "
        "pekan depan bersama perwakilan koperasi nelayan dari lima kecamatan.",
    ]
    body = clean_body([_PROSE, _PROSE, _PROSE, "(DMP)", *teasers])
    assert body.paragraphs == [_PROSE, _PROSE, _PROSE]
    assert body.credits == Credits([], ["DMP"])
    assert body.warnings == ["dropped 2 paragraph(s) after the closing credit line '(DMP)'"]


_RUN = "Kalimat pertama tentang banjir yang melanda kampung di tepi sungai sejak malam tadi hingga pagi."


def test_photo_div_with_paragraphs_of_loose_prose_is_a_body() -> None:
    # Two short runs split by <br>: less loose text than a long caption, yet a body.
    tree = load_html(f"<html><body><div><img src='a.jpg'>{_RUN}<br><br>{_RUN}</div></body></html>")
    assert paragraphise_loose_text(tree) == 1
    assert [" ".join(p.text_content().split()) for p in tree.iter("p")] == [_RUN, _RUN]


def test_photo_div_with_one_long_run_is_a_caption() -> None:
    caption = " ".join([_RUN] * 4)  # one run, longer than any threshold on characters
    tree = load_html(f"<html><body><div><img src='a.jpg'>{caption}</div></body></html>")
    assert paragraphise_loose_text(tree) == 0


def test_label_followed_by_more_than_names_reads_the_next_element() -> None:
    from warta.parse.html_tree import byline_people

    tree = load_html(
        "<html><body><h1>Judul berita hari ini</h1><div>Penulis: <a href='/p/1'>Nama Satu</a> | "
        "Sumber: <a href='/p/2'>Kantor Berita</a></div></body></html>"
    )
    assert byline_people(tree).authors == ["Nama Satu"]


def test_agency_alone_on_a_line_does_not_close_the_body() -> None:
    body = clean_body([_PROSE, _PROSE, "(AFP)", _PROSE, _PROSE])
    assert body.paragraphs == [_PROSE, _PROSE, "(AFP)", _PROSE, _PROSE]
    assert body.warnings == []
