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
from itertools import chain
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
        self.bigram_words = self._bigram_words()

    def _bigram_words(self) -> tuple[frozenset[str], frozenset[str]]:
        """The words that can be first and second in the model's bigram features
        (``bg-=a|b``, ``bg+=a|b``), every split at a ``|`` counted (a word may hold one):
        a pair whose first word is not among the first ones, or whose second is not among
        the second ones, has neither feature."""
        first: set[str] = set()
        second: set[str] = set()
        for name in self.rows:
            if name.startswith(("bg-=", "bg+=")):
                text = name[4:]
                at = text.find("|")
                while at >= 0:
                    first.add(text[:at])
                    second.add(text[at + 1 :])
                    at = text.find("|", at + 1)
        return frozenset(first), frozenset(second)

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
        return np.add.reduceat(self.matrix.take(ids, axis=0), starts)  # take: see _scores_many


def viterbi(scores: Sequence[np.ndarray], transitions: np.ndarray) -> list[list[int]]:
    """Best label index path of each ``(tokens × labels)`` score matrix, all at once.

    Sentences are stacked as rows of one batch (zeros after a sentence's end: what a row
    computes past its end is never read), so every step is a handful of numpy calls for
    the whole batch. numpy's per-call cost dominates these tiny arrays, so each step is
    laid out for its cheapest calls: an argmax over the last axis, then the maxima read at
    those indices (``max`` over a 7-wide axis costs ~8x an ``argmax``). Same floats and
    same ties (the first maximum) as crfsuite's Viterbi.
    """
    lengths = [len(s) for s in scores]
    if not lengths or max(lengths) == 0:
        return [[] for _ in scores]
    batch, longest, n_labels = len(scores), max(lengths), transitions.shape[0]
    padded = np.zeros((longest, batch, n_labels))  # [step, sentence, label]
    for row, sentence in enumerate(scores):
        padded[: lengths[row], row] = sentence
    # [b, to j, from i]: the transitions tiled over the batch, so that the step's add has
    # operands of one shape (a broadcast add costs numpy's general iterator, ~4 µs a call
    # against ~1 µs for same-shape contiguous arrays)
    to_from = np.ascontiguousarray(np.broadcast_to(transitions.T, (batch, n_labels, n_labels)))
    delta = np.empty((longest, batch, n_labels))  # best score ending in each label
    delta[0] = padded[0]
    back = np.zeros((longest, batch, n_labels), dtype=np.intp)
    candidate = np.empty((batch, n_labels, n_labels))  # [b, to j, from i]
    spread = np.empty((batch, n_labels, n_labels))  # delta[t - 1][b, i] at [b, j, i], every j
    # flat index of delta[t - 1][b, i] for each [b, j, i]: one gather spreads the previous
    # step's scores over "to" (the same floats as broadcasting them)
    spreading = np.broadcast_to(
        np.arange(batch * n_labels).reshape(batch, 1, n_labels), spread.shape).copy()
    offsets = np.arange(0, batch * n_labels * n_labels, n_labels).reshape(batch, n_labels)
    picked = np.empty((batch, n_labels), dtype=np.intp)
    add, argmax, take = np.add, candidate.argmax, candidate.reshape(-1).take
    # the per-step views made once (iterating an array makes them in C): a view made by
    # indexing costs about as much as one of the step's calls
    steps = zip(delta[:-1].reshape(longest - 1, batch * n_labels),  # delta[t - 1], flat
                delta[1:], back[1:], padded[1:])
    # axis, out and mode passed by position: numpy parses keywords on every call (~5 % of
    # a step). Gathers in mode "clip": the indices are in range by construction, and with
    # ``out`` the default mode ("raise") copies through a buffer (~1 µs a call)
    for previous, current, best, state in steps:
        previous.take(spreading, None, spread, "clip")
        add(spread, to_from, candidate)  # delta[b, i] + T[i, j]
        argmax(2, best)  # axis 2, out
        add(best, offsets, picked)
        take(picked, None, current, "clip")  # flat, out
        add(current, state, current)
    # backpointers as bytes (labels < 256): indexing bytes is cheaper than the nested
    # lists tolist() builds
    pointers = back.astype(np.uint8).tobytes() if n_labels < 256 else back.ravel().tolist()
    last = delta[np.array(lengths) - 1, np.arange(batch)].argmax(axis=1).tolist()
    stride = batch * n_labels
    paths: list[list[int]] = []
    for row, n in enumerate(lengths):
        if n == 0:
            paths.append([])
            continue
        label = last[row]
        path = [label]
        append = path.append
        # where step t's pointers of this row start, for t = n - 1 … 1: the index
        # arithmetic of each step done by range, in C; the path is read backwards
        first = row * n_labels  # step 0's, which is not read
        for at in range((n - 1) * stride + first, first, -stride):
            label = pointers[at + label]
            append(label)
        path.reverse()
        paths.append(path)
    return paths


_CACHE_LIMIT = 200_000
# two word ids (or two model rows) packed in one int: each below 2**32
_ID_BITS = 32
_ID_MASK = (1 << _ID_BITS) - 1


class _WordTable:
    """Per-word vectors as rows of three growing matrices (own, seen by the next token, seen
    by the previous one) plus an id per word: a batch of sentences is then scored with a
    few gathers over all its tokens (one numpy call per sentence and term cost more than
    the sums). Row 0 of each matrix is zeros, the id of "no neighbour"."""

    def __init__(self, n_labels: int) -> None:
        self.ids: dict[str, int] = {}
        self.lows: list[str] = [""]  # id → lower-cased word
        self.size = 1
        capacity = 4096
        self.own = np.zeros((capacity, n_labels))
        self.to_next = np.zeros((capacity, n_labels))
        self.to_prev = np.zeros((capacity, n_labels))
        # per word id: whether the model has a bigram feature with the word first / second
        # (id 0, no neighbour: neither)
        self.first = np.zeros(capacity, dtype=bool)
        self.second = np.zeros(capacity, dtype=bool)

    def add(self, words: list[str], vectors: np.ndarray,
            bigram_words: tuple[frozenset[str], frozenset[str]]) -> None:
        """Append ``words`` whose vectors are rows ``3k, 3k+1, 3k+2`` of ``vectors``;
        ``bigram_words``: the words the model's bigram features hold first and second."""
        end = self.size + len(words)
        if end > len(self.own):
            capacity = max(2 * len(self.own), end)
            for name in ("own", "to_next", "to_prev", "first", "second"):
                old = getattr(self, name)
                grown = np.zeros((capacity, *old.shape[1:]), dtype=old.dtype)
                grown[: self.size] = old[: self.size]
                setattr(self, name, grown)
        self.own[self.size : end] = vectors[0::3]
        self.to_next[self.size : end] = vectors[1::3]
        self.to_prev[self.size : end] = vectors[2::3]
        lows = [word.lower() for word in words]
        self.first[self.size : end] = list(map(bigram_words[0].__contains__, lows))
        self.second[self.size : end] = list(map(bigram_words[1].__contains__, lows))
        for k, word in enumerate(words):
            self.ids[word] = self.size + k
        self.lows += lows
        self.size = end


class SentenceScorer:
    """Sentence → ``(tokens × labels)`` state scores, the same sums crfsuite makes from
    :meth:`FeatureExtractor.sentence`'s strings, built from cached per-word vectors.

    The sums are made in the order the features' scores were always added (own word, the
    word before, the word after, the two bigrams, BOS/EOS, gazetteer matches), each a whole
    vector at a time, so the scores are the same floats bit for bit however many sentences
    are scored together."""

    def __init__(self, model: CrfModel, features: FeatureExtractor) -> None:
        self.model = model
        self.features = features
        self.bos = model.vector(["BOS"])
        self.eos = model.vector(["EOS"])
        self._table = _WordTable(len(model.labels))
        # word ids of a and b (one int, see _bigram) → model matrix rows of ``bg-=a|b`` and
        # ``bg+=a|b`` (one int; the zero row if the model has no such feature); emptied with
        # the word table, whose ids it holds
        self._bigrams: dict[int, int] = {}
        # gazetteer feature → the first of its three rows (own, seen by the next token,
        # seen by the previous one) in ``_gaz_matrix``; few features (a few per list kind),
        # so the matrix is rebuilt when one is new
        self._gaz: dict[str, int] = {}
        self._gaz_rows: list[np.ndarray] = []
        self._gaz_matrix = np.zeros((0, len(model.labels)))
        # the tables grow and are reset while a batch is scored: one batch at a time
        self._lock = threading.Lock()

    def _new_words(self, words: list[str]) -> None:
        """Table rows for words not seen yet: all their vectors in one numpy call (one
        call per word cost more than the features themselves on unseen text)."""
        fx = self.features
        groups: list[list[str]] = []
        for word in words:
            groups += fx.word_and_context(word)
        self._table.add(words, self.model.vectors(groups), self.model.bigram_words)

    def _bigram(self, key: int) -> int:
        """Model rows of ``bg-=a|b`` (seen by ``b``, high bits) and ``bg+=a|b`` (seen by
        ``a``, low bits) for the words of ids ``key >> _ID_BITS`` and ``key & _ID_MASK``
        (the zero row where the model has no such feature)."""
        lows = self._table.lows
        text = lows[key >> _ID_BITS] + "|" + lows[key & _ID_MASK]
        rows, zero = self.model.rows, len(self.model.matrix) - 1
        entry = (rows.get("bg-=" + text, zero) << _ID_BITS) | rows.get("bg+=" + text, zero)
        self._bigrams[key] = entry
        return entry

    def _gazetteer(self, feature: str) -> int:
        """The first of ``feature``'s three rows in ``_gaz_matrix`` (added when new)."""
        row = self._gaz.get(feature)
        if row is None:
            vector = self.model.vector
            row = self._gaz[feature] = len(self._gaz_rows)
            self._gaz_rows += [vector([feature]), vector(["-1" + feature]),
                               vector(["+1" + feature])]
            self._gaz_matrix = np.array(self._gaz_rows)
        return row

    def scores(self, tokens: Sequence[str]) -> np.ndarray:
        """State scores of one non-empty sentence."""
        return self.scores_many([tokens])[0]

    def scores_many(self, sents: Sequence[Sequence[str]],
                    matches: Sequence[dict[int, list[str]]] | None = None) -> list[np.ndarray]:
        """State scores of each sentence (an empty one: no rows); ``matches`` are the
        sentences' :meth:`Gazetteer.sparse_match` when the caller has them already."""
        if not sents:
            return []
        full = [k for k, s in enumerate(sents) if s]
        if len(full) < len(sents):  # the batch's bookkeeping needs tokens in every sentence
            inner = self.scores_many([sents[k] for k in full],
                                     None if matches is None else [matches[k] for k in full])
            out = [np.zeros((0, len(self.model.labels))) for _ in sents]
            for k, scores in zip(full, inner, strict=True):
                out[k] = scores
            return out
        with self._lock:
            return self._scores_many(sents, matches)

    def _scores_many(self, sents: Sequence[Sequence[str]],
                     matches: Sequence[dict[int, list[str]]] | None) -> list[np.ndarray]:
        found_ids = [list(map(self._table.ids.get, s)) for s in sents]
        # word ids are >= 1 (0 is "no neighbour"): ``all`` finds a missing one (None) in C,
        # faster than ``None in``'s comparisons
        missing = [t for s, got in zip(sents, found_ids) if not all(got)
                   for t, i in zip(s, got) if i is None]
        if missing:
            new = list(dict.fromkeys(missing))
            if self._table.size + len(new) > _CACHE_LIMIT:
                # full: a new table, which needs every word of this batch
                self._table = _WordTable(len(self.model.labels))
                self._bigrams = {}
                new = list(dict.fromkeys(t for s in sents for t in s))
            self._new_words(new)
            ids = self._table.ids
            found_ids = [list(map(ids.__getitem__, s)) for s in sents]
        table = self._table
        zero = len(self.model.matrix) - 1
        # The batch's tokens as one row of word ids; each token's neighbours and bigrams are
        # the row shifted by one, cut at sentence edges (no neighbour: id 0 / the zero row of
        # the model). Whole-array numpy work: a Python loop per sentence and token cost more.
        lengths = np.fromiter(map(len, found_ids), np.intp, len(found_ids))
        ends = np.cumsum(lengths) - 1
        starts = ends - lengths + 1
        own = np.fromiter(chain.from_iterable(found_ids), np.intp, int(ends[-1]) + 1)
        before = np.empty_like(own)
        before[1:] = own[:-1]
        before[starts] = 0
        after = np.empty_like(own)
        after[:-1] = own[1:]
        after[ends] = 0
        # bigram rows of each pair of neighbours, keyed by the pair's word ids (one int);
        # most pairs cannot have one (a word the model's bigrams never hold, flagged per
        # word): they get the zero rows without a look-up (a new pair's two feature
        # strings were a tenth of tagging unseen text)
        pair = np.full(len(own) - 1, (zero << _ID_BITS) | zero, dtype=np.intp)
        maybe = np.flatnonzero(table.first[own[:-1]] & table.second[own[1:]])
        if len(maybe):
            keys = ((own[maybe] << _ID_BITS) | own[maybe + 1]).tolist()
            known = self._bigrams
            codes = list(map(known.get, keys))
            # codes are ints >= 1 unless the model has no state feature at all (then 0,
            # recomputed below to the same 0): ``all`` finds a missing one (None) in C
            # without the == comparisons of ``None in``
            if not all(codes):
                codes = [self._bigram(key) if c is None else c for key, c in zip(keys, codes)]
            pair[maybe] = codes
        bg_minus = np.empty_like(own)  # bg-=a|b, seen by b
        bg_minus[1:] = pair >> _ID_BITS
        bg_minus[starts] = zero
        bg_plus = np.empty_like(own)  # bg+=a|b, seen by a
        bg_plus[:-1] = pair & _ID_MASK
        bg_plus[ends] = zero
        matrix = self.model.matrix
        # rows gathered with take, not fancy indexing: the same rows, ~3x faster for a
        # few hundred rows of a 2-D array
        scores = table.own.take(own, axis=0)
        scores += table.to_next.take(before, axis=0)
        scores += table.to_prev.take(after, axis=0)
        scores += matrix.take(bg_minus, axis=0)
        scores += matrix.take(bg_plus, axis=0)
        scores[starts] += self.bos
        scores[ends] += self.eos
        gazetteer = self.features.gazetteer
        # gazetteer features, added in one unbuffered call that keeps their order; their
        # vectors gathered by row number from one matrix (a list of ~200 small arrays
        # turned into one cost more than the additions)
        at: list[int] = []
        rows: list[int] = []
        first = starts.tolist()
        gaz_row = self._gaz.get
        for k, sent in enumerate(sents):
            n, start = len(sent), first[k]
            found = matches[k] if matches is not None else gazetteer.sparse_match(sent)
            found = self.features.with_names(sent, found)
            # only tokens with gazetteer features (few), in token order
            for i in sorted(found):
                for feature in found[i]:
                    row = gaz_row(feature)
                    if row is None:
                        row = self._gazetteer(feature)
                    at.append(start + i)
                    rows.append(row)
                    if i + 1 < n:
                        at.append(start + i + 1)
                        rows.append(row + 1)
                    if i:
                        at.append(start + i - 1)
                        rows.append(row + 2)
        if at:
            np.add.at(scores, np.array(at, dtype=np.intp),
                      self._gaz_matrix.take(rows, axis=0))
        return [scores[start : start + len(sent)] for start, sent in zip(first, sents)]
