"""Quotes, sixth pass (issue 11 point 1): the general causes found on the tune half of the
person-read gold of 30 recent articles (``evals/quotes_gold.tsv``). Every sentence here was
written for these tests; entities are given by hand, so a test states exactly what NER found."""

from __future__ import annotations

from tests.unit.quote_helpers import located, person

from warta.enrich.quote_roles import clean_role, split_affiliation
from warta.enrich.quote_lexicon import quote_lexicon
from warta.enrich.quotes import extract_quotes, mention_role
from warta.parse.export import split_paragraphs


def _quotes(paragraphs: list[str], *entities):  # type: ignore[no-untyped-def]
    return located(extract_quotes(paragraphs, list(entities)))


def test_a_cue_between_commas_inside_the_sentence_reports_it() -> None:
    # 'Jokowi, kata X, butuh …': the sentence is what was said, the attribution inside it
    paras = ["Ketua Forum Warga Sari Lestari Dewi Anggraini menilai jalan itu rusak.",
             "Pasar, kata Dewi Anggraini, butuh atap baru sebelum musim hujan tiba."]
    dewi = person("Dewi Anggraini", paras)
    assert _quotes(paras, dewi) == [
        ("Dewi Anggraini", "Dewi Anggraini", "Ketua Forum Warga Sari Lestari", "Forum Warga Sari Lestari", 0, 54, 69),
        ("Dewi Anggraini", "Dewi Anggraini", "Ketua Forum Warga Sari Lestari", "Forum Warga Sari Lestari", 1, 0, 68)]


def test_after_a_connective_the_statement_starts_past_the_cue() -> None:
    paras = ["Ketua Forum Warga Sari Lestari Dewi Anggraini menilai jalan itu rusak.",
             "Padahal, kata dia, dana perbaikan sudah cair sejak bulan lalu."]
    dewi = person("Dewi Anggraini", paras)
    assert _quotes(paras, dewi)[1] == (
        "Dewi Anggraini", "dia", "Ketua Forum Warga Sari Lestari", "Forum Warga Sari Lestari", 1, 19, 61)


def test_menurutnya_without_a_comma_and_a_carried_cue_opening_the_sentence() -> None:
    paras = ["Ketua Forum Warga Sari Lestari Dewi Anggraini menilai jalan itu rusak.",
             "Menurutnya perbaikan harus selesai sebelum musim hujan.",
             "Lanjutnya, Bupati Agus Salim sudah berjanji memperbaiki jalan itu tahun ini.",
             "Baginya, janji itu belum cukup tanpa anggaran yang jelas."]
    dewi = person("Dewi Anggraini", paras)
    agus = person("Agus Salim", paras)
    got = _quotes(paras, dewi, agus)
    assert [(q[0], q[1], q[4], q[5]) for q in got] == [
        ("Dewi Anggraini", "Dewi Anggraini", 0, 54), ("Dewi Anggraini", "Menurutnya", 1, 11),
        ("Dewi Anggraini", "Lanjutnya", 2, 11), ("Dewi Anggraini", "Baginya", 3, 9)]


def test_a_group_or_a_source_as_subject_speaks_for_no_one() -> None:
    # 'Sementara, responden … menilai …': not 'Sementara', not the person talked about
    paras = ["Sementara, responden yang menolak rencana Agus Salim menilai bahwa biaya proyek terlalu besar."]
    assert _quotes(paras, person("Agus Salim", paras)) == []


def test_a_topic_after_the_verb_is_no_statement() -> None:
    paras = ["Ketua Forum Warga Sari Lestari Dewi Anggraini menilai jalan itu rusak.",
             "Ia menekankan pentingnya pelatihan bagi pemuda desa agar mampu bersaing."]
    assert len(_quotes(paras, person("Dewi Anggraini", paras))) == 1


def test_mengindikasikan_reports_speech_before_bahwa_only() -> None:
    # (without 'bahwa' its subject is mostly a thing: 'pelaksanaan … tersebut mengindikasikan …')
    paras = ["Anggota Dewan Pengawas Koperasi Tani Makmur, Rudi Hartono, mengindikasikan bahwa panen tahun ini akan naik.",
             "Anggota Dewan Pengawas Koperasi Tani Makmur, Rudi Hartono, mengindikasikan panen tahun ini akan naik."]
    assert _quotes(paras, person("Rudi Hartono", paras)) == [
        ("Rudi Hartono", "Rudi Hartono", "Anggota Dewan Pengawas Koperasi Tani Makmur",
         "Dewan Pengawas Koperasi Tani Makmur", 0, 81, 106)]


def test_a_connective_before_a_cue_between_commas_is_left_out_a_subject_is_not() -> None:
    paras = ["Ketua Forum Warga Sari Lestari Dewi Anggraini menilai jalan itu rusak.",
             "Selain itu, kata Dewi Anggraini, pasar juga butuh atap baru tahun ini.",
             "Hal ini, kata Dewi Anggraini, menjadi beban warga setiap hari."]
    got = _quotes(paras, person("Dewi Anggraini", paras))
    assert [(q[4], paras[q[4]][q[5]:q[6]]) for q in got[1:]] == [
        (1, "pasar juga butuh atap baru tahun ini"), (2, "Hal ini, kata Dewi Anggraini, menjadi beban warga setiap hari")]


def test_an_adverb_tetap_between_the_speaker_and_a_bare_verb() -> None:
    paras = ["Bupati Sleman Agus Salim tetap menegaskan jalan desa akan diperbaiki tahun ini."]
    assert _quotes(paras, person("Agus Salim", paras))[0][4:] == (0, 42, 78)


def test_affiliations_a_team_a_joined_pair_and_a_portfolio() -> None:
    assert split_affiliation("Wakil Ketua Tim Pemenangan Daerah (TPD) Rudi Hartono-Agus Salim") == \
        "Tim Pemenangan Daerah (TPD) Rudi Hartono-Agus Salim"
    assert split_affiliation("Komandan Regu Delta bidang logistik dan medis") == "Regu Delta"
    assert split_affiliation("Wakil Ketua Umum Partai Sinar Bangsa bidang hukum") == "Partai Sinar Bangsa"


def test_an_organisation_with_its_acronym_in_brackets_is_a_subject() -> None:
    paras = ["Badan Pengawas Obat dan Makanan (BPOM) menyatakan sedang memeriksa tiga merek sirup."]
    # the capitalised word after 'dan' is no person's name
    assert _quotes(paras, person("Badan Pengawas Obat dan Makanan", paras, label="ORG")) == [
        ("Badan Pengawas Obat dan Makanan", "Badan Pengawas Obat dan Makanan", None, None, 0, 50, 83)]


def test_a_scare_quote_leaves_the_reported_speech_around_it() -> None:
    paras = ["Ketua Forum Warga Sari Lestari Dewi Anggraini menilai jalan itu rusak.",
             'Dia menegaskan bahwa forum itu bukan sekadar "arisan" warga, tetapi wadah bermusyawarah.']
    assert _quotes(paras, person("Dewi Anggraini", paras))[1][4:] == (1, 21, 87)


def test_a_rank_with_purn_between_the_office_and_the_name() -> None:
    lex = quote_lexicon()
    text = "Mantan anggota Badan Pengawas Pemilu (Bawaslu), Kolonel (Purn) Rudi Hartono, hadir."
    ms = text.index("Rudi")
    assert mention_role(text, ms, ms + len("Rudi Hartono"), lex) == "Mantan anggota Badan Pengawas Pemilu (Bawaslu)"


def test_a_ticket_inside_a_name_has_no_office_and_a_short_form_in_brackets_keeps_one() -> None:
    lex = quote_lexicon()
    text = "Ketua Tim Pemenangan Rudi Hartono-Agus Salim, Dewi Anggraini, hadir."
    assert mention_role(text, 21, 33, lex) is None
    text = "Ia bertemu bakal calon bupati (cabup) Agus Salim di Sleman."
    ms = text.index("Agus")
    assert mention_role(text, ms, ms + len("Agus Salim"), lex) == "bakal calon bupati (cabup)"


def test_a_lower_case_portfolio_after_a_unit_word_stays_in_the_office() -> None:
    assert clean_role("Komandan Regu Delta bidang logistik dan medis") == "Komandan Regu Delta bidang logistik dan medis"
    assert clean_role("Ketua Regu Delta dalam rapat") == "Ketua Regu Delta"


def test_a_spaced_comma_after_a_bracket_is_no_paragraph_join() -> None:
    body = "Ketua Koperasi Tani Makmur (KTM) , Rudi Hartono , hadir. Rabu (3/4/2024), Dewi datang."
    assert split_paragraphs(body) == [body]


def test_an_organisation_speaking_has_no_office_of_its_own_name() -> None:
    # (the acronym in brackets is a mention of it too: the words before it are its name)
    paras = ["Tim Kampanye Daerah Sinar Harapan (TKD SH) menegaskan bahwa putusan itu tidak mengubah apa pun."]
    tkd = person("Tim Kampanye Daerah Sinar Harapan", paras, ["Tim Kampanye Daerah Sinar Harapan", "TKD SH"], label="ORG")
    assert [q[:4] for q in _quotes(paras, tkd)] == [("Tim Kampanye Daerah Sinar Harapan", "TKD SH", None, None)]


def test_sports_offices_start_a_role() -> None:
    paras = ["Pelatih Timnas Flores U-17 Rudi Hartono mengakui timnya sempat meremehkan lawan.",
             '"Kami siap bertanding," ujar striker Persatuan Sepak Bola Sikka Agus Salim kepada wartawan.']
    got = _quotes(paras, person("Rudi Hartono", paras), person("Agus Salim", paras))
    assert [q[2:4] for q in got] == [("Pelatih Timnas Flores U-17", "Timnas Flores U-17"),
                                     ("striker Persatuan Sepak Bola Sikka", "Persatuan Sepak Bola Sikka")]


def test_the_second_name_of_a_ticket_has_no_office() -> None:
    lex = quote_lexicon()
    text = "Tim Pemenangan Daerah (TPD) Rudi Hartono-Agus Salim mengatakan, upaya itu gagal."
    ms = text.index("Agus")
    assert mention_role(text, ms, ms + len("Agus Salim"), lex) is None


def test_an_organisation_subject_is_named_whole_when_its_acronym_is_a_mention_too() -> None:
    # ('Agung' after 'Mahkamah' is no person's name, 'Majelis Kehormatan Mahkamah' no office)
    paras = ["Majelis Kehormatan Mahkamah Agung (MKMA) menyatakan bahwa pemimpin redaksi itu melanggar kode etik."]
    mkma = person("Majelis Kehormatan Mahkamah Agung", paras, ["Majelis Kehormatan Mahkamah Agung", "MKMA"], label="ORG")
    assert [q[:4] for q in _quotes(paras, mkma)] == [
        ("Majelis Kehormatan Mahkamah Agung", "Majelis Kehormatan Mahkamah Agung", None, None)]


def test_a_capitalised_description_with_ini_points_back_at_the_speaker() -> None:
    paras = ["Bakal calon bupati Rudi Hartono mengatakan irigasi harus dibangun.",
             "Menurut Calon Bupati Sikka ini, irigasi membuat panen desa naik dua kali lipat."]
    got = _quotes(paras, person("Rudi Hartono", paras))
    assert [q[:2] for q in got] == [("Rudi Hartono", "Rudi Hartono"), ("Rudi Hartono", "Calon Bupati Sikka ini")]


def test_a_common_word_opening_the_sentence_is_no_speaker_dirinya_carries() -> None:
    paras = ["Seorang pengamat pasar menyebut bahwa harga beras naik tajam minggu ini.",
             "Meski mengakui harga naik, pedagang yakin stok cukup sampai akhir tahun.",
             "Pelatih Persatuan Sepak Bola Sikka Rudi Hartono mengatakan timnya siap bertanding.",
             "Dirinya menyebut bahwa dua pemain baru sudah bergabung minggu lalu."]
    got = _quotes(paras, person("Rudi Hartono", paras))
    assert [(q[0], q[1], q[4]) for q in got] == [("Rudi Hartono", "Rudi Hartono", 2), ("Rudi Hartono", "Dirinya", 3)]
