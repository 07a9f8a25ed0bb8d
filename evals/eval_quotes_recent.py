"""Quotes against a person's reading of 30 recent news articles (issue 11 point 1).

Usage::

    .venv/bin/python evals/eval_quotes_recent.py [--gold PATH] [--errors FILE]

Gold: ``evals/quotes_gold.tsv`` (its header gives the annotation rules): every direct and
reported quote of the 30 articles of ``evals/entities_gold.tsv`` (same tune / test halves), with
the speaker's best mention, the role and affiliation alternatives the text supports, the cue
and the kind. The articles are read from ``../shared`` the way ``warta ingest`` reads them (the
corpus export parsed by :func:`warta.parse.iter_outcomes`, matched by URL) and enriched by
:func:`warta.enrich.pipeline.enrich`. The parser may rewrite a one-string body (paragraph
splits, furniture out), so predicted offsets are carried back to the corpus field through a
character alignment of the parsed paragraphs with it (:func:`body_map`).

Scoring, per half (``tune``: the code was adjusted on its errors; ``test``: held out), with the
documented choices of ``eval_quotes.py --reported-speech``:

- a predicted quote (any kind) finds a gold quote when their spans overlap by at least half of
  the shorter one; matching is one-to-one, gold in reading order, each taking the unused
  prediction with the largest overlap;
- ``recall`` (also per gold kind), ``precision``: every quote of these articles is annotated,
  so a prediction matching none is a false positive (per predicted kind too);
- ``speaker_accuracy`` over found quotes: the predicted ``speaker`` or ``speaker_mention`` names
  the gold speaker (:func:`eval_quotes.same_person`: title words out, one name's words
  contiguous in the other's);
- ``role_accuracy`` over found quotes: the speaker is right and the role is one of the gold
  alternatives, or both are empty. Roles compare lower-cased words, brackets and what they hold
  ignored (``Gubernur Bank Indonesia (BI)`` = ``Gubernur Bank Indonesia``), hyphens kept;
- ``affiliation_accuracy`` the same for the affiliation (``none`` in the gold accepts an empty
  one); ``role_given_speaker`` / ``affiliation_given_speaker``: the same over quotes whose
  speaker is right;
- ``found_by_speaker_kind``: how :attr:`warta.model.Quote.speaker_kind` labels the found gold
  quotes (``public`` / ``private`` / ``undecided``). Every quote here is scored whatever its
  kind (this gold annotates private people's quotes too); the count shows how many a listing of
  public figures only would leave out, a check that the kind is not simply dropping quotes.

``--gold PATH`` scores another file of the same columns and rules instead, per the halves it
names: ``evals/quotes_gold_heldout.tsv`` (12 further articles, half ``heldout``) is a study
set since the eighth session (h11q6), ``evals/quotes_gold_heldout_b.tsv`` (8 articles) since the
eleventh (h14quote), ``evals/quotes_gold_heldout_c.tsv`` (10 Detik/Kompas articles) since the
eleventh too (h15quote), ``evals/quotes_gold_heldout_d.tsv`` (8 Liputan6 articles) since the
twelfth (h16gold), ``evals/quotes_gold_heldout_e.tsv`` (8 Liputan6/Kompas/Detik articles) since
the thirteenth (h17quote); ``evals/quotes_gold_heldout_f.tsv`` (8 Liputan6/Detik articles,
h17gold) is the newest untouched check, to be scored without ``--errors``.

``--errors FILE`` writes each miss, false positive and wrong speaker / role / affiliation as
JSON lines. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_entities import bodies, enriched_articles  # noqa: E402
from eval_quotes import same_person  # noqa: E402


GOLD = Path(__file__).with_name("quotes_gold.tsv")


@dataclass(slots=True)
class GoldQuote:
    kind: str  # direct | reported
    start: int
    end: int
    speaker: str  # the best mention, as written
    roles: list[str | None]  # alternatives; None: no role
    affiliations: list[str | None]


def _spans(text: str, field: str) -> list[str | None]:
    """The texts of a `;`-separated list of `start-end` spans (`none` → None)."""
    out: list[str | None] = []
    for part in field.split(";") if field else []:
        if part == "none":
            out.append(None)
        else:
            a, b = (int(x) for x in part.split("-"))
            out.append(text[a:b])
    return out


def read_gold(path: Path = GOLD) -> dict[tuple[str, str], tuple[str, list[GoldQuote]]]:
    """(corpus, URL) → (half, its gold quotes in reading order)."""
    texts: dict[str, dict[str, str]] = {}
    articles: dict[tuple[str, str], tuple[str, list[GoldQuote]]] = {}
    rows = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    for line in rows[1:]:  # the first is the column header
        corpus, url, half, kind, start, end, _cue, speaker, _typ, role, aff = line.split("\t")
        entry = articles.setdefault((corpus, url), (half, []))
        if kind == "none":
            continue
        if corpus not in texts:
            texts[corpus] = bodies(corpus)
        body = texts[corpus][url]
        roles = _spans(body, role) or [None]
        affs = _spans(body, aff) or [None]
        entry[1].append(GoldQuote(kind, int(start), int(end), _spans(body, speaker)[0] or "", roles, affs))
    return articles


def body_map(paragraphs: list[str], body: str) -> tuple[list[int], list[int]]:
    """Where each parsed paragraph starts in ``paragraphs`` joined by one newline, and for each
    position of that joined text the matching position in the corpus body (aligned characters
    map exactly; others to the nearest aligned one before, moved on by the distance)."""
    starts, pos = [], 0
    for p in paragraphs:
        starts.append(pos)
        pos += len(p) + 1
    joined = "\n".join(paragraphs)
    mapping = [-1] * (len(joined) + 1)
    matcher = difflib.SequenceMatcher(None, joined, body, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            mapping[a + k] = b + k
    last_a, last_b = 0, 0
    for k in range(len(mapping)):
        if mapping[k] >= 0:
            last_a, last_b = k, mapping[k]
        else:
            mapping[k] = min(len(body), last_b + (k - last_a))
    return starts, mapping


def predicted(wanted: set[tuple[str, str]]) -> dict[tuple[str, str], list[tuple[int, int, object]]]:
    """(corpus, URL) → warta's quotes as (body start, body end, Quote)."""
    out: dict[tuple[str, str], list[tuple[int, int, object]]] = {}
    texts = {corpus: bodies(corpus) for corpus in {c for c, _ in wanted}}
    for corpus, url, enriched in enriched_articles(wanted):
        starts, mapping = body_map(list(enriched.paragraphs), texts[corpus][url])
        spans = []
        for q in enriched.quotes:
            p1 = q.end_paragraph if q.end_paragraph is not None else q.paragraph
            spans.append((mapping[starts[q.paragraph] + q.start], mapping[starts[p1] + q.end], q))
        out[corpus, url] = spans
    return out


def words(text: str | None) -> list[str]:
    """The comparison form of a role or affiliation: lower-cased words, brackets out."""
    return re.findall(r"[\w'’.-]+", re.sub(r"\([^)]*\)", " ", (text or "").lower()))


def office_right(pred: str | None, alternatives: list[str | None]) -> bool:
    """The predicted role (affiliation) is one of the gold alternatives; None = none given."""
    got = words(pred)
    return any((not got) if alt is None else got == words(alt) for alt in alternatives)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shorter = min(a[1] - a[0], b[1] - b[0])
    return shorter > 0 and min(a[1], b[1]) - max(a[0], b[0]) >= 0.5 * shorter


def judge(gold: list[GoldQuote], found: list[tuple[int, int, object]], t: dict[str, int],
          errors: list[dict] | None, where: dict) -> None:
    """Score one article into the tally ``t``."""
    used: set[int] = set()
    for g in gold:
        t["gold"] += 1
        t[f"gold_{g.kind}"] += 1
        cands = [(min(pe, g.end) - max(ps, g.start), k) for k, (ps, pe, _) in enumerate(found)
                 if k not in used and overlap((ps, pe), (g.start, g.end))]
        if not cands:
            if errors is not None:
                errors.append({**where, "type": "missed", "kind": g.kind, "at": [g.start, g.end],
                               "speaker": g.speaker})
            continue
        k = max(cands)[1]
        used.add(k)
        q = found[k][2]
        t["found"] += 1
        t[f"found_{g.kind}"] += 1
        t[f"speaker_kind_{q.speaker_kind or 'undecided'}"] += 1  # type: ignore[attr-defined]
        speaker_ok = same_person(q.speaker, g.speaker) or same_person(q.speaker_mention, g.speaker)  # type: ignore[attr-defined]
        role_ok = speaker_ok and office_right(q.role, g.roles)  # type: ignore[attr-defined]
        aff_ok = speaker_ok and office_right(q.affiliation, g.affiliations)  # type: ignore[attr-defined]
        t["speaker_ok"] += speaker_ok
        t["role_ok"] += role_ok
        t["aff_ok"] += aff_ok
        if errors is not None and not (speaker_ok and role_ok and aff_ok):
            errors.append({**where, "type": "speaker" if not speaker_ok else "role", "kind": g.kind,
                           "at": [g.start, g.end], "gold": [g.speaker, g.roles[0], g.affiliations[0]],
                           "pred": [q.speaker, q.speaker_mention, q.role, q.affiliation]})  # type: ignore[attr-defined]
    for k, (ps, pe, q) in enumerate(found):
        kind = q.kind  # type: ignore[attr-defined]
        t[f"predicted_{kind}"] += 1
        t[f"predicted_{kind}_ok"] += k in used
        if errors is not None and k not in used:
            errors.append({**where, "type": "fp", "kind": kind, "at": [ps, pe], "speaker": q.speaker,  # type: ignore[attr-defined]
                           "text": q.text[:80]})  # type: ignore[attr-defined]


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def halves(gold: dict[tuple[str, str], tuple[str, list[GoldQuote]]]) -> list[str]:
    """The halves a gold file names, in the order they first appear (``tune``, ``test``)."""
    return list(dict.fromkeys(half for half, _ in gold.values()))


def score(errors: list[dict] | None = None, path: Path = GOLD) -> dict:
    """The figures per half and over all of them (see the module doc)."""
    gold = read_gold(path)
    found = predicted(set(gold))
    names = halves(gold)
    tally: dict[str, dict[str, int]] = {h: defaultdict(int) for h in names}
    for key, (half, quotes) in gold.items():
        tally[half]["articles"] += 1
        judge(quotes, found[key], tally[half], errors, {"half": half, "url": key[1]})
    result: dict[str, object] = {"gold": f"evals/{path.name} ({len(gold)} articles, read by a person)"}
    for name, parts in [*((h, [h]) for h in names), ("all", names)]:
        t: dict[str, int] = defaultdict(int)
        for p in parts:
            for k, v in tally[p].items():
                t[k] += v
        predicted_all = t["predicted_direct"] + t["predicted_indirect"]
        result[name] = {
            "articles": t["articles"],
            "gold": t["gold"],
            "predicted": predicted_all,
            "recall": _ratio(t["found"], t["gold"]),
            "recall_direct": _ratio(t["found_direct"], t["gold_direct"]),
            "recall_reported": _ratio(t["found_reported"], t["gold_reported"]),
            "precision": _ratio(t["predicted_direct_ok"] + t["predicted_indirect_ok"], predicted_all),
            "precision_direct": _ratio(t["predicted_direct_ok"], t["predicted_direct"]),
            "precision_indirect": _ratio(t["predicted_indirect_ok"], t["predicted_indirect"]),
            "speaker_accuracy": _ratio(t["speaker_ok"], t["found"]),
            "role_accuracy": _ratio(t["role_ok"], t["found"]),
            "affiliation_accuracy": _ratio(t["aff_ok"], t["found"]),
            "role_given_speaker": _ratio(t["role_ok"], t["speaker_ok"]),
            "affiliation_given_speaker": _ratio(t["aff_ok"], t["speaker_ok"]),
            # Quote.speaker_kind of the prediction each found gold quote matched: this gold counts
            # every quote, private people's too, so 'private' here is no error (it shows what a
            # public-only listing would leave out)
            "found_by_speaker_kind": {k: t[f"speaker_kind_{k}"] for k in ("public", "private", "undecided")},
        }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD, help="gold file (default: evals/quotes_gold.tsv)")
    parser.add_argument("--errors", type=Path, help="write misses, false positives and wrong speakers/roles here")
    args = parser.parse_args()
    errors: list[dict] | None = [] if args.errors else None
    print(json.dumps(score(errors, args.gold), indent=2))
    if args.errors and errors is not None:
        args.errors.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors), encoding="utf-8")


if __name__ == "__main__":
    main()
