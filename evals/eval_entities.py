"""Entities against a person's reading of 30 news articles (issue 11.2).

Usage::

    .venv/bin/python evals/eval_entities.py [--gold FILE] [--errors FILE]

Gold: ``evals/entities_gold.tsv`` (its header gives the annotation rules): per article the
people, organisations and places an analyst would list, each with the names accepted for its
record and whether it is central to the article. The articles are read from ``../shared`` the
way ``warta ingest`` reads them (the corpus export parsed by :func:`warta.parse.iter_outcomes`,
matched by URL) and enriched by :func:`warta.enrich.pipeline.enrich`; warta's article-level
entity list (``Article.entities``: one record per entity, its canonical name and label) is
compared with the gold.

Name agreement (documented normalisation): case, accents, punctuation and hyphens are ignored
(``PDI-P`` = ``PDI P``, ``Asy'ari`` = ``Asyari``) and a name matches a gold entity when it
equals one of the names the gold accepts for it. Nothing else is lenient: a name with a title
left on (``Presiden Joko Widodo``), cut short or run on is wrong.

Scoring, per half (``tune``: the articles the code was adjusted on; ``test``: never looked at
while changing it). Only warta's PER/ORG/LOC records are scored for precision (EVT is not an
analyst's type here: its records are counted apart as ``evt_found``):

- a record is *neutral* when its name is one the gold lists as OTHER (events, laws, the outlet
  itself…) and matches no PER/ORG/LOC entity: left out of precision;
- *correct* when its name matches a gold entity whose type it has, and no earlier record
  claimed that entity (a second record of one entity is a ``duplicate``);
- ``precision`` = correct / (PER/ORG/LOC records − neutral);
- ``recall``: share of gold entities a correct record names; ``recall_important`` the same over
  the important ones; ``name_recall`` ignoring the type;
- ``type_accuracy``: among records (any label) whose name matches a gold entity, the share
  with a right type.

``--gold FILE`` scores another gold file of the same form, e.g.
``evals/entities_gold_heldout.tsv`` (12 further articles, one half named ``heldout``, annotated
before warta was run on them). ``--errors FILE`` writes, per article, the wrong records (spurious, wrong type, duplicate) and
the gold entities missed, as JSON lines (names only). Prints one JSON line per half.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from warta.config import shared_path
from warta.model import Article

GOLD = Path(__file__).with_name("entities_gold.tsv")
# corpus → (file, URL column, body column)
CORPORA = {
    "liputan6-kompas-detik-399": ("media_news.csv", "URL", "Text"),
    "tribunnews-politik-199": ("tribunnews_politik_full.csv", "url", "content"),
}
SCORED = ("PER", "ORG", "LOC")


@dataclass(slots=True)
class GoldEntity:
    types: frozenset[str]  # {"OTHER"} for a neutral row
    names: tuple[str, ...]  # canonical first
    important: bool
    start: int
    end: int


def norm(name: str) -> str:
    """The comparison form of a name: accents, case, punctuation and hyphens ignored."""
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c)).casefold()
    name = name.replace("'", "").replace("’", "")
    return " ".join(re.sub(r"[^\w]+", " ", name).split())


def read_gold(path: Path = GOLD) -> dict[tuple[str, str], tuple[str, list[GoldEntity]]]:
    """(corpus, URL) → (half, its gold entities), in file order."""
    articles: dict[tuple[str, str], tuple[str, list[GoldEntity]]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            corpus, url, half, typ, names, important, start, end = line.rstrip("\n").split("\t")
            entry = articles.setdefault((corpus, url), (half, []))
            entry[1].append(GoldEntity(frozenset(typ.split("/")), tuple(names.split("|")),
                                       important == "1", int(start), int(end)))
    return articles


def bodies(corpus: str) -> dict[str, str]:
    """Article URL → body field, as stored in the shared corpus (for checking offsets)."""
    name, url_column, body_column = CORPORA[corpus]
    csv.field_size_limit(1 << 30)
    with shared_path("data", "news", corpus, name).open(encoding="utf-8-sig", newline="") as handle:
        return {row[url_column]: row[body_column] for row in csv.DictReader(handle)}


def enriched_articles(wanted: set[tuple[str, str]]) -> Iterator[tuple[str, str, Article]]:
    """(corpus, URL, enriched article) of each wanted article, read from ``../shared`` as
    ``warta ingest`` reads it; stops the run when one is not found."""
    from warta.enrich.pipeline import enrich
    from warta.parse import iter_outcomes

    found: set[tuple[str, str]] = set()
    for corpus in sorted({c for c, _ in wanted}):
        path = shared_path("data", "news", corpus, CORPORA[corpus][0])
        for outcome in iter_outcomes([str(path)]):
            article = outcome.article
            if article is None or (corpus, article.url or "") not in wanted:
                continue
            found.add((corpus, article.url or ""))
            yield corpus, article.url or "", enrich(article)
    missing = wanted - found
    if missing:
        raise SystemExit(f"articles not found in ../shared: {sorted(missing)[:3]}")


def predicted(wanted: set[tuple[str, str]]) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(corpus, URL) → warta's entity records ``(name, label)`` for the wanted articles."""
    return {(corpus, url): [(e.name, e.label) for e in article.entities]
            for corpus, url, article in enriched_articles(wanted)}


def judge(gold: list[GoldEntity], found: list[tuple[str, str]]) -> dict:
    """Score one article: verdict per record, the gold entities recalled."""
    index: dict[str, list[int]] = defaultdict(list)
    for k, g in enumerate(gold):
        for name in g.names:
            index[norm(name)].append(k)
    claimed: set[int] = set()
    named: set[int] = set()
    verdicts = []
    for name, label in found:
        ks = index.get(norm(name), [])
        real = [k for k in ks if "OTHER" not in gold[k].types]
        if real:
            k = next((k for k in real if label in gold[k].types), real[0])
            named.add(k)
            if label not in gold[k].types:
                verdict = "wrong_type"
            elif k in claimed:
                verdict = "duplicate"
            else:
                verdict = "correct"
                claimed.add(k)
            verdicts.append((name, label, verdict, gold[k].names[0], "/".join(sorted(gold[k].types))))
        else:
            verdicts.append((name, label, "neutral" if ks else "spurious", None, None))
    return {"verdicts": verdicts, "recalled": claimed, "named": named}


def score(errors: Path | None = None, gold_path: Path = GOLD) -> list[dict]:
    """One row of figures per half of ``gold_path`` (see the module doc)."""
    gold = read_gold(gold_path)
    found = predicted(set(gold))
    tally: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    lines = []
    for key, (half, entities) in gold.items():
        result = judge(entities, found[key])
        t = tally[half]
        t["articles"] += 1
        real = [k for k, g in enumerate(entities) if "OTHER" not in g.types]
        t["gold"] += len(real)
        t["gold_important"] += sum(entities[k].important for k in real)
        t["recalled"] += len(result["recalled"])
        t["recalled_important"] += sum(entities[k].important for k in result["recalled"])
        t["named"] += len(result["named"])
        for _name, label, verdict, _g, _t in result["verdicts"]:
            if label not in SCORED:
                t["evt_found"] += 1
                if verdict in ("correct", "wrong_type", "duplicate"):
                    t["typed"] += 1
                    t["typed_right"] += verdict != "wrong_type"
                continue
            t["found"] += 1
            t[verdict] += 1
            if verdict in ("correct", "wrong_type", "duplicate"):
                t["typed"] += 1
                t["typed_right"] += verdict != "wrong_type"
        if errors is not None:
            lines.append({
                "corpus": key[0], "url": key[1], "half": half,
                "wrong": [v[:2] + v[2:3] + v[3:] for v in result["verdicts"]
                          if v[2] not in ("correct", "neutral")],
                "missed": [[g.names[0], "/".join(sorted(g.types)), g.important]
                           for k, g in enumerate(entities)
                           if k in real and k not in result["recalled"]],
            })
    if errors is not None:
        with errors.open("w", encoding="utf-8") as handle:
            for line in lines:
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    rows = []
    halves = [h for h in ("tune", "test") if h in tally] + sorted(set(tally) - {"tune", "test"})
    for half in halves:
        t = tally[half]
        scored = t["found"] - t["neutral"]
        rows.append({
            "half": half,
            "articles": t["articles"],
            "gold": t["gold"],
            "found": t["found"],
            "neutral": t["neutral"],
            "correct": t["correct"],
            "spurious": t["spurious"],
            "wrong_type": t["wrong_type"],
            "duplicate": t["duplicate"],
            "evt_found": t["evt_found"],
            "precision": round(t["correct"] / scored, 3) if scored else None,
            "recall": round(t["recalled"] / t["gold"], 3) if t["gold"] else None,
            "recall_important": round(t["recalled_important"] / t["gold_important"], 3)
            if t["gold_important"] else None,
            "name_recall": round(t["named"] / t["gold"], 3) if t["gold"] else None,
            "type_accuracy": round(t["typed_right"] / t["typed"], 3) if t["typed"] else None,
        })
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD, help="gold file (default: %(default)s)")
    parser.add_argument("--errors", type=Path, help="write wrong and missed entities here (JSON lines)")
    args = parser.parse_args()
    for row in score(args.errors, args.gold):
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
