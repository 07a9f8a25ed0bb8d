"""Quotes, fifth pass (issue 11): ``-nya`` cues and pronouns carry over to the speaker of the
passage, not to the last name written. A name takes over only when it speaks in its clause (the
subject of a speech verb, after ``menurut``/``bagi``, introduced with its office in a clause of
its own); a person the passage talks about does not. Every sentence here was written for these
tests; the entities are given by hand, so a test states exactly what NER found."""

from __future__ import annotations

import pytest

from warta.enrich.quote_speakers import Attributor
from warta.enrich.quotes import extract_quotes
from warta.model import Entity, Mention

SPEAKER = "Kepala Dinas Kesehatan Flores Timur Yuliana Kewa mengatakan, tiga pegawai dinas sudah diperiksa."


def tagged(name: str, paragraphs: list[str], forms: list[str]) -> Entity:
    """A PER entity with a mention wherever one of ``forms`` (longest first) is written, a
    short form not inside a longer one (``Yuliana`` alone, not in ``Yuliana Kewa``)."""
    mentions: list[Mention] = []
    for p, text in enumerate(paragraphs):
        taken: list[tuple[int, int]] = []
        for form in sorted(forms, key=len, reverse=True):
            k = text.find(form)
            while k >= 0:
                if not any(s <= k < e for s, e in taken):
                    taken.append((k, k + len(form)))
                    mentions.append(Mention(form, p, k, k + len(form)))
                k = text.find(form, k + len(form))
    mentions.sort(key=lambda m: (m.paragraph, m.start))
    return Entity(name=name, label="PER", mentions=mentions)


Row = tuple[str, str | None, str | None, str | None]


def speakers(paragraphs: list[str], *names: tuple[str, list[str]]) -> list[Row]:
    """(kind, speaker, mention, role) of every quote, with the named people tagged."""
    entities = [tagged(name, paragraphs, forms) for name, forms in names]
    return [(q.kind, q.speaker, q.speaker_mention, q.role) for q in extract_quotes(paragraphs, entities)]


YULIANA = ("Yuliana Kewa", ["Yuliana Kewa", "Yuliana"])
YOHANES = ("Yohanes Bria", ["Yohanes Bria"])
ANDREAS = ("Andreas Kelen", ["Andreas Kelen", "Andreas"])
YULIANA_QUOTE = ("indirect", "Yuliana Kewa", "Yuliana Kewa", "Kepala Dinas Kesehatan Flores Timur")


@pytest.mark.parametrize("between", [
    # the subject of another verb: talked about
    "Saat itu Yohanes Bria memilih tetap di rumah karena demam.",
    # a relative clause and then someone else's verb
    "Terkait Yohanes Bria yang dirawat di rumah sakit, petugas sedang melacak kontak eratnya.",
    # named in a clause whose view is someone else's
    "Meski pasien Yohanes Bria itu sembuh, menurut Yuliana, pengawasan tetap berjalan.",
    # an object, and the member of a group
    "Petugas menjemput Yohanes Bria dan dua anaknya.",
])
def test_a_person_talked_about_leaves_katanya_with_the_speaker(between: str) -> None:
    paragraphs = [SPEAKER, between, "“Hasilnya keluar besok pagi,” katanya."]
    quotes = speakers(paragraphs, YULIANA, YOHANES)
    assert quotes[0] == YULIANA_QUOTE
    assert quotes[-1] == ("direct", "Yuliana Kewa", "katanya", "Kepala Dinas Kesehatan Flores Timur")


def test_before_anyone_spoke_the_subject_still_takes_katanya() -> None:
    paragraphs = ["Saat itu Yohanes Bria memilih tetap di rumah karena demam.",
                  "“Hasilnya keluar besok pagi,” katanya."]
    assert speakers(paragraphs, YOHANES) == [("direct", "Yohanes Bria", "katanya", None)]


@pytest.mark.parametrize(("between", "expected"), [
    # the subject of a speech verb that attributes no quote itself (data: speaker_verb)
    ("Ketua DPRD Flores Timur Andreas Kelen menyayangkan lambatnya pemeriksaan.",
     ("Andreas Kelen", "Ketua DPRD Flores Timur")),
    # an adverb between name and verb; the verb two comma segments on, past a relative clause
    ("Andreas Kelen, yang dihubungi dari Larantuka, juga mendesak pemerintah mempercepat pemeriksaan.",
     ("Andreas Kelen", None)),
    # introduced with an office in a clause that has no verb of its own
    ("Sejumlah tokoh mengkritik lambatnya pemeriksaan. Salah satunya adalah Ketua DPRD Flores Timur Andreas Kelen.",
     ("Andreas Kelen", "Ketua DPRD Flores Timur")),
])
def test_a_name_that_speaks_takes_over(between: str, expected: tuple[str, str | None]) -> None:
    paragraphs = [SPEAKER, between, "“Warga sudah menunggu dua pekan,” ujarnya."]
    quotes = speakers(paragraphs, YULIANA, ANDREAS)
    assert quotes[-1] == ("direct", expected[0], "ujarnya", expected[1])


def test_an_untagged_name_that_speaks_without_a_quote_becomes_the_speaker() -> None:
    # 'mengatakan telah …' reports no quote (no comma, no 'bahwa', the subject ends in a clause);
    # the apposition's name, missed by the tagger, still speaks
    paragraphs = [
        "“Stok vaksin aman,” kata Yuliana Kewa.",
        ("Kepala Puskesmas Waiwerang, Siprianus, yang dihubungi melalui telepon, mengatakan telah menerima "
         "kiriman vaksin."),
        "“Kami mulai menyuntik hari Senin,” ujarnya.",
    ]
    assert speakers(paragraphs, YULIANA) == [
        ("direct", "Yuliana Kewa", "Yuliana Kewa", None),
        ("direct", "Siprianus", "ujarnya", "Kepala Puskesmas Waiwerang"),
    ]


def test_a_group_named_with_a_people_word_is_no_speaker() -> None:
    paragraphs = [
        SPEAKER,
        "Sebagian umat Katolik menilai jadwal misa terlalu padat.",
        "“Jadwal misa kami atur ulang,” ujarnya.",
    ]
    assert speakers(paragraphs, YULIANA) == [YULIANA_QUOTE,
                                           ("direct", "Yuliana Kewa", "ujarnya", "Kepala Dinas Kesehatan Flores Timur")]


def test_a_title_alone_is_the_person_written_right_after_it() -> None:
    paragraphs = [
        "Bupati Flores Timur Anton Hadjon meresmikan pasar baru, Senin.",
        "Turut mendampingi Bupati, Camat Adonara Timur Yosef Lagadoni.",
        "“Pasar ini milik warga,” kata Bupati.",
    ]
    quotes = speakers(paragraphs, ("Anton Hadjon", ["Anton Hadjon"]), ("Yosef Lagadoni", ["Yosef Lagadoni"]))
    assert quotes == [("direct", "Anton Hadjon", "Bupati", "Bupati Flores Timur")]


def test_a_nya_cue_before_anyone_spoke_takes_the_latest_person_named() -> None:
    paragraphs = [
        "Berdasarkan laporan harian oleh Kepala Bidang Pencegahan Penyakit Yuliana Kewa, ada 12 kasus baru.",
        "“Sebagian besar dari kluster keluarga,” katanya.",
    ]
    assert speakers(paragraphs, YULIANA) == [
        ("direct", "Yuliana Kewa", "katanya", "Kepala Bidang Pencegahan Penyakit"),
    ]



@pytest.mark.parametrize(("paragraphs", "role"), [
    # the run tagged as a person only ever stands right before another name: an office's words
    (["Sekretaris Umum Pengurus Lamaholot Raya Paulus Liwun menuturkan, harga ikan turun."],
     "Sekretaris Umum Pengurus Lamaholot Raya"),
    # a person written on their own too: the office before the speaker is that person's
    (["Pengurus Lamaholot Raya hadir di pelabuhan.",
      "Sekretaris Umum Pengurus Lamaholot Raya Paulus Liwun menuturkan, harga ikan turun."], None),
])
def test_an_office_the_tagger_took_for_a_person_stays_the_speakers_role(
        paragraphs: list[str], role: str | None) -> None:
    entities = [tagged("Pengurus Lamaholot Raya", paragraphs, ["Pengurus Lamaholot Raya"]),
                tagged("Paulus Liwun", paragraphs, ["Paulus Liwun"])]
    att = Attributor(paragraphs, entities)
    assert att._own_role("Sekretaris Umum Pengurus Lamaholot Raya", "Paulus Liwun") == role
