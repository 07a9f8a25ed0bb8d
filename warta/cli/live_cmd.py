"""Live commands: ``warta sources add | list | remove`` and ``warta watch``."""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from typing import Any

import click

from warta.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    json_text,
    safe,
    shown_db,
    usage_errors,
)
from warta.errors import UsageError
from warta.store import open_archive

__all__ = ["register"]

db_option = click.option("--db", "db", default="warta.db", show_default=True, envvar="WARTA_DB",
                         help="The archive file (SQLite); env WARTA_DB.")
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
gap_option = click.option("--min-gap", "min_gap", type=click.FloatRange(min=0.0), default=2.0,
                          show_default=True, help="Seconds between two requests to one host:port.")
timeout_option = click.option("--timeout", type=click.FloatRange(min=0.1), default=20.0,
                              show_default=True, help="Seconds to wait for a server's answer.")
contact_option = click.option("--contact", envvar="WARTA_CONTACT", default=None,
                              help="URL or address of who runs this watcher, sent in the "
                              "User-Agent so outlets can reach you; env WARTA_CONTACT.")


def _fetch_config(min_gap: float, timeout: float, contact: str | None, max_feed_mb: float = 50.0):
    from warta.live.fetch import FetchConfig

    return FetchConfig(min_gap=min_gap, timeout=timeout, total_timeout=max(60.0, 3 * timeout),
                       contact=contact, max_feed_bytes=int(max_feed_mb * 1_000_000))


@click.group("sources")
def sources_group() -> None:
    """The feeds and sitemaps this archive follows (`warta watch` polls them)."""


@sources_group.command("add")
@click.argument("urls", nargs=-1, metavar="URL...")
@db_option
@click.option("--preset", default=None, metavar="NAME",
              help="Also add a shipped starter list (e.g. nasional); added without a request "
              "unless --check.")
@click.option("--check", is_flag=True,
              help="Refuse a source that cannot be reached now or lists no items (exit 2).")
@gap_option
@timeout_option
@contact_option
@json_option
@usage_errors
def add_command(urls: tuple[str, ...], db: str, preset: str | None, check: bool,
                min_gap: float, timeout: float, contact: str | None, as_json: bool) -> None:
    """Follow feeds (RSS/Atom), sitemaps (incl. sitemap indexes and Google News sitemaps) or
    an outlet's home page (its feeds and sitemaps are found).

    Exit status: 0 all added (warnings on stderr), 2 something refused.
    """
    from warta.live.sources import add_sources

    if not urls and preset is None:
        raise UsageError("give at least one URL, or --preset NAME (e.g. --preset nasional)")
    with open_archive(db) as archive:
        results = add_sources(archive, list(urls), check=check, preset=preset,
                              config=_fetch_config(min_gap, timeout, contact))
    if as_json:
        click.echo(json_text([r.to_dict() for r in results]))
    else:
        for r in results:
            prefix = {"ok": "", "warning": "warning: ", "error": "error: "}[r.level]
            click.echo(f"{prefix}{safe(r.message)}", err=r.level != "ok")
    sys.exit(EXIT_USAGE if any(r.level == "error" for r in results) else EXIT_OK)


def _ago(iso: str | None) -> str:
    return iso.replace("+00:00", "Z") if iso else "never"


def _when(ts: float) -> str:
    if not ts:
        return "now"
    left = ts - time.time()
    if left <= 0:
        return "now"
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ") + f" (in {left:.0f} s)"


@sources_group.command("list")
@db_option
@json_option
@usage_errors
def list_command(db: str, as_json: bool) -> None:
    """Each source: outlet, kind, last poll, status, next poll, articles found, last error."""
    with open_archive(db, read_only=True) as archive:
        sources = archive.list_sources()
    if as_json:
        click.echo(json_text([s.to_dict() for s in sources]))
        return
    if not sources:
        click.echo(f"{shown_db(db)} follows no sources; add some with `warta sources add URL --db {shown_db(db)}` "
                   "or `--preset nasional`")
        return
    for s in sources:
        click.echo(f"[{s.id}] {safe(s.url)}\n"
                   f"    {safe(s.outlet or '-')} · {s.kind} · {s.status} · last poll "
                   f"{_ago(s.last_poll)} · next {_when(s.next_poll)} · {s.articles_found} "
                   f"articles · {s.polls} polls")
        if s.last_error:
            click.echo(f"    last error: {safe(s.last_error)}")
        if s.note and s.status == "new":
            click.echo(f"    note: {safe(s.note)}")


@sources_group.command("remove")
@click.argument("sources", nargs=-1, required=True, metavar="URL|NUMBER...")
@db_option
@usage_errors
def remove_command(sources: tuple[str, ...], db: str) -> None:
    """Stop following sources (by URL or the number `sources list` shows); articles stay."""
    from warta.live.urls import fetch_url

    missing = []
    with open_archive(db) as archive:
        for source in sources:
            key = source if source.isdigit() else fetch_url(source)
            if archive.remove_source(key) or archive.remove_source(source):
                click.echo(f"removed {safe(source)}")
            else:
                missing.append(source)
    if missing:
        raise UsageError(f"not followed: {', '.join(missing)}; see `warta sources list --db {shown_db(db)}`")


def _compact(data: Any) -> str:
    """One JSON value per line (JSON lines); ASCII escapes keep a terminal safe from the
    control characters a feed may carry."""
    import json

    return json.dumps(data, ensure_ascii=True, separators=(",", ":"))


def _line(entry: dict[str, Any]) -> str:
    text = (f"{entry['status']:<9} {entry['source']}: {entry['items']} items, "
            f"{entry['added']} new, {entry['updated']} updated, {entry['failed']} failed")
    if entry["retry"]:
        text += f", {entry['retry']} to retry"
    text += f" ({entry['requests']} requests, {entry['seconds']:.1f} s; next in {entry['next_poll_in']:.0f} s)"
    if entry["error"]:
        text += f" — {entry['error']}"
    return safe(text)


@click.command("watch")
@db_option
@click.option("--once", is_flag=True, help="Poll each due source once, then exit (cron, tests).")
@click.option("--all", "all_due", is_flag=True, help="Every source counts as due now.")
@gap_option
@timeout_option
@contact_option
@click.option("--min-interval", type=click.FloatRange(min=0.0), default=60.0, show_default=True,
              help="Shortest adaptive poll interval per source (seconds).")
@click.option("--max-interval", type=click.FloatRange(min=0.0), default=3600.0,
              show_default=True, help="Longest adaptive poll interval per source (seconds).")
@click.option("--max-feed-mb", type=click.FloatRange(min=0.001), default=50.0, show_default=True,
              help="Largest feed or sitemap read (MB).")
@click.option("--threads", type=click.IntRange(1, 256), default=64, show_default=True,
              help="Hosts polled at the same time.")
@click.option("--enrich/--no-enrich", default=None,
              help="Run entity/quote/amount/date enrichment (default: when installed).")
@json_option
@usage_errors
def watch_command(db: str, once: bool, all_due: bool, min_gap: float, timeout: float,
                  contact: str | None, min_interval: float, max_interval: float,
                  max_feed_mb: float, threads: int, enrich: bool | None, as_json: bool) -> None:
    """Poll the sources and ingest new articles as they are published (Ctrl-C stops).

    One line per poll (JSON lines with --json). Politeness: robots.txt, one request at a
    time per host, --min-gap between them, Retry-After and backoff on 429/5xx.
    """
    from warta.live.watcher import WatchConfig, watch

    if max_interval < min_interval:
        raise UsageError(f"--max-interval {max_interval:g} is below --min-interval "
                         f"{min_interval:g}; give bounds in order")
    config = WatchConfig(fetch=_fetch_config(min_gap, timeout, contact, max_feed_mb),
                         min_interval=min_interval, max_interval=max_interval,
                         threads=threads, enrich=enrich)

    def log(entry: dict[str, Any]) -> None:
        click.echo(_compact(entry) if as_json else _line(entry))

    with open_archive(db) as archive:
        if not archive.list_sources():
            raise UsageError(f"{shown_db(db)} follows no sources; add some with `warta sources add URL "
                             f"--db {shown_db(db)}` first")
        try:
            report = watch(archive, once=once, all_due=all_due, config=config, log=log)
        except KeyboardInterrupt:
            click.echo("stopped; everything reported above is stored", err=True)
            return
    summary = report.to_dict()
    click.echo(_compact({"summary": summary}) if as_json else
               f"{summary['polls']} polls, {summary['articles_added']} new articles, "
               f"{summary['articles_updated']} updated, {summary['errors']} sources with "
               f"errors", err=not as_json)


def register(group: click.Group) -> None:
    """Add ``sources`` and ``watch`` to the ``warta`` command group."""
    group.add_command(sources_group)
    group.add_command(watch_command)


