"""Extractive summary: the most summary-worthy sentences of an article, in document order.

A small sentence ranker scores every sentence from features that do not depend on an outlet
or a topic (position, length, likeness to the title and to the whole article, density of
names and numbers, quotation marks — of the sentence and of its neighbours) and keeps the
best, best first, until they hold the word budget of ``n`` sentences (:func:`fill_budget`:
two long sentences or four short ones rather than always three). The model is a small
gradient-boosted tree ensemble trained by :mod:`warta.enrich.summary_train` on IndoSum's
extractive labels; its trees are a JSON file in ``enrich/data`` (see
``SUMMARY_MODEL_CARD.txt``), walked with numpy — nothing heavy is loaded at run time.

The leading sentences are the fallback: the whole article when it has ``n`` sentences or
fewer, and the first sentences under the same word budget when the model file is missing or
unreadable. LEAD-n (the first ``n`` sentences) is the baseline the ranker is measured
against (``evals/eval_summary.py``).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, repeat
from operator import itemgetter, mul
from pathlib import Path

import numpy as np

from ..lang.normalize import Term, analyze_tokens, analyze_tokens_with_positions
from ..lang.sentences import split_sentences
from ..lang.tokenize import Token, tokenize

__all__ = [
    "DEFAULT_MODEL",
    "FEATURES",
    "SentenceRanker",
    "WORDS_PER_SENTENCE",
    "document_sentences",
    "fill_budget",
    "lead",
    "load_ranker",
    "select",
    "sentence_features",
    "summarize",
]

DEFAULT_MODEL = Path(__file__).with_name("data") / "summary_ranker.json"
DEFAULT_SENTENCES = 3
# The word budget per requested sentence (:func:`fill_budget`): 3 sentences' worth is 48 of
# warta's words (about 50 whitespace words), which keeps the summaries' average length at
# LEAD-3's and at the ranker's best three on IndoSum (60-62 words; the reference summaries
# there average 59 words whatever the article's length).
WORDS_PER_SENTENCE = 16

# The feature names, in column order; the model file names them too, and a model whose list
# differs is refused (it was trained on other features).
FEATURES = (
    "pos_0",
    "pos_1",
    "pos_2",
    "pos_3",
    "pos_inv",
    "pos_rel",
    "paragraph_inv",
    "first_in_paragraph",
    "words",
    "short",
    "long",
    "title_overlap",
    "title_cosine",
    "centroid_cosine",
    "centroid_rank",
    "lead_cosine",
    "capitalised",
    "numbers",
    "quote",
    "starts_quote",
    "question",
    "doc_sentences",
    "pos_inv_x_doc",
    "words_x_pos_inv",
    "pos_4",
    "pos_5",
    "pos_inv_x_centroid",
    "pos_inv_x_title",
    "title_rank",
    "words_rel",
    "no_stop_end",
    "pos_0_x_short",
    "paragraph_size",
    "index_in_paragraph",
    "paragraph_rel",
    "prev_centroid_cosine",
    "prev_title_overlap",
    "prev_words",
    "prev_quote",
    "prev_capitalised",
    "next_centroid_cosine",
    "next_title_overlap",
    "next_words",
    "next_quote",
    "next_capitalised",
    "doc_paragraphs",
)
# Columns whose values of the previous and next sentence are features too (the context).
_CONTEXT = ("centroid_cosine", "title_overlap", "words", "quote", "capitalised")

_QUOTES = frozenset('"“”„«»')
_TERM = itemgetter(0)  # Term.term
_WORDS = frozenset({"word", "abbrev"})
_COUNTED = frozenset({"word", "abbrev", "number", "currency"})
_ENDS = frozenset({".", "!", "?", "...", "…"})


@dataclass(slots=True)
class DocSentence:
    """A sentence of the article: its text, paragraph index, tokens and analysed terms.

    Offsets of ``tokens`` and ``terms`` are into the sentence's paragraph (into the sentence
    itself for :func:`sentences_from_text`). Keywords read the same objects, so an enriched
    article is tokenized and analysed once for both."""

    text: str
    paragraph: int
    first_in_paragraph: bool
    tokens: list[Token]
    terms: list[Term]


def document_sentences(
    paragraphs: Sequence[str], tokens: Sequence[list[Token]] | None = None
) -> list[DocSentence]:
    """The article's sentences (warta's splitter), paragraph by paragraph. ``tokens`` are the
    paragraphs' :func:`~warta.lang.tokenize.tokenize` when the caller has them already."""
    out: list[DocSentence] = []
    for p, paragraph in enumerate(paragraphs):
        given = tokens[p] if tokens is not None else None
        for k, sentence in enumerate(split_sentences(paragraph, tokens=given)):
            own = sentence.tokens
            out.append(DocSentence(sentence.text, p, k == 0, own, analyze_tokens_with_positions(own)))
    return out


def sentences_from_text(paragraphs: Sequence[Sequence[str]]) -> list[DocSentence]:
    """Sentences already split (as in IndoSum): paragraphs of sentence strings."""
    out: list[DocSentence] = []
    for p, paragraph in enumerate(paragraphs):
        for k, text in enumerate(paragraph):
            tokens = tokenize(text)
            out.append(DocSentence(text, p, k == 0, tokens, analyze_tokens_with_positions(tokens)))
    return out


def _cosine(a: Counter[str], b: Counter[str], norm_a: float, norm_b: float) -> float:
    if not norm_a or not norm_b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    # a term absent from b adds 0: the same integer dot product, summed in C
    return sum(map(mul, a.values(), map(b.get, a, repeat(0)))) / (norm_a * norm_b)


def _norm(c: Counter[str]) -> float:
    values = c.values()
    return math.sqrt(sum(map(mul, values, values)))


def _token_counts(tokens: Sequence[Token]) -> tuple[int, int, int, bool]:
    """``(words, capitalised words after the first, numbers, has a quotation mark)`` of a
    sentence's tokens, in one pass over them (four passes were a tenth of the summary)."""
    words = caps = nums = 0
    quote = False
    for text, _, _, kind in tokens:
        if kind in _WORDS:
            if words and text[:1].isupper():
                caps += 1
            words += 1
        elif kind == "number":
            nums += 1
        elif kind == "quote" and text in _QUOTES:  # the tokenizer gives these kind quote only
            quote = True
    return words, caps, nums, quote


def sentence_features(sentences: Sequence[DocSentence], title: str | None) -> np.ndarray:
    """One row of :data:`FEATURES` per sentence (float64, shape ``(len(sentences), F)``)."""
    n = len(sentences)
    if not n:
        return np.zeros((0, len(FEATURES)), dtype=np.float64)
    # a Term's first field is its term: read in C (the same terms in the same order)
    bags = [Counter(map(_TERM, s.terms)) for s in sentences]
    norms = [_norm(b) for b in bags]
    # every term of the body counted at once (in C); the same counts as adding the bags
    centroid = Counter(map(_TERM, chain.from_iterable(s.terms for s in sentences)))
    c_norm = _norm(centroid)
    title_bag = Counter(analyze_tokens(tokenize(title))) if title else Counter()
    t_norm = _norm(title_bag)
    lead_bag, lead_norm = bags[0], norms[0]
    log_n = math.log1p(n)
    centroid_sims = [_cosine(b, centroid, nb, c_norm) for b, nb in zip(bags, norms)]
    order = sorted(range(n), key=lambda i: -centroid_sims[i])
    rank = [0] * n
    for r, i in enumerate(order):
        rank[i] = r
    overlaps = [  # the title terms each sentence holds, counted in C
        sum(map(b.__contains__, title_bag)) / len(title_bag) if title_bag else 0.0 for b in bags
    ]
    t_order = sorted(range(n), key=lambda i: -overlaps[i])
    t_rank = [0] * n
    for r, i in enumerate(t_order):
        t_rank[i] = r
    counted = [_token_counts(s.tokens) for s in sentences]
    mean_len = (sum(c[0] for c in counted) / n) or 1.0
    size = Counter(s.paragraph for s in sentences)
    # Paragraph numbers as counted among paragraphs that hold sentences (empty ones skipped).
    order = {p: k for k, p in enumerate(sorted(size))}
    n_paragraphs = len(order)
    neighbours = (0.0,) * (2 * len(_CONTEXT))
    table = []  # rows as tuples: one numpy conversion at the end is far cheaper than per cell
    index = 0
    for i, s in enumerate(sentences):
        index = 0 if i == 0 or s.paragraph != sentences[i - 1].paragraph else index + 1
        w, caps, nums, quote = counted[i]
        starts_quote = bool(s.tokens) and s.tokens[0].text in _QUOTES
        question = bool(s.tokens) and s.tokens[-1].text in ("?", '?"')
        pos_inv = 1.0 / (i + 1)
        overlap = overlaps[i]
        ends = s.tokens[-1].text if s.tokens else ""
        words_scaled = min(w, 60) / 30.0
        table.append((
            i == 0,
            i == 1,
            i == 2,
            i == 3,
            pos_inv,
            i / n,
            1.0 / (s.paragraph + 1),
            s.first_in_paragraph,
            words_scaled,
            w < 6,
            w > 35,
            overlap,
            _cosine(bags[i], title_bag, norms[i], t_norm),
            centroid_sims[i],
            rank[i] / n,
            _cosine(bags[i], lead_bag, norms[i], lead_norm) if i else 0.0,
            caps / w if w else 0.0,
            nums / w if w else 0.0,
            quote,
            starts_quote,
            question,
            log_n,
            pos_inv * log_n,
            words_scaled * pos_inv,
            i == 4,
            i == 5,
            pos_inv * centroid_sims[i],
            pos_inv * overlap,
            t_rank[i] / n,
            w / mean_len,
            not (ends in _ENDS or ends in _QUOTES or ends == ")"),
            i == 0 and w < 6,
            size[s.paragraph],
            index,
            order[s.paragraph] / n_paragraphs,
            *neighbours,
            n_paragraphs,
        ))
    rows = np.array(table, dtype=np.float64)
    if n > 1:  # the neighbours' own columns, shifted by one sentence
        rows[1:, _PREV] = rows[:-1, _OWN]
        rows[:-1, _NEXT] = rows[1:, _OWN]
    return rows


_COLUMN = {name: k for k, name in enumerate(FEATURES)}
_OWN = [_COLUMN[c] for c in _CONTEXT]
_PREV = [_COLUMN["prev_" + c] for c in _CONTEXT]
_NEXT = [_COLUMN["next_" + c] for c in _CONTEXT]


class SentenceRanker:
    """Gradient-boosted trees scoring sentences, read from the JSON model file.

    The file holds, per tree, parallel node arrays ``feature`` (-1 on a leaf), ``threshold``,
    ``left``, ``right`` and ``value`` (leaf values, learning rate applied); a sentence goes
    left when ``row[feature] <= threshold``. The score is ``baseline`` + the leaves reached,
    a log-odds. All trees are walked at once in numpy, one level per step.
    """

    def __init__(self, spec: dict) -> None:
        if spec.get("kind") != "trees" or tuple(spec.get("features", ())) != FEATURES:
            raise ValueError(
                "the model's features differ from warta.enrich.summary.FEATURES; "
                "rebuild it with `warta train summary`"
            )
        # All trees' nodes in flat arrays with global ids; a leaf points to itself, so
        # walking ``depth`` levels leaves every sentence on its leaf in every tree.
        feature, threshold, left, right, value, roots = [], [], [], [], [], []
        for tree in spec["trees"]:
            base = len(feature)
            roots.append(base)
            for f, t, lo, hi, v in zip(tree["feature"], tree["threshold"], tree["left"], tree["right"], tree["value"]):
                own = len(feature)
                feature.append(max(f, 0))
                threshold.append(t)
                left.append(own if f < 0 else base + lo)
                right.append(own if f < 0 else base + hi)
                value.append(v)
        self.feature = np.asarray(feature, dtype=np.intp)
        self.threshold = np.asarray(threshold, dtype=np.float64)
        self.left = np.asarray(left, dtype=np.intp)
        self.right = np.asarray(right, dtype=np.intp)
        self.value = np.asarray(value, dtype=np.float64)
        self.roots = np.asarray(roots, dtype=np.intp)
        self.depth = int(spec["depth"])
        self.baseline = float(spec["baseline"])
        self.spec = spec
        # Walking speed: trees deepest first, so the trees still walking at each level are
        # a prefix (most trees are shallower than the deepest; a sentence on a leaf needs no
        # more steps); both children in one array, picked by the comparison.
        depths = np.array([self._tree_depth(int(root)) for root in self.roots], dtype=np.intp)
        self._order = np.argsort(-depths, kind="stable")
        self._walking = [int((depths > level).sum()) for level in range(self.depth)]
        self._children = np.stack([self.right, self.left], axis=1).ravel()
        self._masks = _LeafMasks.build(spec["trees"])

    def leaves(self, rows: np.ndarray) -> np.ndarray:
        """The leaf (global node id) each row reaches in each tree, ``(trees, rows)``."""
        if self._masks is not None:
            return self._masks.leaves(rows)
        return self._walk(rows)

    def _tree_depth(self, root: int) -> int:
        """Levels from ``root`` to its deepest leaf."""
        depth, level = 0, [root]
        while True:
            level = [c for node in level if self.left[node] != node
                     for c in (int(self.left[node]), int(self.right[node]))]
            if not level:
                return depth
            depth += 1

    def scores(self, rows: np.ndarray) -> np.ndarray:
        """A score per row (higher = more summary-worthy; log-odds)."""
        # value[...] of a C-ordered (trees, rows) array summed over trees, as always: the
        # same additions in the same order, whichever way the leaves were found
        return self.baseline + self.value[self.leaves(rows)].sum(axis=0)

    def _walk(self, rows: np.ndarray) -> np.ndarray:
        """:meth:`leaves` by walking all trees at once, one level per step."""
        n = len(rows)
        flat = np.ascontiguousarray(rows, dtype=np.float64).ravel()
        offsets = (np.arange(n, dtype=np.intp) * rows.shape[1])[None, :]
        node = np.repeat(self.roots[self._order][:, None], n, axis=1)
        for walking in self._walking:
            if not walking:
                break
            now = node[:walking]
            go_left = flat[offsets + self.feature[now]] <= self.threshold[now]
            node[:walking] = self._children[2 * now + go_left]
        leaves = np.empty_like(node)
        leaves[self._order] = node  # back in file order: the leaves are summed as before
        return leaves


_SLOTS = 16  # split tests per tree at most, padded to it (the shipped model's trees have 15
# leaves, so 14 tests); a leaf is one bit of a uint16


@dataclass(slots=True)
class _LeafMasks:
    """Exit leaves found without walking (QuickScorer, Lucchese et al., SIGIR 2015): a few
    whole-array numpy calls instead of ~9 per tree level.

    A tree's leaves are numbered left to right, one bit each. Every split test that fails
    for a row (the row goes right) rules out the leaves of its left subtree; the leaf the
    row reaches is then the leftmost leaf no failed test ruled out. (It is not ruled out:
    a failed test on its path sends it right, one off its path does not hold it; and any
    leaf left of it lies in the left subtree of a test on its path where the row went
    right.) The tests are the walk's own comparisons (``row[feature] <= threshold`` goes
    left), so the leaves are the walk's."""

    feature: np.ndarray  # per distinct test: its feature column
    threshold: np.ndarray  # per distinct test, as a column
    test: np.ndarray  # per slot (_SLOTS x trees, slot-major): its distinct test
    ruled_out: np.ndarray  # per slot, uint16 column: the leaves a failed test rules out
    leaf_ids: np.ndarray  # global node id of each tree's leaves, left to right, trees in order
    leaf_base: np.ndarray  # index in ``leaf_ids`` of each tree's first leaf, as a column

    @classmethod
    def build(cls, trees: Sequence[dict]) -> _LeafMasks | None:
        """From the model's trees; None when a tree has more leaves than ``_SLOTS`` or
        more tests (then the walk is used)."""
        tests: dict[tuple[int, float], int] = {}
        test, ruled_out, leaf_ids, leaf_base = [], [], [], []
        base = 0
        for tree in trees:
            order = _leaves_in_order(tree)
            splits = [node for node, f in enumerate(tree["feature"]) if f >= 0]
            if len(order) > _SLOTS or len(splits) > _SLOTS:
                return None
            bit = {node: 1 << k for k, node in enumerate(order)}
            for node in splits:
                key = (tree["feature"][node], tree["threshold"][node])
                test.append(tests.setdefault(key, len(tests)))
                ruled_out.append(sum(bit[leaf] for leaf in
                                     _leaves_in_order(tree, tree["left"][node])))
            # padding: a slot that rules out nothing, whatever its test says
            test += [0] * (_SLOTS - len(splits))
            ruled_out += [0] * (_SLOTS - len(splits))
            leaf_base.append(len(leaf_ids))
            leaf_ids += [base + node for node in order]
            base += len(tree["feature"])
        if not tests:
            return None
        # slot-major (slot k of every tree, then slot k + 1): the OR over a tree's slots is
        # then _SLOTS whole slabs OR-ed elementwise, not a reduce along a 16-wide middle axis
        def slot_major(values: list[int]) -> list[int]:
            return np.array(values).reshape(-1, _SLOTS).T.ravel().tolist()

        return cls(np.array([f for f, _ in tests], dtype=np.intp),
                   np.array([t for _, t in tests], dtype=np.float64)[:, None],
                   np.array(slot_major(test), dtype=np.intp),
                   np.array(slot_major(ruled_out), dtype=np.uint16)[:, None],
                   np.array(leaf_ids, dtype=np.intp),
                   np.array(leaf_base, dtype=np.intp)[:, None])

    def leaves(self, rows: np.ndarray) -> np.ndarray:
        """Global leaf ids, ``(trees, rows)``, C-ordered."""
        columns = np.ascontiguousarray(rows, dtype=np.float64).T.copy()  # feature → values
        # (value <= threshold) as the walk tests it (a NaN fails and goes right there too),
        # as uint16: passed 1 - 1 = 0, failed 0 - 1 = 0xFFFF, a mask to AND with. Gathers by
        # the arrays' take and uint16 AND instead of fancy indexing and bool x uint16
        # products: about half the time on these (thousands x ~20) arrays
        passed = columns.take(self.feature, axis=0) <= self.threshold
        failed = passed.view(np.uint8).astype(np.uint16) - np.uint16(1)  # (tests, rows)
        out = failed.take(self.test, axis=0)  # (slots, rows), slot-major
        out &= self.ruled_out  # the leaves each failed slot rules out
        out = np.bitwise_or.reduce(out.reshape(_SLOTS, len(self.leaf_base), -1), axis=0)
        # the lowest bit not set: the leftmost leaf no failed test ruled out (never all 16:
        # the reached leaf is never ruled out); frexp reads a power of two's exponent exactly
        free = ~out & (out + np.uint16(1))
        position = np.frexp(free.astype(np.float32))[1] - 1
        return self.leaf_ids[position + self.leaf_base]


def _leaves_in_order(tree: dict, node: int = 0) -> list[int]:
    """The leaves under ``node`` (local ids), left to right."""
    if tree["feature"][node] < 0:
        return [node]
    return (_leaves_in_order(tree, tree["left"][node])
            + _leaves_in_order(tree, tree["right"][node]))


@lru_cache(maxsize=4)
def load_ranker(path: str | None = None) -> SentenceRanker | None:
    """The ranker in ``path`` (default: the shipped model); ``None`` when it cannot be read,
    so summaries fall back to LEAD-n instead of failing the enrichment."""
    target = Path(path) if path else DEFAULT_MODEL
    try:
        return SentenceRanker(json.loads(target.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def lead(sentences: Sequence[DocSentence], n: int = DEFAULT_SENTENCES) -> list[int]:
    """LEAD-n: the indices of the first ``n`` sentences."""
    return list(range(min(n, len(sentences))))


def sentence_words(sentence: DocSentence) -> int:
    """Words, numbers and currency codes in ``sentence`` (punctuation not counted): what it
    takes of the word budget."""
    return sum(1 for token in sentence.tokens if token.kind in _COUNTED)


def fill_budget(
    sentences: Sequence[DocSentence], order: Sequence[int], n: int = DEFAULT_SENTENCES,
    words: int | None = None,
) -> list[int]:
    """Sentences taken in ``order`` until they hold ``words`` words (default
    :data:`WORDS_PER_SENTENCE` × ``n``), at most 2 × ``n`` − 1 of them (so ``n=1`` is
    one sentence); ascending indices.

    Reference summaries are about as long in words whatever the article (IndoSum's: 59
    words on average, for short and long articles alike), while three sentences hold from
    37 to 94 words (IndoSum's leads, 5th-95th percentile): a fixed count of sentences makes
    summaries of long sentences too long and of short ones too short. The budget keeps the
    length a fixed count gives on average (the default: LEAD-3's average length on IndoSum)
    and takes that variance away. ``words=0`` takes exactly the first ``n`` of ``order``."""
    if n <= 0:
        return []
    if words == 0:
        return sorted(order[:n])
    budget = WORDS_PER_SENTENCE * n if words is None else words
    chosen: list[int] = []
    held = 0
    for i in order[: 2 * n - 1]:
        if held >= budget:
            break
        chosen.append(i)
        held += sentence_words(sentences[i])
    return sorted(chosen)


def select(
    sentences: Sequence[DocSentence],
    title: str | None,
    n: int = DEFAULT_SENTENCES,
    ranker: SentenceRanker | None = None,
    words: int | None = None,
) -> list[int]:
    """Indices (ascending) of the best sentences, best first until the summary holds the
    word budget of ``n`` sentences (:func:`fill_budget`; ``words=0``: exactly ``n``). The
    whole article when it has no more than ``n`` sentences; the leading sentences, under the
    same budget, when no ranker is given."""
    if len(sentences) <= n:
        return lead(sentences, n)
    if ranker is None:
        return fill_budget(sentences, range(len(sentences)), n, words)
    scores = ranker.scores(sentence_features(sentences, title))
    # Ties go to the earlier sentence: argsort is stable on the negated scores.
    order = [int(i) for i in np.argsort(-scores, kind="stable")]
    return fill_budget(sentences, order, n, words)


def summarize(
    paragraphs: Sequence[str],
    title: str | None = None,
    n: int = DEFAULT_SENTENCES,
    model: str | Path | None = None,
    sentences: Sequence[DocSentence] | None = None,
    words: int | None = None,
) -> list[str]:
    """The best sentences of the article, in document order, as written: as many as fill
    the word budget of ``n`` sentences (``words``, default :data:`WORDS_PER_SENTENCE` × ``n``;
    ``words=0``: exactly ``n``, see :func:`fill_budget`).

    ``model`` is another ranker file; the shipped one by default. Without a readable model
    the leading sentences under the same budget; an article of ``n`` sentences or fewer is
    its own summary. ``sentences`` are :func:`document_sentences` of ``paragraphs`` when
    already at hand.
    """
    if n <= 0:
        return []
    if sentences is None:
        sentences = document_sentences(paragraphs)
    ranker = load_ranker(str(model) if model else None)
    return [sentences[i].text for i in select(sentences, title, n, ranker, words)]
