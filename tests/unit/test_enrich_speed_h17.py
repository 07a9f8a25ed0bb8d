"""h17speed: the Viterbi step without broadcasting, gazetteer vectors by row number, entity
tokens without a pass — each must give exactly what the plain computation gives."""

from __future__ import annotations

import sys

import numpy as np

from warta.enrich.entities import _ner_tokens, fill_missed_mentions
from warta.enrich.ner import MODEL_PATH, NerTagger
from warta.enrich.ner_decode import viterbi
from warta.lang.tokenize import tokenize
from warta.model import Entity, Mention


def _plain_viterbi(scores: np.ndarray, transitions: np.ndarray) -> list[int]:
    """crfsuite's Viterbi written out: the same float additions in the same order, the
    first maximum kept at every step and at the end."""
    n, labels = scores.shape
    delta = [float(x) for x in scores[0]]
    back: list[list[int]] = []
    for t in range(1, n):
        row, new = [], []
        for j in range(labels):
            cand = [delta[i] + float(transitions[i, j]) for i in range(labels)]
            best = max(range(labels), key=lambda i, c=cand: (c[i], -i))  # first maximum
            row.append(best)
            new.append(cand[best] + float(scores[t, j]))
        back.append(row)
        delta = new
    label = max(range(labels), key=lambda i: (delta[i], -i))
    path = [label]
    for row in reversed(back):
        label = row[label]
        path.append(label)
    return path[::-1]


def test_viterbi_takes_the_plain_path_on_ties_and_rounding() -> None:
    rng = np.random.default_rng(17)
    cases = 0
    for trial in range(300):
        labels = 7 if trial % 4 else 1 + trial % 9
        lengths = rng.integers(0, 12, size=int(rng.integers(1, 6)))
        if trial % 2:  # small integers: ties at every step
            transitions = rng.integers(-2, 3, size=(labels, labels)).astype(float)
            scores = [rng.integers(-2, 3, size=(n, labels)).astype(float) for n in lengths]
        else:  # magnitudes far apart: additions that round
            transitions = rng.normal(size=(labels, labels)) * 1e-9
            scores = [rng.normal(size=(n, labels)) * 1e6 for n in lengths]
        expected = [_plain_viterbi(s, transitions) if len(s) else [] for s in scores]
        assert viterbi(scores, transitions) == expected
        cases += len(scores)
    assert cases > 800


def test_gazetteer_vectors_are_added_as_single_vectors_in_token_order() -> None:
    tagger = NerTagger(MODEL_PATH)
    scorer = tagger._scorer
    sents = [["Menlu", "Retno", "Marsudi", "bertemu", "Sekjen", "PBB", "di", "New", "York"],
             ["Presiden", "Prancis", "Emmanuel", "Macron", "tiba", "di", "Jakarta", "."]]
    got = scorer.scores_many(sents)
    gazetteer = tagger._features.gazetteer
    model = scorer.model
    for tokens, scores in zip(sents, got, strict=True):
        # everything but the gazetteer features, as scored alone without any match
        plain = scorer.scores_many([tokens], [{}])[0].copy()
        found = gazetteer.sparse_match(tokens)
        assert found  # the sentences hold listed names
        for i in sorted(found):  # the order the scorer adds them in, one row at a time
            for feature in found[i]:
                plain[i] += model.vector([feature])
                if i + 1 < len(tokens):
                    plain[i + 1] += model.vector(["-1" + feature])
                if i:
                    plain[i - 1] += model.vector(["+1" + feature])
        assert scores.tobytes() == plain.tobytes()  # bit for bit
    # a feature first seen later gets its own rows; the earlier ones keep theirs
    rows = dict(scorer._gaz)
    scorer.scores_many([["Piala", "Dunia", "di", "Qatar"]])
    assert all(scorer._gaz[f] == r for f, r in rows.items())
    assert scorer._gaz_matrix.shape == (3 * len(scorer._gaz), len(model.labels))


def test_tokenize_makes_no_blank_token_for_any_blank_code_point() -> None:
    blanks = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    # the set depends on Python's Unicode version: the test holds for every blank it lists,
    # the common ones among them
    assert {" ", "\t", "\n", "\r", "\xa0", "\u2009", "\u2028", "\u3000"} <= set(blanks)
    for blank in blanks:
        for text in (blank, f"a{blank}b", f"{blank}-{blank}", f"“{blank}1{blank}”"):
            assert not any(t.text.isspace() for t in tokenize(text))


def test_entity_tokens_of_a_paragraph_without_hyphen_are_its_tokens() -> None:
    plain = "Menlu Retno Marsudi bertemu Sekjen PBB di New York, Selasa (7/11)."
    tokens = tokenize(plain)
    assert _ner_tokens(plain, tokens) == tokens
    hyphen = "Anak-anak bermain di Jakarta - kata Budi."
    assert [t[0] for t in _ner_tokens(hyphen, tokenize(hyphen))] == [
        "Anak", "-", "anak", "bermain", "di", "Jakarta", "-", "kata", "Budi", "."]


def test_missed_mentions_read_the_given_words_as_the_tokens_texts() -> None:
    paragraphs = ["Retno Marsudi tiba di Paris.", "Kata Marsudi, pertemuan itu penting."]
    tokens = [_ner_tokens(p, tokenize(p)) for p in paragraphs]

    def entities() -> list[Entity]:
        return [Entity(name="Retno Marsudi", label="PER",
                       mentions=[Mention("Retno Marsudi", 0, 0, 13)], aliases=[])]

    given, computed = entities(), entities()
    fill_missed_mentions(paragraphs, given, tokens, [[t[0] for t in ts] for ts in tokens])
    fill_missed_mentions(paragraphs, computed, tokens)
    assert given == computed
    assert [(m.paragraph, m.start, m.end) for m in given[0].mentions] == [(0, 0, 13), (1, 5, 12)]
