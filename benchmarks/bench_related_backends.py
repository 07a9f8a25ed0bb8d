"""Related lists on SQLite and PostgreSQL side by side: every article of the eval archives
of ``evals/eval_related.py`` (``$WARTA_EVAL_DIR``, built by it) copied into PostgreSQL
(``warta migrate-archive``), once with the rum index and once with GIN; how many
``related(id, k=10)`` lists (and sets) are the same as SQLite's, and the CPU per PostgreSQL
call of the client process and of its server backend (read from /proc: the server must run
on this machine).

Run: sh scripts/pg-test-cluster.sh env WARTA_EVAL_DIR=… .venv/bin/python benchmarks/bench_related_backends.py
(needs ``WARTA_TEST_PG``, which the script sets; each archive goes into a fresh schema).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402

from warta.store import SQLiteArchive  # noqa: E402
from warta.store.postgres import PostgresArchive  # noqa: E402
from warta.store.transfer import migrate_archive  # noqa: E402

CORPORA = ("tribunnews-1523", "liputan6-kompas-detik-399")


def backend_cpu(conn: Any) -> float:
    """CPU seconds (user + system) the connection's server backend has used."""
    pid = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def compare(src: str, base_url: str, schema: str, rum: bool) -> dict[str, Any]:
    """The archive ``src`` copied into ``schema``; its related lists against SQLite's."""
    with psycopg.connect(base_url, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        conn.execute(f'CREATE SCHEMA "{schema}"')
    url = f"{base_url}?options=-csearch_path%3D{schema}"
    PostgresArchive(url, rum=rum).close()  # the index kind is chosen when it is made
    migrate_archive(src, url)
    with SQLiteArchive(src) as sqlite, PostgresArchive(url, rum=rum) as pg:
        ids = list(sqlite.ids())
        same = same_set = 0
        client = server = 0.0
        for article_id in ids:
            want = [h.id for h in sqlite.related(article_id, k=10)]
            s0, c0 = backend_cpu(pg.conn), time.process_time()
            got = [h.id for h in pg.related(article_id, k=10)]
            client += time.process_time() - c0
            server += backend_cpu(pg.conn) - s0
            same += want == got
            same_set += set(want) == set(got)
        return {"articles": len(ids), "rum_index": pg.rum, "same_list": same, "same_set": same_set,
                "cpu_ms_per_call_client": round(1000 * client / len(ids), 2),
                "cpu_ms_per_call_server": round(1000 * server / len(ids), 2),
                "load_average": round(os.getloadavg()[0], 1)}


def main() -> None:
    folder = Path(os.environ.get("WARTA_EVAL_DIR", "/tmp/warta-eval"))
    base_url = os.environ["WARTA_TEST_PG"]
    out = {}
    for corpus in CORPORA:
        for rum in (True, False):
            schema = f"related_{corpus.split('-')[0]}_{'rum' if rum else 'gin'}_{os.getpid()}"
            out[f"{corpus} {'rum' if rum else 'gin'}"] = compare(
                str(folder / f"{corpus}.db"), base_url, schema, rum)
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
