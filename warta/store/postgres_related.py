"""Related news on PostgreSQL: the algorithm of :mod:`warta.link.related` (candidates by an
article's distinctive terms, re-ranked by shared entities, time and the story, copies and
padding left out, reasons per hit) with term statistics from ``term_df`` and candidates
from the tsvector index.

Two round trips, whatever the archive's size: the article with the document frequencies of
its terms and the archive's size; then the candidates, each with the entities it shares
with the article and which of the distinctive terms it holds (read from its tsvector, whose
lexemes are warta's terms). The candidate query is most of the time: rum reads the best
matches of the OR of the distinctive terms in its order."""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, Any

from warta.errors import StoreError
from warta.link.dedup import COPY_THRESHOLD, jaccard
from warta.link.related import (
    CANDIDATES,
    TITLE_BOOST,
    distinctive_terms,
    rank_candidates,
    story_mates,
)
from warta.search.query import Or, Term
from warta.store.base import RelatedHit
from warta.store.postgres_search import rank_sql
from warta.store.postgres_text import tsquery_literal

if TYPE_CHECKING:
    import psycopg

__all__ = ["related_postgres"]

# per candidate: the names it shares with the article, the distinctive terms it holds
_EXTRAS = (
    "ARRAY(SELECT e.name FROM article_entities o JOIN article_entities s "
    "ON s.entity_rowid = o.entity_rowid AND s.article_rowid = %s "
    "JOIN entities e ON e.rowid = o.entity_rowid WHERE o.article_rowid = a.rowid), "
    "ARRAY(SELECT x FROM unnest(%s::text[]) x WHERE x = ANY(tsvector_to_array(v.tsv))), "
    "(SELECT m.story_id FROM story_members m WHERE m.article_rowid = a.rowid)"
)


def related_postgres(conn: psycopg.Connection, where: str, article_id: str, k: int = 5,
                     rum: str | None = None, story_of: Any = None, *,
                     stored_stories: bool = False) -> list[RelatedHit]:
    """Top-``k`` related articles of ``article_id`` in a PostgreSQL archive; ``story_of``
    (an article id → story id function) adds the story signal, as on SQLite;
    ``stored_stories`` takes the signal from the archive's story tables instead, read with
    the rows (no look-up per candidate)."""
    row = conn.execute(
        "SELECT a.rowid, a.published, a.title_key, t.title, t.body, s.sig, "
        "(SELECT coalesce(max(rowid), 1) FROM articles), "
        "(SELECT json_object_agg(d.term, d.df) FROM term_df d "
        " WHERE d.term = ANY(string_to_array(t.title || ' ' || t.body, ' '))), "
        "(SELECT m.story_id FROM story_members m WHERE m.article_rowid = a.rowid) "
        "FROM articles a JOIN terms t ON t.rowid = a.rowid "
        "JOIN signatures s ON s.rowid = a.rowid WHERE a.id = %s", (article_id,)).fetchone()
    if row is None:
        raise StoreError(f"no article with id {article_id!r} in {where}")
    rowid, published, own_title, title, body, sig, total, df, own_story = row
    counts = Counter(body.split())
    for term in title.split():
        counts[term] += TITLE_BOOST
    if not counts:
        return []
    df = json.loads(df) if isinstance(df, str) else (df or {})
    terms = distinctive_terms(counts, df, total)
    if not terms:
        return []
    candidates = _candidates(conn, terms, rowid, rum)
    kept = [c for c in candidates
            if not (own_title and c[5] == own_title) and jaccard(sig, c[6]) < COPY_THRESHOLD]
    if not kept:
        return []
    if stored_stories:
        story_of = {article_id: own_story, **{c[1]: c[10] for c in kept}}.get
    same_story = story_mates(story_of, article_id, [c[1] for c in kept])
    return rank_candidates(kept, published, same_story, k,
                           names_of=lambda c: c[8],
                           shared_of=lambda c: [t for t in terms if t in set(c[9])])


def _candidates(conn: psycopg.Connection, terms: list[str], rowid: int, rum: str | None
                ) -> list[tuple[Any, ...]]:
    """(rowid, id, title, outlet, published, title_key, signature, score, shared entity
    names, distinctive terms held, story id) of the best matches of any of ``terms``, best first,
    without the article itself."""
    query = tsquery_literal(Or(tuple(Term((t,)) for t in terms)))
    columns = "a.rowid, a.id, a.title, a.outlet, a.published, a.title_key, s.sig"
    if rum:  # the best matches straight from the rum index, in its order
        distance = f'(t.tsv OPERATOR("{rum}".<=>) %s::tsquery)'
        rows = conn.execute(
            f"SELECT {columns}, 1.0 / r.d AS score, {_EXTRAS.replace('v.tsv', 'r.tsv')} "
            f"FROM (SELECT t.rowid, t.tsv, {distance} AS d FROM search_vectors t "
            f"WHERE t.tsv @@ %s::tsquery ORDER BY {distance} LIMIT %s) r "
            "JOIN articles a ON a.rowid = r.rowid JOIN signatures s ON s.rowid = a.rowid "
            "WHERE a.rowid != %s ORDER BY r.d, a.rowid LIMIT %s",
            (rowid, terms, query, query, query, CANDIDATES + 1, rowid, CANDIDATES)).fetchall()
    else:
        score, order = rank_sql(None)
        rows = conn.execute(
            f"SELECT {columns}, {score} AS score, {_EXTRAS.replace('v.tsv', 't.tsv')} "
            "FROM search_vectors t JOIN articles a ON a.rowid = t.rowid "
            "JOIN signatures s ON s.rowid = a.rowid "
            f"WHERE t.tsv @@ %s::tsquery AND t.rowid != %s ORDER BY {order}, a.rowid LIMIT %s",
            (query, rowid, terms, query, rowid, query, CANDIDATES)).fetchall()
    return [(*r[:7], float(r[7]), r[8], r[9], r[10]) for r in rows]
