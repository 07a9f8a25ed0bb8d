"""The REST API under ``/api``. Handlers are plain ``def``: FastAPI runs them in its thread
pool, and each thread reads through its own archive connection (see ``Backend``)."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, Path, Query

from warta.errors import DocumentError, UsageError
from warta.store.base import Archive
from warta.web import queries
from warta.web.app import Backend, get_backend
from warta.web.errors import ERROR_RESPONSES, ApiError, ErrorBody
from warta.web.schemas import (
    ArticleList,
    ArticleRecord,
    EntityDetail,
    EntityList,
    Health,
    IngestFailure,
    IngestRequest,
    IngestResult,
    QuoteList,
    RelatedList,
    SearchResponse,
)

__all__ = ["router", "search_query"]

router = APIRouter(prefix="/api", tags=["api"], responses=ERROR_RESPONSES)

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
ID_PATTERN = r"^[0-9A-Za-z_-]{1,64}$"
Limit = Annotated[int, Query(ge=1, le=100, description="page size")]
Offset = Annotated[int, Query(ge=0, le=100_000, description="items to skip")]
Text = Annotated[str | None, Query(max_length=200)]
Day = Annotated[str | None, Query(pattern=DATE_PATTERN, description="YYYY[-MM[-DD]]")]
ArticleId = Annotated[str, Path(pattern=ID_PATTERN, description="article id")]
EntityId = Annotated[str, Path(min_length=1, max_length=200,
                               description="entity slug, e.g. oana-lungescu")]


def archive_dep(backend: Annotated[Backend, Depends(get_backend)]) -> Archive:
    """FastAPI dependency: this thread's archive connection."""
    return backend.archive()


ArchiveDep = Annotated[Archive, Depends(archive_dep)]


def _not_found(what: str, value: str) -> ApiError:
    return ApiError(404, "not_found", f"no {what} {value!r} in this archive")


@router.get("/health", response_model=Health, summary="Liveness and archive size")
def health(backend: Annotated[Backend, Depends(get_backend)], archive: ArchiveDep) -> Health:
    from warta import __version__

    return Health(status="ok", articles=archive.count(), read_only=backend.read_only,
                  version=__version__)


@router.get("/articles", response_model=ArticleList, summary="Articles, newest first")
def list_articles(
    archive: ArchiveDep, outlet: Text = None, section: Text = None, author: Text = None,
    entity: Text = None, date_from: Day = None, date_to: Day = None,
    limit: Limit = 20, offset: Offset = 0,
) -> dict[str, object]:
    filters = queries.ArticleFilters(outlet, section, author, entity, date_from, date_to)
    total, items = queries.list_articles(archive, filters, limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/articles/{article_id}", response_model=ArticleRecord,
            summary="The full article record")
def get_article(archive: ArchiveDep, article_id: ArticleId) -> dict[str, object]:
    article = archive.get(article_id)
    if article is None:
        raise _not_found("article", article_id)
    return article.to_dict()


@router.get("/articles/{article_id}/related", response_model=RelatedList,
            summary="Related news (Berita Terkait)")
def related(archive: ArchiveDep, article_id: ArticleId,
            k: Annotated[int, Query(ge=1, le=20)] = 5) -> dict[str, object]:
    if archive.get(article_id) is None:
        raise _not_found("article", article_id)
    return {"id": article_id, "items": [r.to_dict() for r in archive.related(article_id, k)]}


_QUOTE = re.compile(r'["\s]+')


def search_query(q: str, **filters: str | None) -> str:
    """``q`` with the given filters appended in the query language (``outlet:"..."``);
    double quotes inside a filter value cannot be escaped there, so they become spaces."""
    parts = [q]
    for name, value in filters.items():
        if value and _QUOTE.sub(" ", value).strip():
            parts.append(f'{name}:"{_QUOTE.sub(" ", value).strip()}"')
    return " ".join(p for p in parts if p.strip())


@router.get("/search", response_model=SearchResponse, summary="Full-text search")
def search(
    archive: ArchiveDep,
    q: Annotated[str, Query(min_length=1, max_length=500,
                            description="query language: words, \"phrases\", OR, NOT/-, "
                            "title:, outlet:, section:, author:, entity:, date:")],
    outlet: Text = None, section: Text = None, author: Text = None, entity: Text = None,
    date_from: Day = None, date_to: Day = None,
    sort: Literal["relevance", "date"] = "relevance",
    facets: bool = True, limit: Limit = 10, offset: Offset = 0,
) -> dict[str, object]:
    date = f"{date_from or ''}..{date_to or ''}" if date_from or date_to else None
    full = search_query(q, outlet=outlet, section=section, author=author, entity=entity,
                        date=date)
    result = queries.run_search(archive, full, limit=limit, offset=offset, sort=sort,
                                facets=facets)
    body = result.to_dict()
    body.update(query=full, limit=limit, offset=offset)
    return body


@router.get("/entities", response_model=EntityList, summary="Entities by article count")
def entities(
    archive: ArchiveDep,
    label: Annotated[Literal["PER", "ORG", "LOC", "EVT", "MISC"] | None, Query()] = None,
    prefix: Text = None, limit: Limit = 50, offset: Offset = 0,
) -> dict[str, object]:
    total, items = queries.list_entities(archive, label=label, prefix=prefix, limit=limit,
                                         offset=offset)
    return {"total": total, "limit": limit, "offset": offset,
            "items": [e.to_dict() for e in items]}


@router.get("/entities/{entity_id}", response_model=EntityDetail,
            summary="An entity: mentions over time and its quotes")
def entity(archive: ArchiveDep, entity_id: EntityId) -> dict[str, object]:
    info = queries.find_entity(archive, entity_id)
    if info is None:
        raise _not_found("entity", entity_id)
    _, quotes = queries.quotes_by(archive, info, limit=50)
    return {**info.to_dict(), "mentions_over_time": queries.mentions_over_time(archive, info),
            "quotes": quotes}


@router.get("/quotes", response_model=QuoteList, summary="Quotes by one speaker")
def quotes(
    archive: ArchiveDep,
    speaker: Annotated[str, Query(min_length=1, max_length=200,
                                  description="name, alias or slug of the speaker")],
    limit: Limit = 20, offset: Offset = 0,
) -> dict[str, object]:
    info = queries.find_entity(archive, speaker)
    if info is None:
        raise _not_found("speaker", speaker)
    total, items = queries.quotes_by(archive, info, limit=limit, offset=offset)
    return {"speaker": info.to_dict(), "total": total, "limit": limit, "offset": offset,
            "items": items}


@router.post(
    "/ingest", response_model=IngestResult, summary="Add documents (needs the bearer token)",
    responses={401: {"model": ErrorBody, "description": "no bearer token"},
               403: {"model": ErrorBody, "description": "read-only server or wrong token"}},
)
def ingest(
    body: IngestRequest, backend: Annotated[Backend, Depends(get_backend)],
    authorization: Annotated[str | None, Header()] = None,
) -> dict[str, object]:
    backend.check_token(authorization)
    from warta.ingest import enrich_available
    from warta.parse import parse

    use_enrich = body.enrich and enrich_available()
    articles, failures = [], []
    for index, doc in enumerate(body.documents):
        try:
            if doc.format not in (None, "text", "html", "json"):
                raise UsageError(f"format {doc.format!r}: use text, html or json")
            article = parse(doc.content, format=doc.format, url=doc.url,
                            source=doc.source or f"api:{index}")
            if use_enrich:
                from warta.enrich import enrich

                article = enrich(article)
            articles.append(article)
        except (DocumentError, UsageError) as exc:
            failures.append(IngestFailure(index=index, code=exc.code, message=str(exc)))
    report = backend.archive().put_many(articles)
    return {**report.to_dict(), "ids": [a.id for a in articles], "failures": failures}
