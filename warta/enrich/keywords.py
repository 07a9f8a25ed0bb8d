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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..lang.distinctive import idf as idf_of
from ..lang.distinctive import term_weight
from ..lang.normalize import Term, analyze, analyze_with_positions
from ..model import Article, Entity

__all__ = ["DEFAULT_IDF", "IdfTable", "article_terms", "keywords", "load_idf"]

DEFAULT_IDF = Path(__file__).with_name("data") / "keyword_idf.tsv.gz"
DEFAULT_KEYWORDS = 8
TITLE_BOOST = 3  # a title word counts as three body occurrences (as in link/related.py)
ENTITY_BOOST = 1.5  # names are what a reader scans for first
PHRASE_BOOST = 1.2  # a repeated pair says more than either of its words
ENTITY_LABELS = frozenset({"PER", "ORG", "LOC", "EVT"})
# Terms worth showing: words (with digits or hyphens inside), not numbers, URLs or e-mails.
_SENTENCE_END = frozenset('.!?"”')
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
        with gzip.open(target, "rt", encoding="utf-8") as handle:
            for line in handle:
                term, _, count = line.rstrip("\n").partition("\t")
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


def _display(forms: Counter[str]) -> str:
    """The form to show: the most frequent as written; lower case when the word is also
    written in lower case (``Pembangunan`` opening a sentence vs ``pembangunan``)."""
    best = forms.most_common(1)[0][0]
    lower = best.lower()
    if best != lower and lower in forms:
        return lower
    return best


def _opens_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens its paragraph or follows a sentence end."""
    before = text[:start].rstrip()
    return not before or before[-1] in _SENTENCE_END


def _initial_display(forms: Counter[str], known: bool) -> str:
    """A word written only at sentence starts: capitalised by position, not by name, if it
    is a common word (in the IDF table); an unknown one is more likely a name, kept."""
    best = forms.most_common(1)[0][0]
    return best.lower() if known and best[:1].isupper() and best[1:].islower() else best


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
        terms = analyze(entity.name)
        for name in (entity.name, *entity.aliases):
            covered.update(analyze(name))
        if not terms:
            continue
        rarity = sum(table.idf(t) for t in terms) / len(terms)
        tf = max(len(entity.mentions), min(counts.get(t, 0) for t in terms))
        scored.append((ENTITY_BOOST * (1 + math.log(tf)) * rarity, entity.name, tf >= 2))
    return scored, covered


def keywords(
    article: Article, n: int = DEFAULT_KEYWORDS, table: IdfTable | None = None
) -> list[str]:
    """Up to ``n`` keywords of ``article``, best first, as written in it.

    ``table`` gives the document frequencies (an archive's, say); the shipped table by
    default. Entities already on the article are used when present.
    """
    if n <= 0:
        return []
    table = table if table is not None else load_idf()
    counts: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = {}
    initial: dict[str, Counter[str]] = {}  # forms opening a body sentence
    titled: dict[str, Counter[str]] = {}  # forms in the title
    pairs: Counter[tuple[str, str]] = Counter()
    pair_forms: dict[tuple[str, str], Counter[str]] = {}
    # The body first, so words are shown as the body writes them, not in title case.
    texts = [*((p, 1) for p in article.paragraphs), (article.title or "", TITLE_BOOST)]
    for text, weight in texts:
        previous: Term | None = None
        for term in analyze_with_positions(text):
            word = text[term.start : term.end]
            if not (_KEYWORD_TERM.fullmatch(term.term) and len(term.term) >= 3):
                previous = None
                continue
            counts[term.term] += weight
            if weight != 1:  # the title: title case says nothing of the word
                titled.setdefault(term.term, Counter())[word] += 1
            elif _opens_sentence(text, term.start):
                initial.setdefault(term.term, Counter())[word] += 1
            else:
                forms.setdefault(term.term, Counter())[word] += 1
            if (
                previous is not None
                and previous.position + 1 == term.position
                and previous.term != term.term  # "pasar pasar": a reduplication, not a phrase
                and text[previous.end : term.start].isspace()
            ):
                key = (previous.term, term.term)
                pairs[key] += 1  # the title counts once here: a phrase must recur in the body
                if weight == 1 or key not in pair_forms:
                    pair_forms.setdefault(key, Counter())[text[previous.start : term.end]] += 1
            previous = term
    # (score, display, repeated): a candidate seen once is kept only to fill a short list.
    scored: list[tuple[float, str, bool]] = []
    entity_scores, covered = _entity_candidates(article.entities, table, counts)
    scored.extend(entity_scores)
    phrases = sorted(
        (
            (PHRASE_BOOST * (1 + math.log(tf)) * (table.idf(key[0]) + table.idf(key[1])) / 2, key)
            for key, tf in pairs.items()
            if tf >= 2  # a pair seen once is not a phrase
        ),
        key=lambda c: (-c[0], c[1]),
    )
    for score, key in phrases:  # the strongest phrase claims its words first
        if key[0] in covered or key[1] in covered:
            continue  # overlaps a name or a stronger phrase
        scored.append((score, _display(pair_forms[key]), True))
        covered.update(key)
    for term, tf in counts.items():
        if term in covered:
            continue
        if term in forms:
            shown = _display(forms[term])
        elif term in initial:
            shown = _initial_display(initial[term], term in table.df)
        else:
            shown = titled[term].most_common(1)[0][0]
        scored.append((term_weight(tf, table.df.get(term, 1), table.total), shown, tf >= 2))
    # Repeated candidates first (typos and one-off words are rare, so their idf is high),
    # then by score; the display text breaks ties so the order never depends on a dict.
    scored.sort(key=lambda c: (not c[2], -c[0], c[1]))
    out: list[str] = []
    seen: set[str] = set()
    for _, text, _ in scored:
        if text.casefold() in seen:
            continue
        seen.add(text.casefold())
        out.append(text)
        if len(out) == n:
            break
    return out
