"""Group-level story merging: stories that are one, found by their centroids (h16story).

A story is a connected group of pairwise links (:mod:`warta.link.stories`). A big happening
told over a day — a death, then the funeral, then the tributes — is written in several
bursts whose articles share the happening's names and words but, pair by pair, too little of
their leads to link: the stories come out split (CLICK-ID 12 Sep 2019, B. J. Habibie's death:
recall 0.54). One pair says little there; a story says more. This step compares the stories
themselves: each story's **centroid** (the sum of its members' core vectors — terms and ``@``
entities, :func:`warta.link.stories.core` — cut to its :attr:`MergeRule.centroid_terms`
heaviest keys and made unit length), and merges two stories when

* both hold at least :attr:`MergeRule.min_size` articles (below it a centroid is one or two
  articles: the pair model's business, not the group's),
* their centroids' cosine reaches :attr:`MergeRule.min_cosine`, and
* their time spans (first to last dated member) are at most :attr:`MergeRule.max_gap_days`
  apart (undated stories only with undated ones), and
* with :attr:`MergeRule.near_pair`, some article of one and some of the other are a candidate
  pair of the pair model (its score below the threshold: else they would be one story).

Merges are symmetric and decided on the stories as they stand (the link groups), then taken
transitively, so the result is a function of the set of articles and links: members are put
in article-id order before any arithmetic, sums are ``fsum`` (exactly rounded, whatever the
order) and ties go by key. The rule is data (``link/data/story_group_rule.json``); off unless
its ``merge`` is set.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from warta.link.stories import WINDOW_DAYS, StoryFeatures, core

__all__ = ["RULE_PATH", "MergeRule", "centroid", "group_rule", "merge_groups", "span_gap"]

RULE_PATH = Path(__file__).parent / "data" / "story_group_rule.json"


@dataclass(frozen=True, slots=True)
class MergeRule:
    """When two stories merge: each at least ``min_size`` articles, centroid cosine at least
    ``min_cosine``, time spans at most ``max_gap_days`` apart (never beyond the link window);
    a centroid keeps its ``centroid_terms`` heaviest keys (bounded cost, and the keys a story
    is about rather than one member's asides)."""

    min_cosine: float = 0.6
    min_size: int = 3
    max_gap_days: float = 1.0
    centroid_terms: int = 40
    # True: two stories are compared only when some pair of their articles is a candidate
    # pair of the pair model (core dot product at least its candidate_min, not refused) —
    # what an archive finds from an arrival's own candidates, never a search of centroids
    near_pair: bool = False


@lru_cache(maxsize=4)
def group_rule(path: str | None = None) -> MergeRule | None:
    """The shipped merge rule in ``path`` (default ``link/data/story_group_rule.json``);
    None when its ``merge`` is null (the step is off)."""
    d = json.loads(Path(path or RULE_PATH).read_text(encoding="utf-8"))
    merge = d.get("merge")
    if not merge:
        return None
    return MergeRule(float(merge["min_cosine"]), int(merge["min_size"]),
                     float(merge["max_gap_days"]), int(merge["centroid_terms"]),
                     bool(merge.get("near_pair", False)))


def centroid(vectors: Iterable[Mapping[str, float]], terms: int) -> dict[str, float]:
    """The unit-length sum of the cores of ``vectors``, cut to its ``terms`` heaviest keys
    (ties by key). Each key's weight is an ``fsum``: the same whatever the members' order."""
    parts: dict[str, list[float]] = defaultdict(list)
    for vector in vectors:
        for key, weight in core(vector).items():
            parts[key].append(weight)
    summed = {key: math.fsum(ws) for key, ws in parts.items()}
    top = sorted(summed.items(), key=lambda kv: (-kv[1], kv[0]))[:terms]
    norm = math.sqrt(math.fsum(w * w for _, w in top)) or 1.0
    return {key: w / norm for key, w in top}


def span_gap(a: tuple[float, float] | None, b: tuple[float, float] | None) -> float:
    """Days between two time spans (0 when they overlap); 0 for two undated stories,
    infinite for one dated and one undated."""
    if a is None or b is None:
        return 0.0 if a is None and b is None else math.inf
    return max(0.0, b[0] - a[1], a[0] - b[1])


def _span(members: Sequence[StoryFeatures]) -> tuple[float, float] | None:
    dated = [m.days for m in members if m.days is not None]
    return (min(dated), max(dated)) if dated else None


def merge_groups(groups: Sequence[Sequence[str]], feats: Mapping[str, StoryFeatures],
                 rule: MergeRule | None, near: Iterable[tuple[str, str]] = ()
                 ) -> list[list[str]]:
    """``groups`` (lists of article ids: the link groups) with the ones ``rule`` finds to be
    one story merged; each group sorted, groups in the order of their first member. ``near``:
    the candidate pairs (article ids) the pair model scored, read when ``rule.near_pair``.
    With ``rule`` None the groups as they are (sorted the same way)."""
    ordered = sorted(sorted(g) for g in groups if g)
    if rule is None:
        return ordered
    big = [k for k, g in enumerate(ordered) if len(g) >= rule.min_size]
    cents = {k: centroid((feats[a].vector for a in ordered[k]), rule.centroid_terms)
             for k in big}
    spans = {k: _span([feats[a] for a in ordered[k]]) for k in big}
    postings: dict[str, list[int]] = defaultdict(list)
    for k in big:
        for key in cents[k]:
            postings[key].append(k)
    neighbours: dict[int, set[int]] | None = None
    if rule.near_pair:
        where = {a: k for k in big for a in ordered[k]}
        neighbours = defaultdict(set)
        for a, b in near:
            ka, kb = where.get(a), where.get(b)
            if ka is not None and kb is not None and ka != kb:
                neighbours[min(ka, kb)].add(max(ka, kb))
    parent = list(range(len(ordered)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    gap_limit = min(rule.max_gap_days, float(WINDOW_DAYS))
    for k in big:
        others = sorted(neighbours.get(k, ()) if neighbours is not None else
                        {j for key in cents[k] for j in postings[key] if j > k})
        for j in others:
            if span_gap(spans[k], spans[j]) > gap_limit:
                continue
            a, b = cents[k], cents[j]
            if len(a) > len(b):
                a, b = b, a
            if math.fsum(w * b[t] for t, w in a.items() if t in b) >= rule.min_cosine:
                parent[find(j)] = find(k)
    merged: dict[int, list[str]] = defaultdict(list)
    for k, g in enumerate(ordered):
        merged[find(k)].extend(g)
    return sorted(sorted(g) for g in merged.values())
