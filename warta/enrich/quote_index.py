"""The persons index the speakers are resolved against: the tagged PER mentions in reading
order, with role words cut out of the names (``Menteri Sosial Juliari`` → ``Juliari``; an
office's place or tail run into the name, :func:`warta.enrich.quote_roles.referred_cut`) and
given names the tagger left out put back, and the other entities' mentions."""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Entity
from .quote_lexicon import quote_lexicon
from .quote_names import looks_like_name, place_tail_cut, word_offset
from .quote_roles import (
    MAX_APART_LEAD,
    is_given_name,
    is_organisation,
    is_reduplicated,
    opens_sentence_not_name,
    lead_role_words,
    missed_given_names,
    no_name_word,
    referred_cut,
    written_apart_cut,
)


# the lower-case rest of a name word after an apostrophe, not a clitic after a space
_APOSTROPHE_TAIL = re.compile(r"['’][a-z]{2,6}\b")


def entity_index(
    entities: list[Entity], not_names: frozenset[str], paragraphs: list[str], never_names: frozenset[str],
    references: frozenset[str] = frozenset(), text: str = "", cut_references: frozenset[str] | None = None,
) -> tuple[list[tuple[int, int, int, Entity]], list[tuple[int, int, int, Entity]]]:
    """PER mentions (role words cut out of the tagged names, left-out given names put back)
    and the other entities' mentions, in reading order. ``references`` are the article's
    one-word person forms (tagged), ``cut_references`` those and the one-word speakers found
    by cues (for :func:`referred_cut` only; default ``references``), ``text`` the whole article."""
    cut_refs = references if cut_references is None else cut_references
    persons, others = [], []
    # the office tails written apart from the name ('Hijau' of 'Hijau Wirasena Putra'), by the
    # tail and the name's first word, so a shorter form tagged elsewhere ('Hijau Wirasena') is cut too
    apart: dict[tuple[str, ...], int] = {}
    for ent in entities:
        if ent.label == "PER" and len(ent.name.split()) > 2:
            k = written_apart_cut(ent.name.split(), text)
            if k:
                apart[tuple(ent.name.split()[: k + 1])] = k
    # first words of the tagged names: 'Simalakama Yose' … 'Yose Rizal Damuri'
    first_words = frozenset(e.name.split()[0] for e in entities if e.label == "PER" and " " in e.name)
    for ent in entities:
        if ent.label == "PER" and (not looks_like_name(ent.name) or ent.name.lower() in not_names):
            continue  # a tagging slip ('masif', 'Indramayu') must not become a speaker
        if ent.label != "PER":
            others.extend((m.paragraph, m.start, m.end, ent) for m in ent.mentions)
            continue
        # a name tagged with the end of its role ('Sosial Juliari Batubara' after 'Menteri',
        # 'RI Alamsyah Saragih', 'Menurut Mahfud'): the role words go back to the role
        cut = lead_role_words(ent.name.split(), never_names)
        cut = max(cut, place_tail_cut(ent.name.split()))
        if not cut and (_after_place_noun(ent, paragraphs) or _completes_title(ent, paragraphs)
                        or _glued_opener(ent, paragraphs, cut_refs, first_words)):
            # 'Kepala Desa Karangbenda Sakino': the village, then the name; 'Hakim Agung Syamsul';
            # 'Dikucilkan Ika' (a sub-heading run into the paragraph) … 'ucap Ika'
            cut = 1
        # 'KAI Commuter Anne Purba' … 'kata Anne': 'Commuter' ends the organisation
        referred = referred_cut(ent.name.split()[cut:], cut_refs, text)
        # 'Taman Wisata Lembah Hijau dibuka' … 'Kepala Humas Taman Wisata Lembah Hijau Wirasena
        # Putra': 'Hijau' ends the office even when the article never calls him 'Wirasena'
        if not referred and apart:
            rest = ent.name.split()[cut:]
            referred = next((k for k in range(1, MAX_APART_LEAD + 1) if apart.get(tuple(rest[: k + 1])) == k
                             and len(rest) > k), 0)
        cut += referred
        person = replace(ent, name=" ".join(ent.name.split()[cut:])) if cut else ent
        if person.name.lower() in not_names or is_organisation(person.name) or no_name_word(person.name.split()):
            continue  # 'Surabaya', 'Pemprov Jabar', 'Terkait' tagged as a person never speak
        if not_a_person(person.name.split(), never_names):
            continue  # 'Walakin' (a sentence opener), 'Kecamatan Mlati' (a place)
        if _always_after_org_head(ent, paragraphs):
            continue  # 'Polda Metro Jaya' tagged 'Metro Jaya': the rest of an organisation's name
        shift: dict[str, int] = {}  # per written form: most mentions repeat one or two forms
        found: list[tuple[int, int, int]] = []
        given = ""  # a given name the tagger left out, written before the tagged name
        apostrophe = ""  # the rest of a name the tagger cut at an apostrophe ("'ari")
        role_words = ent.name.split()[:cut]
        for m in ent.mentions:
            ms = m.start
            if 0 <= m.paragraph < len(paragraphs):
                written = paragraphs[m.paragraph][m.start : m.end]
                if role_words and written.split() == role_words:
                    continue  # 'di Sukamaju' alone: the village the office names, not the person
                if written not in shift:
                    words = written.split()
                    k = lead_role_words(words, never_names) if len(words) > 1 else 0
                    if not k and 0 < cut < len(words) and words[0] == ent.name.split()[0]:
                        k = cut  # the written form repeats the tagged name's role words
                    elif len(words) > 1:
                        k += referred_cut(words[k:], cut_refs, text)
                    shift[written] = word_offset(written, k)
                ms += shift[written]
                whole = not paragraphs[m.paragraph][m.end : m.end + 1].isalnum()  # not inside a word
                if not shift[written] and whole:
                    # a given name the tagger left out ('… Sultra Mohammad' + 'Fredly Nasution',
                    # 'Vinsen' + 'Kia Beda' when the article says 'Vinsen' alone) belongs to the
                    # name, not to the role before it
                    missed = missed_given_names(paragraphs[m.paragraph][max(0, ms - 40) : ms], references)
                    if missed and not given:
                        given = paragraphs[m.paragraph][ms - missed : ms].strip()
                    ms -= missed
            me = m.end
            if 0 <= m.paragraph < len(paragraphs):
                tail = _APOSTROPHE_TAIL.match(paragraphs[m.paragraph], me)
                if tail is not None and person.name.endswith(paragraphs[m.paragraph][max(ms, me - 3) : me]):
                    # 'Hasyim Asy' + "'ari": the tagger stops at the apostrophe inside a name
                    me = tail.end()
                    if not apostrophe and " " in person.name:
                        apostrophe = tail.group()
            found.append((m.paragraph, ms, me))
        if apostrophe and not person.name.endswith(apostrophe):
            person = replace(person, name=person.name + apostrophe)  # "Hasyim Asy'ari" everywhere
        if given and not person.name.startswith(given):
            person = replace(person, name=f"{given} {person.name}")  # 'Vinsen Kia Beda' everywhere
        persons.extend((p, ms, me, person) for p, ms, me in found)
    persons.sort(key=lambda t: (t[0], t[1]))
    others.sort(key=lambda t: (t[0], t[1]))
    return persons, others


def not_a_person(words: list[str], never_names: frozenset[str]) -> bool:
    """Whether a tagged name is no person's: a sentence opener or a reduplicated word alone
    (``Walakin``, ``Berkali-kali``), or a place opened by a word always followed by a place's
    name (``Kecamatan Mlati``, ``Desa Sukamaju``: data ``place_noun``)."""
    if not words:
        return True
    if len(words) == 1 and (words[0].lower() in never_names or is_reduplicated(words[0])):
        return True
    # two words only: in 'Desa Karangbenda Sakino' a person's name may follow the place
    return len(words) == 2 and words[0].lower() in quote_lexicon().place_nouns


def _glued_opener(ent: Entity, paragraphs: list[str], references: frozenset[str], first_words: frozenset[str]) -> bool:
    """Whether a tagged name's first word is a word opening its sentence, not the name's: it is
    no name word by its form or its use in news (:func:`opens_sentence_not_name`: ``Niat``,
    ``Dikucilkan``), every mention written in full opens a sentence (or a paragraph, where a
    sub-heading ran into it), and the article calls the person by the next word (``ujar Ika``) or
    writes a name that starts with it (``Yose Rizal Damuri``)."""
    words = ent.name.split()
    if len(words) < 2 or words[1] not in references and words[1] not in first_words:
        return False
    if not opens_sentence_not_name(words[0]):
        return False
    full = [m for m in ent.mentions if 0 <= m.paragraph < len(paragraphs)
            and " " in paragraphs[m.paragraph][m.start : m.end].strip()]
    for m in full:
        before = paragraphs[m.paragraph][: m.start].rstrip()
        if before and before[-1] not in ".!?\u201d\"":
            return False
    return bool(full)


def _always_after_org_head(ent: Entity, paragraphs: list[str]) -> bool:
    """Whether every mention of a tagged name follows an organisation head (``Polda``,
    ``Universitas``): then it is the rest of that organisation's name, never a person."""
    heads = quote_lexicon().orgheads
    for m in ent.mentions:
        if not 0 <= m.paragraph < len(paragraphs):
            return False
        before = paragraphs[m.paragraph][max(0, m.start - 20) : m.start].split()
        if not before or before[-1].lower() not in heads:
            return False
    return bool(ent.mentions)


def _after_place_noun(ent: Entity, paragraphs: list[str]) -> bool:
    """Whether the tagged name, where it is first written in full, follows a word that is
    always followed by a place's name (``Desa``, ``Puskesmas``: ``Kepala Desa Karangbenda
    Sakino``) and its first word is no given name: that word names the place. (A mention of
    the first word alone, ``di Tegalmulyo``, says nothing about where the name starts.)"""
    words = ent.name.split()
    if len(words) < 2 or is_given_name(words[0]):
        return False
    before = _word_before_full_name(ent, paragraphs)
    return before is not None and before in quote_lexicon().place_nouns


def _word_before_full_name(ent: Entity, paragraphs: list[str]) -> str | None:
    """The lower-cased word right before the name where it is first written in full (None:
    nothing before it, or a mention outside ``paragraphs``)."""
    for m in ent.mentions:
        if not 0 <= m.paragraph < len(paragraphs):
            return None
        if " " not in paragraphs[m.paragraph][m.start : m.end].strip():
            continue
        before = paragraphs[m.paragraph][max(0, m.start - 20) : m.start].split()
        return before[-1].lower() if before else None
    return None


def _completes_title(ent: Entity, paragraphs: list[str]) -> bool:
    """Whether the tagged name's first word completes a two-word title with the word before it
    where the name is first written in full (``Hakim`` + ``Agung Syamsul``, ``Jaksa`` +
    ``Agung …``; data ``title_compound``): the word is the title's, not a given name."""
    words = ent.name.split()
    if len(words) < 2:
        return False
    compounds = quote_lexicon().word_role.get("title_compound", set())
    before = _word_before_full_name(ent, paragraphs)
    return before is not None and f"{before} {words[0].lower()}" in compounds
