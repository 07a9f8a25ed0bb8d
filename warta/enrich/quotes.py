"""Who said what: direct and indirect quotes with speaker, role and cue.

Rule-based on purpose: Indonesian attribution is highly formulaic (``"…," kata X``,
``X mengatakan, …``, ``Menurut X, …``, ``…," tuturnya``) and no maintained library extracts
Indonesian quotes; rules keep the stage explainable and far inside the 5 ms budget.

Pipeline inside :func:`extract_quotes`:

1. Direct quotes: quotation marks are paired across the whole text. ``“ „ «`` open, ``»``
   closes, and ``" ”`` toggle (Kompas prints ``”`` on both sides). A paragraph that opens a
   quote without closing it continues into the next paragraph (a leading mark there is the
   usual continuation mark, not a new quote); an unclosed quote that runs on for more than
   :data:`MAX_SPAN` paragraphs is cut back to its own paragraph, unless nothing but an
   attributed closing mark (``…,” kata X``) ends it within :data:`LONG_SPAN`. A toggle mark
   after a comma and glued to a cue (``…, ”ujar X``) closes a quote whose opening mark was
   lost and opens none; a term quoted inside a quotation (``ada “jeger-jeger”-nya``) does
   not close it.
2. A quoted span counts as a statement when an attribution is found next to it or it reads as
   a sentence (starts a sentence and ends with punctuation): scare quotes and titles do not.
3. Indirect quotes: in sentences outside direct quotes, ``X <verb> (bahwa|,) …``,
   ``Menurut X, …`` and ``…, kata X.``.
4. Speakers: a PER entity (from :func:`warta.enrich.entities.extract_entities`) inside the
   attribution phrase, else a capitalised name span; pronouns and ``-nya`` cues
   (``tuturnya``) carry over the speaker of the passage, with the role first written for them:
   the last person attributed, or a person named since who speaks in their clause (the
   subject of a speech verb, ``Menurut``/``Bagi`` X, introduced with an office in a clause of
   its own; data ``speaker_verb``, ``view_lead``) — not a person the passage talks about (an
   object, a group, the subject of another verb: ``Mujiono memilih tetap di mobil``).
   Where a tagged name ends and its office begins is checked against how the article refers
   back to the person (``… KAI Commuter Anne Purba`` / ``kata Anne``: ``Commuter`` is the
   organisation's; ``Vinsen`` + tagged ``Kia Beda`` / ``kata Vinsen``: ``Vinsen`` is the name's;
   :func:`warta.enrich.quote_roles.referred_cut`). The one-word references come from the
   tagged mentions and from one-word speakers after a cue or opening a clause (``kata
   Jumawan.``, ``…, Jumawan menularkan …``), so a name the tagger missed has them too.
5. Roles: the office written next to the person's first mention that has one
   (:func:`mention_role`: a title run before the name, an apposition after a comma or
   ``selaku``, comma lists of units and places, a second office joined by ``dan``) is carried
   to every later quote of that person. A description as speaker (``kata kiper utama AC Milan
   tersebut``) gives the office when none is known; a speaker's quotes before the one where
   the office first appears take it too (:func:`_roles_back`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ..model import Entity, Quote
from .lexicon import rows, trie_alternation
from .quote_roles import NAME_WORD as _NAME_WORD
from .quote_roles import can_be_name as _can_be_name
from .quote_roles import is_initial as _is_initial
from .quote_roles import (
    MAX_APART_LEAD,
    clean_role,
    is_common_word,
    is_given_name,
    is_organisation,
    lead_role_words,
    missed_given_names,
    no_name_word,
    person_references,
    referred_cut,
    written_apart_cut,
    second_office,
    split_affiliation,
)

__all__ = ["LONG_SPAN", "MAX_SPAN", "extract_quotes"]

MAX_SPAN = 6  # paragraphs an unclosed quote may run through before it is cut back
# ... or up to this many when nothing but one attributed closing mark (`…,” kata X`) ends it:
# text split one sentence per paragraph holds quotes of seven or more "paragraphs"
LONG_SPAN = 3 * MAX_SPAN

_OPENERS = "“„«"
_CLOSERS = "»"
_TOGGLES = "\"”"
_MARKS = _OPENERS + _CLOSERS + _TOGGLES


def _alt(words: object) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[arg-type]


class _Lexicon:
    """Cue forms and attribution words from ``data/quote_*.tsv``, with compiled patterns."""

    def __init__(self) -> None:
        cues = rows("quote_cues.tsv")
        self.cue_kind: dict[str, str] = {}
        for r in cues:
            self.cue_kind.setdefault(r[0].lower(), r[1])
        words = rows("quote_words.tsv")
        groups: dict[str, set[str]] = {}
        for word, role in ((r[0].lower(), r[1]) for r in words):
            groups.setdefault(role, set()).add(word)
        # frozen: read-only, and hashable, so _has can key its compiled patterns by them
        self.word_role: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in groups.items()}
        self.pronouns = self.word_role["pronoun"]
        self.stop = self.word_role["stop"]
        self.titles = self.word_role["title"]
        self.orgheads = self.word_role["orghead"]
        self.places = _place_words()
        dates = rows("date_words.tsv")
        self.weekdays = [r[0].capitalize() for r in dates if r[1].startswith("D")]
        # weekday and month names are never a speaker's name, whatever NER says
        self.not_names = frozenset(r[0].lower() for r in dates if r[1][0] in "DM")
        self.deputies = self.word_role["deputy"]
        self.ranks = frozenset(self.word_role.get("rank", set()))
        self.place_nouns = frozenset(self.word_role.get("place_noun", set()))
        # places and the compass words that qualify them: a run of these alone names no one
        self.place_tails = self.word_role.get("place_tail", frozenset()) - self.places
        self.place_words = self.places | self.place_tails
        self.title_leads = frozenset(self.word_role.get("title_lead", set()))
        self.descriptors = self.word_role.get("descriptor", set())
        self.title_parts = self.word_role.get("title_part", set())
        self.subject_leads = self.word_role.get("subject_lead", set())
        self.nonspeakers = self.word_role.get("nonspeaker", set())
        self.promo = frozenset(self.word_role.get("promo", set()))
        self.relatives = self.word_role["relative"]
        self.copulas = self.word_role.get("copula", frozenset())
        self.introducers = self.word_role.get("introducer", frozenset())
        self.guest_words = self.word_role.get("guest", frozenset())
        self.list_words = self.word_role.get("list", frozenset())
        # 'pesepak bola asal Blitar': a place of origin closes a description
        self.origin = re.compile(rf"\s(?:{_alt(self.word_role.get('origin', ()) or ['asal'])})\s+[A-Z][^,]*$")
        self.passive = re.compile(rf"(?<!\w)(?P<cue>{_alt(self.word_role.get('passive_cue', ()))})\s+(?=[A-Z])")
        # a subject that describes a person already named ('Politikus PPP itu')
        self.description = re.compile(
            rf"^\s*\S+(?:\s+\S+){{0,7}}\s(?:{_alt(self.word_role['demonstrative'])})\s*$", re.IGNORECASE)
        self.anaphoric = re.compile(rf"^\s*[a-z][^,]*\s(?:{_alt(self.word_role['demonstrative'])})\s*$")
        # a bare speech verb needs a subject that ends in a name or pronoun (adverbs may follow)
        self.subject_end = re.compile(rf"(\S+)\s+(?:(?:{_alt(self.word_role['adverb'])})\s+)?$")
        self.date_segment = re.compile(rf"^\s*(?:(?:{_alt(self.weekdays)})\b|\(|\d)")
        self.complementizer_alt = _alt(self.word_role["complementizer"])
        self.complementizer = re.compile(rf"\b(?:{self.complementizer_alt})\b", re.IGNORECASE)
        # a form may have two kinds: 'bilang' follows a quote ('…, bilang Budi') and leads
        # reported speech ('Dia bilang, …'); cue_kind keeps the first, for carry-over
        post = sorted({r[0].lower() for r in cues if r[1] in ("post", "carry")})
        verbs = sorted({r[0].lower() for r in cues if r[1] == "verb"})
        # Set look-ups decide whether the (slower) attribution patterns need to run at all.
        self.verb_words = frozenset(verbs)
        self.cue_words = frozenset([*post, *verbs, *self.word_role["menurut"], *self.word_role["menurut_carry"],
                                    *self.word_role.get("passive_cue", ())])
        # words that never start a person's name ('Menurut Mahfud' is Mahfud)
        self.never_names = frozenset(self.cue_words | self.word_role["menurut"])
        # a speaker named by one word right after a cue ('kata Jumawan.', 'Menurut Sutarno,'):
        # how the article refers to the person, even where the tagger missed the name (a set
        # look-up on the word before the name; a cue of several words a user may add to the
        # data still attributes quotes, it only does not feed these references)
        self.one_word_cues = frozenset(c for c in [*post, *self.word_role["menurut"]] if " " not in c)
        # who the passage is about: a name takes over '-nya' cues only as the subject of a speech
        # verb ('Budi menyayangkan …'), the agent of a passive cue ('diungkapkan Budi') or after
        # a word that gives a view ('Menurut Budi', 'Bagi Budi'); data: speaker_verb, view_lead
        self.speaker_verbs = frozenset([*verbs, *self.word_role.get("speaker_verb", ())])
        self.speaker_leads = frozenset([*(r[0].lower() for r in cues if r[1] == "post"),
                                        *self.word_role["menurut"], *self.word_role.get("view_lead", ())])
        self.not_verbs = frozenset(self.word_role.get("not_verb", ()))
        self.quantifiers = frozenset(self.word_role.get("quantifier", ()))
        self.plurals = frozenset(self.word_role.get("plural", ()))
        # a cue verb anywhere in a sentence: its subject speaks even where no quote is reported
        self.speech_verb = re.compile(rf"(?<!\w)(?:{_alt(verbs)})(?!\w)", re.IGNORECASE)
        # 'Saiful Tomi selaku Ketua Tim Pemenangan …': a word that introduces the office after a name
        self.office_after = re.compile(
            rf"\s+(?:{_alt(self.word_role.get('office_link', ()))})\s+([^,.;:!?“”\"]+)", re.IGNORECASE)
        # 'Budi, yang juga menjabat sebagai Ketua …,', 'kata Budi yang juga Ketua …', 'Budi
        # merupakan Ketua …': a relative clause or a predicate that gives the office after a name
        adverbs = _alt(self.word_role.get("office_adverb", ()))
        links = _alt(self.word_role.get("copula", set()) | self.word_role.get("office_verb", set())
                     | self.word_role.get("office_link", set()))
        self.office_clause = re.compile(
            rf"(?:\s*,\s*yang|\s+yang|(?=\s+(?:(?:{adverbs})\s+)*(?:{links})\s))"
            rf"(?:\s+(?:{adverbs}))*(?:\s+(?:{links}))*\s+(?=\S)", re.IGNORECASE)
        self._direct_patterns(post, verbs)
        self._indirect_patterns(post, verbs)

    def _direct_patterns(self, post: list[str], verbs: list[str]) -> None:
        """Attributions next to a quotation: after the closing mark or before the opening one."""
        complementizer = self.complementizer_alt
        # after a closing mark: ', ” kata juru bicara NATO Oana Lungescu.' / ' tuturnya.'
        self.after = re.compile(
            rf"^[\s,]*(?:(?:{_alt(self.word_role['cue_lead'])})\s+)?(?P<cue>{_alt(post)})(?!\w)(?P<rest>[^.!?;:“”\"]*)",
            re.IGNORECASE,
        )
        # after a closing mark, subject first: '” Lungescu mengatakan.'
        self.after_subject = re.compile(
            rf"^[\s,]*(?P<subj>[^.!?;“”\"]{{1,80}}?)\s+(?P<cue>{_alt(verbs)})(?!\w)\s*[.,]", re.IGNORECASE
        )
        # before an opening mark: 'Lungescu mengatakan, “' / 'kata Lungescu: “'
        self.before_verb = re.compile(
            rf"(?P<subj>[^.!?;“”\"]{{1,120}}?)\s+(?P<cue>{_alt(verbs)})(?:\s+(?:{complementizer}))?\s*[,:]?\s*$",
            re.IGNORECASE,
        )
        # how every before_verb match ends (from the blank before the cue): one linear search
        # rules out most clauses, where before_verb tries its lazy subject from every start
        self.before_verb_end = re.compile(
            rf"\s(?:{_alt(verbs)})(?:\s+(?:{complementizer}))?\s*[,:]?\s*$", re.IGNORECASE)
        self.before_post = re.compile(
            rf"(?:^|[\s,])(?P<cue>{_alt(post)})\s+(?P<rest>[^.!?;“”\"]{{1,100}}?)\s*[,:]\s*$", re.IGNORECASE
        )
        weekdays = _alt(self.weekdays)
        # '(' ends the phrase only before a date or an age: 'Aji (34)', 'Senin (4/5/2020)';
        # an acronym in brackets belongs to the role: 'Lembaga Ilmu Pengetahuan Indonesia (LIPI)'
        # Case-sensitive: 'Menteri Dalam Negeri' is a role, 'dalam rapat' ends the phrase. Commas
        # do not end it ('Kepala Dusun X, Kelurahan Y, Wahyu Wibowo'); see _fallback_name.
        self.stop_split = re.compile(
            rf"\s(?:{_alt(self.word_role['stop'])})(?!\w)|\s\((?![A-Z][^,()\d]*\))|,?\s+(?:{weekdays})\b"
        )

    def _indirect_patterns(self, post: list[str], verbs: list[str]) -> None:
        """Reported speech outside quotation marks."""
        complementizer = self.complementizer_alt
        menurut = _alt([*self.word_role["menurut"], *self.word_role["menurut_carry"]])
        self.menurut = re.compile(rf"(?:^|,\s*)(?P<cue>{menurut})(?P<rest>[^,.;]{{0,100}})(?:,\s*|$)", re.IGNORECASE)
        # indirect, subject first: 'Rumania … mengatakan bahwa mereka siap …'
        # (the verb must be followed by 'bahwa', a comma or a colon: 'menolak untuk mengakui
        # Ukraina' or 'menjelaskan hal itu' are not reported speech)
        self.verb_in_sentence = re.compile(
            rf"(?<!\w)(?P<cue>{_alt(verbs)})(?!\w)(?:\s+(?:{_alt(self.word_role['addressee'])})\s[^,.;]{{1,40}}?)?"
            rf"(?:\s+(?:{complementizer})\b|\s*[,:])\s*",
            re.IGNORECASE,
        )
        # 'Budi menjelaskan pasokan aman' — core speech verbs report speech without a comma,
        # unless an object follows ('menjelaskan hal itu', 'mengatakan kepada wartawan')
        bare = self.word_role["bare_verb"]
        not_content = self.word_role["not_content"]
        self.bare_verb = re.compile(
            rf"(?<!\w)(?P<cue>{_alt(bare)})\s+(?!(?:{_alt(not_content)})(?!\w))(?=[A-Za-z])", re.IGNORECASE
        )
        # 'Menurutnya tak ada keraguan …': a carried 'menurut' word with no comma after it
        # or a carried cue opening the sentence before a comma: 'Lanjutnya, Megawati …'
        # ('Katanya, …' is left out: it also means 'reportedly')
        carried = [c for c in post if self.cue_kind.get(c) == "carry" and c != "katanya"]
        self.menurut_bare = re.compile(
            rf"^(?:(?P<cue>{_alt(self.word_role['menurut_carry'])})\s+(?=[a-z])"
            rf"|(?P<lead>{_alt(carried)})\s*,\s*(?=\S))", re.IGNORECASE)
        # a post cue between commas inside the sentence: 'Jokowi, kata Sri Radjasa, butuh …' /
        # 'Padahal, kata dia, Jokowi merupakan …' / 'PKR, sambung Tuntas, dibentuk …'
        self.mid_post = re.compile(
            rf",\s*(?P<cue>{_alt(post)})(?!\w)(?P<rest>[^,.!?;:“”\"]{{1,60}}?)\s*,\s*(?=\S)", re.IGNORECASE)
        self.leads = frozenset([*self.word_role["subject_lead"], *self.word_role["adverb"],
                                *self.word_role.get("connective", ()), *self.stop,
                                *self.word_role["demonstrative"]])
        # indirect, content first: '…, kata Budi.' / '…, ujarnya.'
        self.tail_post = re.compile(
            rf",\s*(?P<cue>{_alt(post)})(?!\w)(?P<rest>[^,.!?;]{{0,100}})[.!?]?\s*$", re.IGNORECASE
        )


def _place_words() -> frozenset[str]:
    """One-word place names from the NER gazetteer (``Klaten`` in ``Bupati Klaten Sri Mulyani``)."""
    try:
        places = rows("gazetteer_loc.txt")
    except FileNotFoundError:  # the NER data is optional for quotes
        return frozenset()
    return frozenset(r[0].lower() for r in places if " " not in r[0])


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    return _Lexicon()


@dataclass(slots=True)
class _Span:
    """A direct quote's content: from (p0, s0) to (p1, e1), marks excluded."""

    p0: int
    s0: int
    p1: int
    e1: int
    mark_start: int  # offset of the opening mark in p0
    mark_end: int  # offset just after the closing mark in p1 (= e1 when unclosed)


def _find_direct(paragraphs: list[str]) -> list[_Span]:
    """Pair quotation marks across paragraphs (see the module docstring)."""
    spans: list[_Span] = []
    p = 0
    i = 0
    while p < len(paragraphs):
        text = paragraphs[p]
        j = _next_mark(text, i, opening=True)
        if j < 0:
            p, i = p + 1, 0
            continue
        if _stray_close(text, j):
            i = j + 1  # its opening mark was lost: no quote can be paired from it
            continue
        span = _close(paragraphs, p, j)
        spans.append(span)
        p, i = span.p1, span.mark_end
    return spans


_OPENING = re.compile(f"[{_TOGGLES}{_OPENERS}]")
_CLOSING = re.compile(f"[{_TOGGLES}{_CLOSERS}]")


def _next_mark(text: str, start: int, opening: bool) -> int:
    m = (_OPENING if opening else _CLOSING).search(text, start)
    return m.start() if m else -1


def _close(paragraphs: list[str], p0: int, j: int) -> _Span:
    """Find the closing mark for the opening mark at ``paragraphs[p0][j]``."""
    p, i = p0, j + 1
    marked = False  # a continuation mark was passed on the way
    while p < len(paragraphs) and p - p0 < LONG_SPAN:
        text = paragraphs[p]
        if p > p0:
            lead = len(text) - len(text.lstrip())
            i = lead + 1 if text[lead : lead + 1] in tuple(_MARKS) and _opens_here(text, lead) else 0
            marked = marked or i > 0
        k = _next_mark(text, i, opening=False)
        lo = i
        while k >= 0 and _nested_term(text, lo, k):
            lo, k = k + 1, _next_mark(text, k + 1, opening=False)
        if k >= 0:
            if p - p0 < MAX_SPAN or not marked and _attributed_close(paragraphs, p, k):
                return _Span(p0, j + 1, p, k, j, k + 1)
            break
        p += 1
    # unclosed: cut back to the opening paragraph
    end = len(paragraphs[p0].rstrip())
    return _Span(p0, j + 1, p0, end, j, end)


_ATTRIBUTED_CLOSE = re.compile(r"[,?!]\s?$")
_TERM = 40  # characters a term quoted inside a quotation may hold


def _nested_term(text: str, i: int, k: int) -> bool:
    """Whether the mark at ``text[k]`` closes a term quoted inside the quotation, not the
    quotation: an explicit opening mark stands between (``“Di pasar kan ada “jeger-jeger”-nya.
    Kami …,” ucapnya``), in the middle of a clause, a few words before it."""
    o = max(text.rfind(c, i, k) for c in _OPENERS)
    return o >= i and k - o <= _TERM and text[max(i, o - 2) : o].rstrip()[-1:].isalnum()


_WORD_AFTER = re.compile(r"[a-z]+")


def _stray_close(text: str, j: int) -> bool:
    """A toggle mark where an opening one is expected that can only close a quote: after the
    quote's own comma and glued to a cue that follows quotes (``…, ekonomi, ”ujar Windhu``, where
    the text lost a mark before it). Pairing from it would turn every later quote inside out."""
    if text[j] not in _TOGGLES or not _ATTRIBUTED_CLOSE.search(text[max(0, j - 2) : j]):
        return False
    word = _WORD_AFTER.match(text, j + 1)
    return word is not None and _lexicon().cue_kind.get(word.group()) == "post"


def _attributed_close(paragraphs: list[str], p: int, k: int) -> bool:
    """A mark after the quote's own comma (or ``?``/``!``) and before a lower-case word
    (``…, kok,” paparnya``; in text split one sentence per paragraph the word may open the
    next one) closes a quote for certain: only an attribution follows it."""
    text = paragraphs[p]
    if not _ATTRIBUTED_CLOSE.search(text[max(0, k - 2) : k]):
        return False
    after = text[k + 1 :] if text[k + 1 :].strip() or p + 1 == len(paragraphs) else " " + paragraphs[p + 1].lstrip()
    return after[:1] == " " and after[1:2].islower()


def _opens_here(text: str, k: int) -> bool:
    """A mark at paragraph start followed by a word is a continuation opener."""
    return k + 1 < len(text) and not text[k + 1].isspace()


@dataclass(slots=True)
class _Who:
    """A resolved speaker."""

    name: str | None
    mention: str | None
    role: str | None
    person: bool = True  # False for an organisation or place speaking ('Kemenkes mengatakan')


@dataclass
class _State:
    """What the attribution of later quotes depends on: the last speaker and known roles."""

    persons: list[tuple[int, int, int, Entity]]  # (paragraph, start, end, entity) PER mentions
    others: list[tuple[int, int, int, Entity]]
    last: _Who | None = None
    last_at: tuple[int, int] = (0, 0)
    roles: dict[str, str] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)  # 'Castro' → 'Herdiansyah Hamzah'




def _entity_index(
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
    for ent in entities:
        if ent.label == "PER" and (not _looks_like_name(ent.name) or ent.name.lower() in not_names):
            continue  # a tagging slip ('masif', 'Indramayu') must not become a speaker
        if ent.label != "PER":
            others.extend((m.paragraph, m.start, m.end, ent) for m in ent.mentions)
            continue
        # a name tagged with the end of its role ('Sosial Juliari Batubara' after 'Menteri',
        # 'RI Alamsyah Saragih', 'Menurut Mahfud'): the role words go back to the role
        cut = lead_role_words(ent.name.split(), never_names)
        cut = max(cut, _place_tail_cut(ent.name.split()))
        if not cut and (_after_place_noun(ent, paragraphs) or _completes_title(ent, paragraphs)):
            # 'Kepala Desa Karangbenda Sakino': the village, then the name; 'Hakim Agung Syamsul'
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
        if _always_after_org_head(ent, paragraphs):
            continue  # 'Polda Metro Jaya' tagged 'Metro Jaya': the rest of an organisation's name
        shift: dict[str, int] = {}  # per written form: most mentions repeat one or two forms
        found: list[tuple[int, int, int]] = []
        given = ""  # a given name the tagger left out, written before the tagged name
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
                    shift[written] = _word_offset(written, k)
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
            found.append((m.paragraph, ms, m.end))
        if given and not person.name.startswith(given):
            person = replace(person, name=f"{given} {person.name}")  # 'Vinsen Kia Beda' everywhere
        persons.extend((p, ms, me, person) for p, ms, me in found)
    persons.sort(key=lambda t: (t[0], t[1]))
    others.sort(key=lambda t: (t[0], t[1]))
    return persons, others


def _place_tail_cut(words: list[str]) -> int:
    """How many leading words of a tagged name are a place closed by a compass word (``Minahasa
    Utara Clay Dondokambey`` after ``Bupati`` → 2): at least two name words stay."""
    tails = _lexicon().place_tails
    return max((k + 1 for k in range(1, len(words) - 2) if words[k].lower() in tails), default=0)


def _word_offset(written: str, k: int) -> int:
    """Where word ``k`` of ``written`` starts (0 for the first)."""
    if not k:
        return 0
    return [m.start() for m in re.finditer(r"\S+", written)][k]


# a capitalised word that ends a clause ('kata Jumawan.') or is followed by a verb
# ('Jumawan menularkan …'); what stands before it is checked in _one_word_speakers
_CAPITAL_WORD = re.compile(r"[A-Z][a-z'’-]+(?=\s*[,.]|\s+(?:me|ber)[a-z]{3,}(?!\w))")
_WORD_BEFORE = re.compile(r"(?<!\w)([A-Za-z]+)\s+$")
_CLAUSE_OPENS = re.compile(r"(?:^|[.,;]\s+)$")


def _one_word_speakers(paragraph: str, has_cue: bool, lex: _Lexicon) -> set[str]:
    """One-word names in ``paragraph`` used as a speaker right after a cue (``kata Jumawan.``,
    ``Menurut Sutarno,``; only when ``has_cue``) or as the subject of a verb opening a clause
    (``…, Jumawan menularkan …``). One scan over capitalised words: the word before is looked
    at only where one is found (two regexes over every word cost twice as much)."""
    found: set[str] = set()
    for m in _CAPITAL_WORD.finditer(paragraph):
        s, name = m.start(), m.group()
        if s and (paragraph[s - 1].isalnum() or paragraph[s - 1] in "'’-"):
            continue  # inside a word
        after = paragraph[m.end() : m.end() + 2]
        if after.lstrip()[:1] in (",", "."):
            before = _WORD_BEFORE.search(paragraph, max(0, s - 30), s) if has_cue else None
            if before is not None and before.group(1).lower() in lex.one_word_cues:
                found.add(name)
        elif len(name) >= 3 and "-" not in name and _CLAUSE_OPENS.search(paragraph, max(0, s - 5), s):
            found.add(name)
    return found


def _cut_references(references: frozenset[str], paragraphs: list[str], lex: _Lexicon,
                    cued: list[bool]) -> frozenset[str]:
    """``references`` and the one-word speakers right after a cue or opening a clause
    (``kata Jumawan.``, ``…, Jumawan menularkan …``) that the tagger may have missed, when the
    word can be part of a name and is no pronoun or cue word. ``cued`` says per paragraph
    whether it holds a cue word at all."""
    found = set(references)
    for paragraph, has_cue in zip(paragraphs, cued):
        found.update(w for w in _one_word_speakers(paragraph, has_cue, lex) if _can_be_name(w))
    return frozenset(w for w in found if w.lower() not in lex.pronouns and w.lower() not in lex.never_names)




def _always_after_org_head(ent: Entity, paragraphs: list[str]) -> bool:
    """Whether every mention of a tagged name follows an organisation head (``Polda``,
    ``Universitas``): then it is the rest of that organisation's name, never a person."""
    heads = _lexicon().orgheads
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
    return before is not None and before in _lexicon().place_nouns


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
    compounds = _lexicon().word_role.get("title_compound", set())
    before = _word_before_full_name(ent, paragraphs)
    return before is not None and f"{before} {words[0].lower()}" in compounds


_NICKNAME = re.compile(r",?\s+sapaan(?:\s+akrab(?:nya)?)?\s+")
_LEFT_RUN = re.compile(r"(?:[A-Z][\w'’.-]*\s+){1,5}$")
_RIGHT_RUN = re.compile(r"(?:\s+[A-Z][\w'’.-]*){1,2}")

# a role after the name: ', Ketua BAZNAS' / ' Ketua BAZNAS' — not ', ditemui' (a passive verb)
_APPOSITION = re.compile(r"^\s*(?:,\s*(?!di[a-z]{3,}\b)\w|[A-Z])")


def _looks_like_name(name: str) -> bool:
    words = name.split()
    return bool(words) and all(_NAME_WORD.fullmatch(w) for w in words)




def _fallback_name(phrase: str, lex: _Lexicon, references: frozenset[str] = frozenset()) -> tuple[int, int, bool] | None:
    """(start, end, bare) of the name inside an attribution phrase without a PER entity.

    Why heuristics: before NER has run (or when it misses), a speaker phrase still holds the
    person's name as a capitalised run once titles, acronyms and organisation words are
    skipped (``Ketua Komnas HAM Maluku Benediktus Sarkol``; at most two words after an
    organisation). With commas, the last segment that is a bare name (no title, organisation
    or place words) wins (``Kepala Dusun X, Kelurahan Y, Wahyu Wibowo``; ``Dedy, Kepala Peleton
    B``; ``Aziz Yanuar, anggota tim kuasa hukum``).
    """
    found: tuple[int, int, bool] | None = None
    offset = 0
    for segment in phrase.split(","):
        span = _segment_name(segment, lex, references)
        if span is not None and (found is None or span[2] and not no_name_word(segment[span[0] : span[1]].split())):
            # ('kata Mahfud, Terkait dengan …': a common word after a comma is no later name)
            found = (offset + span[0], offset + span[1], span[2])
        offset += len(segment) + 1
    return found


_ORG_LINKS = frozenset({"of", "for", "and", "the"})  # inside an organisation's English name


def _segment_name(segment: str, lex: _Lexicon, references: frozenset[str] = frozenset()) -> tuple[int, int, bool] | None:
    """(start, end, bare) of the name in one comma segment; ``bare`` if nothing else is in it.

    Capitalised runs are tried from the last: in ``Budi dari Kementerian Sosial`` the last run
    is an organisation, so the name is the run before it.
    """
    words = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", segment)]
    runs: list[list[tuple[int, int, str]]] = [[]]
    for w in words:
        if _NAME_WORD.fullmatch(w[2]) or w[2] in _ORG_LINKS and runs[-1] and runs[-1][0][2].lower() in lex.orgheads:
            runs[-1].append(w)  # ('PT House of Rattan' is one organisation's run, no name 'Rattan')
        elif runs[-1]:
            runs.append([])
    for run in reversed([r for r in runs if r]):
        cut, org = 0, False
        for k, (_, _, w) in enumerate(run):
            low = w.lower().rstrip(".")
            if low in lex.orgheads:
                org, cut = True, k + 1
            elif low in lex.titles or (w.isupper() and len(w.rstrip(".")) > 1) or w.startswith("("):
                cut = k + 1
                if low in lex.titles:
                    org = False  # a rank after the organisation: 'Kepala Polres Bogor AKBP Susatyo Purnomo Condro'

            elif low in lex.places and k + 1 < len(run) and k == cut and cut > 0:
                cut = k + 1  # a place right after a title: "Bupati Klaten"
        tail = _place_tail_cut([w for _, _, w in run[cut:]])
        cut += tail
        name = run[cut:]
        if org and any(w in _ORG_LINKS for _, _, w in name):
            continue  # 'PT House of Rattan': the organisation's words to its end
        if org and len(name) > 2:
            # at most two words after an organisation ('Dinas Perhubungan Kota Surabaya Irvan
            # Wahyudrajad'), and the given names or the article's one-word references before
            # them ('RSUD Blambangan Sri Indah Lestari', 'KPU Kota Metro Nurris Septa Pratama')
            keep = 2
            while keep < len(name) and (is_given_name(name[-keep - 1][2]) or name[-keep - 1][2] in references) \
                    and name[-keep - 1][2].lower() not in lex.places:
                keep += 1
            name = name[-keep:]
        lead = lead_role_words([w for _, _, w in name], lex.never_names)
        if lead:
            cut, name = cut + lead, name[lead:]  # 'Menteri Sosial Juliari' / 'Menurut Mahfud'
        if 0 < cut and len(name) > 1 and run[cut - 1][2].lower() in lex.place_nouns and not is_given_name(name[0][2]):
            cut, name = cut + 1, name[1:]  # 'Kepala Desa Karangbenda Sakino': the village first
        if name and (org or cut) and no_name_word([w for _, _, w in name]):
            continue  # "Komisi Pemberantasan Korupsi": a title or an organisation and its own words, no name
        if name and run is not runs[0] and all(w.lower() in lex.places for _, _, w in name):
            continue  # 'Tri Rismaharini di Surabaya': the place after the name is no name
        if name and all(w.lower() in lex.place_words for _, _, w in name) \
                and not all(w.lower() in lex.places for _, _, w in name):
            continue  # 'Jakarta Selatan', 'Selatan': a place with its compass word is no name
        if name:
            places_only = all(w.lower() in lex.places for _, _, w in name)
            bare = len(run) == len(words) and not org and cut == 0 and not places_only
            return name[0][0], name[-1][1], bare
    return None


class _Attributor:
    """Resolves attribution phrases to speakers, in reading order."""

    def __init__(self, paragraphs: list[str], entities: list[Entity], cued: list[bool] | None = None) -> None:
        self.paragraphs = paragraphs
        self.lex = _lexicon()
        # per paragraph: does it hold a cue word? (asked by the references and the reported-speech
        # pass; given by extract_quotes, which has asked already)
        self.cued = [_has(p, self.lex.cue_words) for p in paragraphs] if cued is None else cued
        self.references = person_references(entities, paragraphs)
        # with the one-word speakers after cues and clause subjects: only where a name meets its
        # office (referred_cut); a word found that way may be a title ('kata Menpora.'), which
        # must never join a name as a left-out given name
        self.cut_references = _cut_references(self.references, paragraphs, self.lex, self.cued)
        self.text = "\n".join(paragraphs)  # where references and organisation words are looked up
        persons, others = _entity_index(entities, self.lex.places | self.lex.not_names, paragraphs, self.lex.never_names,
                                        self.references, self.text, self.cut_references)
        self.state = _State(persons, others)
        self.covered: dict[int, list[tuple[int, int]]] = {}
        self._full_names: dict[str, str | None] = {}
        self._no_role: set[str] = set()
        self._before_name: dict[str, bool] = {}
        # multi-word names only: a one-word name ('Agung') is too often a word of a role
        self._person_names = sorted({e.name for _, _, _, e in persons if " " in e.name}, key=len, reverse=True)

    def carry(self, written: str | None = None, at: tuple[int, int] | None = None) -> _Who | None:
        """The person ``tuturnya`` / ``kata dia`` refers to.

        The most recent speaker, unless a person was named (outside quotes) between that
        speaker's attribution and ``at``: news introduces the next speaker in a plain sentence
        (``Wimboh berharap …`` / ``Bagi Toto, …``, ``Hal serupa diungkapkan Budi.``, or a
        sentence opening with an office and a name the tagger missed) and then quotes them
        with ``katanya``.
        """
        newer = self._person_between(self.state.last_at, at) if at is not None else None
        untagged = self._untagged_subject_between(self.state.last_at, at) if at is not None else None
        aged = self._aged_name_between(self.state.last_at, at) if at is not None else None
        if aged is not None and (untagged is None or aged[0] > untagged[0]):
            untagged = aged
        if untagged is not None and (newer is None or untagged[0] > newer[0]):
            return untagged[1] if written is None else replace(untagged[1], mention=written)
        if newer is not None:
            # a short form ('Risma') is the person named in full earlier ('Tri Rismaharini')
            name = self._canonical(newer[1].name) if " " not in newer[1].name else newer[1].name
            return _Who(name, written or newer[1].name, self.role_of(name))
        last = self.state.last
        if last is None:
            # nobody has spoken yet and no subject was named: the latest person named at all
            # ('Berdasarkan laporan … oleh Kepala Bidang … Dwi Oktavia, ada 575 kasus. “…,” katanya');
            # a plural pronoun ('Menurut mereka') is no one person
            plural = written is not None and written.lower() in self.lex.plurals
            who = self.recent_person(*at) if at is not None and not plural else None
            return replace(who, mention=written) if who is not None and written else who
        return _Who(last.name, written or last.mention, last.role)

    def _untagged_subject_between(self, lo: tuple[int, int], hi: tuple[int, int]) -> tuple[tuple[int, int], _Who] | None:
        """The latest sentence between ``lo`` and ``hi`` that opens with an office and a name
        the tagger missed (``Wali Kota Manado Vicky Lumentut meminta …``): its person, who
        takes a ``tuturnya`` that follows, as a tagged subject would."""
        best = None
        for p in range(lo[0], min(hi[0], len(self.paragraphs) - 1) + 1):
            text = self.paragraphs[p]
            if not _has(text, self.lex.titles):
                continue
            for m in _TITLED_SUBJECT.finditer(text):
                at = (p, m.start("run"))
                if not lo <= at < hi or self._quoted(p, m.start("run")) or m["run"].split()[0].lower() not in self.lex.titles:
                    continue
                if not (_VERB_LIKE.fullmatch(m["next"]) or m["next"] in self.lex.cue_words
                        or m["next"] in self.lex.word_role["adverb"]):
                    continue  # 'Kepala Bidang Kedokteran dan …': the run goes on, no subject ends here
                if self._entity_in(self.state.persons, p, m.start("run"), m.end("run")) is not None:
                    continue  # tagged: _person_between has it
                span = _segment_name(m["run"], self.lex, self.references)
                if span is None or span[1] < len(m["run"].rstrip()) or span[2]:
                    continue  # the name must end the run, after the office
                ms = m.start("run") + span[0]
                name = text[ms : m.start("run") + span[1]]
                who = self._who(self._canonical(name), name, text, m.start("run"), m.end("run"), ms,
                                m.start("run") + span[1])
                best = (at, who)
        return best

    def _aged_name_between(self, lo: tuple[int, int], hi: tuple[int, int]) -> tuple[tuple[int, int], _Who] | None:
        """The latest person between ``lo`` and ``hi`` introduced by a name the tagger missed
        and an age in brackets, as a subject or after a copula (``Restu Iryanti (30), pegawai
        di sebuah perusahaan, masih …``, ``Salah satunya adalah Sumiyati (52).``): a resident or
        witness the passage now quotes (see :meth:`_introduced`)."""
        best = None
        for p in range(lo[0], min(hi[0], len(self.paragraphs) - 1) + 1):
            text = self.paragraphs[p]
            if "(" not in text:
                continue
            for m in _AGED_NAME.finditer(text):
                at = (p, m.start("name"))
                if not lo <= at < hi or self._quoted(p, m.start("name")) or self._passive_after(p, m.end("name")):
                    continue  # ('Andi (30) ditangkap …': acted upon, not speaking)
                name = m["name"]
                before = text[max(0, m.start() - 30) : m.start()].split()
                if before and before[-1].lower() not in self.lex.copulas and not self._subject_position(p, m.start()):
                    continue
                if self._entity_in(self.state.persons, p, m.start("name"), m.end("name")) is not None \
                        or self._entity_in(self.state.others, p, m.start("name"), m.end("name")) is not None:
                    continue  # tagged: a person is _introduced's, an organisation or place is nobody
                words = name.split()
                if any(w.lower() in self.lex.titles or w.lower() in self.lex.not_names for w in words) \
                        or words[0].lower() in self.lex.leads or not _looks_like_name(name):
                    continue
                role = mention_role(text, m.start("name"), m.end("age"), self.lex)
                best = (at, _Who(name, name, role))
        return best

    def _person_between(self, lo: tuple[int, int], hi: tuple[int, int]) -> tuple[tuple[int, int], Entity] | None:
        """The latest person named as the subject of a clause between ``lo`` and ``hi``.

        Only a subject introduces the next speaker (``Wimboh berharap …``, ``Bagi Toto, …``);
        a person written in the middle of a clause is talked about (``… pencalonan Gibran``,
        ``… Presiden Jokowi dan Prabowo sudah datang``) and never takes ``katanya``."""
        for mp, ms, me, ent in reversed(self.state.persons):  # the latest first: stop at it
            if (mp, ms) < lo:
                return None
            if (mp, ms) >= hi or self._quoted(mp, ms) or self._passive_after(mp, me):
                continue
            if self._subject_position(mp, ms) and self._takes_over(mp, ms, me, ent) \
                    or self._introduced(mp, ms, me, ent):
                return (mp, ms), ent
        return None

    def _introduced(self, p: int, ms: int, me: int, ent: Entity) -> bool:
        """Whether ``paragraphs[p][ms:me]`` introduces a new person to the passage: the first
        mention of ``ent``, with an age in brackets (``Deden (27) merasakan …``, ``Salah satunya
        adalah Fanda Riyanto (18).``), as a subject or after a copula. News introduces the
        residents, witnesses and patients it quotes that way, and the ``katanya`` that follows
        is theirs, not the official quoted before them."""
        text = self.paragraphs[p]
        age = _AGE.match(text, me)
        if age is None:
            # or a plain description after a comma ('Ruli, salah satu peserta, merasa …')
            m = _DESCRIBED.match(text, me)
            if m is None or not (m["first"].lower() in self.lex.descriptors
                                 or m["first"].lower() in self.lex.introducers):
                return False
        first = next(((mp, s) for mp, s, _, e in self.state.persons if e is ent), None)
        if first != (p, ms):
            return False
        before = text[max(0, ms - 30) : ms].split()
        return self._subject_position(p, ms) or bool(before) and before[-1].lower() in self.lex.copulas

    def _takes_over(self, p: int, ms: int, me: int, ent: Entity) -> bool:
        """Whether the person ``ent`` named at ``paragraphs[p][ms:me]`` becomes the speaker of
        the passage. Before anyone has spoken, any subject does (``Budi hadir …`` / ``“…,”
        katanya``); after that, only one who speaks in the clause: the subject of a speech
        verb (``Nawawi menyayangkan …``, ``Suharno, yang dihubungi, mengatakan …``), the agent
        of a passive cue (``diungkapkan Budi``), a name after ``Menurut``/``Bagi``, or a person
        introduced with their office in a clause with no verb of its own (``Salah satunya
        adalah Ketua … Hasbullah Thabrany.``). A person the passage talks about (``Mujiono
        memilih tetap di mobil``, ``Sophanah itu positif``) leaves ``katanya`` with the speaker."""
        if self.state.last is None:
            return True
        verb = self._clause_verb(p, me)
        if (verb is None or verb == "verb" and self._plain_subject(p, ms, me)) and self._first_with_office(p, ms, me, ent):
            # introduced with an office, whatever the verb ('Wali Kota Bekasi Rahmat Effendi sudah
            # menerbitkan peraturan …' / '“…,” ucapnya'), unless another speaker's cue follows
            # ('… Sophanah itu positif, menurut Hilal, …')
            return True
        return verb == "speech" or self._lead_word(p, ms) in self.lex.speaker_leads

    def _plain_subject(self, p: int, ms: int, me: int) -> bool:
        """Whether the name at ``paragraphs[p][ms:me]`` is the subject of its sentence as a
        whole: no clause word or preposition before it in the sentence (``Dalam jumpa pers yang
        dihadiri oleh ketua X, Budi …`` names guests) and no list after it (``Budi dan …``)."""
        text = self.paragraphs[p]
        start = max(text.rfind(". ", 0, ms), text.rfind("? ", 0, ms), text.rfind("! ", 0, ms))
        before = [w.lower().strip("(),") for w in text[start + 1 if start >= 0 else 0 : ms].split()]
        if any(w in self.lex.stop or w in self.lex.guest_words for w in before):
            return False
        after = re.sub(r"^\s*(?:\([^()]*\))?\s*,?\s*", "", text[me : me + 40]).split()
        return not (after and after[0].lower() in self.lex.list_words)

    def _first_with_office(self, p: int, ms: int, me: int, ent: Entity) -> bool:
        """Whether ``paragraphs[p][ms:me]`` is the first mention of ``ent`` and has an office
        written next to it: how news introduces the next person it quotes."""
        first = next(((mp, s) for mp, s, _, e in self.state.persons if e is ent), None)
        return first == (p, ms) and bool(mention_role(self.paragraphs[p], ms, me, self.lex))

    def _lead_word(self, p: int, ms: int) -> str | None:
        """The last word before the name in its clause that is no role word or capitalised
        word (``menurut`` in ``…, menurut Ketua Tim Hilal``), lower-cased."""
        text = self.paragraphs[p]
        start = max(text.rfind(". ", 0, ms), text.rfind(", ", 0, ms), text.rfind("\u201d", 0, ms),
                    text.rfind('"', 0, ms))
        roles = self.lex.titles | self.lex.descriptors | _ROLE_LINKS
        for w in reversed(text[start + 1 if start >= 0 else 0 : ms].split()):
            low = w.lower().strip("(),.")
            if low in self.lex.speaker_leads:
                return low
            if low in roles or w[:1].isupper() or w.startswith("("):
                continue
            return low
        return None

    def _speaks_after(self, p: int, end: int) -> bool | None:
        """Whether the words after a name (ending at ``paragraphs[p][end]``) make it the
        subject of a speech verb (data: the cue verbs and ``speaker_verb``): the first verb of
        its clause, past brackets, dashes, comma segments and a relative clause's own verb
        (``Reynaldi dari PT X mengatakan``, ``Suharno, yang dihubungi melalui telepon,
        mengatakan``, ``Roem yang dihubungi secara terpisah mengatakan``). Another active verb
        first (``Mujiono memilih …``) or another speaker's cue (``…, menurut Hilal,``) says no
        (False); a clause with no verb at all says None."""
        verb = self._clause_verb(p, end)
        return None if verb is None else verb == "speech"

    def _clause_verb(self, p: int, end: int) -> str | None:
        """What :meth:`_speaks_after` reads after a name: ``speech`` (a speech verb first),
        ``lead`` (another speaker's cue first: ``…, menurut Hilal,``), ``verb`` (another active
        verb first) or None (no verb)."""
        text = self.paragraphs[p]
        m = _CLAUSE_REST.match(text, end, min(len(text), end + 240))
        rest = _ASIDE.sub(" ", m.group()) if m else ""
        lex = self.lex
        for segment in rest.split(",")[:5]:
            relative = False  # inside 'yang …': its first verb is the relative clause's
            for w in segment.split():
                low = w.lower().strip("()\u2014\u2013-.")
                if low in lex.speaker_verbs:
                    return "speech"
                if low in lex.speaker_leads:
                    return "lead"
                if low in lex.relatives:
                    relative = True
                elif _ACTIVE_VERB.fullmatch(low) and low not in lex.not_verbs:
                    if not relative:
                        return "verb"
                    relative = False
        return None

    def _passive_after(self, p: int, me: int) -> bool:
        """``Korban, Yosua Hutabarat, ditemukan tewas``: the subject of a passive verb is
        acted upon, not speaking (a role or an age in brackets may stand between)."""
        after = re.sub(r"^\s*(?:\([^()]*\))?\s*,?\s*", "", self.paragraphs[p][me : me + 80])
        word = after.split()[0].lower() if after.split() else ""
        return word.startswith("di") and len(word) > 5 and word.isalpha() and word not in self.lex.cue_words

    def _subject_position(self, p: int, ms: int) -> bool:
        """Whether the name at ``paragraphs[p][ms]`` opens its clause (after a role, an
        adverbial with a comma, ``Bagi``/``Menurut``, or nothing)."""
        text = self.paragraphs[p]
        start = max(text.rfind(". ", 0, ms), text.rfind(", ", 0, ms), text.rfind("? ", 0, ms),
                    text.rfind("! ", 0, ms), text.rfind("\u201d", 0, ms), text.rfind('"', 0, ms))
        before = text[start + 1 if start >= 0 else 0 : ms].strip()
        if not before:
            return True
        words = before.split()
        if words[0].lower() in self.lex.subject_leads:
            words = words[1:]
        if words and words[0].lower() in self.lex.quantifiers:
            return False  # 'sebagian umat Muslim': a group, the name only qualifies it
        lower = [w.lower().strip("(),.") for w in words if w[:1].islower()]
        roles = self.lex.titles | self.lex.descriptors | _ROLE_LINKS
        last = next((w for w in reversed(lower) if w not in roles), None)
        if last is not None and self.lex.cue_kind.get(last) == "post":
            return True  # 'Hal serupa juga diungkapkan Ahmed Zaki Iskandar.': the agent of a speech verb
        # what is left must be the role written before the name ('Ketua Umum Partai Golkar',
        # 'Co-Founder sekaligus Pembina Komunitas Bike to Work (B2W)'), with no verb, clause
        # word or noun that makes the name an object ('… pencalonan Gibran', '… kepada Budi')
        for w in words:
            low = w.lower().strip("(),.")
            if not w[:1].islower() or low in self.lex.titles or low in self.lex.descriptors or low in _ROLE_LINKS:
                continue
            if _VERB_LIKE.fullmatch(low) or low in self.lex.stop or low in self.lex.cue_words or (
                    len(low) >= 6 and low.endswith("an")):
                return False
        return True

    def _quoted(self, p: int, offset: int) -> bool:
        return any(lo <= offset < hi for lo, hi in self.covered.get(p, ()))

    def phrase(self, p: int, start: int, end: int) -> _Who | None:
        """Resolve the speaker phrase ``paragraphs[p][start:end]`` (role + name)."""
        text = self.paragraphs[p]
        while start < end and text[start] in " ,":
            start += 1
        while end > start and text[end - 1] in " ,":
            end -= 1
        if start >= end:
            return None
        phrase = text[start:end]
        if phrase.lower() in self.lex.pronouns:
            return self.carry(phrase, (p, start))
        words = phrase.split()
        if words[0].lower() in self.lex.pronouns and len(words) <= 4 \
                and all(w.isalpha() and w.islower() for w in words[1:]):
            # 'ucap dia tegas', 'tutur dia menambahkan': the pronoun, then how it was said
            return self.carry(words[0], (p, start))
        if self.lex.description.match(phrase) and phrase.split()[-1].lower() in self.lex.word_role["demonstrative"] \
                and self._entity_in(self.state.persons, p, start, end) is None:
            # 'Menurut Bacapres Koalisi … ini, …', 'Namun, Politikus NasDem ini ingin …': a
            # description pointing back at the person the passage is about
            return self._described(self.carry(phrase, (p, start)), phrase)
        nick = _NICKNAME.search(phrase)
        if nick is not None and " " not in phrase[: nick.start()].strip():
            # 'Castro, sapaan Herdiansyah': the person is the one named after 'sapaan', and
            # later 'kata Castro' is them too
            who = self.phrase(p, start + nick.end(), end)
            if who is not None and who.name:
                self.state.aliases[phrase[: nick.start()].strip()] = who.name
                return replace(who, mention=phrase[: nick.start()].strip())
        first = phrase.split()[0]
        origin = self.lex.origin.search(phrase) if first.islower() else None
        if origin is not None and self._entity_in(self.state.persons, p, start, start + origin.start()) is None:
            # 'sambung pesepak bola asal Blitar': a description by birthplace points back at the
            # passage's speaker; the place is nobody's name
            return self.carry(phrase, (p, start))
        if first.lower() in self.lex.nonspeakers or first.islower() and first in self.lex.stop:
            # 'Menurut data dari Kementerian …', 'Laporan BPS menyebutkan …', 'menurut
            # dalam …': a document or a clause, not a speaker
            return None
        hit = self._entity_in(self.state.persons, p, start, end)
        span = _fallback_name(phrase, self.lex, self.references)
        last_comma = phrase.rfind(",")
        if hit is not None and not (span is not None and span[2] and hit[0] < start + last_comma):
            # (a bare name after the last comma beats a PER mention before it:
            # 'Camat Neglasari, Kabupaten Tangerang, Ubaidillah Ansar')
            ms, me, ent = hit
            name = self._canonical(ent.name) if " " not in ent.name else ent.name
            name, me = self._trim_title(name, text, ms, me)
            return self._who(name, text[ms:me], text, start, end, ms, me)
        if span is None and _no_name(phrase, self.lex):
            titled = self._titled_person(phrase, (p, start))
            if titled is not None:
                return _Who(titled.name, phrase, self.role_of(titled.name) or clean_role(phrase))
        other = self._entity_in(self.state.others, p, start, end)
        if span is not None:
            # 'Badan Pengawas Obat dan Makanan (BPOM) menyatakan …': the subject is an
            # organisation whose name holds a capitalised word after 'dan', not a person ('Budi
            # Hartono CEO Maju Group' tagged as one organisation holds a person's office: kept)
            org = next(((ms, me, ent) for mp, ms, me, ent in self.state.others
                        if mp == p and ms == start and start + span[1] <= me <= end and ent.label == "ORG"), None)
            if org is not None and not any(w.lower() in self.lex.titles and w.lower() not in self.lex.orgheads
                                           for w in text[org[0] : org[1]].split()[1:]):
                span, other = None, org
        if span is None:
            if other is None:
                return None
            if first.islower() and first in self.lex.descriptors:
                # a description the place is part of: 'pungkas anggota DPR RI dari Dapil … ini'
                # points back at the passage's speaker; 'kata warga Jakarta Selatan' is someone
                # unnamed, not the place
                clause = _ASIDE.sub(" ", text[start : start + 240])
                clause = re.split(r"[,.!?;:\u201c\u201d\"]", clause, maxsplit=1)[0]
                if clause.split()[-1].lower() in self.lex.word_role["demonstrative"]:
                    return self.carry(phrase, (p, start))
                return _Who(None, phrase, clean_role(phrase))
            ms, me, ent = other
            who = replace(self._who(ent.name, text[ms:me], text, start, end, ms, me), person=False)
            if who.role and who.role.startswith(ent.name):
                who.role = None  # ('Tim Kampanye … menegaskan': its own name is no office)
                if self.state.roles.get(ent.name, "").startswith(ent.name):
                    del self.state.roles[ent.name]
            return who
        ms, me = start + span[0], start + span[1]
        mention = text[ms:me].rstrip(".,")
        # 'Ketua Badan Pengawas Pemilu Abhan' … 'kata Abhan': 'Pemilu' ends the office
        cut = referred_cut(mention.split(), self.cut_references, self.text)
        if not cut:
            # 'kata Kepala Lembah Hijau Wirasena Putra' / 'Lembah Hijau (LH) dibuka'; a cut part
            # tagged as a person of its own would make the office look like someone else's, so
            # it stays
            cut = written_apart_cut(mention.split(), self.text)
            if cut and " ".join(mention.split()[:cut]) in self._person_names:
                cut = 0
        if cut:
            ms += _word_offset(mention, cut)
            mention = text[ms:me].rstrip(".,")
        me = ms + len(mention)
        if " " not in mention and mention not in self.references and text[:ms].rstrip()[-1:] in ("", ".", "!", "?") \
                and (is_common_word(mention) or mention.lower() in self.lex.leads):
            # 'Seorang pakar …', 'Tak sedikit …', 'Meski …': a common word capitalised only
            # because it opens the sentence, no name
            return None
        return self._who(self._canonical(mention), mention, text, start, end, ms, me)

    def _described(self, who: _Who | None, phrase: str) -> _Who | None:
        """``who`` with the office its description gives (``kata kiper utama AC Milan
        tersebut``), when no role is known for them: the description is the article's own
        apposition for the person, carried to their later quotes."""
        if who is None or who.role or not who.name or not who.person:
            return who
        first = phrase.split()[0].lower() if phrase.split() else ""
        if first in self.lex.quantifiers or first in self.lex.plurals or first in self.lex.word_role.get("group", ()):
            return who  # 'Kedua lulusan SMA itu': a group, not this one person's office
        role = clean_role(re.sub(r"\s+\S+$", "", phrase))  # the demonstrative out
        lead = role.split()[0].lower() if role else ""
        if role is None or len(role.split()) < 2 or not (lead in self.lex.titles or lead in self.lex.descriptors):
            # 'pria itu', 'politisi ini', 'Tim tersebut': a class, no office; 'hasil penghitungan
            # … versi KPU itu': no office word opens it
            return who
        self.state.roles[who.name] = role
        self._no_role.discard(who.name)
        return replace(who, role=role)

    def _trim_title(self, name: str, text: str, ms: int, me: int) -> tuple[str, int]:
        """A tagged name that runs on into a title ('Bambang Sudibyo Ketua BAZNAS') is cut
        before it; the title stays in the phrase and becomes the role."""
        name_words = name.split()
        cut = next((k for k in range(2, len(name_words)) if name_words[k].lower() in self.lex.titles), None)
        if cut is not None:
            name = " ".join(name_words[:cut])
        words = text[ms:me].split()
        for k in range(2, len(words)):
            if words[k].lower() in self.lex.titles:
                return name, ms + text[ms:me].index(words[k]) - 1
        return name, me

    def _titled_person(self, title: str, at: tuple[int, int]) -> Entity | None:
        """``kata Presiden`` → the latest person written with that title (``Presiden Joko
        Widodo``), else the latest speaker whose role holds it."""
        low = title.lower()
        best = None
        for mp, ms, _, ent in self.state.persons:
            if (mp, ms) < at:
                before = self.paragraphs[mp][max(0, ms - len(title) - 30) : ms].lower()
                k = before.rfind(low)
                if k >= 0 and not any(before[:k].rstrip().endswith(d) for d in self.lex.deputies) \
                        and not re.search(r"[,.;:]", before[k + len(low) :]):
                    # ('mendampingi Presiden, Menteri Perhubungan Budi': a comma ends the title's run)
                    best = ent
        if best is not None:
            return best
        for name, role in reversed(list(self.state.roles.items())):
            if low in role.lower():
                return next((e for _, _, _, e in self.state.persons if e.name == name), None)
        return None

    def _entity_in(self, index: list[tuple[int, int, int, Entity]], p: int, start: int, end: int) -> tuple[int, int, Entity] | None:
        best = None
        for mp, ms, me, ent in index:
            if mp == p and ms >= start and me <= end:
                best = (ms, me, ent)  # the last one: names follow their roles
        return best

    def _canonical(self, mention: str) -> str:
        """A short name (``Lungescu``) joins the fuller name seen earlier (``Oana Lungescu``)."""
        if mention in self.state.aliases:
            return self.state.aliases[mention]
        if any(ent.name == mention for _, _, _, ent in self.state.others):
            return mention  # a place or organisation as speaker ('Rumania … mengatakan') is no nickname
        words = mention.split()
        for name in reversed(self.state.names):
            full = name.split()
            if len(full) > len(words) and any(full[k : k + len(words)] == words for k in range(len(full))):
                return name
        for _, _, _, ent in self.state.persons:
            if ent.name != mention and mention in ent.name.split():
                return ent.name
        if len(words) == 1 and len(mention) >= 4:
            # nicknames cut from a name: 'Risma' for 'Tri Rismaharini', 'Yuri' for 'Yurianto'
            for name in [*reversed(self.state.names), *(e.name for _, _, _, e in self.state.persons)]:
                if name != mention and any(w.startswith(mention) for w in name.split()):
                    return name
            return self._written_full_name(mention) or mention
        return mention

    def _written_full_name(self, short: str) -> str | None:
        """The first capitalised name in the article that holds ``short`` as a word or a word's
        start (``Wali Kota Tri Rismaharini`` for ``Risma``), when NER tagged none."""
        if short in self._full_names:
            return self._full_names[short]
        self._full_names[short] = None
        word = re.compile(rf"(?<!\w){re.escape(short)}\w*")
        for paragraph in self.paragraphs:
            for m in word.finditer(paragraph):
                left = _LEFT_RUN.search(paragraph, max(0, m.start() - 80), m.start())
                right = _RIGHT_RUN.match(paragraph, m.end(), m.end() + 60)
                run = paragraph[left.start() if left else m.start() : right.end() if right else m.end()]
                span = _segment_name(run, self.lex, self.references)
                if span is not None:
                    cut = referred_cut(run[span[0] : span[1]].split(), self.cut_references, self.text)
                    if cut:
                        span = (span[0] + _word_offset(run[span[0] : span[1]], cut), span[1], span[2])
                    name = run[span[0] : span[1]]
                    # (one word when an office is written before it: 'Kepala Dinas Pariwisata
                    # Kota Batam Ardiwinata' is the 'Ardi' of 'kata Ardi')
                    if name != short and (len(name.split()) > 1 or not span[2] and len(name) > len(short) and name.startswith(short)):
                        self._full_names[short] = name
                        ns = (left.start() if left else m.start()) + span[0]
                        role = mention_role(paragraph, ns, ns + len(name), self.lex)
                        if role:
                            self.state.roles.setdefault(name, role)
                        return name
        return None

    def _who(self, name: str, mention: str, text: str, start: int, end: int, ms: int, me: int) -> _Who:
        # the role precedes the name, or follows it after a comma ('Aziz, anggota tim hukum');
        # words after the name without a comma are adverbs ('Anthony juga menyampaikan')
        after = text[me:end]
        known = self.role_of(name)
        here = self._own_role(clean_role(text[start:ms]), name)
        role = known or here or (
            self._own_role(clean_role(after.strip(" ,").split(",")[0]), name) if _APPOSITION.match(after) else None)
        if known and here and _extends(here, known) and not set(name.split()) & set(here.split()):
            # 'Kepala Dinas Kesehatan Kota Surabaya Febria' after 'Kepala Dinas Kesehatan Febria':
            # the fuller form of the same office
            role = self.state.roles[name] = here
        if role:
            self.state.roles.setdefault(name, role)
        if name not in self.state.names:
            self.state.names.append(name)
        return _Who(name, mention, role)

    def _always_before_a_name(self, other: str) -> bool:
        """Whether every mention of the tagged person ``other`` runs straight into another
        person's name (``Pimpinan Pusat Muhammadiyah`` + ``Abdul Mu’ti``): the words of an
        office the tagger took for a person, not someone the office belongs to."""
        if other not in self._before_name:
            starts = {(p, s) for p, s, _, _ in self.state.persons}
            ends = [(p, e) for p, _, e, ent in self.state.persons if ent.name == other]
            self._before_name[other] = bool(ends) and all(
                (p, e + 1) in starts and self.paragraphs[p][e : e + 1] == " " for p, e in ends)
        return self._before_name[other]

    def _ticket(self, other: str) -> bool:
        """Whether the tagged "person" ``other`` is a pair of two other people's names
        (``Prabowo Gibran`` beside ``Prabowo Subianto`` and ``Gibran Rakabuming Raka``): an
        election ticket, so in ``Wakil Komandan Echo TKN Prabowo Gibran`` it names the
        organisation, not someone whose office that is."""
        words = other.replace("-", " ").split()
        if len(words) != 2:
            return False
        firsts = [{n for n in self._person_names if n != other and n.split()[0] == w} for w in words]
        return all(firsts) and not firsts[0] & firsts[1]

    def _names_organisation(self, role: str, other: str) -> bool:
        """Whether the tagged person ``other`` in ``role`` follows an organisation head
        (``Direktur Perusahaan Daerah Panca Karya``): the organisation's name, not a person."""
        before = role[: role.index(other)].split()
        return bool(before) and before[-1].lower() in self.lex.orgheads

    def _own_role(self, role: str | None, name: str) -> str | None:
        """``role`` without another person in it: 'Ketua PP Muhammadiyah Busyro Muqoddas dan
        Wakil Ketua Umum PBNU' is Busyro's office and then the speaker's; a role that is only
        someone else's ('Gubernur Jawa Tengah Ganjar Pranowo') is none."""
        if not role:
            return None
        for other in self._person_names:
            if other != name and other in role and not self._always_before_a_name(other) \
                    and not self._names_organisation(role, other) and not self._ticket(other):
                rest = role[role.rindex(other) + len(other) :]
                if not rest.strip():
                    # 'juru bicara Nurdin Abdullah', 'kuasa hukum Joko Tjandra': an office held
                    # for that person is the speaker's own (data: person_office)
                    before = role[: role.rindex(other)].lower().split()
                    offices = self.lex.word_role.get("person_office", set())
                    if " ".join(before[-2:]) in offices or before[-1:] and before[-1] in offices:
                        return role
                    return None
                if re.match(r"\s*(?:,|dan\s)", rest):
                    return clean_role(re.sub(r"^\s*(?:,\s*)?(?:dan\s+)?", "", rest))
        return role

    def role_of(self, name: str | None) -> str | None:
        """The role known for ``name``: the one recorded with an earlier attribution, else the
        apposition around the first mention of that person that has one (``Gubernur Bank
        Indonesia Perry Warjiyo meninjau …`` gives ``Perry`` and ``katanya`` later a role)."""
        if not name:
            return None
        if name in self.state.roles or name in self._no_role:
            return self.state.roles.get(name)
        for mp, ms, me, ent in self.state.persons:
            if ent.name == name and not self._quoted(mp, ms):
                role = self._own_role(mention_role(self.paragraphs[mp], ms, me, self.lex), name)
                if role:
                    self.state.roles[name] = role
                    return role
        # a name NER missed: where it is written in full (a plain substring search first:
        # this runs for every speaker of every article)
        for p, paragraph in enumerate(self.paragraphs):
            k = paragraph.find(name)
            while k >= 0:
                end = k + len(name)
                whole = (k == 0 or not paragraph[k - 1].isalnum()) and (
                    end == len(paragraph) or not paragraph[end].isalnum())
                if whole and not self._quoted(p, k):
                    role = self._own_role(mention_role(paragraph, k, end, self.lex), name)
                    if role:
                        self.state.roles[name] = role
                        return role
                k = paragraph.find(name, end)
        self._no_role.add(name)
        return None

    def recent_person(self, p: int, start: int) -> _Who | None:
        """Fallback for an unattributed quote: the last PER mention before it."""
        best = None
        for mp, ms, _, ent in self.state.persons:
            if (mp, ms) < (p, start):
                best = ent
        if best is None:
            return None
        return _Who(best.name, best.name, self.role_of(best.name))

    def speak(self, who: _Who | None, at: tuple[int, int]) -> None:
        """Record ``who`` as the latest speaker, attributed up to position ``at``."""
        if who is not None and who.name is not None and who.person:
            # an organisation is quoted through its people: '-nya' never points back to it
            self.state.last = who
            self.state.last_at = at


# the rest of a name's clause (to the sentence's end) and the asides in it: brackets, dashes;
# an active verb by its prefix ('memilih', 'bergerak'; data not_verb: 'bersama', 'berusia')
_ACTIVE_VERB = re.compile(r"(?:me|ber)[a-z]{3,}")
# a capitalised name and an age in brackets opening a clause ('Juli (55), wisatawan asal …')
_AGED_NAME = re.compile(r"(?<![\w’'-])(?P<name>[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){0,3})(?P<age>\s*\(\s*\d{1,3}"
                        r"(?:\s*(?:tahun|th))?\s*\))")
_DESCRIBED = re.compile(r",\s+(?P<first>[a-z]+)\s")  # 'Ruli, salah satu peserta, …'
_AGE = re.compile(r"\s*\(\s*\d{1,3}(?:\s*(?:tahun|th))?\s*\)")  # 'Deden (27)': a person introduced
_CLAUSE_REST = re.compile(r"[^.!?;:\u201c\u201d\"]*")
_ASIDE = re.compile(r"\([^()]*\)|\s[\u2014\u2013-]\s[^\u2014\u2013]*?\s[\u2014\u2013-]\s")

# a sentence that opens with a capitalised run (an office, then a name) and goes on with a
# lower-case word: 'Wali Kota Manado Vicky Lumentut meminta …'
_TITLED_SUBJECT = re.compile(r"(?:^|(?<=[.!?]\s))(?P<run>(?:[A-Z][\w'’.-]*\s+){3,12})(?P<next>[a-z]+)")

_ROLE_WINDOW = 160  # characters left of a name an apposition may take
_CLAUSE_END = re.compile(r"[.!?;:“”\"(]\s*|,\s*")
# a verb by its prefix; 'per…an' is a noun ('perkotaan', 'perbankan': 'pengamat perkotaan dari …')
_VERB_LIKE = re.compile(r"(?:me|ber|di|ter|per)[a-z]{3,}(?<!an)|(?:me|ber|di|ter)[a-z]{3,}")
# ('Kepala Bidang Bina Marga pada Dinas Bina Marga …': 'pada' links a unit to its office)
_ROLE_LINKS = frozenset({"dan", "dari", "di", "pada", "untuk", "sekaligus", "serta", "of", "on", "for", "and", "the",
                         "bidang"})


def mention_role(text: str, ms: int, me: int, lex: _Lexicon) -> str | None:
    """The office written next to the name at ``text[ms:me]``: a title run right before it
    (``Kepala Bidang Humas Polda Metro Jaya Kombes Yusri``; no verb or clause word between)
    or an apposition after a comma (``Tri Maharini, dokter emergensi dari …,``)."""
    if text[me : me + 1] == "-" and text[me + 1 : me + 2].isupper() or text[ms - 1 : ms] == "-" and ms > 1 \
            and text[ms - 2].isalpha():
        return None  # 'TPN Ganjar Pranowo-Mahfud MD': a ticket inside a name, not a person with an office
    left = text[max(0, ms - _ROLE_WINDOW) : ms]
    cuts = [m for m in _CLAUSE_END.finditer(left) if _ends_clause(left, m)]
    base = 0 if ms <= _ROLE_WINDOW else left.find(" ") + 1
    k = len(cuts) - 1
    end = len(left)
    if k >= 0 and _ranks_only(left[cuts[k].end() :], lex) and cuts[k].group().startswith(","):
        # 'Dosen Fakultas … Universitas Gadjah Mada, Rimawan Pradiptyo, …': the role is the
        # comma segment before the name
        end, k = cuts[k].start(), k - 1
    # 'Menteri Koordinator Bidang Politik, Hukum, dan Keamanan Mahfud MD' / 'Camat Tanah
    # Abang, Jakarta Pusat, Yassin': a comma inside a capitalised list or a place chain does
    # not end the role while no title follows it
    while k >= 0 and cuts[k].group().startswith(",") and _list_tail(left[cuts[k].end() : end], lex):
        k -= 1
    segment = left[cuts[k].end() if k >= 0 else base : end] + " "
    role = _title_run(segment, lex, apposition=end < len(left))
    if role:
        return role
    age = _AGE.match(text, me)  # 'Darsih (41), warga Jatimulya,': the apposition after the age
    after = text[age.end() if age else me : me + _ROLE_WINDOW]
    clause = _office_clause(after, lex)
    if clause:
        return clause
    # (a dash opens an aside: 'Dedy, Kepala Peleton B — tim yang tiba pertama — menuturkan')
    m = re.match(r"\s*,\s*([^,.;:!?“”\"\u2014\u2013]+)", after) or lex.office_after.match(after)
    if m is None:
        return _from_organisation(after, lex)
    linked = lex.office_after.match(" " + m.group(1).lstrip())
    if linked is not None and after.lstrip().startswith(",") and (
            m.group(1).split()[0].lower() in lex.word_role.get("role_link", ())
            or linked.group(1).split()[0].lower() in lex.titles | lex.descriptors):
        # 'Jarwo Kwat, selaku sahabatnya di Paski menuturkan …': the link word says a role
        # follows, whatever its words (a relation is the role when it is all the text gives)
        return _linked_office(linked.group(1), lex)
    first = m.group(1).split()[0].lower() if m.group(1).split() else ""
    if first in lex.titles and first not in lex.title_parts or first in lex.descriptors:
        rest = after[m.end() :]
        dash = _ASIDE_DASH.search(rest)
        if dash is not None and not re.search(r"[.;:!?]", rest[: dash.start()]):
            rest = rest[: dash.start()] + ","  # an aside after the office closes its list
        role = clean_role(_apposition_list(m.group(1), rest, lex))
        rest = m.group(1)[m.group(1).find(role) + len(role) :] if role and role in m.group(1) else ""
        if role and after[m.end() : m.end() + 1] != "," and re.match(r"\s*yang\s", rest):
            # 'Namun, kata Tabrani, pengunjung atau wisatawan yang datang masih sedikit.': a
            # clause that runs to the sentence's end is what was said, not an apposition
            # (one closed by a comma is: 'Aziz, anggota tim yang mendampingi Budi, mengatakan')
            return None
        return role
    return None


_ASIDE_DASH = re.compile(r"\s[\u2014\u2013]\s")


def _office_clause(after: str, lex: _Lexicon) -> str | None:
    """The office given by a clause after a name (``Budi, yang juga menjabat sebagai Ketua
    Umum Partai Maju,``; ``kata Budi yang juga Ketua …``; ``Budi merupakan Ketua …``): the
    words after ``yang`` and the adverbs and linking verbs (data ``office_adverb``,
    ``office_verb``, ``copula``, ``office_link``), when they open with an office word (a title,
    capitalised, or a descriptor), cleaned as any role; else None (``Budi yang juga hadir``)."""
    m = lex.office_clause.match(after)
    if m is None:
        return None
    phrase = re.match(r"[^,.;:!?“”\"\u2014\u2013]+", after[m.end() :])
    words = phrase.group().split() if phrase else []
    if not words:
        return None
    first = words[0].lower()
    if not (first in lex.titles and first not in lex.title_parts and words[0][:1].isupper()
            or first in lex.descriptors or first == "salah" and words[1:2] == ["satu"]):
        return None
    return clean_role(phrase.group()) if phrase else None
_FROM_ORG = re.compile(r"\s+dari\s+(\S+(?:\s+(?:[A-Z0-9+(][^\s,.;:!?“”\"]*|dan|of|for|the|&))*)")
_ORG_LINKS = frozenset({"dan", "of", "for", "the", "&"})


def _from_organisation(after: str, lex: _Lexicon) -> str | None:
    """The organisation written after a name with ``dari`` when no office is (``kata Sutrisno
    dari Kesekretariatan PBSI``, ``Sutrisno dari komunitas Sepeda Tua Bogor``): the person's standing
    as news gives it, role and affiliation at once. It must name an organisation (an
    organisation head, an acronym, a known organisation, or a lower-case noun for a group:
    data ``org_noun``), not only a place (``Budi dari Bekasi``)."""
    m = _FROM_ORG.match(after)
    if m is None:
        return None
    words = m.group(1).split()
    first = words[0]
    if not (first[:1].isupper() or first.lower() in lex.word_role.get("org_noun", frozenset())):
        return None
    while words and words[-1].lower() in _ORG_LINKS:
        words.pop()
    lows = [w.strip("()").lower() for w in words]
    if not words or all(low in lex.places for low in lows if low) or len(words) > 12:
        return None
    groups = lex.word_role.get("org_noun", frozenset())
    if not any(low in lex.orgheads or low in groups or re.fullmatch(r"[A-Z][A-Z0-9-]+", w.strip("()"))
               or is_organisation(w) for low, w in zip(lows, words)):
        return None
    return " ".join(words)


def _linked_office(phrase: str, lex: _Lexicon) -> str | None:
    """The office after ``, selaku``: a title phrase cleaned as any apposition, else the
    words up to the clause's verb (``sahabatnya di Paski`` before ``menuturkan``), at most
    six, none of them a cue or a clause word."""
    words = phrase.split()
    first = words[0].lower() if words else ""
    if first in lex.titles and first not in lex.title_parts or first in lex.descriptors:
        return clean_role(phrase)
    taken: list[str] = []
    for k, word in enumerate(words):
        low = word.lower()
        place = low in _ROLE_LINKS and k + 1 < len(words) and words[k + 1][:1].isupper()  # 'di Paski'
        if _VERB_LIKE.fullmatch(low) or low in lex.cue_words or low in lex.stop and not place or low == "yang":
            break
        taken.append(word)
    return " ".join(taken) if 0 < len(taken) <= 6 and taken[0][:1].islower() else None


def _apposition_list(office: str, rest: str, lex: _Lexicon) -> str:
    """The office after a name with the comma segments that continue it, when a comma closes
    them: ``Subairi, anggota KPU … Divisi Sosialisasi, Pendidikan Pemilih, …, dan Sumber Daya
    Manusia, memperkirakan`` / ``Mundari, Camat Cilandak, Jakarta Selatan, mengajak``. A
    segment that opens with a given name is a list of people, not of an office's parts."""
    if not rest.startswith(","):
        return office
    parts = rest[1:].split(",")
    taken = 0
    for k, part in enumerate(parts[:-1]):
        words = part.split()
        if not _list_tail(part, lex) or not words or is_given_name(words[-1 if words[0] == "dan" else 0]) \
                or lex.date_segment.match(part):
            break  # ('…, Jumat (10/7/2020), mengatakan': a date, not the office's)
        taken = k + 1
    return office + "".join("," + p for p in parts[:taken]) if taken else office


def _ranks_only(text: str, lex: _Lexicon) -> bool:
    """Nothing but ranks or initials written with the name (``…, Komisaris Sujarwo``, ``…, MY
    Esti Wijayati`` when the tagger left the initials out): the office is in the comma segment
    before them."""
    return all(w.strip("().").lower() in lex.ranks or _is_initial(w) for w in text.split())


def _title_run(segment: str, lex: _Lexicon, apposition: bool) -> str | None:
    """The office at the end of ``segment``: from the earliest title word with no verb or
    clause word after it; a segment with no title that starts lower-case is a description
    (``pemerhati sosial dari vokasi Universitas Indonesia``)."""
    words = list(re.finditer(r"\S+", segment))
    lows = [m.group().strip("().,").lower() for m in words]
    start = None
    first_title = broke = -1
    for k in range(len(words) - 1, -1, -1):
        m, low = words[k], lows[k]
        word = m.group()
        if start is not None and second_office(lows, k, lex.titles):
            continue  # 'Kepala BNPB yang juga Ketua Satgas …': both offices
        if low in lex.titles or low in lex.descriptors:
            start, first_title = m.start(), k
        elif word[:1].isupper() or word.startswith("(") or low in _ROLE_LINKS:
            if low in lex.never_names:
                broke = k
                break
        elif _VERB_LIKE.fullmatch(low) and low not in lex.not_verbs or low in lex.stop or low in lex.cue_words:
            broke = k
            break
    copula = next((k for k in range(broke, 0, -1) if lows[k] in lex.word_role.get("copula", ())
                   and lows[k - 1] == "yang"), 0) if broke > 0 else 0
    if copula:
        # 'Ketua Umum Yayasan X yang merupakan cucu dari Presiden pertama RI …, Dade': the
        # office is the one before the relative clause, which may name someone else's
        before = _title_run(segment[: words[copula - 1].start()] + " ", lex, apposition=False)
        if before:
            return before
    if start is not None and apposition and any(
            words[j].group()[:1].islower() for j in range(broke + 1, first_title)) and not any(
            words[j].group()[:1].isupper() for j in range(first_title, len(words))):
        # '… kurangnya pemahaman petugas, Nurhadi menambahkan': a bare office word at the end of
        # a clause is its object, no apposition ('dan pakar epidemiologi Universitas
        # Indonesia, Pandu Riono' names an organisation and is one)
        return None
    if start is not None:
        # '… capres / cawapres Ketua DPP PKS Ahmad': lower-case office words given as
        # alternatives right before a capitalised title are the tail of another phrase
        j = first_title
        while j < len(words) and (words[j].group().islower() and lows[j] in lex.titles
                                  and lows[j] not in lex.descriptors or words[j].group() == "/"):
            j += 1
        # (only alternatives joined by a slash: 'juru bicara Ketua Umum …' is one office)
        if first_title < j < len(words) and words[j].group()[:1].isupper() and lows[j] in lex.titles \
                and lows[j] not in lex.title_parts and any(words[i].group() == "/" for i in range(first_title, j)):
            start = words[j].start()
    if start is not None:
        role = clean_role(segment[start:])
        if role and not segment.rstrip().endswith(role):
            # 'putra sulung Presiden Joko Widodo atau Jokowi sekaligus bakal cawapres Koalisi
            # Indonesia Maju, Gibran': the first office stops short of the name (it holds
            # someone else's); a second one joined to it and reaching the name is the speaker's
            later = next((k for k in range(first_title + 2, len(words)) if lows[k - 1] in lex.word_role.get("office_join", ())
                          and (lows[k] in lex.titles or lows[k] in lex.descriptors)), None)
            if later is not None:
                other = clean_role(segment[words[later].start() :])
                if other and segment.rstrip().endswith(other):
                    return other
        return role
    first = words[0].group() if words else ""
    if apposition and first[:1].islower() and first.lower() in lex.descriptors:
        return clean_role(segment)  # a whole comma segment before the name
    return None


def _ends_clause(text: str, m: re.Match[str]) -> bool:
    """Whether the punctuation at ``m`` ends the clause an apposition can come from: not a
    bracketed acronym (``(BI)``, ``(Menko PMK)``), not the stop of an abbreviation (``Dr.``)."""
    mark = m.group().strip()
    if mark == "(":
        # an acronym may hold digits ('(B2W)'); a date or an age starts with one
        # ('(capres)', '(bacapres)': a lower-case short form of the office, one word)
        return re.match(r"[A-Z][^(),]{0,40}\)|[a-z][a-z-]{1,14}\)", text[m.end() :]) is None
    if mark == ".":
        word = re.search(r"(\S+)$", text[: m.start()])
        return word is None or len(word.group(1)) > 4 or word.group(1).islower()
    return True


def _list_tail(segment: str, lex: _Lexicon) -> bool:
    """A comma segment that continues a capitalised list and holds no title of its own (a word
    that only continues a title, ``Hukum``, or a rank written with the name, ``Mayor Jenderal``,
    is none: ``Kepala Biro Humas, Hukum dan Kerja Sama BKN``)."""
    words = segment.split()
    return bool(words) and (words[0] == "dan" or words[0][:1].isupper()) and not any(
        w.lower() in lex.titles and w.lower() not in lex.title_parts and w.lower() not in lex.ranks
        for w in words) and words[0].lower() not in lex.cue_words and not any(
        w.islower() and _VERB_LIKE.fullmatch(w) for w in words)  # 'Dade bersuara …': a clause, no list


def _no_name(phrase: str, lex: _Lexicon) -> bool:
    """A role without a name: ``Presiden``, ``Panglima TNI``, ``Menteri Kesehatan``."""
    words = re.findall(r"\w+", phrase)
    return bool(words) and len(words) <= 6 and words[0].lower() in lex.titles


# 'kata politisi senior Partai Golkar ini' — a description pointing back at a known speaker


def _cut_phrase(rest: str, lex: _Lexicon) -> str:
    """The speaker phrase ends at a stop word (``kepada``, ``di``, ``saat``…) or a date in
    brackets; a bracketed acronym (``(LIPI)``) stays part of it."""
    m = lex.stop_split.search(rest)
    return rest[: m.start()] if m else rest


_WORDS = re.compile(r"\w+")


def _has(text: str, words: frozenset[str] | set[str]) -> bool:
    """Whether any of ``words`` occurs in ``text`` (case-insensitive)."""
    # one C search for the words as whole \w-runs instead of a list of all of the text's
    # words and a set test (this runs ~20 times per article; ~0.1 ms less): the same answer.
    # The lexicon's sets are frozen; another set is frozen here to key the pattern cache.
    pattern = _word_pattern(words if isinstance(words, frozenset) else frozenset(words))
    return pattern is not None and pattern.search(text.lower()) is not None


@lru_cache(maxsize=64)
def _word_pattern(words: frozenset[str]) -> re.Pattern[str] | None:
    """``words`` that are one run of word characters each (no other can equal a word of
    the text), as a trie between word boundaries; ``None`` when there are none."""
    single = [w for w in words if _WORDS.fullmatch(w)]
    return re.compile(rf"\b{trie_alternation(single)}\b") if single else None


def _direct_quote(span: _Span, paragraphs: list[str], att: _Attributor) -> Quote | None:
    lex = att.lex
    end_text = paragraphs[span.p1]
    after = end_text[span.mark_end :]
    start_text = paragraphs[span.p0]
    before = start_text[: span.mark_start]
    who: _Who | None = None
    cue: str | None = None
    at = (span.p1, span.mark_end)
    m = lex.after.match(after)
    sm = lex.after_subject.match(after) if m is None and _has(after[:120], lex.verb_words) else None
    if m is not None:
        cue = m["cue"]
        at = (span.p1, span.mark_end + m.end())
        if lex.cue_kind.get(cue.lower()) == "carry":
            # 'X mengatakan, “…” ujarnya': the explicit attribution before the quote wins
            who, before_cue = _before_attribution(before, span.p0, att)
            if who is not None:
                cue = before_cue
            else:
                who = att.carry(cue, (span.p0, span.mark_start))
        elif lex.anaphoric.search(m["rest"]):
            who = att._described(att.carry(m["rest"].strip(), (span.p0, span.mark_start)), m["rest"].strip())
        else:
            rest = _cut_phrase(m["rest"], lex)
            base = span.mark_end + m.start("rest")
            end = base + len(rest) + _named_after_stop(m["rest"], rest, span.p1, base, att)
            who = att.phrase(span.p1, base, end)
    elif sm is not None:
        cue = sm["cue"]
        at = (span.p1, span.mark_end + sm.end())
        who = att.phrase(span.p1, span.mark_end + sm.start("subj"), span.mark_end + sm.end("subj"))
    else:
        who, cue = _before_attribution(before, span.p0, att)
    content = _content(paragraphs, span)
    if _titled(before, lex) and (m is None or content.rstrip()[-1:] not in ",.!?…"):
        # 'diskusi bertema “…”', 'pasal yang berbunyi, “…”': a title or a text, not a statement,
        # even when a speech verb follows ('… bertema “…” di Jakarta, Senin, mengatakan, …':
        # that verb reports what comes after it); only a cue right after a closing mark that
        # ends a sentence or a clause ('“…,” kata Budi', not '“Laut untuk Semua”, kata Budi')
        # makes the quoted words a statement
        return None
    if cue is None and not (_reads_as_statement(before, content, end_text[span.mark_end :])
                            and not _promo(content, before + " " + end_text[span.mark_end :], lex)):
        return None
    if cue is None:
        who = att.carry(None, (span.p0, span.mark_start)) or att.recent_person(span.p0, span.s0)
    att.speak(who, at)
    return _quote(content, "direct", who, cue, span.p0, span.s0, span.e1, span.p1)


_LOOKBACK = 300
_NEXT_SEGMENT = re.compile(r"([^,]*),\s*([A-Z][^,]*?)(?=\s*(?:,|$))")


def _named_after_stop(full: str, cut: str, p: int, base: int, att: _Attributor) -> int:
    """How far past the stop word the speaker phrase runs when what precedes the stop names no
    person and the comma segment after it is a tagged person (``kata anggota Tim Peneliti
    GeNose dari UGM, Dian Kesumapramudya Nurputra, seusai …``): the office, then the name."""
    if att._entity_in(att.state.persons, p, base, base + len(cut)) is not None:
        return 0
    m = _NEXT_SEGMENT.match(full, len(cut))
    if m is None or att._entity_in(att.state.persons, p, base + len(cut), base + m.end(1)) is not None:
        return 0
    hit = att._entity_in(att.state.persons, p, base + m.start(2), base + m.end(2))
    if hit is None or (hit[0], hit[1]) != (base + m.start(2), base + m.end(2)):
        return 0  # the segment must be the name and nothing else
    return m.end() - len(cut)


def _before_attribution(before: str, p: int, att: _Attributor) -> tuple[_Who | None, str | None]:
    lex = att.lex
    sentence_start = max(before.rfind(". "), before.rfind("? "), before.rfind("! "))
    # only the last _LOOKBACK characters can hold an attribution: keeps long runs linear
    base = max(sentence_start + 2 if sentence_start >= 0 else 0, len(before) - _LOOKBACK)
    clause = before[base:]
    if not _has(clause, lex.cue_words):
        return None, None
    m = lex.before_verb.search(clause) if lex.before_verb_end.search(clause) else None
    if m is not None:
        return _subject(p, base + m.start("subj"), base + m.end("subj"), att), m["cue"]
    m = lex.before_post.search(clause)
    if m is not None:
        rest = _cut_phrase(m["rest"], lex)
        return att.phrase(p, base + m.start("rest"), base + m.start("rest") + len(rest)), m["cue"]
    m = lex.menurut.search(clause)
    if m is not None and clause[m.end() :].strip() == "":
        return _menurut_speaker(m, p, base, att), m["cue"]
    return None, None


_NAME_SEGMENT = re.compile(r"([A-Z][^,.;:]{1,60}?),\s*")


def _office_then_name(m: re.Match[str], sentence: str, p: int, s: int, att: _Attributor) -> tuple[_Who, int] | None:
    """``Menurut kuasa hukum Joko Tjandra, Anita Kolopaking, …``: an office after ``menurut``
    and a bare name in the next comma segment — the name speaks (the office is theirs), and
    the statement starts after it. Returns the speaker and where the statement starts."""
    rest = m["rest"].strip()
    if not rest or not _apposition_segment(rest, att.lex):
        return None
    n = _NAME_SEGMENT.match(sentence, m.end())
    if n is None or not sentence[n.end() : n.end() + 1].islower() or \
            sentence[n.end() :].split(None, 1)[0] in ("dan", "serta", "atau"):
        return None  # 'Menurut Kepala Dinas, Budi, Ani, dan Citra sembuh': a list, not a speaker
    words = rest.lower().split()
    offices = att.lex.word_role.get("person_office", set())
    held_for = " ".join(words[:2]) in offices or words[:1] and words[0] in offices
    if not held_for and _fallback_name(rest, att.lex, att.references) is not None:
        return None  # 'Menurut Kepala Dinas Budi Santoso, …': the office has its own holder
    span = _fallback_name(n.group(1), att.lex, att.references)
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


def _menurut_speaker(m: re.Match[str], p: int, base: int, att: _Attributor) -> _Who | None:
    if m["cue"].lower() in att.lex.word_role["menurut_carry"]:
        return att.carry(m["cue"], (p, base + m.start()))
    return att.phrase(p, base + m.start("rest"), base + m.end("rest"))


_MAX_SUBJECT_WORDS = 14  # a longer "subject" is a clause, not a speaker with a role


def _subject(p: int, start: int, end: int, att: _Attributor) -> _Who | None:
    """The speaker in the subject before a cue verb: the last comma segment that is not a
    ``yang`` clause, a date or an adverbial (``Rumania, yang menampung …, mengatakan``;
    ``Budi, Selasa (22/5/2018), menyatakan``; ``Budi, saat dihubungi, mengatakan``)."""
    text = att.paragraphs[p]
    aside = _TRAILING_ASIDE.search(text, start, end)
    if aside is not None and aside.start() > start:
        end = aside.start()  # 'Dedy, Kepala Peleton B — tim yang tiba pertama — menuturkan'
    segments = [(m.start() + start, m.end() + start) for m in re.finditer(r"[^,]+", text[start:end])]
    segments = [(s, e) for s, e in segments if not _skippable_segment(text[s:e], att.lex)]
    # 'Mundari, Camat Cilandak, Jakarta Selatan, mengatakan': the places close the office
    places = len(segments)
    while places > 2 and _place_segment(text[segments[places - 1][0] : segments[places - 1][1]], att):
        places -= 1
    if places < len(segments) and _apposition_segment(text[segments[places - 1][0] : segments[places - 1][1]], att.lex):
        segments = [*segments[: places - 1], (segments[places - 1][0], segments[-1][1])]
    if not segments:
        return None
    s, e = segments[-1]
    sub = text[s:e].strip()
    if len(sub.split()) > _MAX_SUBJECT_WORDS or att.lex.complementizer.search(sub):
        return None
    if sub.split()[0].lower() in att.lex.quantifiers:
        return None  # 'sebagian umat Muslim menilai …': a group speaks, no one person
    if sub.split()[0].lower() in att.lex.nonspeakers:
        # 'Sementara, responden yang … menilai bahwa …': a source or a group that is no
        # speaker; the segment before it ('Sementara') is no speaker either
        return None
    bare = att.lex.subject_end.sub(lambda m: m.group(1), sub + " ").strip() if " " in sub else sub
    if sub.lower() in att.lex.pronouns or bare.lower() in att.lex.pronouns:
        return att.carry(sub, (p, s))  # 'dia', 'Ia pun', 'Dia juga'
    if sub.split()[0].lower() in att.lex.pronouns:
        # 'Dia membantah informasi yang mengatakan bahwa …': the pronoun is the subject of
        # another verb; who 'mengatakan' is 'informasi', no speaker
        return None
    if sub.split()[-1].lower() in att.lex.relatives:
        # '… kader PDIP Djarot Saiful Hidayat yang menyebut jika …': the speaker is the noun
        # the relative clause hangs on
        e = s + text[s:e].rstrip().rfind(" ")
    if att.lex.description.match(sub) and att._entity_in(att.state.persons, p, s, e) is None:
        # 'Politikus PPP itu menyatakan …', 'Pria berusia 33 tahun itu mengungkap …': a
        # description pointing back at the person the passage is about
        return att._described(att.carry(sub, (p, s)), sub)
    who = att.phrase(p, s, e)
    if who is not None and len(segments) > 1 and _apposition_segment(sub, att.lex) \
            and sub.split()[0].lower() not in ("dan", "serta", "atau"):
        # 'Veronica Moniaga, juru bicara Nurdin Abdullah, mengatakan': a person's name, then an
        # office that names another person; the name before it speaks (not a list's item:
        # '…, Cipta Karya, dan Tata Ruang …'; not an adverbial: 'Sementara itu, Wakil …')
        s2, e2 = segments[-2]
        span = _fallback_name(text[s2:e2], att.lex, att.references)
        if span is not None and span[2] and (att._entity_in(att.state.persons, p, s2, e2) is not None
                                             or is_given_name(text[s2:e2].split()[0])):
            owner = att.phrase(p, s2, e2)
            if owner is not None and owner.name and owner.name != who.name:
                role = att._own_role(clean_role(sub), owner.name)
                if owner.role is None and role:
                    owner.role = role
                    att.state.roles.setdefault(owner.name, role)
                return owner
    if who is None and len(segments) > 1 and _apposition_segment(sub, att.lex):
        # 'Budi Santoso, anggota tim kuasa hukum, bilang, …': the name is in the segment before
        s2, e2 = segments[-2]
        who = att.phrase(p, s2, e2)
        if who is not None and who.role is None:
            who.role = clean_role(sub)
            if who.role:
                att.state.roles.setdefault(who.name or "", who.role)
        return who
    if who is not None and len(segments) > 1 and who.role is None:
        # 'Juru bicara NATO, Oana Lungescu, mengatakan' — the role sits in the segment before
        prev = text[segments[-2][0] : segments[-2][1]].strip()
        if prev and (prev[0].islower() or prev.split()[0].lower() in att.lex.titles):
            who.role = clean_role(prev)
            if who.role:
                att.state.roles.setdefault(who.name or "", who.role)
    return who


_TRAILING_ASIDE = re.compile(r"\s[\u2014\u2013-]\s[^\u2014\u2013]*?\s[\u2014\u2013-]\s*$")


def _place_segment(segment: str, att: _Attributor) -> bool:
    """A comma segment that is only a place (``Jakarta Selatan``, ``Kebayoran Baru``): by the
    word lists or a place the tagger found there."""
    words = segment.split()
    if words and all(w.lower() in att.lex.place_words for w in words):
        return True
    low = segment.strip()
    return bool(low) and any(ent.label == "LOC" and ent.name == low for _, _, _, ent in att.state.others)


def _apposition_segment(segment: str, lex: _Lexicon) -> bool:
    """A comma segment that is an office, not a name: 'anggota tim kuasa hukum'."""
    words = segment.split()
    return bool(words) and (words[0].lower() in lex.titles or words[0].lower() in lex.descriptors
                            or words[0].islower())


def _skippable_segment(segment: str, lex: _Lexicon) -> bool:
    words = segment.split()
    if not words:
        return True
    first = words[0].lower()
    return first in lex.relatives or bool(lex.date_segment.match(segment)) or (first in lex.stop and words[0].islower())


def _content(paragraphs: list[str], span: _Span) -> str:
    if span.p0 == span.p1:
        return paragraphs[span.p0][span.s0 : span.e1]
    parts = [paragraphs[span.p0][span.s0 :]]
    for p in range(span.p0 + 1, span.p1 + 1):
        text = paragraphs[p] if p < span.p1 else paragraphs[p][: span.e1]
        stripped = text.lstrip()
        if stripped[:1] in tuple(_MARKS):
            stripped = stripped[1:]
        parts.append(stripped)
    return "\n\n".join(parts)


_SENTENCE_END = re.compile(r"(?:^|[.!?:,;]\s*)$")


def _promo(content: str, around: str, lex: _Lexicon) -> bool:
    """An unattributed quotation that is a title, slogan or promotion, not a statement:
    written in title case (``"Detik Pagi, Jangan Tidur Lagi!"``) or next to a promotion word
    (``Saksikan …``, ``Simak Video …``; data/quote_words.tsv ``promo``)."""
    words = re.findall(r"[^\W\d_]{3,}", content)
    if words and len(words) <= 12 and all(w[0].isupper() for w in words):
        return True
    return _has(around, lex.promo) or _has(content, lex.promo)


def _titled(before: str, lex: _Lexicon) -> bool:
    """Whether the words before an opening mark introduce a title or a quoted text
    (``berjudul``, ``bertema``, ``yang berbunyi,``)."""
    words = before.rstrip(" ,:").rsplit(None, 1)
    return bool(words) and words[-1].lower() in lex.title_leads


def _reads_as_statement(before: str, content: str, after: str) -> bool:
    """An unattributed quoted span is a statement only if it reads as a whole sentence."""
    if len(content.split()) < 3:
        return False
    starts = bool(_SENTENCE_END.search(before.rstrip()) or not before.strip())
    ends = content.rstrip()[-1:] in ".,!?…" or after.lstrip()[:1] in ("", ".", "!", "?")
    return starts and ends


def _quote(text: str, kind: str, who: _Who | None, cue: str | None, p: int, s: int, e: int, p1: int) -> Quote:
    # the comma before the attribution (',” kata …') belongs to the sentence, not the quote
    core = text.strip().rstrip(",;").rstrip()
    s += len(text) - len(text.lstrip())
    e -= len(text) - len(text.rstrip()) + len(text.rstrip()) - len(text.rstrip().rstrip(",;").rstrip())
    return Quote(
        text=core,
        kind=kind,
        speaker=who.name if who else None,
        speaker_mention=who.mention if who else None,
        role=who.role if who else None,
        cue=cue.lower() if cue else None,
        paragraph=p,
        start=s,
        end=e,
        end_paragraph=p1 if p1 != p else None,
        affiliation=split_affiliation(who.role) if who else None,
    )


_SENTENCES = re.compile(r"[^.!?]+(?:[.!?]+|$)")


def _sentences(text: str) -> list[tuple[int, int]]:
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


def _indirect_in(p: int, s: int, e: int, att: _Attributor) -> Quote | None:
    """An indirect quote in the sentence ``paragraphs[p][s:e]``, if any."""
    lex = att.lex
    text = att.paragraphs[p]
    sentence = text[s:e]
    if not _has(sentence, lex.cue_words):  # one look-up rules out most sentences
        return None
    m = lex.menurut.match(sentence) or _menurut_after_adverb(sentence, lex)
    if m is not None and m.end() < len(sentence):
        named = _office_then_name(m, sentence, p, s, att)
        if named is not None:  # 'Menurut kuasa hukum Joko Tjandra, Anita Kolopaking, …'
            return _indirect(named[0], m["cue"], p, s + named[1], e, text, att)
        who = _menurut_speaker(m, p, s, att)
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
            rest = _cut_phrase(m["rest"], lex)
            who = att.phrase(p, s + m.start("rest"), s + m.start("rest") + len(rest))
        return _indirect(who, cue, p, s, s + m.start(), text, att)
    for pattern in (lex.verb_in_sentence, lex.bare_verb):
        for m in pattern.finditer(sentence):
            if m.start() == 0 or (pattern is lex.bare_verb and not _subject_ends(sentence[: m.start()], lex)):
                continue
            who = _subject(p, s, s + m.start() - 1, att)
            return _indirect(who, m["cue"], p, s + m.end(), e, text, att)
    return _passive_in(p, s, e, att)


def _mid_post(m: re.Match[str], p: int, s: int, e: int, att: _Attributor) -> Quote | None:
    """A cue and its speaker between commas inside a sentence (``Jokowi, kata Sri Radjasa,
    butuh dukungan …``): the sentence is what was said. After connectives only (``Padahal,
    kata dia, …``) the statement starts past the cue; otherwise it is the whole sentence, the
    attribution inside it, as written."""
    text = att.paragraphs[p]
    cue = m["cue"]
    if att.lex.cue_kind.get(cue.lower()) == "carry":
        return None  # 'Karena itu, katanya, …' — rare, and 'katanya' also means 'reportedly'
    before = [w.strip(",").lower() for w in text[s : s + m.start()].split()]
    who = att.phrase(p, s + m.start("rest"), s + m.start("rest") + len(_cut_phrase(m["rest"], att.lex)))
    if who is None or not before:
        return None
    # 'Sebab,' / 'Saat ini,' / 'Di era baru ini,' : connectives, no subject of the statement
    start = s + m.end() if before[0] in att.lex.leads and all(
        w in att.lex.leads or w[:1].islower() for w in before) else s
    return _indirect(who, cue, p, start, e, text, att)


def _passive_in(p: int, s: int, e: int, att: _Attributor) -> Quote | None:
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
    who = _Who(ent.name, att.paragraphs[p][ms:me], att.role_of(ent.name))
    return _indirect(who, m["cue"], p, s, e, att.paragraphs[p], att)


def _passage_speaker(p: int, s: int, e: int, att: _Attributor) -> None:
    """A sentence that reports no quote but whose subject speaks (``Kepala UPT Bandara X,
    Suharno, yang dihubungi melalui telepon, mengatakan telah mendengar …``): that person
    becomes the speaker of the passage, whom a ``-nya`` cue that follows refers to, even where
    the tagger missed the name."""
    text = att.paragraphs[p]
    if not _has(text[s:e], att.lex.verb_words):  # a set look-up before the pattern
        return
    m = att.lex.speech_verb.search(text, s, e)
    if m is None or m.start() == s:
        return
    before = text[s : m.start()].rstrip()
    if not (before.endswith(",") or _subject_ends(before + " ", att.lex)):
        return  # '… mendorong dinas Pendidikan untuk mengingatkan …': the verb has no subject of its own
    hit = att._entity_in(att.state.persons, p, s, m.start())
    if hit is not None and "," not in text[hit[1] : m.start()]:
        return  # a tagged subject right before the verb is _person_between's
    who = _subject(p, s, m.start() - 1, att)
    if who is None or not who.name or not who.person:
        return
    # only a name the tagger missed, written with an office (a capitalised word opening the
    # sentence, 'Sebab', 'Dengan', is no subject)
    tagged = any(ent.name == who.name for _, _, _, ent in att.state.persons)
    if not tagged and who.role and not text[s:].startswith(who.mention or ""):
        att.speak(who, (p, m.start()))


def _subject_ends(before: str, lex: _Lexicon) -> bool:
    """Without a comma or ``bahwa`` after the verb, the subject must end in a name or a pronoun
    ('Soegiharto menjelaskan …'), not in a clause ('… tidak spesifik menjelaskan jumlah …')."""
    m = lex.subject_end.search(before)
    if m is None:
        return False
    word = m.group(1).strip(",()")  # 'Komisi … (KPK) menyatakan': a bracketed acronym ends the name
    # 'Pria berusia 33 tahun itu mengungkap …': a description pointing back at a person
    return word[:1].isupper() or word.lower() in lex.pronouns or word.lower() in lex.word_role["demonstrative"]


def _menurut_after_adverb(sentence: str, lex: _Lexicon) -> re.Match[str] | None:
    """``Sementara itu, menurut Budi, …`` — menurut after one leading adverbial clause."""
    m = lex.menurut.search(sentence)
    if m is None or sentence[: m.start()].count(",") > 0 or m.start() > 40:
        return None
    return m


def _indirect(who: _Who | None, cue: str, p: int, s: int, e: int, text: str, att: _Attributor) -> Quote | None:
    content = text[s:e].strip().rstrip(".!?").strip()
    if who is None or who.name is None or len(content.split()) < 3:
        return None
    if content[:1] in _MARKS:
        return None
    s = text.index(content, s)
    att.speak(who, (p, e))
    return _quote(content, "indirect", who, cue, p, s, s + len(content), p)


def _scare_quote(paragraphs: list[str], span: _Span, lex: _Lexicon) -> bool:
    """A word or two in quotation marks inside running text (``bukan sekadar "berjualan"
    partai``): a scare quote, no statement; the sentence around it may be reported speech."""
    if span.p0 != span.p1 or span.mark_end <= span.mark_start:
        return False
    text = paragraphs[span.p0]
    inner = text[span.mark_start + 1 : span.mark_end - 1]
    before = text[max(0, span.mark_start - 2) : span.mark_start]
    after = text[span.mark_end :].split(None, 1)
    return len(inner.split()) < 3 and re.fullmatch(r"[a-z] ", before) is not None and bool(after) \
        and after[0][:1].islower() and after[0].strip(",.") not in lex.cue_words


def extract_quotes(paragraphs: list[str], entities: list[Entity] | None = None) -> list[Quote]:
    """Direct and indirect quotes in reading order, speakers resolved against ``entities``.

    ``entities`` are the article's entities (PER mentions name speakers); without them the
    speaker is the capitalised name in the attribution phrase.
    """
    lex = _lexicon()
    cued = [_has(p, lex.cue_words) for p in paragraphs]
    spans = _find_direct(paragraphs)
    if not spans and not any(cued):
        # no quotation mark and no cue word: neither a direct nor a reported quote can be
        # found, so the speakers' index (a fifth of this stage) is not built
        return []
    att = _Attributor(paragraphs, entities or [], cued)
    for sp in spans:
        if _scare_quote(paragraphs, sp, att.lex):
            continue  # reported speech around it is still read
        for p in range(sp.p0, sp.p1 + 1):
            lo = sp.mark_start if p == sp.p0 else 0
            hi = sp.mark_end if p == sp.p1 else len(paragraphs[p])
            att.covered.setdefault(p, []).append((lo, hi))
    # Direct and indirect quotes are resolved in reading order: carry-over attribution
    # ('tuturnya') depends on who spoke last.
    quotes: list[Quote] = []
    pending = iter(spans)
    nxt = next(pending, None)

    def direct_before(position: tuple[int, int]) -> None:
        nonlocal nxt
        while nxt is not None and (nxt.p0, nxt.mark_start) < position:
            q = _direct_quote(nxt, paragraphs, att)
            if q is not None:
                quotes.append(q)
            nxt = next(pending, None)

    for p, text in enumerate(paragraphs):
        if not att.cued[p]:  # no reported speech possible in this paragraph
            direct_before((p + 1, 0))
            continue
        for s, e in _sentences(text):
            direct_before((p, e))
            if any(lo < e and s < hi for lo, hi in att.covered.get(p, [])):
                continue
            q = _indirect_in(p, s, e, att)
            if q is not None:
                quotes.append(q)
            else:
                _passage_speaker(p, s, e, att)
    direct_before((len(paragraphs), 0))
    return _roles_back(quotes)


def _extends(longer: str, shorter: str) -> bool:
    """Whether the office ``longer`` is ``shorter`` with more words after it (``Kepala Dinas
    Kesehatan Kota Surabaya`` / ``Kepala Dinas Kesehatan``): the same office written in full."""
    a, b = longer.split(), shorter.split()
    return len(a) > len(b) and [w.lower() for w in a[: len(b)]] == [w.lower() for w in b]


def _roles_back(quotes: list[Quote]) -> list[Quote]:
    """A speaker's quotes before the one where the article first gives their office (``kata
    kiper utama AC Milan tersebut`` after two plain ``kata Maignan``) take that office too: the
    person holds it throughout the article; an office written in full later (``Kepala Dinas
    Kesehatan Kota Surabaya``) replaces its shorter form (``Kepala Dinas Kesehatan``)."""
    first: dict[str, tuple[str, str | None]] = {}
    for q in quotes:
        if q.speaker and q.role and q.speaker not in first:
            first[q.speaker] = (q.role, q.affiliation)
    for q in quotes:
        if q.speaker in first and q.role and _extends(q.role, first[q.speaker][0]):
            first[q.speaker] = (q.role, q.affiliation)
    for q in quotes:
        if q.speaker in first and q.role and _extends(first[q.speaker][0], q.role):
            q.role, q.affiliation = first[q.speaker]
    for q in quotes:
        if q.speaker in first and not q.role:
            q.role, q.affiliation = first[q.speaker]
    return quotes
