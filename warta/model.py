"""The one record every stage passes on: :class:`Article` and its parts.

Every class here is a plain dataclass with ``to_dict``/``from_dict``; ``Article.to_json`` and
``Article.from_json`` round-trip losslessly (``Article.from_json(a.to_json()) == a``).
JSON key names are part of the public contract (see README), so they are spelled out
explicitly rather than derived from attribute names by magic.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from typing import Any

__all__ = [
    "Amount",
    "Article",
    "Credits",
    "DateMention",
    "Entity",
    "Mention",
    "Quote",
    "ReadAlso",
    "article_id",
]


def article_id(outlet: str | None, url: str | None, content: str = "") -> str:
    """Stable id: a hash of outlet+url when the url is known, else of the content."""
    if url:
        key = f"url\x00{(outlet or '').lower()}\x00{url.strip()}"
    else:
        key = f"content\x00{content}"
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


@dataclass(slots=True)
class ReadAlso:
    """An inline ``Baca juga`` link; ``id`` is filled once the archive resolves it."""

    title: str
    url: str | None = None
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"title": self.title, "url": self.url}
        if self.id is not None:
            d["id"] = self.id
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ReadAlso:
        return cls(title=d["title"], url=d.get("url"), id=d.get("id"))


@dataclass(slots=True)
class Credits:
    """The wire and editor credit, e.g. ``(AFP/OL-4)`` → agencies AFP, codes OL-4."""

    agencies: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"agencies": list(self.agencies), "codes": list(self.codes)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Credits:
        return cls(agencies=list(d.get("agencies", [])), codes=list(d.get("codes", [])))


@dataclass(slots=True)
class Mention:
    """One occurrence of an entity: ``paragraph`` index and character offsets inside it."""

    text: str
    paragraph: int
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Mention:
        return cls(**{f.name: d[f.name] for f in fields(cls)})


@dataclass(slots=True)
class Entity:
    """A canonical person, organisation, place or event with all its mentions."""

    name: str
    label: str
    mentions: list[Mention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": self.label,
            "aliases": list(self.aliases),
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entity:
        return cls(
            name=d["name"],
            label=d["label"],
            aliases=list(d.get("aliases", [])),
            mentions=[Mention.from_dict(m) for m in d.get("mentions", [])],
        )


@dataclass(slots=True)
class Quote:
    """Who said what. Offsets are into ``paragraphs[paragraph]`` (``end_paragraph`` for
    quotes spanning paragraphs)."""

    text: str
    kind: str  # "direct" | "indirect"
    speaker: str | None = None  # canonical entity name
    speaker_mention: str | None = None  # the speaker as written ("Lungescu", "tuturnya"→resolved)
    role: str | None = None
    cue: str | None = None
    paragraph: int = 0
    start: int = 0
    end: int = 0
    end_paragraph: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quote:
        return cls(**{f.name: d.get(f.name, f.default) for f in fields(cls)})


@dataclass(slots=True)
class Amount:
    """A quantity in the text: ``sekitar 100.000 tentara`` → value 100000, noun tentara."""

    text: str
    value: float | int
    unit: str | None = None  # "IDR", "USD", "%", None for plain counts
    noun: str | None = None
    approximate: bool = False
    paragraph: int = 0
    start: int = 0
    end: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Amount:
        return cls(**{f.name: d.get(f.name, f.default) for f in fields(cls)})


@dataclass(slots=True)
class DateMention:
    """A date or time in the text resolved against the article's published time.

    ``value`` is ISO 8601 at the precision the text gives: ``2022-01-21``, ``2021-12``,
    ``2024-02-12T14:00:00+07:00``."""

    text: str
    value: str | None
    paragraph: int = 0
    start: int = 0
    end: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DateMention:
        return cls(**{f.name: d.get(f.name, f.default) for f in fields(cls)})


@dataclass(slots=True)
class Article:
    """A news article: its anatomy (from ``warta.parse``) and, once enriched, what it says."""

    title: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    url: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    tz: str | None = None
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    section: str | None = None
    dateline: str | None = None
    read_also: list[ReadAlso] = field(default_factory=list)
    credits: Credits = field(default_factory=Credits)
    language: str = "id"
    format: str = "text"
    warnings: list[str] = field(default_factory=list)
    source: str | None = None
    image: str | None = None
    tags: list[str] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)  # extractive: sentences as written
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = article_id(self.outlet, self.url, self.text)

    @property
    def text(self) -> str:
        """The body as one string, paragraphs separated by a blank line."""
        return "\n\n".join(self.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with the documented key names."""
        return {
            "id": self.id,
            "url": self.url,
            "outlet": self.outlet,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "tz": self.tz,
            "authors": list(self.authors),
            "editors": list(self.editors),
            "section": self.section,
            "dateline": self.dateline,
            "paragraphs": list(self.paragraphs),
            "read_also": [r.to_dict() for r in self.read_also],
            "credits": self.credits.to_dict(),
            "language": self.language,
            "format": self.format,
            "warnings": list(self.warnings),
            "source": self.source,
            "image": self.image,
            "tags": list(self.tags),
            "entities": [e.to_dict() for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
            "amounts": [a.to_dict() for a in self.amounts],
            "dates": [d.to_dict() for d in self.dates],
            "keywords": list(self.keywords),
            "summary": list(self.summary),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        """Inverse of :meth:`to_dict`."""
        published = d.get("published")
        return cls(
            id=d.get("id", ""),
            url=d.get("url"),
            outlet=d.get("outlet"),
            title=d.get("title"),
            published=datetime.fromisoformat(published) if published else None,
            tz=d.get("tz"),
            authors=list(d.get("authors", [])),
            editors=list(d.get("editors", [])),
            section=d.get("section"),
            dateline=d.get("dateline"),
            paragraphs=list(d.get("paragraphs", [])),
            read_also=[ReadAlso.from_dict(r) for r in d.get("read_also", [])],
            credits=Credits.from_dict(d.get("credits") or {}),
            language=d.get("language", "id"),
            format=d.get("format", "text"),
            warnings=list(d.get("warnings", [])),
            source=d.get("source"),
            image=d.get("image"),
            tags=list(d.get("tags", [])),
            entities=[Entity.from_dict(e) for e in d.get("entities", [])],
            quotes=[Quote.from_dict(q) for q in d.get("quotes", [])],
            amounts=[Amount.from_dict(a) for a in d.get("amounts", [])],
            dates=[DateMention.from_dict(x) for x in d.get("dates", [])],
            keywords=list(d.get("keywords", [])),
            summary=list(d.get("summary", [])),
        )

    def to_json(self, *, pretty: bool = False) -> str:
        """Serialise to JSON (one line unless ``pretty``)."""
        if pretty:
            return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | bytes) -> Article:
        """Inverse of :meth:`to_json`."""
        return cls.from_dict(json.loads(text))
