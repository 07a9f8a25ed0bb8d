"""Browsing look-ups of :class:`~warta.store.sqlite.SQLiteArchive`: read-only SQL over the
schema of ``warta/store/migrations`` (article lists, latest by outlet/section, entities)."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from warta.link.titles import title_key
from warta.store.listing import ArticleFilters, EntityInfo, name_key, slug

__all__ = ["ListingMixin"]

_SUMMARY = (
    "SELECT a.id, a.title, a.outlet, a.section, a.published, a.url, "
    "(SELECT json_group_array(name) FROM (SELECT name FROM article_authors "
    " WHERE article_rowid = a.rowid ORDER BY position)) AS authors FROM articles a "
)
_NEWEST = "ORDER BY a.published IS NULL, a.published DESC, a.rowid"
_ENTITY = "SELECT e.rowid, e.name, e.label, e.aliases, e.article_count FROM entities e "


def _filters_sql(f: ArticleFilters) -> tuple[str, list[object]]:
    """WHERE clause over ``articles a`` and its parameters."""
    clauses: list[str] = []
    params: list[object] = []
    if f.outlet:
        key = name_key(f.outlet)
        clauses.append("(a.outlet_key = ? OR a.outlet_key LIKE ?)")
        params += [key, key + " %"]
    if f.section:
        clauses.append("a.section_key = ?")
        params.append(name_key(f.section))
    if f.author:
        clauses.append("a.rowid IN (SELECT article_rowid FROM article_authors WHERE name_key = ?)")
        params.append(name_key(f.author))
    if f.entity:
        clauses.append(
            "a.rowid IN (SELECT ae.article_rowid FROM article_entities ae JOIN entity_names n"
            " ON n.entity_rowid = ae.entity_rowid WHERE n.name_key = ?)"
        )
        params.append(name_key(f.entity))
    if f.date_from:
        clauses.append("a.day >= ?")
        params.append(f.date_from)
    if f.date_to:
        clauses.append("substr(a.day, 1, ?) <= ?")
        params += [len(f.date_to), f.date_to]
    return " AND ".join(clauses) or "1", params


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


def _entity(row: tuple[Any, ...]) -> EntityInfo:
    rowid, name, label, aliases, count = row
    return EntityInfo(slug(name), name, label, json.loads(aliases), count, rowid)


def _check_column(method: str, column: str) -> None:
    if column not in ("outlet", "section"):  # interpolated into SQL: only these two
        raise ValueError(f"{method}: column must be outlet or section, not {column!r}")


class ListingMixin:
    """The browsing methods of the Archive interface, for a class with ``self.conn``."""

    conn: sqlite3.Connection

    def list_articles(
        self, filters: ArticleFilters, *, limit: int = 20, offset: int = 0,
        oldest_first: bool = False,
    ) -> tuple[int, list[dict[str, Any]]]:
        """See :meth:`warta.store.base.Archive.list_articles`."""
        where, params = _filters_sql(filters)
        total = self.conn.execute(
            f"SELECT count(*) FROM articles a WHERE {where}", params
        ).fetchone()[0]
        order = "ASC" if oldest_first else "DESC"
        rows = self.conn.execute(
            f"{_SUMMARY} WHERE {where} ORDER BY a.published IS NULL, a.published {order}, "
            "a.rowid LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
        return int(total), [_summary(r) for r in rows]

    def latest_by(self, column: str, *, groups: int = 6, per_group: int = 5
                  ) -> list[tuple[str, list[dict[str, Any]]]]:
        """See :meth:`warta.store.base.Archive.latest_by`."""
        _check_column("latest_by", column)
        names = [r[0] for r in self.conn.execute(
            f"SELECT min({column}) FROM articles WHERE {column}_key IS NOT NULL "
            f"AND {column}_key != '' GROUP BY {column}_key ORDER BY count(*) DESC, 1 LIMIT ?",
            (groups,),
        )]
        out = []
        for name in names:
            rows = self.conn.execute(
                f"{_SUMMARY} WHERE a.{column}_key = ? {_NEWEST} LIMIT ?",
                (title_key(name), per_group),
            ).fetchall()
            out.append((name, [_summary(r) for r in rows]))
        return out

    def display_name(self, column: str, key: str) -> str | None:
        """See :meth:`warta.store.base.Archive.display_name`."""
        _check_column("display_name", column)
        row = self.conn.execute(
            f"SELECT {column} FROM articles WHERE {column}_key = ? LIMIT 1", (key,)
        ).fetchone()
        return row[0] if row else None

    def list_entities(
        self, *, label: str | None = None, prefix: str | None = None,
        limit: int = 50, offset: int = 0,
    ) -> tuple[int, list[EntityInfo]]:
        """See :meth:`warta.store.base.Archive.list_entities`."""
        clauses, params = ["e.article_count > 0"], []  # entities whose articles were all deleted
        if label:
            clauses.append("e.label = ?")
            params.append(label.upper())
        if prefix and title_key(prefix):
            clauses.append("e.name_key LIKE ? ESCAPE '\\'")
            key = title_key(prefix).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params.append(key + "%")
        where = " AND ".join(clauses)
        total = self.conn.execute(
            f"SELECT count(*) FROM entities e WHERE {where}", params
        ).fetchone()[0]
        rows = self.conn.execute(
            f"{_ENTITY} WHERE {where} ORDER BY e.article_count DESC, e.name LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
        return int(total), [_entity(r) for r in rows]

    def find_entity(self, entity_id: str) -> EntityInfo | None:
        """See :meth:`warta.store.base.Archive.find_entity`."""
        key = name_key(entity_id)
        if not key:
            return None
        row = self.conn.execute(f"{_ENTITY} WHERE e.name_key = ?", (key,)).fetchone()
        if row is None:  # an alias ("AS" for Amerika Serikat)
            row = self.conn.execute(
                f"{_ENTITY} JOIN entity_names n ON e.rowid = n.entity_rowid WHERE n.name_key = ? "
                "ORDER BY e.article_count DESC LIMIT 1",
                (key,),
            ).fetchone()
        return _entity(row) if row and row[4] > 0 else None

    def mentions_over_time(self, entity: EntityInfo) -> list[dict[str, Any]]:
        """See :meth:`warta.store.base.Archive.mentions_over_time`."""
        rows = self.conn.execute(
            "SELECT a.month, count(*), sum(ae.mentions) FROM article_entities ae "
            "JOIN articles a ON a.rowid = ae.article_rowid "
            "WHERE ae.entity_rowid = ? AND a.month IS NOT NULL GROUP BY a.month ORDER BY a.month",
            (entity.rowid,),
        ).fetchall()
        return [{"month": m, "articles": n, "mentions": s} for m, n, s in rows]

    def entity_article_ids(self, entity: EntityInfo, limit: int) -> list[str]:
        """See :meth:`warta.store.base.Archive.entity_article_ids`."""
        return [r[0] for r in self.conn.execute(
            "SELECT a.id FROM article_entities ae JOIN articles a ON a.rowid = ae.article_rowid "
            f"WHERE ae.entity_rowid = ? {_NEWEST} LIMIT ?",
            (entity.rowid, limit),
        )]

    def quotes_by(self, entity: EntityInfo, *, limit: int = 50, offset: int = 0
                  ) -> tuple[int, list[dict[str, Any]]]:
        """See :meth:`warta.store.base.Archive.quotes_by` (the ``quotes`` table)."""
        keys = sorted({title_key(n) for n in [entity.name, *entity.aliases]} - {""})
        marks = ", ".join("?" * len(keys))
        total = self.conn.execute(
            f"SELECT count(*) FROM quotes WHERE speaker_key IN ({marks})", keys
        ).fetchone()[0]
        rows = self.conn.execute(
            "SELECT a.id, a.title, a.outlet, a.published, q.speaker, q.role, q.kind, q.cue, "
            f"q.text FROM quotes q JOIN articles a ON a.rowid = q.article_rowid "
            f"WHERE q.speaker_key IN ({marks}) {_NEWEST}, q.position LIMIT ? OFFSET ?",
            [*keys, limit, offset],
        ).fetchall()
        names = ("article_id", "title", "outlet", "published", "speaker", "role", "kind", "cue",
                 "text")
        return int(total), [dict(zip(names, r, strict=True)) for r in rows]
