"""Story-link variants measured the honest way: each variant is CHOSEN on one day of
``stories-dev`` and SCORED on the other (B-cubed F1), beside the shipped rule.

The variants keep what the archive needs — a pairwise, symmetric link decision (so any arrival
order gives the same stories) — and change what a link asks for:

* ``vector``: longer term vectors (``--terms``), title-term and entity weights;
* ``gate``: a link below ``strong`` also needs shared title terms (``title``: one, ``2t``:
  two) — a guard against chaining through body-only overlap;
* ``decay``: the e-folding time of the similarity (days).

The gold and distractor articles are read and enriched exactly as in ``eval_stories.py``.
Prints one JSON line per variant, then the day-split choice per tuning day.

    .venv/bin/python evals/explore_stories.py
"""

from __future__ import annotations

import itertools
import json
import math
from collections import Counter, defaultdict
from collections.abc import Sequence

import eval_stories as ev

from warta.link import stories as st
from warta.model import Article
from warta.search.analysis import analyze

TITLE_PREFIX = "^"  # title-term features: used by the gate only, never in the dot product
GRID = {"terms": (25, 50), "decay": (2.0, 4.0), "gate": ("none", "title", "2t"),
        "threshold": (0.2, 0.25, 0.3, 0.35), "strong": (0.45,)}


def variant_features(articles: Sequence[Article], terms: int) -> list[st.StoryFeatures]:
    """Features as :func:`warta.link.stories.features`, with ``terms`` distinctive terms and
    the title terms kept aside (zero weight) for the gate."""
    table = st._idf_table()
    out = []
    for a in articles:
        title = [t for t in analyze(a.title or "") if st._usable(t)]
        counts = Counter(t for t in analyze(a.text) if st._usable(t))
        for t in title:
            counts[t] += st.TITLE_BOOST
        weights = {t: (1.0 + math.log(n)) * table.idf(t) for t, n in counts.items()}
        vector = dict(sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:terms])
        for name, mentions in st._entities(a):
            vector[st.ENTITY_PREFIX + name] = st.ENTITY_WEIGHT * (1.0 + math.log(mentions))
        norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        unit = {t: w / norm for t, w in vector.items()}
        unit.update({TITLE_PREFIX + t: 0.0 for t in title})
        out.append(st.StoryFeatures(a.id, unit, st._days(a.published), a.outlet, a.title))
    return out


def link_groups(items: Sequence[st.StoryFeatures], threshold: float, strong: float,
                gate: str, decay_days: float) -> dict[str, str]:
    """Single-link stories under a gated pairwise rule (order-independent like the shipped one)."""
    titles = [{t for t in f.vector if t.startswith(TITLE_PREFIX)} for f in items]
    need = {"none": 0, "title": 1, "2t": 2}[gate]
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    index = st._Index()
    for i, f in enumerate(items):
        for j in index.candidates(f):
            g = items[j]
            decay = math.exp(-abs(f.days - g.days) / decay_days) \
                if f.days is not None and g.days is not None else st.decay(f.days, g.days)
            score = st.dot(f.vector, g.vector) * decay
            if score >= threshold and (score >= strong or len(titles[i] & titles[j]) >= need):
                parent[find(i)] = find(j)
        index.add(i, f)
    groups: dict[int, list[st.StoryFeatures]] = defaultdict(list)
    for i, f in enumerate(items):
        groups[find(i)].append(f)
    return {m.article_id: st.story_id(ms) for ms in groups.values() for m in ms}


def main() -> None:
    gold = ev.load_gold()
    articles = ev.load_articles(gold, True)
    _, stored = ev.archive_grouping(articles)
    by_url = {a.url: a for a in stored if a.url in gold}
    truth = {by_url[u].id: gold[u]["story"] for u in gold if u in by_url}
    day_of = {by_url[u].id: gold[u]["published"] for u in gold if u in by_url}
    days = sorted(set(day_of.values()))
    rows = []
    feats = {n: variant_features(stored, n) for n in GRID["terms"]}
    for values in itertools.product(*GRID.values()):
        v = dict(zip(GRID, values))
        pred = link_groups(feats[v["terms"]], v["threshold"], v["strong"], v["gate"], v["decay"])
        row = {"variant": v, "all": ev.bcubed(pred, truth, list(truth))["f1"]}
        for d in days:
            row[d] = ev.bcubed(pred, truth, [i for i in truth if day_of[i] == d])["f1"]
        rows.append(row)
        print(json.dumps(row), flush=True)
    for tune in days:
        test = next(d for d in days if d != tune)
        best = max(rows, key=lambda r: r[tune])  # first of equals: the grid order
        print(json.dumps({"tuned_on": tune, "chosen": best["variant"], "tuned_f1": best[tune],
                          "test_day": test, "test_f1": best[test], "all_f1": best["all"]}))


if __name__ == "__main__":
    main()
