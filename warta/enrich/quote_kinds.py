"""Whether a quote's speaker is a public figure: :attr:`warta.model.Quote.speaker_kind`.

The last pass over the quotes (after roles are carried back, so a role written for any mention
of the speaker counts). Decided from the quote's own record and the article's entities:

- ``public``: the speaker holds an office, a rank or an affiliation (``role``, however the
  article gave it), is an organisation or another body that is not a person (an entity
  labelled ``ORG``/``LOC``/…, a name an organisation head opens, a gazetteer organisation), is
  written with a rank or title (``Kombes Yusri``), or is a person in the alias tables
  (``data/aliases.tsv`` and ``$WARTA_ALIASES``: the people the news names by a short form);
- ``private``: the role is only a description of a private person (``warga Karah``, ``salah
  satu sopir angkot``: the head words of ``data/speaker_kinds.tsv``, extended by the files in
  ``$WARTA_SPEAKER_WORDS``), a speaker written only as such a description, or a person named
  with no office at all;
- ``None``: no speaker and no private description (nothing to decide from).

The corpus PFSA-ID annotates the statements of public figures only, so ``evals/eval_quotes.py``
scores it on the ``public`` quotes; the field is a record, never a filter of extraction.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import cast

from ..model import SPEAKER_KINDS, Entity, Mention, Quote, SpeakerKind
from ..userdata import read_rows
from .entities import alias_label
from .quote_lexicon import quote_lexicon
from .quote_offices import mention_role
from .quote_roles import is_organisation

__all__ = ["SPEAKER_WORDS_ENV", "label_speakers", "speaker_kind"]

SPEAKER_WORDS_ENV = "WARTA_SPEAKER_WORDS"
KINDS = (*SPEAKER_KINDS, "skip")  # "skip": a word passed over before the phrase
_WORD = re.compile(r"[\w'’-]+")


@lru_cache(maxsize=4)
def _table(spec: str) -> dict[str, str]:
    rows = read_rows(Path(__file__).parent / "data" / "speaker_kinds.tsv", spec, ("words", "kind"),
                     what="speaker word list", env=SPEAKER_WORDS_ENV)
    # words lower-cased and single-spaced; a user's row wins over a shipped one
    return {" ".join(row.cells[0].lower().split()): row.one_of(1, "kind", KINDS) for row in rows}


def _words_table() -> dict[str, str]:
    return _table(os.environ.get(SPEAKER_WORDS_ENV, ""))


def description_kind(phrase: str | None) -> SpeakerKind | None:
    """``private`` or ``public`` when the longest listed phrase that opens ``phrase`` (past the
    skip words) says so; None when no listed phrase opens it."""
    table = _words_table()
    words = [w.lower() for w in _WORD.findall(phrase or "")]
    k = 0
    while k < len(words) and table.get(words[k]) == "skip":
        k += 1
    for n in range(min(4, len(words) - k), 0, -1):
        kind = table.get(" ".join(words[k : k + n]))
        if kind in SPEAKER_KINDS:
            return cast(SpeakerKind, kind)
    return None


def _titled(name: str) -> bool:
    """Written with a rank or title before the name (``Kombes Yusri``, ``Gubernur Anies``)."""
    lex = quote_lexicon()
    first = name.split()[0].lower().strip(".,") if name.split() else ""
    return first in lex.ranks or first in lex.titles


def _office_kind(role: str | None) -> SpeakerKind:
    return "private" if description_kind(role) == "private" else "public"


# words that join the capitalised words of an office or organisation's name, Indonesian and
# English ('Institute for Development of Economics and Finance')
_RUN_LINKS = frozenset({"dan", "dari", "di", "bidang", "&", "of", "for", "and", "the"})
_RUN_WORDS = 14


def _title_run_kind(before: str) -> SpeakerKind | None:
    """The kind of the run of words right before a name that reads as its office (capitalised
    words, commas and ``dan``/``dari``/``di`` between them, office words in lower case:
    ``Kepala Dinas Perumahan Rakyat …, dan Tata Ruang Kota Surabaya``), when it holds an office
    word (a title, rank, organisation head or descriptor) or a private description; None
    when no such run stands there."""
    lex = quote_lexicon()
    office_words = lex.titles | lex.ranks | lex.orgheads | lex.descriptors
    run: list[str] = []
    for word in reversed(re.findall(r"[\w'’&-]+|[^\w\s]", before)[-3 * _RUN_WORDS :]):
        low = word.lower()
        if word == "," or word[0].isupper() or low in _RUN_LINKS or low in office_words:
            run.append(low)
        elif word == "(" or word == ")":
            continue
        else:
            break
        if len(run) >= _RUN_WORDS:
            break
    words = [w for w in reversed(run) if w != ","]
    while words and words[0] in _RUN_LINKS:
        words.pop(0)
    for k, word in enumerate(words):
        private = description_kind(" ".join(words[k:])) == "private"
        if private or word in office_words:
            return "private" if private else "public"
    return None


_FROM_ORG = re.compile(r"\s+dari\s+((?:[A-Z][\w'’&.-]*)(?:\s+(?:[A-Z][\w'’&.-]*|dan|&))*)")


def _affiliated(after: str) -> bool:
    """``Alfred Sitorus dari Koalisi Pejalan Kaki``: a name followed by ``dari`` and a
    capitalised run that is no place (a place is where the person comes from)."""
    m = _FROM_ORG.match(after)
    if m is None:
        return False
    lex = quote_lexicon()
    run = m.group(1)
    first = run.split()[0].lower()
    return is_organisation(run) or not (run.lower() in lex.places or first in lex.places
                                        or first in lex.place_nouns or first in lex.place_words)


def _office_elsewhere(mentions: Sequence[Mention], paragraphs: Sequence[str]) -> SpeakerKind | None:
    """The kind of an office written next to any mention of the speaker in the article (the
    quotes' roles come from the mentions that attribute them; a person introduced with an
    office in a sentence that quotes nothing holds it too): the office :func:`mention_role`
    reads there, else a title run before the name (:func:`_title_run_kind`) or an
    organisation after ``dari`` (:func:`_affiliated`)."""
    lex = quote_lexicon()
    found: SpeakerKind | None = None
    for m in mentions:
        if 0 <= m.paragraph < len(paragraphs):
            text = paragraphs[m.paragraph]
            role = mention_role(text, m.start, m.end, lex)
            kind = _office_kind(role) if role else _title_run_kind(text[max(0, m.start - 300) : m.start])
            if kind is None and _affiliated(text[m.end : m.end + 120]):
                kind = "public"
            if kind == "public":
                return kind
            found = found or kind
    return found


def speaker_kind(quote: Quote, entities: dict[str, Entity],
                 paragraphs: Sequence[str] = ()) -> SpeakerKind | None:
    """The speaker kind of one quote (see the module docstring); ``entities`` maps the
    article's entity names to the entities, whose mentions are read in ``paragraphs``."""
    if quote.role:
        return _office_kind(quote.role)
    if quote.speaker is None:
        return "private" if description_kind(quote.speaker_mention) == "private" else None
    entity = entities.get(quote.speaker)
    if entity is not None and entity.label != "PER" or is_organisation(quote.speaker):
        return "public"
    if alias_label(quote.speaker) is not None or _titled(quote.speaker_mention or ""):
        return "public"
    return _office_elsewhere(entity.mentions if entity else [], paragraphs) or "private"


def label_speakers(quotes: list[Quote], entities: Sequence[Entity], paragraphs: Sequence[str] = ()) -> list[Quote]:
    """Set :attr:`Quote.speaker_kind` on every quote (in place); returns ``quotes``."""
    by_name = {e.name: e for e in entities}
    # the entity's offices are looked up once per speaker; keyed with whether this mention
    # carries a title too, as that decides (`kata Yusri` / `kata Kombes Yusri`, in any order)
    known: dict[tuple[str, bool], SpeakerKind | None] = {}
    for q in quotes:
        if q.role or q.speaker is None:
            q.speaker_kind = speaker_kind(q, by_name, paragraphs)
        else:
            key = (q.speaker, _titled(q.speaker_mention or ""))
            if key not in known:
                known[key] = speaker_kind(q, by_name, paragraphs)
            q.speaker_kind = known[key]
    return quotes
