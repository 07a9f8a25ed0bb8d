"""Quotes, h16gold (issue 11): the second review's items — a verb of seeing (``melihat``) with
a witness as its subject (``Saksi …``) reports only before ``bahwa``/``jika``: after a bare comma
it tells what was seen, while ``Dadang melihat, …`` stays a view;
a medium passing on news is matched against the whole subject (``kantor berita Bloomberg``), so
a name that only starts with one (``Bloomberg New Energy Finance``) still speaks. From the study
of set D: a description that gives a nickname (``politikus yang akrab disapa Gus Choi ini``) is
the passage's person, whose the nickname then is; an office's short form (``Mendag``) is no
given name the tagger left out. Every
sentence here was written for these tests; entities are given by hand, so a test states exactly
what NER found."""

from __future__ import annotations

from tests.unit.quote_helpers import located, person

from warta.enrich.quote_lexicon import QuoteLexicon, is_nonspeaker
from warta.enrich.quote_roles import missed_given_names
from warta.enrich.quotes import extract_quotes


def _quotes(paragraphs: list[str], *entities):  # type: ignore[no-untyped-def]
    return located(extract_quotes(paragraphs, list(entities)))


def test_a_witness_seeing_is_no_quote_but_a_view_with_bahwa_is() -> None:
    seen = ["Saksi mata Budi Santoso melihat, pelaku membawa senjata tajam dan lari ke arah utara."]
    assert _quotes(seen, person("Budi Santoso", seen)) == []
    warga = ["Seorang warga, Siti Aminah, melihat, api muncul dari dapur rumah itu sekitar pukul dua."]
    assert _quotes(warga, person("Siti Aminah", warga)) == []
    # with no witness word before it, the verb of seeing reports a view after a bare comma
    judged = ["Namun Ahmad Yani melihat, keberadaan importir belum memperbaiki mutu bawang putih."]
    assert _quotes(judged, person("Ahmad Yani", judged)) == [
        ("Ahmad Yani", "Ahmad Yani", None, None, 0, 26, 81)]
    view = ["Pengamat politik Ray Rangkuti melihat bahwa koalisi itu akan bubar sebelum pemilu."]
    assert _quotes(view, person("Ray Rangkuti", view)) == [
        ("Ray Rangkuti", "Ray Rangkuti", "Pengamat politik", None, 0, 44, 81)]
    # a belief stays a cue after a comma: only a seeing_cue with a witness subject needs one
    sure = ["Pelatih Persib Bojan Hodak yakin, timnya akan menang di laga final nanti."]
    assert [q[6] - q[5] for q in _quotes(sure, person("Bojan Hodak", sure))] == [38]


def test_a_witness_word_in_an_opening_clause_does_not_silence_an_official() -> None:
    # the witness word must be the verb's subject, not any word before it (review, h16 mend)
    bupati = ["Menanggapi keluhan warga, Bupati Ahmad Yani melihat, pemerintah daerah perlu menambah pos."]
    assert [(q[0], q[6] - q[5]) for q in _quotes(bupati, person("Ahmad Yani", bupati))] == [
        ("Ahmad Yani", 36)]
    menteri = ["Soal bantuan bagi korban banjir, Menteri Sosial Tri Rismaharini melihat, penyaluran harus cepat."]
    assert [(q[0], q[2]) for q in _quotes(menteri, person("Tri Rismaharini", menteri))] == [
        ("Tri Rismaharini", "Menteri Sosial")]


def test_a_medium_is_matched_against_the_whole_subject() -> None:
    lex = QuoteLexicon()
    assert is_nonspeaker("Reuters", lex) and is_nonspeaker("kantor berita Bloomberg", lex)
    assert is_nonspeaker("AFP juga", lex) and is_nonspeaker("Laporan BPS", lex)
    assert not is_nonspeaker("Bloomberg New Energy Finance", lex)
    assert not is_nonspeaker("Reuters Institute", lex)
    agency = ["Kantor berita Bloomberg menyebutkan, perusahaan itu akan memangkas 500 karyawan tahun depan."]
    assert _quotes(agency, person("Bloomberg", agency, label="ORG")) == []
    research = ["Bloomberg New Energy Finance menyatakan, investasi energi terbarukan naik tajam tahun ini."]
    assert _quotes(research, person("Bloomberg New Energy Finance", research, label="ORG")) == [
        ("Bloomberg New Energy Finance", "Bloomberg New Energy Finance", None, None, 0, 41, 89)]


def test_a_description_giving_a_nickname_is_the_passage_person_and_the_nickname_theirs() -> None:
    paras = ["Ketua DPP NasDem Effendi Choirie mengungkapkan partainya prihatin atas putusan itu.",
             "Menurut politikus yang akrab disapa Gus Choi ini, putusan majelis besok harus sesuai etika.",
             "\"Kami tetap menghormati apa pun putusan majelis nanti,\" kata Gus Choi."]
    found = _quotes(paras, person("Effendi Choirie", paras), person("Gus Choi", paras))
    assert [(q[0], q[1], q[2]) for q in found] == [
        ("Effendi Choirie", "Effendi Choirie", "Ketua DPP NasDem"),
        ("Effendi Choirie", "politikus yang akrab disapa Gus Choi ini", "Ketua DPP NasDem"),
        ("Effendi Choirie", "Gus Choi", "Ketua DPP NasDem")]


def test_an_office_short_form_is_no_given_name_left_out() -> None:
    # 'Mendag' (name_titles.tsv role) before a tagged name is the office, not a missed given name
    assert missed_given_names("terdakwa korupsi impor gula eks Mendag ") == 0
    assert missed_given_names("Kepala OJK Sultra Mohammad ") == len("Mohammad ")
    paras = ["Sebelumnya, terdakwa korupsi impor gula eks Mendag Thomas Trikasih Lembong alias Tom Lembong "
             "mengungkapkan dirinya dibidik setelah bergabung dengan tim kampanye."]
    lembong = person("Thomas Trikasih Lembong", paras, ["Thomas Trikasih Lembong", "Tom Lembong"])
    assert [(q[0], q[1], q[2]) for q in _quotes(paras, lembong)] == [
        ("Thomas Trikasih Lembong", "Tom Lembong", "eks Mendag")]
