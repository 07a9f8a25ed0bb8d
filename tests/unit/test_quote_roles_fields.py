"""Roles on recent political news, ninth pass (h11q5, issue 11 point 1): a field of expertise
is no organisation, a phrase about the name is no office, a description by birthplace points
back at the speaker, a pronoun followed by how it was said is the pronoun. Every sentence here
was written for these tests."""

from __future__ import annotations

from tests.unit.quote_helpers import located, person

from warta.enrich.quote_roles import clean_role, split_affiliation
from warta.enrich.quotes import extract_quotes


def test_a_field_after_the_title_is_no_affiliation() -> None:
    assert split_affiliation("Pengamat Politik") is None
    assert split_affiliation("Pakar Hukum Tata Negara") is None
    assert split_affiliation("Pakar Komunikasi Politik") is None
    # the organisation after the field is
    assert split_affiliation("Pengamat Ekonomi Indef") == "Indef"
    assert split_affiliation("Pengamat Politik Universitas Indonesia") == "Universitas Indonesia"
    # no field word: unchanged ('The' is no field)
    assert split_affiliation("Presidium The President Center") == "The President Center"
    assert split_affiliation("Ketua Gili Hotel Association") == "Gili Hotel Association"


def test_a_phrase_about_the_name_is_no_office() -> None:
    assert clean_role("pemilik nama lengkap") is None
    assert clean_role("Pendeta bernama") is None
    assert clean_role("Aktris sekaligus model") == "Aktris sekaligus model"


def test_a_description_by_birthplace_points_back_at_the_speaker() -> None:
    paras = ["\"Latihan lancar,\" ujar penyerang Timnas U-20 Rafli Pratama.",
             "\"Tim kompak,\" sambung pesepak bola asal Kediri."]
    got = located(extract_quotes(paras, [person("Rafli Pratama", paras)]))
    assert [(q[0], q[1], q[2]) for q in got] == [
        ("Rafli Pratama", "Rafli Pratama", "penyerang Timnas U-20"),
        ("Rafli Pratama", "pesepak bola asal Kediri", "penyerang Timnas U-20")]


def test_a_pronoun_then_how_it_was_said_is_the_pronoun() -> None:
    paras = ["Sprinter Dewi Lestari memecahkan rekor. \"Saya senang,\" kata Dewi.",
             "\"Waktu itu saya finis kelima,\" tutur dia menambahkan.",
             "\"Saya tidak terlibat,\" ucap dia tegas, dalam keterangannya."]
    got = located(extract_quotes(paras, [person("Dewi Lestari", paras, ["Dewi Lestari", "Dewi"])]))
    assert [(q[0], q[1], q[4]) for q in got] == [("Dewi Lestari", "Dewi", 0), ("Dewi Lestari", "dia", 1),
                                                 ("Dewi Lestari", "dia", 2)]


def test_a_guest_named_with_an_office_does_not_take_the_nya_cue() -> None:
    paras = ["\"Persiapan tidak terganggu,\" tegas Menpora Rudi Santoso di Jakarta.",
             "Dalam jumpa pers yang dihadiri pula oleh ketua panitia, Arif Wicaksono dan ketua KONI, "
             "Menpora memanjatkan doa bagi korban. \"Kita berduka,\" ujarnya."]
    got = located(extract_quotes(paras, [person("Rudi Santoso", paras), person("Arif Wicaksono", paras)]))
    assert [(q[0], q[1]) for q in got] == [("Rudi Santoso", "Rudi Santoso"), ("Rudi Santoso", "ujarnya")]


def test_an_office_written_in_full_later_replaces_its_shorter_form() -> None:
    paras = ["Wali kota lalu meminta Kepala Dinas Kesehatan Rina Kartika menghubungi rumah sakit.",
             "Kepala Dinas Kesehatan Kota Malang Rina Kartika mengatakan, pasien bertambah 12 orang.",
             "\"Semua pasien kami pantau,\" kata Rina."]
    got = located(extract_quotes(paras, [person("Rina Kartika", paras, ["Rina Kartika", "Rina"])]))
    assert [(q[0], q[2], q[3], q[4]) for q in got] == [
        ("Rina Kartika", "Kepala Dinas Kesehatan Kota Malang", "Dinas Kesehatan Kota Malang", 1),
        ("Rina Kartika", "Kepala Dinas Kesehatan Kota Malang", "Dinas Kesehatan Kota Malang", 2)]
    # the person's own name after a title is no fuller office ('Presiden Joko Widodo atau Jokowi')
    paras = ["Presiden Joko Widodo atau Jokowi meninjau pasar.", "Presiden mengatakan, harga beras stabil.",
             "\"Stok cukup,\" kata Jokowi."]
    got = located(extract_quotes(paras, [person("Joko Widodo", paras, ["Joko Widodo", "Jokowi"])]))
    assert {q[2] for q in got} == {"Presiden"}
