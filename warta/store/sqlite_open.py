"""Opening the SQLite file of an archive: refuse what is not ours, never write on a read.

Writing opens (``warta ingest``) create and migrate the archive, but only in a new file or in
a warta archive: another application's SQLite file is refused, never given warta's tables.
Reading opens (search, show, stats, export, the read-only portal) go through a
``file:...?mode=ro`` URI, so they create nothing, migrate nothing, and work on archives the
user may not write (a read-only mount, another user's file). (SQLite itself may leave the
empty ``-wal``/``-shm`` side files of a WAL archive after a read where it could make them.)
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import urlencode

from warta.errors import StoreError, UsageError
from warta.store.migrate import LATEST_VERSION, foreign_tables, migrate

__all__ = ["connect_read", "connect_write", "file_uri", "check_db_path"]


def file_uri(path: str | Path, **params: str) -> str:
    """A ``file:`` URI for SQLite, percent-escaped: ``#``, ``?`` and ``%`` in a file name
    would otherwise end the path or be decoded as an escape."""
    uri = Path(os.path.abspath(path)).as_uri()
    return f"{uri}?{urlencode(params)}" if params else uri


def check_db_path(path: str, *, must_exist: bool) -> None:
    """Refuse, before anything is created, an archive path that cannot be one."""
    if path == ":memory:":
        return
    where = Path(path)
    if where.is_dir():
        raise UsageError(
            f"{path} is a folder, not an archive file; give a file name, e.g. "
            f"{where / 'warta.db'}"
        )
    if must_exist:
        if not where.exists():
            raise UsageError(
                f"no archive at {path}; build one with `warta ingest SOURCES --db {path}`"
            )
        return
    parent = where.parent
    if not where.exists() and not parent.is_dir():
        raise UsageError(
            f"{path}: the folder {parent} does not exist; create it first or give another "
            "file name"
        )


def _tables(conn: sqlite3.Connection) -> list[str]:
    return [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    )]


def _refuse_foreign(path: str, tables: list[str]) -> None:
    shown = foreign_tables(tables)
    if shown is not None:
        raise UsageError(
            f"{path} is a SQLite database of another application (tables: {shown}); warta "
            "will not add its tables to it: give a new file name"
        )


def _not_a_database(path: str, exc: sqlite3.DatabaseError) -> UsageError:
    return UsageError(
        f"{path} is not a SQLite database ({exc}); warta will not overwrite it: give a new "
        "file name or an archive made by `warta ingest`"
    )


def _check_writable(path: str) -> None:
    """A writing open needs the file and its folder (for the WAL files) writable."""
    where = Path(path)
    parent = Path(os.path.abspath(path)).parent
    if where.exists() and not os.access(where, os.W_OK) or not os.access(parent, os.W_OK):
        raise StoreError(
            f"{path} is read-only for this user (the file or its folder {parent}); reading "
            "works (warta search, show, stats, export, serve without a token), writing needs "
            "write access to both"
        )


def connect_write(path: str, synchronous: str = "FULL") -> tuple[sqlite3.Connection, int]:
    """Open (creating if new) a writable archive and migrate it; returns (conn, version)."""
    check_db_path(path, must_exist=False)
    if path != ":memory:":
        if Path(path).exists():
            _classify_existing(path)  # not SQLite / another application's: refused first
        _check_writable(path)
    try:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    except sqlite3.OperationalError as exc:
        raise StoreError(f"{path}: cannot open ({exc}); check the folder's permissions") from exc
    try:
        conn.execute("PRAGMA busy_timeout = 10000")
        if path != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a batch reported committed survives even a power cut, not only kill -9
        conn.execute(f"PRAGMA synchronous = {synchronous}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA cache_size = -65536")
        version = migrate(conn, path)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(
            f"{path}: cannot open as a warta archive ({exc}); give a new file name "
            "or an archive made by `warta ingest`"
        ) from exc
    except BaseException:
        conn.close()
        raise
    return conn, version


def _classify_existing(path: str) -> list[str]:
    """The tables of an existing file, read without writing; refuses a file that is not
    SQLite or belongs to another application."""
    conn = _open_ro(path)
    try:
        tables = _tables(conn)
    finally:
        conn.close()
    _refuse_foreign(path, tables)
    return tables


def connect_read(path: str) -> tuple[sqlite3.Connection, int]:
    """Open an existing archive read-only (nothing is created or migrated); returns
    (conn, version). A WAL archive in a folder nobody may write (no ``-shm`` file can be
    made) is opened as immutable: nobody can be writing it then."""
    check_db_path(path, must_exist=True)
    if path == ":memory:":
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    else:
        conn = _open_ro(path)
    try:
        try:
            tables = _tables(conn)
        except sqlite3.DatabaseError as exc:
            raise _not_a_database(path, exc) from exc
        _refuse_foreign(path, tables)
        if "schema_version" not in tables:
            raise UsageError(
                f"{path} holds no warta archive yet; run `warta ingest SOURCES --db {path}` "
                "first"
            )
        conn.execute("PRAGMA busy_timeout = 10000")
        version = int(conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] or 0)
    except BaseException:
        conn.close()
        raise
    if version > LATEST_VERSION:
        conn.close()
        raise StoreError(
            f"{path}: archive schema version {version} is newer than this warta knows "
            f"({LATEST_VERSION}); upgrade warta to open it"
        )
    if version < LATEST_VERSION:
        conn.close()
        raise StoreError(
            f"{path}: this archive needs migration (schema version {version}, this warta "
            f"reads {LATEST_VERSION}): run `warta migrate --db {path}` (or any `warta ingest` "
            "into it), then try again"
        )
    return conn, version


def _open_ro(path: str) -> sqlite3.Connection:
    """A read-only connection. Only when SQLite cannot make the ``-shm`` file a WAL archive
    needs (the folder is read-only: nobody can be writing there) is it opened immutable; a
    busy writer is waited for, never read around."""
    conn = _probe(path, mode="ro")
    if isinstance(conn, sqlite3.Connection):
        return conn
    if "readonly" not in str(conn) and "unable to open" not in str(conn):
        raise StoreError(f"{path}: cannot open for reading ({conn}); try again, or check the file")
    again = _probe(path, mode="ro", immutable="1")
    if isinstance(again, sqlite3.Connection):
        return again
    raise StoreError(f"{path}: cannot open for reading ({again}); check its permissions")


def _probe(path: str, **params: str) -> sqlite3.Connection | sqlite3.OperationalError:
    conn = sqlite3.connect(file_uri(path, **params), uri=True, isolation_level=None,
                           check_same_thread=False)
    try:
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        return exc
    except sqlite3.DatabaseError as exc:  # "file is not a database"
        conn.close()
        raise _not_a_database(path, exc) from exc
