"""Live: sources and the watcher against local outlets (http.server on 127.0.0.1, started
here; no internet). Fixtures are invented articles (tests/live_outlets.py)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import warta.parse.html  # noqa: F401 — trafilatura warns (urllib3 SOCKS) when first imported

from tests.live_outlets import Outlet
from warta.cli import cli
from warta.live.feeds import FeedError, parse_document, parse_time
from warta.live.fetch import FetchConfig
from warta.live.urls import dedup_key, fetch_url, host_key, is_non_article
from warta.live.watcher import WatchConfig, watch
from warta.store import open_archive

GAP = 0.2
FAST = FetchConfig(min_gap=GAP, timeout=0.5, total_timeout=3.0, max_feed_bytes=20_000,
                   max_wait=5.0)
ROOT = Path(__file__).resolve().parents[2]


def config(**kw: object) -> WatchConfig:
    return WatchConfig(fetch=FAST, enrich=False, **kw)  # type: ignore[arg-type]


@pytest.fixture
def outlets() -> Iterator[list[Outlet]]:
    made: list[Outlet] = []
    yield made
    for o in made:
        o.close()


def new_outlet(outlets: list[Outlet], name: str = "Kabar Lokal") -> Outlet:
    o = Outlet(name)
    outlets.append(o)
    return o


def poll(archive, **kw: object):  # noqa: ANN001, ANN201
    lines: list[dict] = []
    report = watch(archive, once=True, all_due=True, config=config(**kw), log=lines.append)
    return report, lines


def article_paths(o: Outlet) -> list[str]:
    return [h.path for h in o.hits if h.path.startswith("/berita/")]


# -- URLs and documents ------------------------------------------------------------------
def test_urls_are_normalised_and_keyed() -> None:
    assert fetch_url("https://www.Kompas.com/read/2024/01/02/abc/?utm_source=x&page=2&fbclid=z#top") \
        == "https://www.kompas.com/read/2024/01/02/abc?page=2"
    assert fetch_url("https://www.jpnn.com/index.php?mib=rss") == "https://www.jpnn.com/index.php?mib=rss"
    assert fetch_url("https://m.detik.com/news/d-123/amp/?amp=1") == "https://m.detik.com/news/d-123"
    assert dedup_key("https://m.detik.com/news/d-123/amp") == dedup_key("http://www.detik.com/news/d-123/") \
        == "detik.com/news/d-123"
    assert host_key("https://a.id/x") == "a.id:443" and host_key("http://127.0.0.1:81/") == "127.0.0.1:81"
    assert (is_non_article("https://a.id/laporan.PDF"), is_non_article("https://a.id/foto.jpg"),
            is_non_article("https://a.id/berita/1")) == (True, True, False)


def test_feed_times_keep_their_offset() -> None:
    t = parse_time("Mon, 30 Nov 2026 09:05:00 +0700")
    assert t is not None and t.isoformat() == "2026-11-30T09:05:00+07:00"
    assert parse_time("2026-11-30T02:05:00Z").isoformat() == "2026-11-30T02:05:00+00:00"  # type: ignore[union-attr]
    assert parse_time("2026-11-30 09:05") is None  # no offset written: left to the page


def test_documents_of_every_kind(outlets: list[Outlet]) -> None:
    o = new_outlet(outlets)
    for kind in ("rss", "atom", "sitemap", "newssitemap"):
        o.feed(f"/{kind}", kind, items=["/berita/1", "/berita/2"])
    rss = parse_document(o.render(o.feeds["/rss"]), "u")
    assert (rss.kind, rss.title, [i.url for i in rss.items]) == (
        "rss", "Kabar Lokal", [o.url("/berita/2"), o.url("/berita/1")])
    item = rss.items[0]
    assert (item.title, item.author, item.published_raw, item.published.isoformat()) == (  # type: ignore[union-attr]
        "Judul dari feed 2", "Redaksi Kabar Lokal", "Mon, 30 Nov 2026 09:02:00 +0700",
        "2026-11-30T09:02:00+07:00")
    atom = parse_document(o.render(o.feeds["/atom"]), "u")
    assert (atom.kind, atom.items[1].published_raw) == ("atom", "2026-11-30T09:01:00+07:00")
    news = parse_document(o.render(o.feeds["/newssitemap"]), "u")
    assert (news.kind, news.title, news.items[0].title, news.items[0].outlet) == (
        "newssitemap", "Kabar Lokal", "Judul dari feed 2", "Kabar Lokal")
    plain = parse_document(o.render(o.feeds["/sitemap"]), "u")
    assert (plain.kind, plain.items[0].version) == ("sitemap", "2026-11-30T09:02:00+07:00")
    index = parse_document(b"<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/"
                           b"schemas/sitemap/0.9'><sitemap><loc>http://x/a.xml</loc><lastmod>"
                           b"2026-11-30</lastmod></sitemap></sitemapindex>", "u")
    assert (index.kind, index.children) == ("sitemapindex", [("http://x/a.xml", "2026-11-30")])
    assert parse_document(b"<!doctype html><html><body>x</body></html>", "u").kind == "html"
    with pytest.raises(FeedError) as info:
        parse_document(b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>"
                       b"<note>&e;</note>", "u")
    assert str(info.value) == "u: an XML document <note>, not an RSS/Atom feed or a sitemap"


# -- the watcher ---------------------------------------------------------------------------
def test_every_new_article_is_ingested_exactly_once(tmp_path: Path, outlets: list[Outlet]) -> None:
    o = new_outlet(outlets)
    o.feed("/rss")
    o.feed("/sitemap-news.xml", "newssitemap")
    for n in (1, 2, 3):
        o.publish("/rss", f"/berita/{n}", n)
    o.publish("/rss", "/rahasia/9", 9)  # robots.txt: Disallow: /rahasia/
    # the same stories in the news sitemap, under variants of their URLs
    o.feeds["/sitemap-news.xml"].items += [o.url("/berita/1/?utm_source=gnews"),
                                           o.url("/berita/2/amp"), "/berita/3/"]
    archive = open_archive(tmp_path / "a.db")
    for url in ("/rss", "/sitemap-news.xml"):
        archive.add_source(o.url(url), "unknown")
    report, _ = poll(archive)
    assert (report.polls, report.articles_added, archive.count()) == (2, 3, 3)
    for n in (4, 5):  # the outlet publishes two more
        o.publish("/rss", f"/berita/{n}", n)
        o.feeds["/sitemap-news.xml"].items.append(f"/berita/{n}")
    report, _ = poll(archive)
    assert (report.articles_added, archive.count()) == (2, 5)
    report, lines = poll(archive)
    assert (report.articles_added, report.unchanged) == (0, 2)
    assert sorted(article_paths(o)) == [f"/berita/{n}" for n in (1, 2, 3, 4, 5)]
    assert o.requests_to("/rahasia/") == []
    assert sorted(a.url for a in archive) == [o.url(f"/berita/{n}") for n in (1, 2, 3, 4, 5)]
    found = {s.url: (s.kind, s.outlet, s.status) for s in archive.list_sources()}
    assert found == {o.url("/rss"): ("rss", "Kabar Lokal", "unchanged"),
                     o.url("/sitemap-news.xml"): ("newssitemap", "Kabar Lokal", "unchanged")}
    assert sum(s.articles_found for s in archive.list_sources()) == 5
    archive.close()


def test_no_two_requests_to_one_host_closer_than_the_gap(tmp_path: Path, outlets: list[Outlet]) -> None:
    a, b = new_outlet(outlets, "Kabar A"), new_outlet(outlets, "Kabar B")
    archive = open_archive(tmp_path / "a.db")
    for o in (a, b):
        for feed in ("/rss", "/atom"):
            o.feed(feed, feed[1:])
            archive.add_source(o.url(feed), "unknown")
        for n in range(1, 5):
            o.publish("/rss", f"/berita/{n}", n)
            o.publish("/atom", f"/berita/{n + 10}", n + 10)
    report, _ = poll(archive)
    assert report.articles_added == 16
    for o in (a, b):
        times = sorted(h.at for h in o.hits)
        assert len(times) == 11  # robots.txt, 2 feeds, 8 articles
        assert min(t2 - t1 for t1, t2 in zip(times, times[1:])) >= GAP
    archive.close()


def test_unchanged_feeds_get_304_and_are_not_parsed(tmp_path: Path, outlets: list[Outlet],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import warta.live.watcher as watcher_mod

    parsed: list[str] = []
    real = watcher_mod.parse_document
    monkeypatch.setattr(watcher_mod, "parse_document",
                        lambda body, url: parsed.append(url) or real(body, url))
    o = new_outlet(outlets)
    o.feed("/rss")
    o.feed("/tanpa-etag", "rss", etag=False)  # answers 200 every time, same body
    o.publish("/rss", "/berita/1", 1)
    o.publish("/tanpa-etag", "/berita/2", 2)
    archive = open_archive(tmp_path / "a.db")
    archive.add_source(o.url("/rss"), "rss")
    archive.add_source(o.url("/tanpa-etag"), "rss")
    poll(archive)
    assert sorted(parsed) == [o.url("/rss"), o.url("/tanpa-etag")]
    report, lines = poll(archive)
    assert sorted(parsed) == [o.url("/rss"), o.url("/tanpa-etag")]  # not parsed again
    assert [(h.path, h.status) for h in o.hits if h.path in ("/rss", "/tanpa-etag")][2:] in (
        [("/rss", 304), ("/tanpa-etag", 200)], [("/tanpa-etag", 200), ("/rss", 304)])
    first, second = o.requests_to("/rss")
    assert ("If-None-Match" in first.headers, second.headers["If-None-Match"].startswith('"')) == (
        False, True)
    assert sorted((x["status"], x["requests"]) for x in lines) == [("unchanged", 1), ("unchanged", 1)]
    archive.close()


def fault_outlets(outlets: list[Outlet]) -> tuple[Outlet, Outlet, Outlet]:
    """A healthy outlet, one that answers 429, and one with every other fault."""
    good, busy, bad = (new_outlet(outlets, n) for n in ("Kabar Baik", "Kabar Ramai", "Kabar Rusak"))
    good.feed("/rss")
    for n in (1, 2):
        good.publish("/rss", f"/berita/{n}", n)
    busy.fault("/rss", "status", status=429, retry_after=120)
    bad.fault("/galat", "status", status=500)
    bad.fault("/lambat", "hang", seconds=2.0)
    bad.fault("/putar", "loop")
    bad.fault("/rusak", "body", body=b"<?xml version='1.0'?><rss><channel><title>R</title><item>"
                                    b"<title>x</title><link>", ctype="application/rss+xml")
    bad.fault("/besar", "huge", size=50_000)
    bad.fault("/halaman", "body", body=b"<!doctype html><html><body>Beranda</body></html>",
              ctype="text/html")
    bad.feed("/lampiran")  # items that are not pages
    bad.publish("/lampiran", "/dok/laporan.pdf", 0)
    bad.publish("/lampiran", "/foto/banjir.jpg", 0)
    bad.pages["/berita/8"] = b"%PDF-1.4 not a page"
    bad.page_types["/berita/8"] = "application/pdf"
    bad.publish("/lampiran", "/berita/8", 8)
    bad.publish("/lampiran", "/berita/9", 9)
    return good, busy, bad


FAULT_PATHS = ("/galat", "/lambat", "/putar", "/rusak", "/besar", "/halaman", "/lampiran")


def test_each_fault_is_reported_while_other_sources_go_on(tmp_path: Path, outlets: list[Outlet]) -> None:
    good, busy, bad = fault_outlets(outlets)
    db = tmp_path / "a.db"
    archive = open_archive(db)
    archive.add_source(good.url("/rss"), "unknown")
    archive.add_source(busy.url("/rss"), "unknown")
    for path in FAULT_PATHS:
        archive.add_source(bad.url(path), "unknown")
    report, _ = poll(archive)
    assert (report.polls, report.errors, report.articles_added, report.failures) == (9, 7, 3, 1)
    assert sorted(a.url for a in archive) == sorted([good.url("/berita/1"), good.url("/berita/2"),
                                                     bad.url("/berita/9")])
    health = {s.url.rsplit("/", 1)[1]: (s.status, s.last_error) for s in archive.list_sources()
              if s.url.startswith(bad.base)}
    u = bad.url
    assert health == {
        "galat": ("error", f"{u('/galat')}: HTTP 500; retried later"),
        "lambat": ("error", f"{u('/lambat')}: no answer within 0.5 s; retried later"),
        "putar": ("error", f"{u('/putar')}: redirect loop ({u('/putar')} → {u('/putar-lagi')} → "
                           f"{u('/putar')}); fix the source URL"),
        "rusak": ("error", f"{u('/rusak')}: malformed XML (Premature end of data in tag link at "
                           "line 1, column 80); no items could be read — the outlet's feed is "
                           "broken, it is retried at the next poll"),
        "besar": ("error", f"{u('/besar')}: larger than the 20,000-byte limit (50,095 bytes or "
                           "more); refused — raise the limit if the outlet really needs it"),
        "halaman": ("error", f"{u('/halaman')}: an HTML page, not a feed or sitemap; remove it "
                             "and add the outlet's feed (`warta sources add HOME_PAGE` finds them)"),
        "lampiran": ("ok", None),
    }
    busy_source = archive.find_source(busy.url("/rss"))
    assert busy_source is not None
    assert (busy_source.status, busy_source.last_error, busy_source.failures) == (
        "error", f"{busy.url('/rss')}: HTTP 429, Retry-After 120 s; retried later", 1)
    assert busy_source.next_poll - time.time() > 115  # Retry-After honoured
    # the PDF and image links were never requested; the page served as a PDF is a failure
    assert [h.path for h in bad.hits if h.path.startswith(("/dok", "/foto", "/berita"))] \
        == ["/berita/9", "/berita/8"]
    assert [(f.source, f.code) for f in archive.failures()] == [(u("/berita/8"), "wrong_type")]
    settled = sqlite3.connect(db).execute(
        "SELECT url, status, reason FROM source_urls WHERE status = 'skipped' ORDER BY url").fetchall()
    assert settled == [(u("/dok/laporan.pdf"), "skipped", "a link to a document or media file, not a page"),
                       (u("/foto/banjir.jpg"), "skipped", "a link to a document or media file, not a page")]
    archive.close()
    # the same health in `warta sources list`
    result = CliRunner().invoke(cli, ["sources", "list", "--db", str(db), "--json"])
    assert result.exit_code == 0
    listed = json.loads(result.output)
    assert [(s["status"], s["articles_found"]) for s in listed] == [
        ("ok", 2), ("error", 0), *[("error", 0)] * 6, ("ok", 1)]
    text = CliRunner().invoke(cli, ["sources", "list", "--db", str(db)]).output
    assert f"    last error: {u('/galat')}: HTTP 500; retried later\n" in text


def test_a_failing_source_is_slowed_not_dropped(tmp_path: Path, outlets: list[Outlet]) -> None:
    busy = new_outlet(outlets)
    busy.fault("/rss", "status", status=503)
    archive = open_archive(tmp_path / "a.db")
    archive.add_source(busy.url("/rss"), "unknown")
    delays = []
    for _ in range(3):
        poll(archive)
        s = archive.find_source(busy.url("/rss"))
        assert s is not None
        delays.append(round((s.next_poll - time.time()) / 60))
    assert delays == [10, 20, 40]  # minutes: the 5-minute interval doubled per failure
    assert (s.failures, s.status) == (3, "error")
    lines: list[dict] = []
    watch(archive, once=True, config=config(), log=lines.append)  # not due: nothing polled
    assert lines == [] and len(archive.list_sources()) == 1
    busy.routes.clear()
    busy.feed("/rss")
    busy.publish("/rss", "/berita/1", 1)
    poll(archive)
    s = archive.find_source(busy.url("/rss"))
    assert (s.failures, s.status, s.articles_found) == (0, "ok", 1)  # type: ignore[union-attr]
    archive.close()


def test_feed_metadata_fills_what_the_page_lacks_never_overrides(tmp_path: Path,
                                                                  outlets: list[Outlet]) -> None:
    o = new_outlet(outlets)
    o.feed("/rss", titles={"/berita/1": "Judul dari feed", "/berita/30": "Judul lain dari feed"})
    o.publish("/rss", "/berita/1", 1, with_title=False, with_date=False, author=None)
    o.publish("/rss", "/berita/30", 30)  # the page has its own title, date (09:30) and author
    archive = open_archive(tmp_path / "a.db")
    archive.add_source(o.url("/rss"), "rss")
    poll(archive)
    bare, full = (next(a for a in archive if a.url == o.url(p)) for p in ("/berita/1", "/berita/30"))
    assert (bare.title, bare.published.isoformat(), bare.tz, bare.authors) == (  # type: ignore[union-attr]
        "Judul dari feed", "2026-11-30T09:01:00+07:00", "WIB", ["Redaksi Kabar Lokal"])
    assert bare.warnings[-1] == "published time from the feed: 'Mon, 30 Nov 2026 09:01:00 +0700'"
    assert (full.title, full.published.isoformat(), full.authors) == (  # type: ignore[union-attr]
        "Harga beras di Pasar Induk Cipinang turun (laporan 30)",
        "2026-11-30T09:30:00+07:00", ["Rina Wulandari"])
    archive.close()


def test_an_article_changed_at_the_outlet_becomes_a_revision(tmp_path: Path, outlets: list[Outlet]) -> None:
    o = new_outlet(outlets)
    o.feed("/sitemap.xml", "sitemap")
    o.publish("/sitemap.xml", "/berita/1", 1)
    archive = open_archive(tmp_path / "a.db")
    archive.add_source(o.url("/sitemap.xml"), "sitemap")
    poll(archive)
    o.add_article("/berita/1", 1, edition=2)  # corrected, and the sitemap's lastmod moves
    o.feeds["/sitemap.xml"].versions["/berita/1"] = "2026-11-30T12:00:00+07:00"
    report, _ = poll(archive)
    assert (report.articles_added, report.articles_updated, archive.count()) == (0, 1, 1)
    (article,) = list(archive)
    assert "edisi 2." in article.paragraphs[0]
    assert [("edisi 1." in r.article.paragraphs[0]) for r in archive.revisions(article.id)] == [True]
    report, _ = poll(archive)  # unchanged sitemap: nothing fetched again
    assert (report.unchanged, article_paths(o)) == (1, ["/berita/1", "/berita/1"])
    archive.close()


def test_a_sitemap_index_is_followed_to_its_newest_sitemaps(tmp_path: Path, outlets: list[Outlet]) -> None:
    o = new_outlet(outlets)
    for day in ("2026-11-29", "2026-11-30"):
        o.feed(f"/sitemap-{day}.xml", "sitemap")
    o.publish("/sitemap-2026-11-30.xml", "/berita/2", 2)
    o.publish("/sitemap-2026-11-29.xml", "/berita/1", 1)
    o.fault("/sitemap.xml", "body", body=(
        "<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        + "".join(f"<sitemap><loc>{o.url(f'/sitemap-{d}.xml')}</loc><lastmod>{d}</lastmod></sitemap>"
                  for d in ("2026-11-29", "2026-11-30")) + "</sitemapindex>").encode())
    archive = open_archive(tmp_path / "a.db")
    archive.add_source(o.url("/sitemap.xml"), "unknown")
    report, _ = poll(archive, max_children=1)
    assert (report.articles_added, article_paths(o)) == (1, ["/berita/2"])
    assert archive.find_source(o.url("/sitemap.xml")).kind == "sitemapindex"  # type: ignore[union-attr]
    o.publish("/sitemap-2026-11-30.xml", "/berita/3", 3)  # the index itself does not change
    report, _ = poll(archive, max_children=1)
    assert (report.articles_added, article_paths(o)) == (1, ["/berita/2", "/berita/3"])
    report, _ = poll(archive, max_children=1)  # the child answers 304 now
    assert (report.articles_added, [h.status for h in o.requests_to("/sitemap-2026-11-30")]) == (
        0, [200, 200, 304])
    archive.close()


# -- sources add -------------------------------------------------------------------------
def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [*args, "--min-gap", str(GAP), "--timeout", "0.5"])
    return result.exit_code, result.stdout, result.stderr


def test_sources_add_says_what_it_found(tmp_path: Path, outlets: list[Outlet]) -> None:
    o = new_outlet(outlets)
    o.feed("/rss")
    o.publish("/rss", "/berita/1", 1)
    o.feed("/kosong")  # a feed with no items yet
    plain = new_outlet(outlets, "Tanpa Feed")  # a site with pages only
    plain.fault("/tentang", "body", body=b"<!doctype html><html><head><title>Tentang</title>"
                                         b"</head><body>Tentang kami</body></html>", ctype="text/html")
    plain.fault("/laporan", "body", body=b"%PDF-1.4", ctype="application/pdf")
    gone = Outlet()
    dead = gone.url("/rss")
    gone.close()
    db = str(tmp_path / "a.db")
    assert invoke("sources", "add", o.url("/rss"), "--db", db) == (
        0, f"{o.url('/rss')}: an RSS feed (Kabar Lokal), 1 items\n", "")
    assert invoke("sources", "add", o.url("/kosong"), "--db", db) == (0, "", (
        f"warning: {o.url('/kosong')}: an RSS feed with 0 items; added anyway — the watcher picks "
        "up items once it publishes; check it is the outlet's live feed\n"))
    host = dead.split("/")[2]
    code, out, err = invoke("sources", "add", dead, "--db", db)
    assert (code, out) == (0, "")
    assert err == (f"warning: {dead}: cannot be reached now (cannot connect (ConnectError: "
                   "[Errno 111] Connection refused)); added anyway, the watcher retries it — "
                   "remove it with `warta sources remove` if the address is wrong\n")
    assert host in err
    assert invoke("sources", "add", plain.url("/tentang"), "--db", db) == (2, "", (
        f"error: {plain.url('/tentang')}: an HTML page with no feed or sitemap (none linked, none in "
        "robots.txt, none at the usual paths); not added — give the outlet's RSS feed or "
        "sitemap URL\n"))
    assert invoke("sources", "add", plain.url("/laporan"), "--db", db) == (2, "", (
        f"error: {plain.url('/laporan')}: Content-Type application/pdf, not a feed or sitemap; "
        "skipped; not added — give the address of the outlet's RSS/Atom feed, sitemap or home "
        "page\n"))
    # --check refuses what cannot be used now
    db2 = str(tmp_path / "b.db")
    code, out, err = invoke("sources", "add", dead, o.url("/kosong"), "--check", "--db", db2)
    assert (code, out, err.count("\n"), err.split("(")[0]) == (
        2, "", 2, f"error: {dead}: cannot be reached ")
    assert err.endswith(f"error: {o.url('/kosong')}: an RSS feed with 0 items; not added "
                        "(--check): check it is the outlet's live feed\n")
    listed = CliRunner().invoke(cli, ["sources", "list", "--db", db, "--json"]).output
    assert [(s["url"], s["kind"]) for s in json.loads(listed)] == [
        (o.url("/rss"), "rss"), (o.url("/kosong"), "rss"), (dead, "unknown")]
    assert json.loads(CliRunner().invoke(cli, ["sources", "list", "--db", db2, "--json"]).output) == []
    # remove, by number and by URL
    assert CliRunner().invoke(cli, ["sources", "remove", "1", o.url("/kosong"), "--db", db]).output \
        == f"removed 1\nremoved {o.url('/kosong')}\n"


def test_sources_add_finds_the_feeds_of_a_home_page(tmp_path: Path, outlets: list[Outlet]) -> None:
    o = new_outlet(outlets)
    o.feed("/rss")
    o.publish("/rss", "/berita/1", 1)
    o.feed("/sitemap-news.xml", "newssitemap", items=["/berita/1"])
    o.home = (b"<!doctype html><html><head><title>Kabar Lokal</title><link rel='alternate' "
              b"type='application/rss+xml' href='/rss'></head><body>Beranda</body></html>")
    o.robots += f"Sitemap: {o.url('/sitemap-news.xml')}\n"
    db = str(tmp_path / "a.db")
    assert invoke("sources", "add", o.base + "/", "--db", db) == (0, (
        f"{o.url('/rss')}: an RSS feed (Kabar Lokal), 1 items; found on {o.base}/\n"
        f"{o.url('/sitemap-news.xml')}: a Google News sitemap (Kabar Lokal), 1 items; found on "
        f"{o.base}/\n"), "")


def test_presets_are_data(tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    result = CliRunner().invoke(cli, ["sources", "add", "--preset", "nasional", "--db", db])
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == (
        "https://www.antaranews.com/rss/terkini.xml: added (ANTARA News, preset nasional, not checked)")
    result = CliRunner().invoke(cli, ["sources", "add", "--preset", "daerah", "--db", db])
    assert (result.exit_code, result.output.splitlines()[-1]) == (
        2, "Error: no preset 'daerah'; there are: ekonomi, nasional")


# -- crash safety ------------------------------------------------------------------------
def _watch_process(db: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", "from warta.cli import main; main()", "watch", "--db", str(db),
         "--once", "--all", "--min-gap", "0.05", "--timeout", "5", "--no-enrich", "--json"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _stored(db: Path) -> int:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # being created
        return 0
    finally:
        conn.close()


def test_kill_9_during_a_poll_loses_nothing_and_fetches_nothing_twice(
        tmp_path: Path, outlets: list[Outlet]) -> None:
    o = new_outlet(outlets)
    o.feed("/rss")
    for n in range(1, 21):
        o.publish("/rss", f"/berita/{n}", n)
    o.page_delay = 0.05
    db = tmp_path / "a.db"
    with open_archive(db) as archive:
        archive.add_source(o.url("/rss"), "rss")
    proc = _watch_process(db)
    deadline = time.monotonic() + 40
    while _stored(db) < 4 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    conn = sqlite3.connect(db)
    stored_at_kill = {u for (u,) in conn.execute("SELECT url FROM articles")}
    conn.close()
    assert 0 < len(stored_at_kill) < 20
    proc = _watch_process(db)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err.decode()
    with open_archive(db, read_only=True) as archive:
        urls = sorted(a.url for a in archive)  # type: ignore[misc]
        assert urls == sorted(o.url(f"/berita/{n}") for n in range(1, 21))  # none lost, none twice
        assert archive.list_sources()[0].articles_found == 20
    paths = article_paths(o)
    twice = {p for p in paths if paths.count(p) > 1}
    assert len(twice) <= 10  # at most what was in flight at the kill (max_in_flight 8 + 2)
    assert not {o.url(p) for p in twice} & stored_at_kill  # nothing committed was fetched again
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT status, count(*) FROM source_urls GROUP BY status").fetchall() == [
        ("stored", 20)]
    conn.close()


def test_an_article_failing_for_now_is_retried_then_given_up(tmp_path: Path, outlets: list[Outlet]) -> None:
    """A transient failure (502) is retried at the next poll even if the feed has not
    changed, at most ``max_attempts`` times; then it is settled as failed."""
    o = new_outlet(outlets)
    o.feed("/rss")
    o.publish("/rss", "/berita/1", 1)
    o.publish("/rss", "/berita/2", 2)
    o.fault("/berita/1", "status", status=502)
    db = tmp_path / "a.db"
    archive = open_archive(db)
    archive.add_source(o.url("/rss"), "rss")
    _, lines = poll(archive, max_attempts=2)
    assert [(x["added"], x["retry"]) for x in lines] == [(1, 1)]
    _, lines = poll(archive, max_attempts=2)  # the feed is unchanged, yet read again
    assert [(x["status"], x["added"], x["retry"]) for x in lines] == [("ok", 0, 0)]
    assert [h.status for h in o.requests_to("/rss")] == [200, 200]
    state = sqlite3.connect(db).execute(
        "SELECT status, attempts, reason FROM source_urls WHERE url = ?", (o.url("/berita/1"),)).fetchone()
    assert state == ("failed", 2, f"{o.url('/berita/1')}: HTTP 502; retried later")
    assert [h.path for h in o.hits].count("/berita/1") == 2
    _, lines = poll(archive, max_attempts=2)  # settled: the feed's validators are kept again
    assert [h.status for h in o.requests_to("/rss")] == [200, 200, 304]
    archive.close()


def test_poll_interval_adapts_within_bounds(tmp_path: Path, outlets: list[Outlet]) -> None:
    o = new_outlet(outlets)
    o.feed("/rss")
    o.publish("/rss", "/berita/1", 1)
    archive = open_archive(tmp_path / "a.db")
    archive.add_source(o.url("/rss"), "rss", interval_s=200)
    intervals = []
    for step in range(4):
        if step == 1:
            o.publish("/rss", "/berita/2", 2)
        poll(archive, min_interval=60, max_interval=400)
        intervals.append(archive.find_source(o.url("/rss")).interval_s)  # type: ignore[union-attr]
    assert intervals == [100, 60, 90, 135]  # new items: halved (not below 60); none: ×1.5
    archive.close()


def test_the_user_agent_names_warta_and_the_contact(tmp_path: Path, outlets: list[Outlet]) -> None:
    o = new_outlet(outlets)
    o.feed("/rss")
    archive = open_archive(tmp_path / "a.db")
    archive.add_source(o.url("/rss"), "rss")
    fetch = FetchConfig(min_gap=GAP, timeout=0.5, contact="https://redaksi.example/kontak")
    watch(archive, once=True, all_due=True, config=WatchConfig(fetch=fetch, enrich=False))
    agents = {h.headers["User-Agent"] for h in o.hits}
    assert len(agents) == 1
    agent = agents.pop()
    assert agent.startswith("warta/") and agent.endswith(
        " (Indonesian news archive; +https://redaksi.example/kontak)")
    archive.close()


def test_robots_txt_that_cannot_be_read_stops_the_host(tmp_path: Path, outlets: list[Outlet]) -> None:
    o = new_outlet(outlets)
    o.feed("/rss")
    o.publish("/rss", "/berita/1", 1)
    o.fault("/robots.txt", "status", status=500)
    archive = open_archive(tmp_path / "a.db")
    archive.add_source(o.url("/rss"), "rss")
    report, lines = poll(archive)
    assert [h.path for h in o.hits] == ["/robots.txt"]
    assert lines[0]["error"] == (f"{o.url('/rss')}: its robots.txt cannot be read (HTTP 500), so "
                                 "nothing is fetched; retried later")
    archive.close()


def test_watch_command(tmp_path: Path, outlets: list[Outlet]) -> None:
    o = new_outlet(outlets)
    o.feed("/rss")
    o.publish("/rss", "/berita/1", 1)
    db = str(tmp_path / "a.db")
    code, out, err = invoke("watch", "--db", db, "--once")
    assert (code, err.splitlines()[-1]) == (
        2, f"Error: {db} follows no sources; add some with `warta sources add URL --db {db}` first")
    assert invoke("sources", "add", o.url("/rss"), "--db", db)[0] == 0
    code, out, err = invoke("watch", "--db", db, "--once", "--all", "--no-enrich", "--json")
    line, summary = (json.loads(x) for x in out.splitlines())
    assert (code, line["status"], line["added"], line["items"]) == (0, "ok", 1, 1)
    assert summary == {"summary": {"polls": 1, "errors": 0, "unchanged": 0, "articles_added": 1,
                                   "articles_updated": 0, "failures": 0, "rounds": 1}}
    code, out, err = invoke("watch", "--db", db, "--once", "--no-enrich")  # nothing due yet
    assert (code, out, err) == (0, "", "0 polls, 0 new articles, 0 updated, 0 sources with errors\n")
    code, out, err = invoke("watch", "--db", db, "--once", "--all", "--no-enrich")
    assert out.startswith(f"unchanged {o.url('/rss')}: 0 items, 0 new, 0 updated, 0 failed "
                          "(1 requests, ")


def test_a_migration_missing_below_the_current_version_is_applied(tmp_path: Path) -> None:
    """Numbers have gaps (010: sources); an archive made by a build that had a later number
    but not an earlier one (branches merged in any order) still gets the earlier one."""
    from warta.store.migrate import LATEST_VERSION, migrations

    db = tmp_path / "a.db"
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    for number, sql in migrations():
        if number not in (4, 19):  # 004 (quotes) left out, and 019, which adds a column to it
            conn.executescript(sql)
            conn.execute(f"INSERT INTO schema_version VALUES ({number})")
    conn.close()
    with open_archive(db) as archive:
        assert archive.schema_version == LATEST_VERSION  # type: ignore[attr-defined]
    conn = sqlite3.connect(db)
    versions = [v for (v,) in conn.execute("SELECT version FROM schema_version ORDER BY version")]
    assert versions == [n for n, _ in migrations()]
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'quotes'").fetchone() == (1,)
    assert "speaker_kind" in [row[1] for row in conn.execute("PRAGMA table_info(quotes)")]
    conn.close()


def test_new_articles_are_searchable_by_a_reader_after_the_poll(tmp_path: Path,
                                                                 outlets: list[Outlet]) -> None:
    o = new_outlet(outlets)
    o.feed("/rss")
    archive = open_archive(tmp_path / "a.db")
    archive.add_source(o.url("/rss"), "rss")
    reader = open_archive(tmp_path / "a.db", read_only=True)  # as the portal opens it
    poll(archive)
    o.publish("/rss", "/berita/3", 3)  # "Petani kopi di Temanggung ..."
    poll(archive)
    hits = reader.search("kopi Temanggung").hits
    assert [h.url for h in hits] == [o.url("/berita/3")]
    reader.close()
    archive.close()


def test_a_writer_error_stops_the_workers(tmp_path: Path, outlets: list[Outlet],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The writer failing (a full disk, Ctrl-C) must not leave workers blocked on the
    bounded queue: the round ends with the error, and hosts not started are not polled."""
    from warta.live.watcher import Watcher

    hosts = [new_outlet(outlets, f"Kabar {i}") for i in range(3)]
    archive = open_archive(tmp_path / "a.db")
    for o in hosts:
        o.feed("/rss")
        for n in range(1, 12):
            o.publish("/rss", f"/berita/{n}", n)
        archive.add_source(o.url("/rss"), "rss")

    def broken(self: Watcher, batch: list) -> None:  # noqa: ANN001
        raise OSError("disk full")

    monkeypatch.setattr(Watcher, "store", broken)
    watcher = Watcher(archive, config(threads=1, max_in_flight=2))
    started = time.monotonic()
    with pytest.raises(OSError, match="disk full"):
        watcher.run_round(all_due=True)
    watcher.close()
    assert time.monotonic() - started < 10
    assert sum(1 for o in hosts if o.hits) == 1  # the other two hosts were never started
    archive.close()


def test_robots_crawl_delay_widens_the_gap(tmp_path: Path, outlets: list[Outlet]) -> None:
    o = new_outlet(outlets)
    o.robots = "User-agent: warta\nCrawl-delay: 1\nDisallow: /rahasia/\n"  # whole seconds (robotparser)
    o.feed("/rss")
    o.publish("/rss", "/berita/1", 1)
    o.publish("/rss", "/berita/2", 2)
    archive = open_archive(tmp_path / "a.db")
    archive.add_source(o.url("/rss"), "rss")
    poll(archive)
    times = [h.at for h in o.hits]
    assert [h.path for h in o.hits] == ["/robots.txt", "/rss", "/berita/2", "/berita/1"]
    assert min(b - a for a, b in zip(times[1:], times[2:])) >= 1.0  # after robots.txt is read
    archive.close()
