"""Stories: the real-world happenings behind the articles, found online as articles arrive.

An article's **story features** are a short, L2-normalised tf·idf vector: its most distinctive
analysed terms (title terms count :data:`TITLE_BOOST` times) and its named entities, with the
idf taken from the shipped table (``enrich/data/keyword_idf.tsv.gz``) — a FIXED table, not the
archive's changing statistics, so an article's features never depend on what arrived before it.

Two articles are **linked** when the dot product of their vectors, decayed by the time
between them (``exp(-days / DECAY_DAYS)``, nothing beyond ``WINDOW_DAYS``), reaches
:data:`LINK_THRESHOLD`. A story is a connected group of linked articles. Links are symmetric
and decided pairwise, so the stories are a function of the SET of articles: whatever the
arrival order, the same articles give the same links and the same groups; an article that
links two stories merges them. A story's id is derived from its earliest member (published
time, then article id), so it is the same on every re-ingest too.

Why connected groups and not centroids: a centroid moves with every arrival, so what joins a
story depends on who came first; a pairwise link does not. Chaining (A~B, B~C, A≁C) is held
back by keeping the vectors short and distinctive and the time window narrow.

This module holds the pure part (features, similarity, an in-memory clusterer used by the
evaluation and as the reference for the archive's incremental version in
:mod:`warta.store.sqlite_stories`).
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from warta.link.titles import title_key
from warta.model import Article

__all__ = [
    "DECAY_DAYS",
    "LINK_THRESHOLD",
    "WINDOW_DAYS",
    "StoryFeatures",
    "central_member",
    "cluster",
    "decay",
    "features",
    "similarity",
    "similarity_of",
    "story_id",
    "story_id_for",
]

MAX_TERMS = 25          # distinctive terms kept per article: the vector's length
TITLE_BOOST = 3         # a title term counts as three body occurrences (as in related news)
ENTITY_PREFIX = "@"     # entity features live beside terms, kept apart by this prefix
ENTITY_WEIGHT = 4.0     # an entity feature weighs about as much as a distinctive term
MAX_ENTITIES = 8
LINK_THRESHOLD = 0.30   # decayed dot product at or above which two articles are one story
DECAY_DAYS = 2.0        # e-folding time of the similarity (days)
WINDOW_DAYS = 3         # articles further apart (calendar days) are never linked
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(slots=True)
class StoryFeatures:
    """What story clustering knows of an article: its vector (feature → weight, unit
    length), when it was published (days since 1970-01-01 UTC, fractional; None: undated),
    and the key that orders members (published time, then id)."""

    article_id: str
    vector: dict[str, float]
    days: float | None
    outlet: str | None = None
    title: str | None = None

    @property
    def day(self) -> int | None:
        """The whole day number (the time-window bucket); None when undated."""
        return None if self.days is None else math.floor(self.days)

    @property
    def order_key(self) -> tuple[float, str]:
        """Earliest first; undated articles after dated ones; ties by id."""
        return (self.days if self.days is not None else math.inf, self.article_id)


def _idf_table():
    from warta.enrich.keywords import load_idf

    return load_idf()


def _days(published: datetime | None) -> float | None:
    if published is None:
        return None
    if published.tzinfo is None:  # a naive time is read as UTC: the same every run
        published = published.replace(tzinfo=UTC)
    return (published - _EPOCH).total_seconds() / 86400.0


def features(article: Article, title_terms: Sequence[str], body_terms: Sequence[str]
             ) -> StoryFeatures:
    """The story features of an article from its analysed title and body terms (those of
    :func:`warta.search.analysis.analyze`, which ingest has computed already)."""
    table = _idf_table()
    counts: Counter[str] = Counter(t for t in body_terms if _usable(t))
    for term in title_terms:
        if _usable(term):
            counts[term] += TITLE_BOOST
    weights = {t: (1.0 + math.log(tf)) * table.idf(t) for t, tf in counts.items()}
    top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TERMS]
    vector = dict(top)
    for name, mentions in _entities(article):
        vector[ENTITY_PREFIX + name] = ENTITY_WEIGHT * (1.0 + math.log(mentions))
    norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
    unit = {t: round(w / norm, 6) for t, w in vector.items()}
    return StoryFeatures(article.id, unit, _days(article.published), article.outlet,
                         article.title)


def _usable(term: str) -> bool:
    """Terms that can tell stories apart: words of three letters or more, not numbers."""
    return len(term) >= 3 and not term.isdigit() and any(c.isalpha() for c in term)


def _entities(article: Article) -> list[tuple[str, int]]:
    """The article's most mentioned entities (people, organisations, places, events) as
    (key, mentions), at most :data:`MAX_ENTITIES`, ties by name: deterministic."""
    found: dict[str, int] = {}
    for entity in article.entities:
        key = title_key(entity.name)
        if key:
            found[key] = found.get(key, 0) + max(1, len(entity.mentions))
    ranked = sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))
    return ranked[:MAX_ENTITIES]


def decay(days_a: float | None, days_b: float | None) -> float:
    """How much two publication times let a similarity count: 1 at the same moment,
    ``exp(-Δ/DECAY_DAYS)`` apart, 0 beyond :data:`WINDOW_DAYS` calendar days; two undated
    articles count fully, one dated and one undated not at all."""
    if days_a is None or days_b is None:
        return 1.0 if days_a is None and days_b is None else 0.0
    if abs(math.floor(days_a) - math.floor(days_b)) > WINDOW_DAYS:
        return 0.0
    return math.exp(-abs(days_a - days_b) / DECAY_DAYS)


def dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product of two sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    # fsum is exactly rounded whatever the order: A·B and B·A are the same float, so a link
    # never depends on which of the two articles arrived first
    return math.fsum(w * b[t] for t, w in a.items() if t in b)


def similarity(a: StoryFeatures, b: StoryFeatures) -> float:
    """The decayed similarity of two articles (symmetric: the order never matters)."""
    return similarity_of(a.vector, a.days, b.vector, b.days)


def similarity_of(va: Mapping[str, float], days_a: float | None, vb: Mapping[str, float],
                  days_b: float | None) -> float:
    """:func:`similarity` of two vectors and their publication days."""
    d = decay(days_a, days_b)
    return 0.0 if d == 0.0 else round(dot(va, vb) * d, 6)


def story_id(members: Iterable[StoryFeatures]) -> str:
    """A story's id: derived from its earliest member, so every arrival order names the
    same group the same way."""
    return story_id_for(min(members, key=lambda f: f.order_key).article_id)


def story_id_for(first_article_id: str) -> str:
    """The id of the story whose earliest member is ``first_article_id``."""
    return "c" + hashlib.blake2b(first_article_id.encode("utf-8"), digest_size=6).hexdigest()


def central_member(members: Sequence[StoryFeatures]) -> StoryFeatures:
    """The member closest to the story's centroid (ties: the earliest) — whose title
    labels the story."""
    centroid: dict[str, float] = defaultdict(float)
    for m in members:
        for t, w in m.vector.items():
            centroid[t] += w
    return min(members, key=lambda m: (-round(dot(m.vector, centroid), 6), m.order_key))


@dataclass(slots=True)
class _Index:
    """Postings of features by calendar day: the candidates of an article are the articles
    sharing a feature within the time window — never a scan of the archive."""

    postings: dict[tuple[str, int | None], list[int]] = field(
        default_factory=lambda: defaultdict(list))

    def candidates(self, f: StoryFeatures) -> set[int]:
        days: list[int | None] = [None] if f.day is None else list(
            range(f.day - WINDOW_DAYS, f.day + WINDOW_DAYS + 1))
        found: set[int] = set()
        for t in f.vector:
            for day in days:
                found.update(self.postings.get((t, day), ()))
        return found

    def add(self, number: int, f: StoryFeatures) -> None:
        for t in f.vector:
            self.postings[(t, f.day)].append(number)


def cluster(items: Sequence[StoryFeatures], threshold: float = LINK_THRESHOLD
            ) -> dict[str, str]:
    """Article id → story id for ``items``, one pass in the given order (the result does
    not depend on it): the in-memory twin of the archive's incremental clustering."""
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    index = _Index()
    for i, f in enumerate(items):
        for j in index.candidates(f):
            if similarity(f, items[j]) >= threshold:
                parent[find(i)] = find(j)
        index.add(i, f)
    groups: dict[int, list[StoryFeatures]] = defaultdict(list)
    for i, f in enumerate(items):
        groups[find(i)].append(f)
    out: dict[str, str] = {}
    for members in groups.values():
        sid = story_id(members)
        for m in members:
            out[m.article_id] = sid
    return out
