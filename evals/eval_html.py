"""Per-site field accuracy of warta's HTML parser on ../shared/data/html, beside trafilatura alone.

For every article page of ``expected.jsonl``:

- ``title``: the title equals the reference title exactly;
- ``date``: the published instant equals the reference ``date`` (epoch ms) — for trafilatura
  alone, its date string (asked with a time-of-day output format) read as WIB when it names
  no zone;
- ``content_contained``: the reference content is in the body
  (:func:`warta.parse.html_quality.containment`, ``passed``). The reference still begins with
  the lead dateline (``Mataram, NTB (ANTARA News) -``) and ends with the editor credit, which
  warta moves to ``dateline``/``outlet`` and ``credits``; both are removed from the reference
  before comparing, for both tools (see :func:`reference_content` for the full list);
- ``no_boilerplate``: no body paragraph matches a boilerplate check
  (:data:`warta.parse.html_quality.BOILERPLATE`: read-also, copyright, byline labels, share
  buttons, comment counters, view counters, timestamp lists, pagination, navigation, ads, the
  headline repeated);
- ``lead_moved``: over pages that print a lead dateline, the lead is in ``dateline`` and no
  longer opens the body (trafilatura alone has no such field: always false).

For every index page (``*-mainpage.html``): ``index_rejected`` — warta raises NotAnArticle;
trafilatura alone "rejects" when it returns nothing.

    .venv/bin/python evals/eval_html.py [--pages]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from trafilatura import bare_extraction

from warta.config import shared_path
from warta.errors import NotAnArticle
from warta.parse.dates import parse_datetime
from warta.parse.html import TRAFILATURA_OPTIONS, parse_html
from warta.parse.html_quality import (
    boilerplate_hits,
    containment,
    opens_with_lead,
    reference_content,
)

FIELDS = ("title", "date", "content_contained", "no_boilerplate", "lead_moved")
# trafilatura alone, given its best chance at a full timestamp.
BASELINE_OPTIONS = {
    **TRAFILATURA_OPTIONS,
    "date_extraction_params": {
        "extensive_search": True,
        "original_date": True,
        "outputformat": "%Y-%m-%dT%H:%M:%S%z",
    },
}


def _warta_row(raw: bytes, fixture: str, expected: dict[str, Any]) -> dict[str, Any]:
    article = parse_html(raw, source=fixture)
    sentences, removed = reference_content(expected["content"])
    contained = containment(sentences, article.paragraphs)
    instant = int(article.published.timestamp() * 1000) if article.published else None
    first = article.paragraphs[0]
    has_lead = bool(removed["lead"] or article.dateline or opens_with_lead(first))
    lead_moved = (bool(article.dateline) and not opens_with_lead(first)) if has_lead else None
    return {
        "title": article.title == expected["title"],
        "date": instant == expected["date"],
        "content_contained": contained.passed,
        "no_boilerplate": not boilerplate_hits(article.paragraphs, article.title),
        "lead_moved": lead_moved,
        "coverage": contained.coverage,
        "sentences": [contained.contained, contained.sentences],
        "reference_removed": removed,
    }


def _baseline_row(raw: bytes, expected: dict[str, Any], has_lead: bool) -> dict[str, Any]:
    doc = bare_extraction(raw, **BASELINE_OPTIONS)
    if doc is None:
        return {f: False for f in FIELDS} | {"coverage": 0.0, "lead_moved": False if has_lead else None}
    lines = [" ".join(line.split()) for line in (doc.text or "").splitlines()]
    lines = [line for line in lines if line]
    sentences, _removed = reference_content(expected["content"])
    contained = containment(sentences, lines)
    published, _zone = parse_datetime(doc.date) if doc.date else (None, None)
    instant = int(published.timestamp() * 1000) if published else None
    return {
        "title": doc.title == expected["title"],
        "date": instant == expected["date"],
        "content_contained": contained.passed,
        "no_boilerplate": not boilerplate_hits(lines, doc.title),
        "lead_moved": False if has_lead else None,  # no such field: the lead stays in the text
        "coverage": contained.coverage,
    }


def _index_rows(root: Path, fixture: str) -> tuple[bool, bool, str]:
    raw = (root / fixture).read_bytes()
    try:
        parse_html(raw, source=fixture)
        warta, reason = False, ""
    except NotAnArticle as err:
        warta, reason = True, str(err)
    return warta, bare_extraction(raw, **BASELINE_OPTIONS) is None, reason


def _rates(rows: list[dict[str, Any]], fields: tuple[str, ...]) -> dict[str, float | None]:
    """Share of rows where each field holds; a field that is None (not applicable) is left out."""
    rates: dict[str, float | None] = {}
    for name in fields:
        values = [r[name] for r in rows if r.get(name) is not None]
        rates[name] = round(sum(map(bool, values)) / len(values), 3) if values else None
    return rates


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", action="store_true", help="also print one row per page")
    args = parser.parse_args(argv)
    root = shared_path("data", "html")
    rows = [json.loads(line) for line in (root / "expected.jsonl").read_text("utf-8").splitlines() if line]
    per_site: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    pages: dict[str, Any] = {}
    for row in rows:
        site = row["fixture"].split("/")[0]
        if not row.get("expected"):
            warta, baseline, reason = _index_rows(root, row["fixture"])
            per_site[site]["warta_index"].append({"index_rejected": warta})
            per_site[site]["trafilatura_index"].append({"index_rejected": baseline})
            pages[row["fixture"]] = {"warta_rejected": warta, "reason": reason, "trafilatura_rejected": baseline}
            continue
        raw = (root / row["fixture"]).read_bytes()
        warta_row = _warta_row(raw, row["fixture"], row["expected"])
        baseline_row = _baseline_row(raw, row["expected"], warta_row["lead_moved"] is not None)
        per_site[site]["warta"].append(warta_row)
        per_site[site]["trafilatura"].append(baseline_row)
        pages[row["fixture"]] = {"warta": warta_row, "trafilatura": baseline_row}
    report: dict[str, Any] = {"eval": "html", "tools": {}}
    for tool in ("warta", "trafilatura"):
        sites = {}
        all_articles: list[dict[str, Any]] = []
        all_index: list[dict[str, Any]] = []
        for site, groups in sorted(per_site.items()):
            articles, index = groups[tool], groups[f"{tool}_index"]
            all_articles += articles
            all_index += index
            sites[site] = {"articles": len(articles), "index_pages": len(index)}
            sites[site] |= _rates(articles, FIELDS) | _rates(index, ("index_rejected",))
        overall = {"articles": len(all_articles), "index_pages": len(all_index)}
        overall |= _rates(all_articles, FIELDS) | _rates(all_index, ("index_rejected",))
        report["tools"][tool] = {"overall": overall, "per_site": sites}
    if args.pages:
        report["pages"] = pages
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
