"""Processes as data as story-link evidence, leave one set out (h13s7; issue 13 point 2).

The gold's rule "the steps of one decision / case / selection are one story" (17 Sep's
139-article KPK-law story, 20 Sep's 110-article RKUHP story) is what the pair features cannot
see. :mod:`warta.link.processes` reads from a title the process it names a step of (kind and
object, lexicon ``link/data/processes.tsv``); this evaluation measures that evidence on the
story links and prints JSON:

* ``coverage``: per set, the share of gold articles with a process, by kind;
* ``runs``: per setting and set, B-cubed F1 overall / cross-outlet, and among the links
  between two gold articles how many wrong / right links the setting *added* and *removed*.
  A setting is ``join`` × ``conflict``:

  - ``join floor f bonus b``: a pair naming the same process whose core dot product reaches
    ``f`` (below the shipped gate too: the words may differ) scores ``b`` more (``inf``: it is
    a link);
  - ``conflict kind|any penalty p``: a pair whose processes differ (same kind, other object;
    or any two different processes) scores ``p`` less (``inf``: never a link);

* ``ablation``: the in-sample best setting with one kind of the lexicon left out;
* ``leave_one_set_out``: for each set, the setting with the best summed overall F1 on the
  OTHER sets (ties: plain, then the earlier setting), reported on the set, beside plain.

``--archive-check kind`` instead runs ``eval_stories.py --gold``'s scoring (the real archive:
features, candidate query, links, order stability) for each ``--gold`` with the pair model's
``process_conflict`` set to ``kind`` (or ``any``), then with it unset, in the same process.

Every set is its gold articles among every CLICK-ID article of its day (margin 0), loaded as
``eval_stories_conflict.load`` (stories-dev: 23–24 Sep, hence 0.818, not 0.824).

    cd evals && WARTA_SHARED=../../shared ../.venv/bin/python eval_stories_processes.py \\
        --gold stories_gold/click-id-2019-09-17.jsonl ... [--cache /tmp/sets.pkl]
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import json
import math
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import eval_stories as es
import eval_stories_conflict as ec
import eval_stories_events as ev

from warta.link import processes as pr
from warta.link import stories as st

JOIN_FLOORS = (0.15, 0.25, 0.35)
JOIN_BONUSES = (1.0, 2.0, math.inf)
CONFLICT_MODES = ("kind", "any")
CONFLICT_PENALTIES = (1.0, 2.0, math.inf)
LOW_FLOOR = min(JOIN_FLOORS)


@dataclass(frozen=True)
class Setting:
    """One cell of the grid (``None``: that evidence unused)."""

    join_floor: float | None = None
    join_bonus: float = 0.0
    conflict: str | None = None
    penalty: float = 0.0

    @property
    def name(self) -> str:
        parts = []
        if self.join_floor is not None:
            parts.append(f"join floor {self.join_floor} bonus {self.join_bonus}")
        if self.conflict is not None:
            parts.append(f"conflict {self.conflict} penalty {self.penalty}")
        return " + ".join(parts) or "plain"


def grid() -> list[Setting]:
    """Plain first, then every join × conflict combination."""
    joins = [(None, 0.0)] + [(f, b) for f in JOIN_FLOORS for b in JOIN_BONUSES]
    conflicts = [(None, 0.0)] + [(c, p) for c in CONFLICT_MODES for p in CONFLICT_PENALTIES]
    return [Setting(f, b, c, p) for f, b in joins for c, p in conflicts]


@dataclass
class Pairs:
    """A set's candidate pairs down to :data:`LOW_FLOOR`: (j, i, core, shipped score)."""

    rows: list[tuple[int, int, float, float]]


def low_pairs(one: ec.Set) -> Pairs:
    """Every candidate pair of the set with core ≥ :data:`LOW_FLOOR`, scored by the model;
    the pairs the shipped process rule refuses too (the settings here are that rule's study)."""
    model = st.pair_model()
    bare = dataclasses.replace(model, process_conflict=None)
    return Pairs([(j, i, x[0], es.pair_score(x, apart, model.weights, model.bias))
                  for j, i, x, apart in es.candidate_pairs(one.feats, LOW_FLOOR, bare)])


def relations(pairs: Pairs, procs: Sequence[frozenset[str]], lex: pr.Lexicon
              ) -> list[tuple[int, int]]:
    """Each pair's relation without and with ``across_kinds`` (computed once per lexicon)."""
    return [(pr.relation(procs[j], procs[i], False, lex), pr.relation(procs[j], procs[i], True, lex))
            for j, i, _, _ in pairs.rows]


def scored(pairs: Pairs, rels: Sequence[tuple[int, int]], s: Setting
           ) -> dict[tuple[int, int], float]:
    """The pair scores under setting ``s`` (the shipped gate for pairs without join evidence)."""
    out: dict[tuple[int, int], float] = {}
    gate = st.CANDIDATE_MIN
    which = 1 if s.conflict == "any" else 0
    for (j, i, core, z), both in zip(pairs.rows, rels, strict=True):
        rel = both[which]
        if rel == pr.SAME and s.join_floor is not None and core >= s.join_floor:
            out[(j, i)] = z + s.join_bonus
        elif core < gate:
            continue
        elif rel == pr.CONFLICT and s.conflict is not None:
            out[(j, i)] = z - s.penalty
        else:
            out[(j, i)] = z
    return out


def changes(one: ec.Set, plain: dict, new: dict) -> dict[str, int]:
    """Gold-to-gold links added and removed by a setting: wrong (different gold stories) /
    right (the same)."""
    ids = [f.article_id for f in one.feats]
    th = st.LINK_THRESHOLD
    out = Counter({"wrong_added": 0, "right_added": 0, "wrong_removed": 0, "right_removed": 0})
    for key in plain.keys() | new.keys():
        a, b = ids[key[0]], ids[key[1]]
        if a not in one.truth or b not in one.truth:
            continue
        before = plain.get(key, -math.inf) >= th
        after = new.get(key, -math.inf) >= th
        if before == after:
            continue
        right = one.truth[a] == one.truth[b]
        out[("right_" if right else "wrong_") + ("added" if after else "removed")] += 1
    return dict(out)


def coverage(one: ec.Set, procs: Sequence[frozenset[str]]) -> dict[str, float]:
    """Share of the gold articles with any process, and with each kind."""
    ids = [f.article_id for f in one.feats]
    gold = [k for k, a in enumerate(ids) if a in one.truth]
    kinds = Counter(kind for k in gold for kind in {p.partition(":")[0] for p in procs[k]})
    out = {"any": round(sum(1 for k in gold if procs[k]) / len(gold), 3)}
    out.update({kind: round(n / len(gold), 3) for kind, n in sorted(kinds.items())})
    return out


def run(sets: Sequence[ec.Set], allpairs: dict[str, Pairs], procs: dict[str, list],
        settings: Sequence[Setting], lex: pr.Lexicon, prefix: str = ""
        ) -> dict[str, dict[str, dict]]:
    """Every setting on every set (names prefixed by ``prefix``, plain unprefixed)."""
    runs: dict[str, dict[str, dict]] = {}
    for one in sets:
        rels = relations(allpairs[one.name], procs[one.name], lex)
        plain = scored(allpairs[one.name], rels, Setting())
        for s in settings:
            new = scored(allpairs[one.name], rels, s)
            name = s.name if s.name == "plain" else prefix + s.name
            runs.setdefault(name, {})[one.name] = {
                **one.scores(es.link_grouping(one.feats, new, st.LINK_THRESHOLD)),
                **changes(one, plain, new)}
    return runs


def variants(lex: pr.Lexicon) -> dict[str, pr.Lexicon]:
    """The lexicon as shipped (every clause read; a bill named is its process), with a bill
    needing a decision step in the title too, each without the disaster kind (rule 4 of the
    gold: forest fires are a broad issue, not a story), and each reading only the title's
    head clause (after its last comma)."""
    out = {}
    for head in (False, True):
        for bill_step in (False, True):
            for disaster in (True, False):
                one = copy.deepcopy(lex)
                one.head_clause = head
                if "bill" in one.kinds:
                    one.kinds["bill"].needs_step = bill_step or one.kinds["bill"].needs_step
                if not disaster:
                    one.kinds.pop("disaster", None)
                name = (("head clause, " if head else "")
                        + ("bill step" if bill_step else "bill named")
                        + ("" if disaster else ", no disaster"))
                out[name] = one
    return out


def without_kind(procs: dict[str, list], kind: str) -> dict[str, list]:
    """The processes with one kind left out."""
    return {name: [frozenset(p for p in ps if not p.startswith(kind + ":")) for ps in rows]
            for name, rows in procs.items()}


def archive_check(golds: Sequence[Path], conflict: str) -> dict:
    """``eval_stories.score_gold_file`` per gold file with ``process_conflict`` set and
    unset (the archive's own code path; order stability included); each result is also
    printed to stderr as it comes (a leg takes minutes)."""
    shipped = st.pair_model
    out: dict = {}
    for path in golds:
        for name, value in ((f"process_conflict {conflict}", conflict), ("without", None)):
            model = dataclasses.replace(shipped(), process_conflict=value)
            st.pair_model = lambda path=None, model=model: model  # type: ignore[assignment]
            try:
                r = es.score_gold_file(path, True)
            finally:
                st.pair_model = shipped
            out.setdefault(path.stem, {})[name] = {
                "with_distractors": r["warta"]["with_distractors"],
                "gold_only": r["warta"]["gold_only"], "order_stable": r["order_stable"],
                "cpu_seconds": r["cpu_seconds"]}
            print(json.dumps({path.stem: {name: out[path.stem][name]}}), file=sys.stderr)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    es.add_gold_options(parser)
    parser.add_argument("--archive-check", choices=("kind", "any"),
                        help="the archive's figures with process_conflict set (see above)")
    args = parser.parse_args()
    args.gold = args.gold or es.study_days()
    started = time.process_time()
    if args.archive_check:
        result = archive_check(args.gold, args.archive_check)
        result["cpu_seconds"] = round(time.process_time() - started, 1)
        json.dump(result, sys.stdout, indent=1, ensure_ascii=False)
        print()
        return
    sets = ev.load_sets(args.gold, args.cache)
    allpairs = {s.name: low_pairs(s) for s in sets}
    settings = grid()
    runs: dict[str, dict[str, dict]] = {}
    coverage_of, procs_of, lex_of = {}, {}, {}
    for vname, lex in variants(pr.lexicon()).items():
        procs = {s.name: [pr.processes(a, lex) for a in s.stored] for s in sets}
        procs_of[vname], lex_of[vname] = procs, lex
        coverage_of[vname] = {s.name: coverage(s, procs[s.name]) for s in sets}
        runs |= run(sets, allpairs, procs, settings, lex, vname + ": ")
    order = list(runs)
    loso = {}
    for held in sets:
        others = [s.name for s in sets if s is not held]
        chosen = ev._choose(runs, order, others)
        loso[held.name] = {"setting": chosen, "chosen_on": others,
                           "warta": runs[chosen][held.name], "plain": runs["plain"][held.name]}
    best = max(order, key=lambda r: (sum(v["f1"] for v in runs[r].values()), r == "plain"))
    ablation = {}
    if best != "plain":
        vname, _, sname = best.partition(": ")
        setting = next(s for s in settings if s.name == sname)
        for kind in lex_of[vname].kinds:
            reduced = without_kind(procs_of[vname], kind)
            ablation[kind] = run(sets, allpairs, reduced, [setting], lex_of[vname])[sname]
    result = {"model": {"threshold": st.LINK_THRESHOLD, "candidate_min": st.CANDIDATE_MIN},
              "coverage": coverage_of,
              "in_sample_best": best, "runs": runs, "ablation_of_best": ablation,
              "leave_one_set_out": loso,
              "cpu_seconds": round(time.process_time() - started, 1)}
    json.dump(result, sys.stdout, indent=1, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
