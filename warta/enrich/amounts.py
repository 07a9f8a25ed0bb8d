"""Amounts in the text: ``sekitar 100.000 tentara`` → value 100000, noun ``tentara``.

Hand-written regexes rather than a library: no maintained Python library reads Indonesian
number formats (``100.000``, ``1,5``), scale words (``2,5 juta``), currency forms (``Rp``,
``US$``, ``dolar AS``) and counted nouns together, and a single compiled pattern per paragraph
keeps this stage well inside the 5 ms/article enrichment budget.

Decisions (documented because the formats are ambiguous):

- ``100.000`` / ``2.500.000`` (dot every three digits) are thousands separators; ``1,5`` is a
  decimal comma. ``1,000,000`` (two or more comma groups) is read English-style, and so is
  ``2.5`` (one or two digits after a single dot — Indonesian never groups them that way).
  A single ``1,500`` is read as Indonesian 1.5.
- Years (a bare 1900–2099 integer), dates (``12/2/2024``), clock times (``pukul 14.00``,
  ``14.00 WIB``), day-month (``22 Januari``), codes glued to letters or hyphens (``Covid-19``,
  ``G20``) and numbers after reference words (``Pasal 5``, ``nomor 3``) are not amounts.
- Neither are phone numbers (``+62 812 3456 7890``, ``(021) 1234567``, ``0812 3456 7890``:
  a country code, an area code in brackets or a leading 0 before further digits),
  numbers inside URLs, list markers opening a line (``1.``, ``2)``) and a date
  that lost its slashes after a weekday (``Kamis (2592025)``).
- Numbers written as words (``tiga saksi``, ``dua ratus ribu``; ``amount_number_words.tsv``)
  are amounts only with a counted noun, a scale, a currency or ``persen`` after them.
- Fractions as words (``fraction``/``per`` in ``amount_number_words.tsv``): ``dua pertiga
  warga`` is 2/3, ``satu setengah jam`` 1.5, ``setengah persen`` 0.5 %; a fraction's idiom
  (``setengah tiang``, ``perempat final``) and a lone fraction before a modifier (``separuh
  mantan juara ganda``: one of a pair) count nothing. ``1/3`` in digits is also a day and
  month; it is a fraction only where no date can be (see :func:`_digit_fractions`).
- A list opened by a reference number is references (``Tujuan 7, 8 dan 13``, ``paslon 2
  maupun 3``; ``list_join`` in ``amount_forms.tsv``); a unit written with a digit is the noun
  of its measure (``820.000 m3``; ``measure_unit``); a lower-case number word before a
  capitalised word counts it (``dua Coppa Italia``); misspelt scales are scale words
  (``trilun``, ``amount_scales.tsv``).
- A number word with the word after it that make an idiom (``di satu titik``, ``di satu
  sisi``, ``satu sama lain``; ``amount_idioms.tsv``) counts nothing.
- ``30-an menit`` (thirty-some) is 30, approximate, and needs its counted noun; after a year
  cue (``era 90-an``, ``year_cue`` in ``date_grammar.tsv``) or with four digits it is a decade.
- A sign belongs to percentages: ``-0,25%`` and ``minus 0,25 persen`` are -0.25 %.
- A range (``Rp 2 sampai Rp 5 miliar``, ``Rp 2–5 miliar``, ``10 hingga 20 orang``;
  ``amount_ranges.tsv``) gives two amounts; the first takes the scale, currency and noun
  that only the second writes. A hyphen between two numbers is a range only when a scale,
  currency or percentage comes with it (``skor 2-1`` is no amount).
- The counted noun is the word after the number, its scale or unit; ``tahun`` before a year
  (``74,39 tahun 2023``) is not one, and a modifier such as ``mantan`` passes the noun to the
  word after it (``10 mantan atlet`` → atlet; ``noun_modifier`` in ``amount_forms.tsv``).
- ``2x24 jam`` is one amount, the product (48 jam), before a ``product_unit`` word only
  (``3x4 meter`` is a size and stays unread).
- A number word with no noun counts after a word announcing a value among the two before it
  in its clause (``nilai sempurna sembilan.``; ``value_before``).
- A classifier passes the noun to the word after it as a modifier does (``sembilan buah tas``
  → tas; ``classifier`` in ``amount_forms.tsv``); a noun is given without its enclitic pronoun
  (``enam ajudannya`` → ajudan; ``lang/data/clitics.tsv``).
- A count of days, weeks, months or years before a word saying how long ago (``Tiga bulan
  lalu``, ``dua tahun silam``: the ``unit`` and ``ago_past`` words of ``date_grammar.tsv``,
  which textdates reads as a date) is part of that date: no amount. Not before ``lagi`` (``masih
  ada waktu tiga bulan lagi``: a span of time still to run).
- ``satu`` before a known place (``satu Papua``: all of it, one whole) counts nothing.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from ..lang.tokenize import split_clitics
from ..model import Amount
from .lexicon import alternation, rows, word_table
from .ner_features import load_gazetteer

__all__ = ["extract_amounts", "parse_number"]

_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?|\d+(?:[.,]\d+)?"


class _Lexicon:
    """The amount word lists from ``warta/enrich/data/amount_*.tsv`` and the compiled pattern."""

    def __init__(self) -> None:
        number_words = rows("amount_number_words.tsv")
        self.word_values = {w.lower(): (kind, _fraction(v)) for w, kind, v in number_words}
        # a fraction may open a number word ('setengah', 'seperempat'); 'pertiga' only follows one
        units = [w for w, kind, _ in number_words if kind in ("unit", "fraction")]
        multipliers = [w for w, kind, _ in number_words if kind not in ("unit", "fraction")]
        self.fractions = frozenset(w.lower() for w, kind, _ in number_words if kind in ("fraction", "per"))
        self._read_date_words()
        ranges = [w for (w,) in rows("amount_ranges.tsv")]
        self.range_gap = re.compile(rf"\s*(?:{alternation(ranges)})\s*", re.IGNORECASE)
        self.scales = {w: Decimal(v) for w, v in word_table("amount_scales.tsv").items()}
        self.prefixes = word_table("amount_currency_prefix.tsv")
        self.suffixes = word_table("amount_currency_suffix.tsv")
        words = word_table("amount_words.tsv")
        self.not_nouns = frozenset(w for w, v in words.items() if v == "not_noun")
        # 'di satu titik' (at one point): a number word and its noun as an idiom, no count
        self.idioms = frozenset(word_table("amount_idioms.tsv"))
        self.block_before = frozenset(w for w, v in words.items() if v == "block_before")
        self.block_after = frozenset(w for w, v in words.items() if v == "block_after")
        self.approx_scales = frozenset(w for w, v in words.items() if v == "approx_scale")
        self._read_forms()
        self._compile(words, units, multipliers)

    def _read_date_words(self) -> None:
        """The words (from textdates' tables) around which a number is part of a date, no amount."""
        self.weekdays = frozenset(w for w, v in word_table("date_words.tsv").items() if v.startswith("D"))
        # words after which '90-an' is a decade, not 'thirty-some' (textdates' year cues)
        grammar = rows("date_grammar.tsv")
        self.year_cues = frozenset(w.lower() for w, role, *_ in grammar if role == "year_cue")
        # 'Tiga bulan lalu': a count of a date unit before an ago word is a date (textdates')
        self.date_units = frozenset(w.lower() for w, role, *_ in grammar if role == "unit")
        # the past ones only: 'masih ada waktu tiga bulan lagi' is a span of time ('lagi': more)
        ago = [w for w, role, *_ in grammar if role == "ago_past"]
        self.ago_after = re.compile(rf"\s+(?:{alternation(ago)})(?![\w-])", re.IGNORECASE)
        # words after which '1/3' is a date, not a fraction (textdates' year and month cues)
        self.date_cues = self.year_cues | frozenset(word_table("date_month_context.tsv"))

    def _read_forms(self) -> None:
        """What may stand between a number and its noun, lists of numbers and products
        (``amount_forms.tsv``)."""
        forms = rows("amount_forms.tsv")
        self.value_before = frozenset(w.lower() for w, role in forms if role == "value_before")
        # a classifier passes the noun on as a modifier does ('sembilan buah tas'), but is the
        # noun when nothing follows it ('tiga buah.')
        self.noun_modifiers = frozenset(w.lower() for w, role in forms if role in ("noun_modifier", "classifier"))
        self.ordinal_before = frozenset(w.lower() for w, role in forms if role == "ordinal_before")
        products = [w for w, role in forms if role == "product_unit"]
        self.measure_units = frozenset(w for w, role in forms if role == "measure_unit")
        joins = [w for w, role in forms if role == "list_join"]
        marks = alternation(w for w in joins if not w[0].isalnum())
        join_words = alternation(w for w in joins if w[0].isalnum())
        sep = rf"(?:\s*(?:{marks})\s*(?:(?:{join_words})\s+)?|\s+(?:{join_words})\s+)"
        # 'Tujuan 7, 8 dan ' before a number: the list its first number opens (see _in_reference_list)
        # (numbers of up to three digits: 'U17 2023, 8 RS' opens no list with its year)
        self.list_before = re.compile(rf"(?<![\w.,/-])(\d{{1,3}})(?:{sep}\d{{1,3}})*{sep}$", re.IGNORECASE)
        # '2x24 jam': one amount, the product (its unit words only: '3x4 meter' is a size)
        self.product = re.compile(
            rf"(?<![\w/.,:-])(?P<a>\d{{1,3}})\s?[x×X]\s?(?P<b>\d{{1,4}})\s+(?P<noun>{alternation(products)})(?![\w-])",
            re.IGNORECASE,
        )

    def _compile(self, words: dict[str, str], units: list[str], multipliers: list[str]) -> None:
        """The amount pattern (and its tail, for a range's second end) and the quick trigger."""
        approx = [w for w, v in words.items() if v == "approx"]
        percent = [w for w, v in words.items() if v == "percent"]
        negative = [w for w, v in words.items() if v == "negative"]
        word_number = (
            rf"(?:{alternation(units)})(?:\s+(?:{alternation(units + multipliers)}))*(?![\w-])"
        )
        # A number may follow a hyphen only as the second end of a range (the tail).
        body = (
            rf"(?:(?P<approx>{alternation(approx)})\s+)?"
            rf"(?:(?P<cur>{alternation(list(self.prefixes))})\s?)?"
            rf"(?:(?P<sign>[-−]|(?:{alternation(negative)})\s+))?"
            rf"(?:(?P<num>{_NUMBER})(?P<some>-an(?![\w-]))?(?![\w/:]|[.,]\d|-[^\W\d])|(?P<word>{word_number}))"
            rf"(?:\s*(?P<scale>{alternation(list(self.scales))})(?!\w))?"
            rf"(?:\s*(?P<pct>%|(?:{alternation(percent)})(?:nya)?\b)|\s+(?P<cursuf>{alternation(list(self.suffixes))})(?!\w))?"
            # a noun may end on a digit only as a measure_unit ('m3'; checked in _Read)
            r"(?:\s+(?P<noun>(?-i:[a-z][a-z-]*[23²³]?))(?![\w-]))?"
        )
        self.pattern = re.compile(r"(?<![\w/.,:-])" + body, re.IGNORECASE)
        self.tail = re.compile(body, re.IGNORECASE)
        self.trigger = re.compile(rf"\d|(?<![\w-])(?:{alternation(units)})(?![\w-])", re.IGNORECASE)
        self.unit_words = tuple(w.lower() for w in units)


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    return _Lexicon()


def _fraction(text: str) -> Decimal:
    """A data file's value: ``0.5`` or ``1/3`` (a fraction kept as exact as a Decimal allows)."""
    top, _, bottom = text.partition("/")
    return Decimal(top) / Decimal(bottom) if bottom else Decimal(top)


def _decimal(text: str) -> Decimal:
    if re.fullmatch(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?", text):
        return Decimal(text.replace(",", ""))
    if re.fullmatch(r"\d+\.\d{1,2}", text):
        return Decimal(text)
    return Decimal(text.replace(".", "").replace(",", "."))


def _plain(value: Decimal) -> float | int:
    return int(value) if value == value.to_integral_value() else float(value)


def parse_number(text: str) -> float | int:
    """Read one number as Indonesian news writes it (see module docstring for the rules).

    >>> parse_number("100.000"), parse_number("1,5"), parse_number("2.5"), parse_number("1,000,000")
    (100000, 1.5, 2.5, 1000000)
    """
    return _plain(_decimal(text))


_LEAD = 30  # characters before a number that an approximation word and currency may take
_PREV_WORD = re.compile(r"([\w-]+)\W*$")
_NEXT_WORD = re.compile(r"^\s*([\w'-]+)")
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)+/\S*", re.IGNORECASE)
# Phone numbers are never amounts: '+62 812 3456 7890', '(021) 1234567', '(+62-21) 380 5555',
# '0812 3456 7890', '08123456789' (a leading 0 before 3+ digits is no Indonesian number).
_PHONE = re.compile(
    r"(?<![\w.,])(?:"
    r"\+\d{1,3}[\s-]?(?:\(?\d{1,4}\)?[\s.-]?)?\d{3,5}(?:[\s.-]?\d{3,5}){1,3}"
    r"|\((?:\+\d{1,3}(?:[\s-]\d{1,4})?|0\d{2,3})\)[\s-]?\d{3,5}(?:[\s.-]?\d{3,5}){0,2}"
    r"|0\d{2,4}(?:[\s-]\d{3,8}){1,3}|0\d{8,12}"
    r")(?!\d|[.,]\d)"
)
_PHONE_HINT = re.compile(r"\+\d|\(\+?\d|(?<![\w.,])0\d\d")
# A list marker opens a line: '1. ', '2) ', '(3) '.
_LIST_MARKER = re.compile(r"(?:^|\n)[^\S\n]*\(?$")
_MARKER_END = re.compile(r"(?:\.|\))\s")
_YEAR_AFTER = re.compile(r"\s+(?:19|20)\d\d(?!\d)")
_RAW_DATE = re.compile(r"\s*\(\s*$")


def _word_value(lex: _Lexicon, words: str) -> Decimal | None:
    """``tiga puluh lima`` → 35, ``dua pertiga`` → 2/3, ``satu setengah`` → 1.5; ``None``
    for a sequence that is no number (``dua tiga``, ``setengah tiga``)."""
    total = Decimal(0)
    current: Decimal | None = None
    sequence = words.lower().split()
    for k, word in enumerate(sequence):
        kind, value = lex.word_values[word]
        if kind in ("fraction", "per") and k != len(sequence) - 1:
            return None  # a fraction ends the number ('setengah tiga' is a clock time)
        if kind == "fraction":  # alone, or added to the one whole number before it
            if total or (current is not None and current >= 10):
                return None
            total, current = (current or Decimal(0)) + value, None
        elif kind == "unit":
            if current is not None:
                return None
            current = value
        elif current is None or current >= 10:  # 'belas'/'puluh'/'ratus' multiply one digit
            return None
        elif kind == "teen":
            total, current = total + current + value, None
        else:
            total, current = total + current * value, None
    return total + (current or 0)


def _is_blocked(lex: _Lexicon, paragraph: str, m: re.Match[str]) -> bool:
    """True for years, times, day-month dates, reference numbers (``Pasal 5``), list markers
    and weekday dates without slashes."""
    start = m.start("num") if m["num"] else m.start("word")
    if m["word"] and _word_value(lex, m["word"]) is None:
        return True
    if m["num"] and _is_list_marker(paragraph, m):
        return True
    if m["num"] and _is_raw_date(lex, paragraph, m):
        return True
    if m["cur"] or m["cursuf"] or m["pct"]:
        return False
    if m["noun"] and m["noun"].lower() in lex.date_units and lex.ago_after.match(paragraph, m.end("noun")):
        return True  # 'Tiga bulan lalu', 'dua tahun silam': a date
    prev = _PREV_WORD.search(paragraph[max(0, start - 20) : start])
    if prev and prev.group(1).lower() in lex.block_before and not m["approx"]:
        return True
    if m["some"]:  # '30-an menit' counts; 'era 90-an' and a bare '90-an' are decades
        return (
            not m["noun"] or m["noun"] in lex.not_nouns or len(m["num"]) == 4
            or bool(prev and prev.group(1).lower() in lex.year_cues)
        )
    if m["scale"]:
        return False
    if m["word"]:
        if m["noun"] and f"{m['word']} {m['noun']}".lower() in lex.idioms:
            return True
        last = m["word"].split()[-1].lower()  # 'dua perempat final': a fraction's idiom
        if m["noun"] and last in lex.fractions and f"{last} {m['noun']}".lower() in lex.idioms:
            return True
        if m["word"].lower() in lex.fractions and m["noun"] and m["noun"].lower() in lex.noun_modifiers:
            return True  # 'separuh mantan juara ganda': one of a former pair, no count
        if m["noun"] and m["noun"] not in lex.not_nouns:
            return False  # 'tiga saksi', not 'salah satu'
        if _capital_noun(lex, paragraph, m) is not None:
            return False  # 'dua Coppa Italia'
        return not _after_value_word(lex, paragraph, start)  # 'nilai sempurna sembilan.'
    if _is_name_number(paragraph, start) or _in_reference_list(lex, paragraph, m, start):
        return True
    nxt = _NEXT_WORD.match(paragraph[m.end("num") : m.end("num") + 20])
    # 'pada 10 November-2 Desember': the word before a hyphen decides
    if nxt and nxt.group(1).lower().split("-")[0] in lex.block_after:
        return True
    if prev and prev.group(1).lower() in lex.ordinal_before and (not m["noun"] or m["noun"] in lex.not_nouns):
        return True  # 'menit ke 10', 'periode ke 2': an ordinal written with a space
    return bool(re.fullmatch(r"(19|20)\d\d", m["num"]))


_CAPITAL_NOUN = re.compile(r"[^\S\n]+([A-Z][a-z]+)(?![\w-])")


def _capital_noun(lex: _Lexicon, paragraph: str, m: re.Match[str]) -> re.Match[str] | None:
    """``meraih dua Coppa Italia``: a number word in lower case (inside a sentence) with no
    counted noun, then a capitalised word that is no month or weekday: that word is counted
    (a title, a kind of name: ``dua Coppa``, ``tiga WNI`` stays unread as no word of [A-Z][a-z]+)."""
    if not m["word"] or not m["word"][0].islower() or m["noun"] or _units_of(m):
        return None
    c = _CAPITAL_NOUN.match(paragraph, m.end())
    if c is None or c[1].lower() in lex.block_after or c[1].lower() in lex.weekdays:
        return None
    if _word_value(lex, m["word"]) == 1 and load_gazetteer().is_place(c[1].lower()):
        return None  # 'satu Papua', 'satu Indonesia': one whole, no count
    return c


def _in_reference_list(lex: _Lexicon, paragraph: str, m: re.Match[str], start: int) -> bool:
    """``Tujuan 7, 8 dan 13``, ``paslon 2 maupun 3``: a bare number with no counted noun that
    ends a list (``list_join`` in amount_forms.tsv) whose first number is a reference (after a
    ``block_before`` word, or a number in a name) is a reference too."""
    if m["noun"] and m["noun"] not in lex.not_nouns:
        return False
    lst = lex.list_before.search(paragraph, max(0, start - 60), start)
    if lst is None:
        return False
    first = lst.start(1)
    prev = _PREV_WORD.search(paragraph[max(0, first - 20) : first])
    return bool(prev and prev.group(1).lower() in lex.block_before) or _is_name_number(paragraph, first)


_CLAUSE_MARK = re.compile(r"[.,;:!?\"“”()\n]")


def _after_value_word(lex: _Lexicon, paragraph: str, start: int) -> bool:
    """One of the two words before ``start`` in its clause announces a value (``nilai
    sempurna sembilan``, ``jumlahnya tiga.``: ``value_before`` in amount_forms.tsv)."""
    before = paragraph[max(0, start - 40) : start]
    cut = None
    for cut in _CLAUSE_MARK.finditer(before):
        pass
    if cut is not None:
        before = before[cut.end() :]
    return any(w.lower() in lex.value_before for w in before.split()[-2:])


def _after_reference(lex: _Lexicon, paragraph: str, m: re.Match[str]) -> bool:
    """A ``block_before`` word (``tanggal``, ``pukul``, ``Pasal``) right before the number."""
    if m["approx"] or m["cur"]:
        return False
    start = m.start("num") if m["num"] else m.start("word")
    prev = _PREV_WORD.search(paragraph[max(0, start - 20) : start])
    return bool(prev and prev.group(1).lower() in lex.block_before)


def _is_list_marker(paragraph: str, m: re.Match[str]) -> bool:
    """``1.`` / ``2)`` / ``(3)`` opening a line, a small number followed by a space."""
    if len(m["num"]) > 2 or m["cur"] or m["approx"] or m["sign"]:
        return False
    before = paragraph[max(0, m.start("num") - 5) : m.start("num")]
    if m.start("num") > 5 and "\n" not in before:
        return False
    return bool(_LIST_MARKER.search(before) and _MARKER_END.match(paragraph, m.end("num")))


def _is_raw_date(lex: _Lexicon, paragraph: str, m: re.Match[str]) -> bool:
    """``Kamis (2592025)``: digits in brackets right after a weekday are a date whose
    slashes were lost (:mod:`warta.enrich.textdates` reads it when it is unambiguous)."""
    if m["num"] is None or not m["num"].isdigit() or paragraph[m.end("num") : m.end("num") + 1] != ")":
        return False
    before = paragraph[max(0, m.start("num") - 12) : m.start("num")]
    word = _PREV_WORD.search(before.rstrip("( "))
    return bool(_RAW_DATE.search(before) and word and word.group(1).lower() in lex.weekdays)


_RESTATED = re.compile(r"\s*\(\s*(?P<words>[a-z]+(?:\s+[a-z]+)*)\s*\)\s+(?P<noun>[a-z][a-z-]*)(?![\w-])")
_NOUN_AFTER = re.compile(r"\s+([A-Za-z][a-z-]*)(?![\w-])")
# a verb, not a counted noun: di-/me-/ber-/ter- ... -kan ('dikisahkan', 'menyebutkan')
_PASSIVE_VERB = re.compile(r"(?:di|me|ber|ter)[a-z]{3,}kan")
_WORD_BEFORE = re.compile(r"(?P<before>[^\s]?)\s*(?P<word>[A-Z][\w-]*) $")


def _is_name_number(paragraph: str, start: int) -> bool:
    """``Mi 9``, ``Mate 20 Pro``, ``SDN Cilincing 07``: a bare number right after a capitalised
    word inside a sentence is part of a name, not an amount (sentence-initial words excepted)."""
    m = _WORD_BEFORE.search(paragraph, max(0, start - 40), start)
    return m is not None and m["before"] != "" and m["before"] not in ".!?:;\"“”(,"


class _Read:
    """One match read: value, unit, noun and span (before any range is joined)."""

    __slots__ = ("approximate", "core_end", "end", "noun", "scale", "start", "unit", "value")

    def __init__(self, lex: _Lexicon, paragraph: str, m: re.Match[str]) -> None:
        value = _decimal(m["num"]) if m["num"] else _word_value(lex, m["word"])
        assert value is not None
        approximate = bool(m["approx"] or m["some"])  # '30-an': thirty-some
        self.scale: Decimal | None = None
        if m["scale"]:
            scale = _norm(m["scale"])
            self.scale = lex.scales[scale]
            value *= self.scale
            approximate = approximate or scale in lex.approx_scales
        if m["pct"]:
            unit: str | None = "%"
            if m["sign"]:
                value = -value
        elif m["cur"]:
            unit = lex.prefixes[_norm(m["cur"])]
        elif m["cursuf"]:
            unit = lex.suffixes[_norm(m["cursuf"])]
        else:
            unit = None
        noun = m["noun"]
        end = noun_end = m.end()
        capital = _capital_noun(lex, paragraph, m) if m["word"] else None
        if capital is not None:  # 'dua Coppa Italia'
            noun, end = capital[1], capital.end()
            noun_end = end
        if noun is None and m["num"] and unit is None and not m["scale"]:
            # '5 (lima) tahun': the number restated in words, then the counted noun
            restated = _RESTATED.match(paragraph, m.end())
            if (
                restated is not None
                and restated["noun"] not in lex.not_nouns
                and all(w in lex.word_values for w in restated["words"].split())
                and _word_value(lex, restated["words"]) == value
            ):
                noun, end = restated["noun"], restated.end()
                noun_end = end
        if noun is not None and noun.lower() in lex.noun_modifiers:
            # '10 mantan atlet', 'dua eks Kapolri': the counted noun is the word after the modifier
            after = _NOUN_AFTER.match(paragraph, end)
            if after is not None and after[1].lower() not in lex.not_nouns:
                noun, end = after[1], after.end()
        self.core_end = max(m.end(g) for g in ("num", "some", "word", "scale", "cur", "pct", "cursuf") if m[g] is not None)
        if noun is not None and noun.islower():
            noun = split_clitics(noun)[1] or noun  # 'enam ajudannya': ajudan
        if (
            noun is None
            or noun in lex.not_nouns
            or noun[-1] in "23²³" and noun not in lex.measure_units  # 'm3', not 'liga2'
            or unit is not None  # money and % count no noun
            or _PASSIVE_VERB.fullmatch(noun) is not None  # 'ekor sembilan dikisahkan'
            or _YEAR_AFTER.match(paragraph, noun_end)  # '74,39 tahun 2023'
        ):
            noun = None
            end = self.core_end
        if m["approx"]:
            start = m.start("approx")
        elif m["cur"]:
            start = m.start("cur")
        elif m["sign"] and unit == "%":
            start = m.start("sign")
        else:
            start = m.start("num") if m["num"] else m.start("word")
        self.value, self.unit, self.noun, self.approximate = value, unit, noun, approximate
        self.start, self.end = start, end

    def amount(self, paragraph: str, index: int) -> Amount:
        return Amount(
            text=paragraph[self.start : self.end],
            value=_plain(self.value),
            unit=self.unit,
            noun=self.noun,
            approximate=self.approximate,
            paragraph=index,
            start=self.start,
            end=self.end,
        )


def _core_end(m: re.Match[str]) -> int:
    """Where the number with its scale and unit ends (before any noun)."""
    return max(m.end(g) for g in ("num", "some", "word", "scale", "pct", "cursuf") if m[g] is not None)


def _range_end(lex: _Lexicon, paragraph: str, first: re.Match[str]) -> re.Match[str] | None:
    """The second end of a range starting with ``first`` (``Rp 2`` … ``sampai Rp 5 miliar``)."""
    if first["noun"] and first["noun"] not in lex.not_nouns:
        return None  # '10 orang hingga 20 orang' reads each end on its own
    gap = lex.range_gap.match(paragraph, _core_end(first))
    if gap is None:
        return None
    second = lex.tail.match(paragraph, gap.end())
    if second is None or second["approx"] or not second["num"] and not second["word"]:
        return None
    return second


def _units_of(m: re.Match[str]) -> bool:
    return bool(m["cur"] or m["cursuf"] or m["pct"] or m["scale"])


def _read(lex: _Lexicon, paragraph: str, index: int, m: re.Match[str]) -> tuple[list[Amount], int]:
    """The amounts of one match (two for a range) and where reading goes on."""
    hyphen = m["num"] is not None and not m["some"] and paragraph[m.end("num") : m.end("num") + 1] == "-"
    second = _range_end(lex, paragraph, m)
    if second is not None and (_units_of(m) or _units_of(second) or not hyphen):
        if _is_blocked(lex, paragraph, second):
            return [], second.end()  # '10-12 Juni': a date, neither end is an amount
        if hyphen and _is_blocked(lex, paragraph, m):
            return [], second.end()
        a, b = _Read(lex, paragraph, m), _Read(lex, paragraph, second)
        if a.scale is None and b.scale is not None:
            a.value *= b.scale
            a.approximate = a.approximate or b.approximate
        if a.unit is None and b.unit is not None:
            a.unit = b.unit
        elif b.unit is None and a.unit is not None:  # 'Rp 2–5 miliar': both are rupiah
            b.unit, b.noun, b.end = a.unit, None, b.core_end
        if a.noun is None and a.unit is None:
            a.noun = b.noun
        if not _units_of(second) and _after_reference(lex, paragraph, m):
            return [], second.end()  # 'tanggal 4 sampai 14', 'Pasal 5 hingga 7': both ends
        # 'dua hingga tiga orang': a number word takes the noun the second end writes
        worded = m["word"] is not None and (not m["noun"] or m["noun"] in lex.not_nouns) and a.noun is not None
        blocked = _is_blocked(lex, paragraph, m) and not (worded and _word_value(lex, m["word"]) is not None)
        out = [] if blocked and not _units_of(second) else [a.amount(paragraph, index)]
        return out + [b.amount(paragraph, index)], second.end()
    if hyphen:
        return [], m.end("num") + 1  # 'skor 2-1', '0812-3456': not amounts
    if _is_blocked(lex, paragraph, m):
        return [], m.end()
    return [_Read(lex, paragraph, m).amount(paragraph, index)], m.end()


def _norm(word: str) -> str:
    return re.sub(r"\s+", " ", word).lower()


def _triggers(lex: _Lexicon, paragraph: str) -> list[int]:
    """Where an amount may be: every digit and every number word (found with ``str.find``,
    several times cheaper than a case-insensitive alternation over the paragraph; the
    pattern then decides)."""
    low = paragraph.lower()
    if len(low) != len(paragraph):  # a few characters lower-case to two: keep offsets exact
        return [m.start() for m in lex.trigger.finditer(paragraph)]
    starts = [m.start() for m in _DIGIT.finditer(paragraph)]
    end = len(low)
    for word in lex.unit_words:
        k = low.find(word)
        while k != -1:
            after = k + len(word)
            # whole words only ('kedua', 'kesatuan' are not numbers)
            if (k == 0 or not _glued(low[k - 1])) and (after == end or not _glued(low[after])):
                starts.append(k)
            k = low.find(word, after)
    return sorted(starts)


def _glued(char: str) -> bool:
    return char.isalnum() or char == "-" or char == "_"


_DIGIT = re.compile(r"\d")
# Every match of _URL holds '://' (http://, https://), 'www.' in any case, or a dot, word
# characters and a slash ('kompas.com/read'); a paragraph with none (most that pass the
# '/' test have dates such as 12/2/2024) cannot hold one, so _URL, slow to fail at every
# word, is not run.
_URL_PIECE = re.compile(r"\.[\w-]+/")


def _may_hold_url(paragraph: str) -> bool:
    return "://" in paragraph or "www." in paragraph.lower() or _URL_PIECE.search(paragraph) is not None


def extract_amounts(paragraphs: list[str]) -> list[Amount]:
    """Every amount in the paragraphs, in reading order, with character offsets per paragraph."""
    lex = _lexicon()
    found: list[Amount] = []
    for index, paragraph in enumerate(paragraphs):
        triggers = _triggers(lex, paragraph)
        if not triggers:
            # no digit and no number word: no amount and no product (both need one), so
            # the URL, phone and product scans are skipped (a third of the paragraphs)
            continue
        first = len(found)
        urls = [u.span() for u in _URL.finditer(paragraph)] if (
            ("/" in paragraph or "www" in paragraph) and _may_hold_url(paragraph)) else []
        # every phone hint holds a digit at most two characters after its start ('(+6'):
        # the hint's scan, slow as it has no fixed first character, starts there, and not
        # at all where number words alone are the triggers
        digit = _DIGIT.search(paragraph)
        if digit is not None and _PHONE_HINT.search(paragraph, max(0, digit.start() - 2)):
            urls = urls + [p.span() for p in _PHONE.finditer(paragraph)]
        products = _products(lex, paragraph, index) + _digit_fractions(lex, paragraph, index)
        if products:  # read first; the pattern does not start inside one (as in a URL)
            urls = urls + [(a.start, a.end) for a in products]
        # Every amount holds a digit or a number word: search only from a little before each
        # (room for 'kurang lebih Rp') instead of running the pattern over the whole paragraph.
        pos = 0
        for start in triggers:
            if start < pos:
                continue
            m = lex.pattern.search(paragraph, max(pos, start - _LEAD))
            if m is None:
                break
            if any(a <= m.start() < b for a, b in urls):
                pos = next(b for a, b in urls if a <= m.start() < b)
                continue
            amounts, pos = _read(lex, paragraph, index, m)
            found.extend(amounts)
        if products:
            found.extend(products)
            found[first:] = sorted(found[first:], key=lambda a: a.start)
    return found


_FRACTION_HINT = re.compile(r"\d/\d")
_DIGIT_FRACTION = re.compile(
    r"(?<![\w/.,:(-])(?P<a>\d)/(?P<b>\d)(?![\w/]|[.,]\d)(?:\s+(?P<noun>(?-i:[a-z][a-z-]*))(?![\w-]))?"
)


def _digit_fractions(lex: _Lexicon, paragraph: str, index: int) -> list[Amount]:
    """``1/2 sendok teh``, ``2/3 responden``, ``minimal 1/2``: a fraction in digits. ``1/3``
    is also a day and month, so it is a fraction only where no date can be: a numerator
    smaller than a one-digit denominator (``9/11``, ``12/3`` are dates), not in brackets
    (``Jumat (1/3)``), not after a weekday, a date cue (``pada``, ``sejak``, ``hingga``:
    textdates' year and month cues), a reference word (``tanggal``, ``unggulan``) or a
    capitalised word inside a sentence (``Blok J 2/6``), and no month after it."""
    if "/" not in paragraph or not _FRACTION_HINT.search(paragraph):
        return []
    found = []
    for m in _DIGIT_FRACTION.finditer(paragraph):
        a, b = int(m["a"]), int(m["b"])
        if not 0 < a < b:
            continue
        prev = _PREV_WORD.search(paragraph[max(0, m.start() - 20) : m.start()])
        word = prev.group(1).lower() if prev else ""
        if word in lex.block_before or word in lex.weekdays or word in lex.date_cues:
            continue
        if _is_name_number(paragraph, m.start()):
            continue  # 'Blok J 2/6': part of an address or a name
        noun = m["noun"]
        if noun is not None and (noun in lex.block_after or noun in lex.weekdays):
            continue
        if noun is None or noun in lex.not_nouns or _PASSIVE_VERB.fullmatch(noun):
            noun, end = None, m.end("b")
        else:
            end = m.end()
        found.append(Amount(text=paragraph[m.start() : end], value=_plain(Decimal(a) / Decimal(b)), unit=None,
                            noun=noun, approximate=False, paragraph=index, start=m.start(), end=end))
    return found


_PRODUCT_HINT = re.compile(r"\d\s?[x×X]\s?\d")


def _products(lex: _Lexicon, paragraph: str, index: int) -> list[Amount]:
    """``2x24 jam`` → 48 jam: a product of two numbers before a ``product_unit`` word."""
    if not _PRODUCT_HINT.search(paragraph):
        return []
    return [
        Amount(text=m.group(), value=int(m["a"]) * int(m["b"]), unit=None, noun=m["noun"].lower(),
               approximate=False, paragraph=index, start=m.start(), end=m.end())
        for m in lex.product.finditer(paragraph)
    ]
