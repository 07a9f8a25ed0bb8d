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
6. Speaker kind: ``public`` (an office, an organisation, a known public person) or ``private``
   (a resident, a trader, a person named with no office), :mod:`.quote_kinds`.

Where each step lives (each module imports only those before it; none imports this one):
:mod:`.quote_lexicon` (the words and patterns), :mod:`.quote_marks` (1, pairing marks),
:mod:`.quote_names` (a name inside a phrase), :mod:`.quote_index` (the persons index),
:mod:`.quote_offices` (5, the office next to a mention), :mod:`.quote_known` (names and roles
known so far), :mod:`.quote_speakers` (4, phrases and the passage's speaker),
:mod:`.quote_subjects` (the subject before a cue verb), :mod:`.quote_indirect` (3),
:mod:`.quote_next` (a statement attributed by the sentence after it: ``“…” Hal itu disampaikan
Ketua … X``; it reads reported speech with :mod:`.quote_indirect`), :mod:`.quote_direct` (2; it
asks :mod:`.quote_next` for a quote's next sentence), :mod:`.quote_kinds` (6);
:mod:`.quote_roles` cleans a role and splits its affiliation.
"""

from __future__ import annotations

from ..model import Entity, Quote
from .quote_direct import direct_quote
from .quote_indirect import indirect_in, passage_speaker, sentence_spans
from .quote_kinds import label_speakers
from .quote_lexicon import QuoteLexicon, has_word, quote_lexicon
from .quote_next import attribute_back
from .quote_marks import LONG_SPAN, MAX_SPAN, find_direct, scare_quote
from .quote_offices import extends_office, mention_role
from .quote_speakers import Attributor

__all__ = ["LONG_SPAN", "MAX_SPAN", "extract_quotes", "mention_role"]


def extract_quotes(paragraphs: list[str], entities: list[Entity] | None = None) -> list[Quote]:
    """Direct and indirect quotes in reading order, speakers resolved against ``entities``.

    ``entities`` are the article's entities (PER mentions name speakers); without them the
    speaker is the capitalised name in the attribution phrase.
    """
    lex = quote_lexicon()
    cued = [has_word(p, lex.cue_words) for p in paragraphs]
    spans = find_direct(paragraphs)
    if not spans and not any(cued):
        # no quotation mark and no cue word: neither a direct nor a reported quote can be
        # found, so the speakers' index (a fifth of this stage) is not built
        return []
    att = Attributor(paragraphs, entities or [], cued)
    for sp in spans:
        if scare_quote(paragraphs, sp, att.lex):
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
            q = direct_quote(nxt, paragraphs, att)
            if q is not None:
                quotes.append(q)
            nxt = next(pending, None)

    for p, text in enumerate(paragraphs):
        if not att.cued[p]:  # no reported speech possible in this paragraph
            direct_before((p, 0))
            att.learn_descriptions(p, 0, len(text))  # 'Siswi SMA X tersebut memecahkan …': an office
            direct_before((p + 1, 0))
            continue
        sentences = sentence_spans(text)
        for s, e in sentences:
            hits = [lo for lo, hi in att.covered.get(p, []) if lo < e and s < hi]
            if not hits and text[s : s + 1] in lex.attribution_initials:
                # 'Hal itu disampaikan Budi.': the sentence attributes the statement before it
                direct_before((p, e))
                if attribute_back(p, s, sentences, quotes, att):
                    continue
            if hits:
                # a statement the outlet ran into the next quotation without a stop
                # ('Menurut Hasto, makna … Indonesia “Bung Karno …”') is read up to the mark
                head = _before_quote(text, s, min(hits), lex)
                if head is None:
                    direct_before((p, e))
                    continue
                e = head
            direct_before((p, e))
            q = indirect_in(p, s, e, att)
            if q is not None:
                quotes.append(q)
            else:
                passage_speaker(p, s, e, att)
                att.learn_descriptions(p, s, e)
    direct_before((len(paragraphs), 0))
    return label_speakers(_no_person_affiliation(_roles_back(quotes), entities or [], lex), entities or [], paragraphs)


def _before_quote(text: str, s: int, mark: int, lex: QuoteLexicon) -> int | None:
    """Where a sentence that runs into a direct quote at ``mark`` ends, when the words before
    the mark make a statement of their own: six words or more, not ending like the quote's own
    attribution ('Budi mengatakan, “…”', 'kata Budi: “…”'); None otherwise."""
    head = text[s:mark].rstrip()
    words = head.split()
    if len(words) < 6 or head[-1] in ",:;" or words[-1].lower() in lex.cue_words:
        return None
    return s + len(head)


def _no_person_affiliation(quotes: list[Quote], entities: list[Entity], lex: QuoteLexicon) -> list[Quote]:
    """Quotes whose office is held for a person of the article (data ``person_office``:
    ``kuasa hukum Marissya Icha``, ``juru bicara Nurdin Abdullah``) lose the affiliation the
    role splitter read in that person's capitals: such an office has no organisation. The
    persons are the article's PER entities and the speakers found (a set look-up per quote);
    a name after any other word stays (``Ketua Umum Rampai Nusantara``, tagged PER by a slip)."""
    offices = lex.word_role.get("person_office", set())
    people = {e.name for e in entities if e.label == "PER"} | {q.speaker for q in quotes if q.speaker}
    for q in quotes:
        if not q.affiliation or not q.role or q.affiliation not in people or q.affiliation == q.speaker:
            continue
        at = q.role.find(q.affiliation)
        if at < 0:
            continue  # the affiliation is not written inside the role: nothing to read before it
        before = q.role[:at].lower().split()
        if " ".join(before[-2:]) in offices or before[-1:] and before[-1] in offices:
            q.affiliation = None
    return quotes


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
        if q.speaker in first and q.role and extends_office(q.role, first[q.speaker][0]):
            first[q.speaker] = (q.role, q.affiliation)
    for q in quotes:
        if q.speaker in first and q.role and extends_office(first[q.speaker][0], q.role):
            q.role, q.affiliation = first[q.speaker]
    for q in quotes:
        if q.speaker in first and not q.role:
            q.role, q.affiliation = first[q.speaker]
    return quotes
