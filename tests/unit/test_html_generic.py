"""Generic page-reading mechanisms of issue 10, round 2 (each seen on outlets the parser was
not tuned on): leads without a place, advertorial labels, wire-agency leads, read-also lines in
brackets, credits without brackets, body containers holding a photo, the end of the article."""

from __future__ import annotations

from warta.model import Credits, ReadAlso
from warta.parse.anatomy import clean_body, split_credit, strip_lead
from warta.parse.html import parse_html

_PROSE = (
    "Perintah eksekutif presiden yang membatasi masuknya pelancong dari tujuh negara menuai "
    "beragam protes dari warga di banyak kota besar dan dari para pegiat hak asasi manusia."
)


def test_known_outlet_alone_opens_the_text() -> None:
    assert strip_lead("REPUBLIKA.CO.ID, Perintah eksekutif itu menuai protes.") == (
        "Perintah eksekutif itu menuai protes.", "republika.co.id", None,
    )


def test_unknown_outlet_alone_is_prose() -> None:
    text = "Contoh.com, Perintah eksekutif itu menuai protes."
    assert strip_lead(text) == (text, None, None)


def test_advertorial_label_is_no_dateline() -> None:
    body = clean_body(["INFO BISNIS - Propan menggelar lomba mural di Bandung.", _PROSE])
    assert (body.dateline, body.outlet) == (None, None)
    assert body.paragraphs[0] == "Propan menggelar lomba mural di Bandung."


def test_place_dateline_still_kept() -> None:
    body = clean_body(["BANDUNG - Propan menggelar lomba mural.", _PROSE])
    assert body.dateline == "BANDUNG"


def test_wire_agency_lead_credits_the_agency() -> None:
    body = clean_body(["Jakarta (ANTARA News) - KPU mengingatkan semua pasangan calon.", _PROSE])
    assert (body.outlet, body.dateline, body.credits) == ("antaranews.com", "Jakarta", Credits(["Antara"], []))


def test_outlet_lead_is_no_agency_credit() -> None:
    body = clean_body(["JAKARTA, KOMPAS.com - Presiden tiba.", _PROSE])
    assert body.credits == Credits([], [])


def test_read_also_in_round_brackets() -> None:
    body = clean_body([_PROSE, "(Baca juga: Kapolda: pengunjuk rasa pilkada patuhi UU)"])
    assert body.paragraphs == [_PROSE]
    assert body.read_also == [ReadAlso(title="Kapolda: pengunjuk rasa pilkada patuhi UU")]


def test_read_also_title_keeps_its_own_bracket() -> None:
    body = clean_body([_PROSE, "Baca juga: Banjir di Jakarta (Foto)"])
    assert body.read_also == [ReadAlso(title="Banjir di Jakarta (Foto)")]


def test_unbracketed_desk_code_only_when_standalone() -> None:
    assert split_credit("REDAKSI-MuI", standalone=True) == ("", Credits([], ["REDAKSI-MuI"]))
    assert split_credit("Harga naik (REDAKSI-MuI)") == ("Harga naik (REDAKSI-MuI)", None)
    assert split_credit("COVID-19", standalone=True) == ("COVID-19", None)


def test_short_lines_after_the_closing_credit_are_dropped() -> None:
    body = clean_body([_PROSE, "Harga naik lagi pekan depan. (ant/dwi)", "Klik untuk berlangganan"])
    assert body.paragraphs == [_PROSE, "Harga naik lagi pekan depan."]
    assert body.credits == Credits(["Antara"], ["dwi"])
    assert body.warnings == ["dropped 1 short line(s) after the closing credit: ['Klik untuk berlangganan']"]


def test_long_prose_after_a_bracket_is_kept() -> None:
    body = clean_body(["Harga naik lagi pekan depan. (ant/dwi)", _PROSE])
    assert body.paragraphs == ["Harga naik lagi pekan depan. (ant/dwi)", _PROSE]
    assert body.credits == Credits([], [])


_PHOTO_PAGE = """<html><head><title>Harga cabai naik</title></head><body>
<h1>Harga cabai naik</h1>
<div class="content">Harga cabai di pasar induk naik tajam pekan ini. <b>Pedagang</b> mengeluh.
<img src="a.jpg"> {prose}<br><br>Kedua, {prose}<br><br>Ketiga, {prose}</div>
</body></html>"""


def test_body_div_with_a_photo_is_paragraphed() -> None:
    article = parse_html(_PHOTO_PAGE.format(prose=_PROSE), source="x.html", url="https://contoh.id/berita/1/harga")
    assert article.paragraphs == [
        "Harga cabai di pasar induk naik tajam pekan ini. Pedagang mengeluh. " + _PROSE,
        f"Kedua, {_PROSE}", f"Ketiga, {_PROSE}",
    ]


_CREDIT_PAGE = """<html><head><title>Harga cabai naik</title></head><body>
<h1>Harga cabai naik</h1>
<div class="content"><p>{prose}</p><p>Pedagang mengeluh. {prose}</p></div>
<strong><i>Ikuti Twitter @Contoh untuk mendapatkan seluruh informasi terbaru.</i></strong>
<strong class="writer">{code}</strong>
</body></html>"""


def test_standalone_code_after_a_promo_line() -> None:
    page = _CREDIT_PAGE.format(prose=_PROSE, code="REDAKSI-MuI")
    article = parse_html(page, source="x.html", url="https://contoh.id/berita/1/harga")
    assert article.credits == Credits([], ["REDAKSI-MuI"])
    assert article.paragraphs == [_PROSE, f"Pedagang mengeluh. {_PROSE}"]


def test_standalone_number_is_no_code() -> None:
    page = _CREDIT_PAGE.format(prose=_PROSE, code="COVID-19")
    article = parse_html(page, source="x.html", url="https://contoh.id/berita/1/harga")
    assert article.credits == Credits([], [])


_BYLINE_PAGE = """<html><head><title>Harga cabai naik</title>
<meta name="author" content="Nama Redaktur"></head><body>
<h1>Harga cabai naik</h1>
<div class="info"><span>{byline}</span></div>
<div class="content"><p>{prose}</p><p>Kedua, {prose}</p></div>
</body></html>"""


def test_name_beside_the_date_is_the_author() -> None:
    page = _BYLINE_PAGE.format(prose=_PROSE, byline="Sri Wahyuni Lestari - Senin, 08/02/2016 12:00 WIB")
    article = parse_html(page, source="x.html", url="https://contoh.id/berita/1/harga")
    assert article.authors == ["Sri Wahyuni Lestari"]


def test_name_beside_the_outlet_is_the_author() -> None:
    page = _BYLINE_PAGE.format(prose=_PROSE, byline="Sri Wahyuni - detikNews")
    article = parse_html(page, source="x.html", url="https://contoh.id/berita/1/harga")
    assert article.authors == ["Sri Wahyuni"]


def test_date_after_a_section_name_is_no_byline() -> None:
    page = _BYLINE_PAGE.format(prose=_PROSE, byline="Senin, 08/02/2016 12:00 WIB | Nasional")
    article = parse_html(page, source="x.html", url="https://contoh.id/berita/1/harga")
    assert article.authors == ["Nama Redaktur"]


def test_laporan_line_names_the_writer() -> None:
    body = clean_body([_PROSE, "Laporan: Sri Wahyuni, Arif Budiman"])
    assert (body.paragraphs, body.authors) == ([_PROSE], ["Sri Wahyuni", "Arif Budiman"])


def test_laporan_line_of_prose_is_kept() -> None:
    line = "Laporan: polisi menemukan dua korban di lokasi"
    body = clean_body([_PROSE, line])
    assert (body.paragraphs, body.authors) == ([_PROSE, line], [])


def test_laporan_label_in_the_header() -> None:
    page = _BYLINE_PAGE.format(prose=_PROSE, byline="Laporan: Sri Wahyuni")
    article = parse_html(page, source="x.html", url="https://contoh.id/berita/1/harga")
    assert article.authors == ["Sri Wahyuni"]


def test_lead_after_a_glued_photo_credit() -> None:
    body = clean_body(["TribunTravel.com/Nama Fotografer TRIBUNNEWS.COM - Gerhana bulan total menyapa langit.", _PROSE])
    assert (body.outlet, body.dateline) == ("tribunnews.com", None)
    assert body.paragraphs[0] == "Gerhana bulan total menyapa langit."
    assert body.warnings == ["text before the lead dateline left out of the body: 'TribunTravel.com/Nama Fotografer'"]


def test_lead_after_a_reporter_line_names_the_writer() -> None:
    body = clean_body(["Wartawan TribunTravel.com, Sri Wahyuni TRIBUNNEWS.COM, JAKARTA - Mereka datang.", _PROSE])
    assert (body.outlet, body.dateline, body.authors) == ("tribunnews.com", "JAKARTA", ["Sri Wahyuni"])
    assert body.paragraphs[0] == "Mereka datang."


def test_unknown_site_inside_prose_is_no_lead() -> None:
    text = "Situs contoh-berita.com - yang dibuat warga - memuat daftar korban banjir di kota itu."
    body = clean_body([text, _PROSE])
    assert (body.outlet, body.dateline, body.paragraphs[0]) == (None, None, text)


def _section_of(url: str) -> str | None:
    page = _BYLINE_PAGE.format(prose=_PROSE, byline="")
    return parse_html(page, source="x.html", url=url).section


def test_section_never_from_an_ip_host() -> None:
    assert _section_of("http://10.12.0.5/berita/2016/harga-cabai") is None
    assert _section_of("http://10.12.0.5/ekonomi/2016/harga-cabai") == "Ekonomi"


def test_section_from_the_path_word() -> None:
    assert _section_of("https://contoh.co.id/nasional/read/2016/02/harga-cabai") == "Nasional"
    assert _section_of("https://contoh.co.id/read/2016/02/harga-cabai") is None
    assert _section_of("https://ekonomi.contoh.co.id/read/2016/02/harga-cabai") == "Ekonomi"


def test_widget_and_promo_lines_are_dropped() -> None:
    lines = ["14 Shares", "A- A+", "Tweet", "Follow kami di Instagram @contoh", "Tulis komentar Anda"]
    body = clean_body([_PROSE, *lines, "Kedua."])
    assert body.paragraphs == [_PROSE, "Kedua."]


def test_promo_words_inside_prose_are_kept() -> None:
    line = (
        "Ikuti saja aturannya, kata dia, karena akun Twitter resmi pasangan calon harus ditutup "
        "pada 11 Februari pukul 00.00 WIB dan kampanye di media sosial dilarang selama masa tenang."
    )
    assert clean_body([_PROSE, line]).paragraphs == [_PROSE, line]


def test_related_lists_end_the_article() -> None:
    body = clean_body([_PROSE, "Pilihan Redaksi", "Judul berita lain yang tidak terkait"])
    assert body.paragraphs == [_PROSE]


def test_berita_terkait_with_a_title_is_read_also() -> None:
    body = clean_body([_PROSE, "Berita terkait: Harga cabai turun lagi"])
    assert (body.paragraphs, body.read_also) == ([_PROSE], [ReadAlso(title="Harga cabai turun lagi")])


def test_leads_typed_without_the_space_after_the_dash() -> None:
    assert strip_lead("TRIBUNNEWS.COM,JAKARTA-Anggota Komisi XI bicara.") == (
        "Anggota Komisi XI bicara.", "tribunnews.com", "JAKARTA",
    )
    assert strip_lead("TRIBUNNEWS.COM, JAKARTA -Anggota bicara.") == ("Anggota bicara.", "tribunnews.com", "JAKARTA")
    assert strip_lead("MANILA -Torehan prestasi kembali.") == ("Torehan prestasi kembali.", None, "MANILA")


def test_hyphenated_words_are_no_tight_lead() -> None:
    for text in ("KPK-Polri sepakat bekerja sama.", "Semarang-Batang Seksi IV dibuka.", "CONTOH.COM,JAKARTA-Anggota bicara."):
        assert strip_lead(text) == (text, None, None)


def test_menu_heading_above_the_article_ends_nothing() -> None:
    body = clean_body(["Terkini", _PROSE, "Berita Terkait", "Judul berita lain"])
    assert body.paragraphs == [_PROSE]
    assert body.warnings == ["a section heading before the article text was skipped: 'Terkini'"]


def test_author_metadata_with_roles_and_handles() -> None:
    from warta.parse.html import _authors

    assert _authors("Penulis: Sri Wahyuni, Editor: Arif Budiman", "contoh.com", []) == ["Sri Wahyuni"]
    assert _authors("redaksi.contoh@gmail.com", "contoh.com", []) == []
    assert _authors("https://www.facebook.com/contoh", "contoh.com", []) == []
    assert _authors("Nur Khafifah dan B Kunto Wibisono", "contoh.com", []) == ["Nur Khafifah", "B Kunto Wibisono"]


def test_lone_read_also_label_and_its_titles() -> None:
    body = clean_body([_PROSE, "BACA JUGA", "Harga cabai turun lagi", "Petani cabai merugi", "Kedua, harga beras naik."])
    assert body.paragraphs == [_PROSE, "Kedua, harga beras naik."]
    assert body.read_also == [ReadAlso(title="Harga cabai turun lagi"), ReadAlso(title="Petani cabai merugi")]
