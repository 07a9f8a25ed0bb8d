"""The portal: server-rendered pages in Indonesian, usable without JavaScript.

Routes: ``/`` (latest by section and outlet), ``/artikel/{id}``, ``/cari?q=…``,
``/entitas`` and ``/entitas/{id}``, ``/media/{outlet}``, ``/rubrik/{section}``.
"""

from __future__ import annotations

import math
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from warta.errors import StoreError, UsageError
from warta.store.base import Archive
from warta.store.stories import Story
from warta.web import queries, render
from warta.web.api import DATE_PATTERN, archive_dep, search_query
from warta.web.errors import ApiError
from warta.web.stories import stories_of
from warta.web.svg import mentions_chart

__all__ = ["router", "setup_templates"]

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
ArchiveDep = Annotated[Archive, Depends(archive_dep)]
Page = Annotated[int, Query(ge=1, le=10_000)]
PAGE_SIZE = 10
LIST_SIZE = 20
QUOTE_SIZE = 10
HOME_LATEST, HOME_PER_GROUP = 8, 5


def setup_templates(templates: Jinja2Templates) -> None:
    """Filters the templates use."""
    templates.env.filters["hari"] = render.format_day
    templates.env.filters["bulan"] = render.format_month
    templates.env.filters["web_url"] = render.web_url
    templates.env.filters["slug"] = queries.slug
    templates.env.filters["jenis"] = render.label_name


def _page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, name, context, status_code=status)


def _pages(total: int, page: int, size: int) -> dict[str, int]:
    return {"page": page, "pages": max(1, math.ceil(total / size)), "total": total}


def _missing(what: str) -> ApiError:
    return ApiError(404, "not_found", f"{what} tidak ditemukan di arsip ini")


@router.get("/")
def home(request: Request, archive: ArchiveDep) -> Response:
    _, latest = queries.list_articles(archive, queries.ArticleFilters(), limit=HOME_LATEST)
    shown = {a["id"] for a in latest}
    sections = queries.latest_by(archive, "section", per_group=HOME_PER_GROUP + len(shown))
    outlets = queries.latest_by(archive, "outlet", per_group=HOME_PER_GROUP + len(shown))
    return _page(request, "home.html", {
        "latest": latest,
        "latest_stories": stories_of(archive, latest),
        # every name stays reachable even when its newest articles are all listed above
        "section_names": [name for name, _ in sections],
        "outlet_names": [name for name, _ in outlets],
        "sections": _unseen(sections, shown), "outlets": _unseen(outlets, shown),
        "entities": queries.list_entities(archive, limit=12)[1],
    })


def _unseen(groups: list[tuple[str, list[dict[str, Any]]]], shown: set[str]
            ) -> list[tuple[str, list[dict[str, Any]]]]:
    """Each group's newest articles not already on the page (an article is listed once);
    ``shown`` grows with what is kept, groups left empty are dropped."""
    out = []
    for name, items in groups:
        fresh = [a for a in items if a["id"] not in shown][:HOME_PER_GROUP]
        shown.update(a["id"] for a in fresh)
        if fresh:
            out.append((name, fresh))
    return out


@router.get("/artikel/{article_id}")
def article_page(request: Request, archive: ArchiveDep, article_id: str) -> Response:
    article = archive.get(article_id)
    if article is None:
        raise _missing(f"Artikel {article_id!r}")
    credits = [*article.credits.agencies, *article.credits.codes]
    return _page(request, "article.html", {
        "a": article,
        "dateline": render.format_dateline(article.published, article.tz),
        "runs": render.body_runs(article),
        "read_also_at": render.read_also_at(article),
        "credits": f"({'/'.join(credits)})" if credits else "",
        "related": archive.related(article.id, 5),
        "story": _story_of(archive, article.id),
        **_lineage(archive, article.id),
    })


def _story_of(archive: Archive, article_id: str) -> Story | None:
    """The story an article is part of, for the page's link to ``/cerita/{id}``; None when
    the article is alone in its story (a one-article story is no news to link to)."""
    sid = archive.story_of(article_id)
    story = archive.story(sid) if sid else None
    return story if story is not None and story.size > 1 else None


def _lineage(archive: Archive, article_id: str) -> dict[str, Any]:
    """``Sumber asli`` (the copy group's original, when it is another article) and ``Juga
    dimuat di`` (the other copies), as summaries for the article page."""
    group = archive.copy_group(article_id)
    if group.original is None:
        return {"original": None, "also_in": []}
    others = [c.id for c in group.copies if c.id != article_id]
    if group.original != article_id:
        others.insert(0, article_id)
    summaries = {a.id: a for a in (archive.get(i) for i in [group.original, *others]) if a is not None}
    original = summaries.get(group.original) if group.original != article_id else None
    also_in = [summaries[i] for i in others if i != article_id and i in summaries]
    return {"original": original, "original_confidence": group.confidence, "also_in": also_in}


@router.get("/cari")
def search_page(
    request: Request, archive: ArchiveDep,
    q: Annotated[str, Query(max_length=500)] = "",
    media: Annotated[str | None, Query(max_length=200)] = None,
    rubrik: Annotated[str | None, Query(max_length=200)] = None,
    bulan: Annotated[str | None, Query(pattern=DATE_PATTERN)] = None,
    urut: Annotated[str, Query(pattern="^(relevansi|terbaru)$")] = "relevansi",
    halaman: Page = 1,
) -> Response:
    context: dict[str, Any] = {"q": q, "media": media, "rubrik": rubrik, "bulan": bulan,
                               "urut": urut, "result": None, "error": None}
    base = {k: v for k, v in (("q", q), ("media", media), ("rubrik", rubrik), ("bulan", bulan),
                              ("urut", urut)) if v}
    order = ("q", "media", "rubrik", "bulan", "urut", "halaman")  # stable, readable links
    context["link"] = lambda **change: "/cari?" + urlencode(
        [(k, merged[k]) for merged in [{**base, **change}] for k in order if merged.get(k)])
    if not q.strip():
        return _page(request, "search.html", context)
    full = search_query(q, outlet=media, section=rubrik, date=bulan)
    try:
        result = queries.run_search(
            archive, full, limit=PAGE_SIZE, offset=(halaman - 1) * PAGE_SIZE,
            sort="date" if urut == "terbaru" else "relevance", facets=True)
    except (UsageError, StoreError) as exc:
        context["error"] = str(exc)  # the parser's own words, after an Indonesian lead
        return _page(request, "search.html", context, status=400)
    context["result"] = result
    context["marked"] = {h.id: render.marked(h.snippet, h.highlights) for h in result.hits}
    context.update(_pages(result.total, halaman, PAGE_SIZE))
    return _page(request, "search.html", context)


@router.get("/entitas")
def entities_page(request: Request, archive: ArchiveDep, halaman: Page = 1) -> Response:
    total, items = queries.list_entities(archive, limit=50, offset=(halaman - 1) * 50)
    return _page(request, "entities.html", {
        "items": items, "articles": archive.count(), **_pages(total, halaman, 50)})


@router.get("/entitas/{entity_id}")
def entity_page(request: Request, archive: ArchiveDep, entity_id: str, halaman: Page = 1,
                kutipan: Page = 1) -> Response:
    info = queries.find_entity(archive, entity_id)
    if info is None:
        raise _missing(f"Entitas {entity_id!r}")
    months = queries.mentions_over_time(archive, info)
    quotes_total, quotes = queries.quotes_by(archive, info, limit=QUOTE_SIZE,
                                             offset=(kutipan - 1) * QUOTE_SIZE)
    total, articles = queries.list_articles(
        archive, queries.ArticleFilters(entity=info.id), limit=LIST_SIZE,
        offset=(halaman - 1) * LIST_SIZE)
    base = f"/entitas/{info.id}"

    def link(page: int = halaman, quotes_page: int = kutipan, anchor: str = "") -> str:
        query = urlencode([(k, v) for k, v in (("halaman", page), ("kutipan", quotes_page))
                           if v > 1])
        return base + ("?" + query if query else "") + anchor

    return _page(request, "entity.html", {
        "e": info, "chart": mentions_chart(months, f"Sebutan {info.name} per bulan"),
        "months": months, "quotes": quotes, "articles": articles,
        "articles_pager": {**_pages(total, halaman, LIST_SIZE),
                           "link": lambda n: link(page=n, anchor="#berita")},
        "quotes_pager": {**_pages(quotes_total, kutipan, QUOTE_SIZE),
                         "link": lambda n: link(quotes_page=n, anchor="#kutipan")},
    })


def _listing(request: Request, archive: ArchiveDep, column: str, value: str, halaman: int
             ) -> Response:
    key = queries.unslug(value)
    name = queries.display_name(archive, column, key) if key else None
    if name is None:
        raise _missing("Media" if column == "outlet" else "Rubrik")
    filters = (queries.ArticleFilters(outlet=value) if column == "outlet"
               else queries.ArticleFilters(section=value))
    total, items = queries.list_articles(archive, filters, limit=LIST_SIZE,
                                         offset=(halaman - 1) * LIST_SIZE)
    return _page(request, "listing.html", {
        "kind": "Media" if column == "outlet" else "Rubrik", "name": name, "items": items,
        "base": f"/{'media' if column == 'outlet' else 'rubrik'}/{queries.slug(name)}",
        **_pages(total, halaman, LIST_SIZE),
    })


@router.get("/media/{outlet}")
def outlet_page(request: Request, archive: ArchiveDep, outlet: str, halaman: Page = 1
                ) -> Response:
    return _listing(request, archive, "outlet", outlet, halaman)


@router.get("/rubrik/{section}")
def section_page(request: Request, archive: ArchiveDep, section: str, halaman: Page = 1
                 ) -> Response:
    return _listing(request, archive, "section", section, halaman)
