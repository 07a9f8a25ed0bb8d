"""The doubles-partner rule of ``entity_clubs.py`` needs a doubles context (h11e9, issue 11
point 2): no partner inside a bracket after a person's name (an equestrian result ``Rider
(Stable/Horse)``), none beside a "person" holding an acronym (a post: ``Chairman IIW``); a
partner's first word news mostly writes in lower case is kept inside a sentence (``yakni Berry
Angriawan/…``, a numbered list ``1. Putri Syaikah/…``), not at a sentence's opening. And a
"person" after an organisation's cue (``org_prev``: ``tim pabrikan Ducati``) is an organisation.
Sentences written for these tests."""

from __future__ import annotations

import pytest

from warta.enrich.entities import extract_entities


def _found(text: str) -> list[tuple[str, str]]:
    return [(e.name, e.label) for e in extract_entities([text])]


@pytest.mark.parametrize(("text", "expected"), [
    # a horse after its stable, in a bracket after its rider, is no doubles partner
    # (``Santa Monica`` PER is the tagger's own reading, left)
    ("Penunggang terbaik adalah Maria Christianto (Santa Monica/Chaniek) dan Marco Wowiling "
     "(Pegasus Oxone/Blue Marine).",
     [("Maria Christianto", "PER"), ("Santa Monica", "PER"), ("Marco Wowiling", "PER")]),
    # a post written with an acronym after a slash is no player: `Society` is no partner
    # (`Chairman` is a role since h14ent: the tagger's "person" keeps the acronym only)
    ("Hal itu disampaikan Executive Director Indonesia Welding Society/ Chairman IIW 2018, "
     "Edi Diarman Djasman.",
     [("Indonesia", "LOC"), ("IIW", "PER"), ("Edi Diarman Djasman", "PER")]),
    # a partner's first word that is mostly a common word, inside a sentence
    ("Indonesia menyisakan dua ganda putra, yakni Berry Angriawan/Hardianto.",
     [("Indonesia", "LOC"), ("Berry Angriawan", "PER"), ("Hardianto", "PER")]),
    ("Ganda putri,1. Putri Syaikah/Nita Violina Marwah,2. Febriana Dwipuji Kusuma/Amalia "
     "Cahaya Pratiwi",
     [("Putri Syaikah", "PER"), ("Nita Violina Marwah", "PER"),
      ("Febriana Dwipuji Kusuma", "PER"), ("Amalia Cahaya Pratiwi", "PER")]),
    # not after a score ending a sentence, nor at a sentence's opening
    ("Skor akhir 21-12. Kemenangan Li Junhui/Liu Yuchen memastikan China ke final.",
     [("Li Junhui", "PER"), ("Liu Yuchen", "PER"), ("China", "LOC")]),
    ("Meski Nitya/Apriyani menang.", [("Nitya", "PER"), ("Apriyani", "PER")]),
])
def test_doubles_partners_need_a_doubles_context(text: str, expected: list[tuple[str, str]],
                                                  ) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a "person" holding no given name written after an organisation's cue (`org_prev` of
    # entity_context.tsv: `pabrikan`) is an organisation, every mention of it
    ("Lorenzo belum mendapat kepastian di tim pabrikan Ducati. Masalah gaji menghambat "
     "kesepakatan antara Lorenzo dengan Ducati.",
     [("Lorenzo", "PER"), ("Ducati", "ORG")]),
    # a name holding a given name stays a person
    ("Kata Budi, maskapai Rina Hartati tidak ada.", [("Budi", "PER"), ("Rina Hartati", "PER")]),
])
def test_a_name_after_an_organisation_cue_is_an_organisation(
        text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected
