"""Title keys: the form in which a ``Baca juga`` title is matched to an archived title."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["title_key"]

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def title_key(title: str | None) -> str:
    """Case-, accent-, punctuation- and spacing-insensitive key of a title ('' when empty).

    A ``Baca juga`` line often differs from the target's headline only in quotes, dashes or
    case, so the key keeps letters and digits only.
    """
    if not title:
        return ""
    text = unicodedata.normalize("NFKC", title).casefold()
    return " ".join(_NON_WORD.sub(" ", text).split())
