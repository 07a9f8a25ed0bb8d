"""Export rows (JSON, JSONL, CSV) → Articles, with columns mapped by the user or guessed."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from ..errors import EmptyDocument, MappingError, UsageError
from ..model import Article
from .anatomy import canonical_outlet, clean_body, clean_title
from .export_dates import ExportDates
from .flatten import Flat, flatten
from .repair import repair
from .text import _host

__all__ = ["FIELDS", "guess_mapping", "parse_mapping", "parse_record", "split_paragraphs"]

# warta field → the column names exports commonly use for it (compared case-insensitively).
FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "judul", "headline", "tajuk", "head"),
    "body": ("body", "content", "isi", "isi_berita", "text", "teks", "article", "artikel",
             "konten", "berita", "naskah", "paragraphs"),
    "published": ("published", "published_at", "publish_date", "date_published", "date",
                  "tanggal", "tgl", "datetime", "waktu", "pubdate", "created_at"),
    "time": ("time", "jam", "pukul"),
    "url": ("url", "link", "tautan", "href", "permalink", "source_url"),
    "outlet": ("outlet", "source", "media", "sumber", "portal", "site", "publisher"),
    "section": ("section", "category", "kategori", "rubrik", "kanal", "label", "topic"),
    "authors": ("authors", "author", "penulis", "reporter", "byline", "wartawan"),
    "editors": ("editors", "editor", "redaktur", "penyunting"),
    "tags": ("tags", "tag", "keywords", "kata_kunci"),
    "image": ("image", "img", "gambar", "foto", "image_url"),
}

# CLICK-ID's scraper joined paragraphs with a bare comma: "… berkembang.,Lewat seni …".
_JOINED = re.compile(r"(?<=[.!?\"”)])\s?,(?=\s?[A-Z\"“(])")
_PLACEHOLDERS = {"", "-", "–", "—", "null", "none", "n/a", "na", "nan"}
_NO_SPACE_BEFORE = re.compile(r" ([.,;:!?%)\]}])")
_NO_SPACE_AFTER = re.compile(r"([(\[{]) ")


def parse_mapping(spec: str | None) -> dict[str, str]:
    """``"title=judul,body=isi"`` → ``{"title": "judul", "body": "isi"}``; raises UsageError."""
    mapping: dict[str, str] = {}
    if not spec:
        return mapping
    for item in spec.split(","):
        field, sep, column = item.partition("=")
        field, column = field.strip(), column.strip()
        if not sep or not field or not column:
            raise UsageError(f"--map item {item!r} is not FIELD=COLUMN (e.g. --map title=judul,body=isi)")
        if field not in FIELDS:
            raise UsageError(f"--map field {field!r} is unknown; fields are: {', '.join(FIELDS)}")
        mapping[field] = column
    return mapping


def guess_mapping(columns: Iterable[str], mapping: Mapping[str, str] | None = None) -> dict[str, str]:
    """Complete a user mapping with guesses from common column names.

    Raises :class:`MappingError` when a user-named column is absent or no body column exists,
    naming the columns there are so the user can fix ``--map``.
    """
    columns = list(columns)
    by_lower = {c.lower().strip(): c for c in columns}
    result: dict[str, str] = {}
    for field, column in (mapping or {}).items():
        if column not in columns and column.lower() not in by_lower:
            raise MappingError(
                f"--map {field}={column}: there is no column {column!r}; "
                f"columns are: {', '.join(columns)}"
            )
        result[field] = column if column in columns else by_lower[column.lower()]
    for field, names in FIELDS.items():
        if field in result:
            continue
        for name in names:
            if name in by_lower and by_lower[name] not in result.values():
                result[field] = by_lower[name]
                break
    if "body" not in result:
        raise MappingError(
            f"no body column: none of {', '.join(columns) or '(no columns)'} looks like one; "
            "pass --map body=COLUMN"
        )
    return result


def _detokenize(value: Any) -> list[str]:
    """IndoSum-style paragraphs (lists of sentences of tokens) → paragraph strings."""
    paragraphs = []
    for paragraph in value:
        if isinstance(paragraph, str):
            paragraphs.append(paragraph)
            continue
        sentences = [" ".join(s) if isinstance(s, list) else str(s) for s in paragraph]
        text = _NO_SPACE_BEFORE.sub(r"\1", " ".join(sentences))
        paragraphs.append(_NO_SPACE_AFTER.sub(r"\1", text))
    return paragraphs


def split_paragraphs(body: Any) -> list[str]:
    """A body column's value → paragraphs (newlines, comma-joined scrapes or token lists)."""
    if isinstance(body, list):
        return _detokenize(body)
    text = str(body)
    if "\n" in text:
        return [p for p in re.split(r"\s*\n\s*", text) if p]
    if len(_JOINED.findall(text)) >= 2:
        return [p.strip() for p in _JOINED.split(text) if p.strip()]
    return [text]


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    value = str(value).strip()
    # Exports fill empty cells with placeholders; they are not values.
    return None if value.lower() in _PLACEHOLDERS else value


def _people(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    text = _text(value)
    return [p.strip() for p in re.split(r"\s*(?:,|;|\sdan\s|&)\s*", text) if p.strip()] if text else []


def is_article_record(record: Mapping[str, Any]) -> bool:
    """True for a row that is warta's own ``Article.to_dict()`` (``warta parse`` output)."""
    return (
        isinstance(record.get("paragraphs"), list)
        and isinstance(record.get("credits"), dict)
        and "read_also" in record
        and "id" in record
    )


def parse_record(
    record: Mapping[str, Any], mapping: Mapping[str, str], *, source: str, fmt: str,
    dates: ExportDates | None = None,
) -> Article:
    """One export row → Article. ``mapping`` is complete (see :func:`guess_mapping`).

    warta's own JSON lines come back as they were written (lossless round trip through
    ``warta parse`` → file → ``warta ingest``), not re-read as a foreign export.
    ``dates`` is the file's date-column model (see :mod:`warta.parse.export_dates`); a row
    read on its own gets a fresh one.
    """
    if is_article_record(record):
        article = Article.from_dict(dict(record))
        article.source = article.source or source
        return article
    get = {field: record.get(column) for field, column in mapping.items()}
    body_value = get.get("body")
    if body_value in (None, "", []):
        raise EmptyDocument(f"{source}: the body column {mapping['body']!r} is empty")
    paragraphs, repaired = [], False
    for paragraph in split_paragraphs(body_value):
        fixed, changed = repair(paragraph)
        repaired |= changed
        paragraphs.append(fixed)
    flat = flatten(paragraphs)
    body = clean_body(flat.paragraphs)
    if not body.paragraphs:
        raise EmptyDocument(f"{source}: the body has no text once portal furniture is removed")
    title, title_fixed = repair(_text(get.get("title")) or "")
    article = Article(
        title=clean_title(title) if title else None,
        paragraphs=body.paragraphs,
        url=_text(get.get("url")),
        section=_text(get.get("section")),
        authors=_people(get.get("authors")) or body.authors,
        editors=_people(get.get("editors")) or body.editors,
        tags=_people(get.get("tags")),
        image=_text(get.get("image")),
        read_also=flat.read_also + body.read_also,
        credits=body.credits,
        dateline=body.dateline,
        format=fmt,
        source=source,
        warnings=flat.warnings + body.warnings,
        id="-",
    )
    _merge_flat(article, flat)
    article.outlet = (
        canonical_outlet(_text(get.get("outlet")))
        or _text(get.get("outlet"))
        or body.outlet
        or canonical_outlet(_host(article.url))
    )
    article.published, article.tz, date_warnings = (dates or ExportDates(mapping)).published(
        record, article.paragraphs, article.url)
    article.warnings.extend(date_warnings)
    if repaired or title_fixed:
        article.warnings.append("mojibake repaired")
    if article.title is None:
        article.warnings.append("no title column" if "title" not in mapping else "empty title")
    article.id = ""
    article.__post_init__()
    return article


def _merge_flat(article: Article, flat: Flat) -> None:
    """Credits and editors the flattening pass lifted out of the text join the anatomy's."""
    for agency in flat.credits.agencies:
        if agency not in article.credits.agencies:
            article.credits.agencies.append(agency)
    for editor in flat.editors:
        if editor not in article.editors:
            article.editors.append(editor)
