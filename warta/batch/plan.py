"""Cutting a batch's input into shards: runs of documents of a few thousand articles each.

A shard is a list of pieces — one page file, or a window of an export file's rows (see
:func:`warta.parse.sources.path_outcomes`) — in input order, so the shards' outcomes put
end to end are exactly the outcomes ``warta ingest`` reads from the same input. A shard's
``key`` hashes what decides its result (file contents, windows, options, warta's version):
an unchanged shard keeps its key, so a rerun finds its Parquet file and skips it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warta.errors import UsageError
from warta.parse.sources import Window, export_row_count, iter_documents

__all__ = ["Piece", "Shard", "file_hash", "plan_shards"]

DEFAULT_SHARD_SIZE = 2000
# part of every shard's key: raise it when what a shard holds changes (2: quotes carry
# `speaker_kind`, schema 19), so shards written before are made again, not loaded as they are
PLAN_VERSION = "warta-batch-2"


@dataclass(frozen=True, slots=True)
class Piece:
    """One source of a shard: ``name`` as ``warta ingest`` names it, the file, whether it
    came from a folder, its content hash, and the window of its outcomes (None: all)."""

    name: str
    path: str
    in_folder: bool
    digest: str
    window: Window = None


@dataclass(slots=True)
class Shard:
    """Pieces read and prepared by one task; ``number`` is its place in the input."""

    number: int
    pieces: list[Piece] = field(default_factory=list)
    size: int = 0  # expected outcomes (rows, or 1 per page)
    key: str = ""

    @property
    def file_name(self) -> str:
        return f"shard-{self.key}.parquet"


def file_hash(path: Path) -> str:
    """blake2b of a file's bytes (read in chunks)."""
    digest = hashlib.blake2b(digest_size=16)
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _documents(sources: Iterable[str]) -> Iterator[tuple[str, Path, bool]]:
    for name, path, in_folder in iter_documents(sources):
        if path is None:
            raise UsageError(
                f"{name}: warta batch reads files and folders (its workers open them by path); "
                "save the input to a file, or use warta ingest for URLs and standard input"
            )
        yield name, path, in_folder


def plan_shards(sources: Iterable[str], *, fmt: str | None = None,
                mapping: Mapping[str, str] | None = None, enrich: bool = True,
                shard_size: int = DEFAULT_SHARD_SIZE, limit: int | None = None) -> list[Shard]:
    """The shards of ``sources`` in input order, each of about ``shard_size`` outcomes: page
    files are grouped, an export is cut into row windows (its last window runs to the end of
    the file, where a fault of the file is reported). ``limit``: only the first documents
    (for samples and benchmarks)."""
    if shard_size < 1:
        raise UsageError("--shard-size must be at least 1")
    from warta import __version__

    shards: list[Shard] = []
    current = Shard(0)

    def close() -> None:
        nonlocal current
        if current.pieces:
            shards.append(current)
            current = Shard(len(shards))

    planned = 0
    for name, path, in_folder in _documents(sources):
        if limit is not None and planned >= limit:
            break
        try:
            digest = file_hash(path)
        except OSError:
            digest = "unreadable"  # the worker records the failure (cannot read)
        rows = export_row_count(path, name, fmt) if digest != "unreadable" else None
        if rows is None:  # a page: one outcome
            current.pieces.append(Piece(name, str(path), in_folder, digest))
            current.size += 1
            planned += 1
            if current.size >= shard_size:
                close()
            continue
        if limit is not None and rows > limit - planned:
            rows, cut = limit - planned, True  # a closed last window: the file is not read to its end
        else:
            cut = False
        planned += rows
        start = 0
        while True:
            room = shard_size - current.size
            stop: int | None = start + room if start + room < rows else (rows if cut else None)
            current.pieces.append(Piece(name, str(path), in_folder, digest, (start, stop)))
            current.size += (stop if stop is not None else max(rows, start + 1)) - start
            if current.size >= shard_size:
                close()
            if stop is None or stop >= rows:
                break
            start = stop
    close()
    _set_keys(shards, {"fmt": fmt, "mapping": dict(sorted((mapping or {}).items())),
                       "enrich": enrich, "warta": __version__, "plan": PLAN_VERSION})
    return shards


def _set_keys(shards: list[Shard], options: dict[str, Any]) -> None:
    """Each shard's key: a hash of the options and its pieces (names, contents, windows), so a
    rerun reuses a finished shard only when nothing that made it has changed."""
    for shard in shards:
        blob = json.dumps({**options, "pieces": [
            [p.name, p.digest, p.in_folder, list(p.window) if p.window else None] for p in shard.pieces
        ]}, ensure_ascii=False, sort_keys=True)
        shard.key = hashlib.blake2b(blob.encode("utf-8"), digest_size=10).hexdigest()
