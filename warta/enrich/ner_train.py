"""Train warta's CRF named-entity model from the corpora in ``../shared/data/ner``.

``train(output_path)`` rebuilds the shipped model (``warta train ner`` calls it). The corpora
are read only here, at training time; the repository ships the trained weights alone.

Corpora and label mapping (to PER, ORG, LOC, EVT):

* NERGrit (IndoNLU): PERSON→PER, PLACE→LOC, ORGANISATION→ORG.
* NERP (IndoNLU, lower-cased): PPL→PER, PLC→LOC, IND→ORG, EVT→EVT, FNB→dropped. The text is
  re-cased with a surface-form table counted on unlabelled news so that casing features
  mean the same thing as in the cased corpora.
* IndoLEM NER-UGM: PERSON→PER, LOCATION→LOC, ORGANIZATION→ORG; TIME/QUANTITY→dropped
  (dates and amounts have their own extractors, and the other corpora leave them O).

The shipped model never sees the test splits the unit tests score it on (NERGrit test,
NER-UGM fold-1 test).
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from ..config import shared_path
from ..errors import DataMissing, DocumentError
from .ner_features import DATA_DIR, FeatureExtractor, load_gazetteer

__all__ = [
    "CORPORA",
    "LABEL_MAPS",
    "DEFAULT_MODEL",
    "Sentence",
    "corpus_split",
    "map_labels",
    "read_conll",
    "recase_table",
    "train",
    "train_model",
]

Sentence = tuple[list[str], list[str]]

DEFAULT_MODEL = DATA_DIR / "ner.crfsuite"

# corpus name → (folder under data/ner, {split: file name})
CORPORA: dict[str, tuple[str, dict[str, str]]] = {
    "nergrit": (
        "indonlu/nergrit_ner-grit",
        {"train": "train_preprocess.txt", "valid": "valid_preprocess.txt",
         "test": "test_preprocess.txt"},
    ),
    "nerp": (
        "indonlu/nerp_ner-prosa",
        {"train": "train_preprocess.txt", "valid": "valid_preprocess.txt",
         "test": "test_preprocess.txt"},
    ),
    "nerugm": (
        "indolem-nerugm/folds",
        {f"{kind}.{k:02d}": f"{kind}.{k:02d}.tsv" for kind in ("train", "dev", "test")
         for k in range(1, 6)},
    ),
}

# Shipped-model label maps; labels missing from a map become O.
LABEL_MAPS: dict[str, dict[str, str]] = {
    "nergrit": {"PERSON": "PER", "PLACE": "LOC", "ORGANISATION": "ORG"},
    "nerp": {"PPL": "PER", "PLC": "LOC", "IND": "ORG", "EVT": "EVT"},
    "nerugm": {"PERSON": "PER", "LOCATION": "LOC", "ORGANIZATION": "ORG"},
}

# Per-corpus evaluation keeps every label of the corpus (renamed where a warta label exists).
FULL_LABEL_MAPS: dict[str, dict[str, str]] = {
    "nergrit": LABEL_MAPS["nergrit"],
    "nerp": {**LABEL_MAPS["nerp"], "FNB": "FNB"},
    "nerugm": {**LABEL_MAPS["nerugm"], "TIME": "TIME", "QUANTITY": "QTY"},
}


def read_conll(path: Path) -> list[Sentence]:
    """Read ``token<TAB>tag`` lines, sentences separated by blank lines."""
    sents: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\r\n")
            if not line.strip():
                if tokens:
                    sents.append((tokens, tags))
                    tokens, tags = [], []
                continue
            parts = line.split("\t")
            if len(parts) < 2:
                raise DocumentError(
                    f"{path}:{lineno}: expected 'token<TAB>tag', got {line!r}; "
                    "give a CoNLL file with one token and its BIO tag per line"
                )
            tokens.append(parts[0])
            tags.append(parts[-1].strip())
    if tokens:
        sents.append((tokens, tags))
    return sents


def map_labels(tags: Sequence[str], mapping: dict[str, str]) -> list[str]:
    """Rename BIO labels by ``mapping``; labels not in it become ``O``."""
    out = []
    for tag in tags:
        if tag == "O" or "-" not in tag:
            out.append("O")
            continue
        prefix, label = tag.split("-", 1)
        new = mapping.get(label)
        out.append(f"{prefix}-{new}" if new else "O")
    return out


def corpus_split(corpus: str, split: str, mapping: dict[str, str] | None = None) -> list[Sentence]:
    """One split of a corpus from ``../shared``, labels mapped (shipped map by default)."""
    if corpus not in CORPORA:
        raise DataMissing(f"unknown NER corpus {corpus!r}; known: {', '.join(CORPORA)}")
    folder, files = CORPORA[corpus]
    if split not in files:
        raise DataMissing(f"corpus {corpus!r} has no split {split!r}; known: {', '.join(files)}")
    path = shared_path("data", "ner", *folder.split("/"), files[split])
    mapping = LABEL_MAPS[corpus] if mapping is None else mapping
    return [(toks, map_labels(tags, mapping)) for toks, tags in read_conll(path)]


_WORD_RE = re.compile(r"\w+|[^\w\s]")
_SENT_END = {".", "!", "?", '"', ":"}


def _news_texts(limit: int) -> Iterator[str]:
    """Article bodies of the unlabelled CLICK-ID news (training-time only)."""
    path = shared_path("data", "news", "click-id.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8", errors="replace") as fh:
        for i, line in enumerate(fh):
            if i >= limit:
                return
            row = json.loads(line)
            yield (row.get("title") or "") + " . " + (row.get("content") or "")


def recase_table(texts: Iterable[str], min_count: int = 2) -> dict[str, str]:
    """Most frequent surface form of each word, counted away from sentence starts."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for text in texts:
        prev = "."
        for tok in _WORD_RE.findall(text):
            if prev not in _SENT_END:
                counts[tok.lower()][tok] += 1
            prev = tok
    table = {}
    for low, forms in counts.items():
        form, n = forms.most_common(1)[0]
        if n >= min_count and form != low:
            table[low] = form
    return table


def recase(sents: list[Sentence], table: dict[str, str]) -> list[Sentence]:
    """Re-case lower-cased sentences with ``table``; capitalise the first word."""
    out = []
    for toks, tags in sents:
        new = [table.get(t, t) for t in toks]
        if new and new[0][:1].islower():
            new[0] = new[0][:1].upper() + new[0][1:]
        out.append((new, tags))
    return out


def train_model(
    sents: Sequence[Sentence],
    output_path: Path,
    *,
    c1: float = 0.05,
    c2: float = 0.01,
    max_iterations: int = 150,
    extractor: FeatureExtractor | None = None,
) -> Path:
    """Train one CRF on ``sents`` and write it to ``output_path``."""
    import pycrfsuite

    extractor = extractor or FeatureExtractor(load_gazetteer())
    trainer = pycrfsuite.Trainer(verbose=False)
    for toks, tags in sents:
        trainer.append(extractor.sentence(toks), tags)
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": max_iterations,
            "feature.possible_transitions": True,
        }
    )
    output_path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(output_path))
    return output_path


def shipped_training_data(news_limit: int = 22_000) -> list[Sentence]:
    """The joint training set of the shipped model (no test split the tests score on)."""
    sents: list[Sentence] = []
    sents += corpus_split("nergrit", "train") + corpus_split("nergrit", "valid")
    sents += corpus_split("nerugm", "train.01") + corpus_split("nerugm", "dev.01")
    table = recase_table(_news_texts(news_limit))
    sents += recase(corpus_split("nerp", "train") + corpus_split("nerp", "valid"), table)
    return sents


def train(output_path: Path | str = DEFAULT_MODEL, *, max_iterations: int = 150,
          verbose: bool = False) -> dict[str, float | int | str]:
    """Rebuild the shipped NER model from ``../shared`` and write it to ``output_path``.

    Returns a summary (sentences, seconds, bytes, path).
    """
    t0 = time.perf_counter()
    output_path = Path(output_path)
    sents = shipped_training_data()
    if verbose:
        print(f"training on {len(sents)} sentences …", flush=True)
    train_model(sents, output_path, max_iterations=max_iterations)
    return {
        "sentences": len(sents),
        "seconds": round(time.perf_counter() - t0, 1),
        "bytes": output_path.stat().st_size,
        "path": str(output_path),
    }
