"""Live: follow outlets' feeds and sitemaps and ingest new articles as they are published.

``sources`` (what to follow, discovery), ``fetch`` (polite HTTP), ``robots``, ``feeds``
(RSS/Atom/sitemap parsing), ``urls`` (normalisation, de-duplication keys) and ``watcher``
(the polling loop; one writer, through :func:`warta.ingest.ingest_outcomes`).
"""

from __future__ import annotations

__all__ = ["add_sources", "watch"]


def __getattr__(name: str):  # lazy: `warta sources list` should not import httpx/feedparser
    if name == "add_sources":
        from warta.live.sources import add_sources

        return add_sources
    if name == "watch":
        from warta.live.watcher import watch

        return watch
    raise AttributeError(name)
