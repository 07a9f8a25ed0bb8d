"""Wire copies in the SQLite archive: verified copy pairs written as each article is stored
(banded MinHash candidates from ``lsh_bands``, exact shingle Jaccard from ``terms``), read
back as an article's copies and its copy group (lineage in :mod:`warta.link.copies`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from warta.errors import StoreError
from warta.link.dedup import BANDS, band_buckets, signature, verified_copies

__all__ = ["CopiesMixin", "backfill_copies", "write_copy_pairs"]

MAX_CANDIDATES = 200  # a body shared by hundreds (a boilerplate notice) is checked against the first 200


def _terms_of(title: str, body: str) -> list[str]:
    """The terms a signature is made of (the body; the title when the body is empty)."""
    return body.split() or title.split()


def write_copy_pairs(cur: sqlite3.Cursor, rowid: int, sig: bytes, terms: Sequence[str]) -> int:
    """Find and store the copies of the article at ``rowid`` (its bands already written);
    returns how many it has."""
    buckets = band_buckets(sig)
    candidates = [r[0] for r in cur.execute(
        f"SELECT DISTINCT article_rowid FROM lsh_bands WHERE bucket IN ({','.join('?' * BANDS)}) "
        "AND article_rowid != ? ORDER BY article_rowid LIMIT ?",
        (*buckets, rowid, MAX_CANDIDATES),
    )]
    if not candidates:
        return 0
    rows = cur.execute(
        f"SELECT rowid, title, body FROM terms WHERE rowid IN ({','.join('?' * len(candidates))})",
        candidates,
    ).fetchall()
    pairs = []
    for other, similarity in verified_copies(terms, rows):
        pairs.extend([(rowid, other, similarity), (other, rowid, similarity)])
    cur.executemany(
        "INSERT OR REPLACE INTO copy_pairs(article_rowid, other_rowid, jaccard) VALUES (?, ?, ?)",
        pairs,
    )
    return len(pairs) // 2


def drop_copy_pairs(cur: sqlite3.Cursor, rowid: int) -> None:
    """Forget the copy pairs of a version that is replaced or deleted."""
    cur.execute("DELETE FROM copy_pairs WHERE article_rowid = ? OR other_rowid = ?", (rowid, rowid))


def backfill_copies(conn: sqlite3.Connection) -> None:
    """Migration 12: signatures and bands of the 5-shingle 16×4 scheme, then copy pairs, in
    storage order (each article is compared with those stored before it, as at ingest)."""
    for rowid, title, body in conn.execute("SELECT rowid, title, body FROM terms ORDER BY rowid").fetchall():
        terms = _terms_of(title, body)
        sig = signature(terms)
        cur = conn.cursor()
        cur.execute("INSERT OR REPLACE INTO signatures(rowid, sig) VALUES (?, ?)", (rowid, sig))
        cur.executemany(
            "INSERT OR IGNORE INTO lsh_bands(bucket, article_rowid) VALUES (?, ?)",
            [(bucket, rowid) for bucket in band_buckets(sig)],
        )
        write_copy_pairs(cur, rowid, sig, terms)


class CopiesMixin:
    """``copies`` of the SQLite archive (needs ``conn`` and ``path``)."""

    conn: sqlite3.Connection
    path: str

    def copies(self, article_id: str) -> list[str]:
        """Ids of the verified copies of an article, in storage order."""
        row = self.conn.execute("SELECT rowid FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise StoreError(f"no article with id {article_id!r} in {self.path}")
        return [r[0] for r in self.conn.execute(
            "SELECT a.id FROM copy_pairs c JOIN articles a ON a.rowid = c.other_rowid "
            "WHERE c.article_rowid = ? ORDER BY a.rowid",
            (row[0],),
        )]

    def ids_in_storage_order(self, ids: Sequence[str]) -> list[str]:
        """``ids`` ordered by when their articles were first stored (rowid)."""
        marks = ",".join("?" * len(ids))
        return [r[0] for r in self.conn.execute(
            f"SELECT id FROM articles WHERE id IN ({marks}) ORDER BY rowid", list(ids))]
