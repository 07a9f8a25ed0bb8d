"""Outlets named in the text are organisations, read from the outlet registry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warta.enrich.entities import extract_entities
from warta.enrich.outlet_names import tag_outlet_names
from warta.parse import outlets


def _labels(text: str) -> list[tuple[str, str]]:
    return [(e.name, e.label) for e in extract_entities([text])]


def test_regional_tribun_edition_is_an_organisation_not_a_place() -> None:
    found = _labels("Hal itu ia sampaikan kepada Tribun Solo, Senin. Kapolres Solo hadir di Solo.")
    assert ("Tribun Solo", "ORG") in found
    assert ("Solo", "LOC") in found
    assert ("Tribun Solo", "LOC") not in found


def test_site_address_written_as_a_name_is_an_organisation() -> None:
    found = _labels("Ia berbicara kepada CNNIndonesia.com dan Sumbarnews.com, Rabu.")
    assert found == [("CNNIndonesia.com", "ORG"), ("Sumbarnews.com", "ORG")]


def test_registry_name_spanning_a_tagged_place_becomes_one_organisation() -> None:
    tokens = ["Dilansir", "Media", "Indonesia", ",", "kata", "dia"]
    tags = ["O", "O", "B-LOC", "O", "O", "O"]
    tag_outlet_names(tokens, tags)
    assert tags == ["O", "B-ORG", "I-ORG", "O", "O", "O"]


def test_ordinary_word_names_and_crossing_spans_are_left_to_the_tagger() -> None:
    # ``Merdeka`` and ``Suara`` are outlets and ordinary words (Sastrawi roots)
    tokens = ["Istana", "Merdeka", "dan", "Suara", "rakyat"]
    tags = ["B-LOC", "I-LOC", "O", "O", "O"]
    tag_outlet_names(tokens, tags)
    assert tags == ["B-LOC", "I-LOC", "O", "O", "O"]
    # a span of the tagger that runs past the outlet's name is not cut
    tokens = ["Tribun", "Solo", "Raya"]
    tags = ["B-LOC", "I-LOC", "I-LOC"]
    tag_outlet_names(tokens, tags)
    assert tags == ["B-LOC", "I-LOC", "I-LOC"]


def test_a_users_registry_file_adds_outlet_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "outlets.json"
    extra.write_text(json.dumps({"outlets": [
        {"domain": "kabarsukamaju.id", "names": ["Kabar Sukamaju"]}]}), encoding="utf-8")
    tokens = ["kepada", "Kabar", "Sukamaju", "."]
    tags = ["O", "O", "B-LOC", "O"]
    tag_outlet_names(tokens, tags)
    assert tags == ["O", "O", "B-LOC", "O"]
    monkeypatch.setenv(outlets.ENV, str(extra))
    tag_outlet_names(tokens, tags)
    assert tags == ["O", "B-ORG", "I-ORG", "O"]
