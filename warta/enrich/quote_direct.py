"""The direct-quote pass: a paired quotation is a statement when an attribution stands next
to it (after the closing mark: ``…,” kata X``, ``…” X mengatakan.``; before the opening one:
``X mengatakan, “…``) or it reads as a sentence; titles, quoted texts and promotion lines are
refused."""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Quote
from .quote_known import Who, make_quote
from .quote_lexicon import QuoteLexicon, has_word
from .quote_marks import MARKS, QuoteSpan, span_content
from .quote_names import cut_phrase
from .quote_next import next_sentence_attribution, points_back
from .quote_speakers import Attributor
from .quote_subjects import menurut_speaker, subject_speaker


def direct_quote(span: QuoteSpan, paragraphs: list[str], att: Attributor) -> Quote | None:
    lex = att.lex
    end_text = paragraphs[span.p1]
    after = end_text[span.mark_end :]
    start_text = paragraphs[span.p0]
    before = start_text[: span.mark_start]
    who: Who | None = None
    cue: str | None = None
    at = (span.p1, span.mark_end)
    named = ""  # the phrase after the cue, or the subject before it, that should name the speaker
    m = lex.after.match(after)
    sm = lex.after_subject.match(after) if m is None and has_word(after[:120], lex.verb_words) else None
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
        elif m["rest"].lstrip()[:1] in ("", ",") or all(
                w.strip(",").lower() in lex.word_role["demonstrative"] for w in m["rest"].split()):
            # '…,” jelas .', '…,” ujar, di atas panggung': the name after the cue was lost (a
            # scraper dropped it); the cue points back at the passage's speaker as a '-nya' cue
            # does, and so does a statement pointed back at ('…,” bunyi pernyataan tersebut')
            who = att.carry(None, (span.p0, span.mark_start))
        elif m["rest"].split()[0].lower() in lex.word_role.get("platform", ()):
            # '“…,” bunyi unggahan akun Instagram @persija': where it was posted, a platform and
            # an account handle, names no person or body the article tags: a statement of no one
            who = None
        elif not cut_phrase(m["rest"], lex).strip():
            # '“…,” ujar di Istana Negara', '“…,” tulis dalam keterangan video': the cue goes on
            # with where it was said and names no one (the name was lost, or the article leaves it
            # unnamed): still a statement, of the passage's speaker as after a lost name, or no one's
            who = att.carry(None, (span.p0, span.mark_start))
        else:
            rest = cut_phrase(m["rest"], lex)
            base = span.mark_end + m.start("rest")
            end = base + len(rest) + _named_after_stop(m["rest"], rest, span.p1, base, att)
            who = att.phrase(span.p1, base, end)
            named = end_text[base:end]
    elif sm is not None:
        cue = sm["cue"]
        at = (span.p1, span.mark_end + sm.end())
        who = att.phrase(span.p1, span.mark_end + sm.start("subj"), span.mark_end + sm.end("subj"))
        named = sm["subj"]
    else:
        who, cue = _before_attribution(before, span.p0, att)
    if points_back(who, cue, lex):
        # '“…,” ujarnya. Hal itu disampaikan Ketua … Budi.': the next sentence names the speaker
        # outright, which beats a carried or missing one (an own attribution is kept; '… juga
        # disampaikan X' only fills a missing one: X said the same too)
        found = next_sentence_attribution(at, att)
        if found is not None and found.replaces(who):
            who, cue, at = found.who, found.cue, found.end
    content = span_content(paragraphs, span)
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
        who = (att.continued((span.p0, span.mark_start)) or att.carry(None, (span.p0, span.mark_start))
               or att.recent_person(span.p0, span.s0))
    if named.strip() and (who is None or who.name is None) and not _office(named, lex):
        # 'kata salah satu warga', 'ujar pria 32 tahun itu', 'ujar PT': the attribution names
        # no one the reader can identify — a statement of no one (as reported speech needs a
        # speaker); an office stands for its holder ('kata Juru Bicara Kementerian …'), and a
        # '-nya' cue with nobody before it is a failure to find them: both kept
        return None
    att.speak(who, at)
    start = _content_start(paragraphs, span)
    return make_quote(span_content(paragraphs, start), "direct", who, cue, start.p0, start.s0, span.e1, span.p1)


def _office(phrase: str, lex: QuoteLexicon) -> bool:
    """Whether ``phrase`` opens with an office written as a title (``Juru Bicara Kementerian
    Pertanian``, ``Presiden``): it stands for the person who holds it."""
    first = phrase.split()[0].strip(",.;:()") if phrase.split() else ""
    return first[:1].isupper() and first.lower() in lex.titles


def _content_start(paragraphs: list[str], span: QuoteSpan) -> QuoteSpan:
    """``span`` starting where the quoted words start: after the opening mark, or — when the
    mark ends its paragraph (``… kata dia. ”`` / ``Meski …``: text split one sentence per
    paragraph puts it there) — at the next paragraph's first word, past its continuation mark,
    so that the quote's offsets stay inside the paragraph they name."""
    p0, s0 = span.p0, span.s0
    while p0 < span.p1 and not paragraphs[p0][s0:].strip():
        p0 += 1
        text = paragraphs[p0]
        s0 = len(text) - len(text.lstrip())
        s0 += text[s0 : s0 + 1] in MARKS
    return span if p0 == span.p0 else replace(span, p0=p0, s0=s0)


_LOOKBACK = 300
_NEXT_SEGMENT = re.compile(r"([^,]*),\s*([A-Z][^,]*?)(?=\s*(?:,|$))")


def _named_after_stop(full: str, cut: str, p: int, base: int, att: Attributor) -> int:
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


def _before_attribution(before: str, p: int, att: Attributor) -> tuple[Who | None, str | None]:
    lex = att.lex
    sentence_start = max(before.rfind(". "), before.rfind("? "), before.rfind("! "))
    # only the last _LOOKBACK characters can hold an attribution: keeps long runs linear
    base = max(sentence_start + 2 if sentence_start >= 0 else 0, len(before) - _LOOKBACK)
    clause = before[base:]
    if not has_word(clause, lex.cue_words):
        return None, None
    m = lex.before_verb.search(clause) if lex.before_verb_end.search(clause) else None
    if m is not None:
        return subject_speaker(p, base + m.start("subj"), base + m.end("subj"), att), m["cue"]
    m = lex.before_post.search(clause)
    if m is not None:
        rest = cut_phrase(m["rest"], lex)
        return att.phrase(p, base + m.start("rest"), base + m.start("rest") + len(rest)), m["cue"]
    m = lex.menurut.search(clause)
    if m is not None and clause[m.end() :].strip() == "":
        return menurut_speaker(m, p, base, att), m["cue"]
    return None, None


_SENTENCE_END = re.compile(r"(?:^|[.!?:,;]\s*)$")


def _promo(content: str, around: str, lex: QuoteLexicon) -> bool:
    """An unattributed quotation that is a title, slogan or promotion, not a statement:
    written in title case (``"Detik Pagi, Jangan Tidur Lagi!"``) or next to a promotion word
    (``Saksikan …``, ``Simak Video …``; data/quote_words.tsv ``promo``)."""
    words = re.findall(r"[^\W\d_]{3,}", content)
    if words and len(words) <= 12 and all(w[0].isupper() for w in words):
        return True
    return has_word(around, lex.promo) or has_word(content, lex.promo)


def _titled(before: str, lex: QuoteLexicon) -> bool:
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
