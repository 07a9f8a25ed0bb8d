"""Related news (Berita Terkait): candidates by BM25 over an article's distinctive terms,
plus the near-in-time articles BM25 ranks lower and the best matches of the fortnight
before the article, judged by the tf·idf
similarity of their whole text (:func:`text_similarity`) and ranked by a small logistic
model over that similarity, shared entities, the story and time; copies are never returned.

The ranking model (:func:`related_model`, ``link/data/related_model.json``) is data: a
logistic regression over :data:`RELATED_FEATURES` fitted by ``evals/eval_related.py
--train`` on the tune half of the editors' ``Baca juga`` picks, with every weight but
undated's held ≥ 0 (more shared text, names, story or closeness never lowers a candidate).
Time works as an editor's ``Baca juga`` does: the fitted weights put the earlier instalments
of a story first, recent before old; a later article counts by its closeness alone (never
more than an earlier one as near: the weights are ≥ 0 and the earlier bonus comes on top).

Weak matches are not padded in: a candidate sharing fewer than :data:`MIN_SHARED_TERMS`
distinctive terms and no entity, or scoring below :data:`MIN_RELATIVE` of the best
candidate, is left out, so an article without good matches lists fewer items. Each hit says
why it is there (:attr:`RelatedHit.reasons`: same story, the names and terms shared, how
many days earlier or later).

The story signal marks candidates of the article's own story (on SQLite read from its story
table; other backends pass ``story_of`` to :func:`story_mates`).

Why this shape: an article's own distinctive terms (high tf·idf) are what an editor would
type to find the follow-ups, so the search index already built for `warta search` doubles
as the candidate generator — no second index to keep in step. BM25 over a dozen terms is a
good net but a poor judge, and it ranks some picks low: on the tune half of
evals/eval_related.py the editors' topical pick is among the first 60 matches for 36 of 38
articles (all picks: 39 of 74), and the picks ranked 61–100 were all published within a day
(or undated), so those are judged too (:data:`NEAR_CANDIDATES`, :data:`NEAR_DAYS`). In an
archive of many years the best matches overall are mostly other years' articles on the
subject: with the exports among 22,000 CLICK-ID articles, tribunnews-1523's tune-half topical picks
judged fell from 24 of 25 to 17 of 24. So the best matches of the fortnight before the
article are judged as well (:data:`RECENT_CANDIDATES`, :data:`RECENT_DAYS`, a date range in
the same index): 23 of 24. An undated article (half of tribunnews-1523's) has no fortnight of
its own, so it takes that of the day its best dated matches share (:func:`estimated_day`):
with each dated tune-half article's date hidden, tribunnews-1523's articles with a topical
pick judged go from 13 to 18 of 20 (liputan6-kompas-detik-399: 13 of 13 either way).
Articles naming the article's rarest entities are judged too (:func:`entity_matches`): a
name few articles carry ties instalments whose words differ, which BM25 over a dozen terms
misses among many articles on the subject (tune half among 19,500 enriched CLICK-ID
articles: tribunnews-1523's topical picks in the top 10 22 → 23 of 23).
The article's story mates nearest in time as more candidates found no pick the BM25 matches had
not (either half) and cost up to 2 ms per call at p95, so they are not drawn. Title overlap,
the BM25 rank, the same outlet or section and a 30-day time scale as extra features did not
improve a 5-fold cross-validation on the tune half; the same outlet and section are also
what an editor's own site links by necessity, not what makes a story related. Fitted on one
export's tune half and scored on the other's, the closeness-either-way time features
(:func:`candidate_features`) found 22 of tribunnews-1523's 24 topical picks where a weight
per direction found 20; shared entities weighted by rarity, and a listwise (per-article
softmax) fit of the same features, found no more.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from warta.errors import DataMissing, StoreError
from warta.lang.distinctive import distinctive_terms as _distinctive_terms
from warta.link.dedup import COPY_THRESHOLD, jaccard


@dataclass(slots=True)
class RelatedHit:
    """A related article and why: shared distinctive terms, shared entities, days apart,
    and ``reasons`` (the same as phrases: same story, names …, shares …, N days earlier)."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    score: float
    shared_terms: list[str]
    shared_entities: list[str]
    days_apart: float | None
    reasons: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# The two shapes below are what this module reads of the store's dialect and tantivy
# index (warta.store.dialect.Dialect, warta.search.tantivy_index.TantivyIndex), spelled as
# protocols so that linking never imports the store, a later stage.
class SqlDialect(Protocol):
    """An engine's SQL style: :meth:`sql` rewrites ``?`` placeholders."""

    def sql(self, statement: str) -> str:
        """``statement`` written with ``?`` placeholders, in this engine's style."""


class TermIndex(Protocol):
    """A full-text index that gives BM25 matches and document frequencies."""

    @property
    def num_docs(self) -> int:
        """Number of documents indexed."""

    def search(self, query: str, *, limit: int, offset: int, by_date: bool,
               count: bool = True) -> tuple[int, list[tuple[int, float]]]:
        """(total matches, [(rowid, score)]) of a query in tantivy syntax."""

    def doc_freqs(self, terms: Iterable[str]) -> dict[str, int]:
        """Number of documents holding each term."""


class IndexedArchive(Protocol):
    """What :func:`related_sqlite` reads of an archive: its rows (``conn``, spoken in
    ``dialect``) and a tantivy index of them — the SQLite archive's own, or a PostgreSQL
    serving node's (:mod:`warta.store.node_index`)."""

    conn: Any
    dialect: SqlDialect
    index: TermIndex | None
    path: Any

    def ensure_indexed(self) -> None:
        """Bring the index up to date with the rows before reading it."""

__all__ = ["RELATED_FEATURES", "IndexedArchive", "RelatedHit", "RelatedModel", "SqlDialect", "TermIndex", "candidate_features", "distinctive_terms",
           "entity_matches", "estimated_day", "judged_candidates", "near_window", "not_copies", "published_day", "query_vector", "rank_named", "rare_entities",
           "rank_candidates", "reasons", "recent_window", "related_model", "related_sqlite", "rescore", "score_all",
           "score_candidate", "story_mates", "text_similarity"]

MAX_TERMS = 12
# the BM25 matches judged: 60 cost p95 13–16 ms of CPU per call at 220,000 articles; the
# first 100 judged every time cost 21 ms. Still 60 beside the recent matches below (on the
# tune half 40 did as well for less): the best matches overall are the only way in for
# instalments older than the recent window and for undated articles
CANDIDATES = 60
# … and the matches down to this rank published within NEAR_DAYS calendar days: the tune
# half's picks ranked 61–100 by BM25 (7 of 74) were all 0–1 day apart or undated
NEAR_CANDIDATES = 100
NEAR_DAYS = 1
# … and the best matches published from RECENT_DAYS before the article to NEAR_DAYS after
# (chosen on the tune half among 22,000 CLICK-ID distractors: 30 days found 20 of 24 topical
# picks, 7 or 14 days 23; 14 keeps a fortnight of a developing story's earlier instalments)
RECENT_CANDIDATES = 40
RECENT_DAYS = 14
# an undated article's recent window runs around the day its best dated matches share: the
# median day of the ESTIMATE_FROM dated candidates with the highest text score (chosen on
# the tune half among the distractors, each dated article's date hidden: the median of 3
# is within a day of the true day for 27 of 33 articles and brings 18 of 20 tribunnews
# picks among the candidates (without: 13), the best match alone 27 and 17, the median of 5
# 20 and 16)
ESTIMATE_FROM = 3
TIME_SCALE_DAYS = 3.0
TITLE_BOOST = 3
MIN_SHARED_TERMS = 2
MIN_RELATIVE = 0.35  # below this share of the best score a candidate is padding
MODEL_PATH = Path(__file__).parent / "data" / "related_model.json"
# what the ranking model weighs, each in [0, 1] (see :func:`candidate_features`)
RELATED_FEATURES = ("text", "entities", "same_story", "close", "earlier", "undated")
MAX_ENTITIES = 5  # shared entities counted (more add nothing)


@dataclass(frozen=True, slots=True)
class RelatedModel:
    """The ranking: ``sigmoid(bias + Σ weight·feature)`` over :data:`RELATED_FEATURES`
    (a logistic regression fitted by ``evals/eval_related.py --train``)."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float


@lru_cache(maxsize=4)
def related_model(path: str | None = None) -> RelatedModel:
    """The ranking model in ``path`` (default: the shipped ``link/data/related_model.json``)."""
    where = Path(path) if path else MODEL_PATH
    try:
        d = json.loads(where.read_text(encoding="utf-8"))
        model = RelatedModel(tuple(d["features"]), tuple(float(w) for w in d["weights"]), float(d["bias"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataMissing(f"{where}: no related-news model ({exc}); restore it from the "
                          "repository or retrain it with evals/eval_related.py --train") from exc
    if model.features != RELATED_FEATURES or len(model.weights) != len(RELATED_FEATURES):
        raise DataMissing(f"{where}: features {list(model.features)!r} are not {list(RELATED_FEATURES)!r}; "
                          "retrain it with evals/eval_related.py --train")
    return model


def distinctive_terms(
    counts: Counter[str], df: dict[str, int], total: int, limit: int = MAX_TERMS
) -> list[str]:
    """The ``limit`` terms with the highest tf·idf that at least one other article shares."""
    return _distinctive_terms(counts, df, total, limit, min_df=2)


def candidate_features(
    text_score: float, best: float, shared_entities: int, days_apart: float | None,
    *, earlier: bool = True, same_story: bool = False,
) -> tuple[float, ...]:
    """A candidate as :data:`RELATED_FEATURES`: its text score over the best candidate's
    (:func:`text_similarity`, or an engine's BM25), shared entities (up to
    :data:`MAX_ENTITIES`), the same story, closeness in time ``1 / (1 + days /
    TIME_SCALE_DAYS)`` either way, the same closeness again for an earlier article (or one
    of the same time), and undated (no closeness).

    Why closeness twice and not once per direction: with every weight ≥ 0 an earlier article
    always scores at least as high as a later one equally far, and the model's L2 penalty
    pulls the earlier bonus towards 0 unless the picks ask for it — a later article of the
    next day stays near (on the tune half 4 of 318 candidates 1–3 days earlier are picks, 1
    of 165 as much later: too few to tell the two sides apart), where a weight per direction
    fitted on that one later pick had dropped later articles' closeness altogether."""
    close = None if days_apart is None else 1.0 / (1.0 + days_apart / TIME_SCALE_DAYS)
    return (
        text_score / best if best > 0 else 0.0,
        min(shared_entities, MAX_ENTITIES) / MAX_ENTITIES,
        float(same_story),
        close if close is not None else 0.0,
        close if close is not None and earlier else 0.0,
        float(close is None),
    )


def score_candidate(
    text_score: float, best: float, shared_entities: int, days_apart: float | None,
    *, earlier: bool = True, same_story: bool = False, model: RelatedModel | None = None,
) -> float:
    """Final score in (0, 1): the ranking model (:func:`related_model`) over the candidate's
    :func:`candidate_features`."""
    m = model or related_model()
    features = candidate_features(text_score, best, shared_entities, days_apart,
                                  earlier=earlier, same_story=same_story)
    z = m.bias + sum(w * f for w, f in zip(m.weights, features, strict=True))
    return round(1.0 / (1.0 + math.exp(-z)), 4)


def reasons(shared_terms: list[str], shared_entities: list[str], days_apart: float | None,
            earlier: bool | None, same_story: bool) -> list[str]:
    """Why a related article is listed, as short English phrases (the API and CLI show them)."""
    out = ["same story"] if same_story else []
    if shared_entities:
        out.append("names " + ", ".join(shared_entities[:5]))
    if shared_terms:
        out.append("shares " + ", ".join(shared_terms[:6]))
    if days_apart is not None and earlier is not None:
        when = "same day" if days_apart < 1 else f"{days_apart:g} days {'earlier' if earlier else 'later'}"
        out.append(when)
    return out


_instant = lru_cache(maxsize=8192)(datetime.fromisoformat)  # the same candidates recur


def _signed_days(a: str | None, b: str | None) -> float | None:
    """Days from ``b`` to ``a`` (positive: ``b`` is earlier), None when one is undated."""
    if not a or not b:
        return None
    try:
        delta = _instant(a) - _instant(b)
    except (TypeError, ValueError):  # naive vs aware timestamps: compare the dates only
        delta = _instant(a[:10]) - _instant(b[:10])
    return delta.total_seconds() / 86400


def _unsigned(signed: float | None) -> float | None:
    """Days apart, either way, to the hundredth (None: undated)."""
    return None if signed is None else round(abs(signed), 2)



def story_mates(story_of: Callable[[str], str | None] | None, article_id: str,
                ids: list[str]) -> set[str]:
    """Ids among ``ids`` in the story of ``article_id`` (empty without a story signal)."""
    if story_of is None:
        return set()
    own = story_of(article_id)
    if own is None:
        return set()
    return {i for i in ids if story_of(i) == own}


def query_vector(counts: Counter[str], df: dict[str, int], total: int) -> dict[str, float]:
    """What a candidate's sublinear tf of each of an article's terms is worth: the article's
    own tf·idf weight of the term (sublinear tf) times the term's idf — the two factors
    of a tf·idf dot product that do not depend on the candidate — scaled so that the
    article's vector has unit length."""
    idf = {t: math.log((1 + total) / (1 + df.get(t, 0))) for t, n in counts.items() if n > 0}
    weight = {t: (1.0 + math.log(counts[t])) * i for t, i in idf.items()}
    norm = math.sqrt(sum(w * w for w in weight.values())) or 1.0
    # all the terms: keeping the 50 heaviest lost 2 of 38 top-5 picks on the tune half
    return {t: weight[t] * idf[t] / norm for t in idf if idf[t] > 0}


_TABLE = 1024
_SUBLINEAR = [0.0] + [1.0 + math.log(n) for n in range(1, _TABLE)]


def text_similarity(vector: dict[str, float], title: str, body: str) -> float:
    """How much of an article's text a candidate's analysed title and body hold: the tf·idf
    dot product over the terms they share (the candidate's terms weighted like the
    article's: sublinear tf, title :data:`TITLE_BOOST`×; ``vector`` from
    :func:`query_vector`), over the square root of the candidate's distinct terms (a long
    text shares more by chance). Only the article's document frequencies are needed."""
    counts = Counter(body.split())  # counted in C
    for term in title.split():
        counts[term] += TITLE_BOOST
    if not counts:
        return 0.0
    # the shared terms by a set operation in C (most terms are not shared); 1 + ln n looked up
    dot = sum([vector[t] * (_SUBLINEAR[n] if (n := counts[t]) < _TABLE else 1.0 + math.log(n))
               for t in counts.keys() & vector.keys()])
    return dot / math.sqrt(len(counts))


def rescore(kept: list[tuple[Any, ...]], vector: dict[str, float],
            texts: dict[Any, tuple[str, str]]) -> list[tuple[Any, ...]]:
    """``kept`` with each engine score (index 7) replaced by :func:`text_similarity` of the
    candidate's (title, body) terms in ``texts`` (keyed by rowid, index 0); a candidate
    without stored terms gets 0. Identical texts (a wire story carried word for word by
    several outlets) are judged once."""
    out = []
    judged: dict[tuple[str, str], float] = {}
    for c in kept:
        text = texts.get(c[0], ("", ""))
        similarity = judged.get(text)
        if similarity is None:
            similarity = judged[text] = text_similarity(vector, *text)
        out.append((*c[:7], similarity, *c[8:]))
    return out


def _document_frequencies(archive: IndexedArchive, terms: list[str]) -> dict[str, int]:
    marks = ",".join("?" * len(terms))
    return dict(
        archive.conn.execute(f"SELECT term, doc FROM fts_vocab WHERE term IN ({marks})", terms)
    )


def related_sqlite(archive: IndexedArchive, article_id: str, k: int = 5,
                   model: RelatedModel | None = None) -> list[RelatedHit]:
    """Top-``k`` related articles of ``article_id`` in a SQLite archive, or in any archive
    with a tantivy index of its rows (a PostgreSQL serving node's: candidates from the index,
    as on SQLite); ``model`` replaces the shipped ranking model (evaluations)."""
    found = judged_candidates(archive, article_id)
    if found is None:
        return []
    kept, published, same_story, names_of, shared_of = found
    return rank_candidates(kept, published, same_story, k, names_of=names_of, shared_of=shared_of, model=model)


Judged = tuple[list[tuple[Any, ...]], str | None, set[str], Callable[[tuple[Any, ...]], list[str]],
               Callable[[tuple[Any, ...]], list[str]]]


def judged_candidates(archive: IndexedArchive, article_id: str) -> Judged | None:
    """What :func:`rank_candidates` ranks for ``article_id``: the candidates (copies left
    out) with their text scores, the article's published time, its story mates among them
    and the look-ups of a candidate's shared names and distinctive terms; None when the
    article has no distinctive terms or no candidate. An undated article's recent window is
    that of its :func:`estimated_day`."""
    conn = archive.conn
    row = conn.execute(archive.dialect.sql(
        "SELECT a.rowid, a.published, a.title_key, t.title, t.body, s.sig FROM articles a "
        "JOIN terms t ON t.rowid = a.rowid JOIN signatures s ON s.rowid = a.rowid "
        "WHERE a.id = ?"),
        (article_id,),
    ).fetchone()
    if row is None:
        raise StoreError(f"no article with id {article_id!r} in {archive.path}")
    rowid, published, own_title, title, body, sig = row
    counts = Counter(body.split())
    for term in title.split():
        counts[term] += TITLE_BOOST
    if not counts:
        return None
    if archive.index is not None:
        archive.ensure_indexed()
        df, total = archive.index.doc_freqs(counts), archive.index.num_docs
    else:
        df = _document_frequencies(archive, list(counts))
        total = conn.execute("SELECT max(rowid) FROM articles").fetchone()[0] or 1
    terms = distinctive_terms(counts, df, total)
    if not terms:
        return None
    chosen = _candidates(archive, terms, rowid, published)
    kept = not_copies(_rows(archive, chosen), own_title, sig)
    if not kept:
        return None
    texts = {c[0]: (c[8], c[9]) for c in kept}  # read with the candidate rows
    vector = query_vector(counts, df, total)
    kept = rescore(kept, vector, texts)
    dated = published_day(published) is not None
    day = published if dated else estimated_day(kept)
    # no date of its own: the window of its best matches' day
    more = {} if dated else dict(_recent_matches(archive, terms, rowid, day))
    for r in entity_matches(archive.conn, archive.dialect.sql, rowid, day):
        more.setdefault(r, 0.0)
    more = {r: score for r, score in more.items() if r not in chosen}
    extra = not_copies(_rows(archive, more), own_title, sig)
    texts.update((c[0], (c[8], c[9])) for c in extra)
    kept += rescore(extra, vector, texts)
    entities = _shared_entities(archive, rowid, [c[0] for c in kept])
    same_story = _story_mates(archive, rowid, kept)
    return (kept, published, same_story, lambda c: entities.get(c[0], []),
            lambda c: _shared_terms(texts.get(c[0], ("", "")), terms))


# Candidates by rare names: the articles naming the article's rarest entities (those named by
# at least two articles), as many of them as add up to ENTITY_POSTINGS articles, most of
# those names shared first, then the nearest in time; the ENTITY_CANDIDATES first are judged.
# A person, place or body few articles name ties instalments whose words differ (a toll road
# named in a summit report and in the finance minister's growth figures); BM25 over a dozen
# terms misses them among many articles on the subject. Chosen on the tune half among 19,500
# enriched CLICK-ID distractors (tribunnews-1523, topical picks in the top 10 / with the
# dates hidden): 22 / 13 without, 23 / 13 with 50 postings × 10 or 100 × 20, 23 / 14 with
# 200 × 20 (the least that reaches every tune figure; 400 × 40 the same for 13 more judged)
ENTITY_POSTINGS = 200
ENTITY_CANDIDATES = 20
_OWN_RARE = ("SELECT e.rowid, e.article_count FROM article_entities s JOIN entities e ON e.rowid = s.entity_rowid "
             "WHERE s.article_rowid = ? AND e.article_count >= 2 AND e.article_count <= ? "
             "ORDER BY e.article_count, e.name_key")
_NAMING = ("SELECT o.article_rowid, a.day FROM article_entities o JOIN articles a ON a.rowid = o.article_rowid "
           "WHERE o.entity_rowid IN ({marks}) AND o.article_rowid != ?")


def rare_entities(counts: list[tuple[int, int]], budget: int | None = None) -> list[int]:
    """The entity rowids of ``counts`` ((rowid, article count), rarest first) whose article
    counts add up to at most ``budget`` (default :data:`ENTITY_POSTINGS`)."""
    budget = ENTITY_POSTINGS if budget is None else budget
    chosen, postings = [], 0
    for entity, n in counts:
        if postings + n > budget:
            break
        chosen.append(entity)
        postings += n
    return chosen


def rank_named(postings: list[tuple[int, str | None]], day: str | None, limit: int | None = None) -> list[int]:
    """The article rowids of ``postings`` ((rowid, day) per rare entity an article names):
    most rare names first, then the nearest ``day`` (undated last), then by rowid; at most
    ``limit`` (default :data:`ENTITY_CANDIDATES`)."""
    limit = ENTITY_CANDIDATES if limit is None else limit
    shared = Counter(r for r, _ in postings)
    days = dict(postings)
    own = published_day(day)

    def away(r: int) -> float:
        other = published_day(days[r])
        return math.inf if own is None or other is None else abs((own - other).days)

    return sorted(shared, key=lambda r: (-shared[r], away(r), r))[:limit]


def entity_matches(conn: Any, sql: Callable[[str], str], rowid: int, day: str | None) -> list[int]:
    """Rowids of the articles naming the rarest entities of article ``rowid``
    (:func:`rare_entities`, :func:`rank_named`); ``sql`` writes a statement in the engine's
    placeholder style. Both backends call it, so they draw the same candidates."""
    if ENTITY_CANDIDATES <= 0:
        return []
    rare = rare_entities(conn.execute(sql(_OWN_RARE), (rowid, ENTITY_POSTINGS)).fetchall())
    if not rare:
        return []
    postings = conn.execute(sql(_NAMING.format(marks=",".join("?" * len(rare)))), [*rare, rowid]).fetchall()
    return rank_named([tuple(p) for p in postings], day)


def not_copies(candidates: list[tuple[Any, ...]], own_title: str | None, sig: bytes) -> list[tuple[Any, ...]]:
    """``candidates`` (title key at index 5, signature at 6) without the article's copies:
    the same title, or an estimated Jaccard similarity of :data:`COPY_THRESHOLD` or more
    (:func:`warta.link.dedup.jaccard`, for all of them in one array operation)."""
    if not candidates:
        return []
    own = np.frombuffer(sig, dtype=np.uint32)
    agree = (np.frombuffer(b"".join(c[6] for c in candidates), dtype=np.uint32).reshape(len(candidates), -1)
             == own).sum(axis=1) / len(own)
    return [c for c, j in zip(candidates, agree.tolist(), strict=True)
            if j < COPY_THRESHOLD and not (own_title and c[5] == own_title)]


def rank_candidates(kept: list[tuple[Any, ...]], published: str | None, same_story: set[str],
                    k: int, *, names_of: Callable[[tuple[Any, ...]], list[str]],
                    shared_of: Callable[[tuple[Any, ...]], list[str]],
                    model: RelatedModel | None = None) -> list[RelatedHit]:
    """The ranking both backends share: score candidates ``(rowid, id, title, outlet,
    published, title_key, signature, text score, …)`` (:func:`score_candidate`), drop
    padding below the floor, copies of a hit already listed and one-word coincidences; at
    most ``k`` hits. ``names_of``/``shared_of`` give a candidate's shared entity names and
    distinctive terms."""
    scored = sorted(((v, c) for c, v in score_all(kept, published, same_story, names_of=names_of,
                                                  model=model)), key=lambda pair: (-pair[0], pair[1][0]))
    floor = MIN_RELATIVE * scored[0][0]
    hits: list[RelatedHit] = []
    chosen: list[tuple[str, bytes]] = []  # (title key, signature) of the hits so far
    for value, c in scored:
        if value < floor:
            break  # the rest is padding
        if any((t and c[5] == t) or jaccard(c[6], s) >= COPY_THRESHOLD for t, s in chosen):
            continue  # a copy of a story already listed adds nothing
        shared = shared_of(c)
        names = sorted(names_of(c))
        if len(shared) < MIN_SHARED_TERMS and not names:
            continue  # one common word in common is a coincidence, not a related story
        signed = _signed_days(published, c[4])
        days = _unsigned(signed)
        why = reasons(shared, names, days, None if signed is None else signed >= 0, c[1] in same_story)
        hits.append(RelatedHit(c[1], c[2], c[3], c[4], value, shared, names, days, why))
        chosen.append((c[5], c[6]))
        if len(hits) == k:
            break
    return hits


def score_all(kept: list[tuple[Any, ...]], published: str | None, same_story: set[str], *,
              names_of: Callable[[tuple[Any, ...]], list[str]], model: RelatedModel | None = None,
              features: bool = False) -> list[tuple[tuple[Any, ...], Any]]:
    """Each candidate with its :func:`score_candidate` (or, with ``features``, its
    :func:`candidate_features`: what ``evals/eval_related.py --train`` fits the model on)."""
    best = max(c[7] for c in kept)
    out = []
    for c in kept:
        signed = _signed_days(published, c[4])
        days = _unsigned(signed)
        how = {"earlier": signed is None or signed >= 0, "same_story": c[1] in same_story}
        n = len(names_of(c))
        out.append((c, candidate_features(c[7], best, n, days, **how) if features
                    else score_candidate(c[7], best, n, days, model=model, **how)))
    return out


def _candidates(archive: IndexedArchive, terms: list[str], rowid: int, published: str | None
                ) -> dict[int, float]:
    """rowid → BM25 score of the :data:`CANDIDATES` best matches of ``terms`` (any of them),
    best first, without the article itself; then the matches down to rank
    :data:`NEAR_CANDIDATES` published within :data:`NEAR_DAYS` of the article (or undated),
    and the best of :func:`recent_window` (:func:`_recent_matches`)."""
    ranked = _bm25_matches(archive, terms, rowid, NEAR_CANDIDATES)
    chosen = dict(ranked[:CANDIDATES])
    tail = ranked[CANDIDATES:NEAR_CANDIDATES]
    near = _near(archive, published, [r for r, _ in tail])
    chosen.update((r, score) for r, score in tail if r in near)
    for r, score in _recent_matches(archive, terms, rowid, published):
        chosen.setdefault(r, score)
    return chosen


def _recent_matches(archive: IndexedArchive, terms: list[str], rowid: int, published: str | None
                    ) -> list[tuple[int, float]]:
    """(rowid, score) of the :data:`RECENT_CANDIDATES` best matches published within
    :func:`recent_window` of ``published`` (none when it is undated)."""
    window = recent_window(published)
    if window is None or RECENT_CANDIDATES <= 0:
        return []
    return _bm25_matches(archive, terms, rowid, RECENT_CANDIDATES, window)


def estimated_day(kept: list[tuple[Any, ...]]) -> str | None:
    """The day an undated article most likely belongs to, from its judged candidates
    ``kept`` (published at index 4, text score at 7): the median calendar day of the
    :data:`ESTIMATE_FROM` dated ones with the highest text score (ties by rowid; of two, the
    later), as ``YYYY-MM-DD``; None when none is dated. Articles on one subject cluster in
    time, so the best dated matches date the article well enough to draw the matches of the
    fortnight before it (:func:`recent_window`); the ranking still treats it as undated
    (timing the candidates by the estimate found 15 of 20 tune-half picks with dates hidden
    where 14 were found without, but 9 of 17 on the report half where 12 were)."""
    dated = sorted(((c[7], c[0], day) for c in kept if (day := published_day(c[4])) is not None),
                   key=lambda x: (-x[0], x[1]))[:ESTIMATE_FROM]
    if not dated:
        return None
    days = sorted(day for _, _, day in dated)
    return days[len(days) // 2].isoformat()


def _bm25_matches(archive: IndexedArchive, terms: list[str], rowid: int, limit: int,
                  window: tuple[str, str] | None = None) -> list[tuple[int, float]]:
    """(rowid, score) of the ``limit`` best BM25 matches of any of ``terms``, best first,
    without the article itself; with ``window`` (first and last ``YYYY-MM-DD`` day) only
    those published then. FTS5 when the archive has no tantivy index, else tantivy."""
    if archive.index is None:
        match = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
        if window is None:
            rows = archive.conn.execute(
                "SELECT rowid, -bm25(fts, 4.0, 1.0) AS score FROM fts WHERE fts MATCH ? AND rowid != ? "
                "ORDER BY score DESC LIMIT ?", (match, rowid, limit))
        else:
            rows = archive.conn.execute(
                "SELECT f.rowid, -bm25(fts, 4.0, 1.0) AS score FROM fts f JOIN articles a ON a.rowid = f.rowid "
                "WHERE fts MATCH ? AND f.rowid != ? AND a.day BETWEEN ? AND ? ORDER BY score DESC LIMIT ?",
                (match, rowid, *window, limit))
        return [tuple(p) for p in rows.fetchall()]
    query = " OR ".join('"' + t.replace('"', "").replace("\\", "") + '"' for t in terms)
    if window is not None:
        lo, hi = (d.replace("-", "") for d in window)
        query = f"({query}) AND day:[{lo} TO {hi}]"
    _, pairs = archive.index.search(query, limit=limit + 1, offset=0, by_date=False, count=False)
    return [(r, score) for r, score in pairs if r != rowid][:limit]


def recent_window(published: str | None) -> tuple[str, str] | None:
    """The first and last ``YYYY-MM-DD`` day of the time an editor's earlier instalments
    come from: :data:`RECENT_DAYS` calendar days before ``published`` to :data:`NEAR_DAYS`
    after (None when the article is undated)."""
    day = published_day(published)
    if day is None:
        return None
    return (day - timedelta(days=RECENT_DAYS)).isoformat(), (day + timedelta(days=NEAR_DAYS)).isoformat()


def published_day(published: str | None) -> date | None:
    """The calendar day of an ISO ``published`` value (None when undated or unreadable)."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def near_window(published: str | None) -> tuple[str, str] | None:
    """The first and last ``YYYY-MM-DD`` day within :data:`NEAR_DAYS` calendar days of
    ``published``, the range in which a match below rank :data:`CANDIDATES` is still judged
    (None when the article is undated: no time to be near). Both backends read it."""
    day = published_day(published)
    if day is None:
        return None
    window = timedelta(days=NEAR_DAYS)
    return (day - window).isoformat(), (day + window).isoformat()


def _near(archive: IndexedArchive, published: str | None, rowids: list[int]) -> set[int]:
    """The ``rowids`` published within :func:`near_window` of ``published``, or undated; by
    the stored ``day``, in SQL (parsing 100 timestamps cost more than the query)."""
    window = near_window(published)
    if window is None or not rowids:
        return set()
    marks = ",".join("?" * len(rowids))
    return {r for (r,) in archive.conn.execute(archive.dialect.sql(
        f"SELECT rowid FROM articles WHERE rowid IN ({marks}) AND (day IS NULL OR day BETWEEN ? AND ?)"),
        [*rowids, *window])}


_COLUMNS = "a.rowid, a.id, a.title, a.outlet, a.published, a.title_key, s.sig"
_JOINS = "JOIN signatures s ON s.rowid = a.rowid JOIN terms t ON t.rowid = a.rowid"


def _rows(archive: IndexedArchive, scores: dict[int, float]) -> list[tuple]:
    """The candidate rows of ``scores`` (rowid → engine score), in its order."""
    if not scores:
        return []
    marks = ",".join("?" * len(scores))
    rows = {r[0]: r for r in archive.conn.execute(archive.dialect.sql(
        f"SELECT {_COLUMNS}, t.title, t.body FROM articles a {_JOINS} WHERE a.rowid IN ({marks})"),
        list(scores))}
    return [(*rows[r][:7], score, *rows[r][7:]) for r, score in scores.items() if r in rows]


def _shared_entities(archive: IndexedArchive, rowid: int, others: list[int]) -> dict[int, list[str]]:
    marks = ",".join("?" * len(others))
    rows = archive.conn.execute(archive.dialect.sql(
        "SELECT o.article_rowid, e.name FROM article_entities s "
        "JOIN article_entities o ON o.entity_rowid = s.entity_rowid "
        "JOIN entities e ON e.rowid = s.entity_rowid "
        f"WHERE s.article_rowid = ? AND o.article_rowid IN ({marks})"),
        [rowid, *others],
    ).fetchall()
    out: dict[int, list[str]] = {}
    for other, name in rows:
        out.setdefault(other, []).append(name)
    return out


def _story_mates(archive: IndexedArchive, rowid: int, kept: list[tuple[Any, ...]]) -> set[str]:
    """Ids of the candidates in the article's story, from the archive's story table in one
    query (a look-up per candidate was a fifth of the time)."""
    rowids = [rowid, *(c[0] for c in kept)]
    story = dict(archive.conn.execute(archive.dialect.sql(
        f"SELECT article_rowid, story_id FROM story_members WHERE article_rowid IN "
        f"({','.join('?' * len(rowids))})"), rowids))
    own = story.get(rowid)
    return set() if own is None else {c[1] for c in kept if story.get(c[0]) == own}


def _shared_terms(text: tuple[str, str], terms: list[str]) -> list[str]:
    """The distinctive ``terms`` a candidate's (title, body) holds, in their order."""
    present = set(text[0].split()) | set(text[1].split())
    return [t for t in terms if t in present]
