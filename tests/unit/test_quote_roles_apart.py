"""Speaker roles and statements, eighth pass (h11q4, issue 11 point 1): an office's tail run
into a name with no one-word reference, a profession or a corps written with the name, the
organisation after ``dari``, and a work's title in quotation marks. Every sentence here was
written for these tests; entities are given by hand, so a test states exactly what NER found."""

from __future__ import annotations

from tests.unit.quote_helpers import located, person

from warta.enrich.quote_roles import clean_role, written_apart_cut
from warta.enrich.quote_lexicon import quote_lexicon
from warta.enrich.quotes import extract_quotes, mention_role


def _quotes(paragraphs: list[str], *entities):  # type: ignore[no-untyped-def]
    return located(extract_quotes(paragraphs, list(entities)))


def test_an_office_tail_written_apart_elsewhere_is_cut_from_the_name() -> None:
    text = ("Taman Wisata Lembah Hijau dibuka lagi pekan ini. "
            "Kepala Humas Taman Wisata Lembah Hijau Wirasena Putra menjelaskan aturannya.")
    assert written_apart_cut("Hijau Wirasena Putra".split(), text) == 1
    # two words of the office: 'Lembah Hijau' is written apart, 'Lembah' alone never is
    text = "Pengunjung Lembah Hijau (LH) dibatasi. Kepala Lembah Hijau Wirasena Putra hadir."
    assert written_apart_cut("Lembah Hijau Wirasena Putra".split(), text) == 2


def test_a_reference_a_given_name_or_a_short_name_is_not_cut() -> None:
    # 'kata Sentani.' refers to the person: no capitalised run around it
    text = "Sentani Wirasena Putra hadir. \"Kami siap,\" kata Sentani."
    assert written_apart_cut("Sentani Wirasena Putra".split(), text) == 0
    # a given name written for someone else stays with the name
    text = "Menteri Budi Gunadi Sadikin hadir. Budi Karya Sumadi datang kemudian."
    assert written_apart_cut("Budi Karya Sumadi".split(), text) == 0
    # two words: one must stay with the name
    text = "Taman Wisata Lembah Hijau dibuka. Kepala Lembah Hijau Wirasena hadir."
    assert written_apart_cut("Hijau Wirasena".split(), text) == 0


def test_the_speaker_of_a_quote_loses_the_office_tail() -> None:
    paras = ["Taman Wisata Lembah Hijau membuka lagi wahana airnya.",
             "\"Pengunjung dibatasi separuh,\" kata Kepala Humas Taman Wisata Lembah Hijau Wirasena Putra."]
    got = _quotes(paras, person("Hijau Wirasena Putra", paras))
    assert got == [("Wirasena Putra", "Wirasena Putra", "Kepala Humas Taman Wisata Lembah Hijau",
                    "Taman Wisata Lembah Hijau", 1, 1, 28)]


def test_a_profession_or_a_corps_before_the_name_is_no_part_of_the_office() -> None:
    assert clean_role("Ketua Umum Persatuan Bidan Sejahtera Dokter") == "Ketua Umum Persatuan Bidan Sejahtera"
    assert clean_role("Kepala Rumah Sakit Lapangan Letkol Laut dokter gigi") == "Kepala Rumah Sakit Lapangan"
    assert clean_role("Kepala Penerangan Kodam XX Letnan Kolonel (Czi) IGP") == "Kepala Penerangan Kodam XX"
    # alone, the profession is the office
    assert clean_role("dokter gigi") == "dokter gigi"
    assert clean_role("dokter") == "dokter"


def test_the_organisation_after_dari_is_the_standing_when_no_office_is_written() -> None:
    lex = quote_lexicon()
    text = "Sutrisno Hadi dari Kesekretariatan PBSI mengatakan lapangan siap."
    assert mention_role(text, 0, 13, lex) == "Kesekretariatan PBSI"
    text = "Sutrisno Hadi dari komunitas Sepeda Tua Bogor mengatakan rutenya aman."
    assert mention_role(text, 0, 13, lex) == "komunitas Sepeda Tua Bogor"
    # a place is no organisation, nor is a lower-case phrase
    assert mention_role("Sutrisno Hadi dari Cianjur mengatakan jalan rusak.", 0, 13, lex) is None
    assert mention_role("Sutrisno Hadi dari rumahnya mengatakan jalan rusak.", 0, 13, lex) is None


def test_a_quote_gets_the_organisation_after_dari() -> None:
    paras = ["\"Lapangan sudah siap dipakai,\" kata Sutrisno Hadi dari Kesekretariatan PBSI."]
    got = _quotes(paras, person("Sutrisno Hadi", paras))
    assert [(q[0], q[2]) for q in got] == [("Sutrisno Hadi", "Kesekretariatan PBSI")]


def test_a_title_in_quotation_marks_after_a_work_noun_is_no_statement() -> None:
    paras = ["Rina Sari dalam bukunya, \u201dKota yang Tenggelam: Kisah Pesisir Utara\u201d, mengatakan, "
             "banjir rob kian sering."]
    got = extract_quotes(paras, [person("Rina Sari", paras)])
    assert [q.kind for q in got if q.kind == "direct"] == []
    # a statement after the same noun, closed by its own comma, still is one
    paras = ["\u201dBuku ini untuk anak muda,\u201d kata Rina Sari tentang bukunya."]
    got = extract_quotes(paras, [person("Rina Sari", paras)])
    assert [(q.kind, q.speaker) for q in got] == [("direct", "Rina Sari")]


def test_an_organ_whose_second_word_is_a_rank_keeps_its_initials() -> None:
    # 'Besar' of 'Pengurus Besar' is no rank, so 'PSTI' is the organisation's, not the name's
    assert clean_role("Wakil Ketua Umum Pengurus Besar PSTI") == "Wakil Ketua Umum Pengurus Besar PSTI"
    # a rank before initials still gives them to the name
    assert clean_role("Kapolres Sukamaju Komisaris Besar FX") == "Kapolres Sukamaju"


def test_english_office_words_open_the_title() -> None:
    lex = quote_lexicon()
    text = "Maria Lopez, Regional Head of Sales Lautan Kargo, mengatakan permintaan naik."
    assert mention_role(text, 0, 11, lex) == "Regional Head of Sales Lautan Kargo"
    assert clean_role("kata External Communications Senior Lead Pasarku") == \
        "External Communications Senior Lead Pasarku"


def test_a_clause_or_a_predicate_after_the_name_gives_the_office() -> None:
    lex = quote_lexicon()
    text = "Budi Santoso, yang juga menjabat sebagai Ketua Umum Partai Maju, mengatakan kas cukup."
    assert mention_role(text, 0, 12, lex) == "Ketua Umum Partai Maju"
    text = "\"Kas partai cukup,\" kata Budi Santoso yang juga Ketua Umum Partai Maju."
    assert mention_role(text, 25, 37, lex) == "Ketua Umum Partai Maju"
    text = "Budi Santoso kini menjabat Ketua Umum Partai Maju sejak 2020."
    assert mention_role(text, 0, 12, lex) == "Ketua Umum Partai Maju"
    text = "Budi Santoso adalah salah satu pendiri Partai Maju."
    assert mention_role(text, 0, 12, lex) == "salah satu pendiri Partai Maju"
    # no office word after the clause's verbs: no office
    text = "\"Kas partai cukup,\" kata Budi Santoso yang juga hadir di acara itu."
    assert mention_role(text, 25, 37, lex) is None
    assert mention_role("Budi Santoso adalah orang pertama yang datang.", 0, 12, lex) is None


def test_an_office_given_later_in_the_article_reaches_the_earlier_quote() -> None:
    paras = ["\"Kas partai cukup,\" kata Budi Santoso.", "Budi Santoso merupakan Ketua Umum Partai Maju."]
    got = _quotes(paras, person("Budi Santoso", paras))
    assert [(q[0], q[2], q[3]) for q in got] == [("Budi Santoso", "Ketua Umum Partai Maju", "Partai Maju")]


def test_a_service_acronym_after_tni_stays_in_the_office() -> None:
    assert clean_role("Pelatih TNI AL") == "Pelatih TNI AL"
    assert clean_role("Komandan Pangkalan TNI AU") == "Komandan Pangkalan TNI AU"
