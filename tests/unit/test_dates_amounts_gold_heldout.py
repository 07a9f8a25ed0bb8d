"""The held-out dates and amounts gold (``evals/dates_amounts_gold_heldout.tsv``, issue 11
point 3) and the ``--gold`` option that scores it. The gold keeps offsets and values only; its
8 articles are read from ``../shared`` by URL, so the tests fail (not skip) under CI when the
data is missing. The floor sits a little under the figures of the change that added the set
(benchmarks/RESULTS-enrich.md, h11d5: dates precision 0.692, recall 0.783; amounts precision
0.955, recall 1.0, the same before and after its fixes); the code was never adjusted on it
until h11d6, which read its errors as a study set (dates 0.957 / 0.957, amounts 1.0 / 1.0
after): the floor now guards those fixes. Set C (dates_amounts_gold_heldout_c.tsv) is the
held-out set from then on.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import load_eval, shared_or_fail

EVALS = Path(__file__).resolve().parents[2] / "evals"
HELDOUT = EVALS / "dates_amounts_gold_heldout.tsv"
CORPORA = ("liputan6-kompas-detik-399", "tribunnews-politik-199")

FLOOR = {"date": {"precision": 0.93, "recall": 0.93}, "amount": {"precision": 0.97, "recall": 0.97}}


def _module() -> ModuleType:
    return load_eval("eval_dates_amounts")


def _need_corpora(module: ModuleType) -> None:
    for corpus in CORPORA:
        shared_or_fail("data", "news", corpus, module.CORPORA[corpus][0])


def test_heldout_gold_is_eight_new_articles_in_one_half() -> None:
    module = _module()
    gold = module.read_gold(HELDOUT)
    assert Counter(c for c, _ in gold) == {c: 4 for c in CORPORA}
    assert {entry["half"] for entry in gold.values()} == {"heldout"}
    assert sum(len(entry["date"]) for entry in gold.values()) == 23
    assert sum(len(entry["amount"]) for entry in gold.values()) == 21
    assert not set(gold) & set(module.read_gold())


@pytest.mark.shared
def test_dates_amounts_heldout_floor() -> None:
    module = _module()
    _need_corpora(module)
    rows = module.score(HELDOUT)
    assert [(r["half"], r["kind"]) for r in rows] == [("heldout", "amount"), ("heldout", "date")]
    for row in rows:
        assert (row["articles"], row["gold"]) == (8, {"date": 23, "amount": 21}[row["kind"]])
        for figure, floor in FLOOR[row["kind"]].items():
            assert row[figure] >= floor, (row["kind"], figure, row[figure])
