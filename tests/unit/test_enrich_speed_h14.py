"""The speed changes of h14speed answer what the plain computations answer: a sentence's
counts skip the quotation-mark test for tokens that are no quotation (the tokenizer gives
those marks the kind ``quote`` only), the tokenizer reads a match's group by subscript, and
keywords find a sentence's first word by a plain loop."""

from __future__ import annotations

from warta.enrich.keywords import _WORDS, _first_word
from warta.enrich.summary import _QUOTES, _token_counts
from warta.lang.tokenize import tokenize

TEXTS = [
    '"Kami siap," kata dia. “Besok.” „Lusa“ «Rabu» 2,5% Rp1.000',
    'a"b ."x" (“kutipan”) —«tanda»— US$20 http://a.id/«x» www.«b».com',
    "12/2/2024 pukul 20.30 WIB, dr. B. J. Habibie: 'kan ``ya'' Jum'at",
    "",
    "   ",
]


def _plain_counts(tokens: list) -> tuple[int, int, int, bool]:
    """The counts as the four separate passes made them."""
    words = [t for t in tokens if t.kind in _WORDS]
    caps = sum(1 for t in words[1:] if t.text[:1].isupper())
    nums = sum(1 for t in tokens if t.kind == "number")
    return len(words), caps, nums, any(t.text in _QUOTES for t in tokens)


def test_quotation_marks_are_tokens_of_kind_quote_only() -> None:
    kinds = {t.kind for text in TEXTS for t in tokenize(text) if t.text in _QUOTES}
    assert kinds == {"quote"}
    for mark in _QUOTES:  # alone, glued on both sides, after a stop
        for text in (mark, f"a{mark}b", f".{mark}", f"{mark}1"):
            assert [t.kind for t in tokenize(text) if t.text == mark] == ["quote"]


def test_sentence_counts_match_the_plain_passes() -> None:
    for text in TEXTS:
        tokens = tokenize(text)
        assert _token_counts(tokens) == _plain_counts(tokens)
    # Kami siap kata dia Besok Lusa Rabu; Besok Lusa Rabu capitalised; 2,5 and 1.000
    assert _token_counts(tokenize(TEXTS[0])) == (7, 3, 2, True)


def test_tokens_keep_text_offsets_and_kinds() -> None:
    tokens = tokenize('Rp1,5 juta "kata" Dr. A-b')
    assert [tuple(t) for t in tokens] == [
        ("Rp", 0, 2, "currency"), ("1,5", 2, 5, "number"), ("juta", 6, 10, "word"),
        ('"', 11, 12, "quote"), ("kata", 12, 16, "word"), ('"', 16, 17, "quote"),
        ("Dr.", 18, 21, "abbrev"), ("A-b", 22, 25, "word"),
    ]


def test_first_word_of_a_sentence() -> None:
    assert _first_word(tokenize('"Kami siap," kata dia.')) == 1
    assert _first_word(tokenize("2024: dr. Budi")) == 6  # an abbreviation counts as a word
    assert _first_word(tokenize("12 , 13")) == -1
    assert _first_word([]) == -1
