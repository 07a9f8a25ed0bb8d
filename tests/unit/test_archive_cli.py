"""The archive commands end to end through click (exit codes, text and --json output)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import shared_or_fail
from warta.cli import cli
from warta.demo import sample_articles
from warta.ingest import ingest_articles
from warta.store.migrate import LATEST_VERSION
from warta.store import SQLiteArchive

ARTICLES = {a.url.rsplit("/", 1)[1]: a for a in sample_articles()}  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The samples stored through the library (keeps their 'Baca juga' links)."""
    path = str(tmp_path_factory.mktemp("cli") / "a.db")
    with SQLiteArchive(path) as archive:
        ingest_articles(ARTICLES.values(), archive, workers=0, enrich=False)
    return path


def test_ingest_json_summary(tmp_path: Path) -> None:
    export = tmp_path / "fiksi.jsonl"
    export.write_text("".join(a.to_json() + "\n" for a in ARTICLES.values()), encoding="utf-8")
    path = str(tmp_path / "a.db")
    result = CliRunner().invoke(cli, ["ingest", str(export), "--db", path, "--workers", "0", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["added"], summary["failures"], summary["archive_articles"]) == (12, 0, 12)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout


def test_ingest_again_reports_unchanged_in_text(tmp_path: Path) -> None:
    export, db = tmp_path / "one.jsonl", str(tmp_path / "one.db")
    export.write_text(ARTICLES["harga-beras"].to_json() + "\n", encoding="utf-8")
    code, out = run("ingest", str(export), "--db", db, "--workers", "0")
    assert out.startswith("1 articles (1 new, 0 updated, 0 unchanged), 0 failed,")
    code, out = run("ingest", str(export), "--db", db, "--workers", "0")
    assert code == 0
    assert out.startswith("1 articles (0 new, 0 updated, 1 unchanged), 0 failed,")
    assert out.rstrip().endswith(f"{db} holds 1 articles")


def test_ingest_with_a_failed_document_exits_3(tmp_path: Path) -> None:
    (tmp_path / "kosong.txt").write_text(" ", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "kosong.txt"), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 3
    assert result.stdout.startswith("0 articles (0 new, 0 updated, 0 unchanged), 1 failed")


def test_search_json_carries_ids_snippets_and_facets(db: str) -> None:
    code, out = run("search", "--db", db, "--json", "--facets", "beras")
    assert code == 0
    data = json.loads(out)
    assert data["total"] == 2
    assert [h["id"] for h in data["hits"]] == [ARTICLES["harga-beras"].id, ARTICLES["operasi-pasar"].id]
    assert data["facets"]["section"] == [{"value": "Ekonomi", "count": 2}]
    assert data["hits"][0]["snippet"].startswith("Harga beras medium di pasar tradisional")


def test_search_text(db: str) -> None:
    code, out = run("search", "--db", db, "title:beras", "--sort", "date")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "2 articles match title:beras"
    assert lines[1] == (
        f"  1. Operasi Pasar Digelar, Harga Beras Mulai Turun  [Kabar Fiksi · Ekonomi · 2024-03-04]  "
        f"{ARTICLES['operasi-pasar'].id}"
    )


def test_show_json_and_text(db: str) -> None:
    linking = ARTICLES["gempa-susulan"]
    code, out = run("show", "--db", db, "--json", linking.id)
    assert code == 0
    data = json.loads(out)
    assert data["read_also"] == [{"title": "Gempa Magnitudo 5,2 Guncang Cianjur", "url": None,
                                  "id": ARTICLES["gempa-cianjur"].id, "match": "exact"}]
    assert (data["revisions"], data["copies"]) == ([], [])
    code, out = run("show", "--db", db, linking.id)
    assert (f"Baca juga: Gempa Magnitudo 5,2 Guncang Cianjur  → {ARTICLES['gempa-cianjur'].id} "
            "(exact match)") in out.splitlines()
    code, out = run("show", "--db", db, ARTICLES["banjir-jakarta"].id)
    assert out.splitlines()[:2] == [
        "Banjir Rendam Ribuan Rumah di Jakarta Timur",
        "Kabar Fiksi · Metro · 2024-02-12T08:15:00+07:00 · Rina Wulandari",
    ]
    assert f"copies: {ARTICLES['banjir-jakarta-salinan'].id}" in out


def test_related_json_and_text(db: str) -> None:
    code, out = run("related", "--db", db, "--json", "-k", "1", ARTICLES["final-liga"].id)
    assert code == 0
    data = json.loads(out)
    assert data["id"] == ARTICLES["final-liga"].id
    assert [r["id"] for r in data["related"]] == [ARTICLES["pawai-juara"].id]
    code, out = run("related", "--db", db, "-k", "1", ARTICLES["final-liga"].id)
    assert out.splitlines()[1].startswith("   terms: juara, reka, persija")
    assert out.splitlines()[1].endswith("; 1.55 days apart")


def test_stats_json(db: str) -> None:
    code, out = run("stats", "--db", db, "--json")
    data = json.loads(out)
    assert (code, data["articles"], data["read_also_resolved"], data["schema_version"]) == (0, 12, 2, LATEST_VERSION)
    assert data["top_entities"] == []


def test_export_jsonl_and_parquet(db: str, tmp_path: Path) -> None:
    code, out = run("export", "--db", db)
    lines = out.splitlines()
    assert code == 0 and len(lines) == 12
    assert json.loads(lines[0])["id"] == ARTICLES["banjir-jakarta"].id
    import pyarrow.parquet as pq  # the optional extra warta[parquet] (in the dev extra too)

    target = tmp_path / "a.parquet"
    code, _ = run("export", "--db", db, "--format", "parquet", "--output", str(target))
    table = pq.read_table(target)
    assert (code, table.num_rows) == (0, 12)
    assert table.column("title")[4].as_py() == "Harga Beras Medium Naik Jelang Ramadan"


def test_errors_are_clear(db: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["search", "--db", str(tmp_path / "none.db"), "banjir"])
    assert result.exit_code == 2
    assert f"no archive at {tmp_path / 'none.db'}; build one with `warta ingest" in result.output
    result = CliRunner().invoke(cli, ["show", "--db", db, "ffff"])
    assert result.exit_code == 1
    assert "error: no article with id 'ffff' in " in result.output
    result = CliRunner().invoke(cli, ["search", "--db", db, "date:kemarin"])
    assert result.exit_code == 2
    assert "Error: date:kemarin: not a date; use date:YYYY-MM-DD" in result.output
    result = CliRunner().invoke(cli, ["export", "--db", db, "--format", "parquet"])
    assert result.exit_code == 2 and "parquet needs a file" in result.output


def test_demo_on_samples(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.db")
    code, out = run("demo", "--samples", "--db", db, "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["corpus"], data["stats"]["articles"], data["search"]["total"]) == ("samples", 12, 3)
    assert data["related_of"]["id"] == ARTICLES["banjir-jakarta"].id
    assert [r["id"] for r in data["related"]] == [ARTICLES["banjir-surut"].id]
    code, out = run("demo", "--samples", "--db", db)  # a second run reuses the archive
    assert code == 0
    assert "12 articles in " in out and "$ warta related --db" in out


def test_parquet_without_pyarrow_says_how_to_install(db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if the extra were not installed
    result = CliRunner().invoke(cli, ["export", "--db", db, "--format", "parquet", "-o", str(tmp_path / "a.parquet")])
    assert result.exit_code == 2
    assert "parquet export needs pyarrow: pip install 'warta[parquet]' (or use --format jsonl)" in result.output


def test_demo_on_shared_news(tmp_path: Path) -> None:
    shared_or_fail("data", "news", "click-id.jsonl.gz")
    code, out = run("demo", "--db", str(tmp_path / "demo.db"), "--articles", "300", "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["corpus"], data["ingest"]["documents"]) == ("shared", 300)
    ingest = data["ingest"]
    # the shared sets repeat a few urls: the same article twice is one record
    assert ingest["added"] + ingest["unchanged"] + ingest["failures"] == 300
    assert data["stats"]["articles"] == ingest["added"]
    assert data["search"]["query"] == '"revisi UU KPK"'


def test_quotes_by_speaker_and_kind(tmp_path: Path) -> None:
    # issue 11: `warta quotes` lists what GET /api/quotes lists, --public / --private by the
    # speaker kind stored with each quote
    from warta.model import Article, Entity, Mention, Quote

    db = str(tmp_path / "q.db")
    rina = Entity("Rina Wulandari", "PER", [Mention("Rina Wulandari", 0, 0, 14)])
    quotes = [Quote("Kami siap", "direct", speaker="Rina Wulandari", role="Camat Lowokwaru", cue="kata",
                    speaker_kind="public"),
              Quote("Saya lelah", "direct", speaker="Rina Wulandari", cue="ujar", speaker_kind="private")]
    with SQLiteArchive(db) as archive:
        archive.put(Article(title="Pernyataan", paragraphs=["Rina Wulandari berkata banyak hal."],
                            url="https://k.example/q", outlet="Kabar Fiksi", quotes=quotes, entities=[rina]))
    code, out = run("quotes", "Rina Wulandari", "--db", db, "--public")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "1 quote(s) by Rina Wulandari"
    assert lines[1].startswith("- “Kami siap” — Rina Wulandari, Camat Lowokwaru [public]  ")
    code, out = run("quotes", "rina-wulandari", "--db", db, "--private", "--json")
    data = json.loads(out)
    assert (code, data["total"], [q["text"] for q in data["items"]]) == (0, 1, ["Saya lelah"])
    code, out = run("quotes", "rina-wulandari", "--db", db, "--json")
    assert json.loads(out)["total"] == 2
    result = CliRunner().invoke(cli, ["quotes", "Siapa", "--db", db])
    assert result.exit_code == 1 and "no speaker 'Siapa' in" in result.stderr
    help_text = CliRunner().invoke(cli, ["quotes", "--help"]).stdout
    assert "--public" in help_text and "--private" in help_text
