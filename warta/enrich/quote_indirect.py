"""The reported-speech pass over sentences outside direct quotes: ``X <verb> (bahwa|,) …``,
``Menurut X, …``, ``…, kata X.``, a cue between commas inside the sentence, a passive verb of
judging with a person as agent; and a sentence whose subject speaks without a quote, which
makes that person the passage's speaker."""

from __future__ import annotations

import re

from ..model import Quote
from .quote_known import Who, make_quote
from .quote_lexicon import QuoteLexicon, has_word
from .quote_marks import MARKS
from .quote_names import cut_phrase, fallback_name
from .quote_roles import clean_role, no_name_word
from .quote_speakers import Attributor
from .quote_subjects import apposition_segment, menurut_speaker, subject_speaker


_NAME_SEGMENT = re.compile(r"([A-Z][^,.;:]{1,60}?),\s*")


def _office_then_name(m: re.Match[str], sentence: str, p: int, s: int, att: Attributor) -> tuple[Who, int] | None:
    """``Menurut kuasa hukum Joko Tjandra, Anita Kolopaking, …``: an office after ``menurut``
    and a bare name in the next comma segment — the name speaks (the office is theirs), and
    the statement starts after it. Returns the speaker and where the statement starts."""
    rest = m["rest"].strip()
    if not rest or not apposition_segment(rest, att.lex):
        return None
    n = _NAME_SEGMENT.match(sentence, m.end())
    if n is None or not sentence[n.end() : n.end() + 1].islower() or \
            sentence[n.end() :].split(None, 1)[0] in ("dan", "serta", "atau"):
        return None  # 'Menurut Kepala Dinas, Budi, Ani, dan Citra sembuh': a list, not a speaker
    words = rest.lower().split()
    offices = att.lex.word_role.get("person_office", set())
    held_for = " ".join(words[:2]) in offices or words[:1] and words[0] in offices
    if not held_for and fallback_name(rest, att.lex, att.references) is not None:
        return None  # 'Menurut Kepala Dinas Budi Santoso, …': the office has its own holder
    span = fallback_name(n.group(1), att.lex, att.references)
    if span is None or not span[2] or no_name_word(n.group(1).split()):
        return None
    who = att.phrase(p, s + n.start(1), s + n.end(1))
    if who is None or not who.name:
        return None
    role = att._own_role(clean_role(rest), who.name)
    if who.role is None and role:
        who.role = role
        att.state.roles.setdefault(who.name, role)
    return who, n.end()


_SENTENCES = re.compile(r"[^.!?]+(?:[.!?]+|$)")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans for indirect quotes.

    A light regex, not :func:`warta.lang.sentences.split_sentences`: only sentences outside
    direct quotes matter here, and the full splitter costs 0.38 ms per 400-word article
    against 0.05 ms for this (measured on the bench_enrich articles) — a large share of the
    5 ms enrichment budget. Decimals (``2.5``) and most abbreviations survive because a stop
    must be followed by a space and a capital.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"[.!?]+(?=\s+[A-Z“\"”(])", text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in spans if text[s:e].strip()]


def indirect_in(p: int, s: int, e: int, att: Attributor) -> Quote | None:
    """An indirect quote in the sentence ``paragraphs[p][s:e]``, if any."""
    lex = att.lex
    text = att.paragraphs[p]
    sentence = text[s:e]
    if not has_word(sentence, lex.cue_words):  # one look-up rules out most sentences
        return None
    m = lex.menurut.match(sentence) or _menurut_after_adverb(sentence, lex)
    if m is not None and m.end() < len(sentence):
        named = _office_then_name(m, sentence, p, s, att)
        if named is not None:  # 'Menurut kuasa hukum Joko Tjandra, Anita Kolopaking, …'
            return _indirect(named[0], m["cue"], p, s + named[1], e, text, att)
        who = menurut_speaker(m, p, s, att)
        return _indirect(who, m["cue"], p, s + m.end(), e, text, att)
    m = lex.menurut_bare.match(sentence)
    if m is not None:
        cue = m["cue"] or m["lead"]
        return _indirect(att.carry(cue, (p, s)), cue, p, s + m.end(), e, text, att)
    m = lex.mid_post.search(sentence)
    if m is not None:
        quote = _mid_post(m, p, s, e, att)
        if quote is not None:
            return quote
    m = lex.tail_post.search(sentence)
    if m is not None and m.start() > 0:
        cue = m["cue"]
        if lex.cue_kind.get(cue.lower()) == "carry":
            who = att.carry(cue, (p, s))
        else:
            rest = cut_phrase(m["rest"], lex)
            who = att.phrase(p, s + m.start("rest"), s + m.start("rest") + len(rest))
        return _indirect(who, cue, p, s, s + m.start(), text, att)
    m = _first_verb_cue(sentence, lex)
    if m is not None:
        who = subject_speaker(p, s, s + m.start() - 1, att)
        return _indirect(who, m["cue"], p, s + m.end(), e, text, att)
    return _passive_in(p, s, e, att)


def _first_verb_cue(sentence: str, lex: QuoteLexicon) -> re.Match[str] | None:
    """The sentence's first speech verb that reports a clause: one followed by ``bahwa``, a
    comma or a colon, or a bare verb after a name or pronoun. The first one, not the first
    with ``bahwa``: in ``Dia menilai publik akan menilai bahwa …`` the second verb is part of
    what was said."""
    # (a capitalised verb inside the sentence is part of a title: 'Kemerdekaan Menyampaikan Pendapat')
    found = [m for m in lex.verb_in_sentence.finditer(sentence) if m.start() > 0 and m.group()[:1].islower()
             and _reports_here(m, sentence, lex)][:1]
    for pattern in (lex.bare_verb, lex.bare_subject):
        if pattern is None:
            continue
        for m in pattern.finditer(sentence):
            if found and m.start() >= found[0].start():
                break
            if m.start() == 0 or m.group()[:1].isupper() or not _subject_ends(sentence[: m.start()], lex):
                continue
            if pattern is lex.bare_subject and (lex.predicate_ahead is None
                                                or not lex.predicate_ahead.match(sentence, m.end())):
                continue  # 'menjelaskan hal itu kepada wartawan': an object, not a clause
            found = [m]
            break
    return found[0] if found else None


def _reports_here(m: re.Match[str], sentence: str, lex: QuoteLexicon) -> bool:
    """Whether a verb match reports speech. A ``seeing_cue`` (``melihat``) is a view in news
    (``Dadang melihat, pemerintah …``), but what was seen when a ``witness`` word is its
    subject (``Saksi mata Budi melihat, pelaku …``): then it reports only before ``bahwa``. A
    verb of making sure (data ``purpose_aim``: ``memastikan``) after a word of purpose (data
    ``purpose``: ``… penting untuk memastikan bahwa …``) says what something is for, not what
    anyone said; a speech verb there still reports (``menggelar konferensi pers untuk
    menjelaskan bahwa …``: the press conference is where it was said)."""
    # (the word before the verb, found from the verb back: this runs for every verb of a sentence)
    if m["cue"].lower() in lex.purpose_aims and \
            sentence[sentence.rfind(" ", 0, max(0, m.start() - 1)) + 1 : m.start()].strip().lower() in lex.purposes:
        return False
    if m["cue"].lower() not in lex.seeing_cues or lex.complementizer.search(m.group()) is not None:
        return True
    return not any(w.strip(",()").lower() in lex.witnesses for w in _subject(sentence[: m.start()]).split())


def _subject(before: str) -> str:
    """The subject of a verb from the words before it: the last comma-separated part, and the
    part before that when the last closes an apposition (``Seorang warga, Siti Aminah,``) — so
    an opening clause (``Menanggapi keluhan warga, Bupati X``) is not read as the subject."""
    head = before.rstrip()
    parts = head.rstrip(",").split(",")
    return ",".join(parts[-2:]) if head.endswith(",") else parts[-1]


def _mid_post(m: re.Match[str], p: int, s: int, e: int, att: Attributor) -> Quote | None:
    """A cue and its speaker between commas inside a sentence (``Jokowi, kata Sri Radjasa,
    butuh dukungan …``): the sentence is what was said. After connectives only (``Padahal,
    kata dia, …``) the statement starts past the cue; otherwise it is the whole sentence, the
    attribution inside it, as written."""
    text = att.paragraphs[p]
    cue = m["cue"]
    if att.lex.cue_kind.get(cue.lower()) == "carry":
        return None  # 'Karena itu, katanya, …' — rare, and 'katanya' also means 'reportedly'
    before = [w.strip(",").lower() for w in text[s : s + m.start()].split()]
    rest = m["rest"].strip()
    if not before and not (rest[:1].isupper() or rest.lower() in att.lex.pronouns):
        return None  # opening the sentence ('Kata Baidowi, …'), the speaker is a name or a pronoun
    who = att.phrase(p, s + m.start("rest"), s + m.start("rest") + len(cut_phrase(m["rest"], att.lex)))
    if who is None:
        return None
    if not before:  # 'Kata Baidowi, ide hak angket …': what was said starts after the comma
        return _indirect(who, cue, p, s + m.end(), e, text, att)
    # 'Sebab,' / 'Saat ini,' / 'Di era baru ini,' : connectives, no subject of the statement
    start = s + m.end() if before[0] in att.lex.leads and all(
        w in att.lex.leads or w[:1].islower() for w in before) else s
    return _indirect(who, cue, p, start, e, text, att)


def _passive_in(p: int, s: int, e: int, att: Attributor) -> Quote | None:
    """``Langkah itu dianggap Dade sangat nepotisme``: a passive verb of judging with a person
    as its agent reports the whole sentence as that person's view. Only a person NER or an
    earlier attribution knows counts as the agent: ``dinilai Komisi`` is no speaker."""
    m = att.lex.passive.search(att.paragraphs[p], s, e)
    if m is None or m.start() == s:
        return None
    hit = att._entity_in(att.state.persons, p, m.end(), min(e, m.end() + 60))
    if hit is None or hit[0] != m.end():
        return None
    ms, me, ent = hit
    who = Who(ent.name, att.paragraphs[p][ms:me], att.role_of(ent.name))
    return _indirect(who, m["cue"], p, s, e, att.paragraphs[p], att)


def passage_speaker(p: int, s: int, e: int, att: Attributor) -> None:
    """A sentence that reports no quote but whose subject speaks (``Kepala UPT Bandara X,
    Suharno, yang dihubungi melalui telepon, mengatakan telah mendengar …``): that person
    becomes the speaker of the passage, whom a ``-nya`` cue that follows refers to, even where
    the tagger missed the name."""
    text = att.paragraphs[p]
    if not has_word(text[s:e], att.lex.verb_words):  # a set look-up before the pattern
        return
    # a capitalised verb inside a sentence is part of a title ('UU … tentang Kemerdekaan
    # Menyampaikan Pendapat di Muka Umum'), not the subject's speech (h14quote)
    m = next((v for v in att.lex.speech_verb.finditer(text, s, e) if not v.group()[:1].isupper()), None)
    if m is None or m.start() == s:
        return
    before = text[s : m.start()].rstrip()
    if not (before.endswith(",") or _subject_ends(before + " ", att.lex)):
        return  # '… mendorong dinas Pendidikan untuk mengingatkan …': the verb has no subject of its own
    hit = att._entity_in(att.state.persons, p, s, m.start())
    if hit is not None and "," not in text[hit[1] : m.start()]:
        return  # a tagged subject right before the verb is _person_between's
    who = subject_speaker(p, s, m.start() - 1, att)
    if who is None or not who.name or not who.person:
        return
    # only a name the tagger missed, written with an office (a capitalised word opening the
    # sentence, 'Sebab', 'Dengan', is no subject)
    tagged = any(ent.name == who.name for _, _, _, ent in att.state.persons)
    if not tagged and who.role and not text[s:].startswith(who.mention or ""):
        att.speak(who, (p, m.start()))


def _subject_ends(before: str, lex: QuoteLexicon) -> bool:
    """Without a comma or ``bahwa`` after the verb, the subject must end in a name or a pronoun
    ('Soegiharto menjelaskan …'), not in a clause ('… tidak spesifik menjelaskan jumlah …')."""
    m = lex.subject_end.search(before)
    if m is None:
        return False
    word = m.group(1).strip(",()")  # 'Komisi … (KPK) menyatakan': a bracketed acronym ends the name
    # 'Pria berusia 33 tahun itu mengungkap …': a description pointing back at a person
    return word[:1].isupper() or word.lower() in lex.pronouns or word.lower() in lex.word_role["demonstrative"]


def _menurut_after_adverb(sentence: str, lex: QuoteLexicon) -> re.Match[str] | None:
    """``Sementara itu, menurut Budi, …`` — menurut after one leading adverbial clause."""
    m = lex.menurut.search(sentence)
    if m is None or sentence[: m.start()].count(",") > 0 or m.start() > 40:
        return None
    return m


def reported_quote(who: Who | None, cue: str, p: int, s: int, e: int, att: Attributor) -> Quote | None:
    """``paragraphs[p][s:e]`` as reported speech of ``who`` (None: no speaker, or too short)."""
    return _indirect(who, cue, p, s, e, att.paragraphs[p], att)


def _indirect(who: Who | None, cue: str, p: int, s: int, e: int, text: str, att: Attributor) -> Quote | None:
    content = text[s:e].strip().rstrip(".!?").strip()
    if content[:6].lower() in ("bahwa ", "bahwa,"):
        # 'Dikatakan Kiky, bahwa rekan-rekan …': what was said starts after 'bahwa' ('jika' and
        # 'kalau', the other complementizers, stay: they are part of a conditional statement)
        content = content[6:].lstrip(" ,")
    if who is None or who.name is None or len(content.split()) < 3:
        return None
    if content[:1] in MARKS:
        return None
    s = text.index(content, s)
    att.speak(who, (p, e))
    return make_quote(content, "indirect", who, cue, p, s, s + len(content), p)
