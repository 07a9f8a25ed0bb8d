"""Loading finished shards into an archive: one idempotent step per shard, in input order.

A shard is stored with one ``put_prepared`` call (one transaction: all of it or none) after
its failures (``add_failures`` keeps a failure once), so loading a shard twice stores
nothing twice. ``manifest.jsonl`` in the output folder records each load (archive, shard
key, content hash of its files, counts). On a rerun a recorded shard is checked against the
archive — every article of it stored with that content — and skipped; a shard the archive
does not hold (the archive was replaced, a load was cut off) is loaded again.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from warta.batch.plan import Shard
from warta.batch.shard import FAILURES_SUFFIX, read_shard
from warta.store.base import Archive, PutReport

__all__ = ["Manifest", "archive_identity", "load_shard"]

MANIFEST = "manifest.jsonl"


def archive_identity(db: str) -> str:
    """The archive a manifest line names: a file's absolute path, or a URL without its
    password (never written to disk)."""
    if "://" not in db:
        return str(Path(db).resolve()) if db != ":memory:" else db
    parts = urlsplit(db)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    user = f"{parts.username}@" if parts.username else ""
    return urlunsplit((parts.scheme, user + host, parts.path, "", ""))


def _files_hash(out: Path, shard: Shard) -> str:
    digest = hashlib.blake2b(digest_size=16)
    articles = out / shard.file_name
    for path in (articles, articles.with_name(articles.name.removesuffix(".parquet") + FAILURES_SUFFIX)):
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()


class Manifest:
    """The loads recorded in ``out/manifest.jsonl`` (appended, one JSON object a line)."""

    def __init__(self, out: Path) -> None:
        self.path = out / MANIFEST
        self.loaded: dict[tuple[str, str], str] = {}  # (archive, shard key) → files hash
        if self.path.is_file():
            for line in self.path.read_text(encoding="utf-8").splitlines():
                try:
                    entry = json.loads(line)
                    self.loaded[(entry["archive"], entry["shard"])] = entry["files_hash"]
                except (ValueError, KeyError, TypeError):
                    continue  # a line cut off by a crash: that shard is checked again

    def record(self, archive: str, shard: Shard, files_hash: str, put: PutReport,
               failures: int) -> None:
        entry = {"archive": archive, "shard": shard.key, "number": shard.number,
                 "files_hash": files_hash, "failures": failures, **put.to_dict(),
                 "loaded_at": datetime.now(UTC).isoformat(timespec="seconds")}
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        self.loaded[(archive, shard.key)] = files_hash


def _held(archive: Archive, out: Path, shard: Shard) -> bool:
    """Whether every article of the shard is stored with its content (and enrichment)."""
    import pyarrow.parquet as pq

    lookup = archive.hash_lookup()
    if lookup is None:
        return True  # the backend cannot tell: trust the manifest
    try:
        table = pq.read_table(out / shard.file_name, columns=["id", "content_hash", "enriched"])
        for row in table.to_pylist():
            stored = lookup(row["id"])
            if stored is None or stored.covers(row["content_hash"], row["enriched"]) is None:
                return False
    finally:
        lookup.close()
    return True


def load_shard(archive: Archive, identity: str, out: Path, shard: Shard,
               manifest: Manifest) -> tuple[PutReport, int] | None:
    """Store one finished shard (failures, then its articles in one transaction) and record
    it; None when the manifest and the archive both say it is stored already."""
    files_hash = _files_hash(out, shard)
    if manifest.loaded.get((identity, shard.key)) == files_hash and _held(archive, out, shard):
        return None
    prepared, failures = read_shard(out, shard)
    if failures:
        archive.add_failures(failures)
    put = archive.put_prepared(prepared) if prepared else PutReport()
    manifest.record(identity, shard, files_hash, put, len(failures))
    return put, len(failures)
