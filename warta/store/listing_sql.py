"""Browsing look-ups of the archive (article lists, latest by outlet or section, entities,
their mentions and quotes): read-only SQL over the tables both backends share, written once
and spoken in each engine's :class:`~warta.store.dialect.Dialect`."""

from __future__ import annotations

import json
from typing import Any

from warta.link.titles import title_key
from warta.store.dialect import Dialect
from warta.store.listing import ArticleFilters, EntityInfo, check_speaker_kind, name_key, slug

__all__ = ["ListingMixin"]

_ENTITY = "SELECT e.rowid, e.name, e.label, e.aliases, e.article_count FROM entities e "
_QUOTE_FIELDS = ("article_id", "title", "outlet", "published", "speaker", "role", "kind", "cue",
                 "text", "speaker_kind")


def like_prefix(key: str) -> str:
    """A ``LIKE … ESCAPE '\\'`` pattern matching values that start with ``key``."""
    return key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _filters_sql(f: ArticleFilters) -> tuple[str, list[object]]:
    """WHERE clause over ``articles a`` (``?`` placeholders) and its parameters."""
    clauses: list[str] = []
    params: list[object] = []
    if f.outlet:  # the outlet, or one whose key continues it after a space ("kompas tv")
        key = name_key(f.outlet)
        clauses.append("(a.outlet_key = ? OR a.outlet_key LIKE ? ESCAPE '\\')")
        params += [key, like_prefix(key + " ")]
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
    return " AND ".join(clauses) or "1 = 1", params


def _entity(row: tuple[Any, ...]) -> EntityInfo:
    rowid, name, label, aliases, count = row
    return EntityInfo(slug(name), name, label, json.loads(aliases), count, rowid)


def _check_column(method: str, column: str) -> None:
    if column not in ("outlet", "section"):  # interpolated into SQL: only these two
        raise ValueError(f"{method}: column must be outlet or section, not {column!r}")


class ListingMixin:
    """The browsing methods of the Archive interface, for a class with ``self.conn`` (a DB-API
    connection whose ``execute`` returns a cursor) and ``self.dialect``."""

    conn: Any
    dialect: Dialect

    def _select(self, statement: str, params: Any = ()) -> list[Any]:
        return self.conn.execute(self.dialect.sql(statement), params).fetchall()

    def _summaries(self, where: str, order: str, params: list[Any]) -> list[dict[str, Any]]:
        """Article summaries (id, title, outlet, section, published, url, authors)."""
        rows = self._select(
            "SELECT a.id, a.title, a.outlet, a.section, a.published, a.url, "
            f"{self.dialect.authors_agg} FROM articles a WHERE {where} ORDER BY {order}", params)
        names = ("id", "title", "outlet", "section", "published", "url")
        return [{**dict(zip(names, r[:6], strict=True)), "authors": self.dialect.decode_list(r[6])}
                for r in rows]

    def _newest(self) -> str:
        return f"{self.dialect.nulls_last('DESC')}, a.rowid"

    def list_articles(
        self, filters: ArticleFilters, *, limit: int = 20, offset: int = 0,
        oldest_first: bool = False,
    ) -> tuple[int, list[dict[str, Any]]]:
        """See :meth:`warta.store.base.Archive.list_articles`."""
        where, params = _filters_sql(filters)
        total = self._select(f"SELECT count(*) FROM articles a WHERE {where}", params)[0][0]
        order = f"{self.dialect.nulls_last('ASC' if oldest_first else 'DESC')}, a.rowid"
        return int(total), self._summaries(
            where, f"{order} LIMIT ? OFFSET ?", [*params, limit, offset])

    def latest_by(self, column: str, *, groups: int = 6, per_group: int = 5
                  ) -> list[tuple[str, list[dict[str, Any]]]]:
        """See :meth:`warta.store.base.Archive.latest_by`."""
        _check_column("latest_by", column)
        names = [r[0] for r in self._select(
            f"SELECT min({column}) FROM articles WHERE {column}_key IS NOT NULL "
            f"AND {column}_key != '' GROUP BY {column}_key ORDER BY count(*) DESC, 1 LIMIT ?",
            (groups,),
        )]
        return [(name, self._summaries(f"a.{column}_key = ?", f"{self._newest()} LIMIT ?",
                                       [title_key(name), per_group]))
                for name in names]

    def display_name(self, column: str, key: str) -> str | None:
        """See :meth:`warta.store.base.Archive.display_name`."""
        _check_column("display_name", column)
        rows = self._select(f"SELECT {column} FROM articles WHERE {column}_key = ? LIMIT 1", (key,))
        return rows[0][0] if rows else None

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
            params.append(like_prefix(title_key(prefix)))
        where = " AND ".join(clauses)
        total = self._select(f"SELECT count(*) FROM entities e WHERE {where}", params)[0][0]
        rows = self._select(
            f"{_ENTITY} WHERE {where} ORDER BY e.article_count DESC, e.name LIMIT ? OFFSET ?",
            [*params, limit, offset])
        return int(total), [_entity(r) for r in rows]

    def find_entity(self, entity_id: str) -> EntityInfo | None:
        """See :meth:`warta.store.base.Archive.find_entity`."""
        key = name_key(entity_id)
        if not key:
            return None
        rows = self._select(f"{_ENTITY} WHERE e.name_key = ?", (key,))
        if not rows:  # an alias ("AS" for Amerika Serikat)
            rows = self._select(
                f"{_ENTITY} JOIN entity_names n ON e.rowid = n.entity_rowid WHERE n.name_key = ? "
                "ORDER BY e.article_count DESC LIMIT 1", (key,))
        return _entity(rows[0]) if rows and rows[0][4] > 0 else None

    def mentions_over_time(self, entity: EntityInfo) -> list[dict[str, Any]]:
        """See :meth:`warta.store.base.Archive.mentions_over_time`."""
        rows = self._select(
            "SELECT a.month, count(*), sum(ae.mentions) FROM article_entities ae "
            "JOIN articles a ON a.rowid = ae.article_rowid "
            "WHERE ae.entity_rowid = ? AND a.month IS NOT NULL GROUP BY a.month ORDER BY a.month",
            (entity.rowid,))
        return [{"month": m, "articles": n, "mentions": int(s)} for m, n, s in rows]

    def entity_article_ids(self, entity: EntityInfo, limit: int) -> list[str]:
        """See :meth:`warta.store.base.Archive.entity_article_ids`."""
        return [r[0] for r in self._select(
            "SELECT a.id FROM article_entities ae JOIN articles a ON a.rowid = ae.article_rowid "
            f"WHERE ae.entity_rowid = ? ORDER BY {self._newest()} LIMIT ?",
            (entity.rowid, limit))]

    def quotes_by(self, entity: EntityInfo, *, limit: int = 50, offset: int = 0,
                  speaker_kind: str | None = None) -> tuple[int, list[dict[str, Any]]]:
        """See :meth:`warta.store.base.Archive.quotes_by` (the ``quotes`` table)."""
        check_speaker_kind(speaker_kind)
        keys = sorted({title_key(n) for n in [entity.name, *entity.aliases]} - {""})
        if not keys:
            return 0, []
        # an entity has a handful of names: one membership test, never chunked
        member, params = self.dialect.any_of("speaker_key", keys)
        if speaker_kind is not None:
            # qualified (`q`): the page's query joins articles
            member, params = f"{member} AND q.speaker_kind = ?", [*params, speaker_kind]
        total = self._select(f"SELECT count(*) FROM quotes q WHERE {member}", params)[0][0]
        rows = self._select(
            "SELECT a.id, a.title, a.outlet, a.published, q.speaker, q.role, q.kind, q.cue, "
            "q.text, q.speaker_kind FROM quotes q JOIN articles a ON a.rowid = q.article_rowid "
            f"WHERE q.{member} ORDER BY {self._newest()}, q.position LIMIT ? OFFSET ?",
            [*params, limit, offset])
        return int(total), [dict(zip(_QUOTE_FIELDS, r, strict=True)) for r in rows]
