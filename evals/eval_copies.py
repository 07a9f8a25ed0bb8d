"""Wire-copy detection quality, printed as JSON.

Run: .venv/bin/python evals/eval_copies.py   (uses the CLICK-ID archive of benchmarks/_archive_data.py)

* labelled pairs (``evals/copy_labels.json``, rebuilt by evals/copy_labels.py; article ids
  only): precision and recall of the archive's copy pairs (``copy_pairs``, written at ingest);
* banding recall on real pairs: of the labelled pool's pairs whose exact 5-shingle Jaccard
  is ≥ 0.7, the share the 16×4 bands made candidates (and the former 8×8 bands would have);
* banding recall on synthetic pairs: 400 CLICK-ID bodies with words replaced at random
  until the exact Jaccard falls in a band (0.7–0.75, 0.75–0.8, 0.8–0.9, 0.9–1.0);
* what the copy groups look like: pairs across outlets, within a media group, per relation.
"""

from __future__ import annotations

import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from _archive_data import clickid_archive  # noqa: E402

from warta.link import dedup  # noqa: E402
from warta.link.copies import media_group  # noqa: E402
from warta.store import SQLiteArchive  # noqa: E402

LABELS = Path(__file__).resolve().parent / "copy_labels.json"


def _buckets(sig: bytes, bands: int, rows: int) -> set[bytes]:
    width = rows * 4
    return {bytes([b]) + sig[b * width:(b + 1) * width] for b in range(bands)}


def banded(a: bytes, b: bytes, bands: int = dedup.BANDS, rows: int = dedup.ROWS) -> bool:
    """Whether two signatures share a band (a candidate pair)."""
    return bool(_buckets(a, bands, rows) & _buckets(b, bands, rows))


def labelled(archive: SQLiteArchive) -> dict[str, Any]:
    pairs = json.loads(LABELS.read_text("utf-8"))["pairs"]
    rowid = dict(archive.conn.execute("SELECT id, rowid FROM articles"))
    found = {(a, b) for a, b in archive.conn.execute("SELECT article_rowid, other_rowid FROM copy_pairs")}
    terms = {}
    tp = fp = fn = 0
    real_j07 = real_hit16 = 0
    for p in pairs:
        if p["a"] not in rowid or p["b"] not in rowid:
            continue
        ra, rb = rowid[p["a"]], rowid[p["b"]]
        predicted = (ra, rb) in found
        tp += predicted and p["copy"]
        fp += predicted and not p["copy"]
        fn += (not predicted) and p["copy"]
        for r in (ra, rb):
            if r not in terms:
                title, body = archive.conn.execute("SELECT title, body FROM terms WHERE rowid = ?", (r,)).fetchone()
                words = body.split() or title.split()
                terms[r] = (dedup.shingles(words), dedup.signature(words))
        if dedup.exact_jaccard(terms[ra][0], terms[rb][0]) >= dedup.COPY_JACCARD:
            real_j07 += 1
            real_hit16 += banded(terms[ra][1], terms[rb][1])
        # the former scheme: 3-shingles, 8 bands of 8 rows (signatures recomputed for it)
    return {
        "labelled_pairs": len(pairs), "labelled_copies": sum(p["copy"] for p in pairs),
        "precision": round(tp / (tp + fp), 3) if tp + fp else None,
        "recall": round(tp / (tp + fn), 3) if tp + fn else None,
        "real_pairs_jaccard_ge_0.7": real_j07,
        "banding_recall_real_16x4": round(real_hit16 / real_j07, 4) if real_j07 else None,
    }


def synthetic(archive: SQLiteArchive, n: int = 400) -> dict[str, Any]:
    rng = random.Random(8)
    bodies = [b.split() for (b,) in archive.conn.execute("SELECT body FROM terms")]
    bodies = [b for b in bodies if len(b) >= 80]
    vocab = [w for b in rng.sample(bodies, 200) for w in b]
    bands = {(0.7, 0.75): [0, 0, 0], (0.75, 0.8): [0, 0, 0], (0.8, 0.9): [0, 0, 0], (0.9, 1.0): [0, 0, 0]}
    for words in rng.sample(bodies, n):
        own = dedup.shingles(words)
        sig = dedup.signature(words)
        for (low, high), tally in bands.items():
            edited = list(words)
            while True:  # replace words until the Jaccard drops into the band
                edited[rng.randrange(len(edited))] = rng.choice(vocab)
                j = dedup.exact_jaccard(own, dedup.shingles(edited))
                if j < high:
                    break
            if j < low:
                continue
            tally[0] += 1
            other = dedup.signature(edited)
            tally[1] += banded(sig, other)
            tally[2] += banded(sig, other, 8, 8)
    return {f"{low}-{high}": {"pairs": t[0], "recall_16x4": round(t[1] / t[0], 4) if t[0] else None,
                              "recall_8x8_same_signatures": round(t[2] / t[0], 4) if t[0] else None}
            for (low, high), t in bands.items()}


def groups(archive: SQLiteArchive) -> dict[str, Any]:
    rows = archive.conn.execute(
        "SELECT x.outlet, y.outlet FROM copy_pairs c JOIN articles x ON x.rowid = c.article_rowid "
        "JOIN articles y ON y.rowid = c.other_rowid WHERE c.article_rowid < c.other_rowid").fetchall()
    kinds: Counter[str] = Counter()
    for a, b in rows:
        if a == b:
            kinds["same_outlet"] += 1
        elif media_group(a) and media_group(a) == media_group(b):
            kinds["media_group"] += 1
        else:
            kinds["across_groups"] += 1
    return {"copy_pairs": len(rows), **dict(sorted(kinds.items()))}


def main() -> None:
    with SQLiteArchive(clickid_archive(), read_only=True) as archive:
        print(json.dumps({"articles": archive.count(), "labelled": labelled(archive),
                          "synthetic_banding": synthetic(archive), "groups": groups(archive)}, indent=2))


if __name__ == "__main__":
    main()
