"""The happening's time and event predicates as link evidence: measured leave one set out (h13s5).

Issue 13 point 2: the story links lose precision by joining alike happenings of one issue on
one day (13 Sep: Saut resigning ↔ Saut asking the DPR to stop the bill), while 17 Sep wants
one decision's facets together. Every density / story-level rule so far traded the two days.
This evaluation asks whether two pieces of *event* evidence tell them apart, and prints JSON:

* per article, read from the text (never the publication time):

  - the **happening day**: the first day-precision date the text states
    (``warta.enrich.textdates``, already in ``Article.dates``): in the first ``2`` paragraphs
    (``day``), anywhere (``day_any``), or the most frequent one not after the published day
    (``day_mode``);
  - the **happening clock**: the first date with a time of day in the first 3 paragraphs;
  - the title's **event predicates**: classes of ``evals/event_predicates.tsv`` (a headline word
    that names what happened: *mundur* → resign, *pilih* → elect, *ricuh* → clash; ``act``
    words, and ``speech`` words such as *minta*, *sebut*), in the whole title or its head
    clause (before the first comma or colon);

* ``rules``: per rule and set, B-cubed F1 (P, R) overall and cross-outlet, and among the links
  between two gold articles the *wrong* (different gold stories) and *right* ones the rule
  refuses. A rule refuses a shipped link (pair model, gate and threshold of
  ``link/data/story_pair_model.json``) when the pair *conflicts* — both known and different
  days; clocks ``h`` hours apart; both titles with predicates, none shared; combinations;
  publication ``h`` hours apart for comparison — unless the link scores at least
  ``threshold + margin`` (0.5, 1, 2, ∞): a conflicting pair needs more evidence to link.
  Every such rule is a pair-level function of two stored articles, so it would keep the
  archive's assignment online and order-stable;
* ``explain``: rules NOT eligible for the choice, to explain why the TF-IDF centroid proposer
  beats the model on some days: each article keeps only its ``k`` best links (its own or the
  other's: a degree cap, the pairwise analogue of "an article joins one story"; not
  incremental), and a higher link threshold;
* ``leave_one_set_out``: for each set, the eligible rule (``plain`` = shipped included) with
  the best summed overall F1 on the OTHER three sets (ties to ``plain``, then to the earlier
  rule), reported on the held-out set beside ``plain`` and the TF-IDF baseline (θ chosen
  likewise, gold articles alone), all from the same run;
* ``cosine``: links from the baseline's own similarity (full-text tf·idf cosine) over the same
  candidate pairs, alone and beside the shipped links, and the baseline's centroid assignment
  over warta's cores (gold alone) — which half of the baseline wins where it wins; the family
  "shipped links that reach cos ≥ c1, or cos ≥ c2" is chosen leave one set out too;
* ``entity_weights`` (``--entity-weights``): the core's entity weight and the threshold moved
  (shipped pair weights), chosen leave one set out as well;
* ``baseline_in_sample``: the baseline at every θ, with P and R, per set.

Every set is its gold articles among every CLICK-ID article of its day(s) (margin 0), loaded
as ``eval_stories_conflict.load`` does (stories-dev: 23–24 Sep only, so its plain figure is
``eval_stories_conflict``'s, not ``eval_stories.py``'s 21–26 Sep one). ``--cache FILE`` keeps
the loaded sets (a pickle in a temporary place; never in the repository) for a rerun.

    WARTA_SHARED=../shared .venv/bin/python evals/eval_stories_events.py \\
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
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

import eval_stories as es
import eval_stories_conflict as ec

from warta.config import shared_path
from warta.link import stories as st
from warta.model import Article
from warta.parse import iter_outcomes
from warta.lang.analysis import analyze

PREDICATES = Path(__file__).parent / "event_predicates.tsv"
MARGINS = (0.5, 1.0, 2.0, math.inf)
CLOCK_HOURS = (3.0, 6.0, 12.0)
PUBLISHED_HOURS = (6.0, 12.0)
BEST_K = (1, 2, 3)
RAISED = (0.5, 1.0, 2.0, 3.0)
COSINES = (0.3, 0.35, 0.4, 0.45, 0.5)
COSINE_FLOORS = (0.2, 0.25, 0.3)
CORE_THETAS = (0.2, 0.25, 0.3, 0.35, 0.4)
ENTITY_WEIGHTS = (1.0, 2.0, 3.0, 4.0)
THRESHOLD_SHIFTS = (-0.25, 0.0, 0.25, 0.5)
_HEAD = re.compile(r"[,:]")
Conflict = Callable[[int, int], bool]


def load_predicates(path: Path = PREDICATES) -> dict[str, tuple[str, str]]:
    """Analysed term → (class, kind) of the predicate list."""
    out: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, klass, kind = line.split("\t")
        for term in analyze(word):
            out[term] = (klass, kind)
    return out


def _is_day(value: str | None) -> bool:
    return bool(value) and len(value) >= 10 and value[4] == "-" and value[7] == "-"


def happening_day(a: Article, paragraphs: int | None = 2) -> str | None:
    """The first day-precision date the text states (in the first ``paragraphs``; None: all)."""
    for d in a.dates:
        if (paragraphs is None or d.paragraph < paragraphs) and _is_day(d.value):
            return d.value[:10]  # type: ignore[index]
    return None


def happening_day_mode(a: Article) -> str | None:
    """The day the text states most often, not after the published day (ties: the later)."""
    last = a.published.date().isoformat() if a.published else "9999-12-31"
    days = Counter(d.value[:10] for d in a.dates if _is_day(d.value) and d.value[:10] <= last)
    return max(days, key=lambda k: (days[k], k)) if days else None


def happening_clock(a: Article, paragraphs: int = 3) -> float | None:
    """Hours since the epoch of the first stated date with a time of day."""
    for d in a.dates:
        if d.paragraph < paragraphs and d.value and "T" in d.value:
            try:
                return datetime.fromisoformat(d.value).timestamp() / 3600.0
            except ValueError:
                continue
    return None


def predicates(title: str, table: dict[str, tuple[str, str]], kinds: set[str],
               head: bool = False) -> set[str]:
    """The predicate classes of ``kinds`` in the title (its head clause when ``head``)."""
    if head:
        title = _HEAD.split(title, maxsplit=1)[0]
    return {table[t][0] for t in analyze(title) if t in table and table[t][1] in kinds}


def _differ(values: Sequence[object]) -> Conflict:
    return lambda j, i: values[j] is not None and values[i] is not None and values[j] != values[i]


def _apart(values: Sequence[float | None], hours: float) -> Conflict:
    return lambda j, i: (values[j] is not None and values[i] is not None
                         and abs(values[j] - values[i]) >= hours)  # type: ignore[operator]


def _disjoint(classes: Sequence[set[str]]) -> Conflict:
    return lambda j, i: bool(classes[j]) and bool(classes[i]) and not classes[j] & classes[i]


def conflicts(one: ec.Set, table: dict[str, tuple[str, str]]) -> dict[str, Conflict]:
    """Every conflict test of the grid for ``one``'s articles."""
    arts = one.stored
    titles = [a.title or "" for a in arts]
    day = _differ([happening_day(a) for a in arts])
    day_any = _differ([happening_day(a, None) for a in arts])
    day_mode = _differ([happening_day_mode(a) for a in arts])
    clock = [happening_clock(a) for a in arts]
    published = [None if f.days is None else f.days * 24.0 for f in one.feats]
    act = _disjoint([predicates(t, table, {"act"}) for t in titles])
    pred = _disjoint([predicates(t, table, {"act", "speech"}) for t in titles])
    head = _disjoint([predicates(t, table, {"act", "speech"}, head=True) for t in titles])
    out: dict[str, Conflict] = {"day": day, "day_any": day_any, "day_mode": day_mode}
    out |= {f"clock {h:g}h": _apart(clock, h) for h in CLOCK_HOURS}
    out |= {f"published {h:g}h": _apart(published, h) for h in PUBLISHED_HOURS}
    out |= {"act": act, "pred": pred, "head_pred": head,
            "act_and_day": lambda j, i: act(j, i) and day(j, i),
            "pred_or_day": lambda j, i: pred(j, i) or day(j, i),
            "pred_or_day_any": lambda j, i: pred(j, i) or day_any(j, i),
            "pred_or_day_mode": lambda j, i: pred(j, i) or day_mode(j, i)}
    return out


def coverage(one: ec.Set, table: dict[str, tuple[str, str]]) -> dict[str, float]:
    """Share of the set's gold articles with each piece of evidence."""
    gold = [a for a in one.stored if a.id in one.truth]
    have = {"day": lambda a: happening_day(a), "day_any": lambda a: happening_day(a, None),
            "clock": happening_clock,
            "act": lambda a: predicates(a.title or "", table, {"act"}),
            "pred": lambda a: predicates(a.title or "", table, {"act", "speech"})}
    return {k: round(sum(1 for a in gold if f(a)) / len(gold), 3) for k, f in have.items()}


def rules(one: ec.Set, table: dict[str, tuple[str, str]]
          ) -> tuple[dict[str, Callable], dict[str, Callable]]:
    """(eligible rules, explanation rules): name → keep(j, i, score)."""
    th = st.LINK_THRESHOLD
    eligible: dict[str, Callable[[int, int, float], bool]] = {"plain": lambda j, i, z: True}
    for name, c in conflicts(one, table).items():
        for m in MARGINS:
            eligible[f"{name} margin {m}"] = lambda j, i, z, c=c, m=m: z >= th + m or not c(j, i)
    best = ec._best_links(one)
    explain: dict[str, Callable[[int, int, float], bool]] = {}
    for k in BEST_K:
        explain[f"best {k} links kept"] = (
            lambda j, i, z, k=k: i in best.get(j, [])[:k] or j in best.get(i, [])[:k])
    for d in RAISED:
        explain[f"threshold + {d}"] = lambda j, i, z, d=d: z >= th + d
    return eligible, explain


def cosine_families(one: ec.Set, table) -> dict[str, dict[str, float]]:
    """Links from the baseline's similarity — the full-text tf·idf cosine of
    ``eval_stories.base_vector`` (every term, title boosted) — over the same candidate pairs
    (core ≥ ``candidate_min``), single-link groups: ``cos ≥ c`` alone, and the shipped links
    that also reach ``cos ≥ c1`` together with every pair reaching ``cos ≥ c2``. Besides, the
    baseline's centroid assignment over warta's core vectors (gold articles alone): is it the
    baseline's similarity or its one-story-per-article assignment that wins?"""
    th = st.LINK_THRESHOLD
    full = [es.base_vector(a, table) for a in one.stored]
    cos = {(j, i): st.dot(full[j], full[i]) for j, i, _ in one.pairs}

    def grouped(cond: Callable[[int, int, float], bool]) -> dict[str, float]:
        links = {(j, i): 1.0 for j, i, z in one.pairs if cond(j, i, z)}
        return one.scores(es.link_grouping(one.feats, links, 0.5))

    out = {f"cosine >= {c}": grouped(lambda j, i, z, c=c: cos[(j, i)] >= c)
           for c in COSINES}
    for c1 in (0.0, *COSINE_FLOORS):
        for c2 in (*COSINES, math.inf):
            out[f"model and cosine >= {c1}, or cosine >= {c2}"] = grouped(
                lambda j, i, z, c1=c1, c2=c2: (z >= th and cos[(j, i)] >= c1)
                or cos[(j, i)] >= c2)
    gold = [k for k, a in enumerate(one.stored) if a.id in one.truth]
    for theta in CORE_THETAS:
        out[f"centroid over warta cores {theta}"] = one.scores(_centroid_assignment(
            [(one.feats[k].article_id, one.feats[k].days, st.core(one.feats[k].vector))
             for k in gold], theta))
    return out


def _centroid_assignment(items: Sequence[tuple[str, float | None, dict[str, float]]],
                         theta: float) -> dict[str, str]:
    """``eval_stories.baseline``'s one pass over given unit vectors (time order)."""
    centroids: list[tuple[dict[str, float], float, str]] = []
    out: dict[str, str] = {}
    for aid, when, vec in sorted(items, key=lambda x: (math.inf if x[1] is None else x[1], x[0])):
        at = 0.0 if when is None else when
        best, best_sim = None, theta
        for k, (cen, last, _) in enumerate(centroids):
            if abs(at - last) > st.WINDOW_DAYS:
                continue
            norm = math.sqrt(sum(w * w for w in cen.values())) or 1.0
            sim = st.dot(vec, cen) / norm
            if sim >= best_sim:
                best, best_sim = k, sim
        if best is None:
            centroids.append((dict(vec), at, aid))
            out[aid] = aid
            continue
        cen, _, first = centroids[best]
        for t, w in vec.items():
            cen[t] = cen.get(t, 0.0) + w
        centroids[best] = (cen, at, first)
        out[aid] = first
    return out


def entity_weights(sets: Sequence[ec.Set]) -> dict[str, dict[str, dict[str, float]]]:
    """The shipped pair model with the core's entity weight (``stories.ENTITY_WEIGHT``,
    shipped 4) and the threshold moved: are the wrong links carried by shared names? The
    features are recomputed (the gate reads the core), the weights are the shipped ones."""
    model = st.pair_model()
    shipped = st.ENTITY_WEIGHT
    analysed = {one.name: [(analyze(a.title or ""), analyze(a.text)) for a in one.stored]
                for one in sets}
    out: dict[str, dict[str, dict[str, float]]] = {}
    try:
        for weight in ENTITY_WEIGHTS:
            st.ENTITY_WEIGHT = weight
            for one in sets:
                feats = [st.features(a, *analysed[one.name][k]) for k, a in enumerate(one.stored)]
                links = {(j, i): es.pair_score(x, apart, model.weights, model.bias)
                         for j, i, x, apart in es.candidate_pairs(feats)}
                for d in THRESHOLD_SHIFTS:
                    name = f"entity weight {weight} threshold {st.LINK_THRESHOLD + d}"
                    out.setdefault(name, {})[one.name] = one.scores(
                        es.link_grouping(feats, links, st.LINK_THRESHOLD + d))
    finally:
        st.ENTITY_WEIGHT = shipped
    return out


def load_sets(golds: Sequence[Path], cache: Path | None) -> list[ec.Set]:
    """stories-dev and the gold days, each among its day's CLICK-ID articles."""
    if cache is not None and cache.exists():
        with open(cache, "rb") as handle:
            return pickle.load(handle)
    parsed = [o.article for o in iter_outcomes([str(shared_path(*es.TEXTS))])
              if o.article is not None]
    sets = [ec.load("stories-dev", shared_path(*es.GOLD), parsed)]
    sets += [ec.load(p.stem, p, parsed) for p in golds]
    if cache is not None:
        with open(cache, "wb") as handle:
            pickle.dump(sets, handle)
    return sets


def _choose(runs: dict, order: Sequence[str], others: Sequence[str]) -> str:
    return _choose_from(runs, order, others, "plain")


def _choose_from(runs: dict, order: Sequence[str], others: Sequence[str], plain: str) -> str:
    """The entry of ``order`` with the best summed F1 on ``others`` (ties: ``plain``, earlier)."""
    return max(order, key=lambda r: (sum(runs[r][o]["f1"] for o in others), r == plain,
                                     -order.index(r)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    es.add_gold_options(parser)
    parser.add_argument("--entity-weights", action="store_true",
                        help="also the entity-weight sweep (recomputes every feature: slow)")
    args = parser.parse_args()
    args.gold = args.gold or es.study_days()
    started = time.process_time()
    sets = load_sets(args.gold, args.cache)
    table = load_predicates()
    runs: dict[str, dict[str, dict]] = {}
    explained: dict[str, dict[str, dict]] = {}
    for one in sets:
        eligible, explain = rules(one, table)
        for into, grid in ((runs, eligible), (explained, explain)):
            for name, keep in grid.items():
                into.setdefault(name, {})[one.name] = {**one.scores(ec.grouping(one, keep)),
                                                       **ec.vetoes(one, keep)}
    cosine: dict[str, dict[str, dict]] = {}
    for one in sets:
        for name, score in cosine_families(one, es.load_idf()).items():
            cosine.setdefault(name, {})[one.name] = score
    base = {s.name: {th: s.scores(es.baseline([a for a in s.stored if a.id in s.truth], th))
                     for th in es.THETAS} for s in sets}
    order = list(runs)
    loso = {}
    for held in sets:
        others = [s.name for s in sets if s is not held]
        chosen = _choose(runs, order, others)
        theta = max(es.THETAS, key=lambda th: (sum(base[o][th]["f1"] for o in others), -th))
        family = [r for r in cosine if r.startswith("model and")]
        pick = _choose(cosine, family, others)
        loso[held.name] = {"cosine_family_choice": pick, "cosine_family": cosine[pick][held.name],
                           "rule": chosen, "chosen_on": others, "warta": runs[chosen][held.name],
                           "plain": runs["plain"][held.name], "baseline_theta": theta,
                           "baseline_gold_only": base[held.name][theta]}
    if args.entity_weights:
        weights = entity_weights(sets)
        shipped = f"entity weight {st.ENTITY_WEIGHT} threshold {st.LINK_THRESHOLD}"
        order = [shipped] + [r for r in weights if r != shipped]
        for held in sets:
            others = [s.name for s in sets if s is not held]
            pick = _choose_from(weights, order, others, shipped)
            loso[held.name] |= {"entity_weight_choice": pick,
                                "entity_weight": weights[pick][held.name]}
    result = {"model": {"threshold": st.LINK_THRESHOLD, "candidate_min": st.CANDIDATE_MIN},
              "coverage_of_gold_articles": {s.name: coverage(s, table) for s in sets},
              "rules": runs, "explain": explained,
              "cosine": cosine,
              "entity_weights": weights if args.entity_weights else None, "leave_one_set_out": loso,
              "baseline_in_sample": base,
              "cpu_seconds": round(time.process_time() - started, 1)}
    json.dump(result, sys.stdout, indent=1, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
