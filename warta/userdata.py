"""Tables a user extends: a TSV shipped under ``warta/*/data/`` plus the user's own files.

The alias table (``$WARTA_ALIASES``), the speaker words (``$WARTA_SPEAKER_WORDS``) and the
process lexicon (``$WARTA_PROCESSES``) are each a shipped TAB-separated file that the user's
files of the same format extend, named in an environment variable, paths separated by
:data:`os.pathsep`. They are all read here, one way: blank lines and lines whose first
non-blank character is ``#`` skipped, every other line split at its TABs into stripped cells,
the number of cells checked and no cell left empty; the shipped file first, then the user's in
the order named (a table that keeps the last row of a key lets the user's row win).

Every fault is a :class:`~warta.errors.UsageError` (the CLI exits with code 2) of one shape:
the file and line, what was wrong, the line as written, what to do::

    aliases.tsv:3: expected 'alias<TAB>canonical name<TAB>label', got 'Pak Bas\\tBasuki'; fix or remove the line
    aliases.tsv:4: the label must be one of PER, ORG, LOC, EVT, got 'Bas\\tBasuki\\tX'; fix or remove the line
    none.tsv: cannot read the alias table named in $WARTA_ALIASES (No such file or directory); fix or remove this path in $WARTA_ALIASES (UTF-8 files separated by ':')
    latin.tsv:7: cannot read the alias table named in $WARTA_ALIASES (byte 0xe9 is not UTF-8); save the file as UTF-8

A reader checks its own cells' values with :meth:`Row.one_of` or :meth:`Row.error`, so its
messages keep the shape too. The outlet registry (JSON, ``$WARTA_OUTLETS``) reads its files
through :func:`user_files` and :func:`read_text` alike.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError

__all__ = ["Row", "read_rows", "read_text", "user_files"]


@dataclass(frozen=True, slots=True)
class Row:
    """One data line of a table: its stripped cells and where it was read."""

    cells: tuple[str, ...]
    file: str
    line: int  # counted from 1, comments and blank lines included
    text: str  # the line as written, for the message

    def error(self, problem: str) -> UsageError:
        """The error for this line: ``file:line: problem, got 'line'; fix or remove the line``."""
        return UsageError(f"{self.file}:{self.line}: {problem}, got {self.text!r}; fix or remove the line")

    def one_of(self, index: int, column: str, allowed: Sequence[str]) -> str:
        """Cell ``index``, named ``column`` in the message, when ``allowed`` holds it; else
        raises :meth:`error`."""
        value = self.cells[index]
        if value not in allowed:
            raise self.error(f"the {column} must be one of {', '.join(allowed)}")
        return value


def user_files(spec: str) -> list[Path]:
    """The files an environment variable's value names: paths separated by
    :data:`os.pathsep`, empty ones (a leading or doubled separator) ignored."""
    return [Path(p) for p in spec.split(os.pathsep) if p]


def read_rows(base: Path, spec: str, columns: Sequence[str], *, what: str, env: str) -> list[Row]:
    """The rows of ``base`` (the shipped table, or a file given instead of it), then of each
    file ``spec`` names (the value of ``$env``), every row ``len(columns)`` non-empty cells;
    ``what`` names the table in messages ("alias table")."""
    rows = _rows(read_text(base, what), str(base), columns)
    for path in user_files(spec):
        rows += _rows(read_text(path, what, env), str(path), columns)
    return rows


def read_text(path: Path, what: str, env: str | None = None) -> str:
    """The text of the UTF-8 file ``path``, named ``what`` in messages; ``env``: the variable
    that named it (None: shipped, or given directly)."""
    named, fix = f"the {what}", "give a readable UTF-8 file"
    if env is not None:
        named += f" named in ${env}"
        fix = f"fix or remove this path in ${env} (UTF-8 files separated by {os.pathsep!r})"
    try:
        data = path.read_bytes()
    except OSError as err:
        # an OSError's own text repeats the path the message opens with
        raise UsageError(f"{path}: cannot read {named} ({err.strerror or err}); {fix}") from err
    try:
        # utf-8-sig: a byte-order mark (Windows Notepad writes one) is not part of the first line
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise UsageError(f"{path}:{line}: cannot read {named} (byte {data[err.start]:#04x} is not "
                         "UTF-8); save the file as UTF-8") from err


def _rows(text: str, where: str, columns: Sequence[str]) -> list[Row]:
    out: list[Row] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        row = Row(tuple(cell.strip() for cell in line.split("\t")), where, number, line)
        if len(row.cells) != len(columns) or not all(row.cells):
            raise row.error(f"expected '{'<TAB>'.join(columns)}'")
        out.append(row)
    return out
