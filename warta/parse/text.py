"""Plain-text page dumps like the seed: dateline, title, ``name | section`` byline, body."""

from __future__ import annotations

import re

from ..errors import EmptyDocument, NotAnArticle
from ..model import Article
from .anatomy import canonical_outlet, clean_body, clean_title
from .dates import looks_like_dateline, parse_datetime
from .repair import repair

__all__ = ["parse_text"]

_BYLINE = re.compile(r"^(?P<names>[^|]{2,80}?)\s*\|\s*(?P<section>[^|]{2,40})$")
# A title is a short line that does not end like a sentence of body text.
_MAX_TITLE = 250
_HEADER_LINES = 6


def _is_title(line: str) -> bool:
    return len(line) <= _MAX_TITLE and not line.endswith((".", ",", ";"))


def _read_header(lines: list[str], article: Article) -> int:
    """Fill dateline, title and byline from the first lines; return where the body starts."""
    for index, line in enumerate(lines[:_HEADER_LINES]):
        if article.published is None and looks_like_dateline(line):
            _set_published(article, line)
            continue
        if article.title is None and _is_title(line) and not _BYLINE.match(line):
            article.title = line
            continue
        if byline := _BYLINE.match(line):
            article.authors = [n.strip() for n in re.split(r"\s*(?:,|\sdan\s|&)\s*", byline["names"])]
            article.section = byline["section"].strip()
            continue
        return index
    return min(len(lines), _HEADER_LINES)


def _set_published(article: Article, line: str) -> None:
    value, zone = parse_datetime(line)
    if value is None:
        article.warnings.append(f"dateline {line!r} could not be read as a date; published left empty")
        return
    article.published, article.tz = value, zone
    if zone is None:
        article.warnings.append(f"dateline {line!r} names no time zone; assumed WIB (UTC+7)")


def parse_text(text: str, *, source: str | None = None, url: str | None = None) -> Article:
    """Parse a plain-text page dump into an :class:`Article` (``format="text"``)."""
    text, repaired = repair(text)
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    where = source or "<text>"
    if not lines:
        raise EmptyDocument(f"{where}: the document has no text; nothing to parse")
    article = Article(format="text", source=source, url=url, id="-")
    start = _read_header(lines, article)
    body = clean_body(lines[start:])
    if not body.paragraphs:
        raise NotAnArticle(
            f"{where}: no body paragraphs after the header (title {article.title!r}); "
            "is this an article page?"
        )
    _merge_body(article, body)
    if repaired:
        article.warnings.append("mojibake repaired")
    if article.title is None:
        article.warnings.append("no title line found")
    else:
        article.title = clean_title(article.title, article.outlet)
    if article.published is None and not any(w.startswith("dateline") for w in article.warnings):
        article.warnings.append("no publication date found")
    article.id = ""
    article.__post_init__()
    return article


def _merge_body(article: Article, body) -> None:
    """Copy what the anatomy pass found onto the article (header fields win)."""
    article.paragraphs = body.paragraphs
    article.read_also = body.read_also
    article.credits = body.credits
    article.editors = body.editors
    article.authors = article.authors or body.authors
    article.outlet = article.outlet or body.outlet or canonical_outlet(_host(article.url))
    article.dateline = body.dateline
    article.warnings.extend(body.warnings)


_HOST = re.compile(r"^[a-z]+://(?:www\.)?([^/:?#]+)", re.IGNORECASE)


def _host(url: str | None) -> str | None:
    if not url:
        return None
    match = _HOST.match(url)
    return match.group(1).lower() if match else None
