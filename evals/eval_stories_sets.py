"""Story clustering across hand-grouped sets: leave one set out (fit on the others, report on it).

``evals/eval_stories.py`` splits stories-dev by day; both of its days are nearly one outlet
(13 cross-outlet articles). This evaluation takes stories-dev and one or more further gold
files of the same line format (``--gold``, repeatable: ``evals/stories_gold/click-id-2019-09-17.jsonl``,
357 national-desk articles of six outlets, ``click-id-2019-09-10.jsonl``, 421 articles of
six outlets, ``click-id-2019-09-13.jsonl``, 311 national- and Jakarta-desk articles of three
outlets, and ``click-id-2019-09-15.jsonl``, 358 national-, Jakarta-, world- and business-desk
articles of four outlets) and prints JSON:

* ``sets``: per set, the shipped pair model (``link/data/story_pair_model.json``) with
  distractors and on the gold articles alone, and the TF-IDF baseline at its fixed θ 0.4;
* ``leave_one_set_out``: for every set S, the pair model refitted on the OTHER sets pooled
  (the rule of ``eval_stories.train``: logistic regression on their gold pairs plus the
  pseudo-gold's fitting half; the threshold with the best mean B-cubed F1 over those sets)
  and reported on S; the baseline's θ chosen likewise on the others and reported on S (gold
  articles alone: its one pass over a window is quadratic);
* ``summary``: F1 (P, R) overall and cross-outlet per set — LOSO refit, shipped, baselines —
  side by side;
* ``support`` (h13s): story-level link confirmation (``eval_stories.support_grouping``, not
  shipped): the shipped model's links, a link joining two groups only when enough of the smaller
  group's members link into the other; its two settings chosen on the other sets (in-sample
  grid under ``sets.<S>.support_in_sample``) and reported on S in ``leave_one_set_out``, and
  chosen on S alone in ``fit_<S>`` (``--pairwise``), beside the shipped model's plain connected
  groups of the same links (``shipped_in_memory_with_distractors``);
* ``gate_leave_one_set_out`` (``--gate``): the shipped weights with a raised ``candidate_min``
  (pairs whose core dot product is below it are never linked) — gate and threshold chosen on
  the other sets, reported on S (the proposal in ``evals/proposals/``);
* ``merge_leave_one_set_out`` (``--merge``, h13p; measured, not shipped): the story partition
  (:func:`partition`: two stories of two or more articles merge only when their core
  centroids' cosine reaches a floor) of the shipped model's links — the floor chosen on the
  other sets (0 = plain connected groups, the archive's rule), reported on S;
* ``fit_<S>`` (``--pairwise``): fitted on S alone, reported on every other set.

warta is scored on each set's gold articles stored with every CLICK-ID article of the gold
days ± ``--margin`` (default 2; the distractors a real archive holds; clusters are cut to the
gold articles for B-cubed) and on the gold articles alone. Views: overall, cross-outlet
articles, articles not marked ``unsure``, and all without the set's largest story (one story
of 139 can carry B-cubed alone). Order stability is checked on each set's gold articles
(stored in reverse, batches of 7). Nothing here is chosen on the set it is reported on.

    .venv/bin/python evals/eval_stories_sets.py --margin 0 \\
        --gold evals/stories_gold/click-id-2019-09-17.jsonl \\
        --gold evals/stories_gold/click-id-2019-09-10.jsonl \\
        --gold evals/stories_gold/click-id-2019-09-13.jsonl \\
        --gold evals/stories_gold/click-id-2019-09-15.jsonl
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import sys
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path

import eval_stories as es

from warta.config import shared_path
from warta.link import stories as st
from warta.model import Article
from warta.parse import iter_outcomes
from warta.lang.analysis import analyze

MARGIN_DAYS = 2  # distractors: every article of the gold days widened by this many days
# thresholds tried for a refit: eval_stories' grid (-2 … 5) widened to 10, since models fitted
# on the cross-outlet days sit higher (their best was at the old grid's top, 5.0)
THRESHOLDS = tuple(x / 4 for x in range(-8, 41))


@dataclasses.dataclass
class GoldSet:
    """One hand-grouped set joined to CLICK-ID: its stored (enriched) window articles, their
    story features, the gold (article id → story) and the named views scored."""

    name: str
    stored: list[Article]
    feats: list[st.StoryFeatures]
    truth: dict[str, str]
    views: dict[str, tuple[list[str], list[str]]]
    shipped: dict[str, str]  # the archive's own grouping with distractors
    alone: dict[str, str]    # the archive's grouping of the gold articles alone
    order_stable: bool


def views(truth: Mapping[str, str], cross: set[str], unsure: set[str]
          ) -> dict[str, tuple[list[str], list[str]]]:
    """Named (items, scored) subsets: all, cross-outlet, not unsure, without the largest story."""
    items = list(truth)
    largest = Counter(truth.values()).most_common(1)[0][0]
    sure = [i for i in items if i not in unsure]
    rest = [i for i in items if truth[i] != largest]
    named = {"overall": (items, items), "cross_outlet": (items, [i for i in items if i in cross]),
             "sure_only": (sure, sure),
             "without_largest_story": (rest, rest),
             "cross_outlet_without_largest_story": (rest, [i for i in rest if i in cross])}
    return {k: v for k, v in named.items() if v[1]}


def view_scores(pred: Mapping[str, str], gold: GoldSet) -> dict:
    """B-cubed of ``pred`` on every view of ``gold``."""
    return {name: es.bcubed(pred, gold.truth, items, scored)
            for name, (items, scored) in gold.views.items()}


def load_set(name: str, path: Path, parsed: Sequence[Article], margin: int = MARGIN_DAYS
             ) -> GoldSet:
    """A gold file joined to the parsed CLICK-ID articles, stored with its distractors (every
    article of the gold days ± ``margin`` days)."""
    with open(path, encoding="utf-8") as handle:
        gold = {r["url"]: r for r in map(json.loads, handle)}
    days = sorted(date.fromisoformat(r["published"]) for r in gold.values())
    lo = (days[0] - timedelta(margin)).isoformat()
    hi = (days[-1] + timedelta(margin)).isoformat()
    window = [a for a in parsed if a.url in gold or (
        a.published is not None and lo <= a.published.date().isoformat() <= hi)]
    by_url = {a.url: a for a in window if a.url in gold}
    truth, unsure, cross = es.gold_truth(gold, by_url)
    gold_articles = [by_url[u] for u in gold if u in by_url]
    alone, stored_alone = es.archive_grouping(gold_articles)
    stable = es.same_partition(alone, es.reversed_grouping(stored_alone))
    shipped, stored = es.archive_grouping(window)
    feats = [st.features(a, analyze(a.title or ""), analyze(a.text)) for a in stored]
    return GoldSet(name, stored, feats, truth, views(truth, cross, unsure), shipped, alone,
                   stable)


def gold_pairs(gold: GoldSet) -> tuple[list[tuple[float, ...]], list[int]]:
    """Pair features and labels of the gold articles' pairs within the time window that share
    a core feature (as ``eval_stories.gold_pairs``, over the whole set)."""
    chosen = [f for f in gold.feats if f.article_id in gold.truth]
    xs, ys = [], []
    for i, a in enumerate(chosen):
        for b in chosen[i + 1:]:
            if st.decay(a.days, b.days) == 0.0:
                continue
            x = st.pair_features(a.vector, b.vector)
            if x[0] > 0.0:
                xs.append(x)
                ys.append(int(gold.truth[a.article_id] == gold.truth[b.article_id]))
    return xs, ys


def fit_on(golds: Sequence[GoldSet], pseudo: es.PseudoGold | None,
           class_weight: str | None = "balanced") -> tuple[dict, dict[str, dict[str, str]]]:
    """The pair model refitted on the pooled gold pairs of ``golds`` (and the pseudo-gold's
    fitting half), its threshold the one with the best mean B-cubed F1 over those sets' gold
    articles (with distractors: each set grouped on its own); returns it and its grouping of
    each set (by name)."""
    xs: list[tuple[float, ...]] = []
    ys: list[int] = []
    for gold in golds:
        x, y = gold_pairs(gold)
        xs += x
        ys += y
    weight = [1.0] * len(ys)
    if pseudo is not None:
        xs += pseudo.fitting
        ys += [1] * len(pseudo.fitting)
        weight += [es.PSEUDO_WEIGHT] * len(pseudo.fitting)
    weights, bias = es.fit(xs, ys, weight, class_weight=class_weight)
    scores = {g.name: es.model_scores(g.feats, weights, bias) for g in golds}

    def mean_f1(th: float) -> float:
        return sum(es.bcubed(es.link_grouping(g.feats, scores[g.name], th), g.truth,
                             list(g.truth))["f1"] for g in golds) / len(golds)

    threshold = max(THRESHOLDS, key=lambda th: (mean_f1(th), -th))
    model = {"weights": weights, "bias": bias, "threshold": threshold,
             "fitted_on": [g.name for g in golds]}
    return model, {g.name: es.link_grouping(g.feats, scores[g.name], threshold) for g in golds}


def refit_grouping(gold: GoldSet, model: Mapping) -> dict[str, str]:
    """``gold`` grouped by another set's refitted model."""
    return es.link_grouping(gold.feats, es.model_scores(gold.feats, model["weights"],
                                                         model["bias"]), model["threshold"])


GATES = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)  # candidate_min levels tried (--gate)


def core_scores(feats: Sequence[st.StoryFeatures], weights: Sequence[float], bias: float
                ) -> dict[tuple[int, int], tuple[float, float]]:
    """Every candidate pair's (core dot product, score) under (weights, bias): what a raised
    ``candidate_min`` filters on, computed once per set."""
    # the lowest gate tried, not the shipped model's own candidate_min: every level is chosen
    return {(j, i): (x[0], es.pair_score(x, apart, weights, bias))
            for j, i, x, apart in es.candidate_pairs(feats, floor=min(GATES))}


def gated(scores: Mapping[tuple[int, int], tuple[float, float]], gate: float
          ) -> dict[tuple[int, int], float]:
    """The scores of the pairs whose core dot product reaches ``gate``."""
    return {k: score for k, (core_, score) in scores.items() if core_ >= gate}


def gate_loso(sets: Sequence[GoldSet], gold_only: Mapping[str, Sequence]) -> dict:
    """Leave one set out for the shipped weights with a raised ``candidate_min`` (gate): the
    gate and the threshold with the best mean F1 over the other sets (with distractors), the
    held-out set scored with and without distractors."""
    model = st.pair_model()
    full = {g.name: core_scores(g.feats, model.weights, model.bias) for g in sets}
    alone = {g.name: core_scores(gold_only[g.name], model.weights, model.bias) for g in sets}
    out = {}
    for held in sets:
        others = [g for g in sets if g is not held]

        def mean_f1(gate: float, th: float, others=others) -> float:
            return sum(es.bcubed(es.link_grouping(g.feats, gated(full[g.name], gate), th),
                                 g.truth, list(g.truth))["f1"] for g in others) / len(others)

        gate, th = max(((g_, t) for g_ in GATES for t in THRESHOLDS),
                       key=lambda gt: (mean_f1(*gt), -gt[1]))
        out[held.name] = {
            "candidate_min": gate, "threshold": th, "chosen_on": [g.name for g in others],
            "warta_with_distractors": view_scores(es.link_grouping(
                held.feats, gated(full[held.name], gate), th), held),
            "warta_gold_only": view_scores(es.link_grouping(
                gold_only[held.name], gated(alone[held.name], gate), th), held)}
    return out


FLOORS = (0.0, 0.25, 0.3, 0.35, 0.4, 0.45)  # centroid floors tried (--merge); 0: plain groups


def partition(members: Mapping[int, tuple[tuple[float, str], Mapping[str, float]]],
              links: Sequence[tuple[int, int, float]], floor: float) -> list[list[int]]:
    """Story partition (h13p, measured, not shipped; the archive implementation is on branch
    h13p-partition): links strongest first (ties by the two article ids), a link joining two
    groups of two or more articles merges them only when the cosine of their core centroids
    (sums of the members' unit cores) reaches ``floor``; a lone article joins on one link.
    A function of the article set. Groups earliest member first."""
    parent = {k: k for k in members}
    size = dict.fromkeys(members, 1)
    first = {k: members[k][0] for k in members}
    sums: dict[int, dict[str, float]] = {}
    norm2: dict[int, float] = {}

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def centroid(k: int) -> dict[str, float]:
        if k not in sums:
            sums[k] = st.core(members[k][1])
            norm2[k] = math.fsum(w * w for w in sums[k].values())
        return sums[k]

    ids = {k: members[k][0][1] for k in members}
    for _, _, _, a, b in sorted((-s, *sorted((ids[a], ids[b])), a, b) for a, b, s in links):
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        small, big = sorted((ra, rb), key=lambda k: (size[k], first[k]))
        into, add = centroid(big), centroid(small)
        shared = st.dot(add, into)
        if size[small] >= 2 and shared < floor * math.sqrt(norm2[small] * norm2[big]):
            continue  # two stories that only a bridge holds together stay two
        for t, w in add.items():
            into[t] = into.get(t, 0.0) + w
        del sums[small]
        norm2[big] += norm2.pop(small) + 2.0 * shared  # |A + B|² = |A|² + |B|² + 2 A·B
        parent[small] = big
        size[big] += size[small]
        first[big] = min(first[big], first[small])
    groups: dict[int, list[int]] = {}
    for k in sorted(members, key=lambda k: members[k][0]):
        groups.setdefault(find(k), []).append(k)
    return sorted(groups.values(), key=lambda g: members[g[0]][0])


def partition_grouping(feats: Sequence[st.StoryFeatures], scores: Mapping[tuple[int, int], float],
                       threshold: float, floor: float) -> dict[str, str]:
    """Stories of the links scoring at least ``threshold`` under :func:`partition` with the
    centroid ``floor`` (0: plain connected groups, the archive's rule)."""
    members = {i: (f.order_key, f.vector) for i, f in enumerate(feats)}
    links = [(i, j, s) for (i, j), s in scores.items() if s >= threshold]
    out: dict[str, str] = {}
    for group in partition(members, links, floor):
        for i in group:
            out[feats[i].article_id] = feats[group[0]].article_id
    return out


def merge_loso(sets: Sequence[GoldSet], gold_only: Mapping[str, Sequence]) -> dict:
    """Leave one set out for the story partition's centroid floor (the shipped model's links):
    the floor with the best mean F1 over the other sets (with distractors; ties to the lowest
    floor), the held-out set scored with and without distractors, beside plain connected
    groups (floor 0); every floor's F1 in-sample."""
    model = st.pair_model()
    full = {g.name: es.model_scores(g.feats, model.weights, model.bias) for g in sets}
    alone = {g.name: es.model_scores(gold_only[g.name], model.weights, model.bias) for g in sets}
    runs = {(g.name, fl): partition_grouping(g.feats, full[g.name], model.threshold, fl)
            for g in sets for fl in FLOORS}
    f1 = {k: es.bcubed(v, g.truth, list(g.truth))["f1"] for g in sets for k, v in runs.items()
          if k[0] == g.name}
    out: dict = {"in_sample_f1": {g.name: {str(fl): f1[(g.name, fl)] for fl in FLOORS}
                                  for g in sets}}
    for held in sets:
        others = [g for g in sets if g is not held]
        floor = max(FLOORS, key=lambda fl: (sum(f1[(g.name, fl)] for g in others), -fl))
        out[held.name] = {
            "floor": floor, "chosen_on": [g.name for g in others],
            "warta_with_distractors": view_scores(runs[(held.name, floor)], held),
            "warta_gold_only": view_scores(partition_grouping(
                gold_only[held.name], alone[held.name], model.threshold, floor), held),
            "plain_with_distractors": view_scores(runs[(held.name, 0.0)], held)}
    return out


def choose_theta(golds: Sequence[GoldSet], base_runs: Mapping[str, Mapping[float, dict]]
                 ) -> float:
    """The baseline's θ with the best mean B-cubed F1 over ``golds`` (gold articles alone)."""
    return max(es.THETAS, key=lambda th: (sum(
        es.bcubed(base_runs[g.name][th], g.truth, list(g.truth))["f1"] for g in golds), -th))


def report_on(other: GoldSet, model: Mapping, theta: float, alone_feats: Sequence,
              base_runs: Mapping[str, Mapping[float, dict]]) -> dict:
    """A refitted model and the baseline at ``theta`` scored on ``other`` (views)."""
    alone = es.link_grouping(alone_feats, es.model_scores(
        alone_feats, model["weights"], model["bias"]), model["threshold"])
    return {"warta_with_distractors": view_scores(refit_grouping(other, model), other),
            "warta_gold_only": view_scores(alone, other),
            "baseline_gold_only": view_scores(base_runs[other.name][theta], other)}


def summary(result: Mapping, names: Sequence[str]) -> dict:
    """F1 (P, R) of the leave-one-set-out refit beside the shipped model and the baselines,
    per set, overall and cross-outlet: the table to read first."""
    def fpr(d: Mapping) -> str:
        return f"{d['f1']:.3f} (P {d['precision']:.3f}, R {d['recall']:.3f})"

    out = {}
    for name in names:
        loso, shipped = result["leave_one_set_out"][name], result["sets"][name]
        out[name] = {view: {
            "shipped_with_distractors": fpr(shipped["shipped_with_distractors"][view]),
            "loso_refit_with_distractors": fpr(loso["warta_with_distractors"][view]),
            "shipped_gold_only": fpr(shipped["shipped_gold_only"][view]),
            "loso_refit_gold_only": fpr(loso["warta_gold_only"][view]),
            f"baseline_theta_{loso['baseline_theta']}_gold_only": fpr(
                loso["baseline_gold_only"][view]),
            "baseline_theta_0.4_gold_only": fpr(shipped["baseline_0.4_gold_only"][view])}
            for view in ("overall", "cross_outlet") if view in shipped["shipped_gold_only"]}
    return out


def support(sets: Sequence[GoldSet], result: dict
            ) -> dict[str, dict[tuple[float, float], dict[str, str]]]:
    """Story-level confirmation (``eval_stories.support_grouping``) of the shipped model's
    links on every set, for every (phi, low) of the grid; the in-sample grid and the plain
    connected groups of the same links go into ``result["sets"]``."""
    shipped = st.pair_model()
    runs: dict[str, dict[tuple[float, float], dict[str, str]]] = {}
    for gold in sets:
        scores = es.model_scores(gold.feats, shipped.weights, shipped.bias)
        plain = es.link_grouping(gold.feats, scores, shipped.threshold)
        runs[gold.name] = {
            (phi, low): es.support_grouping(gold.feats, scores, shipped.threshold, phi,
                                            shipped.threshold + low)
            for phi in es.SUPPORT_PHIS for low in es.SUPPORT_LOWS}
        result["sets"][gold.name]["shipped_in_memory_with_distractors"] = view_scores(plain, gold)
        result["sets"][gold.name]["support_in_sample"] = {
            f"phi {phi} low {low:+}": {k: v["f1"] for k, v in view_scores(run, gold).items()}
            for (phi, low), run in runs[gold.name].items()}
    return runs


def choose_support(golds: Sequence[GoldSet],
                   runs: Mapping[str, Mapping[tuple[float, float], dict[str, str]]]
                   ) -> tuple[float, float]:
    """The (phi, low) with the best mean F1 over ``golds``; ties to the most permissive
    setting (the closest to plain connected groups)."""
    return max(runs[golds[0].name], key=lambda pl: (sum(
        es.bcubed(runs[g.name][pl], g.truth, list(g.truth))["f1"] for g in golds),
        -pl[0], -pl[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, action="append", default=None,
                        help="a further hand-grouped gold JSONL (stories-dev is always used); default: every study day of evals/stories_gold")
    parser.add_argument("--no-pseudo", action="store_true",
                        help="fit on the gold pairs alone (no pseudo-gold fitting half)")
    parser.add_argument("--margin", type=int, default=MARGIN_DAYS,
                        help=f"distractor days each side of the gold days (default {MARGIN_DAYS};"
                             " 0: the gold days' own CLICK-ID articles, ~3x cheaper)")
    parser.add_argument("--gate", action="store_true",
                        help="also leave one set out for the shipped weights with candidate_min "
                             "(a core dot-product gate) and threshold chosen on the other sets")
    parser.add_argument("--merge", action="store_true",
                        help="also leave one set out for the story partition's centroid floor "
                             "(measured, not shipped)")
    parser.add_argument("--pairwise", action="store_true",
                        help="also fit on each set alone and report on every other set")
    args = parser.parse_args()
    args.gold = args.gold or es.study_days()
    started = time.process_time()
    parsed = [o.article for o in iter_outcomes([str(shared_path(*es.TEXTS))])
              if o.article is not None]
    sets = [load_set("stories-dev", shared_path(*es.GOLD), parsed, args.margin)]
    sets += [load_set(path.stem, path, parsed, args.margin) for path in args.gold]
    del parsed
    pseudo = None if args.no_pseudo else es.pseudo_gold()
    result: dict = {"model": dataclasses.asdict(st.pair_model()), "margin_days": args.margin,
                    "sets": {}}
    gold_only = {g.name: [f for f in g.feats if f.article_id in g.truth] for g in sets}
    base_runs = {g.name: {th: es.baseline([a for a in g.stored if a.id in g.truth], th)
                          for th in es.THETAS} for g in sets}
    for gold in sets:
        result["sets"][gold.name] = {
            "articles_in_window": len(gold.stored), "gold_articles": len(gold.truth),
            "order_stable": gold.order_stable,
            "shipped_with_distractors": view_scores(gold.shipped, gold),
            "shipped_gold_only": view_scores(gold.alone, gold),
            "baseline_0.4_gold_only": view_scores(base_runs[gold.name][0.4], gold)}
    support_runs = support(sets, result)
    # leave one set out: fit on the others pooled, report on the one left out
    result["leave_one_set_out"] = {}
    for held in sets:
        others = [g for g in sets if g is not held]
        model, _ = fit_on(others, pseudo)
        theta = choose_theta(others, base_runs)
        entry: dict = {"model": model, "baseline_theta": theta,
                       **report_on(held, model, theta, gold_only[held.name], base_runs)}
        chosen = choose_support(others, support_runs)
        entry["support_chosen"] = {"phi": chosen[0], "low": chosen[1]}
        entry["support_with_distractors"] = view_scores(support_runs[held.name][chosen], held)
        if pseudo is not None:
            entry["pseudo_gold_report_recall"] = pseudo.recall(
                {**model, "day_penalty": es.DAY_PENALTY})
        result["leave_one_set_out"][held.name] = entry
    result["summary"] = summary(result, [g.name for g in sets])
    if args.gate:
        result["gate_leave_one_set_out"] = gate_loso(sets, gold_only)
    if args.merge:
        result["merge_leave_one_set_out"] = merge_loso(sets, gold_only)
    for fit_set in sets if args.pairwise else ():
        model, _ = fit_on([fit_set], pseudo)
        theta = choose_theta([fit_set], base_runs)
        entry = {"model": model, "baseline_theta": theta}
        for other in sets:
            if other is not fit_set:
                entry[f"report_{other.name}"] = report_on(other, model, theta,
                                                          gold_only[other.name], base_runs)
        chosen = choose_support([fit_set], support_runs)
        entry["support_chosen"] = {"phi": chosen[0], "low": chosen[1]}
        for other in sets:
            if other is not fit_set:
                entry[f"report_{other.name}"]["support_with_distractors"] = view_scores(
                    support_runs[other.name][chosen], other)
        result[f"fit_{fit_set.name}"] = entry
    result["cpu_seconds"] = round(time.process_time() - started, 1)
    json.dump(result, sys.stdout, indent=2, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
