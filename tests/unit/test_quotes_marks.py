"""Quotes, sixth pass (issue 11): where a quotation starts and ends, and offices written with
places or after ``dari``. Every sentence here was written for these tests; the entities are
given by hand (``quote_helpers.person``), so a test states exactly what NER found. Each case
but the guards failed before this pass."""

from __future__ import annotations

from tests.unit.quote_helpers import person
from warta.enrich.quote_marks import MAX_SPAN
from warta.enrich.quotes import extract_quotes
from warta.model import Entity

Row = tuple[str, str | None, str | None, str | None, str | None, int, int | None, int, int]


def rows(paragraphs: list[str], entities: list[Entity]) -> list[Row]:
    """(kind, speaker, mention, cue, role, paragraph, end paragraph, start, end) per quote."""
    return [(q.kind, q.speaker, q.speaker_mention, q.cue, q.role, q.paragraph, q.end_paragraph, q.start, q.end)
            for q in extract_quotes(paragraphs, entities)]


# one sentence per paragraph, as text split at sentence ends is: the quotation opens at the end
# of the first paragraph and runs through seven more (its words start in the second: h11q7)
OPENING = "Budi Santoso, Kepala Dinas Pertanian Sleman, meninjau sawah di desa itu. ”"
LONG_BODY = [OPENING, "Panen tahun ini bagus.", "Hujan datang tepat waktu.", "Pupuk juga cukup.",
             "Petani tidak kekurangan benih.", "Harga gabah stabil.", "Kami berharap begitu terus."]


def budi(paragraphs: list[str]) -> list[Entity]:
    return [person("Budi Santoso", paragraphs, ["Budi Santoso", "Budi"])]


def test_a_quotation_longer_than_max_span_closed_by_an_attributed_mark_is_one_quote() -> None:
    paragraphs = [*LONG_BODY, "Semua pihak sudah bekerja keras,” kata Budi."]
    assert len(paragraphs) > MAX_SPAN
    assert rows(paragraphs, budi(paragraphs)) == [
        ("direct", "Budi Santoso", "Budi", "kata", "Kepala Dinas Pertanian Sleman", 1, 7, 0, 31)]


def test_the_cue_may_open_the_next_paragraph_after_a_question() -> None:
    paragraphs = [*LONG_BODY, "Apakah semua pihak sudah bekerja keras?”", "kata Budi sambil tersenyum."]
    assert rows(paragraphs, budi(paragraphs)) == [
        ("direct", "Budi Santoso", "Budi Santoso", None, "Kepala Dinas Pertanian Sleman", 1, 7, 0, 39)]


def test_a_long_run_ended_by_a_mark_with_no_attribution_is_still_cut_back() -> None:
    # guard: only a mark after the quote's comma and before a lower-case cue may end a
    # quotation that ran past MAX_SPAN paragraphs
    paragraphs = [*LONG_BODY, "Semua pihak sudah bekerja keras.” Hujan turun sore itu."]
    assert all(end is None or end - start < MAX_SPAN
               for *_, start, end, _s, _e in rows(paragraphs, budi(paragraphs)))


def test_a_stray_closing_mark_glued_to_a_cue_opens_no_quote() -> None:
    # the text lost the mark before 'libur panjang': the next quotation is still found whole
    paragraphs = ["Budi Santoso menjelaskan, angka itu naik karena libur panjang, ”ujar Budi. Untuk itu, "
                  "razia tetap berjalan.” Beri penghargaan bagi warga yang patuh, ”kata Budi."]
    assert rows(paragraphs, budi(paragraphs)) == [
        ("indirect", "Budi Santoso", "Budi", "menjelaskan", None, 0, None, 26, 73),
        ("direct", "Budi Santoso", "Budi", "kata", None, 0, None, 109, 147)]


def test_a_term_quoted_inside_a_quotation_does_not_close_it() -> None:
    paragraphs = ["“Di pasar kan ada “jeger-jeger”-nya. Kami minta mereka ikut menjaga ketertiban,” ucap Budi Santoso."]
    assert rows(paragraphs, [person("Budi Santoso", paragraphs)]) == [
        ("direct", "Budi Santoso", "Budi Santoso", "ucap", None, 0, None, 1, 78)]


def test_a_title_with_a_quoted_term_inside_is_one_pair_of_marks() -> None:
    # the title's own closing mark ends it: the next quotation is the speaker's
    paragraphs = ["Panitia menggelar “Festival “Laut Biru” Anak”, Minggu.", "“Kami senang sekali,” kata Budi Santoso."]
    assert rows(paragraphs, [person("Budi Santoso", paragraphs)]) == [
        ("direct", "Budi Santoso", "Budi Santoso", "kata", None, 1, None, 1, 19)]


def test_a_tagged_person_after_an_organisation_head_is_the_organisations_name() -> None:
    paragraphs = ["Kapal itu akan dioperasikan oleh Perusahaan Daerah Bahari Lestari yang berada di bawah Pemprov.",
                  "Direktur Perusahaan Daerah Bahari Lestari Rudi Hartono mengatakan, kapal itu menjawab kebutuhan warga.",
                  "“Ada feri dari ASDP dan PD Bahari Lestari,” katanya."]
    entities = [person("Bahari Lestari", paragraphs), person("Rudi Hartono", paragraphs, ["Rudi Hartono", "Rudi"])]
    role = "Direktur Perusahaan Daerah Bahari Lestari"
    assert rows(paragraphs, entities) == [
        ("indirect", "Rudi Hartono", "Rudi", "mengatakan", role, 1, None, 67, 101),
        ("direct", "Rudi Hartono", "katanya", "katanya", role, 2, None, 1, 41)]


def test_places_after_the_office_close_it_and_name_no_speaker() -> None:
    paragraphs = ["Mundari, Camat Cilandak, Jakarta Selatan, mengatakan, warga diminta tetap di rumah."]
    entities = [person("Mundari", paragraphs), person("Jakarta Selatan", paragraphs, label="LOC"),
                person("Cilandak", paragraphs, label="LOC")]
    assert rows(paragraphs, entities) == [
        ("indirect", "Mundari", "Mundari", "mengatakan", "Camat Cilandak, Jakarta Selatan", 0, None, 54, 82)]


def test_an_address_chain_and_a_dash_aside_after_the_office() -> None:
    paragraphs = ["Dedy, Kepala Regu B dari Pos Pemadam Sektor II, Kebayoran Baru, Jakarta Selatan — tim yang tiba "
                  "pertama — menuturkan, air hidran tidak mengalir."]
    entities = [person("Dedy", paragraphs), person("Jakarta Selatan", paragraphs, label="LOC"),
                person("Kebayoran Baru", paragraphs, label="LOC")]
    assert rows(paragraphs, entities) == [
        ("indirect", "Dedy", "Dedy", "menuturkan",
         "Kepala Regu B dari Pos Pemadam Sektor II, Kebayoran Baru, Jakarta Selatan", 0, None, 118, 143)]


def test_a_compass_word_is_no_name_and_a_described_resident_no_place() -> None:
    # (h11q7: a resident the article does not name is no speaker the reader can identify, and
    # the quote is none; before, it was kept with no speaker — never with the place)
    paragraphs = ["“Kami sudah di lokasi,” kata warga Jakarta Selatan."]
    assert rows(paragraphs, [person("Jakarta Selatan", paragraphs, label="LOC")]) == []


def test_a_description_with_a_place_that_points_back_is_the_passages_speaker() -> None:
    paragraphs = ["Ketua Fraksi PKB Rudi Kurniawan mengajak semua pihak menjaga persatuan.",
                  "“Inilah hebatnya bangsa ini,” pungkas anggota DPR RI dari Dapil Jawa Timur VIII (Jombang, Madiun) ini."]
    entities = [person("Rudi Kurniawan", paragraphs), person("DPR RI", paragraphs, label="ORG"),
                person("Jawa Timur", paragraphs, label="LOC")]
    assert [row[1:5] for row in rows(paragraphs, entities)][-1] == (
        "Rudi Kurniawan", "anggota DPR RI", "pungkas", "Ketua Fraksi PKB")


def test_the_name_after_an_office_cut_at_dari_is_the_speaker() -> None:
    paragraphs = ["“Ada seribu subyek yang akan diuji,” kata anggota Tim Peneliti Alat Napas dari UGM, Dian Lestari, "
                  "seusai rapat."]
    entities = [person("Dian Lestari", paragraphs), person("UGM", paragraphs, label="ORG")]
    assert rows(paragraphs, entities) == [
        ("direct", "Dian Lestari", "Dian Lestari", "kata", "anggota Tim Peneliti Alat Napas dari UGM", 0, None, 1, 34)]


def test_a_person_in_a_clause_after_the_speaker_does_not_become_the_speaker() -> None:
    # guard: 'Presiden, yang datang bersama Menteri Sosial Juliari' — Juliari came with the speaker
    paragraphs = ["“Bantuan sudah diterima warga,” ujar Presiden, yang datang bersama Menteri Sosial Juliari Batubara, "
                  "Senin."]
    assert rows(paragraphs, [person("Juliari Batubara", paragraphs)]) == [
        ("direct", None, None, "ujar", None, 0, None, 1, 29)]


def test_an_english_organisation_name_after_the_speaker_is_no_name() -> None:
    paragraphs = ["Reynaldi dari PT House of Bamboo mengatakan, pesanan mebel anjlok hingga 20 persen.",
                  "“Pesanan naik lagi sejak Mei,” katanya."]
    entities = [person("PT House of Bamboo", paragraphs, label="ORG")]
    assert [row[1:4] for row in rows(paragraphs, entities)] == [
        ("Reynaldi", "Reynaldi", "mengatakan"), ("Reynaldi", "katanya", "katanya")]


def test_a_short_form_is_the_one_word_name_written_after_an_office() -> None:
    paragraphs = ["Kepala Dinas Pariwisata Kota Batam Ardiwinata optimistis sektor wisata akan bangkit.",
                  "“Sebanyak 84 hotel sudah siap,” kata Ardi."]
    # 'optimistis' reports the belief that follows it (h14quote), given to the full name too
    assert rows(paragraphs, [person("Ardi", paragraphs)]) == [
        ("indirect", "Ardiwinata", "Ardi", "optimistis", "Kepala Dinas Pariwisata Kota Batam", 0, None, 57, 83),
        ("direct", "Ardiwinata", "Ardi", "kata", "Kepala Dinas Pariwisata Kota Batam", 1, None, 1, 29)]


def test_a_given_name_is_not_read_as_the_short_form_of_the_surname() -> None:
    # guard: 'ujar Tuntas' is Tuntas Subagyo, never 'Subagyo' alone
    paragraphs = ["Hal itu disampaikan Ketua Umum Partai Maju Tuntas Subagyo di Jakarta.",
                  "“Kami ingin warga menjadi subjek politik,” ujar Tuntas."]
    assert rows(paragraphs, [person("Subagyo", paragraphs)]) == [
        ("direct", "Tuntas", "Tuntas", "ujar", "Ketua Umum Partai Maju", 1, None, 1, 40)]


def test_offices_with_a_field_noun_an_executive_title_and_a_units_letter() -> None:
    paragraphs = ["Pengamat terorisme Sidik Jatmiko, ketika dihubungi pada Selasa, mengatakan, pelaku bergerak sendiri.",
                  "EVP Kartu dan Pinjaman Digital BRI Wibawa Santoso mengatakan, jumlah nasabah kartu kredit bertambah "
                  "pesat tahun ini.",
                  "Joni Siregar, Sekretaris Komisi E, seusai rapat menjelaskan, anggaran belum cair."]
    entities = [person("Sidik Jatmiko", paragraphs), person("Wibawa Santoso", paragraphs),
                person("Joni Siregar", paragraphs)]
    assert [(row[1], row[4]) for row in rows(paragraphs, entities)] == [
        ("Sidik Jatmiko", "Pengamat terorisme"), ("Wibawa Santoso", "EVP Kartu dan Pinjaman Digital BRI"),
        ("Joni Siregar", "Sekretaris Komisi E")]


def test_a_place_closed_by_a_compass_word_is_cut_from_the_name() -> None:
    paragraphs = ["Penjabat Bupati Minahasa Utara Andre Lumintang mengatakan, program desa wisata itu perlu "
                  "dipertahankan."]
    assert rows(paragraphs, [person("Minahasa Utara Andre Lumintang", paragraphs)]) == [
        ("indirect", "Andre Lumintang", "Andre Lumintang", "mengatakan", "Penjabat Bupati Minahasa Utara", 0, None,
         59, 102)]
