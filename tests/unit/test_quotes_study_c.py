"""Quotes, h15quote (issue 11): what the study of held-out set C and the known errors of the
studied sets taught — an office held for a person names no organisation, the name before
``selaku`` speaks, a name the tagger cut at its apostrophe is whole again, an organisation whose
name is a list speaks as one, ``Kepresidenan`` is an office's domain, a sub-heading word the
article writes in lower case is no given name, ``menginformasikan`` reports a clause, a news
agency reporting (``ESPN menyebut``) is a source, not a speaker. Every
sentence here was written for these tests; entities are given by hand, so a test states exactly
what NER found."""

from __future__ import annotations

from tests.unit.quote_helpers import located, only_in, person

from warta.enrich.quote_roles import split_affiliation
from warta.enrich.quotes import extract_quotes


def _quotes(paragraphs: list[str], *entities):  # type: ignore[no-untyped-def]
    return located(extract_quotes(paragraphs, list(entities)))


def test_a_person_named_in_the_office_is_no_affiliation() -> None:
    # the splitter reads the client's capitals as an organisation; the article tags her a person
    assert split_affiliation("kuasa hukum Marissya Icha") == "Marissya Icha"
    paras = ["Ramzy Hakim selaku kuasa hukum Marissya Icha mengatakan kliennya tidak menyewa pendengung."]
    assert _quotes(paras, person("Ramzy Hakim", paras), person("Marissya Icha", paras)) == [
        ("Ramzy Hakim", "Ramzy Hakim", "kuasa hukum Marissya Icha", None, 0, 56, 89)]
    # not tagged as a person, the name stays the affiliation the splitter reads
    assert _quotes(paras, person("Ramzy Hakim", paras))[0][3] == "Marissya Icha"


def test_the_name_before_selaku_speaks_and_the_office_after_it_is_theirs() -> None:
    paras = ["Dedi Kurnia selaku kuasa hukum Sinta Maharani membantah tudingan penggelapan dana.",
             "Ia mengatakan kliennya tidak pernah menerima uang itu."]
    assert _quotes(paras, person("Dedi Kurnia", paras), person("Sinta Maharani", paras)) == [
        ("Dedi Kurnia", "Dedi Kurnia", "kuasa hukum Sinta Maharani", None, 0, 56, 81),
        ("Dedi Kurnia", "Ia", "kuasa hukum Sinta Maharani", None, 1, 14, 53)]


def test_a_name_cut_at_its_apostrophe_is_whole_and_menginformasikan_reports() -> None:
    paras = ["Ketua KPU Kota Hasyim Asy'ari menginformasikan bahwa rekapitulasi suara selesai pekan ini.",
             "\"Semua berjalan lancar,\" kata Hasyim."]
    hasyim = person("Hasyim Asy", paras, ["Hasyim Asy", "Hasyim"])
    assert _quotes(paras, hasyim) == [
        ("Hasyim Asy'ari", "Hasyim", "Ketua KPU Kota", "KPU Kota", 0, 53, 89),
        ("Hasyim Asy'ari", "Hasyim", "Ketua KPU Kota", "KPU Kota", 1, 1, 22)]


def test_an_organisation_named_as_a_list_speaks_not_its_last_item() -> None:
    paras = ["BANDUNG - Badan Meteorologi, Klimatologi, dan Geofisika (BMKG) menyatakan hujan lebat akan "
             "turun pekan ini."]
    entities = [person("Badan Meteorologi", paras, label="ORG"), person("Geofisika", paras),
                person("BMKG", paras, label="ORG")]
    assert _quotes(paras, *entities) == [("BMKG", "BMKG", None, None, 0, 74, 106)]


def test_kepresidenan_is_the_office_domain_not_an_organisation() -> None:
    assert split_affiliation("Kepala Staf Kepresidenan") is None
    assert split_affiliation("Tenaga Ahli Utama Kantor Staf Kepresidenan") == "Kantor Staf Kepresidenan"
    assert split_affiliation("Kepala Staf Angkatan Darat") == "Angkatan Darat"
    paras = ["Kepala Staf Kepresidenan Moeldoko mengatakan pemerintah siap menghadapi banjir."]
    assert _quotes(paras, person("Kepresidenan Moeldoko", paras)) == [
        ("Moeldoko", "Moeldoko", "Kepala Staf Kepresidenan", None, 0, 45, 78)]


def test_a_sub_heading_word_the_article_writes_in_lower_case_is_no_given_name() -> None:
    paras = ["Warga menghadapi buah simalakama soal harga beras.",
             "Simalakama Yose Rizal Damuri mengatakan pemerintah harus memilih.",
             "\"Ini sulit sekali,\" kata Yose."]
    entities = [person("Simalakama Yose Rizal Damuri", paras), only_in(person("Yose", paras), 2)]
    assert _quotes(paras, *entities) == [
        ("Yose Rizal Damuri", "Yose Rizal Damuri", None, None, 1, 40, 64),
        ("Yose Rizal Damuri", "Yose", None, None, 2, 1, 17)]
    # written in capitals only, the word may be a given name: nothing is cut
    kept = ["Simalakama Yose Rizal Damuri mengatakan pemerintah harus memilih.", "\"Ini sulit,\" kata Yose."]
    found = _quotes(kept, person("Simalakama Yose Rizal Damuri", kept), only_in(person("Yose", kept), 1))
    assert found[0][0] == "Simalakama Yose Rizal Damuri"


def test_a_news_agency_reporting_is_a_source_not_a_speaker() -> None:
    paras = ["Klub itu mundur dari liga setelah enam laga.",
             "ESPN menyebut, belum jelas dampak pengunduran diri itu terhadap liga."]
    assert _quotes(paras, person("ESPN", paras, label="ORG")) == []
    # an organisation that is no medium still speaks
    club = ["Klub itu mundur dari liga setelah enam laga.",
            "Persib menyebut, belum jelas dampak pengunduran diri itu terhadap liga."]
    assert [q[0] for q in _quotes(club, person("Persib", club, label="ORG"))] == ["Persib"]


def test_an_office_whose_organisation_is_a_list_keeps_its_holder_as_speaker() -> None:
    paras = ["Kepala Dinas Pertanian, Pangan, dan Perikanan Sleman Heru Saptono mengatakan, lahan sawah "
             "tidak berkurang."]
    entities = [person("Heru Saptono", paras), person("Dinas Pertanian", paras, label="ORG")]
    assert _quotes(paras, *entities) == [
        ("Heru Saptono", "Heru Saptono", "Kepala Dinas Pertanian, Pangan, dan Perikanan Sleman",
         "Dinas Pertanian, Pangan, dan Perikanan Sleman", 0, 78, 105)]


def test_what_a_subject_serves_as_is_no_office() -> None:
    paras = ["Rina Wulandari sebagai tuan rumah mengatakan, acara itu dibuka untuk umum."]
    assert _quotes(paras, person("Rina Wulandari", paras)) == [("Rina Wulandari", "Rina Wulandari", None, None, 0, 46, 73)]
    office = ["Rina Wulandari sebagai Ketua Panitia Festival Kota mengatakan, acara itu dibuka untuk umum."]
    assert _quotes(office, person("Rina Wulandari", office)) == [
        ("Rina Wulandari", "Rina Wulandari", "Ketua Panitia Festival Kota", "Panitia Festival Kota", 0, 63, 90)]
