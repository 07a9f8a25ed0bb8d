"""``POST /api/ingest``'s work: documents sent in one request, each parsed, enriched and
stored on its own account, like ``warta ingest`` does with files.

A bad document (malformed record, nesting too deep for the JSON reader, a lone surrogate,
a field of the wrong type…) becomes a failure with its reason — reported to the caller and
kept in the archive's failures table with its raw text — and the good ones are stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

from warta.errors import DocumentError, UsageError
from warta.ingest import enrich_available, prepare_article
from warta.model import Article
from warta.store.base import Archive, FailureRecord, PutReport
from warta.store.prepare import PreparedArticle
from warta.web.schemas import IngestDocument

__all__ = ["DOCUMENT_ERRORS", "DocumentResult", "ingest_documents"]

FORMATS = (None, "text", "html", "json")
# What one document can raise. DocumentError/UsageError are warta's own verdicts; the others
# are what Python raises on a record it cannot take (bad types, a missing key, a lone
# surrogate that cannot be encoded, JSON nested too deep), which must fail that document
# only. OverflowError: an integer too large for the archive.
DOCUMENT_ERRORS = (DocumentError, UsageError, ValueError, TypeError, KeyError,
                   RecursionError, OverflowError)


@dataclass(slots=True)
class DocumentResult:
    """What became of one document: its stored id, or the failure's code and message."""

    index: int
    source: str
    status: str  # "stored" or "failed"
    id: str | None = None
    code: str | None = None
    message: str | None = None

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def clean(text: str) -> str:
    """``text`` made encodable: lone surrogates (valid in JSON, not in UTF-8) become
    ``\\udXXX`` escapes, so a message or source naming them can be stored and sent."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _reason(exc: BaseException, source: str) -> tuple[str, str]:
    """(code, message) for a failed document."""
    if isinstance(exc, (DocumentError, UsageError)):
        return exc.code, clean(str(exc))
    if isinstance(exc, RecursionError):
        return "invalid_document", (f"{source}: nested too deeply to read; send records "
                                    "nested a few levels deep at most")
    detail = clean(str(exc)) or type(exc).__name__
    return "invalid_document", (f"{source}: not a valid document ({type(exc).__name__}: "
                                f"{detail}); send a news page or one warta/JSON record")


def _prepare(doc: IngestDocument, source: str, use_enrich: bool) -> PreparedArticle:
    if doc.format not in FORMATS:
        raise UsageError(f"format {doc.format!r}: use text, html or json")
    from warta.parse import parse

    article: Article = parse(doc.content, format=doc.format, url=doc.url, source=source)
    prepared = prepare_article(article, use_enrich)  # the same rule as `warta ingest`
    article.to_json().encode("utf-8")  # fails here, not in the batch's transaction
    return prepared


def ingest_documents(docs: Sequence[IngestDocument], archive: Archive, *, enrich: bool = True
                     ) -> tuple[PutReport, list[DocumentResult]]:
    """Parse, (enrich,) and store ``docs``; one result per document, in order."""
    use_enrich = enrich and enrich_available()
    results: list[DocumentResult] = []
    good: list[tuple[DocumentResult, PreparedArticle]] = []
    failures: list[FailureRecord] = []

    def fail(result: DocumentResult, exc: BaseException, raw: str) -> None:
        result.status = "failed"
        result.id = None
        result.code, result.message = _reason(exc, result.source)
        failures.append(FailureRecord(result.source, result.code, result.message,
                                      raw.encode("utf-8", "surrogatepass")))

    for index, doc in enumerate(docs):
        result = DocumentResult(index, clean(doc.source or f"api:{index}"), "stored")
        results.append(result)
        try:
            prepared = _prepare(doc, result.source, use_enrich)
        except DOCUMENT_ERRORS as exc:
            fail(result, exc, doc.content)
            continue
        result.id = prepared.article.id
        good.append((result, prepared))
    try:
        report = archive.put_prepared([p for _, p in good])
    except (ValueError, TypeError, OverflowError):
        # one record the store cannot take: store the others one by one, fail that one
        report = PutReport()
        for result, prepared in good:
            try:
                report += archive.put_prepared([prepared])
            except (ValueError, TypeError, OverflowError) as exc:
                fail(result, exc, docs[result.index].content)
    archive.add_failures(failures)
    return report, results
