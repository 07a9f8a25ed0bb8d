"""Quotes: direct and indirect, speakers, roles, cues, carry-over attribution, offsets."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import load_eval, seed_path, shared_or_fail
from warta.enrich.quotes import extract_quotes
from warta.model import Entity, Mention, Quote


def summary(quotes: list[Quote]) -> list[tuple[str, str, str | None, str | None, str | None, str | None]]:
    return [(q.kind, q.text, q.speaker, q.speaker_mention, q.role, q.cue) for q in quotes]


def test_direct_with_role_and_carry_over() -> None:
    paragraphs = [
        "“Kami menolak usulan itu. Jalan tol harus selesai tahun ini,” kata juru bicara "
        "Kementerian PUPR Endra Atmawidjaja.",
        "“Semua kontraktor sudah kami panggil,” tuturnya.",
    ]
    quotes = extract_quotes(paragraphs)
    assert summary(quotes) == [
        ("direct", "Kami menolak usulan itu. Jalan tol harus selesai tahun ini", "Endra Atmawidjaja",
         "Endra Atmawidjaja", "juru bicara Kementerian PUPR", "kata"),
        ("direct", "Semua kontraktor sudah kami panggil", "Endra Atmawidjaja", "tuturnya",
         "juru bicara Kementerian PUPR", "tuturnya"),
    ]
    first = quotes[0]
    assert (first.paragraph, first.start, first.end, first.end_paragraph) == (0, 1, 59, None)
    assert paragraphs[0][first.start : first.end] == first.text


def test_straight_quotes_and_kompas_style_marks() -> None:
    quotes = extract_quotes([
        '"Harga beras sudah turun," ujar Sutarmi, pedagang di Pasar Baru.',
        "”Stok kami cukup sampai Lebaran,” kata Sutarmi.",
    ])
    assert summary(quotes) == [
        # the whole apposition of the first mention is the role (issue 11)
        ("direct", "Harga beras sudah turun", "Sutarmi", "Sutarmi", "pedagang di Pasar Baru", "ujar"),
        ("direct", "Stok kami cukup sampai Lebaran", "Sutarmi", "Sutarmi", "pedagang di Pasar Baru", "kata"),
    ]


def test_quote_across_paragraphs() -> None:
    paragraphs = [
        "Bupati Klaten Sri Mulyani mengatakan, “Banjir sudah surut di tiga kecamatan.",
        "“Warga mulai kembali ke rumah masing-masing,” ujarnya.",
    ]
    quotes = extract_quotes(paragraphs)
    assert len(quotes) == 1
    q = quotes[0]
    assert q.text == "Banjir sudah surut di tiga kecamatan.\n\nWarga mulai kembali ke rumah masing-masing"
    assert (q.paragraph, q.start, q.end_paragraph, q.end) == (0, 39, 1, 43)
    assert (q.speaker, q.role, q.cue) == ("Sri Mulyani", "Bupati Klaten", "mengatakan")


def test_subject_before_quote_and_menurut() -> None:
    quotes = extract_quotes([
        "Menurut Ketua KPK Firli Bahuri, penyidikan kasus itu segera rampung.",
        "Firli menegaskan: “Tidak ada yang kebal hukum.”",
    ])
    assert summary(quotes) == [
        ("indirect", "penyidikan kasus itu segera rampung", "Firli Bahuri", "Firli Bahuri", "Ketua KPK", "menurut"),
        ("direct", "Tidak ada yang kebal hukum.", "Firli Bahuri", "Firli", "Ketua KPK", "menegaskan"),
    ]


def test_indirect_forms() -> None:
    quotes = extract_quotes([
        "Kepala BMKG Dwikorita Karnawati mengatakan bahwa hujan lebat turun hingga pekan depan.",
        "Ia menambahkan, warga di lereng bukit perlu waspada longsor.",
        "Pasokan listrik akan pulih malam ini, kata Darmawan.",
        "Perbaikan gardu sudah dimulai sejak pagi, ujarnya.",
    ])
    assert summary(quotes) == [
        ("indirect", "hujan lebat turun hingga pekan depan", "Dwikorita Karnawati", "Dwikorita Karnawati",
         "Kepala BMKG", "mengatakan"),
        ("indirect", "warga di lereng bukit perlu waspada longsor", "Dwikorita Karnawati", "Ia",
         "Kepala BMKG", "menambahkan"),
        ("indirect", "Pasokan listrik akan pulih malam ini", "Darmawan", "Darmawan", None, "kata"),
        ("indirect", "Perbaikan gardu sudah dimulai sejak pagi", "Darmawan", "ujarnya", None, "ujarnya"),
    ]


def test_subject_with_relative_clause_and_lead_adverbial() -> None:
    quotes = extract_quotes([
        "Pada Kamis, Rumania, yang menampung ribuan tentara, mengatakan bahwa mereka siap menerima tambahan pasukan.",
    ])
    assert summary(quotes) == [
        ("indirect", "mereka siap menerima tambahan pasukan", "Rumania", "Rumania", None, "mengatakan"),
    ]


def test_not_quotes() -> None:
    assert extract_quotes([
        "Film “Habibie dan Ainun” tayang lagi.",
        "Istilah \"new normal\" kini populer.",
        "NATO menolak untuk mengakui Ukraina sebagai anggota.",
        "Proposal yang dikatakannya bertentangan dengan prinsip itu ditolak.",
    ]) == []


def test_unclosed_quote_is_cut_back_to_its_paragraph() -> None:
    paragraphs = ["“Kami akan terus berjuang sampai akhir,” kata Rudi.", "“Ini belum selesai."]
    paragraphs += [f"Paragraf biasa nomor {k}." for k in range(8)]
    quotes = extract_quotes(paragraphs)
    assert [(q.text, q.paragraph, q.end_paragraph, q.speaker) for q in quotes] == [
        ("Kami akan terus berjuang sampai akhir", 0, None, "Rudi"),
        ("Ini belum selesai.", 1, None, "Rudi"),
    ]


def test_entities_name_the_speaker() -> None:
    paragraphs = [
        "Ketua Komnas HAM Maluku Benediktus Sarkol menemui warga.",
        "“Kasus ini harus diusut tuntas,” kata Benediktus.",
    ]
    person = Entity(
        name="Benediktus Sarkol",
        label="PER",
        mentions=[Mention("Benediktus Sarkol", 0, 24, 41), Mention("Benediktus", 1, 37, 47)],
    )
    quotes = extract_quotes(paragraphs, [person])
    assert summary(quotes) == [
        # the role comes from the first mention, in a sentence that quotes nobody
        ("direct", "Kasus ini harus diusut tuntas", "Benediktus Sarkol", "Benediktus", "Ketua Komnas HAM Maluku",
         "kata"),
    ]


def test_title_only_speaker_resolves_to_the_titled_person() -> None:
    paragraphs = [
        "Presiden Joko Widodo meninjau bendungan di Bogor.",
        "“Bendungan ini harus selesai tahun depan,” kata Presiden.",
    ]
    person = Entity(name="Joko Widodo", label="PER", mentions=[Mention("Joko Widodo", 0, 9, 20)])
    quotes = extract_quotes(paragraphs, [person])
    assert [(q.speaker, q.speaker_mention) for q in quotes] == [("Joko Widodo", "Presiden")]


def test_seed_quotes() -> None:
    from warta.enrich import enrich
    from warta.parse import parse

    article = enrich(parse(Path(seed_path())))
    direct = [q for q in article.quotes if q.kind == "direct"]
    assert [(q.speaker, q.role, q.cue, q.speaker_mention, q.paragraph) for q in direct] == [
        ("Oana Lungescu", "juru bicara NATO", "kata", "Oana Lungescu", 1),
        ("Oana Lungescu", "juru bicara NATO", "tuturnya", "tuturnya", 2),
    ]
    assert direct[0].text.startswith("NATO tidak akan melepaskan")
    assert direct[1].text.endswith("memperkuat bagian timur Aliansi kami")
    indirect = [(q.speaker, q.speaker_mention, q.cue, q.paragraph) for q in article.quotes if q.kind == "indirect"]
    # A place speaking is not a nickname to expand ('Baik Rumania' opens a later sentence).
    assert indirect == [("Rumania", "Rumania", "mengatakan", 8)]


# Measured by evals/eval_quotes.py (issue 11, second pass): F1 0.903, speaker accuracy 0.922
# (0.910 comparing the canonical name only). Speakers depend on the NER model, so their floors
# keep ~2 points slack. Sixth pass: F1 0.912 (recall 0.998; quotation marks paired better).
F1_FLOOR = 0.90
SPEAKER_FLOOR = 0.90
SPEAKER_CANONICAL_FLOOR = 0.89
# issue 11: role accuracy measured 0.873 (third pass), 0.893 (fourth pass; the role counts only
# for the right speaker, so it moves with the NER like the speaker does), 0.897 (fifth pass:
# '-nya' cues carry over to the passage's speaker)
ROLE_FLOOR = 0.88
# issue 11, warta's reported-speech gold (evals/reported_speech_gold.tsv): recall 0.87, speaker 0.96
# issue 11 (h11q9): in the corpus's own scope (quotes whose speaker_kind is public) F1 0.965,
# speaker 0.947, role 0.924 on dev-40 (0.963 on half 1, where the rules were chosen)
SCOPED_F1_FLOOR = 0.95
SCOPED_ROLE_FLOOR = 0.90
REPORTED_RECALL_FLOOR = 0.84
REPORTED_SPEAKER_FLOOR = 0.92


def _eval_module() -> ModuleType:
    return load_eval("eval_quotes")


@pytest.mark.shared
def test_pfsa_dev40_floor() -> None:
    shared_or_fail("data", "quotes", "pfsa-id", "dev-40.txt")
    result = _eval_module().evaluate(None, "direct")
    assert result["gold_statements"] == 1653
    assert result["f1"] >= F1_FLOOR
    assert result["speaker_accuracy"] >= SPEAKER_FLOOR
    assert result["speaker_accuracy_canonical_only"] >= SPEAKER_CANONICAL_FLOOR
    # 1,533 before the sixth pass: quotes found whole since (longer than MAX_SPAN sentences,
    # a nested term, a stray closing mark) are matched now, and these carry roles
    assert result["with_gold_role"] == 1547
    assert result["role_accuracy"] >= ROLE_FLOOR
    scoped = result["public_figure_scope"]
    # the same gold in both scopes; the scope only leaves predictions out
    assert (scoped["gold_statements"], scoped["predicted"] < result["predicted"]) == (1653, True)
    assert scoped["f1"] >= SCOPED_F1_FLOOR
    assert scoped["speaker_accuracy"] >= SPEAKER_FLOOR
    assert scoped["role_accuracy"] >= SCOPED_ROLE_FLOOR
    assert sum(result["gold_statements_matched_by_speaker_kind"].values()) == result["matched"]


@pytest.mark.shared
def test_pfsa_dev40_halves_are_fixed() -> None:
    # the fourth pass looked at the errors of half 'a' only (eval_quotes.article_half)
    shared_or_fail("data", "quotes", "pfsa-id", "dev-40.txt")
    module = _eval_module()
    articles = module.split_articles(module.read_sentences(module.shared_path(*module.CORPUS_DIR, "dev-40.txt")))
    halves = [module.article_half(a) for a in articles]
    assert (halves.count("a"), halves.count("b")) == (193, 215)


@pytest.mark.shared
def test_reported_speech_floor() -> None:
    shared_or_fail("data", "news", "liputan6-kompas-detik-399", "media_news.csv")
    result = _eval_module().evaluate_reported()
    assert [result[split]["gold"] for split in ("tune", "test", "all")] == [26, 37, 63]
    assert result["all"]["recall"] >= REPORTED_RECALL_FLOOR
    assert result["all"]["speaker_accuracy"] >= REPORTED_SPEAKER_FLOOR
    # every statement is scored whatever its speaker kind; the kinds only label the found ones
    assert sum(result["all"]["found_by_speaker_kind"].values()) == round(result["all"]["recall"] * 63)


def test_enrich_fills_only_the_four_fields() -> None:
    from warta.enrich import enrich
    from warta.model import Article

    article = Article(title="Judul", paragraphs=[], url="https://contoh.id/a", outlet="contoh")
    enriched = enrich(article)
    assert enriched is not article
    assert enriched.to_dict() == article.to_dict()
    assert (enriched.entities, enriched.quotes, enriched.amounts, enriched.dates) == ([], [], [], [])


def test_enrich_without_published_time() -> None:
    from warta.enrich import enrich
    from warta.model import Article

    enriched = enrich(Article(paragraphs=["“Kami siap membantu warga,” kata Sutarmi pada Jumat."]))
    assert [(q.speaker, q.cue) for q in enriched.quotes] == [("Sutarmi", "kata")]
    assert [(d.text, d.value) for d in enriched.dates] == [("Jumat", None)]


def test_subject_segments_dates_and_appositions() -> None:
    quotes = extract_quotes([
        "Kepala Bidang Humas Polda Contoh Budi Hartono, Selasa (22/5/2018), menyatakan bahwa jalur mudik sudah siap dilalui.",
        "“Stok pangan kami aman,” ujar Sutrisno, ditemui di gudang.",
        "“Program ini berjalan baik,” kata Aziz Yanuar, anggota tim kuasa hukum.",
        "Pihaknya menyatakan, pengiriman beras akan ditambah pekan depan.",
    ])
    assert summary(quotes) == [
        ("indirect", "jalur mudik sudah siap dilalui", "Budi Hartono", "Budi Hartono",
         "Kepala Bidang Humas Polda Contoh", "menyatakan"),
        ("direct", "Stok pangan kami aman", "Sutrisno", "Sutrisno", None, "ujar"),
        ("direct", "Program ini berjalan baik", "Aziz Yanuar", "Aziz Yanuar", "anggota tim kuasa hukum", "kata"),
        ("indirect", "pengiriman beras akan ditambah pekan depan", "Aziz Yanuar", "Pihaknya",
         "anggota tim kuasa hukum", "menyatakan"),
    ]


def test_tagged_name_running_into_a_title_is_cut() -> None:
    paragraphs = ["“Bantuan sudah kami salurkan,” ujar Bambang Sutejo Ketua Baznas Contoh."]
    person = Entity(
        name="Bambang Sutejo Ketua Baznas Contoh",
        label="PER",
        mentions=[Mention("Bambang Sutejo Ketua Baznas Contoh", 0, 36, 70)],
    )
    quotes = extract_quotes(paragraphs, [person])
    assert summary(quotes) == [
        ("direct", "Bantuan sudah kami salurkan", "Bambang Sutejo", "Bambang Sutejo", "Ketua Baznas Contoh", "ujar"),
    ]


def test_nickname_joins_the_full_name_written_earlier() -> None:
    quotes = extract_quotes([
        "Wali Kota Surabaya Tri Rismaharini meninjau pasar pagi ini.",
        "“Semua pedagang wajib memakai masker,” kata Risma.",
    ])
    assert [(q.speaker, q.speaker_mention, q.cue) for q in quotes] == [("Tri Rismaharini", "Risma", "kata")]


def test_eval_rebuild_rejoins_hyphenated_words_and_roles_compare_across_hyphens() -> None:
    # PFSA-ID splits 'Co-Founder' and 'Covid-19' into three tokens; the articles wrote them joined
    module = _eval_module()
    sentence = [("Co", "B-ROLE"), ("-", "I-ROLE"), ("Founder", "L-ROLE"), ("Haveltea", "U-AFFILIATION"),
                ("Ifana", "B-PERSON"), ("Azizah", "L-PERSON"), ("menyebut", "U-CUE"), ("Covid", "O"), ("-", "O"),
                ("19", "O"), ("mereda", "O"), (".", "O")]
    gold = module.build([sentence])
    assert gold.paragraphs == ["Co-Founder Haveltea Ifana Azizah menyebut Covid-19 mereda."]
    assert [gold.paragraphs[0][s:e] for s, e in gold.char[:4]] == ["Co", "-", "Founder", "Haveltea"]
    (name, office), = module.gold_roles(gold)
    assert (name, office.role, office.full, office.affiliation) == (
        "Ifana Azizah", ["co", "founder"], ["co", "founder", "haveltea"], ["haveltea"])
    assert module.role_matches("Co-Founder Haveltea", office)
    assert not module.role_matches("Founder", office)


def test_a_cue_followed_by_only_a_no_break_space_gives_no_speaker() -> None:
    # a scraper left `Menurut` + U+00A0 + a comma: the speaker phrase is white space only
    assert extract_quotes(["Menurut\xa0,sekaligus spesialis dokter tidur Ajay Sampat, M.D."]) == []
