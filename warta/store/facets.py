"""Facet counts of a search's match set (outlet, section, month, keyword): the same SQL on
both backends, over the ``FROM … WHERE`` each backend builds for the query in its own
dialect (FTS5 or tsvector match, filters)."""

from __future__ import annotations

from typing import Any

__all__ = ["FACETS", "facet_counts"]

FACETS = {"outlet": "a.outlet", "section": "a.section", "month": "a.month"}
_SHOWN = 20  # values per facet


def facet_counts(conn: Any, source: str, where: str, params: list[object]
                 ) -> dict[str, list[tuple[str, int]]]:
    """``{facet: [(value, articles)]}``, the most common first. ``source`` is ``… FROM …
    WHERE`` up to the filters (ends in ``WHERE `` or ``AND ``), ``where`` the filters over
    ``articles a``, ``params`` both's parameters, in the connection's placeholder style."""
    out: dict[str, list[tuple[str, int]]] = {}
    for name, column in FACETS.items():
        rows = conn.execute(
            f"SELECT {column}, count(*) FROM {source}{where} AND {column} IS NOT NULL "
            f"GROUP BY {column} ORDER BY 2 DESC, 1 LIMIT {_SHOWN}",
            params,
        ).fetchall()
        out[name] = [(v, c) for v, c in rows]
    # keywords: many per article, so counted over the article ids of the match set; the
    # shown form is the most common spelling of the key
    rows = conn.execute(
        "SELECT (SELECT k2.keyword FROM article_keywords k2 WHERE k2.keyword_key = "
        "k.keyword_key GROUP BY k2.keyword ORDER BY count(*) DESC, k2.keyword LIMIT 1) AS kw, "
        "count(DISTINCT k.article_rowid) FROM article_keywords k WHERE k.article_rowid IN "
        f"(SELECT a.rowid FROM {source}{where}) GROUP BY k.keyword_key "
        f"ORDER BY 2 DESC, 1 LIMIT {_SHOWN}",
        params,
    ).fetchall()
    out["keyword"] = [(v, c) for v, c in rows]
    return out
