"""Turn an :class:`Article` into what the archive writes: analysed terms, hash, signature.

This is the CPU-heavy half of ingest (the analyser dominates), kept free of any database
handle so that a process pool can run it while a single writer stores the results.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace

from warta.link.dedup import signature
from warta.link.stories import StoryFeatures, features
from warta.model import Article
from warta.lang.analysis import analyze

__all__ = [
    "ENRICHMENT_FIELDS", "PreparedArticle", "content_hash", "content_hash_of_dict", "has_enrichment",
    "prepare",
]

# What enrichment adds to an article (JSON keys of Article.to_dict). They are derived data
# computed FROM the content, so they are not part of it: an article is the same version
# whether or not it was enriched, and a run without enrichment never replaces them.
ENRICHMENT_FIELDS = ("entities", "quotes", "amounts", "dates", "keywords", "summary")


@dataclass(slots=True)
class PreparedArticle:
    """An article with its analysed title/body terms, content hash and MinHash signature.

    ``enriched``: the article's enrichment fields were computed (possibly empty: an article
    naming nobody is enriched with no entities), so the archive may store them.
    ``story``: its story features (:func:`warta.link.stories.features`), computed here in
    the analysis workers so the single writer only links them; None: the writer computes
    them (a prepared article read back from a batch shard).
    """

    article: Article
    title_terms: list[str]
    body_terms: list[str]
    content_hash: str
    signature: bytes
    enriched: bool = False
    story: StoryFeatures | None = None


def content_hash_of_dict(d: dict[str, object]) -> str:
    """:func:`content_hash` of an article already as a dict (``Article.to_dict`` or a
    stored document); used by the archive's migrations, which read stored JSON."""
    d = {k: v for k, v in d.items() if k != "source" and k not in ENRICHMENT_FIELDS}
    read_also = d.get("read_also") or []
    d["read_also"] = [{"title": r.get("title"), "url": r.get("url")}  # type: ignore[union-attr]
                      for r in read_also]  # type: ignore[union-attr]
    blob = json.dumps(d, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.blake2b(blob.encode("utf-8"), digest_size=16).hexdigest()


def content_hash(article: Article) -> str:
    """Hash of what the article says: ignores where it was read from, resolved link ids and
    enrichment (derived data), so the same article from two files, before/after a link
    resolution, or with/without entities is the same version."""
    # The enrichment fields are dropped from the hash: emptied first, they are not
    # serialised for nothing (same hash, less work for an enriched article).
    bare = replace(article, **{name: [] for name in ENRICHMENT_FIELDS})
    return content_hash_of_dict(bare.to_dict())


def has_enrichment(article: Article) -> bool:
    """Whether any enrichment field is filled (a guess for callers that do not say)."""
    return bool(
        article.entities or article.quotes or article.amounts or article.dates
        or article.keywords or article.summary
    )


def prepare(
    article: Article, *, enriched: bool | None = None, body_terms: list[str] | None = None
) -> PreparedArticle:
    """Analyse one article for storage and indexing.

    ``enriched``: whether the article's enrichment was computed (ingest knows: it ran the
    enricher or not); None guesses from the fields being filled (:func:`has_enrichment`).
    ``body_terms``: ``analyze(article.text)`` when the caller has it already (enrichment
    analyses the body on its way).
    """
    title_terms = analyze(article.title or "")
    if body_terms is None:
        body_terms = analyze(article.text)
    return PreparedArticle(
        article=article,
        title_terms=title_terms,
        body_terms=body_terms,
        content_hash=content_hash(article),
        signature=signature(body_terms or title_terms),
        enriched=has_enrichment(article) if enriched is None else enriched,
        story=features(article, title_terms, body_terms),
    )
