"""The CRF named-entity tagger: features, spans, scorer, rules and quality floors."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import shared_or_fail
from warta.enrich.ner import (
    LABELS,
    MODEL_PATH,
    NerTagger,
    apply_rules,
    bio_spans,
    load_tagger,
    read_conll_tokens,
    score,
    tag_conll,
)
from warta.enrich.ner_features import (
    FeatureExtractor,
    Gazetteer,
    load_gazetteer,
    load_word_classes,
    word_shape,
)
from warta.enrich.ner_train import (
    corpus_split,
    map_labels,
    news_statistics,
    read_conll,
    recase,
    write_word_classes,
)
from warta.errors import DataMissing, DocumentError, UsageError

# Entity-level F1 floors of the SHIPPED model (rules on) on splits it was not trained on.
# Measured (evals/eval_ner.py "shipped", with the news word clusters): 74.03 and 77.63;
# floors sit 1.5-1.6 points below.
FLOORS = {"nergrit-test": 72.5, "nerugm-test.01": 76.0}


def test_word_shape() -> None:
    assert word_shape("NATO-2") == "XXXX-0"
    assert word_shape("Jum'at") == "Xxx'xx"
    assert word_shape("") == ""


def test_bio_spans_follow_seqeval_rules() -> None:
    tags = ["B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-ORG", "B-ORG", "I-PER"]
    assert bio_spans(tags) == [(0, 2, "PER"), (3, 5, "LOC"), (5, 6, "ORG"), (6, 7, "ORG"),
                               (7, 8, "PER")]
    assert bio_spans([]) == []
    assert bio_spans(["O", "O"]) == []


def test_score_exact_span_and_type() -> None:
    gold = [["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG", "O"]]
    pred = [["B-PER", "O", "O", "B-LOC"], ["B-LOC", "O"]]
    result = score(gold, pred)
    assert (result["precision"], result["recall"], result["f1"]) == (33.33, 33.33, 33.33)
    assert result["labels"]["LOC"] == {"precision": 50.0, "recall": 100.0, "f1": 66.67,
                                       "support": 1}
    assert result["labels"]["PER"]["f1"] == 0.0
    assert score([], [])["f1"] == 0.0


def test_score_needs_equal_lengths() -> None:
    with pytest.raises(ValueError):
        score([["O"]], [])


def test_map_labels() -> None:
    mapping = {"PPL": "PER", "PLC": "LOC"}
    assert map_labels(["B-PPL", "I-PPL", "O", "B-FNB", "B-PLC"], mapping) == [
        "B-PER", "I-PER", "O", "O", "B-LOC",
    ]


def test_read_conll(tmp_path: Path) -> None:
    path = tmp_path / "mini.txt"
    path.write_text("Budi\tB-PERSON\npergi\tO\n\n\nke\tO\nMedan\tB-PLACE\n", encoding="utf-8")
    assert read_conll(path) == [(["Budi", "pergi"], ["B-PERSON", "O"]),
                                (["ke", "Medan"], ["O", "B-PLACE"])]


def test_read_conll_reports_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text("Budi\tB-PERSON\npergi\n", encoding="utf-8")
    with pytest.raises(DocumentError, match=r"bad.txt:2: expected 'token<TAB>tag'"):
        read_conll(path)


def test_news_statistics_counts_casing_away_from_sentence_starts(tmp_path: Path) -> None:
    texts = [
        "Warga Bogor menanam padi. Padi di Bogor subur, kata warga Bogor.",
        "Petani bogor bertemu KPK dan KPK menolak. Kami makan padi.",
    ]
    table, classes = news_statistics(texts, min_count=2)
    assert table == {"bogor": "Bogor", "kpk": "KPK"}
    # "warga": once mid-sentence; "|LPO": after a place cue, by a person cue, after an org cue
    assert classes == {"bogor": "t2|200", "padi": "t0", "kpk": "u|000"}
    path = tmp_path / "wc.tsv.gz"
    write_word_classes(classes, path)
    assert load_word_classes(path) == classes


def test_recase_restores_forms_and_capitalises_first_word() -> None:
    sents = [(["warga", "bogor", "bertemu", "kpk"], ["O", "B-LOC", "O", "B-ORG"])]
    assert recase(sents, {"bogor": "Bogor", "kpk": "KPK"}) == [
        (["Warga", "Bogor", "bertemu", "KPK"], ["O", "B-LOC", "O", "B-ORG"])
    ]


def test_recase_tokens_from_word_classes() -> None:
    from warta.enrich.ner_features import recase_tokens

    classes = {"nato": "u|000", "jakarta": "t3|300", "bogor": "t2", "padi": "t0", "maka": "t1"}
    assert recase_tokens(["nato", "jakarta", "bogor", "padi", "maka", "budi"], classes) == [
        "NATO", "Jakarta", "Bogor", "padi", "maka", "budi"]


def test_lowercase_copies_are_recased_like_tagging_input() -> None:
    from warta.enrich.ner_train import lowercase_copies

    sents = [(["Maudy", "Koesnaedi", "ke", "Jakarta", "bersama", "NATO"],
              ["B-PER", "I-PER", "O", "B-LOC", "O", "B-ORG"])]
    classes = {"jakarta": "t3|300", "nato": "u|000", "ke": "t0"}
    # names the word classes do not know stay lower-case: the model learns them from context
    assert lowercase_copies(sents, classes) == [
        (["maudy", "koesnaedi", "ke", "Jakarta", "bersama", "NATO"], sents[0][1])]


def test_normalise_spans_cuts_at_commas_and_brackets() -> None:
    from warta.enrich.ner_train import SPAN_CUTS, normalise_spans

    toks = ["di", "Kompleks", "Parlemen", ",", "Senayan", ",", "Jakarta", ",", "Partai",
            "Persatuan", "(", "PP", ")", ","]
    tags = ["O", "B-LOC", "I-LOC", "I-LOC", "I-LOC", "I-LOC", "I-LOC", "O",
            "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "O"]
    assert normalise_spans([(toks, tags)], SPAN_CUTS["nerugm"]) == [(toks, [
        "O", "B-LOC", "I-LOC", "O", "B-LOC", "O", "B-LOC", "O",
        "B-ORG", "I-ORG", "O", "B-ORG", "O", "O"])]
    # spans without a cut token, and O tags, are left as they are
    plain = (["Partai", "Golkar", ","], ["B-ORG", "I-ORG", "O"])
    assert normalise_spans([plain], SPAN_CUTS["nerugm"]) == [plain]


def test_fill_consistent_follows_the_corpus_majority() -> None:
    from warta.enrich.ner_train import fill_consistent

    sby = [(["SBY", "berkata", "."], ["B-PER", "O", "O"])] * 3
    left = (["Kata", "SBY", "kepada", "Golkar", "."], ["O", "O", "O", "O", "O"])
    golkar = [(["Golkar", "menang"], ["O", "O"])] * 3 + [(["Golkar", "!"], ["B-ORG", "O"])]
    out = fill_consistent(sby + [left] + golkar)
    # SBY: PER 3 times of 4 → filled; Golkar: ORG once of 5 → left O
    assert out[3] == (left[0], ["O", "B-PER", "O", "O", "O"])
    assert out[:3] == sby and out[4:] == golkar
    # a lower-case word is never filled, nor a name seen tagged fewer than 3 times
    rare = [(["ia"], ["B-PER"])] * 3 + [(["ia"], ["O"]), (["Budi"], ["B-PER"]), (["Budi"], ["O"])]
    assert fill_consistent(rare) == rare


def test_harmonise_to_warta_span_convention() -> None:
    from warta.enrich.ner_train import harmonise

    toks = ["Pak", "Joko", "Widodo", "ke", "Kota", "Bandung", "dan", "kota", "Bogor", "."]
    tags = ["B-PER", "I-PER", "I-PER", "O", "O", "B-LOC", "O", "O", "B-LOC", "O"]
    # the rank leaves the person's span; a capitalised place head joins the place, a
    # lower-case one (``kota Bogor``: the noun) does not
    assert harmonise([(toks, tags)]) == [(toks, [
        "O", "B-PER", "I-PER", "O", "B-LOC", "I-LOC", "O", "O", "B-LOC", "O"])]
    # a role with a title part, then the name; a span of titles alone becomes O
    role = (["Presiden", "RI", "Jokowi", "dan", "Presiden"], ["B-PER", "I-PER", "I-PER", "O",
                                                              "B-PER"])
    assert harmonise([role]) == [(role[0], ["O", "O", "B-PER", "O", "O"])]
    # each convention can be switched off; ORG and LOC spans keep their words
    assert harmonise([(toks, tags)], titles=False, places=False) == [(toks, tags)]
    org = (["Partai", "Golkar", "di", "Jakarta"], ["B-ORG", "I-ORG", "O", "B-LOC"])
    assert harmonise([org]) == [org]
    # a sentence leaving a known organisation O is dropped only when asked
    kpk = (["KPK", "memeriksa", "Budi"], ["O", "O", "B-PER"])
    assert harmonise([kpk, org]) == [kpk, org]
    assert harmonise([kpk, org], org_conflicts=True) == [org]


def test_cut_org_conflicts_keeps_the_pieces_around_an_untagged_organisation() -> None:
    from warta.enrich.ner_train import cut_org_conflicts

    toks = ["Penyidik", "KPK", "memeriksa", "Budi", "Santoso", "di", "Jakarta", "."]
    tags = ["O", "O", "O", "B-PER", "I-PER", "O", "B-LOC", "O"]
    # the piece before KPK is too short to keep, the one after keeps its person and place
    assert cut_org_conflicts([(toks, tags)]) == [(toks[2:], tags[2:])]
    # tagged as an organisation, or no known organisation: the sentence stays whole
    tagged = (toks, ["O", "B-ORG", *tags[2:]])
    plain = (["Budi", "ke", "Jakarta"], ["B-PER", "O", "B-LOC"])
    assert cut_org_conflicts([tagged, plain]) == [tagged, plain]
    # a piece opening inside a span opens it (I- → B-); acronyms match case-sensitively
    odd = (["KPK", "Budi", "Santoso", "pergi", "kpk"], ["O", "I-PER", "I-PER", "O", "O"])
    assert cut_org_conflicts([odd]) == [(odd[0][1:], ["B-PER", "I-PER", "O", "O"])]


def test_unknown_corpus_or_split_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown NER corpus 'conll'; known: nergrit, nerp, nerugm"):
        corpus_split("conll", "train")
    with pytest.raises(UsageError, match="corpus 'nergrit' has no split 'dev'"):
        corpus_split("nergrit", "dev")


def test_gazetteer_longest_match_and_case_sensitive_acronyms() -> None:
    gaz = Gazetteer()
    gaz.add("Jawa", "LOC")
    gaz.add("Jawa Tengah", "LOC")
    gaz.add("PAN", "ORG")
    feats = gaz.match(["di", "Jawa", "Tengah", "dan", "PAN", "pan"])
    assert feats == [[], ["gz:LOC:B"], ["gz:LOC:I"], [], ["gz:ORG:B"], []]


def test_packaged_gazetteer_has_cldr_and_compiled_names() -> None:
    gaz = load_gazetteer()
    assert "CTRY" in gaz.entries[("prancis",)]
    assert "LOC" in gaz.entries[("jawa", "tengah")]
    assert "ORG" in gaz.acronyms["NATO"]
    assert "CUE" in gaz.entries[("juru", "bicara")]


def test_features_include_context_and_gazetteer() -> None:
    feats = FeatureExtractor(load_gazetteer()).sentence(["Menlu", "Retno", "ke", "Paris"])
    assert len(feats) == 4
    assert "w=retno" in feats[1] and "ss=Xx" in feats[1]
    assert "-1w=menlu" in feats[1] and "+1w=ke" in feats[1] and "+1ss=x" in feats[1]
    assert "-1gz:CUE:B" in feats[1]
    assert "gz:LOC:B" in feats[3] and "EOS" in feats[3] and "BOS" in feats[0]


def test_rules_extend_org_opener_and_tag_known_acronyms() -> None:
    tokens = ["Kementerian", "Luar", "Negeri", "Rusia", "dan", "NATO", "menolak", "Jumat"]
    tags = ["O", "O", "O", "B-LOC", "O", "O", "O", "O"]
    apply_rules(tokens, tags, load_gazetteer())
    assert tags == ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "B-ORG", "O", "O"]


def test_rules_split_role_apposition() -> None:
    gaz = load_gazetteer()
    tokens = ["kata", "juru", "bicara", "NATO", "Oana", "Lungescu", "."]
    tags = ["O", "O", "O", "B-ORG", "I-ORG", "I-ORG", "O"]
    apply_rules(tokens, tags, gaz)
    assert tags == ["O", "O", "O", "B-ORG", "B-PER", "I-PER", "O"]
    tokens = ["Presiden", "Prancis", "Emmanuel", "Macron", "tiba"]
    tags = ["O", "B-LOC", "I-LOC", "I-LOC", "O"]
    apply_rules(tokens, tags, gaz)
    assert tags == ["O", "B-LOC", "B-PER", "I-PER", "O"]
    tokens = ["warga", "Prancis", "Emmanuel", "Macron"]  # no title before: left alone
    tags = ["O", "B-LOC", "I-LOC", "I-LOC"]
    apply_rules(tokens, tags, gaz)
    assert tags == ["O", "B-LOC", "I-LOC", "I-LOC"]


def test_rules_tag_events() -> None:
    tokens = ["Menjelang", "KTT", "G20", "dan", "SEA", "Games", ",", "Pemilu", "berlangsung"]
    tags = ["O", "B-ORG", "I-ORG", "O", "B-LOC", "O", "O", "O", "O"]
    apply_rules(tokens, tags, load_gazetteer())
    assert tags == ["O", "B-EVT", "I-EVT", "O", "B-EVT", "I-EVT", "O", "O", "O"]


def test_rules_leave_people_alone() -> None:
    tokens = ["Partai", "Budi", "Santoso"]
    tags = ["O", "B-PER", "I-PER"]
    apply_rules(tokens, tags, load_gazetteer())
    assert tags == ["O", "B-PER", "I-PER"]


def test_shipped_tagger_tags_a_sentence() -> None:
    tagger = load_tagger()
    assert tagger is load_tagger()
    assert tagger.path == MODEL_PATH
    tokens = ["Presiden", "Joko", "Widodo", "meresmikan", "jalan", "tol", "di", "Surabaya", "."]
    tags = tagger.tag(tokens)
    assert len(tags) == len(tokens)
    assert (1, 3, "PER") in bio_spans(tags)
    assert (7, 8, "LOC") in bio_spans(tags)
    assert {t.split("-", 1)[1] for t in tags if t != "O"} <= set(LABELS)
    assert tagger.tag([]) == []
    assert tagger.tag_sents([tokens, []]) == [tags, []]


def test_tag_conll_reads_first_column(tmp_path: Path) -> None:
    path = tmp_path / "in.conll"
    path.write_text("Presiden\tO\nJoko\tB-PER\nWidodo\n\n\nke\nSurabaya\n", encoding="utf-8")
    assert read_conll_tokens(path) == [["Presiden", "Joko", "Widodo"], ["ke", "Surabaya"]]
    tagged = tag_conll(path)
    assert [[tok for tok, _ in sent] for sent in tagged] == read_conll_tokens(path)
    assert tagged[0][1] == ("Joko", "B-PER")


def test_tag_conll_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match=r"nope.conll: no such CoNLL file"):
        tag_conll(tmp_path / "nope.conll")


def test_lower_case_sentence_is_recased_before_tagging() -> None:
    tagger = load_tagger()
    cased = ["Presiden", "Joko", "Widodo", "berkunjung", "ke", "Surabaya", "."]
    lower = [t.lower() for t in cased]
    assert tagger._recase(lower)[:3] == ["Presiden", "Joko", "Widodo"]
    assert bio_spans(tagger.tag(lower)) == bio_spans(tagger.tag(cased))
    bare = NerTagger(MODEL_PATH, rules=False, recase=False)
    assert bare.tag(lower) == list(bare._tagger.tag(bare._features.sentence(lower)))


def test_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DataMissing, match="NER model .*missing.crfsuite not found"):
        NerTagger(tmp_path / "missing.crfsuite")


def test_shipped_model_is_small() -> None:
    assert MODEL_PATH.stat().st_size <= 30 * 1024 * 1024


def _floor_f1(corpus: str, split: str) -> float:
    from warta.enrich.ner_train import CORPORA

    folder, files = CORPORA[corpus]
    shared_or_fail("data", "ner", *folder.split("/"), files[split])
    sents = corpus_split(corpus, split)
    pred = load_tagger().tag_sents([toks for toks, _ in sents])
    return score([tags for _, tags in sents], pred)["f1"]


@pytest.mark.shared
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_shipped_model_f1_floor(name: str) -> None:
    corpus, split = name.split("-", 1)
    assert _floor_f1(corpus, split) >= FLOORS[name]


def test_viterbi_follows_transitions_and_batches() -> None:
    import numpy as np

    from warta.enrich.ner_decode import viterbi

    transitions = np.array([[0.0, -5.0], [0.0, 2.0]])  # 0 → 1 costly, 1 → 1 rewarded
    first = np.array([[1.0, 0.0], [0.0, 0.5], [0.0, 0.5]])  # greedy: 0, 1, 1
    second = np.array([[0.0, 0.2]])
    assert viterbi([first], transitions) == [[1, 1, 1]]
    assert viterbi([second, np.zeros((0, 2)), first], transitions) == [[1], [], [1, 1, 1]]
    tie = np.zeros((2, 2))  # every path scores 0 but 0 → 1: the first maximum wins
    assert viterbi([tie], np.zeros((2, 2))) == [[0, 0]]


def test_numpy_decoder_gives_crfsuite_tags() -> None:
    bare = NerTagger(MODEL_PATH, rules=False, recase=False)
    assert bare._model.labels == bare._tagger.labels()
    # exact weights from the binary (crfsuite's dump prints six decimals)
    info = bare._tagger.info().state_features[("bias", "O")]
    assert bare._model.weights["bias"][0] == pytest.approx(info, abs=5e-7)
    assert bare._model.weights["bias"][0] != info
    sents = [
        ["Menteri", "Luar", "Negeri", "Retno", "Marsudi", "bertemu", "Sekjen", "PBB", "di",
         "New", "York", ",", "Selasa", "."],
        ["Warga", "Kota", "Bandung", "menolak", "rencana", "PT", "Kereta", "Api", "Indonesia"],
        ["juru", "bicara", "kpk", "ali", "fikri", "mengatakan", "itu", "di", "jakarta"],
        ["Ya", "."],
    ]
    expected = [list(bare._tagger.tag(bare._features.sentence(s))) for s in sents]
    # one sentence, or a batch whose longest sentence is a third of its tokens or more:
    # crfsuite's Viterbi on basis values; a batch of many sentences: numpy's Viterbi
    assert [bare.tag(s) for s in sents] == expected
    assert bare.tag_sents(sents) == expected
    assert bare.tag_sents(sents * 3) == expected * 3


def test_tagger_is_safe_to_share_between_threads() -> None:
    from concurrent.futures import ThreadPoolExecutor

    tagger = NerTagger(MODEL_PATH)  # fresh caches, filled concurrently below
    sents = [["Gubernur", "Jawa", "Barat", "Ridwan", "Kamil", "tiba", "di", "Bandung", "."],
             ["Bank", "Indonesia", "menaikkan", "suku", "bunga", "acuan", "."],
             ["Presiden", "Joko", "Widodo", "meresmikan", "bendungan", "di", "Aceh", "."]] * 20
    expected = NerTagger(MODEL_PATH).tag_sents(sents)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(tagger.tag, sents))  # crfsuite decoding, under its lock
        batches = list(pool.map(tagger.tag_sents, [sents[k : k + 6] for k in range(0, 60, 6)]))
    assert results == expected
    assert [tags for batch in batches for tags in batch] == expected


def test_augment_copies_corpus_private_features() -> None:
    from warta.enrich.ner_train import augment

    feats = [["bias", "w=kpk", "sh=XXX", "gz:ORG:B"], ["bias", "-1w=kpk", "s3=ang"]]
    assert augment(feats, "nerp") == [
        ["bias", "w=kpk", "sh=XXX", "gz:ORG:B", "nerp|bias", "nerp|w=kpk", "nerp|gz:ORG:B"],
        ["bias", "-1w=kpk", "s3=ang", "nerp|bias", "nerp|-1w=kpk"],
    ]


def test_train_model_averaged_perceptron(tmp_path: Path) -> None:
    import pycrfsuite

    from warta.enrich.ner_features import load_clusters

    from warta.enrich.ner_train import train_model

    sents = [(["Menlu", "Retno", "ke", "Paris"], ["O", "B-PER", "O", "B-LOC"])] * 3
    path = train_model(sents, tmp_path / "m.crfsuite", algorithm="ap", max_iterations=3)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    fx = FeatureExtractor(load_gazetteer(), word_classes=load_word_classes(),
                          clusters=load_clusters())
    tagger.set(fx.sentence(sents[0][0]))
    assert tagger.tag() == ["O", "B-PER", "O", "B-LOC"]
    with pytest.raises(UsageError, match="unknown CRF training algorithm 'svm'; known: lbfgs, ap"):
        train_model(sents, tmp_path / "x.crfsuite", algorithm="svm")


def test_train_model_wants_one_domain_per_sentence(tmp_path: Path) -> None:
    from warta.enrich.ner_train import train_model

    with pytest.raises(UsageError, match="1 domains for 2 sentences: give one each"):
        train_model([(["A"], ["O"]), (["B"], ["O"])], tmp_path / "m.crfsuite", domains=["x"])


def test_leave_one_corpus_out_training_sets() -> None:
    from warta.enrich.ner_train import corpus_all, loco_training_data, loco_training_domains

    shared_or_fail("data", "ner", "indolem-nerugm", "folds", "test.05.tsv")
    sizes = {c: len(corpus_all(c)) for c in ("nergrit", "nerp", "nerugm")}
    assert sizes == {"nergrit": 2090, "nerp": 8400, "nerugm": 2343}
    train = loco_training_data("nergrit", {"jakarta": "Jakarta"})
    assert len(train) == 8400 + 2343
    assert loco_training_domains("nergrit")[::4000] == ["nerp", "nerp", "nerp"]
    assert len(loco_training_domains("nerp", include_nerp=True)) == 2090 + 2343
    assert len(loco_training_data("nerugm", {}, include_nerp=False)) == 2090
    assert train[0][0][0][:1].isupper()  # NERP re-cased: a sentence starts capitalised
    copies = loco_training_data("nerp", {}, case_copies={"jakarta": "t3"})
    assert len(copies) == 2 * (2090 + 2343)  # each cased corpus and its lower-cased copy
    assert copies[2090][1] == copies[0][1]
    assert copies[2090][0] == [t.lower() if t.lower() != "jakarta" else "Jakarta"
                               for t in copies[0][0]]
    # one convention: NER-UGM's spans cut at commas and brackets (130 sentences), names it
    # mostly tags filled in where it left them O; tokens untouched
    plain = loco_training_data("nergrit", {}, normalise=False)[8400:]
    cut = loco_training_data("nergrit", {}, normalise=True)[8400:]
    assert [toks for toks, _ in cut] == [toks for toks, _ in plain]
    assert sum(a != b for (_, a), (_, b) in zip(plain, cut)) == 353
    with pytest.raises(UsageError, match="unknown NER corpus 'conll'"):
        loco_training_data("conll", {})


def test_leave_one_corpus_out_parts_keep_each_sentences_corpus() -> None:
    from warta.enrich.ner_train import loco_training_data, loco_training_parts

    shared_or_fail("data", "ner", "indolem-nerugm", "folds", "test.05.tsv")
    opts = {"case_copies": {"jakarta": "t3"}, "normalise": True,
            "harmonised": {"titles": True, "places": True}, "org_cut": True}
    parts = loco_training_parts("nerp", {}, **opts)
    # the cut changes the sentence counts (2,090 → 2,182, 2,343 → 2,566); the copies stay
    # with their corpus (9,496 sentences in all: the NERP-left-out LOCO training set)
    assert [(c, len(p)) for c, p in parts] == [("nergrit", 2 * 2182), ("nerugm", 2 * 2566)]
    assert [s for _, p in parts for s in p] == loco_training_data("nerp", {}, **opts)


def test_cluster_features_use_bit_string_prefixes() -> None:
    clusters = {"retno": "0110101101011", "ke": "10"}
    feats = FeatureExtractor(load_gazetteer(), clusters=clusters).sentence(
        ["Menlu", "Retno", "ke", "Paris"])
    assert [f for f in feats[1] if f.startswith("c")] == [
        "c4=0110", "c6=011010", "c10=0110101101", "c=0110101101011"]
    assert [f for f in feats[2] if f.startswith("c")] == ["c=10"]  # shorter than 4: whole
    assert "c=none" in feats[0] and "-1c=none" in feats[1]
    assert "+1c=0110101101" in feats[0] and "-1c=0110101101" in feats[2]
    # no table: no cluster feature at all (the model before clusters is tagged unchanged)
    plain = FeatureExtractor(load_gazetteer()).sentence(["Menlu", "Retno"])
    assert not [f for row in plain for f in row if f.startswith(("c", "-1c", "+1c"))]


def test_cluster_back_off_leaves_frequent_words_their_identity(tmp_path: Path) -> None:
    from warta.enrich.ner_train import back_off_clusters
    from warta.enrich.ner_clusters import write_clusters
    from warta.enrich.ner_features import load_clusters

    clusters = {"retno": "0110101101011", "ke": "10", "paris": "111"}
    sents = [(["Retno", "ke", "Paris"], ["B-PER", "O", "B-LOC"]), (["ke", "Bogor"], ["O", "O"])]
    backed = back_off_clusters(clusters, sents, 2)
    assert backed == {"retno": "0110101101011", "ke": "*10", "paris": "111"}
    assert back_off_clusters(backed, sents, 2) == backed  # marked once
    write_clusters(backed, tmp_path / "c.tsv.gz")
    assert load_clusters(tmp_path / "c.tsv.gz") == backed
    fx = FeatureExtractor(load_gazetteer(), clusters=backed)
    feats = fx.sentence(["Retno", "ke", "Paris"])
    # "ke" (seen twice): no cluster feature of its own, its neighbours still read its cluster
    assert not [f for f in feats[1] if f.startswith("c")]
    assert "+1c=10" in feats[0] and "-1c=10" in feats[2]
    assert [f for f in feats[0] if f.startswith("c")][-1] == "c=0110101101011"
    # the scorer's path gives the same strings
    own, to_next, to_prev = fx.word_and_context("ke")
    assert own == fx._word_features("ke") and (to_next, to_prev) == fx._context_features("ke")


def test_build_clusters_groups_words_by_context(tmp_path: Path) -> None:
    from warta.enrich.ner_clusters import build_clusters, write_clusters
    from warta.enrich.ner_features import load_clusters

    texts = ["kata Budi di Bogor .", "kata Ani di Depok .", "ujar Budi ke Depok .",
             "ujar Ani ke Bogor .", "kata Rudi di Bekasi .", "ujar Rudi ke Bekasi ."] * 3
    clusters = build_clusters(texts, min_count=1, contexts=12, dims=3, leaves=4)
    # lower-cased keys, every word of the texts, codes are paths in a binary tree
    assert sorted(clusters) == [".", "ani", "bekasi", "bogor", "budi", "depok", "di", "kata",
                                "ke", "rudi", "ujar"]
    assert all(set(code) <= {"0", "1"} and code for code in clusters.values())
    # words used in the same contexts share a leaf: the names, the places, the prepositions,
    # the speech verbs. Which leaf gets which path (and whether two of these groups share a
    # leaf) depends on k-means/SVD numerics that differ between numpy/scikit-learn releases,
    # so the test asserts the groups, not the bit strings.
    assert clusters["ani"] == clusters["budi"] == clusters["rudi"]
    assert clusters["bekasi"] == clusters["bogor"] == clusters["depok"]
    assert clusters["di"] == clusters["ke"]
    assert clusters["kata"] == clusters["ujar"]
    assert clusters["ani"] not in {clusters["bogor"], clusters["di"], clusters["kata"]}
    assert build_clusters(texts, min_count=1, contexts=12, dims=3, leaves=4) == clusters
    path = tmp_path / "clusters.tsv.gz"
    write_clusters(clusters, path)
    assert load_clusters(path) == clusters
    assert load_clusters(tmp_path / "missing.tsv.gz") == {}


def test_leaf_paths_follow_the_linkage_tree() -> None:
    import numpy as np

    from warta.enrich.ner_clusters import _leaf_paths

    # leaves 0..3; node 4 = (0, 1), node 5 = (2, 4), root 6 = (3, 5)
    tree = np.array([[0, 1, 1.0, 2], [2, 4, 2.0, 3], [3, 5, 3.0, 4]])
    assert _leaf_paths(tree, 4) == ["110", "111", "10", "0"]


def test_build_names_counts_cued_capitalised_runs(tmp_path: Path) -> None:
    from warta.enrich.ner_lexicon import build_names, load_names, read_names, write_names

    texts = [
        "Hal itu , kata Budi Santoso di Jakarta .",
        "Ketua DPR Budi Santoso mengatakan rapat ditunda .",
        "Ia bertemu Irjen Budi Santoso kemarin .",
        "Ketua Partai Hijau Raya datang ke Jakarta , kata Sari .",
        "Partai Hijau Raya menolak , ujar Sari .",
        "Banjir melanda Kabupaten Lebak dan Kabupaten Lebak lagi .",
        "Warga dari Lebak , kata Sari , pindah ke DPR .",
        "Rapat di DPR , menurut KPK , ditunda .",
        "Sari Dewi Lestari Putri Ayu Menawan Hati ujar Sari .",  # a run of 8 is no name
    ]
    names = build_names(texts, min_count=2)
    # `Ketua` (a role) and `DPR` (an office's body) stripped; `Irjen` (a rank) says person;
    # `di DPR`: an acronym after a cue is no place
    assert names == {"Budi Santoso": "PER", "Jakarta": "LOC", "Partai Hijau Raya": "ORG",
                     "Kabupaten Lebak": "LOC", "Lebak": "LOC", "Sari": "PER"}
    # `Jakarta` is a place only by the prepositions before it
    assert sorted(build_names(texts, min_count=2, place_preps=False)) == [
        "Budi Santoso", "Kabupaten Lebak", "Lebak", "Partai Hijau Raya", "Sari"]
    assert build_names(texts, min_count=2, kinds=("PER",)) == {
        "Budi Santoso": "PER", "Sari": "PER"}
    # a name also seen in another kind's contexts needs `share` of its votes
    assert "Sari" not in build_names(texts + ["Ia tinggal di Sari .", "Pergi ke Sari ."],
                                     min_count=2)
    path = tmp_path / "names.tsv.gz"
    write_names(names, path)
    assert read_names(path) == names
    assert read_names(tmp_path / "missing.tsv.gz") == {}
    gaz = load_names(path)
    assert gaz is not None and load_names(tmp_path / "missing.tsv.gz") is None
    # lexicon matches are features of their own, after the hand-compiled lists' matches
    feats = FeatureExtractor(load_gazetteer(), names=gaz).sentence(
        ["Menurut", "Budi", "Santoso", ",", "Jakarta", "aman"])
    assert [f for f in feats[1] if f.startswith("gz:")] == ["gz:NPER:B"]
    assert [f for f in feats[2] if f.startswith("gz:")] == ["gz:NPER:I"]
    assert [f for f in feats[4] if f.startswith("gz:")] == ["gz:LOC:B", "gz:NLOC:B"]
    assert "+1gz:NPER:B" in feats[0] and "-1gz:NPER:I" in feats[3]
    plain = FeatureExtractor(load_gazetteer()).sentence(["Menurut", "Budi", "Santoso"])
    assert not [f for row in plain for f in row if ":N" in f or f.startswith("nw=")]
    # name_words: a word of a lexicon name carries the name's kinds on its own
    words = FeatureExtractor(load_gazetteer(), names=gaz, name_words=True)
    rows = words.sentence(["Budi", "Gunawan", "di", "Lebak"])
    assert [[f for f in row if f.startswith("nw=")] for row in rows] == [
        ["nw=NPER"], ["nw=none"], ["nw=none"], ["nw=NLOC"]]
    assert [f for f in words.word_and_context("Budi")[0] if f.startswith("nw=")] == ["nw=NPER"]


def test_cluster_news_texts_reads_each_source_once(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import gzip
    import json

    from warta.enrich import ner_clusters

    news = tmp_path / "data" / "news"
    (news / "indosum").mkdir(parents=True)
    (news / "tribunnews-1523").mkdir()
    with gzip.open(news / "click-id.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"title": "Judul", "content": "Isi berita"}) + "\n")
    for k in range(1, 6):  # the dev folds overlap: article 7 is in every fold
        rows = [{"id": "7", "paragraphs": [[["Kata", "Ani", "."]]]},
                {"id": str(10 + k), "paragraphs": [[["Fold", str(k)], ["lagi"]]]}]
        with gzip.open(news / "indosum" / f"dev.{k:02d}.jsonl.gz", "wt", encoding="utf-8") as fh:
            fh.write("".join(json.dumps(r) + "\n" for r in rows))
    for name in ("bisnis", "sains", "sport"):
        (news / "tribunnews-1523" / f"{name}_content.json").write_text(
            json.dumps([{"title": name, "content": "Tribun"}]), encoding="utf-8")
    monkeypatch.setenv("WARTA_SHARED", str(tmp_path))
    assert [r["id"] for r in ner_clusters.indosum_dev_articles()] == [
        "7", "11", "12", "13", "14", "15"]
    assert list(ner_clusters.cluster_news_texts()) == [
        "Judul . Isi berita", "Kata Ani .", "Fold 1 lagi", "Fold 2 lagi", "Fold 3 lagi",
        "Fold 4 lagi", "Fold 5 lagi", "bisnis . Tribun", "sains . Tribun", "sport . Tribun"]


def test_cluster_dropout_trains_each_sentence_also_without_clusters(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pycrfsuite

    from warta.enrich.ner_train import _without_clusters, train_model

    clusters = {"retno": "0110101101011", "ke": "10"}
    fx = FeatureExtractor(load_gazetteer(), clusters=clusters)
    plain = _without_clusters(fx)
    toks = ["Menlu", "Retno", "ke", "Paris"]
    assert plain.sentence(toks) == FeatureExtractor(load_gazetteer()).sentence(toks)
    assert fx.clusters == clusters and "c=10" in fx.sentence(toks)[2]  # the original kept
    seen: list[list[list[str]]] = []
    append = pycrfsuite.Trainer.append
    monkeypatch.setattr(pycrfsuite.Trainer, "append",
                        lambda self, x, y, *a: (seen.append(x), append(self, x, y, *a)))
    sents = [(toks, ["O", "B-PER", "O", "B-LOC"])]
    train_model(sents, tmp_path / "m.crfsuite", extractor=fx, max_iterations=5,
                cluster_dropout=True)
    assert seen == [fx.sentence(toks), plain.sentence(toks)]
    seen.clear()
    # a lower-cased sentence keeps its clusters: no copy without them
    low = [t.lower() for t in toks]
    train_model([(low, sents[0][1])], tmp_path / "m.crfsuite", extractor=fx,
                max_iterations=5, cluster_dropout=True)
    assert seen == [fx.sentence(low)]
    seen.clear()
    train_model(sents, tmp_path / "m.crfsuite", extractor=fx, max_iterations=5)
    assert seen == [fx.sentence(toks)]


def test_conjunction_features_join_gazetteer_casing_and_capitalised_runs() -> None:
    fx = FeatureExtractor(load_gazetteer(), conjunctions=True)
    toks = ["Kata", "Presiden", "Joko", "Widodo", "di", "Istana", "Bogor", "kepada", "Reuters"]
    found = fx.with_names(toks, fx.gazetteer.sparse_match(toks))
    assert found[1] == ["gz:CUE:B", "gz:CUE:B|T", "cr=I0", "crn=4", "crp=BOS", "cra=di"]
    assert found[2] == ["cr=I0", "crn=4", "crp=BOS", "cra=di", "crc"]
    assert found[6] == ["gz:LOC:B", "gz:LOC:B|T", "cr=I", "crn=2", "crp=di", "cra=kepada"]
    assert found[8] == ["gz:ORG:B", "gz:ORG:B|T", "cr=B", "crn=1", "crp=kepada", "cra=EOS"]
    assert 4 not in found and 7 not in found
    # parts one by one; none: the gazetteer's own matches, untouched
    only = FeatureExtractor(load_gazetteer(), conjunctions="cue")
    assert only.with_names(toks, only.gazetteer.sparse_match(toks))[3] == ["crc"]
    plain = FeatureExtractor(load_gazetteer())
    assert plain.with_names(toks, plain.gazetteer.sparse_match(toks)) == (
        plain.gazetteer.sparse_match(toks))
    # a lower-case gazetteer hit says so
    low = fx.with_names(["ke", "bogor"], fx.gazetteer.sparse_match(["ke", "bogor"]))
    assert low == {1: ["gz:LOC:B", "gz:LOC:B|l"]}


def test_numpy_decoder_reads_conjunction_features(tmp_path: Path) -> None:
    from warta.enrich.ner_train import train_model

    fx = FeatureExtractor(load_gazetteer(), word_classes=load_word_classes(), conjunctions=True)
    sents = [
        (["Kata", "Presiden", "Joko", "Widodo", "di", "Istana", "Bogor", "."],
         ["O", "O", "B-PER", "I-PER", "O", "B-LOC", "I-LOC", "O"]),
        (["Warga", "Bogor", "menemui", "Budi", "Santoso", "kemarin", "."],
         ["O", "B-LOC", "O", "B-PER", "I-PER", "O", "O"]),
        (["Reuters", "melaporkan", "dari", "Paris", "."], ["B-ORG", "O", "O", "B-LOC", "O"]),
    ]
    path = train_model(sents * 3, tmp_path / "m.crfsuite", max_iterations=30, extractor=fx)
    tagger = NerTagger(path, rules=False, recase=False, features=fx)
    assert any(name.startswith("cr") for name in tagger._model.rows)
    # a tagger given no extractor reads the model's conjunction features all the same
    found = NerTagger(path, rules=False, recase=False)._features.conjunctions
    assert found == {"gazcase", "run", "around", "cue"}
    assert NerTagger(MODEL_PATH)._features.conjunctions == frozenset()
    test = [["Kata", "Menteri", "Budi", "Santoso", "di", "Bogor", "."],
            ["Reuters", "menemui", "Joko", "dari", "Paris", "."]]
    expected = [list(tagger._tagger.tag(fx.sentence(s))) for s in test]
    assert tagger.tag_sents(test) == expected
    assert tagger.tag_sents(test * 4) == expected * 4
