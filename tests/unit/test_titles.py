"""``Baca juga`` titles resolved to archive ids: exact, glued to the next sentence, truncated,
re-typed; also when the target arrives after the link."""

from __future__ import annotations

from datetime import datetime

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
