"""The general fixes found by studying held-out entity set B (issue 11 point 2, h11e6):
sentences and token lists written for these tests, exact values."""

from __future__ import annotations

from warta.enrich.entities import (
    _add_office_places,
    _office_word_before_given,
    _organisation_short_lead,
    _syllabic_abbreviates,
    extract_entities,
    group_mentions,
    retype_by_context,
)
from warta.enrich.entity_spans import clean_span, tag_joined_names
from warta.model import Entity, Mention


def _records(paragraphs: list[str]) -> list[tuple[str, str]]:
    return [(e.name, e.label) for e in extract_entities(paragraphs)]


def _entity(name: str, label: str, paragraph: str, *, at: int = 0) -> Entity:
    """A record with the mentions of ``name`` in ``paragraph`` from the ``at``-th on."""
    mentions, start = [], -1
    while (start := paragraph.find(name, start + 1)) >= 0:
        mentions.append(Mention(name, 0, start, start + len(name)))
    return Entity(name=name, label=label, mentions=mentions[at:])


def test_venue_or_city_run_into_the_known_place_after_it_is_two_places() -> None:
    words = "Stadion Gelora Bung Tomo Surabaya".split()
    assert clean_span(words, 0, 5, "LOC") == [(0, 4, "LOC"), (4, 5, "LOC")]
    words = "Quito Ekuador".split()  # a city before a country
    assert clean_span(words, 0, 2, "LOC") == [(0, 1, "LOC"), (1, 2, "LOC")]
    words = "Bogor Jawa Barat".split()  # a known place before a known place
    assert clean_span(words, 0, 3, "LOC") == [(0, 1, "LOC"), (1, 3, "LOC")]
    # one name: a generic word inside, a state word, a listed whole, a short venue name
    for text in ("Rumah Sakit Umum Daerah Bogor", "Kebun Raya Bogor", "Republik Indonesia",
                 "Grand Indonesia", "Papua Barat Daya", "Gedung Sate Bandung", "Jakarta Selatan"):
        words = text.split()
        assert clean_span(words, 0, len(words), "LOC") == [(0, len(words), "LOC")], text
    # organisations keep their name
    words = "Garuda Indonesia".split()
    assert clean_span(words, 0, 2, "ORG") == [(0, 2, "ORG")]


def test_joining_particle_runs_a_foreign_name_on() -> None:
    words = "mantan pelatih Independiente del Valle itu".split()
    tags = ["O", "O", "B-ORG", "O", "O", "O"]
    tag_joined_names(words, tags)
    assert tags == ["O", "O", "B-ORG", "I-ORG", "I-ORG", "O"]
    # a lower-case word after the particle, or no tagged name before it: nothing changes
    words = "secara de facto Jokowi".split()
    tags = ["O", "O", "O", "B-PER"]
    tag_joined_names(words, tags)
    assert tags == ["O", "O", "O", "B-PER"]
    assert _records(["Ia mantan pelatih Independiente del Valle itu."]) == [
        ("Independiente del Valle", "ORG")]


def test_last_word_of_an_organisation_joins_it() -> None:
    text = "Manchester City menang. Kini City di puncak, Bank Indonesia dan Indonesia diam."
    found = group_mentions([
        (Mention("Manchester City", 0, 0, 15), "ORG"), (Mention("City", 0, 29, 33), "ORG"),
        (Mention("Bank Indonesia", 0, 45, 59), "ORG"), (Mention("Indonesia", 0, 64, 73), "ORG"),
    ])
    assert text[29:33] == "City"
    # a known place or organisation of its own stays apart
    assert [(e.name, e.label, e.aliases) for e in found] == [
        ("Manchester City", "ORG", ["City"]), ("Bank Indonesia", "ORG", []),
        ("Indonesia", "LOC", [])]


def test_office_word_before_a_given_name_reference_is_cut() -> None:
    refs = frozenset({"Budi", "Sigit"})
    assert _office_word_before_given("Projo Budi Arie Setiadi".split(), refs, {"Relawan"}) == 1
    # after a rank the name starts; a lower-case word or nothing before: no evidence
    assert _office_word_before_given("Listyo Sigit Prabowo".split(), refs, {"Jenderal"}) == 0
    assert _office_word_before_given("Projo Budi Arie Setiadi".split(), refs, {"oleh"}) == 0
    assert _office_word_before_given("Projo Budi Arie Setiadi".split(), refs, {""}) == 0
    # two words, or a reference by a surname, tell nothing
    assert _office_word_before_given("Projo Budi".split(), refs, {"Relawan"}) == 0
    assert _records([
        "Ketua Umum Relawan Projo Budi Arie Setiadi menanggapi isu itu.",
        '"Kita hadapi adu domba," ucap Budi.',
    ]) == [("Budi Arie Setiadi", "PER")]


def test_organisation_short_form_run_into_a_person_is_cut() -> None:
    orgs = ["universitas udayana", "komisi pemberantasan korupsi"]
    assert _organisation_short_lead("Unud I Ketut Sudarsana".split(), orgs) == 1
    assert _organisation_short_lead("KPK Novel Baswedan".split(), orgs) == 1
    assert _organisation_short_lead("Udin Sedunia Raya".split(), orgs) == 0
    assert _organisation_short_lead("Unud Ketut".split(), orgs) == 0
    assert _records([
        "Mahasiswa Universitas Udayana mengikuti acara itu.",
        "Rektor Unud I Ketut Sudarsana hadir. Kata Unud, kegiatan aman.",
    ]) == [("Universitas Udayana", "ORG"), ("I Ketut Sudarsana", "PER")]


def test_short_form_made_of_word_openings() -> None:
    assert _syllabic_abbreviates("unud", "universitas udayana")
    assert _syllabic_abbreviates("kemenkeu", "kementerian keuangan")
    assert _syllabic_abbreviates("kadin", "kamar dagang dan industri")
    assert _syllabic_abbreviates("bappenas", "badan perencanaan pembangunan nasional")
    assert _syllabic_abbreviates("polri", "polisi republik indonesia")
    # every word gives a piece, the first two letters or more
    assert not _syllabic_abbreviates("unud", "universitas udayana bali")
    assert not _syllabic_abbreviates("budi", "badan usaha dinas indonesia")
    assert not _syllabic_abbreviates("uda", "universitas udayana")
    assert _records(["Kementerian Keuangan mencatat defisit. Kemenkeu menyebut angka itu aman."]) == [
        ("Kementerian Keuangan", "ORG")]


def test_country_named_by_an_office_is_an_entity() -> None:
    words = "Presiden RI Joko Widodo dan anggota DPR RI , 9 miliar dollar AS".split()
    spans = [(2, 4, "PER"), (7, 8, "ORG")]
    _add_office_places(words, spans)
    assert spans == [(1, 2, "LOC"), (2, 4, "PER"), (7, 8, "ORG")]
    assert _records(["Presiden ke-7 RI Joko Widodo hadir di Solo."]) == [
        ("Indonesia", "LOC"), ("Joko Widodo", "PER"), ("Solo", "LOC")]


def test_type_by_context_place_and_medium() -> None:
    text = "Varane siap meninggalkan Old Trafford. Ia betah main di Old Trafford."
    entities = [_entity("Old Trafford", "PER", text)]
    retype_by_context(entities, [text])
    assert entities[0].label == "LOC"
    # a person cue next to a mention keeps the person
    text = "Ia bertemu di Tukijo. Tukijo mengatakan panen gagal."
    entities = [_entity("Tukijo", "PER", text)]
    retype_by_context(entities, [text])
    assert entities[0].label == "PER"
    # a "place" next to a speech verb and never after `di` is a person
    text = "Hal itu, kata Sridwijaja, penting."
    entities = [_entity("Sridwijaja", "LOC", text)]
    retype_by_context(entities, [text])
    assert entities[0].label == "PER"
    # a medium cue: an organisation
    text = "Dilansir dari StyleCraze, serum itu penting. Serum, tulis StyleCraze, berguna."
    entities = [_entity("StyleCraze", "LOC", text)]
    retype_by_context(entities, [text])
    assert entities[0].label == "ORG"
    # known places keep their type
    text = "Kata Jakarta, semua aman."
    entities = [_entity("Jakarta", "LOC", text)]
    retype_by_context(entities, [text])
    assert entities[0].label == "LOC"
