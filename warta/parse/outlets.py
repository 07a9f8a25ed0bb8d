"""The outlet registry: what warta knows about each Indonesian news outlet, kept as data.

One JSON file ships with warta (``warta/parse/data/outlets.json``); a user extends it with their
own files, named in ``WARTA_OUTLETS`` (paths separated by ``os.pathsep``). An entry whose
``domain`` is already known is merged over the shipped one (lists are extended, other fields
replaced), a new domain is added. Each entry holds:

- ``domain``: the canonical registrable domain (``kompas.com``), what ``Article.outlet`` holds;
- ``names``: the outlet as pages print it (``KOMPAS.com``, ``ANTARA``), matched case-insensitively;
- ``hosts``: other domains of the same outlet (``tribun-timur.com``); subdomains of the domain
  and of these hosts (``makassar.tribunnews.com``) resolve to the outlet without being listed;
- ``group``: the media group (wire copy moves within groups);
- ``tz``: the zone the outlet prints its times in (``WIB``), and ``host_tz`` per regional host;
- ``title_affixes``: site names printed before or after the headline in ``<title>``;
- ``selectors`` and ``furniture``: only where the generic reading measurably fails on that site;
- ``credit_codes``: the codes other outlets print in a closing credit when they reprint this
  outlet's story (``(kmp)`` for Kompas, ``(trb)`` for Tribun), matched case-insensitively; the
  credit then names the outlet (its domain joins ``credits.agencies``; the code stays in
  ``credits.codes``). A code two outlets claim goes to the later one (a user's new entry wins).

Typos (``tribunnnews.com``, ``trbunnews.com``) resolve by edit distance against the registry's
domain-like names, bounded: only names of at least :data:`_MIN_FUZZY` characters, at most one
edit (two from :data:`_TWO_EDITS` characters), and only when a single outlet is that close.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..userdata import read_text, user_files
from . import lexicon

__all__ = ["Outlet", "Registry", "registry", "lookup", "outlet_for_host"]

ENV = "WARTA_OUTLETS"
_MIN_FUZZY = 9  # "kompas.co" and shorter: too many real names sit one edit away
_TWO_EDITS = 14
_TLDS = (".com", ".co.id", ".co", ".id", ".net", ".tv", ".or.id", ".go.id")


@dataclass(slots=True)
class Outlet:
    """One outlet's profile (see the module docstring for the fields)."""

    domain: str
    names: list[str] = field(default_factory=list)
    hosts: list[str] = field(default_factory=list)
    group: str | None = None
    tz: str = "WIB"
    host_tz: dict[str, str] = field(default_factory=dict)
    title_affixes: list[str] = field(default_factory=list)
    selectors: dict[str, str] = field(default_factory=dict)
    furniture: list[str] = field(default_factory=list)
    credit_codes: list[str] = field(default_factory=list)

    def zone_for(self, host: str | None) -> str:
        """The time zone the outlet prints times in on ``host`` (regional editions differ)."""
        if host:
            host = host.lower().removeprefix("www.")
            for name, zone in self.host_tz.items():
                if host == name or host.endswith("." + name):
                    return zone
        return self.tz


def _domain_like(key: str) -> bool:
    return "." in key and key.endswith(_TLDS) and " " not in key


def _edits_within(a: str, b: str, limit: int) -> bool:
    """Levenshtein distance of ``a`` and ``b`` ≤ ``limit`` (banded, stops early)."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit


_ANSWERS = 20_000  # names whose answer a registry keeps


class Registry:
    """Outlets by domain, with an index of every printed name and host."""

    def __init__(self, outlets: list[Outlet]) -> None:
        self.outlets: dict[str, Outlet] = {o.domain: o for o in outlets}
        self._names: dict[str, str] = {}
        # Names of the older lexicon table first, so the registry's own entries win.
        for name, domain in lexicon.OUTLETS.items():
            self._names[name.lower()] = domain
        for outlet in outlets:
            self._names[outlet.domain] = outlet.domain
            for name in (*outlet.names, *outlet.hosts):
                self._names[" ".join(name.lower().split())] = outlet.domain
        self._fuzzy = sorted({k for k in self._names if _domain_like(k)})
        self._codes = {code.lower(): outlet.domain for outlet in outlets for code in outlet.credit_codes}
        # Answers by name: an export asks about the same few outlets and hosts on every row, and
        # an unknown host costs an edit-distance pass over the registry. The registry never
        # changes once built (another setting builds another Registry), so answers stay true.
        self._answers: dict[str, str | None] = {}

    def lookup(self, name: str | None) -> str | None:
        """The canonical domain of an outlet name, host or typo; None when unknown."""
        if not name:
            return None
        try:
            return self._answers[name]
        except KeyError:
            pass
        found = self._lookup(name)
        if len(self._answers) >= _ANSWERS:
            self._answers.clear()  # bounded: a stream of distinct names cannot grow it for ever
        self._answers[name] = found
        return found

    def _lookup(self, name: str) -> str | None:
        key = " ".join(name.lower().split()).strip(" .,:;()[]@")
        if key.startswith("www."):
            key = key[4:]
        if key in self._names:
            return self._names[key]
        if _domain_like(key):
            return self.outlet_for_host(key, fuzzy=True)
        return None

    def outlet_for_code(self, code: str) -> str | None:
        """The outlet whose story a closing-credit code (``kmp``, ``*trb``) says was reprinted."""
        return self._codes.get(code.strip("*").lower())

    def outlet_for_host(self, host: str, *, fuzzy: bool = False) -> str | None:
        """The outlet of a host: itself, a parent domain, or (``fuzzy``) a near typo."""
        host = host.lower().removeprefix("www.")
        labels = host.split(".")
        for i in range(len(labels) - 1):
            parent = ".".join(labels[i:])
            if parent in self._names and _domain_like(parent):
                return self._names[parent]
        if not fuzzy or len(host) < _MIN_FUZZY:
            return None
        limit = 2 if len(host) >= _TWO_EDITS else 1
        near = {self._names[k] for k in self._fuzzy if _edits_within(host, k, limit)}
        return near.pop() if len(near) == 1 else None

    def profile(self, domain: str | None) -> Outlet | None:
        """The profile of a canonical domain."""
        return self.outlets.get(domain) if domain else None


def _outlet(entry: dict[str, Any], where: str) -> Outlet:
    if not isinstance(entry, dict) or not isinstance(entry.get("domain"), str):
        raise UsageError(f"{where}: every outlet needs a \"domain\" string; got {entry!r:.80}")
    known = set(Outlet.__dataclass_fields__)
    unknown = set(entry) - known
    if unknown:
        raise UsageError(
            f"{where}: outlet {entry['domain']!r} has unknown keys {sorted(unknown)}; "
            f"allowed: {sorted(known)}"
        )
    return Outlet(**{**entry, "domain": entry["domain"].lower()})


def _read(text: str, where: str) -> list[Outlet]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise UsageError(f"{where}: not valid JSON ({err}); fix the outlet registry file") from err
    entries = data.get("outlets") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise UsageError(f"{where}: expected an object with an \"outlets\" list")
    return [_outlet(e, where) for e in entries]


def _merge(base: Outlet, extra: Outlet) -> Outlet:
    """A user entry over a shipped one: lists extended, dicts updated, scalars replaced."""
    merged = Outlet(domain=base.domain)
    for name in Outlet.__dataclass_fields__:
        old, new = getattr(base, name), getattr(extra, name)
        if isinstance(old, list):
            value: Any = old + [x for x in new if x not in old]
        elif isinstance(old, dict):
            value = {**old, **new}
        else:
            value = new if new not in (None, "") else old
        setattr(merged, name, value)
    return merged


def load(paths: list[Path] | None = None) -> Registry:
    """The shipped registry with the user's files (``paths``) merged over it."""
    shipped = resources.files("warta.parse").joinpath("data", "outlets.json").read_text("utf-8")
    outlets = {o.domain: o for o in _read(shipped, "warta/parse/data/outlets.json")}
    for path in paths or []:
        for extra in _read(read_text(path, "outlet registry file", ENV), str(path)):
            outlets[extra.domain] = _merge(outlets[extra.domain], extra) if extra.domain in outlets else extra
    return Registry(list(outlets.values()))


@lru_cache(maxsize=4)
def _cached(spec: str) -> Registry:
    return load(user_files(spec))


def registry() -> Registry:
    """The registry in effect (shipped + ``$WARTA_OUTLETS``), built once per setting."""
    return _cached(_setting())


# os.environ.get of a name that is not set (the usual case) raises and catches KeyError twice,
# ~1-3 µs, and the registry is asked for several times per export row. os.environ keeps the
# environment it knows (every change made through it) in its ``_data`` dict under encoded
# keys: a name absent there is absent for os.environ.get too. Another mapping: the public call.
_ENV_KEY = os.environ.encodekey(ENV) if hasattr(os.environ, "encodekey") else ENV


def _setting() -> str:
    """``os.environ.get(ENV, "")``, answered by one dict look-up when the name is not set."""
    data = getattr(os.environ, "_data", None)
    if isinstance(data, dict) and _ENV_KEY not in data:
        return ""
    return os.environ.get(ENV, "")


def lookup(name: str | None) -> str | None:
    """Shortcut: :meth:`Registry.lookup` on the registry in effect."""
    return registry().lookup(name)


def outlet_for_host(host: str | None) -> str | None:
    """Shortcut: the outlet of a host (exact or parent domain; no typo matching)."""
    return registry().outlet_for_host(host) if host else None
