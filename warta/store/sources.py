"""Records of the live sources an archive follows (``warta sources``, ``warta watch``).

Shared by the :class:`~warta.store.base.Archive` interface and its backends; the watcher
(:mod:`warta.live.watcher`) decides, the archive only keeps.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

__all__ = ["DocState", "PollRecord", "SourceInfo", "UrlRecord"]


def _iso(ts: float | None) -> str | None:
    if not ts:
        return None
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds")


@dataclass(slots=True)
class SourceInfo:
    """A followed feed or sitemap and its health."""

    id: int
    url: str
    kind: str
    outlet: str | None
    added_at: str
    interval_s: float
    next_poll: float  # unix time
    last_poll: str | None
    status: str
    last_error: str | None
    failures: int
    polls: int
    articles_found: int
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["next_poll"] = _iso(self.next_poll)
        d["interval_s"] = round(self.interval_s, 1)
        return d


@dataclass(slots=True)
class DocState:
    """Conditional-GET state of a feed or sitemap document."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None


@dataclass(slots=True)
class UrlRecord:
    """An article URL the watcher settled: stored, failed for good, or skipped."""

    key: str
    url: str
    source_id: int | None
    status: str  # stored | failed | skipped | retry
    version: str | None = None
    attempts: int = 1
    article_id: str | None = None
    published_raw: str | None = None
    reason: str | None = None


@dataclass(slots=True)
class PollRecord:
    """Everything one poll of one source changes, written in one transaction."""

    source_id: int
    status: str
    interval_s: float
    next_poll: float
    failures: int
    last_error: str | None = None
    outlet: str | None = None
    kind: str | None = None
    articles_found: int = 0  # to add
    docs: list[DocState] = field(default_factory=list)
    urls: list[UrlRecord] = field(default_factory=list)
