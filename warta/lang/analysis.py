"""The bridge between the archive and the one Indonesian analyser.

Index and query both go through :func:`analyze` so that a query term meets the indexed term
in the same form (normalised, stop words dropped, stemmed). The analyser is
:func:`warta.lang.normalize.analyze`; its identity is recorded in the archive so that an archive
built with a different analyser is detected instead of silently missing matches.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from warta.lang.normalize import analyze as _analyze

__all__ = ["ANALYZER_NAME", "analyze", "analyze_word", "word_spans"]

_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)


ANALYZER_NAME = "warta.lang.normalize.analyze"

_analyze_fn: Callable[[str], list[str]] = _analyze


def analyze(text: str) -> list[str]:
    """Analysed terms of ``text`` (the same function at index and at query time)."""
    if not text:
        return []
    return _analyze_fn(text)


@lru_cache(maxsize=200_000)
def analyze_word(word: str) -> tuple[str, ...]:
    """Analysed terms of one surface word (cached: snippets analyse words one by one)."""
    return tuple(_analyze_fn(word))


def word_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the words of ``text`` (for highlighting analysed matches)."""
    return [m.span() for m in _WORD.finditer(text)]
