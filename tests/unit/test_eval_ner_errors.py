"""The leave-one-corpus-out error breakdown of evals/eval_ner.py."""

from __future__ import annotations

from tests.conftest import import_evals


def test_error_breakdown_splits_errors_by_kind_and_label() -> None:
    (eval_ner,) = import_evals("eval_ner")
    sents = [["Presiden", "Joko", "Widodo", "ke", "Bogor", "dan", "KPK"],
             ["KPK", "memanggil", "Budi", "di", "Jakarta"]]
    gold = [["O", "B-PER", "I-PER", "O", "B-LOC", "O", "O"],
            ["B-ORG", "O", "B-PER", "O", "B-LOC"]]
    pred = [["B-PER", "I-PER", "I-PER", "O", "B-ORG", "O", "B-ORG"],
            ["B-ORG", "O", "O", "O", "B-LOC"]]
    out = eval_ner.error_breakdown(sents, gold, pred, top=2)
    assert out == {
        "correct": {"LOC": {"n": 1}, "ORG": {"n": 1}},
        "type": {"LOC->ORG": {"n": 1, "top": {"Bogor": 1}}},
        "boundary": {"PER": {"n": 1, "top": {"Joko Widodo || Presiden Joko Widodo": 1}}},
        "boundary+type": {},
        "missed": {"PER": {"n": 1, "top": {"Budi": 1}}},
        # KPK is tagged ORG in the second sentence: the corpus disagrees with itself
        "spurious": {"ORG": {"n": 1, "top": {"KPK": 1}}},
        "spurious_tagged_elsewhere": {"ORG": {"n": 1}},
    }
    assert eval_ner.error_breakdown(sents, gold, pred, top=0)["missed"] == {"PER": {"n": 1}}
