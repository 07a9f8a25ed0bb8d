"""``warta enrich``, ``warta ner --conll`` and ``warta train ner`` (CliRunner, exact output)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from warta.cli import cli
from warta.enrich import enrich
from warta.parse import parse

PAGE = """\
15 Maret 2023, 09:10 WIB

Pemkot Contoh Tambah Armada Bus Listrik

Rina Sari | Metropolitan

Pemerintah Kota Contoh menambah sekitar 40 bus listrik pada Selasa.

"Armada baru ini melayani rute bandara mulai pukul 06.00 WIB," kata Kepala Dinas Perhubungan Kota Contoh, Andi Pratama.

"Tarifnya tetap Rp 3.500 per penumpang," ujarnya.
"""


def test_enrich_page(tmp_path: Path) -> None:
    page = tmp_path / "bus.txt"
    page.write_text(PAGE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["enrich", str(page), "--failures", str(tmp_path / "f.jsonl")])
    assert result.exit_code == 0, result.output
    expected = enrich(parse(page)).to_json()
    assert result.stdout == expected + "\n"
    record = json.loads(result.stdout)
    assert [(q["kind"], q["speaker"], q["role"], q["cue"]) for q in record["quotes"]] == [
        ("direct", "Andi Pratama", "Kepala Dinas Perhubungan Kota Contoh", "kata"),
        ("direct", "Andi Pratama", "Kepala Dinas Perhubungan Kota Contoh", "ujarnya"),
    ]
    assert [(a["text"], a["value"], a["unit"], a["noun"]) for a in record["amounts"]] == [
        ("sekitar 40 bus", 40, None, "bus"),
        ("Rp 3.500", 3500, "IDR", None),
    ]
    assert [(d["text"], d["value"]) for d in record["dates"]] == [
        ("Selasa", "2023-03-14"),
        ("pukul 06.00 WIB", "2023-03-15T06:00:00+07:00"),
    ]


def test_enrich_stdin_and_failure(tmp_path: Path) -> None:
    failures = tmp_path / "f.jsonl"
    result = CliRunner().invoke(cli, ["enrich", "-", "--failures", str(failures)], input="")
    assert result.exit_code == 3
    assert result.stdout == ""
    assert "1 of 1 documents failed" in result.stderr
    assert failures.exists()


class FakeTagger:
    """Tags capitalised tokens B-PER so the test checks the CLI, not the model."""

    def tag(self, tokens: list[str]) -> list[str]:
        return ["B-PER" if t[:1].isupper() else "O" for t in tokens]


def test_ner_conll(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("warta.enrich.ner.load_tagger", lambda model=None: FakeTagger())
    conll = tmp_path / "in.conll"
    conll.write_text("# sent_id = 1\nBudi\tB-PERSON\tx\nmakan\tO\n\n\nIa\tO\npulang .\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ner", "--conll", str(conll)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "Budi\tB-PER\nmakan\tO\n\nIa\tB-PER\npulang\tO\n\n"


def test_ner_conll_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("warta.enrich.ner.load_tagger", lambda model=None: FakeTagger())
    result = CliRunner().invoke(cli, ["ner", "--conll", "-"], input="Andi\nberlari\n")
    assert result.exit_code == 0
    assert result.stdout == "Andi\tB-PER\nberlari\tO\n\n"


def test_ner_requires_conll() -> None:
    result = CliRunner().invoke(cli, ["ner"])
    assert result.exit_code == 2
    assert "Missing option '--conll'" in result.stderr


def test_ner_real_model_tags_every_token(tmp_path: Path) -> None:
    conll = tmp_path / "in.conll"
    conll.write_text("Presiden\nJoko\nWidodo\nberkunjung\nke\nBandung\n.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ner", "--conll", str(conll)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.split("\n")
    assert [line.split("\t")[0] for line in lines[:7]] == ["Presiden", "Joko", "Widodo", "berkunjung", "ke", "Bandung", "."]
    assert lines[7:] == ["", ""]
    assert all(line.split("\t")[1][:2] in ("O", "B-", "I-") for line in lines[:7])


def test_train_ner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[Path, int, bool]] = []

    def fake_train(output: Path, *, max_iterations: int, verbose: bool) -> dict[str, object]:
        calls.append((Path(output), max_iterations, verbose))
        return {"sentences": 3, "seconds": 0.1, "bytes": 10, "path": str(output)}

    monkeypatch.setattr("warta.enrich.ner_train.train", fake_train)
    target = tmp_path / "m.crfsuite"
    result = CliRunner().invoke(cli, ["train", "ner", "--output", str(target), "--iterations", "5"])
    assert result.exit_code == 0, result.output
    assert calls == [(target, 5, False)]
    assert result.stdout == json.dumps({"sentences": 3, "seconds": 0.1, "bytes": 10, "path": str(target)}) + "\n"


def test_train_ner_rejects_bad_iterations() -> None:
    result = CliRunner().invoke(cli, ["train", "ner", "--iterations", "0"])
    assert result.exit_code == 2
