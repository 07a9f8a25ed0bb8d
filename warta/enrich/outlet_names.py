"""News outlets named in an article's text are organisations.

Indonesian articles name outlets constantly (``kata Budi kepada TribunSolo.com``, ``dikutip
dari Antara``, ``dilansir CNN Indonesia``). The tagger was trained on corpora that annotate
them inconsistently and reads ``Tribun Solo`` as a place (its second word is one) or leaves
``Kompas.com`` untagged. warta already keeps every outlet it knows as data — the outlet
registry (``warta/parse/data/outlets.json``, extended by the user's ``WARTA_OUTLETS`` files) —
so the entity layer reads the registry's printed names rather than a list of its own.

Two kinds of mention become ORG, in place, after the tagger:

- a run of tokens that spells a registry name or host (``Tribun Solo``, ``Media Indonesia``,
  ``detikcom``), when every tagged span it touches lies inside it;
- one token shaped like a site's address and written as a name (``Kompas.com``,
  ``CNNIndonesia.com``, ``Tribun-Timur.com``), even when the registry does not know it: a site
  named in running text is the outlet or platform (the entity gold's rules call media and
  platforms ORG).

A one-word registry name that is also an ordinary Indonesian word (``Merdeka``, ``Suara``,
``Tempo``, ``Kontan``: roots in the Sastrawi dictionary) is left to the tagger: its capital
may only open a sentence or another name (``Istana Merdeka``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import compress, count, repeat
from operator import contains, or_

from ..lang.stem import load_dictionary
from ..parse.outlets import Registry, registry

__all__ = ["tag_outlet_names"]

# A written site address: a name-like first part, then one or more lower-case domain labels.
_SITE = re.compile(r"[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*(?:\.[a-z]{2,6}){1,2}")


@lru_cache(maxsize=4)
def _names(reg: Registry) -> tuple[dict[tuple[str, ...], bool], int, frozenset[str]]:
    """Registry names as folded token tuples → whether the name must be capitalised in the
    text; the longest name in tokens; the names' first words. Per registry: a user's
    ``WARTA_OUTLETS`` builds another registry, and so another table."""
    roots = load_dictionary()
    table: dict[tuple[str, ...], bool] = {}
    for outlet in reg.outlets.values():
        for name in (outlet.domain, *outlet.names, *outlet.hosts):
            words = tuple(name.lower().split())
            if len(words) == 1 and words[0].strip("@").isalpha() and words[0] in roots:
                continue  # an ordinary word too (see the module note)
            # printed all in lower case (``detikcom``): the brand's own spelling, kept as is
            table[words] = not name.islower()
    first = frozenset(k[0] for k in table if k)
    return table, max((len(k) for k in table), default=0), first


def _written_as_name(token: str) -> bool:
    return token[:1].isupper() or token[:1].isdigit()


def _outlet_length(tokens: Sequence[str], i: int, table: dict[tuple[str, ...], bool],
                   longest: int) -> int:
    """Tokens of the longest outlet name starting at ``i`` (0 if none)."""
    lows = [t.lower() for t in tokens[i : i + longest]]
    for length in range(len(lows), 0, -1):
        capitalised = table.get(tuple(lows[:length]))
        if capitalised is None:
            continue
        if not capitalised or all(_written_as_name(t) for t in tokens[i : i + length]):
            return length
    if _SITE.fullmatch(tokens[i]):
        return 1
    return 0


def _inside(tags: Sequence[str], start: int, end: int) -> bool:
    """Whether no tagged span crosses the borders of ``start:end``."""
    return not tags[start].startswith("I-") and (end == len(tags) or not tags[end].startswith("I-"))


def tag_outlet_names(tokens: Sequence[str], tags: list[str]) -> None:
    """Outlets named in one sentence or paragraph become ORG spans, in place (see the module
    note for which mentions)."""
    table, longest, first = _names(registry())
    # Only a token that opens a registry name or holds a "." (a site's address) can start
    # an outlet: the others (nearly all) are passed over in C, without _outlet_length's
    # look-ups for every token (they were a tenth of enrichment), and get the same tags.
    lows = map(str.lower, tokens)
    may_open = map(or_, map(first.__contains__, lows), map(contains, tokens, repeat(".")))
    i = 0
    for j in compress(count(), may_open):
        if j < i:
            continue  # inside an outlet just tagged
        length = _outlet_length(tokens, j, table, longest) if tokens[j][:1].isalnum() else 0
        if length and _inside(tags, j, j + length):
            tags[j : j + length] = ["B-ORG"] + ["I-ORG"] * (length - 1)
            i = j + length
