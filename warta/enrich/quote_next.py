"""Attribution by the next sentence: a statement whose speaker is named in the sentence after
it (``“…” Hal itu disampaikan Ketua Komisi III DPR Herman Hery di Jakarta.``, ``… . Demikian
dikemukakan Budi.``, ``Pernyataan tersebut diungkapkan oleh …``; the words are data:
``attr_noun``, ``attr_lead``, ``attr_verb``, ``attr_agent`` in ``data/quote_words.tsv``).

The statement is the quotation right before that sentence, or else the sentence right before
it, as reported speech (``evals/reported_speech_gold.tsv`` rule 2: "a sentence attributed by
the next one counts"). The speaker phrase is read like the one after a post cue (``kata …``):
the same stop words end it and the same apposition logic splits office, organisation and name.

Precedence: a statement attributed in its own sentence (``“…,” kata Budi``, ``Budi mengatakan,
“…”``, ``Menurut Budi, …``) keeps its speaker; only a statement with no attribution or one that
points back (``katanya``, ``ujarnya``, ``menurutnya``, ``kata dia``, ``kata politikus itu``)
takes the speaker the next sentence names, because that names the person outright where the
carried one is a guess from the passage."""

from __future__ import annotations

import re
from typing import NamedTuple

from ..model import Quote
from .quote_known import Who
from .quote_lexicon import QuoteLexicon
from .quote_names import cut_phrase
from .quote_roles import split_affiliation
from .quote_indirect import reported_quote, sentence_spans
from .quote_speakers import Attributor

# what may stand between a statement and the next sentence: blanks, closing marks, a full stop
_GAP = re.compile(r"[\s.!?”\"’]*")
# the text up to the next sentence ends one: a full stop, then blanks and closing marks
_ENDS_SENTENCE = re.compile(r"[.!?][\s”\"’]*$")
# a dateline before an article's first sentence: capitalised words (a place, an outlet, a site's
# address, a reporter's byline) or a bracketed outlet, then a dash apart from the words ('TRIBUNNEWS.COM,
# JAKARTA -', 'Jakarta, CNN Indonesia - -', 'DEPOK (Pos Kota) –', 'Rimanews - '): not part of the
# statement. More than one word needs a comma, a bracket or a dot ('Masjid Al - Marzuqiyah' is a name).
_DATELINE = re.compile(r"(?P<run>(?:(?:[A-Z][\w.]*|\([^()]{1,30}\)),?\s+){0,8}(?:[A-Z][\w.]*|\([^()]{1,30}\)))"
                       r"(?:\s+[-–—]|(?<=\))\s*[-–—])(?:\s*[-–—])*(?:\s+|(?<=[-–—])(?=[A-Z]))")

# a second dash closing an aside before a lower-case word, the last dash of the sentence: 'PT
# Garuda Indonesia (Persero) Tbk - maskapai pelat merah - mencatat …' opens with a subject and its
# apposition, not a dateline ('JAKARTA - Pemerintah - melalui … - memastikan …' still has one)
_ASIDE_CLOSES = re.compile(r"(?:(?!\s[-–—]\s)[^.!?]){1,80}?\s[-–—]\s+[a-z](?:(?!\s[-–—]\s)[^.!?])*(?:[.!?]|$)")


def _dateline_end(p: int, s: int, text: str) -> int:
    """Where the statement starts after a dateline at ``text[s]`` (``s`` when there is none).
    Only an article's first sentence (paragraph 0, nothing before it) can have one: further on,
    the same shape is a subject with a dash apposition (``PT Garuda Indonesia (Persero) Tbk -
    maskapai pelat merah - mencatat …``), and so it is there too when the words after the first
    dash open lower-case and a second dash closes them as an aside before a lower-case word."""
    if p != 0 or text[:s].strip():
        return s
    m = _DATELINE.match(text, s)
    if m is None or " " in m["run"] and not any(c in m["run"] for c in ",(."):
        return s
    if text[m.end() : m.end() + 1].islower() and _ASIDE_CLOSES.match(text, m.end()):
        # an aside opens lower-case ('… Tbk - maskapai pelat merah - mencatat'); after a dateline
        # the sentence opens capitalised ('JAKARTA - Pemerintah menaikkan … - keputusan yang …')
        return s
    return m.end()


def points_back(who: Who | None, cue: str | None, lex: QuoteLexicon) -> bool:
    """Whether an attribution names no one outright: none at all, a ``-nya`` cue carried over
    (``ujarnya``, ``menurutnya``), a pronoun (``kata dia``, ``Ia mengatakan``) or a description
    pointing back (``kata politikus itu``): the next sentence's speaker may replace it."""
    if cue is None or who is None or not who.mention:
        return True
    c = cue.lower()
    if lex.cue_kind.get(c) == "carry" or c in lex.word_role["menurut_carry"]:
        return True
    words = who.mention.split()
    return (words[0].lower() in lex.pronouns or words[0][:1].islower()
            or words[-1].lower() in lex.word_role["demonstrative"])


def _speaker(q: Quote) -> Who | None:
    """The speaker of a quote already made, as a :class:`Who`."""
    return Who(q.speaker, q.speaker_mention, q.role) if q.speaker else None


def quote_points_back(q: Quote, lex: QuoteLexicon) -> bool:
    """:func:`points_back` for a quote already made."""
    return points_back(_speaker(q), q.cue, lex)


class NextAttribution(NamedTuple):
    """What an attributing sentence says: who, by which verb, where it ends, and whether it
    says they said it too (``Hal itu juga disampaikan X``, data ``attr_also``)."""

    who: Who
    cue: str
    end: tuple[int, int]
    also: bool

    def replaces(self, who: Who | None) -> bool:
        """Whether this attribution takes a statement from ``who``, its speaker so far (which
        points back, :func:`points_back`): always, unless it says ``juga``/``pula``: then X is
        a second person saying the same, and only a statement with no speaker at all is X's."""
        return not self.also or who is None or not who.name


def attribution_at(p: int, k: int, att: Attributor) -> NextAttribution | None:
    """The speaker named by an attributing sentence starting at ``paragraphs[p][k]``, its verb,
    and where the attribution ends; None when the sentence is no such attribution or names no
    one (``Hal itu disampaikan dalam rapat``, ``… disampaikan Selasa``: a date or a month is
    no one, data ``not_names``)."""
    pattern = att.lex.next_attribution
    text = att.paragraphs[p]
    if pattern is None or not text[k : k + 1].isupper():
        return None
    m = pattern.match(text, k)
    if m is None:
        return None
    if m["rest"] is not None:
        rest = cut_phrase(m["rest"], att.lex)
        end = m.start("rest") + len(rest.rstrip(" ,"))
        who = att.phrase(p, m.start("rest"), end)
    elif m["nya"]:
        end = m.end("nya")
        who = att.carry(m["cue"] + m["nya"], (p, k))
    else:
        return None
    if who is None or not who.name or who.name.lower() in att.lex.not_names:
        return None
    also = any(w.lower() in att.lex.word_role.get("attr_also", ()) for w in text[k : m.start("cue")].split())
    return NextAttribution(who, m["cue"] + (m["nya"] or ""), (p, end), also)


def next_sentence_attribution(at: tuple[int, int], att: Attributor) -> NextAttribution | None:
    """The attribution in the sentence that follows a statement ending at ``at`` (paragraph,
    offset): in the same paragraph after a full stop, or opening the next paragraph."""
    p, off = at
    text = att.paragraphs[p]
    k = _GAP.match(text, off).end()  # type: ignore[union-attr]  # (matches the empty string)
    if k >= len(text):
        if p + 1 >= len(att.paragraphs):
            return None
        p, text = p + 1, att.paragraphs[p + 1]
        k = len(text) - len(text.lstrip())
    elif not _ENDS_SENTENCE.search(text, 0, k):
        return None  # '“…”, hal itu …': the same sentence goes on
    return attribution_at(p, k, att)


def reattribute(q: Quote, who: Who, cue: str) -> None:
    """Give quote ``q`` the speaker ``who`` named by the next sentence."""
    q.speaker, q.speaker_mention, q.role = who.name, who.mention, who.role
    q.affiliation = split_affiliation(who.role)
    q.cue = cue.lower()


def _previous_sentence(p: int, s: int, spans: list[tuple[int, int]], att: Attributor) -> tuple[int, int, int] | None:
    """The sentence before the one at ``paragraphs[p][s]`` (paragraph, start, end): earlier in
    ``spans`` (the paragraph's sentences), or the last one of the paragraph before."""
    before = [(a, b) for a, b in spans if b <= s]
    if before:
        return p, *before[-1]
    if p == 0:
        return None
    last = sentence_spans(att.paragraphs[p - 1])
    return (p - 1, *last[-1]) if last else None


def _stands_as_statement(p: int, s: int, e: int, who: Who, att: Attributor) -> bool:
    """Whether the sentence ``paragraphs[p][s:e]`` can be what ``who`` said, read alone: no
    quotation mark covers it; it ends like a sentence; it does not open with a connective
    (``Apalagi, didukung …``, ``Padahal …``: it goes on from a sentence before, and the
    statement starts there) or a pronoun; and it does not name the speaker (``Jokowi juga meminta …``, ``Kasatgas … Setyo
    Wasisto memperingatkan …``) or open with the speaker's organisation (``Komnas HAM meminta
    …``): a sentence about what the speaker did or asked, which the pass over sentences already
    read for reported speech."""
    if any(lo < e and s < hi for lo, hi in att.covered.get(p, [])):
        return False
    sentence = att.paragraphs[p][s:e].rstrip()
    words = sentence.split(None, 1)
    if not words or sentence[-1] not in ".!?":
        return False  # a heading or a byline ('Penulis: Noverta Salyadi'), no sentence
    affiliation = split_affiliation(who.role)
    if affiliation and sentence.startswith(affiliation):
        return False  # 'Komnas HAM meminta …': what the speaker's body did or asked
    first = words[0].strip(",").lower()
    if first in att.lex.word_role.get("connective", ()) or first in att.lex.pronouns:
        return False
    names = {who.mention, who.name, (who.name or "").split()[-1]}
    return not any(n and re.search(rf"(?<!\w){re.escape(n)}(?!\w)", sentence) for n in names)


# what may stand between two quotations of one run: blanks, quotation marks, a stop or a comma
_BETWEEN_QUOTES = re.compile(r"[\s“”\"’‘.,!?]*")


def _adjacent(a: Quote, b: Quote, paragraphs: list[str]) -> bool:
    """Whether quotation ``b`` follows ``a`` with nothing written between them but marks and
    blanks: in the same paragraph, or ``a`` ending one paragraph and ``b`` opening the next."""
    pa = a.end_paragraph if a.end_paragraph is not None else a.paragraph
    if pa == b.paragraph:
        return _BETWEEN_QUOTES.fullmatch(paragraphs[pa], a.end, b.start) is not None
    return (b.paragraph == pa + 1 and _BETWEEN_QUOTES.fullmatch(paragraphs[pa], a.end) is not None
            and _BETWEEN_QUOTES.fullmatch(paragraphs[b.paragraph], 0, b.start) is not None)


def _goes_on(before: Quote, q: Quote) -> bool:
    """Whether quotation ``q`` carries the speaker of the cued quotation ``before`` it, in the
    same paragraph or the next (``“…,” kata Sri Mulyani. “…”``): the speaker goes on, and a
    later sentence naming someone else is not about ``q``."""
    end = before.end_paragraph if before.end_paragraph is not None else before.paragraph
    return (before.cue is not None and before.speaker is not None and before.speaker == q.speaker
            and q.paragraph - end in (0, 1))


def _run_before(quotes: list[Quote], found: NextAttribution, paragraphs: list[str]) -> None:
    """The unattributed quotations that run straight into the last one (``“…” “…” Hal itu
    disampaikan X``, one per paragraph or side by side) are the same speaker's: each takes the
    speaker the next sentence names, as the last did, walking back until a quotation with an
    attribution of its own (any cue), one whose speaker was carried from the cued quotation
    just before it (``“…,” kata Sri Mulyani. “…”``: that speaker goes on talking, :func:`_goes_on`)
    or a sentence between them ends the run."""
    for k in range(len(quotes) - 1, 0, -1):
        prev, cur = quotes[k - 1], quotes[k]
        if prev.kind != "direct" or prev.cue is not None or not _adjacent(prev, cur, paragraphs) \
                or not found.replaces(_speaker(prev)) or k >= 2 and _goes_on(quotes[k - 2], prev):
            return
        reattribute(prev, found.who, found.cue)


def attribute_back(p: int, s: int, spans: list[tuple[int, int]], quotes: list[Quote], att: Attributor) -> bool:
    """Whether the sentence at ``paragraphs[p][s]`` attributes the statement before it; if so,
    the statement gets its speaker: the last quote when it ends in the sentence before and
    points back (:func:`points_back`; with ``juga``, only when it has no speaker:
    :meth:`NextAttribution.replaces`), or the sentence before, read as reported speech, when no
    quote is in it and no quotation mark covers it. ``quotes`` (in reading order, all before
    this sentence) is extended or updated in place."""
    found = attribution_at(p, s, att)
    if found is None:
        return False
    who, cue, at, _ = found
    prev = _previous_sentence(p, s, spans, att)
    if prev is not None:
        pp, ps, pe = prev
        last = quotes[-1] if quotes else None
        last_end = (last.end_paragraph if last is not None and last.end_paragraph is not None
                    else last.paragraph if last is not None else -1)
        if last is not None and (last_end, last.end) > (pp, ps):
            if quote_points_back(last, att.lex) and found.replaces(_speaker(last)):
                reattribute(last, who, cue)
            if last.speaker == who.name:
                _run_before(quotes, found, att.paragraphs)
        elif _stands_as_statement(pp, ps, pe, who, att):
            # 'TRIBUNNEWS.COM, JAKARTA - Pemerintah …': the statement starts after the dateline
            q = reported_quote(who, cue, pp, _dateline_end(pp, ps, att.paragraphs[pp]), pe, att)
            if q is not None:
                quotes.append(q)
    att.speak(who, at)
    return True
