"""The general causes behind dates/amounts set G's errors that h17gold fixed (issue 11 point
3), on sentences written for these tests: a count left with no noun (``masih menyisakan
dua.``) is an amount; without a published date, a day and month take the year their sentence
states."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from warta.enrich.amounts import extract_amounts
from warta.enrich.textdates import extract_dates


def _amounts(text: str) -> list[tuple[str, object, object]]:
    return [(text[a.start : a.end], a.value, a.noun) for a in extract_amounts([text])]


def test_a_count_left_is_an_amount_without_a_noun() -> None:
    assert _amounts("Tim itu lolos meski masih menyisakan dua.") == [("dua", 2, None)]
    assert _amounts("Kini kursi yang tersisa tiga.") == [("tiga", 3, None)]
    # a bare number word after any other verb stays no count
    assert _amounts("Tim itu lolos meski masih memainkan dua.") == []


def _dates(text: str, published: datetime | None = None) -> list[tuple[str, str | None]]:
    return [(d.text, d.value) for d in extract_dates([text], published)]


def test_a_day_takes_the_year_its_sentence_states_without_a_published_date() -> None:
    assert _dates("Pada tahun 2023 ini tema Hari Pahlawan 10 November adalah persatuan.") == [
        ("2023", "2023"), ("10 November", "2023-11-10")]
    # another sentence's year says nothing of it
    assert _dates("Pada tahun 2023 ini temanya persatuan. Hari Pahlawan 10 November diperingati.") == [
        ("2023", "2023"), ("10 November", None)]
    # with a published date the nearest year still decides
    wib = timezone(timedelta(hours=7))
    assert _dates("Pada tahun 2020 ada lomba 10 November.", datetime(2023, 11, 7, tzinfo=wib)) == [
        ("2020", "2020"), ("10 November", "2023-11-10")]


def test_only_a_year_stated_as_the_current_one_gives_a_day_its_year() -> None:
    # another date's year, a year that bounds or compares: the day keeps no year (h17mend)
    assert _dates("Proyek yang dimulai pada 17 Agustus 2020 itu selesai pada 10 Januari.") == [
        ("17 Agustus 2020", "2020-08-17"), ("10 Januari", None)]
    assert _dates("Harga beras terus naik sejak 2019 hingga 5 Maret.") == [
        ("2019", "2019"), ("5 Maret", None)]
    assert _dates("Dibandingkan tahun 2022, inflasi pada 10 November lebih tinggi.") == [
        ("2022", "2022"), ("10 November", None)]
    assert _dates("Ia bekerja sejak 2010 (kontrak diperbarui 3 Maret) di sana.") == [
        ("2010", "2010"), ("3 Maret", None)]
    assert _dates("Tahun 2023 ini, peringatan 10 November digelar di Surabaya.") == [
        ("2023", "2023"), ("10 November", "2023-11-10")]
