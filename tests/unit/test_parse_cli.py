"""`warta parse` as a batch: exit codes, failures file, and every kind of bad input."""

from __future__ import annotations

import base64
import json
from pathlib import Path

from click.testing import CliRunner

from warta.cli import cli

from ..conftest import FIXTURES, seed_path


def run(args: list[str], stdin: bytes | None = None):
    return CliRunner().invoke(cli, args, input=stdin, catch_exceptions=False)


def lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_seed_to_json_line() -> None:
    result = run(["parse", str(seed_path())])
    assert result.exit_code == 0
    (article,) = lines(result.stdout)
    assert article["published"] == "2022-01-22T11:39:00+07:00"
    assert article["credits"] == {"agencies": ["AFP"], "codes": ["OL-4"]}
    assert result.stderr == ""


def test_stdin_and_pretty() -> None:
    result = run(["parse", "-", "--pretty"], stdin=seed_path().read_bytes())
    assert result.exit_code == 0
    assert result.stdout.startswith('{\n  "id": ')
    assert json.loads(result.stdout)["source"] == "<stdin>"


def test_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a_empty.txt").write_bytes(b"")
    (folder / "b_binary.dat").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "c_latin1.txt").write_bytes("Judul Berita\n\nKafe di Bandung ramai, caf\u00e9 baru.\n".encode("latin-1"))
    (folder / "d_nav.html").write_text("<html><head><title>Beranda</title></head><body><nav><a href='/'>Beranda</a></nav></body></html>")
    (folder / "e_huge.txt").write_bytes(b"a" * 50_000_000)
    (folder / "f_seed.txt").write_bytes(seed_path().read_bytes())
    failures = tmp_path / "failures.jsonl"
    result = run(["parse", str(folder), "--failures", str(failures)])
    assert result.exit_code == 3
    parsed = lines(result.stdout)
    assert [Path(a["source"]).name for a in parsed] == ["c_latin1.txt", "f_seed.txt"]
    assert parsed[0]["paragraphs"] == ["Kafe di Bandung ramai, caf\u00e9 baru."]
    assert parsed[0]["warnings"][0] == "not valid UTF-8 (byte 0xe9 at offset 40); decoded as cp1252"
    logged = [json.loads(line) for line in failures.read_text().splitlines()]
    assert [(Path(f["source"]).name, f["code"]) for f in logged] == [
        ("a_empty.txt", "empty_document"),
        ("b_binary.dat", "binary_document"),
        ("d_nav.html", "not_an_article"),
        ("e_huge.txt", "document_too_large"),
    ]
    by_name = {Path(f["source"]).name: f for f in logged}
    assert by_name["a_empty.txt"]["reason"].endswith("a_empty.txt: empty document (0 bytes); nothing to parse")
    assert by_name["b_binary.dat"]["reason"].endswith(
        "b_binary.dat: binary data (NUL byte at offset 8), not a news page; pass a text, HTML, JSON or CSV file"
    )
    assert by_name["e_huge.txt"]["reason"].endswith(
        "e_huge.txt: 50.0 MB is too large for one article (limit 10 MB); split it, "
        "or pass an export file (.jsonl/.csv) for many articles"
    )
    assert base64.b64decode(by_name["b_binary.dat"]["raw_base64"]) == b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    assert "Traceback" not in result.stderr
    assert result.stderr.count("failed: ") == 4
    assert result.stderr.strip().endswith(f"4 of 6 documents failed; details in {failures}")


def test_export_rows_with_a_bad_row_and_an_unreadable_date(tmp_path: Path) -> None:
    failures = tmp_path / "f.jsonl"
    result = run(["parse", str(FIXTURES / "export" / "articles.csv"), "--failures", str(failures)])
    assert result.exit_code == 3
    first, second = lines(result.stdout)
    assert first["title"] == "Banjir Rendam Tiga Desa"
    assert first["outlet"] == "liputan6.com"
    assert first["dateline"] == "Jakarta"
    assert first["paragraphs"] == ["Banjir merendam tiga desa di Kabupaten Contoh sejak Selasa pagi.", "Warga mengungsi ke balai desa."]
    assert first["published"] == "2023-11-07T08:15:00+07:00"
    assert first["authors"] == ["Ahmad Fauzi"]
    assert first["section"] == "News"
    assert second["published"] is None
    assert second["warnings"] == ["date 'besok lusa' could not be read; published left empty"]
    (failure,) = [json.loads(x) for x in failures.read_text().splitlines()]
    assert failure["source"].endswith("articles.csv#3")
    assert failure["reason"].endswith("articles.csv#3: the body column 'isi' is empty")


def test_jsonl_export_with_comma_joined_paragraphs_and_mojibake(tmp_path: Path) -> None:
    result = run(["parse", str(FIXTURES / "export" / "articles.jsonl"), "--failures", str(tmp_path / "f")])
    assert result.exit_code == 3
    first, second = lines(result.stdout)
    assert first["outlet"] == "tribunnews.com"
    assert first["dateline"] == "SURABAYA"
    assert first["paragraphs"] == ["Pasar ikan dibuka kembali setelah renovasi.", "Pedagang menyambut gembira.", '"Kami senang," kata Siti.']
    assert first["published"] == "2019-09-10T13:30:00+07:00"
    assert first["tz"] == "WIB"
    assert second["paragraphs"] == ["Harga naik – kata pedagang pasar."]
    assert "mojibake repaired" in second["warnings"]
    assert "articles.jsonl#3: not valid JSON" in result.stderr


def test_misnamed_mapped_column_fails_the_export_once(tmp_path: Path) -> None:
    result = run(["parse", str(FIXTURES / "export" / "articles.csv"), "--map", "body=konten", "--failures", str(tmp_path / "f")])
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == (
        f"failed: {FIXTURES / 'export' / 'articles.csv'}: --map body=konten: there is no column 'konten'; "
        "columns are: judul, isi, tanggal, penulis, tautan, kanal"
    )


def test_export_without_any_body_column(tmp_path: Path) -> None:
    export = tmp_path / "x.csv"
    export.write_text("judul,tanggal\nSatu,2020-01-01\n")
    result = run(["parse", str(export), "--failures", str(tmp_path / "f")])
    assert result.exit_code == 3
    assert result.stderr.splitlines()[0] == (
        f"failed: {export}: no body column: none of judul, tanggal looks like one; pass --map body=COLUMN"
    )


def test_explicit_mapping(tmp_path: Path) -> None:
    export = tmp_path / "x.json"
    export.write_text(json.dumps([{"kepala": "Judul A", "badan": "Isi A.", "kapan": "1 Mei 2020"}]))
    result = run(["parse", str(export), "--map", "title=kepala,body=badan,published=kapan"])
    assert result.exit_code == 0
    (article,) = lines(result.stdout)
    assert (article["title"], article["paragraphs"], article["published"]) == ("Judul A", ["Isi A."], "2020-05-01T00:00:00+07:00")


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run(["parse", str(tmp_path / "nope.txt")]).exit_code == 2
    result = run(["parse", "--map", "judul", str(seed_path())])
    assert result.exit_code == 2
    assert "--map item 'judul' is not FIELD=COLUMN (e.g. --map title=judul,body=isi)" in result.stderr
    assert run(["parse", "--format", "pdf", str(seed_path())]).exit_code == 2


def test_url_without_network_is_a_clear_failure(tmp_path: Path) -> None:
    result = run(["parse", "http://127.0.0.1:9/berita", "--failures", str(tmp_path / "f")])
    assert result.exit_code == 3
    assert result.stderr.splitlines()[0].startswith("failed: http://127.0.0.1:9/berita: cannot fetch (")
    assert "is there a network connection?" in result.stderr


def test_own_json_lines_round_trip_through_the_parser(tmp_path: Path) -> None:
    first = run(["parse", str(seed_path())])
    (tmp_path / "seed.jsonl").write_text(first.stdout)
    again = run(["parse", str(tmp_path / "seed.jsonl")])
    assert again.exit_code == 0
    assert json.loads(again.stdout) == json.loads(first.stdout)


def test_licence_files_in_a_folder_are_reported_not_parsed(tmp_path: Path) -> None:
    (tmp_path / "LICENSE").write_text("MIT License\n\nPermission is hereby granted.\n")
    (tmp_path / "seed.txt").write_bytes(seed_path().read_bytes())
    result = run(["parse", str(tmp_path), "--failures", str(tmp_path / "f.jsonl")])
    assert result.exit_code == 3
    assert [json.loads(x)["title"] for x in result.stdout.splitlines()] == [
        "NATO Tolak Permintaan Rusia untuk Tarik Pasukan dari Bulgaria-Rumania"
    ]
    assert result.stderr.splitlines()[0] == (
        f"failed: {tmp_path / 'LICENSE'}: a license file, not an article; "
        "it was skipped (pass it by name to parse it anyway)"
    )
