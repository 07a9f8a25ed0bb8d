"""Broken text repaired with ftfy (real exports contain ``‚Äì`` and ``¬†`` mojibake)."""

from __future__ import annotations

import re
import unicodedata
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


def _mojibake_pattern(codec: str) -> re.Pattern[str]:
    """UTF-8 sequences as they look when their bytes were read with ``codec``: a lead byte's
    character followed by as many continuation bytes' characters as it announces."""

    def chars(low: int, high: int) -> str:
        out = []
        for byte in range(low, high + 1):
            try:
                out.append(bytes([byte]).decode(codec))
            except UnicodeDecodeError:
                continue
        return re.escape("".join(out))

    cont = f"[{chars(0x80, 0xBF)}]"
    return re.compile(
        f"[{chars(0xC2, 0xDF)}]{cont}|[{chars(0xE0, 0xEF)}]{cont}{{2}}|[{chars(0xF0, 0xF4)}]{cont}{{3}}"
    )


# The codecs real exports were mis-read with (Mac Roman: "‚Äô", "¬†"; cp1252: "â€™", "Â ").
_MOJIBAKE = tuple((codec, _mojibake_pattern(codec)) for codec in ("mac_roman", "cp1252"))


def _undo_mojibake(line: str) -> str:
    """Decode every mis-read UTF-8 sequence back, when its bytes are valid UTF-8; ftfy does the
    same with more care at ~0.5 ms a line, so this fast pass takes the common sequences and
    leaves ftfy only the lines it cannot settle."""
    for codec, pattern in _MOJIBAKE:
        line = pattern.sub(_BACK[codec], line)
    return line


@lru_cache(maxsize=2048)  # a text repeats the same few sequences ("‚Äù", "¬†") many times
def _decoded(sequence: str, codec: str) -> str:
    """One mis-read sequence decoded back, when its bytes are valid UTF-8; else as it is."""
    try:
        return sequence.encode(codec).decode("utf-8")
    except UnicodeError:
        return sequence


_BACK = {codec: (lambda match, codec=codec: _decoded(match.group(), codec)) for codec, _ in _MOJIBAKE}


def repair(text: str) -> tuple[str, bool]:
    """Fix mojibake and control damage; return ``(text, changed)``.

    ASCII text cannot carry mojibake, so it skips ftfy entirely (the common case, and the
    reason the text parser stays fast). ``changed`` ignores mere NFC normalisation.
    """
    if text.isascii() or not _SUSPECT.search(text):
        return text, False
    # ftfy works line by line anyway; handing it only the suspect lines halves its cost.
    lines = text.split("\n")
    changed = False
    for index, line in enumerate(lines):
        if _SUSPECT.search(line):
            fixed = _undo_mojibake(line)
            if _SUSPECT.search(fixed):
                fixed = ftfy.fix_text(fixed, _CONFIG)
            if fixed != unicodedata.normalize("NFC", line):
                lines[index], changed = fixed, True
    return "\n".join(lines), changed
