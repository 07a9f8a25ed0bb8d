"""Speaker names (h11q8): a sentence opener a tagger glued to a name is cut from it
(``Alhasil Saiful`` → ``Saiful``; a reduplicated word by its form), an opener or a place tagged
alone never speaks, and the capitalised words after ``warga`` / ``asal`` and the comma segments
that continue that address are no name. Sentences written for these tests."""

from __future__ import annotations

import pytest

from warta.enrich.quote_roles import is_reduplicated
from warta.enrich.quotes import extract_quotes
from warta.model import Entity, Mention


def _tagged(paragraphs: list[str], name: str) -> list[Entity]:
    """``name`` tagged as a person where it is first written."""
    for k, text in enumerate(paragraphs):
        at = text.find(name)
        if at >= 0:
            return [Entity(name=name, label="PER", mentions=[Mention(name, k, at, at + len(name))])]
    raise AssertionError(name)


@pytest.mark.parametrize("opener", ["Alhasil", "Selain itu,", "Berkali-kali"])
def test_a_sentence_opener_glued_to_a_name_is_cut(opener: str) -> None:
    glued = f"{opener.split()[0]} Darmaji"
    paragraphs = [
        f"{glued} menunggu kabar dari dinas kesehatan sejak pekan lalu.",
        "\u201cSaya hanya bisa menunggu di rumah saja,\u201d ujar Darmaji.",
    ]
    [quote] = extract_quotes(paragraphs, _tagged(paragraphs, glued))
    assert quote.speaker == "Darmaji"


@pytest.mark.parametrize("tagged", ["Walakin", "Kecamatan Ngemplak"])
def test_an_opener_or_a_place_tagged_alone_never_speaks(tagged: str) -> None:
    paragraphs = [
        f"{tagged} bersiap menghadapi musim hujan tahun ini.",
        "\u201cSemua saluran sudah kami bersihkan sejak bulan lalu,\u201d ujarnya.",
    ]
    [quote] = extract_quotes(paragraphs, _tagged(paragraphs, tagged))
    assert quote.speaker is None


def test_an_address_after_warga_is_no_name() -> None:
    paragraphs = ["\u201cAirnya masuk ke rumah sejak subuh tadi,\u201d kata Darmaji, warga Ngentak, Sumberan, Sleman."]
    [quote] = extract_quotes(paragraphs)
    assert (quote.speaker, quote.role) == ("Darmaji", "warga Ngentak")


def test_an_origin_is_no_name() -> None:
    paragraphs = [
        "Darmaji Saputra menonton film itu bersama istrinya.",
        "\u201cFilmnya bagus sekali,\u201d ujar pria asal Sumberan, Sleman, itu.",
    ]
    [quote] = extract_quotes(paragraphs, _tagged(paragraphs, "Darmaji Saputra"))
    assert (quote.speaker, quote.role) == ("Darmaji Saputra", None)


@pytest.mark.parametrize(("word", "expected"), [
    ("berkali-kali", True), ("Tiba-tiba", True), ("sehari-hari", True), ("Co-Founder", False), ("Abdul", False),
])
def test_reduplicated_words(word: str, expected: bool) -> None:
    assert is_reduplicated(word) is expected


@pytest.mark.parametrize("heading", ["Dikucilkan", "Permenungan"])
def test_a_sub_heading_run_into_the_paragraph_is_cut(heading: str) -> None:
    # (an affixed word opening the paragraph, the article calling the person by the next word)
    glued = f"{heading} Darmaji"
    paragraphs = [
        f"{glued} menunggu kabar dari dinas kesehatan sejak pekan lalu.",
        "\u201cSaya hanya bisa menunggu di rumah saja,\u201d ujar Darmaji.",
    ]
    alone = Entity(name="Darmaji", label="PER", mentions=[Mention("Darmaji", 1, 47, 54)])
    [quote] = extract_quotes(paragraphs, [*_tagged(paragraphs, glued), alone])
    assert quote.speaker == "Darmaji"


def test_a_name_after_a_full_stop_keeps_a_given_name() -> None:
    paragraphs = [
        "Banjir merendam dua desa. Budi Darmaji menunggu kabar dari dinas kesehatan.",
        "\u201cSaya hanya bisa menunggu di rumah saja,\u201d ujar Darmaji.",
    ]
    [quote] = extract_quotes(paragraphs, _tagged(paragraphs, "Budi Darmaji"))
    assert quote.speaker == "Budi Darmaji"
