"""warta's HTML parser against trafilatura alone, side by side on the saved article pages.

Both sides get the same bytes and the same trafilatura options
(:data:`warta.parse.html.TRAFILATURA_OPTIONS`); warta's side adds its tree pre-pass, the
published-time reading and the Indonesian anatomy pass. Each repeat times one pass over all
article pages for each side, the two sides timed back to back page by page (alternating which
goes first); the median pass is reported.
Target: warta / trafilatura ≤ 1.25.

    .venv/bin/python benchmarks/bench_html.py [--repeats 15] [--set old|dev|all]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable

from trafilatura import bare_extraction

from warta.config import shared_path
from warta.parse.html import TRAFILATURA_OPTIONS, parse_html

TARGET = 1.25


Page = tuple[str, bytes, "str | None"]


def _pages(sets: tuple[str, ...]) -> list[Page]:
    """Article pages of ``../shared/data/html`` and (issue 10) ``html-dev``, with their URLs."""
    pages: list[Page] = []
    for name in sets:
        root = shared_path("data", name)
        rows = [json.loads(line) for line in (root / "expected.jsonl").read_text("utf-8").splitlines() if line]
        pages += [
            (row["fixture"], (root / row["fixture"]).read_bytes(), row.get("url"))
            for row in rows
            if row.get("expected")
        ]
    return pages


def _warta(pages: list[Page]) -> None:
    for name, raw, url in pages:
        parse_html(raw, source=name, url=url)


def _trafilatura(pages: list[Page]) -> None:
    for _name, raw, url in pages:
        bare_extraction(raw, url=url, **TRAFILATURA_OPTIONS)


def _timed(run: Callable[[list[Page]], None], pages: list[Page]) -> float:
    start = time.perf_counter()
    run(pages)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--set", choices=("old", "dev", "all"), default="all",
                        help="html (old), html-dev (dev) or both (all)")
    args = parser.parse_args(argv)
    sets = {"old": ("html",), "dev": ("html-dev",), "all": ("html", "html-dev")}[args.set]
    pages = _pages(sets)
    _warta(pages)  # warm-up: imports, compiled XPath, caches on both sides
    _trafilatura(pages)
    warta_s: list[float] = []
    trafilatura_s: list[float] = []
    for i in range(args.repeats):
        # Page by page, the two sides run back to back (order alternating) so that load from
        # other processes on the machine hits both alike.
        warta_total = trafilatura_total = 0.0
        for j, page in enumerate(pages):
            if (i + j) % 2:
                trafilatura_total += _timed(_trafilatura, [page])
                warta_total += _timed(_warta, [page])
            else:
                warta_total += _timed(_warta, [page])
                trafilatura_total += _timed(_trafilatura, [page])
        warta_s.append(warta_total)
        trafilatura_s.append(trafilatura_total)
    warta_ms = statistics.median(warta_s) * 1000
    trafilatura_ms = statistics.median(trafilatura_s) * 1000
    ratio = warta_ms / trafilatura_ms
    print(
        json.dumps(
            {
                "benchmark": "html",
                "pages": len(pages),
                "sets": list(sets),
                "bytes": sum(len(raw) for _n, raw, _u in pages),
                "repeats": args.repeats,
                "warta_ms_per_pass_median": round(warta_ms, 1),
                "trafilatura_ms_per_pass_median": round(trafilatura_ms, 1),
                "warta_ms_per_page": round(warta_ms / len(pages), 2),
                "trafilatura_ms_per_page": round(trafilatura_ms / len(pages), 2),
                "ratio_warta_over_trafilatura": round(ratio, 3),
                "target_ratio": TARGET,
                "meets_target": ratio <= TARGET,
                "python": platform.python_version(),
                "cpus": os.cpu_count(),
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
