"""A name lexicon bootstrapped from unlabelled news for the NER tagger (training time only).

Capitalised word runs in contexts that say what they are, whatever any labelled corpus'
guidelines say, are counted over the news (the same texts as the word clusters,
:func:`~warta.enrich.ner_clusters.cluster_news_texts`):

* person: the run right after a person cue (``kata``, ``ujar``, ``menurut`` …, or a rank
  such as ``Pak``, ``Irjen``) or right before a speech verb (``… mengatakan``), with
  role and title phrases stripped from its front (``data/name_titles.tsv``);
* organisation: a run opening (after any role) with an organisation head word (``data/org_heads.txt``:
  ``Partai``, ``Kementerian``, ``PT`` …), whole;
* place: a run opening with a place head (``Kabupaten``, ``Desa`` …: ``place`` in
  ``name_titles.tsv``), with and without the head, or right after a place preposition
  (``di``, ``ke``, ``dari``).

The cue words are the project's data files (``ner_context_cues.tsv``, ``name_titles.tsv``,
``org_heads.txt``); a run is a name of a kind when it was seen in that kind's contexts at
least ``min_count`` times and in at least ``share`` of all its cued occurrences. The tagger
reads the table (``ner_news_names.tsv.gz``) as gazetteer features ``gz:NPER`` / ``gz:NORG``
/ ``gz:NLOC`` (longest match, see :class:`~warta.enrich.ner_features.Gazetteer`), kept
apart from the hand-compiled lists so that their matches are unchanged.
"""

from __future__ import annotations

import gzip
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from .ner_features import DATA_DIR, Gazetteer, read_list

__all__ = ["NAMES_FILE", "build_names", "load_names", "read_names", "write_names"]

NAMES_FILE = "ner_news_names.tsv.gz"
_WORD_RE = re.compile(r"\w+|[^\w\s]")
_MAX_RUN = 6
_MAX_PERSON = 3
# person cues that are verbs of saying or attribution (the title-like cues of
# ner_context_cues.tsv are handled as roles, stripped from the run itself)
_PLACE_PREPS = frozenset({"di", "ke", "dari"})


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper() and tok[:1].isalpha()


def _runs(toks: list[str]) -> Iterable[tuple[int, int]]:
    """(start, end) of every maximal run of capitalised words (at most ``_MAX_RUN``)."""
    i, n = 0, len(toks)
    while i < n:
        if _is_cap(toks[i]):
            j = i + 1
            while j < n and _is_cap(toks[j]):
                j += 1
            if j - i <= _MAX_RUN:
                yield i, j
            i = j
        else:
            i += 1


def _cues() -> tuple[frozenset[str], frozenset[str], frozenset[tuple[str, ...]],
                     frozenset[str], frozenset[str], frozenset[str]]:
    """(person verbs before, speech verbs after, role/part phrases, ranks, org heads,
    place heads), lower-cased, from the shipped data files."""
    from .entity_spans import load_name_lexicon
    from .ner_train import _context_cues  # (ner_train imports this module)

    cues = _context_cues()
    lex = load_name_lexicon()
    prev = frozenset(w for w in cues[("per", "prev")] if w not in {"pak", "bu", "bapak", "ibu"})
    heads = frozenset(w.lower() for w in read_list("org_heads.txt") if " " not in w)
    return (prev, cues[("per", "next")], lex.roles | lex.parts, lex.ranks, heads, lex.places)


def _strip_roles(lows: list[str], i: int, end: int, roles: frozenset[tuple[str, ...]]) -> int:
    """Index after the role/title phrases at the front of ``lows[i:end]``."""
    while i < end:
        for size in range(min(4, end - i), 0, -1):
            if tuple(lows[i : i + size]) in roles:
                i += size
                break
        else:
            return i
    return i


def build_names(texts: Iterable[str], *, min_count: int = 3, share: float = 0.75,
                limit: int = 40_000, place_preps: bool = True,
                kinds: tuple[str, ...] = ("PER", "ORG", "LOC")) -> dict[str, str]:
    """Name (words joined by spaces, as most often written) → ``PER``/``ORG``/``LOC``.

    ``place_preps=False`` drops the votes of runs after ``di``/``ke``/``dari`` (the noisiest
    cue: ``dari Agustus``); ``kinds`` are the kinds kept. Measured leave one corpus out
    (60 iterations, benchmarks/RESULTS-ner.md): the default (3, 0.75) 60.29 / 63.95 /
    69.30 against 60.54 / 63.31 / 69.83 without a lexicon; (5, 0.9, no prepositions)
    61.29 / 63.12 / 69.50."""
    prev_per, next_per, roles, ranks, org_heads, place_heads = _cues()
    votes: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    forms: dict[tuple[str, ...], Counter[tuple[str, ...]]] = defaultdict(Counter)

    def vote(toks: list[str], lows: list[str], start: int, end: int, kind: str) -> None:
        if start < end:
            key = tuple(lows[start:end])
            votes[key][kind] += 1
            forms[key][tuple(toks[start:end])] += 1

    for text in texts:
        toks = _WORD_RE.findall(text)
        lows = [t.lower() for t in toks]
        for start, end in _runs(toks):
            before = lows[start - 1] if start else "."
            after = lows[end] if end < len(lows) else "."
            # a role in front (`Ketua Partai Golkar`, `Bupati Kabupaten Lebak`) is no part
            name = _strip_roles(lows, start, end, roles)
            head = lows[name] if name < end else ""
            if head in org_heads:
                vote(toks, lows, name, end, "ORG")
                continue
            if head in place_heads:
                vote(toks, lows, name, end, "LOC")
                vote(toks, lows, name + 1, end, "LOC")
                continue
            # `Ketua DPR Bambang`: an acronym left at the front is the office's body
            while name + 1 < end and toks[name].isupper() and len(toks[name]) > 1:
                name += 1
            ranked = any(w in ranks for w in lows[start:name])
            mid_sentence = start > 0 and (toks[start - 1][:1].islower() or before == ",")
            # an acronym after a cue is a body far more often than a person or a place
            # (`menurut BMKG`, `di DPR`)
            acronym = any(t.isupper() and len(t) > 1 for t in toks[name:end])
            if name < end and end - name <= _MAX_PERSON and not acronym and (
                    before in prev_per or ranked
                    or (after in next_per and (name > start or mid_sentence))):
                vote(toks, lows, name, end, "PER")
            elif (place_preps and before in _PLACE_PREPS and end - start <= 3
                  and name == start
                  and not acronym):
                vote(toks, lows, start, end, "LOC")
    names: dict[str, str] = {}
    ranked_keys = sorted(votes, key=lambda k: (-sum(votes[k].values()), k))
    for key in ranked_keys:
        kind, n = votes[key].most_common(1)[0]
        if kind in kinds and n >= min_count and n / sum(votes[key].values()) >= share:
            names[" ".join(forms[key].most_common(1)[0][0])] = kind
            if len(names) >= limit:
                break
    return names


def write_names(names: dict[str, str], path: Path) -> None:
    """Write the lexicon (gzip TSV, sorted so rebuilds are byte-stable)."""
    body = "".join(f"{n}\t{k}\n" for n, k in sorted(names.items()))
    with gzip.GzipFile(path, "wb", mtime=0) as fh:
        fh.write(body.encode("utf-8"))


def read_names(path: Path) -> dict[str, str]:
    """The lexicon in ``path`` (``{}`` when absent or empty)."""
    if not path.is_file() or not path.stat().st_size:
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = (line.rstrip("\n").split("\t") for line in fh)
        return {r[0]: r[1] for r in rows if len(r) == 2}


def load_names(path: Path | None = None) -> Gazetteer | None:
    """The lexicon as a :class:`~warta.enrich.ner_features.Gazetteer` of kinds ``NPER``,
    ``NORG``, ``NLOC`` (``None`` when there is none: a model trained without it)."""
    names = read_names(path or DATA_DIR / NAMES_FILE)
    if not names:
        return None
    gaz = Gazetteer()
    for name, kind in names.items():
        gaz.add(name, "N" + kind)
    return gaz
