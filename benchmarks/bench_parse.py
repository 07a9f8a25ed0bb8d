"""Text-page and export-row parser speed (issues 2 and 10 target: ≥ 2,000 documents/s on one core).

The pages are built in memory from CLICK-ID articles laid out like the seed page (dateline,
title, ``name | section`` byline, body with a ``Baca juga:`` line, the ``(AGENCY/CODE)``
credit, ``BERITA TERKAIT``) — nothing is written to disk or committed. The seed itself is
measured too. Prints JSON.

    .venv/bin/python benchmarks/bench_parse.py [--docs 5000]

``--exports`` measures export rows only, per corpus of ``evals/corpora.py`` (rows read into
memory first, then timed through the file's date model and ``parse_record`` in CPU time);
``--baseline DIR`` runs that same measurement on another checkout (e.g. main's) in alternating
subprocesses, so old and new code share the machine's load in one run:

    PYTHONPATH=$PWD .venv/bin/python benchmarks/bench_parse.py --exports --docs 2000 --baseline /tmp/main

``--count CORPUS`` parses ``--docs`` rows of one corpus ``--repeat`` times untimed, for an
instruction count that a busy machine does not disturb:

    valgrind --tool=cachegrind --cache-sim=no python benchmarks/bench_parse.py --count click-id --docs 400 --repeat 1
    (the same with --repeat 0; the difference is one pass over the rows)
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

from warta.config import shared_path
from warta.parse.export import guess_mapping, parse_record
from warta.parse.export_dates import ExportDates
from warta.parse.reading import open_stream
from warta.parse.rows import ExportRows

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "evals"))
from corpora import NEWS_CORPORA  # evals/corpora.py: the one list of corpora  # noqa: E402
from warta.parse.text import parse_text

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def pages(limit: int) -> list[str]:
    """CLICK-ID rows rendered as seed-like page dumps."""
    out = []
    with gzip.open(shared_path("data", "news", "click-id.jsonl.gz"), "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            paragraphs = [p.strip() for p in row["content"].split(".,") if p.strip()]
            if len(paragraphs) < 3 or not row["date"].strip()[:2] == "20" or "-" not in row["date"]:
                continue
            day = row["date"].strip()[:10]
            year, month, dom = day.split("-")
            body = [p + "." for p in paragraphs]
            body.insert(2, f"Baca juga: {row['title']}")
            body[-1] += " (AFP/OL-4)"
            page = "\n\n".join(
                [f"{int(dom)} {MONTHS[int(month) - 1]} {year}, {row['time']}", row["title"], "",
                 f"Redaksi | {row['category']}", *body, "BERITA TERKAIT"]
            )
            out.append(page)
            if len(out) >= limit:
                break
    return out


def _figures(docs: int, runs: list[float], cpu_runs: list[float]) -> dict:
    """Wall-clock and CPU-time rates: on a machine shared with other jobs the wall clock counts
    time the process waited for a core; process CPU time does not (it is still inflated by
    cache and hyper-thread contention, so the quiet-machine rate is higher than either)."""
    return {
        "docs": docs,
        "docs_per_s_median": round(statistics.median(runs)),
        "runs": [round(r) for r in runs],
        "cpu_docs_per_s_median": round(statistics.median(cpu_runs)),
    }


def rate(docs: list[str], repeat: int = 3) -> dict:
    runs, cpu_runs = [], []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        for doc in docs:
            parse_text(doc)
        runs.append(len(docs) / (time.perf_counter() - start))
        cpu_runs.append(len(docs) / max(time.process_time() - cpu, 1e-9))
    return _figures(len(docs), runs, cpu_runs)


def export_rows(limit: int) -> list[dict]:
    """CLICK-ID rows as the export reader gets them (flattened bodies, date columns)."""
    rows = []
    with gzip.open(shared_path("data", "news", "click-id.jsonl.gz"), "rt", encoding="utf-8") as handle:
        for line in handle:
            rows.append(json.loads(line))
    step = max(1, len(rows) // limit)  # every outlet, not the first one (the file is sorted)
    return rows[::step][:limit]


def export_rate(rows: list[dict], repeat: int = 3) -> dict:
    """Rows → Articles through parse_record, with the file's learned date model."""
    mapping = guess_mapping(rows[0].keys())
    runs, cpu_runs = [], []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        dates = ExportDates(mapping)
        for _source, row in dates.learn((("bench", r) for r in rows)):
            try:
                parse_record(row, mapping, source="bench", fmt="json", dates=dates)
            except Exception:  # noqa: BLE001 — empty rows fail as they would in a batch
                pass
        runs.append(len(rows) / (time.perf_counter() - start))
        cpu_runs.append(len(rows) / max(time.process_time() - cpu, 1e-9))
    return _figures(len(rows), runs, cpu_runs)


def corpus_rows(files: list[str], limit: int) -> list[dict]:
    """Up to ``limit`` object rows of a corpus, spread evenly over its files and rows (files
    are often sorted by outlet or section)."""
    rows: list[dict] = []
    per_file = -(-limit // len(files))
    for name in files:
        path = shared_path("data", "news", name)
        fmt = "csv" if name.endswith(".csv") else "json"
        with path.open("rb") as handle:
            records = [row.record for row in ExportRows(open_stream(handle, name), name, fmt)
                       if isinstance(row.record, dict)]
        step = max(1, len(records) // per_file)
        rows.extend(records[::step][:per_file])
    return rows[:limit]


def corpus_rates(limit: int, repeat: int) -> dict:
    """Export rows/s (CPU time) per corpus of ``evals/corpora.py``, one warm-up pass each."""
    out = {}
    for corpus, files in NEWS_CORPORA.items():
        rows = corpus_rows(files, limit)
        export_rate(rows[:200], repeat=1)  # warm-up: lazy lexicons and regex caches
        out[corpus] = export_rate(rows, repeat=repeat)
    return out


def _exports_main(args: argparse.Namespace) -> int:
    """Per-corpus export rates; with ``--baseline`` old and new alternate in subprocesses."""
    report: dict = {
        "benchmark": "export rows per corpus, one core, CPU time (time.process_time)",
        "machine": f"{platform.machine()} {platform.python_implementation()} {platform.python_version()}",
        "load_average_start": list(os.getloadavg()),
    }
    if not args.baseline:
        report["corpora"] = corpus_rates(args.docs, args.repeat)
    else:
        here = str(Path(__file__).resolve().parents[1])
        runs: dict[str, list[dict]] = {"baseline": [], "this": []}
        for _ in range(args.rounds):
            for label, root in (("baseline", str(args.baseline)), ("this", here)):
                env = {**os.environ, "PYTHONPATH": root}
                cmd = [sys.executable, str(Path(root) / "benchmarks" / "bench_parse.py"), "--exports",
                       "--docs", str(args.docs), "--repeat", str(args.repeat)]
                if not (Path(root) / "benchmarks" / "bench_parse.py").read_text().count("--exports"):
                    cmd[1] = __file__  # an older checkout: this script, its warta
                done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
                runs[label].append(json.loads(done.stdout)["corpora"])
        report["corpora"] = {
            corpus: {
                label: {
                    "rows": runs[label][0][corpus]["docs"],
                    "cpu_rows_per_s_median": round(statistics.median(
                        r[corpus]["cpu_docs_per_s_median"] for r in runs[label])),
                    "cpu_rows_per_s_rounds": [r[corpus]["cpu_docs_per_s_median"] for r in runs[label]],
                }
                for label in runs
            }
            for corpus in NEWS_CORPORA
        }
        for corpus, figures in report["corpora"].items():
            figures["speedup"] = round(figures["this"]["cpu_rows_per_s_median"]
                                       / figures["baseline"]["cpu_rows_per_s_median"], 2)
    report["target_rows_per_s"] = 2000
    report["load_average_end"] = list(os.getloadavg())
    json.dump(report, sys.stdout, indent=2)
    print()
    return 0


def _count_main(args: argparse.Namespace) -> int:
    """Parse ``--docs`` rows of one corpus ``--repeat`` times, untimed, after the warm-up: run
    under ``valgrind --tool=cachegrind`` with ``--repeat 1`` and ``--repeat 0``, the difference
    of the instruction counts is one pass (a deterministic figure on a busy machine)."""
    rows = corpus_rows(NEWS_CORPORA[args.count], args.docs)
    export_rate(rows[:100], repeat=1)  # warm-up, as corpus_rates does
    mapping = guess_mapping(rows[0].keys())
    for _ in range(args.repeat):
        dates = ExportDates(mapping)
        for _source, row in dates.learn(("bench", r) for r in rows):
            try:
                parse_record(row, mapping, source="bench", fmt="json", dates=dates)
            except Exception:  # noqa: BLE001 — empty rows fail as they would in a batch
                pass
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--exports", action="store_true", help="export rows per corpus only")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes per corpus (median)")
    parser.add_argument("--baseline", type=Path, help="another checkout to measure beside this one")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds with --baseline")
    parser.add_argument("--count", choices=list(NEWS_CORPORA), help="parse one corpus untimed (for valgrind)")
    args = parser.parse_args()
    if args.count:
        return _count_main(args)
    if args.exports or args.baseline:
        return _exports_main(args)
    docs = pages(args.docs)
    seed = shared_path("seed", "000_721b307032f8015b.txt").read_text(encoding="utf-8")
    report = {
        "benchmark": "text page parser, one core",
        "machine": f"{platform.machine()} {platform.python_implementation()} {platform.python_version()}",
        "click_id_pages": rate(docs),
        "seed_page_x2000": rate([seed] * 2000),
        "click_id_export_rows": export_rate(export_rows(args.docs)),
        "mean_page_chars": round(sum(map(len, docs)) / len(docs)),
        "target_docs_per_s": 2000,
        "load_average": list(os.getloadavg()),
    }
    json.dump(report, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
