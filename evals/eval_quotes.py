"""Quote extraction on PFSA-ID ``dev-40.txt``: statement F1, speaker, role and affiliation
accuracy; and reported speech on warta's own gold. Prints JSON.

Usage::

    .venv/bin/python evals/eval_quotes.py [--corpus dev-40.txt|dev-dl-20-v2.txt] [--limit N]
                                          [--kinds direct|all] [--no-entities] [--errors FILE]
                                          [--half a|b] [--id-half 1|2]
    .venv/bin/python evals/eval_quotes.py --reported-speech [--errors FILE]

``--half a`` / ``--half b`` score one half of the corpus, split by a hash of each article's
first sentence (:func:`article_half`): the fourth pass (issue 11) looked at the errors of half
``a`` of dev-40 only, so half ``b`` shows whether its rules carry over to articles not looked at.
Later passes read the errors of all of dev-40; ``--id-half 1`` / ``--id-half 2`` is a fresh split
(:func:`article_id_half`, h11q7): only half 1's statement errors were read, half 2 is the check.

Roles (issue 11): a PERSON's office is the ROLE (and AFFILIATION) annotated right before it or
right after it past a comma, in its sentence; a statement's gold role is the office of its gold
speaker, from any mention that has one. The predicted role is right when the speaker is right
and the role's words are the ROLE's, or ROLE then AFFILIATION (``Kepala Bidang Humas`` /
``Kepala Bidang Humas Polda Metro Jaya``; ``dari``/``di``, commas and brackets ignored). The
affiliation is right when both are empty or the words agree (a bracketed acronym may differ).

Reported speech: ``evals/reported_speech_gold.tsv`` (40 articles of
``news/liputan6-kompas-detik-399``, annotated by a person; its rules are in its header), scored
per split (``tune``: rules were adjusted on its errors; ``test``: held out); see
:func:`evaluate_reported`.

How the corpus is read (its README does not say how articles are separated):

- The file is ``token TAB BILOU-tag`` lines with a blank line between sentences. Every article
  has exactly one ISSUE span, in its lead sentence (``JAKARTA , KOMPAS — …``), so an article
  starts at the sentence holding an ISSUE's first tag.
- Text is rebuilt from the tokens (no space before ``, . ) ; : ? !``, none after ``(``; a
  quotation mark hugs the text it opens or closes; a hyphen after a word joins it to the next
  one: the corpus splits ``Co-Founder`` and ``Covid-19`` into three tokens, and all but two of
  its 3,089 hyphens in dev-40 sit between two words), one paragraph per sentence — so quotes
  whose sentences were split also exercise the cross-paragraph quote rule.
- The whole pipeline runs (:func:`warta.enrich.enrich`, so NER names the speakers).

Scoring (documented choices):

- A predicted quote matches a gold STATEMENT when their character spans (in the rebuilt
  article text, paragraphs joined by one space) overlap by at least half of the longer one;
  matching is one-to-one, greedy in reading order. ``exact_span_share`` (h11q7) is the share of
  matched statements whose words are the gold's (quotation marks, spaces and edge punctuation
  aside); ``--errors`` lists the others as ``boundary`` rows.
- ``--kinds direct`` (default) scores direct quotes: the corpus annotates quoted statements only
  (1,651 of its 1,653 STATEMENT spans start or end at a quotation mark), so indirect quotes
  would all count as false positives. ``--kinds all`` scores every quote anyway.
- Scope (issue 11, h11q9): PFSA-ID is a corpus of *public figures'* statement attributions (its
  title and paper: "public figures statements attributions"); 93% of the gold statements of
  dev-40 half 1 have a speaker annotated with a ROLE, and none of those roles describes a
  resident, trader, driver or the like, while warta finds the quotes of such people too. So
  the figures are given twice: the top-level ones score every predicted quote (the old
  figures: quotes of private people count as false positives), ``public_figure_scope`` only
  the predicted quotes whose :attr:`warta.model.Quote.speaker_kind` is ``public`` — the
  corpus's own scope. The gold is the same in both (all its statements are in scope), so a
  gold statement matched only by a quote labelled ``private`` or undecided is a miss of the
  scoped figures; ``gold_statements_matched_by_speaker_kind`` counts how the matched
  statements' quotes are labelled. ``--errors`` lists the scoped run's errors, with
  ``fn_scoped_out`` for a miss that a quote left out of the scope would have matched. warta's
  own gold sets (``--reported-speech``, ``eval_quotes_recent.py``) annotate every quote and
  keep scoring all of them.
- The gold speaker of a statement is the PERSON or PERSONCOREF of its attribution: the first
  one after the statement, in the cue's sentence, when a CUE/CUECOREF follows within three
  tokens (``…,” katanya. Kepala Desa X …`` does not make X the speaker), else the nearest
  one before it in the same or previous sentence. A statement attributed only by a CUECOREF
  (``ujarnya``) or not at all takes the latest PERSON/PERSONCOREF annotated before it. A
  PERSONCOREF refers to the latest earlier (else the first later) PERSON sharing a word with it
  (``Arsul`` → ``Arsul Sani``); a title (``Presiden``) to the PERSON annotated right after a
  ROLE/AFFILIATION holding it (``Presiden`` ``Joko Widodo``); else to the latest earlier PERSON.
- Speakers match when, lower-cased and without title words (``Komisaris Besar``), one name's
  words appear contiguously in the other's (``Yusri Yunus`` = ``Komisaris Besar Yusri Yunus``),
  comparing the gold name with the predicted canonical ``speaker`` or, failing that, with the
  ``speaker_mention`` as written (gold ``Presiden Jokowi`` vs speaker ``Joko Widodo`` written
  ``Jokowi``; an unresolved gold ``Presiden`` vs a quote attributed to ``Presiden``). Carry-over
  mentions (``tuturnya``, ``dia``) never match a name, so they gain nothing from this.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from warta.config import shared_path  # noqa: E402
from warta.enrich import enrich, extract_quotes  # noqa: E402
from warta.model import Article  # noqa: E402

CORPUS_DIR = ("data", "quotes", "pfsa-id")
CORPORA = ("dev-40.txt", "dev-dl-20-v2.txt")
_NO_SPACE_BEFORE = set(",.);:?!%")
_QUOTES = set("\"“”")


@dataclass
class Span:
    label: str
    start: int  # token index in the article (inclusive)
    end: int  # token index (inclusive)


@dataclass
class GoldArticle:
    tokens: list[str] = field(default_factory=list)
    sentence_of: list[int] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    char: list[tuple[int, int]] = field(default_factory=list)  # token → (start, end) in joined text


def read_sentences(path: Path) -> list[list[tuple[str, str]]]:
    """Sentences as lists of (token, tag)."""
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
                current = []
            continue
        token, _, tag = line.partition("\t")
        current.append((token, tag.strip() or "O"))
    if current:
        sentences.append(current)
    return sentences


def split_articles(sentences: list[list[tuple[str, str]]]) -> list[list[list[tuple[str, str]]]]:
    """An article starts at the sentence holding the first tag of an ISSUE span."""
    articles: list[list[list[tuple[str, str]]]] = []
    for sentence in sentences:
        if any(tag in ("B-ISSUE", "U-ISSUE") for _, tag in sentence) or not articles:
            articles.append([])
        articles[-1].append(sentence)
    return articles


def article_half(article: list[list[tuple[str, str]]]) -> str:
    """``a`` or ``b``: the CRC-32 of the article's first sentence (its tokens joined by spaces),
    even or odd — a fixed split that does not depend on the order of the file."""
    import zlib

    first = " ".join(token for token, _ in article[0]) if article else ""
    return "ab"[zlib.crc32(first.encode("utf-8")) % 2]


def _bare(text: str) -> str:
    """A statement's words for the boundary check: quotation marks, spaces and the punctuation at
    its two edges out (``“Kami siap,”`` = ``Kami siap``)."""
    return " ".join(text.translate({ord(c): " " for c in _QUOTES}).split()).strip(" ,.;:")


def article_id_half(article: list[list[tuple[str, str]]]) -> str:
    """``1`` or ``2``: the article's id is its first sentence (its tokens joined by spaces; the
    corpus has no other id); half 1 when the first 8 hex digits of the SHA-1 of ``h11q7 `` + the
    id, read as a number, are even. Fixed, independent of file order and of :func:`article_half`."""
    import hashlib

    first = " ".join(token for token, _ in article[0]) if article else ""
    digest = hashlib.sha1(f"h11q7 {first}".encode("utf-8")).hexdigest()
    return "12"[int(digest[:8], 16) % 2]


def build(article: list[list[tuple[str, str]]]) -> GoldArticle:
    """Tokens, gold spans and rebuilt paragraph text with token character offsets."""
    gold = GoldArticle()
    open_quote = False
    offset = 0
    for index, sentence in enumerate(article):
        text = ""
        glue_next = True
        for token, tag in sentence:
            gold.tokens.append(token)
            gold.sentence_of.append(index)
            _add_tag(gold, tag)
            if token in _QUOTES:
                closing = open_quote
                open_quote = not open_quote
                space = not (glue_next or closing)
                glue_next = not closing
            elif token == "-" and text[-1:].isalnum():
                # the corpus splits every hyphenated word ('Co - Founder', 'Covid - 19');
                # the articles wrote them joined
                space, glue_next = False, True
            else:
                space = not glue_next and token[0] not in _NO_SPACE_BEFORE
                glue_next = token == "("
            if space:
                text += " "
            gold.char.append((offset + len(text), offset + len(text) + len(token)))
            text += token
        gold.paragraphs.append(text)
        offset += len(text) + 1
    return gold


def _add_tag(gold: GoldArticle, tag: str) -> None:
    position = len(gold.tokens) - 1
    if tag == "O":
        return
    prefix, _, label = tag.partition("-")
    last = gold.spans[-1] if gold.spans else None
    if prefix in ("I", "L") and last is not None and last.label == label and last.end == position - 1:
        last.end = position
    else:
        gold.spans.append(Span(label, position, position))


_TITLE_WORDS: set[str] | None = None


def _titles() -> set[str]:
    global _TITLE_WORDS
    if _TITLE_WORDS is None:
        from importlib import resources

        text = resources.files("warta.enrich").joinpath("data", "quote_words.tsv").read_text(encoding="utf-8")
        _TITLE_WORDS = {line.split("\t")[0] for line in text.splitlines() if line.endswith("\ttitle")}
    return _TITLE_WORDS


def name_words(name: str) -> list[str]:
    words = re.findall(r"[\w'’-]+", name.lower())
    return [w for w in words if w not in _titles()] or words


def same_person(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    x, y = name_words(a), name_words(b)
    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
    return any(long_[k : k + len(short)] == short for k in range(len(long_) - len(short) + 1))


def gold_speakers(gold: GoldArticle) -> list[tuple[Span, str | None]]:
    """Each STATEMENT with its resolved speaker name (see the module docstring)."""
    text = lambda s: " ".join(gold.tokens[s.start : s.end + 1])  # noqa: E731
    persons = [s for s in gold.spans if s.label == "PERSON"]
    roles = [s for s in gold.spans if s.label in ("ROLE", "AFFILIATION")]
    statements = [s for s in gold.spans if s.label == "STATEMENT"]
    out: list[tuple[Span, str | None]] = []
    previous: str | None = None
    for k, st in enumerate(statements):
        nxt = statements[k + 1].start if k + 1 < len(statements) else len(gold.tokens)
        prv = statements[k - 1].end if k else -1
        after = [s for s in gold.spans if st.end < s.start < min(nxt, st.end + 16)]
        cues = [s for s in after if s.label in ("CUE", "CUECOREF") and s.start <= st.end + 3]
        cue_after = bool(cues)
        # the person after the cue, in the cue's sentence: after '…,” katanya.' the next
        # sentence's subject is not the speaker
        who_after = [s for s in after if s.label in ("PERSON", "PERSONCOREF")
                     and cues and gold.sentence_of[s.start] == gold.sentence_of[cues[0].start]]
        before = [
            s for s in gold.spans
            if prv < s.end < st.start and s.label in ("PERSON", "PERSONCOREF")
            and gold.sentence_of[s.start] >= gold.sentence_of[st.start] - 1
        ]
        person: Span | None = None
        if cue_after and who_after:
            person = who_after[0]
        elif cue_after:
            person = None
        elif before:
            person = before[-1]
        if person is None:
            # 'ujarnya' and unattributed quotes: the latest person named before the statement
            earlier = [s for s in gold.spans if s.end < st.start and s.label in ("PERSON", "PERSONCOREF")]
            person = earlier[-1] if earlier else None
        if person is None:
            speaker = previous
        elif person.label == "PERSON":
            speaker = text(person)
        else:
            speaker = _resolve_coref(text(person), persons, person.start, text, roles)
        out.append((st, speaker))
        previous = speaker
    return out


def _resolve_coref(coref: str, persons: list[Span], at: int, text, roles: list[Span]) -> str:  # type: ignore[no-untyped-def]
    words = set(name_words(coref))
    earlier = [p for p in persons if p.end < at]
    later = [p for p in persons if p.start > at]
    for p in [*reversed(earlier), *later]:
        if words & set(name_words(text(p))):
            return text(p)
    # a title ('Presiden') refers to the person annotated with that ROLE ('Presiden Joko Widodo')
    low = coref.lower()
    for p in [*reversed(earlier), *later]:
        if any(r.end < p.start <= r.end + 6 and low in text(r).lower() for r in roles):
            return text(p)
    return text(earlier[-1]) if earlier else coref


@dataclass
class GoldRole:
    """A person's office as annotated next to a PERSON mention (PFSA-ID's ROLE/AFFILIATION)."""

    role: list[str]  # the ROLE words ('kepala bidang humas')
    full: list[str]  # ROLE … AFFILIATION as one run ('kepala bidang humas polda metro jaya')
    affiliation: list[str] | None
    at: int = 0  # token index where the office's first word is annotated (for error reports)


def _norm(text: str | None) -> list[str]:
    # hyphens split words: the gold is 'co - founder', the article 'Co-Founder'
    return re.findall(r"[\w'’.]+", (text or "").lower())


def gold_roles(gold: GoldArticle) -> list[tuple[str, GoldRole]]:
    """(person name, office) for each PERSON with a ROLE/AFFILIATION right before it (up to a
    comma) or right after it (after a comma), within its sentence, first mention first."""
    text = lambda a, b: " ".join(gold.tokens[a : b + 1])  # noqa: E731
    spans = gold.spans
    out: list[tuple[str, GoldRole]] = []
    for k, person in enumerate(spans):
        if person.label != "PERSON":
            continue
        group: list[Span] = []
        j = k - 1  # before: ROLE/AFF spans ending at most two tokens before the name
        edge = person.start
        while j >= 0 and spans[j].label in ("ROLE", "AFFILIATION") and edge - spans[j].end <= 3 \
                and gold.sentence_of[spans[j].start] == gold.sentence_of[person.start]:
            group.insert(0, spans[j])
            edge = spans[j].start
            j -= 1
        if not any(s.label == "ROLE" for s in group):
            group = []
            j, edge = k + 1, person.end
            while j < len(spans) and spans[j].label in ("ROLE", "AFFILIATION") and spans[j].start - edge <= 3 \
                    and gold.sentence_of[spans[j].start] == gold.sentence_of[person.start]:
                group.append(spans[j])
                edge = spans[j].end
                j += 1
        roles = [s for s in group if s.label == "ROLE"]
        if not roles:
            continue
        affs = [s for s in group if s.label == "AFFILIATION"]
        office = GoldRole(
            role=_norm(" ".join(text(s.start, s.end) for s in roles)),
            full=_norm(text(group[0].start, group[-1].end)),
            affiliation=_norm(text(affs[0].start, affs[0].end)) if affs else None,
            at=min(group[0].start, person.start),
        )
        out.append((text(person.start, person.end), office))
    return out


_LINKS = {"dari", "di", ","}


def role_matches(predicted: str | None, office: GoldRole) -> bool:
    """The predicted role is the annotated ROLE, or ROLE with its AFFILIATION (``Kepala Bidang
    Humas Polda Metro Jaya``; a linking ``dari``/``di`` and brackets ignored)."""
    words = [w for w in _norm(predicted) if w not in _LINKS]
    return bool(words) and words in (office.role, [w for w in office.full if w not in _LINKS])


def affiliation_matches(predicted: str | None, office: GoldRole) -> bool:
    """Both empty, or the same words (a bracketed acronym after the name may differ)."""
    if office.affiliation is None:
        return predicted is None
    words = _norm(predicted)
    return bool(words) and (words == office.affiliation or words[: len(office.affiliation)] == office.affiliation
                            or office.affiliation[: len(words)] == words and len(words) >= len(office.affiliation) - 1)


def _office_of(name: str | None, offices: list[tuple[str, GoldRole]]) -> GoldRole | None:
    return next((o for n, o in offices if same_person(n, name)), None) if name else None


SCOPES = ("all", "public")


@dataclass
class Tally:
    """Counts of one scoring scope over the articles."""

    n_pred: int = 0
    n_gold: int = 0
    tp: int = 0
    speaker_ok: int = 0
    speaker_strict: int = 0
    with_role: int = 0
    role_ok: int = 0
    affiliation_ok: int = 0
    unannotated: int = 0  # false positives by a named speaker none of the article's gold statements has
    exact: int = 0  # matched statements whose words are the gold's, marks and edge punctuation aside
    # the speaker kind (Quote.speaker_kind) of the prediction each gold statement is matched with
    gold_speaker_kinds: dict[str, int] = field(default_factory=lambda: {"public": 0, "private": 0, "undecided": 0})

    def figures(self) -> dict[str, object]:
        """Precision, recall, F1 and the speaker / role figures of this scope."""
        precision = self.tp / self.n_pred if self.n_pred else 0.0
        recall = self.tp / self.n_gold if self.n_gold else 0.0
        kept = self.n_pred - self.unannotated
        return {
            "gold_statements": self.n_gold,
            "predicted": self.n_pred,
            "matched": self.tp,
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(2 * precision * recall / (precision + recall), 4) if self.tp else 0.0,
            "exact_span_share": round(self.exact / self.tp, 4) if self.tp else 0.0,
            # NOT the corpus's scoring: false positives whose named speaker has no gold statement in
            # the article (people PFSA-ID does not annotate: passers-by, traders) left out
            "fp_by_unannotated_speakers": self.unannotated,
            "precision_excluding_unannotated_speakers": round(self.tp / kept, 4) if kept else 0.0,
            "speaker_accuracy": round(self.speaker_ok / self.tp, 4) if self.tp else 0.0,
            "speaker_accuracy_canonical_only": round(self.speaker_strict / self.tp, 4) if self.tp else 0.0,
            "with_gold_role": self.with_role,
            "role_accuracy": round(self.role_ok / self.with_role, 4) if self.with_role else 0.0,
            "affiliation_accuracy": round(self.affiliation_ok / self.with_role, 4) if self.with_role else 0.0,
        }


def _score_article(gold: GoldArticle, preds: list[tuple], t: Tally, errors: list[dict[str, object]] | None,
                   scoped_out: list[tuple] = ()) -> None:  # type: ignore[assignment]
    """Match one article's predictions (``(start, end, quote)`` in the joined text) with its gold
    statements into ``t``; ``scoped_out`` are the predictions the scope left out (errors name
    the gold statements they would have matched)."""
    golds = [(gold.char[s.start][0], gold.char[s.end][1], who) for s, who in gold_speakers(gold)]
    offices = gold_roles(gold)
    t.n_pred += len(preds)
    t.n_gold += len(golds)
    used: set[int] = set()
    full = " ".join(gold.paragraphs)
    for ps, pe, q in preds:
        who, mention = q.speaker, q.speaker_mention
        for k, (gs, ge, gwho) in enumerate(golds):
            if k in used:
                continue
            overlap = min(pe, ge) - max(ps, gs)
            if overlap > 0 and overlap >= 0.5 * max(pe - ps, ge - gs):
                used.add(k)
                t.tp += 1
                t.gold_speaker_kinds[q.speaker_kind or "undecided"] += 1
                same_span = _bare(full[ps:pe]) == _bare(full[gs:ge])
                t.exact += same_span
                if errors is not None and not same_span:
                    errors.append({"type": "boundary", "pred": full[ps:pe], "gold": full[gs:ge]})
                strict = same_person(who, gwho)
                ok = strict or same_person(mention, gwho)
                t.speaker_ok += ok
                t.speaker_strict += strict
                office = _office_of(gwho, offices)
                if office is not None:
                    # the role counts only for the right speaker
                    t.with_role += 1
                    good_role = ok and role_matches(q.role, office)
                    t.role_ok += good_role
                    t.affiliation_ok += ok and affiliation_matches(q.affiliation, office)
                    if errors is not None and ok and not good_role:
                        at = gold.char[office.at][0]
                        errors.append({"type": "role", "pred": q.role, "affiliation": q.affiliation,
                                       "gold": " ".join(office.full), "speaker": who,
                                       "context": full[max(0, at - 80) : at + 200]})
                if errors is not None and not ok:
                    errors.append({"type": "speaker", "pred": who, "gold": gwho, "mention": mention, "cue": q.cue,
                                   "context": full[max(0, ps - 300) : pe + 120]})
                break
        else:
            others = who is not None and not any(same_person(who, g) or same_person(mention, g)
                                                 for _, _, g in golds)
            t.unannotated += others
            if errors is not None:
                errors.append({"type": "fp", "unannotated_speaker": others, "speaker": who, "mention": mention,
                               "cue": q.cue, "role": q.role, "speaker_kind": q.speaker_kind,
                               "text": full[max(0, ps - 60) : pe + 60]})
    if errors is not None:
        for k, (gs, ge, gwho) in enumerate(golds):
            if k in used:
                continue
            out = next((q for ps, pe, q in scoped_out if min(pe, ge) - max(ps, gs) > 0), None)
            errors.append({"type": "fn" if out is None else "fn_scoped_out", "text": full[gs:ge], "gold": gwho,
                           **({} if out is None else {"speaker": out.speaker, "mention": out.speaker_mention,
                                                      "role": out.role, "speaker_kind": out.speaker_kind}),
                           "context": full[max(0, gs - 200) : ge + 120]})


def evaluate(
    limit: int | None,
    kinds: str,
    errors: list[dict[str, object]] | None = None,
    entities: bool = True,
    corpus: str = "dev-40.txt",
    half: str | None = None,
    id_half: str | None = None,
) -> dict[str, object]:
    """Score quote extraction on PFSA-ID (see the module docstring for the rules): the top-level
    figures score every predicted quote, ``public_figure_scope`` only those whose
    ``speaker_kind`` is ``public`` (the corpus's own scope); ``errors`` are the scoped run's."""
    articles = split_articles(read_sentences(shared_path(*CORPUS_DIR, corpus)))
    if half:
        articles = [a for a in articles if article_half(a) == half]
    if id_half:
        articles = [a for a in articles if article_id_half(a) == id_half]
    if limit:
        articles = articles[:limit]
    tallies = {scope: Tally() for scope in SCOPES}
    seconds = 0.0
    for raw in articles:
        gold = build(raw)
        t0 = time.perf_counter()
        if entities:
            quotes = enrich(Article(paragraphs=gold.paragraphs)).quotes
        else:
            quotes = extract_quotes(gold.paragraphs)
        seconds += time.perf_counter() - t0
        starts = [0]
        for paragraph in gold.paragraphs:
            starts.append(starts[-1] + len(paragraph) + 1)
        preds = []
        for q in quotes:
            if kinds == "direct" and q.kind != "direct":
                continue
            end_p = q.end_paragraph if q.end_paragraph is not None else q.paragraph
            preds.append((starts[q.paragraph] + q.start, starts[end_p] + q.end, q))
        _score_article(gold, preds, tallies["all"], None)
        public = [p for p in preds if p[2].speaker_kind == "public"]
        _score_article(gold, public, tallies["public"], errors,
                       [p for p in preds if p[2].speaker_kind != "public"])
    everything = tallies["all"]
    return {
        "corpus": f"PFSA-ID {corpus}" + (f" (half {half})" if half else "") + (f" (id half {id_half})" if id_half else ""),
        "kinds": kinds,
        "quotes_scored": "all (public_figure_scope: speaker_kind public only)",
        "speakers_from": "NER entities + name fallback" if entities else "name fallback only (no NER)",
        "articles": len(articles),
        **everything.figures(),
        "gold_statements_matched_by_speaker_kind": everything.gold_speaker_kinds,
        "public_figure_scope": tallies["public"].figures(),
        "enrich_ms_per_article": round(seconds * 1000 / max(1, len(articles)), 3),
    }


# -- reported speech (warta's own gold: evals/reported_speech_gold.tsv, rules in its header) ----------

REPORTED_GOLD = Path(__file__).resolve().parent / "reported_speech_gold.tsv"
REPORTED_CORPUS = ("data", "news", "liputan6-kompas-detik-399", "media_news.csv")


def reported_articles() -> list[tuple[int, str, str]]:
    """(row, url, text) of the 40 annotated articles: every row ``i`` with ``i % 10 == 3``."""
    import csv

    csv.field_size_limit(1 << 30)
    with shared_path(*REPORTED_CORPUS).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [(i, r["URL"], r["Text"]) for i, r in enumerate(rows) if i % 10 == 3]


def reported_gold() -> list[dict[str, object]]:
    """The gold rows: row, url, [start, end), speaker spans, split."""
    out: list[dict[str, object]] = []
    lines = [ln for ln in REPORTED_GOLD.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    for line in lines[1:]:  # the first is the header
        row, url, start, end, speakers, split = line.split("\t")
        spans = [tuple(int(x) for x in s.split("-")) for s in speakers.split(";")]
        out.append({"row": int(row), "url": url, "start": int(start), "end": int(end), "speakers": spans,
                    "split": split})
    return out


def paragraphs_with_offsets(text: str) -> tuple[list[str], list[int]]:
    """The text's paragraphs (split at blank lines, as the corpus writes them) and where each
    starts in the text, so predicted offsets map back to the gold's."""
    paragraphs, starts, pos = [], [], 0
    for part in text.split("\n\n"):
        paragraphs.append(part)
        starts.append(pos)
        pos += len(part) + 2
    return paragraphs, starts


def evaluate_reported(errors: list[dict[str, object]] | None = None) -> dict[str, object]:
    """Reported-speech recall and speaker accuracy per split (``tune``: rules were adjusted on
    its errors; ``test``: held out). A gold statement is found when a predicted quote of any kind
    overlaps it by at least half of the shorter span; the speaker is right when it names the
    same person as one of the gold speaker mentions (see :func:`same_person`). Precision is
    given for indirect quotes only: every reported statement in these articles is annotated,
    so an indirect quote matching none is a false positive under the annotation rules. Every
    statement is scored whatever its speaker kind; ``found_by_speaker_kind`` tells how
    :attr:`warta.model.Quote.speaker_kind` labels the found ones."""
    gold = reported_gold()
    by_row: dict[int, list[dict[str, object]]] = {}
    for g in gold:
        by_row.setdefault(int(g["row"]), []).append(g)  # type: ignore[arg-type]
    stats = {split: {"gold": 0, "found": 0, "speaker_ok": 0, "indirect": 0, "indirect_ok": 0,
                     "public": 0, "private": 0, "undecided": 0} for split in ("tune", "test")}
    for row, url, text in reported_articles():
        split = "tune" if ((row - 3) // 10) % 2 == 0 else "test"
        paragraphs, starts = paragraphs_with_offsets(text)
        quotes = enrich(Article(paragraphs=paragraphs)).quotes
        spans = [(starts[q.paragraph] + q.start,
                  starts[q.end_paragraph if q.end_paragraph is not None else q.paragraph] + q.end, q)
                 for q in quotes]
        used: set[int] = set()
        st = stats[split]
        for g in by_row.get(row, []):
            gs, ge = int(g["start"]), int(g["end"])  # type: ignore[arg-type]
            names = [text[a:b] for a, b in g["speakers"]]  # type: ignore[union-attr]
            st["gold"] += 1
            hit = next((k for k, (ps, pe, _) in enumerate(spans)
                        if min(pe, ge) - max(ps, gs) >= 0.5 * min(pe - ps, ge - gs) > 0), None)
            if hit is None:
                if errors is not None:
                    errors.append({"type": "missed", "row": row, "split": split, "text": text[gs:ge],
                                   "speaker": names[0]})
                continue
            used.add(hit)
            q = spans[hit][2]
            st["found"] += 1
            st[q.speaker_kind or "undecided"] += 1
            ok = any(same_person(q.speaker, n) or same_person(q.speaker_mention, n) for n in names)
            st["speaker_ok"] += ok
            if errors is not None and not ok:
                errors.append({"type": "speaker", "row": row, "split": split, "pred": q.speaker,
                               "mention": q.speaker_mention, "gold": names[0], "text": text[gs:ge]})
        for k, (ps, pe, q) in enumerate(spans):
            if q.kind == "indirect":
                st["indirect"] += 1
                st["indirect_ok"] += k in used
                if errors is not None and k not in used:
                    errors.append({"type": "fp", "row": row, "split": split, "speaker": q.speaker,
                                   "text": text[ps:pe]})
    result: dict[str, object] = {"corpus": "liputan6-kompas-detik-399 (40 articles, warta's gold)"}
    for name, parts in (("tune", ["tune"]), ("test", ["test"]), ("all", ["tune", "test"])):
        t = {key: sum(stats[p][key] for p in parts) for key in stats["tune"]}
        result[name] = {
            "gold": t["gold"],
            "recall": round(t["found"] / t["gold"], 4) if t["gold"] else 0.0,
            "speaker_accuracy": round(t["speaker_ok"] / t["found"], 4) if t["found"] else 0.0,
            "indirect_predicted": t["indirect"],
            "indirect_precision": round(t["indirect_ok"] / t["indirect"], 4) if t["indirect"] else 0.0,
            # how Quote.speaker_kind labels the found statements (all are scored, whatever the kind)
            "found_by_speaker_kind": {k: t[k] for k in ("public", "private", "undecided")},
        }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--kinds", choices=("direct", "all"), default="direct")
    parser.add_argument("--errors", type=Path, help="write each error (JSON lines) here")
    parser.add_argument("--no-entities", action="store_true", help="speakers without NER (rules only)")
    parser.add_argument("--corpus", choices=CORPORA, default="dev-40.txt",
                        help="dev-dl-20-v2.txt: the rules were tuned on dev-40 errors, this one mostly was not")
    parser.add_argument("--half", choices=("a", "b"), help="only one half of the articles (see article_half)")
    parser.add_argument("--id-half", choices=("1", "2"), help="only one half by article_id_half (h11q7's split)")
    parser.add_argument("--reported-speech", action="store_true",
                        help="score reported speech on warta's own gold (evals/reported_speech_gold.tsv)")
    args = parser.parse_args()
    errors: list[dict[str, object]] | None = [] if args.errors else None
    if args.reported_speech:
        result = evaluate_reported(errors)
    else:
        result = evaluate(args.limit, args.kinds, errors, entities=not args.no_entities, corpus=args.corpus,
                          half=args.half, id_half=args.id_half)
    print(json.dumps(result, indent=2))
    if args.errors and errors is not None:
        args.errors.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors), encoding="utf-8")


if __name__ == "__main__":
    main()
