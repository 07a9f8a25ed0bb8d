"""The one record every stage passes on: :class:`Article` and its parts.

Every class here is a plain dataclass with ``to_dict``/``from_dict``; ``Article.to_json`` and
``Article.from_json`` round-trip losslessly (``Article.from_json(a.to_json()) == a``).
JSON key names are part of the public contract (see README), so they are spelled out
explicitly rather than derived from attribute names by magic.

``from_dict`` validates: a record read back from a file may have been edited or forged, so
every field's type is checked and a wrong one raises :class:`warta.errors.InvalidRecord`
naming the field and what was expected. Keys a dataclass declares without a default are
required; unknown keys are ignored. ``id`` must be warta's shape (16 lower-case hex digits)
or empty (then it is computed): an id is a storage key, so one such as ``../../etc/passwd``
is refused rather than carried on.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import re
import reprlib
from dataclasses import MISSING, dataclass, field, fields
from datetime import datetime
from typing import Any, Literal, get_args

from .errors import InvalidRecord

__all__ = [
    "Amount",
    "Article",
    "Credits",
    "DateMention",
    "Entity",
    "Mention",
    "Quote",
    "ReadAlso",
    "SPEAKER_KINDS",
    "SpeakerKind",
    "article_id",
    "is_article_id",
]

_ID = re.compile(r"[0-9a-f]{16}")
_SHOW = reprlib.Repr()
_SHOW.maxstring, _SHOW.maxother, _SHOW.maxlist, _SHOW.maxdict, _SHOW.maxlevel = 40, 40, 3, 3, 2
_ADVICE = "fix the field or re-create the record with `warta parse`"


def is_article_id(value: object) -> bool:
    """True for a string of warta's id shape (what :func:`article_id` returns)."""
    return isinstance(value, str) and _ID.fullmatch(value) is not None


# --- validation of records read back (from_dict) -------------------------------------------


def _bad(where: str, expected: str, value: object) -> InvalidRecord:
    return InvalidRecord(f"field {where!r}: expected {expected}, got {_SHOW.repr(value)}; {_ADVICE}")


def _object(value: object, where: str) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    if where == "record":
        raise InvalidRecord(f"the record is not a JSON object but {_SHOW.repr(value)}; {_ADVICE}")
    raise _bad(where, "an object", value)


def _take(d: dict[str, Any], key: str, where: str, default: Any = MISSING) -> Any:
    if key in d:
        return d[key]
    if default is MISSING:
        raise InvalidRecord(f"field {where!r}: the required key {key!r} is missing; {_ADVICE}")
    return default


def _path(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _str(d: dict[str, Any], key: str, where: str, default: Any = MISSING, *, null: bool = False) -> Any:
    value = _take(d, key, where or "record", default)
    if isinstance(value, str) or (null and value is None):
        return value
    raise _bad(_path(where, key), "a string or null" if null else "a string", value)


def _int(d: dict[str, Any], key: str, where: str, default: Any = MISSING, *, null: bool = False) -> Any:
    value = _take(d, key, where or "record", default)
    if (isinstance(value, int) and not isinstance(value, bool)) or (null and value is None):
        return value
    raise _bad(_path(where, key), "an integer or null" if null else "an integer", value)


def _strings(d: dict[str, Any], key: str, where: str) -> list[str]:
    value = d.get(key, [])
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise _bad(_path(where, key), "a list of strings", value)


_S, _OS, _I, _OI = (str,), (str, type(None)), (int,), (int, type(None))
_EXPECTED = {_S: "a string", _OS: "a string or null", _I: "an integer", _OI: "an integer or null"}


def _fields(d: object, where: str, spec: tuple[tuple[str, tuple[type, ...], Any], ...]) -> dict[str, Any]:
    """Check a small record against ``(key, types, default)`` triples in one loop (these run
    for every mention and quote of every article read back, so they stay cheap)."""
    d = _object(d, where)
    out = {}
    for name, kinds, default in spec:
        value = d.get(name, default)
        if type(value) not in kinds and (isinstance(value, bool) or not isinstance(value, kinds)):
            if value is MISSING:
                raise InvalidRecord(f"field {where!r}: the required key {name!r} is missing; {_ADVICE}")
            raise _bad(_path(where, name), _EXPECTED[kinds], value)
        out[name] = value
    return out


_OFFSETS = (("paragraph", _I, 0), ("start", _I, 0), ("end", _I, 0))
_MENTION = (("text", _S, MISSING), ("paragraph", _I, MISSING), ("start", _I, MISSING), ("end", _I, MISSING))
_QUOTE = (("text", _S, MISSING), ("kind", _S, MISSING), ("speaker", _OS, None), ("speaker_mention", _OS, None),
          ("role", _OS, None), ("cue", _OS, None), *_OFFSETS, ("end_paragraph", _OI, None),
          ("affiliation", _OS, None), ("speaker_kind", _OS, None))
_AMOUNT = (("text", _S, MISSING), ("unit", _OS, None), ("noun", _OS, None), *_OFFSETS)
_DATE = (("text", _S, MISSING), ("value", _OS, MISSING), *_OFFSETS)
_READ_ALSO = (("title", _S, MISSING), ("url", _OS, None), ("id", _OS, None),  # id: a link, not a key
              ("match", _OS, None))


def _atomic_dict(record: Any) -> dict[str, Any]:
    """``asdict(record)`` for a slots dataclass whose every field is atomic (same keys, same
    order) without asdict's deep copy: these run for every mention and quote of every article
    stored or shown."""
    return {name: getattr(record, name) for name in _field_names(type(record))}


@functools.lru_cache(maxsize=None)
def _field_names(kind: type) -> tuple[str, ...]:
    """A dataclass's field names in order, inherited ones included (``__slots__`` holds only
    the class's own)."""
    return tuple(f.name for f in fields(kind))


def _records(d: dict[str, Any], key: str, kind: type) -> list[Any]:
    value = d.get(key, [])
    if not isinstance(value, list):
        raise _bad(key, "a list of objects", value)
    return [kind.from_dict(item, where=f"{key}[{i}]") for i, item in enumerate(value)]


def _id(value: object) -> str:
    if value == "" or is_article_id(value):
        return value  # type: ignore[return-value]
    raise _bad("id", "warta's id (16 lower-case hex digits) or an empty string", value)


def article_id(outlet: str | None, url: str | None, content: str = "") -> str:
    """Stable id: a hash of outlet+url when the url is known, else of the content."""
    if url:
        key = f"url\x00{(outlet or '').lower()}\x00{url.strip()}"
    else:
        key = f"content\x00{content}"
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


@dataclass(slots=True)
class ReadAlso:
    """An inline ``Baca juga`` link; ``id`` is filled once the archive resolves it, and
    ``match`` says how the archive matched it (one of :data:`warta.link.titles.MATCH_KINDS`:
    ``url``, ``exact``, ``glued``, ``truncated``, ``fuzzy``), so a reader can weigh it."""

    title: str
    url: str | None = None
    id: str | None = None
    match: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"title": self.title, "url": self.url}
        if self.id is not None:
            d["id"] = self.id
        if self.match is not None:
            d["match"] = self.match
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any], *, where: str = "read_also") -> ReadAlso:
        return cls(**_fields(d, where, _READ_ALSO))


@dataclass(slots=True)
class Credits:
    """The wire and editor credit, e.g. ``(AFP/OL-4)`` → agencies AFP, codes OL-4."""

    agencies: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"agencies": list(self.agencies), "codes": list(self.codes)}

    @classmethod
    def from_dict(cls, d: dict[str, Any], *, where: str = "credits") -> Credits:
        d = _object(d, where)
        return cls(agencies=_strings(d, "agencies", where), codes=_strings(d, "codes", where))


@dataclass(slots=True)
class Mention:
    """One occurrence of an entity: ``paragraph`` index and character offsets inside it."""

    text: str
    paragraph: int
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return _atomic_dict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any], *, where: str = "mention") -> Mention:
        return cls(**_fields(d, where, _MENTION))


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
    def from_dict(cls, d: dict[str, Any], *, where: str = "entity") -> Entity:
        d = _object(d, where)
        mentions = d.get("mentions", [])
        if not isinstance(mentions, list):
            raise _bad(_path(where, "mentions"), "a list of objects", mentions)
        return cls(
            name=_str(d, "name", where),
            label=_str(d, "label", where),
            aliases=_strings(d, "aliases", where),
            mentions=[Mention.from_dict(m, where=f"{where}.mentions[{i}]") for i, m in enumerate(mentions)],
        )


# Quote.speaker_kind's values besides None (not decided), spelled here for the code: the word
# lists, the listings' check and the API's types read them (the archive's CHECK constraint,
# fixed by migration 019, and the `--public`/`--private` flags name them too)
SpeakerKind = Literal["public", "private"]
SPEAKER_KINDS: tuple[str, ...] = get_args(SpeakerKind)


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
    # the organisation inside the role ("Bank Indonesia" in "Gubernur Bank Indonesia"); last,
    # with a default, so records written before it existed still read
    affiliation: str | None = None
    # whether the speaker is a public figure: "public" (an office, an organisation, a known
    # public person), "private" (a resident, a trader, a person named with no office) or None
    # (not decided: no speaker); warta.enrich.quote_kinds decides it. Last, like affiliation
    speaker_kind: SpeakerKind | None = None

    def to_dict(self) -> dict[str, Any]:
        return _atomic_dict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any], *, where: str = "quote") -> Quote:
        fields = _fields(d, where, _QUOTE)
        if fields["speaker_kind"] is not None and fields["speaker_kind"] not in SPEAKER_KINDS:
            # the archive keeps it in a checked column: refused here, never at write time
            raise _bad(_path(where, "speaker_kind"), f"{', '.join(map(repr, SPEAKER_KINDS))} or null",
                       fields["speaker_kind"])
        return cls(**fields)


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
        return _atomic_dict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any], *, where: str = "amount") -> Amount:
        checked = _fields(d, where, _AMOUNT)
        value = _take(d, "value", where)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (
            isinstance(value, float) and not math.isfinite(value)
        ):
            raise _bad(_path(where, "value"), "a finite number", value)
        approximate = d.get("approximate", False)
        if not isinstance(approximate, bool):
            raise _bad(_path(where, "approximate"), "true or false", approximate)
        return cls(value=value, approximate=approximate, **checked)


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
        return _atomic_dict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any], *, where: str = "date") -> DateMention:
        return cls(**_fields(d, where, _DATE))


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
        """Inverse of :meth:`to_dict`; raises :class:`~warta.errors.InvalidRecord` on a bad field."""
        d = _object(d, "record")
        optional = {name: _str(d, name, "", None, null=True)
                    for name in ("url", "outlet", "title", "tz", "section", "dateline", "source", "image")}
        credits = d.get("credits")
        return cls(
            id=_id(d.get("id", "")),
            published=_published(d.get("published")),
            authors=_strings(d, "authors", ""),
            editors=_strings(d, "editors", ""),
            paragraphs=_strings(d, "paragraphs", ""),
            read_also=_records(d, "read_also", ReadAlso),
            credits=Credits() if credits is None else Credits.from_dict(credits),
            language=_str(d, "language", "", "id"),
            format=_str(d, "format", "", "text"),
            warnings=_strings(d, "warnings", ""),
            tags=_strings(d, "tags", ""),
            entities=_records(d, "entities", Entity),
            quotes=_records(d, "quotes", Quote),
            amounts=_records(d, "amounts", Amount),
            dates=_records(d, "dates", DateMention),
            keywords=_strings(d, "keywords", ""),
            summary=_strings(d, "summary", ""),
            **optional,
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


def _published(value: object) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            pass
    raise _bad("published", "an ISO 8601 date-time such as '2022-01-22T11:39:00+07:00' or null", value)
