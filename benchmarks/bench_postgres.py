"""PostgreSQL archive beside SQLite+tantivy on the same 220k articles (CLICK-ID ×10).

Run: .venv/bin/python benchmarks/bench_postgres.py --pg postgresql://… [--scale 10]
(the URL defaults to $WARTA_BENCH_PG, else $WARTA_TEST_PG as set by
scripts/pg-test-cluster.sh). The archive is loaded once into the schema ``bench_x<scale>``
with ``warta migrate-archive`` (rows copied, no analysis; the load rate is reported) and
kept for later runs. Prints JSON:

* ``known_item``: 50 random CLICK-ID articles (seeded), the full title as the query; found
  when the top hit carries the same title (the ×10 copies and CLICK-ID's re-posts share it)
  — the same probe for both backends (target ≥ 48/50, and as often as SQLite+tantivy);
* ``search``: 1,000 key-phrase queries (2–3 consecutive title words, as bench_search.py),
  full search with snippets: p50/p95/p99 (target p95 ≤ 50 ms); ``total_capped``: the share
  of queries whose total stopped at the count cap (PostgreSQL: "more than 1,000");
* ``related``: 200 random articles, top 5 related: p50/p95 (target p95 ≤ 50 ms);
* per backend the 1-minute load average before and after its timings, and a second pass
  measuring CPU per call (this process + the PostgreSQL backend, read from /proc): the
  figure that does not depend on what else the machine runs.

With ``--entity-writes N`` it measures the write path instead: N enriched CLICK-ID articles
(the first N, enriched here once) stored by ``put_prepared`` in batches into fresh schemas,
with an entity's names filed in one ``unnest`` statement (``set``, the shipped form) and
with one statement per name (``per_name``, an executemany) — alternating, ``--rounds``
times each; wall ms and CPU ms (client + server backend) per article (best round), the same
for the entity upserts alone run again over every entity once all are known, and the rows
written, which must be the same.

A third column, ``postgres-node-tantivy``, is the issue's option (b): the same PostgreSQL
archive with searches ranked by a serving node's own tantivy index
(:mod:`warta.store.node_index`), with the time its first build from the rows took.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path

from _archive_data import (
    clickid_archive,
    key_phrase_queries,
    machine,
    percentiles,
    scaled_archive,
)

from warta.link.titles import title_key
from warta.store import Archive, SQLiteArchive, open_archive
from warta.store.transfer import migrate_archive

SEED = 14
WARMUP = 30


def _pg_archive(base: str, db: Path, scale: int) -> tuple[str, dict[str, float]]:
    import psycopg

    schema = f"bench_x{scale}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    url = f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
    started = time.perf_counter()
    report = migrate_archive(str(db), url)
    seconds = time.perf_counter() - started
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    info = {"load_seconds": round(seconds, 1), "articles_copied": report.articles_copied}
    if report.articles_copied:
        info["load_articles_per_s"] = round(report.articles_copied / seconds, 1)
    return url, info


def _known_items(db: Path, n: int = 50) -> list[tuple[str, str]]:
    """(title, title key) of ``n`` random articles of CLICK-ID ×1."""
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT title, title_key FROM articles WHERE title IS NOT NULL "
                        "AND title_key != '' ORDER BY rowid").fetchall()
    conn.close()
    return random.Random(SEED).sample(rows, n)


def _timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def _server_cpu(archive: Archive) -> Callable[[], float]:
    """CPU seconds of the PostgreSQL backend serving ``archive`` (a local server: read from
    /proc), 0 for SQLite (it runs in this process)."""
    conn = getattr(archive, "conn", None)
    if isinstance(archive, SQLiteArchive) or conn is None:
        return lambda: 0.0
    pid = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
    tick = os.sysconf("SC_CLK_TCK")

    def cpu() -> float:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # a server on another machine: its CPU is not visible here
            return 0.0
        return (int(fields[11]) + int(fields[12])) / tick  # utime + stime

    return cpu


def _cpu_ms(server: Callable[[], float], work: Callable[[], object], n: int) -> float:
    """CPU milliseconds per call of ``work`` (``n`` calls): this process plus the server
    backend — what a call costs whatever else the machine runs."""
    client, backend = time.process_time(), server()
    work()
    return round((time.process_time() - client + server() - backend) * 1000 / n, 2)


def measure(archive: Archive, items: list[tuple[str, str]], queries: list[tuple[str, str]],
            related_ids: list[str]) -> dict[str, object]:
    load_before = os.getloadavg()
    server = _server_cpu(archive)
    found = 0
    for title, key in items:
        hits = archive.search(title, limit=1, snippets=False).hits
        found += bool(hits) and title_key(hits[0].title) == key
    for query, _ in queries[:WARMUP]:
        archive.search(query, limit=10)
    exact: list[bool] = []
    search = [_timed(lambda q=q: exact.append(archive.search(q, limit=10).total_exact))
              for q, _ in queries]
    in_top10 = sum(target in {h.id for h in archive.search(q, limit=10, snippets=False).hits}
                   for q, target in queries)
    for article_id in related_ids[:WARMUP]:
        archive.related(article_id)
    related = [_timed(lambda i=i: archive.related(i, 5)) for i in related_ids]
    load_after = os.getloadavg()
    # CPU per call (client + server), a second pass: what the wall clock above is made of
    # when the machine is not shared
    search_cpu = _cpu_ms(server, lambda: [archive.search(q, limit=10) for q, _ in queries],
                         len(queries))
    related_cpu = _cpu_ms(server, lambda: [archive.related(i, 5) for i in related_ids],
                          len(related_ids))
    return {
        "known_item_rank1": f"{found}/{len(items)}",
        "search": {**percentiles(search), "source_in_top10": round(in_top10 / len(queries), 3),
                   # queries whose total stopped at the count cap ("more than N")
                   "total_capped": round(exact.count(False) / len(exact), 3),
                   "cpu_ms_per_call": search_cpu},
        "related": {**percentiles(related), "cpu_ms_per_call": related_cpu},
        "load_average_1m": [round(load_before[0], 2), round(load_after[0], 2)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pg", default=os.environ.get("WARTA_BENCH_PG")
                        or os.environ.get("WARTA_TEST_PG"))
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--related", type=int, default=200)
    parser.add_argument("--entity-writes", type=int, default=0,
                        help="measure only the write path of N enriched articles (see above)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--node-index", default=None,
                        help="folder of the serving node's tantivy index (option b; default "
                             "/tmp/warta-bench/node-x<scale>; 'none' skips that column)")
    args = parser.parse_args()
    if not args.pg:
        sys.exit("give --pg postgresql://… (or set WARTA_BENCH_PG)")
    if args.entity_writes:
        print(json.dumps(entity_writes(args.pg, args.entity_writes, args.rounds), indent=2))
        return
    db = clickid_archive() if args.scale == 1 else scaled_archive(args.scale)
    args.node_index = args.node_index or str(db.parent / f"node-x{args.scale}")
    url, load = _pg_archive(args.pg, db, args.scale)
    items = _known_items(clickid_archive())
    queries = key_phrase_queries(clickid_archive(), n=args.queries)
    with SQLiteArchive(db) as sqlite:
        ids = list(sqlite.ids())
        related_ids = random.Random(SEED).sample(ids, args.related)
        result: dict[str, object] = {"machine": machine(), "articles": len(ids),
                                     "targets": {"known_item_rank1": ">= 48/50",
                                                 "search_p95_ms": 50, "related_p95_ms": 50}}
        result["sqlite-tantivy"] = measure(sqlite, items, queries, related_ids)
    print(f"sqlite: {result['sqlite-tantivy']}", file=sys.stderr, flush=True)
    with open_archive(url, read_only=True) as pg:
        result["postgres-tsvector"] = {**measure(pg, items, queries, related_ids), **load,
                                       "bytes": pg.stats()["bytes"]}
    print(f"postgres: {result['postgres-tsvector']}", file=sys.stderr, flush=True)
    if args.node_index != "none":
        result["postgres-node-tantivy"] = _node_column(url, Path(args.node_index), items,
                                                       queries, related_ids)
    print(json.dumps(result, indent=2))


def _node_column(url: str, folder: Path, items: list[tuple[str, str]],
                 queries: list[tuple[str, str]], related_ids: list[str]) -> dict[str, object]:
    """Option (b): PostgreSQL as the record, searches ranked by this node's tantivy index
    (warta/store/node_index.py) — built from the rows on the first open (timed) unless the
    folder already holds this archive's index, then kept current by the change sequence."""
    from warta.store.postgres import PostgresArchive

    started = time.perf_counter()
    with PostgresArchive(url, read_only=True, node_index=folder) as pg:
        opened = time.perf_counter() - started
        return {**measure(pg, items, queries, related_ids),
                "open_seconds (index built from rows when new)": round(opened, 1),
                "index_bytes": sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())}


def _per_name(cur: object, dialect: object, names: list[str], entity_rowid: int) -> None:
    """The peer: one statement per name (the form main had before this was measured)."""
    cur.executemany("INSERT INTO entity_names(name_key, entity_rowid) VALUES (%s, %s) "  # type: ignore[attr-defined]
                    "ON CONFLICT DO NOTHING", [(n, entity_rowid) for n in names])


def entity_writes(base: str, n: int, rounds: int, batch: int = 100) -> dict[str, object]:
    """Wall and CPU ms per article of storing ``n`` enriched articles, entity names filed
    set-based (``set``) against one statement per name (``per_name``); see the docstring."""
    import itertools

    import psycopg

    from warta.config import shared_path
    from warta.ingest import prepare_article
    from warta.parse import iter_outcomes
    from warta.store import articles_sql
    from warta.store.dialect import POSTGRES
    from warta.store.postgres import PostgresArchive

    outcomes = itertools.islice(iter_outcomes([str(shared_path("data", "news", "click-id.jsonl.gz"))]), n)
    prepared = [prepare_article(o.article, True) for o in outcomes if o.article is not None]
    entities = [(e.name, e.label, e.aliases) for p in prepared for e in p.article.entities]
    shipped = articles_sql.file_names
    forms = {"set": shipped, "per_name": _per_name}
    runs: dict[str, list[dict[str, float]]] = {k: [] for k in forms}
    counts: dict[str, tuple[int, ...]] = {}
    for r, form in itertools.product(range(rounds), forms):
        schema = f"bench_entities_{form}_{r}"
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
            conn.execute(f"CREATE SCHEMA {schema}")
        url = f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
        articles_sql.file_names = forms[form]  # type: ignore[assignment]
        try:
            with PostgresArchive(url) as pg:
                server = _server_cpu(pg)
                client, backend, started = time.process_time(), server(), time.perf_counter()
                for i in range(0, len(prepared), batch):
                    pg.put_prepared(prepared[i:i + batch])
                wall = time.perf_counter() - started
                cpu = time.process_time() - client + server() - backend
                counts[form] = tuple(pg.conn.execute(
                    f"SELECT count(*) FROM {t}").fetchone()[0]
                    for t in ("entities", "entity_names", "article_entities"))
                # the entity upserts alone, again over every entity of the articles (all known
                # now: what a recurring name costs), in one transaction
                with pg.conn.transaction(), pg.conn.cursor() as cur:
                    client2, backend2, started2 = time.process_time(), server(), time.perf_counter()
                    for name, label, aliases in entities:
                        articles_sql.upsert_entity(cur, POSTGRES, name, label, aliases)
                    upsert_wall = time.perf_counter() - started2
                    upsert_cpu = time.process_time() - client2 + server() - backend2
        finally:
            articles_sql.file_names = shipped  # type: ignore[assignment]
        runs[form].append({"wall_ms_per_article": wall * 1000 / len(prepared),
                           "cpu_ms_per_article": cpu * 1000 / len(prepared),
                           "upsert_wall_us_per_entity": upsert_wall * 1e6 / len(entities),
                           "upsert_cpu_us_per_entity": upsert_cpu * 1e6 / len(entities)})
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")
    return {"machine": machine(), "articles": len(prepared), "entities": len(entities),
            "names_per_entity": round(sum(len({title_key(n) for n in [e[0], *e[2]]} - {""})
                                          for e in entities) / len(entities), 3),
            "batch": batch, "rounds": rounds,
            "rows (entities, entity_names, article_entities)": counts,
            **{form: {k: round(min(x[k] for x in xs), 3) for k in xs[0]} | {
                "median_wall_ms_per_article": round(sorted(x["wall_ms_per_article"] for x in xs)[
                    len(xs) // 2], 3),
                "upsert_cpu_us_per_entity_by_round": [round(x["upsert_cpu_us_per_entity"], 1) for x in xs],
            } for form, xs in runs.items()}}


if __name__ == "__main__":
    main()
