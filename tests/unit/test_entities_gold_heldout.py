"""The held-out entity gold (``evals/entities_gold_heldout.tsv``, issue 11 point 2) and the
``--gold`` option that scores it. The gold keeps offsets and labels only; its 12 articles are read
from ``../shared`` by URL, so the tests fail (not skip) under CI when the data is missing. The
floor sits a little under the figures of the change that added the set (benchmarks/RESULTS-enrich.md,
h11e4: precision 0.802, recall 0.811, important recall 0.864, the same before and after its fixes);
the code was never adjusted on it.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import load_eval, shared_or_fail

EVALS = Path(__file__).resolve().parents[2] / "evals"
HELDOUT = EVALS / "entities_gold_heldout.tsv"
CORPORA = ("liputan6-kompas-detik-399", "tribunnews-politik-199")

FLOOR = {"precision": 0.78, "recall": 0.79, "recall_important": 0.84}


def _module() -> ModuleType:
    return load_eval("eval_entities")


def _need_corpora(module: ModuleType) -> None:
    for corpus in CORPORA:
        shared_or_fail("data", "news", corpus, module.CORPORA[corpus][0])


def test_heldout_gold_is_twelve_new_articles_in_one_half() -> None:
    module = _module()
    gold = module.read_gold(HELDOUT)
    assert Counter(c for c, _ in gold) == {c: 6 for c in CORPORA}
    assert {half for half, _ in gold.values()} == {"heldout"}
    rows = [g for _, entities in gold.values() for g in entities]
    assert len(rows) == 107
    assert Counter(t for g in rows for t in g.types) == {"PER": 50, "ORG": 24, "LOC": 21, "OTHER": 12}
    assert sum(g.important for g in rows) == 22
    assert all(g.start < g.end and g.names[0] for g in rows)
    assert not {url for _, url in gold} & {url for _, url in module.read_gold()}


@pytest.mark.shared
def test_heldout_offsets_point_at_a_name_of_their_entity() -> None:
    module = _module()
    _need_corpora(module)
    texts = {c: module.bodies(c) for c in CORPORA}
    for (corpus, url), (_, entities) in module.read_gold(HELDOUT).items():
        body = texts[corpus][url]
        for g in entities:
            assert body[g.start : g.end] in g.names, (url, g.names)


@pytest.mark.shared
def test_entities_heldout_floor() -> None:
    module = _module()
    _need_corpora(module)
    rows = module.score(gold_path=HELDOUT)
    assert [r["half"] for r in rows] == ["heldout"]
    row = rows[0]
    assert (row["articles"], row["gold"]) == (12, 95)
    for figure, floor in FLOOR.items():
        assert row[figure] >= floor, (figure, row[figure])
