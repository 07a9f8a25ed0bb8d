"""The portal in a real browser: Debian's headless Chromium driven by Playwright.

The server is uvicorn on a free loopback port in a background thread, over an archive of
the seed page and the fictional fixtures. Screenshots go to ``artifacts/screenshots/``.
Without Chromium or Playwright these tests skip on a developer machine and FAIL under CI
(``scripts/test-setup.sh``, run by ``make test``, installs Chromium there).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web_support import SEED_ID, build_archive

CHROMIUM = os.environ.get("WARTA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
SEED_TITLE = "NATO Tolak Permintaan Rusia untuk Tarik Pasukan dari Bulgaria-Rumania"
SEED_STORY, SEED_STORY_LABEL = "c81ed4b92e776", "NATO Tolak Permintaan Rusia untuk Tarik Pasukan dari Bulgaria-Rumania"


def _missing(message: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{message}; CI must run the browser tests (scripts/test-setup.sh, run by `make test`)")
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from warta.web import create_app

    db = build_archive(tmp_path_factory.mktemp("browser") / "archive.db")
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail(f"uvicorn did not start on port {port}")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        _missing(f"Chromium not found at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is not installed (pip install -e .[dev])")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser: object, base_url: str) -> Iterator[object]:
    context = browser.new_context(base_url=base_url, viewport={"width": 1100, "height": 900},
                                  java_script_enabled=False)  # the portal needs no JS
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_seed_article_page(page: object) -> None:
    response = page.goto(f"/artikel/{SEED_ID}")
    assert response.status == 200
    assert page.locator("h1").inner_text() == SEED_TITLE
    assert page.locator(".dateline").inner_text() == "Sabtu, 22 Januari 2022 11:39 WIB"
    assert page.locator(".byline").inner_text() == "Nur Aivanni | Internasional"
    quotes = page.locator("q.kutipan")
    assert quotes.count() == 2
    for i, opening in enumerate(('"NATO tidak akan melepaskan', '"Kami menolak gagasan')):
        assert quotes.nth(i).get_attribute("data-pembicara") == "Oana Lungescu"
        assert quotes.nth(i).inner_text().startswith(opening)
        assert quotes.nth(i).is_visible()
    speakers = page.locator("q.kutipan + .pembicara")
    assert speakers.all_inner_texts() == ["(Oana Lungescu, juru bicara NATO)"] * 2
    assert page.locator(".berita-terkait h2").inner_text() == "BERITA TERKAIT"
    assert page.locator(".berita-terkait li a").count() == 3
    # the stylesheet loaded under the CSP: a blocked sheet would leave the browser's defaults
    color = page.locator(".berita-terkait h2").evaluate("e => getComputedStyle(e).color")
    assert color == "rgb(179, 38, 30)"
    page.screenshot(path=str(SCREENSHOTS / "artikel-seed.png"), full_page=True)


def test_click_related_article_opens_it(page: object) -> None:
    page.goto(f"/artikel/{SEED_ID}")
    first = page.locator(".berita-terkait li a").first
    title, href = first.inner_text(), first.get_attribute("href")
    first.click()
    page.wait_for_url(f"**{href}")
    assert page.locator("h1").inner_text() == title
    assert page.locator(".berita-terkait").is_visible()
    page.screenshot(path=str(SCREENSHOTS / "artikel-terkait.png"), full_page=True)


def test_story_link_on_the_article_page_opens_the_story(page: object) -> None:
    page.goto(f"/artikel/{SEED_ID}")
    line = page.locator("p.bagian-cerita")
    assert line.is_visible()
    # the seed's story: the three articles on NATO troops in Bulgaria and Romania and the
    # 21 January US-Russia talks in Geneva the seed refers to, labelled by its most central
    # title. By the hand-grouping rules the talks are a story of their own; the pair model's
    # gate and threshold (fifth session, chosen leave-one-set-out on three gold sets) join
    # them: a known cost (benchmarks/RESULTS-stories.md)
    assert line.locator(".meta").inner_text() == "4 berita dari 2 media"
    line.locator("a").click()
    page.wait_for_url(f"**/cerita/{SEED_STORY}")
    assert page.locator("h1").inner_text() == SEED_STORY_LABEL
    assert page.locator("ol.linimasa a.judul").count() == 4
    page.screenshot(path=str(SCREENSHOTS / "cerita-seed.png"), full_page=True)


def test_home_page_groups_the_newest_articles_by_story(page: object) -> None:
    page.goto("/")
    group = page.locator("div.cerita-grup")
    assert group.count() == 1
    assert group.locator("h3 a").inner_text() == f"Cerita: {SEED_STORY_LABEL}"
    assert group.locator("h3 a").get_attribute("href") == f"/cerita/{SEED_STORY}"


def test_search_finds_the_seed(page: object) -> None:
    page.goto("/")
    assert page.locator(".jelajah a").all_inner_texts() == [
        "Internasional", "Ekonomi", "Metro", "Warta Rekaan", "Harian Contoh"]
    page.screenshot(path=str(SCREENSHOTS / "beranda.png"), full_page=True)
    page.fill("#cari-q", "Lungescu")
    page.click(".cari-kecil button")
    page.wait_for_url("**/cari?q=Lungescu")
    assert page.locator(".jumlah").inner_text() == "1 hasil untuk Lungescu"
    assert page.locator(".cuplikan mark").all_inner_texts() == ["Lungescu"]
    page.screenshot(path=str(SCREENSHOTS / "cari.png"), full_page=True)
    page.locator(".hit a.judul").first.click()
    page.wait_for_url(f"**/artikel/{SEED_ID}")
    assert page.locator("h1").inner_text() == SEED_TITLE


def test_mobile_layout(browser: object, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, viewport={"width": 375, "height": 740},
                                  java_script_enabled=False)
    page = context.new_page()
    page.goto(f"/artikel/{SEED_ID}")
    # no horizontal scrolling on a phone: the article fits the viewport width
    box = page.locator("article").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375
    page.screenshot(path=str(SCREENSHOTS / "artikel-ponsel.png"), full_page=True)
    page.goto("/entitas/oana-lungescu")
    assert page.locator("figure svg rect").count() == 1
    page.screenshot(path=str(SCREENSHOTS / "entitas.png"), full_page=True)
    context.close()


def test_api_docs_render_from_local_files(browser: object, base_url: str) -> None:
    # issue 9 point 7: /docs was blank (its CSP blocked Swagger UI, loaded from a CDN)
    context = browser.new_context(base_url=base_url, viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    requested: list[str] = []
    console: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("console", lambda message: console.append(message.text))
    response = page.goto("/docs")
    assert response.status == 200
    page.wait_for_selector(".opblock-summary-path")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    methods = page.locator(".opblock-summary-method").all_inner_texts()
    assert sorted(zip(methods, [p.replace("\u200b", "") for p in paths], strict=True)) == [
        ("GET", "/api/articles"), ("GET", "/api/articles/{article_id}"),
        ("GET", "/api/articles/{article_id}/copies"),
        ("GET", "/api/articles/{article_id}/related"), ("GET", "/api/entities"),
        ("GET", "/api/entities/{entity_id}"), ("GET", "/api/health"), ("GET", "/api/quotes"),
        ("GET", "/api/search"), ("GET", "/api/sources"), ("GET", "/api/stories"),
        ("GET", "/api/stories/{story_id}"), ("POST", "/api/ingest"), ("POST", "/api/sources")]
    assert page.locator(".info .title").inner_text().startswith("warta")
    page.screenshot(path=str(SCREENSHOTS / "api-docs.png"), full_page=True)
    # everything came from this server, and the CSP refused nothing
    assert requested and all(url.startswith(base_url + "/") for url in requested), requested
    assert [m for m in console if "Content Security Policy" in m] == []
    context.close()


@pytest.mark.parametrize("months", [9, 12, 15, 24, 36, 60])
def test_chart_month_labels_do_not_overlap_when_drawn(browser: object, months: int) -> None:
    # issue 9 point 9: measured with the browser's own font, not the server's estimate
    from warta.web.svg import mentions_chart

    rows = [{"month": f"{2020 + i // 12}-{i % 12 + 1:02d}", "articles": 1, "mentions": i + 1}
            for i in range(months)]
    context = browser.new_context(viewport={"width": 640, "height": 300})
    page = context.new_page()
    page.set_content(f"<!doctype html><body>{mentions_chart(rows, 't')}</body>")
    boxes = page.eval_on_selector_all(
        "svg text[text-anchor=middle]",
        "ts => ts.map(t => { const b = t.getBBox(); return [b.x, b.x + b.width]; })")
    context.close()
    assert len(boxes) >= 2
    for (_, right), (left, _) in zip(boxes, boxes[1:], strict=False):
        assert left - right >= 2, (months, boxes)
