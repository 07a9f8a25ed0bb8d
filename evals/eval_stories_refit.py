"""The story pair model refitted leave one set out over every hand-grouped set (h13s6).

Issue 13 point 2. The shipped pair model (``link/data/story_pair_model.json``) had its weights
fitted on stories-dev alone (+ the pseudo-gold's fitting half) and its gate and threshold chosen
on three sets. This evaluation refits it over stories-dev and every ``--gold`` day, leaving one
SET out: for each held-out set S, every variant is fitted on the other sets pooled and its
candidate gate (``candidate_min``) and threshold chosen on them (best mean B-cubed F1 overall;
ties to the lower threshold, then the lower gate), then reported on S. Variants (feature sets):

* ``current``: the shipped features (core, title·title, title·lead, lead·lead, shared entity
  rarity, shared quantities);
* ``+cosine``: and the full-text tf·idf cosine of the two articles (every usable term of the
  body, title terms boosted as in the core: what the TF-IDF proposer compares), its vector cut
  to the ``--top`` heaviest terms (0: all) — what an archive would have to store;
* ``+outlet``: and ``same_outlet`` (1 when both articles come from one outlet: one desk's
  follow-ups are worded unlike another outlet's copy of a wire story) — generic, not per outlet;
* ``+cosine+outlet``: both;
* ``split`` (h14pair): the core dot product replaced by its two parts, over the shared terms
  and over the shared ``@`` entities (both from the stored vector), so a fit can weigh a shared
  name apart from a shared word; ``split+cosine``: and the cosine.

Each is fitted two ways: on every gold pair sharing a core feature (``all``, as
``eval_stories_sets.fit_on``) or only on the pairs passing the gate being tried (``gated``:
the pairs the model will score). Weights: logistic regression (balanced classes, C = 1) on the
gold pairs plus the pseudo-gold's fitting half (positives, weight 0.25; cross-outlet by
construction, so ``same_outlet`` is 0 there; ``--no-pseudo`` leaves it out; ``--class-weight
none`` fits the plain likelihood). Besides, two variants with no likelihood fit: the shipped
weights kept and a weight for the cosine (and for ``same_outlet``) added, those weights, the
gate and the threshold chosen on a grid by the training sets' mean F1 itself
(``--likelihood-only`` leaves them out: they take most of the run), and one keeping the
shipped weights with the core's entity part scaled (1 … 0), scale, gate and threshold chosen
the same way. ``--only`` runs the named rows alone. Pairs whose titles name different
processes of one kind are never linked when the shipped model's ``process_conflict`` is set
(h14pair; before, the refit scored them, so its "shipped" row was not the shipped model).

Every set is its gold articles among every CLICK-ID article of its day(s) (margin 0, loaded as
``eval_stories_conflict.load``; stories-dev's window is 23–24 Sep, hence 0.818 and not
``eval_stories.py``'s 0.824), grouped as the archive groups (connected groups of links). In the
same run: the shipped model, and the TF-IDF proposer with θ chosen on the other sets (gold
articles alone). Also the refit on ALL sets (the model that would ship) and its in-sample
figures, and the pseudo-gold report half's direct-link recall. Prints JSON.

    WARTA_SHARED=../shared .venv/bin/python evals/eval_stories_refit.py \\
        --gold evals/stories_gold/click-id-2019-09-17.jsonl \\
        --gold evals/stories_gold/click-id-2019-09-10.jsonl \\
        --gold evals/stories_gold/click-id-2019-09-13.jsonl \\
        --gold evals/stories_gold/click-id-2019-09-15.jsonl
"""

from __future__ import annotations

import argparse
import json
import math
import pickle
import sys
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import eval_stories as es
import eval_stories_events as ev
import numpy as np

from warta.enrich.keywords import load_idf
from warta.link import processes
from warta.link import stories as st
from warta.model import Article
from warta.lang.analysis import analyze

FEATURES = (*st.PAIR_FEATURES, "full_cosine", "same_outlet")
_SPLIT = ("core_terms", "core_entities", *st.BASE_FEATURES[1:])
VARIANTS = {
    "current": st.BASE_FEATURES,
    "+cosine": (*st.BASE_FEATURES, "full_cosine"),
    "+outlet": (*st.BASE_FEATURES, "same_outlet"),
    "+cosine+outlet": (*st.BASE_FEATURES, "full_cosine", "same_outlet"),
    "split": _SPLIT,
    "split+cosine": (*_SPLIT, "full_cosine"),
}
FITS = ("all", "gated")
GATES = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
THRESHOLDS = tuple(x / 4 for x in range(-8, 41))
DAY_PENALTY = es.DAY_PENALTY


def full_vector(title_terms: Sequence[str], body_terms: Sequence[str], top: int = 0
                ) -> dict[str, float]:
    """The full-text tf·idf vector: every usable body term, title terms counted
    ``stories.TITLE_BOOST`` times more, ``(1 + ln tf)·idf`` of the shipped table, cut to the
    ``top`` heaviest terms (0: all; ties by term) and made unit length."""
    table = load_idf()
    counts: Counter[str] = Counter(t for t in body_terms if st._usable(t))
    for t in title_terms:
        if st._usable(t):
            counts[t] += st.TITLE_BOOST
    weights = {t: (1.0 + math.log(n)) * table.idf(t) for t, n in counts.items()}
    if top:
        weights = dict(sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:top])
    norm = math.sqrt(math.fsum(w * w for w in weights.values())) or 1.0
    return {t: w / norm for t, w in weights.items()}


@dataclass
class Prepared:
    """A set's candidate pairs (core ≥ the lowest gate) and gold fitting pairs as arrays."""

    name: str
    set: object                 # eval_stories_conflict.Set
    pairs: np.ndarray           # (n, 2) indices into set.feats
    x: np.ndarray               # (n, len(FEATURES))
    apart: np.ndarray           # (n,) days apart
    fit_x: np.ndarray           # gold pairs sharing a core feature
    fit_y: np.ndarray
    gold_index: np.ndarray      # indices of the gold articles in set.feats
    gold_story: list[str]
    cross_mask: np.ndarray      # over gold_index
    # pairs never linked whatever their score: their titles name different processes of one
    # kind (the shipped model's ``process_conflict``); None: no such pair
    conflict: np.ndarray | None = None

    def linkable(self, gate: float) -> np.ndarray:
        """The pairs a model with this gate may link: core ≥ gate, no process conflict."""
        mask = self.x[:, 0] >= gate
        return mask if self.conflict is None else mask & ~self.conflict


def _row(fa: st.StoryFeatures, fb: st.StoryFeatures, va: Mapping[str, float],
         vb: Mapping[str, float]) -> list[float]:
    same = float(fa.outlet is not None and fa.outlet == fb.outlet)
    return [*st.pair_features(fa.vector, fb.vector), st.dot(va, vb), same]


def conflicts(feats: Sequence[st.StoryFeatures], pairs: np.ndarray) -> np.ndarray | None:
    """Which pairs the shipped model's ``process_conflict`` never links (None when it is off)."""
    rule = st.pair_model().process_conflict
    if not rule:
        return None
    return np.array([processes.conflicting(feats[int(j)].vector, feats[int(i)].vector,
                                           rule == "any") for j, i in pairs], dtype=bool)


def prepare(one, top: int) -> Prepared:
    """Pair rows of a loaded set (eval_stories_conflict.Set)."""
    full = [full_vector(analyze(a.title or ""), analyze(a.text), top) for a in one.stored]
    pairs, rows, apart = [], [], []
    for j, i, _x, days in es.candidate_pairs(one.feats, floor=min(GATES)):
        pairs.append((j, i))
        rows.append(_row(one.feats[j], one.feats[i], full[j], full[i]))
        apart.append(days)
    gold_index = [k for k, f in enumerate(one.feats) if f.article_id in one.truth]
    fit_x, fit_y = [], []
    for n, a in enumerate(gold_index):
        for b in gold_index[n + 1:]:
            fa, fb = one.feats[a], one.feats[b]
            if st.decay(fa.days, fb.days) == 0.0:
                continue
            row = _row(fa, fb, full[a], full[b])
            if row[0] > 0.0:
                fit_x.append(row)
                fit_y.append(int(one.truth[fa.article_id] == one.truth[fb.article_id]))
    ids = [one.feats[k].article_id for k in gold_index]
    return Prepared(one.name, one, np.array(pairs, dtype=np.int64).reshape(-1, 2),
                    np.array(rows).reshape(-1, len(FEATURES)), np.array(apart),
                    np.array(fit_x).reshape(-1, len(FEATURES)), np.array(fit_y),
                    np.array(gold_index), [one.truth[i] for i in ids],
                    np.array([i in one.cross for i in ids]),
                    conflicts(one.feats, np.array(pairs, dtype=np.int64).reshape(-1, 2)))


def pseudo_rows(top: int) -> tuple[np.ndarray, list[tuple[np.ndarray, float, str]]]:
    """The pseudo-gold (``eval_stories.pseudo_gold``'s pairs) with the extended features:
    the fitting half's rows, and the report half's (row, days apart, form)."""
    pairs, prepared = es.pseudo_pairs()
    fitting, report = [], []
    for aid, bid in pairs:
        (a, a_title, a_body), (b, b_title, b_body) = prepared[aid], prepared[bid]
        first = min(a.published, b.published)  # type: ignore[type-var]
        half = "fitting" if first.date().toordinal() % 2 == 0 else "report"
        forms: list[tuple[str, Article, Sequence[str], Article, Sequence[str]]] = [
            ("as_published", a, a_body, b, b_body)]
        ra, rb = es.reworded(a, b), es.reworded(b, a)
        if len(ra.paragraphs) >= 2 and len(rb.paragraphs) >= 2:
            forms.append(("reworded", ra, analyze(ra.text), rb, analyze(rb.text)))
        for form, xa, xa_body, ya, ya_body in forms:
            fa, fb = st.features(xa, a_title, xa_body), st.features(ya, b_title, ya_body)
            row = np.array(_row(fa, fb, full_vector(a_title, xa_body, top),
                                full_vector(b_title, ya_body, top)))
            if half == "fitting":
                fitting.append(row)
            else:
                report.append((row, abs(fa.days - fb.days), form))  # type: ignore[operator]
    return np.array(fitting), report


CLASS_WEIGHT: list[str | None] = ["balanced"]  # --class-weight none: plain likelihood


def fit(rows: np.ndarray, ys: np.ndarray, weight: np.ndarray, cols: Sequence[int]
        ) -> tuple[np.ndarray, float]:
    """Logistic regression (balanced classes unless ``--class-weight none``, C = 1) on the
    columns ``cols``; weights over FEATURES (0 for the unused), rounded as shipped."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0, class_weight=CLASS_WEIGHT[0], max_iter=5000).fit(
        rows[:, cols], ys, sample_weight=weight)
    w = np.zeros(len(FEATURES))
    w[list(cols)] = np.round(model.coef_[0], 3)
    return w, round(float(model.intercept_[0]), 3)


def _bcubed(labels: Sequence[int], gold: Sequence[str], scored: np.ndarray | None = None
            ) -> tuple[float, float, float]:
    """B-cubed (P, R, F1) of predicted ``labels`` against ``gold`` (same order), averaged over
    the items where ``scored`` is true (default all)."""
    both = Counter(zip(labels, gold))
    pred, true = Counter(labels), Counter(gold)
    p = r = 0.0
    n = 0
    for k, (lab, g) in enumerate(zip(labels, gold)):
        if scored is not None and not scored[k]:
            continue
        n += 1
        p += both[(lab, g)] / pred[lab]
        r += both[(lab, g)] / true[g]
    p, r = p / n, r / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def sweep(prep: Prepared, scores: np.ndarray, mask: np.ndarray, thresholds: Sequence[float]
          ) -> dict[float, tuple[list[int], float]]:
    """Gold articles' group labels and overall F1 at each threshold (links: pairs in ``mask``
    scoring ≥ threshold), from one pass over the links strongest first."""
    order = np.argsort(-scores[mask], kind="stable")
    links, linked = prep.pairs[mask][order], scores[mask][order]
    parent = list(range(len(prep.set.feats)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    out: dict[float, tuple[list[int], float]] = {}
    k = 0
    for th in sorted(thresholds, reverse=True):
        while k < len(linked) and linked[k] >= th:
            a, b = find(int(links[k][0])), find(int(links[k][1]))
            if a != b:
                parent[a] = b
            k += 1
        labels = [find(int(i)) for i in prep.gold_index]
        out[th] = (labels, _bcubed(labels, prep.gold_story)[2])
    return out


def score(prep: Prepared, w: np.ndarray, bias: float) -> np.ndarray:
    return prep.x @ w + bias - DAY_PENALTY * prep.apart


def choose(train: Sequence[Prepared], variant: str, how: str, pseudo: np.ndarray | None
           ) -> dict:
    """Weights, gate and threshold with the best mean F1 over ``train``."""
    cols = [FEATURES.index(f) for f in VARIANTS[variant]]
    rows = np.vstack([p.fit_x for p in train])
    ys = np.concatenate([p.fit_y for p in train])
    best: dict = {}
    fitted_all = None
    for gate in GATES:
        keep = rows[:, 0] >= gate if how == "gated" else np.ones(len(ys), bool)
        x, y = rows[keep], ys[keep]
        weight = np.ones(len(y))
        if pseudo is not None and len(pseudo):
            extra = pseudo[pseudo[:, 0] >= gate] if how == "gated" else pseudo
            x, y = np.vstack([x, extra]), np.concatenate([y, np.ones(len(extra), int)])
            weight = np.concatenate([weight, np.full(len(extra), es.PSEUDO_WEIGHT)])
        if how == "all":
            fitted_all = fitted_all or fit(x, y, weight, cols)
            w, bias = fitted_all
        else:
            w, bias = fit(x, y, weight, cols)
        runs = [sweep(p, score(p, w, bias), p.linkable(gate), THRESHOLDS) for p in train]
        for th in THRESHOLDS:
            mean = sum(r[th][1] for r in runs) / len(runs)
            key = (round(mean, 6), -th, -gate)
            if not best or key > best["key"]:
                best = {"key": key, "gate": gate, "threshold": th, "weights": w, "bias": bias,
                        "train_mean_f1": round(mean, 4)}
    return best


COSINE_WEIGHTS = (0.0, 1.0, 2.0, 3.0, 4.0, 6.0, 8.0)
OUTLET_WEIGHTS = (-1.0, -0.5, 0.0, 0.5, 1.0)


def choose_added(train: Sequence[Prepared], with_outlet: bool) -> dict:
    """The shipped weights kept, a weight for the full-text cosine (and for ``same_outlet``)
    added: those weights, the gate and the threshold chosen by the best mean B-cubed F1 over
    ``train`` directly (no likelihood fit: a few numbers chosen on the target itself)."""
    shipped = st.pair_model()
    best: dict = {}
    for wc in COSINE_WEIGHTS:
        for wo in OUTLET_WEIGHTS if with_outlet else (0.0,):
            w = np.zeros(len(FEATURES))
            w[:len(shipped.weights)] = shipped.weights
            w[FEATURES.index("full_cosine")] = wc
            w[FEATURES.index("same_outlet")] = wo
            for gate in GATES:
                runs = [sweep(p, score(p, w, shipped.bias), p.linkable(gate), THRESHOLDS)
                        for p in train]
                for th in THRESHOLDS:
                    mean = sum(r[th][1] for r in runs) / len(runs)
                    key = (round(mean, 6), -th, -gate, -abs(wc), -abs(wo))
                    if not best or key > best["key"]:
                        best = {"key": key, "gate": gate, "threshold": th, "weights": w,
                                "bias": shipped.bias, "train_mean_f1": round(mean, 4)}
    return best


ENTITY_SCALES = (1.0, 0.75, 0.5, 0.25, 0.0)


def choose_entity_scale(train: Sequence[Prepared]) -> dict:
    """The shipped weights kept, the core's weight split between its two parts: shared terms
    keep it, shared entities get ``scale`` × it; the scale, the gate and the threshold chosen
    by the best mean B-cubed F1 over ``train`` (ties: the larger scale — the shipped model —,
    the lower threshold, the lower gate)."""
    shipped = st.pair_model()
    best: dict = {}
    for scale in ENTITY_SCALES:
        w = np.zeros(len(FEATURES))
        w[1:len(shipped.weights)] = shipped.weights[1:]
        w[FEATURES.index("core_terms")] = shipped.weights[0]
        w[FEATURES.index("core_entities")] = scale * shipped.weights[0]
        for gate in GATES:
            runs = [sweep(p, score(p, w, shipped.bias), p.linkable(gate), THRESHOLDS)
                    for p in train]
            for th in THRESHOLDS:
                mean = sum(r[th][1] for r in runs) / len(runs)
                key = (round(mean, 6), scale, -th, -gate)
                if not best or key > best["key"]:
                    best = {"key": key, "gate": gate, "threshold": th, "weights": w,
                            "bias": shipped.bias, "train_mean_f1": round(mean, 4),
                            "entity_scale": scale}
    return best


def report(prep: Prepared, w: np.ndarray, bias: float, gate: float, th: float) -> dict:
    labels = sweep(prep, score(prep, w, bias), prep.linkable(gate), [th])[th][0]
    p, r, f = _bcubed(labels, prep.gold_story)
    _, _, cf = _bcubed(labels, prep.gold_story, prep.cross_mask)
    return {"f1": round(f, 4), "precision": round(p, 4), "recall": round(r, 4),
            "cross_f1": round(cf, 4)}


def pseudo_recall(rows: list[tuple[np.ndarray, float, str]], w: np.ndarray, bias: float,
                  gate: float, th: float) -> dict[str, float]:
    out = {}
    for form in ("as_published", "reworded"):
        hits = [x[0] >= gate and float(x @ w) + bias - DAY_PENALTY * apart >= th
                for x, apart, f in rows if f == form]
        out[form] = round(sum(hits) / max(1, len(hits)), 4)
    return out


def model_json(chosen: dict, variant: str) -> dict:
    return {"features": list(VARIANTS[variant]),
            "weights": [float(chosen["weights"][FEATURES.index(f)]) for f in VARIANTS[variant]],
            "bias": chosen["bias"], "day_penalty": DAY_PENALTY,
            "threshold": chosen["threshold"], "candidate_min": chosen["gate"]}


def baseline_loso(preps: Sequence[Prepared]) -> dict:
    """The TF-IDF proposer on the gold articles alone, θ chosen on the other sets."""
    runs = {}
    for p in preps:
        gold = [a for a in p.set.stored if a.id in p.set.truth]
        runs[p.name] = {}
        for theta in es.THETAS:
            pred = es.baseline(gold, theta)
            labels = [pred[p.set.feats[int(k)].article_id] for k in p.gold_index]
            runs[p.name][theta] = labels
    out = {}
    for held in preps:
        others = [q for q in preps if q is not held]
        theta = max(es.THETAS, key=lambda t: (sum(_bcubed(runs[q.name][t], q.gold_story)[2]
                                                  for q in others), -t))
        labels = runs[held.name][theta]
        p, r, f = _bcubed(labels, held.gold_story)
        out[held.name] = {"theta": theta, "f1": round(f, 4), "precision": round(p, 4),
                          "recall": round(r, 4),
                          "cross_f1": round(_bcubed(labels, held.gold_story,
                                                    held.cross_mask)[2], 4)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, action="append", default=None,
                        help="a further hand-grouped gold JSONL (stories-dev is always used); default: every study day of evals/stories_gold")
    parser.add_argument("--top", type=int, default=200,
                        help="full-text vector cut to this many terms (0: all; default 200)")
    parser.add_argument("--no-pseudo", action="store_true", help="no pseudo-gold in the fits")
    parser.add_argument("--class-weight", choices=("balanced", "none"), default="balanced",
                        help="the likelihood fits' class weighting (default balanced)")
    parser.add_argument("--cache", type=Path,
                        help="pickle of the loaded sets (outside the repository)")
    parser.add_argument("--pair-cache", type=Path,
                        help="pickle of the pair rows and the pseudo-gold (outside the repository)")
    parser.add_argument("--likelihood-only", action="store_true",
                        help="leave out the variants whose added weights are chosen on a grid")
    parser.add_argument("--only", default="",
                        help="comma-separated run names (\"variant / fit\") to run (default all)")
    args = parser.parse_args()
    args.gold = args.gold or es.study_days()
    CLASS_WEIGHT[0] = None if args.class_weight == "none" else "balanced"
    started = time.process_time()
    if args.pair_cache is not None and args.pair_cache.exists():
        with open(args.pair_cache, "rb") as handle:
            preps, pseudo, pseudo_report = pickle.load(handle)
    else:
        sets = ev.load_sets(args.gold, args.cache)
        preps = [prepare(one, args.top) for one in sets]
        pseudo, pseudo_report = pseudo_rows(args.top)
        if args.pair_cache is not None:
            with open(args.pair_cache, "wb") as handle:
                pickle.dump((preps, pseudo, pseudo_report), handle)
    if args.no_pseudo:
        pseudo = np.zeros((0, len(FEATURES)))
    shipped = st.pair_model()
    w0 = np.zeros(len(FEATURES))
    w0[:len(shipped.weights)] = shipped.weights
    result: dict = {"top_terms": args.top, "pseudo": not args.no_pseudo,
                    "class_weight": args.class_weight,
                    "sets": {p.name: {"articles_in_window": len(p.set.feats),
                                      "gold_articles": len(p.gold_index),
                                      "candidate_pairs": len(p.pairs),
                                      "fitting_pairs": len(p.fit_y)} for p in preps},
                    "shipped": {p.name: report(p, w0, shipped.bias, shipped.candidate_min,
                                               shipped.threshold) for p in preps},
                    "shipped_pseudo_recall": pseudo_recall(
                        pseudo_report, w0, shipped.bias, shipped.candidate_min,
                        shipped.threshold),
                    "baseline_loso": baseline_loso(preps), "loso": {}, "all_sets": {}}
    runs = [(v, h) for v in VARIANTS for h in FITS] + ([] if args.likelihood_only else [
        ("+cosine", "shipped weights, added weight chosen"),
        ("+cosine+outlet", "shipped weights, added weights chosen"),
        ("split", "shipped weights, entity share chosen")])
    if args.only:
        wanted = {n.strip() for n in args.only.split(",")}
        runs = [(v, h) for v, h in runs if f"{v} / {h}" in wanted]
    for variant, how in runs:
        name = f"{variant} / {how}"

        def chosen_on(train: Sequence[Prepared], variant=variant, how=how) -> dict:
            if how == "shipped weights, entity share chosen":
                return choose_entity_scale(train)
            if how.startswith("shipped"):
                return choose_added(train, "outlet" in variant)
            return choose(train, variant, how, None if args.no_pseudo else pseudo)

        held_out = {}
        for held in preps:
            chosen = chosen_on([p for p in preps if p is not held])
            held_out[held.name] = {
                **report(held, chosen["weights"], chosen["bias"], chosen["gate"],
                         chosen["threshold"]),
                "model": model_json(chosen, variant)}
        result["loso"][name] = held_out
        chosen = chosen_on(preps)
        result["all_sets"][name] = {
            "model": model_json(chosen, variant), "train_mean_f1": chosen["train_mean_f1"],
            "in_sample": {p.name: report(p, chosen["weights"], chosen["bias"],
                                         chosen["gate"], chosen["threshold"])
                          for p in preps},
            "pseudo_recall": pseudo_recall(pseudo_report, chosen["weights"],
                                           chosen["bias"], chosen["gate"],
                                           chosen["threshold"])}
    result["summary"] = summary(result, [p.name for p in preps])
    result["cpu_seconds"] = round(time.process_time() - started, 1)
    json.dump(result, sys.stdout, indent=2, ensure_ascii=False)
    print()


def summary(result: Mapping, names: Sequence[str]) -> dict:
    """Per variant: held-out F1 / cross-outlet per set, their means, and the sets on which it
    beats the shipped model (overall F1) — the table to read first."""
    def cell(d: Mapping) -> str:
        return f"{d['f1']:.3f} / {d['cross_f1']:.3f}"

    rows = {"shipped": {n: cell(result["shipped"][n]) for n in names},
            "baseline (theta LOSO, gold alone)": {n: cell(result["baseline_loso"][n])
                                                  for n in names}}
    for label, per in (("shipped", result["shipped"]),
                       ("baseline (theta LOSO, gold alone)", result["baseline_loso"])):
        rows[label]["mean"] = (f"{np.mean([per[n]['f1'] for n in names]):.4f} / "
                               f"{np.mean([per[n]['cross_f1'] for n in names]):.4f}")
    for name, per in result["loso"].items():
        rows[name] = {n: cell(per[n]) for n in names}
        rows[name]["mean"] = (f"{np.mean([per[n]['f1'] for n in names]):.4f} / "
                              f"{np.mean([per[n]['cross_f1'] for n in names]):.4f}")
        rows[name]["beats_shipped_on"] = sum(per[n]["f1"] > result["shipped"][n]["f1"]
                                             for n in names)
        rows[name]["cross_not_below_shipped_on"] = sum(
            per[n]["cross_f1"] >= result["shipped"][n]["cross_f1"] for n in names)
    return rows


if __name__ == "__main__":
    main()
