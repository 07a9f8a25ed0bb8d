"""The words around an entity's mentions (issue 11 point 2): which cue stands right before a
name (a place word, a speech verb, a medium cue) or right after it. The language knowledge is
data: ``entity_context.tsv`` (``place_prev``, ``person_prev``, ``media_prev``), the speech verbs
of ``quote_cues.tsv`` (through the name lexicon) and the ``per next`` row of
``ner_context_cues.tsv``. :mod:`warta.enrich.entities` types records and adds cued persons with
it."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from warta.model import Entity

from .entity_spans import load_name_lexicon
from .lexicon import rows as lexicon_rows

__all__ = ["EDGE_PUNCT", "context_votes", "not_cues", "person_cues", "word_before"]

EDGE_PUNCT = "\"'“”‘’()[]{}.,;:!?-–—/"  # what a name or a word is stripped of at its edges


@lru_cache(maxsize=1)
def person_cues() -> frozenset[str]:
    """Lower-cased words a person's name stands right after: the speech verbs before a
    speaker (``kata``, ``ujar``: quote_cues.tsv) and the ``person_prev`` words of
    ``entity_context.tsv`` (``menurut``, ``tersangka``)."""
    own = {row[1].lower() for row in lexicon_rows("entity_context.tsv") if row[0] == "person_prev"}
    return frozenset(own) | load_name_lexicon().speech


@lru_cache(maxsize=1)
def _context_cues() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(place words before, person words before, person words after, medium cues before) a
    mention: the data of ``entity_context.tsv``, the speech verbs of ``quote_cues.tsv``
    (through the name lexicon) and the ``per next`` row of ``ner_context_cues.tsv``
    (``mengatakan``). Not the titles of its ``per prev`` row: a lower-case ``menteri`` or
    ``gubernur`` also stands before places (``komplek menteri Widya Candra``). The medium
    cues are one or two words (``melansir``, ``dikutip dari``), lower-cased; an organisation's
    cue (``org_prev``: ``pabrikan``) counts as one."""
    data = lexicon_rows("entity_context.tsv")
    place = frozenset(row[1].lower() for row in data if row[0] == "place_prev")
    media = frozenset(" ".join(row[1].lower().split()) for row in data if row[0] in ("media_prev", "org_prev"))
    after = {word for row in lexicon_rows("ner_context_cues.tsv")
             if row[0] == "per" and row[1] == "next" for word in row[2].lower().split()}
    return place, load_name_lexicon().speech, frozenset(after), media


@lru_cache(maxsize=1)
def not_cues() -> frozenset[tuple[str, str]]:
    """Two lower-cased words in which the second, a person cue elsewhere, is none (``terus
    terang``, ``mendengar kata``): ``not_cue`` rows of ``entity_context.tsv``."""
    return frozenset(tuple(row[1].lower().split()) for row in lexicon_rows("entity_context.tsv")
                     if row[0] == "not_cue" and len(row[1].split()) == 2)


_CONTEXT_SPAN = 40  # characters read on each side of a mention


@lru_cache(maxsize=1)
def _media_tails() -> frozenset[str]:
    """The last words of the two-word medium cues (``dari`` of ``dikutip dari``)."""
    return frozenset(cue.split()[-1] for cue in _context_cues()[3] if " " in cue)


def word_before(text: str, end: int) -> tuple[str, int]:
    """The word right before ``text[end:]`` (lower-cased, punctuation off, ``""`` when
    none) and where it starts: found by ``rfind`` (in C), no regex scanning back."""
    stop = end
    while stop > 0 and (text[stop - 1].isspace() or text[stop - 1] in EDGE_PUNCT):
        stop -= 1
        if end - stop > 3:  # a word must be near: ``di "X``, not a clause before
            return "", stop
    start = max(text.rfind(" ", 0, stop), text.rfind("\n", 0, stop)) + 1
    return text[start:stop].strip(EDGE_PUNCT).lower(), start


def context_votes(ent: Entity, paragraphs: Sequence[str]) -> tuple[int, int, int]:
    """(mentions after a place word, mentions next to a person cue, mentions after a
    medium cue) of one entity."""
    place, speech, after, media = _context_cues()
    persons = person_cues()
    media_tails = _media_tails()
    places = people = medium = 0
    for m in ent.mentions:
        if not 0 <= m.paragraph < len(paragraphs):
            continue
        text = paragraphs[m.paragraph]
        prev, at = word_before(text, m.start)
        if prev in place:
            places += 1
        if prev in speech or prev in persons:
            people += 1
        elif after:
            nxt = text[m.end : m.end + _CONTEXT_SPAN].split(None, 1)
            if nxt and nxt[0].strip(EDGE_PUNCT).lower() in after:
                people += 1
        if prev in media or prev in media_tails and (
                f"{word_before(text, at)[0]} {prev}" in media):
            medium += 1
    return places, people, medium
