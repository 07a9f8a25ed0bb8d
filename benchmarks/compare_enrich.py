"""Enrichment must not change while it is made faster: dump, then compare byte for byte.

Enriches articles from ``../shared/data/news`` — the Tribunnews articles the speed benchmark
uses (``bench_enrich.articles``), the first CLICK-ID records (every outlet; the ingest
benchmark's slice) and the other news sets — through :func:`warta.enrich.pipeline.enrich_analysed`
(the ingest path) and writes one JSON line per article: the enriched record's ``to_json()``
plus the body terms handed to the index. Run it on the old code and on the new (``PYTHONPATH``
picks the checkout), then ``--compare OLD NEW`` prints the rows that differ (exit 1 if any).
Nothing from the corpora is committed: the dumps go to a path you choose (e.g. /tmp).

    PYTHONPATH=/tmp/old .venv/bin/python benchmarks/compare_enrich.py --limit 300 --out /tmp/old.jsonl
    PYTHONPATH=$PWD .venv/bin/python benchmarks/compare_enrich.py --limit 300 --out /tmp/new.jsonl
    .venv/bin/python benchmarks/compare_enrich.py --compare /tmp/old.jsonl /tmp/new.jsonl

``--ner`` dumps the tagger's BIO tags on every NER test split instead (batched and one
sentence at a time, the two decoding paths).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _samples(limit: int) -> Iterator[tuple[str, int, object]]:
    """``(set, row, Article)``: ``limit`` articles from each source (CLICK-ID's withheld days
    skipped; ``row`` is the record's place in its file)."""
    from bench_enrich import articles  # this script's folder

    from warta.config import shared_path
    from warta.parse import iter_outcomes

    for i, article in enumerate(articles(limit)):
        yield "tribunnews-bench", i, article
    for name in ("click-id.jsonl.gz", "liputan6-kompas-detik-399", "tribunnews-politik-199"):
        outcomes = iter_outcomes([str(shared_path("data", "news", name))])
        kept = 0
        for i, outcome in enumerate(outcomes):
            if kept == limit:
                break
            article = outcome.article
            if article is None or (name == "click-id.jsonl.gz" and _withheld(article)):
                continue
            kept += 1
            yield name, i, article


# CLICK-ID's articles of these days are kept out of every use (the project's rule: they may
# be the hidden evaluation's story day)
_WITHHELD_DAYS = frozenset({"2019-09-18", "2019-09-19"})


def _withheld(article: object) -> bool:
    """Whether a CLICK-ID article was published on a withheld day."""
    published = getattr(article, "published", None)
    return published is not None and published.date().isoformat() in _WITHHELD_DAYS


def dump(limit: int, out: Path) -> int:
    """Write one line per enriched article to ``out``; returns the number written."""
    # imported before bench_enrich, which puts this checkout first on sys.path: the warta
    # compared is the one PYTHONPATH names
    import warta
    from warta.enrich.pipeline import enrich_analysed

    print(f"warta from {Path(warta.__file__).parent}", file=sys.stderr)

    written = 0
    with out.open("w", encoding="utf-8") as handle:
        for name, row, article in _samples(limit):
            enriched, terms = enrich_analysed(article)  # type: ignore[arg-type]
            line = {"set": name, "row": row, "article": enriched.to_json(), "terms": terms}
            handle.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
            written += 1
    return written


def dump_ner(out: Path) -> int:
    """Write the shipped tagger's tags of every NER test split (NERGrit, NERP, NER-UGM
    folds) to ``out``: all sentences in one call (batched numpy decoding) and the first 300
    one by one (crfsuite decoding), one JSON line per sentence; returns the lines written."""
    import warta
    from warta.enrich.ner import NerTagger, load_tagger
    from warta.enrich.ner_train import CORPORA, corpus_split

    print(f"warta from {Path(warta.__file__).parent}", file=sys.stderr)
    tagger = NerTagger(load_tagger().path)  # fresh caches
    written = 0
    with out.open("w", encoding="utf-8") as handle:
        for corpus, (_, files) in CORPORA.items():
            for split in (f for f in files if f.startswith("test")):
                sents = [tokens for tokens, _ in corpus_split(corpus, split)]
                batched = tagger.tag_sents(sents)
                single = [tagger.tag(s) for s in sents[:300]]
                for k, tags in enumerate(batched):
                    line = {"set": f"{corpus}/{split}", "row": k, "tags": tags,
                            "single": single[k] if k < len(single) else None}
                    handle.write(json.dumps(line, sort_keys=True) + "\n")
                    written += 1
    return written


def compare(old: Path, new: Path) -> int:
    """Print the rows that differ (and which fields); returns how many differ."""
    differ = 0
    old_lines = old.read_text(encoding="utf-8").splitlines()
    new_lines = new.read_text(encoding="utf-8").splitlines()
    if len(old_lines) != len(new_lines):
        print(f"line counts differ: {len(old_lines)} vs {len(new_lines)}")
        differ += 1
    for a, b in zip(old_lines, new_lines):
        if a == b:
            continue
        differ += 1
        ra, rb = json.loads(a), json.loads(b)
        if "tags" in ra:
            print(f"{ra['set']} row {ra['row']}: NER tags differ")
            continue
        aa, ab = json.loads(ra["article"]), json.loads(rb["article"])
        fields = sorted(k for k in set(aa) | set(ab) if aa.get(k) != ab.get(k))
        if ra["terms"] != rb["terms"]:
            fields.append("terms")
        print(f"{ra['set']} row {ra['row']}: differs in {', '.join(fields)}")
    print(f"{len(new_lines)} rows compared, {differ} differ")
    return differ


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=300, help="articles per source")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--ner", action="store_true",
                        help="dump the tagger's tags on the NER test splits instead")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("OLD", "NEW"))
    args = parser.parse_args()
    if args.compare:
        sys.exit(1 if compare(*args.compare) else 0)
    if not args.out:
        parser.error("give --out FILE (dump) or --compare OLD NEW")
    if args.ner:
        print(f"{dump_ner(args.out)} sentences written to {args.out}")
        return
    print(f"{dump(args.limit, args.out)} articles written to {args.out}")


if __name__ == "__main__":
    main()
