"""The general causes behind set E's errors (h11e10, issue 11 point 2), each on sentences
written for these tests: a regional government or agency named with its region (kinds
``regional``/``agency``/``compass`` of ``name_titles.tsv``, ``entity_regional.py``); a Korean
given name's hyphenated syllable; given names the tagger left in front of a person; a "place"
opened by a person's one-word name; ``PT`` + a short form; caption words; venues; a lone
"person" in a list of organisations."""

from __future__ import annotations

import pytest

from warta.enrich.entities import (
    _extend_people_left,
    _without_inner_brackets,
    extract_entities,
    group_mentions,
)
from warta.model import Mention


def _found(text: str) -> list[tuple[str, str]]:
    return [(e.name, e.label) for e in extract_entities([text])]


@pytest.mark.parametrize(("text", "expected"), [
    # the bracketed short form between head and region; the short form alone later joins it
    ("Pemerintah Kabupaten (Pemkab) Sleman membuka posko banjir. Pemkab juga menyiapkan dapur "
     "umum.", [("Pemerintah Kabupaten Sleman", "ORG")]),
    ("Anggaran itu disetujui Pemkot Surabaya pekan lalu.", [("Pemkot Surabaya", "ORG")]),
    # a short head and its long form are one record
    ("Pemerintah Kota Depok menolak usulan itu. Dua hari kemudian Pemkot Depok berubah sikap.",
     [("Pemerintah Kota Depok", "ORG")]),
    # an agency's field words, then its region
    ("Warga melapor ke Dinas Sosial (Dinsos) Kota Padang soal bantuan yang terlambat.",
     [("Dinas Sosial Kota Padang", "ORG")]),
    # the known place ends the region: the official after it stays a person
    ("Kepala Dinas Pertanian Jawa Timur Hadi Sulistyo meninjau sawah.",
     [("Dinas Pertanian Jawa Timur", "ORG"), ("Hadi Sulistyo", "PER")]),
    # a capitalised headline's verb ends the region; a compass word continues it
    ("Pemprov Sulawesi Selatan Gelar Rapat Darurat", [("Pemprov Sulawesi Selatan", "ORG")]),
    ("Bupati menyebut Pemkab Bogor Barat siap. Ia dinas di Kota Bogor sejak 2019.",
     [("Pemkab Bogor Barat", "ORG"), ("Kota Bogor", "LOC")]),
])
def test_regional_bodies(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


def test_inner_bracket_left_out_of_the_name() -> None:
    assert _without_inner_brackets("Dinas Sosial (Dinsos) Kota Padang") == "Dinas Sosial Kota Padang"
    assert _without_inner_brackets("PT Hutama Karya (Persero)") == "PT Hutama Karya (Persero)"


def test_korean_given_name_syllable() -> None:
    assert _found("Delegasi dipimpin Menteri Luar Negeri Park Jin-woo dan wakilnya Choi Min-seo.") == [
        ("Park Jin-woo", "PER"), ("Choi Min-seo", "PER")]


@pytest.mark.parametrize(("words", "spans", "expected"), [
    # after a partner's slash: the untagged given names join the surname the tagger found
    ("Dimas Arya / Zefanya Kirana Ayuningtyas menang".split(), [(0, 2, "PER"), (5, 6, "PER")],
     [(0, 2, "PER"), (3, 6, "PER")]),
    # at a paragraph's opening
    ("Nayaka Abdullah Putra lolos".split(), [(1, 3, "PER")], [(0, 3, "PER")]),
    # the first word must be one news writes capitalised: not `Kemenangan`, not `Menurut`
    ("Kemenangan Li Junhui".split(), [(1, 3, "PER")], [(1, 3, "PER")]),
    ("Menurut Andika".split(), [(1, 2, "PER")], [(1, 2, "PER")]),
    # not after a capitalised word that is no opener (a title the lexicon lacks stays out)
    ("kata Komandan Andre Taulany".split(), [(2, 4, "PER")], [(2, 4, "PER")]),
])
def test_given_names_left_of_a_person(words: list[str], spans: list[tuple[int, int, str]],
                                      expected: list[tuple[int, int, str]]) -> None:
    _extend_people_left(words, spans)
    assert spans == expected


def test_person_opening_a_place_is_that_person() -> None:
    mentions = [(Mention("Rahmat Syahputra", 0, 30, 46), "LOC"),
                (Mention("Rahmat", 1, 20, 26), "PER"), (Mention("Rahmat", 2, 0, 6), "PER")]
    assert [(e.name, e.label) for e in group_mentions(mentions)] == [("Rahmat Syahputra", "PER")]


def test_legal_form_before_a_short_form() -> None:
    assert _found("Operator kereta itu adalah PT Kereta Commuter Indonesia (KCI). Pengguna "
                  "mengeluh kepada PT KCI.") == [("Kereta Commuter Indonesia", "ORG")]


def test_caption_word_cuts_a_span_and_venue_is_a_place() -> None:
    assert _found("Foto KCI Ilustrasi Stasiun Manggarai.") == [("Stasiun Manggarai", "LOC")]
    assert _found("Turnamen digelar di GOR Among Rogo.") == [("GOR Among Rogo", "LOC")]


def test_lone_person_in_a_list_of_clubs() -> None:
    assert _found("Ia sempat memperkuat Arsenal, Real Madrid, dan Fenerbahce sebelum pensiun.") == [
        ("Arsenal", "ORG"), ("Real Madrid", "ORG"), ("Fenerbahce", "ORG")]
    # a list of people keeps them people
    assert _found("Ia bertemu Prabowo, Gibran, dan Anies.") == [
        ("Prabowo Subianto", "PER"), ("Gibran Rakabuming Raka", "PER"), ("Anies Baswedan", "PER")]
