"""The search analyser: normalisation table, stop words, stemming, positions."""

from __future__ import annotations

import pytest

from warta.lang.normalize import (
    Term,
    analyze,
    analyze_tokens,
    analyze_with_positions,
    normalize_word,
)
from warta.lang.tokenize import tokenize

WORDS = [
    # elongations squeezed; legitimate double letters kept
    ("bangeeet", "banget"),
    ("kerennn", "keren"),
    ("mantappp", "mantap"),
    ("saaaat", "saat"),
    ("maaaaf", "maaf"),
    ("saat", "saat"),
    ("taat", "taat"),
    ("maaf", "maaf"),
    # informal spellings
    ("gak", "tidak"),
    ("nggak", "tidak"),
    ("ga", "tidak"),
    ("tdk", "tidak"),
    ("Udah", "sudah"),
    ("sdh", "sudah"),
    ("Yg", "yang"),
    ("dgn", "dengan"),
    ("krn", "karena"),
    ("utk", "untuk"),
    ("bgt", "banget"),
    # Unicode NFKC and casefolding
    ("ｊａｋａｒｔａ", "jakarta"),
    ("ﬁlm", "film"),
    ("Straße", "strasse"),
    ("JAKARTA", "jakarta"),
    # apostrophe spellings meet
    ("Jum'at", "jumat"),
    ("Jum’at", "jumat"),
]


@pytest.mark.parametrize(("word", "expected"), WORDS)
def test_normalize_word(word: str, expected: str) -> None:
    assert normalize_word(word) == expected


ANALYSED = [
    ("Presiden meresmikan jalan yang dibangun", ["presiden", "resmi", "jalan", "bangun"]),
    ("Anak-anak berlari-lari... Mereka gembira bangeeet!", ["anak", "lari", "gembira"]),
    ("Gak ada yg tahu", ["tahu"]),
    ("ini buku saya", ["buku"]),
    # abbreviations lose dots, hashtags their '#'; numbers, links, mentions only casefolded
    (
        "#PilkadaDamai S.H. https://Contoh.com/A @Warga Rp5.000 2,5% redaksi@Contoh.id",
        ["pilkadadamai", "sh", "https://contoh.com/a", "@warga", "rp", "5.000", "2,5",
         "redaksi@contoh.id"],
    ),  # fmt: skip
    ("“ — ” ... !", []),
    ("", []),
]


@pytest.mark.parametrize(("text", "terms"), ANALYSED)
def test_analyze(text: str, terms: list[str]) -> None:
    assert analyze(text) == terms


def test_keep_stopwords_and_no_stemming() -> None:
    text = "Ini buku yang dibaca saya"
    assert analyze(text, keep_stopwords=True, stem=False) == ["ini", "buku", "yang", "dibaca", "saya"]
    assert analyze(text, keep_stopwords=True) == ["ini", "buku", "yang", "baca", "saya"]
    assert analyze(text, stem=False) == ["buku", "dibaca"]


def test_positions_count_dropped_stop_words() -> None:
    text = "Gak ada yg tahu, kata dr. Ani di https://contoh.com."
    assert analyze_with_positions(text) == [
        Term("tahu", 3, 11, 15),
        Term("kata", 4, 17, 21),
        Term("dr", 5, 22, 25),
        Term("ani", 6, 26, 29),
        Term("https://contoh.com", 8, 33, 51),
    ]


def test_analyze_tokens_matches_analyze() -> None:
    text = "Kebijakannya diumumkan Senin, 12/2/2024, oleh Menteri."
    assert analyze_tokens(tokenize(text)) == analyze(text)
    assert analyze(text) == ["bijak", "umum", "senin", "12/2/2024", "menteri"]


def test_same_word_same_term_whatever_the_spelling() -> None:
    assert analyze("PEMERINTAH") == analyze("pemerintah") == analyze("Pemerintaaah")
