"""Dates you can trust in exports (issue 10): the column order is learned, never guessed silently."""

from __future__ import annotations

import json
from datetime import date

from tests.conftest import FIXTURES
from warta.parse import iter_outcomes
from warta.parse.export_dates import ExportDates, text_dateline, url_date


def _parse(tmp_path, rows, name="rows.jsonl"):
    path = tmp_path / name
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    outcomes = list(iter_outcomes([str(path)]))
    assert [o.failure for o in outcomes if o.failure] == []
    return [o.article for o in outcomes]


def test_year_day_month_column_is_learned_from_url_dates():
    articles = [o.article for o in iter_outcomes([str(FIXTURES / "export" / "flattened.jsonl")])]
    assert [a.published.isoformat() for a in articles] == [
        "2024-02-12T09:15:00+07:00", "2024-02-13T10:00:00+07:00", "2024-02-14T11:00:00+07:00",
    ]
    assert [a.tz for a in articles] == ["WIB", "WIB", "WIB"]


def test_month_first_column_is_learned_from_its_values():
    articles = [o.article for o in iter_outcomes([str(FIXTURES / "export" / "month_first.csv")])]
    assert [a.published.isoformat() for a in articles] == [
        "2025-10-21T20:43:00+07:00", "2025-11-03T08:00:00+07:00",
        "2025-12-15T07:30:00+07:00", "2026-01-05T19:00:00+07:00",
    ]
    assert articles[0].warnings == ["date '10/21/2025 20:43' names no time zone; assumed WIB (UTC+7)"]


def test_order_that_nothing_tells_is_assumed_with_a_warning(tmp_path):
    [article] = _parse(tmp_path, [{"title": "A", "content": "Isi berita.", "date": "03/04/2024 10:00 WIB"}])
    assert article.published.isoformat() == "2024-04-03T10:00:00+07:00"
    assert article.warnings == [
        "date '03/04/2024 10:00 WIB' read as day-month-year (2024-04-03); nothing in the export tells "
        "its order, it could be 2024-03-04"
    ]


def test_url_date_wins_over_a_contradicting_column(tmp_path):
    [article] = _parse(tmp_path, [{
        "title": "A", "content": "Isi berita.", "date": "2024-03-20", "time": "08:00 WIB",
        "url": "https://contoh.id/read/2024/03/10/berita",
    }])
    assert article.published.isoformat() == "2024-03-10T08:00:00+07:00"
    assert article.warnings == [
        "date column 'date' says 2024-03-20 ('2024-03-20') but the URL says 2024-03-10; published taken from the URL"
    ]


def test_missing_column_takes_the_url_stamp_with_its_time(tmp_path):
    [article] = _parse(tmp_path, [{
        "title": "A", "content": "Isi berita.",
        "source_url": "https://www.contoh.com/nasional/20180105115547-32-266934/judul",
    }])
    assert article.published.isoformat() == "2018-01-05T11:55:47+07:00"
    assert article.warnings == [
        "no publication date column or value",
        "the URL date 2018-01-05 names no time zone; assumed WIB (UTC+7)",
        "published taken from the URL date 2018-01-05",
    ]


def test_no_date_anywhere_is_said(tmp_path):
    [article] = _parse(tmp_path, [{"title": "A", "content": "Isi berita tanpa tanggal."}])
    assert article.published is None
    assert article.warnings == ["no publication date column or value"]


def test_impossible_value_in_the_learned_order_is_not_swapped(tmp_path):
    rows = [{"title": f"A{i}", "content": "Isi.", "date": f"{d}/{m}/2024"} for i, (d, m) in
            enumerate([(13, 1), (14, 2), (15, 3), (16, 4)])]
    rows.append({"title": "B", "content": "Isi.", "date": "05/13/2024"})
    articles = _parse(tmp_path, rows)
    assert articles[-1].published is None
    assert articles[-1].warnings == [
        "date '05/13/2024' is not a date in its column's day-month-year order (decided from its values "
        "(days above 12)); published left empty",
    ]


def test_url_date_and_text_dateline_readers():
    assert url_date("https://x.com/read/2019/09/11/123/judul") == (date(2019, 9, 11), None)
    assert url_date("https://x.com/berita/20180105115547-32-1/judul") == (date(2018, 1, 5), (11, 55, 47))
    assert url_date("https://x.com/berita/123") is None
    assert text_dateline(["Warga berkumpul, Senin (12/2/2024), di balai."]) == (date(2024, 2, 12), "Senin (12/2/2024)")


def test_window_is_bounded_and_rows_still_stream():
    dates = ExportDates({"published": "date", "body": "content"})
    seen = []

    def rows():
        for i in range(1200):
            seen.append(i)
            yield f"r#{i}", {"date": "13/01/2024", "content": "x"}

    stream = dates.learn(rows())
    next(stream)
    assert len(seen) == 500


def test_iso_stamp_with_offset_keeps_its_zone(tmp_path):
    [article] = _parse(tmp_path, [{"title": "A", "content": "Isi.", "date": "2025-10-21T20:43:00+07:00"}])
    assert article.published.isoformat() == "2025-10-21T20:43:00+07:00"
    assert article.tz == "WIB"
    assert article.warnings == []
