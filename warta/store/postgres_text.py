"""warta's analysed terms as PostgreSQL text-search values (no PostgreSQL config touches them).

The tsvector of an article is written as a literal from the terms warta's own analyser made
(:func:`warta.lang.analysis.analyze`), with positions (phrases) and weights (title A, body
D); queries of :mod:`warta.search.query` become tsquery literals over the same lexemes. Both
are cast with ``::tsvector`` / ``::tsquery``, which parse the literal as it is: the
``indonesian`` or ``simple`` configurations would re-split or stem the terms again.
"""

from __future__ import annotations

from collections.abc import Sequence

from warta.search.query import And, Node, Not, Or, Term

__all__ = ["MAX_POSITION", "is_ranked", "tsquery_literal", "tsvector_literal"]

MAX_POSITION = 16383  # PostgreSQL keeps positions up to this (later ones are clamped to it)
_MAX_LEXEME_BYTES = 2046  # PostgreSQL refuses longer lexemes
_WEIGHTS = {"title": ":A", "body": ":D"}


def _quote(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(title_terms: Sequence[str], body_terms: Sequence[str]) -> str:
    """The tsvector of an article: title terms at positions 1.., weight A; body terms after
    a gap (a phrase never spans title and body), weight D (PostgreSQL's default)."""
    places: dict[str, list[str]] = {}
    for i, term in enumerate(title_terms):
        places.setdefault(term, []).append(f"{min(i + 1, MAX_POSITION)}A")
    start = len(title_terms) + 2
    for i, term in enumerate(body_terms):
        places.setdefault(term, []).append(str(min(start + i, MAX_POSITION)))
    return " ".join(
        f"{_quote(term)}:{','.join(dict.fromkeys(where))}"  # clamped positions: once each
        for term, where in places.items()
        if term and len(term.encode("utf-8")) <= _MAX_LEXEME_BYTES
    )


def tsquery_literal(node: Node | None) -> str | None:
    """The tsquery of a parsed text expression (None when there is none). The caller checks
    the expression first with :func:`warta.search.fts5.compile_match`, so the same queries
    are refused on both backends."""
    if node is None:
        return None
    if isinstance(node, Term):
        weight = _WEIGHTS.get(node.column or "", "")
        return "(" + " <-> ".join(_quote(t) + weight for t in node.terms) + ")"
    if isinstance(node, And):
        return "(" + " & ".join(_compiled(c) for c in node.children) + ")"
    if isinstance(node, Or):
        return "(" + " | ".join(_compiled(c) for c in node.children) + ")"
    if isinstance(node, Not):
        return "!" + _compiled(node.child)
    raise TypeError(f"not a text node: {node!r}")


def _compiled(node: Node) -> str:
    out = tsquery_literal(node)
    assert out is not None
    return out


def is_ranked(node: Node | None) -> bool:
    """Whether the expression has a positive part to rank by (not only NOT terms)."""
    if node is None or isinstance(node, Not):
        return False
    if isinstance(node, And):
        return any(is_ranked(c) for c in node.children)
    return True
