"""Whether a quote's speaker is a public figure (issue 11 point 1): ``Quote.speaker_kind``, set
by :mod:`warta.enrich.quote_kinds` as the last pass of :func:`warta.enrich.extract_quotes`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.quote_helpers import person
from warta.enrich import enrich, extract_quotes
from warta.enrich.quote_kinds import SPEAKER_WORDS_ENV, _table, description_kind, label_speakers, speaker_kind
from warta.errors import InvalidRecord, UsageError
from warta.model import Article, Quote

PARAGRAPHS = [
    "Kepala Dinas Kesehatan Kota Surabaya Febria Rachmanita mengatakan, vaksinasi dimulai pekan depan.",
    "“Kami sudah siap,” kata Febria.",
    "Sutini, warga Kelurahan Karah, mengaku lega. “Saya sudah menunggu lama,” ujarnya.",
    "“Antreannya panjang sekali,” kata Budi Hartono.",
    "Presiden Joko Widodo meninjau lokasi. “Vaksin aman,” kata Jokowi.",
    "“Semua berjalan lancar,” kata Alfred Sitorus dari Koalisi Pejalan Kaki.",
]


def test_every_quote_gets_a_kind_through_the_pipeline() -> None:
    quotes = enrich(Article(paragraphs=PARAGRAPHS)).quotes
    assert [(q.speaker, q.role, q.speaker_kind) for q in quotes] == [
        ("Febria Rachmanita", "Kepala Dinas Kesehatan Kota Surabaya", "public"),  # an office
        ("Febria Rachmanita", "Kepala Dinas Kesehatan Kota Surabaya", "public"),
        ("Sutini", "warga Kelurahan Karah", "private"),  # described as a resident only
        ("Budi Hartono", None, "private"),  # named with no office
        ("Joko Widodo", "Presiden", "public"),
        ("Alfred Sitorus", None, "public"),  # 'dari' an organisation: an affiliation
    ]


def test_description_heads_skip_words_and_longer_phrases() -> None:
    assert [description_kind(r) for r in (
        "warga Karah", "salah satu sopir angkot M16", "Sopir bajaj di Tanah Abang", "ibu dua anak",
        "Ibu Negara", "Kepala Dinas Kesehatan", "Ketua Asosiasi Pedagang Pasar", "mantan karyawan",
        None, "")] == ["private", "private", "private", "private", "public", None, None, "private", None, None]


def _quote(speaker: str | None, mention: str | None = None, role: str | None = None) -> Quote:
    return Quote("…", "direct", speaker=speaker, speaker_mention=mention or speaker, role=role)


def test_speakers_without_a_role() -> None:
    paragraphs = ["Pengajar Fakultas Hukum Universitas Mulawarman, Samarinda, Herdiansyah Hamzah, berpandangan lain.",
                  "Rina duduk di teras rumahnya."]
    entities = [person("Herdiansyah Hamzah", paragraphs), person("Rina", paragraphs),
                person("Bank Indonesia", paragraphs, label="ORG")]
    by_name = {e.name: e for e in entities}
    cases = [
        _quote("Bank Indonesia", "BI"),  # an organisation
        _quote("Joko Widodo", "Jokowi"),  # a person of the alias table
        _quote("Yusri Yunus", "Kombes Yusri"),  # written with a rank
        _quote("Herdiansyah Hamzah", "Herdiansyah"),  # an office before another mention
        _quote("Rina"),  # named, no office anywhere
        _quote(None, "pedagang itu"),  # a description as speaker, no name
        _quote(None, "dia"),  # nothing to decide from
        _quote("Rina", role="pedagang sayur"),
    ]
    assert [speaker_kind(q, by_name, paragraphs) for q in cases] == [
        "public", "public", "public", "public", "private", "private", None, "private"]


def test_a_speaker_keeps_one_kind_in_the_article() -> None:
    quotes = [_quote("Rina"), _quote("Rina", "ujarnya"), _quote("Dedi", role="Camat Lowokwaru")]
    assert [q.speaker_kind for q in label_speakers(quotes, [])] == ["private", "private", "public"]
    assert extract_quotes([]) == []


def test_user_word_lists_extend_and_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    words = tmp_path / "kinds.tsv"
    words.write_text("# mine\nojol\tprivate\nwarga kehormatan\tpublic\n", encoding="utf-8")
    monkeypatch.setenv(SPEAKER_WORDS_ENV, str(words))
    assert [description_kind(r) for r in ("ojol Grab", "warga kehormatan Bali", "warga Bali")] == [
        "private", "public", "private"]
    bad = tmp_path / "bad.tsv"
    bad.write_text("ojol\tfamous\n", encoding="utf-8")
    monkeypatch.setenv(SPEAKER_WORDS_ENV, str(bad))
    with pytest.raises(UsageError) as info:
        description_kind("ojol")
    assert str(info.value) == (f"{bad}:1: the kind must be one of public, private, skip, got "
                               "'ojol\\tfamous'; fix or remove the line")
    _table.cache_clear()


def test_the_field_round_trips_and_old_records_read() -> None:
    q = Quote("Kami siap", "direct", speaker="Rina", speaker_kind="private")
    d = q.to_dict()
    assert list(d)[-2:] == ["affiliation", "speaker_kind"]
    assert Quote.from_dict(d) == q
    del d["speaker_kind"]  # written before the field existed
    assert Quote.from_dict(d).speaker_kind is None
    with pytest.raises(InvalidRecord, match=r"field 'quote.speaker_kind': expected 'public', 'private' or "
                                            r"null, got 'famous'"):
        Quote.from_dict({**d, "speaker_kind": "famous"})
