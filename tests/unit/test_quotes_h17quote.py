"""Quotes, h17quote (issue 11, set E studied): general patterns of Indonesian attribution that
set E's errors and the last session's open items showed. Every sentence here was written for
these tests; entities are given by hand (or none), so a test states exactly what NER found, and
each case failed before this change unless it is marked as a guard."""

from __future__ import annotations

from tests.unit.quote_helpers import person

from warta.enrich.quote_roles import organisation_as_whole
from warta.enrich.quotes import extract_quotes

Row = tuple[str | None, str | None, str | None, str | None, str | None, str, int, int, int]


def rows(paragraphs: list[str], entities: list | None = None) -> list[Row]:  # type: ignore[type-arg]
    """(speaker, mention, role, affiliation, cue, kind, paragraph, start, end) per quote."""
    return [(q.speaker, q.speaker_mention, q.role, q.affiliation, q.cue, q.kind, q.paragraph, q.start, q.end)
            for q in extract_quotes(paragraphs, entities or [])]


def test_bunyi_pernyataan_names_the_body_and_its_statement_goes_on_over_unattributed_quotations() -> None:
    paragraphs = ["Persatuan Sepak Bola Nusantara (PSBN) menyelidiki unggahan pemain itu.",
                  "“Kami telah menuntaskan penyelidikan atas unggahan tersebut,” bunyi pernyataan PSBN, dikutip Antara.",
                  "“Kami puas dengan penjelasan sang pemain dan tidak akan memberi sanksi.”",
                  "Pemain itu sebelumnya telah meminta maaf."]
    body = person("Persatuan Sepak Bola Nusantara", paragraphs, ["Persatuan Sepak Bola Nusantara", "PSBN"], "ORG")
    assert rows(paragraphs, [body]) == [
        ("Persatuan Sepak Bola Nusantara", "PSBN", None, None, "bunyi pernyataan", "direct", 1, 1, 59),
        ("Persatuan Sepak Bola Nusantara", "PSBN", None, None, None, "direct", 2, 1, 71)]


def _named(paragraphs: list[str], *names: str) -> list[Row]:
    return rows(paragraphs, [person(n, paragraphs) for n in names])


def test_a_conclusion_of_an_inquiry_is_a_document_not_a_speaker() -> None:
    assert _named(["Komisi disiplin memeriksa pemain Budi Santoso pekan lalu. Kesimpulan akhir dari penyelidikan "
                   "ini menyatakan pemain itu tidak bersalah."], "Budi Santoso") == []


def test_a_speech_verb_after_a_word_of_purpose_reports_nothing() -> None:
    assert _named(["Budi Santoso datang ke pelabuhan untuk memastikan bahwa kapal berlayar dengan aman."],
                  "Budi Santoso") == []
    # guard: the same verb as the subject's own is reported speech
    assert _named(["Budi Santoso memastikan bahwa kapal berlayar dengan aman."], "Budi Santoso") == [
        ("Budi Santoso", "Budi Santoso", None, None, "memastikan", "indirect", 0, 30, 56)]


def test_a_cue_followed_straight_by_where_it_was_written_names_no_one() -> None:
    # (h17qmend: the statement is kept, of no one here: dropping it lost real quotations)
    assert rows(["Warga memadati lapangan desa itu sejak pagi.",
                 "“Ramai sekali pengajian hari ini,” tulis dalam keterangan video."]) == [
        (None, None, None, None, "tulis", "direct", 1, 1, 32)]


def test_sekertaris_is_the_title_it_misspells() -> None:
    assert _named(["Sekertaris Jenderal PB PSOI, Tipi Jabrik Noventin, memaparkan bahwa selancar berpotensi "
                   "menghasilkan pemasukan bagi daerah."], "Tipi Jabrik Noventin") == [
        ("Tipi Jabrik Noventin", "Tipi Jabrik Noventin", "Sekertaris Jenderal PB PSOI", "PB PSOI", "memaparkan",
         "indirect", 0, 68, 122)]


def test_the_next_sentence_names_the_speaker_after_pada_and_a_weekday() -> None:
    assert _named(["Pemerintah memastikan stok beras aman hingga akhir tahun. Hal itu disampaikan pada Selasa (4/2) "
                   "oleh Kepala Badan Pangan Nasional Arief Prasetyo Adi."], "Arief Prasetyo Adi") == [
        ("Arief Prasetyo Adi", "Arief Prasetyo Adi", "Kepala Badan Pangan Nasional", "Badan Pangan Nasional",
         "disampaikan", "indirect", 0, 0, 56)]


def test_a_run_of_unattributed_quotations_all_take_the_speaker_named_next() -> None:
    assert _named(["Ketua RT Budi Santoso hadir dalam acara itu.",
                   "“Kami sudah siap menghadapi banjir tahun ini.”",
                   "“Semua pompa air sudah diperiksa dan berfungsi baik.”",
                   "Hal itu disampaikan Kepala Dinas Sumber Daya Air Yusmada Faizal di Jakarta, Senin."],
                  "Budi Santoso", "Yusmada Faizal") == [
        ("Yusmada Faizal", "Yusmada Faizal", "Kepala Dinas Sumber Daya Air", "Dinas Sumber Daya Air",
         "disampaikan", "direct", 1, 1, 45),
        ("Yusmada Faizal", "Yusmada Faizal", "Kepala Dinas Sumber Daya Air", "Dinas Sumber Daya Air",
         "disampaikan", "direct", 2, 1, 52)]
    # guard: a quotation attributed in its own sentence ends the run
    assert _named(["“Kami sudah siap menghadapi banjir tahun ini,” kata Ketua RT Budi Santoso.",
                   "“Semua pompa air sudah diperiksa dan berfungsi baik.”",
                   "Hal itu disampaikan Kepala Dinas Sumber Daya Air Yusmada Faizal di Jakarta, Senin."],
                  "Budi Santoso", "Yusmada Faizal") == [
        ("Budi Santoso", "Budi Santoso", "Ketua RT", "RT", "kata", "direct", 0, 1, 44),
        ("Yusmada Faizal", "Yusmada Faizal", "Kepala Dinas Sumber Daya Air", "Dinas Sumber Daya Air",
         "disampaikan", "direct", 1, 1, 52)]


def test_a_ministers_short_form_is_a_title_with_no_organisation() -> None:
    assert _named(["“Harga minyak goreng harus turun,” kata eks Mendag Muhammad Lutfi."], "Muhammad Lutfi") == [
        ("Muhammad Lutfi", "Muhammad Lutfi", "eks Mendag", None, "kata", "direct", 0, 1, 32)]
    assert _named(["“Harga minyak goreng harus turun,” kata Mendag Muhammad Lutfi."], "Muhammad Lutfi") == [
        ("Muhammad Lutfi", "Muhammad Lutfi", "Mendag", None, "kata", "direct", 0, 1, 32)]


def test_a_regional_command_with_its_region_speaks_whole() -> None:
    assert rows(["“Pelaku sudah kami tangkap,” kata Polda Metro Jaya."]) == [
        ("Polda Metro Jaya", "Polda Metro Jaya", None, None, "kata", "direct", 0, 1, 26)]
    assert rows(["Pelaku sudah ditangkap di rumahnya. Hal itu disampaikan Polda Metro Jaya dalam keterangan "
                 "tertulis, Senin."]) == [
        ("Polda Metro Jaya", "Polda Metro Jaya", None, None, "disampaikan", "indirect", 0, 0, 34)]
    # guard: a person's name after the command still splits
    assert rows(["“Pelaku sudah kami tangkap,” kata Polres Bogor Budi Santoso."]) == [
        ("Budi Santoso", "Budi Santoso", "Polres Bogor", None, "kata", "direct", 0, 1, 26)]
    assert [organisation_as_whole(phrase.split()) for phrase in (
        "Polda Metro Jaya", "Polres Metro Jakarta Selatan", "Polres Bogor Budi Santoso",
        "Polda Metro Jaya Kombes Yusri", "Polda")] == [True, True, False, False, False]
    assert organisation_as_whole(["Polda", "Metro", "Jaya"], frozenset({"Jaya"})) is False


def test_a_dash_apposition_opening_an_article_is_no_dateline() -> None:
    assert _named(["PT Garuda Indonesia (Persero) Tbk - maskapai pelat merah - mencatat kenaikan jumlah penumpang "
                   "pada libur akhir tahun. Hal itu disampaikan Direktur Utama Garuda Indonesia Irfan Setiaputra."],
                  "Irfan Setiaputra") == [
        ("Irfan Setiaputra", "Irfan Setiaputra", "Direktur Utama Garuda Indonesia", "Garuda Indonesia",
         "disampaikan", "indirect", 0, 0, 116)]
    # guard: a dateline before a subject with its own dash aside is still cut
    assert _named(["JAKARTA, KOMPAS.com - Pemerintah - melalui Kementerian Pertanian - memastikan stok beras aman. "
                   "Hal itu disampaikan Kepala Badan Pangan Nasional Arief Prasetyo Adi."], "Arief Prasetyo Adi") == [
        ("Arief Prasetyo Adi", "Arief Prasetyo Adi", "Kepala Badan Pangan Nasional", "Badan Pangan Nasional",
         "disampaikan", "indirect", 0, 22, 93)]


def test_a_person_pictured_in_a_photo_caption_does_not_take_the_next_quotation() -> None:
    def quoted(middle: str) -> list[Row]:
        paragraphs = ["Persatuan Sepak Bola Nusantara (PSBN) menyelidiki unggahan pemain itu.",
                      "“Kami telah menuntaskan penyelidikan atas unggahan tersebut,” bunyi pernyataan PSBN.",
                      middle, "“Kami tidak akan memberi sanksi disiplin pada kesempatan ini.”"]
        return rows(paragraphs, [person("Persatuan Sepak Bola Nusantara", paragraphs,
                                        ["Persatuan Sepak Bola Nusantara", "PSBN"], "ORG"),
                                 person("Budi Santoso", paragraphs)])
    assert [q[:2] for q in quoted("Budi Santoso tampil heroik saat menepis penalti. Foto: ANTARA/RENO ESNIR")] == [
        ("Persatuan Sepak Bola Nusantara", "PSBN"), ("Persatuan Sepak Bola Nusantara", "PSBN")]
    # guard: the same sentence in the passage introduces Budi Santoso, who takes the quotation
    assert [q[:2] for q in quoted("Budi Santoso tampil heroik saat menepis penalti.")] == [
        ("Persatuan Sepak Bola Nusantara", "PSBN"), ("Budi Santoso", "Budi Santoso")]


def test_a_description_opening_a_sentence_gives_the_person_their_office() -> None:
    paragraphs = ["Adalah Rina Lestari yang sukses mencetak sejarah. Siswi SMA Negeri 8 Jakarta tersebut memecahkan "
                  "rekor nasional lari 100 meter putri.",
                  "“Saya tidak menyangka bisa memecahkan rekor,” kata Rina."]
    assert _named(paragraphs, "Rina Lestari") == [
        ("Rina Lestari", "Rina", "Siswi SMA Negeri 8 Jakarta", "SMA Negeri 8 Jakarta", "kata", "direct", 1, 1, 43)]
    # guard: a description with no office word ('Pelari muda itu' opens with no title or
    # descriptor) gives none
    plain = ["Adalah Rina Lestari yang sukses mencetak sejarah. Gadis muda tersebut memecahkan rekor nasional.",
             "“Saya tidak menyangka bisa memecahkan rekor,” kata Rina."]
    assert _named(plain, "Rina Lestari") == [("Rina Lestari", "Rina", None, None, "kata", "direct", 1, 1, 43)]


# --- h17qmend: review2's cases where the session-start code was right ---------------------------

_SRI = ("Sri Mulyani Indrawati", ["Sri Mulyani Indrawati", "Sri Mulyani"])


def _with(paragraphs: list[str], *who: tuple[str, list[str]] | str) -> list[Row]:
    """Rows with a hand-made entity per name (a name alone, or the name and its written forms)."""
    ents = [person(w, paragraphs) if isinstance(w, str) else person(w[0], paragraphs, w[1]) for w in who]
    return rows(paragraphs, ents)


def test_a_run_walked_back_stops_at_a_quotation_carrying_the_cued_speaker() -> None:
    assert _with(["Menteri Keuangan Sri Mulyani Indrawati hadir di DPR, Senin (3/2).",
                  "“Kami akan menjaga defisit,” kata Sri Mulyani. “Anggaran harus disetujui dulu.”",
                  "“Pembahasan dimulai pekan depan.”",
                  "Hal itu disampaikan Wakil Ketua DPR Sufmi Dasco Ahmad."], _SRI, "Sufmi Dasco Ahmad") == [
        ("Sri Mulyani Indrawati", "Sri Mulyani", "Menteri Keuangan", None, "kata", "direct", 1, 1, 26),
        ("Sri Mulyani Indrawati", "Sri Mulyani", "Menteri Keuangan", None, None, "direct", 1, 48, 78),
        ("Sufmi Dasco Ahmad", "Sufmi Dasco Ahmad", "Wakil Ketua DPR", "DPR", "disampaikan", "direct", 2, 1, 32)]


def test_a_cue_with_no_name_after_it_keeps_the_quotation() -> None:
    # the name was lost after the cue: the passage's speaker is carried
    assert _with(["Menteri Keuangan Sri Mulyani Indrawati hadir di Istana, Senin.",
                  "“Defisit tetap aman,” ujar di Istana Negara, Jakarta."], "Sri Mulyani Indrawati") == [
        ("Sri Mulyani Indrawati", "Sri Mulyani Indrawati", "Menteri Keuangan", None, "ujar", "direct", 1, 1, 19)]
    # a statement pointed back at, with no one before it: kept, of no one
    assert rows(["Klub merilis pernyataan resmi.", "“Kami kecewa,” bunyi pernyataan tersebut."]) == [
        (None, None, None, None, "bunyi pernyataan", "direct", 1, 1, 12)]


def test_a_speech_verb_after_a_word_of_purpose_still_reports() -> None:
    # only a verb of making sure ('untuk memastikan') is an aim; these say what was said, and where
    assert _with(["Kapolri Jenderal Listyo Sigit Prabowo menggelar konferensi pers untuk menjelaskan bahwa "
                  "kasus itu sudah ditangani."], "Listyo Sigit Prabowo") == [
        ("Listyo Sigit Prabowo", "Listyo Sigit Prabowo", "Kapolri", None, "menjelaskan", "indirect", 0, 88, 113)]
    assert _with(["Menteri Perdagangan Zulkifli Hasan datang ke pasar untuk menegaskan bahwa stok beras aman."],
                 "Zulkifli Hasan") == [
        ("Zulkifli Hasan", "Zulkifli Hasan", "Menteri Perdagangan", None, "menegaskan", "indirect", 0, 74, 89)]


def test_an_organisation_speaker_takes_no_persons_office_written_before_its_name() -> None:
    paragraphs = ["“Kami menghormati keputusan itu,” bunyi pernyataan PSSI.",
                  "“Kami akan banding,” ujar Ketua Umum PSSI Erick Thohir.", "“Kami tidak menyerah.”"]
    assert rows(paragraphs, [person("Erick Thohir", paragraphs), person("PSSI", paragraphs, None, "ORG")]) == [
        ("PSSI", "PSSI", None, None, "bunyi pernyataan", "direct", 0, 1, 31),
        ("Erick Thohir", "Erick Thohir", "Ketua Umum PSSI", "PSSI", "ujar", "direct", 1, 1, 18),
        ("Erick Thohir", "Erick Thohir", "Ketua Umum PSSI", "PSSI", None, "direct", 2, 1, 21)]


def test_a_dateline_before_a_capitalised_sentence_with_a_dash_aside_is_cut() -> None:
    assert _with(["JAKARTA - Pemerintah menaikkan harga BBM bersubsidi - keputusan yang ditentang buruh.",
                  "Hal itu disampaikan Menteri ESDM Arifin Tasrif di Jakarta."], "Arifin Tasrif") == [
        ("Arifin Tasrif", "Arifin Tasrif", "Menteri ESDM", "ESDM", "disampaikan", "indirect", 0, 10, 84)]


def test_a_person_as_a_sentence_subject_ends_an_organisations_statement_whatever_the_verb() -> None:
    paragraphs = ["Federasi Sepak Bola Inggris (FA) menjatuhkan sanksi.",
                  "“Pemain itu melanggar aturan,” bunyi pernyataan FA.", "“Sanksi berlaku mulai hari ini.”",
                  "Pelatih Erik ten Hag menolak berkomentar.", "“Kami akan banding.”"]
    fa = person("Federasi Sepak Bola Inggris", paragraphs, ["Federasi Sepak Bola Inggris", "FA"], "ORG")
    assert rows(paragraphs, [person("Erik ten Hag", paragraphs), fa]) == [
        ("Federasi Sepak Bola Inggris", "FA", None, None, "bunyi pernyataan", "direct", 1, 1, 28),
        ("Federasi Sepak Bola Inggris", "FA", None, None, None, "direct", 2, 1, 31),
        (None, None, None, None, None, "direct", 4, 1, 19)]


def test_a_description_after_two_persons_named_gives_neither_an_office() -> None:
    assert _with(["Aulia Rahma dan Budi Santoso hadir di lomba itu.", "Siswi SMA Negeri 8 tersebut memecahkan rekor.",
                  "“Saya senang,” kata Budi Santoso."], "Aulia Rahma", "Budi Santoso") == [
        ("Budi Santoso", "Budi Santoso", None, None, "kata", "direct", 2, 1, 12)]
    # guard: after one person, the description is theirs
    assert _with(["Siswi SMA Negeri 8 Jakarta Aulia Rahma memecahkan rekor renang nasional.",
                  "Siswi SMA Negeri 8 Jakarta tersebut mengaku senang.", "“Saya senang sekali,” katanya."],
                 "Aulia Rahma") == [
        ("Aulia Rahma", "katanya", "Siswi SMA Negeri 8 Jakarta", "SMA Negeri 8 Jakarta", "katanya", "direct", 2, 1, 19)]


def test_a_platform_and_handle_after_the_cue_is_no_speaker() -> None:
    paragraphs = ["“Terima kasih atas dukungannya,” bunyi unggahan akun Instagram @persija."]
    assert rows(paragraphs, [person("Instagram", paragraphs, None, "ORG")]) == [
        (None, None, None, None, "bunyi unggahan", "direct", 0, 1, 30)]


def test_a_bracketed_photo_credit_closing_running_text_hides_no_one() -> None:
    def quoted(middle: str) -> list[Row]:
        return _with(["Presiden Joko Widodo berpidato di Istana.", middle, "“Kami akan terus membangun,” ujarnya."],
                     "Joko Widodo", "Erick Thohir")
    assert quoted("Menteri BUMN Erick Thohir hadir dalam acara itu (Foto: Antara)") == [
        ("Erick Thohir", "ujarnya", "Menteri BUMN", "BUMN", "ujarnya", "direct", 2, 1, 26)]
    # guard: a few words and the credit are a caption, whose person is no subject
    assert quoted("Menteri BUMN Erick Thohir (Foto: Antara)") == [
        ("Joko Widodo", "ujarnya", "Presiden", None, "ujarnya", "direct", 2, 1, 26)]
