"""Why right story pairs are missed, and recall mechanisms chosen leave one set out (h17story).

Issue 13 point 2: the unseen 11 Sep 2019 scored precision 0.949, recall 0.738 — under-merged,
as 12 Sep. This evaluation prints JSON:

* ``missed``: per set, the right gold pairs (both gold articles, one gold story) that the
  archive's stories keep apart, by where they stop — ``no_candidate`` (no core key shared
  within the window), ``core_below_0.15``, ``core_0.15_to_gate`` (below the model's
  ``candidate_min``), ``gate_below_threshold`` (scored, too low) — and the same for the best
  pair between each two predicted stories holding one gold story (what one extra link would
  need to join them); ``read_also``: the inline *Baca juga* links resolved to another article
  of the window (editors' own links: the one evidence outside the text, if there were any);
* ``runs`` / ``leave_one_set_out`` / ``leave_one_set_out_never_worse`` / ``summary``: the
  extra-link mechanisms below, each a function of the article SET (order-free), scored on every
  set and chosen on the others by :func:`eval_stories_cuts.held_out` (ties: ``plain``, then the
  earlier, more conservative rule), with the TF-IDF baseline at the θ best on the others:

  - ``orphan core f score t``: an article the shipped links leave alone is linked to its best
    candidate (core ≥ f, score ≥ t, below the threshold) — an article must belong somewhere;
  - ``mutual core f score t``: two articles that are each other's best candidate (core ≥ f,
    score ≥ t) are linked — mutual nearest neighbours;
  - ``subject L key|word r core f hours h``: two articles whose *dominant subject* — the one
    entity (label in L) mentioned more than any other, named in the title — is the same (the
    same key, or a shared name word) of rarity (idf of its rarest word) ≥ r, published ≤ h
    hours apart, with core ≥ f, are linked: a person's death, funeral and tributes tell
    different facets of one happening and share little but the person.

* ``person_key``: per set, the shipped links' stories (``before``) and the same with the pair
  model's ``person_key`` set to ``"last_word"`` (``after``): every article's story features
  recomputed with a person's entity feature keyed by the last word of the name, so the forms
  outlets write for one person ("BJ Habibie", "Bacharuddin Jusuf Habibie", "Habibie") are one
  feature (the entities chosen are unchanged); no parameter, so every set's figure is held out
  as it stands (``--person-key-only`` runs this part alone).

Every set is its gold articles among every CLICK-ID article of its day(s) (margin 0), loaded as
:func:`eval_stories_events.load_sets` loads them; stories-dev is always used. Nothing is fitted
beyond the grid choice; the shipped model and stories are unchanged (``benchmarks/RESULTS-stories.md``,
h17story, has the figures).

    WARTA_SHARED=../shared PYTHONPATH=$PWD/.. .venv/bin/python eval_stories_recall.py \\
        --gold stories_gold/click-id-2019-09-11.jsonl --gold ... [--cache /tmp/x/sets.pkl]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import eval_stories as es
import eval_stories_conflict as ec
import eval_stories_cuts as ecu
import eval_stories_events as ev

from warta.lang.analysis import analyze
from warta.link import stories as st
from warta.link.titles import title_key
from warta.model import Article

Pair = tuple[int, int]
CORES = (0.35, 0.25, 0.15)               # core floors of the orphan / mutual links
SCORES = (1.5, 1.25, 1.0, 0.5, 0.0)      # score floors (below the shipped 1.75)
RARITIES = (6.0, 5.0, 4.0, 3.0)          # idf a dominant subject's rarest word needs
SUBJECT_CORES = (0.15, 0.1, 0.0)
HOURS = (12, 24)


@dataclass(frozen=True, slots=True)
class Subject:
    """An article's dominant subject: its entity key, the idf of its rarest usable name word
    and those words."""

    key: str
    rarity: float
    words: frozenset[str]


def dominant_subject(article: Article, labels: Sequence[str] | None,
                     idf: Mapping[str, float] | None = None) -> Subject | None:
    """The entity the article mentions more than any other (a tie: none), if its label is in
    ``labels`` (None: any) and one of its usable words is in the title; its rarity from the
    shipped idf table (``idf`` overrides it, for tests)."""
    mentions: Counter[str] = Counter()
    label: dict[str, str] = {}
    for entity in article.entities:
        key = title_key(entity.name)
        if key:
            mentions[key] += max(1, len(entity.mentions))
            label.setdefault(key, entity.label)
    ranked = sorted(mentions.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    key = ranked[0][0]
    if labels is not None and label[key] not in labels:
        return None
    words = frozenset(w for w in analyze(key) if st._usable(w))
    if not words or not words & set(analyze(article.title or "")):
        return None
    if idf is None:
        table = st._idf_table()
        idf = {w: table.idf(w) for w in words}
    return Subject(key, max(idf[w] for w in words), words)


def same_subject(a: Subject | None, b: Subject | None, by: str, rarity: float,
                 idf: Mapping[str, float]) -> bool:
    """Whether two dominant subjects are one: the same key of rarity ≥ ``rarity`` (``by``
    "key"), or a shared name word of idf ≥ ``rarity`` (``by`` "word")."""
    if a is None or b is None:
        return False
    if by == "key":
        return a.key == b.key and a.rarity >= rarity
    return any(idf[w] >= rarity for w in a.words & b.words)


def best_links(pairs: Mapping[Pair, tuple[float, float]], core_min: float, score_min: float,
               linked: set[int], mutual: bool) -> set[Pair]:
    """Extra links among ``pairs`` ((j, i) → (core, score)) passing both floors: each
    article's best (ties: the lower index) when ``mutual``, only the pairs that are both ends'
    best; otherwise the best of every article not in ``linked``."""
    best: dict[int, tuple[float, int]] = {}
    kept = [(p, z) for p, (c, z) in pairs.items() if c >= core_min and z >= score_min]
    for (j, i), z in kept:
        for a, b in ((j, i), (i, j)):
            if a not in best or (z, -b) > best[a]:
                best[a] = (z, -b)
    out: set[Pair] = set()
    for (j, i), z in kept:
        j_best, i_best = best[j] == (z, -i), best[i] == (z, -j)
        if (mutual and j_best and i_best) or (not mutual and (
                (j_best and j not in linked) or (i_best and i not in linked))):
            out.add((j, i))
    return out


def low_pairs(one: ec.Set) -> dict[Pair, tuple[float, float]]:
    """Every candidate pair of the window sharing a core key (no gate), (j, i) → (core,
    shipped score); refused pairs (process conflicts) are left out as the archive does."""
    model = st.pair_model()
    return {(j, i): (x[0], es.pair_score(x, apart, model.weights, model.bias))
            for j, i, x, apart in es.candidate_pairs(one.feats, floor=0.0)}


def band(core: float | None, score: float) -> str:
    """Where a pair stops: no candidate, below 0.15, below the gate, below the threshold."""
    if core is None:
        return "no_candidate"
    if core < 0.15:
        return "core_below_0.15"
    if core < st.CANDIDATE_MIN:
        return "core_0.15_to_gate"
    return "gate_below_threshold" if score < st.LINK_THRESHOLD else "linked"


def missed(one: ec.Set, low: Mapping[Pair, tuple[float, float]],
           pred: Mapping[str, str]) -> dict[str, dict[str, int]]:
    """The right gold pairs kept apart by ``pred``, and the best pair between two predicted
    stories of one gold story, by :func:`band`."""
    ids = [f.article_id for f in one.feats]
    gold = [k for k, a in enumerate(ids) if a in one.truth]
    pairs: Counter[str] = Counter()
    joins: dict[tuple[str, str, str], tuple[float, float | None]] = {}
    for n, j in enumerate(gold):
        for i in gold[n + 1:]:
            a, b = ids[j], ids[i]
            if one.truth[a] != one.truth[b] or pred[a] == pred[b]:
                continue
            core, score = low.get((j, i)) or low.get((i, j)) or (None, -math.inf)
            pairs[band(core, score)] += 1
            key = (one.truth[a], *sorted((pred[a], pred[b])))
            if key not in joins or (score, core or 0.0) > (joins[key][0], joins[key][1] or 0.0):
                joins[key] = (score, core)
    between = Counter(band(c, z) for z, c in joins.values())
    return {"pairs": dict(sorted(pairs.items())), "best_between_stories": dict(sorted(between.items()))}


def read_also_pairs(one: ec.Set) -> set[Pair]:
    """Pairs of the window one of which names the other under *Baca juga* (resolved ids)."""
    pos = {f.article_id: k for k, f in enumerate(one.feats)}
    found: set[Pair] = set()
    for k, article in enumerate(one.stored):
        for link in article.read_also:
            if link.id in pos and link.id != article.id:
                j, i = sorted((k, pos[link.id]))
                found.add((j, i))
    return found


def rules() -> dict[str, tuple | None]:
    """The grid, most conservative first within each family (``plain``: the shipped links)."""
    out: dict[str, tuple | None] = {"plain": None}
    for core in CORES:
        for score in SCORES:
            out[f"orphan core {core} score {score}"] = ("orphan", core, score)
            out[f"mutual core {core} score {score}"] = ("mutual", core, score)
    for labels in (("PER",), None):
        for by in ("key", "word"):
            for rarity in RARITIES:
                for core in SUBJECT_CORES:
                    for hours in HOURS:
                        name = "PER" if labels else "any"
                        out[f"subject {name} {by} {rarity} core {core} hours {hours}"] = (
                            "subject", labels, by, rarity, core, hours)
    return out


class Recall:
    """The sets with what the mechanisms read, computed once: pairs without the gate,
    dominant subjects and their words' idf."""

    def __init__(self, sets: Sequence[ec.Set]) -> None:
        self.low = {one.name: low_pairs(one) for one in sets}
        table = st._idf_table()
        self.subjects: dict[tuple[str, tuple | None], list[Subject | None]] = {}
        self.idf: dict[str, float] = {}
        for one in sets:
            for labels in (("PER",), None):
                found = [dominant_subject(a, labels) for a in one.stored]
                self.subjects[(one.name, labels)] = found
                for s in found:
                    for w in s.words if s else ():
                        self.idf[w] = table.idf(w)

    def links(self, one: ec.Set, rule: tuple | None) -> dict[Pair, float]:
        """The shipped links of ``one`` and those ``rule`` adds."""
        out = {(j, i): z for j, i, z in one.pairs if z >= st.LINK_THRESHOLD}
        if rule is None:
            return out
        low = self.low[one.name]
        if rule[0] in ("orphan", "mutual"):
            linked = {k for p in out for k in p}
            extra = best_links(low, rule[1], rule[2], linked, rule[0] == "mutual")
        else:
            _, labels, by, rarity, core, hours = rule
            subj = self.subjects[(one.name, labels)]
            extra = {(j, i) for (j, i), (c, _) in low.items() if c >= core
                     and _within(one.feats[j].days, one.feats[i].days, hours)
                     and same_subject(subj[j], subj[i], by, rarity, self.idf)}
        out.update({p: low[p][1] for p in extra if p not in out})
        return out

    def stories_of(self, one: ec.Set, rule: tuple | None, reverse: bool = False) -> dict[str, str]:
        """Article id → story (its earliest member's id): connected groups of the links."""
        return groups([f.article_id for f in one.feats], [f.order_key for f in one.feats],
                      self.links(one, rule), reverse)


def _within(a: float | None, b: float | None, hours: float) -> bool:
    return a is not None and b is not None and abs(a - b) * 24 <= hours


def groups(ids: Sequence[str], keys: Sequence[tuple[float, str]], links: Iterable[Pair],
           reverse: bool = False) -> dict[str, str]:
    """Connected groups of ``links`` over positions, each named by its earliest member."""
    parent = list(range(len(ids)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    order = list(links)
    for j, i in reversed(order) if reverse else order:
        parent[find(j)] = find(i)
    members: dict[int, list[int]] = defaultdict(list)
    for k in range(len(ids)):
        members[find(k)].append(k)
    return {ids[k]: ids[min(g, key=lambda m: keys[m])] for g in members.values() for k in g}


def person_key_run(sets: Sequence[ec.Set], option: str = "last_word") -> dict[str, dict]:
    """Each set's scores before and after ``person_key`` = ``option`` (features recomputed,
    candidate pairs and links found again as the archive would), with the links gained and
    lost between two gold articles, right or wrong."""
    shipped = st.pair_model
    model = dataclasses.replace(shipped(), person_key=option)
    out: dict[str, dict] = {}
    for one in sets:
        st.pair_model = lambda path=None: model  # type: ignore[assignment]
        try:
            feats = [st.features(a, analyze(a.title or ""), analyze(a.text)) for a in one.stored]
        finally:
            st.pair_model = shipped  # type: ignore[assignment]
        pairs = {(j, i): es.pair_score(x, apart, model.weights, model.bias)
                 for j, i, x, apart in es.candidate_pairs(feats)}
        after = {p for p, z in pairs.items() if z >= st.LINK_THRESHOLD}
        before = {(j, i) for j, i, z in one.pairs if z >= st.LINK_THRESHOLD}
        ids = [f.article_id for f in one.feats]
        keys = [f.order_key for f in one.feats]
        changed: Counter[str] = Counter()
        for kind, links in (("gained", after - before), ("lost", before - after)):
            for j, i in links:
                a, b = ids[j], ids[i]
                if a in one.truth and b in one.truth:
                    changed[f"{kind}_{'right' if one.truth[a] == one.truth[b] else 'wrong'}"] += 1
        out[one.name] = {
            "before": {k: round(v, 4) for k, v in one.scores(groups(ids, keys, before)).items()},
            "after": {k: round(v, 4) for k, v in one.scores(groups(ids, keys, after)).items()},
            "gold_links": dict(sorted(changed.items())),
            # pairs the archive scores (past the gate): the writer's work grows with them
            "candidate_pairs": {"before": len(one.pairs), "after": len(pairs)},
            "order_stable": groups(ids, keys, after) == groups(ids, keys, sorted(after), True)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    es.add_gold_options(parser)
    parser.add_argument("--person-key-only", action="store_true",
                        help="only the person_key comparison (no grid)")
    args = parser.parse_args()
    args.gold = args.gold or es.study_days()
    started = time.process_time()
    sets = ev.load_sets(args.gold, args.cache)
    if args.person_key_only:
        result = {"person_key": person_key_run(sets)}
        result["person_key_summary"] = ecu._summary(result["person_key"])
        result["cpu_seconds"] = round(time.process_time() - started, 1)
        json.dump(result, sys.stdout, indent=1, ensure_ascii=False)
        print()
        return
    recall = Recall(sets)
    result: dict = {"threshold": st.LINK_THRESHOLD, "candidate_min": st.CANDIDATE_MIN,
                    "missed": {}, "read_also": {}}
    for one in sets:
        pred = recall.stories_of(one, None)
        result["missed"][one.name] = missed(one, recall.low[one.name], pred)
        ra = read_also_pairs(one)
        result["read_also"][one.name] = {
            "articles_with_links": sum(1 for a in one.stored if a.read_also),
            "resolved_in_window": len(ra)}
    grid = rules()
    runs, folds = ecu.held_out(sets, grid, recall.stories_of)
    result.update(runs=runs, **folds)
    result["summary"] = {key: ecu._summary(result[key]) for key in (
        "leave_one_set_out", "leave_one_set_out_never_worse")}
    names = [s.name for s in sets]
    best = ev._choose(runs, list(grid), names)
    result["in_sample"] = {"rule": best, "sets": {n: runs[best][n] for n in names}}
    result["person_key"] = person_key_run(sets)
    result["person_key_summary"] = ecu._summary(result["person_key"])
    result["cpu_seconds"] = round(time.process_time() - started, 1)
    json.dump(result, sys.stdout, indent=1, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
