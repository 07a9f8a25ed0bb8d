"""A serving node's own tantivy index of a PostgreSQL archive, kept current by the archive's
change sequence (issue 14, option b: "a tantivy index per serving node rebuilt and kept
current from PostgreSQL").

PostgreSQL stays the record; the index is derived, like the SQLite archive's. Every write of
an article row adds its rowid to ``search_changes`` (pg_migrations/015, a trigger), numbered
in commit order. The node remembers, in a small state file beside the index, which archive
it indexes and the last change it applied; catching up reads the changes after it, re-indexes
those articles from their rows (:func:`warta.store.indexing.index_docs`, the SQLite index's
own function), commits, and only then moves its position — so a crash re-applies a batch
(idempotent: documents are replaced by rowid) and never skips one. An index of another
archive, of another schema, or without state is rebuilt from all rows.

Several processes of one node (web workers) share the folder: tantivy lets one write at a
time; the others read what it committed and leave the catching up to it.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

from warta.errors import StoreError
from warta.link.titles import title_key
from warta.search.query import ParsedQuery
from warta.search.tantivy_index import TantivyIndex, compile_tantivy
from warta.store.dialect import POSTGRES
from warta.store.indexing import index_docs

__all__ = ["NODE_INDEX_ENV", "NodeIndex", "NodeView", "node_page"]

NODE_INDEX_ENV = "WARTA_NODE_INDEX"
_STATE = "warta-node.json"
_CHUNK = 20_000  # changes (and, when rebuilding, rows) applied per tantivy commit


class NodeIndex:
    """The tantivy index in ``folder`` for the archive behind ``conn`` (a psycopg connection
    whose search_path is the archive's schema)."""

    def __init__(self, folder: str | Path, conn: Any) -> None:
        self.folder = Path(folder)
        self.conn = conn
        self._state_stamp: tuple[int, int, int] | None = None  # (inode, mtime_ns, size) read
        self.archive = self._archive_identity()
        state = self._read_state()
        if state.get("archive") != self.archive:  # none yet, or another archive's
            shutil.rmtree(self.folder / "index", ignore_errors=True)
            self.index = TantivyIndex(self.folder / "index")
            self.position = self._rebuild()
        else:
            self.index = TantivyIndex(self.folder / "index")
            self.position = int(state["seq"])

    def _archive_identity(self) -> str:
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'archive_uuid'").fetchone()
        schema = self.conn.execute("SELECT current_schema()").fetchone()[0]
        return f"{row[0] if row else ''}/{schema}"

    def _read_state(self) -> dict[str, Any]:
        try:
            return json.loads((self.folder / _STATE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def _state_moved(self) -> dict[str, Any]:
        """The state file if it changed since this process last looked, else ``{}``.

        catch_up runs before every search; a stat is cheaper than reading and parsing the
        file, and the file only changes when some worker of this node applied changes. A stamp
        that repeats by chance (coarse mtime, a reused inode) only means this process applies
        those changes again itself, which is idempotent."""
        try:
            st = os.stat(self.folder / _STATE)
        except OSError:
            return {}
        stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
        if stamp == self._state_stamp:
            return {}
        self._state_stamp = stamp
        return self._read_state()

    def _write_state(self, seq: int) -> None:
        # written after the index commit, replaced atomically: a crash in between leaves the
        # older position, and the changes after it are applied again
        tmp = self.folder / f"{_STATE}.{os.getpid()}"
        tmp.write_text(json.dumps({"archive": self.archive, "seq": seq}), encoding="utf-8")
        os.replace(tmp, self.folder / _STATE)
        self.position = seq

    def _current_seq(self) -> int:
        return int(self.conn.execute("SELECT coalesce(max(seq), 0) FROM search_changes")
                   .fetchone()[0])

    def _rebuild(self) -> int:
        """Index every article from its rows; returns the position the index stands at.

        The position is read *before* the rows: a write committed meanwhile is both in the
        rows and after the position, applied twice, harmlessly."""
        with self.conn.transaction():
            seq = self._current_seq()
        rowids = [r for (r,) in self.conn.execute("SELECT rowid FROM articles ORDER BY rowid")]
        for start in range(0, len(rowids), _CHUNK):
            chunk = rowids[start:start + _CHUNK]
            self.index.apply(remove=chunk, add=index_docs(self.conn, POSTGRES, chunk))
        self._write_state(seq)
        return seq

    def catch_up(self) -> int:
        """Apply the changes committed since this node's position; the number applied.

        Another process of the node holding the writer is doing it: leave it and read."""
        applied = 0
        while True:
            state = self._state_moved()  # another worker of this node may have moved on
            if state.get("archive") == self.archive:
                self.position = max(self.position, int(state["seq"]))
            changes = self.conn.execute(
                "SELECT seq, article_rowid FROM search_changes WHERE seq > %s ORDER BY seq "
                "LIMIT %s", (self.position, _CHUNK)).fetchall()
            if not changes:
                break
            rowids = sorted({r for _, r in changes})
            try:
                self.index.apply(remove=rowids, add=index_docs(self.conn, POSTGRES, rowids))
            except ValueError:  # the writer lock is held by another worker of this node
                break
            self._write_state(changes[-1][0])
            applied += len(changes)
            if len(changes) < _CHUNK:
                break
        self.index.refresh()
        return applied

    def close(self) -> None:
        self.index.close()


_HIT_COLUMNS = "a.rowid, a.id, a.title, a.outlet, a.section, a.published, a.url"


def node_page(node: NodeIndex, parsed: ParsedQuery, *, by_date: bool, limit: int, offset: int,
              with_doc: bool) -> tuple[int, list[tuple[Any, ...]]]:
    """(total, rows) of a search page ranked by the node's index: each row as the
    PostgreSQL search builds it (hit columns, score, and the stored document when
    ``with_doc``), in the index's order; articles deleted since the last catch-up drop out."""
    node.catch_up()
    entity_keys = {
        key: [n for (n,) in node.conn.execute(
            "SELECT DISTINCT e.name_key FROM entity_names n JOIN entities e "
            "ON e.rowid = n.entity_rowid WHERE n.name_key = %s", (key,))]
        for key in (title_key(str(f.value)) for f in parsed.filters if f.field == "entity")
    }
    try:
        total, pairs = node.index.search(compile_tantivy(parsed, entity_keys), limit=limit,
                                         offset=offset, by_date=by_date)
    except ValueError as exc:
        raise StoreError(f"search failed in the node's index {node.folder}: {exc}") from exc
    doc = ", a.doc" if with_doc else ""
    found = {r[0]: r for r in node.conn.execute(
        f"SELECT {_HIT_COLUMNS}{doc} FROM articles a WHERE a.rowid = ANY(%s)",
        ([r for r, _ in pairs],))}
    rows = [(*found[r][:7], 0.0 if by_date else s, *found[r][7:])
            for r, s in pairs if r in found]
    return total, rows


class NodeView:
    """The archive as :func:`warta.link.related.related_sqlite` reads it: the PostgreSQL rows
    and this node's index (related news draws its candidates from the index, as on SQLite,
    instead of a rum query over the distinctive terms)."""

    dialect = POSTGRES

    def __init__(self, node: NodeIndex, path: str) -> None:
        self.node = node
        self.conn = node.conn
        self.index = node.index
        self.path = path

    def ensure_indexed(self) -> None:
        """Apply the changes committed since the node's position."""
        self.node.catch_up()
