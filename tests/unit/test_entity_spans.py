"""Entity spans an analyst can use: titles out, cut at `dan`, known types, abbreviations,
aliases across the archive (issue 11, build point 2)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from warta.enrich.entities import (
    ALIASES_ENV,
    _abbreviates,
    _paragraph_mentions,
    entity_key,
    group_mentions,
    split_appositions,
    split_pairs,
    tokenize_with_offsets,
)
from warta.enrich.entity_spans import (
    clean_span,
    load_name_lexicon,
    tag_defined_acronyms,
)
from warta.enrich.ner import apply_rules, tag_known_organisations
from warta.enrich.ner_features import load_gazetteer
from warta.errors import UsageError
from warta.model import Mention


def _spans(text: str, label: str, aliases: dict[str, tuple[str, str]] | None = None
           ) -> list[tuple[str, str]]:
    """Clean one span covering the whole of ``text``; (text, label) of the results."""
    words = text.split()
    return [(" ".join(words[a:b]), lab) for a, b, lab in clean_span(words, 0, len(words), label,
                                                                     aliases)]


def _tagged(words_tags: list[tuple[str, str]], paragraph: int = 0):
    """Mentions of a paragraph given as (word, tag) pairs joined by single spaces."""
    text = " ".join(w for w, _ in words_tags)
    tokens = tokenize_with_offsets(text)
    assert [t[0] for t in tokens] == [w for w, _ in words_tags]
    abbreviations: dict[str, str] = {}
    mentions = _paragraph_mentions(tokens, [t for _, t in words_tags], text, paragraph,
                                   abbreviations)
    return mentions, abbreviations


@pytest.mark.parametrize(("text", "label", "expected"), [
    ("Presiden RI Joko Widodo", "PER", [("Joko Widodo", "PER")]),
    ("RI Joko Widodo", "PER", [("Joko Widodo", "PER")]),
    ("Menteri Sekretaris Negara Pratikno", "PER", [("Pratikno", "PER")]),
    ("Negara Pratikno", "PER", [("Pratikno", "PER")]),
    ("Purn", "PER", []),
    ("Jenderal TNI", "PER", []),
    ("Irjen Pol Karyoto", "PER", [("Karyoto", "PER")]),
    ("Ketua NasDem Sumut Iskandar", "PER",
     [("NasDem", "ORG"), ("Sumut", "LOC"), ("Iskandar", "PER")]),
    ("Papua Lenis Kogoya", "PER", [("Papua", "LOC"), ("Lenis Kogoya", "PER")]),
    ("Dirut DNR Logistics", "PER", [("DNR Logistics", "ORG")]),
    ("Dirut DNR Logistics", "ORG", [("DNR Logistics", "ORG")]),
    ("DNR Logistics Budi Santoso", "PER", [("DNR Logistics", "ORG"), ("Budi Santoso", "PER")]),
    ("Kepala Dinas Kesehatan", "ORG", [("Dinas Kesehatan", "ORG")]),
    ("Sekretaris Negara Pratikno", "LOC", [("Pratikno", "PER")]),
    ("Purbaya Yudhi Sadewa bicara", "LOC", [("Purbaya Yudhi Sadewa", "LOC")]),
])
def test_titles_and_roles_leave_names(text: str, label: str, expected: list) -> None:
    assert _spans(text, label) == expected


@pytest.mark.parametrize(("text", "label", "expected"), [
    ("Polsek Kuta dan Resmob Polda Sulawesi Utara", "ORG",
     [("Polsek Kuta", "ORG"), ("Resmob Polda Sulawesi Utara", "ORG")]),
    ("Komisi Pemberantasan Korupsi dan Polri", "ORG",
     [("Komisi Pemberantasan Korupsi", "ORG"), ("Polri", "ORG")]),
    ("Kementerian Pemuda dan Olahraga", "ORG", [("Kementerian Pemuda dan Olahraga", "ORG")]),
    ("Badan Pengawas Obat dan Makanan", "ORG", [("Badan Pengawas Obat dan Makanan", "ORG")]),
    ("Jawa Barat dan Jawa Tengah", "LOC", [("Jawa Barat", "LOC"), ("Jawa Tengah", "LOC")]),
    ("Prabowo Subianto dan Gibran Rakabuming", "PER",
     [("Prabowo Subianto", "PER"), ("Gibran Rakabuming", "PER")]),
])
def test_spans_cut_at_conjunctions_between_names(text: str, label: str, expected: list) -> None:
    assert _spans(text, label) == expected


@pytest.mark.parametrize(("text", "label", "expected"), [
    ("Kemendagri", "PER", "ORG"),
    ("Polri", "LOC", "ORG"),
    ("Bloomberg", "LOC", "ORG"),
    ("Instagram", "LOC", "ORG"),
    ("Sumut", "PER", "LOC"),  # through the alias table
])
def test_known_names_take_their_known_type(text: str, label: str, expected: str) -> None:
    from warta.enrich.entities import _aliases

    assert _spans(text, label, _aliases()) == [(text, expected)]


def test_lexicon_kinds() -> None:
    lex = load_name_lexicon()
    assert ("presiden",) in lex.roles and ("irjen",) in lex.roles
    assert ("purn",) in lex.parts and ("negara",) in lex.parts
    assert "irjen" in lex.ranks and "presiden" not in lex.ranks
    assert "logistics" in lex.tails and "kabupaten" in lex.places
    assert ("ibu",) not in lex.roles  # ``Ibu Kota Nusantara``


def test_paragraph_mentions_cut_at_sentence_end_and_brackets() -> None:
    mentions, abbreviations = _tagged([
        ("Purbaya", "B-LOC"), ("bicara", "I-LOC"), (".", "I-LOC"), ("Jenderal", "B-PER"),
        ("TNI", "I-PER"), ("(", "I-PER"), ("Purn", "I-PER"), (")", "I-PER"),
        ("Moeldoko", "I-PER"), ("hadir", "O"), ("di", "O"), ("Universitas", "B-ORG"),
        ("Udayana", "I-ORG"), ("(", "O"), ("Unud", "O"), (")", "O"), (".", "O"),
    ], paragraph=3)
    assert [(m.text, m.paragraph, m.start, m.end, lab) for m, lab in mentions] == [
        ("Purbaya", 3, 0, 7, "LOC"), ("Moeldoko", 3, 39, 47, "PER"),
        ("Universitas Udayana", 3, 57, 76, "ORG"), ("Unud", 3, 79, 83, "ORG"),
    ]
    assert abbreviations == {"unud": "universitas udayana"}


def test_full_stop_after_abbreviation_stays_inside_name() -> None:
    # the tokenizer keeps the full stop of an abbreviation it knows (lang/data/abbreviations.tsv)
    assert [t[0] for t in tokenize_with_offsets("Moh. Hatta")] == ["Moh.", "Hatta"]
    mentions, _ = _tagged([("Moh.", "B-PER"), ("Hatta", "I-PER")])
    assert [(m.text, lab) for m, lab in mentions] == [("Moh. Hatta", "PER")]
    mentions, _ = _tagged([("Budi", "B-PER"), ("S", "I-PER"), (".", "I-PER"), ("Tan", "I-PER")])
    assert [(m.text, lab) for m, lab in mentions] == [("Budi S . Tan", "PER")]


def test_full_stop_after_a_word_ends_the_name() -> None:
    # ``… terang Ali. Ali menjelaskan``: the tagger ran one name over the sentence end
    assert [t[0] for t in tokenize_with_offsets("terang Ali. Ali")] == ["terang", "Ali", ".", "Ali"]
    mentions, _ = _tagged([("Ali", "B-PER"), (".", "I-PER"), ("Ali", "I-PER")])
    assert [(m.text, lab) for m, lab in mentions] == [("Ali", "PER"), ("Ali", "PER")]


@pytest.mark.parametrize(("short", "name", "expected"), [
    ("Unud", "Universitas Udayana", True),
    ("BEI", "Bursa Efek Indonesia", True),
    ("Jokowi", "Joko Widodo", True),
    ("UI", "Universitas Indonesia", True),
    ("Jakarta", "Universitas Jayabaya", False),
    ("45", "Budi Santoso", False),
    ("Udayana", "Udayana", False),
    ("Bali", "Universitas Udayana", False),
])
def test_abbreviation_test(short: str, name: str, expected: bool) -> None:
    assert _abbreviates(short, name) is expected


def test_bracket_abbreviation_joins_later_short_form() -> None:
    ents = group_mentions(
        [(Mention("Universitas Udayana", 0, 0, 19), "ORG"), (Mention("Unud", 0, 21, 25), "ORG"),
         (Mention("Unud", 2, 0, 4), "ORG")],
        {"unud": "universitas udayana"},
    )
    assert [(e.name, e.label, e.aliases, len(e.mentions)) for e in ents] == [
        ("Universitas Udayana", "ORG", ["Unud"], 3)]


def test_alias_table_names_and_types_the_entity() -> None:
    ents = group_mentions([(Mention("Gus Ipul", 0, 0, 8), "ORG"),
                           (Mention("Jokowi", 1, 0, 6), "LOC")])
    assert [(e.name, e.label, e.aliases) for e in ents] == [
        ("Saifullah Yusuf", "PER", ["Gus Ipul"]), ("Joko Widodo", "PER", ["Jokowi"])]
    assert entity_key("Gus Ipul", "PER") == entity_key("Saifullah Yusuf", "PER") == (
        "PER:saifullah yusuf")


def test_person_mostly_tagged_person_stays_one_person() -> None:
    ents = group_mentions([
        (Mention("Purbaya Yudhi Sadewa", 0, 0, 20), "PER"),
        (Mention("Purbaya", 1, 0, 7), "LOC"),
        (Mention("Purbaya", 2, 0, 7), "LOC"),
        (Mention("Purbaya Yudhi Sadewa", 3, 0, 20), "PER"),
        (Mention("Purbaya", 4, 0, 7), "PER"),
    ])
    assert [(e.name, e.label, len(e.mentions)) for e in ents] == [
        ("Purbaya Yudhi Sadewa", "PER", 5)]


def test_given_name_tagged_otherwise_joins_unless_a_known_place() -> None:
    from warta.enrich.entities import _Group, _matches

    group = _Group()
    group.add(Mention("Jakarta Budiman", 0, 0, 15), "PER")
    assert _matches(group, "jakarta", "Jakarta", "LOC") is False
    assert _matches(group, "jakarta", "Jakarta", "PER") is True
    group = _Group()
    group.add(Mention("Purbaya Yudhi Sadewa", 0, 0, 20), "PER")
    assert _matches(group, "purbaya", "Purbaya", "LOC") is True


def test_user_alias_file_extends_the_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    extra = tmp_path / "aliases.tsv"
    extra.write_text("# mine\nPak Bas\tBasuki Hadimuljono\tPER\nJokowi\tJoko Widodo\tPER\n",
                     encoding="utf-8")
    monkeypatch.setenv(ALIASES_ENV, str(extra))
    ents = group_mentions([(Mention("Pak Bas", 0, 0, 7), "PER")])
    assert [(e.name, e.aliases) for e in ents] == [("Basuki Hadimuljono", ["Pak Bas"])]
    assert entity_key("Pak Bas", "PER") == "PER:basuki hadimuljono"


@pytest.mark.parametrize(("content", "message"), [
    ("Pak Bas\tBasuki\n", "{path}:1: expected 'alias<TAB>canonical name<TAB>label', got "
                          "'Pak Bas\\tBasuki'; fix or remove the line"),
    ("# ok\nPak Bas\tBasuki\tPERSON\n", "{path}:2: the label must be one of PER, ORG, LOC, EVT, "
                                       "got 'Pak Bas\\tBasuki\\tPERSON'; fix or remove the line"),
])
def test_bad_user_alias_file_says_where(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        content: str, message: str) -> None:
    extra = tmp_path / "aliases.tsv"
    extra.write_text(content, encoding="utf-8")
    monkeypatch.setenv(ALIASES_ENV, str(extra))
    with pytest.raises(UsageError) as info:
        group_mentions([(Mention("Pak Bas", 0, 0, 7), "PER")])
    assert str(info.value) == message.format(path=extra)


def test_missing_user_alias_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ALIASES_ENV, str(tmp_path / "none.tsv"))
    with pytest.raises(UsageError) as info:
        entity_key("Jokowi", "PER")
    assert str(info.value) == (
        f"{tmp_path / 'none.tsv'}: cannot read the alias table named in $WARTA_ALIASES (No such file "
        f"or directory); fix or remove this path in $WARTA_ALIASES (UTF-8 files separated by "
        f"{os.pathsep!r})")


def test_known_organisation_left_untagged_becomes_org() -> None:
    tokens = "Kapolri menyebut Polri dan Bank Indonesia serta Jakarta , kata KPK".split()
    tags = ["O"] * len(tokens)
    apply_rules(tokens, tags, load_gazetteer())  # the tagger's rules keep corpus conventions
    assert tags == ["O"] * 10 + ["B-ORG"]  # (the acronym rule)
    tag_known_organisations(tokens, tags)
    assert tags == ["O", "O", "B-ORG", "O", "B-ORG", "I-ORG", "O", "O", "O", "O", "B-ORG"]


def test_entities_find_known_organisations_the_tagger_left() -> None:
    from warta.enrich.entities import find_mentions

    found = [(m.text, m.start, m.end, lab) for m, lab in find_mentions(["Polri menyatakan siap."])]
    assert found == [("Polri", 0, 5, "ORG")]


# --- issue 11.2, second round: patterns found on the tune half of evals/entities_gold.tsv ---


def _names(mentions: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(name, label) of the entities ``group_mentions`` makes of (text, label) mentions laid
    out one per paragraph."""
    ents = group_mentions([(Mention(t, k, 0, len(t)), lab) for k, (t, lab) in enumerate(mentions)])
    return [(e.name, e.label) for e in ents]


def test_dash_joined_people_split_when_one_is_named_alone() -> None:
    assert _names([("Prabowo Subianto", "PER"), ("Gibran Rakabuming Raka", "PER"),
                   ("Prabowo-Gibran", "PER")]) == [
        ("Prabowo Subianto", "PER"), ("Gibran Rakabuming Raka", "PER")]
    # one side known is enough: the other becomes a person of its own
    assert _names([("Ganjar Pranowo", "PER"), ("Ganjar Pranowo-Mahfud MD", "PER")]) == [
        ("Ganjar Pranowo", "PER"), ("Mahfud MD", "PER")]


def test_dash_inside_one_name_stays() -> None:
    assert _names([("Jean-Pierre Papin", "PER"), ("Papin", "PER")]) == [("Jean-Pierre Papin", "PER")]
    assert _names([("Lee Kang-in", "PER"), ("Kang", "PER")]) == [("Lee Kang-in", "PER"), ("Kang", "PER")]
    # a name particle before the dash: one name, though its last word is used alone
    assert _names([("Ali Al-Habsyi", "PER"), ("Habsyi", "PER")]) == [
        ("Ali Al-Habsyi", "PER"), ("Habsyi", "PER")]


def test_split_pairs_keeps_offsets() -> None:
    text = "pasangan Prabowo - Gibran"
    out = split_pairs([(Mention("Prabowo Subianto", 0, 0, 16), "PER"),
                       (Mention("Prabowo - Gibran", 1, 9, 25), "PER")])
    assert [(m.text, m.start, m.end) for m, _ in out][1:] == [("Prabowo", 9, 16), ("Gibran", 19, 25)]
    assert text[19:25] == "Gibran"


def test_middle_name_joins_the_person() -> None:
    assert _names([("Listyo Sigit Prabowo", "PER"), ("Sigit", "PER")]) == [
        ("Listyo Sigit Prabowo", "PER")]
    # a middle name tagged as something else is not taken for the person
    assert _names([("Listyo Sigit Prabowo", "PER"), ("Sigit", "LOC")]) == [
        ("Listyo Sigit Prabowo", "PER"), ("Sigit", "LOC")]


def test_bung_karno_is_soekarno() -> None:
    assert _names([("Bung Karno", "LOC"), ("Soekarno", "PER")]) == [("Soekarno", "PER")]


def test_defined_acronym_tags_the_organisation() -> None:
    words = ["Tim", "Kampanye", "Nasional", "Koalisi", "Indonesia", "Maju", "(", "TKN", "KIM", ")",
             "menegaskan"]
    tags = ["O"] * len(words)
    tag_defined_acronyms(words, tags)
    assert tags == ["B-ORG"] + ["I-ORG"] * 5 + ["O", "B-ORG", "I-ORG", "O", "O"]


@pytest.mark.parametrize("text", [
    "acara Focus Group Discussion ( FGD ) digelar",  # no organisation head
    "Tim Kampanye Nasional ( TPN ) menegaskan",  # initials do not spell it
    "Badan Intelijen Negara ( bin ) menegaskan",  # not capitals
])
def test_defined_acronym_needs_head_initials_and_capitals(text: str) -> None:
    words = text.split()
    tags = ["O"] * len(words)
    tag_defined_acronyms(words, tags)
    assert tags == ["O"] * len(words)


def test_two_word_abbreviation_joins_its_name() -> None:
    words_tags = [("Tim", "B-ORG"), ("Kampanye", "I-ORG"), ("Nasional", "I-ORG"),
                  ("Koalisi", "I-ORG"), ("Indonesia", "I-ORG"), ("Maju", "I-ORG"), ("(", "O"),
                  ("TKN", "B-ORG"), ("KIM", "B-ORG"), (")", "O"), ("dan", "O"), ("TKN", "B-ORG"),
                  ("KIM", "I-ORG")]
    mentions, abbreviations = _tagged(words_tags)
    full = "Tim Kampanye Nasional Koalisi Indonesia Maju"
    assert [(m.text, lab) for m, lab in mentions] == [
        (full, "ORG"), ("TKN KIM", "ORG"), ("TKN KIM", "ORG")]
    assert abbreviations == {"tkn kim": full.lower()}
    assert [(e.name, len(e.mentions)) for e in group_mentions(mentions, abbreviations)] == [(full, 3)]


@pytest.mark.parametrize(("words_tags", "expected"), [
    # a number opening an amount is no part of the name before it
    ([("Stadion", "B-LOC"), ("Manahan", "I-LOC"), ("20", "I-LOC"), ("ribu", "O")],
     [("Stadion Manahan", "LOC")]),
    # house numbers leave a street
    ([("Jalan", "B-LOC"), ("Cemara", "I-LOC"), ("19", "I-LOC"), (",", "O")],
     [("Jalan Cemara", "LOC")]),
    ([("Jalan", "B-LOC"), ("Kertanegara", "I-LOC"), ("No.", "I-LOC"), ("4", "I-LOC")],
     [("Jalan Kertanegara", "LOC")]),
    # other names may end in a number
    ([("SMA", "B-ORG"), ("Negeri", "I-ORG"), ("1", "I-ORG"), ("Jakarta", "O")],
     [("SMA Negeri 1", "ORG")]),
    # (a known channel: the gazetteer types it whatever the tagger said)
    ([("Trans", "B-LOC"), ("7", "I-LOC"), (",", "O")], [("Trans 7", "ORG")]),
])
def test_numbers_run_on_after_names(words_tags: list[tuple[str, str]],
                                    expected: list[tuple[str, str]]) -> None:
    mentions, _ = _tagged(words_tags)
    assert [(m.text, lab) for m, lab in mentions] == expected


@pytest.mark.parametrize(("words_tags", "expected"), [
    ([("KPU", "B-ORG"), ("Provinsi", "I-ORG"), ("/", "I-ORG"), ("KIP", "I-ORG"), ("Aceh", "I-ORG")],
     [("KPU Provinsi", "ORG"), ("KIP Aceh", "ORG")]),
    ([("MIGA", "B-ORG"), ("—", "I-ORG"), ("Make", "I-ORG"), ("Indonesia", "I-ORG")],
     [("MIGA", "ORG"), ("Make Indonesia", "ORG")]),
])
def test_slash_and_em_dash_end_a_name(words_tags: list[tuple[str, str]],
                                      expected: list[tuple[str, str]]) -> None:
    mentions, _ = _tagged(words_tags)
    assert [(m.text, lab) for m, lab in mentions] == expected


@pytest.mark.parametrize(("text", "label", "expected"), [
    ("Ust. Adi Hidayat", "PER", [("Adi Hidayat", "PER")]),  # a title keeping its full stop
    ("Sheikh Mohammed bin Zayed Al Nahyan", "LOC", [("Mohammed bin Zayed Al Nahyan", "PER")]),
    ("Stadion Kanjuruhan", "PER", [("Stadion Kanjuruhan", "LOC")]),  # a place word opens it
    ("Kota Ambon", "PER", [("Kota Ambon", "LOC")]),
    ("Depok Jawa Barat", "LOC", [("Depok", "LOC"), ("Jawa Barat", "LOC")]),  # two known places
    ("Kebun Raya Bogor", "LOC", [("Kebun Raya Bogor", "LOC")]),  # only ends in one
    ("AS Roma", "LOC", [("AS Roma", "LOC")]),  # an acronym is not taken for a place here
])
def test_titles_places_and_particles(text: str, label: str, expected: list[tuple[str, str]]) -> None:
    assert _spans(text, label) == expected


def test_known_place_tagged_place_is_no_surname() -> None:
    assert _names([("Syarif Hidayatullah Jakarta", "PER"), ("Jakarta", "LOC")]) == [
        ("Syarif Hidayatullah Jakarta", "PER"), ("Jakarta", "LOC")]
    # a surname the lists do not know still joins whatever its label
    assert _names([("Oana Lungescu", "PER"), ("Lungescu", "LOC")]) == [("Oana Lungescu", "PER")]


def test_function_word_after_a_sentence_end_is_no_name() -> None:
    mentions, _ = _tagged([("Polda", "B-ORG"), ("Metro", "I-ORG"), ("Jaya", "I-ORG"), (".", "I-ORG"),
                           ("Sementara", "I-ORG"), ("itu", "O")])
    assert [(m.text, lab) for m, lab in mentions] == [("Polda Metro Jaya", "ORG")]
    # a name after the full stop stays
    mentions, _ = _tagged([("Marion", "B-PER"), ("Jola", "I-PER"), (".", "I-PER"),
                           ("Brisia", "I-PER"), ("Jodie", "I-PER")])
    assert [(m.text, lab) for m, lab in mentions] == [("Marion Jola", "PER"), ("Brisia Jodie", "PER")]


def test_run_on_ending_in_function_words_at_paragraph_end() -> None:
    # the piece after the full stop is nothing but a function word, at the paragraph's end
    mentions, _ = _tagged([("Polda", "B-ORG"), ("Jaya", "I-ORG"), (".", "I-ORG"), ("Namun", "I-ORG")])
    assert [(m.text, lab) for m, lab in mentions] == [("Polda Jaya", "ORG")]


def test_person_closing_an_organisation_span_named_once_by_given_name() -> None:
    # ``Golkar Airlangga Hartarto`` (ORG) with ``Airlangga`` alone elsewhere
    assert _names([("Golkar Airlangga Hartarto", "ORG"), ("Airlangga", "PER"), ("Golkar", "ORG")]) == [
        ("Partai Golkar", "ORG"), ("Airlangga Hartarto", "PER")]
    assert _names([("Kejagung Harli Siregar", "LOC"), ("Kejagung", "ORG"), ("Harli", "PER")]) == [
        ("Kejagung", "ORG"), ("Harli Siregar", "PER")]


@pytest.mark.parametrize("mentions", [
    [("PT Shell Indonesia", "ORG"), ("Shell", "PER")],  # an organisation head before it
    [("YouTube Rocky Gerung Official", "ORG"), ("Rocky Gerung", "PER"), ("Rocky", "PER")],
    [("Universitas Gadjah Mada", "ORG"), ("Gadjah", "PER")],  # after a head word
    [("BNI Ayu Tri Wulan Sari", "ORG"), ("Ayu", "PER")],  # four words: not taken
])
def test_given_name_tail_needs_its_conditions(mentions: list[tuple[str, str]]) -> None:
    texts = {t for t, _ in mentions}
    assert {m.text for m, _ in split_appositions(
        [(Mention(t, k, 0, len(t)), lab) for k, (t, lab) in enumerate(mentions)])} == texts
