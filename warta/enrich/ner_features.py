"""Token features for the CRF named-entity tagger.

One :class:`FeatureExtractor` turns a tokenised sentence into one list of feature strings per
token, the input python-crfsuite expects. The same code runs at training and at tagging time,
so the shipped model and its features can never drift apart.

Features: the lower-cased word, word shape (full and collapsed), affixes, casing flags,
neighbouring words, shapes and suffixes (±1), word bigrams, gazetteer matches (multi-word, longest
match, from the hand-compiled lists in ``data/`` plus Babel's CLDR territory names in
Indonesian), organisation-head and person-title cues, and the word's classes counted on
unlabelled news (``ner_wordclass.tsv.gz``: is this word usually written capitalised? does it
follow place, person or organisation cues?), which keep the features meaningful on
lower-cased text and for names the labelled corpora never saw.

Why hand-written: crfsuite takes plain string features and no library builds Indonesian
news features for it; per-word features are cached because they dominate tagging time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, count, repeat
from operator import is_not
from pathlib import Path

__all__ = [
    "CLUSTERS_FILE", "FREQUENT_MARK", "NO_PROBE", "FeatureExtractor", "Gazetteer", "Probe",
    "conjunction_parts", "load_clusters", "load_gazetteer", "load_word_classes", "read_list", "recase_tokens", "word_shape",
]

DATA_DIR = Path(__file__).parent / "data"
_TOKEN_RE = re.compile(r"\w+|[^\w\s]")
_MAX_GAZ_LEN = 6
_CACHE_LIMIT = 200_000
WORD_CLASSES_FILE = "ner_wordclass.tsv.gz"
CLUSTERS_FILE = "ner_clusters.tsv.gz"
# prefix lengths of a word's cluster bit-string used as features (as Ratinov & Roth 2009 use
# Brown clusters), and the one a neighbouring word contributes
CLUSTER_PREFIXES = (4, 6, 10, 20)
CONTEXT_PREFIX = 10
# a cluster-table value starting with this marks a word frequent in the model's training data
# (``ner_clusters.back_off``): the word's own cluster features are left out, its identity
# feature carries it; its neighbours still read its cluster
FREQUENT_MARK = "*"


_ASCII_SHAPE = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
    "X" * 26 + "x" * 26 + "0" * 10,
)


def word_shape(word: str) -> str:
    """Map letters to X/x and digits to 0, keep other characters: ``NATO-2`` → ``XXXX-0``."""
    if word.isascii():
        return word.translate(_ASCII_SHAPE)  # the common case, in C
    out = []
    for ch in word:
        if ch.isupper():
            out.append("X")
        elif ch.islower():
            out.append("x")
        elif ch.isdigit():
            out.append("0")
        else:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=16384)
def _short_shape(shape: str) -> str:
    """Collapse repeated shape characters: ``Xxxxx`` → ``Xx`` (memoised: a new word's
    features ask twice, and few shapes recur across words)."""
    out: list[str] = []
    for ch in shape:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def read_list(name: str) -> list[str]:
    """Non-comment, non-empty lines of a data file of enrich/data (gazetteers, word lists)."""
    path = DATA_DIR / name
    lines = path.read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]


def _key(name: str) -> tuple[str, ...]:
    return tuple(t.lower() for t in _TOKEN_RE.findall(name))


#: :meth:`Gazetteer.probe` of a word: (acronym kinds, longest entry length, opens one)
Probe = tuple[tuple[str, ...], int, bool]


@dataclass(slots=True)
class Gazetteer:
    """Multi-word name lists keyed by lower-cased token tuples.

    ``entries`` maps a token tuple to the set of list names (LOC, ORG, CUE, HEAD, CTRY) it
    belongs to. Short all-capital acronyms (``AS``, ``PAN``) are matched case-sensitively in
    ``acronyms`` so that ordinary words (``as``, ``pan``) do not fire.
    """

    # kinds are sorted tuples, not sets: feature order must not depend on the hash seed, so
    # that `warta train ner` rebuilds the shipped model byte for byte
    entries: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    acronyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    max_len: int = _MAX_GAZ_LEN
    # first word → longest entry length starting with it: most tokens start no entry, so
    # one dict miss replaces max_len tuple lookups (matching was a third of tagging time)
    first: dict[str, int] = field(default_factory=dict)
    # word as written → (its acronym kinds, longest entry its lower-cased form opens,
    # whether it is capitalised and opens one): three lookups and a lower() become one
    # dict hit for the words every article repeats
    _probes: dict[str, tuple[tuple[str, ...], int, bool]] = field(default_factory=dict)
    # first word → longest EVT/EVTHEAD entry starting with it: the only words an event name
    # can open (the event rule looks up nothing else)
    event_first: dict[str, int] = field(default_factory=dict)

    def is_place(self, folded: str) -> bool:
        """Whether the lower-cased, space-separated name ``folded`` is listed as a place or a
        country (``jawa tengah``, ``papua``)."""
        kinds = self.entries.get(tuple(folded.split()), ())
        return "LOC" in kinds or "CTRY" in kinds

    def probe(self, word: str) -> tuple[tuple[str, ...], int, bool]:
        """``(acronym kinds, longest entry length, opens)`` of one token (cached). A word
        that is no acronym and opens no entry gets the one :data:`NO_PROBE` object, so
        those (most words) are told apart by identity, in C."""
        entry = self._probes.get(word)
        if entry is None:
            longest = self.first.get(word.lower(), 0)
            entry = (self.acronyms.get(word, ()), longest,
                     bool(longest) and word[:1].isupper())
            if entry == NO_PROBE:
                entry = NO_PROBE
            if len(self._probes) > _CACHE_LIMIT:
                self._probes.clear()
            self._probes[word] = entry
        return entry

    def probes(self, tokens: Sequence[str]) -> list[tuple[tuple[str, ...], int, bool]]:
        """:meth:`probe` of every token."""
        found = list(map(self._probes.get, tokens))
        # a probe is a 3-tuple, always true: ``all`` finds a missing one (None) in C
        # without the == comparisons of ``None in`` (~3x faster)
        if not all(found):
            found = [f or self.probe(t) for f, t in zip(found, tokens)]
        return found  # type: ignore[return-value]

    def add(self, name: str, kind: str) -> None:
        """Add one name under a list ``kind``."""
        self._probes.clear()
        if name.isupper() and len(name) <= 4 and " " not in name and not kind.startswith("EVT"):
            self.acronyms[name] = tuple(sorted({*self.acronyms.get(name, ()), kind}))
            return
        key = _key(name)
        if key and len(key) <= self.max_len:
            self.entries[key] = tuple(sorted({*self.entries.get(key, ()), kind}))
            self.first[key[0]] = max(self.first.get(key[0], 0), len(key))
            if kind in ("EVT", "EVTHEAD"):
                self.event_first[key[0]] = max(self.event_first.get(key[0], 0), len(key))

    def match(self, tokens: Sequence[str]) -> list[list[str]]:
        """Per token, features ``gz:KIND:B|I`` from the longest matches starting at each token."""
        found = self.sparse_match(tokens)
        return [found.get(i, []) for i in range(len(tokens))]

    def sparse_match(self, tokens: Sequence[str],
                     probes: list[tuple[tuple[str, ...], int, bool]] | None = None,
                     ) -> dict[int, list[str]]:
        """:meth:`match` of the tokens that have features only (token index → features;
        keys in no particular order, each list in :meth:`match`'s order). ``probes``:
        :meth:`probes` of ``tokens`` when the caller has them. Most tokens have none, and
        an empty list per token was most of the cost of matching."""
        feats: dict[int, list[str]] = {}
        if probes is None:
            probes = self.probes(tokens)
        n = len(tokens)
        lowered: list[str] | None = None
        # only tokens that are an acronym or open an entry can start a match (found in C)
        for i in compress(count(), map(is_not, probes, repeat(NO_PROBE))):
            kinds, longest, _ = probes[i]
            if kinds:
                mine = feats.setdefault(i, [])
                for k in kinds:
                    mine.append(f"gz:{k}:B")
            if not longest:
                continue
            if lowered is None:
                lowered = list(map(str.lower, tokens))
            for length in range(min(longest, n - i), 0, -1):
                kinds = self.entries.get(tuple(lowered[i : i + length]))
                if kinds:
                    mine = feats.setdefault(i, [])
                    for k in kinds:
                        mine.append(f"gz:{k}:B")
                        for j in range(i + 1, i + length):
                            feats.setdefault(j, []).append(f"gz:{k}:I")
                    break
        return feats


#: what :meth:`Gazetteer.probe` tells of a word that is no acronym and opens no entry
NO_PROBE: Probe = ((), 0, False)


def _babel_territories() -> list[str]:
    """Country and region names in Indonesian from Babel's CLDR data (a package, offline)."""
    from babel import Locale

    return [name for code, name in Locale("id").territories.items() if not code.isdigit()]


def load_word_classes(path: Path | None = None) -> dict[str, str]:
    """Word → casing class table derived from unlabelled news (see ``ner_train``).

    Read once per file version and shared (the tagger and the quote rules both use it):
    callers must not change the table."""
    path = path or DATA_DIR / WORD_CLASSES_FILE
    if not path.is_file():
        return {}
    stat = path.stat()
    return _read_word_classes(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _read_word_classes(path: str, mtime_ns: int, size: int) -> dict[str, str]:
    """The table in ``path`` (``mtime_ns`` and ``size`` key the cache: a table rewritten
    by ``warta train ner`` is read again)."""
    import gzip

    # One decompression and one split instead of gzip's line-by-line text reading (~5x
    # faster, start-up of every process that enriches); text mode's universal newlines
    # (\r\n and \r read as \n) are applied by hand, so the rows are the same.
    text = gzip.decompress(Path(path).read_bytes()).decode("utf-8")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    rows = [line.split("\t") for line in text.split("\n")]
    return {r[0]: r[1] for r in rows if len(r) == 2}


def load_clusters(path: Path | None = None) -> dict[str, str]:
    """Word → cluster bit-string table learnt from unlabelled news (``ner_clusters``);
    ``{}`` when the file is absent (a model trained without cluster features)."""
    import gzip

    path = path or DATA_DIR / CLUSTERS_FILE
    if not path.is_file():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = (line.rstrip("\n").split("\t") for line in fh)
        return {r[0]: r[1] for r in rows if len(r) == 2}


def recase_tokens(tokens: Sequence[str], word_classes: dict[str, str]) -> list[str]:
    """Re-case lower-cased tokens from their word classes: ``u`` (mostly written ALL-CAPS in
    news) → ``NATO``, ``t2``/``t3`` (mostly capitalised) → ``Jakarta``; other words as given.

    The tagger does this to all-lower-case input, and training does it to the lower-cased
    copies of cased corpora (``ner_train.lowercase_copies``), so the model learns from
    exactly what it is later given."""
    out = []
    for tok in tokens:
        kind = word_classes.get(tok, "").partition("|")[0]
        if kind == "u":
            tok = tok.upper()
        elif kind in ("t2", "t3"):
            tok = tok[:1].upper() + tok[1:]
        out.append(tok)
    return out


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer used by the tagger (cached; reads only packaged data)."""
    gaz = Gazetteer()
    for name in _babel_territories():
        gaz.add(name, "CTRY")
    for name in read_list("gazetteer_loc.txt"):
        gaz.add(name, "LOC")
    for name in read_list("gazetteer_org.txt"):
        gaz.add(name, "ORG")
    for name in read_list("org_heads.txt"):
        gaz.add(name, "HEAD")
    for name in read_list("person_cues.txt"):
        gaz.add(name, "CUE")
    for name in read_list("gazetteer_evt.txt"):
        gaz.add(name[2:], "EVTHEAD") if name.startswith("> ") else gaz.add(name, "EVT")
    return gaz


def _own_cluster_features(bits: str | None) -> list[str]:
    """A word's own cluster features from its table value (``None``: not in the table)."""
    if bits is None:
        return ["c=none"]
    if bits.startswith(FREQUENT_MARK):
        return []  # frequent in training: its identity feature is enough (back-off)
    # Brown-style prefixes: short ones are coarse classes (names, places, verbs of saying),
    # the whole string the finest cluster
    return [f"c{n}={bits[:n]}" for n in CLUSTER_PREFIXES if len(bits) > n] + ["c=" + bits]


# attribute-name marks of each part of FeatureExtractor.conjunction_features
_CONJUNCTION_MARKS = (("gazcase", re.compile(r"^(?:[+-]1)?gz:[^|]*\|[TlU]$")),
                      ("run", re.compile(r"^(?:[+-]1)?crn=")),
                      ("around", re.compile(r"^(?:[+-]1)?crp=")),
                      ("cue", re.compile(r"^(?:[+-]1)?crc$")))


def conjunction_parts(attributes: Iterable[str]) -> str:
    """The conjunction parts (``gazcase,run,…``) a model's attribute names show it was
    trained with, so a tagger reads its model the way it was trained ("" for none)."""
    names = [a for a in attributes
             if a.startswith(("gz:", "cr", "-1gz:", "+1gz:", "-1cr", "+1cr"))]
    return ",".join(part for part, mark in _CONJUNCTION_MARKS
                    if any(map(mark.match, names)))


class FeatureExtractor:
    """Sentence → per-token feature strings, with per-word caching for speed."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        word_classes: dict[str, str] | None = None,
        clusters: dict[str, str] | None = None,
        names: Gazetteer | None = None,
        name_words: bool = False,
        conjunctions: bool | str = False,
    ) -> None:
        self.gazetteer = gazetteer
        # sentence-level conjunctions (gazetteer hit x casing, capitalised runs and the
        # words around them, a person cue before a run): see :meth:`conjunction_features`
        parts = "gazcase,run,around,cue" if conjunctions is True else (conjunctions or "")
        self.conjunctions = frozenset(p for p in parts.split(",") if p)
        # the name lexicon bootstrapped from news (``ner_lexicon``), matched apart from the
        # hand-compiled lists so their longest matches stay as they were; None: no lexicon
        # features, the model trained without them
        self.names = names
        # ``name_words``: each word of a lexicon name also gets the name's kinds as a word
        # feature (``nw=NPER``), so a name the lexicon holds only in part still gets a hint
        self.name_words: dict[str, tuple[str, ...]] = {}
        if names is not None and name_words:
            kinds: dict[str, set[str]] = {}
            for key, found in names.entries.items():
                for word in key:
                    if word[:1].isalpha():
                        kinds.setdefault(word, set()).update(found)
            self.name_words = {w: tuple(sorted(k)) for w, k in kinds.items()}
        self.word_classes = word_classes or {}
        # lower-cased word → bit-string of its news cluster (``ner_clusters``); empty: no
        # cluster features, the model trained without them
        self.clusters = clusters or {}
        # word → (own features, (features for the token after, for the token before));
        # one dict entry per word so concurrent taggers never see half an entry
        self._cache: dict[str, tuple[list[str], tuple[list[str], list[str]]]] = {}

    def set_clusters(self, clusters: dict[str, str]) -> None:
        """Use another cluster table (e.g. one backed off for the training data, see
        ``ner_train.back_off_clusters``); the per-word cache is dropped."""
        self.clusters = clusters
        self._cache = {}

    def _word_features(self, word: str) -> list[str]:
        low = word.lower()
        shape = word_shape(word)
        # Casing/digit flags, first letter and length were measured redundant with the
        # shapes and affixes (dev F1 77.78 without them vs 77.48 with) and dropped for speed.
        feats = [
            "bias",
            "w=" + low,
            "sh=" + (shape if len(shape) <= 8 else shape[:8]),
            "ss=" + _short_shape(shape),
            "p2=" + low[:2],
            "p3=" + low[:3],
            "s1=" + low[-1:],
            "s2=" + low[-2:],
            "s3=" + low[-3:],
            "s4=" + low[-4:],
        ]
        case, _, ctx = self.word_classes.get(low, "none").partition("|")
        feats.append("k=" + case)
        feats.append(f"k={case}|{'T' if word[:1].isupper() else 'l'}")
        if ctx:
            feats += ["dl=" + ctx[0], "dp=" + ctx[1], "do=" + ctx[2]]
        else:
            feats.append("d=none")
        if self.name_words:
            feats += ["nw=" + k for k in self.name_words.get(low, ("none",))]
        if self.clusters:
            feats += _own_cluster_features(self.clusters.get(low))
        return feats

    def _context_features(self, word: str) -> tuple[list[str], list[str]]:
        """Features a word contributes to its neighbours at offsets -1 and +1.

        Words two tokens away were measured neutral on dev F1 (77.48 without vs 77.40 with)
        and cost 13 % of the features, so they are left out.
        """
        low = word.lower()
        ss = _short_shape(word_shape(word))
        wclass = self.word_classes.get(low, "none").partition("|")[0]
        out = tuple(
            [f"{off}w={low}", f"{off}ss={ss}", f"{off}s3={low[-3:]}", f"{off}k={wclass}"]
            for off in ("-1", "+1")
        )
        if self.clusters:
            bits = self.clusters.get(low, "none").lstrip(FREQUENT_MARK)[:CONTEXT_PREFIX]
            out[0].append("-1c=" + bits)
            out[1].append("+1c=" + bits)
        return out  # type: ignore[return-value]

    def word_and_context(self, word: str) -> tuple[list[str], list[str], list[str]]:
        """``(own, to_next, to_prev)``: :meth:`_word_features` and the two lists of
        :meth:`_context_features`, the same strings in the same order, with the lower case,
        shape, word class and cluster looked up once for both (the scorer asks for all
        three of every word it has not seen: most of tagging unseen text)."""
        low = word.lower()
        shape = word_shape(word)
        ss = _short_shape(shape)
        s3 = low[-3:]
        case, _, ctx = self.word_classes.get(low, "none").partition("|")
        own = [
            "bias",
            "w=" + low,
            "sh=" + (shape if len(shape) <= 8 else shape[:8]),
            "ss=" + ss,
            "p2=" + low[:2],
            "p3=" + low[:3],
            "s1=" + low[-1:],
            "s2=" + low[-2:],
            "s3=" + s3,
            "s4=" + low[-4:],
            "k=" + case,
            f"k={case}|{'T' if word[:1].isupper() else 'l'}",
        ]
        if ctx:
            own += ["dl=" + ctx[0], "dp=" + ctx[1], "do=" + ctx[2]]
        else:
            own.append("d=none")
        if self.name_words:
            own += ["nw=" + k for k in self.name_words.get(low, ("none",))]
        to_next = ["-1w=" + low, "-1ss=" + ss, "-1s3=" + s3, "-1k=" + case]
        to_prev = ["+1w=" + low, "+1ss=" + ss, "+1s3=" + s3, "+1k=" + case]
        if self.clusters:
            bits = self.clusters.get(low)
            own += _own_cluster_features(bits)
            short = ("none" if bits is None else bits.lstrip(FREQUENT_MARK))[:CONTEXT_PREFIX]
            to_next.append("-1c=" + short)
            to_prev.append("+1c=" + short)
        return own, to_next, to_prev

    def _cached(self, word: str) -> tuple[list[str], tuple[list[str], list[str]]]:
        entry = self._cache.get(word)
        if entry is None:
            if len(self._cache) > _CACHE_LIMIT:
                self._cache = {}
            entry = (self._word_features(word), self._context_features(word))
            self._cache[word] = entry
        return entry

    def with_names(self, tokens: Sequence[str], found: dict[int, list[str]]
                   ) -> dict[int, list[str]]:
        """``found`` (the gazetteer's :meth:`Gazetteer.sparse_match` of ``tokens``) with the
        news lexicon's matches after each token's own (``found`` itself without a lexicon)."""
        extra = self.names.sparse_match(tokens) if self.names is not None else {}
        if extra:
            merged = {i: list(feats) for i, feats in found.items()}
            for i, feats in extra.items():
                merged.setdefault(i, []).extend(feats)
            found = merged
        if self.conjunctions:
            found = self.conjunction_features(tokens, found)
        return found

    def conjunction_features(self, tokens: Sequence[str], found: dict[int, list[str]]
                             ) -> dict[int, list[str]]:
        """``found`` with features that join what one word's features keep apart, for
        conventions that carry across annotation guidelines: each gazetteer hit with the
        token's casing (``gz:LOC:B|T``: a listed place written as a name, not the common
        word); for a token of a capitalised run (not the sentence's first word alone),
        its place in the run (``cr=B|I``), the run's length, the words just before and
        after the run (``di``, ``kata``, ``mengatakan`` type every word of a name, not its
        first only) and whether a person cue (``Presiden``) ends just before it.
        Sentence-level, so they travel with the gazetteer features (and their ±1 copies)
        through both the training and the tagging path."""
        n = len(tokens)
        merged = {i: list(feats) for i, feats in found.items()}
        parts = self.conjunctions
        if "gazcase" in parts:
            for i, feats in found.items():
                tok = tokens[i]
                case = ("U" if tok.isupper() and len(tok) > 1
                        else "T" if tok[:1].isupper() else "l")
                merged[i] += [f"{g}|{case}" for g in feats]
        cue = [any(g.startswith(("gz:CUE:B", "gz:CUE:I")) for g in found.get(i, ()))
               for i in range(n)]
        caps = [tok[:1].isupper() for tok in tokens]
        i = 0
        while i < n:
            if not caps[i]:
                i += 1
                continue
            j = i
            while j < n and caps[j]:
                j += 1
            before = tokens[i - 1].lower() if i else "BOS"
            after = tokens[j].lower() if j < n else "EOS"
            size = str(min(j - i, 4))
            # a person cue in the run (`Presiden Joko Widodo`) or just before it (`kata
            # menteri Budi`): the words after the cue get ``crc``
            cued = bool(i) and cue[i - 1]
            for k in range(i, j):
                feats = []
                if "run" in parts:
                    feats += ["cr=" + ("B" if k == i else "I") + ("0" if i == 0 else ""),
                              "crn=" + size]
                if "around" in parts:
                    feats += ["crp=" + before, "cra=" + after]
                if cue[k]:
                    cued = True
                elif cued and "cue" in parts:
                    feats.append("crc")
                if feats:
                    merged.setdefault(k, []).extend(feats)
            i = j
        return merged

    def sentence(self, tokens: Sequence[str]) -> list[list[str]]:
        """Features for every token of one sentence."""
        n = len(tokens)
        cached = [self._cached(t) for t in tokens]
        found = self.with_names(tokens, self.gazetteer.sparse_match(tokens))
        gaz = [found.get(i, []) for i in range(n)]
        lows = [t.lower() for t in tokens]
        rows: list[list[str]] = []
        last = n - 1
        for i in range(n):
            feats = cached[i][0] + gaz[i]  # a new list: the cached one stays untouched
            if i:
                feats += cached[i - 1][1][0]
                feats.append("bg-=" + lows[i - 1] + "|" + lows[i])
                if gaz[i - 1]:
                    feats += ["-1" + g for g in gaz[i - 1]]
            else:
                feats.append("BOS")
            if i < last:
                feats += cached[i + 1][1][1]
                feats.append("bg+=" + lows[i] + "|" + lows[i + 1])
                if gaz[i + 1]:
                    feats += ["+1" + g for g in gaz[i + 1]]
            else:
                feats.append("EOS")
            rows.append(feats)
        return rows

    def sentences(self, sents: Iterable[Sequence[str]]) -> list[list[list[str]]]:
        """Features for many sentences."""
        return [self.sentence(s) for s in sents]
