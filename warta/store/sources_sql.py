"""SQL of the live sources (the tables of migration 010, the same on both engines): written
once, spoken in each backend's :class:`~warta.store.dialect.Dialect`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from warta.errors import StoreError
from warta.store.dialect import Dialect
from warta.store.records_sql import now as _now
from warta.store.sources import DocState, PollRecord, SourceInfo, UrlRecord

__all__ = ["SourcesMixin"]

_COLUMNS = ("rowid, url, kind, outlet, added_at, interval_s, next_poll, last_poll, status, "
            "last_error, failures, polls, articles_found, note")


class SourcesMixin:
    """Sources, their documents' conditional-GET state and the article URLs settled, for a
    class with ``self.conn`` (in autocommit), ``self.dialect`` and ``self.read_only``."""

    conn: Any
    dialect: Dialect
    read_only: bool

    def _sources_write(self) -> None:
        if self.read_only:
            raise StoreError("the archive is open read-only; sources cannot change")

    def _sources_exec(self, statement: str, params: Any = (), cur: Any = None) -> Any:
        return (cur or self.conn).execute(self.dialect.sql(statement), params)

    def _members(self, select: str, column: str, values: Iterable[str]) -> Iterable[Any]:
        """Rows of ``select … WHERE column IN values``, asked in chunks the engine accepts."""
        for chunk in self.dialect.chunks(list(values)):
            member, params = self.dialect.any_of(column, chunk)
            yield from self._sources_exec(f"{select} WHERE {member}", params)

    def add_source(self, url: str, kind: str, *, outlet: str | None = None,
                   interval_s: float = 300.0, note: str | None = None) -> tuple[SourceInfo, bool]:
        self._sources_write()
        cur = self._sources_exec(
            "INSERT INTO sources(url, kind, outlet, added_at, interval_s, note) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO NOTHING",
            (url, kind, outlet, _now(), interval_s, note))
        added = cur.rowcount == 1
        if not added and kind != "unknown":  # a re-add after the outlet came back: its kind
            self._sources_exec("UPDATE sources SET kind = ?, outlet = coalesce(outlet, ?), note = ? "
                      "WHERE url = ?", (kind, outlet, note, url))
        info = self.find_source(url)
        assert info is not None
        return info, added

    def find_source(self, url_or_id: str | int) -> SourceInfo | None:
        if isinstance(url_or_id, int) or str(url_or_id).isdigit():
            row = self._sources_exec(f"SELECT {_COLUMNS} FROM sources WHERE rowid = ?",
                            (int(url_or_id),)).fetchone()
        else:
            row = self._sources_exec(f"SELECT {_COLUMNS} FROM sources WHERE url = ?",
                            (url_or_id,)).fetchone()
        return SourceInfo(*row) if row else None

    def list_sources(self) -> list[SourceInfo]:
        rows = self._sources_exec(f"SELECT {_COLUMNS} FROM sources ORDER BY rowid").fetchall()
        return [SourceInfo(*r) for r in rows]

    def remove_source(self, url_or_id: str | int) -> bool:
        self._sources_write()
        info = self.find_source(url_or_id)
        if info is None:
            return False
        # the settled URLs stay (source_rowid → NULL): the articles are still in the archive
        self._sources_exec("DELETE FROM sources WHERE rowid = ?", (info.id,))
        return True

    def due_sources(self, now: float, *, all_due: bool = False) -> list[SourceInfo]:
        if all_due:
            return self.list_sources()
        rows = self._sources_exec(
            f"SELECT {_COLUMNS} FROM sources WHERE next_poll <= ? ORDER BY next_poll, rowid",
            (now,)).fetchall()
        return [SourceInfo(*r) for r in rows]

    def doc_states(self, urls: Iterable[str]) -> dict[str, DocState]:
        rows = self._members("SELECT url, etag, last_modified, body_hash FROM source_docs",
                             "url", urls)
        return {row[0]: DocState(*row) for row in rows}

    def url_records(self, keys: Iterable[str]) -> dict[str, UrlRecord]:
        rows = self._members("SELECT key, url, source_rowid, status, version, attempts, "
                             "article_id, published_raw, reason FROM source_urls", "key", keys)
        return {row[0]: UrlRecord(*row) for row in rows}

    def stored_urls(self, urls: Iterable[str]) -> dict[str, str]:
        """``{url: article id}`` of the URLs the archive already holds an article for, and
        ``{url: ""}`` for those it holds a failure for (what a crash left unrecorded)."""
        wanted = list(urls)
        found: dict[str, str] = dict(self._members("SELECT url, id FROM articles", "url", wanted))
        for (source,) in self._members("SELECT DISTINCT source FROM failures", "source", wanted):
            found.setdefault(source, "")
        return found

    def _insert_urls(self, cur: Any, source_id: int, urls: list[UrlRecord], now: str) -> None:
        source = source_id if self.find_source(source_id) else None  # removed meanwhile
        cur.executemany(self.dialect.sql(
            "INSERT INTO source_urls(key, url, source_rowid, version, status, attempts, "
            "article_id, published_raw, reason, fetched_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
            "url = excluded.url, version = excluded.version, status = excluded.status, "
            "attempts = excluded.attempts, article_id = coalesce(excluded.article_id, "
            "source_urls.article_id), published_raw = coalesce(excluded.published_raw, "
            "source_urls.published_raw), reason = excluded.reason, "
            "fetched_at = excluded.fetched_at"),
            [(u.key, u.url, source, u.version, u.status, u.attempts, u.article_id,
              u.published_raw, u.reason, now) for u in urls])

    def _in_transaction(self, work: Callable[[Any], None]) -> None:
        self._sources_write()
        with self.dialect.transaction(self.conn) as cur:
            work(cur)

    def settle_urls(self, source_id: int, urls: list[UrlRecord], articles_found: int = 0) -> None:
        def work(cur: Any) -> None:
            self._insert_urls(cur, source_id, urls, _now())
            if articles_found:
                self._sources_exec("UPDATE sources SET articles_found = articles_found + ? "
                          "WHERE rowid = ?", (articles_found, source_id), cur)

        self._in_transaction(work)

    def record_poll(self, poll: PollRecord) -> None:
        now = _now()

        def work(cur: Any) -> None:
            self._sources_exec(
                "UPDATE sources SET status = ?, last_error = ?, failures = ?, interval_s = ?, "
                "next_poll = ?, last_poll = ?, polls = polls + 1, "
                "articles_found = articles_found + ?, outlet = coalesce(outlet, ?), "
                "kind = coalesce(?, kind) WHERE rowid = ?",
                (poll.status, poll.last_error, poll.failures, poll.interval_s, poll.next_poll,
                 now, poll.articles_found, poll.outlet, poll.kind, poll.source_id), cur)
            cur.executemany(self.dialect.sql(
                "INSERT INTO source_docs(url, etag, last_modified, body_hash, checked_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, "
                "last_modified = excluded.last_modified, body_hash = excluded.body_hash, "
                "checked_at = excluded.checked_at"),
                [(d.url, d.etag, d.last_modified, d.body_hash, now) for d in poll.docs])
            self._insert_urls(cur, poll.source_id, poll.urls, now)

        self._in_transaction(work)
