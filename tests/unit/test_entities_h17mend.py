"""Inputs on which h17gold's entity rules went wrong where the earlier code was right, each
with its full expected list (h17mend): a site's address needs its name, ``.`` and ending to
touch; a given name that is a common word opens no name at a sentence start or before a
kinship apposition; an untagged country is no common word and has no hyphen; a one-word
person after ``dan`` must be known as a person's; a short stem with ``-lah`` is a name; a
title word after ``dan`` stops an organisation's name; a degree level keeps the organisation
after it; a clipped first name followed by an apposition is someone else."""

from __future__ import annotations

from warta.enrich.entities import extract_entities


def _found(text: str) -> list[tuple[str, str, int]]:
    return [(e.name, e.label, len(e.mentions)) for e in extract_entities([text])]


def test_a_site_address_needs_touching_tokens() -> None:
    assert _found("Hal itu dikatakan shooting guard Net TV, Kamaluddin Azhar. Net TV akan "
                  "bertanding besok.") == [("Net TV", "ORG", 2), ("Kamaluddin Azhar", "LOC", 1)]
    assert _found("Ia bertemu Anies. Co-founder perusahaan itu hadir.") == [
        ("Anies Baswedan", "PER", 1)]
    assert _found("Ia wartawan Kompas. Id pengguna itu dicuri.") == [("Kompas", "ORG", 1)]


def test_a_common_given_name_at_a_sentence_start_or_before_kin_opens_no_name() -> None:
    assert _found("Lalu Budi menjawab pertanyaan wartawan.") == [("Budi", "PER", 1)]
    assert _found("Indah Budi menyebut harga naik.") == [("Budi", "PER", 1)]
    assert _found("Ia datang bersama Putri Anang, Aurel, ke acara itu.") == [
        ("Anang", "PER", 1), ("Aurel", "PER", 1)]
    # after a sentence-opening common noun it opens the one-word person's name
    assert _found("Penyanyi Putri Ariani merilis lagu baru.") == [("Putri Ariani", "PER", 1)]


def test_an_untagged_country_is_no_common_word_nor_hyphenated() -> None:
    assert _found("Jersey itu dijual seharga Rp 500.000.") == []
    assert _found("Ia bicara soal politik ke-Indonesia-an di kampus.") == []


def test_a_word_after_a_person_and_dan_must_be_known_as_a_persons() -> None:
    assert _found("Ia menghubungi Budi Santoso dan Telkomsel, namun tidak ada jawaban.") == [
        ("Budi Santoso", "PER", 1)]


def test_a_short_stem_with_lah_is_a_name() -> None:
    assert _found("Kamilah meraih juara pertama lomba itu.") == [("Kamilah", "PER", 1)]


def test_a_title_word_after_dan_stops_an_organisation() -> None:
    assert _found("Kementerian Pertahanan dan Polisi Militer menggelar latihan.") == [
        ("Kementerian Pertahanan", "ORG", 1)]


def test_a_degree_level_keeps_the_organisation_after_it() -> None:
    assert _found("Ia lulusan Universitas Gadjah Mada S2 Universitas Indonesia.") == [
        ("Universitas Gadjah Mada", "ORG", 1), ("Universitas Indonesia", "ORG", 1)]


def test_a_clipped_name_with_an_apposition_is_someone_else() -> None:
    assert _found("Ferdinand Marcos berpidato. Ferdi, sopirnya, menunggu di luar.") == [
        ("Ferdinand Marcos", "PER", 1), ("Ferdi", "PER", 1)]
