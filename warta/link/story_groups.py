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
its ``merge`` is set. Chosen leave one set out over eight gold sets it is never chosen.

The second step, :func:`average_link_groups` (:class:`AverageRule`), limits chaining by the
group rather than the pair: a big link group is rebuilt by average link (the links between two
parts over the product of their sizes), so a chain's bridge between two dense parts no longer
joins them, while loose members and small tails stay; parts about one happening are joined back
by their centroids. The archive applies it in :mod:`warta.store.story_regroup` when an
archive's ``story_cut_rule`` is an :class:`AverageRule`; off by default (held out it wins on
three gold sets and loses on three: ``benchmarks/RESULTS-stories.md``, h16story).
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

__all__ = ["RULE_PATH", "AverageRule", "MergeRule", "average_link_groups", "average_rule",
           "centroid", "group_rule",
           "merge_groups", "span_gap"]

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


def average_rule(path: str | None = None) -> tuple[AverageRule | None, bool]:
    """The average-link setting in ``path`` (default ``link/data/story_group_rule.json``; None
    when absent) and whether the archive applies it by default (its ``on``)."""
    d = json.loads(Path(path or RULE_PATH).read_text(encoding="utf-8")).get("average")
    if not d:
        return None, False
    rejoin = d.get("rejoin_cosine")
    return AverageRule(int(d["min_size"]), float(d["min_average"]), int(d["min_side"]),
                       bool(d["weighted"]), None if rejoin is None else float(rejoin),
                       int(d.get("centroid_terms", 40))), bool(d.get("on", False))


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


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """The cosine of two unit centroids (the smaller one walked)."""
    if len(a) > len(b):
        a, b = b, a
    return math.fsum(w * b[t] for t, w in a.items() if t in b)


def _root(parent: list[int], i: int) -> int:
    """Union-find root of ``i`` (path halving)."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


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
    gap_limit = min(rule.max_gap_days, float(WINDOW_DAYS))
    for k in big:
        others = sorted(neighbours.get(k, ()) if neighbours is not None else
                        {j for key in cents[k] for j in postings[key] if j > k})
        for j in others:
            if span_gap(spans[k], spans[j]) > gap_limit:
                continue
            if _cosine(cents[k], cents[j]) >= rule.min_cosine:
                parent[_root(parent, j)] = _root(parent, k)
    merged: dict[int, list[str]] = defaultdict(list)
    for k, g in enumerate(ordered):
        merged[_root(parent, k)].extend(g)
    return sorted(sorted(g) for g in merged.values())


@dataclass(frozen=True, slots=True)
class AverageRule:
    """Average-link re-grouping of a big link group (chaining limited by the group, not the
    pair): a link group of at least ``min_size`` articles is rebuilt from its articles by
    joining, best first, the two parts whose **average link** — the links between them
    (weight: pair score, or 1 with ``weighted`` False) summed over the product of their sizes —
    is at least ``min_average``; then every part still smaller than ``min_side`` joins the
    linked part it has the best average link to (a loose article or tail stays with its
    story: a chain's bridge between two big parts does not). With ``rejoin_cosine``, parts
    of one link group whose centroids (:func:`centroid`, ``centroid_terms`` keys) have at
    least that cosine are joined back: a weakly linked part that is about the same happening
    (12 Sep 2019: the death and the funeral of one man) is not cut off."""

    min_size: int = 40
    min_average: float = 0.01
    min_side: int = 5
    weighted: bool = True
    rejoin_cosine: float | None = None
    centroid_terms: int = 40


def average_link_groups(ids: Iterable[str], links: Mapping[tuple[str, str], float],
                        rule: AverageRule | None,
                        vectors: Mapping[str, Mapping[str, float]] | None = None
                        ) -> list[list[str]]:
    """The link groups of ``ids`` (connected groups of ``links``), the ones of at least
    ``rule.min_size`` articles rebuilt by average link (:class:`AverageRule`); each group
    sorted, groups in the order of their first member. ``vectors`` (article id → stored
    vector) are read when the rule rejoins parts by their centroids. A function of the ids,
    links and vectors alone: members are taken in id order, every tie goes by position."""
    from warta.link.story_cuts import _adjacency, connected_groups

    adj = _adjacency(links)
    out: list[list[str]] = []
    for group in connected_groups(ids, adj):
        if rule is None or len(group) < rule.min_size:
            out.append(group)
            continue
        parts = _agglomerate(group, adj, rule)
        if rule.rejoin_cosine is not None and len(parts) > 1:
            if vectors is None:
                raise ValueError("average_link_groups: a rule with rejoin_cosine needs the "
                                 "members' vectors")
            parts = _rejoin(parts, vectors, rule)
        out.extend(parts)
    return sorted(out)


def _rejoin(parts: list[list[str]], vectors: Mapping[str, Mapping[str, float]],
            rule: AverageRule) -> list[list[str]]:
    """``parts`` (sorted) with those whose centroids reach ``rule.rejoin_cosine`` joined,
    transitively."""
    cents = [centroid((vectors[a] for a in p), rule.centroid_terms) for p in parts]
    parent = list(range(len(parts)))
    for i in range(len(parts)):
        for j in range(i + 1, len(parts)):
            if _cosine(cents[i], cents[j]) >= rule.rejoin_cosine:
                parent[_root(parent, j)] = _root(parent, i)
    joined: dict[int, list[str]] = defaultdict(list)
    for k, p in enumerate(parts):
        joined[_root(parent, k)].extend(p)
    return sorted(sorted(g) for g in joined.values())


def _agglomerate(group: list[str], adj: Mapping[str, Mapping[str, float]],
                 rule: AverageRule) -> list[list[str]]:
    """Average-link agglomeration of one sorted link group (see :class:`AverageRule`)."""
    import heapq

    pos = {a: k for k, a in enumerate(group)}
    parts: dict[int, list[int]] = {k: [k] for k in range(len(group))}
    between: dict[int, dict[int, float]] = {k: {} for k in range(len(group))}
    for a in group:
        for b in sorted(adj[a]):
            j = pos.get(b)
            if j is not None and pos[a] < j:
                w = adj[a][b] if rule.weighted else 1.0
                between[pos[a]][j] = between[j][pos[a]] = w

    def average(c: int, d: int) -> float:
        return between[c][d] / (len(parts[c]) * len(parts[d]))

    def join(c: int, d: int) -> int:
        keep, gone = min(c, d), max(c, d)
        parts[keep] = parts[keep] + parts.pop(gone)
        row = between.pop(gone)
        for x, w in sorted(row.items()):
            del between[x][gone]
            if x != keep:
                between[keep][x] = between[x][keep] = between[keep].get(x, 0.0) + w
        return keep

    heap = [(-average(c, d), c, d) for c in between for d in between[c] if c < d]
    heapq.heapify(heap)
    while heap:
        neg, c, d = heapq.heappop(heap)
        if -neg < rule.min_average:
            break
        if c not in parts or d not in parts or d not in between[c] or average(c, d) != -neg:
            continue  # stale: one side has grown since
        keep = join(c, d)
        for x in sorted(between[keep]):
            heapq.heappush(heap, (-average(keep, x), min(keep, x), max(keep, x)))
    while True:  # parts too small to stand alone join their best-linked neighbour
        small = sorted((len(m), k) for k, m in parts.items()
                       if len(m) < rule.min_side and between[k])
        if not small:
            break
        k = small[0][1]
        best = max(sorted(between[k]), key=lambda x: average(k, x))
        join(k, best)
    return sorted(sorted(group[i] for i in m) for m in parts.values())
