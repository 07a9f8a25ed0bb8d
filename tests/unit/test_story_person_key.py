"""A person's story feature keyed by the last name word (the pair model's ``person_key``,
h17story): the name forms outlets use for one person are one feature; the entities chosen,
their other keys and everything off the option are unchanged. No shared data."""

from __future__ import annotations

import dataclasses

import pytest

from warta.lang.analysis import analyze
from warta.link import stories as st
from warta.model import Article, Entity, Mention


def _entity(name: str, label: str, times: int) -> Entity:
    return Entity(name, label, [Mention(name, 0, 0, len(name))] * times)


def _article(uid: str, title: str, *entities: Entity) -> Article:
    article = Article(title=title, paragraphs=["Presiden ketiga wafat di rumah sakit."],
                      entities=list(entities))
    article.id = uid
    return article


def _feats(article: Article) -> st.StoryFeatures:
    return st.features(article, analyze(article.title or ""), analyze(article.text))


@pytest.fixture
def last_word(monkeypatch: pytest.MonkeyPatch) -> None:
    model = dataclasses.replace(st.pair_model(), person_key="last_word")
    monkeypatch.setattr(st, "pair_model", lambda path=None: model)


def test_the_person_key_is_the_last_word_that_can_tell_people_apart() -> None:
    assert st.person_key("bacharuddin jusuf habibie") == "habibie"
    assert st.person_key("habibie") == "habibie"
    assert st.person_key("laode m syarif") == "syarif"
    assert st.person_key("habibie bj") == "habibie"  # "bj" is too short to tell anything
    assert st.person_key("ab 12") == "ab 12"  # no such word: the name itself


def test_the_shipped_model_keys_entities_by_the_written_name() -> None:
    assert st.pair_model().person_key is None
    a = _article("a1", "Habibie Wafat", _entity("Bacharuddin Jusuf Habibie", "PER", 2))
    assert "@bacharuddin jusuf habibie" in _feats(a).vector
    assert "@habibie" not in _feats(a).vector


def test_name_forms_of_one_person_are_one_feature(last_word: None) -> None:
    a = _article("a1", "Habibie Wafat", _entity("Bacharuddin Jusuf Habibie", "PER", 2),
                 _entity("RSPAD Gatot Soebroto", "ORG", 1))
    b = _article("b1", "Jokowi Melayat", _entity("BJ Habibie", "PER", 2))
    fa, fb = _feats(a), _feats(b)
    assert "@habibie" in fa.vector and "@habibie" in fb.vector
    assert "@rspad gatot soebroto" in fa.vector  # not a person: keyed as written
    assert fa.vector["!habibie"] == round(st._rarity("habibie", st._idf_table()), 4)
    assert st.pair_features(fa.vector, fb.vector)[7] > 0  # the shared name counts


def test_two_people_of_one_article_keyed_alike_add_up(last_word: None,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    a = _article("a1", "Habibie", _entity("BJ Habibie", "PER", 3),
                 _entity("Thareq Kemal Habibie", "PER", 2), _entity("Jakarta", "LOC", 1))
    assert st._entities(a) == [("habibie", 5), ("jakarta", 1)]
    monkeypatch.undo()
    assert st._entities(a) == [("bj habibie", 3), ("thareq kemal habibie", 2), ("jakarta", 1)]


def test_the_entities_chosen_do_not_change_only_their_keys(last_word: None,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    people = [_entity(f"Tokoh Nomor{k}", "PER", 1) for k in range(10)]
    a = _article("a1", "Banyak Tokoh", *people)
    on = st._entities(a)
    monkeypatch.undo()
    off = st._entities(a)
    assert len(on) == len(off) == st.MAX_ENTITIES
    assert [st.person_key(k) for k, _ in off] == [k for k, _ in on]
