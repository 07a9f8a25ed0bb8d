"""A person's story feature keyed by the last name word (the pair model's ``person_key``,
h17story): the name forms outlets use for one person are one feature; the entities chosen,
their other keys and everything off the option are unchanged. No shared data."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

import pytest

from warta.lang.analysis import analyze
from warta.link import stories as st
from warta.model import Article, Entity, Mention
from warta.store import Archive, SQLiteArchive

WIB = timezone(timedelta(hours=7))


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


def _death(uid: str, title: str, paragraphs: list[str], name: str, hour: int) -> Article:
    article = Article(title=title, paragraphs=paragraphs, url=f"https://kabarfiktif.id/{uid}",
                      outlet="kabarfiktif.id", published=datetime(2024, 3, 12, hour, tzinfo=WIB))
    article.id = uid
    article.entities = [_entity(name, "PER", 4)]
    return article


# two facets of one (fictional) death, the person named in two forms: they share little
# else (core 0.247, under the gate 0.35, with the names apart; 0.440 and a score of 2.72 with
# one person feature)
DEATH = _death("h1", "Habibie Wafat, Negeri Berduka", [
    "Presiden ketiga Bacharuddin Jusuf Habibie wafat di rumah sakit pada Rabu petang.",
    "Keluarga menyampaikan kabar duka kepada wartawan."], "Bacharuddin Jusuf Habibie", 18)
TRIBUTE = _death("h2", "Jokowi Kenang Habibie sebagai Bapak Teknologi", [
    "Presiden Joko Widodo mengenang BJ Habibie sebagai bapak teknologi.",
    "Jokowi datang ke rumah sakit tak lama setelah kabar duka."], "BJ Habibie", 19)


def test_one_person_under_two_name_forms_links_two_facets(last_word: None) -> None:
    x = st.pair_features(_feats(DEATH).vector, _feats(TRIBUTE).vector)
    assert round(x[0], 3) == 0.440
    assert st.similarity(_feats(DEATH), _feats(TRIBUTE)) == 2.724151


@pytest.fixture(params=["sqlite", "postgres"])
def new_archive(request: pytest.FixtureRequest) -> Callable[[], Archive]:
    """Empty archives of one backend (PostgreSQL needs WARTA_TEST_PG)."""
    if request.param == "sqlite":
        return lambda: SQLiteArchive(":memory:", engine="fts5")
    from tests.conftest import postgres_schema_url
    from warta.store.postgres import PostgresArchive

    return lambda: PostgresArchive(postgres_schema_url())


@pytest.mark.parametrize("on", [False, True])
def test_both_engines_place_the_facets_as_the_option_says(
        on: bool, new_archive: Callable[[], Archive], monkeypatch: pytest.MonkeyPatch) -> None:
    if on:
        model = dataclasses.replace(st.pair_model(), person_key="last_word")
        monkeypatch.setattr(st, "pair_model", lambda path=None: model)
    for order in ([DEATH, TRIBUTE], [TRIBUTE, DEATH]):
        with new_archive() as archive:
            archive.put_many([dataclasses.replace(a) for a in order])
            stories = {archive.story_of("h1"), archive.story_of("h2")}
            assert stories == ({st.story_id_for("h1")} if on else
                               {st.story_id_for("h1"), st.story_id_for("h2")})
