"""Record types of the archive's browsing look-ups (article lists, entities, mentions).

They sit beside :mod:`warta.store.base` so the web layer and every backend share them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from warta.errors import UsageError
from warta.link.titles import title_key
from warta.model import SPEAKER_KINDS

__all__ = ["ArticleFilters", "EntityInfo", "check_speaker_kind", "name_key", "slug"]


def check_speaker_kind(speaker_kind: str | None) -> None:
    """Refuse a speaker kind a quote cannot have (None: no filter)."""
    if speaker_kind is not None and speaker_kind not in SPEAKER_KINDS:
        raise UsageError(f"speaker kind must be one of {', '.join(SPEAKER_KINDS)}, not {speaker_kind!r}")


def slug(name: str | None) -> str:
    """URL slug of an outlet, section or entity: its archive key with ``-`` for spaces.

    Keys (:func:`warta.link.titles.title_key`) hold only word characters and single spaces,
    so the slug maps back to the key exactly (:func:`name_key`)."""
    return title_key(name).replace(" ", "-")


def name_key(value: str) -> str:
    """The archive key of a name or slug (hyphens read as spaces)."""
    return title_key(value.replace("-", " "))


@dataclass(slots=True)
class ArticleFilters:
    """Filters of an article list; every field narrows (all are ANDed).

    Names are compared by key (:func:`name_key`), so a slug or the name as written both work;
    ``outlet`` also matches outlets whose key starts with it plus a space."""

    outlet: str | None = None
    section: str | None = None
    author: str | None = None
    entity: str | None = None
    date_from: str | None = None  # YYYY[-MM[-DD]], inclusive
    date_to: str | None = None


@dataclass(slots=True)
class EntityInfo:
    """An entity with its slug (the id the web layer uses)."""

    id: str
    name: str
    label: str
    aliases: list[str] = field(default_factory=list)
    article_count: int = 0
    rowid: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The public fields (``rowid`` is backend-internal)."""
        return {
            "id": self.id,
            "name": self.name,
            "label": self.label,
            "aliases": list(self.aliases),
            "article_count": self.article_count,
        }
