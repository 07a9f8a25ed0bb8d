"""``warta serve`` under writes: a real server process answers every request while another
process ingests into the same archive (issue 9 points 13 and 18).

Before the fix, about 1 request in 300 failed with a 500 (``Already borrowed``, ``cannot
start a transaction within a transaction``, ``database is locked``): the per-thread archive
was fetched in one pool thread and used in another, so two requests could share it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.web_support import BANJIR_ID, SEED_ID, build_archive

ROOT = Path(__file__).resolve().parents[2]
REQUESTS = 600
CLIENTS = 4

WRITER = textwrap.dedent('''
    import sys, time
    from pathlib import Path
    from warta.ingest import ingest_articles
    from warta.parse import parse
    from warta.store import open_archive

    db, stop = sys.argv[1], Path(sys.argv[2])
    page = ("{day} Maret 2022, 10:00 WIB\\n\\nBanjir Susulan {n} di Kota Contoh\\n\\n\\n"
            "Rina Sari | Metro\\n\\nBanjir susulan nomor {n} merendam rumah warga di Kota "
            "Contoh pada Kamis pagi.\\n\\nWarga kembali mengungsi ke balai desa.\\n")
    n = 0
    with open_archive(db) as archive:
        print("writing", flush=True)
        while not stop.exists():
            batch = [parse(page.format(day=1 + (n + i) % 28, n=n + i), format="text",
                           source=f"writer:{n + i}") for i in range(20)]
            ingest_articles(batch, archive, workers=0, batch_size=10)
            n += 20
    print(n, flush=True)
''')


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """``warta serve`` (a separate process, as a user runs it) over a fresh archive."""
    db = build_archive(tmp_path / "archive.db")
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-c", "from warta.cli import main; main()", "serve", "--db",
             str(db), "--port", str(port)],
            cwd=tmp_path, env=_env(), stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"warta serve did not start: {log.read_text()[-2000:]}")
            time.sleep(0.1)
        yield base, db
    finally:
        server.terminate()
        server.wait(timeout=20)


URLS = ["/api/health", "/api/articles?limit=5", "/api/search?q=banjir", "/api/entities",
        f"/api/articles/{SEED_ID}", f"/api/articles/{SEED_ID}/related", "/", "/cari?q=banjir",
        f"/artikel/{BANJIR_ID}", "/entitas", "/media/harian-contoh", "/api/search?q=NATO&sort=date"]


def test_serve_answers_every_request_while_an_ingest_writes(
        served: tuple[str, Path], tmp_path: Path) -> None:
    base, db = served
    stop = tmp_path / "stop"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(stop)], env=_env(),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    failures: list[tuple[str, int, str]] = []
    answered = [0]
    lock = threading.Lock()

    def client(offset: int) -> None:
        with httpx.Client(base_url=base, timeout=30) as http:
            for i in range(offset, REQUESTS, CLIENTS):
                url = URLS[i % len(URLS)]
                try:
                    r = http.get(url)
                except httpx.TransportError as exc:  # a reset connection is a failure too
                    with lock:
                        answered[0] += 1
                        failures.append((url, 0, repr(exc)))
                    continue
                with lock:
                    answered[0] += 1
                    if not 200 <= r.status_code < 300:
                        failures.append((url, r.status_code, r.text[:200]))

    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "writing"
        threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        stop.touch()
        out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err[-2000:]
    written = int(out.strip())
    assert written > 0  # the writer really wrote while the server answered
    assert (answered[0], failures) == (REQUESTS, []), (tmp_path / "serve.log").read_text()[-3000:]
    with httpx.Client(base_url=base) as http:  # and the server sees what was written
        assert http.get("/api/health").json()["articles"] == 6 + written


def test_search_answers_while_a_writer_holds_the_archive(tmp_path: Path) -> None:
    # a search indexes queued work and then dequeues it, which needs the write lock: with a
    # writer holding it past the busy timeout that was a 500 ("database is locked")
    import sqlite3

    from fastapi.testclient import TestClient

    from warta.web import create_app

    db = build_archive(tmp_path / "archive.db")
    app = create_app(db)
    with TestClient(app, raise_server_exceptions=False) as client:
        for archive in app.state.backend._idle:  # wait 0.2 s, not 10 s, for the lock
            archive.conn.execute("PRAGMA busy_timeout = 200")
        writer = sqlite3.connect(db, isolation_level=None)
        writer.execute("INSERT OR REPLACE INTO index_queue(rowid, seq) "
                       "SELECT rowid, 1 FROM articles")  # work for the reader to index
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE meta SET value = value WHERE key = 'analyzer'")
        try:
            r = client.get("/api/search", params={"q": "banjir"})
            assert (r.status_code, [h["id"] for h in r.json()["hits"]]) == (200, [BANJIR_ID])
            assert client.get("/cari", params={"q": "banjir"}).status_code == 200
        finally:
            writer.execute("COMMIT")
        queued = writer.execute("SELECT count(*) FROM index_queue").fetchone()[0]
        writer.close()
    assert queued == 6  # left for the next sync, not lost
