"""h16speed: the quote lexicon's alternations are tries and three per-name rules are memoised;
both must give exactly what the code before gave."""

from __future__ import annotations

import re

import pytest

from warta.enrich import quote_lexicon as ql
from warta.enrich import quote_roles

_TEXTS = [
    "Menurut Kepala Dinas Kesehatan Budi Santoso, pasokan aman. Dia menjelaskan bahwa stok cukup.",
    "“Kami siap,” kata juru bicara NATO Oana Lungescu, Senin (4/3/2024). Katanya, semua aman.",
    "Budi mengatakan kepada wartawan, harga naik. KATANYA dia menyebut ini baru akan dimulai.",
    "Hal itu diungkapkan Ahmed Zaki Iskandar. Menurutnya tak ada keraguan, ujarnya, lanjutnya.",
    "Wasisto menilai hal tersebut tidak tepat, tegas dia; sementara itu, kata Sri, ucap Ali:",
    "Politikus PPP itu memberikan penegasan bahwa Ketua Umum Partai yang juga menjabat sebagai",
]


def _flat(words: object) -> str:
    """The alternation before h16speed: every word escaped, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def lexicons(monkeypatch_module: pytest.MonkeyPatch) -> tuple[ql.QuoteLexicon, ql.QuoteLexicon]:
    trie = ql.QuoteLexicon()
    monkeypatch_module.setattr(ql, "_alt", _flat)
    flat = ql.QuoteLexicon()
    monkeypatch_module.undo()
    return trie, flat


@pytest.fixture(scope="module")
def monkeypatch_module() -> pytest.MonkeyPatch:
    with pytest.MonkeyPatch.context() as mp:
        yield mp


def test_alternation_is_a_trie() -> None:
    # one branch per first character; the shorter word is the longer one's optional tail
    assert ql._alt(["kata", "katanya", "ujar"]) == "(?:(?:k(?:a(?:t(?:a(?:(?:nya))?)))|u(?:jar)))"
    assert re.fullmatch(ql._alt([]), "") is not None  # as the flat empty list did


def test_every_lexicon_pattern_matches_as_the_flat_one(
        lexicons: tuple[ql.QuoteLexicon, ql.QuoteLexicon]) -> None:
    trie, flat = lexicons
    names = [k for k, v in vars(flat).items() if isinstance(v, re.Pattern)]
    assert len(names) >= 20
    compared = 0
    for name in names:
        new, old = getattr(trie, name), getattr(flat, name)
        assert new.pattern != old.pattern, name  # every one holds an alternation
        for text in _TEXTS:
            for pos in range(len(text) + 1):
                got, want = new.match(text, pos), old.match(text, pos)
                assert (got and (got.span(), got.groups())) == (want and (want.span(), want.groups())), (
                    name, text[pos:])
                compared += 1
    assert compared == len(names) * sum(len(t) + 1 for t in _TEXTS)


@pytest.mark.parametrize(("words", "lead"), [
    (["Sosial", "Juliari", "Batubara"], 1), (["RI", "Alamsyah", "Saragih"], 1), (["Menurut", "Mahfud"], 1),
    (["Agung", "Hendriadi"], 0), (["Lending", "OVO", "Natasha", "Ardiani"], 2),
    (["Kota", "Surabaya", "Tri", "Rismaharini"], 2),
])
def test_memoised_name_rules_answer_as_the_rules(words: list[str], lead: int) -> None:
    never = ql.quote_lexicon().never_names
    # asked twice (a list, then the tuple the memo keys on): the same exact answer both times
    assert quote_roles.lead_role_words(words, never) == lead
    assert quote_roles.lead_role_words(tuple(words), never) == lead
    assert quote_roles.no_name_word(words) is False
    assert quote_roles.is_organisation(" ".join(words)) is False


def test_name_rule_memos_are_bounded() -> None:
    for memo in (quote_roles._lead_role_words, quote_roles._no_name_word, quote_roles.is_organisation):
        assert memo.cache_info().maxsize == 16384
    assert quote_roles.lead_role_words(["Menurut", "Mahfud"], ql.quote_lexicon().never_names) == 1
    assert quote_roles.no_name_word(["Surabaya"]) is True
    assert quote_roles.no_name_word([]) is False


@pytest.mark.parametrize("name", ["Kartu Prakerja", "Anne", "Hasyim Asy", "Rp.", "a", "", "(KPK)"])
def test_starts_word_finds_what_the_leading_look_behind_found(name: str) -> None:
    from warta.enrich.lexicon import starts_word

    text = ("Kartu Prakerja dibuka. Program-Kartu Prakerja, kata Anne; Annex dan xAnne, Hasyim Asy'ari. "
            "Rp. 5 juta (KPK) a-a ba a\nAnne Purba\tKartu Prakerjaan")
    literal = re.escape(name)
    for tail in ("", r"(?!\w)", r"\w*", r"(?!\w)(?!\s+Purba(?!\w))"):
        old = re.compile(rf"(?<!\w){literal}{tail}")
        new = re.compile(rf"{starts_word(literal)}{tail}")
        assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)], (name, tail)
    assert starts_word(re.escape("Kartu Prakerja")) == r"Kartu\ Prakerja(?<!\wKartu\ Prakerja)"
