"""Archive commands: ``warta ingest | search | show | related | quotes | stats | export |
failures | migrate | demo``.

Reading commands open the archive read-only: they never create, migrate or change a file
(another application's SQLite file included), and work on archives the user cannot write.
Everything printed from the archive as text goes through :func:`safe` (terminal escapes are
shown, not sent); ``--json`` output is exact (JSON escapes control characters itself).
"""

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
    FailureTally,
    failure_kind,
    iter_with_progress,
    json_text,
    outcomes_from_options,
    safe,
    shown_db,
    source_options,
    usage_errors,
)
from warta.errors import StoreError, UsageError
from warta.search.query import MAX_LIMIT, MAX_OFFSET
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
    click.echo(json_text(data))


def _open_existing(db: str) -> Archive:
    """Open for reading: nothing is created or migrated; notices (e.g. the search index
    could not be used) go to stderr."""
    archive = open_archive(db, read_only=True)
    for notice in getattr(archive, "notices", []):
        click.echo(f"warning: {safe(notice)}", err=True)
    return archive


def _day(published: str | None) -> str:
    return published[:10] if published else "undated"


@click.command("ingest")
@click.argument("sources", nargs=-1, required=True, metavar="PATH|URL|-...")
@source_options
@db_option
@click.option("--batch-size", default=200, show_default=True, help="Articles per transaction.")
@click.option("--workers", type=click.IntRange(min=0), default=None,
              help="Analysis processes beside the writer; 0 analyses in-process "
              "(default: one per core).")
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
    tally = FailureTally()
    outcomes = iter_with_progress(tally.watch(outcomes_from_options(sources, fmt, mapping)),
                                  desc="ingesting")
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
    summary = {"db": db, **report.to_dict(), "archive_articles": total,
               "failures_by_reason": dict(tally.kinds)}
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
            f"{shown_db(db)} holds {total} articles"
        )
    if report.failures:
        click.echo(f"{tally.summary(report.failures)}; list them with: warta failures --db {shown_db(db)}",
                   err=True)
    sys.exit(EXIT_SOME_FAILED if report.failures else EXIT_OK)


@click.command("search")
@click.argument("query", nargs=-1, required=True)
@db_option
@click.option("--limit", "-n", default=10, show_default=True, type=click.IntRange(1, MAX_LIMIT),
              help="Hits per page.")
@click.option("--offset", default=0, show_default=True, type=click.IntRange(0, MAX_OFFSET),
              help="Hits to skip (paging).")
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True)
@click.option("--facets", is_flag=True, help="Also count hits per outlet, section and month.")
@json_option
@usage_errors
def search_command(query: tuple[str, ...], db: str, limit: int, offset: int, sort: str,
                   facets: bool, as_json: bool) -> None:
    """Search the archive: words, "phrases", AND/OR/NOT, title:, outlet:, section:,
    author:, entity:"...", date:2019-09-01..2019-09-30."""
    with _open_existing(db) as archive:
        result = archive.search(" ".join(query), limit=limit, offset=offset, sort=sort, facets=facets)
    if as_json:
        _emit(result.to_dict())
        return
    more = "" if result.total_exact else "more than "  # the backend stopped counting
    click.echo(f"{more}{result.total} articles match {safe(result.query)}")
    for rank, hit in enumerate(result.hits, start=offset + 1):
        meta = " · ".join(x for x in (hit.outlet, hit.section, _day(hit.published)) if x)
        click.echo(f"{rank:>3}. {safe(hit.title or '(untitled)')}  [{safe(meta)}]  {safe(hit.id)}")
        if hit.snippet:
            click.echo("     " + _marked(hit.snippet, hit.highlights), color=None)
    for name, counts in result.facets.items():
        if counts:
            click.echo(f"{name}: " + ", ".join(f"{safe(v)} ({c})" for v, c in counts[:8]))


def _marked(snippet: str, highlights: list[tuple[int, int]] | list[list[int]]) -> str:
    """The snippet with its highlights in bold, every piece made terminal-safe (the bold
    codes are ours; the snippet's own control characters are shown, not sent)."""
    out, pos = [], 0
    for start, end in highlights:
        out.append(safe(snippet[pos:start]) + "\x1b[1m" + safe(snippet[start:end]) + "\x1b[0m")
        pos = end
    out.append(safe(snippet[pos:]))
    return "".join(out)


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
            raise StoreError(f"no article with id {article_id!r} in {shown_db(db)}; find ids with `warta search`")
        revisions = archive.revisions(article_id)
        copies = archive.copies(article_id)
    if as_json:
        _emit({**article.to_dict(), "revisions": [
            {"revision": r.revision, "replaced_at": r.replaced_at} for r in revisions
        ], "copies": copies})
        return
    click.echo(safe(article.title or "(untitled)"))
    meta = [article.outlet, article.section, article.published.isoformat() if article.published else None,
            ", ".join(article.authors) or None]
    click.echo(safe(" · ".join(m for m in meta if m)))
    click.echo(safe(f"id {article.id}" + (f"  {article.url}" if article.url else "")))
    click.echo("")
    for paragraph in article.paragraphs:
        click.echo(safe(paragraph) + "\n")
    for link in article.read_also:
        target = f"{link.id} ({link.match} match)" if link.id and link.match else link.id
        click.echo(safe(f"Baca juga: {link.title}  → {target or 'not in the archive'}"))
    if revisions:
        click.echo(f"{len(revisions)} earlier revision(s)")
    if copies:
        click.echo("copies: " + safe(", ".join(copies)))


@click.command("related")
@click.argument("article_id")
@db_option
@click.option("-k", "k", default=5, show_default=True, type=click.IntRange(1, 100),
              help="How many related articles.")
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
        click.echo(safe(f"{rank}. {hit.title or '(untitled)'}  [{hit.outlet or '?'} · "
                        f"{_day(hit.published)}]  {hit.id}"))
        click.echo("   " + safe(_reasons(hit.to_dict())))


def _reasons(hit: dict[str, Any]) -> str:
    parts = []
    if hit["shared_terms"]:
        parts.append("terms: " + ", ".join(hit["shared_terms"][:6]))
    if hit["shared_entities"]:
        parts.append("entities: " + ", ".join(hit["shared_entities"][:4]))
    if hit["days_apart"] is not None:
        parts.append(f"{hit['days_apart']:g} days apart")
    return "; ".join(parts)


@click.command("quotes")
@click.argument("speaker")
@db_option
@click.option("--public", "speaker_kind", flag_value="public", default=None,
              help="Only quotes whose speaker is a public figure in its article: an office, an "
                   "organisation's spokesperson, a known public person.")
@click.option("--private", "speaker_kind", flag_value="private",
              help="Only quotes whose speaker is a private person: a resident, a trader, a driver "
                   "(data/speaker_kinds.tsv, extended by $WARTA_SPEAKER_WORDS), or someone named "
                   "with no office.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 100),
              help="Quotes per page.")
@click.option("--offset", default=0, show_default=True, type=click.IntRange(0, 100_000),
              help="Quotes to skip.")
@json_option
@usage_errors
def quotes_command(speaker: str, db: str, speaker_kind: str | None, limit: int, offset: int,
                   as_json: bool) -> None:
    """Quotes by SPEAKER (a name, alias or slug), newest article first — the listing GET
    /api/quotes gives. Quotes stored before schema 19 get their speaker kind from migration
    19 (`warta migrate`); a quote whose speaker cannot be decided has none, and --public and
    --private leave it out."""
    with _open_existing(db) as archive:
        info = archive.find_entity(speaker)
        if info is None:
            raise StoreError(f"no speaker {speaker!r} in {shown_db(db)}; find names with `warta stats`")
        total, items = archive.quotes_by(info, limit=limit, offset=offset, speaker_kind=speaker_kind)
    if as_json:
        _emit({"speaker": info.to_dict(), "total": total, "limit": limit, "offset": offset,
               "items": items})
        return
    click.echo(safe(f"{total} quote(s) by {info.name}"))
    for q in items:
        who = q["speaker"] + (f", {q['role']}" if q["role"] else "")
        click.echo(safe(f"- “{q['text']}” — {who} [{q['speaker_kind'] or 'kind not decided'}]  "
                        f"{q['article_id']} ({_day(q['published'])})"))


@click.command("stats")
@db_option
@json_option
@usage_errors
def stats_command(db: str, as_json: bool) -> None:
    """Counts of the archive: articles, revisions, failures, entities, links, stories, size."""
    with _open_existing(db) as archive:
        stats = archive.stats()
        entities = [e.to_dict() for e in archive.entities(limit=10)]
    if as_json:
        _emit({**stats, "top_entities": entities})
        return
    for key in ("articles", "revisions", "failures", "enriched", "entities", "entity_mentions",
                "quotes", "read_also", "read_also_resolved", "stories", "multi_article_stories",
                "first_published", "last_published", "bytes", "bytes_per_article",
                "search_engine", "analyzer"):
        click.echo(f"{key:20} {safe(stats[key])}")
    click.echo("outlets              " + safe(", ".join(f"{o['value']} ({o['count']})" for o in stats["outlets"])))


@click.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "parquet"]), default="jsonl", show_default=True)
@click.option("--output", "-o", default="-", show_default=True, help="File to write; - is stdout (jsonl only).")
@usage_errors
def export_command(db: str, fmt: str, output: str) -> None:
    """Write every archived article: JSON lines (Article format) or a Parquet table."""
    from warta.store.export import export_jsonl, export_parquet

    if fmt == "parquet" and output == "-":
        raise UsageError("parquet needs a file: add --output archive.parquet")
    with _open_existing(db) as archive:
        if fmt == "jsonl":
            count = export_jsonl(archive, output)
        else:
            count = export_parquet(archive, output)
    click.echo(f"exported {count} articles to {safe(output)}", err=True)


@click.command("failures")
@db_option
@click.option("--export", "export_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also write each failure's raw bytes to a file in this folder, plus index.json.")
@json_option
@usage_errors
def failures_command(db: str, export_dir: Path | None, as_json: bool) -> None:
    """List the documents that failed to ingest: reason, source, time, raw bytes kept."""
    with _open_existing(db) as archive:
        total, failures = archive.list_failures()
        exported = _export_failures(archive, failures, export_dir) if export_dir else None
    if as_json:
        _emit({"db": db, "total": total, "failures": [
            {**f.to_dict(), **({"file": exported[f.number]} if exported is not None else {})}
            for f in failures
        ]})
        return
    if not failures:
        click.echo(f"no failed documents in {shown_db(db)}")
        return
    for f in failures:
        kept = f"{f.raw_bytes} bytes kept" if f.raw_bytes else "no bytes kept"
        click.echo(f"{f.number:>5}  {f.recorded_at}  {failure_kind(f.source, f.reason)}  "
                   f"({kept})  {safe(f.source)}")
        click.echo(f"       {safe(f.reason)}")
    click.echo(f"{total} failed documents in {shown_db(db)}")
    if export_dir is not None:
        files = sum(1 for name in (exported or {}).values() if name)
        click.echo(f"wrote the raw bytes of {files} failures and index.json to {safe(export_dir)}")
    else:
        click.echo(f"write their raw bytes to files with: warta failures --db {shown_db(db)} --export DIR")


def _export_failures(archive: Archive, failures: list[Any], folder: Path) -> dict[int, str | None]:
    """Write each failure's raw bytes to ``folder/NNNNN-<source name>`` and an index.json
    describing all of them; returns number → file name (None: no bytes were kept)."""
    import re

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"--export {folder}: cannot create the folder ({exc.strerror}); "
                         "give a folder you can write") from None
    names: dict[int, str | None] = {}
    for f in failures:
        raw = archive.failure_raw(f.number)
        if raw is None:
            names[f.number] = None
            continue
        # the source names the file, reduced to safe characters (it may be a URL or hostile)
        stem = re.sub(r"[^\w.-]+", "_", Path(f.source.rstrip("/")).name).strip("._")[:80] or "raw"
        names[f.number] = name = f"{f.number:05d}-{stem}"
        (folder / name).write_bytes(raw)
    index = [{**f.to_dict(), "file": names[f.number]} for f in failures]
    (folder / "index.json").write_text(json.dumps(index, ensure_ascii=False, indent=2) + "\n",
                                       encoding="utf-8")
    return names


@click.command("migrate")
@db_option
@usage_errors
def migrate_command(db: str) -> None:
    """Bring an archive made by an older warta to this version's schema (ingest does too)."""
    from warta.store import is_database_url
    from warta.store.sqlite_open import check_db_path

    if not is_database_url(db):
        check_db_path(db, must_exist=True)
    with open_archive(db) as archive:
        version = archive.stats()["schema_version"]
    click.echo(f"{shown_db(db)} is at schema version {version}")


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
        click.echo(f"building {shown_db(db)} from {what} …")
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
    s = shown["stats"]
    click.echo(f"\n{s['articles']} articles in {shown_db(db)} ({s['bytes_per_article']} bytes each), "
               f"{s['failures']} failed documents kept, {s['read_also_resolved']} 'Baca juga' links "
               f"resolved; took {shown['seconds']} s")
    search = shown["search"]
    click.echo(f"\n$ warta search --db {shown_db(db)} '{search['query']}'   → {search['total']} articles")
    for hit in search["hits"]:
        click.echo(safe(f"  • {hit['title']}  [{hit['outlet']} · {_day(hit['published'])}]  {hit['id']}"))
        click.echo("    " + _marked(hit["snippet"], hit["highlights"]))
    if shown["related_of"]:
        about = shown["related_of"]
        click.echo(safe(f"\n$ warta related --db {shown_db(db)} {about['id']}   ({about['title']})"))
        for hit in shown["related"]:
            click.echo(safe(f"  • {hit['title']}  [{hit['outlet']} · {_day(hit['published'])}]"))
            click.echo("    " + safe(_reasons(hit)))
    click.echo(f"\nnext: warta search --db {shown_db(db)} 'your words', warta show --db {shown_db(db)} ID, warta stats --db {shown_db(db)}")


def register(group: click.Group) -> None:
    """Add the archive commands to the ``warta`` group."""
    for command in (ingest_command, search_command, show_command, related_command, quotes_command,
                    stats_command, export_command, failures_command, migrate_command, demo_command):
        group.add_command(command)
