"""Clean entity spans the tagger found: what an analyst would write as the entity's name.

A CRF decides token by token, so its spans carry the role in front of a name (``Presiden RI
Joko Widodo``), run two names together over ``dan`` (``Polsek Kuta dan Resmob Polda
Sulawesi Utara``) and give well-known names the type of their neighbours (``Kemendagri`` as a
person). :func:`clean_span` turns one tagged token span into the spans an analyst expects:

1. cut at ``dan``/``serta`` between two names: always for people and places (unless the
   whole span is a known name, ``Bosnia dan Herzegovina``), for organisations when the part
   after the conjunction opens an organisation of its own (an organisation head such as
   ``Polda``, or a known organisation) — ``Kementerian Pemuda dan Olahraga`` stays one;
2. titles, ranks and roles out of the front (``data/name_titles.tsv``, kinds ``role`` and
   ``part``): ``Menteri Sekretaris Negara Pratikno`` → ``Pratikno``; a span made only of them
   (``Purn``) is no name at all; a known organisation or place between the role and the
   person becomes its own mention (``Ketua NasDem Sumut Iskandar`` → ORG ``NasDem``, LOC
   ``Sumut``, PER ``Iskandar``); a rank further on starts the person (``Kapolda Metro Jaya
   Irjen Karyoto`` → ``Karyoto``); a title the tagger split goes out whole (``Wakil`` +
   ``Ketua Umum Budi`` → ``Budi``);
3. the type fixed by what warta already knows: a span that is exactly a gazetteer or alias
   entry takes that entry's type (``Kemendagri`` ORG, ``Bloomberg`` ORG), a "person" holding
   a company word (``DNR Logistics``, kind ``tail``) is an organisation, one opening with a
   place word (``Gelora Bung Tomo``, kind ``place``) a place, one opening with an
   organisation head (``data/org_heads.txt``: ``Polda``, ``Ma'had``) an organisation unless
   the head also opens people's names (kind ``given``: ``Tim``); a capitalised name right
   after a speech verb (``kata``, ``ujar``: the ``post`` cues of ``data/quote_cues.tsv``) is a
   person unless it is known, an acronym or holds a head; after a title, a known
   organisation followed by a person is two mentions (``Ketua DPP`` + ``PDI Perjuangan Puan
   Maharani``);
4. two known places side by side are two mentions (``Depok Jawa Barat``);
5. an organisation run on over a sub-unit word (kind ``subunit``: ``Fraksi``) is cut around
   it and the sub-unit named by its parent (``Komisi I DPR Fraksi Demokrat`` → ``Komisi I
   DPR``, ``Demokrat``).

:func:`tag_conjoined_names` runs an organisation the tagger stopped at ``dan`` on to the end
of its name (``Kementerian Pendidikan Dasar dan Menengah``).

The lexicon is data a user can extend; nothing here is tuned to one article.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import rows
from .ner_features import DATA_DIR, Gazetteer, read_list, load_gazetteer

__all__ = ["NAME_CONJUNCTIONS", "NameLexicon", "clean_span", "known_label", "load_name_lexicon", "tag_article_names",
           "tag_conjoined_names", "tag_defined_acronyms"]

Token = tuple[str, int, int]
Span = tuple[int, int, str]  # token start, token end (exclusive), label

NAME_CONJUNCTIONS = frozenset({"dan", "serta"})
_ROMAN = frozenset({"II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII"})


@dataclass(frozen=True, slots=True)
class NameLexicon:
    """Title/role phrases (lower-cased token tuples) and company tail words."""

    roles: frozenset[tuple[str, ...]]  # roles and ranks
    parts: frozenset[tuple[str, ...]]
    ranks: frozenset[str]
    tails: frozenset[str]
    places: frozenset[str]
    max_len: int
    particles: frozenset[str] = frozenset()
    streets: frozenset[str] = frozenset()
    heads: frozenset[str] = frozenset()  # data/org_heads.txt, lower-cased
    givens: frozenset[str] = frozenset()  # org heads that also open people's names
    speech: frozenset[str] = frozenset()  # speech verbs a speaker's name follows
    venues: frozenset[str] = frozenset()  # place words opening a building's or venue's name
    generic: frozenset[str] = frozenset()  # descriptors inside such names (``Umum``, ``Raya``)
    joiners: frozenset[str] = frozenset()  # lower-case words joining a foreign name (``del``)
    subunits: frozenset[str] = frozenset()  # a body's sub-unit named by its parent (``Fraksi``)
    regions: frozenset[str] = frozenset()  # words before a region's name (``Provinsi``)
    articles: frozenset[str] = frozenset()  # capitalised foreign articles inside names (``Las``)
    # the body a party's sub-unit sits in (``DPR`` in ``Fraksi PKB DPR``): a mention of its own
    seats: frozenset[str] = frozenset()
    # a word opening a team's name (``Timnas``): the span is the team, never the country after it
    teams: frozenset[str] = frozenset()
    # a token no name holds (a degree level ``S2`` in a profile): a tagged span is cut at it
    breaks: frozenset[str] = frozenset()
    # first words of the role and part phrases: most words open none, one set lookup
    # rejects them before any phrase is built
    role_firsts: frozenset[str] = field(init=False)
    part_firsts: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "role_firsts", frozenset(k[0] for k in self.roles if k))
        object.__setattr__(self, "part_firsts", frozenset(k[0] for k in self.parts if k))


@lru_cache(maxsize=None)
def entity_words(kind: str) -> frozenset[str]:
    """The words of one kind of ``data/entity_words.tsv`` (``web``, ``common``, ``inner``,
    ``contraction``)."""
    return frozenset(r[1].lower() for r in rows("entity_words.tsv") if len(r) > 1 and r[0] == kind)


@lru_cache(maxsize=1)
def load_name_lexicon() -> NameLexicon:
    """The shipped ``data/name_titles.tsv`` (cached)."""
    roles: set[tuple[str, ...]] = set()
    parts: set[tuple[str, ...]] = set()
    words: dict[str, set[str]] = {"rank": set(), "tail": set(), "place": set(), "particle": set(),
                                 "street": set(), "given": set(), "venue": set(), "generic": set(),
                                 "joiner": set(), "subunit": set(),
                                 "region": set(), "article": set(), "seat": set(), "team": set(), "break": set()}
    text = (DATA_DIR / "name_titles.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, phrase = line.split("\t")[:2]  # a third column: kind `regional`
        key = tuple(phrase.lower().split())
        if kind in ("role", "rank"):
            roles.add(key)
        elif kind == "part":
            parts.add(key)
        if kind in words:
            words[kind].add(phrase.lower())
    longest = max(len(k) for k in roles | parts)
    # the cues that stand right before the speaker (``kata Budi``); quote_cues.tsv is the one
    # list the quote extractor reads too
    speech = {row[0].lower() for row in rows("quote_cues.tsv") if len(row) > 1 and row[1] == "post"}
    return NameLexicon(frozenset(roles), frozenset(parts), frozenset(words["rank"]),
                       frozenset(words["tail"]), frozenset(words["place"]), longest,
                       frozenset(words["particle"]), frozenset(words["street"]),
                       frozenset(h.lower() for h in read_list("org_heads.txt") if " " not in h),
                       frozenset(words["given"]), frozenset(speech), frozenset(words["venue"]),
                       frozenset(words["generic"]), frozenset(words["joiner"]),
                       frozenset(words["subunit"]), frozenset(words["region"]),
                       frozenset(words["article"]), frozenset(words["seat"]), frozenset(words["team"]),
                       frozenset(words["break"]))


def _phrase_len(lows: dict[int, str], i: int, end: int, table: frozenset[tuple[str, ...]],
                max_len: int) -> int:
    """Length of the longest phrase of ``table`` starting at ``i`` (0 if none)."""
    for n in range(min(max_len, end - i), 0, -1):
        if tuple(lows[k] for k in range(i, i + n)) in table:
            return n
    return 0


def _known_label(words: Sequence[str], gazetteer: Gazetteer,
                 aliases: dict[str, tuple[str, str]]) -> str:
    """ORG or LOC when ``words`` are exactly one known organisation or place, else ''."""
    if len(words) == 1 and words[0] in gazetteer.acronyms:
        kinds: tuple[str, ...] = gazetteer.acronyms[words[0]]
    else:
        kinds = gazetteer.entries.get(tuple(w.lower() for w in words), ())
    has_org = "ORG" in kinds
    has_loc = "LOC" in kinds or "CTRY" in kinds
    if has_org != has_loc:
        return "ORG" if has_org else "LOC"
    alias = aliases.get(" ".join(w.casefold() for w in words))
    if alias is not None and alias[1] in ("ORG", "LOC"):
        return alias[1]
    return ""


def known_label(words: Sequence[str], aliases: dict[str, tuple[str, str]]) -> str:
    """ORG or LOC when ``words`` are exactly one organisation or place that the shipped
    gazetteer or the alias table ``aliases`` knows, else ''."""
    return _known_label(words, load_gazetteer(), aliases)


_ALIAS_FIRSTS: dict[int, tuple[dict[str, tuple[str, str]], frozenset[str]]] = {}


def _alias_firsts(aliases: dict[str, tuple[str, str]]) -> frozenset[str]:
    """First words of the aliases (cached per table): most words open no alias."""
    entry = _ALIAS_FIRSTS.get(id(aliases))
    if entry is None or entry[0] is not aliases:
        entry = (aliases, frozenset(a.split()[0] for a in aliases if a))
        _ALIAS_FIRSTS.clear()  # one table is in effect at a time
        _ALIAS_FIRSTS[id(aliases)] = entry
    return entry[1]


def _known_prefix(words: Sequence[str], gazetteer: Gazetteer,
                  aliases: dict[str, tuple[str, str]]) -> tuple[int, str]:
    """(length, label) of the longest known organisation or place opening ``words``."""
    head = words[0] if words else ""
    if (head.lower() not in gazetteer.first and head not in gazetteer.acronyms
            and head.casefold() not in _alias_firsts(aliases)):
        return 0, ""  # the common case: a name no list knows starts here
    for n in range(min(gazetteer.max_len, len(words) - 1), 0, -1):
        label = _known_label(words[:n], gazetteer, aliases)
        if label:
            return n, label
    return 0, ""


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() and word[:1].isalpha()


def _split_conjunctions(words: Sequence[str], start: int, end: int, label: str,
                        gazetteer: Gazetteer, aliases: dict[str, tuple[str, str]]
                        ) -> list[Span]:
    """Cut ``words[start:end]`` at ``dan``/``serta`` between two names (see module doc)."""
    if not any(w in NAME_CONJUNCTIONS for w in words[start + 1 : end - 1]):
        return [(start, end, label)]
    if _known_label(words[start:end], gazetteer, aliases):
        return [(start, end, label)]
    heads = gazetteer.entries
    out: list[Span] = []
    piece = start
    for k in range(start + 1, end - 1):
        if words[k] not in NAME_CONJUNCTIONS or not _is_name_word(words[k + 1]):
            continue
        right = words[k + 1 : end]
        if label == "ORG":
            opens = any("HEAD" in heads.get((w.lower(),), ()) for w in right) or bool(
                _known_label(right[:1], gazetteer, aliases)
                or _known_prefix(list(right) + [""], gazetteer, aliases)[0])
            if not opens:
                continue
        if k > piece:
            out.append((piece, k, label))
        piece = k + 1
    out.append((piece, end, label))
    return out


def _title_form(word: str) -> str:
    """A word as the title lists hold it: lower-cased, a final full stop off (``Ust.``)."""
    low = word.lower()
    return low[:-1] if len(low) > 1 and low.endswith(".") else low


def _two_places(rest: Sequence[str], gazetteer: Gazetteer,
                aliases: dict[str, tuple[str, str]]) -> int:
    """Where a place span that is two known places side by side splits (``Depok Jawa
    Barat``: 1), or 0. Both parts must be known places: a name only ending in one
    (``Kebun Raya Bogor``) is not cut."""
    n, known = _known_prefix(rest, gazetteer, aliases)
    # an acronym is not taken for a place here: ``AS Roma`` is a club, not ``AS`` + ``Roma``
    if n and known == "LOC" and not (n == 1 and rest[0].isupper()) and _known_label(
            rest[n:], gazetteer, aliases) == "LOC":
        return n
    return 0


def _person_cue_before(lows: dict[int, str], start: int, lex: NameLexicon) -> bool:
    """Whether the word before ``start`` ends a title that only a person follows: a rank
    (``Irjen``, ``Pak``) or a word inside a title (``Menteri Keuangan``, ``Presiden RI``), or
    is a speech verb the speaker follows (``kata``, ``ujar``)."""
    if not start:
        return False
    prev = lows[start - 1]
    return prev in lex.ranks or (prev,) in lex.parts or prev in lex.speech


def _title_before(lows: dict[int, str], start: int, lex: NameLexicon) -> bool:
    """Whether the word before ``start`` is a one-word title or a word ending one
    (``Ketua``, ``Ketua DPP``, ``Irjen``)."""
    if not start:
        return False
    prev = (lows[start - 1],)
    return prev in lex.roles or prev in lex.parts


def _known_then_person(words: Sequence[str], i: int, end: int, lex: NameLexicon,
                       gazetteer: Gazetteer, aliases: dict[str, tuple[str, str]]) -> list[Span]:
    """``PDI Perjuangan Puan Maharani`` after a title (``Ketua DPP``): the known organisation,
    then the person, when two or more personal words follow it that open no known name or
    organisation (``PSSI Jawa Timur``, ``TNI Angkatan Darat`` stay whole); else []."""
    n, known = _known_prefix(words[i:end], gazetteer, aliases)
    person = words[i + n : end]
    if n and len(person) >= 2 and _looks_personal(person, lex) and not (
            _known_prefix([*person, ""], gazetteer, aliases)[0] or person[0].lower() in lex.heads):
        return [(i, i + n, known), (i + n, end, "PER")]
    return []


def _after_inner_rank(words: Sequence[str], lows: dict[int, str], i: int, end: int,
                      lex: NameLexicon, gazetteer: Gazetteer,
                      aliases: dict[str, tuple[str, str]], out: list[Span]) -> int:
    """Where the person starts when a rank stands inside what is left after a title
    (``Kapolda`` + ``Metro Jaya Irjen Karyoto``): after the rank, the office's words before
    it being a mention only when they are a known name; ``i`` when there is no such rank."""
    for k in range(i + 1, end - 1):
        if lows[k] in lex.ranks and _looks_personal(words[k + 1 : end], lex):
            known = _known_label(words[i:k], gazetteer, aliases)
            if known:
                out.append((i, k, known))
            return k + 1
    return i


def _opens_organisation(rest: Sequence[str], lex: NameLexicon) -> bool:
    """Whether a name of two words or more opens with an organisation head (``Polda Metro
    Jaya``, ``Universitas Udayana``) that does not also open people's names (``Tim Cook``)."""
    if len(rest) < 2:
        return False
    head = rest[0].lower()
    return head in lex.heads and head not in lex.givens


def _organisation_then_person(rest: Sequence[str], lex: NameLexicon, gazetteer: Gazetteer,
                              aliases: dict[str, tuple[str, str]]) -> int:
    """Where the person starts in an organisation's name that runs on into one (``Komisi XI
    DPR`` + ``M Misbakhun``): after a word that is itself a known organisation, when two or
    more personal words follow (an initial counts: ``M``, ``A.``); 0 when there is no such
    place (``Universitas Gadjah Mada``)."""
    for k in range(1, len(rest) - 1):
        if _known_label(rest[k - 1 : k], gazetteer, aliases) != "ORG":
            continue
        person = rest[k:]
        words = [w for w in person if not _is_initial(w)]
        if words and len(person) >= 2 and _looks_personal(words, lex) and person[0].lower() not in lex.heads:
            return k
    return 0


def _is_initial(word: str) -> bool:
    """A name's initial: one capital letter, with or without its full stop. Narrower than
    the quotes' ``quote_roles._initial`` on purpose: a two-letter ``RI`` after a body's name
    (``Komisi XI DPR RI``) belongs to the body, not to the person after it."""
    return word.rstrip(".").isalpha() and len(word.rstrip(".")) == 1 and word[0].isupper()


def _looks_personal(rest: Sequence[str], lex: NameLexicon) -> bool:
    """Capitalised words only (and name particles inside: ``Mohammed bin Zayed``), none an
    acronym, a company tail or a place opener."""
    return (not rest or _is_name_word(rest[0])) and all(
        (_is_name_word(w) and not w.isupper()) or w in lex.particles for w in rest
    ) and not any(w.lower() in lex.tails or w.lower() in lex.places for w in rest)


def _strip_titles(words: Sequence[str], start: int, end: int, label: str, lex: NameLexicon,
                  gazetteer: Gazetteer, aliases: dict[str, tuple[str, str]]) -> list[Span]:
    """Titles and roles out of the front of one span; known names between them split off."""
    # lower-cased words of the span and the one before it only (a paragraph is long)
    # a title keeps its full stop (``Ust.``, ``Dr.``): compared without it
    lows: dict[int, str] = {k: _title_form(words[k]) for k in range(max(start - 1, 0), end)}
    while end > start and not _is_name_word(words[end - 1]) and not words[end - 1][:1].isdigit():
        end -= 1  # names never end in a lower-case word (``Purbaya bicara``)
    out: list[Span] = []
    i = start
    stripped = False
    after_cue = _person_cue_before(lows, start, lex)
    if start and lows[start - 1] in lex.role_firsts and lows[start] not in lex.places:
        # the tagger left a title's first word out and took the rest (``Wakil`` + ``Ketua
        # Umum Budi``): the title's words inside the span go with it; a place word stays
        # (``Kepala`` + ``Desa Cibening``: the place as the article writes it elsewhere)
        n = _phrase_len(lows, start - 1, end, lex.roles, lex.max_len)
        if n >= 2 and start - 1 + n < end:  # ``Jenderal`` + ``TNI``: the title's
            i, stripped = start - 1 + n, True  # organisation alone stays a name
    while i < end:
        n = _phrase_len(lows, i, end, lex.roles, lex.max_len) if lows[i] in lex.role_firsts else 0
        if not n and (label == "PER" or stripped or after_cue) and lows[i] in lex.part_firsts:
            n = _phrase_len(lows, i, end, lex.parts, lex.max_len)
        elif not n and i == start and lows[i] in lex.part_firsts and _title_before(lows, start, lex):
            # ``Ketua`` + ``DPP PAN …``: a title's word opening a span that goes on; alone it
            # may be the organisation itself (``Jenderal`` + ``TNI``)
            n = _phrase_len(lows, i, end, lex.parts, lex.max_len)
            n = n if i + n < end else 0
        if n:
            i += n
            stripped = True
            continue
        if stripped:
            # an organisation or place between the role and the person (``Ketua NasDem
            # Sumut Iskandar``) is a mention of its own
            n, known = _known_prefix(words[i:end], gazetteer, aliases)
            if n and _looks_personal(words[i + n : end], lex):
                out.append((i, i + n, known))
                i += n
                continue
        break
    if stripped:
        i = _after_inner_rank(words, lows, i, end, lex, gazetteer, aliases, out)
    if i >= end:
        return out  # nothing but titles: ``Purn``, ``Presiden RI``
    if not _is_name_word(words[i]) and not words[i][:1].isdigit():
        return out  # what is left does not start a name (``Presiden dan …``)
    if label == "ORG" and not stripped and _title_before(lows, start, lex):
        split = _known_then_person(words, i, end, lex, gazetteer, aliases)
        if split:
            return out + split
    if label == "PER" and not stripped:
        n, known = _known_prefix(words[i:end], gazetteer, aliases)
        if n and after_cue is False and _looks_personal(words[i + n : end], lex) and (
                end - i - n >= 2):  # ``Papua Lenis Kogoya``: the place, then the person
            out.append((i, i + n, known))
            i += n
    rest = words[i:end]
    known = _known_label(rest, gazetteer, aliases)
    if known:
        out.append((i, end, known))
        return out
    tail = max((k for k, w in enumerate(rest) if w.lower() in lex.tails), default=-1)
    if label == "PER" and 0 <= tail < len(rest) - 1 and _looks_personal(rest[tail + 1 :], lex):
        # ``DNR Logistics Budi Santoso``: the company, then the person
        out += [(i, i + tail + 1, "ORG"), (i + tail + 1, end, "PER")]
        return out
    if label == "PER" and _opens_organisation(rest, lex):
        # ``Ma'had Islam Rafiah Akhyar``; a place keeps its type (``Kantor Kemenpora``, ``Uni
        # Soviet``: where something happens, or a country)
        cut = _organisation_then_person(rest, lex, gazetteer, aliases)
        if cut:  # ``Komisi XI DPR M Misbakhun``: the body, then its member
            out += [(i, i + cut, "ORG"), (i + cut, end, "PER")]
            return out
        out.append((i, end, "ORG"))
        return out
    if label == "PER" and len(rest) >= 2 and rest[0].lower() in lex.places:
        label = "LOC"  # ``Gelora Bung Tomo``, ``Kota Ambon``: a place named after someone
    elif label == "ORG" and len(rest) >= 2 and rest[0].lower() in lex.venues and (
            rest[0].lower() not in lex.heads):
        label = "LOC"  # ``GOR UNJ``: a venue named after its owner is where things happen
    if len(rest) >= 2 and rest[0].lower() in lex.teams:
        out.append((i, end, "ORG"))  # ``Timnas Brasil``: the side, not the country
        return out
    if label == "LOC" and len(rest) >= 2:
        cut = _two_places(rest, gazetteer, aliases)
        if cut:
            out += [(i, i + cut, "LOC"), (i + cut, end, "LOC")]
            return out
    new_label = label
    if label == "PER" and (
        tail >= 0
        or (stripped and len(rest) >= 2 and rest[0].isupper() and len(rest[0]) >= 3
            and rest[0] not in _ROMAN)
    ):
        new_label = "ORG"  # ``Dirut DNR Logistics``: the company, not a person
    elif label != "PER" and (stripped or after_cue) and _looks_personal(rest, lex) and (
            not any("HEAD" in gazetteer.entries.get((w.lower(),), ()) for w in rest)):
        new_label = "PER"  # ``Sekretaris Negara Pratikno``, ``Menteri Keuangan Purbaya``
    out.append((i, end, new_label))
    return out


def _cut_at_lower_word(words: Sequence[str], start: int, end: int, lex: NameLexicon) -> int:
    """Where an organisation's or place's span must end: before the first lower-case word
    that is no connector (``dan``, ``of``, ``di``) or name particle (``bin``, ``van``).
    The tagger runs a name on into the words after it (``DPR RI dapil Jakarta 3``,
    ``Dinas Pendidikan kota Medan``); a name's own words are capitalised."""
    for k in range(start + 1, end):
        word = words[k]
        if (word.islower() and word.isalpha() and word not in NAME_CONJUNCTIONS
                and word not in _NAME_CONNECTORS and word not in lex.particles):
            return k
    return end


def clean_span(words: Sequence[str], start: int, end: int, label: str,
               aliases: dict[str, tuple[str, str]] | None = None,
               lexicon: NameLexicon | None = None,
               gazetteer: Gazetteer | None = None) -> list[Span]:
    """The spans an analyst expects from one tagged span ``words[start:end]`` (see module
    doc): possibly several, possibly none; ``aliases`` maps a case-folded alias to
    ``(canonical name, label)``."""
    lex = lexicon or load_name_lexicon()
    gaz = gazetteer or load_gazetteer()
    aliases = aliases or {}
    if label != "PER":
        end = _cut_at_lower_word(words, start, end, lex)
    out: list[Span] = []
    pieces = [(start, end)]
    if label == "ORG" and end - start >= 2 and lex.subunits:
        pieces = _split_subunits(words, start, end, lex)
    elif label == "LOC" and end - start >= 2:
        pieces = _split_trailing_place(words, start, end, lex, gaz)
    for s, e in pieces:
        for a, b, lab in _split_conjunctions(words, s, e, label, gaz, aliases):
            out.extend(_strip_titles(words, a, b, lab, lex, gaz, aliases))
    return out


_PLACE_KINDS = ("LOC", "CTRY")


def _split_subunits(words: Sequence[str], start: int, end: int, lex: NameLexicon
                    ) -> list[tuple[int, int]]:
    """An organisation span cut around a sub-unit word (kind ``subunit`` of name_titles.tsv):
    the sub-unit is named by its parent, which is the entity an analyst lists (``Komisi I DPR
    Fraksi Demokrat`` → ``Komisi I DPR``, ``Demokrat``; ``Fraksi PKS`` → ``PKS``). The word
    itself is in neither piece; a sub-unit word closing the span is left alone. After the
    sub-unit word, the body it sits in (kind ``seat``: ``Fraksi PKB DPR``, ``Fraksi Golkar DPRD
    DKI Jakarta``) starts a piece of its own: the party and the legislature are two entities."""
    pieces: list[tuple[int, int]] = []
    a = start
    # the tagger may leave the sub-unit word out of the span ('Ketua Fraksi' + 'Partai Demokrat DPR')
    after_subunit = start > 0 and words[start - 1].lower() in lex.subunits
    for k in range(start, end):
        if k < end - 1 and words[k].lower() in lex.subunits and _is_name_word(words[k + 1]):
            if k > a:
                pieces.append((a, k))
            a = k + 1
            after_subunit = True
        elif after_subunit and k > a and words[k].lower() in lex.seats:
            pieces.append((a, k))
            a = k
            after_subunit = False
    pieces.append((a, end))
    return pieces


def _place_kinds(words: Sequence[str], gaz: Gazetteer) -> tuple[str, ...]:
    """The gazetteer kinds of a whole phrase (lower-cased lookup); ``()`` when unlisted."""
    return gaz.entries.get(tuple(w.lower() for w in words), ())


def _split_trailing_place(words: Sequence[str], start: int, end: int, lex: NameLexicon,
                          gaz: Gazetteer) -> list[tuple[int, int]]:
    """A place span that runs a venue or a city into the known place after it, split in two.

    News writes a place and the larger place it lies in without a comma (``Stadion Gelora
    Bung Tomo Surabaya``, ``Quito Ekuador``, ``Bogor Jawa Barat``); the tagger reads one place.
    The span is split before a known place (gazetteer, one or two words) that ends it when
    the words before it are a known place themselves, or one or two plain capitalised words
    before a country (``Quito`` + ``Ekuador``), or a venue word (``Stadion``, data
    ``venue``) and two or more name words none of them generic (``Rumah Sakit Umum Daerah
    Bogor``, ``Kebun Raya Bogor`` are one name; data ``generic`` also holds the state words
    of ``Republik Indonesia``). A listed whole (``Papua Barat``) stays."""
    if _place_kinds(words[start:end], gaz) or words[start].lower() in lex.teams:
        return [(start, end)]  # a listed whole; a team named by its country (``Timnas Brasil``)
    for size in (2, 1):
        cut = end - size
        if cut <= start:
            continue
        tail = _place_kinds(words[cut:end], gaz)
        if not any(k in _PLACE_KINDS for k in tail):
            continue
        rest = words[start:cut]
        lows = [w.lower() for w in rest]
        if any(k in _PLACE_KINDS for k in _place_kinds(rest, gaz)):
            return [(start, cut), (cut, end)]
        plain = all(_is_name_word(w) and not w.isupper() for w in rest) and not any(
            w in lex.places or w in lex.heads or w in lex.role_firsts or w in lex.generic
            or gaz.entries.get((w,)) for w in lows)
        if "CTRY" in tail and len(rest) <= 2 and plain:
            return [(start, cut), (cut, end)]
        if (lows[0] in lex.venues and len(rest) >= 3
                and all(_is_name_word(w) for w in rest[1:])
                and not any(w in lex.generic for w in lows[1:])):
            return [(start, cut), (cut, end)]
    return [(start, end)]


_ACRONYM_CONNECTORS = frozenset({"dan", "untuk", "dari", "di", "ke", "&", "of", "and", "for", "the"})
_MAX_DEFINED_WORDS = 12
# lower-case words inside organisations' and places' names (``Convention on the Elimination
# of …``, ``Independiente del Valle``), besides the particles of people's names
_NAME_CONNECTORS = _ACRONYM_CONNECTORS | frozenset(
    {"on", "in", "at", "against", "to", "a", "an", "de", "del", "der", "des", "la", "le", "du",
     "da", "y"})


def _defined_start(words: Sequence[str], tags: Sequence[str], before: int, acronym: str) -> int:
    """Where the untagged name ``words[…:before]`` that ``acronym`` abbreviates starts, or -1:
    its capitalised words' initials, connectors skipped, spell the acronym."""
    letters: list[str] = []
    k = before
    while k > 0 and before - k < _MAX_DEFINED_WORDS and tags[k - 1] == "O":
        word = words[k - 1]
        if word.lower() in _ACRONYM_CONNECTORS:
            k -= 1
            continue
        if not _is_name_word(word):
            break
        letters.insert(0, word[0].upper())
        k -= 1
        if "".join(letters) == acronym and words[k].lower() not in _ACRONYM_CONNECTORS:
            return k
    return -1


def tag_defined_acronyms(words: Sequence[str], tags: list[str],
                         gazetteer: Gazetteer | None = None) -> None:
    """Tag, in place, an organisation the article defines with its acronym when the tagger
    missed it: ``Tim Kampanye Nasional Koalisi Indonesia Maju (TKN KIM)``. The name must open
    with an organisation head (``Tim``, ``Badan``: ``org_heads.txt``) and its initials spell
    the bracketed capitals, so ``Focus Group Discussion (FGD)`` stays untagged."""
    gaz = gazetteer or load_gazetteer()
    n = len(words)
    for b in range(1, n - 2):
        if words[b] != "(":
            continue
        close = next((c for c in range(b + 2, min(b + 5, n)) if words[c] == ")"), -1)
        inner = words[b + 1 : close] if close > 0 else []
        if not inner or not all(w.isupper() and w.isalpha() for w in inner):
            continue
        if any(tags[c] not in ("O", "B-ORG", "I-ORG") for c in range(b + 1, close)):
            continue
        a = _defined_start(words, tags, b, "".join(inner))
        if a < 0 or "HEAD" not in gaz.entries.get((words[a].lower(),), ()):
            continue
        tags[a : b] = ["B-ORG"] + ["I-ORG"] * (b - a - 1)
        tags[b + 1 : close] = ["B-ORG"] + ["I-ORG"] * (close - b - 2)



def tag_conjoined_names(words: Sequence[str], tags: list[str],
                        lexicon: NameLexicon | None = None,
                        aliases: dict[str, tuple[str, str]] | None = None) -> None:
    """Run, in place, an organisation the tagger stopped at ``dan`` on to the end of its name
    when the capitalised words after the conjunction are left untagged: ``Kementerian
    Pendidikan Dasar dan Menengah``, ``Badan Pengawas Obat dan Makanan``. Only a name opening
    with an organisation head (``data/org_heads.txt``), and the words after ``dan`` must be
    no title, head or known name of their own (``Kementerian Keuangan dan Menteri …``,
    ``Polri dan TNI`` stay apart)."""
    lex = lexicon or load_name_lexicon()
    gaz = load_gazetteer()
    aliases = aliases or {}
    n = len(words)
    for k in range(1, n - 1):
        if words[k] not in NAME_CONJUNCTIONS or tags[k] != "O" or tags[k - 1] not in ("B-ORG", "I-ORG"):
            continue
        a = k - 1
        while a > 0 and tags[a] == "I-ORG":
            a -= 1
        if words[a].lower() not in lex.heads or k - a < 2:
            continue
        b = k + 1
        while b < n and tags[b] == "O" and _is_name_word(words[b]) and not words[b].isupper():
            low = words[b].lower()
            # a word inside a title stops the run (``Kementerian Pertahanan dan Polisi
            # Militer`` are two), except the field words that sit inside names as well
            # (``Ilmu Sosial dan Ilmu Politik``: data ``inner``)
            if low in lex.heads or low in lex.role_firsts or (
                    low in lex.part_firsts and low not in entity_words("inner")):
                break
            b += 1
        if b == k + 1 or _known_prefix([*words[k + 1 : b], ""], gaz, aliases)[0]:
            continue
        tags[k:b] = ["I-ORG"] * (b - k)


_MAX_JOINED_WORDS = 3


def tag_article_names(words: Sequence[str], tags: list[str],
                      lexicon: NameLexicon | None = None) -> None:
    """Run, in place, a tagged name that ends in a capitalised foreign article (data
    ``article``: ``Las``, ``El``) on over the name the tagger started right after it: ``Unión
    Deportiva Las`` + ``Palmas`` is one name, ``Unión Deportiva Las Palmas`` (an article ends
    no name; what it introduces is part of the name it stands in). Not a person after it: a
    Bugis name opens with ``La`` (``La Nyalla``), written after a body's short form."""
    lex = lexicon or load_name_lexicon()
    n = len(words)
    for k in range(1, n - 1):
        if (tags[k] == "O" or tags[k].startswith("B-") or words[k].lower() not in lex.articles
                or not words[k][:1].isupper() or tags[k + 1] not in ("B-ORG", "B-LOC")):
            continue
        b = k + 1
        label = tags[k][2:]
        tags[b] = "I-" + label
        b += 1
        while b < n and tags[b].startswith("I-"):
            tags[b] = "I-" + label
            b += 1


def tag_joined_names(words: Sequence[str], tags: list[str],
                     lexicon: NameLexicon | None = None) -> None:
    """Run, in place, a tagged name on over a joining particle (data ``joiner``: ``del``,
    ``de``, ``van`` …) and the untagged capitalised words after it: ``Independiente del
    Valle``, ``Real Club de Futbol``. The tagger, trained on Indonesian, stops at the
    lower-case word; a name's own words after it are no new entity (at most three)."""
    lex = lexicon or load_name_lexicon()
    n = len(words)
    for k in range(1, n - 1):
        if tags[k] != "O" or words[k] not in lex.joiners or tags[k - 1] == "O":
            continue
        b = k + 1
        while b < n and b - k <= _MAX_JOINED_WORDS and tags[b] == "O" and _is_name_word(words[b]):
            b += 1
        if b > k + 1:
            tags[k:b] = ["I-" + tags[k - 1][2:]] * (b - k)
