"""Readers for the enrichment language data in ``warta/enrich/data`` (one place, one format).

Files are tab-separated; ``#`` starts a comment line. Shared by quotes, amounts and dates.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources

from ..lang.tokenize import trie_pattern

__all__ = ["alternation", "rows", "starts_word", "trie_alternation", "word_table"]


def _text(name: str) -> str:
    return resources.files("warta.enrich").joinpath("data", name).read_text(encoding="utf-8")


def rows(name: str) -> list[list[str]]:
    """Every non-comment line of a data file as its stripped tab-separated cells."""
    return [
        [cell.strip() for cell in line.split("\t")]
        for line in _text(name).splitlines()
        if line.strip() and not line.startswith("#")
    ]


def word_table(name: str) -> dict[str, str]:
    """A ``word<TAB>value`` file (``#`` may also end a line) as a lower-cased dict."""
    table: dict[str, str] = {}
    for line in _text(name).splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            word, _, value = line.partition("\t")
            table[word.strip().lower()] = value.strip()
    return table


def alternation(words: Iterable[str], *, flexible_spaces: bool = True) -> str:
    """Longest-first regex alternation (so ``dolar AS`` wins over ``dolar``); a space in a
    phrase matches any run of whitespace unless ``flexible_spaces`` is off.

    Shaped as a trie (:func:`trie_alternation`), not as a flat list of the words: the same
    matches, as the words that match at one place are each a prefix of the next and a
    trie's optional tails are greedy (the longest is tried first, as in a longest-first
    list), but ``re`` rejects a place after one character instead of trying every word
    there (the amount pattern's scan of a paragraph ~20 % faster). Under ``re.IGNORECASE``
    the trie still branches on the case as written: two words that differ only in case up
    to where one is a prefix of the other (``DOLAR``, ``dolar AS``) would not keep the
    longest-first rule; the shipped lists read through :func:`word_table` are lower-cased,
    so they cannot hold such a pair."""
    pattern = trie_alternation(words)
    return pattern.replace(r"\ ", r"\s+") if flexible_spaces else pattern


def trie_alternation(words: Iterable[str]) -> str:
    """A non-capturing group matching any of ``words`` (as written), shaped as a trie:
    ``re`` tries one branch per character instead of every word at every position (a
    flat alternation of 60 words made a scan several times slower)."""
    return "(?:" + trie_pattern(sorted(set(words))) + ")"


def starts_word(literal: str) -> str:
    r"""``(?<!\w)`` then ``literal`` (a fixed string as ``re.escape`` writes it), written literal
    first: ``literal(?<!\wliteral)``. The same matches — the look-behind, one character longer
    than the literal just matched, fails exactly where a word character stands before it (and
    cannot fail at the start of the text) — but a pattern opening with a literal lets ``re`` scan
    for it (h16speed: a name searched for over a whole article), where a leading look-behind is
    tried at every position of the text."""
    return f"{literal}(?<!\\w{literal})"
