"""Wire copies in the PostgreSQL archive, as in SQLite (:mod:`warta.store.sqlite_copies`):
verified copy pairs written as each article is stored (banded MinHash candidates from
``lsh_bands``, exact shingle Jaccard from ``terms``), read back as an article's copies; the
copy group and lineage come from :class:`warta.store.base.Archive` over them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from warta.errors import StoreError
from warta.link.dedup import band_buckets, signature, verified_copies
from warta.store.sqlite_copies import MAX_CANDIDATES

if TYPE_CHECKING:
    import psycopg
    from psycopg import Cursor

__all__ = ["CopiesMixin", "backfill_copies", "drop_copy_pairs", "write_copy_pairs"]


def _terms_of(title: str, body: str) -> list[str]:
    """The terms a signature is made of (the body; the title when the body is empty)."""
    return body.split() or title.split()


def write_copy_pairs(cur: Cursor, rowid: int, sig: bytes, terms: Sequence[str]) -> int:
    """Find and store the copies of the article at ``rowid`` (its bands already written);
    returns how many it has."""
    candidates = [r[0] for r in cur.execute(
        "SELECT DISTINCT article_rowid FROM lsh_bands WHERE bucket = ANY(%s) "
        "AND article_rowid != %s ORDER BY article_rowid LIMIT %s",
        (band_buckets(sig), rowid, MAX_CANDIDATES)).fetchall()]
    if not candidates:
        return 0
    rows = cur.execute("SELECT rowid, title, body FROM terms WHERE rowid = ANY(%s)",
                       (candidates,)).fetchall()
    pairs = []
    for other, similarity in verified_copies(terms, rows):
        pairs.extend([(rowid, other, similarity), (other, rowid, similarity)])
    if pairs:
        cur.executemany(
            "INSERT INTO copy_pairs(article_rowid, other_rowid, jaccard) VALUES (%s, %s, %s) "
            "ON CONFLICT (article_rowid, other_rowid) DO UPDATE SET jaccard = excluded.jaccard",
            pairs)
    return len(pairs) // 2


def drop_copy_pairs(cur: Cursor, rowid: int) -> None:
    """Forget the copy pairs of a version that is replaced or deleted."""
    cur.execute("DELETE FROM copy_pairs WHERE article_rowid = %s OR other_rowid = %s",
                (rowid, rowid))


def backfill_copies(conn: psycopg.Connection) -> None:
    """Migration 12: signatures and bands of the 5-shingle 16×4 scheme, then copy pairs, in
    storage order (each article is compared with those stored before it, as at ingest)."""
    cur = conn.cursor()
    rows = cur.execute("SELECT rowid, title, body FROM terms ORDER BY rowid").fetchall()
    for rowid, title, body in rows:
        terms = _terms_of(title, body)
        sig = signature(terms)
        cur.execute("INSERT INTO signatures(rowid, sig) VALUES (%s, %s) "
                    "ON CONFLICT (rowid) DO UPDATE SET sig = excluded.sig", (rowid, sig))
        cur.execute("INSERT INTO lsh_bands(bucket, article_rowid) SELECT unnest(%s::bigint[]), "
                    "%s ON CONFLICT DO NOTHING", (band_buckets(sig), rowid))
        write_copy_pairs(cur, rowid, sig, terms)


class CopiesMixin:
    """``copies`` and storage order for the PostgreSQL archive (needs ``conn``, ``path``)."""

    conn: psycopg.Connection
    path: str

    def copies(self, article_id: str) -> list[str]:
        """Ids of the verified copies of an article, in storage order."""
        row = self.conn.execute("SELECT rowid FROM articles WHERE id = %s",
                                (article_id,)).fetchone()
        if row is None:
            raise StoreError(f"no article with id {article_id!r} in {self.path}")
        return [r[0] for r in self.conn.execute(
            "SELECT a.id FROM copy_pairs c JOIN articles a ON a.rowid = c.other_rowid "
            "WHERE c.article_rowid = %s ORDER BY a.rowid", (row[0],))]

    def ids_in_storage_order(self, ids: Sequence[str]) -> list[str]:
        """``ids`` ordered by when their articles were first stored (rowid)."""
        return [r[0] for r in self.conn.execute(
            "SELECT id FROM articles WHERE id = ANY(%s) ORDER BY rowid", (list(ids),))]
