"""Train warta's CRF named-entity model from the corpora in ``../shared/data/ner``.

``train(output_path)`` rebuilds the shipped model (``warta train ner`` calls it). The corpora
are read only here, at training time; the repository ships the trained weights alone.

Corpora and label mapping (to PER, ORG, LOC, EVT):

* NERGrit (IndoNLU): PERSON→PER, PLACE→LOC, ORGANISATION→ORG.
* NERP (IndoNLU, lower-cased): PPL→PER, PLC→LOC, IND→ORG, EVT→EVT, FNB→dropped. Not in the
  shipped model by default (``include_nerp=True`` adds it, re-cased with a surface-form
  table counted on unlabelled news): measured, it lowers held-out ORG F1 on NERGrit
  (58 → 49) and NER-UGM (65 → 35) because its IND annotations follow other conventions,
  and its lower-cased EVT spans alone reach only ~24 F1. The per-corpus evaluation still
  trains and scores a NERP model.
* IndoLEM NER-UGM: PERSON→PER, LOCATION→LOC, ORGANIZATION→ORG; TIME/QUANTITY→dropped
  (dates and amounts have their own extractors, and the other corpora leave them O).

The shipped model never sees the test splits the unit tests score it on (NERGrit test,
NER-UGM fold-1 test).
"""

from __future__ import annotations

import copy
import gzip
import json
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import shared_path
from ..errors import DocumentError, UsageError
from .ner import bio_spans
from .ner_clusters import (
    build_clusters,
    cluster_news_texts,
    indosum_dev_articles,
    write_clusters,
)
from .ner_lexicon import NAMES_FILE, build_names, load_names, write_names
from .ner_features import (
    CLUSTERS_FILE,
    DATA_DIR,
    FREQUENT_MARK,
    WORD_CLASSES_FILE,
    FeatureExtractor,
    Gazetteer,
    load_clusters,
    load_gazetteer,
    load_word_classes,
    recase_tokens,
)

if TYPE_CHECKING:
    from .entity_spans import NameLexicon

__all__ = [
    "CORPORA",
    "DEFAULT_MODEL",
    "FULL_LABEL_MAPS",
    "LABEL_MAPS",
    "Sentence",
    "TRAINING_ALGORITHMS",
    "augment",
    "corpus_all",
    "corpus_split",
    "cut_org_conflicts",
    "fill_consistent",
    "harmonise",
    "loco_training_data",
    "loco_training_domains",
    "loco_training_parts",
    "lowercase_copies",
    "map_labels",
    "news_sentences",
    "news_statistics",
    "normalise_spans",
    "read_conll",
    "recase",
    "self_training_data",
    "shipped_training_data",
    "train",
    "train_model",
    "write_word_classes",
]

Sentence = tuple[list[str], list[str]]

DEFAULT_MODEL = DATA_DIR / "ner.crfsuite"
NEWS_LIMIT = 30_000  # all of CLICK-ID (22,136 articles)
# words seen this often in a model's training data keep no cluster features of their own
# (:func:`back_off_clusters`); 0: every word has them. Off: at 2, per-corpus test F1 NERGrit
# 74.81 → 75.80 but NERP 77.93 → 77.32, NER-UGM 77.83 → 77.31, and every leave-one-corpus-out
# figure fell (benchmarks/RESULTS-ner.md, h11n4)
CLUSTER_BACKOFF = 0
# train every sentence with capitals twice, once without its cluster features
# (:func:`train_model`). Off: per-corpus test F1 NERGrit 74.59 → 76.73, NER-UGM 77.80 →
# 77.79, NERP (lower-cased, 3 copies) 78.21 → 78.49, leave-one-corpus-out mean 64.37 → 64.38,
# but the shipped model lost 1.56 on NERP test (benchmarks/RESULTS-ner.md, h11n5)
CLUSTER_DROPOUT = False

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
        raise UsageError(f"unknown NER corpus {corpus!r}; known: {', '.join(CORPORA)}")
    folder, files = CORPORA[corpus]
    if split not in files:
        raise UsageError(f"corpus {corpus!r} has no split {split!r}; known: {', '.join(files)}")
    path = shared_path("data", "ner", *folder.split("/"), files[split])
    mapping = LABEL_MAPS[corpus] if mapping is None else mapping
    return [(toks, map_labels(tags, mapping)) for toks, tags in read_conll(path)]


# The labelled sentences of each corpus, all splits (NER-UGM: its five test folds, which
# partition the corpus): what a leave-one-corpus-out run trains on and scores.
_ALL_SPLITS: dict[str, tuple[str, ...]] = {
    "nergrit": ("train", "valid", "test"),
    "nerp": ("train", "valid", "test"),
    "nerugm": tuple(f"test.{k:02d}" for k in range(1, 6)),
}


def corpus_all(corpus: str) -> list[Sentence]:
    """Every labelled sentence of a corpus (shipped label map), all splits once."""
    if corpus not in _ALL_SPLITS:
        raise UsageError(f"unknown NER corpus {corpus!r}; known: {', '.join(CORPORA)}")
    return [s for split in _ALL_SPLITS[corpus] for s in corpus_split(corpus, split)]


def loco_training_data(left_out: str, recase_with: dict[str, str], *,
                       include_nerp: bool = True,
                       case_copies: dict[str, str] | None = None,
                       normalise: bool = False,
                       harmonised: dict[str, bool] | None = None,
                       org_cut: bool = False) -> list[Sentence]:
    """Leave-one-corpus-out training set: every sentence of every corpus but ``left_out``.

    NERP is lower-cased and re-cased with ``recase_with`` as in the shipped model;
    ``include_nerp=False`` gives the older recipe (NERGrit and NER-UGM only).
    ``case_copies`` (the word-class table) adds a lower-cased, re-cased copy of every cased
    corpus (:func:`lowercase_copies`), as the shipped model is trained; the copies follow
    their corpus (:func:`loco_training_domains` counts the corpora as annotated; with copies
    or cuts, :func:`loco_training_parts` gives each sentence's corpus). ``normalise``
    brings the training corpora to one convention: NER-UGM's spans cut at commas and
    brackets as the other corpora do (:func:`normalise_spans`), and names each corpus
    mostly tags filled in where it left them O (:func:`fill_consistent`). ``harmonised``
    (options of :func:`harmonise`) brings each training corpus to warta's span convention.
    ``org_cut``: each training sentence is cut around the known organisations its corpus
    left untagged, after the steps above (:func:`cut_org_conflicts`).
    """
    return [s for _, part in loco_training_parts(
        left_out, recase_with, include_nerp=include_nerp, case_copies=case_copies,
        normalise=normalise, harmonised=harmonised, org_cut=org_cut) for s in part]


def loco_training_parts(left_out: str, recase_with: dict[str, str], *,
                        include_nerp: bool = True,
                        case_copies: dict[str, str] | None = None,
                        normalise: bool = False,
                        harmonised: dict[str, bool] | None = None,
                        org_cut: bool = False) -> list[tuple[str, list[Sentence]]]:
    """:func:`loco_training_data` as ``(corpus, sentences)`` pairs, one per training corpus
    (its lower-cased copies included), so each sentence's corpus is known after the cuts
    and copies (for :func:`augment`)."""
    if left_out not in _ALL_SPLITS:
        raise UsageError(f"unknown NER corpus {left_out!r}; known: {', '.join(CORPORA)}")
    parts: list[tuple[str, list[Sentence]]] = []
    for corpus in _ALL_SPLITS:
        if corpus == left_out or (corpus == "nerp" and not include_nerp):
            continue
        part = corpus_all(corpus)
        if normalise and corpus in SPAN_CUTS:
            part = normalise_spans(part, SPAN_CUTS[corpus])
        if corpus == "nerp":
            part = recase(part, recase_with)
        if harmonised is not None:
            part = harmonise(part, **harmonised)
        if normalise:
            part = fill_consistent(part)
        if org_cut:
            part = cut_org_conflicts(part)
        if case_copies is not None and corpus != "nerp":
            part = part + lowercase_copies(part, case_copies)
        parts.append((corpus, part))
    return parts


def loco_training_domains(left_out: str, *, include_nerp: bool = True) -> list[str]:
    """The corpus of each sentence of :func:`loco_training_data` (same order)."""
    return [corpus for corpus in _ALL_SPLITS
            if corpus != left_out and (include_nerp or corpus != "nerp")
            for _ in corpus_all(corpus)]


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


def _context_cues() -> dict[tuple[str, str], frozenset[str]]:
    """(kind, side) → cue words, from ``data/ner_context_cues.tsv``."""
    cues: dict[tuple[str, str], frozenset[str]] = {}
    for line in (DATA_DIR / "ner_context_cues.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, side, words = line.split("\t")
            cues[(kind, side)] = cues.get((kind, side), frozenset()) | set(words.split())
    return cues


def _bucket(share: float) -> str:
    return "0" if share < 0.05 else "1" if share < 0.2 else "2" if share < 0.5 else "3"


def news_statistics(
    texts: Iterable[str], min_count: int = 3
) -> tuple[dict[str, str], dict[str, str]]:
    """Count how words are written and what stands next to them in unlabelled news.

    Returns the re-casing table (lower-cased word → most frequent written form, counted away
    from sentence starts) and the word-class table: lower-cased word → ``case`` or
    ``case|LPO``. ``case`` is ``u`` (mostly ALL-CAPS), ``t3`` (≥ 90 % capitalised), ``t2``
    (≥ 50 %), ``t1`` (≥ 10 %) or ``t0``: whether a word is usually a name, even in lower-cased
    input (+1.5 to +2.7 test F1 on the three corpora). ``LPO`` are three digits 0-3: how often
    the capitalised word follows a place cue (``di``, ``ke``), stands by a person cue
    (``kata``, ``Presiden`` …, ``… mengatakan``) or follows an organisation cue (``partai``,
    ``PT``), from ``data/ner_context_cues.tsv``: a cheap distributional class (+0.2 dev,
    +2.8 NERGrit test F1). A one-pass neighbour-signature clustering was tried and dropped
    (it lowered dev F1).
    """
    cues = _context_cues()
    loc_prev, per_prev = cues[("loc", "prev")], cues[("per", "prev")]
    per_next, org_prev = cues[("per", "next")], cues[("org", "prev")]
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    caps: Counter[str] = Counter()
    ctx: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for text in texts:
        toks = _WORD_RE.findall(text)
        lows = [t.lower() for t in toks]
        for i, tok in enumerate(toks):
            low = lows[i]
            prev = lows[i - 1] if i else "."
            if prev not in _SENT_END and tok[:1].isalpha():
                forms[low][tok] += 1
            if tok[:1].isupper():
                caps[low] += 1
                nxt = lows[i + 1] if i + 1 < len(lows) else ""
                counts = ctx[low]
                counts[0] += prev in loc_prev
                counts[1] += prev in per_prev or nxt in per_next
                counts[2] += prev in org_prev
    table: dict[str, str] = {}
    classes: dict[str, str] = {}
    for low in set(forms) | set(caps):
        counts = forms.get(low, Counter())
        total = sum(counts.values())
        case = "none"
        if total >= min_count:
            form, _ = counts.most_common(1)[0]
            if form != low:
                table[low] = form
            upper = sum(n for f, n in counts.items() if f.isupper() and len(f) > 1)
            ratio = sum(n for f, n in counts.items() if f[:1].isupper()) / total
            case = "u" if upper / total >= 0.5 else "t3" if ratio >= 0.9 else (
                "t2" if ratio >= 0.5 else "t1" if ratio >= 0.1 else "t0")
        if caps[low] >= min_count:
            n = caps[low]
            classes[low] = case + "|" + "".join(_bucket(c / n) for c in ctx[low])
        elif case != "none":
            classes[low] = case
    return table, classes


def write_word_classes(classes: dict[str, str], path: Path) -> None:
    """Write the word-class table (gzip TSV, sorted so rebuilds are byte-stable)."""
    body = "".join(f"{w}\t{c}\n" for w, c in sorted(classes.items()))
    with gzip.GzipFile(path, "wb", mtime=0) as fh:
        fh.write(body.encode("utf-8"))


def recase(sents: list[Sentence], table: dict[str, str]) -> list[Sentence]:
    """Re-case lower-cased sentences with ``table``; capitalise the first word."""
    out = []
    for toks, tags in sents:
        new = [table.get(t, t) for t in toks]
        if new and new[0][:1].islower():
            new[0] = new[0][:1].upper() + new[0][1:]
        out.append((new, tags))
    return out


# Where NER-UGM's guidelines differ from NERGrit's and NERP's: its spans run over commas
# (``Kompleks Parlemen , Senayan , Jakarta`` one LOC, 63 times) and brackets (``Partai
# Persatuan Pembangunan ( PPP )`` one ORG, 55 times); the other two cut there.
SPAN_CUTS: dict[str, frozenset[str]] = {"nerugm": frozenset({",", "(", ")"})}


def normalise_spans(sents: list[Sentence], cuts: frozenset[str]) -> list[Sentence]:
    """Cut entity spans at the tokens in ``cuts``: the token becomes O and the rest of the
    span, if any, a new span of the same label (``X , Y`` → ``X`` and ``Y``).

    Applied to a TRAINING corpus whose guidelines differ (``SPAN_CUTS``), so the joint model
    is not taught two conventions at once; never to a corpus being scored. Measured leave
    one corpus out (NER-UGM cut at commas and brackets): NERGrit 58.62 → 60.18, NERP
    60.52 → 60.69 F1 (LOC +3.7, ORG -3.4)."""
    out: list[Sentence] = []
    for toks, tags in sents:
        new = list(tags)
        for i, tok in enumerate(toks):
            if tok in cuts and new[i] != "O":
                label = new[i][2:]
                new[i] = "O"
                if i + 1 < len(toks) and new[i + 1] == "I-" + label and toks[i + 1] not in cuts:
                    new[i + 1] = "B-" + label
        out.append((toks, new))
    return out


def fill_consistent(sents: list[Sentence], share: float = 0.5, min_count: int = 3,
                    max_len: int = 3) -> list[Sentence]:
    """Within one corpus, a capitalised name (up to ``max_len`` tokens) tagged with one label
    in at least ``share`` of its occurrences (and ``min_count`` times) gets that label where
    the annotators left it O: NER-UGM tags ``SBY`` PER 22 times and leaves it O 22 times,
    ``Jokowi`` 66 / 21. Training corpora only (never a scored one); the corpus' own majority
    decides, so NERP's ``Golkar`` (O 175 times, ORG once) stays O. Measured leave one corpus
    out on top of the copies and the span cuts: NERGrit 60.11 → 60.26, NERP 60.69 → 62.00,
    NER-UGM 69.33 → 69.02 (61 / 482 / 288 names filled in NERGrit / NERP / NER-UGM)."""
    labels: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for toks, tags in sents:
        for start, end, label in bio_spans(tags):
            if end - start <= max_len:
                labels[tuple(toks[start:end])][label] += 1
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for key in labels:
        by_first[key[0]].append(key)
    for keys in by_first.values():
        keys.sort(key=len, reverse=True)  # longest name first
    untagged: Counter[tuple[str, ...]] = Counter()
    for toks, tags in sents:
        for i, tok in enumerate(toks):
            for key in by_first.get(tok, ()):
                end = i + len(key)
                if tuple(toks[i:end]) == key and all(t == "O" for t in tags[i:end]):
                    untagged[key] += 1
    fill: dict[tuple[str, ...], str] = {}
    for key, counts in labels.items():
        label, n = counts.most_common(1)[0]
        if (n >= min_count and untagged[key] and key[0][:1].isupper()
                and n / (sum(counts.values()) + untagged[key]) >= share):
            fill[key] = label
    out: list[Sentence] = []
    for toks, tags in sents:
        new = list(tags)
        n = len(toks)
        for i, tok in enumerate(toks):
            for key in by_first.get(tok, ()):
                end = i + len(key)
                if (key in fill and tuple(toks[i:end]) == key
                        and all(t == "O" for t in new[i:end])
                        and (i == 0 or new[i - 1] == "O")
                        and (end == n or not new[end].startswith("I-"))):
                    new[i:end] = [f"B-{fill[key]}"] + [f"I-{fill[key]}"] * (len(key) - 1)
                    break
        out.append((toks, new))
    return out


def harmonise(sents: list[Sentence], *, titles: bool = True, places: bool = True,
              org_conflicts: bool = False) -> list[Sentence]:
    """Bring one TRAINING corpus to warta's own span convention, written as data in
    ``data/name_titles.tsv`` (what ``entity_spans`` does to tagged spans), so the joint
    model is not taught two conventions at once. Decided from that data file and the
    training corpora's guidelines, never from a scored corpus' errors:

    * ``titles``: role, rank and title-part words at the front of a PER span are outside it
      (NER-UGM tags ``Pak`` inside PER 10 times and outside 10 times, ``Presiden`` 10
      times inside; NERGrit and NERP leave them out): ``Pak Jokowi`` → ``Pak`` O.
    * ``places``: a capitalised place head word (kind ``place``: ``Kabupaten``, ``Kota``,
      ``Provinsi``, ``Gunung`` …) tagged O right before a LOC span joins it, as NERGrit and
      NERP mostly annotate (``Kabupaten`` inside LOC 102 of 103 times in NERGrit; NER-UGM
      leaves ``Kota`` out 14 of 16 times).
    * ``org_conflicts``: sentences where a name of warta's organisation gazetteer
      (``gazetteer_org.txt``, acronyms case-sensitively) is left wholly O are dropped (NERP
      leaves parties, ``DPR``, ``KPK`` O; warta tags them ORG).

    Measured leave one corpus out (60 iterations, on top of the recipe with the clusters):
    ``titles`` + ``places`` NERGrit 59.41 → 60.94, NERP 63.15 → 63.23, NER-UGM 69.72 →
    69.70 (the eval's default); ``org_conflicts`` on top, NERGrit 60.97 (drops 2,079 of
    13,086 training sentences; off). Not in the shipped model: its held-out figures moved
    both ways (NERGrit test 74.03 → 75.06, NER-UGM fold-1 test 77.63 → 77.18, NERP test
    53.32 → 53.56).
    """
    from .entity_spans import load_name_lexicon

    lex = load_name_lexicon()
    gaz = load_gazetteer() if org_conflicts else None
    out: list[Sentence] = []
    for toks, tags in sents:
        new = list(tags)
        lows = [t.lower() for t in toks]
        if titles:
            _strip_person_titles(lows, new, lex)
        if places:
            for start, _end, label in bio_spans(new):
                k = start - 1
                if (label == "LOC" and k >= 0 and new[k] == "O" and toks[k][:1].isupper()
                        and lows[k] in lex.places):
                    new[k], new[start] = "B-LOC", "I-LOC"
        if gaz is not None and _org_left_out(toks, new, gaz):
            continue
        out.append((toks, new))
    return out


def _strip_person_titles(lows: list[str], tags: list[str], lex: NameLexicon) -> None:
    """Role/rank phrases (then title parts) out of the front of each PER span, in place."""
    for start, end, label in bio_spans(tags):
        if label != "PER":
            continue
        i, stripped = start, False
        while i < end:
            n = 0
            for size in range(min(lex.max_len, end - i), 0, -1):
                key = tuple(lows[i : i + size])
                if key in lex.roles or (stripped and key in lex.parts):
                    n = size
                    break
            if not n:
                break
            i += n
            stripped = True
        if i > start:
            tags[start:i] = ["O"] * (i - start)
            if i < end:
                tags[i] = "B-PER"


def _org_left_out(toks: list[str], tags: list[str], gaz: Gazetteer) -> bool:
    """Whether a gazetteer organisation stands in the sentence wholly tagged O."""
    return bool(_orgs_left_out(toks, tags, gaz))


def _orgs_left_out(toks: list[str], tags: list[str], gaz: Gazetteer) -> list[tuple[int, int]]:
    """The ``(start, end)`` token spans of the gazetteer organisations (acronyms
    case-sensitively) the sentence leaves wholly tagged O, in order."""
    found = gaz.sparse_match(toks)
    spans = []
    for i in sorted(found):
        if "gz:ORG:B" in found[i]:
            end = i + 1
            while "gz:ORG:I" in found.get(end, ()):
                end += 1
            if all(t == "O" for t in tags[i:end]):
                spans.append((i, end))
    return spans


def cut_org_conflicts(sents: list[Sentence], min_len: int = 3) -> list[Sentence]:
    """Cut each TRAINING sentence around the organisations of warta's gazetteer
    (``gazetteer_org.txt``) its corpus left wholly O, keeping the pieces between them of
    ``min_len`` tokens or more (an ``I-`` opening a piece becomes ``B-``).

    Where a guideline leaves a kind of organisation out (NERP: parties, ``DPR``, ``KPK``;
    NER-UGM: ``KPK`` 38 times of 47), its O on those words says nothing warta can use, and
    a joint model learns "party = O" from it (the bare CRF trained on NERP + NERGrit scores
    ORG 16.5 on NER-UGM). :func:`harmonise`'s ``org_conflicts`` drops such sentences with
    their persons and places (NER-UGM left out: ORG +6.8 but PER −2.1); cutting keeps
    the rest of the sentence. Same rule for every training corpus; never for a scored one.
    Measured leave one corpus out (the eval's default since h11n6): NERGrit 60.69 → 60.69,
    NERP 63.10 → 64.23, NER-UGM 70.05 → 70.48 (60 iterations: 60.25 → 61.45, 63.47 →
    64.12, 69.39 → 70.17; NER-UGM's bare-CRF ORG 16.5 → 49.5). Not in the shipped
    model: trained on NERGrit and NER-UGM as annotated, the same cut moved its held-out
    splits 73.05 → 73.24 (NERGrit test), 77.63 → 77.19 (NER-UGM fold-1 test, whose
    annotators leave ``KPK`` O), 53.56 → 53.28 (NERP test).
    """
    gaz = load_gazetteer()
    out: list[Sentence] = []
    for toks, tags in sents:
        conflicts = _orgs_left_out(toks, tags, gaz)
        if not conflicts:
            out.append((toks, tags))
            continue
        start = 0
        for i, end in [*conflicts, (len(toks), len(toks))]:
            if i - start >= min_len:
                piece = list(tags[start:i])
                if piece[0].startswith("I-"):
                    piece[0] = "B-" + piece[0][2:]
                out.append((list(toks[start:i]), piece))
            start = max(start, end)
    return out


def lowercase_copies(sents: list[Sentence], classes: dict[str, str]) -> list[Sentence]:
    """Each cased sentence lower-cased and re-cased from the word classes, as the tagger
    re-cases lower-cased input (:func:`~warta.enrich.ner_features.recase_tokens`).

    Trained beside the cased originals, they teach the model names the re-caser cannot
    restore (``maudy koesnaedi``: not in the news table) from context and word classes.
    Measured leave-one-corpus-out, NERP (lower-cased) left out: 53.84 → 60.52 F1 (PER
    59.8 → 72.8)."""
    return [(recase_tokens([t.lower() for t in toks], classes), tags) for toks, tags in sents]


# Feature kinds copied per corpus: the word, its classes, the gazetteer hits and the label
# prior. Those carry each corpus' annotation conventions (NERP leaves ``KPK`` and ``partai``
# O, NERGrit and NER-UGM tag them ORG).
_AUGMENTED = ("bias", "w=", "k=", "gz:", "-1w=", "+1w=")


def augment(feats: list[list[str]], domain: str) -> list[list[str]]:
    """Daumé's "frustratingly easy" domain adaptation: beside every general feature of the
    kinds in ``_AUGMENTED`` a copy private to the sentence's corpus. Training splits each
    corpus' conventions into the private copies, so the general weights the tagger uses
    hold what the corpora agree on."""
    return [row + [f"{domain}|{f}" for f in row if f.startswith(_AUGMENTED)] for row in feats]


def back_off_clusters(clusters: dict[str, str], sents: Iterable[Sentence],
                      min_count: int) -> dict[str, str]:
    """``clusters`` with every word seen ``min_count`` times or more in ``sents``
    (lower-cased) marked frequent (:data:`FREQUENT_MARK`): such a word keeps its identity
    feature but not its own cluster features (the usual back-off: a class feature for the
    words the labelled data says little about). With the clusters on every word, the
    per-corpus NERGrit model (1,672 sentences) lost 2 F1 to the cluster weights taking
    over from the word features of frequent words; this gets half of it back but costs
    the larger corpora (see :data:`CLUSTER_BACKOFF`)."""
    counts = Counter(t.lower() for toks, _ in sents for t in toks)
    return {w: (FREQUENT_MARK + b if counts[w] >= min_count and not b.startswith(FREQUENT_MARK)
                else b) for w, b in clusters.items()}


def _without_clusters(extractor: FeatureExtractor) -> FeatureExtractor:
    """A copy of ``extractor`` that computes every feature but the cluster ones."""
    plain = copy.copy(extractor)
    plain.set_clusters({})  # also gives the copy its own (empty) per-word cache
    return plain


# crfsuite training algorithms train_model offers: L-BFGS with L1/L2 (shipped) and the
# averaged perceptron (measured leave one corpus out, benchmarks/RESULTS-ner.md h14ner)
TRAINING_ALGORITHMS = ("lbfgs", "ap")


def train_model(
    sents: Sequence[Sentence],
    output_path: Path,
    *,
    c1: float = 0.1,
    c2: float = 0.05,
    max_iterations: int = 150,
    extractor: FeatureExtractor | None = None,
    domains: Sequence[str] | None = None,
    cluster_backoff: int = CLUSTER_BACKOFF,
    cluster_dropout: bool = CLUSTER_DROPOUT,
    algorithm: str = "lbfgs",
) -> Path:
    """Train one CRF on ``sents`` and write it to ``output_path``.

    ``domains`` (one corpus name per sentence) turns on feature augmentation (see
    :func:`augment`); tagging never emits the corpus copies, so it costs nothing there.
    ``cluster_backoff`` (> 0): words seen that many times in ``sents`` lose their own
    cluster features (:func:`back_off_clusters`); the extractor's table is replaced by the
    backed-off one, which is written beside the model for the tagger (0: as given).
    ``cluster_dropout``: every sentence with a capital letter is also given once without
    its cluster features (feature bagging by copies, see :func:`_without_clusters`), so the
    word and shape features are trained as if there were no clusters and the cluster
    weights learn what is left; lower-cased sentences keep theirs (no casing to go by);
    ``c1`` and ``c2`` are multiplied by the copies' share so the prior per sentence stays;
    tagging reads every feature as before. ``algorithm``: crfsuite's training algorithm
    (``lbfgs``, the shipped one; ``ap``, the averaged perceptron, takes no ``c1``/``c2``)."""
    import pycrfsuite

    extractor = extractor or FeatureExtractor(load_gazetteer(), word_classes=load_word_classes(),
                                              clusters=load_clusters(), names=load_names())
    if cluster_backoff and extractor.clusters:
        extractor.set_clusters(back_off_clusters(extractor.clusters, sents, cluster_backoff))
        output_path.parent.mkdir(parents=True, exist_ok=True)
        write_clusters(extractor.clusters, output_path.parent / CLUSTERS_FILE)
    if algorithm not in TRAINING_ALGORITHMS:
        raise UsageError(f"unknown CRF training algorithm {algorithm!r}; known: "
                         f"{', '.join(TRAINING_ALGORITHMS)}")
    trainer = pycrfsuite.Trainer(algorithm=algorithm, verbose=False)
    if domains is not None and len(domains) != len(sents):
        raise UsageError(f"{len(domains)} domains for {len(sents)} sentences: give one each")
    plain = _without_clusters(extractor) if cluster_dropout and extractor.clusters else None
    appended = 0
    for k, (toks, tags) in enumerate(sents):
        # only a sentence with capitals gets a copy: in lower-cased text the clusters are
        # what stands in for the casing, so they are never dropped there
        cased = plain is not None and any(ch.isupper() for tok in toks for ch in tok)
        for fx in (extractor, plain) if cased else (extractor,):
            feats = fx.sentence(toks)
            if domains is not None:
                feats = augment(feats, domains[k])
            trainer.append(feats, tags)
            appended += 1
    # crfsuite's L1/L2 prior is not divided by the number of sentences: copies would weaken
    # it, so it grows with them (the prior per original sentence kept)
    scale = appended / len(sents) if sents else 1.0
    params: dict[str, float | int | bool] = {
        "max_iterations": max_iterations,
        "feature.possible_transitions": True,
    }
    if algorithm == "lbfgs":  # the other algorithms have no L1/L2 prior
        params |= {"c1": c1 * scale, "c2": c2 * scale}
    trainer.set_params(params)
    output_path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(output_path))
    return output_path


def news_sentences(limit: int, *, min_len: int = 8, max_len: int = 40,
                   stride: int = 3) -> list[list[str]]:
    """Up to ``limit`` tokenised sentences of unlabelled news for self-training: IndoSum's
    (sentence-split and tokenised by its authors, unlike CLICK-ID's comma-joined
    paragraphs), every ``stride``-th article of its dev folds, sentences of
    ``min_len``-``max_len`` tokens with a capitalised word past their first and at most half
    their words capitalised (no headlines)."""
    out: list[list[str]] = []
    for k, row in enumerate(indosum_dev_articles(), start=1):
        if k % stride:
            continue
        for para in row["paragraphs"]:
            for sent in para:
                caps = sum(t[:1].isupper() for t in sent[1:])
                if min_len <= len(sent) <= max_len and 0 < caps <= len(sent) // 2:
                    out.append(list(sent))
                    if len(out) >= limit:
                        return out
    return out


def self_training_data(model_path: Path, extractor: FeatureExtractor,
                       sents: Iterable[Sequence[str]], threshold: float = 0.9,
                       skip_kinds: frozenset[str] = frozenset()) -> list[Sentence]:
    """Unlabelled sentences tagged by a trained CRF, kept when the model gives its best
    tag sequence probability ≥ ``threshold`` and it holds an entity ("silver" data for a
    second training round: self-training). A sentence with an entity of ``skip_kinds``
    is not kept (e.g. ORG, where the labelled corpora's guidelines contradict each other:
    silver ORG would spread one corpus' convention)."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    out: list[Sentence] = []
    for toks in sents:
        tagger.set(extractor.sentence(toks))
        tags = tagger.tag()
        if skip_kinds and any(t[2:] in skip_kinds for t in tags):
            continue
        if any(t != "O" for t in tags) and tagger.probability(tags) >= threshold:
            out.append((list(toks), tags))
    return out


def shipped_training_data(recase_with: dict[str, str], *, include_nerp: bool = False,
                          case_copies: dict[str, str] | None = None,
                          normalise: bool = False,
                          harmonised: dict[str, bool] | None = None) -> list[Sentence]:
    """The joint training set of the shipped model (no test split the tests score on);
    ``case_copies`` (the word-class table) adds the lower-cased copies
    (:func:`lowercase_copies`) of the cased corpora, ``normalise`` brings them to one
    convention as :func:`loco_training_data` does (span cuts, consistent names),
    ``harmonised`` (options of :func:`harmonise`) to warta's span convention."""
    grit = corpus_split("nergrit", "train") + corpus_split("nergrit", "valid")
    ugm = corpus_split("nerugm", "train.01") + corpus_split("nerugm", "dev.01")
    if harmonised is not None:
        grit, ugm = harmonise(grit, **harmonised), harmonise(ugm, **harmonised)
    if normalise:
        grit = fill_consistent(grit)
        ugm = fill_consistent(normalise_spans(ugm, SPAN_CUTS["nerugm"]))
    cased = grit + ugm
    sents = list(cased)
    if case_copies is not None:
        sents += lowercase_copies(cased, case_copies)
    if include_nerp:
        nerp = corpus_split("nerp", "train") + corpus_split("nerp", "valid")
        sents += recase(nerp, recase_with)
    return sents


def train(output_path: Path | str = DEFAULT_MODEL, *, max_iterations: int = 150,
          include_nerp: bool = False, case_copies: bool = False, normalise: bool = False,
          clusters: bool = True, c1: float = 0.1, c2: float = 0.05,
          harmonised: dict[str, bool] | None = None, names: bool = False,
          cluster_dropout: bool = CLUSTER_DROPOUT,
          verbose: bool = False) -> dict[str, float | int | str]:
    """Rebuild the shipped NER model from ``../shared`` and write it to ``output_path``.

    ``case_copies`` and ``normalise`` (see :func:`shipped_training_data`) are off for the
    shipped model. Measured (150 iterations, same data otherwise), the lower-cased copies
    raise NERP test (lower-cased input) 50.61 → 57.23 F1 but lower the cased held-out
    splits (NERGrit test 73.23 → 72.12, NER-UGM fold-1 test 77.55 → 77.30), which most
    news is; ``normalise`` has not been measured on the shipped model. The news word
    clusters (``clusters``, on) raised every held-out figure of the shipped model (NERGrit
    test 73.23 → 74.03, NER-UGM fold-1 test 77.55 → 77.63, NERP test 50.39 → 53.32);
    ``c2=0.5`` lowered them (73.27 / 77.43 / 52.92) though it helps leave-one-corpus-out.
    ``harmonised`` (:func:`harmonise`; off) moved them both ways: titles and places 75.06 /
    77.18 / 53.56, titles only 73.77 / 77.43 / 53.86, places only 73.79 / 77.27 / 53.19.

    Also writes the word-class table (``ner_wordclass.tsv.gz``) and the news word clusters
    (``ner_clusters.tsv.gz``, :mod:`~warta.enrich.ner_clusters`; ``clusters=False`` writes
    an empty table and trains without them) beside the model, and with ``names`` (off: it
    did not raise every leave-one-corpus-out figure, see benchmarks/RESULTS-ner.md) the
    news name lexicon (``ner_news_names.tsv.gz``, :mod:`~warta.enrich.ner_lexicon`): the
    tagger loads the tables found next to its model. Returns a summary (sentences,
    seconds, bytes, paths).
    """
    t0 = time.perf_counter()
    output_path = Path(output_path)
    output_path.parent.mkdir(parents=True, exist_ok=True)
    table, classes = news_statistics(_news_texts(NEWS_LIMIT))
    classes_path = output_path.parent / WORD_CLASSES_FILE
    write_word_classes(classes, classes_path)
    clusters_path = output_path.parent / CLUSTERS_FILE
    word_clusters = build_clusters(cluster_news_texts()) if clusters else {}
    write_clusters(word_clusters, clusters_path)
    names_path = output_path.parent / NAMES_FILE
    if names:
        write_names(build_names(cluster_news_texts()), names_path)
    elif names_path.is_file():
        names_path.unlink()  # a stale lexicon would give the model features it never saw
    sents = shipped_training_data(table, include_nerp=include_nerp,
                                  case_copies=classes if case_copies else None,
                                  normalise=normalise, harmonised=harmonised)
    if verbose:
        print(f"training on {len(sents)} sentences …", flush=True)
    extractor = FeatureExtractor(load_gazetteer(), word_classes=classes,
                                 clusters=word_clusters, names=load_names(names_path))
    train_model(sents, output_path, max_iterations=max_iterations, extractor=extractor,
                c1=c1, c2=c2, cluster_dropout=cluster_dropout)
    return {
        "sentences": len(sents),
        "seconds": round(time.perf_counter() - t0, 1),
        "bytes": output_path.stat().st_size,
        "path": str(output_path),
        "word_classes": str(classes_path),
        "clusters": str(clusters_path),
        "names": str(names_path),
    }
