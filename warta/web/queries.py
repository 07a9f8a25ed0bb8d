"""Read-only look-ups the web layer needs that the :class:`~warta.store.Archive` interface
does not offer yet: article lists with filters and pagination, latest by section/outlet,
entities by slug, mentions over time, quotes by speaker.

They use the archive's public methods where one exists (``get``, ``search``, ``related``,
``entities``) and otherwise read-only SQL over ``SQLiteArchive.conn`` and its documented
schema (``warta/store/migrations``). TODO(store): these belong on the Archive interface so a
PostgreSQL backend can serve them too; the signatures here are the proposal.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from warta.errors import UsageError
from warta.link.titles import title_key
from warta.store import Archive, SQLiteArchive
from warta.store.base import SearchResult

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

MAX_QUOTE_ARTICLES = 200  # quotes are read from stored documents; bound the work per request


def slug(name: str | None) -> str:
    """URL slug of an outlet, section or entity: its archive key with ``-`` for spaces.

    Keys (:func:`warta.link.titles.title_key`) hold only word characters and single spaces,
    so the slug maps back to the key exactly (:func:`unslug`)."""
    return title_key(name).replace(" ", "-")


def unslug(value: str) -> str:
    """The archive key of a slug (see :func:`slug`)."""
    return title_key(value.replace("-", " "))


def _conn(archive: Archive) -> sqlite3.Connection:
    if not isinstance(archive, SQLiteArchive):  # pragma: no cover - only backend today
        raise TypeError("warta.web.queries needs a SQLiteArchive until the store offers these")
    return archive.conn


@dataclass(slots=True)
class ArticleFilters:
    """Filters of an article list; every field narrows (all are ANDed)."""

    outlet: str | None = None
    section: str | None = None
    author: str | None = None
    entity: str | None = None
    date_from: str | None = None  # YYYY[-MM[-DD]], inclusive
    date_to: str | None = None

    def sql(self) -> tuple[str, list[object]]:
        """WHERE clause over ``articles a`` and its parameters."""
        clauses: list[str] = []
        params: list[object] = []
        if self.outlet:
            key = unslug(self.outlet)
            clauses.append("(a.outlet_key = ? OR a.outlet_key LIKE ?)")
            params += [key, key + " %"]
        if self.section:
            clauses.append("a.section_key = ?")
            params.append(unslug(self.section))
        if self.author:
            clauses.append(
                "a.rowid IN (SELECT article_rowid FROM article_authors WHERE name_key = ?)"
            )
            params.append(unslug(self.author))
        if self.entity:
            clauses.append(
                "a.rowid IN (SELECT ae.article_rowid FROM article_entities ae JOIN entity_names n"
                " ON n.entity_rowid = ae.entity_rowid WHERE n.name_key = ?)"
            )
            params.append(unslug(self.entity))
        if self.date_from:
            clauses.append("a.day >= ?")
            params.append(self.date_from)
        if self.date_to:
            clauses.append("substr(a.day, 1, ?) <= ?")
            params += [len(self.date_to), self.date_to]
        return " AND ".join(clauses) or "1", params


_SUMMARY = (
    "SELECT a.id, a.title, a.outlet, a.section, a.published, a.url, "
    "(SELECT json_group_array(name) FROM (SELECT name FROM article_authors "
    " WHERE article_rowid = a.rowid ORDER BY position)) AS authors FROM articles a "
)


def _summary(row: sqlite3.Row | tuple[Any, ...]) -> dict[str, Any]:
    return {
        "id": row[0],
        "title": row[1],
        "outlet": row[2],
        "section": row[3],
        "published": row[4],
        "url": row[5],
        "authors": json.loads(row[6]) if row[6] else [],
    }


def list_articles(
    archive: Archive, filters: ArticleFilters, *, limit: int = 20, offset: int = 0,
    oldest_first: bool = False,
) -> tuple[int, list[dict[str, Any]]]:
    """(total, page) of article summaries, newest first (undated last)."""
    where, params = filters.sql()
    conn = _conn(archive)
    total = conn.execute(f"SELECT count(*) FROM articles a WHERE {where}", params).fetchone()[0]
    order = "ASC" if oldest_first else "DESC"
    rows = conn.execute(
        f"{_SUMMARY} WHERE {where} ORDER BY a.published IS NULL, a.published {order}, a.rowid "
        "LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return int(total), [_summary(r) for r in rows]


def latest_by(archive: Archive, column: str, *, groups: int = 6, per_group: int = 5
              ) -> list[tuple[str, list[dict[str, Any]]]]:
    """The ``groups`` largest outlets or sections, each with its ``per_group`` latest articles."""
    if column not in ("outlet", "section"):
        raise ValueError(f"latest_by: column must be outlet or section, not {column!r}")
    conn = _conn(archive)
    names = [r[0] for r in conn.execute(
        f"SELECT min({column}) FROM articles WHERE {column}_key IS NOT NULL AND {column}_key != '' "
        f"GROUP BY {column}_key ORDER BY count(*) DESC, 1 LIMIT ?",
        (groups,),
    )]
    out = []
    for name in names:
        rows = conn.execute(
            f"{_SUMMARY} WHERE a.{column}_key = ? ORDER BY a.published IS NULL, a.published DESC, "
            "a.rowid LIMIT ?",
            (title_key(name), per_group),
        ).fetchall()
        out.append((name, [_summary(r) for r in rows]))
    return out


def display_name(archive: Archive, column: str, key: str) -> str | None:
    """The name as written of an outlet/section key (None when the archive has none)."""
    if column not in ("outlet", "section"):
        raise ValueError(f"display_name: column must be outlet or section, not {column!r}")
    row = _conn(archive).execute(
        f"SELECT {column} FROM articles WHERE {column}_key = ? LIMIT 1", (key,)
    ).fetchone()
    return row[0] if row else None


@dataclass(slots=True)
class EntityInfo:
    """An entity with its slug (the id the web layer uses)."""

    id: str
    name: str
    label: str
    aliases: list[str] = field(default_factory=list)
    article_count: int = 0
    rowid: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "label": self.label,
            "aliases": list(self.aliases),
            "article_count": self.article_count,
        }


def _entity(row: tuple[Any, ...]) -> EntityInfo:
    rowid, name, label, aliases, count = row
    return EntityInfo(slug(name), name, label, json.loads(aliases), count, rowid)


def list_entities(
    archive: Archive, *, label: str | None = None, prefix: str | None = None,
    limit: int = 50, offset: int = 0,
) -> tuple[int, list[EntityInfo]]:
    """(total, page) of entities by article count; optionally one label, or names starting
    with ``prefix`` (case- and accent-insensitive)."""
    clauses, params = ["article_count > 0"], []  # entities whose articles were all deleted
    if label:
        clauses.append("label = ?")
        params.append(label.upper())
    if prefix and title_key(prefix):
        clauses.append("name_key LIKE ? ESCAPE '\\'")
        key = title_key(prefix).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params.append(key + "%")
    where = " AND ".join(clauses)
    conn = _conn(archive)
    total = conn.execute(f"SELECT count(*) FROM entities WHERE {where}", params).fetchone()[0]
    rows = conn.execute(
        f"SELECT rowid, name, label, aliases, article_count FROM entities WHERE {where} "
        "ORDER BY article_count DESC, name LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return int(total), [_entity(r) for r in rows]


def find_entity(archive: Archive, entity_id: str) -> EntityInfo | None:
    """The entity whose slug, canonical name or alias is ``entity_id``."""
    key = unslug(entity_id)
    if not key:
        return None
    conn = _conn(archive)
    row = conn.execute(
        "SELECT rowid, name, label, aliases, article_count FROM entities WHERE name_key = ?",
        (key,),
    ).fetchone()
    if row is None:  # an alias ("AS" for Amerika Serikat)
        row = conn.execute(
            "SELECT e.rowid, e.name, e.label, e.aliases, e.article_count FROM entity_names n "
            "JOIN entities e ON e.rowid = n.entity_rowid WHERE n.name_key = ? "
            "ORDER BY e.article_count DESC LIMIT 1",
            (key,),
        ).fetchone()
    return _entity(row) if row and row[4] > 0 else None


def mentions_over_time(archive: Archive, entity: EntityInfo) -> list[dict[str, Any]]:
    """Per month (``YYYY-MM``): articles mentioning the entity and their mention count."""
    rows = _conn(archive).execute(
        "SELECT a.month, count(*), sum(ae.mentions) FROM article_entities ae "
        "JOIN articles a ON a.rowid = ae.article_rowid "
        "WHERE ae.entity_rowid = ? AND a.month IS NOT NULL GROUP BY a.month ORDER BY a.month",
        (entity.rowid,),
    ).fetchall()
    return [{"month": m, "articles": n, "mentions": s} for m, n, s in rows]


def _article_ids_with_entity(archive: Archive, entity: EntityInfo, limit: int) -> list[str]:
    return [r[0] for r in _conn(archive).execute(
        "SELECT a.id FROM article_entities ae JOIN articles a ON a.rowid = ae.article_rowid "
        "WHERE ae.entity_rowid = ? ORDER BY a.published IS NULL, a.published DESC, a.rowid "
        "LIMIT ?",
        (entity.rowid, limit),
    )]


def quotes_by(
    archive: Archive, entity: EntityInfo, *, limit: int = 50, offset: int = 0
) -> tuple[int, list[dict[str, Any]]]:
    """(total, page) of quotes whose speaker is the entity (or one of its aliases), newest
    article first, read from the stored documents of the articles that mention it."""
    names = {title_key(n) for n in [entity.name, *entity.aliases]}
    found: list[dict[str, Any]] = []
    for article_id in _article_ids_with_entity(archive, entity, MAX_QUOTE_ARTICLES):
        article = archive.get(article_id)
        if article is None:
            continue
        for q in article.quotes:
            if q.speaker and title_key(q.speaker) in names:
                found.append({
                    "article_id": article.id,
                    "title": article.title,
                    "outlet": article.outlet,
                    "published": article.published.isoformat() if article.published else None,
                    "speaker": q.speaker,
                    "role": q.role,
                    "kind": q.kind,
                    "cue": q.cue,
                    "text": q.text,
                })
    return len(found), found[offset:offset + limit]


def run_search(archive: Archive, query: str, **options: Any) -> SearchResult:
    """``archive.search``; malformed queries raise :class:`UsageError` from the parser (400)."""
    return archive.search(query, **options)
