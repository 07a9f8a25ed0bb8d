"""A ``-nya`` cue after a private person is introduced goes to that person, not to the official
quoted before (h11q5, issue 11 point 1): a first mention with an age in brackets or a plain
description after a comma, tagged or not; a first mention with an office whatever its verb.
Every sentence here was written for these tests; entities are given by hand."""

from __future__ import annotations

from tests.unit.quote_helpers import located, person

from warta.enrich.quotes import extract_quotes


def _quotes(paragraphs: list[str], *entities):  # type: ignore[no-untyped-def]
    return [(q[0], q[1], q[2]) for q in located(extract_quotes(paragraphs, list(entities)))]


_OFFICIAL = ["\"Pasar tetap buka sampai pukul 20.00,\" kata Kepala Dinas Perdagangan Kota Bekasi Surya Dharmawan."]


def test_a_resident_introduced_with_an_age_takes_the_nya_cue() -> None:
    paras = [*_OFFICIAL,
             "Darsih (41), warga Kelurahan Jatimulya, memilih berbelanja pagi hari.",
             "\"Kalau siang terlalu ramai,\" ujarnya."]
    got = _quotes(paras, person("Surya Dharmawan", paras), person("Darsih", paras))
    assert got == [("Surya Dharmawan", "Surya Dharmawan", "Kepala Dinas Perdagangan Kota Bekasi"),
                   ("Darsih", "ujarnya", "warga Kelurahan Jatimulya")]


def test_an_untagged_name_with_an_age_takes_the_nya_cue() -> None:
    paras = [*_OFFICIAL,
             "Sumiyati Rahayu (52), pedagang sayur di pasar itu, mengeluhkan sepinya pembeli.",
             "\"Sejak pagi baru tiga orang,\" tuturnya."]
    got = _quotes(paras, person("Surya Dharmawan", paras))
    assert got[1] == ("Sumiyati Rahayu", "tuturnya", "pedagang sayur")


def test_a_name_after_a_copula_with_an_age_is_introduced() -> None:
    paras = [*_OFFICIAL,
             "Salah satu pedagang yang bertahan adalah Darsih (41).",
             "\"Kalau siang terlalu ramai,\" katanya."]
    got = _quotes(paras, person("Surya Dharmawan", paras), person("Darsih", paras))
    assert got[1] == ("Darsih", "katanya", None)


def test_a_description_after_a_comma_introduces_a_tagged_person() -> None:
    paras = [*_OFFICIAL,
             "Rukmini, salah satu pembeli, merasa harga cabai masih tinggi.",
             "\"Sekilo masih mahal,\" katanya."]
    got = _quotes(paras, person("Surya Dharmawan", paras), person("Rukmini", paras))
    assert got[1] == ("Rukmini", "katanya", None)


def test_a_person_acted_upon_or_mentioned_again_does_not_take_over() -> None:
    # passive: the age does not make the subject a speaker
    paras = [*_OFFICIAL,
             "Sumiyati Rahayu (52) ditegur petugas karena tidak bermasker.",
             "\"Kami hanya mengingatkan,\" ujarnya."]
    assert _quotes(paras, person("Surya Dharmawan", paras))[1] == ("Surya Dharmawan", "ujarnya",
                                                                  "Kepala Dinas Perdagangan Kota Bekasi")
    # a later mention of someone introduced before the official spoke is no introduction
    paras = ["Darsih (41) berjualan sayur sejak subuh.", *_OFFICIAL,
             "Darsih memilih pulang lebih awal.", "\"Pengunjung dibatasi,\" ujarnya."]
    got = _quotes(paras, person("Surya Dharmawan", paras), person("Darsih", paras))
    assert got[-1] == ("Surya Dharmawan", "ujarnya", "Kepala Dinas Perdagangan Kota Bekasi")


def test_an_official_introduced_with_an_office_takes_over_whatever_the_verb() -> None:
    paras = [*_OFFICIAL,
             "Wali Kota Bekasi Tri Wibowo sudah menerbitkan aturan jam malam.",
             "\"Warga luar kota kami periksa,\" ucapnya."]
    got = _quotes(paras, person("Surya Dharmawan", paras), person("Tri Wibowo", paras))
    assert got[1] == ("Tri Wibowo", "ucapnya", "Wali Kota Bekasi")


def test_another_speakers_cue_keeps_the_passage_with_that_speaker() -> None:
    paras = [*_OFFICIAL,
             "Meski anak Bupati Tri Wibowo itu positif, menurut Surya, pasar tetap dibuka.",
             "\"Protokol kami perketat,\" ucapnya."]
    got = _quotes(paras, person("Surya Dharmawan", paras, ["Surya Dharmawan", "Surya"]),
                  person("Tri Wibowo", paras))
    assert got[-1][0] == "Surya Dharmawan"
