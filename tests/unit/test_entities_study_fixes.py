"""The general fixes found by studying the first held-out entity set (issue 11 point 2, h11e5):
sentences written for these tests, exact values."""

from __future__ import annotations

from warta.enrich.entities import _trailing_headlines, extract_entities
from warta.enrich.entity_spans import clean_span


def _records(paragraphs: list[str]) -> list[tuple[str, str, list[str]]]:
    return [(e.name, e.label, list(e.aliases)) for e in extract_entities(paragraphs)]


def test_organisation_span_ends_before_a_lower_case_word() -> None:
    words = "DPR RI dapil Jakarta 3".split()
    assert clean_span(words, 0, len(words), "ORG") == [(0, 2, "ORG")]
    # connectors of a name stay in it
    words = "Convention on the Elimination of All Forms".split()
    assert clean_span(words, 0, len(words), "ORG") == [(0, 7, "ORG")]


def test_body_cut_before_lower_case_place_word_joins_its_full_form() -> None:
    assert _records([
        "Video itu berisi arahan Kepala Bidang SMP Dinas Pendidikan kota Surabaya kepada para guru.",
        "Menurut Retno, Dinas Pendidikan Kota Surabaya harus memeriksa kejadian itu.",
    ]) == [("Dinas Pendidikan Kota Surabaya", "ORG", ["Dinas Pendidikan"]),
           ("Surabaya", "LOC", []), ("Retno", "PER", [])]


def test_short_name_opening_an_organisation_is_that_organisation() -> None:
    assert _records([
        "Grup itu resmi keluar dari Cube Entertainment pada Senin.",
        "Lewat sebuah pernyataan resmi, Cube menjelaskan alasan kontrak tidak diperpanjang.",
    ]) == [("Cube Entertainment", "ORG", ["Cube"])]


def test_bracketed_acronym_cuts_the_unit_in_front_of_its_body() -> None:
    assert _records([
        "Ketua Dewan Pakar Federasi Serikat Guru Indonesia (FSGI) Retno Listyarti mengatakan "
        "guru harus netral.",
        "FSGI meminta pemerintah bertindak.",
    ]) == [("Federasi Serikat Guru Indonesia", "ORG", ["FSGI"]), ("Retno Listyarti", "PER", [])]
    # an event of the body: the acronym names the organisation
    assert _records(["Presiden membuka Rakernas Lembaga Dakwah Islam Indonesia (LDII) di Jakarta."]) == [
        ("Lembaga Dakwah Islam Indonesia", "ORG", ["LDII"]), ("Jakarta", "LOC", [])]


def test_trailing_related_headlines_are_not_read() -> None:
    body = ["Raffi Ahmad menyelesaikan lomba lari di New York.",
            "Ia mengucapkan terima kasih kepada keluarganya."]
    headlines = ["Cerita Raffi Ahmad Rayakan Hari Jadi Ke-9 Pernikahannya",
                 "Aksi Member NCT Dream Antre Salim ke Ayah Fadil Jaidi"]
    assert _trailing_headlines(body + headlines) == 2
    assert _trailing_headlines(body) == 0
    # a closing sentence of the text is no headline
    assert _trailing_headlines([*body, "Lapor Pak! tayang setiap Senin sampai Jumat pukul 20.00 WIB."]) == 0
    # nor is a short text's only paragraph
    assert _trailing_headlines(headlines[:1]) == 0
    assert _records(body + headlines[:1]) == [("Raffi Ahmad", "PER", []), ("New York", "LOC", [])]


def test_national_tv_channel_and_film_studio_are_organisations() -> None:
    assert _records([
        "Program komedi itu tayang di Trans 7 setiap malam.",
        "Film baru itu dinantikan para penggemar Marvel di Indonesia.",
    ]) == [("Trans 7", "ORG", []), ("Marvel", "ORG", []), ("Indonesia", "LOC", [])]
