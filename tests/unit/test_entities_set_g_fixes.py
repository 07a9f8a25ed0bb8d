"""The general causes behind entity set G's errors that h16gold fixed (issue 11 point 2), on
sentences written for these tests: a person the article names twice, joined by ``alias`` or
``sapaan akrabnya``, is one record named by the fuller name, the other its alias; a party's
faction and the body it sits in (``Fraksi PKB DPR``) are two organisations; an organiser named
after ``diselenggarakan oleh`` is an organisation."""

from __future__ import annotations

from warta.enrich.entities import extract_entities


def _found(text: str) -> list[tuple[str, str, list[str], int]]:
    return [(e.name, e.label, e.aliases, len(e.mentions)) for e in extract_entities([text])]


def test_a_name_and_its_alias_are_one_person() -> None:
    assert _found("Kini Regina menjadi kekasih Niko Al Hakim alias Okin, mantan suami Rachel Vennya. "
                  "Okin tampak akrab dengan anak-anak.") == [
        ("Regina", "PER", [], 1), ("Niko Al Hakim", "PER", ["Okin"], 3), ("Rachel Vennya", "PER", [], 1)]


def test_the_fuller_name_names_the_record_whichever_comes_first() -> None:
    assert _found("Castro, sapaan akrab Herdiansyah Hamzah, menilai putusan itu keliru.") == [
        ("Herdiansyah Hamzah", "PER", ["Castro"], 2)]


def test_two_people_in_a_list_stay_two() -> None:
    assert [n for n, *_ in _found("Niko Al Hakim dan Rachel Vennya hadir di acara itu.")] == [
        "Niko Al Hakim", "Rachel Vennya"]


def test_a_faction_names_its_party_and_the_body_it_sits_in_apart() -> None:
    # after the sub-unit word (`Fraksi`, in the span or left before it) a seat word opens a
    # mention of its own (name_titles.tsv `seat`)
    assert [n for n, *_ in _found("Anggota Fraksi PKB DPR Daniel Johan hadir.")] == [
        "PKB", "Dewan Perwakilan Rakyat", "Daniel Johan"]
    assert [n for n, *_ in _found("Ketua Fraksi Golkar DPRD DKI Jakarta Basri Baco hadir.")] == [
        "Partai Golkar", "DPRD DKI Jakarta", "Basri Baco"]
    assert [n for n, *_ in _found("Ketua Fraksi Partai Demokrat DPR Edhie Baskoro hadir.")] == [
        "Partai Demokrat", "Dewan Perwakilan Rakyat", "Edhie Baskoro"]
    # with no sub-unit word the commission and its body stay one name
    assert [n for n, *_ in _found("Ia duduk di Komisi I DPR RI.")] == ["Komisi I DPR RI"]


def test_an_organiser_named_after_diselenggarakan_oleh_is_an_organisation() -> None:
    assert [(n, t) for n, t, *_ in _found("Sekolah itu diselenggarakan oleh Nasyiatul Aisyiyah di Jakarta.")] == [
        ("Nasyiatul Aisyiyah", "ORG"), ("Jakarta", "LOC")]
    # a person's given name keeps them a person
    assert [(n, t) for n, t, *_ in _found("Acara itu digelar oleh Budi Santoso di rumahnya.")] == [
        ("Budi Santoso", "PER")]
