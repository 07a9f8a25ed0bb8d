"""Compile a parsed query into an SQLite FTS5 MATCH expression and SQL filter clauses."""

from __future__ import annotations

from warta.errors import UsageError
from warta.link.titles import title_key
from warta.search.query import And, DateRange, Filter, Node, Not, Or, Term

__all__ = ["compile_filters", "compile_match"]


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _term(node: Term) -> str:
    # several analysed terms inside one FTS5 string form a phrase (adjacent, in order)
    phrase = _quote(" ".join(node.terms))
    return f"{node.column} : {phrase}" if node.column else phrase


def compile_match(node: Node | None) -> tuple[str | None, str | None]:
    """(positive MATCH expression, negative MATCH expression) for a text tree.

    FTS5's NOT is binary (``a NOT b``), so a group of only negated terms at the top level is
    returned separately and applied as ``rowid NOT IN (...)`` by the caller.
    """
    if node is None:
        return None, None
    if isinstance(node, Not):
        return None, _compile(node.child)
    if isinstance(node, And):
        positives = [c for c in node.children if not isinstance(c, Not)]
        negatives = [c.child for c in node.children if isinstance(c, Not)]
        neg = " OR ".join(f"({_compile(n)})" for n in negatives) or None
        if not positives:
            return None, neg
        pos = " AND ".join(f"({_compile(p)})" for p in positives)
        return pos, neg
    return _compile(node), None


def _compile(node: Node) -> str:
    if isinstance(node, Term):
        return _term(node)
    if isinstance(node, Or):
        if any(isinstance(c, Not) for c in node.children):
            raise UsageError("a NOT term cannot be one side of OR; write e.g. (a OR b) NOT c")
        return " OR ".join(f"({_compile(c)})" for c in node.children)
    if isinstance(node, And):
        pos, neg = compile_match(node)
        if pos is None:
            raise UsageError("a group of only NOT terms needs a positive term beside it")
        return f"({pos}) NOT ({neg})" if neg else pos
    if isinstance(node, Not):
        raise UsageError("NOT needs a positive term beside it, e.g. banjir NOT jakarta")
    raise TypeError(f"not a text node: {node!r}")


def compile_filters(filters: list[Filter]) -> tuple[list[str], list[object]]:
    """SQL conditions over ``articles a`` (joined with AND) and their parameters."""
    clauses: list[str] = []
    params: list[object] = []
    for f in filters:
        clause, args = _filter(f)
        clauses.append(f"NOT ({clause})" if f.negated else clause)
        params.extend(args)
    return clauses, params


def _filter(f: Filter) -> tuple[str, list[object]]:
    if f.field == "date":
        assert isinstance(f.value, DateRange)
        parts: list[str] = []
        args: list[object] = []
        if f.value.start:
            parts.append("a.day >= ?")
            args.append(f.value.start)
        if f.value.end:
            parts.append("substr(a.day, 1, ?) <= ?")
            args.extend([len(f.value.end), f.value.end])
        return "(a.day IS NOT NULL AND " + " AND ".join(parts or ["1"]) + ")", args
    value = str(f.value)
    key = title_key(value)
    if f.field == "outlet":
        # outlet:tempo also matches "tempo.co": outlets are written with and without domains
        return "(a.outlet_key = ? OR a.outlet_key LIKE ?)", [key, key + " %"]
    if f.field == "section":
        return "a.section_key = ?", [key]
    if f.field == "author":
        return (
            "a.rowid IN (SELECT article_rowid FROM article_authors WHERE name_key = ?)",
            [key],
        )
    if f.field == "entity":
        return (
            "a.rowid IN (SELECT ae.article_rowid FROM article_entities ae JOIN entity_names n"
            " ON n.entity_rowid = ae.entity_rowid WHERE n.name_key = ?)",
            [key],
        )
    raise UsageError(f"unknown filter {f.field}:")
