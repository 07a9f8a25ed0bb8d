"""The one text analyser every comparing part of warta uses (search index, queries, related).

``analyze("Anak-anak GAK makan bangeeet")`` → ``["anak", "makan", "banget"]``:

1. tokens from :func:`warta.lang.tokenize.tokenize` (so ``anak-anak``, ``100.000``,
   ``S.H.`` and URLs stay whole, exactly as everywhere else in warta);
2. per token: Unicode NFKC, casefold, apostrophes dropped (``Jum'at`` = ``Jumat``),
   elongations squeezed (``bangeeet`` → ``banget``; ``saaat`` → ``saat`` since ``saat`` is a
   known word), informal spellings mapped (``gak`` → ``tidak``, ``yg`` → ``yang``;
   ``data/informal.tsv``);
3. stop words (``data/stopwords.txt``) dropped unless ``keep_stopwords``;
4. the compat stemmer (:func:`warta.lang.stem.get_stemmer`), unless ``stem=False``.

Punctuation, quotes, dashes and symbols give no term. Abbreviations lose their dots
(``S.H.`` → ``sh``), hashtags their ``#``; numbers, URLs, e-mails and mentions are only
casefolded. Steps 2-4 depend on the token text alone, so they are memoised per distinct
token: indexing an archive costs one dict lookup per token after warm-up.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from .data import informal_spellings, root_words, stopwords
from .tokenize import Token, tokenize

__all__ = [
    "Term",
    "analyze",
    "analyze_tokens",
    "analyze_tokens_with_positions",
    "analyze_with_positions",
    "normalize_word",
]

_ELONGATION = re.compile(r"([^\W\d_])\1{2,}")
_APOSTROPHES = re.compile(r"['’`]")
_PLAIN = re.compile(r"[a-z0-9-]+")
# Kinds that carry a searchable term; the others only separate terms.
_INDEXED = frozenset({"word", "number", "abbrev", "url", "email", "hashtag", "mention", "currency"})
_CACHE_LIMIT = 1_000_000


class Term(NamedTuple):
    """A term with its ``position`` (ordinal among indexed tokens, stop words counted) and
    its character offsets in the analysed text — phrase queries and highlighting use them."""

    term: str
    position: int
    start: int
    end: int


@lru_cache(maxsize=1)
def _known_words() -> frozenset[str]:
    """Words that decide between ``aa`` and ``a`` when squeezing an elongation."""
    informal = informal_spellings()
    return root_words() | stopwords() | frozenset(informal) | frozenset(informal.values())


def _squeeze(word: str) -> str:
    """``bangeeet`` → ``banget``; ``saaaat`` → ``saat`` (a double letter when that is a known word)."""
    single = _ELONGATION.sub(r"\1", word)
    double = _ELONGATION.sub(r"\1\1", word)
    known = _known_words()
    if double in known:
        return double
    return single


def normalize_word(word: str) -> str:
    """NFKC, casefold, apostrophes out, elongation squeeze, informal → standard spelling."""
    word = unicodedata.normalize("NFKC", word).casefold()
    if "'" in word or "’" in word or "`" in word:
        word = _APOSTROPHES.sub("", word)
    if _ELONGATION.search(word):
        word = _squeeze(word)
    return informal_spellings().get(word, word)


@lru_cache(maxsize=1)
def _stemmer():  # noqa: ANN202 - the Stemmer class lives in warta.lang.stem
    from .stem import get_stemmer  # imported lazily: the stemmer loads a dictionary

    return get_stemmer("compat")


def _entry(text: str, kind: str) -> tuple[str, str, bool]:
    """``(normalised, stemmed, is_stop_word)`` for one token's text."""
    if kind == "word" or kind == "hashtag":
        norm = normalize_word(text.lstrip("#"))
        stemmed = _stemmer().stem(norm) if _PLAIN.fullmatch(norm) else norm
        return norm, stemmed or norm, norm in stopwords()
    norm = unicodedata.normalize("NFKC", text).casefold()
    if kind == "abbrev":
        norm = norm.replace(".", "")
        return norm, norm, norm in stopwords()
    return norm, norm, False


_cache: dict[str, tuple[str, str, bool]] = {}


def analyze_with_positions(
    text: str, *, keep_stopwords: bool = False, stem: bool = True
) -> list[Term]:
    """Terms of ``text`` with positions and offsets (see :class:`Term`)."""
    return _analyze(tokenize(text), keep_stopwords, stem)


def analyze_tokens_with_positions(
    tokens: Iterable[Token], *, keep_stopwords: bool = False, stem: bool = True
) -> list[Term]:
    """:func:`analyze_with_positions` of already tokenized text (offsets as the tokens')."""
    return _analyze(tokens, keep_stopwords, stem)


def _analyze(tokens: Iterable[Token], keep_stopwords: bool, stem: bool) -> list[Term]:
    cache = _cache
    out: list[Term] = []
    append = out.append
    # Term(...) runs the named tuple's Python-level __new__; tuple.__new__ makes the same
    # Term in C (as the tokenizer makes its Tokens)
    new = tuple.__new__
    # names bound once, outside the loop that sees every token of the article
    indexed, drop, which = _INDEXED, not keep_stopwords, 1 if stem else 0
    position = -1
    for text, start, end, kind in tokens:
        if kind not in indexed:
            continue
        position += 1
        key = text if kind == "word" else f"{kind}\x00{text}"
        entry = cache.get(key)
        if entry is None:
            if len(cache) >= _CACHE_LIMIT:
                cache.clear()
            entry = cache[key] = _entry(text, kind)
        if entry[2] and drop:
            continue
        append(new(Term, (entry[which], position, start, end)))
    return out


def analyze_tokens(
    tokens: list[Token], *, keep_stopwords: bool = False, stem: bool = True
) -> list[str]:
    """Terms of already tokenized text (same result as :func:`analyze` on its source)."""
    cache = _term_caches[keep_stopwords, stem]
    for tok in [tok for tok in tokens if tok[0] not in cache]:
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        cache[tok[0]] = _term(tok[0], tok[3], keep_stopwords, stem)
    get = cache.__getitem__
    return [term for term in map(get, [tok[0] for tok in tokens]) if term]


def analyze(text: str, *, keep_stopwords: bool = False, stem: bool = True) -> list[str]:
    """Search terms of ``text``: the analyser shared by index, queries and related news."""
    return analyze_tokens(tokenize(text), keep_stopwords=keep_stopwords, stem=stem)


def _term(text: str, kind: str, keep_stopwords: bool, stem: bool) -> str:
    """The term of one token, or ``""`` when it gives none (punctuation, a dropped stop word).

    A token's kind follows from its text (``Rp`` is ``rp`` as currency or as a word), so
    :func:`analyze_tokens` can memoise terms by text alone.
    """
    if kind not in _INDEXED:
        return ""
    norm, stemmed, is_stop = _entry(text, kind)
    if is_stop and not keep_stopwords:
        return ""
    return stemmed if stem else norm


# One text → term memo per (keep_stopwords, stem) setting: the hot path of indexing is then
# one dict lookup per token, done inside list comprehensions.
_term_caches: dict[tuple[bool, bool], dict[str, str]] = {
    (keep, stem): {} for keep in (False, True) for stem in (False, True)
}
