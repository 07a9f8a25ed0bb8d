"""``Baca juga`` titles resolved to archive ids: exact, glued to the next sentence, truncated,
re-typed; also when the target arrives after the link."""

from __future__ import annotations

from datetime import datetime
from itertools import permutations

import pytest

from tests.conftest import BACKENDS, empty_archive
from warta.link.titles import best_title_match, title_key, title_match
from warta.model import Article, ReadAlso

TITLE = "Pendapatan Premi Asuransi Jiwa Capai Rp 52,5 Triliun pada Kuartal Pertama"
KEY = title_key(TITLE)


@pytest.mark.parametrize(("link", "how"), [
    (TITLE, "exact"),
    (TITLE + " Ketua Umum asosiasi mengatakan pertumbuhan premi", "glued"),
    ("Pendapatan Premi Asuransi Jiwa Capai Rp 52", "truncated"),
    ("Pendapatan Premi Asuransi Jiwa Capai Rp 52,5 Tri", "truncated"),
    ("Pendapatan Premi Asuransi Jiwa Capai Rp 52,5 Triliun pada Kuartal Pertamaa", "fuzzy"),
    ("Pendapatan Premi", None),                     # too short to claim a longer title
    ("Pendapatan Premi Asuransi Umum Turun Tipis", None),
])
def test_title_match(link: str, how: str | None) -> None:
    assert title_match(title_key(link), KEY) == how


def test_glued_link_prefers_the_longest_title() -> None:
    link = title_key("Harga Cabai Naik Lagi di Pasar Induk Pedagang mengeluh")
    assert best_title_match(link, [("harga cabai naik lagi", "a"), ("harga cabai naik lagi di pasar induk", "b"),
                                   ("harga cabai", "c")]) == "b"
    assert best_title_match(link, []) is None


def _article(title: str, url: str, links: list[str] = ()) -> Article:  # type: ignore[assignment]
    return Article(title=title, url=url, outlet="Kabar Fiksi", published=datetime(2024, 1, 2, 9),
                   paragraphs=[f"Isi berita tentang {title.lower()} yang cukup panjang untuk disimpan."],
                   read_also=[ReadAlso(t) for t in links])


TARGET = _article(TITLE, "https://kabarfiksi.example/premi")
GLUED = TITLE + " Ketua Umum asosiasi mengatakan pertumbuhan premi"
LINKER = _article("Asosiasi optimistis premi terus tumbuh", "https://kabarfiksi.example/optimis",
                  [GLUED, "Pendapatan Premi Asuransi Jiwa Capai Rp 52", "Judul yang tidak ada di arsip ini"])


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("order", ["target first", "linker first"])
def test_links_resolve_in_either_order(order: str, backend: str) -> None:
    with empty_archive(backend) as store:
        batches = [[TARGET], [LINKER]] if order == "target first" else [[LINKER], [TARGET]]
        reports = [store.put_many(b) for b in batches]
        got = store.get(LINKER.id)
        resolved = store.stats()["read_also_resolved"]
    assert [r.links_resolved for r in reports] == ([0, 0] if order == "target first" else [0, 2])
    assert got is not None
    assert [link.id for link in got.read_also] == [TARGET.id, TARGET.id, None]
    assert resolved == 2


@pytest.mark.parametrize(("link", "title", "how"), [
    # one market report a day: the titles differ only in the figure, 0.9 alike for difflib
    ("Sore Ini IHSG Ditutup Menguat ke Level 5.885", "Sore Ini IHSG Ditutup Menguat ke Level 5.907", None),
    ("Sore Ini IHSG Ditutup Menguat ke Level 5.885", "Sore ini IHSG ditutup menguat ke level 5885", "fuzzy"),
    ("Sore Ini IHSG Ditutp Menguat ke Level 5.885", "Sore Ini IHSG Ditutup Menguat ke Level 5.885", "fuzzy"),
])
def test_a_retyped_title_keeps_its_figures(link: str, title: str, how: str | None) -> None:
    assert title_match(title_key(link), title_key(title)) == how


def test_equal_matches_prefer_own_outlet_then_the_nearest_earlier() -> None:
    key = title_key("IHSG Ditutup Menguat")
    later, earlier, older = (
        (key, "later", "2024-01-12T16:00:00+07:00", 0), (key, "earlier", "2024-01-10T16:00:00+07:00", 0),
        (key, "older", "2024-01-03T16:00:00+07:00", 0))
    linker = "2024-01-11T09:00:00+07:00"
    assert best_title_match(key, [older, later, earlier], linker) == "earlier"
    assert best_title_match(key, [later, older], "2024-01-02T09:00:00+07:00") == "older"  # nearest after
    assert best_title_match(key, [(key, "undated", None, 0), later], linker) == "later"
    assert best_title_match(key, [older, (key, "other outlet", "2024-01-11T08:00:00+07:00", 1)], linker) == "older"
    assert best_title_match(key, [older, earlier]) == "older"  # no date: the first


def _dated(title: str, url: str, day: int, links: list[str] = ()) -> Article:  # type: ignore[assignment]
    return Article(title=title, url=url, outlet="Kabar Fiksi", published=datetime(2024, 1, day, 16),
                   paragraphs=[f"Isi berita tentang {title.lower()} yang cukup panjang untuk disimpan."],
                   read_also=[ReadAlso(t) for t in links])


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_figure_names_its_own_report(backend: str) -> None:
    """A link to Monday's close is not resolved to Wednesday's (stored first, one figure
    apart); it waits for Monday's. A title repeated on two days names the one just before
    the linking article."""
    monday = _dated("Sore Ini IHSG Ditutup Menguat ke Level 5.885", "https://kabarfiksi.example/senin", 8)
    wednesday = _dated("Sore Ini IHSG Ditutup Menguat ke Level 5.907", "https://kabarfiksi.example/rabu", 10)
    first = _dated("Harga Emas Antam Naik Lagi Hari Ini", "https://kabarfiksi.example/emas-1", 3)
    second = _dated("Harga Emas Antam Naik Lagi Hari Ini", "https://kabarfiksi.example/emas-2", 9)
    linker = _dated("Investor asing kembali masuk bursa", "https://kabarfiksi.example/asing", 9,
                    [monday.title, "Harga Emas Antam Naik Lagi Hari Ini"])  # type: ignore[list-item]
    with empty_archive(backend) as store:
        store.put_many([wednesday, first, second])
        store.put_many([linker])
        before = [link.id for link in store.get(linker.id).read_also]  # type: ignore[union-attr]
        store.put_many([monday])
        after = [link.id for link in store.get(linker.id).read_also]  # type: ignore[union-attr]
    assert before == [None, second.id]
    assert after == [monday.id, second.id]


# -- a link moves when a better target arrives (migration 017) ---------------------------
# The link names EXACT; LOOKALIKE (an older report, "di" for "pada") is a re-typed title of
# it, and both start with the truncated link. Whatever order they arrive in, the links end
# on EXACT, which is also nearer in time before the linking article.
EXACT = _dated(TITLE, "https://kabarfiksi.example/premi", 8)
LOOKALIKE = _dated(TITLE.replace(" pada ", " di "), "https://kabarfiksi.example/premi-lama", 3)
LINKING = _dated("Asosiasi optimistis premi terus tumbuh", "https://kabarfiksi.example/optimis", 9,
                 [TITLE, "Pendapatan Premi Asuransi Jiwa Capai Rp 52", "Judul yang tidak ada di arsip ini"])
NAMES = {EXACT.id: "exact", LOOKALIKE.id: "lookalike", LINKING.id: "linking", None: None}
FINAL = [(0, "exact", "exact", 1.0), (1, "exact", "truncated", 0.5753), (2, None, None, None)]
ON_LOOKALIKE = [(0, "lookalike", "fuzzy", 0.9722), (1, "lookalike", "truncated", 0.5915), (2, None, None, None)]


def _links(store) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    """(position, target, match kind, score) of the stored links, targets by name."""
    rows = store.conn.execute("SELECT position, target_id, match_kind, match_score FROM read_also "
                              "ORDER BY article_rowid, position").fetchall()
    return [(p, NAMES.get(t, t), kind, score) for p, t, kind, score in rows]


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_link_moves_from_a_lookalike_to_the_exact_title_arriving_later(backend: str) -> None:
    with empty_archive(backend) as store:
        assert store.put(LINKING).links_resolved == 0
        assert store.put(LOOKALIKE).links_resolved == 2  # the only match there is, for now
        first = _links(store)
        assert store.put(EXACT).links_resolved == 2      # both links move to it
        final = _links(store)
        got = store.get(LINKING.id)
        again = store.put_many([LINKING, LOOKALIKE, EXACT])  # a rerun of the same input
        rerun = _links(store)
        assert store.delete(EXACT.id) is True  # its links go back to the next best target
        deleted = _links(store)
    assert first == ON_LOOKALIKE
    assert final == FINAL
    assert [link.id for link in got.read_also] == [EXACT.id, EXACT.id, None]  # type: ignore[union-attr]
    assert (again.unchanged, again.links_resolved, rerun) == (3, 0, FINAL)
    assert deleted == ON_LOOKALIKE


ORDERS = {"-".join(NAMES[a.id] for a in order): order for order in permutations([LINKING, LOOKALIKE, EXACT])}


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("order", sorted(ORDERS))
def test_every_arrival_order_ends_on_the_same_targets(order: str, backend: str) -> None:
    with empty_archive(backend) as store:
        resolved = [store.put(a).links_resolved for a in ORDERS[order]]
        assert _links(store) == FINAL
    # links each put resolved: a target arriving after the links counts those it takes
    assert resolved == {
        "linking-lookalike-exact": [0, 2, 2], "linking-exact-lookalike": [0, 2, 0],
        "lookalike-linking-exact": [0, 0, 2], "lookalike-exact-linking": [0, 0, 0],
        "exact-linking-lookalike": [0, 0, 0], "exact-lookalike-linking": [0, 0, 0],
    }[order]


def _make_version_16(store, unrelated_id: str) -> None:  # type: ignore[no-untyped-def]
    """Turn ``store`` into an archive of schema 16 as the defect left it: the exact link on
    the look-alike, the truncated one unresolved, the third on an article an older rule chose."""
    linking = f"(SELECT rowid FROM articles WHERE id = '{LINKING.id}')"
    sql = [
        f"UPDATE read_also SET target_id = '{LOOKALIKE.id}' WHERE position = 0 AND article_rowid = {linking}",
        f"UPDATE read_also SET target_id = NULL WHERE position = 1 AND article_rowid = {linking}",
        f"UPDATE read_also SET target_id = '{unrelated_id}' WHERE position = 2 AND article_rowid = {linking}",
        "DROP INDEX read_also_title", "DROP INDEX read_also_url",
        "ALTER TABLE read_also DROP COLUMN match_kind", "ALTER TABLE read_also DROP COLUMN match_score",
        "CREATE INDEX read_also_pending ON read_also(title_key) WHERE target_id IS NULL",
        "CREATE INDEX read_also_pending_url ON read_also(url) WHERE target_id IS NULL AND url IS NOT NULL",
        "DELETE FROM schema_version WHERE version = 17",
    ]
    for statement in sql:
        store.conn.execute(statement)


@pytest.mark.parametrize("backend", BACKENDS)
def test_migration_17_records_matches_and_repoints_without_losing_a_target(backend: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import postgres_schema_url
    from warta.store import SQLiteArchive
    from warta.store.postgres import PostgresArchive

    unrelated = _dated("Harga Emas Antam Naik Lagi Hari Ini", "https://kabarfiksi.example/emas", 9)
    NAMES[unrelated.id] = "unrelated"
    url = str(tmp_path / "old.db") if backend == "sqlite" else postgres_schema_url()
    opener = SQLiteArchive if backend == "sqlite" else PostgresArchive
    with opener(url) as store:  # type: ignore[operator]
        store.put_many([LOOKALIKE, EXACT, unrelated, LINKING])
        _make_version_16(store, unrelated.id)
        before = store.conn.execute("SELECT count(*) FROM read_also").fetchone()[0]
    with opener(url) as store:  # type: ignore[operator]
        after = _links(store)
        version = max(v for (v,) in store.conn.execute("SELECT version FROM schema_version").fetchall())
    del NAMES[unrelated.id]
    assert before == 3 and version >= 17
    assert after == [(0, "exact", "exact", 1.0), (1, "exact", "truncated", 0.5753), (2, "unrelated", "unknown", None)]
