"""Indonesian stemmer: the Sastrawi algorithm (confix stripping, ECS), written anew for speed.

Modes
-----
``compat``
    Gives exactly what the installed PySastrawi (PyPI ``sastrawi`` 1.0.1) gives, quirks included:
    ``StemmerFactory().create_stemmer().stem(text)``.
``upstream``
    ``compat`` plus sastrawi-php's later rule 27 (``pen{c|d|j|s|t|z}``), which its functional
    test-suite expects (*penstabilan*→*stabil*, *pentranskripsi*→*transkripsi*).
``improved``
    ``compat`` plus fixes of known over-stemming, each kept only because it raises
    stem-vs-lemma accuracy on the UD Indonesian treebanks (see ``evals/eval_stem.py``), and a
    ``proper=True`` hint that leaves proper names alone (*Bali* stays *bali*, not *bal*).
    sastrawi-php's rule 27 is left out: neutral on UD, and it over-stems *berkepentingan* to
    *ting*.

Why not call PySastrawi: it keeps its 30,000 root words in a Python *list* and tests membership
by scanning it, dozens of times per word, so it stems a few hundred words per second. Here the
dictionary is a frozenset, the prefix rules are dispatched on the word's first letter, and every
:class:`Stemmer` memoises word→stem, so news text (the same words again and again) costs one dict
lookup per token.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from ..errors import DataMissing, UsageError
from .stem_rules import Rule, prefix_groups

__all__ = ["FIXES", "MODES", "Stemmer", "get_stemmer", "load_dictionary", "normalize_text", "stem"]

MODES: tuple[str, ...] = ("compat", "upstream", "improved")

#: Fixes the ``improved`` mode may apply (each measured alone in ``evals/eval_stem.py``):
#: ``rule27``  sastrawi-php's rule 27 (pen{s|t}); neutral on UD, so NOT on by default.
#: ``kan_an``  a pe-/ke- word ending in -kan is read as confix + -an when that reaches a root
#:             (perbankan→bank not perban, perusakan→rusak not rusa, penarikan→tarik).
#: ``final_i`` a word ending in -i, -is, -kah keeps that ending when taking off prefixes alone
#:             reaches a longer root (senilai→nilai not nila, berbasis→basis, menikah→nikah).
FIXES: tuple[str, ...] = ("rule27", "kan_an", "final_i")
_MODE_FIXES = {"compat": frozenset(), "upstream": frozenset({"rule27"}),
               "improved": frozenset({"kan_an", "final_i"})}
_KEPT_ENDINGS = ("i", "is", "kah")

# Affix types of PySastrawi's Removal records: derivational prefix / suffix, possessive pronoun,
# particle. Only the suffix kinds matter to the "loop pengembalian akhiran".
_DP, _DS, _PP, _P = "DP", "DS", "PP", "P"
_SUFFIX_TYPES = frozenset((_DS, _PP, _P))

_PARTICLE = re.compile(r"-*(lah|kah|tah|pun)$")
_POSSESSIVE = re.compile(r"-*(ku|mu|nya)$")
_DERIVATIONAL = re.compile(r"(is|isme|isasi|i|kan|an)$")
_PLAIN_PREFIX = re.compile(r"^(di|ke|se)")
# Confix-stripping precedence adjustment (Asian 2007): try prefixes before suffixes.
_PRECEDENCE = re.compile(r"^(be.*lah|be.*an|me.*i|di.*i|pe.*i|ter.*i)$")
_PLURAL_CLITIC = re.compile(r"^(.*)-(ku|mu|nya|lah|kah|tah|pun)$")
_LAST_HYPHEN = re.compile(r"^(.*)-(.*)$")
_CLITICS = frozenset(("ku", "mu", "nya", "lah", "kah", "tah", "pun"))
# Same patterns and flags as Sastrawi's TextNormalizer (IGNORECASE keeps its Unicode quirks:
# after lower-casing, 'ı' and 'ſ' still count as letters).
_NON_WORD = re.compile(r"[^a-z0-9 -]", re.IGNORECASE | re.MULTILINE)
_SPACES = re.compile(r"( +)", re.IGNORECASE | re.MULTILINE)
_PLAIN_WORD = re.compile(r"[a-z0-9-]+")


def normalize_text(text: str) -> str:
    """Sastrawi's text normalisation: lower-case, non-``[a-z0-9 -]`` → space, squeeze spaces."""
    return _SPACES.sub(" ", _NON_WORD.sub(" ", text.lower())).strip()


@lru_cache(maxsize=1)
def load_dictionary() -> frozenset[str]:
    """The root words shipped with the installed ``sastrawi`` package (``kata-dasar.txt``)."""
    try:
        data = resources.files("Sastrawi.Stemmer").joinpath("data", "kata-dasar.txt")
        text = data.read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise DataMissing(
            "the Sastrawi root-word dictionary (Sastrawi/Stemmer/data/kata-dasar.txt) was not "
            "found: install the 'sastrawi' package (pip install 'sastrawi>=1.0.1')"
        ) from exc
    return _as_dictionary(text.split("\n"))


def _as_dictionary(words: Iterable[str]) -> frozenset[str]:
    # ArrayDictionary.add skips empty and blank entries but keeps others verbatim.
    return frozenset(w for w in words if w and w.strip())


class _Context:
    """One run of the confix-stripping algorithm over one singular word (PySastrawi's Context).

    Kept as a near line-by-line transcription so ``compat`` stays exact; removals are tuples
    ``(type, subject, result, removed_part)``.
    """

    __slots__ = ("current", "dictionary", "groups", "original", "removals", "stopped")

    def __init__(self, word: str, dictionary: frozenset[str],
                 groups: dict[str, tuple[tuple[Rule, ...], ...]]) -> None:
        self.original = word
        self.current = word
        self.dictionary = dictionary
        self.groups = groups
        self.removals: list[tuple[str, str, str, str]] = []
        self.stopped = False

    def run(self) -> str:
        """Steps 1-6; the stem, or the original word when no root word was reached."""
        self._stem()
        return self.current if self.current in self.dictionary else self.original

    def _stem(self) -> None:
        d = self.dictionary
        if self.current in d:
            return
        # DontStemShortWord does not end the process: it only makes every later visitor list
        # stop after its first visitor (particles only; plain prefixes only).
        if len(self.current) <= 3:
            self.stopped = True
        if _PRECEDENCE.match(self.original):
            self._remove_prefixes()
            if self.current in d:
                return
            self._remove_suffixes()
            if self.current in d:
                return
            self.current = self.original
            self.removals = []
        self._remove_suffixes()
        if self.current in d:
            return
        self._remove_prefixes()
        if self.current in d:
            return
        self._loop_pengembalian_akhiran()

    def _suffix(self, pattern: re.Pattern[str], kind: str) -> None:
        word = self.current
        result = pattern.sub("", word, 1)
        if result != word:
            # the result is always a prefix of the word, so the removed part is the rest
            self.removals.append((kind, word, result, word[len(result):]))
            self.current = result

    def prefix_only(self) -> str | None:
        """The root reached by taking off prefixes only (no suffix), or ``None``."""
        self._remove_prefixes()
        return self.current if self.current in self.dictionary else None

    def _remove_suffixes(self) -> None:
        d = self.dictionary
        for pattern, kind in ((_PARTICLE, _P), (_POSSESSIVE, _PP), (_DERIVATIONAL, _DS)):
            self._suffix(pattern, kind)
            if self.current in d or self.stopped:
                return

    def _remove_prefixes(self) -> None:
        for _ in range(3):
            self._accept_prefix_visitors()
            if self.current in self.dictionary:
                return

    def _accept_prefix_visitors(self) -> None:
        d = self.dictionary
        count = len(self.removals)
        word = self.current
        result = _PLAIN_PREFIX.sub("", word, 1)
        if result != word:
            self.removals.append((_DP, word, result, word[: len(word) - len(result)]))
            self.current = result
        if self.current in d or self.stopped or len(self.removals) > count:
            return
        # no removal so far: self.current is still `word`
        for group in self.groups.get(word[:2], ()):
            result = None
            for rule in group:
                result = rule(word)
                if result in d:
                    break
            if result:
                self.removals.append((_DP, word, result, ""))
                self.current = result
                return

    def _loop_pengembalian_akhiran(self) -> None:
        """ECS: give suffixes back one by one (``-kan`` first as ``-k``), retrying prefixes."""
        d = self.dictionary
        if self.removals:
            self.current = self.removals[0][1]
        # PySastrawi also drops (some of) the prefix removals here; the loop below ignores them
        # anyway, and prefix retries only compare removal counts, so that is not reproduced.
        saved = self.current
        for kind, subject, result, removed in reversed(list(self.removals)):
            if kind not in _SUFFIX_TYPES:
                continue
            if removed == "kan":
                self.current = result + "k"
                self._remove_prefixes()
                if self.current in d:
                    return
                self.current = result + "kan"
            else:
                self.current = subject
            self._remove_prefixes()
            if self.current in d:
                return
            self.current = saved


class Stemmer:
    """Sastrawi stemmer with a word→stem memo.

    ``mode`` is one of :data:`MODES`; ``dictionary`` replaces the root words of the installed
    Sastrawi package (used by tests with Sastrawi's small functional dictionary).
    ``fixes`` (``improved`` mode only) picks a subset of :data:`FIXES`, for ablation in evals.
    ``cache_size`` bounds the memo (it is cleared when full).
    """

    def __init__(self, mode: str = "compat", dictionary: Iterable[str] | None = None,
                 *, fixes: Iterable[str] | None = None, cache_size: int = 2_000_000) -> None:
        if mode not in MODES:
            raise UsageError(
                f"unknown stemmer mode {mode!r}: use one of {', '.join(MODES)} "
                "(compat reproduces PySastrawi exactly)"
            )
        if isinstance(dictionary, str):
            raise UsageError("dictionary must be an iterable of root words, not one string")
        self.mode = mode
        self.dictionary = load_dictionary() if dictionary is None else _as_dictionary(dictionary)
        self.fixes = self._check_fixes(mode, fixes)
        self._groups = prefix_groups("27st" if "rule27" in self.fixes else "27")
        self._second_opinion = bool(self.fixes & {"kan_an", "final_i"})
        self._proper_cache: dict[str, str] = {}
        self._cache: dict[str, str] = {}
        self._cache_size = cache_size

    @staticmethod
    def _check_fixes(mode: str, fixes: Iterable[str] | None) -> frozenset[str]:
        if fixes is None:
            return _MODE_FIXES[mode]
        if isinstance(fixes, str):
            fixes = (fixes,)
        chosen = frozenset(fixes)
        if mode != "improved":
            raise UsageError(f"fixes={sorted(chosen)} given with mode {mode!r}: fixes need "
                             "mode='improved'")
        unknown = sorted(chosen - set(FIXES))
        if unknown:
            raise UsageError(f"unknown stemmer fix(es) {', '.join(unknown)}: use any of "
                             f"{', '.join(FIXES)}")
        return chosen

    def __repr__(self) -> str:
        return f"Stemmer(mode={self.mode!r}, words={len(self.dictionary)})"

    def stem(self, word: str, proper: bool = False) -> str:
        """The stem of one word (any case; punctuation is treated as Sastrawi treats it).

        ``proper=True`` says the word is a proper name (e.g. capitalised inside a sentence): in
        ``improved`` mode it is then only normalised, not stemmed (*Bali*→*bali*); the other
        modes ignore the hint, as Sastrawi does.
        """
        if proper and self.mode == "improved":
            return self._stem_proper(word)
        try:
            return self._cache[word]
        except KeyError:
            pass
        if _PLAIN_WORD.fullmatch(word):
            return self._stem_token(word)
        # Not a normalised token: Sastrawi's stem(text) may split it into several words.
        result = self.stem_text(word)
        self._remember(word, result)
        return result

    def _stem_proper(self, word: str) -> str:
        result = self._proper_cache.get(word)
        if result is None:
            result = normalize_text(word)
            if len(self._proper_cache) >= self._cache_size:
                self._proper_cache.clear()
            self._proper_cache[word] = result
        return result

    def stem_many(self, words: Iterable[str]) -> list[str]:
        """Stems of many words, in order."""
        cache = self._cache
        stem = self.stem
        return [cache[w] if w in cache else stem(w) for w in words]

    def stem_text(self, text: str) -> str:
        """Sastrawi's ``stem(text)``: normalise, stem each word, join the stems with spaces."""
        cache = self._cache
        token = self._stem_token
        return " ".join([cache[w] if w in cache else token(w)
                         for w in normalize_text(text).split(" ")])

    def cache_info(self) -> dict[str, int]:
        """Number of memoised words."""
        return {"words": len(self._cache)}

    # -- algorithm -------------------------------------------------------------------------

    def _remember(self, word: str, result: str) -> None:
        if len(self._cache) >= self._cache_size:
            self._cache.clear()
        self._cache[word] = result

    def _stem_token(self, word: str) -> str:
        """Stem of a normalised token (``[a-z0-9-]*``), memoised."""
        result = self._cache.get(word)
        if result is None:
            result = self._stem_word(word)
            self._remember(word, result)
        return result

    def _stem_word(self, word: str) -> str:
        if self._is_plural(word):
            return self._stem_plural(word)
        return self._stem_singular(word)

    def _stem_singular(self, word: str) -> str:
        result = _Context(word, self.dictionary, self._groups).run()
        if self._second_opinion and "-" not in word and word not in self.dictionary:
            result = self._improve(word, result)
        return result

    def _improve(self, word: str, result: str) -> str:
        """The ``improved`` mode's second opinions on a compat result (see :data:`FIXES`)."""
        d = self.dictionary
        if "final_i" in self.fixes and len(word) > 3 and word.endswith(_KEPT_ENDINGS):
            kept = _Context(word, d, self._groups).prefix_only()
            if kept is not None and len(kept) > len(result):
                result = kept
        if "kan_an" in self.fixes and word.startswith(("pe", "ke")):
            base = _POSSESSIVE.sub("", _PARTICLE.sub("", word, 1), 1)
            if base.endswith("kan"):
                result = self._kan_as_an(base[:-2], result)
        return result

    def _kan_as_an(self, head: str, result: str) -> str:
        """``head`` + -an where compat read ``head[:-1]`` + -kan: prefer the root ending in k."""
        d = self.dictionary
        if result + "k" in d:  # kerusakan: rusa → rusak, perusakan: rusa → rusak
            return result + "k"
        # a fresh run on `head` (ends in k) strips no suffix; it must take off some prefix,
        # else kedudukan would become the root keduduk
        alt = _Context(head, d, self._groups).run()
        return alt if alt in d and alt != head else result

    @staticmethod
    def _is_plural(word: str) -> bool:
        m = _PLURAL_CLITIC.match(word)
        if m:
            return "-" in m.group(1)
        return "-" in word

    def _stem_plural(self, plural: str) -> str:
        """Reduplication (Asian 2007): ``anak-anak``→``anak``, ``meniru-nirukan``→``tiru``."""
        m = _LAST_HYPHEN.match(plural)
        if not m:
            return plural
        first, second = m.group(1), m.group(2)
        inner = _LAST_HYPHEN.match(first)
        if second in _CLITICS and inner:
            first, second = inner.group(1), inner.group(2) + "-" + second
        root1 = self._stem_singular(first)
        root2 = self._stem_singular(second)
        if second not in self.dictionary and root2 == second:
            root2 = self._stem_singular("me" + second)
        return root1 if root1 == root2 else plural


_SHARED: dict[str, Stemmer] = {}


def get_stemmer(mode: str = "compat") -> Stemmer:
    """A shared :class:`Stemmer` for ``mode`` (built once, memo shared by all callers)."""
    stemmer = _SHARED.get(mode)
    if stemmer is None:
        stemmer = _SHARED[mode] = Stemmer(mode)
    return stemmer


def stem(word: str, mode: str = "compat") -> str:
    """Stem one word with the shared stemmer of ``mode``."""
    return get_stemmer(mode).stem(word)
