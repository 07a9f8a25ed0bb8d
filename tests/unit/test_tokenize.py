"""Tokenizer: exact tokens, offsets and kinds for every case of issue 3, plus properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.lang.tokenize import KINDS, Token, split_clitics, tokenize


def toks(text: str) -> list[tuple[str, int, int, str]]:
    return [(t.text, t.start, t.end, t.kind) for t in tokenize(text)]


CASES = {
    # numbers in Indonesian formats
    "Harga 100.000 naik 1,5 persen.": [
        ("Harga", 0, 5, "word"), ("100.000", 6, 13, "number"), ("naik", 14, 18, "word"),
        ("1,5", 19, 22, "number"), ("persen", 23, 29, "word"), (".", 29, 30, "punct"),
    ],
    # currency + number: two tokens, written together or apart
    "Rp1,5 triliun": [("Rp", 0, 2, "currency"), ("1,5", 2, 5, "number"), ("triliun", 6, 13, "word")],
    "Rp 20.000": [("Rp", 0, 2, "currency"), ("20.000", 3, 9, "number")],
    "Rp. 750": [("Rp", 0, 2, "currency"), (".", 2, 3, "punct"), ("750", 4, 7, "number")],
    "US$20 juta": [("US$", 0, 3, "currency"), ("20", 3, 5, "number"), ("juta", 6, 10, "word")],
    "pukul 20.30 WIB": [("pukul", 0, 5, "word"), ("20.30", 6, 11, "number"), ("WIB", 12, 15, "word")],
    "pada 12/2/2024.": [("pada", 0, 4, "word"), ("12/2/2024", 5, 14, "number"), (".", 14, 15, "punct")],
    "naik 2,5%": [("naik", 0, 4, "word"), ("2,5", 5, 8, "number"), ("%", 8, 9, "symbol")],
    "skor 3:1 pada 1990-an": [
        ("skor", 0, 4, "word"), ("3:1", 5, 8, "number"), ("pada", 9, 13, "word"),
        ("1990-an", 14, 21, "number"),
    ],
    "jaringan 4G dan COVID-19": [
        ("jaringan", 0, 8, "word"), ("4G", 9, 11, "word"), ("dan", 12, 15, "word"),
        ("COVID-19", 16, 24, "word"),
    ],
    # abbreviations and titles
    "dr. Ani dan Dr. Budi": [
        ("dr.", 0, 3, "abbrev"), ("Ani", 4, 7, "word"), ("dan", 8, 11, "word"),
        ("Dr.", 12, 15, "abbrev"), ("Budi", 16, 20, "word"),
    ],
    "H. Umar dan Hj. Siti": [
        ("H.", 0, 2, "abbrev"), ("Umar", 3, 7, "word"), ("dan", 8, 11, "word"),
        ("Hj.", 12, 15, "abbrev"), ("Siti", 16, 20, "word"),
    ],
    "buku, pena, dll. atau dsb.": [
        ("buku", 0, 4, "word"), (",", 4, 5, "punct"), ("pena", 6, 10, "word"),
        (",", 10, 11, "punct"), ("dll.", 12, 16, "abbrev"), ("atau", 17, 21, "word"),
        ("dsb.", 22, 26, "abbrev"),
    ],
    "Jl. Merdeka No. 7": [
        ("Jl.", 0, 3, "abbrev"), ("Merdeka", 4, 11, "word"), ("No.", 12, 15, "abbrev"),
        ("7", 16, 17, "number"),
    ],
    "Budi, S.H., M.Si. hadir": [
        ("Budi", 0, 4, "word"), (",", 4, 5, "punct"), ("S.H.", 6, 10, "abbrev"),
        (",", 10, 11, "punct"), ("M.Si.", 12, 17, "abbrev"), ("hadir", 18, 23, "word"),
    ],
    "a.n. Budi": [("a.n.", 0, 4, "abbrev"), ("Budi", 5, 9, "word")],
    "B. J. Habibie": [("B.", 0, 2, "abbrev"), ("J.", 3, 5, "abbrev"), ("Habibie", 6, 13, "word")],
    # written without the space
    "Jl.Sudirman B.J.Habibie": [
        ("Jl.", 0, 3, "abbrev"), ("Sudirman", 3, 11, "word"), ("B.J.", 12, 16, "abbrev"),
        ("Habibie", 16, 23, "word"),
    ],
    # case matters: BPK (the audit board) is not bpk. (bapak)
    "oleh BPK. Bpk. Ali": [
        ("oleh", 0, 4, "word"), ("BPK", 5, 8, "word"), (".", 8, 9, "punct"),
        ("Bpk.", 10, 14, "abbrev"), ("Ali", 15, 18, "word"),
    ],
    # not an abbreviation: a sentence-final word keeps its period apart
    "ke pasar.": [("ke", 0, 2, "word"), ("pasar", 3, 8, "word"), (".", 8, 9, "punct")],
    # URLs, e-mails, hashtags, mentions
    "Baca https://contoh.co.id/berita?id=5.": [
        ("Baca", 0, 4, "word"), ("https://contoh.co.id/berita?id=5", 5, 37, "url"),
        (".", 37, 38, "punct"),
    ],
    "di www.contoh.com, atau beritakita.com.": [
        ("di", 0, 2, "word"), ("www.contoh.com", 3, 17, "url"), (",", 17, 18, "punct"),
        ("atau", 19, 23, "word"), ("beritakita.com", 24, 38, "url"), (".", 38, 39, "punct"),
    ],
    "kirim ke redaksi@contoh.co.id.": [
        ("kirim", 0, 5, "word"), ("ke", 6, 8, "word"), ("redaksi@contoh.co.id", 9, 29, "email"),
        (".", 29, 30, "punct"),
    ],
    "#PilkadaDamai dan @warga_kota": [
        ("#PilkadaDamai", 0, 13, "hashtag"), ("dan", 14, 17, "word"),
        ("@warga_kota", 18, 29, "mention"),
    ],
    # straight and curly quotes
    '"Kami siap," kata dia.': [
        ('"', 0, 1, "quote"), ("Kami", 1, 5, "word"), ("siap", 6, 10, "word"),
        (",", 10, 11, "punct"), ('"', 11, 12, "quote"), ("kata", 13, 17, "word"),
        ("dia", 18, 21, "word"), (".", 21, 22, "punct"),
    ],
    "“Kami siap” dan ‘ya’": [
        ("“", 0, 1, "quote"), ("Kami", 1, 5, "word"), ("siap", 6, 10, "word"),
        ("”", 10, 11, "quote"), ("dan", 12, 15, "word"), ("‘", 16, 17, "quote"),
        ("ya", 17, 19, "word"), ("’", 19, 20, "quote"),
    ],
    "hari Jum'at": [("hari", 0, 4, "word"), ("Jum'at", 5, 11, "word")],
    # dashes
    "Jakarta – Bandung—Bogor -- 2019-2020": [
        ("Jakarta", 0, 7, "word"), ("–", 8, 9, "dash"), ("Bandung", 10, 17, "word"),
        ("—", 17, 18, "dash"), ("Bogor", 18, 23, "word"), ("--", 24, 26, "dash"),
        ("2019", 27, 31, "number"), ("-", 31, 32, "dash"), ("2020", 32, 36, "number"),
    ],
    # reduplication stays one token
    "anak-anak membeli sayur-mayur": [
        ("anak-anak", 0, 9, "word"), ("membeli", 10, 17, "word"), ("sayur-mayur", 18, 29, "word"),
    ],
    # other punctuation and symbols
    "Tunggu... (lagi)?! ok…": [
        ("Tunggu", 0, 6, "word"), ("...", 6, 9, "punct"), ("(", 10, 11, "punct"),
        ("lagi", 11, 15, "word"), (")", 15, 16, "punct"), ("?!", 16, 18, "punct"),
        ("ok", 19, 21, "word"), ("…", 21, 22, "punct"),
    ],
    "A & B = 5 km²": [
        ("A", 0, 1, "word"), ("&", 2, 3, "symbol"), ("B", 4, 5, "word"), ("=", 6, 7, "symbol"),
        ("5", 8, 9, "number"), ("km²", 10, 13, "word"),
    ],
    "": [],
    " \n\t ": [],
}


@pytest.mark.parametrize("text", list(CASES), ids=lambda s: s[:30] or "empty")
def test_tokens_and_offsets(text: str) -> None:
    assert toks(text) == CASES[text]


CLITICS = [
    ("bukunya", ("", "buku", "nya")),
    ("rumahku", ("", "rumah", "ku")),
    ("milikmu", ("", "milik", "mu")),
    ("bacalah", ("", "baca", "lah")),
    ("Apakah", ("", "Apa", "kah")),
    ("walaupun", ("", "walau", "pun")),
    ("bukunyalah", ("", "buku", "nyalah")),
    ("rumahkulah", ("", "rumah", "kulah")),
    ("kebijakannya", ("", "kebijakan", "nya")),
    ("anak-anaknya", ("", "anak-anak", "nya")),
    ("kubawa", ("ku", "bawa", "")),
    ("kauambil", ("kau", "ambil", "")),
    # root words that only look like clitic forms stay whole
    ("sekolah", ("", "sekolah", "")),
    ("adalah", ("", "adalah", "")),
    ("kuda", ("", "kuda", "")),
    ("punya", ("", "punya", "")),
    ("ilmu", ("", "ilmu", "")),
    ("bertemu", ("", "bertemu", "")),
    ("Kenya", ("", "Kenya", "")),
]


@pytest.mark.parametrize(("word", "parts"), CLITICS)
def test_split_clitics(word: str, parts: tuple[str, str, str]) -> None:
    assert split_clitics(word) == parts


def test_clitics_exposed_on_word_tokens_only() -> None:
    word, number = tokenize("Kubawa 100")
    assert (word.proclitic, word.base, word.enclitic) == ("Ku", "bawa", "")
    assert (number.proclitic, number.base, number.enclitic) == ("", "100", "")


def test_token_is_a_tuple_of_text_offsets_kind() -> None:
    (tok,) = tokenize("  katanya")
    assert tok == Token("katanya", 2, 9, "word")
    assert tuple(tok) == ("katanya", 2, 9, "word")
    assert tok.enclitic == "nya"


def test_tokenize_rejects_non_text() -> None:
    with pytest.raises(TypeError, match="tokenize\\(\\) needs str, got bytes"):
        tokenize(b"kata")  # type: ignore[arg-type]


_ALPHABET = st.sampled_from(
    list("aAkuRp$.,:;!?-–—'\"“”‘’()#@/%&_ 0123456789\n\tšé²\u200b\u00ad") + ["nya", "dr.", "S.H."]
)


@settings(max_examples=300, deadline=None, database=None)
@given(st.one_of(st.text(), st.lists(_ALPHABET, max_size=40).map("".join)))
def test_offsets_always_slice_the_source(text: str) -> None:
    tokens = tokenize(text)
    previous_end = 0
    for tok in tokens:
        assert text[tok.start : tok.end] == tok.text
        assert tok.start >= previous_end and tok.end > tok.start
        assert not any(ch.isspace() for ch in tok.text)
        assert tok.kind in KINDS
        previous_end = tok.end
    # Nothing but whitespace and the invisible format characters is ever dropped.
    kept = "".join(ch for ch in text if not ch.isspace() and ch not in _INVISIBLE)
    assert "".join(t.text for t in tokens) == kept


_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


def test_a_shipped_two_column_file_of_the_wrong_shape_says_where(monkeypatch: pytest.MonkeyPatch) -> None:
    from warta.errors import DataMissing
    from warta.lang import data as lang_data

    monkeypatch.setattr(lang_data, "_numbered_lines", lambda name: [(3, "ein\tparticle"), (7, "nya")])
    with pytest.raises(DataMissing) as info:
        lang_data._pairs("clitics.tsv")
    assert str(info.value) == ("warta/lang/data/clitics.tsv:7: expected two tab-separated cells, "
                               "got 'nya'; fix the line or reinstall warta")
