"""The general fixes made after reading set D's errors (h11e8, issue 11 point 2): clubs and
media told by the words inside and around their names (``entity_clubs.py``, the ``source_prev``,
``club_prev``, ``versus`` and ``not_cue`` rows of ``entity_context.tsv``, the club ``tail`` words
of ``name_titles.tsv``). Sentences written for these tests."""

from __future__ import annotations

import pytest

from warta.enrich.entities import extract_entities


def _found(text: str) -> list[tuple[str, str]]:
    return [(e.name, e.label) for e in extract_entities([text])]


@pytest.mark.parametrize(("text", "expected"), [
    # both sides of a fixture are clubs, a city's name too
    ("Laga Copenhagen Vs Manchester United berakhir imbang.",
     [("Copenhagen", "ORG"), ("Manchester United", "ORG")]),
    ("Milan vs PSG digelar di San Siro.", [("Milan", "ORG"), ("PSG", "ORG"), ("San Siro", "LOC")]),
    # a country is its national side: a place
    ("Indonesia vs Ekuador digelar di Surabaya.",
     [("Indonesia", "LOC"), ("Ekuador", "LOC"), ("Surabaya", "LOC")]),
    # a name after `markas` is the club whose home it is
    ("Tim tamu menang 1-0 di markas Fulham.", [("Fulham", "ORG")]),
    # a medium after a source cue, an English `The` name after `menurut`
    ('"Kami siap," kata Marquez dikutip Crash.', [("Marquez", "PER"), ("Crash", "ORG")]),
    ("Namun menurut The Mirror, pemilik klub tidak berencana menggantikannya.",
     [("The Mirror", "ORG")]),
    # a weekday after a source cue is no medium
    ("Hal itu disampaikan Teddy dikutip Kamis (1/8/2024).", [("Teddy", "PER")]),
    # a company's legal form after its name is no entity of its own
    ("PT Pegadaian (Persero) Tbk menyatakan komitmen.", [("PT Pegadaian", "ORG")]),
    # `terus terang`, `mendengar kata`: no speech verb before the name
    ('"Terus terang Smartfren harus memberikan sesuatu yang lebih untuk konsumen.', []),
    ("Ketika mendengar kata Diamonds sebagai judul lagu mungkin yang terbersit.", []),
])
def test_clubs_media_and_legal_forms(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


def test_a_club_word_ends_an_organisation_and_joins_its_short_form() -> None:
    found = _found("Marquez membela Gresini Racing. Kesulitan dialami Manchester United. "
                   "Man United kalah lagi.")
    assert ("Gresini Racing", "ORG") in found
    assert [n for n, label in found if "United" in n] == ["Manchester United"]


@pytest.mark.parametrize(("text", "expected"), [
    # the partner the tagger left out of a doubles pair is a person
    ("Mereka menghadapi wakil tuan rumah, Jin Yong/Ki Dong Ju, di Gwangju.",
     [("Jin Yong", "PER"), ("Ki Dong Ju", "PER"), ("Gwangju", "LOC")]),
    # not an acronym beside a body (``Polri/TNI``)
    ("Operasi gabungan Polri/TNI digelar.",
     [("Kepolisian Negara Republik Indonesia", "ORG"), ("Tentara Nasional Indonesia", "ORG")]),
    # an untagged name ending in a club word is a club
    ("Mereka akan menghadapi Young Boys pada pekan depan.", [("Young Boys", "ORG")]),
    # a city hosted or hosting is its club
    ("Juventus menjamu Milan di Turin.", [("Milan", "ORG"), ("Turin", "LOC")]),
    # a company's name clipped by one letter (a typo) is the same company
    ("PT Pegadaian menyatakan komitmen. Direktur PT Pegadaia mengatakan hal itu.",
     [("PT Pegadaian", "ORG")]),
    # two bodies whose names differ by more stay two
    ("PT Bank Jatim dan PT Bank Jateng menandatangani kerja sama.",
     [("PT Bank Jatim", "ORG"), ("PT Bank Jateng", "ORG")]),
])
def test_partners_club_words_hosts_and_clipped_names(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected
