"""An organisation named as a whole speaks as a whole (h16org): ``kata Kementerian Keuangan``
is the ministry, not a person ``Keuangan`` under an office ``Kementerian``. Every sentence
here was written for these tests and no entities are given, so the name fallback reads the
phrase; each organisation case failed before this change, the person cases are guards."""

from __future__ import annotations

from warta.enrich.quote_roles import organisation_as_whole
from warta.enrich.quotes import extract_quotes

Row = tuple[str, str | None, str | None, str | None, str | None, str | None, int, int]


def rows(paragraph: str) -> list[Row]:
    """(kind, speaker, mention, cue, role, affiliation, start, end) per quote of one paragraph."""
    return [(q.kind, q.speaker, q.speaker_mention, q.cue, q.role, q.affiliation, q.start, q.end)
            for q in extract_quotes([paragraph], [])]


def test_a_ministry_after_disampaikan_and_kata_is_the_speaker_whole() -> None:
    assert rows("Pemerintah memastikan anggaran subsidi energi tahun depan cukup. Hal itu disampaikan "
                "Kementerian Keuangan dalam keterangan tertulis, Senin.") == [
        ("indirect", "Kementerian Keuangan", "Kementerian Keuangan", "disampaikan", None, None, 0, 63)]
    assert rows("“Anggaran subsidi energi tahun depan cukup,” kata Kementerian Keuangan.") == [
        ("direct", "Kementerian Keuangan", "Kementerian Keuangan", "kata", None, None, 1, 42)]


def test_an_organisation_known_by_the_gazetteer_is_the_speaker_whole() -> None:
    assert rows("Presiden dijadwalkan meresmikan bendungan itu pekan depan. Hal itu disampaikan "
                "Istana Kepresidenan di Jakarta, Selasa.") == [
        ("indirect", "Istana Kepresidenan", "Istana Kepresidenan", "disampaikan", None, None, 0, 57)]
    assert rows("“Presiden akan hadir di Bogor,” kata Istana Kepresidenan.") == [
        ("direct", "Istana Kepresidenan", "Istana Kepresidenan", "kata", None, None, 1, 29)]


def test_a_court_bench_with_its_court_and_place_is_the_speaker_whole() -> None:
    assert rows("Terdakwa dinyatakan terbukti menerima suap. Hal itu disampaikan Majelis Hakim Pengadilan "
                "Tipikor Jakarta dalam sidang putusan, Rabu.") == [
        ("indirect", "Majelis Hakim Pengadilan Tipikor Jakarta", "Majelis Hakim Pengadilan Tipikor Jakarta",
         "disampaikan", None, None, 0, 42)]
    assert rows("“Terdakwa terbukti menerima suap,” kata Majelis Hakim Pengadilan Tipikor Jakarta.") == [
        ("direct", "Majelis Hakim Pengadilan Tipikor Jakarta", "Majelis Hakim Pengadilan Tipikor Jakarta",
         "kata", None, None, 1, 32)]


def test_an_office_and_a_persons_name_stay_split() -> None:
    # guards: a title opens the phrase, or a name follows the organisation
    assert rows("“Anggaran subsidi energi tahun depan cukup,” kata Menteri Keuangan Sri Mulyani.") == [
        ("direct", "Sri Mulyani", "Sri Mulyani", "kata", "Menteri Keuangan", None, 1, 42)]
    assert rows("“Jalan itu ditutup sementara,” kata Dinas Perhubungan Kota Surabaya Irvan Wahyudrajad.") == [
        ("direct", "Irvan Wahyudrajad", "Irvan Wahyudrajad", "kata", "Dinas Perhubungan Kota Surabaya", None, 1, 28)]


def test_organisation_as_whole_needs_an_organisation_and_no_name_word() -> None:
    assert [organisation_as_whole(phrase.split()) for phrase in (
        "Kementerian Keuangan", "Istana Kepresidenan", "Majelis Hakim Pengadilan Tipikor Jakarta",
        "Menteri Keuangan", "Kementerian Keuangan Sri Mulyani", "Dinas Perhubungan Kota Surabaya Irvan Wahyudrajad",
        "Kementerian")] == [True, True, True, False, False, False, False]
    # a word the article uses to refer back to a person is a name, whatever the lists say
    assert organisation_as_whole(["Kementerian", "Keuangan"], frozenset({"Keuangan"})) is False
