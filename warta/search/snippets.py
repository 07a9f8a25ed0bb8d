"""Snippets with highlights, computed on the original text (the index holds stems only)."""

from __future__ import annotations

from collections.abc import Sequence

from warta.lang.analysis import analyze_word, word_spans

__all__ = ["mark", "snippet"]


def _cores(terms: set[str]) -> tuple[str, ...]:
    """Substrings every surface form of a stem contains: the stem less its first letter,
    because Indonesian prefixes may swallow it (tulis → menulis, sapu → menyapu)."""
    return tuple(t[1:] if len(t) > 3 else t for t in terms)


def _hits(text: str, terms: set[str], cores: tuple[str, ...]) -> list[tuple[int, int]]:
    lowered = text.lower()
    if not any(c in lowered for c in cores):
        return []  # cheap test first: running the stemmer on every word is the slow part
    return [
        (s, e)
        for s, e in word_spans(text)
        if any(c in lowered[s:e] for c in cores) and set(analyze_word(text[s:e])) & terms
    ]


def snippet(
    paragraphs: Sequence[str], terms: set[str], width: int = 200
) -> tuple[str, list[tuple[int, int]]]:
    """The window of about ``width`` characters with the most query terms, and the
    (start, end) offsets of the matching words inside it. Without hits: the opening."""
    best: tuple[int, int, str, list[tuple[int, int]]] | None = None
    cores = _cores(terms)
    for index, paragraph in enumerate(paragraphs):
        hits = _hits(paragraph, terms, cores) if terms else []
        score = len({paragraph[s:e].lower() for s, e in hits}) * 10 + len(hits)
        if best is None or score > best[0]:
            best = (score, index, paragraph, hits)
        if best[0] and index > 40:  # long bodies: stop once something matched
            break
    if best is None:
        return "", []
    _, _, text, hits = best
    start = 0
    if hits and len(text) > width and hits[0][0] > width // 3:
        start = text.rfind(" ", 0, hits[0][0] - width // 4) + 1
    end = min(len(text), start + width)
    if end < len(text):
        cut = text.rfind(" ", start, end)
        end = cut if cut > start else end
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    spans = [(s + shift, e + shift) for s, e in hits if s >= start and e <= end]
    return prefix + text[start:end] + suffix, spans


def mark(text: str, spans: Sequence[tuple[int, int]], open_: str = "[", close: str = "]") -> str:
    """``text`` with each span wrapped in ``open_``/``close`` (e.g. ``<mark>``, ANSI bold)."""
    out: list[str] = []
    pos = 0
    for s, e in spans:
        out.append(text[pos:s] + open_ + text[s:e] + close)
        pos = e
    out.append(text[pos:])
    return "".join(out)
