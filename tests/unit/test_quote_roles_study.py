"""Roles and affiliations on recent news, tenth pass (h11q6, issue 11 point 1): a bracketed
short form of the office is no organisation, an acronym that spells a longer name makes that
name the organisation, an organisation's short name after ``atau`` goes on, a portfolio after
the organisation stays in the role, a name's initials between the comma and the tagged name do
not hide the office. Every sentence here was written for these tests."""

from __future__ import annotations

import pytest

from warta.enrich.quote_roles import clean_role, is_initial, split_affiliation
from warta.enrich.quote_lexicon import quote_lexicon
from warta.enrich.quotes import mention_role


def test_a_bracketed_short_form_of_the_office_is_no_affiliation() -> None:
    assert split_affiliation("Menteri Koordinator Bidang Pembangunan Manusia dan Kebudayaan (Menko PMK)") is None
    assert split_affiliation("Menteri Pendayagunaan Aparatur Negara (Menpan RB)") is None
    # a bracketed acronym after the organisation still stays out of it
    assert split_affiliation("Gubernur Bank Indonesia (BI)") == "Bank Indonesia"
    assert split_affiliation("Kepala Satuan Polisi Pamong Praja (Satpol PP) Kota Bekasi") \
        == "Satuan Polisi Pamong Praja (Satpol PP) Kota Bekasi"


def test_an_acronym_that_spells_a_longer_name_makes_it_the_organisation() -> None:
    assert split_affiliation("Ketua Majelis Kehormatan Mahkamah Konstitusi (MKMK)") \
        == "Majelis Kehormatan Mahkamah Konstitusi"
    # no acronym: the last top-level head, as before
    assert split_affiliation("Kepala Badan Ketahanan Pangan Kementerian Pertanian") == "Kementerian Pertanian"
    # an acronym of the last name only changes nothing
    assert split_affiliation("Ketua Dewan Pengawas Mahkamah Konstitusi (MK)") == "Mahkamah Konstitusi"


@pytest.mark.parametrize(("phrase", "role", "affiliation"), [
    ("pendakwah sekaligus Pimpinan Pondok Pesantren atau Ponpes Nurul Huda Sleman yakni",
     "Pimpinan Pondok Pesantren atau Ponpes Nurul Huda Sleman", "Pondok Pesantren atau Ponpes Nurul Huda Sleman"),
    ("Pengasuh Pondok Pesantren Al Falah", "Pengasuh Pondok Pesantren Al Falah", "Pondok Pesantren Al Falah"),
    # a person's short name is no organisation's: the role ends as before
    ("putra Presiden Joko Widodo atau Jokowi", "Presiden Joko Widodo", "Joko Widodo"),
    # a word that does not spell the run ends it
    ("Ketua Yayasan Bina Warga atau Santoso", "Ketua Yayasan Bina Warga", "Yayasan Bina Warga"),
])
def test_an_organisations_short_name_after_atau_goes_on(phrase: str, role: str, affiliation: str) -> None:
    assert clean_role(phrase) == role
    assert split_affiliation(role) == affiliation


def test_a_portfolio_after_the_organisation_stays_in_the_role() -> None:
    assert split_affiliation("Ketua DPP PDIP Bidang Pemuda dan Olahraga") == "DPP PDIP"
    assert split_affiliation("Ketua Gili Hotel Association Bidang Promosi") == "Gili Hotel Association"
    # after a title word 'Bidang' is part of the body's name
    assert split_affiliation("Deputi IV Kementerian Koordinator Bidang Perekonomian") \
        == "Kementerian Koordinator Bidang Perekonomian"
    # before the organisation it is a unit of the role, as before
    assert split_affiliation("Kepala Bidang Humas Polda Metro Jaya") == "Polda Metro Jaya"


def test_initials_between_the_comma_and_the_tagged_name_keep_the_office() -> None:
    text = "Hal ini disampaikan Ketua DPP Partai Maju Bidang Pemuda, MY Rina Lestari, di Jakarta."
    ms = text.index("Rina")
    assert mention_role(text, ms, ms + len("Rina Lestari"), quote_lexicon()) == "Ketua DPP Partai Maju Bidang Pemuda"
    assert [is_initial(w) for w in ("MY", "A", "M.", "II", "DPP")] == [True, True, True, False, False]
    # a word that is no initial still ends the office at the comma
    text = "Hal ini disampaikan Ketua DPP Partai Maju, kemudian Rina Lestari menambahkan."
    ms = text.index("Rina")
    assert mention_role(text, ms, ms + len("Rina Lestari"), quote_lexicon()) is None


def test_a_second_office_reaching_the_name_is_the_speakers_when_the_first_stops_short() -> None:
    text = ("Ketua partai membantah kabar akan mengumumkan putra sulung Presiden Joko Widodo atau Jokowi "
            "sekaligus bakal cawapres Koalisi Maju Bersama, Rudi Hartono Saputra menjadi kader.")
    ms = text.index("Rudi")
    assert mention_role(text, ms, ms + len("Rudi Hartono Saputra"), quote_lexicon()) == "bakal cawapres Koalisi Maju Bersama"
    # one office reaching the name: both stay, as before
    text = "Hal itu disampaikan Pemimpin Wihara Dharma sekaligus Ketua Umum Majelis Buddha Jaya Rudi Hartono di sana."
    ms = text.index("Rudi")
    assert mention_role(text, ms, ms + len("Rudi Hartono"), quote_lexicon()) \
        == "Pemimpin Wihara Dharma sekaligus Ketua Umum Majelis Buddha Jaya"
    # the affiliation is the first office's organisation, without the second office
    assert split_affiliation("Ketua Panitia Lomba Sepeda sekaligus Ketua Klub Gowes") == "Panitia Lomba Sepeda"
    assert split_affiliation("Ketua Panitia Lomba sekaligus Ketua Klub Gowes") == "Panitia Lomba"
