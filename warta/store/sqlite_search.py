"""Search over a SQLite archive (a mixin of :class:`warta.store.sqlite.SQLiteArchive`):
ranked by tantivy (default) or FTS5, filters in SQL or in the index, facets by SQL, and
highlighted snippets from the stored text."""

from __future__ import annotations

import json
import sqlite3
import zlib
from typing import TYPE_CHECKING

from warta.errors import StoreError
from warta.link.titles import title_key
from warta.search.fts5 import compile_filters, compile_match
from warta.search.query import ParsedQuery
from warta.search.snippets import snippet
from warta.search.tantivy_index import compile_tantivy
from warta.store.base import SearchHit, SearchResult
from warta.store.facets import facet_counts

if TYPE_CHECKING:
    from warta.search.tantivy_index import TantivyIndex

__all__ = ["BODY_WEIGHT", "SearchMixin", "TITLE_WEIGHT"]

# FTS5 bm25() column weights: a word in the headline says far more about the article than the
# same word somewhere in the body (tuned with evals/eval_search.py; tantivy uses the same 4×).
TITLE_WEIGHT = 4.0
BODY_WEIGHT = 1.0
_HIT_COLUMNS = "a.rowid, a.id, a.title, a.outlet, a.section, a.published, a.url"


def _fts_match(parsed: ParsedQuery, positive: str | None, negative: str | None
               ) -> tuple[str, str, list[object], bool]:
    """The SQL of FTS5's match set of ``parsed`` (its compiled ``positive`` and ``negative``
    parts): ``FROM`` source (ending in ``WHERE``), the conditions after it, their parameters
    in order, and whether filters or a negative part narrow the match."""
    clauses, params = compile_filters(parsed.filters)
    if negative:
        clauses.append("a.rowid NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
        params.append(negative)
    where = " AND ".join(clauses) or "1"
    if positive:
        return ("fts JOIN articles a ON a.rowid = fts.rowid WHERE fts MATCH ? AND ", where,
                [positive, *params], bool(clauses))
    return "articles a WHERE ", where, params, bool(clauses)


class SearchMixin:
    """``search()`` for the SQLite archive; expects ``conn``, ``index``, ``ensure_indexed``."""

    conn: sqlite3.Connection
    index: TantivyIndex | None

    def ensure_indexed(self) -> None:  # provided by IndexSync
        raise NotImplementedError

    def _search(self, parsed: ParsedQuery, query: str, *, limit: int, offset: int, sort: str,
                facets: bool, snippets: bool) -> SearchResult:
        """:meth:`~warta.store.base.Archive.search` once the query is read."""
        positive, negative = compile_match(parsed.text)
        if self.index is not None:
            return self._search_tantivy(parsed, positive is not None, query, limit, offset, sort,
                                        facets, snippets)
        source, where, params, filtered = _fts_match(parsed, positive, negative)
        score = f"-bm25(fts, {TITLE_WEIGHT}, {BODY_WEIGHT})" if positive else "0.0"
        order = "score DESC" if sort == "relevance" and positive else "a.published DESC"
        try:
            rows = self.conn.execute(
                f"SELECT {_HIT_COLUMNS}, {score} AS score FROM {source}{where} "
                f"ORDER BY {order}, a.rowid LIMIT ? OFFSET ?",
                [*params, limit, offset],
            ).fetchall()
            if len(rows) < limit and (offset == 0 or rows):
                total = offset + len(rows)
            elif positive and not filtered:  # no filters: the index alone can count
                total = self.conn.execute(
                    "SELECT count(*) FROM fts WHERE fts MATCH ?", (positive,)
                ).fetchone()[0]
            else:
                total = self.conn.execute(
                    f"SELECT count(*) FROM {source}{where}", params
                ).fetchone()[0]
            counts = (
                facet_counts(self.conn, source, where, params) if facets else {}
            )
        except sqlite3.OperationalError as exc:
            raise StoreError(f"search {query!r} failed: {exc}") from exc
        hits = [
            SearchHit(r[1], r[2], r[3], r[4], r[5], r[6], round(float(r[7]), 4))
            for r in rows
        ]
        if snippets:
            self._add_snippets(hits, [r[0] for r in rows], parsed.positive_terms())
        return SearchResult(query, int(total), hits, counts)

    def _add_snippets(self, hits: list[SearchHit], rowids: list[int], terms: set[str]) -> None:
        for hit, rowid in zip(hits, rowids, strict=True):
            doc = self.conn.execute("SELECT doc FROM articles WHERE rowid = ?", (rowid,))
            paragraphs = json.loads(zlib.decompress(doc.fetchone()[0]))["paragraphs"]
            hit.snippet, hit.highlights = snippet(paragraphs, terms)

    def _search_tantivy(self, parsed: ParsedQuery, ranked: bool, query: str, limit: int,
                        offset: int, sort: str, facets: bool, snippets: bool) -> SearchResult:
        self.ensure_indexed()
        assert self.index is not None
        entity_keys = {
            key: [n for (n,) in self.conn.execute(
                "SELECT DISTINCT e.name_key FROM entity_names n JOIN entities e "
                "ON e.rowid = n.entity_rowid WHERE n.name_key = ?", (key,))]
            for key in (title_key(str(f.value)) for f in parsed.filters if f.field == "entity")
        }
        by_date = sort == "date" or not ranked
        try:
            total, pairs = self.index.search(compile_tantivy(parsed, entity_keys), limit=limit,
                                             offset=offset, by_date=by_date)
        except ValueError as exc:
            raise StoreError(f"search {query!r} failed in the index: {exc}") from exc
        rowids = [r for r, _ in pairs]
        marks = ",".join("?" * len(rowids))
        found = {r[0]: r for r in self.conn.execute(
            f"SELECT {_HIT_COLUMNS} FROM articles a WHERE a.rowid IN ({marks})", rowids)}
        kept = [(rowid, score) for rowid, score in pairs if rowid in found]
        hits = [SearchHit(*found[r][1:], score=0.0 if by_date else round(s, 4)) for r, s in kept]
        if snippets:
            self._add_snippets(hits, [r for r, _ in kept], parsed.positive_terms())
        counts: dict[str, list[tuple[str, int]]] = {}
        if facets:  # counted by SQLite over the same match set (FTS5 + SQL filters)
            counts = self._facets_for(parsed)
        return SearchResult(query, total, hits, counts)

    def _facets_for(self, parsed: ParsedQuery) -> dict[str, list[tuple[str, int]]]:
        source, where, params, _ = _fts_match(parsed, *compile_match(parsed.text))
        return facet_counts(self.conn, source, where, params)
