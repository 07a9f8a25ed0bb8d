"""The outlet registry (warta.parse.outlets) and canonical_outlet, its single entry point."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from warta.errors import UsageError
from warta.parse import outlets
from warta.parse.anatomy import canonical_outlet


@pytest.mark.parametrize(
    ("printed", "domain"),
    [
        ("KOMPAS.com", "kompas.com"),
        ("ANTARA", "antaranews.com"),
        ("Liputan6.com", "liputan6.com"),
        ("TRIBUNNEWS.COM", "tribunnews.com"),
        ("Metrobali.com", "metrobali.com"),
        ("(Metrobali.com)", "metrobali.com"),
        ("Zona Jakarta", "zonajakarta.com"),
        ("@Indonesiarss", "indonesiarss.com"),
        ("makassar.tribunnews.com", "tribunnews.com"),
        ("www.news.detik.com", "detik.com"),
        ("tribun-timur.com", "tribunnews.com"),
        # Outlets of the exports in ../shared/data/news (issue 10, round 2).
        ("posmetro-medan.com", "posmetro-medan.com"),
        ("Goal Indonesia", "goal.com"),
        ("juara.net", "juara.net"),
        ("DailySocial", "dailysocial.id"),
        ("tribun-video.com", "tribunnews.com"),
    ],
)
def test_printed_names_and_hosts_resolve_to_the_canonical_domain(printed: str, domain: str) -> None:
    assert canonical_outlet(printed) == domain


@pytest.mark.parametrize(
    ("typo", "domain"),
    [
        ("tribunnnews.com", "tribunnews.com"),  # one letter too many
        ("trbunnews.com", "tribunnews.com"),  # one letter missing
        ("liputan6.co", "liputan6.com"),
        ("cnnindonesa.com", "cnnindonesia.com"),
        ("mediaindonesai.com", "mediaindonesia.com"),  # two edits on a long name
    ],
)
def test_typos_of_registered_domains_resolve_by_edit_distance(typo: str, domain: str) -> None:
    assert canonical_outlet(typo) == domain


def test_short_or_unknown_names_are_never_guessed() -> None:
    # Too short for a bounded edit distance to be unambiguous: kept as written.
    assert canonical_outlet("tempo.id") == "tempo.id"
    assert canonical_outlet("berita-desa.com") == "berita-desa.com"  # an unknown domain stays itself
    assert canonical_outlet("Jakarta") is None  # a place is not an outlet
    assert canonical_outlet("Juara") is None  # a word ("champion"), not juara.net
    assert canonical_outlet("Goal") is None
    assert canonical_outlet("") is None


def test_profiles_carry_group_zone_and_regional_zones() -> None:
    registry = outlets.registry()
    tribun = registry.profile("tribunnews.com")
    assert tribun is not None
    assert tribun.group == "Kompas Gramedia (Tribun Network)"
    assert (tribun.zone_for("makassar.tribunnews.com"), tribun.zone_for("www.tribunnews.com")) == ("WITA", "WIB")
    assert registry.profile("prokal.co").tz == "WITA"  # type: ignore[union-attr]


def test_user_file_is_merged_over_the_shipped_registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "mine.json"
    extra.write_text(json.dumps({"outlets": [
        {"domain": "kabarlembah.id", "names": ["KabarLembah"], "tz": "WIT"},
        {"domain": "kompas.com", "names": ["Harian Kompas Daring"], "title_affixes": ["Kompas Daring"]},
    ]}), "utf-8")
    monkeypatch.setenv(outlets.ENV, str(extra))
    assert canonical_outlet("KabarLembah") == "kabarlembah.id"
    assert canonical_outlet("Harian Kompas Daring") == "kompas.com"
    kompas = outlets.registry().profile("kompas.com")
    assert kompas is not None
    assert kompas.title_affixes == ["Kompas.com", "Kompas Daring"]  # lists extended, not replaced
    assert "KOMPAS.com" in kompas.names
    assert outlets.registry().profile("kabarlembah.id").tz == "WIT"  # type: ignore[union-attr]


def test_a_bad_user_file_says_what_is_wrong(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"outlets": [{"domain": "a.id", "zona": "WIB"}]}', "utf-8")
    with pytest.raises(UsageError) as err:
        outlets.load([bad])
    assert str(err.value) == (
        f"{bad}: outlet 'a.id' has unknown keys ['zona']; allowed: ['credit_codes', 'domain', 'furniture', "
        "'group', 'host_tz', 'hosts', 'names', 'selectors', 'title_affixes', 'tz']"
    )
    missing = tmp_path / "missing.json"
    with pytest.raises(UsageError) as err:
        outlets.load([missing])
    assert str(err.value) == (
        f"{missing}: cannot read the outlet registry file named in $WARTA_OUTLETS (No such file or "
        f"directory); fix or remove this path in $WARTA_OUTLETS (UTF-8 files separated by {os.pathsep!r})")
    latin = tmp_path / "latin.json"
    latin.write_bytes(b'{"outlets": [\n{"domain": "caf\xe9.id"}]}')
    with pytest.raises(UsageError) as err:
        outlets.load([latin])
    assert str(err.value) == (f"{latin}:2: cannot read the outlet registry file named in $WARTA_OUTLETS "
                              "(byte 0xe9 is not UTF-8); save the file as UTF-8")


def test_every_shipped_profile_is_well_formed() -> None:
    registry = outlets.load([])
    assert len(registry.outlets) >= 40
    for outlet in registry.outlets.values():
        assert outlet.tz in ("WIB", "WITA", "WIT"), outlet.domain
        assert all(zone in ("WIB", "WITA", "WIT") for zone in outlet.host_tz.values()), outlet.domain
