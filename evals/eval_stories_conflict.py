"""Conflict evidence against story links: measured leave one set out (h13s4; not shipped).

Issue 13 point 2: on the cross-outlet gold days the story links lose PRECISION by merging
alike stories of one day (13 Sep: six KPK happenings). This evaluation asks whether a link rule
that refuses a link on *conflict evidence* keeps them apart, and prints JSON:

* ``oracle``: per set, the shipped links (pair model, gate and threshold of
  ``link/data/story_pair_model.json``) grouped as the archive groups them, the same without
  links touching a distractor, and without every link between two different gold stories
  (what a perfect pair-level veto could give);
* ``rules``: per rule and set, B-cubed F1 overall / cross-outlet and, among the links between
  two gold articles, how many *wrong* links (different gold stories) and how many *right* links
  the rule removed. Rules (each applied to the shipped links only; a link scoring at least
  ``threshold + margin`` is never refused):

  - ``names``: both titles name people / places (entities of the given labels one of whose
    words is a title term) and the two titles share none of those words — a different
    suspect, city, speaker;
  - ``terms``: each title has at least ``need`` distinctive terms (idf ≥ ``tau`` in the shipped
    table) that the other title lacks, and none of them occurs anywhere in the other article —
    the two titles tell different happenings of the same people;
  - ``numbers``: both titles state numbers and share none, and neither title's numbers occur
    in the other article (different score, toll, count);
  - ``density``: a link must reach ``threshold + lam · ln(d)``, ``d`` the smaller candidate
    count (pairs passing the gate) of its two articles — alike articles of a busy topic need
    more evidence than a lone pair (a function of the article set, not of arrival order, but
    not incremental: a later arrival changes earlier links); each article's ``best`` k links
    (by score) are kept whatever the density, so no article is cut off alone;

* ``leave_one_set_out``: for each set, the rule (``plain`` included) with the best mean overall
  F1 on the OTHER sets (ties to ``plain``, then to the earlier rule), reported on the set; the
  TF-IDF baseline's θ chosen likewise (gold articles alone).

Every set is its gold articles among every CLICK-ID article of its day(s) (margin 0, as
``eval_stories.py --gold``); stories-dev is always used.

    WARTA_SHARED=../shared .venv/bin/python evals/eval_stories_conflict.py \\
        --gold evals/stories_gold/click-id-2019-09-17.jsonl \\
        --gold evals/stories_gold/click-id-2019-09-10.jsonl \\
        --gold evals/stories_gold/click-id-2019-09-13.jsonl
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import eval_stories as es

from warta.config import shared_path
from warta.link import stories as st
from warta.model import Article
from warta.parse import iter_outcomes
from warta.lang.analysis import analyze

NAME_LABELS = (("PER",), ("LOC",), ("PER", "LOC"), ("PER", "LOC", "ORG"))
MARGINS = (1.0, 2.0, math.inf)           # links this far above the threshold are never refused
TERM_TAUS = (2.0, 3.0, 4.0, 5.0)         # idf a title term needs to count as distinctive
TERM_NEEDS = (1, 2)
LAMBDAS = (0.25, 0.5, 0.75, 1.0, 1.5)    # density: extra threshold per ln(candidate count)
BEST_KEPT = (0, 1, 2, 3)                 # density: an article's k best links are always kept
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass
class Set:
    """One gold set among its day's CLICK-ID articles: the stored (enriched) articles, their
    story features, the gold, the shipped model's candidate pairs (j, i, score) and the
    per-article facts the rules read."""

    name: str
    stored: list[Article]
    feats: list[st.StoryFeatures]
    truth: dict[str, str]
    cross: set[str]
    pairs: list[tuple[int, int, float]] = field(default_factory=list)
    title: list[set[str]] = field(default_factory=list)
    text: list[set[str]] = field(default_factory=list)
    numbers: list[set[str]] = field(default_factory=list)
    text_numbers: list[set[str]] = field(default_factory=list)

    def scores(self, pred: Mapping[str, str]) -> dict[str, float]:
        """B-cubed F1 (and P, R) overall and F1 on the cross-outlet articles."""
        items = list(self.truth)
        overall = es.bcubed(pred, self.truth, items, items)
        cross = es.bcubed(pred, self.truth, items, [i for i in items if i in self.cross])
        return {"f1": overall["f1"], "precision": overall["precision"],
                "recall": overall["recall"], "cross_f1": cross["f1"]}


def load(name: str, path: Path, parsed: Sequence[Article]) -> Set:
    """A gold file's articles among every CLICK-ID article of its day(s), ingested as the
    archive does, with the shipped model's candidate pairs scored."""
    with open(path, encoding="utf-8") as handle:
        gold = {r["url"]: r for r in map(json.loads, handle)}
    days = sorted(date.fromisoformat(r["published"]) for r in gold.values())
    lo, hi = days[0].isoformat(), days[-1].isoformat()
    window = [a for a in parsed if a.url in gold or (
        a.published is not None and lo <= a.published.date().isoformat() <= hi)]
    by_url = {a.url: a for a in window if a.url in gold}
    truth, _, cross = es.gold_truth(gold, by_url)
    _, stored = es.archive_grouping(window)
    feats = [st.features(a, analyze(a.title or ""), analyze(a.text)) for a in stored]
    model = st.pair_model()
    one = Set(name, stored, feats, truth, cross)
    one.pairs = [(j, i, es.pair_score(x, apart, model.weights, model.bias))
                 for j, i, x, apart in es.candidate_pairs(feats)]
    for a in stored:
        one.title.append({t for t in analyze(a.title or "") if st._usable(t)})
        one.text.append(set(analyze(a.title or "")) | set(analyze(a.text)))
        one.numbers.append(set(_DIGITS.findall(a.title or "")))
        one.text_numbers.append(set(_DIGITS.findall(a.text)))
    return one


def title_names(article: Article, title: set[str], labels: Sequence[str]) -> set[str]:
    """The words of the article's entities of ``labels`` that its title uses."""
    found: set[str] = set()
    for entity in article.entities:
        if entity.label in labels:
            found |= {w for w in analyze(entity.name) if st._usable(w)} & title
    return found


def grouping(one: Set, keep: Callable[[int, int, float], bool]) -> dict[str, str]:
    """Stories (connected groups) of the shipped links that ``keep`` lets through."""
    return es.link_grouping(one.feats, {(j, i): z for j, i, z in one.pairs if keep(j, i, z)},
                            st.LINK_THRESHOLD)


def vetoes(one: Set, keep: Callable[[int, int, float], bool]) -> dict[str, int]:
    """Gold-to-gold links (score ≥ threshold) that ``keep`` refuses: wrong and right ones."""
    ids = [f.article_id for f in one.feats]
    out = Counter({"wrong_removed": 0, "right_removed": 0})
    for j, i, z in one.pairs:
        a, b = ids[j], ids[i]
        if z >= st.LINK_THRESHOLD and a in one.truth and b in one.truth and not keep(j, i, z):
            out["right_removed" if one.truth[a] == one.truth[b] else "wrong_removed"] += 1
    return dict(out)


def rules(one: Set) -> dict[str, Callable[[int, int, float], bool]]:
    """Every rule of the grid for ``one`` (name → keep(j, i, score))."""
    table = st._idf_table()
    idf = {t: table.idf(t) for terms in one.title for t in terms}
    th = st.LINK_THRESHOLD
    out: dict[str, Callable[[int, int, float], bool]] = {"plain": lambda j, i, z: True}
    for labels in NAME_LABELS:
        names = [title_names(a, one.title[k], labels) for k, a in enumerate(one.stored)]
        for m in MARGINS:
            out[f"names {'+'.join(labels)} margin {m}"] = (
                lambda j, i, z, n=names, m=m: z >= th + m or not (n[j] and n[i])
                or bool(n[j] & n[i]))
    for tau in TERM_TAUS:
        for need in TERM_NEEDS:
            for m in MARGINS:
                def keep(j: int, i: int, z: float, tau: float = tau, need: int = need,
                         m: float = m) -> bool:
                    if z >= th + m:
                        return True
                    own_j = [t for t in one.title[j] - one.title[i] if idf[t] >= tau]
                    own_i = [t for t in one.title[i] - one.title[j] if idf[t] >= tau]
                    if len(own_j) < need or len(own_i) < need:
                        return True
                    return (any(t in one.text[i] for t in own_j)
                            or any(t in one.text[j] for t in own_i))
                out[f"terms tau {tau} need {need} margin {m}"] = keep
    for m in MARGINS:
        def keep_numbers(j: int, i: int, z: float, m: float = m) -> bool:
            nj, ni = one.numbers[j], one.numbers[i]
            if z >= th + m or not (nj and ni) or nj & ni:
                return True
            return bool(nj & one.text_numbers[i] or ni & one.text_numbers[j])
        out[f"numbers margin {m}"] = keep_numbers
    degree: Counter[int] = Counter()
    for j, i, _ in one.pairs:
        degree[j] += 1
        degree[i] += 1
    best = _best_links(one)
    for k in BEST_KEPT:
        for lam in LAMBDAS:
            out[f"density lam {lam} best {k}"] = (
                lambda j, i, z, lam=lam, k=k: z >= th + lam * math.log(min(degree[j], degree[i]))
                or i in best.get(j, [])[:k] or j in best.get(i, [])[:k])
    return out


def _best_links(one: Set) -> dict[int, list[int]]:
    """Each article's linked neighbours, best score first (ties by position)."""
    found: dict[int, list[tuple[float, int]]] = {}
    for j, i, z in one.pairs:
        if z >= st.LINK_THRESHOLD:
            found.setdefault(j, []).append((-z, i))
            found.setdefault(i, []).append((-z, j))
    return {k: [n for _, n in sorted(v)] for k, v in found.items()}


def oracle(one: Set) -> dict[str, dict[str, float]]:
    """The shipped links; without links touching a distractor; without wrong gold links."""
    ids = [f.article_id for f in one.feats]
    gold_only = lambda j, i, z: ids[j] in one.truth and ids[i] in one.truth  # noqa: E731
    return {"plain": one.scores(grouping(one, lambda j, i, z: True)),
            "without_distractor_links": one.scores(grouping(one, gold_only)),
            "without_wrong_gold_links": one.scores(grouping(
                one, lambda j, i, z: not gold_only(j, i, z)
                or one.truth[ids[j]] == one.truth[ids[i]]))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, action="append", default=None,
                        help="a further hand-grouped gold JSONL (stories-dev is always used); default: every study day of evals/stories_gold")
    args = parser.parse_args()
    args.gold = args.gold or es.study_days()
    started = time.process_time()
    parsed = [o.article for o in iter_outcomes([str(shared_path(*es.TEXTS))])
              if o.article is not None]
    sets = [load("stories-dev", shared_path(*es.GOLD), parsed)]
    sets += [load(p.stem, p, parsed) for p in args.gold]
    del parsed
    result: dict = {"model": {"threshold": st.LINK_THRESHOLD, "candidate_min": st.CANDIDATE_MIN},
                    "oracle": {s.name: oracle(s) for s in sets}, "rules": {}}
    runs: dict[str, dict[str, dict]] = {}
    for one in sets:
        for name, keep in rules(one).items():
            runs.setdefault(name, {})[one.name] = {**one.scores(grouping(one, keep)),
                                                   **vetoes(one, keep)}
    result["rules"] = runs
    base = {s.name: {th: s.scores(es.baseline([a for a in s.stored if a.id in s.truth], th))
                     for th in es.THETAS} for s in sets}
    order = list(runs)
    result["leave_one_set_out"] = {}
    for held in sets:
        others = [s.name for s in sets if s is not held]
        chosen = max(order, key=lambda r: (sum(runs[r][o]["f1"] for o in others),
                                           r == "plain", -order.index(r)))
        theta = max(es.THETAS, key=lambda th: (sum(base[o][th]["f1"] for o in others), -th))
        result["leave_one_set_out"][held.name] = {
            "rule": chosen, "chosen_on": others, "warta": runs[chosen][held.name],
            "plain": runs["plain"][held.name], "baseline_theta": theta,
            "baseline_gold_only": base[held.name][theta]}
    result["cpu_seconds"] = round(time.process_time() - started, 1)
    json.dump(result, sys.stdout, indent=1, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
