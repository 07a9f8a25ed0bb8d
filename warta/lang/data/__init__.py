"""Loaders for the language data files in this folder (each read once, then cached).

The files are plain text so that linguists can edit them without touching code:
``abbreviations.tsv`` (form, class), ``informal.tsv`` (informal, standard) and
``stopwords.txt`` and ``quote_cues.txt`` (one word a line), ``clitics.tsv`` (form, kind); ``#``
starts a comment line.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from ...errors import DataMissing

__all__ = ["abbreviations", "clitics", "informal_spellings", "quote_cues", "root_words", "stopwords"]


def _numbered_lines(name: str) -> list[tuple[int, str]]:
    """(line number, line) of the non-comment, non-blank lines of a data file shipped here."""
    try:
        text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DataMissing(
            f"language data file warta/lang/data/{name} is missing: reinstall warta"
        ) from exc
    return [(n, line) for n, line in enumerate(text.splitlines(), 1)
            if line.strip() and not line.startswith("#")]


def _lines(name: str) -> list[str]:
    """Non-comment, non-blank lines of a data file shipped in this package."""
    return [line for _n, line in _numbered_lines(name)]


def _pairs(name: str) -> list[tuple[str, str]]:
    """The two tab-separated cells of each line of a shipped two-column file (stripped); a
    line of another shape says where it is (the files are meant to be edited by hand)."""
    pairs = []
    for number, line in _numbered_lines(name):
        cells = line.split("\t")
        if len(cells) != 2:
            raise DataMissing(f"warta/lang/data/{name}:{number}: expected two tab-separated "
                              f"cells, got {line!r}; fix the line or reinstall warta")
        pairs.append((cells[0].strip(), cells[1].strip()))
    return pairs


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    """Abbreviation as written in the file (with its final period) → ``title`` or ``end``."""
    return dict(_pairs("abbreviations.tsv"))


@lru_cache(maxsize=1)
def clitics() -> dict[str, tuple[str, ...]]:
    """Kind (``particle``, ``pronoun``, ``proclitic``, ``archaic``) → its clitics, in file order
    (the order they are tried in)."""
    table: dict[str, list[str]] = {}
    for form, kind in _pairs("clitics.tsv"):
        table.setdefault(kind, []).append(form)
    return {kind: tuple(forms) for kind, forms in table.items()}


@lru_cache(maxsize=1)
def informal_spellings() -> dict[str, str]:
    """Informal spelling → standard word (``gak`` → ``tidak``)."""
    return dict(line.split("\t", 1) for line in _lines("informal.tsv"))


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Function words the search analyser drops by default."""
    return frozenset(line.strip() for line in _lines("stopwords.txt"))


@lru_cache(maxsize=1)
def quote_cues() -> frozenset[str]:
    """Speech verbs that attribute a quotation (``kata``, ``ujarnya``, ``menambahkan``)."""
    return frozenset(line.strip() for line in _lines("quote_cues.txt"))


@lru_cache(maxsize=1)
def root_words() -> frozenset[str]:
    """Indonesian root words: the dictionary of the installed ``sastrawi`` package."""
    from ..stem import load_dictionary  # the stemmer owns where the dictionary comes from

    return frozenset(load_dictionary())
