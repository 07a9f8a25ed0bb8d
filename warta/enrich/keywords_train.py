"""Build the shipped keyword IDF table (``warta train keywords``).

Document frequencies of the analyser's terms (:func:`warta.lang.analyze`, title + body)
over two public news corpora in the shared folder: CLICK-ID (22,136 articles, CC BY 4.0)
and tribunnews-1523 (1,523 articles, MIT). Only terms found in at least ``min_df`` articles
are kept, at most ``limit`` of them (the most frequent): rarer terms are read as rare by
:class:`warta.enrich.keywords.IdfTable` anyway, so dropping them changes no weight much and
keeps the file small. The output is deterministic (sorted by frequency, then term).
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from ..config import shared_path
from ..lang.normalize import analyze
from .keywords import DEFAULT_IDF

__all__ = ["build_idf", "corpus_texts"]

MIN_DF = 3
LIMIT = 40_000


def corpus_texts() -> Iterator[str]:
    """Title + body of every article of the corpora the table is built from."""
    with gzip.open(shared_path("data", "news", "click-id.jsonl.gz"), "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            yield f"{row.get('title') or ''}\n\n{row.get('content') or ''}"
    folder = shared_path("data", "news", "tribunnews-1523")
    for name in sorted(p.name for p in folder.glob("*_content.json")):
        for row in json.loads((folder / name).read_text(encoding="utf-8")):
            yield f"{row.get('title') or ''}\n\n{row.get('content') or ''}"


def build_idf(output: Path | None = None, min_df: int = MIN_DF, limit: int = LIMIT) -> dict:
    """Count document frequencies and write the gzipped TSV (``#documents`` line first).
    Returns a JSON-ready summary of the run."""
    df: Counter[str] = Counter()
    documents = 0
    for text in corpus_texts():
        documents += 1
        df.update(set(analyze(text)))
    kept = sorted(((t, d) for t, d in df.items() if d >= min_df), key=lambda p: (-p[1], p[0]))[:limit]
    target = output if output is not None else DEFAULT_IDF
    # mtime=0: the same corpora give byte-identical files.
    with open(target, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as handle:
        handle.write(f"#documents\t{documents}\n".encode())
        for term, d in kept:
            handle.write(f"{term}\t{d}\n".encode())
    return {"table": str(target), "documents": documents, "terms": len(kept), "min_df": min_df}
