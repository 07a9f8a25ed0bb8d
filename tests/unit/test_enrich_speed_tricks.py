"""The speed tricks of the fifth pass (h11p3) answer what the plain computations answer:
the quote cue test as one trie search, an entity group's majority label and name kept
between adds, the entity layer's tokens used as they are unless hyphenated."""

from __future__ import annotations

import random
import re

from warta.enrich.entities import _Group, _ner_tokens, tokenize_with_offsets
from warta.enrich.quote_lexicon import has_word
from warta.lang.tokenize import tokenize
from warta.model import Mention

TEXTS = [
    "Kata Menteri, “kami siap.”",
    "katanya: ia tidak-tahu apa-apa",
    "Menurut dia, Prabowo datang.",
    "ujarnya_lagi dan Katanya",
    "Tak ada kata dalam kalimat ini",
    "",
]
WORDS = frozenset({"kata", "katanya", "menurut", "menurut dia", "tidak-tahu", "Ujarnya"})


def test_has_answers_as_the_set_of_the_texts_words() -> None:
    plain = [not WORDS.isdisjoint(re.findall(r"\w+", t.lower())) for t in TEXTS]
    assert [has_word(t, WORDS) for t in TEXTS] == plain == [True, True, True, True, True, False]
    # 'menurut dia' and 'tidak-tahu' are no single word: never found, as before;
    # 'Ujarnya' is never a lower-cased word either
    assert [has_word(t, frozenset({"menurut dia", "tidak-tahu", "Ujarnya"})) for t in TEXTS] == [
        False] * len(TEXTS)
    # a mutable set takes the plain path
    assert has_word("Kata dia", {"kata"}) is True
    assert has_word("Katakan", {"kata"}) is False


def _plain_label(labels: list[str]) -> str:
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    best = max(counts.values())
    return next(lab for lab, n in counts.items() if n == best)


def _plain_name(forms: dict[str, str]) -> str:
    full = [f for f in forms.values() if not (f.isupper() and " " not in f)]
    pool = full or list(forms.values())
    return max(pool, key=lambda f: (len(f.split()), len(f)))


def test_group_label_and_name_follow_every_add() -> None:
    rng = random.Random(11)
    texts = ["JAKARTA", "Jakarta", "KPK", "Komisi Pemberantasan Korupsi", "Joko", "Joko Widodo"]
    for _ in range(200):
        group = _Group()
        for _ in range(rng.randint(1, 9)):
            text = rng.choice(texts)
            group.add(Mention(text, 0, 0, len(text)), rng.choice(["PER", "ORG", "LOC"]))
            assert group.label() == _plain_label(group.labels)
            assert group.name() == _plain_name(group.forms)
    group = _Group()
    group.add(Mention("JAKARTA", 0, 0, 7), "LOC")
    assert group.name() == "JAKARTA"
    group.add(Mention("Jakarta", 1, 0, 7), "LOC")  # the form is replaced: so is the name
    assert group.name() == "Jakarta"
    group.canonical = "DKI Jakarta"
    assert group.name() == "DKI Jakarta"


def test_entity_tokens_split_only_hyphenated_ones() -> None:
    text = "Perang Bulgaria-Rumania usai, anak-anak pulang"
    tokens = tokenize(text)
    assert tokenize_with_offsets(text, tokens) == [
        ("Perang", 0, 6), ("Bulgaria", 7, 15), ("-", 15, 16), ("Rumania", 16, 23),
        ("usai", 24, 28), (",", 28, 29), ("anak", 30, 34), ("-", 34, 35), ("anak", 35, 39),
        ("pulang", 40, 46),
    ]
    plain = "Presiden Joko Widodo tiba di Bandung."
    plain_tokens = tokenize(plain)
    shared = _ner_tokens(plain, plain_tokens)
    assert all(a is b for a, b in zip(shared, plain_tokens, strict=True))  # no copy
    assert tokenize_with_offsets(plain, plain_tokens) == [t[:3] for t in plain_tokens]
