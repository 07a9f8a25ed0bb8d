"""Quotes with roles (issue 11): role and affiliation split, first-mention roles carried to later
mentions, role words out of names, reported-speech verbs, carry-over to the speaker of the
passage, non-speakers and promotions refused. Fixtures written for these tests."""

from __future__ import annotations

import json

import pytest

from tests.unit.quote_helpers import located, only_in, person
from warta.enrich.quote_roles import (
    clean_role,
    is_organisation,
    lead_role_words,
    referred_cut,
    split_affiliation,
    split_role,
)
from warta.enrich.quote_lexicon import quote_lexicon
from warta.enrich.quotes import extract_quotes, mention_role
from warta.model import Article, Quote


def rows(quotes: list[Quote]) -> list[tuple[str, str, str | None, str | None, str | None, str | None, str | None]]:
    return [(q.kind, q.text, q.speaker, q.speaker_mention, q.role, q.affiliation, q.cue) for q in quotes]


@pytest.mark.parametrize(("phrase", "expected"), [
    ("Gubernur Bank Indonesia (BI)", ("Gubernur Bank Indonesia (BI)", "Bank Indonesia")),
    ("Kepala Badan Ketahanan Pangan Kementerian Pertanian",
     ("Kepala Badan Ketahanan Pangan Kementerian Pertanian", "Kementerian Pertanian")),
    ("Penangkapan Rizieq Kepala Bidang Humas Polda Metro Jaya Kombes",
     ("Kepala Bidang Humas Polda Metro Jaya", "Polda Metro Jaya")),
    ("dokter emergensi dari Persatuan Dokter Emergensi Indonesia",
     ("dokter emergensi dari Persatuan Dokter Emergensi Indonesia", "Persatuan Dokter Emergensi Indonesia")),
    ("Direktur Utama KAI", ("Direktur Utama KAI", "KAI")),
    ("Wakil Ketua Komisi VIII DPR", ("Wakil Ketua Komisi VIII DPR", "DPR")),
    ("Ketua Gili Hotel Association", ("Ketua Gili Hotel Association", "Gili Hotel Association")),
    ("Ekonom PT Bank Permata Tbk", ("Ekonom PT Bank Permata Tbk", "PT Bank Permata Tbk")),
    ("Menteri Perdagangan", ("Menteri Perdagangan", None)),
    ("Wali Kota Surabaya", ("Wali Kota Surabaya", None)),
    ("Presiden RI", ("Presiden RI", None)),
    ("Direktur Jenderal Pajak", ("Direktur Jenderal Pajak", None)),
    ("Kapolri Jenderal", ("Kapolri", None)),
    ("Bupati Tangerang A", ("Bupati Tangerang", None)),
    ("Wakil Kepala Polda Papua Brigadir Jenderal (Pol)", ("Wakil Kepala Polda Papua", "Polda Papua")),
    ("Gubernur DKI Jakarta dalam rapat koordinasi", ("Gubernur DKI Jakarta", None)),
    ("Menteri Koordinator Bidang Politik, Hukum, dan Keamanan",
     ("Menteri Koordinator Bidang Politik, Hukum, dan Keamanan", None)),
    ("Camat Cilandak, Jakarta Selatan", ("Camat Cilandak, Jakarta Selatan", None)),
    ("Direktur Eksekutif Center of Reform on Economics",
     ("Direktur Eksekutif Center of Reform on Economics", "Center of Reform on Economics")),
    # not an office: a list of names, a bare rank, a clause
    ("Agus,Lalu, apa saja agenda", (None, None)),
    ("Kombes", (None, None)),
    ("Butuh persiapan", (None, None)),
])
def test_role_and_affiliation_split(phrase: str, expected: tuple[str | None, str | None]) -> None:
    assert split_role(phrase) == expected


def test_clean_role_and_affiliation_of_nothing() -> None:
    assert clean_role(None) is None
    assert clean_role("") is None
    assert split_affiliation(None) is None


@pytest.mark.parametrize(("name", "cut"), [
    ("Sosial Juliari Batubara", 1),  # 'Menteri Sosial' + name
    ("RI Joko Widodo", 1),
    ("NasDem Sumut Iskandar", 2),
    ("Negara Pratikno", 1),
    ("Agung Hendriadi", 0),  # 'Agung' is also a given name: kept with a one-word rest
    ("Joko Widodo", 0),
])
def test_role_words_out_of_tagged_names(name: str, cut: int) -> None:
    assert lead_role_words(name.split()) == cut


def test_menurut_is_never_part_of_a_name() -> None:
    assert lead_role_words(["Menurut", "Mahfud"], frozenset({"menurut"})) == 1


def test_role_from_first_mention_carried_to_later_mentions() -> None:
    paragraphs = [
        "Gubernur Bank Indonesia (BI) Perry Warjiyo meninjau pasar di Jakarta, Senin.",
        "“Inflasi masih terkendali,” kata Perry.",
        "Dia menekankan bank sentral akan menjaga nilai tukar rupiah.",
        "“Kami terus memantau,” ujarnya.",
    ]
    role, affiliation = "Gubernur Bank Indonesia (BI)", "Bank Indonesia"
    expected = [
        ("direct", "Inflasi masih terkendali", "Perry Warjiyo", "Perry", role, affiliation, "kata"),
        ("indirect", "bank sentral akan menjaga nilai tukar rupiah", "Perry Warjiyo", "Dia", role, affiliation,
         "menekankan"),
        ("direct", "Kami terus memantau", "Perry Warjiyo", "ujarnya", role, affiliation, "ujarnya"),
    ]
    # without entities (names from the text) and with NER entities: the same record
    assert rows(extract_quotes(paragraphs)) == expected
    entity = person("Perry Warjiyo", paragraphs, ["Perry Warjiyo", "Perry"])
    assert rows(extract_quotes(paragraphs, [entity])) == expected


def test_role_glued_into_tagged_names_goes_back_to_the_role() -> None:
    paragraphs = [
        "Ketua NasDem Sumut Iskandar menilai pemilu berjalan lancar dan aman.",
        "Menurut Mahfud, kasus itu harus dituntaskan.",
    ]
    entities = [person("Ketua NasDem Sumut Iskandar", paragraphs), person("Menurut Mahfud", paragraphs)]
    assert rows(extract_quotes(paragraphs, entities)) == [
        ("indirect", "pemilu berjalan lancar dan aman", "Iskandar", "Iskandar", "Ketua NasDem Sumut",
         "NasDem Sumut", "menilai"),
        ("indirect", "kasus itu harus dituntaskan", "Mahfud", "Mahfud", None, None, "menurut"),
    ]


def test_reported_speech_verbs() -> None:
    paragraphs = [
        "Pengamat politik Universitas Indonesia Aditya Nugraha menduga jika koalisi akan pecah.",
        "Budi Santoso, anggota tim kuasa hukum, bilang, kliennya tidak bersalah.",
        "Kepala Polres Bogor AKBP Susatyo Purnomo Condro menilai situasi di lapangan aman.",
    ]
    assert rows(extract_quotes(paragraphs)) == [
        ("indirect", "koalisi akan pecah", "Aditya Nugraha", "Aditya Nugraha",
         "Pengamat politik Universitas Indonesia", "Universitas Indonesia", "menduga"),
        ("indirect", "kliennya tidak bersalah", "Budi Santoso", "Budi Santoso", "anggota tim kuasa hukum", None,
         "bilang"),
        ("indirect", "situasi di lapangan aman", "Susatyo Purnomo Condro", "Susatyo Purnomo Condro",
         "Kepala Polres Bogor", "Polres Bogor", "menilai"),
    ]


def test_menurut_dia_goes_to_the_speaker_not_the_person_talked_about() -> None:
    paragraphs = [
        "Sekretaris Jenderal Partai Gerindra Ahmad Muzani hadir bersama Prabowo Subianto.",
        "Menurut dia, Prabowo tidak akan mundur dari pencalonan.",
        "Ahmad Muzani mengatakan, partai solid mendukung pencalonan Prabowo Subianto.",
        "Dia menegaskan, semua kader siap bekerja.",
    ]
    entities = [person("Ahmad Muzani", paragraphs), person("Prabowo Subianto", paragraphs,
                                                           ["Prabowo Subianto", "Prabowo"])]
    role, affiliation = "Sekretaris Jenderal Partai Gerindra", "Partai Gerindra"
    assert rows(extract_quotes(paragraphs, entities)) == [
        ("indirect", "Prabowo tidak akan mundur dari pencalonan", "Ahmad Muzani", "dia", role, affiliation,
         "menurut"),
        ("indirect", "partai solid mendukung pencalonan Prabowo Subianto", "Ahmad Muzani", "Ahmad Muzani", role,
         affiliation, "mengatakan"),
        ("indirect", "semua kader siap bekerja", "Ahmad Muzani", "Dia", role, affiliation, "menegaskan"),
    ]


def test_carry_over_skips_a_victim_named_since() -> None:
    paragraphs = [
        "Kapolres Jakarta Selatan Kombes Budhi Herdi Susianto mengatakan, pelaku sudah ditangkap.",
        "Korban, Yosua Hutabarat, ditemukan tewas di rumah itu.",
        "“Pelaku mengakui perbuatannya,” ujarnya.",
    ]
    entities = [person("Budhi Herdi Susianto", paragraphs), person("Yosua Hutabarat", paragraphs)]
    assert rows(extract_quotes(paragraphs, entities)) == [
        ("indirect", "pelaku sudah ditangkap", "Budhi Herdi Susianto", "Budhi Herdi Susianto",
         "Kapolres Jakarta Selatan", None, "mengatakan"),
        ("direct", "Pelaku mengakui perbuatannya", "Budhi Herdi Susianto", "ujarnya", "Kapolres Jakarta Selatan",
         None, "ujarnya"),
    ]


def test_carry_over_skips_a_person_mentioned_in_the_middle_of_a_clause() -> None:
    paragraphs = [
        "“Kami tidak pernah membahas itu,” kata Ketua Umum Partai Golkar Airlangga Hartarto.",
        "Acara itu juga dihadiri Presiden Joko Widodo dan Prabowo Subianto.",
        "“Ini acara keluarga,” katanya.",
    ]
    entities = [person("Airlangga Hartarto", paragraphs), person("Joko Widodo", paragraphs),
                person("Prabowo Subianto", paragraphs)]
    assert [(q.speaker, q.speaker_mention) for q in extract_quotes(paragraphs, entities)] == [
        ("Airlangga Hartarto", "Airlangga Hartarto"), ("Airlangga Hartarto", "katanya")]


def test_non_speakers_and_promotions_are_refused() -> None:
    paragraphs = [
        "Menurut data dari Kementerian Kesehatan, kasus baru turun 20 persen.",
        "Laporan Bank Dunia menyebutkan, ekonomi Indonesia tumbuh 5 persen.",
        "Epidemiolog Universitas Griffith Dicky Budiman mengatakan, tren itu harus dijaga.",
        "“Detik Pagi, Jangan Tidur Lagi!”",
        "Saksikan “Detik Sore, berita terkini setiap hari” pukul 16.00 WIB.",
    ]
    entities = [person("Dicky Budiman", paragraphs), person("Kementerian Kesehatan", paragraphs, label="ORG"),
                person("Bank Dunia", paragraphs, label="ORG")]
    assert rows(extract_quotes(paragraphs, entities)) == [
        ("indirect", "tren itu harus dijaga", "Dicky Budiman", "Dicky Budiman", "Epidemiolog Universitas Griffith",
         "Universitas Griffith", "mengatakan"),
    ]


def test_quote_affiliation_round_trips_and_old_records_still_read() -> None:
    quote = Quote("Inflasi masih terkendali", "direct", speaker="Perry Warjiyo", speaker_mention="Perry",
                  role="Gubernur Bank Indonesia (BI)", cue="kata", paragraph=1, start=1, end=25,
                  affiliation="Bank Indonesia")
    data = json.loads(json.dumps(quote.to_dict()))
    assert data["affiliation"] == "Bank Indonesia"
    assert Quote.from_dict(data) == quote
    old = {k: v for k, v in data.items() if k != "affiliation"}  # written before the field existed
    assert Quote.from_dict(old) == Quote(**{**quote.to_dict(), "affiliation": None})
    article = Article(paragraphs=["x"], quotes=[quote])
    assert Article.from_dict(json.loads(json.dumps(article.to_dict()))).quotes == [quote]


def test_passive_agent_descriptions_and_pronouns_with_adverbs() -> None:
    paragraphs = [
        "Ketua Umum Yayasan Pendidikan Soekarno Dade Marhaendra menanggapi pernyataan itu.",
        "Langkah yang berpolemik tersebut dianggap Dade sangat nepotisme.",
        "Politikus PDIP itu menyatakan pemerintah harus mendengar kritik publik.",
        "Ia pun menegaskan, kritik bukan ancaman bagi negara.",
        # 'informasi yang mengatakan' has no speaker: the sentence's first speech verb is Dia's
        # 'membantah', and what Dade denied is reported (as 'membantah kabar …' in the gold)
        "Dia membantah informasi yang mengatakan bahwa partainya pecah.",
    ]
    role, affiliation = "Ketua Umum Yayasan Pendidikan Soekarno", "Yayasan Pendidikan Soekarno"
    entities = [person("Dade Marhaendra", paragraphs, ["Dade Marhaendra", "Dade"])]
    assert rows(extract_quotes(paragraphs, entities)) == [
        ("indirect", "Langkah yang berpolemik tersebut dianggap Dade sangat nepotisme", "Dade Marhaendra", "Dade",
         role, affiliation, "dianggap"),
        ("indirect", "pemerintah harus mendengar kritik publik", "Dade Marhaendra", "Politikus PDIP itu", role,
         affiliation, "menyatakan"),
        ("indirect", "kritik bukan ancaman bagi negara", "Dade Marhaendra", "Ia pun", role, affiliation,
         "menegaskan"),
        ("indirect", "informasi yang mengatakan bahwa partainya pecah", "Dade Marhaendra", "Dia", role, affiliation,
         "membantah"),
    ]


@pytest.mark.parametrize(("name", "expected"), [
    ("Pemprov Jabar", True), ("Polda Metro Jaya", True), ("KPK", True), ("Purn", True), ("Kombes", True),
    ("Joko Widodo", False), ("Agung Hendriadi", False),
])
def test_names_that_are_never_a_person(name: str, expected: bool) -> None:
    assert is_organisation(name) is expected


def test_a_rank_tagged_as_a_person_never_speaks() -> None:
    paragraphs = ["Letjen TNI (Purn) Soemarsono hadir.", "“Kami siap membantu warga,” kata Purn."]
    entities = [person("Purn", paragraphs), person("Soemarsono", paragraphs)]
    # 'Purn' is how the retired general was written, not another person
    assert [(q.speaker, q.cue) for q in extract_quotes(paragraphs, entities)] == [("Soemarsono", "kata")]


# -- name/role boundaries from how news writes each word (NER word classes), 2026-12-02 ----------


def test_place_word_tagged_into_the_name_goes_to_the_role() -> None:
    # 'Brebes' is written after place cues ('di', 'kabupaten') in news: never a given name
    paragraphs = ["Ketua Bawaslu Brebes Slamet Riyanto mengatakan, pengawasan akan diperketat."]
    assert rows(extract_quotes(paragraphs, [person("Brebes Slamet Riyanto", paragraphs)])) == [
        ("indirect", "pengawasan akan diperketat", "Slamet Riyanto", "Slamet Riyanto", "Ketua Bawaslu Brebes",
         "Bawaslu Brebes", "mengatakan"),
    ]


@pytest.mark.parametrize(("tagged", "role"), [
    ("Lending BRI Dewi Kartika", "Vice President Lending BRI"),
    ("Pemasaran Digital BRI Dewi Kartika", "Vice President Pemasaran Digital BRI"),
])
def test_words_up_to_an_organisation_inside_a_tagged_name_go_to_the_role(tagged: str, role: str) -> None:
    paragraphs = [f"Vice President {tagged} mengatakan, layanan kembali normal."]
    assert rows(extract_quotes(paragraphs, [person(tagged, paragraphs)])) == [
        ("indirect", "layanan kembali normal", "Dewi Kartika", "Dewi Kartika", role, "BRI", "mengatakan"),
    ]


@pytest.mark.parametrize(("name", "cut"), [
    ("Ekonomi Kreatif Rudi Hartono", 2),  # common words, written lower-case in most news
    ("Bambang PS Brodjonegoro", 0),  # two capitals after a given name are initials
    ("Laksda TNI Rudi Hartono", 0),  # a rank and its service stay with the name
    ("Indah Lestari", 0),  # a given name, though also a common word
    ("Putri Ayu Lestari", 0),
])
def test_role_words_by_word_class(name: str, cut: int) -> None:
    assert lead_role_words(name.split()) == cut


def test_given_name_the_tagger_left_out_is_not_a_role_word() -> None:
    # and it is part of the speaker's name, not only of the mention
    paragraphs = ["Kepala Dinas Kesehatan Sultra Mohammad Rudi Hartono mengatakan, vaksin sudah tiba."]
    assert rows(extract_quotes(paragraphs, [person("Rudi Hartono", paragraphs)])) == [
        ("indirect", "vaksin sudah tiba", "Mohammad Rudi Hartono", "Mohammad Rudi Hartono", "Kepala Dinas Kesehatan Sultra",
         "Dinas Kesehatan Sultra", "mengatakan"),
    ]


def test_two_offices_joined_by_yang_juga() -> None:
    paragraphs = ["Kepala BNPB yang juga Ketua Satgas Covid-19 Rudi Hartono mengatakan, ada penambahan kasus."]
    assert rows(extract_quotes(paragraphs)) == [
        ("indirect", "ada penambahan kasus", "Rudi Hartono", "Rudi Hartono",
         "Kepala BNPB yang juga Ketua Satgas Covid-19", "Satgas Covid-19", "mengatakan"),
    ]
    assert clean_role("Kepala BNPB yang juga Ketua Satgas Covid-19") == "Kepala BNPB yang juga Ketua Satgas Covid-19"
    assert clean_role("Kepala BNPB yang menangani bencana") == "Kepala BNPB"


@pytest.mark.parametrize(("first", "role", "affiliation"), [
    # a 'per…an' noun is no verb: the role before it is kept
    ("Sementara itu Pengamat perkotaan dari Universitas Trisakti, Rudi Hartono, meninjau lokasi.",
     "Pengamat perkotaan dari Universitas Trisakti", "Universitas Trisakti"),
    # an acronym in brackets may hold a digit
    ("Ketua Komunitas Bike to Work (B2W) Rudi Hartono meninjau lokasi.",
     "Ketua Komunitas Bike to Work (B2W)", "Komunitas Bike to Work"),
    # only a rank after the comma: the office is the segment before it
    ("Kepala Kepolisian Sektor Tebet, Komisaris Rudi Hartono, meninjau lokasi.",
     "Kepala Kepolisian Sektor Tebet", "Kepolisian Sektor Tebet"),
])
def test_first_mention_role_carried_to_the_quote(first: str, role: str, affiliation: str) -> None:
    paragraphs = [first, "“Banjir akan berulang,” kata Rudi."]
    entity = person("Rudi Hartono", paragraphs, ["Rudi Hartono", "Rudi"])
    assert rows(extract_quotes(paragraphs, [entity])) == [
        ("direct", "Banjir akan berulang", "Rudi Hartono", "Rudi", role, affiliation, "kata"),
    ]


def test_a_place_tagged_as_a_person_never_takes_the_carry_over() -> None:
    paragraphs = ["Bupati Rudi Hartono meninjau pasar, Senin.", "“Harga stabil,” kata Rudi.",
                  "Brebes menerapkan aturan baru sejak pekan lalu.", "“Semua wajib bermasker,” ujarnya."]
    entities = [person("Rudi Hartono", paragraphs, ["Rudi Hartono", "Rudi"]), person("Brebes", paragraphs)]
    assert rows(extract_quotes(paragraphs, entities)) == [
        ("direct", "Harga stabil", "Rudi Hartono", "Rudi", "Bupati", None, "kata"),
        ("direct", "Semua wajib bermasker", "Rudi Hartono", "ujarnya", "Bupati", None, "ujarnya"),
    ]


def test_a_common_word_after_the_name_is_no_later_speaker() -> None:
    paragraphs = ["“Bantuan sudah disalurkan,” tutur Rudi Hartono, Terkait dengan data, ia juga mengatakan ada perbaikan."]
    assert rows(extract_quotes(paragraphs))[0] == (
        "direct", "Bantuan sudah disalurkan", "Rudi Hartono", "Rudi Hartono", None, None, "tutur")


@pytest.mark.parametrize("phrase", ["Juru Bicara Kementerian Pertanian", "Ketua Lembaga Penelitian Ekonomi Kerakyatan"])
def test_a_title_and_its_organisation_name_no_person(phrase: str) -> None:
    assert rows(extract_quotes([f"“Izin edar sudah terbit,” kata {phrase}."])) == [
        ("direct", "Izin edar sudah terbit", None, None, None, None, "kata"),
    ]


def test_carry_over_skips_an_organisation_quoted_as_speaker() -> None:
    paragraphs = ["Menteri Kesehatan Budi Sadikin meninjau rumah sakit.", "“Stok vaksin cukup,” kata Budi.",
                  "“Izin edar sudah terbit,” kata BPOM.", "“Kami pantau setiap hari,” ujarnya."]
    entities = [person("Budi Sadikin", paragraphs, ["Budi Sadikin", "Budi"]), person("BPOM", paragraphs, label="ORG")]
    assert rows(extract_quotes(paragraphs, entities)) == [
        ("direct", "Stok vaksin cukup", "Budi Sadikin", "Budi", "Menteri Kesehatan", None, "kata"),
        ("direct", "Izin edar sudah terbit", "BPOM", "BPOM", None, None, "kata"),
        ("direct", "Kami pantau setiap hari", "Budi Sadikin", "ujarnya", "Menteri Kesehatan", None, "ujarnya"),
    ]


@pytest.mark.parametrize("entities", [True, False])
def test_the_word_after_desa_is_the_village(entities: bool) -> None:
    paragraphs = ["Kepala Desa Sukamaju Darsono mengatakan, jalan desa rusak.", "“Kami butuh bantuan,” kata Darsono."]
    found = [person("Sukamaju Darsono", paragraphs, ["Sukamaju Darsono", "Darsono"])] if entities else None
    role = ("Kepala Desa Sukamaju", "Desa Sukamaju")
    assert rows(extract_quotes(paragraphs, found)) == [
        ("indirect", "jalan desa rusak", "Darsono", "Darsono", *role, "mengatakan"),
        ("direct", "Kami butuh bantuan", "Darsono", "Darsono", *role, "kata"),
    ]
    # a given name after 'Desa' is the name itself
    paragraphs = ["Kepala Desa Budi Santoso mengatakan, jalan desa rusak."]
    assert rows(extract_quotes(paragraphs, [person("Budi Santoso", paragraphs)]))[0][2:5] == (
        "Budi Santoso", "Budi Santoso", "Kepala Desa")


def test_a_quoted_text_after_berbunyi_is_no_statement() -> None:
    paragraphs = [("Jaksa menjerat mereka dengan pasal yang berbunyi, “Barang siapa dengan sengaja merusak barang "
                   "milik orang lain diancam pidana penjara.”")]
    assert extract_quotes(paragraphs) == []
    # the same sentence quoted with no title word before it reads as a statement
    assert rows(extract_quotes(["“Barang siapa merusak akan dipidana.”"])) == [
        ("direct", "Barang siapa merusak akan dipidana.", None, None, None, None, None)]


def test_carry_over_to_a_short_form_gives_the_full_name() -> None:
    paragraphs = ["Wali Kota Surabaya Tri Rismaharini meninjau pasar.", "“Harga stabil,” kata Risma.",
                  "Sepanjang jalan Risma terus mengingatkan warga.", "“Ayo pakai masker,” katanya."]
    entities = [person("Tri Rismaharini", paragraphs), person("Risma", paragraphs)]
    assert rows(extract_quotes(paragraphs, entities)) == [
        ("direct", "Harga stabil", "Tri Rismaharini", "Risma", "Wali Kota Surabaya", None, "kata"),
        ("direct", "Ayo pakai masker", "Tri Rismaharini", "katanya", "Wali Kota Surabaya", None, "katanya"),
    ]


@pytest.mark.parametrize("entities", [True, False])
def test_sapaan_names_the_person_behind_a_nickname(entities: bool) -> None:
    paragraphs = ["Pengajar hukum Universitas Mulawarman, Herdiansyah Hamzah, menilai aturan itu lemah.",
                  "“Aturan itu harus dicabut,” kata Castro, sapaan Herdiansyah, ketika dihubungi.",
                  "“Tidak ada dasar hukumnya,” kata Castro."]
    found = [person("Herdiansyah Hamzah", paragraphs, ["Herdiansyah Hamzah", "Herdiansyah"]),
             person("Castro", paragraphs)] if entities else None
    role = ("Pengajar hukum Universitas Mulawarman", "Universitas Mulawarman")
    assert rows(extract_quotes(paragraphs, found))[1:] == [
        ("direct", "Aturan itu harus dicabut", "Herdiansyah Hamzah", "Castro", *role, "kata"),
        ("direct", "Tidak ada dasar hukumnya", "Herdiansyah Hamzah", "Castro", *role, "kata"),
    ]


def test_a_disease_tagged_as_a_person_never_takes_the_carry_over() -> None:
    paragraphs = ["Bupati Rudi Hartono meninjau pasar, Senin.", "“Harga stabil,” kata Rudi.",
                  "Pandemi Covid membuat pedagang merugi.", "“Kami bantu modal usaha,” ujarnya."]
    entities = [person("Rudi Hartono", paragraphs, ["Rudi Hartono", "Rudi"]), person("Pandemi Covid", paragraphs)]
    assert [q.speaker for q in extract_quotes(paragraphs, entities)] == ["Rudi Hartono", "Rudi Hartono"]


def test_a_place_after_the_name_is_not_the_speaker() -> None:
    paragraphs = ["Wali Kota Semarang Hendi Prihadi di Semarang, Rabu (16/9/2020), mengatakan, tes usap digratiskan."]
    assert rows(extract_quotes(paragraphs)) == [
        ("indirect", "tes usap digratiskan", "Hendi Prihadi", "Hendi Prihadi", "Wali Kota Semarang", None,
         "mengatakan"),
    ]


def test_a_name_always_written_after_an_organisation_head_is_no_person() -> None:
    paragraphs = ["Penyidik Polda Metro Jaya memeriksa tiga saksi.",
                  "Kepala Bidang Humas Polda Metro Jaya Kombes Rudi Hartono mengatakan, pemeriksaan saksi akan berlanjut pekan depan."]
    entities = [person("Metro Jaya", paragraphs), person("Rudi Hartono", paragraphs)]
    assert rows(extract_quotes(paragraphs, entities)) == [
        ("indirect", "pemeriksaan saksi akan berlanjut pekan depan", "Rudi Hartono", "Rudi Hartono", "Kepala Bidang Humas Polda Metro Jaya",
         "Polda Metro Jaya", "mengatakan"),
    ]


def test_a_mention_shorter_than_the_role_words_cut_from_its_name() -> None:
    # the tagger put 'Lending BRI' alone in the same entity: nothing to shift, no crash
    paragraphs = ["Vice President Lending BRI Dewi Kartika mengatakan, layanan kembali normal.",
                  "Nasabah Lending BRI bertambah."]
    entity = person("Lending BRI Dewi Kartika", paragraphs, ["Lending BRI Dewi Kartika", "Lending BRI"])
    assert [q.speaker for q in extract_quotes(paragraphs, [entity])] == ["Dewi Kartika"]


# -- third pass (h11q, 2026-12-02): name/office boundaries from the article's own references ---------


ANNE = [
    "KRL Yogyakarta-Solo dioperasikan KAI Commuter sejak Februari.",
    "Vice President Corporate Secretary KAI Commuter Anne Purba berharap KRL menjadi moda pilihan para pelaju.",
    "“Kami siap melayani,” kata Anne.",
]


def test_organisation_words_tagged_into_a_name_go_to_the_role_when_the_article_refers_by_a_later_word() -> None:
    # the tagger took 'Commuter' into the name; the article calls her 'Anne' and writes
    # 'KAI Commuter' without her name: 'Commuter' ends the organisation
    entities = [person("Commuter Anne Purba", ANNE), only_in(person("Anne", ANNE), 2),
                person("KAI Commuter", ANNE, label="ORG")]
    quotes = extract_quotes(ANNE, entities)
    assert located(quotes) == [
        ("Anne Purba", "Anne", "Vice President Corporate Secretary KAI Commuter", "KAI Commuter", 2, 1, 19)]
    assert ANNE[2][1:19] == "Kami siap melayani"


@pytest.mark.parametrize(("words", "references", "text", "cut"), [
    (["Commuter", "Anne", "Purba"], {"Anne"}, ANNE[0], 1),
    (["Pemilu", "Abhan"], {"Abhan"}, "Ketua Bawaslu mengawasi Pemilu di daerah.", 1),
    # not cut: the lead words never stand alone (a foreign name called by its surname) …
    (["Antony", "Blinken"], {"Blinken"}, "Menteri Luar Negeri AS Antony Blinken tiba.", 0),
    # … a given name or an initial (Balinese names are called by their last word) …
    (["I", "Gusti", "Ngurah", "Sedana"], {"Sedana"}, "Pura I Gusti di Bali.", 0),
    # … or a word the article itself uses for a person
    (["Airin", "Rachmi", "Diany"], {"Airin", "Rachmi"}, "Airin hadir.", 0),
    (["Anne", "Purba"], set(), ANNE[0], 0),
])
def test_referred_cut(words: list[str], references: set[str], text: str, cut: int) -> None:
    assert referred_cut(words, frozenset(references), text) == cut


def test_a_foreign_name_called_by_its_surname_keeps_its_given_name() -> None:
    paragraphs = ["Menteri Luar Negeri AS Antony Blinken tiba di Jakarta, Selasa.",
                  "“Kami mendukung Indonesia,” kata Blinken."]
    entities = [person("Antony Blinken", paragraphs), only_in(person("Blinken", paragraphs), 1)]
    assert located(extract_quotes(paragraphs, entities)) == [
        ("Antony Blinken", "Blinken", "Menteri Luar Negeri AS", None, 1, 1, 25)]


def test_a_given_name_the_article_uses_alone_is_part_of_the_name_not_of_the_role() -> None:
    # NER tagged 'Kia Beda' only; the article later says 'Vinsen' alone
    paragraphs = ["Direktur Yayasan Pijar Timur Indonesia Vinsen Kia Beda mengatakan, krisis air bersih "
                  "berdampak pada sanitasi.", "“Warga harus membeli air,” kata Vinsen."]
    entities = [person("Kia Beda", paragraphs), only_in(person("Vinsen", paragraphs), 1)]
    role, affiliation = "Direktur Yayasan Pijar Timur Indonesia", "Yayasan Pijar Timur Indonesia"
    assert located(extract_quotes(paragraphs, entities)) == [
        ("Vinsen Kia Beda", "Vinsen Kia Beda", role, affiliation, 0, 67, 108),
        ("Vinsen Kia Beda", "Vinsen", role, affiliation, 1, 1, 24),
    ]
    assert paragraphs[0][67:108] == "krisis air bersih berdampak pada sanitasi"


def test_a_given_name_after_an_organisation_stays_with_the_name_without_entities() -> None:
    # no NER: at most two name words after an organisation, plus the given names before them
    paragraphs = ["Direktur RSUD Blambangan Sri Indah Lestari mengungkapkan, ada 612 tenaga kesehatan yang terdaftar."]
    assert located(extract_quotes(paragraphs)) == [
        ("Sri Indah Lestari", "Sri Indah Lestari", "Direktur RSUD Blambangan", "RSUD Blambangan", 0, 58, 97)]
    assert paragraphs[0][58:97] == "ada 612 tenaga kesehatan yang terdaftar"


@pytest.mark.parametrize(("sentence", "name", "role"), [
    # an office word ending a clause is its object, not an apposition of the name after it
    ("Ini karena kurangnya pemahaman petugas, Nurhadi menambahkan.", "Nurhadi", None),
    # an office with an organisation after a comma is one, whatever comes before it
    ("Acara itu dihadiri pakar epidemiologi Universitas Indonesia, Pandu Riono.", "Pandu Riono",
     "pakar epidemiologi Universitas Indonesia"),
    ("Sebelumnya, aksi protes petugas Dinas Pemadam Kebakaran Kota Depok, Sandi Butar Butar, viral.",
     "Sandi Butar Butar", "petugas Dinas Pemadam Kebakaran Kota Depok"),
])
def test_role_from_the_comma_segment_before_a_name(sentence: str, name: str, role: str | None) -> None:
    k = sentence.index(name)
    assert mention_role(sentence, k, k + len(name), quote_lexicon()) == role


def test_ungkapnya_goes_to_the_speaker_of_the_passage_not_the_president_talked_about() -> None:
    paragraphs = ["Kepala Dinas Kesehatan Jawa Barat Nina Susana mengatakan, vaksinasi berjalan lancar.",
                  "Vaksinasi di Bandung itu juga ditinjau Presiden Joko Widodo pekan lalu.",
                  "“Stok vaksin cukup sampai akhir bulan,” ungkapnya."]
    role, affiliation = "Kepala Dinas Kesehatan Jawa Barat", "Dinas Kesehatan Jawa Barat"
    quotes = extract_quotes(paragraphs, [person("Nina Susana", paragraphs), person("Joko Widodo", paragraphs)])
    assert located(quotes) == [
        ("Nina Susana", "Nina Susana", role, affiliation, 0, 58, 83),
        ("Nina Susana", "ungkapnya", role, affiliation, 2, 1, 37),
    ]
    assert [q.cue for q in quotes] == ["mengatakan", "ungkapnya"]
    assert paragraphs[2][1:37] == "Stok vaksin cukup sampai akhir bulan"


def test_menurut_dia_menurut_data_and_a_promo_line_with_their_spans() -> None:
    paragraphs = ["Sekretaris Jenderal Partai Gerindra Ahmad Muzani hadir bersama Prabowo Subianto.",
                  "Menurut dia, Prabowo tidak akan mundur dari pencalonan.",
                  "Menurut data dari Kementerian Kesehatan, kasus baru turun 20 persen.",
                  "“Detik Pagi, Jangan Tidur Lagi!”"]
    entities = [person("Ahmad Muzani", paragraphs),
                person("Prabowo Subianto", paragraphs, ["Prabowo Subianto", "Prabowo"]),
                person("Kementerian Kesehatan", paragraphs, label="ORG")]
    # one statement: Muzani's; 'data' is no speaker and the promo line no statement
    assert located(extract_quotes(paragraphs, entities)) == [
        ("Ahmad Muzani", "dia", "Sekretaris Jenderal Partai Gerindra", "Partai Gerindra", 1, 13, 54)]
    assert paragraphs[1][13:54] == "Prabowo tidak akan mundur dari pencalonan"


def test_tuturnya_goes_to_an_office_holder_the_tagger_missed_who_opens_the_sentence() -> None:
    # no entity for 'Vicky Lumentut': the sentence that opens with his office and name still
    # introduces the speaker of the passage
    paragraphs = ["Aturan ini berlaku pula pada Jumat (1/1/2021).",
                  "Wali Kota Manado Vicky Lumentut meminta masyarakat berdiam diri di rumah pada malam Tahun Baru.",
                  "“Dengan berdiam di rumah, kita bisa mengendalikan penularan,” tuturnya.",
                  "Kepala Bidang Kedokteran dan Kesehatan Polda Sulut hadir di sana."]
    assert located(extract_quotes(paragraphs)) == [
        ("Vicky Lumentut", "tuturnya", "Wali Kota Manado", None, 2, 1, 59)]
    assert paragraphs[2][1:59] == "Dengan berdiam di rumah, kita bisa mengendalikan penularan"


def test_the_agent_of_a_passive_speech_verb_is_the_next_speaker() -> None:
    paragraphs = ["Wali Kota Tangerang Selatan Airin Rachmi Diany mengatakan, kesadaran warga baru 76 persen.",
                  "Hal serupa juga diungkapkan Bupati Tangerang Ahmed Zaki Iskandar.",
                  "Menurut dia, warga masih enggan memakai masker."]
    entities = [person("Airin Rachmi Diany", paragraphs), person("Ahmed Zaki Iskandar", paragraphs)]
    assert located(extract_quotes(paragraphs, entities)) == [
        ("Airin Rachmi Diany", "Airin Rachmi Diany", "Wali Kota Tangerang Selatan", None, 0, 59, 89),
        ("Ahmed Zaki Iskandar", "dia", "Bupati Tangerang", None, 2, 13, 46),
    ]
    assert (paragraphs[0][59:89], paragraphs[2][13:46]) == (
        "kesadaran warga baru 76 persen", "warga masih enggan memakai masker")


def test_an_office_held_for_another_person_is_the_speakers_and_names_no_organisation() -> None:
    paragraphs = ["Nurdin Abdullah ditahan KPK sejak Sabtu.",
                  "Veronica Moniaga, juru bicara Nurdin Abdullah, mengatakan, keluarga akan kooperatif.",
                  "Menurut kuasa hukum Joko Tjandra, Anita Kolopaking, kliennya sudah nyaman di Malaysia.",
                  "Menurut Kepala Dinas Kesehatan Budi Santoso, Ani, dan Citra sudah sembuh."]
    entities = [person(n, paragraphs) for n in
                ("Nurdin Abdullah", "Veronica Moniaga", "Joko Tjandra", "Anita Kolopaking", "Budi Santoso")]
    assert located(extract_quotes(paragraphs, entities)) == [
        ("Veronica Moniaga", "Veronica Moniaga", "juru bicara Nurdin Abdullah", None, 1, 59, 83),
        ("Anita Kolopaking", "Anita Kolopaking", "kuasa hukum Joko Tjandra", None, 2, 52, 85),
        # a list after the office is no speaker's name: the office's own holder speaks
        ("Budi Santoso", "Budi Santoso", "Kepala Dinas Kesehatan", "Dinas Kesehatan", 3, 45, 72),
    ]
    assert [paragraphs[p][s:e] for p, s, e in ((1, 59, 83), (2, 52, 85), (3, 45, 72))] == [
        "keluarga akan kooperatif", "kliennya sudah nyaman di Malaysia", "Ani, dan Citra sudah sembuh"]


@pytest.mark.parametrize(("role", "affiliation"), [
    ("kuasa hukum Joko Tjandra", None),  # held for a person (data: person_office)
    ("juru bicara Nurdin Abdullah", None),
    ("Juru Bicara Satgas Covid-19", "Satgas Covid-19"),
    ("juru bicara Kementerian Kesehatan", "Kementerian Kesehatan"),
])
def test_affiliation_of_an_office_held_for_a_person(role: str, affiliation: str | None) -> None:
    assert split_affiliation(role) == affiliation
