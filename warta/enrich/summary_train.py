"""Train the summary sentence ranker on IndoSum's extractive labels (``warta train summary``).

IndoSum (Kurniawan & Louvan 2018, CC BY-SA 4.0) ships tokenized articles whose sentences
carry ``gold_labels`` (in the extractive summary or not). The shared folder holds its five
dev folds; they overlap a little, so articles are deduplicated by id and by text.
IndoSum has no title field; the article's URL slug (``.../gubernur-bi-dihadirkan-di-...``)
is the title the outlet gave it, so the title features are fed from it.

The model is a small gradient-boosted tree ensemble trained to rank the sentences of each
article (LightGBM's LambdaRank, articles as query groups, the gold label as relevance: the
summary keeps an article's top 3, so sentences are compared within their article; +0.3
ROUGE-1 over scoring each sentence alone with log loss, :func:`fit_trees`, on the same
features). LightGBM is a training-time dependency of the ``dev`` extra; the trees are
exported to plain JSON node arrays that
:class:`warta.enrich.summary.SentenceRanker` walks in numpy — so nothing heavy is loaded at
run time. Training is deterministic (fixed seed, no early-stopping split).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..config import shared_path
from ..errors import DataMissing
from ..parse.export import join_tokens
from .summary import DEFAULT_MODEL, FEATURES, DocSentence, sentence_features, sentences_from_text

__all__ = ["IndoSumArticle", "fit_ranker", "fit_trees", "load_folds", "train", "train_groups", "train_rows"]

FOLDS = (1, 2, 3, 4, 5)
ITERATIONS = 200
DEPTH = 4
RATE = 0.05
# Fold 1 stays out of the shipped model: tests/unit/test_summary.py measures it there.
HELD_OUT_FOLD = 1
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+){2,}")
_LEADING_ID = re.compile(r"^\d+(?:-\d+)*-")


@dataclass(slots=True)
class IndoSumArticle:
    """One IndoSum article: sentences as text per paragraph, labels, reference summary."""

    id: str
    title: str | None
    paragraphs: list[list[str]]
    labels: list[bool]
    summary: list[str]
    key: str  # hash of the text, to find the same article under two ids

    def sentences(self) -> list[DocSentence]:
        """The article's sentences as the ranker sees them."""
        return sentences_from_text(self.paragraphs)


# IndoSum's token list → a sentence as written: the export reader's own join, one rule for both
detokenize = join_tokens


def title_from_url(url: str | None) -> str | None:
    """The title words of an outlet URL's slug, or ``None`` when the URL has no slug."""
    if not url:
        return None
    best = ""
    for part in url.lower().rstrip("/").split("/"):
        part = _LEADING_ID.sub("", part.split("?")[0].removesuffix(".html"))
        if _SLUG.fullmatch(part) and len(part) > len(best):
            best = part
    return best.replace("-", " ") if best else None


def _article(row: dict) -> IndoSumArticle:
    paragraphs = [[detokenize(s) for s in p] for p in row["paragraphs"]]
    labels = [bool(x) for p in row["gold_labels"] for x in p]
    text = "\n".join(" ".join(p) for p in paragraphs)
    return IndoSumArticle(
        id=row["id"],
        title=title_from_url(row.get("source_url")),
        paragraphs=paragraphs,
        labels=labels,
        summary=[detokenize(s) for s in row["summary"]],
        key=hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest(),
    )


def load_folds(folds: Iterable[int] = FOLDS) -> dict[int, list[IndoSumArticle]]:
    """IndoSum dev folds from the shared folder, each without repeats inside the fold."""
    out: dict[int, list[IndoSumArticle]] = {}
    for k in folds:
        path = shared_path("data", "news", "indosum", f"dev.{k:02d}.jsonl.gz")
        seen: set[str] = set()
        rows = []
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                article = _article(json.loads(line))
                if article.id in seen or article.key in seen:
                    continue
                seen.update((article.id, article.key))
                rows.append(article)
        out[k] = rows
    return out


def unique(articles: Iterable[IndoSumArticle], exclude: Iterable[IndoSumArticle] = ()) -> list[IndoSumArticle]:
    """``articles`` without repeats (by id or text) and without any article of ``exclude``."""
    seen: set[str] = set()
    for a in exclude:
        seen.update((a.id, a.key))
    out = []
    for a in articles:
        if a.id in seen or a.key in seen:
            continue
        seen.update((a.id, a.key))
        out.append(a)
    return out


def train_rows(articles: Sequence[IndoSumArticle]) -> tuple[np.ndarray, np.ndarray]:
    """Feature matrix and 0/1 labels over all sentences of ``articles``."""
    blocks, labels = [], []
    for a in articles:
        sentences = a.sentences()
        if len(sentences) != len(a.labels):
            continue  # a malformed row: labels do not line up with sentences
        blocks.append(sentence_features(sentences, a.title))
        labels.extend(a.labels)
    return np.vstack(blocks), np.asarray(labels, dtype=np.float64)


def fit_trees(
    x: np.ndarray, y: np.ndarray, iterations: int = ITERATIONS, depth: int = DEPTH, rate: float = RATE
) -> dict:
    """Gradient-boosted trees (scikit-learn's histogram GBM, log loss, no early stopping so
    the result does not depend on a random validation split); returns the JSON model spec
    that :class:`warta.enrich.summary.SentenceRanker` reads."""
    try:
        from sklearn.ensemble import HistGradientBoostingClassifier
    except ImportError as err:  # a training-time dependency only
        raise DataMissing(
            "training the summary ranker needs scikit-learn: pip install -e '.[dev]'"
        ) from err
    model = HistGradientBoostingClassifier(
        max_iter=iterations, max_depth=depth, learning_rate=rate, early_stopping=False, random_state=0
    ).fit(x, y)
    trees = []
    for (predictor,) in model._predictors:  # one tree per iteration for a binary target
        nodes = predictor.nodes
        leaf = nodes["is_leaf"].astype(bool)
        trees.append(
            {
                "feature": [-1 if lf else int(f) for lf, f in zip(leaf, nodes["feature_idx"])],
                "threshold": [0.0 if lf else float(t) for lf, t in zip(leaf, nodes["num_threshold"])],
                "left": [0 if lf else int(v) for lf, v in zip(leaf, nodes["left"])],
                "right": [0 if lf else int(v) for lf, v in zip(leaf, nodes["right"])],
                "value": [float(f"{v:.6g}") if lf else 0.0 for lf, v in zip(leaf, nodes["value"])],
            }
        )
    return {
        "kind": "trees",
        "features": list(FEATURES),
        "depth": int(max(predictor.nodes["depth"].max() for (predictor,) in model._predictors)) + 1,
        "baseline": float(np.ravel(model._baseline_prediction)[0]),
        "trees": trees,
    }


RANK_ITERATIONS = 200
RANK_LEAVES = 15
RANK_RATE = 0.05


def fit_ranker(
    x: np.ndarray,
    y: np.ndarray,
    groups: Sequence[int],
    iterations: int = RANK_ITERATIONS,
    leaves: int = RANK_LEAVES,
    rate: float = RANK_RATE,
) -> dict:
    """Boosted trees trained to *rank* the sentences of each article (LightGBM's LambdaRank
    over articles as query groups, gold label as relevance): the summary keeps the top 3 of
    an article, so the loss compares sentences within an article instead of scoring each
    alone. Deterministic (one thread, fixed seed). Returns the same JSON spec as
    :func:`fit_trees` (``baseline`` 0: only the order of scores matters)."""
    try:
        import lightgbm
    except ImportError as err:  # a training-time dependency only
        raise DataMissing(
            "training the summary ranker needs lightgbm: pip install -e '.[dev]'"
        ) from err
    model = lightgbm.LGBMRanker(
        objective="lambdarank", n_estimators=iterations, learning_rate=rate, num_leaves=leaves,
        min_child_samples=20, lambdarank_truncation_level=10, random_state=0, n_jobs=1,
        deterministic=True, force_row_wise=True, verbose=-1,
    ).fit(x, y.astype(int), group=list(groups))
    trees = [_flatten(t["tree_structure"]) for t in model.booster_.dump_model()["tree_info"]]
    return {
        "kind": "trees",
        "features": list(FEATURES),
        "depth": max(t.pop("depth") for t in trees),
        "baseline": 0.0,
        "trees": trees,
    }


def _flatten(root: dict) -> dict:
    """A LightGBM tree (nested dicts) as the parallel node arrays of the model file; a
    sentence goes left when ``row[feature] <= threshold`` in both."""
    out: dict = {"feature": [], "threshold": [], "left": [], "right": [], "value": []}
    depth = 0
    stack = [(root, 1)]
    index: dict[int, int] = {}
    links: list[tuple[int, dict, dict]] = []
    while stack:
        node, level = stack.pop()
        k = len(out["feature"])
        index[id(node)] = k
        depth = max(depth, level)
        if "leaf_value" in node:
            out["feature"].append(-1)
            out["threshold"].append(0.0)
            out["value"].append(float(f"{node['leaf_value']:.6g}"))
        else:
            if node["decision_type"] != "<=":
                raise ValueError(f"unsupported split {node['decision_type']!r}")
            out["feature"].append(int(node["split_feature"]))
            out["threshold"].append(float(node["threshold"]))
            out["value"].append(0.0)
            links.append((k, node["left_child"], node["right_child"]))
            stack.extend([(node["right_child"], level + 1), (node["left_child"], level + 1)])
        out["left"].append(0)
        out["right"].append(0)
    for k, left, right in links:
        out["left"][k] = index[id(left)]
        out["right"][k] = index[id(right)]
    out["depth"] = depth
    return out


def train_groups(articles: Sequence[IndoSumArticle]) -> list[int]:
    """Sentences per article, in the order :func:`train_rows` stacks them."""
    return [len(a.labels) for a in articles if len(a.sentences()) == len(a.labels)]


def train(output: Path | None = None) -> dict:
    """Fit the ranker on IndoSum dev folds 2-5 (deduplicated, and without any article of the
    held-out fold 1) and write it to ``output`` (default: the shipped model). Returns a
    JSON-ready summary of the run."""
    folds = load_folds()
    held_out = folds[HELD_OUT_FOLD]
    articles = unique((a for k in FOLDS if k != HELD_OUT_FOLD for a in folds[k]), exclude=held_out)
    x, y = train_rows(articles)
    spec = fit_ranker(x, y, train_groups(articles))
    spec["trained_on"] = {
        "corpus": "IndoSum dev folds 2-5 (Kurniawan & Louvan 2018), deduplicated, fold 1 held out",
        "licence": "CC BY-SA 4.0",
        "articles": len(articles),
        "sentences": int(len(y)),
        "positive": int(y.sum()),
    }
    target = output if output is not None else DEFAULT_MODEL
    target.write_text(json.dumps(spec, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return {"model": str(target), **spec["trained_on"]}
