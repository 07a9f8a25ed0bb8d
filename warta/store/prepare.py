"""Turn an :class:`Article` into what the archive writes: analysed terms, hash, signature.

This is the CPU-heavy half of ingest (the analyser dominates), kept free of any database
handle so that a process pool can run it while a single writer stores the results.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from warta.link.dedup import signature
from warta.model import Article
from warta.search.analysis import analyze

__all__ = ["PreparedArticle", "content_hash", "prepare"]


@dataclass(slots=True)
class PreparedArticle:
    """An article with its analysed title/body terms, content hash and MinHash signature."""

    article: Article
    title_terms: list[str]
    body_terms: list[str]
    content_hash: str
    signature: bytes


def content_hash(article: Article) -> str:
    """Hash of what the article says: ignores where it was read from and resolved link ids,
    so the same article from two files (or before/after a link resolution) is unchanged."""
    d = article.to_dict()
    d.pop("source", None)
    d["read_also"] = [{"title": r.title, "url": r.url} for r in article.read_also]
    blob = json.dumps(d, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.blake2b(blob.encode("utf-8"), digest_size=16).hexdigest()


def prepare(article: Article, *, hash_: str | None = None) -> PreparedArticle:
    """Analyse one article for storage and indexing (``hash_``: the content hash to store,
    when the caller identifies versions by something else than this article's own hash —
    ingest uses the parsed article's hash so enrichment does not make every rerun a change)."""
    title_terms = analyze(article.title or "")
    body_terms = analyze(article.text)
    return PreparedArticle(
        article=article,
        title_terms=title_terms,
        body_terms=body_terms,
        content_hash=hash_ or content_hash(article),
        signature=signature(body_terms or title_terms),
    )
