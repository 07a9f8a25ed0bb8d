"""Entity mentions, in-article normalisation and the seed acceptance case."""

from __future__ import annotations

import pytest

from tests.conftest import seed_path
from warta.enrich.entities import (
    find_mentions,
    _paragraph_mentions,
    entity_key,
    extract_entities,
    fill_missed_mentions,
    group_mentions,
    tokenize_with_offsets,
)
from warta.model import Entity, Mention


def _m(text: str, paragraph: int = 0, start: int = 0) -> Mention:
    return Mention(text, paragraph, start, start + len(text))


def test_tokens_carry_offsets_and_split_hyphens() -> None:
    text = "Pasukan Bulgaria-Rumania tiba, kata Jubir."
    tokens = tokenize_with_offsets(text)
    assert [t[0] for t in tokens] == [
        "Pasukan", "Bulgaria", "-", "Rumania", "tiba", ",", "kata", "Jubir", ".",
    ]
    assert all(text[s:e] == tok for tok, s, e in tokens)
    assert tokens[3] == ("Rumania", 17, 24)


def test_surname_joins_earlier_full_name() -> None:
    ents = group_mentions([
        (_m("Siti Rahmawati", 0, 10), "PER"),
        (_m("Bandung", 0, 40), "LOC"),
        (_m("Rahmawati", 2, 0), "PER"),
    ])
    assert [(e.name, e.label) for e in ents] == [("Siti Rahmawati", "PER"), ("Bandung", "LOC")]
    assert ents[0].aliases == ["Rahmawati"]
    assert [(m.paragraph, m.start, m.end) for m in ents[0].mentions] == [(0, 10, 24), (2, 0, 9)]


def test_short_form_first_joins_later_full_name() -> None:
    ents = group_mentions([(_m("Rahmawati"), "PER"), (_m("Siti Rahmawati", 1), "PER")])
    assert len(ents) == 1
    assert ents[0].name == "Siti Rahmawati"
    assert ents[0].aliases == ["Rahmawati"]


def test_alias_table_joins_acronym_and_full_name() -> None:
    ents = group_mentions([
        (_m("Amerika Serikat"), "LOC"),
        (_m("AS", 3), "LOC"),
        (_m("Kementerian Keuangan", 4), "ORG"),
    ])
    assert [(e.name, e.label, e.aliases) for e in ents] == [
        ("Amerika Serikat", "LOC", ["AS"]),
        ("Kementerian Keuangan", "ORG", []),
    ]


def test_person_alias_joins_either_order() -> None:
    for order in ([("Joko Widodo", 0), ("Jokowi", 1)], [("Jokowi", 0), ("Joko Widodo", 1)]):
        ents = group_mentions([(_m(text, p), "PER") for text, p in order])
        assert [(e.name, e.aliases, len(e.mentions)) for e in ents] == [
            ("Joko Widodo", ["Jokowi"], 2)
        ]


def test_acronym_of_earlier_name_joins_it() -> None:
    ents = group_mentions([(_m("Badan Riset Kelautan"), "ORG"), (_m("BRK", 1), "ORG")])
    assert [(e.name, e.aliases) for e in ents] == [("Badan Riset Kelautan", ["BRK"])]


def test_alias_alone_takes_canonical_name() -> None:
    ents = group_mentions([(_m("AS"), "LOC")])
    assert (ents[0].name, ents[0].aliases) == ("Amerika Serikat", ["AS"])


def test_label_is_majority_and_first_wins_ties() -> None:
    ents = group_mentions([
        (_m("Garuda"), "ORG"), (_m("Garuda", 1), "LOC"), (_m("Garuda", 2), "ORG"),
        (_m("Merapi"), "LOC"), (_m("Merapi", 1), "ORG"),
    ])
    assert [(e.name, e.label) for e in ents] == [("Garuda", "ORG"), ("Merapi", "LOC")]


def test_bare_surname_goes_to_latest_person_and_mislabelled_surname_joins() -> None:
    ents = group_mentions([
        (_m("Budi Santoso"), "PER"), (_m("Andi Santoso", 1), "PER"),
        (_m("Santoso", 2), "PER"), (_m("Santoso", 3), "LOC"),
    ])
    assert [(e.name, len(e.mentions)) for e in ents] == [("Budi Santoso", 1), ("Andi Santoso", 3)]
    assert ents[1].label == "PER"


def test_short_form_first_keeps_mentions_in_text_order() -> None:
    ents = group_mentions([(_m("Rahmawati", 0, 5), "PER"), (_m("Siti Rahmawati", 1, 0), "PER"),
                           (_m("Rahmawati", 2, 7), "PER")])
    assert [(m.paragraph, m.text) for m in ents[0].mentions] == [
        (0, "Rahmawati"), (1, "Siti Rahmawati"), (2, "Rahmawati"),
    ]


def test_different_people_sharing_no_name_stay_apart() -> None:
    ents = group_mentions([(_m("Budi Santoso"), "PER"), (_m("Andi Wijaya"), "PER")])
    assert [e.name for e in ents] == ["Budi Santoso", "Andi Wijaya"]


def test_fill_missed_mentions_adds_untagged_repeats() -> None:
    paras = ["Menurut Siti Rahmawati, harga naik.", "Rahmawati menambahkan, stok aman di Depok.",
             "Warga Depok-Baru dan rahmawati kecil."]
    ents = [
        Entity("Siti Rahmawati", "PER", [Mention("Siti Rahmawati", 0, 8, 22)]),
        Entity("Depok", "LOC", [Mention("Depok", 1, 36, 41)]),
    ]
    fill_missed_mentions(paras, ents)
    assert [(m.text, m.paragraph, m.start) for m in ents[0].mentions] == [
        ("Siti Rahmawati", 0, 8), ("Rahmawati", 1, 0),
    ]
    assert [(m.text, m.paragraph, m.start) for m in ents[1].mentions] == [
        ("Depok", 1, 36), ("Depok", 2, 6),
    ]


def test_apposition_span_is_split_when_person_is_named_elsewhere() -> None:
    ents = group_mentions([
        (Mention("Persib Bayu Saputra", 0, 6, 25), "ORG"),
        (Mention("Bayu Saputra", 1, 0, 12), "PER"),
    ])
    assert [(e.name, e.label) for e in ents] == [("Persib", "ORG"), ("Bayu Saputra", "PER")]
    assert [(m.paragraph, m.start, m.end) for m in ents[0].mentions] == [(0, 6, 12)]
    assert [(m.paragraph, m.start, m.end) for m in ents[1].mentions] == [(0, 13, 25), (1, 0, 12)]


def test_person_span_opening_with_a_known_organisation_is_split() -> None:
    ents = group_mentions([
        (Mention("BRK", 0, 0, 3), "ORG"),
        (Mention("BRK Siti Rahmawati", 1, 10, 28), "PER"),
    ])
    assert [(e.name, e.label, [(m.paragraph, m.start, m.end) for m in e.mentions])
            for e in ents] == [("BRK", "ORG", [(0, 0, 3), (1, 10, 13)]),
                               ("Siti Rahmawati", "PER", [(1, 14, 28)])]


def test_written_form_prefers_mixed_case() -> None:
    ents = group_mentions([(_m("JAKARTA"), "LOC"), (_m("Jakarta", 1), "LOC")])
    assert [(e.name, e.aliases) for e in ents] == [("Jakarta", [])]


def test_entity_key_folds_case_accents_and_aliases() -> None:
    assert entity_key("Oana  Lungescu", "PER") == "PER:oana lungescu"
    assert entity_key("AS", "LOC") == "LOC:amerika serikat"
    assert entity_key("Amérika Serikat", "LOC") == "LOC:amerika serikat"
    assert entity_key("AS", "PER") == "PER:as"


def test_extract_entities_offsets_point_into_paragraphs() -> None:
    paras = [
        "Gubernur Jawa Tengah Ganjar Pranowo meninjau banjir di Semarang pada Senin.",
        "Menurut Ganjar, pemerintah provinsi menyiapkan bantuan.",
    ]
    ents = extract_entities(paras)
    for ent in ents:
        for m in ent.mentions:
            assert paras[m.paragraph][m.start : m.end] == m.text
    names = {(e.name, e.label) for e in ents}
    assert ("Ganjar Pranowo", "PER") in names
    assert ("Semarang", "LOC") in names
    ganjar = next(e for e in ents if e.name == "Ganjar Pranowo")
    assert [(m.paragraph, m.text) for m in ganjar.mentions] == [
        (0, "Ganjar Pranowo"), (1, "Ganjar"),
    ]


def test_spans_are_cut_at_commas_and_brackets() -> None:
    paragraph = "Di Hotel Mulia, Senayan (Jakarta) hari ini."
    tokens = tokenize_with_offsets(paragraph)
    tags = ["O", "B-LOC", "I-LOC", "I-LOC", "I-LOC", "I-LOC", "I-LOC", "I-LOC", "O", "O", "O"]
    assert len(tags) == len(tokens)
    mentions = _paragraph_mentions(tokens, tags, paragraph, 2)
    assert [(m.text, m.paragraph, m.start, m.end, lab) for m, lab in mentions] == [
        ("Hotel Mulia", 2, 3, 14, "LOC"), ("Senayan", 2, 16, 23, "LOC"),
        ("Jakarta", 2, 25, 32, "LOC"),
    ]


def test_extract_entities_of_nothing() -> None:
    assert extract_entities([]) == []
    assert extract_entities(["", "   "]) == []


def _seed_paragraphs() -> list[str]:
    """Body paragraphs of the seed page: line 8 to the credit, without `Baca juga`."""
    lines = seed_path().read_text(encoding="utf-8").splitlines()
    body = [ln.strip() for ln in lines[7:28] if ln.strip()]
    body = [ln for ln in body if not ln.startswith("Baca juga:")]
    body[-1] = body[-1].replace("(AFP/OL-4)", "").strip()
    return body


@pytest.mark.shared
def test_seed_entities() -> None:
    paras = _seed_paragraphs()
    assert len(paras) == 10
    ents: list[Entity] = extract_entities(paras)
    found = {(e.name, e.label) for e in ents}
    expected = {
        ("Oana Lungescu", "PER"), ("Emmanuel Macron", "PER"),
        ("NATO", "ORG"), ("Kementerian Luar Negeri Rusia", "ORG"),
        ("Rusia", "LOC"), ("Bulgaria", "LOC"), ("Rumania", "LOC"), ("Ukraina", "LOC"),
        ("Amerika Serikat", "LOC"), ("Prancis", "LOC"), ("Washington", "LOC"),
        ("Moskow", "LOC"), ("Eropa", "LOC"),
    }
    assert expected <= found
    by_name = {e.name: e for e in ents}
    assert by_name["Amerika Serikat"].aliases == ["AS"]
    assert len(by_name["Amerika Serikat"].mentions) == 3
    assert len(by_name["NATO"].mentions) == 6


def test_office_place_run_into_a_name_is_cut_by_how_the_article_refers_back() -> None:
    paragraphs = [
        "Wali Kota Sukamaju Rina Hartati meresmikan pasar baru di Kota Sukamaju.",
        "Pasar itu dibangun selama setahun, kata Rina.",
    ]
    entities = {e.name: e for e in extract_entities(paragraphs)}
    rina = entities["Rina Hartati"]
    assert rina.label == "PER"
    assert "Sukamaju Rina Hartati" not in rina.aliases
    assert [(m.text, m.paragraph, m.start, m.end) for m in rina.mentions] == [
        ("Rina Hartati", 0, 19, 31), ("Rina", 1, 40, 44)]



def test_a_name_never_runs_out_of_a_quotation_but_keeps_a_quoted_nickname() -> None:
    text = ("Petinju dengan jargon 'Salam dari Binjai' Paris Pernandes naik ring. "
            "Anto 'Todung' Binarto menonton di St James' Park.")
    found = [(m.text, m.start) for m, _ in find_mentions([text])]
    assert ("Binjai' Paris Pernandes", 34) not in found
    assert ("Binjai", 34) in found
    assert ("Anto 'Todung' Binarto", 69) in found
    assert ("St James' Park", 103) in found
