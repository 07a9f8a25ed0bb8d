"""Ingest: idempotent batches, revisions, failures, pool == serial, kill -9 safety, seed page."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import seed_path
from tests.unit.test_ingest_safety import _row as named_row
from tests.unit.test_ingest_safety import _write as write_rows
from warta.ingest import ingest
from warta.store import SQLiteArchive

PLACES = ["Bandung", "Medan", "Makassar", "Palembang", "Semarang", "Padang", "Kupang", "Ambon"]
TOPICS = [
    ("Jembatan baru diresmikan di {p}", "Wali kota meresmikan jembatan penghubung dua kecamatan di {p}."),
    ("Festival kuliner ramaikan {p}", "Ratusan pedagang menjajakan makanan khas dalam festival di {p}."),
    ("Sekolah di {p} mulai belajar tatap muka", "Murid kembali ke kelas setelah libur panjang di {p}."),
    ("Harga cabai di {p} turun", "Pasokan cabai dari petani sekitar {p} kembali lancar."),
]


def write_export(path: Path, n: int, *, changed: int | None = None) -> None:
    """A JSONL export of ``n`` invented articles (row ``changed`` gets a corrected body)."""
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            title, lead = TOPICS[i % len(TOPICS)]
            place = PLACES[(i // len(TOPICS)) % len(PLACES)]
            body = [lead.format(p=place), f"Laporan nomor {i} ditulis oleh tim redaksi contoh."]
            if i == changed:
                body.append("Ralat: jumlah peserta yang benar adalah seratus orang.")
            handle.write(json.dumps({
                "title": f"{title.format(p=place)} ({i})", "content": "\n\n".join(body),
                "url": f"https://contoh.example/berita/{i}", "source": "Kabar Fiksi",
                "date": f"2024-02-{1 + i % 28:02d}",
            }, ensure_ascii=False) + "\n")


def test_ingest_is_idempotent_and_keeps_revisions(tmp_path: Path) -> None:
    export = tmp_path / "berita.jsonl"
    write_export(export, 40)
    (tmp_path / "kosong.txt").write_bytes(b"   \n")
    with SQLiteArchive(tmp_path / "a.db") as archive:
        first = ingest([str(export), str(tmp_path / "kosong.txt")], archive, batch_size=16, workers=0)
        assert first.to_dict() | {"seconds": 0, "articles_per_second": 0} == {
            "documents": 41, "articles": 40, "added": 40, "updated": 0, "unchanged": 0,
            "links_resolved": 0, "enriched": 0, "earlier_versions": 0, "failures": 1, "batches": 3,
            "seconds": 0, "articles_per_second": 0,
        }
        failure = archive.failures()[0]
        assert (failure.source, failure.code, failure.raw) == (str(tmp_path / "kosong.txt"), "empty_document", b"   \n")
        again = ingest([str(export)], archive, batch_size=16, workers=0)
        assert (again.put.added, again.put.unchanged) == (0, 40)
        write_export(export, 40, changed=7)
        third = ingest([str(export)], archive, batch_size=16, workers=0)
        assert (third.put.added, third.put.updated, third.put.unchanged) == (0, 1, 39)
        assert archive.count() == 40
        [hit] = archive.search("ralat").hits
        assert [r.revision for r in archive.revisions(hit.id)] == [1]


def test_pool_and_serial_store_the_same(tmp_path: Path) -> None:
    export = tmp_path / "berita.jsonl"
    write_export(export, 30)
    with SQLiteArchive(tmp_path / "serial.db") as serial, SQLiteArchive(tmp_path / "pool.db") as pooled:
        ingest([str(export)], serial, workers=0)
        ingest([str(export)], pooled, workers=2, batch_size=7)
        assert list(serial.ids()) == list(pooled.ids())
        assert serial.search("cabai").total == pooled.search("cabai").total == 7


def _ingest_cmd(export: Path, db: Path, *options: str) -> list[str]:
    code = "from warta.cli import main; main()"
    return [sys.executable, "-c", code, "ingest", str(export), "--db", str(db), "--batch-size", "20",
            "--workers", "1", *options]


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet
        return 0


def test_kill_9_mid_ingest_then_rerun_equals_clean_run(tmp_path: Path) -> None:
    n = 3000
    export = tmp_path / "berita.jsonl"
    write_export(export, n)
    crashed, clean = tmp_path / "crashed.db", tmp_path / "clean.db"
    proc = subprocess.Popen(_ingest_cmd(export, crashed, "--no-enrich"), start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _count(crashed) < 100 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)  # the whole group: writer and analysis workers
    proc.wait()
    at_kill = _count(crashed)
    assert 100 <= at_kill < n, "the kill must land mid-run"
    assert at_kill % 20 == 0, "only whole batches are ever visible"
    rerun = subprocess.run(_ingest_cmd(export, crashed, "--no-enrich"), capture_output=True,
                           text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{at_kill} unchanged" in rerun.stdout
    subprocess.run(_ingest_cmd(export, clean, "--no-enrich"), check=True, capture_output=True,
                   timeout=300)
    with SQLiteArchive(crashed) as a, SQLiteArchive(clean) as b:
        assert a.count() == b.count() == n
        assert sorted(a.ids()) == sorted(b.ids())
        rows = a.conn.execute("SELECT count(DISTINCT id), (SELECT count(*) FROM terms), "
                              "(SELECT count(*) FROM signatures) FROM articles").fetchone()
        assert rows == (n, n, n)
        a.conn.execute("INSERT INTO fts(fts) VALUES ('integrity-check')")  # raises if corrupt
        assert a.search("redaksi contoh").total == n
        assert a.index is not None and a.index.num_docs == n  # the search index caught up too


def _wait_for(db: Path, proc: subprocess.Popen[bytes], at_least: int) -> None:
    deadline = time.monotonic() + 120
    while _count(db) < at_least and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)


def _enriched_figures(db: Path) -> dict[str, int]:
    with SQLiteArchive(db) as archive:
        stats = archive.stats()
        figures = {k: stats[k] for k in ("articles", "revisions", "enriched", "entities",
                                         "entity_mentions", "quotes")}
        entities = archive.conn.execute(
            "SELECT name, label, aliases, article_count FROM entities ORDER BY name_key").fetchall()
        docs = {a.id: a.to_dict() for a in archive}
    for d in docs.values():
        d.pop("source")
    return {**figures, "entity_rows": entities, "docs": docs}  # type: ignore[dict-item]


def test_kill_9_mid_enriched_ingest_then_rerun_equals_clean_run(tmp_path: Path) -> None:
    n = 400
    export = write_rows(tmp_path / "pasar.jsonl", [named_row(i) for i in range(n)])  # with quotes
    crashed, clean = tmp_path / "crashed.db", tmp_path / "clean.db"
    proc = subprocess.Popen(_ingest_cmd(export, crashed), start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_for(crashed, proc, 60)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    at_kill = _count(crashed)
    assert 60 <= at_kill < n, "the kill must land mid-run"
    rerun = subprocess.run(_ingest_cmd(export, crashed), capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.startswith(f"{n} articles ({n - at_kill} new, 0 updated, {at_kill} unchanged)")
    subprocess.run(_ingest_cmd(export, clean), check=True, capture_output=True, timeout=300)
    got, want = _enriched_figures(crashed), _enriched_figures(clean)
    assert {k: want[k] for k in ("articles", "revisions", "enriched", "entities", "entity_mentions",
                                 "quotes")} == {"articles": n, "revisions": 0, "enriched": n,
                                                "entities": 14, "entity_mentions": 3200, "quotes": 800}
    assert got == want


def _terminal_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_stops_quietly_says_what_was_stored_and_resumes(tmp_path: Path) -> None:
    n = 3000
    export = tmp_path / "berita.jsonl"
    write_export(export, n)
    db = tmp_path / "a.db"
    # a terminal's foreground job has Ctrl-C at its default; a child inherits an ignored
    # SIGINT (some library in this test process may have set one), and Python then keeps
    # ignoring it, so the child gets the terminal's disposition explicitly
    proc = subprocess.Popen(_ingest_cmd(export, db), start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_terminal_sigint)
    _wait_for(db, proc, 100)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole group
    out, err = proc.communicate(timeout=120)
    stored = _count(db)
    assert proc.returncode == 130, err
    assert 100 <= stored < n and stored % 20 == 0
    assert (out, err) == ("", f"\ninterrupted: {stored:,} articles stored ({stored // 20} batches); "
                          "rerun the same command to resume\n")
    rerun = subprocess.run(_ingest_cmd(export, db, "--no-enrich"), capture_output=True, text=True,
                           timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.startswith(f"{n} articles ({n - stored} new, 0 updated, {stored} unchanged)")


def test_seed_page_ingests_is_searchable_and_its_link_resolves_later(tmp_path: Path) -> None:
    seed = seed_path()
    with SQLiteArchive(tmp_path / "seed.db") as archive:
        report = ingest([str(seed)], archive, workers=0)
        assert (report.put.added, report.failures) == (1, 0)
        result = archive.search("NATO tolak permintaan Rusia")
        assert [h.title for h in result.hits] == [
            "NATO Tolak Permintaan Rusia untuk Tarik Pasukan dari Bulgaria-Rumania"
        ]
        seed_id = result.hits[0].id
        assert archive.search('"Oana Lungescu" section:internasional').total == 1
        assert archive.get(seed_id).read_also[0].id is None  # type: ignore[union-attr]
        # the linked article (written here, invented) arrives after the page that links to it
        later = tmp_path / "later.jsonl"
        later.write_text(json.dumps({
            "title": "AS-Rusia Berjanji untuk Redakan Ketegangan Atas Ukraina",
            "content": "Kedua negara sepakat melanjutkan pembicaraan pekan depan.",
            "url": "https://contoh.example/as-rusia", "source": "Kabar Fiksi",
        }) + "\n", encoding="utf-8")
        linked = ingest([str(later)], archive, workers=0)
        assert linked.put.links_resolved == 1
        target = archive.search("redakan ketegangan").hits[0].id
        assert archive.get(seed_id).read_also[0].id == target  # type: ignore[union-attr]


def test_enriched_ingest_fills_the_entity_table_and_filter(tmp_path: Path) -> None:
    seed = seed_path()
    with SQLiteArchive(tmp_path / "enriched.db") as archive:
        ingest([str(seed)], archive, workers=0, enrich=True)
        names = {e.name: (e.label, e.article_count) for e in archive.entities()}
        assert names["Oana Lungescu"] == ("PER", 1)
        assert names["NATO"] == ("ORG", 1)
        [hit] = archive.search('entity:"Oana Lungescu" NATO').hits
        assert hit.title == "NATO Tolak Permintaan Rusia untuk Tarik Pasukan dari Bulgaria-Rumania"
        assert archive.search('entity:"Oana Lungescu" -entity:NATO').total == 0


def test_rerun_skips_stored_articles_before_analysing_them(tmp_path: Path, monkeypatch) -> None:
    export = tmp_path / "berita.jsonl"
    write_export(export, 12)
    with SQLiteArchive(tmp_path / "a.db") as archive:
        ingest([str(export)], archive, workers=0)
        write_export(export, 12, changed=3)

        def only_the_changed_one(article, **kw):  # type: ignore[no-untyped-def]
            assert article.url == "https://contoh.example/berita/3", "analysed a stored article"
            return real_prepare(article, **kw)

        import warta.ingest as ingest_module

        real_prepare = ingest_module.prepare
        monkeypatch.setattr(ingest_module, "prepare", only_the_changed_one)
        again = ingest([str(export)], archive, workers=0)
        assert (again.documents, again.put.updated, again.put.unchanged) == (12, 1, 11)


def test_worker_pool_start_leaves_the_parent_collector_as_it_was() -> None:
    """The analysis workers start with the parent's objects frozen out of their garbage
    collection and a higher young-generation threshold; the parent keeps its own settings."""
    import gc
    import multiprocessing

    from warta.ingest import _WORKER_GC_THRESHOLD, _forked_pool, _quiet_worker

    before = gc.get_threshold()
    frozen = gc.get_freeze_count()
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with _forked_pool(multiprocessing.get_context(method), 1) as pool:
        worker = pool.apply(gc.get_threshold)
        worker_frozen = pool.apply(gc.get_freeze_count)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == frozen
    assert worker == (_WORKER_GC_THRESHOLD, *before[1:])
    if method == "fork":
        assert worker_frozen > frozen
    signal_handler = signal.getsignal(signal.SIGINT)
    try:
        _quiet_worker()  # in this process: the same settings
        assert gc.get_threshold()[0] == _WORKER_GC_THRESHOLD
    finally:
        gc.set_threshold(*before)
        signal.signal(signal.SIGINT, signal_handler)
