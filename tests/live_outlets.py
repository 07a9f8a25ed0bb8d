"""Local outlets for the live tests and benchmark: one ``http.server`` per host on
127.0.0.1, started by the tests, playing a news site — feeds and sitemaps that gain items,
article pages, 304s, robots.txt, and faults (429, 500, hangs, redirect loops, bad XML, huge
feeds, PDF/image items). Every request is logged with its time, so tests can check
politeness. All articles are invented for these tests."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import format_datetime
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

WIB = timezone(timedelta(hours=7))
BASE_TIME = datetime(2026, 11, 30, 9, 0, tzinfo=WIB)

TOPICS = [
    ("Harga beras di Pasar Induk Cipinang turun", "beras", "Pedagang"),
    ("Banjir rob merendam permukiman di pesisir Semarang", "banjir", "Warga"),
    ("Pemerintah provinsi menambah armada bus listrik", "bus", "Kepala dinas"),
    ("Petani kopi di Temanggung menikmati panen raya", "kopi", "Ketua kelompok tani"),
    ("Sekolah rakyat dibuka di tiga kabupaten", "sekolah", "Bupati"),
]


def article_html(n: int, *, outlet: str = "Kabar Lokal", with_title: bool = True,
                 with_date: bool = True, author: str | None = "Rina Wulandari",
                 edition: int = 1) -> bytes:
    """An invented Indonesian news article, number ``n`` (unique text per number)."""
    title, word, who = TOPICS[n % len(TOPICS)]
    title = f"{title} (laporan {n})"
    published = (BASE_TIME + timedelta(minutes=n)).isoformat()
    head = f"<title>{title} - {outlet}</title>" if with_title else ""
    meta = (f'<meta property="article:published_time" content="{published}">' if with_date else "")
    byline = f'<div class="author">Penulis: {author}</div>' if author else ""
    paragraphs = "".join(
        f"<p>{p}</p>" for p in [
            f"SEMARANG, {outlet.upper()} - {who} mengatakan persoalan {word} nomor {n} "
            f"menjadi perhatian warga sejak pekan lalu, edisi {edition}.",
            f"Menurut dia, jumlah warga yang terdampak mencapai {n * 13 + 7} orang dan "
            "pemerintah daerah sudah menyiapkan langkah penanganan.",
            f"\"Kami terus memantau perkembangan {word} setiap hari,\" ujar {who.lower()} "
            "itu kepada wartawan di kantornya, Senin.",
            "Sejumlah warga berharap pemerintah pusat ikut membantu agar masalah serupa "
            "tidak terulang pada tahun depan.",
        ])
    h1 = f"<h1>{title}</h1>" if with_title else ""
    return (f"<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\">{head}{meta}"
            f"<meta property=\"og:type\" content=\"article\"></head><body><article>{h1}"
            f"{byline}{paragraphs}</article></body></html>").encode()


@dataclass
class Feed:
    """A feed or sitemap at ``path`` listing article paths (newest last in ``items``)."""

    path: str
    kind: str = "rss"  # rss | atom | sitemap | newssitemap
    items: list[str] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)
    etag: bool = True
    last_modified: bool = False


@dataclass
class Hit:
    at: float        # time.monotonic() when the request arrived
    path: str
    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)


class _QuietServer(ThreadingHTTPServer):
    """A client hanging up mid-request (a timeout on our side) is normal here: no traceback
    on stderr, where the CLI tests read the command's messages."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass


class Outlet:
    """One host (127.0.0.1:PORT) with its pages, feeds, robots.txt and fault routes."""

    def __init__(self, name: str = "Kabar Lokal", host: str = "127.0.0.1") -> None:
        self.name = name
        self.pages: dict[str, bytes] = {}
        self.page_types: dict[str, str] = {}
        self.feeds: dict[str, Feed] = {}
        self.robots = "User-agent: *\nDisallow: /rahasia/\n"
        self.routes: dict[str, Callable[[BaseHTTPRequestHandler], int]] = {}
        self.hits: list[Hit] = []
        self.home: bytes | None = None
        self.page_delay = 0.0  # seconds an article page takes (a slow outlet)
        self._lock = threading.Lock()
        outlet = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # noqa: N802
                hit = Hit(time.monotonic(), self.path, headers=dict(self.headers))
                with outlet._lock:
                    outlet.hits.append(hit)
                try:
                    hit.status = outlet._serve(self)
                except (BrokenPipeError, ConnectionResetError):
                    hit.status = -1

        self.server = _QuietServer((host, 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()
        self.base = f"http://{host}:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # -- content ---------------------------------------------------------------------
    def url(self, path: str) -> str:
        return self.base + path

    def add_article(self, path: str, n: int, **kw: object) -> str:
        self.pages[path] = article_html(n, outlet=self.name, **kw)  # type: ignore[arg-type]
        return self.url(path)

    def feed(self, path: str, kind: str = "rss", **kw: object) -> Feed:
        feed = Feed(path, kind, **kw)  # type: ignore[arg-type]
        self.feeds[path] = feed
        return feed

    def publish(self, feed_path: str, article_path: str, n: int, *, link: str | None = None,
                **kw: object) -> None:
        """A new article appears on the site and in the feed."""
        if article_path not in self.pages and not article_path.endswith((".pdf", ".jpg")):
            self.add_article(article_path, n, **kw)
        self.feeds[feed_path].items.append(link or article_path)

    def requests_to(self, prefix: str) -> list[Hit]:
        with self._lock:
            return [h for h in self.hits if h.path.startswith(prefix)]

    # -- serving ---------------------------------------------------------------------
    def _send(self, h: BaseHTTPRequestHandler, status: int, body: bytes = b"",
              ctype: str = "text/html; charset=utf-8", headers: dict[str, str] | None = None) -> int:
        h.send_response(status)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.end_headers()
        if body:
            h.wfile.write(body)
        return status

    def _serve(self, h: BaseHTTPRequestHandler) -> int:
        path = h.path
        if path in self.routes:
            return self.routes[path](h)
        if path == "/robots.txt":
            if self.robots is None:
                return self._send(h, 404, b"not found", "text/plain")
            return self._send(h, 200, self.robots.encode(), "text/plain")
        if path in self.feeds:
            return self._serve_feed(h, self.feeds[path])
        if path in self.pages:
            time.sleep(self.page_delay)
            return self._send(h, 200, self.pages[path], self.page_types.get(path, "text/html; charset=utf-8"))
        if path == "/" and self.home is not None:
            return self._send(h, 200, self.home)
        return self._send(h, 404, b"<html><body>Halaman tidak ditemukan</body></html>")

    def _serve_feed(self, h: BaseHTTPRequestHandler, feed: Feed) -> int:
        body = self.render(feed)
        tag = '"' + hashlib.md5(body).hexdigest() + '"'
        headers = {"ETag": tag} if feed.etag else {}
        if feed.etag and h.headers.get("If-None-Match") == tag:
            return self._send(h, 304, headers=headers)
        ctype = "application/rss+xml" if feed.kind == "rss" else (
            "application/atom+xml" if feed.kind == "atom" else "application/xml")
        return self._send(h, 200, body, ctype, headers)

    def render(self, feed: Feed) -> bytes:
        entries = []
        for i, item in enumerate(reversed(feed.items)):
            link = item if item.startswith("http") else self.url(item)
            n = len(feed.items) - i
            when = BASE_TIME + timedelta(minutes=n)
            title = escape(feed.titles.get(item, f"Judul dari feed {n}"))
            version = feed.versions.get(item, when.isoformat())
            if feed.kind == "rss":
                entries.append(f"<item><title>{title}</title><link>{escape(link)}</link>"
                               f"<guid>{escape(link)}</guid><pubDate>{format_datetime(when)}</pubDate>"
                               f"<dc:creator>Redaksi {escape(self.name)}</dc:creator></item>")
            elif feed.kind == "atom":
                entries.append(f"<entry><title>{title}</title><link href=\"{escape(link)}\"/>"
                               f"<id>{escape(link)}</id><published>{when.isoformat()}</published>"
                               f"<updated>{version}</updated></entry>")
            elif feed.kind == "newssitemap":
                entries.append(f"<url><loc>{escape(link)}</loc><news:news><news:publication>"
                               f"<news:name>{escape(self.name)}</news:name><news:language>id"
                               f"</news:language></news:publication><news:publication_date>"
                               f"{when.isoformat()}</news:publication_date><news:title>{title}"
                               "</news:title></news:news></url>")
            else:
                entries.append(f"<url><loc>{escape(link)}</loc><lastmod>{version}</lastmod></url>")
        if feed.kind == "rss":
            return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" "
                    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>"
                    f"<title>{escape(self.name)}</title><link>{self.base}/</link>"
                    f"<description>Berita terbaru</description>{''.join(entries)}"
                    "</channel></rss>").encode()
        if feed.kind == "atom":
            return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><feed "
                    f"xmlns=\"http://www.w3.org/2005/Atom\"><title>{escape(self.name)}</title>"
                    f"<id>{self.base}/</id><updated>{BASE_TIME.isoformat()}</updated>"
                    f"{''.join(entries)}</feed>").encode()
        news = (' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'
                if feed.kind == "newssitemap" else "")
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset "
                f"xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"{news}>"
                f"{''.join(entries)}</urlset>").encode()

    # -- faults ----------------------------------------------------------------------
    def fault(self, path: str, kind: str, **kw: object) -> str:
        """Make ``path`` misbehave: status (with ``status``, ``retry_after``), hang
        (``seconds``), loop (redirect loop), body (``body``, ``ctype``), huge (``size``)."""
        if kind == "status":
            status = int(kw.get("status", 500))  # type: ignore[arg-type]
            extra = {"Retry-After": str(kw["retry_after"])} if "retry_after" in kw else {}
            self.routes[path] = lambda h: self._send(h, status, b"error", "text/plain", extra)
        elif kind == "hang":
            seconds = float(kw.get("seconds", 5.0))  # type: ignore[arg-type]

            def hang(h: BaseHTTPRequestHandler) -> int:
                time.sleep(seconds)
                return self._send(h, 200, b"<rss></rss>", "application/rss+xml")

            self.routes[path] = hang
        elif kind == "loop":
            a, b = path, path + "-lagi"
            self.routes[a] = lambda h: self._send(h, 302, headers={"Location": b})
            self.routes[b] = lambda h: self._send(h, 302, headers={"Location": a})
        elif kind == "body":
            body = kw["body"]
            ctype = str(kw.get("ctype", "application/xml"))
            self.routes[path] = lambda h: self._send(h, 200, body, ctype)  # type: ignore[arg-type]
        elif kind == "huge":
            size = int(kw.get("size", 1_000_000))  # type: ignore[arg-type]
            item = b"<item><title>x</title><link>http://x/y</link></item>"
            body = b"<?xml version=\"1.0\"?><rss><channel><title>Besar</title>" + \
                item * (size // len(item) + 1) + b"</channel></rss>"
            self.routes[path] = lambda h: self._send(h, 200, body, "application/rss+xml")
        return self.url(path)
