"""Issue 14, point 2: `warta batch` on a real Dask LocalCluster gives exactly the archive
`warta ingest` gives; reruns do nothing; a worker killed mid-shard changes nothing."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from warta.cli import cli
from warta.ingest import ingest
from warta.store import open_archive

pytest.importorskip("pyarrow")
distributed = pytest.importorskip("distributed")

from warta.batch import dask_client, plan_shards, run_batch  # noqa: E402 (after the importorskip)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SHARD = 5  # small shards, so that exports are cut into windows and pages grouped

BODY = ("JAKARTA, KOMPAS.com - Pemerintah Kota Contoh membuka pasar rakyat nomor {n} "
        "pada Senin (12/2/2024).,\"Pasar ini untuk warga,\" kata Wali Kota Contoh, "
        "Andi Pratama.,Pedagang menyambut gembira pembukaan pasar itu.")


def _export_rows() -> list[str]:
    rows = []
    for n in range(14):
        rows.append(json.dumps({
            "title": f"Pasar Rakyat {n} Dibuka", "content": BODY.format(n=n),
            "date": "2024-02-12", "time": "10:00 WIB", "source": "kompas.com",
            "url": f"https://www.kompas.com/read/2024/02/12/{n}/pasar", "category": "Regional",
        }))
    # a second version of row 3 (same url, new headline): the later one stays current
    rows.append(json.dumps({"title": "Pasar Rakyat 3 Diresmikan", "content": BODY.format(n=3),
                            "date": "2024-02-12", "time": "11:00 WIB", "source": "kompas.com",
                            "url": "https://www.kompas.com/read/2024/02/12/3/pasar"}))
    rows.append("{not json")
    rows.append(json.dumps({"title": "Kosong", "content": "", "source": "kompas.com"}))
    return rows


def _write_inputs(root: Path) -> list[str]:
    """A fixture set of every kind batch reads: a gzip JSONL export (cut into windows, with
    a bad row, an empty row and two versions of one article), a folder of pages with a
    LICENSE file in it, CSV and JSON exports."""
    data = root / "input"
    pages = data / "pages"
    pages.mkdir(parents=True)
    with gzip.open(data / "big.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write("\n".join(_export_rows()) + "\n")
    for name in ("kompas_style.txt", "bad_date.txt", "no_date.txt"):
        shutil.copy(FIXTURES / "text" / name, pages / name)
    (pages / "LICENSE").write_text("MIT\n", encoding="utf-8")
    (pages / "kosong.txt").write_bytes(b"")
    for name in ("articles.csv", "articles.jsonl", "wall.json"):
        shutil.copy(FIXTURES / "export" / name, data / name)
    return [str(data / "big.jsonl.gz"), str(pages), str(data / "articles.csv"),
            str(data / "articles.jsonl"), str(data / "wall.json")]


def _snapshot(db: Path) -> dict[str, Any]:
    """Everything an archive holds that a user sees: every article as stored, revisions,
    failures with their raw bytes, in order."""
    with open_archive(db, read_only=True) as archive:
        ids = list(archive.ids())
        return {
            "articles": {i: archive.get(i).to_dict() for i in ids},  # type: ignore[union-attr]
            "order": ids,
            "revisions": {i: [r.article.to_dict() for r in archive.revisions(i)] for i in ids},
            "failures": [(f.source, f.code, f.reason, f.raw) for f in archive.failures()],
            "stats": {k: v for k, v in archive.stats().items() if k not in ("bytes", "bytes_per_article")},
        }


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], dict[str, Any]]:
    """The fixture set and the archive `warta ingest` makes of it (enriched, the default)."""
    root = tmp_path_factory.mktemp("batch")
    sources = _write_inputs(root)
    with open_archive(root / "ingest.db") as archive:
        report = ingest(sources, archive, workers=0)
    assert report.failures == 6 and report.put.added == 22 and report.put.updated == 1
    return sources, _snapshot(root / "ingest.db")


@pytest.fixture(scope="module")
def client() -> Any:
    with dask_client(workers=2) as c:
        yield c


def test_plan_cuts_exports_into_windows_in_input_order(inputs: tuple[list[str], dict]) -> None:
    sources, _ = inputs
    shards = plan_shards(sources, shard_size=SHARD)
    pieces = [(Path(p.name).name, p.window) for s in shards for p in s.pieces]
    assert pieces == [
        ("big.jsonl.gz", (0, 5)), ("big.jsonl.gz", (5, 10)), ("big.jsonl.gz", (10, 15)),
        ("big.jsonl.gz", (15, None)), ("LICENSE", None), ("bad_date.txt", None),
        ("kompas_style.txt", None), ("kosong.txt", None), ("no_date.txt", None),
        ("articles.csv", (0, None)), ("articles.jsonl", (0, None)), ("wall.json", (0, None)),
    ]
    assert [s.size for s in shards] == [5, 5, 5, 5, 5, 4]
    assert len({s.key for s in shards}) == 6
    # the same input and options give the same keys; another option other keys
    assert [s.key for s in plan_shards(sources, shard_size=SHARD)] == [s.key for s in shards]
    assert not {s.key for s in plan_shards(sources, shard_size=SHARD, enrich=False)} & {
        s.key for s in shards}
    # a limit takes the first documents: the last window is closed, the file not read on
    limited = plan_shards(sources, shard_size=SHARD, limit=7)
    assert [(Path(p.name).name, p.window) for s in limited for p in s.pieces] == [
        ("big.jsonl.gz", (0, 5)), ("big.jsonl.gz", (5, 7))]


def test_batch_gives_exactly_what_ingest_gives_and_a_rerun_does_nothing(
        inputs: tuple[list[str], dict], client: Any, tmp_path: Path) -> None:
    sources, expected = inputs
    db, out = tmp_path / "batch.db", tmp_path / "shards"
    report = run_batch(sources, out, client=client, load=str(db), shard_size=SHARD)
    assert (report.shards, report.computed, report.loaded) == (6, 6, 6)
    assert (report.articles, report.failures, report.failed_shards) == (23, 6, [])
    assert (report.put.added, report.put.updated) == (22, 1)
    assert _snapshot(db) == expected
    parquet = sorted(p.name for p in out.glob("*.parquet"))
    assert len(parquet) == 12 and not list(out.glob("*.tmp-*"))

    manifest = (out / "manifest.jsonl").read_bytes()
    stamps = {p: p.stat().st_mtime_ns for p in out.iterdir()}
    again = run_batch(sources, out, client=client, load=str(db), shard_size=SHARD)
    assert (again.shards, again.computed, again.loaded) == (6, 0, 0)
    assert (again.articles, again.failures) == (23, 6)
    assert (out / "manifest.jsonl").read_bytes() == manifest
    assert {p: p.stat().st_mtime_ns for p in out.iterdir()} == stamps
    assert _snapshot(db) == expected


def test_a_new_archive_is_loaded_from_finished_shards_and_a_lost_shard_is_redone(
        inputs: tuple[list[str], dict], client: Any, tmp_path: Path) -> None:
    sources, expected = inputs
    out = tmp_path / "shards"
    run_batch(sources, out, client=client, load=str(tmp_path / "first.db"), shard_size=SHARD)
    # the manifest says loaded, but into another archive: a replaced archive is loaded again
    (tmp_path / "first.db").unlink()
    for extra in tmp_path.glob("first.db*"):
        shutil.rmtree(extra) if extra.is_dir() else extra.unlink()
    shards = plan_shards(sources, shard_size=SHARD)
    (out / shards[2].file_name).unlink()  # as if its worker died before the rename
    (out / f"{shards[2].file_name}.tmp-0badc0de").write_bytes(b"PAR1 half")
    report = run_batch(sources, out, client=client, load=str(tmp_path / "first.db"),
                       shard_size=SHARD)
    assert (report.computed, report.loaded) == (1, 6)
    assert not list(out.glob("*.tmp-*"))
    assert _snapshot(tmp_path / "first.db") == expected


def test_shards_are_typed_parquet_tables(inputs: tuple[list[str], dict], client: Any,
                                         tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    sources, expected = inputs
    out = tmp_path / "shards"
    run_batch(sources[:1], out, client=client, shard_size=SHARD)  # no --load: Parquet only
    first = plan_shards(sources[:1], shard_size=SHARD)[0]
    table = pq.read_table(out / first.file_name)
    assert table.schema.field("published").type == pa.timestamp("us", tz="UTC")
    row = table.to_pylist()[0]
    assert (row["title"], row["published_offset"], row["tz"], row["outlet"]) == (
        "Pasar Rakyat 0 Dibuka", 420, "WIB", "kompas.com")
    assert row["published"].isoformat() == "2024-02-12T03:00:00+00:00"
    assert row["id"] in expected["articles"] and row["enriched"] is True
    assert [e["name"] for e in row["entities"]] == [
        e["name"] for e in expected["articles"][row["id"]]["entities"]]
    last = plan_shards(sources[:1], shard_size=SHARD)[-1]
    failures = pq.read_table(out / last.file_name.replace(".parquet", ".failures.parquet"))
    assert [(f["source"].rsplit("/", 1)[-1], f["code"], f["raw"]) for f in failures.to_pylist()] == [
        ("big.jsonl.gz#16", "document_error", b"{not json\n"),
        ("big.jsonl.gz#17", "empty_document",
         json.dumps({"title": "Kosong", "content": "", "source": "kompas.com"}).encode() + b"\n"),
    ]


def _busy_worker(c: Any, out: Path, deadline: float) -> tuple[str, int]:
    """A worker in the middle of a shard (its task started, no shard file yet): address, pid."""
    while time.monotonic() < deadline:
        for address, keys in c.processing().items():
            if keys and not list(out.glob("shard-*.parquet")):
                pid = c.run(os.getpid, workers=[address])[address]
                return address, pid
        time.sleep(0.02)
    raise AssertionError("no worker started a shard in time")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_worker_killed_mid_shard_changes_nothing(inputs: tuple[list[str], dict],
                                                    tmp_path: Path) -> None:
    sources, expected = inputs
    db, out = tmp_path / "batch.db", tmp_path / "shards"
    with dask_client(workers=2) as c:
        pids_before = set(c.run(os.getpid).values())
        result: dict[str, Any] = {}
        runner = threading.Thread(target=lambda: result.update(report=run_batch(
            sources, out, client=c, load=str(db), shard_size=SHARD)))
        runner.start()
        _address, pid = _busy_worker(c, out, time.monotonic() + 120)
        os.kill(pid, signal.SIGKILL)  # really killed: the nanny starts a new worker process
        runner.join(timeout=300)
        assert not runner.is_alive()
        pids_after = set(c.run(os.getpid).values())
    assert pid in pids_before and pid not in pids_after
    report = result["report"]
    assert (report.computed, report.loaded, report.failed_shards) == (6, 6, [])
    assert _snapshot(db) == expected


def _batch_cli(*args: str) -> Any:
    return CliRunner().invoke(cli, ["batch", *args])


def test_cli_runs_a_batch_and_reports(inputs: tuple[list[str], dict], tmp_path: Path) -> None:
    sources, expected = inputs
    db, out = tmp_path / "cli.db", tmp_path / "shards"
    result = _batch_cli(*sources, "--out", str(out), "--workers", "1", "--load", str(db),
                        "--shard-size", str(SHARD), "--json")
    assert result.exit_code == 3, result.output  # some documents failed, as ingest says
    report = json.loads(result.stdout)
    assert (report["shards"], report["computed"], report["articles"], report["failures"],
            report["workers"]) == (6, 6, 23, 6, 1)
    assert "6 documents failed; see warta failures --db" in result.stderr
    assert "failed: " in result.stderr and "#16: not valid JSON" in result.stderr
    assert _snapshot(db) == expected


@pytest.mark.parametrize(("args", "message"), [
    (["https://example.id/berita", "--out", "{tmp}/o"],
     ("https://example.id/berita: warta batch reads files and folders (its workers open them "
     "by path); save the input to a file, or use warta ingest for URLs and standard input")),
    (["{tmp}/missing.jsonl", "--out", "{tmp}/o"], "no such file or folder: {tmp}/missing.jsonl"),
    (["{fixture}", "--out", "{fixture}"],
     "--out {fixture}: not a folder; give a folder for the Parquet shards"),
    (["{fixture}", "--out", "{tmp}/o", "--cluster", "tcp://127.0.0.1:9", "--workers", "2"],
     ("--cluster and --workers exclude each other: the cluster's own workers do the work "
     "(start more with `dask worker`)")),
    (["{fixture}", "--out", "{tmp}/o", "--workers", "1", "--load", "{tmp}"],
     "{tmp} is a folder, not an archive file; give a file name, e.g. {tmp}/warta.db"),
    (["{fixture}", "--out", "{tmp}/o", "--map", "judul"],
     "--map item 'judul' is not FIELD=COLUMN (e.g. --map title=judul,body=isi)"),
])
def test_bad_usage_is_one_message_and_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    fixture = str(FIXTURES / "export" / "articles.jsonl")
    fill = {"tmp": str(tmp_path), "fixture": fixture}
    result = _batch_cli(*[a.format(**fill) for a in args])
    assert result.exit_code == 2, result.output
    assert f"Error: {message.format(**fill)}" in result.stderr.replace("\n", " ").replace("  ", " ")


def test_an_unreachable_scheduler_says_what_to_do(tmp_path: Path) -> None:
    result = _batch_cli(str(FIXTURES / "export" / "articles.jsonl"), "--out", str(tmp_path / "o"),
                        "--cluster", "tcp://127.0.0.1:9")
    assert result.exit_code == 2
    text = " ".join(result.stderr.split())
    assert text.startswith("Usage: ") and "Error: --cluster tcp://127.0.0.1:9: no Dask scheduler " \
        "answers there (" in text
    assert text.endswith("start one with `dask scheduler` (and `dask worker ADDRESS` on each "
                         "machine), or leave out --cluster to run a local cluster")


def test_without_dask_installed_the_hint_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed → ImportError
    result = _batch_cli(str(FIXTURES / "export" / "articles.jsonl"), "--out", str(tmp_path / "o"))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: warta batch needs Dask: pip install 'warta[dask]'"


def test_the_ner_model_is_read_without_a_double_close_when_threads_run(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A Dask worker runs tasks beside its own threads: pycrfsuite's ``Tagger.dump(file)``
    closes its descriptor twice, which closed other threads' files (``Bad file descriptor``
    on the first articles of a fresh worker). With threads running, ``info()`` is used."""
    from warta.enrich import ner_decode

    calls: list[str] = []

    class Tagger:
        def dump(self, name: str) -> None:
            calls.append("dump")
            Path(name).write_text("LABELS = {\n  0: O\n}\nATTRIBUTES = {\n  0: w=a\n}\n",
                                  encoding="utf-8")

        def info(self) -> Any:
            calls.append("info")
            return type("Info", (), {"labels": {"O": "0"}, "attributes": {"w=a": "0"}})()

    monkeypatch.setattr(ner_decode.threading, "active_count", lambda: 3)
    assert ner_decode._dictionaries(Tagger()) == ({0: "O"}, {0: "w=a"}) and calls == ["info"]
    monkeypatch.setattr(ner_decode.threading, "active_count", lambda: 1)
    assert ner_decode._dictionaries(Tagger()) == ({0: "O"}, {0: "w=a"})
    assert calls == ["info", "dump"]
