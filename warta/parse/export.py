"""Export rows (JSON, JSONL, CSV) → Articles, with columns mapped by the user or guessed."""

from __future__ import annotations

import json
import re
import reprlib
from collections.abc import Iterable, Mapping
from typing import Any

from ..errors import EmptyDocument, InvalidRecord, MappingError, UsageError
from ..model import Article, article_id
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
# A comma join after a sentence's end (one of _JOIN_ENDS); group 1 is the join. The end
# character is matched, not looked behind at (a look-behind is tried everywhere), one pattern per
# end character, each opening on its literal: sre finds a literal opening ~6× faster than a
# class. Their matches are those of the class pattern ``[.!?"”)]`` + _JOINED: after its end
# character a join holds a space and a comma only, on which no join opens.
# After a closing bracket only a glued comma is a join ("…(3809787),Kulit"): "(PSI), Ahmad Ali"
# and "Tribunnews' "(PSI) , Ahmad Ali" (a link taken out) are a sentence's own comma, and
# splitting there cut an office from its holder's name.
_JOIN_ENDS = '.!?"”'
_JOINED = r"(\s?,)(?=\s?[A-Z\"“(])"
_JOINED_AFTER_BRACKET = r"(,)(?=[A-Z\"“(])"
_JOINED_BY_END = (*((end, re.compile(re.escape(end) + _JOINED)) for end in _JOIN_ENDS),
                  (")", re.compile(r"\)" + _JOINED_AFTER_BRACKET)))
_PLACEHOLDERS = {"", "-", "–", "—", "null", "none", "n/a", "na", "nan"}
# A space to delete (lookarounds: a plain deletion, no template to expand per match).
_NO_SPACE_BEFORE = re.compile(r" (?=[.,;:!?%)\]}])")
_NO_SPACE_AFTER = re.compile(r"(?<=[(\[{]) ")
# JSON can spell half a UTF-16 pair ("\ud800"); such a string is not text and cannot be stored.
_SURROGATE = re.compile("[\ud800-\udfff]")
_SHOW = reprlib.Repr()
_SHOW.maxstring, _SHOW.maxother, _SHOW.maxlist, _SHOW.maxlevel = 40, 40, 3, 2
_TOKENS = "text, or IndoSum paragraphs (lists of sentences, each a list of word strings)"


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


def _detokenize(value: list[Any]) -> list[str]:
    """IndoSum-style paragraphs (lists of sentences of tokens) → paragraph strings.

    Raises :class:`InvalidRecord` naming the first item that is not of that shape.
    """
    paragraphs = []
    for i, paragraph in enumerate(value):
        if isinstance(paragraph, str):
            paragraphs.append(paragraph)
            continue
        if not isinstance(paragraph, list):
            raise InvalidRecord(f"item [{i}] is {_SHOW.repr(paragraph)}")
        sentences = []
        for j, sentence in enumerate(paragraph):
            if isinstance(sentence, str):
                sentences.append(sentence)
                continue
            if not isinstance(sentence, list):
                raise InvalidRecord(f"item [{i}][{j}] is {_SHOW.repr(sentence)}")
            try:
                sentences.append(" ".join(sentence))  # checks in C that every token is a str
            except TypeError:
                k, token = next((k, t) for k, t in enumerate(sentence) if not isinstance(t, str))
                raise InvalidRecord(f"item [{i}][{j}][{k}] is {_SHOW.repr(token)}") from None
        paragraphs.append(join_tokens(sentences))
    return paragraphs


def join_tokens(tokens: Iterable[str]) -> str:
    """Tokens (IndoSum's word lists) → text as written: no space before ``.,;:!?%)]}`` nor
    after ``([{``."""
    text = _NO_SPACE_BEFORE.sub("", " ".join(tokens))
    # A look-behind is tried at every position: only text with such a space is scanned.
    if "( " in text or "[ " in text or "{ " in text:
        text = _NO_SPACE_AFTER.sub("", text)
    return text


def split_paragraphs(body: Any) -> list[str]:
    """A body column's value → paragraphs (newlines, comma-joined scrapes or token lists)."""
    if isinstance(body, list):
        return _detokenize(body)
    text = str(body)
    if "\n" in text:
        return _lines(text)
    joins = sorted(match.span(1) for end, pattern in _JOINED_BY_END if end in text for match in pattern.finditer(text))
    if len(joins) >= 2:
        starts = [0, *(end for _start, end in joins)]
        ends = [*(start for start, _end in joins), len(text)]
        return [p for p in (text[a:b].strip() for a, b in zip(starts, ends)) if p]
    return [text]


def _lines(text: str) -> list[str]:
    r"""``[p for p in re.split(r"\s*\n\s*", text) if p]`` without the pattern, which opens on
    ``\s*`` and is tried at every character: the white space around each line break goes,
    the text's own start and end are left as they are."""
    parts = text.split("\n")
    last = len(parts) - 1
    out = []
    for i, part in enumerate(parts):
        if i:
            part = part.lstrip()
        if i < last:
            part = part.rstrip()
        if part:
            out.append(part)
    return out


def check_text(record: Any, source: str) -> None:
    """Refuse a record holding a lone surrogate anywhere (keys included), naming the field."""
    if _encodable(record):
        return
    stack: list[tuple[Any, str]] = [(record, "")]
    while stack:  # a loop, not recursion: records may nest deeply
        value, where = stack.pop()
        if isinstance(value, str):
            if not value.isascii() and (match := _SURROGATE.search(value)):  # ASCII has none
                field = f"field {where!r}" if where else "the text"
                raise InvalidRecord(
                    f"{source}: {field} holds a lone surrogate (\\u{ord(match.group()):04x} at "
                    f"character {match.start()}), half of a UTF-16 pair, which is not text; "
                    "fix or re-export the row"
                )
        elif isinstance(value, dict):
            for key, item in value.items():
                path = f"{where}.{key}" if where else str(key)
                stack.append((key, path))
                stack.append((item, path))
        elif isinstance(value, list):
            stack.extend((item, f"{where}[{i}]") for i, item in enumerate(value))


def _encodable(record: Any, skip: str | None = None) -> bool:
    """True when every string of ``record`` encodes as UTF-8 (holds no lone surrogate).

    Strings are checked one by one, token lists (IndoSum's thousands of words) with one
    ``json.dumps`` in C instead of a Python walk. False also when that cannot tell (a value
    JSON cannot write): the walk of :func:`check_text` then decides and says where. The value
    of column ``skip`` is left to the caller (its key is checked).
    """
    if isinstance(record, str):
        return _utf8(record)
    if not isinstance(record, dict):
        return _utf8_json(record)
    for key, value in record.items():
        if isinstance(key, str) and not _utf8(key):
            return False
        if key == skip:
            continue
        if isinstance(value, str):
            if not _utf8(value):
                return False
        elif isinstance(value, (list, dict)) and not _utf8_json(value):
            return False
    return True


def _utf8(text: str) -> bool:
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _utf8_json(value: Any) -> bool:
    try:
        return _utf8(json.dumps(value, ensure_ascii=False, check_circular=False))
    except (TypeError, ValueError, RecursionError):
        return False


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
    own = is_article_record(record)
    # Token lists (IndoSum) are checked once joined, below: the same strings, in C.
    tokens = not own and isinstance(record, dict) and isinstance(record.get(mapping.get("body")), list)
    if not tokens or not _encodable(record, skip=mapping["body"]):
        check_text(record, source)
    if own:
        return _own_record(record, source)
    get = {field: record.get(column) for field, column in mapping.items()}
    paragraphs, repaired = _body_paragraphs(record, mapping["body"], tokens, source)
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


def _body_paragraphs(record: Mapping[str, Any], column: str, tokens: bool, source: str
                     ) -> tuple[list[str], bool]:
    """The paragraphs of the body ``column`` (text, or IndoSum token lists when ``tokens``),
    mojibake repaired, and whether any was. Raises :class:`EmptyDocument` for an empty body
    and :class:`InvalidRecord` for one of another shape."""
    body_value = record.get(column)
    if body_value in (None, "", []):
        raise EmptyDocument(f"{source}: the body column {column!r} is empty")
    if not isinstance(body_value, (str, list)):
        raise InvalidRecord(
            f"{source}: the body column {column!r}: expected {_TOKENS}, "
            f"got {_SHOW.repr(body_value)}; fix or re-export the row"
        )
    try:
        body_paragraphs = split_paragraphs(body_value)
    except InvalidRecord as exc:
        if tokens:
            check_text(record, source)  # a lone surrogate is reported before the shape, as always
        raise InvalidRecord(
            f"{source}: the body column {column!r}: expected {_TOKENS}, but {exc}; "
            "fix or re-export the row"
        ) from None
    if tokens and not _utf8("".join(body_paragraphs)):
        check_text(record, source)  # every token is in the joined text: the walk says where
    paragraphs, repaired = [], False
    for paragraph in body_paragraphs:
        fixed, changed = repair(paragraph)
        repaired |= changed
        paragraphs.append(fixed)
    return paragraphs, repaired


def _own_record(record: Mapping[str, Any], source: str) -> Article:
    """warta's own JSON line → Article, validated; the id is checked against the record.

    An id is the archive's storage key, so a record cannot choose one: when the given id is
    not the hash of the record's outlet and url (or its text), it is recomputed (with a
    warning) so an edited or forged line can never overwrite another article.
    """
    try:
        article = Article.from_dict(dict(record))
    except InvalidRecord as exc:
        raise InvalidRecord(f"{source}: {exc}") from None
    expected = article_id(article.outlet, article.url, article.text)
    if article.id != expected:
        article.warnings.append(
            f"id {article.id!r} is not the hash of this record's outlet and url (or its text); "
            f"recomputed as {expected!r} so it cannot overwrite another article"
        )
        article.id = expected
    article.source = article.source or source
    return article



def _merge_flat(article: Article, flat: Flat) -> None:
    """Credits and editors the flattening pass lifted out of the text join the anatomy's."""
    for agency in flat.credits.agencies:
        if agency not in article.credits.agencies:
            article.credits.agencies.append(agency)
    for editor in flat.editors:
        if editor not in article.editors:
            article.editors.append(editor)
