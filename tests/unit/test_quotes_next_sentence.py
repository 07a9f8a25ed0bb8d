"""Quotes, h16attr (issue 11): a statement attributed by the sentence after it (``“…” Hal itu
disampaikan Ketua … X``, ``… . Demikian dikemukakan X``): the quotation right before it, or the
sentence before it as reported speech, takes the speaker, office and organisation named there;
an attribution in the statement's own sentence is kept, a carried ``ujarnya`` is replaced. Every
sentence here was written for these tests; entities are given by hand, so a test states exactly
what NER found."""

from __future__ import annotations

import pytest
from tests.unit.quote_helpers import person

from warta.enrich import quote_lexicon as lexicon_module
from warta.enrich.quote_lexicon import quote_lexicon
from warta.enrich.quotes import extract_quotes


def _quotes(paragraphs: list[str], *names: str) -> list[tuple]:  # type: ignore[type-arg]
    quotes = extract_quotes(paragraphs, [person(n, paragraphs) for n in names])
    return [(q.speaker, q.speaker_mention, q.role, q.affiliation, q.cue, q.kind, q.paragraph, q.start, q.end)
            for q in quotes]


def test_a_quote_takes_the_speaker_of_the_next_paragraph_with_office_and_organisation() -> None:
    paragraphs = ["“Revisi undang-undang ini harus selesai sebelum masa sidang berakhir.”",
                  "Hal tersebut diungkapkan oleh Ketua Komisi III DPR Herman Hery di Gedung DPR, Jakarta, Senin (3/2)."]
    assert _quotes(paragraphs, "Herman Hery") == [
        ("Herman Hery", "Herman Hery", "Ketua Komisi III DPR", "DPR", "diungkapkan", "direct", 0, 1, 69)]


def test_a_carried_ujarnya_gives_way_to_the_speaker_named_next() -> None:
    paragraphs = ["Rapat kerja itu berlangsung hingga malam. “Kami akan memanggil menteri pekan depan,” ujarnya. "
                  "Pernyataan itu disampaikan Wakil Ketua DPR Sufmi Dasco Ahmad seusai rapat."]
    assert _quotes(paragraphs, "Sufmi Dasco Ahmad") == [
        ("Sufmi Dasco Ahmad", "Sufmi Dasco Ahmad", "Wakil Ketua DPR", "DPR", "disampaikan", "direct", 0, 43, 82)]
    reported = ["Ketua RT Budi Santoso menemui warga.",
                "Jalan kampung akan diperbaiki bulan depan dengan dana desa, ujarnya. "
                "Hal itu dikatakan Kepala Desa Sukamaju Ahmad Yani saat rapat warga."]
    assert _quotes(reported, "Budi Santoso", "Ahmad Yani") == [
        ("Ahmad Yani", "Ahmad Yani", "Kepala Desa Sukamaju", "Desa Sukamaju", "dikatakan", "indirect", 1, 0, 58)]


def test_an_attribution_in_the_quotes_own_sentence_is_kept() -> None:
    paragraphs = ["“Anggaran harus naik,” kata Budi Santoso. Hal itu juga disampaikan Ketua Fraksi Golkar Ahmad Doli."]
    assert _quotes(paragraphs, "Budi Santoso", "Ahmad Doli") == [
        ("Budi Santoso", "Budi Santoso", None, None, "kata", "direct", 0, 1, 20)]
    # the other direction, the speaker before the quote ('X mengatakan: “…”'), is kept too
    colon = ["Ketua KPU Hasyim Asyari mengatakan: “Tahapan pemilu tetap berjalan sesuai jadwal.” "
             "Hal itu juga disampaikan Ketua Bawaslu Rahmat Bagja."]
    assert _quotes(colon, "Hasyim Asyari", "Rahmat Bagja") == [
        ("Hasyim Asyari", "Hasyim Asyari", "Ketua KPU", "KPU", "mengatakan", "direct", 0, 37, 81)]


def test_the_run_of_unattributed_quotes_before_the_attribution_takes_it() -> None:
    # (h17quote: the first quotation was left with no speaker before; the run is one statement)
    paragraphs = ["“Tahapan pemilu tetap berjalan sesuai jadwal.”", "“Kami sudah siap menghadapi semua gugatan.”",
                  "Demikian ditegaskan Ketua KPU Hasyim Asyari di Jakarta."]
    assert _quotes(paragraphs, "Hasyim Asyari") == [
        ("Hasyim Asyari", "Hasyim Asyari", "Ketua KPU", "KPU", "ditegaskan", "direct", 0, 1, 45),
        ("Hasyim Asyari", "Hasyim Asyari", "Ketua KPU", "KPU", "ditegaskan", "direct", 1, 1, 42)]


def test_the_sentence_before_is_reported_speech() -> None:
    paragraphs = ["Pemerintah akan membuka kembali sekolah tatap muka pada bulan Juli di seluruh Jawa Barat. "
                  "Demikian dikemukakan Gubernur Jawa Barat Ridwan Kamil di Bandung, Selasa."]
    assert _quotes(paragraphs, "Ridwan Kamil") == [
        ("Ridwan Kamil", "Ridwan Kamil", "Gubernur Jawa Barat", None, "dikemukakan", "indirect", 0, 0, 88)]
    # '-nya': the passage's person
    carried = ["Menteri Perdagangan Zulkifli Hasan meninjau Pasar Senen, Jakarta.",
               "Stok beras nasional cukup sampai akhir tahun ini. Hal itu disampaikannya kepada wartawan."]
    assert _quotes(carried, "Zulkifli Hasan") == [
        ("Zulkifli Hasan", "disampaikannya", "Menteri Perdagangan", None, "disampaikannya", "indirect", 1, 0, 48)]


def test_no_statement_without_a_speaker_a_pointer_or_a_sentence_that_stands_alone() -> None:
    # a connective goes on from an earlier sentence; the speaker as subject tells what they did
    assert _quotes(["Apalagi, harga beras terus naik sejak awal tahun ini di banyak daerah. "
                    "Hal itu disampaikan Budi Santoso di Jakarta.",
                    "Budi Santoso juga meminta warga tidak panik membeli beras di pasar. "
                    "Hal ini disampaikan Budi Santoso saat meninjau pasar."], "Budi Santoso") == []
    # no one named after the verb; 'hal senada' is another person's like statement, no pointer;
    # lower case after a comma: the quote's own sentence goes on
    assert _quotes(["Harga cabai naik dua kali lipat di pasar tradisional. Hal itu disampaikan dalam rapat koordinasi.",
                    "Harga beras juga naik di pasar tradisional Surabaya. Hal senada disampaikan Budi Santoso.",
                    "Harga gula naik tajam pekan ini. hal itu disampaikan Budi Santoso."], "Budi Santoso") == []


def test_the_pointer_words_are_data() -> None:
    lex = quote_lexicon()
    assert {"hal", "pernyataan", "penegasan"} <= lex.word_role["attr_noun"]
    assert {"demikian", "begitu"} == lex.word_role["attr_lead"]
    assert {"disampaikan", "dikatakan", "diungkapkan", "ditegaskan", "dijelaskan"} <= lex.word_role["attr_verb"]
    assert lex.attribution_initials == frozenset("HPUKITDB")
    m = lex.next_attribution.match("Penegasan itu pun ditegaskan oleh Kapolri Listyo Sigit Prabowo.")
    assert (m["cue"], m["rest"]) == ("ditegaskan", "Kapolri Listyo Sigit Prabowo")


def test_a_dateline_is_no_part_of_the_statement_and_a_byline_no_statement() -> None:
    paragraphs = ["JAKARTA (Pos Kota) - Ketua Umum Partai Maju Budi Santoso siap mundur dari kursi ketua DPR. "
                  "Hal itu disampaikan Sekjen Partai Maju Ahmad Yani."]
    assert _quotes(paragraphs, "Budi Santoso", "Ahmad Yani") == [
        ("Ahmad Yani", "Ahmad Yani", "Sekjen Partai Maju", "Partai Maju", "disampaikan", "indirect", 0, 21, 89)]
    # a hyphenated word opening the sentence is no dateline
    assert [q[7] for q in _quotes(["Satu-satunya jalan keluar adalah menunda pemilihan kepala desa tahun ini. "
                                   "Demikian dikatakan Ahmad Yani."], "Ahmad Yani")] == [0]
    assert _quotes(["Penulis: Noverta Salyadi", "Hal itu disampaikan Ahmad Yani setelah membuka kejuaraan."],
                   "Ahmad Yani") == []



def test_a_quote_whose_sentence_goes_on_is_not_attributed_by_what_follows_the_comma() -> None:
    # '“…,” Hal itu …': no full stop after the quote, so no next sentence starts there
    assert _quotes(["“Gaji guru honorer naik tahun depan,” Hal itu disampaikan Sri Mulyani."], "Sri Mulyani") == [
        (None, None, None, None, None, "direct", 0, 1, 35)]


def test_an_empty_word_class_leaves_its_part_out_of_the_pattern(monkeypatch: pytest.MonkeyPatch) -> None:
    # no Indonesian word stands in for a class whose data rows a user removed
    shipped = lexicon_module.rows

    def without(name: str) -> list[list[str]]:
        return [r for r in shipped(name) if name != "quote_words.tsv" or r[1] not in ("attr_lead", "attr_agent")]

    monkeypatch.setattr(lexicon_module, "rows", without)
    pattern = lexicon_module.QuoteLexicon().next_attribution
    assert pattern.match("Demikian dikatakan Budi Santoso.") is None
    m = pattern.match("Hal itu diungkapkan oleh Budi Santoso.")
    assert (m["cue"], m["rest"]) == ("diungkapkan", None)
    assert pattern.match("Hal itu diungkapkan Budi Santoso.")["rest"] == "Budi Santoso"


def test_a_dash_apposition_after_the_first_sentence_is_no_dateline() -> None:
    garuda = "PT Garuda Indonesia (Persero) Tbk - maskapai pelat merah - mencatat rugi besar tahun ini."
    attribution = " Hal itu disampaikan Direktur Utama Garuda Irfan Setiaputra."
    expected = ("Irfan Setiaputra", "Irfan Setiaputra", "Direktur Utama Garuda", "Garuda", "disampaikan", "indirect")
    assert _quotes(["Harga tiket pesawat naik menjelang libur.", garuda + attribution], "Irfan Setiaputra") == [
        (*expected, 1, 0, 88)]
    assert _quotes(["Harga tiket pesawat naik menjelang libur. " + garuda + attribution], "Irfan Setiaputra") == [
        (*expected, 0, 42, 130)]


def test_a_date_and_an_agent_word_before_the_speaker_are_skipped_and_a_date_is_no_speaker() -> None:
    paragraphs = ["“Gaji guru honorer naik tahun depan.” Hal itu disampaikan Selasa (4/2) oleh Menteri Keuangan Sri Mulyani."]
    assert _quotes(paragraphs, "Sri Mulyani") == [
        ("Sri Mulyani", "Sri Mulyani", "Menteri Keuangan", None, "disampaikan", "direct", 0, 1, 36)]
    m = quote_lexicon().next_attribution.match("Pernyataan itu disampaikan Senin, 3 Februari 2020, oleh Budi Santoso.")
    assert (m["date"], m["rest"]) == ("Senin, 3 Februari 2020,", "Budi Santoso")
    # a weekday or a month alone names no one (data not_names): the quote keeps no speaker
    assert _quotes(["“Gaji guru honorer naik tahun depan.” Hal itu disampaikan Selasa."]) == [
        (None, None, None, None, None, "direct", 0, 1, 36)]
    assert _quotes(["“Gaji guru honorer naik tahun depan.” Hal itu disampaikan Februari lalu."]) == [
        (None, None, None, None, None, "direct", 0, 1, 36)]


def test_juga_names_a_second_speaker_who_only_fills_a_statement_with_none() -> None:
    # h16qfix: 'Hal itu juga disampaikan X' (data attr_also): X said the same too; a carried
    # 'ujarnya' or 'Menurutnya' keeps the passage's speaker
    carried = ["Ketua KPU Budi Santoso menemui wartawan di Jakarta.",
               "“Tahapan pemilu tetap berjalan sesuai jadwal,” ujarnya. Hal itu juga disampaikan Ketua Bawaslu Ahmad Yani."]
    assert _quotes(carried, "Budi Santoso", "Ahmad Yani") == [
        ("Budi Santoso", "ujarnya", "Ketua KPU", "KPU", "ujarnya", "direct", 1, 1, 44)]
    menurut = ["Ketua KPU Budi Santoso menemui wartawan di Jakarta.",
               "Menurutnya, tahapan pemilu tetap berjalan sesuai jadwal. Hal itu juga diungkapkan Ahmad Yani."]
    assert _quotes(menurut, "Budi Santoso", "Ahmad Yani") == [
        ("Budi Santoso", "Menurutnya", "Ketua KPU", "KPU", "menurutnya", "indirect", 1, 12, 55)]
    # a statement with no speaker at all is still the one named, 'pula' as 'juga'
    assert _quotes(["“Tahapan pemilu tetap berjalan sesuai jadwal.” Hal itu pula disampaikan Ketua Bawaslu Ahmad Yani."],
                   "Ahmad Yani") == [
        ("Ahmad Yani", "Ahmad Yani", "Ketua Bawaslu", "Bawaslu", "disampaikan", "direct", 0, 1, 45)]
    assert quote_lexicon().word_role["attr_also"] == {"juga", "pula"}
