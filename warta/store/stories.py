"""Records of the stories an archive holds (``warta stories``, ``/api/stories``, ``/cerita``).

Shared by the :class:`~warta.store.base.Archive` interface and its backends; how articles are
grouped is decided in :mod:`warta.link.stories`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["Story"]


@dataclass(slots=True)
class Story:
    """A story: the articles that report one happening.

    ``label`` is the title of its most central article (``label_id``); ``outlets`` by
    article count; ``first_seen``/``last_seen`` the earliest and latest publication times
    (as written); ``entities`` the names most of its articles mention; ``article_ids`` its
    articles in time order. A full look-up (:meth:`Archive.story`) also fills ``timeline``
    (``{"id", "title", "outlet", "published", "url"}`` per article, in time order) and
    ``quotes`` (``{"article_id", "speaker", "role", "kind", "text"}``, in time order)."""

    id: str
    label: str | None
    label_id: str | None
    size: int
    outlets: list[str]
    first_seen: str | None
    last_seen: str | None
    entities: list[str]
    article_ids: list[str] = field(default_factory=list)
    timeline: list[dict[str, Any]] | None = None
    quotes: list[dict[str, Any]] | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON form; ``timeline`` and ``quotes`` only when looked up in full."""
        d = asdict(self)
        if self.timeline is None:
            del d["timeline"]
        if self.quotes is None:
            del d["quotes"]
        return d
