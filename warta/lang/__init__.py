"""Indonesian language core: tokens, sentences, stems and the one search analyser.

Language data (word lists) lives in ``warta/lang/data``; this package holds the logic::

    from warta.lang import tokenize, split_sentences, analyze, get_stemmer
"""

from __future__ import annotations

from .normalize import analyze, analyze_with_positions, normalize_word
from .sentences import Sentence, split_sentences
from .stem import Stemmer, get_stemmer, stem
from .tokenize import Token, tokenize

__all__ = [
    "Sentence",
    "Stemmer",
    "Token",
    "analyze",
    "analyze_with_positions",
    "get_stemmer",
    "normalize_word",
    "split_sentences",
    "stem",
    "tokenize",
]
