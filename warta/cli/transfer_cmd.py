"""``warta migrate-archive SRC DST``: copy an archive between SQLite and PostgreSQL."""

from __future__ import annotations

import click

from warta.cli.common import json_text, shown_db, usage_errors


@click.command("migrate-archive")
@click.argument("src")
@click.argument("dst")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@usage_errors
def migrate_archive_command(src: str, dst: str, as_json: bool) -> None:
    """Copy the archive SRC into DST (a SQLite file or postgresql://… each way), verified by
    counts and hashes; rerun after an interruption to resume, after success to re-verify."""
    from warta.store.transfer import migrate_archive

    report = migrate_archive(src, dst)
    if as_json:
        click.echo(json_text(report.to_dict()))
        return
    resumed = f" (resumed after {report.resumed_after})" if report.resumed_after else ""
    click.echo(f"copied {report.articles_copied} articles{resumed} from {shown_db(src)} to "
               f"{shown_db(dst)}; verified: {report.counts['articles']} articles, "
               f"{report.counts['revisions']} revisions, {report.counts['failures']} failures, "
               f"same content hashes ({report.digest})")


def register(group: click.Group) -> None:
    """Add the command to the ``warta`` group."""
    group.add_command(migrate_archive_command)
