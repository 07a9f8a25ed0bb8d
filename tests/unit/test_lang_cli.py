"""``warta tokens``, ``warta sentences``, ``warta stem``: exact output and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from warta.cli import cli


def run(args: list[str], stdin: str | bytes | None = None):
    return CliRunner().invoke(cli, args, input=stdin)


def test_tokens_from_stdin() -> None:
    result = run(["tokens"], "Rp1,5 triliun untuk anak-anak.")
    assert result.exit_code == 0
    assert result.output == (
        "Rp\t0\t2\tcurrency\n"
        "1,5\t2\t5\tnumber\n"
        "triliun\t6\t13\tword\n"
        "untuk\t14\t19\tword\n"
        "anak-anak\t20\t29\tword\n"
        ".\t29\t30\tpunct\n"
    )


def test_tokens_json_from_dash() -> None:
    result = run(["tokens", "--json", "-"], "Dr. Ani")
    assert result.exit_code == 0
    assert [json.loads(line) for line in result.output.splitlines()] == [
        {"text": "Dr.", "start": 0, "end": 3, "kind": "abbrev"},
        {"text": "Ani", "start": 4, "end": 7, "kind": "word"},
    ]


def test_tokens_of_several_files(tmp_path: Path) -> None:
    one, two = tmp_path / "a.txt", tmp_path / "b.txt"
    one.write_text("Satu.", encoding="utf-8")
    two.write_text("\ufeffDua", encoding="utf-8")  # a byte-order mark is not text
    result = run(["tokens", str(one), str(two)])
    assert result.exit_code == 0
    assert result.output == "Satu\t0\t4\tword\n.\t4\t5\tpunct\n\nDua\t0\t3\tword\n"
    result = run(["tokens", "--json", str(one), str(two)])
    assert [json.loads(line)["source"] for line in result.output.splitlines()] == [
        str(one), str(one), str(two),
    ]


def test_sentences_one_per_line() -> None:
    text = '"Kami siap," kata dia. Dia lalu pergi.\nJudul baru\n\nB. J. Habibie datang.'
    result = run(["sentences"], text)
    assert result.exit_code == 0
    assert result.output == (
        '"Kami siap," kata dia.\nDia lalu pergi.\nJudul baru\nB. J. Habibie datang.\n'
    )


def test_sentences_json_offsets() -> None:
    result = run(["sentences", "--json"], "Ya. Tidak!")
    assert result.exit_code == 0
    assert [json.loads(line) for line in result.output.splitlines()] == [
        {"text": "Ya.", "start": 0, "end": 3},
        {"text": "Tidak!", "start": 4, "end": 10},
    ]


def test_stem_keeps_lines_aligned() -> None:
    result = run(["stem"], "meresmikan\n\n  Dibangun \nanak-anak\n")
    assert result.exit_code == 0
    assert result.output == "resmi\n\nbangun\nanak\n"


def test_stem_compat_mode_is_sastrawi() -> None:
    result = run(["stem", "--mode", "compat"], "perusakan\nberikan\n")
    assert result.exit_code == 0
    assert result.output == "rusa\nikan\n"


def test_stem_rejects_unknown_mode() -> None:
    result = run(["stem", "--mode", "fast"], "kata\n")
    assert result.exit_code == 2
    assert "Invalid value for '--mode': 'fast' is not one of 'compat', 'upstream', 'improved'." in result.output


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    missing = tmp_path / "tidak-ada.txt"
    for command in ("tokens", "sentences", "stem"):
        result = run([command, str(missing)])
        assert result.exit_code == 2
        assert f"Error: Invalid value for '[FILES]...': File '{missing}' does not exist." in (
            result.output
        )


def test_non_utf8_input_is_refused(tmp_path: Path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("café".encode("latin-1"))
    result = run(["tokens", str(latin)])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {latin}: not UTF-8 text (byte 0xe9 at offset 3); "
        "convert it first, e.g. iconv -f latin1 -t utf-8\n"
    )
    result = run(["sentences"], b"\xff")
    assert result.exit_code == 1
    assert "Error: standard input: not UTF-8 text (byte 0xff at offset 0)" in result.output


def test_empty_input_prints_nothing() -> None:
    for command in ("tokens", "sentences", "stem"):
        result = run([command], "")
        assert (result.exit_code, result.output) == (0, "")
