"""The Indonesian article anatomy pass, shared by every input format.

Given the candidate body paragraphs of a page (from a text dump, trafilatura's output or an
export column), :func:`clean_body` separates the article from what surrounds it:

- portal furniture (``SCROLL TO CONTINUE WITH CONTENT``, ``ADVERTISEMENT``, ``Simak juga
  Video…``) is dropped, and everything after a terminal block such as ``BERITA TERKAIT``;
- ``Baca juga:`` lines (and ``[bacajuga:…]`` or inline ``Baca: …`` runs) become ``read_also``;
- ``Editor:``/``Penulis:``/``Reporter:``/``Sumber:`` lines become people and credits;
- the trailing wire/editor credit ``(AFP/OL-4)`` becomes ``credits``;
- the lead dateline of the first paragraph (``JAKARTA, KOMPAS.com -``) becomes
  ``dateline``/``outlet``.

No library does this: it is knowledge of how Indonesian portals lay out a page, so it is
written here, with the phrases themselves kept in :mod:`warta.parse.lexicon`.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field

from ..model import Credits, ReadAlso
from . import lexicon, outlets
from .dates import looks_like_dateline

__all__ = [
    "Body", "Lifted", "canonical_outlet", "clean_body", "clean_title", "is_furniture", "split_credit", "strip_lead",
]


@dataclass(slots=True)
class Lifted:
    """Paragraphs and what a cleaning step lifted out of them: 'Baca juga' links, the wire
    credit, editors, and warnings (:func:`clean_body` and
    :func:`warta.parse.flatten.flatten` both fill one)."""

    paragraphs: list[str] = field(default_factory=list)
    read_also: list[ReadAlso] = field(default_factory=list)
    credits: Credits = field(default_factory=Credits)
    editors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Body(Lifted):
    """What :func:`clean_body` found: the article's paragraphs and the parts it lifted out,
    its byline and dateline too."""

    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    dateline: str | None = None


def _alternation(patterns: tuple[str, ...]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


_FURNITURE = re.compile(rf"^\s*(?:{_alternation(lexicon.FURNITURE_LINES)})\s*$", re.IGNORECASE)
_TERMINAL = re.compile(rf"^\s*(?:{_alternation(lexicon.TERMINAL_LINES)})\s*$", re.IGNORECASE)
_PEOPLE = re.compile(
    rf"^\s*(?P<key>{'|'.join(lexicon.PEOPLE_LINES)}|{'|'.join(lexicon.SOURCE_LINE_KEYS)})"
    r"\s*:\s*(?P<names>[^:]{1,120})$",
    re.IGNORECASE,
)
_OLEH = re.compile(r"^\s*oleh\s+(?P<names>[A-Z][^:.]{1,80})$")
_READ_ALSO_LINE = re.compile(
    # "[Baca juga: …]" and "(Baca juga: …)" (antaranews.com) are the same line.
    rf"^\s*[\[(]?\s*(?P<key>{'|'.join(lexicon.READ_ALSO_KEYS)})\s*[:：]\s*(?P<title>.+?)\s*[\])]?\s*$",
    re.IGNORECASE,
)
# The title stops at the next "[" too, so many unclosed tags cannot make the search quadratic.
_READ_ALSO_TAG = re.compile(r"\[\s*baca\s*juga\s*:\s*(?P<title>[^\[\]]+)\]", re.IGNORECASE)
# Inline "Baca juga: Title Case Words" inside a paragraph (CLICK-ID and tribunnews rows,
# where the scraper joined the read-also line into the text).
# After a sentence, or anywhere as the printed label "Baca juga:" (a list without full stops
# runs into it: "… non - removable Baca juga: Judul").
_READ_ALSO_INLINE = re.compile(
    r"(?:(?<=[.!?\"”])|^|(?<=\s)(?=Baca [Jj]uga\s*:|BACA JUGA\s*:))\s*(?P<key>Baca(?: [Jj]uga)?|BACA(?: JUGA)?|Simak [Jj]uga)\s*:\s*", re.UNICODE
)
# The same run where a lifted run just ended (the text before it is the kept text).
_READ_ALSO_AT = re.compile(r"\s*(?P<key>Baca(?: [Jj]uga)?|BACA(?: JUGA)?|Simak [Jj]uga)\s*:\s*", re.UNICODE)
_SENTENCE_ENDS = (".", "!", "?", '"', "”")
_URL = re.compile(r"https?://\S+")
# "(AFP/OL-4)", "(fyk/ash)", "(*/nyc*/ndy/k9)": an asterisk marks a contributor's copy.
_CREDIT = re.compile(
    r"\s*\(\s*(?P<body>[A-Za-z*][A-Za-z0-9.*\- ]{0,30}(?:/[A-Za-z0-9.*\- ]{1,30}){0,4})\s*\)\s*$"
)
_CODE = re.compile(r"^\*?[A-Za-z]{1,6}\*?(?:[-.]?\d{1,3})?$|^\*$")
# A desk and its editor's initials ("REDAKSI-MuI"): only trusted on a standalone credit.
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s*$")  # a finished sentence (its closing quote included)
_DESK_CODE = re.compile(r"^[A-Z]{2,10}-[A-Za-z]{2,6}$")
_UNBRACKETED_CODE = re.compile(r"^[A-Za-z*]{2,10}(?:[-/](?=[A-Za-z0-9*]*[A-Za-z])[A-Za-z0-9*]{1,8}){1,4}$")
_LEAD = re.compile(
    r"^(?P<lead>[^\s.!?\"“”][^.!?\"“”]{0,70}?(?:\.(?:com|con|co|id|co\.id|net|tv)\b[^.!?\"“”]{0,40}?)?)"
    # The lead may stand alone as a paragraph (HTML), but then only with a dash.
    r"\s*(?:(?:-{1,3}|–|—|:)\s+(?=\S)|(?:-{1,3}|–|—)\s*$)",
    re.IGNORECASE,
)
_DASHLESS_LEAD = re.compile(
    r"^(?P<outlet>[\w-]+\.(?i:com|co|id|co\.id|net|tv))\s*,\s*"
    r"(?P<place>[A-Z]{2,}(?:\s[A-Z]{2,})*|[A-Z][a-z]+)\s+(?=[A-Z0-9\"“])"
)
# "REPUBLIKA.CO.ID, Perintah eksekutif …": a known outlet alone opens the text, no place.
_OUTLET_ONLY_LEAD = re.compile(r"^(?P<outlet>[\w-]+\.(?i:com|co|id|co\.id|net|tv))\s*,\s+(?=[A-Z][a-z]|[\"“])")
# Leads typed without the space after the dash, seen in scraped exports: only with a registered
# outlet in capitals ("TRIBUNNEWS.COM,JAKARTA-Anggota …"), or an upper-case place with a space
# before the dash ("MANILA -Torehan …"); "Semarang-Batang" or "KPK-Polri" stay prose.
_TIGHT_LEAD = re.compile(
    r"^(?P<lead>(?:[A-Z]{3,}(?: [A-Z]{3,}){0,2}\s*,\s*)?[A-Z0-9-]+\.(?:COM|CO\.ID|ID|CO)"
    r"(?:\s*,\s*[A-Z]{3,}(?: [A-Z]{3,}){0,2})?)\s*(?:-{1,3}|–|—|:)(?=[A-Z\"“])"
    r"|^(?P<place>[A-Z]{3,}(?: [A-Z]{3,}){0,2}) (?:-{1,3}|–|—)(?=[A-Z][a-z]|[\"“])"
)
_LEAD_PAREN = re.compile(r"^(?P<place>[^()]{1,50}?)\s*\((?P<outlet>[^()]{2,30})\)$")
_SITE_LIKE = re.compile(r"\.(?:com|co|id|net|tv)\b", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0\u200b\u200e\u200f\ufeff]+")
_ODD_SPACES = ("\u00a0", "\u200b", "\u200e", "\u200f", "\ufeff")  # _SPACES beyond ASCII


def _has_odd_space(text: str) -> bool:
    """Does ``text`` hold one of :data:`_ODD_SPACES`? Five one-character searches written out:
    a generator over the tuple cost more than the searches themselves."""
    return "\u00a0" in text or "\u200b" in text or "\u200e" in text or "\u200f" in text or "\ufeff" in text
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)+$")
# Tribun-network leads name the reporter first: "Laporan Wartawan Tribunnews.com, Nama Nama
# TRIBUNNEWS.COM, JAKARTA - …"; the names run up to the upper-case outlet.
# The outlet is matched case-sensitively: a name glued to it ("Yudhi MaulanaTRIBUNNEWS.COM")
# ends where the capitals begin. "Reporter Nama TRIBUNNEWS.COM, …" is the short form.
_REPORTER = re.compile(
    r"^(?:Laporan\s+(?:Wartawan|Wartawati|Reporter|Videografer|Koresponden)\s+|(?:Reporter|Penulis)\s*:?\s*)"
    r"(?:(?P<org>[^,]{2,40}),\s*)?(?P<names>[^,\-–—][^\-–—]{1,100}?)\s*(?=(?-i:[A-Z0-9-]+\.(?:COM|CO\.ID|ID|CO))\b)",
    re.IGNORECASE,
)


def _squeeze(text: str) -> str:
    """Runs of spaces and odd spaces → one space; text with neither (the usual case: then the
    pattern, tried at every space, would match only single spaces) is returned as it is."""
    if "  " in text or "\t" in text or (not text.isascii() and _has_odd_space(text)):
        return _SPACES.sub(" ", text)
    return text


def is_furniture(line: str) -> bool:
    """Is the line portal furniture (:data:`warta.parse.lexicon.FURNITURE_LINES`)?"""
    return _FURNITURE.match(line) is not None


def canonical_outlet(name: str | None) -> str | None:
    """An outlet as printed (``KOMPAS.com``, ``ANTARA News``), a host or a typo → its domain.

    The single entry point to the outlet registry (:mod:`warta.parse.outlets`); an unknown
    name that is itself a domain comes back lower-cased, anything else is None.
    """
    if not name:
        return None
    current = outlets.registry()
    if _CANONICAL_FOR[0] is not current:  # another registry in effect: other answers
        _CANONICAL.clear()
        _CANONICAL_FOR[0] = current
    try:
        return _CANONICAL[name]
    except KeyError:
        pass
    key = _squeeze(name).strip().lower()
    found = current.lookup(key)
    if not found:
        if key.startswith("www."):
            key = key[4:]
        found = key if _SITE_LIKE.search(key) and _DOMAIN.match(key) else None
    if len(_CANONICAL) >= 20_000:
        _CANONICAL.clear()  # bounded: a stream of distinct names cannot grow it for ever
    _CANONICAL[name] = found
    return found


# canonical_outlet's answers by name, for the registry object in _CANONICAL_FOR (the same
# outlets and hosts come back on every row of an export).
_CANONICAL: dict[str, str | None] = {}
_CANONICAL_FOR: list[outlets.Registry | None] = [None]


def _is_place(text: str) -> bool:
    """A dateline place: one to five capitalised words (``JAKARTA``, ``Mataram, NTB``)."""
    words = text.replace(",", " ").split()
    return 0 < len(words) <= 5 and all(w[0].isupper() for w in words)


def strip_lead(paragraph: str) -> tuple[str, str | None, str | None]:
    """Split a lead dateline off a first paragraph.

    Returns ``(rest, outlet, dateline)``; ``outlet`` is the canonical domain when the lead
    names one. ``"JAKARTA, KOMPAS.com - Presiden…"`` → ``("Presiden…", "kompas.com",
    "JAKARTA")``; a paragraph without a lead comes back unchanged with ``None, None``.
    """
    match = _LEAD.match(paragraph) if _lead_separator_near(paragraph) else None
    if not match:
        return _strip_tight_lead(paragraph) or _strip_dashless_lead(paragraph)
    lead = match.group("lead").strip().rstrip(",")
    outlet, place = _split_lead(lead)
    if outlet is None and place is None:
        return paragraph, None, None
    return paragraph[match.end():].lstrip(), outlet, place


# _LEAD's lead is at most 117 characters (1 + 70, and a domain: 6 + 40), then white space and
# its separator: a paragraph whose first separator stands further away, after other text, has no
# such lead. Looking for a separator is a quick scan; _LEAD itself tries ~70 lengths of lead.
_LEAD_MAX = 117
_LEAD_SEPARATOR = re.compile(r"[-–—:]")


def _lead_separator_near(paragraph: str) -> bool:
    """Could ``_LEAD`` match? (Its separator is near enough; see _LEAD_MAX.)"""
    found = _LEAD_SEPARATOR.search(paragraph)
    if found is None:
        return False
    at = found.start()
    return at <= _LEAD_MAX or paragraph[_LEAD_MAX:at].isspace()


def _strip_tight_lead(paragraph: str) -> tuple[str, str | None, str | None] | None:
    """``TRIBUNNEWS.COM,JAKARTA-Anggota …`` or ``MANILA -Torehan …`` (no space after the dash)."""
    match = _TIGHT_LEAD.match(paragraph)
    if match is None:
        return None
    if match.group("place"):
        return paragraph[match.end():], None, match.group("place")
    outlet, place = _split_lead(match.group("lead"))
    if outlet is None or not outlets.lookup(outlet):
        return None
    return paragraph[match.end():], outlet, place


def _strip_dashless_lead(paragraph: str) -> tuple[str, str | None, str | None]:
    """``Liputan6.com, Jakarta Bakal calon …``: a known outlet and a place, no dash.

    Only a *known* outlet opens such a lead, and the place is one capitalised word or a run
    of upper-case words, so ordinary sentences are never cut.
    """
    match = _DASHLESS_LEAD.match(paragraph)
    outlet = outlets.lookup(match.group("outlet")) if match else None
    if not match or outlet is None:
        alone = _OUTLET_ONLY_LEAD.match(paragraph)
        outlet = outlets.lookup(alone.group("outlet")) if alone else None
        if alone and outlet:
            return paragraph[alone.end():], outlet, None
        return paragraph, None, None
    return paragraph[match.end():], outlet, match.group("place")


def _split_lead(lead: str) -> tuple[str | None, str | None]:
    if paren := _LEAD_PAREN.match(lead):  # "Mataram, NTB (ANTARA News)", "BEKASI (Pos Kota)"
        place = _drop_date(paren.group("place").strip().rstrip(","))
        names = [n.strip() for n in paren.group("outlet").split("/")]  # "Antara/PRNewswire"
        if not _is_place(place) or not all(_is_place(n) for n in names):
            return None, None
        # An unknown name in a dateline's brackets is still the outlet as printed.
        known = [canonical_outlet(n) for n in names if canonical_outlet(n)]
        return (known[0] if known else names[0]), place
    parts = [p.strip() for p in lead.split(",")]
    outlets = [canonical_outlet(p) for p in parts]
    found = [o for o in outlets if o]
    places = [p for p, o in zip(parts, outlets) if not o]
    if len(found) > 1:
        return None, None
    place = ", ".join(places) or None
    if place is not None and not _is_place(place):
        return None, None
    if not found and (place is None or len(place.split()) > 3 or not place.split()[0].isupper()):
        # A bare "Word -" lead only counts when it is a printed dateline (upper-case place
        # or a single capitalised word), not the first words of an ordinary sentence.
        if not (place and len(place.split()) == 1 and place[0].isupper() and len(lead) < 30):
            return None, None
    return (found[0] if found else None), place


def _drop_date(place: str) -> str:
    """``ISTANBUL, 23 Februari 2016`` → ``ISTANBUL`` (press-release leads print the date)."""
    head, sep, tail = place.rpartition(",")
    tail = tail.strip()
    return head.strip() if sep and (looks_like_dateline(tail) or _DAY_MONTH.fullmatch(tail)) else place


# "Jeddah, Saudi Arabia, 27 / 11 (Antara) -": wire leads print the day and month only.
_DAY_MONTH = re.compile(r"(?:0?[1-9]|[12]\d|3[01])\s*/\s*(?:0?[1-9]|1[0-2])")


def split_credit(
    paragraph: str, *, standalone: bool = False, closing: bool = False
) -> tuple[str, Credits | None]:
    """Lift a trailing ``(AFP/OL-4)`` credit off a paragraph: ``(rest, credits)``.

    ``standalone``: the text is known to be a credit element on its own (a bold ``(fid)``
    after the body), so a single lower-case code counts; inside prose ``(ini)`` is a word. A
    standalone credit may also come without brackets (``REDAKSI-MuI``). ``closing``: the
    paragraph closes the article, so a single lower-case code after a finished sentence
    (``… tuturnya. (one)``) is the editor's: a bracketed word of prose stands inside its
    sentence, before the full stop."""
    if standalone and "(" not in paragraph:
        if not _UNBRACKETED_CODE.match(paragraph.strip()):
            return paragraph, None  # "COVID-19" or a date: a code without brackets has letters in every part
        rest, credits = split_credit(f"({paragraph.strip()})", standalone=True)
        return (paragraph, None) if credits is None else (rest, credits)
    match = _credit_match(paragraph)
    if not match:
        return paragraph, None
    parts = [p.strip() for p in match.group("body").split("/") if p.strip()]
    agencies: list[str] = []
    codes: list[str] = []
    for part in parts:
        agency = lexicon.AGENCIES.get(part.lower())
        if agency:
            if agency not in agencies:
                agencies.append(agency)
        elif _CODE.match(part) or (standalone and _DESK_CODE.match(part)):
            codes.append(part)
        else:
            return paragraph, None  # "(Jawa Barat)" or "(Persero)": prose, not a credit
    closes_sentence = closing and _SENTENCE_END.search(paragraph[: match.start()]) is not None
    if (
        not standalone
        and not closes_sentence
        and not agencies
        and not any("-" in c or c.isupper() for c in codes)
        and len(parts) < 2
    ):
        return paragraph, None  # "(ini)" is a word in brackets, not an editor code
    for code in codes:  # "(kmp)": a story reprinted from an outlet names it (registry data)
        outlet = outlets.registry().outlet_for_code(code)
        if outlet and outlet not in agencies:
            agencies.append(outlet)
    return paragraph[: match.start()].rstrip(), Credits(agencies, codes)


def _credit_match(paragraph: str) -> re.Match[str] | None:
    r"""``_CREDIT.search(paragraph)``, started where a match can only start: the credit closes the
    text and holds no bracket, so its ``(`` is the last one (with the spaces before it); the
    pattern opens on ``\s*`` and would be tried at every character of a long paragraph."""
    if not paragraph.rstrip().endswith(")"):
        return None
    start = paragraph.rfind("(")
    if start < 0:
        return None
    while start and paragraph[start - 1].isspace():
        start -= 1
    return _CREDIT.search(paragraph, start)


_ROLE_PREFIX = re.compile(
    rf"^(?:{'|'.join(lexicon.PEOPLE_ROLE_PREFIXES)})\b[^,]*,\s*", re.IGNORECASE
)


def _names(text: str) -> list[str]:
    text = _ROLE_PREFIX.sub("", text.strip().rstrip("."))
    parts = re.split(r"\s*(?:,|/|;|\s&\s|\sdan\s)\s*", text)
    return [p.strip() for p in parts if p.strip()]


def _looks_like_name(text: str) -> bool:
    """One to five words, each capitalised (``Nama Penulis``, ``Nama/Kota``)."""
    words = text.split()
    return 0 < len(words) <= 5 and all(w[:1].isupper() for w in words)


def _inline_title(text: str, start: int = 0) -> tuple[str, int]:
    """Split a run-on ``Title Case Words Next sentence…`` at ``text[start:]``.

    The title is the longest run of capitalised words (lower-case function words allowed
    inside: up to five letters, or listed in ``lexicon.HEADLINE_FUNCTION_WORDS``, as
    ``sebagai``); its last capitalised word is handed back when the next word is
    lower-case, because that word opened the next sentence (``… Sepakbola Acara meresmikan``).
    Returns ``(title, where the rest begins)``. Only the title's words and the one after it
    are looked at, so lifting many runs from one paragraph stays linear in its length.
    """
    words: list[str] = []
    stop: str | None = None  # the first word that is not part of the title
    position = start
    while True:
        space = text.find(" ", position)
        word = text[position:] if space < 0 else text[position:space]
        if word[:1].isupper() or word[:1].isdigit() or (len(word) <= 5 and word.islower()) or (
                word in lexicon.HEADLINE_FUNCTION_WORDS):
            words.append(word)
            if space < 0:
                break
            position = space + 1
            continue
        stop = word
        break
    end = len(words)
    while end > 0 and words[end - 1][:1].islower():
        end -= 1
    if 0 < end and stop is not None and end == len(words) and stop[:1].islower() and end > 1:
        end -= 1
    elif 0 < end < len(words) and words[end][:1].islower() and end > 1:
        end -= 1
    title = " ".join(words[:end]).strip(" ,")
    rest = start + sum(len(w) + 1 for w in words[:end])
    return title, rest


def _lift_inline_read_also(paragraph: str, body: Body) -> str:
    """Remove ``[bacajuga:…]`` tags and inline ``Baca juga: Title`` runs from a paragraph.

    One left-to-right pass: the kept text is collected in pieces, never rebuilt per run,
    so a paragraph with thousands of runs costs time linear in its length.
    """
    if "[" in paragraph:
        for tag in _READ_ALSO_TAG.finditer(paragraph):
            body.read_also.append(ReadAlso(title=tag.group("title").strip()))
        paragraph = _squeeze(_READ_ALSO_TAG.sub("", paragraph)).strip()
    if "Baca" not in paragraph and "BACA" not in paragraph and "Simak" not in paragraph:
        # No key (the search is case-sensitive): skipped. "aca" alone let every "acara" and
        # "membaca" paragraph through to a scan that tries every position.
        return paragraph
    match = _READ_ALSO_INLINE.search(paragraph)
    if match is None:
        return paragraph
    kept: list[str] = []  # the paragraph without its lifted runs, in pieces
    position = 0
    while match is not None:
        title, rest = _inline_title(paragraph, match.end())
        if not title:
            break
        url = _URL.search(title)
        body.read_also.append(ReadAlso(title=_URL.sub("", title).strip(), url=url.group() if url else None))
        _keep(kept, paragraph[position:match.start()])
        position = _skip_spaces(paragraph, rest)
        match = _next_inline(paragraph, position, kept)
    _keep(kept, paragraph[position:], joiner=False)
    return "".join(kept).strip()


def _keep(kept: list[str], piece: str, *, joiner: bool = True) -> None:
    """Append kept text; before a lifted run, trailing spaces go and one space joins."""
    kept.append(piece)
    if not joiner:
        return
    while kept and not kept[-1].rstrip():
        kept.pop()
    if kept:
        kept[-1] = kept[-1].rstrip()
    kept.append(" ")


def _skip_spaces(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _next_inline(paragraph: str, position: int, kept: list[str]) -> re.Match[str] | None:
    """The next inline run at or after ``position``, where a run was just lifted.

    Right at ``position`` the text before is the kept text, not the original: a run starts
    there when the kept text ends a sentence or is empty; further on the original applies.
    """
    before = kept[-2][-1:] if len(kept) > 1 else ""
    if before in ("", *_SENTENCE_ENDS):
        if at := _READ_ALSO_AT.match(paragraph, position):
            return at
    return _READ_ALSO_INLINE.search(paragraph, position + 1) if position < len(paragraph) else None


def _widest(pattern: str) -> int | None:
    """The most characters ``pattern`` can match; None when unbounded or when this Python's
    regex parser (private, so looked up with care) cannot tell."""
    try:
        from re import _parser  # type: ignore[attr-defined]

        widest = _parser.parse(pattern, re.IGNORECASE).getwidth()[1]
    except Exception:  # noqa: BLE001 — no bound known: the gate below always lets a line through
        return None
    return widest if widest < 1_000_000 else None


_UNBOUNDED = sys.maxsize


def _blank_past(past: str, marks: str) -> bool:
    r"""Is ``past`` — what stands in a stripped line past the longest phrase an anchored label
    pattern (``^\s*(?:…)\s*[:]?\s*$``) can match — white space and ``marks`` only? Else the
    pattern cannot match the line. Prose fails on its first character past the bound, so the
    patterns (many case-insensitive alternatives, tried one by one) are not run on it; callers
    test the common answers inline (a call per line cost as much as the match it saved)."""
    return all(ch in marks or ch.isspace() for ch in past)


_TERMINAL_WIDEST = _widest(_alternation(lexicon.TERMINAL_LINES)) or _UNBOUNDED


def _line_kind(line: str, body: Body) -> str:
    """Classify one (stripped) body line, recording what it carries on ``body``: keep|drop|stop.

    Each pattern is tried only where a cheap exact check allows a match: a bounded length
    for the terminal lines, the colon that read-also and people lines need, the lower-case
    ``oleh`` that opens an "oleh" byline (that pattern is case-sensitive)."""
    if (len(line) <= _TERMINAL_WIDEST or line[_TERMINAL_WIDEST:].isspace()) and _TERMINAL.match(line):
        return "stop"
    if _FURNITURE.match(line):
        return "drop"
    colon = ":" in line
    if (colon or "：" in line) and (match := _READ_ALSO_LINE.match(line)):
        title = match.group("title")
        if title.count("(") > title.count(")"):
            title += ")"  # the line's closing bracket was the title's own: "(Foto)"
        url = _URL.search(title)
        title = _URL.sub("", title).strip(" -–")
        if title or url:
            body.read_also.append(ReadAlso(title=title, url=url.group() if url else None))
            return "drop"
    match = _PEOPLE.match(line) if colon else None
    if match is None and line.startswith("oleh"):
        match = _OLEH.match(line)
    if match:
        if _INNER_LEAD.search(line):
            return "keep"  # "Reporter: Nama TRIBUNNEWS.COM, JAKARTA - Teks": the lead opens the text
        key = (match.groupdict().get("key") or "oleh").lower()
        names = _names(match.group("names"))
        if key == "laporan" and not all(_looks_like_name(n) for n in names):
            return "keep"  # "Laporan: polisi menemukan …" is prose about a report
        if key in lexicon.SOURCE_LINE_KEYS:
            for name in names:
                agency = lexicon.AGENCIES.get(name.lower())
                if agency and agency not in body.credits.agencies:
                    body.credits.agencies.append(agency)
            return "drop"
        getattr(body, lexicon.PEOPLE_LINES[key]).extend(names)
        return "drop"
    return "keep"


# A read-also label standing alone ("BACA JUGA", "Baca juga:"), its titles on the next lines.
_READ_ALSO_LABEL = re.compile(rf"^\s*(?:{'|'.join(lexicon.READ_ALSO_KEYS)})\s*[:：]?\s*$", re.IGNORECASE)
_READ_ALSO_LABEL_WIDEST = _widest("|".join(lexicon.READ_ALSO_KEYS)) or _UNBOUNDED
_READ_ALSO_TITLES = 3  # lines: a read-also box lists a few titles
_TITLE_MAX = 150  # characters


def _headline_shaped(line: str) -> bool:
    """A title, not a sentence: short, three words or more, no closing full stop."""
    return len(line) <= _TITLE_MAX and len(line.split()) >= 3 and not line.endswith((".", "!", "?", '"', "”", ","))


def clean_body(paragraphs: list[str]) -> Body:
    """Separate the article's paragraphs from the page furniture around them."""
    body = Body()
    titles_left = 0  # headline-shaped lines still expected after a lone "Baca juga" label
    for raw in paragraphs:
        # Most lines hold single plain spaces only: rewriting them would cost a regex pass.
        # Curly quotes make most lines non-ASCII: they too skip the pass without an odd space.
        odd = "  " in raw or "\t" in raw or (not raw.isascii() and _has_odd_space(raw))
        line = _SPACES.sub(" ", raw).strip() if odd else raw.strip()
        if not line:
            continue
        past = line[_READ_ALSO_LABEL_WIDEST:]  # what stands past the longest label: blank and colons only
        label = not past or past.isspace() or (":" in past or "：" in past) and _blank_past(past, ":：")
        if label and _READ_ALSO_LABEL.match(line) and not _TERMINAL.match(line):  # "BERITA TERKAIT" ends
            titles_left = _READ_ALSO_TITLES
            continue
        if titles_left and _headline_shaped(line):
            titles_left -= 1
            body.read_also.append(ReadAlso(title=line))
            continue
        titles_left = 0
        kind = _line_kind(line, body)
        if kind == "stop":
            if body.paragraphs:
                break
            # A menu item ("Terkini", "Terpopuler") above the article ends nothing yet.
            body.warnings.append(f"a section heading before the article text was skipped: {line!r}")
            continue
        if kind == "keep":
            line = _lift_inline_read_also(line, body)
            if line:
                body.paragraphs.append(line)
    _lift_credit(body)
    if body.paragraphs:
        _lift_reporter(body)
        rest, outlet, place = strip_lead(body.paragraphs[0])
        if not (outlet or place) and (inner := _inner_lead(body.paragraphs[0], body)):
            rest, outlet, place = inner
        if place and _is_label(place):
            place = None  # "INFO BISNIS -" labels an advertorial; it names no place
        if outlet or place or rest != body.paragraphs[0]:
            body.outlet, body.dateline = outlet, place
            _credit_wire_outlet(body, outlet)
            rest = _DASHES_AFTER_LEAD.sub("", rest)  # "JAKARTA - - Tahun": a doubled separator
            if rest:
                body.paragraphs[0] = rest
            else:
                body.paragraphs.pop(0)
    return body


# A known outlet's lead inside the first paragraph, after a caption credit, a reporter line or a
# correction notice the scraper glued before it ("TribunTravel.com/Nama TRIBUNNEWS.COM - …").
_INNER_LEAD = re.compile(
    r"(?:(?<=[\s)\].\"”])|(?<=[a-z])(?=[A-Z]{2}))(?P<lead>(?:[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?,\s*)?"
    # An upper-case domain (which a name may be glued to) or a domain with a lower-case ending.
    r"(?:[A-Z0-9-]+\.(?:COM|CO\.ID|ID|CO|NET)|[A-Za-z0-9-]+\.(?:com|co\.id|id|co|net))(?:\s*,\s*[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,2})?)"
    r"\s*(?:-{1,3}|–|—)\s+(?=[A-Z0-9\"“])"
)
_INNER_LEAD_WITHIN = 300  # characters: what stands before a lead is a short header, not prose
_REPORTER_PREFIX = re.compile(
    r"^\(?(?:laporan\s*)?(?:wartawan|reporter|penulis|koresponden)\b[^,]{0,40},\s*(?P<names>[A-Z][^,()]{2,60}?)\)?$",
    re.IGNORECASE,
)


def _inner_lead(paragraph: str, body: Body) -> tuple[str, str | None, str | None] | None:
    """A registered outlet's lead a little way into the first paragraph: the lead is taken and
    the header text before it leaves the body (a reporter line's names become authors; other
    text is kept in a warning, so nothing is lost)."""
    head = paragraph[: _INNER_LEAD_WITHIN + 80].lower()
    if not any(tld in head for tld in (".com", ".co", ".id", ".net")):
        return None  # the lead names a domain: without one the regex search is skipped
    match = _INNER_LEAD.search(paragraph, 0, _INNER_LEAD_WITHIN + 80)
    if match is None or match.start() > _INNER_LEAD_WITHIN or match.start() == 0:
        return None
    rest, outlet, place = strip_lead(paragraph[match.start():])
    if outlet is None or not outlets.lookup(outlet):
        return None
    prefix = paragraph[: match.start()].strip()
    if reporter := _REPORTER_PREFIX.match(prefix):
        body.authors.extend(n for n in _names(reporter.group("names")) if n not in body.authors)
    else:
        body.warnings.append(f"text before the lead dateline left out of the body: {prefix!r}")
    return rest, outlet, place


_DASHES_AFTER_LEAD = re.compile(r"^(?:[-–—]+\s*)+")


def _is_label(place: str) -> bool:
    """Is a lead's "place" a content label (``INFO BISNIS``, ``ADVERTORIAL``) from the lexicon?"""
    return " ".join(place.split()).casefold() in lexicon.CONTENT_LABELS


def _credit_wire_outlet(body: Body, outlet: str | None) -> None:
    """A lead naming a wire agency's own outlet (``Jakarta (ANTARA News) -``) credits the agency:
    the story is the agency's copy, wherever it is printed."""
    agency = _wire_agencies().get(outlet or "")
    if agency and agency not in body.credits.agencies:
        body.credits.agencies.append(agency)


_WIRE_OUTLETS: dict[int, dict[str, str]] = {}


def _wire_agencies() -> dict[str, str]:
    """Registry domain of each wire agency that is also an outlet → the agency's name (built
    once per registry in effect: a user's registry file may add outlets)."""
    current = outlets.registry()
    found = _WIRE_OUTLETS.get(id(current))
    if found is None:
        found = {}
        for key, agency in lexicon.AGENCIES.items():
            domain = current.lookup(key)
            if domain and domain not in found:
                found[domain] = agency
        _WIRE_OUTLETS.clear()
        _WIRE_OUTLETS[id(current)] = found
    return found


def _lift_reporter(body: Body) -> None:
    """Move a leading "Laporan Wartawan X, Nama" into authors."""
    first = body.paragraphs[0]
    if not first.startswith(("Laporan", "laporan", "LAPORAN", "Reporter", "Penulis")):
        return
    if match := _REPORTER.match(first):
        body.authors.extend(_names(match.group("names")))
        body.paragraphs[0] = first[match.end():].lstrip()


_CREDIT_WINDOW = 3  # paragraphs from the end where the closing credit may stand …
_AFTER_CREDIT = 120  # … when what follows it is this short: widget lines, not article prose


def _lift_credit(body: Body) -> None:
    """The credit closes the last paragraph, or stands alone as the last line.

    The credit ends the article: short lines after it (a promo or widget line the lexicon does
    not know) are the page, not the story, and are dropped."""
    if not body.paragraphs:
        return
    credits = None
    for back in range(1, min(_CREDIT_WINDOW, len(body.paragraphs)) + 1):
        tail = body.paragraphs[len(body.paragraphs) - back + 1:]
        if any(len(line) > _AFTER_CREDIT for line in tail):
            break
        rest, credits = split_credit(body.paragraphs[-back], closing=back == 1)
        if credits is not None:
            if back > 1:
                body.warnings.append(f"dropped {back - 1} short line(s) after the closing credit: {tail!r}")
                del body.paragraphs[len(body.paragraphs) - back + 1:]
            break
    if credits is None:
        credits = _credit_line(body)
        rest = ""
    if credits is None:
        return
    for agency in credits.agencies:
        if agency not in body.credits.agencies:
            body.credits.agencies.append(agency)
    body.credits.codes.extend(credits.codes)
    if rest:
        body.paragraphs[-1] = rest
    else:
        body.paragraphs.pop()


def _credit_line(body: Body) -> Credits | None:
    """A line that is only a bracketed code (``(AZF)``) in the second half of the body closes
    the article: what follows it is the page (teasers of other stories), cut with a warning.
    Leaves the credit line last, for the caller to remove."""
    for i in range(len(body.paragraphs) - 1, len(body.paragraphs) // 2 - 1, -1):
        line = body.paragraphs[i]
        if not line.startswith("(") or len(line) > _CREDIT_LINE:
            continue
        rest, credits = split_credit(line, closing=True)
        if credits is None or rest or not credits.codes:
            continue  # an agency alone on a line ("(AFP)") may credit a photo mid-article
        dropped = body.paragraphs[i + 1:]
        body.warnings.append(f"dropped {len(dropped)} paragraph(s) after the closing credit line {line!r}")
        del body.paragraphs[i + 1:]
        return credits
    return None


_CREDIT_LINE = 40  # characters: a credit on a line of its own is short


def clean_title(title: str, outlet: str | None = None) -> str:
    """Strip a site suffix (``… - Kompas.com``, ``… | Liputan6.com``) off a page title."""
    title = _squeeze(title).strip()
    for sep in lexicon.TITLE_SITE_SEPARATORS:
        head, found, tail = title.rpartition(sep)
        if not found or not head:
            continue
        tail_key = tail.strip().lower()
        if canonical_outlet(tail) or tail_key in lexicon.OUTLETS or (
            outlet and tail_key.replace(" ", "") in outlet.replace(".", "")
        ):
            return head.strip()
    return title
