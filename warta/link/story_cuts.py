"""Chaining repair for stories: a linked group split where its link graph has a weak cut.

A story is a connected group of pairwise links (:mod:`warta.link.stories`), so one chain
A–B–C joins two happenings whose articles have nothing in common but the bridge. On the busy
gold days the merged stories are two dense groups joined by one to a few links (13 Sep 2019:
the KPK vote and Saut's resignation, 70 and 31 articles, two links between them). This module
finds such cuts: a group of at least ``min_size`` articles is split in two where the
*conductance* of the cut (the weight of the links crossing it over the smaller side's total
link weight) is below ``max_conductance``, each side holding at least ``min_side`` articles;
the sides are split again the same way until no such cut is left. The cut is found by a
spectral sweep (the Fiedler vector of the group's normalised Laplacian, members taken in its
order, the best prefix kept), the usual approximation of the minimum-conductance cut.

The result is a function of the group's links alone: members are put in article-id order
before any arithmetic and ties go by article id, so any arrival order gives the same stories.
Not shipped (default off, see ``benchmarks/RESULTS-stories.md``, h13s8): chosen leave one set
out over the six gold sets it helps the over-merged days and splits loose tails of true big
stories on the others.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["CutRule", "connected_groups", "split_groups", "weak_cut"]


@dataclass(frozen=True, slots=True)
class CutRule:
    """When a group is split: at least ``min_size`` members, both sides at least
    ``min_side``, cut conductance below ``max_conductance``; ``weighted``: links weigh their
    pair score (else 1 each)."""

    min_size: int = 40
    min_side: int = 8
    max_conductance: float = 0.05
    weighted: bool = True


Links = Mapping[tuple[str, str], float]


def _adjacency(links: Links) -> dict[str, dict[str, float]]:
    adj: dict[str, dict[str, float]] = defaultdict(dict)
    for (a, b), score in links.items():
        if a != b:
            adj[a][b] = adj[b][a] = score
    return adj


def connected_groups(ids: Iterable[str], adj: Mapping[str, Mapping[str, float]]
                     ) -> list[list[str]]:
    """The connected groups of ``ids`` under ``adj`` (links leaving ``ids`` ignored), each
    sorted, in the order of their first member."""
    nodes = set(ids)
    seen: set[str] = set()
    out: list[list[str]] = []
    for start in sorted(nodes):
        if start in seen:
            continue
        seen.add(start)
        group, stack = [start], [start]
        while stack:
            for other in adj.get(stack.pop(), {}):
                if other in nodes and other not in seen:
                    seen.add(other)
                    group.append(other)
                    stack.append(other)
        out.append(sorted(group))
    return out


def _fiedler(weights: np.ndarray, degree: np.ndarray) -> np.ndarray:
    """The second eigenvector of the normalised Laplacian, scaled back by degree^-½, its
    sign fixed so the first member's value is not positive (the sweep is then one order)."""
    scale = 1.0 / np.sqrt(degree)
    laplacian = np.eye(len(degree)) - scale[:, None] * weights * scale[None, :]
    vector = np.linalg.eigh(laplacian)[1][:, 1] * scale
    nonzero = vector[np.abs(vector) > 1e-12]
    if nonzero.size and nonzero[0] > 0:
        vector = -vector
    return vector


def _weights(group: Sequence[str], adj: Mapping[str, Mapping[str, float]], weighted: bool
             ) -> np.ndarray:
    """The link weights among ``group`` as a dense symmetric matrix (rows in group order)."""
    pos = {a: k for k, a in enumerate(group)}
    rows: list[int] = []
    cols: list[int] = []
    values: list[float] = []
    for k, a in enumerate(group):
        for b, score in adj[a].items():
            j = pos.get(b)
            if j is not None:
                rows.append(k)
                cols.append(j)
                values.append(score if weighted else 1.0)
    weights = np.zeros((len(group), len(group)))
    weights[rows, cols] = values
    return weights


def weak_cut(group: Sequence[str], adj: Mapping[str, Mapping[str, float]], rule: CutRule
             ) -> tuple[float, list[str]] | None:
    """(conductance, one side) of the best sweep cut of a connected ``group`` (sorted ids)
    with both sides at least ``rule.min_side``; None when the group is too small for one."""
    n = len(group)
    if n < 2 * rule.min_side or n < 3:
        return None
    weights = _weights(group, adj, rule.weighted)
    degree = weights.sum(axis=1)
    value = np.round(_fiedler(weights, degree), 9)  # rounding: ties go by id, not by noise
    order = np.lexsort((np.arange(n), value))  # by value, then by id (the group is sorted)
    swept = weights[np.ix_(order, order)]
    inside = np.cumsum(degree[order])  # link weight of the first t members (both ends)
    within = np.cumsum(np.tril(swept, -1).sum(axis=1))  # links among them, once each
    taken = np.arange(rule.min_side, n - rule.min_side + 1)  # prefixes both sides allow
    if taken.size == 0:
        return None
    cut = inside[taken - 1] - 2.0 * within[taken - 1]
    phi = cut / np.minimum(inside[taken - 1], inside[-1] - inside[taken - 1])
    best = int(np.argmin(np.round(phi, 12)))  # the first of equal cuts (rounding: not noise)
    return float(phi[best]), sorted(group[k] for k in order[:taken[best]])


def split_groups(ids: Iterable[str], links: Links, rule: CutRule) -> list[list[str]]:
    """The stories of ``ids``: connected groups of ``links`` (pairs of ids → score), each
    split at weak cuts (see the module's docstring) until none is left; sorted groups,
    ordered by their first id."""
    adj = _adjacency(links)
    done: list[list[str]] = []
    pending = connected_groups(ids, adj)
    while pending:
        group = pending.pop()
        found = weak_cut(group, adj, rule) if len(group) >= rule.min_size else None
        if found is None or found[0] >= rule.max_conductance:
            done.append(group)
            continue
        side = set(found[1])
        pending += connected_groups(side, adj)
        pending += connected_groups([a for a in group if a not in side], adj)
    return sorted(done)
