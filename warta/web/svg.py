"""The mentions-over-time chart, drawn on the server as SVG.

Hand-written because it is one bar chart: a plotting library (matplotlib) would be a heavy
dependency, and a JavaScript one would break the no-script page and its CSP. Colours are SVG
presentation attributes, not ``style=``, so the strict CSP (no inline styles) still holds.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

from warta.web.render import MONTHS

__all__ = ["fill_months", "label_stride", "label_width", "mentions_chart"]

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 12, 34
MAX_BARS = 60
MAX_STEP = 48  # a lone month is a bar, not a wall
FONT_SIZE = 11
CHAR_WIDTH = 0.62  # of the font size: wider than the average Latin glyph of a sans font
LABEL_GAP = 6  # px between two labels


def _month_index(month: str) -> int:
    year, mon = month.split("-")
    return int(year) * 12 + int(mon) - 1


def fill_months(rows: Sequence[dict[str, Any]]) -> list[tuple[str, int]]:
    """(label, mentions) per month from the first to the last, empty months as 0; long spans
    are summed per year so the chart keeps readable bars."""
    if not rows:
        return []
    counts = {r["month"]: int(r["mentions"]) for r in rows}
    first, last = _month_index(rows[0]["month"]), _month_index(rows[-1]["month"])
    if last - first + 1 > MAX_BARS:
        years: dict[str, int] = {}
        for month, n in counts.items():
            years[month[:4]] = years.get(month[:4], 0) + n
        span = range(int(min(years)), int(max(years)) + 1)
        return [(str(y), years.get(str(y), 0)) for y in span]
    out = []
    for index in range(first, last + 1):
        key = f"{index // 12:04d}-{index % 12 + 1:02d}"
        out.append((f"{MONTHS[index % 12][:3]} {index // 12}", counts.get(key, 0)))
    return out


def label_width(label: str) -> float:
    """Estimated width in px of an axis label (no font metrics on the server)."""
    return len(label) * FONT_SIZE * CHAR_WIDTH


def label_stride(labels: Sequence[str], step: float) -> int:
    """Label every n-th bar so that neighbouring labels, centred on bars ``step`` px apart,
    never overlap: n bars must span the widest label plus a gap."""
    if not labels:
        return 1
    widest = max(label_width(label) for label in labels) + LABEL_GAP
    return max(1, math.ceil(widest / step))


def mentions_chart(rows: Sequence[dict[str, Any]], title: str) -> Markup:
    """An accessible SVG bar chart (``role="img"`` with a title) of mentions per month."""
    bars = fill_months(rows)
    parts = [
        f'<svg class="grafik" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="grafik-judul" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="grafik-judul">{escape(title)}</title>',
    ]
    if not bars:
        parts.append(f'<text x="{WIDTH // 2}" y="{HEIGHT // 2}" text-anchor="middle">'
                     "Belum ada sebutan bertanggal</text></svg>")
        return Markup("".join(parts))
    top = max(n for _, n in bars) or 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = min(MAX_STEP, plot_w / len(bars))
    parts.append(f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" '
                 f'y2="{TOP + plot_h}" stroke="#888"/>')
    parts.append(f'<text x="{LEFT - 6}" y="{TOP + 10}" text-anchor="end" '
                 f'font-size="11">{top}</text>')
    label_every = label_stride([label for label, _ in bars], step)
    for i, (label, n) in enumerate(bars):
        h = plot_h * n / top
        x = LEFT + i * step
        parts.append(
            f'<rect x="{x + step * 0.1:.1f}" y="{TOP + plot_h - h:.1f}" width="{step * 0.8:.1f}" '
            f'height="{h:.1f}" fill="#b3261e"><title>{escape(label)}: {n}</title></rect>'
        )
        if i % label_every == 0:
            parts.append(f'<text x="{x + step / 2:.1f}" y="{HEIGHT - 12}" text-anchor="middle" '
                         f'font-size="{FONT_SIZE}">{escape(label)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
