"""Named-entity tagging: a CRF (python-crfsuite) trained by warta and shipped in the package.

``load_tagger()`` returns the cached :class:`NerTagger`; ``tag(tokens)`` gives BIO tags with
labels PER, ORG, LOC and EVT. ``bio_spans`` and ``score`` are the span reader and the
seqeval-style (exact span and type) scorer used by the evaluation and the tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import DataMissing
from .ner_features import DATA_DIR, FeatureExtractor, load_gazetteer

__all__ = ["LABELS", "MODEL_PATH", "NerTagger", "bio_spans", "load_tagger", "score"]

MODEL_PATH = DATA_DIR / "ner.crfsuite"
LABELS = ("PER", "ORG", "LOC", "EVT")


class NerTagger:
    """A CRF model plus the feature extractor it was trained with."""

    def __init__(self, model_path: Path | str) -> None:
        import pycrfsuite

        path = Path(model_path)
        if not path.is_file():
            raise DataMissing(
                f"NER model {path} not found: reinstall warta, or rebuild it with "
                "`warta train ner` (needs ../shared)"
            )
        self.path = path
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))
        self._features = FeatureExtractor(load_gazetteer())

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """BIO tags for one tokenised sentence (``[]`` for no tokens)."""
        if not tokens:
            return []
        return list(self._tagger.tag(self._features.sentence(tokens)))

    def tag_sents(self, sents: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags for many sentences."""
        return [self.tag(s) for s in sents]


@lru_cache(maxsize=4)
def load_tagger(model_path: str | None = None) -> NerTagger:
    """The shipped tagger (loaded once, offline); pass ``model_path`` for another model."""
    return NerTagger(model_path or MODEL_PATH)


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` token spans (end exclusive) from BIO tags.

    An ``I-`` that does not continue a span of the same label opens a new span, as seqeval
    does in its default (non-strict) mode.
    """
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, _, lab = tag.partition("-")
        continues = prefix == "I" and lab == label and start >= 0
        if start >= 0 and not continues:
            spans.append((start, i, label))
            start, label = -1, ""
        if prefix in ("B", "I") and not continues:
            start, label = i, lab
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
