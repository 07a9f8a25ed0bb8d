"""Parsing: a news page in any form people have it → :class:`warta.Article`.

``parse`` reads one document; ``iter_outcomes`` reads a batch (files, folders, export files,
URLs, stdin) and yields an :class:`Outcome` per document, never stopping on a bad one.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ..errors import DocumentError, InvalidRecord, UsageError
from ..model import Article
from .export import check_text, guess_mapping, parse_mapping, parse_record
from .sources import (
    FORMATS,
    Failure,
    Outcome,
    path_outcomes,
    decode,
    detect_format,
    iter_outcomes,
    outcomes_from_bytes,
    parse_bytes,
)

__all__ = ["FORMATS", "Failure", "Outcome", "iter_outcomes", "parse", "parse_mapping"]


def parse(
    data: str | bytes | Path | Mapping[str, Any],
    *,
    format: str | None = None,  # noqa: A002 — the CLI's --format, same name on purpose
    source: str | None = None,
    url: str | None = None,
    mapping: Mapping[str, str] | None = None,
) -> Article:
    """Parse one document into an :class:`Article`.

    ``data`` is the page's text or bytes, a path to it, or one export record (a dict). The
    format (``text``, ``html``, ``json``, ``csv``) is detected unless given. Raises a
    :class:`warta.errors.DocumentError` subclass when the document cannot be an article.
    """
    if format is not None and format not in FORMATS:
        raise UsageError(f"unknown format {format!r}; use one of: {', '.join(FORMATS)}")
    if isinstance(data, Mapping):
        full = guess_mapping(data.keys(), mapping)
        return parse_record(data, full, source=source or "<record>", fmt=format or "json")
    if isinstance(data, Path):
        # Streamed like a batch source: gzip, limits and encodings as iter_outcomes reads them.
        return _single(path_outcomes(data, source or str(data), format, mapping, url), source or str(data))
    name = source or "<document>"
    if isinstance(data, str):
        check_text(data, name)  # a lone surrogate cannot be encoded: say so, do not crash
        raw = data.encode("utf-8")
    else:
        raw = data
    fmt = format or detect_format(decode(raw, name)[0], name)
    if fmt in ("json", "csv"):
        return _single(outcomes_from_bytes(raw, name, fmt, mapping), name)
    return parse_bytes(raw, source=name, fmt=fmt, url=url)


def _single(outcomes: Iterator[Outcome], name: str) -> Article:
    """The one Article of a source, or its failure raised; more than one is a usage error."""
    first = list(itertools.islice(outcomes, 2))
    if len(first) != 1:
        count = "no records" if not first else "more than one record"
        raise UsageError(f"{name}: holds {count}; use iter_outcomes() for a batch")
    outcome = first[0]
    if outcome.failure:
        raise _ERRORS.get(outcome.failure.code, DocumentError)(outcome.failure.reason)
    return outcome.article  # type: ignore[return-value]


def iter_outcomes_from_bytes(raw: bytes, source: str, fmt: str | None, mapping: Mapping[str, str] | None):
    """Outcomes of a document or export held in memory (used by ``parse`` and the API's ingest)."""
    return outcomes_from_bytes(raw, source, fmt, mapping)


# A failure's code → its exception class, so ``parse`` raises what the batch recorded.
_ERRORS = {cls.code: cls for cls in DocumentError.__subclasses__()}
_ERRORS[InvalidRecord.code] = InvalidRecord
