"""Processes as data: the steps of one decision, case or selection are one story (h13s7).

The pair features of :mod:`warta.link.stories` see words; they cannot see that "DPR Sahkan
RKUHP" and "Jokowi Minta Pengesahan RUU KUHP Ditunda" are two steps of one bill's process,
nor that "RUU Pemasyarakatan Disepakati" is another bill's. A **process** is read from an
article's title with the lexicon ``link/data/processes.tsv`` (extendable: ``$WARTA_PROCESSES``
names a further file of the same format): a *kind* (bill, criminal case, selection,
disaster…), the *object* the title names (the bill, the suspect, the office, the place) and,
for kinds that need one, a *step* word of that kind. Two articles of the same kind and the
same object are the same process (link evidence); two of the same kind with different
objects are different processes (conflict evidence). The keys are plain strings
(``"bill:kuhp"``) so they can be kept in a stored vector beside the other aside features.

Nothing here reads the archive or another article: an article's processes are a function of
its own title and entities, so they are the same on every re-ingest.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from warta.link.titles import title_key
from warta.model import Article
from warta.userdata import Row, read_rows

__all__ = ["LEXICON_PATH", "PROCESS_PREFIX", "Kind", "Lexicon", "conflicting", "keys_of", "lexicon",
           "processes", "relation", "vector_entries"]

LEXICON_PATH = Path(__file__).parent / "data" / "processes.tsv"
PROCESSES_ENV = "WARTA_PROCESSES"
_ROLES = ("needs", "step", "cue", "named", "alias", "skip", "entity", "exclude")
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
# a cue names the object in its own clause: "Revisi UU, Mahfud Minta…" names no bill "Mahfud"
_CLAUSE = re.compile(r"[,:;.!?\"'“”‘’()\[\]|–—]+")
SAME, NONE, CONFLICT = 1, 0, -1


@dataclass(slots=True)
class Kind:
    """One process kind of the lexicon (see the TSV's header for the roles)."""

    name: str
    needs_step: bool = True
    steps: set[str] = field(default_factory=set)           # one-word steps
    phrases: dict[str, set[tuple[str, ...]]] = field(default_factory=dict)  # by first word
    cues: set[str] = field(default_factory=set)
    named: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    skips: set[str] = field(default_factory=set)
    labels: set[str] = field(default_factory=set)
    excludes: set[str] = field(default_factory=set)


@dataclass(slots=True)
class Lexicon:
    """The process kinds, by name, in the order the files give them."""

    kinds: dict[str, Kind] = field(default_factory=dict)
    not_objects: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)
    suffixes: set[str] = field(default_factory=set)
    generic: frozenset[str] = frozenset()
    head_clause: bool = False

    def add_row(self, row: Row) -> None:
        """Read one ``kind TAB role TAB value`` row of the lexicon."""
        name, role, value = row.cells
        lower = value.casefold()
        if name == "*":
            self._add_global(row, role, lower)
            return
        kind = self.kinds.setdefault(name, Kind(name))
        if role == "needs":
            kind.needs_step = lower == "step"
        elif role == "step":
            words = tuple(lower.split())
            if len(words) == 1:
                kind.steps.add(words[0])
            else:
                kind.phrases.setdefault(words[0], set()).add(words)
        elif role == "cue":
            kind.cues.add(lower)
        elif role in ("named", "alias"):
            word, _, obj = lower.partition("=")
            (kind.named if role == "named" else kind.aliases)[word] = obj or word
        elif role == "skip":
            kind.skips.add(lower)
        elif role == "entity":
            kind.labels.add(value.upper())
        elif role == "exclude":
            kind.excludes.add(lower)
        else:
            raise row.error(f"the role must be one of {', '.join(_ROLES)}")

    def _add_global(self, row: Row, role: str, value: str) -> None:
        if role == "not_object":
            self.not_objects.add(value)
        elif role == "verb_affix" and value.endswith("-"):
            self.prefixes.add(value[:-1])
        elif role == "verb_affix" and value.startswith("-"):
            self.suffixes.add(value[1:])
        elif role == "generic":
            self.generic = self.generic | {value}
        elif role == "clause":
            self.head_clause = value == "head"
        else:
            raise row.error("a rule of kind '*' must be not_object, verb_affix (a prefix- or "
                            "-suffix), generic or clause")

    def can_name(self, word: str) -> bool:
        """Whether ``word`` (after a cue) can be an object's name: not a function word,
        a number or a verb by its affixes."""
        if len(word) < 2 or word.isdigit() or word in self.not_objects:
            return False
        if len(word) > 5 and (any(word.startswith(p) for p in self.prefixes)
                              or any(word.endswith(x) for x in self.suffixes)):
            return False
        return True


def lexicon(path: str | None = None) -> Lexicon:
    """The shipped lexicon, extended by the files of ``$WARTA_PROCESSES`` (paths joined by
    ``os.pathsep``, as ``$WARTA_ALIASES``), or the file ``path`` alone."""
    return _lexicon(path, "" if path else os.environ.get(PROCESSES_ENV, ""))


@lru_cache(maxsize=4)
def _lexicon(path: str | None, extra: str) -> Lexicon:
    out = Lexicon()
    for row in read_rows(Path(path) if path else LEXICON_PATH, extra, ("kind", "role", "value"),
                         what="process lexicon", env=PROCESSES_ENV):
        out.add_row(row)
    return out


def _title_words(title: str, head_clause: bool = False) -> list[str | None]:
    """The title's lowercase words, ``None`` between clauses (commas, colons, quotes…);
    with ``head_clause``, only those after the title's last comma ("Revisi UU KPK Disahkan,
    Aktivis Bentangkan Poster": the scene is set, the happening told after the comma)."""
    if head_clause:
        parts = [p for p in title.split(",") if _WORD.search(p)]
        title = parts[-1] if parts else ""
    out: list[str | None] = []
    for clause in _CLAUSE.split(title):
        out.extend(w.casefold() for w in _WORD.findall(clause))
        out.append(None)
    return out


def _has_step(words: Sequence[str | None], word_set: set[str | None], kind: Kind) -> bool:
    """Whether the title says a step of ``kind`` (set look-ups: runs for every article)."""
    if not kind.steps.isdisjoint(word_set):
        return True
    for first in kind.phrases.keys() & word_set:
        for phrase in kind.phrases[first]:
            n = len(phrase)
            if any(tuple(words[k:k + n]) == phrase for k in range(len(words) - n + 1)):
                return True
    return False


def _cue_objects(words: Sequence[str | None], kind: Kind, lex: Lexicon) -> set[str]:
    """Objects named after a cue word (``RUU Pemasyarakatan``) or by a named word (RKUHP)."""
    found = {kind.named[w] for w in words if w is not None and w in kind.named}
    for k, word in enumerate(words):
        if word is None or word not in kind.cues:
            continue
        rest = list(words[k + 1:k + 4])
        while rest and rest[0] in kind.skips:
            rest.pop(0)
        if rest and rest[0] is not None:
            word = rest[0]
            if word in kind.named or word in kind.aliases:
                found.add(kind.named.get(word) or kind.aliases[word])
            elif lex.can_name(word):
                found.add(word)
    return found


def _entity_objects(article: Article, words: set[str], labels: set[str]) -> set[str]:
    """The article's entities of ``labels`` whose name has a word in the title."""
    found: set[str] = set()
    for entity in article.entities:
        if entity.label not in labels:
            continue
        key = title_key(entity.name)
        if any(len(w) >= 3 and w in words for w in key.split()):
            found.add(key)
    return found


def processes(article: Article, lex: Lexicon | None = None) -> frozenset[str]:
    """The ``kind:object`` keys of the processes the article's title names a step of."""
    lex = lex or lexicon()
    words = _title_words(article.title or "", lex.head_clause)
    word_set = set(words) - {None}
    if not word_set:
        return frozenset()
    keys: set[str] = set()
    for kind in lex.kinds.values():
        if kind.excludes & word_set:
            continue
        if kind.needs_step and not _has_step(words, word_set, kind):
            continue
        objects = _cue_objects(words, kind, lex)
        if kind.labels:
            objects |= _entity_objects(article, word_set, kind.labels)
        keys.update(f"{kind.name}:{o}" for o in objects)
    return frozenset(keys)


@lru_cache(maxsize=65536)
def _split(key: str, generic: frozenset[str]) -> tuple[str, frozenset[str]]:
    """A key's kind and the words of its object that tell objects apart."""
    kind, _, obj = key.partition(":")
    words = frozenset(w for w in obj.split() if len(w) >= 3 and w not in generic)
    return kind, words or frozenset((obj,))


def relation(a: frozenset[str], b: frozenset[str], across_kinds: bool = False,
             lex: Lexicon | None = None) -> int:
    """:data:`SAME` when two articles name one process (one kind, objects sharing a word
    that is not generic: "Imam" and "Imam Nahrawi", "Riau" and "Provinsi Riau");
    :data:`CONFLICT` when both name processes of one kind (any kind, with ``across_kinds``)
    and none is the same; else :data:`NONE`. Symmetric."""
    if not a or not b:
        return NONE
    generic = (lex or lexicon()).generic
    split_a = [_split(k, generic) for k in a]
    split_b = [_split(k, generic) for k in b]
    shared_kind = False
    for kind_a, words_a in split_a:
        for kind_b, words_b in split_b:
            if kind_a == kind_b:
                if words_a & words_b:
                    return SAME
                shared_kind = True
    return CONFLICT if shared_kind or across_kinds else NONE


# ---- process keys inside a story vector (the archive's stored features) ----

PROCESS_PREFIX = "%"     # beside the other aside features of a story vector: scoring only
_KEYS_MEMO: dict[int, tuple[object, frozenset[str]]] = {}
_KEYS_MEMO_LIMIT = 4096  # as stories.stored_vector: what it holds, this holds too


def vector_entries(article: Article, lex: Lexicon | None = None) -> dict[str, float]:
    """The article's processes as aside entries of its story vector (``%bill:kuhp`` → 1)."""
    return {PROCESS_PREFIX + key: 1.0 for key in sorted(processes(article, lex))}


def keys_of(vector: object) -> frozenset[str]:
    """The process keys of a story vector (a mapping). Memoised by identity while the vector
    is held here, so its id cannot be reused: an arriving article is scored against the
    same cached stored vectors many times (see ``stories.stored_vector``)."""
    found = _KEYS_MEMO.get(id(vector))
    if found is not None and found[0] is vector:
        return found[1]
    keys = frozenset(k[1:] for k in vector if k[:1] == PROCESS_PREFIX)  # type: ignore[attr-defined]
    if len(_KEYS_MEMO) >= _KEYS_MEMO_LIMIT:
        _KEYS_MEMO.clear()
    _KEYS_MEMO[id(vector)] = (vector, keys)
    return keys


def conflicting(va: object, vb: object, across_kinds: bool = False) -> bool:
    """Whether two story vectors name different processes (:func:`relation` is CONFLICT)."""
    a = keys_of(va)
    if not a:
        return False
    b = keys_of(vb)
    return bool(b) and relation(a, b, across_kinds) == CONFLICT
