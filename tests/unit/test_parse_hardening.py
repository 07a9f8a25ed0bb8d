"""Issue 9, parse side: bad exports never abort a batch, limits hold, odd encodings are read."""

from __future__ import annotations

import pytest

from warta.model import ReadAlso
from warta.parse.anatomy import clean_body


@pytest.mark.timeout(20)  # the quadratic lifting took 42 s on this paragraph; now well under 1 s
def test_inline_read_also_lifting_is_linear() -> None:
    runs = 5000
    paragraph = " ".join(
        f"Acara {i} berjalan lancar. Baca juga: Robot Pintar Nomor {i} Acara meresmikan gedung."
        for i in range(runs)
    )
    body = clean_body([paragraph])
    assert body.read_also == [ReadAlso(f"Robot Pintar Nomor {i}") for i in range(runs)]
    assert body.paragraphs == [
        " ".join(f"Acara {i} berjalan lancar. Acara meresmikan gedung." for i in range(runs))
    ]


@pytest.mark.timeout(20)
def test_many_unclosed_read_also_tags_are_linear() -> None:
    unclosed = "Awal. " + "[Baca juga: Judul " * 20_000 + "Lanjut cerita."
    body = clean_body([unclosed, "Kedua. [Baca juga: Judul Akhir] Lanjut."])
    assert body.read_also == [ReadAlso("Judul Akhir")]
    assert body.paragraphs == [unclosed, "Kedua. Lanjut."]
