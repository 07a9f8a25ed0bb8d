"""The speaker in the subject before a cue verb (``Budi, Selasa (22/5/2018), menyatakan``;
``Veronica Moniaga, juru bicara Nurdin Abdullah, mengatakan``) and after ``Menurut``: the comma
segments that name the person and those that give the office, a date or an aside."""

from __future__ import annotations

import re
from dataclasses import replace

from .entity_spans import NAME_CONJUNCTIONS
from .quote_known import Who
from .quote_lexicon import QuoteLexicon, is_nonspeaker
from .quote_names import fallback_name
from .quote_roles import clean_role, is_given_name
from .quote_speakers import Attributor


def menurut_speaker(m: re.Match[str], p: int, base: int, att: Attributor) -> Who | None:
    if m["cue"].lower() in att.lex.word_role["menurut_carry"]:
        return att.carry(m["cue"], (p, base + m.start()))
    return att.phrase(p, base + m.start("rest"), base + m.end("rest"))


_MAX_SUBJECT_WORDS = 14  # a longer "subject" is a clause, not a speaker with a role


def subject_speaker(p: int, start: int, end: int, att: Attributor) -> Who | None:
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
    if places < len(segments) and apposition_segment(text[segments[places - 1][0] : segments[places - 1][1]], att.lex):
        segments = [*segments[: places - 1], (segments[places - 1][0], segments[-1][1])]
    if not segments:
        return None
    listed = _listed_name(segments, text, att.lex)
    if listed is not segments:
        s, e = listed[-1]
        other = att._entity_in(att.state.others, p, s, e)
        if other is not None and other[2].label == "ORG":
            # the organisation tagged in the run speaks, not its last listed word
            who = att._organisation_speaker(p, s, e, text[s:e].strip(), other)
            return replace(who, role=None) if who is not None else None  # its name is no office
        return None  # no organisation tagged there: no speaker rather than the list's last word
    s, e = segments[-1]
    sub = text[s:e].strip()
    if len(sub.split()) > _MAX_SUBJECT_WORDS or att.lex.complementizer.search(sub):
        return None
    if sub.split()[0].lower() in att.lex.quantifiers:
        return None  # 'sebagian umat Muslim menilai …': a group speaks, no one person
    if is_nonspeaker(sub, att.lex):
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
    linked = att.lex.office_after.search(sub)
    if linked is not None and linked.start() > 0:
        # 'Ahmad Ramzy selaku kuasa hukum Marissya Icha membantah …': the name before the link
        # word speaks, the words after it are the office (which may name the person it serves)
        lead = s + len(text[s:e]) - len(text[s:e].lstrip())
        role = clean_role(linked.group(1).strip())
        opener = role.split()[0].lower() if role else ""
        # only an office after the link ('selaku kuasa hukum', 'sebagai Ketua'), not what the
        # subject serves as ('Titipku sebagai kanal untuk …')
        office = opener in att.lex.titles or opener in att.lex.descriptors or any(
            role.lower().startswith(o) for o in att.lex.word_role.get("person_office", ())) if role else False
        owner = att.phrase(p, lead, lead + linked.start()) if office and att._entity_in(
            att.state.persons, p, lead, lead + linked.start()) else None
        if owner is not None and owner.name:
            if owner.role is None and role:
                owner.role = role
                att.state.roles.setdefault(owner.name, role)
            return owner
    who = att.phrase(p, s, e)
    if who is not None and len(segments) > 1 and apposition_segment(sub, att.lex) \
            and sub.split()[0].lower() not in ("dan", "serta", "atau"):
        # 'Veronica Moniaga, juru bicara Nurdin Abdullah, mengatakan': a person's name, then an
        # office that names another person; the name before it speaks (not a list's item:
        # '…, Cipta Karya, dan Tata Ruang …'; not an adverbial: 'Sementara itu, Wakil …')
        s2, e2 = segments[-2]
        span = fallback_name(text[s2:e2], att.lex, att.references)
        if span is not None and span[2] and (att._entity_in(att.state.persons, p, s2, e2) is not None
                                             or is_given_name(text[s2:e2].split()[0])):
            owner = att.phrase(p, s2, e2)
            if owner is not None and owner.name and owner.name != who.name:
                role = att._own_role(clean_role(sub), owner.name)
                if owner.role is None and role:
                    owner.role = role
                    att.state.roles.setdefault(owner.name, role)
                return owner
    if who is None and len(segments) > 1 and apposition_segment(sub, att.lex):
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


# the list's last item, one word, and the bracketed short form of the whole name: more words
# after it are the office's tail and a name ('… Pangan, dan Perikanan Sleman Heru Saptono')
_LIST_TAIL = re.compile(rf"(?:{'|'.join(sorted(NAME_CONJUNCTIONS))}|&)\s+[A-Z][\w'’-]*(?:\s*\([^()]*\))?")
_CAPITALISED = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}")


def _listed_name(segments: list[tuple[int, int]], text: str, lex: QuoteLexicon) -> list[tuple[int, int]]:
    """``segments`` with an organisation whose name is a list joined back into one segment:
    ``Badan Meteorologi, Klimatologi, dan Geofisika (BMKG) menyatakan`` splits at its commas,
    and its last item (``dan Geofisika``) is no speaker. The run must open with an
    organisation head (data) and its middle items be capitalised words."""
    if len(segments) < 2 or not _LIST_TAIL.fullmatch(text[segments[-1][0] : segments[-1][1]].strip()):
        return segments
    for k in range(len(segments) - 2, -1, -1):
        item = text[segments[k][0] : segments[k][1]].strip()
        # the head may follow an adverbial in its segment ('JAKARTA - Badan Meteorologi')
        if any(word.lower() in lex.orgheads for word in item.split()[:-1]):
            return [*segments[:k], (segments[k][0], segments[-1][1])]
        if not _CAPITALISED.fullmatch(item):
            break
    return segments


_TRAILING_ASIDE = re.compile(r"\s[\u2014\u2013-]\s[^\u2014\u2013]*?\s[\u2014\u2013-]\s*$")


def _place_segment(segment: str, att: Attributor) -> bool:
    """A comma segment that is only a place (``Jakarta Selatan``, ``Kebayoran Baru``): by the
    word lists or a place the tagger found there."""
    words = segment.split()
    if words and all(w.lower() in att.lex.place_words for w in words):
        return True
    low = segment.strip()
    return bool(low) and any(ent.label == "LOC" and ent.name == low for _, _, _, ent in att.state.others)


def apposition_segment(segment: str, lex: QuoteLexicon) -> bool:
    """A comma segment that is an office, not a name: 'anggota tim kuasa hukum'."""
    words = segment.split()
    return bool(words) and (words[0].lower() in lex.titles or words[0].lower() in lex.descriptors
                            or words[0].islower())


def _skippable_segment(segment: str, lex: QuoteLexicon) -> bool:
    words = segment.split()
    if not words:
        return True
    first = words[0].lower()
    return first in lex.relatives or bool(lex.date_segment.match(segment)) or (first in lex.stop and words[0].islower())
