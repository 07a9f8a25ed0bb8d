"""Lead shapes of flattened exports whose outlet was lost (issue 10, round 3): a short
``Reporter Nama`` line, a name glued to the upper-case outlet, a photo credit glued before the
lead, a colon typed without its space. Each names a registered outlet, which must be found."""

from __future__ import annotations

from warta.parse.anatomy import clean_body

_PROSE = (
    "Perintah eksekutif presiden yang membatasi masuknya pelancong dari tujuh negara menuai "
    "beragam protes dari warga di banyak kota besar dan dari para pegiat hak asasi manusia."
)


def _lead(first: str) -> tuple[str | None, str | None, list[str], str, list[str]]:
    body = clean_body([first, _PROSE])
    return body.outlet, body.dateline, body.authors, body.paragraphs[0], body.warnings


def test_short_reporter_line_before_the_lead() -> None:
    assert _lead("Reporter Dewi Anggraini TRIBUNNEWS.COM, JAKARTA - Pajak daerah naik tahun ini.") == (
        "tribunnews.com", "JAKARTA", ["Dewi Anggraini"], "Pajak daerah naik tahun ini.", [],
    )


def test_reporter_name_glued_to_the_outlet() -> None:
    assert _lead(
        "Laporan Wartawan TribunnewsBogor.com, Andi SaputraTRIBUNNEWS.COM - Rekaman itu beredar luas."
    ) == ("tribunnews.com", None, ["Andi Saputra"], "Rekaman itu beredar luas.", [])


def test_photo_credit_glued_before_the_lead() -> None:
    assert _lead("TribunTravel.com/Rina WulandariTRIBUNNEWS.COM - Para astronom mengamati hilal.") == (
        "tribunnews.com", None, [], "Para astronom mengamati hilal.",
        ["text before the lead dateline left out of the body: 'TribunTravel.com/Rina Wulandari'"],
    )


def test_colon_lead_typed_without_space() -> None:
    assert _lead("TRIBUNNEWS.COM, JAKARTA:Ketua kamar dagang itu menyebut harga apartemen naik.") == (
        "tribunnews.com", "JAKARTA", [], "Ketua kamar dagang itu menyebut harga apartemen naik.", [],
    )


def test_doubled_dash_after_a_domain_lead() -> None:
    from warta.parse.flatten import flatten

    flat = flatten(["TRIBUNNEWS.COM, JAKARTA - - Tahun ini berat bagi pengecer pakaian di kota besar."])
    body = clean_body(flat.paragraphs)
    assert (body.outlet, body.dateline, body.paragraphs) == (
        "tribunnews.com", "JAKARTA", ["Tahun ini berat bagi pengecer pakaian di kota besar."],
    )


def test_doubled_dash_after_a_place_lead() -> None:
    assert _lead("MEDAN - - Tahun ini berat bagi pengecer.")[:4] == (None, "MEDAN", [], "Tahun ini berat bagi pengecer.")


def test_wire_lead_with_day_and_month() -> None:
    body = clean_body(["Jeddah, Saudi Arabia, 27 / 11 (Antara) - Pameran dagang itu dibuka hari ini.", _PROSE])
    assert (body.outlet, body.dateline, body.credits.agencies, body.paragraphs[0]) == (
        "antaranews.com", "Jeddah, Saudi Arabia", ["Antara"], "Pameran dagang itu dibuka hari ini.",
    )


def test_read_also_label_after_a_list_without_full_stop() -> None:
    body = clean_body(["- Bobot 180 gram - Baterai 4.000 mAh non - removable Baca juga: 8 April, Ponsel Baru Bisa Dipesan"])
    assert body.paragraphs == ["- Bobot 180 gram - Baterai 4.000 mAh non - removable"]
    assert [r.title for r in body.read_also] == ["8 April, Ponsel Baru Bisa Dipesan"]


def test_lowercase_baca_juga_in_prose_stays() -> None:
    text = "Ia meminta warga membaca juga: aturan baru itu berlaku besok."
    assert clean_body([text]).paragraphs == [text]


def test_reporter_label_with_colon() -> None:
    assert _lead("Reporter: Dewi Anggraini TRIBUNNEWS.COM, JAKARTA - Pajak daerah naik tahun ini.") == (
        "tribunnews.com", "JAKARTA", ["Dewi Anggraini"], "Pajak daerah naik tahun ini.", [],
    )


def test_network_site_of_the_registry_in_a_glued_lead() -> None:
    outlet, dateline, _authors, first, _warnings = _lead(
        "Tribuntravel.com/Rina Wulandari TRIBUNTRAVEL.COM - Ayam itu hidup tanpa kepala."
    )
    assert (outlet, dateline, first) == ("tribunnews.com", None, "Ayam itu hidup tanpa kepala.")
