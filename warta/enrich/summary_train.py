"""Train the summary sentence ranker on IndoSum's extractive labels (``warta train summary``).

IndoSum (Kurniawan & Louvan 2018, CC BY-SA 4.0) ships tokenized articles whose sentences
carry ``gold_labels`` (in the extractive summary or not). The shared folder holds its five
dev folds; they overlap a little, so articles are deduplicated by id and by text.
IndoSum has no title field; the article's URL slug (``.../gubernur-bi-dihadirkan-di-...``)
is the title the outlet gave it, so the title features are fed from it.

The model is a small gradient-boosted tree ensemble fitted with scikit-learn (a training-time
dependency of the ``dev`` extra) and exported to plain JSON node arrays that
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

__all__ = ["IndoSumArticle", "fit_trees", "load_folds", "train", "train_rows"]

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


def train(output: Path | None = None) -> dict:
    """Fit the ranker on IndoSum dev folds 2-5 (deduplicated, and without any article of the
    held-out fold 1) and write it to ``output`` (default: the shipped model). Returns a
    JSON-ready summary of the run."""
    folds = load_folds()
    held_out = folds[HELD_OUT_FOLD]
    articles = unique((a for k in FOLDS if k != HELD_OUT_FOLD for a in folds[k]), exclude=held_out)
    x, y = train_rows(articles)
    spec = fit_trees(x, y)
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
