"""Stories on the web: ``GET /api/stories``, ``GET /api/stories/{id}`` and the portal's
``/cerita/{id}`` page (a story's timeline). Thin wrappers over the archive, as
``warta stories`` and ``warta story`` are."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from warta.errors import UsageError
from warta.store.base import Archive
from warta.web.api import archive_dep
from warta.web.errors import ERROR_RESPONSES, ApiError
from warta.web.schemas import StoryDetail, StoryList

__all__ = ["router", "stories_of"]

router = APIRouter(responses=ERROR_RESPONSES)
ArchiveDep = Annotated[Archive, Depends(archive_dep)]
StoryId = Annotated[str, Path(pattern=r"^[0-9a-z]{1,32}$", description="story id")]
Since = Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$",
                                    description="only stories seen on or after YYYY-MM-DD")]


@router.get("/api/stories", response_model=StoryList, tags=["api"],
            summary="Stories, latest first, with their article ids in time order")
def list_stories(
    archive: ArchiveDep, since: Since = None,
    min_size: Annotated[int, Query(ge=1, le=10_000, description="at least this many articles")] = 1,
    limit: Annotated[int, Query(ge=1, le=100, description="page size")] = 20,
    offset: Annotated[int, Query(ge=0, le=100_000, description="items to skip")] = 0,
) -> dict[str, Any]:
    try:
        total, items = archive.list_stories(since=since, min_size=min_size, limit=limit,
                                            offset=offset)
    except UsageError as exc:
        raise ApiError(422, "usage_error", str(exc)) from None
    return {"total": total, "limit": limit, "offset": offset,
            "items": [s.to_dict() for s in items]}


@router.get("/api/stories/{story_id}", response_model=StoryDetail, tags=["api"],
            summary="A story: its timeline, outlets, main entities and quotes")
def get_story(archive: ArchiveDep, story_id: StoryId) -> dict[str, Any]:
    story = archive.story(story_id)
    if story is None:
        raise ApiError(404, "not_found", f"no story {story_id!r} in this archive")
    return story.to_dict()


@router.get("/cerita/{story_id}", include_in_schema=False, response_class=HTMLResponse)
def story_page(request: Request, archive: ArchiveDep, story_id: StoryId) -> Response:
    story = archive.story(story_id)
    if story is None:
        raise ApiError(404, "not_found", "cerita tidak ditemukan di arsip ini")
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, "story.html", {"s": story})


def stories_of(archive: Archive, articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The home page's newest articles grouped by story, in the order their newest article
    comes: ``{"story": Story or None, "items": [...], "more": articles not listed}``; an
    article alone in its story is a group without a story."""
    groups: dict[str, dict[str, Any]] = {}
    out: list[dict[str, Any]] = []
    for item in articles:
        sid = archive.story_of(item["id"])
        if sid is None:
            out.append({"story": None, "items": [item], "more": 0})
            continue
        if sid not in groups:
            story = archive.story(sid)
            groups[sid] = {"story": story if story and story.size > 1 else None,
                           "items": [], "more": 0}
            out.append(groups[sid])
        groups[sid]["items"].append(item)
    for group in out:
        if group["story"] is not None:
            group["more"] = group["story"].size - len(group["items"])
    return out
