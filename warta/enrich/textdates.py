"""Dates and times in the text, resolved against the article's published time.

Hand-written regexes, not ``dateparser``: dateparser parses one given string but does not
*find* date expressions inside running text, its ``search_dates`` costs tens of milliseconds
per paragraph (far over the 5 ms/article enrichment budget) and it does not know the
Indonesian news conventions below.

Resolution rules (``value`` is ISO 8601 at the precision the text gives):

- A weekday alone (``pada Jumat``) is the most recent such day *on or before* the published
  date: Indonesian news uses bare weekdays for the past week (events ahead are written
  ``Jumat depan``/``mendatang``, which resolve forward). ``Jumat (21/1/2022)`` uses the date.
- A month alone (``pada Desember``) is that month nearest to the published month (the
  past one on a tie: ``Desember`` in a January 2022 article is 2021-12, ``Maret`` in a
  February 2022 one 2022-03);
  a ``past_before`` word among the three before it (``sudah``, ``sejak``) makes it the most
  recent one on or before the published month; ``Desember depan/mendatang`` goes forward, and
  of two bare months as a range (``Januari hingga Agustus``) the first is up to a year
  before the second. (h11d9 measured both rules: benchmarks/RESULTS-enrich.md.)
- A part of a year before its year (``kuartal III-2023``, ``kuartal kedua tahun 2024``,
  ``musim panas 2018``; ``period`` words) is a date with the year's value.
- A weekday or a month without a year after a ``habitual`` word (``setiap hari Rabu``, ``tiap
  Senin dan Kamis``, ``setiap 17 Agustus``) recurs: no date.
- A day and month without a year (``25 Januari``) takes the year that puts it nearest to the
  published date (news reports both recent and upcoming dates).
- ``pekan lalu`` → ISO week (``2022-W02``), ``bulan depan`` → ``2022-02``, ``tahun lalu`` →
  ``2021``; ``kemarin`` / ``hari ini`` / ``besok`` / ``N hari lalu`` → a day.
- A clock time (``pukul 14.00 WIB``) joins the date just before it in the same paragraph
  (``Senin (12/2/2024) pukul 14.00 WIB`` → ``2024-02-12T14:00:00+07:00``); alone it takes the
  published date. WIB/WITA/WIT give +07/+08/+09; no zone → the published time's offset.
- Without a published time, only expressions that carry their own year are resolved; the
  others keep ``value=None``, except a weekday with its day and month (``Kamis (2/11)``: the
  latest year the article states or the next, whichever has that day on that weekday) and a
  bare weekday after such a one (the last such day on or before it). A clock time keeps the
  zone it writes (``pukul 20.00 WIB pada Senin (4/3/2024)`` → ``…T20:00:00+07:00``).
- A part of the day after a clock time is part of its mention (``jam 2 malam``), and so is a
  zone after it (``pukul 8 malam WIT`` → ``…T20:00:00+09:00``). The hour is the written one or
  the one twelve later, whichever the part covers (``day_hours`` in data/date_grammar.tsv):
  ``pukul 8 malam`` 20:00, ``jam 2 malam`` 02:00, ``pukul 12 malam`` midnight, the next day's
  00:00, ``12 siang`` noon. An hour the part cannot hold (``pukul 12 sore``: afternoon is
  13-23) names no time: the mention has ``value=None`` and the date before it keeps its day.
- A sentence that names its own day (``Selasa (10/6)``, ``10 Juni 2025``) anchors the
  relative days in it: ``hari ini … Selasa (10/6)`` is 10 June even in an article published
  on the 11th, and ``kemarin`` said on that day is the 9th (``kemarin, Selasa (10/6)``, side
  by side, is the 10th itself); ``pekan lalu`` likewise counts from that day. Only a day
  on or up to a week before the published date
  anchors (an upcoming hearing does not move ``hari ini``).
- A decade (``2010-an``, ``tahun 90-an``) is ``201X`` / ``199X`` (ISO 8601-2 unspecified
  digit), never the year 2010.
- English order in quoted tweets and posts, ``November 7, 2023`` / ``Nov. 7th, 2023``, is that
  day (only with the comma and the year: ``Desember 7`` alone stays the month).
- Months listed before a stated year all take it: ``September, Oktober, November di 2020``
  → ``2020-09``, ``2020-10``, ``2020-11`` (``month_list`` words in ``date_grammar.tsv``).
- A bare weekday (or ``Senin ini``) is ahead, the coming such day, when its clause puts it
  there: a word such as ``akan``/``dijadwalkan`` up to three words before it (``akan digelar
  pada Senin``) or ``nanti``/``akan`` right after it (``hari Senin juga nanti kami
  memanggil``); ``ahead_*`` words in ``date_grammar.tsv``.
- Two bare years joined as a list (``kayaknya 2023 atau 2022``; ``year_pair`` words) are both
  years even without a cue word, unless a capitalised word inside the sentence runs into the
  first (``Pemilu 2019 dan 2024`` names elections). A lone bare year stays no date: it is as
  often a count, a code or part of a name.
- A weekday with digits whose slashes were lost (``Kamis (2592025)``) is read as the one
  split into day, month and year that is a valid date falling on that weekday; when none or
  several are, the value is ``None``.
- ``Minggu, (4/2/2024)`` (a comma before the brackets) is one day; ``sekira`` joins a time.
- A year alone in brackets (``Flo (1997)``, a film ``(2004)``) dates what it follows, and so
  does a citation's year after its source (``(Bank Indonesia, 2024)``).
- A year its era marks as Gregorian (``era`` words) is a date of any century: a word
  (``sejak 1500 Masehi``) after a year cue; a letter (``1303 M``; ``hingga 500 M`` may be
  500 billion) only after ``tahun`` or another calendar's year (``era_other``: ``702
  H/1303 M``). The other calendar's year is none (no Gregorian value).
- A bare month between two capitalised words (``Raja Juli Antoni``) is part of a name,
  unless the word before opens a month (``Pada Juli``: date_month_context.tsv).
- A number before ``tahun ini`` / ``hari ini`` (``berusia 42 tahun ini``) counts: no date.
- A day word after a period word (``musim kemarin``, ``musim panas kemarin``; ``vague_before``)
  is the previous season, no day; ``tahun/bulan/pekan kemarin`` are last year/month/week.
- A bare month its clause puts ahead (the weekday's ``ahead_*`` words: ``akan digelar pada
  Februari``) is this month or the next such one.
- Ranges: ``5-7 November 2023`` / ``5 hingga 7 Maret`` give the first day the month and year
  of the last (``day_range`` words); a bare weekday opening a range (``Rabu-Kamis
  (8-9/11/2023)``, ``Senin hingga Jumat (14/6)``) is the last such day on or before its end.
- ``hari ini, Kamis`` / ``kemarin (Senin)``: a bare weekday beside a day word names it.
- Inside a quote, ``kemarin`` / ``besok`` / ``lusa`` with no day in their sentence count from
  the last day stated before (in this or an earlier paragraph), the speaker's day, when it
  is up to a week before the published one; the writer's own ones keep the published day.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import NamedTuple

from ..model import DateMention
from .lexicon import alternation, rows, trie_alternation, word_table

__all__ = ["extract_dates"]


def _read_grammar(name: str) -> dict[str, dict[str, str]]:
    """``word<TAB>role[<TAB>value]`` rows as {role: {word: value}} (a word may have many roles)."""
    roles: dict[str, dict[str, str]] = {}
    for cells in rows(name):
        roles.setdefault(cells[1], {})[cells[0].lower()] = cells[2] if len(cells) > 2 else ""
    return roles


def _hour_set(ranges: str) -> frozenset[int]:
    """``18-24 0-5`` → the hours 18…24 and 0…5 (a part of the day's ``day_hours`` row)."""
    hours: set[int] = set()
    for span in ranges.split():
        first, _, last = span.partition("-")
        hours.update(range(int(first), int(last or first) + 1))
    return frozenset(hours)


def _era_forms(words: dict[str, str]) -> set[str]:
    """Era marks as news writes them: capitalised (``M``, ``Masehi``), words also lower case;
    a one-letter mark only capitalised (``1303 m`` would be metres)."""
    return {f for w in words for f in (w.capitalize(), w) if f[0].isupper() or len(w) > 1}


# A month named without a year or a cue: "recent" (the last such month on or before the
# published one) or "nearest" (that month nearest to the published one; see h11d9 in
# benchmarks/RESULTS-enrich.md for the measure that chose).
BARE_MONTH = "nearest"

_WORD_ONLY = re.compile(r"[\w']+")


class _Lexicon:
    """Word lists from ``data/date_*.tsv`` and the one compiled pattern over them."""

    def __init__(self) -> None:
        words = word_table("date_words.tsv")
        g = _read_grammar("date_grammar.tsv")
        self.weekdays = {w: int(v[1:]) for w, v in words.items() if v.startswith("D")}
        self.months = {w: int(v[1:]) for w, v in words.items() if v.startswith("M")}
        self.relative = {w: v for w, v in words.items() if v.startswith("R")}
        # a bare year stated as the sentence's own (``tahun 2023 ini``), not bound by a word
        # before it (``sejak 2019``): see _sentence_year_days
        self.year_now = re.compile(rf"\s+(?:{alternation(g['this'])})(?!\w)", re.IGNORECASE)
        self.year_governors = frozenset(g["year_governor"])
        self.direction = {w: -1 for w in g["past"]} | {w: 1 for w in g["future"]} | {w: 0 for w in g["this"]}
        self.ago_sign = {w: -1 for w in g["ago_past"]} | {w: 1 for w in g["ago_future"]}
        self.units = g["unit"]
        self.numbers = {w: int(v) for w, v in g["number"].items()}
        self.zones = {w: int(v) for w, v in g["zone"].items()}
        self.full_months = frozenset(w for w in self.months if len(w) > 3 and w not in g["ambiguous_month"])
        self.month_list = re.compile(rf"^\s*(?:(?:{alternation(g['month_list'])})\s*)+$", re.IGNORECASE)
        self.month_context = frozenset(word_table("date_month_context.tsv"))
        # words any date expression without digits must contain (first words of each form)
        self.triggers = frozenset([*(w.split()[0] for w in words), *g["clock"], *self.numbers,
                                   *(w.split()[0] for w in g["period"])])
        # where _candidates' words open a date, found in one pass over lower-cased text (see
        # there): a word start, then a digit or a whole trigger word (only triggers a word
        # can be, lower case and of word characters)
        words_only = [w for w in self.triggers if w == w.lower() and _WORD_ONLY.fullmatch(w)]
        self.starts = re.compile(rf"(?<![\w'])(?:\d|{trie_alternation(words_only)}(?![\w']))")
        # a time joins the date before it when only these words separate them
        self.join_gap = re.compile(rf"^[\s,]*(?:{alternation(g['join'])})?[\s,]*$", re.IGNORECASE)
        # a bare weekday put ahead by its clause (see _ahead)
        self.ahead_before = frozenset(g["ahead_before"])
        self.ahead_pass = frozenset(g.get("ahead_pass", {}))
        self.vague_before = frozenset(g.get("vague_before", {}))
        self.ahead_after = re.compile(
            rf"(?:\s+(?:{alternation(g['ahead_skip'])}))*\s+(?:{alternation(g['ahead_after'])})(?![\w'])", re.IGNORECASE
        )
        # between the first day of a range and the day that states its month (see _day_ranges)
        self.range_gap = re.compile(rf"^\s*(?:{alternation(g['day_range'])})\s*$", re.IGNORECASE)
        self.range_start = re.compile(
            rf"(?<![\w/.,])(?P<first>\d{{1,2}})\s*(?:{alternation(g['day_range'])})\s*$", re.IGNORECASE
        )
        # 'setiap hari Rabu', 'tiap Senin dan Kamis', 'setiap 17': a recurring day (see _habitual)
        days = [*self.weekdays, *self.months]
        self.habitual = re.compile(
            rf"(?<![\w'-])(?:{alternation(g['habitual'])})\s+(?:(?:{alternation(g['ahead_pass'])})\s+)?"
            rf"(?:(?:{alternation(days)})(?:\s+(?:{alternation(g['daypart'])}))?"
            rf"\s*(?:{alternation(g['month_list'])})\s*"
            rf"(?:(?:{alternation(g['ahead_pass'])})\s+)?)*(?:\d{{1,2}}\s+)?$",
            re.IGNORECASE,
        )
        self.past_before = frozenset(g.get("past_before", {}))
        # 'pukul 8.20 malam WIT': the part of the day after a clock time, the hours of the day
        # it covers (day_hours rows: word, first-last ranges) and a zone after it; then the
        # words before the day it names ('pukul 7.30 malam pada hari Rabu': time_day_link)
        self.day_hours = {w: _hour_set(v) for w, v in g.get("day_hours", {}).items()}
        self.part_after = re.compile(
            rf"\s*(?P<part>{alternation(self.day_hours)})(?![\w'])"
            rf"(?:\s*(?P<zone>{alternation(self.zones)})(?![\w']))?", re.IGNORECASE)
        self.time_day_gap = re.compile(
            rf"^[\s,]*(?:(?:{alternation(g['time_day_link'])})\s+)*$", re.IGNORECASE)
        self.pattern = self._compile(g)

    def _compile(self, g: dict[str, dict[str, str]]) -> re.Pattern[str]:
        """One pattern anchored at word starts over every date form (see the module docstring)."""
        direction = rf"(?:\s+(?P<dir>{alternation(self.direction)}))?"
        zone = rf"(?:{alternation(self.zones)})\b"
        time = (
            rf"(?:{alternation(g['clock'])})\s+(?P<hh>\d{{1,2}})(?:[.:](?P<mm>\d\d))?(?:\s*(?P<zone>{zone}))?"
            rf"|(?P<hh2>\d{{1,2}})[.:](?P<mm2>\d\d)\s*(?P<zone2>{zone})"
        )
        # 'Senin (12/2/2024)', 'Minggu, (4/2/2024)', 'Kamis (8-9/11/2023)': a range's last day
        explicit = (
            r",?\s*\(\s*(?:\d{{1,2}}\s*[-–]\s*)?(?P<{0}d>\d{{1,2}})/(?P<{0}m>\d{{1,2}})"
            r"(?:/(?P<{0}y>\d{{2,4}}))?\s*\)"
        )
        raw = r"|\s*\(\s*(?P<wdraw>\d{3,8})\s*\)"  # Kamis (2592025): slashes lost
        year_link = rf"(?:(?:{alternation(g['month_year_link'])})\s+)?"
        forms = [
            # kemarin, pekan lalu, kemarin (23/5)
            rf"(?<!\w)(?P<rel>{alternation(self.relative)})(?!\w)(?:{explicit.format('r')})?",
            # Senin (12/2/2024), Sabtu dini hari (14/9/2019), Jumat lalu, pada Kamis
            rf"(?P<wd>(?-i:{alternation(w.capitalize() for w in self.weekdays)}))(?!\w)"
            rf"(?:(?:\s+(?:{alternation(g['daypart'])}))?(?:{explicit.format('wd')}{raw}))?" + direction.replace("dir", "wdir"),
            # 12/2/2024
            r"(?<![\w/])(?P<nd>\d{1,2})/(?P<nm>\d{1,2})/(?P<ny>\d{4}|\d\d)(?![\w/])",
            # 12 Februari 2024, Februari 2024, pada Desember, September tahun lalu
            rf"(?<!\w)(?:(?P<day>\d{{1,2}})\s+)?(?P<mon>{alternation(self.months)})(?!\w)"
            rf"(?:\s+{year_link}(?P<year>\d{{4}})(?!\w)|\s+(?:{alternation(g['year_word'])})\s+(?P<myrel>{alternation(self.direction)})"
            # 'November 7, 2023', 'Nov. 7th, 2023': English order (a quoted tweet), with its year
            r"|\.?\s+(?P<eday>\d{1,2})(?:st|nd|rd|th)?,\s*(?P<eyear>\d{4})(?!\w))?"
            + direction.replace("dir", "mdir"),
            # tiga hari lalu, 2 pekan lagi
            rf"(?P<nago>\d{{1,2}}|{alternation(self.numbers)})\s+(?P<unit>{alternation(self.units)})\s+"
            rf"(?P<agodir>{alternation(self.ago_sign)})(?!\w)",
            rf"(?P<time>{time})",
            *self._year_forms(g),
        ]
        # Anchored at word starts: the engine rejects mid-word positions at once.
        return re.compile(r"(?<![\w'])(?:" + "|".join(forms) + ")", re.IGNORECASE)

    def _year_forms(self, g: dict[str, dict[str, str]]) -> list[str]:
        """The forms of :meth:`_compile` that date by a year alone: decades, pairs, bracketed
        and cited years, years an era marks, parts of a year, cued years."""
        year_cues = "|".join(rf"(?<={re.escape(w)}\s)" for w in g["year_cue"])
        # after another calendar's year: '702 H/1303 M' (fixed-width look-behinds, one a form)
        era_links = "|".join(
            rf"(?<=\d{space}{re.escape(w)}{gap})"
            for w in _era_forms(g["era_other"]) for space in ("", " ") for gap in ("/", " /", "/ ", " / ")
        )
        era = "|".join(re.escape(w) for w in sorted(_era_forms(g["era"]), key=len, reverse=True))
        era_words = "|".join(re.escape(w) for w in sorted(_era_forms(g["era"]), key=len, reverse=True) if len(w) > 1)
        year_words = "|".join(rf"(?<={re.escape(w)}\s)" for w in g["year_word"])
        return [
            # 2010-an, tahun 90-an: a decade
            r"(?P<dec4>(?:1[0-9]|20)\d)0-?an(?!\w)",
            rf"(?:{year_cues})(?P<dec2>\d)0-?an(?!\w)",
            # kayaknya 2023 atau 2022: two bare years as a list (before the cued year form, so
            # 'pada 2019 dan 2024' gives both)
            rf"(?<![-–/])(?P<ypair>(?:19|20)\d\d)\s*(?:{alternation(g['year_pair'])})\s*"
            r"(?P<ypair2>(?:19|20)\d\d)(?!\w|[-–/]\d|[.,]\d)",
            # Tore Andre Flo (1997): a year alone in brackets dates what it follows
            r"(?<=\()(?P<ybr>(?:19|20)\d\d)(?=\))",
            # (Bank Indonesia, 2024): a source's year closing a citation (checked in _value)
            r"(?<=, )(?P<ycite>(?:19|20)\d\d)(?=\))",
            # 702 H/1303 M, tahun 1500 Masehi: a year its era marks as Gregorian, any century
            # ('hingga 500 M' may be 500 billion: a one-letter mark needs 'tahun' or the link)
            rf"(?:{year_cues})(?P<yera>\d{{3,4}})\s?(?-i:{era_words})(?![\w/])",
            rf"(?:{year_words}|{era_links})(?P<yera2>\d{{3,4}})\s?(?-i:{era})(?![\w/])",
            # kuartal III-2023, kuartal kedua tahun 2024, musim panas 2018: a part of a year
            rf"(?:{alternation(g['period'])})(?:\s*(?:{alternation(g['period_part'])}))?"
            rf"(?:\s*[-/]\s*|\s+(?:(?:{alternation(g['year_word'])})\s+)?)(?P<yper>(?:19|20)\d\d)(?!\w|[-–/]\d)",
            # sejak 2019, tahun 2021
            rf"(?:{year_cues})(?P<yonly>(?:19|20)\d\d)(?!\w|[-–]\d)",
        ]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    return _Lexicon()


def _year(text: str | None) -> int | None:
    if text is None:
        return None
    year = int(text)
    return year + 2000 if year < 100 else year


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month_value(ref: date | None, month: int, year: int | None, direction: int) -> str | None:
    if year is not None:
        return f"{year:04d}-{month:02d}"
    if ref is None:
        return None
    if direction > 0:
        y = ref.year if month > ref.month else ref.year + 1
    else:
        y = ref.year if month <= ref.month else ref.year - 1
    return f"{y:04d}-{month:02d}"


def _nearest_year(ref: date, month: int, day: int) -> date | None:
    candidates = [c for y in (ref.year - 1, ref.year, ref.year + 1) if (c := _safe_date(y, month, day))]
    return min(candidates, key=lambda c: abs((c - ref).days)) if candidates else None


def _week(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def _shift_month(ref: date, months: int) -> str:
    index = ref.year * 12 + ref.month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _relative(code: str, ref: date | None, n: int = 1) -> str | None:
    """Resolve a relative code from date_words.tsv (``Rd-1`` day, ``Rw+1`` week, ...)."""
    if ref is None:
        return None
    unit, offset = code[1], int(code[2:]) * n
    if unit == "d":
        return (ref + timedelta(days=offset)).isoformat()
    if unit == "w":
        return _week(ref + timedelta(weeks=offset))
    if unit == "m":
        return _shift_month(ref, offset)
    return f"{ref.year + offset:04d}"


class _Clock(NamedTuple):
    """A clock time as written: hour (0-23), minute and the offset it is in (None: unknown);
    ``zoned``: the text wrote its zone (else the offset is the published time's)."""

    hour: int
    minute: int
    tz: tzinfo | None
    zoned: bool = False


def _at_clock(day: str, clock: _Clock, shift: int) -> str:
    """ISO stamp of ``clock`` on ``day`` plus ``shift`` hours (which may cross midnight)."""
    stamp = datetime.fromisoformat(day).replace(hour=clock.hour, minute=clock.minute, tzinfo=clock.tz)
    return (stamp + timedelta(hours=shift)).isoformat()


class _Resolver:
    """Turns one regex match into a (value, kind) pair; kind "day" can take a following time."""

    def __init__(self, published: datetime | None, lex: _Lexicon) -> None:
        self.published = published
        self.ref = published.date() if published else None
        self.lex = lex

    def _direction(self, word: str | None) -> int:
        return self.lex.direction.get(word.lower(), 0) if word else 0

    def explicit(self, day: str, month: str, year: str | None) -> str | None:
        """``(12/2/2024)`` after a weekday or ``kemarin``; without a year, the nearest one."""
        if year is None:
            if self.ref is None:
                return None
            d = _nearest_year(self.ref, int(month), int(day))
        else:
            d = _safe_date(_year(year) or 0, int(month), int(day))
        return d.isoformat() if d else None

    def weekday(self, m: re.Match[str], lex: _Lexicon, ahead: bool = False) -> str | None:
        """The weekday's date: the one its brackets give, else the last such day on or before
        the published date, or the coming one when ``depan`` or ``ahead`` (see _ahead)."""
        if m["wdd"]:
            return self.explicit(m["wdd"], m["wdm"], m["wdy"])
        if m["wdraw"]:
            return self.raw(m["wdraw"], lex.weekdays[m["wd"].lower()])
        if self.ref is None:
            return None
        target = lex.weekdays[m["wd"].lower()]
        back = (self.ref.weekday() - target) % 7
        direction = self._direction(m["wdir"])
        if direction > 0 or (direction == 0 and ahead):  # 'Jumat depan', 'akan digelar Jumat'
            return (self.ref + timedelta(days=(target - self.ref.weekday()) % 7 or 7)).isoformat()
        if direction < 0:  # 'Jumat lalu' on a Friday is a week back
            back = back or 7
        return (self.ref - timedelta(days=back)).isoformat()

    def raw(self, digits: str, weekday: int) -> str | None:
        """``2592025`` after ``Kamis``: the one split (day, month[, year]) that is a valid
        date on that weekday; ``None`` when no split or more than one is."""
        found: set[date] = set()
        for dl in (1, 2):
            for ml in (1, 2):
                rest = digits[dl + ml :]
                if len(rest) not in (0, 2, 4) or (rest and rest[0] == "0" and len(rest) == 4):
                    continue
                day, month = int(digits[:dl]), int(digits[dl : dl + ml])
                if digits[dl] == "0" and ml == 1:
                    continue
                if rest:
                    d = _safe_date(_year(rest) or 0, month, day)
                elif self.ref is not None:
                    d = _nearest_year(self.ref, month, day) if 1 <= month <= 12 else None
                else:
                    d = None
                if d is not None and d.weekday() == weekday:
                    found.add(d)
        return found.pop().isoformat() if len(found) == 1 else None

    def decade(self, m: re.Match[str]) -> str:
        """``2010-an`` → ``201X``; ``90-an`` → the latest such decade not after the
        published year (``199X``; ``20-an`` in 2025 → ``202X``)."""
        if m["dec4"]:
            return f"{m['dec4']}X"
        latest = self.ref.year if self.ref else 2099
        century = 20 if 2000 + int(m["dec2"]) * 10 <= latest else 19
        return f"{century}{m['dec2']}X"

    def numeric(self, m: re.Match[str]) -> str | None:
        d = _safe_date(_year(m["ny"]) or 0, int(m["nm"]), int(m["nd"]))
        return d.isoformat() if d else None

    def month(self, m: re.Match[str], lex: _Lexicon, ahead: bool = False, nearest: bool = False) -> str | None:
        """The month (or day) a month match names; a bare month its clause puts ahead
        (``akan digelar pada Desember``) is this month or the next such one; ``nearest``:
        that month nearest to the published one (the past one on a tie)."""
        month = lex.months[m["mon"].lower().rstrip(".")]
        year = _year(m["year"] or m["eyear"])
        if m["myrel"] and self.ref is not None:  # 'September tahun lalu'
            year = self.ref.year + self._direction(m["myrel"])
        if m["day"] or m["eday"]:
            day = int(m["day"] or m["eday"])
            if year is not None:
                d = _safe_date(year, month, day)
            else:
                d = _nearest_year(self.ref, month, day) if self.ref else None
            return d.isoformat() if d else None
        if ahead and year is None and not m["mdir"] and self.ref is not None:
            return f"{self.ref.year + (month < self.ref.month):04d}-{month:02d}"
        if nearest and year is None and self.ref is not None and (month - self.ref.month) % 12 < 6:
            return f"{self.ref.year + (month < self.ref.month):04d}-{month:02d}"
        return _month_value(self.ref, month, year, self._direction(m["mdir"]))

    def ago(self, m: re.Match[str]) -> str | None:
        n = int(m["nago"]) if m["nago"].isdigit() else self.lex.numbers[m["nago"].lower()]
        sign = self.lex.ago_sign[re.sub(r"\s+", " ", m["agodir"].lower())]
        unit = self.lex.units[m["unit"].lower()]
        return _relative(f"R{unit}{sign:+d}", self.ref, n)

    def clock(self, m: re.Match[str]) -> _Clock | None:
        """The hour, minute and offset a clock time writes (``None`` for ``pukul 25.70``). The
        offset is the written zone's (WIB +07:00), else the published time's, else none; it
        does not need a published date, so an undated article keeps ``pukul 20.00 WIB``'s."""
        hh, mm = m["hh"] or m["hh2"], m["mm"] or m["mm2"] or "00"
        zone = (m["zone"] or m["zone2"] or "").lower()
        if int(hh) > 24 or int(mm) > 59:
            return None
        if zone:
            tz: tzinfo | None = timezone(timedelta(hours=self.lex.zones[zone]))
        else:
            tz = self.published.tzinfo if self.published and self.published.tzinfo else None
        return _Clock(int(hh) % 24, int(mm), tz, bool(zone))

    def time(self, clock: _Clock, day: str | None, shift: int = 0) -> str | None:
        """``clock`` on ``day`` (default: the published date) moved on by ``shift`` hours
        (``pukul 12 malam`` is the next day's 00:00)."""
        if day is None:
            if self.ref is None:
                return None
            day = self.ref.isoformat()
        return _at_clock(day, clock, shift)


def _month_allowed(paragraph: str, m: re.Match[str], lex: _Lexicon) -> bool:
    """Full month names always count; ``Mei`` and abbreviations need a day, year or cue word."""
    word = m["mon"].lower().rstrip(".")
    if m["day"] or m["year"] or m["eday"]:
        return True
    if not m["mdir"] and not m["myrel"] and _in_name(paragraph, m, lex):
        return False
    if word not in lex.full_months or not m["mon"][0].isupper():
        prev = re.search(r"(\w+)\s+$", paragraph[max(0, m.start() - 20) : m.start()])
        return bool(prev and prev.group(1).lower() in lex.month_context and m["mon"][0].isupper())
    return True


_CAPITAL_NEXT = re.compile(r" [A-Z]")
_CAPITAL_BEFORE = re.compile(r"(?<![\w'-])([A-Z][\w'-]*) $")


def _in_name(paragraph: str, m: re.Match[str], lex: _Lexicon) -> bool:
    """A bare month between two capitalised words (``Raja Juli Antoni``) is part of a
    person's or a place's name, unless the word before is one that opens a month (``Pada
    Juli``: date_month_context.tsv)."""
    before = _CAPITAL_BEFORE.search(paragraph, max(0, m.start() - 30), m.start())
    return (
        before is not None
        and before.group(1).lower() not in lex.month_context
        and bool(_CAPITAL_NEXT.match(paragraph, m.end()))
    )


_DIGIT = re.compile(r"\d")
_WORDS = re.compile(r"[\w']+")


def _candidates(paragraph: str, lex: _Lexicon) -> Iterator[re.Match[str]]:
    """Matches of the date pattern, tried only where a date can start: at a digit or a date
    word. Running the big alternation at every word start costs several times more."""
    pos = 0
    for start in _word_starts(paragraph, lex):
        if start < pos:
            continue
        m = lex.pattern.match(paragraph, start)
        if m is not None:
            pos = m.end()
            yield m


def _word_starts(paragraph: str, lex: _Lexicon) -> Iterator[int]:
    """Where a word (``[\\w']+``) opening with a digit or being a date word (any case)
    starts. In text that is ASCII but for marks that are no word characters and lower-case
    to themselves (curly quotes, dashes), lower-casing keeps every character's class, so
    one case-sensitive pattern over the lower-cased text finds exactly those words; any
    other text is read word by word."""
    if paragraph.isascii() or paragraph.translate(_PLAIN_MARKS).isascii():
        return (m.start() for m in lex.starts.finditer(paragraph.lower()))
    return (word.start() for word in _WORDS.finditer(paragraph)
            if word.group()[0].isdigit() or word.group().lower() in lex.triggers)


# non-ASCII marks that are no word character, no digit and their own lower case
_PLAIN_MARKS = dict.fromkeys(map(ord, "“”‘’„«»–—…\u00a0"))


def _value(m: re.Match[str], paragraph: str, lex: _Lexicon, resolver: _Resolver) -> tuple[bool, str | None]:
    """(keep, value) for a non-time match; ``keep`` is False for a month word that is a name."""
    if m["wd"] and not (m["wdd"] or m["wdraw"] or m["wdir"]) and _habitual(paragraph, m, lex):
        return False, None  # 'setiap hari Rabu': a recurring day, no date
    if m["mon"] and not (m["year"] or m["eyear"] or m["mdir"] or m["myrel"]) and _habitual(paragraph, m, lex):
        return False, None  # 'setiap 17 Agustus', 'tiap bulan Desember'
    if m["wd"]:
        ahead = not m["wdd"] and not m["wdraw"] and _ahead(paragraph, m, lex)
        return True, resolver.weekday(m, lex, ahead)
    if m["nd"]:
        return True, resolver.numeric(m)
    if m["mon"]:
        if not _month_allowed(paragraph, m, lex):
            return False, None
        bare = not (m["day"] or m["year"] or m["eday"] or m["mdir"] or m["myrel"])
        ahead = bare and _ahead(paragraph, m, lex)
        nearest = bare and not ahead and BARE_MONTH == "nearest" and not _past(paragraph, m, lex)
        return True, resolver.month(m, lex, ahead, nearest)
    if m["rel"] and m["rd"]:
        return True, resolver.explicit(m["rd"], m["rm"], m["ry"])
    if m["rel"] and _after_count(paragraph, m, lex):
        return False, None  # 'aktor berusia 42 tahun ini': an age or a span, no date
    if m["rel"] and _after_period_word(paragraph, m, lex):
        return False, None  # 'musim kemarin': the previous season, no day
    if m["rel"]:
        return True, _relative(lex.relative[re.sub(r"\s+", " ", m["rel"].lower())], resolver.ref)
    if m["nago"]:
        return True, resolver.ago(m)
    if m["dec4"] or m["dec2"]:
        return True, resolver.decade(m)
    if m["ybr"] or m["yper"]:
        return True, m["ybr"] or m["yper"]
    if m["ycite"]:
        return _CITATION.search(paragraph, max(0, m.start() - _CITED_CHARS), m.start()) is not None, m["ycite"]
    if m["yera"] or m["yera2"]:
        return True, f"{int(m['yera'] or m['yera2']):04d}"
    if _LAW_YEAR.search(paragraph, 0, m.start()):
        return False, None  # 'UU Nomor 7 Tahun 2017', 'UUD NRI Tahun 1945': part of a name
    return True, m["yonly"]


# '(Bank Indonesia, ': a bracket opened by a capitalised source and closed by its year
# ('*+' is possessive: a word is never split into shorter capitalised ones, which made a long
# capitalised run ('(BADAN PUSAT STATISTIK PROVINSI diolah, 2024)') backtrack exponentially)
_CITATION = re.compile(r"\((?:[A-Z][\w.&'-]*+\s?)+(?:\s(?:dan|and|&)\s[A-Z][\w.'-]*)?(?:\set\sal\.?)?, $")
_CITED_CHARS = 60  # a source's name in a citation is short

_COUNT_BEFORE = re.compile(r"(?<![\w'-])([\w']+)\s+$")


def _after_count(paragraph: str, m: re.Match[str], lex: _Lexicon) -> bool:
    """``42 tahun ini``, ``dua hari ini``: a relative word that opens with a unit (``tahun``)
    right after a number counts that unit (an age, a span); it is no date. Not after an
    ordinal (``ke-14 tahun ini``) nor a number in a name (``Liga 1 pekan ini``)."""
    if m["rel"].split()[0].lower() not in lex.units:
        return False
    before = _COUNT_BEFORE.search(paragraph, max(0, m.start() - 20), m.start())
    if before is None or not (before.group(1).isdigit() or before.group(1).lower() in lex.numbers):
        return False
    return not _after_name(paragraph, before.start(1))


_CLAUSE_END = re.compile(r"[.,;:!?\"“”()\n]")


def _clause_words_before(paragraph: str, start: int, chars: int) -> list[str]:
    """The words of ``start``'s clause before it, within ``chars`` characters (no clause mark
    between them and ``start``)."""
    before = paragraph[max(0, start - chars) : start]
    cut = None
    for cut in _CLAUSE_END.finditer(before):
        pass
    if cut is not None:
        before = before[cut.end() :]
    return _WORDS.findall(before)


def _after_period_word(paragraph: str, m: re.Match[str], lex: _Lexicon) -> bool:
    """A day word (``kemarin``, ``besok``) after a period word among the two words before it
    in its clause (``musim kemarin``, ``musim panas kemarin``; ``vague_before`` words) means
    the previous or next such period, not a day."""
    if not lex.relative[re.sub(r"\s+", " ", m["rel"].lower())].startswith("Rd"):
        return False
    words = _clause_words_before(paragraph, m.start(), 40)
    return any(w.lower() in lex.vague_before for w in words[-2:])


def _ahead(paragraph: str, m: re.Match[str], lex: _Lexicon) -> bool:
    """True when the weekday's clause puts it ahead: an ``ahead_before`` word among the three
    words before it (no clause mark between; ``ahead_pass`` words such as ``bulan`` not
    counted) or an ``ahead_after`` word right after it.
    Speech verbs in between block the after-case on purpose: in ``pada Senin mengatakan
    akan ...`` the Monday is the day of saying."""
    if lex.ahead_after.match(paragraph, m.end()):
        return True
    words = [w.lower() for w in _clause_words_before(paragraph, m.start(), 60)]
    words = [w for w in words if w not in lex.ahead_pass]  # 'pada bulan Desember'
    return any(w in lex.ahead_before for w in words[-3:])


def _past(paragraph: str, m: re.Match[str], lex: _Lexicon) -> bool:
    """A ``past_before`` word (``telah``, ``sejak``) among the three words before a bare month
    in its clause (``ahead_pass`` words such as ``bulan`` not counted) puts it in the past."""
    words = [w.lower() for w in _clause_words_before(paragraph, m.start(), 60)]
    words = [w for w in words if w not in lex.ahead_pass]
    return any(w in lex.past_before for w in words[-3:])


def _habitual(paragraph: str, m: re.Match[str], lex: _Lexicon) -> bool:
    """``setiap hari Rabu``, ``tiap Senin dan Kamis``, ``setiap 17 Agustus``: a ``habitual``
    word before the day (``hari``/``bulan``, other days or months of a list between) makes it
    recur; it names no one date."""
    return lex.habitual.search(paragraph, max(0, m.start() - 60), m.start()) is not None


_NAME_BEFORE = re.compile(r"(?P<before>\S?)\s*[A-Z][\w-]* $")


def _after_name(paragraph: str, start: int) -> bool:
    """A capitalised word inside a sentence right before ``start`` (``Pemilu 2019``): the
    number is part of a name (sentence-initial words excepted)."""
    m = _NAME_BEFORE.search(paragraph, max(0, start - 40), start)
    return m is not None and m["before"] != "" and m["before"] not in ".!?:;\"“”(,"


# A capitalised cue inside a sentence ('... Nomor 7 Tahun 2017') names a law or a document.
_LAW_YEAR = re.compile(r"[\w,]\s+[A-Z][a-z]+\s+$")


def extract_dates(paragraphs: list[str], published: datetime | None = None) -> list[DateMention]:
    """Every date/time expression in the paragraphs, resolved against ``published``."""
    lex = _lexicon()
    resolver = _Resolver(published, lex)
    found: list[DateMention] = []
    narrative: date | None = None  # the last day the text stated, across paragraphs
    for index, paragraph in enumerate(paragraphs):
        mentions: list[DateMention] = []
        kinds: list[tuple[str, object]] = []  # per mention: what the post passes need
        last_day: DateMention | None = None  # a time right after it joins it
        for m in _candidates(paragraph, lex):
            if m["time"]:
                day = last_day.value if last_day is not None and len(last_day.value or "") == 10 else None
                clock = resolver.clock(m)
                # 'pukul 8.20 malam': 20:20; the part of the day is part of the mention either way
                # ('pukul 12 sore' too, though it names no time: no value)
                shift, end, clock = _part_of_day(paragraph, m.end(), clock, lex)
                value = resolver.time(clock, day, shift) if clock else None
                if last_day is not None and value is not None and lex.join_gap.match(paragraph[last_day.end : m.start()]):
                    last_day.text = paragraph[last_day.start : end]
                    last_day.end = end
                    last_day.value = value
                else:
                    mentions.append(DateMention(paragraph[m.start() : end], value, index, m.start(), end))
                    kinds.append(("time", (clock, shift)))
                continue
            if m["ypair"]:
                if not _after_name(paragraph, m.start()):
                    for group in ("ypair", "ypair2"):
                        mentions.append(DateMention(m[group], m[group], index, m.start(group), m.end(group)))
                        kinds.append(("other", None))
                continue
            keep, value = _value(m, paragraph, lex, resolver)
            if not keep:
                continue
            mention = DateMention(m.group(), value, index, m.start(), m.end())
            mentions.append(mention)
            kinds.append(_kind(m, lex))
            if value is not None and len(value) == 10:
                last_day = mention
        _join_weekday_dates(paragraph, mentions, kinds)
        if any(kind == "time" for kind, _ in kinds):
            _clock_parts_of_day(paragraph, mentions, kinds, lex)
        _day_ranges(paragraph, mentions, kinds, lex, index)
        _weekday_ranges(paragraph, mentions, kinds, lex)
        _year_of_month_lists(paragraph, mentions, kinds, lex)
        _month_ranges(paragraph, mentions, kinds, lex)
        narrative = _anchor_relative_days(paragraph, mentions, kinds, resolver.ref, narrative)
        found.extend(mentions)
    if published is None and any(d.value is None for d in found):
        _sentence_year_days(found, paragraphs, lex)
        _undated_weekdays(found, lex)
    return found


_DAY_MONTH_WORD = re.compile(r"(\d{1,2})\s+(\w+)")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def _sentence_year_days(found: list[DateMention], paragraphs: list[str], lex: _Lexicon) -> None:
    """Without a published date (in place): a day and month without a year (``10 November``)
    takes the year a bare year before it in its sentence states as the current one (``pada
    tahun 2023 ini tema ... Hari Pahlawan 10 November``): the sentence has placed itself in
    that year. Another date's year (``dimulai 17 Agustus 2020 … selesai 10 Januari``) or a
    year that bounds or compares (``sejak 2019 hingga 5 Maret``) says nothing of it."""
    for k, d in enumerate(found):
        dm = _DAY_MONTH_WORD.fullmatch(d.text)
        if d.value is not None or dm is None or dm[2].lower() not in lex.months:
            continue
        paragraph = paragraphs[d.paragraph]
        for before in reversed(found[:k]):
            if before.paragraph != d.paragraph or _SENTENCE_END.search(paragraph, before.end, d.start):
                break
            if _states_year(before, paragraph, lex):
                day = _safe_date(int(before.value[:4]), lex.months[dm[2].lower()], int(dm[1]))
                d.value = day.isoformat() if day else None
                break


def _states_year(d: DateMention, paragraph: str, lex: _Lexicon) -> bool:
    """Whether ``d`` is a bare year stated as the current one: a year alone, a ``this`` word
    after it (``2023 ini``), no ``year_governor`` among the two words before it."""
    if not (d.value and len(d.value) == 4 and d.value.isdigit() and d.text.strip() == d.value):
        return False
    before = paragraph[: d.start].lower().split()[-2:]
    return lex.year_now.match(paragraph, d.end) is not None and lex.year_governors.isdisjoint(before)


_DAY_MONTH = re.compile(r"\(\s*(\d{1,2})\s*/\s*(\d{1,2})\s*\)")
# A weekday with its day and month recurs 5, 6 or 11 years on (28 for 29 February): a search
# over the years ahead would invent far dates, so only the latest year or the next one counts
# (an article about late 2023 may say 'Kamis (2/1)' for January 2024).
_YEARS_AHEAD = 2


def _undated_weekdays(found: list[DateMention], lex: _Lexicon) -> None:
    """Without a published date (in place): a weekday with its day and month but no year
    (``Kamis (2/11)``) is that day in the latest year the article states or the next one,
    whichever falls on that weekday (neither: ``None``). A bare weekday (``pada Kamis``) is
    the last such day on or before the last *weekday with its date* before it (``Kamis
    (2/11)``, ``Selasa (7/11/2023)``, ``Senin 6 November 2023``): that is how a report names
    its days. A date without its weekday (a birth date, ``5 Maret 2001``) or a bare weekday
    resolved here (walking back from one to the next) is no sign of the week meant."""
    years = [int(d.value[:4]) for d in found if d.value and d.value[:4].isdigit()]
    if not years:
        return
    latest = max(years)
    anchor: date | None = None
    for d in found:
        first = d.text.split()[0].lower().strip(",") if d.text.split() else ""
        if first not in lex.weekdays:
            continue
        target = lex.weekdays[first]
        day_month = _DAY_MONTH.search(d.text)
        if d.value is None and day_month:
            day, month = int(day_month[1]), int(day_month[2])
            resolved = next((c for y in range(latest, latest + _YEARS_AHEAD)
                             if (c := _safe_date(y, month, day)) and c.weekday() == target), None)
            d.value = resolved.isoformat() if resolved else None
        elif d.value is None and anchor is not None and len(d.text.split()) == 1:
            d.value = (anchor - timedelta(days=(anchor.weekday() - target) % 7)).isoformat()
            continue
        anchor = _weekday_date(d) or anchor


def _weekday_date(d: DateMention) -> date | None:
    """The day a mention that opens with its weekday writes with digits (``Selasa
    (7/11/2023) pukul 16.00``: 7 November), or ``None``."""
    if not d.value or not _ISO_DAY.match(d.value) or not any(ch.isdigit() for ch in d.text):
        return None
    return date.fromisoformat(d.value[:10])


_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def _kind(m: re.Match[str], lex: _Lexicon) -> tuple[str, object]:
    """``("month", (month, day, has_year))``, ``("relative", code)``, ``("day", None)``
    for a day the text writes out (an anchor), or ``("other", None)``."""
    if m["mon"]:
        month = lex.months[m["mon"].lower().rstrip(".")]
        if m["day"] and m["year"] or m["eday"]:
            return "day", None
        return "month", (month, int(m["day"]) if m["day"] else None, bool(m["year"] or m["myrel"]))
    if m["wdd"] or m["wdraw"] or m["nd"]:
        return "day", None
    if m["wd"] and not m["wdir"]:
        return "weekday", None
    if m["rel"] and not m["rd"]:
        return "relative", lex.relative[re.sub(r"\s+", " ", m["rel"].lower())]
    return "other", None


_WEEKDAY_GAP = re.compile(r"^,?\s*$")


def _join_weekday_dates(paragraph: str, mentions: list[DateMention], kinds: list[tuple[str, object]]) -> None:
    """``Rabu, 8 November 2023``: a bare weekday right before the date it names is one
    mention with that date (not the last Wednesday before the published day)."""
    k = 0
    while k + 1 < len(mentions):
        first, second = mentions[k], mentions[k + 1]
        if (
            kinds[k][0] == "weekday"
            and kinds[k + 1][0] in ("day", "month")
            and len(second.value or "") >= 10
            and _WEEKDAY_GAP.match(paragraph[first.end : second.start])
        ):
            first.text = paragraph[first.start : second.end]
            first.end, first.value = second.end, second.value
            kinds[k] = ("day", None)
            del mentions[k + 1], kinds[k + 1]
        k += 1


def _part_of_day(paragraph: str, end: int, clock: _Clock | None, lex: _Lexicon
                 ) -> tuple[int, int, _Clock | None]:
    """(hours to add, where the mention ends, the clock) for a clock time ending at ``end``
    and the part of the day after it (``day_hours`` rows of date_grammar.tsv). The written
    hour is read as the hour it is or the one twelve later, whichever the part covers — the
    written one when both: ``pukul 8.20 malam`` is 20:20, ``jam 2 malam`` stays 02:00, and
    ``pukul 12 malam`` (24) is the midnight that ends the day, the next day's 00:00, while
    ``12 siang`` stays noon. A part that covers neither (``pukul 12 sore``: afternoon runs
    13-23) contradicts the hour, so no time is read (clock None): the mention keeps its
    words, and the date before it is not given a time it does not state. A zone after the
    part (``pukul 8 malam WIT``) is the clock's when it wrote none before."""
    part = lex.part_after.match(paragraph, end) if lex.day_hours and clock else None
    if part is None or clock is None:
        return 0, end, clock
    end = part.end("part")
    if part["zone"] and not clock.zoned:
        clock = clock._replace(tz=timezone(timedelta(hours=lex.zones[part["zone"].lower()])),
                               zoned=True)
        end = part.end()
    covered = lex.day_hours[part["part"].lower()]
    shift = next((s for s in (0, 12) if clock.hour + s in covered), None)
    return (0, end, None) if shift is None else (shift, end, clock)


def _clock_parts_of_day(paragraph: str, mentions: list[DateMention], kinds: list[tuple[str, object]],
                        lex: _Lexicon) -> None:
    """A clock time followed by the day it happens on (``pukul 8.20 malam pada Rabu lalu``,
    ``pada hari Rabu``: ``time_day_link`` words between, after its part of the day) is one
    mention at that day (the time was read at the published day)."""
    k = 0
    while k + 1 < len(mentions):
        mention, nxt = mentions[k], mentions[k + 1]
        clock, shift = kinds[k][1] if kinds[k][0] == "time" else (None, 0)  # type: ignore[misc]
        if clock is None or len(nxt.value or "") != 10:
            k += 1
            continue
        # the mention already ends after its part of the day ('pukul 8.20 malam')
        if not lex.time_day_gap.match(paragraph[mention.end : nxt.start]):
            k += 1
            continue
        mention.text = paragraph[mention.start : nxt.end]
        mention.end, mention.value = nxt.end, _at_clock(nxt.value or "", clock, shift)
        kinds[k] = ("other", None)
        del mentions[k + 1], kinds[k + 1]
        k += 1


def _day_ranges(
    paragraph: str, mentions: list[DateMention], kinds: list[tuple[str, object]], lex: _Lexicon, index: int
) -> None:
    """``5-7 November 2023``, ``5 hingga 7 Maret``: the range's first day, written as a bare
    number, takes the month and year of the day that ends the range (one more mention)."""
    k = 0
    while k < len(mentions):
        second = mentions[k]
        if (
            kinds[k][0] in ("day", "month")
            and second.text[:1].isdigit()
            and "/" not in second.text
            and len(second.value or "") >= 10
        ):
            m = lex.range_start.search(paragraph, max(0, second.start - 20), second.start)
            end = date.fromisoformat((second.value or "")[:10])
            first = _safe_date(end.year, end.month, int(m["first"])) if m else None
            if m and first is not None and first < end:
                mentions.insert(k, DateMention(m["first"], first.isoformat(), index, m.start("first"), m.end("first")))
                kinds.insert(k, ("day", None))
                k += 1
        k += 1


def _weekday_ranges(
    paragraph: str, mentions: list[DateMention], kinds: list[tuple[str, object]], lex: _Lexicon
) -> None:
    """``Rabu-Kamis (8-9/11/2023)``, ``Senin hingga Jumat (10/11)``: a bare weekday opening a
    range is the last such day on or before the day that ends it."""
    for k in range(len(mentions) - 1):
        first, second = mentions[k], mentions[k + 1]
        if (
            kinds[k][0] == "weekday"
            and kinds[k + 1][0] == "day"
            and len(second.value or "") >= 10
            and lex.range_gap.match(paragraph[first.end : second.start])
        ):
            end = date.fromisoformat((second.value or "")[:10])
            target = lex.weekdays[first.text.lower()]
            first.value = (end - timedelta(days=(end.weekday() - target) % 7)).isoformat()


def _year_of_month_lists(
    paragraph: str, mentions: list[DateMention], kinds: list[tuple[str, object]], lex: _Lexicon
) -> None:
    """``September, Oktober, November di 2020``: months listed before a month with a stated
    year take that year (walking back from the last month of the list)."""
    year: str | None = None
    for k in range(len(mentions) - 1, -1, -1):
        kind, info = kinds[k]
        if kind == "day":
            year = (mentions[k].value or "")[:4] or None
            continue
        if kind != "month":
            year = None
            continue
        month, day, has_year = info  # type: ignore[misc]
        if has_year:
            year = (mentions[k].value or "")[:4] or None
            continue
        if year is not None and k + 1 < len(mentions) and lex.month_list.match(
            paragraph[mentions[k].end : mentions[k + 1].start]
        ):
            if day is None:
                mentions[k].value = f"{year}-{month:02d}"
            else:
                d = _safe_date(int(year), month, day)
                mentions[k].value = d.isoformat() if d else None
            continue
        year = None


def _month_ranges(
    paragraph: str, mentions: list[DateMention], kinds: list[tuple[str, object]], lex: _Lexicon
) -> None:
    """``Januari hingga Agustus``, ``September-Desember``: two bare months as a range (the
    ``day_range`` words between), the first is that month up to a year before the
    second (a September article's ``Januari hingga Agustus`` is this year's January even
    where the nearest January is the coming one)."""
    for k in range(len(mentions) - 1):
        if kinds[k][0] != "month" or kinds[k + 1][0] != "month":
            continue
        first, second = mentions[k], mentions[k + 1]
        month, day, has_year = kinds[k][1]  # type: ignore[misc]
        if day or has_year or kinds[k + 1][1][1]:  # type: ignore[index]
            continue  # 'Januari hingga 5 Agustus': a day range, read by the day passes
        if len(first.value or "") != 7 or len(second.value or "") != 7:
            continue
        if not lex.range_gap.match(paragraph[first.end : second.start]):
            continue
        end_year, end_month = int(second.value[:4]), int(second.value[5:])  # type: ignore[index]
        first.value = f"{end_year - (month > end_month):04d}-{month:02d}"


_SAME_SPOT = re.compile(r"^[\s,]*$")
_QUOTE_OPEN = re.compile(r"\s*[\"“]")
_SENTENCE_TAIL = re.compile(r"^[\s.)\"”]*$")


def _said_before(
    paragraph: str, bounds: list[tuple[int, int]], here: int, mentions: list[DateMention], anchors: list[int]
) -> list[int]:
    """``... kata X, Rabu (5/6/2024). "Kemarin kami rapat"``: a quote opening the sentence
    after one that ends on a day was said that day, so that day anchors the quote's relative
    words; [] when the sentence is no quote or the one before does not end on a day."""
    if here < 1 or not _QUOTE_OPEN.match(paragraph, bounds[here][0]):
        return []
    start, end = bounds[here - 1]
    return [a for a in anchors if start <= mentions[a].start < end
            and _SENTENCE_TAIL.match(paragraph[mentions[a].end : bounds[here][0]])]
_ANCHOR_DAYS = 7


def _anchor_relative_days(
    paragraph: str,
    mentions: list[DateMention],
    kinds: list[tuple[str, object]],
    ref: date | None,
    narrative: date | None,
) -> date | None:
    """Resolve ``hari ini`` / ``kemarin`` / ``besok`` / ``pekan lalu`` … against the day their
    sentence names (see the module docstring); sentences are split only for paragraphs that
    need it. ``narrative`` is the last day stated before this paragraph; the last one stated
    by the end of it is returned."""
    anchors = [k for k, (kind, _) in enumerate(kinds) if kind == "day" and len(mentions[k].value or "") >= 10]
    last = date.fromisoformat((mentions[anchors[-1]].value or "")[:10]) if anchors else narrative
    relative = [k for k, (kind, _) in enumerate(kinds) if kind == "relative"]
    if not relative or ref is None:
        return last
    bounds: list[tuple[int, int]] = []
    if anchors:
        from ..lang.sentences import (
            split_sentences,  # only here: most paragraphs never need it
        )

        bounds = [(s.start, s.end) for s in split_sentences(paragraph)]

    def sentence_of(pos: int) -> int:
        return next((n for n, (a, b) in enumerate(bounds) if a <= pos < b), -1)

    for k in relative:
        code = str(kinds[k][1])
        if _named_weekday(paragraph, mentions, kinds, k, code):
            continue
        here = sentence_of(mentions[k].start)
        candidates = [a for a in anchors if sentence_of(mentions[a].start) == here]
        if not candidates:
            candidates = _said_before(paragraph, bounds, here, mentions, anchors) if anchors else []
        if not candidates:
            _narrative_day(paragraph, mentions, anchors, k, code, ref, narrative)
            continue
        a = min(candidates, key=lambda a: abs(mentions[a].start - mentions[k].start))
        day = date.fromisoformat((mentions[a].value or "")[:10])
        if not 0 <= (ref - day).days <= _ANCHOR_DAYS:
            continue
        first, second = sorted((mentions[a], mentions[k]), key=lambda d: d.start)
        if code[1] == "d" and _SAME_SPOT.match(paragraph[first.end : second.start]):
            mentions[k].value = day.isoformat()  # 'kemarin, Selasa (10/6)': the same day
        else:
            mentions[k].value = _relative(code, day)  # 'pekan lalu' said that day
    return last


def _named_weekday(
    paragraph: str, mentions: list[DateMention], kinds: list[tuple[str, object]], k: int, code: str
) -> bool:
    """``hari ini, Kamis`` / ``kemarin (Senin)``: a bare weekday side by side with ``hari ini``
    or a day back names that day (a late-night article is published on the next one)."""
    if code[1] != "d" or int(code[2:]) > 0:
        return False
    for j in (k - 1, k + 1):
        if 0 <= j < len(mentions) and kinds[j][0] == "weekday" and mentions[j].value:
            first, second = sorted((mentions[j], mentions[k]), key=lambda d: d.start)
            if _WEEKDAY_SIDE.match(paragraph[first.end : second.start]):
                mentions[k].value = mentions[j].value
                return True
    return False


def _in_quote(paragraph: str, pos: int) -> bool:
    """Whether ``pos`` lies inside quotation marks: after an unclosed curly opening mark, or
    after an odd number of straight ones."""
    opened, closed = paragraph.rfind("“", 0, pos), paragraph.rfind("”", 0, pos)
    if opened > closed:
        return True
    return opened < 0 and paragraph.count('"', 0, pos) % 2 == 1


_WEEKDAY_SIDE = re.compile(r"^[\s,(]*(?:hari\s+)?$", re.IGNORECASE)


def _narrative_day(
    paragraph: str, mentions: list[DateMention], anchors: list[int], k: int, code: str, ref: date, narrative: date | None
) -> None:
    """``Peristiwa terjadi Minggu (4/2/2024) ... "takut besok bangun kesiangan"``: a day back or
    ahead (``kemarin``, ``besok``, ``lusa``) inside a quote with no day in its sentence counts
    from the speaker's day, the last day the text stated before it, when that day is up to a
    week before the published one. Outside quotes the writer's ``kemarin`` keeps the
    published day (``Polisi datang Selasa (10/6). Pelaku ditangkap kemarin.``: the 10th),
    and so does ``hari ini``."""
    if code[1] != "d" or int(code[2:]) == 0 or not _in_quote(paragraph, mentions[k].start):
        return
    before = [a for a in anchors if mentions[a].end <= mentions[k].start]
    day = date.fromisoformat((mentions[before[-1]].value or "")[:10]) if before else narrative
    if day is not None and 0 <= (ref - day).days <= _ANCHOR_DAYS:
        mentions[k].value = _relative(code, day)
