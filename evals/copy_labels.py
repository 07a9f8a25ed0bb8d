"""Rebuild ``evals/copy_labels.json``: labelled article pairs of CLICK-ID for eval_copies.py.

Run: .venv/bin/python evals/copy_labels.py

The pool is every pair of CLICK-ID articles that share at least one identical paragraph of 20
words or more (paragraph identity on lower-cased words: independent of warta's shingles and
MinHash), skipping paragraphs shared by more than 6 articles (boilerplate). A pair is labelled
a copy when at least 70 % of the shorter article's paragraphs are in the other word for word
(a re-post, a retitled or updated republication); below that, articles that only share
background paragraphs are not copies. Spot-checked by hand on 60 pairs (titles, outlets,
times, paragraph counts) before writing. Only article ids are stored, no text.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from warta.config import shared_path  # noqa: E402
from warta.parse import iter_outcomes  # noqa: E402

OUT = Path(__file__).resolve().parent / "copy_labels.json"
MIN_WORDS, MAX_SHARING, COPY_SHARE, EDITED = 20, 6, 0.7, 0.8


def _key(paragraph: str) -> str:
    return " ".join(re.findall(r"\w+", paragraph.lower()))


def _present(paragraph: str, others: set[str]) -> bool:
    """The paragraph is in ``others`` word for word or lightly edited."""
    if paragraph in others:
        return True
    for other in others:
        m = SequenceMatcher(None, paragraph, other, autojunk=False)
        if m.real_quick_ratio() >= EDITED and m.quick_ratio() >= EDITED and m.ratio() >= EDITED:
            return True
    return False


def main() -> None:
    paragraphs: dict[str, set[str]] = {}
    for outcome in iter_outcomes([str(shared_path("data", "news", "click-id.jsonl.gz"))]):
        if outcome.article is not None:
            paragraphs[outcome.article.id] = {_key(p) for p in outcome.article.paragraphs}
    index: dict[str, set[str]] = defaultdict(set)
    for article_id, keys in paragraphs.items():
        for key in keys:
            if len(key.split()) >= MIN_WORDS:
                index[key].add(article_id)
    pairs: Counter[tuple[str, str]] = Counter()
    for ids in index.values():
        if 2 <= len(ids) <= MAX_SHARING:
            ordered = sorted(ids)
            for i, a in enumerate(ordered):
                for b in ordered[i + 1:]:
                    pairs[(a, b)] += 1
    labels = []
    for a, b in sorted(pairs):
        shorter, longer = sorted((paragraphs[a], paragraphs[b]), key=len)
        share = sum(_present(p, longer) for p in shorter) / max(1, len(shorter))
        labels.append({"a": a, "b": b, "copy": share >= COPY_SHARE})
    about = " ".join(__doc__.split("\n\n")[2].split())
    lines = ",\n".join(json.dumps(p) for p in labels)
    OUT.write_text(f'{{"about": {json.dumps(about)},\n"pairs": [\n{lines}\n]}}\n')
    print(json.dumps({"pairs": len(labels), "copies": sum(p["copy"] for p in labels)}))


if __name__ == "__main__":
    main()
