"""Related news on PostgreSQL: the algorithm of :mod:`warta.link.related` (candidates by an
article's distinctive terms, re-ranked by shared entities and closeness in time, copies
left out) with term statistics from ``term_df`` and candidates from the tsvector index."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from warta.errors import StoreError
from warta.link.dedup import COPY_THRESHOLD, jaccard
from warta.link.related import (
    CANDIDATES,
    MIN_SHARED_TERMS,
    TITLE_BOOST,
    _days,
    distinctive_terms,
    score_candidate,
)
from warta.search.query import Or, Term
from warta.store.base import RelatedHit
from warta.store.postgres_search import rank_sql
from warta.store.postgres_text import tsquery_literal

if TYPE_CHECKING:
    import psycopg

__all__ = ["related_postgres"]


def related_postgres(conn: psycopg.Connection, where: str, article_id: str, k: int = 5,
                     rum: str | None = None) -> list[RelatedHit]:
    """Top-``k`` related articles of ``article_id`` in a PostgreSQL archive."""
    row = conn.execute(
        "SELECT a.rowid, a.published, a.title_key, t.title, t.body, s.sig FROM articles a "
        "JOIN terms t ON t.rowid = a.rowid JOIN signatures s ON s.rowid = a.rowid "
        "WHERE a.id = %s", (article_id,)).fetchone()
    if row is None:
        raise StoreError(f"no article with id {article_id!r} in {where}")
    rowid, published, own_title, title, body, sig = row
    counts = Counter(body.split())
    for term in title.split():
        counts[term] += TITLE_BOOST
    if not counts:
        return []
    df = dict(conn.execute("SELECT term, df FROM term_df WHERE term = ANY(%s)",
                           (list(counts),)).fetchall())
    total = conn.execute("SELECT coalesce(max(rowid), 1) FROM articles").fetchone()[0]
    terms = distinctive_terms(counts, df, total)
    if not terms:
        return []
    candidates = _candidates(conn, terms, rowid, rum)
    kept = [c for c in candidates
            if not (own_title and c[5] == own_title) and jaccard(sig, c[6]) < COPY_THRESHOLD]
    if not kept:
        return []
    entities = _shared_entities(conn, rowid, [c[0] for c in kept])
    best = max(c[7] for c in kept)
    scored = sorted(
        ((score_candidate(c[7], best, len(entities.get(c[0], [])), _days(published, c[4])), c)
         for c in kept),
        key=lambda pair: (-pair[0], pair[1][0]),
    )
    present = _present_terms(conn, [c[0] for _, c in scored], terms)
    hits: list[RelatedHit] = []
    chosen: list[tuple[str, bytes]] = []
    for score, c in scored:
        if any((t and c[5] == t) or jaccard(c[6], s) >= COPY_THRESHOLD for t, s in chosen):
            continue  # a copy of a story already listed adds nothing
        shared = [t for t in terms if t in present.get(c[0], set())]
        names = sorted(entities.get(c[0], []))
        if len(shared) < MIN_SHARED_TERMS and not names:
            continue  # one common word in common is a coincidence, not a related story
        hits.append(RelatedHit(c[1], c[2], c[3], c[4], score, shared, names,
                               _days(published, c[4])))
        chosen.append((c[5], c[6]))
        if len(hits) == k:
            break
    return hits


def _candidates(conn: psycopg.Connection, terms: list[str], rowid: int, rum: str | None
                ) -> list[tuple[Any, ...]]:
    """(rowid, id, title, outlet, published, title_key, signature, score) of the best matches
    of any of ``terms``, best first, without the article itself."""
    query = tsquery_literal(Or(tuple(Term((t,)) for t in terms)))
    if rum:  # the best matches straight from the rum index, in its order
        distance = f'(t.tsv OPERATOR("{rum}".<=>) %s::tsquery)'
        rows = conn.execute(
            "SELECT a.rowid, a.id, a.title, a.outlet, a.published, a.title_key, s.sig, "
            f"1.0 / r.d AS score FROM (SELECT t.rowid, {distance} AS d FROM search_vectors t "
            f"WHERE t.tsv @@ %s::tsquery ORDER BY {distance} LIMIT %s) r "
            "JOIN articles a ON a.rowid = r.rowid JOIN signatures s ON s.rowid = a.rowid "
            "WHERE a.rowid != %s ORDER BY r.d, a.rowid LIMIT %s",
            (query, query, query, CANDIDATES + 1, rowid, CANDIDATES)).fetchall()
        return [(*r[:7], float(r[7])) for r in rows]
    score, order = rank_sql(None)
    rows = conn.execute(
        "SELECT a.rowid, a.id, a.title, a.outlet, a.published, a.title_key, s.sig, "
        f"{score} AS score FROM search_vectors t "
        "JOIN articles a ON a.rowid = t.rowid JOIN signatures s ON s.rowid = a.rowid "
        f"WHERE t.tsv @@ %s::tsquery AND t.rowid != %s ORDER BY {order}, a.rowid LIMIT %s",
        (query, query, rowid, query, CANDIDATES)).fetchall()
    return [(*r[:7], float(r[7])) for r in rows]


def _shared_entities(conn: psycopg.Connection, rowid: int, others: list[int]
                     ) -> dict[int, list[str]]:
    rows = conn.execute(
        "SELECT o.article_rowid, e.name FROM article_entities s "
        "JOIN article_entities o ON o.entity_rowid = s.entity_rowid "
        "JOIN entities e ON e.rowid = s.entity_rowid "
        "WHERE s.article_rowid = %s AND o.article_rowid = ANY(%s)", (rowid, others)).fetchall()
    out: dict[int, list[str]] = {}
    for other, name in rows:
        out.setdefault(other, []).append(name)
    return out


def _present_terms(conn: psycopg.Connection, rowids: list[int], terms: list[str]
                   ) -> dict[int, set[str]]:
    """Which of ``terms`` each article holds (title or body)."""
    wanted = set(terms)
    out: dict[int, set[str]] = {}
    for rowid, title, body in conn.execute(
            "SELECT rowid, title, body FROM terms WHERE rowid = ANY(%s)", (rowids,)):
        out[rowid] = (set(title.split()) | set(body.split())) & wanted
    return out
