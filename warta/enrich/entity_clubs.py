"""Organisations a tagger reads as places or persons, or leaves out, told by the words around
and inside their names (issue 11 point 2): clubs and media.

Span level, one paragraph at a time, before mentions are grouped (so that ``Manchester United``
and ``MU`` meet as one organisation):

- a span ending in a company or club tail word (``Gresini Racing``, ``Manchester United``:
  kind ``tail`` of ``name_titles.tsv``), or run on into an untagged one, is an organisation, and
  so is an untagged capitalised run of two to four words ending in one (``Young Boys``); a
  company's legal form after its name (``(Persero)`` after ``PT Pegadaian``) is no name;
- the sides of a fixture (``Copenhagen Vs Manchester United``: the ``versus`` words of
  ``entity_context.tsv``) and a name after a club cue (``di markas Fulham``: ``club_prev``) are
  clubs: an organisation, unless a side is a country (a national side is its country, LOC) or
  holds a given name (a player, PER); a city's name there is its club (``Milan``);
- the partner the tagger left out of a doubles pair (``Jin Yong/Ki Dong Ju``) is a person;
- a name the tagger left out right after a source cue (``dikutip Crash``, ``melansir …``:
  ``source_prev``), or an English ``The …`` name after a person cue (``menurut The Mirror``), is
  a medium: an organisation; so is one right after an organisation cue (``penerbit Kodansha``,
  ``maskapai Jeju Air``: ``org_prev``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import compress, count
from typing import NamedTuple

from .entity_spans import load_name_lexicon
from .lexicon import rows as lexicon_rows
from .ner_features import load_gazetteer
from .quote_roles import is_given_name

__all__ = ["ClubCues", "club_cues", "mark_organisation_spans"]

Span = tuple[int, int, str]
_MAX_WORDS = 4  # words of a name added from its cue
_NAME_GLUE = frozenset({"of", "&", "and", "the", "de", "del"})  # inside English/foreign names


class ClubCues(NamedTuple):
    """The cue words of ``entity_context.tsv`` and the club words of ``name_titles.tsv``
    this module reads (lower-cased)."""

    versus: frozenset[str]
    club_prev: frozenset[str]
    source_prev: frozenset[str]  # one word
    source_pairs: frozenset[tuple[str, str]]  # two words (``dikutip dari``)
    org_prev: frozenset[str]  # one word before an organisation (``maskapai``, ``penerbit``)
    dates: frozenset[str]  # weekdays and months (``dikutip Kamis (1/8)``: no medium)
    clubs: frozenset[str]  # words ending a club's name (``United``, ``Boys``)
    tails: frozenset[str]  # those and the company tails of ``name_titles.tsv``
    openers: frozenset[str]  # every cue word that may stand before a name here
    written_tails: frozenset[str]  # the tails as a name writes them (``Persero``, ``FC``)
    written_openers: frozenset[str]  # the openers as written, lower-case or capitalised


@lru_cache(maxsize=1)
def club_cues() -> ClubCues:
    """The cues, read once from the shipped data."""
    data = lexicon_rows("entity_context.tsv")

    def kind(name: str) -> list[str]:
        return [" ".join(row[1].lower().split()) for row in data if row[0] == name]

    sources = kind("source_prev")
    dates = frozenset(row[0].lower() for row in lexicon_rows("date_words.tsv")
                      if row and len(row) > 1 and row[1][:1] in ("D", "M"))
    # an airline's last word (``Air``, kind ``carrier``) ends a company's name as a club word
    # ends a club's
    clubs = frozenset(row[1].lower() for row in lexicon_rows("name_titles.tsv")
                      if row[0] in ("club", "carrier") and len(row) > 1)
    versus, club_prev = frozenset(kind("versus")), frozenset(kind("club_prev"))
    tails = load_name_lexicon().tails | clubs
    org_prev = frozenset(c for c in kind("org_prev") if " " not in c)
    openers = versus | club_prev | org_prev | {c.split()[-1] for c in sources}
    return ClubCues(
        versus=versus,
        club_prev=club_prev,
        source_prev=frozenset(c for c in sources if " " not in c),
        source_pairs=frozenset(tuple(c.split()) for c in sources if c.count(" ") == 1),
        org_prev=org_prev,
        dates=dates,
        clubs=clubs,
        tails=tails,
        openers=openers,
        written_tails=frozenset(f(w) for w in tails for f in (str.capitalize, str.upper)),
        written_openers=frozenset(f(w) for w in openers for f in (str.lower, str.capitalize,
                                                                   str.upper)),
    )


def _folded(words: Sequence[str]) -> tuple[str, ...]:
    return tuple(w.lower() for w in words)


def _side_label(words: Sequence[str]) -> str | None:
    """A club's type from its name: a country is its national side (LOC), a name holding a
    given name a player (PER), a known place (a city: ``Milan``) or organisation, a name
    ending in a club word (``Manchester United``) or a single word (``Fulham``) an
    organisation; ``None`` for other names of several words (a foreign player's, perhaps)."""
    kinds = load_gazetteer().entries.get(_folded(words), ())
    if "CTRY" in kinds:
        return "LOC"
    if any(map(is_given_name, words)):
        return "PER"
    if kinds or len(words) == 1 or words[-1].lower() in club_cues().tails:
        return "ORG"
    return None


def _retype(words: Sequence[str], spans: list[Span], k: int, tails: frozenset[str],
            opens: set[int], closes: set[int]) -> None:
    """Retype span ``k`` by its tail word or its place at a fixture; run it on into an
    untagged tail word right after it (``Manchester`` ``United``)."""
    a, b, label = spans[k]
    if label not in ("PER", "LOC"):
        return
    if b < len(words) and words[b].lower() in tails and words[b][:1].isupper() and (
            not any(s[0] == b for s in spans)):
        spans[k] = (a, b + 1, "ORG")
    elif b - a >= 2 and words[b - 1].lower() in tails:
        spans[k] = (a, b, "ORG")
    elif label == "LOC" and (a in opens or b in closes) and _side_label(words[a:b]) == "ORG":
        # a player's name next to ``vs`` stays a person: only a city becomes its club
        spans[k] = (a, b, "ORG")


def _run(words: Sequence[str], k: int, covered: set[int], ok: Callable[[str], bool],
         forward: bool = True, inner: Callable[[str], bool] | None = None,
         ) -> tuple[int, int] | None:
    """The capitalised run no span holds that opens (``forward``) or closes at ``k``: up to
    four words, English glue words inside (``Brighton & Hove``); ``None`` when there is none."""
    step = 1 if forward else -1
    end = k
    taken: list[int] = []
    while 0 <= end < len(words) and len(taken) < _MAX_WORDS and end not in covered:
        w = words[end]
        if w.lower() in _NAME_GLUE and taken:
            nxt = end + step
            if 0 <= nxt < len(words) and words[nxt][:1].isupper() and nxt not in covered:
                end += step
                continue
            break
        if not (w[:1].isupper() and w[:1].isalpha() and (
                ok(w) if not taken or inner is None else inner(w))):
            break
        taken.append(end)
        end += step
    if not taken:
        return None
    first, last = min(taken), max(taken)
    return first, last + 1


def mark_organisation_spans(words: Sequence[str], spans: list[Span],
                            common: Callable[[str], bool]) -> None:
    """Retype and add, in place, the organisations of one paragraph's spans (see the module
    doc). ``common(word)``: whether a capitalised word is one news mostly writes in lower
    case or a function word (``Laga``, ``Jadwal``: no name opens with it)."""
    cues = club_cues()
    # most paragraphs hold no cue, capitalised club or company word, nor a person next to a
    # slash (dates hold slashes): set tests on the words as written (in C) before any work
    written = set(words)
    tails = cues.tails if not cues.written_tails.isdisjoint(written) else frozenset()
    cued = not cues.written_openers.isdisjoint(written) or "The" in written
    paired = "/" in written and any(
        label == "PER" and (b < len(words) and words[b] == "/" or a > 0 and words[a - 1] == "/")
        for a, b, label in spans)
    if not (tails or cued or paired):
        return
    low = list(map(str.lower, words))
    present = set(low)
    fixtures = [k for k, w in enumerate(low) if w in cues.versus and 0 < k < len(words) - 1]
    # where a club's name opens (after ``vs``, after ``markas``) or closes (before ``vs``)
    # (a capitalised ``Markas`` opens a building's name: ``Markas DPP PKB``)
    club_at = {k for k, w in enumerate(low) if w in cues.club_prev and words[k].islower()}
    if tails or fixtures or club_at:
        opens = {f + 1 for f in fixtures} | {k + 1 for k in club_at}
        for k in range(len(spans)):
            _retype(words, spans, k, tails, opens, set(fixtures))
    if tails:
        # a company's legal form after its name (``PT Pegadaian (Persero) Tbk``) names
        # nothing; alone a tail word may be a club (``United``)
        ends = {b for _a, b, label in spans if label == "ORG"}
        spans[:] = [s for s in spans if not (
            all(w in tails for w in low[s[0] : s[1]])
            and (s[0] in ends or s[0] > 0 and words[s[0] - 1] in "()" or s[0] - 1 in ends))]
    role_firsts = load_name_lexicon().role_firsts

    def name_word(w: str) -> bool:
        return not common(w) and w.lower() not in role_firsts

    if tails:
        _company_heads(words, low, spans, tails, name_word)
    covered = {k for a, b, _ in spans for k in range(a, b)}
    added: list[Span] = []

    def add(run: tuple[int, int] | None, label: str | None = None) -> None:
        if run is None or any(k in covered for k in range(*run)):
            return
        a, b = run
        # a weekday or month opens no name (``dikutip Kamis (1/8)``); inside one it may
        # (``Chow Mei Kuan``)
        if low[a] == "the" and b - a < 2 or low[a] in cues.dates:
            return
        label = label or _side_label(words[a:b])
        # a side written with a partner (``Chow Mei Kuan/Vivian Hoo``) is a doubles player
        if b < len(words) and words[b] == "/" or a > 0 and words[a - 1] == "/":
            label = "PER"
        if label is None:
            return
        added.append((a, b, label))
        covered.update(range(a, b))

    for f in fixtures:
        left = _run(words, f - 1, covered, name_word, forward=False)
        right = _run(words, f + 1, covered, name_word)
        # a side the tagger read gives its type to the other (``Jonatan Christie vs Lee Zii
        # Jia``: players both)
        known = next((label for a, b, label in spans if b == f or a == f + 1), None)
        if left and right or (left or right) and known:
            add(left, known if known in ("PER", "ORG", "LOC") else None)
            add(right, known if known in ("PER", "ORG", "LOC") else None)
    if cued:
        _add_cued(words, low, club_at, covered, name_word, add)
    if not cues.clubs.isdisjoint(present):
        for k in range(len(words)):
            # an untagged name of two to four words ending in a club word (``Young Boys``)
            if low[k] in cues.clubs and k not in covered and words[k][:1].isupper():
                run = _run(words, k, covered, name_word, forward=False)
                # the club word itself may be a common one (``Jeju Air``: mostly "water")
                if run is None and k > 0 and k - 1 not in covered:
                    run = _run(words, k - 1, covered, name_word, forward=False)
                    run = (run[0], k + 1) if run else None
                # (not after an acronym: ``KUR Bank`` is the bank's product and the bank)
                if run and 2 <= run[1] - run[0] and run[1] == k + 1 and not words[run[0]].isupper():
                    add(run, "ORG")
    if paired:
        _add_partners(words, spans, covered, name_word, added)
    if added:
        spans.extend(added)
        spans.sort()


_MAX_HEAD_WORDS = 2  # untagged words a company's span may take before it


def _company_heads(words: Sequence[str], low: Sequence[str], spans: list[Span],
                   tails: frozenset[str], name_word: Callable[[str], bool]) -> None:
    """Give an organisation ending in a company word (``USA Publishing``), in place, the
    untagged capitalised words the tagger left before it (``Kodansha USA Publishing``): up to
    two name words (no common word, role, acronym, given name or known name), bounded before
    by a lower-case word, a mark or the paragraph's start; not before an organisation head or
    legal form (``org_heads.txt``: ``PT``), which opens the name."""
    covered = {k for a, b, _ in spans for k in range(a, b)}
    gazetteer = load_gazetteer().entries
    heads = load_name_lexicon().heads
    for at, (a, b, label) in enumerate(spans):
        # a name opened by an organisation head or legal form (``PT Mustika Ratu Tbk``) has
        # its first word: a word before that is another's (``Spa PT …``: the company's spa)
        if label != "ORG" or low[b - 1] not in tails or b - a < 2 or low[a] in heads:
            continue
        j = a
        while j > 0 and a - j < _MAX_HEAD_WORDS and j - 1 not in covered and (
                words[j - 1][:1].isupper() and words[j - 1].isalpha()
                and not words[j - 1].isupper() and name_word(words[j - 1])
                and not is_given_name(words[j - 1]) and (low[j - 1],) not in gazetteer):
            j -= 1
        if j < a and (j == 0 or not words[j - 1][:1].isupper()):
            spans[at] = (j, b, label)


def _add_cued(words: Sequence[str], low: Sequence[str], club_at: set[int], covered: set[int],
              name_word: Callable[[str], bool],
              add: Callable[[tuple[int, int] | None, str | None], None]) -> None:
    """The clubs after a club cue, the media after a source cue (see the module doc)."""
    cues = club_cues()
    persons = _person_cues()
    # only the positions after a cue word or at ``The`` are read (found in C)
    wanted = cues.openers | persons
    at = set(compress(count(1), map(wanted.__contains__, low[:-1])))
    at.update(compress(count(), map("The".__eq__, words)))
    for k in sorted(at):
        if k < 1:
            continue
        prev = low[k - 1]
        if k - 1 in club_at:
            add(_run(words, k, covered, name_word), None)
        elif prev in cues.source_prev or (k >= 2 and (low[k - 2], prev) in cues.source_pairs) or (
                words[k] == "The" and prev in persons):
            run = _run(words, k, covered, lambda w: w == "The" or name_word(w))
            if run and not any(map(is_given_name, words[run[0] : run[1]])) and not (
                    load_gazetteer().entries.get(_folded(words[run[0] : run[1]]))):
                add(run, "ORG")
        elif prev in cues.org_prev and words[k - 1].islower():
            # ``maskapai Jeju Air``, ``penerbit Kodansha``: after its first word any capitalised
            # word goes (``Air`` is mostly "water")
            run = _run(words, k, covered, name_word, inner=str.isalpha)
            if run and not any(map(is_given_name, words[run[0] : run[1]])) and not (
                    load_gazetteer().entries.get(_folded(words[run[0] : run[1]]))):
                add(run, "ORG")


def _add_partners(words: Sequence[str], spans: list[Span], covered: set[int],
                  name_word: Callable[[str], bool], added: list[Span]) -> None:
    """A doubles pair written ``A/B`` (``Jin Yong/Ki Dong Ju``): when one side is a person
    the other, a capitalised run of up to three words the tagger left out, is the partner. Not
    an acronym nor a known organisation or place (``Polri/TNI``). A pair needs a doubles
    context: the person side reads as a player's name (no acronym: ``Society/ Chairman IIW``
    is a post), and the pair is no bracket after a person's name, which holds what is theirs
    (an equestrian result ``Rider (Stable/Horse)``, a club, a country), not a partner."""
    people = {(a, b) for a, b, label in spans if label == "PER"}
    people_end = {b: a for a, b in people}
    people_start = {a: b for a, b in people}
    for k, w in enumerate(words):
        if w != "/" or not 0 < k < len(words) - 1:
            continue
        # inside a partner's name any capitalised word goes (``Ki Dong Ju``: ``dong`` is
        # mostly a particle)
        if k in people_end:
            side = (people_end[k], k)
            run = _run(words, k + 1, covered, name_word, inner=str.isalpha)
        elif k + 1 in people_start:
            side = (k + 1, people_start[k + 1])
            # backwards every word must be a name's: a sentence opens with a capital
            # (``Meski Nitya/Apriyani``)
            run = _run(words, k - 1, covered, name_word, forward=False)
            if run is not None:
                run = _common_first_word(words, run, covered)
        else:
            continue
        if run is None or run[1] - run[0] > 3 or _acronym(words[side[0] : side[1]]) or (
                _after_person_bracket(words, k, people_end)):
            continue
        names = words[run[0] : run[1]]
        if any(x.isupper() for x in names) or load_gazetteer().entries.get(_folded(names)):
            continue
        added.append((run[0], run[1], "PER"))
        covered.update(range(*run))


def _acronym(words: Sequence[str]) -> bool:
    return any(len(w) > 1 and w.isupper() for w in words)


def _common_first_word(words: Sequence[str], run: tuple[int, int], covered: set[int],
                       ) -> tuple[int, int]:
    """The backward partner run with one capitalised word before it that news mostly writes
    in lower case (``Berry Angriawan``, ``Putri Syaikah``), when that word stands inside a
    sentence: after a lower-case word, a comma or a list number (``1. Putri``), not at a
    sentence's or paragraph's opening (``Meski Nitya/Apriyani``)."""
    a, b = run
    j = a - 1
    if b - a > 2 or j < 1 or j in covered or not (words[j][:1].isupper() and words[j].isalpha()):
        return run
    before = words[j - 1]
    # a numbered list (``,1. Putri``); not a score ending a sentence (``21-12. Pasangan``)
    listed = before == "." and j >= 2 and words[j - 2].isdigit() and len(words[j - 2]) <= 2 and (
        j == 2 or words[j - 3] in (",", ";", ":"))
    inside = before[:1].islower() or before in (",", ";") or listed
    return (j, b) if inside else run


def _after_person_bracket(words: Sequence[str], k: int, people_end: dict[int, int]) -> bool:
    """Whether the slash at ``k`` stands inside a bracket opened right after a person's name
    (``Maria Christianto (Santa Monica/Chaniek)``)."""
    for j in range(k - 1, max(k - 9, -1), -1):
        if words[j] == ")":
            return False
        if words[j] == "(":
            return j in people_end
    return False


@lru_cache(maxsize=1)
def _person_cues() -> frozenset[str]:
    from .entity_context import person_cues

    return person_cues()
