"""Tagging with a trained crfsuite model, decoded in numpy instead of by crfsuite.

Why hand-written: python-crfsuite takes one feature string per attribute, and converting
~20 strings per token (then looking each up in the model's dictionary) was 97 % of its
tagging time. A linear-chain CRF's state score is a sum of per-attribute weight vectors, so
here every word's attributes are summed ONCE into a vector (cached per distinct word), and a
sentence's scores are a few numpy additions; Viterbi then runs over all sentences of a batch
at once (numpy's per-call cost makes a step ~6 µs whatever the batch). For one long
sequence, steps cost more than crfsuite's C Viterbi, so the scores are handed to crfsuite as
values of a few basis attributes (:meth:`CrfModel._basis`) instead: ~2 µs per token. The
weights are read exactly (float64) from the model file, and the decoder follows crfsuite's
(no start/end transitions, first maximum wins), so the tags are crfsuite's: the tests
compare the two on the same sentences.
"""

from __future__ import annotations

import os
import re
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..errors import DataMissing
from .ner_features import FeatureExtractor

__all__ = ["CrfModel", "SentenceScorer", "viterbi"]

_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
_HEADER = np.dtype([
    ("magic", "S4"), ("size", "<u4"), ("type", "S4"), ("version", "<u4"),
    ("num_features", "<u4"), ("num_labels", "<u4"), ("num_attrs", "<u4"),
    ("off_features", "<u4"), ("off_labels", "<u4"), ("off_attrs", "<u4"),
    ("off_labelrefs", "<u4"), ("off_attrrefs", "<u4"),
])
_ENTRY_RE = re.compile(r"^ +(\d+): (.*)$", re.MULTILINE)


def _names(dump: str, section: str) -> dict[int, str]:
    """``id → name`` of one ``SECTION = { id: name ... }`` block of crfsuite's text dump."""
    start = dump.index(section + " = {")
    end = dump.index("\n}", start)
    return {int(i): name for i, name in _ENTRY_RE.findall(dump, start, end)}


def _dictionaries(tagger: object) -> tuple[dict[int, str], dict[int, str]]:
    """``(labels, attributes)``, each ``id → name``, from crfsuite's dump of the model.

    pycrfsuite's ``Tagger.dump(filename)`` closes its file descriptor twice (crfsuite's
    fclose, then ``os.close``): with other threads running (a Dask worker, the web server)
    the second close can hit a file or socket another thread has just opened under the same
    number. ``Tagger.info()`` dumps through a descriptor it does not close again, but parses
    every weight in Python (~2 s against 0.1 s), so it is used only when threads run."""
    if threading.active_count() > 1:
        info = tagger.info()  # type: ignore[attr-defined]
        return ({int(i): n for n, i in info.labels.items()},
                {int(i): n for n, i in info.attributes.items()})
    fd, name = tempfile.mkstemp(suffix=".txt")
    os.close(fd)
    try:
        tagger.dump(name)  # type: ignore[attr-defined]
        dump = Path(name).read_text(encoding="utf-8")
    finally:
        os.unlink(name)
    return _names(dump, "LABELS"), _names(dump, "ATTRIBUTES")


class CrfModel:
    """State weights (attribute → vector over labels) and transitions of a crfsuite model."""

    def __init__(self, tagger: object, path: Path) -> None:
        """Read ``path``, a model already opened by the pycrfsuite ``tagger``.

        Names come from crfsuite's own dump (its id → string dictionaries); weights from the
        binary feature chunk, as the dump prints them rounded to six decimals.
        """
        labels, attrs = _dictionaries(tagger)
        data = path.read_bytes()
        header = np.frombuffer(data, _HEADER, count=1)[0]
        if header["magic"] != b"lCRF" or header["type"] != b"FOMC":
            raise DataMissing(f"{path}: not a crfsuite CRF1d model; rebuild it with "
                              "`warta train ner`")
        chunk = int(header["off_features"])
        count = int(np.frombuffer(data, "<u4", count=1, offset=chunk + 8)[0])
        feats = np.frombuffer(data, _FEATURE, count=count, offset=chunk + 12)

        self.labels: list[str] = [labels[i] for i in range(len(labels))]
        n_labels = len(self.labels)
        state = feats[feats["type"] == 0]
        trans = feats[feats["type"] == 1]
        self.transitions = np.zeros((n_labels, n_labels))  # [from, to]
        self.transitions[trans["src"], trans["dst"]] = trans["weight"]
        matrix = np.zeros((len(attrs), n_labels))
        matrix[state["src"], state["dst"]] = state["weight"]
        used = np.flatnonzero(np.any(matrix != 0.0, axis=1))
        # rows of the attributes that weigh something, then one row of zeros
        self.matrix = np.vstack([matrix[used], np.zeros(n_labels)])
        self.rows: dict[str, int] = {attrs[int(i)]: k for k, i in enumerate(used)}
        self.weights: dict[str, np.ndarray] = {a: self.matrix[k] for a, k in self.rows.items()}
        self.zero = np.zeros(n_labels)
        self.zero.flags.writeable = False
        self.basis, self.basis_inverse = self._basis()

    def _basis(self) -> tuple[list[str], np.ndarray]:
        """As many attributes as labels whose weight rows span the label space, and the
        inverse of their matrix: given values ``scores @ inverse`` for them, crfsuite's own
        state score is ``scores`` again (to rounding), so its C Viterbi can decode scores
        built here. Rows are picked greedily by largest residual (pivoted Gram-Schmidt),
        which keeps the matrix well conditioned (condition number ~5 for the shipped
        model)."""
        names = list(self.weights)
        matrix = np.array([self.weights[n] for n in names])
        residual, chosen = matrix.copy(), []
        for _ in range(len(self.labels)):
            k = int(np.argmax(np.einsum("ij,ij->i", residual, residual)))
            chosen.append(k)
            unit = residual[k] / np.linalg.norm(residual[k])
            residual -= np.outer(residual @ unit, unit)
        return [names[k] for k in chosen], np.linalg.inv(matrix[chosen])

    def vector(self, features: Sequence[str]) -> np.ndarray:
        """Summed weights of ``features`` (unknown ones weigh nothing)."""
        weights = self.weights
        rows = [weights[f] for f in features if f in weights]
        if not rows:
            return self.zero
        return rows[0] if len(rows) == 1 else np.sum(rows, axis=0)

    def vectors(self, groups: Sequence[Sequence[str]]) -> np.ndarray:
        """:meth:`vector` of each group of features, as rows: one gather and one segmented
        sum for all groups (a new word's three vectors cost one numpy call, not three)."""
        rows, zero = self.rows, len(self.matrix) - 1
        ids: list[int] = []
        starts: list[int] = []
        for group in groups:
            starts.append(len(ids))
            ids += [rows[f] for f in group if f in rows]
            ids.append(zero)  # never an empty segment (reduceat would not give zeros)
        return np.add.reduceat(self.matrix[ids], starts)


def viterbi(scores: Sequence[np.ndarray], transitions: np.ndarray) -> list[list[int]]:
    """Best label index path of each ``(tokens × labels)`` score matrix, all at once.

    Sentences are stacked longest first, so at step ``t`` the ones still running are a prefix
    of the batch and every step is a handful of numpy operations for the whole batch.
    """
    order = sorted(range(len(scores)), key=lambda k: -len(scores[k]))
    lengths = [len(scores[k]) for k in order]
    if not lengths or lengths[0] == 0:
        return [[] for _ in scores]
    batch, longest, n_labels = len(order), lengths[0], transitions.shape[0]
    padded = np.zeros((batch, longest, n_labels))
    for row, k in enumerate(order):
        padded[row, : lengths[row]] = scores[k]
    back = np.zeros((longest, batch, n_labels), dtype=np.intp)
    delta = padded[:, 0].copy()
    candidate = np.empty((batch, n_labels, n_labels))
    running = batch
    # numpy's per-call overhead dominates these tiny arrays: every step writes in place
    for t in range(1, longest):
        while lengths[running - 1] <= t:
            running -= 1
        # cand[b, i, j]: best score ending in label i at t-1, then i → j
        cand = candidate[:running]
        np.add(delta[:running, :, None], transitions, out=cand)
        cand.argmax(axis=1, out=back[t, :running])
        cand.max(axis=1, out=delta[:running])
        delta[:running] += padded[:running, t]
    last = delta.argmax(axis=1).tolist()
    back_lists = back.tolist()
    paths: list[list[int]] = [[] for _ in scores]
    for row, k in enumerate(order):
        n = lengths[row]
        if n == 0:
            continue
        path = [0] * n
        path[-1] = label = last[row]
        for t in range(n - 1, 0, -1):
            label = back_lists[t][row][label]
            path[t - 1] = label
        paths[k] = path
    return paths


_CACHE_LIMIT = 200_000
# word → (own vector, vector for the token after, for the token before, lower-cased)
_WordEntry = tuple[np.ndarray, np.ndarray, np.ndarray, str]


class SentenceScorer:
    """Sentence → ``(tokens × labels)`` state scores, the same sums crfsuite makes from
    :meth:`FeatureExtractor.sentence`'s strings, built from cached per-word vectors."""

    def __init__(self, model: CrfModel, features: FeatureExtractor) -> None:
        self.model = model
        self.features = features
        self.bos = model.vector(["BOS"])
        self.eos = model.vector(["EOS"])
        # one dict entry per key so that concurrent taggers never see half an entry
        self._words: dict[str, _WordEntry] = {}
        self._bigrams: dict[tuple[str, str], tuple[np.ndarray | None, np.ndarray | None]] = {}
        self._gaz: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

    def _new_words(self, words: list[str]) -> dict[str, _WordEntry]:
        """Cache entries for words not seen yet: all their vectors in one numpy call (one
        call per word cost more than the features themselves on unseen text)."""
        fx = self.features
        groups: list[list[str]] = []
        for word in words:
            to_next, to_prev = fx._context_features(word)
            groups += (fx._word_features(word), to_next, to_prev)
        vectors = self.model.vectors(groups)
        new = {word: (vectors[3 * k], vectors[3 * k + 1], vectors[3 * k + 2], word.lower())
               for k, word in enumerate(words)}
        if len(self._words) > _CACHE_LIMIT:
            self._words = {}
        self._words.update(new)
        return new

    def _bigram(self, pair: tuple[str, str]) -> tuple[np.ndarray | None, np.ndarray | None]:
        """Weights of ``bg-=a|b`` (seen by ``b``) and ``bg+=a|b`` (seen by ``a``), if known."""
        entry = self._bigrams.get(pair)
        if entry is None:
            text = pair[0] + "|" + pair[1]
            weights = self.model.weights
            entry = (weights.get("bg-=" + text), weights.get("bg+=" + text))
            if len(self._bigrams) > _CACHE_LIMIT:
                self._bigrams = {}
            self._bigrams[pair] = entry
        return entry

    def _gazetteer(self, feature: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        entry = self._gaz.get(feature)
        if entry is None:
            vector = self.model.vector
            entry = (vector([feature]), vector(["-1" + feature]), vector(["+1" + feature]))
            self._gaz[feature] = entry
        return entry

    def scores(self, tokens: Sequence[str]) -> np.ndarray:
        """State scores of one non-empty sentence."""
        n = len(tokens)
        known = self._words
        missing = [t for t in dict.fromkeys(tokens) if t not in known]
        if missing:
            new = self._new_words(missing)
            entries = [known.get(t) or new[t] for t in tokens]
        else:
            entries = [known[t] for t in tokens]
        scores = np.array([e[0] for e in entries])
        if n > 1:
            scores[1:] += np.array([e[1] for e in entries[:-1]])
            scores[:-1] += np.array([e[2] for e in entries[1:]])
            before_at, before, after_at, after = [], [], [], []
            for i in range(1, n):
                seen_by_second, seen_by_first = self._bigram((entries[i - 1][3], entries[i][3]))
                if seen_by_second is not None:
                    before_at.append(i)
                    before.append(seen_by_second)
                if seen_by_first is not None:
                    after_at.append(i - 1)
                    after.append(seen_by_first)
            if before:  # indices are distinct within each list, so += is safe
                scores[before_at] += np.array(before)
            if after:
                scores[after_at] += np.array(after)
        scores[0] += self.bos
        scores[n - 1] += self.eos
        for i, feats in enumerate(self.features.gazetteer.match(tokens)):
            for feature in feats:
                own, to_next, to_prev = self._gazetteer(feature)
                scores[i] += own
                if i + 1 < n:
                    scores[i + 1] += to_next
                if i:
                    scores[i - 1] += to_prev
        return scores
