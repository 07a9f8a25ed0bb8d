"""Flattened export bodies (issue 10): paragraphs, read-also, credits and furniture, exactly."""

from __future__ import annotations

from tests.conftest import FIXTURES
from warta.parse import iter_outcomes
from warta.parse.flatten import flatten, split_wall


def _articles(name: str):
    outcomes = list(iter_outcomes([str(FIXTURES / "export" / name)]))
    assert [o.failure for o in outcomes if o.failure] == []
    return [o.article for o in outcomes]


def test_comma_joined_row_is_repaired_and_lifted():
    first = _articles("flattened.jsonl")[0]
    assert first.paragraphs == [
        "Warga Desa Sukamaju membersihkan saluran air pada Senin (12/2/2024).",
        "Kegiatan itu diikuti, puluhan warga.",
        '"Kami ingin desa bersih," kata Kepala Desa Budi Santoso.',
        "Kerja bakti akan diadakan lagi pada Kamis (29/2/2024).",
    ]
    assert [r.to_dict() for r in first.read_also] == [
        {"title": "Jembatan Desa Sukamaju Akhirnya Diperbaiki", "url": None}
    ]
    assert first.credits.to_dict() == {"agencies": ["Antara"], "codes": []}
    assert first.warnings == ["weekday date 'Kamis (2922024)' had lost its slashes; read as 'Kamis (29/2/2024)'"]


def test_source_line_at_the_end_becomes_a_credit():
    second = _articles("flattened.jsonl")[1]
    assert second.paragraphs == [
        "Pemerintah kota menggelar pasar murah di alun-alun.",
        "Harga beras dijual lebih rendah dari harga pasar.",
    ]
    assert second.credits.agencies == ["Antara"]


def test_wall_of_text_is_split_into_paragraphs():
    article = _articles("wall.json")[0]
    assert article.outlet == "contohnews.com"
    assert article.dateline == "BANDUNG"
    assert article.paragraphs == [
        "Festival layang-layang digelar di pantai selatan, Sabtu (4/5/2024). Ratusan peserta datang "
        "dari berbagai kota. Panitia menyiapkan hadiah untuk tiga pemenang.",
        "Cuaca cerah membuat layang-layang terbang tinggi.",
        '"Kami senang sekali bisa ikut lomba tahun ini. Tahun depan kami datang lagi," ujar Rina, peserta dari Garut.',
        "Festival ditutup dengan pesta kembang api.",
        "Panitia berharap acara ini menarik wisatawan. Pemerintah daerah mendukung festival ini setiap "
        "tahun. Tahun lalu pengunjung mencapai lima ribu orang.",
        "Tahun ini jumlahnya diperkirakan naik. Pedagang kecil ikut merasakan untung.",
    ]
    assert [r.title for r in article.read_also] == ["Lomba Perahu Hias Meriahkan Hari Jadi Kota"]


def test_furniture_phrases_and_labels_are_removed():
    flat = flatten([
        "Isi berita pertama. Tidak ada kode iklan yang tersedia. Isi berita kedua.,Baca juga:,,,"
        "Ikuti Whatsapp Channel kami untuk berita terbaru.,ADVERTISEMENT,Kalimat penutup.,loading..."
    ])
    assert flat.paragraphs == ["Isi berita pertama. Isi berita kedua.", "Kalimat penutup."]
    assert flat.read_also == []


def test_parenthesised_read_also_keeps_its_url():
    flat = flatten(["Harga naik tajam. (Baca juga: Harga Cabai Turun Lagi),https://contoh.id/a,Pedagang mengeluh."])
    assert [r.to_dict() for r in flat.read_also] == [{"title": "Harga Cabai Turun Lagi", "url": "https://contoh.id/a"}]
    assert flat.paragraphs == ["Harga naik tajam.", "Pedagang mengeluh."]


def test_credit_forms():
    flat = flatten([
        "Kalimat pertama.",
        "Kalimat kedua ditutup kredit. (ant)",
        "Sumber: Majalah Contoh. Gambar header: Pixabay.",
        "Kalimat terakhir. Rudi Hartono/Sumber: Reuters",
    ])
    assert flat.paragraphs == ["Kalimat pertama.", "Kalimat kedua ditutup kredit.", "Kalimat terakhir."]
    assert flat.credits.agencies == ["Antara", "Majalah Contoh", "Reuters"]
    assert flat.editors == ["Rudi Hartono"]


def test_leading_dash_and_tokenised_double_dash():
    assert flatten(["-,Sebuah kalimat."]).paragraphs == ["Sebuah kalimat."]
    assert flatten(["Jakarta, Contoh Indonesia - - Sebuah kalimat."]).paragraphs == [
        "Jakarta, Contoh Indonesia -- Sebuah kalimat."
    ]


def test_slashless_weekday_date_that_cannot_be_told_is_flagged_not_rewritten():
    # 1112024: 1/11/2024 is a Friday, 11/1/2024 a Thursday — "Rabu" fits neither.
    flat = flatten(["Rapat digelar Rabu (1112024) di balai."])
    assert flat.paragraphs == ["Rapat digelar Rabu (1112024) di balai."]
    assert flat.warnings == [
        "weekday date 'Rabu (1112024)' has lost its slashes and cannot be read (0 readings fit the weekday); left as written"
    ]


def test_split_wall_keeps_abbreviations_and_quotes_whole():
    text = 'Dr. Budi datang. "Satu. Dua. Tiga," katanya. Harga Rp. 5.000 naik.'
    assert split_wall(text) == ['Dr. Budi datang.', '"Satu. Dua. Tiga," katanya. Harga Rp. 5.000 naik.']


def test_prose_is_left_alone():
    text = "Presiden Joko Widodo (Jokowi), Menteri Keuangan, dan para gubernur hadir. Nilainya 2,5 persen."
    assert flatten([text]).paragraphs == [text]


def test_quote_closing_after_a_bracket_is_not_a_paragraph_join():
    flat = flatten(['Lewat pesan (WA)," ujarnya saat dihubungi.,Saat ini tiga orang ditahan.'])
    assert flat.paragraphs == ['Lewat pesan (WA)," ujarnya saat dihubungi.', "Saat ini tiga orang ditahan."]


def test_lead_leftovers_and_emptied_brackets():
    assert flatten([", ,., - Gubernur pergi."]).paragraphs == ["Gubernur pergi."]
    assert flatten(["KOTA, Contoh.com -  ,resmi dibuka  , untuk umum."]).paragraphs == [
        "KOTA, Contoh.com - resmi dibuka, untuk umum."
    ]
    assert flatten(["Ada Politeknik  , ( ,)  , mengadakan wisuda."]).paragraphs == ["Ada Politeknik, mengadakan wisuda."]
    assert flatten([" Penulis: ,Saat ini warga mendesak."]).paragraphs == ["Saat ini warga mendesak."]


def test_read_also_without_colon_is_cut_by_headline_shape():
    flat = flatten([
        "Warga berkumpul di balai. Baca Juga Pemkot Tambah Anggaran Jalan Desa Rusak Dibiarkan "
        "Bertahun-tahun Warga lalu pulang ke rumah.",
        "Ia rajin beribadah. Baca Al-Quran setiap malam adalah kebiasaannya.",
    ])
    assert flat.paragraphs == [
        "Warga berkumpul di balai. Warga lalu pulang ke rumah.",
        "Ia rajin beribadah. Baca Al-Quran setiap malam adalah kebiasaannya.",
    ]
    assert [r.title for r in flat.read_also] == ["Pemkot Tambah Anggaran Jalan Desa Rusak Dibiarkan Bertahun-tahun"]


def test_read_also_title_keeps_the_longer_function_words_of_a_headline():
    # ``sebagai`` and ``kepada`` stay inside a title-case headline (lexicon.HEADLINE_FUNCTION_WORDS);
    # the capitalised word before the next sentence's verb still goes back to the body
    flat = flatten([
        "Sidang ditunda. Baca juga: Rudi Hartono Diangkat sebagai Ketua Koperasi Desa Maju "
        "Sidang dilanjutkan pekan depan.",
        "Bantuan tiba. Baca juga: Pemkab Salurkan Beras kepada Warga Terdampak Banjir "
        "Petugas mendata penerima.",
    ])
    assert [r.title for r in flat.read_also] == [
        "Rudi Hartono Diangkat sebagai Ketua Koperasi Desa Maju",
        "Pemkab Salurkan Beras kepada Warga Terdampak Banjir",
    ]
    assert flat.paragraphs == ["Sidang ditunda. Sidang dilanjutkan pekan depan.",
                               "Bantuan tiba. Petugas mendata penerima."]
