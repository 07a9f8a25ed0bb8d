"""The REST API under ``/api``. Handlers are plain ``def``: FastAPI runs them in its thread
pool, each with an archive connection lent to its request alone (see ``Backend``)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.routing import APIRoute
from starlette.responses import Response

from warta.model import SpeakerKind
from warta.store.base import Archive
from warta.web import queries
from warta.web.backend import Backend, get_backend
from warta.web.errors import ERROR_RESPONSES, ApiError, ErrorBody
from warta.web.schemas import (
    ArticleList,
    ArticleRecord,
    CopyGroupBody,
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


async def archive_dep(request: Request) -> AsyncIterator[Archive]:
    """FastAPI dependency: an archive connection for this request alone."""
    backend: Backend = request.app.state.backend
    async with backend.lend() as archive:
        yield archive


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


@router.get("/articles/{article_id}/copies", response_model=CopyGroupBody,
            summary="Wire copies of an article, their original and what each copy changed")
def copies(archive: ArchiveDep, article_id: ArticleId) -> dict[str, object]:
    if archive.get(article_id) is None:
        raise _not_found("article", article_id)
    return archive.copy_group(article_id).to_dict()


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
            summary="An entity: mentions over time and a page of its quotes")
def entity(
    archive: ArchiveDep, entity_id: EntityId,
    quotes_limit: Annotated[int, Query(ge=1, le=100, description="quotes per page")] = 20,
    quotes_offset: Annotated[int, Query(ge=0, le=100_000, description="quotes to skip")] = 0,
    quotes_speaker_kind: Annotated[SpeakerKind | None, Query(
        description="only the quotes whose speaker was judged a public figure or a private "
                    "person in their article (as speaker_kind of GET /api/quotes)")] = None,
) -> dict[str, object]:
    info = queries.find_entity(archive, entity_id)
    if info is None:
        raise _not_found("entity", entity_id)
    total, quotes = queries.quotes_by(archive, info, limit=quotes_limit, offset=quotes_offset,
                                      speaker_kind=quotes_speaker_kind)
    return {**info.to_dict(), "mentions_over_time": queries.mentions_over_time(archive, info),
            "quotes_total": total, "quotes_limit": quotes_limit, "quotes_offset": quotes_offset,
            "quotes": quotes}


@router.get("/quotes", response_model=QuoteList, summary="Quotes by one speaker")
def quotes(
    archive: ArchiveDep,
    speaker: Annotated[str, Query(min_length=1, max_length=200,
                                  description="name, alias or slug of the speaker")],
    limit: Limit = 20, offset: Offset = 0,
    speaker_kind: Annotated[SpeakerKind | None, Query(
        description="only quotes whose speaker was judged a public figure (an office, an "
                    "organisation, a known public person) or a private person in their article; "
                    "quotes the rules cannot decide (no speaker) have no kind")] = None,
) -> dict[str, object]:
    info = queries.find_entity(archive, speaker)
    if info is None:
        raise _not_found("speaker", speaker)
    total, items = queries.quotes_by(archive, info, limit=limit, offset=offset, speaker_kind=speaker_kind)
    return {"speaker": info.to_dict(), "total": total, "limit": limit, "offset": offset,
            "items": items}


class TokenFirstRoute(APIRoute):
    """A route that checks the bearer token before FastAPI reads and validates the body:
    a caller without the right token learns that (401/403), not what the body should be,
    and the server reads no body for it."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def checked(request: Request) -> Response:
            backend: Backend = request.app.state.backend
            backend.check_token(request.headers.get("authorization"))
            return await handler(request)

        return checked


def ingest(body: IngestRequest, archive: ArchiveDep) -> dict[str, object]:
    """Parse, enrich and store each document on its own: one bad document fails alone
    (listed in ``failures`` and kept in the archive's failures table); the rest are stored.
    The status is 200 whatever the documents' fate; read ``documents`` for each one."""
    from warta.web.uploads import ingest_documents

    report, results = ingest_documents(body.documents, archive, enrich=body.enrich)
    return {
        **report.to_dict(),
        "ids": [r.id for r in results if r.id is not None],
        "failures": [IngestFailure(index=r.index, source=r.source, code=r.code or "",
                                   message=r.message or "")
                     for r in results if r.status == "failed"],
        "documents": [r.to_dict() for r in results],
    }


router.add_api_route(
    "/ingest", ingest, methods=["POST"], response_model=IngestResult,
    summary="Add documents (needs the bearer token); a result per document",
    route_class_override=TokenFirstRoute,
    responses={
        200: {"description": "Every document was handled: each is stored or failed alone "
                             "(see `documents`); the status does not say which."},
        401: {"model": ErrorBody, "description": "no bearer token (checked before the body)"},
        403: {"model": ErrorBody, "description": "read-only server or wrong token"},
    },
)
