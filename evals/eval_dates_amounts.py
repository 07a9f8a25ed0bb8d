"""Dates and amounts against a person's reading of 20 news articles (issue 11.3).

Usage::

    .venv/bin/python evals/eval_dates_amounts.py
    .venv/bin/python evals/eval_dates_amounts.py --gold evals/dates_amounts_gold_heldout.tsv
    .venv/bin/python evals/eval_dates_amounts.py --gold evals/dates_amounts_gold_heldout_c.tsv
    .venv/bin/python evals/eval_dates_amounts.py --gold evals/dates_amounts_gold_heldout_d.tsv
    .venv/bin/python evals/eval_dates_amounts.py --gold evals/dates_amounts_gold_heldout_e.tsv
    .venv/bin/python evals/eval_dates_amounts.py --gold evals/dates_amounts_gold_heldout_f.tsv
    .venv/bin/python evals/eval_dates_amounts.py --gold evals/dates_amounts_gold_heldout_g.tsv
    .venv/bin/python evals/eval_dates_amounts.py --gold evals/dates_amounts_gold_heldout_h.tsv

Gold: ``evals/dates_amounts_gold.tsv`` (its header gives the annotation rules): article URLs
and character offsets into the body field of ``../shared/data/news`` (no text is kept in the
repository); ``--gold FILE`` reads another file of the same columns (the held-out set
``evals/dates_amounts_gold_heldout.tsv``, half ``heldout``, a study set since h11d6; the held-out
set C ``evals/dates_amounts_gold_heldout_c.tsv``, half ``heldout_c``, a study set since h11d7;
the held-out set D ``evals/dates_amounts_gold_heldout_d.tsv``, half ``heldout_d``, a study set
since h11d9; set E ``evals/dates_amounts_gold_heldout_e.tsv``, half ``heldout_e``, a study set since
h14ent; set F ``evals/dates_amounts_gold_heldout_f.tsv``, half ``heldout_f``, a study set since
h16gold; set G ``evals/dates_amounts_gold_heldout_g.tsv``, half ``heldout_g``, a study set since
h17gold; the held-out set H ``evals/dates_amounts_gold_heldout_h.tsv``, half ``heldout_h``). Each article
body is passed to warta as one paragraph, with the published date the annotator gave (none:
relative words stay unresolved). What warta's parser lifts out of a body before enrichment —
``Baca juga`` lines and titles (:func:`lifted_spans`) — is not scored: the annotators left it
out, and in the pipeline no stage after parsing sees it (before h11d7's set D, every found item
was scored, which counted read-also titles such as ``Baca juga: 3 Alasan …`` as wrong amounts).

Scoring, per kind and per half (``tune``: the articles the rules were adjusted on; ``test``:
never looked at while changing the code):

- a found item is *correct* when it overlaps a gold item of its kind whose value equals it
  (amounts: value and unit; values compared with a relative tolerance of 1e-9);
- a gold item is *recalled* when a found item overlapping it has its value;
- precision = correct / found, recall = recalled / gold; ``span_*`` the same ignoring values;
- ``noun_accuracy``: among recalled amounts, the share whose noun equals the gold noun.

Prints one JSON line per half and kind.
"""

from __future__ import annotations

import csv
import json
import argparse
import math
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from warta.config import shared_path  # noqa: E402
from warta.enrich.amounts import extract_amounts  # noqa: E402
from warta.enrich.textdates import extract_dates  # noqa: E402
from warta.parse.flatten import flatten  # noqa: E402

GOLD = Path(__file__).with_name("dates_amounts_gold.tsv")
# corpus → (file, URL column, body column)
CORPORA = {
    "liputan6-kompas-detik-399": ("media_news.csv", "URL", "Text"),
    "tribunnews-politik-199": ("tribunnews_politik_full.csv", "url", "content"),
}


@dataclass(slots=True)
class Item:
    start: int
    end: int
    value: object
    unit: str | None = None
    noun: str | None = None


def bodies(corpus: str) -> dict[str, str]:
    """Article URL → body, as stored in the shared corpus."""
    name, url_column, body_column = CORPORA[corpus]
    path = shared_path("data", "news", corpus, name)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {row[url_column]: row[body_column] for row in csv.DictReader(handle)}


def read_gold(gold: Path = GOLD) -> dict[tuple[str, str], dict]:
    """(corpus, URL) → {"half", "published", "date": [Item], "amount": [Item]}."""
    articles: dict[tuple[str, str], dict] = {}
    with gold.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            corpus, url, half, kind, start, end, value, unit, noun = line.rstrip("\n").split("\t")
            entry = articles.setdefault((corpus, url), {"half": half, "published": None, "date": [], "amount": []})
            if kind == "published":
                entry["published"] = value or None
            elif kind == "date":
                entry["date"].append(Item(int(start), int(end), value or None))
            else:
                number = float(value) if "." in value else int(value)
                entry["amount"].append(Item(int(start), int(end), number, unit or None, noun or None))
    return articles


def _same(kind: str, found: Item, gold: Item) -> bool:
    if kind == "amount":
        if found.unit != gold.unit:
            return False
        return math.isclose(float(found.value), float(gold.value), rel_tol=1e-9)  # type: ignore[arg-type]
    return found.value == gold.value


def _overlap(a: Item, b: Item) -> bool:
    return a.start < b.end and b.start < a.end


_READ_KEY = re.compile(r"\b(?:baca|lihat|simak)\b", re.IGNORECASE)


def lifted_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of ``text`` that warta's export parser lifts out as ``Baca juga``.

    Each line goes through :func:`warta.parse.flatten.flatten` (the parser itself, so the eval
    follows it when its lexicon grows); a lifted title is found back in the line and masked from
    the read-also key before it; a line the parser drops whole is masked whole.
    """
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        flat = flatten([line]) if _READ_KEY.search(line) else None
        if flat is not None and flat.read_also:
            if not flat.paragraphs:
                spans.append((offset, offset + len(line)))
                offset += len(line) + 1
                continue
            for item in flat.read_also:
                at = line.find(item.title) if item.title else -1
                if at >= 0:
                    keys = [m.start() for m in _READ_KEY.finditer(line, 0, at)]
                    spans.append((offset + (keys[-1] if keys else at), offset + at + len(item.title)))
        offset += len(line) + 1
    return spans


def found_items(text: str, published: str | None) -> dict[str, list[Item]]:
    """What warta finds in ``text``, less what its parser lifts out before enrichment."""
    when = datetime.fromisoformat(f"{published}T12:00:00+07:00") if published else None
    found = {
        "date": [Item(d.start, d.end, d.value) for d in extract_dates([text], when)],
        "amount": [Item(a.start, a.end, a.value, a.unit, a.noun) for a in extract_amounts([text])],
    }
    lifted = lifted_spans(text)
    if not lifted:
        return found
    return {kind: [i for i in items if not any(s <= i.start < e for s, e in lifted)]
            for kind, items in found.items()}


def score(gold_file: Path = GOLD, errors: list[dict] | None = None) -> list[dict]:
    """One row of counts and ratios per (half, kind) of ``gold_file``; ``errors``, when given,
    receives each wrong item, miss and wrong noun (with the words the offsets point at)."""
    gold = read_gold(gold_file)
    texts = {corpus: bodies(corpus) for corpus in {c for c, _ in gold}}
    tally: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for (corpus, url), entry in gold.items():
        found = found_items(texts[corpus][url], entry["published"])
        for kind in ("date", "amount"):
            t = tally[entry["half"], kind]
            t["articles"] += 1
            t["gold"] += len(entry[kind])
            t["found"] += len(found[kind])
            text = texts[corpus][url]
            for f in found[kind]:
                good = any(_overlap(f, g) and _same(kind, f, g) for g in entry[kind])
                t["correct"] += good
                t["span_correct"] += any(_overlap(f, g) for g in entry[kind])
                if not good and errors is not None:
                    errors.append({"url": url, "kind": kind, "type": "wrong", "text": text[f.start : f.end],
                                   "value": f.value, "unit": f.unit})
            for g in entry[kind]:
                hits = [f for f in found[kind] if _overlap(f, g)]
                right = [f for f in hits if _same(kind, f, g)]
                t["recalled"] += bool(right)
                t["span_recalled"] += bool(hits)
                if kind == "amount" and right:
                    t["nouns_right"] += right[0].noun == g.noun
                if errors is not None and (not right or kind == "amount" and right[0].noun != g.noun):
                    errors.append({"url": url, "kind": kind, "type": "missed" if not right else "noun",
                                   "text": text[g.start : g.end], "gold": g.value, "gold_noun": g.noun,
                                   "found": [(h.value, h.unit, h.noun) for h in hits]})
    rows = []
    for (half, kind), t in sorted(tally.items()):
        row = {
            "half": half,
            "kind": kind,
            "articles": t["articles"],
            "gold": t["gold"],
            "found": t["found"],
            "precision": round(t["correct"] / t["found"], 3) if t["found"] else None,
            "recall": round(t["recalled"] / t["gold"], 3) if t["gold"] else None,
            "span_precision": round(t["span_correct"] / t["found"], 3) if t["found"] else None,
            "span_recall": round(t["span_recalled"] / t["gold"], 3) if t["gold"] else None,
        }
        if kind == "amount":
            row["noun_accuracy"] = round(t["nouns_right"] / t["recalled"], 3) if t["recalled"] else None
        rows.append(row)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD, help="gold file (default: %(default)s)")
    parser.add_argument("--errors", type=Path, help="write wrong, missed items and wrong nouns here (JSON lines)")
    args = parser.parse_args()
    errors: list[dict] | None = [] if args.errors else None
    for row in score(args.gold, errors):
        print(json.dumps(row, ensure_ascii=False))
    if args.errors and errors is not None:
        args.errors.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors), encoding="utf-8")


if __name__ == "__main__":
    main()
