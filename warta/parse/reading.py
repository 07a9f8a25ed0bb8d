"""Reading input as bounded byte streams: files, gzip, standard input, odd encodings.

Nothing here reads a whole file into memory. A source becomes a :class:`Stream` — a
``read(n)`` over its (decompressed, UTF-8) bytes — whose faults surface as
:class:`~warta.errors.DocumentError` subclasses with a message, never as a bare
``EOFError``/``zlib.error``:

- gzip is recognised by its magic bytes and decompressed as it is read; a stream that
  inflates more than :data:`MAX_GZIP_RATIO` times its compressed size (and past
  ``MAX_BYTES``) is refused as a gzip bomb, before it can take memory or much time;
- UTF-16 and UTF-32 (Excel's "Unicode text", with a byte-order mark, or UTF-16 without
  one) are transcoded to UTF-8 on the fly, so every later stage reads UTF-8 bytes;
- :class:`Lines` splits a stream into lines of at most ``limit`` bytes, reading in chunks:
  a longer line is skipped (reported with its size), never held whole.
"""

from __future__ import annotations

import codecs
import gzip
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from ..errors import CorruptFile, DocumentTooLarge

__all__ = ["MAX_BYTES", "MAX_GZIP_RATIO", "Lines", "Oversize", "Stream", "open_stream", "sniff_encoding"]

MAX_BYTES = 10_000_000  # one article page is < 1 MB; a 50 MB "article" is a mistake
# Text compresses 3–10 times; only a crafted file inflates 100 times or more. Below
# MAX_BYTES of output nothing is refused (a tiny gzip of a repetitive page is fine).
MAX_GZIP_RATIO = 100
CHUNK = 1 << 20
HEAD = 1 << 16
_GZIP_MAGIC = b"\x1f\x8b"
# Byte-order marks, longest first (the UTF-32-LE mark begins with the UTF-16-LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def sniff_encoding(head: bytes) -> tuple[str | None, int]:
    """``(encoding, BOM length)`` for UTF-16/32 (and a UTF-8 BOM); ``(None, 0)`` otherwise.

    Without a mark, text whose first characters are ASCII spelled with a NUL byte after (or
    before) each is UTF-16: Excel and PowerShell write such files.
    """
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding, len(bom)
    sample = head[:64]
    if len(sample) >= 8 and len(sample) % 2 == 0:
        even, odd = sample[0::2], sample[1::2]
        if not odd.strip(b"\x00") and even.strip(b"\x00") and b"\x00" not in even:
            return "utf-16-le", 0
        if not even.strip(b"\x00") and odd.strip(b"\x00") and b"\x00" not in odd:
            return "utf-16-be", 0
    return None, 0


class Stream:
    """``read(n)`` over a source's bytes, decompressed and transcoded to UTF-8.

    ``head`` holds the first bytes (for format detection) and is served again by ``read``;
    ``encoding`` is the source's encoding when it was transcoded (else ``None``);
    ``consumed`` counts the bytes handed out so far. Faults raise :class:`CorruptFile` or
    :class:`DocumentTooLarge` naming ``name``.
    """

    def __init__(self, read: Callable[[int], bytes], name: str, *, compressed: _Counted | None = None) -> None:
        self.name = name
        self.encoding: str | None = None
        self.consumed = 0
        self._raw = read
        self._compressed = compressed
        self._inflated = 0
        self._pending = b""
        self._decoder: codecs.IncrementalDecoder | None = None
        self._eof = False
        self._fault: CorruptFile | None = None
        head = self._read_raw(HEAD)
        encoding, bom = sniff_encoding(head)
        if encoding == "utf-8":
            head = head[bom:]
        elif encoding is not None:
            self.encoding = encoding
            self._decoder = codecs.getincrementaldecoder(encoding)("strict")
            head = self._transcode(head[bom:], final=False)
        self._pending = head
        self.head = head

    def read(self, n: int = CHUNK) -> bytes:
        """Up to about ``n`` bytes (UTF-8); ``b""`` at the end."""
        if self._pending:
            data, self._pending = self._pending, b""
        else:
            data = b""
            while not data and (not self._eof or self._fault is not None):
                raw = self._read_raw(n)
                data = self._transcode(raw, final=not raw) if self._decoder else raw
        self.consumed += len(data)
        return data

    def read_upto(self, limit: int) -> bytes:
        """Everything, or ``limit + 1`` bytes when there is more (so the caller can refuse it)."""
        parts: list[bytes] = []
        size = 0
        while size <= limit and (data := self.read(min(CHUNK, limit + 1 - size))):
            parts.append(data)
            size += len(data)
        return b"".join(parts)

    def _read_raw(self, n: int) -> bytes:
        """Up to ``n`` source bytes. A fault after some bytes were read is raised on the next
        call, so the rows before a corrupt point are handed out first."""
        if self._fault is not None:
            fault, self._fault = self._fault, None
            self._eof = True
            raise fault
        parts: list[bytes] = []
        size = 0
        while size < n and not self._eof:
            try:
                data = self._raw(n - size)
            except (EOFError, zlib.error, OSError) as exc:
                self._fault = self._describe(exc, size)
                if not parts:
                    return self._read_raw(n)
                break
            if not data:
                self._eof = True
                break
            parts.append(data)
            size += len(data)
        data = b"".join(parts)
        self._check_ratio(len(data))
        return data

    def _describe(self, exc: BaseException, pending: int) -> CorruptFile:
        where = self._where(self.consumed + pending + len(self._pending))
        if isinstance(exc, EOFError):
            return CorruptFile(
                f"{self.name}: the gzip data ends before its end marker (a truncated file){where}; "
                "re-download or re-compress it"
            )
        if isinstance(exc, (zlib.error, gzip.BadGzipFile)):
            return CorruptFile(f"{self.name}: corrupt gzip data ({exc}){where}; re-download or re-compress it")
        assert isinstance(exc, OSError)
        return CorruptFile(f"{self.name}: cannot read ({exc.strerror or exc}){where}")

    def _check_ratio(self, size: int) -> None:
        if self._compressed is None:
            return
        self._inflated += size
        packed = self._compressed.count
        if self._inflated > max(MAX_GZIP_RATIO * packed, MAX_BYTES):
            raise DocumentTooLarge(
                f"{self.name}: {packed:,} bytes of gzip inflate to more than {self._inflated:,} bytes, "
                f"over {MAX_GZIP_RATIO} times their size, which real files never do (a gzip bomb?); "
                "refused there; if it is genuine, decompress it and pass the plain file"
            )

    def _transcode(self, raw: bytes, *, final: bool) -> bytes:
        """Source bytes → UTF-8; on a fault, the text before it now and the fault next read."""
        assert self._decoder is not None and self.encoding is not None
        pending, _ = self._decoder.getstate()
        try:
            return self._decoder.decode(raw, final=final).encode("utf-8")
        except UnicodeDecodeError as exc:
            good = (pending + raw)[: exc.start].decode(self.encoding, "replace").encode("utf-8")
            where = self._where(self.consumed + len(self._pending) + len(good))
            self._fault = CorruptFile(
                f"{self.name}: not valid {self.encoding} ({exc.reason}){where}; "
                "re-save the file as UTF-8 (or as Unicode text again)"
            )
            self._eof = True
            return good

    def _where(self, consumed: int | None = None) -> str:
        consumed = self.consumed if consumed is None else consumed
        return f" after {consumed:,} bytes (what came before was read)" if consumed else ""


class _Counted:
    """A handle's ``read`` that serves ``prefix`` first and counts the bytes it hands out."""

    def __init__(self, read: Callable[[int], bytes], prefix: bytes = b"") -> None:
        self._read = read
        self._prefix = prefix
        self.count = 0

    def read(self, n: int = -1) -> bytes:
        if self._prefix:
            size = len(self._prefix) if n is None or n < 0 else n
            data, self._prefix = self._prefix[:size], self._prefix[size:]
        else:
            data = self._read(n)
        self.count += len(data)
        return data


def open_stream(handle: BinaryIO, name: str) -> Stream:
    """A :class:`Stream` over an open binary handle; gzip is recognised by its magic bytes."""
    source = _Counted(handle.read)
    magic = source.read(2)
    while len(magic) < 2 and (more := source.read(2 - len(magic))):
        magic += more
    source = _Counted(handle.read, magic)
    if magic == _GZIP_MAGIC:
        gz = gzip.GzipFile(fileobj=source, mode="rb")  # type: ignore[arg-type]
        # read1: one step of decompression per call, so a fault never takes the data before it
        return Stream(gz.read1, name, compressed=source)
    return Stream(source.read, name)


@dataclass(slots=True)
class Oversize:
    """A line longer than the limit: its number and size (it was skipped, not kept)."""

    number: int
    size: int


class Lines:
    """The lines of a :class:`Stream` (with their ``\\n``), each at most ``limit`` bytes.

    Iterating yields ``(line number, bytes)``, or an :class:`Oversize` for a line over the
    limit, which is read through in chunks and dropped so memory stays bounded.
    """

    def __init__(self, stream: Stream, limit: int) -> None:
        self.stream = stream
        self.limit = limit
        self.number = 0
        self._buffer = bytearray()
        self._scanned = 0
        self._eof = False

    def __iter__(self) -> Iterator[tuple[int, bytes] | Oversize]:
        while (line := self.next_line()) is not None:
            yield line

    def next_line(self) -> tuple[int, bytes] | Oversize | None:
        """The next line, an :class:`Oversize`, or ``None`` at the end."""
        while True:
            end = self._buffer.find(b"\n", self._scanned)
            if end >= 0:
                self._scanned = 0
                return self._take(end + 1)
            self._scanned = len(self._buffer)
            if len(self._buffer) > self.limit:
                return self._skip()
            if self._eof:
                if not self._buffer:
                    return None
                self._scanned = 0
                return self._take(len(self._buffer))
            self._fill()

    def _fill(self) -> None:
        data = self.stream.read(CHUNK)
        if data:
            self._buffer += data
        else:
            self._eof = True

    def _take(self, size: int) -> tuple[int, bytes] | Oversize:
        self.number += 1
        if size > self.limit:
            del self._buffer[:size]
            return Oversize(self.number, size)
        line = bytes(self._buffer[:size])
        del self._buffer[:size]
        return self.number, line

    def _skip(self) -> Oversize:
        """Read through the rest of an oversized line, keeping none of it."""
        self.number += 1
        size = 0
        while True:
            end = self._buffer.find(b"\n")
            if end >= 0:
                size += end + 1
                del self._buffer[: end + 1]
                self._scanned = 0
                return Oversize(self.number, size)
            size += len(self._buffer)
            self._buffer.clear()
            if self._eof:
                self._scanned = 0
                return Oversize(self.number, size)
            self._fill()
