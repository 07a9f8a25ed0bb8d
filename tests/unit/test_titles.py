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
