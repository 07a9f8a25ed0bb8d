"""Quotes, h14quote (issue 11): reported speech from the sentence's first speech verb, a
not_content word that is the reported clause's subject, question words as topics, a post cue
opening the sentence, stance verbs as cues, governing bodies in affiliations and place heads
cut from tagged names. Every sentence here was written for these tests; entities are given by
hand, so a test states exactly what NER found."""

from __future__ import annotations

from tests.unit.quote_helpers import located, person

from warta.enrich.quote_roles import lead_role_words, split_affiliation
from warta.enrich.quotes import extract_quotes


def _quotes(paragraphs: list[str], *entities):  # type: ignore[no-untyped-def]
    return located(extract_quotes(paragraphs, list(entities)))


ROLE = "Peneliti Lembaga Kajian Kota"
AFF = "Lembaga Kajian Kota"


def _rina(paras: list[str]):  # type: ignore[no-untyped-def]
    return person("Rina Wulandari", paras, ["Rina Wulandari", "Rina"])


def test_the_first_speech_verb_reports_the_clause_a_later_one_is_part_of_it() -> None:
    paras = ["Peneliti Lembaga Kajian Kota Rina Wulandari menjawab pertanyaan wartawan di Bandung.",
             "Dia menilai warga akan menilai bahwa proyek itu terburu-buru."]
    assert _quotes(paras, _rina(paras)) == [("Rina Wulandari", "Dia", ROLE, AFF, 1, 12, 60)]


def test_hal_ini_itu_open_a_reported_clause_only_before_a_predicate_word() -> None:
    paras = ["Peneliti Lembaga Kajian Kota Rina Wulandari hadir di Bandung.",
             "Rina menilai hal tersebut tidak serta-merta menaikkan harga tanah.",
             "Rina menjelaskan hal itu kepada warga di balai desa.",
             "Meski begitu, dia menyebut ini baru akan terasa tahun depan."]
    assert _quotes(paras, _rina(paras)) == [
        ("Rina Wulandari", "Rina", ROLE, AFF, 1, 13, 65),
        ("Rina Wulandari", "dia", ROLE, AFF, 3, 27, 59)]


def test_a_question_word_after_a_bare_verb_names_a_topic() -> None:
    paras = ["Peneliti Lembaga Kajian Kota Rina Wulandari menjelaskan mengapa harga tanah terus naik."]
    assert _quotes(paras, _rina(paras)) == []


def test_a_post_cue_opening_the_sentence_reports_what_follows_its_comma() -> None:
    paras = ["Peneliti Lembaga Kajian Kota Rina Wulandari hadir di Bandung.",
             "Kata Rina, pembangunan taman kota sudah lama ditunggu warga.",
             "Tambah dia, bahwa anggaran taman berasal dari kas daerah.",
             "Cerita rakyat itu, sampai kini, masih dituturkan di desa."]
    assert _quotes(paras, _rina(paras)) == [
        ("Rina Wulandari", "Rina", ROLE, AFF, 1, 11, 59),
        ("Rina Wulandari", "dia", ROLE, AFF, 2, 18, 56)]


def test_stance_verbs_report_the_belief_that_follows() -> None:
    paras = ["Peneliti Lembaga Kajian Kota Rina Wulandari yakin harga tanah akan turun tahun depan.",
             "Rina juga menepis kabar bahwa kantornya akan ditutup.",
             "Dia memperingatkan bahwa jika hujan terus turun, jalan itu bisa putus."]
    assert _quotes(paras, _rina(paras)) == [
        ("Rina Wulandari", "Rina", ROLE, AFF, 0, 50, 84),
        ("Rina Wulandari", "Rina", ROLE, AFF, 1, 18, 52),
        ("Rina Wulandari", "Dia", ROLE, AFF, 2, 25, 69)]


def test_a_capitalised_verb_inside_a_sentence_is_part_of_a_title() -> None:
    # 'Menyampaikan' belongs to the law's title: 'Kemerdekaan' is no speaker, and 'katanya'
    # stays with the person the passage is about
    paras = ["Peneliti Lembaga Kajian Kota Rina Wulandari menilai penangkapan itu berlebihan.",
             "Hak itu dijamin UU tentang Kemerdekaan Menyampaikan Pendapat di Muka Umum.",
             "“Tidak ada dasar hukumnya,” katanya."]
    assert _quotes(paras, _rina(paras)) == [
        ("Rina Wulandari", "Rina Wulandari", ROLE, AFF, 0, 52, 78),
        ("Rina Wulandari", "katanya", ROLE, AFF, 2, 1, 25)]


def test_a_governing_body_opens_the_affiliation() -> None:
    assert [split_affiliation(r) for r in (
        "Ketua Umum Pimpinan Pusat Ikatan Pelajar Partai Maju (PP IPPM)",
        "Sekretaris Jenderal Pengurus Besar Persatuan Guru Desa",
        "Wakil Ketua Umum Dewan Pimpinan Pusat Partai Maju",
        "Ketua Dewan Pimpinan Pusat",
        "Kepala Badan Riset Kementerian Pertanian")] == [
        "Pimpinan Pusat Ikatan Pelajar Partai Maju", "Pengurus Besar Persatuan Guru Desa",
        "Dewan Pimpinan Pusat Partai Maju", "Dewan Pimpinan Pusat", "Kementerian Pertanian"]


def test_a_place_head_with_its_place_and_election_words_leave_a_tagged_name() -> None:
    assert [lead_role_words(name.split()) for name in (
        "Kota Surabaya Sri Handayani", "Kabupaten Bogor Ahmad Fauzi", "Pemilu Abhan", "Kota Baru")] == [2, 2, 1, 0]


def test_manner_phrases_light_verbs_and_lebih() -> None:
    paras = ["Peneliti Lembaga Kajian Kota Rina Wulandari menyatakan dengan tegas bahwa taman kota tetap dibangun.",
             "Rina lalu memberikan penegasan bahwa dirinya tidak akan mundur dari jabatan itu.",
             "Rina kembali menegaskan lebih memilih bekerja di lembaga riset.",
             "Rina menjelaskan lebih lanjut soal rencana taman kota itu."]
    assert _quotes(paras, _rina(paras)) == [
        ("Rina Wulandari", "Rina", ROLE, AFF, 0, 74, 99),
        ("Rina Wulandari", "Rina", ROLE, AFF, 1, 37, 79),
        ("Rina Wulandari", "Rina", ROLE, AFF, 2, 24, 62)]


def test_a_passive_admission_with_its_agent_reports_the_clause() -> None:
    paras = ["Peneliti Lembaga Kajian Kota Rina Wulandari menjawab pertanyaan wartawan di Bandung.",
             "Apalagi diakui Rina sempat ada tawaran untuk pindah ke Jakarta."]
    assert _quotes(paras, _rina(paras)) == [("Rina Wulandari", "Rina", ROLE, AFF, 1, 0, 62)]


def test_a_statement_run_into_the_next_quotation_without_a_stop_is_read_up_to_the_mark() -> None:
    paras = ["“Kami siap,” kata Rina Wulandari, Peneliti Lembaga Kajian Kota. Menurut Rina, taman kota "
             "harus dibuka untuk semua warga “Tidak boleh ada pagar,” ujarnya.",
             "Rina Wulandari mengatakan, “Taman itu milik warga.”"]
    quotes = extract_quotes(paras, [_rina(paras)])
    assert [(q.kind, q.text, q.speaker, q.cue) for q in quotes] == [
        ("direct", "Kami siap", "Rina Wulandari", "kata"),
        ("indirect", "taman kota harus dibuka untuk semua warga", "Rina Wulandari", "menurut"),
        ("direct", "Tidak boleh ada pagar", "Rina Wulandari", "ujarnya"),
        ("direct", "Taman itu milik warga.", "Rina Wulandari", "mengatakan")]
