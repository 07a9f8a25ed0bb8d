"""Copy groups: which article of a set of near-identical copies is the original, and what
every copy changed.

The archive finds the copies (:mod:`warta.link.dedup`: banded MinHash, exact check); this
module only judges a group of articles already known to be copies of each other:

* **original**, in this order of evidence: an article on an agency's own outlet (Antara's
  story on antaranews.com; ``link/data/agencies.json``), then the earliest article crediting
  a wire agency (``(ANTARA)``, ``dilansir AFP``, or the parser's ``credits``), then the
  earliest *trustworthy* publication time (a time of day, not a bare date). Each rule has a
  confidence; the time rule's depends on how far apart the first two times are.
* **relation** of each copy to the original: ``same_outlet`` (a re-post), ``media_group``
  (outlets of one group sharing copy, e.g. okezone–sindonews in MNC, kompas–tribunnews in
  Kompas Gramedia: the outlet registry's ``group``), ``wire`` (both carry an agency's story),
  or ``copy``.
* **changes**: title changed, paragraphs added / removed / edited (a paragraph-level diff).

Story signals (``Archive.story_of``) are not needed here: a copy group is stricter than a story.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources
from typing import Any

from warta.link.titles import title_key
from warta.model import Article
from warta.parse import lexicon
from warta.parse.outlets import registry

__all__ = [
    "CONFIDENCE",
    "CopyGroup",
    "CopyInfo",
    "agency_credit",
    "choose_original",
    "copy_group",
    "diff_paragraphs",
    "media_group",
    "relation",
]

# How sure each rule is. The time rule's confidence grows with the lead of the first article
# over the second: a lead of minutes may be clock skew, an hour or more rarely is.
CONFIDENCE = {
    "agency_outlet": 0.95,
    "agency_credit": 0.8,
    "earliest_hour": 0.75,   # earliest by ≥ 60 minutes
    "earliest_minutes": 0.6,  # earliest by ≥ 10 minutes
    "earliest_close": 0.45,  # earlier by less than 10 minutes
    "earliest_date": 0.3,    # only dates (no time of day) to go by
    "unknown": 0.1,          # no date at all: the first stored
}
EDITED_RATIO = 0.5  # a removed and an added paragraph this similar are one edited paragraph


@dataclass(slots=True)
class CopyInfo:
    """One member of a copy group as the group's lineage sees it."""

    id: str
    outlet: str | None
    published: str | None
    relation: str  # original | same_outlet | media_group | wire | copy
    changes: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class CopyGroup:
    """The copies of one article: the group's original (None when it has no copies), how
    sure that is and why, the agency whose story it is (if any), and every other member with
    what it changed against the original."""

    id: str
    original: str | None
    confidence: float
    reason: str
    agency: str | None
    copies: list[CopyInfo]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "original": self.original,
            "confidence": self.confidence,
            "reason": self.reason,
            "agency": self.agency,
            "copies": [c.to_dict() for c in self.copies],
        }


@lru_cache(maxsize=1)
def _agency_outlets() -> dict[str, str]:
    """Outlet domain → agency name, from ``link/data/agencies.json``."""
    data = json.loads((resources.files("warta.link") / "data" / "agencies.json").read_text("utf-8"))
    return {domain: name for name, domains in data["agencies"].items() for domain in domains}


@lru_cache(maxsize=1)
def _credit_pattern() -> re.Pattern[str]:
    """An agency named as the source in the text: ``(ANTARA)``, ``(AFP/OL-4)``, ``ANTARA -``,
    ``dilansir Antara``, ``mengutip Reuters``, ``Sumber: Xinhua``. Short spellings (``ap``,
    ``aa``, ``ant``) only in parentheses: as words they are too common."""
    names = sorted(lexicon.AGENCIES, key=len, reverse=True)
    long_names = [n for n in names if len(n) > 3]
    any_name = "|".join(re.escape(n) for n in names)
    long_alt = "|".join(re.escape(n) for n in long_names)
    return re.compile(
        rf"\((?P<p>{any_name})(?:[/ ,][^)]{{0,20}})?\)"
        rf"|(?:dilansir|melansir|dikutip|mengutip|diberitakan|sumber)\s*:?\s*(?:dari\s+|oleh\s+)?"
        rf"(?P<v>{long_alt})\b"
        rf"|^(?:[A-Z][A-Za-z .]{{1,30}},\s*)?(?P<d>{long_alt})\s+[-–—]",
        re.IGNORECASE | re.MULTILINE,
    )


def agency_credit(article: Article) -> str | None:
    """The wire agency an article credits (its ``credits`` first, then its text), or None."""
    if article.credits.agencies:
        return article.credits.agencies[0]
    paragraphs = article.paragraphs
    text = "\n".join([*paragraphs[:2], *paragraphs[-2:]]) if len(paragraphs) > 4 else "\n".join(paragraphs)
    m = _credit_pattern().search(text)
    if m is None:
        return None
    word = next(g for g in m.groups() if g)
    return lexicon.AGENCIES.get(word.lower())


def agency_outlet(outlet: str | None) -> str | None:
    """The agency whose own outlet ``outlet`` is (None for other outlets)."""
    if not outlet:
        return None
    domain = registry().lookup(outlet) or outlet.lower()
    return _agency_outlets().get(domain)


def media_group(outlet: str | None) -> str | None:
    """The media group family of an outlet (``Kompas Gramedia (Tribun Network)`` → ``Kompas
    Gramedia``), from the outlet registry; None when unknown."""
    if not outlet:
        return None
    profile = registry().profile(registry().lookup(outlet))
    if profile is None or not profile.group:
        return None
    return profile.group.split(" (")[0].strip()


def _has_time(article: Article) -> bool:
    """A publication time worth trusting to the minute: a time of day was given."""
    p = article.published
    return p is not None and (p.hour, p.minute, p.second) != (0, 0, 0)


def _sort_key(moment: datetime) -> float:
    return moment.timestamp() if moment.tzinfo else moment.replace(tzinfo=None).timestamp()


def choose_original(members: Sequence[Article]) -> tuple[Article, float, str, str | None]:
    """(original, confidence, reason, agency) of a group of copies (``members`` in the order
    they were stored, which breaks ties)."""
    order = {id(a): i for i, a in enumerate(members)}
    for a in members:
        agency = agency_outlet(a.outlet)
        if agency:
            return a, CONFIDENCE["agency_outlet"], "agency_outlet", agency

    def earliest(group: Sequence[Article]) -> Article:
        dated = [a for a in group if a.published is not None]
        if not dated:
            return group[0]
        return min(dated, key=lambda a: (_sort_key(a.published), order[id(a)]))  # type: ignore[arg-type]

    credited = [(a, agency_credit(a)) for a in members]
    with_credit = [a for a, agency in credited if agency]
    if with_credit:
        first = earliest(with_credit)
        return first, CONFIDENCE["agency_credit"], "agency_credit", agency_credit(first)
    timed = [a for a in members if _has_time(a)]
    if len(timed) >= 1:
        ordered = sorted(timed, key=lambda a: (_sort_key(a.published), order[id(a)]))  # type: ignore[arg-type]
        if len(ordered) == 1:
            reason = "earliest_hour"  # the only one with a time; the others only have dates
        else:
            lead = (_sort_key(ordered[1].published) - _sort_key(ordered[0].published)) / 60  # type: ignore[arg-type]
            reason = "earliest_hour" if lead >= 60 else "earliest_minutes" if lead >= 10 else "earliest_close"
        return ordered[0], CONFIDENCE[reason], reason, None
    if any(a.published for a in members):
        return earliest(members), CONFIDENCE["earliest_date"], "earliest_date", None
    return members[0], CONFIDENCE["unknown"], "unknown", None


def relation(original: Article, copy: Article, agency: str | None) -> str:
    """How ``copy`` came by the original's text (see the module docstring)."""
    if original.outlet and copy.outlet and title_key(original.outlet) == title_key(copy.outlet):
        return "same_outlet"
    group = media_group(original.outlet)
    if group and group == media_group(copy.outlet):
        return "media_group"
    if agency or agency_credit(copy):
        return "wire"
    return "copy"


def diff_paragraphs(original: Sequence[str], copy: Sequence[str]) -> dict[str, Any]:
    """Paragraph-level diff: ``added`` (indices in ``copy``), ``removed`` (indices in
    ``original``), ``edited`` ([original index, copy index] pairs), ``unchanged`` (count).

    Paragraphs are compared on their title keys (case, punctuation and spacing ignored); a
    removed and an added paragraph at the same place that are at least
    :data:`EDITED_RATIO` alike count as one edited paragraph."""
    a = [title_key(p) for p in original]
    b = [title_key(p) for p in copy]
    added: list[int] = []
    removed: list[int] = []
    edited: list[list[int]] = []
    unchanged = 0
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            unchanged += i2 - i1
            continue
        left, right = list(range(i1, i2)), list(range(j1, j2))
        while left and right:  # pair the block's paragraphs in order while they stay alike
            if SequenceMatcher(None, a[left[0]], b[right[0]], autojunk=False).ratio() >= EDITED_RATIO:
                edited.append([left.pop(0), right.pop(0)])
            elif len(left) >= len(right):
                removed.append(left.pop(0))
            else:
                added.append(right.pop(0))
        removed.extend(left)
        added.extend(right)
    return {"added": added, "removed": removed, "edited": edited, "unchanged": unchanged}


def copy_changes(original: Article, copy: Article) -> dict[str, Any]:
    """What ``copy`` changed against ``original``: title and paragraphs."""
    return {
        "title_changed": title_key(original.title) != title_key(copy.title),
        **diff_paragraphs(original.paragraphs, copy.paragraphs),
    }


def _published(article: Article) -> str | None:
    return article.published.isoformat() if article.published else None


def copy_group(article_id: str, members: Sequence[Article]) -> CopyGroup:
    """The lineage of the copy group of ``article_id`` (``members``: the article and all its
    copies, in the order they were stored)."""
    if len(members) < 2:
        return CopyGroup(article_id, None, 0.0, "no_copies", None, [])
    original, confidence, reason, agency = choose_original(members)
    copies = [
        CopyInfo(a.id, a.outlet, _published(a), relation(original, a, agency), copy_changes(original, a))
        for a in members if a is not original
    ]
    return CopyGroup(article_id, original.id, confidence, reason, agency, copies)
