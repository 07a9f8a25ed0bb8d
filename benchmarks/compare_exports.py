"""Export parsing must not change while it is made faster: dump, then compare.

Reads the first ``--limit`` rows of every export corpus in ``../shared/data/news`` through the
ordinary export path (:func:`warta.parse.iter_outcomes`) and writes one line per outcome —
the article's ``to_json()`` or the failure's code and reason — to ``--out``. Run it on the old
code and on the new, then ``--compare OLD NEW`` prints the rows that differ (exit 1 if any).
Nothing from the corpora is committed: the dumps go to a path you choose (e.g. /tmp).

    PYTHONPATH=$PWD .venv/bin/python benchmarks/compare_exports.py --limit 400 --out /tmp/old.jsonl
    PYTHONPATH=$PWD .venv/bin/python benchmarks/compare_exports.py --compare /tmp/old.jsonl /tmp/new.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "evals"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpora import NEWS_CORPORA  # evals/corpora.py: the one list of corpora

from warta.config import shared_path
from warta.parse import iter_outcomes
from warta.parse.export import guess_mapping, parse_record
from warta.parse.export_dates import ExportDates


def dump(limit: int, out: Path) -> int:
    """Write ``limit`` outcomes per corpus file to ``out``; returns the number written."""
    written = 0
    with out.open("w", encoding="utf-8") as handle:
        for files in NEWS_CORPORA.values():
            for name in files:
                path = str(shared_path("data", "news", name))
                for i, outcome in enumerate(iter_outcomes([path])):
                    if i >= limit:
                        break
                    if outcome.failure:
                        line = {"failure": outcome.failure.code, "reason": str(outcome.failure.reason)}
                    else:
                        line = {"article": outcome.article.to_json()}
                    handle.write(json.dumps({"file": name, "row": i, **line}, ensure_ascii=False,
                                            sort_keys=True, default=str) + "\n")
                    written += 1
        written += _bench_rows(limit, handle)
    return written


def _bench_rows(limit: int, handle) -> int:
    """CLICK-ID is sorted by outlet: also the rows the speed benchmark parses (every outlet)."""
    # benchmarks/bench_parse.py, this script's folder
    from bench_parse import export_rows

    rows = export_rows(limit * 5)
    mapping = guess_mapping(rows[0].keys())
    dates = ExportDates(mapping)
    for i, (_source, row) in enumerate(dates.learn(("bench", r) for r in rows)):
        try:
            line = {"article": parse_record(row, mapping, source="bench", fmt="json", dates=dates).to_json()}
        except Exception as exc:  # noqa: BLE001 — a failing row must fail the same way
            line = {"failure": type(exc).__name__, "reason": str(exc)}
        handle.write(json.dumps({"file": "bench", "row": i, **line}, ensure_ascii=False,
                                sort_keys=True, default=str) + "\n")
    return len(rows)


def compare(old: Path, new: Path) -> int:
    """Print the rows that differ between two dumps; 0 when identical."""
    a = old.read_text(encoding="utf-8").splitlines()
    b = new.read_text(encoding="utf-8").splitlines()
    bad = [(i, x, y) for i, (x, y) in enumerate(zip(a, b)) if x != y]
    for i, x, y in bad[:5]:
        print(f"row {i} differs:\n  old {x[:600]}\n  new {y[:600]}")
    print(json.dumps({"rows_old": len(a), "rows_new": len(b), "differing": len(bad)}))
    return int(bool(bad) or len(a) != len(b))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=400)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--compare", nargs=2, type=Path)
    args = parser.parse_args()
    if args.compare:
        return compare(*args.compare)
    if not args.out:
        parser.error("give --out FILE or --compare OLD NEW")
    print(dump(args.limit, args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
