"""The record: every Article survives JSON and back, exactly."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from warta.model import Amount, Article, Credits, DateMention, Entity, Mention, Quote, ReadAlso, article_id

text = st.text(max_size=40)
maybe = st.none() | text
names = st.lists(text, max_size=3)
zones = st.sampled_from([timezone(timedelta(hours=h)) for h in (0, 7, 8, 9, -5)])
published = st.none() | st.builds(
    lambda d, tz: d.replace(tzinfo=tz, microsecond=0), st.datetimes(datetime(1990, 1, 1), datetime(2035, 1, 1)), zones
)
offsets = st.integers(min_value=0, max_value=10_000)
mentions = st.builds(Mention, text=text, paragraph=offsets, start=offsets, end=offsets)
entities = st.builds(Entity, name=text, label=st.sampled_from(["PER", "ORG", "LOC", "EVT"]),
                     mentions=st.lists(mentions, max_size=3), aliases=names)
quotes = st.builds(Quote, text=text, kind=st.sampled_from(["direct", "indirect"]), speaker=maybe,
                   speaker_mention=maybe, role=maybe, cue=maybe, paragraph=offsets, start=offsets,
                   end=offsets, end_paragraph=st.none() | offsets)
amounts = st.builds(Amount, text=text, value=st.integers(-10**15, 10**15) | st.floats(allow_nan=False, allow_infinity=False),
                    unit=maybe, noun=maybe, approximate=st.booleans(), paragraph=offsets, start=offsets, end=offsets)
dates = st.builds(DateMention, text=text, value=maybe, paragraph=offsets, start=offsets, end=offsets)
articles = st.builds(
    Article,
    title=maybe,
    paragraphs=st.lists(text, max_size=4),
    url=maybe,
    outlet=maybe,
    published=published,
    tz=st.sampled_from([None, "WIB", "WITA", "WIT"]),
    authors=names,
    editors=names,
    section=maybe,
    dateline=maybe,
    read_also=st.lists(st.builds(ReadAlso, title=text, url=maybe, id=maybe), max_size=3),
    credits=st.builds(Credits, agencies=names, codes=names),
    format=st.sampled_from(["text", "html", "json", "csv"]),
    warnings=names,
    source=maybe,
    image=maybe,
    tags=names,
    entities=st.lists(entities, max_size=2),
    quotes=st.lists(quotes, max_size=2),
    amounts=st.lists(amounts, max_size=2),
    dates=st.lists(dates, max_size=2),
    keywords=names,
    summary=names,
)


@settings(max_examples=200, deadline=None)
@given(articles)
def test_json_round_trip_is_lossless(article: Article) -> None:
    again = Article.from_json(article.to_json())
    assert again == article
    assert again.to_json() == article.to_json()
    assert Article.from_json(article.to_json(pretty=True)) == article


def test_key_names_are_the_documented_ones() -> None:
    keys = list(Article(title="Judul", paragraphs=["Isi."]).to_dict())
    assert keys == [
        "id", "url", "outlet", "title", "published", "tz", "authors", "editors", "section",
        "dateline", "paragraphs", "read_also", "credits", "language", "format", "warnings",
        "source", "image", "tags", "entities", "quotes", "amounts", "dates", "keywords", "summary",
    ]


def test_ids() -> None:
    assert article_id("kompas.com", "https://kompas.com/a") == article_id("KOMPAS.com", " https://kompas.com/a ")
    assert article_id(None, None, "isi") == Article(paragraphs=["isi"]).id
    assert json.loads(Article(paragraphs=["isi"]).to_json())["id"] == article_id(None, None, "isi")


def test_keywords_and_summary_round_trip() -> None:
    article = Article(title="Judul", paragraphs=["Isi satu.", "Isi dua."], keywords=["isi", "Bank Indonesia"],
                      summary=["Isi satu.", "Isi dua."])
    d = json.loads(article.to_json())
    assert (d["keywords"], d["summary"]) == (["isi", "Bank Indonesia"], ["Isi satu.", "Isi dua."])
    assert Article.from_json(article.to_json()) == article
    # Records written before the fields existed read back with empty lists.
    del d["keywords"], d["summary"]
    old = Article.from_dict(d)
    assert (old.keywords, old.summary) == ([], [])


def test_record_to_dict_is_asdict_in_field_order() -> None:
    """Mention, Quote, Amount and DateMention write their dicts by hand (asdict's deep copy
    was the archive writer's hottest step): same keys, order and values as asdict."""
    from dataclasses import asdict, fields

    records = [
        Mention("Jokowi", 1, 2, 8),
        Quote("Kami siap", "direct", "Joko Widodo", "Jokowi", "Presiden", "kata", 1, 2, 11, 3,
              "Republik Indonesia"),
        Amount("Rp 1,5 juta", 1500000, "IDR", "rumah", True, 2, 0, 11),
        Amount("2,5 persen", 2.5, "%"),
        DateMention("Senin (12/2/2024)", "2024-02-12", 0, 4, 21),
    ]
    for record in records:
        d = record.to_dict()
        assert d == asdict(record)
        assert list(d) == [f.name for f in fields(record)]
