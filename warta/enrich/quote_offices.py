"""The office written next to a person's mention (:func:`mention_role`): a title run right
before the name (:func:`title_run`), an apposition after a comma or ``selaku`` with the comma
segments that continue it, a clause or predicate that gives it (``yang juga Ketua …``,
``merupakan Ketua …``), or the organisation after ``dari``. The phrase found is cleaned and
split into role and affiliation by :mod:`warta.enrich.quote_roles`."""

from __future__ import annotations

import re

from .quote_lexicon import QuoteLexicon
from .quote_names import ORG_LINKS
from .quote_roles import clean_role, is_given_name, is_organisation, second_office
from .quote_roles import is_initial as _is_initial


AGE = re.compile(r"\s*\(\s*\d{1,3}(?:\s*(?:tahun|th))?\s*\)")  # 'Deden (27)': a person introduced
_ROLE_WINDOW = 160  # characters left of a name an apposition may take
_CLAUSE_END = re.compile(r"[.!?;:“”\"(]\s*|,\s*")


# a verb by its prefix; 'per…an' is a noun ('perkotaan', 'perbankan': 'pengamat perkotaan dari …')
VERB_LIKE = re.compile(r"(?:me|ber|di|ter|per)[a-z]{3,}(?<!an)|(?:me|ber|di|ter)[a-z]{3,}")


# ('Kepala Bidang Bina Marga pada Dinas Bina Marga …': 'pada' links a unit to its office)
ROLE_LINKS = frozenset({"dan", "dari", "di", "pada", "untuk", "sekaligus", "serta", "of", "on", "for", "and", "the",
                         "bidang"})


def mention_role(text: str, ms: int, me: int, lex: QuoteLexicon) -> str | None:
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
    role = title_run(segment, lex, apposition=end < len(left))
    if role:
        return role
    age = AGE.match(text, me)  # 'Darsih (41), warga Jatimulya,': the apposition after the age
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


def _office_clause(after: str, lex: QuoteLexicon) -> str | None:
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


def _from_organisation(after: str, lex: QuoteLexicon) -> str | None:
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
    while words and words[-1].lower() in ORG_LINKS:
        words.pop()
    lows = [w.strip("()").lower() for w in words]
    if not words or all(low in lex.places for low in lows if low) or len(words) > 12:
        return None
    groups = lex.word_role.get("org_noun", frozenset())
    if not any(low in lex.orgheads or low in groups or re.fullmatch(r"[A-Z][A-Z0-9-]+", w.strip("()"))
               or is_organisation(w) for low, w in zip(lows, words)):
        return None
    return " ".join(words)


def _linked_office(phrase: str, lex: QuoteLexicon) -> str | None:
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
        place = low in ROLE_LINKS and k + 1 < len(words) and words[k + 1][:1].isupper()  # 'di Paski'
        if VERB_LIKE.fullmatch(low) or low in lex.cue_words or low in lex.stop and not place or low == "yang":
            break
        taken.append(word)
    return " ".join(taken) if 0 < len(taken) <= 6 and taken[0][:1].islower() else None


def _apposition_list(office: str, rest: str, lex: QuoteLexicon) -> str:
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


def _ranks_only(text: str, lex: QuoteLexicon) -> bool:
    """Nothing but ranks or initials written with the name (``…, Komisaris Sujarwo``, ``…, MY
    Esti Wijayati`` when the tagger left the initials out): the office is in the comma segment
    before them."""
    return all(w.strip("().").lower() in lex.ranks or _is_initial(w) for w in text.split())


def title_run(segment: str, lex: QuoteLexicon, apposition: bool) -> str | None:
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
        elif word[:1].isupper() or word.startswith("(") or low in ROLE_LINKS:
            if low in lex.never_names:
                broke = k
                break
        elif VERB_LIKE.fullmatch(low) and low not in lex.not_verbs or low in lex.stop or low in lex.cue_words:
            broke = k
            break
    copula = next((k for k in range(broke, 0, -1) if lows[k] in lex.word_role.get("copula", ())
                   and lows[k - 1] == "yang"), 0) if broke > 0 else 0
    if copula:
        # 'Ketua Umum Yayasan X yang merupakan cucu dari Presiden pertama RI …, Dade': the
        # office is the one before the relative clause, which may name someone else's
        before = title_run(segment[: words[copula - 1].start()] + " ", lex, apposition=False)
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


def _list_tail(segment: str, lex: QuoteLexicon) -> bool:
    """A comma segment that continues a capitalised list and holds no title of its own (a word
    that only continues a title, ``Hukum``, or a rank written with the name, ``Mayor Jenderal``,
    is none: ``Kepala Biro Humas, Hukum dan Kerja Sama BKN``)."""
    words = segment.split()
    return bool(words) and (words[0] == "dan" or words[0][:1].isupper()) and not any(
        w.lower() in lex.titles and w.lower() not in lex.title_parts and w.lower() not in lex.ranks
        for w in words) and words[0].lower() not in lex.cue_words and not any(
        w.islower() and VERB_LIKE.fullmatch(w) for w in words)  # 'Dade bersuara …': a clause, no list


def extends_office(longer: str, shorter: str) -> bool:
    """Whether the office ``longer`` is ``shorter`` with more words after it (``Kepala Dinas
    Kesehatan Kota Surabaya`` / ``Kepala Dinas Kesehatan``): the same office written in full."""
    a, b = longer.split(), shorter.split()
    return len(a) > len(b) and [w.lower() for w in a[: len(b)]] == [w.lower() for w in b]
