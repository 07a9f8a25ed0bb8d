"""Schema migrations: numbered ``migrations/NNN_name.sql`` files applied in order.

The applied version lives in ``schema_version``; each migration and its version bump run in
one transaction, so a crash mid-migration leaves the previous version intact.
"""

from __future__ import annotations

import re
import sqlite3
from importlib import resources

from warta.errors import StoreError

__all__ = ["LATEST_VERSION", "migrate", "migrations"]

_NAME = re.compile(r"(\d{3})_[\w-]+\.sql")


def migrations() -> list[tuple[int, str]]:
    """(version, SQL) of every shipped migration, in order."""
    folder = resources.files("warta.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        m = _NAME.fullmatch(entry.name)
        if m:
            found.append((int(m.group(1)), entry.read_text(encoding="utf-8")))
    return sorted(found)


LATEST_VERSION = migrations()[-1][0]


def current_version(conn: sqlite3.Connection) -> int:
    """The schema version of an open archive (0 for an empty file)."""
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection, where: str) -> int:
    """Bring the archive at ``where`` to the latest schema; returns the version."""
    version = current_version(conn)
    if version > LATEST_VERSION:
        raise StoreError(
            f"{where}: archive schema version {version} is newer than this warta knows "
            f"({LATEST_VERSION}); upgrade warta to open it"
        )
    for number, sql in migrations():
        if number <= version:
            continue
        try:
            conn.executescript(
                f"BEGIN IMMEDIATE;\n{sql}\nINSERT INTO schema_version VALUES ({number});\nCOMMIT;"
            )
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"{where}: migration {number:03d} failed: {exc}") from exc
        version = number
    return version
