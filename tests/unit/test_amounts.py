"""Amounts: Indonesian number formats, scale words, currencies, percentages, counted nouns."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import seed_path
from warta.enrich.amounts import extract_amounts, parse_number
from warta.model import Amount


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("100.000", 100000),
        ("2.500.000", 2500000),
        ("1,5", 1.5),
        ("2,75", 2.75),
        ("2.5", 2.5),
        ("1,000,000", 1000000),
        ("1,500", 1.5),
        ("12", 12),
        ("3.000,50", 3000.5),
    ],
)
def test_parse_number(text: str, value: float | int) -> None:
    result = parse_number(text)
    assert result == value
    assert type(result) is type(value)


def one(text: str) -> Amount:
    found = extract_amounts([text])
    assert len(found) == 1, found
    return found[0]


def test_counted_noun_with_approximation() -> None:
    assert one("Pasukan itu mengerahkan sekitar 100.000 tentara di perbatasan.") == Amount(
        text="sekitar 100.000 tentara", value=100000, unit=None, noun="tentara",
        approximate=True, paragraph=0, start=24, end=47,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Harga cabai naik menjadi Rp 45.000 per kilogram.", ("Rp 45.000", 45000, "IDR", None, False)),
        ("Anggaran Rp 1,5 triliun disiapkan.", ("Rp 1,5 triliun", 1500000000000, "IDR", None, False)),
        ("Nilai ekspor US$2,3 juta tahun ini.", ("US$2,3 juta", 2300000, "USD", None, False)),
        ("Utang itu mencapai 2,3 juta dolar AS saat ini.", ("2,3 juta dolar AS", 2300000, "USD", None, False)),
        ("Sumbangan 5 ribu rupiah per orang.", ("5 ribu rupiah", 5000, "IDR", None, False)),
        ("Inflasi tercatat 2,5% bulan ini.", ("2,5%", 2.5, "%", None, False)),
        ("Pertumbuhan hampir 5,1 persen dari target.", ("hampir 5,1 persen", 5.1, "%", None, True)),
        ("Lebih dari 30 warga mengungsi.", ("Lebih dari 30 warga", 30, None, "warga", True)),
        ("Ia menunggu kurang lebih 3 jam di sana.", ("kurang lebih 3 jam", 3, None, "jam", True)),
        ("Populasi naik 2.5 kali lipat.", ("2.5 kali", 2.5, None, "kali", False)),
        ("Sebanyak 12 ekor sapi dijual.", ("12 ekor sapi", 12, None, "sapi", False)),
        ("Baterainya berkapasitas 4.000 mAh saja.", ("4.000", 4000, None, None, False)),
        ("Harga rumah Rp400 jutaan per unit.", ("Rp400 jutaan", 400000000, "IDR", None, True)),
        ("Donasinya bernilai KRW 180 juta.", ("KRW 180 juta", 180000000, "KRW", None, False)),
        ("Intip 5 potret terbaru artis itu.", ("5 potret", 5, None, "potret", False)),
    ],
)
def test_formats(text: str, expected: tuple[str, float | int, str | None, str | None, bool]) -> None:
    a = one(text)
    assert (a.text, a.value, a.unit, a.noun, a.approximate) == expected
    assert text[a.start : a.end] == a.text


@pytest.mark.parametrize(
    "text",
    [
        "Rapat digelar pada 2022 di Jakarta.",
        "Senin (12/2/2024) warga berkumpul.",
        "Acara dimulai pukul 14.00 WIB tepat.",
        "Kereta tiba 19.30 WITA kemarin.",
        "Pasien Covid-19 dirawat di rumah.",
        "Sidang G20 berlangsung di Bali.",
        "Hal itu diatur dalam Pasal 5 undang-undang tersebut.",
        "Pemilu digelar 14 Februari mendatang.",
        "Ia tinggal di lantai 3 gedung itu.",
        "Ponsel Mi 9 dan Mate 20 Pro dibandingkan.",
        "Siswa SDN Cilincing 07 pulang lebih awal.",
    ],
)
def test_not_amounts(text: str) -> None:
    assert extract_amounts([text]) == []


def test_paragraph_index_and_order() -> None:
    found = extract_amounts(["Tidak ada angka.", "Ada 3 rumah dan 40 persen lahan."])
    assert [(a.paragraph, a.text) for a in found] == [(1, "3 rumah"), (1, "40 persen")]


def test_seed_amounts() -> None:
    from warta.parse import parse

    article = parse(Path(seed_path()))
    found = extract_amounts(article.paragraphs)
    assert [(a.value, a.noun, a.approximate, a.text) for a in found] == [
        (100000, "tentara", True, "sekitar 100.000 tentara"),
        (2, "perjanjian", False, "dua perjanjian"),
        (1000, "tentara", True, "sekitar 1.000 tentara"),
    ]


def amounts(text: str) -> list[tuple[str, float | int, str | None, str | None, bool]]:
    found = extract_amounts([text])
    for a in found:
        assert text[a.start : a.end] == a.text
    return [(a.text, a.value, a.unit, a.noun, a.approximate) for a in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # word numbers, with a counted noun or a scale (issue 11, pattern 9)
        ("Polisi memeriksa tiga saksi.", [("tiga saksi", 3, None, "saksi", False)]),
        ("Sebanyak tiga puluh lima orang dan dua ratus ribu warga.",
         [("tiga puluh lima orang", 35, None, "orang", False), ("dua ratus ribu warga", 200000, None, "warga", False)]),
        ("Ada dua belas rumah rusak.", [("dua belas rumah", 12, None, "rumah", False)]),
        ("Salah satu warga dan satu sama lain.", []),
        ("Ia datang dua tiga kali.", []),
        # signed percentages and -nya
        ("Suku bunga turun -0,25% kemarin.", [("-0,25%", -0.25, "%", None, False)]),
        ("Pertumbuhannya minus 0,25 persen.", [("minus 0,25 persen", -0.25, "%", None, False)]),
        ("Sebanyak 70 persennya rusak.", [("70 persennya", 70, "%", None, False)]),
        # ranges: both ends scaled, with the currency and noun of either end
        ("Anggaran Rp 2 sampai Rp 5 miliar disiapkan.",
         [("Rp 2", 2000000000, "IDR", None, False), ("Rp 5 miliar", 5000000000, "IDR", None, False)]),
        ("Anggaran Rp 2–5 miliar disiapkan.",
         [("Rp 2", 2000000000, "IDR", None, False), ("5 miliar", 5000000000, "IDR", None, False)]),
        ("Pertumbuhan 20-30 persen tahun ini.", [("20", 20, "%", None, False), ("30 persen", 30, "%", None, False)]),
        ("Sebanyak 10 hingga 20 orang hadir.", [("10", 10, None, "orang", False), ("20 orang", 20, None, "orang", False)]),
        ("Stok 1 juta-1,5 juta ton.", [("1 juta", 1000000, None, "ton", False), ("1,5 juta ton", 1500000, None, "ton", False)]),
        ("Data mencatat sekitar 20 hingga 50 persen populasi.",
         [("sekitar 20", 20, "%", None, True), ("50 persen", 50, "%", None, False)]),
        # the counted noun is not 'tahun' before a year
        ("IPM naik menjadi 74,39 tahun 2023.", [("74,39", 74.39, None, None, False)]),
        ("Ia dihukum 5 tahun penjara.", [("5 tahun", 5, None, "tahun", False)]),
    ],
)
def test_words_signs_ranges_nouns(text: str, expected: list[tuple[str, float | int, str | None, str | None, bool]]) -> None:
    assert amounts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Baca di https://www.detik.com/berita/d-7654321/judul?id=123 ya.",
        "Unduh dari example.com/unduh?versi=20 sekarang.",
        "1. Pertama, kami datang.",
        "Langkahnya:\n2) Isi formulir.",
        "Rapat digelar Kamis (2592025) di Jakarta.",
        "Skor akhir 2-1 untuk tuan rumah.",
        "Laga pada 10-12 Juni nanti.",
        "Nomor 0812-3456-7890 bisa dihubungi.",
        "Sevilla berada di peringkat 3 klasemen.",
        "Pasangan nomor urut 02 menang.",
    ],
)
def test_urls_list_markers_lost_slashes_scores(text: str) -> None:
    assert extract_amounts([text]) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ia menunggu 30-an menit di sana.", [("30-an menit", 30, None, "menit", True)]),
        ("Tokoh berusia 60-an tahun itu hadir.", [("60-an tahun", 60, None, "tahun", True)]),
        # decades and a count without its noun are no amounts
        ("Musik era 90-an ketika itu.", []),
        ("Pada tahun 90-an ketika itu.", []),
        ("Tren 2010-an kembali.", []),
        ("Sebanyak 30-an.", []),
    ],
)
def test_some_tens(text: str, expected: list[tuple[str, float | int, str | None, str | None, bool]]) -> None:
    assert amounts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a number word and its noun as an idiom count nothing (amount_idioms.tsv)
        ("Sampai akhirnya di satu titik ia bersuara.", []),
        ("Di satu sisi, ia setuju.", []),
        ("Mereka saling membantu satu sama lain.", []),
        ("Ia mencetak satu gol.", [("satu gol", 1, None, "gol", False)]),
        ("Jalan itu punya dua sisi.", [("dua sisi", 2, None, "sisi", False)]),
    ],
)
def test_idioms(text: str, expected: list[tuple[str, float | int, str | None, str | None, bool]]) -> None:
    assert amounts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 'A x B' before a product unit is one amount, the product (amount_forms.tsv)
        ("Ia diberi waktu 2x24 jam untuk memilih.", [("2x24 jam", 48, None, "jam", False)]),
        ("Layanan buka 7 x 24 jam.", [("7 x 24 jam", 168, None, "jam", False)]),
        ("Kamarnya berukuran 3x4 meter.", []),  # a size, no product
        # a number word with no noun after a value word is still a value
        ("Grup H dengan nilai sempurna sembilan.", [("sembilan", 9, None, None, False)]),
        ("Kameranya berjumlah tiga.", [("tiga", 3, None, None, False)]),
        ("Dia salah satu.", []),
        # the counted noun is the word after a modifier such as 'mantan'
        ("Lebih dari 10 mantan atlet ikut.", [("Lebih dari 10 mantan atlet", 10, None, "atlet", True)]),
        ("Dua mantan pemain hadir.", [("Dua mantan pemain", 2, None, "pemain", False)]),
        ("Ada dua eks Kapolri di sana.", [("dua eks Kapolri", 2, None, "Kapolri", False)]),
        ("Ia bertemu tiga bakal calon wakil presiden.", [("tiga bakal calon", 3, None, "calon", False)]),
        # a verb after the number is no counted noun
        ("Rubah ekor sembilan dikisahkan menyamar.", [("sembilan", 9, None, None, False)]),
    ],
)
def test_h11d7_products_values_and_modifiers(
    text: str, expected: list[tuple[str, float | int, str | None, str | None, bool]]
) -> None:
    assert amounts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # h11d7, found on unannotated recent news: rounds, shirt numbers, ordinals with a space
        ("Ia lolos ke 16 besar usai menang.", []),
        ("Ia memakai nomor punggung 10 itu.", []),
        ("Gol terjadi di menit ke 10. Umpan datang dari kiri.", []),
        ("Hadiah diberikan ke 2 orang.", [("2 orang", 2, None, "orang", False)]),
        # a day before a month written with a hyphen range, a Hijri year
        ("Turnamen digelar pada 10 November-2 Desember 2023.", []),
        ("Resolusi 22 Oktober 1945 atau 1367 Hijriah dibacakan.", []),
        # a range after a reference word: both ends are references
        ("Lomba digelar tanggal 4 sampai 14, di Doha.", []),
        # a word-number range takes the second end's noun
        ("Ia tertinggal dua hingga tiga poin.", [("dua", 2, None, "poin", False), ("tiga poin", 3, None, "poin", False)]),
        # a number restated in words in brackets, then its noun
        ("Ia dipenjara selama 5 (lima) tahun.", [("5 (lima) tahun", 5, None, "tahun", False)]),
        ("Usianya 40 (empat puluh) tahun.", [("40 (empat puluh) tahun", 40, None, "tahun", False)]),
        ("Ada 5 (ibu) kota.", [("5", 5, None, None, False)]),
        ("Harganya 20 juta pound.", [("20 juta pound", 20000000, "GBP", None, False)]),
    ],
)
def test_h11d7_references_rounds_and_restated_numbers(
    text: str, expected: list[tuple[str, float | int, str | None, str | None, bool]]
) -> None:
    assert amounts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # h11d8: fractions written as words are their value, not the whole number before them
        ("Dua pertiga warga menolak.", [("Dua pertiga warga", 2 / 3, None, "warga", False)]),
        ("Tiga perempat penduduk bertani.", [("Tiga perempat penduduk", 0.75, None, "penduduk", False)]),
        ("Ia menunggu satu setengah jam.", [("satu setengah jam", 1.5, None, "jam", False)]),
        ("Seperempat saham dijual.", [("Seperempat saham", 0.25, None, "saham", False)]),
        ("Bunga naik setengah persen.", [("setengah persen", 0.5, "%", None, False)]),
        ("Dananya setengah juta rupiah.", [("setengah juta rupiah", 500000, "IDR", None, False)]),
        # a fraction's idiom, a fraction ending no number, one of a former pair
        ("Bendera dikibarkan setengah tiang.", []),
        ("Ia lolos ke dua perempat final.", []),
        ("Ia bangun setengah tiga pagi.", []),
        ("Ia separuh mantan juara ganda.", []),
        # phone numbers are never amounts
        ("Hubungi (021) 1234567 atau 0812 3456 7890.", []),
        ("Telepon (+62-21) 380 5555 atau +62 812 3456 7890.", []),
        ("Sahamnya naik +5 persen menjadi 2.500 lembar.", [("5 persen", 5, "%", None, False), ("2.500 lembar", 2500, None, "lembar", False)]),
    ],
)
def test_h11d8_fractions_and_phone_numbers(
    text: str, expected: list[tuple[str, float | int, str | None, str | None, bool]]
) -> None:
    assert amounts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # h11d9: a list opened by a reference number is references ('Tujuan 7, 8 dan 13')
        ("Program ini mendukung Tujuan 7, 8 dan 13.", []),
        ("Ia tidak ikut tim paslon 2 maupun 3.", []),
        ("Ada 5 orang, 6 rumah dan 7 mobil.",
         [("5 orang", 5, None, "orang", False), ("6 rumah", 6, None, "rumah", False),
          ("7 mobil", 7, None, "mobil", False)]),
        # a unit written with a digit is the noun of its measure; a misspelt scale is read
        ("Sampah 820.000 m3 diolah.", [("820.000 m3", 820000, None, "m3", False)]),
        ("Harganya Rp 2,5 trilun.", [("Rp 2,5 trilun", 2500000000000, "IDR", None, False)]),
        # a lower-case number word before a capitalised noun counts it
        ("Ia memenangi Scudetto, dua Coppa Italia, dan satu gelar.",
         [("dua Coppa", 2, None, "Coppa", False), ("satu gelar", 1, None, "gelar", False)]),
        ("Pada Dua Januari kami datang.", []),
        # '1/3' is a fraction where no date can be: numerator under a one-digit denominator,
        # no brackets, no weekday, date cue or reference word before it
        ("Sebanyak 2/3 responden setuju.", [("2/3 responden", 2 / 3, None, "responden", False)]),
        ("Pidananya ditambah 1/3 dari hukuman.", [("1/3", 1 / 3, None, None, False)]),
        ("Rapat digelar Jumat (1/3) lalu.", []),
        ("Berlaku sejak 1/3 lalu.", []),
        ("Serangan 9/11 dan dampaknya.", []),
        ("Ia unggulan 5/8 di turnamen.", []),
        ("Bayi ditemukan di Blok J 2/6 RT 006/009.", []),
        ("Alat terpasang di simpang empat Mall Lembuswana.", []),
    ],
)
def test_h11d9_reference_lists_measures_capital_nouns_and_digit_fractions(
    text: str, expected: list[tuple[str, float | int, str | None, str | None, bool]]
) -> None:
    assert amounts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a count of a date unit before a past ago word is part of the date (textdates reads it)
        ("Tiga bulan lalu ia ditahan.", []),
        ("Rumah itu berdiri sekitar 65 tahun yang lalu.", []),
        ("Kasus itu terjadi dua tahun silam.", []),
        # 'lagi' may be 'more': a span of time still to run stays an amount
        ("Masih ada waktu tiga bulan lagi.", [("tiga bulan", 3, None, "bulan", False)]),
        # a classifier passes the noun on; alone it is the noun
        ("Polisi menyita sembilan buah tas mewah.", [("sembilan buah tas", 9, None, "tas", False)]),
        ("Petani menjual 12 ekor kambing.", [("12 ekor kambing", 12, None, "kambing", False)]),
        ("Ia membeli tiga buah.", [("tiga buah", 3, None, "buah", False)]),
        # a noun without its enclitic pronoun; a colloquial particle is no noun
        ("Ia memerintahkan enam ajudannya menembak.", [("enam ajudannya", 6, None, "ajudan", False)]),
        ("Dia cuma makan dua biji gitu.", [("dua biji", 2, None, "biji", False)]),
        # 'satu' before a known place is one whole; an idiom counts nothing
        ("Kita harus menjaga satu Papua yang damai.", []),
        ("Semua hidup rukun dalam satu bingkai NKRI.", []),
    ],
)
def test_h14ent_dates_in_counts_classifiers_clitics_and_wholes(
    text: str, expected: list[tuple[str, float | int, str | None, str | None, bool]]
) -> None:
    assert amounts(text) == expected
