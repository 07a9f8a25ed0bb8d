"""Stories: the real-world happenings behind the articles, found online as articles arrive.

An article's **story features** are a short, L2-normalised tf·idf vector (the *core*): its
most distinctive analysed terms (title terms count :data:`TITLE_BOOST` times) and its named
entities, with the idf taken from the shipped table (``enrich/data/keyword_idf.tsv.gz``) — a
FIXED table, not the archive's changing statistics, so an article's features never depend on
what arrived before it. Kept *aside* in the same mapping, under their own prefixes, are what
tells one outlet's wording of an event from another's: the title's own unit tf·idf vector
(``^``), the lead's (title and first :data:`LEAD_TERMS` body terms, ``_``), the rarity (idf)
of each named entity (``!``) and the quantities the text states (``#``: ``280000``, ``14060IDR``
— an amount is written the same by every outlet, whatever the wording around it). The core
alone finds candidates (postings, dot product); the aside features only score them.

Two articles are **linked** when their pair score reaches the model's threshold: a logistic
model (``link/data/story_pair_model.json``, weights learnt on hand-grouped stories, see
``evals/eval_stories.py``) over the core dot product, title·title, title·lead (either way),
lead·lead, the summed rarity of the shared entities and the number of shared quantities (and,
when the model weighs them, the core dot product's parts over shared terms and shared names),
less a penalty per day between them
(nothing beyond ``WINDOW_DAYS``); two articles whose titles name different processes of one
kind — another bill, another suspect (:mod:`warta.link.processes`, the model's
``process_conflict``) — are never linked. A story is a connected group of linked articles.
Links are symmetric and decided pairwise, so the stories are a function of the SET of articles: whatever the
arrival order, the same articles give the same links and the same groups; an article that
links two stories merges them. A story's id is derived from its earliest member (published
time, then article id), so it is the same on every re-ingest too.

Why connected groups and not centroids: a centroid moves with every arrival, so what joins a
story depends on who came first; a pairwise link does not. Chaining (A~B, B~C, A≁C) is held
back by keeping the vectors short and distinctive and the time window narrow.

This module holds the pure part (features, similarity, an in-memory clusterer used by the
evaluation and as the reference for the archive's incremental version in
:mod:`warta.store.story_placement_sql`).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from itertools import compress
from operator import mul
from pathlib import Path
from typing import TYPE_CHECKING

from warta.link import processes
from warta.link.titles import title_key
from warta.model import Article

if TYPE_CHECKING:
    from warta.enrich.keywords import IdfTable

__all__ = [
    "DECAY_DAYS",
    "LINK_THRESHOLD",
    "WINDOW_DAYS",
    "PairModel",
    "StoryFeatures",
    "central_member",
    "cluster",
    "core",
    "decay",
    "features",
    "pair_features",
    "pair_model",
    "person_key",
    "refused",
    "similarity",
    "similarity_of",
    "stored_vector",
    "story_id",
    "story_id_for",
]

MAX_TERMS = 25          # distinctive terms kept per article: the vector's length
TITLE_BOOST = 3         # a title term counts as three body occurrences (as in related news)
ENTITY_PREFIX = "@"     # entity features live beside terms, kept apart by this prefix
ENTITY_WEIGHT = 4.0     # an entity feature weighs about as much as a distinctive term
MAX_ENTITIES = 8
DECAY_DAYS = 2.0        # e-folding time of decay() (days): related news and lists use it
WINDOW_DAYS = 3         # articles further apart (calendar days) are never linked
LEAD_TERMS = 40         # the lead: the title and the body's first analysed terms
TITLE_PREFIX, LEAD_PREFIX, RARITY_PREFIX = "^", "_", "!"  # aside features: scoring only
NUMBER_PREFIX = "#"     # aside too: a quantity the article states (see _numbers)
MAX_NUMBERS = 20
PROCESS_PREFIX = processes.PROCESS_PREFIX  # aside: the processes the title names a step of
_ASIDE = frozenset((TITLE_PREFIX, LEAD_PREFIX, RARITY_PREFIX, NUMBER_PREFIX, PROCESS_PREFIX))
MODEL_PATH = Path(__file__).parent / "data" / "story_pair_model.json"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class PairModel:
    """The link rule: ``bias + Σ weight·feature − day_penalty·|Δdays| ≥ threshold``, over the
    features of :func:`pair_features` (named in ``features``, in order); a pair whose core
    dot product is below ``candidate_min`` is never a candidate (the archive's postings
    filter). The gate is part of the model, not only a speed bound: pairs that share little
    of their bodies but a person or a headline's shape are other happenings more often than
    not (the cross-outlet gold days; the JSON's ``about`` says how it was chosen)."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    day_penalty: float
    threshold: float
    candidate_min: float
    # processes as data (warta.link.processes): None, off; "kind": two articles naming
    # processes of one kind with different objects (another bill, another suspect) are never
    # linked; "any": any two different processes. Off unless the JSON sets it.
    process_conflict: str | None = None
    # how a person's entity feature is keyed: None, by the name as the article writes it;
    # "last_word": by the name's last word of three letters or more, so the forms outlets use
    # for one person ("BJ Habibie", "Bacharuddin Jusuf Habibie", "Habibie") are one feature
    # (h17story: the unseen 11 Sep's misses were facets of one death sharing the person
    # under three name forms). Off unless the JSON sets it.
    person_key: str | None = None


@lru_cache(maxsize=4)
def pair_model(path: str | None = None) -> PairModel:
    """The pair model in ``path`` (default: the shipped ``link/data/story_pair_model.json``)."""
    d = json.loads(Path(path or MODEL_PATH).read_text(encoding="utf-8"))
    weights = [float(w) for w in d["weights"]]
    if tuple(d["features"]) == PAIR_FEATURES[:len(BASE_FEATURES)] == BASE_FEATURES:
        # a model over the six base features: the core's two parts weigh nothing
        weights += [0.0] * (len(PAIR_FEATURES) - len(BASE_FEATURES))
    elif tuple(d["features"]) != PAIR_FEATURES:
        weights = []
    if len(weights) != len(PAIR_FEATURES):
        from warta.errors import DataMissing

        raise DataMissing(f"{path or MODEL_PATH}: features {d['features']!r} are neither "
                          f"{list(BASE_FEATURES)!r} nor {list(PAIR_FEATURES)!r}; retrain it "
                          f"with evals/eval_stories.py --train")
    return PairModel(PAIR_FEATURES, tuple(weights), float(d["bias"]),
                     float(d["day_penalty"]), float(d["threshold"]),
                     float(d["candidate_min"]), d.get("process_conflict"), d.get("person_key"))


# the features of a pair (pair_features), in order: the six a model may stop at, then the
# core dot product's two parts — over the shared terms and over the shared @ entities — so a
# model can weigh a shared name apart from a shared word (a generic name such as the
# president's or the KPK's is shared by a whole day's stories of one issue; h14pair)
BASE_FEATURES = ("core", "title_title", "title_lead", "lead_lead", "shared_entity_rarity",
                 "shared_numbers")
PAIR_FEATURES = (*BASE_FEATURES, "core_terms", "core_entities")
LINK_THRESHOLD = pair_model().threshold  # pair score at or above which two are one story
CANDIDATE_MIN = pair_model().candidate_min  # core dot product below which no pair is scored


@dataclass(slots=True)
class StoryFeatures:
    """What story clustering knows of an article: its vector (feature → weight; the core
    terms and entities of unit length, beside the prefixed aside features — see
    :func:`core`), when it was published (days since 1970-01-01 UTC, fractional; None: undated),
    and the key that orders members (published time, then id)."""

    article_id: str
    vector: Mapping[str, float]
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
    :func:`warta.lang.analysis.analyze`, which ingest has computed already)."""
    table = _idf_table()
    counts: Counter[str] = Counter(_usable_only(body_terms))
    for term in _usable_only(title_terms):
        counts[term] += TITLE_BOOST
    weights = dict(zip(counts, map(mul, map(_damped, counts.values()), _idfs(table, counts))))
    top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TERMS]
    vector = dict(top)
    entities = _entities(article)
    for name, mentions in entities:
        vector[ENTITY_PREFIX + name] = ENTITY_WEIGHT * (1.0 + math.log(mentions))
    unit = _unit(vector)
    title = list(title_terms)
    for prefix, terms in ((TITLE_PREFIX, title), (LEAD_PREFIX, title + list(body_terms[:LEAD_TERMS]))):
        unit.update({prefix + t: w for t, w in _unit(_tfidf(terms, table)).items()})
    for name, _ in entities:
        unit[RARITY_PREFIX + name] = round(_rarity(name, table), 4)
    for number in _numbers(article):
        unit[NUMBER_PREFIX + number] = 1.0
    if pair_model().process_conflict:
        unit.update(processes.vector_entries(article))
    return StoryFeatures(article.id, unit, _days(article.published), article.outlet,
                         article.title)


# Memos of the per-term tests and weights, which ingest asks of every term of every
# article: dict look-ups made in C (map/compress) instead of a Python call per term. Pure
# functions of the term (the idf: of the term and the fixed table), so nothing changes.
_MEMO_LIMIT = 500_000
_USABLE: dict[str, bool] = {}
# (table, its memo): a new memo when another table is asked for
_IDF_MEMO: list[tuple[object, dict[str, float]]] = [(None, {})]


def _usable_only(terms: Sequence[str]) -> Iterable[str]:
    """The terms :func:`_usable` keeps, in order."""
    flags = list(map(_USABLE.get, terms))
    if None in flags:
        if len(_USABLE) > _MEMO_LIMIT:
            _USABLE.clear()
        for k, term in enumerate(terms):
            if flags[k] is None:
                flags[k] = _USABLE[term] = _usable(term)
    return compress(terms, flags)


def _idfs(table: IdfTable, terms: Iterable[str]) -> list[float]:
    """``table.idf`` of each term, memoised per term for ``table`` (the shipped one)."""
    owner, memo = _IDF_MEMO[0]
    if owner is not table or len(memo) > _MEMO_LIMIT:
        memo = {}
        _IDF_MEMO[0] = (table, memo)
    terms = list(terms)
    values = list(map(memo.get, terms))
    if None in values:
        for k, term in enumerate(terms):
            if values[k] is None:
                values[k] = memo[term] = table.idf(term)
    return values  # type: ignore[return-value]


@lru_cache(maxsize=4096)
def _damped(tf: int) -> float:
    """``1 + ln tf``, the dampened term frequency (few distinct counts: memoised)."""
    return 1.0 + math.log(tf)


def _unit(vector: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
    return {t: round(w / norm, 6) for t, w in vector.items()}


def _tfidf(terms: Sequence[str], table: IdfTable) -> dict[str, float]:
    counts = Counter(_usable_only(terms))
    return dict(zip(counts, map(mul, map(_damped, counts.values()), _idfs(table, counts))))


def _rarity(name_key: str, table: IdfTable) -> float:
    """How rare an entity is: the idf of its rarest word in the shipped (fixed) table — a
    place or person named by a rare word says more than "Jakarta" or "Polri"."""
    from warta.lang.analysis import analyze

    words = [t for t in analyze(name_key) if _usable(t)] or [name_key]
    return max(table.idf(t) for t in words)


def _numbers(article: Article) -> list[str]:
    """The quantities an article states, as keys (value, then unit: ``280000``, ``14060IDR``,
    ``3.5%``), at most :data:`MAX_NUMBERS` (the smallest keys first: deterministic). Left out
    as saying nothing about the event: plain counts below 10 ("dua orang") and plain years
    (1900–2100)."""
    keys: set[str] = set()
    for amount in article.amounts:
        value = amount.value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if not amount.unit and (abs(value) < 10 or (isinstance(value, int)
                                                     and 1900 <= value <= 2100)):
            continue
        keys.add(f"{value}{amount.unit or ''}")
    return sorted(keys)[:MAX_NUMBERS]


@lru_cache(maxsize=4096)
def stored_vector(text: str) -> Mapping[str, float]:
    """A stored vector (its JSON text) as a mapping, parsed once per distinct text: an
    arriving article is scored against the recent articles of its days, which the articles
    arriving with it are scored against too. The same text always gives the same mapping, so
    the cache cannot change a score; callers must not modify it."""
    return json.loads(text)


def core(vector: Mapping[str, float]) -> dict[str, float]:
    """The core of a stored vector (terms and ``@`` entities): what finds candidates and
    what a story's centroid is made of; the aside features are left out."""
    return {t: w for t, w in vector.items() if t[0] not in _ASIDE}


def _usable(term: str) -> bool:
    """Terms that can tell stories apart: words of three letters or more, not numbers."""
    return len(term) >= 3 and not term.isdigit() and any(c.isalpha() for c in term)


def _entities(article: Article) -> list[tuple[str, int]]:
    """The article's most mentioned entities (people, organisations, places, events) as
    (key, mentions), at most :data:`MAX_ENTITIES`, ties by name: deterministic. When the
    model's ``person_key`` is ``"last_word"`` the chosen people are then keyed by their last
    name word (:func:`person_key`; two of one article keyed alike add up)."""
    found: dict[str, int] = {}
    people: set[str] = set()
    for entity in article.entities:
        key = title_key(entity.name)
        if key:
            found[key] = found.get(key, 0) + max(1, len(entity.mentions))
            if entity.label == "PER":
                people.add(key)
    ranked = sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_ENTITIES]
    if pair_model().person_key != "last_word":
        return ranked
    # chosen by the written names first, so the same entities are kept whichever way
    # they are keyed: only the keys of people change
    merged: dict[str, int] = {}
    for key, mentions in ranked:
        key = person_key(key) if key in people else key
        merged[key] = merged.get(key, 0) + mentions
    return list(merged.items())


def person_key(name_key: str) -> str:
    """A person's key by the last word of the name that can tell people apart (three letters
    or more, not a number): ``bacharuddin jusuf habibie`` → ``habibie``; the name itself when
    it has none."""
    words = [w for w in name_key.split() if _usable(w)]
    return words[-1] if words else name_key


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
    """The pair score of two articles (symmetric: the order never matters); they are one
    story when it reaches :data:`LINK_THRESHOLD`."""
    return similarity_of(a.vector, a.days, b.vector, b.days)


def pair_features(va: Mapping[str, float], vb: Mapping[str, float]) -> tuple[float, ...]:
    """The features of a pair, in :data:`PAIR_FEATURES` order: core dot product, title·title,
    title·lead (the larger of the two ways: one outlet's title against another's lead),
    lead·lead, ``log(1 + Σ rarity)`` of the entities both name, ``log(1 + n)`` of the n
    quantities both state, and the core dot product's parts over shared terms and over shared
    ``@`` entities (whose exact sum is the core). Symmetric: each sum is an exactly rounded
    ``fsum`` of the same products whichever article comes first."""
    terms, names, tt, ll, ab, ba, rarity = [], [], [], [], [], [], []
    numbers = 0
    for key in va.keys() & vb.keys():  # the shared keys, found at C speed: runs per candidate
        head = key[0]
        if head == LEAD_PREFIX:
            w_a, w_b = va[key], vb[key]
            ll.append(w_a * w_b)
            # a title term is always in its own article's lead too, so every title·lead
            # product is found from a lead term both share
            title = TITLE_PREFIX + key[1:]
            t_a, t_b = va.get(title), vb.get(title)
            if t_a is not None:
                ab.append(t_a * w_b)
            if t_b is not None:
                ba.append(t_b * w_a)
        elif head == TITLE_PREFIX:
            tt.append(va[key] * vb[key])
        elif head == RARITY_PREFIX:
            rarity.append(va[key])
        elif head == NUMBER_PREFIX:
            numbers += 1
        elif head == PROCESS_PREFIX:  # evidence of its own, in similarity_of
            continue
        elif head == ENTITY_PREFIX:
            names.append(va[key] * vb[key])
        else:
            terms.append(va[key] * vb[key])
    return (math.fsum(terms + names), math.fsum(tt), max(math.fsum(ab), math.fsum(ba)),
            math.fsum(ll), math.log1p(math.fsum(rarity)), math.log1p(numbers),
            math.fsum(terms), math.fsum(names))


def refused(va: Mapping[str, float], vb: Mapping[str, float], model: PairModel | None = None
            ) -> bool:
    """Whether ``model`` (default: the shipped one) never links two stored vectors whatever
    their score: its ``process_conflict`` is set and their titles name different processes
    (of one kind; ``"any"``: of any kind). The archive's rule, which the evaluations' in-memory
    groupings call too, so they measure what the archive does."""
    model = model or pair_model()
    return bool(model.process_conflict) and processes.conflicting(
        va, vb, model.process_conflict == "any")


def similarity_of(va: Mapping[str, float], days_a: float | None, vb: Mapping[str, float],
                  days_b: float | None) -> float:
    """:func:`similarity` of two stored vectors and their publication days: the pair
    model's score, or ``-inf`` when the two are never linked (beyond the window, one dated
    and one undated, not a candidate, or — when the model's ``process_conflict`` is set —
    naming different processes)."""
    if decay(days_a, days_b) == 0.0:
        return -math.inf
    model = pair_model()
    x = pair_features(va, vb)
    if x[0] < model.candidate_min:
        return -math.inf
    if refused(va, vb, model):
        return -math.inf
    apart = 0.0 if days_a is None or days_b is None else abs(days_a - days_b)
    z = math.fsum([model.bias, -model.day_penalty * apart,
                   *(w * f for w, f in zip(model.weights, x, strict=True))])
    return round(z, 6)


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
    cores = [core(m.vector) for m in members]  # once per member: refreshes run per batch
    centroid: dict[str, float] = defaultdict(float)
    for c in cores:
        for t, w in c.items():
            centroid[t] += w
    best = min(range(len(members)),
               key=lambda i: (-round(dot(cores[i], centroid), 6), members[i].order_key))
    return members[best]


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
        for t in core(f.vector):
            for day in days:
                found.update(self.postings.get((t, day), ()))
        return found

    def add(self, number: int, f: StoryFeatures) -> None:
        for t in core(f.vector):
            self.postings[(t, f.day)].append(number)


def cluster(items: Sequence[StoryFeatures], threshold: float | None = None
            ) -> dict[str, str]:
    """Article id → story id for ``items``, one pass in the given order (the result does
    not depend on it): the in-memory twin of the archive's incremental clustering."""
    threshold = LINK_THRESHOLD if threshold is None else threshold
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
