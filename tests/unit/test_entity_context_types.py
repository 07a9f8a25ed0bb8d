"""Entity types and spans fixed by context and the shipped lists (issue 11 point 2, h11e4).

Every sentence here is written for the test. Each pattern is checked where it acts
(:func:`clean_span`, :func:`tag_conjoined_names`, the number trim) and once through
:func:`extract_entities`, so a change of the tagger that hides a rule shows up too.
"""

from __future__ import annotations

import pytest

from warta.enrich.entities import _aliases, _trim_numbers, extract_entities
from warta.enrich.entity_spans import clean_span, tag_conjoined_names


def _clean(sentence: str, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    return clean_span(sentence.split(), start, end, label, _aliases())


def _names(text: str) -> list[tuple[str, str]]:
    return [(e.name, e.label) for e in extract_entities([text])]


def test_a_person_opening_with_an_organisation_head_is_an_organisation() -> None:
    assert _clean("menggandeng Ma'had Al Furqan Bina Insani", 1, 5, "PER") == [(1, 5, "ORG")]
    assert _clean("dari Polda Bengkulu Selatan", 1, 3, "PER") == [(1, 3, "ORG")]
    # a head that also opens people's names (kind ``given``) keeps the tagger's type
    assert _clean("bersama Tim Cook di Cupertino", 1, 3, "PER") == [(1, 3, "PER")]
    # a place keeps its type: where something happens
    assert _clean("di Kantor Kemenpora", 1, 3, "LOC") == [(1, 3, "LOC")]


def test_an_organisation_running_on_into_its_member_is_cut_after_the_known_body() -> None:
    # the body ends at a known organisation (``DPR``), two personal words follow, an
    # initial among them
    assert _clean("anggota Komisi IX DPR R Hidayat Sutomo", 1, 7, "PER") == [
        (1, 4, "ORG"), (4, 7, "PER")]
    assert _clean("Wakil Ketua Komisi IX DPR Sutomo Hidayat", 2, 7, "PER") == [
        (2, 5, "ORG"), (5, 7, "PER")]
    # one word after the known body is not enough to be a person: the name stays whole
    assert _clean("dari Badan Kehormatan DPR Sutomo", 1, 5, "PER") == [(1, 5, "ORG")]
    assert _names("Anggota Komisi IX DPR M Hidayat mengatakan hal itu di Bandung.") == [
        ("Komisi IX DPR", "ORG"), ("M Hidayat", "PER"), ("Bandung", "LOC")]


def test_a_name_after_a_speech_verb_is_a_person() -> None:
    assert _clean("kata Sukamto Wiryono kepada", 1, 3, "LOC") == [(1, 3, "PER")]
    assert _clean("ujar Sukamto Wiryono kepada", 1, 3, "ORG") == [(1, 3, "PER")]
    # an acronym or a known organisation after the verb is not made a person
    assert _clean("ujar KPK kepada", 1, 2, "PER") == [(1, 2, "ORG")]
    assert _names('"Kami siap," ujar Sukamto Wiryono saat ditemui di Bandung.') == [
        ("Sukamto Wiryono", "PER"), ("Bandung", "LOC")]


def test_a_rank_inside_an_office_starts_the_person() -> None:
    assert _clean("Kapolda Metro Jaya Irjen Karyoto", 0, 5, "PER") == [(4, 5, "PER")]
    # the office's words before the rank are a mention when they are a known name
    assert _clean("Kapolres Bogor AKBP Rio Wahyu Anggoro", 0, 6, "PER") == [
        (1, 2, "LOC"), (3, 6, "PER")]
    assert _names("Kapolda Metro Jaya Irjen Karyoto mengatakan pelaku sudah ditangkap.") == [
        ("Karyoto", "PER")]


def test_a_title_the_tagger_split_goes_out_whole() -> None:
    # ``Wakil`` untagged, ``Ketua Umum Budi Santoso`` tagged: ``Wakil Ketua Umum`` is the title
    assert _clean("Wakil Ketua Umum Budi Santoso", 1, 5, "PER") == [(3, 5, "PER")]
    # a place word stays with its place (``Kepala Desa``: ``Desa Cibening`` as written elsewhere)
    assert _clean("Kepala Desa Cibening Asep Sutarna", 1, 5, "LOC") == [(1, 5, "LOC")]


def test_a_known_organisation_after_a_title_is_cut_from_the_person() -> None:
    assert _clean("Ketua DPP PDI Perjuangan Puan Maharani", 2, 6, "ORG") == [
        (2, 4, "ORG"), (4, 6, "PER")]
    assert _clean("Ketua DPP PAN Saleh Partaonan Daulay", 1, 6, "LOC") == [
        (2, 3, "ORG"), (3, 6, "PER")]
    # a known place after the organisation is no person
    assert _clean("Ketua PSSI Jawa Timur", 1, 4, "ORG") == [(1, 4, "ORG")]
    assert _names("Hal itu diungkapkan Ketua DPP PDI Perjuangan Puan Maharani di Gedung DPR.") == [
        ("PDI Perjuangan", "ORG"), ("Puan Maharani", "PER"), ("Gedung DPR", "LOC")]


def test_a_known_name_loses_a_count_written_after_it() -> None:
    assert _trim_numbers("KPU 2".split(), 0, 2) == 1
    assert _trim_numbers("Bawaslu 2".split(), 0, 2) == 1
    # names that end in a number keep it
    assert _trim_numbers("Trans 7".split(), 0, 2) == 2
    assert _trim_numbers("SMA Negeri 1".split(), 0, 3) == 3
    assert _names("Anggota unsur KPU 2 orang, Bawaslu 2 orang dan tokoh masyarakat.") == [
        ("Komisi Pemilihan Umum", "ORG"), ("Bawaslu", "ORG")]


@pytest.mark.parametrize(("sentence", "tags", "expected"), [
    ("Kementerian Pendidikan Dasar dan Menengah menerbitkan", "B-ORG I-ORG I-ORG O O O",
     "B-ORG I-ORG I-ORG I-ORG I-ORG O"),
    # a title, a head or a known name after ``dan`` opens a name of its own
    ("Kementerian Keuangan dan Menteri Perdagangan hadir", "B-ORG I-ORG O O O O",
     "B-ORG I-ORG O O O O"),
    ("Kementerian Keuangan dan Bank Indonesia sepakat", "B-ORG I-ORG O O O O",
     "B-ORG I-ORG O O O O"),
    # only a name opening with an organisation head runs on
    ("Polri dan Pemuda Pancasila", "B-ORG O O O", "B-ORG O O O"),
])
def test_an_organisation_runs_on_over_dan(sentence: str, tags: str, expected: str) -> None:
    found = tags.split()
    tag_conjoined_names(sentence.split(), found, aliases=_aliases())
    assert found == expected.split()


def test_ministry_named_with_dan_is_one_record() -> None:
    assert _names("Kementerian Pendidikan Dasar dan Menengah menerbitkan aturan baru.") == [
        ("Kementerian Pendidikan Dasar dan Menengah", "ORG")]


def test_broadcasters_and_places_from_the_lists() -> None:
    assert _names("Acara itu disiarkan langsung oleh SCTV dan Indosiar.") == [
        ("SCTV", "ORG"), ("Indosiar", "ORG")]
    assert _clean("stadion Gelora Bung Tomo", 1, 4, "PER") == [(1, 4, "LOC")]
