"""Group-level story merging chosen leave one set out over every gold set (h16story).

Issue 13: pair-level levers are exhausted (``eval_stories_levers.py``); the stories split a big
happening told in bursts (12 Sep 2019: recall 0.54). :mod:`warta.link.story_groups` merges two
stories (link groups) whose centroids are close and whose time spans meet. This evaluation
prints JSON:

With ``--average``, the grid is instead :func:`average_rules`: big link groups rebuilt by
average link (:class:`warta.link.story_groups.AverageRule`: group size, average link to join,
smallest part left alone, score or unit weights).

Grid (:func:`rules`): ``near`` (two stories compared only when some pair of their articles is
a candidate pair of the pair model) or ``any``; size floor; centroid cosine; span gap (days).

* ``runs``: per rule (``plain`` = the archive's connected groups of the shipped links) and set,
  B-cubed F1, precision, recall overall and F1 cross-outlet;
* ``leave_one_set_out``: for each set, the rule with the best summed overall F1 on the OTHER
  sets (ties: ``plain``, then the earlier, more conservative rule), reported on the set before
  (plain) → after, beside the TF-IDF baseline (θ best on the other sets, gold articles alone)
  and whether the chosen rule gives the same stories on the input reversed;
* ``leave_one_set_out_never_worse``: the choice made only among rules no worse than ``plain``
  (overall F1 − 0.001) on every OTHER set;
* ``summary``: per protocol, held-out wins / losses (beyond 0.001) overall and cross-outlet,
  the largest loss, the means before → after;
* ``in_sample``: the rule best on all sets, its figures per set.

Every set is its gold articles among every CLICK-ID article of its day (margin 0), loaded as
:func:`eval_stories_events.load_sets` loads them; stories-dev is always used.

    cd evals && WARTA_SHARED=../../shared python eval_stories_groups.py \\
        --gold stories_gold/click-id-2019-09-17.jsonl … --cache /tmp/x/sets.pkl
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Mapping

import eval_stories as es
import eval_stories_conflict as ec
import eval_stories_cuts as ec_cuts
import eval_stories_events as ev

from warta.link import stories as st
from warta.link.story_cuts import CutRule, split_groups
from warta.link.story_groups import AverageRule, MergeRule, average_link_groups, merge_groups

SIZES = (2, 3, 5, 8)                      # fewest articles in each of two merged stories
COSINES = (0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55, 0.5)  # centroid cosine to merge
GAPS = (0.5, 1.0, 2.0)                    # days between the two stories' spans, at most
TERMS = 40                                # keys a centroid keeps
# --average: the average-link re-grouping of big link groups
AVG_SIZES = (40,)                         # link groups this big are rebuilt
AVERAGES = (0.005, 0.01, 0.02)            # average link to join two parts
AVG_SIDES = (12, 8, 5)                    # parts smaller than this join their best neighbour
# centroid cosine at which parts are joined back; the lowest rejoins most (nearest to plain):
# most conservative first, as the grid is ordered (h16story first ran None first: see RESULTS)
REJOINS = (0.5, 0.55, 0.6, 0.7, None)


def rules() -> dict[str, MergeRule | None]:
    """The grid, most conservative first (``plain``: no merging)."""
    out: dict[str, MergeRule | None] = {"plain": None}
    for near in (True, False):
        for size in sorted(SIZES, reverse=True):
            for cosine in COSINES:
                for gap in GAPS:
                    out[f"{'near' if near else 'any'} size {size} cos {cosine} gap {gap}"] = (
                        MergeRule(cosine, size, gap, TERMS, near))
    return out


def average_rules() -> dict[str, AverageRule | None]:
    """The average-link grid, most conservative first (``plain``: the link groups)."""
    out: dict[str, AverageRule | None] = {"plain": None}
    for weighted in (True, False):
        for size in sorted(AVG_SIZES, reverse=True):
            for side in AVG_SIDES:
                for avg in AVERAGES:
                    for rejoin in REJOINS:
                        out[f"avg {'score' if weighted else 'unit'} size {size} side {side} "
                            f"avg {avg} rejoin {rejoin}"] = AverageRule(
                                size, avg, side, weighted, rejoin, TERMS)
    return out


def link_groups(one: ec.Set, reverse: bool = False) -> list[list[str]]:
    """The archive's stories of a set: connected groups of the shipped links."""
    ids = [f.article_id for f in one.feats]
    pairs = [(ids[j], ids[i], z) for j, i, z in one.pairs if z >= st.LINK_THRESHOLD]
    if reverse:
        ids, pairs = ids[::-1], [(b, a, z) for a, b, z in reversed(pairs)]
    return split_groups(ids, {(a, b): z for a, b, z in pairs}, CutRule(min_size=10**9))


def stories(one: ec.Set, rule: MergeRule | AverageRule | None, reverse: bool = False
            ) -> dict[str, str]:
    """Article id → story (its first member's id) under ``rule``."""
    if isinstance(rule, AverageRule):
        ids = [f.article_id for f in one.feats]
        pairs = [(ids[j], ids[i], z) for j, i, z in one.pairs if z >= st.LINK_THRESHOLD]
        if reverse:
            ids, pairs = ids[::-1], [(b, a, z) for a, b, z in reversed(pairs)]
        vectors = {f.article_id: f.vector for f in one.feats}
        groups = average_link_groups(ids, {(a, b): z for a, b, z in pairs}, rule, vectors)
        return {a: group[0] for group in groups for a in group}
    feats = {f.article_id: f for f in one.feats}
    ids = [f.article_id for f in one.feats]
    near = [(ids[j], ids[i]) for j, i, _ in one.pairs]
    groups = merge_groups(link_groups(one, reverse), feats, rule,
                          near[::-1] if reverse else near)
    return {a: group[0] for group in groups for a in group}


def summary(folds: Mapping[str, dict]) -> dict[str, float | int]:
    """Held-out wins / losses (beyond 0.001) overall and cross-outlet, the worst loss and the
    means before → after."""
    out: dict[str, float | int] = {}
    for key in ("f1", "cross_f1"):
        delta = [f["after"][key] - f["before"][key] for f in folds.values()]
        out[f"{key}_wins"] = sum(d > 0.001 for d in delta)
        out[f"{key}_losses"] = sum(d < -0.001 for d in delta)
        out[f"{key}_worst"] = round(min(delta), 4)
        out[f"{key}_mean_before"] = round(
            sum(f["before"][key] for f in folds.values()) / len(folds), 4)
        out[f"{key}_mean_after"] = round(
            sum(f["after"][key] for f in folds.values()) / len(folds), 4)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    es.add_gold_options(parser)
    parser.add_argument("--average", action="store_true",
                        help="the average-link re-grouping's grid instead of the centroid merge's")
    args = parser.parse_args()
    args.gold = args.gold or es.study_days()
    started = time.process_time()
    sets = ev.load_sets(args.gold, args.cache)
    grid: dict[str, MergeRule | AverageRule | None] = (
        average_rules() if args.average else rules())  # type: ignore[assignment]
    runs, folds = ec_cuts.held_out(sets, grid, stories)
    names, order = [s.name for s in sets], list(grid)
    result: dict = {"threshold": st.LINK_THRESHOLD, **folds}
    result["summary"] = {key: summary(result[key]) for key in (
        "leave_one_set_out", "leave_one_set_out_never_worse")}
    best = ev._choose(runs, order, names)
    result["in_sample"] = {"rule": best, "sets": {n: runs[best][n] for n in names}}
    result["runs"] = runs
    result["cpu_seconds"] = round(time.process_time() - started, 1)
    json.dump(result, sys.stdout, indent=1, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
