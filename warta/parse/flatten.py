"""Flattened export bodies → clean paragraphs (issue 10, "flattened and scraped exports").

Scrapers write an article as one string: paragraphs joined by commas (``… berkembang.,Lewat
seni …``, ``.,,,``), removed links left as ``,,``, the outlet's lead cut to a bare ``- ``,
portal phrases (``Tidak ada kode iklan yang tersedia.``, ``loading...``) and read-also links
glued into the text, the wire credit (``(ant)``, ``Sumber: Reuters``) inside the last
sentence — or, the other way round, the whole article as one wall of text.
:func:`flatten` repairs that before the anatomy pass (:func:`warta.parse.anatomy.clean_body`)
sees the paragraphs; what it lifts out (read-also titles, credits, editors) is returned beside
the paragraphs so nothing is lost. The portal phrases themselves are data:
``warta/parse/data/export_furniture.txt``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

from ..model import ReadAlso
from . import lexicon
from .anatomy import Lifted, _has_odd_space

__all__ = ["Flat", "flatten", "furniture_patterns", "split_wall"]


@dataclass(slots=True)
class Flat(Lifted):
    """What :func:`flatten` made of a body: paragraphs, and what it lifted out of them."""


@dataclass(frozen=True, slots=True)
class _Phrase:
    """One furniture pattern and the literal words one of which any match must contain."""

    anchors: tuple[str, ...]
    pattern: re.Pattern[str]
    # Every match opens with one of the anchors at a word's start (the pattern opens on
    # ``\b`` and the anchor words): an anchor inside a word ("mengikuti") allows no match.
    word_start: bool = False


_ANCHOR_PREFIX = re.compile(r"^(?:\\b|\\\(\?|\\\[|\\s\*|\\)*")
_PLAIN = re.compile(r"[a-z0-9_# ]{3,}")


def _anchors(pattern: str) -> tuple[str, ...]:
    """Literal words a match of ``pattern`` must contain (checked with ``in``, which is fast).

    ``\\b(?:simak|tonton) video`` → ("simak", "tonton"); ``loading\\.\\.\\.`` → ("loading",).
    An empty tuple means "no anchor found": the pattern is then tried on every paragraph.
    """
    head = _ANCHOR_PREFIX.sub("", pattern).replace("\\#", "#")
    if head.startswith("(?:"):
        depth, end = 0, -1
        for i, ch in enumerate(head):
            depth += ch == "(" 
            depth -= ch == ")"
            if depth == 0:
                end = i
                break
        options = head[3:end].split("|")
        if all(re.fullmatch(r"[a-z0-9_# ']+", o) for o in options):
            return tuple(options)
        return ()
    match = _PLAIN.match(head)
    return (match.group(0).rstrip(),) if match else ()


def _opens_on_anchor_word(pattern: str, anchors: tuple[str, ...]) -> bool:
    r"""Does every match of ``pattern`` open with one of ``anchors`` at a word's start? Yes
    when it opens on ``\b`` right before the anchor words (``\b(?:ikuti|dapatkan)\b``,
    ``\bload more``) and each anchor opens on a word character."""
    if not anchors or not pattern.startswith("\\b") or not all(a[:1].isalnum() for a in anchors):
        return False
    head = pattern[2:]
    return head.startswith("(?:") or head[:1].isalnum()


@lru_cache(maxsize=1)
def furniture_patterns() -> tuple[_Phrase, ...]:
    """The portal phrases of ``data/export_furniture.txt``, compiled, with their anchors."""
    text = resources.files("warta.parse").joinpath("data", "export_furniture.txt").read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines()]
    phrases = []
    for line in lines:
        if not line or line.startswith("# ") or line == "#":
            continue
        words, sep, pattern = line.partition(" :: ")
        if not sep:  # no anchor words given: take them from the pattern itself
            words, pattern = "", line
        given = tuple(w.strip().lower() for w in words.split(",") if w.strip())
        anchors = given or _anchors(pattern.lower())
        phrases.append(_Phrase(anchors, re.compile(r"\s*(?:" + pattern + ")", re.IGNORECASE),
                               word_start=not given and _opens_on_anchor_word(pattern, anchors)))
    return tuple(phrases)


@lru_cache(maxsize=1)
def _anchor_words() -> frozenset[str]:
    return frozenset(a for phrase in furniture_patterns() for a in phrase.anchors)


@lru_cache(maxsize=1)
def _anchor_groups() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The anchor words grouped under a gate: a literal every word of the group contains.

    A gate is the first word of an anchor (``klik`` of ``klik di sini``) that contains no other
    anchor's first word (``load`` for ``loading`` and ``load more``). Where the gate is absent
    from a document, so is every word of its group: one search answers for all of them (each
    ``in`` over a document costs ~1-2 µs). A word alone under its gate is its own gate.
    """
    anchors = sorted(_anchor_words())
    firsts = {a.split(" ", 1)[0] or a for a in anchors}
    gates = [w for w in sorted(firsts) if not any(h != w and h in w for h in firsts)]
    grouped: dict[str, list[str]] = {}
    for anchor in anchors:
        grouped.setdefault(min((g for g in gates if g in anchor), key=len), []).append(anchor)
    return tuple((gate, tuple(words)) if len(words) > 1 else (words[0], tuple(words))
                 for gate, words in grouped.items())


def _present(whole: str) -> set[str]:
    """``{a for a in _anchor_words() if a in whole}``, searched group by group."""
    return {a for gate, words in _anchor_groups() if gate in whole for a in words if a == gate or a in whole}


@lru_cache(maxsize=1)
def _unanchored() -> tuple[_Phrase, ...]:
    """The phrases tried whatever words a document holds."""
    return tuple(p for p in furniture_patterns() if not p.anchors)


def _remove_furniture(piece: str, phrases: tuple[_Phrase, ...]) -> str:
    lower = piece.lower()
    for phrase in phrases:
        if not phrase.anchors or any(a in lower for a in phrase.anchors):
            if phrase.word_start and not _anchor_opens_word(piece, phrase.anchors):
                continue  # "mengikuti", "mendapatkan": the anchor only inside words, no match
            piece = phrase.pattern.sub("", piece)
    return piece


# The characters other than ASCII letters that a case-insensitive pattern takes for an ASCII
# letter (dotted and dotless i, long s, the Kelvin sign; re's own case tables).
_ASCII_FOLDS = ("\u0130", "\u0131", "\u017f", "\u212a")


def _anchor_opens_word(piece: str, anchors: tuple[str, ...]) -> bool:
    """Does one of ``anchors`` stand at a word's start in ``piece`` (compared lower-cased)?

    A case-insensitive match of an ASCII word is that word in the lower-cased text at the same
    place unless the piece holds one of :data:`_ASCII_FOLDS` (then: True, the pattern decides).
    """
    if not piece.isascii() and any(ch in piece for ch in _ASCII_FOLDS):
        return True
    lower = piece.lower()
    if len(lower) != len(piece):
        return True
    for anchor in anchors:
        at = lower.find(anchor)
        while at >= 0:
            if at == 0 or not (piece[at - 1].isalnum() or piece[at - 1] == "_"):
                return True
            at = lower.find(anchor, at + 1)
    return False


# Only runs that are not already one plain space, so clean text is scanned, not rewritten.
_SPACE = re.compile(r"[\t\r\u00a0\u200b\u200e\u200f\ufeff][ \t\r\u00a0\u200b\u200e\u200f\ufeff]*| [ \t\r\u00a0\u200b\u200e\u200f\ufeff]+")
# The characters of _SPACE beyond ASCII are anatomy's _ODD_SPACES: text with none of them (and
# no double space, tab or CR) has nothing to rewrite; curly quotes make most paragraphs
# non-ASCII, so they are looked for.
# A paragraph join: after a sentence's end any run of commas; after a closing quote or bracket
# a comma glued to the next word (``tambahnya",Lalu``), or a run of two or more.
# A comma then a quote mark then a space closes a quotation (``(WA)," ujarnya``): not a join.
_NEXT = r"(?=[^\s,\d\"”]|[\"“](?=\S))"
# Each join takes the character before it as group ``c`` and puts it back (``_KEEP``) rather
# than looking behind: a pattern that opens on a character class is scanned for that class
# quickly, one that opens on a look-behind is tried at every position (2-3× slower). A join is
# commas and white space only, so the taken character never belongs to the join before.
# After a stop ("c" is one of ".!?"): the join, as ``(?P<c>[.!?])`` + _AFTER_STOP matched it.
# It is one pattern per stop, each opening on its literal character: sre finds a literal
# opening ~6× faster than a class (~3 against ~18 ns a character). Replaced one stop after
# another they give what the class pattern gave in one pass: after its stop a join holds
# commas and white space only, which no other join opens on, and a join's look-ahead ends on
# a stop, a quote or the character after a quote, which no other pass changes.
_AFTER_STOP = rf"(?:,{_NEXT}|\s+,[\s,]*(?=\S)|\s*,\s*,[\s,]*(?=\S))"
_STOP_JOINS = tuple((stop, re.compile(rf"(?P<c>{re.escape(stop)}){_AFTER_STOP}")) for stop in ".!?")
_JOIN_AFTER_CLOSE = re.compile(rf"(?P<c>[\"”’')\]])(?:,{_NEXT}|\s*,\s*,[\s,]*(?=\S))")
# A run of two or more commas glued to the next sentence, after a word (not a digit, not a
# space). Found by its commas (a literal is scanned for quickly; a negated class opening the
# pattern was tried at nearly every character) and the character before checked in
# _glued_run, which is what ``(?P<c>[^\s\d,]),{2,}(?=…)`` matched: greedy commas make a
# match start at a run's first comma or fail for the whole run.
_JOIN_GLUED_RUN = re.compile(r",,,*(?=[A-Z\"“(#])")  # ",,,*": a literal opening, found fast; ",{2,}" had none
def _KEEP(match: re.Match[str]) -> str:  # noqa: N802 — used as a replacement, like a template
    """The join's character kept, a line break for the join (a function: a template with a
    group is expanded in Python, two calls a match, on Python 3.11)."""
    return match.group("c") + "\n"



_COMMA_RUN = re.compile(r" ?,(?: ?,)+")  # spaces are single by now
_SPACE_COMMA = re.compile(r" ,(?= |$)")
_COMMA_STOP = re.compile(r",\.")
_EMPTY_BRACKETS = re.compile(r"\(\s*[,.;:]?\s*\)")
_LEADING_JUNK = re.compile(r"^[\s,.;:]+")
_LEADING_DASH = re.compile(r"^[\s,.;:]*(?:[-–—]+[\s,.;:]*)*")
_EMPTY_BYLINE = re.compile(r"^(?:Penulis|Editor|Reporter|Pewarta|Oleh)\s*:?\s*,+\s*")
_DASH_COMMA = re.compile(r"(?P<c>\S)(?P<dash>\s+[-–—]+)\s*,+\s*(?=\S)")  # "c": as _KEEP
# What every _DASH_COMMA match holds, found quickly (it opens on rare characters): _DASH_COMMA
# itself opens on \S and is tried at nearly every character of the paragraph.
_DASH_THEN_COMMA = re.compile(r"[-–—]\s*,")
# The lead may name a domain ("TRIBUNNEWS.COM, JAKARTA - - Tahun"): a dot inside a word is no stop.
_DOUBLE_DASH_LEAD = re.compile(r"^(?P<lead>(?:[^-–—.!?]|\.(?=\w)){2,80}?)\s+(?:-\s+-|–\s+–)\s+")

# Read-also in the shapes flattened exports carry it.
_READ_KEY = r"(?:[Bb]aca(?: [Jj]uga| [Pp]ula)?|BACA(?: JUGA)?|[Ll]ihat [Jj]uga|LIHAT JUGA)"
_PAREN_READ_ALSO = re.compile(rf"\(\s*{_READ_KEY}\s*:\s*(?P<title>[^()]*?)\s*\)\s*(?:(?P<url>https?://\S+?)(?=[\s,]|$))?")
_TRAILING_LABEL = re.compile(rf"(?:(?<=[.!?\"”),])|\s+){_READ_KEY}\s*[:;：]?\s*$")
# "Sumber: Digiday. Gambar header: Pixabay." — a line of credits, one of them the source.
_CREDIT_LINE = re.compile(
    r"^(?:(?:Via|Sumber|Tambahan|Gambar(?: [Hh]eader)?|Header|Foto|Ilustrasi)\s*:?\s*[^.:]{1,60}(?:\.\s*|$))+$"
)
_CREDIT_LINE_INITIALS = "VSTGHFI"  # the first letters of _CREDIT_LINE's labels
_CREDIT_PART = re.compile(r"(?P<label>Via|Sumber|Tambahan|Gambar(?: [Hh]eader)?|Header|Foto|Ilustrasi)\s*:?\s*(?P<name>[^.:]{1,60})")
_READ_TAG = re.compile(r"\[\s*baca\s*juga\s*:[^\]]*\]\s*(?:\((?P<ids>[^)]*)\))?", re.IGNORECASE)
_LABEL_ONLY = re.compile(rf"^\W*{_READ_KEY}\s*[:;：]?[\s,.:;>]*$")
_INLINE_READ_ALSO = re.compile(
    rf"(?:(?<=[.!?\"”)])\s+\(?|(?<=,)|^|\s\()"
    # Without a colon only the two-word labels count: "Baca Al-Quran" is a sentence.
    rf"(?P<key>{_READ_KEY}\s*[:：]|(?:[Bb]aca [Jj]uga|BACA JUGA|[Ll]ihat [Jj]uga|LIHAT JUGA)\s+(?=[A-Z0-9\"“]))\s*"
)
_MORE = re.compile(r"\s*(?:baca )?selengkapnya\s*(?:>+|»|:)\s*|\s*baca selengkapnya\b\s*", re.IGNORECASE)
_URL = re.compile(r"https?://\S+")
_FUNCTION_LOWER = re.compile(r"^[a-z]{1,5}$")

# Credits glued into the text.
_AGENCY_NAMES = "|".join(sorted((re.escape(k) for k in lexicon.AGENCIES), key=len, reverse=True))
_PAREN_AGENCY = re.compile(rf"\s*\(\s*(?P<agency>{_AGENCY_NAMES})\s*\)\s*$", re.IGNORECASE)
_SOURCE_TAIL = re.compile(
    r"(?:(?<=[.!?\"”),])\s*|^|(?<=\S)\s*(?P<editor>\b[A-Z][\w.]*(?: [A-Z][\w.]*){0,3})\s*/\s*)"
    r"[Ss]umber\s*:\s*(?P<name>[A-Za-z][\w.\-]*(?: [A-Z][\w.\-]*){0,3})\s*\.?\s*$"
)

# "Kamis (2592025)": a weekday date whose slashes the scraper lost.
_WEEKDAYS = {"senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "sabtu": 5, "minggu": 6}
_SLASHLESS = re.compile(r"\b(?P<wd>Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu)\s*\(\s*(?P<digits>\d{5,8})\s*\)",
                        re.IGNORECASE)

_SLASHLESS_QUICK = re.compile(r"\(\s*\d{5,8}\s*\)")

# A sentence boundary inside a wall of text; the word before the stop must not be an
# abbreviation ("Rp.", "No.", "dr.", an initial).
# A match opens on the stop itself (its sentence ends one character after the match's start):
# a look-behind opening the pattern was tried at every character, 3-4× slower.
# After the stop, what ends a sentence (``[.!?]`` + _SENTENCE_END as one pattern): one pattern
# per stop, each opening on its literal character (found ~6× faster than a class). A match is
# its stop and a closing quote, which no other stop's match opens on: the matches of the three,
# in text order, are the class pattern's.
_SENTENCE_END = r"[\"”’']?(?=\s+[\"“']?[A-Z0-9])"
_SENTENCE_ENDS = tuple((stop, re.compile(re.escape(stop) + _SENTENCE_END)) for stop in ".!?")
_ABBREVIATIONS = frozenset(
    "rp no dr drs prof h hj ir st jl jln kec kab kel sdr bpk tn ny mr mrs ms bu pak dll dsb tsb "
    "vs a.n u.p s.h s.e m.si m.m s.pd s.ip s.kom".split()
)
_WALL_CHARS = 700  # a news paragraph longer than this is several run together
_PARAGRAPH_CHARS = 320
_QUOTE_SPAN = 600
_FURNITURE_START = re.compile(r"^(?:Baca|BACA|Lihat|Simak|Tonton|Artikel ini|Berita ini|Sumber|Penulis|Editor)\b")
_BREAK_BEFORE = re.compile(rf"^[\"“]|{_FURNITURE_START.pattern[1:]}")
_LEAD_URL = re.compile(r"^(?P<url>https?://[^\s,]+)[\s,]*")


def flatten(paragraphs: list[str]) -> Flat:
    """Repair the paragraphs of one export body; see the module docstring."""
    flat = Flat()
    whole = " ".join(paragraphs).lower()
    # Only the phrases whose anchor words occur in the document are tried, paragraph by paragraph.
    # Each anchor word is looked for once, though several phrases share it.
    present = _present(whole)
    phrases = tuple(
        p for p in furniture_patterns() if not p.anchors or not present.isdisjoint(p.anchors)
    ) if present else _unanchored()
    pieces: list[str] = []
    for paragraph in paragraphs:
        text = paragraph.replace("\n", " ") if "\n" in paragraph else paragraph
        text = _squeeze(text)
        pieces.extend(_split_joins(text.strip()))
    if any(len(piece) > _WALL_CHARS for piece in pieces):
        pieces = [part for piece in pieces for part in (split_wall(piece) if len(piece) > _WALL_CHARS else (piece,))]
    for index, piece in enumerate(pieces):
        piece = _clean_piece(piece, flat, phrases, first=not flat.paragraphs and index == 0)
        if piece:
            flat.paragraphs.append(piece)
    if flat.paragraphs:
        flat.paragraphs[0] = _first_paragraph(flat.paragraphs[0])
        if not flat.paragraphs[0]:
            flat.paragraphs.pop(0)
    return flat


def _squeeze(text: str) -> str:
    """Odd white space runs → one space. Text with none (most: _SPACE would match nothing) is
    checked with ``in``, not scanned by the pattern, which is tried at every space."""
    if "  " in text or "\t" in text or "\r" in text or (
        not text.isascii() and _has_odd_space(text)
    ):
        return _SPACE.sub(" ", text)
    return text


def _split_joins(text: str) -> list[str]:
    """Split the comma paragraph joins of a scraped string (``.,``, ``.,,,``, ``",Lalu``)."""
    if "," not in text:
        return [text] if text else []
    # What stands before each comma says which joins can be there: one split of the text,
    # where ten substring searches (".,", "”,", ",,", …) each scanned it. A join is replaced
    # by a line break, so a pass neither makes nor hides a join of the next kind (the
    # comma-run check may still pass on runs a join took: its pass then changes nothing).
    before = {part[-1:] for part in text.split(",")[:-1]}
    if not before.isdisjoint(_STOPS) or (" " in before and ". ," in text):
        for stop, pattern in _STOP_JOINS:
            if stop in text:
                text = pattern.sub(_KEEP, text)
    if not before.isdisjoint(_CLOSES):
        text = _JOIN_AFTER_CLOSE.sub(_KEEP, text)
    if "" in before and ",," in text:
        text = _JOIN_GLUED_RUN.sub(_glued_run, text)
    return [p for p in map(str.strip, text.split("\n")) if p]


_STOPS = frozenset(".!?")  # a comma after one of these may be a join after a sentence
_CLOSES = frozenset("\"”)’']")  # … after one of these, a join after a quotation or bracket


def _glued_run(match: re.Match[str]) -> str:
    """The join a comma run makes after a word: a line break; else the run as it was."""
    start = match.start()
    before = match.string[start - 1] if start else " "
    return match.group() if before.isspace() or before.isdecimal() else "\n"


def split_wall(text: str) -> list[str]:
    """One wall of text → paragraphs of at most a few sentences.

    Flattened exports lose the paragraph breaks; news paragraphs are one to three sentences,
    a quotation opens a new one, and furniture (``Baca juga``, ``Artikel ini telah tayang``)
    always stands on a line of its own, so the wall is cut at those places.
    """
    sentences = _sentences(text)
    groups: list[list[str]] = []
    size = 0
    for sentence in sentences:
        starts_new = (
            not groups
            or _BREAK_BEFORE.match(sentence)
            or len(groups[-1]) >= 3
            or size >= _PARAGRAPH_CHARS
            or _FURNITURE_START.match(groups[-1][-1])  # furniture is its own paragraph
        )
        if starts_new:
            groups.append([sentence])
            size = len(sentence)
        else:
            groups[-1].append(sentence)
            size += len(sentence)
    return [" ".join(group) for group in groups]


def _sentences(text: str) -> list[str]:
    out: list[str] = []
    start = 0
    for stop_at, end in _sentence_ends(text):
        word = _word_before(text, start, stop_at + 1).lower()
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue
        if end - start < _QUOTE_SPAN and _open_quote(text, start, end):
            continue  # inside a quotation, unless its closing mark was lost long ago
        out.append(text[start:end].strip())
        start = end
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


def _sentence_ends(text: str) -> list[tuple[int, int]]:
    """The spans of ``[.!?]`` + ``_SENTENCE_END`` in ``text``, in order, found stop by stop."""
    return sorted(m.span() for stop, pattern in _SENTENCE_ENDS if stop in text for m in pattern.finditer(text))


def _word_before(text: str, start: int, stop: int) -> str:
    """The last word of ``text[start:stop]`` once its closing stops and quotes are stripped,
    found in place: slicing, stripping and splitting the sentence so far copied it three
    times for every full stop in it."""
    while stop > start and text[stop - 1] in _STOPS_AND_QUOTES:
        stop -= 1
    space = text.rfind(" ", start, stop)
    return text[(space + 1 if space >= 0 else start):stop]


_STOPS_AND_QUOTES = ".!?\"”’'"


def _open_quote(text: str, start: int, end: int) -> bool:
    """True inside a quotation still open at ``end`` in ``text[start:end]`` (``"A. B," kata
    X`` is one sentence); counted in place."""
    straight = text.count('"', start, end)
    return straight % 2 == 1 or text.count("“", start, end) > text.count("”", start, end)


def _clean_piece(piece: str, flat: Flat, phrases: tuple[_Phrase, ...], *, first: bool) -> str:
    """One paragraph: read-also, credits and furniture out; comma damage repaired."""
    if "_x000" in piece:
        piece = piece.replace("_x000D_", " ").replace("_x000d_", " ")
    piece = _lift_read_also(piece, flat)
    if piece.startswith("http") and (match := _LEAD_URL.match(piece)) and flat.read_also and not flat.read_also[-1].url:
        flat.read_also[-1].url = match.group("url")  # "(Baca juga: Title),https://…,Next" — the title's link
        piece = piece[match.end():]
    if phrases:
        piece = _remove_furniture(piece, phrases)
    piece = _repair_commas(piece).rstrip(" ,")
    # Anchored, its alternatives opening on a letter each: the match fails at once on prose
    # (four substring searches to skip it cost more).
    if _LABEL_ONLY.match(piece):
        return ""  # a "Baca juga:" label whose linked titles the scraper dropped
    tail = piece[-14:]
    if "aca" in tail or "ACA" in tail or "ihat" in tail or "IHAT" in tail:
        piece = _TRAILING_LABEL.sub("", piece)
    if piece[:1] in _CREDIT_LINE_INITIALS and piece and _CREDIT_LINE.match(piece):
        return _credit_line(piece, flat)
    piece = _lift_credits(piece, flat)
    piece = _restore_slashes(piece, flat)
    if not first and piece[:1] in ",.;: ":
        piece = _LEADING_JUNK.sub("", piece)
    return piece.rstrip(" ,")


def _repair_commas(piece: str) -> str:
    changed = False
    if "(" in piece and ("( " in piece or "(," in piece or "()" in piece or "(." in piece):
        # First: "Politeknik , ( ,) , mengadakan" holds a comma run only once "( ,)" is gone.
        piece, changed = _squeeze(_EMPTY_BRACKETS.sub("", piece)), True
    if "," in piece:  # the repairs below all need a comma (one character is found fastest)
        if ",," in piece or ", ," in piece:
            piece, changed = _COMMA_RUN.sub(",", piece), True
        if " ," in piece:
            piece, changed = _SPACE_COMMA.sub(",", piece), True
        if ",." in piece:
            piece, changed = _COMMA_STOP.sub(".", piece), True
    return _squeeze(piece).strip() if changed else piece


def _first_paragraph(text: str) -> str:
    """The first paragraph: no leading dash or comma (the scraper cut the lead before it)."""
    text = _LEADING_DASH.sub("", text) if text[:1] in "-–—,.;: " else text
    text = _EMPTY_BYLINE.sub("", text)  # "Penulis: ,Saat ini…": the name was a link, now gone
    if "," in text[:120] and _DASH_THEN_COMMA.search(text):  # "Tempo.Co, Jakarta - ,batangan": the scraper's comma after the lead's dash
        text = _DASH_COMMA.sub(r"\g<c>\g<dash> ", text, count=1)
    if ("- -" in text[:130] or "– –" in text[:130]) and (match := _DOUBLE_DASH_LEAD.match(text)):  # "Jakarta, CNN Indonesia - - Ketua" (tokenised)
        text = f"{match.group('lead')} -- {text[match.end():]}"
    return text


def _lift_read_also(piece: str, flat: Flat) -> str:
    if "elengkapnya" in piece or "ELENGKAPNYA" in piece:
        piece = _MORE.sub(" ", piece)
    if "Baca" not in piece and "BACA" not in piece and "baca" not in piece and "IHAT" not in piece:
        if "ihat" not in piece:
            return piece
        if "ihat j" not in piece and "ihat J" not in piece and "[" not in piece:
            # "melihat", "terlihat": no key of _READ_KEY can match (it needs "Lihat juga");
            # only the closing space rewrite below applies.
            return _squeeze(piece).strip()
    if "[" in piece:
        for tag in _READ_TAG.finditer(piece):
            flat.warnings.append(
                f"a read-also tag without titles was removed from the body: {tag.group(0)!r}"
            )
        piece = _READ_TAG.sub(" ", piece)
    if "(" in piece:
        def paren(match: re.Match[str]) -> str:
            title = match.group("title").strip(" ,")
            if title or match.group("url"):
                flat.read_also.append(ReadAlso(title=title, url=match.group("url")))
            return " "
        piece = _PAREN_READ_ALSO.sub(paren, piece)
    while match := _INLINE_READ_ALSO.search(piece):
        head = piece[: match.start()].rstrip()
        title, rest = _headline(piece[match.end():])
        url = _URL.search(title)
        if url:
            title = _URL.sub("", title).strip(" ,")
        if title or url:
            flat.read_also.append(ReadAlso(title=title, url=url.group() if url else None))
        elif rest and not match.group("key").rstrip().endswith((":", "：")):
            break  # "Baca" + a word that is not a title: a sentence, leave it
        piece = f"{head} {rest}".strip()
    return _squeeze(piece).strip()


def _headline(text: str) -> tuple[str, str]:
    """Split ``Title Of A Story Next sentence…`` into ``(title, rest)``.

    The title ends at a comma glued to the next word (the scraper's join), an opening quote,
    the next read-also label, a sentence end, or where the capitalised run of a headline stops
    (short function words allowed inside); the last capitalised word goes back to the rest
    when a lower-case word follows it, because it opened the next sentence.
    """
    text = text.lstrip()
    if not text:
        return "", ""
    glued = _GLUED_COMMA.search(text, 0, 250)
    if glued and not _NOT_TITLE.search(text, 0, glued.start()):
        # The scraper's join ends the title, wherever the capitalised run would.
        return text[: glued.start()].strip(), text[glued.end():].strip()
    return _headline_run(text)


_GLUED_COMMA = re.compile(r",(?=[A-Z0-9\"“(])")
_NOT_TITLE = re.compile(r"[\"“”]|[.!?] |\b(?:[Bb]aca|BACA)\s*:")


_READ_KEY_WORD = re.compile(_READ_KEY + r"\b")  # compiled once: re.match(str, …) looked it up per word


def _headline_run(text: str) -> tuple[str, str]:
    words = text.split(" ")
    end = 0
    for i, word in enumerate(words):
        if i and (word[:1] in "\"“" or _READ_KEY_WORD.match(word) and i + 1 < len(words)
                  and (words[i + 1][:1].isupper() or words[i + 1].lower().startswith("juga"))):
            break
        if word[:1].isupper() or word[:1].isdigit() or word.lower() in lexicon.HEADLINE_FUNCTION_WORDS or _FUNCTION_LOWER.match(word) and i:
            end = i + 1
            if word.endswith((".", "!", "?")) and not word.endswith("..") and i + 1 < len(words) and words[i + 1][:1].isupper():
                break
            continue
        break
    while end > 0 and not (words[end - 1][:1].isupper() or words[end - 1][:1].isdigit()):
        end -= 1
    if 1 < end < len(words) and words[end][:1].islower() and not words[end - 1].endswith((".", "?", "!", ")")):
        end -= 1
    return " ".join(words[:end]).strip(" ,"), " ".join(words[end:]).strip()


def _lift_credits(piece: str, flat: Flat) -> str:
    """``… katanya. (ant)`` and ``… Sumber: Reuters`` at a paragraph's end → credits."""
    if piece.endswith(")") and (match := _PAREN_AGENCY.search(piece)):
        _add_agency(flat, lexicon.AGENCIES[match.group("agency").lower()])
        piece = piece[: match.start()].rstrip()
    if ("umber" in piece) and (match := _SOURCE_TAIL.search(piece)):
        name = match.group("name").strip(" .")
        _add_agency(flat, lexicon.AGENCIES.get(name.lower(), name))
        if match.group("editor"):
            flat.editors.append(match.group("editor").strip())
        piece = piece[: match.start()].rstrip()
    return piece


def _credit_line(piece: str, flat: Flat) -> str:
    """A whole line of credits: the text's sources become credits; image credits go."""
    if "Sumber" not in piece:
        return piece
    for part in _CREDIT_PART.finditer(piece):
        if part.group("label") in ("Sumber", "Via", "Tambahan"):
            name = part.group("name").strip()
            _add_agency(flat, lexicon.AGENCIES.get(name.lower(), name))
    return ""


def _add_agency(flat: Flat, name: str) -> None:
    if name not in flat.credits.agencies:
        flat.credits.agencies.append(name)


def _restore_slashes(piece: str, flat: Flat) -> str:
    """``Kamis (2592025)`` → ``Kamis (25/9/2025)`` when the weekday allows one reading only."""
    if "(" not in piece or not _SLASHLESS_QUICK.search(piece):
        return piece

    def restore(match: re.Match[str]) -> str:
        digits, weekday = match.group("digits"), _WEEKDAYS[match.group("wd").lower()]
        readings = [r for r in _slash_readings(digits) if r.weekday() == weekday]
        if len(readings) == 1:
            day = readings[0]
            fixed = f"{match.group('wd')} ({day.day}/{day.month}/{day.year})"
            flat.warnings.append(f"weekday date {match.group(0)!r} had lost its slashes; read as {fixed!r}")
            return fixed
        flat.warnings.append(
            f"weekday date {match.group(0)!r} has lost its slashes and cannot be read "
            f"({len(readings)} readings fit the weekday); left as written"
        )
        return match.group(0)

    return _SLASHLESS.sub(restore, piece)


def _slash_readings(digits: str) -> list[date]:
    """Every day/month split of ``DMYYYY`` digits that is a real date."""
    year, head = digits[-4:], digits[:-4]
    if not year.startswith(("19", "20")) or not 2 <= len(head) <= 4:
        return []
    out = []
    for cut in range(1, len(head)):
        day, month = head[:cut], head[cut:]
        if len(day) > 2 or len(month) > 2:
            continue
        try:
            out.append(date(int(year), int(month), int(day)))
        except ValueError:
            continue
    return out
