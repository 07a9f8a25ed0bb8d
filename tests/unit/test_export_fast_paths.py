"""The export path's fast paths (issue 10 speed) give exactly what the patterns they stand in
for gave: line splitting, token joins, comma-run joins, sentence ends, the closing credit, the
lead, ISO dates and the lone-surrogate check of token lists."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from warta.errors import InvalidRecord
from warta.model import Credits
from warta.parse import outlets
from warta.parse.anatomy import canonical_outlet, split_credit, strip_lead
from warta.parse.dates import parse_datetime
from warta.parse.export import guess_mapping, join_tokens, parse_record, split_paragraphs
from warta.parse.flatten import _sentences, _split_joins

WIB = timezone(timedelta(hours=7), "WIB")


def test_lines_lose_the_white_space_around_breaks_only() -> None:
    assert split_paragraphs("  Satu. \n\n  Dua.\t\n Tiga.  ") == ["  Satu.", "Dua.", "Tiga.  "]
    assert split_paragraphs(" \n\u00a0Satu\r\n\n") == ["Satu"]


def test_tokens_join_without_spaces_inside_brackets_and_before_stops() -> None:
    assert join_tokens(["Harga ( naik ) , kata", "dia .", "[ a ] { b }"]) == "Harga (naik), kata dia. [a] {b}"


def test_a_comma_run_after_a_word_is_a_join_after_a_digit_or_space_it_is_not() -> None:
    assert _split_joins("Ia pergi,,,Lalu pulang. Angka 1,,2 tetap. Spasi ,,Tetap. Awal") == [
        "Ia pergi", "Lalu pulang. Angka 1,,2 tetap. Spasi ,,Tetap. Awal"]
    assert _split_joins(",,Awal tanpa kata") == [",,Awal tanpa kata"]


def test_sentence_ends_skip_abbreviations_and_open_quotations() -> None:
    assert _sentences('Ia datang. "Saya senang. Sekali," katanya. Dr. Budi hadir! Lalu pergi? Ya. Rp. 5 juta.') == [
        "Ia datang.", '"Saya senang. Sekali," katanya.', "Dr. Budi hadir!", "Lalu pergi?", "Ya.", "Rp. 5 juta."]


def test_the_closing_credit_is_the_last_bracket_with_the_spaces_before_it() -> None:
    assert split_credit("Kata (ini) benar.   (AFP/OL-4)  ") == ("Kata (ini) benar.", Credits(["AFP"], ["OL-4"]))
    assert split_credit("Kata (ini) benar. ((AFP)") == ("Kata (ini) benar. (", Credits(["AFP"], []))


def test_a_lead_far_in_only_after_white_space() -> None:
    assert strip_lead("JAKARTA" + " " * 150 + "- Presiden datang.") == ("Presiden datang.", None, "JAKARTA")
    prose = "Presiden " + "datang " * 30 + "- lalu pulang."
    assert strip_lead(prose) == (prose, None, None)


def test_iso_dates_of_exports() -> None:
    assert parse_datetime("2019-09-10 13:30 WIB") == (datetime(2019, 9, 10, 13, 30, tzinfo=WIB), "WIB")
    assert parse_datetime("2019-09-10T13:30:00+07:00") == (datetime(2019, 9, 10, 13, 30, tzinfo=WIB), "WIB")


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"paragraphs": [[["Banjir", "\ud800", "lagi"]]]},
         "rows.jsonl#1: field 'paragraphs[0][0][1]' holds a lone surrogate (\\ud800 at character 0), half of a "
         "UTF-16 pair, which is not text; fix or re-export the row"),
        # The surrogate is reported before the shape, wherever it is.
        ({"paragraphs": [[["\ud800", 5]]]},
         "rows.jsonl#1: field 'paragraphs[0][0][0]' holds a lone surrogate (\\ud800 at character 0), half of a "
         "UTF-16 pair, which is not text; fix or re-export the row"),
        ({"paragraphs": [[["Banjir", 5, "lagi"]]], "x": "\udfff"},
         "rows.jsonl#1: field 'x' holds a lone surrogate (\\udfff at character 0), half of a UTF-16 pair, which "
         "is not text; fix or re-export the row"),
        ({"paragraphs": [[["Banjir", 5]]]},
         "rows.jsonl#1: the body column 'paragraphs': expected text, or IndoSum paragraphs (lists of sentences, "
         "each a list of word strings), but item [0][0][1] is 5; fix or re-export the row"),
    ],
)
def test_token_lists_are_checked_for_lone_surrogates_once_joined(record: dict, message: str) -> None:
    with pytest.raises(InvalidRecord) as err:
        parse_record(record, guess_mapping(record.keys()), source="rows.jsonl#1", fmt="json")
    assert str(err.value) == message


def test_outlet_answers_follow_the_registry_in_effect(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert canonical_outlet("KabarLembah") is None
    extra = tmp_path / "mine.json"
    extra.write_text(json.dumps({"outlets": [{"domain": "kabarlembah.id", "names": ["KabarLembah"]}]}), "utf-8")
    monkeypatch.setenv(outlets.ENV, str(extra))
    assert canonical_outlet("KabarLembah") == "kabarlembah.id"
    monkeypatch.delenv(outlets.ENV)
    assert canonical_outlet("KabarLembah") is None
