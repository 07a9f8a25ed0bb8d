"""Live sources on the web: ``GET /api/sources``, ``POST /api/sources`` (bearer token) and
the portal's ``/sumber`` page (the sources' health). Thin wrappers over
:mod:`warta.live.sources` and the archive, as ``warta sources`` is."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field

from warta.errors import UsageError
from warta.store.base import Archive
from warta.web.api import TokenFirstRoute, archive_dep
from warta.web.errors import ERROR_RESPONSES, ApiError, ErrorBody

__all__ = ["router"]

router = APIRouter(responses=ERROR_RESPONSES)
ArchiveDep = Annotated[Archive, Depends(archive_dep)]


class Source(BaseModel):
    """A followed feed or sitemap and its health."""

    id: int
    url: str
    kind: str = Field(description="rss, atom, sitemap, sitemapindex, newssitemap or unknown")
    outlet: str | None
    added_at: str
    interval_s: float = Field(description="current adaptive poll interval")
    next_poll: str | None = Field(description="when it is next due (UTC); null: now")
    last_poll: str | None
    status: str = Field(description="new, ok, unchanged or error")
    last_error: str | None
    failures: int = Field(description="consecutive failed polls (each doubles the wait)")
    polls: int
    articles_found: int
    note: str | None


class SourceList(BaseModel):
    total: int
    sources: list[Source]


class AddSourcesRequest(BaseModel):
    urls: list[str] = Field(min_length=1, max_length=100,
                            description="feeds, sitemaps or home pages")
    check: bool = Field(False, description="refuse what cannot be reached or lists no items")


class AddedSource(BaseModel):
    url: str
    level: str = Field(description="ok, warning (added) or error (not added)")
    message: str
    added: bool
    kind: str | None
    outlet: str | None
    items: int | None
    source_id: int | None


class AddSourcesResult(BaseModel):
    results: list[AddedSource]


@router.get("/api/sources", response_model=SourceList, tags=["api"],
            summary="The feeds and sitemaps the archive follows, with their health")
def list_sources(archive: ArchiveDep) -> dict[str, Any]:
    sources = [s.to_dict() for s in archive.list_sources()]
    return {"total": len(sources), "sources": sources}


def add_sources(body: AddSourcesRequest, archive: ArchiveDep) -> dict[str, Any]:
    """Inspect each URL (feed, sitemap, home page) and follow what it is or leads to; each
    result says what was found (as `warta sources add` prints it)."""
    from warta.live.sources import add_sources as add

    try:
        results = add(archive, body.urls, check=body.check)
    except UsageError as exc:
        raise ApiError(422, "usage_error", str(exc)) from None
    return {"results": [r.to_dict() for r in results]}


router.add_api_route(
    "/api/sources", add_sources, methods=["POST"], response_model=AddSourcesResult,
    tags=["api"], summary="Follow feeds, sitemaps or home pages (needs the bearer token)",
    route_class_override=TokenFirstRoute,
    responses={401: {"model": ErrorBody, "description": "no bearer token"},
               403: {"model": ErrorBody, "description": "read-only server or wrong token"}},
)


@router.get("/sumber", include_in_schema=False, response_class=HTMLResponse)
def sources_page(request: Request, archive: ArchiveDep) -> Response:
    templates: Jinja2Templates = request.app.state.templates
    sources = [s.to_dict() for s in archive.list_sources()]
    return templates.TemplateResponse(request, "sources.html", {
        "sources": sources,
        "errors": sum(1 for s in sources if s["status"] == "error"),
    })
