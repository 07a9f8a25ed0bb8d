"""Keywords of an article: its distinctive terms, names and repeated two-word phrases, as
written in the article (``pembangunan``, ``Bank Indonesia``, ``suku bunga``), best first.

Scoring is the tf·idf that related news uses (:mod:`warta.lang.distinctive`), over the one
analyser's stems, with title words counted extra as in related news. Document frequencies
come from an :class:`IdfTable`: the shipped one (``enrich/data/keyword_idf.tsv.gz``, built
from public news corpora by ``warta train keywords``; see ``SUMMARY_MODEL_CARD.txt``) or an
archive's own statistics (``IdfTable(df, total)`` from its index). When the article is
enriched, its entities are candidates too, weighted up, and their words no longer count
as separate keywords.
"""

from __future__ import annotations

import gzip
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..lang.distinctive import idf as idf_of
from ..lang.distinctive import term_weight
from ..lang.normalize import Term, analyze, analyze_with_positions
from ..lang.tokenize import Token
from ..model import Article, Entity
from .summary import DocSentence, document_sentences

__all__ = ["DEFAULT_IDF", "IdfTable", "article_terms", "keywords", "load_idf"]

DEFAULT_IDF = Path(__file__).with_name("data") / "keyword_idf.tsv.gz"
DEFAULT_KEYWORDS = 8
TITLE_BOOST = 3  # a title word counts as three body occurrences (as in link/related.py)
ENTITY_BOOST = 1.5  # names are what a reader scans for first
PHRASE_BOOST = 1.2  # a repeated pair says more than either of its words
ENTITY_LABELS = frozenset({"PER", "ORG", "LOC", "EVT"})
# Terms worth showing: words (with digits or hyphens inside), not numbers, URLs or e-mails.
_WORDS = frozenset({"word", "abbrev"})
_KEYWORD_TERM = re.compile(r"[^\W\d_][\w-]*[^\W_]")


@dataclass(slots=True)
class IdfTable:
    """Document frequencies: ``df[term]`` of ``total`` documents. A term absent from ``df``
    is taken as rare (found in one document)."""

    df: Mapping[str, int] = field(default_factory=dict)
    total: int = 1

    def idf(self, term: str) -> float:
        """The idf of ``term`` in this table."""
        return idf_of(self.df.get(term, 1), self.total)


@lru_cache(maxsize=2)
def load_idf(path: str | None = None) -> IdfTable:
    """The IDF table in ``path`` (default: the shipped one); an empty table (every term
    equally rare) when the file is missing, so keywords fall back to term frequency."""
    target = Path(path) if path else DEFAULT_IDF
    df: dict[str, int] = {}
    total = 1
    try:
        # one decompression and split, not gzip's line-by-line text reading (several times
        # slower at every start-up); text mode's universal newlines applied by hand
        text = gzip.decompress(target.read_bytes()).decode("utf-8")
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        for line in text.split("\n"):
            term, _, count = line.partition("\t")
            if term == "#documents":
                total = int(count)
            elif count:
                df[term] = int(count)
    except (OSError, ValueError):
        return IdfTable()
    return IdfTable(df, total)


def article_terms(article: Article) -> Counter[str]:
    """The analysed terms of the title (each counted :data:`TITLE_BOOST` times) and body —
    what to look up when an archive supplies the document frequencies."""
    counts = Counter(analyze("\n\n".join(article.paragraphs)))
    for term in analyze(article.title or ""):
        counts[term] += TITLE_BOOST
    return counts


def _display(forms: Mapping[str, int]) -> str:
    """The form to show: the most frequent as written; lower case when the word is also
    written in lower case (``Pembangunan`` in a heading-like run vs ``pembangunan``)."""
    best = _most_common(forms)
    lower = best.lower()
    if best != lower and lower in forms:
        return lower
    return best


def _initial_display(forms: Mapping[str, int], known: bool) -> str:
    """A word written only at sentence starts: capitalised by position, not by name, if it
    is a common word (in the IDF table); an unknown one is more likely a name, kept."""
    best = _most_common(forms)
    return best.lower() if known and best[:1].isupper() and best[1:].islower() else best


@lru_cache(maxsize=65536)
def _name_terms(name: str) -> tuple[str, ...]:
    """Analysed terms of an entity name (names recur across articles: memoised)."""
    return tuple(analyze(name))


def _entity_candidates(
    entities: Iterable[Entity], table: IdfTable, counts: Counter[str]
) -> tuple[list[tuple[float, str, bool]], set[str]]:
    """Entities as (score, name, repeated) candidates, and the terms their names cover.

    An entity's frequency is its mention count or, when higher, the count of its rarest
    word in the article (title words counted extra): NER may split one name's mentions
    (``Kota Sukamaju`` / ``Dinas ... Kota Sukamaju``), the words are still there."""
    scored: list[tuple[float, str, bool]] = []
    covered: set[str] = set()
    for entity in entities:
        if entity.label not in ENTITY_LABELS or not entity.mentions:
            continue
        terms = _name_terms(entity.name)
        for name in (entity.name, *entity.aliases):
            covered.update(_name_terms(name))
        if not terms:
            continue
        rarity = sum(table.idf(t) for t in terms) / len(terms)
        tf = max(len(entity.mentions), min(counts.get(t, 0) for t in terms))
        scored.append((ENTITY_BOOST * (1 + math.log(tf)) * rarity, entity.name, tf >= 2))
    return scored, covered


def _most_common(forms: Mapping[str, int]) -> str:
    """The most frequent form; the first seen among equals."""
    return max(forms.items(), key=lambda item: item[1])[0]


@lru_cache(maxsize=65536)
def _term_weight(tf: int, df: int, total: int) -> float:
    """:func:`~warta.lang.distinctive.term_weight`, memoised: a pure function of three
    integers that take few distinct values (two logarithms per term were a tenth of
    keywords)."""
    return term_weight(tf, df, total)


def _is_keyword_term(term: str) -> bool:
    ok = _term_ok.get(term)
    if ok is None:
        if len(_term_ok) > 500_000:
            _term_ok.clear()
        ok = _term_ok[term] = len(term) >= 3 and _KEYWORD_TERM.fullmatch(term) is not None
    return ok


_term_ok: dict[str, bool] = {}


class _Tally:
    """Term and pair counts of one article, with the forms they are written in."""

    def __init__(self) -> None:
        # Plain dicts, not Counters: this is the hot loop of keywords.
        self.counts: dict[str, int] = {}
        self.forms: dict[str, dict[str, int]] = {}  # as written inside a body sentence
        self.initial: dict[str, dict[str, int]] = {}  # as written opening a body sentence
        self.titled: dict[str, dict[str, int]] = {}  # as written in the title
        self.pairs: dict[tuple[str, str], int] = {}
        # where each pair is written (text, start, end): the forms are counted only for
        # the few pairs shown (most pairs occur once and are never phrases)
        self.pair_spans: dict[tuple[str, str], list[tuple[str, int, int]]] = {}

    def add(self, text: str, terms: list[Term], opening: int, weight: int, title: bool) -> None:
        """Count ``terms`` (offsets into ``text``); the term starting at ``opening`` opens
        its sentence."""
        counts, pairs, spans = self.counts, self.pairs, self.pair_spans
        known = _term_ok  # _is_keyword_term's memo, read inline: this loop sees every term
        body = self.titled if title else self.forms
        # the previous keyword term's stem, position, start and end (position -2: none);
        # a Term unpacked once instead of read field by field
        p_stem, p_position, p_start, p_end = "", -2, 0, 0
        for stem, position, start, end in terms:
            ok = known.get(stem)
            if not (_is_keyword_term(stem) if ok is None else ok):
                p_position = -2
                continue
            counts[stem] = counts.get(stem, 0) + weight
            # counted inline (a call per term was a tenth of keywords)
            table = self.initial if start == opening and not title else body
            forms = table.get(stem)
            form = text[start:end]
            if forms is None:
                table[stem] = {form: 1}
            else:
                forms[form] = forms.get(form, 0) + 1
            if (
                p_position + 1 == position
                and p_stem != stem  # "pasar pasar": a reduplication, not a phrase
                and text[p_end:start].isspace()
            ):
                key = (p_stem, stem)
                pairs[key] = pairs.get(key, 0) + 1  # the title counts once: a phrase must recur in the body
                # a title's form counts only for a pair the body does not write
                at = spans.get(key)
                if at is None:
                    spans[key] = [(text, p_start, end)]
                elif not title:
                    at.append((text, p_start, end))
            p_stem, p_position, p_start, p_end = stem, position, start, end

    def pair_forms(self, key: tuple[str, str]) -> dict[str, int]:
        """How often the pair ``key`` is written each way, first seen first."""
        forms: dict[str, int] = {}
        for text, start, end in self.pair_spans[key]:
            form = text[start:end]
            forms[form] = forms.get(form, 0) + 1
        return forms

    def display(self, stem: str, table: IdfTable) -> str:
        """How to show a term: as the body writes it inside sentences, else at sentence
        starts, else as the title does."""
        if stem in self.forms:
            return _display(self.forms[stem])
        if stem in self.initial:
            return _initial_display(self.initial[stem], stem in table.df)
        return _most_common(self.titled[stem])


def keywords(
    article: Article,
    n: int = DEFAULT_KEYWORDS,
    table: IdfTable | None = None,
    sentences: Sequence[DocSentence] | None = None,
    entities: Sequence[Entity] | None = None,
) -> list[str]:
    """Up to ``n`` keywords of ``article``, best first, as written in it.

    ``table`` gives the document frequencies (an archive's, say); the shipped table by
    default. Entities already on the article are used when present; ``entities``, when
    given, are used instead (enrichment has them before the article is rebuilt). ``sentences``
    are :func:`warta.enrich.summary.document_sentences` of the paragraphs when already at hand.
    """
    if n <= 0:
        return []
    table = table if table is not None else load_idf()
    if sentences is None:
        sentences = document_sentences(article.paragraphs)
    if not sentences:
        return []  # a title alone says too little to weigh its words
    tally = _tally(article, sentences)
    counts = Counter(tally.counts)
    # (score, display, repeated): a candidate seen once is kept only to fill a short list.
    # A display is a str, or the stem of a term whose display is worked out only if shown.
    scored: list[tuple[float, str | tuple[str], bool]] = []
    entity_scores, covered = _entity_candidates(
        article.entities if entities is None else entities, table, counts)
    scored.extend(entity_scores)
    scored.extend(_phrase_candidates(tally, table, covered))
    # Repeated candidates first (typos and one-off words are rare, so their idf is high),
    # then by score; the text (or stem) breaks ties so the order never depends on a dict.
    # Each group is sorted on plain tuples (-score, tie-break text, arrival): the order a
    # stable sort on (not repeated, -score, text) gives, without a key function per item;
    # the one-off words (most of an article's terms) are weighed and sorted only when the
    # repeated candidates leave the list short.
    repeated: list[tuple[float, str, int, str | tuple[str]]] = []
    once: list[tuple[float, str, int, str | tuple[str]]] = []
    arrival = 0
    for score, shown, again in scored:
        (repeated if again else once).append((-score, shown, arrival, shown))
        arrival += 1
    df, total, weight = table.df, table.total, _term_weight
    singles: list[str] = []
    for term, tf in counts.items():
        if term in covered:
            continue
        if tf >= 2:
            repeated.append((-weight(tf, df.get(term, 1), total), term, arrival, (term,)))
            arrival += 1
        else:
            singles.append(term)
    out: list[str] = []
    seen: set[str] = set()
    if _fill(out, seen, repeated, n, tally, table):
        return out
    once += [(-weight(1, df.get(t, 1), total), t, arrival + k, (t,)) for k, t in enumerate(singles)]
    _fill(out, seen, once, n, tally, table)
    return out


def _tally(article: Article, sentences: Sequence[DocSentence]) -> _Tally:
    """The terms and word pairs of the body's ``sentences`` and of the title (weighed
    ``TITLE_BOOST``)."""
    tally = _Tally()
    paragraphs = article.paragraphs
    for s in sentences:
        tally.add(paragraphs[s.paragraph], s.terms, _first_word(s.tokens), 1, False)
    if article.title:
        tally.add(article.title, analyze_with_positions(article.title), -1, TITLE_BOOST, True)
    return tally


def _phrase_candidates(tally: _Tally, table: IdfTable, covered: set[str]
                       ) -> list[tuple[float, str | tuple[str], bool]]:
    """The repeated word pairs as (score, display, repeated) candidates, strongest first; a
    pair overlapping a name or a stronger phrase is left out. Adds their words to
    ``covered``."""
    phrases = sorted(
        (
            (PHRASE_BOOST * (1 + math.log(tf)) * (table.idf(key[0]) + table.idf(key[1])) / 2, key)
            for key, tf in tally.pairs.items()
            if tf >= 2  # a pair seen once is not a phrase
        ),
        key=lambda c: (-c[0], c[1]),
    )
    scored: list[tuple[float, str | tuple[str], bool]] = []
    for score, key in phrases:  # the strongest phrase claims its words first
        if key[0] in covered or key[1] in covered:
            continue  # overlaps a name or a stronger phrase
        scored.append((score, _display(tally.pair_forms(key)), True))
        covered.update(key)
    return scored


def _first_word(tokens: Sequence[Token]) -> int:
    """Where the first word of a sentence starts (-1: none). A plain loop, not ``next`` over
    a generator: it stops at the first token nearly always, and a generator per sentence
    cost more than the search."""
    for _, start, _, kind in tokens:
        if kind in _WORDS:
            return start
    return -1


def _fill(out: list[str], seen: set[str], candidates: list[tuple[float, str, int, str | tuple[str]]],
          n: int, tally: _Tally, table: IdfTable) -> bool:
    """Append the best of ``candidates`` (``(-score, tie-break, arrival, shown)``) to ``out``
    until it holds ``n`` different keywords (sorts ``candidates``); whether it does."""
    candidates.sort()
    for *_, shown in candidates:
        text = shown if isinstance(shown, str) else tally.display(shown[0], table)
        if text.casefold() in seen:
            continue
        seen.add(text.casefold())
        out.append(text)
        if len(out) == n:
            return True
    return False
