"""Why story links merge gold stories: a pair model's wrong links on a gold set, by kind.

For each hand-grouped set (``--gold``, the line format of ``evals/stories_gold/``) the gold
articles and every CLICK-ID article of the gold days ± ``--margin`` are enriched as ingest
enriches them, every candidate pair (core dot product ≥ the model's ``candidate_min``, within
the time window) is scored once by the pair model (``--model``, default the shipped
``link/data/story_pair_model.json``), and stories are the connected groups of the pairs at or
above its threshold, in memory (the archive's ``MAX_LINKS`` cap is not applied). Prints JSON per
set, for the gold articles alone (``gold``) and among the distractors (``dist``):

* ``scores``: B-cubed overall and cross-outlet;
* ``wrong_links``: links between gold articles of different stories, counted by kind (a link can
  have several): ``same_shape_title`` (title·title ≥ 0.35), ``large_story_hub`` (one end's gold story
  has ≥ 10 articles and one end has ≥ 10 links), ``broad_issue`` (both stories in one issue family,
  read from the words of the set's own story descriptions, :data:`FAMILIES`), ``low_core`` (core dot
  product < 0.35), ``unsure_end``, ``day_crossing`` (other WIB days), ``other``; each with the
  **oracle** F1 — the score when only that kind's wrong links are taken out;
* ``distractor_bridges`` (``dist``): distractor articles linked to two or more gold stories, and
  the F1 without their links; ``other_days``: the F1 without every link touching an article of
  another day than the gold's (what chains through the neighbouring days cost);
* ``merged``: the predicted groups holding more than one gold story (story: members in the group
  / story size), and the highest-scoring wrong links with their features and titles.

Nothing is fitted here. ``benchmarks/RESULTS-stories.md`` (h13x) has the tables this made.

    .venv/bin/python evals/diagnose_stories.py --gold evals/stories_gold/click-id-2019-09-10.jsonl
    .venv/bin/python evals/diagnose_stories.py --model evals/proposals/story_pair_model_loso.json \\
        --gold evals/stories_gold/click-id-2019-09-10.jsonl --gold evals/stories_gold/click-id-2019-09-17.jsonl
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

import eval_stories as es

from warta.ingest import prepare_article
from warta.link import stories as st

# issue families, read off the gold's own English story descriptions (first match wins); KPK
# stories about a case (suspects, searches, summons) are apart from the law and leadership politics
FAMILIES = (("kpk-politics", re.compile(r"KPK")),
            ("habibie", re.compile(r"Habibie")),
            ("democrats", re.compile(r"Democrat|SBY|Ibas")),
            ("golkar", re.compile(r"Golkar|Airlangga|Bamsoet")),
            ("papua", re.compile(r"Papua|Veronica|Jayapura|Wenda")),
            ("fires", re.compile(r"fire|haze|Karhutla|weather-modification|peat", re.IGNORECASE)),
            ("accidents", re.compile(r"crash|pile-up|accident", re.IGNORECASE)),
            ("bills", re.compile(r"\bbill|\blaw\b|RKUHP|plenary", re.IGNORECASE)))
KPK_CASE = re.compile(r"suspect|examines|searches|questions|summons|case|banned|prosecutors", re.IGNORECASE)
SAME_SHAPE, LOW_CORE, HUB_STORY, HUB_LINKS = 0.35, 0.35, 10, 10
KINDS = ("same_shape_title", "large_story_hub", "broad_issue", "low_core", "unsure_end",
         "day_crossing", "other")
WIB = 7 / 24  # the gold days are Jakarta days


def families(gold_path: Path) -> dict[str, str | None]:
    """Story → issue family, from the descriptions table next to a gold file
    (``stories.tsv`` for 17 Sep, ``stories-<day>.tsv`` for the others); empty if none."""
    day = gold_path.stem.removeprefix("click-id-")
    table = next((p for p in (gold_path.with_name(f"stories-{day}.tsv"),
                              gold_path.with_name("stories.tsv")) if p.exists()), None)
    if table is None or (table.name == "stories.tsv" and day != "2019-09-17"):
        return {}
    out: dict[str, str | None] = {}
    with open(table, encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            text = row["description"]
            fam = next((f for f, rx in FAMILIES if rx.search(text)), None)
            out[row["story"]] = "kpk-case" if fam == "kpk-politics" and KPK_CASE.search(text) else fam
    return out


def candidate_pairs(feats: Sequence[st.StoryFeatures], model: st.PairModel
                    ) -> list[tuple[int, int, tuple[float, ...], float]]:
    """(i, j, pair features, score) of every candidate pair, scored as the archive scores."""
    out = []
    for j, i, x, apart in es.candidate_pairs(feats, floor=model.candidate_min):
        score = math.fsum([model.bias, -model.day_penalty * apart,
                           *(w * v for w, v in zip(model.weights, x, strict=True))])
        out.append((j, i, x, score))
    return out


def grouping(n: int, links: Sequence[tuple[int, int]]) -> list[int]:
    """Connected groups (a root per item) of ``links`` over ``n`` items."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in links:
        parent[find(i)] = find(j)
    return [find(i) for i in range(n)]


class Day:
    """One gold set's window: its articles' features, gold stories and scored candidate pairs."""

    def __init__(self, path: Path, margin: int, model: st.PairModel) -> None:
        gold = es.load_gold(path)
        articles = es.load_window_articles(gold, es.gold_window(gold, margin))
        by_url = {a.url: a for a in articles if a.url in gold}
        self.truth, self.unsure, self.cross = es.gold_truth(gold, by_url)
        ready = [prepare_article(a, True) for a in articles]
        self.feats = [r.story or st.features(r.article, r.title_terms, r.body_terms)
                      for r in ready]
        self.titles = [r.article.title or "" for r in ready]
        self.ids = [f.article_id for f in self.feats]
        self.family = families(path)
        self.size = Counter(self.truth.values())
        gold_days = Counter(self.wib_day(k) for k, i in enumerate(self.ids) if i in self.truth)
        self.gold_days = set(gold_days)
        self.pairs = candidate_pairs(self.feats, model)
        self.threshold = model.threshold

    def wib_day(self, k: int) -> int | None:
        days = self.feats[k].days
        return None if days is None else math.floor(days + WIB)

    def story(self, k: int) -> str | None:
        return self.truth.get(self.ids[k])

    def scores(self, links: Sequence[tuple[int, int]]) -> dict:
        """B-cubed of the groups of ``links``, overall and cross-outlet (gold articles)."""
        root = grouping(len(self.ids), links)
        pred = {i: str(root[k]) for k, i in enumerate(self.ids) if i in self.truth}
        items = list(self.truth)
        return {"overall": es.bcubed(pred, self.truth, items),
                "cross_outlet": es.bcubed(pred, self.truth, items,
                                          [i for i in items if i in self.cross])}


def kinds_of(day: Day, i: int, j: int, x: Sequence[float], links_of: Counter) -> list[str]:
    """The kinds of a wrong link between gold articles ``i`` and ``j``."""
    si, sj = day.story(i), day.story(j)
    tags = []
    if x[1] >= SAME_SHAPE:
        tags.append("same_shape_title")
    if max(day.size[si], day.size[sj]) >= HUB_STORY and max(links_of[i], links_of[j]) >= HUB_LINKS:
        tags.append("large_story_hub")
    if day.family.get(si) is not None and day.family.get(si) == day.family.get(sj):  # type: ignore[arg-type]
        tags.append("broad_issue")
    if x[0] < LOW_CORE:
        tags.append("low_core")
    if day.ids[i] in day.unsure or day.ids[j] in day.unsure:
        tags.append("unsure_end")
    if day.wib_day(i) != day.wib_day(j):
        tags.append("day_crossing")
    return tags or ["other"]


def diagnose(day: Day, gold_only: bool, top: int) -> dict:
    """The wrong links of ``day`` by kind with their oracle F1s, bridges and merged groups."""
    linked = [(i, j, x, s) for i, j, x, s in day.pairs if s >= day.threshold and (
        not gold_only or (day.story(i) is not None and day.story(j) is not None))]
    links = [(i, j) for i, j, _, _ in linked]
    links_of = Counter(k for pair in links for k in pair)
    wrong: dict[int, list[str]] = {}
    for n, (i, j, x, _) in enumerate(linked):
        si, sj = day.story(i), day.story(j)
        if si is not None and sj is not None and si != sj:
            wrong[n] = kinds_of(day, i, j, x, links_of)

    def without(drop: set[int]) -> dict:
        return day.scores([p for n, p in enumerate(links) if n not in drop])["overall"]

    out: dict = {"scores": day.scores(links), "links": len(links), "wrong_links": len(wrong),
                 "by_kind": {k: {"links": sum(k in t for t in wrong.values()),
                                 "oracle": without({n for n, t in wrong.items() if k in t})}
                             for k in KINDS},
                 "oracle_all_wrong_removed": without(set(wrong))}
    if not gold_only:
        out.update(bridges(day, links))
    out["merged"] = merged_groups(day, links)
    out["top_wrong_links"] = [
        {"score": round(linked[n][3], 3), "features": [round(v, 3) for v in linked[n][2]],
         "stories": [day.story(linked[n][0]), day.story(linked[n][1])], "kinds": t,
         "titles": [day.titles[linked[n][0]], day.titles[linked[n][1]]]}
        for n, t in sorted(wrong.items(), key=lambda kv: -linked[kv[0]][3])[:top]]
    return out


def bridges(day: Day, links: Sequence[tuple[int, int]]) -> dict:
    """Distractors linked to ≥ 2 gold stories, and what links through other days cost."""
    touched: dict[int, set[str]] = defaultdict(set)
    for i, j in links:
        for a, b in ((i, j), (j, i)):
            if day.story(a) is None and day.story(b) is not None:
                touched[a].add(day.story(b))  # type: ignore[arg-type]
    bridge = {k for k, v in touched.items() if len(v) >= 2}
    other = {k for k in range(len(day.ids)) if day.wib_day(k) not in day.gold_days}
    return {"distractor_bridges": {
                "articles": len(bridge),
                "without_their_links": day.scores([p for p in links if not set(p) & bridge])[
                    "overall"],
                "titles": [day.titles[k] for k in sorted(bridge, key=lambda k: -len(touched[k]))[:10]]},
            "other_days": {"links_across_days": sum(day.wib_day(i) != day.wib_day(j)
                                                    for i, j in links),
                           "without_links_touching_other_days": day.scores(
                               [p for p in links if not set(p) & other])["overall"]}}


def merged_groups(day: Day, links: Sequence[tuple[int, int]]) -> list[list[str]]:
    """Predicted groups holding more than one gold story: ``story(members/size)family``."""
    root = grouping(len(day.ids), links)
    groups: dict[int, Counter] = defaultdict(Counter)
    for k in range(len(day.ids)):
        if day.story(k) is not None:
            groups[root[k]][day.story(k)] += 1
    return sorted(([f"{s}({c}/{day.size[s]}){day.family.get(s) or ''}" for s, c in g.most_common()]
                   for g in groups.values() if len(g) > 1), key=lambda m: -len(m))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, action="append", default=None,
                        help="a hand-grouped gold JSONL (repeatable); default: every study day of evals/stories_gold")
    parser.add_argument("--model", help="a pair-model JSON (default: the shipped one)")
    parser.add_argument("--margin", type=int, default=0,
                        help="distractor days each side of the gold days (default 0)")
    parser.add_argument("--top", type=int, default=25, help="wrong links listed per view")
    args = parser.parse_args()
    args.gold = args.gold or es.study_days()
    started = time.process_time()
    model = st.pair_model(args.model)
    result: dict = {"model": args.model or str(st.MODEL_PATH), "threshold": model.threshold,
                    "candidate_min": model.candidate_min, "margin_days": args.margin, "sets": {}}
    for path in args.gold:
        day = Day(path, args.margin, model)
        result["sets"][path.stem] = {"window_articles": len(day.ids),
                                     "candidate_pairs": len(day.pairs),
                                     "gold": diagnose(day, True, args.top),
                                     "dist": diagnose(day, False, args.top)}
    result["cpu_seconds"] = round(time.process_time() - started, 1)
    json.dump(result, sys.stdout, indent=1, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
