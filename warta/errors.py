"""warta's exception tree (catch :class:`WartaError` to catch them all).

::

    WartaError
    ├── DocumentError            one input document could not become an Article
    │   ├── EmptyDocument
    │   ├── BinaryDocument
    │   ├── DocumentTooLarge
    │   ├── NotAnArticle         e.g. an index page, or HTML with no article text
    │   ├── MappingError         an export row lacks a mapped/guessable column
    │   ├── InvalidRecord        a record's field has the wrong type or shape (e.g. published: "x")
    │   ├── CorruptFile          a file cannot be read to its end (truncated gzip, broken UTF-16)
    │   └── DocumentTimeout      parsing one document took longer than the per-document limit
    ├── FetchError               a URL could not be fetched (network, HTTP status)
    ├── UsageError               bad options given by the caller (CLI exit code 2)
    ├── DataMissing              ../shared data or a shipped model is not where it should be
    └── StoreError               the archive refused an operation

Every message says what was wrong, where, and what to do.
"""

from __future__ import annotations

__all__ = [
    "BinaryDocument",
    "CorruptFile",
    "DataMissing",
    "DocumentError",
    "DocumentTimeout",
    "DocumentTooLarge",
    "EmptyDocument",
    "FetchError",
    "InvalidRecord",
    "MappingError",
    "NotAnArticle",
    "StoreError",
    "UsageError",
    "WartaError",
]


class WartaError(Exception):
    """Base of every error warta raises on purpose."""

    code = "warta_error"


class DocumentError(WartaError):
    """One document could not be parsed; a batch records it and goes on."""

    code = "document_error"


class EmptyDocument(DocumentError):
    code = "empty_document"


class BinaryDocument(DocumentError):
    code = "binary_document"


class DocumentTooLarge(DocumentError):
    code = "document_too_large"


class NotAnArticle(DocumentError):
    code = "not_an_article"


class MappingError(DocumentError):
    code = "mapping_error"


class InvalidRecord(DocumentError):
    """A record (warta's own JSON, an export row) has a field of the wrong type or shape."""

    code = "invalid_record"


class CorruptFile(DocumentError):
    """A file could not be read to its end; the rows read before the fault are kept."""

    code = "corrupt_file"


class DocumentTimeout(DocumentError):
    """One document took longer to parse than the per-document time limit."""

    code = "document_timeout"


class FetchError(WartaError):
    code = "fetch_error"


class UsageError(WartaError):
    code = "usage_error"


class DataMissing(WartaError):
    code = "data_missing"


class StoreError(WartaError):
    code = "store_error"
