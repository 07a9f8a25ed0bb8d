"""Enrichment tokenizes once and shares: the shared paths give exactly what the separate
ones give (issue 11, speed)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import seed_path
from warta.enrich import enrich
from warta.enrich.entities import extract_entities
from warta.enrich.pipeline import enrich_analysed
from warta.enrich.summary import document_sentences
from warta.ingest import prepare_article
from warta.lang.tokenize import tokenize
from warta.model import Article
from warta.parse import parse
from warta.lang.analysis import analyze
from warta.store.prepare import content_hash_of_dict, prepare

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "enrich" / "jembatan.json"


def articles() -> list[Article]:
    fixture = Article.from_dict(json.loads(FIXTURE.read_text(encoding="utf-8")))
    return [parse(Path(seed_path())), fixture]


def test_shared_tokens_give_the_same_entities_and_sentences() -> None:
    for article in articles():
        paragraphs = list(article.paragraphs)
        tokens = [tokenize(p) for p in paragraphs]
        assert extract_entities(paragraphs, tokens) == extract_entities(paragraphs)
        assert document_sentences(paragraphs, tokens) == document_sentences(paragraphs)


def test_enrichment_hands_ingest_the_body_terms_the_index_would_compute() -> None:
    for article in articles():
        enriched, terms = enrich_analysed(article)
        assert enriched == enrich(article)
        assert terms == analyze(article.text)
        assert len(terms) > 20


def test_prepared_article_is_the_same_with_shared_terms() -> None:
    article = articles()[0]
    shared = prepare_article(article, True)
    separate = prepare(enrich(article), enriched=True)
    assert (shared.article, shared.title_terms, shared.body_terms, shared.content_hash, shared.signature) == (
        separate.article, separate.title_terms, separate.body_terms, separate.content_hash, separate.signature
    )
    # the hash ignores enrichment: the same as hashing the full record without those fields
    full = shared.article.to_dict()
    assert shared.content_hash == content_hash_of_dict(full)
