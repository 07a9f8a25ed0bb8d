"""``Baca juga`` links in the archive, written once for both engines (spoken in each
backend's :class:`~warta.store.dialect.Dialect`): resolving a link when it is stored,
re-pointing stored links when a better target arrives, re-resolving the links of a deleted
target, and migration 017's backfill.

Every resolved link records how it names its target (``match_kind``, one of
:data:`warta.link.titles.MATCH_KINDS`) and the :func:`~warta.link.titles.match_score`.
Titles cut from flattened exports often match an archived title only loosely, and a link
stored before its target may first resolve to a truncated or re-typed look-alike (another
day's report); when the article with the title itself arrives, the link moves to it. Two
targets of one link are compared by :func:`~warta.link.titles.match_rank` both when the link
is stored and when an article arrives, so the final target does not depend on which came
first (only full ties — the same title, outlet and time — go to the earlier stored).
"""

from __future__ import annotations

import logging
from typing import Any, NamedTuple

from warta.link.titles import (
    LEAD_WORDS,
    TitleMatch,
    best_match,
    lead_words,
    match_rank,
    match_score,
    title_key,
    title_match,
)
from warta.model import Article
from warta.store.dialect import Dialect

__all__ = ["MAX_TITLE_CANDIDATES", "backfill_matches", "backfill_postgres", "find_target", "insert_links",
           "release_target", "repoint_links"]

MAX_TITLE_CANDIDATES = 200  # titles (or links) sharing a key's first words compared with it
# kinds no look-alike title betters: such links are looked up by their own key or URL only
_STRONG = ("url", "exact")
log = logging.getLogger("warta.store")


class _Link(NamedTuple):
    """A stored link with what comparing its targets needs (the columns of
    :data:`_LINK_COLUMNS`): its linking article and its present target."""

    article_rowid: int
    position: int
    key: str
    url: str | None
    target: str | None
    kind: str | None
    score: float | None
    linking_outlet: str | None
    linking_published: str | None
    linking_id: str
    target_key: str | None
    target_outlet: str | None
    target_published: str | None
    target_url: str | None


_LINK_COLUMNS = (
    "r.article_rowid, r.position, r.title_key, r.url, r.target_id, r.match_kind, r.match_score, "
    "l.outlet_key, l.published, l.id, t.title_key, t.outlet_key, t.published, t.url"
)
_LINKS = (f"SELECT {_LINK_COLUMNS} FROM read_also r JOIN articles l ON l.rowid = r.article_rowid "
          "LEFT JOIN articles t ON t.id = r.target_id")
_SET_TARGET = ("UPDATE read_also SET target_id = ?, match_kind = ?, match_score = ? "
               "WHERE article_rowid = ? AND position = ?")


def _other(dialect: Dialect) -> str:
    """1 when ``outlet_key`` is not the linking outlet's key (NULLs equal), else 0."""
    return ("(outlet_key IS NOT ?)" if dialect.name == "sqlite"
            else "(outlet_key IS DISTINCT FROM ?)::int")


def _differs(a: str | None, b: str | None) -> int:
    return int(a != b)


def _url_match(article_id: str) -> TitleMatch:
    return TitleMatch(article_id, "url", 1.0, match_rank("url", "", 1.0, 0, None, None))


def find_target(cur: Any, dialect: Dialect, key: str, url: str | None, self_id: str,
                own: str | None = None, published: str | None = None) -> TitleMatch | None:
    """The archived article a ``Baca juga`` link names, and how: by URL, by title key, else
    by a glued, truncated or re-typed title (:func:`~warta.link.titles.title_match`) among
    the titles sharing its first words, ordered by :func:`~warta.link.titles.match_rank`
    (``own``: the linking outlet's key; ``published``: the linking article's time)."""
    if url:
        row = cur.execute(dialect.sql(
            "SELECT id FROM articles WHERE url = ? AND id != ? ORDER BY rowid LIMIT 1"),
            (url, self_id)).fetchone()
        if row:
            return _url_match(row[0])
    if not key:
        return None
    other = _other(dialect)
    columns = f"SELECT title_key, id, published, {other} FROM articles"
    rows = cur.execute(dialect.sql(
        f"{columns} WHERE title_key = ? AND id != ? ORDER BY {other}, rowid LIMIT ?"),
        (own, key, self_id, own, MAX_TITLE_CANDIDATES)).fetchall()
    if rows:
        return best_match(key, rows, published)
    lead = lead_words(key)
    if len(lead.split()) < LEAD_WORDS:
        return None
    rows = cur.execute(dialect.sql(  # title_key sorts bytewise: the range is the prefix
        f"{columns} WHERE title_key >= ? AND title_key < ? AND id != ? "
        f"ORDER BY {other}, rowid LIMIT ?"),
        (own, lead, lead + "\uffff", self_id, own, MAX_TITLE_CANDIDATES)).fetchall()
    return best_match(key, rows, published)


def insert_links(cur: Any, dialect: Dialect, rowid: int, a: Article) -> None:
    """Store the ``Baca juga`` links of a stored article, each resolved as far as the
    archive allows (:func:`find_target`)."""
    published = a.published.isoformat() if a.published else None
    own = title_key(a.outlet) if a.outlet else None
    rows = []
    for position, link in enumerate(a.read_also):
        key = title_key(link.title)
        found = find_target(cur, dialect, key, link.url, a.id, own, published)
        rows.append((rowid, position, key, link.url, found.article_id if found else None,
                     found.kind if found else None, found.score if found else None))
    if rows:
        cur.executemany(dialect.sql(
            "INSERT INTO read_also(article_rowid, position, title_key, url, target_id, match_kind, "
            "match_score) VALUES (?, ?, ?, ?, ?, ?, ?)"), rows)


def _current(link: _Link) -> TitleMatch | None:
    """The match a stored link has now (None: unresolved): its kind again from the target's
    present title (a URL match stays one), ``unknown`` when the matcher cannot explain it."""
    if link.target is None:
        return None
    if link.kind == "url" or (link.url and link.url == link.target_url):
        return _url_match(link.target)
    how = title_match(link.key, link.target_key) if link.target_key is not None else None
    if how is None:
        return TitleMatch(link.target, "unknown", None, match_rank("unknown", "", 0.0, 1, None, None))
    score = match_score(link.key, link.target_key, how)  # type: ignore[arg-type]
    return TitleMatch(link.target, how, score, match_rank(
        how, link.target_key, score, _differs(link.target_outlet, link.linking_outlet),  # type: ignore[arg-type]
        link.target_published, link.linking_published))


def _links(cur: Any, dialect: Dialect, where: str, params: tuple[Any, ...]) -> list[_Link]:
    return [_Link(*row) for row in cur.execute(dialect.sql(f"{_LINKS} WHERE {where}"), params).fetchall()]


def repoint_links(cur: Any, dialect: Dialect, a: Article, rowid: int) -> int:
    """Point stored links at the arriving article ``a`` (stored as ``rowid``) when it names
    them better than their present target — unresolved links, links resolved by a glued,
    truncated or re-typed title, and exact links whose target is farther in time or of
    another outlet; returns how many links now point at it that did not."""
    key = title_key(a.title)
    own = title_key(a.outlet) if a.outlet else None
    published = a.published.isoformat() if a.published else None
    found: dict[tuple[int, int], _Link] = {}
    if key:
        for link in _links(cur, dialect, "r.title_key = ? AND r.article_rowid != ?", (key, rowid)):
            found[(link.article_rowid, link.position)] = link
    if a.url:
        for link in _links(cur, dialect, "r.url = ? AND r.article_rowid != ?", (a.url, rowid)):
            found[(link.article_rowid, link.position)] = link
    lead = lead_words(key)
    if len(lead.split()) >= LEAD_WORDS:  # glued, truncated or re-typed titles
        weak = ("r.title_key >= ? AND r.title_key < ? AND r.title_key != ? AND r.article_rowid != ? "
                "AND (r.target_id IS NULL OR r.match_kind IS NULL OR r.match_kind NOT IN "
                f"('{_STRONG[0]}', '{_STRONG[1]}')) LIMIT ?")
        for link in _links(cur, dialect, weak, (lead, lead + "\uffff", key, rowid, MAX_TITLE_CANDIDATES)):
            found[(link.article_rowid, link.position)] = link
    changes = []
    moved = 0
    for place, link in sorted(found.items()):
        if a.url and link.url == a.url:
            new = _url_match(a.id)
        else:
            how = title_match(link.key, key)
            if how is None:
                continue
            score = match_score(link.key, key, how)
            new = TitleMatch(a.id, how, score, match_rank(how, key, score, _differs(own, link.linking_outlet),
                                                          published, link.linking_published))
        if link.target == a.id:  # a new version of the target: its title may name the link otherwise
            if (link.kind, link.score) != (new.kind, new.score):
                changes.append((a.id, new.kind, new.score, *place))
            continue
        current = _current(link)
        if current is None or new.rank < current.rank:
            changes.append((a.id, new.kind, new.score, *place))
            moved += 1
    if changes:
        cur.executemany(dialect.sql(_SET_TARGET), changes)
    return moved


def release_target(cur: Any, dialect: Dialect, article_id: str) -> None:
    """Resolve again the links that named ``article_id``, which is being deleted (call it
    once the article's row is gone): each goes to its next best target, or none."""
    rows = cur.execute(dialect.sql(
        "SELECT r.article_rowid, r.position, r.title_key, r.url, l.id, l.outlet_key, l.published "
        "FROM read_also r JOIN articles l ON l.rowid = r.article_rowid WHERE r.target_id = ? "
        "ORDER BY r.article_rowid, r.position"), (article_id,)).fetchall()
    changes = []
    for linking_rowid, position, key, url, linking_id, outlet_key, published in rows:
        found = find_target(cur, dialect, key, url, linking_id, outlet_key, published)
        changes.append((found.article_id if found else None, found.kind if found else None,
                        found.score if found else None, linking_rowid, position))
    if changes:
        cur.executemany(dialect.sql(_SET_TARGET), changes)


def backfill_matches(conn: Any, dialect: Dialect) -> dict[str, int]:
    """Migration 017: the match kind and score of every stored link, and the targets the
    matcher finds now. A stored target stays unless a better one is in the archive (the
    defect 017 fixes: a link stored before its target's exact title kept a look-alike); a
    target the matcher cannot explain (resolved by an older rule) is kept as ``unknown``; an
    unresolved link is resolved when a target is there. Returns (and logs) the counts."""
    counts = {"links": 0, "kept": 0, "repointed": 0, "resolved": 0, "unknown": 0}
    changes = []
    for link in _links(conn, dialect, "1 = 1 ORDER BY r.article_rowid, r.position", ()):
        counts["links"] += 1
        current = _current(link)
        found = find_target(conn, dialect, link.key, link.url, link.linking_id, link.linking_outlet,
                            link.linking_published)
        if current is None:
            chosen = found
            counts["resolved"] += found is not None
        elif found is not None and found.rank < current.rank:
            chosen = found
            counts["repointed"] += 1
        else:
            chosen = current
            counts["kept"] += 1
            counts["unknown"] += current.kind == "unknown"
        if chosen is not None:
            changes.append((chosen.article_id, chosen.kind, chosen.score, link.article_rowid, link.position))
    if changes:
        if dialect.name == "sqlite":
            conn.executemany(_SET_TARGET, changes)
        else:
            with conn.cursor() as cur:
                cur.executemany(dialect.sql(_SET_TARGET), changes)
    if counts["repointed"] or counts["resolved"] or counts["unknown"]:
        log.info("migration 017: %s of %s 'Baca juga' links re-pointed to a better match, %s "
                 "resolved, %s kept as matched by an older rule (unknown)", counts["repointed"],
                 counts["links"], counts["resolved"], counts["unknown"])
    return counts


def backfill_postgres(conn: Any) -> None:
    """Migration 017 on PostgreSQL (:func:`backfill_matches`)."""
    from warta.store.dialect import POSTGRES

    backfill_matches(conn, POSTGRES)
