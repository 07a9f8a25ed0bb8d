"""Stemmer: Sastrawi's own suites (read from ../shared), PySastrawi parity, our improved mode."""

from __future__ import annotations

import csv
import gzip
import json
import random
import re
from pathlib import Path

import pytest

from tests.conftest import shared_or_fail
from warta.errors import UsageError
from warta.lang.stem import FIXES, MODES, Stemmer, get_stemmer, normalize_text, stem
from warta.lang.stem_rules import RULES


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def _active(name: str) -> list[tuple[str, str]]:
    rows = _rows(shared_or_fail("data", "stemmer", name))
    return [(r["word"], r["stem"]) for r in rows if r["status"] == "active"]


@pytest.fixture(scope="module")
def functional_dictionary() -> list[str]:
    path = shared_or_fail("data", "stemmer", "php_functional_dictionary.txt")
    return path.read_text(encoding="utf-8").split("\n")


# -- Sastrawi's suites -------------------------------------------------------------------------

def test_disambiguator_rules_all_143_cases() -> None:
    """sastrawi-php's DisambiguatorPrefixRule tests: each rule called alone; NULL = no match."""
    rows = _rows(shared_or_fail("data", "stemmer", "php_disambiguator_rules.tsv"))
    failures = []
    for row in rows:
        expected = None if row["expected_output"] == "NULL" else row["expected_output"]
        got = RULES[row["rule"]](row["input"])
        if got != expected:
            failures.append((row["rule"], row["input"], got, expected))
    print(f"disambiguator rules: {len(rows) - len(failures)}/{len(rows)} pass")
    assert len(rows) == 143
    assert failures == []


def test_functional_suite_upstream_passes_all(functional_dictionary: list[str]) -> None:
    """sastrawi-php's functional pairs with its small dictionary: every active row."""
    cases = _active("php_functional.tsv")
    stemmer = Stemmer("upstream", dictionary=functional_dictionary)
    failures = [(w, stemmer.stem(w), s) for w, s in cases if stemmer.stem(w) != s]
    print(f"functional (upstream): {len(cases) - len(failures)}/{len(cases)} pass")
    assert len(cases) == 166
    assert failures == []


def test_functional_suite_compat_differs_only_by_rule_27(functional_dictionary: list[str]) -> None:
    """PySastrawi 1.0.1 predates rule 27's pen{s|t}: exactly those two rows differ, as there."""
    cases = _active("php_functional.tsv")
    stemmer = Stemmer("compat", dictionary=functional_dictionary)
    failures = [(w, stemmer.stem(w), s) for w, s in cases if stemmer.stem(w) != s]
    print(f"functional (compat): {len(cases) - len(failures)}/{len(cases)} pass")
    assert failures == [("penstabilan", "penstabilan", "stabil"),
                        ("pentranskripsi", "pentranskripsi", "transkripsi")]


@pytest.mark.parametrize("mode", MODES)
def test_integration_suite_full_dictionary(mode: str) -> None:
    """All 35 active pairs; improved departs on purpose from the one over-stemming row."""
    cases = _active("php_integration.tsv")
    stemmer = get_stemmer(mode)
    failures = [(w, stemmer.stem(w), s) for w, s in cases if stemmer.stem(w) != s]
    print(f"integration ({mode}): {len(cases) - len(failures)}/{len(cases)} pass")
    assert len(cases) == 35
    assert failures == ([("perusakan", "rusak", "rusa")] if mode == "improved" else [])


def test_functional_sentences() -> None:
    path = shared_or_fail("data", "stemmer", "functional_sentences.jsonl")
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    stemmer = Stemmer("compat")
    assert len(cases) == 2
    for case in cases:
        assert stemmer.stem_text(case["input"]) == case["expected"]
        assert stemmer.stem(case["input"]) == case["expected"]  # stem() of text = stem_text


def test_compat_equals_pysastrawi_on_click_id_sample() -> None:
    """3,000 distinct CLICK-ID words (the eval checks all of them)."""
    from evals.eval_stem import WORD, pysastrawi

    words: set[str] = set()
    path = shared_or_fail("data", "news", "click-id.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for i, line in zip(range(400), f):
            record = json.loads(line)
            words.update(WORD.findall((record["title"] + " " + record["content"]).lower()))
    sample = random.Random(7).sample(sorted(words), 3000)
    reference = pysastrawi(fast=True)
    ours = Stemmer("compat")
    diffs = [(w, ours.stem(w), reference.stem(w)) for w in sample
             if ours.stem(w) != reference.stem(w)]
    assert diffs == []


# -- our own table (invented words and sentences) ------------------------------------------------

@pytest.mark.parametrize(("word", "compat", "improved"), [
    ("perbankan", "perban", "bank"),
    ("kerusakan", "rusa", "rusak"),
    ("perusakan", "rusa", "rusak"),
    ("kedudukan", "duduk", "duduk"),      # not the root 'keduduk'
    ("pemberontakan", "ronta", "berontak"),
    ("penarikannya", "tari", "tarik"),
    ("senilai", "nila", "nilai"),
    ("dinilai", "nilai", "nilai"),       # compat already: di-...-i tries prefixes first
    ("berbasis", "bas", "basis"),
    ("menikah", "meni", "nikah"),
    ("pekan", "pekan", "pekan"),          # a root stays a root
    ("mengatakan", "kata", "kata"),      # -kan verbs keep their -kan reading
    ("memberikan", "beri", "beri"),
    ("berikan", "ikan", "ikan"),         # not in UD: no measured reason to change it
    ("penstabilan", "penstabilan", "penstabilan"),  # rule 27 (pen{s|t}) is upstream only
    ("berkepentingan", "penting", "penting"),
    ("anak-anak", "anak", "anak"),
    ("meniru-nirukan", "tiru", "tiru"),
    ("sayur-mayur", "sayur-mayur", "sayur-mayur"),
    ("Bali", "bal", "bal"),
])
def test_compat_and_improved_table(word: str, compat: str, improved: str) -> None:
    assert get_stemmer("compat").stem(word) == compat
    assert get_stemmer("improved").stem(word) == improved


def test_proper_hint_only_in_improved() -> None:
    improved, compat = Stemmer("improved"), Stemmer("compat")
    assert improved.stem("Bali", proper=True) == "bali"
    assert improved.stem("Bali") == "bal"
    assert compat.stem("Bali", proper=True) == "bal"


def test_short_words_and_odd_input() -> None:
    s = Stemmer("compat")
    assert s.stem("") == ""
    assert s.stem("dia") == "dia"
    assert s.stem("Makanan, minumannya!") == "makan minum"
    assert s.stem_text("  \n ") == ""
    assert normalize_text("Rp1,5 juta—“Hebat”") == "rp1 5 juta hebat"


def test_stem_many_and_memo() -> None:
    s = Stemmer("compat")
    words = ["pembangunan", "Pembangunan", "dibangun", "pembangunan"]
    assert s.stem_many(words) == ["bangun", "bangun", "bangun", "bangun"]
    assert s.cache_info() == {"words": 3}
    assert stem("membangun") == "bangun"
    assert get_stemmer() is get_stemmer("compat")


def test_memo_is_bounded() -> None:
    s = Stemmer("compat", cache_size=2)
    assert s.stem_many(["makanan", "minuman", "bacaan"]) == ["makan", "minum", "baca"]
    assert s.cache_info() == {"words": 1}


def test_custom_dictionary() -> None:
    s = Stemmer("compat", dictionary=["ajar", "", "  "])
    assert s.stem("pelajaran") == "ajar"
    assert len(s.dictionary) == 1


def test_bad_arguments() -> None:
    with pytest.raises(UsageError, match=r"unknown stemmer mode 'fast': use one of compat, "
                                         r"upstream, improved"):
        Stemmer("fast")
    with pytest.raises(UsageError, match="not one string"):
        Stemmer("compat", dictionary="ajar")
    with pytest.raises(UsageError, match="fixes need mode='improved'"):
        Stemmer("compat", fixes=["kan_an"])
    with pytest.raises(UsageError, match="unknown stemmer fix"):
        Stemmer("improved", fixes=["magic"])
    assert Stemmer("improved", fixes=["kan_an"]).fixes == frozenset({"kan_an"})
    assert Stemmer("improved").fixes == frozenset({"kan_an", "final_i"})
    assert Stemmer("improved", fixes="rule27").stem("penstabilan") == "stabil"
    assert set(FIXES) == {"rule27", "kan_an", "final_i"}


def test_rules_are_exposed_by_sastrawi_name() -> None:
    assert RULES["1a"]("berapi") == "api"
    assert RULES["1b"]("berapi") == "rapi"
    assert RULES["27"]("pentas") is None
    assert RULES["27st"]("pentas") == "tas"
    assert re.fullmatch(r"\d+[a-d]?(st)?", "17d")
