"""Hierarchical word clusters from unlabelled news for the NER tagger (training time only).

What Brown clusters give a cross-domain tagger — words that occur in the same contexts share
a bit-string, and the prefixes of that bit-string are coarser classes — built the fast way:

1. Every word seen ``min_count`` times in the news (lower-cased, so lower-cased input gets
   the same clusters) gets a context vector: how often each of the ``contexts`` most frequent
   words stands right before it and right after it (two separate blocks, as a class bigram
   model sees them).
2. Positive pointwise mutual information of those counts, reduced by a truncated SVD to
   ``dims`` dimensions and normalised to unit length (the usual PPMI-SVD word vectors).
3. k-means puts the words into ``leaves`` clusters; Ward's agglomerative clustering of the
   cluster centres gives the binary tree over them. A word's bit-string is its leaf's path
   from the root (0 = left, 1 = right); the tagger uses prefixes of several lengths.

Brown's exchange algorithm over the same news would take hours in Python; this takes about a
minute and, like Brown clusters, makes ``jokowi``/``prabowo``/``ahok`` or
``bekasi``/``depok``/``bogor`` siblings. Deterministic: fixed seeds, single-threaded BLAS
calls give the same table for the same news on the same machine.

Unlabelled news read (``../shared/data/news``): CLICK-ID (CC BY 4.0), IndoSum dev folds
(deduplicated by id; CC BY-SA 4.0) and tribunnews-1523 (MIT). The two sets marked
"evaluation only" (liputan6-kompas-detik-399, tribunnews-politik-199) are not read.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..config import shared_path
from ..errors import DataMissing

__all__ = ["build_clusters", "cluster_news_texts", "indosum_dev_articles", "write_clusters"]

_WORD_RE = re.compile(r"\w+|[^\w\s]")


def cluster_news_texts() -> Iterator[str]:
    """Texts of the unlabelled news the clusters are learnt from (see the module doc)."""
    path = shared_path("data", "news", "click-id.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8", errors="replace") as fh:
        for line in fh:
            row = json.loads(line)
            yield (row.get("title") or "") + " . " + (row.get("content") or "")
    for row in indosum_dev_articles():
        yield " ".join(" ".join(" ".join(sent) for sent in para) for para in row["paragraphs"])
    for name in ("bisnis", "sains", "sport"):
        path = shared_path("data", "news", "tribunnews-1523", f"{name}_content.json")
        for row in json.loads(path.read_text(encoding="utf-8")):
            yield (row.get("title") or "") + " . " + (row.get("content") or "")


def indosum_dev_articles() -> Iterator[dict]:
    """IndoSum's dev-fold articles, each once (the five dev folds overlap a little)."""
    seen: set[str] = set()
    for k in range(1, 6):
        path = shared_path("data", "news", "indosum", f"dev.{k:02d}.jsonl.gz")
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                if row["id"] in seen:
                    continue
                seen.add(row["id"])
                yield row


def build_clusters(texts: Iterable[str], *, min_count: int = 5, contexts: int = 3000,
                   dims: int = 100, leaves: int = 1000, seed: int = 0) -> dict[str, str]:
    """Word (lower-cased) → bit-string of its cluster's path in the tree (see module doc)."""
    import numpy as np

    try:
        from scipy import sparse
        from scipy.cluster.hierarchy import linkage
        from sklearn.cluster import KMeans
        from sklearn.utils.extmath import randomized_svd
    except ImportError as err:  # a training-time dependency only
        raise DataMissing(
            "building the NER word clusters needs scikit-learn: pip install -e '.[dev]'"
        ) from err

    docs = [[t.lower() for t in _WORD_RE.findall(text)] for text in texts]
    counts = Counter(t for doc in docs for t in doc)
    # sorted by count then word, so the index (and everything after it) is deterministic
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    vocab = [w for w, n in ranked if n >= min_count]
    index = {w: k for k, w in enumerate(vocab)}
    n_ctx = min(contexts, len(vocab))
    rows: list[int] = []
    cols: list[int] = []
    for doc in docs:
        ids = [index.get(t, -1) for t in doc]
        for i in range(len(ids)):
            w = ids[i]
            if w < 0:
                continue
            if i and 0 <= ids[i - 1] < n_ctx:
                rows.append(w)
                cols.append(ids[i - 1])
            if i + 1 < len(ids) and 0 <= ids[i + 1] < n_ctx:
                rows.append(w)
                cols.append(n_ctx + ids[i + 1])
    mat = sparse.coo_matrix((np.ones(len(rows)), (rows, cols)),
                            shape=(len(vocab), 2 * n_ctx)).tocsr()
    mat.sum_duplicates()
    total = mat.sum()
    row_sum = np.asarray(mat.sum(axis=1)).ravel()
    col_sum = np.asarray(mat.sum(axis=0)).ravel() ** 0.75  # context smoothing (Levy et al.)
    col_sum *= total / col_sum.sum()
    coo = mat.tocoo()
    pmi = np.log(coo.data * total / (row_sum[coo.row] * col_sum[coo.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=mat.shape)
    u, s, _ = randomized_svd(ppmi, n_components=dims, random_state=seed)
    vectors = u * np.sqrt(s)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = vectors / np.where(norms == 0, 1, norms)
    km = KMeans(n_clusters=leaves, n_init=1, random_state=seed, max_iter=100)
    labels = km.fit_predict(vectors)
    tree = linkage(km.cluster_centers_, method="ward")
    paths = _leaf_paths(tree, leaves)
    return {w: paths[labels[k]] for k, w in enumerate(vocab)}


def _leaf_paths(tree, leaves: int) -> list[str]:
    """Bit-string of every leaf of a scipy linkage tree (root's left child = ``0``)."""
    paths = [""] * leaves
    stack = [(2 * leaves - 2, "")]
    while stack:
        node, path = stack.pop()
        if node < leaves:
            paths[node] = path or "0"
            continue
        left, right = int(tree[node - leaves, 0]), int(tree[node - leaves, 1])
        stack.append((left, path + "0"))
        stack.append((right, path + "1"))
    return paths


def write_clusters(clusters: dict[str, str], path: Path) -> None:
    """Write the cluster table (gzip TSV, sorted so rebuilds are byte-stable)."""
    body = "".join(f"{w}\t{c}\n" for w, c in sorted(clusters.items()))
    with gzip.GzipFile(path, "wb", mtime=0) as fh:
        fh.write(body.encode("utf-8"))
