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

**html-dev** (``../shared/data/html-dev``: 32 real pages of 17 outlets, 2016-2017 and 2025, plus
4 index pages): every field of :data:`warta.parse.html_quality.PAGE_FIELDS` is compared with the
hand-written reference (:func:`warta.parse.html_quality.field_checks`), per field, per outlet and
``all_fields`` (every field right on the page). trafilatura alone is scored on the fields it
produces (title, published, authors, sentences, furniture).

Honesty: the outlets in :data:`HELD_OUT` were chosen at the start of the work on issue 10, before
any page was read, and their pages were never looked at while the parser was developed; figures
are reported for ``dev`` (the other outlets) and ``held_out`` separately. Held-out figures are
the ones that predict how warta reads an outlet it has never seen.

Round 1 honest unseen-outlet figure (recorded before round 2 started): every field right on
1 of 10 held-out pages (0.1; authors 0.4, first/last sentence 0.5, credits 0.5, read-also 0.7,
no-furniture 0.7). Those held-out outlets have since been split for round 2:

- ``held_out_a`` (:data:`HELD_OUT_A`: antaranews.com, republika.co.id, bola.net, klikbekasi.co)
  was opened and studied in round 2; it is development material from then on;
- ``held_out_b`` (:data:`HELD_OUT_B`: kompasiana.com, metrotvnews.com, viva.co.id) stays unseen:
  its pages are never opened or printed while developing, only these aggregate figures are read.
  Round 2's honest unseen-outlet figure is ``held_out_b`` before and after the round.

Round 3 (2026-12-02): ``held_out_b``'s figures were recorded first, with the round-2 parser,
as the last honest unseen-outlet figure — every field right on 0 of 6 pages (authors 0.0,
first sentence 0.5, last sentence 0.333, read-also 0.667, credits 0.333, no-furniture 0.5;
title, published, editors and dateline 1.0) — and only then were its pages opened to find
the general patterns behind the failures (fixed generically, each with a fixture of our own in
``tests/fixtures/html``). From round 3 on, no split of html-dev is unseen: an honest figure
for unseen outlets needs pages from outside html-dev.

``--pages`` prints no page of ``held_out_b`` (its rows are aggregated only).

    .venv/bin/python evals/eval_html.py [--pages] [--set old|dev|all]
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
    PAGE_FIELDS,
    boilerplate_hits,
    field_checks,
    containment,
    opens_with_lead,
    reference_content,
)

# Outlets of html-dev held out from development (chosen before reading any page; see docstring).
HELD_OUT = frozenset(
    {"antaranews.com", "bola.net", "kompasiana.com", "metrotvnews.com", "republika.co.id",
     "viva.co.id", "klikbekasi.co"}
)
# Round 2 split of HELD_OUT (see docstring): A may be studied, B stays unseen.
HELD_OUT_A = frozenset({"antaranews.com", "republika.co.id", "bola.net", "klikbekasi.co"})
HELD_OUT_B = HELD_OUT - HELD_OUT_A
# trafilatura alone extracts no dateline, editors, read-also or credits.
BASELINE_PRODUCES = ("title", "published", "authors", "first_sentence", "last_sentence", "no_furniture")

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


def _index_rows(root: Path, fixture: str, url: str | None = None) -> tuple[bool, bool, str]:
    raw = (root / fixture).read_bytes()
    try:
        parse_html(raw, source=fixture, url=url)
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


def _old_report(pages_wanted: bool) -> dict[str, Any]:
    """The original 17 pages (``../shared/data/html``), scored as before issue 10."""
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
    report: dict[str, Any] = {"tools": {}}
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
    if pages_wanted:
        report["pages"] = pages
    return report


def _dev_warta(raw: bytes, fixture: str, row: dict[str, Any]) -> dict[str, bool | None]:
    try:
        article = parse_html(raw, source=fixture, url=row.get("url"))
    except NotAnArticle:
        return {name: False for name in PAGE_FIELDS}
    return field_checks(
        title=article.title,
        published=article.published,
        authors=article.authors,
        editors=article.editors,
        dateline=article.dateline,
        paragraphs=article.paragraphs,
        read_also=[r.title for r in article.read_also],
        agencies=article.credits.agencies,
        codes=article.credits.codes,
        expected=row["expected"],
    )


def _dev_baseline(raw: bytes, row: dict[str, Any]) -> dict[str, bool | None]:
    doc = bare_extraction(raw, url=row.get("url"), **BASELINE_OPTIONS)
    if doc is None:
        return {name: (False if name in BASELINE_PRODUCES else None) for name in PAGE_FIELDS}
    lines = [" ".join(line.split()) for line in (doc.text or "").splitlines()]
    published, _zone = parse_datetime(doc.date) if doc.date else (None, None)
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    return field_checks(
        title=doc.title, published=published, authors=authors, editors=[], dateline=None,
        paragraphs=[line for line in lines if line], read_also=[], agencies=[], codes=[],
        expected=row["expected"], produces=BASELINE_PRODUCES,
    )


def _all_fields(checks: dict[str, bool | None]) -> bool:
    return all(v for v in checks.values() if v is not None)


def _dev_report(pages_wanted: bool) -> dict[str, Any]:
    """html-dev: every field per page, per outlet, dev vs held-out, beside trafilatura."""
    root = shared_path("data", "html-dev")
    rows = [json.loads(line) for line in (root / "expected.jsonl").read_text("utf-8").splitlines() if line]
    fields = (*PAGE_FIELDS, "all_fields")
    groups: dict[str, dict[str, list[dict[str, Any]]]] = {
        tool: defaultdict(list) for tool in ("warta", "trafilatura")
    }
    pages: dict[str, Any] = {}
    for row in rows:
        split = "held_out" if row["outlet"] in HELD_OUT else "dev"
        part = "held_out_b" if row["outlet"] in HELD_OUT_B else "held_out_a" if split == "held_out" else None
        keys = tuple(k for k in (split, part, "overall", row["outlet"]) if k)
        if row["kind"] == "index":
            warta, baseline, reason = _index_rows(root, row["fixture"], row.get("url"))
            for tool, value in (("warta", warta), ("trafilatura", baseline)):
                for key in keys:
                    groups[tool][f"index:{key}"].append({"index_rejected": value})
            if part != "held_out_b":
                pages[row["fixture"]] = {"warta_rejected": warta, "reason": reason}
            continue
        raw = (root / row["fixture"]).read_bytes()
        for tool, checks in (("warta", _dev_warta(raw, row["fixture"], row)), ("trafilatura", _dev_baseline(raw, row))):
            checks = {**checks, "all_fields": _all_fields(checks)}
            for key in keys:
                groups[tool][key].append(checks)
            if part != "held_out_b":
                pages.setdefault(row["fixture"], {})[tool] = checks
    report: dict[str, Any] = {
        "held_out": sorted(HELD_OUT), "held_out_a": sorted(HELD_OUT_A), "held_out_b": sorted(HELD_OUT_B), "tools": {},
    }
    for tool, by_key in groups.items():
        summary: dict[str, Any] = {}
        for key in ("overall", "dev", "held_out", "held_out_a", "held_out_b"):
            summary[key] = {"articles": len(by_key[key])} | _rates(by_key[key], fields)
            summary[key] |= {"index_pages": len(by_key[f"index:{key}"])}
            summary[key] |= _rates(by_key[f"index:{key}"], ("index_rejected",))
        outlets = sorted({r["outlet"] for r in rows})
        summary["per_outlet"] = {
            o: {"held_out": o in HELD_OUT, "articles": len(by_key[o])} | _rates(by_key[o], fields)
            | _rates(by_key[f"index:{o}"], ("index_rejected",))
            for o in outlets
        }
        report["tools"][tool] = summary
    if pages_wanted:
        report["pages"] = pages
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", action="store_true", help="also print one row per page")
    parser.add_argument("--set", choices=("old", "dev", "all"), default="all", help="which page set")
    args = parser.parse_args(argv)
    report: dict[str, Any] = {"eval": "html"}
    if args.set in ("old", "all"):
        report["old"] = _old_report(args.pages)
    if args.set in ("dev", "all"):
        report["dev"] = _dev_report(args.pages)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
