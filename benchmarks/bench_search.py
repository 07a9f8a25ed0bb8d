"""Search latency: SQLite FTS5 (the archive's engine) beside bm25s and tantivy, same run.

Run: .venv/bin/python benchmarks/bench_search.py [--scales 1,10] [--queries 1000]
Prints JSON per archive scale (CLICK-ID ×1 = 22k articles, ×10 = 220k) and engine:
p50/p95/p99 latency of 1,000 key-phrase queries (2–3 consecutive title words), the share
of queries whose source article is in the top 10, index build seconds and index bytes.

Every engine gets the same analysed terms (warta's Indonesian analyser) and the same
top-10 task with the title weighted ×4:
* ``warta-tantivy``  — ``SQLiteArchive.search`` as the CLI/API call it (the default engine):
  query parse, tantivy BM25 top 10 + total count, rows from SQLite, highlighted snippets.
* ``warta-fts5``     — the same archive with ``engine="fts5"`` (SQLite FTS5 ``bm25()``).
* ``*-core``         — the same two without snippets (the engines alone, plus row fetch).
* ``bm25s``          — in-memory sparse BM25 (title terms repeated 4×); OR semantics.
* ``tantivy-raw``    — a bare tantivy index of the same terms, no archive around it.
Result (2 cores, recorded in benchmarks/RESULTS-archive.md): tantivy is chosen; FTS5's
bm25() scores every matching row and misses the ×10 target.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _archive_data import clickid_archive, key_phrase_queries, machine, percentiles, scaled_archive

from warta.lang.analysis import analyze
from warta.store import SQLiteArchive

WARMUP = 50
Engine = Callable[[str], list[str]]


def _terms(db: Path) -> tuple[list[str], list[list[str]], list[list[str]]]:
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT a.id, t.title, t.body FROM articles a JOIN terms t ON t.rowid = a.rowid ORDER BY a.rowid"
    ).fetchall()
    conn.close()
    return [r[0] for r in rows], [r[1].split() for r in rows], [r[2].split() for r in rows]


def archive_engine(db: Path, engine: str, snippets: bool) -> tuple[Engine, dict[str, float]]:
    started = time.perf_counter()
    archive = SQLiteArchive(db, engine=engine)  # builds the tantivy index on first open
    seconds = time.perf_counter() - started
    size = archive.stats()["bytes"]

    def run(query: str) -> list[str]:
        return [h.id for h in archive.search(query, limit=10, snippets=snippets).hits]

    return run, {"open_seconds": round(seconds, 1), "archive_bytes": size}


def bm25s_engine(ids: list[str], titles: list[list[str]], bodies: list[list[str]]) -> tuple[Engine, dict[str, float]]:
    import bm25s
    import numpy as np

    started = time.perf_counter()
    retriever = bm25s.BM25(k1=1.2, b=0.75)
    retriever.index([t * 4 + b for t, b in zip(titles, bodies, strict=True)], show_progress=False)
    seconds = time.perf_counter() - started
    vocab = retriever.vocab_dict
    matrix = retriever.scores
    size = sum(np.asarray(matrix[k]).nbytes for k in ("data", "indices", "indptr"))

    def run(query: str) -> list[str]:
        terms = [t for t in analyze(query) if t in vocab]
        if not terms:
            return []
        docs, _ = retriever.retrieve([terms], k=10, show_progress=False, n_threads=1)
        return [ids[i] for i in docs[0]]

    return run, {"index_seconds": round(seconds, 1), "index_bytes": int(size)}


def tantivy_engine(ids: list[str], titles: list[list[str]], bodies: list[list[str]],
                   folder: Path) -> tuple[Engine, dict[str, float]]:
    import tantivy

    started = time.perf_counter()
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("title", tokenizer_name="whitespace")
    builder.add_text_field("body", tokenizer_name="whitespace")
    builder.add_integer_field("n", stored=True)
    index = tantivy.Index(builder.build(), path=str(folder))
    writer = index.writer(heap_size=200_000_000, num_threads=1)
    for n, (t, b) in enumerate(zip(titles, bodies, strict=True)):
        writer.add_document(tantivy.Document(title=" ".join(t), body=" ".join(b), n=n))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    seconds = time.perf_counter() - started
    searcher = index.searcher()
    size = sum(p.stat().st_size for p in folder.iterdir() if p.is_file())

    def run(query: str) -> list[str]:
        terms = analyze(query)
        if not terms:
            return []
        text = " ".join('"' + t.replace('"', "") + '"' for t in terms)
        parsed = index.parse_query(text, ["title", "body"], field_boosts={"title": 4.0},
                                   conjunction_by_default=True)
        hits = searcher.search(parsed, 10).hits
        return [ids[searcher.doc(address)["n"][0]] for _, address in hits]

    return run, {"index_seconds": round(seconds, 1), "index_bytes": size}


def measure(engine: Engine, queries: list[tuple[str, str]]) -> dict[str, float]:
    for query, _ in queries[:WARMUP]:
        engine(query)
    samples, found = [], 0
    for query, target in queries:
        started = time.perf_counter()
        got = engine(query)
        samples.append((time.perf_counter() - started) * 1000)
        found += target in got
    return {**percentiles(samples), "source_in_top10": round(found / len(queries), 3)}


def bench_scale(scale: int, queries: list[tuple[str, str]], engines: list[str]) -> dict[str, object]:
    db = clickid_archive() if scale == 1 else scaled_archive(scale)
    ids, titles, bodies = _terms(db)
    out: dict[str, object] = {"articles": len(ids)}
    with tempfile.TemporaryDirectory() as tmp:
        for name in engines:
            if name.startswith("warta-"):  # warta-tantivy, warta-fts5 (+ "-core": no snippets)
                kind = name.split("-")[1]
                engine, info = archive_engine(db, kind, snippets=not name.endswith("-core"))
            elif name == "bm25s":
                engine, info = bm25s_engine(ids, titles, bodies)
            else:
                engine, info = tantivy_engine(ids, titles, bodies, Path(tmp))
            out[name] = {**measure(engine, queries), **info}
            print(f"x{scale} {name}: {out[name]}", flush=True, file=__import__('sys').stderr)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", default="1,10")
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--engines", default="warta-tantivy,warta-tantivy-core,warta-fts5,"
                        "warta-fts5-core,bm25s,tantivy-raw")
    args = parser.parse_args()
    queries = key_phrase_queries(clickid_archive(), n=args.queries)
    result: dict[str, object] = {
        "machine": machine(),
        "queries": len(queries),
        "targets": {"x1": {"p50_ms": 5, "p95_ms": 25}, "x10": {"p95_ms": 50}},
    }
    for scale in (int(s) for s in args.scales.split(",")):
        result[f"x{scale}"] = bench_scale(scale, queries, args.engines.split(","))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
