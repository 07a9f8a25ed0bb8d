"""Speaker roles, seventh pass (issue 11 point 1): general causes of wrong or missing roles
found on both halves of the person-read gold of recent articles (``evals/quotes_gold.tsv``).
Every sentence here was written for these tests; entities are given by hand, so a test states
exactly what NER found."""

from __future__ import annotations

from tests.unit.quote_helpers import located, person

from warta.enrich.quote_roles import split_affiliation
from warta.enrich.quote_lexicon import quote_lexicon
from warta.enrich.quote_offices import title_run
from warta.enrich.quotes import extract_quotes, mention_role


def _quotes(paragraphs: list[str], *entities):  # type: ignore[no-untyped-def]
    return located(extract_quotes(paragraphs, list(entities)))


def test_a_performer_and_a_candidacy_are_offices() -> None:
    paras = ["Aktris Sinta Maharani menilai bahwa film daerah perlu didukung.",
             "Bacawapres Rudi Hartono bertemu warga di Garut.",
             "\"Kami akan membangun jalan,\" kata Rudi Hartono."]
    got = _quotes(paras, person("Sinta Maharani", paras), person("Rudi Hartono", paras))
    assert [(q[0], q[2], q[3]) for q in got] == [
        ("Sinta Maharani", "Aktris", None), ("Rudi Hartono", "Bacawapres", None)]


def test_a_party_treasurer_before_a_comma_and_the_name() -> None:
    paras = ["Sebelumnya, Bendahara Umum Partai Maju Bersama, Dodi Prasetyo mengatakan, kas partai cukup."]
    assert _quotes(paras, person("Dodi Prasetyo", paras)) == [
        ("Dodi Prasetyo", "Dodi Prasetyo", "Bendahara Umum Partai Maju Bersama", "Partai Maju Bersama", 0, 74, 90)]


def test_a_description_as_speaker_gives_the_office_to_all_the_persons_quotes() -> None:
    paras = ["Rafael Costa menilai laga itu berat bagi timnya.",
             "\"Mereka tim kuat,\" kata kiper utama Persija Jakarta tersebut.",
             "\"Kami siap,\" kata Costa."]
    got = _quotes(paras, person("Rafael Costa", paras, ["Rafael Costa", "Costa"]))
    assert [(q[1], q[2], q[3]) for q in got] == [
        ("Costa", "kiper utama Persija Jakarta", "Persija Jakarta"),
        ("kiper utama Persija Jakarta tersebut", "kiper utama Persija Jakarta", "Persija Jakarta"),
        ("Costa", "kiper utama Persija Jakarta", "Persija Jakarta")]


def test_a_class_as_description_is_no_office() -> None:
    paras = ["Rafael Costa menilai laga itu berat bagi timnya.", "\"Kami siap,\" kata pria itu."]
    got = _quotes(paras, person("Rafael Costa", paras))
    assert [(q[1], q[2]) for q in got] == [("Rafael Costa", None), ("pria itu", None)]


def test_selaku_after_a_comma_takes_the_phrase_up_to_the_verb() -> None:
    lex = quote_lexicon()
    text = "Tono Wijaya, selaku rekannya di Lawak Kita menuturkan bahwa kondisinya membaik."
    assert mention_role(text, 0, 11, lex) == "rekannya di Lawak Kita"
    text = "Tono Wijaya, selaku Ketua Panitia Lomba menjelaskan jadwal itu."
    assert mention_role(text, 0, 11, lex) == "Ketua Panitia Lomba"


def test_the_office_before_yang_merupakan_is_the_speakers() -> None:
    lex = quote_lexicon()
    text = ("Jakarta - Ketua Umum Yayasan Bina Bangsa yang merupakan cucu dari Presiden pertama RI Ir. Sukardi, "
            "Bima Aditya menilai hal itu keliru.")
    k = text.index("Bima Aditya")
    assert mention_role(text, k, k + len("Bima Aditya"), lex) == "Ketua Umum Yayasan Bina Bangsa"


def test_a_clause_after_a_comma_is_no_list_tail_of_the_office_before_it() -> None:
    lex = quote_lexicon()
    text = ("Ketua Umum Yayasan Bina Bangsa, Bima Aditya bersuara terkait pernyataan kader PPP "
            "Joko Santoso yang menyebut hal itu.")
    k = text.index("Joko Santoso")
    assert mention_role(text, k, k + len("Joko Santoso"), lex) == "kader PPP"


def test_a_ticket_of_two_people_names_the_organisation_of_the_office() -> None:
    paras = ["Calon presiden Andi Wijaya dan calon wakil presiden Budi Santoso mendaftar.",
             "Hal serupa juga disampaikan Wakil Ketua Tim Andi Budi, Sarwono. Ia mengingatkan soal data.",
             "\"Data harus dijaga,\" kata Sarwono."]
    got = _quotes(paras, person("Andi Wijaya", paras), person("Budi Santoso", paras), person("Andi Budi", paras),
                  person("Sarwono", paras))
    assert [(q[0], q[2], q[3]) for q in got] == [("Sarwono", "Wakil Ketua Tim Andi Budi", "Tim Andi Budi")]


def test_lower_case_alternatives_before_a_capitalised_title_are_not_its_start() -> None:
    lex = quote_lexicon()
    assert title_run("Ditentukan capres / cawapres Ketua DPP PKB ", lex, False) == "Ketua DPP PKB"
    assert title_run("dilantik sebagai Menteri ATR / Kepala BPN ", lex, False) == "Menteri ATR / Kepala BPN"
    assert title_run("kata juru bicara Ketua Umum PDIP ", lex, False) == "juru bicara Ketua Umum PDIP"


def test_an_organisation_written_lower_case_after_the_title() -> None:
    assert split_affiliation("Direktur Utama bank bjb syariah") == "bank bjb syariah"
    assert split_affiliation("anggota tim kuasa hukum") is None
    assert split_affiliation("guru sekolah dasar") is None


def test_a_description_of_several_people_gives_no_office() -> None:
    paras = ["Rafael Costa dan Budi Santoso bersepeda pagi itu.",
             "\"Jalan sepi,\" kata kedua siswa SMAN 3 Depok itu."]
    got = _quotes(paras, person("Rafael Costa", paras), person("Budi Santoso", paras))
    assert [(q[1], q[2], q[3]) for q in got] == [("kedua siswa SMAN 3 Depok itu", None, None)]
    paras = ["Rafael Costa bersepeda pagi itu.", "\"Jalan sepi,\" kata siswa SMAN 3 Depok itu."]
    got = _quotes(paras, person("Rafael Costa", paras))
    assert [(q[2], q[3]) for q in got] == [("siswa SMAN 3 Depok", "SMAN 3 Depok")]


def test_sebagai_introduces_the_office_after_a_name() -> None:
    lex = quote_lexicon()
    text = "Presiden melantik Rudi Hartono sebagai Menteri Pertanian, Rabu."
    k = text.index("Rudi Hartono")
    assert mention_role(text, k, k + len("Rudi Hartono"), lex) == "Menteri Pertanian"
    text = "Polisi menetapkan Rudi Hartono sebagai tersangka kasus itu."
    k = text.index("Rudi Hartono")
    assert mention_role(text, k, k + len("Rudi Hartono"), lex) is None


def test_after_sebagai_only_an_office_word_starts_a_role() -> None:
    lex = quote_lexicon()
    text = "Pancasila, sebut Tono Wijaya, sebagai falsafah sesungguhnya telah menjamin hak warga."
    k = text.index("Tono Wijaya")
    assert mention_role(text, k, k + len("Tono Wijaya"), lex) is None
    text = "Tono Wijaya, sebagai Ketua Panitia Lomba menjelaskan jadwal itu."
    assert mention_role(text, 0, 11, lex) == "Ketua Panitia Lomba"


def test_a_description_with_no_office_word_gives_no_office() -> None:
    paras = ["Rafael Costa bersepeda pagi itu.", "\"Jalan sepi,\" kata lulusan SMAN 3 Depok itu."]
    got = _quotes(paras, person("Rafael Costa", paras))
    assert [(q[1], q[2], q[3]) for q in got] == [("lulusan SMAN 3 Depok itu", None, None)]
