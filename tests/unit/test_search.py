"""Search: query language, FTS5 compilation, filters, sorting, facets, snippets."""

from __future__ import annotations

import pytest

from warta.demo import sample_articles
from warta.errors import StoreError, UsageError
from warta.search.fts5 import compile_filters, compile_match
from warta.search.query import And, DateRange, Filter, Not, Or, Term, parse_query
from warta.search.snippets import mark, snippet
from warta.store import SQLiteArchive

SLUGS = {a.id: a.url.rsplit("/", 1)[1] for a in sample_articles()}  # type: ignore[union-attr]


@pytest.fixture(scope="module", params=["tantivy", "fts5"])
def archive(request: pytest.FixtureRequest):
    store = SQLiteArchive(":memory:", engine=request.param)
    store.put_many(sample_articles())
    yield store
    store.close()


# Where the two engines' BM25 variants order the same hits differently (tantivy's title boost
# multiplies the title field's score; FTS5 weights columns inside one bm25()).
FTS5_ORDER = {
    "banjir OR longsor": ["longsor-bogor", "banjir-surut", "banjir-jakarta", "banjir-jakarta-salinan"],
    '"harga beras" OR rupiah': ["rupiah-melemah", "harga-beras", "operasi-pasar"],
}


def slugs(archive: SQLiteArchive, query: str, **kw: object) -> list[str]:
    return [SLUGS[h.id] for h in archive.search(query, **kw).hits]  # type: ignore[arg-type]


# -- the query language ------------------------------------------------------------------


def test_parse_words_phrases_operators_and_filters() -> None:
    parsed = parse_query('("gempa bumi" OR longsor) -jakarta outlet:tempo date:2019-09..2019-10')
    assert parsed.text == And((
        Or((Term(("gempa", "bumi")), Term(("longsor",)))),
        Not(Term(("jakarta",))),
    ))
    assert parsed.filters == [
        Filter("outlet", "tempo"),
        Filter("date", DateRange("2019-09", "2019-10")),
    ]
    assert parsed.positive_terms() == {"gempa", "bumi", "longsor"}


def test_parse_analyses_words_like_the_index() -> None:
    # stemmed and stop words dropped, exactly as the indexed text
    assert parse_query("merendam yang rumah").text == And((Term(("rendam",)), Term(("rumah",))))
    assert parse_query("title:beras").text == Term(("beras",), column="title")
    assert parse_query('NOT author:"Rina Wulandari" banjir').filters == [
        Filter("author", "Rina Wulandari", negated=True)
    ]
    assert parse_query("date:..2024-02-15").filters[0].value == DateRange(None, "2024-02-15")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("date:kemarin", "date:kemarin: not a date; use date:YYYY-MM-DD, date:YYYY-MM, date:YYYY"),
        ("banjir OR outlet:tempo", "filters (outlet:, section:, author:, entity:, date:) cannot sit inside OR"),
        ('outlet:""', "filter outlet: has no value"),
        ("outlet:", "filter outlet: has no value"),
        ("NOT", "query 'NOT' has no words to search for"),
        ("", "query '' has no words to search for"),
        ("   ", "query '   ' has no words to search for"),
        ("AND", "query 'AND' has no words to search for"),
        ("OR ()", "query 'OR ()' has no words to search for"),
        ('"', """query '"' has no words to search for"""),
        ("-", "query '-' has no words to search for"),
        ("banjir NOT", "NOT (or -) must be followed by a word, phrase or filter to exclude"),
        ("banjir NOT )", "NOT (or -) must be followed by a word, phrase or filter to exclude"),
        ("(" * 60 + "banjir", "query nests brackets deeper than 50 levels; flatten it"),
    ],
)
def test_parse_rejects_with_a_clear_message(query: str, message: str) -> None:
    with pytest.raises(UsageError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_query(query)


FORMS = "use date:YYYY-MM-DD, date:YYYY-MM, date:YYYY or date:FROM..TO (either side may be open)"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        # each used to parse and silently match nothing
        ("date:2019-13-01", f"date:2019-13-01: not a date; {FORMS}"),
        ("date:2019-02-30", f"date:2019-02-30: not a date; {FORMS}"),
        ("date:2019-00", f"date:2019-00: not a date; {FORMS}"),
        ("date:0000", f"date:0000: not a date; {FORMS}"),
        ("date:2019-02-30..x", f"date:2019-02-30..x: 2019-02-30 is not a date; {FORMS}"),
        ("date:2019-01-01..2019-1-5", f"date:2019-01-01..2019-1-5: 2019-1-5 is not a date; {FORMS}"),
        ("date:..", f"date:..: the range has no dates; {FORMS}"),
        ("banjir date:2019-10..2019-09", "date:2019-10..2019-09: the range ends before it starts; "
         "write date:FROM..TO with FROM before TO, e.g. date:2019-09-01..2019-09-15"),
        ("outlet:!!!", 'outlet:!!!: has no letters or digits to match; write e.g. outlet:"kompas.com"'),
        ('entity:"--"', 'entity:--: has no letters or digits to match; write e.g. entity:"Joko Widodo"'),
    ],
)
def test_invalid_filters_are_usage_errors_with_the_expected_form(query: str, message: str) -> None:
    with pytest.raises(UsageError) as raised:
        parse_query(query)
    assert str(raised.value) == message


def test_real_dates_and_mixed_precision_ranges_parse() -> None:
    assert parse_query("date:2024-02-29").filters[0].value == DateRange("2024-02-29", "2024-02-29")
    assert parse_query("date:2019-09-15..2019-09").filters[0].value == DateRange("2019-09-15", "2019-09")


@pytest.mark.parametrize(
    ("limit", "offset", "message"),
    [
        (-5, 0, "limit -5: ask for 1 to 1000 hits per page"),
        (0, 0, "limit 0: ask for 1 to 1000 hits per page"),
        (1001, 0, "limit 1001: ask for 1 to 1000 hits per page"),
        (10, -1, "offset -1: use 0 to 100000; to reach later hits, narrow the query (e.g. with date: or outlet:)"),
        (10, 10**12, "offset 1000000000000: use 0 to 100000; to reach later hits, narrow the query "
         "(e.g. with date: or outlet:)"),
    ],
)
def test_search_pages_are_bounded_in_the_library(limit: int, offset: int, message: str) -> None:
    from warta.store import SQLiteArchive

    with SQLiteArchive(":memory:") as archive:
        with pytest.raises(UsageError) as raised:
            archive.search("banjir", limit=limit, offset=offset)
    assert str(raised.value) == message


def test_unknown_field_is_read_as_words() -> None:
    assert parse_query("VIDEO:Banjir").text == Term(("video", "banjir"))


def test_compile_to_fts5() -> None:
    assert compile_match(parse_query('"gempa bumi" longsor -jakarta').text) == (
        '("gempa bumi") AND ("longsor")',
        '("jakarta")',
    )
    assert compile_match(parse_query("title:beras OR rupiah").text) == ('(title : "beras") OR ("rupiah")', None)
    assert compile_match(parse_query("(banjir NOT surut) OR longsor").text) == (
        '((("banjir")) NOT (("surut"))) OR ("longsor")',
        None,
    )
    assert compile_filters(parse_query("section:Ekonomi -outlet:tempo").filters) == (
        ["a.section_key = ?", "NOT ((a.outlet_key = ? OR a.outlet_key LIKE ?))"],
        ["ekonomi", "tempo", "tempo %"],
    )


def test_or_with_a_bare_not_is_refused(archive: SQLiteArchive) -> None:
    with pytest.raises(UsageError, match="a NOT term cannot be one side of OR"):
        archive.search("banjir OR NOT gempa")


# -- searching the fictional sample archive ----------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"perahu karet"', ["banjir-surut", "banjir-jakarta", "banjir-jakarta-salinan"]),
        ("banjir OR longsor", ["longsor-bogor", "banjir-jakarta", "banjir-jakarta-salinan", "banjir-surut"]),
        ("banjir NOT surut", ["banjir-jakarta", "banjir-jakarta-salinan"]),
        ("banjir -cipinang", []),
        ("merendam", ["banjir-jakarta", "banjir-jakarta-salinan", "banjir-surut"]),
        ("title:beras", ["harga-beras", "operasi-pasar"]),
        ('"harga beras" OR rupiah', ["harga-beras", "operasi-pasar", "rupiah-melemah"]),
        ('beras outlet:"kabar fiksi"', ["operasi-pasar"]),
        ('juara -outlet:"kabar fiksi"', ["pawai-juara"]),
        ("section:ekonomi", ["rupiah-melemah", "operasi-pasar", "harga-beras"]),
        ('author:"rina wulandari"', ["banjir-surut", "banjir-jakarta"]),
        ("date:2024-03-01..2024-03-06", ["rupiah-melemah", "operasi-pasar", "harga-beras"]),
        ("date:2024-01", ["gempa-susulan", "gempa-cianjur"]),
        ("yang", []),
    ],
)
def test_search_results(archive: SQLiteArchive, query: str, expected: list[str]) -> None:
    if archive.engine == "fts5":
        expected = FTS5_ORDER.get(query, expected)
    assert slugs(archive, query) == expected


def test_unknown_engine_is_refused() -> None:
    with pytest.raises(StoreError, match="unknown search engine 'lucene'; use one of: tantivy, fts5"):
        SQLiteArchive(":memory:", engine="lucene")


def test_only_negated_terms_list_the_rest_by_date(archive: SQLiteArchive) -> None:
    result = archive.search("NOT banjir", limit=3)
    assert result.total == 9
    assert [SLUGS[h.id] for h in result.hits] == ["pawai-juara", "final-liga", "rupiah-melemah"]


def test_sort_by_date_paging_and_total(archive: SQLiteArchive) -> None:
    assert slugs(archive, "beras", sort="date") == ["operasi-pasar", "harga-beras"]
    page = archive.search('outlet:"harian rekaan"', limit=2, offset=2)
    assert (page.total, [SLUGS[h.id] for h in page.hits]) == (5, ["harga-beras", "banjir-jakarta-salinan"])


def test_facets_count_all_matches(archive: SQLiteArchive) -> None:
    result = archive.search("rumah OR beras", limit=1, facets=True)
    assert result.total == 7  # rumah: 4 flood/landslide stories + the earthquake; beras: 2
    assert result.facets == {
        "outlet": [("Kabar Fiksi", 5), ("Harian Rekaan", 2)],
        "section": [("Ekonomi", 2), ("Metro", 2), ("Nasional", 2), ("Daerah", 1)],
        "month": [("2024-02", 4), ("2024-03", 2), ("2024-01", 1)],
        "keyword": [],  # the fixture archive is not enriched: no keywords
    }


def test_hits_carry_snippets_with_highlighted_words(archive: SQLiteArchive) -> None:
    hit = archive.search('"perahu karet"', limit=1).hits[0]
    assert hit.snippet == (
        "Sutrisno Hadi mengatakan perahu karet tetap disiagakan karena hujan deras diperkirakan turun lagi."
    )
    assert hit.highlights == [(25, 31), (32, 37)]
    assert mark(hit.snippet, hit.highlights, "<mark>", "</mark>").startswith(
        "Sutrisno Hadi mengatakan <mark>perahu</mark> <mark>karet</mark> tetap"
    )
    d = hit.to_dict()
    assert (d["id"], d["outlet"], d["highlights"]) == (hit.id, "Kabar Fiksi", [[25, 31], [32, 37]])


def test_snippet_windows_long_paragraphs_on_the_match() -> None:
    text = "Pembuka " * 60 + "lalu banjir datang."
    got, spans = snippet([text], {"banjir"}, width=60)
    assert got.startswith("…") and got.endswith("banjir datang.")
    assert [got[s:e] for s, e in spans] == ["banjir"]
    assert snippet(["Tanpa kecocokan sama sekali."], {"banjir"}) == ("Tanpa kecocokan sama sekali.", [])
