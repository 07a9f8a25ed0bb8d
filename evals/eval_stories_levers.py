"""Pair-level levers of the story model, each chosen leave one set out over every gold set (h14pair).

Issue 13: warta's stories fall below the plain TF-IDF proposer on the over-merged gold days (16,
20, 13 Sep). This evaluation tries, on the pairs of ``evals/eval_stories_refit.py`` (every gold
set among every CLICK-ID article of its day, candidate pairs with core ≥ 0.15, the shipped
model's process conflicts never linked), one family of changes at a time around the SHIPPED
weights — nothing refitted by likelihood (that is ``eval_stories_refit.py``):

* ``entity_share``: the core dot product's shared-entity part (``@`` keys) counted ``scale`` ×
  (1 shipped, 0.75 … 0: names say nothing beyond the words), or each shared entity by
  ``min(1, rarity / R)`` (its ``!`` rarity — the idf of its rarest word in the fixed table — so
  "KPK", "DPR", "Joko Widodo" (rarity < 3) weigh less than a rare name); the gate on the
  stored core or on the discounted one;
* ``time_title``: the day penalty (0 … 4 per day apart, shipped 0.5) and the title·title
  weight (× 1, 0.5, 0);
* ``hybrid``: TF-IDF cosine as a gate — a link needs the full-text cosine (top 200 terms, as
  the proposer's vector) ≥ ``c1``, and any candidate pair with cosine ≥ ``c2`` is linked.

For each held-out set, the option, gate and threshold with the best mean B-cubed F1 over the
other sets (ties: the shipped option, the lower threshold, the lower gate) are reported on it
(F1, P, R, cross-outlet F1), beside the shipped model and the TF-IDF proposer (θ chosen on the
other sets, gold articles alone). Also, per set, the threshold that would be best for the
shipped weights in-sample (is the calibration a matter of day size?) and, per option, the best
in-sample setting over all sets (the landscape). Prints JSON.

    cd evals && WARTA_SHARED=../../shared python eval_stories_levers.py \\
        --gold stories_gold/click-id-2019-09-17.jsonl … --cache /tmp/x/sets.pkl \\
        --pair-cache /tmp/x/pairs.pkl
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import eval_stories as es
import eval_stories_events as ev
import eval_stories_refit as rf
import numpy as np

from warta.link import stories as st

RARITIES = (4.0, 5.0, 6.0, 8.0)
BIG = 1e6  # a score no threshold reaches from either side


def rarity_columns(prep: rf.Prepared) -> np.ndarray:
    """Per pair, the shared-entity part of the core with each entity's product scaled by
    ``min(1, rarity / R)``, one column per R of :data:`RARITIES`."""
    feats = prep.set.feats
    out = np.zeros((len(prep.pairs), len(RARITIES)))
    for n, (j, i) in enumerate(prep.pairs):
        va, vb = feats[int(j)].vector, feats[int(i)].vector
        for key in va.keys() & vb.keys():
            if key[0] == st.ENTITY_PREFIX:
                product = va[key] * vb[key]
                rarity = va.get(st.RARITY_PREFIX + key[1:], RARITIES[-1])
                for k, r in enumerate(RARITIES):
                    out[n, k] += product * min(1.0, rarity / r)
    return out


class Lever:
    """One family of options: ``score(prep, option)`` and the core its gate reads."""

    def __init__(self, name: str, options: Sequence[tuple], shipped: tuple,
                 score: Callable[[rf.Prepared, tuple], np.ndarray],
                 gate_core: Callable[[rf.Prepared, tuple], np.ndarray] | None = None,
                 gates: Sequence[float] = rf.GATES) -> None:
        self.name, self.options, self.shipped = name, list(options), shipped
        self.score, self.gate_core, self.gates = score, gate_core, gates

    def mask(self, prep: rf.Prepared, option: tuple, gate: float) -> np.ndarray:
        core = prep.x[:, 0] if self.gate_core is None else self.gate_core(prep, option)
        keep = core >= gate
        return keep if prep.conflict is None else keep & ~prep.conflict


def levers(model: st.PairModel) -> list[Lever]:
    """The three families, around the shipped weights."""
    w = np.array(model.weights)
    ti, ei = rf.FEATURES.index("core_terms"), rf.FEATURES.index("core_entities")
    ci = rf.FEATURES.index("full_cosine")

    def rest(prep: rf.Prepared, day_penalty: float = model.day_penalty,
             title_scale: float = 1.0) -> np.ndarray:
        ww = w.copy()
        ww[0] = 0.0
        ww[1] *= title_scale
        return prep.x[:, :len(w)] @ ww + model.bias - day_penalty * prep.apart

    def adjusted(prep: rf.Prepared, opt: tuple) -> np.ndarray:
        kind, value, _ = opt
        if kind == "scale":
            return prep.x[:, ti] + value * prep.x[:, ei]
        return prep.x[:, ti] + prep.rarity[:, RARITIES.index(value)]  # type: ignore[attr-defined]

    entity_options = [("scale", s, g) for s in (1.0, 0.75, 0.5, 0.25, 0.0)
                      for g in ("core", "adjusted") if (s, g) != (1.0, "adjusted")]
    entity_options += [("rarity", r, g) for r in RARITIES for g in ("core", "adjusted")]

    def hybrid(prep: rf.Prepared, opt: tuple) -> np.ndarray:
        c1, c2 = opt
        cos = prep.x[:, ci]
        s = np.where(cos >= c1, rest(prep) + w[0] * prep.x[:, 0], -BIG)
        return np.where(cos >= c2, BIG, s)

    return [
        Lever("entity_share", entity_options, ("scale", 1.0, "core"),
              lambda p, o: rest(p) + w[0] * adjusted(p, o),
              lambda p, o: p.x[:, 0] if o[2] == "core" else adjusted(p, o)),
        Lever("time_title", [(dp, ts) for dp in (0.0, 0.5, 1.0, 2.0, 4.0)
                             for ts in (1.0, 0.5, 0.0)], (model.day_penalty, 1.0),
              lambda p, o: rest(p, o[0], o[1]) + w[0] * p.x[:, 0]),
        Lever("hybrid", [(c1, c2) for c1 in (0.0, 0.2, 0.25, 0.3, 0.35, 0.4)
                         for c2 in (9.0, 0.45, 0.5, 0.6)], (0.0, 9.0), hybrid,
              gates=(0.15, 0.25, 0.35)),
    ]


def f1_table(lever: Lever, preps: Sequence[rf.Prepared]) -> dict[tuple, dict[str, float]]:
    """(option, gate, threshold) → set name → overall B-cubed F1."""
    table: dict[tuple, dict[str, float]] = {}
    for prep in preps:
        for option in lever.options:
            scores = lever.score(prep, option)
            for gate in lever.gates:
                swept = rf.sweep(prep, scores, lever.mask(prep, option, gate), rf.THRESHOLDS)
                for th in rf.THRESHOLDS:
                    table.setdefault((option, gate, th), {})[prep.name] = swept[th][1]
    return table


def pick(lever: Lever, table: Mapping[tuple, Mapping[str, float]], names: Sequence[str]
         ) -> tuple:
    """The setting with the best mean F1 over ``names`` (ties: shipped option, lower
    threshold, lower gate)."""
    return max(table, key=lambda k: (round(sum(table[k][n] for n in names) / len(names), 6),
                                     k[0] == lever.shipped, -k[2], -k[1]))


def held_out_report(lever: Lever, prep: rf.Prepared, setting: tuple) -> dict:
    option, gate, th = setting
    labels = rf.sweep(prep, lever.score(prep, option), lever.mask(prep, option, gate),
                      [th])[th][0]
    p, r, f = rf._bcubed(labels, prep.gold_story)
    return {"f1": round(f, 4), "precision": round(p, 4), "recall": round(r, 4),
            "cross_f1": round(rf._bcubed(labels, prep.gold_story, prep.cross_mask)[2], 4)}


def calibration(preps: Sequence[rf.Prepared], model: st.PairModel) -> dict:
    """Per set, the in-sample best threshold of the shipped weights and gate, with the set's
    size: a threshold that should follow day size would show here."""
    w = np.zeros(len(rf.FEATURES))
    w[:len(model.weights)] = model.weights
    out = {}
    for prep in preps:
        swept = rf.sweep(prep, rf.score(prep, w, model.bias), prep.linkable(model.candidate_min),
                         rf.THRESHOLDS)
        best = max(rf.THRESHOLDS, key=lambda t: (round(swept[t][1], 6), -t))
        out[prep.name] = {"articles_in_window": len(prep.set.feats),
                          "candidate_pairs_per_article": round(
                              int(prep.linkable(model.candidate_min).sum())
                              / len(prep.set.feats), 2),
                          "f1_at_shipped_threshold": round(swept[model.threshold][1], 4),
                          "best_threshold": best, "f1_at_best": round(swept[best][1], 4)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    es.add_gold_options(parser)
    parser.add_argument("--pair-cache", type=Path,
                        help="eval_stories_refit.py's pickle of the pair rows (outside the repo)")
    args = parser.parse_args()
    args.gold = args.gold or es.study_days()
    started = time.process_time()
    if args.pair_cache is not None and args.pair_cache.exists():
        sys.modules["__main__"].Prepared = rf.Prepared  # type: ignore[attr-defined]
        with open(args.pair_cache, "rb") as handle:
            preps = pickle.load(handle)[0]
    else:
        preps = [rf.prepare(one, 200) for one in ev.load_sets(args.gold, args.cache)]
    for prep in preps:
        prep.rarity = rarity_columns(prep)  # type: ignore[attr-defined]
    model = st.pair_model()
    names = [p.name for p in preps]
    result: dict = {"sets": names, "calibration": calibration(preps, model),
                    "baseline_loso": rf.baseline_loso(preps), "levers": {}}
    for lever in levers(model):
        table = f1_table(lever, preps)
        shipped = (lever.shipped, model.candidate_min, model.threshold)
        entry: dict = {"shipped": {p.name: held_out_report(lever, p, shipped) for p in preps},
                       "loso": {}}
        for prep in preps:
            setting = pick(lever, table, [n for n in names if n != prep.name])
            entry["loso"][prep.name] = {"chosen": list(setting),
                                        **held_out_report(lever, prep, setting)}
        for key in ("shipped", "loso"):
            entry[f"{key}_mean_f1"] = round(float(np.mean(
                [entry[key][n]["f1"] for n in names])), 4)
        entry["sets_beaten"] = sum(entry["loso"][n]["f1"] > entry["shipped"][n]["f1"]
                                   for n in names)
        landscape = {}
        for option in lever.options:
            best = pick(lever, {k: v for k, v in table.items() if k[0] == option}, names)
            landscape[str(option)] = {"gate": best[1], "threshold": best[2], "mean_f1": round(
                float(np.mean([table[best][n] for n in names])), 4),
                "per_set": {n: round(table[best][n], 4) for n in names}}
        entry["in_sample_best_per_option"] = landscape
        result["levers"][lever.name] = entry
    result["cpu_seconds"] = round(time.process_time() - started, 1)
    json.dump(result, sys.stdout, indent=1, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
