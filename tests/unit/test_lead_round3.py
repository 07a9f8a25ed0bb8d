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
