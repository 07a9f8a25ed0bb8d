"""Response and request models of the REST API: they ARE the OpenAPI schema.

The article record mirrors :meth:`warta.model.Article.to_dict` key for key, so
``GET /api/articles/{id}`` returns exactly the JSON that ``warta parse`` prints.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from warta.link.related import RelatedHit
from warta.model import SpeakerKind

__all__ = [
    "ArticleList",
    "ArticleRecord",
    "ArticleSummary",
    "EntityDetail",
    "EntityList",
    "EntitySummary",
    "Facet",
    "Health",
    "IngestDocument",
    "IngestDocumentResult",
    "IngestFailure",
    "IngestRequest",
    "IngestResult",
    "MonthCount",
    "QuoteItem",
    "QuoteList",
    "RelatedItem",
    "RelatedList",
    "SearchHitItem",
    "SearchResponse",
]


class ReadAlsoModel(BaseModel):
    title: str
    url: str | None = None
    id: str | None = Field(None, description="archive id of the linked article, once resolved")
    match: str | None = Field(None, description="how the title was matched to the id: url, exact, "
                              "glued, truncated or fuzzy (null while unresolved)")


class CreditsModel(BaseModel):
    agencies: list[str]
    codes: list[str]


class MentionModel(BaseModel):
    text: str
    paragraph: int
    start: int
    end: int


class EntityModel(BaseModel):
    name: str
    label: str
    aliases: list[str]
    mentions: list[MentionModel]


class QuoteModel(BaseModel):
    text: str
    kind: str
    speaker: str | None
    speaker_mention: str | None
    role: str | None
    cue: str | None
    paragraph: int
    start: int
    end: int
    end_paragraph: int | None
    affiliation: str | None = None
    speaker_kind: SpeakerKind | None = Field(
        None, description="public figure (an office, an organisation, a known public person) or "
                          "private person (a resident, a trader, named with no office); null: not decided")


class AmountModel(BaseModel):
    text: str
    value: float | int
    unit: str | None
    noun: str | None
    approximate: bool
    paragraph: int
    start: int
    end: int


class DateModel(BaseModel):
    text: str
    value: str | None
    paragraph: int
    start: int
    end: int


class ArticleRecord(BaseModel):
    """The full article record (``Article.to_dict``)."""

    id: str
    url: str | None
    outlet: str | None
    title: str | None
    published: str | None = Field(description="ISO 8601 with offset")
    tz: str | None
    authors: list[str]
    editors: list[str]
    section: str | None
    dateline: str | None
    paragraphs: list[str]
    read_also: list[ReadAlsoModel]
    credits: CreditsModel
    language: str
    format: str
    warnings: list[str]
    source: str | None
    image: str | None
    tags: list[str]
    entities: list[EntityModel]
    quotes: list[QuoteModel]
    amounts: list[AmountModel]
    dates: list[DateModel]
    keywords: list[str] = Field(default_factory=list, description="best first, as written")
    summary: list[str] = Field(default_factory=list, description="extractive: sentences in document order")


class _ArticleRef(BaseModel):
    """Where a listed article is: its id, title, outlet, section, time and address (the
    leading fields of a list item and of a search hit)."""

    id: str
    title: str | None
    outlet: str | None
    section: str | None
    published: str | None
    url: str | None


class ArticleSummary(_ArticleRef):
    authors: list[str]


class ArticleList(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[ArticleSummary]


# a related article is link's own record (id, title, outlet, published, score, shared terms
# and names, days apart, reasons), served as it is
RelatedItem = RelatedHit


class RelatedList(BaseModel):
    id: str
    items: list[RelatedItem]


class SearchHitItem(_ArticleRef):
    score: float
    snippet: str
    highlights: list[list[int]] = Field(description="[start, end) offsets into snippet")


class Facet(BaseModel):
    value: str
    count: int


class SearchResponse(BaseModel):
    query: str
    total: int
    total_exact: bool = Field(
        True, description="false when the backend stopped counting (PostgreSQL counts up "
        "to 1,000 matches or the end of the asked page): more than `total` articles match")
    limit: int
    offset: int
    hits: list[SearchHitItem]
    facets: dict[str, list[Facet]]


class EntitySummary(BaseModel):
    id: str = Field(description="slug used in /api/entities/{id}")
    name: str
    label: str
    aliases: list[str]
    article_count: int


class EntityList(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[EntitySummary]


class MonthCount(BaseModel):
    month: str = Field(description="YYYY-MM")
    articles: int
    mentions: int


class QuoteItem(BaseModel):
    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    speaker: str
    role: str | None
    kind: str
    cue: str | None
    text: str
    speaker_kind: SpeakerKind | None = Field(
        None, description="public figure or private person, as judged in its article; null: not decided")


class EntityDetail(EntitySummary):
    mentions_over_time: list[MonthCount]
    quotes_total: int = Field(description="all quotes of the entity (of quotes_speaker_kind when given); "
                                          "page with quotes_offset")
    quotes_limit: int
    quotes_offset: int
    quotes: list[QuoteItem]


class QuoteList(BaseModel):
    speaker: EntitySummary
    total: int
    limit: int
    offset: int
    items: list[QuoteItem]


class Health(BaseModel):
    status: str
    articles: int
    read_only: bool
    version: str


class IngestDocument(BaseModel):
    """One page to parse: its text (plain-text page, HTML, or one JSON export record)."""

    content: str = Field(min_length=1)
    format: str | None = Field(None, description="text, html or json; detected when omitted")
    url: str | None = None
    source: str | None = None


class IngestRequest(BaseModel):
    documents: list[IngestDocument] = Field(min_length=1, max_length=500)
    enrich: bool = Field(True, description="run entity/quote/amount/date enrichment if installed")


class IngestFailure(BaseModel):
    index: int = Field(description="position of the document in the request")
    source: str
    code: str
    message: str


class IngestDocumentResult(BaseModel):
    """What became of one document of the request."""

    index: int
    source: str = Field(description="the document's source, or api:INDEX")
    status: Literal["stored", "failed"]
    id: str | None = Field(description="archive id when stored")
    code: str | None = Field(description="failure code when failed")
    message: str | None = Field(description="what was wrong and what to do, when failed")


class IngestResult(BaseModel):
    added: int
    updated: int
    unchanged: int
    links_resolved: int
    ids: list[str] = Field(description="ids of the stored documents, in request order")
    failures: list[IngestFailure] = Field(
        description="the failed documents (also kept in the archive's failures table)")
    documents: list[IngestDocumentResult] = Field(description="one result per document")


# -- stories (warta.web.stories) ---------------------------------------------------------
class StorySummary(BaseModel):
    """A story: the articles that report one happening."""

    id: str
    label: str | None = Field(description="title of the story's most central article")
    label_id: str | None = Field(description="id of that article")
    size: int = Field(description="number of articles")
    outlets: list[str] = Field(description="by article count")
    first_seen: str | None = Field(description="published time of the earliest article")
    last_seen: str | None = Field(description="published time of the latest article")
    entities: list[str] = Field(description="names most of its articles mention")
    article_ids: list[str] = Field(description="its articles in time order")


class StoryList(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[StorySummary]


class StoryArticle(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None


class StoryQuote(BaseModel):
    article_id: str
    speaker: str
    role: str | None
    kind: str
    text: str


class StoryDetail(StorySummary):
    timeline: list[StoryArticle] = Field(description="its articles in time order")
    quotes: list[StoryQuote] = Field(description="quotes in its articles, in time order")


class CopyChanges(BaseModel):
    title_changed: bool
    added: list[int]
    removed: list[int]
    edited: list[list[int]]
    unchanged: int


class CopyItem(BaseModel):
    id: str
    outlet: str | None
    published: str | None
    relation: str
    changes: CopyChanges


class CopyGroupBody(BaseModel):
    id: str
    original: str | None
    confidence: float
    reason: str
    agency: str | None
    copies: list[CopyItem]
