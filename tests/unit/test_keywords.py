"""Keywords: exact lists on an invented article, with and without entities, with an archive's
document frequencies, and the shipped IDF table."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

from tests.conftest import FIXTURES
from warta.enrich.keywords import DEFAULT_IDF, IdfTable, article_terms, keywords, load_idf
from warta.lang.distinctive import distinctive_terms, term_weight
from warta.link.related import distinctive_terms as related_distinctive_terms
from warta.model import Article, Entity, Mention

ARTICLE = json.loads((FIXTURES / "enrich" / "jembatan.json").read_text(encoding="utf-8"))
PLAIN = Article(title=ARTICLE["title"], paragraphs=ARTICLE["paragraphs"])


def test_keywords_of_the_fixture_article() -> None:
    # Display forms as the body writes them ("pembangunan", not the stem "bangun"); the
    # repeated pair "jembatan gantung" is one keyword, its words are not listed again.
    assert keywords(PLAIN) == [
        "Desa Cibening", "Kota Sukamaju", "jembatan gantung", "Rina", "Pemkot", "sungai", "pembangunan", "warga",
    ]
    assert keywords(PLAIN, n=2) == ["Desa Cibening", "Kota Sukamaju"]
    assert keywords(PLAIN, n=0) == []
    assert keywords(Article(title="Judul saja", paragraphs=[])) == []


def test_entities_are_weighted_up_and_cover_their_words() -> None:
    mention = Mention("Asep Sutarna", 4, 15, 27)
    with_entity = Article(
        title=PLAIN.title,
        paragraphs=PLAIN.paragraphs,
        entities=[Entity("Asep Sutarna", "PER", [mention, mention], aliases=["Asep"])],
    )
    result = keywords(with_entity)
    assert result[0] == "Asep Sutarna"
    assert "Asep" not in result and "Sutarna" not in result


def test_entities_given_beside_the_article_count_as_its_own() -> None:
    # enrichment passes the entities it found instead of copying the article with them
    mention = Mention("Asep Sutarna", 4, 15, 27)
    entities = [Entity("Asep Sutarna", "PER", [mention, mention], aliases=["Asep"])]
    on_article = keywords(Article(title=PLAIN.title, paragraphs=PLAIN.paragraphs, entities=entities))
    assert keywords(PLAIN, entities=entities) == on_article
    assert on_article[0] == "Asep Sutarna"
    assert keywords(Article(title=PLAIN.title, paragraphs=PLAIN.paragraphs, entities=entities),
                    entities=[]) == keywords(PLAIN)  # the given list wins, even empty


def test_an_archive_table_changes_the_weights() -> None:
    # In an archive where "jembatan" is everywhere, the phrase and words built on it sink.
    table = IdfTable({"jembatan": 90, "gantung": 2, "warga": 50}, 100)
    assert keywords(PLAIN, n=4, table=table) == ["pembangunan", "Desa Cibening", "Kota Sukamaju", "Pemkot"]


def test_terms_for_archive_lookup_count_the_title_three_times() -> None:
    terms = article_terms(Article(title="Banjir Jakarta", paragraphs=["Banjir merendam Jakarta lagi."]))
    assert sorted(terms.items()) == [("banjir", 4), ("jakarta", 4), ("rendam", 1)]


def test_shipped_idf_table() -> None:
    table = load_idf()
    assert table.total == 23659
    assert len(table.df) == 31938
    assert table.df["kata"] == 13871
    assert table.idf("kata") < table.idf("jembatan") < table.idf("tidakadakatainisamasekali")
    with gzip.open(DEFAULT_IDF, "rt", encoding="utf-8") as handle:
        assert handle.readline() == "#documents\t23659\n"


def test_missing_table_means_plain_term_frequency(tmp_path: Path) -> None:
    empty = load_idf(str(tmp_path / "none.tsv.gz"))
    assert (empty.df, empty.total) == ({}, 1)
    # "pasar pasar" is a reduplication, not a phrase; "Harga" only opens a sentence and the
    # empty table cannot tell a common word from a name, so it stays as written.
    assert keywords(Article(title="Pasar", paragraphs=["Pasar pasar pasar ramai. Harga naik."]), table=empty) == [
        "pasar", "Harga", "naik", "ramai",
    ]
    assert keywords(Article(title="Pasar", paragraphs=["Pasar pasar ramai. Harga naik."])) == [
        "pasar", "ramai", "naik", "harga",
    ]


def test_related_news_and_keywords_share_one_weighting() -> None:
    counts = Counter({"banjir": 3, "jakarta": 1, "ab": 5, "2024": 4, "unik": 2})
    df = {"banjir": 10, "jakarta": 40, "ab": 3, "2024": 5, "unik": 1}
    assert related_distinctive_terms(counts, df, 100) == ["banjir", "jakarta"]  # "unik": no other article
    assert distinctive_terms(counts, df, 100, min_df=1) == ["unik", "banjir", "jakarta"]
    assert round(term_weight(3, 10, 100), 4) == 4.7507  # (1 + ln 3) · ln(90.5 / 10.5 + 1)
