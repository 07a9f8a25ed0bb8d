"""Named-entity tagging: a CRF (python-crfsuite) trained by warta and shipped in the package.

``load_tagger()`` returns the cached :class:`NerTagger`; ``tag(tokens)`` gives BIO tags with
labels PER, ORG, LOC and EVT. ``bio_spans`` and ``score`` are the span reader and the
seqeval-style (exact span and type) scorer used by the evaluation and the tests.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count, repeat
from operator import contains, itemgetter, or_
from pathlib import Path

import numpy as np

from ..errors import DataMissing, DocumentError
from .ner_decode import CrfModel, SentenceScorer, viterbi
from .ner_lexicon import NAMES_FILE, load_names
from .ner_features import (
    CLUSTERS_FILE,
    DATA_DIR,
    WORD_CLASSES_FILE,
    FeatureExtractor,
    Gazetteer,
    Probe,
    conjunction_parts,
    load_clusters,
    load_gazetteer,
    load_word_classes,
    recase_tokens,
)

__all__ = [
    "LABELS", "MODEL_PATH", "NerTagger", "apply_rules", "bio_spans", "load_tagger",
    "read_conll_tokens", "score", "tag_conll", "tag_known_organisations",
]

MODEL_PATH = DATA_DIR / "ner.crfsuite"
LABELS = ("PER", "ORG", "LOC", "EVT")
_BATCH = 256


class NerTagger:
    """A CRF model plus the feature extractor it was trained with."""

    def __init__(self, model_path: Path | str, *, rules: bool = True, recase: bool = True,
                 features: FeatureExtractor | None = None) -> None:
        """Load a model; ``rules`` adds the gazetteer back-off, ``recase`` re-cases
        all-lower-case sentences (turn both off for a model trained on lower-cased text);
        ``features``: the extractor the model was trained with, when it is not the one
        built from the tables beside the model (an experiment's options)."""
        import pycrfsuite

        path = Path(model_path)
        if not path.is_file():
            raise DataMissing(
                f"NER model {path} not found: reinstall warta, or rebuild it with "
                "`warta train ner` (needs ../shared)"
            )
        self.path = path
        self.rules = rules
        self.recase = recase
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))
        # The word-class and cluster tables travel with their model (``train`` writes
        # them beside it); a model elsewhere without them uses the packaged ones.
        classes = path.parent / WORD_CLASSES_FILE
        clusters = path.parent / CLUSTERS_FILE
        names = path.parent / NAMES_FILE
        self._features = features or FeatureExtractor(
            load_gazetteer(),
            word_classes=load_word_classes(classes if classes.is_file() else None),
            clusters=load_clusters(clusters if clusters.is_file() else None),
            names=load_names(names if names.is_file() else None),
        )
        # Tagging sums cached per-word weight vectors and decodes in numpy or, for long
        # sentences, in crfsuite from basis values (see ner_decode): same tags as feeding
        # crfsuite the feature strings, ~40 % less time per article.
        self._model = CrfModel(self._tagger, path)
        if features is None:
            # a model trained with conjunction features is read with them
            parts = conjunction_parts(self._model.rows)
            if parts:
                self._features.conjunctions = frozenset(parts.split(","))
        self._scorer = SentenceScorer(self._model, self._features)
        self._label_index = {label: k for k, label in enumerate(self._model.labels)}
        self._lock = threading.Lock()

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """BIO tags for one tokenised sentence (``[]`` for no tokens)."""
        return self.tag_sents([tokens])[0]

    def tag_sents(self, sents: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags for many sentences, decoded together (faster than one by one)."""
        return self.tag_sents_probed(sents)[0]

    def tag_sents_probed(self, sents: Sequence[Sequence[str]]
                         ) -> tuple[list[list[str]], list[list[Probe] | None]]:
        """:meth:`tag_sents`, plus each sentence's :meth:`Gazetteer.probes` for a caller
        that runs more gazetteer rules on the same tokens (``None`` where the tagger saw
        the sentence re-cased, i.e. other tokens)."""
        prepared = [
            self._recase(s) if self.recase and "".join(s).islower() else s  # none upper-case
            for s in sents
        ]
        gazetteer = self._features.gazetteer
        # probes and gazetteer matches feed both the scores and the rules: found once per
        # sentence
        probes = [gazetteer.probes(s) for s in prepared]
        matches = [gazetteer.sparse_match(s, p) for s, p in zip(prepared, probes)]
        scores = self._scorer.scores_many([s for s in prepared if s],
                                          [m for s, m in zip(prepared, matches) if s])
        # batches bound the padded arrays when a whole corpus is tagged at once
        paths = iter([path for k in range(0, len(scores), _BATCH)
                      for path in self._decode(scores[k : k + _BATCH])])
        labels = self._model.labels
        out: list[list[str]] = []
        for tokens, found, probed in zip(prepared, matches, probes):
            if not tokens:
                out.append([])
                continue
            tags = list(map(labels.__getitem__, next(paths)))
            if self.rules:
                apply_rules(tokens, tags, gazetteer, found, probed)
            out.append(tags)
        return out, [p if s is t else None for s, t, p in zip(sents, prepared, probes)]

    def _decode(self, scores: list[np.ndarray]) -> list[list[int]]:
        """Label paths: numpy Viterbi over the batch when its steps (the longest sentence)
        are few against its tokens, else crfsuite's Viterbi sentence by sentence (a numpy
        step costs ~3x a token in crfsuite; measured, see ner_decode)."""
        if 3 * max(map(len, scores), default=0) < sum(map(len, scores)):
            return viterbi(scores, self._model.transitions)
        model, index = self._model, self._label_index
        paths = []
        for sentence in scores:
            # einsum, not @: BLAS would wake its worker threads for a 7-column product
            values = np.einsum("ij,jk->ik", sentence, model.basis_inverse).tolist()
            items = [dict(zip(model.basis, row)) for row in values]
            # a crfsuite tagger holds the sequence it is working on: one call at a time
            with self._lock:
                tags = self._tagger.tag(items)
            paths.append([index[t] for t in tags])
        return paths

    def _recase(self, tokens: Sequence[str]) -> list[str]:
        """Re-case an all-lower-case sentence from the word classes (``u`` → NATO, ``t2``/``t3``
        → Jakarta): the model learnt from cased text (NERP test F1 20 → 49 measured)."""
        return recase_tokens(tokens, self._features.word_classes)


# Capitalised words that open an organisation's name whatever follows (``Kementerian Luar
# Negeri Rusia``); the CRF, seeing ``Rusia`` last, tends to cut such names short.
_ORG_OPENERS = frozenset(
    "Kementerian Kemenko Departemen Direktorat Badan Dinas Dewan Komisi Majelis Mahkamah "
    "Pengadilan Kejaksaan Kepolisian Universitas Institut Partai Lembaga Yayasan PT Perum "
    "Asosiasi Persatuan Perhimpunan Ikatan Komite".split()
)


def _is_name_word(token: str) -> bool:
    return token[:1].isupper() and token[:1].isalpha()


def apply_rules(tokens: Sequence[str], tags: list[str], gazetteer: Gazetteer,
                matches: dict[int, list[str]] | None = None,
                probes: list[Probe] | None = None) -> None:
    """Gazetteer back-off after the CRF, in place (``matches``:
    ``gazetteer.sparse_match(tokens)`` and ``probes``: ``gazetteer.probes(tokens)``, when
    the caller has them already).

    1. A capitalised organisation opener followed by capitalised words becomes one ORG span
       (it may swallow a place the CRF saw at its end, never a person).
    2. A known organisation acronym (``NATO``, ``KPK``) the CRF left as O becomes ORG.
    3. ``<title> <known organisation or place> <Name>`` tagged as one ORG or LOC span
       (``juru bicara NATO Oana Lungescu``, ``Presiden Prancis Emmanuel Macron``) is split
       into the organisation or place and the person: the apposition news uses for roles.
    4. Events (EVT), which no cased training corpus labels: a known event name (``SEA
       Games``, ``Piala Dunia``) or a capitalised event opener (``KTT``, ``Pemilu``,
       ``Piala``) followed by capitalised words or numbers (``KTT G20``, ``Pemilu 2024``).
    """
    _split_role_apposition(tokens, tags, gazetteer, matches)
    if probes is None:
        probes = gazetteer.probes(tokens)
    _tag_events(tokens, tags, gazetteer, _opening(probes))
    n = len(tokens)
    done = 0
    # only an opener or a known acronym can change a tag: the others are skipped at once
    # (the test, ``tok in _ORG_OPENERS or "ORG" in probe[0]``, runs in C over the tokens)
    for i in compress(count(), map(or_, map(_ORG_OPENERS.__contains__, tokens),
                                   map(contains, map(itemgetter(0), probes), repeat("ORG")))):
        if i < done:
            continue  # inside an organisation just tagged
        if tokens[i] in _ORG_OPENERS and tags[i] in ("O", "B-ORG", "B-LOC"):
            j = i + 1
            while j < n and _is_name_word(tokens[j]) and not tags[j].endswith("PER"):
                j += 1
            if j - i > 1 and (j == n or not tags[j].startswith("I-")):
                tags[i] = "B-ORG"
                for k in range(i + 1, j):
                    tags[k] = "I-ORG"
                done = j
                continue
        if tags[i] == "O" and "ORG" in probes[i][0] and (
                i + 1 == n or not tags[i + 1].startswith("I-")):
            tags[i] = "B-ORG"


def _opening(probes: Sequence[tuple[tuple[str, ...], int, bool]]) -> list[int]:
    """Indices of the probes that say "capitalised and opens a gazetteer entry" (found in C)."""
    return list(compress(count(), map(itemgetter(2), probes)))


def tag_known_organisations(tokens: Sequence[str], tags: list[str],
                            gazetteer: Gazetteer | None = None,
                            probes: list[Probe] | None = None) -> None:
    """A capitalised name the gazetteer knows only as an organisation (``Polri``,
    ``Bloomberg``, ``Bank Indonesia``), left wholly untagged by the CRF, becomes ORG, in place.

    Run by the entity layer, not by :func:`apply_rules`: the NER corpora disagree on such
    names (NER-UGM leaves ``KPK`` O 38 times of 47, NERP always), so the tagger's corpus
    figures keep their conventions (measured in the tagger: NER-UGM fold-1 test
    77.55 → 76.82), while an analyst gets ``Polri`` every time it is written. ``probes``:
    ``gazetteer.probes(tokens)`` when the caller has them."""
    gazetteer = gazetteer or load_gazetteer()
    candidates = _opening(gazetteer.probes(tokens) if probes is None else probes)
    first = gazetteer.first
    n, done = len(tokens), 0
    for i in candidates:
        tok = tokens[i]
        if i < done or tags[i] != "O" or not tok[:1].isalpha():
            continue
        lows = [t.lower() for t in tokens[i : i + first[tok.lower()]]]
        for length in range(len(lows), 0, -1):
            kinds = gazetteer.entries.get(tuple(lows[:length]))
            end = i + length
            if (kinds and "ORG" in kinds and "LOC" not in kinds and "CTRY" not in kinds
                    and all(t == "O" for t in tags[i:end])
                    and all(_is_name_word(t) or not t.isalpha() for t in tokens[i:end])
                    and (end == n or not tags[end].startswith("I-"))):
                tags[i:end] = ["B-ORG"] + ["I-ORG"] * (length - 1)
                done = end
                break


def _event_length(tokens: Sequence[str], i: int, gazetteer: Gazetteer) -> int:
    """Tokens of an event name starting at ``i`` (0 if none starts there)."""
    # no EVT/EVTHEAD entry opens with this word (most words): none can be found below, and
    # none is longer than the longest that does
    most = gazetteer.event_first.get(tokens[i].lower(), 0)
    if not most:
        return 0
    lows = [t.lower() for t in tokens[i : i + most]]
    for length in range(len(lows), 0, -1):
        kinds = gazetteer.entries.get(tuple(lows[:length]), ())
        if "EVT" in kinds and _is_name_word(tokens[i]):
            return length
        if "EVTHEAD" in kinds and _is_name_word(tokens[i]):
            j = i + length
            while j < len(tokens) and (_is_name_word(tokens[j]) or tokens[j].isdigit()):
                j += 1
            return j - i if j - i > length else 0
    return 0


def _tag_events(tokens: Sequence[str], tags: list[str], gazetteer: Gazetteer,
                candidates: Sequence[int]) -> None:
    n, done = len(tokens), 0
    for i in candidates:
        if i < done or tags[i].startswith("I-"):
            continue
        length = _event_length(tokens, i, gazetteer)
        end = i + length
        if length and not any(t.endswith("PER") for t in tags[i:end]) and (
            end == n or not tags[end].startswith("I-")
        ):
            tags[i:end] = ["B-EVT"] + ["I-EVT"] * (length - 1)
            done = end


_APPOSITION_KINDS = {"ORG": "ORG", "LOC": "LOC", "CTRY": "LOC"}


def _known_name(tokens: Sequence[str], start: int, gazetteer: Gazetteer) -> tuple[int, str]:
    """(length, label) of the longest known organisation or place at ``start``, or (0, "")."""
    lows = [t.lower() for t in tokens[start : start + gazetteer.max_len]]
    for length in range(len(lows), 0, -1):
        kinds = gazetteer.entries.get(tuple(lows[:length]), ())
        if length == 1:
            kinds = kinds + gazetteer.acronyms.get(tokens[start], ())
        for kind, label in _APPOSITION_KINDS.items():
            if kind in kinds:
                return length, label
    return 0, ""


def _split_role_apposition(tokens: Sequence[str], tags: list[str], gazetteer: Gazetteer,
                           matches: dict[int, list[str]] | None = None) -> None:
    if "I-ORG" not in tags and "I-LOC" not in tags:
        return  # no organisation or place of two tokens or more (the common case)
    spans = [sp for sp in bio_spans(tags) if sp[2] in ("ORG", "LOC") and sp[1] - sp[0] > 1]
    if not spans:
        return
    found = gazetteer.sparse_match(tokens) if matches is None else matches
    cue_end = {i for i, feats in found.items() if "gz:CUE:B" in feats
               or "gz:CUE:I" in feats}
    for start, end, _ in spans:
        if start - 1 not in cue_end:
            continue
        known, label = _known_name(tokens, start, gazetteer)
        rest = tokens[start + known : end]
        if known and rest and all(_is_name_word(t) and not t.isupper() for t in rest):
            tags[start : start + known] = [f"B-{label}"] + [f"I-{label}"] * (known - 1)
            tags[start + known : end] = ["B-PER"] + ["I-PER"] * (len(rest) - 1)


@lru_cache(maxsize=4)
def load_tagger(model_path: str | None = None) -> NerTagger:
    """The shipped tagger (loaded once, offline); pass ``model_path`` for another model."""
    return NerTagger(model_path or MODEL_PATH)


def read_conll_tokens(path: Path | str) -> list[list[str]]:
    """Sentences of a CoNLL-style file: the first column of each line, blank lines between.

    Extra columns (gold tags) are ignored, so any labelled corpus can be re-tagged.
    """
    path = Path(path)
    if not path.is_file():
        raise DocumentError(f"{path}: no such CoNLL file; give a file with one token per line")
    sents: list[list[str]] = []
    current: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        token = line.split("\t", 1)[0].strip()
        if token:
            current.append(token)
        elif current:
            sents.append(current)
            current = []
    if current:
        sents.append(current)
    return sents


def tag_conll(path: Path | str, tagger: NerTagger | None = None) -> list[list[tuple[str, str]]]:
    """Tag a CoNLL-style file: per sentence, ``(token, BIO tag)`` pairs."""
    tagger = tagger or load_tagger()
    return [list(zip(s, tagger.tag(s), strict=True)) for s in read_conll_tokens(path)]


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` token spans (end exclusive) from BIO tags.

    An ``I-`` that does not continue a span of the same label opens a new span, as seqeval
    does in its default (non-strict) mode.
    """
    spans: list[tuple[int, int, str]] = []
    start, label, last = -1, "", -2
    # Only the tags other than O are visited (most are O; the scan for them runs in C). An O
    # closes an open span and opens none, so a gap after the last tag visited closes the
    # span there, as the O right after it would.
    for i in compress(range(len(tags)), map("O".__ne__, tags)):
        if start >= 0 and i != last + 1:
            spans.append((start, last + 1, label))
            start, label = -1, ""
        prefix, _, lab = tags[i].partition("-")
        continues = prefix == "I" and lab == label and start >= 0
        if start >= 0 and not continues:
            spans.append((start, i, label))
            start, label = -1, ""
        if prefix in ("B", "I") and not continues:
            start, label = i, lab
        last = i
    if start >= 0:
        spans.append((start, last + 1, label))
    return spans


@dataclass(slots=True)
class _Counts:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    def prf(self) -> dict[str, float | int]:
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(100 * p, 2), "recall": round(100 * r, 2),
                "f1": round(100 * f, 2), "support": self.gold}


def score(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> dict:
    """Entity-level micro P/R/F1 (in %) and per-label figures, exact span and type.

    Hand-written (a dozen lines) rather than adding seqeval to the core install; it follows
    seqeval's default span rules (see :func:`bio_spans`).
    """
    total = _Counts()
    per: dict[str, _Counts] = {}
    for g_tags, p_tags in zip(gold, pred, strict=True):
        g = set(bio_spans(g_tags))
        p = set(bio_spans(p_tags))
        for spans, attr in ((g, "gold"), (p, "pred"), (g & p, "tp")):
            for span in spans:
                c = per.setdefault(span[2], _Counts())
                setattr(c, attr, getattr(c, attr) + 1)
                setattr(total, attr, getattr(total, attr) + 1)
    out = total.prf()
    out["labels"] = {lab: per[lab].prf() for lab in sorted(per)}
    return out
