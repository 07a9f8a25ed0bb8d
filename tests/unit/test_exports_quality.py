"""Quality floors of flattened exports on real corpora in ../shared (issue 10).

Floors, not exact values: they fail when the flattening or the date reading regresses. The
corpora are development sets (see ``evals/eval_exports.py``; its HELD_OUT sets are not used here).
"""

from __future__ import annotations

import itertools
import re
from datetime import timedelta

import pytest

from tests.conftest import shared_or_fail
from warta.parse import iter_outcomes
from warta.parse.export_dates import url_date

_DOUBLE_COMMA = re.compile(r",\s*,")
_LEADING = re.compile(r"^\s*[-–—,]")
_FURNITURE = re.compile(r"tidak ada kode iklan|loading\.\.\.|_x000d_|\(\s*(?:ant|antara)\s*\)|\bbaca juga\s*[:;]?\s*$",
                        re.IGNORECASE | re.MULTILINE)


def _figures(path, rows: int) -> dict[str, float]:
    articles = [o.article for o in itertools.islice(iter_outcomes([str(path)]), rows) if o.article]
    dated = [(a, url_date(a.url)) for a in articles]
    dated = [(a, u) for a, u in dated if u]
    agree = sum(bool(a.published) and abs(a.published.date() - u[0]) <= timedelta(days=1) for a, u in dated)
    n = len(articles)
    return {
        "articles": n,
        "double_comma": sum(bool(_DOUBLE_COMMA.search("\n".join(a.paragraphs))) for a in articles) / n,
        "leading": sum(bool(_LEADING.match(a.paragraphs[0])) for a in articles) / n,
        "furniture": sum(bool(_FURNITURE.search("\n".join(a.paragraphs))) for a in articles) / n,
        "walls": sum(len(a.paragraphs) == 1 and len(a.paragraphs[0]) > 1000 for a in articles) / n,
        "url_dated": len(dated),
        "url_agreement": agree / len(dated) if dated else 1.0,
    }


@pytest.mark.shared
def test_click_id_rows_are_clean_and_dated_like_their_urls():
    # The file is sorted by outlet: 5,100 rows hold fimela, kapanlagi, all of Kompas (the
    # year-day-month column) and the start of okezone.
    figures = _figures(shared_or_fail("data", "news", "click-id.jsonl.gz"), 5100)
    assert figures["articles"] >= 5000
    assert figures["double_comma"] <= 0.001  # 16,165 of 22,026 articles before issue 10
    assert figures["leading"] <= 0.002  # 18,174 of 22,026 before
    assert figures["furniture"] == 0
    assert figures["walls"] == 0
    assert figures["url_dated"] >= 3000
    assert figures["url_agreement"] >= 0.995  # Kompas was 0.797 before


@pytest.mark.shared
def test_tribunnews_walls_are_split():
    path = shared_or_fail("data", "news", "tribunnews-1523")
    figures = _figures(path, 2000)
    assert figures["articles"] == 1523
    assert figures["walls"] <= 0.08  # 1,165 of 1,523 articles were one wall before
    assert figures["double_comma"] == 0
