"""Stemmer evaluation: compat == PySastrawi on CLICK-ID, and stem-vs-lemma accuracy on UD.

Prints one JSON document. Run: ``.venv/bin/python evals/eval_stem.py [--sample N]``.

1. CLICK-ID (``news/click-id.jsonl.gz``): title + content of every article, lower-cased, split
   into words with ``[^\\W_]+(?:-[^\\W_]+)*`` (letters/digits, reduplication kept whole). Every
   distinct word is stemmed by our ``compat`` mode and by PySastrawi; all differences are listed.
   The reference is PySastrawi's own ``StemmerFactory().create_stemmer()`` code with one change:
   its ``ArrayDictionary.words`` list is swapped for a set. Membership answers are identical
   (the list is only ever searched with ``in``), but the stock list scan stems ~10 words/s, which
   would take hours for 100k words; to show the swap changes nothing, a random sample of words is
   also stemmed by the untouched stock stemmer and compared. Two worker processes.
2. UD (GSD test, CSUI test, CSUI train): the LEMMA column, lower-cased, against the stem of the
   FORM. Counted tokens: UPOS NOUN/VERB/ADJ/ADV (the words a stemmer is for; function words,
   numbers and punctuation would only inflate the figures), excluding the parts of multiword
   tokens (their FORM is not a surface word) and words containing characters outside
   ``[A-Za-z0-9-]``. UD lemmas keep some derivations whole (``sebesar``, ``pemerintah``), so no
   stemmer reaches 100%; what matters is the side-by-side difference. Each ``improved`` fix is
   also measured alone (ablation), and PROPN tokens are reported apart, with and without the
   ``proper`` hint (given when a word is capitalised and not first in its sentence).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from multiprocessing import Pool

from warta.config import shared_path
from warta.lang.stem import FIXES, Stemmer

WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
CONTENT_UPOS = frozenset(("NOUN", "VERB", "ADJ", "ADV"))
PLAIN = re.compile(r"[A-Za-z0-9-]+")
UD_SETS = {
    "gsd_test": ("data", "ud", "UD_Indonesian-GSD", "id_gsd-ud-test.conllu"),
    "csui_test": ("data", "ud", "UD_Indonesian-CSUI", "id_csui-ud-test.conllu"),
    "csui_train": ("data", "ud", "UD_Indonesian-CSUI", "id_csui-ud-train.conllu"),
}

_PYS = None


def click_texts() -> Iterator[str]:
    """Title + content of every CLICK-ID article."""
    path = shared_path("data", "news", "click-id.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            yield (record.get("title") or "") + "\n" + (record.get("content") or "")


def click_words() -> tuple[int, list[str]]:
    """(token count, sorted distinct lower-cased words) of CLICK-ID."""
    total, distinct = 0, set()
    for text in click_texts():
        words = WORD.findall(text.lower())
        total += len(words)
        distinct.update(words)
    return total, sorted(distinct)


def pysastrawi(fast: bool = True):  # type: ignore[no-untyped-def]
    """PySastrawi's default (cached) stemmer; ``fast`` swaps its dictionary list for a set."""
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    stemmer = StemmerFactory().create_stemmer()
    if fast:
        dictionary = stemmer.delegatedStemmer.dictionary
        dictionary.words = set(dictionary.words)
    return stemmer


def _init_worker() -> None:
    global _PYS
    _PYS = pysastrawi(fast=True)


def _pys_chunk(words: list[str]) -> list[str]:
    assert _PYS is not None
    return [_PYS.stem(w) for w in words]


def pys_stems(words: list[str], workers: int = 2) -> list[str]:
    """PySastrawi (set dictionary) stems of ``words``, in order, over a process pool."""
    chunks = [words[i:i + 2000] for i in range(0, len(words), 2000)]
    with Pool(workers, initializer=_init_worker) as pool:
        return [s for chunk in pool.map(_pys_chunk, chunks) for s in chunk]


def eval_click(sample: int) -> dict[str, object]:
    start = time.perf_counter()
    tokens, words = click_words()
    read_s = time.perf_counter() - start
    start = time.perf_counter()
    ours = Stemmer("compat").stem_many(words)
    ours_s = time.perf_counter() - start
    start = time.perf_counter()
    theirs = pys_stems(words)
    pys_s = time.perf_counter() - start
    diffs = [{"word": w, "compat": a, "pysastrawi": b}
             for w, a, b in zip(words, ours, theirs) if a != b]
    # Is the set-dictionary reference the stock stemmer? Check on a random sample.
    picked = random.Random(3).sample(range(len(words)), min(sample, len(words)))
    stock = pysastrawi(fast=False)
    start = time.perf_counter()
    stock_diffs = [words[i] for i in picked if stock.stem(words[i]) != theirs[i]]
    stock_s = time.perf_counter() - start
    return {
        "tokens": tokens, "distinct_words": len(words), "differences": len(diffs),
        "difference_list": diffs[:200], "read_seconds": round(read_s, 1),
        "compat_seconds_cold": round(ours_s, 2),
        "pysastrawi_set_dictionary_seconds_2_workers": round(pys_s, 1),
        "stock_check": {"words": len(picked), "differences_from_set_reference": len(stock_diffs),
                        "seconds": round(stock_s, 1),
                        "stock_words_per_s": round(len(picked) / stock_s, 1)},
    }


def ud_sentences(parts: tuple[str, ...]) -> Iterator[list[tuple[str, str, str]]]:
    """Sentences of (form, lemma, upos), multiword-token parts left out."""
    sentence: list[tuple[str, str, str]] = []
    mwt_end = 0
    with open(shared_path(*parts), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if sentence:
                    yield sentence
                sentence, mwt_end = [], 0
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if "-" in cols[0]:
                mwt_end = int(cols[0].split("-")[1])
                continue
            if "." in cols[0] or int(cols[0]) <= mwt_end:
                continue
            sentence.append((cols[1], cols[2], cols[3]))
    if sentence:
        yield sentence


def ud_items(parts: tuple[str, ...]) -> tuple[list[tuple[str, str]], list[tuple[str, str, bool]]]:
    """(content (form, lemma)), (PROPN (form, lemma, hint)) of one treebank file."""
    content, propn = [], []
    for sentence in ud_sentences(parts):
        for i, (form, lemma, upos) in enumerate(sentence):
            if not PLAIN.fullmatch(form):
                continue
            if upos in CONTENT_UPOS:
                content.append((form, lemma.lower()))
            elif upos == "PROPN":
                propn.append((form, lemma.lower(), i > 0 and form[:1].isupper()))
    return content, propn


def accuracy(stems: dict[str, str], items: list[tuple[str, str]]) -> float:
    return round(sum(stems[f] == lemma for f, lemma in items) / max(len(items), 1), 4)


def eval_ud() -> dict[str, object]:
    stemmers = {"compat": Stemmer("compat"), "improved": Stemmer("improved")}
    for fix in FIXES:
        stemmers[f"improved_only_{fix}"] = Stemmer("improved", fixes=[fix])
    data = {name: ud_items(parts) for name, parts in UD_SETS.items()}
    forms = sorted({f for content, propn in data.values() for f, *_ in content + propn})
    stems = {name: dict(zip(forms, s.stem_many(forms))) for name, s in stemmers.items()}
    stems["pysastrawi"] = dict(zip(forms, pys_stems(forms)))
    result: dict[str, object] = {}
    all_content = [item for content, _ in data.values() for item in content]
    for name, (content, _) in [*data.items(), ("all", (all_content, []))]:
        result[name] = {"tokens": len(content),
                        **{k: accuracy(v, content) for k, v in stems.items()}}
    changed = Counter()
    for form, lemma in all_content:
        before, after = stems["compat"][form], stems["improved"][form]
        if before != after:
            verdict = "fixed" if after == lemma else "broken" if before == lemma else "other"
            changed[(verdict, form.lower(), before, after)] += 1
    result["improved_vs_compat_changes"] = [
        {"verdict": v, "word": w, "compat": b, "improved": a, "count": n}
        for (v, w, b, a), n in changed.most_common(40)]
    propn = [item for _, p in data.values() for item in p]
    hinted = Stemmer("improved")
    result["propn"] = {
        "tokens": len(propn),
        "compat": accuracy(stems["compat"], [(f, lemma) for f, lemma, _ in propn]),
        "pysastrawi": accuracy(stems["pysastrawi"], [(f, lemma) for f, lemma, _ in propn]),
        "improved_no_hint": accuracy(stems["improved"], [(f, lemma) for f, lemma, _ in propn]),
        "improved_proper_hint": round(sum(hinted.stem(f, proper=h) == lemma
                                          for f, lemma, h in propn) / max(len(propn), 1), 4),
    }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sample", type=int, default=200,
                        help="words checked against the stock (slow) PySastrawi stemmer")
    args = parser.parse_args(argv)
    report = {"click_id": eval_click(args.sample), "ud": eval_ud(),
              "python": sys.version.split()[0]}
    print(json.dumps(report, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
