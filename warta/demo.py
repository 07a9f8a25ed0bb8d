"""`warta demo`: build an archive and show what it can do.

With the shared news data present the demo ingests a few thousand real articles (the first
rows of CLICK-ID plus the two small 2023/2025 sets, about 15 s on 2 cores); without it, the
fictional sample articles in ``warta/demo_data``. The archive is ``warta-demo.db`` in the
current folder so that ``warta search --db warta-demo.db ...`` can explore it afterwards.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from warta.config import shared_dir
from warta.ingest import IngestReport, ingest_articles, ingest_outcomes
from warta.model import Article
from warta.parse import Outcome, iter_outcomes
from warta.store.base import Archive

__all__ = ["DEMO_DATA", "demo_corpus", "sample_articles", "serve_hook", "tour"]

DEMO_DATA = Path(__file__).parent / "demo_data"
DEFAULT_DB = "warta-demo.db"
DEFAULT_ARTICLES = 3000
_SEED = ("seed", "000_721b307032f8015b.txt")  # the page warta began from: first in the tour
_SHARED_SETS = (
    ("data", "news", "tribunnews-politik-199"),
    ("data", "news", "liputan6-kompas-detik-399"),
    ("data", "news", "click-id.jsonl.gz"),
)
SAMPLE_QUERY = "banjir Jakarta"
SHARED_QUERY = '"revisi UU KPK"'


def sample_articles() -> list[Article]:
    """The fictional sample articles shipped with warta (see ``warta/demo_data/README.md``)."""
    text = (DEMO_DATA / "fiksi.jsonl").read_text(encoding="utf-8")
    return [Article.from_json(line) for line in text.splitlines() if line.strip()]


def demo_corpus() -> str:
    """'shared' when the shared news data is there, else 'samples'."""
    root = shared_dir()
    return "shared" if all(root.joinpath(*p).exists() for p in _SHARED_SETS) else "samples"


def _shared_outcomes(limit: int) -> Iterator[Outcome]:
    sets = ([_SEED] if shared_dir().joinpath(*_SEED).exists() else []) + list(_SHARED_SETS)
    sources = [str(shared_dir().joinpath(*p)) for p in sets]
    return itertools.islice(iter_outcomes(sources), limit)


def build(archive: Archive, *, corpus: str, limit: int = DEFAULT_ARTICLES,
          progress: Callable[[int, Any], None] | None = None) -> IngestReport:
    """Fill ``archive`` with the demo corpus (idempotent: a second run only checks)."""
    # Enriched, so the portal shows speakers, quotes and entity pages (~100 articles/s).
    if corpus == "shared":
        return ingest_outcomes(_shared_outcomes(limit), archive, progress=progress, enrich=True)
    return ingest_articles(sample_articles(), archive, workers=0, progress=progress, enrich=True)


def tour(archive: Archive, corpus: str) -> dict[str, Any]:
    """Counts, one search and the related articles of its first hit."""
    query = SHARED_QUERY if corpus == "shared" else SAMPLE_QUERY
    result = archive.search(query, limit=3, facets=True)
    related: list[dict[str, Any]] = []
    about: dict[str, Any] | None = None
    if result.hits:
        first = result.hits[0]
        about = {"id": first.id, "title": first.title}
        related = [r.to_dict() for r in archive.related(first.id, k=3)]
    stats = archive.stats()
    return {
        "corpus": corpus,
        "stats": {k: stats[k] for k in ("articles", "failures", "read_also_resolved", "bytes_per_article")},
        "search": result.to_dict(),
        "related_of": about,
        "related": related,
    }


def serve_hook(db_path: str, host: str = "127.0.0.1", port: int = 8000) -> bool:
    """Serve the portal on the demo archive when the web stage provides ``warta.web.serve``.

    Returns False (nothing served) until that stage exists.
    """
    try:
        from warta.web import serve  # type: ignore[attr-defined]
    except ImportError:
        return False
    serve(db_path, host, port)
    return True
