"""``warta tokens``, ``warta sentences``, ``warta stem``: the language core on the command line.

Each reads the named files, or standard input when none (or ``-``) is given, as UTF-8 text.
With several inputs, the text output puts an empty line between inputs and the JSON output
adds a ``source`` field.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator

import click

from ..lang.stem import MODES

__all__ = ["register"]

_FILES = click.argument(
    "files", nargs=-1, type=click.Path(exists=True, dir_okay=False, allow_dash=True)
)
_VERTICAL_SPACE = re.compile(r"\s*[\n\r\v\f\x85\u2028\u2029]\s*")


def _read(name: str) -> str:
    """The text of one input (``-`` = stdin), or a clear error for non-UTF-8 bytes."""
    if name == "-":
        stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else None
        data = stream.read() if stream is not None else sys.stdin.read().encode("utf-8")
    else:
        with open(name, "rb") as handle:
            data = handle.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        where = "standard input" if name == "-" else name
        raise click.ClickException(
            f"{where}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it first, e.g. iconv -f latin1 -t utf-8"
        ) from exc


def _inputs(files: tuple[str, ...]) -> Iterator[tuple[int, str, str]]:
    """``(index, name, text)`` of every input; stdin when no file is named."""
    for index, name in enumerate(files or ("-",)):
        yield index, name, _read(name)


def _write(lines: list[str]) -> None:
    if lines:
        sys.stdout.write("\n".join(lines) + "\n")


@click.command("tokens")
@_FILES
@click.option("--json", "as_json", is_flag=True, help="One JSON object per token.")
def tokens_command(files: tuple[str, ...], as_json: bool) -> None:
    """Print the tokens of FILES (or stdin), one per line.

    Each line is TEXT<TAB>START<TAB>END<TAB>KIND; START and END are character offsets into
    the input.
    """
    from warta.lang.tokenize import tokenize

    many = len(files) > 1
    for index, name, text in _inputs(files):
        if as_json:
            extra = {"source": name} if many else {}
            _write([json.dumps({"text": t.text, "start": t.start, "end": t.end,
                                "kind": t.kind, **extra}, ensure_ascii=False)
                    for t in tokenize(text)])  # fmt: skip
            continue
        if index:
            sys.stdout.write("\n")
        _write([f"{t.text}\t{t.start}\t{t.end}\t{t.kind}" for t in tokenize(text)])


@click.command("sentences")
@_FILES
@click.option("--json", "as_json", is_flag=True, help="One JSON object (text, start, end) per sentence.")
def sentences_command(files: tuple[str, ...], as_json: bool) -> None:
    """Print the sentences of FILES (or stdin), one per line.

    Every line break in the input ends a sentence (news paragraphs).
    """
    from warta.lang.sentences import split_sentences

    many = len(files) > 1
    for index, name, text in _inputs(files):
        sentences = split_sentences(text)
        if as_json:
            extra = {"source": name} if many else {}
            _write([json.dumps({"text": s.text, "start": s.start, "end": s.end, **extra},
                               ensure_ascii=False) for s in sentences])  # fmt: skip
            continue
        if index:
            sys.stdout.write("\n")
        _write([_VERTICAL_SPACE.sub(" ", s.text) for s in sentences])


@click.command("stem")
@_FILES
@click.option("--mode", type=click.Choice(list(MODES)), default="compat", show_default=True,
              help="compat = PySastrawi's output exactly; upstream = sastrawi-php's newer rule 27; "
                   "improved = measured fixes of known over-stemming.")  # fmt: skip
def stem_command(files: tuple[str, ...], mode: str) -> None:
    """Stem one word per line of FILES (or stdin); prints one stem per line.

    Empty lines stay empty, so the output lines up with the input.
    """
    from warta.lang.stem import get_stemmer

    stemmer = get_stemmer(mode)
    for index, _name, text in _inputs(files):
        if index:
            sys.stdout.write("\n")
        words = [line.strip() for line in text.splitlines()]
        stems = stemmer.stem_many([w for w in words if w])
        it = iter(stems)
        _write([next(it) if w else "" for w in words])


def register(group: click.Group) -> None:
    """Add this module's commands to the ``warta`` group."""
    for command in (tokens_command, sentences_command, stem_command):
        group.add_command(command)
