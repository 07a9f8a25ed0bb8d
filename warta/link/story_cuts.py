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
before any arithmetic (links as sorted arrays of positions) and ties go by article id, so any
arrival order gives the same stories. The cost is linear in the links per eigenvector step
above :data:`DENSE_MAX` members (Lanczos), cubic only below it; cuts found lately are
remembered (a pure function's results). Not shipped (default off, see
``benchmarks/RESULTS-stories.md``, h13s8 and h14cut): chosen leave one set out over the seven
gold sets the setting is not stable — it mends the over-merged days and splits loose tails of
true big stories on others —, it loses on the then-unseen 12 Sep 2019 (0.673 → 0.644), and a
backfill at 220,000 articles pays about 2 ms per article for it.
"""

from __future__ import annotations

import hashlib
import math
import threading
from collections import OrderedDict, defaultdict
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


# Groups up to this size get the exact eigenvector (dense, cubic in the size: 2 ms at 150 one
# BLAS thread); bigger ones — chains over days, a thousand articles on a long archive — get it
# from Lanczos steps over the links (linear in the links per step)
DENSE_MAX = 256
LANCZOS_STEPS = 120

# A group's links as arrays: both ends (positions in the group, first < second) and weights
Edges = tuple[np.ndarray, np.ndarray, np.ndarray]


def _signed(vector: np.ndarray) -> np.ndarray:
    """``vector`` with its sign fixed: the first clearly non-zero value is not positive (so
    the sweep has one order)."""
    nonzero = vector[np.abs(vector) > 1e-12]
    return -vector if nonzero.size and nonzero[0] > 0 else vector


def _fiedler(n: int, edges: Edges, degree: np.ndarray) -> np.ndarray:
    """The second eigenvector of the normalised Laplacian of a connected group, scaled back
    by degree^-½, sign fixed (:func:`_signed`); exact up to :data:`DENSE_MAX` members, else
    by :func:`_lanczos`."""
    a, b, w = edges
    scale = 1.0 / np.sqrt(degree)
    if n > DENSE_MAX:
        return _signed(_lanczos(n, edges, degree) * scale)
    laplacian = np.eye(n)
    laplacian[a, b] = laplacian[b, a] = -w * scale[a] * scale[b]
    return _signed(np.linalg.eigh(laplacian)[1][:, 1] * scale)


def _lanczos(n: int, edges: Edges, degree: np.ndarray) -> np.ndarray:
    """The second eigenvector of D^-½ W D^-½ (the top one, D^½·1, known and kept out) by
    :data:`LANCZOS_STEPS` Lanczos steps with full re-orthogonalisation over the links alone.
    The start vector is a fixed function of the size, so the result is a function of the
    links (members in id order): any arrival order gives the same one."""
    a, b, w = edges
    rows, cols = np.concatenate((a, b)), np.concatenate((b, a))
    values = np.concatenate((w, w)) / np.sqrt(degree[rows] * degree[cols])
    top = np.sqrt(degree) / math.sqrt(float(degree.sum()))
    steps = min(n - 1, LANCZOS_STEPS)
    basis = np.zeros((steps, n))
    alpha, beta = np.zeros(steps), np.zeros(steps)
    q = 1.0 + np.sin(np.arange(1, n + 1))  # fixed, not orthogonal to anything by chance
    q -= top * (top @ q)
    q /= np.linalg.norm(q)
    used = steps
    for j in range(steps):
        basis[j] = q
        # (D^-½ W D^-½ + I) q: the shift keeps every eigenvalue in [0, 2], the wanted largest
        v = np.bincount(rows, weights=values * q[cols], minlength=n) + q
        alpha[j] = v @ q
        for _ in range(2):  # twice is enough (Kahan): the basis stays orthogonal
            v -= top * (top @ v)
            v -= basis[:j + 1].T @ (basis[:j + 1] @ v)
        beta[j] = float(np.linalg.norm(v))
        if beta[j] < 1e-10 or j == steps - 1:
            used = j + 1
            break
        q = v / beta[j]
    ritz = np.linalg.eigh(np.diag(alpha[:used]) + np.diag(beta[:used - 1], 1)
                         + np.diag(beta[:used - 1], -1))[1][:, -1]
    return basis[:used].T @ ritz


def _cut(n: int, edges: Edges, rule: CutRule) -> tuple[float, np.ndarray] | None:
    """(conductance, positions of one side) of the best sweep cut of a connected group of
    ``n`` members (positions in id order) with both sides at least ``rule.min_side``."""
    if n < 2 * rule.min_side or n < 3:
        return None
    a, b, w = edges
    degree = np.bincount(a, weights=w, minlength=n) + np.bincount(b, weights=w, minlength=n)
    value = np.round(_fiedler(n, edges, degree), 9)  # rounding: ties go by id, not by noise
    order = np.lexsort((np.arange(n), value))  # by value, then by id
    rank = np.empty(n, dtype=np.intp)
    rank[order] = np.arange(n)
    inside = np.cumsum(degree[order])  # link weight of the first t members (both ends)
    # links among the first t members, once each: a link is inside from its later end on
    within = np.cumsum(np.bincount(np.maximum(rank[a], rank[b]), weights=w, minlength=n))
    taken = np.arange(rule.min_side, n - rule.min_side + 1)  # prefixes both sides allow
    cut = inside[taken - 1] - 2.0 * within[taken - 1]
    phi = cut / np.minimum(inside[taken - 1], inside[-1] - inside[taken - 1])
    best = int(np.argmin(np.round(phi, 12)))  # the first of equal cuts (rounding: not noise)
    return float(phi[best]), np.sort(order[:taken[best]])


def _within(group: np.ndarray, edges: Edges, size: int) -> Edges:
    """The links of ``edges`` (ends: positions among ``size``) with both ends in ``group``
    (sorted positions), re-numbered as positions in ``group``."""
    a, b, w = edges
    pos = np.full(size, -1, dtype=np.intp)
    pos[group] = np.arange(len(group))
    pa, pb = pos[a], pos[b]
    keep = (pa >= 0) & (pb >= 0)
    return pa[keep], pb[keep], w[keep]


def _components(group: np.ndarray, edges: Edges, size: int) -> list[np.ndarray]:
    """The connected parts of ``group`` (sorted positions) under ``edges``, each sorted, in
    the order of their first member."""
    a, b, _ = _within(group, edges, size)
    label = np.arange(len(group))
    while True:  # every member takes the least label it is linked to, then jumps along
        least = np.minimum(label[a], label[b])
        new = label.copy()
        np.minimum.at(new, a, least)
        np.minimum.at(new, b, least)
        new = new[new]
        if np.array_equal(new, label):
            break
        label = new
    order = np.argsort(label, kind="stable")
    bounds = np.flatnonzero(np.diff(label[order])) + 1
    return [group[part] for part in np.split(order, bounds)]


def _edges(names: Sequence[str], adj: Mapping[str, Mapping[str, float]], weighted: bool
           ) -> Edges:
    """The links among ``names`` (sorted ids) as arrays of positions, first end lower, in
    (first, second) order: the same arrays whatever order the links came in."""
    pos = {x: k for k, x in enumerate(names)}
    a: list[int] = []
    b: list[int] = []
    w: list[float] = []
    for k, x in enumerate(names):
        for y, score in adj.get(x, {}).items():
            j = pos.get(y)
            if j is not None and j > k:
                a.append(k)
                b.append(j)
                w.append(score if weighted else 1.0)
    first, second = np.array(a, dtype=np.intp), np.array(b, dtype=np.intp)
    order = np.lexsort((second, first))
    return first[order], second[order], np.array(w, dtype=float)[order]


# The cuts found lately, by group (its member ids and links) and rule: a pure function's
# results, so reusing one changes nothing but the time — an archive re-splits a component at
# every batch that touches it, and the parts an arrival did not change are found again
_MEMO: OrderedDict[bytes, tuple[float, tuple[str, ...]] | None] = OrderedDict()
# the memory it holds: up to 4,096 entries of one side's member ids (a cut of a 1,000-article
# group keeps ~500 ids, ~40 kB), so tens of MB at most while the repair runs; it is off by default
MEMO_SIZE = 4096
_MEMO_LOCK = threading.Lock()


def _memo_key(names: Sequence[str], group: np.ndarray, edges: Edges, rule: CutRule) -> bytes:
    digest = hashlib.blake2b(repr(rule).encode(), digest_size=20)
    digest.update("\x00".join(names[k] for k in group).encode())
    for part in edges:
        digest.update(part.tobytes())
    return digest.digest()


def _cut_memo(names: Sequence[str], group: np.ndarray, edges: Edges, rule: CutRule
              ) -> tuple[float, np.ndarray] | None:
    """:func:`_cut` of ``group`` (positions in ``names``; ``edges`` its own), remembered."""
    key = _memo_key(names, group, edges, rule)
    with _MEMO_LOCK:  # archives of several threads share it
        hit = key in _MEMO
        known = _MEMO.get(key)
        if hit:
            _MEMO.move_to_end(key)
    if hit:
        if known is None:
            return None
        side = set(known[1])
        return known[0], np.array([k for k, g in enumerate(group) if names[g] in side],
                                  dtype=np.intp)
    found = _cut(len(group), edges, rule)
    with _MEMO_LOCK:
        _MEMO[key] = None if found is None else (
            found[0], tuple(names[group[k]] for k in found[1]))
        if len(_MEMO) > MEMO_SIZE:
            _MEMO.popitem(last=False)
    return found


def weak_cut(group: Sequence[str], adj: Mapping[str, Mapping[str, float]], rule: CutRule
             ) -> tuple[float, list[str]] | None:
    """(conductance, one side) of the best sweep cut of a connected ``group`` (sorted ids)
    with both sides at least ``rule.min_side``; None when the group is too small for one."""
    found = _cut(len(group), _edges(group, adj, rule.weighted), rule)
    return None if found is None else (found[0], [group[k] for k in found[1]])


def split_groups(ids: Iterable[str], links: Links, rule: CutRule) -> list[list[str]]:
    """The stories of ``ids``: connected groups of ``links`` (pairs of ids → score), each
    split at weak cuts (see the module's docstring) until none is left; sorted groups,
    ordered by their first id."""
    names = sorted(set(ids))
    size = len(names)
    edges = _edges(names, _adjacency(links), rule.weighted)
    done: list[np.ndarray] = []
    pending = _components(np.arange(size), edges, size)
    while pending:
        group = pending.pop()
        found = None
        if len(group) >= rule.min_size:
            found = _cut_memo(names, group, _within(group, edges, size), rule)
        if found is None or found[0] >= rule.max_conductance:
            done.append(group)
            continue
        side = np.zeros(len(group), dtype=bool)
        side[found[1]] = True
        pending += _components(group[side], edges, size)
        pending += _components(group[~side], edges, size)
    return sorted([names[k] for k in group] for group in done)
