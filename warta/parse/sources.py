"""Where documents come from: files, folders, export files, URLs, stdin.

:func:`iter_outcomes` turns a list of sources into a stream of :class:`Outcome` — an Article
or a :class:`Failure` (source, reason, raw bytes kept) — so a batch never dies on one bad
document. Every shell (CLI, API, ingest) goes through it.

Limits, so that no input can take unbounded memory or time:

- a page (text/HTML, gzipped or not) is refused past ``MAX_BYTES`` — after decompression,
  which is streamed, so a gzip bomb is cut off there (exports: see
  :mod:`warta.parse.reading`);
- export files are read row by row (:mod:`warta.parse.rows`), each row at most
  ``MAX_BYTES``; a bad row is a failure and the next row is read; a file that cannot be read
  to its end (truncated gzip) is one failure after the rows read before it;
- one document may take at most ``MAX_SECONDS`` to parse. The guard is a ``SIGALRM`` timer,
  so it is armed only where that is safe: on POSIX, in the main thread, when no one else
  uses ``SIGALRM``; elsewhere (the API's worker threads, Windows, under pytest-timeout) it is
  off and a slow document simply takes its time.
"""

from __future__ import annotations

import io
import signal
import sys
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import (
    BinaryDocument,
    DocumentError,
    DocumentTimeout,
    DocumentTooLarge,
    EmptyDocument,
    FetchError,
    InvalidRecord,
    MappingError,
    NotAnArticle,
    UsageError,
    WartaError,
)
from ..model import Article
from .export import guess_mapping, parse_record
from .export_dates import ExportDates
from .reading import MAX_BYTES, Stream, open_stream, sniff_encoding
from .rows import ExportRows, Row, choose_delimiter

__all__ = [
    "MAX_BYTES",
    "MAX_SECONDS",
    "Failure",
    "Outcome",
    "Window",
    "decode",
    "detect_format",
    "document_outcomes",
    "export_row_count",
    "iter_documents",
    "iter_outcomes",
    "parse_bytes",
]

MAX_SECONDS = 60.0  # a page parses in well under a second; a minute means something is wrong
FORMATS = ("text", "html", "json", "csv")
_EXPORT_SUFFIXES = {".json": "json", ".jsonl": "json", ".ndjson": "json", ".csv": "csv", ".tsv": "csv", ".tab": "csv"}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
# Files a folder of articles often carries that are not articles (reported, not parsed).
_NOT_ARTICLES = ("license", "licence", "copying", "readme", "changelog", "notice", "authors")
_TOO_LARGE_ADVICE = "split it, or pass an export file (.jsonl/.csv) for many articles"
# Outcome positions [start, stop) of one source (stop None: to its end), so a distributed
# batch can parse one slice of a large export while the date model still reads every row
# before it (the outcomes are then exactly those of the whole file). None: everything.
Window = tuple[int, int | None] | None


def _in_window(window: Window, position: int) -> bool:
    return window is None or (window[0] <= position and (window[1] is None or position < window[1]))


def _past_window(window: Window, position: int) -> bool:
    return window is not None and window[1] is not None and position >= window[1]


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
    """Bytes → text; UTF-16/32 by their byte-order mark; refuse binary data; fall back from
    UTF-8 to Windows-1252 with a warning."""
    if not raw.strip():
        raise EmptyDocument(f"{source}: empty document ({len(raw)} bytes); nothing to parse")
    encoding, bom = sniff_encoding(raw[:4096])
    if encoding is not None and encoding != "utf-8":
        try:
            return raw[bom:].decode(encoding), []
        except UnicodeDecodeError as exc:
            raise DocumentError(
                f"{source}: not valid {encoding} ({exc.reason} at byte {exc.start + bom}); "
                "re-save the file as UTF-8 (or as Unicode text again)"
            ) from None
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
    """``text``, ``html``, ``json`` or ``csv``, from the file suffix or the content.

    Content that starts like JSON is ``json``; a table whose first lines hold the same
    number of TABs (Excel's "Unicode text" saved as ``.txt``) is ``csv``.
    """
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
    if _is_tab_table(text[:20000]):
        return "csv"
    return "text"


def _is_tab_table(head: str) -> bool:
    lines = [line for line in head.splitlines()[:6] if line.strip()]
    if len(lines) < 2 or len(lines[0]) > 1000 or choose_delimiter(lines[0]) != "\t":
        return False
    tabs = lines[0].count("\t")
    return all(line.count("\t") == tabs for line in lines[1:-1] or lines[1:])


def parse_bytes(raw: bytes, *, source: str, fmt: str | None = None, url: str | None = None) -> Article:
    """One document's bytes → Article (text or HTML; exports go through :func:`iter_outcomes`)."""
    if len(raw) > MAX_BYTES:
        raise DocumentTooLarge(
            f"{source}: {len(raw) / 1e6:.1f} MB is too large for one article (limit "
            f"{MAX_BYTES / 1e6:.0f} MB); {_TOO_LARGE_ADVICE}"
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


# --- the time guard -------------------------------------------------------------------------


def _alarm_is_free() -> bool:
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    )


@contextmanager
def time_limit(source: str) -> Iterator[None]:
    """Raise :class:`DocumentTimeout` in the block after ``MAX_SECONDS`` (when safe, see above).

    The timer repeats every second after the first alarm, so a parser that swallows the
    exception in a broad ``except`` gets it again.
    """
    if not _alarm_is_free():
        yield
        return
    armed = True

    def on_alarm(signum: int, frame: Any) -> None:
        if armed:
            raise DocumentTimeout(
                f"{source}: parsing took longer than {MAX_SECONDS:g} s, the limit for one document, "
                "and was stopped; if the page is genuine, please report it"
            )

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, MAX_SECONDS, 1.0)
    try:
        yield
    finally:
        armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- outcomes -------------------------------------------------------------------------------


def _fail(source: str, exc: WartaError, raw: bytes = b"") -> Outcome:
    return Outcome(source, failure=Failure(source, str(exc), exc.code, raw))


def _internal(source: str, exc: BaseException) -> DocumentError:
    if isinstance(exc, RecursionError):
        return InvalidRecord(f"{source}: nested too deeply to read; fix or re-export it")
    return DocumentError(f"{source}: internal parser error {type(exc).__name__}: {exc}; please report it")


def _document_outcome(raw: bytes, source: str, fmt: str, url: str | None) -> Outcome:
    """A text or HTML page → Outcome; nothing it raises escapes."""
    try:
        with time_limit(source):
            return Outcome(source, article=parse_bytes(raw, source=source, fmt=fmt, url=url))
    except DocumentError as exc:
        return _fail(source, exc, raw)
    except Exception as exc:  # noqa: BLE001 — a parser bug must not kill the batch
        return _fail(source, _internal(source, exc), raw)


def _row_outcome(row: Row, mapping: Mapping[str, str] | None, fmt: str,
                 dates: ExportDates | None = None) -> Outcome:
    """One export row → Outcome; nothing it raises escapes. ``dates`` is the file's model of
    its date column (see :mod:`warta.parse.export_dates`)."""
    if row.problem is not None:
        return _fail(row.source, row.problem, row.raw)
    record = row.record
    if not isinstance(record, dict):
        return _fail(row.source, InvalidRecord(
            f"{row.source}: a record must be a JSON object, got {type(record).__name__}; fix or re-export the row"
        ), row.raw)
    try:
        full = mapping if mapping is not None else guess_mapping([str(k) for k in record])
    except MappingError as exc:
        return _fail(row.source, MappingError(f"{row.source}: {exc}"), row.raw)
    try:
        with time_limit(row.source):
            article = parse_record(record, full, source=row.source, fmt=fmt,
                                   dates=dates if full is mapping else None)
    except DocumentError as exc:
        return _fail(row.source, exc, row.raw)
    except Exception as exc:  # noqa: BLE001 — a parser bug must not kill the batch
        return _fail(row.source, _internal(row.source, exc), row.raw)
    article.warnings[:0] = row.warnings
    return Outcome(row.source, article=article)


def _export_outcomes(stream: Stream, source: str, fmt: str, mapping: Mapping[str, str] | None,
                     window: Window = None) -> Iterator[Outcome]:
    """The rows of an export stream; a wrong ``--map`` is one failure for the file. Rows
    outside ``window`` are read (for the date model) but not parsed."""
    # a failure of the whole file sits at position 0: only the first window reports it
    nul = stream.head.find(b"\x00")
    if nul >= 0 and not _in_window(window, 0):
        return
    if nul >= 0:
        yield _fail(source, BinaryDocument(
            f"{source}: binary data (NUL byte at offset {nul}), not a {fmt.upper()} export; "
            "pass a text, HTML, JSON or CSV file"), stream.head[:4096])
        return
    if not stream.head.strip():
        if _in_window(window, 0):
            yield _fail(source, EmptyDocument(f"{source}: empty document ({len(stream.head)} bytes); nothing to parse"))
        return
    rows = ExportRows(stream, source, fmt)
    columns = rows.columns()
    full: Mapping[str, str] | None
    if not columns and fmt == "json" and not mapping:
        full = None  # no object among the first rows: each row says what is wrong with it
    else:
        try:
            full = guess_mapping(columns, mapping)
        except MappingError as exc:
            # One failure for the file, without its bytes: they are all there still.
            if _in_window(window, 0):
                yield _fail(source, MappingError(f"{source}: {exc}"))
            return
    if full is None:
        for position, row in enumerate(rows):
            if _past_window(window, position):
                return
            if _in_window(window, position):
                yield _row_outcome(row, full, fmt)
        return
    dates = ExportDates(full)  # learns the date column's order from a window of rows
    for position, (_, _, row) in enumerate(dates.learn(_rows_then_fault(rows))):
        if isinstance(row, DocumentError):
            raise row  # after the rows read before it (the caller reports it for the file)
        if _past_window(window, position):
            return
        if _in_window(window, position):
            yield _row_outcome(row, full, fmt, dates)


def _rows_then_fault(rows: ExportRows) -> Iterator[tuple[str, Any, Row | DocumentError]]:
    """(source, record, row) for the date model's look-ahead; a fault of the stream comes
    last, as an item, so the rows read before it are not lost in the look-ahead window."""
    try:
        for row in rows:
            yield row.source, row.record, row
    except DocumentError as exc:
        yield "", None, exc


def _stream_outcomes(
    stream: Stream, name: str, fmt: str | None, mapping: Mapping[str, str] | None,
    url: str | None = None, size: int | None = None, window: Window = None,
) -> Iterator[Outcome]:
    """Everything one source holds (in ``window``): one page, or the rows of an export."""
    kind = fmt or detect_format(stream.head.decode("utf-8", "replace"), name)
    if kind in ("json", "csv"):
        yield from _export_outcomes(stream, name, kind, mapping, window)
        return
    if not _in_window(window, 0):
        return
    if size is not None and size > MAX_BYTES:
        # Do not read 50 MB into memory only to refuse it: keep the path as the raw reference.
        yield _fail(name, DocumentTooLarge(
            f"{name}: {size / 1e6:.1f} MB is too large for one article (limit {MAX_BYTES / 1e6:.0f} MB); "
            f"{_TOO_LARGE_ADVICE}"))
        return
    raw = stream.read_upto(MAX_BYTES)
    if len(raw) > MAX_BYTES:
        yield _fail(name, DocumentTooLarge(
            f"{name}: more than {MAX_BYTES / 1e6:.0f} MB (decompressed) is too large for one article; "
            f"{_TOO_LARGE_ADVICE}"))
        return
    yield _document_outcome(raw, name, kind, url)


def _source_outcomes(
    handle: BinaryIO, name: str, fmt: str | None, mapping: Mapping[str, str] | None,
    url: str | None = None, size: int | None = None, window: Window = None,
) -> Iterator[Outcome]:
    """Outcomes of one open source; a fault reading it ends it with one failure (the last
    position: reported by the window that runs to the end)."""
    try:
        stream = open_stream(handle, name)
        yield from _stream_outcomes(stream, name, fmt, mapping, url, size, window)
    except DocumentError as exc:
        if window is None or window[1] is None:
            yield _fail(name, exc)


def outcomes_from_bytes(raw: bytes, source: str, fmt: str | None, mapping: Mapping[str, str] | None,
                        url: str | None = None) -> Iterator[Outcome]:
    """Outcomes of a document or export held in memory (``parse``, the API's ingest)."""
    return _source_outcomes(io.BytesIO(raw), source, fmt, mapping, url)


def path_outcomes(
    path: Path, name: str, fmt: str | None, mapping: Mapping[str, str] | None, url: str | None = None,
    window: Window = None,
) -> Iterator[Outcome]:
    """Outcomes of one file (those at positions in ``window`` only, when given)."""
    try:
        handle = path.open("rb")
        size = path.stat().st_size
    except OSError as exc:
        if _in_window(window, 0):
            yield _fail(name, DocumentError(f"{name}: cannot read ({exc.strerror or exc})"))
        return
    with handle:
        plain = size if not path.name.lower().endswith(".gz") else None
        yield from _source_outcomes(handle, name, fmt, mapping, url, size=plain, window=window)


def export_row_count(path: Path, name: str, fmt: str | None) -> int | None:
    """How many rows an export file holds (read through, not parsed), so that a batch can
    cut it into windows of :func:`path_outcomes`; None when the file is one page (or cannot
    be read: its one failure is then position 0)."""
    try:
        with path.open("rb") as handle:
            stream = open_stream(handle, name)
            kind = fmt or detect_format(stream.head.decode("utf-8", "replace"), name)
            if kind not in ("json", "csv") or b"\x00" in stream.head or not stream.head.strip():
                return None
            count = 0
            try:
                for _ in ExportRows(stream, name, kind):
                    count += 1
            except DocumentError:
                pass  # a fault ends the file after its rows: the last window reports it
            return count
    except (OSError, DocumentError):
        return None


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


def iter_documents(sources: Iterable[str]) -> Iterator[tuple[str, Path | None, bool]]:
    """``(name, path, in_folder)`` of every document source, in the order
    :func:`iter_outcomes` reads them: folders expanded, ``path`` None for ``-`` and URLs."""
    for source in check_sources(sources):
        for name, path in _expand(source):
            yield name, path, name != source


def document_outcomes(name: str, path: Path | None, in_folder: bool, fmt: str | None,
                      mapping: Mapping[str, str] | None, window: Window = None) -> Iterator[Outcome]:
    """The outcomes of one source of :func:`iter_documents` (``window``: files only)."""
    if name == "-":
        yield from _source_outcomes(sys.stdin.buffer, "<stdin>", fmt, mapping)
        return
    if path is None:
        try:
            raw = fetch(name)
        except FetchError as exc:
            yield _fail(name, exc)
            return
        yield from outcomes_from_bytes(raw, name, fmt, mapping, url=name)
        return
    if in_folder and path.name.lower().startswith(_NOT_ARTICLES):
        if _in_window(window, 0):
            yield _fail(name, NotAnArticle(
                f"{name}: a {path.stem.lower()} file, not an article; "
                "it was skipped (pass it by name to parse it anyway)"))
        return
    yield from path_outcomes(path, name, fmt, mapping, window=window)


def iter_outcomes(
    sources: Iterable[str],
    *,
    fmt: str | None = None,
    mapping: Mapping[str, str] | None = None,
) -> Iterator[Outcome]:
    """Parse every document of every source; yield an :class:`Outcome` for each."""
    if fmt is not None and fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; use one of: {', '.join(FORMATS)}")
    for name, path, in_folder in iter_documents(sources):
        yield from document_outcomes(name, path, in_folder, fmt, mapping)
