"""Dates and times in the text, resolved against the published time."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import seed_path
from warta.enrich.textdates import extract_dates
from warta.model import DateMention

# A Saturday, like the seed article.
PUBLISHED = datetime.fromisoformat("2022-01-22T11:39:00+07:00")


def dates(text: str, published: datetime | None = PUBLISHED) -> list[tuple[str, str | None]]:
    found = extract_dates([text], published)
    for d in found:
        assert text[d.start : d.end] == d.text
    return [(d.text, d.value) for d in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Menteri tiba pada Jumat malam.", [("Jumat", "2022-01-21")]),
        ("Pada Kamis, warga berkumpul.", [("Kamis", "2022-01-20")]),
        ("Rapat digelar Sabtu pagi.", [("Sabtu", "2022-01-22")]),
        ("Sidang lanjut Senin depan.", [("Senin depan", "2022-01-24")]),
        ("Ia pulang Sabtu lalu.", [("Sabtu lalu", "2022-01-15")]),
        ("Warga diperiksa Senin (12/2/2024).", [("Senin (12/2/2024)", "2024-02-12")]),
        ("Polisi datang Rabu (19/1) siang.", [("Rabu (19/1)", "2022-01-19")]),
        ("Usulan itu diajukan pada Desember.", [("Desember", "2021-12")]),
        ("Targetnya selesai Maret mendatang.", [("Maret mendatang", "2022-03")]),
        ("Program dimulai Januari lalu.", [("Januari lalu", "2022-01")]),
        ("Pemilu digelar 14 Februari 2024.", [("14 Februari 2024", "2024-02-14")]),
        ("Batas waktu 25 Januari bagi peserta.", [("25 Januari", "2022-01-25")]),
        ("Gempa terjadi 28 Desember malam.", [("28 Desember", "2021-12-28")]),
        ("Data per 3 Agt 2021 dirilis.", [("3 Agt 2021", "2021-08-03")]),
        ("Proyek itu molor sejak Mei 2020.", [("Mei 2020", "2020-05")]),
        ("Mei mengatakan dia setuju.", []),
        ("Kasus pertama tercatat pada 02/03/2020.", [("02/03/2020", "2020-03-02")]),
        (
            "Sidang dibuka Senin (12/2/2024) pukul 14.00 WIB di Jakarta.",
            [("Senin (12/2/2024) pukul 14.00 WIB", "2024-02-12T14:00:00+07:00")],
        ),
        ("Kapal merapat pukul 09.30 WITA.", [("pukul 09.30 WITA", "2022-01-22T09:30:00+08:00")]),
        ("Upacara dimulai 07.15 WIT.", [("07.15 WIT", "2022-01-22T07:15:00+09:00")]),
        ("Kapal tiba pukul 18.27 Wita.", [("pukul 18.27 Wita", "2022-01-22T18:27:00+08:00")]),
        ("Rapat berakhir pukul 16.45.", [("pukul 16.45", "2022-01-22T16:45:00+07:00")]),
        ("Hujan turun kemarin dan hari ini.", [("kemarin", "2022-01-21"), ("hari ini", "2022-01-22")]),
        ("Hasilnya keluar besok.", [("besok", "2022-01-23")]),
        ("Rapat pekan lalu membahasnya.", [("pekan lalu", "2022-W02")]),
        ("Harga naik minggu ini.", [("minggu ini", "2022-W03")]),
        ("Tarif berubah bulan depan.", [("bulan depan", "2022-02")]),
        ("Laba tahun lalu turun.", [("tahun lalu", "2021")]),
        ("Ia tiba tiga hari lalu.", [("tiga hari lalu", "2022-01-19")]),
        ("Aturan itu berlaku sejak 2019.", [("2019", "2019")]),
        ("Video itu diunggah kemarin (20/1) malam.", [("kemarin (20/1)", "2022-01-20")]),
        ("Gempa terjadi Sabtu dini hari (15/1/2022).", [("Sabtu dini hari (15/1/2022)", "2022-01-15")]),
        ("Aturan diumumkan September tahun lalu.", [("September tahun lalu", "2021-09")]),
        ("Serah terima pada Oktober tahun depan.", [("Oktober tahun depan", "2023-10")]),
        ("Ada 2019 warga terdata.", []),
    ],
)
def test_resolution(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert dates(text) == expected


def test_without_published_only_absolute_values() -> None:
    assert dates("Ia datang Jumat, lalu 14 Februari 2024 dan kemarin.", None) == [
        ("Jumat", None),
        ("14 Februari 2024", "2024-02-14"),
        ("kemarin", None),
    ]


def test_offsets_and_paragraphs() -> None:
    found = extract_dates(["Tanpa tanggal.", "Tiba pada Kamis."], PUBLISHED)
    assert found == [DateMention(text="Kamis", value="2022-01-20", paragraph=1, start=10, end=15)]


def test_seed_dates() -> None:
    from warta.parse import parse

    article = parse(Path(seed_path()))
    found = extract_dates(article.paragraphs, article.published)
    assert [(d.text, d.value) for d in found] == [
        ("Jumat", "2022-01-21"),
        ("Desember", "2021-12"),
        ("Kamis", "2022-01-20"),
    ]


# Published on Wednesday 11 June 2025, the morning after the events.
JUNE = datetime.fromisoformat("2025-06-11T09:00:00+07:00")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the sentence names its own day: it beats the published date (issue 11, pattern 8)
        ("Menteri hari ini, Selasa (10/6), meninjau lokasi.",
         [("hari ini", "2025-06-10"), ("Selasa (10/6)", "2025-06-10")]),
        ("Kapolres mengatakan pada Selasa (10/6) bahwa pelaku ditangkap kemarin.",
         [("Selasa (10/6)", "2025-06-10"), ("kemarin", "2025-06-09")]),
        ("Kemarin, Selasa (10/6), polisi datang.", [("Kemarin", "2025-06-10"), ("Selasa (10/6)", "2025-06-10")]),
        # an upcoming day does not move 'hari ini'; another sentence does not anchor
        ("Sidang hari ini ditunda hingga Selasa (17/6).", [("hari ini", "2025-06-11"), ("Selasa (17/6)", "2025-06-17")]),
        ("Polisi datang Selasa (10/6). Pelaku ditangkap kemarin.",
         [("Selasa (10/6)", "2025-06-10"), ("kemarin", "2025-06-10")]),
        # decades
        ("Musik era 2010-an dan tahun 90-an kembali.", [("2010-an", "201X"), ("90-an", "199X")]),
        ("Lagu populer tahun 2000an.", [("2000an", "200X")]),
        # months listed before a stated year
        ("Harga naik pada September, Oktober, November di 2020.",
         [("September", "2020-09"), ("Oktober", "2020-10"), ("November di 2020", "2020-11")]),
        ("Pada Januari dan Februari 2024 hujan.", [("Januari", "2024-01"), ("Februari 2024", "2024-02")]),
        ("Hujan pada Maret, lalu kemarau Mei 2024.", [("Maret", "2025-03"), ("Mei 2024", "2024-05")]),
        # a weekday whose date lost its slashes: read only when one split fits the weekday
        ("Rapat digelar Kamis (2592025) di Jakarta.", [("Kamis (2592025)", "2025-09-25")]),
        ("Rapat Kamis (1062025) lalu.", [("Kamis (1062025) lalu", None)]),
        # a bare weekday before the date it names is one mention with that date
        ("Laga pada Rabu, 8 November 2023 pukul 03.00 WIB dini hari.",
         [("Rabu, 8 November 2023 pukul 03.00 WIB", "2023-11-08T03:00:00+07:00")]),
        ("Sidang Senin, 10 Juni 2024 mendatang.", [("Senin, 10 Juni 2024 mendatang", "2024-06-10")]),
        # years in law names and year ranges are not dates; a sentence may open with 'Tahun'
        ("Sejak UUD NRI Tahun 1945 diubah pada 1999-2022 di MPR.", []),
        ("Tahun 2020 lalu ia datang, pada tahun 2021 pergi.", [("2020", "2020"), ("2021", "2021")]),
    ],
)
def test_anchors_decades_month_lists_lost_slashes(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert dates(text, JUNE) == expected


def test_last_week_counts_from_the_day_the_sentence_names() -> None:
    tuesday = datetime.fromisoformat("2025-06-10T09:00:00+07:00")  # ISO week 24
    assert dates("Pada Jumat (6/6), polisi mengatakan pelaku kabur pekan lalu.", tuesday) == [
        ("Jumat (6/6)", "2025-06-06"),
        ("pekan lalu", "2025-W22"),
    ]
    assert dates("Pelaku kabur pekan lalu.", tuesday) == [("pekan lalu", "2025-W23")]


# A Friday.
FRIDAY = datetime.fromisoformat("2024-06-07T12:00:00+07:00")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two bare years as a list are years; a name running into the first is no date
        ("Kalau tidak salah 2019 atau 2020 tawaran itu datang.", [("2019", "2019"), ("2020", "2020")]),
        ("Hasil Pemilu 2019 dan 2024 berbeda.", []),
        ("Ia menjabat (2009–2014 dan 2014–2019).", []),
        # a bare weekday that its clause puts ahead is the coming one; a day of saying is not
        ("Berikutnya hari Senin juga nanti kami memanggil saksi.", [("Senin", "2024-06-10")]),
        ("Sidang akan digelar pada Selasa.", [("Selasa", "2024-06-11")]),
        ("Menteri pada Selasa mengatakan akan hadir.", [("Selasa", "2024-06-04")]),
        ("Pada Selasa, ia mengatakan akan hadir.", [("Selasa", "2024-06-04")]),
        # parts of today
        ("\"Pagi ini kami rapat,\" ujarnya.", [("Pagi ini", "2024-06-07")]),
        ("Rapat malam ini pukul 19.00 WIB.", [("malam ini pukul 19.00 WIB", "2024-06-07T19:00:00+07:00")]),
        # a quote after a sentence that ends on a day was said that day
        ("Hal itu disampaikan di Jakarta, Rabu (5/6/2024). \"Kemarin kami sudah rapat,\" katanya.",
         [("Rabu (5/6/2024)", "2024-06-05"), ("Kemarin", "2024-06-04")]),
        # a quote's day back counts from the last day stated before it, the speaker's (h11d6)
        ("Rapat digelar Rabu (5/6/2024) di Jakarta. \"Kemarin kami sudah rapat,\" katanya.",
         [("Rabu (5/6/2024)", "2024-06-05"), ("Kemarin", "2024-06-04")]),
        ("Hal itu disampaikan di Jakarta, Rabu (5/6/2024). Kemarin kami sudah rapat.",
         [("Rabu (5/6/2024)", "2024-06-05"), ("Kemarin", "2024-06-06")]),
    ],
)
def test_year_lists_days_ahead_parts_of_today_quotes_said_the_day_before(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert dates(text, FRIDAY) == expected


# h11d6: the general causes read on the first held-out set (dates_amounts_gold_heldout.tsv).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a comma between a weekday and its bracketed date; 'sekira' joins a time to its day
        ("Kejadian pada, Minggu, (2/6/2024), sekitar pukul 22.00.",
         [("Minggu, (2/6/2024), sekitar pukul 22.00", "2024-06-02T22:00:00+07:00")]),
        ("Ia melapor Senin (3/6/2024), sekira pukul 12.00 WIB.",
         [("Senin (3/6/2024), sekira pukul 12.00 WIB", "2024-06-03T12:00:00+07:00")]),
        # a year alone in brackets after what it dates
        ("Film Sang Juara (1998) dan sekuelnya (2004) laris.", [("1998", "1998"), ("2004", "2004")]),
        ("Jumlahnya (120) orang.", []),
        # a bare month between capitalised words is part of a name; 'Pada Juli' opens a month
        ("Sekjen partai, Budi Juli Santoso, hadir.", []),
        # (h11d9: a bare month is the such month nearest to the published one, June 2024)
        ("Pada Juli Presiden berkunjung.", [("Juli", "2024-07")]),
        ("Ia datang Juli lalu.", [("Juli lalu", "2023-07")]),
        # a number before 'tahun ini' / 'hari ini' counts: an age or a span
        ("Penyanyi berusia 35 tahun ini gemar membaca.", []),
        ("Dalam dua hari ini hujan turun.", []),
        ("Tahun ini hujan turun.", [("Tahun ini", "2024")]),
        ("Bakti sosial ke-14 tahun ini digelar.", [("tahun ini", "2024")]),
        ("Jadwal Liga 1 pekan ini dimulai.", [("pekan ini", "2024-W23")]),
        ("Pemain 20 tahun ini bersinar.", []),
        # a bare month its clause puts ahead is this month or the next such one
        ("Pemilu akan digelar pada Februari.", [("Februari", "2025-02")]),
        ("Rapat dijadwalkan pada Juni.", [("Juni", "2024-06")]),
        ("Rapat digelar pada Februari.", [("Februari", "2024-02")]),
        # ranges: the first day takes the month and year of the last; a weekday opening a
        # range is the last such day on or before the day that ends it
        ("Pameran digelar 5-7 November 2023 di Jakarta.",
         [("5", "2023-11-05"), ("7 November 2023", "2023-11-07")]),
        ("Festival pada 5 hingga 7 Juli 2024.", [("5", "2024-07-05"), ("7 Juli 2024", "2024-07-07")]),
        ("Pameran Rabu-Kamis (8-9/11/2023).", [("Rabu", "2023-11-08"), ("Kamis (8-9/11/2023)", "2023-11-09")]),
        ("Rapat Senin hingga Jumat (14/6/2024).", [("Senin", "2024-06-10"), ("Jumat (14/6/2024)", "2024-06-14")]),
        # a day back inside a quote counts from the last day stated before it (the speaker's);
        # the writer's own 'kemarin' keeps the published day
        ("Kejadian pada Minggu (2/6/2024) malam. Ia berkata, \"Besok saya mengantar cucu.\"",
         [("Minggu (2/6/2024)", "2024-06-02"), ("Besok", "2024-06-03")]),
        ("Polisi datang Selasa (4/6/2024). Pelaku ditangkap kemarin.",
         [("Selasa (4/6/2024)", "2024-06-04"), ("kemarin", "2024-06-06")]),
        ("Kejadian pada Senin (20/5/2024). \"Kemarin kami rapat,\" katanya.",
         [("Senin (20/5/2024)", "2024-05-20"), ("Kemarin", "2024-06-06")]),
    ],
)
def test_h11d6_general_causes(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert dates(text, FRIDAY) == expected


def test_quote_day_back_counts_from_a_day_stated_in_an_earlier_paragraph() -> None:
    found = extract_dates(["Rapat digelar Rabu (5/6/2024).", "\"Kemarin kami rapat,\" katanya."], FRIDAY)
    assert [(d.paragraph, d.text, d.value) for d in found] == [
        (0, "Rabu (5/6/2024)", "2024-06-05"),
        (1, "Kemarin", "2024-06-04"),
    ]


def test_hari_ini_beside_a_weekday_is_that_day() -> None:
    # published just after midnight on a Friday: the text's 'hari ini, Kamis' is Thursday
    late = datetime.fromisoformat("2024-06-07T00:30:00+07:00")
    assert dates("Ia datang hari ini, Kamis, ke kantor.", late) == [("hari ini", "2024-06-06"), ("Kamis", "2024-06-06")]
    assert dates("Ia datang hari ini ke kantor.", late) == [("hari ini", "2024-06-07")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a year its era marks as Gregorian, of any century (h11d7, era / era_other words)
        ("Prasasti itu dibuat pada tahun 702 H/1303 M, jauh sebelumnya.", [("1303 M", "1303")]),
        ("Masjid itu berdiri sejak 1450 Masehi.", [("1450 Masehi", "1450")]),
        ("Dibangun tahun 1450 M oleh raja.", [("1450 M", "1450")]),
        ("Tahun baru 1445 Hijriah / 2023 M tiba.", [("2023 M", "2023")]),
        # a one-letter mark needs 'tahun' or another calendar's year: 'M' may be billions
        ("Anggaran naik hingga 500 M tahun depan.", [("tahun depan", "2025")]),
        ("Jaraknya 1303 m dari pantai.", []),
    ],
)
def test_h11d7_years_with_an_era(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert dates(text, FRIDAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 'kemarin' after a period word is the previous period, no day (vague_before words)
        ("Ia gabung di musim panas kemarin.", []),
        ("Ia finis kelima di kejuaraan musim kemarin.", []),
        ("Ia datang kemarin.", [("kemarin", "2024-06-06")]),
        # 'tahun/pekan kemarin' are last year and last week
        ("Acara tahun kemarin ramai.", [("tahun kemarin", "2023")]),
        ("Mereka menang akhir pekan kemarin.", [("pekan kemarin", "2024-W22")]),
    ],
)
def test_h11d7_kemarin_after_a_period_word(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert dates(text, FRIDAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # h11d8: English order in a quoted post is the day (with its comma and year only)
        ("Ia menulis pada November 7, 2023 di akunnya.", [("November 7, 2023", "2023-11-07")]),
        ("Posted Nov 7th, 2023 by the club.", [("Nov 7th, 2023", "2023-11-07")]),
        ("Pada Desember 7 orang datang.", [("Desember", "2024-12")]),
        # 'bulan' does not count among the three words an ahead cue may stand before a month
        ("Rapat akan digelar pada bulan Desember.", [("Desember", "2024-12")]),
        ("Insya Allah pada bulan Desember semuanya normal.", [("Desember", "2024-12")]),
        # h11d9: a bare month is the nearest such month (December from November: ahead), a
        # past cue among the three words before it puts it back
        ("Ia ditahan pada bulan Desember.", [("Desember", "2024-12")]),
        ("Ia sudah ditahan pada bulan Desember.", [("Desember", "2023-12")]),
    ],
)
def test_h11d8_english_order_and_ahead_months(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert dates(text, datetime.fromisoformat("2024-11-07T10:00:00+07:00")) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # h11d9: a part of a year before its year is a date with the year's value
        ("Ekonomi melambat pada kuartal III-2023.", [("kuartal III-2023", "2023")]),
        ("Tumbuh 5 persen pada kuartal kedua tahun 2024.", [("kuartal kedua tahun 2024", "2024")]),
        ("Ia datang pada musim panas 2018.", [("musim panas 2018", "2018")]),
        ("Laba semester I/2024 naik.", [("semester I/2024", "2024")]),
        ("Ia bermain di musim 2023/2024.", []),
        # a recurring day names no one date
        ("Pasar digelar setiap hari Rabu.", []),
        ("Kantor buka tiap Senin dan Kamis pagi.", []),
        ("Upacara digelar setiap 17 Agustus.", []),
        ("Pasar digelar hari Rabu.", [("Rabu", "2024-11-06")]),
        # a bare month: the nearest such month; two bare months as a range keep their order
        ("Pada Februari ia datang.", [("Februari", "2025-02")]),
        ("Pada Juni ia datang.", [("Juni", "2024-06")]),
        ("Lahan terbakar selama Januari hingga Agustus.", [("Januari", "2024-01"), ("Agustus", "2024-08")]),
        ("Kontraknya dari Desember-Maret.", [("Desember", "2024-12"), ("Maret", "2025-03")]),
    ],
)
def test_h11d9_periods_habitual_days_and_nearest_months(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert dates(text, datetime.fromisoformat("2024-11-07T10:00:00+07:00")) == expected


def test_h14ent_clock_parts_of_day_days_after_times_citations_and_undated_weekdays() -> None:
    published = datetime.fromisoformat("2024-12-13T12:00:00+07:00")
    # the part of the day moves the clock on by twelve in the hours it names; the day after it
    # (pada, hari between) is the time's day: one mention
    assert dates("Ia ditembak sekitar pukul 8.20 malam pada Rabu lalu. Polisi datang.", published) == [
        ("pukul 8.20 malam pada Rabu lalu", "2024-12-11T20:20:00+07:00")]
    assert dates("Ia datang pukul 7.30 malam pada hari Rabu untuk bicara.", published) == [
        ("pukul 7.30 malam pada hari Rabu", "2024-12-11T19:30:00+07:00")]
    assert dates("Korban tewas pukul 14.30 WIB, Senin (9/12/2024).", published) == [
        ("pukul 14.30 WIB, Senin (9/12/2024)", "2024-12-09T14:30:00+07:00")]
    assert dates("Ia pulang jam 2 malam.", published) == [("jam 2 malam", "2024-12-13T02:00:00+07:00")]
    assert dates("Laga digelar Rabu (11/12/2024) pukul 4 sore.", published) == [
        ("Rabu (11/12/2024) pukul 4 sore", "2024-12-11T16:00:00+07:00")]
    # a citation's year after its source
    assert dates("Ekonomi tumbuh 5,2% (Bank Indonesia, 2024). Lalu turun.", published) == [("2024", "2024")]
    assert dates("Skornya (3, 2024) saja.", published) == []
    # no published date: a weekday with day and month takes the first year from the latest the
    # article states in which the day is that weekday; a bare weekday after it counts back
    found = extract_dates(["Sidang pertama digelar Senin (23/10/2023). Mediasi digelar pada Kamis (2/11).",
                           "Sidang perdana pada Kamis. Mereka menikah pada 2021."], None)
    assert [(d.text, d.value) for d in found] == [
        ("Senin (23/10/2023)", "2023-10-23"), ("Kamis (2/11)", "2023-11-02"), ("Kamis", "2023-11-02"),
        ("2021", "2021")]


def test_h14mend_long_capitalised_run_before_a_year_in_brackets() -> None:
    # The citation pattern once split each capitalised word every way it could: an upper-case
    # run before ', 2024)' took seconds (4 words) to a minute (12 short ones) to hours (7 long
    # ones). Run in a child process so the old behaviour fails on the timeout instead of
    # hanging the suite.
    code = (
        "from warta.enrich.textdates import extract_dates\n"
        "t = ('Data (BPS JABAR KAB BOGOR KOTA DKI RI BI OJK KPK MA MK diolah, 2024). '\n"
        "     'Lalu (KEMENTERIAN KESEHATAN REPUBLIK diolah, 2024). '\n"
        "     'Sumber (BADAN PUSAT STATISTIK JAWA BARAT KOTA DEPOK diolah, 2024).')\n"
        "print([(d.text, d.value) for d in extract_dates([t], None)])\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env, check=True)
    assert done.stdout == "[]\n"  # a lower-case word before the comma: no citation, no date
    published = datetime.fromisoformat("2024-12-13T12:00:00+07:00")
    assert dates("Ekonomi tumbuh 5,2% (Bank Indonesia, 2024).", published) == [("2024", "2024")]
    assert dates("Hasil serupa (Smith et al., 2020).", published) == [("2020", "2020")]
    assert dates("Hasil serupa (Smith and Jones, 2021).", published) == [("2021", "2021")]
    assert dates("Penduduk miskin turun (BPS, 2023).", published) == [("2023", "2023")]
    assert dates("Penduduk miskin turun (BADAN PUSAT STATISTIK, 2023).", published) == [("2023", "2023")]
    assert dates("Data (BPS JABAR KAB BOGOR KOTA DKI RI BI OJK KPK MA MK, 2024).", published) == [("2024", "2024")]


def test_h14mend_undated_weekdays_anchor_only_on_weekdays_with_their_dates() -> None:
    # a full date in an undated text (a birth date) says nothing about the week a bare weekday means
    assert dates("Ia lahir pada 5 Maret 2001. Pada Senin ia datang ke kantor.", None) == [
        ("5 Maret 2001", "2001-03-05"), ("Senin", None)]
    # a weekday with its date (with or without the year, the latter resolved here) anchors ...
    assert dates("Ia lahir pada 5 Maret 2001. Sidang pada Kamis (2/11/2023), lalu ia datang Senin.", None) == [
        ("5 Maret 2001", "2001-03-05"), ("Kamis (2/11/2023)", "2023-11-02"), ("Senin", "2023-10-30")]
    assert dates("Sidang pada tahun 2023. Mediasi Kamis (2/11). Ia datang Senin.", None) == [
        ("2023", "2023"), ("Kamis (2/11)", "2023-11-02"), ("Senin", "2023-10-30")]
    # ... also with a time joined; a later date without a weekday does not move the anchor
    assert dates("Sidang Kamis (2/11/2023) pukul 10.00 WIB. Ia lahir 5 Maret 2001. Ia datang Senin.", None) == [
        ("Kamis (2/11/2023) pukul 10.00 WIB", "2023-11-02T10:00:00+07:00"), ("5 Maret 2001", "2001-03-05"),
        ("Senin", "2023-10-30")]
    # ... and bare weekdays after it all count back from it, not from one another
    assert dates("Rapat Kamis (2/11/2023). Ia datang Rabu, lalu Selasa.", None) == [
        ("Kamis (2/11/2023)", "2023-11-02"), ("Rabu", "2023-11-01"), ("Selasa", "2023-10-31")]
    assert dates("Rapat Kamis (2/11/2023). Ia datang Selasa, lalu Rabu.", None) == [
        ("Kamis (2/11/2023)", "2023-11-02"), ("Selasa", "2023-10-31"), ("Rabu", "2023-11-01")]


def test_h14mend_undated_weekday_with_day_and_month_only_in_the_latest_year_or_the_next() -> None:
    # 2 November is a Saturday in 2019, a Monday in 2020 and a Thursday only in 2023 (four years on)
    assert dates("Kasus itu terjadi pada tahun 2019. Mediasi pada Sabtu (2/11).", None) == [
        ("2019", "2019"), ("Sabtu (2/11)", "2019-11-02")]
    assert dates("Kasus itu terjadi pada tahun 2019. Mediasi pada Senin (2/11).", None) == [
        ("2019", "2019"), ("Senin (2/11)", "2020-11-02")]
    assert dates("Kasus itu terjadi pada tahun 2019. Mediasi pada Kamis (2/11). Lalu Senin.", None) == [
        ("2019", "2019"), ("Kamis (2/11)", None), ("Senin", None)]


def test_h14mend_part_of_day_in_the_span_and_twelve_at_night() -> None:
    published = datetime.fromisoformat("2024-12-13T12:00:00+07:00")
    assert dates("Ia tiba pukul 8.20 malam di rumah.", published) == [
        ("pukul 8.20 malam", "2024-12-13T20:20:00+07:00")]
    assert dates("Sidang dibuka Rabu (11/12/2024) pukul 10 pagi.", published) == [
        ("Rabu (11/12/2024) pukul 10", "2024-12-11T10:00:00+07:00")]  # 'pagi' is no pm word
    # 12 malam is the midnight that ends the evening: the next day's 00:00, not noon
    assert dates("Ia pulang pukul 12 malam.", published) == [("pukul 12 malam", "2024-12-14T00:00:00+07:00")]
    assert dates("Laga digelar Rabu (11/12/2024) pukul 12.30 malam.", published) == [
        ("Rabu (11/12/2024) pukul 12.30 malam", "2024-12-12T00:30:00+07:00")]
    assert dates("Ia datang pukul 12 malam pada hari Rabu.", published) == [
        ("pukul 12 malam pada hari Rabu", "2024-12-12T00:00:00+07:00")]
    assert dates("Ia makan pukul 12 siang.", published) == [("pukul 12 siang", "2024-12-13T12:00:00+07:00")]


def test_h14mend_undated_clock_keeps_its_written_zone() -> None:
    assert dates("Acara digelar pukul 20.00 WIB pada Senin (4/3/2024).", None) == [
        ("pukul 20.00 WIB pada Senin (4/3/2024)", "2024-03-04T20:00:00+07:00")]
    assert dates("Acara digelar pukul 20.00 WITA pada Senin (4/3/2024).", None) == [
        ("pukul 20.00 WITA pada Senin (4/3/2024)", "2024-03-04T20:00:00+08:00")]
    assert dates("Acara digelar pukul 20.00 WIT pada Senin (4/3/2024).", None) == [
        ("pukul 20.00 WIT pada Senin (4/3/2024)", "2024-03-04T20:00:00+09:00")]
    assert dates("Acara digelar pukul 8 malam pada Senin (4/3/2024).", None) == [
        ("pukul 8 malam pada Senin (4/3/2024)", "2024-03-04T20:00:00")]
    assert dates("Acara digelar pukul 20.00 pada Senin (4/3/2024).", None) == [
        ("pukul 20.00 pada Senin (4/3/2024)", "2024-03-04T20:00:00")]  # no zone written, none known
    assert dates("Acara digelar pukul 20.00 WIB.", None) == [("pukul 20.00 WIB", None)]  # no day


def test_h16clean_a_zone_after_the_part_of_day_and_hours_the_part_cannot_hold() -> None:
    published = datetime.fromisoformat("2024-12-13T12:00:00+07:00")
    # the zone after the part of the day is the clock's, and part of the mention
    assert dates("Gempa terjadi pukul 8 malam WIT.", published) == [
        ("pukul 8 malam WIT", "2024-12-13T20:00:00+09:00")]
    assert dates("Laga digelar Rabu (11/12/2024) pukul 5 sore WITA.", published) == [
        ("Rabu (11/12/2024) pukul 5 sore WITA", "2024-12-11T17:00:00+08:00")]
    assert dates("Ia datang pukul 7.30 malam WIT pada hari Rabu.", published) == [
        ("pukul 7.30 malam WIT pada hari Rabu", "2024-12-11T19:30:00+09:00")]
    # a zone written before the part stays the clock's; the one after is not read
    assert dates("Ia tiba pukul 20.00 WIB malam WIT.", published) == [
        ("pukul 20.00 WIB malam", "2024-12-13T20:00:00+07:00")]
    # afternoon (sore) holds no twelve: no time, and the date before it keeps its day
    assert dates("Rapat pukul 12 sore.", published) == [("pukul 12 sore", None)]
    assert dates("Laga digelar Rabu (11/12/2024) pukul 12 sore.", published) == [
        ("Rabu (11/12/2024)", "2024-12-11"), ("pukul 12 sore", None)]
    # the written hour when the part covers it, else twelve later
    assert dates("Rapat pukul 10 siang.", published) == [("pukul 10 siang", "2024-12-13T10:00:00+07:00")]
    assert dates("Rapat pukul 1 siang.", published) == [("pukul 1 siang", "2024-12-13T13:00:00+07:00")]
    assert dates("Rapat pukul 15.00 sore.", published) == [("pukul 15.00 sore", "2024-12-13T15:00:00+07:00")]


def test_h16clean_the_hours_a_part_of_the_day_covers_are_data() -> None:
    from warta.enrich.textdates import _hour_set, _lexicon

    assert _hour_set("18-24 0-5") == frozenset([*range(18, 25), *range(6)])
    assert _hour_set("7") == frozenset([7])
    assert _lexicon().day_hours == {"siang": frozenset(range(9, 17)), "sore": frozenset(range(13, 24)),
                                    "malam": frozenset([*range(18, 25), *range(6)])}
