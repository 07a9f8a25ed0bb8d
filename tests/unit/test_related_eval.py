"""evals/eval_related.py's model fitting and its cross-export check, on made-up rows."""

from __future__ import annotations

from tests.conftest import import_evals
from warta.link.related import RELATED_FEATURES


def _rows(prefix: str) -> tuple[list[tuple[float, ...]], list[bool], list[str]]:
    """Two articles of 12 candidates: the first's pick has the best text (1.0 against 0.1),
    the second's the worst (0.0 against 0.5): a text-led model finds only the first."""
    x: list[tuple[float, ...]] = []
    y: list[bool] = []
    group: list[str] = []
    for article, (pick, other) in ((f"{prefix}1", (1.0, 0.1)), (f"{prefix}2", (0.0, 0.5))):
        for n in range(12):
            x.append((pick if n == 0 else other, 0.0, 0.0, 0.5, 0.5, 0.0))
            y.append(n == 0)
            group.append(article)
    return x, y, group


def test_the_fitted_weights_are_non_negative_but_undated() -> None:
    (evals,) = import_evals("eval_related")
    x, y, _ = _rows("a")
    model = evals.fit_model(x, y)
    assert model.features == RELATED_FEATURES
    assert all(w >= 0 for f, w in zip(model.features, model.weights, strict=True) if f != "undated")


def test_cross_export_fits_on_the_others_and_scores_each() -> None:
    (evals,) = import_evals("eval_related")
    per = {"a": (_rows("a"), _rows("a")), "b": (_rows("b"), _rows("b"))}
    assert evals.cross_export(per) == {"a": {"topical": "1/2", "all": "1/2"},
                                       "b": {"topical": "1/2", "all": "1/2"}}
