"""Where the speaker's name is inside an attribution phrase when NER gives none
(:func:`fallback_name`, :func:`segment_name`: capitalised runs once titles, acronyms,
organisation and place words are skipped), and the one-word forms an article uses for its
speakers (:func:`speaker_references`: ``kata Jumawan.``, ``…, Jumawan menularkan …``)."""

from __future__ import annotations

import re

from .quote_lexicon import QuoteLexicon, quote_lexicon
from .quote_roles import NAME_WORD as _NAME_WORD
from .quote_roles import can_be_name as _can_be_name
from .quote_roles import is_given_name, is_reduplicated, lead_role_words, no_name_word, opens_sentence_not_name


def place_tail_cut(words: list[str]) -> int:
    """How many leading words of a tagged name are a place closed by a compass word (``Minahasa
    Utara Clay Dondokambey`` after ``Bupati`` → 2): at least two name words stay."""
    tails = quote_lexicon().place_tails
    return max((k + 1 for k in range(1, len(words) - 2) if words[k].lower() in tails), default=0)


def word_offset(written: str, k: int) -> int:
    """Where word ``k`` of ``written`` starts (0 for the first)."""
    if not k:
        return 0
    return [m.start() for m in re.finditer(r"\S+", written)][k]


# a capitalised word that ends a clause ('kata Jumawan.') or is followed by a verb
# ('Jumawan menularkan …'); what stands before it is checked in _one_word_speakers
_CAPITAL_WORD = re.compile(r"[A-Z][a-z'’-]+(?=\s*[,.]|\s+(?:me|ber)[a-z]{3,}(?!\w))")
_WORD_BEFORE = re.compile(r"(?<!\w)([A-Za-z]+)\s+$")
_CLAUSE_OPENS = re.compile(r"(?:^|[.,;]\s+)$")


def _one_word_speakers(paragraph: str, has_cue: bool, lex: QuoteLexicon) -> set[str]:
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


def speaker_references(references: frozenset[str], paragraphs: list[str], lex: QuoteLexicon,
                    cued: list[bool]) -> frozenset[str]:
    """``references`` and the one-word speakers right after a cue or opening a clause
    (``kata Jumawan.``, ``…, Jumawan menularkan …``) that the tagger may have missed, when the
    word can be part of a name and is no pronoun or cue word. ``cued`` says per paragraph
    whether it holds a cue word at all."""
    found = set(references)
    for paragraph, has_cue in zip(paragraphs, cued):
        found.update(w for w in _one_word_speakers(paragraph, has_cue, lex) if _can_be_name(w))
    return frozenset(w for w in found if w.lower() not in lex.pronouns and w.lower() not in lex.never_names)


def looks_like_name(name: str) -> bool:
    words = name.split()
    return bool(words) and all(_NAME_WORD.fullmatch(w) for w in words)


def fallback_name(phrase: str, lex: QuoteLexicon, references: frozenset[str] = frozenset()) -> tuple[int, int, bool] | None:
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
    address = False  # after 'warga Karah,' the bare segments are the rest of the address
    for segment in phrase.split(","):
        if address and _bare_run(segment):
            offset += len(segment) + 1
            continue  # '…, warga Karah, Jambangan, Surabaya': no speaker 'Jambangan'
        address = _opens_address(segment, lex)
        span = segment_name(segment, lex, references)
        if span is not None and (found is None or span[2] and not no_name_word(segment[span[0] : span[1]].split())):
            # ('kata Mahfud, Terkait dengan …': a common word after a comma is no later name)
            found = (offset + span[0], offset + span[1], span[2])
        offset += len(segment) + 1
    return found


def after_resident(text: str, start: int, lex: QuoteLexicon) -> bool:
    """Whether the word before ``start`` in ``text`` says where a person lives or comes from
    (``warga``, ``asal``: data ``resident``, ``origin``): the capitalised run there is a place."""
    before = text[max(0, start - 20) : start].split()
    return bool(before) and before[-1].lower() in lex.residents


def _opens_address(segment: str, lex: QuoteLexicon) -> bool:
    """Whether a comma segment ends with an address (``warga Karah``, ``perempuan asal Depok``)."""
    words = segment.split()
    k = next((i for i in range(len(words) - 1, -1, -1) if not _NAME_WORD.fullmatch(words[i])), -1)
    return 0 <= k < len(words) - 1 and words[k].lower() in lex.residents


def _bare_run(segment: str) -> bool:
    """Whether a comma segment is capitalised words only (``Jambangan``, ``Jawa Barat``)."""
    words = segment.split()
    return bool(words) and all(_NAME_WORD.fullmatch(w) for w in words)


def segment_name(segment: str, lex: QuoteLexicon, references: frozenset[str] = frozenset()) -> tuple[int, int, bool] | None:
    """(start, end, bare) of the name in one comma segment; ``bare`` if nothing else is in it.

    Capitalised runs are tried from the last: in ``Budi dari Kementerian Sosial`` the last run
    is an organisation, so the name is the run before it.
    """
    words = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", segment)]
    runs: list[list[tuple[int, int, str]]] = [[]]
    for w in words:
        if _NAME_WORD.fullmatch(w[2]) or w[2] in ORG_LINKS and runs[-1] and runs[-1][0][2].lower() in lex.orgheads:
            runs[-1].append(w)  # ('PT House of Rattan' is one organisation's run, no name 'Rattan')
        elif runs[-1]:
            runs.append([])
    for run in reversed([r for r in runs if r]):
        if after_resident(segment, run[0][0], lex):
            continue  # 'warga Karah', 'asal Depok': where the person lives, no name
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
        tail = place_tail_cut([w for _, _, w in run[cut:]])
        cut += tail
        name = run[cut:]
        if org and any(w in ORG_LINKS for _, _, w in name):
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
        elif cut == 0 and len(name) > 1 and run is runs[0] and name[1][2] in references \
                and opens_sentence_not_name(name[0][2]) and not segment[: name[0][0]].strip():
            cut, name = 1, name[1:]  # 'Niat Alisho' (a sub-heading run into the paragraph) … 'ujar Alisho'
        if name and all(w.lower() in lex.never_names or is_reduplicated(w) for _, _, w in name):
            continue  # 'Melalui sambutannya, …': a sentence opener alone is no name
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


ORG_LINKS = frozenset({"dan", "of", "for", "the", "&"})


def office_without_name(phrase: str, lex: QuoteLexicon) -> bool:
    """A role without a name: ``Presiden``, ``Panglima TNI``, ``Menteri Kesehatan``."""
    words = re.findall(r"\w+", phrase)
    return bool(words) and len(words) <= 6 and words[0].lower() in lex.titles


def cut_phrase(rest: str, lex: QuoteLexicon) -> str:
    """The speaker phrase ends at a stop word (``kepada``, ``di``, ``saat``…) or a date in
    brackets; a bracketed acronym (``(LIPI)``) stays part of it."""
    m = lex.stop_split.search(rest)
    return rest[: m.start()] if m else rest
