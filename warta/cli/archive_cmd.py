"""Archive commands: ``warta ingest | search | show | related | stats | export | demo``."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import click

from warta.cli.common import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    iter_with_progress,
    outcomes_from_options,
    source_options,
    usage_errors,
)
from warta.errors import StoreError, UsageError
from warta.store import Archive, open_archive

__all__ = ["register"]

DEFAULT_DB = "warta.db"
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what shells report for a Ctrl-C

db_option = click.option(
    "--db",
    "db",
    default=DEFAULT_DB,
    show_default=True,
    envvar="WARTA_DB",
    help="The archive file (SQLite); env WARTA_DB.",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")


def _emit(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _open_existing(db: str) -> Archive:
    if db != ":memory:" and not Path(db).exists():
        raise UsageError(f"no archive at {db}; build one with `warta ingest SOURCES --db {db}`")
    return open_archive(db)


def _day(published: str | None) -> str:
    return published[:10] if published else "undated"


@click.command("ingest")
@click.argument("sources", nargs=-1, required=True, metavar="PATH|URL|-...")
@source_options
@db_option
@click.option("--batch-size", default=200, show_default=True, help="Articles per transaction.")
@click.option("--workers", type=click.IntRange(min=0), default=None,
              help="Analysis processes beside the writer; 0 analyses in-process "
              "(default: cores - 1, at least 1).")
@click.option("--enrich/--no-enrich", default=True, show_default=True,
              help="Run entity/quote/amount/date enrichment before storing; --no-enrich "
              "skips it (and keeps what an earlier run stored).")
@json_option
@usage_errors
def ingest_command(sources: tuple[str, ...], fmt: str | None, mapping: str | None, db: str,
                   batch_size: int, workers: int | None, enrich: bool, as_json: bool) -> None:
    """Parse, analyse and store articles in the archive; safe to rerun and to interrupt.

    Every batch is one transaction: an interrupted run keeps what it reported and a rerun
    skips what is already stored. Failed documents are kept in the archive (`warta stats`).
    Exit status: 0 all stored, 3 some documents failed, 2 bad usage, 130 interrupted (Ctrl-C).
    """
    from warta.ingest import IngestInterrupted, enrich_available, ingest_outcomes

    if batch_size < 1:
        raise UsageError("--batch-size must be at least 1")
    if enrich and not enrich_available():
        raise UsageError("--enrich needs the enrichment stage (warta.enrich), not installed; "
                         "reinstall warta, or pass --no-enrich")
    outcomes = iter_with_progress(outcomes_from_options(sources, fmt, mapping), desc="ingesting")
    with open_archive(db) as archive:
        try:
            report = ingest_outcomes(outcomes, archive, batch_size=batch_size, workers=workers,
                                     enrich=enrich)
        except IngestInterrupted as stop:
            done = stop.report
            click.echo(f"\ninterrupted: {done.articles:,} articles stored ({done.batches:,} "
                       f"batches); rerun the same command to resume", err=True)
            sys.exit(EXIT_INTERRUPTED)
        total = archive.count()
    summary = {"db": db, **report.to_dict(), "archive_articles": total}
    if as_json:
        _emit(summary)
    else:
        put = report.put
        extra = "".join(f", {n} {what}" for n, what in (
            (put.enriched, "enriched"), (put.earlier_versions, "earlier versions kept as revisions"),
        ) if n)
        click.echo(
            f"{report.articles} articles ({put.added} new, {put.updated} updated, "
            f"{put.unchanged} unchanged{extra}), {report.failures} failed, "
            f"{put.links_resolved} 'Baca juga' links resolved in {report.seconds:.1f} s; "
            f"{db} holds {total} articles"
        )
    sys.exit(EXIT_SOME_FAILED if report.failures else EXIT_OK)


@click.command("search")
@click.argument("query", nargs=-1, required=True)
@db_option
@click.option("--limit", "-n", default=10, show_default=True)
@click.option("--offset", default=0, show_default=True)
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True)
@click.option("--facets", is_flag=True, help="Also count hits per outlet, section and month.")
@json_option
@usage_errors
def search_command(query: tuple[str, ...], db: str, limit: int, offset: int, sort: str,
                   facets: bool, as_json: bool) -> None:
    """Search the archive: words, "phrases", AND/OR/NOT, title:, outlet:, section:,
    author:, entity:"...", date:2019-09-01..2019-09-30."""
    from warta.search.snippets import mark

    with _open_existing(db) as archive:
        result = archive.search(" ".join(query), limit=limit, offset=offset, sort=sort, facets=facets)
    if as_json:
        _emit(result.to_dict())
        return
    click.echo(f"{result.total} articles match {result.query}")
    for rank, hit in enumerate(result.hits, start=offset + 1):
        meta = " · ".join(x for x in (hit.outlet, hit.section, _day(hit.published)) if x)
        click.echo(f"{rank:>3}. {hit.title or '(untitled)'}  [{meta}]  {hit.id}")
        if hit.snippet:
            click.echo("     " + mark(hit.snippet, hit.highlights, "\x1b[1m", "\x1b[0m"), color=None)
    for name, counts in result.facets.items():
        if counts:
            click.echo(f"{name}: " + ", ".join(f"{v} ({c})" for v, c in counts[:8]))


@click.command("show")
@click.argument("article_id")
@db_option
@json_option
@usage_errors
def show_command(article_id: str, db: str, as_json: bool) -> None:
    """Print one archived article, its resolved 'Baca juga' links and revisions."""
    with _open_existing(db) as archive:
        article = archive.get(article_id)
        if article is None:
            raise StoreError(f"no article with id {article_id!r} in {db}; find ids with `warta search`")
        revisions = archive.revisions(article_id)
        copies = archive.copies(article_id)
    if as_json:
        _emit({**article.to_dict(), "revisions": [
            {"revision": r.revision, "replaced_at": r.replaced_at} for r in revisions
        ], "copies": copies})
        return
    click.echo(article.title or "(untitled)")
    meta = [article.outlet, article.section, article.published.isoformat() if article.published else None,
            ", ".join(article.authors) or None]
    click.echo(" · ".join(m for m in meta if m))
    click.echo(f"id {article.id}" + (f"  {article.url}" if article.url else ""))
    click.echo("")
    for paragraph in article.paragraphs:
        click.echo(paragraph + "\n")
    for link in article.read_also:
        click.echo(f"Baca juga: {link.title}  → {link.id or 'not in the archive'}")
    if revisions:
        click.echo(f"{len(revisions)} earlier revision(s)")
    if copies:
        click.echo("copies: " + ", ".join(copies))


@click.command("related")
@click.argument("article_id")
@db_option
@click.option("-k", "k", default=5, show_default=True, help="How many related articles.")
@json_option
@usage_errors
def related_command(article_id: str, db: str, k: int, as_json: bool) -> None:
    """Berita terkait: the articles most related to ARTICLE_ID, and why."""
    with _open_existing(db) as archive:
        hits = archive.related(article_id, k=k)
    if as_json:
        _emit({"id": article_id, "related": [h.to_dict() for h in hits]})
        return
    if not hits:
        click.echo("no related articles")
    for rank, hit in enumerate(hits, start=1):
        click.echo(f"{rank}. {hit.title or '(untitled)'}  [{hit.outlet or '?'} · {_day(hit.published)}]  {hit.id}")
        click.echo("   " + _reasons(hit.to_dict()))


def _reasons(hit: dict[str, Any]) -> str:
    parts = []
    if hit["shared_terms"]:
        parts.append("terms: " + ", ".join(hit["shared_terms"][:6]))
    if hit["shared_entities"]:
        parts.append("entities: " + ", ".join(hit["shared_entities"][:4]))
    if hit["days_apart"] is not None:
        parts.append(f"{hit['days_apart']:g} days apart")
    return "; ".join(parts)


@click.command("stats")
@db_option
@json_option
@usage_errors
def stats_command(db: str, as_json: bool) -> None:
    """Counts of the archive: articles, revisions, failures, entities, links, size."""
    with _open_existing(db) as archive:
        stats = archive.stats()
        entities = [e.to_dict() for e in archive.entities(limit=10)]
    if as_json:
        _emit({**stats, "top_entities": entities})
        return
    for key in ("articles", "revisions", "failures", "enriched", "entities", "entity_mentions",
                "quotes", "read_also", "read_also_resolved",
                "first_published", "last_published", "bytes", "bytes_per_article",
                "search_engine", "analyzer"):
        click.echo(f"{key:20} {stats[key]}")
    click.echo("outlets              " + ", ".join(f"{o['value']} ({o['count']})" for o in stats["outlets"]))


@click.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "parquet"]), default="jsonl", show_default=True)
@click.option("--output", "-o", default="-", show_default=True, help="File to write; - is stdout (jsonl only).")
@usage_errors
def export_command(db: str, fmt: str, output: str) -> None:
    """Write every archived article: JSON lines (Article format) or a Parquet table."""
    from warta.store.export import export_jsonl, export_parquet

    with _open_existing(db) as archive:
        if fmt == "jsonl":
            count = export_jsonl(archive, output)
        else:
            if output == "-":
                raise UsageError("parquet needs a file: add --output archive.parquet")
            count = export_parquet(archive, output)
    click.echo(f"exported {count} articles to {output}", err=True)


@click.command("demo")
@click.option("--db", default="warta-demo.db", show_default=True, help="Where to build the demo archive.")
@click.option("--articles", default=3000, show_default=True, help="How many shared-data articles to take.")
@click.option("--samples", is_flag=True, help="Use the fictional samples even when shared data exists.")
@click.option("--serve/--no-serve", default=None,
              help="Then serve the portal on it (default: yes when run from a terminal).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Portal address (with --serve).")
@click.option("--port", default=8000, show_default=True, help="Portal port (with --serve).")
@json_option
@usage_errors
def demo_command(db: str, articles: int, samples: bool, serve: bool | None, host: str, port: int,
                 as_json: bool) -> None:
    """The first command: build a demo archive, take a short tour of it, serve the portal."""
    from warta.demo import build, demo_corpus, serve_hook, tour

    corpus = "samples" if samples else demo_corpus()
    started = time.perf_counter()
    if not as_json:
        what = f"up to {articles} articles of the shared news data" if corpus == "shared" else \
            "the 12 fictional sample articles (no shared data found)"
        click.echo(f"building {db} from {what} …")
    with open_archive(db) as archive:
        report = build(archive, corpus=corpus, limit=articles)
        shown = tour(archive, corpus)
    shown["ingest"] = report.to_dict()
    shown["seconds"] = round(time.perf_counter() - started, 1)
    if as_json:
        _emit(shown)
    else:
        _print_tour(shown, db)
    if serve is None:
        serve = sys.stdin.isatty() and not as_json
    if serve:
        click.echo(f"serving the portal on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
        if not serve_hook(db, host, port):
            click.echo("(the portal is not part of this build: --serve did nothing)", err=True)


def _print_tour(shown: dict[str, Any], db: str) -> None:
    from warta.search.snippets import mark

    s = shown["stats"]
    click.echo(f"\n{s['articles']} articles in {db} ({s['bytes_per_article']} bytes each), "
               f"{s['failures']} failed documents kept, {s['read_also_resolved']} 'Baca juga' links "
               f"resolved; took {shown['seconds']} s")
    search = shown["search"]
    click.echo(f"\n$ warta search --db {db} '{search['query']}'   → {search['total']} articles")
    for hit in search["hits"]:
        click.echo(f"  • {hit['title']}  [{hit['outlet']} · {_day(hit['published'])}]  {hit['id']}")
        click.echo("    " + mark(hit["snippet"], hit["highlights"], "\x1b[1m", "\x1b[0m"))
    if shown["related_of"]:
        about = shown["related_of"]
        click.echo(f"\n$ warta related --db {db} {about['id']}   ({about['title']})")
        for hit in shown["related"]:
            click.echo(f"  • {hit['title']}  [{hit['outlet']} · {_day(hit['published'])}]")
            click.echo("    " + _reasons(hit))
    click.echo(f"\nnext: warta search --db {db} 'your words', warta show --db {db} ID, warta stats --db {db}")


def register(group: click.Group) -> None:
    """Add the archive commands to the ``warta`` group."""
    for command in (ingest_command, search_command, show_command, related_command, stats_command,
                    export_command, demo_command):
        group.add_command(command)
