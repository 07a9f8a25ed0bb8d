"""Held-out entity set C (``evals/entities_gold_heldout_c.tsv``, issue 11 point 2, h11e6): ten
recent articles of four outlets annotated before warta was run on them, the unseen figure since
set B was studied. The gold keeps offsets and labels only; its articles are read from
``../shared`` by URL, so the tests fail (not skip) under CI when the data is missing. The floor
sits a little under the figure of the change that added the set (benchmarks/RESULTS-enrich.md,
h11e6: precision 0.823 → 0.840, recall 0.849, important recall 0.963); the code was never
adjusted on it. STUDIED since h11e7 (its errors read, general fixes made): the floor now guards
that study's figure (0.925 / 0.925 / 1.000); the unseen figure is set D's.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import load_eval, shared_or_fail

EVALS = Path(__file__).resolve().parents[2] / "evals"
HELDOUT_C = EVALS / "entities_gold_heldout_c.tsv"
CORPORA = ("liputan6-kompas-detik-399", "tribunnews-politik-199")

FLOOR = {"precision": 0.90, "recall": 0.90, "recall_important": 0.96}


def _module() -> ModuleType:
    return load_eval("eval_entities")


def _need_corpora(module: ModuleType) -> None:
    for corpus in CORPORA:
        shared_or_fail("data", "news", corpus, module.CORPORA[corpus][0])


def test_set_c_is_ten_articles_no_other_gold_holds() -> None:
    module = _module()
    gold = module.read_gold(HELDOUT_C)
    assert Counter(c for c, _ in gold) == {CORPORA[0]: 7, CORPORA[1]: 3}
    assert {half for half, _ in gold.values()} == {"heldout"}
    rows = [g for _, entities in gold.values() for g in entities]
    assert len(rows) == 103
    assert Counter(t for g in rows for t in g.types) == {"PER": 27, "ORG": 38, "LOC": 28, "OTHER": 10}
    assert sum(g.important for g in rows) == 27
    assert all(g.start < g.end and g.names[0] for g in rows)
    urls = {url for _, url in gold}
    # the dates' set C was annotated the same day and is unseen too: sharing an article with
    # it exposes nothing (one does); every set that was studied must share none
    for other in EVALS.glob("*gold*.tsv"):
        if other.name not in {HELDOUT_C.name, "dates_amounts_gold_heldout_c.tsv"}:
            assert not urls & set(re.findall(r"https?://[^\s\"',]+", other.read_text())), other.name


@pytest.mark.shared
def test_set_c_offsets_point_at_a_name_of_their_entity() -> None:
    module = _module()
    _need_corpora(module)
    texts = {c: module.bodies(c) for c in CORPORA}
    for (corpus, url), (_, entities) in module.read_gold(HELDOUT_C).items():
        body = texts[corpus][url]
        for g in entities:
            # a few bodies separate words by no-break spaces: compared as the scorer does
            written = unicodedata.normalize("NFKC", body[g.start : g.end])
            assert written in g.names, (url, g.names)


@pytest.mark.shared
def test_entities_set_c_floor() -> None:
    module = _module()
    _need_corpora(module)
    rows = module.score(gold_path=HELDOUT_C)
    assert [r["half"] for r in rows] == ["heldout"]
    row = rows[0]
    assert (row["articles"], row["gold"]) == (10, 93)
    for figure, floor in FLOOR.items():
        assert row[figure] >= floor, (figure, row[figure])
