"""Quotes with roles, fourth pass (issue 11): where a tagged name ends and its office begins,
offices written as lists or joined by ``dan``, and quotations that are titles. Every sentence
here was written for these tests."""

from __future__ import annotations

import pytest

from tests.unit.quote_helpers import located, only_in, person
from warta.enrich.quote_roles import referred_cut, split_role
from warta.enrich.quote_lexicon import quote_lexicon
from warta.enrich.quotes import extract_quotes, mention_role


@pytest.mark.parametrize(("words", "references", "cut"), [
    # an office word before the reference: 'Officer' is a title
    (["Technology", "Officer", "Kopiku", "Rudi", "Hartanto"], {"Rudi"}, 3),
    # a given name right before the reference is the person's: 'Muhammad' stays
    (["Bina", "Usaha", "Daerah", "Kemenkop", "Muhammad", "Rizal", "Siregar"], {"Rizal"}, 4),
    # no office word and not written elsewhere: a foreign name called by its surname
    (["Antony", "Blinken"], {"Blinken"}, 0),
])
def test_referred_cut_with_an_office_word(words: list[str], references: set[str], cut: int) -> None:
    assert referred_cut(words, frozenset(references), "") == cut


def test_a_one_word_speaker_after_a_cue_ends_the_office_when_no_tagger_ran() -> None:
    paragraphs = [
        "“Penyu di pantai ini makin jarang bertelur,” kata Ketua Kelompok Pelestari Penyu Samudra Kebumen "
        "Darsono, Minggu.",
        "Setiap pagi, Darsono menyisir pantai bersama lima pemuda desa.",
        "“Kami menetaskan telur di penangkaran,” ujar Darsono.",
    ]
    office = "Ketua Kelompok Pelestari Penyu Samudra Kebumen"
    assert located(extract_quotes(paragraphs)) == [
        ("Darsono", "Darsono", office, "Kelompok Pelestari Penyu Samudra Kebumen", 0, 1, 42),
        ("Darsono", "Darsono", office, "Kelompok Pelestari Penyu Samudra Kebumen", 2, 1, 37),
    ]


def test_a_tagged_name_holding_the_end_of_the_office_is_cut_at_the_reference() -> None:
    paragraphs = ["Chief Technology Officer Kopiku Rudi Hartanto menjelaskan rencana perusahaan.",
                  "“Kami akan membuka 50 gerai tahun depan,” kata Rudi."]
    entities = [person("Technology Officer Kopiku Rudi Hartanto", paragraphs), only_in(person("Rudi", paragraphs), 1)]
    (quote,) = extract_quotes(paragraphs, entities)
    assert (quote.speaker, quote.speaker_mention, quote.role) == (
        "Rudi Hartanto", "Rudi", "Chief Technology Officer Kopiku")


def test_a_given_name_before_the_reference_stays_with_the_name() -> None:
    paragraphs = ["Direktur Jenderal Bina Usaha Daerah Kemenkop Muhammad Rizal Siregar meninjau pasar.",
                  "“Pasar ini akan kami renovasi,” ujar Rizal."]
    entities = [person("Bina Usaha Daerah Kemenkop Muhammad Rizal Siregar", paragraphs),
                only_in(person("Rizal", paragraphs), 1)]
    assert located(extract_quotes(paragraphs, entities)) == [
        ("Muhammad Rizal Siregar", "Rizal", "Direktur Jenderal Bina Usaha Daerah Kemenkop", "Kemenkop", 1, 1, 29)]


def test_a_two_word_title_split_by_the_tagger_is_whole_again() -> None:
    paragraphs = ["Bagi Hakim Agung Bambang Pratama, sidang daring menghemat waktu.",
                  "“Berkas bisa saya pelajari di rumah,” kata Bambang."]
    entities = [person("Agung Bambang Pratama", paragraphs), only_in(person("Bambang", paragraphs), 1)]
    assert located(extract_quotes(paragraphs, entities)) == [
        ("Bambang Pratama", "Bambang", "Hakim Agung", None, 1, 1, 35)]


def test_the_village_before_a_name_is_cut_where_the_name_is_first_written_in_full() -> None:
    paragraphs = ["Warga di Sukamaju mulai mengungsi sejak Senin.",
                  "Kepala Desa Sukamaju Karyono mengatakan, balai desa dibuka untuk pengungsi.",
                  "“Kami siapkan dapur umum,” kata Karyono."]
    entity = person("Sukamaju Karyono", paragraphs, ["Sukamaju Karyono"])
    # the tagger also linked 'di Sukamaju' (the village alone) and 'kata Karyono' to the person
    entity.mentions = [*person("x", paragraphs[:1], ["Sukamaju"]).mentions, *entity.mentions,
                       *only_in(person("Karyono", paragraphs), 2).mentions]
    assert located(extract_quotes(paragraphs, [entity])) == [
        ("Karyono", "Karyono", "Kepala Desa Sukamaju", "Desa Sukamaju", 1, 41, 74),
        ("Karyono", "Karyono", "Kepala Desa Sukamaju", "Desa Sukamaju", 2, 1, 24),
    ]


@pytest.mark.parametrize(("phrase", "expected"), [
    ("Wakil Ketua DPRD dan anggota Fraksi Partai Golkar",
     ("Wakil Ketua DPRD dan anggota Fraksi Partai Golkar", "Partai Golkar")),
    ("Dosen Fakultas Hukum Universitas Jember dan ahli hukum tata negara",
     ("Dosen Fakultas Hukum Universitas Jember dan ahli hukum tata negara", "Universitas Jember")),
    ("Hakim Agung", ("Hakim Agung", None)),
])
def test_a_second_office_joined_by_dan_is_part_of_the_role(phrase: str, expected: tuple[str, str | None]) -> None:
    assert split_role(phrase) == expected


@pytest.mark.parametrize(("text", "name", "role"), [
    # a comma inside the office's list of units
    ("Kepala Biro Umum, Hukum dan Kerja Sama BPOM Siti Rahma mengatakan, izin edar sudah terbit.", "Siti Rahma",
     "Kepala Biro Umum, Hukum dan Kerja Sama BPOM"),
    # … after the name, closed by a comma
    ("Menurut Siti Rahma, anggota Bawaslu Kota Malang Divisi Pengawasan, Hubungan Masyarakat, dan Antarlembaga, "
     "pengawasan diperketat.", "Siti Rahma",
     "anggota Bawaslu Kota Malang Divisi Pengawasan, Hubungan Masyarakat, dan Antarlembaga"),
    ("Sementara itu, Rahmat, Camat Cempaka Putih, Jakarta Pusat, meminta warga tertib.", "Rahmat",
     "Camat Cempaka Putih, Jakarta Pusat"),
    # a date after the office is no part of it
    ("Chaidir, Kepala Dinas Sosial Kota Bogor, Senin (6/7/2020), mengatakan, bantuan sudah disalurkan.", "Chaidir",
     "Kepala Dinas Sosial Kota Bogor"),
    # nor a list of people
    ("Budi, Ketua RT, Ani, dan Citra, datang kemarin.", "Budi", "Ketua RT"),
    # 'pada' links a unit to the office it belongs to
    ("Kepala Seksi Jalan pada Dinas Pekerjaan Umum Kota Depok Hendra Gunawan mengatakan, jalan segera diperbaiki.",
     "Hendra Gunawan", "Kepala Seksi Jalan pada Dinas Pekerjaan Umum Kota Depok"),
    # a rank written with the name is no title of its own
    ("Hal itu disampaikan Deputi Pencegahan dan Kesiapsiagaan, dan Logistik BPBD Mayor Jenderal (TNI) Joko Susilo "
     "di Semarang.", "Joko Susilo", "Deputi Pencegahan dan Kesiapsiagaan, dan Logistik BPBD"),
    # the organisation after a comma
    ("“Pasien kami rawat di ruang isolasi,” kata Kepala Bagian Humas, Rumah Sakit Umum Daerah Kota Semarang, "
     "Dewi Lestari, Senin.", "Dewi Lestari", "Kepala Bagian Humas, Rumah Sakit Umum Daerah Kota Semarang"),
    # 'selaku' introduces the office after the name (data: office_link)
    ("Yusuf Ramli selaku Ketua Tim Pemenangan Paslon Andi-Rudi mengatakan, relawan puas.", "Yusuf Ramli",
     "Ketua Tim Pemenangan Paslon Andi-Rudi"),
    # what 'kata X,' introduces in mid-sentence is what was said, not an apposition …
    ("Namun, kata Fauzi, pengunjung yang datang masih sedikit.", "Fauzi", None),
    # … unless a comma closes it
    ("Aziz, anggota tim yang mendampingi warga, mengatakan, gugatan sudah didaftarkan.", "Aziz", "anggota tim"),
])
def test_office_written_as_a_list(text: str, name: str, role: str | None) -> None:
    ms = text.index(name)
    assert mention_role(text, ms, ms + len(name), quote_lexicon()) == role


def test_a_titled_quotation_is_no_statement_even_with_a_speech_verb_after_it() -> None:
    paragraphs = [
        "Dalam diskusi bertema ”Menjaga Laut Kita” di Surabaya, Sabtu (3/4/2021), Budi Santoso mengatakan, "
        "laut harus dijaga bersama.",
        "Diskusi bertema ”Laut untuk Semua”, kata Budi, digelar setiap bulan.",
        # a clause closed inside the marks, then a cue: a statement after all
        "Film berjudul ”Kami Menanam Bakau,” kata Budi, akan diputar pekan depan.",
    ]
    quotes = extract_quotes(paragraphs, [person("Budi Santoso", paragraphs)])
    # (the reported speech after the title in the first sentence is not found: a sentence that
    # holds a quotation is not searched for reported speech)
    assert [(q.kind, q.text, q.speaker) for q in quotes] == [("direct", "Kami Menanam Bakau", "Budi Santoso")]
