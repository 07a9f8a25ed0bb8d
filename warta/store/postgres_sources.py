"""SQL of the live sources (pg_migrations/010_sources.sql) for :class:`PostgresArchive`: the
statements of :mod:`warta.store.sqlite_sources` in PostgreSQL's dialect."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from warta.errors import StoreError
from warta.store.sources import DocState, PollRecord, SourceInfo, UrlRecord

if TYPE_CHECKING:
    import psycopg

__all__ = ["SourcesMixin"]

_COLUMNS = ("rowid, url, kind, outlet, added_at, interval_s, next_poll, last_poll, status, "
            "last_error, failures, polls, articles_found, note")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SourcesMixin:
    """Sources, their documents' conditional-GET state and the article URLs settled."""

    conn: psycopg.Connection
    read_only: bool

    def _sources_write(self) -> None:
        if self.read_only:
            raise StoreError("the archive is open read-only; sources cannot change")

    def add_source(self, url: str, kind: str, *, outlet: str | None = None,
                   interval_s: float = 300.0, note: str | None = None) -> tuple[SourceInfo, bool]:
        self._sources_write()
        cur = self.conn.execute(
            "INSERT INTO sources(url, kind, outlet, added_at, interval_s, note) "
            "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (url) DO NOTHING",
            (url, kind, outlet, _now(), interval_s, note))
        added = cur.rowcount == 1
        if not added and kind != "unknown":  # a re-add after the outlet came back: its kind
            self.conn.execute(
                "UPDATE sources SET kind = %s, outlet = coalesce(outlet, %s), note = %s "
                "WHERE url = %s", (kind, outlet, note, url))
        info = self.find_source(url)
        assert info is not None
        return info, added

    def find_source(self, url_or_id: str | int) -> SourceInfo | None:
        if isinstance(url_or_id, int) or str(url_or_id).isdigit():
            row = self.conn.execute(f"SELECT {_COLUMNS} FROM sources WHERE rowid = %s",
                                    (int(url_or_id),)).fetchone()
        else:
            row = self.conn.execute(f"SELECT {_COLUMNS} FROM sources WHERE url = %s",
                                    (url_or_id,)).fetchone()
        return SourceInfo(*row) if row else None

    def list_sources(self) -> list[SourceInfo]:
        rows = self.conn.execute(f"SELECT {_COLUMNS} FROM sources ORDER BY rowid").fetchall()
        return [SourceInfo(*r) for r in rows]

    def remove_source(self, url_or_id: str | int) -> bool:
        self._sources_write()
        info = self.find_source(url_or_id)
        if info is None:
            return False
        # the settled URLs stay (source_rowid → NULL): the articles are still in the archive
        self.conn.execute("DELETE FROM sources WHERE rowid = %s", (info.id,))
        return True

    def due_sources(self, now: float, *, all_due: bool = False) -> list[SourceInfo]:
        if all_due:
            return self.list_sources()
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM sources WHERE next_poll <= %s ORDER BY next_poll, rowid",
            (now,)).fetchall()
        return [SourceInfo(*r) for r in rows]

    def doc_states(self, urls: Iterable[str]) -> dict[str, DocState]:
        rows = self.conn.execute(
            "SELECT url, etag, last_modified, body_hash FROM source_docs WHERE url = ANY(%s)",
            (list(urls),))
        return {row[0]: DocState(*row) for row in rows}

    def url_records(self, keys: Iterable[str]) -> dict[str, UrlRecord]:
        rows = self.conn.execute(
            "SELECT key, url, source_rowid, status, version, attempts, article_id, "
            "published_raw, reason FROM source_urls WHERE key = ANY(%s)", (list(keys),))
        return {row[0]: UrlRecord(*row) for row in rows}

    def stored_urls(self, urls: Iterable[str]) -> dict[str, str]:
        """``{url: article id}`` of the URLs the archive already holds an article for, and
        ``{url: ""}`` for those it holds a failure for (what a crash left unrecorded)."""
        wanted = list(urls)
        found: dict[str, str] = dict(self.conn.execute(
            "SELECT url, id FROM articles WHERE url = ANY(%s)", (wanted,)).fetchall())
        for (source,) in self.conn.execute(
                "SELECT DISTINCT source FROM failures WHERE source = ANY(%s)", (wanted,)):
            found.setdefault(source, "")
        return found

    def _insert_urls(self, cur: psycopg.Cursor[Any], source_id: int, urls: list[UrlRecord],
                     now: str) -> None:
        source = source_id if self.find_source(source_id) else None  # removed meanwhile
        cur.executemany(
            "INSERT INTO source_urls(key, url, source_rowid, version, status, attempts, "
            "article_id, published_raw, reason, fetched_at) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (key) DO UPDATE SET "
            "url = excluded.url, version = excluded.version, status = excluded.status, "
            "attempts = excluded.attempts, article_id = coalesce(excluded.article_id, "
            "source_urls.article_id), published_raw = coalesce(excluded.published_raw, "
            "source_urls.published_raw), reason = excluded.reason, "
            "fetched_at = excluded.fetched_at",
            [(u.key, u.url, source, u.version, u.status, u.attempts, u.article_id,
              u.published_raw, u.reason, now) for u in urls])

    def _in_transaction(self, work: Callable[[psycopg.Cursor[Any]], None]) -> None:
        self._sources_write()
        with self.conn.transaction(), self.conn.cursor() as cur:
            work(cur)

    def settle_urls(self, source_id: int, urls: list[UrlRecord], articles_found: int = 0) -> None:
        def work(cur: psycopg.Cursor[Any]) -> None:
            self._insert_urls(cur, source_id, urls, _now())
            if articles_found:
                cur.execute("UPDATE sources SET articles_found = articles_found + %s "
                            "WHERE rowid = %s", (articles_found, source_id))

        self._in_transaction(work)

    def record_poll(self, poll: PollRecord) -> None:
        now = _now()

        def work(cur: psycopg.Cursor[Any]) -> None:
            cur.execute(
                "UPDATE sources SET status = %s, last_error = %s, failures = %s, "
                "interval_s = %s, next_poll = %s, last_poll = %s, polls = polls + 1, "
                "articles_found = articles_found + %s, outlet = coalesce(outlet, %s), "
                "kind = coalesce(%s, kind) WHERE rowid = %s",
                (poll.status, poll.last_error, poll.failures, poll.interval_s, poll.next_poll,
                 now, poll.articles_found, poll.outlet, poll.kind, poll.source_id))
            cur.executemany(
                "INSERT INTO source_docs(url, etag, last_modified, body_hash, checked_at) "
                "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (url) DO UPDATE SET "
                "etag = excluded.etag, last_modified = excluded.last_modified, "
                "body_hash = excluded.body_hash, checked_at = excluded.checked_at",
                [(d.url, d.etag, d.last_modified, d.body_hash, now) for d in poll.docs])
            self._insert_urls(cur, poll.source_id, poll.urls, now)

        self._in_transaction(work)
