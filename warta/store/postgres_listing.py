"""Browsing look-ups of :class:`~warta.store.postgres.PostgresArchive`: the SQL of
:mod:`warta.store.sqlite_listing` in PostgreSQL's dialect, over the same tables."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from warta.link.titles import title_key
from warta.store.listing import ArticleFilters, EntityInfo, name_key, slug

if TYPE_CHECKING:
    import psycopg

__all__ = ["ListingMixin"]

_SUMMARY = (
    "SELECT a.id, a.title, a.outlet, a.section, a.published, a.url, "
    "(SELECT coalesce(array_agg(name ORDER BY position), '{}') FROM article_authors "
    " WHERE article_rowid = a.rowid) AS authors FROM articles a "
)
_NEWEST = "ORDER BY a.published DESC NULLS LAST, a.rowid"
_ENTITY = "SELECT e.rowid, e.name, e.label, e.aliases, e.article_count FROM entities e "


def _filters_sql(f: ArticleFilters) -> tuple[str, list[object]]:
    """WHERE clause over ``articles a`` and its parameters."""
    clauses: list[str] = []
    params: list[object] = []
    if f.outlet:
        key = name_key(f.outlet)
        clauses.append("(a.outlet_key = %s OR a.outlet_key LIKE %s)")
        params += [key, key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + " %"]
    if f.section:
        clauses.append("a.section_key = %s")
        params.append(name_key(f.section))
    if f.author:
        clauses.append(
            "a.rowid IN (SELECT article_rowid FROM article_authors WHERE name_key = %s)")
        params.append(name_key(f.author))
    if f.entity:
        clauses.append(
            "a.rowid IN (SELECT ae.article_rowid FROM article_entities ae JOIN entity_names n"
            " ON n.entity_rowid = ae.entity_rowid WHERE n.name_key = %s)"
        )
        params.append(name_key(f.entity))
    if f.date_from:
        clauses.append("a.day >= %s")
        params.append(f.date_from)
    if f.date_to:
        clauses.append("substr(a.day, 1, %s) <= %s")
        params += [len(f.date_to), f.date_to]
    return " AND ".join(clauses) or "true", params


def _summary(row: tuple[Any, ...]) -> dict[str, Any]:
    return {
        "id": row[0],
        "title": row[1],
        "outlet": row[2],
        "section": row[3],
        "published": row[4],
        "url": row[5],
        "authors": list(row[6] or []),
    }


def _entity(row: tuple[Any, ...]) -> EntityInfo:
    rowid, name, label, aliases, count = row
    return EntityInfo(slug(name), name, label, json.loads(aliases), count, rowid)


def _check_column(method: str, column: str) -> None:
    if column not in ("outlet", "section"):  # interpolated into SQL: only these two
        raise ValueError(f"{method}: column must be outlet or section, not {column!r}")


class ListingMixin:
    """The browsing methods of the Archive interface, for a class with ``self.conn``."""

    conn: psycopg.Connection

    def list_articles(
        self, filters: ArticleFilters, *, limit: int = 20, offset: int = 0,
        oldest_first: bool = False,
    ) -> tuple[int, list[dict[str, Any]]]:
        """See :meth:`warta.store.base.Archive.list_articles`."""
        where, params = _filters_sql(filters)
        total = self.conn.execute(
            f"SELECT count(*) FROM articles a WHERE {where}", params
        ).fetchone()[0]
        order = "ASC NULLS LAST" if oldest_first else "DESC NULLS LAST"
        rows = self.conn.execute(
            f"{_SUMMARY} WHERE {where} ORDER BY a.published {order}, a.rowid LIMIT %s OFFSET %s",
            [*params, limit, offset],
        ).fetchall()
        return int(total), [_summary(r) for r in rows]

    def latest_by(self, column: str, *, groups: int = 6, per_group: int = 5
                  ) -> list[tuple[str, list[dict[str, Any]]]]:
        """See :meth:`warta.store.base.Archive.latest_by`."""
        _check_column("latest_by", column)
        names = [r[0] for r in self.conn.execute(
            f"SELECT min({column}) FROM articles WHERE {column}_key IS NOT NULL "
            f"AND {column}_key != '' GROUP BY {column}_key ORDER BY count(*) DESC, 1 LIMIT %s",
            (groups,),
        )]
        out = []
        for name in names:
            rows = self.conn.execute(
                f"{_SUMMARY} WHERE a.{column}_key = %s {_NEWEST} LIMIT %s",
                (title_key(name), per_group),
            ).fetchall()
            out.append((name, [_summary(r) for r in rows]))
        return out

    def display_name(self, column: str, key: str) -> str | None:
        """See :meth:`warta.store.base.Archive.display_name`."""
        _check_column("display_name", column)
        row = self.conn.execute(
            f"SELECT {column} FROM articles WHERE {column}_key = %s LIMIT 1", (key,)
        ).fetchone()
        return row[0] if row else None

    def list_entities(
        self, *, label: str | None = None, prefix: str | None = None,
        limit: int = 50, offset: int = 0,
    ) -> tuple[int, list[EntityInfo]]:
        """See :meth:`warta.store.base.Archive.list_entities`."""
        clauses, params = ["e.article_count > 0"], []  # entities whose articles were all deleted
        if label:
            clauses.append("e.label = %s")
            params.append(label.upper())
        if prefix and title_key(prefix):
            clauses.append("e.name_key LIKE %s ESCAPE '\\'")
            key = title_key(prefix).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params.append(key + "%")
        where = " AND ".join(clauses)
        total = self.conn.execute(
            f"SELECT count(*) FROM entities e WHERE {where}", params
        ).fetchone()[0]
        rows = self.conn.execute(
            f"{_ENTITY} WHERE {where} ORDER BY e.article_count DESC, e.name LIMIT %s OFFSET %s",
            [*params, limit, offset],
        ).fetchall()
        return int(total), [_entity(r) for r in rows]

    def find_entity(self, entity_id: str) -> EntityInfo | None:
        """See :meth:`warta.store.base.Archive.find_entity`."""
        key = name_key(entity_id)
        if not key:
            return None
        row = self.conn.execute(f"{_ENTITY} WHERE e.name_key = %s", (key,)).fetchone()
        if row is None:  # an alias ("AS" for Amerika Serikat)
            row = self.conn.execute(
                f"{_ENTITY} JOIN entity_names n ON e.rowid = n.entity_rowid "
                "WHERE n.name_key = %s ORDER BY e.article_count DESC LIMIT 1",
                (key,),
            ).fetchone()
        return _entity(row) if row and row[4] > 0 else None

    def mentions_over_time(self, entity: EntityInfo) -> list[dict[str, Any]]:
        """See :meth:`warta.store.base.Archive.mentions_over_time`."""
        rows = self.conn.execute(
            "SELECT a.month, count(*), sum(ae.mentions) FROM article_entities ae "
            "JOIN articles a ON a.rowid = ae.article_rowid WHERE ae.entity_rowid = %s "
            "AND a.month IS NOT NULL GROUP BY a.month ORDER BY a.month",
            (entity.rowid,),
        ).fetchall()
        return [{"month": m, "articles": n, "mentions": int(s)} for m, n, s in rows]

    def entity_article_ids(self, entity: EntityInfo, limit: int) -> list[str]:
        """See :meth:`warta.store.base.Archive.entity_article_ids`."""
        return [r[0] for r in self.conn.execute(
            "SELECT a.id FROM article_entities ae JOIN articles a ON a.rowid = ae.article_rowid "
            f"WHERE ae.entity_rowid = %s {_NEWEST} LIMIT %s",
            (entity.rowid, limit),
        )]

    def quotes_by(self, entity: EntityInfo, *, limit: int = 50, offset: int = 0
                  ) -> tuple[int, list[dict[str, Any]]]:
        """See :meth:`warta.store.base.Archive.quotes_by` (the ``quotes`` table)."""
        keys = sorted({title_key(n) for n in [entity.name, *entity.aliases]} - {""})
        total = self.conn.execute(
            "SELECT count(*) FROM quotes WHERE speaker_key = ANY(%s)", (keys,)
        ).fetchone()[0]
        rows = self.conn.execute(
            "SELECT a.id, a.title, a.outlet, a.published, q.speaker, q.role, q.kind, q.cue, "
            "q.text FROM quotes q JOIN articles a ON a.rowid = q.article_rowid "
            f"WHERE q.speaker_key = ANY(%s) {_NEWEST}, q.position LIMIT %s OFFSET %s",
            (keys, limit, offset),
        ).fetchall()
        names = ("article_id", "title", "outlet", "published", "speaker", "role", "kind", "cue",
                 "text")
        return int(total), [dict(zip(names, r, strict=True)) for r in rows]
