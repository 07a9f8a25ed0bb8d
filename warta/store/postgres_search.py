"""Search over a PostgreSQL archive (a mixin of :class:`warta.store.postgres.PostgresArchive`):
tsvectors of warta's own lexemes, indexed by rum (ranked in index order by ``<=>``: the top
hits without reading every match) or, without the extension, GIN (the matches ranked by
``ts_rank`` with the title weighted like SQLite's ranking). Filters and facets are SQL,
snippets come from the stored text (the same code as SQLite's).

Counting every match is what a ranked page costs most on a big archive (a common word
matches a third of it), so the total is exact up to :data:`COUNT_CAP` matches (or the end of
the asked page, when further) and reported as "more than" beyond it
(``SearchResult.total_exact``); the page's documents come with its rows, not in a second
round trip."""

from __future__ import annotations

import json
import zlib
from typing import TYPE_CHECKING, Any

from warta.errors import StoreError
from warta.search.fts5 import compile_filters, compile_match
from warta.search.query import ParsedQuery
from warta.search.snippets import snippet
from warta.store.base import SearchHit, SearchResult
from warta.store.facets import facet_counts
from warta.store.node_index import NodeIndex, node_page
from warta.store.postgres_text import is_ranked, tsquery_literal

if TYPE_CHECKING:
    import psycopg

__all__ = ["COUNT_CAP", "RANK_WEIGHTS", "SearchMixin", "pg_filters", "rank_sql"]

# matches counted exactly before "more than": a hundred pages of ten, as far as anyone pages
COUNT_CAP = 1000

# ts_rank weights of {D, C, B, A}: body terms are D, title terms A. The title counts 4× the
# body, as in SQLite (FTS5 bm25 column weights) and tantivy (field boost).
RANK_WEIGHTS = "{0.25, 0.25, 0.25, 1.0}"
# normalisation 1: divide by 1 + log(length), so a long article does not win by length alone
RANK = f"ts_rank('{RANK_WEIGHTS}', t.tsv, %s::tsquery, 1)"
_HIT_COLUMNS = "a.rowid, a.id, a.title, a.outlet, a.section, a.published, a.url"


def pg_filters(filters: list[Any]) -> tuple[list[str], list[object]]:
    """SQL conditions over ``articles a`` for the query's filters: the SQLite backend's
    (:func:`warta.search.fts5.compile_filters`, plain SQL both engines read) with
    psycopg's placeholders."""
    clauses, params = compile_filters(filters)
    return [c.replace("?", "%s").replace(" AND 1)", " AND true)") for c in clauses], params


def rank_sql(rum: str | None) -> tuple[str, str]:
    """(score expression, ORDER BY key) over ``search_vectors t``, each with one tsquery
    placeholder: rum's distance (its rank weighs title terms, A, 10× body terms, D) or
    ts_rank."""
    if rum:
        distance = f'(t.tsv OPERATOR("{rum}".<=>) %s::tsquery)'
        return f"1.0 / {distance}", distance
    return RANK, f"{RANK} DESC"


class SearchMixin:
    """``search()`` for the PostgreSQL archive; expects ``conn`` and ``rum``."""

    conn: psycopg.Connection
    rum: str | None
    node_index: NodeIndex | None
    count_cap: int = COUNT_CAP

    def _search(self, parsed: ParsedQuery, query: str, *, limit: int, offset: int, sort: str,
                facets: bool, snippets: bool) -> SearchResult:
        """:meth:`~warta.store.base.Archive.search` once the query is read."""
        compile_match(parsed.text)  # refuses the same malformed queries as SQLite does
        tsquery = tsquery_literal(parsed.text)
        ranked = is_ranked(parsed.text)
        clauses, params = pg_filters(parsed.filters)
        where = " AND ".join(clauses) or "true"
        if tsquery:
            source = ("search_vectors t JOIN articles a ON a.rowid = t.rowid "
                      "WHERE t.tsv @@ %s::tsquery AND ")
            source_params: list[object] = [tsquery]
        else:
            source, source_params = "articles a WHERE ", []
        score, score_params = "0.0", []
        order, order_params = "a.published DESC NULLS LAST", []
        if ranked:
            score, by_rank = rank_sql(self.rum)
            score_params = [tsquery]
            if sort == "relevance":
                order, order_params = by_rank, [tsquery]
        import psycopg

        doc = ", a.doc" if snippets else ""
        try:
            if self.node_index is not None:  # this node's tantivy index ranks (option b)
                total, rows = node_page(self.node_index, parsed, limit=limit, offset=offset,
                                        by_date=sort == "date" or not ranked, with_doc=snippets)
                exact = True  # tantivy counts every match
            else:
                if self.rum and ranked and sort == "relevance" and not clauses:
                    rows = self._top_by_rum(tsquery, limit, offset, doc)
                else:
                    rows = self.conn.execute(
                        f"SELECT {_HIT_COLUMNS}, {score} AS score{doc} FROM {source}{where} "
                        f"ORDER BY {order}, a.rowid LIMIT %s OFFSET %s",
                        [*score_params, *source_params, *params, *order_params, limit, offset],
                    ).fetchall()
                exact = True
                if len(rows) < limit and (offset == 0 or rows):
                    total = offset + len(rows)
                else:
                    total, exact = self._count(tsquery if not clauses else None, source, where,
                                               [*source_params, *params], offset + limit)
            counts = (
                facet_counts(self.conn, source, where, [*source_params, *params]) if facets else {}
            )
        except psycopg.Error as exc:
            raise StoreError(f"search {query!r} failed: {exc}") from exc
        hits = [SearchHit(r[1], r[2], r[3], r[4], r[5], r[6], round(float(r[7]), 4))
                for r in rows]
        if snippets:
            terms = parsed.positive_terms()
            for hit, row in zip(hits, rows, strict=True):
                paragraphs = json.loads(zlib.decompress(row[8]))["paragraphs"]
                hit.snippet, hit.highlights = snippet(paragraphs, terms)
        return SearchResult(query, int(total), hits, counts, total_exact=exact)

    def _count(self, tsquery: str | None, source: str, where: str, params: list[object],
               page_end: int) -> tuple[int, bool]:
        """(number of matches, exact?): counted up to the cap or the page's end, whichever is
        further; beyond it the count stops there and is not exact ("more than")."""
        cap = max(self.count_cap, page_end)
        if tsquery:  # no filters: the vectors alone can count, no join
            sql, params = ("SELECT 1 FROM search_vectors t WHERE t.tsv @@ %s::tsquery",
                           [tsquery])
        else:
            sql = f"SELECT 1 FROM {source}{where}"
        counted = self.conn.execute(f"SELECT count(*) FROM ({sql} LIMIT %s) m",
                                    [*params, cap + 1]).fetchone()[0]
        return (cap, False) if counted > cap else (counted, True)

    def _top_by_rum(self, tsquery: str, limit: int, offset: int, doc: str
                    ) -> list[tuple[object, ...]]:
        """The ranked page read from the rum index in its order (the planner would rather
        rank every match when the ORDER BY also names a column of the joined table)."""
        distance = f'(t.tsv OPERATOR("{self.rum}".<=>) %s::tsquery)'
        return self.conn.execute(
            f"SELECT {_HIT_COLUMNS}, 1.0 / r.d AS score{doc} FROM (SELECT t.rowid, "
            f"{distance} AS d FROM search_vectors t WHERE t.tsv @@ %s::tsquery "
            f"ORDER BY {distance} LIMIT %s) r "
            "JOIN articles a ON a.rowid = r.rowid ORDER BY r.d, a.rowid LIMIT %s OFFSET %s",
            (tsquery, tsquery, tsquery, offset + limit, limit, offset)).fetchall()
