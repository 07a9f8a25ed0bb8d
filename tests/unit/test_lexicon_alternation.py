"""``alternation`` is shaped as a trie for speed: it must match exactly what the flat,
longest-first alternation it replaced matched (h11p6), and the amount stage's cheap
triggers (no digit and no number word; a phone hint's scan from the first digit) must not
change what it finds."""

from __future__ import annotations

import re

import pytest

from warta.enrich.amounts import extract_amounts
from warta.enrich.lexicon import alternation, rows, word_table


def _flat(words: list[str]) -> str:
    """The earlier ``alternation``: every word, longest first, spaces flexible."""
    escaped = (re.escape(w) for w in sorted(words, key=len, reverse=True))
    return "|".join(w.replace(r"\ ", r"\s+") for w in escaped)


_TEXTS = [
    "Harga naik sekitar Rp 5 juta, kurang lebih 20 persen dari dolar AS tahun lalu.",
    "Dolar  Amerika Serikat, dollar as, DOLAR, dolar Amerika; paling sedikit tiga ratus",
    "sepertiga seperempat sepersepuluh per pertiga Rp. rp rp5 US$ us $ €3",
    "Senin (4/2/2024) pukul 10.00 WIB, kemarin lusa, besok pagi; 5 hingga 7 Maret",
]


@pytest.mark.parametrize("name", [
    "amount_currency_prefix.tsv", "amount_currency_suffix.tsv", "amount_scales.tsv",
    "amount_words.tsv", "date_words.tsv",
])
def test_trie_alternation_matches_as_the_flat_one(name: str) -> None:
    words = list(word_table(name)) + ["dolar", "Dolar AS", "dolar amerika", "a", "ab", "abc"]
    for flags, tail in ((0, ""), (re.IGNORECASE, ""), (re.IGNORECASE, r"(?!\w)")):
        # with a tail the longest word that fits gives way to a shorter one
        trie = re.compile(f"(?:{alternation(words)}){tail}", flags)
        flat = re.compile(f"(?:{_flat(words)}){tail}", flags)
        for text in _TEXTS:
            for pos in range(len(text)):
                got, want = trie.match(text, pos), flat.match(text, pos)
                assert (got and got.span()) == (want and want.span()), (name, text[pos:])


def test_trie_alternation_inside_a_longer_pattern() -> None:
    # backtracking into the alternation to let the rest match: the same choice as before
    words = [w for w, *_ in rows("amount_number_words.tsv")]
    trie = re.compile(rf"(?:{alternation(words)})(?:\s+(?:{alternation(words)}))*\s+orang", re.I)
    flat = re.compile(rf"(?:{_flat(words)})(?:\s+(?:{_flat(words)}))*\s+orang", re.I)
    text = "dua puluh tiga orang, seratus orang, satu orang dan sepertiga orang"
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]
    assert len(list(trie.finditer(text))) == 4


def test_alternation_of_nothing_matches_the_empty_string() -> None:
    assert re.fullmatch(alternation([]), "") is not None
    assert re.fullmatch(_flat([]), "") is not None


@pytest.mark.parametrize(("text", "expected"), [
    ("(+62) 812 3456 7890 atau Rp 5 juta", [("Rp 5 juta", 5000000, "IDR", None, 25)]),
    ("Hubungi (021) 1234567, tiga orang datang", [("tiga orang", 3, None, "orang", 23)]),
    ("+62 812 3456 7890 dua kali", [("dua kali", 2, None, "kali", 18)]),
    ("Tak ada angka di sini, hanya kata.", []),
])
def test_amount_triggers(text: str, expected: list[tuple[str, float | int, str | None, str | None, int]]) -> None:
    found = [(a.text, a.value, a.unit, a.noun, a.start) for a in extract_amounts([text])]
    assert found == expected

