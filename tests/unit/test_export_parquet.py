"""Issue 9, point 11: the Parquet export has typed columns (timestamps with their offset,
lists, structs) and round-trips every Article field."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from warta.cli import cli
from warta.ingest import ingest_articles
from warta.model import Amount, Article, Credits, DateMention, Entity, Mention, Quote, ReadAlso
from warta.store import SQLiteArchive
from warta.store.export import article_from_row

pa = pytest.importorskip("pyarrow")  # the parquet extra (in the dev extra too)
pq = pytest.importorskip("pyarrow.parquet")

WIB = timezone(timedelta(hours=7))

NEPAL = Article(title="Waktu Kathmandu", paragraphs=["Isi berita."], url="https://k.example/np",
                published=datetime(2022, 3, 1, 8, 0, tzinfo=timezone(timedelta(hours=5, minutes=45))))
# the archive resolves read_also ids itself: this one points at NEPAL, which is stored too
FULL = Article(
    title="Kemenkeu: Defisit APBN 2,8 Persen",
    paragraphs=["JAKARTA - Menteri Keuangan Sri Mulyani mengatakan defisit naik.",
                "\"Kami waspada,\" kata Sri Mulyani, Senin (21/1/2022)."],
    url="https://k.example/apbn", outlet="kompas.com",
    published=datetime(2022, 1, 22, 11, 39, 5, 250000, tzinfo=WIB), tz="WIB",
    authors=["Rina Wulandari", "Budi"], editors=["Sigit"], section="Ekonomi", dateline="JAKARTA",
    read_also=[ReadAlso("Waktu Kathmandu", "https://k.example/np", NEPAL.id),
               ReadAlso("Tanpa Tautan")],
    credits=Credits(["AFP"], ["OL-4"]), language="id", format="html",
    warnings=["decoded as cp1252"], source="pages/apbn.html", image="https://k.example/a.jpg",
    tags=["apbn", "fiskal"],
    entities=[Entity("Sri Mulyani", "PER", [Mention("Sri Mulyani", 0, 27, 38), Mention("Sri Mulyani", 1, 22, 33)],
                     aliases=["Ani"])],
    quotes=[Quote("Kami waspada,", "direct", "Sri Mulyani", "Sri Mulyani", "Menteri Keuangan", "kata", 1, 1, 14, 1)],
    amounts=[Amount("2,8 persen", 2.8, "%", "defisit", False, 0, 10, 20),
             Amount("100.000 tentara", 100000, None, "tentara", True, 1, 0, 15)],
    dates=[DateMention("Senin (21/1/2022)", "2022-01-21", 1, 34, 51), DateMention("kelak", None, 0, 0, 5)],
    keywords=["Sri Mulyani", "defisit"],
    summary=["JAKARTA - Menteri Keuangan Sri Mulyani mengatakan defisit naik."],
)
NAIVE = Article(title="Tanpa zona", paragraphs=["Isi tanpa zona waktu."], url="https://k.example/naive",
                published=datetime(2022, 3, 1, 8, 0))
UNDATED = Article(title=None, paragraphs=["Tidak bertanggal."], url=None)
ALL = [FULL, NEPAL, NAIVE, UNDATED]


@pytest.fixture(scope="module")
def table(tmp_path_factory: pytest.TempPathFactory) -> pa.Table:
    folder = tmp_path_factory.mktemp("parquet")
    db, target = folder / "a.db", folder / "a.parquet"
    with SQLiteArchive(db) as archive:
        ingest_articles(ALL, archive, workers=0, enrich=False)  # stored as given, compared below
    result = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", "parquet", "-o", str(target)])
    assert (result.exit_code, result.stderr) == (0, f"exported 4 articles to {target}\n")
    return pq.read_table(target)


def test_columns_are_typed(table: pa.Table) -> None:
    string, int32, strings = pa.string(), pa.int32(), pa.list_(pa.string())
    span = [pa.field("paragraph", int32), pa.field("start", int32), pa.field("end", int32)]
    types = {f.name: f.type for f in table.schema}
    assert types["published"] == pa.timestamp("us", tz="UTC")
    assert types["published_offset"] == pa.int16()
    for name in ("authors", "editors", "paragraphs", "warnings", "tags", "keywords", "summary"):
        assert types[name] == strings, name
    assert types["read_also"] == pa.list_(pa.struct([("title", string), ("url", string), ("id", string)]))
    assert types["credits"] == pa.struct([("agencies", strings), ("codes", strings)])
    assert types["entities"] == pa.list_(pa.struct([
        ("name", string), ("label", string), ("aliases", strings),
        ("mentions", pa.list_(pa.struct([pa.field("text", string), *span])))]))
    assert types["quotes"] == pa.list_(pa.struct([
        ("text", string), ("kind", string), ("speaker", string), ("speaker_mention", string),
        ("role", string), ("cue", string), *span, ("end_paragraph", int32), ("affiliation", string),
        ("speaker_kind", string)]))
    assert types["amounts"] == pa.list_(pa.struct([
        ("text", string), ("value", pa.float64()), ("unit", string), ("noun", string),
        ("approximate", pa.bool_()), *span]))
    assert types["dates"] == pa.list_(pa.struct([pa.field("text", string), pa.field("value", string), *span]))
    assert [n for n, t in types.items() if t == string] == [
        "id", "url", "outlet", "title", "tz", "section", "dateline", "language", "format", "source",
        "image", "text"]


def test_values_read_back_exactly(table: pa.Table) -> None:
    rows = {r["url"]: r for r in table.to_pylist()}
    full = rows["https://k.example/apbn"]
    assert full["published"] == datetime(2022, 1, 22, 4, 39, 5, 250000, tzinfo=UTC)
    assert full["published_offset"] == 420
    assert (rows["https://k.example/np"]["published"], rows["https://k.example/np"]["published_offset"]) == (
        datetime(2022, 3, 1, 2, 15, tzinfo=UTC), 345)
    assert (rows["https://k.example/naive"]["published"], rows["https://k.example/naive"]["published_offset"]) == (
        datetime(2022, 3, 1, 8, 0, tzinfo=UTC), None)
    assert (rows[None]["published"], rows[None]["published_offset"]) == (None, None)
    assert full["credits"] == {"agencies": ["AFP"], "codes": ["OL-4"]}
    assert full["read_also"] == [
        {"title": "Waktu Kathmandu", "url": "https://k.example/np", "id": NEPAL.id},
        {"title": "Tanpa Tautan", "url": None, "id": None}]
    assert full["entities"][0]["mentions"][1] == {"text": "Sri Mulyani", "paragraph": 1, "start": 22, "end": 33}
    assert [a["value"] for a in full["amounts"]] == [2.8, 100000.0]
    assert full["dates"][1] == {"text": "kelak", "value": None, "paragraph": 0, "start": 0, "end": 5}
    assert full["text"] == FULL.text
    assert (full["keywords"], full["summary"]) == (FULL.keywords, FULL.summary)


def test_every_article_field_round_trips(table: pa.Table) -> None:
    represented = {f.name for f in table.schema} - {"published_offset", "text"}
    assert represented == {f.name for f in dataclasses.fields(Article)}  # a new field must be exported
    back = {a.url: a for a in map(article_from_row, table.to_pylist())}
    for original in ALL:
        again = back[original.url]
        assert again == original
        assert again.published is None or again.published.isoformat() == original.published.isoformat()  # type: ignore[union-attr]
    # documented: amounts are float64, an integer amount reads back as the same float
    assert back[FULL.url].amounts[1].value == 100000 and isinstance(back[FULL.url].amounts[1].value, float)


def test_empty_archive_exports_an_empty_typed_table(tmp_path: Path) -> None:
    db, target = tmp_path / "a.db", tmp_path / "a.parquet"
    SQLiteArchive(db).close()
    result = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", "parquet", "-o", str(target)])
    assert result.exit_code == 0
    table = pq.read_table(target)
    assert (table.num_rows, table.schema.field("published").type) == (0, pa.timestamp("us", tz="UTC"))
