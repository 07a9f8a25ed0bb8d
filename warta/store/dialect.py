"""The few places where SQLite's and PostgreSQL's SQL differ, as one small object per engine.

The browsing and live-source queries (:mod:`warta.store.listing_sql`,
:mod:`warta.store.sources_sql`) are written once, with ``?`` placeholders, and each backend
hands its :class:`Dialect` to them — rather than two copies of the same statements that
drift apart (they did: the outlet prefix match escaped ``LIKE`` wildcards on one engine
only). Statements that really differ (full-text search, bulk loading, stories) stay in the
backend's own modules.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

__all__ = ["POSTGRES", "SQLITE", "Dialect"]


def _sqlite_transaction(conn: Any) -> Iterator[Any]:
    # BEGIN IMMEDIATE takes the write lock up front, so two writers queue instead of
    # failing with "database is locked" half-way through (the connection is in autocommit)
    cur = conn.cursor()
    cur.execute("BEGIN IMMEDIATE")
    try:
        yield cur
        cur.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            cur.execute("ROLLBACK")
        raise


def _postgres_transaction(conn: Any) -> Iterator[Any]:
    with conn.transaction(), conn.cursor() as cur:
        yield cur


@dataclass(frozen=True, slots=True)
class Dialect:
    """How one engine spells the statements the backends share."""

    name: str
    placeholder: str  # what ``?`` becomes
    authors_agg: str  # a correlated subquery: the authors of ``articles a`` in byline order
    decode_list: Callable[[Any], list[str]]  # that subquery's value as a list
    nulls_last: Callable[[str], str]  # "ASC"/"DESC" -> ORDER BY suffix with NULLs last
    chunk: int  # values bound per membership test (SQLite limits bound variables)
    any_of: Callable[[str, Sequence[Any]], tuple[str, list[Any]]]  # column IN values
    transaction: Callable[[Any], Any]  # context manager: a write transaction's cursor
    no_limit: int | None  # the LIMIT value that means "all rows" (SQLite needs a LIMIT before OFFSET)

    def sql(self, statement: str) -> str:
        """``statement`` written with ``?`` placeholders, in this engine's style."""
        return statement if self.placeholder == "?" else statement.replace("?", self.placeholder)

    def chunks(self, values: Sequence[Any]) -> Iterator[Sequence[Any]]:
        """``values`` in pieces small enough for one membership test."""
        for i in range(0, len(values), self.chunk):
            yield values[i:i + self.chunk]


def _sqlite_any_of(column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
    return f"{column} IN ({', '.join('?' * len(values))})", list(values)


def _postgres_any_of(column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
    return f"{column} = ANY(?)", [list(values)]


SQLITE = Dialect(
    name="sqlite",
    placeholder="?",
    authors_agg=("(SELECT json_group_array(name) FROM (SELECT name FROM article_authors "
                 "WHERE article_rowid = a.rowid ORDER BY position))"),
    decode_list=lambda value: json.loads(value) if value else [],
    # SQLite sorts NULL first in ASC and has no NULLS LAST before 3.30 on some systems
    nulls_last=lambda order: f"a.published IS NULL, a.published {order}",
    chunk=500,
    any_of=_sqlite_any_of,
    transaction=contextmanager(_sqlite_transaction),
    no_limit=-1,
)

POSTGRES = Dialect(
    name="postgresql",
    placeholder="%s",
    authors_agg=("(SELECT coalesce(array_agg(name ORDER BY position), '{}') "
                 "FROM article_authors WHERE article_rowid = a.rowid)"),
    decode_list=lambda value: list(value or []),
    # the form an index on (published DESC NULLS LAST) can serve
    nulls_last=lambda order: f"a.published {order} NULLS LAST",
    chunk=100_000,  # one array parameter: no limit worth splitting for
    any_of=_postgres_any_of,
    transaction=contextmanager(_postgres_transaction),
    no_limit=None,  # LIMIT NULL is LIMIT ALL
)
