"""Related news: ranking, reasons, never itself or copies; near-duplicate signatures."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from datetime import datetime

import pytest

from tests.conftest import BACKENDS, empty_archive
from warta.demo import sample_articles
from warta.errors import DataMissing, StoreError
from warta.link.dedup import (
    COPY_THRESHOLD,
    band_buckets,
    candidate_probability,
    exact_jaccard,
    jaccard,
    shingles,
    signature,
)
from warta.link.related import (
    RELATED_FEATURES,
    RelatedModel,
    candidate_features,
    distinctive_terms,
    estimated_day,
    query_vector,
    reasons,
    related_model,
    rescore,
    score_all,
    score_candidate,
    text_similarity,
)
from warta.link.titles import title_key
from warta.model import Article, Entity, Mention
from warta.store import Archive, SQLiteArchive

ARTICLES = {a.url.rsplit("/", 1)[1]: a for a in sample_articles()}  # type: ignore[union-attr]
SLUGS = {a.id: slug for slug, a in ARTICLES.items()}


@pytest.fixture(scope="module", params=[*BACKENDS, "postgres-node"])
def archive(request: pytest.FixtureRequest):
    store = empty_archive(request.param)
    store.put_many(ARTICLES.values())
    yield store
    store.close()


def related_slugs(archive: Archive, slug: str, k: int = 5) -> list[str]:
    return [SLUGS[h.id] for h in archive.related(ARTICLES[slug].id, k=k)]


def test_follow_up_story_comes_first_with_reasons(archive: Archive) -> None:
    hits = archive.related(ARTICLES["banjir-jakarta"].id)
    assert [SLUGS[h.id] for h in hits] == ["banjir-surut"]  # its wire copy is never listed
    top = hits[0].to_dict()
    assert top["shared_terms"] == ["timur", "rendam", "jakarta", "banjir", "sutrisno", "rumah"]
    assert (top["shared_entities"], top["days_apart"], top["outlet"]) == ([], 2.32, "Kabar Fiksi")
    # the flood receding is a follow-up of the flood: one story (link.stories' pair model)
    assert top["reasons"] == [
        "same story", "shares timur, rendam, jakarta, banjir, sutrisno, rumah", "2.32 days later"]


@pytest.mark.parametrize(
    ("slug", "first"),
    [
        ("harga-beras", "operasi-pasar"),
        ("final-liga", "pawai-juara"),
        ("gempa-cianjur", "gempa-susulan"),
        ("gempa-susulan", "gempa-cianjur"),
    ],
)
def test_same_story_ranks_first(archive: Archive, slug: str, first: str) -> None:
    assert related_slugs(archive, slug)[0] == first


def test_two_copies_of_one_story_are_listed_once(archive: Archive) -> None:
    got = related_slugs(archive, "banjir-surut")
    assert got[0] == "banjir-jakarta-salinan"
    assert "banjir-jakarta" not in got


def test_never_itself_and_k_is_respected(archive: Archive) -> None:
    for slug in ARTICLES:
        got = related_slugs(archive, slug, k=2)
        assert slug not in got and len(got) <= 2


def test_unknown_id_is_a_clear_error(archive: Archive) -> None:
    with pytest.raises(StoreError, match=f"no article with id 'ffff' in {re.escape(archive.path)}$"):
        archive.related("ffff")


@pytest.mark.parametrize("backend", BACKENDS)
def test_shared_entities_count_and_are_reported(backend: str) -> None:
    store = empty_archive(backend)
    person = Entity("Sutrisno Hadi", "PER", [Mention("Sutrisno Hadi", 1, 0, 13)])
    a = dataclasses.replace(ARTICLES["banjir-jakarta"], entities=[person])
    b = dataclasses.replace(ARTICLES["banjir-surut"], entities=[person])
    store.put_many([a, b, ARTICLES["longsor-bogor"]])
    hit = store.related(a.id)[0]
    assert (SLUGS[hit.id], hit.shared_entities) == ("banjir-surut", ["Sutrisno Hadi"])
    store.close()


def test_distinctive_terms_prefer_rare_shared_words() -> None:
    counts = Counter({"banjir": 3, "warga": 5, "sunter": 1, "unik": 4, "2024": 2})
    df = {"banjir": 3, "warga": 90, "sunter": 2, "unik": 1, "2024": 2}
    # 'unik' is in no other article and '2024' is a number: neither can link two stories
    assert distinctive_terms(counts, df, total=100, limit=3) == ["banjir", "sunter", "warga"]


def test_candidate_features_are_text_entities_story_and_closeness() -> None:
    assert candidate_features(5.0, 10.0, 0, None) == (0.5, 0.0, 0.0, 0.0, 0.0, 1.0)
    # closeness either way, and again as the earlier bonus; entities capped at 5
    assert candidate_features(10.0, 10.0, 9, 3.0) == (1.0, 1.0, 0.0, 0.5, 0.5, 0.0)
    assert candidate_features(10.0, 10.0, 2, 0.0, earlier=False, same_story=True) == (1.0, 0.4, 1.0, 1.0, 0.0, 0.0)
    assert candidate_features(3.0, 0.0, 0, 6.0) == (0.0, 0.0, 0.0, 1 / 3, 1 / 3, 0.0)


def test_score_is_the_models_logistic_of_the_features() -> None:
    model = RelatedModel(RELATED_FEATURES, (2.0, 1.0, 0.5, 1.0, 0.25, -1.0), -2.0)
    assert score_candidate(10.0, 10.0, 0, 3.0, model=model) == 0.6514  # z = 2 + 0.5 + 0.125 - 2
    assert score_candidate(10.0, 10.0, 0, 3.0, earlier=False, model=model) == 0.6225  # z = 2 + 0.5 - 2
    assert score_candidate(5.0, 10.0, 0, None, model=model) == 0.1192  # z = 1 - 1 - 2
    assert score_candidate(10.0, 10.0, 5, 0.0, same_story=True, model=model) == 0.9399  # z = 2 + 1 + 0.5 + 1.25 - 2


def test_the_shipped_model_puts_earlier_before_later_and_the_story_first() -> None:
    model = related_model()
    assert model.features == RELATED_FEATURES
    assert score_candidate(10.0, 10.0, 0, 1.0) > score_candidate(10.0, 10.0, 0, 1.0, earlier=False)
    assert score_candidate(10.0, 10.0, 0, 1.0, same_story=True) > score_candidate(10.0, 10.0, 0, 1.0)
    # a next-day follow-up keeps its closeness: above the same text a fortnight earlier
    assert score_candidate(10.0, 10.0, 0, 1.0, earlier=False) > score_candidate(10.0, 10.0, 0, 14.0)
    assert all(w >= 0 for f, w in zip(model.features, model.weights, strict=True) if f != "undated")


def test_a_later_article_counts_by_closeness_and_never_above_an_earlier_one() -> None:
    model = RelatedModel(RELATED_FEATURES, (1.0, 0.0, 0.0, 1.0, 1.0, 0.0), 0.0)
    later = score_candidate(10.0, 10.0, 0, 1.0, earlier=False, model=model)  # z = 1 + 0.75
    earlier = score_candidate(10.0, 10.0, 0, 1.0, model=model)  # z = 1 + 0.75 + 0.75
    far = score_candidate(10.0, 10.0, 0, 12.0, model=model)  # z = 1 + 0.2 + 0.2
    assert (later, earlier, far) == (0.852, 0.9241, 0.8022)


def test_an_undated_article_ranks_its_candidates_without_time() -> None:
    # (rowid, id, title, outlet, published, title key, signature, text score)
    kept = [(1, "a", "", "", "2024-03-10T08:00:00+07:00", "", b"", 9.0),
            (2, "b", "", "", "2024-03-11T08:00:00+07:00", "", b"", 4.5),
            (5, "e", "", "", None, "", b"", 3.0)]
    assert estimated_day(kept) == "2024-03-11"  # its candidates are drawn around that day …
    got = dict(score_all(kept, None, set(), names_of=lambda c: [], features=True))
    # … but the guess does not time them (held out, it cost 3 of 17 picks: see related.py)
    assert {c[1]: f for c, f in got.items()} == {
        "a": (1.0, 0.0, 0.0, 0.0, 0.0, 1.0), "b": (0.5, 0.0, 0.0, 0.0, 0.0, 1.0),
        "e": (3.0 / 9.0, 0.0, 0.0, 0.0, 0.0, 1.0)}


def test_a_model_of_other_features_is_a_clear_error(tmp_path) -> None:
    path = tmp_path / "model.json"
    path.write_text('{"features": ["text"], "weights": [1.0], "bias": 0.0}', encoding="utf-8")
    with pytest.raises(DataMissing) as caught:
        related_model(str(path))
    assert str(caught.value) == (f"{path}: features ['text'] are not {list(RELATED_FEATURES)!r}; "
                                 "retrain it with evals/eval_related.py --train")
    with pytest.raises(DataMissing, match=r"no related-news model .*retrain it with evals/eval_related.py --train"):
        related_model(str(tmp_path / "missing.json"))


def test_query_vector_weighs_by_tf_idf_and_drops_terms_every_article_has() -> None:
    vector = query_vector(Counter({"banjir": 2, "sunter": 1, "unik": 1}),
                          {"banjir": 3, "sunter": 1, "unik": 9}, total=9)
    assert {t: round(w, 4) for t, w in vector.items()} == {"banjir": 0.6359, "sunter": 1.1587}


def test_text_similarity_counts_shared_terms_title_boosted_and_long_texts_less() -> None:
    vector = query_vector(Counter({"banjir": 2, "sunter": 1}), {"banjir": 3, "sunter": 1}, total=9)
    # 'banjir' in the title counts 3×: (0.6359 × (1 + ln 3) + 1.1587) / √3 distinct terms
    assert round(text_similarity(vector, "banjir", "sunter meluap"), 4) == 1.4395
    assert round(text_similarity(vector, "", "banjir banjir sunter"), 4) == 1.5807
    padded = "banjir sunter " + " ".join(f"kata{i}" for i in range(20))
    assert round(text_similarity(vector, "", padded), 4) == 0.3826
    assert text_similarity(vector, "", "") == 0.0


def test_rescore_replaces_the_engine_score_by_text_similarity() -> None:
    vector = query_vector(Counter({"banjir": 2, "sunter": 1}), {"banjir": 3, "sunter": 1}, total=9)
    kept = [(1, "a", "A", "o", None, "a", b"", 9.0, "extra"), (2, "b", "B", "o", None, "b", b"", 3.0, "extra")]
    # BM25 put 1 first; it shares none of the article's terms, 2 shares 'banjir' in its title
    assert [(c[0], round(c[7], 4), c[8]) for c in rescore(kept, vector, {1: ("", "meluap"), 2: ("banjir", "")})] \
        == [(1, 0.0, "extra"), (2, 1.3345, "extra")]


def test_identical_texts_are_judged_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from warta.link import related

    calls: list[str] = []
    similarity = related.text_similarity
    monkeypatch.setattr(related, "text_similarity", lambda v, t, b: calls.append(b) or similarity(v, t, b))
    vector = query_vector(Counter({"banjir": 2, "sunter": 1}), {"banjir": 3, "sunter": 1}, total=9)
    kept = [(n, str(n), "T", "o", None, str(n), b"", 1.0) for n in (1, 2, 3)]
    texts = {1: ("banjir", "sunter meluap"), 2: ("banjir", "sunter meluap"), 3: ("", "banjir")}
    assert [round(c[7], 4) for c in rescore(kept, vector, texts)] == [1.4395, 1.4395, 0.6359]
    assert calls == ["sunter meluap", "banjir"]


def test_lower_matches_are_judged_when_near_in_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Beyond the CANDIDATES best matches, the matches down to NEAR_CANDIDATES are judged
    when published within NEAR_DAYS calendar days: the 13 Feb landslide for the 14 Feb flood
    report, not the 12 Feb flood copy two days before nor the March articles."""
    from warta.link import related

    with SQLiteArchive(":memory:") as store:
        store.put_many(ARTICLES.values())
        monkeypatch.setattr(related, "CANDIDATES", 1)
        monkeypatch.setattr(related, "NEAR_CANDIDATES", 1)
        monkeypatch.setattr(related, "RECENT_CANDIDATES", 0)
        judged = related.judged_candidates(store, ARTICLES["banjir-surut"].id)
        assert judged is not None and [SLUGS[c[1]] for c in judged[0]] == ["banjir-jakarta"]
        monkeypatch.setattr(related, "NEAR_CANDIDATES", 50)
        judged = related.judged_candidates(store, ARTICLES["banjir-surut"].id)
        assert judged is not None and [SLUGS[c[1]] for c in judged[0]] == ["banjir-jakarta", "longsor-bogor"]


def test_the_best_matches_of_the_last_fortnight_are_judged(monkeypatch: pytest.MonkeyPatch) -> None:
    """Beyond the CANDIDATES best matches overall, the RECENT_CANDIDATES best published from
    RECENT_DAYS before the article to NEAR_DAYS after are judged: for the 20 March chilli
    report, the farmers' article of the same day, then the one of 5 March once the window
    reaches 15 days; the 2 March report only as the best match overall."""
    from warta.link import related

    monkeypatch.setattr(related, "CANDIDATES", 1)
    monkeypatch.setattr(related, "NEAR_CANDIDATES", 1)
    with SQLiteArchive(":memory:") as store:
        store.put_many([*ARTICLES.values(), *MARKET])
        got = {}
        for days in (14, 15):
            monkeypatch.setattr(related, "RECENT_DAYS", days)
            judged = related.judged_candidates(store, CHILLI.id)
            assert judged is not None
            got[days] = [MARKET_SLUGS[c[1]] for c in judged[0]]
        monkeypatch.setattr(related, "RECENT_CANDIDATES", 0)
        judged = related.judged_candidates(store, CHILLI.id)
        assert judged is not None
        got[0] = [MARKET_SLUGS[c[1]] for c in judged[0]]
    # the window's matches in BM25 order (the rupiah report of 6 March shares a term too);
    # the copy filter and the ranking then judge them
    assert got == {14: ["cabai-lagi", "petani-garut", "rupiah-melemah"],
                   15: ["cabai-lagi", "petani-cianjur", "petani-garut", "rupiah-melemah"],
                   0: ["cabai-lagi"]}


def test_recent_window_runs_from_a_fortnight_before_to_the_next_day() -> None:
    from warta.link.related import RECENT_DAYS, recent_window

    assert RECENT_DAYS == 14
    assert recent_window("2024-03-20T08:00:00+07:00") == ("2024-03-06", "2024-03-21")
    assert recent_window("2024-03-01") == ("2024-02-16", "2024-03-02")
    assert recent_window(None) is None
    assert recent_window("kemarin") is None


def _market(slug: str, title: str, body: list[str], day: int) -> Article:
    return Article(title=title, url=f"https://pasar.example/{slug}", outlet="Kabar Pasar",
                   published=datetime(2024, 3, day, 8), paragraphs=body)


# A chilli-price report (20 March); the best match, a report of the same market 18 days
# earlier; two articles about the farmers sharing only "cabai rawit", one the same day and
# one 15 days earlier.
CHILLI = _market("cabai-melonjak", "Harga cabai rawit melonjak di Pasar Induk Kramat Jati", [
    "Harga cabai rawit merah di Pasar Induk Kramat Jati melonjak menjadi Rp 90.000 per kilogram.",
    "Pedagang menyebut pasokan dari Garut dan Cianjur berkurang karena hujan deras."], 20)
MARKET = [
    CHILLI,
    _market("cabai-lagi", "Harga cabai rawit di Pasar Induk Kramat Jati melonjak lagi", [
        "Harga cabai rawit merah di Pasar Induk Kramat Jati kembali melonjak pekan ini.",
        "Pasokan dari Garut dan Cianjur belum pulih setelah hujan deras."], 2),
    _market("petani-garut", "Petani cabai rawit di Garut gagal panen", [
        "Petani cabai rawit di Garut dan Cianjur gagal panen karena hujan deras.",
        "Kebun mereka terendam air selama tiga hari."], 20),
    _market("petani-cianjur", "Petani cabai rawit di Cianjur merugi", [
        "Ratusan petani cabai rawit di Cianjur dan Garut merugi akibat hujan deras.",
        "Tanaman membusuk sebelum sempat dipetik."], 5),
]
MARKET_SLUGS = {**SLUGS, **{a.id: a.url.rsplit("/", 1)[1] for a in MARKET}}  # type: ignore[union-attr]
PATHS = ("sqlite", "postgres", "postgres-gin", "postgres-pool", "postgres-node")


def _market_archive(path: str, market: list[Article] = MARKET) -> Archive:
    """The sample and ``market`` articles in one of :data:`PATHS`: SQLite, PostgreSQL with
    rum, with GIN + ts_rank, with rum drawing a pool (as on a big archive), a serving node."""
    if path in ("postgres-gin", "postgres-pool"):
        from tests.conftest import postgres_schema_url
        from warta.store.postgres import PostgresArchive

        store: Archive = PostgresArchive(postgres_schema_url(), rum=path == "postgres-pool")
    else:
        store = empty_archive(path)
    store.put_many([*ARTICLES.values(), *market])
    return store


@pytest.mark.parametrize(("candidates", "near", "recent"), [(1, 1, 0), (1, 50, 0), (60, 100, 0), (1, 1, 40)])
def test_every_backend_judges_the_near_in_time_matches_alike(
        candidates: int, near: int, recent: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same candidates on both engines and every PostgreSQL path, so the same related
    lists: with the best match alone judged (CANDIDATES 1), the farmers' article of the same
    day gets in only when the lower matches near in time are judged too (NEAR_CANDIDATES
    50) or the best matches of the last RECENT_DAYS (14: not the one 15 days earlier),
    the one 15 days earlier only when the first 60 are judged (and then under the floor)."""
    from warta.link import related
    from warta.store import postgres_related

    monkeypatch.setattr(related, "CANDIDATES", candidates)
    monkeypatch.setattr(related, "NEAR_CANDIDATES", near)
    monkeypatch.setattr(related, "RECENT_CANDIDATES", recent)
    monkeypatch.setattr(related, "RECENT_DAYS", 14)
    pooled: list[int] = []
    real = postgres_related._pool_candidates
    monkeypatch.setattr(postgres_related, "_pool_candidates", lambda *args: pooled.append(1) or real(*args))
    lists = {}
    for path in PATHS if candidates == 1 else PATHS[:3] + PATHS[4:]:
        # the pool: drawn by all but the commonest distinctive term (the rum path of a big
        # archive; with 60 candidates a pool this small is not the whole candidate set)
        pool = path == "postgres-pool"
        monkeypatch.setattr(postgres_related, "POOL_POSTINGS", 0 if pool else 10**9)
        monkeypatch.setattr(postgres_related, "POOL_MIN_TERMS", related.MAX_TERMS - 1 if pool else 3)
        monkeypatch.setattr(postgres_related, "POOL", 50)
        store = _market_archive(path)
        try:
            lists[path] = [(MARKET_SLUGS[h.id], h.score, h.reasons) for h in store.related(CHILLI.id)]
            if path == "sqlite":
                judged = sorted(MARKET_SLUGS[c[1]] for c in related.judged_candidates(store, CHILLI.id)[0])
        finally:
            store.close()
    assert [slug for slug, _, _ in lists["sqlite"]] == {
        (1, 0): ["cabai-lagi"],
        (50, 0): ["petani-garut", "cabai-lagi"],
        (100, 0): ["petani-garut", "cabai-lagi"],
        (1, 40): ["petani-garut", "cabai-lagi"],
    }[near, recent]
    # judged alike (the parity above), the farther ones fall under the floor: with the first
    # 60 judged, the farmers' article 15 days earlier (sharing "cabai rawit", Garut and
    # Cianjur), the rupiah report and the sample's rice articles (two to three weeks earlier)
    assert judged == {
        (1, 0): ["cabai-lagi"],
        (50, 0): ["cabai-lagi", "petani-garut"],
        (100, 0): ["cabai-lagi", "harga-beras", "operasi-pasar", "petani-cianjur", "petani-garut", "rupiah-melemah"],
        (1, 40): ["cabai-lagi", "petani-garut", "rupiah-melemah"],
    }[near, recent]
    assert {path: got for path, got in lists.items() if got != lists["sqlite"]} == {}
    assert len(pooled) == (1 if candidates == 1 else 0)  # the pool path ran


def test_estimated_day_is_the_median_day_of_the_three_best_dated_matches() -> None:
    def candidate(rowid: int, published: str | None, score: float) -> tuple:
        return (rowid, str(rowid), "T", "o", published, "t", b"", score)

    kept = [candidate(1, "2024-03-20T08:00:00+07:00", 1.1), candidate(2, None, 5.0),
            candidate(3, "2024-03-02", 1.0), candidate(4, "2024-03-19T23:00:00+07:00", 0.4),
            candidate(5, "2024-01-01", 0.3)]
    # the undated best match counts for nothing; of 20, 2 and 19 March the median
    assert estimated_day(kept) == "2024-03-19"
    assert estimated_day(kept[:3]) == "2024-03-20"  # of two days, the later
    # equal scores: the lower rowids first (5, 6, 7: January, February, April)
    tied = [candidate(8, "2024-05-01", 1.0), candidate(7, "2024-04-01", 1.0), candidate(6, "2024-02-01", 1.0),
            candidate(5, "2024-01-01", 1.0)]
    assert estimated_day(tied) == "2024-02-01"
    assert estimated_day([candidate(2, None, 5.0), candidate(8, "kemarin", 1.0)]) is None
    assert estimated_day([]) is None


# An undated report of the chilli price: its best match is the 20 March report.
UNDATED_CHILLI = Article(title="Cabai rawit merah tembus Rp 90.000 sekilo di Kramat Jati",
                         url="https://pasar.example/cabai-tanpa-tanggal", outlet="Kabar Pasar", paragraphs=[
                             "Pedagang di Pasar Induk Kramat Jati menjual cabai rawit merah Rp 90.000 sekilo.",
                             "Menurut mereka hujan deras membuat kiriman dari Garut dan Cianjur tersendat."])


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("recent", [40, 0])
def test_an_undated_article_gets_the_fortnight_of_its_best_matches_day(
        path: str, recent: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the best match alone judged (CANDIDATES 1), an undated article's recent window is
    that of its estimated day, its best match's (20 March): the farmers' article of that day
    and the rupiah report of 6 March come in (the one of 5 March is outside), listed as
    undated (no days in the reasons); the same on every backend and PostgreSQL path."""
    from warta.link import related
    from warta.store import postgres_related

    monkeypatch.setattr(related, "CANDIDATES", 1)
    monkeypatch.setattr(related, "NEAR_CANDIDATES", 1)
    monkeypatch.setattr(related, "RECENT_CANDIDATES", recent)
    monkeypatch.setattr(related, "RECENT_DAYS", 14)
    pool = path == "postgres-pool"  # the pool path, as in the test above
    monkeypatch.setattr(postgres_related, "POOL_POSTINGS", 0 if pool else 10**9)
    monkeypatch.setattr(postgres_related, "POOL_MIN_TERMS", related.MAX_TERMS - 1 if pool else 3)
    monkeypatch.setattr(postgres_related, "POOL", 50)
    store = _market_archive(path)
    try:
        store.put(UNDATED_CHILLI)
        got = [(MARKET_SLUGS.get(h.id), h.score, h.reasons) for h in store.related(UNDATED_CHILLI.id)]
        judged = (sorted(MARKET_SLUGS.get(c[1], c[1]) for c in related.judged_candidates(store, UNDATED_CHILLI.id)[0])
                  if path == "sqlite" else None)
    finally:
        store.close()
    best = ("cabai-melonjak", 0.2986, ["shares 90.000, merah, kramat, jati, rawit, cabai"])
    assert got == [best, ("petani-garut", 0.1534, ["shares rawit, cabai, garut, cianjur"]),
                   ("rupiah-melemah", 0.1201, ["shares dagang, pasar"])] if recent else [best]
    if path == "sqlite":
        assert judged == (["cabai-melonjak", "petani-garut", "rupiah-melemah"] if recent else ["cabai-melonjak"])


def test_reasons_name_the_story_entities_terms_and_time() -> None:
    assert reasons(["banjir", "jakarta"], ["Sutrisno"], 2.5, True, True) == [
        "same story", "names Sutrisno", "shares banjir, jakarta", "2.5 days earlier"]
    assert reasons(["banjir"], [], 0.2, False, False) == ["shares banjir", "same day"]
    assert reasons([], [], None, None, False) == []


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_stored_story_is_a_signal(backend: str) -> None:
    with empty_archive(backend) as store:
        store.put_many(ARTICLES.values())
        # whatever the clustering decided, the stored story is what the ranking reads: apart…
        for slug in ("harga-beras", "operasi-pasar"):
            store.conn.execute("UPDATE story_members SET story_id = %s WHERE article_rowid = "
                               "(SELECT rowid FROM articles WHERE id = %s)".replace(
                                   "%s", "?" if backend == "sqlite" else "%s"),
                               (f"story-{slug}", ARTICLES[slug].id))
        assert "same story" not in store.related(ARTICLES["harga-beras"].id)[0].reasons
        pair = f"'{ARTICLES['harga-beras'].id}', '{ARTICLES['operasi-pasar'].id}'"
        # …then together
        store.conn.execute("UPDATE story_members SET story_id = 'test-story' WHERE article_rowid IN "
                           f"(SELECT rowid FROM articles WHERE id IN ({pair}))")
        top = store.related(ARTICLES["harga-beras"].id)[0]
        assert (SLUGS[top.id], top.reasons[0]) == ("operasi-pasar", "same story")


def test_signatures_spot_copies_not_neighbours() -> None:
    words = ["hujan", "deras", "sejak", "minggu", "malam", "membuat", "kali", "sunter", "meluap", "dan", "merendam", "rumah"]
    same = signature(words)
    assert jaccard(same, signature(list(words))) == 1.0
    assert len(same) == 256 and len(band_buckets(same)) == 16
    edited = signature([*words, "kemarin"])
    assert exact_jaccard(shingles(words), shingles([*words, "kemarin"])) == 0.8889  # 8 of 9 shingles
    other = signature(["harga", "beras", "medium", "naik", "menjelang", "ramadan", "di", "pasar", "induk"])
    assert jaccard(same, edited) >= COPY_THRESHOLD
    assert jaccard(same, other) < 0.2
    assert set(band_buckets(same)) & set(band_buckets(edited))


def test_banding_finds_pairs_of_jaccard_07() -> None:
    # 16 bands of 4 rows: 98.8 % of pairs at 0.7 become candidates (8×8: 37.8 %)
    assert round(candidate_probability(0.7), 4) == 0.9876
    assert round(candidate_probability(0.7, bands=8, rows=8), 4) == 0.3781
    assert round(candidate_probability(0.8), 4) == 0.9998


def test_title_key_ignores_case_punctuation_and_spacing() -> None:
    assert title_key('  "Harga Cabai"  Naik—Lagi! ') == "harga cabai naik lagi"
    assert title_key(None) == "" and title_key("") == ""


@pytest.mark.parametrize("backend", BACKENDS)
def test_untitled_articles_still_get_k_related(backend: str) -> None:
    store = empty_archive(backend)
    untitled = [dataclasses.replace(a, title=None, id="") for a in ARTICLES.values()]
    store.put_many(untitled)
    by_url = {a.url: a.id for a in untitled}
    hits = store.related(by_url["https://kabarfiksi.example/longsor-bogor"], k=3)
    store.close()
    assert len(hits) == 3


def test_fts5_engine_finds_the_same_first_stories() -> None:
    store = SQLiteArchive(":memory:", engine="fts5")
    store.put_many(ARTICLES.values())
    firsts = {slug: SLUGS[store.related(ARTICLES[slug].id)[0].id]
              for slug in ("banjir-jakarta", "harga-beras", "final-liga", "gempa-cianjur")}
    assert firsts == {"banjir-jakarta": "banjir-surut", "harga-beras": "operasi-pasar",
                      "final-liga": "pawai-juara", "gempa-cianjur": "gempa-susulan"}
    store.close()


def test_related_right_after_storing_in_a_file_archive(tmp_path) -> None:
    with SQLiteArchive(tmp_path / "a.db") as store:
        store.put_many(ARTICLES.values())  # the index sync of this batch is still pending
        assert SLUGS[store.related(ARTICLES["harga-beras"].id)[0].id] == "operasi-pasar"


def test_rare_entities_are_the_rarest_within_the_postings_budget() -> None:
    from warta.link.related import rare_entities

    # (entity rowid, article count), rarest first: 3 + 40 fit in 100, 3 + 40 + 70 do not
    assert rare_entities([(1, 3), (2, 40), (3, 70), (4, 90)], budget=100) == [1, 2]
    assert rare_entities([(1, 3), (2, 40)], budget=2) == []
    assert rare_entities([], budget=100) == []


def test_rank_named_puts_most_names_then_nearest_then_undated_last() -> None:
    from warta.link.related import rank_named

    postings = [(5, "2024-03-01"), (6, "2024-03-19"), (5, "2024-03-01"), (7, None), (8, "2024-03-21")]
    # 5 names two of the rare entities; 6 and 8 are a day away either way (rowid breaks the
    # tie); 7 is undated
    assert rank_named(postings, "2024-03-20T08:00:00+07:00", limit=10) == [5, 6, 8, 7]
    assert rank_named(postings, "2024-03-20", limit=2) == [5, 6]
    assert rank_named(postings, None, limit=10) == [5, 6, 7, 8]  # no day: by rowid after the count


def _named(article: Article, *names: str) -> Article:
    return dataclasses.replace(article, entities=[
        Entity(name, "PER", [Mention(name, 1, 0, len(name))]) for name in names])


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(("postings", "limit"), [(100, 20), (2, 20), (100, 0)])
def test_articles_naming_a_rare_entity_are_judged_alike_on_every_backend(
        path: str, postings: int, limit: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the best match alone judged (CANDIDATES 1, no recent window), the farmers' article
    of 5 March comes in only as an article naming the chilli report's rarest person (named
    by the two of them); within a postings budget of 2 the common place name (four
    articles) draws nothing more; with ENTITY_CANDIDATES 0 nothing. The same candidates
    and lists on every backend and PostgreSQL path."""
    from warta.link import related
    from warta.store import postgres_related

    monkeypatch.setattr(related, "CANDIDATES", 1)
    monkeypatch.setattr(related, "NEAR_CANDIDATES", 1)
    monkeypatch.setattr(related, "RECENT_CANDIDATES", 0)
    monkeypatch.setattr(related, "ENTITY_POSTINGS", postings)
    monkeypatch.setattr(related, "ENTITY_CANDIDATES", limit)
    pool = path == "postgres-pool"
    monkeypatch.setattr(postgres_related, "POOL_POSTINGS", 0 if pool else 10**9)
    monkeypatch.setattr(postgres_related, "POOL_MIN_TERMS", related.MAX_TERMS - 1 if pool else 3)
    monkeypatch.setattr(postgres_related, "POOL", 50)
    named = {"cabai-melonjak": ("Asep Sunandar", "Garut"), "petani-cianjur": ("Asep Sunandar", "Garut"),
             "petani-garut": ("Garut",), "cabai-lagi": ("Garut",)}
    store = _market_archive(path, [_named(a, *named[MARKET_SLUGS[a.id]]) for a in MARKET])
    try:
        got = [(MARKET_SLUGS[h.id], h.score, h.reasons) for h in store.related(CHILLI.id)]
        judged = (sorted(MARKET_SLUGS[c[1]] for c in related.judged_candidates(store, CHILLI.id)[0])
                  if path == "sqlite" else None)
    finally:
        store.close()
    lagi = ("cabai-lagi", 0.3841, ["names Garut", "shares lonjak, kramat, jati, rawit, induk, harga", "18 days earlier"])
    cianjur = ("petani-cianjur", 0.2145, ["names Asep Sunandar, Garut", "shares rawit, cabai", "15 days earlier"])
    # with Garut's articles drawn too, the same day's farmers' article (same story) comes
    # first and the one of 5 March falls under the floor
    assert got == {(100, 20): [("petani-garut", 0.6318, ["same story", "names Garut", "shares rawit, cabai", "same day"]),
                               lagi],
                   (2, 20): [lagi, cianjur], (100, 0): [lagi]}[postings, limit]
    if path == "sqlite":
        assert judged == {(100, 20): ["cabai-lagi", "petani-cianjur", "petani-garut"],
                          (2, 20): ["cabai-lagi", "petani-cianjur"], (100, 0): ["cabai-lagi"]}[postings, limit]
