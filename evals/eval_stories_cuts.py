"""Chaining repair — stories split at weak cuts of their link graph: leave one set out (h13s8, h14cut).

Issue 13 point 2: on busy days a story grows through a chain of links and joins happenings
that share only a bridge. :mod:`warta.link.story_cuts` splits a linked group where a cut of
its link graph is weak (low conductance). This evaluation prints JSON:

* ``runs``: per rule (``plain`` = the archive's connected groups of the shipped links) and
  set, B-cubed F1, precision, recall overall and F1 cross-outlet;
* ``leave_one_set_out``: for each set, the rule with the best mean overall F1 on the OTHER
  sets (ties: ``plain``, then the earlier, more conservative rule), reported on the set
  before (plain) → after;
* ``baseline``: per held-out set, the TF-IDF baseline (``eval_stories.baseline``, gold articles
  alone) at the θ best on the OTHER sets, as ``eval_stories_conflict.py`` reports it;
* ``never_worse``: the rules no worse than ``plain`` (overall F1, 0.001) on every set, with
  their mean overall F1 — "good on all" beside the leave-one-set-out choice;
* ``leave_one_set_out_never_worse``: the same protocol, the choice made only among the rules
  no worse than ``plain`` on every OTHER set (a setting good on all, chosen without the held-out
  one); ``summary``: per protocol, held-out wins / losses (F1 ± 0.001) and the mean F1;
* ``in_sample``: the rule best on all sets, its figures per set;
* ``order_stable``: per set, whether the chosen rule gives the same stories when the
  articles and links are given in reverse order;
* ``cpu_ms_per_article``: CPU time of the splitting alone over every set's articles, once;
* ``incremental``: what an archive would spend re-splitting at each batch flush — per set,
  the articles taken in published order (then id) in batches of ``warta.ingest.BATCH_SIZE``;
  after each batch every connected group the batch touched (links among the articles so far)
  is split again; CPU ms per article of the splitting calls (old: none, the archive's union
  of linked stories), with the biggest group seen. Finding the groups and reading their links
  (SQL in an archive) are not counted.

Every set is its gold articles among every CLICK-ID article of its day(s) (margin 0, as
``eval_stories.py --gold``; stories-dev's window is 23–24 Sep, hence its 0.818, not 0.824),
loaded as :func:`eval_stories_events.load_sets` loads them; stories-dev is always used.

    WARTA_SHARED=../shared PYTHONPATH=$PWD/.. .venv/bin/python eval_stories_cuts.py \\
        --gold stories_gold/click-id-2019-09-17.jsonl --gold ... [--cache /tmp/x/sets.pkl]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import eval_stories as es
import eval_stories_conflict as ec
import eval_stories_events as ev

from warta.link import stories as st
from warta.link.story_cuts import CutRule, split_groups

SIZES = (20, 40)                          # groups this big are looked at
SIDES = (16, 12, 8, 5, 2)                 # fewest articles on each side of a cut
TAUS = (0.01, 0.02, 0.03, 0.05, 0.08, 0.12)  # conductance below which a cut is made


def rules() -> dict[str, CutRule | None]:
    """The grid, most conservative first (``plain``: no splitting)."""
    out: dict[str, CutRule | None] = {"plain": None}
    for weighted in (True, False):
        for size in SIZES:
            for side in SIDES:
                for tau in TAUS:
                    if 2 * side <= size:
                        out[f"{'score' if weighted else 'unit'} size {size} side {side} "
                            f"tau {tau}"] = CutRule(size, side, tau, weighted)
    return out


def links_of(one: ec.Set, reverse: bool = False) -> dict[tuple[str, str], float]:
    """The shipped links of a set (pair score ≥ threshold) keyed by article ids."""
    ids = [f.article_id for f in one.feats]
    pairs = [(ids[j], ids[i], z) for j, i, z in one.pairs if z >= st.LINK_THRESHOLD]
    if reverse:
        pairs = [(b, a, z) for a, b, z in reversed(pairs)]
    return {(a, b): z for a, b, z in pairs}


def stories(one: ec.Set, rule: CutRule | None, reverse: bool = False) -> dict[str, str]:
    """Article id → story (its first member's id) under ``rule``."""
    ids = [f.article_id for f in one.feats]
    if reverse:
        ids = ids[::-1]
    plain = CutRule(min_size=10**9)
    groups = split_groups(ids, links_of(one, reverse), rule or plain)
    return {a: group[0] for group in groups for a in group}


def incremental(one: ec.Set, rule: CutRule) -> dict[str, float]:
    """CPU ms per article of re-splitting the touched groups after every batch (see above)."""
    from warta.ingest import BATCH_SIZE
    from warta.link.story_cuts import _adjacency, connected_groups

    feats = sorted(one.feats, key=lambda f: f.order_key)
    arrival = {f.article_id: k for k, f in enumerate(feats)}
    links = links_of(one)
    spent, biggest = 0.0, 0
    for start in range(0, len(feats), BATCH_SIZE):
        arrived = start + BATCH_SIZE
        batch = {f.article_id for f in feats[start:arrived]}
        known = {p: z for p, z in links.items()
                 if arrival[p[0]] < arrived and arrival[p[1]] < arrived}
        adj = _adjacency(known)
        for group in connected_groups([f.article_id for f in feats[:arrived]], adj):
            if len(group) < rule.min_size or not batch.intersection(group):
                continue  # a smaller group is never split: the size is all an archive reads
            members = set(group)
            inside = {p: z for p, z in known.items() if p[0] in members}
            clock = time.process_time()
            split_groups(group, inside, rule)
            spent += time.process_time() - clock
            biggest = max(biggest, len(group))
    return {"cpu_ms_per_article": round(spent * 1000 / len(feats), 4), "biggest_group": biggest}


def choose_never_worse(runs: Mapping[str, Mapping[str, dict]], order: Sequence[str],
                       others: Sequence[str]) -> str:
    """The rule of ``order`` with the best summed F1 on ``others`` among those no worse than
    ``plain`` (overall F1 − 0.001) on every one of them (ties as ``eval_stories_events``)."""
    safe = [r for r in order if all(
        runs[r][o]["f1"] >= runs["plain"][o]["f1"] - 0.001 for o in others)]
    return ev._choose(runs, safe, others)


def held_out(sets: Sequence[ec.Set], grid: Mapping[str, Any],
             stories_of: Callable[..., dict[str, str]]) -> tuple[dict[str, dict[str, dict]], dict]:
    """Every rule of ``grid`` scored on every set (``runs``), and for each set held out the
    rule chosen on the others — best summed F1, and best among those never worse than
    ``plain`` — beside the TF-IDF baseline with its θ chosen on the others. Shared by the
    group-level evaluation (``eval_stories_groups.py``); ``stories_of(one, rule, reverse)``."""
    runs: dict[str, dict[str, dict]] = {}
    for one in sets:
        for name, rule in grid.items():
            runs.setdefault(name, {})[one.name] = {
                k: round(v, 4) for k, v in one.scores(stories_of(one, rule)).items()}
    names, order = [s.name for s in sets], list(grid)
    base = {s.name: {th: {k: round(v, 4) for k, v in s.scores(es.baseline(
        [a for a in s.stored if a.id in s.truth], th)).items()} for th in es.THETAS}
        for s in sets}
    folds: dict = {"leave_one_set_out": {}, "leave_one_set_out_never_worse": {}}
    for one in sets:
        others = [n for n in names if n != one.name]
        chosen = ev._choose(runs, order, others)
        theta = max(es.THETAS, key=lambda th: (sum(base[o][th]["f1"] for o in others), -th))
        folds["leave_one_set_out"][one.name] = {
            "rule": chosen, "before": runs["plain"][one.name], "after": runs[chosen][one.name],
            "baseline_theta": theta, "baseline_gold_only": base[one.name][theta],
            "order_stable": stories_of(one, grid[chosen]) == stories_of(one, grid[chosen], True)}
        safe = choose_never_worse(runs, order, others)
        folds["leave_one_set_out_never_worse"][one.name] = {
            "rule": safe, "before": runs["plain"][one.name], "after": runs[safe][one.name]}
    return runs, folds


def _summary(folds: dict[str, dict]) -> dict[str, float | int]:
    """Held-out wins and losses (overall F1 beyond 0.001) and the mean F1 before → after."""
    delta = [f["after"]["f1"] - f["before"]["f1"] for f in folds.values()]
    return {"wins": sum(d > 0.001 for d in delta), "losses": sum(d < -0.001 for d in delta),
            "mean_before": round(sum(f["before"]["f1"] for f in folds.values()) / len(folds), 4),
            "mean_after": round(sum(f["after"]["f1"] for f in folds.values()) / len(folds), 4)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    es.add_gold_options(parser)
    args = parser.parse_args()
    args.gold = args.gold or es.study_days()
    started = time.process_time()
    sets = ev.load_sets(args.gold, args.cache)
    grid = rules()
    runs, folds = held_out(sets, grid, stories)
    names, order = [s.name for s in sets], list(grid)
    result: dict = {"threshold": st.LINK_THRESHOLD, "runs": runs, **folds}
    result["summary"] = {key: _summary(result[key]) for key in (
        "leave_one_set_out", "leave_one_set_out_never_worse")}
    result["never_worse"] = {
        name: round(sum(runs[name][n]["f1"] for n in names) / len(names), 4)
        for name in order if name != "plain" and all(
            runs[name][n]["f1"] >= runs["plain"][n]["f1"] - 0.001 for n in names)}
    best = ev._choose(runs, order, names)
    result["in_sample"] = {"rule": best, "sets": {n: runs[best][n] for n in names}}
    rule = grid[best] or CutRule(min_size=10**9)
    spent, articles = time.process_time(), 0
    for one in sets:
        split_groups([f.article_id for f in one.feats], links_of(one), rule)
        articles += len(one.feats)
    result["cpu_ms_per_article"] = round((time.process_time() - spent) * 1000 / articles, 4)
    result["incremental"] = {one.name: incremental(one, rule) for one in sets}
    result["cpu_seconds"] = round(time.process_time() - started, 1)
    json.dump(result, sys.stdout, indent=1, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
