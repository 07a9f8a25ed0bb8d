"""``warta parse``: documents in, one Article per line as JSON out."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import outcomes_from_options, pages_to_articles, usage_errors, write_articles

__all__ = ["register"]


@click.command("parse")
@pages_to_articles
@usage_errors
def parse_command(sources: tuple[str, ...], fmt: str | None, mapping: str | None, pretty: bool, failures: Path) -> None:
    """Parse news pages into Articles, one JSON object per line.

    A PATH may be a page (text or HTML), a folder, or an export (.json, .jsonl, .csv,
    optionally .gz) whose rows are articles; `-` reads standard input. Exit status: 0 all
    parsed, 3 some failed, 2 bad usage.
    """
    sys.exit(write_articles(outcomes_from_options(sources, fmt, mapping), pretty=pretty, failures=failures))


def register(group: click.Group) -> None:
    """Add this module's commands to the ``warta`` group."""
    group.add_command(parse_command)
