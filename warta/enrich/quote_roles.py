"""A speaker's role, cleaned, and the affiliation inside it.

News writes a speaker's office as an apposition around the first mention: ``Gubernur Bank
Indonesia (BI) Perry Warjiyo``, ``Aziz Yanuar, anggota tim kuasa hukum``, ``Tri Maharini,
dokter emergensi dari Persatuan Dokter Emergensi Indonesia``. :func:`clean_role` cuts that
phrase to the office (dropping what came before the first title word and the ranks that belong
to the name: ``… Polda Metro Jaya Kombes``) and refuses phrases that are no office at all
(``Agus,Lalu, apa saja agenda``). :func:`split_affiliation` finds the organisation in it:

1. after a linking word (``dari``, ``di``): ``dokter emergensi dari Persatuan …``;
2. at the last top-level organisation head (``Kementerian``, ``Bank``, ``Polda``) — sub-units
   (``Bidang``, ``Direktorat``, ``Fakultas``) stay in the role: ``Kepala Badan Ketahanan
   Pangan Kementerian Pertanian`` → ``Kementerian Pertanian``;
3. at a known organisation (the NER gazetteer) or an acronym that is not a place: ``Direktur
   Utama KAI``, ``Kepala Pusdalops BNPB``;
4. else the capitalised run after the title words, unless it is a place or the title names a
   portfolio (``Menteri Perdagangan``, ``Wali Kota Surabaya`` hold no affiliation).

A school's city after its own name is where it stands, not part of the office (``Universitas
Airlangga Surabaya`` → ``Universitas Airlangga``; kept in ``Institut Teknologi Bandung``).
Where a tagged name meets its office, :func:`referred_cut` and :func:`missed_given_names` use
the article's one-word references to the person (``kata Anne``, ``kata Vinsen``).

All word lists are data (``data/quote_words.tsv``, the NER gazetteers), so a user can extend
them. Pure functions on short strings: microseconds per quote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .lexicon import rows, starts_word

if TYPE_CHECKING:
    from ..model import Entity

__all__ = [
    "MAX_APART_LEAD", "NAME_WORD", "can_be_name", "clean_role", "is_given_name", "is_initial", "is_organisation", "is_reduplicated", "opens_sentence_not_name", "lead_role_words",
    "missed_given_names", "no_name_word", "person_references", "referred_cut", "second_office",
    "split_affiliation", "split_role", "written_apart_cut",
]

_MAX_ROLE_WORDS = 16  # a longer "role" is a clause the phrase cutter let through
_VERB_LIKE = re.compile(r"(?:me|ber|di|ter|per)[a-z]{3,}")  # 'mengatakan', 'disampaikan'
_WORD = re.compile(r"\(?[\w][\w'’.&/-]*\)?|\S")


@dataclass(frozen=True)
class _RoleWords:
    titles: frozenset[str]
    title_parts: frozenset[str]
    portfolio: frozenset[str]
    ranks: frozenset[str]
    heads: frozenset[str]  # organisation heads that start an affiliation
    units: frozenset[str]  # heads of sub-units, part of the role ("Bidang", "Direktorat")
    links: frozenset[str]
    places: frozenset[str]  # lower-cased place names, one or more words
    orgs: frozenset[str]  # lower-cased organisation names from the gazetteer
    descriptors: frozenset[str]  # lower-case words that start an office ("anggota", "salah")
    compounds: frozenset[str]  # two-word titles never cut as a rank ("direktur jenderal")
    role_ends: frozenset[str]  # words that end a role, never start a name ("Sosial", "Tbk")
    given: frozenset[str]  # given names that lead a full name ("Mohammad", "Sri")
    nonspeakers: frozenset[str]  # sources and things that never speak ("data", "pandemi")
    person_offices: frozenset[str]  # offices held for a person ("juru bicara", "kuasa hukum")
    stops: frozenset[str]  # lower-case words that end a role ("dalam rapat …", "saat …")
    institutions: frozenset[str]  # heads of schools named before their city ("Universitas")
    city_in_name: frozenset[str]  # after these the city is part of the name ("Negeri")
    rank_tails: frozenset[str]  # after a rank, its service or corps ("Kolonel (Czi)", "Letkol Laut")
    honorifics: frozenset[str]  # a profession written with the name ("dokter gigi M Arifin")
    name_words: frozenset[str]  # a phrase about the name, no office ("pemilik nama lengkap")
    fields: frozenset[str]  # fields of expertise, no organisation ("Pengamat Politik")
    alias_words: frozenset[str]  # before an organisation's short name ("Pondok Pesantren atau Ponpes")
    portfolio_heads: frozenset[str]  # after the organisation, a portfolio of the role ("DPP X Bidang Y")
    office_joins: frozenset[str]  # join two offices of one person ("Ketua X sekaligus Ketua Y")
    organs: frozenset[str] = frozenset()  # a governing body before the organisation's name ("Pimpinan Pusat")
    place_heads: frozenset[str] = frozenset()  # qualify a place ("Kota Surabaya"), never a name's first word
    region_heads: frozenset[str] = frozenset()  # a command named by its region ("Polda Metro Jaya")


@lru_cache(maxsize=1)
def _words() -> _RoleWords:
    by_role: dict[str, set[str]] = {}
    for r in rows("quote_words.tsv"):
        by_role.setdefault(r[1], set()).add(r[0].lower())

    def gazetteer(name: str) -> frozenset[str]:
        try:
            return frozenset(r[0].lower() for r in rows(name))
        except FileNotFoundError:  # the NER data is optional for quotes
            return frozenset()

    def kind(role: str) -> frozenset[str]:
        """The words of one class of quote_words.tsv (none when the class is absent)."""
        return frozenset(by_role.get(role, ()))

    units = kind("unit")
    place_heads = kind("place_head")
    return _RoleWords(
        titles=kind("title"),
        title_parts=kind("title_part"),
        portfolio=kind("portfolio"),
        ranks=kind("rank"),
        heads=kind("orghead") - units - place_heads,
        units=units,
        links=kind("affiliation_link"),
        places=gazetteer("gazetteer_loc.txt") | kind("place"),
        orgs=gazetteer("gazetteer_org.txt"),
        descriptors=kind("descriptor"),
        compounds=kind("title_compound"),
        role_ends=kind("role_end"),
        given=kind("given"),
        # looked up one word at a time (no_name_word): a one-word medium ('Reuters') is no
        # person's name; several-word ones are matched whole by QuoteLexicon's subject pattern
        nonspeakers=kind("nonspeaker") | {w for w in kind("nonspeaker_name") if " " not in w},
        person_offices=kind("person_office"),
        stops=kind("stop"),
        institutions=kind("institution"),
        city_in_name=kind("city_in_name"),
        rank_tails=kind("rank_tail") | _RANK_TAILS,
        honorifics=kind("honorific"),
        name_words=kind("name_word"),
        fields=kind("field"),
        alias_words=kind("alias"),
        portfolio_heads=kind("portfolio_head"),
        office_joins=kind("office_join"),
        organs=kind("organ"),
        place_heads=place_heads,
        region_heads=kind("region_head"),
    )


def _low(word: str) -> str:
    return word.strip("().,").lower()


@lru_cache(maxsize=4096)
def clean_role(phrase: str | None) -> str | None:
    """The office in an apposition phrase, or None when the phrase holds none.

    >>> clean_role("Penangkapan Rizieq Kepala Bidang Humas Polda Metro Jaya Kombes")
    'Kepala Bidang Humas Polda Metro Jaya'
    """
    if not phrase:
        return None
    text = phrase.strip(" ,;:-–—")
    if not text or any(c in text for c in "?!;\"“”") or "," in text.rstrip(",") and not _title_list(text):
        # a comma inside is a list or a clause ('Agus,Lalu, apa saja agenda') — except the
        # place chain of a local office, kept whole: 'Camat Cilandak, Jakarta Selatan'
        if not _office_with_places(text):
            return None
    w = _words()
    words = [m for m in re.finditer(r"\S+", text)]
    lows = [_low(m.group()) for m in words]
    if any(low in w.name_words for low in lows):
        return None  # 'pemilik nama lengkap', 'nama aslinya': the name is described, no office
    # a title starts the role ('besar' or 'umum' alone only continue one)
    start = next((k for k, low in enumerate(lows)
                  if low in w.titles and (low not in w.title_parts or words[k].group()[:1].isupper())
                  or low in w.descriptors
                  or low == "salah" and k + 1 < len(lows) and lows[k + 1] == "satu"), None)
    if start is None:
        # no title word: an office still starts lower-case ('pakar epidemiologi') or names an
        # organisation ('Pengajar sosiologi UNJ'); 'Butuh persiapan' is no office
        first = words[0].group() if words else ""
        if not first or not any(low in w.heads or _is_acronym(m.group()) for low, m in zip(lows, words)):
            return None
        start = 0
    end = len(words)
    named = False  # an organisation or place name has begun
    for k in range(start + 1, len(words)):
        word = words[k].group()
        # 'Gubernur DKI Jakarta dalam rapat koordinasi …' / '… DKI Jakarta secara terpisah':
        # a clause word, or any lower-case word once a name has begun, ends the role; a
        # linking word before an organisation does not ('pengajar di Universitas …')
        linking = lows[k] in _ROLE_LINKS and k + 1 < len(words) and words[k + 1].group()[:1].isupper() \
            or second_office(lows, k, w.titles) or _joined_office(lows, k, w)
        if named and lows[k] in w.alias_words and k + 1 < len(words) and _short_form(words, start, k):
            continue  # 'Pondok Pesantren atau Ponpes Ora Aji': the organisation's short name follows
        if named and lows[k] in w.units and word.islower() and k + 1 < len(words):
            # 'Komandan Echo bidang hukum dan advokasi': a sub-unit's portfolio, lower-case,
            # goes on after the organisation's name
            named = False
            continue
        if word.islower() and not linking and (lows[k] in w.stops or named):
            end = k
            break
        if linking and lows[k] not in _ROLE_LINKS and _joined_office(lows, k, w):
            named = False  # a second office begins: its lower-case words go on ('ahli perbankan')
        if word[:1].isupper() and lows[k] not in w.titles and lows[k] not in w.title_parts:
            named = True
    while end - 1 > start and _initial(words[end - 1].group()) and (
            len(words[end - 1].group().rstrip(".")) == 1 or lows[end - 2] in w.ranks
            and " ".join(lows[max(start, end - 3) : end - 1]) not in w.compounds) \
            and lows[end - 2] not in w.units:
        # ('Pengurus Besar NU': 'Besar' closes an organ's name, no rank before initials)
        # ('Sekretaris Komisi E', 'Kepala Bidang A': a unit's letter stays)
        end -= 1  # 'Bupati Tangerang A', '… Ajun Komisaris Besar FX': initials of the name ('Presiden RI' stays)
    while True:
        # 'Ketua Persatuan Bidan Dokter' + 'Rina', '… dokter gigi' + 'R Sari': how the name
        # is written, after an office that is already whole ('dokter gigi' alone is the office)
        if end - 2 > start and " ".join(lows[end - 2 : end]) in w.honorifics:
            end -= 2
        elif end - 1 > start and lows[end - 1] in w.honorifics:
            end -= 1
        else:
            break
    if end - 3 > start and words[end - 2].group().startswith("(") and lows[end - 2] in w.rank_tails \
            and lows[end - 3] in w.ranks and re.fullmatch(r"[A-Z]{2,4}", words[end - 1].group()):
        # (a bracketed corps after a rank only: 'Pelatih TNI AL' keeps 'AL')
        end -= 1  # 'Kolonel (Czi) IGP' + 'Wirasena': 'IGP' (I Gusti Putu) opens the name
    while end - 1 > start and (lows[end - 1] in w.ranks or lows[end - 1] in ("purn", "(purn)")
                               or lows[end - 1] in w.rank_tails and lows[end - 2] in w.ranks | w.rank_tails):
        if " ".join(lows[end - 2 : end]) in w.compounds:
            break  # 'Direktur Jenderal', 'Imam Besar' are one title, not a title and a rank
        end -= 1  # 'Kombes', 'Komisaris Besar', '(Purn)' belong to the name
    if end - start > _MAX_ROLE_WORDS:
        return None
    end = _without_institution_city(lows, [m.group() for m in words], start, end)
    role = text[words[start].start() : words[end - 1].end()].strip(" ,")
    if lows[start] in w.ranks and end - start == 1:
        return None  # a bare rank ('Kombes') is how the name is written, not an office
    return role or None


def _without_institution_city(lows: list[str], words: list[str], start: int, end: int) -> int:
    """The role's end without the city after a school's own name: ``pengajar Universitas
    Airlangga Surabaya`` ends at ``Airlangga``. Kept when the name is generic or names its city
    (``Institut Teknologi Bandung``, ``Universitas Muhammadiyah Malang``: data ``city_in_name``;
    ``Universitas Indonesia``: nothing between the head and the place)."""
    w = _words()
    if end - start < 3 or lows[end - 1] not in w.places or not words[end - 1][:1].isupper():
        return end
    heads = [k for k in range(start, end - 2) if lows[k] in w.institutions and words[k][:1].isupper()]
    if not heads:
        return end
    name = range(heads[-1] + 1, end - 1)
    if any(lows[k] in w.city_in_name or lows[k] in w.places or not words[k][:1].isupper() for k in name):
        return end
    if all(_common_class(lows[k]) for k in name):
        return end  # 'Sekolah Tinggi Bandung': only generic words, the city names it
    return end - 1


def _short_form(words: list[re.Match[str]], start: int, k: int) -> bool:
    """Word ``k + 1`` is a short form of the organisation run before word ``k`` (``Pondok
    Pesantren`` → ``Ponpes``, ``Mahkamah Konstitusi`` → ``MK``): the run holds an organisation
    head and the short form's letters hold each word's initial in order, beginning with the
    run's first."""
    run: list[str] = []
    for j in range(k - 1, start, -1):
        word = words[j].group()
        if not word[:1].isupper():
            break
        run.insert(0, word.strip("().,"))
    short = words[k + 1].group().strip("().,")
    w = _words()
    if len(run) < 2 or len(short) < 2 or not short[:1].isupper() or not any(_low(x) in w.heads for x in run):
        return False  # ('Presiden Joko Widodo atau Jokowi': a person's short name, no organisation)
    low, pos = short.lower(), 0
    for part in run:
        pos = low.find(part[:1].lower(), pos)
        if pos < 0:
            return False
        pos += 1
    return low[0] == run[0][:1].lower()


def second_office(lows: list[str], k: int, titles: frozenset[str]) -> bool:
    """Word ``k`` is in ``yang juga`` before a title: ``Kepala BNPB yang juga Ketua Satgas``
    holds two offices, both the speaker's."""
    if lows[k] == "yang":
        return lows[k + 1 : k + 2] == ["juga"] and k + 2 < len(lows) and lows[k + 2] in titles
    return lows[k] == "juga" and k > 0 and lows[k - 1] == "yang" and k + 1 < len(lows) and lows[k + 1] in titles


def _joined_office(lows: list[str], k: int, w: _RoleWords) -> bool:
    """Word ``k`` is ``dan``/``serta``/``sekaligus`` before a second office written lower-case
    (``Wakil Ketua MPR dan anggota Komisi III DPR``, ``Pengajar … Universitas Halu Oleo dan
    ahli perbankan``), or that office's first word: one person holds both."""
    joins = ("dan", "serta", "sekaligus")
    if lows[k] in joins:
        nxt = lows[k + 1] if k + 1 < len(lows) else ""
        return nxt in w.descriptors or nxt in w.titles and nxt not in w.title_parts
    return k > 0 and lows[k - 1] in joins and (lows[k] in w.descriptors or lows[k] in w.titles)


def _title_list(text: str) -> bool:
    """``Menteri Koordinator Bidang Politik, Hukum, dan Keamanan``: commas inside a name."""
    parts = [p.strip() for p in text.split(",")]
    # the list ends in 'dan …' ('Politik, Hukum, dan Keamanan') or its last item joins two
    # with 'dan' ('Desa, Pembangunan Daerah Tertinggal dan Transmigrasi'); a linking word may
    # lead the organisation after it ('Konservasi Energi pada Kementerian …')
    return len(parts) > 1 and (parts[-1].startswith("dan ") or " dan " in parts[-1]) and all(
        p and re.fullmatch(r"(?:dan\s+)?[A-Z][\w.-]*(?:\s+(?:dan|pada|di|dari|[A-Z(][\w().-]*))*", p)
        for p in parts[1:]
    )


def _office_with_places(text: str) -> bool:
    """``Camat Cilandak, Jakarta Selatan`` / ``Kepala Dusun X, Kelurahan Y``: a title, then
    comma segments that are places or place-level units only — or the organisation the
    office is in, written after a comma (``Kepala Bagian Hukum dan Humas, Rumah Sakit Umum
    Pusat …``: a segment that opens with an organisation head)."""
    w = _words()
    parts = [p.strip() for p in text.split(",")]
    if not parts or not parts[0] or _low(parts[0].split()[0]) not in w.titles:
        return False
    # an address chain ends in a known place, the places before it smaller ones the lists may
    # not know: 'Kepala Peleton B …, Kebayoran Baru, Jakarta Selatan'
    chain = len(parts) > 2 and parts[-1].lower() in w.places
    for part in parts[1:]:
        low = part.lower()
        first = low.split()[0] if low.split() else ""
        if not (low in w.places or first in ("kelurahan", "kecamatan", "kabupaten", "kota", "desa", "provinsi")
                or first in w.heads and part[:1].isupper()
                or chain and 0 < len(part.split()) <= 3 and all(x[:1].isupper() for x in part.split())):
            return False
    return True


@lru_cache(maxsize=4096)
def split_affiliation(role: str | None) -> str | None:
    """The organisation named inside ``role`` (see the module docstring), or None."""
    if not role:
        return None
    w = _words()
    words = [m for m in _WORD.finditer(role)]
    lows = [_low(m.group()) for m in words]
    n = len(words)

    def tail(k: int) -> str | None:
        # a bracketed acronym after the name stays in the role, not in the affiliation
        out = re.sub(r"\s*\([A-Z][^()]*\)$", "", role[words[k].start() :].strip(" ,"))
        # a second office joined by 'dan' is no part of the organisation ('Universitas Jember
        # dan ahli hukum tata negara' → 'Universitas Jember')
        second = re.search(r"\s(?:dan|serta|sekaligus)\s+([a-z]+)", out)
        if second is not None and (second.group(1) in w.descriptors or second.group(1) in w.titles):
            out = out[: second.start()]
        out = _without_second_office(out, w)
        portfolio = re.search(r"\s([a-z]+)\s", out)
        if portfolio is not None and portfolio.group(1) in w.units:
            out = out[: portfolio.start()]  # 'Partai X bidang hukum': the portfolio is the role's
        out = _without_portfolio(out, w)
        return out if out and out[0].isupper() or out[:1].isdigit() else (out or None)

    # 1. 'dokter emergensi dari Persatuan Dokter Emergensi Indonesia'
    for k in range(1, n - 1):
        if lows[k] in w.links and words[k + 1].group()[:1].isupper():
            found = tail(k + 1)
            if found and found.lower() not in w.places:
                return found
    # 2. a governing body opens the organisation: 'Ketua Umum Pimpinan Pusat Kesatuan Perempuan
    # Partai Golkar' → 'Pimpinan Pusat Kesatuan …' (the party inside the name is not the body)
    for k in range(1, n - 2):
        if words[k].group()[:1].isupper() and any(
                " ".join(lows[k : k + size]) in w.organs and k + size < n and words[k + size].group()[:1].isupper()
                for size in (2, 3)):
            return tail(k)  # (the organisation's name must follow: 'Ketua Dewan Pimpinan Pusat' alone has none)
    # 3. the last top-level organisation head ('Badan … Kementerian Pertanian' → Kementerian)
    heads = [k for k in range(1, n) if lows[k] in w.heads and words[k].group()[:1].isupper()]
    if heads:
        k = heads[-1]
        while k > 1 and (lows[k - 1] in w.heads or k > 2 and lows[k - 1] in w.alias_words
                         and lows[k - 2] in w.heads and _short_form(words, 0, k - 1)):
            k -= 1  # 'PT Bank Permata Tbk', 'Pondok Pesantren atau Ponpes Ora Aji' are one name
        return tail(_acronym_start(words, k))
    # 4. a known organisation or an acronym that is no place ('Direktur Utama KAI')
    depth = 0
    for k in range(1, n):
        word = words[k].group()
        inside = depth > 0 or word.startswith("(")
        depth += word.count("(") - word.count(")")
        if inside:
            continue  # a bracketed acronym repeats the name before it ('(Menko PMK)')
        if _known_org_at(lows, k, w.orgs) or (_is_acronym(word) and not _known_org_at(lows, k, w.places)
                                               and lows[k] not in w.titles):
            return tail(k)
    # 5. the capitalised run after the title words ('Ketua Gili Hotel Association')
    k = 0
    while k < n and (lows[k] in w.titles or lows[k] in w.title_parts or lows[k] in w.descriptors
                     or words[k].group()[:1].islower() or k and f"{lows[k - 1]} {lows[k]}" in w.compounds):
        k += 1  # ('Hakim Agung': a two-word title, no organisation)
    lead = 0
    while lead < n and (lows[lead] in w.titles or lows[lead] in w.title_parts or lows[lead] in w.descriptors):
        lead += 1
    if 0 < lead < n - 1 and words[lead].group().islower() and lows[lead] in w.heads and lows[lead] not in w.units \
            and not _common_class(lows[lead + 1]) and lows[lead + 1] not in w.titles:
        # 'Direktur Utama bank bjb syariah': an organisation that writes its name in lower
        # case, known by its head and a word news does not write as a common one ('bjb';
        # 'anggota tim kuasa hukum', 'guru sekolah dasar' stay without one)
        return tail(lead)
    if k == 0 or k >= n or any(lows[j] in w.portfolio for j in range(k)):
        return None
    if " ".join(lows[:k]) in w.person_offices and (is_given_name(words[k].group()) or _person_like(lows[k])):
        return None  # 'kuasa hukum Joko Tjandra': the office is held for a person, no organisation
    rest = role[words[k].start() :].strip(" ,")
    rest = re.sub(r"\s*\([A-Z][^()]*\)$", "", rest)
    portfolio = re.search(r"\s([a-z]+)\s", rest)
    if portfolio is not None and portfolio.group(1) in w.units:
        rest = rest[: portfolio.start()]  # 'Komandan Echo bidang hukum': the portfolio is the role's
    rest = _without_second_office(_without_portfolio(rest, w), w)
    if not rest[:1].isupper() or rest.lower() in w.places or lows[k] in w.places or lows[k] in w.units:
        return None
    parts = rest.split()
    lead_fields = next((j for j, x in enumerate(parts) if _low(x) not in w.fields and _low(x) not in _ROLE_LINKS),
                       len(parts))
    if lead_fields == len(parts):
        return None  # 'Pengamat Politik', 'Pakar Hukum Tata Negara': a field, no organisation
    # 'Pengamat Ekonomi Indef': the field is the role's, the organisation follows it
    fields = any(_low(x) in w.fields for x in parts[:lead_fields])
    return " ".join(parts[lead_fields:]) if fields and parts[lead_fields][:1].isupper() else rest


def _without_second_office(org: str, w: _RoleWords) -> str:
    """``org`` without a second office joined to it (data ``office_join`` before a title:
    ``Panitia XC-Race sekaligus Ketua Sekula`` → ``Panitia XC-Race``)."""
    for m in re.finditer(r"\s(\w+)(?=\s+(\w+))", org):
        if m.group(1).lower() in w.office_joins and m.group(2).lower() in w.titles:
            return org[: m.start()]
    return org


def _without_portfolio(org: str, w: _RoleWords) -> str:
    """``org`` without the portfolio written after the organisation's name (data
    ``portfolio_head``: ``DPP PDIP Bidang Pemuda dan Olahraga`` → ``DPP PDIP``), unless a title
    word names the body before it (``Kementerian Koordinator Bidang Perekonomian``)."""
    words = list(re.finditer(r"\S+", org))
    for k in range(1, len(words) - 1):
        if _low(words[k].group()) in w.portfolio_heads and _low(words[k - 1].group()) not in w.titles:
            # ('Kementerian Koordinator Bidang Perekonomian': after a title word it is the name)
            return org[: words[k].start()].rstrip()
    return org


def _acronym_start(words: list[re.Match[str]], k: int) -> int:
    """Where the organisation begins when the role ends in its bracketed acronym: the
    capitalised words whose initials spell it (``Majelis Kehormatan Mahkamah Konstitusi
    (MKMK)`` is one body, not ``Mahkamah Konstitusi``); else ``k``."""
    last = words[-1].group()
    if not re.fullmatch(r"\([A-Z]{2,8}\)", last):
        return k
    letters = last[1:-1]
    j = len(words) - 1 - len(letters)
    if j < 1 or j >= k:
        return k
    run = [words[i].group() for i in range(j, len(words) - 1)]
    if all(x[:1].isupper() for x in run) and "".join(x[0] for x in run) == letters:
        return j
    return k


def _known_org_at(lows: list[str], k: int, names: frozenset[str]) -> bool:
    """Whether a name of ``names`` (lower-cased, one or more words) starts at word ``k``."""
    return any(" ".join(lows[k:j]) in names for j in range(len(lows), k, -1))


_ROMAN = re.compile(r"[IVXLC]+")
_RANK_TAILS = frozenset({"tni", "polri", "pol", "purn", "inf", "mar"})  # 'Brigadir Jenderal (Pol)'
# words that join the parts of an office or an organisation's name ('Center of Reform on
# Economics', 'co-founder sekaligus pembina …')
_ROLE_LINKS = frozenset({"dan", "dari", "di", "pada", "untuk", "sekaligus", "serta", "of", "on", "for", "and",
                         "the", "in", "to", "&", "bidang"})


def _initial(word: str) -> bool:
    """``A``, ``FX``, ``M.``: a name's initials, not a unit number (``II``) or an acronym."""
    core = word.rstrip(".")
    return 1 <= len(core) <= 2 and core.isalpha() and core.isupper() and not (len(core) > 1 and _ROMAN.fullmatch(core))


def is_initial(word: str) -> bool:
    """``A``, ``FX``, ``MY``, ``M.``: a name's initials, not a unit number (``II``) or an acronym."""
    return _initial(word)


def _is_acronym(word: str) -> bool:
    core = word.strip("().,")
    if _ROMAN.fullmatch(core):
        return False  # 'Komisi VIII' numbers a unit
    return len(core) >= 2 and sum(c.isupper() for c in core) >= 2 and core[:1].isupper()


def split_role(phrase: str | None) -> tuple[str | None, str | None]:
    """(role, affiliation) from an apposition phrase: :func:`clean_role` then
    :func:`split_affiliation`."""
    role = clean_role(phrase)
    return role, split_affiliation(role)


def is_reduplicated(word: str) -> bool:
    """A reduplicated word (``berkali-kali``, ``tiba-tiba``, ``sehari-hari``): an adverb or a
    plural, never part of a person's name, whatever its case."""
    first, _, second = word.lower().partition("-")
    return bool(first and second) and "-" not in second and (first.endswith(second) or second.endswith(first))


# an affixed verb or noun ('Dikucilkan', 'Permenungan', 'Kesedihan'): a word derived by
# Indonesian morphology, which a name does not take; long enough that names ('Dini') stay out
_DERIVED = re.compile(r"(?:di|ter)[a-z]{4,}(?:kan|i)|(?:per|pen|pem|peng|peny|ke)[a-z]{4,}an")


def opens_sentence_not_name(word: str) -> bool:
    """Whether a capitalised word that opens a sentence before a name is no part of it: a
    common word by how news writes it (``Niat``), a reduplicated word (``Berkali-kali``) or an
    affixed verb or noun (``Dikucilkan``, ``Permenungan``: a sub-heading run into the paragraph
    after it), and no given name."""
    low = _low(word)
    if is_given_name(word):
        return False
    return _common_class(low) or is_reduplicated(low) or (len(low) >= 9 and _DERIVED.fullmatch(low) is not None)


def lead_role_words(words: Sequence[str], never_names: frozenset[str] = frozenset()) -> int:
    """How many leading words of a tagged person name belong to the role before it.

    ``Sosial Juliari Batubara`` (after ``Menteri``) → 1, ``RI Alamsyah Saragih`` → 1,
    ``Menurut Mahfud`` → 1 (``never_names``: cue words). A word is cut only while two name
    words remain (``Agung Hendriadi`` stays whole: ``Agung`` is also a given name), except
    ``never_names``, places and organisations, which are cut whenever one remains. Places
    and common nouns are also known from how the word is written in news (the NER word
    classes): ``Indramayu Nurhadi`` (after ``Ketua Bawaslu``) → 1, ``Ekonomi Kreatif Budi
    Santoso`` → 1. An organisation acronym further in (``Lending OVO Natasha Ardiani``, after
    ``VP``) takes every word before it to the role while a name is left after it.
    """
    # a pure function of the words and the word lists, asked per tagged person and per
    # written form in every article that names them: memoised (bounded) by the words
    return _lead_role_words(tuple(words), never_names)


@lru_cache(maxsize=16384)
def _lead_role_words(words: tuple[str, ...], never_names: frozenset[str]) -> int:
    w = _words()
    k = _through_last_organisation(words)
    while k < len(words) - 1:
        low = _low(words[k])
        if low in never_names or low in w.role_ends or is_reduplicated(low):
            k += 1  # never a given name: cut while one word remains
            continue
        if low in w.places or low in w.orgs or _is_acronym(words[k]) or _place_class(low):
            k += 1  # 'RI Joko Widodo', 'NasDem Sumut Iskandar', 'Indramayu Nurhadi'
            continue
        if low in w.place_heads and k + 1 < len(words) - 1 and (
                _low(words[k + 1]) in w.places or _place_class(_low(words[k + 1]))):
            k += 1  # 'Kota Surabaya Tri Rismaharini' (after 'Wali'): the place the office is of
            continue
        if len(words) - k < 3:
            break
        if low in w.titles or low in w.title_parts or low in w.heads or low in w.units or (
                _common_class(low) and low not in w.given):
            k += 1
            continue
        break
    return k


_NAME_WORD = re.compile(r"[A-Z][a-z'’]+")


def _through_last_organisation(words: Sequence[str]) -> int:
    """Words up to the last organisation acronym or known organisation in a tagged name,
    when only name words (``Natasha Ardiani``) follow it; else 0."""
    w = _words()
    for j in range(len(words) - 2, 0, -1):
        low = _low(words[j])
        if low in w.ranks or low in _RANK_TAILS:
            return 0  # 'Laksda TNI Abdul Rasyid': a rank stays with the name
        # two capitals are as often initials ('Bambang PS Brodjonegoro') as an organisation
        if low in w.orgs or _is_acronym(words[j]) and len(words[j].strip("().,")) >= 3:
            if any(_low(x) in w.given or _person_class(_low(x)) for x in words[:j]):
                return 0  # the run before it is itself a name
            rest = words[j + 1 :]
            if all(_NAME_WORD.fullmatch(r) or _initial(r) for r in rest) and any(_NAME_WORD.fullmatch(r) for r in rest):
                return j + 1
            return 0
    return 0


@lru_cache(maxsize=1)
def _word_classes() -> dict[str, str]:
    """The NER word classes (how each word is written in unlabelled news; see
    ``ner_train.news_statistics``): empty when the NER data is not installed."""
    from .ner_features import load_word_classes

    return load_word_classes()


def _place_class(low: str) -> bool:
    """Written capitalised and after place cues (``di``, ``kabupaten``) in ≥ 20 % of its
    capitalised uses, next to person cues in under 5 %: a place (``Indramayu``), never a
    given name (``Bandung`` as a name would be too rare to move the counts)."""
    cls = _word_classes().get(low, "")
    return len(cls) == 6 and cls[0] == "t" and cls[1] in "23" and cls[3] in "23" and cls[4] == "0"


def _person_class(low: str) -> bool:
    """Written capitalised, next to person cues in ≥ 20 % of its uses and never after place
    cues: a given name (``Bambang``)."""
    cls = _word_classes().get(low, "")
    return len(cls) == 6 and cls[:2] in ("t2", "t3") and cls[3] == "0" and cls[4] in "23" and cls[5] == "0"


def _person_like(low: str) -> bool:
    """Written capitalised, next to person cues in some of its uses and never after place cues
    or in organisation contexts: a name word (``Nurdin``), looser than :func:`_person_class`."""
    cls = _word_classes().get(low, "")
    return len(cls) == 6 and cls[:2] in ("t2", "t3") and cls[3] == "0" and cls[4] in "123" and cls[5] == "0"


def _common_class(low: str) -> bool:
    """Written lower-case in most of its uses and seldom next to person cues: a common noun
    (``Ekonomi``, ``Lending``, ``Hewan``), not a given name."""
    cls = _word_classes().get(low, "")
    return cls[:2] in ("t0", "t1") and (len(cls) < 6 or cls[4] in "01")


def is_common_word(word: str) -> bool:
    """Whether ``word`` is written lower-case in most of its uses in news (``Seorang``,
    ``Dalam``): capitalised, it only opens a sentence."""
    return _common_class(_low(word))


@lru_cache(maxsize=16384)
def is_organisation(name: str) -> bool:
    """A known organisation (NER gazetteer), a name that starts with an organisation head
    (``Pemprov Jabar``, ``Polda Metro Jaya``), or only titles and ranks (``Purn``,
    ``Kombes``): never a person, whatever a tagger said."""
    w = _words()
    low = name.lower()
    first = low.split()[0] if low.split() else ""
    return low in w.orgs or (first in w.heads and len(low.split()) > 1) or all(
        _low(word) in w.titles or _low(word) in w.ranks or _low(word) in _RANK_TAILS for word in low.split())


# the most words a region after a regional command's head has ('Polres Metro Jakarta Selatan')
_REGION_WORDS = 3


def organisation_as_whole(words: Sequence[str], references: frozenset[str] = frozenset()) -> bool:
    """Whether a capitalised run that opens a speaker phrase is one organisation as a whole
    (``Kementerian Keuangan``, ``Istana Kepresidenan``, ``Majelis Hakim Pengadilan Tipikor
    Jakarta``), not an office and a person's name after it (``Dinas Perhubungan Kota Surabaya
    Irvan Wahyudrajad``): it is an organisation by :func:`is_organisation`, no word after the
    first is the article's one-word reference to a person, none can be a name (a given name,
    written next to person cues) unless the word lists say it ends an office or names a place
    or organisation, and the last word is such a word: an unknown last word may be a surname. After
    a regional command's head (data ``region_head``: ``Polda Metro Jaya``) up to three words
    name its region, known or not."""
    if len(words) < 2 or not is_organisation(" ".join(words)):
        return False
    w = _words()

    def known(word: str) -> bool:  # a word the lists (or how news writes it) make no name
        low = _low(word)
        return low not in w.given and (
            low in w.role_ends or low in w.title_parts or low in w.heads or low in w.places or low in w.orgs
            or low in w.fields or _is_acronym(word) or _place_class(low) or _common_class(low))

    def person(word: str) -> bool:
        low = _low(word)
        return low in w.given or _person_like(low) or is_given_name(word)

    if _low(words[0]) in w.region_heads and len(words) <= _REGION_WORDS + 1:
        # 'Polda Metro Jaya', 'Kodam Jaya': the words after a regional command's head name its
        # region, whatever they are, unless one is a name (the article's reference to a person,
        # a given name) or a title or rank that opens a person ('Polres Bogor Kombes Budi')
        return all(word not in references and not person(word) and _low(word) not in w.titles
                   and _low(word) not in w.ranks for word in words[1:])
    # the article referring back to a person by one of the words makes it a name, whatever the lists say
    return known(words[-1]) and all(word not in references and (known(word) or not person(word))
                                    for word in words[1:])


def referred_cut(words: list[str], references: frozenset[str], text: str) -> int:
    """How many leading words of a tagged name are the end of the office before it, known from
    how the article refers back to the person.

    News names a person in full once and then by one word, the first of the name
    (``… KAI Commuter Anne Purba berharap …`` / ``kata Anne``). When a later word of the tagged
    name is such a reference (``references``: the article's one-word person mentions), the
    words before it belong to the office when they are written elsewhere in ``text`` without
    the name after them (``KAI Commuter``, ``Kartu Prakerja``: ``Commuter Anne Purba`` → 1) or
    when one of them is an office or organisation word by the word lists or by how news writes
    it (``Information Officer Investree Dickie Widjaja`` / ``kata Dickie`` → 3: ``Officer`` is a
    title; a single word must be a place or an organisation: ``Imam Nahrawi`` / ``Nahrawi``
    keeps ``Imam``). Given names and initials right before the reference stay with it (``… Daerah
    Kemendagri Mochamad Ardian Noervianto`` / ``ujar Ardian`` → 4). Nothing is cut when the
    words before hold a given name, an initial or a word the article itself uses as a
    reference (``I Gusti …``, ``Airin Rachmi Diany``), nor a foreign name called by its
    surname (``Antony Blinken`` / ``Blinken``: ``Antony`` is no office word)."""
    for k in range(1, len(words)):
        if words[k] not in references:
            continue
        j = k
        while j > 0 and (is_given_name(words[j - 1]) and words[j - 1] not in references or _initial(words[j - 1])):
            j -= 1  # 'Mochamad' before 'Ardian' is his
        lead = words[:j]
        if not lead or any(w in references or not w[:1].isupper() or _initial(w)
                           or is_given_name(w) and not _listed_office_word(w) for w in lead):
            return 0
        if len(lead) > 1 and any(_office_word(w) for w in lead) or len(lead) == 1 and _place_or_org_word(lead[0]):
            return j  # (one word alone must be a place or an organisation: 'Imam', 'Kasih', 'Rex' lead names)
        phrase = re.escape(" ".join(lead))
        elsewhere = re.compile(rf"{starts_word(phrase)}(?!\w)(?!\s+{re.escape(words[j])}(?!\w))")
        if elsewhere.search(text):
            return j
        # a word the article also writes in lower case is a common word, not a name: a
        # sub-heading run into the paragraph ('Simalakama Yose Rizal Damuri' / 'buah simalakama')
        common = len(lead) == 1 and re.search(rf"{starts_word(re.escape(lead[0].lower()))}(?!\w)", text)
        return j if common else 0
    return 0


MAX_APART_LEAD = 2  # an organisation's or a place's tail run into a name: 'Margasatwa Ragunan'


def written_apart_cut(words: list[str], text: str) -> int:
    """How many leading words of a tagged name (one or two) are the end of the office before it
    when the article names no one-word reference to the person (:func:`referred_cut` needs
    one): the words are written elsewhere in ``text``, always inside another capitalised run
    and without the name after them (``Taman Wisata Lembah Hijau dibuka`` … ``Kepala Humas
    Taman Wisata Lembah Hijau Wirasena Putra``: ``Hijau Wirasena Putra`` → 1; ``Lembah Hijau
    (LH)`` … ``Lembah Hijau Wirasena Putra`` → 2). Written alone anywhere (``kata Sentani``,
    ``Pameran Sentani ini``) they are how the article calls the person: 0. Two words of name
    must stay, the first a given name or a word news never writes, and no cut word may be a
    given name, an initial or a word news writes next to person cues (``Budi`` of ``Budi Karya
    Sumadi``, written for another Budi, stays)."""
    # the speaker path asks again for the same mentions of one article: memoised (a str
    # caches its hash, so the article's text costs nothing to look up)
    return _apart_cut(tuple(words), text) if len(words) > 2 else 0


@lru_cache(maxsize=1024)
def _apart_cut(words: tuple[str, ...], text: str) -> int:
    for k in range(1, min(MAX_APART_LEAD, len(words) - 2) + 1):
        lead, first = words[:k], words[k]
        if any(not w[:1].isupper() or _initial(w) or is_given_name(w) or _person_like(_low(w)) for w in lead):
            return 0
        if not (is_given_name(first) or _person_like(_low(first)) or _low(first) not in _word_classes()):
            continue
        phrase = re.escape(" ".join(lead))
        run = re.compile(rf"{starts_word(phrase)}(?!\w)(?!\s+{re.escape(first)}(?!\w))")
        in_run = alone = False
        for m in run.finditer(text):
            # the neighbours in the same line and sentence
            before = text[max(0, m.start() - 40) : m.start()].split("\n")[-1].split()
            after = text[m.end() : m.end() + 40].split("\n")[0].split()
            left = bool(before) and before[-1][:1].isupper() and before[-1][-1:] not in ".!?:;\"”"
            right = bool(after) and after[0][:1].isupper()
            # inside another capitalised run ('Boven Digoel', 'Gusdurian Peduli'); written alone
            # ('Pameran Farrah ini', 'kata Farrah.') it is how the article calls the person
            in_run |= left or right
            alone |= not (left or right)
        if in_run and not alone:
            return k
    return 0


def _listed_office_word(word: str) -> bool:
    """A title or organisation word of the lists, a known organisation or place: how news writes
    it (a word class) does not overrule this (``Keuangan`` also stands next to person cues)."""
    w = _words()
    low = _low(word)
    return low not in w.given and (low in w.titles or low in w.title_parts or low in w.heads or low in w.units
                                   or low in w.role_ends or low in w.orgs or low in w.places)


def _place_or_org_word(word: str) -> bool:
    """A known place or organisation, an acronym, or by how news writes it a place."""
    w = _words()
    low = _low(word)
    return low not in w.given and (low in w.orgs or low in w.places or _is_acronym(word) or _place_class(low))


def _office_word(word: str) -> bool:
    """A word of an office or an organisation, never of a name: a title or organisation word
    from the lists, a known place or organisation, an acronym, or by how news writes it a
    place (``Cilacap``) or a common word (``Keuangan``, ``Daerah``)."""
    w = _words()
    low = _low(word)
    if low in w.given:
        return False
    return (low in w.titles or low in w.title_parts or low in w.heads or low in w.units or low in w.role_ends
            or low in w.orgs or low in w.places or _is_acronym(word) or _place_class(low) or _common_class(low))


@lru_cache(maxsize=1)
def _name_roles() -> frozenset[str]:
    """The one-word offices and ranks that name_titles.tsv strips from names (``Mendag``,
    ``Menpora``, ``Wawali``): never a given name left out before a tagged name."""
    return frozenset(r[1].lower() for r in rows("name_titles.tsv")
                     if len(r) > 1 and r[0] in ("role", "rank") and " " not in r[1])


def missed_given_names(before: str, references: frozenset[str] = frozenset()) -> int:
    """How many characters at the end of ``before`` (the text right before a tagged name) are
    given names the tagger left out: ``Kepala OJK Sultra Mohammad`` + ``Fredly Nasution`` →
    ``Mohammad``; ``… Gubernur Bali I Gusti`` + ``Putu`` → ``I Gusti``. A given name from the
    lexicon, a word written capitalised that stands next to person cues and never after
    place cues (the NER word classes: ``Sri``, ``Puan``), or one of ``references`` (the
    article's one-word person mentions: ``Vinsen`` before ``Kia Beda``), then initials; at
    most two words."""
    w = _words()
    taken = 0
    rest = before
    for _ in range(2):
        m = re.search(r"(?:^|\s)(\S+)\s+$", rest)
        if m is None:
            break
        word = m.group(1)
        low = word.lower()
        if not word[:1].isupper() or low in w.titles or low in w.title_parts or low in w.ranks or low in w.orgs \
                or low in w.places or low in w.heads or low in w.units or low in w.role_ends or low in _name_roles():
            break  # ('eks Mendag' + 'Thomas Trikasih Lembong': an office's short form, no given name)
        person_like = _person_like(low)
        # a word the article uses alone for a person ('Vinsen' before 'Kia Beda') is a name too
        referred = word in references and not _is_acronym(word) and not _place_class(low)
        if not (low in w.given or person_like or referred or taken and _initial(word)):
            break
        taken = len(before) - m.start(1)
        rest = before[: m.start(1)]
    return taken


def no_name_word(words: Sequence[str]) -> bool:
    """Whether none of ``words`` can be part of a person's name: each is a known place or
    organisation, an acronym, or by how news writes it a place (``Surabaya``) or a common
    word (``Terkait``, ``Muslim``) — a tagging slip that must not become a speaker. Given
    names from the lexicon (``Indah``) always can be."""
    # asked per tagged person in every article that names them: memoised (bounded) by the words
    return _no_name_word(tuple(words))


@lru_cache(maxsize=16384)
def _no_name_word(words: tuple[str, ...]) -> bool:
    w = _words()
    for word in words:
        low = _low(word)
        if low in w.given:
            return False
        if not (low in w.places or low in w.orgs or low in w.nonspeakers or _is_acronym(word) or _place_class(low)
                or _common_class(low)):
            return False
    return bool(words)


def is_given_name(word: str) -> bool:
    """A given name: in the lexicon (``Mohammad``), or written capitalised next to person
    cues and never after place cues (``Budi``)."""
    low = _low(word)
    return low in _words().given or _person_class(low)


NAME_WORD = re.compile(r"[A-Z][\w'’.-]*|bin|binti|van|de|al|da|von")  # a word a name may hold


@lru_cache(maxsize=16384)
def can_be_name(word: str) -> bool:
    """Whether one word can be part of a person's name (memoised: the same capitalised words
    open clauses in every article)."""
    return bool(NAME_WORD.fullmatch(word)) and not no_name_word([word])


def person_references(entities: Sequence[Entity], paragraphs: Sequence[str]) -> frozenset[str]:
    """The one-word forms the article uses for people (``Anne``, ``Panji``): one-word PER
    entities and one-word PER mentions, when the word can be part of a name. Quotes read a
    speaker's name by them, entities where a name begins (:func:`referred_cut`)."""
    found: set[str] = set()
    for ent in entities:
        if ent.label != "PER":
            continue
        if " " not in ent.name:
            found.add(ent.name)
        for m in ent.mentions:
            if 0 <= m.paragraph < len(paragraphs):
                written = paragraphs[m.paragraph][m.start : m.end]
                if " " not in written:
                    found.add(written)
    return frozenset(w for w in found if can_be_name(w))
