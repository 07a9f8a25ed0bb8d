"""Indonesian tokenizer with character offsets: ``tokenize(text) -> list[Token]``.

Every token satisfies ``text[t.start:t.end] == t.text``; whitespace is never part of a token.

Kinds (``Token.kind``):

``word``      letters/digits, with inner hyphens and apostrophes (``anak-anak``, ``Jum'at``,
              ``COVID-19``, ``4G``); clitics stay inside the word and are exposed lazily by
              :attr:`Token.proclitic`, :attr:`Token.base` and :attr:`Token.enclitic`.
``number``    ``100.000``, ``1,5``, ``20.30``, ``12/2/2024``, ``3:1``, ``1990-an``.
``currency``  a currency sign or code directly before a number: ``Rp1,5`` is TWO tokens,
              ``Rp`` (currency) + ``1,5`` (number), exactly like ``Rp 1,5``; ``US$20`` is
              ``US$`` + ``20``. One shape for both spellings keeps the amounts finder simple
              and matches UD Indonesian. ``2,5%`` likewise is ``2,5`` + ``%`` (symbol).
``abbrev``    abbreviations and initials with their period(s): ``dr.``, ``Hj.``, ``dll.``,
              ``S.H.``, ``M.Si.``, ``a.n.``, ``No.``, ``B.``; the list is language data
              (``data/abbreviations.tsv``).
``url``, ``email``, ``hashtag``, ``mention``
``punct``     ``. , ; : ! ? ... …`` and brackets; ``quote`` straight/curly quotes;
``dash``      ``- -- – —``; ``symbol`` anything else that is not a space (``%``, ``/``, emoji).

Why hand-written: no maintained library tokenizes Indonesian news with offsets, local
abbreviations and number formats; the design is one compiled master regex run with
``finditer`` so that each token costs one C-level match plus one tuple (≥ 500k tokens/s).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .data import abbreviations, clitics, root_words, stopwords

__all__ = ["KINDS", "Token", "abbreviation_classes", "split_clitics", "tokenize", "trie_pattern"]

KINDS = (
    "url", "email", "hashtag", "mention", "currency", "number", "abbrev", "word",
    "punct", "quote", "dash", "symbol",
)  # fmt: skip


def trie_pattern(words: list[str]) -> str:
    """A regex alternation shaped as a trie, so ``re`` rejects non-matches after one char."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        optional = "" in node
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and len(branches[0]) <= 2 else (
            "(?:" + "|".join(branches) + ")"
        )
        return f"(?:{body})?" if optional else body

    return emit(trie)


@lru_cache(maxsize=1)
def abbreviation_classes() -> dict[str, str]:
    """Every spelling of a listed abbreviation → its class (``title`` or ``end``).

    A lower-case form is also matched with a capital first letter (``dr.``/``Dr.``, and
    ``s.pd.``/``S.Pd.``); any other form only as written (``PT.``, ``S.H.``).
    """
    classes: dict[str, str] = {}
    for form, cls in abbreviations().items():
        classes[form] = cls
        if form.islower():
            classes[form[:1].upper() + form[1:]] = cls
            classes[".".join(p[:1].upper() + p[1:] for p in form.split("."))] = cls
    return classes


_TLD = r"(?:com|net|org|info|biz|news|asia|tv|io|me|co|id)"
_INVISIBLE = "\u200b-\u200d\u2060\ufeff\u00ad"  # zero-width and soft hyphen: skipped
_INVISIBLE_CHARS = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_URL_CHARS = rf"[^\s<>\"“”‘’'()\[\]{{}}{_INVISIBLE}]"
_URL_END = rf"[^\s<>\"“”‘’'()\[\]{{}}.,;:!?{_INVISIBLE}]"

# Order matters (first alternative wins at a position) and so does speed: the plain word
# followed by a space or light punctuation — most tokens — is tried first and rejected in a
# few steps otherwise; only words touching ".", "@", ":" or "$" fall through to the costly
# URL/e-mail/abbreviation alternatives.
_PATTERNS: list[tuple[str, str]] = [
    ("currency", r"(?=[RIUSAH$€£¥])(?:Rp|IDR|USD|US\$|S\$|A\$|HK\$|RM|[$€£¥])(?=\.?\s?\d)"),
    ("word", r"[^\W\d_]\w*(?:[-'’]\w+)*(?=[\s,;)\]}!?”\"’']|$)"),
    # A number must not run into letters ("4G", "2010an" are words).
    ("number", r"\d+(?:[.,:/]\d+)*(?:-an)?(?![^\W_])"),
    ("punct", r"\.{2,}|…|[!?]+|[.,;:()\[\]{}]"),
    ("quote", r"``|''|[\"“”„‟«»‹›'‘’‚`]"),
    ("dash", r"-+|[‐‑‒–—―]"),
    ("url", rf"(?:https?://|ftp://|www\.){_URL_CHARS}*{_URL_END}"
            rf"|(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+{_TLD}(?![\w-]|\.\w)"
            rf"(?:/(?:{_URL_CHARS}*{_URL_END})?)?"),
    ("email", r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    ("hashtag", r"#\w+"),
    ("mention", r"@\w+"),
    # A letter may follow without a space: "Jl.Sudirman", "Ir.Soekarno", "B.J.Habibie".
    ("abbrev", "(?:{listed})\\.(?!\\.)"
               r"|(?:[^\W\d_]{1,4}\.){2,}(?![\d.])"  # S.H., a.n., M.Si., Ph.D., B.J.
               r"|[A-Z][^\W\d_]{0,3}\.(?:[^\W\d_]{1,4}\.)*[A-Z][^\W\d_]{0,3}(?![\w.])"  # M.Si
               r"|[A-Z]\.(?![\d.])"),  # initials: B. J. Habibie
    ("word", r"\w+(?:[-'’]\w+)*"),
    # Zero-width and soft-hyphen characters are skipped like spaces.
    ("symbol", rf"[^\w\s{_INVISIBLE}]"),
]  # fmt: skip

# Kind of each capturing group, by group number (``Match.lastindex``).
_GROUP_KINDS: tuple[str, ...] = ("",) + tuple(kind for kind, _ in _PATTERNS)


def _compile() -> re.Pattern[str]:
    listed = trie_pattern([f.rstrip(".") for f in abbreviation_classes()])
    parts = [f"({pat.replace('{listed}', listed)})" for _, pat in _PATTERNS]
    # Leading blanks are swallowed by the match (possessively) instead of being retried
    # position by position against every alternative: ~1.5x faster on news text.
    return re.compile(f"[\\s{_INVISIBLE}]*+(?:{'|'.join(parts)})")


_MASTER = _compile()
_tuple_new = tuple.__new__

# Enclitics in the order they stack on a word: pronoun, then particle (bukunyalah); the
# forms are data (``data/clitics.tsv``).
_PARTICLES = clitics()["particle"]
_PRONOUNS = clitics()["pronoun"]
_PROCLITICS = clitics()["proclitic"]


@lru_cache(maxsize=200_000)
def split_clitics(word: str) -> tuple[str, str, str]:
    """Split ``word`` into ``(proclitic, base, enclitic)``; empty strings when absent.

    ``bukunyalah`` → ``("", "buku", "nyalah")``, ``kubawa`` → ``("ku", "bawa", "")``.
    A clitic is split off only when the word itself is not a root word (``sekolah``,
    ``kuda``, ``punya`` stay whole; ``apakah`` and ``walaupun`` are split as function word +
    particle) and, for the ambiguous short clitics, when what is left
    is a root word; ``-nya`` is productive enough to need only a 3-letter base.
    """
    lower = word.lower()
    roots = root_words()
    if not lower.isalpha() and "-" not in lower:
        return "", word, ""
    if lower in roots:
        # The dictionary lists some particle forms whole; split those on function words
        # (apakah, siapakah, walaupun) as UD Indonesian does, but keep adalah, sekolah whole.
        if lower.endswith(("kah", "pun")) and lower[:-3] in stopwords():
            return "", word[:-3], word[-3:]
        return "", word, ""
    end = len(word)
    enclitic_start = end
    for particle in _PARTICLES:
        if lower.endswith(particle) and _is_base(lower[: end - len(particle)], roots, 3):
            enclitic_start = end - len(particle)
            break
    for pronoun in _PRONOUNS:
        cut = enclitic_start - len(pronoun)
        if lower.endswith(pronoun, 0, enclitic_start) and (
            _is_base(lower[:cut], roots, 3) or (pronoun == "nya" and cut >= 3)
        ):
            enclitic_start = cut
            break
    begin = 0
    for pro in _PROCLITICS:
        if lower.startswith(pro) and lower[len(pro) : enclitic_start] in roots:
            begin = len(pro)
            break
    return word[:begin], word[begin:enclitic_start], word[enclitic_start:]


def _is_base(stem: str, roots: frozenset[str], min_len: int) -> bool:
    """Whether ``stem`` can carry an enclitic: a root word, or one with a -nya/-ku/-mu."""
    if len(stem) < min_len:
        return False
    if stem in roots:
        return True
    return any(stem.endswith(p) and stem[: -len(p)] in roots for p in _PRONOUNS)


class Token(NamedTuple):
    """One token: ``text == source[start:end]``; ``kind`` is one of :data:`KINDS`."""

    text: str
    start: int
    end: int
    kind: str

    @property
    def proclitic(self) -> str:
        """``ku``/``kau`` written onto the word (``kubawa``), else ``""``."""
        return split_clitics(self.text)[0] if self.kind == "word" else ""

    @property
    def base(self) -> str:
        """The word without its clitics (``bukunya`` → ``buku``); the text for non-words."""
        return split_clitics(self.text)[1] if self.kind == "word" else self.text

    @property
    def enclitic(self) -> str:
        """``nya``/``lah``/``kah``/``pun``/``ku``/``mu`` (or a stack such as ``nyalah``)."""
        return split_clitics(self.text)[2] if self.kind == "word" else ""


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into :class:`Token` s with character offsets into ``text``."""
    if not isinstance(text, str):
        raise TypeError(f"tokenize() needs str, got {type(text).__name__}")
    # Stop before trailing blanks: there the blank-skipping prefix would find no token and
    # be retried at every position (quadratic in the length of the trailing run).
    end = len(text)
    while end and (text[end - 1].isspace() or text[end - 1] in _INVISIBLE_CHARS):
        end -= 1
    new = _tuple_new
    kinds = _GROUP_KINDS
    # the group number bound once per match (the walrus); m[k] is m.group(k) without a
    # method call
    return [
        new(Token, (m[k := m.lastindex], m.start(k), m.end(), kinds[k]))
        for m in _MASTER.finditer(text, 0, end)
    ]
