"""Broken text repaired with ftfy (real exports contain ``‚Äì`` and ``¬†`` mojibake)."""

from __future__ import annotations

import re
import unicodedata

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
            fixed = ftfy.fix_text(line, _CONFIG)
            if fixed != unicodedata.normalize("NFC", line):
                lines[index], changed = fixed, True
    return "\n".join(lines), changed
