"""The search query language, parsed into a small tree.

::

    banjir jakarta                 both words (AND is implicit)
    "gempa bumi"                   a phrase
    banjir OR longsor              either
    banjir NOT jakarta, -jakarta   without
    (banjir OR longsor) bogor      grouping
    title:gempa                    only in titles
    outlet:tempo section:"bisnis"  filters (also author:, entity:"Oana Lungescu")
    date:2019-09  date:2019-09-01..2019-09-15  date:..2019-10  date:2019-09-20..

A ``name:`` that is not one of these fields is read as plain words. Words and phrases go
through the one Indonesian analyser, exactly like the indexed text, so
``pembangunan`` finds ``membangun``. Filters must stand at the top level (optionally negated
with ``-`` or ``NOT``): they narrow the result set and are not part of the ranked expression.
The parser is hand-written because the grammar is tiny and must map 1:1 onto FTS5 syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from warta.errors import StoreError, UsageError
from warta.link.titles import title_key
from warta.lang.analysis import analyze

__all__ = [
    "And",
    "DateRange",
    "Filter",
    "Node",
    "Not",
    "Or",
    "MAX_LIMIT",
    "MAX_OFFSET",
    "ParsedQuery",
    "Term",
    "check_page",
    "parse_query",
]

FILTER_FIELDS = ("outlet", "section", "author", "entity", "date")
COLUMN_FIELDS = ("title", "body")

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<lpar>\()|(?P<rpar>\))|
        (?P<field>[A-Za-z_]+):(?:"(?P<fphrase>[^"]*)"?|(?P<fword>[^\s()"]*))|
        "(?P<phrase>[^"]*)"?|
        (?P<neg>-)(?=[^\s])|
        (?P<word>[^\s()"]+)
    )""",
    re.VERBOSE,
)
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_HAS_TEXT = re.compile(r"\w")
# one page of hits, and how deep paging may go: a search engine collects offset+limit hits,
# so an unbounded offset is unbounded memory (tantivy panics on 10**12)
MAX_LIMIT = 1000
MAX_OFFSET = 100_000
# deeper brackets than any real query; keeps the recursive parser far from Python's limit
MAX_DEPTH = 50


@dataclass(frozen=True, slots=True)
class Term:
    """Analysed terms of a word or phrase; several terms must appear adjacent."""

    terms: tuple[str, ...]
    column: str | None = None


@dataclass(frozen=True, slots=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    child: Node


@dataclass(frozen=True, slots=True)
class DateRange:
    """Inclusive day range; each side a ``YYYY[-MM[-DD]]`` prefix or None (open)."""

    start: str | None
    end: str | None


@dataclass(frozen=True, slots=True)
class Filter:
    field: str
    value: str | DateRange
    negated: bool = False


Node = Term | And | Or | Not | Filter


@dataclass(slots=True)
class ParsedQuery:
    """The ranked text expression (None: filters only) and the top-level filters."""

    text: Node | None
    filters: list[Filter] = field(default_factory=list)
    raw: str = ""

    def positive_terms(self) -> set[str]:
        """Analysed terms that a hit may contain (for highlighting)."""
        out: set[str] = set()

        def walk(node: Node | None, negated: bool) -> None:
            if isinstance(node, Term) and not negated:
                out.update(node.terms)
            elif isinstance(node, (And, Or)):
                for child in node.children:
                    walk(child, negated)
            elif isinstance(node, Not):
                walk(node.child, not negated)

        walk(self.text, False)
        return out


_DATE_FORMS = "use date:YYYY-MM-DD, date:YYYY-MM, date:YYYY or date:FROM..TO (either side may be open)"


def _valid_date(part: str) -> bool:
    """True for a real calendar ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (not 2019-13, 2019-02-30)."""
    if not _DATE.fullmatch(part):
        return False
    year, _, rest = part.partition("-")
    month, _, day = rest.partition("-")
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return False
    return True


def _date_range(value: str) -> DateRange:
    """A ``date:`` filter value as a range; a value that is not a real date is a usage error
    (it would otherwise silently match nothing)."""
    start, sep, end = value.partition("..")
    if not sep:
        end = start
    if sep and not start and not end:
        raise UsageError(f"date:{value}: the range has no dates; {_DATE_FORMS}")
    for part in dict.fromkeys((start, end)):
        if part and not _valid_date(part):
            what = "not a date" if part == value else f"{part} is not a date"
            raise UsageError(f"date:{value}: {what}; {_DATE_FORMS}")
    if start and end and start[: len(end)] > end:
        raise UsageError(
            f"date:{value}: the range ends before it starts; write date:FROM..TO with FROM "
            "before TO, e.g. date:2019-09-01..2019-09-15"
        )
    return DateRange(start or None, end or None)


def _text_filter(name: str, value: str) -> Filter:
    """An outlet/section/author/entity filter; one with no letter or digit would compare an
    empty key and silently match nothing."""
    if not title_key(value):
        raise UsageError(
            f"{name}:{value}: has no letters or digits to match; write e.g. "
            f"{name}:\"{_FILTER_EXAMPLES[name]}\""
        )
    return Filter(name, value)


_FILTER_EXAMPLES = {"outlet": "kompas.com", "section": "ekonomi", "author": "Rina Wulandari",
                    "entity": "Joko Widodo"}


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = self._lex(text)
        self.pos = 0
        self.depth = 0
        if not any(kind in ("word", "phrase", "field", "fieldphrase") and _HAS_TEXT.search(f"{value}{name or ''}")
                   for kind, value, name in self.tokens):
            raise UsageError(
                f"query {text!r} has no words to search for; write words, a \"phrase\" or a "
                "filter, e.g. banjir jakarta or outlet:tempo"
            )

    @staticmethod
    def _lex(text: str) -> list[tuple[str, str, str | None]]:
        out: list[tuple[str, str, str | None]] = []
        pos = 0
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if m is None or m.end() == pos:
                break
            pos = m.end()
            if m["lpar"]:
                out.append(("(", "(", None))
            elif m["rpar"]:
                out.append((")", ")", None))
            elif m["field"] is not None:
                value = m["fphrase"] if m["fphrase"] is not None else m["fword"]
                out.append(("field", value, m["field"].lower()))
                if m["fphrase"] is not None:
                    out[-1] = ("fieldphrase", value, m["field"].lower())
            elif m["phrase"] is not None:
                out.append(("phrase", m["phrase"], None))
            elif m["neg"]:
                out.append(("NOT", "-", None))
            elif m["word"] in ("AND", "OR", "NOT"):
                out.append((m["word"], m["word"], None))
            elif m["word"]:
                out.append(("word", m["word"], None))
        return out

    def peek(self) -> str | None:
        return self.tokens[self.pos][0] if self.pos < len(self.tokens) else None

    def parse_or(self) -> Node | None:
        children = [self.parse_and()]
        while self.peek() == "OR":
            self.pos += 1
            children.append(self.parse_and())
        kept = [c for c in children if c is not None]
        if not kept:
            return None
        return kept[0] if len(kept) == 1 else Or(tuple(kept))

    def parse_and(self) -> Node | None:
        children: list[Node] = []
        while self.peek() not in (None, "OR", ")"):
            if self.peek() == "AND":
                self.pos += 1
                continue
            node = self.parse_unary()
            if node is not None:
                children.append(node)
        if not children:
            return None
        return children[0] if len(children) == 1 else And(tuple(children))

    def parse_unary(self) -> Node | None:
        if self.peek() == "NOT":
            self.pos += 1
            if self.peek() in (None, "OR", "AND", ")", "NOT"):
                raise UsageError(
                    "NOT (or -) must be followed by a word, phrase or filter to exclude, "
                    "e.g. banjir NOT jakarta"
                )
            child = self.parse_unary()
            if isinstance(child, Filter):
                return Filter(child.field, child.value, not child.negated)
            return Not(child) if child is not None else None
        return self.parse_atom()

    def parse_atom(self) -> Node | None:
        kind, value, name = self.tokens[self.pos]
        self.pos += 1
        if kind == "(":
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise UsageError(f"query nests brackets deeper than {MAX_DEPTH} levels; flatten it")
            node = self.parse_or()
            self.depth -= 1
            if self.peek() == ")":
                self.pos += 1
            return node
        if kind in ("field", "fieldphrase") and name in FILTER_FIELDS:
            if not value.strip():
                raise UsageError(f"filter {name}: has no value; write e.g. {name}:\"...\"")
            if name == "date":
                return Filter("date", _date_range(value.strip()))
            return _text_filter(name, value.strip())
        if kind in ("field", "fieldphrase") and name in COLUMN_FIELDS:
            terms = tuple(analyze(value))
            return Term(terms, column=name) if terms else None
        if kind in ("field", "fieldphrase"):
            # not a field we know ("VIDEO:Banjir", "Jakarta:"): read it as the words it holds,
            # since pasted headlines are full of colons
            terms = tuple(analyze(f"{name} {value}"))
            return Term(terms) if terms else None
        if kind in ("word", "phrase"):
            terms = tuple(analyze(value))
            return Term(terms) if terms else None  # a stop word alone matches everything
        return None  # a stray ')' or operator


def _split_filters(node: Node | None, filters: list[Filter]) -> Node | None:
    """Move top-level filters out of the text tree; reject filters nested under OR/NOT."""
    if isinstance(node, Filter):
        filters.append(node)
        return None
    if isinstance(node, And):
        kept = [c for c in (_split_filters(c, filters) for c in node.children) if c is not None]
        if not kept:
            return None
        return kept[0] if len(kept) == 1 else And(tuple(kept))
    if _has_filter(node):
        raise UsageError(
            "filters (outlet:, section:, author:, entity:, date:) cannot sit inside OR or a "
            "negated group; put them at the top level, e.g. (banjir OR longsor) outlet:tempo"
        )
    return node


def _has_filter(node: Node | None) -> bool:
    if isinstance(node, Filter):
        return True
    if isinstance(node, (And, Or)):
        return any(_has_filter(c) for c in node.children)
    if isinstance(node, Not):
        return _has_filter(node.child)
    return False


def check_page(limit: int, offset: int) -> None:
    """Refuse a page outside 1..MAX_LIMIT hits from offset 0..MAX_OFFSET (UsageError)."""
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise UsageError(f"limit {limit!r}: ask for 1 to {MAX_LIMIT} hits per page")
    if isinstance(offset, bool) or not isinstance(offset, int) or not 0 <= offset <= MAX_OFFSET:
        raise UsageError(
            f"offset {offset!r}: use 0 to {MAX_OFFSET}; to reach later hits, narrow the query "
            "(e.g. with date: or outlet:)"
        )


def search_request(query: str, *, sort: str, limit: int, offset: int) -> ParsedQuery | None:
    """The checks every backend's ``search`` starts with: a known sort, a page in range
    (:func:`check_page`), a well-formed query; None when the query holds nothing to look
    for (only stop words)."""
    if sort not in ("relevance", "date"):
        raise StoreError(f"sort {sort!r}: use 'relevance' or 'date'")
    check_page(limit, offset)
    parsed = parse_query(query)
    return None if parsed.text is None and not parsed.filters else parsed


def parse_query(text: str) -> ParsedQuery:
    """Parse a query string; raises :class:`UsageError` for malformed filters."""
    parser = _Parser(text)
    root = parser.parse_or()
    while parser.pos < len(parser.tokens):  # unbalanced ')' — keep reading what follows
        parser.pos += 1
        rest = parser.parse_or()
        if rest is not None:
            root = rest if root is None else And((root, rest))
    filters: list[Filter] = []
    return ParsedQuery(_split_filters(root, filters), filters, text)
