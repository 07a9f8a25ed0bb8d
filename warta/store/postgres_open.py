"""Opening a PostgreSQL archive: connect, say plainly what is wrong, migrate, refuse what
is not ours.

The URL is libpq's (``postgresql://user:password@host:port/dbname?options=...``); the
archive's tables live in the connection's current schema, so one database can hold several
archives in separate schemas (``?options=-csearch_path%3Dname``). Migrations are the numbered
``pg_migrations/NNN_name.sql`` files, applied like SQLite's (:mod:`warta.store.migrate`);
each migration and its version row commit together, under an advisory lock, so two
processes opening a new archive at once migrate it once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from warta.errors import DataMissing, StoreError, UsageError
from warta.store.migrate import announce_backfill, foreign_tables, migrations, superseded

if TYPE_CHECKING:
    import psycopg

__all__ = ["LATEST_PG_VERSION", "connect", "is_postgres_url", "pg_migrations", "redact",
           "search_index"]

# Advisory locks of one archive: (kind, hash of its schema), so archives in other schemas of
# the same database never wait for each other. Kinds: migrations, and the one writer of a
# batch (warta/store/postgres.py).
MIGRATION_LOCK = 0x77610001
WRITE_LOCK = 0x77610002
LOCK_SQL = "SELECT pg_advisory_xact_lock(%s, hashtext(current_schema()))"
INSTALL_HINT = "pip install 'warta[postgres]'"


def is_postgres_url(db: object) -> bool:
    """Whether ``db`` names a PostgreSQL archive (``postgresql://`` or ``postgres://``)."""
    return isinstance(db, str) and db.startswith(("postgresql://", "postgres://"))


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(":" + parts.password + "@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def pg_migrations() -> list[tuple[int, str]]:
    """(version, SQL) of every shipped PostgreSQL migration, in order."""
    return migrations("pg_migrations")


LATEST_PG_VERSION = pg_migrations()[-1][0]


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError as exc:
        raise StoreError(
            f"a postgresql:// archive needs the psycopg package, which is not installed: run "
            f"{INSTALL_HINT}"
        ) from exc
    return psycopg


def _explain(url: str, exc: Exception) -> StoreError:
    """One line saying why the connection failed and what to do."""
    where = redact(url)
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    lowered = str(exc).lower()
    if "password authentication failed" in lowered or "no password supplied" in lowered \
            or "authentication failed" in lowered:
        return StoreError(f"{where}: PostgreSQL refused the user or password ({text}); fix the "
                          "user:password in the URL (or PGPASSWORD / ~/.pgpass)")
    if "database" in lowered and "does not exist" in lowered:
        name = urlsplit(url).path.lstrip("/") or "NAME"
        return StoreError(f"{where}: {text}; create it first (createdb {name}) or fix the URL")
    if "role" in lowered and "does not exist" in lowered:
        return StoreError(f"{where}: {text}; create that user (createuser) or fix the URL")
    return StoreError(f"{where}: cannot reach PostgreSQL ({text}); start the server or fix the "
                      "host and port in the URL")


def _tables(conn: psycopg.Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
        "ORDER BY table_name")]


def _refuse_foreign(url: str, tables: list[str]) -> None:
    shown = foreign_tables(tables)
    if shown is not None:
        raise UsageError(
            f"{redact(url)} holds tables of another application (tables: {shown}); warta will "
            "not add its tables there: give another database, or a schema of its own "
            "(?options=-csearch_path%3Dwarta after creating that schema)"
        )


def _version(conn: psycopg.Connection) -> tuple[int, set[int]]:
    applied = {int(v) for (v,) in conn.execute("SELECT version FROM schema_version")}
    return max(applied, default=0), applied


def connect(url: str, *, read_only: bool = False) -> tuple[psycopg.Connection, int]:
    """An autocommit connection to the archive at ``url``, migrated (writing) or checked to
    be a current archive (``read_only``: nothing is created or changed); (conn, version)."""
    psycopg = _psycopg()
    try:
        conn = psycopg.connect(url, autocommit=True, connect_timeout=10,
                               application_name="warta")
    except psycopg.Error as exc:
        raise _explain(url, exc) from exc
    except ValueError as exc:  # a malformed URL (libpq cannot parse it)
        raise UsageError(f"{redact(url)} is not a valid PostgreSQL URL ({exc}); write it as "
                         "postgresql://user:password@host:5432/dbname") from None
    try:
        tables = _tables(conn)
        _refuse_foreign(url, tables)
        if read_only:
            version = _check_current(conn, url, tables)
            conn.execute("SET default_transaction_read_only = on")
        else:
            version = _migrate(conn, url)
    except psycopg.Error as exc:
        conn.close()
        raise StoreError(f"{redact(url)}: cannot open as a warta archive ({exc}); check the "
                         "user's rights on the database (CREATE on its schema)") from exc
    except BaseException:
        conn.close()
        raise
    return conn, version


def _check_current(conn: psycopg.Connection, url: str, tables: list[str]) -> int:
    where = redact(url)
    if "schema_version" not in tables:
        raise UsageError(f"{where} holds no warta archive yet; run `warta ingest SOURCES --db "
                         f"{where}` first")
    version, applied = _version(conn)
    if version > LATEST_PG_VERSION:
        raise StoreError(f"{where}: archive schema version {version} is newer than this warta "
                         f"knows ({LATEST_PG_VERSION}); upgrade warta to open it")
    if any(n not in applied for n, _ in pg_migrations()):
        raise StoreError(f"{where}: this archive needs migration (schema version {version}): "
                         f"run `warta migrate --db {where}` (or any `warta ingest` into it)")
    return version


def _migrate(conn: psycopg.Connection, url: str) -> int:
    """Apply every shipped migration not yet applied (gaps allowed, as in SQLite)."""
    with conn.transaction():
        conn.execute(LOCK_SQL, (MIGRATION_LOCK,))
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    version, applied = _version(conn)
    if version > LATEST_PG_VERSION:
        raise StoreError(f"{redact(url)}: archive schema version {version} is newer than this "
                         f"warta knows ({LATEST_PG_VERSION}); upgrade warta to open it")
    pending = {number for number, _ in pg_migrations() if number not in applied}
    for number, sql in pg_migrations():
        if number in applied:
            continue
        with conn.transaction():
            conn.execute(LOCK_SQL, (MIGRATION_LOCK,))
            if conn.execute("SELECT 1 FROM schema_version WHERE version = %s",
                            (number,)).fetchone():
                continue  # another process applied it while we waited for the lock
            try:
                conn.execute(sql)
                if number in _BACKFILLS and not superseded(number, pending):
                    announce_backfill(conn, redact(url), number)
                    _backfill(conn, number)
            except (UsageError, DataMissing, StoreError):
                raise  # the user's word lists, the installation, a store error that says where
            except Exception as exc:
                raise StoreError(f"{redact(url)}: migration {number:03d} failed: {exc}") from exc
            conn.execute("INSERT INTO schema_version VALUES (%s)", (number,))
        version = max(version, number)
    return version


# Migrations whose data is computed in Python (as SQLite's warta.store.migrate._BACKFILLS),
# run right after their SQL in its transaction: (module, function of the connection)
_BACKFILLS = {
    11: ("warta.store.postgres_stories", "backfill_stories"),
    12: ("warta.store.postgres_copies", "backfill_copies"),
    13: ("warta.store.postgres_stories", "backfill_stories"),
    16: ("warta.store.postgres_stories", "backfill_stories"),
    17: ("warta.store.read_also_sql", "backfill_postgres"),
    18: ("warta.store.postgres_stories", "backfill_stories"),
    19: ("warta.store.quote_kinds_sql", "backfill_postgres"),
    20: ("warta.store.postgres_stories", "backfill_stories"),
}


def _backfill(conn: psycopg.Connection, number: int) -> None:
    if number in _BACKFILLS:
        import importlib

        module, name = _BACKFILLS[number]
        getattr(importlib.import_module(module), name)(conn)


def _rum_schema(conn: psycopg.Connection) -> str | None:
    row = conn.execute("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON "
                       "n.oid = e.extnamespace WHERE e.extname = 'rum'").fetchone()
    return row[0] if row else None


def _search_indexes(conn: psycopg.Connection) -> set[str]:
    return {r[0] for r in conn.execute(
        "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND "
        "tablename = 'search_vectors'")}


def search_index(conn: psycopg.Connection, *, create: bool, rum: bool = True) -> str | None:
    """The schema of the rum extension when a rum index serves searches (ranked in index
    order, ``<=>``), None when a GIN index does (PostgreSQL ranks the matches).

    With ``create`` a missing index is made: rum when the extension is installed in the
    database or may be created (Debian: ``postgresql-15-rum``), else (or with ``rum=False``)
    GIN."""
    indexes = _search_indexes(conn)
    schema = _rum_schema(conn)
    if "search_vectors_rum" in indexes and schema:
        return schema
    if "search_vectors_gin" in indexes or not create:
        return None
    if not rum:
        schema = None
    elif schema is None and conn.execute(
            "SELECT 1 FROM pg_available_extensions WHERE name = 'rum'").fetchone():
        for where in (" SCHEMA public", ""):  # public: outlives any one archive's schema
            try:
                with conn.transaction():
                    conn.execute(f"CREATE EXTENSION IF NOT EXISTS rum{where}")
                break
            except Exception:  # noqa: BLE001, S112 — not allowed here: try the next, or GIN
                continue
        schema = _rum_schema(conn)
    with conn.transaction():
        conn.execute(LOCK_SQL, (MIGRATION_LOCK,))
        if schema:
            conn.execute("CREATE INDEX IF NOT EXISTS search_vectors_rum ON search_vectors "
                         f'USING rum (tsv "{schema}".rum_tsvector_ops)')
        else:
            conn.execute("CREATE INDEX IF NOT EXISTS search_vectors_gin ON search_vectors "
                         "USING gin (tsv)")
    return schema
