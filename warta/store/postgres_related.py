"""Related news on PostgreSQL: the algorithm of :mod:`warta.link.related` (candidates by an
article's distinctive terms, re-ranked by shared entities, time and the story, copies and
padding left out, reasons per hit) with term statistics from ``term_df`` and candidates
from the tsvector index.

At most eight round trips, whatever the archive's size: the article with the document frequencies
of its terms and the archive's size; then the candidates, each with the entities it shares
with the article and which of the distinctive terms it holds (read from its tsvector, whose
lexemes are warta's terms); then the candidates' analysed terms, which re-score them
(:func:`warta.link.related.rescore`); then the articles naming the article's rarest
entities (:func:`warta.link.related.entity_matches`, two small queries, and their rows —
the same statements SQLite runs). The candidate query is most of the time: rum reads
the best matches of the OR of the distinctive terms in its order."""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, Any

from warta.errors import StoreError
from warta.link import related as related_mod
from warta.link.related import (
    CANDIDATES,
    RelatedHit,
    TITLE_BOOST,
    distinctive_terms,
    entity_matches,
    estimated_day,
    near_window,
    not_copies,
    published_day,
    query_vector,
    rank_candidates,
    recent_window,
    rescore,
    story_mates,
)
from warta.search.query import Or, Term
from warta.store.dialect import POSTGRES
from warta.store.postgres_search import rank_sql
from warta.store.postgres_text import tsquery_literal

if TYPE_CHECKING:
    import psycopg

__all__ = ["related_postgres"]

# The candidate pool (rum): drawn by the rarest distinctive terms with at most this many
# postings in all (at least POOL_MIN_TERMS of them), POOL articles, ranked by every term.
POOL_POSTINGS = 2000
POOL_MIN_TERMS = 3
POOL = 4 * CANDIDATES
STORY_POOL = CANDIDATES  # story mates added to the pool, nearest in time first

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
    candidates = _candidates(conn, terms, rowid, rum, _pool_terms(terms, df), published)
    seen = {c[0] for c in candidates}
    candidates += [c for c in _recent_candidates(conn, terms, rowid, rum, published) if c[0] not in seen]
    seen.update(c[0] for c in candidates)
    vector = query_vector(counts, df, total)
    kept = _rescored(conn, not_copies(candidates, own_title, sig), vector)
    if not kept:
        return []
    dated = published_day(published) is not None
    day = published if dated else estimated_day(kept)
    # as on SQLite: an undated article's window is that of its best matches' day; then the
    # articles naming its rarest entities
    extra = [] if dated else [c for c in _recent_candidates(conn, terms, rowid, rum, day) if c[0] not in seen]
    seen.update(c[0] for c in extra)
    named = [r for r in entity_matches(conn, POSTGRES.sql, rowid, day) if r not in seen]
    extra += _rows(conn, named, rowid, terms)
    kept += _rescored(conn, not_copies(extra, own_title, sig), vector)
    if stored_stories:
        story_of = {article_id: own_story, **{c[1]: c[10] for c in kept}}.get
    same_story = story_mates(story_of, article_id, [c[1] for c in kept])
    return rank_candidates(kept, published, same_story, k, names_of=lambda c: c[8],
                           shared_of=lambda c: [t for t in terms if t in set(c[9])])


def _rescored(conn: psycopg.Connection, kept: list[tuple[Any, ...]], vector: dict[str, float]
              ) -> list[tuple[Any, ...]]:
    """``kept`` judged by the tf·idf similarity of their analysed terms (as on SQLite)."""
    if not kept:
        return []
    texts = {r: (t, b) for r, t, b in conn.execute(
        "SELECT rowid, title, body FROM terms WHERE rowid = ANY(%s)", ([c[0] for c in kept],))}
    return rescore(kept, vector, texts)


def _rows(conn: psycopg.Connection, rowids: list[int], rowid: int, terms: list[str]) -> list[tuple[Any, ...]]:
    """The candidate rows of ``rowids`` (as :func:`_candidates` gives them, engine score 0:
    :func:`_rescored` judges them), in that order."""
    if not rowids:
        return []
    rows = {r[0]: r for r in conn.execute(
        f"SELECT a.rowid, a.id, a.title, a.outlet, a.published, a.title_key, s.sig, {_EXTRAS.replace('v.tsv', 't.tsv')} "
        "FROM articles a JOIN signatures s ON s.rowid = a.rowid JOIN search_vectors t ON t.rowid = a.rowid "
        "WHERE a.rowid = ANY(%s)", (rowid, terms, rowids)).fetchall()}
    return [(*rows[r][:7], 0.0, *rows[r][7:]) for r in rowids if r in rows]


def _pool_terms(terms: list[str], df: dict[str, int]) -> list[str]:
    """The rarest of ``terms`` whose postings add up to at most :data:`POOL_POSTINGS` (at
    least the :data:`POOL_MIN_TERMS` rarest): what the candidate pool is drawn by."""
    chosen: list[str] = []
    postings = 0
    for term in sorted(terms, key=lambda t: (df.get(t, 0), t)):
        if len(chosen) >= POOL_MIN_TERMS and postings + df.get(term, 0) > POOL_POSTINGS:
            break
        chosen.append(term)
        postings += df.get(term, 0)
    return chosen


def _kept(published: str | None) -> tuple[str, list[Any]]:
    """Which of the ranked matches ``r`` (rank ``r.n`` from 1, article ``a``) are judged, as
    on SQLite (:func:`warta.link.related._candidates`): the :data:`CANDIDATES` best, and
    those down to rank :data:`NEAR_CANDIDATES` published within
    :func:`~warta.link.related.near_window` of the article (or undated)."""
    window = near_window(published)
    if window is None:
        return "r.n <= %s", [related_mod.CANDIDATES]
    return "(r.n <= %s OR a.day IS NULL OR a.day BETWEEN %s AND %s)", [related_mod.CANDIDATES, *window]


def _ranked(inner: str, order: str) -> str:
    """``inner`` (rows of ``search_vectors`` with its ``rowid`` and ``tsv``, at most
    :data:`NEAR_CANDIDATES`) numbered ``n`` from 1 in ``order`` (of its columns)."""
    return f"(SELECT x.*, row_number() OVER (ORDER BY {order}) AS n FROM ({inner}) x) r"


def _candidates(conn: psycopg.Connection, terms: list[str], rowid: int, rum: str | None,
                pool_terms: list[str] | None = None, published: str | None = None
                ) -> list[tuple[Any, ...]]:
    """(rowid, id, title, outlet, published, title_key, signature, score, shared entity
    names, distinctive terms held, story id) of the best matches of any of ``terms``, best
    first, without the article itself: the :data:`CANDIDATES` best and the lower ones near
    ``published`` in time (:func:`_kept`). With rum, ``pool_terms`` (some of ``terms``) draw
    the pool that is ranked by all of them."""
    query = tsquery_literal(Or(tuple(Term((t,)) for t in terms)))
    columns = "a.rowid, a.id, a.title, a.outlet, a.published, a.title_key, s.sig"
    if rum and pool_terms and len(pool_terms) < len(terms):
        return _pool_candidates(conn, terms, rowid, rum, pool_terms, published)
    keep, kept_params = _kept(published)
    near = related_mod.NEAR_CANDIDATES
    if rum:  # the best matches straight from the rum index, in its order: by distance v
        value = order = f'(t.tsv OPERATOR("{rum}".<=>) %s::tsquery)'
        score, ranked = "1.0 / r.v", "x.v, x.rowid"
    else:  # ts_rank v, best first
        value, order = rank_sql(None)
        order += ", t.rowid"
        score, ranked = "r.v", "x.v DESC, x.rowid"
    inner = (f"SELECT t.rowid, t.tsv, {value} AS v FROM search_vectors t "
             f"WHERE t.tsv @@ %s::tsquery AND t.rowid != %s ORDER BY {order} LIMIT %s")
    rows = conn.execute(
        f"SELECT {columns}, {score} AS score, {_EXTRAS.replace('v.tsv', 'r.tsv')} "
        f"FROM {_ranked(inner, ranked)} "
        "JOIN articles a ON a.rowid = r.rowid JOIN signatures s ON s.rowid = a.rowid "
        f"WHERE {keep} ORDER BY r.n",
        (rowid, terms, query, query, rowid, query, near, *kept_params)).fetchall()
    return [(*r[:7], float(r[7]), r[8], r[9], r[10]) for r in rows]


def _recent_candidates(conn: psycopg.Connection, terms: list[str], rowid: int, rum: str | None,
                       published: str | None) -> list[tuple[Any, ...]]:
    """The :data:`~warta.link.related.RECENT_CANDIDATES` best matches published within
    :func:`~warta.link.related.recent_window` of ``published`` (the article's, or an undated
    article's :func:`~warta.link.related.estimated_day`), as on SQLite (rows as
    :func:`_candidates` gives them); none without a day."""
    window = recent_window(published)
    if window is None or related_mod.RECENT_CANDIDATES <= 0:
        return []
    query = tsquery_literal(Or(tuple(Term((t,)) for t in terms)))
    score, order = rank_sql(rum)
    rows = conn.execute(
        f"SELECT a.rowid, a.id, a.title, a.outlet, a.published, a.title_key, s.sig, {score}, "
        f"{_EXTRAS.replace('v.tsv', 't.tsv')} FROM search_vectors t "
        "JOIN articles a ON a.rowid = t.rowid JOIN signatures s ON s.rowid = a.rowid "
        "WHERE t.tsv @@ %s::tsquery AND t.rowid != %s AND a.day BETWEEN %s AND %s "
        f"ORDER BY {order}, t.rowid LIMIT %s",
        (query, rowid, terms, query, rowid, *window, query, related_mod.RECENT_CANDIDATES)).fetchall()
    return [(*r[:7], float(r[7]), r[8], r[9], r[10]) for r in rows]


def _pool_candidates(conn: psycopg.Connection, terms: list[str], rowid: int, rum: str,
                     pool_terms: list[str], published: str | None = None) -> list[tuple[Any, ...]]:
    """The candidates of a big archive. rum reads every posting of the terms it orders by
    (it has no early stop like tantivy's block-max WAND), and an article's commoner terms are
    most of the postings (a second of work for a long article at 220k), so the pool is the
    :data:`POOL` best matches of its rarest terms plus its story mates nearest in time (the
    story tables linked them already), and the pool is ranked by the whole query (kept as
    :func:`_kept` says)."""
    query = tsquery_literal(Or(tuple(Term((t,)) for t in terms)))
    pool = tsquery_literal(Or(tuple(Term((t,)) for t in pool_terms)))
    operator = f'OPERATOR("{rum}".<=>)'
    keep, kept_params = _kept(published)
    inner = (f"SELECT t.rowid, t.tsv, t.tsv {operator} %s::tsquery AS d FROM pool p "
             "JOIN search_vectors t ON t.rowid = p.rowid WHERE t.tsv @@ %s::tsquery "
             "AND t.rowid != %s ORDER BY d, t.rowid LIMIT %s")
    rows = conn.execute(
        "WITH own AS (SELECT m.story_id, f.days FROM story_members m "
        " LEFT JOIN story_features f ON f.article_rowid = m.article_rowid "
        " WHERE m.article_rowid = %s), "
        "pool AS ((SELECT t.rowid FROM search_vectors t WHERE t.tsv @@ %s::tsquery "
        f" ORDER BY t.tsv {operator} %s::tsquery LIMIT %s) UNION "
        " (SELECT m.article_rowid FROM own JOIN story_members m ON m.story_id = own.story_id "
        "  JOIN story_features f ON f.article_rowid = m.article_rowid "
        "  ORDER BY abs(f.days - own.days), m.article_rowid LIMIT %s)) "
        "SELECT a.rowid, a.id, a.title, a.outlet, a.published, a.title_key, s.sig, "
        f"1.0 / r.d AS score, {_EXTRAS.replace('v.tsv', 'r.tsv')} "
        f"FROM {_ranked(inner, 'x.d, x.rowid')} "
        "JOIN articles a ON a.rowid = r.rowid JOIN signatures s ON s.rowid = a.rowid "
        f"WHERE {keep} ORDER BY r.n",
        (rowid, pool, pool, POOL, STORY_POOL, rowid, terms, query, query, rowid,
         related_mod.NEAR_CANDIDATES, *kept_params)
    ).fetchall()
    return [(*r[:7], float(r[7]), r[8], r[9], r[10]) for r in rows]
