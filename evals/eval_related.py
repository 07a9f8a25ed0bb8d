"""Berita Terkait against editors' own picks, and ``Baca juga`` title resolution, as JSON.

Run: .venv/bin/python evals/eval_related.py [--half report|tune|all] [--leave-one-portal-out]
                                            [--distractors /tmp/warta-bench/click-id.db [--hide-dates]]
     .venv/bin/python evals/eval_related.py --train   (refits link/data/related_model.json)

Gold: the ``Baca juga`` links editors put inside the articles of the shared exports. warta's
parser cuts them out of the bodies (they become ``read_also``), the archive resolves their
titles to archived articles, and a link whose target is in the set is a gold pick. For every
article with at least one gold pick: is one of them in warta's top 10 (top 5) related
articles? Beside it, in the same run, a TF-IDF baseline (cosine of tf·idf vectors of the same
analysed terms, title counted 3×) that prefers recent earlier articles when dates are known.

Articles are split in two halves by a hash of their id: ``tune`` (what the weights in
link/related.py were looked at on, and what ``--train`` fits the ranking model on) and
``report`` (the default; not looked at while tuning). ``candidate_recall`` counts the articles
whose pick is among the candidates warta judges at all (the ceiling of its top 10).
``--leave-one-portal-out`` fits the model on one export and scores every article of the
other, beside the baseline: the acceptance is on a portal warta has not seen.
``--distractors DB`` scores each export again inside a copy of the archive ``DB`` (the
benchmarks' CLICK-ID archive: 21,969 articles of 2019 on the same kinds of subjects), where
the best matches overall are no longer the export's own articles (``among_distractors``);
with ``--hide-dates`` also each dated article as if it had no date (``topical_dates_hidden``,
:func:`hidden_dates`: half of tribunnews-1523's articles are undated).

Not every editor's link is a related story. tribunnews-1523 links mostly to other recent
articles of the same section ("latest"/"popular" links: a bank's results → a toll-road
notice): of 40 random gold pairs checked by hand, 12 are the same story or subject, 4 loosely
related (same market or sector), 24 unrelated. A content ranking that does not pad weak
matches cannot find those, so scores are printed twice: over ``all`` gold picks, and over the
``topical`` ones — picks whose tf·idf cosine with the linking article (the baseline's own
vectors, before time) is at least :data:`TOPICAL_COSINE` (on the 40 checked pairs that cut
agrees with the hand labels on all 40: the 16 related or loose pairs are at 0.10–0.67, the 24
unrelated at 0.01–0.09; it favours the baseline a little, being its own measure). ``topical`` is the
kind of pick the held-out portal's editors make (previous instalments of the story).
``gold_profile`` prints what the picks are: same day / earlier / later / undated, same
section, topical.

CLICK-ID (``../shared/data/news/click-id.jsonl.gz``) has 906 ``Baca juga`` markers in 770
articles but the scraper dropped the linked titles: 4 of them carry a title, so it gives no
gold here (measured by ``clickid_titles``, printed too).

Title resolution (b): per export, links resolved with the archive filled in storage order
and in reverse (the target arriving after the link), beside the links an independent,
looser brute-force matcher (the title's words as a run inside the link, the link minus its
last word at the start of a title, or 85 % character similarity against every title; an
exact title first) finds a target for; and on CLICK-ID titles (not looked at while writing the matcher) cut the way
flattened exports cut them: truncated after 4–9 words or inside a word, glued to the next
sentence, one character changed; and linked before their own article arrives while a
look-alike title is stored (:func:`late_target_resolution`: the link must move to its own
article when that arrives).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import os
import random
import re
import shutil
import sys
from collections import Counter
from datetime import datetime
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from warta.config import shared_path  # noqa: E402
from warta.ingest import ingest_articles  # noqa: E402
from warta.link import related as related_mod  # noqa: E402
from warta.link.titles import title_key  # noqa: E402
from warta.model import Article, ReadAlso  # noqa: E402
from warta.parse import iter_outcomes  # noqa: E402
from warta.store import SQLiteArchive  # noqa: E402

from corpora import NEWS_CORPORA  # noqa: E402

CORPORA = ("tribunnews-1523", "liputan6-kompas-detik-399")
EVAL_DIR = Path(os.environ.get("WARTA_EVAL_DIR", "/tmp/warta-eval"))
TOPICAL_COSINE = 0.1
MODEL_C = 0.01  # the ranking model's L2 strength (scikit-learn's C), by --train's cross-validation


def half_of(article_id: str) -> str:
    """``tune`` or ``report``, by a hash of the id (stable across runs and machines)."""
    return "tune" if hashlib.blake2b(article_id.encode(), digest_size=1).digest()[0] % 2 == 0 else "report"


def parsed(corpus: str) -> list[Article]:
    """The articles of a shared export, parsed by warta (in file order)."""
    sources = [str(shared_path("data", "news", p)) for p in NEWS_CORPORA[corpus]]
    return [o.article for o in iter_outcomes(sources) if o.article is not None]


def archive_of(corpus: str, articles: list[Article]) -> SQLiteArchive:
    """The corpus ingested (enriched) into a cached archive under ``$WARTA_EVAL_DIR``."""
    EVAL_DIR.mkdir(parents=True, exist_ok=True)
    path = EVAL_DIR / f"{corpus}.db"
    if not path.exists():
        with SQLiteArchive(path) as archive:
            ingest_articles(articles, archive, workers=1, enrich=True)
    return SQLiteArchive(path)


def archive_among(corpus: str, articles: list[Article], distractors: Path) -> SQLiteArchive:
    """The corpus ingested into a copy of the archive ``distractors`` (e.g. the benchmarks'
    CLICK-ID archive, 21,969 articles of 2019), cached under ``$WARTA_EVAL_DIR``: the
    editors' picks among many more articles on the same subjects, as a live archive holds."""
    EVAL_DIR.mkdir(parents=True, exist_ok=True)
    path = EVAL_DIR / f"{corpus}+{distractors.stem}.db"
    if not path.exists():
        tmp = Path(str(path) + ".tmp")
        shutil.copyfile(distractors, tmp)
        index = Path(str(distractors) + ".tantivy")
        if index.is_dir():
            shutil.rmtree(str(path) + ".tantivy", ignore_errors=True)
            shutil.copytree(index, str(path) + ".tantivy")
        tmp.rename(path)
        with SQLiteArchive(path) as archive:
            ingest_articles(articles, archive, workers=1, enrich=True)
    return SQLiteArchive(path)


def own_gold(archive: SQLiteArchive, articles: list[Article]) -> dict[str, set[str]]:
    """:func:`gold_links` between the ``articles`` alone (not to or from the distractors)."""
    ids = {a.id for a in articles}
    gold = {a: ts & ids for a, ts in gold_links(archive).items() if a in ids}
    return {a: ts for a, ts in gold.items() if ts}


def gold_links(archive: SQLiteArchive) -> dict[str, set[str]]:
    """Article id → ids of the archived articles its ``Baca juga`` links name."""
    gold: dict[str, set[str]] = {}
    for source, target in archive.conn.execute(
        "SELECT a.id, r.target_id FROM read_also r JOIN articles a ON a.rowid = r.article_rowid "
        "WHERE r.target_id IS NOT NULL AND r.target_id != a.id"
    ):
        gold.setdefault(source, set()).add(target)
    return gold


class TfidfBaseline:
    """Cosine of tf·idf vectors (sublinear tf, title 3×) over warta's analysed terms; when
    both dates are known, earlier articles count fully and decay with age (half weight at
    30 days), later ones count 0.8×."""

    def __init__(self, archive: SQLiteArchive) -> None:
        rows = archive.conn.execute(
            "SELECT a.id, a.published, t.title, t.body FROM articles a JOIN terms t ON t.rowid = a.rowid "
            "ORDER BY a.rowid").fetchall()
        self.ids = [r[0] for r in rows]
        self.dates = [datetime.fromisoformat(r[1]) if r[1] else None for r in rows]
        docs = [Counter(r[3].split()) + Counter({t: 3 for t in r[2].split()}) for r in rows]
        df = Counter(t for d in docs for t in d)
        n = len(docs)
        self.vectors = []
        for d in docs:
            v = {t: (1 + math.log(c)) * math.log((1 + n) / (1 + df[t])) for t, c in d.items()}
            norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
            self.vectors.append({t: x / norm for t, x in v.items()})
        self.position = {i: k for k, i in enumerate(self.ids)}
        self.postings: dict[str, list[int]] = {}
        for k, v in enumerate(self.vectors):
            for t in v:
                self.postings.setdefault(t, []).append(k)

    def cosine(self, a: str, b: str) -> float:
        """Cosine of two articles' tf·idf vectors (no time factor)."""
        u, v = self.vectors[self.position[a]], self.vectors[self.position[b]]
        return sum(x * v.get(t, 0.0) for t, x in u.items())

    def related(self, article_id: str, k: int) -> list[str]:
        me = self.position[article_id]
        q = self.vectors[me]
        scores: Counter[int] = Counter()
        for t, w in q.items():
            for other in self.postings[t]:
                if other != me:
                    scores[other] += w * self.vectors[other][t]
        out = []
        for other, s in scores.items():
            if s >= 0.9:  # a copy of the article, not a related one
                continue
            a, b = self.dates[me], self.dates[other]
            if a and b:
                days = (a - b).total_seconds() / 86400
                s *= 1 / (1 + abs(days) / 30) if days >= 0 else 0.8 / (1 + abs(days) / 30)
            out.append((s, other))
        out.sort(reverse=True)
        return [self.ids[o] for _, o in out[:k]]


def topical(gold: dict[str, set[str]], baseline: TfidfBaseline) -> dict[str, set[str]]:
    """The gold picks about the linking article's subject (cosine ≥ :data:`TOPICAL_COSINE`)."""
    out = {a: {t for t in ts if baseline.cosine(a, t) >= TOPICAL_COSINE} for a, ts in gold.items()}
    return {a: ts for a, ts in out.items() if ts}


def gold_profile(archive: SQLiteArchive, gold: dict[str, set[str]], baseline: TfidfBaseline,
                 chosen: list[str]) -> dict[str, int]:
    """What the gold pairs of ``chosen`` articles are: when the target was published relative
    to the link (same day / earlier / later / undated), same section, topical."""
    section = dict(archive.conn.execute("SELECT id, section_key FROM articles"))
    out = dict.fromkeys(("pairs", "same_day", "target_earlier", "target_later", "undated",
                         "same_section", "topical"), 0)
    for a in chosen:
        for t in gold[a]:
            out["pairs"] += 1
            da, db = baseline.dates[baseline.position[a]], baseline.dates[baseline.position[t]]
            key = ("undated" if da is None or db is None else "same_day" if da.date() == db.date()
                   else "target_earlier" if db < da else "target_later")
            out[key] += 1
            out["same_section"] += bool(section[a]) and section[a] == section[t]
            out["topical"] += baseline.cosine(a, t) >= TOPICAL_COSINE
    return out


def score_related(archive: SQLiteArchive, gold: dict[str, set[str]], half: str,
                  model: related_mod.RelatedModel | None = None) -> dict[str, Any]:
    """Share of articles with a gold pick in the top 5 / top 10, warta (with ``model``, or
    the shipped ranking model) beside the baseline, over all gold picks and over the topical
    ones."""
    baseline = TfidfBaseline(archive)
    chosen = sorted(a for a in gold if half == "all" or half_of(a) == half)
    lists: dict[str, dict[str, list[str]]] = {
        "warta": {a: [h.id for h in related_mod.related_sqlite(archive, a, 10, model)] for a in chosen},
        "tfidf_recency_baseline": {a: baseline.related(a, 10) for a in chosen},
    }
    judged = {a: {c[1] for c in (related_mod.judged_candidates(archive, a) or ([],))[0]} for a in chosen}
    result = _scores(gold, chosen, lists)
    result["candidate_recall"] = _recall(gold, chosen, judged)
    result["gold_profile"] = gold_profile(archive, gold, baseline, chosen)
    on_subject = topical(gold, baseline)
    result["topical"] = _scores(on_subject, [a for a in chosen if a in on_subject], lists)
    result["topical"]["candidate_recall"] = _recall(on_subject, [a for a in chosen if a in on_subject], judged)
    return result


def hidden_dates(archive: SQLiteArchive, gold: dict[str, set[str]], half: str) -> dict[str, Any]:
    """Each dated article of ``half`` with a topical gold pick judged and ranked as if it were
    undated (its published time set to NULL in a transaction rolled back at once): how
    warta's candidates fare for an undated article (half of tribunnews-1523's are), the
    figure :data:`warta.link.related.ESTIMATE_FROM` was chosen on (tune half)."""
    labels = topical(gold, TfidfBaseline(archive))
    dated = dict(archive.conn.execute("SELECT id, published FROM articles WHERE published IS NOT NULL"))
    chosen = sorted(a for a in labels if (half == "all" or half_of(a) == half) and a in dated)
    judged = top10 = 0
    for a in chosen:
        archive.conn.execute("BEGIN")
        try:
            archive.conn.execute("UPDATE articles SET published = NULL, day = NULL WHERE id = ?", (a,))
            found = related_mod.judged_candidates(archive, a)
            judged += bool(found and labels[a] & {c[1] for c in found[0]})
            top10 += bool(labels[a] & {h.id for h in related_mod.related_sqlite(archive, a, 10)})
        finally:
            archive.conn.execute("ROLLBACK")
    return {"articles": len(chosen), "articles_with_a_pick_judged": judged, "warta_top10": top10}


def _recall(gold: dict[str, set[str]], chosen: list[str], judged: dict[str, set[str]]) -> dict[str, Any]:
    """How many of ``chosen`` have a gold pick among the candidates warta judges (the
    ceiling of its top 10), and how many candidates it judges per article."""
    return {"articles_with_a_pick_judged": sum(bool(gold[a] & judged[a]) for a in chosen),
            "mean_judged": round(sum(len(judged[a]) for a in chosen) / len(chosen), 1) if chosen else None}


def _scores(gold: dict[str, set[str]], chosen: list[str],
            lists: dict[str, dict[str, list[str]]]) -> dict[str, Any]:
    result: dict[str, Any] = {"articles": len(chosen), "gold_links": sum(len(gold[a]) for a in chosen)}
    for name, ranked in lists.items():
        rank = ranked.__getitem__
        top5 = top10 = links10 = listed = 0
        for a in chosen:
            got = rank(a)
            listed += len(got)
            top5 += bool(gold[a] & set(got[:5]))
            top10 += bool(gold[a] & set(got))
            links10 += len(gold[a] & set(got))
        result[name] = {
            "top5": round(top5 / len(chosen), 3) if chosen else None,
            "top10": round(top10 / len(chosen), 3) if chosen else None,
            "links_in_top10": round(links10 / result["gold_links"], 3) if chosen else None,
            "mean_listed": round(listed / len(chosen), 2) if chosen else None,
        }
    return result


def _oracle(link: str, titles: list[tuple[str, str]], self_id: str) -> str | None:
    """The first title that ``link`` holds, starts, or is 85 % alike — after an exact title:
    a market desk's daily ``IHSG Ditutup Menguat ke Level 5.751`` is 85 % alike the next
    day's ``… 5.975``, and taking the first of those named the wrong report twice."""
    exact = [i for key, i in titles if key == link and i != self_id]
    if exact:
        return exact[0]
    words = link.split()
    for key, article_id in titles:
        if article_id == self_id:
            continue
        if len(key.split()) >= 4 and f" {key} " in f" {link} ":
            return article_id
        if len(words) >= 4 and key.startswith(" ".join(words[:-1])):
            return article_id
        m = SequenceMatcher(None, link, key)
        if m.quick_ratio() >= 0.85 and m.ratio() >= 0.85:
            return article_id
    return None


def score_resolution(articles: list[Article]) -> dict[str, Any]:
    """Links resolved in storage order and in reverse, beside the looser brute-force oracle."""
    titles = [(title_key(a.title), a.id) for a in articles if a.title]
    out: dict[str, Any] = {"links": sum(len(a.read_also) for a in articles)}
    oracle = {}
    for a in articles:
        for n, link in enumerate(a.read_also):
            target = _oracle(title_key(link.title), titles, a.id)
            if target:
                oracle[(a.id, n)] = target
    out["oracle_resolvable"] = len(oracle)
    for order, seq in (("in_order", articles), ("reversed", articles[::-1])):
        store = SQLiteArchive(":memory:", engine="fts5")
        for i in range(0, len(seq), 200):
            store.put_many(seq[i:i + 200])
        resolved = {(a.id, n): link.id for a in articles for n, link in enumerate((store.get(a.id) or a).read_also)}
        agree = sum(1 for key, target in oracle.items() if resolved.get(key) == target)
        out[order] = {
            "resolved": sum(1 for v in resolved.values() if v),
            "oracle_targets_found": agree,
            "rate_of_oracle_resolvable": round(agree / len(oracle), 3) if oracle else None,
        }
        store.close()
    return out


def _clickid_titles(n: int, *, seed: int) -> tuple[list[tuple[str, str, str]], random.Random]:
    """``n`` CLICK-ID (title, url, content) rows whose title has at least 6 words, drawn with
    ``seed`` (the synthetic resolution checks link to them), and the generator that drew them
    (the checks go on drawing their cuts from it)."""
    rows = []
    with gzip.open(shared_path("data", "news", "click-id.jsonl.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            rows.append((d["title"].strip(), d["url"], d["content"]))
    rng = random.Random(seed)
    return rng.sample([r for r in rows if len(r[0].split()) >= 6], n), rng


def synthetic_resolution(n: int = 1500) -> dict[str, Any]:
    """CLICK-ID titles as flattened exports cut them, linked from a stub article."""
    sample, rng = _clickid_titles(n, seed=5)
    targets = [Article(title=t, url=u, outlet="click-id", paragraphs=[c[:400] or t]) for t, u, c in sample]
    variants: dict[str, list[tuple[str, str]]] = {"exact": [], "truncated_words": [], "truncated_inside_word": [],
                                                  "glued": [], "one_char_changed": []}
    for a, (title, _, content) in zip(targets, sample):
        words = title.split()
        variants["exact"].append((title, a.id))
        variants["truncated_words"].append((" ".join(words[:rng.randint(4, max(4, len(words) - 1))]), a.id))
        cut = " ".join(words[:max(4, len(words) - 1)])
        variants["truncated_inside_word"].append((cut + " " + words[-1][: max(1, len(words[-1]) // 2)], a.id))
        next_sentence = " ".join(re.split(r"[,.]", content.strip(" ,"))[0].split()[:8]) or "Sementara itu"
        variants["glued"].append((title + " " + next_sentence, a.id))
        i = rng.randrange(len(title))
        variants["one_char_changed"].append((title[:i] + ("x" if title[i] != "x" else "y") + title[i + 1:], a.id))
    store = SQLiteArchive(":memory:", engine="fts5")
    store.put_many(targets)
    out: dict[str, Any] = {"titles": n}
    for name, links in variants.items():
        linker = Article(title=f"stub {name}", url=f"https://stub.example/{name}", outlet="stub",
                         paragraphs=["stub"], read_also=[ReadAlso(t) for t, _ in links])
        store.put(linker)
        got = store.get(linker.id)
        right = sum(1 for link, (_, want) in zip(got.read_also, links) if link.id == want)  # type: ignore[union-attr]
        wrong = sum(1 for link, (_, want) in zip(got.read_also, links) if link.id and link.id != want)  # type: ignore[union-attr]
        out[name] = {"resolved_right": round(right / n, 3), "resolved_wrong": round(wrong / n, 3)}
    return out


def late_target_resolution(n: int = 1500) -> dict[str, Any]:
    """CLICK-ID titles linked before their article arrives while a look-alike is stored: the
    title with one letter changed (a re-typed title of the same figures: a ``fuzzy`` match)
    or cut before its last word (the link is the look-alike's title plus a word: ``glued``).
    Stored in that order — look-alikes, the linking stub, the titles' own articles — a link
    first takes the look-alike; it is right when it ends on the title's own article."""
    sample, rng = _clickid_titles(n, seed=17)
    out: dict[str, Any] = {"titles": n}
    for name in ("one_letter_changed", "last_word_cut"):
        targets, lookalikes = [], []
        for title, url, content in sample:
            if name == "one_letter_changed":
                letters = [i for i, ch in enumerate(title) if ch.isalpha()]
                i = rng.choice(letters)
                other = title[:i] + ("x" if title[i].lower() != "x" else "y") + title[i + 1:]
            else:
                other = " ".join(title.split()[:-1])
            targets.append(Article(title=title, url=url, outlet="click-id", paragraphs=[content[:400] or title]))
            lookalikes.append(Article(title=other, url=url + "#lookalike", outlet="click-id",
                                      paragraphs=["mirip: " + (content[:200] or title)]))
        store = SQLiteArchive(":memory:", engine="fts5")
        store.put_many(lookalikes)
        linker = Article(title=f"stub {name}", url=f"https://stub.example/{name}", outlet="stub",
                         paragraphs=["stub"], read_also=[ReadAlso(a.title) for a in targets])
        store.put(linker)
        first = store.get(linker.id)
        store.put_many(targets)
        got = store.get(linker.id)
        store.close()
        wanted = [a.id for a in targets]
        on_lookalike = {a.id for a in lookalikes}
        out[name] = {
            "first_on_lookalike": round(sum(1 for link in first.read_also if link.id in on_lookalike) / n, 3),  # type: ignore[union-attr]
            "resolved_right": round(sum(1 for link, w in zip(got.read_also, wanted) if link.id == w) / n, 3),  # type: ignore[union-attr]
            "left_on_lookalike": round(sum(1 for link in got.read_also if link.id in on_lookalike) / n, 3),  # type: ignore[union-attr]
        }
    return out


def clickid_titles() -> dict[str, int]:
    """How many CLICK-ID ``Baca juga`` markers carry a title the set holds."""
    rows = []
    with gzip.open(shared_path("data", "news", "click-id.jsonl.gz"), "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    keys = {title_key(r["title"]) for r in rows}
    markers = with_title = articles = 0
    for r in rows:
        found = list(re.finditer(r"baca juga\s*:?\s*,*", r["content"], re.I))
        articles += bool(found)
        for m in found:
            markers += 1
            segments = r["content"][m.end():].split(",")[:3]
            with_title += any(title_key(s) in keys and title_key(s) for s in segments)
    return {"articles_with_marker": articles, "markers": markers, "markers_with_a_title_in_the_set": with_title}


def training_rows(archive: SQLiteArchive, labels: dict[str, set[str]], chosen: list[str]
                  ) -> tuple[list[tuple[float, ...]], list[bool], list[str]]:
    """Every candidate warta judges for the ``chosen`` articles as
    :data:`warta.link.related.RELATED_FEATURES` (what the shipped ranking sees), labelled by
    whether it is one of the article's ``labels``; the third list names the article."""
    x: list[tuple[float, ...]] = []
    y: list[bool] = []
    group: list[str] = []
    for a in chosen:
        judged = related_mod.judged_candidates(archive, a)
        if judged is None:
            continue
        kept, published, same_story, names_of, _ = judged
        for c, features in related_mod.score_all(kept, published, same_story, names_of=names_of, features=True):
            x.append(features)
            y.append(c[1] in labels[a])
            group.append(a)
    return x, y, group


def fit_model(x: list[tuple[float, ...]], y: list[bool], c: float = MODEL_C) -> related_mod.RelatedModel:
    """A logistic regression over ``x`` (class-balanced, L2 with scikit-learn's ``C``) whose
    weights are all ≥ 0 except ``undated``'s: more shared text, names, story or closeness
    never lowers a candidate (tribunnews-1523's "latest in the section" links alone would
    teach a negative story weight, which an export of story instalments contradicts), and
    an earlier article never scores below a later one as near (``earlier`` is a bonus on top
    of ``close``)."""
    import numpy as np
    from scipy.optimize import minimize

    xs, ys = np.array(x, dtype=float), np.array(y, dtype=float)
    positives = ys.sum()
    weight = np.where(ys > 0, len(ys) / (2 * positives), len(ys) / (2 * (len(ys) - positives)))

    def loss(theta: Any) -> tuple[float, Any]:
        z = xs @ theta[1:] + theta[0]
        p = 1 / (1 + np.exp(-z))
        value = float(np.sum(weight * (np.logaddexp(0, z) - ys * z)) + theta[1:] @ theta[1:] / (2 * c))
        g = weight * (p - ys)
        return value, np.concatenate([[g.sum()], xs.T @ g + theta[1:] / c])

    free = related_mod.RELATED_FEATURES.index("undated")
    bounds = [(None, None)] + [(None, None) if k == free else (0.0, None) for k in range(xs.shape[1])]
    theta = minimize(loss, np.zeros(xs.shape[1] + 1), jac=True, method="L-BFGS-B", bounds=bounds).x
    return related_mod.RelatedModel(related_mod.RELATED_FEATURES, tuple(round(float(w), 3) for w in theta[1:]),
                                    round(float(theta[0]), 3))


def _in_top10(x: list[tuple[float, ...]], y: list[bool], group: list[str], model: related_mod.RelatedModel,
              chosen: set[str]) -> int:
    """Articles of ``chosen`` with a labelled candidate among their 10 best by ``model``
    (the padding and copy rules left aside)."""
    ranked: dict[str, list[tuple[float, bool]]] = {}
    for features, label, a in zip(x, y, group, strict=True):
        if a in chosen:
            z = model.bias + sum(w * f for w, f in zip(model.weights, features, strict=True))
            ranked.setdefault(a, []).append((-z, not label))
    return sum(any(not miss for _, miss in sorted(v)[:10]) for v in ranked.values())


def train(corpora: tuple[str, ...] = CORPORA) -> dict[str, Any]:
    """Fit the ranking model on the tune half's topical picks and write it to
    ``link/data/related_model.json``; print a 5-fold cross-validation on the tune half
    beside it (how ``MODEL_C`` was chosen; the report half is not read), and the model fitted
    on one export's tune half scored on the other's (:func:`cross_export`)."""
    x: list[tuple[float, ...]] = []
    y: list[bool] = []
    group: list[str] = []
    per: dict[str, tuple[Rows, Rows]] = {}
    for corpus in corpora:
        with archive_of(corpus, parsed(corpus)) as archive:
            gold = gold_links(archive)
            labels = topical(gold, TfidfBaseline(archive))
            chosen = sorted(a for a in labels if half_of(a) == "tune")
            rows = training_rows(archive, labels, chosen)
            per[corpus] = (rows, training_rows(archive, gold, sorted(a for a in gold if half_of(a) == "tune")))
        x, y, group = x + rows[0], y + rows[1], group + rows[2]
    fold = {a: hashlib.blake2b(a.encode(), digest_size=2).digest()[1] % 5 for a in group}
    cv: dict[str, Any] = {"articles": len(fold)}
    for c in (0.01, 0.1, 1.0):
        found = 0
        for k in range(5):
            keep = [n for n, a in enumerate(group) if fold[a] != k]
            model = fit_model([x[n] for n in keep], [y[n] for n in keep], c)
            found += _in_top10(x, y, group, model, {a for a in fold if fold[a] == k})
        cv[f"C={c}"] = found
    model = fit_model(x, y)
    related_mod.MODEL_PATH.write_text(json.dumps({
        "about": "Related-news ranking (warta.link.related): sigmoid(bias + sum(weight * feature)). "
                 "Logistic regression, class-balanced, L2 with C=" + str(MODEL_C) + " (5-fold cross-validation "
                 "on the tune half), weights >= 0 but undated's, over every candidate warta judges for the "
                 "tune half of evals/eval_related.py (tribunnews-1523, liputan6-kompas-detik-399), labelled by "
                 "the editors' topical Baca juga picks. Made by: evals/eval_related.py --train",
        "features": list(model.features), "weights": list(model.weights), "bias": model.bias,
        "trained_on": "tune half, topical picks"}, indent=2) + "\n", encoding="utf-8")
    return {"model": {"weights": dict(zip(model.features, model.weights, strict=True)), "bias": model.bias},
            "candidates": len(x), "positives": sum(y), "cv_topical_in_top10": cv,
            "cross_export_tune_half_in_top10": cross_export(per)}


Rows = tuple[list[tuple[float, ...]], list[bool], list[str]]


def cross_export(per: dict[str, tuple[Rows, Rows]]) -> dict[str, dict[str, str]]:
    """Per export: the model fitted (as ``--train`` does) on the other exports' tune-half
    topical :func:`training_rows`, scored on this export's tune half — articles with a topical
    pick, and with any pick, among their 10 best candidates (``found/articles``; padding and
    copy rules aside). Where the 5-fold cross-validation is at its ceiling this still tells
    features apart, without the report half."""
    out: dict[str, dict[str, str]] = {}
    for held, (top, every) in per.items():
        x = [f for corpus, (rows, _) in per.items() if corpus != held for f in rows[0]]
        y = [v for corpus, (rows, _) in per.items() if corpus != held for v in rows[1]]
        model = fit_model(x, y)
        out[held] = {name: f"{_in_top10(*rows, model, set(rows[2]))}/{len(set(rows[2]))}"
                     for name, rows in (("topical", top), ("all", every))}
    return out


def leave_one_portal_out(corpora: tuple[str, ...] = CORPORA) -> dict[str, Any]:
    """Per export: the model fitted (as ``--train`` does) on the other exports' topical
    picks, both halves, then scored on every article of this one, beside the baseline —
    the acceptance's "unseen portal"."""
    out: dict[str, Any] = {}
    for held in corpora:
        x: list[tuple[float, ...]] = []
        y: list[bool] = []
        for corpus in corpora:
            if corpus == held:
                continue
            with archive_of(corpus, parsed(corpus)) as archive:
                labels = topical(gold_links(archive), TfidfBaseline(archive))
                rows = training_rows(archive, labels, sorted(labels))
            x, y = x + rows[0], y + rows[1]
        model = fit_model(x, y)
        with archive_of(held, parsed(held)) as archive:
            scores = score_related(archive, gold_links(archive), "all", model)
        out[held] = {"trained_on": [c for c in corpora if c != held],
                     "weights": dict(zip(model.features, model.weights, strict=True)), "bias": model.bias,
                     "all": {k: scores[k] for k in ("articles", "warta", "tfidf_recency_baseline")},
                     "topical": {k: scores["topical"][k] for k in ("articles", "warta", "tfidf_recency_baseline")}}
    return out


def _pool(into: dict[str, Any], scores: dict[str, Any]) -> None:
    """Add one corpus's shares, weighted by its articles, to the pooled sums."""
    for name in ("warta", "tfidf_recency_baseline"):
        p = into.setdefault(name, {"top5": 0.0, "top10": 0.0})
        for m in ("top5", "top10"):
            p[m] += (scores[name][m] or 0) * scores["articles"]
    into["articles"] = into.get("articles", 0) + scores["articles"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--half", choices=("report", "tune", "all"), default="report")
    parser.add_argument("--skip-resolution", action="store_true")
    parser.add_argument("--train", action="store_true",
                        help="fit link/data/related_model.json on the tune half and exit")
    parser.add_argument("--leave-one-portal-out", action="store_true",
                        help="also fit on one export, score on the other (all its articles)")
    parser.add_argument("--distractors", type=Path, metavar="DB",
                        help="also score each export ingested into a copy of this archive "
                             "(e.g. the benchmarks' CLICK-ID archive)")
    parser.add_argument("--hide-dates", action="store_true",
                        help="with --distractors: also score each dated article as if undated")
    args = parser.parse_args()
    if args.train:
        print(json.dumps(train(), indent=2))
        return
    result: dict[str, Any] = {"half": args.half, "related": {}, "resolution": {}}
    pooled: dict[str, Any] = {}
    for corpus in CORPORA:
        articles = parsed(corpus)
        with archive_of(corpus, articles) as archive:
            scores = score_related(archive, gold_links(archive), args.half)
        result["related"][corpus] = scores
        _pool(pooled.setdefault("all", {}), scores)
        _pool(pooled.setdefault("topical", {}), scores["topical"])
        if args.distractors:
            with archive_among(corpus, articles, args.distractors) as archive:
                among = score_related(archive, own_gold(archive, articles), args.half)
                hidden = hidden_dates(archive, own_gold(archive, articles), args.half) if args.hide_dates else None
            result["related"].setdefault("among_distractors", {})[corpus] = {
                k: among[k] for k in ("articles", "warta", "tfidf_recency_baseline", "candidate_recall", "topical")}
            if hidden is not None:
                result["related"]["among_distractors"][corpus]["topical_dates_hidden"] = hidden
        if not args.skip_resolution:
            result["resolution"][corpus] = score_resolution(articles)
    for part in pooled.values():
        for name in ("warta", "tfidf_recency_baseline"):
            part[name] = {m: round(v / part["articles"], 3) for m, v in part[name].items()}
    result["related"]["pooled"] = pooled
    if args.leave_one_portal_out:
        result["related"]["leave_one_portal_out"] = leave_one_portal_out()
    if not args.skip_resolution:
        result["resolution"]["click-id_synthetic"] = synthetic_resolution()
        result["resolution"]["click-id_target_after_lookalike"] = late_target_resolution()
        result["resolution"]["click-id_markers"] = clickid_titles()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
