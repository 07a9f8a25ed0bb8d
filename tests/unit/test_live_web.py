"""Live sources on the web: /api/sources (GET, POST with the token), the /sumber page, and
`warta serve --watch`'s background watcher — against a local outlet."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import warta.parse.html  # noqa: F401 — trafilatura warns (urllib3 SOCKS) when first imported
from tests.live_outlets import Outlet
from warta.live.fetch import FetchConfig
from warta.live.watcher import WatchConfig, background_watch
from warta.store import open_archive
from warta.web import create_app

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def outlet() -> Iterator[Outlet]:
    o = Outlet("Kabar Lokal")
    o.feed("/rss")
    o.publish("/rss", "/berita/1", 1)
    yield o
    o.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "a.db"
    open_archive(path).close()
    return path


def test_sources_api_and_page(db: Path, outlet: Outlet) -> None:
    with TestClient(create_app(db, token=TOKEN), raise_server_exceptions=False) as c:
        assert c.get("/api/sources").json() == {"total": 0, "sources": []}
        r = c.post("/api/sources", json={"urls": [outlet.url("/rss")]})
        assert (r.status_code, r.json()["error"]["code"]) == (401, "unauthorized")
        r = c.post("/api/sources", json={"urls": [outlet.url("/rss")]}, headers=AUTH)
        assert r.status_code == 200
        assert r.json() == {"results": [{
            "url": outlet.url("/rss"), "level": "ok", "added": True, "kind": "rss",
            "outlet": "Kabar Lokal", "items": 1, "source_id": 1,
            "message": f"{outlet.url('/rss')}: an RSS feed (Kabar Lokal), 1 items"}]}
        listed = c.get("/api/sources").json()
        assert (listed["total"], listed["sources"][0]["status"], listed["sources"][0]["kind"]) == (
            1, "new", "rss")
        page = c.get("/sumber")
        assert page.status_code == 200
        assert "<h1>Sumber</h1>" in page.text and outlet.url("/rss") in page.text
        assert "1 sumber diikuti." in page.text
    with TestClient(create_app(db), raise_server_exceptions=False) as c:  # read-only server
        r = c.post("/api/sources", json={"urls": [outlet.url("/rss")]}, headers=AUTH)
        assert (r.status_code, r.json()["error"]["code"]) == (403, "read_only")
        assert c.get("/api/sources").json()["total"] == 1


def test_serve_watch_runs_the_watcher_beside_the_server(db: Path, outlet: Outlet) -> None:
    with open_archive(db) as archive:
        archive.add_source(outlet.url("/rss"), "rss")
    config = WatchConfig(fetch=FetchConfig(min_gap=0.2, timeout=1.0), enrich=False,
                         min_interval=0.5, max_interval=0.5)
    with TestClient(create_app(db), raise_server_exceptions=False) as c, \
            background_watch(str(db), config=config):
        deadline = time.monotonic() + 20
        seen: list[str] = []
        published = False
        while time.monotonic() < deadline:
            seen = [a["url"] for a in c.get("/api/articles").json()["items"]]
            if seen == [outlet.url("/berita/1")] and not published:
                outlet.publish("/rss", "/berita/2", 2)  # arrives while the server runs
                published = True
            if len(seen) == 2:
                break
            time.sleep(0.1)
        assert sorted(seen) == [outlet.url("/berita/1"), outlet.url("/berita/2")]
        home = c.get("/").text
        assert "laporan 2" in home  # the newest on the portal's home


def test_serve_watch_option(db: Path, outlet: Outlet, monkeypatch: pytest.MonkeyPatch) -> None:
    """`warta serve --watch` starts the watcher, then the server (here a stand-in that waits
    for the article to arrive, as a reader would)."""
    from click.testing import CliRunner

    import warta.web
    from warta.cli import cli

    with open_archive(db) as archive:
        archive.add_source(outlet.url("/rss"), "rss")
    seen: list[int] = []

    def fake_serve(path: str, host: str, port: int, token: str | None, workers: int = 1) -> None:
        deadline = time.monotonic() + 60  # the watcher loads the enrichment models first
        while time.monotonic() < deadline:
            with open_archive(path, read_only=True) as reader:
                if reader.count():
                    seen.append(reader.count())
                    return
            time.sleep(0.1)

    monkeypatch.setattr(warta.web, "serve", fake_serve)
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--watch", "--min-gap", "0.2"])
    assert (result.exit_code, seen) == (0, [1])
    assert f"watch: ok {outlet.url('/rss')}: 1 new" in result.stderr
