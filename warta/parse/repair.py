"""Broken text repaired with ftfy (real exports contain ``‚Äì`` and ``¬†`` mojibake)."""

from __future__ import annotations

import re
from bisect import bisect_right
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import ftfy

__all__ = ["repair"]

# Mojibake of UTF-8 read as Latin-1, cp1252 or Mac Roman always contains one of these lead
# characters (Ã Â â Ä Å … ¬ √ ‚ ƒ or a C1 control). Checking for them first keeps ftfy, which
# costs ~0.5 ms a paragraph, off the clean majority of text.
_SUSPECT = re.compile("[\u0080-\u009f\u00c2-\u00c5\u00c3\u00e2\u00ef\u00ac\u221a\u201a\u0192\ufffd]")

# Curly quotes are real Indonesian typography, not damage: keep them.
_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_character_width=False,
    fix_line_breaks=False,  # lines are handed over one at a time
    unescape_html=False,  # the HTML parser has already unescaped; text dumps may quote "&amp;"
    explain=False,
)


def _chars(codec: str, low: int, high: int) -> str:
    """The characters bytes ``low``..``high`` decode to in ``codec`` (undefined bytes skipped)."""
    out = []
    for byte in range(low, high + 1):
        try:
            out.append(bytes([byte]).decode(codec))
        except UnicodeDecodeError:
            continue
    return "".join(out)


@dataclass(frozen=True, slots=True)
class _Misread:
    """UTF-8 sequences as they look when their bytes were read with ``codec``.

    ``pattern`` finds a lead byte's character and the continuation bytes' characters after it
    (one to three: a pattern opening on one character class is scanned for that class in C,
    one opening on three alternatives was tried at every character, 3× slower); ``needs``
    says how many continuations each lead announces, and :meth:`back` decodes exactly that
    many. That is what matching the exact count did: lead and continuation bytes are
    disjoint, so continuations left over (or a lead with too few) can start no sequence.
    """

    codec: str
    pattern: re.Pattern[str]
    needs: dict[str, int]

    @classmethod
    def of(cls, codec: str) -> _Misread:
        needs = {ch: n for low, high, n in ((0xC2, 0xDF, 1), (0xE0, 0xEF, 2), (0xF0, 0xF4, 3))
                 for ch in _chars(codec, low, high)}
        leads, conts = re.escape("".join(needs)), re.escape(_chars(codec, 0x80, 0xBF))
        return cls(codec, re.compile(f"[{leads}][{conts}]{{1,3}}"), needs)

    def _length(self, run: str) -> int:
        """The length of the sequence ``run`` opens: its lead and the continuations it needs."""
        return self.needs[run[0]] + 1

    def back(self, match: re.Match[str]) -> str:
        run = match.group()
        end = self._length(run)
        return run if len(run) < end else _decoded(run[:end], self.codec) + run[end:]

    def sequences(self, line: str) -> list[tuple[int, int, str]]:
        """``(start, end, decoded)`` of every sequence of ``line`` that decodes back."""
        found = []
        for match in self.pattern.finditer(line):
            start = match.start()
            end = start + self._length(match.group())
            if end <= match.end():
                decoded = _decoded(line[start:end], self.codec)
                if decoded != line[start:end]:
                    found.append((start, end, decoded))
        return found

    def undo(self, line: str) -> str:
        """Every mis-read sequence of ``line`` decoded back, when its bytes are valid UTF-8."""
        if self.pattern.search(line) is None:
            return line
        try:
            # A line that is all mojibake (or ASCII) decodes in one C call, to the same text as
            # sequence by sequence: valid UTF-8 is exactly ASCII and complete sequences.
            return line.encode(self.codec).decode("utf-8")
        except UnicodeError:  # other text beside the sequences: one at a time
            return self.pattern.sub(self.back, line)


# The codecs real exports were mis-read with (Mac Roman: "‚Äô", "¬†"; cp1252: "â€™", "Â "),
# undone in this order.
_MOJIBAKE = tuple(_Misread.of(codec) for codec in ("mac_roman", "cp1252"))


def _undo_mojibake(line: str) -> str:
    """Decode every mis-read UTF-8 sequence back, when its bytes are valid UTF-8; ftfy does the
    same with more care at ~0.5 ms a line, so this fast pass takes the common sequences and
    leaves ftfy only the lines it cannot settle."""
    if all(misread.pattern.search(line) for misread in _MOJIBAKE):
        return _undo_overlapping(line)
    for misread in _MOJIBAKE:
        line = misread.undo(line)
    return line


@lru_cache(maxsize=2048)  # a text repeats the same few sequences ("‚Äù", "¬†") many times
def _decoded(sequence: str, codec: str) -> str:
    """One mis-read sequence decoded back, when its bytes are valid UTF-8; else as it is."""
    try:
        return sequence.encode(codec).decode("utf-8")
    except UnicodeError:
        return sequence


def repair(text: str) -> tuple[str, bool]:
    """Fix mojibake and control damage; return ``(text, changed)``.

    ASCII text cannot carry mojibake, so it skips ftfy entirely (the common case, and the
    reason the text parser stays fast). ``changed`` ignores mere NFC normalisation.
    """
    if text.isascii() or not _SUSPECT.search(text):
        return text, False
    # ftfy works line by line anyway; handing it only the suspect lines halves its cost.
    lines = text.split("\n")
    single = len(lines) == 1  # the one line is the text, already found suspect: not scanned again
    changed = False
    for index, line in enumerate(lines):
        if single or _SUSPECT.search(line):
            fixed = _undo_mojibake(line)
            if _SUSPECT.search(fixed):
                fixed = ftfy.fix_text(fixed, _CONFIG)
            if fixed != unicodedata.normalize("NFC", line):
                lines[index], changed = fixed, True
    return "\n".join(lines), changed


def _undo_overlapping(line: str) -> str:
    """Both readings find sequences in ``line``: keep the set of non-overlapping sequences that
    decodes the most characters (weighted interval scheduling; on a tie the choice made
    first, over the sequences that end earlier, stays).

    Undone one codec after the other, Mac Roman would take the last two characters of the
    cp1252 "â€™" (bytes DB AA, valid UTF-8: "۪") and leave "â۪", which nothing repairs; and a
    longest-match rule would let cp1252's "æ–¥" break up Mac Roman Cyrillic ("–æ–¥")."""
    seqs = sorted((seq for misread in _MOJIBAKE for seq in misread.sequences(line)),
                  key=lambda seq: seq[1])
    ends = [end for _, end, _ in seqs]
    best: list[tuple[int, list[tuple[int, int, str]]]] = [(0, [])]  # best[i]: first i seqs
    for i, (start, end, decoded) in enumerate(seqs):
        before = best[bisect_right(ends, start, 0, i)]
        take = (before[0] + end - start, before[1] + [(start, end, decoded)])
        best.append(take if take[0] > best[i][0] else best[i])
    out, at = [], 0
    for start, end, decoded in best[-1][1]:
        out += (line[at:start], decoded)
        at = end
    out.append(line[at:])
    return "".join(out)
