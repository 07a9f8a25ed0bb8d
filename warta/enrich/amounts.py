"""Amounts in the text: ``sekitar 100.000 tentara`` → value 100000, noun ``tentara``.

Hand-written regexes rather than a library: no maintained Python library reads Indonesian
number formats (``100.000``, ``1,5``), scale words (``2,5 juta``), currency forms (``Rp``,
``US$``, ``dolar AS``) and counted nouns together, and a single compiled pattern per paragraph
keeps this stage well inside the 5 ms/article enrichment budget.

Decisions (documented because the formats are ambiguous):

- ``100.000`` / ``2.500.000`` (dot every three digits) are thousands separators; ``1,5`` is a
  decimal comma. ``1,000,000`` (two or more comma groups) is read English-style, and so is
  ``2.5`` (one or two digits after a single dot — Indonesian never groups them that way).
  A single ``1,500`` is read as Indonesian 1.5.
- Years (a bare 1900–2099 integer), dates (``12/2/2024``), clock times (``pukul 14.00``,
  ``14.00 WIB``), day-month (``22 Januari``), codes glued to letters or hyphens (``Covid-19``,
  ``G20``) and numbers after reference words (``Pasal 5``, ``nomor 3``) are not amounts.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from ..model import Amount

from .lexicon import alternation, word_table

__all__ = ["extract_amounts", "parse_number"]

_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?|\d+(?:[.,]\d+)?"


class _Lexicon:
    """The amount word lists from ``warta/enrich/data/amount_*.tsv`` and the compiled pattern."""

    def __init__(self) -> None:
        self.scales = {w: Decimal(v) for w, v in word_table("amount_scales.tsv").items()}
        self.prefixes = word_table("amount_currency_prefix.tsv")
        self.suffixes = word_table("amount_currency_suffix.tsv")
        words = word_table("amount_words.tsv")
        self.not_nouns = frozenset(w for w, v in words.items() if v == "not_noun")
        self.block_before = frozenset(w for w, v in words.items() if v == "block_before")
        self.block_after = frozenset(w for w, v in words.items() if v == "block_after")
        approx = [w for w, v in words.items() if v == "approx"]
        percent = [w for w, v in words.items() if v == "percent"]
        self.approx_scales = frozenset(w for w, v in words.items() if v == "approx_scale")
        self.pattern = re.compile(
            rf"(?<![\w/.,:-])(?:(?P<approx>{alternation(approx)})\s+)?"
            rf"(?:(?P<cur>{alternation(list(self.prefixes))})\s?)?"
            rf"(?P<num>{_NUMBER})(?![\w/:]|[.,]\d|-\w)"
            rf"(?:\s*(?P<scale>{alternation(list(self.scales))})(?!\w))?"
            rf"(?:\s*(?P<pct>%|(?:{alternation(percent)})\b)|\s+(?P<cursuf>{alternation(list(self.suffixes))})(?!\w))?"
            r"(?:\s+(?P<noun>(?-i:[a-z][a-z-]*))(?![\w-]))?",
            re.IGNORECASE,
        )


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    return _Lexicon()


def _decimal(text: str) -> Decimal:
    if re.fullmatch(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?", text):
        return Decimal(text.replace(",", ""))
    if re.fullmatch(r"\d+\.\d{1,2}", text):
        return Decimal(text)
    return Decimal(text.replace(".", "").replace(",", "."))


def _plain(value: Decimal) -> float | int:
    return int(value) if value == value.to_integral_value() else float(value)


def parse_number(text: str) -> float | int:
    """Read one number as Indonesian news writes it (see module docstring for the rules).

    >>> parse_number("100.000"), parse_number("1,5"), parse_number("2.5"), parse_number("1,000,000")
    (100000, 1.5, 2.5, 1000000)
    """
    return _plain(_decimal(text))


_DIGIT = re.compile(r"\d")
_LEAD = 30  # characters before a digit that an approximation word and currency may take
_PREV_WORD = re.compile(r"([\w-]+)\W*$")
_NEXT_WORD = re.compile(r"^\s*([\w'-]+)")


def _is_blocked(lex: _Lexicon, paragraph: str, m: re.Match[str]) -> bool:
    """True for years, times, day-month dates and reference numbers (``Pasal 5``)."""
    if m["cur"] or m["cursuf"] or m["pct"]:
        return False
    prev = _PREV_WORD.search(paragraph[max(0, m.start("num") - 20) : m.start("num")])
    if prev and prev.group(1).lower() in lex.block_before and not m["approx"]:
        return True
    if m["scale"]:
        return False
    if _is_name_number(paragraph, m.start("num")):
        return True
    nxt = _NEXT_WORD.match(paragraph[m.end("num") : m.end("num") + 20])
    if nxt and nxt.group(1).lower() in lex.block_after:
        return True
    return bool(re.fullmatch(r"(19|20)\d\d", m["num"]))


_WORD_BEFORE = re.compile(r"(?P<before>[^\s]?)\s*(?P<word>[A-Z][\w-]*) $")


def _is_name_number(paragraph: str, start: int) -> bool:
    """``Mi 9``, ``Mate 20 Pro``, ``SDN Cilincing 07``: a bare number right after a capitalised
    word inside a sentence is part of a name, not an amount (sentence-initial words excepted)."""
    m = _WORD_BEFORE.search(paragraph, max(0, start - 40), start)
    return m is not None and m["before"] != "" and m["before"] not in ".!?:;\"“”(,"


def _amount(lex: _Lexicon, paragraph: str, index: int, m: re.Match[str]) -> Amount | None:
    if _is_blocked(lex, paragraph, m):
        return None
    value = _decimal(m["num"])
    approximate = bool(m["approx"])
    if m["scale"]:
        scale = _norm(m["scale"])
        value *= lex.scales[scale]
        approximate = approximate or scale in lex.approx_scales
    if m["pct"]:
        unit: str | None = "%"
    elif m["cur"]:
        unit = lex.prefixes[_norm(m["cur"])]
    elif m["cursuf"]:
        unit = lex.suffixes[_norm(m["cursuf"])]
    else:
        unit = None
    noun = m["noun"]
    end = m.end()
    if noun is None or noun in lex.not_nouns or unit is not None:  # money and % count no noun
        noun = None
        end = max(m.end(g) for g in ("num", "scale", "cur", "pct", "cursuf") if m[g] is not None)
    start = m.start("approx") if m["approx"] else m.start()
    return Amount(
        text=paragraph[start:end],
        value=_plain(value),
        unit=unit,
        noun=noun,
        approximate=approximate,
        paragraph=index,
        start=start,
        end=end,
    )


def _norm(word: str) -> str:
    return re.sub(r"\s+", " ", word).lower()


def extract_amounts(paragraphs: list[str]) -> list[Amount]:
    """Every amount in the paragraphs, in reading order, with character offsets per paragraph."""
    lex = _lexicon()
    found: list[Amount] = []
    for index, paragraph in enumerate(paragraphs):
        # Every amount holds a digit: search only from a little before each digit (room for
        # 'kurang lebih Rp') instead of running the pattern over the whole paragraph.
        pos = 0
        for digit in _DIGIT.finditer(paragraph):
            if digit.start() < pos:
                continue
            m = lex.pattern.search(paragraph, max(pos, digit.start() - _LEAD))
            if m is None:
                break
            pos = m.end()
            amount = _amount(lex, paragraph, index, m)
            if amount is not None:
                found.append(amount)
    return found
