"""``warta parse``: documents in, one Article per line as JSON out."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    FailureLog,
    iter_with_progress,
    outcomes_from_options,
    source_options,
    usage_errors,
)

# Re-exported for other stages' commands (ingest, enrich) that take the same sources.
__all__ = ["register", "source_options"]


@click.command("parse")
@click.argument("sources", nargs=-1, metavar="PATH|URL|-...")
@source_options
@click.option("--pretty", is_flag=True, help="Indented JSON for people (one object per document).")
@click.option(
    "--failures",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("warta-failures.jsonl"),
    show_default=True,
    help="Append failed documents (source, reason, raw bytes) here.",
)
@usage_errors
def parse_command(sources: tuple[str, ...], fmt: str | None, mapping: str | None, pretty: bool, failures: Path) -> None:
    """Parse news pages into Articles, one JSON object per line.

    A PATH may be a page (text or HTML), a folder, or an export (.json, .jsonl, .csv,
    optionally .gz) whose rows are articles; `-` reads standard input. Exit status: 0 all
    parsed, 3 some failed, 2 bad usage.
    """
    log = FailureLog(failures)
    total = 0
    out = sys.stdout
    for outcome in iter_with_progress(outcomes_from_options(sources, fmt, mapping)):
        total += 1
        if outcome.failure:
            log.record(outcome)
            continue
        article = outcome.article
        assert article is not None
        for warning in article.warnings:
            click.echo(f"warning: {outcome.source}: {warning}", err=True)
        out.write(article.to_json(pretty=pretty) + "\n")
    log.summary(total)
    sys.exit(EXIT_SOME_FAILED if log.count else EXIT_OK)


def register(group: click.Group) -> None:
    """Add this module's commands to the ``warta`` group."""
    group.add_command(parse_command)
