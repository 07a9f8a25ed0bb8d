"""Story clustering across hand-grouped sets: fit on one set, report on the other.

``evals/eval_stories.py`` splits stories-dev by day; both of its days are nearly one outlet
(13 cross-outlet articles). This evaluation takes stories-dev and one or more further gold
files of the same line format (``--gold``; e.g. ``evals/stories_gold/click-id-2019-09-17.jsonl``,
357 national-desk articles of six outlets, 233 in cross-outlet stories) and, for every set S:

* ``shipped``: the shipped pair model (``link/data/story_pair_model.json``) on S;
* ``fit_<S>``: the pair model refitted on S alone (the rule of ``eval_stories.train``:
  logistic regression on S's gold pairs plus the pseudo-gold's fitting half, the threshold
  that gives S's gold articles the best B-cubed F1) and reported on every OTHER set;
* ``support``: story-level link confirmation (``eval_stories.support_grouping``, not shipped):
  the shipped model's links, a link joining two groups only when enough of the smaller
  group's members link into the other; its two settings chosen on S (in-sample grid under
  ``sets.<S>.support_in_sample``) and reported on every other set, beside the shipped
  model's plain connected groups of the same links (``shipped_in_memory_with_distractors``);
* ``baseline``: the TF-IDF centroid proposer of ``eval_stories`` with θ chosen on S and
  reported on the others — on the gold articles alone (its one pass over the ~9,000
  articles of a window takes over half an hour of CPU), beside warta on the gold articles
  alone.

warta is scored on each set's gold articles stored with every CLICK-ID article of the gold
days ± 2 (the distractors a real archive holds; clusters are cut to the gold articles for
B-cubed) and on the gold articles alone. Views: overall, cross-outlet articles, articles not
marked ``unsure``, and all without the set's largest story (one story of 139 can carry B-cubed
alone). Order stability is checked on each set's gold articles (stored in reverse, batches of
7). Nothing here is chosen on the set it is reported on. Prints JSON.

    .venv/bin/python evals/eval_stories_sets.py --gold evals/stories_gold/click-id-2019-09-17.jsonl
"""

from __future__ import annotations

import argparse
import dataclasses
import json
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
from warta.search.analysis import analyze

MARGIN_DAYS = 2  # distractors: every article of the gold days widened by this many days


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


def load_set(name: str, path: Path, parsed: Sequence[Article]) -> GoldSet:
    """A gold file joined to the parsed CLICK-ID articles, stored with its distractors."""
    with open(path, encoding="utf-8") as handle:
        gold = {r["url"]: r for r in map(json.loads, handle)}
    days = sorted(date.fromisoformat(r["published"]) for r in gold.values())
    lo = (days[0] - timedelta(MARGIN_DAYS)).isoformat()
    hi = (days[-1] + timedelta(MARGIN_DAYS)).isoformat()
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


def fit_on(gold: GoldSet, pseudo: es.PseudoGold | None) -> tuple[dict, dict]:
    """The pair model refitted on ``gold`` (and the pseudo-gold's fitting half), threshold
    chosen on its gold articles (with distractors); returns it and its grouping of ``gold``."""
    xs, ys = gold_pairs(gold)
    weight = [1.0] * len(ys)
    if pseudo is not None:
        xs += pseudo.fitting
        ys += [1] * len(pseudo.fitting)
        weight += [es.PSEUDO_WEIGHT] * len(pseudo.fitting)
    weights, bias = es.fit(xs, ys, weight)
    scores = es.model_scores(gold.feats, weights, bias)
    items = list(gold.truth)
    threshold = max(es.THRESHOLDS, key=lambda th: (
        es.bcubed(es.link_grouping(gold.feats, scores, th), gold.truth, items)["f1"], -th))
    model = {"weights": weights, "bias": bias, "threshold": threshold}
    return model, es.link_grouping(gold.feats, scores, threshold)


def refit_grouping(gold: GoldSet, model: Mapping) -> dict[str, str]:
    """``gold`` grouped by another set's refitted model."""
    return es.link_grouping(gold.feats, es.model_scores(gold.feats, model["weights"],
                                                         model["bias"]), model["threshold"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, action="append", required=True,
                        help="a further hand-grouped gold JSONL (stories-dev is always used)")
    parser.add_argument("--no-pseudo", action="store_true",
                        help="fit on the gold pairs alone (no pseudo-gold fitting half)")
    args = parser.parse_args()
    started = time.process_time()
    parsed = [o.article for o in iter_outcomes([str(shared_path(*es.TEXTS))])
              if o.article is not None]
    sets = [load_set("stories-dev", shared_path(*es.GOLD), parsed)]
    sets += [load_set(path.stem, path, parsed) for path in args.gold]
    del parsed
    pseudo = None if args.no_pseudo else es.pseudo_gold()
    result: dict = {"model": dataclasses.asdict(st.pair_model()), "sets": {}}
    for gold in sets:
        result["sets"][gold.name] = {
            "articles_in_window": len(gold.stored), "gold_articles": len(gold.truth),
            "order_stable": gold.order_stable,
            "shipped_with_distractors": view_scores(gold.shipped, gold),
            "shipped_gold_only": view_scores(gold.alone, gold)}
    shipped = st.pair_model()
    support_runs: dict[str, dict[tuple[float, float], dict[str, str]]] = {}
    for gold in sets:
        scores = es.model_scores(gold.feats, shipped.weights, shipped.bias)
        plain = es.link_grouping(gold.feats, scores, shipped.threshold)
        support_runs[gold.name] = {
            (phi, low): es.support_grouping(gold.feats, scores, shipped.threshold, phi,
                                            shipped.threshold + low)
            for phi in es.SUPPORT_PHIS for low in es.SUPPORT_LOWS}
        result["sets"][gold.name]["shipped_in_memory_with_distractors"] = view_scores(plain, gold)
        result["sets"][gold.name]["support_in_sample"] = {
            f"phi {phi} low {low:+}": {k: v["f1"] for k, v in view_scores(run, gold).items()}
            for (phi, low), run in support_runs[gold.name].items()}
    gold_only = {g.name: [f for f in g.feats if f.article_id in g.truth] for g in sets}
    base_runs = {g.name: {th: es.baseline([a for a in g.stored if a.id in g.truth], th)
                          for th in es.THETAS} for g in sets}
    for fit_set in sets:
        model, _ = fit_on(fit_set, pseudo)
        items = list(fit_set.truth)
        theta = max(es.THETAS, key=lambda th: (
            es.bcubed(base_runs[fit_set.name][th], fit_set.truth, items)["f1"], -th))
        entry: dict = {"model": model, "baseline_theta": theta}
        if pseudo is not None:
            entry["pseudo_gold_report_recall"] = pseudo.recall(
                {**model, "day_penalty": es.DAY_PENALTY})
        for other in sets:
            if other is fit_set:
                continue
            alone_feats = gold_only[other.name]
            alone = es.link_grouping(alone_feats, es.model_scores(
                alone_feats, model["weights"], model["bias"]), model["threshold"])
            entry[f"report_{other.name}"] = {
                "warta_with_distractors": view_scores(refit_grouping(other, model), other),
                "warta_gold_only": view_scores(alone, other),
                "baseline_gold_only": view_scores(base_runs[other.name][theta], other)}
        # story-level confirmation (shipped pair model): phi and low chosen on fit_set, ties
        # to the most permissive setting (the closest to plain connected groups)
        chosen = max(support_runs[fit_set.name], key=lambda pl: (es.bcubed(
            support_runs[fit_set.name][pl], fit_set.truth, items)["f1"], -pl[0], -pl[1]))
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
