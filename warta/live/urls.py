"""Article URLs as the watcher fetches and de-duplicates them.

``fetch_url`` is what is requested: courlan's normalisation (lower-case host, no
tracking parameters or fragment) plus AMP variants folded (``/amp`` path ends, ``amp=1``)
and no trailing slash. ``dedup_key`` also folds host variants an outlet serves the same story
under (``www.``, ``m.``, ``mobile.``, ``amp.``), which would be guesses to *fetch*.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from courlan import normalize_url

__all__ = ["dedup_key", "fetch_url", "host_key", "is_non_article"]

_AMP_PATH = re.compile(r"/(amp|amp\.html)$", re.I)
_AMP_PARAMS = {"amp", "amp_js_v", "outputtype", "usqp", "_gl", "utm_id", "gclid", "fbclid",
               "mc_cid", "mc_eid", "ref", "ref_src", "page_ref"}
_HOST_VARIANT = re.compile(r"^(www\d?|m|mobile|amp)\.", re.I)
# Links a feed item may carry that are not pages (checked again by Content-Type on fetch).
_NON_ARTICLE = re.compile(
    r"\.(pdf|jpe?g|png|gif|webp|svg|bmp|ico|mp3|mp4|m4a|webm|mov|avi|zip|rar|gz|docx?|xlsx?|pptx?)$",
    re.I)


def fetch_url(url: str) -> str:
    """The normalised form of an article URL (what is requested and stored)."""
    url = url.strip()
    try:
        url = normalize_url(url)  # strict=True also drops real parameters (?mib=rss)
    except (ValueError, AttributeError):
        pass  # courlan refuses odd URLs; the folding below still applies
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    path = _AMP_PATH.sub("", path).rstrip("/")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if k.lower() not in _AMP_PARAMS and not k.lower().startswith("utm_")])
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path or "/", query, ""))


def dedup_key(url: str) -> str:
    """One key for every variant of the same story's URL (scheme and host variants too)."""
    parts = urlsplit(fetch_url(url))
    host = _HOST_VARIANT.sub("", parts.netloc)
    return urlunsplit(("", host, parts.path, parts.query, "")).lstrip("/")


def host_key(url: str) -> str:
    """``host:port`` (the default port filled in): the unit of politeness."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{(parts.hostname or '').lower()}:{port}"


def is_non_article(url: str) -> bool:
    """True for links to documents or media (PDF, images, video), not pages."""
    return bool(_NON_ARTICLE.search(urlsplit(url).path))
