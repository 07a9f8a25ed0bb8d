"""The archive interface every backend implements (SQLite now; PostgreSQL can follow).

The contract tests in ``tests/unit/test_store_contract.py`` run against every backend, so
this docstring-level behaviour is binding:

* :meth:`Archive.put_many` is idempotent by ``Article.id``: the same article twice is one
  record; a changed version replaces it and the previous one is kept in ``revisions``.
  A version already kept as a revision is not applied again (an input holding two versions
  of one id, e.g. one body under two headlines, would otherwise swap them on every rerun).
  A call is one transaction: after it returns, all of it is stored, and a crash during it
  leaves none of it.
* Enrichment (entities, quotes, amounts, dates) is derived data, not a version: an
  unenriched put of a stored enriched article with the same content is ``unchanged`` and
  keeps the enrichment; an enriched put of a stored unenriched one adds it (``enriched``)
  without a revision.
* ``read_also`` titles are resolved to archive ids, also when the target arrives later; a
  link resolved to a look-alike moves to the article its title names better when that
  arrives, and to the next best when its target is deleted, so the final ids do not
  depend on the order articles arrived in (``links_resolved`` counts the stored links a put
  pointed at its articles, moved ones included).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from warta.errors import StoreError
from warta.link.copies import CopyGroup, copy_group
from warta.link.related import RelatedHit
from warta.model import Article
from warta.search.query import ParsedQuery, search_request
from warta.store.listing import ArticleFilters, EntityInfo
from warta.store.prepare import PreparedArticle, prepare
from warta.store.sources import DocState, PollRecord, SourceInfo, UrlRecord
from warta.store.stories import Story

__all__ = [
    "Archive",
    "CopyGroup",
    "EntityRecord",
    "FailureInfo",
    "FailureRecord",
    "HashLookup",
    "PutReport",
    "RelatedHit",
    "Revision",
    "SearchHit",
    "SearchResult",
    "StoredVersion",
]


@dataclass(slots=True)
class PutReport:
    """What one :meth:`Archive.put_many` call did.

    ``enriched``: stored articles, same content, that got their enrichment added (not a new
    version); ``earlier_versions``: inputs equal to a version the archive keeps as a
    revision, left as they are (the newer version stays current)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    links_resolved: int = 0
    enriched: int = 0
    earlier_versions: int = 0

    def __iadd__(self, other: PutReport) -> PutReport:
        self.added += other.added
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.links_resolved += other.links_resolved
        self.enriched += other.enriched
        self.earlier_versions += other.earlier_versions
        return self

    @property
    def articles(self) -> int:
        """Articles this report covers (each input article counts once)."""
        return self.added + self.updated + self.unchanged + self.enriched + self.earlier_versions

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass(slots=True)
class Revision:
    """A previous version of an article, replaced at ``replaced_at``."""

    article_id: str
    revision: int
    replaced_at: str
    article: Article


@dataclass(slots=True)
class FailureRecord:
    """A document that could not become an article, kept with its raw bytes."""

    source: str
    code: str
    reason: str
    raw: bytes | None
    recorded_at: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "code": self.code,
            "reason": self.reason,
            "raw_bytes": len(self.raw or b""),
            "recorded_at": self.recorded_at,
        }


@dataclass(slots=True)
class FailureInfo:
    """A kept failure as listed (without its raw bytes): ``number`` is its stable place in
    the archive, for :meth:`Archive.failure_raw`."""

    number: int
    source: str
    code: str
    reason: str
    recorded_at: str
    raw_bytes: int  # size of the raw bytes kept (0: none kept)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class EntityRecord:
    """An entity as the archive knows it: across all articles that mention it."""

    name: str
    label: str
    aliases: list[str]
    article_count: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class SearchHit:
    """One search result; ``highlights`` are (start, end) offsets into ``snippet``."""

    id: str
    title: str | None
    outlet: str | None
    section: str | None
    published: str | None
    url: str | None
    score: float
    snippet: str = ""
    highlights: list[tuple[int, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["highlights"] = [list(h) for h in self.highlights]
        return d


@dataclass(slots=True)
class SearchResult:
    """A page of hits, the total number of matches and (when asked) facet counts.

    ``total`` is exact when ``total_exact`` is true. A backend may stop counting at a cap
    (PostgreSQL: :data:`warta.store.postgres_search.COUNT_CAP`, or the end of the asked page
    when that is further): ``total_exact`` is then false and *more than* ``total`` articles
    match."""

    query: str
    total: int
    hits: list[SearchHit]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    total_exact: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "total_exact": self.total_exact,
            "hits": [h.to_dict() for h in self.hits],
            "facets": {k: [{"value": v, "count": c} for v, c in vs] for k, vs in self.facets.items()},
        }


@dataclass(frozen=True, slots=True)
class StoredVersion:
    """What the archive holds under an id: the current content hash, whether its enrichment
    is stored, and the content hashes of its earlier versions (revisions)."""

    content_hash: str
    enriched: bool
    earlier: frozenset[str] = frozenset()

    def covers(self, content_hash: str, enrich: bool) -> str | None:
        """Why a put of this content would change nothing: ``"unchanged"`` (current version,
        enrichment stored or not asked for), ``"earlier_versions"`` (a kept revision), or
        None when the put has something to store."""
        if content_hash == self.content_hash:
            return "unchanged" if self.enriched or not enrich else None
        return "earlier_versions" if content_hash in self.earlier else None


class HashLookup(Protocol):
    """``lookup(article_id) -> StoredVersion or None``; ``close()`` when done."""

    def __call__(self, article_id: str) -> StoredVersion | None: ...

    def close(self) -> None: ...


class Archive(ABC):
    """A store of articles with search, related news and link resolution."""

    # -- writing -------------------------------------------------------------------------
    @abstractmethod
    def put_prepared(self, batch: Sequence[PreparedArticle]) -> PutReport:
        """Store a batch of prepared articles in ONE transaction (all or nothing)."""

    def put_many(self, articles: Iterable[Article], *, enriched: bool | None = None) -> PutReport:
        """Analyse and store ``articles`` in one transaction (``enriched``: whether their
        enrichment was computed; None guesses from the fields, see :func:`prepare`)."""
        return self.put_prepared([prepare(a, enriched=enriched) for a in articles])

    def put(self, article: Article) -> PutReport:
        """Store one article (its own transaction)."""
        return self.put_many([article])

    @abstractmethod
    def add_failures(self, failures: Sequence[FailureRecord]) -> None:
        """Keep failed documents (same source+code+reason twice is kept once)."""

    @abstractmethod
    def delete(self, article_id: str) -> bool:
        """Remove an article and everything derived from it; False if it was not there."""

    # -- reading -------------------------------------------------------------------------
    @abstractmethod
    def get(self, article_id: str) -> Article | None:
        """The stored article (with resolved ``read_also`` ids), or None."""

    @abstractmethod
    def count(self) -> int:
        """Number of articles."""

    @abstractmethod
    def ids(self) -> Iterator[str]:
        """All article ids, in insertion order."""

    def __iter__(self) -> Iterator[Article]:
        for article_id in self.ids():
            article = self.get(article_id)
            if article is not None:
                yield article

    def __contains__(self, article_id: object) -> bool:
        return isinstance(article_id, str) and self.get(article_id) is not None

    def hash_lookup(self) -> HashLookup | None:
        """A thread-safe look-up of stored versions (:class:`StoredVersion`) by article id, so
        that ingest can skip unchanged articles before analysing them; None when the backend
        has none."""
        return None

    @abstractmethod
    def revisions(self, article_id: str) -> list[Revision]:
        """Previous versions of an article, oldest first."""

    @abstractmethod
    def failures(self) -> list[FailureRecord]:
        """Failed documents, oldest first."""

    @abstractmethod
    def list_failures(self, *, limit: int | None = None, offset: int = 0
                      ) -> tuple[int, list[FailureInfo]]:
        """(total, page) of failed documents, oldest first, without their raw bytes."""

    @abstractmethod
    def failure_raw(self, number: int) -> bytes | None:
        """The raw bytes kept for failure ``number`` (None when none were kept or no such
        failure)."""

    @abstractmethod
    def entities(self, limit: int = 50) -> list[EntityRecord]:
        """Entities by article count, most frequent first."""

    @abstractmethod
    def stats(self) -> dict[str, Any]:
        """Counts: articles, revisions, failures, entities, links, outlets, bytes."""

    # -- finding -------------------------------------------------------------------------
    def search(
        self,
        query: str,
        *,
        limit: int = 10,
        offset: int = 0,
        sort: str = "relevance",
        facets: bool = False,
        snippets: bool = True,
    ) -> SearchResult:
        """Search with the query language of :mod:`warta.search.query`."""
        parsed = search_request(query, sort=sort, limit=limit, offset=offset)
        if parsed is None:
            return SearchResult(query, 0, [])  # nothing but stop words: nothing to look for
        return self._search(parsed, query, limit=limit, offset=offset, sort=sort, facets=facets,
                            snippets=snippets)

    @abstractmethod
    def _search(self, parsed: ParsedQuery, query: str, *, limit: int, offset: int, sort: str,
                facets: bool, snippets: bool) -> SearchResult:
        """The engine's search of a read query (``search_request`` checked its sort, limit
        and offset, and found something to look for)."""

    @abstractmethod
    def related(self, article_id: str, k: int = 5) -> list[RelatedHit]:
        """The top-``k`` related articles (never itself nor its near-identical copies)."""

    @abstractmethod
    def copies(self, article_id: str) -> list[str]:
        """Ids of near-identical copies (wire copies, re-posts) of an article."""

    # -- browsing (lists for the API and portal) ----------------------------------------
    @abstractmethod
    def list_articles(
        self, filters: ArticleFilters, *, limit: int = 20, offset: int = 0,
        oldest_first: bool = False,
    ) -> tuple[int, list[dict[str, Any]]]:
        """(total matching, page) of article summaries (``id, title, outlet, section,
        published, url, authors``), newest first with undated articles last."""

    @abstractmethod
    def latest_by(self, column: str, *, groups: int = 6, per_group: int = 5
                  ) -> list[tuple[str, list[dict[str, Any]]]]:
        """The ``groups`` largest outlets or sections (``column``), each as (name as written,
        its ``per_group`` latest article summaries); ValueError for another column."""

    @abstractmethod
    def display_name(self, column: str, key: str) -> str | None:
        """The outlet/section name as written for its key (None when the archive has none)."""

    @abstractmethod
    def list_entities(
        self, *, label: str | None = None, prefix: str | None = None,
        limit: int = 50, offset: int = 0,
    ) -> tuple[int, list[EntityInfo]]:
        """(total, page) of entities with articles, by article count then name; optionally
        one label, or names starting with ``prefix`` (case- and accent-insensitive)."""

    @abstractmethod
    def find_entity(self, entity_id: str) -> EntityInfo | None:
        """The entity whose slug, canonical name or alias is ``entity_id`` (None if none)."""

    @abstractmethod
    def mentions_over_time(self, entity: EntityInfo) -> list[dict[str, Any]]:
        """Per month (``YYYY-MM``, ascending): ``{"month", "articles", "mentions"}``."""

    @abstractmethod
    def entity_article_ids(self, entity: EntityInfo, limit: int) -> list[str]:
        """Ids of the newest ``limit`` articles mentioning the entity."""

    @abstractmethod
    def quotes_by(self, entity: EntityInfo, *, limit: int = 50, offset: int = 0,
                  speaker_kind: str | None = None) -> tuple[int, list[dict[str, Any]]]:
        """(total, page) of quotes whose speaker is the entity or one of its aliases, newest
        article first then in article order: ``{"article_id", "title", "outlet",
        "published", "speaker", "role", "kind", "cue", "text", "speaker_kind"}``.
        ``speaker_kind`` (``public`` / ``private``) keeps only the quotes whose speaker was
        judged so in their article (:attr:`warta.model.Quote.speaker_kind`; migration 019
        decides it for quotes stored before; a quote it cannot decide has none and is left
        out by it); anything else is a UsageError."""

    # -- live sources (warta.live: `warta sources`, `warta watch`) -----------------------
    @abstractmethod
    def add_source(self, url: str, kind: str, *, outlet: str | None = None,
                   interval_s: float = 300.0, note: str | None = None) -> tuple[SourceInfo, bool]:
        """Follow a feed/sitemap (kept once by URL); (the source, True when it was new)."""

    @abstractmethod
    def find_source(self, url_or_id: str | int) -> SourceInfo | None:
        """The source with that URL or number, or None."""

    @abstractmethod
    def list_sources(self) -> list[SourceInfo]:
        """Every source, in the order added."""

    @abstractmethod
    def remove_source(self, url_or_id: str | int) -> bool:
        """Stop following a source (its articles stay); False when there was none."""

    @abstractmethod
    def due_sources(self, now: float, *, all_due: bool = False) -> list[SourceInfo]:
        """Sources whose next poll is at or before ``now`` (every source with ``all_due``)."""

    @abstractmethod
    def doc_states(self, urls: Iterable[str]) -> dict[str, DocState]:
        """Conditional-GET state of the feed/sitemap documents known among ``urls``."""

    @abstractmethod
    def url_records(self, keys: Iterable[str]) -> dict[str, UrlRecord]:
        """The settled article URLs among the de-duplication ``keys``."""

    @abstractmethod
    def stored_urls(self, urls: Iterable[str]) -> dict[str, str]:
        """Among ``urls``: those with a stored article (→ its id) or a kept failure (→ "")."""

    @abstractmethod
    def settle_urls(self, source_id: int, urls: list[UrlRecord], articles_found: int = 0
                    ) -> None:
        """Record article URLs as settled (one transaction), called right after their
        articles are stored; ``articles_found`` is added to the source's count."""

    @abstractmethod
    def record_poll(self, poll: PollRecord) -> None:
        """Write one poll's outcome (source health, document states, URLs) in ONE
        transaction; called after the poll's articles are stored."""

    # -- stories (warta.link.stories: `warta stories`, /api/stories, /cerita) -----------
    # Not abstract, so a backend can join before it groups stories; it then says so.
    def story_of(self, article_id: str) -> str | None:
        """The id of the story an article belongs to (None: no such article)."""
        raise StoreError(f"{type(self).__name__} does not group stories yet")

    def list_stories(self, *, since: str | None = None, min_size: int = 1, limit: int = 50,
                     offset: int = 0) -> tuple[int, list[Story]]:
        """(total, page) of stories, latest activity first (undated last), with their
        article ids in time order; ``since`` (``YYYY-MM-DD``): seen on or after that day;
        ``min_size``: at least that many articles."""
        raise StoreError(f"{type(self).__name__} does not group stories yet")

    def story(self, story_id: str) -> Story | None:
        """One story with its timeline and quotes (None: no such story)."""
        raise StoreError(f"{type(self).__name__} does not group stories yet")

    # -- lifecycle -----------------------------------------------------------------------
    @abstractmethod
    def close(self) -> None:
        """Release the connection."""

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- wire copies and lineage (warta.link.copies) ---------------------------------------
    MAX_COPY_GROUP = 50  # a group is read by following copies; a notice copied 1,000 times stops here

    def copy_group(self, article_id: str) -> CopyGroup:
        """The copy group of an article: every article reachable through :meth:`copies`
        (copies of copies too), its original with a confidence, and per copy what changed.
        Raises :class:`~warta.errors.StoreError` for an unknown id (as :meth:`copies`)."""
        seen = [article_id]
        frontier = [article_id]
        while frontier and len(seen) < self.MAX_COPY_GROUP:
            found = [c for c in self.copies(frontier.pop(0)) if c not in seen]
            seen.extend(found[: self.MAX_COPY_GROUP - len(seen)])
            frontier.extend(found)
        members = [a for a in (self.get(i) for i in seen) if a is not None]
        order = {i: n for n, i in enumerate(self.ids_in_storage_order(seen))}
        members.sort(key=lambda a: order.get(a.id, len(order)))
        return copy_group(article_id, members)

    def ids_in_storage_order(self, ids: Sequence[str]) -> list[str]:
        """``ids`` in the order their articles were first stored (backends that know it
        override this; the default keeps the given order)."""
        return list(ids)
