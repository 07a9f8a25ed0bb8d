"""Shared by the web tests (API, portal, schema, browser): a small archive built from the
seed page and the fictional articles in ``tests/fixtures/web``, through the real ingest."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import FIXTURES, seed_path
from warta.ingest import enrich_available, ingest
from warta.store import open_archive

WEB_FIXTURES = FIXTURES / "web" / "articles.jsonl"
SEED_ID = "fbf1e1f6b47f8076"
AS_RUSIA_ID = "653fa6b152ecbdc7"  # the seed's "Baca juga" target
RUMANIA_ID = "abcb0e4a5456c3d6"
BULGARIA_ID = "3e7a163f50802912"
BANJIR_ID = "0b4facf5248af588"
CABAI_ID = "cc42b17d656d8224"


def build_archive(path: Path) -> Path:
    """Ingest the seed, then the fixtures (so the seed's link resolves late), enriched."""
    with open_archive(path) as archive:
        for source in (seed_path(), WEB_FIXTURES):
            ingest([str(source)], archive, workers=1, enrich=enrich_available())
    return path
