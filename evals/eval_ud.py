"""Tokenizer and sentence splitter against Universal Dependencies Indonesian (GSD, CSUI test).

Usage::

    .venv/bin/python evals/eval_ud.py [--block 25] [--errors 10]

Prints one JSON object per treebank (one per line):

* ``token``: precision/recall/F1 of token character spans, per gold sentence. Gold tokens are
  the surface words: a multiword token (``1-2 Katanya``) counts as its range line, not its
  parts, because warta keeps clitics inside the word.
* ``sentence``: precision/recall/F1 of sentence ends. The ``# text`` of consecutive gold
  sentences are joined by a space into blocks (``# newdoc`` documents when the treebank has
  them, else ``--block`` sentences) and split again; the trivial end of each block is not
  counted, so a splitter scores only on boundaries it had to find.
* ``sentence_layout``: the same, but a gold sentence without terminal punctuation (a
  headline or caption, frequent in CSUI) is followed by a line break instead of a space,
  as it would be on the page.
* ``sentence_single_gold``: the strict measure (space-joined) over the gold sentences whose
  ``# text`` holds ONE sentence. A gold line holds several when one of its gold tokens is a
  stand-alone ``.`` ``!`` ``?`` ``...`` ``…`` followed (after closing quotes/brackets) by a
  token starting with a capital letter — unless the token before the stop is a single letter
  (an initial: ``J. Pardede``) or a ``title`` abbreviation of ``warta/lang/data``
  (``Prof. Dr.``, ``No.``), which GSD splits off its period. Such lines are left out of the
  joined blocks; ``multi_sentence_gold`` counts them. GSD has ~36 (wiki lines such as
  ``... oleh CAA. Kantor pusat CAA terletak ...``), which cap its strict precision.

``sentence`` is the strict figure; the floors in tests/unit/test_sentences.py assert all three.

Reads ``$WARTA_SHARED/data/ud/...`` (never copied into the repository).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from warta.config import shared_path  # noqa: E402
from warta.lang.sentences import split_sentences  # noqa: E402
from warta.lang.tokenize import abbreviation_classes, tokenize  # noqa: E402

TREEBANKS = {
    "UD_Indonesian-GSD": ("data", "ud", "UD_Indonesian-GSD", "id_gsd-ud-test.conllu"),
    "UD_Indonesian-CSUI": ("data", "ud", "UD_Indonesian-CSUI", "id_csui-ud-test.conllu"),
}


@dataclass(slots=True)
class GoldSentence:
    """A gold sentence: its ``# text``, surface token forms and whether a document starts."""

    text: str
    forms: list[str]
    newdoc: bool


def read_conllu(path: Path) -> Iterator[GoldSentence]:
    """Gold sentences of a CoNLL-U file (surface forms: MWT ranges replace their parts)."""
    text, forms, newdoc, skip_to = "", [], False, 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc"):
            newdoc = True
        elif line.startswith("# text = "):
            text = line[len("# text = ") :]
        elif not line.strip():
            if forms:
                yield GoldSentence(text, forms, newdoc)
            text, forms, newdoc, skip_to = "", [], False, 0
        elif not line.startswith("#"):
            cols = line.split("\t")
            ident = cols[0]
            if "." in ident:  # empty node
                continue
            if "-" in ident:
                first, last = ident.split("-")
                forms.append(cols[1])
                skip_to = int(last)
            elif int(ident) > skip_to:
                forms.append(cols[1])
    if forms:
        yield GoldSentence(text, forms, newdoc)


def gold_spans(sentence: GoldSentence) -> list[tuple[int, int]]:
    """Character spans of the gold forms inside the sentence text (found left to right)."""
    spans, cursor = [], 0
    for form in sentence.forms:
        at = sentence.text.find(form, cursor)
        if at < 0:  # form not in text verbatim (rare normalisation): skip it
            continue
        spans.append((at, at + len(form)))
        cursor = at + len(form)
    return spans


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    """Precision, recall and F1 rounded to 4 places."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def token_scores(gold: list[GoldSentence], n_errors: int) -> dict:
    """Token span P/R/F1 over every gold sentence, with the most frequent disagreements."""
    tp = n_pred = n_gold = 0
    missed: Counter[str] = Counter()
    for sent in gold:
        g = set(gold_spans(sent))
        p = {(t.start, t.end) for t in tokenize(sent.text)}
        tp += len(g & p)
        n_pred += len(p)
        n_gold += len(g)
        missed.update(sent.text[s:e] for s, e in g - p)
    return {**prf(tp, n_pred, n_gold), "gold": n_gold, "predicted": n_pred,
            "top_missed": missed.most_common(n_errors)}  # fmt: skip


def blocks(gold: list[GoldSentence], size: int) -> Iterator[list[GoldSentence]]:
    """Documents when the treebank marks them, else runs of ``size`` sentences."""
    use_docs = any(s.newdoc for s in gold)
    block: list[GoldSentence] = []
    for sent in gold:
        if block and (sent.newdoc if use_docs else len(block) >= size):
            yield block
            block = []
        block.append(sent)
    if block:
        yield block


_STOPS = frozenset({".", "!", "?", "...", "…"})
_CLOSING = frozenset({'"', "'", "”", "’", ")", "]"})


def holds_several(sentence: GoldSentence) -> bool:
    """Whether a gold ``# text`` holds several sentences (see the module doc for the rule)."""
    forms = sentence.forms
    for i, form in enumerate(forms[:-1]):
        if form not in _STOPS or i == 0:
            continue
        before = forms[i - 1]
        if (len(before) == 1 and before.isalpha()) or abbreviation_classes().get(before + ".") == "title":
            continue  # an initial or a title whose period GSD tokenizes apart
        j = i + 1
        while j < len(forms) and forms[j] in _CLOSING:
            j += 1
        if j < len(forms) and forms[j][:1].isupper():
            return True
    return False


_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")


def sentence_scores(gold: list[GoldSentence], size: int, n_errors: int, layout: bool) -> dict:
    """Sentence-end P/R/F1 over joined blocks; examples of false splits and misses.

    ``layout=False`` joins every sentence with a space. ``layout=True`` joins a sentence that
    has no terminal punctuation (a headline, a caption) with a line break instead, as it
    stands in a news page; punctuated sentences are still joined with a space.
    """
    tp = n_pred = n_gold = 0
    false_splits: list[str] = []
    misses: list[str] = []
    for block in blocks(gold, size):
        text, gold_ends = "", set()
        for sent in block:
            text += sent.text
            gold_ends.add(len(text))
            text += "\n" if layout and not _TERMINAL.search(sent.text) else " "
        text = text[:-1]
        pred_ends = {s.end for s in split_sentences(text)}
        gold_ends.discard(len(text))
        pred_ends.discard(len(text))
        tp += len(gold_ends & pred_ends)
        n_pred += len(pred_ends)
        n_gold += len(gold_ends)
        false_splits += [text[max(0, e - 40) : e + 30] for e in sorted(pred_ends - gold_ends)]
        misses += [text[max(0, e - 40) : e + 30] for e in sorted(gold_ends - pred_ends)]
    return {**prf(tp, n_pred, n_gold), "gold": n_gold, "predicted": n_pred,
            "false_splits": false_splits[:n_errors], "missed": misses[:n_errors]}  # fmt: skip


def evaluate(name: str, block_size: int = 25, n_errors: int = 10) -> dict:
    """Both scores for one treebank (its test file)."""
    gold = list(read_conllu(shared_path(*TREEBANKS[name])))
    started = time.perf_counter()
    result = {
        "treebank": name,
        "sentences": len(gold),
        "token": token_scores(gold, n_errors),
        "sentence": sentence_scores(gold, block_size, n_errors, layout=False),
        "sentence_layout": sentence_scores(gold, block_size, n_errors, layout=True),
        "multi_sentence_gold": sum(map(holds_several, gold)),
    }
    single = [s for s in gold if not holds_several(s)]
    result["sentence_single_gold"] = sentence_scores(single, block_size, n_errors, layout=False)
    result["seconds"] = round(time.perf_counter() - started, 3)
    return result


def main() -> None:
    """Print one JSON line per treebank."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--block", type=int, default=25, help="sentences per joined block")
    parser.add_argument("--errors", type=int, default=10, help="examples of errors to list")
    args = parser.parse_args()
    for name in TREEBANKS:
        print(json.dumps(evaluate(name, args.block, args.errors), ensure_ascii=False))


if __name__ == "__main__":
    main()
