"""REST API: exact JSON for every endpoint and for every error path."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest
from fastapi.testclient import TestClient

import warta
from tests.conftest import seed_path
from tests.web_support import (
    AS_RUSIA_ID,
    BANJIR_ID,
    BULGARIA_ID,
    CABAI_ID,
    RUMANIA_ID,
    SEED_ID,
    build_archive,
)
from warta.errors import UsageError
from warta.ingest import enrich_available
from warta.parse import parse
from warta.store import open_archive
from warta.web import create_app

SEED_TITLE = "NATO Tolak Permintaan Rusia untuk Tarik Pasukan dari Bulgaria-Rumania"
QUOTE_1 = (
    "NATO tidak akan melepaskan kemampuan kami untuk saling melindungi dan membela, termasuk "
    "dengan kehadiran pasukan di bagian timur Aliansi. Tuntutan Rusia akan menciptakan anggota "
    "NATO kelas satu dan dua, yang tidak dapat kami terima"
)
QUOTE_2 = (
    "Kami menolak gagasan tentang pengaruh di Eropa. Kami akan selalu menanggapi setiap "
    "kerusakan lingkungan keamanan kami, termasuk melalui penguatan pertahanan kolektif kami. "
    "NATO waspada dan terus menilai kebutuhan untuk memperkuat bagian timur Aliansi kami"
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_archive(tmp_path_factory.mktemp("web") / "archive.db")


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture()
def writable(db: Path, tmp_path: Path) -> Iterator[TestClient]:
    copy = tmp_path / "copy.db"
    shutil.copy(db, copy)
    with TestClient(create_app(copy, token="s3cret-token"), raise_server_exceptions=False) as c:
        yield c


def error(code: str, message: str) -> dict[str, object]:
    return {"error": {"code": code, "message": message}}


def summary(article_id: str) -> dict[str, object]:
    rows = {
        SEED_ID: (SEED_TITLE, None, "Internasional", "2022-01-22T11:39:00+07:00", None,
                  ["Nur Aivanni"]),
        BANJIR_ID: ("Banjir Rendam Ratusan Rumah di Kota Contoh", "Harian Contoh", "Metro",
                    "2022-02-10T07:45:00+07:00",
                    "https://hariancontoh.example/metro/banjir-kota-contoh", ["Sari Wulandari"]),
        CABAI_ID: ("Harga Cabai Naik Menjelang Ramadan", "Warta Rekaan", "Ekonomi",
                   "2022-03-15T11:20:00+07:00",
                   "https://wartarekaan.example/ekonomi/harga-cabai-naik", ["Rizky Ananda"]),
        BULGARIA_ID: ("Bulgaria Tolak Tuntutan Rusia soal Pasukan NATO", "Warta Rekaan",
                      "Internasional", "2022-01-24T14:30:00+07:00",
                      "https://wartarekaan.example/internasional/bulgaria-tolak-tuntutan-rusia",
                      ["Dewi Anggraini"]),
        RUMANIA_ID: ("Rumania Siap Sambut Tambahan Pasukan NATO", "Harian Contoh",
                     "Internasional", "2022-01-23T09:05:00+07:00",
                     "https://hariancontoh.example/dunia/rumania-sambut-pasukan-nato",
                     ["Bayu Saputra"]),
        AS_RUSIA_ID: ("AS-Rusia Berjanji untuk Redakan Ketegangan Atas Ukraina", "Warta Rekaan",
                      "Internasional", "2022-01-21T20:15:00+07:00",
                      "https://wartarekaan.example/internasional/as-rusia-redakan-ketegangan",
                      ["Dewi Anggraini"]),
    }
    title, outlet, section, published, url, authors = rows[article_id]
    return {"id": article_id, "title": title, "outlet": outlet, "section": section,
            "published": published, "url": url, "authors": authors}


# -- reading ---------------------------------------------------------------------------------

def test_health(client: TestClient) -> None:
    r = client.get("/api/health")
    assert (r.status_code, r.json()) == (200, {
        "status": "ok", "articles": 6, "read_only": True, "version": warta.__version__})


def test_articles_newest_first_with_pagination(client: TestClient) -> None:
    r = client.get("/api/articles", params={"limit": 2})
    assert r.json() == {"total": 6, "limit": 2, "offset": 0,
                        "items": [summary(CABAI_ID), summary(BANJIR_ID)]}
    r = client.get("/api/articles", params={"limit": 2, "offset": 5})
    assert r.json() == {"total": 6, "limit": 2, "offset": 5, "items": [summary(AS_RUSIA_ID)]}


@pytest.mark.parametrize(("params", "ids"), [
    ({"outlet": "warta-rekaan", "section": "Internasional"}, [BULGARIA_ID, AS_RUSIA_ID]),
    ({"outlet": "Harian Contoh"}, [BANJIR_ID, RUMANIA_ID]),
    ({"author": "Dewi Anggraini"}, [BULGARIA_ID, AS_RUSIA_ID]),
    ({"date_from": "2022-01-23", "date_to": "2022-02"}, [BANJIR_ID, BULGARIA_ID, RUMANIA_ID]),
    ({"date_to": "2022-01-21"}, [AS_RUSIA_ID]),
    ({"section": "olahraga"}, []),
])
def test_article_filters(client: TestClient, params: dict[str, str], ids: list[str]) -> None:
    r = client.get("/api/articles", params=params)
    assert r.status_code == 200
    assert r.json() == {"total": len(ids), "limit": 20, "offset": 0,
                        "items": [summary(i) for i in ids]}


def test_article_is_the_full_record_with_resolved_read_also(client: TestClient) -> None:
    expected = parse(seed_path(), source=str(seed_path()))
    if enrich_available():
        from warta.enrich import enrich

        expected = enrich(expected)
    expected.read_also[0].id = AS_RUSIA_ID  # the fixture article arrived later and resolved it
    expected.read_also[0].match = "exact"
    r = client.get(f"/api/articles/{SEED_ID}")
    assert r.status_code == 200
    assert r.json() == expected.to_dict()
    assert r.json()["read_also"] == [{
        "title": "AS-Rusia Berjanji untuk Redakan Ketegangan Atas Ukraina", "url": None,
        "id": AS_RUSIA_ID, "match": "exact"}]
    assert r.json()["credits"] == {"agencies": ["AFP"], "codes": ["OL-4"]}


def test_related_lists_the_nato_articles_not_the_flood(client: TestClient) -> None:
    r = client.get(f"/api/articles/{SEED_ID}/related", params={"k": 3})
    body = r.json()
    assert body["id"] == SEED_ID
    assert {i["id"] for i in body["items"]} == {AS_RUSIA_ID, BULGARIA_ID, RUMANIA_ID}
    assert list(body["items"][0]) == ["id", "title", "outlet", "published", "score",
                                      "shared_terms", "shared_entities", "days_apart", "reasons"]


def test_search_with_snippet_highlights_and_facets(client: TestClient) -> None:
    r = client.get("/api/search", params={"q": "Lungescu"})
    assert r.json() == {
        "query": "Lungescu", "total": 1, "total_exact": True, "limit": 10, "offset": 0,
        "hits": [{
            "id": SEED_ID, "title": SEED_TITLE, "outlet": None, "section": "Internasional",
            "published": "2022-01-22T11:39:00+07:00", "url": None,
            "score": r.json()["hits"][0]["score"],
            "snippet": "…tidak dapat kami terima,\" kata juru bicara NATO Oana Lungescu.",
            "highlights": [[54, 62]],
        }],
        "facets": {"outlet": [], "section": [{"value": "Internasional", "count": 1}],
                   "month": [{"value": "2022-01", "count": 1}],
                   # the seed's keywords (enrichment), counted over the match set
                   "keyword": [{"value": v, "count": 1} for v in (
                       "Amerika Serikat", "Bulgaria", "Bulgaria-Rumania", "NATO", "Prancis",
                       "Rumania", "Rusia", "Ukraina")]},
    }
    assert r.json()["hits"][0]["snippet"][54:62] == "Lungescu"


def test_search_filters_become_query_language(client: TestClient) -> None:
    r = client.get("/api/search", params={"q": "NATO", "outlet": 'Warta "Rekaan"',
                                          "sort": "date", "facets": "false"})
    body = r.json()
    assert body["query"] == 'NATO outlet:"Warta Rekaan"'
    assert [h["id"] for h in body["hits"]] == [BULGARIA_ID, AS_RUSIA_ID]
    assert body["facets"] == {}


def test_entities_by_label_and_prefix(client: TestClient) -> None:
    r = client.get("/api/entities", params={"label": "PER", "prefix": "oa"})
    assert r.json() == {"total": 1, "limit": 50, "offset": 0, "items": [
        {"id": "oana-lungescu", "name": "Oana Lungescu", "label": "PER", "aliases": [],
         "article_count": 1}]}
    r = client.get("/api/entities", params={"limit": 2})
    assert r.json()["items"][0]["article_count"] >= r.json()["items"][1]["article_count"] >= 3
    assert client.get("/api/entities", params={"label": "ORG", "prefix": "oa"}).json()[
        "total"] == 0


def _seed_quote(text: str, cue: str) -> dict[str, object]:
    return {"article_id": SEED_ID, "title": SEED_TITLE, "outlet": None,
            "published": "2022-01-22T11:39:00+07:00", "speaker": "Oana Lungescu",
            "role": "juru bicara NATO", "kind": "direct", "cue": cue, "text": text,
            "speaker_kind": "public"}


def test_entity_with_mentions_over_time_and_quotes(client: TestClient) -> None:
    r = client.get("/api/entities/oana-lungescu")
    assert r.json() == {
        "id": "oana-lungescu", "name": "Oana Lungescu", "label": "PER", "aliases": [],
        "article_count": 1,
        "mentions_over_time": [{"month": "2022-01", "articles": 1, "mentions": 1}],
        "quotes_total": 2, "quotes_limit": 20, "quotes_offset": 0,
        "quotes": [_seed_quote(QUOTE_1, "kata"), _seed_quote(QUOTE_2, "tuturnya")],
    }
    # issue 9 point 9: the quotes came all at once (50 at most, no way to the rest)
    r = client.get("/api/entities/oana-lungescu", params={"quotes_limit": 1, "quotes_offset": 1})
    assert (r.json()["quotes_total"], r.json()["quotes_limit"], r.json()["quotes_offset"],
            r.json()["quotes"]) == (2, 1, 1, [_seed_quote(QUOTE_2, "tuturnya")])
    r = client.get("/api/entities/oana-lungescu", params={"quotes_limit": 101})
    assert (r.status_code, r.json()) == (422, error(
        "validation_error", "quotes_limit: Input should be less than or equal to 100 "
        "(see /openapi.json for the parameters)"))


def test_entity_by_alias(client: TestClient) -> None:
    r = client.get("/api/entities/AS")
    assert (r.json()["id"], r.json()["aliases"]) == ("amerika-serikat", ["AS"])


def test_quotes_by_speaker(client: TestClient) -> None:
    r = client.get("/api/quotes", params={"speaker": "Oana Lungescu", "limit": 1, "offset": 1})
    assert r.json() == {
        "speaker": {"id": "oana-lungescu", "name": "Oana Lungescu", "label": "PER",
                    "aliases": [], "article_count": 1},
        "total": 2, "limit": 1, "offset": 1, "items": [_seed_quote(QUOTE_2, "tuturnya")],
    }


def test_quotes_by_speaker_kind(client: TestClient) -> None:
    # issue 11: a spokesperson is a public figure, so --public keeps both quotes, --private none
    params = {"speaker": "Oana Lungescu"}
    r = client.get("/api/quotes", params={**params, "speaker_kind": "public"})
    assert (r.json()["total"], [q["speaker_kind"] for q in r.json()["items"]]) == (2, ["public", "public"])
    r = client.get("/api/quotes", params={**params, "speaker_kind": "private"})
    assert (r.json()["total"], r.json()["items"]) == (0, [])
    r = client.get("/api/entities/oana-lungescu", params={"quotes_speaker_kind": "private"})
    assert (r.json()["quotes_total"], r.json()["quotes"]) == (0, [])
    r = client.get("/api/quotes", params={**params, "speaker_kind": "famous"})
    assert (r.status_code, r.json()) == (422, error(
        "validation_error", "speaker_kind: Input should be 'public' or 'private' "
        "(see /openapi.json for the parameters)"))


# -- error paths: one shape everywhere -------------------------------------------------------

@pytest.mark.parametrize(("method", "url", "status", "body"), [
    ("GET", "/api/articles/ffffffffffffffff", 404,
     error("not_found", "no article 'ffffffffffffffff' in this archive")),
    ("GET", "/api/articles/ffffffffffffffff/related", 404,
     error("not_found", "no article 'ffffffffffffffff' in this archive")),
    ("GET", "/api/entities/tidak-ada", 404, error("not_found", "no entity 'tidak-ada' in this archive")),
    ("GET", "/api/quotes?speaker=Siapa", 404, error("not_found", "no speaker 'Siapa' in this archive")),
    ("GET", "/api/nope", 404, error("not_found", "nothing at /api/nope; see /docs for the API")),
    ("DELETE", "/api/articles", 405, error("method_not_allowed", "DELETE is not allowed on /api/articles")),
    ("GET", "/api/articles?limit=0", 422, error(
        "validation_error",
        "limit: Input should be greater than or equal to 1 (see /openapi.json for the parameters)")),
    ("GET", "/api/search", 422, error(
        "validation_error", "q: Field required (see /openapi.json for the parameters)")),
    ("GET", "/api/articles?date_from=kemarin", 422, error(
        "validation_error",
        "date_from: String should match pattern '^\\d{4}(-\\d{2}(-\\d{2})?)?$' "
        "(see /openapi.json for the parameters)")),
    ("GET", "/api/search?q=date:kemarin", 400, error(
        "usage_error", "date:kemarin: not a date; use date:YYYY-MM-DD, date:YYYY-MM, date:YYYY or "
        "date:FROM..TO (either side may be open)")),
    ("GET", "/api/search?q=date:2019-13-01", 400, error(  # used to be 200 with 0 hits
        "usage_error", "date:2019-13-01: not a date; use date:YYYY-MM-DD, date:YYYY-MM, date:YYYY or "
        "date:FROM..TO (either side may be open)")),
    ("GET", "/api/search?q=NOT", 400, error(
        "usage_error", "query 'NOT' has no words to search for; write words, a \"phrase\" or a "
        "filter, e.g. banjir jakarta or outlet:tempo")),
    ("GET", "/api/search?q=banjir%20NOT", 400, error(
        "usage_error", "NOT (or -) must be followed by a word, phrase or filter to exclude, "
        "e.g. banjir NOT jakarta")),
    ("POST", "/api/ingest", 403, error(
        "read_only", "this server is read-only; start it with a token (warta serve --token-env "
        "WARTA_TOKEN) to accept ingest")),
])
def test_error_shape(client: TestClient, method: str, url: str, status: int,
                     body: dict[str, object]) -> None:
    r = client.request(method, url, json={"documents": [{"content": "x"}]})
    assert (r.status_code, r.json()) == (status, body)
    assert r.headers["content-type"] == "application/json"


def test_500_is_json_too(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from warta.store import SQLiteArchive

    def boom(self: SQLiteArchive) -> int:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(SQLiteArchive, "count", boom)
    r = client.get("/api/health")
    assert (r.status_code, r.json()) == (500, error(
        "internal_error", "the server failed on this request; it has been logged, please "
        "report it"))


def test_security_headers(client: TestClient) -> None:
    r = client.get("/api/health")
    assert r.headers["content-security-policy"].startswith("default-src 'self'; script-src 'none'")
    assert r.headers["x-content-type-options"] == "nosniff"


DOCS_CSP = ("default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; "
            "frame-ancestors 'none'; form-action 'self'; img-src 'self' data:; style-src 'self'")


def test_docs_page_uses_installed_files_only(client: TestClient) -> None:
    # issue 9 points 7 and 17: /docs loaded Swagger UI from a CDN its own CSP blocked
    r = client.get("/docs")
    assert r.status_code == 200
    assert r.headers["content-security-policy"] == DOCS_CSP
    page = lxml.html.fromstring(r.text)
    assert [s.get("src") for s in page.iter("script")] == [
        "/docs-files/swagger-ui-bundle.js", "/static/docs.js"]
    assert [s.text for s in page.iter("script")] == [None, None]  # nothing inline
    assert [link.get("href") for link in page.iter("link")] == [
        "/docs-files/swagger-ui.css", "/docs-files/favicon.png"]
    assert "http:" not in r.text and "https:" not in r.text and "//" not in r.text
    for url, kind in (("/docs-files/swagger-ui-bundle.js", "javascript"),
                      ("/docs-files/swagger-ui.css", "text/css"),
                      ("/static/docs.js", "javascript")):
        asset = client.get(url)
        assert asset.status_code == 200 and kind in asset.headers["content-type"], url
    assert len(client.get("/docs-files/swagger-ui-bundle.js").content) > 500_000
    assert 'url: "/openapi.json"' in client.get("/static/docs.js").text
    # only the docs page may run scripts
    assert client.get("/").headers["content-security-policy"].startswith(
        "default-src 'self'; script-src 'none';")
    assert client.get("/docs-files/swagger-ui.css").headers[
        "content-security-policy"].startswith("default-src 'self'; script-src 'none';")


@pytest.mark.parametrize(("url", "location"), [
    ("/api/articles/", "/api/articles"),
    ("/api/articles/?limit=1&offset=2", "/api/articles?limit=1&offset=2"),
    ("/api/entities//", "/api/entities"),
    ("/cari/?q=banjir", "/cari?q=banjir"),
])
def test_trailing_slash_redirect_ignores_the_host_header(client: TestClient, url: str,
                                                         location: str) -> None:
    # issue 9 point 17: the Host header chose the redirect target (http://evil.example/...)
    r = client.get(url, headers={"Host": "evil.example"}, follow_redirects=False)
    assert (r.status_code, r.headers["location"]) == (307, location)


def test_no_redirect_for_unknown_or_protocol_relative_paths(client: TestClient) -> None:
    r = client.get("/api/nope/", follow_redirects=False)
    assert (r.status_code, r.json()) == (404, error(
        "not_found", "nothing at /api/nope/; see /docs for the API"))
    r = client.get("http://testserver//evil.example/", follow_redirects=False)
    assert r.status_code == 404 and "location" not in r.headers


# -- writing ---------------------------------------------------------------------------------

PAGE = ("3 Maret 2022, 10:00 WIB\n\nJembatan Baru Dibuka di Kota Contoh\n\n\nRina Sari | Metro\n\n"
        "Pemerintah Kota Contoh membuka jembatan baru sepanjang 80 meter pada Kamis pagi.\n\n"
        "Jembatan itu menghubungkan dua kecamatan yang selama ini terpisah sungai.\n")


def test_ingest_needs_a_bearer_token(writable: TestClient) -> None:
    body = {"documents": [{"content": PAGE}]}
    r = writable.post("/api/ingest", json=body)
    assert (r.status_code, r.json()) == (401, error(
        "unauthorized", "send the header Authorization: Bearer <token>"))
    assert r.headers["www-authenticate"] == "Bearer"
    r = writable.post("/api/ingest", json=body, headers={"Authorization": "Bearer salah"})
    assert (r.status_code, r.json()) == (403, error(
        "forbidden", "the bearer token is not the server's token"))


def doc_result(index: int, source: str, id_: str | None = None, code: str | None = None,
               message: str | None = None) -> dict[str, object]:
    return {"index": index, "source": source, "status": "stored" if id_ else "failed",
            "id": id_, "code": code, "message": message}


def test_ingest_stores_documents_and_reports_failures(writable: TestClient) -> None:
    auth = {"Authorization": "Bearer s3cret-token"}
    r = writable.post("/api/ingest", headers=auth, json={"documents": [
        {"content": PAGE, "format": "text"}, {"content": "   ", "format": "text"},
        {"content": PAGE, "format": "pdf"}]})
    assert r.status_code == 200
    body = r.json()
    new_id = body["ids"][0]
    empty = "api:1: empty document (3 bytes); nothing to parse"
    pdf = "format 'pdf': use text, html or json"
    assert body == {
        "added": 1, "updated": 0, "unchanged": 0, "links_resolved": 0, "ids": [new_id],
        "failures": [
            {"index": 1, "source": "api:1", "code": "empty_document", "message": empty},
            {"index": 2, "source": "api:2", "code": "usage_error", "message": pdf},
        ],
        "documents": [doc_result(0, "api:0", new_id),
                      doc_result(1, "api:1", None, "empty_document", empty),
                      doc_result(2, "api:2", None, "usage_error", pdf)],
    }
    got = writable.get(f"/api/articles/{new_id}").json()
    assert (got["title"], got["authors"], got["section"]) == (
        "Jembatan Baru Dibuka di Kota Contoh", ["Rina Sari"], "Metro")
    assert writable.get("/api/health").json()["articles"] == 7


def _record(client: TestClient, **change: object) -> str:
    """The stored banjir record as JSON, with fields replaced (warta's own record format)."""
    record = client.get(f"/api/articles/{BANJIR_ID}").json()
    record.update(change)
    return json.dumps(record)


# issue 9 point 14: each of these made the whole request a 500 that stored nothing
FIX = "fix the field or re-create the record with `warta parse`"
BAD_DOCUMENTS = [
    ("deep", lambda c: "[" * 100_000 + "]" * 100_000,
     "deep#1: JSON nested too deeply to read (over about 1,000 levels); fix or re-export the row"),
    ("published", lambda c: _record(c, published="garbage"),
     "published: field 'published': expected an ISO 8601 date-time such as "
     "'2022-01-22T11:39:00+07:00' or null, got 'garbage'; " + FIX),
    ("authors", lambda c: _record(c, authors=5),
     "authors: field 'authors': expected a list of strings, got 5; " + FIX),
    ("surrogate", lambda c: _record(c, title="Banjir \ud800 lagi"),
     "surrogate: field 'title' holds a lone surrogate (\\ud800 at character 7), half of a "
     "UTF-16 pair, which is not text; fix or re-export the row"),
    ("title", lambda c: _record(c, title=5),
     "title: field 'title': expected a string or null, got 5; " + FIX),
    ("read_also", lambda c: _record(c, read_also=["x"]),
     "read_also: field 'read_also[0]': expected an object, got 'x'; " + FIX),
    ("quotes", lambda c: _record(c, quotes=[{}]),
     "quotes: field 'quotes[0]': the required key 'text' is missing; " + FIX),
    ("bigint", lambda c: '{"title": "a", "paragraphs": ["x"], "n": ' + "9" * 5000 + "}",
     "bigint: a number with more than 4,300 digits, which is not data warta can read; "
     "fix or re-export the row"),
]


@pytest.mark.parametrize(("name", "make", "message"), BAD_DOCUMENTS,
                         ids=[b[0] for b in BAD_DOCUMENTS])
def test_ingest_one_bad_document_fails_alone(writable: TestClient, name: str,
                                             make: object, message: str) -> None:
    auth = {"Authorization": "Bearer s3cret-token", "Content-Type": "application/json"}
    content = make(writable)  # type: ignore[operator]
    body = json.dumps({"documents": [
        {"content": content, "format": "json", "source": name},
        {"content": PAGE, "format": "text", "source": "good"}]})
    r = writable.post("/api/ingest", headers=auth,
                      content=body.encode("utf-8", "surrogatepass"))
    assert r.status_code == 200, r.text[:300]
    got = r.json()
    good = parse(PAGE, format="text", source="good").id
    assert got["ids"] == [good]
    assert got["added"] == 1
    failure = got["failures"][0]
    assert (failure["index"], failure["source"], len(got["failures"])) == (0, name, 1)
    assert failure["code"] in ("invalid_document", "invalid_record", "document_error")
    assert failure["message"] == message
    assert [d["status"] for d in got["documents"]] == ["failed", "stored"]
    assert writable.get(f"/api/articles/{good}").status_code == 200
    # kept like the CLI keeps failures: source, code, reason and the raw text
    with open_archive(writable.app.state.backend.db_path) as archive:
        kept = [f for f in archive.failures() if f.source == name]
    assert [(f.code, f.reason) for f in kept] == [(failure["code"], failure["message"])]
    assert kept[0].raw == content.encode("utf-8", "surrogatepass")


def test_ingest_checks_the_token_before_the_body(writable: TestClient, client: TestClient
                                                 ) -> None:
    # issue 9 point 8: an invalid (or unreadable) body without a token was a 422
    for body in ({"documents": []}, {"nope": 1}):
        r = writable.post("/api/ingest", json=body)
        assert (r.status_code, r.json()) == (401, error(
            "unauthorized", "send the header Authorization: Bearer <token>"))
        r = writable.post("/api/ingest", json=body, headers={"Authorization": "Bearer salah"})
        assert (r.status_code, r.json()) == (403, error(
            "forbidden", "the bearer token is not the server's token"))
        r = client.post("/api/ingest", json=body)
        assert (r.status_code, r.json()["error"]["code"]) == (403, "read_only")
    r = writable.post("/api/ingest", content=b"{not json", headers={
        "Content-Type": "application/json"})
    assert r.status_code == 401
    # with the token the body is validated as before
    r = writable.post("/api/ingest", json={"documents": []},
                      headers={"Authorization": "Bearer s3cret-token"})
    assert (r.status_code, r.json()["error"]["code"]) == (422, "validation_error")


def test_body_over_the_limit_is_413(db: Path) -> None:
    app = create_app(db, token="t", max_body_bytes=1000)
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.post("/api/ingest", content=b"{" + b" " * 2000 + b"}",
                   headers={"Authorization": "Bearer t", "Content-Type": "application/json"})
        assert (r.status_code, r.json()) == (413, error(
            "too_large", "request body over the limit of 1000 bytes; send smaller batches"))

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted while reading
            for _ in range(5):
                yield b" " * 400

        r = c.post("/api/ingest", content=chunks(),
                   headers={"Authorization": "Bearer t", "Content-Type": "application/json"})
        assert (r.status_code, r.json()["error"]["code"]) == (413, "too_large")


def test_create_app_refuses_a_missing_archive(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as info:
        create_app(tmp_path / "none.db")
    assert str(info.value) == (
        f"no archive at {tmp_path / 'none.db'}; build one with `warta ingest SOURCES --db "
        f"{tmp_path / 'none.db'}` (or `warta demo`)")
