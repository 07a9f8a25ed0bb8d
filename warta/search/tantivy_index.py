"""The ranked-search engine: a tantivy index of the archive's analysed terms.

Chosen by measurement (benchmarks/bench_search.py, 2 cores): on CLICK-ID ×10 (220k articles)
1,000 key-phrase queries take p95 0.6 ms in tantivy against 66 ms for SQLite FTS5's bm25()
(which scores every matching row; tantivy skips with block-max WAND) and 13 ms for bm25s
(benchmarks/RESULTS-archive.md).
The index is derived data: SQLite stays the record, and every document here is built from
SQLite rows by :func:`warta.store.sqlite.SQLiteArchive`, which can rebuild it at any time.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import tantivy

from warta.errors import StoreError, UsageError
from warta.search.query import And, DateRange, Filter, Node, Not, Or, ParsedQuery, Term

__all__ = ["IndexDoc", "TantivyIndex", "compile_tantivy"]

TITLE_BOOST = 4.0
_NOTHING = 'entity:"-none-"'  # matches no document (an entity nobody mentions)


@dataclass(slots=True)
class IndexDoc:
    """What the index holds for one article (all keys already normalised)."""

    rowid: int
    title: str
    body: str
    outlets: list[str] = field(default_factory=list)
    section: str = ""
    day: int = 0  # yyyymmdd, 0 when undated
    ts: int = 0  # epoch seconds, for sorting by date
    authors: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)


def _schema() -> tantivy.Schema:
    b = tantivy.SchemaBuilder()
    b.add_integer_field("rowid", stored=True, indexed=True, fast=True)
    b.add_text_field("title", tokenizer_name="whitespace")
    b.add_text_field("body", tokenizer_name="whitespace")
    for name in ("outlet", "section", "author", "entity"):
        b.add_text_field(name, tokenizer_name="raw")
    b.add_integer_field("day", indexed=True, fast=True)
    b.add_integer_field("ts", indexed=True, fast=True)
    return b.build()


class TantivyIndex:
    """A tantivy index in ``path`` (a folder), or in memory when ``path`` is None.

    ``read_only`` reads an index in a folder this process may not write (a read-only mount):
    tantivy takes lock files even to read, so it reads through a private folder of symbolic
    links to the index files, and never writes."""

    def __init__(self, path: Path | None, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self._mirror: Path | None = None
        try:
            if path is None:
                self.index = tantivy.Index(_schema())
            elif read_only:
                if not (path / "meta.json").is_file():
                    raise StoreError(f"{path}: no search index there")
                self._mirror = Path(tempfile.mkdtemp(prefix="warta-index-"))
                self._link_files()
                self.index = tantivy.Index(_schema(), path=str(self._mirror))
            else:
                path.mkdir(parents=True, exist_ok=True)
                self.index = tantivy.Index(_schema(), path=str(path))
        except (ValueError, OSError) as exc:
            self._drop_mirror()
            raise StoreError(f"{path}: cannot open the search index ({exc}); delete the folder, "
                             "it is rebuilt from the archive") from exc
        self._writer: tantivy.IndexWriter | None = None
        self._stamp: tuple[int, int] | None = None

    def _link_files(self) -> None:
        """Link every index file (not tantivy's lock files) into the private folder."""
        assert self.path is not None and self._mirror is not None
        for entry in self.path.iterdir():
            link = self._mirror / entry.name
            if entry.name.endswith(".lock") or link.exists():
                continue
            link.symlink_to(entry.resolve())

    def _drop_mirror(self) -> None:
        if self._mirror is not None:
            shutil.rmtree(self._mirror, ignore_errors=True)  # links only, never their targets
            self._mirror = None

    def writer(self) -> tantivy.IndexWriter:
        """A writer (raises ValueError when another process holds the index lock).

        In memory the writer is kept; on disk it is released after each commit so that
        several processes (an API server, a `warta ingest`) can take turns."""
        if self._writer is None:
            self._writer = self.index.writer(heap_size=32_000_000, num_threads=1)
        return self._writer

    def _release(self) -> None:
        if self.path is not None:
            self._writer = None  # dropping the writer frees the lock

    def refresh(self) -> None:
        """See what other processes committed (a stat call unless the index changed)."""
        if self.path is None:
            return
        try:
            meta = (self.path / "meta.json").stat()
        except FileNotFoundError:
            return
        stamp = (meta.st_mtime_ns, meta.st_size)
        if stamp != self._stamp:
            if self._mirror is not None:
                self._link_files()  # a writer elsewhere added segments
                (self._mirror / "meta.json").unlink()
                (self._mirror / "meta.json").symlink_to((self.path / "meta.json").resolve())
            self.index.reload()
            self._stamp = stamp

    def apply(self, remove: Iterable[int], add: Iterable[IndexDoc]) -> None:
        """Remove documents by rowid, add new ones, commit (atomic in tantivy)."""
        try:
            self._apply(remove, add)
        finally:
            self._release()

    def _apply(self, remove: Iterable[int], add: Iterable[IndexDoc]) -> None:
        writer = self.writer()
        for rowid in remove:
            writer.delete_documents_by_term("rowid", rowid)
        for doc in add:
            d = tantivy.Document(rowid=doc.rowid, title=doc.title, body=doc.body, day=doc.day, ts=doc.ts)
            for name, values in (("outlet", doc.outlets), ("section", [doc.section] if doc.section else []),
                                 ("author", doc.authors), ("entity", doc.entities)):
                for value in values:
                    d.add_text(name, value)
            writer.add_document(d)
        writer.commit()
        if self.path is not None:
            # finish the merges this commit started: fewer, larger segments search faster
            # and take less disk than the many small ones of batch-by-batch commits
            writer.wait_merging_threads()
            self._writer = None
        self.index.reload()

    @property
    def num_docs(self) -> int:
        return int(self.index.searcher().num_docs)

    def search(self, query: str, *, limit: int, offset: int, by_date: bool,
               count: bool = True) -> tuple[int, list[tuple[int, float]]]:
        """(total matches, [(rowid, score)]) of a query in tantivy syntax; without ``count``
        the total is 0 and tantivy may skip the postings that cannot reach the top
        ``limit`` (related news needs the best matches only)."""
        parsed = self.index.parse_query(query, ["title", "body"], field_boosts={"title": TITLE_BOOST})
        searcher = self.index.searcher()
        kwargs = {"order_by_field": "ts"} if by_date else {}
        result = searcher.search(parsed, limit, count=count, offset=offset, **kwargs)
        addresses = [address for _, address in result.hits]
        rowids = searcher.fast_field_values("rowid", addresses) if addresses else []
        hits = [(int(r), float(key)) for r, (key, _) in zip(rowids, result.hits, strict=True)]
        return int(result.count or 0), hits

    def doc_freqs(self, terms: Iterable[str]) -> dict[str, int]:
        """Number of articles holding each term (the larger of its title and body counts:
        a lower bound of the union that tantivy cannot give without a search)."""
        searcher = self.index.searcher()
        return {t: max(searcher.doc_freq("body", t), searcher.doc_freq("title", t)) for t in terms}

    def close(self) -> None:
        if self._writer is not None:
            self._writer.wait_merging_threads()
            self._writer = None
        self._drop_mirror()


def _quote(terms: Iterable[str]) -> str:
    return '"' + " ".join(t.replace('"', "").replace("\\", "") for t in terms) + '"'


def _text(node: Node) -> str:
    if isinstance(node, Term):
        return f"{node.column}:{_quote(node.terms)}" if node.column else _quote(node.terms)
    if isinstance(node, Or):
        if any(isinstance(c, Not) for c in node.children):
            raise UsageError("a NOT term cannot be one side of OR; write e.g. (a OR b) NOT c")
        return "(" + " OR ".join(_text(c) for c in node.children) + ")"
    if isinstance(node, And):
        parts = [f"-{_text(c.child)}" if isinstance(c, Not) else f"+{_text(c)}" for c in node.children]
        if all(isinstance(c, Not) for c in node.children):
            parts.insert(0, "+*")
        return "(" + " ".join(parts) + ")"
    if isinstance(node, Not):
        return f"(+* -{_text(node.child)})"
    raise TypeError(f"not a text node: {node!r}")


def _day(value: str | None, end: bool) -> int:
    if not value:
        return 99991231 if end else 1
    digits = value.replace("-", "")
    return int(digits.ljust(8, "9" if end else "0"))


def _filter(f: Filter, entity_keys: dict[str, list[str]]) -> str:
    if f.field == "date":
        assert isinstance(f.value, DateRange)
        return f"day:[{_day(f.value.start, False)} TO {_day(f.value.end, True)}]"
    from warta.link.titles import title_key

    key = title_key(str(f.value))
    if f.field == "entity":
        names = entity_keys.get(key) or []
        if not names:
            return _NOTHING
        return "(" + " OR ".join(f"entity:{_quote([n])}" for n in names) + ")"
    return f"{f.field}:{_quote([key])}"


def compile_tantivy(parsed: ParsedQuery, entity_keys: dict[str, list[str]]) -> str:
    """Tantivy query syntax for a parsed query (``entity_keys``: alias key → canonical keys)."""
    parts: list[str] = []
    if parsed.text is not None:
        parts.append("+" + _text(parsed.text))
    for f in parsed.filters:
        parts.append(("-" if f.negated else "+") + _filter(f, entity_keys))
    if parts and all(p.startswith("-") for p in parts):
        parts.insert(0, "+*")
    return " ".join(parts)
