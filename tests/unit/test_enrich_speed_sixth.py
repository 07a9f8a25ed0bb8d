"""The speed changes of the sixth pass (h11p4) answer what the plain computations answer:
an entity group's acronyms kept with its forms, and the quotes stage's early return for an
article with neither a quotation mark nor a cue word."""

from __future__ import annotations

import random

from warta.enrich.entities import _acronym, _Group, _matches
from warta.enrich.quotes import extract_quotes
from warta.model import Mention

TEXTS = ["JAKARTA", "Jakarta", "KPK", "Komisi Pemberantasan Korupsi", "KOMISI PEMBERANTASAN KORUPSI",
         "Joko Widodo", "JW", "Bank Dunia", "BD", "Dewan Perwakilan Rakyat", "DPR", "dpr"]


def test_group_acronyms_follow_every_add() -> None:
    rng = random.Random(4)
    for _ in range(300):
        group = _Group()
        for _ in range(rng.randint(1, 8)):
            text = rng.choice(TEXTS)
            group.add(Mention(text, 0, 0, len(text)), rng.choice(["PER", "ORG", "LOC"]))
            plain = {_acronym(f) for f in group.forms.values() if " " in f}
            assert set(group.acronyms.values()) == plain
            for written in ("KPK", "JW", "BD", "DPR", "KOMISI"):
                # the acronym rule of _matches, as it was written before
                rule = any(_acronym(f) == written and " " in f for f in group.forms.values())
                assert (written in group.acronyms.values()) is rule
    group = _Group()
    group.add(Mention("Komisi Pemberantasan Korupsi", 0, 0, 28), "ORG")
    assert _matches(group, "kpk", "KPK", "ORG") is True
    assert _matches(group, "kpu", "KPU", "ORG") is False


def test_quotes_without_marks_or_cues_are_none() -> None:
    # no quotation mark, no cue word: the early return, and a person in the text changes nothing
    assert extract_quotes(["Harga cabai naik di Pasar Baru.", "Joko Widodo tiba di Bandung."]) == []
    assert extract_quotes([]) == []
    # a cue word alone, or a quotation alone, still goes the whole way
    cued = extract_quotes(["Menurut Budi Santoso, harga cabai naik pekan ini."])
    assert [(q.speaker, q.kind) for q in cued] == [("Budi Santoso", "indirect")]
    marked = extract_quotes(["“Harga cabai naik pekan ini,” tulis Budi Santoso di akunnya."])
    assert len(marked) == 1 and marked[0].kind == "direct"
