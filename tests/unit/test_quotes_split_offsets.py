"""The quote stage split by pass (h11q7): no module of a pass imports ``quotes.py``; a quote whose
opening mark ends its paragraph starts in the next one; a quote whose attribution names no one
is none, while a cue whose name was lost points back at the passage's speaker; ``beber`` is a
cue. Sentences written for these tests."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import warta.enrich
from warta.enrich.quotes import extract_quotes
from warta.model import Entity, Mention

ENRICH = Path(warta.enrich.__file__).parent


def test_pass_modules_never_import_the_entry_module() -> None:
    modules = sorted(ENRICH.glob("quote_*.py"))
    # quote_kinds (h11q9): the speaker kind, after the other passes; quote_next (h16attr):
    # attribution by the next sentence
    assert len(modules) == 13
    for path in modules:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert node.module not in ("quotes", "warta.enrich.quotes"), path.name


def test_a_mark_that_ends_its_paragraph_opens_the_next_one() -> None:
    paragraphs = [
        "Ketua RT 05 Budi Santoso meninjau tanggul yang jebol. \u201d",
        "Kami siap membantu warga yang terdampak banjir,\u201d kata Budi Santoso.",
    ]
    [quote] = extract_quotes(paragraphs)
    assert (quote.paragraph, quote.start, quote.end, quote.end_paragraph) == (1, 0, 46, None)
    assert paragraphs[quote.paragraph][quote.start : quote.end] == quote.text
    assert quote.speaker == "Budi Santoso"


def test_a_quote_no_name_resolves_is_none() -> None:
    paragraphs = [
        "\u201cAirnya naik sejak pagi dan belum surut juga,\u201d kata salah satu warga.",
        "\u201cKami sudah menyiapkan perahu karet di posko,\u201d kata Budi Santoso.",
    ]
    assert [(q.kind, q.speaker) for q in extract_quotes(paragraphs)] == [("direct", "Budi Santoso")]


@pytest.mark.parametrize("attribution", ["jelas .", "ujar, di atas panggung."])
def test_a_cue_whose_name_was_lost_points_back_at_the_passage(attribution: str) -> None:
    # ('…,” jelas .': a scraper dropped the name after the cue)
    paragraphs = [
        "Penyanyi Rossa Wijaya tampil di depan ribuan penggemar di Jakarta, Sabtu malam.",
        f"\u201cAku senang sekali bisa bernyanyi bareng penggemar malam ini,\u201d {attribution}",
    ]
    mention = Mention("Rossa Wijaya", 0, 9, 21)
    [quote] = extract_quotes(paragraphs, [Entity(name="Rossa Wijaya", label="PER", mentions=[mention])])
    assert (quote.speaker, quote.cue) == ("Rossa Wijaya", attribution.split()[0].strip(","))


def test_beber_is_a_cue() -> None:
    paragraphs = ["\u201cBiayanya tidak sampai lima miliar rupiah,\u201d beber Budi Santoso di Tangerang."]
    assert [(q.speaker, q.cue) for q in extract_quotes(paragraphs)] == [("Budi Santoso", "beber")]
