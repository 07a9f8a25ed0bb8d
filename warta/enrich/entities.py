"""Entities of one article: tag every paragraph, read mention spans, join them into entities.

``extract_entities(paragraphs)`` returns :class:`~warta.model.Entity` records in order of
first mention, each with its character-offset mentions. Within the article mentions are
joined when they are the same name, an alias from ``data/aliases.tsv`` (``AS`` =
``Amerika Serikat``), an acronym of an earlier full name (``KPK``), or a person's surname or
given name after the full name (``Oana Lungescu`` … ``Lungescu``). The canonical name is the
longest full form; the label is the majority over mentions.

``entity_key(name, label)`` is the stable key the archive files an entity under.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, count, repeat
from operator import contains, itemgetter

from ..lang.data import clitics as lang_clitics
from ..lang.tokenize import Token, tokenize
from ..model import Entity, Mention
from ..userdata import read_rows
from .entity_spans import (
    clean_span,
    entity_words,
    known_label,
    NAME_CONJUNCTIONS,
    load_name_lexicon,
    tag_article_names,
    tag_conjoined_names,
    tag_defined_acronyms,
    tag_joined_names,
)
from .entity_clubs import club_cues, mark_organisation_spans
from .entity_regional import join_regional_bodies
from .entity_context import EDGE_PUNCT, context_votes, not_cues, person_cues, word_before
from .lexicon import rows as lexicon_rows
from .ner import LABELS, bio_spans, load_tagger, tag_known_organisations
from .ner_features import DATA_DIR, load_gazetteer, load_word_classes
from .outlet_names import tag_outlet_names
from .quote_roles import is_given_name, no_name_word, person_references, referred_cut

__all__ = [
    "ALIASES_ENV", "alias_label", "entity_key", "extract_entities", "fill_missed_mentions", "find_mentions", "group_mentions",
    "split_appositions", "split_pairs", "tokenize_with_offsets",
]

# Corpus-style tokens: words (hyphens split off, as in the NER corpora), numbers with
# Indonesian separators, single punctuation marks.
_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|\w+(?:'\w+)?|[^\w\s]")
_TEXT_START_END = itemgetter(0, 1, 2)
# the joining particles of foreign names (data ``joiner``): most paragraphs hold none
_JOINERS = load_name_lexicon().joiners
# the capitalised foreign articles inside names, as written (``Las``, ``El``): most hold none
_ARTICLES = frozenset(w.capitalize() for w in load_name_lexicon().articles)
_ACRONYM_SKIP = {"dan", "dari", "untuk", "dengan", "di", "ke", "of", "the", "and", "for", "&"}


def tokenize_with_offsets(text: str, tokens: Sequence[Token] | None = None) -> list[tuple[str, int, int]]:
    """``(token, start, end)`` for ``text``, split the way the NER corpora are.

    Uses :func:`warta.lang.tokenize.tokenize` (or its ``tokens`` of ``text`` when the caller
    has them already), splitting hyphenated tokens further (the training corpora write
    ``Bulgaria - Rumania``).
    """
    return list(map(_TEXT_START_END, _ner_tokens(text, tokens)))


def _ner_tokens(text: str, tokens: Sequence[Token] | None = None
                ) -> list[Token] | list[tuple[str, int, int]]:
    """:func:`tokenize_with_offsets`, except that when no token needs splitting (most
    paragraphs) the tokens themselves are returned: a Token's first three fields are the
    ``(token, start, end)`` triple the entity layer reads, and a copy of ~500 tuples per
    article cost more than the reads (and gave the garbage collector more to visit)."""
    toks = list(tokenize(text) if tokens is None else tokens)
    # a token is a piece of the text: with no hyphen in the text (most paragraphs) none is
    # split, and tokenize makes no blank token (the one other thing dropped below; tested
    # for every blank code point): the tokens as they are, without a pass over them
    if "-" not in text:
        return toks
    texts = list(map(itemgetter(0), toks))
    if not any(map(str.isspace, texts)):
        hyphenated = [k for k in compress(count(), map(contains, texts, repeat("-")))
                      if len(texts[k]) > 1]
        if not hyphenated:
            return toks
        # the tokens as they are, copied in C, between the few hyphenated ones that are
        # split (a paragraph with one ``anak-anak`` took the token-by-token loop below)
        pieces: list[tuple[str, int, int]] = []
        done = 0
        for k in hyphenated:
            pieces += map(_TEXT_START_END, toks[done:k])
            start = toks[k][1]
            pieces += [(m.group(), start + m.start(), start + m.end())
                       for m in _TOKEN_RE.finditer(texts[k])]
            done = k + 1
        pieces += map(_TEXT_START_END, toks[done:])
        return pieces
    out: list[tuple[str, int, int]] = []
    for tok in toks:
        if tok.text.isspace():
            continue
        if "-" in tok.text and len(tok.text) > 1:
            for m in _TOKEN_RE.finditer(tok.text):
                out.append((m.group(), tok.start + m.start(), tok.start + m.end()))
        else:
            out.append((tok.text, tok.start, tok.end))
    return out


ALIASES_ENV = "WARTA_ALIASES"


@lru_cache(maxsize=4)
def _alias_rows(spec: str) -> tuple[tuple[str, str, str], ...]:
    """(alias, canonical name, label) of the shipped table, then of the files ``spec`` names."""
    rows = read_rows(DATA_DIR / "aliases.tsv", spec, ("alias", "canonical name", "label"),
                     what="alias table", env=ALIASES_ENV)
    return tuple((row.cells[0], row.cells[1], row.one_of(2, "label", LABELS)) for row in rows)


@lru_cache(maxsize=4)
def _alias_table(spec: str) -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for alias, canonical, label in _alias_rows(spec):
        table[_fold(alias)] = (canonical, label)  # a user's row wins over a shipped one
        # the canonical name is a form of itself: its label is known too
        table.setdefault(_fold(canonical), (canonical, label))
    return table


def _aliases() -> dict[str, tuple[str, str]]:
    """Alias (case-folded) → (canonical name, label): the shipped ``data/aliases.tsv`` plus
    the user's tables named in ``$WARTA_ALIASES`` (paths separated by ``os.pathsep``), so
    ``Jokowi`` and ``Joko Widodo`` are one entity in the whole archive."""
    return _alias_table(os.environ.get(ALIASES_ENV, ""))


def alias_label(name: str) -> str | None:
    """The label of a name in the alias tables (shipped and ``$WARTA_ALIASES``), as an alias or
    as the canonical name it stands for; None when the tables do not hold it. A person listed
    there is one the news names often enough to be given a short form: a public figure."""
    entry = _aliases().get(_fold(name.strip(EDGE_PUNCT)))
    return entry[1] if entry is not None else None


@lru_cache(maxsize=65536)
def _fold(name: str) -> str:
    """Case-fold, strip accents and collapse spaces: the comparison form of a name."""
    if name.isascii():
        return " ".join(name.casefold().split())
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c))
    return " ".join(name.casefold().split())


def entity_key(name: str, label: str) -> str:
    """Archive key of an entity: ``LABEL:folded canonical name`` (aliases resolved)."""
    folded = _fold(name.strip(EDGE_PUNCT))
    alias = _aliases().get(folded)
    if alias is not None and alias[1] == label:
        folded = _fold(alias[0])
    return f"{label}:{folded}"


def _acronym_like(written: str) -> bool:
    """Whether a mention as written may be an acronym of a longer name (``KPK``)."""
    return written.isupper() and " " not in written and len(written) >= 2


@lru_cache(maxsize=65536)
def _acronym(name: str) -> str:
    words = [w for w in re.findall(r"\w+", name) if w.casefold() not in _ACRONYM_SKIP]
    if len(words) > 2 and words[0].casefold() in _legal_forms():
        words = words[1:]  # ``PT Kereta Api Indonesia`` is ``KAI``: the legal form spells none
    return "".join(w[0] for w in words).upper()


@dataclass(slots=True)
class _Group:
    mentions: list[Mention] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    forms: dict[str, str] = field(default_factory=dict)  # folded → as written
    canonical: str | None = None  # from the alias table
    _label: str = ""  # majority label, kept current by add()
    _counts: dict[str, int] = field(default_factory=dict)  # label → mentions
    words: set[str] = field(default_factory=set)  # every word of the folded forms
    _name: str | None = None  # name() from the forms, until they change
    # folded → the acronym of its written form, for the forms of two words or more: what
    # an acronym-like mention is compared with (kept with the forms, not worked out per probe)
    acronyms: dict[str, str] = field(default_factory=dict)

    def add(self, mention: Mention, label: str) -> None:
        self.mentions.append(mention)
        self.labels.append(label)
        key = _fold(mention.text)
        known = self.forms.get(key)
        if known is None:
            self.words.update(_words(key))
        if known is None or (known.isupper() and not mention.text.isupper()):
            self.forms[key] = mention.text  # prefer "Jakarta" to a dateline's "JAKARTA"
            self._name = None
            if " " in mention.text:
                self.acronyms[key] = _acronym(mention.text)
            else:
                self.acronyms.pop(key, None)
        # counts keep first-seen order, so ties go to the label seen first
        count = self._counts[label] = self._counts.get(label, 0) + 1
        # the majority changes only if this label now reaches the leader's count (the
        # leader adding one stays ahead): the scan below runs for those adds only
        if label != self._label and count >= self._counts.get(self._label, 0):
            best = max(self._counts.values())
            self._label = next(lab for lab, n in self._counts.items() if n == best)

    def label(self) -> str:
        return self._label

    def name(self) -> str:
        if self.canonical:
            return self.canonical
        # asked again and again while groups join: worked out once per change of the forms
        if self._name is None and len(self.forms) == 1:
            self._name = next(iter(self.forms.values()))  # most groups: max of one form
        if self._name is None:
            full = [f for f in self.forms.values() if not (f.isupper() and " " not in f)]
            pool = full or list(self.forms.values())
            self._name = max(pool, key=lambda f: (len(f.split()), len(f)))
        return self._name


@lru_cache(maxsize=65536)
def _words(folded: str) -> tuple[str, ...]:
    """The words of a folded name (cached: the same names are compared again and again)."""
    return tuple(folded.split())


def _may_match(group: _Group, words: tuple[str, ...], special: bool) -> bool:
    """A cheap necessary condition of :func:`_matches`, so most of its calls are skipped.

    ``special``: the new name has an alias, an abbreviation entry or looks an acronym —
    the rules that join names sharing no word. Every other rule of :func:`_matches` needs
    a word in common with the group's forms (the same form, or a person's surname or
    given name), so a group sharing none cannot match and need not be asked."""
    return special or not group.words.isdisjoint(words)


def _special(folded: str, acronym_like: bool, abbreviations: dict[str, str] | None,
             aliases: dict[str, tuple[str, str]]) -> bool:
    """Whether ``folded`` may join a group without sharing a word (see :func:`_may_match`)."""
    return acronym_like or folded in aliases or bool(abbreviations and folded in abbreviations)


def _known_org_or_place(folded: str) -> bool:
    """Whether a folded name is in the gazetteer as an organisation or a place."""
    kinds = load_gazetteer().entries.get(tuple(folded.split()), ())
    return any(k in kinds for k in ("ORG", "LOC", "CTRY"))


def _known_country(folded: str) -> bool:
    """Whether a folded name is a country: in the gazetteer as one, or an alias of a place
    whose canonical name is (``usa`` … ``Amerika Serikat``)."""
    kinds = load_gazetteer().entries.get(tuple(folded.split()), ())
    if "CTRY" in kinds:
        return True
    alias = _aliases().get(folded)
    return alias is not None and alias[1] == "LOC" and "CTRY" in load_gazetteer().entries.get(
        tuple(_fold(alias[0]).split()), ())


def _known_place(folded: str) -> bool:
    """Whether a folded name is in the gazetteer as a place."""
    return load_gazetteer().is_place(folded)


def _opens_organisation_form(group: _Group, folded: str) -> bool:
    """Whether ``folded`` is the opening words of one of an organisation's longer forms
    (``Cube`` … ``Cube Entertainment``, ``Dinas Pendidikan`` … ``Dinas Pendidikan Kota
    Medan``): the article's short name for it, whatever the tagger labelled it, unless it is
    a known place (``Manchester`` is not ``Manchester United``)."""
    words = _words(folded)
    for form in group.forms:
        gw = _words(form)
        if len(words) < len(gw) and gw[: len(words)] == words:
            # a country right after the short name, and more words after it, make a national
            # branch (``Kodansha`` … ``Kodansha USA Publishing``): another body; a country
            # ending the long form is its official style (``Komisi III DPR`` … ``… DPR RI``)
            return not _known_place(folded) and not (
                len(gw) > len(words) + 1 and _known_country(gw[len(words)]))
    return False


def _closes_organisation_form(group: _Group, folded: str) -> bool:
    """Whether the one-word organisation ``folded`` is the last word of one of an
    organisation's longer forms (``City`` … ``Manchester City``, ``Hotspur`` … ``Tottenham
    Hotspur``): clubs and companies are called by the word that ends their name after the
    first mention. Not a known place or organisation of its own (``Indonesia`` … ``Bank
    Indonesia``, ``Polri`` … ``Mabes Polri`` stay apart)."""
    if " " in folded:
        return False
    # the forms first: most groups end with no such word, and the gazetteer probe costs more
    return any(" " in form and _words(form)[-1] == folded for form in group.forms) and (
        not _known_org_or_place(folded))


def _region_heads(mentions: Sequence[tuple[Mention, str]]) -> frozenset[tuple[str, ...]]:
    """The bare place names an article writes after two region words or more (``Kabupaten
    Bogor``, ``Kota Bogor``): there the bare name (``Bogor``) may be either place."""
    regions = load_name_lexicon().regions
    heads: dict[tuple[str, ...], set[str]] = {}
    for mention, label in mentions:
        words = _words(_fold(mention.text))
        if label == "LOC" and len(words) >= 2 and words[0] in regions:
            heads.setdefault(words[1:], set()).add(words[0])
    return frozenset(bare for bare, found in heads.items() if len(found) > 1)


def _same_region(group: _Group, folded: str,
                 ambiguous: frozenset[tuple[str, ...]] = frozenset()) -> bool:
    """Whether a place and a place's form differ only by a region word opening one of them
    (``Provinsi Yogyakarta`` … ``Yogyakarta``; kind ``region`` of name_titles.tsv). Not when
    the article gives the name with two region words (``Kabupaten Bogor``, ``Kota Bogor``:
    two places), nor for the other place words (``Jalan Sudirman`` is not ``Sudirman``)."""
    regions = load_name_lexicon().regions
    words = _words(folded)
    bare = words[1:] if len(words) >= 2 and words[0] in regions else words
    heads = set()
    joined = False
    for form in group.forms:
        gw = _words(form)
        rest = gw[1:] if len(gw) >= 2 and gw[0] in regions else gw
        if rest == bare and gw != words:
            joined = True
            if rest != gw:
                heads.add(gw[0])
    if bare != words:
        heads.add(words[0])
    return joined and len(heads) <= 1 and bare not in ambiguous


def _matches(group: _Group, folded: str, written: str, label: str,
             abbreviations: dict[str, str] | None = None,
             aliases: dict[str, tuple[str, str]] | None = None,
             acronym_like: bool | None = None,
             ambiguous: frozenset[tuple[str, ...]] = frozenset()) -> bool:
    """Whether a new mention names the same thing as ``group`` (``aliases``: the table in
    effect, looked up once by the caller; ``acronym_like``: :func:`_acronym_like` of
    ``written``, when the caller probes many groups with one mention; ``ambiguous``:
    :func:`_region_heads` of the article)."""
    forms = group.forms
    if folded in forms:
        return True
    if abbreviations and abbreviations.get(folded) in forms:
        return True  # ``Universitas Udayana (Unud)`` … ``Unud``
    alias = (_aliases() if aliases is None else aliases).get(folded)
    if alias is not None and (
        _fold(alias[0]) in forms or group.canonical == alias[0]
    ):
        return True
    if acronym_like is None:
        acronym_like = _acronym_like(written)
    # the acronyms of the forms holding a space, compared in C
    if acronym_like and written in group.acronyms.values():
        return True
    if group._label == "ORG" and label != "PER" and _opens_organisation_form(group, folded):
        return True
    if group._label == "ORG" and label == "ORG" and _closes_organisation_form(group, folded):
        return True
    if group._label == "LOC" and label == "LOC" and _same_region(group, folded, ambiguous):
        return True
    if group._label == "ORG" and label == "ORG" and _clipped_form(group, folded):
        return True
    if group._label == "LOC" and label == "PER" and " " not in folded and _person_opens_place(
            group, folded):
        return True
    if group._label == "PER":
        # a surname (``Lungescu``) whatever the tagger labelled it, unless it is a known
        # place tagged as one (``Jakarta`` is not the last word of a "person" ``Syarif
        # Hidayatullah Jakarta``); a given name when it was tagged PER too (``Joko`` …
        # ``Joko Widodo``) or is no known place or organisation (``Purbaya`` tagged LOC
        # after ``Purbaya Yudhi Sadewa``)
        words = _words(folded)
        for form in group.forms:
            gw = _words(form)
            if len(words) < len(gw) and (
                (gw[-len(words):] == words and not (label == "LOC" and _known_place(folded)))
                or (gw[: len(words)] == words and (
                    label == "PER" or not _known_org_or_place(folded)))
            ):
                return True
            # a middle name, when tagged a person too: Indonesians are often called by one
            # (``Listyo Sigit Prabowo`` … ``Sigit``)
            if label == "PER" and len(words) == 1 and words[0] in gw[1:-1]:
                return True
            # the same first and last names with a middle name left out (``Lionel Messi`` …
            # ``Lionel Andrés Messi``), both tagged persons
            if label == "PER" and 2 <= len(words) < len(gw) and _middle_left_out(words, gw):
                return True
    return False


_MIN_CLIPPED = 4  # letters of a clipped first name (``Vini``, ``Rodri``)


def _clipped_given(words: tuple[str, ...], full: tuple[str, ...], written: str) -> bool:
    """Whether a one-word person is the clipped first name of a fuller one, as news calls
    players (``Vini`` … ``Vinicius Junior``, ``Rodri`` … ``Rodrigo Hernandez``): the word
    opens the full name's first word, which is two letters longer or more, and is no given
    name of its own (``Andi`` … ``Andika Perkasa`` may be two people)."""
    return (len(words) == 1 and len(full) >= 2 and len(words[0]) >= _MIN_CLIPPED
            and len(full[0]) >= len(words[0]) + 2 and full[0].startswith(words[0])
            and not is_given_name(written))


# a comma-closed apposition right after a mention: lower-case words saying who it is
_APPOSITION_RE = re.compile(r"\s*,\s*[^\W\d_A-Z][^,.;:!?]{0,60},")


def _apposed(paragraphs: Sequence[str], mention: Mention) -> bool:
    """Whether an apposition follows ``mention`` (``Ferdi, sopirnya, menunggu``): it says
    who the one-word name is, a role of its own, so the name is no clipped form of a fuller
    one named before (conservative: a missed join rather than two people made one)."""
    return _APPOSITION_RE.match(paragraphs[mention.paragraph], mention.end) is not None


def _middle_left_out(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Whether ``short`` is ``full`` with middle words left out: the same first and last word,
    the words between in order (``lionel messi`` of ``lionel andres messi``)."""
    if short[0] != full[0] or short[-1] != full[-1]:
        return False
    rest = iter(full[1:-1])
    return all(w in rest for w in short[1:-1])


def _person_opens_place(group: _Group, folded: str) -> bool:
    """``Munandar Nugraha`` tagged a place after ``Bawaslu DKI Jakarta,``, then ``kata
    Munandar`` a person: a one-word person opening a two- or three-word "place" that the
    gazetteer does not know, whose words are no place words, names that person (the
    mentions' majority then types the record)."""
    if _known_org_or_place(folded):
        return False
    places = load_name_lexicon().places
    for form in group.forms:
        gw = _words(form)
        if 2 <= len(gw) <= 3 and gw[0] == folded and places.isdisjoint(gw) and not (
                _known_org_or_place(form)):
            return True
    return False


_CLIPPED_MIN = 6  # letters of a last word a typo may clip by one (``Pegadaia``)


def _clipped_form(group: _Group, folded: str) -> bool:
    """Whether an organisation's name of two words or more is one of the group's with its
    last word clipped, or run on, by one letter (``PT Pegadaia`` for ``PT Pegadaian``): a
    typo, not another body (``PT Pegadaian`` and ``PT Pegadai`` differ by one more)."""
    words = _words(folded)
    if len(words) < 2 or len(words[-1]) < _CLIPPED_MIN - 1:
        return False
    for form in group.forms:
        gw = _words(form)
        if len(gw) != len(words) or gw[:-1] != words[:-1]:
            continue
        short, long_ = sorted((gw[-1], words[-1]), key=len)
        if len(long_) == len(short) + 1 and len(long_) >= _CLIPPED_MIN and long_.startswith(short):
            return True
    return False


def _join_later_full_forms(groups: list[_Group], abbreviations: dict[str, str] | None = None,
                           ambiguous: frozenset[tuple[str, ...]] = frozenset()) -> list[_Group]:
    """Merge a group whose short form came first into a later group with the full form.

    Canonical names only are compared: a shared surname inside two groups that already hold
    two different full names must not join them.
    """
    aliases = _aliases()
    # (group, its current canonical name, that name folded, whether it looks an acronym,
    # the folded name's words, whether it may join a group sharing no word)
    merged: list[tuple[_Group, str, str, bool, tuple[str, ...], bool]] = []

    def entry(group: _Group) -> tuple[_Group, str, str, bool, tuple[str, ...], bool]:
        name = group.name()
        folded, acronym = _fold(name), _acronym_like(name)
        return (group, name, folded, acronym, _words(folded),
                _special(folded, acronym, abbreviations, aliases))

    for g in groups:
        _, g_name, g_fold, g_acronym, g_words, g_special = mine = entry(g)
        g_label = g.label()
        # _may_match only skips calls that would answer False: the same group is found
        g_forms = g.words
        # _may_match inlined (a call per pair of groups was a fifth of grouping)
        at = next(
            (k for k, (o, o_name, o_fold, o_acronym, o_words, o_special) in enumerate(merged)
             if ((g_special or not o.words.isdisjoint(g_words))
                 and _matches(o, g_fold, g_name, g_label, abbreviations, aliases, g_acronym,
                              ambiguous))
             or ((o_special or not g_forms.isdisjoint(o_words))
                 and _matches(g, o_fold, o_name, o._label, abbreviations, aliases, o_acronym,
                              ambiguous))),
            None,
        )
        if at is None:
            merged.append(mine)
            continue
        target = merged[at][0]
        for m, lab in zip(g.mentions, g.labels, strict=True):
            target.add(m, lab)
        target.canonical = target.canonical or g.canonical
        merged[at] = entry(target)
    return [g for g, *_ in merged]


_SPAN_BREAKS = {",", ";", "(", ")", "[", "]", '"', "“", "”", ":", "/", "—"}
_SENTENCE_ENDS = {".", "!", "?"}
_SINGLE_QUOTES = frozenset("'‘’")
_HOUSE_NUMBER = {"no", "no.", "nomor", "nomer"}


def _is_abbreviation(word: str) -> bool:
    """A word a separate full stop may follow inside a name: an initial (``A . Kunandar``).
    The tokenizer keeps the full stop of the abbreviations it knows (``Moh.``, ``St.``, ``H.``,
    ``lang/data/abbreviations.tsv``), so a full stop after any other word ends the name
    (``… terang Ali. Ali menjelaskan``)."""
    return len(word) == 1 and word.isupper()


def _is_number(word: str) -> bool:
    return word[:1].isdigit()


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    """Indonesian function words (``lang/data/stopwords.txt``)."""
    from ..lang.data import stopwords

    return frozenset(stopwords())


@lru_cache(maxsize=1)
def _scale_words() -> frozenset[str]:
    """Words that make the number before them an amount (``20 ribu``, ``5 persen``)."""
    from .lexicon import rows

    return frozenset(r[0].lower() for r in rows("amount_scales.tsv")) | {"persen", "%"}


def _trim_numbers(words: Sequence[str], start: int, end: int) -> int:
    """The end of a span without the numbers a tagger let run on: a number that opens an
    amount (``Stadion Manahan 20`` ribu) and a street's house number (``Jalan Cemara 19``,
    ``Jalan Kertanegara No. 4``: kind ``street`` of ``data/name_titles.tsv``). Names that end
    in a number (``SMA Negeri 1``, ``Trans 7``, ``KLIA 2``) keep it otherwise, but not a known
    organisation or place, which the lists hold without one: ``unsur KPU 2, Bawaslu 2`` counts
    members of ``KPU`` and ``Bawaslu``."""
    if end - start < 2:
        return end  # nothing to trim (or an empty piece)
    if _is_number(words[end - 1]) and known_label(words[start : end - 1], _aliases()):
        return end - 1
    street = words[start].lower() in load_name_lexicon().streets
    while end - start > 1 and _is_number(words[end - 1]):
        amount = end < len(words) and words[end].lower() in _scale_words()
        if not (amount or street):
            break
        end -= 1
        if street and end - start > 1 and words[end - 1].lower() in _HOUSE_NUMBER:
            end -= 1
    return end


def _abbreviates(short: str, name: str) -> bool:
    """Whether ``short`` can abbreviate ``name``: same first letter, its letters in order
    inside the name (``Unud`` / ``Universitas Udayana``, ``BEI`` / ``Bursa Efek
    Indonesia``, ``Jokowi`` / ``Joko Widodo``), shorter than the name."""
    low = short.casefold()
    letters = "".join(c for c in name.casefold() if c.isalnum())
    if not (2 <= len(low) < len(letters)) or not low.isalnum() or low[0] != letters[0]:
        return False
    if " " not in name.strip():
        return False
    pos = 0
    for ch in low:
        pos = letters.find(ch, pos) + 1
        if not pos:
            return False
    return True


_SYLLABLE_SKIP = frozenset({"dan", "dari", "untuk", "di", "ke", "of", "the", "and", "for"})


@lru_cache(maxsize=16384)
def _syllabic_abbreviates(short: str, name: str) -> bool:
    """Whether the one-word ``short`` is made of the openings of the words of ``name``, in
    order, each word giving one piece, the first two letters or more: Indonesian short
    forms (``Unud`` = Un·ud / Universitas Udayana, ``Kemenkeu`` = Kemen·keu / Kementerian
    Keuangan, ``Kadin`` = Ka·d·in / Kamar Dagang dan Industri). Both folded; connectors of
    ``name`` may give nothing. Stricter than :func:`_abbreviates`, which lets any letters
    in order through."""
    words = [w for w in name.split() if w not in _SYLLABLE_SKIP]
    if not 2 <= len(words) <= 6 or not 4 <= len(short) <= 12 or not short.isalpha():
        return False

    def fit(pos: int, k: int) -> bool:
        if k == len(words):
            return pos == len(short)
        word = words[k]
        low = 2 if k == 0 else 1
        for size in range(min(len(word), len(short) - pos), low - 1, -1):
            if word[:size] == short[pos : pos + size] and fit(pos + size, k + 1):
                return True
        return False

    return fit(0, 0)


def _names_short_form(group: _Group, folded: str) -> bool:
    """Whether the one-word ``folded`` is the short form of one of an organisation's
    names by :func:`_syllabic_abbreviates` (``Unud`` … ``Universitas Udayana``)."""
    # the first two letters are the first word's: most forms fail there, before the cache
    head = folded[:2]
    return any(form.startswith(head) and " " in form and _syllabic_abbreviates(folded, form)
               for form in group.forms)


_CLEAN_LIMIT = 65536
# (word before the span or None, the span's words, label) → clean_span's spans, as offsets
# from the span's start; valid for one alias table (`_CLEAN_TABLE`)
_CLEAN_CACHE: dict[tuple[str | None, tuple[str, ...], str], list[tuple[int, int, str]]] = {}
_CLEAN_TABLE: list[dict[str, tuple[str, str]]] = []


def _clean_span(words: Sequence[str], start: int, end: int, label: str,
                aliases: dict[str, tuple[str, str]]) -> list[tuple[int, int, str]]:
    """:func:`~warta.enrich.entity_spans.clean_span`, memoised: news repeats the same names
    (``Presiden Joko Widodo``) across articles. clean_span reads only the span's words, the
    word before it (a title cue) and its label, besides the shipped lists and the alias
    table, so the key holds those and the cache is emptied when another table is in effect."""
    if not _CLEAN_TABLE or _CLEAN_TABLE[0] is not aliases:
        _CLEAN_CACHE.clear()
        _CLEAN_TABLE[:] = [aliases]
    key = (words[start - 1] if start else None, tuple(words[start:end]), label)
    found = _CLEAN_CACHE.get(key)
    if found is None:
        if len(_CLEAN_CACHE) >= _CLEAN_LIMIT:
            _CLEAN_CACHE.clear()
        found = [(a - start, b - start, lab) for a, b, lab in
                 clean_span(words, start, end, label, aliases)]
        _CLEAN_CACHE[key] = found
    return [(start + a, start + b, lab) for a, b, lab in found]


def _closing_quotes(words: Sequence[str]) -> dict[int, int]:
    """Single quote marks that close a quotation: their index → the index of the mark that
    opened it. A name never runs out of a quotation (``jargon 'Salam dari Binjai' Paris
    Pernandes``), but a nickname quoted inside a name (``Anto 'Todung' Binarto``) or an
    apostrophe (``St James' Park``, ``D'Essentials`` split by the tokenizer) is part of it:
    the callers cut a span only at a mark that closes a quotation opened before the span."""
    if _SINGLE_QUOTES.isdisjoint(words):  # most paragraphs: answered in C
        return {}
    marks = [i for i, w in enumerate(words) if w in _SINGLE_QUOTES]
    return {close: opened for opened, close in zip(marks[::2], marks[1::2])}


_PARTICLES = tuple(lang_clitics()["particle"])
_MIN_CLITIC_STEM = 5  # letters before -lah/-kah of a common word (``Pemerintahlah``)


def _clitic_common(word: str) -> bool:
    """Whether one word is a common word with an enclitic particle on it (``Perbincanganpun``
    opening a sentence, ``Pemerintahlah``): the tagger may read such an unseen word as a
    name; what stands before the particle is a word news writes in lower case. A short stem
    with ``-lah``/``-kah`` is as often a name's syllables (``Kamilah``, ``Paskah``): only
    ``-pun`` or a stem of five letters or more counts."""
    low = word.lower()
    return any(low.endswith(p) and len(low) > len(p) + 2 and (
        p == "pun" or len(low) - len(p) >= _MIN_CLITIC_STEM) and _common_word(low[: -len(p)])
               for p in _PARTICLES)


def _site_name(words: Sequence[str], k: int,
               tokens: Sequence[tuple[str, int, int]] | None) -> bool:
    """Whether ``words[k]`` opens a site's address the tokens split (``TRIBUNNEWS`` ``.``
    ``COM``): an outlet's dateline run into the name before it, which no name holds. The
    three must touch (``Kompas. Id pengguna`` is a sentence end); without the tokens'
    offsets nothing is one."""
    return (tokens is not None and k + 2 < len(words) and words[k + 1] == "."
            and words[k + 2].lower() in entity_words("web") and words[k].isalpha()
            and tokens[k][2] == tokens[k + 1][1] and tokens[k + 1][2] == tokens[k + 2][1])


def _paragraph_spans(words: Sequence[str], tags: Sequence[str],
                     tokens: Sequence[tuple[str, int, int]] | None = None,
                     ) -> list[tuple[int, int, str]]:
    """Cleaned token spans of one paragraph: the tagger's spans cut at commas and brackets
    (``Bursa Efek Indonesia (BEI)`` is two mentions, ``Senayan, Jakarta`` two places), then
    cleaned by :func:`~warta.enrich.entity_spans.clean_span` (titles out, cut at ``dan``,
    known types). A piece the tagger ran on past a sentence end loses the function words
    that open the next sentence (``Polda Metro Jaya. Sementara`` → ``Polda Metro Jaya``).
    ``tokens`` (text, start, end) tell where a site's address is written whole
    (:func:`_site_name`)."""
    aliases = _aliases()
    closing = _closing_quotes(words)
    captions = _caption_words()
    breaks = load_name_lexicon().breaks
    heads = load_name_lexicon().heads
    out: list[tuple[int, int, str]] = []
    for start, end, label in bio_spans(tags):
        piece_start = start
        for k in range(start, end + 1):
            if k == end or words[k] in _SPAN_BREAKS or words[k] in captions or closing.get(
                    k, end) < start or words[k].lower() in breaks or _site_name(words, k, tokens) or (
                    words[k] in _SENTENCE_ENDS and not _is_abbreviation(words[k - 1])):
                stop = _trim_numbers(words, piece_start, k)
                # one word run on past a sentence end that news mostly writes in lower case
                # opens the next sentence (``Maher Zain? Simak selengkapnya``): no name
                # what follows a degree level is its field (``S3 Ilmu Komunikasi``), no name,
                # unless an organisation's head opens it (``S2 Universitas Indonesia``)
                if stop > piece_start and not (
                        stop - piece_start == 1 and piece_start > start
                        and words[piece_start - 1] in _SENTENCE_ENDS
                        and _common_word(words[piece_start])) and not (
                        piece_start > start and words[piece_start - 1].lower() in breaks
                        and words[piece_start].lower() not in heads) and not (
                        stop - piece_start == 1 and _clitic_common(words[piece_start])):
                    out.extend(_clean_span(words, piece_start, stop, label, aliases))
                piece_start = k + 1
                if k < end and words[k] in _SENTENCE_ENDS:
                    while piece_start < end and words[piece_start].lower() in _stopwords():
                        piece_start += 1
    return out


def _abbreviated_tail(words: Sequence[str], start: int, end: int, short: str) -> int:
    """Where, inside ``words[start:end]``, the name opens whose initials (connectors
    skipped) spell the all-capitals ``short`` exactly; -1 when none does."""
    if not (short.isupper() and short.isalpha() and len(short) >= 2):
        return -1
    for k in range(start + 1, end - 1):
        if words[k][:1].isupper() and _acronym(" ".join(words[k:end])) == short:
            return k
    return -1


_MAX_LISTED_WORDS = 8  # tokens between an organisation's span and its bracketed short form


def _run_on_listed_names(words: Sequence[str], spans: list[tuple[int, int, str]]) -> None:
    """Run an organisation's span on, in place, over the list its name goes on with when the
    short form in brackets after the list spells the whole of it and not the span alone
    (``Kementerian Pendidikan, Kebudayaan, Riset dan Teknologi (Kemendikbudristek)``: the
    tagger stops at the first comma). Only commas, ``dan``/``serta`` and capitalised words
    no span holds are taken."""
    starts = {a for a, _b, _l in spans}
    for at, (a, b, label) in enumerate(list(spans)):
        if label != "ORG" or b >= len(words) or words[b] != ",":
            continue
        k = b
        while k < len(words) and k - b <= _MAX_LISTED_WORDS and k not in starts and (
                words[k] in (",", "dan", "serta") or _is_office_word(words[k])):
            k += 1
        close = k + 2
        if (k >= len(words) - 2 or words[k] != "(" or words[close] != ")"
                or not any(_is_office_word(w) for w in words[b:k])):
            continue
        short = words[k + 1]
        if _abbreviates(short, " ".join(words[a:b])) or not _abbreviates(short, " ".join(words[a:k])):
            continue
        spans[at] = (a, k, label)


def _bracket_abbreviations(words: Sequence[str], spans: list[tuple[int, int, str]]
                           ) -> dict[tuple[int, int], str]:
    """``Name (ABBR)``: the abbreviation's token span → the named span's label. An untagged
    abbreviation is added to ``spans`` (in place) with the label of the name."""
    found: dict[tuple[int, int], str] = {}
    n = len(words)
    if "," in words:
        _run_on_listed_names(words, spans)
    for a, b, label in list(spans):
        if b + 2 >= n or words[b] != "(":
            continue
        # the abbreviation may be written in two words: ``(TKN KIM)``
        close = next((c for c in range(b + 2, min(b + 5, n)) if words[c] == ")"), -1)
        if close < 0:
            continue
        short = "".join(words[b + 1 : close])
        if not _abbreviates(short, " ".join(words[a:b])):
            inner = _abbreviated_tail(words, a, b, short)
            if inner < 0 or (a, b, label) not in spans:
                continue
            if inner - a == 1 and words[a].lower() in load_name_lexicon().heads and (
                    not words[a].isupper()):  # ``PT`` is a company's form, not its name
                # ``Kementerian Badan Usaha Milik Negara (BUMN)``: a head word before the
                # domain the acronym spells is the body itself (``Kementerian BUMN``)
                inner = a
            # ``Dewan Pakar Federasi Serikat Guru Indonesia (FSGI)``: the body the acronym
            # names, without the unit of it the tagger ran in front
            # (``Rakernas Lembaga Dakwah Islam Indonesia (LDII)``: an event of the body
            # named; the body is an organisation)
            at = spans.index((a, b, label))
            label = "ORG" if label == "EVT" else label
            spans[at] = (inner, b, label)
        key = (b + 1, close)
        # the tagger's spans inside the brackets give way to the one abbreviation
        spans[:] = [s for s in spans if not (b < s[0] and s[1] <= close)]
        spans.append((b + 1, close, label))
        found[key] = label
    spans.sort()
    return found


@lru_cache(maxsize=4)
def _capital_places_of(spec: str) -> frozenset[str]:
    return frozenset(alias for alias, _canonical, label in _alias_rows(spec)
                     if label == "LOC" and alias.isupper() and alias.isalpha())


def _capital_places() -> frozenset[str]:
    """All-capital short forms the alias tables in effect give a place for (``RI``, ``AS``,
    ``NTB``)."""
    return _capital_places_of(os.environ.get(ALIASES_ENV, ""))


@lru_cache(maxsize=1)
def _currency_names() -> frozenset[str]:
    """Lower-cased currency names written after an amount (``dolar as``): no place there."""
    return frozenset(row[0].lower() for row in lexicon_rows("amount_currency_suffix.tsv") if row)


def _is_office_word(word: str) -> bool:
    """A capitalised word or an ordinal's number (``Presiden ke-7 RI``): what an office's
    title is written in."""
    return word[:1].isupper() and word.isalpha() or word.isdigit()


def _add_office_places(words: Sequence[str], spans: list[tuple[int, int, str]]) -> None:
    """Add, in place, the all-capital place short forms no span holds: the country an office
    names (``Menteri Pertahanan RI``, ``Presiden RI Joko Widodo``: the title words go out of
    the person's span, the country stays an entity of the article, as for ``Panglima TNI``), or
    in brackets after a name the tagger missed. Only after a capitalised word (``dollar AS``
    is a currency, and so is ``Dolar AS``: the currency names of ``amount_currency_suffix.tsv``)
    that is no acronym and ends no organisation's span (``DPR RI``, ``KPU RI``: part of its
    name)."""
    covered = {k for a, b, _ in spans for k in range(a, b)}
    # after an organisation the short form is part of its name (``DPR RI``, ``(DKPP) RI``)
    bodies = {b for _a, b, label in spans if label == "ORG"}
    places = _capital_places()
    added = [(k, k + 1, "LOC") for k, w in enumerate(words)
             if w in places and k not in covered and k not in bodies and k > 0
             and (words[k - 1] == "(" or _is_office_word(words[k - 1]))
             and not words[k - 1].isupper()
             and f"{words[k - 1]} {w}".lower() not in _currency_names()]
    if added:
        spans.extend(added)
        spans.sort()


_MAX_CUED_WORDS = 3


@lru_cache(maxsize=1)
def _word_classes() -> dict[str, str]:
    """The shipped casing classes (``ner_wordclass.tsv.gz``), looked up once: the loader
    checks the file on every call."""
    return load_word_classes()
_NAME_RUN_ON = frozenset({"&", "of", "and", "the", "for"})  # an English name going on


def _common_word(word: str) -> bool:
    """A function word, or a word news mostly writes in lower case (casing classes t0/t1 of
    ``ner_wordclass.tsv.gz``): capitalised for a reason of its own, it opens no name."""
    low = word.lower()
    return low in _stopwords() or _word_classes().get(low, "t3")[:2] in ("t0", "t1")


_MAX_GIVEN_LEFT = 4  # untagged given names a person's span may take before it
# a partner's slash, a list, a ticket's hyphen (``kabinet Jokowi-Ma'ruf Amin``)
_LEFT_OPENERS = frozenset({"/", ",", ";", "-"})


def _name_word_left(word: str) -> bool:
    """Whether an untagged word could be a given name the tagger left off a person's span:
    capitalised letters only (no acronym), no title, rank, place, region or organisation
    word of the lexicons, no weekday or month, and no known place or organisation."""
    bare = word.replace("'", "").replace("’", "")  # ``Ma'ruf``, ``Mu’ti``
    if bare != word and re.split(r"['’]", word)[-1] in entity_words("contraction"):
        return False  # ``Don't Call Me Angel``: an English contraction, a title's
    if len(bare) < 2 or not bare.isalpha() or not word[0].isupper() or not bare[1:].islower():
        return False
    low = word.lower()
    lex = load_name_lexicon()
    return not ((low,) in lex.roles or (low,) in lex.parts or low in lex.places
                or low in lex.regions or low in lex.heads or low in lex.tails
                or low in lex.venues or low in club_cues().dates
                or _known_org_or_place(low))


@lru_cache(maxsize=1)
def _listed_given() -> frozenset[str]:
    """The given names that lead a full name (``quote_words.tsv`` kind ``given``: ``Putri``,
    ``Sri``, ``Dewi``), several of them common nouns news mostly writes in lower case."""
    return frozenset(r[0].lower() for r in lexicon_rows("quote_words.tsv") if len(r) > 1 and r[1] == "given")


def _kinship_apposition(words: Sequence[str], b: int) -> bool:
    """Whether a comma-closed run of capitalised words follows ``words[:b]`` (``Putri Anang,
    Aurel,``): the name that apposition gives is the kin's, the word before the person a
    kinship."""
    if b + 2 >= len(words) or words[b] != ",":
        return False
    k = b + 1
    while k < len(words) and k - b <= _MAX_GIVEN_LEFT and words[k][:1].isupper() and words[k].isalpha():
        k += 1
    return k > b + 1 and k < len(words) and words[k] == ","


def _sentence_opener(words: Sequence[str], k: int) -> bool:
    """Whether ``words[k]`` opens a sentence and is a word news mostly writes in lower case
    (casing classes t0-t2: ``Penyanyi Putri Ariani``): capitalised only for where it stands."""
    return (k == 0 or words[k - 1] in _SENTENCE_ENDS) and _word_classes().get(
        words[k].lower(), "t3")[:2] in ("t0", "t1", "t2")


def _given_opens(words: Sequence[str], j: int, b: int) -> bool:
    """Whether the listed given name ``words[j]`` opens the one-word person ending at ``b``.
    One that is also a common word (data ``common`` of ``entity_words.tsv``: ``Lalu``,
    ``Indah``, ``Putri``) opens none at a sentence's start (``Lalu Budi menjawab``), nor
    before a kinship apposition (``bersama Putri Anang, Aurel,``)."""
    low = words[j].lower()
    if low not in _listed_given():
        return False
    if low not in entity_words("common"):
        return True
    return not (j == 0 or words[j - 1] in _SENTENCE_ENDS or _kinship_apposition(words, b))


def _extend_people_left(words: Sequence[str], spans: list[tuple[int, int, str]]) -> None:
    """Give a person's span, in place, the given names the tagger left in front of it
    (``Yuan Wijaya Kusuma``, ``Bimo Prasetyo/Ziya Syafira Zulfa Putri Abdillah``): untagged
    :func:`_name_word_left` words, when what stands before them is a slash, a comma, a
    lower-case word or the paragraph's start; the first of them must be a word news writes
    capitalised (casing class t3 of ``ner_wordclass.tsv.gz``, or unseen): not a word mostly
    lower-case (``Kemenangan Li Junhui`` stays ``Li Junhui``) nor one often opening a sentence
    or a title (``Menurut``, ``Komandan``: class t2)."""
    covered: set[int] | None = None
    for at, (a, b, label) in enumerate(spans):
        if label != "PER" or a == 0 or not words[a - 1][:1].isupper():
            continue  # most persons: after a lower-case word or a mark, nothing to take
        if covered is None:
            covered = {k for s, e, _l in spans for k in range(s, e)}
        if a - 1 in covered:
            continue
        j = a
        while j > 0 and a - j < _MAX_GIVEN_LEFT and j - 1 not in covered and _name_word_left(
                words[j - 1]):
            j -= 1
        # a listed given name that is also a common noun opens the name of a one-word person
        # (``Putri Ariani``: ``putri`` is also a daughter); before a full or known name it is
        # the kinship (``Putra Anies Baswedan, Mikail``, ``didampingi Putri Zulkifli Hasan``)
        given_ok = b - a == 1 and _fold(words[a]) not in _aliases()
        while j < a and _word_classes().get(words[j].lower(), "t3")[:2] in ("t0", "t1", "t2") and not (
                given_ok and _given_opens(words, j, b)):
            j += 1  # the first must be a word news writes capitalised: a name's
        if j == a or not (j == 0 or words[j - 1] in _LEFT_OPENERS or words[j - 1][:1].islower()
                          or (given_ok and _given_opens(words, j, b) and _sentence_opener(words, j - 1))):
            continue
        spans[at] = (j, b, label)


def _extend_people_right(words: Sequence[str], spans: list[tuple[int, int, str]]) -> None:
    """Give a one-word person, in place, the surname the tagger left after it because news
    mostly writes that word in lower case (``Zainudin Paru mendesak``: ``paru`` is a common
    noun): the person is a given name, the next word a capitalised :func:`_name_word_left`
    word of casing class t0/t1 (``ner_wordclass.tsv.gz``) no span holds, and a lower-case word
    or a mark follows it (a headline's run of capitals, ``Zainudin Minta Mundur``, is no
    name)."""
    starts = {a for a, _b, _l in spans}
    for at, (a, b, label) in enumerate(spans):
        if label != "PER" or b - a != 1 or b + 1 >= len(words) or b in starts:
            continue
        nxt, after = words[b], words[b + 1]
        if (after[:1].isupper() or not _name_word_left(nxt) or not is_given_name(words[a])
                or _word_classes().get(nxt.lower(), "t3")[:2] not in ("t0", "t1")):
            continue
        spans[at] = (a, b + 1, label)


_LIST_JOINS = NAME_CONJUNCTIONS | {","}  # the words joining names in a list, and a comma


def _type_by_list(words: Sequence[str], spans: list[tuple[int, int, str]]) -> None:
    """In a list of names (``Real Madrid, Arsenal, dan Fenerbahce``), a one-word "person"
    holding no given name whose siblings (two or more) share one other type takes it: the
    tagger read the last club alone, the list tells what it is (in place)."""
    runs: list[list[int]] = []
    for at in range(len(spans)):
        if at and set(words[spans[at - 1][1] : spans[at][0]]) <= _LIST_JOINS and (
                spans[at][0] > spans[at - 1][1]):
            runs[-1].append(at)
        else:
            runs.append([at])
    for run in runs:
        if len(run) < 3:
            continue
        labels = [spans[at][2] for at in run]
        for at in run:
            a, b, label = spans[at]
            others = {lab for k, lab in zip(run, labels) if k != at}
            if label == "PER" and b - a == 1 and len(others) == 1 and "PER" not in others and (
                    not is_given_name(words[a])):
                spans[at] = (a, b, others.pop())


def _add_untagged_countries(words: Sequence[str], spans: list[tuple[int, int, str]]) -> None:
    """Add, in place, a country the tagger left untagged in running text (``dalam dunia
    politik Indonesia.``): a one-word country of the gazetteer, capitalised, between words
    that open no name (lower case, a mark, the paragraph's edge), so never a word of a longer
    name (``Universitas Indonesia``, ``Bank Indonesia`` stay the tagger's), nor joined by a
    hyphen, nor a word news mostly writes in lower case (``Jersey`` is also a shirt)."""
    covered: set[int] | None = None
    added = []
    for k, w in enumerate(words):
        if not (w[:1].isupper() and w.isalpha() and not w.isupper() and _known_country(w.lower())
                and not _common_word(w)):
            continue  # a country's name that is a common word too (``Jersey itu``): no place
        if covered is None:
            covered = {j for a, b, _ in spans for j in range(a, b)}
        if k in covered:
            continue
        if any(0 <= j < len(words) and (words[j][:1].isupper() or words[j] == "-")
               for j in (k - 1, k + 1)):
            continue  # a hyphen joins it into a word of its own (``ke-Indonesia-an``)
        added.append((k, k + 1, "LOC"))
    if added:
        spans.extend(added)
        spans.sort()


def _person_word(word: str) -> bool:
    """Whether one capitalised word is known as a person's: a listed given name, or a word
    the casing table (``ner_wordclass.tsv.gz``) saw capitalised (t3) next to a person cue
    (its middle ``LPO`` digit above 0: ``Aurel``). A word the table never saw, or saw only
    away from person cues (``Telkomsel``), is not known as one."""
    if is_given_name(word):
        return True
    case, _, lpo = _word_classes().get(word.lower(), "").partition("|")
    return case == "t3" and len(lpo) == 3 and lpo[1] != "0"


def _add_conjoined_people(words: Sequence[str], spans: list[tuple[int, int, str]]) -> None:
    """Add, in place, the one-word person the tagger left after a person and ``dan``/``serta``
    (``dua anaknya, Aurel dan Azriel,``): a :func:`_name_word_left` word known as a person's
    (:func:`_person_word`; ``Budi Santoso dan Telkomsel`` is no pair of people), no span
    holds, before a lower-case word or a mark (a capitalised run after it is another name's
    start)."""
    covered = {k for a, b, _ in spans for k in range(a, b)}
    added = []
    for a, b, label in spans:
        k = b + 1
        if label != "PER" or k >= len(words) or words[b] not in ("dan", "serta") or k in covered:
            continue
        after = words[k + 1] if k + 1 < len(words) else ""
        if (_name_word_left(words[k]) and _person_word(words[k])
                and not after[:1].isupper() and not after[:1].isdigit()):
            added.append((k, k + 1, "PER"))
    if added:
        spans.extend(added)
        spans.sort()


def _add_cued_people(words: Sequence[str], spans: list[tuple[int, int, str]],
                     cues: frozenset[str]) -> None:
    """Add, in place, a person the tagger left out right after a person cue (``kata
    Purbaya``, ``Menurut Purbaya``): a bare one-word name has no context for the tagger but
    the cue's. The name is up to three capitalised words no span holds, none of them a
    title, an organisation head, a place word, a function word, an acronym or a known
    organisation or place (``menurut Ketua``, ``kata KPK``, ``menurut Jakarta``), nor a word
    news mostly writes in lower case (``ner_wordclass.tsv.gz``: ``Sahabat``); two or
    three words only when one is a given name."""
    # the positions after a cue, found in C (most paragraphs hold none)
    after_cue = list(compress(count(1), map(cues.__contains__, map(str.lower, words[:-1]))))
    if not after_cue:
        return
    # ``terus terang Smartfren``, ``mendengar kata Diamonds``: no speech verb there
    idioms = not_cues()
    after_cue = [k for k in after_cue
                 if k < 2 or (words[k - 2].lower(), words[k - 1].lower()) not in idioms]
    covered = {k for a, b, _ in spans for k in range(a, b)}
    lex = load_name_lexicon()
    stop = _stopwords()
    classes = _word_classes()

    def nameable(k: int) -> bool:
        w = words[k]
        low = w.lower()
        # a word news mostly writes in lower case is a common word capitalised for a
        # reason of its own (``kata Sahabat``, ``Menurut Psikolog``): casing classes t0/t1
        return (k not in covered and w[:1].isupper() and w.isalpha() and len(w) >= 3
                and not w.isupper() and low not in stop
                and classes.get(low, "t3")[:2] not in ("t0", "t1") and low not in lex.role_firsts
                and low not in lex.part_firsts and low not in lex.heads
                and low not in lex.places and not _known_org_or_place(low))

    added = []
    for k in after_cue:
        if not nameable(k):
            continue
        end = k + 1
        while end < len(words) and end - k < _MAX_CUED_WORDS and nameable(end):
            end += 1
        # a capitalised run broken by a word no name holds, or going on in English, is a
        # title or a heading (``Menurut Ratu Lari Gawang``, ``kata Head of …``)
        after = words[end] if end < len(words) else ""
        if after[:1].isupper() or after.lower() in _NAME_RUN_ON:
            continue
        # several words must read as a person's (``Menurut Football Transfers``: a medium)
        if end - k == 1 or any(map(is_given_name, words[k:end])):
            added.append((k, end, "PER"))
    if added:
        spans.extend(added)
        spans.sort()


def _paragraph_mentions(tokens: list[tuple[str, int, int]], tags: Sequence[str],
                        paragraph: str, index: int,
                        abbreviations: dict[str, str] | None = None,
                        words: list[str] | None = None) -> list[tuple[Mention, str]]:
    """Mentions of one paragraph (see :func:`_paragraph_spans`). ``abbreviations``, when
    given, receives ``folded abbreviation → folded full name`` for every ``Name (ABBR)``;
    ``words``: the tokens' texts, when the caller has them."""
    if words is None:
        words = [t[0] for t in tokens]
    spans = _paragraph_spans(words, tags, tokens)
    bracketed = _bracket_abbreviations(words, spans)
    regional, long_forms = join_regional_bodies(words, spans, _known_place, _common_word)
    if not _capital_places().isdisjoint(words):
        _add_office_places(words, spans)
    mark_organisation_spans(words, spans, _common_word)
    _add_untagged_countries(words, spans)
    _add_cued_people(words, spans, person_cues())
    if "dan" in words or "serta" in words:
        _add_conjoined_people(words, spans)
    _extend_people_left(words, spans)
    _extend_people_right(words, spans)
    if "," in words and not NAME_CONJUNCTIONS.isdisjoint(words) and any(
            lab == "PER" and b - a == 1 for a, b, lab in spans):
        _type_by_list(words, spans)
    out = []
    for a, b, label in spans:
        if label == "PER" and b + 1 < len(words) and words[b] == "-" and _syllable_after(
                tokens, b):
            b += 2  # ``Kim Yong-hyun``, ``Han Duck-soo``: the tagger stops at the hyphen
        s, e = tokens[a][1], tokens[b - 1][2]
        text = paragraph[s:e]
        stripped = text.strip(EDGE_PUNCT)
        if not any(map(str.isalpha, stripped)):  # in C; an empty one has no letter either
            continue
        s += text.index(stripped)
        out.append((Mention(stripped, index, s, s + len(stripped)), label))
        if abbreviations is not None and (a, b) in bracketed:
            full = next((paragraph[tokens[x][1] : tokens[y - 1][2]] for x, y, _ in spans
                         if y == a - 1), None)
            if full:
                abbreviations[_fold(stripped)] = _fold(full.strip(EDGE_PUNCT))
    if abbreviations is not None:
        for short, long in long_forms:
            abbreviations.setdefault(_fold(short), _fold(long))  # a bracket said it first
    if regional and abbreviations is not None:
        # ``Pemerintah Provinsi (Pemprov) DKI Jakarta``: ``Pemprov`` alone later names it
        # and so does the short form with its region or the region's first words
        # (``Pemprov DKI``, ``Pemprov DKI Jakarta``)
        for x, y, body, region, end in regional:
            full = _fold(paragraph[tokens[body][1] : tokens[end - 1][2]])
            short = _fold(paragraph[tokens[x][1] : tokens[y - 1][2]])
            abbreviations[short] = full
            for k in range(region + 1, end + 1):
                abbreviations[f"{short} {_fold(' '.join(words[region:k]))}"] = full
    return out


# the enclitics of ``lang/data/clitics.tsv``: ``Jokowi-nya`` holds no syllable of the name
_CLITICS = frozenset(f for kind in ("particle", "pronoun", "archaic") for f in lang_clitics()[kind])
_MAX_SYLLABLE = 5  # letters of a romanised syllable (``hyun``, ``seong``)


def _syllable_after(tokens: Sequence[tuple[str, int, int]], hyphen: int) -> bool:
    """Whether the hyphen at ``hyphen`` glues a lower-case syllable to the name before it
    (a Korean given name's second syllable): no space either side, no clitic."""
    word = tokens[hyphen + 1][0]
    return (tokens[hyphen - 1][2] == tokens[hyphen][1] == tokens[hyphen + 1][1] - 1
            and word.isalpha() and word.islower() and len(word) <= _MAX_SYLLABLE
            and word not in _CLITICS)


def _given_name_tail(text: str, given: set[str], people: Sequence[str]) -> str | None:
    """The person closing an organisation or place span, opening with a one-word name the
    article tags as a person elsewhere and right after an acronym or a known organisation or
    place: ``… Konsumer BNI Corina Leyla Karnalies`` with ``Corina`` alone elsewhere. Two or
    three capitalised words, none a known name (``PT Shell Indonesia`` keeps its name), so
    ``Jalan Jenderal Sudirman`` keeps ``Sudirman``; never longer than a full name the article
    gives (``YouTube Rocky Gerung Official`` with ``Rocky Gerung``)."""
    words = text.split(" ")
    heads = load_gazetteer().entries
    for i in range(1, len(words) - 1):
        tail = words[i:]
        if words[i] not in given or len(tail) > 3:
            continue
        before = words[i - 1]
        if "HEAD" in heads.get((before.lower(),), ()) or not (
                (before.isupper() and len(before) >= 2 and before.isalpha())
                or _known_org_or_place(_fold(before))):
            continue
        name = " ".join(tail)
        if all(w[:1].isupper() and w.isalpha() and not w.isupper()
               and not _known_org_or_place(_fold(w)) for w in tail) and not any(
                name.startswith(p + " ") for p in people):
            return name
    return None


def split_appositions(mentions: Sequence[tuple[Mention, str]]) -> list[tuple[Mention, str]]:
    """Split one span the tagger made of an organisation or place and a person, when the
    article names the parts apart elsewhere: ``Liverpool Loris Karius`` (LOC) with the
    person ``Loris Karius`` elsewhere (or only ``Loris``, see :func:`_given_name_tail`), or
    ``IKT Chiefy Adi`` (PER) with the organisation ``IKT`` elsewhere."""
    # longest first, then by text: which person wins must not depend on set order (it
    # varies with the process's hash seed, so two workers would split a span differently)
    people = sorted({m.text for m, lab in mentions if lab == "PER" and " " in m.text},
                    key=lambda t: (-len(t), t))
    given = {m.text for m, lab in mentions if lab == "PER" and m.text.isalpha()}
    others = {m.text: lab for m, lab in mentions if lab != "PER"}  # first seen first
    # a span ending with a person's name ends with that name's last word, and one opening
    # with an organisation's name opens with its first word: the scans below run only for
    # spans that do (set look-ups rule out the others; the same spans are split)
    people_last = {p.rsplit(" ", 1)[-1] for p in people}
    others_first = {o.split(" ", 1)[0] for o in others}
    out: list[tuple[Mention, str]] = []
    for mention, label in mentions:
        text = mention.text
        if label != "PER":
            person = next((p for p in people if text.endswith(" " + p)), None) if (
                text.rsplit(" ", 1)[-1] in people_last) else None
            head_label = label
            if person is None and given:
                person = _given_name_tail(text, given, people)
                if person is not None:
                    # the head keeps the label it has on its own (``Kejagung`` ORG)
                    head_label = others.get(text[: -len(person)].rstrip(), label)
        else:
            person = None
            # only a known organisation or place, or an acronym: a given name the tagger
            # once called a place (``Purbaya``) must not cut ``Purbaya Yudhi Sadewa``
            head = next((o for o in others if text.startswith(o + " ") and (
                o.isupper() or _known_org_or_place(_fold(o)))), None) if (
                text.split(" ", 1)[0] in others_first) else None
            if head is not None:
                person = text[len(head) + 1 :]
                head_label = others[head]
        if person is None:
            out.append((mention, label))
            continue
        head_text = text[: -len(person)].rstrip()
        cut = mention.end - len(person)
        out.append((Mention(head_text, mention.paragraph, mention.start,
                            mention.start + len(head_text)), head_label))
        out.append((Mention(person, mention.paragraph, cut, mention.end), "PER"))
    return out


_PAIR_DASH = re.compile(r"\s*[-–]\s*")


def _known_people(mentions: Sequence[tuple[Mention, str]],
                  aliases: dict[str, tuple[str, str]]) -> set[str]:
    """Folded names the article uses for people on their own, with their first and last
    words (``Prabowo Subianto``, ``prabowo``, ``subianto``)."""
    known: set[str] = set()
    for m, lab in mentions:
        if lab != "PER" or _PAIR_DASH.search(m.text):
            continue
        words = _words(_fold(m.text))
        known.update((" ".join(words), words[0], words[-1]))
    known.update(a for a, (_, lab) in aliases.items() if lab == "PER")
    return known


def split_pairs(mentions: Sequence[tuple[Mention, str]],
                aliases: dict[str, tuple[str, str]] | None = None) -> list[tuple[Mention, str]]:
    """Split a person span joining two people with a dash (``Prabowo-Gibran``, ``Ganjar
    Pranowo-Mahfud MD``: a ticket, a meeting) when one side is a person the article names on
    its own (or the alias table knows). ``Jean-Pierre Papin``, ``Lee Kang-in`` or ``Ali
    Al-Habsyi`` stay whole: neither side is named alone, one is no name, or a name particle
    (``Al``) stands before the dash."""
    aliases = _aliases() if aliases is None else aliases
    if not any(lab == "PER" and _PAIR_DASH.search(m.text) for m, lab in mentions):
        return list(mentions)
    known = _known_people(mentions, aliases)
    particles = load_name_lexicon().particles  # ``Ali bin Al-Habsyi``: one name
    out: list[tuple[Mention, str]] = []
    for mention, label in mentions:
        parts = _PAIR_DASH.split(mention.text) if label == "PER" else []
        if len(parts) != 2 or not all(p[:1].isupper() for p in parts) or (
                parts[0].split()[-1].lower() in particles) or not (
                _fold(parts[0]) in known or _fold(parts[1]) in known):
            out.append((mention, label))
            continue
        left, right = parts
        right_at = mention.end - len(right)
        out.append((Mention(left, mention.paragraph, mention.start, mention.start + len(left)), "PER"))
        out.append((Mention(right, mention.paragraph, right_at, mention.end), "PER"))
    return out


def group_mentions(mentions: Sequence[tuple[Mention, str]],
                   abbreviations: dict[str, str] | None = None,
                   paragraphs: Sequence[str] | None = None) -> list[Entity]:
    """Join labelled mentions (in text order) into canonical entities of one article.

    ``abbreviations`` (folded short form → folded full name, from ``Name (ABBR)`` in the
    article) join a short form to its full name. A name in the alias table takes the table's
    canonical name and label (``Jokowi`` → PER ``Joko Widodo``): one entity in the archive.
    ``paragraphs``, the article's text, let a clipped first name (``Vini``) join a fuller
    one only when no apposition after it says who it is (:func:`_apposed`); without them
    no clipped name joins.
    """
    aliases = _aliases()
    mentions = split_appositions(split_pairs(mentions, aliases))
    ambiguous = _region_heads(mentions)
    groups: list[_Group] = []
    seen: dict[tuple[str, str], _Group] = {}  # most mentions repeat a form: skip the scan
    for mention, label in mentions:
        folded = _fold(mention.text)
        alias = aliases.get(folded)
        if alias is not None:
            label = alias[1]  # the table is the user's word on what this name is
        group = seen.get((folded, label))
        if group is None:
            # latest first: a bare surname goes to the person named most recently
            acronym_like = _acronym_like(mention.text)
            words = _words(folded)
            special = _special(folded, acronym_like, abbreviations, aliases)
            # _may_match inlined
            group = next(
                (g for g in reversed(groups)
                 if (special or not g.words.isdisjoint(words))
                 and _matches(g, folded, mention.text, label, abbreviations, aliases,
                              acronym_like, ambiguous)), None
            )
            if group is None and " " not in folded and 4 <= len(folded) <= 12 and (
                    label != "PER" or not is_given_name(mention.text)):
                # an Indonesian short form shares no word with its name (``Unud``)
                group = next((g for g in reversed(groups)
                              if g._label == "ORG" and _names_short_form(g, folded)), None)
            if group is None and label == "PER" and " " not in folded and paragraphs is not None and (
                    not _apposed(paragraphs, mention)):
                # a clipped first name shares no word with the name either (``Vini``)
                group = next((g for g in reversed(groups) if g._label == "PER" and any(
                    _clipped_given(words, _words(f), mention.text) for f in g.forms)), None)
        if group is None and len(words) >= 2 and words[0] in _legal_forms() and label == "ORG":
            group = _legal_form_group(groups, mention.text, label, abbreviations, aliases,
                                      ambiguous)
        if group is None:
            group = _Group()
            groups.append(group)
        if alias is not None and group.canonical is None:
            group.canonical = alias[0]
        group.add(mention, label)
        seen[(folded, label)] = group
    entities = []
    for g in _join_later_full_forms(groups, abbreviations, ambiguous):
        name = g.name()
        if "(" in name:  # a short form written inside the name is none of it
            name = _without_inner_brackets(name)
        aliases = sorted({w for w in g.forms.values() if w != name})
        mentions = sorted(g.mentions, key=lambda m: (m.paragraph, m.start))
        entities.append(Entity(name=name, label=g.label(), mentions=mentions, aliases=aliases))
    return entities


_INNER_BRACKETS = re.compile(r"\s*\([^()]*\)(?=\s+\w)")


def _without_inner_brackets(name: str) -> str:
    """``Pemerintah Provinsi (Pemprov) DKI Jakarta`` → ``Pemerintah Provinsi DKI Jakarta``:
    a bracket the name goes on after; one closing the name is kept (``(Persero)`` rules
    elsewhere decide on it)."""
    return _INNER_BRACKETS.sub("", name)


@lru_cache(maxsize=1)
def _caption_words() -> frozenset[str]:
    """Caption words that cut a span (kind ``caption`` of ``name_titles.tsv``), as written
    capitalised and in capitals."""
    return frozenset(f(row[1]) for row in lexicon_rows("name_titles.tsv")
                     if len(row) > 1 and row[0] == "caption" for f in (str.capitalize, str.upper))


@lru_cache(maxsize=1)
def _legal_forms() -> frozenset[str]:
    """Legal forms opening a company's name (kind ``legal`` of ``name_titles.tsv``), folded."""
    return frozenset(row[1].casefold() for row in lexicon_rows("name_titles.tsv")
                     if len(row) > 1 and row[0] == "legal")


def _legal_form_group(groups: Sequence[_Group], written: str, label: str,
                      abbreviations: dict[str, str] | None,
                      aliases: dict[str, tuple[str, str]] | None,
                      ambiguous: frozenset[tuple[str, ...]]) -> _Group | None:
    """The organisation ``PT KAI`` names when ``KAI`` alone would join one: its legal form
    is no part of what tells it from others."""
    rest = written.split(None, 1)[1]
    folded = _fold(rest)
    return next((g for g in reversed(groups) if g._label == "ORG" and _matches(
        g, folded, rest, label, abbreviations, aliases, None, ambiguous)), None)


def _tag_paragraphs(paragraphs: Sequence[str], tokens: Sequence[list[Token]] | None = None,
                    abbreviations: dict[str, str] | None = None,
                    ) -> tuple[list[list[tuple[str, int, int]]], list[tuple[Mention, str]],
                               list[list[str]]]:
    """The paragraphs' NER tokens, their mentions and the tokens' texts (read once here
    for the tagger, the rules and :func:`fill_missed_mentions`)."""
    tagger = load_tagger()
    tokenized = [_ner_tokens(p, tokens[k] if tokens is not None else None)
                 for k, p in enumerate(paragraphs)]
    words = [list(map(itemgetter(0), toks)) for toks in tokenized]
    # all paragraphs in one call: the tagger decodes a batch in one pass; the gazetteer
    # probes it made serve the organisation rule too
    tagged, probes = tagger.tag_sents_probed(words)
    mentions: list[tuple[Mention, str]] = []
    gazetteer = load_gazetteer()
    for index, (paragraph, offsets, tags) in enumerate(
        zip(paragraphs, tokenized, tagged, strict=True)
    ):
        tag_known_organisations(words[index], tags, gazetteer, probes[index])
        tag_outlet_names(words[index], tags)
        if "(" in words[index]:
            tag_defined_acronyms(words[index], tags, gazetteer)
        if "dan" in words[index]:
            tag_conjoined_names(words[index], tags, aliases=_aliases())
        if not _JOINERS.isdisjoint(words[index]):
            tag_joined_names(words[index], tags)
        if not _ARTICLES.isdisjoint(words[index]):
            tag_article_names(words[index], tags)
        mentions.extend(_paragraph_mentions(offsets, tags, paragraph, index, abbreviations,
                                            words[index]))
    return tokenized, mentions, words


def find_mentions(paragraphs: Sequence[str]) -> list[tuple[Mention, str]]:
    """Every tagged entity mention of the paragraphs with its label, in text order."""
    return _tag_paragraphs(paragraphs)[1]


def _surface_forms(entity: Entity) -> set[str]:
    """Written forms worth searching for: mentions, aliases, a person's surname."""
    forms = {m.text for m in entity.mentions} | set(entity.aliases)
    if entity.label == "PER" and " " in entity.name:
        forms.add(entity.name.split()[-1])
    return {f for f in forms if len(f) >= 3 and f[:1].isupper()}


@lru_cache(maxsize=65536)
def _form_tokens(form: str) -> tuple[str, ...]:
    """Tokens of a name (cached: the same names recur across articles)."""
    return tuple(t[0] for t in tokenize_with_offsets(form))


def fill_missed_mentions(paragraphs: Sequence[str], entities: list[Entity],
                         tokens: Sequence[list[tuple[str, int, int]]] | None = None,
                         words: Sequence[list[str]] | None = None) -> None:
    """Add, in place, untagged occurrences of names the article already uses elsewhere.

    A tagger decides token by token; an article names one thing the same way throughout,
    so a form tagged once (``Lungescu``) is the same entity where the tagger missed it.
    Only capitalised forms of 3+ characters, whole tokens, not overlapping another mention.
    ``tokens`` are the paragraphs' tokens when the caller has them already (``words``:
    their texts, with them). An entity that gains mentions has them sorted again; the
    others' are left in their order (sorted, as :func:`group_mentions` gives them).
    """
    all_words = words
    owner: dict[tuple[str, ...], Entity] = {}
    for ent in entities:
        for form in _surface_forms(ent):
            owner.setdefault(_form_tokens(form), ent)
    if not owner:
        return
    longest: dict[str, int] = {}
    for key in owner:
        longest[key[0]] = max(longest.get(key[0], 0), len(key))
    spans: dict[int, list[tuple[int, int]]] = {}
    grown: dict[int, Entity] = {}  # the entities a mention was added to
    for ent in entities:
        for m in ent.mentions:
            spans.setdefault(m.paragraph, []).append((m.start, m.end))
    for index, paragraph in enumerate(paragraphs):
        toks = tokens[index] if tokens is not None else tokenize_with_offsets(paragraph)
        taken = spans.setdefault(index, [])
        # most forms found are a mention already: the same span, told by a set look-up
        # before the scan for an overlap (a span overlaps itself: the same answer)
        exact = set(taken)
        size = len(toks)
        words = (list(map(itemgetter(0), toks)) if tokens is None or all_words is None
                 else all_words[index])
        # only tokens that open a name the article uses (few) are visited; the test of the
        # others runs in C
        for j in compress(count(), map(longest.__contains__, words)):
            tok = toks[j]
            most = longest[tok[0]]
            if not most:
                continue
            for n in range(min(most, size - j), 0, -1):
                ent = owner.get(tuple(words[j : j + n]))
                if ent is None:
                    continue
                s, e = tok[1], toks[j + n - 1][2]
                if (s, e) not in exact and not any(s < b and a < e for a, b in taken):
                    ent.mentions.append(Mention(paragraph[s:e], index, s, e))
                    taken.append((s, e))
                    exact.add((s, e))
                    grown[id(ent)] = ent
                break
    # the others' mentions are in order already (group_mentions sorts them)
    for ent in grown.values():
        ent.mentions.sort(key=lambda m: (m.paragraph, m.start))


_HEADLINE_WORDS = (3, 16)  # a headline's length in words
_HEADLINE_CAPITALS = 0.75  # share of its words written with a capital
_SENTENCE_CLOSERS = frozenset(".!?\"”’')…:;")


def _headline_shaped(paragraph: str) -> bool:
    """Whether a paragraph reads as a headline, not a sentence: a few words, most of them
    capitalised, nothing closing it as a sentence (``Cerita Raffi Ahmad Rayakan Hari Jadi``)."""
    text = paragraph.strip()
    if not text or text[-1] in _SENTENCE_CLOSERS:
        return False
    words = [w.lstrip("\"'“‘(") for w in text.split()]
    words = [w for w in words if w[:1].isalpha()]
    if not _HEADLINE_WORDS[0] <= len(words) <= _HEADLINE_WORDS[1]:
        return False
    return sum(w[0].isupper() for w in words) >= _HEADLINE_CAPITALS * len(words)


def _trailing_headlines(paragraphs: Sequence[str]) -> int:
    """How many paragraphs at the end of a body are related-article headlines the page
    appended (detik's closing links): headline-shaped, after at least two paragraphs of text.
    Their names are another article's, not this one's."""
    k = len(paragraphs)
    while k > 2 and len(paragraphs) - k < 3 and _headline_shaped(paragraphs[k - 1]):
        k -= 1
    return len(paragraphs) - k


def extract_entities(paragraphs: Sequence[str], tokens: Sequence[list[Token]] | None = None,
                     ) -> list[Entity]:
    """Named entities of an article's paragraphs, joined within the article. ``tokens`` are
    the paragraphs' :func:`~warta.lang.tokenize.tokenize` when the caller has them already."""
    abbreviations: dict[str, str] = {}
    # related-article headlines a page appends after the text are no part of it
    keep = len(paragraphs) - _trailing_headlines(paragraphs)
    paragraphs = paragraphs[:keep]
    tokens = tokens[:keep] if tokens is not None else None
    tokenized, mentions, words = _tag_paragraphs(paragraphs, tokens, abbreviations)
    entities = group_mentions(mentions, abbreviations, paragraphs)
    fill_missed_mentions(paragraphs, entities, tokenized, words)
    cut_office_words(entities, paragraphs)
    retype_by_context(entities, paragraphs)
    join_written_aliases(entities, paragraphs)
    return entities


@lru_cache(maxsize=1)
def _alias_link() -> re.Pattern[str]:
    """What stands between a person's name and the other name the article gives them
    (``entity_context.tsv`` ``alias_link``: ``alias``, ``sapaan akrabnya``, ``yang akrab
    disapa``), a comma before it allowed."""
    from .lexicon import rows as lexicon_rows

    links = sorted((r[1] for r in lexicon_rows("entity_context.tsv") if r[0] == "alias_link"), key=len, reverse=True)
    alt = "|".join(re.escape(w) for w in links) or "(?!)"  # no rows: nothing links two names
    return re.compile(rf"\s*,?\s*(?:{alt})\s*", re.IGNORECASE)


def join_written_aliases(entities: list[Entity], paragraphs: Sequence[str]) -> None:
    """Join, in place, two person records the article says are one (``Niko Al Hakim alias
    Okin``, ``Herdiansyah Hamzah, sapaan akrabnya Castro``): the fuller name stays the
    record's name, the other becomes its alias, their mentions one list."""
    people = [e for e in entities if e.label == "PER"]
    starts = {(m.paragraph, m.start): e for e in people for m in e.mentions}
    link = _alias_link()
    for first in people:
        for m in list(first.mentions):
            text = paragraphs[m.paragraph]
            gap = link.match(text, m.end)
            other = starts.get((m.paragraph, gap.end())) if gap is not None else None
            if other is None or other is first or other not in entities or first not in entities:
                continue
            keep, gone = (first, other) if len(first.name.split()) >= len(other.name.split()) else (other, first)
            keep.mentions = sorted([*keep.mentions, *gone.mentions], key=lambda x: (x.paragraph, x.start))
            keep.aliases = sorted({*keep.aliases, *gone.aliases, gone.name} - {keep.name})
            entities.remove(gone)
            starts.update({(x.paragraph, x.start): keep for x in gone.mentions})



def retype_by_context(entities: list[Entity], paragraphs: Sequence[str]) -> None:
    """Correct, in place, a person/place type the tagger gave against the words around
    every mention of the record (data ``entity_context.tsv``): a "person" (holding no given
    name) or a "place" written after a medium cue (``dilansir dari StyleCraze``) is an
    organisation; a "person" holding no given name that the article writes after ``di``
    and never next to a person cue is a place (``meninggalkan Old Trafford`` … ``main di
    Old Trafford``); a "place" that is no known
    place, written next to a person cue (``kata Purbaya``) and never after ``di``, is a
    person. Known organisations and places keep their type."""
    for ent in entities:
        # no rule retypes a person holding a given name (most persons): asked first
        if ent.label not in ("PER", "LOC") or ent.label == "PER" and any(
                map(is_given_name, ent.name.split())) or _known_org_or_place(_fold(ent.name)):
            continue
        places, people, media = context_votes(ent, paragraphs)
        if media:
            ent.label = "ORG"
        elif ent.label == "PER" and places and not people:
            ent.label = "LOC"
        elif ent.label == "LOC" and people and not places:
            ent.label = "PER"


def _words_before(ent: Entity, paragraphs: Sequence[str]) -> set[str]:
    """The words written right before the mentions of ``ent`` that hold its whole name."""
    found: set[str] = set()
    for m in ent.mentions:
        if m.text == ent.name and 0 <= m.paragraph < len(paragraphs):
            text = paragraphs[m.paragraph]
            start = word_before(text, m.start)[1]
            found.add(text[start : m.start].strip().strip(EDGE_PUNCT))
    return found


def _office_word_before_given(words: Sequence[str], references: frozenset[str],
                              before: set[str]) -> int:
    """1 when the first word of a tagged person is the end of the office before it: the
    article calls the person by the next word, a given name (``Relawan Projo Budi Arie
    Setiadi`` / ``ucap Budi``), the first word is no given name, initial or reference of its
    own, and the full name is written only after a capitalised office word that is no rank
    (``Relawan``; after ``Jenderal`` the name starts: ``Jenderal Listyo Sigit Prabowo`` /
    ``Sigit``). :func:`referred_cut` asks more of a one-word lead (a place or organisation by
    the word lists) because a reference by the surname (``Imam Nahrawi`` / ``Nahrawi``) tells
    nothing; a reference by a given name does: names open with it."""
    if len(words) < 3 or words[1] not in references or not is_given_name(words[1]):
        return 0
    lead = words[0]
    if (lead in references or is_given_name(lead) or not lead[:1].isupper()
            or len(lead.rstrip(".")) <= 2):
        return 0
    ranks = load_name_lexicon().ranks
    if not before or any(not w[:1].isupper() or w.lower() in ranks for w in before):
        return 0
    return 1


def _organisation_short_lead(words: Sequence[str], org_names: Sequence[str]) -> int:
    """1 when the first word of a tagged person (three words or more) is the short form of
    an organisation the article names in full: its initials (``KPK`` … ``Komisi
    Pemberantasan Korupsi``) or its word openings (``Rektor Unud I Ketut Sudarsana`` …
    ``Universitas Udayana``): the office's body, run into the name after the title."""
    if len(words) < 3 or not org_names or not words[1][:1].isupper():
        return 0
    lead = words[0]
    folded = _fold(lead)
    if lead.isupper() and len(lead) >= 2:
        return int(any(_fold(_acronym(name)) == folded for name in org_names))
    return int(any(_syllabic_abbreviates(folded, name) for name in org_names))


def cut_office_words(entities: list[Entity], paragraphs: Sequence[str]) -> None:
    """Take the end of an office out of a person's name, in place.

    The tagger often runs an office's place or organisation into the name after it
    (``Wali Kota Sukamaju Rina Hartati`` → ``Sukamaju Rina Hartati``). How the article refers
    back to the person tells where the name begins (``kata Rina``): the rule of
    :func:`warta.enrich.quote_roles.referred_cut`, which quotes already use for the speaker,
    so that an entity page and a quote name the person alike, when the cut words are a place's
    or an organisation's. The mentions that hold the cut words start after them; the full
    tagged form is no alias of the person."""
    references = person_references(entities, paragraphs)
    text = "\n".join(paragraphs)
    # the cut words must name (or end the name of) a place or an organisation: the article's
    # own, a known one or one by how news writes it; a given name written elsewhere alone
    # (``Kylian`` … ``Mbappe``) is not enough here, unlike for a quote's speaker
    places_orgs = {w for e in entities if e.label in ("ORG", "LOC") for w in e.name.split()}
    org_names = [_fold(e.name) for e in entities if e.label == "ORG" and " " in e.name]
    for ent in entities:
        words = ent.name.split()
        if ent.label != "PER":
            continue
        cut = 0
        if set(words[1:]) & references:
            cut = referred_cut(words, references, text)
            if cut and not any(w in places_orgs or no_name_word([w]) for w in words[:cut]):
                cut = 0
            if not cut:
                cut = _office_word_before_given(words, references,
                                                _words_before(ent, paragraphs))
        if not cut:
            cut = _organisation_short_lead(words, org_names)
        if not cut:
            continue
        lead = re.compile(r"\s+".join(re.escape(w) for w in words[:cut]) + r"\s+")
        for m in ent.mentions:
            written = m.text
            found = lead.match(written)
            if found:
                m.text = written[found.end():]
                m.start += found.end()
        old = ent.name
        ent.name = " ".join(words[cut:])
        ent.aliases = [a for a in ent.aliases if a not in (old, ent.name)]
