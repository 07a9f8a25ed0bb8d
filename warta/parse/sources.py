"""Where documents come from: files, folders, export files, URLs, stdin.

:func:`iter_outcomes` turns a list of sources into a stream of :class:`Outcome` — an Article
or a :class:`Failure` (source, reason, raw bytes kept) — so a batch never dies on one bad
document. Every shell (CLI, API, ingest) goes through it.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import (
    BinaryDocument,
    DocumentError,
    DocumentTooLarge,
    EmptyDocument,
    FetchError,
    MappingError,
    NotAnArticle,
    UsageError,
    WartaError,
)
from ..model import Article
from .export import guess_mapping, parse_record
from .export_dates import ExportDates

__all__ = ["MAX_BYTES", "Failure", "Outcome", "decode", "detect_format", "iter_outcomes", "parse_bytes"]

MAX_BYTES = 10_000_000  # one article page is < 1 MB; a 50 MB "article" is a mistake
FORMATS = ("text", "html", "json", "csv")
_EXPORT_SUFFIXES = {".json": "json", ".jsonl": "json", ".ndjson": "json", ".csv": "csv"}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
# Files a folder of articles often carries that are not articles (reported, not parsed).
_NOT_ARTICLES = ("license", "licence", "copying", "readme", "changelog", "notice", "authors")


@dataclass(slots=True)
class Failure:
    """A document that did not become an Article: where, why, and the bytes it had."""

    source: str
    reason: str
    code: str
    raw: bytes = b""

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "code": self.code, "reason": self.reason, "raw_bytes": len(self.raw)}


@dataclass(slots=True)
class Outcome:
    """One document's result: exactly one of ``article`` and ``failure`` is set."""

    source: str
    article: Article | None = None
    failure: Failure | None = None


def decode(raw: bytes, source: str) -> tuple[str, list[str]]:
    """Bytes → text; refuse binary data, fall back from UTF-8 with a warning."""
    if not raw.strip():
        raise EmptyDocument(f"{source}: empty document ({len(raw)} bytes); nothing to parse")
    head = raw[:4096]
    nul = head.find(b"\x00")
    if nul >= 0:
        raise BinaryDocument(
            f"{source}: binary data (NUL byte at offset {nul}), not a news page; "
            "pass a text, HTML, JSON or CSV file"
        )
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        # Indonesian pages that are not UTF-8 are Windows-1252 in practice; statistical
        # detectors (charset_normalizer) guess Central-European code pages on short
        # Indonesian texts and turn "café" into "cafť", so the fallback is fixed.
        encoding = "cp1252"
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            encoding = "latin-1"
            text = raw.decode(encoding)
        bad = raw[exc.start]
        return text, [f"not valid UTF-8 (byte 0x{bad:02x} at offset {exc.start}); decoded as {encoding}"]


def detect_format(text: str, name: str = "") -> str:
    """``text``, ``html``, ``json`` or ``csv``, from the file suffix or the content."""
    suffix = Path(name.removesuffix(".gz")).suffix.lower()
    if suffix in _HTML_SUFFIXES:
        return "html"
    if suffix in _EXPORT_SUFFIXES:
        return _EXPORT_SUFFIXES[suffix]
    head = text.lstrip()[:512].lower()
    if head.startswith(("<!doctype", "<html", "<?xml")) or (head.startswith("<") and "<body" in text[:20000].lower()):
        return "html"
    if head.startswith(("{", "[")):
        return "json"
    return "text"


def parse_bytes(raw: bytes, *, source: str, fmt: str | None = None, url: str | None = None) -> Article:
    """One document's bytes → Article (text or HTML; exports go through :func:`iter_outcomes`)."""
    if len(raw) > MAX_BYTES:
        raise DocumentTooLarge(
            f"{source}: {len(raw) / 1e6:.1f} MB is too large for one article (limit "
            f"{MAX_BYTES / 1e6:.0f} MB); split it, or pass an export file (.jsonl/.csv) for many articles"
        )
    text, warnings = decode(raw, source)
    fmt = fmt or detect_format(text, source)
    if fmt == "html":
        from .html import parse_html

        article = parse_html(text, source=source, url=url)
    elif fmt == "text":
        from .text import parse_text

        article = parse_text(text, source=source, url=url)
    else:
        raise UsageError(f"{source}: format {fmt!r} holds records; read it with iter_outcomes()")
    article.warnings[:0] = warnings
    return article


# --- export files -------------------------------------------------------------------------


def _records(text: str, fmt: str, source: str) -> Iterator[tuple[str, Any]]:
    """(row source, record) pairs of an export; JSON may be one object, a list, or JSONL."""
    if fmt == "csv":
        csv.field_size_limit(MAX_BYTES)
        reader = csv.DictReader(io.StringIO(text))
        for number, row in enumerate(reader, start=1):
            yield f"{source}#{number}", row
        return
    stripped = text.lstrip()
    if stripped.startswith("["):
        data = json.loads(text)
        for number, row in enumerate(data, start=1):
            yield f"{source}#{number}", row
        return
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) == 1 or not stripped.startswith("{") or not lines[0].rstrip().endswith("}"):
        yield source, json.loads(text)
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                yield f"{source}#{number}", json.loads(line)
            except json.JSONDecodeError as exc:
                yield f"{source}#{number}", exc


def _columns(records: list[tuple[str, Any]], fmt: str, text: str) -> list[str]:
    if fmt == "csv":
        return next(csv.reader(io.StringIO(text)), [])
    seen: dict[str, None] = {}
    for _, record in records[:200]:
        if isinstance(record, dict):
            seen.update(dict.fromkeys(record))
    return list(seen)


def _export_outcomes(
    raw: bytes, source: str, fmt: str, mapping: Mapping[str, str] | None
) -> Iterator[Outcome]:
    text, _warnings = decode(raw, source)
    try:
        records = list(_records(text, fmt, source))
    except (json.JSONDecodeError, csv.Error) as exc:
        yield _fail(source, DocumentError(f"{source}: not valid {fmt.upper()} ({exc}); fix or re-export the file"), raw)
        return
    try:
        full = guess_mapping(_columns(records, fmt, text), mapping)
    except MappingError as exc:
        yield _fail(source, MappingError(f"{source}: {exc}"), raw)
        return
    dates = ExportDates(full)  # learns the date column's order from a window of rows
    for row_source, record in dates.learn(records):
        yield _record_outcome(row_source, record, full, fmt, dates)


def _record_outcome(
    source: str, record: Any, mapping: Mapping[str, str], fmt: str, dates: ExportDates | None = None
) -> Outcome:
    row_raw = json.dumps(record, ensure_ascii=False, default=str).encode()
    if isinstance(record, Exception):
        return _fail(source, DocumentError(f"{source}: not valid JSON ({record})"), row_raw)
    if not isinstance(record, dict):
        return _fail(source, DocumentError(f"{source}: a record must be an object, got {type(record).__name__}"), row_raw)
    try:
        return Outcome(source, article=parse_record(record, mapping, source=source, fmt=fmt, dates=dates))
    except DocumentError as exc:
        return _fail(source, exc, row_raw)


# --- the stream -----------------------------------------------------------------------------


def _fail(source: str, exc: WartaError, raw: bytes = b"") -> Outcome:
    return Outcome(source, failure=Failure(source, str(exc), exc.code, raw))


def _read_path(path: Path) -> bytes:
    if path.stat().st_size > MAX_BYTES and path.suffix not in (".gz", *_EXPORT_SUFFIXES):
        # Do not read 50 MB into memory only to refuse it: keep the path as the raw reference.
        raise DocumentTooLarge(
            f"{path}: {path.stat().st_size / 1e6:.1f} MB is too large for one article (limit "
            f"{MAX_BYTES / 1e6:.0f} MB); split it, or pass an export file (.jsonl/.csv) for many articles"
        )
    raw = path.read_bytes()
    return gzip.decompress(raw) if path.suffix == ".gz" else raw


def _one(raw: bytes, source: str, fmt: str | None, mapping, url: str | None = None) -> Iterator[Outcome]:
    try:
        text_fmt = fmt or (detect_format(decode(raw, source)[0], source) if raw.strip() else "text")
    except DocumentError as exc:
        yield _fail(source, exc, raw)
        return
    if text_fmt in ("json", "csv"):
        yield from _export_outcomes(raw, source, text_fmt, mapping)
        return
    try:
        yield Outcome(source, article=parse_bytes(raw, source=source, fmt=text_fmt, url=url))
    except DocumentError as exc:
        yield _fail(source, exc, raw)
    except Exception as exc:  # noqa: BLE001 — a parser bug must not kill the batch
        yield _fail(source, DocumentError(f"{source}: internal parser error {type(exc).__name__}: {exc}; please report it"), raw)


def fetch(url: str, timeout: float = 20.0) -> bytes:
    """GET a page with httpx; FetchError with a clear reason when it cannot be had."""
    import httpx

    try:
        response = httpx.get(url, timeout=timeout, follow_redirects=True, headers={"User-Agent": "warta"})
        response.raise_for_status()
    except httpx.HTTPStatusError as exc:
        raise FetchError(f"{url}: HTTP {exc.response.status_code}; check the address") from None
    except httpx.TimeoutException:
        raise FetchError(f"{url}: no answer within {timeout:.0f} s; check the network or retry") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: cannot fetch ({exc}); is there a network connection?") from None
    return response.content


def _expand(source: str) -> Iterator[tuple[str, Path | None]]:
    if source == "-" or source.startswith(("http://", "https://")):
        yield source, None
        return
    path = Path(source)
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts):
                yield str(child), child
    elif path.is_file():
        yield source, path
    else:
        raise UsageError(f"no such file or folder: {source}")


def check_sources(sources: Iterable[str]) -> list[str]:
    """Validate paths up front so a typo is a usage error, not a failed document."""
    sources = list(sources)
    for source in sources:
        if source != "-" and not source.startswith(("http://", "https://")) and not Path(source).exists():
            raise UsageError(f"no such file or folder: {source}")
    return sources


def iter_outcomes(
    sources: Iterable[str],
    *,
    fmt: str | None = None,
    mapping: Mapping[str, str] | None = None,
) -> Iterator[Outcome]:
    """Parse every document of every source; yield an :class:`Outcome` for each."""
    if fmt is not None and fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; use one of: {', '.join(FORMATS)}")
    for source in check_sources(sources):
        for name, path in _expand(source):
            if name == "-":
                yield from _one(sys.stdin.buffer.read(), "<stdin>", fmt, mapping)
                continue
            if path is None:
                try:
                    raw = fetch(name)
                except FetchError as exc:
                    yield _fail(name, exc)
                    continue
                yield from _one(raw, name, fmt, mapping, url=name)
                continue
            if name != source and path.name.lower().startswith(_NOT_ARTICLES):
                yield _fail(name, NotAnArticle(
                    f"{name}: a {path.stem.lower()} file, not an article; "
                    "it was skipped (pass it by name to parse it anyway)"))
                continue
            try:
                raw = _read_path(path)
            except DocumentError as exc:
                yield _fail(name, exc)
                continue
            except OSError as exc:
                yield _fail(name, DocumentError(f"{name}: cannot read ({exc.strerror})"))
                continue
            yield from _one(raw, name, fmt, mapping)
