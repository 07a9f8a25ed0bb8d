"""Broken text repaired with ftfy (real exports contain ``‚Äì`` and ``¬†`` mojibake)."""

from __future__ import annotations

import unicodedata

import ftfy

__all__ = ["repair"]

# Curly quotes are real Indonesian typography, not damage: keep them.
_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False, explain=False)


def repair(text: str) -> tuple[str, bool]:
    """Fix mojibake and control damage; return ``(text, changed)``.

    ASCII text cannot carry mojibake, so it skips ftfy entirely (the common case, and the
    reason the text parser stays fast). ``changed`` ignores mere NFC normalisation.
    """
    if text.isascii():
        return text, False
    fixed = ftfy.fix_text(text, _CONFIG)
    return fixed, fixed != unicodedata.normalize("NFC", text)
