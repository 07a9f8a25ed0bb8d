"""Integrity of the hand-grouped story gold sets in ``evals/stories_gold`` (issue 13).

Nine days, each a line file and a story table: 17 Sep 2019 (``stories.tsv``), 10 Sep 2019
(``stories-2019-09-10.tsv``), 13 Sep 2019 (``stories-2019-09-13.tsv``), 15 Sep 2019
(``stories-2019-09-15.tsv``), 20 Sep 2019 (``stories-2019-09-20.tsv``, six outlets), 16 Sep
2019 (``stories-2019-09-16.tsv``, five outlets, studied since the eleventh session), 12 Sep
2019 (``stories-2019-09-12.tsv``, three outlets' national desks, studied since the twelfth
session), 11 Sep 2019 (``stories-2019-09-11.tsv``, three outlets' national desks, studied since
the thirteenth session) and 14 Sep 2019 (``stories-2019-09-14.tsv``, three outlets' national,
Jakarta, world and business desks, held out). The gold stores only
urls and labels; its articles are joined to CLICK-ID by url, so every url must be in
``../shared`` exactly once (the test fails, not skips, under CI without it) and each story table
must agree with its article lines. The shipped story model must keep, on each day's gold
articles alone, a B-cubed F1 a little under what it scored when the floor was set.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from tests.conftest import shared_or_fail

GOLD_DIR = Path(__file__).resolve().parents[2] / "evals" / "stories_gold"
FIELDS = {"url", "source", "published", "category", "story", "unsure"}
# day → (line file, story table, the counts its README gives: articles, unsure, stories,
# (cross-outlet stories, their articles), singletons, the largest story and its size)
SETS = {
    "2019-09-17": ("click-id-2019-09-17.jsonl", "stories.tsv",
                   357, 71, 128, (26, 241), 94, ("s001", 139)),
    "2019-09-10": ("click-id-2019-09-10.jsonl", "stories-2019-09-10.tsv",
                   421, 39, 136, (43, 314), 83, ("s001", 63)),
    "2019-09-13": ("click-id-2019-09-13.jsonl", "stories-2019-09-13.tsv",
                   311, 29, 131, (27, 197), 95, ("s001", 53)),
    "2019-09-15": ("click-id-2019-09-15.jsonl", "stories-2019-09-15.tsv",
                   358, 29, 201, (37, 175), 150, ("s001", 26)),
    "2019-09-20": ("click-id-2019-09-20.jsonl", "stories-2019-09-20.tsv",
                   373, 71, 110, (26, 271), 74, ("s001", 110)),
    "2019-09-16": ("click-id-2019-09-16.jsonl", "stories-2019-09-16.tsv",
                   338, 51, 144, (41, 221), 92, ("s001", 23)),
    "2019-09-12": ("click-id-2019-09-12.jsonl", "stories-2019-09-12.tsv",
                   274, 34, 64, (16, 219), 43, ("s001", 119)),
    "2019-09-11": ("click-id-2019-09-11.jsonl", "stories-2019-09-11.tsv",
                   320, 35, 94, (21, 232), 61, ("s001", 106)),
    "2019-09-14": ("click-id-2019-09-14.jsonl", "stories-2019-09-14.tsv",
                   256, 22, 142, (27, 123), 100, ("s001", 18)),
}
DAYS = sorted(SETS)


def _rows(day: str = "2019-09-17") -> list[dict]:
    with (GOLD_DIR / SETS[day][0]).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def _stories(day: str = "2019-09-17") -> list[dict[str, str]]:
    with (GOLD_DIR / SETS[day][1]).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@pytest.mark.parametrize("day", DAYS)
def test_gold_lines_hold_labels_only_and_the_counts_the_readme_gives(day: str) -> None:
    _, _, n, unsure, n_stories, cross_counts, singletons, largest = SETS[day]
    rows = _rows(day)
    assert all(set(r) == FIELDS for r in rows)  # no title or text of the corpus
    assert len(rows) == n
    assert len({r["url"] for r in rows}) == n
    assert {r["published"] for r in rows} == {day}
    assert all(isinstance(r["unsure"], bool) for r in rows)
    assert sum(r["unsure"] for r in rows) == unsure
    assert all(re.fullmatch(r"s\d{3}", r["story"]) for r in rows)
    outlets: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        outlets[r["story"]].add(r["source"])
    sizes = Counter(r["story"] for r in rows)
    cross = [s for s in sizes if len(outlets[s]) > 1]
    assert len(sizes) == n_stories
    assert (len(cross), sum(sizes[s] for s in cross)) == cross_counts
    assert sum(1 for n in sizes.values() if n == 1) == singletons
    assert sizes.most_common(1) == [largest]


def test_the_days_share_no_article() -> None:
    urls = [{r["url"] for r in _rows(day)} for day in DAYS]
    assert sum(map(len, urls)) == len(set().union(*urls)) == 3008


@pytest.mark.parametrize("day", DAYS)
def test_stories_tsv_agrees_with_the_article_lines(day: str) -> None:
    rows = _rows(day)
    sizes = Counter(r["story"] for r in rows)
    outlets: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        outlets[r["story"]].add(r["source"])
    table = _stories(day)
    assert [t["story"] for t in table] == sorted(sizes)
    for t in table:
        assert int(t["size"]) == sizes[t["story"]]
        assert t["outlets"].split(",") == sorted(outlets[t["story"]])
        assert t["description"].strip()


@pytest.mark.parametrize("day", DAYS)
def test_every_gold_url_is_in_click_id_once_with_its_source_and_category(day: str) -> None:
    rows = {r["url"]: r for r in _rows(day)}
    path = shared_or_fail("data", "news", "click-id.jsonl.gz")
    seen: Counter[str] = Counter()
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            r = json.loads(line)
            gold = rows.get(r.get("url"))
            if gold is not None:
                seen[r["url"]] += 1
                assert (r["source"], r["category"]) == (gold["source"], gold["category"])
    assert set(seen) == set(rows)
    assert set(seen.values()) == {1}


def test_the_evaluation_window_and_views_of_a_gold_set() -> None:
    from evals.eval_stories import DISTRACTOR_DAYS, bcubed, gold_window, views

    dev = {"a": {"published": "2019-09-24"}, "b": {"published": "2019-09-23"}}
    assert gold_window(dev) == DISTRACTOR_DAYS == ("2019-09-21", "2019-09-26")
    assert gold_window({"c": {"published": "2019-09-17"}}, 0) == ("2019-09-17", "2019-09-17")
    truth = {"k1": "big", "k2": "big", "k3": "big", "o1": "pair", "o2": "pair", "s": "one"}
    named = views(truth, cross={"k1", "k2", "o1", "o2"}, unsure={"k3", "s"})
    assert named["overall"] == (list(truth), list(truth))
    assert named["cross_outlet"][1] == ["k1", "k2", "o1", "o2"]
    assert named["sure_only"] == (["k1", "k2", "o1", "o2"], ["k1", "k2", "o1", "o2"])
    assert named["without_largest_story"] == (["o1", "o2", "s"], ["o1", "o2", "s"])
    assert named["cross_outlet_without_largest_story"][1] == ["o1", "o2"]
    # one prediction joining the pair to the big story: clusters are cut to the view's items
    pred = {"k1": "x", "k2": "x", "k3": "x", "o1": "x", "o2": "x", "s": "y"}
    assert bcubed(pred, truth, *named["overall"]) == {
        "precision": 0.6, "recall": 1.0, "f1": 0.75, "articles": 6}
    assert bcubed(pred, truth, *named["without_largest_story"]) == {
        "precision": 1.0, "recall": 1.0, "f1": 1.0, "articles": 3}


def test_story_level_confirmation_keeps_a_bridged_group_apart_in_any_order() -> None:
    from evals.eval_stories import support_grouping
    from warta.link.stories import StoryFeatures, story_id_for

    names = ["k1", "k2", "k3", "k4", "s1", "s2", "s3", "r"]
    strong = [("k1", "k2"), ("k1", "k3"), ("k1", "k4"), ("k2", "k3"), ("k2", "k4"),
              ("k3", "k4"), ("s1", "s2"), ("s1", "s3"), ("s2", "s3")]
    pairs = {**dict.fromkeys(strong, 5.0), ("s1", "k1"): 4.0, ("r", "k2"): 3.0,
             ("s2", "k3"): 2.0}

    def run(order: list[str], phi: float, low: float) -> dict[str, str]:
        feats = [StoryFeatures(n, {}, 100.0 + names.index(n) / 100) for n in order]
        at = {n: i for i, n in enumerate(order)}
        scores = {(at[a], at[b]): s for (a, b), s in pairs.items()}
        return support_grouping(feats, scores, 2.75, phi, low)

    k, s = story_id_for("k1"), story_id_for("s1")
    apart = {**dict.fromkeys(["k1", "k2", "k3", "k4", "r"], k), **dict.fromkeys(["s1", "s2", "s3"], s)}
    # one of the three s articles links into k: the bridge does not merge them; r, alone, joins
    assert run(names, 0.5, 2.75) == run(names[::-1], 0.5, 2.75) == apart
    # counting the weaker s2-k3 link as support, two of three do: one story
    assert run(names, 0.5, 1.5) == run(names[::-1], 0.5, 1.5) == dict.fromkeys(names, k)
    assert run(names, 0.3, 2.75) == dict.fromkeys(names, k)  # a third is enough at phi 0.3


# B-cubed F1 (overall, cross-outlet articles) of the shipped story model on each day's gold
# articles alone, as measured on main cc58f01 when the floors were set (the "gold_only" figures
# of `evals/eval_stories.py --gold`: 17 Sep 0.911 / 0.877, 10 Sep 0.858 / 0.826, 13 Sep 0.798 /
# 0.709; 15 Sep 0.906 / 0.850 on main de1c17d; 20 Sep 0.779 / 0.723 on main 342c3f2), less
# 0.02 and cut to two decimals: a story-model change that loses more on a hand-grouped day
# fails here. 13, 15 and 20 Sep were measured once, after their gold was committed.
MODEL_FLOORS = {"2019-09-17": (0.89, 0.85), "2019-09-10": (0.83, 0.80),
                "2019-09-13": (0.77, 0.68), "2019-09-15": (0.88, 0.82),
                "2019-09-20": (0.75, 0.70)}


@pytest.fixture(scope="module")
def gold_day_articles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list]:
    """Each gold day's CLICK-ID articles as warta's reader parses them (rows picked by url)."""
    from warta.parse import iter_outcomes

    day_of = {r["url"]: day for day in DAYS for r in _rows(day)}
    rows = tmp_path_factory.mktemp("gold") / "rows.jsonl"
    with gzip.open(shared_or_fail("data", "news", "click-id.jsonl.gz"), "rt",
                   encoding="utf-8") as src, rows.open("w", encoding="utf-8") as out:
        out.writelines(line for line in src if json.loads(line).get("url") in day_of)
    by_day: dict[str, list] = defaultdict(list)
    for outcome in iter_outcomes([str(rows)]):
        if outcome.article is not None:
            by_day[day_of[outcome.article.url]].append(outcome.article)
    return by_day


# 14 Sep 2019 is held out (the unseen day since the thirteenth session; 11 Sep was in the
# twelfth, 12 Sep in the eleventh, 16 Sep before it): the figure story-model changes are judged
# on once. None of the four gets a floor here, so that no change is tuned until it passes on
# the unseen day.
@pytest.mark.parametrize("day", sorted(MODEL_FLOORS))
def test_the_shipped_model_keeps_its_level_on_each_gold_day(
        day: str, gold_day_articles: dict[str, list]) -> None:
    from evals.eval_stories import archive_grouping, bcubed, gold_truth, load_gold, views

    gold = load_gold(GOLD_DIR / SETS[day][0])
    articles = gold_day_articles[day]
    assert len(articles) == SETS[day][2]
    pred, _ = archive_grouping(articles)
    truth, unsure, cross = gold_truth(gold, {a.url: a for a in articles})
    named = views(truth, cross, unsure)
    overall = bcubed(pred, truth, *named["overall"])["f1"]
    cross_outlet = bcubed(pred, truth, *named["cross_outlet"])["f1"]
    assert overall >= MODEL_FLOORS[day][0]
    assert cross_outlet >= MODEL_FLOORS[day][1]


def test_the_sixth_set_has_the_six_outlets_of_the_hidden_day() -> None:
    """20 Sep 2019 was chosen for its outlets: every outlet with hard news that day is in it."""
    sources = Counter(r["source"] for r in _rows("2019-09-20"))
    assert sources == {"Kompas.com": 107, "tempo.co": 92, "okezone.com": 70,
                       "wowkeren.com": 53, "sindonews.com": 48, "posmetro-medan.com": 3}


def test_the_seventh_set_takes_every_national_desk_of_its_day() -> None:
    """16 Sep 2019: the national desks of the five outlets with hard news that day, unsampled."""
    rows = _rows("2019-09-16")
    assert Counter(r["source"] for r in rows) == {
        "Kompas.com": 87, "okezone.com": 73, "tempo.co": 68, "sindonews.com": 64,
        "wowkeren.com": 46}
    assert {(r["source"], r["category"]) for r in rows} == {
        ("Kompas.com", "News"), ("okezone.com", "News"), ("tempo.co", "nasional"),
        ("sindonews.com", "Nasional"), ("wowkeren.com", "Nasional")}


def test_the_eighth_set_takes_every_national_desk_of_its_day() -> None:
    """12 Sep 2019: the national desks of the outlets with national news that day, unsampled."""
    rows = _rows("2019-09-12")
    assert Counter(r["source"] for r in rows) == {
        "okezone.com": 113, "sindonews.com": 90, "tempo.co": 70, "Kompas.com": 1}
    assert {(r["source"], r["category"]) for r in rows} == {
        ("Kompas.com", "News"), ("okezone.com", "News"), ("tempo.co", "nasional"),
        ("sindonews.com", "Nasional")}


def test_the_ninth_set_takes_every_national_desk_of_its_day() -> None:
    """11 Sep 2019: the national desks of the outlets with national news that day, unsampled."""
    rows = _rows("2019-09-11")
    assert Counter(r["source"] for r in rows) == {
        "okezone.com": 123, "sindonews.com": 110, "tempo.co": 87}
    assert {(r["source"], r["category"]) for r in rows} == {
        ("okezone.com", "News"), ("tempo.co", "nasional"), ("sindonews.com", "Nasional")}


def test_the_tenth_set_takes_four_desks_of_every_outlet_with_hard_news_that_day() -> None:
    """14 Sep 2019: the national, Jakarta, world and business desks (15 Sep's rule), unsampled."""
    rows = _rows("2019-09-14")
    assert Counter(r["source"] for r in rows) == {
        "okezone.com": 119, "tempo.co": 116, "sindonews.com": 21}
    assert Counter((r["source"], r["category"]) for r in rows) == {
        ("okezone.com", "News"): 86, ("okezone.com", "Economy"): 33,
        ("tempo.co", "nasional"): 43, ("tempo.co", "bisnis"): 32, ("tempo.co", "metro"): 23,
        ("tempo.co", "dunia"): 18, ("sindonews.com", "Nasional"): 8,
        ("sindonews.com", "Ekbis"): 6, ("sindonews.com", "Metro"): 5,
        ("sindonews.com", "International"): 2}


def test_the_scripts_default_to_the_study_days_never_the_unseen_one() -> None:
    from tests.conftest import import_evals

    (es,) = import_evals("eval_stories")
    assert [p.name for p in es.study_days()] == [
        "click-id-2019-09-10.jsonl", "click-id-2019-09-11.jsonl", "click-id-2019-09-12.jsonl",
        "click-id-2019-09-13.jsonl", "click-id-2019-09-15.jsonl", "click-id-2019-09-16.jsonl",
        "click-id-2019-09-17.jsonl", "click-id-2019-09-20.jsonl"]
    assert es.UNSEEN_DAYS == {"click-id-2019-09-14.jsonl"}
    assert es.UNSEEN_DAYS < {p.name for p in GOLD_DIR.glob("click-id-*.jsonl")}
