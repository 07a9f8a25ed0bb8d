"""HTML article pages → :class:`~warta.model.Article` (``format="html"``).

trafilatura finds the main text and the metadata (title, author, site, image, tags); warta then
runs its Indonesian anatomy pass over that text (:func:`warta.parse.anatomy.clean_body`): the lead
dateline ``JAKARTA, KOMPAS.com -`` becomes ``outlet``/``dateline``, ``Baca juga`` lines become
``read_also``, the ``(fyk/ash)`` credit becomes ``credits``, ``Editor:`` lines become people.

The page is parsed once: warta builds the lxml tree, reads what it needs from it (the published
time, index-page evidence), repairs two layouts trafilatura misreads (see
:mod:`warta.parse.html_tree`) and hands the same tree to :func:`trafilatura.bare_extraction`,
called exactly once.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Any

from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.utils import load_html

from ..errors import EmptyDocument, NotAnArticle
from ..model import Article
from . import lexicon, outlets
from .anatomy import Body, canonical_outlet, clean_body, clean_title, split_credit, strip_lead
from .html_dates import published_from_tree
from .html_tree import (
    Byline,
    byline_people,
    drop_image_captions,
    drop_teaser_cards,
    feed_items,
    gallery_captions,
    headline_candidates,
    index_evidence,
    join_wrapped_lines,
    lift_credit_element,
    lift_read_also_boxes,
    mark_bold_leads,
    paragraphise_loose_text,
    unwrap_printed_urls,
)

__all__ = ["TRAFILATURA_OPTIONS", "parse_html"]

# How warta calls trafilatura; the benchmark runs trafilatura alone with the same options.
# favor_precision: portal pages are dense with teasers and lists of links; precision keeps
# those out and the anatomy pass does not need the recall. Comments are never the article.
# htmldate's extensive search is off: warta reads the time from the tree itself (html_dates).
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "with_metadata": True,
    "include_comments": False,
    "favor_precision": True,
    "date_extraction_params": {"extensive_search": False, "original_date": True},
}

_LONG_PARAGRAPH = 200  # characters: an article has at least two paragraphs this long …
_INDEX_LINKS = 8  # … or an index page shows at least this many headline links
_MIN_BODY_CHARS = 80  # less is a login wall or an error page (a photo story has ≥ 100)
# Kompas prints its byline as a table: "| Penulis | : Nabilla Tashandra |".
_TABLE_ROW = re.compile(r"^\|\s*(?P<key>[A-Za-z][A-Za-z ]{1,20}?)\s*\|\s*:\s*(?P<value>.+?)\s*\|?$")
# A line that is only a timestamp (lists of related stories: "- Kamis, 05/11/2015 09:25 WIB")
# or only a number (pagination "01 02 03").
_STAMP_LINE = re.compile(
    r"^[-•·\s]*(?:[A-Za-z']+,\s*)?\d{1,2}[/.\- ](?:\d{1,2}|[A-Za-z]{3,9})[/.\- ]\d{2,4}"
    r"(?:\s*[|,\-]?\s*\d{1,2}[:.]\d{2})?\s*(?:WIB|WITA|WIT)?(?:\s*\|\s*[\d.,]+\s*views)?\s*$",
    re.IGNORECASE,
)
_TITLE_SEPARATORS = (" - ", " | ", " — ", " – ")
_HEADER_LINES = 5  # the headline, when trafilatura keeps it, is among the first lines
_NUMBER_LINE = re.compile(r"^[-•·|\s]*\d{0,3}\s*$")  # pagination "01", or an emptied bullet
_WIDGET_WORD = re.compile(r"^[A-Za-z]{1,12}$")
_INITIALS_LINE = re.compile(r"^[A-Z]{2,4}$")
_SENTENCE_END = re.compile(r"[.!?][\"”’']?$")
# Page chrome that trafilatura keeps on some portals: the newsroom's contact box, advertising
# contacts (addresses written "redaksi[at]…"), view counters.
_PAGE_FURNITURE = re.compile(
    r"\w\[at\]\w|^informasi pemasangan iklan$|^(?:telah )?dilihat \d+ kali$|^\d+ views$"
    # comment-box disclaimers and "more" links of teaser lists
    r"|^disclaimer\s*:|^komentar (?:adalah|yang)\b.*\btanggung ?jawab|^selengkapnya\s*(?:\.{2,}|…|»|>+)?$"
    r"|^(?:load more|muat lebih banyak|lihat (?:semua|selengkapnya))\s*(?:\.{2,}|…|»|>+)?$",
    re.IGNORECASE,
)
_TABLE_CELL = re.compile(r"^\|\s*([^|]{1,60}?)\s*\|$")
_EMPTY_BRACKETS = re.compile(r"\[\s*\]|\(\s*\)")
_DOTTED_LABEL = re.compile(r"^(Editor|Penulis|Reporter|Redaktur|Pewarta)\.\s+(?=[A-Z])")
_PHOTOGRAPHER = re.compile(r"^(?:fotografer|foto)\s*:\s*(?P<name>[^:|]{2,60})$", re.IGNORECASE)
_AUTHOR_PREFIX = re.compile(r"^(?:pewarta|penulis|reporter|oleh|by)\s*:?\s+", re.IGNORECASE)
_NOT_PERSON = re.compile(
    r"\b(?:web|design|development|developer|admin|administrator|redaksi|team|webmaster|newsroom|desk)\b",
    re.IGNORECASE,
)
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|,|\s&\s|\sdan\s|\sand\s)\s*")
_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://(?P<host>[^/:?#]+)", re.IGNORECASE)
_SUBDOMAIN_SKIP = frozenset({"www", "m", "mobile", "amp", "news", "berita"})


def parse_html(raw: bytes | str, *, source: str | None = None, url: str | None = None) -> Article:
    """Parse one HTML article page.

    ``source`` names the document in messages (a path); ``url`` is the page's address when
    known (else the page's canonical URL is used). Raises :class:`~warta.errors.NotAnArticle`
    for index pages, feeds and HTML without article text, :class:`~warta.errors.EmptyDocument`
    for an empty input.
    """
    where = source or url or "<html>"
    if not raw or not raw.strip():
        raise EmptyDocument(f"{where}: the HTML document is empty; pass an article page")
    tree = _load(raw, where)
    # Read first: the passes below and trafilatura prune the tree (an avatar's name label
    # looks like a photo caption).
    byline = byline_people(tree)
    read_also = lift_read_also_boxes(tree, raw)
    credit = lift_credit_element(tree)
    drop_image_captions(tree)
    teaser_links = drop_teaser_cards(tree)
    join_wrapped_lines(tree)
    paragraphise_loose_text(tree)
    mark_bold_leads(tree)
    unwrap_printed_urls(tree, raw)
    doc = bare_extraction(tree, url=url, **TRAFILATURA_OPTIONS)
    page_url = url or (doc.url if doc is not None else None)
    title = " ".join((doc.title or "").split()) if doc is not None else ""
    people: list[str] = []
    host_outlet = canonical_outlet(doc.hostname) or canonical_outlet(doc.sitename) if doc is not None else None
    shown = _headline(tree, title, host_outlet, doc.sitename if doc is not None else None) or title
    body = clean_body(_candidate_paragraphs(doc.text if doc is not None else "", shown, people))
    _anchor_lead(body)
    body = _photo_story(tree, body)
    _reject_non_article(tree, body, page_url, where, teaser_links)
    body.read_also[:0] = read_also
    if credit:
        _end_at(body, credit[1])
    if credit and not body.credits.codes:
        _rest, credits = split_credit(credit[0], standalone=True)
        if credits is not None:
            body.credits.codes.extend(credits.codes)
            body.credits.agencies.extend(a for a in credits.agencies if a not in body.credits.agencies)
    body.authors.extend(name for name in people if name not in body.authors)
    return _article(tree, doc, body, title, page_url, source, shown, byline)


def _people(byline: Byline, doc: Any, body: Body, outlet: str | None) -> None:
    """Writers and editors, in order of trust: lines of the body, labelled bylines the page
    shows, a name shown beside the date in the header, the page's author metadata (minus editors: JSON-LD ``author`` is often the editor),
    an unlabelled byline element. A "person" that is an outlet (``Koran SINDO``, ``Zona
    Jakarta``) is not a writer: another outlet becomes a syndication credit, the page's own
    outlet is dropped."""
    body.editors.extend(n for n in byline.editors if n not in body.editors)
    body.authors.extend(n for n in byline.authors if n not in body.authors and n not in body.editors)
    if not body.authors:
        # The name shown beside the date is what the reader sees; metadata may name the editor.
        body.authors.extend(n for n in byline.dated if n not in body.editors)
    if not body.authors:
        body.authors.extend(_authors(doc.author, outlet, body.editors))
    if not body.authors:
        body.authors.extend(n for n in byline.unlabelled if n not in body.editors)
    for names in (body.authors, body.editors):
        for name in list(names):
            other = canonical_outlet(name)
            if other is None:
                continue
            names.remove(name)
            if other != outlet and name not in body.credits.agencies:
                body.credits.agencies.append(name)


_LEAD_WINDOW = 6  # paragraphs: a lead dateline below this is not the article's opening
_HEADER_PARAGRAPH = 200  # characters: captions, teasers and a repeated headline are short


def _end_at(body: Body, end: str) -> None:
    """Cut what the extraction kept after the paragraph ending in ``end`` (the text that a
    closing credit followed: below it is the page, ``Kolom Telematika``, teasers)."""
    key = "".join(end.split())
    if len(key) < _MIN_END:
        return
    for i in range(len(body.paragraphs) - 1, -1, -1):
        if "".join(body.paragraphs[i].split()).endswith(key):
            del body.paragraphs[i + 1 :]
            return


_MIN_END = 20  # characters of the closing text needed to find it again


def _anchor_lead(body: Body) -> None:
    """A lead dateline (``TRIBUNNEWS.COM, JAKARTA -``) opens the article: what precedes it
    in the first paragraphs (a repeated headline, photo captions, a teaser) is header.

    A lead naming an outlet always anchors; a bare place (``Jakarta -``) only below short
    paragraphs, as a long one above it is article text."""
    if body.dateline or body.outlet or len(body.paragraphs) < 2:
        return
    for i in range(1, min(len(body.paragraphs), _LEAD_WINDOW)):
        rest, outlet, place = strip_lead(body.paragraphs[i])
        if outlet is None and place is None:
            continue
        if outlet is None and any(len(p) > _HEADER_PARAGRAPH for p in body.paragraphs[:i]):
            return
        body.warnings.append(f"{i} paragraph(s) above the lead dateline taken as page header")
        del body.paragraphs[:i]
        body.outlet, body.dateline = outlet, place
        if rest:
            body.paragraphs[0] = rest
        else:
            body.paragraphs.pop(0)
        return


def _photo_story(tree: HtmlElement, body: Body) -> Body:
    """On a photo gallery the captions are the story; trafilatura keeps only scraps of it."""
    captions = gallery_captions(tree)
    if captions and sum(map(len, body.paragraphs)) < sum(map(len, captions)):
        return clean_body(captions)
    return body


def _load(raw: bytes | str, where: str) -> HtmlElement:
    """The lxml tree of the page; feeds and non-HTML are told apart with a clear reason."""
    tree = load_html(raw)
    if tree is not None:
        return tree
    data = raw.encode("utf-8", "replace") if isinstance(raw, str) else raw
    items = feed_items(data)
    if items is not None:
        raise NotAnArticle(
            f"{where}: looks like an RSS/Atom feed ({items} items), not an article page; "
            "pass the page of one article"
        )
    raise NotAnArticle(f"{where}: could not be read as an HTML page; pass an article page")


def _candidate_paragraphs(text: str, title: str, people: list[str]) -> list[str]:
    """trafilatura's text as lines, minus the HTML-only furniture the anatomy pass won't know.

    Photographer credits (``Fotografer: Nama``) are moved to ``people``."""
    title_key = title.casefold()
    raw_lines = text.splitlines()
    for i, raw_line in enumerate(raw_lines[:_HEADER_LINES]):
        if title_key and " ".join(raw_line.split()).casefold() == title_key:
            raw_lines = raw_lines[i + 1 :]  # what precedes the headline is the page header
            break
    lines: list[str] = []
    for raw_line in raw_lines:
        line = " ".join(raw_line.split())
        if not line or _STAMP_LINE.match(line) or _NUMBER_LINE.match(line):
            continue
        if _PAGE_FURNITURE.search(line):
            continue
        if photo := _PHOTOGRAPHER.match(line):
            people.append(photo.group("name"))
            continue
        if title_key and line.casefold() == title_key:
            continue  # the headline repeated above the body
        if row := _TABLE_ROW.match(line):
            line = f"{row.group('key')}: {row.group('value')}"
        elif cell := _TABLE_CELL.match(line):
            line = cell.group(1)  # "| Rekomendasi |": a widget heading laid out as a table
        line = _EMPTY_BRACKETS.sub("", line).strip()  # "sore tadi.[]": an emptied embed
        line = _DOTTED_LABEL.sub(r"\1: ", line)  # "Editor. Nama" is the label "Editor:"
        if not line:
            continue
        lines.append(line)
    if len(lines) >= 2 and _INITIALS_LINE.match(lines[-1]) and lines[-1].casefold() not in lexicon.WIDGET_WORDS:
        if _SENTENCE_END.search(lines[-2]):
            lines[-1] = f"({lines[-1]})"  # "AZF" under the last sentence: the editor's code, unbracketed
    while lines and _WIDGET_WORD.match(lines[-1]):
        lines.pop()  # widget labels trailing the text ("MustRead", "close", "Kontra")
    return lines


_TEASER_LEADS = 3  # paragraphs opening with their own dateline: teasers of as many stories


def _teaser_signature(body: Body) -> int:
    """How many body paragraphs (after the first) open with a lead dateline; an article has
    one lead, an index page one per teaser (``PEKANBARU - …``, ``BENGKALIS- …``)."""
    count = 0
    for paragraph in body.paragraphs[1:40]:
        _rest, outlet, place = strip_lead(paragraph)
        count += bool(outlet or place)
    return count if count >= _TEASER_LEADS else 0


def _is_root(url: str | None) -> bool:
    """A site's home page (``http://faktariau.com/``) is never one article."""
    if not url or "://" not in url:
        return False
    rest = url.split("://", 1)[1]
    path = rest[rest.find("/"):] if "/" in rest else "/"
    return path.split("?")[0].split("#")[0] in ("", "/", "/index.html", "/index.php")


def _reject_non_article(
    tree: HtmlElement, body: Body, url: str | None, where: str, teaser_links: int = 0
) -> None:
    """Raise NotAnArticle for index pages and pages without article text."""
    long_paragraphs = sum(len(p) >= _LONG_PARAGRAPH for p in body.paragraphs)
    teasers = _teaser_signature(body)
    # Teasers can be long: a page of them passes the paragraph test and is told by its leads.
    evidence = index_evidence(tree, url, teaser_links) if long_paragraphs >= 2 and (teasers or _is_root(url)) else None
    if evidence is not None and not evidence.article_signals and evidence.headline_links >= _INDEX_LINKS:
        raise NotAnArticle(
            f"{where}: looks like an index page ({evidence.headline_links} article links, "
            f"{teasers} paragraphs opening with a dateline, "
            f"{'a home-page address' if _is_root(url) else 'teasers of several stories'}); "
            "pass an article page"
        )
    if long_paragraphs >= 2:
        return
    evidence = index_evidence(tree, url, teaser_links)
    marked_article = evidence.article_signals or evidence.article_url
    text_chars = sum(map(len, body.paragraphs))
    has_text = text_chars >= _MIN_BODY_CHARS
    if evidence.headline_links < _INDEX_LINKS or (marked_article and has_text):
        if has_text and not (_is_root(url) and not evidence.article_signals):
            return
        if has_text:
            raise NotAnArticle(
                f"{where}: a site's home page ({url}) with no article markup; pass an article page"
            )
        raise NotAnArticle(
            f"{where}: no article text found in the HTML ({text_chars} characters of body "
            "text); pass an article page"
        )
    raise NotAnArticle(
        f"{where}: looks like an index page ({evidence.headline_links} article links, "
        f"{long_paragraphs} body paragraphs over {_LONG_PARAGRAPH} characters); "
        "pass an article page"
    )


def _article(
    tree: HtmlElement, doc: Any, body: Body, title: str, url: str | None, source: str | None,
    shown: str | None = None,
    byline: Byline | None = None,
) -> Article:
    """Assemble the Article from trafilatura's metadata, the anatomy pass and the tree."""
    host_outlet = canonical_outlet(doc.hostname) or canonical_outlet(doc.sitename)
    registered = outlets.registry().profile
    # A lead naming an edition the registry does not know (TRIBUNJENEPONTO.COM) is the
    # registered host's outlet.
    outlet = body.outlet if body.outlet and (registered(body.outlet) or not registered(host_outlet)) else host_outlet or body.outlet
    _people(byline or byline_people(tree), doc, body, outlet)
    # Reconciled once before the body was read; again only if the lead named another outlet
    # (its affixes may differ).
    headline = shown if outlet == host_outlet and shown else _headline(tree, title, outlet, doc.sitename)
    profile = registered(host_outlet) or registered(outlet)
    zone = profile.zone_for(_host(url) or doc.hostname) if profile else "WIB"
    published, tz, warnings = published_from_tree(
        tree, doc.date, url=url, headline=headline, zone=zone
    )
    if not headline:
        warnings.append("the page has no title")
    return Article(
        title=headline,
        paragraphs=body.paragraphs,
        url=url,
        outlet=outlet,
        published=published,
        tz=tz,
        authors=body.authors,
        editors=body.editors,
        section=_section(doc.categories, url),
        dateline=body.dateline,
        read_also=body.read_also,
        credits=body.credits,
        format="html",
        warnings=body.warnings + warnings,
        source=source,
        image=doc.image,
        tags=_tags(doc.tags),
    )


_NOT_ALNUM = re.compile(r"[\W_]+")
_MIN_PREFIX = 20  # characters: a truncated title still names the story


def _key(text: str) -> str:
    return _NOT_ALNUM.sub("", text.casefold())


def _agrees(shown: str, meta: str) -> bool:
    """Do a shown headline and a metadata title name the same story? Equal up to
    punctuation and case, or one a long prefix of the other (metadata cut with ``..``)."""
    a, b = _key(shown), _key(meta)
    if not a or not b:
        return False
    return a == b or (len(b) >= _MIN_PREFIX and a.startswith(b)) or (len(a) >= _MIN_PREFIX and b.startswith(a))


def _headline(tree: HtmlElement, title: str, outlet: str | None, sitename: str | None) -> str | None:
    """The headline as the page shows it, reconciled from ``<h1>`` and the metadata titles.

    The first ``<h1>`` that agrees with a metadata title (``og:title``, ``<title>``, or
    trafilatura's pick) wins: it carries the punctuation the metadata often drops and is not
    cut. Without such an ``<h1>`` the longest cleaned metadata title is used (a truncated one
    is a prefix of a longer one).
    """
    h1s, metas = headline_candidates(tree)
    cleaned = [_title(m, outlet, sitename) for m in ([title] if title else []) + metas]
    cleaned = [c for c in cleaned if c]
    for shown in h1s:
        if any(_agrees(shown, meta) for meta in cleaned):
            return shown
    if not cleaned:
        return None
    best = cleaned[0]
    for other in cleaned[1:]:
        if len(other) > len(best) and _agrees(other, best) and not other.endswith(("..", "…")):
            best = other
    return best


def _title(title: str, outlet: str | None, sitename: str | None) -> str:
    """The headline without its site suffix.

    Beyond :func:`clean_title`, a suffix that opens with the site's own name followed by a
    section (``… - Kompas.com Regional``) is cut: only the page's metadata says it is the site.
    """
    title = clean_title(title, outlet)
    profile = outlets.registry().profile(outlet)
    names = {n.casefold() for n in (outlet, sitename) if n and len(n) > 3}
    names |= {a.casefold() for a in profile.title_affixes} if profile else set()
    title = _strip_affixes(title, names)
    for sep in _TITLE_SEPARATORS:
        head, found, tail = title.rpartition(sep)
        if found and head and any(tail.strip().casefold().startswith(n) for n in names):
            return head.strip()
    return title


_AFFIX_SEP = r"\s*(?:::|[:|\-–—])\s*"


def _strip_affixes(title: str, names: set[str]) -> str:
    """Cut site names printed before or after the headline, repeatedly (``… | rubrik | site``):
    ``KapanLagi.com: …``, ``… : Okezone Economy``, ``… -1308294::Okezone News``."""
    if not names:
        return title
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    prefix = re.compile(rf"^(?:{alternation}){_AFFIX_SEP}(?=\S)", re.IGNORECASE)
    suffix = re.compile(rf"(?<=\S){_AFFIX_SEP}(?:-?\d{{4,}}{_AFFIX_SEP})?(?:{alternation})$", re.IGNORECASE)
    # An article number glued before the site name ("-1308294::Okezone News") goes with it.
    while True:
        shorter = suffix.sub("", prefix.sub("", title)).strip()
        if shorter == title or not shorter:
            return title
        title = shorter


def _authors(author: str | None, outlet: str | None, editors: list[str]) -> list[str]:
    """People from the page's author metadata, without the publisher posing as an author
    (``Web Design & Development - Biro SIM Tempo Inti Media``, ``mediaindonesia.com developer``)."""
    if not author:
        return []
    brand = (outlet or "").split(".")[0].casefold()
    if brand and len(brand) > 3 and brand in author.casefold().replace(" ", ""):
        return []
    if _NOT_PERSON.search(author):
        return []  # "Web Design; Development", "Tim Redaksi": the site's team, not a writer
    names: list[str] = []
    for part in _AUTHOR_SPLIT.split(_AUTHOR_PREFIX.sub("", _writer_part(author.strip()))):
        name = part.strip()
        if not name or name in editors or name in names or canonical_outlet(name):
            continue
        if not _NAME_SHAPE.match(name):
            continue  # "@handle", an e-mail address, a URL or a sentence is not a person's name
        if brand and brand in name.casefold():
            continue  # "Kompas Cyber Media" is the publisher
        names.append(name)
    return names


# A person's name: one to six words of letters (initials, apostrophes and hyphens allowed).
_NAME_SHAPE = re.compile(r"^(?=.{2,60}$)[^\W\d_][\w.'’-]*(?: [^\W\d_][\w.'’-]*){0,5}$")
# "Penulis: Nama, Editor: Nama" packed in one metadata string.
_META_ROLE = re.compile(r"\b(penulis|reporter|pewarta|wartawan|editor|redaktur|penyunting)\s*:\s*", re.IGNORECASE)
_META_EDITOR_ROLES = frozenset({"editor", "redaktur", "penyunting"})


def _writer_part(author: str) -> str:
    """The writers' part of an author string that labels roles (``Penulis: A, Editor: B`` → ``A``)."""
    pieces = _META_ROLE.split(author)
    if len(pieces) < 3:
        return author
    kept = [pieces[0]] if pieces[0].strip(" ,;|/") else []
    for role, value in zip(pieces[1::2], pieces[2::2]):
        if role.lower() not in _META_EDITOR_ROLES:
            kept.append(value)
    return ", ".join(v.strip(" ,;|/") for v in kept if v.strip(" ,;|/"))


def _section(categories: list[str] | None, url: str | None) -> str | None:
    """The page's category, else its subdomain (``regional.kompas.com`` → ``Regional``), else
    the first word of its path (``/nasional/read/…`` → ``Nasional``). Never a label of a host
    that is an IP address (``http://10.0.0.5/…`` names no section)."""
    if categories:
        return categories[0].strip() or None
    host = _HOST.match(url or "")
    if not host or _is_ip(host.group("host")):
        return _path_section(url) if host else None
    labels = host.group("host").lower().split(".")
    # "republika.co.id" is a registrable domain with no subdomain: "co.id" is one suffix.
    registrable = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    if len(labels) > registrable and labels[0] not in _SUBDOMAIN_SKIP:
        return labels[0].capitalize()
    return _path_section(url)


# Second-level labels under a country code (co.id, or.id, go.id, ac.id, web.id, co.uk …).
_SECOND_LEVEL = frozenset({"co", "or", "go", "ac", "web", "my", "sch", "net", "mil", "biz", "com", "org", "desa"})


_PATH_WORD = re.compile(r"^[a-z]{3,20}$")


def _path_section(url: str | None) -> str | None:
    """The first path segment when it is a plain word and a known section word
    (:data:`warta.parse.lexicon.SECTION_WORDS`): ``/read/`` or ``/berita/`` name no section."""
    rest = (url or "").split("://", 1)[-1]
    path = rest[rest.find("/"):] if "/" in rest else ""
    segments = [p for p in path.split("?")[0].split("#")[0].split("/") if p]
    if len(segments) < 2:
        return None  # "/slug-of-the-story" alone: no section in the path
    first = segments[0].lower()
    return first.capitalize() if _PATH_WORD.match(first) and first in lexicon.SECTION_WORDS else None


def _is_ip(host: str) -> bool:
    """Is the host an IPv4 or IPv6 address?"""
    if host.startswith("["):
        return True  # "[2001:db8::1]": only an IPv6 address is written in brackets
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def _host(url: str | None) -> str | None:
    match = _HOST.match(url or "")
    return match.group("host").lower() if match else None


def _tags(tags: list[str] | None) -> list[str]:
    """Keywords, split where a page packs them in one comma-separated string."""
    out: list[str] = []
    for tag in tags or []:
        for part in tag.split(","):
            name = part.strip().lstrip("#").strip()
            if name and name not in out:
                out.append(name)
    return out
