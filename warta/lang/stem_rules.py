"""Sastrawi's prefix disambiguation rules, one callable per rule.

Each rule takes a (normalised, lower-case) word and returns the candidate word left after taking
off the prefix, or ``None`` when the rule does not apply — exactly as the ``disambiguate`` methods
of PySastrawi 1.0.1 / sastrawi-php do (sastrawi-php's unit tests call the rules one by one; our
tests do the same through :data:`RULES`).

The regular expressions are kept textually identical to PySastrawi's so that corner cases
(digits, hyphens, the ``[g|h|q|k]`` class of rule 16) behave the same; the speed of
:mod:`warta.lang.stem` comes from a hash-set dictionary, first-letter dispatch and memoisation,
not from rewriting these patterns.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["RULES", "Rule", "prefix_groups"]

Rule = Callable[[str], "str | None"]

_C = "bcdfghjklmnpqrstvwxyz"


def _rx(pattern: str) -> Callable[[str], "re.Match[str] | None"]:
    return re.compile(pattern).match


def _build(pattern: str, make: Callable[["re.Match[str]"], "str | None"]) -> Rule:
    """A rule: when ``pattern`` matches the word, ``make(match)``; else ``None``."""
    match = _rx(pattern)

    def rule(word: str) -> str | None:
        m = match(word)
        return make(m) if m else None

    return rule


def _join(prefix: str = "") -> Callable[["re.Match[str]"], str]:
    """``prefix`` followed by all groups of the match, in order."""
    return lambda m: prefix + "".join(m.groups())


def _unless_er(group: int, head: tuple[int, ...]) -> Callable[["re.Match[str]"], str | None]:
    """Join ``head`` groups plus ``group``, unless ``group`` starts with ``er``."""

    def make(m: "re.Match[str]") -> str | None:
        if m.group(group).startswith("er"):
            return None
        return "".join(m.group(i) for i in head) + m.group(group)

    return make


def _rule4(word: str) -> str | None:
    return "ajar" if word == "belajar" else None


_rule32_match = _rx(r"^pe(l[aiueo])(.*)$")


def _rule32(word: str) -> str | None:
    if word == "pelajar":
        return "ajar"
    m = _rule32_match(word)
    return m.group(1) + m.group(2) if m else None


def _not_r(make: Callable[["re.Match[str]"], str]) -> Callable[["re.Match[str]"], str | None]:
    """Guard of rules 3, 7, 9, 24: the consonant in group 1 must not be ``r``."""
    return lambda m: None if m.group(1) == "r" else make(m)


def _rule8(m: "re.Match[str]") -> str | None:
    if m.group(1) == "r" or m.group(2).startswith("er"):
        return None
    return m.group(1) + m.group(2)


def _er_rejoin(m: "re.Match[str]") -> str:
    # rules 3, 24: C A 'er' V rest
    return m.group(1) + m.group(2) + "er" + m.group(3) + m.group(4)


def _mid_er(m: "re.Match[str]") -> str:
    # rules 7, 9: C 'er' rest
    return m.group(1) + "er" + "".join(m.groups()[1:])


#: Every rule by its sastrawi-php name ("1a", "2", ..., "42"). Rule 27 comes in two versions:
#: ``"27"`` is PySastrawi 1.0.1's (pen{c|d|j|z}); ``"27st"`` is sastrawi-php's current one
#: (pen{c|d|j|s|t|z}, added to stem *penstabilan*, *pentranskripsi*).
RULES: dict[str, Rule] = {
    "1a": _build(r"^ber([aiueo].*)$", _join()),
    "1b": _build(r"^ber([aiueo].*)$", _join("r")),
    "2": _build(rf"^ber([{_C}])([a-z])(.*)", _unless_er(3, (1, 2))),
    "3": _build(rf"ber([{_C}])([a-z])er([aiueo])(.*)", _not_r(_er_rejoin)),
    "4": _rule4,
    "5": _build(r"be([bcdfghjklmnpqstvwxyz])(er[bcdfghjklmnpqrstvwxyz])(.*)$", _join()),
    "6a": _build(r"^ter([aiueo].*)$", _join()),
    "6b": _build(r"^ter([aiueo].*)$", _join("r")),
    "7": _build(rf"^ter([{_C}])er([aiueo].*)$", _not_r(_mid_er)),
    "8": _build(rf"^ter([{_C}])(.*)$", _rule8),
    "9": _build(rf"^te([{_C}])er([{_C}])(.*)$", _not_r(_mid_er)),
    "10": _build(r"^me([lrwy])([aiueo])(.*)$", _join()),
    "11": _build(r"^mem([bfv])(.*)$", _join()),
    "12": _build(r"^mempe(.*)$", _join("pe")),
    "13a": _build(r"^mem([aiueo])(.*)$", _join("m")),
    "13b": _build(r"^mem([aiueo])(.*)$", _join("p")),
    "14": _build(r"^men([cdjstz])(.*)$", _join()),
    "15a": _build(r"^men([aiueo])(.*)$", _join("n")),
    "15b": _build(r"^men([aiueo])(.*)$", _join("t")),
    "16": _build(r"^meng([g|h|q|k])(.*)$", _join()),
    "17a": _build(r"^meng([aiueo])(.*)$", _join()),
    "17b": _build(r"^meng([aiueo])(.*)$", _join("k")),
    "17c": _build(r"^menge(.*)$", _join()),
    "17d": _build(r"^meng([aiueo])(.*)$", _join("ng")),
    "18a": _build(r"^meny([aiueo])(.*)$", _join("ny")),
    "18b": _build(r"^meny([aiueo])(.*)$", _join("s")),
    "19": _build(r"^memp([abcdfghijklmopqrstuvwxyz])(.*)$", _join("p")),
    "20": _build(r"^pe([wy])([aiueo])(.*)$", _join()),
    "21a": _build(r"^per([aiueo])(.*)$", _join()),
    "21b": _build(r"^pe(r[aiueo])(.*)$", _join()),
    "23": _build(rf"^per([{_C}])([a-z])(.*)$", _unless_er(3, (1, 2))),
    "24": _build(rf"^per([{_C}])([a-z])er([aiueo])(.*)$", _not_r(_er_rejoin)),
    "25": _build(r"^pem([bfv])(.*)$", _join()),
    "26a": _build(r"^pem([aiueo])(.*)$", _join("m")),
    "26b": _build(r"^pem([aiueo])(.*)$", _join("p")),
    "27": _build(r"^pen([cdjz])(.*)$", _join()),
    "27st": _build(r"^pen([cdjstz])(.*)$", _join()),
    "28a": _build(r"^pen([aiueo])(.*)$", _join("n")),
    "28b": _build(r"^pen([aiueo])(.*)$", _join("t")),
    "29": _build(rf"^peng([{_C}])(.*)$", _join()),
    "30a": _build(r"^peng([aiueo])(.*)$", _join()),
    "30b": _build(r"^peng([aiueo])(.*)$", _join("k")),
    "30c": _build(r"^penge(.*)$", _join()),
    "31a": _build(r"^peny([aiueo])(.*)$", _join("ny")),
    "31b": _build(r"^peny([aiueo])(.*)$", _join("s")),
    "32": _rule32,
    "34": _build(rf"^pe([{_C}])(.*)$", _unless_er(2, (1,))),
    "35": _build(r"^ter([bcdfghjkpqstvxz])(er[bcdfghjklmnpqrstvwxyz])(.*)$", _join()),
    "36": _build(r"^pe([bcdfghjkpqstvxz])(er[bcdfghjklmnpqrstvwxyz])(.*)$", _join()),
    "37a": _build(rf"^([{_C}])(er[aiueo])(.*)$", _join()),
    "37b": _build(rf"^([{_C}])er([aiueo])(.*)$", _join()),
    "38a": _build(rf"^([{_C}])(el[aiueo])(.*)$", _join()),
    "38b": _build(rf"^([{_C}])el([aiueo])(.*)$", _join()),
    "39a": _build(rf"^([{_C}])(em[aiueo])(.*)$", _join()),
    "39b": _build(rf"^([{_C}])em([aiueo])(.*)$", _join()),
    "40a": _build(rf"^([{_C}])(in[aiueo])(.*)$", _join()),
    "40b": _build(rf"^([{_C}])in([aiueo])(.*)$", _join()),
    "41": _build(r"^ku(.*)$", _join()),
    "42": _build(r"^kau(.*)$", _join()),
}

#: The prefix visitors of PySastrawi's VisitorProvider, in order; each is a group of rules tried
#: in turn (the first whose candidate is a root word wins, else the LAST candidate is taken).
_GROUPS: tuple[tuple[str, ...], ...] = (
    ("1a", "1b"), ("2",), ("3",), ("4",), ("5",), ("6a", "6b"), ("7",), ("8",), ("9",),
    ("10",), ("11",), ("12",), ("13a", "13b"), ("14",), ("15a", "15b"), ("16",),
    ("17a", "17b", "17c", "17d"), ("18a", "18b"), ("19",), ("20",), ("21a", "21b"), ("23",),
    ("24",), ("25",), ("26a", "26b"), ("27",), ("28a", "28b"), ("29",), ("30a", "30b", "30c"),
    ("31a", "31b"), ("32",), ("34",), ("35",), ("36",), ("37a", "37b"), ("38a", "38b"),
    ("39a", "39b"), ("40a", "40b"), ("41",), ("42",),
)

#: First letters a group's rules can possibly match (every rule is anchored at the start).
_FIRST: dict[str, str] = {
    **{k: "b" for k in ("1a", "2", "3", "4", "5")},
    **{k: "t" for k in ("6a", "7", "8", "9", "35")},
    **{k: "m" for k in ("10", "11", "12", "13a", "14", "15a", "16", "17a", "18a", "19")},
    **{k: "p" for k in ("20", "21a", "23", "24", "25", "26a", "27", "28a", "29", "30a", "31a",
                        "32", "34", "36")},
    **{k: _C for k in ("37a", "38a", "39a", "40a")},
    **{k: "k" for k in ("41", "42")},
}


#: Second letters a group's rules can possibly match: every prefix is ``be``, ``te``,
#: ``me``, ``pe``, a consonant then ``e`` (``er``, ``el``, ``em``) or ``i`` (``in``), ``ku``
#: or ``ka`` (``kau``).
_SECOND: dict[str, str] = {
    **{k: "e" for k in ("1a", "2", "3", "4", "5", "6a", "7", "8", "9", "35", "10", "11",
                        "12", "13a", "14", "15a", "16", "17a", "18a", "19", "20", "21a",
                        "23", "24", "25", "26a", "27", "28a", "29", "30a", "31a", "32", "34",
                        "36", "37a", "38a", "39a")},
    "40a": "i",
    "41": "u",
    "42": "a",
}


def prefix_groups(rule27: str = "27") -> dict[str, tuple[tuple[Rule, ...], ...]]:
    """Rule groups by the first two letters of the word, in VisitorProvider order.

    Skipping groups that cannot match a word's first two letters changes nothing (such a
    group yields ``None`` and removes nothing) but saves most regex calls: a word opening
    with ``ma`` or ``pu`` is tried against none of the ``me``/``pe`` groups.
    """
    by_start: dict[str, list[tuple[Rule, ...]]] = {}
    for names in _GROUPS:
        rules = tuple(RULES[rule27 if n == "27" else n] for n in names)
        for letter in _FIRST[names[0]]:
            for second in _SECOND[names[0]]:
                by_start.setdefault(letter + second, []).append(rules)
    return {start: tuple(groups) for start, groups in by_start.items()}
