"""warta — reads Indonesian news the way an editor does.

The public surface, re-exported here (everything else is internal and may move)::

    import warta
    article = warta.parse(path_or_text)          # one page → Article
    for outcome in warta.iter_outcomes([folder]):  # a batch, never dying on one document
        ...

See ``warta.errors`` for the exception tree.
"""

from __future__ import annotations

from .errors import (
    BinaryDocument,
    DataMissing,
    DocumentError,
    DocumentTooLarge,
    EmptyDocument,
    FetchError,
    MappingError,
    NotAnArticle,
    StoreError,
    UsageError,
    WartaError,
)
from .model import Amount, Article, Credits, DateMention, Entity, Mention, Quote, ReadAlso
from .parse import Failure, Outcome, iter_outcomes, parse

__version__ = "0.1.0"

__all__ = [
    "Amount",
    "Article",
    "BinaryDocument",
    "Credits",
    "DataMissing",
    "DateMention",
    "DocumentError",
    "DocumentTooLarge",
    "EmptyDocument",
    "Entity",
    "Failure",
    "FetchError",
    "MappingError",
    "Mention",
    "NotAnArticle",
    "Outcome",
    "Quote",
    "ReadAlso",
    "StoreError",
    "UsageError",
    "WartaError",
    "iter_outcomes",
    "parse",
]
