"""The rows of an export file (JSON Lines, a JSON array, one JSON object, CSV), streamed.

:class:`ExportRows` reads a :class:`~warta.parse.reading.Stream` row by row and never holds
more than one row (at most ``MAX_BYTES``) in memory — a 600 MB row is read through and
refused, not loaded. A bad row is a :class:`Row` carrying its ``problem`` and the next row
is read; a fault that ends the file (truncated gzip, a JSON array cut off) is raised as a
:class:`~warta.errors.DocumentError` after the rows before it were handed out.

CSV's delimiter is decided from the header line among ``,`` ``;`` TAB and ``|`` (Excel in
the id-ID locale writes ``;``, its "Unicode text" TAB).
"""

from __future__ import annotations

import codecs
import csv
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import CorruptFile, DocumentError, DocumentTooLarge
from .reading import CHUNK, MAX_BYTES, Lines, Oversize, Stream

__all__ = ["ExportRows", "Row", "decode_line"]

# Column names are guessed from the keys of the first rows; this bounds what is held back.
_GUESS_ROWS = 200
_GUESS_BYTES = 20_000_000
_DELIMITERS = (",", ";", "\t", "|")
_QUOTED = re.compile(r'"[^"]*"')
_STRUCTURE = re.compile(r'["\[\]{},]')
_IN_STRING = re.compile(r'["\\]')


@dataclass(slots=True)
class Row:
    """One row: its source (``file#N``), the parsed record, its bytes, or what was wrong."""

    source: str
    record: Any = None
    raw: bytes = b""
    problem: DocumentError | None = None
    warnings: list[str] = field(default_factory=list)


def decode_line(raw: bytes) -> tuple[str, list[str]]:
    """UTF-8, else Windows-1252 (as :func:`warta.parse.sources.decode`), with a warning."""
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        try:
            text, encoding = raw.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            text, encoding = raw.decode("latin-1"), "latin-1"
        bad = raw[exc.start]
        return text, [f"not valid UTF-8 (byte 0x{bad:02x} at offset {exc.start} of the row); decoded as {encoding}"]


def _json_problem(source: str, exc: Exception) -> DocumentError:
    """A row's JSON could not be read: say why in words a user can act on."""
    if isinstance(exc, RecursionError):
        return DocumentError(f"{source}: JSON nested too deeply to read (over about 1,000 levels); fix or re-export the row")
    if isinstance(exc, json.JSONDecodeError):
        return DocumentError(f"{source}: not valid JSON ({exc}); fix or re-export the row")
    if "digits" in str(exc):
        return DocumentError(
            f"{source}: a number with more than {sys.get_int_max_str_digits():,} digits, which is not data "
            "warta can read; fix or re-export the row"
        )
    return DocumentError(f"{source}: not valid JSON ({exc}); fix or re-export the row")


def _load(source: str, text: str, raw: bytes, warnings: list[str]) -> Row:
    try:
        return Row(source, json.loads(text), raw, warnings=warnings)
    except (ValueError, RecursionError) as exc:
        return Row(source, None, raw, _json_problem(source, exc), warnings)


def _too_large(source: str, size: int) -> DocumentTooLarge:
    return DocumentTooLarge(
        f"{source}: a row of {size / 1e6:.1f} MB, over the {MAX_BYTES / 1e6:.0f} MB limit for one "
        "article; it was skipped; fix the export (one article per row)"
    )


class ExportRows:
    """Rows of one export stream; ``columns()`` first (it may read ahead), then iterate."""

    def __init__(self, stream: Stream, name: str, fmt: str) -> None:
        self.stream = stream
        self.name = name
        self.fmt = fmt
        self._ahead: list[Row] = []
        self._rows: Iterator[Row] | None = None
        self._header: list[str] | None = None
        self._fault: DocumentError | None = None  # met while reading ahead; raised after those rows
        if fmt == "csv":
            self._rows = self._csv_rows()
        elif stream.head.lstrip()[:1] == b"[":
            self._rows = self._array_rows()
        else:
            self._rows = self._json_lines()

    def columns(self) -> list[str]:
        """The column names: a CSV header, or the keys of the first JSON rows."""
        assert self._rows is not None
        seen: dict[str, None] = {}
        size = 0
        try:
            if self.fmt == "csv":
                self._ahead.extend(_take(self._rows, 1))
                return self._header or []
            for row in self._rows:
                self._ahead.append(row)
                size += len(row.raw)
                if isinstance(row.record, dict):
                    seen.update(dict.fromkeys(str(k) for k in row.record))
                if len(self._ahead) >= _GUESS_ROWS or size >= _GUESS_BYTES:
                    break
        except DocumentError as exc:
            if self.fmt == "csv" and self._header is None:
                raise
            self._fault = exc
        if self.fmt == "csv":
            return self._header or []
        return list(seen)

    def __iter__(self) -> Iterator[Row]:
        assert self._rows is not None
        ahead, self._ahead = self._ahead, []
        yield from ahead
        if self._fault is not None:
            raise self._fault
        yield from self._rows

    # --- JSON Lines, or one JSON document ---------------------------------------------------

    def _json_lines(self) -> Iterator[Row]:
        lines = Lines(self.stream, MAX_BYTES)
        first = _next_filled(lines)
        if first is None:
            return
        if isinstance(first, Oversize):
            raise _whole_too_large(self.name)
        number, raw = first
        stripped = raw.strip()
        if not (stripped.startswith(b"{") and stripped.endswith(b"}")):
            yield self._one_document(raw, lines)
            return
        try:
            second = _next_filled(lines)
        except DocumentError:
            second = None  # the file breaks after its first line: hand that line out first
            text, warnings = decode_line(raw)
            yield _load(self.name, text, raw, warnings)
            raise
        if second is None:  # one line: the file is one record, named as the file
            text, warnings = decode_line(raw)
            yield _load(self.name, text, raw, warnings)
            return
        yield self._line_row(number, raw)
        pending: tuple[int, bytes] | Oversize | None = second
        while pending is not None:
            if isinstance(pending, Oversize):
                source = f"{self.name}#{pending.number}"
                yield Row(source, problem=_too_large(source, pending.size))
            else:
                yield self._line_row(*pending)
            pending = _next_filled(lines)

    def _line_row(self, number: int, raw: bytes) -> Row:
        text, warnings = decode_line(raw)
        return _load(f"{self.name}#{number}", text, raw, warnings)

    def _one_document(self, first: bytes, lines: Lines) -> Row:
        """A pretty-printed object (or any JSON that is not one object a line): one record."""
        parts, size = [first], len(first)
        for line in lines:
            if isinstance(line, Oversize) or size + len(line[1]) > MAX_BYTES:
                raise _whole_too_large(self.name)
            parts.append(line[1])
            size += len(line[1])
        raw = b"".join(parts)
        text, warnings = decode_line(raw)
        row = _load(self.name, text, raw, warnings)
        if row.problem is not None:
            row.problem = DocumentError(f"{str(row.problem).removesuffix('; fix or re-export the row')}; fix or re-export the file")
        return row

    # --- a JSON array, element by element -----------------------------------------------------

    def _array_rows(self) -> Iterator[Row]:
        reader = _TextChunks(self.stream)
        text, pos = reader.more("", 0)
        pos = text.index("[") + 1
        index = 0
        while True:
            text, pos = reader.skip_space(text, pos)
            if pos >= len(text):
                raise CorruptFile(
                    f"{self.name}: the JSON array ends before its closing ']' after {index:,} rows "
                    "(a truncated file?); the rows before were read; re-export or re-download it"
                )
            if text[pos] == "]":
                self._after_array(reader, text, pos + 1, index)
                return
            if index > 0:
                if text[pos] != ",":
                    raise CorruptFile(
                        f"{self.name}#{index + 1}: not valid JSON (expected ',' or ']' between rows, got "
                        f"{text[pos]!r}); the rows before were read; fix or re-export the file"
                    )
                pos += 1
            index += 1
            source = f"{self.name}#{index}"
            text, pos, row_text, size = reader.element(text, pos)
            if row_text is None:
                if size < 0:
                    raise CorruptFile(
                        f"{source}: the file ends inside this row (a truncated file?); the rows before "
                        "were read; re-export or re-download it"
                    )
                yield Row(source, problem=_too_large(source, size))
                continue
            raw = row_text.encode("utf-8", "surrogatepass")
            yield _load(source, row_text, raw, [])

    def _after_array(self, reader: _TextChunks, text: str, pos: int, rows: int) -> None:
        """Nothing may follow the closing ``]``: say so rather than drop it unread."""
        text, pos = reader.skip_space(text, pos)
        if pos < len(text):
            raise CorruptFile(
                f"{self.name}: more data after the JSON array's closing ']' (after {rows:,} rows, "
                f"{text[pos:pos + 20]!r}…) was not read; make it one JSON array, or one object per line"
            )

    # --- CSV ------------------------------------------------------------------------------------

    def _csv_rows(self) -> Iterator[Row]:
        lines = _CsvLines(Lines(self.stream, MAX_BYTES), self.name)
        first = lines.peek_text()
        if first is None:
            self._header = []
            return
        delimiter = choose_delimiter(first)
        reader = csv.reader(lines, delimiter=delimiter)
        try:
            self._header = next(reader, [])
        except (csv.Error, _LineTooLong) as exc:
            raise CorruptFile(f"{self.name}: the header row cannot be read ({exc}); fix or re-export the file") from None
        header = self._header
        lines.take_raw()
        number = 0
        while True:
            number += 1
            source = f"{self.name}#{number}"
            try:
                values = next(reader)
            except StopIteration:
                return
            except _LineTooLong as exc:
                lines.take_raw()
                yield Row(source, problem=_too_large(source, exc.size))
                continue
            except csv.Error as exc:
                yield Row(source, raw=lines.take_raw(), problem=DocumentError(
                    f"{source}: not valid CSV ({exc}); fix or re-export the row"))
                continue
            raw, warnings = lines.take_raw(), lines.take_warnings()
            if not values:
                number -= 1  # a blank line is not a row (as csv.DictReader)
                continue
            record: dict[Any, Any] = dict(zip(header, values))
            if len(values) > len(header):
                record[None] = values[len(header):]
            for column in header[len(values):]:
                record[column] = None
            yield Row(source, record, raw, warnings=warnings)


def choose_delimiter(header: str) -> str:
    """The delimiter a header line uses most, among ``,`` ``;`` TAB ``|`` (``,`` when none)."""
    line = _QUOTED.sub("", header)
    best = max(_DELIMITERS, key=lambda d: (line.count(d), -_DELIMITERS.index(d)))
    return best if line.count(best) else ","


class _LineTooLong(Exception):
    def __init__(self, size: int) -> None:
        super().__init__(f"a line of {size / 1e6:.1f} MB")
        self.size = size


class _CsvLines:
    """Decoded lines for :mod:`csv`; keeps each row's raw bytes and decoding warnings.

    An oversized line raises :class:`_LineTooLong` from ``__next__``; the iterator goes on
    after it (it is a class, not a generator, so one bad line does not end it).
    """

    def __init__(self, lines: Lines, name: str) -> None:
        self._lines = lines
        self._name = name
        self._raw: list[bytes] = []
        self._warnings: list[str] = []
        self._peeked: tuple[int, bytes] | Oversize | None = None
        self._has_peek = False

    def peek_text(self) -> str | None:
        self._peeked, self._has_peek = self._lines.next_line(), True
        if self._peeked is None:
            return None
        if isinstance(self._peeked, Oversize):
            raise CorruptFile(f"{self._name}: the header line is over {MAX_BYTES / 1e6:.0f} MB; is this a CSV file?")
        return decode_line(self._peeked[1])[0]

    def __iter__(self) -> _CsvLines:
        return self

    def __next__(self) -> str:
        if self._has_peek:
            line, self._has_peek = self._peeked, False
        else:
            line = self._lines.next_line()
        if line is None:
            raise StopIteration
        if isinstance(line, Oversize):
            raise _LineTooLong(line.size)
        self._raw.append(line[1])
        text, warnings = decode_line(line[1])
        self._warnings.extend(warnings)
        return text

    def take_raw(self) -> bytes:
        raw, self._raw = b"".join(self._raw), []
        return raw

    def take_warnings(self) -> list[str]:
        warnings, self._warnings = self._warnings, []
        return warnings


class _TextChunks:
    """Decoded text of a stream, a chunk at a time, for the JSON array scanner."""

    def __init__(self, stream: Stream) -> None:
        self.stream = stream
        head = stream.head
        # The codec is chosen once from the head, as decode() does for a whole document.
        try:
            codecs.getincrementaldecoder("utf-8")("strict").decode(head, final=False)
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = "cp1252"
        self.encoding = encoding
        self._decoder = codecs.getincrementaldecoder(encoding)("strict" if encoding == "utf-8" else "replace")
        self.eof = False

    def more(self, text: str, pos: int, size: int = CHUNK) -> tuple[str, int]:
        """``text[pos:]`` with more decoded text appended; ``pos`` becomes 0."""
        raw = self.stream.read(size)
        if not raw:
            self.eof = True
        try:
            new = self._decoder.decode(raw, final=not raw)
        except UnicodeDecodeError as exc:
            raise CorruptFile(
                f"{self.stream.name}: not valid UTF-8 ({exc.reason}) after {self.stream.consumed:,} bytes; "
                "the rows before were read; re-save the file as UTF-8"
            ) from None
        return text[pos:] + new, 0

    def skip_space(self, text: str, pos: int) -> tuple[str, int]:
        while True:
            while pos < len(text) and text[pos] in " \t\r\n":
                pos += 1
            if pos < len(text) or self.eof:
                return text, pos
            text, pos = self.more(text, pos)

    def element(self, text: str, pos: int) -> tuple[str, int, str | None, int]:
        """Scan one array element from ``pos``: ``(text, pos after it, its text, size)``.

        The element's text is ``None`` when it is over ``MAX_BYTES`` (it was read through
        and dropped; ``size`` says how big) or when the file ends inside it (``size`` -1).
        """
        depth, in_string, scan, dropped = 0, False, pos, 0
        while True:
            end, scan, depth, in_string = _scan(text, scan, depth, in_string)
            if end is not None:
                if dropped:
                    return text, end, None, dropped + end - pos
                return text, end, text[pos:end], end - pos
            if self.eof:
                return text, len(text), None, -1
            if scan - pos > MAX_BYTES:  # read through the rest, keeping none of it
                dropped += scan - pos
                text, pos = text[scan:], 0
                scan = 0
            grow = max(CHUNK, len(text) - pos)
            shift = pos
            text, pos = self.more(text, pos, grow)
            scan -= shift


def _scan(text: str, i: int, depth: int, in_string: bool) -> tuple[int | None, int, int, bool]:
    """Find where an array element ends (the ``,`` or ``]`` at depth 0) from ``i``.

    Returns ``(end or None, where to resume, depth, in_string)`` so a scan cut off by the end
    of the buffer resumes when more text has been read.
    """
    while True:
        if in_string:
            match = _IN_STRING.search(text, i)
            if match is None:
                return None, len(text), depth, True
            if match.group() == "\\":
                if match.end() >= len(text):
                    return None, match.start(), depth, True
                i = match.end() + 1
                continue
            in_string, i = False, match.end()
            continue
        match = _STRUCTURE.search(text, i)
        if match is None:
            return None, len(text), depth, False
        char, i = match.group(), match.end()
        if char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
        elif char in "]}":
            if depth == 0:
                return match.start(), match.start(), 0, False
            depth -= 1
        elif depth == 0:  # a comma between elements
            return match.start(), match.start(), 0, False


def _next_filled(lines: Lines) -> tuple[int, bytes] | Oversize | None:
    """The next line that is not blank."""
    while (line := lines.next_line()) is not None:
        if isinstance(line, Oversize) or line[1].strip():
            return line
    return None


def _whole_too_large(name: str) -> DocumentTooLarge:
    return DocumentTooLarge(
        f"{name}: one JSON document of more than {MAX_BYTES / 1e6:.0f} MB; "
        "write one record per line (JSON Lines) or a JSON array of records"
    )


def _take(rows: Iterator[Row], count: int) -> list[Row]:
    out = []
    for row in rows:
        out.append(row)
        if len(out) >= count:
            break
    return out
