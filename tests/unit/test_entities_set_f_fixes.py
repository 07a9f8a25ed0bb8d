"""The general causes behind set F's errors (h14ent, issue 11 point 2), each on sentences
written for these tests: a list joined by ``serta``; the enclitics as data; a word run on past a
sentence end; a surname news writes as a common noun; a name with and without its middle name;
company tail words and the untagged words before them; organisation cues that add a name;
capitalised foreign articles inside names; airlines; a national branch; English role words."""

from __future__ import annotations

import pytest

from warta.enrich.entities import (
    _CLITICS,
    _extend_people_right,
    _middle_left_out,
    extract_entities,
)
from warta.lang.data import clitics


def _found(text: str) -> list[tuple[str, str]]:
    return [(e.name, e.label) for e in extract_entities([text])]


@pytest.mark.parametrize(("text", "expected"), [
    # the list's join may be ``serta``: the lone "person" takes its siblings' type
    ("Ia pernah membela Chelsea, Arsenal serta Fenerbahce.",
     [("Chelsea", "ORG"), ("Arsenal", "ORG"), ("Fenerbahce", "ORG")]),
    # one common word the tagger ran on past a question mark opens the next sentence
    ("Pernah diasuh Agus Salim? Tonton videonya berikut.", [("Agus Salim", "PER")]),
    # the same first and last names with the middle name left out: one person
    ("Lionel Messi mencetak gol. Kemudian Lionel Andrés Messi berselebrasi.",
     [("Lionel Andrés Messi", "PER")]),
    # the police's long form without ``Negara`` is an alias of it (aliases.tsv)
    ("Sejumlah pejabat Kepolisian Republik Indonesia (Polri) hadir. Polri menyatakan siap.",
     [("Kepolisian Negara Republik Indonesia", "ORG")]),
    # company tails: a "place" ending in one, the untagged word before it taken in
    ("Edisi Inggrisnya dirilis Kodansha USA Publishing secara digital.",
     [("Kodansha USA Publishing", "ORG")]),
    # a magazine: the tail and the cue
    ("Cerita itu dimuat majalah Bessatsu Shonen Magazine setiap bulan.",
     [("Bessatsu Shonen Magazine", "ORG")]),
    # an organisation cue adds the name the tagger left out
    ("Buku itu diterbitkan penerbit Kodansha pada 2009.", [("Kodansha", "ORG")]),
    # an airline: after its cue, and alone, though ``Air`` is mostly "water"
    ("Ia menggunakan pesawat milik maskapai Dimonim Air menuju Timika.",
     [("Dimonim Air", "ORG"), ("Timika", "LOC")]),
    ("Sebuah pesawat komersial Jeju Air kecelakaan di Muan.", [("Jeju Air", "ORG"), ("Muan", "LOC")]),
    # a capitalised article runs the club's name on over the "place" after it
    ("Barcelona menjamu Unión Deportiva Las Palmas di Camp Nou.",
     [("Barcelona", "ORG"), ("Unión Deportiva Las Palmas", "ORG"), ("Camp Nou", "LOC")]),
    # a national branch is not the short name's long form; a country ending it is its style
    ("Buku itu diterbitkan penerbit Kodansha. Kodansha USA Publishing menerbitkan edisi Inggris.",
     [("Kodansha", "ORG"), ("Kodansha USA Publishing", "ORG"), ("Inggris", "LOC")]),
    ("Ketua Komisi III DPR Aziz hadir. Komisi III DPR RI menyetujui.",
     [("Komisi III DPR RI", "ORG"), ("Aziz", "PER")]),
    # English role words are no part of the company (name_titles.tsv roles)
    ("Rapat dihadiri Chairman Alibaba pekan lalu.", [("Alibaba", "ORG")]),
])
def test_set_f_causes(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


def test_a_surname_written_like_a_common_noun_joins_the_given_name() -> None:
    words = ["Sekjen", "PKS", "Zainudin", "Paru", "mendesak", "Ketua", "MK", "mundur", "."]
    spans = [(1, 2, "ORG"), (2, 3, "PER"), (6, 7, "ORG")]
    _extend_people_right(words, spans)
    assert spans == [(1, 2, "ORG"), (2, 4, "PER"), (6, 7, "ORG")]
    # not in a headline's run of capitals, nor over a word news writes capitalised anyway
    headline = ["Zainudin", "Paru", "Minta", "Mundur"]
    spans = [(0, 1, "PER")]
    _extend_people_right(headline, spans)
    assert spans == [(0, 1, "PER")]
    spans = [(0, 1, "PER")]
    _extend_people_right(["Zainudin", "Jakarta", "menolak"], spans)
    assert spans == [(0, 1, "PER")]


def test_middle_names_left_out() -> None:
    assert _middle_left_out(("lionel", "messi"), ("lionel", "andres", "messi"))
    assert _middle_left_out(("a", "c", "e"), ("a", "b", "c", "d", "e"))
    assert not _middle_left_out(("lionel", "ronaldo"), ("lionel", "andres", "messi"))
    assert not _middle_left_out(("a", "d", "c", "e"), ("a", "c", "d", "e"))


def test_clitics_are_data() -> None:
    table = clitics()
    assert table == {"particle": ("lah", "kah", "pun"), "pronoun": ("nya", "ku", "mu"),
                     "proclitic": ("kau", "ku"), "archaic": ("tah",)}
    assert _CLITICS == frozenset({"lah", "kah", "pun", "nya", "ku", "mu", "tah"})
