"""The web layer's look-ups: thin wrappers over the :class:`~warta.store.Archive` interface
(article lists, latest by section/outlet, entities by slug, mentions over time, quotes by
speaker), kept as one module so the API and the portal ask the same questions."""

from __future__ import annotations

from typing import Any

from warta.store import Archive
from warta.store.base import SearchResult
from warta.store.listing import ArticleFilters, EntityInfo, slug
from warta.store.listing import name_key as unslug

__all__ = [
    "ArticleFilters",
    "EntityInfo",
    "list_articles",
    "latest_by",
    "display_name",
    "find_entity",
    "list_entities",
    "mentions_over_time",
    "quotes_by",
    "run_search",
    "slug",
    "unslug",
]

def list_articles(
    archive: Archive, filters: ArticleFilters, *, limit: int = 20, offset: int = 0,
    oldest_first: bool = False,
) -> tuple[int, list[dict[str, Any]]]:
    """(total, page) of article summaries: :meth:`Archive.list_articles`."""
    return archive.list_articles(filters, limit=limit, offset=offset, oldest_first=oldest_first)


def latest_by(archive: Archive, column: str, *, groups: int = 6, per_group: int = 5
              ) -> list[tuple[str, list[dict[str, Any]]]]:
    """Largest outlets or sections with their latest articles: :meth:`Archive.latest_by`."""
    return archive.latest_by(column, groups=groups, per_group=per_group)


def display_name(archive: Archive, column: str, key: str) -> str | None:
    """The outlet/section name as written: :meth:`Archive.display_name`."""
    return archive.display_name(column, key)


def list_entities(
    archive: Archive, *, label: str | None = None, prefix: str | None = None,
    limit: int = 50, offset: int = 0,
) -> tuple[int, list[EntityInfo]]:
    """(total, page) of entities: :meth:`Archive.list_entities`."""
    return archive.list_entities(label=label, prefix=prefix, limit=limit, offset=offset)


def find_entity(archive: Archive, entity_id: str) -> EntityInfo | None:
    """The entity by slug, name or alias: :meth:`Archive.find_entity`."""
    return archive.find_entity(entity_id)


def mentions_over_time(archive: Archive, entity: EntityInfo) -> list[dict[str, Any]]:
    """Per-month articles and mentions: :meth:`Archive.mentions_over_time`."""
    return archive.mentions_over_time(entity)


def quotes_by(
    archive: Archive, entity: EntityInfo, *, limit: int = 50, offset: int = 0,
    speaker_kind: str | None = None,
) -> tuple[int, list[dict[str, Any]]]:
    """(total, page) of the entity's quotes, of one speaker kind when given: :meth:`Archive.quotes_by`."""
    return archive.quotes_by(entity, limit=limit, offset=offset, speaker_kind=speaker_kind)


def run_search(archive: Archive, query: str, **options: Any) -> SearchResult:
    """``archive.search``; malformed queries raise :class:`UsageError` from the parser (400)."""
    return archive.search(query, **options)
