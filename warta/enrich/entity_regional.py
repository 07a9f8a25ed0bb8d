"""Regional governments and their agencies named with their region (issue 11 point 2).

Indonesian news names a regional government by a head and its region, often with the short
form in brackets between them: ``Pemerintah Provinsi (Pemprov) DKI Jakarta``, ``Pemkab
Bogor``, ``Dinas Pemuda dan Olah Raga (Dispora) Kabupaten Bandung``. The head alone names no
body (every province has a ``Pemprov``), so the region belongs to the organisation's name;
the tagger mostly stops at the bracket or tags the place alone.

Span level, one paragraph at a time, before mentions are grouped: a ``regional`` head of
``name_titles.tsv`` (or an ``agency`` word and its capitalised field words) followed, past an
optional bracketed short form, by a region word and its name (``Kabupaten Bandung``, ``DKI``)
or by a place (a span the tagger labelled LOC, or a place of the gazetteer) is one ORG span
over all of it. The bracketed short form is returned so that the caller maps it to the full
name (``Pemprov`` alone later in the article joins it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import NamedTuple

from .entity_spans import load_name_lexicon
from .lexicon import rows as lexicon_rows

__all__ = ["RegionalHeads", "join_regional_bodies", "regional_heads"]

Span = tuple[int, int, str]
_MAX_PLACE_WORDS = 3  # capitalised words of a region's name after its region word
_MAX_FIELD_WORDS = 6  # an agency's field (``Pemuda dan Olah Raga``)
_BREAKS = frozenset({",", ";", "(", ")", ".", ":", "/", '"', "“", "”"})


class RegionalHeads(NamedTuple):
    """The head phrases (lower-cased word tuples), their first words as written, and the
    compass words."""

    regional: frozenset[tuple[str, ...]]
    agency: frozenset[tuple[str, ...]]
    firsts: frozenset[str]  # capitalised, as a name writes them
    longest: int
    compass: frozenset[str]  # points of the compass ending a region's name (``barat``)
    long_forms: dict[str, str]  # a short head → the long form it stands for (lower-cased)


@lru_cache(maxsize=1)
def regional_heads() -> RegionalHeads:
    """The ``regional``, ``agency`` and ``compass`` rows of ``name_titles.tsv`` (read once)."""
    data = lexicon_rows("name_titles.tsv")
    regional = frozenset(tuple(r[1].lower().split()) for r in data
                         if len(r) > 1 and r[0] == "regional")
    agency = frozenset(tuple(r[1].lower().split()) for r in data
                       if len(r) > 1 and r[0] == "agency")
    phrases = regional | agency
    firsts = frozenset(p[0].capitalize() for p in phrases)
    compass = frozenset(r[1].lower() for r in data if len(r) > 1 and r[0] == "compass")
    long_forms = {r[1].lower(): r[2].lower() for r in data if len(r) > 2 and r[0] == "regional"}
    return RegionalHeads(regional, agency, firsts, max(map(len, phrases), default=1), compass,
                         long_forms)


def _head_end(low: Sequence[str], i: int, heads: RegionalHeads) -> tuple[int, bool]:
    """End of the longest head phrase at ``i`` (``i`` when none) and whether it is an agency."""
    for size in range(min(heads.longest, len(low) - i), 0, -1):
        key = tuple(low[i : i + size])
        if key in heads.regional:
            return i + size, False
        if key in heads.agency:
            return i + size, True
    return i, False


def _field_end(words: Sequence[str], low: Sequence[str], j: int, regions: frozenset[str]) -> int:
    """End of an agency's field words (``Pemuda dan Olah Raga``) from ``j``: capitalised words
    and ``dan`` between them, up to a region word or a break; ``j`` when none."""
    k, end = j, j
    while k < len(words) and k - j < _MAX_FIELD_WORDS and low[k] not in regions:
        if words[k][:1].isupper() and words[k] not in _BREAKS:
            end = k + 1
        elif low[k] != "dan":
            break
        k += 1
    return end


class _Paragraph(NamedTuple):
    """What the region test reads of one paragraph besides its words."""

    regions: frozenset[str]  # region words (``provinsi``, ``dki``)
    places: dict[int, int]  # start → end of the spans labelled LOC
    people: set[int]  # starts of the spans labelled PER
    known_place: Callable[[str], bool]  # a folded gazetteer place
    common: Callable[[str], bool]  # a word news mostly writes in lower case


def _place_end(words: Sequence[str], low: Sequence[str], k: int, par: _Paragraph) -> int:
    """End of the region named at ``k`` (``k`` when none): a region word and the capitalised
    words after it that are no common words and open no person's span, cut after the longest
    known place among them (``DKI`` alone is one; a capitalised headline's verb ends it:
    ``Pemprov DKI Jakarta Siapkan …``), a span labelled LOC, or a gazetteer place."""
    n = len(words)
    regions, known_place = par.regions, par.known_place
    if k >= n:
        return k
    if low[k] in regions and words[k][:1].isupper():
        m = k + 1
        while (m < n and m - k <= _MAX_PLACE_WORDS and words[m][:1].isupper()
               and words[m] not in _BREAKS and low[m] not in regions and not par.common(words[m])
               and m not in par.people):
            m += 1
        # a known place ends the run: what follows is the official's name the tagger ran in
        # (``Dinas Perhubungan DKI Jakarta Syafrin Liputo``)
        known = next((e for e in range(m, k + 1, -1) if known_place(" ".join(low[k + 1 : e]))),
                     m)
        if known < m and low[known] in regional_heads().compass:
            known += 1  # ``Kabupaten Bandung Barat``
        return known if known > k + 1 or words[k].isupper() else k
    if k in par.places:
        return par.places[k]
    if words[k][:1].isupper():  # the longest gazetteer place (``Jawa Barat``, not ``Jawa``)
        for m in range(min(n, k + _MAX_PLACE_WORDS), k, -1):
            if known_place(" ".join(low[k:m])):
                # ``Bandung Barat``: a point of the compass after it names a region too
                return m + 1 if m < n and low[m] in regional_heads().compass else m
    return k


def join_regional_bodies(words: Sequence[str], spans: list[Span],
                         known_place: Callable[[str], bool], common: Callable[[str], bool]
                         ) -> tuple[list[tuple[int, int, int, int, int]], list[tuple[str, str]]]:
    """Make each regional body named with its region one ORG span, in place (see the module
    doc; ``known_place`` tells a folded gazetteer place, ``common`` a word news mostly
    writes in lower case). Returns ``(short_start, short_end, body_start, region_start, body_end)`` for each
    bracketed short form between a head and its region, and ``(short, long)`` lower-cased
    names for each body named by a short head that has a long form (``pemprov dki jakarta``,
    ``pemerintah provinsi dki jakarta``)."""
    heads = regional_heads()
    if heads.firsts.isdisjoint(words):
        return [], []
    regions = load_name_lexicon().regions
    low = [w.lower() for w in words]
    par = _Paragraph(regions, {a: b for a, b, label in spans if label == "LOC"},
                     {a for a, _b, label in spans if label == "PER"}, known_place, common)
    shorts: list[tuple[int, int, int, int, int]] = []
    long_forms: list[tuple[str, str]] = []
    i = 0
    while i < len(words):
        if words[i] not in heads.firsts:
            i += 1
            continue
        j, agency = _head_end(low, i, heads)
        if j > i and agency:
            j = _field_end(words, low, j, regions) if j < len(words) else j
            if j == i + 1:  # ``Dinas`` with no field is no agency's name
                j = i
        if j == i:
            i += 1
            continue
        k, short = j, None
        if k + 2 < len(words) and words[k] == "(" and words[k + 2] == ")":
            short, k = (k + 1, k + 2), k + 3
        end = _place_end(words, low, k, par)
        if end == k:
            i = j
            continue
        spans[:] = [s for s in spans if s[1] <= i or s[0] >= end]
        spans.append((i, end, "ORG"))
        long = heads.long_forms.get(low[i]) if j == i + 1 else None
        if long is not None:  # ``Pemprov DKI Jakarta`` = ``Pemerintah Provinsi DKI Jakarta``
            region = " ".join(low[k:end])
            long_forms.append((f"{low[i]} {region}", f"{long} {region}"))
        if short is not None:
            shorts.append((short[0], short[1], i, k, end))
        i = end
    spans.sort()
    return shorts, long_forms
