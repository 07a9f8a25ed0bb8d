"""`warta demo`: build an archive and show what it can do.

With the shared news data present the demo ingests a few thousand real articles (CLICK-ID
and the smaller sets); without it, the fictional sample articles in ``warta/demo_data``.
"""

from __future__ import annotations

from pathlib import Path

from warta.model import Article

__all__ = ["DEMO_DATA", "sample_articles"]

DEMO_DATA = Path(__file__).parent / "demo_data"


def sample_articles() -> list[Article]:
    """The fictional sample articles shipped with warta (see ``warta/demo_data/README.md``)."""
    text = (DEMO_DATA / "fiksi.jsonl").read_text(encoding="utf-8")
    return [Article.from_json(line) for line in text.splitlines() if line.strip()]
