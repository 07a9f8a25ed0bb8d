"""Work on the parsed HTML tree that trafilatura does not do for us.

Three small jobs, each a cheap pass over a tree warta parses exactly once:

- :func:`paragraphise_loose_text` — portals such as kompas.com and detik.com put article text
  straight into a ``<div>`` separated by ``<br><br>`` (no ``<p>``); trafilatura then drops the
  loose runs, so they are wrapped in ``<p>`` first.
- :func:`mark_bold_leads` — a lead dateline printed in bold with no dash
  (``<b>Liputan6.com, Jakarta</b> London Love Story…``) gets its dash back, so the anatomy pass
  can recognise it; in plain text such a lead is indistinguishable from a sentence, only the
  markup tells.
- :func:`lift_read_also_boxes` — ``Baca juga`` boxes (a header and a list of links) are taken
  out of the tree with their URLs, which the text alone would lose.
- :func:`gallery_captions` — on photo-story pages the captions are the article.
- :func:`unwrap_printed_urls` — a link whose text is an address (``www.twitter.com/…``) is
  text the article prints; trafilatura's precision mode drops link-only lines, so it is unlinked.
- :func:`index_evidence` — the counts that tell an index (section front, feed) from an article.
- :func:`headline_candidates` — the page's ``<h1>`` texts and metadata titles, for the headline
  reconciliation in :mod:`warta.parse.html`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice

from lxml.etree import XPath
from lxml.html import Element, HtmlElement

from ..model import ReadAlso
from .anatomy import canonical_outlet, is_furniture
from .dates import looks_like_dateline

__all__ = [
    "IndexEvidence",
    "feed_items",
    "drop_image_captions",
    "drop_teaser_cards",
    "gallery_captions",
    "Byline",
    "byline_people",
    "headline_candidates",
    "index_evidence",
    "lift_credit_element",
    "lift_read_also_boxes",
    "mark_bold_leads",
    "join_wrapped_lines",
    "paragraphise_loose_text",
    "unwrap_printed_urls",
]

# Elements that end a run of inline text: a loose run is wrapped in <p> when one of these or a
# <br> follows it.
_BLOCKS = frozenset(
    "address article aside blockquote dd div dl dt fieldset figcaption figure footer form h1 h2 h3 "
    "h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)
_DIVS_WITH_TEXT = XPath("//div[text()[normalize-space()]]")
# A span holding line breaks and loose text is laid out as a block (viva.co.id's
# ``<span itemprop="articleBody">``): its runs are paragraphs like a div's.
_SPANS_WITH_BREAKS = XPath("//span[br][text()[normalize-space()]]")
_FIGURE_LIKE = re.compile(r"photo|foto|caption|image|img|thumb|gallery|media", re.IGNORECASE)
_BOLD_FIRST = XPath("//p/*[self::b or self::strong][1]")
_DASH_END = re.compile(r"[-–—]\s*$")
_LEAD_END = re.compile(r"[-–—:]\s*$")
_DASH_START = re.compile(r"^\s*[-–—]")
_LOOSE_PROSE = 80  # characters of loose text that make a div a body container
_LEAD_RUN_MAX = 60  # a lead dateline run ("JAKARTA, KOMPAS.com -") is short
_HEADLINE_WORDS = 5  # an anchor of ≥ 5 words is a headline link, not navigation
_ARTICLE_PATH = re.compile(
    r"/(?:[^/?#]*\d{6,}[^/?#]*|[^/?#]*[a-z0-9]+[-.][a-z0-9]+[-.][a-z0-9]+[^/?#]*)/?(?:[?#]|$)",
    re.IGNORECASE,
)
_ARTICLE_SIGNALS = XPath(
    "//*[@itemprop='datePublished' or @itemprop='articleBody']"
    " | //meta[@property='article:published_time']"
)
# Text nodes that may open a "Baca juga" header; contains() is cheap, the exact test is in Python.
_READ_ALSO_TAGS = frozenset({"p", "div", "span", "strong", "b", "h2", "h3", "h4", "h5", "li"})
_CAPTIONS = XPath("//figcaption")
_PRINTED_URLS = XPath(
    "//a[starts-with(normalize-space(.), 'http://') or starts-with(normalize-space(.), 'https://')"
    " or starts-with(normalize-space(.), 'www.')]"
)
_MIN_CAPTION = 40  # characters: a caption that tells the story, not "Poster film"
_RAW_READ_ALSO = (
    b"aca juga", b"aca Juga", b"ACA JUGA", b"ekomendasi", b"EKOMENDASI", b"aca pula", b"imak juga",
    b"Baca:", b"Baca :", b"BACA:", b"BACA :",
)
_RAW_PRINTED_URL = re.compile(r"<a\b[^>]*>\s*(?:https?://|www\.)", re.IGNORECASE)
_FEED_ROOT = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)*(?:<\?xml-stylesheet[^>]*>\s*)*(?:<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b",
    re.S,
)
_FEED_ITEM = re.compile(rb"<(?:item|entry)[\s>]")


def _is_inline(node: object) -> bool:
    """A string or a phrasing element. Comments and processing instructions are not
    HtmlElement: they end a run (and are dropped)."""
    return isinstance(node, str) or (
        isinstance(node, HtmlElement) and node.tag not in _BLOCKS and node.tag != "br"
    )


def _run_text(run: list[object]) -> str:
    """The text of a run of strings and inline elements, whitespace collapsed."""
    parts = (n if isinstance(n, str) else n.text_content() for n in run)  # type: ignore[attr-defined]
    return " ".join("".join(parts).split())


def _make_paragraph(run: list[object]) -> HtmlElement | None:
    """A <p> holding one run of strings and inline elements, or None if it is blank."""
    if not _run_text(run):
        return None
    para = Element("p")
    last: HtmlElement | None = None
    for node in run:
        if isinstance(node, str):
            if last is None:
                para.text = (para.text or "") + node
            else:
                last.tail = (last.tail or "") + node
        else:
            para.append(node)
            last = node
    return para


def _flatten(div: HtmlElement) -> list[object]:
    """The div's content as a list of strings and child elements (tails split off)."""
    items: list[object] = []
    if div.text:
        items.append(div.text)
        div.text = None
    for child in list(div):
        tail = child.tail
        child.tail = None
        div.remove(child)
        items.append(child)
        if tail:
            items.append(tail)
    return items


def _paragraphise(div: HtmlElement) -> None:
    """Rebuild one div: loose inline runs become <p>, blocks and comments stay in place."""
    rebuilt: list[HtmlElement] = []
    run: list[object] = []

    def flush() -> None:
        if (para := _make_paragraph(run)) is not None:
            rebuilt.append(para)
        run.clear()

    for node in _flatten(div):
        if _is_inline(node):
            run.append(node)
            continue
        if isinstance(node, HtmlElement) and node.tag == "p" and _is_lead_run(run):
            # "<strong>Jakarta</strong> - <p>Galaxy…": the lead joins its paragraph.
            node.text = f"{_run_text(run)} {node.text or ''}"
            run.clear()
        else:
            flush()
        if isinstance(node, HtmlElement) and node.tag != "br":
            rebuilt.append(node)
    flush()
    div.extend(rebuilt)


def _is_lead_run(run: list[object]) -> bool:
    """Is the run a short lead ending in a dash (``Jakarta -``)?"""
    text = _run_text(run)
    return bool(text) and len(text) <= _LEAD_RUN_MAX and _DASH_END.search(text) is not None


_P_NEWLINES = XPath("//p//text()[contains(., '\n')]")


def join_wrapped_lines(tree: HtmlElement) -> int:
    """A paragraph's source text hard-wrapped at line ends (``Jakarta\nSelatan``) is one line:
    the extraction would keep the newlines and the body split mid-sentence."""
    joined = 0
    for node in _P_NEWLINES(tree):
        text = str(node)
        if not text.strip() or "\n" not in text.strip():
            continue
        owner = node.getparent()
        flat = re.sub(r"\s*\n\s*", " ", text)
        if node.is_tail:
            owner.tail = flat
        else:
            owner.text = flat
        joined += 1
    return joined


def paragraphise_loose_text(tree: HtmlElement) -> int:
    """Wrap loose text runs of divs in ``<p>``; returns how many divs were rebuilt."""
    rebuilt = 0
    for span in _SPANS_WITH_BREAKS(tree):
        if len(" ".join("".join(span.xpath("text()")).split())) >= _LOOSE_PROSE:
            span.tag = "div"
    for div in _DIVS_WITH_TEXT(tree):
        names = f"{div.get('class', '')} {div.get('id', '')}"
        runs = [" ".join(t.split()) for t in div.xpath("text()")]
        loose = " ".join(r for r in runs if r)
        if _FIGURE_LIKE.search(names) or (div.find("img") is not None and _prose_runs(runs) < 2):
            # A photo and its caption (kompas.com): not body text. A caption is one run of
            # text; a div with an inline photo and several paragraphs of loose prose (runs
            # split by <br>) is the body itself.
            continue
        if div.find("p") is None and len(loose) < _LOOSE_PROSE:
            continue  # widgets ("Pro", "0%", "01"): a body div holds prose or paragraphs
        _paragraphise(div)
        rebuilt += 1
    return rebuilt


def _prose_runs(runs: list[str]) -> int:
    """How many loose text runs are prose (a paragraph, not a label or a stray word)."""
    return sum(len(run) >= _LOOSE_PROSE for run in runs)


def _place_comma(parts: list[str], bold: HtmlElement) -> bool:
    """``<b>Jakarta, </b>Kalimat…``: a bold place whose comma is inside the bold, followed by a
    capitalised sentence — a lead printed without a dash."""
    if len(parts) != 2 or parts[1] or not parts[0]:
        return False
    words = parts[0].split()
    if not 1 <= len(words) <= 3 or not all(w[:1].isupper() and w.isalpha() for w in words):
        return False
    following = (bold.tail or "").strip() or " ".join(
        (bold.getnext().text_content() if bold.getnext() is not None else "").split()
    )
    return following[:1].isupper()


def mark_bold_leads(tree: HtmlElement) -> int:
    """Give a bold outlet lead without a dash (``<b>Liputan6.com, Jakarta</b> Teks``) its dash.

    Only the first paragraph-opening bold ``outlet, place`` run counts; returns 0 or 1."""
    for bold in _BOLD_FIRST(tree):
        para = bold.getparent()
        if (para.text or "").strip() or para[0] is not bold:
            continue
        text = " ".join(bold.text_content().split())
        if not text or len(text) > _LEAD_RUN_MAX or _LEAD_END.search(text):
            continue  # the lead has its separator ("Metrotvnews.com, Jakarta:" takes a colon)
        parts = [part.strip() for part in text.split(",")]
        tail = (bold.tail or "").lstrip()
        if len(parts) < 2 or _DASH_START.match(tail) or (tail and tail[0] in ",.;:"):
            continue  # "<b>Liputan6.com</b>, menemui…" is a sentence, not a lead
        if not any(canonical_outlet(part) for part in parts):
            if not _place_comma(parts, bold):
                continue
            bold.text, bold.tail = parts[0], " - " + tail  # "<b>Jakarta, </b>Partai…"
            for child in list(bold):
                bold.remove(child)
            return 1
        bold.tail = " - " + tail
        return 1  # a page has one lead
    return 0


@dataclass(slots=True)
class IndexEvidence:
    """What tells an index page from an article."""

    headline_links: int
    article_signals: int
    article_url: bool


def index_evidence(tree: HtmlElement, url: str | None, removed_links: int = 0) -> IndexEvidence:
    """Count headline links (anchors of five words or more) and article markers on a page;
    ``removed_links`` are headline links taken out of the tree earlier (teaser cards)."""
    links = removed_links
    for anchor in tree.iter("a"):
        if anchor.get("href") and len(anchor.text_content().split()) >= _HEADLINE_WORDS:
            links += 1
    return IndexEvidence(
        headline_links=links,
        article_signals=len(_ARTICLE_SIGNALS(tree)),
        article_url=bool(url and _ARTICLE_PATH.search(_path(url))),
    )


def _path(url: str) -> str:
    rest = url.split("://", 1)[-1]
    slash = rest.find("/")
    return rest[slash:] if slash >= 0 else "/"


_H1 = XPath("//h1")
_META_TITLES = XPath(
    "//meta[@property='og:title' or @name='twitter:title' or @property='twitter:title']/@content"
    " | //title/text()"
)
_MAX_H1 = 6


def headline_candidates(tree: HtmlElement) -> tuple[list[str], list[str]]:
    """``(h1 texts, metadata titles)`` in page order.

    An ``<h1>`` that only wraps a link is the site logo or a section name (``<h1><a
    href="/">Okezone.com</a></h1>``), never the headline: it is left out.
    """
    h1s: list[str] = []
    for h1 in _H1(tree)[:_MAX_H1]:
        text = " ".join(h1.text_content().split())
        if not text:
            continue
        links = h1.findall(".//a")
        if links and " ".join(" ".join(a.text_content() for a in links).split()) == text:
            continue
        if h1.find(".//img") is not None and len(text.split()) < 4:
            continue
        h1s.append(text)
    metas = [" ".join(str(t).split()) for t in _META_TITLES(tree)]
    return h1s, [m for m in metas if m]


# ------------------------------------------------------------------ bylines shown on the page

# Cheap test before the exact label pattern (a Python pass over text beats an XPath scan).
_LABEL_HINT = re.compile(
    r"enulis|ENULIS|eporter|EPORTER|ditor|DITOR|edaktur|ewarta|enyunting|Oleh|OLEH|uthor|Re[pd]\s?:"
    r"|aporan\s?:|APORAN\s?:|oresponden|ORESPONDEN"
)
_SHORT_TEXT = 90  # characters: a byline label and its value are short
_LONG_TEXT = 200  # characters: a paragraph this long is body text
_MAX_BOXES = 20


def _scan(tree: HtmlElement) -> tuple[list[tuple[HtmlElement, bool, str]], list[HtmlElement]]:
    """One pass over the page: short texts that may hold a byline label ``(element, is_tail,
    text)``, and elements whose class names a byline (``author``, ``reporter``…)."""
    labels: list[tuple[HtmlElement, bool, str]] = []
    boxes: list[HtmlElement] = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        text = element.text
        if text and len(text) <= _SHORT_TEXT and _LABEL_HINT.search(text):
            labels.append((element, False, text))
        tail = element.tail
        if tail and len(tail) <= _SHORT_TEXT and _LABEL_HINT.search(tail):
            labels.append((element, True, tail))
        if len(boxes) < _MAX_BOXES and (
            _BYLINE_CLASS_NAMES.search(element.get("class") or "") or element.get("itemprop") == "author"
        ) and element.tag not in ("meta", "link", "body", "html"):
            boxes.append(element)
    return labels, boxes
# Role words as labels → the Article field; the value follows after ":" or "." or in the next
# element ("Oleh : <span>Nama</span>", "Editor. <b>Nama</b>").
_ROLES = {
    "penulis": "authors", "reporter": "authors", "pewarta": "authors", "wartawan": "authors",
    "author": "authors", "jurnalis": "authors", "kontributor": "authors", "oleh": "authors",
    "editor": "editors", "redaktur": "editors", "penyunting": "editors",
    "rep": "authors", "red": "editors",  # "Rep: Nama Red: Nama" (abbreviated, colon required)
    "koresponden": "authors", "laporan": "authors",  # "Laporan: Nama" (colon required: a common noun)
}
_LABEL = re.compile(
    r"^\s*(?P<key>penulis|reporter|pewarta|wartawan|author|kontributor|koresponden|editor|redaktur|penyunting|oleh"
    r"|rep(?=\s*:)|red(?=\s*:)|laporan(?=\s*:))\s*(?P<sep>[:.|]?)\s*(?P<value>.*?)\s*$",
    re.IGNORECASE,
)
_INLINE_LABELS = re.compile(
    r"(?:^\s*|(?<=\s))(rep|red|reporter|editor|redaktur|penulis|pewarta|laporan)\s*:\s*", re.IGNORECASE
)
_NAME_WORD = re.compile(r"^[A-Za-z][A-Za-z.'’-]*$")
_NOT_NAMES = frozenset(
    "karena itu sebab sejumlah para pihak tim redaksi admin the and dari oleh di ke yang dengan"
    " untuk ini dalam pada foto video berita by".split()
)
_NAME_SPLIT = re.compile(r"\s*(?:,|/|;|&|\sdan\s|\sand\s)\s*")
_MAX_NAMES = 6
_BRACKETED_PLACE = re.compile(r"\s*\([A-Z][A-Za-z .'-]{1,30}\)")


@dataclass(slots=True)
class Byline:
    """People the page shows: ``authors`` and ``editors`` from labelled bylines and credit lists,
    ``unlabelled`` from a byline element (``class="author"``) that names no role, ``dated`` from
    a name printed beside the date or the outlet under the headline (``Nama - detikNews``)."""

    authors: list[str]
    editors: list[str]
    unlabelled: list[str]
    dated: list[str] = field(default_factory=list)


def _name_like(text: str, lower_ok: bool) -> bool:
    words = text.split()
    if not 1 <= len(words) <= 5 or len(text) > 50:
        return False
    if not all(_NAME_WORD.match(w) for w in words):
        return False
    if any(w.casefold() in _NOT_NAMES for w in words):
        return False
    return lower_ok or all(w[0].isupper() for w in words)


def _names_in(value: str, lower_ok: bool) -> list[str]:
    # "Angkotasan (Ambon)": the reporter's base in brackets is not part of the name.
    value = _BRACKETED_PLACE.sub("", value)
    names = [n.strip(" .") for n in _NAME_SPLIT.split(value) if n.strip(" .")]
    return names if names and all(_name_like(n, lower_ok) for n in names) else []


def _value_after(element: HtmlElement, is_tail: bool) -> str:
    """The text shown right after a label (``element``'s text, or its tail): the next element."""
    following = element.getnext() if is_tail else (element[0] if len(element) else element.getnext())
    if following is None or not isinstance(following.tag, str):
        return ""
    return " ".join(following.text_content().split())


def _label_value(element: HtmlElement) -> str:
    """What an element shows after its own label (``<div>Oleh : <b>Nama</b>, <b>Nama
    (Kota)</b></div>``): all of its text when it is short, else nothing (the caller then
    reads the next element alone, as it does when the text holds more than names)."""
    text = " ".join(element.text_content().split())
    match = _LABEL.match(text) if len(text) <= _SHORT_TEXT else None
    return match.group("value") if match else ""


def _role_lists(label: HtmlElement, key: str, out: dict[str, list[str]]) -> bool:
    """``<li>Editor</li><li>Nama</li><li>Nama</li>``: a role item followed by name items."""
    item = label if label.tag == "li" else label.getparent()
    while item is not None and item.tag != "li":
        item = item.getparent() if item.getparent() is not None and item.tag in ("span", "b", "strong") else None
    if item is None:
        return False
    found = False
    for sibling in item.itersiblings():
        text = " ".join(sibling.text_content().split())
        if text.casefold() in _ROLES:
            break
        if _name_like(text, lower_ok=False):
            out[_ROLES[key]].append(text)
            found = True
    return found


def _read_labels(label_texts: list[tuple[HtmlElement, bool, str]], out: dict[str, list[str]],
                 labelled: set[str]) -> None:
    """The names the page's labels give (``Penulis: Nama``, a credits list), added to ``out``
    by role and to ``labelled``."""
    for element, is_tail, text in label_texts:
        owner = element.getparent() if is_tail else element
        if owner is None or owner.tag in ("script", "style", "title", "a", "option"):
            continue
        pairs = list(_INLINE_LABELS.finditer(text))
        if len(pairs) >= 2 and pairs[0].start() == 0:  # "Rep: Nama Red: Nama" on one line
            for here, after in zip(pairs, [*pairs[1:], None]):
                value = text[here.end(): after.start() if after else len(text)]
                names = _names_in(value, lower_ok=True)
                out[_ROLES[here.group(1).lower()]].extend(names)
                labelled.update(names)
            continue
        match = _LABEL.match(text)
        if not match:
            continue
        key, sep, value = match.group("key").lower(), match.group("sep"), match.group("value")
        if key == "oleh" and not sep and value and not value[:1].isupper():
            continue  # "Oleh karena itu": prose
        if not value and not sep and _role_lists(element, key, out):
            continue
        if not value and not sep and not is_tail and (before := element.getprevious()) is not None:
            # "<span>Nama</span><span>Editor</span>": a credits item gives the role after the name
            name = " ".join(before.text_content().split())
            if _name_like(name, lower_ok=False):
                out[_ROLES[key]].append(name)
                labelled.add(name)
            continue
        names = []
        if not value and not is_tail:
            names = _names_in(_label_value(element), lower_ok=bool(sep))
        if not value and not names:
            value = _value_after(element, is_tail)
        names = names or _names_in(value, lower_ok=bool(sep))
        out[_ROLES[key]].extend(names)
        labelled.update(names)


def _unlabelled(tree: HtmlElement, boxes: list[HtmlElement], labelled: set[str]) -> list[str]:
    """Names no label gives: a byline element's, else an author link's, else the profile's."""
    unlabelled: list[str] = []
    for element in boxes:
        if any(isinstance(c.tag, str) and _BYLINE_CLASS_NAMES.search(c.get("class") or "") for c in element.iterdescendants()):
            continue  # an outer box: its inner byline element is read instead
        words = " ".join(element.itertext()).split()  # "<div>Nama</div><span>Jurnalis</span>"
        while words and words[-1].casefold() in (*_ROLES, "by"):
            words.pop()  # "Muhammad Nur Bone Jurnalis"
        name = " ".join(words)
        if name and name not in labelled and _name_like(name, lower_ok=False) and name not in unlabelled:
            unlabelled.append(name)
    for anchor in [] if unlabelled else _AUTHOR_LINKS(tree)[:10]:
        if not _AUTHOR_HREF.search(anchor.get("href") or ""):
            continue  # "/oauth/authorize"
        name = " ".join(anchor.text_content().split())
        if name and name not in labelled and name not in unlabelled and _name_like(name, lower_ok=False):
            unlabelled.append(name)
    if not unlabelled and (name := _profile_name(tree)) and name not in labelled:
        unlabelled.append(name)
    return unlabelled


def byline_people(tree: HtmlElement) -> Byline:
    """Writers and editors as the page shows them, outside the body text.

    Three shapes, all seen on several outlets: a label and its value (``Penulis: Nama``,
    ``Editor. <b>Nama</b>``, ``Oleh : <span>Nama</span>``); a credits list whose role item is
    followed by name items; and, only as ``unlabelled``, a byline element (``class="author"``)
    holding a name, with a trailing role word (``Nama Jurnalis``) removed.
    """
    out: dict[str, list[str]] = {"authors": [], "editors": []}
    labelled: set[str] = set()
    label_texts, boxes = _scan(tree)
    _read_labels(label_texts, out, labelled)
    unlabelled = _unlabelled(tree, boxes, labelled)
    dated = [n for n in _dated_bylines(tree) if n not in labelled]
    return Byline(_dedupe(out["authors"]), _dedupe(out["editors"]), unlabelled, dated)


# A byline printed beside the date or the outlet under the headline: "Nama Penulis - Senin, 12
# Februari 2016 10:00 WIB", "Nama Penulis 22/10/2025 06:59", "12/02/2016 | Nama Penulis", "Nama
# Penulis - detikNews". Read only in the header (between the headline and the first body
# paragraph), and only a name of two to four capitalised words.
_HEADLINE = XPath("(//h1)[1]")
_HEADER_AFTER = XPath("following::*[position() <= 60]")
_SEPARATOR_CHARS = " -–—|•·/,"
_DATED_BYLINE_MAX = 110  # characters: a name, a separator and a date
_BYLINE_ELEMENTS = 9  # elements (itself included): a byline is a small element
_NAME_WORDS = 4
_CALENDAR_WORDS = frozenset(
    "senin selasa rabu kamis jumat sabtu minggu ahad januari februari maret april mei juni juli"
    " agustus september oktober november desember jan feb mar apr jun jul agu ags agt sep okt"
    " nov des wib wita wit update diperbarui dipublikasikan diterbitkan".split()
)


def _dated_bylines(tree: HtmlElement) -> list[str]:
    """A name printed beside the publication date (or the outlet) in the article header."""
    heads = _HEADLINE(tree)
    if not heads:
        return []
    for element in _HEADER_AFTER(heads[0]):
        if element.tag in ("script", "style", "a", "option", "noscript"):
            continue
        if element.tag != "p" and next(islice(element.iter(), _BYLINE_ELEMENTS, None), None) is not None:
            if len("".join(element.xpath("text()")).strip()) > _LONG_TEXT:
                break  # a body written as loose text and <br> has begun: below it are teasers
            continue  # a container (cheap test first: text_content of a page-wide div is costly)
        text = " ".join(element.text_content().split())
        if element.tag == "p" and len(text) > _LONG_TEXT:
            break  # the body has begun
        if not 10 <= len(text) <= _DATED_BYLINE_MAX:
            continue
        if name := _name_beside_date(text):
            return [name]
    return []


def _name_beside_date(text: str) -> str | None:
    """``Nama Penulis - 12 Feb 2016`` or ``12 Feb 2016 | Nama Penulis`` → ``Nama Penulis``."""
    words = text.split()
    for k in range(2, min(_NAME_WORDS, len(words) - 1) + 1):
        for name, rest in ((words[:k], words[k:]), (words[-k:], words[:-k])):
            name_text = " ".join(name).strip(_SEPARATOR_CHARS)
            other = " ".join(rest).strip(_SEPARATOR_CHARS)
            if not other or not _byline_name(name_text):
                continue
            if looks_like_dateline(other) or canonical_outlet(other):
                return name_text
    return None


def _byline_name(text: str) -> bool:
    """Two to four name words, the first capitalised: a byline is printed as typed
    (``Arga sumantri``), a date beside it marks it as a name."""
    words = text.split()
    if not 2 <= len(words) <= 4 or not _name_like(text, lower_ok=True) or not words[0][:1].isupper():
        return False
    if any(w.casefold().strip(".,") in _CALENDAR_WORDS or w.casefold() in _ROLES for w in words):
        return False
    return canonical_outlet(text) is None


# A link to the writer's page ("/penulis-Nama", "/author/151/nama") names the writer.
_AUTHOR_LINKS = XPath(
    "//a[contains(@href, '/penulis') or contains(@href, '/author') or contains(@href, '/reporter')"
    " or contains(@href, '/wartawan') or contains(@href, '/jurnalis')]"
)
_AUTHOR_HREF = re.compile(r"/(?:penulis|author|reporter|wartawan|jurnalis)(?:[-/_]|$)", re.IGNORECASE)
_BYLINE_CLASS_NAMES = re.compile(r"author|autor|reporter|penulis|byline|wartawan|jurnalis|kontributor")


# Author metadata holding a user handle (``content_author="akhmadrijal"``) on blog platforms:
# the writer's display name is the text of the link to that handle's profile page.
_AUTHOR_META = XPath(
    "//meta[@name='content_author' or @name='author' or @property='article:author'"
    " or @name='twitter:creator']/@content"
)
_HANDLE = re.compile(r"^@?(?P<handle>[A-Za-z0-9_.-]{3,40})$")


def _profile_name(tree: HtmlElement) -> str | None:
    """The display name linked to the author handle the metadata gives, if the page shows one."""
    handles = {m.group("handle").casefold() for v in _AUTHOR_META(tree) if (m := _HANDLE.match(str(v).strip()))}
    if not handles:
        return None
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").split("?")[0].split("#")[0].rstrip("/")
        if href.rpartition("/")[2].casefold().lstrip("@") not in handles:
            continue
        name = " ".join(anchor.text_content().split())
        if name and _byline_name(name):
            return name
    return None


def _dedupe(names: list[str]) -> list[str]:
    seen: list[str] = []
    for name in names:
        if name not in seen:
            seen.append(name)
    return seen[:_MAX_NAMES]


def feed_items(raw: bytes) -> int | None:
    """The number of items when ``raw`` is an RSS/Atom feed, else None."""
    head = raw[:4096]
    if not _FEED_ROOT.match(head):
        return None
    return len(_FEED_ITEM.findall(raw))


def _anchors(element: HtmlElement) -> list[ReadAlso]:
    out = []
    for anchor in element.iter("a"):
        title = " ".join(anchor.text_content().split())
        if title:
            out.append(ReadAlso(title=title, url=anchor.get("href") or None))
    return out


def _drop(element: HtmlElement) -> None:
    """Remove an element but keep its tail text in the document."""
    parent = element.getparent()
    if parent is None:
        return
    element.drop_tree()


_READ_ALSO_HEADERS = ("baca juga", "berita rekomendasi", "baca pula", "simak juga", "baca:", "baca :")
_BODY_PARAGRAPH = 80  # characters: a <p> this long is article text
_PRECEDING_P = XPath(f"preceding::p[string-length(normalize-space()) > {_BODY_PARAGRAPH}][1]")
_FOLLOWING_P = XPath(f"following::p[string-length(normalize-space()) > {_BODY_PARAGRAPH}][1]")
_BOX_CHARS = 600  # a container this short holding only the header and links is the box
_BOX_SIBLINGS = 3  # a box's list follows its header within a few siblings (an <hr> between)


def _between_paragraphs(element: HtmlElement) -> bool:
    """Does the element stand between two body paragraphs of the same container?

    Only such lists are the article's read-also links; one before the first paragraph or
    after the body (a sidebar, a "Baca Juga" box under the article) is page furniture."""
    if any(a.tag == "p" for a in element.iterancestors()):
        element = next(a for a in element.iterancestors() if a.tag == "p")
    before, after = _PRECEDING_P(element), _FOLLOWING_P(element)
    if before and after and before[0].getparent() is after[0].getparent():
        return True
    return _between_loose_text(element)


def _between_loose_text(element: HtmlElement) -> bool:
    """A body written as text runs and ``<br>`` (no ``<p>``): body text stands loose in the
    element's own container both before and after it."""
    parent = element.getparent()
    if parent is None:
        return False
    before = [parent.text or ""] + [_own_text(s) for s in element.itersiblings(preceding=True)]
    after = [element.tail or ""] + [_own_text(s) for s in element.itersiblings()]
    return any(len(t.strip()) > _BODY_PARAGRAPH for t in before) and any(
        len(t.strip()) > _BODY_PARAGRAPH for t in after
    )


def _own_text(sibling: HtmlElement) -> str:
    """A sibling's body text: a <p>'s own text (the parser closes an open <p> at a box's
    <div>, so the paragraph before it is a sibling), else the loose text after the sibling."""
    if sibling.tag == "p":
        return " ".join(sibling.text_content().split()) + (sibling.tail or "")
    return sibling.tail or ""


def _box_of(header: HtmlElement) -> tuple[HtmlElement, list[ReadAlso]] | None:
    """The element to remove and its links, for a header followed by a list of links."""
    following = header.getnext()
    for _ in range(_BOX_SIBLINGS):
        if following is None:
            return None
        if links := _anchors(following):
            parent = header.getparent()
            # A container holding only the header and the list goes as a whole.
            if (
                parent is not None
                and parent.getparent() is not None
                and all(c is header or c.tag != "p" for c in parent)
                and len(" ".join(parent.text_content().split())) < _BOX_CHARS
            ):
                return parent, links
            return following, links
        following = following.getnext()
    return None


def _label_holder(anchor: HtmlElement) -> HtmlElement | None:
    """The element a header link labels: its parent, when the link is the label alone."""
    text = " ".join(anchor.text_content().split()).casefold().rstrip(" :")
    parent = anchor.getparent()
    if text not in _READ_ALSO_HEADERS or parent is None or len(_anchors(parent)) != 1:
        return None
    return parent


def lift_read_also_boxes(tree: HtmlElement, raw: bytes | str | None = None) -> list[ReadAlso]:
    """Take ``Baca juga`` links out of the tree, with their URLs.

    Layouts: an inline ``<p>Baca juga: <a href=…>Judul</a></p>`` and a box whose header
    (``<p>Baca Juga</p>``, ``<div>BERITA REKOMENDASI</div>``) is followed by a list of links.
    Every such box leaves the tree; only those standing between body paragraphs are the
    article's read-also links (:func:`_between_paragraphs`). Given the page's ``raw`` source,
    the tree walk is skipped when no header phrase is in it (most pages: a regex over bytes
    is far cheaper than an XPath over every text node).
    """
    if raw is not None and not _mentions(_RAW_READ_ALSO, raw):
        return []
    found: list[ReadAlso] = []
    headers = [
        element for element in tree.iter(*_READ_ALSO_TAGS, "a")
        if element.text and element.text.lstrip()[:20].casefold().startswith(_READ_ALSO_HEADERS)
    ]
    # "<div><a href="/topic/…">Baca juga</a></div>": a header printed as a link (to a topic page)
    # is the label only; the element holding it is the header.
    link_labelled = [holder for h in headers if h.tag == "a" and (holder := _label_holder(h)) is not None]
    headers = [h for h in headers if h.tag != "a"] + link_labelled
    for header in headers:
        if header.getparent() is None:
            continue  # already removed with an earlier box
        if header.getroottree().getroot() is not tree.getroottree().getroot():
            continue  # inside a box removed earlier
        own = [] if header in link_labelled else _anchors(header)
        if own:
            target = header
            parent = header.getparent()
            if parent is not None and parent.tag == "p" and header.tag in ("strong", "b", "span"):
                target = parent  # "<p><strong>Baca juga:</strong> <a>…</a></p>"
            if _between_paragraphs(target):
                found.extend(own)
            _drop(target)
            continue
        box = _box_of(header)
        if box is None:
            continue
        element, links = box
        if _between_paragraphs(element):
            found.extend(links)
        if element is not header and header.getparent() is not None and element is not header.getparent():
            _drop(header)
        _drop(element)
    return found


_BOLD = XPath("//strong | //b")
_CREDIT_ONLY = re.compile(
    r"^\(\s*[A-Za-z*][A-Za-z0-9.*\- ]{0,30}(?:/[A-Za-z0-9.*\- ]{1,30}){0,4}\s*\)$"
    # Unbracketed, a code is one token joined by "-" or "/" whose parts all hold a letter
    # ("REDAKSI-MuI", "ant/dwi"): "COVID-19" or a date is not a credit.
    r"|^[A-Za-z*]{2,10}(?:[-/](?=[A-Za-z0-9*]*[A-Za-z])[A-Za-z0-9*]{1,8}){1,4}$"
)
_LOOSE_BODY = 200  # characters of a container's own text that make it a body


_END_CHARS = 40
_PREVIOUS_TEXTS = XPath("preceding::text()[normalize-space()][position() <= 4]")


def _previous_text(element: HtmlElement) -> list[object]:
    """The nearest shown text before ``element`` that is not portal furniture (a promo line
    such as ``Ikuti Twitter @… untuk …`` may stand between the body and its credit)."""
    for text in reversed(_PREVIOUS_TEXTS(element)):  # XPath returns document order
        if not is_furniture(" ".join(str(text).split())):
            return [text]
    return []


def _follows_directly(element: HtmlElement, paragraph: HtmlElement) -> bool:
    """Is no shown text (but furniture) between ``paragraph`` and ``element`` (whatever the
    nesting)?"""
    previous = _previous_text(element)
    if not previous:
        return False
    owner = previous[0].getparent()
    return owner is not None and (owner is paragraph or paragraph in owner.iterancestors())


def lift_credit_element(tree: HtmlElement) -> tuple[str, str] | None:
    """Take out a bold credit standing alone after the body (``<strong>(fid)</strong>``).

    Text extraction drops such a short loose element, and with it the editor's initials. It
    counts only right after article text: in the container of the last body paragraph, or
    in a container of loose body text. Returns ``(credit, end)``, ``end`` being the last
    words of the text before it: the credit closes the article, so the body ends there."""
    for bold in _BOLD(tree):
        text = " ".join(bold.text_content().split())
        if not text or len(text) > 60 or not _CREDIT_ONLY.match(text):
            continue
        parent = bold.getparent()
        if parent is None or parent.tag == "a":
            continue
        own = len(" ".join("".join(parent.xpath("text()")).split()))
        before = _PRECEDING_P(bold)
        if own >= _LOOSE_BODY or (before and _follows_directly(bold, before[0])):
            previous = _previous_text(bold)
            end = " ".join(str(previous[0]).split())[-_END_CHARS:] if previous else ""
            bold.drop_tree()
            return text, end
    return None


_LINK_HOLDERS = XPath("//a[@href]/parent::*[self::div or self::h2 or self::h3 or self::h4 or self::h5 or self::h6]")
_TEASER_MAX = 300  # characters of a teaser's summary
_TEASER_TITLE_WORDS = 3


_TEASER_META = 30  # characters: a date or section label between a card's title and summary
_BLOCK_CHILDREN = XPath("./p | ./div | ./ul | ./ol | ./table")


def _teaser_summary(holder: HtmlElement) -> HtmlElement | None:
    """The short summary after a card's title link (past a date line such as ``11/6/2025``)."""
    following = holder.getnext()
    for _ in range(2):
        if following is None:
            return None
        text = " ".join(following.text_content().split())
        leaf = following.tag == "p" or (following.tag == "div" and not _BLOCK_CHILDREN(following))
        if leaf and following.find(".//a") is None and len(text) > _TEASER_META:
            return following if len(text) <= _TEASER_MAX else None
        if len(text) > _TEASER_META:
            return None
        following = following.getnext()
    return None


def drop_teaser_cards(tree: HtmlElement) -> int:
    """Remove teaser cards: a headline link followed by a short summary paragraph.

    Portals fill the page header, sidebars and e-paper boxes with such cards (``<div><a>Vonis
    DKPP Dinilai Mengecewakan</a></div><p>Seharusnya DKPP…</p>``); text extraction keeps the
    summary as if it were a paragraph of the article. Returns how many of the removed titles
    are headline links (:func:`index_evidence` counts them: many cards make an index page)."""
    removed = 0
    for holder in _LINK_HOLDERS(tree):
        if holder.getparent() is None or len(holder) != 1 or holder[0].tag != "a":
            continue
        title = " ".join(holder.text_content().split())
        if len(title.split()) < _TEASER_TITLE_WORDS or (holder.text or "").strip() or (holder[0].tail or "").strip():
            continue
        summary = _teaser_summary(holder)
        if summary is None:
            continue
        summary.drop_tree()
        holder.drop_tree()
        removed += len(title.split()) >= _HEADLINE_WORDS
    return removed


_IMAGES = XPath("//img")
_CAPTION_TAGS = frozenset({"div", "span", "small", "em", "i"})  # a <figcaption> may be a photo story
_CAPTION_MAX = 250  # characters: a caption is a line, a paragraph after a photo is longer


def drop_image_captions(tree: HtmlElement) -> int:
    """Remove the caption printed right after a photo (``<img><div>BERAGAM: Pemandangan…</div>``).

    Text extraction keeps such a block as the first paragraph of the body; what marks it is
    the markup: a short block without paragraphs that directly follows the image (or the
    link or picture holding it). Returns how many were removed."""
    removed = 0
    for image in _IMAGES(tree)[:50]:
        holder = image
        parent = image.getparent()
        if parent is not None and parent.tag in ("a", "picture") and len(parent) == 1:
            holder = parent
        if (holder.tail or "").strip():
            continue
        caption = holder.getnext()
        if caption is None or caption.tag not in _CAPTION_TAGS or caption.find(".//p") is not None:
            continue
        text = " ".join(caption.text_content().split())
        if not text or len(text) > _CAPTION_MAX or caption.find(".//img") is not None:
            continue
        caption.drop_tree()
        removed += 1
    return removed


def gallery_captions(tree: HtmlElement) -> list[str]:
    """The distinct captions of a photo gallery (two or more), in page order."""
    captions: list[str] = []
    for caption in _CAPTIONS(tree):
        text = " ".join(caption.text_content().split())
        if len(text) >= _MIN_CAPTION and text not in captions:
            captions.append(text)
    return captions if len(captions) >= 2 else []


def unwrap_printed_urls(tree: HtmlElement, raw: bytes | str | None = None) -> int:
    """Replace links whose text is a printed address by that text; returns how many.

    Given ``raw``, the tree walk is skipped when no link text in the source starts like one."""
    if raw is not None and not _mentions(_RAW_PRINTED_URL, raw):
        return 0
    anchors = _PRINTED_URLS(tree)
    for anchor in anchors:
        anchor.drop_tag()
    return len(anchors)


def _mentions(pattern: re.Pattern[str] | tuple[bytes, ...], raw: bytes | str) -> bool:
    """Does the page source match? A tuple of byte strings is looked for with ``find`` (far
    cheaper than a case-insensitive regex over a whole page)."""
    if isinstance(pattern, tuple):
        data = raw if isinstance(raw, bytes) else raw.encode("utf-8", "replace")
        return any(data.find(needle) >= 0 for needle in pattern)
    text = raw.decode("latin-1") if isinstance(raw, bytes) else raw
    return pattern.search(text) is not None
