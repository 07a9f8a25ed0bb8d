"""The one reader of the tables a user extends (warta.userdata): the shipped file, then the
files an environment variable names; every fault one message shape (file:line, what, what to do)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from warta.errors import UsageError
from warta.userdata import Row, read_rows, user_files

COLUMNS = ("words", "kind")


def _read(base: Path, *extra: Path) -> list[Row]:
    return read_rows(base, os.pathsep.join(map(str, extra)), COLUMNS, what="word list", env="WARTA_X")


def _message(base: Path, *extra: Path) -> str:
    with pytest.raises(UsageError) as info:
        _read(base, *extra)
    return str(info.value)


def test_the_shipped_file_then_the_users_in_order(tmp_path: Path) -> None:
    shipped, mine, more = tmp_path / "shipped.tsv", tmp_path / "mine.tsv", tmp_path / "more.tsv"
    shipped.write_text("# header\nwarga\tprivate\n\n", encoding="utf-8")
    mine.write_text("  # an indented comment\n  ojol \t private\r\nwarga\tpublic\n", encoding="utf-8")
    more.write_text("", encoding="utf-8")
    assert _read(shipped, mine, more) == [
        Row(("warga", "private"), str(shipped), 2, "warga\tprivate"),
        Row(("ojol", "private"), str(mine), 2, "  ojol \t private"),
        Row(("warga", "public"), str(mine), 3, "warga\tpublic"),
    ]


def test_user_files_skip_empty_paths() -> None:
    assert user_files("") == []
    assert user_files(os.pathsep.join(["", "a.tsv", "", "b/c.tsv", ""])) == [Path("a.tsv"), Path("b/c.tsv")]


@pytest.mark.parametrize("line", ["ojol", "ojol\tprivate\textra", "\tprivate", "ojol\t "])
def test_a_line_of_the_wrong_shape(tmp_path: Path, line: str) -> None:
    shipped, mine = tmp_path / "shipped.tsv", tmp_path / "mine.tsv"
    shipped.write_text("warga\tprivate\n", encoding="utf-8")
    mine.write_text(f"# mine\n{line}\n", encoding="utf-8")
    assert _message(shipped, mine) == (f"{mine}:2: expected 'words<TAB>kind', got {line!r}; "
                                       "fix or remove the line")


def test_a_value_the_reader_refuses(tmp_path: Path) -> None:
    shipped = tmp_path / "shipped.tsv"
    shipped.write_text("\nojol\tfamous\n", encoding="utf-8")
    (row,) = _read(shipped)
    assert row.one_of(0, "words", ("ojol",)) == "ojol"
    with pytest.raises(UsageError) as info:
        row.one_of(1, "kind", ("public", "private"))
    assert str(info.value) == (f"{shipped}:2: the kind must be one of public, private, got "
                               "'ojol\\tfamous'; fix or remove the line")


def test_files_that_cannot_be_read(tmp_path: Path) -> None:
    shipped, missing, latin = tmp_path / "shipped.tsv", tmp_path / "none.tsv", tmp_path / "latin.tsv"
    shipped.write_text("warga\tprivate\n", encoding="utf-8")
    latin.write_bytes("pedagang kaki lima\tprivate\nsopir\xa0angkot\tprivate\n".encode("latin-1"))
    fix = f"fix or remove this path in $WARTA_X (UTF-8 files separated by {os.pathsep!r})"
    assert _message(shipped, missing) == (f"{missing}: cannot read the word list named in $WARTA_X "
                                          f"(No such file or directory); {fix}")
    assert _message(shipped, latin) == (f"{latin}:2: cannot read the word list named in $WARTA_X "
                                        "(byte 0xa0 is not UTF-8); save the file as UTF-8")
    assert _message(missing) == (f"{missing}: cannot read the word list (No such file or directory); "
                                 "give a readable UTF-8 file")
    assert _message(tmp_path) == (f"{tmp_path}: cannot read the word list (Is a directory); "
                                  "give a readable UTF-8 file")


def test_a_byte_order_mark_is_not_part_of_the_first_line(tmp_path: Path) -> None:
    # Windows Notepad saves UTF-8 with a byte-order mark: a comment first line stays a comment
    # and a data first line keeps its first word as written
    shipped, mine = tmp_path / "shipped.tsv", tmp_path / "mine.tsv"
    shipped.write_bytes("\ufeff# my words\nojol\tprivate\n".encode())
    mine.write_bytes("\ufeffwarga\tpublic\n".encode())
    assert _read(shipped, mine) == [Row(("ojol", "private"), str(shipped), 2, "ojol\tprivate"),
                                    Row(("warga", "public"), str(mine), 1, "warga\tpublic")]
